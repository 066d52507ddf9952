"""The premium tax credit (IRC §36B, Form 8962) of a plan year as a function of the money taken
out, on NumPy columns, for the optimizer's tax curve (``taxcurve``).

Household income (Form 8962 line 3) is AGI plus tax-exempt interest plus the Social Security not
taxed (§36B(d)(2)(B)): each dollar of ``x`` (conversions, withdrawals) adds exactly one dollar to
it, however much of the Social Security it makes taxable. So the credit is a function of
``magi0 + x``, figured here line by line as ``tax.premium_tax_credit.form_8962`` figures it (the
same whole percent of the poverty line, the applicable figure rounded to 0.01%, the contribution
rounded to the dollar, the month rows), and the total tax moves by the repayment less the net
credit (Form 1040 lines 17 and 31).

Where the credit jumps, the curve cannot be a straight line: at each whole percent of the poverty
line where the applicable figure rises (line 5 drops the decimals, so the contribution steps by
household income times a step of the figure, a few to some tens of dollars in the rising tiers of
the table), at 100% (below it no credit without advance payments), at the income limit (400% of
the poverty line from 2026, IRC §36B(c)(1)(A): the whole credit goes at one dollar more) and where
a repayment limit steps (Table 5). ``steps`` finds these points analytically and measures each
jump with the engine's own formulas; the curve keeps the rest, a continuous function, and the
model charges each jump as it charges an IRMAA tier (``yeartax.pieces``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from rothroute.household.model import HealthCoverage, Household
from rothroute.params import YearParams
from rothroute.tax import premium_tax_credit as ptc
from rothroute.vocab import FilingStatus

PERCENT_TOP = 1000  # whole percents of the poverty line with their own applicable figure (beyond: the last tier's)


@dataclass(frozen=True, slots=True, kw_only=True)
class PtcYear:
    """A year's Form 8962 on columns: everything but household income fixed (cents)."""

    fpl: int  # line 4
    limit: int | None  # the income limit, percent (None: none)
    figures: tuple[int, ...]  # line 7 in ten-thousandths by whole percent 0 .. PERCENT_TOP
    rows: tuple[tuple[int, int, int], ...]  # each month covered: (premium, benchmark, advance payments)
    whole_year: bool  # line 11: twelve months with the same amounts
    mfs: bool  # married filing separately: not an applicable taxpayer
    repayment: tuple[tuple[int, int], ...] | None  # Table 5: (below percent, limit) for the filing status
    magi0: int  # household income at x = 0
    tiers: tuple[tuple[int, int | None, Fraction, Fraction], ...] = ()  # the table's tiers (percent from, to, figures)
    envelope: bool = False  # line 8a by ``envelope_contribution``: never below the form's, no whole-percent steps

    @property
    def advance(self) -> int:
        return sum(f for _, _, f in self.rows)

    @property
    def noise(self) -> int:
        """Cents the credit steps by between the jumps (line 8a, 8b rounded to the dollar: a dollar a
        row), which the curve's straight stretches may leave out."""
        return (100 if self.whole_year else 100 * len(self.rows)) + 2  # and the cents of rounding


def spec_of(h: Household, yp: YearParams) -> PtcYear | None:
    """The year's Form 8962 on columns, or None without coverage (or without a table in force)."""
    from rothroute.tax.federal import federal_tax, inputs_from_household

    if h.health_coverage is None:
        return None
    inputs = inputs_from_household(dataclasses.replace(h, tax_computation="rate_schedule", moves=()))
    values = federal_tax(dataclasses.replace(inputs, coverage=None), params=yp).values
    magi0 = int(values["f1040.11"]) + inputs.exempt_interest + inputs.social_security - int(values["f1040.6b"])
    return spec_from(year=h.tax_year, status=h.filing_status, coverage=h.health_coverage,
                     family_size=inputs.family_size, region=inputs.poverty_region, magi0=magi0)


def spec_from(*, year: int, status: FilingStatus, coverage: HealthCoverage, family_size: int, region: str,
              magi0: int = 0) -> PtcYear | None:
    """Form 8962 on columns from what ``form_8962`` takes (None: no table for ``year``)."""
    found = ptc.table(year, coverage.inflation)
    if found is None:
        return None
    guidelines, percentages, repayment = found
    fpl = ptc.poverty_line(family_size, region, guidelines)
    figures = _figures(year, coverage.inflation)
    limits = None if repayment["limits"] is None else tuple(
        (below, single if status is FilingStatus.SINGLE else other) for below, single, other in repayment["limits"])
    rows = ptc.month_rows(coverage)
    return PtcYear(fpl=fpl, limit=percentages["income_limit"], figures=figures,
                   tiers=tuple((lo, hi, Fraction(a), Fraction(b)) for lo, hi, a, b in percentages["tiers"]),
                   rows=tuple(rows[m] for m in sorted(rows)),
                   whole_year=len(rows) == 12 and len(set(rows.values())) == 1,
                   mfs=status is FilingStatus.MARRIED_SEPARATE, repayment=limits, magi0=magi0)


@lru_cache(maxsize=64)
def _figures(year: int, inflation: Fraction | None) -> tuple[int, ...]:
    """Line 7 of each whole percent 0 .. PERCENT_TOP (ten-thousandths), by the year's table."""
    found = ptc.table(year, inflation)
    assert found is not None
    tiers = found[1]["tiers"]
    return tuple(_ten_thousandths(ptc.applicable_figure(p, tiers)) for p in range(PERCENT_TOP + 1))


def _ten_thousandths(figure: Any) -> int:
    scaled = figure * 10000
    assert scaled.denominator == 1
    return int(scaled.numerator)


def delta(spec: PtcYear, magi: Any) -> Any:
    """What Form 8962 adds to the total tax at household income ``magi`` (a column, cents): the
    repayment of excess advance payments less the net premium tax credit."""
    return form_8962(spec, magi)[1]


def form_8962(spec: PtcYear, magi: Any) -> tuple[Any, Any]:
    """At household income ``magi`` (a column, cents): the premium tax credit allowed (Form 8962 line 24,
    which Oregon's return reads) and what the form adds to the total tax (``delta``)."""
    import numpy as np

    magi = np.asarray(magi, dtype=np.int64)
    percent = (magi * 100) // spec.fpl
    if spec.envelope:
        yearly = envelope_contribution(spec, magi, percent)
    else:
        figure = np.asarray(spec.figures, dtype=np.int64)[np.clip(percent, 0, PERCENT_TOP)]
        num = magi * figure  # cents x ten-thousandths: dollars x 10^6
        yearly = np.where(num > 0, (2 * num + 1_000_000) // 2_000_000, 0) * 100  # line 8a, whole dollars
    if spec.whole_year:
        premium, benchmark, _ = spec.rows[0]
        credit = np.minimum(12 * premium, np.maximum(12 * benchmark - yearly, 0))
    else:
        # line 8b, whole dollars (the envelope's: a twelfth of its line 8a, rounded up, and the half dollar
        # line 8b's rounding can add, and a row's share of the curve's noise: never below the form's)
        monthly = -(-yearly // 12) + 50 + -(-spec.noise // len(spec.rows)) if spec.envelope else \
            ((2 * yearly + 1200) // 2400) * 100
        credit = np.zeros(magi.shape, dtype=np.int64)
        for premium, benchmark, _ in spec.rows:
            credit = credit + np.minimum(premium, np.maximum(benchmark - monthly, 0))
    advance = spec.advance
    eligible = np.ones(magi.shape, dtype=bool) if not spec.mfs else np.zeros(magi.shape, dtype=bool)
    if spec.limit is not None:
        eligible &= magi * 100 <= spec.fpl * spec.limit
    if not advance:
        eligible &= magi >= spec.fpl
    credit = np.where(eligible, credit, 0)
    net = np.maximum(credit - advance, 0)
    excess = np.maximum(advance - credit, 0)
    if spec.repayment is not None and advance:
        cap = np.full(magi.shape, -1, dtype=np.int64)
        for below, limit in reversed(spec.repayment):
            cap = np.where(percent < below, limit, cap)
        excess = np.where(cap >= 0, np.minimum(excess, cap), excess)
    return credit, excess - net


def envelope_contribution(spec: PtcYear, magi: Any, percent: Any) -> Any:
    """Line 8a (cents) on a continuous envelope, never below the form's: the applicable figure not at the whole
    percent of line 5 but at household income's exact share of the poverty line, on the table's linear rise within
    the tier of that whole percent (26 CFR §1.36B-3(g)(1) without its rounding), plus the most the rounding of the
    figure to 0.01% (half of it) and of line 8a to the dollar (a half dollar) can add, plus the curve's noise
    (``noise``: its straight stretches may pass that much below the function). The figure rises with income within
    a tier, so the exact share's is never below the whole percent's: the envelope is at least line 8a everywhere,
    continuous within a tier and convex where the figure rises linearly (household income times a rising line),
    so the form's jumps at each whole percent (a few to some tens of dollars) are gone; a jump between tiers (2026:
    2.10% to 3.14% at 133%) stays. Above the form by at most income times one percent's rise of the figure, plus
    0.01% of income, plus a dollar and the noise (``gap``)."""
    import numpy as np

    magi = np.asarray(magi, dtype=np.int64)
    share = magi.astype(np.float64) * 100.0 / spec.fpl  # percent of the poverty line, with its decimals
    figure = np.zeros(magi.shape, dtype=np.float64)
    placed = np.zeros(magi.shape, dtype=bool)
    for lo, hi, initial, final in spec.tiers:
        mine = ~placed & (percent >= lo) & ((percent < hi) if hi is not None else True)
        if hi is None or hi == lo:
            figure = np.where(mine, float(final), figure)
        else:
            rise = (float(final) - float(initial)) / (hi - lo)
            figure = np.where(mine, float(initial) + rise * (np.minimum(share, hi) - lo), figure)
        placed |= mine
    figure = np.where(placed, figure, float(spec.tiers[-1][3]))  # beyond the table: the last tier's final figure
    return np.where(magi > 0, np.ceil(magi * (figure + 0.00005) + 50.0).astype(np.int64) + spec.noise, 0)


def step_points(spec: PtcYear, x_max: int) -> list[int]:
    """Every ``x`` (cents, in ``(0, x_max]``) where Form 8962 can jump: the first dollar of each whole
    percent of the poverty line up to the income limit (the applicable figure, 100%, Table 5), and the
    first cent above the limit."""
    top = min(PERCENT_TOP, spec.limit if spec.limit is not None else PERCENT_TOP)
    points = set()
    for k in range(top + 1):
        if k and spec.figures[k] == spec.figures[k - 1] and k != 100 and not _repayment_step(spec, k):
            continue
        points.add(-(-spec.fpl * k // 100))  # the least income whose line 5 is k
    if spec.limit is not None:
        points.add(spec.fpl * spec.limit // 100 + 1)  # the first cent above the limit
    return sorted(x for x in (m - spec.magi0 for m in points) if 0 < x <= x_max)


def _repayment_step(spec: PtcYear, k: int) -> bool:
    return spec.repayment is not None and spec.advance > 0 and any(below == k for below, _ in spec.repayment)
