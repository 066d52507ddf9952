"""The multi-year Roth conversion plan as a mixed-integer program, solved by HiGHS.

Per person and year: the IRA money on January 1 (``P``), the Roth money (``R``), the RMD (a fixed
share of ``P``: the Uniform Lifetime Table, IRC §401(a)(9)) and the conversion (``c``). The year's
federal tax is the engine's own piecewise-linear curve in the taxable money taken out
(``taxcurve``): convex stretches are straight constraints, and each fall in slope adds one binary
choosing the stretch, so the tax is exact. IRMAA is exact too: one binary per tier and year, its
surcharge a cliff at the tier's first dollar (42 U.S.C. §1395r(i); MAGI two years before, 20 CFR
§418.1115). The pro-rata share of a conversion when the IRAs hold basis (Form 8606, IRC
§408(d)(2)) is not linear: it is held at the engine's share from the previous re-pricing and the
plan solved again until it stops moving (``plan.py``). When the cash account is a taxable account
(``taxable_account``), the year's tax is two-dimensional, in all the income added and its part taxed at
the capital gains rates (``capital_gains``, ``yeartax.tax_gains``), and the sale's gain share is held the same way.

Money is in dollars here (HiGHS's tolerances suit that scale); everything reported is in cents."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from rothroute.optimize import yeartax
from rothroute.optimize.taxable_account import first_order_gain
from rothroute.optimize.tidy import SECOND_LIMIT, tidy_plan
from rothroute.optimize.taxcurve import Curve


CASH_MARGIN = 10.0  # dollars
OVERDRAWN = 1.0  # dollars of the objective a dollar of basis overdrawn costs (``solve``)
LOCK_COST = 1.0  # dollars of the objective a dollar of a person's taxable money off the split held costs: more than
# any state's tax on it, so a plan leaves its split only where it must (an RMD the plan cannot change, cents)
MIN_RUN = 0.05  # seconds: the least HiGHS is given once a program is built (``solve_once``)


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonStart:
    id: str
    ira: float  # dollars on January 1 of the first year, traditional/SEP/SIMPLE IRAs, basis included
    basis: float
    roth: float
    rmd_divisors: tuple[float | None, ...]  # per year: the Uniform Lifetime Table period, None before RMDs (or
    # when the year's RMD waits until April 1 of the next: ``rmd_late``)
    early: tuple[bool, ...]  # per year: under 59½ at the year's end (IRA withdrawals bear 10%, IRC §72(t))
    roth_qualified: tuple[bool, ...]  # per year: Roth IRA withdrawals are qualified (tax-free) that year
    can_convert: bool = True  # a former employer's plan converts only by in-plan Roth rollover, where offered
    can_draw_roth: bool = True
    rolls_to: str | None = None  # a former employer's plan: the person whose IRAs its money may be rolled to
    takes_rollins: bool = False  # a plan pool with pretax money that takes roll-ins of pretax IRA money
    rolls_out: bool = True  # its money may be rolled to the IRAs (not when they hold basis: see plan.py)
    withdraw_years: tuple[bool, ...] = ()  # per year: may be drawn on (empty: every year); a current employer's
    # plan pays nothing out while the person works there
    roth_contributions: float = 0.0  # regular contribution basis in the Roth IRAs at the start (dollars)
    roth_conversions: float = 0.0  # conversion basis in the Roth IRAs at the start (dollars)
    # per year: dollars of the file's conversion layers that reach the end of their 5-taxable-year period that year
    # (the first year: every layer five or more years old), free of the 10% tax from then (IRC §408A(d)(3)(F))
    roth_seasoned: tuple[float, ...] = ()
    # RMDs beside ``rmd_divisors`` (IRC §401(a)(9)(C); Treas. Reg. §54.4974-1(f)): per year, the divisor of last
    # year's first RMD, deferred to April 1 of this year (of last January's money), and RMD dollars the file
    # fixes (the first year's, and the deferred one of the year before it)
    rmd_late: tuple[float | None, ...] = ()
    rmd_fixed: tuple[float, ...] = ()
    convert_years: tuple[bool, ...] = ()  # per year: may convert or roll out (empty: every year); not while a
    # deferred first RMD's dollars wait, which would be its first dollars (Treas. Reg. §1.402(c)-2(f)(1))
    last: int | None = None  # the last year (index) the person is alive, when a survivor carries on after it
    heir: str | None = None  # then: the survivor, whose IRAs take this one's money (the survivor's year ``last + 1``)
    # money that reaches the person's accounts on January 1 after year t from outside the model (a deceased
    # spouse's plans not drawn on, and designated Roth money): (t, IRA dollars with basis, basis, Roth, Roth basis)
    inherits: tuple[tuple[int, float, float, float, float], ...] = ()
    qcd_years: tuple[bool, ...] = ()  # per year: may make qualified charitable distributions (70½ by then)


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxableStart:
    """The cash account as a taxable account (``taxable_account``): its basis on January 1 of the
    first year (its value is ``Goal.cash``), and its yields a year on the January 1 value."""

    basis: float
    dividend_yield: float  # qualified dividends (preferential, IRC §1(h)(11))
    interest_yield: float  # taxable interest (ordinary)


@dataclass(frozen=True, slots=True, kw_only=True)
class YearData:
    curve: Curve | None  # total federal tax (cents) by taxable money out (cents)
    fixed_out: float  # dollars out of accounts the plan does not control (plan RMDs), paid in cash
    fixed_taxable: float  # the taxable part of them
    other_income: float  # dollars of cash income outside the accounts
    irmaa_costs: tuple[float, ...]  # dollars at tier 1, 2, ...: the IRMAA this year's MAGI sets two years on
    inflation_index: float  # (1 + inflation) ** t: first-year dollars to this year's
    medicare: float = 0.0  # dollars of Medicare premiums paid this year that no decision sets: the base premiums,
    # and the IRMAA of the first two years (set by MAGI before the plan)
    taxable_share: dict[str, float] = field(default_factory=dict)  # per person: taxable share of IRA money out
    spending_share: float = 1.0  # of the spending need (the survivor's share after a death)
    giving: float = 0.0  # dollars given to charity this year: by QCDs from the IRAs, the rest in cash
    qcd_limit: float = 0.0  # dollars: the year's QCD limit, per person (IRC §408(d)(8)(A), (G))
    # the cash account as a taxable account: the year's two-dimensional tax (``capital_gains``; ``curve`` is then
    # its all-ordinary base), the gain share of a dollar sold the engine found last round, the share of the
    # January 1 value it sold then, and its basis then (dollars): the model's gain is linear about that point
    gains: Any = None
    gain_share: float = 0.0
    sold_share: float = 0.0
    basis_ref: float = 0.0
    value_ref: float = 0.0  # dollars: the taxable account's January 1 value then
    cash_gifts: float | None = None  # dollars: the cash gifts the curve was priced on, held (the QCDs give the rest)
    # a Marketplace year: (curve, gains) with the premium tax credit on its envelope, for the first of two programs,
    # and the second's window of whole percents about the first plan's (dollars of the curve's income; ``ptcwindow``)
    envelope: tuple[Any, Any] | None = None
    window: tuple[float, float] | None = None
    relaxed: bool = False  # the year's choices continuous (the first program's years without an envelope)
    # per person: the QCDs (dollars) held where the state's curve was priced on the split of a plan that made them
    # (whose QCD pays whose RMD moves the state's tax, which the curve of x alone does not see: ``plan``)
    qcd_held: dict[str, float] | None = None
    # per decision ("conversions"): each person's (and plan pool's) share of the year's total in a plan; none but
    # those with a share may make it, where the state's curve was priced on the split of a plan the rounds have moved
    # away from and back (which person converts is a tie to the curve of x alone, not to a state that taxes each
    # person's money apart; holding the shares themselves starved a plan whose other person's IRA had emptied)
    mix_held: dict[str, dict[str, float]] | None = None
    # per decision ("conversions", "withdrawals": the model's own, beyond the RMDs) and person: dollars held, where
    # the state's split rounds ran out with the year priced on another split than its plan's (``plan``)
    moves_held: dict[str, dict[str, float]] | None = None
    # per person on the state's return whose money the split holds: (id, dollars), the taxable dollars out that the
    # plan decides from the person's IRAs and plans, held where the year's state curve takes them as its first
    # dollars (``statecurve.lock_of``): where the split rounds ran out, a curve of x alone cannot see whose money it
    # is, and held to its own split the year's state part is the state's tax at whatever x the plan takes
    # (``LOCK_COST``)
    split_lock: tuple[tuple[str, float], ...] | None = None
    # how the year's state tax moves with the federal additional tax on early distributions (IRC §72(t)), priced
    # beside x with the federal 10%: ``early_state`` times it (Arkansas's 10%, ``statecurve.early_share``; the
    # rounds read it at the plan's point, ``rounds.early_found``), and where that lowers the state's tax (Oregon
    # subtracts it with the federal tax), no lower than ``early_floor`` dollars (the subtraction's cap)
    early_state: float = 0.0
    early_floor: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Goal:
    """``wealth``: the most after-tax wealth at the end, spending ``spending`` a year; ``spending``:
    the most level spending (first-year dollars) leaving at least ``bequest`` (dollars of the end)."""

    name: str = "wealth"
    spending: float = 0.0
    bequest: float = 0.0
    cash: float = 0.0  # dollars in the cash account at the start
    spending_years: int | None = None  # spend only in the first this many years (None: every year)
    taxable: TaxableStart | None = None  # the cash account is a taxable account (None: it grows untaxed)


@dataclass(frozen=True, slots=True, kw_only=True)
class Solution:
    status: str
    seconds: float
    gap: float | None
    objective: float  # dollars: after-tax wealth at the end, or the level spending
    wealth: float  # dollars: after-tax wealth at the end
    spending: float  # dollars a year, first-year dollars
    conversions: dict[str, list[float]]  # person -> dollars per year
    withdrawals: dict[str, list[float]]  # person -> IRA withdrawals beyond the RMD, dollars per year
    rmd: dict[str, list[float]]  # person -> the RMD the model took, dollars per year
    roth_withdrawals: dict[str, list[float]]
    rollovers: dict[str, list[float]] = field(default_factory=dict)  # plan pool -> dollars rolled out per year
    roll_ins: dict[str, list[float]] = field(default_factory=dict)  # plan pool -> IRA dollars rolled in per year
    qcd: dict[str, list[float]] = field(default_factory=dict)  # person -> qualified charitable distributions
    draws: dict[str, list[float]] = field(default_factory=dict)  # person -> the model's own withdrawals (``W``: no RMD)
    tax: list[float]  # the model's total federal tax per year (dollars)
    irmaa_tier: list[int]
    shortfall: list[float] = field(default_factory=list)  # infeasible spending: cash missing per year
    tidy_seconds: float = 0.0  # of ``seconds``: the linear programs of ``tidy.tidy_plan`` (bench/optimize_sweep.py)
    sales: list[float] = field(default_factory=list)  # the taxable account: dollars sold per year (harvests included)
    gains: list[float] = field(default_factory=list)  # the model's gain realized by them
    added: list[float] = field(default_factory=list)  # the income the plan adds each year (S, ``capital_gains``)
    binaries: tuple[tuple[int, float], ...] = ()  # (column, value) of each binary of the plan: the next round's start
    along: list[float] = field(default_factory=list)  # each year's place on its curve: x, or S (dollars)
    dual_bound: float | None = None  # HiGHS's bound on the program's objective (dollars)
    value: float | None = None  # the program's objective at the plan returned, tidied (dollars)
    envelope: dict[str, Any] = field(default_factory=dict)  # the Marketplace years' two programs (``ptcwindow``)
    leading: tuple[tuple[int, float], ...] = ()  # (column, value) of the plan's decisions (``solve_once``)


def solve(people: list[PersonStart], years: list[YearData], **options: Any) -> Solution:
    """The plan (``solve_once``); with Marketplace years whose credit has an envelope, in two programs: on the
    envelope, then exact within a window of whole percents about its plan (``ptcwindow.two_programs``)."""
    from rothroute.optimize import ptcwindow

    if not any(y.envelope is not None for y in years):
        return solve_once(people, years, **options)
    return ptcwindow.two_programs(solve_once, people, years, options)


def solve_once(people: list[PersonStart], years: list[YearData], *, growth: Fraction, heirs_rate: Fraction,
               goal: Goal = Goal(), time_limit: float = 60.0, gap: float = 1e-4, constant: float = 0.0,
               slack: bool = False, tidy: bool = True, start: tuple[tuple[int, float], ...] = (),
               cutoff: float | None = None, leading: tuple[tuple[int, float], ...] = (),
               rounded: bool = False) -> Solution:
    """``constant``: the part of the after-tax wealth no decision changes (the employer plans).
    ``slack``: let the cash account run short at a cost, to find where an infeasible need binds.
    ``tidy``: of plans worth the same, return the one holding least cash (``_least_cash``).
    ``start``: the binaries of a plan found before (``Solution.binaries``, a round's): HiGHS starts from them,
    the rest completed by its linear program, when the program has the same binaries (else ignored).
    ``cutoff``: only a plan whose objective is above it is wanted (HiGHS's ``objective_bound``: a node whose
    bound is not above it is pruned); with none, the status is ``Infeasible``: no plan is worth more.
    ``leading``: a plan's decisions (``Solution.leading``, of a program over the same people and years): HiGHS
    starts from them, completing the rest.
    ``rounded``: with neither, HiGHS starts from the relaxation's choices rounded (``yeartax.rounded``).
    ``time_limit`` bounds the whole call: building the program (seconds for a long plan with Marketplace years),
    HiGHS's solve and the linear programs that tidy the plan (``tidy.tidy_plan``, whatever of ``SECOND_LIMIT`` is left)."""
    import time

    import highspy

    deadline = time.monotonic() + float(time_limit)
    g = float(growth)
    h = _highs()
    h.setOptionValue("mip_rel_gap", float(gap))
    inf = highspy.kHighsInf
    n = len(years)
    P = {p.id: [h.addVariable(lb=0) for _ in range(n + 1)] for p in people}
    R = {p.id: [h.addVariable(lb=0) for _ in range(n + 1)] for p in people}
    B = {p.id: [h.addVariable(lb=-inf) for _ in range(n + 1)] for p in people}  # held shares may overdraw it
    by_id = {p.id: p for p in people}

    def alive(p: PersonStart, t: int) -> bool:
        return p.last is None or t <= p.last

    def converts(p: PersonStart, t: int) -> bool:
        return (not p.convert_years or p.convert_years[t]) and alive(p, t)

    C = {p.id: [h.addVariable(lb=0, ub=inf if p.can_convert and converts(p, t) else 0) for t in range(n)]
         for p in people}
    W = {p.id: [h.addVariable(lb=0, ub=inf if (not p.withdraw_years or p.withdraw_years[t]) and alive(p, t) else 0)
                for t in range(n)] for p in people}
    Y = {p.id: [h.addVariable(lb=0, ub=inf if p.can_draw_roth and alive(p, t) else 0) for t in range(n)]
         for p in people}
    # a direct rollover out of a former employer's plan (Notice 2014-54): its taxable share to the person's
    # traditional IRA, its basis to their Roth IRA; nothing taxed
    T = {p.id: [h.addVariable(lb=0, ub=inf if p.rolls_to and p.rolls_out and alive(p, t)
                              and (not p.withdraw_years or p.withdraw_years[t]) else 0)
                for t in range(n)] for p in people}
    # a roll-in: pretax IRA money into the person's plan that takes it (IRC §408(d)(3)(A)(ii)); the IRAs keep
    # their basis, which the engine's next Form 8606 share sees
    I = {p.id: [h.addVariable(lb=0, ub=inf if p.takes_rollins and p.rolls_to and converts(by_id[p.rolls_to], t)
                                and alive(p, t) else 0) for t in range(n)] for p in people}
    # qualified charitable distributions (IRC §408(d)(8)): to the year's giving, at most the year's limit a person,
    # from the taxable money (not taxed, the basis staying), and ``QR`` of them paying the year's RMD
    Q = {p.id: [h.addVariable(lb=0, ub=min(years[t].qcd_limit, years[t].giving) if p.qcd_years and p.qcd_years[t]
                              and alive(p, t) and years[t].giving > 0 else 0) for t in range(n)] for p in people}
    QR = {p.id: [h.addVariable(lb=0, ub=inf if p.qcd_years and p.qcd_years[t] and alive(p, t) and years[t].giving > 0
                               else 0) for t in range(n)] for p in people}
    # Roth IRA basis by the ordering rules (IRC §408A(d)(4)(B)): regular contributions come out first, then
    # conversions oldest first, each one's taxable part before its nontaxable part; all of it tax-free, a
    # conversion's taxable part free of the 10% tax before 59½ only once its 5-taxable-year period has ended
    # (IRC §408A(d)(3)(F); Reg. §1.408A-6 Q&A-5). ``RC``: what can come out before 59½ free of that tax, left:
    # the contributions and the conversions five or more years old (the oldest, so a prefix of the order: the
    # Roth ladder), what younger conversions never are (their nontaxable part comes after their taxable part)
    RC = {p.id: [h.addVariable(lb=0) for _ in range(n + 1)] for p in people}
    RB = {p.id: [h.addVariable(lb=-inf) for _ in range(n + 1)] for p in people}  # past basis once qualified
    # the cash account: no borrowing; with a spending need, CASH_MARGIN kept for the engine's rounding (the
    # IRS Tax Table's $50 rows can cost a few dollars more than the model's exact schedule)
    floor = CASH_MARGIN if (goal.name == "spending" or goal.spending > 0) else 0.0
    F = [h.addVariable(lb=0)] + [h.addVariable(lb=floor) for _ in range(n)]
    short = [h.addVariable(lb=0, ub=inf if slack else 0) for _ in range(n)]
    S = h.addVariable(lb=0) if goal.name == "spending" else goal.spending
    for p in people:
        h.addConstr(P[p.id][0] == p.ira)
        h.addConstr(R[p.id][0] == p.roth)
        h.addConstr(B[p.id][0] == p.basis)
        h.addConstr(RC[p.id][0] == p.roth_contributions + (p.roth_seasoned[0] if p.roth_seasoned else 0.0))
        h.addConstr(RB[p.id][0] == p.roth_contributions + p.roth_conversions)
    h.addConstr(F[0] == goal.cash)
    tx = goal.taxable
    sales, gains, added = [], [], []  # the taxable account's sales (harvests included), gains, and each year's S
    if tx is not None:  # the cash account is a taxable account: its basis, by the model's linearized gains
        BT = [h.addVariable(lb=-inf) for _ in range(n + 1)]
        h.addConstr(BT[0] == tx.basis)
    tax_vars, tier_vars, irmaa_vars = [], [], []
    # each year's block binaries, how many falls lie below each block, and each block's first and last x (or S)
    chosen: list[list[tuple[Any, int, float, float]]] = []
    layers: dict[str, list[Any]] = {p.id: [] for p in people}  # each year's conversion layer (dollars to the Roth IRA)
    along = []  # each year's place on its curve
    off_lock: list[Any] = []  # dollars of a person's taxable money off the split held (``YearData.split_lock``)
    decided = h.getNumCol()  # the columns before the years' tax: the same in every program of these people and years
    spans = []  # each year's columns
    for t, y in enumerate(years):
        spans.append(h.getNumCol())
        x = h.addVariable(lb=0, ub=y.curve.xs[-1] / 100)
        cash = y.fixed_out + y.other_income
        expr_x = y.fixed_taxable
        early_tax = 0.0
        taxed: dict[str, Any] = {}  # each person's and plan pool's taxable money out that the plan decides
        after: dict[str, dict[str, Any]] = {k: {} for k in ("P", "R", "B", "RB", "RC")}  # next January's values
        for p in people:
            d = p.rmd_divisors[t]
            rmd = (1.0 / d) if d else 0.0
            share = _clean(y.taxable_share.get(p.id, 1.0))
            required = _required(p, P[p.id], t)  # the RMDs beside this year's: last year's deferred one, fixed ones
            gives = p.qcd_years and p.qcd_years[t] and alive(p, t) and y.giving > 0
            if gives:  # a QCD pays the RMD as far as it goes: the rest of the RMD is taken in cash
                h.addConstr(QR[p.id][t] <= Q[p.id][t])
                h.addConstr(QR[p.id][t] <= rmd * P[p.id][t] + required if rmd else QR[p.id][t] <= required)
                required = required - QR[p.id][t]
            out = rmd * P[p.id][t] + required + C[p.id][t] + W[p.id][t]  # the taxable-share money out
            into_plans = sum(I[q.id][t] for q in people if q.rolls_to == p.id and q.takes_rollins) \
                if any(q.rolls_to == p.id and q.takes_rollins for q in people) else 0.0
            # a plan may pay out in the same year what is rolled into it (the roll-ins come on January 3)
            h.addConstr(C[p.id][t] + W[p.id][t] + T[p.id][t] + into_plans + required + (Q[p.id][t] if gives else 0.0)
                        <= (1 - rmd) * P[p.id][t] + I[p.id][t])
            if gives:  # only the money that would be taxable if paid out is a QCD (§408(d)(8)(B), (D))
                h.addConstr(Q[p.id][t] <= P[p.id][t] - B[p.id][t])
            rolled_in = [(_clean(y.taxable_share.get(q.id, 1.0)), T[q.id][t]) for q in people if q.rolls_to == p.id]
            pretax_in = sum(s_ * v for s_, v in rolled_in) if rolled_in else 0.0
            basis_in = sum((1 - s_) * v for s_, v in rolled_in) if rolled_in else 0.0
            after["P"][p.id] = (1 + g) * (P[p.id][t] - out - (Q[p.id][t] if gives else 0.0) - T[p.id][t] + pretax_in
                                          + I[p.id][t] - into_plans)
            # Roth IRA money out comes on January 3 (the schedule), before the year's conversions land
            h.addConstr(Y[p.id][t] <= R[p.id][t])
            # not qualified: only basis comes out, tax-free: before 59½ contributions and conversions five years old
            # (``RC``), any basis after (this year's conversion counts only from next year)
            if not p.roth_qualified[t]:
                h.addConstr(Y[p.id][t] <= (RC[p.id][t] if p.early[t] else RB[p.id][t]))
            layers[p.id].append(C[p.id][t] + basis_in)
            if p.early[t]:  # before 59½ (a prefix of the years): what is left, and the layer five years old next year
                seasoned = p.roth_seasoned[t + 1] if t + 1 < len(p.roth_seasoned) else 0.0
                ripe = layers[p.id][t - 4] if t >= 4 else 0.0
                after["RC"][p.id] = RC[p.id][t] - Y[p.id][t] + ripe + seasoned if seasoned else \
                    RC[p.id][t] - Y[p.id][t] + ripe
            after["RB"][p.id] = RB[p.id][t] + C[p.id][t] + basis_in - Y[p.id][t]
            after["R"][p.id] = (1 + g) * (R[p.id][t] + C[p.id][t] + basis_in - Y[p.id][t])
            # (no term at all when all of it is taxable: HiGHS warns of explicit zero coefficients)
            after["B"][p.id] = B[p.id][t] - (1 - share) * (out + T[p.id][t]) if share < 1 else B[p.id][t]
            expr_x = expr_x + share * out
            taxed[p.id] = share * out
            if p.early[t]:  # IRC §72(t): 10% of the taxable part of what is paid out (conversions are exempt)
                early_tax = early_tax + 0.1 * share * W[p.id][t]
            cash = cash + rmd * P[p.id][t] + required + W[p.id][t] + Y[p.id][t]
        _carry(h, people, t, after, {"P": P, "R": R, "B": B, "RB": RB, "RC": RC})
        if y.early_state and not isinstance(early_tax, float):  # the state's part of the §72(t) tax
            if y.early_floor is None:
                early_tax = early_tax * (1 + y.early_state)
            else:  # a subtraction of it up to a cap: max(slope * a, floor), the least the plan can pay
                moved = h.addVariable(lb=-inf)
                h.addConstr(moved - y.early_state * early_tax >= 0)
                h.addConstr(moved >= y.early_floor)
                early_tax = early_tax + moved
        gifts = y.giving - sum(Q[p.id][t] for p in people if p.qcd_years and p.qcd_years[t]) if y.giving else 0.0
        if y.giving and any(p.qcd_years and p.qcd_years[t] for p in people):
            given = sum(Q[p.id][t] for p in people if p.qcd_years and p.qcd_years[t])
            h.addConstr(given <= y.giving)
            if y.cash_gifts is not None:
                h.addConstr(given == max(0.0, y.giving - y.cash_gifts))
            for pid, held in (y.qcd_held or {}).items():
                if pid in Q:
                    h.addConstr(Q[pid][t] == held)
        for kind, weights in (y.mix_held or {}).items():  # who converts: none but those who did in the plan held
            var = C if kind == "conversions" else W
            for p in people:
                if not weights.get(p.id, 0.0):
                    h.addConstr(var[p.id][t] == 0)
        for kind, amounts in (y.moves_held or {}).items():  # the plan's own moves, held (dollars)
            var = C if kind == "conversions" else W
            for pid, amount in amounts.items():
                if pid in var:
                    h.addConstr(var[pid][t] == amount)
        for pid, dollars in y.split_lock or ():  # each held person's money out as the curve's split has it
            over, under = h.addVariable(lb=0), h.addVariable(lb=0)
            part = sum(v for key, v in taxed.items() if _owner(key) == pid)
            h.addConstr(part + over - under == dollars)
            off_lock.extend((over, under))
        if tx is None:
            h.addConstr(x == expr_x)
            tax, irmaa, tiers, levels = yeartax.tax(h, y, x)
            along.append(x)
        else:
            # sold: at least what the year is short (a sale of more is a harvest: sold and bought back), at most what
            # the account holds; the gain: sold times 1 - basis / value (average cost) to first order about the last
            # round's point, in what is sold, the basis and the value (``taxable_account.first_order_gain``; with
            # the basis alone, a plan selling less in one year saw the next years' basis as if the value had not
            # risen with it: gains thousands of dollars below the engine's, which the next round undid, and the
            # rounds never settled). The dividends and interest on the January 1 value, taxed, and reinvested (basis)
            sold, gain = h.addVariable(lb=0), h.addVariable(lb=0)
            h.addConstr(sold <= F[t])
            h.addConstr(sold - F[t] + (1 / (1 + g)) * F[t + 1] >= 0)
            per_sold, per_basis, per_value, fixed = first_order_gain(y.gain_share, y.sold_share, y.basis_ref,
                                                                     y.value_ref)
            realized = per_sold * sold
            if per_basis:  # (no zero coefficients: HiGHS warns of them)
                realized = realized + per_basis * BT[t] + (per_value * F[t] + fixed if per_value else fixed)
            h.addConstr(gain >= realized)
            paid = tx.dividend_yield + tx.interest_yield
            h.addConstr(BT[t + 1] == BT[t] + (1 / (1 + g)) * F[t + 1] - F[t] + realized + paid * F[t])
            s_var = h.addVariable(lb=0, ub=y.gains.curve.xs[-1] / 100)
            h.addConstr(s_var == expr_x + paid * F[t] + gain)
            h.addConstr(x == expr_x)
            tax, irmaa, tiers, levels = yeartax.tax_gains(h, y, s_var, tx.dividend_yield * F[t] + gain, paid * F[t] + gain)
            sales.append(sold)
            gains.append(gain)
            added.append(s_var)
            along.append(s_var)
        irmaa_vars.append(irmaa)  # paid two years on (42 U.S.C. §1395r(i); 20 CFR §418.1115)
        paid = irmaa_vars[t - 2] if t >= 2 else 0.0
        spends = goal.spending_years is None or t < goal.spending_years
        h.addConstr(F[t + 1] == (1 + g) * (F[t] + cash + short[t] - tax - early_tax - y.medicare - paid - gifts
                                           - (S * (y.inflation_index * y.spending_share) if spends else 0.0)))
        tax_vars.append(tax + early_tax if not isinstance(early_tax, float) else tax)
        tier_vars.append(tiers)
        chosen.append(levels)
    spans.append(h.getNumCol())
    counted = yeartax.counts(h, chosen)
    if any(y.relaxed for y in years):  # their choices relaxed, and the counts across the years (``ptcwindow``)
        from rothroute.optimize.ptcwindow import relax

        relax(h, [k for t, y in enumerate(years) if y.relaxed for k in range(spans[t], spans[t + 1])]
              + list(range(spans[-1], h.getNumCol())))
    keep = 1 - float(heirs_rate)
    wealth = F[n] + constant
    for owed in irmaa_vars[-2:]:  # the IRMAA the last two years set, for premium years after the plan
        if not isinstance(owed, float) or owed:
            wealth = wealth - owed
    for p in people:
        wealth = wealth + R[p.id][n] + keep * P[p.id][n] + (1 - keep) * B[p.id][n]
    penalty = 1e3 * sum(short) if slack else 0.0
    # basis is never overdrawn: a held share (the last round's) lets a plan take basis out that an earlier move
    # used up (a deceased spouse's IRA emptied with its basis, then the survivor's money out at the share the
    # merged basis would give), which the engine never finds, so the rounds cycle; each dollar below zero costs
    # ``OVERDRAWN`` dollars, more than any tax it saves (a soft bound: RMDs at a held share may need a few cents)
    overdrawn = [h.addVariable(lb=0) for p in people if p.id in _with_basis(people) for _ in range(n)]
    k = 0
    for p in people:
        if p.id in _with_basis(people):
            for t in range(n):
                h.addConstr(overdrawn[k] + B[p.id][t + 1] >= 0)
                k += 1
    if overdrawn:
        penalty = penalty + OVERDRAWN * sum(overdrawn)
    if off_lock:
        penalty = penalty + LOCK_COST * sum(off_lock)
    measure = S if goal.name == "spending" else wealth
    if goal.name == "spending":
        h.addConstr(wealth >= goal.bequest)
    h.setObjective(measure - penalty, highspy.ObjSense.kMaximize)
    binary = [k for k, kind in enumerate(h.getLp().integrality_) if kind == highspy.HighsVarType.kInteger]
    if start and [k for k, _ in start] == binary:
        _start_from(h, start)
    elif leading:
        _start_from(h, leading)
    # what is left of the limit once the program is built (HiGHS's clock starts at its run); the floor lets a
    # program built past its limit still return the start or the rounding HiGHS finds at once
    h.setOptionValue("time_limit", max(MIN_RUN, deadline - time.monotonic()))
    # HiGHS checks its limit only now and then (seen: 6.3 s at a limit of 3.1 s, a Marketplace plan's program under
    # load): its simplex and its branch and bound are also stopped by the clock itself once the deadline has passed
    _stop_at(h, deadline + MIN_RUN)
    # (within the limit: the relaxation's run counts on the same clock; not under a cutoff: a start below it would be
    # kept as the plan, where HiGHS is to prove there is none)
    if not (start and [k for k, _ in start] == binary) and not leading and rounded and cutoff is None and \
            not any(y.relaxed for y in years) and (first := yeartax.rounded(h, chosen, along, counted)):
        _start_from(h, first)
    if cutoff is not None:  # HiGHS minimizes internally: the bound is on the negated objective
        h.setOptionValue("objective_bound", -float(cutoff))
    h.solve()
    if h.getModelStatus() == highspy.HighsModelStatus.kUnknown:
        # the simplex lost its footing on a badly scaled relaxation (seen on infeasible spending needs):
        # solve again without its scaling, which settles it either way
        h.clearSolver()
        h.setOptionValue("simplex_scale_strategy", 0)
        h.run()
    if cutoff is not None:  # the linear programs that tidy the plan have other objectives
        h.setOptionValue("objective_bound", inf)
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    gap_found = float(info.mip_gap)
    # a plan exists when HiGHS proved one optimal, or stopped early (time limit) holding a feasible one
    feasible_point = int(info.primal_solution_status) == 2  # kSolutionStatusFeasible
    solved = h.getModelStatus() == highspy.HighsModelStatus.kOptimal or feasible_point and h.getModelStatus() in (
        highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kSolutionLimit,
        highspy.HighsModelStatus.kInterrupt)
    if not solved and status != "Infeasible":
        status = f"{status}: no plan found"
    # (a linear program's is its optimum: HiGHS sets no MIP bound without a binary)
    dual_bound = (float(info.mip_dual_bound) if binary else float(info.objective_function_value)) if solved else None
    tidy_from = float(h.getRunTime())
    if solved and tidy and not slack:
        # with the spending goal the wealth left is held too (it is the bequest's, not only the floor)
        # (and a split held, ``YearData.split_lock``, as near as the plan found has it)
        held = OVERDRAWN * sum(overdrawn) if overdrawn else 0.0  # kept as low as the plan found has it
        if off_lock:
            held = held + LOCK_COST * sum(off_lock)
        tidy_plan(h, [measure - held, wealth - held] if goal.name == "spending" else [measure - held],
                  list(C.values()), Y,
                  [v for var in (W, Y) for vs in var.values() for v in vs], F[1:],
                  limit=min(SECOND_LIMIT, deadline - time.monotonic()))
    seconds = float(h.getRunTime())  # every run of this instance, the second program's included
    tidy_seconds = seconds - tidy_from

    columns = list(h.getSolution().col_value) if solved else []  # read once: HiGHS's val is slow a column
    binaries = tuple((k, float(round(columns[k]))) for k in binary) if solved else ()

    def val(v: Any) -> float:
        if isinstance(v, (int, float)):
            return float(v)
        if not solved:
            return 0.0
        return float(columns[v.index]) if isinstance(v, highspy.highs.highs_var) else \
            float(highspy.Highs.internal_get_value(columns, v))

    def per(var: dict[str, list[Any]]) -> dict[str, list[float]]:
        return {pid: [max(0.0, val(v)) for v in vs] for pid, vs in var.items()}

    # the RMD a QCD pays is its own: an RMD the plan took in cash beside a QCD is a withdrawal (the same money out)
    rmd_due = {p.id: [(val(P[p.id][t]) / p.rmd_divisors[t] if p.rmd_divisors[t] else 0.0)
                      + _required(p, [val(v) for v in P[p.id]], t) for t in range(n)] for p in people}
    cash_rmd = {pid: [max(0.0, due - max(0.0, val(Q[pid][t]))) for t, due in enumerate(dues)]
                for pid, dues in rmd_due.items()}
    withdrawals = {pid: [max(0.0, val(W[pid][t])) + max(0.0, due - val(QR[pid][t]) - cash_rmd[pid][t])
                         for t, due in enumerate(dues)] for pid, dues in rmd_due.items()}
    return Solution(
        status=status, seconds=seconds,
        gap=gap_found if solved and gap_found < inf else None,
        objective=(val(S) if goal.name == "spending" else val(wealth)) if solved else 0.0,
        wealth=val(wealth) if solved else 0.0, spending=val(S),
        conversions=per(C), withdrawals=withdrawals, roth_withdrawals=per(Y), rollovers=per(T),
        roll_ins=per(I), qcd=per(Q), rmd=cash_rmd, draws=per(W),
        tax=[val(v) for v in tax_vars],
        irmaa_tier=[next((t for z, t in zs if val(z) > 0.5), years[k].curve.base_tier) if zs
                    else years[k].curve.base_tier for k, zs in enumerate(tier_vars)],
        shortfall=[val(v) for v in short], tidy_seconds=tidy_seconds,
        sales=[max(0.0, val(v)) for v in sales], gains=[max(0.0, val(v)) for v in gains],
        added=[max(0.0, val(v)) for v in added], binaries=binaries, along=[val(v) for v in along] if solved else [],
        dual_bound=dual_bound if dual_bound is not None and abs(dual_bound) < inf else None,
        value=val(measure) - val(penalty) if solved else None,
        leading=tuple((k, float(columns[k])) for k in range(decided)) if solved else ())


def _stop_at(h: Any, deadline: float) -> None:
    """Interrupt HiGHS's simplex and branch and bound (keeping the best plan found) once ``time.monotonic()`` passes
    ``deadline``."""
    import time

    def interrupt(event: Any) -> None:
        if time.monotonic() > deadline:
            event.interrupt()

    h.cbSimplexInterrupt += interrupt
    h.cbMipInterrupt += interrupt


def _start_from(h: Any, start: tuple[tuple[int, float], ...]) -> None:
    """A start for HiGHS: the binaries given, the rest of the plan completed by HiGHS (a start it finds
    infeasible it drops; the solve goes on as without it)."""
    import numpy as np

    h.setSolution(len(start), np.array([k for k, _ in start], dtype=np.int32),
                  np.array([v for _, v in start], dtype=np.float64))


def _carry(h: Any, people: list[PersonStart], t: int, after: dict[str, dict[str, Any]],
           variables: dict[str, dict[str, list[Any]]]) -> None:
    """Next January's balances: each person's own; a person who died at the end of year ``t`` has
    none, their money (and their plans') going to the survivor's accounts (the survivor treats the IRAs
    as their own and rolls the plans over, ``household.survivor``), with what reaches them from
    outside the model (``PersonStart.inherits``)."""
    index = {"P": 1, "B": 2, "R": 3, "RB": 4, "RC": 4}
    for name, var in variables.items():
        for p in people:
            if p.last is not None and t >= p.last:
                h.addConstr(var[p.id][t + 1] == 0)
                continue
            if p.id not in after[name]:  # RC: kept only before 59½
                continue
            expr = after[name][p.id]
            for q in people:
                if q.heir == p.id and q.last == t and q.id in after[name]:
                    expr = expr + after[name][q.id]
            extra = sum(row[index[name]] for row in p.inherits if row[0] == t)
            h.addConstr(var[p.id][t + 1] == (expr + extra if extra else expr))


def _owner(key: str) -> str:
    """Whose money a person's or plan pool's is on the state's return (a pool's, ``person:pool``, its person's)."""
    return key.split(":", 1)[0]


def _with_basis(people: list[PersonStart]) -> set[str]:
    """The people and plan pools whose basis the model tracks: their own, or what reaches them (a deceased
    spouse's, a plan's rolled out, what a death brings from outside the model)."""
    out = {p.id for p in people if p.basis > 0 or any(row[2] for row in p.inherits)}
    while True:
        more = {p.id for p in people if p.id not in out
                and any(q.id in out and (q.heir == p.id or q.rolls_to == p.id) for q in people)}
        if not more:
            return out
        out |= more


def _required(p: PersonStart, P: list[Any], t: int) -> Any:
    """Year ``t``'s RMD dollars beside the year's own share of ``P[t]``: last year's first RMD,
    deferred to April 1 (its divisor times last January's money), and the dollars the file fixes."""
    late = p.rmd_late[t] if t and t < len(p.rmd_late) else None
    fixed = p.rmd_fixed[t] if t < len(p.rmd_fixed) else 0.0
    if late:
        return (1.0 / late) * P[t - 1] + fixed if fixed else (1.0 / late) * P[t - 1]
    return fixed


def _clean(share: float) -> float:
    """A share within 1e-7 of 0 or 1 is 0 or 1: times an RMD rate (1/50 at least) it would make a
    coefficient under HiGHS's 1e-9, which it refuses (a cent on $100,000; the re-pricing is exact)."""
    return 0.0 if share < 1e-7 else 1.0 if share > 1 - 1e-7 else share


def _highs() -> Any:
    """A silent HiGHS instance: its first construction prints a banner on file descriptor 1,
    which would corrupt ``--json`` output, so that descriptor points at the null device then."""
    import os
    import sys

    import highspy

    sys.stdout.flush()
    saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        h = highspy.Highs()
        h.silent()
        # presolve once, at the root, and separate cuts only there: in the tree they cost more than they
        # save here (each about 15% of the solve on the hardest bench household, nothing on the others)
        h.setOptionValue("mip_root_presolve_only", True)
        h.setOptionValue("mip_allow_cut_separation_at_nodes", False)
        # no RINS or RENS sub-MIPs: HiGHS finds these plans early by rounding and in the tree, and the
        # sub-MIPs cost more than they find (over 59 random couples: total time -19%, geometric mean -24%;
        # bench/README.md)
        h.setOptionValue("mip_heuristic_run_rins", False)
        h.setOptionValue("mip_heuristic_run_rens", False)
        # nor the feasibility jump: on the 94 programs of the bench households and the optimizer's tests it found
        # no plan the rounding and the tree did not, and it took 12% of HiGHS's CPU (the same nodes and the same
        # objective on every one without it; bench/README.md, "The year counts")
        h.setOptionValue("mip_heuristic_run_feasibility_jump", False)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)
    return h
