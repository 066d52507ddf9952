"""2026 amounts of Arkansas, California, DC, Idaho, Illinois, Iowa and Maine (helper group 3) that
rothroute computes under the state's indexing statute from a published index, where the state's own
2026 publication was not read: the statute's arithmetic first reproduces the amounts the state
published for earlier years (proving the reading), then gives the 2026 amount the state's file
carries. A change to either side fails here."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from rothroute.params.states import state_file

# BLS, CPI-U, U.S. city average, all items, 1982-84=100, annual averages: 1998 163.0, 2016 240.007,
# 2017 245.120, 2023 304.702, 2024 313.689, 2025 321.943 (2025: the eleven months collected, October
# 2025 was not; https://www.bls.gov/regions/southeast/data/xg-tables/ro4xg01.htm, 'Annual average 2025')
CPI_U_ANNUAL = {1998: Decimal("163.0"), 2016: Decimal("240.007"), 2017: Decimal("245.120"),
                2023: Decimal("304.702"), 2024: Decimal("313.689"), 2025: Decimal("321.943")}


def _whole(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _step(state: str, year: int, step: str) -> dict:
    f = state_file(state)
    assert f is not None
    return dict(f.years[year][step].data)


def _idaho(base: int, year: int) -> int:
    """Idaho Code §63-3024(3): the amount times the CPI-U of the preceding year over 1998's, to the whole dollar
    (dollars)."""
    return _whole(Decimal(base) * CPI_U_ANNUAL[year - 1] / CPI_U_ANNUAL[1998])


@pytest.mark.parametrize(("year", "base", "published"), [
    # Idaho State Tax Commission, Individual Income Tax Rate Schedule (https://tax.idaho.gov/i-1110.cfm): 2018
    # (index 1.504) single brackets from $1,504, $3,008, $4,511, $6,015, $7,519, $11,279 on the statute's $1,000 ...
    # $7,500; 2017 (index 1.472) $1,472, $2,945, $4,417, $5,890, $7,362, $11,043
    (2018, 1000, 1504), (2018, 2000, 3008), (2018, 3000, 4511), (2018, 4000, 6015), (2018, 5000, 7519),
    (2018, 7500, 11279), (2017, 1000, 1472), (2017, 2000, 2945), (2017, 3000, 4417), (2017, 4000, 5890),
    (2017, 7500, 11043),
])
def test_idaho_method_gives_the_commissions_published_brackets(year: int, base: int, published: int) -> None:
    assert _idaho(base, year) == published


def test_idaho_method_gives_the_2024_and_2025_thresholds_in_the_file() -> None:
    for year, single in ((2024, 4673), (2025, 4811)):
        brackets = _step("ID", year, "brackets")
        assert _idaho(2500, year) == single and brackets["single"][1][0] == 100 * single
        # the joint threshold is twice the single one as rounded (2018: married $9,022 = 2 x $4,511; 2024: $9,346,
        # where $5,000 x 304.702 / 163.0 = $9,346.69 would round to $9,347)
        assert brackets["married_joint"][1][0] == 2 * 100 * single


def test_idaho_2013_and_2014_used_the_factor_rounded_to_three_decimals_which_gives_2026_the_same() -> None:
    # the Commission's schedules (https://tax.idaho.gov/i-1110.cfm): 2014 index 1.429, single $4,287 and $5,716 on
    # $3,000 and $4,000 (the unrounded factor 232.957 / 163.0 would give $4,288 and $5,717); 2013 index 1.409, $2,818
    # on $2,000 (unrounded: $2,817); 2017 on, the unrounded factor (above). For 2026 both readings agree.
    for base, published in ((3000, 4287), (4000, 5716)):
        assert _whole(Decimal(base) * Decimal("1.429")) == published
    assert _whole(Decimal(2000) * Decimal("1.409")) == 2818
    factor = (CPI_U_ANNUAL[2025] / CPI_U_ANNUAL[1998]).quantize(Decimal("0.001"))
    assert factor == Decimal("1.975") and _whole(Decimal(2500) * factor) == _idaho(2500, 2026) == 4938


def test_idaho_2026_threshold_computed_under_the_statute() -> None:
    assert _idaho(2500, 2026) == 4938  # $4,937.78
    brackets = _step("ID", 2026, "brackets")
    assert brackets["single"][1][0] == brackets["married_separate"][1][0] == 493_800
    for status in ("married_joint", "head_of_household", "surviving_spouse"):
        assert brackets[status][1][0] == 987_600
    assert all(rows[1][1] == Fraction(53, 1000) for rows in brackets.values())
