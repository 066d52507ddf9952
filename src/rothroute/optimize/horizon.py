"""A household carried year by year: each year's moves priced by the exact single-year engine,
the balances rolled forward, and what the plan is worth after tax at the end.

The measure (stated in every output): after-tax wealth at the horizon = Roth money + basis +
pretax money × (1 − heirs' rate) + the cash account. With a taxable account in the file the cash
account is it (``taxable_account``: sales priced by the engine, gains at average basis, yields taxed
and reinvested, purchases adding basis, stepped up at death); otherwise, or when
``Assumptions.cash_account`` is ``untaxed``, it is an account invested for growth, no dividends, its
gains unrealized, stepped up at death, IRC §1014, gains realized to pay for spending not taxed. It starts at
``Assumptions.cash``, receives the household's other income and
what the year's moves pay out (RMDs, withdrawals), and pays the year's federal tax, the year's
Medicare premiums (``rothroute.medicare``: Part B and the Part D base premium for each person from
the month they turn 65, and the IRMAA the MAGI of two years before sets, from ``magi_history``
before the plan; 42 U.S.C. §1395r(i); 20 CFR §418.1115) and the spending need
(``Assumptions.spending``, in first-year dollars, growing with inflation). The IRMAA the last two
years' MAGI sets for the two premium years after the plan is owed at its end: it comes off the
after-tax wealth."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from rothroute.errors import InvalidArgument, RothrouteError
from rothroute.household.buckets import buckets
from rothroute.household.model import Household
from rothroute.medicare import Premiums
from rothroute.household.moves import (
    Conversion, Destination, Distribution, InPlanRothRollover, Move, Qcd, RollIn, Withdrawal, source,
)
from rothroute.money import as_number
from rothroute.moves.rmd import rmd_moves
from rothroute.optimize import taxable_account
from rothroute.optimize.rollforward import grown, next_year
from rothroute.params import Family, YearParams
from rothroute.engine import Evaluation, evaluate
from rothroute.roth_ira import age_59_half_on
from rothroute.vocab import NON_ROTH_IRAS, AccountKind

MAX_YEARS = 60


class PlanError(RothrouteError, RuntimeError):
    """A year's moves were refused by the engine: the plan cannot be carried on."""

    def __init__(self, year: int, where: str, message: str) -> None:
        super().__init__(f"{year}: {where}: {message}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Assumptions:
    growth: Fraction = Fraction(5, 100)  # nominal yearly return of every account and the side fund
    inflation: Fraction = Fraction(25, 1000)  # projects parameters past the enacted years, and income
    heirs_rate: Fraction = Fraction(24, 100)  # tax rate heirs pay on pretax money left
    spending: int = 0  # cents a year, after tax, in first-year dollars (grows with inflation)
    cash: int = 0  # cents in the cash (taxable) account on January 1 of the first year
    survivor_spending: Fraction = Fraction(6, 10)  # the survivor's share of the spending need after a death
    giving: int = 0  # cents a year given to charity, first-year dollars (grows with inflation): QCDs, else cash
    # ``taxable``: the file's taxable accounts are the cash account when it has one (``taxable_account``);
    # ``untaxed``: a cash account growing with no tax, the taxable accounts left as they are (an explicit choice)
    cash_account: str = "taxable"

    def to_json(self) -> dict[str, Any]:
        return {"growth": str(float(self.growth)), "inflation": str(float(self.inflation)),
                "heirs_rate": str(float(self.heirs_rate)), "spending": as_number(self.spending),
                "cash": as_number(self.cash), "survivor_spending": str(float(self.survivor_spending)),
                "giving": as_number(self.giving), "cash_account": self.cash_account}

    def giving_in(self, t: int) -> int:
        """The year ``t``'s giving to charity in that year's dollars (cents)."""
        return grown(self.giving, self.inflation, t)

    def spending_in(self, t: int, alone: bool = False) -> int:
        """The spending need of the plan's year ``t`` (0 first), in that year's dollars (cents); a
        survivor's (``alone``) is ``survivor_spending`` of it."""
        need = grown(self.spending, self.inflation, t)
        if not alone:
            return need
        share = need * self.survivor_spending
        return int((2 * share.numerator + share.denominator) // (2 * share.denominator))


@dataclass(frozen=True, slots=True, kw_only=True)
class Year:
    """One year of a plan: the household on January 1 with the year's moves, and its price."""

    evaluation: Evaluation
    projected: bool  # parameters projected past the enacted years
    irmaa_cost: int  # the IRMAA paid this year (set by the MAGI of two years before), cents
    spending: int  # the year's spending need (cents)
    fund_end: int  # the cash account on December 31, after growth (cents)
    medicare: Premiums | None = None  # the year's Medicare premiums, IRMAA included
    state_projected: bool = False  # the state's parameters projected past the years its file gives
    bought: int = 0  # cents bought into the taxable accounts at the year's end (the cash account is them)
    debt: int = 0  # cents the cash account is short at the year's end, grown (the taxable accounts being empty)

    @property
    def state(self) -> str | None:
        """The state of residence (None: the file names none)."""
        return self.evaluation.household.state_in(self.year)

    @property
    def year(self) -> int:
        return self.evaluation.household.tax_year


Pricer = Callable[[Sequence[Move]], Evaluation]
Policy = Callable[[Household, Pricer], Sequence[Move]]


def grown_to_end(per_year: Sequence[float], factor: float) -> float:
    """Each year's dollars carried to the plan's end (``len(per_year)`` years) at the yearly ``factor``, one plus the
    growth rate: a dollar of tax in year t of n is ``factor ** (n - t)`` dollars less at the end."""
    n = len(per_year)
    return sum(v * factor ** (n - t) for t, v in enumerate(per_year))


def other_income(h: Household, reinvested: bool = False) -> int:
    """Cash income outside the accounts (cents): every income item of the year (Social Security
    from the claims included), qualified dividends aside (a part of ordinary dividends); the taxable
    accounts' dividends and interest aside when they are ``reinvested`` (then part of their growth)."""
    from rothroute.household.social_security import income_of_year

    total = sum(i.amount for i in income_of_year(h) if i.kind != "qualified_dividends")
    return total - sum(taxable_account.yields(h).values()) if reinvested else total


def uses_taxable(h: Household, a: Assumptions) -> bool:
    """Whether the plan's cash account is the household's taxable accounts (``taxable_account``):
    when the file has one, unless ``Assumptions.cash_account`` is ``untaxed``."""
    return a.cash_account == "taxable" and bool(taxable_account.accounts(h))


def _total(h: Household) -> int:
    return sum(a.value for a in h.accounts)


def irmaa_surcharges(h: Household, table: Family, premium: Household) -> tuple[int, ...]:
    """The IRMAA that ``h``'s year's MAGI sets at tier 1, 2, ... (cents): in the premium year two
    years on (``table``, its ``irmaa`` family), for each month of it a person of ``premium`` (the
    household then) is covered, by the table of ``h``'s filing status."""
    from rothroute.medicare import months_covered, surcharges, table_key

    months = sum(months_covered(p, h.tax_year + 2) for p in premium.people)
    return surcharges(table, table_key(h.filing_status, h.lived_apart_all_year), months)


def medicare_of(h: Household, table: Family, statuses: dict[int, tuple[Any, bool]]) -> Premiums:
    """The Medicare premiums paid in ``h``'s year: the IRMAA set by the MAGI of two years before
    (``magi_history``; none charged where it is not known) and that year's filing status
    (``statuses``, else the household's own)."""
    from rothroute.medicare import premiums

    year = h.tax_year - 2
    status, apart = statuses.get(year, (h.filing_status, h.lived_apart_all_year))
    return premiums(h, table, h.magi_history.get(year), status, apart)


def when(p: Any, year: int) -> _dt.date:
    """January 3, or the day the person reaches 59½ when that falls later in the year (IRC §72(t))."""
    half = age_59_half_on(p)
    on = _dt.date(year, 1, 3)
    return half if half.year == year and half > on else on


def draws_for(h: Household, amount: int, moves: Sequence[Move],
              drawing: Mapping[str, int] | None = None) -> list[Move]:
    """``amount`` cents more to spend, as withdrawals in whole dollars on January 3 (or the day the
    owner reaches 59½, later that year): IRA money the
    year's ``moves`` leave (largest IRA first), then former employers' plans' non-Roth money (cash
    distributions, pretax and after-tax pro rata), then Roth IRA money already there. ``drawing``: cents a plan's
    own withdrawals already take from accounts, which go first, the most drawn on first: a few dollars more on the
    withdrawal the plan chose leave whose money it is as the plan had it (a state taxes each spouse's money apart:
    Arkansas's separate returns, where $36 more from the other spouse's IRA crossed a step of the table, $54 of tax,
    seed 349 of bench/optimize_random.py)."""
    used = taken_from(moves)
    drawing = drawing or {}
    out: list[Move] = []
    left = -(-amount // 100) * 100
    former = [x for x in h.accounts if x.sources is not None and x.plan is not None
              and x.plan.separated_from_service is not None]
    # Roth IRA money only from 59½ (before, conversion money within its 5 years would bear the 10% tax)
    of_age = {p.id for p in h.people if age_59_half_on(p).year < h.tax_year}
    for group in ([x for x in h.accounts if x.kind in NON_ROTH_IRAS], former,
                  [x for x in h.accounts if x.kind is AccountKind.ROTH_IRA and x.owner in of_age]):
        for acc in sorted(group, key=lambda x: (-drawing.get(x.id, 0), -x.value)):
            s = acc.sources
            held = acc.value if s is None else s.pretax + s.after_tax_contributions + s.after_tax_earnings
            take = min(left, (held - used.get(acc.id, 0)) // 100 * 100)
            if take <= 0:
                continue
            owner = next(p for p in h.people if p.id == acc.owner)
            if s is None:
                out.append(Withdrawal(on=when(owner, h.tax_year), from_account=acc.id, amount=take))
            else:
                out.append(Distribution(on=when(owner, h.tax_year), from_account=acc.id, amount=take, sources=tuple(
                    k for k, v in (("pretax", s.pretax), ("after_tax", s.after_tax_contributions + s.after_tax_earnings))
                    if v), to=(Destination(account=None, amount=None),)))
            left -= take
    return out


def within(h: Household, moves: Sequence[Move], first: Sequence[Move]) -> list[Move]:
    """``moves`` with each conversion and in-plan Roth rollover cut to what its account holds after
    the ``first`` moves and the withdrawals, roll-ins and QCDs among ``moves`` (spending comes before
    converting). A plan's cash distributions take its sources pro rata, so an in-plan Roth rollover
    of some of them keeps a dollar to spare."""
    both = list(first) + list(moves)
    used = taken_from([m for m in both if isinstance(m, (Withdrawal, RollIn, Qcd))])
    accounts = {x.id: x for x in h.accounts}
    drawn = taken_from([m for m in first if isinstance(m, Distribution)])  # plan -> its distributions in ``first``
    out: list[Move] = []
    for m in moves:
        if isinstance(m, Conversion):
            key = m.from_account
            room = accounts[key].value - used.get(key, 0)
        elif isinstance(m, InPlanRothRollover) and m.account in drawn:
            s = accounts[m.account].sources
            assert s is not None
            non_roth = s.pretax + s.after_tax_contributions + s.after_tax_earnings
            held = sum(s.pretax if x == "pretax" else s.after_tax_contributions + s.after_tax_earnings
                       for x in m.sources)
            key = m.account + ":" + ",".join(m.sources)
            room = held - (drawn[m.account] * held // non_roth if non_roth else 0) - 100 - used.get(key, 0)
        else:
            out.append(m)
            continue
        take = min(m.amount or 0, room if isinstance(m, Conversion) else room // 100 * 100)
        used[key] = used.get(key, 0) + max(take, 0)
        if take > 0:
            out.append(dataclasses.replace(m, amount=take))
    return out


def taken_from(moves: Sequence[Move], *, by_source: bool = False) -> dict[Any, int]:
    """Cents the ``moves`` take from each account (the account a move draws on, ``moves.source``),
    for the moves with a stated amount: one count for the schedule, the draws and the checks.
    ``by_source``: a plan's moves counted by (account, the sources they take) instead."""
    used: dict[Any, int] = {}
    for m in moves:
        account = source(m)
        if account is None or m.amount is None:
            continue
        key = (account, tuple(m.sources)) if by_source and isinstance(m, (Distribution, InPlanRothRollover)) else account
        used[key] = used.get(key, 0) + m.amount
    return used


def _qcds(ev: Evaluation) -> int:
    """Cents the year's qualified charitable distributions paid to charities."""
    return sum(year.qcd for year in ev.ira.people.values())


def net_of_qcds(base: Sequence[Move], extra: Sequence[Move], h: Household) -> list[Move]:
    """The year's RMD withdrawals (``base``) less what each owner's QCDs among ``extra`` pay of the
    RMD (a QCD counts toward it, IRC §408(d)(8)): each QCD cuts its own account's RMD withdrawal first."""
    owners = {a.id: a.owner for a in h.accounts}
    qcds = [m for m in extra if isinstance(m, Qcd)]
    if not qcds:
        return list(base)
    amounts = {i: m.amount or 0 for i, m in enumerate(base) if isinstance(m, Withdrawal)}
    for q in qcds:  # each QCD pays its own account's RMD withdrawal first, then the owner's others
        left = q.amount
        owner = owners.get(q.from_account)
        order = sorted(amounts, key=lambda i: (base[i].from_account != q.from_account, i))  # type: ignore[union-attr]
        for i in order:
            if owners.get(base[i].from_account) != owner or left <= 0:  # type: ignore[union-attr]
                continue
            cut = min(left, amounts[i])
            amounts[i] -= cut
            left -= cut
    out: list[Move] = []
    for i, m in enumerate(base):
        if i not in amounts:
            out.append(m)
        elif amounts[i] > 0:
            out.append(m if amounts[i] == m.amount else dataclasses.replace(m, amount=amounts[i]))
    return out


def plan_years(h: Household, years: int) -> int:
    """``years``, or fewer when everyone's life ends before them: a plan ends with the last death."""
    lasts = [p.last_year() for p in h.people]
    if all(last is not None for last in lasts):
        return max(1, min(years, max(last for last in lasts if last is not None) - h.tax_year + 1))
    return years


TAX_TABLE_ROW = 5_000  # cents: the IRS Tax Table's rows are $50 wide
TOP_UP_ROUNDS = 8  # each round draws what the last one left short; the tax on the draws converges fast


def run(h: Household, years: int, policy: Policy, a: Assumptions, *, fund_spending: bool = False) -> tuple[Year, ...]:
    """Carry ``h`` (its own moves ignored) for ``years`` years: each year the RMDs, then the
    policy's moves, priced exactly; then roll forward. ``fund_spending``: where the cash account
    would run short of the spending need and the taxes, draw the rest from the IRAs, then the Roth
    IRAs (the baselines, which choose conversions only)."""
    from rothroute.params.projection import year_params

    if not 1 <= years <= MAX_YEARS:
        raise InvalidArgument(f"years: expected 1 to {MAX_YEARS}; got {years}")
    out: list[Year] = []
    fund = a.cash
    household = dataclasses.replace(h, moves=())
    in_taxable = uses_taxable(h, a)  # the cash account is the taxable accounts: ``fund`` is then only a debt
    if in_taxable:  # the cash given is bought into them on January 1 (basis: what is paid, IRC §1012)
        bought = taxable_account.deposits(household, {x.id: x.value for x in taxable_account.accounts(household)}, fund)
        household = dataclasses.replace(household, accounts=tuple(
            dataclasses.replace(x, value=x.value + bought[x.id], cost_basis=x.cost_basis + bought[x.id])
            if x.id in bought else x for x in household.accounts))
        fund = 0
    statuses: dict[int, tuple[Any, bool]] = {}  # each MAGI year's filing status (its IRMAA table)
    for t in range(years):
        yp, projected = year_params(household.tax_year, a.inflation)
        later, later_projected = year_params(household.tax_year + 2, a.inflation)
        irmaa = later.irmaa
        sp, state_projected = state_params_of(household, a)
        medicare = medicare_of(household, yp.irmaa, statuses)
        base = rmd_moves(household)
        giving = a.giving_in(t)

        def price(extra: Sequence[Move], hh: Household = household, yp: YearParams = yp,
                  irmaa: Family = irmaa, base: list[Move] = base, giving: int = giving, sp: Any = sp) -> Evaluation:
            # QCDs pay the year's RMD as far as they go (the RMD's withdrawals less them); the rest of the giving
            # is cash gifts, deducted as the year's law allows
            qcds = sum(m.amount for m in extra if isinstance(m, Qcd))
            return evaluate(dataclasses.replace(hh, moves=tuple(net_of_qcds(base, extra, hh)) + tuple(extra),
                                                charitable_gifts=max(0, giving - qcds)), params=yp, irmaa=irmaa,
                            state_params=sp)

        spending = a.spending_in(t, alone=len(household.people) < len(h.people))
        income = other_income(household, in_taxable)  # the year's, whatever the moves: figured once

        def left_over(ev: Evaluation, hh: Household = household, fund: int = fund, spending: int = spending,
                      premiums: int = medicare.total, giving: int = giving, income: int = income) -> int:
            end = sum(ev.ira.balances[x.id] if x.sources is None else ev.ira.plans[x.id].total for x in hh.accounts)
            given = _qcds(ev)
            return (fund + income + _total(hh) - end - given - ev.total_tax - premiums
                    - spending - max(0, giving - given))

        def funded(extra: Sequence[Move], hh: Household = household, price: Pricer = price,
                   base: list[Move] = base, left_over: Callable[[Evaluation], int] = left_over) -> Evaluation:
            """``extra`` priced with the withdrawals the spending need and the taxes then call for."""
            ev, need = price(extra), 0
            drawing = taken_from([m for m in extra if isinstance(m, (Withdrawal, Distribution))])  # the plan's own
            for k in range(TOP_UP_ROUNDS):
                short = -left_over(ev)
                if short <= 0:
                    break
                # after the first round, under the IRS Tax Table a row ($50) more: each draw can step the tax up a
                # row; on the rate schedule the shortfall alone for two rounds (a $50 cushion drew $51 where $1.33
                # was short, the engine's tax then $14 over the model's: seed 202 of bench/optimize_random.py), the
                # row after. Where the IRAs pay it (whole-dollar draws, ``draws_for``), each round draws at least a
                # dollar more and the row waits four rounds: cents short drew the same dollars again until the row
                # drew $56 (seed 620, New York's staircase). Where the taxable account sells first (its sales to
                # the cent), the rounds are as they were measured (bench/optimize_owl_early.py part A)
                whole = not in_taxable and hh.tax_computation != "tax_table"
                cushion = k >= (1 if hh.tax_computation == "tax_table" else 4 if whole else 2)
                drawn = -(-need // 100) * 100 if whole else 0  # the whole dollars drawn last round
                need = max(need + short + (TAX_TABLE_ROW if cushion else 0), drawn + 1)
                # from the taxable accounts first (the cash account), then the retirement accounts
                sells = taxable_account.sales(hh, need, taken_from(extra)) if in_taxable else []
                rest = need - taxable_account.sold(hh, sells)
                draws = sells + (draws_for(hh, rest, base + [m for m in extra if not isinstance(m, Conversion)],
                                           drawing) if rest > 0 else [])
                if not draws:
                    break
                # the RMD's withdrawals net of the QCDs that pay it, as ``price`` takes them
                ev = price(within(hh, extra, net_of_qcds(base, extra, hh) + draws) + draws)
            return ev

        pricer = funded if fund_spending else price
        ev = pricer(policy(household, pricer))
        refused = [i for i in ev.issues if i.severity == "error"]
        if refused:
            raise PlanError(household.tax_year, refused[0].where, refused[0].message)
        end = sum(ev.ira.balances[x.id] if x.sources is None else ev.ira.plans[x.id].total for x in household.accounts)
        given = _qcds(ev)  # paid to charities by the IRAs' trustees, not into the cash account
        cash = _total(household) - end - given
        statuses[household.tax_year] = (household.filing_status, household.lived_apart_all_year)
        fund = fund + income + cash - ev.total_tax - medicare.total - spending \
            - max(0, giving - given)
        bought: dict[str, int] = {}
        if in_taxable:  # what is left over is bought into the taxable accounts; a shortfall stays a debt
            bought = taxable_account.deposits(household, ev.ira.balances, max(0, fund))
            fund = min(0, fund)
        fund = grown(fund, a.growth)
        household = next_year(ev, growth=a.growth, inflation=a.inflation, bought=bought, reinvested=in_taxable)
        held = taxable_account.value(household) if in_taxable else 0
        out.append(Year(evaluation=ev, projected=projected or later_projected, irmaa_cost=medicare.irmaa,
                        spending=spending, fund_end=fund + held, medicare=medicare, state_projected=state_projected,
                        bought=sum(bought.values()), debt=fund if in_taxable else 0))
    return tuple(out)


def state_params_of(h: Household, a: Assumptions) -> tuple[Any, bool]:
    """The parameters of ``h``'s state of residence for its year (``params.state_projection``): the
    file's year, or one projected past the years it gives, and whether projected; (None, False)
    without a state, or for a state not modelled (the engine then warns ``state_not_modelled``)."""
    from rothroute.params.state_projection import state_year

    code = h.state_in(h.tax_year)
    if code is None:
        return None, False
    return state_year(code, h.tax_year, a.inflation)


@dataclass(frozen=True, slots=True, kw_only=True)
class Worth:
    roth: int
    basis: int
    pretax: int
    fund: int
    irmaa_owed: int  # the IRMAA the last two years' MAGI sets for the two premium years after the plan
    after_tax: int  # roth + basis + pretax × (1 − heirs' rate) + fund − irmaa_owed

    def to_json(self) -> dict[str, Any]:
        return {k: as_number(getattr(self, k)) for k in ("roth", "basis", "pretax", "fund", "irmaa_owed", "after_tax")}


def irmaa_owed(years: tuple[Year, ...], a: Assumptions, end: Household) -> int:
    """The IRMAA the plan's last two years' MAGI sets for the premium years after it (cents), for the
    people alive at its end (``end``: the household on the next January 1), at those years' tables."""
    from rothroute.params.projection import year_params

    owed = 0
    for y in years[-2:]:
        h = y.evaluation.household
        tier = int(y.evaluation.tax.values["irmaa.tier"])
        if tier:
            table, _ = year_params(h.tax_year + 2, a.inflation)
            owed += irmaa_surcharges(h, table.irmaa, dataclasses.replace(end, tax_year=h.tax_year + 2))[tier - 1]
    return owed


def worth_at_end(years: tuple[Year, ...], a: Assumptions) -> Worth:
    """After-tax wealth on the last December 31 of the plan (nominal cents)."""
    last = years[-1]
    h = next_year(last.evaluation, growth=a.growth, inflation=a.inflation)
    b = buckets(h)
    roth, basis, pretax = b.roth, b.after_tax_basis, b.pretax
    kept = pretax * (1 - a.heirs_rate)
    owed = irmaa_owed(years, a, h)
    after = roth + basis + int(kept.numerator // kept.denominator) + last.fund_end - owed
    return Worth(roth=roth, basis=basis, pretax=pretax, fund=last.fund_end, irmaa_owed=owed, after_tax=after)
