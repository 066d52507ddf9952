"""2026 amounts of Kansas to Montana (helper group 2) that rothroute computes under the state's
indexing statute from a published index, where the state's own publication of the figure was not
read: the arithmetic of each, against the value the state's file carries (the file's source says
``computed under <statute> from <index>``). A change to either side fails here."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from rothroute.params.states import state_file

# BLS, CPI news release of January 13, 2026 (https://www.bls.gov/news.release/archives/cpi_01132026.htm):
# the CPI-U all items index rose 2.7 percent over the 12 months ending December 2025, before seasonal
# adjustment; La. R.S. 47:294(B) and 47:44.1(A) apply 'the percentage increase in the CPI-U, as
# reported by the BLS, for the previous calendar year'
LA_CPI_U_2025 = Decimal("1.027")


def _indexed(cents: int, factor: Decimal) -> int:
    """A file's amount (cents) times the factor, to the whole dollar (half up), in dollars."""
    return int((Decimal(cents) / 100 * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _step(state: str, year: int, step: str) -> dict:
    f = state_file(state)
    assert f is not None
    return dict(f.years[year][step].data)


def test_louisiana_2026_standard_deduction_is_the_2025_amount_times_the_cpi_u_increase() -> None:
    before, after = _step("LA", 2025, "standard_deduction"), _step("LA", 2026, "standard_deduction")
    single = _indexed(before["single"], LA_CPI_U_2025)  # 12,500 x 1.027 = 12,837.50
    assert single == 12_838
    assert after["single"] == after["married_separate"] == single * 100
    # R.S. 47:294(A)(2): joint, surviving spouse and head of household 200% of the single amount
    for status in ("married_joint", "head_of_household", "surviving_spouse"):
        assert after[status] == 2 * single * 100 == 2_567_600


def test_louisiana_2026_retirement_income_exemption_is_indexed_the_same_way() -> None:
    (age, cap), = _step("LA", 2025, "retirement_exclusion")["tiers"]
    (age26, cap26), = _step("LA", 2026, "retirement_exclusion")["tiers"]
    assert age == age26 == 65
    assert _indexed(cap, LA_CPI_U_2025) * 100 == cap26 == 1_232_400


# BLS CPI-U, U.S. city average, all items, not seasonally adjusted (https://www.bls.gov/news.release/cpi.t01.htm):
# June 2023, June 2024, June 2025
CPI_U_JUNE = {2023: Decimal("305.109"), 2024: Decimal("314.175"), 2025: Decimal("322.561")}


def _montana_senior(year: int) -> int:
    """Mont. Code Ann. §15-30-2120(3)(g), (7) and §15-30-2101: $5,500 times the CPI-U of June of the preceding
    year over June 2023's, rounded to the nearest $10 (dollars)."""
    amount = Decimal(5500) * CPI_U_JUNE[year - 1] / CPI_U_JUNE[2023]
    return int((amount / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 10


def test_montana_senior_subtraction_method_gives_the_published_2025_amount() -> None:
    # the Department of Revenue's 2025 amount, $5,660 ($5,663.41 to $10), proves the method
    assert _montana_senior(2025) == 5_660 == _step("MT", 2025, "senior_subtraction")["amount"] // 100


def test_montana_2026_senior_subtraction_computed_under_the_statute() -> None:
    assert _montana_senior(2026) == 5_810  # $5,814.57
    assert _step("MT", 2026, "senior_subtraction")["amount"] == 581_000


def test_massachusetts_2026_surtax_threshold_is_minnesotas_indexing_of_the_same_million() -> None:
    # M.G.L. c.62 §4(d) and Minn. Stat. §290.0123 subd. 5(b) index the same $1,000,000 by the IRC §1(f)
    # adjustment: the two departments' figures agree for 2024 and 2025, and Minnesota publishes $1,107,750 for
    # 2026 (Tax Year 2026 Inflation-Adjusted Amounts), which ma.yaml takes
    for year in (2024, 2025):
        assert _step("MA", year, "surtax")["over"] == _step("MN", year, "deduction_reduction")["cap_over"]
    assert _step("MA", 2026, "surtax")["over"] == 110_775_000


@pytest.mark.parametrize("state", ["KY", "LA", "MO", "MT", "MA"])
def test_2026_is_in_force(state: str) -> None:
    f = state_file(state)
    assert f is not None and 2026 in f.years and 2026 not in f.not_in_force and not f.years[2026].refused
