"""A state that levies no income tax on wages, interest or dividends (AK, FL, NV, SD, TN, TX, WY;
NH from 2025)."""

from __future__ import annotations

from typing import Any, Mapping

LINES = {
    "no_income_tax": ("No individual income tax", (), (), ("no_income_tax",)),
    "tax": ("State income tax", (), ("no_income_tax",), ("no_income_tax",)),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    zero = x["federal_agi"] * 0
    return {"no_income_tax": zero, "tax": zero}


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    return []

