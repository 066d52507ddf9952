"""2026 amounts put in force by helper state-2026c that a statute defines as a formula of published
numbers: each formula is first shown to give the state's published 2024 and 2025 figures (which proves
the reading), then the 2026 value the state's file carries. A change to either side fails here."""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import pytest

from rothroute.params.states import state_file

# BLS CPI-U, U.S. city average, all items, not seasonally adjusted (series CUUR0000SA0), annual averages
# (period M13): 2011, 2023 and 2024 as BLS publishes them (transcribed alike in many open-source CPI tables);
# 2025 as pinned in an open-source project's BLS API receipt ({2024: 313.689, 2025: 321.943})
CPI_U_ANNUAL = {2011: Decimal("224.939"), 2023: Decimal("304.702"), 2024: Decimal("313.689"),
                2025: Decimal("321.943")}


def _step(state: str, year: int, step: str) -> dict:
    f = state_file(state)
    assert f is not None
    return dict(f.years[year][step].data)


def _illinois_exemption(year: int, rounding: str) -> int:
    """35 ILCS 5/204(b): $2,050 plus the cost-of-living adjustment, $2,050 times the percentage by which the
    CPI-U of the calendar year before the taxable year exceeds that of 2011, to a multiple of $25 (dollars).
    Both readings of the rounding (to the nearest $25, or down) are tried: they agree for 2024 to 2026."""
    cola = Decimal(2050) * (CPI_U_ANNUAL[year - 1] / CPI_U_ANNUAL[2011] - 1)
    steps = (cola / 25).quantize(Decimal(1), rounding=ROUND_HALF_UP if rounding == "nearest" else ROUND_FLOOR)
    return 2050 + int(steps) * 25


@pytest.mark.parametrize("rounding", ["nearest", "down"])
def test_illinois_exemption_formula_gives_the_published_2024_and_2025_allowances(rounding: str) -> None:
    # IDOR Q&A 851: $2,775 for 2024, $2,850 for 2025
    assert _illinois_exemption(2024, rounding) == 2775 == _step("IL", 2024, "exemptions")["personal"] // 100
    assert _illinois_exemption(2025, rounding) == 2850 == _step("IL", 2025, "exemptions")["personal"] // 100


@pytest.mark.parametrize("rounding", ["nearest", "down"])
def test_illinois_2026_exemption_is_the_bulletins_and_the_formulas(rounding: str) -> None:
    # IDOR Informational Bulletin FY 2026-15: $2,925; the formula: $2,050 x 43.12% = $884.04, to $875
    assert _illinois_exemption(2026, rounding) == 2925 == _step("IL", 2026, "exemptions")["personal"] // 100


def _maryland_indexed(amount: int, cpi_year: Decimal, cpi_base: Decimal) -> int:
    """Tax-Gen. §10-217(c): the amount increased by the IRC §1(f)(3) cost-of-living adjustment (the chained
    CPI-U averaged over the 12 months to August of the year before, over the base year's), the increase
    rounded down to a multiple of $50 (dollars)."""
    increase = Decimal(amount) * (cpi_year / cpi_base - 1)
    return amount + int((increase / 50).to_integral_value(rounding=ROUND_FLOOR)) * 50


def test_maryland_2026_standard_deduction_by_the_statute() -> None:
    # BLS chained CPI-U (SUUR0000SA0) averaged September 2024 to August 2025, 177.2058, and September 2023 to
    # August 2024 (the 2024 base year), 173.0158: +2.4217%
    after, base = Decimal("177.2058"), Decimal("173.0158")
    single, joint = _maryland_indexed(3350, after, base), _maryland_indexed(6700, after, base)
    assert (single, joint) == (3400, 6850)  # $3,400 is also the Comptroller's 2026 withholding figure
    deduction = _step("MD", 2026, "standard_deduction")
    assert deduction["single"] == single * 100 and deduction["married_joint"] == joint * 100


def test_maine_2026_surcharge_thresholds_are_the_statutes() -> None:
    # 36 M.R.S. §5111(7): $1,000,000 single, $1,500,000 head of household and joint, and for a married person
    # filing separately half the joint amount (paragraph A)
    over = _step("ME", 2026, "income_surcharge")["over"]
    assert over["single"] == 100_000_000
    assert over["married_joint"] == over["head_of_household"] == over["surviving_spouse"] == 150_000_000
    assert over["married_separate"] * 2 == over["married_joint"]


def test_maine_2026_standard_deduction_is_the_statutes_multiples() -> None:
    # 36 M.R.S. §5124-C(1-C): $15,700 single and separate, 1.5 times it head of household, twice it joint
    deduction = _step("ME", 2026, "standard_deduction")
    base = deduction["single"]
    assert base == deduction["married_separate"] == 1_570_000
    assert deduction["head_of_household"] * 2 == base * 3
    assert deduction["married_joint"] == deduction["surviving_spouse"] == base * 2


def test_district_2026_standard_deduction_carries_no_adjustment() -> None:
    # D.C. Code §47-1801.04(3A)(B): the base year is 2025 (or the year before the amount takes effect, if
    # later), so the 2026 amount is the statute's $15,000, $22,500 and $30,000 unadjusted
    assert _step("DC", 2026, "standard_deduction") == {**_step("DC", 2025, "standard_deduction")}
