"""Medicare premiums month by month (rothroute.medicare) and in the plan (42 U.S.C. §426(a), §1395r(i),
§1395w-113(a)(7); 20 CFR §418.1115). Expected values: CMS's 2026 fact sheet ($202.90 standard Part B
premium; the 2026 IRMAA table), CMS's 2026 Part D bid information ($38.99 base beneficiary premium), and
CMS's rule that coverage at 65 starts with the month the age is attained (the day before the birthday)."""

from __future__ import annotations

import pytest

from rothroute import load_text
from rothroute.medicare import premiums
from rothroute.optimize.horizon import Assumptions
from rothroute.params import for_year
from rothroute.vocab import FilingStatus


def _household(born: str, history: str = "", status: str = "single") -> str:
    people = f"  - {{id: p, born: {born}}}\n" + ("  - {id: q, born: 1950-03-03}\n" if status == "married_joint" else "")
    return (f"format: 1\ntax_year: 2026\nfiling_status: {status}\ntax_computation: rate_schedule\npeople:\n{people}"
            + (f"magi_history: {{{history}}}\n" if history else "")
            + "accounts:\n  - {id: ira, owner: p, kind: traditional_ira, value: 300000}\n")


@pytest.mark.parametrize("born, months", [
    ("1961-08-20", 5),   # 65 on August 19, 2026: August to December
    ("1961-09-01", 5),   # born on the 1st: 65 on August 31, 2026, covered from August
    ("1961-09-02", 4),   # 65 on September 1: September to December
    ("1960-03-03", 12),  # 65 in 2025
    ("1962-01-01", 1),   # 65 on December 31, 2026
    ("1962-01-02", 0),   # 65 on January 1, 2027
])
def test_base_premiums_from_the_month_of_65(born: str, months: int) -> None:
    h = load_text(_household(born))
    m = premiums(h, for_year(2026).irmaa, None, FilingStatus.SINGLE)
    assert m.months.get("p", 0) == months
    assert (m.part_b, m.part_d, m.irmaa) == (months * 20290, months * 3899, 0)


def test_irmaa_by_the_magi_of_two_years_before() -> None:
    """MAGI of $120,000 in 2024 on a single return: 2026's first tier (over $109,000, to $137,000):
    $81.20 (Part B) and $14.50 (Part D) a month more, CMS's 2026 table."""
    h = load_text(_household("1955-05-05", "2024: 120000"))
    m = premiums(h, for_year(2026).irmaa, h.magi_history[2024], FilingStatus.SINGLE)
    assert (m.tier, m.irmaa_b, m.irmaa_d) == (1, 12 * 8120, 12 * 1450)
    # the same MAGI on a joint return is under the joint table's first floor ($218,000)
    assert premiums(h, for_year(2026).irmaa, h.magi_history[2024], FilingStatus.MARRIED_JOINT).tier == 0


def test_the_plan_pays_the_premiums_and_shows_them() -> None:
    """The cash account pays each year's premiums; the first two years' IRMAA comes from magi_history."""
    from rothroute.optimize.plan import optimize

    h = load_text(_household("1955-05-05", "2024: 180000, 2025: 60000"))
    result = optimize(h, 4, Assumptions()).to_json()
    first, second = result["years"][0]["medicare"], result["years"][1]["medicare"]
    assert first["irmaa_tier"] == 3 and first["magi"] == 180000  # over $171,000, to $205,000
    assert first["irmaa"] == 12 * (324.60 + 60.40) and first["part_b"] == 12 * 202.90
    assert second["irmaa_tier"] == 0
    assert all(abs(y["difference"]) <= 1 for y in result["years"])
