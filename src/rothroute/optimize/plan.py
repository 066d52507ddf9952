"""``rothroute optimize``: the yearly Roth conversions that leave the most after-tax wealth at the
horizon, found by the mixed-integer program (``model``), then re-priced year by year by the exact
engine (``horizon``) beside the baselines, re-priced the same way.

What the plan decides, per person and year: Roth conversions from the traditional, SEP and SIMPLE
IRAs; in-plan Roth rollovers in former employers' plans and in a current employer's plan where the
plan offers them (IRC §402A(c)(4)(E): in service too); withdrawals from the IRAs, the Roth IRAs and
former employers' plans to meet a spending need; rollovers out of former employers' plans and
roll-ins of pretax IRA money into plans; and, as starts tried one by one, rolling whole plans out or
all pretax IRA money in (``first_moves``). RMDs are taken every year they are due; the household's
other income grows with inflation."""

from __future__ import annotations

import dataclasses
import time
from fractions import Fraction
from typing import Any, Mapping

from rothroute.household.model import Household
from rothroute.household.moves import Distribution
from rothroute.money import as_number
from rothroute.optimize import curve_cache, model
from rothroute.optimize.baselines import PRICINGS, YARDSTICK_PRICINGS, baselines, opened, with_roth_iras
from rothroute.optimize.budget import MARGIN, SOLVE_FLOOR, Budget, OutOfTime
from rothroute.optimize.horizon import (
    MAX_YEARS, Assumptions, Year, irmaa_surcharges, other_income, plan_years, run, state_params_of, uses_taxable,
    worth_at_end,
)
from rothroute.optimize.distributions import fixed_cents
from rothroute.optimize.pools import Pools, pooled_accounts, pools
from rothroute.optimize.prorata import engine_shares
from rothroute.optimize.result import BelowBound, OptimizeError, Optimized
from rothroute.optimize.rounds import (
    curves_of, cut_by_time, early_found, early_moved, excess_of, extrapolated, model_tax_of, model_x, moving_in,
    priced_again, qcds_in, resplit,
)
from rothroute.optimize.schedule import cents, following
from rothroute.optimize.starts import people_of
from rothroute.optimize.statecurve import (
    StateSpec, agrees_within, early_share, first_split, levies_nothing, lock_of, people_shares, reprice, split_of,
)
from rothroute.optimize import taxable_account
from rothroute.vocab import NON_ROTH_IRAS

MAX_ROUNDS = 16  # re-solves while the pro-rata shares settle (each within the time limit; seed 849 of
# bench/optimize_random.py: shares moving 40% less a round, from 0.0075, did not settle in 8)
FIRST_ROUND = 0.5  # of the solver's time, the first round's where rounds may follow (``plan_from``)
EARLY_ROUNDS = 16  # rounds that may price a year's state share of the early-distribution tax again (``rounds``)
SPLIT_ROUNDS = 5  # rounds that may price state years again for the split of the plan's money among people and kinds
SETTLED = 100  # cents: decisions that move less than a dollar have settled
GAIN_SHARE = "taxable:gain_share"  # the taxable account's gain share among the shares the rounds settle
SHARES_SETTLED = 1e-6  # or the pro-rata shares the plan gives are the ones it was solved with (a dime on $100,000)
GAIN_SETTLED = 0.5  # dollars: or the gain the plan realizes at the engine's gain share is within this of the model's
# dollars a year: or within this where the model's tax of the round is the engine's within ``rounds.AGREES`` every year. Solving
# again moves the plan by the tax on a few dollars of gain a year (a few dollars at the horizon, far inside the 1e-4
# gap), and the round is a whole solve: single_aca's third round at 1e-4 was 53 s to move its plan by 4 cents
GAIN_AGREED = 5.0


def _explain_infeasible(people: list[Any], data: list[Any], a: Assumptions, goal: Any, constant: float,
                        first_year: int, budget: Budget) -> None:
    """Say which need cannot be met: solve again with fewer years of spending, and name the first
    year the money runs out (within the time limit: past it, say so without the year)."""
    if goal.name == "spending":
        raise OptimizeError(f"infeasible: even with no spending the plan cannot leave the bequest floor of "
                            f"${goal.bequest:,.0f} at the end")
    # the first year the need cannot be met: the fewest years of spending that make it infeasible
    sources = ("drawing on the IRAs, the Roth IRAs, former employers' plans (a current employer's only after the "
               "retirement year) and the cash account")

    def feasible(k: int) -> bool:
        if not budget.fits(pricings=0):
            raise OptimizeError(f"infeasible: the spending need of ${goal.spending:,.0f} a year (first-year dollars) "
                                f"cannot be met, {sources}; the time limit ran out before the first year short was "
                                "found (give it more time to have it named)")
        trial = model.solve(people, data, growth=a.growth, heirs_rate=a.heirs_rate, constant=constant,
                            goal=dataclasses.replace(goal, spending_years=k),
                            time_limit=min(10.0, budget.solver_limit(pricings=0)), gap=1e-2, tidy=False)
        return trial.status != "Infeasible"

    low, high = 0, len(data)  # feasible with 0 years of spending (else the plan itself is at fault), not with all
    if not feasible(0):
        raise OptimizeError("infeasible: the solver found no plan even with no spending")
    while high - low > 1:
        mid = (low + high) // 2
        if feasible(mid):
            low = mid
        else:
            high = mid
    raise OptimizeError(f"infeasible: the spending need of ${goal.spending:,.0f} a year (first-year dollars) cannot "
                        f"be met: {sources}, the money runs out in {first_year + low} (the need can be met through "
                        f"{first_year + low - 1} at most)" if low else
                        f"infeasible: the spending need of ${goal.spending:,.0f} a year (first-year dollars) cannot be "
                        f"met even in {first_year}, {sources}")


def optimize(h: Household, years: int, assumptions: Assumptions, *, time_limit: float = 60.0,
             gap: float = 1e-4, with_baselines: bool = True, objective: str = "wealth",
             bequest: int = 0, budget: Budget | None = None, cutoff: float | None = None) -> Optimized:
    """The best plan over the starts the plan rules allow (``first_moves``: as is, rolling former
    employers' plans out, rolling pretax IRA money into a plan), each planned by ``plan_from``;
    ``with_baselines=False`` skips pricing the yardsticks (for timing the solve). ``budget``: the
    time of a larger call this plan is part of (``optimize.claiming``), else ``time_limit`` from now.
    ``cutoff``: ``plan_from``'s, for every start; ``BelowBound`` when every start is below it."""
    from importlib.util import find_spec

    from rothroute.optimize.first_moves import variants

    if find_spec("highspy") is None:
        raise OptimizeError("the optimizer needs HiGHS, which is not installed: pip install 'rothroute[optimize]'")
    budget = budget or Budget.of(time_limit)  # the time limit holds for the whole call (``optimize.budget``)
    years = plan_years(h, years)
    plain = with_roth_iras(dataclasses.replace(h, moves=()))
    starts = variants(plain)
    tried, not_tried = [], []
    yardsticks = baselines(h.tax_year) if with_baselines else {}
    budget.after = sum(PRICINGS.get(n, YARDSTICK_PRICINGS) for n in yardsticks)
    for k, (name, (moves, start)) in enumerate(starts.items()):
        # a start other than as is needs its background pricing, one round and its pricing, and the yardsticks
        if k and not budget.fits(pricings=2):
            not_tried.append(name)
            continue
        try:
            result = plan_from(start, years, assumptions, time_limit=time_limit, gap=gap, objective=objective,
                               bequest=bequest, budget=budget, later=len(starts) - k - 1, cutoff=cutoff)
        except BelowBound:
            continue
        except OptimizeError:
            if name == "as_is":
                raise
            continue
        measure = result.assumptions.spending if objective == "spending" else \
            worth_at_end(result.years, result.assumptions).after_tax
        tried.append((measure, name, moves, result))
    if not tried:
        raise BelowBound(f"no plan is worth more than ${cutoff:,.2f}")
    _, name, moves, best = max(tried, key=lambda item: item[0])
    priced, not_priced = price_yardsticks(plain, years, yardsticks, best.assumptions, budget)
    return dataclasses.replace(best, baselines=priced, first_moves=(name, tuple(moves)),
                               starts=tuple((n, as_number(m)) for m, n, _, _ in tried), not_tried=tuple(not_tried),
                               baselines_not_priced=tuple(not_priced),
                               new_accounts=tuple(opened(h, plain, [*moves, *(m for y in best.years
                                                                             for m in y.evaluation.household.moves)])))


def price_yardsticks(plain: Household, years: int, yardsticks: Mapping[str, Any], assumptions: Assumptions,
                     budget: Budget) -> tuple[dict[str, tuple[Year, ...]], list[str]]:
    """The yardsticks priced in their order while time is left (the first, one pricing, always), and those
    the time limit left unpriced."""
    priced: dict[str, tuple[Year, ...]] = {}
    not_priced: list[str] = []
    for n, policy in yardsticks.items():
        try:
            priced[n] = run(plain, years, budget.bounded(policy) if priced else policy, assumptions,
                            fund_spending=True)
        except OutOfTime:
            not_priced.append(n)
    return priced, not_priced


def plan_from(h: Household, years: int, assumptions: Assumptions, *, time_limit: float = 60.0,
              gap: float = 1e-4, objective: str = "wealth", bequest: int = 0, budget: Budget | None = None,
              later: int = 0, cutoff: float | None = None) -> Optimized:
    """The plan. ``objective``: ``wealth`` (the most after-tax wealth at the end, spending
    ``assumptions.spending``) or ``spending`` (the most level spending, first-year dollars, leaving
    at least ``bequest`` cents in first-year dollars), from the household as it is (no start moves,
    no baselines: ``optimize`` adds those). ``budget``: the time of the whole ``optimize`` call, of
    which this start takes its share (``later`` starts follow it); alone, ``time_limit`` from now.
    ``cutoff`` (dollars, the wealth objective only): ``BelowBound`` when the solver proves no plan's model worth
    is above it. Used only where the model's program is the plan's at once (no basis to share out and no taxable
    account: the shares are known before the first round, so one round decides); elsewhere the plan is made."""
    from rothroute.params.projection import year_params

    if objective not in ("wealth", "spending"):
        raise OptimizeError(f"expected wealth or spending; got {objective!r}", "objective")
    if assumptions.spending < 0 or assumptions.cash < 0 or bequest < 0:
        field = "spending" if assumptions.spending < 0 else "cash" if assumptions.cash < 0 else "bequest"
        raise OptimizeError("expected an amount of $0 or more", field)
    if assumptions.cash_account not in ("taxable", "untaxed"):
        raise OptimizeError(f"expected taxable or untaxed; got {assumptions.cash_account!r}", "cash_account")
    in_taxable = uses_taxable(h, assumptions)
    goal = model.Goal(name=objective, spending=assumptions.spending / 100, cash=assumptions.cash / 100,
                      bequest=float(bequest * (1 + assumptions.inflation) ** years) / 100)
    if in_taxable:  # the cash account is the taxable accounts, the cash given bought into them
        dividends, interest = taxable_account.pooled_yields(h)
        goal = dataclasses.replace(goal, cash=(taxable_account.value(h) + assumptions.cash) / 100,
                                   taxable=model.TaxableStart(basis=(taxable_account.basis(h) + assumptions.cash) / 100,
                                                              dividend_yield=dividends, interest_yield=interest))
    if not 1 <= years <= MAX_YEARS:
        raise OptimizeError(f"expected 1 to {MAX_YEARS}; got {years}", "years")
    if not Fraction(-1, 2) <= assumptions.growth <= Fraction(1, 2):
        raise OptimizeError(f"expected a yearly rate from -50% to 50%; got {float(assumptions.growth):.2%}", "growth")
    if not 0 <= assumptions.heirs_rate < 1:
        raise OptimizeError(f"expected a rate from 0 to under 100%; got {float(assumptions.heirs_rate):.2%}",
                            "heirs_rate")
    h = with_roth_iras(dataclasses.replace(h, moves=()))
    start_pools = {p.id: pools(h, p.id) for p in h.people}
    if not any(a.kind in NON_ROTH_IRAS and a.value for a in h.accounts) and not pooled_accounts(start_pools):
        raise OptimizeError("nothing to convert: the file has no traditional, SEP or SIMPLE IRA money and no "
                            "employer plan money that can be drawn or rolled to Roth")
    years = plan_years(h, years)
    budget = budget or Budget.of(time_limit)
    clock = time.monotonic()
    background = run(h, years, lambda hh, price: [], assumptions)  # no conversions: the years' incomes and plan RMDs
    budget.priced(time.monotonic() - clock)
    budget.begin(later)
    g = 1 + float(assumptions.growth)
    people = people_of(h, years, background, start_pools, assumptions)
    total_ira = sum(x.ira for x in people)  # former employers' plans included
    data, wanted = [], []
    specs: list[StateSpec | None] = []  # each year's state: its parameters and the split of x the curve takes
    cash_gifts: list[int] = []  # cents of the giving each year's curve takes as cash gifts (the rest QCDs)
    fixed_split: list[dict[tuple[str, str], int]] = []  # each year's taxable cents out that no decision sets, by
    # person and kind (a current employer's plan RMDs): first dollars of x, as the RMDs the plan takes in cash
    from rothroute.optimize.rollforward import next_year as _next_year

    end = _next_year(background[-1].evaluation, growth=assumptions.growth, inflation=assumptions.inflation)
    for t, y in enumerate(background):
        hh = y.evaluation.household
        premium_year = background[t + 2].evaluation.household if t + 2 < years else \
            dataclasses.replace(end, tax_year=hh.tax_year + 2)
        medicare = y.medicare
        fixed_medicare = 0 if medicare is None else medicare.part_b + medicare.part_d + (medicare.irmaa if t < 2 else 0)
        yp, _ = year_params(hh.tax_year, assumptions.inflation)
        irmaa, _ = year_params(hh.tax_year + 2, assumptions.inflation)
        pooled = pooled_accounts(start_pools)
        fixed_moves = [i for i, m in enumerate(hh.moves) if isinstance(m, Distribution) and m.from_account not in pooled]
        fixed = sum(y.evaluation.ira.results[i].amount for i in fixed_moves) / 100
        fixed_taxable = sum(y.evaluation.ira.results[i].taxable for i in fixed_moves) / 100
        fixed_split.append(fixed_cents(hh, [(hh.moves[i], y.evaluation.ira.results[i].taxable) for i in fixed_moves]))
        held = goal.cash if in_taxable else 0.0  # the taxable account's money may be income too (its gains)
        x_max = int(((total_ira + held) * g ** t + fixed) * 100 * 1.05) + 100_000
        giving, limit = assumptions.giving_in(t), yp.retirement_limits["qcd_limit"] or 0
        cash_gifts.append(max(0, giving - qcd_room(people, t, limit, g)))  # QCDs first, as far as they go (a round
        # corrects it)
        wanted.append((dataclasses.replace(taxable_account.without_yields(hh) if in_taxable else hh, moves=(),
                                           charitable_gifts=cash_gifts[t]), yp, irmaa.irmaa, x_max))
        state_year, _ = state_params_of(hh, assumptions)
        # a state that levies nothing (``statecurve.levies_nothing``) adds 0 to every curve: none computed
        specs.append(None if state_year is None or levies_nothing(state_year.state) else
                     StateSpec(year=state_year, split=first_split(hh)))
        share = float(assumptions.survivor_spending) if len(hh.people) < len(h.people) else 1.0
        data.append(model.YearData(curve=None, fixed_out=fixed, fixed_taxable=fixed_taxable, spending_share=share,
                                   giving=giving / 100, qcd_limit=limit / 100,
                                   other_income=other_income(hh, in_taxable) / 100,
                                   irmaa_costs=tuple(c / 100 for c in irmaa_surcharges(hh, irmaa.irmaa, premium_year)),
                                   inflation_index=float((1 + assumptions.inflation) ** t), medicare=fixed_medicare / 100,
                                   early_state=early_share(hh, specs[-1])))
    # (a year whose inputs a plan before priced takes its curves: the claiming search's years before any claim)
    # per_curve: seconds a year's curves took to compute (those kept: then): a round pricing some again reserves it
    curves, per_curve = curve_cache.timed(curves_of, in_taxable, wanted, specs)
    data = [dataclasses.replace(d, curve=c, gains=gc, envelope=env) for d, (c, gc, env) in zip(data, curves)]
    point = taxable_account.first_point(h, assumptions.cash, float(assumptions.growth), years) if in_taxable else None
    constant = _untracked_worth(background, assumptions, start_pools) / 100
    # the cutoff holds where the first round's program is the plan's: no shares to settle, no cash gifts or
    # state split to price again (``cutoff``)
    one_round = point is None and not any(p.basis for p in people) and \
        not any(assumptions.giving_in(t) for t in range(years)) and \
        all(spec is None or d.curve.split_free for spec, d in zip(specs, data))
    bound = cutoff if cutoff is not None and objective == "wealth" and one_round else None
    # the first round's program starts from its relaxation rounded (``yeartax.rounded``) where it is the plan's; where
    # rounds follow, each starts from the last, and another first plan within the gap would change the rounds (on
    # ``couple_giving`` of bench/optimize_owl.py: a plan whose cash gifts are priced again, two rounds for one)
    rounds: list[dict[str, Any]] = []
    # the taxable share of money out: the basis over the January 1 value (Form 8606 line 10 with the year's moves out
    # of the same January money, IRC §408(d)(2); a plan contract's pro rata, §72(e)(8)); money out at that share
    # leaves it as it was and the year's growth dilutes it, so without money coming in it is known in advance
    shares = {p.id: [1 - (p.basis / p.ira if p.ira else 0) / g ** t for t in range(years)] for p in people}
    if point is not None:
        shares[GAIN_SHARE] = point[0]
    previous: dict[str, list[int]] | None = None
    tried: list[tuple[Any, Any, tuple[Year, ...], Assumptions, list[Any]]] = []  # (rank, solution, priced, a, data)
    seen: list[dict[str, list[int]]] = []
    repriced_split: list[list[int]] = []  # the rounds that priced state years again for another split
    gifts_repriced: set[int] = set()  # the years whose curve was priced again for the plan's cash gifts
    pinned: dict[int, float] = {}  # years whose cash gifts the model holds at these (dollars)
    held_qcds: dict[int, dict[str, float]] = {}  # years whose QCDs the model holds, per person (dollars)
    held_mix: dict[int, dict[str, dict[str, float]]] = {}  # years whose people's shares of conversions and withdrawals
    split_repriced: set[int] = set()  # the years whose curve was priced again for the plan's split
    held_moves: dict[int, dict[str, dict[str, float]]] = {}  # years whose conversions and withdrawals the model holds
    locks: dict[int, tuple[tuple[str, float], ...]] = {}  # years whose held people's dollars the model holds
    reheld: set[int] = set()  # held years priced once more on the split of the plan their held moves made
    pinned_x: set[int] = set()  # years priced again with the plan's own x kept on the curve (``StateSpec.pins``)
    early_rounds = 0  # rounds that priced a year's state share of the early-distribution tax again
    steps: tuple[dict[str, list[float]], ...] = ()  # the shares' last steps, where the rounds before were plain ones
    state_off = False  # the last round's state part is not the engine's state tax in some year
    pinning = True  # (not after a plan with them held proved infeasible)
    settled = True
    damped = False
    unsettled: dict[str, Any] = {}
    for _ in range(MAX_ROUNDS):
        last_steps, steps = steps, ()  # (steps are the last only where the rounds before ended on them)
        if tried and not budget.fits():  # no room for a solve and its pricing: keep the best round so far
            settled = False
            cut_by_time(unsettled, rounds)
            break
        data = [dataclasses.replace(d, taxable_share={pid: s[t] for pid, s in shares.items()},
                                    cash_gifts=pinned.get(t), qcd_held=held_qcds.get(t),
                                    mix_held=held_mix.get(t), moves_held=held_moves.get(t), split_lock=locks.get(t))
                for t, d in enumerate(data)]
        if point is not None:  # the taxable account's gain shares: the engine's of the last round, as the 8606 shares
            data = [dataclasses.replace(d, gain_share=shares[GAIN_SHARE][t], sold_share=point[1][t],
                                        basis_ref=point[2][t], value_ref=point[3][t])
                    for t, d in enumerate(data)]
        # where rounds may follow, the first is given FIRST_ROUND of the time: its shares are a guess (Form 8606's
        # with QCDs from the income part first, §408(d)(8)(D); the state's split), and a first round that took the
        # whole limit left none to price the plan it made as the engine does (seed 15 of bench/optimize_random.py:
        # one round in 60 s, its federal tax $5-$15 off the engine's); a first round that found no plan in it is
        # given the rest
        capped = not tried and not one_round
        try:
            # each round after the first starts from the last round's choices of blocks and tiers (the shares
            # move little from round to round, so that plan is near the best of the next)
            solution = model.solve(people, data, growth=assumptions.growth, heirs_rate=assumptions.heirs_rate,
                                   goal=goal, time_limit=budget.solver_limit() * (FIRST_ROUND if capped else 1),
                                   gap=gap, constant=constant, start=tried[-1][1].binaries if tried else (),
                                   cutoff=bound, rounded=one_round)
            if capped and solution.status.endswith("no plan found") and budget.fits():
                solution = model.solve(people, data, growth=assumptions.growth, heirs_rate=assumptions.heirs_rate,
                                       goal=goal, time_limit=budget.solver_limit(), gap=gap, constant=constant,
                                       start=(), cutoff=bound, rounded=one_round)
        except Exception as e:  # HiGHS refusing the model is rothroute's fault, said plainly, never a traceback
            if type(e).__name__ != "HighsStatusError":
                raise
            raise OptimizeError(f"the solver refused the model ({e}); please report this household") from e
        if solution.status == "Infeasible" and bound is not None:  # no plan above the cutoff (or none at all)
            raise BelowBound(f"no plan is worth more than ${bound:,.2f}")
        if solution.status == "Infeasible" and (pinned or held_qcds or held_mix or held_moves or locks):  # the held
            # cannot be: again without
            pinned, held_qcds, held_mix, held_moves, locks, pinning = {}, {}, {}, {}, {}, False
            continue
        if solution.status == "Infeasible":
            _explain_infeasible(people, data, assumptions, goal, constant, h.tax_year, budget)
        if solution.status.endswith("no plan found"):
            raise OptimizeError(f"the solver stopped ({solution.status}) within the time limit of {time_limit:g} s; "
                                "give it more time", "time_limit")
        if goal.name == "spending":
            assumptions = dataclasses.replace(assumptions, spending=int(solution.spending * 100))
        amounts = cents(solution.conversions)
        clock = time.monotonic()
        priced = run(h, years, following(solution, h.tax_year, start_pools), assumptions,
                     fund_spending=True)  # a few dollars more drawn where the IRS Tax Table's rows leave cash short
        budget.priced(time.monotonic() - clock)
        worth = worth_at_end(priced, assumptions).after_tax
        measure = assumptions.spending if goal.name == "spending" else worth
        # a round whose plan the engine finds short of cash or of the bequest floor ranks below every other
        kept = all(y.fund_end >= 0 for y in priced) and (goal.name != "spending" or worth >= goal.bequest * 100 - 100)
        found = engine_shares(priced, shares, start_pools)
        # a round whose model tax, at the shares the engine found for its plan, is not the engine's (a share held
        # far from it moved the cash, and the engine drew more than the plan) ranks below the rounds the model
        # priced as the engine does
        model_tax, model_state = model_tax_of(data, people, solution, found)
        excess = excess_of(priced, model_tax, model_state) if h.tax_computation == "rate_schedule" else 0.0
        agrees = excess == 0
        # (rounds whose model tax is not the engine's rank by how far it is: the least off first)
        tried.append(((kept, agrees, -excess, measure), solution, priced, assumptions, data))
        # every decision the shares bear on: conversions, withdrawals, rollovers, roll-ins
        decisions = {f"{kind}:{pid}": v for kind in ("conversions", "withdrawals", "roth_withdrawals", "rollovers",
                                                     "roll_ins", "qcd") for pid, v in cents(getattr(solution, kind)).items()}
        change = max((abs(a - b) for key in decisions
                      for a, b in zip(decisions[key], (previous or {}).get(key, [0] * years))),
                     default=0) if previous is not None else None
        if point is not None:
            found[GAIN_SHARE] = taxable_account.engine_point(priced)[0]
            decisions["sales"] = [int(v * 100) for v in solution.sales]
        # the round is consistent when the shares its plan gives are the shares it was solved with, in the years
        # money moves through them (elsewhere a share bears on nothing)
        moving = moving_in(solution, years) | {(GAIN_SHARE, t) for t, v in enumerate(solution.sales) if v >= 1}
        moved = max((abs(found[key][t] - shares[key][t]) for key in found for t in range(years)
                     if (key, t) in moving), default=0.0)
        # the gain share bears on the gain, the share times the dollars sold: it has settled when the gain the plan
        # would realize at the engine's share is within GAIN_SETTLED of the model's (a share held a millionth off
        # moves the gain of $100,000 sold by a dime, the tax by cents: five rounds became three on an early retiree)
        gain_moved = max((abs(found[GAIN_SHARE][t] - shares[GAIN_SHARE][t]) * solution.sales[t]
                          for t in range(years) if (GAIN_SHARE, t) in moving), default=0.0) if point is not None else 0.0
        others = max((abs(found[key][t] - shares[key][t]) for key in found if key != GAIN_SHARE for t in range(years)
                      if (key, t) in moving), default=0.0)
        rounds.append({"conversions": {pid: [as_number(v) for v in per_year] for pid, per_year in amounts.items()},
                       "largest_change": None if change is None else as_number(change),
                       "largest_share_change": round(moved, 8),
                       **({"largest_gain_change": round(gain_moved, 2)} if point is not None else {})})
        # the cash gifts the plan leaves (the giving less its QCDs, in the schedule's whole dollars): a year whose
        # curve took other cash gifts is priced again with them (their deduction depends on how much, IRC §170)
        qcds = cents(solution.qcd)
        gifts = [max(0, assumptions.giving_in(t) - sum(qcds[p.id][t] // 100 * 100 for p in people)) for t in range(years)]
        stale = [t for t in range(years) if abs(gifts[t] - cash_gifts[t]) > 100]
        # a state that taxes x by whose money and which kind it is: a year whose curve took another split is
        # priced again with the split the plan had (the engine's count of the year's retirement income)
        incomes = [{p.id: y.evaluation.ira.retirement_income(p.id) for p in y.evaluation.household.people}
                   for y in priced]
        splits = [split_of(income) for income in incomes]
        moved_split = [t for t in range(years) if specs[t] is not None and splits[t]
                       and reprice(specs[t], data[t].curve, splits[t], priced[t].evaluation.state, model_state[t])
                       and len(repriced_split) < SPLIT_ROUNDS]
        # a year whose plan draws early (IRC §72(t)) in a state whose tax moves with that tax: its share, at the
        # plan's point, where it moved (Oregon subtracts it with the federal tax up to a cap, ORS 316.680(1)(b): a
        # 50-year-old's withdrawals of $55,873 priced $258 above the engine's Oregon tax at Arkansas's share of 0)
        early = early_found(priced) if early_rounds < EARLY_ROUNDS and any(specs) else []
        shifted = early_moved(data, early) if early else []
        if shifted:
            early_rounds += 1
            data = [dataclasses.replace(d, early_state=early[t].slope, early_floor=early[t].floor) if t in shifted
                    else d for t, d in enumerate(data)]
            rounds[-1]["state_early_repriced"] = [h.tax_year + t for t in shifted]
        if shifted and not (stale or moved_split):
            tried[-1] = ((kept, False, -excess, measure), *tried[-1][1:])
            shares = found if any(p.basis for p in people) or point is not None else shares
            point = taxable_account.engine_point(priced) if point is not None else None
            previous = decisions
            continue
        if stale or moved_split:
            # a round priced on other cash gifts or another split than its plan makes ranks below every round
            # priced on its own: the model's tax of its years is not the engine's
            # (unless its model tax is the engine's all the same: then its plan is priced as the engine prices it)
            tried[-1] = ((kept, agrees and not stale, -excess, measure), *tried[-1][1:])
            if not budget.fits(solve=SOLVE_FLOOR + MARGIN * per_curve * len(set(stale) | set(moved_split))):
                settled = False  # no room to price the years again and solve: keep the best round so far
                cut_by_time(unsettled, rounds)
                break
            shares = found if any(p.basis for p in people) or point is not None else shares
            point = taxable_account.engine_point(priced) if point is not None else None
            previous = decisions
            cash_gifts = [gifts[t] if t in stale else cash_gifts[t] for t in range(years)]
            # a year whose gifts went stale again after being priced once: the QCDs and the cash gifts are near
            # ties the curve's own deduction tips one way and the other, so its cash gifts are held at the
            # plan's (the QCDs then give the rest), and the curve is priced on them
            if pinning:
                pinned.update({t: gifts[t] / 100 for t in stale if t in gifts_repriced})
                # a year priced again for its split holds the QCDs of the plan whose split it is: whose QCD pays whose
                # RMD moves the split (New York excludes each person's first $20,000, Tax Law §612(c)(3-a)), which the
                # model, pricing x alone, sees as a tie, and breaks another way the next round (the split then moves
                # back, round after round)
                held_qcds.update(qcds_in(qcds, moved_split))
                # a year whose split moved again after it was priced for it once: which person converts or withdraws
                # is a tie the model breaks one way and the next round the other, so the people's shares are held
                held_mix.update({t: people_shares(solution, t) for t in moved_split if t in split_repriced})
            split_repriced.update(moved_split)
            gifts_repriced.update(stale)
            specs = resplit(specs, moved_split, splits, incomes, people, solution, found, fixed_split)
            data = priced_again(data, set(stale) | set(moved_split), in_taxable, wanted, cash_gifts, specs)
            if stale:
                rounds[-1]["cash_gifts_repriced"] = [data_year + h.tax_year for data_year in stale]
            if moved_split:
                repriced_split.append(moved_split)
                rounds[-1]["state_split_repriced"] = [data_year + h.tax_year for data_year in moved_split]
            continue
        off = [t for t in range(years) if specs[t] is not None and splits[t] and
               not agrees_within(specs[t].year.state, priced[t].evaluation.state, model_state[t], h.tax_year + t)]
        state_off = bool(off)
        if set(off) - set(held_moves) - set(locks) and pinning and len(repriced_split) >= SPLIT_ROUNDS \
                and budget.fits(pricings=2):
            # the split rounds ran out with years whose state part is priced on another split than the plan's: in
            # those years, and in every year the rounds priced again for its split, the split the plan made is held
            # (and the QCDs): a curve of x alone cannot see whose money it is, and round after round the plan moved
            # it between the people (Georgia's exclusion of $65,000 each from 65, O.C.G.A. §48-7-27: seed 101 of
            # bench/optimize_random.py, $300-$1,023 off the engine; holding the years off alone moved another). On
            # a return of two, the plan holds the taxable dollars of the person with the fewer, the curve's first
            # dollars, and the other's money is the rest of x (``statecurve.with_held``, ``lock_of``), so the curve's
            # split is the plan's at any x it takes (holding the moves instead, the RMDs still moved with the
            # balances, and the curve gave the spouse under Alabama's $6,000 exclusion from 65 a share of each dollar
            # more the plan drew from the other's IRA: seed 583, $1.32-$7.73 off); on a return of one, its moves
            off = sorted((set(off) | split_repriced) - set(held_moves) - set(locks))
            off = [t for t in off if splits[t]]
            tried[-1] = ((kept, False, -excess, measure), *tried[-1][1:])
            on_held = resplit(specs, off, splits, incomes, people, solution, found, fixed_split, held=True)
            new_locks = {t: lock for t in off if (lock := lock_of(on_held[t], fixed_split[t])) is not None}
            locks.update(new_locks)
            held_moves.update({t: {"conversions": {pid: v[t] for pid, v in solution.conversions.items()},
                                   "withdrawals": {pid: v[t] for pid, v in solution.draws.items()}}
                               for t in off if t not in new_locks})
            specs = resplit(specs, [t for t in off if t not in new_locks], splits, incomes, people, solution, found,
                            fixed_split)
            specs = [on_held[t] if t in new_locks else spec for t, spec in enumerate(specs)]
            held_qcds.update(qcds_in(qcds, off))
            data = priced_again(data, off, in_taxable, wanted, cash_gifts, specs)
            rounds[-1]["state_split_held"] = [h.tax_year + t for t in off]
            shares = found if any(p.basis for p in people) or point is not None else shares
            previous = decisions
            continue
        again = [t for t in off if (t in held_moves or t in locks) and t not in reheld]
        if again and pinning and budget.fits(pricings=2):
            # a held year still off: its moves were held, but the split they make moved with the round (the Form
            # 8606 shares the engine found, the RMDs the QCDs pay), so the held year is priced once more on the
            # split of the plan just made, the moves still held (Georgia's exclusion of $65,000 each from 65: seed
            # 101 of bench/optimize_random.py, $2.92 off the engine after the hold)
            reheld.update(again)
            tried[-1] = ((kept, False, -excess, measure), *tried[-1][1:])
            specs = resplit(specs, [t for t in again if t not in locks], splits, incomes, people, solution, found,
                            fixed_split)
            specs = resplit(specs, [t for t in again if t in locks], splits, incomes, people, solution, found,
                            fixed_split, held=True)
            for t in again:
                if t in locks:
                    lock = lock_of(specs[t], fixed_split[t])
                    if lock is None:
                        del locks[t]
                    else:
                        locks[t] = lock
            data = priced_again(data, again, in_taxable, wanted, cash_gifts, specs)
            rounds[-1]["state_split_reheld"] = [h.tax_year + t for t in again]
            shares = found if any(p.basis for p in people) or point is not None else shares
            previous = decisions
            continue
        pin = [t for t in off if t not in pinned_x and specs[t] is not None]
        if pin and budget.fits(pricings=2):
            # a year off the engine on the plan's own split: the curve follows the tax within its noise, a dollar
            # for a state's (its forms round to the dollar), which with the state's own rounding beside it can be
            # more than the dollar allowed (Oklahoma: $1.15-$1.21, seeds 253 and 356 of bench/optimize_random.py);
            # the year is priced again with the plan's own x sampled and kept (``StateSpec.pins``), so that the
            # model's tax there is the tax itself
            at = model_x(data, people, solution, found)
            pinned_x.update(pin)
            tried[-1] = ((kept, False, -excess, measure), *tried[-1][1:])
            specs = [dataclasses.replace(spec, pins=spec.pins + (round(at[t] * 100),)) if t in pin else spec
                     for t, spec in enumerate(specs)]
            data = priced_again(data, pin, in_taxable, wanted, cash_gifts, specs)
            rounds[-1]["state_pinned"] = [h.tax_year + t for t in pin]
            shares = found if any(p.basis for p in people) or point is not None else shares
            previous = decisions
            continue
        if not (any(p.basis for p in people) or point is not None) or (others < SHARES_SETTLED and (
                gain_moved < GAIN_SETTLED or agrees and h.tax_computation == "rate_schedule" and gain_moved < GAIN_AGREED)) \
                or (change is not None and change < SETTLED):
            break
        drift = {key: [t for t in range(years) if (key, t) in moving and abs(found[key][t] - shares[key][t])
                       >= SHARES_SETTLED] for key in found}
        unsettled = {"shares": {k: [h.tax_year + t for t in v] for k, v in drift.items() if v},
                     "largest_share_change": round(moved, 8)}
        if decisions in seen:  # the shares and the plan chase each other round a cycle
            if not damped:  # once: solve at the shares halfway between, where such a cycle often settles
                damped = True
                shares = {k: [(a + b) / 2 for a, b in zip(found[k], shares[k])] for k in shares}
                previous = decisions
                continue
            settled = False  # stop, keep the best
            unsettled["reason"] = "cycle"
            break
        seen.append(decisions)
        shares, steps = extrapolated(shares, found, last_steps, [p.id for p in people])
        point = taxable_account.engine_point(priced) if point is not None else None
        previous = decisions
    else:
        settled = False
        unsettled["reason"] = f"{MAX_ROUNDS} rounds"
    if settled and state_off:  # the shares settled, but the last round's state part is not the engine's state tax:
        # the split rounds ran out with a year's state part priced on another split (said: which years, the spread)
        # (``state_split_off`` of the last round names the years); the best round is kept, as after a cycle
        settled = False
        unsettled = {"reason": "state split", "shares": {}, "largest_share_change": rounds[-1]["largest_share_change"]}
    spent = sum(item[1].seconds for item in tried)  # every round's solve
    if not settled:  # which shares did not settle, and what the plans the rounds chased differ by (the engine's worth)
        measures = [float(item[0][3]) for item in tried if item[0][0]]
        unsettled["spread"] = round((max(measures) - min(measures)) / 100, 2) if measures else None
        unsettled["rounds"] = len(tried)
    _, solution, priced, assumptions, data = max(tried, key=lambda item: item[0]) if not settled else tried[-1]
    solution = dataclasses.replace(solution, seconds=spent, tidy_seconds=sum(item[1].tidy_seconds for item in tried))
    # the model's tax for the plan kept, at the Form 8606 shares the engine found for it
    final = engine_shares(priced, shares, start_pools)
    model_tax, model_state = model_tax_of(data, people, solution, final)
    solution = dataclasses.replace(solution, tax=model_tax)
    # the years whose state part is still not the engine's state tax (the split rounds ran out): said
    off = [y.evaluation.household.tax_year for y, m in zip(priced, model_state)
           if y.state and not agrees_within(y.state, y.evaluation.state, m, y.evaluation.household.tax_year)]
    if off and rounds:
        rounds[-1]["state_split_off"] = off
    return Optimized(household=h, assumptions=assumptions, solution=solution, years=priced, baselines={},
                     rounds=rounds, objective=objective, settled=settled, unsettled={} if settled else unsettled,
                     model_state_tax=tuple(model_state))


def qcd_room(people: list[Any], t: int, limit: int, g: float) -> int:
    """Cents year ``t``'s QCDs could give at most, the first round's guess (``YearData.giving`` less it is the cash
    gifts its curves are priced on): each person of 70½ alive that year, up to the year's limit (IRC §408(d)(8)(A),
    (G)) and up to the IRA money they hold, grown to the year (a QCD is a distribution from an IRA, §408(d)(8)(B)(i)),
    with the money of the former employers' plans they may roll to it and of a spouse who died before. (The limit alone, on a person whose IRA holds
    $8,000, priced every year's curve on no cash gifts where the plan gave $19,568 in cash, the non-itemizer's
    deduction of §170(p) left out: $220 a year off the engine when the time limit left no round to price them.)"""
    room = 0
    for p in people:
        if p.rolls_to is not None or not (p.qcd_years and p.qcd_years[t]) or (p.last is not None and t > p.last):
            continue
        money = p.ira + sum(q.ira for q in people if q.rolls_to == p.id and q.rolls_out) + \
            sum(q.ira for q in people if q.heir == p.id and q.last is not None and t > q.last)  # a spouse's, inherited
        room += min(limit, int(money * g ** t * 100))
    return room


def _untracked_worth(years: tuple[Year, ...], a: Assumptions, start_pools: Pools) -> int:
    """After-tax wealth at the end (cents) in what the model does not track: every plan's
    designated Roth money, and the non-Roth money of plans not drawn on (a current employer's).
    The same in every plan, it is the model's constant."""
    from rothroute.optimize.rollforward import next_year

    h = next_year(years[-1].evaluation, growth=a.growth, inflation=a.inflation)
    drawn = pooled_accounts(start_pools)
    roth = basis = pretax = 0
    for acc in h.accounts:
        s = acc.sources
        if s is None:
            continue  # IRAs and Roth IRAs: in the model
        roth += s.roth_contributions + s.roth_earnings
        if acc.id not in drawn:
            basis += s.after_tax_contributions
            pretax += s.pretax + s.after_tax_earnings
    kept = pretax * (1 - a.heirs_rate)
    return roth + basis + int(kept.numerator // kept.denominator)


