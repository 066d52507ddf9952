"""One year's tax in the mixed-integer program (``model``): the engine's curve (``taxcurve``) cut into
blocks, convex stretches within one IRMAA tier and between two jumps of the premium tax credit, one chosen
by a binary, with the year's tax and IRMAA surcharge as weights of the chosen block's points; the
two-dimensional tax of a taxable cash account (``capital_gains``); and across the years, the count of the
years past each fall of the curves' slope, a column HiGHS branches on (``counts``).

Money is in dollars here, as in ``model``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rothroute.optimize.taxcurve import Curve

if TYPE_CHECKING:
    from rothroute.optimize.model import YearData

# dollars kept below an IRMAA tier's first dollar: the engine's year (RMDs rounded up to the cent,
# balances grown account by account) can land a few cents above the model's, and the cliff is
# worth hundreds of dollars a year
IRMAA_MARGIN = 25.0


def pieces(curve: Curve, costs: tuple[float, ...], extras: tuple[tuple[int, ...], ...] = ()
            ) -> tuple[list[float], list[float], list[tuple[int, int, float, float]]]:
    """The curve in dollars with a breakpoint ``IRMAA_MARGIN`` below each tier's first dollar and
    at each jump of the premium tax credit (``Curve.steps``: ``IRMAA_MARGIN`` before a rise, after a
    fall, so that the engine's year, a few cents off the model's, never lands on the dear side of it
    unseen), and its blocks: convex stretches, also cut at those breakpoints, each with the IRMAA
    surcharge it brings and the jumps of the tax reached (a block lies within one tier and between
    two jumps). ``extras``: other functions on the same points (cents), whose values in dollars at the
    points, cut points included, are returned fourth (``tax_gains``)."""
    xs = [v / 100 for v in curve.xs]
    fs = [v / 100 for v in curve.tax]
    more = [[v / 100 for v in e] for e in extras]
    cuts: list[tuple[float, str, float]] = []
    start_step = 0.0
    for first_x, tier in curve.tiers:
        cuts.append((max(first_x / 100 - IRMAA_MARGIN, 0.0), "tier", tier))
    for first_x, jump in curve.steps:
        b = first_x / 100 - IRMAA_MARGIN if jump > 0 else first_x / 100 + IRMAA_MARGIN
        if b <= 0:
            start_step += jump / 100
        elif b < xs[-1]:
            cuts.append((b, "step", jump / 100))
    events: dict[float, list[tuple[str, float]]] = {}
    for b, kind, value in cuts:
        if 0 < b < xs[-1]:
            events.setdefault(b, []).append((kind, value))
            if b not in xs:
                k = next(i for i, v in enumerate(xs) if v > b)
                f = fs[k - 1] + (fs[k] - fs[k - 1]) * (b - xs[k - 1]) / (xs[k] - xs[k - 1])
                for e in more:
                    e.insert(k, e[k - 1] + (e[k] - e[k - 1]) * (b - xs[k - 1]) / (xs[k] - xs[k - 1]))
                xs.insert(k, b)
                fs.insert(k, f)
    cut_at = {xs.index(b): happen for b, happen in events.items()}
    slopes = [(fs[k + 1] - fs[k]) / (xs[k + 1] - xs[k]) for k in range(len(xs) - 1)]
    blocks: list[tuple[int, int, float, float]] = []
    start, tier, step = 0, curve.base_tier, start_step
    for k in range(1, len(xs) - 1):
        if k in cut_at or slopes[k] < slopes[k - 1] - 1e-6:
            blocks.append((start, k, costs[tier - 1] if tier else 0.0, step))
            start = k
            for kind, value in cut_at.get(k, ()):
                if kind == "tier":
                    tier = int(value)
                else:
                    step += value
    blocks.append((start, len(xs) - 1, costs[tier - 1] if tier else 0.0, step))
    if extras:
        return xs, fs, blocks, more  # type: ignore[return-value]
    return xs, fs, blocks


def tax(h: Any, y: YearData, x: Any) -> tuple[Any, Any, list[tuple[Any, int]], list[tuple[Any, int]]]:
    """The curve's tax at ``x`` (dollars) and the IRMAA surcharge two years on: one block per
    convex stretch within one IRMAA tier, chosen by a binary; within the chosen block ``x`` and
    the tax are the same weights of the block's breakpoints (the "disaggregated convex
    combination" form: its relaxation is each year's convex hull, as tight as a per-year model
    can be, with one row a block where an epigraph needs one a segment). Also each block's binary
    with its tier, and with the number of falls below it (``counts``) and the block's first and last ``x``
    (``rounded``)."""
    xs, fs, blocks = pieces(y.curve, y.irmaa_costs)
    blocks, levels = windowed(h, x, y.window, xs, blocks, past_falls(xs, fs, blocks))
    # a credit lost can make the year's total tax negative (a refundable credit): no lower bound
    tax = h.addVariable(lb=0 if not y.curve.steps and min(fs) >= 0 else -highspy_inf())
    if len(blocks) == 1 and y.window is None:
        shift = blocks[0][3]
        for k in range(len(xs) - 1):
            s = (fs[k + 1] - fs[k]) / (xs[k + 1] - xs[k])
            h.addConstr(tax >= fs[k] + shift + s * (x - xs[k]))
        return tax, blocks[0][2], [], []
    import numpy as np

    pick = [h.addBinary() for _ in blocks]
    h.addConstr(sum(pick) == 1)
    # each block's weights, one column a point (added at once, in the blocks' order), and the rows: each block's
    # weights summing to its binary, then x and the tax as the weights' sums, added at once (``rows``)
    first = h.getNumCol()
    count = sum(j - i + 1 for i, j, *_ in blocks)
    h.addCols(count, np.zeros(count), np.zeros(count), np.full(count, highspy_inf()), 0,
              np.zeros(count, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0))
    at, owed, irmaa = [], [], 0.0  # (coefficient, column) terms of x and of the tax
    rows: list[list[tuple[int, float]]] = []
    column = first
    for (i, j, cost, step), z in zip(blocks, pick):
        weights = [(k, column + k - i) for k in range(i, j + 1)]
        column += j - i + 1
        rows.append([(w, 1.0) for _, w in weights] + [(z.index, -1.0)])
        # (no terms with a zero coefficient: HiGHS warns of explicit zeros)
        at += [(w, xs[k]) for k, w in weights if xs[k]]
        owed += [(w, fs[k]) for k, w in weights if fs[k]]
        if step:
            owed.append((z.index, step))
        irmaa = irmaa + cost * z
    rows.append(at + [(x.index, -1.0)])
    rows.append(owed + [(tax.index, -1.0)])
    equal_rows(h, rows)
    tiers = [(z, tier_of(y, xs[i])) for (i, *_), z in zip(blocks, pick)]
    return tax, irmaa, tiers, [(z, lv, xs[i], xs[j]) for (i, j, *_), z, lv in zip(blocks, pick, levels)]


def within(xs: list[float], blocks: list[tuple[int, int, float, float]], levels: list[int],
           window: tuple[float, float]) -> tuple[list[tuple[int, int, float, float]], list[int]]:
    """The blocks (and their ``past_falls``) that reach into ``window`` (dollars of the curve's income, ``ptcwindow``;
    the model holds the income within it too)."""
    lo, hi = window
    kept = [(b, lv) for b, lv in zip(blocks, levels) if xs[b[1]] > lo and xs[b[0]] < hi]
    return [b for b, _ in kept], [lv for _, lv in kept]


def equal_rows(h: Any, rows: list[list[tuple[int, float]]]) -> None:
    """Rows ``sum of value * column == 0``, one HiGHS call for all of them (``(column, value)`` terms, each column
    once a row): the rows ``h.addConstr`` makes of the same equations, each row's terms in column order as it
    puts them, without building an expression and sorting its terms a row at a time."""
    import numpy as np

    starts, indices, values = [], [], []
    for terms in rows:
        starts.append(len(indices))
        for column, value in sorted(terms):
            indices.append(column)
            values.append(float(value))
    zeros = np.zeros(len(rows))
    h.addRows(len(rows), zeros, zeros, len(indices), np.array(starts, dtype=np.int32),
              np.array(indices, dtype=np.int32), np.array(values))


def past_falls(xs: list[float], fs: list[float], blocks: list[tuple[int, int, float, float]]) -> list[int]:
    """Per block: how many falls in the curve's slope lie at or below its first point (0: the blocks before
    the first fall; the cuts at an IRMAA tier or a jump of the credit are not falls)."""
    out, level = [], 0
    for b, (i, *_) in enumerate(blocks):
        if b and 0 < i < len(xs) - 1 and \
                (fs[i + 1] - fs[i]) / (xs[i + 1] - xs[i]) < (fs[i] - fs[i - 1]) / (xs[i] - xs[i - 1]) - 1e-6:
            level += 1
        out.append(level)
    return out


def counts(h: Any, chosen: list[list[tuple[Any, int, float, float]]]) -> list[tuple[int, int]]:
    """For the first fall in the years' curves, the second, ...: an integer column, the number of years whose
    chosen block lies past it (``chosen``: each year's block binaries and ``past_falls``). It is whole whenever
    the binaries are, so it adds no plan, removes none and leaves the relaxation's bound as it was; it gives HiGHS
    a variable to branch on across the years ("at most k years convert past the fall of Social Security's
    taxability" against "at least k + 1"), where the binaries alone branch one year at a time. On ``couple_small``
    of ``bench/optimize_owl.py`` (lumps past that fall in a few years of many near-equal choices) it took the proof
    of the 1e-4 gap from 3,150 nodes and 7.6 s of HiGHS's CPU to 108-282 nodes and 0.8-1.4 s over five seeds
    (``bench/README.md``). Returns each count's column and its fall (``rounded``)."""
    top = max((lv for row in chosen for _, lv, *_ in row), default=0)
    out = []
    for lv in range(1, top + 1):
        terms = [z for row in chosen for z, level, *_ in row if level >= lv]
        years = sum(1 for row in chosen if any(level >= lv for _, level, *_ in row))
        if years > 1:
            n = h.addIntegral(lb=0, ub=years)
            h.addConstr(n == h.qsum(terms))  # (``sum`` copies the expression at each term: quadratic, 1 s of 17)
            out.append((n.index, lv))
    return out


def rounded(h: Any, chosen: list[list[tuple[Any, int, float, float]]], along: list[Any],
            counted: list[tuple[int, int]]) -> tuple[tuple[int, float], ...]:
    """A start for HiGHS (every integer column): the program's linear relaxation solved, each year the block the
    relaxation weighs most less how far its income (``along``: x, or S) lies outside the block, in the block's
    widths, and the counts those blocks make (``counted``); empty when the relaxation is not solved or the program
    has other integer columns. HiGHS completes the plan by a linear program with those choices held, and drops a
    start it finds infeasible.

    Where the root's bound is within the gap of this plan, the solve ends at the root LP, not on the luck of HiGHS's
    randomized rounding: on ``couple_large`` of ``bench/optimize_owl.py`` that rounding found the plan at 2 of 6
    seeds (its trials end in conflicts: a year rounded to a block below the RMD the year must take, and the counts),
    the root's sub-MIP at the others (0.07 s of HiGHS's CPU against 0.19-0.40 s; ``bench/README.md``, "The root's
    luck"). Why the distance: the relaxation weighs a year half on a block below the year's RMD and half on the next
    (the block it lies in is the one), or 99% on a block and 1% past an IRMAA tier's first dollar (the block it
    weighs is the one: the income past the tier is a dollar of the relaxation's, the tier's surcharge 1% of it)."""
    import highspy

    integer = sum(1 for kind in h.getLp().integrality_ if kind == highspy.HighsVarType.kInteger)
    if integer != sum(len(row) for row in chosen) + len(counted):
        return ()
    h.setOptionValue("solve_relaxation", True)
    try:
        h.solve()
        solved = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        values = h.getSolution().col_value if solved else []
    finally:
        h.setOptionValue("solve_relaxation", False)
    if not solved:
        return ()
    out: dict[int, float] = {}
    for row, income in zip(chosen, along):
        if not row:  # one block: no choice
            continue
        k = likeliest([(values[z.index], lo, hi) for z, _, lo, hi in row], values[income.index])
        out.update((z.index, 1.0 if i == k else 0.0) for i, (z, *_) in enumerate(row))
    for column, lv in counted:
        out[column] = float(sum(out[b[0].index] for row in chosen for b in row if b[1] >= lv))
    return tuple(sorted(out.items()))


def likeliest(blocks: list[tuple[float, float, float]], at: float) -> int:
    """Of a year's blocks (the relaxation's weight on each, its first and last income), the one ``rounded`` takes:
    the most weight less how far ``at``, the relaxation's income, lies outside the block, in the block's widths."""
    def score(k: int) -> float:
        weight, lo, hi = blocks[k]
        return weight - max(lo - at, at - hi, 0.0) / max(hi - lo, 1.0)
    return max(range(len(blocks)), key=score)


def windowed(h: Any, x: Any, window: tuple[float, float] | None, xs: list[float],
             blocks: list[tuple[int, int, float, float]],
             levels: list[int]) -> tuple[list[tuple[int, int, float, float]], list[int]]:
    """A Marketplace year's blocks and levels held to its window of whole percents (``ptcwindow``), ``x`` bounded
    to it; as they are without one."""
    if window is None:
        return blocks, levels
    h.addConstr(x >= window[0])
    if window[1] < xs[-1]:
        h.addConstr(x <= window[1])
    return within(xs, blocks, levels, window)


def highspy_inf() -> float:
    import highspy

    return float(highspy.kHighsInf)


def tier_of(y: YearData, x: float) -> int:
    tier = y.curve.base_tier
    for first_x, t in y.curve.tiers:
        if x >= first_x / 100 - IRMAA_MARGIN:
            tier = t
    return tier


def tax_gains(h: Any, y: YearData, s: Any, pref: Any, nii: Any
               ) -> tuple[Any, Any, list[tuple[Any, int]], list[tuple[Any, int]]]:
    """The year's tax at ``s`` dollars of added income of which ``pref`` is preferential and ``nii``
    net investment income (``capital_gains``): the base, taxable income and AGI at the same weights of
    the base's points within a block a binary chooses (a convex combination there can only raise
    them, and each raises the tax); ``o = max(0, τ − P)`` by a binary; ``h(o)`` by ``lowest``;
    the discount ``max(0, h(τ) − h(o))`` (a binary only where ``h`` falls somewhere); NIIT's smaller
    of by a binary where MAGI can pass its threshold. With the IRMAA surcharge two years on and its
    tier choices, as ``tax``."""
    g = y.gains
    xs, fs, blocks, (tau_k, agi_k) = pieces(g.curve, y.irmaa_costs, (g.taxable, g.agi))
    blocks, levels = windowed(h, s, y.window, xs, blocks, past_falls(xs, fs, blocks))
    pick = [h.addBinary() for _ in blocks] if len(blocks) > 1 else [1.0]
    if len(blocks) > 1:
        h.addConstr(sum(pick) == 1)
    hx = [v / 100 for v in g.h_xs]
    hv = [v / 100 for v in g.h]
    steep = steepest(hx, hv)
    at, base, tau, agi, htau, gap_tau, irmaa = 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
    every = []  # (point, weight) of every block
    ht = [g.h_at(t * 100) / 100 for t in tau_k]  # h(τ) at each point, dollars
    for (i, j, cost, step), z in zip(blocks, pick):
        weights = [(k, h.addVariable(lb=0)) for k in range(i, j + 1)]
        every += weights
        h.addConstr(sum(w for _, w in weights) == z)
        at = at + sum(xs[k] * w for k, w in weights if xs[k])
        # base − h(τ) at the same weights, one coefficient a weight (the two are equal where the year's tax is the
        # rate schedule alone, and HiGHS refuses the explicit zero the difference of two terms would leave)
        base = base + sum((fs[k] - ht[k]) * w for k, w in weights if abs(fs[k] - ht[k]) > 1e-9)
        tau = tau + sum(tau_k[k] * w for k, w in weights if tau_k[k])
        agi = agi + sum(agi_k[k] * w for k, w in weights if agi_k[k])
        htau = htau + sum(ht[k] * w for k, w in weights if ht[k])
        above = [(on_steepest(steep, tau_k[k]) - ht[k], w) for k, w in weights]
        gap_tau = gap_tau + sum(v * w for v, w in above if abs(v) > 1e-6)  # G(τ) − h(τ), at the same weights
        if step:  # the premium tax credit's jumps reached (a function of S: household income, IRC §36B(d)(2))
            base = base + step * z
        irmaa = irmaa + cost * z
    h.addConstr(s == at)
    total_pref = pref + g.preferential / 100
    # o = max(0, τ − P), the worksheet's line 5: above it only where h falls (its LP relaxation, o anywhere from
    # there to τ, is within h's largest drop of the exact tax)
    ordinary, all_pref = h.addVariable(lb=0), h.addBinary()
    top_tau = max(tau_k) + 1.0
    top_pref = xs[-1] + g.preferential / 100 + 1.0
    h.addConstr(ordinary - tau + total_pref >= 0)
    h.addConstr(ordinary - tau + total_pref - top_pref * all_pref <= 0)
    h.addConstr(ordinary + top_tau * all_pref <= top_tau)
    h_of_o = lowest(h, hx, hv, ordinary)
    # the discount h(τ) − h(o) is at most G(τ) − G(o), G the integral of the steepest slope h has below each point
    # (convex, ``steepest``): valid for every o <= τ, and no binary. Where h falls somewhere ``lowest``'s relaxation
    # is h's convex envelope over all incomes, far below h, and would discount the gains by thousands of dollars more
    # than they hold (the root bound thousands of dollars a year above the plan); these cuts hold the discount to
    # the slopes h has where o and τ are
    for x0, g0, slope in steep:
        h.addConstr(h_of_o + gap_tau - slope * ordinary >= g0 - slope * x0)
    # line 25, the smaller of line 23 and line 24: base − (h(τ) − h(o)) − max(0, h(o) − h(τ)); h(o) exceeds h(τ) by at
    # most h's largest drop (where the 12% rate's end passes the 0% rate's), so that max() costs a binary whose
    # relaxation is off by no more than the drop
    drop, peak = 0.0, hv[0]
    for v in hv:
        peak = max(peak, v)
        drop = max(drop, peak - v)
    line24 = 0.0
    if drop > 0:
        line24, smaller = h.addVariable(lb=0), h.addBinary()
        far = max(abs(v) for v in hv) + drop + 1.0
        h.addConstr(line24 - (drop + 1.0) * smaller <= 0)
        h.addConstr(line24 - h_of_o + htau + far * smaller <= far)  # line24 <= h(o) - h(τ) + far (1 - smaller)
        # h(o) > h(τ) with o <= τ only once τ has reached where h first falls (the 0% rate's end): below it line 24 is
        # not the smaller, which the relaxation of ``smaller`` would not see (the drop, some $60-$90 a year, off the
        # tax in every year). A point of the S curve lies within a dollar of that τ (``capital_gains``), so the bound
        # ``drop`` from the first point within $100 of it on, 0 before, is never below line 24's value
        fall = next(hx[k] for k in range(len(hx) - 1) if hv[k + 1] < hv[k])
        if any(abs(tau_k[k] - fall) <= 1.0 for k in range(len(tau_k))) or max(tau_k) < fall - 100:
            reached = [w for k, w in every if tau_k[k] >= fall - 100]
            h.addConstr(line24 - drop * sum(reached) <= 0 if reached else line24 <= 0)
        # and by o: line 24 is the smaller only by h(o) − min of h beyond o, at most max(0, h(o) − h's low after the
        # fall), a convex function of o on [0, fall] from 0 to ``drop``: never above its chord, drop · o / fall
        h.addConstr(line24 - (drop / fall) * ordinary <= 0)
    # a credit lost can make the year's total tax negative (a refundable credit): no lower bound then
    tax = h.addVariable(lb=0 if not g.curve.steps and min(fs) >= 0 else -highspy_inf())
    rate = float(g.niit_rate)
    threshold = g.niit_threshold / 100
    if rate and max(agi_k) > threshold:  # IRC §1411(a)(1): the smaller of NII and MAGI over the threshold
        niit, smaller_nii = h.addVariable(lb=0), h.addBinary()
        m_nii = rate * (xs[-1] + g.investment / 100) + 1.0
        m_agi = rate * (max(agi_k) - threshold) + 1.0
        h.addConstr(niit - rate * nii + m_nii * smaller_nii >= rate * g.investment / 100)
        h.addConstr(niit - rate * agi - m_agi * smaller_nii >= -rate * threshold - m_agi)
        h.addConstr(tax == base + h_of_o - line24 + niit)
    else:
        h.addConstr(tax == base + h_of_o - line24)
    if len(blocks) == 1:
        return tax, irmaa, [], []
    tiers = [(z, tier_of(y, xs[i])) for (i, *_), z in zip(blocks, pick)]
    return tax, irmaa, tiers, [(z, lv, xs[i], xs[j]) for (i, j, *_), z, lv in zip(blocks, pick, levels)]


def lowest(h: Any, xs: list[float], fs: list[float], v: Any) -> Any:
    """A variable at least f(``v``) for the piecewise-linear f through (``xs``, ``fs``), as low as the
    model wants it exactly f(v): lines where f is convex, else one binary per convex stretch with
    ``v`` and the value the same weights of its points (as ``tax``)."""
    slopes = [(fs[k + 1] - fs[k]) / (xs[k + 1] - xs[k]) for k in range(len(xs) - 1)]
    falls = [k for k in range(1, len(slopes)) if slopes[k] < slopes[k - 1] - 1e-9]
    out = h.addVariable(lb=-highspy_inf())
    if not falls:
        for k, sl in enumerate(slopes):
            h.addConstr(out - sl * v >= fs[k] - sl * xs[k])
        h.addConstr(v <= xs[-1])
        return out
    bounds = [0, *falls, len(xs) - 1]
    pick = [h.addBinary() for _ in bounds[1:]]
    h.addConstr(sum(pick) == 1)
    at, value = 0.0, 0.0
    for (i, j), z in zip(zip(bounds, bounds[1:]), pick):
        weights = [(k, h.addVariable(lb=0)) for k in range(i, j + 1)]
        h.addConstr(sum(w for _, w in weights) == z)
        at = at + sum(xs[k] * w for k, w in weights if xs[k])
        value = value + sum(fs[k] * w for k, w in weights if fs[k])
    h.addConstr(v == at)
    h.addConstr(out == value)
    return out


def steepest(xs: list[float], fs: list[float]) -> list[tuple[float, float, float]]:
    """G, the integral from 0 of the steepest slope the piecewise-linear f through (``xs``, ``fs``) has below
    each point: a convex function, each of its pieces (start, G there, slope). ``f(b) − f(a) <= G(b) − G(a)``
    for every ``a <= b`` (f's slope between them is never above G's)."""
    out, g, top = [], 0.0, -highspy_inf()
    for k in range(len(xs) - 1):
        top = max(top, (fs[k + 1] - fs[k]) / (xs[k + 1] - xs[k]))
        out.append((xs[k], g, top))
        g += top * (xs[k + 1] - xs[k])
    return out


def on_steepest(pieces: list[tuple[float, float, float]], x: float) -> float:
    """G at ``x`` (``steepest``: its last piece goes on beyond the points)."""
    x0, g0, slope = next(p for p in reversed(pieces) if p[0] <= x) if x >= pieces[0][0] else pieces[0]
    return g0 + slope * (x - x0)
