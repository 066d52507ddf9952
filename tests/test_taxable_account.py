"""Taxable (brokerage) accounts: the yields as income, a sale at average basis realizing a long-term gain,
the file's checks. Expected values are the statute's arithmetic on the stated facts, shown in each test."""

from __future__ import annotations

import pytest

from rothroute import evaluate, load_text
from rothroute.errors import HouseholdFileError

FILE = """\
format: 1
tax_year: 2025
filing_status: single
people:
  - {{id: a, born: 1975-05-01}}
accounts:
  - {{id: brk, owner: a, kind: taxable, value: 200000, cost_basis: 120000, qualified_dividend_yield: 1.5,
     interest_yield: 0.5}}
moves:
{moves}
"""


def run(moves: str) -> dict:
    return evaluate(load_text(FILE.format(moves=moves))).to_json()


def test_a_sale_realizes_gain_pro_rata_to_basis_at_average_cost() -> None:
    # 26 CFR §1.1012-1(e) (average basis): selling $50,000 of $200,000 sells a quarter of the $120,000 basis,
    # $30,000; the gain is $20,000 (IRC §1001(a)), long-term (IRC §1222(3)): Schedule D line 16, Form 1040 line 7
    result = run("  - {date: 2025-03-01, move: withdrawal, from: brk, amount: 50000}")
    move = result["moves"][0]
    assert (move["taxable"], move["nontaxable"], move["forms_1099r"]) == (20000, 30000, [])
    assert result["accounts_end"]["brk"] == {"value": 150000, "cost_basis": 90000}
    lines = {line["key"]: line["value"] for line in result["lines"]}
    assert (lines["accounts.brk.sales.proceeds"], lines["accounts.brk.sales.basis"],
            lines["accounts.brk.sales.gain"]) == (50000, 30000, 20000)
    assert lines["f1040.7"] == 20000
    # the yields on the January 1 value: 1.5% qualified dividends $3,000, 0.5% interest $1,000
    assert (lines["f1040.3a"], lines["f1040.3b"], lines["f1040.2b"]) == (3000, 3000, 1000)
    assert result["tax"]["agi"] == 24000


def test_two_sales_and_the_rest_keep_the_average() -> None:
    # $50,000 then all: the second sale takes what is left, $150,000 with $90,000 of basis: gain $60,000;
    # together the whole $80,000 of unrealized gain, none left
    result = run("  - {date: 2025-03-01, move: withdrawal, from: brk, amount: 50000}\n"
                 "  - {date: 2025-09-01, move: withdrawal, from: brk, amount: all}")
    assert [m["taxable"] for m in result["moves"]] == [20000, 60000]
    assert result["accounts_end"]["brk"] == {"value": 0, "cost_basis": 0}


def test_a_sale_below_basis_is_a_long_term_loss_limited_on_the_return() -> None:
    # basis $300,000 on a $200,000 account: selling half sells $150,000 of basis for $100,000, a $50,000 loss;
    # Form 1040 line 7 takes $3,000 of it (IRC §1211(b))
    text = FILE.format(moves="  - {date: 2025-03-01, move: withdrawal, from: brk, amount: 100000}").replace(
        "cost_basis: 120000", "cost_basis: 300000")
    result = evaluate(load_text(text)).to_json()
    assert result["moves"][0]["taxable"] == -50000 and result["moves"][0]["nontaxable"] == 150000
    lines = {line["key"]: line["value"] for line in result["lines"]}
    assert lines["schd.16"] == -50000 and lines["f1040.7"] == -3000


def test_a_taxable_account_cannot_be_converted() -> None:
    text = FILE.format(moves="  - {date: 2025-03-01, move: conversion, from: brk, to: brk, amount: 1000}")
    result = evaluate(load_text(text)).to_json()
    assert not result["moves"][0]["permitted"]
    assert result["issues"][0]["code"] == "wrong_account_kind"


def test_the_file_checks_name_the_field() -> None:
    bad = """\
format: 1
tax_year: 2025
filing_status: single
people:
  - {id: a, born: 1975-05-01}
accounts:
  - {id: brk, owner: a, kind: taxable, value: 200000, interest_yield: 120}
  - {id: ira, owner: a, kind: traditional_ira, value: 10, cost_basis: 5}
"""
    with pytest.raises(HouseholdFileError) as exc:
        load_text(bad)
    found = {(p.where, p.code) for p in exc.value.problems}
    assert ("accounts[0].cost_basis", "missing_field") in found
    assert ("accounts[0].interest_yield", "invalid_value") in found
    assert ("accounts[1].cost_basis", "invalid_value") in found
