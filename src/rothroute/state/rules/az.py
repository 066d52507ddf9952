"""Arizona (A.R.S. tit. 43, ch. 10): the generic chain (federal AGI; Social Security taxed federally
subtracted; $2,100 exempt for each person 65 or older and $1,500 for each blind; the standard
deduction; 2.5%) and the family income tax credit ($40 a person, at most $120 single or $240 for a
couple, when AGI before the exemptions is at most $10,000 single or $20,000 for a couple; §43-1073).

Arizona has no general retirement exclusion: pensions, IRA distributions and conversions are taxed
(up to $2,500 of a pension from the state, its subdivisions or the federal government is
subtracted, which the file cannot tell apart: a warning says so)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain
from rothroute.state.rules import common

LINES = {
    **chain.LINES,
    "credits": ("Family income tax credit: $40 a person, at most the cap, when AGI before the exemptions is at most "
                "the limit", ("A.R.S. §43-1073",), ("agi",), ("family_income_credit",)),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out = chain.compute(ops, x, p)
    people, _, _ = chain.counts(x, 0)
    credit = ops.mn(people * p["family_income_credit.amount"], p["family_income_credit.cap"])
    eligible = out["agi"] <= p["family_income_credit.income_limit"]
    return chain.finish(ops, out, ops.where(eligible, credit, 0))


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "A.R.S. §43-1021") + common.itemized_note(inputs, "A.R.S. §43-1042")
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "Arizona subtracts up to $2,500 of a pension from the United States, Arizona or its subdivisions "
                    "(and all of military retired pay); the file does not say whose pension it is, so none is "
                    "subtracted here.", ("A.R.S. §43-1022", "Form 140 subtractions")))
    if inputs.year == 2025 and values.get("tax") is not None:
        out.append(("state_rule_not_modelled",
                    "Arizona's 2025 standard deduction is the one on ADOR's 2025 forms ($15,750 single, $31,500 "
                    "joint), which assume the legislature will conform to the 2025 federal changes; until it does, "
                    "the amount may change (the forms then say to amend).", ("A.R.S. §43-1041", "A.R.S. §43-105",
                                                                             "ADOR Form 140 instructions (2025)")))
    return out
