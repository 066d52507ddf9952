"""The year's state as the moves leave it: its typed home (``YearState``), what each person's
moves add up to (``PersonYear``), each plan by source (``Plan``), each move's result
(``MoveResult``) and the year's outcome (``IraYear``). The moves of ``ira`` and ``plan`` read and
change it; ``year.apply`` runs them in order and closes the year. Nothing here applies a rule."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Callable

from rothroute.errors import Issue
from rothroute.household.model import Account, Household
from rothroute.household.moves import Move
from rothroute.money import as_number
from rothroute.moves import form_8606
from rothroute.moves.form_1099r import Form1099R
from rothroute.moves.rmd import requirements
from rothroute.vocab import AccountKind, Severity

Refuse = Callable[..., None]  # (code, message, cites, field name): refuses the move it was made for


@dataclass
class PersonYear:
    """What a person's moves add up to over the year (cents)."""

    nondeductible: int = 0  # Form 8606 line 1
    deductible: int = 0  # IRA contributions deducted (Schedule 1 line 20)
    next_year: int = 0  # traditional IRA contributions for this year made Jan 1-Apr 15 of next year
    made_in_year: int = 0  # ... and those made by December 31
    distributions: int = 0  # line 7
    long_term_gains: int = 0  # realized by sales from the person's taxable accounts (a loss negative)
    conversions: int = 0  # line 8
    roth_contributions: int = 0
    contributions_for_year: int = 0  # traditional + Roth, for this tax year (the §219(b) / §408A(c)(2) limit)
    rmd_left: int = 0  # RMD dollars still to come out before any may be rolled over or converted
    rmd_payments: list[tuple[_dt.date, int]] = field(default_factory=list)  # the RMD part of each withdrawal
    conversion_moves: list[int] = field(default_factory=list)
    withdrawal_moves: list[int] = field(default_factory=list)
    qcd: int = 0  # qualified charitable distributions (IRC §408(d)(8)), before the limit
    qcd_moves: list[int] = field(default_factory=list)
    qcd_excluded: int = 0  # of them, excluded from income (Form 1040 line 4a less 4b, marked QCD)
    qcd_offset_left: int = 0  # the §408(d)(8)(A) offset carried to next year
    rolled_basis: int = 0  # plan after-tax money rolled into a traditional IRA: Form 8606 line 2
    plan_layers: list[tuple[int, int]] = field(default_factory=list)  # plan money rolled to a Roth IRA
    drac_basis: int = 0  # designated Roth basis rolled to a Roth IRA: regular contributions
    roth_layers_in: list[list[int]] = field(default_factory=list)  # in-plan Roth rollover money rolled to a Roth IRA
    rolled_out_pretax: int = 0  # IRA money rolled into a plan
    plan_taxable: int = 0
    plan_early: int = 0
    plan_recapture_tax: int = 0  # 10% on in-plan Roth rollover money within its 5 years, paid out (not income)
    in_plan_rollover_taxable: int = 0  # the taxable part of in-plan Roth rollovers (part of plan_taxable)
    roth_taxable: int = 0  # Roth IRA withdrawals taxed as earnings
    deferrals: int = 0  # elective deferrals this year, all plans (IRC §402(g))
    pretax_deferrals: int = 0  # excluded from wages (IRC §402(e)(3))
    additions: dict[str, int] = field(default_factory=dict)  # plan -> 415(c) annual additions
    last_60_day: _dt.date | None = None
    roth_withdrawal_moves: list[int] = field(default_factory=list)
    deductible_asked: int = 0  # contributions made as deductible, before the §219(g) limit
    roth_for_last_year: bool = False  # a Roth IRA contribution made this year for last year

    def count_toward_rmd(self, on: _dt.date, amount: int) -> None:
        """An IRA distribution (or QCD) of ``amount`` on ``on``: its first dollars pay the RMD still due."""
        if self.rmd_left:
            self.rmd_payments.append((on, min(self.rmd_left, amount)))
        self.rmd_left = max(0, self.rmd_left - amount)

    @property
    def line_4(self) -> int:
        """Form 8606 line 4: the part of line 1 made from January 1 through April 15 of next year.
        With deductible and nondeductible contributions both, the contributions made during the
        year may be treated first as the nondeductible ones, or the other way round (Instructions
        for Form 8606 (2016), line 4, p. 7); rothroute takes the first choice, which keeps line 4,
        the basis left out of this year's ratio, smallest. A deductible contribution is never on
        line 4: it is not on line 1."""
        return min(self.next_year, max(0, self.nondeductible - self.made_in_year))

    def roth_started(self, tax_year: int) -> int | None:
        """The taxable year this year's Roth IRA money would start the 5-year period in: the year a
        regular contribution is *for* (one made by April 15 for last year counts from last year),
        or this year for conversions and rollovers (Treas. Reg. §1.408A-6 Q&A-2)."""
        if self.roth_for_last_year:
            return tax_year - 1
        if self.conversions or self.roth_contributions or self.plan_layers or self.drac_basis or self.roth_layers_in:
            return tax_year
        return None


@dataclass
class MoveResult:
    index: int
    permitted: bool
    amount: int = 0
    taxable: int = 0
    nontaxable: int = 0
    additional_tax: int = 0
    withholding: int = 0
    early: bool = False
    forms_1099r: list[Form1099R] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "permitted": self.permitted, "taxable": as_number(self.taxable),
                "nontaxable": as_number(self.nontaxable), "additional_tax": as_number(self.additional_tax),
                "withholding": as_number(self.withholding),
                "forms_1099r": [f.to_json() for f in self.forms_1099r]}


@dataclass
class Plan:
    """A plan's sub-accounts during the year (cents), and the RMD still to come out of it."""

    pretax: int
    at_contributions: int
    at_earnings: int
    pre_1987: int
    roth_contributions: int
    roth_earnings: int
    rmd_left: int = 0  # RMD dollars still to come out before any may be rolled over (``rmd.py``)
    roth_first_year: int | None = None  # starts the designated Roth account's 5 years (IRC §402A(d)(2)(B))
    # in-plan Roth rollovers whose money is in the designated Roth account, oldest first:
    # [year, taxable, nontaxable] (IRC §402A(c)(4)(D); IRS Notice 2010-84 Q&A-12)
    irr_layers: list[list[int]] = field(default_factory=list)
    rmd_payments: list[tuple[Any, int]] = field(default_factory=list)  # (date, the RMD part of a distribution)

    @classmethod
    def of(cls, a: Account, rmd: int = 0) -> Plan:
        s = a.sources
        assert s is not None
        return cls(s.pretax, s.after_tax_contributions, s.after_tax_earnings, s.pre_1987_contributions,
                   s.roth_contributions, s.roth_earnings, rmd, s.roth_first_year,
                   [[x.year, x.taxable, x.nontaxable] for x in sorted(s.roth_in_plan_rollovers, key=lambda x: x.year)])

    def copy(self) -> Plan:
        return dataclasses.replace(self, irr_layers=[list(x) for x in self.irr_layers],
                                   rmd_payments=list(self.rmd_payments))

    def add_irr_layers(self, layers: list[list[int]]) -> None:
        """In-plan Roth rollover money arriving (its own rollover years kept), oldest first."""
        self.irr_layers = sorted(self.irr_layers + [list(x) for x in layers if x[1] or x[2]], key=lambda x: x[0])

    def start_roth_clock(self, year: int) -> None:
        """Roth money arrives in year ``year``: the 5 years run from the earlier start."""
        self.roth_first_year = year if self.roth_first_year is None else min(self.roth_first_year, year)

    @property
    def total(self) -> int:
        return self.pretax + self.at_contributions + self.at_earnings + self.roth_contributions + self.roth_earnings


@dataclass
class IraYear:
    """The outcome of the year's moves, IRA and plan alike, with each person's Form 8606."""

    balances: dict[str, int]
    people: dict[str, PersonYear]
    forms: dict[str, form_8606.Form8606]
    results: dict[int, MoveResult]
    issues: list[Issue]
    plans: dict[str, Plan] = field(default_factory=dict)
    roth: dict[str, Any] = field(default_factory=dict)  # person -> roth_ira.RothYear after the year
    taxable: int = 0  # to Form 1040 lines 4b and 5b
    early_taxable: int = 0  # subject to IRC §72(t)
    recapture_tax: int = 0  # 10% on Roth conversion money within its 5 years (not income)
    context: YearState | None = None  # the state the moves left, before the year-end forms (to continue)

    @property
    def deduction(self) -> int:
        return sum(year.deductible for year in self.people.values())

    @property
    def long_term_gains(self) -> int:
        """Gains realized by the year's sales from taxable accounts (Schedule D line 8b-10)."""
        return sum(year.long_term_gains for year in self.people.values())

    @property
    def pretax_deferrals(self) -> int:
        """Elective deferrals excluded from wages (IRC §402(e)(3)): the file's wages are before them."""
        return sum(year.pretax_deferrals for year in self.people.values())

    def retirement_income(self, person_id: str) -> dict[str, int]:
        """A person's taxable retirement income from the year's moves by the kind state rules tell
        apart: IRA distributions (``ira``, Roth IRA earnings included), Roth conversions and plan
        money rolled to a Roth IRA or in-plan to designated Roth (``conversion``), and plan money
        paid out (``plan``)."""
        form = self.forms.get(person_id)
        year = self.people[person_id]
        to_roth = sum(t for t, _ in year.plan_layers) + year.in_plan_rollover_taxable
        return {"ira": (form.l15c if form else 0) + year.roth_taxable,
                "conversion": (form.l18 if form else 0) + to_roth,
                "plan": year.plan_taxable - to_roth, "long_term_gains": year.long_term_gains}

    def roth_layer(self, person_id: str) -> tuple[int, int]:
        """This year's conversion layer of the person's Roth IRA (taxable, nontaxable): IRA
        conversions and plan rollovers received in a year are one layer (Reg. §1.408A-6 Q&A-9(c))."""
        form = self.forms.get(person_id)
        year = self.people[person_id]
        taxable = (form.l18 if form else 0) + sum(t for t, _ in year.plan_layers)
        nontaxable = (form.l17 if form else 0) + sum(n for _, n in year.plan_layers)
        return taxable, nontaxable


class YearState:
    """The year as the moves leave it, move by move: the accounts, their balances, each plan by
    source, each person's year, each move's result and the issues; what every move reads and
    changes (``ira``, ``plan``), and what ``year.apply`` turns into the year's outcome."""

    def __init__(self, accounts: dict[str, Account], balances: dict[str, int], plans: dict[str, Plan],
                 people: dict[str, PersonYear], results: dict[int, MoveResult], issues: list[Issue]) -> None:
        self.accounts, self.balances, self.plans = accounts, balances, plans
        self.people, self.results, self.issues = people, results, issues
        # taxable accounts: basis left, and the year's sales [proceeds, basis sold]
        self.basis = {a.id: a.cost_basis for a in accounts.values() if a.kind is AccountKind.TAXABLE}
        self.sales: dict[str, list[int]] = {}

    def refuser(self, move: Move) -> Refuse:
        """A function that refuses ``move``: it stays unapplied, and an error names it, the reason
        and the authority."""
        def refuse(code: str, message: str, cites: tuple[str, ...], field_name: str = "") -> None:
            self.results[move.index] = MoveResult(index=move.index, permitted=False)
            where = f"moves[{move.index}]" + (f".{field_name}" if field_name else "")
            self.issues.append(Issue(severity=Severity.ERROR, code=code, where=where, message=message, cites=cites))
        return refuse

    def result(self, move: Move, amount: int) -> MoveResult:
        r = MoveResult(index=move.index, permitted=True, amount=amount)
        self.results[move.index] = r
        return r

    def add_plan_income(self, owner: str, taxable: int, early_taxable: int, result: MoveResult, *,
                        recapture: int = 0) -> None:
        """A plan move's income; ``early_taxable`` of it, and ``recapture`` (in-plan Roth rollover
        money, not income), bear the 10% additional tax (IRC §72(t); §402A(c)(4)(D))."""
        year = self.people[owner]
        year.plan_taxable += taxable
        year.plan_early += early_taxable
        recapture_tax = (recapture + 5) // 10
        year.plan_recapture_tax += recapture_tax
        result.additional_tax = (early_taxable + 5) // 10 + recapture_tax


def start(h: Household) -> YearState:
    """The state on January 1: the file's balances, and each person's RMD still to come out
    (last year's deferred first RMD and this year's: the first dollars out, ``rmd.py``)."""
    accounts = {a.id: a for a in h.accounts}
    balances = {a.id: a.value for a in h.accounts}
    people = {p.id: PersonYear() for p in h.people}
    first_dollars = {(r.owner, r.account): r.first_dollars for r in requirements(h)}
    for p in h.people:
        people[p.id].rmd_left = first_dollars[(p.id, None)]
        people[p.id].last_60_day = p.last_60_day_ira_rollover
    plans = {a.id: Plan.of(a, first_dollars.get((a.owner, a.id), 0)) for a in h.accounts
             if a.sources is not None}
    return YearState(accounts, balances, plans, people, {}, [])


def resolve_amount(amount: int | None, account_id: str, balances: dict[str, int], verb: str,
                   refuse: Refuse) -> int | None:
    """The amount a move takes from an account (None: all of it), or None after refusing one
    that the account does not hold."""
    held = balances[account_id]
    wanted = held if amount is None else amount
    if wanted <= 0 or wanted > held:
        refuse("amount_exceeds_balance", f"{verb} ${wanted / 100:,.2f} from '{account_id}', which holds "
               f"${held / 100:,.2f}.", (), "amount")
        return None
    return wanted


def owner_account(ctx: YearState, refuse: Refuse, account_id: str, field_name: str,
                  kinds: tuple[AccountKind, ...]) -> Account | None:
    """The account a move names, of one of ``kinds``; None after refusing the move."""
    account = ctx.accounts.get(account_id)
    if account is None:
        refuse("unknown_account", f"No account '{account_id}' in the file.", (), field_name)
        return None
    if account.kind not in kinds:
        refuse("wrong_account_kind",
               f"'{account_id}' is a {account.kind}; this move needs one of: {', '.join(kinds)}.", (), field_name)
        return None
    return account


