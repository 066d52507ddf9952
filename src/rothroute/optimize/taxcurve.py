"""One year's federal tax as an exact piecewise-linear function of the money taken from the
retirement accounts, read off the engine itself.

For a household-year with every other income fixed, the engine's tax (brackets, the taxable part
of Social Security, the senior deduction's phase-out, the 0/15/20% rates on dividends and gains,
NIIT, AMT) is piecewise linear in the taxable amount ``x`` of distributions and conversions.
The curve is found by evaluating the same formulas on NumPy columns of ``x`` and refining every
stretch that is not a straight line until its kinks are located to within a dollar, so the
optimizer's tax is the engine's tax, not a model of it. The IRMAA tier, a step function of the
same ``x``, is read off the same way: each tier's first ``x`` to the cent.

The curve uses the exact rate schedule; a household taxed by the IRS Tax Table (taxable income
under $100,000) owes up to a few dollars more or less, which the re-pricing shows."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from rothroute.household.model import Household
from rothroute.params import Family, YearParams
from rothroute.tax.federal import inputs_from_household
from rothroute.tax.household_year import compute
from rothroute.tax.lines import TAX_KEYS
from rothroute.tax.ops import ArrayOps
from rothroute.tax.picked import picked

GRID = 256  # first sampling of [0, x_max]
NOISE = 2  # cents: rounding to the cent inside the formulas
RESOLUTION = 100  # cents: kinks located to within a dollar


@dataclass(frozen=True, slots=True)
class Curve:
    """``tax[k]`` (cents) at ``xs[k]`` (cents), linear in between; ``tiers``: (first x, tier)."""

    xs: tuple[int, ...]
    tax: tuple[int, ...]
    tiers: tuple[tuple[int, int], ...]
    base_tier: int = 0  # the IRMAA tier at x = 0

    def at(self, x: float) -> float:
        import bisect

        k = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        x0, x1 = self.xs[k], self.xs[k + 1]
        return self.tax[k] + (self.tax[k + 1] - self.tax[k]) * (x - x0) / (x1 - x0)

    def convex_blocks(self) -> list[tuple[int, int]]:
        """Index ranges [i, j] of breakpoints over which the curve is convex (slopes rising); a
        fall in slope (the Social Security cap, the end of the 0% rate on dividends) starts a new
        block."""
        slopes = [(self.tax[k + 1] - self.tax[k]) / (self.xs[k + 1] - self.xs[k]) for k in range(len(self.xs) - 1)]
        blocks, start = [], 0
        for k in range(1, len(slopes)):
            if slopes[k] < slopes[k - 1] - 1e-6:
                blocks.append((start, k))
                start = k
        blocks.append((start, len(self.xs) - 1))
        return blocks


def _evaluator(h: Household, yp: YearParams, irmaa: Family | None) -> Any:
    import numpy as np

    hh = dataclasses.replace(h, tax_computation="rate_schedule", moves=())
    base = inputs_from_household(hh).as_mapping()
    p = picked(yp, h.filing_status, h.lived_apart_all_year, irmaa)
    ops = ArrayOps()
    total, tier = TAX_KEYS["total_tax"], "irmaa.tier"

    def run(xs: Any) -> tuple[Any, Any]:
        xs = np.asarray(xs, dtype=np.int64)
        x = dict(base)
        x["pension"] = base["pension"] + xs
        x = {k: (v if isinstance(v, np.ndarray) else np.full(xs.shape, int(v), dtype=np.int64)) for k, v in x.items()}
        values = compute(ops, x, p)
        return (np.broadcast_to(values[total], xs.shape).astype(np.int64),
                np.broadcast_to(values[tier], xs.shape).astype(np.int64))
    return run


def _refine(run: Any, xs: Any, tax: Any) -> tuple[Any, Any]:
    """Split every stretch whose midpoint or quarter points leave the straight line."""
    import numpy as np

    while True:
        a, b = xs[:-1], xs[1:]
        wide = (b - a) > RESOLUTION
        if not wide.any():
            return xs, tax
        probes = np.concatenate([a + (b - a) // 4, a + (b - a) // 2, a + 3 * (b - a) // 4])[np.tile(wide, 3)]
        values, _ = run(probes)
        fa = np.interp(probes, xs, tax)
        bent = np.abs(values - fa) > NOISE
        if not bent.any():
            return xs, tax
        new = probes[bent]
        # keep every probe of a bent stretch, so its kink is bracketed on both sides
        xs2 = np.concatenate([xs, new])
        tax2 = np.concatenate([tax, values[bent]])
        order = np.unique(xs2, return_index=True)[1]
        xs, tax = xs2[order], tax2[order]


def _simplify(xs: Any, tax: Any) -> tuple[list[int], list[int]]:
    """Drop points that lie on the line through their neighbours (within the rounding noise)."""
    keep_x, keep_t = [int(xs[0])], [int(tax[0])]
    for k in range(1, len(xs) - 1):
        x0, t0 = keep_x[-1], keep_t[-1]
        x2, t2 = int(xs[k + 1]), int(tax[k + 1])
        line = t0 + (t2 - t0) * (int(xs[k]) - x0) / (x2 - x0)
        if abs(int(tax[k]) - line) > NOISE:
            keep_x.append(int(xs[k]))
            keep_t.append(int(tax[k]))
    keep_x.append(int(xs[-1]))
    keep_t.append(int(tax[-1]))
    # kinks closer than the resolution are one kink: keep the outer points of such a cluster
    xs_, ts_ = [keep_x[0]], [keep_t[0]]
    for x, t in zip(keep_x[1:], keep_t[1:]):
        if x - xs_[-1] < 2 * RESOLUTION and len(xs_) > 1:
            xs_[-1], ts_[-1] = x, t
        else:
            xs_.append(x)
            ts_.append(t)
    return xs_, ts_


def _tier_steps(run: Any, xs: Any) -> list[tuple[int, int]]:
    """Each IRMAA tier's first x (cents), by bisection between sampled points where it changes."""
    import numpy as np

    _, tiers = run(xs)
    steps = []
    for k in np.nonzero(np.diff(tiers))[0]:
        lo, hi = int(xs[k]), int(xs[k + 1])
        want = int(tiers[k + 1])
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if int(run([mid])[1][0]) >= want:
                hi = mid
            else:
                lo = mid
        steps.append((hi, want))
    return steps


def tax_curve(h: Household, yp: YearParams, irmaa: Family | None, x_max: int) -> Curve:
    """The year's total federal tax for taxable retirement money 0 to ``x_max`` (cents)."""
    import numpy as np

    run = _evaluator(h, yp, irmaa)
    xs = np.unique(np.linspace(0, max(x_max, GRID), GRID + 1).astype(np.int64))
    tax, _ = run(xs)
    xs, tax = _refine(run, xs, tax)
    steps = _tier_steps(run, xs)
    kx, kt = _simplify(xs, tax)
    return Curve(xs=tuple(kx), tax=tuple(kt), tiers=tuple(steps), base_tier=int(run([0])[1][0]))
