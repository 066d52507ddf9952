"""Plans a client can read (issue #15 item 5): of the plans worth about what the one found is worth, one that
holds little cash and then the steadiest of those, by two linear programs over the model with its year choices
held (``tidy_plan``). What it may give up is stated here; bench/README.md ("Steadier plans") measures it."""

from __future__ import annotations

from typing import Any

__all__ = ["SECOND_LIMIT", "STEADY", "STEADY_CAP", "STEADY_PRICE", "TIE_BREAK", "restore", "solved", "steadier", "tidy_plan"]

TIE_BREAK = 0.01  # dollars: what the plan holding the least cash may give up (``tidy_plan``)
STEADY = 1e-4  # of the objective: what a steadier plan may give up at most (``tidy_plan``) ...
STEADY_CAP = 100.0  # ... and at most this many dollars (bench/README.md, "Steadier plans": the sweep)
STEADY_PRICE = 0.01  # dollars of the objective a dollar less of jumps may cost (``tidy_plan``)
SECOND_LIMIT = 5.0  # seconds: the time limit of ``tidy_plan``'s linear programs


def tidy_plan(h: Any, kept: list[Any], converted: list[list[Any]], roth_out: dict[str, list[Any]],
              drawn: list[Any], held: list[Any], limit: float = SECOND_LIMIT) -> None:
    """Of the plans worth about what the one found is worth, one that holds little cash and then the
    steadiest of those, found by two linear programs with the year choices (the binaries) held:

    1. the least cash: each measure in ``kept`` kept within ``TIE_BREAK`` of its value (to the model),
       the cash held at the years' ends (``held``) made as small as it can be. The cash account grows
       untaxed, as a Roth account does, so money withdrawn before it is needed is worth what it would be
       converted, and the solver may return either: withdrawals come when they are spent, conversions
       taking the rest. Only where the plan withdraws anything (``drawn``);
    2. steadier: each measure kept within ``STEADY`` of the plan found (0.01% of it, at least a cent, at most
       ``STEADY_CAP`` dollars) and
       the cash held within a dollar a year of the first program's, the year-to-year changes of each
       person's (and plan pool's) conversions (``converted``) and the Roth IRA withdrawals (``roth_out``)
       made as small as they can be, a dollar of the measures given up only for ``1 / STEADY_PRICE``
       dollars less of them: conversions that do not jump for no reason, and no Roth IRA withdrawal a
       conversion or a withdrawal could spare (none in a year that converts unless it is worth something).

    Their time is ``Solution.tidy_seconds`` (a few percent of the solve, ``bench/README.md``), at most ``limit``
    seconds together (none when the call's time limit is spent: the plan is kept as found); on any failure the
    plan found before it is restored."""
    import highspy

    if limit <= 0:
        return
    values = list(h.getSolution().col_value)
    lp = h.getLp()
    # the choices held, and made continuous: HiGHS then solves linear programs, not mixed-integer programs
    # whose choices are all fixed (its presolve, probing and root cuts again: about twice the time)
    for k, kind in enumerate(lp.integrality_):
        if kind == highspy.HighsVarType.kInteger:
            h.changeColBounds(k, float(round(values[k])), float(round(values[k])))
            h.changeColIntegrality(k, highspy.HighsVarType.kContinuous)
    # linear programs: milliseconds, not the plan's limit again. HiGHS's limit is on the instance's run clock, which
    # the plan's solve has already run on: a plan that took longer than SECOND_LIMIT (a loaded machine, a hard
    # household) would otherwise stop both programs at once and keep the plan as found, untidied
    h.setOptionValue("time_limit", float(h.getRunTime()) + limit)
    try:
        now = h.getSolution().col_value  # read once: ``h.val`` reads the whole solution again for each value
        found = [float(highspy.Highs.internal_get_value(now, m)) for m in kept]
        held_now = float(sum(now[v.index] for v in held))
        # the measures and the cash held as columns, whose bounds each program sets
        measures = [h.addVariable(lb=value - TIE_BREAK) for value in found]
        for v, m in zip(measures, kept):
            h.addConstr(v == m)
        cash = h.addVariable(lb=0)
        h.addConstr(cash == sum(held))
    except Exception:  # noqa: BLE001 - HiGHS refusing them leaves the plan found as it is
        restore(h, values)
        return
    now = h.getSolution().col_value
    if sum(now[v.index] for v in drawn) >= 1.0:
        h.minimize(cash)
        if solved(h):
            values = list(h.getSolution().col_value)
            h.changeColBounds(cash.index, 0.0, float(h.val(cash)) + len(held))
        else:
            restore(h, values)
    else:
        h.changeColBounds(cash.index, 0.0, held_now + len(held))
    if STEADY and any(len(vs) > 1 for vs in converted):  # (STEADY 0: no second program, bench/optimize_sweep.py)
        steadier(h, measures, found, converted, roth_out, values, STEADY_CAP)


def solved(h: Any) -> bool:
    import highspy

    return h.getModelStatus() == highspy.HighsModelStatus.kOptimal


def restore(h: Any, values: list[float]) -> None:
    import highspy

    sol = highspy.HighsSolution()
    # the columns the programs added after ``values`` was read take nothing from the plan: zero
    sol.col_value = values + [0.0] * (h.getNumCol() - len(values))
    sol.value_valid = True
    h.setSolution(sol)


def steadier(h: Any, measures: list[Any], found: list[float], converted: list[list[Any]],
             roth_out: dict[str, list[Any]], values: list[float], cap: float) -> None:
    """The second program of ``tidy_plan``: each measure kept within ``STEADY`` of its value (``found``) and
    ``cap`` dollars (``values``: the plan restored if it fails)."""
    import highspy

    try:
        for v, value in zip(measures, found):
            h.changeColBounds(v.index, value - max(TIE_BREAK, min(STEADY * abs(value), cap)), highspy.kHighsInf)
        jumps = []
        for per_year in converted:
            for a, b in zip(per_year, per_year[1:]):
                step = h.addVariable(lb=0)
                h.addConstr(step >= b - a)
                h.addConstr(step >= a - b)
                jumps.append(step)
        outs = [v for vs in roth_out.values() for v in vs]
        # less the measures themselves, each dollar of them worth 1 / STEADY_PRICE dollars of steadiness: a
        # dollar of the plan's worth is given up only for a hundred dollars less of jumps or Roth withdrawals,
        # never for nothing (the tax above its curve, which a block's weights allow when nothing presses it down)
        unsteady = sum(jumps) + sum(outs) if outs else sum(jumps)
        h.minimize(STEADY_PRICE * unsteady - sum(measures))
        if solved(h):
            return
    except Exception:  # noqa: BLE001 - HiGHS refusing it leaves the plan found as it is
        pass
    restore(h, values)
