"""A state's own itemized deductions are not modelled: the result says so where the federal return itemizes,
and also where the file's itemized deductions pass the state's standard deduction while the federal return
takes its larger standard deduction: Hawaii's return may itemize on its own (HRS §235-2.4), with a standard
deduction of $4,400 single in 2025 against the federal $15,750."""

from __future__ import annotations

import pytest

from rothroute import evaluate, load_text

HAWAII = """format: 1
tax_year: 2025
filing_status: single
state: HI
people:
  - {id: p, born: 1955-01-01}
income:
  - {kind: pension, amount: 60000}
ITEMIZED
"""


def _said(itemized: str) -> list[str]:
    ev = evaluate(load_text(HAWAII.replace("ITEMIZED", itemized)))
    return [i.message for i in ev.issues if i.code == "state_itemized_deduction_not_modelled"]


@pytest.mark.parametrize("itemized, said", [
    ("", None),
    ("itemized_deductions: {state_local_taxes: 3000, other: 1000}", None),   # $4,000: under Hawaii's $4,400
    ("itemized_deductions: {state_local_taxes: 3000, other: 1000}\ncharitable_gifts: 500",
     "The file's itemized deductions ($4,500.00) are more than"),
    ("itemized_deductions: {state_local_taxes: 5000, other: 1000}", "The file's itemized deductions ($6,000.00)"),
    ("itemized_deductions: {state_local_taxes: 9000, other: 9000}", "The federal return itemizes;"),
])
def test_the_file_itemizing_past_the_states_standard_deduction_is_said(itemized: str, said: str | None) -> None:
    found = _said(itemized)
    assert (found[0][:len(said)] if found else None) == said, found
