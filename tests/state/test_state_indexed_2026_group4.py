"""2026 amounts of Maryland to Washington (helper state-2026b) that rothroute computes under the state's
statute where the state's own 2026 publication of the figure was not read: each computation is first
shown to give the published 2024 and 2025 figures (which proves the reading), then the 2026 value
the state's file carries. A change to either side fails here."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from rothroute.params.loader import default_set
from rothroute.params.states import state_file


def _step(state: str, year: int, step: str) -> dict:
    f = state_file(state)
    assert f is not None
    return dict(f.years[year][step].data)


def _first_bracket(state: str, year: int, status: str) -> int:
    """The top of the first (0%) bracket of the year's schedule (cents)."""
    return _step(state, year, "brackets")[status][1][0]


def _nd_maximum(single_top: int, joint_top: int) -> int:
    """The North Dakota marriage penalty credit's maximum as the Commissioner sets it (N.D.C.C.
    §57-38-01.28(1)): 1.95% of the first-bracket penalty, twice the single 0% bracket less the joint one,
    to the nearest dollar (dollars; the tops in dollars)."""
    return int((Decimal("0.0195") * (2 * single_top - joint_top)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_north_dakota_maximum_method_gives_the_published_2023_to_2025_maxima() -> None:
    # 2023: the 2023 Form ND-1 schedules (single 0% to $44,725, joint to $74,750) and the worksheet's $287, as
    # recorded in PolicyEngine-US issue 4189 (Add 2023 North Dakota Tax Rules) from the 2023 booklet
    assert _nd_maximum(44_725, 74_750) == 287
    for year, published in ((2024, 303), (2025, 312)):  # the 2024 and 2025 worksheets ($302.74 and $311.51)
        single, joint = (_first_bracket("ND", year, s) // 100 for s in ("single", "married_joint"))
        assert _nd_maximum(single, joint) == published == _step("ND", year, "marriage_credit")["max"] // 100


def test_north_dakota_2026_maximum_computed_from_the_2026_schedules() -> None:
    single, joint = (_first_bracket("ND", 2026, s) // 100 for s in ("single", "married_joint"))
    assert (single, joint) == (49_575, 82_800)  # the 2026 Form ND-1ES
    assert _nd_maximum(single, joint) == 319  # $318.83
    assert _step("ND", 2026, "marriage_credit")["max"] == 31_900


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_north_dakota_base_is_half_the_federal_joint_basic_standard_deduction(year: int) -> None:
    # N.D.C.C. §57-38-01.28(4)(b): one federal exemption ($0 from 2018, IRC §151(d)(5)) and half the amount of
    # IRC §63(c)(2)(A); the 2024 and 2025 worksheets' $14,600 and $15,750 are this
    federal = default_set().family("standard_deduction", year).data["married_joint"]
    assert _step("ND", year, "marriage_credit")["base"] == federal // 2


def test_north_dakota_2026_screens_are_where_the_credit_begins() -> None:
    # the 2026 worksheet's screening thresholds are not published; rothroute takes the points below which the
    # statute's credit is nil: the joint 0% bracket, and the lesser income whose part over the base fills the gap
    # between the joint and single 0% brackets
    credit = _step("ND", 2026, "marriage_credit")
    single, joint = _first_bracket("ND", 2026, "single"), _first_bracket("ND", 2026, "married_joint")
    assert credit["taxable_income_over"] == joint
    assert credit["qualified_income_over"] == joint - single + credit["base"] == 4_932_500


def _by_ratio(cents: int, new: int, old: int) -> int:
    """An amount (cents) times new/old, to the whole dollar (half up), in dollars."""
    return int((Decimal(cents) / 100 * Decimal(new) / Decimal(old)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _mi_cap(year: int) -> int:
    return _step("MI", year, "retirement_tiers")["cap"]["single"] // 100


def test_michigan_tier1_limit_rises_by_the_cpi_u_of_the_year_before_to_one_decimal() -> None:
    # the Treasury's Tier 1 limits (2023 $61,518 as PolicyEngine-US records it from the 2023 MI-1040 book) rise by
    # BLS's published CPI-U annual average change: 4.1% for 2023, 2.9% for 2024, 2.6% for 2025
    for year, before, rise in ((2024, 61_518, "1.041"), (2025, _mi_cap(2024), "1.029"), (2026, _mi_cap(2025), "1.026")):
        assert int((before * Decimal(rise)).quantize(Decimal(1), rounding=ROUND_HALF_UP)) == _mi_cap(year)


def test_michigan_senior_investment_limit_indexed_as_the_tier1_limit() -> None:
    for year in (2025, 2026):  # 2025 proves the method against the published $14,688 and $29,376
        before = _step("MI", year - 1, "senior_investment_deduction")["amount"]
        after = _step("MI", year, "senior_investment_deduction")["amount"]
        for status in ("single", "married_joint"):
            assert _by_ratio(before[status], _mi_cap(year), _mi_cap(year - 1)) * 100 == after[status]
    assert _step("MI", 2026, "senior_investment_deduction")["amount"]["single"] == 1_507_000


# BLS CPI-U, U.S. city average, all items, not seasonally adjusted (series CUUR0000SA0, as transcribed in the
# Economic Policy Institute's realtalk data, data-raw/raw/cpi_u_nsa.csv): the sum of the twelve monthly indexes of
# Michigan's state fiscal year (October to September) ending in the year
CPI_U_FISCAL_YEAR_SUM = {1999: Decimal("1986"), 2016: Decimal("2867.271"), 2017: Decimal("2926.093"),
                         2018: Decimal("2996.982"), 2019: Decimal("3052.517"), 2020: Decimal("3096.171"),
                         2021: Decimal("3199.389"), 2022: Decimal("3452.678"), 2023: Decimal("3627.471"),
                         2024: Decimal("3738.972"), 2025: Decimal("3839.959")}


def _mi_blind(year: int) -> int:
    """One reading of MCL 206.30's indexing of the special exemption: $1,800 times the CPI-U of the state fiscal
    year ending in the preceding year over that of 1999, to the nearest $100 (every reading that gives the nine
    published years gives $3,500 for 2026; the statute's own base was not read)."""
    amount = Decimal(1800) * CPI_U_FISCAL_YEAR_SUM[year - 1] / CPI_U_FISCAL_YEAR_SUM[1999]
    return int((amount / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 100


def test_michigan_blind_exemption_method_gives_the_published_2017_to_2025_amounts() -> None:
    published = {2017: 2600, 2018: 2700, 2019: 2700, 2020: 2800, 2021: 2800, 2022: 2900, 2023: 3100, 2024: 3300,
                 2025: 3400}  # the MI-1040 books and Form 446, as PolicyEngine-US records them
    assert {year: _mi_blind(year) for year in published} == published
    for year in (2024, 2025):
        assert _step("MI", year, "exemptions")["blind"] == published[year] * 100


def test_michigan_2026_blind_exemption_computed() -> None:
    assert _mi_blind(2026) == 3500
    assert _step("MI", 2026, "exemptions")["blind"] == 350_000


# BLS CPI-U (as above): the sum of the twelve monthly indexes of the 12 months ending August 31 of the year
CPI_U_TO_AUGUST_SUM = {2017: Decimal("2920.702"), 2020: Decimal("3092.65"), 2021: Decimal("3185.359"), 2022: Decimal("3430.18"),
                       2023: Decimal("3616.49"), 2024: Decimal("3731.46"), 2025: Decimal("3830.46")}


def _ut_indexed(amount_2021: int, year: int) -> int:
    """Utah Code §59-10-1018's indexing as the Tax Commission's amounts follow it: the 2021 amount times the
    CPI-U of the 12 months to August of the preceding year over that to August 2020, to the dollar."""
    value = Decimal(amount_2021) * CPI_U_TO_AUGUST_SUM[year - 1] / CPI_U_TO_AUGUST_SUM[2020]
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


_UT_2021 = {"exemption": 1750, "single": 15_095, "head_of_household": 22_643}
# the TC-40 instructions' amounts, as PolicyEngine-US records them (gov/states/ut/tax/income/credits/taxpayer)
_UT_PUBLISHED = {2022: {"exemption": 1802, "single": 15_548, "head_of_household": 23_322},
                 2023: {"exemption": 1941, "single": 16_742, "head_of_household": 25_114}}


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2025])
def test_utah_taxpayer_credit_method_gives_the_published_amounts(year: int) -> None:
    if year in _UT_PUBLISHED:
        published = _UT_PUBLISHED[year]
    else:  # rothroute's own files for 2024 and 2025
        step = _step("UT", year, "taxpayer_credit")
        published = {"exemption": step["exemption"] // 100, "single": step["phaseout_over"]["single"] // 100,
                     "head_of_household": step["phaseout_over"]["head_of_household"] // 100}
        assert step["phaseout_over"]["married_joint"] == 2 * step["phaseout_over"]["single"]
    assert {k: _ut_indexed(v, year) for k, v in _UT_2021.items()} == published


def test_utah_2026_taxpayer_credit_amounts_computed() -> None:
    step = _step("UT", 2026, "taxpayer_credit")
    assert {k: _ut_indexed(v, 2026) for k, v in _UT_2021.items()} == {
        "exemption": 2167, "single": 18_696, "head_of_household": 28_045}
    assert step["exemption"] == 216_700
    assert step["phaseout_over"]["single"] == step["phaseout_over"]["married_separate"] == 1_869_600
    assert step["phaseout_over"]["married_joint"] == step["phaseout_over"]["surviving_spouse"] == 3_739_200
    assert step["phaseout_over"]["head_of_household"] == 2_804_500


def _vt_indexed(amount_2018: int, year: int) -> int:
    """32 V.S.A. §5822(b)'s indexing as the Department's amounts follow it: the 2018 amount times the CPI-U of
    the 12 months to August of the preceding year over that to August 2017, rounded down to $50."""
    value = Decimal(amount_2018) * CPI_U_TO_AUGUST_SUM[year - 1] / CPI_U_TO_AUGUST_SUM[2017]
    return int(value // 50) * 50


# the 2018 amounts (2018 Form IN-111: standard deductions $6,000, $12,000, $9,000, exemption $4,150; the brackets of
# 32 V.S.A. §5822(a) itself) and $1,000 at 65 or blind; the 2021 and 2023 published amounts as the
# Department's filing season updates give them (2021: $6,350, $12,700, $9,500, $1,050, $4,350; 2023: $7,000, $14,050,
# $10,550, $1,150, $4,850)
_VT_2018 = {"single": 6000, "married_joint": 12_000, "head_of_household": 9000, "aged": 1000, "personal": 4150}
_VT_PUBLISHED = {2021: {"single": 6350, "married_joint": 12_700, "head_of_household": 9500, "aged": 1050,
                        "personal": 4350},
                 2023: {"single": 7000, "married_joint": 14_050, "head_of_household": 10_550, "aged": 1150,
                        "personal": 4850}}
_VT_BRACKETS_2018 = {"single": (38_700, 93_700, 195_450), "married_joint": (64_600, 156_150, 237_950),
                     "head_of_household": (51_850, 133_850, 216_700)}


def _vt_file(year: int) -> dict[str, int]:
    standard = _step("VT", year, "standard_deduction")
    return {**{s: standard[s] // 100 for s in ("single", "married_joint", "head_of_household")},
            "aged": _step("VT", year, "aged_blind_deduction")["aged"] // 100,
            "personal": _step("VT", year, "exemptions")["personal"] // 100}


@pytest.mark.parametrize("year", [2021, 2023, 2024, 2025, 2026])
def test_vermont_indexing_gives_the_published_amounts_and_2026(year: int) -> None:
    expected = _VT_PUBLISHED.get(year) or _vt_file(year)
    assert {k: _vt_indexed(v, year) for k, v in _VT_2018.items()} == expected


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_vermont_brackets_indexed_the_same_way(year: int) -> None:
    # 2024 and 2025: the published brackets; 2026: single and joint as the Department's 2026 withholding
    # instructions give them, head of household computed; married filing separately half the joint amounts
    brackets = _step("VT", year, "brackets")
    for status, tops in _VT_BRACKETS_2018.items():
        assert [row[0] // 100 for row in brackets[status][1:]] == [_vt_indexed(t, year) for t in tops]
    assert [2 * row[0] for row in brackets["married_separate"]] == [row[0] for row in brackets["married_joint"]]


def test_vermont_2026_amounts() -> None:
    assert _vt_file(2026) == {"single": 7850, "married_joint": 15_700, "head_of_household": 11_800, "aged": 1300,
                              "personal": 5400}
