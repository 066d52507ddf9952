"""Roth IRA withdrawals: ordering, Form 8606 Part III and the 10% additional tax."""

from __future__ import annotations

from rothroute import evaluate, load_text

HOUSEHOLD = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - id: b
    born: {born}
    roth_ira:
      first_year: {first}
      contributions: {contributions}
      conversions: {layers}
accounts:
  - {{id: b_roth, owner: b, kind: roth_ira, value: {value}}}
moves:
  - {{date: 2026-06-01, move: withdrawal, from: b_roth, amount: {amount}}}
"""


def run(*, born="1980-01-15", first=2023, contributions=2000, layers="[{year: 2023, taxable: 60000, nontaxable: 20000}]",
        value=90000, amount=6000) -> dict:
    return evaluate(load_text(HOUSEHOLD.format(born=born, first=first, contributions=contributions, layers=layers,
                                               value=value, amount=amount))).to_json()


def test_regular_contributions_come_out_first() -> None:
    # 26 CFR §1.408A-6 Q&A-10 Example 1 (facts moved to 2023-2026): a $2,000 distribution is all regular
    # contributions: no tax consequence.
    result = run(amount=2000)
    move = result["moves"][0]
    assert move["taxable"] == 0 and move["additional_tax"] == 0
    assert result["people"]["b"]["roth_ira_end"]["contributions"] == 0


def test_conversion_money_within_five_years_bears_the_10_percent_before_59_half() -> None:
    # Q&A-10 Example 2 (facts moved): $6,000 = $2,000 regular contributions + $4,000 of the taxable part of
    # the 2023 conversion: nothing is income, but the 10% additional tax applies to the $4,000 (Q&A-5(b)).
    result = run(amount=6000)
    move = result["moves"][0]
    assert move["taxable"] == 0 and move["additional_tax"] == 400
    assert result["tax"]["additional_tax_72t"] == 400 and result["tax"]["agi"] == 0
    form = result["people"]["b"]["form_8606"]
    assert (form["19"], form["22"], form["23"], form["24"], form["25c"]) == (6000, 2000, 4000, 80000, 0)
    assert result["people"]["b"]["roth_ira_end"]["conversions"] == [{"year": 2023, "taxable": 56000,
                                                                     "nontaxable": 20000}]
    assert move["forms_1099r"][0]["codes"] == ["J"]


def test_earnings_are_taxed_last() -> None:
    # Form 8606 Part III: $15,000 out of $10,000 of contributions: $5,000 of earnings taxable (line 25c),
    # and 10% of it before 59½ (IRC §72(t)(1)).
    result = run(contributions=10000, layers="[]", value=15000, amount=15000, first=2024)
    move = result["moves"][0]
    assert move["taxable"] == 5000 and move["additional_tax"] == 500
    assert result["tax"]["agi"] == 5000


def test_qualified_distribution_is_tax_free() -> None:
    # IRC §408A(d)(1)-(2): after 59½ and five taxable years, nothing is taxed
    result = run(born="1955-01-15", first=2015, contributions=0, layers="[]", value=50000, amount=50000)
    move = result["moves"][0]
    assert move["taxable"] == 0 and move["additional_tax"] == 0 and move["forms_1099r"][0]["codes"] == ["Q"]
    assert "19" in result["people"]["b"]["form_8606"] and result["people"]["b"]["form_8606"]["19"] == 0


def test_a_roth_ira_without_its_history_warns_that_the_withdrawal_is_taxed_as_earnings() -> None:
    # $50,000 in a Roth IRA and no roth_ira block: nothing says what is basis or when the 5 years began, so the
    # $8,000 withdrawal is earnings of a nonqualified distribution (Form 8606 Part III): taxable. The file may
    # have left the block out by mistake: the result says so, naming the field
    text = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {id: b, born: 1950-03-01}
accounts:
  - {id: b_roth, owner: b, kind: roth_ira, value: 50000}
moves:
  - {date: 2026-06-01, move: withdrawal, from: b_roth, amount: 8000}
"""
    result = evaluate(load_text(text)).to_json()
    assert result["moves"][0]["taxable"] == 8000
    warning = next(i for i in result["issues"] if i["code"] == "roth_ira_history_missing")
    assert warning["severity"] == "warning" and warning["where"] == "people[0].roth_ira"
    assert "$50,000.00" in warning["message"] and "$8,000.00 of this year's withdrawals" in warning["message"]
    # the same withdrawal out of this year's conversion: basis, tax-free, and nothing to warn of
    converted = text.replace("accounts:\n", "accounts:\n  - {id: b_ira, owner: b, kind: traditional_ira, value: 100000}\n")
    converted = converted.replace("moves:\n", "moves:\n  - {date: 2026-01-05, move: withdrawal, from: b_ira, amount: 5000}\n"
                                  "  - {date: 2026-03-01, move: conversion, from: b_ira, to: b_roth, amount: 20000}\n")
    result = evaluate(load_text(converted)).to_json()
    assert result["moves"][-1]["taxable"] == 0
    assert not any(i["code"] == "roth_ira_history_missing" for i in result["issues"])
    with_history = text.replace("{id: b, born: 1950-03-01}", "{id: b, born: 1950-03-01, roth_ira: {first_year: 2010}}")
    result = evaluate(load_text(with_history)).to_json()
    assert result["moves"][0]["taxable"] == 0
    assert not any(i["code"] == "roth_ira_history_missing" for i in result["issues"])


def test_the_roth_ladder_reaches_conversions_past_their_five_years_free_of_the_10_percent() -> None:
    # An early retiree of 50 (born 1976) in 2026 with $5,000 of regular contributions, a 2020 conversion of
    # $30,000 ($28,000 taxable, $2,000 basis) and a 2023 conversion of $20,000 (all taxable). A $45,000
    # withdrawal comes out, in the order of IRC §408A(d)(4)(B) and 26 CFR §1.408A-6 Q&A-8: the $5,000 of
    # contributions, the whole 2020 layer ($28,000 taxable part first, then $2,000), and $10,000 of the 2023
    # layer. Nothing is income (all basis); the 10% tax of §408A(d)(3)(F) (Q&A-5(b)) reaches only conversion
    # money within its 5 taxable years: the 2020 layer's ran 2020-2024, the 2023 layer's runs to 2027, so
    # 10% of $10,000 = $1,000.
    result = run(born="1976-02-01", first=2020, contributions=5000,
                 layers="[{year: 2020, taxable: 28000, nontaxable: 2000}, {year: 2023, taxable: 20000, nontaxable: 0}]",
                 value=70000, amount=45000)
    move = result["moves"][0]
    assert move["taxable"] == 0 and move["additional_tax"] == 1000
    assert result["tax"]["agi"] == 0 and result["tax"]["additional_tax_72t"] == 1000
    assert result["people"]["b"]["roth_ira_end"]["conversions"] == [{"year": 2023, "taxable": 10000,
                                                                     "nontaxable": 0}]
    # one year on, the same money from the 2020 layer alone bears no 10% tax at 50
    later = run(born="1976-02-01", first=2020, contributions=0,
                layers="[{year: 2020, taxable: 28000, nontaxable: 2000}]", value=40000, amount=30000)
    assert later["moves"][0]["additional_tax"] == 0 and later["moves"][0]["taxable"] == 0
