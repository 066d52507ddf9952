"""One year's tax on ordinary income and on qualified dividends and long-term gains together, in
two dimensions, for the plan whose cash account is a taxable account (``taxable_account``).

The engine's tax in a year whose other income is fixed depends on two amounts: ``S``, all the
income the plan adds (retirement money taken out, the taxable account's interest, dividends and
realized gains), and ``P``, the part of the year's income taxed at the 0/15/20% rates (qualified
dividends and net capital gain, IRC §1(h)). The taxable part of Social Security (IRC §86), the
deductions with the senior deduction's phase-out (§151(d)(5)), taxable income (Form 1040 line
15), AGI and the IRMAA tiers depend on ``S`` alone. So the tax is written as

    tax(S, P) = base(S) − max(0, h(τ(S)) − h(max(0, τ(S) − P))) + NIIT

where ``base(S)`` is the engine's total tax (federal and state) with every dollar taxed as ordinary
income and no net investment income tax, ``τ(S)`` the engine's taxable income, and ``h = R − c``
with ``R`` the ordinary rate schedule and ``c`` the 0/15/20% schedule by where a dollar stacks:
the Qualified Dividends and Capital Gain Tax Worksheet's line 23 is ``R(o) + c(τ) − c(o)`` for
ordinary taxable income ``o = max(0, τ − P)`` (line 5), and its line 25 the smaller of that and
``R(τ)`` (line 24), whose difference from ``base`` is the max() above. NIIT is 3.8% of the smaller
of net investment income and MAGI over the threshold (IRC §1411(a)(1); Form 8960 line 17).

``base``, ``τ`` and AGI are read off the engine along ``S`` as the one-dimensional curves are
(``taxcurve``, kinks to within a dollar, with the points where ``τ`` crosses the 0% and 15% rates'
ends added), so each is exact between the curve's points; ``h`` is piecewise linear with its kinks
at the brackets' ends. In the model (``model``) the year's point on the ``S`` curve is a convex
combination within a block chosen by a binary (as the one-dimensional tax), ``o = max(0, τ − P)``
takes one binary, ``h(o)`` one per convex stretch of ``h``, the max() one where ``h`` falls
somewhere (the 12% bracket's top above the 0% rate's end), and NIIT's smaller-of one where MAGI
can pass the threshold. Rows with no binary make the relaxation tight (bench/README.md, "Early
retirees against Owl"): the discount ``h(τ) − h(o)`` is at most ``G(τ) − G(o)``, ``G`` the
integral of the steepest slope ``h`` has below each point (convex: a row for each of its pieces),
and the max() is at most ``drop · o / fall`` and nothing while ``τ`` is below the fall. ``at``
evaluates the same formula, which the tests hold against the engine.

Not in the two dimensions: AMT (taken from the all-ordinary base; the re-pricing shows any
difference), and a state's own treatment of gains and dividends: the state's part of ``base``
takes the added income as the curve's retirement money does (exact where the state taxes both
alike as ordinary income, as most do)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from rothroute.household.model import Household
from rothroute.optimize.taxcurve import Curve, _evaluator, tax_curves
from rothroute.params import Family, YearParams
from rothroute.tax.picked import picked

if TYPE_CHECKING:
    from rothroute.optimize.statecurve import StateSpec


@dataclass(frozen=True, slots=True)
class GainsCurve:
    """``curve``: the all-ordinary base (cents by S, cents), with ``taxable`` (line 15) and ``agi``
    (line 11) at each of its points; ``h_xs``/``h``: ``h`` at its kinks (cents); the file's own
    preferential income (worksheet line 4) and net investment income (Form 8960 line 8), the NIIT
    threshold and rate."""

    curve: Curve
    taxable: tuple[int, ...]
    agi: tuple[int, ...]
    h_xs: tuple[int, ...]
    h: tuple[float, ...]
    preferential: int
    investment: int
    niit_threshold: int
    niit_rate: Fraction

    def _on(self, values: tuple[int, ...], s: float) -> float:
        xs = self.curve.xs
        k = min(max(bisect.bisect_right(xs, s) - 1, 0), len(xs) - 2)
        return values[k] + (values[k + 1] - values[k]) * (s - xs[k]) / (xs[k + 1] - xs[k])

    def h_at(self, y: float) -> float:
        xs = self.h_xs
        k = min(max(bisect.bisect_right(xs, y) - 1, 0), len(xs) - 2)
        return self.h[k] + (self.h[k + 1] - self.h[k]) * (y - xs[k]) / (xs[k + 1] - xs[k])

    def at(self, s: float, p: float, nii: float) -> float:
        """The total tax (cents) at ``s`` cents of added income of which ``p`` is preferential (the
        file's own aside) and ``nii`` net investment income (the file's own aside)."""
        tau = self._on(self.taxable, s)
        pref = self.preferential + p
        discount = max(0.0, self.h_at(tau) - self.h_at(max(0.0, tau - pref)))
        agi = self._on(self.agi, s)
        niit = float(self.niit_rate) * max(0.0, min(self.investment + nii, agi - self.niit_threshold))
        return self.curve.at(s) - discount + niit


def h_points(yp: YearParams, status: str, top: int) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """``h = R − c`` at its kinks up to ``top`` (cents of taxable income): ``R`` the ordinary rate
    schedule (IRC §1(j)), ``c`` 0% to the 0% rate's end, 15% to the 15% rate's, 20% above (§1(h)(1))."""
    brackets = list(yp.ordinary_brackets[status])
    zero, fifteen = yp.capital_gains_thresholds[status][0], yp.capital_gains_thresholds[status][1]
    _, r15, r20 = yp.capital_gains_thresholds["rates"]
    xs = sorted({0, *(int(over) for over, _ in brackets if 0 < over < top), *(v for v in (zero, fifteen) if v < top),
                 max(top, 1)})

    def r(y: int) -> float:
        out = 0.0
        for k, (over, rate) in enumerate(brackets):
            nxt = brackets[k + 1][0] if k + 1 < len(brackets) else None
            if y > over:
                out += float(rate) * ((min(y, nxt) if nxt is not None else y) - over)
        return out

    def c(y: int) -> float:
        return float(r15) * max(0, min(y, fifteen) - zero) + float(r20) * max(0, y - fifteen)

    return tuple(xs), tuple(r(x) - c(x) for x in xs)


def gains_curves(items: list[tuple[Household, YearParams, Family | None, int]],
                 states: list[StateSpec | None] | None = None, envelope: bool = False) -> list[GainsCurve]:
    """Each year's two-dimensional tax (``items`` as ``taxcurve.tax_curves``: the household with
    the plan's own income left out, its parameters, the IRMAA table two years on, the largest S).
    ``envelope``: the premium tax credit on its envelope (``ptccurve.envelope_contribution``)."""
    import numpy as np

    hy = [(h, yp, irmaa) for h, yp, irmaa, _ in items]
    run = _evaluator(hy, states, ordinary=True, envelope=envelope)
    own = _evaluator(hy, None)  # the file's own preferential and investment income, at S = 0
    zero = np.zeros(len(items), dtype=np.int64)
    _, _, _, fixed = own(np.arange(len(items)), zero, keys=("qdcg.4", "f8960.8"))
    ends = np.array([[yp.capital_gains_thresholds[str(h.filing_status)][0],
                      yp.capital_gains_thresholds[str(h.filing_status)][1]] for h, yp, _, _ in items], dtype=np.int64)

    def followed(ids: Any, xs: Any, parts: Any = None) -> tuple[Any, Any, Any]:
        # the base plus a function of taxable income that bends where it crosses the 0% and 15% rates' ends,
        # so the curve's points include those crossings
        tax, tier, st, ex = run(ids, xs, parts, keys=("f1040.15",))
        tau = ex["f1040.15"]
        lo, hi = ends[ids, 0], ends[ids, 1]
        if np.ndim(xs) == 2:  # a line of x for each curve in ``ids`` (``taxcurve``)
            lo, hi = lo[:, None], hi[:, None]
        bend = 15 * np.clip(tau - lo, 0, np.maximum(hi - lo, 0)) // 100 + 20 * np.maximum(tau - hi, 0) // 100
        return tax + bend, tier, st

    followed.credits = run.credits  # type: ignore[attr-defined]  # the premium tax credit's years (``ptccurve``)
    shapes = tax_curves(items, states, run=followed)
    # every year's points in one evaluation (years whose rates agree share a pass), then each year's rows
    points = [np.array(shape.xs, dtype=np.int64) for shape in shapes]
    ids = np.concatenate([np.full(len(xs), i, dtype=np.int64) for i, xs in enumerate(points)])
    all_tax, _, _, all_ex = run(ids, np.concatenate(points), keys=("f1040.15", "f1040.11"))
    cuts = np.cumsum([len(xs) for xs in points])[:-1]
    taxes, incomes, agis = (np.split(v, cuts) for v in (all_tax, all_ex["f1040.15"], all_ex["f1040.11"]))
    out = []
    for i, ((h, yp, irmaa, _), shape) in enumerate(zip(items, shapes)):
        xs = points[i]
        ex = {"f1040.15": incomes[i], "f1040.11": agis[i]}
        tax = taxes[i] - np.array([shape.stepped(int(x)) for x in xs], dtype=np.int64)  # the credit's jumps apart
        p = picked(yp, h.filing_status, h.lived_apart_all_year, irmaa)
        taxable = tuple(int(v) for v in ex["f1040.15"])
        h_xs, h_vals = h_points(yp, str(h.filing_status), int(max(taxable)) + 100)
        curve = Curve(xs=shape.xs, tax=tuple(int(v) for v in tax), tiers=shape.tiers, base_tier=shape.base_tier,
                      state=shape.state, split_free=shape.split_free, steps=shape.steps, percent=shape.percent,
                      state_steps=shape.state_steps)
        out.append(GainsCurve(curve=curve, taxable=taxable, agi=tuple(int(v) for v in ex["f1040.11"]),
                              h_xs=h_xs, h=h_vals, preferential=int(fixed["qdcg.4"][i]),
                              investment=int(fixed["f8960.8"][i]), niit_threshold=int(p["niit_threshold"]),
                              niit_rate=p["niit_rate"]))
    return out
