"""Parameters projected past the enacted years (issue #5): an explicit API beside the strict
``for_year``, a stated rule per family kept in params/data/projection.yaml, projected values
marked as such."""

from __future__ import annotations

import doctest
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from rothroute import FilingStatus, TaxInputs, federal_tax
from rothroute.errors import ParameterFileError, ParameterNotInForce
from rothroute.money import cents
from rothroute.params import default_set, for_year
from rothroute.params import projection
from rothroute.params.loader import DATA_DIR, standing_family
from rothroute.params.projection import irmaa_for_tax_year, projection_notes, year_params
from rothroute.params.schema import YEARLY

ZERO = Fraction(0)
THREE = Fraction(3, 100)
UNINDEXED = ("niit", "social_security_taxation", "elderly_credit")
CHANGE_BY_LAW = ("senior_deduction", "salt_cap")


def d(amount: str) -> int:
    return cents(Decimal(amount))


def test_enacted_years_are_returned_unchanged_and_not_projected() -> None:
    for year in (2024, 2025, 2026):
        yp, projected = year_params(year, THREE)
        assert projected is False
        assert yp is for_year(year)
        assert not any(getattr(yp, name).projected for name in YEARLY)


def test_for_year_stays_strict() -> None:
    year_params(2030, THREE)
    with pytest.raises(ParameterNotInForce):
        for_year(2027)


def test_a_year_before_the_first_enacted_one_is_not_projected() -> None:
    with pytest.raises(ParameterNotInForce) as info:
        year_params(2023, THREE)
    assert info.value.enacted == (2024, 2025, 2026)
    assert "2024, 2025, 2026" in str(info.value)


@pytest.mark.parametrize("bad", [Fraction(-1, 100), Fraction(21, 100), -1])
def test_a_negative_or_absurd_inflation_is_refused_naming_the_value(bad: Fraction) -> None:
    with pytest.raises(ValueError) as info:
        year_params(2027, bad)
    assert str(bad) in str(info.value) and "20%" in str(info.value)


def test_inflation_must_be_exact() -> None:
    with pytest.raises(TypeError, match="float"):
        year_params(2027, 0.03)  # type: ignore[arg-type]
    yp, projected = year_params(2027, Fraction(1, 5))  # 20% is the ceiling, allowed
    assert projected


def test_projected_families_are_marked_and_cite_their_rule() -> None:
    yp, projected = year_params(2031, THREE)
    assert projected and yp.year == 2031
    for name in YEARLY:
        family = getattr(yp, name)
        assert family.projected and family.year == 2031
        assert family.source.startswith("PROJECTED for 2031, not enacted")
        assert "2026" in family.source  # projected from the last enacted year
    assert yp.rmd is default_set().standing["rmd"]  # standing parameters as they are


def test_zero_inflation_keeps_2026_except_rules_that_change_by_themselves() -> None:
    yp, _ = year_params(2027, ZERO)
    base = for_year(2026)
    for name in YEARLY:
        if name in CHANGE_BY_LAW:
            continue
        got, want = dict(getattr(yp, name).data), dict(getattr(base, name).data)
        if name == "irmaa":  # keyed by premium year: 2027's tiers use MAGI of 2025
            assert got.pop("magi_year") == 2025 and want.pop("magi_year") == 2024
        assert got == want, name
    assert yp.senior_deduction.data == base.senior_deduction.data  # 2027 is inside 2025-2028
    assert yp.salt_cap["single"][0] == d("40804")  # 1% by law, whatever the inflation


def test_senior_deduction_ends_after_2028() -> None:
    for inflation in (ZERO, THREE):
        in_2028, _ = year_params(2028, inflation)
        assert in_2028.senior_deduction["amount"] == d("6000")  # not indexed
        assert in_2028.senior_deduction["married_joint"] == d("150000")
        in_2029, _ = year_params(2029, inflation)
        assert in_2029.senior_deduction["amount"] == 0
        assert all(in_2029.senior_deduction[str(s)] is None for s in FilingStatus)


def test_salt_cap_grows_one_percent_through_2029_then_reverts() -> None:
    # 40,400 × 1.01 = 40,804; × 1.01 = 41,212.04; × 1.01 = 41,624.1604 → 41,624.16 (statute: no rounding)
    for inflation in (ZERO, THREE):
        caps = [year_params(y, inflation)[0].salt_cap for y in (2027, 2028, 2029)]
        assert [c["single"][0] for c in caps] == [d("40804"), d("41212.04"), d("41624.16")]
        assert [c["married_separate"][0] for c in caps] == [d("20402"), d("20606.02"), d("20812.08")]
        assert caps[0]["married_joint"][1] == d("510050")  # 505,000 × 1.01
        assert caps[0]["single"][3] == d("10000")  # the floor does not grow
        in_2030 = year_params(2030, inflation)[0].salt_cap
        assert in_2030["single"] == (d("10000"), None, Fraction(0), d("10000"))
        assert in_2030["married_separate"] == (d("5000"), None, Fraction(0), d("5000"))


def test_standard_deduction_at_three_percent() -> None:
    sd = year_params(2027, THREE)[0].standard_deduction
    # single: 16,100 × 0.03 = 483 increase, rounded down to a multiple of $50 = 450 → $16,550
    assert sd["single"] == d("16550")
    assert sd["married_joint"] == sd["surviving_spouse"] == 2 * sd["single"]  # IRC §63(c)(2)(A)
    assert sd["married_separate"] == sd["single"]
    # head of household: 24,150 × 0.03 = 724.50 → 700 → $24,850
    assert sd["head_of_household"] == d("24850")


def test_ira_limit_moves_in_500_dollar_steps() -> None:
    # 7,500 × 1.03 = 7,725 → rounded down to $500: $7,500; 7,500 × 1.03³ = 8,195.45 → $8,000
    assert year_params(2027, THREE)[0].retirement_limits["ira_limit"] == d("7500")
    assert year_params(2029, THREE)[0].retirement_limits["ira_limit"] == d("8000")


def test_retirement_limits_round_as_their_statutes_say() -> None:
    limits = year_params(2027, THREE)[0].retirement_limits
    assert limits["elective_deferral"] == d("25000")  # 24,500 + (735 → 500)
    assert limits["annual_additions"] == d("74000")  # 72,000 + (2,160 → 2,000)
    assert limits["qcd_limit"] == d("114000")  # 111,000 × 1.03 = 114,330 → nearest $1,000
    # the age 60-63 catch-up rounds its increase (§414(v)(2)(C)), so 11,250 is kept at 0%
    assert year_params(2027, ZERO)[0].retirement_limits["catch_up_60_63"] == d("11250")
    assert limits["catch_up_60_63"] == d("11250")  # 11,250 + (337.50 → 0)


def test_brackets_round_increases_to_50_or_25_dollars() -> None:
    brackets = year_params(2027, THREE)[0].ordinary_brackets
    # 24% bracket of a single filer: 105,700 + (3,171 → 3,150) = 108,850; joint: 211,400 + (6,342 → 6,300)
    assert brackets["single"][3] == (d("108850"), Fraction(24, 100))
    assert brackets["married_joint"][3] == (d("217700"), Fraction(24, 100))
    # 32% of a single filer: 201,775 + (6,053.25 → 6,050, a multiple of $25) = 207,825
    assert brackets["single"][4][0] == d("207825")
    assert brackets["married_separate"] == tuple((t // 2 if i else 0, r) for i, (t, r) in
                                                 enumerate(brackets["married_joint"]))


def test_unindexed_thresholds_never_change() -> None:
    base = for_year(2026)
    for year, inflation in ((2027, THREE), (2035, Fraction(1, 10)), (2060, Fraction(1, 5))):
        yp, _ = year_params(year, inflation)
        for name in UNINDEXED:
            assert getattr(yp, name).data == getattr(base, name).data, (name, year)
        assert yp.niit["single"] == d("200000") and yp.social_security_taxation["married_joint"] == (d("32000"), d("44000"))


def test_amt_keeps_its_statutory_relations() -> None:
    amt = year_params(2027, THREE)[0].amt
    assert amt["married_joint"] == (d("144400"), d("1030000"), d("251800"))  # nearest $100
    assert amt["married_separate"] == tuple(x // 2 for x in amt["married_joint"])
    assert amt["single"][1] == amt["married_joint"][1] // 2
    assert amt["surviving_spouse"] == amt["married_joint"]


def test_capital_gains_zero_rate_of_single_is_half_the_joint_one() -> None:
    cg = year_params(2027, THREE)[0].capital_gains_thresholds
    assert cg["married_joint"] == (d("101850"), d("632100"))  # 98,900 + (2,967 → 2,950); 613,700 + (18,411 → 18,400)
    assert cg["single"][0] == cg["married_separate"][0] == cg["married_joint"][0] // 2
    assert cg["married_separate"][1] == d("316050")  # its own amount: 306,850 + (9,205.50 → 9,200)


def test_phaseout_ranges_keep_their_width() -> None:
    yp, _ = year_params(2027, THREE)
    # Roth: 153,000 + (4,590 → nearest $1,000 = 5,000), still $15,000 wide
    assert yp.roth_ira_phaseout["single"] == (d("158000"), d("173000"))
    assert yp.roth_ira_phaseout["married_separate"] == (0, d("10000"))
    ira = yp.ira_deduction_phaseout
    assert ira["married_joint"][1] - ira["married_joint"][0] == d("20000")
    assert ira["spouse_covered_married_joint"][1] - ira["spouse_covered_married_joint"][0] == d("10000")


def test_irmaa_is_keyed_by_premium_year() -> None:
    in_2027, _ = year_params(2027, THREE)
    irmaa = in_2027.irmaa
    assert irmaa["magi_year"] == 2025
    single = [tier[0] for tier in irmaa["single"]]
    assert single == [d("112000"), d("141000"), d("176000"), d("211000"), d("500000")]  # top floor fixed until 2028
    assert [tier[0] for tier in irmaa["married_joint"]] == [2 * x for x in single[:4]] + [d("750000")]
    assert [tier[0] for tier in irmaa["married_separate"]] == [single[0], single[4] - single[0]]
    assert irmaa["part_b_standard"] == d("209")  # 202.90 × 1.03 = 208.987 → 10 cents
    top_2028 = year_params(2028, THREE)[0].irmaa["single"][4][0]
    assert top_2028 == d("515000")  # 42 U.S.C. §1395r(i)(5)(C)(ii): indexed from 2028
    table, projected = irmaa_for_tax_year(2025, THREE)  # MAGI of 2025 sets the 2027 premiums
    assert projected and table is irmaa


def test_indexed_amounts_never_fall() -> None:
    previous = for_year(2026)
    for year in range(2027, 2041):
        yp, _ = year_params(year, Fraction(5, 200))
        for name in YEARLY:
            if name in CHANGE_BY_LAW:
                continue
            now, before = getattr(yp, name).data, getattr(previous, name).data
            for path in projection._money_leaves(YEARLY[name], now):
                if (name, path) == ("irmaa", ("married_separate", 1, 0)):
                    continue  # $500,000 less the first floor: falls while the top floor is fixed (to 2027)
                value = projection._get(now, path)
                assert value is None or value >= projection._get(before, path), (year, name, path)
        previous = yp


def test_projected_year_runs_through_the_federal_tax() -> None:
    inflation = Fraction(5, 200)
    yp, projected = year_params(2030, inflation)
    irmaa, _ = irmaa_for_tax_year(2030, inflation)
    inputs = TaxInputs(year=2030, status=FilingStatus.MARRIED_JOINT, seniors=2, medicare_enrollees=2,
                       pension=d("90000"), social_security=d("48000"), qualified_dividends=d("12000"),
                       ordinary_dividends=d("15000"), long_term_gains=d("40000"), taxable_interest=d("6000"),
                       itemizes=True, itemized_salt=d("25000"), itemized_other=d("20000"))
    tax = federal_tax(inputs, params=yp, irmaa=irmaa)
    assert projected and tax.params is yp
    summary = tax.summary()
    assert summary["total_tax"] > 0 and summary["deductions"] > 0
    assert summary["irmaa_tier"] == 0  # MAGI well under the projected 2032 floor
    assert not any(issue.code == "irmaa_table_not_published" for issue in tax.issues)
    assert len(tax.lines()) > 10 and all(line.cites for line in tax.lines())


def test_zero_inflation_taxes_2027_like_2026() -> None:
    def inputs(year: int) -> TaxInputs:
        return TaxInputs(year=year, status=FilingStatus.SINGLE, seniors=1, pension=d("120000"),
                         social_security=d("30000"), long_term_gains=d("25000"), qualified_dividends=d("5000"),
                         ordinary_dividends=d("5000"))

    projected = federal_tax(inputs(2027), params=year_params(2027, ZERO)[0]).summary()
    enacted = federal_tax(inputs(2026)).summary()
    assert projected == enacted


def test_notes_give_the_method_then_one_cited_sentence_per_family() -> None:
    notes = projection_notes()
    assert len(notes) == 1 + len(YEARLY)
    assert notes[0].startswith("Years after 2026 use projected parameters, not enacted law.")
    assert "C-CPI-U" in notes[0]
    for note in notes[1:]:
        assert ("IRC §" in note or "U.S.C." in note) and note.endswith(")")
    assert any("2028" in n and "senior" in n for n in notes)
    assert any("2030" in n and "SALT" in n for n in notes)


def test_rules_file_is_read_by_the_strict_loader(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "projection.yaml"
    text = path.read_text()
    path.write_text(text.replace("- [ira_limit, 500, down, amount, null]", "- [ira_limit, 500, downward, amount, null]", 1))
    with pytest.raises(ParameterFileError, match="expected one of down, nearest"):
        standing_family("projection", data)
    path.write_text(text.replace("    niit:\n      indexed: false\n", "    niit:\n      indexed: false\n      step: 5\n", 1))
    with pytest.raises(ParameterFileError, match="unknown key 'step'"):
        standing_family("projection", data)


def test_every_money_value_of_an_indexed_family_has_exactly_one_rule() -> None:
    families = standing_family("projection").data["families"]
    base = for_year(2026)
    rule = dict(families["retirement_limits"])
    leaves = projection._money_leaves(YEARLY["retirement_limits"], base.retirement_limits.data)
    assert projection._coverage_problem(rule, leaves) is None
    rule["amounts"] = tuple(row for row in rule["amounts"] if row[0] != "qcd_limit")
    assert "no rule for qcd_limit" in str(projection._coverage_problem(rule, leaves))
    rule = dict(families["standard_deduction"])
    rule["fixed"] = ("single",)
    assert "set twice" in str(projection._coverage_problem(rule, projection._money_leaves(
        YEARLY["standard_deduction"], base.standard_deduction.data)))


def test_module_example() -> None:
    assert doctest.testmod(projection).failed == 0
