"""Yearly parameters: strict loading, sources beside every value, no silent carry-forward, and
published values checked against their authority."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from rothroute.errors import ParameterFileError, ParameterNotInForce
from rothroute.params import default_set, for_year
from rothroute.params.loader import DATA_DIR, load
from rothroute.params.schema import STANDING, YEARLY
from rothroute.textdoc import read
from rothroute.vocab import FILING_STATUSES

FILES = sorted(DATA_DIR.glob("*.yaml"))


def test_every_family_has_a_file_and_years_2024_to_2026() -> None:
    from rothroute.params.loader import ON_DEMAND, standing_family

    ps = default_set()
    assert set(ps.yearly) == set(YEARLY) and set(ps.standing) | set(ON_DEMAND) == set(STANDING)
    assert all(standing_family(name).name == name for name in ON_DEMAND)  # read, strictly, when asked for
    assert ps.enacted_years == (2024, 2025, 2026)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_value_has_its_source(path: Path) -> None:
    doc = read(path.read_text()).value
    assert doc["law"].strip()
    blocks = doc["years"].values() if "years" in doc else [doc["standing"]]
    for block in blocks:
        source = block["source"]
        assert isinstance(source, str) and len(source) > 15
        # a source names a primary authority, not only a peer model
        assert any(word in source for word in ("Rev. Proc.", "IRC", "Notice", "CMS", "P.L.", "CFR", "SSA", "IR-")), source


def test_year_outside_enacted_range_is_an_error_naming_years_in_force() -> None:
    with pytest.raises(ParameterNotInForce) as info:
        for_year(2027)
    assert info.value.enacted == (2024, 2025, 2026)
    assert "2024, 2025, 2026" in str(info.value)
    with pytest.raises(ParameterNotInForce):
        default_set().family("standard_deduction", 2023)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.mark.parametrize("mutation, words", [
    (("    source: IRS Rev. Proc. 2023-34", "    sauce: IRS Rev. Proc. 2023-34"), "source"),
    (("  2024:\n", "  2024:\n    references: x\n"), "unknown key 'references'"),
    (("    single: 14600\n", "    single: 14600.005\n"), "expected money"),
    (("    married_separate: 14600\n", ""), "missing key 'married_separate'"),
    (("  2025:\n", "  2024:\n"), "duplicate"),
    (("title: Basic", "titel: Basic"), "unknown key"),
])
def test_strict_loader_refuses(tmp_path: Path, mutation: tuple[str, str], words: str) -> None:
    data = _copy(tmp_path)
    path = data / "standard_deduction.yaml"
    old, new = mutation
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ParameterFileError) as info:
        load(data)
    assert words in str(info.value) and "standard_deduction.yaml" in str(info.value)


def test_missing_family_file_is_an_error(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    (data / "niit.yaml").unlink()
    with pytest.raises(ParameterFileError, match="niit"):
        load(data)


# Published values, each from its authority (dollars).
PUBLISHED = [
    # Rev. Proc. 2025-32 §4.01 (2026 rate schedules), single: 10% to $12,400, 12% to $50,400, 22% to $105,700
    ("ordinary_brackets", 2026, "single", lambda v: [o for o, _ in v[:4]], [0, 1_240_000, 5_040_000, 10_570_000]),
    # Rev. Proc. 2023-34 §3.01 Table 1 (2024 MFJ): 12% from $23,200, 37% from $731,200
    ("ordinary_brackets", 2024, "married_joint", lambda v: (v[1][0], v[6][0]), (2_320_000, 73_120_000)),
    # P.L. 119-21 §70102: 2025 standard deduction $15,750 / $31,500 / $23,625
    ("standard_deduction", 2025, "single", None, 1_575_000),
    ("standard_deduction", 2025, "married_joint", None, 3_150_000),
    ("standard_deduction", 2025, "head_of_household", None, 2_362_500),
    # Rev. Proc. 2025-32: 2026 standard deduction $16,100 / $32,200 / $24,150
    ("standard_deduction", 2026, "married_joint", None, 3_220_000),
    # Rev. Proc. 2024-40: 2025 additional amount $1,600 married, $2,000 unmarried
    ("aged_blind_addition", 2025, "married_joint", None, 160_000),
    ("aged_blind_addition", 2025, "single", None, 200_000),
    # IRC §151(d)(5)(C): $6,000, 6% over $75,000 / $150,000 joint; not for married filing separately
    ("senior_deduction", 2025, "married_joint", None, 15_000_000),
    ("senior_deduction", 2025, "married_separate", None, None),
    ("senior_deduction", 2024, "single", None, None),
    # IRC §1411(b): $250,000 joint, $125,000 separate, $200,000 other
    ("niit", 2026, "married_separate", None, 12_500_000),
    # IRC §86(c): $25,000 / $32,000; $34,000 / $44,000
    ("social_security_taxation", 2025, "married_joint", None, (3_200_000, 4_400_000)),
    # Rev. Proc. 2024-40: 2025 max zero-rate amount single $48,350, max 15% $533,400
    ("capital_gains_thresholds", 2025, "single", None, (4_835_000, 53_340_000)),
    # Notice 2025-67: 2026 402(g) $24,500, IRA $7,500
    ("retirement_limits", 2026, "elective_deferral", None, 2_450_000),
    ("retirement_limits", 2026, "ira_limit", None, 750_000),
]


@pytest.mark.parametrize("family, year, key, view, expected", PUBLISHED,
                         ids=[f"{p[0]}-{p[1]}-{p[2]}" for p in PUBLISHED])
def test_published_values(family: str, year: int, key: str, view, expected) -> None:
    value = default_set().family(family, year)[key]
    assert (view(value) if view else value) == expected


def test_rates_are_exact_fractions() -> None:
    yp = for_year(2026)
    assert yp.niit["rate"] == Fraction(38, 1000)
    assert [r for _, r in yp.ordinary_brackets["single"]] == [Fraction(x, 100) for x in (10, 12, 22, 24, 32, 35, 37)]


def test_every_status_has_seven_brackets_rising() -> None:
    for year in (2024, 2025, 2026):
        for status in FILING_STATUSES:
            brackets = for_year(year).ordinary_brackets[str(status)]
            assert len(brackets) == 7
            overs = [o for o, _ in brackets]
            assert overs == sorted(overs) and overs[0] == 0


def test_uniform_lifetime_table_and_applicable_age() -> None:
    rmd = default_set().standing["rmd"]
    # 26 CFR §1.401(a)(9)-9(c): age 73 → 26.5, age 84 → 16.8, 120 → 2.0
    table = rmd["uniform_lifetime_table"]
    assert (table[73], table[84], table[120]) == (Fraction("26.5"), Fraction("16.8"), Fraction(2))
    ages = {row[0].year: row[2] for row in rmd["applicable_age"]}
    assert ages[1951] == 73 and ages[1960] == 75
