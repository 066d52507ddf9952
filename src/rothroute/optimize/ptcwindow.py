"""The Marketplace years in two programs: the plan first found on the premium tax credit's continuous envelope,
then priced exactly within a window of whole percents of the poverty line about the percent that plan chose.

From 2026 Form 8962 line 5 drops the decimals of household income's percent of the poverty line, so the credit
steps down by income times a step of the applicable figure ($5-$30) at each whole percent where the figure rises:
some 170 jumps a year between 100% and 400%, each a block of the year's curve and a binary (``ptccurve``,
``yeartax.pieces``). The jumps are small against the plan's 1e-4 gap, yet HiGHS must branch over them to prove it:
on ``single_aca`` of ``bench/optimize_owl_early.py`` (1,300 such blocks in 8 years) the first program alone did not
finish in 600 s. So (``model.solve``):

1. the first program takes each Marketplace year's curve with the credit on its envelope
   (``ptccurve.envelope_contribution``): never above the form's credit (the tax never below the engine's), continuous
   within each tier of the table, its real cliffs kept exact with their binaries (100% of the poverty line, the
   400% limit of IRC §36B(c)(1)(A), a jump between tiers, Table 5's repayment steps); the other years' choices are
   relaxed (each year's convex hull): the first program chooses where the Marketplace years' income goes, and the
   later years' choices, whose proof is most of a program's time (Social Security's taxability, IRMAA, the gains),
   are the second's. On ``single_aca`` the first program is proved in tens of nodes, the whole of it with the later
   years' binaries not within its 150 s (bench/README.md);
2. the second takes the exact curves, each Marketplace year's income held within ``WINDOW`` whole percents of the
   one the first plan reached (``windows``) and only the blocks there: its plan is priced as the engine prices it
   (model and engine within a dollar), and its relaxation is tight there (no cliff but within the window). Should
   no plan lie within the windows (a spending need the first program's relaxed years met and the exact ones do
   not), the exact program is solved over every income.

What the second plan may lose against the best plan on the exact curves is bounded (``loss_bound``): the first
program's dual bound (the most any plan is worth on the envelope, the later years relaxed) less the second plan's
worth, plus, each
Marketplace year, the most the envelope's tax lies above the exact curve's (``gap``) grown to the horizon at the
plan's growth rate (a dollar more tax in year t is (1 + g)^(n - t) dollars less at the end)."""

from __future__ import annotations

import dataclasses
from typing import Any

from rothroute.optimize.horizon import grown_to_end

WINDOW = 3  # whole percents of the poverty line either side of the first plan's, priced exactly in the second


def on_envelope(y: Any) -> Any:
    """The year as the first program takes it: its curves with the credit on the envelope; a year without one
    with its choices relaxed (its convex hull)."""
    if y.envelope is None:
        return dataclasses.replace(y, relaxed=True)
    curve, gains = y.envelope
    return dataclasses.replace(y, curve=curve, gains=gains, envelope=None)


def relax(h: Any, columns: list[int]) -> None:
    """The integer columns among ``columns`` of HiGHS's program made continuous (their bounds kept)."""
    import highspy

    kinds = h.getLp().integrality_
    for k in columns:
        if k < len(kinds) and kinds[k] == highspy.HighsVarType.kInteger:
            h.changeColIntegrality(k, highspy.HighsVarType.kContinuous)


def windows(years: list[Any], along: list[float]) -> list[tuple[float, float] | None]:
    """Each Marketplace year's window (dollars of the curve's income): from the first dollar of the whole percent
    of the poverty line ``WINDOW`` below the one the first plan reached (``along``) to the first dollar of the one
    ``WINDOW + 1`` above it (Form 8962 line 5: household income times 100 over the poverty line, the decimals
    dropped; ``Curve.percent``); None for the other years."""
    out: list[tuple[float, float] | None] = []
    for y, s in zip(years, along):
        if y.envelope is None or y.curve.percent is None:
            out.append(None)
            continue
        magi0, fpl = y.curve.percent
        p = (magi0 + round(s * 100)) * 100 // fpl

        def first(k: int) -> float:  # the curve's income (dollars) at the first cent of whole percent k
            return max(0.0, (-(-fpl * k // 100) - magi0) / 100)
        out.append((first(p - WINDOW), first(p + WINDOW + 1)))
    return out


def gap(y: Any) -> float:
    """The most the year's envelope tax lies above its exact tax, over the curve's whole range (dollars; the
    curves' points and each side of every jump: both are straight between them). 0 without an envelope."""
    if y.envelope is None:
        return 0.0
    exact, envelope = y.curve, y.envelope[0]
    points = set(exact.xs) | set(envelope.xs)
    for first, _ in (*exact.steps, *envelope.steps):
        points |= {first - 1, first}
    top = min(exact.xs[-1], envelope.xs[-1])
    return max(0.0, max((envelope.at(x) - exact.at(x)) / 100 for x in points if 0 <= x <= top))


def loss_bound(*, dual_bound: float, value: float, gaps: list[float], growth: float) -> dict[str, float]:
    """What the plan (worth ``value`` to the model, dollars) may be worth less than the best plan on the exact
    curves: the first program's ``dual_bound`` less ``value`` (its gap and what the second program and the tidying
    gave up), and each year's ``gaps`` grown to the horizon. The growth of the cash account stands for each extra
    dollar of tax, the knock-on effects on later years left out (less cash, less of its yield to tax)."""
    envelope = grown_to_end(gaps, 1 + growth)
    solver = max(0.0, dual_bound - value)
    return {"bound": round(solver + envelope, 2), "solver": round(solver, 2), "envelope": round(envelope, 2)}


FIRST = 0.5  # of the time limit: the most the first program is given (its incumbent comes early, its proof late)


def two_programs(solve_once: Any, people: list[Any], years: list[Any], options: dict[str, Any]) -> Any:
    """The plan in two programs (above): ``solve_once`` (``model.solve_once``) on the envelope, then exact within
    the windows about its plan, started from the first plan (or from ``options["start"]``, the last round's binaries,
    where they fit); the second plan with both times, and what it may lose (``loss_bound``, wealth goal: in dollars
    at the horizon) in ``Solution.envelope``. ``options["time_limit"]`` bounds both programs together (and the
    exact program over every income, should the windows hold no plan): each is given what is left of it."""
    import time

    from rothroute.optimize.budget import SOLVE_FLOOR

    limit = float(options.get("time_limit", 60.0))
    deadline = time.monotonic() + limit

    def left() -> float:
        return max(SOLVE_FLOOR, deadline - time.monotonic())
    # (no cutoff here: the envelope's tax is above the exact one, so a plan below the cutoff on it may not be)
    first = solve_once(people, [on_envelope(y) for y in years],
                       **{**options, "tidy": False, "time_limit": FIRST * limit, "start": (), "cutoff": None})
    if not first.along:  # no plan on the envelope (infeasible, or none in the time): the exact program says why
        return solve_once(people, [dataclasses.replace(y, envelope=None) for y in years],
                          **{**options, "time_limit": left()})
    gaps = [gap(y) for y in years]
    growth = float(options["growth"])
    cutoff = options.get("cutoff")
    if cutoff is not None and first.dual_bound is not None and \
            first.dual_bound + round(grown_to_end(gaps, 1 + growth), 2) <= cutoff:
        # no plan on the exact credit is worth more than the cutoff: the first bound plus the envelope's gaps
        return dataclasses.replace(first, status="Infeasible", along=[], seconds=first.seconds)
    placed = windows(years, first.along)
    exact = [dataclasses.replace(y, window=w) for y, w in zip(years, placed)]
    # from the last round's second plan where its windows were these (the same binaries), else from the first plan
    second = solve_once(people, exact, **{**options, "time_limit": left(), "leading": first.leading})
    if not second.along and second.status == "Infeasible":  # none within the windows: the exact program everywhere
        second = solve_once(people, [dataclasses.replace(y, envelope=None) for y in years],
                            **{**options, "time_limit": left()})
        if second.along or second.status == "Infeasible":
            return second
    if not second.along:  # no exact plan in the time: the first plan, its Marketplace years' tax on the envelope (at
        # or above the form's: its credit never overstated), re-priced by the engine as any plan
        return dataclasses.replace(first, seconds=first.seconds + second.seconds, envelope={
            "years": sum(1 for y in years if y.envelope is not None), "window": WINDOW,
            "first_seconds": round(first.seconds, 3), "first_value": first.value,
            "second_seconds": round(second.seconds, 3), "second": "no plan in the time: the first program's plan"})
    goal = options.get("goal")
    said: dict[str, Any] = {"years": sum(1 for y in years if y.envelope is not None), "window": WINDOW,
                            "first_seconds": round(first.seconds, 3), "first_value": first.value,
                            "second_seconds": round(second.seconds, 3), "gaps": [round(g, 2) for g in gaps]}
    if (goal is None or goal.name == "wealth") and first.dual_bound is not None and second.value is not None:
        said.update(loss_bound(dual_bound=first.dual_bound, value=second.value, gaps=gaps, growth=growth))
    return dataclasses.replace(second, seconds=first.seconds + second.seconds,
                               tidy_seconds=second.tidy_seconds, envelope=said)
