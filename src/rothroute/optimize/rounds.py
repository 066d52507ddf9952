"""The pieces of ``plan.plan_from``'s rounds: each round's plan priced by the model's own curves (``model_tax_of``,
at the ``x`` the plan gives, ``model_x``) and how far that is from the engine's (``excess_of``); a year's curves priced
again on the cash gifts and the state split the plan made (``priced_again``, ``resplit``), through the curves kept
for the same inputs (``curve_cache``); what the rounds hold (the plan's QCDs, ``qcds_in``) and where they stop
(``cut_by_time``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

from rothroute.optimize import curve_cache
from rothroute.optimize.capital_gains import gains_curves
from rothroute.optimize.distributions import merged, rmd_cents
from rothroute.optimize.horizon import Year
from rothroute.optimize.statecurve import tolerance, with_fixed, with_held
from rothroute.optimize.taxcurve import tax_curves

AGREES = 1.0  # dollars: a year's model tax within this of the engine's (the rate schedule; issue #15 item 6)


def cut_by_time(unsettled: dict[str, Any], rounds: list[dict[str, Any]]) -> None:
    """Say the rounds were cut by the time limit, with the same keys as a cycle's (no share named where none drifted)."""
    unsettled["reason"] = "time limit"
    unsettled.setdefault("shares", {})
    unsettled.setdefault("largest_share_change", rounds[-1]["largest_share_change"] if rounds else 0.0)


def resplit(specs: list[Any], chosen: Any, splits: list[Any], incomes: list[Any], people: list[Any], solution: Any,
             found: Mapping[str, list[float]], fixed_split: list[Any], held: bool = False) -> list[Any]:
    """``specs`` with the years ``chosen`` on the split the plan made: the RMDs the plan takes in cash are the
    curve's first dollars (they do not move with x), its split the rest (``statecurve.with_fixed``); ``held``: every
    person's dollars but one's are the first dollars too (``statecurve.with_held``, for the plan to hold)."""
    how = with_held if held else with_fixed
    return [how(spec, splits[t], taxable_cents(incomes[t]), merged(rmd_cents(people, solution, found, t),
                                                                   fixed_split[t]))
            if t in chosen and spec else spec for t, spec in enumerate(specs)]


def qcds_in(qcds: Mapping[str, Any], years: Any) -> dict[int, dict[str, int]]:
    """The plan's QCDs (dollars, per person) in those of ``years`` where anyone gives at least a dollar: to hold."""
    return {t: {pid: per_year[t] // 100 for pid, per_year in qcds.items()} for t in years
            if any(per_year[t] >= 100 for per_year in qcds.values())}


def taxable_cents(income: Mapping[str, Mapping[str, int]]) -> int:
    """A year's taxable cents out, all people and kinds together (the split's whole)."""
    return sum(v for kinds in income.values() for v in kinds.values() if v > 0)


def priced_again(data: list[Any], years: Any, in_taxable: bool, wanted: list[Any], cash_gifts: list[int],
                  specs: list[Any]) -> list[Any]:
    """``data`` with the curves of ``years`` priced again on their cash gifts and state split as they are now (a
    year whose inputs a plan priced before takes its curves, ``curve_cache``)."""
    again = sorted(years)
    curves = curve_cache.curves(curves_of, in_taxable, [(dataclasses.replace(wanted[t][0], charitable_gifts=cash_gifts[t]),
                                                       *wanted[t][1:]) for t in again], [specs[t] for t in again])
    fresh = dict(zip(again, curves))
    return [dataclasses.replace(d, curve=fresh[t][0], gains=fresh[t][1], envelope=fresh[t][2]) if t in fresh else d
            for t, d in enumerate(data)]


def curves_of(in_taxable: bool, items: list[Any], specs: list[Any]) -> list[tuple[Any, Any, Any]]:
    """Each year's tax curve and, when the cash account is a taxable account, its two-dimensional
    tax (``capital_gains``), whose all-ordinary base is then the curve; and a Marketplace year's
    curves with the premium tax credit on its envelope, where that takes out jumps (``ptcwindow``)."""
    def priced(chosen: list[Any], chosen_specs: list[Any], envelope: bool = False) -> list[tuple[Any, Any]]:
        if not in_taxable:
            return [(c, None) for c in tax_curves(chosen, chosen_specs, envelope=envelope)]
        return [(gc.curve, gc) for gc in gains_curves(chosen, chosen_specs, envelope=envelope)]
    exact = priced(items, specs)
    covered = [t for t, item in enumerate(items) if item[0].health_coverage is not None and exact[t][0].steps]
    envelopes = dict(zip(covered, priced([items[t] for t in covered], [specs[t] for t in covered] if specs else None,
                                         envelope=True))) if covered else {}
    return [(c, gc, envelopes[t] if t in envelopes and len(envelopes[t][0].steps) < len(c.steps) else None)
            for t, (c, gc) in enumerate(exact)]


def moving_in(solution: Any, years: int) -> set[tuple[str, int]]:
    """(id, year) where the plan moves at least a dollar out of a person's IRAs or a plan pool."""
    out = set()
    for kind in ("conversions", "withdrawals", "rmd", "rollovers", "qcd"):
        for key, per_year in getattr(solution, kind).items():
            out.update((key, t) for t in range(years) if per_year[t] >= 1)
    return out


def excess_of(priced: tuple[Year, ...], model_tax: list[float], model_state: list[float]) -> float:
    """Dollars by which a round's model tax is furthest from the engine's beyond what it may be (0: the engine's every
    year): the total within ``AGREES`` and the state's tolerance (``statecurve.tolerance``: a dollar; New York's
    staircase $5; a tax table's rows what they are from the schedule the curve follows), the state's part within its
    tolerance."""
    worst = 0.0
    for y, tax, state in zip(priced, model_tax, model_state):
        code, engine = y.state, y.evaluation.state
        allowed = tolerance(code, y.evaluation.household.tax_year) if code and engine is not None and \
            engine.income_tax is not None else 0.0
        worst = max(worst, abs(y.evaluation.total_tax / 100 - tax) - AGREES - allowed)
        if allowed:
            worst = max(worst, abs(engine.total / 100 - state) - allowed)
    return round(worst, 2) if worst > 0 else 0.0


def model_tax_of(data: list[Any], people: list[Any], solution: Any,
               shares: dict[str, list[float]]) -> tuple[list[float], list[float]]:
    """Each year's tax by the model's curve (dollars) for the plan's money out, at ``shares``, and
    the state's part of it: the RMD from the model's balances is replaced by the amounts the plan
    takes."""
    out, state = [], []
    # the IRC §72(t) additional tax on the plan's early withdrawals, and the state's share of it (Arkansas's 10%)
    early = [sum(0.1 * shares[p.id][t] * solution.withdrawals[p.id][t] for p in people if p.early[t])
             for t in range(len(data))]
    moved = [early_change(y.early_state, y.early_floor, e) for y, e in zip(data, early)]
    if solution.added:  # the cash account is a taxable account: the model's own tax, and its state part at its S
        return list(solution.tax), [y.curve.state_at(s * 100) / 100 + m for y, s, m in zip(data, solution.added, moved)]
    for t, (y, x) in enumerate(zip(data, model_x(data, people, solution, shares))):
        out.append(y.curve.at(x * 100) / 100 + early[t] + moved[t])
        state.append(y.curve.state_at(x * 100) / 100 + moved[t])
    return out, state


def model_x(data: list[Any], people: list[Any], solution: Any, shares: dict[str, list[float]]) -> list[float]:
    """Each year's ``x`` of the model's curve (dollars) for the plan's money out at ``shares`` (the taxable
    account's: its ``S``)."""
    if solution.added:
        return list(solution.added)
    return [y.fixed_taxable + sum(shares[p.id][t] * (solution.conversions[p.id][t] + solution.withdrawals[p.id][t]
                                                     + solution.rmd[p.id][t]) for p in people)
            for t, y in enumerate(data)]


EARLY_LINE = "f5329.4"  # the federal additional tax on early distributions (Form 5329 line 4, IRC §72(t))
EARLY_SETTLED = 0.25  # dollars: a year's state part of that tax has settled when the model's is this near the state's
EARLY_PROBE = 2_000_00  # cents of that tax at which a state's slope is read (``early_found``)
EARLY_FAR = 1_000_000_00  # cents more of it at which a state's subtraction of it has reached its cap


@dataclass(frozen=True, slots=True)
class EarlyPart:
    """How a year's state tax moves with the federal additional tax on early distributions ``a`` (dollars), at the
    plan's point: ``slope * a``, and where it falls (a subtraction with the federal tax), no lower than ``floor``
    (its cap reached): ``max(slope * a, floor)``. ``cents``: the plan's ``a``; ``moved``: the state's tax with it
    less without it (dollars)."""

    cents: int
    moved: float
    slope: float
    floor: float | None

    def at(self, a: float) -> float:
        """Dollars the state's tax moves by at ``a`` dollars of that tax."""
        return early_change(self.slope, self.floor, a)


def early_change(slope: float, floor: float | None, a: float) -> float:
    """Dollars a state's tax moves by at ``a`` dollars of the federal additional tax on early distributions, priced
    at ``slope`` and no lower than ``floor`` (``EarlyPart``; a year's ``model.YearData.early_state`` and
    ``early_floor``)."""
    return max(slope * a, floor) if floor is not None else slope * a


def early_found(priced: tuple[Year, ...]) -> list[EarlyPart | None]:
    """Each year's state part of the federal additional tax on early distributions, at the plan's own point (the
    state's tax recomputed from the engine's own inputs with other amounts of that tax): a state may add part of it
    (Arkansas's 10%, A.C.A. §26-51-414(c)) or subtract it with the federal tax up to a cap that depends on income
    (Oregon, ORS 316.680(1)(b), 316.685); the model prices it beside x (``model.YearData.early_state``). The slope is
    read at the plan's tax or ``EARLY_PROBE`` if less, the floor far past it (``EARLY_FAR``): exact where the state's
    rate is one over the range. None where there is no state or less than a dollar of that tax."""
    from rothroute.state.household import household_state_tax

    out: list[EarlyPart | None] = []
    for y in priced:
        ev = y.evaluation
        early = int(ev.tax.values.get(EARLY_LINE, 0))
        if ev.state is None or ev.state.income_tax is None or early < 100:
            out.append(None)
            continue

        def state_at(cents: int, ev: Any = ev) -> int | None:
            other = household_state_tax(ev.household, dataclasses.replace(ev.tax, values={**ev.tax.values,
                                                                                          EARLY_LINE: cents}),
                                        ev.ira, ev.state_params)
            return None if other is None else other.total
        zero, probe = state_at(0), min(early, EARLY_PROBE)
        near = state_at(probe)
        if zero is None or near is None:
            out.append(None)
            continue
        slope = (near - zero) / probe
        far = state_at(early + EARLY_FAR) if slope < 0 else None
        out.append(EarlyPart(cents=early, moved=(ev.state.total - zero) / 100, slope=slope,
                             floor=None if far is None else min(0.0, (far - zero) / 100)))
    return out


def early_moved(data: list[Any], found: list[EarlyPart | None]) -> list[int]:
    """The years whose state part of the early-distribution tax at the plan's point (``early_found``) is more than
    ``EARLY_SETTLED`` from the model's (``model.YearData.early_state``, ``early_floor``)."""
    out = []
    for t, f in enumerate(found):
        if f is None:
            continue
        if abs(early_change(data[t].early_state, data[t].early_floor, f.cents / 100) - f.moved) > EARLY_SETTLED:
            out.append(t)
    return out


CONVERGING = (0.3, 0.8)  # a share whose steps shrink by a steady ratio between these is carried to where they lead
# (a quicker one settles by itself; a slower one, at most four steps on, is the noise of a share's last digits: seed
# 371 of bench/optimize_random.py); steady: the last two ratios within ``STEADY`` of each other (carried on a first
# ratio, a share still far from its fixed point overshot, seed 589, and the rounds did not settle)
STEADY = 0.1
CARRIED = 1e-4  # the least step carried: smaller ones are the plan's noise (a $10 move on $100,000 out)


def extrapolated(shares: Mapping[str, list[float]], found: Mapping[str, list[float]],
                 last: tuple[Mapping[str, list[float]], ...], keys: Any) -> tuple[dict[str, list[float]], tuple]:
    """The shares of the next round: the ones the engine ``found`` for the plan of ``shares``; where three rounds in a
    row moved a share of ``keys`` the same way, each step the same ratio q of the one before (``last``: those steps,
    the latest last), the share is carried to where such steps lead, ``found + step * q / (1 - q)`` (Aitken's
    extrapolation of a fixed point that converges linearly: the Form 8606 shares of a plan that moves less each round
    by a ratio, 0.6 on Pennsylvania's seed 849 of bench/optimize_random.py, which did not settle in 16 rounds).
    Returns the shares and the steps to pass on (none after a round carried: the next rounds are plain ones)."""
    out = {k: list(v) for k, v in found.items()}
    steps: dict[str, list[float]] = {}
    carried = False
    low, high = CONVERGING
    for key in keys:
        if key not in shares or key not in found:
            continue
        step = [f - s for f, s in zip(found[key], shares[key])]
        steps[key] = step
        if len(last) < 2 or key not in last[-1] or key not in last[-2]:
            continue
        for t, (now, then, first) in enumerate(zip(step, last[-1][key], last[-2][key])):
            if not (then and first) or abs(now) < CARRIED:
                continue
            q, before = now / then, then / first
            if low <= q <= high and low <= before <= high and abs(q - before) <= STEADY:
                out[key][t] = min(1.0, max(0.0, found[key][t] + now * q / (1 - q)))
                carried = True
    return out, (() if carried else (*last[-1:], steps))
