"""2026 amounts of Maryland to Washington (helper group 3) that rothroute computes under the state's
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
