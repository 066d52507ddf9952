"""When to claim Social Security, decided by the plan (``rothroute optimize --claiming optimize``).

Each person whose ``social_security`` claim has not started by the plan's first January chooses the
age to claim, from 62 to 70, **by whole years** of age: the benefit starts in the first month of that
age as 42 U.S.C. §402(a) sets it (before full retirement age the first month the person is that age
throughout). By year, not by month, because the plan itself is by calendar year (the tax curves, the
conversions, the IRMAA look-back): a month's delay moves the benefit by 5/9 or 2/3 of 1% and shifts a
twelfth of a year's income between two tax years, well inside what separates neighbouring whole
ages, while months would turn 81 pairs of ages for a couple into 9,409 (``claim_value.claim_ages``
gives months for a valuation that wants them).

The choice is made jointly with the conversions, within the time limit, in two steps:

1. **Screen** every age, or every pair of ages for a couple, by the value at the plan's end of the
   benefits it pays within the plan's years (``household.claim_value.present_value``: the law's
   monthly amounts with the spouse's and widow(er)'s benefits, the plan's lifespans
   (``life_expectancy``; without one, alive through the plan), its cost-of-living rate (the inflation
   assumption) and its growth rate as the discount rate, carried to the end of the last year): the
   objective's own units, before income tax. Benefits after the plan's last year count for nothing,
   as in the objective.
2. **Plan** in full (``plan.optimize``: every conversion, withdrawal and start re-optimized at those
   ages and re-priced year by year by the engine, income tax, IRMAA and Medicare included): the
   screen's best ages, then the file's own, then, one at a time, the unplanned neighbour (a year
   earlier or later for one person) of the best plan so far that the screen values most, else the
   screen's next best: a local search on the plans themselves, since tax and the room the claim
   leaves for conversions can rank ages unlike the screen. As many as the time limit allows
   (``PLANNED`` at most; each given an equal share of what is left after the yardsticks' reserve, as
   its own ``optimize.budget.Budget``, never started with less than ``MIN_SHARE`` or than the longest
   one so far took). After the first, each choice but the file's own is planned only if it can beat the
   best plan so far: its program is given that plan's worth less ``bound_margin`` as a cutoff
   (``plan.optimize(cutoff=)``, HiGHS's objective bound), and when the solver proves from its bound that
   no plan there is worth more (``BelowBound``) the choice is kept as worth less than that plan, at a
   fraction of a full plan's time. Safe: the engine's worth of a plan lies at most ``BOUND_MARGIN`` a year
   (carried to the end) above the model's, so a choice cut off could not have been kept; and the choices
   tried are those the search without the cutoff tries, so the ages kept are the same. The plan worth most
   is kept; its yardsticks are priced at its ages within what is left of the time limit (those that do not
   fit are named, as ``plan.optimize`` names them).

The output (``claiming``) gives the chosen ages, the file's, and every alternative with its screen
value and, for those planned, the plan's worth, or for those proved below, the worth they are below."""

from __future__ import annotations

import dataclasses
import itertools
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from rothroute.household.claim_value import Survival, claim_ages, claimed, present_value, with_claim
from rothroute.household.model import Household, Person
from rothroute.household.social_security import entitlement_month, first_day
from rothroute.money import as_number
from rothroute.optimize.horizon import Assumptions, grown_to_end, plan_years, worth_at_end

PLANNED = 6  # ages planned in full at most
MIN_SHARE = 2.0  # seconds: the least time a plan of another age is started with
# cents a year: how far the engine's tax of a year may lie below the model's for the same plan while the plan is
# still proved (``report.plan_rows.unproved`` says a plan is not, past $25 in a year): the model's curve is the
# engine's rate-schedule tax within $1 (``rounds.AGREES``), and the IRS Tax Table taxes the middle of its $50 rows
# (at most $25 of income away: $6 of tax at the 24% rate, the highest under the Table's $100,000)
BOUND_MARGIN = 2500
CITES = ("42 U.S.C. §402(a), (q), (w)", "42 U.S.C. §402(b), (c), (e), (f), (k)(3)(A)")
METHOD = ("whole years of age, 62 to 70 (the benefit from the first month of that age, 42 U.S.C. §402(a)): the "
          "plan is by calendar year, and a month moves the benefit by well under 1%")
HOW = ("every age (a couple: every pair of ages) screened by the value at the plan's end of the benefits it pays "
       "within the plan (the law's monthly amounts with spouse's and widow(er)'s benefits; the plan's lifespans, "
       "inflation as the cost-of-living rate and growth as the discount rate; before income tax); then planned in full "
       "(conversions and withdrawals re-optimized at those ages, re-priced by the engine): the screen's best, the "
       "file's own, then the best plan's unplanned neighbour (a year earlier or later for one person) the screen "
       "values most, else the screen's next best, as many as the time limit allows, each after the first (the "
       "file's aside) planned only where the solver cannot prove from its bound that it is worth less than the "
       "best plan so far (less $25 a year carried to the end); the plan worth most is kept")


@dataclass(frozen=True, slots=True, kw_only=True)
class Alternative:
    """One choice of ages: each claimant's claiming age in months, its screen value and, planned, its worth."""

    ages: tuple[tuple[str, int], ...]
    screen: int  # cents: the benefits' value at the end of the plan, before income tax
    planned: int | None = None  # cents: the plan's after-tax wealth (objective spending: the level spending)
    file: bool = False  # the file's own ages
    at_most: int | None = None  # cents: not planned, proved worth less than this (the best plan when it was tried)

    def to_json(self, h: Household) -> dict[str, Any]:
        return {"ages": {pid: m // 12 for pid, m in self.ages},
                "claim_age_months": {pid: m % 12 for pid, m in self.ages},
                "entitled_from": {pid: _start(h.person(pid), m) for pid, m in self.ages},
                "screen_value": as_number(self.screen),
                "plan_value": None if self.planned is None else as_number(self.planned),
                "plan_value_below": None if self.at_most is None else as_number(self.at_most), "file": self.file}


def _start(p: Person, months: int) -> str:
    return first_day(entitlement_month(p.born, months)).isoformat()[:7]


def choices(h: Household) -> tuple[dict[str, list[int]], dict[str, str]]:
    """Each person's claiming ages open to the plan (months), and why another's claim is kept as the
    file gives it."""
    open_, kept = {}, {}
    for p in h.people:
        ss = p.social_security
        if ss is None:
            kept[p.id] = "no social_security claim in the file (an income item is paid as it is)"
            continue
        if entitlement_month(p.born, claimed(ss)) < h.tax_year * 12:
            kept[p.id] = f"the benefit started before {h.tax_year} (a claim already made)"
            continue
        ages = claim_ages(p, h.tax_year)
        if not ages:
            kept[p.id] = f"no claiming age from 62 to 70 starts in {h.tax_year} or later"
            continue
        open_[p.id] = ages
    return open_, kept


def with_claims(h: Household, ages: Sequence[tuple[str, int]]) -> Household:
    """``h`` with the claims at ``ages`` (person, months)."""
    by = dict(ages)
    return dataclasses.replace(h, people=tuple(with_claim(p, by[p.id]) if p.id in by else p for p in h.people))


def screen(h: Household, years: int, a: Assumptions, grid: Sequence[tuple[tuple[str, int], ...]]) -> list[int]:
    """Each choice's benefits valued at the end of the plan (cents, before income tax)."""
    end = h.tax_year + years - 1
    claimants = [p for p in h.people if p.social_security is not None]
    survival = {p.id: Survival(last_year=min(end, p.last_year() or end)) for p in claimants}
    carry = (1 + a.growth) ** years
    out = []
    for ages in grid:
        by = dict(ages)
        claims = {p.id: by.get(p.id, claimed(p.social_security)) for p in claimants}  # type: ignore[arg-type]
        value = present_value(claimants, claims, survival, today=h.tax_year * 12, discount=a.growth, cola=a.inflation,
                              last_year=end) * carry if claimants else Fraction(0)
        out.append(int((2 * value.numerator + value.denominator) // (2 * value.denominator)))
    return out


def optimize_claiming(h: Household, years: int, assumptions: Assumptions, *, time_limit: float = 60.0,
                      gap: float = 1e-4, with_baselines: bool = True, objective: str = "wealth",
                      bequest: int = 0, prune: bool = True, plan_file: bool = False) -> Any:
    """The plan with each open claim's age chosen (``choices``), as the module says; ``plan.optimize``'s
    result with ``claiming`` set. ``time_limit`` holds for the whole call (``optimize.budget``): the screen,
    every plan and the yardsticks, whose pricing is kept aside from the start as ``plan.optimize`` keeps it.
    ``prune=False``: every choice tried is planned in full (the tests' yardstick for the bound).
    ``plan_file=False`` (the default): the file's own ages are pruned as any other: when they are proved below,
    ``gain_over_file`` is None and ``file_value_below`` says what they are worth less than (on the bench's larger
    couple the file's plan in full was half the search's time); ``plan_file=True`` plans them in full always."""
    from rothroute.optimize.baselines import PRICINGS, YARDSTICK_PRICINGS, baselines, with_roth_iras
    from rothroute.optimize.budget import Budget
    from rothroute.optimize.plan import OptimizeError, optimize, price_yardsticks
    from rothroute.optimize.result import BelowBound

    budget = Budget.of(time_limit)
    years = plan_years(h, years)
    open_, kept = choices(h)
    if not open_:
        raise OptimizeError("no claim to choose: " + "; ".join(f"{pid}: {why}" for pid, why in kept.items()),
                            "claiming")
    ids = sorted(open_)
    grid = [tuple(zip(ids, combo)) for combo in itertools.product(*(open_[pid] for pid in ids))]
    values = screen(h, years, assumptions, grid)
    own = tuple((pid, claimed(h.person(pid).social_security)) for pid in ids)  # type: ignore[arg-type]
    order = sorted(range(len(grid)), key=lambda i: (-values[i], grid[i]))
    value_of = {grid[i]: values[i] for i in range(len(grid))}
    yardsticks = baselines(h.tax_year) if with_baselines else {}
    budget.after = sum(PRICINGS.get(n, YARDSTICK_PRICINGS) for n in yardsticks)
    planned: dict[tuple[tuple[str, int], ...], tuple[int, Any]] = {}
    bounded: dict[tuple[tuple[str, int], ...], int] = {}  # ages proved below the best plan then (cents): that plan
    tried: set[tuple[tuple[str, int], ...]] = set()
    margin = bound_margin(years, assumptions.growth)
    spent: list[float] = []
    while len(tried) < PLANNED:
        ages = _next(planned, tried, own, grid, order, value_of)
        if ages is None:
            break
        here = budget.left() - budget.reserve(budget.after)  # what the plans may still use
        if tried and (here < MIN_SHARE or (spent and here < max(spent))):
            break
        # an equal share of what is left for each plan still to come; the engine's pricing time carried over
        part = Budget(deadline=time.monotonic() + here / max(1, min(PLANNED, len(grid) + 1) - len(tried)),
                      pricing=budget.pricing)
        tried.add(ages)
        clock = time.monotonic()
        # after the first plan, ages other than the file's are planned only if they can beat the best so far
        best_so_far = max((v[0] for v in planned.values()), default=None)
        cut = best_so_far / 100 - margin if prune and best_so_far is not None and (ages != own or not plan_file) \
            and objective == "wealth" else None
        try:
            result = optimize(with_claims(h, ages), years, assumptions, time_limit=time_limit, gap=gap,
                              with_baselines=False, objective=objective, bequest=bequest, budget=part, cutoff=cut)
        except BelowBound:
            assert best_so_far is not None
            bounded[ages] = best_so_far
            continue
        except OptimizeError:
            if not planned and len(tried) == 1:
                raise
            continue
        finally:
            budget.priced(part.pricing)
            spent.append(time.monotonic() - clock)
        measure = result.assumptions.spending if objective == "spending" else \
            worth_at_end(result.years, result.assumptions).after_tax
        planned[ages] = (measure, result)
    best_ages = max(planned, key=lambda ages: (planned[ages][0], ages == own))
    best = planned[best_ages][1]
    alternatives = tuple(Alternative(ages=grid[i], screen=values[i], file=grid[i] == own,
                                     planned=planned[grid[i]][0] if grid[i] in planned else None,
                                     at_most=bounded.get(grid[i])) for i in order)
    if own not in value_of:  # the file's ages fall outside the grid (months): planned, say what they are worth
        alternatives += (Alternative(ages=own, screen=screen(h, years, assumptions, [own])[0], file=True,
                                     planned=planned[own][0] if own in planned else None),)
    if yardsticks:
        plain = with_roth_iras(dataclasses.replace(with_claims(h, best_ages), moves=()))
        priced, not_priced = price_yardsticks(plain, years, yardsticks, best.assumptions, budget)
        best = dataclasses.replace(best, baselines=priced, baselines_not_priced=tuple(not_priced))
    claiming = {
        "method": METHOD, "how": HOW, "cites": list(CITES),
        "chosen": {pid: {"claim_age": m // 12, "entitled_from": _start(h.person(pid), m)} for pid, m in best_ages},
        "file": {pid: {"claim_age": m // 12, "claim_age_months": m % 12, "entitled_from": _start(h.person(pid), m)}
                 for pid, m in own},
        "kept": kept, "planned": len(planned), "bounded": len(bounded), "screened": len(grid),
        "gain_over_file": None if own not in planned else as_number(planned[best_ages][0] - planned[own][0]),
        "file_value_below": as_number(bounded[own]) if own in bounded else None,
        "alternatives": [x.to_json(h) for x in alternatives],
    }
    return dataclasses.replace(best, claiming=claiming)


def bound_margin(years: int, growth: Fraction) -> float:
    """Dollars at the plan's end: how far the engine's worth of a plan can lie above the model's (``BOUND_MARGIN``
    a year, carried to the end at the growth rate as the model carries a year's tax)."""
    return grown_to_end([BOUND_MARGIN / 100] * years, float(1 + growth))


def _neighbours(ages: tuple[tuple[str, int], ...]) -> list[tuple[tuple[str, int], ...]]:
    """The choices a year earlier or later for one of the people."""
    out = []
    for k, (pid, m) in enumerate(ages):
        for step in (-12, 12):
            out.append(ages[:k] + ((pid, m + step),) + ages[k + 1:])
    return out


def _next(planned: dict[Any, tuple[int, Any]], tried: set[Any], own: Any, grid: Sequence[Any], order: Sequence[int],
          value_of: dict[Any, int]) -> Any:
    """The next ages to plan in full: the screen's best first, then the file's own, then the unplanned
    neighbour of the best plan so far the screen values most (a search on the plans themselves, taxes
    and conversions included), else the screen's next best; None when every choice is planned."""
    if not tried:
        return grid[order[0]]
    if own not in tried:
        return own
    if planned:
        best = max(planned, key=lambda ages: planned[ages][0])
        near = [n for n in _neighbours(best) if n in value_of and n not in tried]
        if near:
            return max(near, key=lambda n: (value_of[n], n))
    return next((grid[i] for i in order if grid[i] not in tried), None)
