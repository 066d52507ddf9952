"""The tax curve's two shortcuts give what the plain computations give: the simplification's tests of fit
decided from one pass (``taxcurve._fits_from``) keep ``_fits``'s points, and the formulas on a table of x, a
line for each curve (``taxcurve._lines``), give the values row by row."""

from __future__ import annotations

import dataclasses
import pathlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rothroute import load_path
from rothroute.optimize.taxcurve import _evaluator, _fits, _simplify
from rothroute.params import for_year
from rothroute.tax.picked import irmaa_table

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def _simplify_by_fits(xs: np.ndarray, tax: np.ndarray, noise: int) -> list[int]:
    """The greedy of ``_simplify`` with every test of fit made by ``_fits`` (its definition)."""
    keep, start, n = [0], 0, len(xs)
    while start < n - 1:
        end, step = start + 1, 1
        while end + step < n and _fits(xs, tax, start, end + step, noise):
            end += step
            step *= 2
        while step > 1:
            step //= 2
            if end + step < n and _fits(xs, tax, start, end + step, noise):
                end += step
        keep.append(end)
        start = end
    out = [keep[0]]
    for k in keep[1:]:
        if xs[k] - xs[out[-1]] < 200 and len(out) > 1 and k != keep[-1]:
            continue
        out.append(k)
    return out


@st.composite
def curves(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, int]:
    """A piecewise-linear tax in cents at sorted distinct x, with kinks, rounding and points exactly at the
    noise (the ties the one-pass test leaves to ``_fits``)."""
    scale = 10 ** draw(st.integers(3, 10))
    xs = np.unique(np.array(draw(st.lists(st.integers(0, scale), min_size=2, max_size=300)), dtype=np.int64))
    slope = draw(st.floats(0, 0.6))
    f = slope * xs.astype(np.float64)
    for kink in draw(st.lists(st.integers(0, scale), max_size=6)):
        f += draw(st.floats(-0.4, 0.4)) * np.maximum(xs - kink, 0)
    noise = draw(st.sampled_from([2, 100, 500]))
    jitter = np.array(draw(st.lists(st.integers(-noise, noise), min_size=len(xs), max_size=len(xs))), dtype=np.int64)
    how = draw(st.sampled_from(["floor", "jitter", "hundreds"]))
    tax = (np.floor(f).astype(np.int64) if how == "floor" else np.floor(f).astype(np.int64) + jitter
           if how == "jitter" else np.round(f / 100).astype(np.int64) * 100)
    return xs, tax, noise


@settings(max_examples=300, deadline=None)
@given(curves())
def test_simplify_keeps_the_points_fits_keeps(case: tuple[np.ndarray, np.ndarray, int]) -> None:
    xs, tax, noise = case
    assert _simplify(xs, tax, noise) == _simplify_by_fits(xs, tax, noise)


def test_the_formulas_on_lines_are_the_formulas_row_by_row() -> None:
    # the seed household under the law of 2025 and of 2026 (two curves, each year's amounts its own column), x from
    # $0 to $2 million
    h = dataclasses.replace(load_path(EXAMPLES / "seed.yaml"), tax_computation="rate_schedule")
    run = _evaluator([(h, for_year(year), irmaa_table(year)[0]) for year in (2025, 2026)])
    table = np.random.default_rng(3).integers(0, 200_000_000, size=(2, 257))
    curve = np.array([0, 1])
    by_line = run(curve, table)
    by_row = run(np.repeat(curve, table.shape[1]), table.ravel())
    for lines, rows in zip(by_line, by_row):
        assert lines.shape == table.shape
        assert (lines.ravel() == rows).all()
