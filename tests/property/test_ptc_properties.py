"""The optimizer's Form 8962 on columns (``optimize.ptccurve``) is the engine's, line for line, at any
household income (Hypothesis): the same tax change (repayment less net credit) to the cent, every table
year, filing status, region, month pattern and advance payment; and every jump it can make lies on one of
``step_points``."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from rothroute.household.model import HealthCoverage
from rothroute.optimize.ptccurve import delta, spec_from, step_points
from rothroute.tax.premium_tax_credit import form_8962
from rothroute.vocab import FilingStatus

STATUSES = [FilingStatus.SINGLE, FilingStatus.MARRIED_JOINT, FilingStatus.HEAD_OF_HOUSEHOLD,
            FilingStatus.MARRIED_SEPARATE]


@st.composite
def cases(draw):
    year = draw(st.sampled_from([2024, 2025, 2026, 2029]))
    benchmark = draw(st.integers(200, 3000)) * 100
    first = draw(st.integers(1, 12))
    last = draw(st.integers(first, 12))
    monthly = ()
    if draw(st.booleans()):  # a plan year whose months differ (people reaching Medicare)
        monthly = tuple((m, benchmark // (1 + (m > first)), benchmark // (1 + (m > first)) - 1000, 0)
                        for m in range(first, last + 1))
    coverage = HealthCoverage(benchmark_premium=benchmark, premium=draw(st.integers(0, benchmark // 100)) * 100,
                              advance_payments=draw(st.sampled_from([0, 0, benchmark // 2, benchmark])),
                              first_month=first, last_month=last, monthly=monthly,
                              inflation=Fraction(1, 40) if year > 2026 else None)
    status = draw(st.sampled_from(STATUSES))
    size = draw(st.integers(1, 5))
    region = draw(st.sampled_from(["contiguous", "alaska", "hawaii"]))
    magis = draw(st.lists(st.integers(-2_000_000, 40_000_000), min_size=1, max_size=30))
    return year, status, coverage, size, region, magis


@settings(max_examples=200, deadline=None)
@given(cases())
def test_the_columns_are_form_8962(case) -> None:
    import numpy as np

    year, status, coverage, size, region, magis = case
    spec = spec_from(year=year, status=status, coverage=coverage, family_size=size, region=region)
    assert spec is not None
    got = delta(spec, np.array(magis, dtype=np.int64))
    for magi, value in zip(magis, got.tolist()):
        form = form_8962(year=year, status=status, magi=magi, coverage=coverage, family_size=size, region=region)
        assert value == form.repayment - form.net_credit, magi


@settings(max_examples=60, deadline=None)
@given(cases())
def test_every_jump_is_at_a_step_point(case) -> None:
    # between two neighbouring step points the credit moves by the dollar rounding of lines 8a-8b only
    import numpy as np

    year, status, coverage, size, region, _ = case
    spec = spec_from(year=year, status=status, coverage=coverage, family_size=size, region=region)
    points = step_points(spec, 60_000_000)
    xs = np.arange(0, 60_000_000, 997, dtype=np.int64)
    values = delta(spec, xs)
    jumps = np.flatnonzero(np.abs(np.diff(values)) > spec.noise + 997 * 2)  # beyond the rounding and the slope
    for k in jumps:
        assert any(xs[k] < p <= xs[k + 1] for p in points), (xs[k], xs[k + 1])


@settings(max_examples=150, deadline=None)
@given(cases())
def test_the_envelope_never_overstates_the_credit_and_keeps_within_its_gap(case) -> None:
    # the first program's credit (``ptccurve.envelope_contribution``): the tax it adds is never below the form's
    # (26 CFR §1.36B-3(g)(1): the figure at the whole percent, rounded, is never above the exact share's rise plus
    # half of 0.01%), and never more above it than income times one percent's rise of the figure and 0.01%, the
    # dollar roundings (a dollar a month row) and the curve's noise
    import dataclasses

    import numpy as np

    year, status, coverage, size, region, magis = case
    spec = spec_from(year=year, status=status, coverage=coverage, family_size=size, region=region)
    envelope = dataclasses.replace(spec, envelope=True)
    xs = np.array(magis + [m for m in range(0, 40_000_000, 9_973)], dtype=np.int64)
    exact, above = delta(spec, xs), delta(envelope, xs)
    assert (above >= exact).all(), xs[np.argmax(exact - above)]
    rise = max((float(b) - float(a)) / (hi - lo) for lo, hi, a, b in spec.tiers if hi is not None and hi > lo)
    rows = 12 if spec.whole_year else len(spec.rows)
    room = np.maximum(xs, 0) * (rise + 0.0001) * rows / 12 + 2 * spec.noise + 250 * rows
    assert (above - exact <= room).all(), xs[np.argmax(above - exact - room)]
