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
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from rothroute.household.model import Household
from rothroute.params import Family, YearParams
from rothroute.tax.federal import inputs_from_household
from rothroute.tax.household_year import compute
from rothroute.tax.lines import TAX_KEYS
from rothroute.tax.ops import ArrayOps
from rothroute.tax.batch import stacked_params
from rothroute.tax.picked import NEVER, RATE_KEYS, picked

if TYPE_CHECKING:
    from rothroute.optimize.statecurve import StateSpec

GRID = 64  # first sampling of [0, x_max]
SPLIT = 32  # a bent stretch is cut into this many a round
NOISE = 2  # cents: rounding to the cent inside the formulas
STATE_NOISE = 100  # cents: with a state's tax, whose worksheets round to the dollar
ROUGH_NOISE = 500  # cents: a state whose tax steps by up to a few dollars (New York: ``statecurve.ROUGH``)
RESOLUTION = 100  # cents: kinks located to within a dollar
TIER_PROBES = 16  # probes an interval a round when narrowing an IRMAA tier's first dollar


@dataclass(frozen=True, slots=True)
class Curve:
    """``tax[k]`` (cents) at ``xs[k]`` (cents), linear in between; ``tiers``: (first x, tier)."""

    xs: tuple[int, ...]
    tax: tuple[int, ...]
    tiers: tuple[tuple[int, int], ...]
    base_tier: int = 0  # the IRMAA tier at x = 0
    state: tuple[int, ...] = ()  # the state's part of ``tax`` at each of ``xs`` (empty: no state tax in the curve)
    split_free: bool = True  # the state's part does not depend on how x is split among people and kinds
    # where the premium tax credit jumps (``ptccurve``) or the tax has a cliff (``_cliffs``): (first x of the jump,
    # cents the tax jumps by), x rising;
    # ``tax`` is the total less these, a continuous curve, and ``at`` adds them back
    steps: tuple[tuple[int, int], ...] = ()
    # a Marketplace year: (household income at x = 0, the poverty line), cents: x's whole percent of the poverty line
    # (Form 8962 line 5) is (magi0 + x) * 100 // fpl (``ptcwindow``)
    percent: tuple[int, int] | None = None
    state_steps: tuple[tuple[int, int], ...] = ()  # of the cliffs, the state's part: ``state`` is without them too

    def stepped(self, x: float) -> int:
        """The jumps reached at ``x`` (cents)."""
        return sum(j for first, j in self.steps if x >= first)

    def state_at(self, x: float) -> float:
        """The state's part of the tax at ``x`` (cents), on the same stretches as the total."""
        import bisect

        if not self.state:
            return 0.0
        k = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        x0, x1 = self.xs[k], self.xs[k + 1]
        return self.state[k] + (self.state[k + 1] - self.state[k]) * (x - x0) / (x1 - x0) + \
            sum(j for first, j in self.state_steps if x >= first)

    def at(self, x: float) -> float:
        import bisect

        k = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        x0, x1 = self.xs[k], self.xs[k + 1]
        return self.tax[k] + (self.tax[k + 1] - self.tax[k]) * (x - x0) / (x1 - x0) + self.stepped(x)


def _signature(p: dict[str, Any]) -> tuple[Any, ...]:
    """What must be equal for years to share one evaluation: every rate, the IRMAA floors'
    inclusivity and the shape of each schedule (amounts may differ: they become columns)."""
    out = []
    for key, value in p.items():
        if key in RATE_KEYS:
            out.append((key, value))
        elif key == "brackets":
            out.append((key, tuple(r for _, r in value)))
        elif key == "irmaa_floors":
            out.append((key, tuple(inclusive for _, inclusive in value)))
    return tuple(out)


def _inert(p: dict[str, Any]) -> set[str]:
    """The rates that cannot change this year's tax: the senior deduction's phase-out rate in a
    year without the deduction (IRC §151(d)(5) ends after 2028), and the SALT cap's phase-down
    rate where the cap never falls (no threshold, or the cap already at its floor: §164(b)(7)
    after 2029). Setting them to another year's value lets the years share one evaluation."""
    out = set()
    if p["senior_amount"] == 0:
        out.add("senior_rate")
    if p["salt_threshold"] >= NEVER or p["salt_cap"] <= p["salt_floor"]:
        out.add("salt_rate")
    return out


def _shared(ps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``ps`` with each inert rate set to the value the years where it acts use (the first of
    them), so that years differing only in inert rates fall in one group."""
    inert = [_inert(p) for p in ps]
    acting = {k: next((q[k] for q, off in zip(ps, inert) if k not in off), None) for k in set().union(*inert)}
    return [{**p, **{k: p[k] if acting[k] is None else acting[k] for k in off}} for p, off in zip(ps, inert)]


def _evaluator(items: list[tuple[Household, YearParams, Family | None]],
               states: list[StateSpec | None] | None = None, *, ordinary: bool = False, envelope: bool = False) -> Any:
    """``run(curve, x)``: the total tax, IRMAA tier and the state's part of the tax of each
    (curve, x) row. Years whose rates agree are evaluated together, in one pass of the formulas over
    columns; the parameters are stacked once per group, and an input that is the same in every year
    is passed as one value. ``states``: each year's state (``statecurve``), whose taxes are added,
    computed from the federal figures of the same pass; ``run(..., parts=)`` overrides them.
    ``ordinary``: every year's qualified dividends and long-term gains taxed as ordinary income (the
    gains as short-term, the same net on Schedule D) and no net investment income tax: the base of
    ``capital_gains``, which adds both back. ``run(..., keys=)`` also returns those lines' values.
    ``envelope``: the premium tax credit on its continuous envelope (``ptccurve.envelope_contribution``), never
    above the form's, without the jumps at each whole percent."""
    import numpy as np

    from rothroute.optimize.ptccurve import form_8962, spec_of
    from rothroute.optimize.statecurve import StatePart, federal_needed

    own = {i: StatePart(items[i][0], spec) for i, spec in enumerate(states or []) if spec is not None}
    credits = {i: dataclasses.replace(c, envelope=envelope) if envelope else c
               for i, (h, yp, _) in enumerate(items) if (c := spec_of(h, yp)) is not None}
    needed = federal_needed() if own else ()

    ps, bases = [], []
    for h, yp, irmaa in items:
        hh = dataclasses.replace(h, tax_computation="rate_schedule", moves=())
        base = inputs_from_household(hh).as_mapping()
        p = picked(yp, h.filing_status, h.lived_apart_all_year, irmaa)
        if ordinary:
            base = {**base, "qualified_dividends": 0, "long_term_gains": 0,
                    "short_term_gains": base["short_term_gains"] + base["long_term_gains"]}
            p = {**p, "niit_rate": Fraction(0)}
        bases.append(base)
        ps.append(p)
    ps = _shared(ps)
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, p in enumerate(ps):
        groups.setdefault(_signature(p), []).append(i)
    group_of = np.zeros(len(items), dtype=np.int64)
    local_of = np.zeros(len(items), dtype=np.int64)
    members = list(groups.values())
    stacked = []
    for g, ids in enumerate(members):
        group_of[ids] = g
        local_of[ids] = np.arange(len(ids))
        stacked.append(_constant(stacked_params([ps[i] for i in ids], np.arange(len(ids)))))
    columns = {k: np.array([b[k] for b in bases]) for k in bases[0]}
    constant = {k: v[0] for k, v in columns.items() if k != "pension" and (v == v[0]).all()}
    varying = {k: v for k, v in columns.items() if k not in constant}
    ops = ArrayOps()
    total, tier_key = TAX_KEYS["total_tax"], "irmaa.tier"

    def run(curve: Any, xs: Any, parts: dict[int, Any] | None = None, keys: tuple[str, ...] = ()) -> Any:
        curve = np.asarray(curve, dtype=np.int64)
        xs = np.asarray(xs, dtype=np.int64)
        tax = np.zeros(xs.shape, dtype=np.int64)
        tier = np.zeros(xs.shape, dtype=np.int64)
        state = np.zeros(xs.shape, dtype=np.int64)
        extra = {k: np.zeros(xs.shape, dtype=np.int64) for k in keys}
        use = own if parts is None else parts
        if xs.ndim == 2:  # a line of x for each curve in ``curve``
            if use or credits:  # the state's part and the credit go row by row
                return _reshaped(run(np.repeat(curve, xs.shape[1]), xs.ravel(), parts, keys), xs.shape)
            for g in range(len(members)):
                lines = np.flatnonzero(group_of[curve] == g) if len(members) > 1 else slice(None)
                which = curve[lines]
                if len(which):
                    values = _lines(which, xs[lines], stacked[g], local_of, constant, varying)
                    tax[lines], tier[lines] = values[total], values[tier_key]  # (broadcast along each line)
                    for k in keys:
                        extra[k][lines] = values[k]
            return (tax, tier, state, extra) if keys else (tax, tier, state)
        for g in range(len(members)):
            rows = np.flatnonzero(group_of[curve] == g) if len(members) > 1 else \
                np.arange(len(curve)) if use or credits else slice(None)
            which = curve[rows]
            if not len(which):
                continue
            x = {**constant, **{k: v[which] for k, v in varying.items()}}
            x["pension"] = x["pension"] + xs[rows]
            values = compute(ops, x, _take(stacked[g], local_of[which]))
            tax[rows] = np.broadcast_to(values[total], which.shape)
            tier[rows] = np.broadcast_to(values[tier_key], which.shape)
            for k in keys:
                extra[k][rows] = np.broadcast_to(values[k], which.shape)
            allowed: dict[int, Any] = {}  # Form 8962 line 24 of a year with Marketplace coverage, for its state
            for c in (np.unique(which) if credits else ()):
                spec = credits.get(int(c))
                if spec is None:
                    continue
                mine = which == c

                def column(v: Any, mine: Any = mine) -> Any:
                    return np.broadcast_to(v, which.shape)[mine]
                # household income: AGI, tax-exempt interest and the Social Security not taxed (IRC §36B(d)(2)(B))
                magi = (column(values["f1040.11"]) + column(x["exempt_interest"]) + column(x["social_security"])
                        - column(values["f1040.6b"]))
                allowed[int(c)], added = form_8962(spec, magi)
                tax[rows[mine]] += added
            for c in (np.unique(which) if use else ()):
                part = use.get(int(c))
                if part is None:
                    continue
                mine = which == c
                federal = {k: np.broadcast_to(values[k], which.shape)[mine] for k in needed}
                if int(c) in allowed:
                    # the credit allowed (Oregon's worksheet takes it out of the federal tax it subtracts); the
                    # repayment (Schedule 2 line 1a) stays 0: the curve's Form 1040 line 22 is without it, as the
                    # engine's line 22 less line 1a is
                    federal["f8962.24"] = allowed[int(c)]
                state[rows[mine]] = part.tax(ops, federal, xs[rows[mine]])
        if keys:
            return (tax + state if use else tax), tier, state, extra
        return (tax + state if use else tax), tier, state
    run.credits = credits  # type: ignore[attr-defined]
    return run


def _lines(which: Any, xs: Any, stacked: dict[str, Any], local_of: Any, constant: dict[str, Any],
           varying: dict[str, Any]) -> dict[str, Any]:
    """The formulas on a table of x, a line for each curve in ``which`` (curves of one group): each line's
    parameters and other inputs are one value NumPy broadcasts along it, so every step of the return that does not
    depend on x is figured once a line, not once an x, and nothing is gathered x by x (the same integer
    operations element by element: the same values as row by row). A value that does not depend on x is a column
    of one value a line, to be broadcast."""
    x = {**constant, **{k: v[which][:, None] for k, v in varying.items()}}
    x["pension"] = x["pension"] + xs
    return compute(ArrayOps(), x, _columns(stacked, lambda v: v[local_of[which]][:, None]))


def _reshaped(out: tuple[Any, ...], shape: tuple[int, ...]) -> tuple[Any, ...]:
    """``run``'s values row by row, each given ``shape`` (the ``keys`` too)."""
    return tuple({k: v.reshape(shape) for k, v in o.items()} if isinstance(o, dict) else o.reshape(shape) for o in out)


def _jumps(run: Any, items: list[Any], noise: Any) -> tuple[Any, dict[int, tuple[tuple[int, int], ...]]]:
    """The premium tax credit's jumps of each year (``ptccurve.step_points``, each measured by the engine's
    formulas across its first cent) larger than the curve's noise, and ``run`` with them taken out of the
    total: a continuous curve to refine."""
    import numpy as np

    from rothroute.optimize.ptccurve import step_points

    credits = run.credits
    points = [(i, x) for i, spec in credits.items() for x in step_points(spec, items[i][3])]
    if not points:
        return run, {}
    ids = np.repeat(np.array([i for i, _ in points], dtype=np.int64), 2)
    xs = np.array([v for _, x in points for v in (x - 1, x)], dtype=np.int64)
    tax, _, _ = run(ids, xs)
    found: dict[int, list[tuple[int, int]]] = {}
    for (i, x), jump in zip(points, (tax[1::2] - tax[0::2]).tolist()):
        if abs(jump) > noise[i]:
            found.setdefault(i, []).append((x, int(jump)))
    tables = {i: (np.array([x for x, _ in v], dtype=np.int64), np.concatenate([[0], np.cumsum([j for _, j in v])]))
              for i, v in found.items()}

    def continuous(curve: Any, at: Any, parts: dict[int, Any] | None = None) -> tuple[Any, Any, Any]:
        curve = np.asarray(curve, dtype=np.int64)
        at = np.asarray(at, dtype=np.int64)
        if at.ndim == 2:  # a line of x for each curve: row by row
            return _reshaped(continuous(np.repeat(curve, at.shape[1]), at.ravel(), parts), at.shape)  # type: ignore[return-value]
        total, tier, state = run(curve, at, parts)
        for i, (firsts, cumulative) in tables.items():
            mine = curve == i
            if mine.any():
                total[mine] -= cumulative[np.searchsorted(firsts, at[mine], side="right")].astype(np.int64)
        return total, tier, state
    return continuous, {i: tuple(v) for i, v in found.items()}


def _columns(params: dict[str, Any], f: Any) -> dict[str, Any]:
    """Stacked parameters (``stacked_params``) with ``f`` applied to each column (rates as they are)."""
    import numpy as np

    def each(v: Any) -> Any:
        if isinstance(v, np.ndarray):
            return f(v)
        if isinstance(v, tuple):
            return tuple(each(item) for item in v)
        return v
    return {k: each(v) for k, v in params.items()}


def _constant(params: dict[str, Any]) -> dict[str, Any]:
    """Each column that is the same in every year made one value (then not gathered row by row on
    every evaluation)."""
    return _columns(params, lambda v: v[0] if len(v) and (v == v[0]).all() else v)


def _take(params: dict[str, Any], rows: Any) -> dict[str, Any]:
    """The stacked parameters of ``rows`` (one value stays one value)."""
    return _columns(params, lambda v: v[rows])


def _refine(run: Any, ids: Any, xs: Any, tax: Any, tier: Any, st: Any, noise: Any) -> tuple[Any, Any, Any, Any, Any]:
    """Split every stretch whose interior leaves the straight line: a bent stretch gets
    ``SPLIT - 1`` evenly spaced points, and only its new sub-stretches are probed in the next
    round (every curve's in one evaluation), until every stretch is straight or narrower than
    the resolution. ``ids``/``xs``/``tax``/``tier``: each curve's sorted points, curve by curve
    (the IRMAA tier of every point is kept for ``_tier_steps``; ``st``: the state's part of ``tax``;
    ``noise``: each curve's rounding noise, cents)."""
    import numpy as np

    points = [(ids, xs, tax, tier, st)]
    same = ids[:-1] == ids[1:]
    cid, lo, hi, f_lo, f_hi = ids[:-1][same], xs[:-1][same], xs[1:][same], tax[:-1][same], tax[1:][same]
    k = np.arange(1, SPLIT)[None, :]
    while True:
        wide = (hi - lo) > RESOLUTION
        cid, lo, hi, f_lo, f_hi = cid[wide], lo[wide], hi[wide], f_lo[wide], f_hi[wide]
        if not len(lo):
            break
        probes = lo[:, None] + (k * (hi - lo)[:, None]) // SPLIT
        values, tiers, states = run(cid, probes)
        # the share along the stretch first: (tax rise) x (x offset) passes int64 from about $10^9
        line = f_lo[:, None] + (f_hi - f_lo)[:, None] * ((probes - lo[:, None]) / (hi - lo)[:, None])
        bent = (np.abs(values - line) > noise[cid][:, None]).any(axis=1)
        if not bent.any():
            break
        px, pv = probes[bent], values[bent]
        points.append((np.repeat(cid[bent], SPLIT - 1), px.ravel(), pv.ravel(), tiers[bent].ravel(),
                       states[bent].ravel()))
        ends_x = np.concatenate([lo[bent][:, None], px, hi[bent][:, None]], axis=1)
        ends_t = np.concatenate([f_lo[bent][:, None], pv, f_hi[bent][:, None]], axis=1)
        # a kink shows where a point leaves the line through its two neighbours: only the
        # sub-stretches beside such a point are probed again
        mid = ends_t[:, 1:-1] - (ends_t[:, :-2] + (ends_t[:, 2:] - ends_t[:, :-2]) * ((ends_x[:, 1:-1] - ends_x[:, :-2])
                                                                               / (ends_x[:, 2:] - ends_x[:, :-2])))
        off = np.abs(mid) > noise[cid[bent]][:, None]
        suspect = np.zeros((off.shape[0], SPLIT), dtype=bool)
        suspect[:, :-1] |= off
        suspect[:, 1:] |= off
        cid = np.repeat(cid[bent], SPLIT).reshape(-1, SPLIT)[suspect]
        lo, hi = ends_x[:, :-1][suspect], ends_x[:, 1:][suspect]
        f_lo, f_hi = ends_t[:, :-1][suspect], ends_t[:, 1:][suspect]
    all_ids = np.concatenate([p[0] for p in points])
    all_x = np.concatenate([p[1] for p in points])
    all_t = np.concatenate([p[2] for p in points])
    all_w = np.concatenate([p[3] for p in points])
    all_s = np.concatenate([p[4] for p in points])
    order = np.lexsort((all_x, all_ids))
    all_ids, all_x, all_t, all_w, all_s = all_ids[order], all_x[order], all_t[order], all_w[order], all_s[order]
    keep = np.ones(len(all_x), dtype=bool)
    keep[1:] = (all_ids[1:] != all_ids[:-1]) | (all_x[1:] != all_x[:-1])
    return all_ids[keep], all_x[keep], all_t[keep], all_w[keep], all_s[keep]


def _cliffs(ids: Any, xs: Any, tax: Any, st: Any, noise: Any
            ) -> tuple[Any, Any, dict[int, list[tuple[int, int]]], dict[int, list[tuple[int, int]]]]:
    """Each curve's cliffs (a state's credit or exclusion lost whole at an income: Maryland's senior tax
    credit above $150,000 of federal AGI, New Jersey's pension exclusion above $100,000 of income): a rise,
    or a fall, of more than the curve's noise and two dollars within the two dollars where the refining
    located it, as (first x, cents) jumps, like the premium tax credit's (``Curve.steps``; a rise from the
    first cent it may be at, a fall from the last), and ``tax`` with them taken out (continuous); with the part
    of each that is the state's (``st``, the state's part of ``tax``, taken out alike: ``Curve.state_steps``). The
    model keeps ``yeartax.IRMAA_MARGIN`` clear of each, on its dear side: the engine's year (whole-dollar
    moves, RMDs to the cent) can land a dollar past the model's, and a cliff is worth hundreds."""
    import numpy as np

    same = ids[:-1] == ids[1:]
    width = xs[1:] - xs[:-1]
    jump = tax[1:] - tax[:-1]
    at = np.flatnonzero(same & (width <= 2 * RESOLUTION) & (np.abs(jump) > noise[ids[:-1]] + 2 * RESOLUTION))
    found: dict[int, list[tuple[int, int]]] = {}
    state: dict[int, list[tuple[int, int]]] = {}
    if not len(at):
        return tax, st, found, state
    # each jump taken out of its curve's points after it (the points are in order of curve, then x, so those with
    # x at or past its first x are the rest of the curve's), added up by a running sum, not a pass over every
    # point for each jump
    ends = np.searchsorted(ids, ids[at], side="right")
    state_jump = st[at + 1] - st[at]  # the part of each jump that is the state's

    def after(amounts: Any) -> Any:
        change = np.zeros(len(xs) + 1, dtype=np.int64)
        np.add.at(change, at + 1, amounts)
        np.add.at(change, ends, -amounts)
        return np.cumsum(change[:-1])
    tax, st = tax - after(jump[at]), st - after(state_jump)
    for k, part in zip(at.tolist(), state_jump.tolist()):
        first = int(xs[k]) + 1 if jump[k] > 0 else int(xs[k + 1])
        found.setdefault(int(ids[k]), []).append((first, int(jump[k])))
        if part != 0:
            state.setdefault(int(ids[k]), []).append((first, int(part)))
    return tax, st, found, state


def _simplify(xs: Any, tax: Any, noise: int = NOISE, pinned: Any = ()) -> list[int]:
    """The fewest points whose straight stretches stay within the rounding noise of every point
    between them (each stretch grown as far as it can go): their places in ``xs``; every place in
    ``pinned`` is kept (a stretch ends there: ``StateSpec.pins``)."""
    import numpy as np

    xs = np.asarray(xs, dtype=np.int64)
    tax = np.asarray(tax, dtype=np.int64)
    keep = [0]
    start, n = 0, len(xs)
    stops = sorted({int(k) for k in pinned if 0 < k < n - 1})
    while start < n - 1:
        fits = _fits_from(xs, tax, start, noise)
        last = next((k for k in stops if k > start), n - 1)  # a stretch goes no further than the next pin
        end = start + 1
        step = 1
        # grow the stretch by doubling, then back off to the last end that still fits
        while end + step <= last and fits(end + step):
            end += step
            step *= 2
        while step > 1:
            step //= 2
            if end + step <= last and fits(end + step):
                end += step
        keep.append(end)
        start = end
    # kinks closer together than the resolution are one kink: drop the inner point of a stretch
    # under two dollars wide (off by the slopes' difference times two dollars at most, cents), never a pin
    out = [keep[0]]
    pins = set(stops)
    for k in keep[1:]:
        if xs[k] - xs[out[-1]] < 2 * RESOLUTION and len(out) > 1 and k != keep[-1] and k not in pins:
            continue
        out.append(k)
    return out


SURE = 2e-6  # cents: a point this far inside or outside the noise decides ``_fits`` for certain (its own float
# arithmetic errs by under 3e-7 cents on a tax under $10 million; a slope's, below, by under 2e-7 a point)


def _fits_from(xs: Any, tax: Any, i: int, noise: int = NOISE) -> Any:
    """``_fits(xs, tax, i, j)`` for each ``j`` after ``i``, decided from one pass over the points. The line
    from point ``i`` to point ``j`` passes within ``noise`` of point ``k`` exactly when its slope lies between
    (rise to k - noise) / (run to k) and (rise + noise) / run, so it fits when the slope lies between the
    largest of the lower bounds and the smallest of the upper bounds over the points between (running maxima
    and minima). Within ``SURE`` cents of a bound at some point (a tie that float rounding could tip either
    way) ``_fits`` itself decides: the answers are ``_fits``'s, point for point. The least distance in cents
    is at least the distance in slope times the shortest run (the first point's)."""
    import numpy as np

    run = (xs[i + 1:] - xs[i]).astype(np.float64)  # > 0: the points are sorted and distinct
    rise = (tax[i + 1:] - tax[i]).astype(np.float64)
    lower, upper = (rise - noise) / run, (rise + noise) / run
    low, high = np.maximum.accumulate(lower), np.minimum.accumulate(upper)
    at = np.arange(len(run))
    low_at = np.maximum.accumulate(np.where(lower == low, at, 0))  # the point setting the lower bound
    high_at = np.maximum.accumulate(np.where(upper == high, at, 0))
    # for j = i + 2 + m: the bounds of the m + 1 points between, and j's slope
    low, high, low_at, high_at = low[:-1], high[:-1], low_at[:-1], high_at[:-1]
    slope = rise[1:] / run[1:]
    shortest = run[0]
    sure_in = ((slope - low) * shortest > SURE) & ((high - slope) * shortest > SURE)
    sure_out = ((low - slope) * run[low_at] > SURE) | ((slope - high) * run[high_at] > SURE)

    def fits(j: int) -> bool:
        m = j - i - 2
        if m < 0:
            return True
        if sure_in[m]:
            return True
        if sure_out[m]:
            return False
        return _fits(xs, tax, i, j, noise)
    return fits


def _fits(xs: Any, tax: Any, i: int, j: int, noise: int = NOISE) -> bool:
    if j - i < 2:
        return True
    inner = slice(i + 1, j)
    line = tax[i] + (tax[j] - tax[i]) * ((xs[inner] - xs[i]) / (xs[j] - xs[i]))  # the share first: no int64 overflow
    return bool((abs(tax[inner] - line) <= noise).all())


def _tier_steps(run: Any, ids: Any, xs: Any, tiers: Any) -> list[tuple[int, int, int]]:
    """Each IRMAA tier's first x (cents) on each curve, as (curve, x, tier): between the sampled
    points where the tier changes (``tiers``: the tier at each point), all the changes narrowed
    together, ``TIER_PROBES`` probes an interval a round, down to the cent."""
    import numpy as np

    changes = np.nonzero((np.diff(tiers) != 0) & (ids[1:] == ids[:-1]))[0]
    # every tier reached between two samples gets a search of its own (two cliffs can fall between them)
    rows = [(k, w) for k in changes for w in range(int(tiers[k]) + 1, int(tiers[k + 1]) + 1)]
    at = np.array([k for k, _ in rows], dtype=np.int64)
    cid = ids[at]
    lo, hi = xs[at].astype(np.int64), xs[at + 1].astype(np.int64)
    want = np.array([w for _, w in rows], dtype=np.int64)
    probes_per = TIER_PROBES
    while (hi - lo > 1).any():
        width = hi - lo
        offsets = (np.arange(1, probes_per + 1)[None, :] * width[:, None]) // (probes_per + 1)
        probes = np.minimum(lo[:, None] + np.maximum(offsets, 1), hi[:, None])
        _, reached, _ = run(cid, probes, {})  # (the tier is the federal return's: no state's part to price)
        reached = reached.reshape(probes.shape) >= want[:, None]
        first = np.where(reached.any(axis=1), reached.argmax(axis=1), probes_per)
        rows = np.arange(len(lo))
        new_hi = np.where(first < probes_per, probes[rows, np.minimum(first, probes_per - 1)], hi)
        new_lo = np.where(first > 0, probes[rows, np.maximum(first - 1, 0)], lo)
        lo, hi = np.where(width > 1, new_lo, lo), np.where(width > 1, new_hi, hi)
    return [(int(c), int(h_), int(w)) for c, h_, w in zip(cid, hi, want)]


def tax_curves(items: list[tuple[Household, YearParams, Family | None, int]],
               states: list[StateSpec | None] | None = None, run: Any = None, envelope: bool = False) -> list[Curve]:
    """Each year's total tax for taxable retirement money from 0 to its ``x_max`` (cents): federal,
    and the state of residence's where ``states`` gives the year's (``statecurve.StateSpec``);
    ``items`` are (household, parameters, IRMAA table two years on, x_max). ``run``: another
    function of the same x to follow (``capital_gains``), in place of the tax. ``envelope``: the premium tax
    credit on its envelope (``ptccurve.envelope_contribution``: the tax never below the engine's)."""
    import numpy as np

    from rothroute.optimize.statecurve import ROUGH, wage_tax

    run = run or _evaluator([(h, yp, irmaa) for h, yp, irmaa, _ in items], states, envelope=envelope)
    pins = [tuple(x for x in spec.pins if 0 <= x <= max(item[3], GRID)) if spec is not None else ()
            for item, spec in zip(items, states or [None] * len(items))]
    grids = [np.unique(np.concatenate([np.linspace(0, max(x_max, GRID), GRID + 1).astype(np.int64),
                                       np.array(pinned, dtype=np.int64)]))
             for (*_, x_max), pinned in zip(items, pins)]
    ids = np.concatenate([np.full(len(g), i, dtype=np.int64) for i, g in enumerate(grids)])
    xs = np.concatenate(grids)
    tax, tier, st = run(ids, xs)
    noise = np.array([NOISE if spec is None or not wage_tax(spec.year.state) else
                      ROUGH_NOISE if spec.year.state in ROUGH else STATE_NOISE
                      for spec in (states or [None] * len(items))], dtype=np.int64)
    credits = run.credits
    for i, credit in credits.items():  # the credit steps by a dollar a month row between its jumps
        noise[i] = max(int(noise[i]), credit.noise)
    run, jumps = _jumps(run, items, noise)
    if jumps:  # the first look again, without the jumps
        tax, tier, st = run(ids, xs)
    ids, xs, tax, tier, st = _refine(run, ids, xs, tax, tier, st, noise)
    steps = _tier_steps(run, ids, xs, tier)
    base = tier[np.searchsorted(ids, np.arange(len(items)))]  # each curve's first point: x = 0 (the grid's)
    tax, st, cliffs, state_cliffs = _cliffs(ids, xs, tax, st, noise)
    with_state = [i for i, spec in enumerate(states or []) if spec is not None]
    free = _split_free(run, items, states, with_state) if with_state else {}
    curves = []
    for i in range(len(items)):
        mine = ids == i
        keep = _simplify(xs[mine], tax[mine], int(noise[i]), np.searchsorted(xs[mine], pins[i]) if pins[i] else ())
        mx, mt, ms = xs[mine], tax[mine], st[mine]
        curves.append(Curve(xs=tuple(int(mx[k]) for k in keep), tax=tuple(int(mt[k]) for k in keep),
                            tiers=tuple((x, t) for c, x, t in steps if c == i), base_tier=int(base[i]),
                            state=tuple(int(ms[k]) for k in keep) if i in with_state else (),
                            split_free=free.get(i, True),
                            steps=tuple(sorted(jumps.get(i, ()) + tuple(cliffs.get(i, ())))),
                            state_steps=tuple(state_cliffs.get(i, ())),
                            percent=(credits[i].magi0, credits[i].fpl) if i in credits else None))
    return curves


PROBES = (1, 4, 16, 64)  # x_max over these: where a state's dependence on the split is probed


def _split_free(run: Any, items: list[Any], states: Any, with_state: list[int]) -> dict[int, bool]:
    """Whether each state year's tax is the same, within a dollar, however ``x`` is split among
    the people and kinds (the year's own split, all of it one person's IRA money, conversion or
    plan payout, each in turn, and shared between two people: ``statecurve.alternatives``), at a
    few amounts up to ``x_max``: the spread between the highest and the lowest of them, so the
    answer is the year's, not its own split's (a split all one person's once called New York
    free, each single-person split taxed alike). A probe, not a proof: a year it calls free is
    still checked by the engine's re-pricing (``plan``)."""
    import numpy as np

    from rothroute.optimize.statecurve import SplitParts, StatePart, StateSpec, alternatives

    probes = {i: np.array([items[i][3] // d for d in PROBES], dtype=np.int64) for i in with_state}
    ids = np.repeat(np.array(with_state, dtype=np.int64), len(PROBES))
    _, _, own = run(ids, np.concatenate([probes[i] for i in with_state]))
    options = {i: alternatives(items[i][0]) for i in with_state}
    # every split of a year at its probes in one pass of the state's rules (``SplitParts``): the probes again for
    # each split, in blocks
    parts = {i: SplitParts([StatePart(items[i][0], StateSpec(year=states[i].year, split=split)) for split in splits])
             for i, splits in options.items() if splits}
    ids = np.concatenate([np.full(len(PROBES) * len(options[i]), i, dtype=np.int64) for i in with_state])
    xs = np.concatenate([np.tile(probes[i], len(options[i])) for i in with_state])
    _, _, other = run(ids, xs, parts)
    out = {}
    for k, i in enumerate(with_state):
        taxes = np.concatenate([own[k * len(PROBES):(k + 1) * len(PROBES)], other[ids == i]]).reshape(-1, len(PROBES))
        out[i] = bool((taxes.max(axis=0) - taxes.min(axis=0) <= RESOLUTION).all())
    return out


def tax_curve(h: Household, yp: YearParams, irmaa: Family | None, x_max: int) -> Curve:
    """The year's total federal tax for taxable retirement money 0 to ``x_max`` (cents)."""
    return tax_curves([(h, yp, irmaa, x_max)])[0]
