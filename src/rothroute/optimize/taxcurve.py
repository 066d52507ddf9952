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
SPLIT = 32  # a bent stretch is cut into this many a round
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
    """Split every stretch whose interior leaves the straight line: a bent stretch gets
    ``SPLIT - 1`` evenly spaced points, and only its new sub-stretches are probed in the next
    round (all of a round in one evaluation), until every stretch is straight or narrower than
    the resolution."""
    import numpy as np

    points_x, points_t = [xs], [tax]
    lo, hi, f_lo, f_hi = xs[:-1], xs[1:], tax[:-1], tax[1:]
    k = np.arange(1, SPLIT)[None, :]
    while True:
        wide = (hi - lo) > RESOLUTION
        lo, hi, f_lo, f_hi = lo[wide], hi[wide], f_lo[wide], f_hi[wide]
        if not len(lo):
            break
        probes = lo[:, None] + (k * (hi - lo)[:, None]) // SPLIT
        values, _ = run(probes.ravel())
        values = values.reshape(probes.shape)
        line = f_lo[:, None] + (f_hi - f_lo)[:, None] * (probes - lo[:, None]) / (hi - lo)[:, None]
        bent = (np.abs(values - line) > NOISE).any(axis=1)
        if not bent.any():
            break
        px, pv = probes[bent], values[bent]
        points_x.append(px.ravel())
        points_t.append(pv.ravel())
        # the next round: each bent stretch's sub-stretches, between its ends and its probes
        ends_x = np.concatenate([lo[bent][:, None], px, hi[bent][:, None]], axis=1)
        ends_t = np.concatenate([f_lo[bent][:, None], pv, f_hi[bent][:, None]], axis=1)
        lo, hi = ends_x[:, :-1].ravel(), ends_x[:, 1:].ravel()
        f_lo, f_hi = ends_t[:, :-1].ravel(), ends_t[:, 1:].ravel()
    xs_all, tax_all = np.concatenate(points_x), np.concatenate(points_t)
    order = np.unique(xs_all, return_index=True)[1]
    return xs_all[order], tax_all[order]


def _simplify(xs: Any, tax: Any) -> tuple[list[int], list[int]]:
    """The fewest points whose straight stretches stay within the rounding noise of every point
    between them (each stretch grown as far as it can go)."""
    import numpy as np

    xs = np.asarray(xs, dtype=np.int64)
    tax = np.asarray(tax, dtype=np.int64)
    keep = [0]
    start, n = 0, len(xs)
    while start < n - 1:
        end = start + 1
        step = 1
        # grow the stretch by doubling, then back off to the last end that still fits
        while end + step < n and _fits(xs, tax, start, end + step):
            end += step
            step *= 2
        while step > 1:
            step //= 2
            if end + step < n and _fits(xs, tax, start, end + step):
                end += step
        keep.append(end)
        start = end
    # kinks closer together than the resolution are one kink: drop the inner point of a stretch
    # under two dollars wide (off by the slopes' difference times two dollars at most, cents)
    out = [keep[0]]
    for k in keep[1:]:
        if xs[k] - xs[out[-1]] < 2 * RESOLUTION and len(out) > 1 and k != keep[-1]:
            continue
        out.append(k)
    return [int(xs[k]) for k in out], [int(tax[k]) for k in out]


def _fits(xs: Any, tax: Any, i: int, j: int) -> bool:
    if j - i < 2:
        return True
    inner = slice(i + 1, j)
    line = tax[i] + (tax[j] - tax[i]) * (xs[inner] - xs[i]) / (xs[j] - xs[i])
    return bool((abs(tax[inner] - line) <= NOISE).all())


def _tier_steps(run: Any, xs: Any) -> list[tuple[int, int]]:
    """Each IRMAA tier's first x (cents): between the sampled points where the tier changes, all
    the changes narrowed together, 64 probes an interval a round, down to the cent."""
    import numpy as np

    _, tiers = run(xs)
    changes = np.nonzero(np.diff(tiers))[0]
    lo, hi = xs[changes].astype(np.int64), xs[changes + 1].astype(np.int64)
    want = tiers[changes + 1]
    probes_per = 64
    while (hi - lo > 1).any():
        width = hi - lo
        offsets = (np.arange(1, probes_per + 1)[None, :] * width[:, None]) // (probes_per + 1)
        probes = np.maximum(lo[:, None] + np.maximum(offsets, 1), lo[:, None] + 1)
        probes = np.minimum(probes, hi[:, None])
        _, reached = run(probes.ravel())
        reached = reached.reshape(probes.shape) >= want[:, None]
        # the first probe at the tier bounds it from above; the probe before it from below
        first = np.where(reached.any(axis=1), reached.argmax(axis=1), probes_per)
        new_hi = np.where(first < probes_per, probes[np.arange(len(lo)), np.minimum(first, probes_per - 1)], hi)
        new_lo = np.where(first > 0, probes[np.arange(len(lo)), np.maximum(first - 1, 0)], lo)
        lo, hi = np.where(width > 1, new_lo, lo), np.where(width > 1, new_hi, hi)
    return [(int(h_), int(w)) for h_, w in zip(hi, want)]


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
