"""IRA moves of one tax year: contributions, conversions and withdrawals, priced with the
year-end Form 8606 of each person (IRC §408(d)(2): one contract, one distribution, valued at
December 31)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from rothroute.errors import Issue
from rothroute.household.model import Account, Household, Person, RothIra
from rothroute.money import as_number, dollars
from rothroute.moves import form_8606
from rothroute.household.moves import Contribution, Conversion, Move, Rollover, Withdrawal
from rothroute.moves.rmd import requirements
from rothroute.params import YearParams
from rothroute.roth_ira import age_59_half_on
from rothroute.vocab import NON_ROTH_IRAS, PLAN_KINDS, AccountKind, FilingStatus, IncomeKind, Severity

CATCH_UP_AGE = 50  # IRC §219(b)(5)(B)


@dataclass
class PersonYear:
    """What a person's moves add up to over the year (cents)."""

    nondeductible: int = 0  # Form 8606 line 1
    deductible: int = 0  # IRA contributions deducted (Schedule 1 line 20)
    next_year: int = 0  # traditional IRA contributions for this year made Jan 1-Apr 15 of next year
    made_in_year: int = 0  # ... and those made by December 31
    distributions: int = 0  # line 7
    conversions: int = 0  # line 8
    roth_contributions: int = 0
    contributions_for_year: int = 0  # traditional + Roth, for this tax year (the §219(b) / §408A(c)(2) limit)
    rmd_left: int = 0  # RMD dollars still to come out before any may be rolled over or converted
    rmd_payments: list[tuple[_dt.date, int]] = field(default_factory=list)  # the RMD part of each withdrawal
    conversion_moves: list[int] = field(default_factory=list)
    withdrawal_moves: list[int] = field(default_factory=list)
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
    forms_1099r: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "permitted": self.permitted, "taxable": as_number(self.taxable),
                "nontaxable": as_number(self.nontaxable), "additional_tax": as_number(self.additional_tax),
                "withholding": as_number(self.withholding), "forms_1099r": self.forms_1099r}


@dataclass
class IraYear:
    """The outcome of the year's IRA moves."""

    balances: dict[str, int]
    people: dict[str, PersonYear]
    forms: dict[str, form_8606.Form8606]
    results: dict[int, MoveResult]
    issues: list[Issue]
    plans: dict[str, Any] = field(default_factory=dict)
    roth: dict[str, Any] = field(default_factory=dict)  # person -> roth_ira.RothYear after the year
    taxable: int = 0  # to Form 1040 lines 4b and 5b
    early_taxable: int = 0  # subject to IRC §72(t)
    recapture_tax: int = 0  # 10% on Roth conversion money within its 5 years (not income)
    context: Any = None  # the state the moves left, before the year-end forms (to continue the year)

    @property
    def deduction(self) -> int:
        return sum(year.deductible for year in self.people.values())

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
                "plan": year.plan_taxable - to_roth}

    def roth_layer(self, person_id: str) -> tuple[int, int]:
        """This year's conversion layer of the person's Roth IRA (taxable, nontaxable): IRA
        conversions and plan rollovers received in a year are one layer (Reg. §1.408A-6 Q&A-9(c))."""
        form = self.forms.get(person_id)
        year = self.people[person_id]
        taxable = (form.l18 if form else 0) + sum(t for t, _ in year.plan_layers)
        nontaxable = (form.l17 if form else 0) + sum(n for _, n in year.plan_layers)
        return taxable, nontaxable


class _Context:
    """What the plan moves read and change (see ``plan.py``)."""

    def __init__(self, accounts: dict[str, Account], balances: dict[str, int], plans: dict[str, Any],
                 people: dict[str, PersonYear], results: dict[int, MoveResult], issues: list[Issue]) -> None:
        self.accounts, self.balances, self.plans = accounts, balances, plans
        self.people, self.results, self.issues = people, results, issues

    def refuser(self, move: Move) -> Any:
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


def _start(h: Household) -> _Context:
    """The state on January 1: the file's balances, and each person's RMD still to come out
    (last year's deferred first RMD and this year's: the first dollars out, ``rmd.py``)."""
    accounts = {a.id: a for a in h.accounts}
    balances = {a.id: a.value for a in h.accounts}
    people = {p.id: PersonYear() for p in h.people}
    first_dollars = {(r.owner, r.account): r.first_dollars for r in requirements(h)}
    for p in h.people:
        people[p.id].rmd_left = first_dollars[(p.id, None)]
        people[p.id].last_60_day = p.last_60_day_ira_rollover
    from rothroute.moves import plan as plan_moves

    plans = {a.id: plan_moves.Plan.of(a, first_dollars.get((a.owner, a.id), 0)) for a in h.accounts
             if a.sources is not None}
    return _Context(accounts, balances, plans, people, {}, [])


def apply(h: Household, yp: YearParams, moves: list[Move], *, ratio_places: int | None = None,
          roth_magi: dict[str, int] | None = None, deductible_allowed: dict[str, int] | None = None,
          resume: _Context | None = None) -> IraYear:
    """Apply the moves in date order (same-day moves in file order). ``roth_magi`` and
    ``deductible_allowed`` come from a first pass: the MAGI limits need the year's AGI.
    ``resume``: the state a earlier call left (``IraYear.context``, copied), to continue the year
    with later moves instead of starting from the file's January 1 state."""
    ctx = resume or _start(h)
    balances, plans, people = ctx.balances, ctx.plans, ctx.people
    results, issues = ctx.results, ctx.issues
    wages = {p.id: sum(i.amount for i in h.income if i.kind is IncomeKind.WAGES and i.person in (p.id, None))
             for p in h.people}
    from rothroute.moves import plan as plan_moves

    for move in sorted(moves, key=lambda m: (m.on, m.index)):
        if isinstance(move, plan_moves.Distribution):
            plan_moves.apply_distribution(h, move, ctx)
        elif isinstance(move, plan_moves.InPlanRothRollover):
            plan_moves.apply_in_plan_roth_rollover(h, move, ctx)
        elif isinstance(move, plan_moves.RollIn):
            plan_moves.apply_roll_in(h, move, ctx)
        elif isinstance(move, Rollover):
            _rollover(h, move, ctx)
        elif isinstance(move, Conversion):
            _conversion(h, move, ctx)
        elif isinstance(move, Withdrawal):
            _withdrawal(h, move, ctx)
        elif move.to_account in plans:
            plan_moves.apply_plan_contribution(h, yp, move, ctx, wages)
        else:
            _contribution(h, yp, move, ctx, wages, roth_magi, deductible_allowed)
    forms: dict[str, form_8606.Form8606] = {}
    outcome = IraYear(balances=balances, people=people, forms=forms, results=results, issues=issues, plans=plans,
                      context=ctx)
    for p in h.people:
        year = people[p.id]
        own = [a for a in h.accounts if a.owner == p.id and a.kind in NON_ROTH_IRAS]
        december_31 = sum(balances[a.id] if a.december_31_value is None else a.december_31_value for a in own)
        worksheet = None
        if year.deductible_asked and (year.distributions or year.conversions) and deduction_phaseout(p, h, yp) is not None:
            worksheet = form_8606.worksheet_1_1(
                prior_basis=p.ira_basis + year.rolled_basis, contributions=year.nondeductible + year.deductible,
                december_31_value=december_31, distributions=year.distributions, conversions=year.conversions,
                ratio_places=ratio_places)
        form = form_8606.compute(nondeductible=year.nondeductible, prior_basis=p.ira_basis + year.rolled_basis,
                                 next_year_contributions=year.line_4, december_31_value=december_31,
                                 distributions=year.distributions, conversions=year.conversions,
                                 ratio_places=ratio_places, worksheet=worksheet,
                                 worksheet_only=deductible_allowed is None)
        forms[p.id] = form
        _allocate(results, year.conversion_moves, form.l17)
        _allocate(results, year.withdrawal_moves, form.l12)
        outcome.taxable += form.l18 + form.l15c + year.plan_taxable
        outcome.early_taxable += year.plan_early
        outcome.recapture_tax += year.plan_recapture_tax
        _roth_distributions(h, p, outcome)
        for index in year.withdrawal_moves:
            r = results[index]
            if r.early:
                r.additional_tax = (r.taxable + 5) // 10
                outcome.early_taxable += r.taxable
    return outcome


def resolve_amount(amount: int | None, account_id: str, balances: dict[str, int], verb: str,
                   refuse: Any) -> int | None:
    """The amount a move takes from an account (None: all of it), or None after refusing one
    that the account does not hold."""
    held = balances[account_id]
    wanted = held if amount is None else amount
    if wanted <= 0 or wanted > held:
        refuse("amount_exceeds_balance", f"{verb} ${wanted / 100:,.2f} from '{account_id}', which holds "
               f"${held / 100:,.2f}.", (), "amount")
        return None
    return wanted


def _allocate(results: dict[int, MoveResult], indexes: list[int], nontaxable: int) -> None:
    """Share a nontaxable total among moves in proportion to their amounts (the last takes the
    remainder), so that each move's taxable + nontaxable is its amount, to the cent."""
    total = sum(results[i].amount for i in indexes)
    left = nontaxable
    for k, index in enumerate(indexes):
        r = results[index]
        share = left if k == len(indexes) - 1 else (nontaxable * r.amount * 2 + total) // (2 * total)
        share = min(share, r.amount, left)
        left -= share
        r.nontaxable, r.taxable = share, r.amount - share


def _owner_account(ctx: _Context, refuse: Any, account_id: str, field_name: str,
                   kinds: tuple[AccountKind, ...]) -> Account | None:
    account = ctx.accounts.get(account_id)
    if account is None:
        refuse("unknown_account", f"No account '{account_id}' in the file.", (), field_name)
        return None
    if account.kind not in kinds:
        refuse("wrong_account_kind",
                f"'{account_id}' is a {account.kind}; this move needs one of: {', '.join(kinds)}.", (), field_name)
        return None
    return account


def _conversion(h: Household, move: Conversion, ctx: _Context) -> None:
    refuse, accounts, balances, people = ctx.refuser(move), ctx.accounts, ctx.balances, ctx.people
    source = accounts.get(move.from_account)
    if source is not None and source.kind is AccountKind.INHERITED_IRA:
        refuse("inherited_ira_conversion",
                "An inherited IRA of a non-spouse beneficiary cannot be converted or rolled over.",
                ("IRC §408(d)(3)(C)", "IRC §408A(d)(3)(B)", "Notice 2008-30 Q&A-7"), "from")
        return
    source = _owner_account(ctx, refuse, move.from_account, "from", NON_ROTH_IRAS)
    target = _owner_account(ctx, refuse, move.to_account, "to", (AccountKind.ROTH_IRA,)) \
        if source else None
    if source is None or target is None:
        return
    if source.owner != target.owner:
        refuse("conversion_to_another_person",
                f"A conversion goes to the owner's own Roth IRA; '{target.id}' belongs to {target.owner}.",
                ("IRC §408(a)", "IRC §408A(d)(3)(A)"), "to")
        return
    year = people[source.owner]
    amount = resolve_amount(move.amount, source.id, balances, "Converting",
                            refuse)
    if amount is None:
        return
    if year.rmd_left > 0:
        refuse("conversion_of_rmd",
                f"In an RMD year the first dollars out are the RMD (${year.rmd_left / 100:,.2f} still due) and cannot "
                "be converted; take the RMD first.",
                ("IRC §408(d)(3)(E)", "26 CFR §1.408A-4 Q&A-6", "Treas. Reg. §1.408-8(b)(3)",
                 "Treas. Reg. §1.402(c)-2(f)(1)"), "amount")
        return
    balances[source.id] -= amount
    balances[target.id] += amount
    year.conversions += amount
    year.conversion_moves.append(move.index)
    code = "7" if age_59_half_on(h.person(source.owner)) <= move.on else "2"
    ctx.result(move, amount).forms_1099r = [_ira_1099r(amount, code)]


def _ira_1099r(amount: int, code: str) -> dict[str, Any]:
    """The Form 1099-R an IRA custodian issues: box 2a = box 1 with 'taxable amount not
    determined' checked (the owner figures it on Form 8606), the IRA/SEP/SIMPLE box checked."""
    return {"box1": amount / 100, "box2a": amount / 100, "box2b_taxable_not_determined": True, "box4": 0,
            "box5": 0, "box10": 0, "box11": None, "codes": [code], "ira_sep_simple": True}


def _withdrawal(h: Household, move: Withdrawal, ctx: _Context) -> None:
    refuse, accounts, balances, people = ctx.refuser(move), ctx.accounts, ctx.balances, ctx.people
    roth = accounts.get(move.from_account)
    if roth is not None and roth.kind is AccountKind.ROTH_IRA:
        amount = resolve_amount(move.amount, roth.id, balances, "Withdrawing",
                                refuse)
        if amount is None:
            return
        balances[roth.id] -= amount
        people[roth.owner].roth_withdrawal_moves.append(move.index)
        ctx.result(move, amount).early = move.on < age_59_half_on(h.person(roth.owner))
        return
    source = _owner_account(ctx, refuse, move.from_account, "from", NON_ROTH_IRAS)
    if source is None:
        return
    amount = resolve_amount(move.amount, source.id, balances, "Withdrawing",
                            refuse)
    if amount is None:
        return
    year = people[source.owner]
    balances[source.id] -= amount
    year.distributions += amount
    if year.rmd_left:
        year.rmd_payments.append((move.on, min(year.rmd_left, amount)))
    year.rmd_left = max(0, year.rmd_left - amount)
    year.withdrawal_moves.append(move.index)
    early = move.on < age_59_half_on(h.person(source.owner))
    result = ctx.result(move, amount)
    result.early, result.forms_1099r = early, [_ira_1099r(amount, "1" if early else "7")]


def contribution_limit(person: Person, yp: YearParams) -> int:
    """The year's IRA limit for the person: the base limit plus the catch-up at 50 (IRC §219(b)(5))."""
    limits = yp.retirement_limits
    age = person.age_at_year_end(yp.year)
    return limits["ira_limit"] + (limits["ira_catch_up_50"] if age >= CATCH_UP_AGE else 0)


def deduction_phaseout(person: Person, h: Household, yp: YearParams) -> tuple[int, int] | None:
    """The MAGI range over which the person's IRA deduction phases out (IRC §219(g)): when the
    person, or the spouse on a married return, is an active participant in a workplace plan; None
    otherwise (no limit beyond §219(b))."""
    spouse_covered = any(p.covered_by_workplace_plan for p in h.people if p.id != person.id)
    status = h.filing_status
    key = "single" if status is FilingStatus.MARRIED_SEPARATE and h.lived_apart_all_year else str(status)
    if person.covered_by_workplace_plan:
        return yp.ira_deduction_phaseout[key]
    if spouse_covered and status in (FilingStatus.MARRIED_JOINT, FilingStatus.MARRIED_SEPARATE):
        return yp.ira_deduction_phaseout[f"spouse_covered_{status}"]
    return None


def deduction_limit(person: Person, h: Household, magi: int, yp: YearParams) -> int | None:
    """The most of the year's IRA contributions the person may deduct: the limit reduced over the
    phase-out range (``deduction_phaseout``); None when it does not phase out."""
    phaseout = deduction_phaseout(person, h, yp)
    if phaseout is None:
        return None
    start, end = phaseout
    return _phased(contribution_limit(person, yp), magi, start, end)


def _phased(limit: int, magi: int, start: int, end: int) -> int:
    """IRC §219(g)(2): the limit reduced in proportion over the range, rounded up to the next $10,
    not below $200 unless fully phased out."""
    if magi <= start:
        return limit
    if magi >= end:
        return 0
    reduced = limit - (limit * (magi - start)) // (end - start)
    reduced = -(-reduced // 1000) * 1000
    return max(reduced, 20_000)


def roth_limit(limit: int, magi: int, status: FilingStatus, lived_apart: bool, yp: YearParams) -> int:
    """The Roth IRA limit after the MAGI phase-out (IRC §408A(c)(3)(A), applying §219(g)(2)(B)
    and (C)): reduced in proportion over the range, rounded up to $10, not below $200 unless zero."""
    key = "single" if status is FilingStatus.MARRIED_SEPARATE and lived_apart else str(status)
    start, end = yp.roth_ira_phaseout[key]
    return _phased(limit, magi, start, end)


def _contribution(h: Household, yp: YearParams, move: Contribution, ctx: _Context, wages: dict[str, int],
                  roth_magi: dict[str, int] | None, deductible_allowed: dict[str, int] | None) -> None:
    refuse, balances, people, issues = ctx.refuser(move), ctx.balances, ctx.people, ctx.issues
    kinds = (AccountKind.ROTH_IRA,) if move.type == "roth" else NON_ROTH_IRAS
    if move.type not in ("roth", "nondeductible", "deductible"):
        refuse("move_not_supported",
                f"A {move.type} contribution is not evaluated by this version; it changed nothing.", (), "type")
        return
    target = _owner_account(ctx, refuse, move.to_account, "to", kinds)
    if target is None:
        return
    person = h.person(target.owner)
    year = people[person.id]
    if move.for_year != h.tax_year:
        # made by the due date for last year: last year's limit and Form 8606 (already in ira_basis)
        balances[target.id] += move.amount
        if move.type == "roth":
            year.roth_contributions += move.amount
            year.roth_for_last_year = True
        ctx.result(move, move.amount).nontaxable = move.amount
        return
    limit = contribution_limit(person, yp)
    compensation = wages[person.id]
    if h.filing_status is FilingStatus.MARRIED_JOINT:  # spousal IRA: the couple's compensation (§219(c))
        compensation = sum(wages.values()) - sum(people[q].contributions_for_year for q in people if q != person.id)
    cap = min(limit, compensation)
    if year.contributions_for_year + move.amount > cap:
        why = ("no compensation (wages) this year" if compensation <= 0 else
               f"the limit is ${cap / 100:,.2f} (the smaller of ${limit / 100:,.2f} and compensation "
               f"${compensation / 100:,.2f}), ${year.contributions_for_year / 100:,.2f} already contributed")
        refuse("contribution_over_limit",
                f"Contributing ${move.amount / 100:,.2f} to '{target.id}' exceeds what is allowed: {why}.",
                ("IRC §219(b)(1), (b)(5)", "IRC §408(a)(1)", "IRC §408A(c)(2)", "IRC §4973(a)"), "amount")
        return
    if move.type == "roth" and roth_magi is not None:
        allowed = roth_limit(limit, roth_magi[person.id], h.filing_status, h.lived_apart_all_year, yp)
        if year.roth_contributions + move.amount > allowed:
            refuse("roth_contribution_over_limit",
                    f"MAGI ${roth_magi[person.id] / 100:,.2f} allows Roth IRA contributions of ${allowed / 100:,.2f} "
                    f"this year; a nondeductible IRA contribution and a conversion (a 'backdoor Roth') has no "
                    f"income limit.", ("IRC §408A(c)(3)", "IRC §219(g)(2)", "IRS Notice 2025-67"), "amount")
            return
    year.contributions_for_year += move.amount
    if move.type == "roth":
        year.roth_contributions += move.amount
    elif move.type == "deductible":
        year.deductible_asked += move.amount
        room = move.amount if deductible_allowed is None else max(0, deductible_allowed[person.id] - year.deductible)
        deducted = min(move.amount, room)
        year.deductible += deducted
        year.nondeductible += move.amount - deducted
        if move.amount > deducted:
            issues.append(Issue(
                severity=Severity.WARNING, code="deduction_phased_out", where=f"moves[{move.index}].type",
                message=f"Only ${deducted / 100:,.2f} of this contribution is deductible (the IRA deduction phases "
                        f"out for someone covered by a workplace plan, or whose spouse is); the other "
                        f"${(move.amount - deducted) / 100:,.2f} is a nondeductible contribution (Form 8606 line 1).",
                cites=("IRC §219(g)", "IRC §408(o)", "Pub 590-A Worksheet 1-2")))
    else:
        year.nondeductible += move.amount
    if move.on > _dt.date(h.tax_year, 12, 31):
        # made by the due date for this year: in this year's limits and Form 8606 (line 1, and line 4),
        # not in the IRAs' December 31 value (Form 8606 line 6) nor this year's balances (IRC §219(f)(3),
        # §408A(c)(7))
        year.next_year += move.amount if move.type != "roth" else 0
    else:
        year.made_in_year += move.amount if move.type != "roth" else 0
        balances[target.id] += move.amount
    ctx.result(move, move.amount).nontaxable = move.amount


def _roth_distributions(h: Household, p: Person, outcome: IraYear) -> None:
    """The year's Roth IRA distributions of a person, in the statutory order (``roth_ira.py``)."""
    from rothroute.moves import roth_ira
    from rothroute.roth_ira import five_year_start

    year = outcome.people[p.id]
    taxable_now, nontaxable_now = outcome.roth_layer(p.id)
    layers = [[x.year, x.taxable, x.nontaxable] for x in p.roth_ira.conversions]
    if taxable_now or nontaxable_now:
        layers.append([h.tax_year, taxable_now, nontaxable_now])
    layers = sorted(layers + [list(x) for x in year.roth_layers_in], key=lambda x: x[0])  # oldest first
    state = roth_ira.RothYear(contributions=p.roth_ira.contributions + year.roth_contributions + year.drac_basis,
                              layers=layers)
    outcome.roth[p.id] = state
    moves = [outcome.results[i] for i in year.roth_withdrawal_moves]
    if not moves:
        return
    start = five_year_start(p, year.roth_started(h.tax_year))
    five_years = start is not None and h.tax_year >= start + 5
    total = sum(r.amount for r in moves)
    nonqualified = [r for r in moves if r.early or not five_years]
    roth_ira.distribute(state, total, sum(r.amount for r in nonqualified), h.tax_year)
    _allocate_taxable(nonqualified, state.taxable)
    held = sum(a.value for a in h.accounts if a.owner == p.id and a.kind is AccountKind.ROTH_IRA)
    if state.taxable and held and p.roth_ira == RothIra():
        outcome.issues.append(Issue(
            severity=Severity.WARNING, code="roth_ira_history_missing", where=f"people[{h.people.index(p)}].roth_ira",
            message=(f"{p.id}'s Roth IRAs hold ${dollars(held, grouping=True)} but the file gives no Roth IRA history "
                     "(the roth_ira block is absent or empty: first_year, contributions, conversions): "
                     f"${dollars(state.taxable, grouping=True)} of this year's withdrawals is taxed as earnings of a "
                     "Roth IRA whose 5-year period has not begun (and before 59½ bears the 10% tax); give the "
                     "history and the basis comes out first, tax-free"),
            cites=("IRC §408A(d)(2)", "IRC §408A(d)(4)(B)", "Form 8606 Part III")))
    for r in moves:
        if r not in nonqualified:
            r.nontaxable, r.taxable = r.amount, 0
        code = "Q" if r not in nonqualified else ("J" if r.early else "T")
        r.forms_1099r = [{"box1": r.amount / 100, "box2a": 0, "box2b_taxable_not_determined": True, "box4": 0,
                          "box5": 0, "box10": 0, "box11": None, "codes": [code]}]
    early = [r for r in nonqualified if r.early]
    early_amount = sum(r.amount for r in early)
    nonqualified_amount = sum(r.amount for r in nonqualified)
    if early and nonqualified_amount:
        # 10% on the taxable part and on conversion money less than 5 years old (Q&A-5), early moves only
        base = (state.taxable + state.recapture) * early_amount // nonqualified_amount
        for r, share in zip(early, _shares(early, base)):
            r.additional_tax = (share + 5) // 10
            outcome.early_taxable += r.taxable
            outcome.recapture_tax += r.additional_tax - (r.taxable + 5) // 10
    outcome.taxable += state.taxable
    year.roth_taxable = state.taxable


def _shares(moves: list[MoveResult], total: int) -> list[int]:
    amount = sum(r.amount for r in moves)
    out, left = [], total
    for k, r in enumerate(moves):
        share = left if k == len(moves) - 1 else (total * r.amount * 2 + amount) // (2 * amount)
        out.append(share)
        left -= share
    return out


def _allocate_taxable(moves: list[MoveResult], taxable: int) -> None:
    for r, share in zip(moves, _shares(moves, taxable) if moves else []):
        r.taxable, r.nontaxable = share, r.amount - share


def _rollover(h: Household, move: Rollover, ctx: Any) -> None:
    """IRA to IRA of the same kind. A trustee-to-trustee transfer is no distribution; a 60-day
    rollover is, and only one is allowed in 12 months across all of a person's IRAs
    (IRC §408(d)(3)(B); Bobrow v. Commissioner, T.C. Memo. 2014-21; Announcement 2014-15)."""
    refuse = ctx.refuser(move)
    source, target = ctx.accounts.get(move.from_account), ctx.accounts.get(move.to_account)
    if source is None or target is None:
        refuse("unknown_account", "Both accounts must be in the file.", (), "from" if source is None else "to")
        return
    if source.kind is AccountKind.INHERITED_IRA or target.kind is AccountKind.INHERITED_IRA:
        refuse("inherited_ira_rollover", "A non-spouse beneficiary cannot roll over an inherited IRA (a direct "
               "transfer to another inherited IRA of the same decedent is outside this version).",
               ("IRC §408(d)(3)(C)",), "from")
        return
    roth = (source.kind is AccountKind.ROTH_IRA, target.kind is AccountKind.ROTH_IRA)
    if roth[0] != roth[1] or source.kind in PLAN_KINDS or target.kind in PLAN_KINDS:
        refuse("rollover_between_kinds", "A rollover goes from an IRA to an IRA of the same kind: traditional to "
               "Roth is a conversion, Roth to traditional is not allowed, and plans take roll_in.",
               ("IRC §408(d)(3)(A)(i)", "IRC §408A(d)(3)", "26 CFR §1.408A-6 Q&A-1"), "to")
        return
    if source.owner != target.owner:
        refuse("rollover_to_another_person", "An IRA rollover goes to the owner's own IRA.", ("IRC §408(d)(3)(A)",),
               "to")
        return
    amount = resolve_amount(move.amount, source.id, ctx.balances, "Rolling", refuse)
    if amount is None:
        return
    year = ctx.people[source.owner]
    forms: list[dict[str, Any]] = []
    if move.via == "60_day":
        last = year.last_60_day
        if last is not None and move.on < _add_year(last):
            refuse("second_60_day_rollover", f"A 60-day IRA rollover was already made on {last.isoformat()}; only one "
                   "is allowed in 12 months across all of a person's IRAs. A trustee-to-trustee transfer has no "
                   "such limit.", ("IRC §408(d)(3)(B)", "Bobrow v. Commissioner, T.C. Memo. 2014-21",
                                  "IRS Announcement 2014-15"), "via")
            return
        if not roth[0] and year.rmd_left > 0:
            refuse("rollover_of_rmd", "In an RMD year the first dollars out are the RMD and cannot be rolled over.",
                   ("IRC §408(d)(3)(E)", "Treas. Reg. §1.408-8(b)(3)", "Treas. Reg. §1.402(c)-2(f)(1)"), "amount")
            return
        year.last_60_day = move.on
        early = move.on < age_59_half_on(h.person(source.owner))
        forms = [{**_ira_1099r(amount, ("J" if early else "T") if roth[0] else ("1" if early else "7")),
                  "box2b_taxable_not_determined": True}]
    ctx.balances[source.id] -= amount
    ctx.balances[target.id] += amount
    result = ctx.result(move, amount)
    result.nontaxable = amount
    result.forms_1099r = forms


def _add_year(day: _dt.date) -> _dt.date:
    if day.year >= _dt.MAXYEAR:  # twelve months from the calendar's last year end past its last day
        return _dt.date.max
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # February 29
        return day.replace(year=day.year + 1, day=28)
