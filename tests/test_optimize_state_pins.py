"""A year's curve passes exactly through the amounts of ``x`` its state spec pins (``StateSpec.pins``): the plan
prices a year again with its own ``x`` pinned where the model's state part, on the plan's own split, is still off
the engine's state tax by more than the state's tolerance (``plan.plan_from``; issue #15 item 6: the model's tax
within $1 of the engine's every year). The curve follows the tax within its noise, a dollar where a state's forms
round to the dollar; between two of its points that noise and the form's own rounding made $1.15-$1.21
(Oklahoma, seeds 253 and 356 of bench/optimize_random.py)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np

from rothroute import load_text
from rothroute.optimize.statecurve import StateSpec, first_split
from rothroute.optimize.taxcurve import _evaluator, _simplify, tax_curves
from rothroute.params.projection import year_params
from rothroute.params.state_projection import state_year

from tests.test_optimize_state import COUPLE


def test_simplify_keeps_every_pinned_place_and_still_merges_the_rest() -> None:
    xs = np.arange(0, 10_001, 100, dtype=np.int64)
    tax = xs * 2  # a straight line: two points are enough
    assert _simplify(xs, tax, 2) == [0, len(xs) - 1]
    assert _simplify(xs, tax, 2, [37]) == [0, 37, len(xs) - 1]
    assert _simplify(xs, tax, 2, [0, len(xs) - 1]) == [0, len(xs) - 1]  # the ends are kept anyway


def test_a_pinned_x_is_a_point_of_the_curve_and_the_curve_there_is_the_tax() -> None:
    h = load_text(COUPLE.format(residence="state: OK"))
    yp, _ = year_params(2026, Fraction(0))
    irmaa, _ = year_params(2028, Fraction(0))
    item = (h, yp, irmaa.irmaa, 300_000_000)
    year, _ = state_year("OK", 2026, Fraction(0))
    spec = StateSpec(year=year, split=first_split(h))
    pin = 4_315_179  # $43,151.79, an amount no grid or refinement samples
    plain, = tax_curves([item], [spec])
    pinned, = tax_curves([item], [dataclasses.replace(spec, pins=(pin,))])
    assert pin not in plain.xs and pin in pinned.xs
    tax, _, state = _evaluator([item[:3]], [spec])(np.array([0]), np.array([pin]))
    assert pinned.at(pin) == int(tax[0]) and pinned.state_at(pin) == int(state[0])
    # everywhere else the pinned curve is the plain one within the curve's noise (a dollar with a state)
    for x in range(0, 300_000_000, 1_234_567):
        assert abs(pinned.at(x) - plain.at(x)) <= 200
