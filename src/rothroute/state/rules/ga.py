"""Georgia: the generic chain (federal AGI; Social Security taxed federally subtracted; each
person's retirement income excluded from 62 up to $35,000, from 65 up to $65,000, where
retirement income is pensions, IRA distributions and conversions, interest, dividends, net
capital gains and up to $4,000 of earned income; the standard deduction with the additions for
age and blindness; a flat rate), the low income credit and, when the federal return itemizes (so
Georgia's does), the eligible itemizer credit."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain
from rothroute.state.rules import common

LINES = {
    **chain.LINES,
    "credits": ("Low income credit: the amount for the federal AGI tier, for each person on the return, doubled "
                "from 65; and, when the federal return itemizes, the eligible itemizer credit for each taxpayer",
                ("O.C.G.A. §48-7A-3", "Form 500 Schedule 2", "O.C.G.A. §48-7-27.1", "Form 500 line 19"),
                ("f1040.11", "f1040.12"), ("low_income_credit", "itemizer_credit")),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out = chain.compute(ops, x, p)
    if "low_income_credit.tiers" not in p:
        return out
    amount = 0
    for floor, credit in p["low_income_credit.tiers"]:
        amount = ops.where(x["federal_agi"] >= floor, credit, amount)
    people, aged, _ = chain.counts(x, p["low_income_credit.age"])
    credits = amount * (people + aged)
    if "itemizer_credit.amount" in p:
        # §48-7-27.1: $300 for each taxpayer of a return that itemizes (Georgia itemizes when the federal return
        # does, §48-7-27(a)(1)), up to the tax (chain.finish)
        credits = credits + ops.where(x["federal_itemizes"] > 0, p["itemizer_credit.amount"] * people, 0)
    return chain.finish(ops, out, credits)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    return common.exempt_interest_note(inputs, "O.C.G.A. §48-7-27(b)") + common.itemized_note(
        inputs, values, "O.C.G.A. §48-7-27(a)(1)")

