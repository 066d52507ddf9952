"""The premium tax credit (Form 8962) against the published tables, whole households, to the cent
(tests/cases/premium_tax_credit.yaml names each value's source and shows its arithmetic)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from rothroute import evaluate, load_text
from rothroute.money import cents
from rothroute.tax.premium_tax_credit import applicable_figure

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "premium_tax_credit.yaml").read_text())
NOT_MONEY = {"f8962.1", "f8962.5", "f8962.7"}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_premium_tax_credit_case(case: dict) -> None:
    assert case["source"].strip() and case["steps"].strip()
    ev = evaluate(load_text(case["household"]))
    values = ev.tax.values
    for key, expected in case["expected"]["lines"].items():
        want = expected if key in NOT_MONEY else cents(Decimal(str(expected)))
        assert int(values[key]) == want, f"{key}: {case['steps']}"
    for key in case["expected"].get("absent", ()):
        assert key not in values
    tax = ev.to_json()["tax"]
    for key, expected in case["expected"].get("tax", {}).items():
        assert tax[key] == expected, key
    codes = {i.code for i in ev.issues}
    for code in case["expected"].get("codes", ()):
        assert code in codes


def test_lines_carry_inputs_and_the_tables_sources() -> None:
    ev = evaluate(load_text(CASES[0]["household"]))
    lines = {line.key: line for line in ev.lines()}
    assert lines["f8962.7"].value == "0.0607" and lines["f8962.5"].value == "189"
    assert any("Rev. Proc. 2025-25" in c for c in lines["f8962.24"].cites)
    assert any("90 FR 5917" in c for c in lines["f8962.4"].cites)
    assert lines["f8962.8a"].inputs == ("f8962.3", "f8962.7")


def test_no_coverage_leaves_the_return_unchanged() -> None:
    text = CASES[0]["household"].split("health_coverage")[0]
    ev = evaluate(load_text(text))
    assert "f8962.24" not in ev.tax.values and ev.to_json()["tax"]["premium_tax_credit"] is None
    assert ev.tax.total_tax == ev.tax.values["f1040.22"]


def test_applicable_figure_is_linear_within_a_tier_and_rounded_to_a_hundredth_of_a_percent() -> None:
    # 26 CFR §1.36B-3(g)(1); Rev. Proc. 2025-25 §3.01: at the tier's start its initial percentage, at 399% the
    # last whole percent of the flat 300-400% tier
    tiers = ((0, 133, Fraction("0.021"), Fraction("0.021")), (133, 150, Fraction("0.0314"), Fraction("0.0419")),
             (150, 200, Fraction("0.0419"), Fraction("0.066")), (300, 400, Fraction("0.0996"), Fraction("0.0996")))
    assert applicable_figure(132, tiers) == Fraction("0.021")
    assert applicable_figure(133, tiers) == Fraction("0.0314")
    assert applicable_figure(149, tiers) == Fraction("0.0413")  # 3.14 + 1.05 x 16/17 = 4.1282
    assert applicable_figure(150, tiers) == Fraction("0.0419")
    assert applicable_figure(399, tiers) == Fraction("0.0996")


def test_a_conversion_that_raises_magi_costs_the_credit_it_takes_away() -> None:
    # 2026, single: $40,000 of interest and a $30,000 conversion lift MAGI to $70,000, above 400% of $15,650:
    # the whole credit goes, and the moves' federal cost is the income tax on the conversion plus the credit
    base = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {id: a, born: 1966-05-01}
income:
  - {kind: taxable_interest, amount: 40000}
accounts:
  - {id: ira, owner: a, kind: traditional_ira, value: 100000}
  - {id: roth, owner: a, kind: roth_ira, value: 0}
health_coverage: {benchmark_premium: 800}
"""
    moved = base + "moves:\n  - {date: 2026-03-01, move: conversion, from: ira, to: roth, amount: 30000}\n"
    ev = evaluate(load_text(moved))
    credit = ev.without_moves.premium_tax_credit
    assert credit > 0 and ev.tax.premium_tax_credit == 0
    income_tax = ev.tax.values["f1040.22"] - ev.without_moves.values["f1040.22"]
    assert ev.federal_cost == income_tax + credit
    assert any(i.code == "premium_tax_credit_not_allowed" for i in ev.issues)


def test_health_coverage_errors_name_their_field() -> None:
    from rothroute.errors import HouseholdFileError

    text = CASES[0]["household"].replace("advance_payments: 1000}", "first_month: 7, last_month: 3, family_size: 1}")
    with pytest.raises(HouseholdFileError) as exc:
        load_text(text)
    wheres = {p.where for p in exc.value.problems}
    assert {"health_coverage.last_month", "health_coverage.family_size"} <= wheres


def test_the_readable_output_names_line_17_for_what_it_holds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Form 1040 line 17 is Schedule 2 line 3: the AMT (line 1 of Form 6251's result) plus the excess advance
    credit repaid (Schedule 2 line 1a); with a repayment the table says both."""
    from click.testing import CliRunner

    from rothroute.cli.app import app

    repays, plain = tmp_path / "repays.yaml", tmp_path / "plain.yaml"
    repays.write_text(CASES[1]["household"])  # $4,800 repaid in full (no limit from 2026)
    text = CASES[1]["household"]
    plain.write_text("".join(line for line in text.splitlines(True) if not line.startswith("health_coverage")))
    out = CliRunner().invoke(app, ["evaluate", str(repays)], env={"COLUMNS": "200"})
    assert out.exit_code == 0 and "Alternative minimum tax and excess credit repaid" in out.output
    out = CliRunner().invoke(app, ["evaluate", str(plain)], env={"COLUMNS": "200"})
    assert out.exit_code == 0 and "Alternative minimum tax " in out.output and "excess credit repaid" not in out.output
