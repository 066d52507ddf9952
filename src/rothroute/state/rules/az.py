"""Arizona (A.R.S. tit. 43, ch. 10): the generic chain (federal AGI; Social Security taxed federally
subtracted; 25% of the net long-term capital gain subtracted, and from 2025 the federal senior
deduction, §43-1022; $2,100 exempt for each
person 65 or older and $1,500 for each blind; the standard deduction; 2.5%) and the family income
tax credit ($40 a person, at most $120 single or $240 for a couple, when AGI before the exemptions is
at most $10,000 single or $20,000 for a couple; §43-1073).

Arizona has no general retirement exclusion: pensions, IRA distributions and conversions are taxed
(up to $2,500 of a pension from the state, its subdivisions or the federal government is
subtracted, which the file cannot tell apart: a warning says so)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain
from rothroute.state.rules import common

LINES = {
    **chain.LINES,
    "senior_subtraction": ("The federal senior deduction (2025-2028), subtracted",
                           ("A.R.S. §43-1022", "Schedule 1-A (Form 1040)"), ("sch1a.38",),
                           ("federal_senior_subtraction",)),
    "long_term_gain_subtraction": ("25% of the net long-term capital gain (assets acquired after 2011), subtracted",
                                   ("A.R.S. §43-1022", "Form 140 lines 20-24"), ("people",),
                                   ("long_term_gain_subtraction",)),
    "agi": ("Arizona adjusted gross income (before the exemptions)", (),
            ("start", "additions", "social_security", "long_term_gain_subtraction", "senior_subtraction"),
            ("start",)),
    "credits": ("Family income tax credit: $40 a person, at most the cap, when AGI before the exemptions is at most "
                "the limit", ("A.R.S. §43-1073",), ("agi",), ("family_income_credit",)),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) + chain.additions(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    if "long_term_gain_subtraction.share" in p:
        net = ops.mx(x["p1_long_term_gains"] + x["p2_long_term_gains"], 0)
        out["long_term_gain_subtraction"] = times(net, p["long_term_gain_subtraction.share"])
        agi = agi - out["long_term_gain_subtraction"]
    if p.get("federal_senior_subtraction.subtracted"):
        out["senior_subtraction"] = x["federal_senior_deduction"]
        agi = agi - out["senior_subtraction"]
    out["agi"] = agi
    out["taxable_income"] = ops.mx(agi - chain.deductions(ops, x, p, out), 0)
    out["tax_before_credits"] = chain.rate(ops, out["taxable_income"], p)
    people, _, _ = chain.counts(x, 0)
    credit = ops.mn(people * p["family_income_credit.amount"], p["family_income_credit.cap"])
    eligible = out["agi"] <= p["family_income_credit.income_limit"]
    return chain.finish(ops, out, ops.where(eligible, credit, 0))


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "A.R.S. §43-1021") + common.itemized_note(inputs, values, "A.R.S. §43-1042")
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "Arizona subtracts up to $2,500 of a pension from the United States, Arizona or its subdivisions "
                    "(and all of military retired pay); the file does not say whose pension it is, so none is "
                    "subtracted here.", ("A.R.S. §43-1022", "Form 140 subtractions")))
    if sum(p.long_term_gains for p in inputs.people) > 0:
        out.append(("state_rule_not_modelled",
                    "Arizona subtracts 25% of the net long-term capital gain from assets acquired after December 31, "
                    "2011 only; the file does not give the dates the assets were bought, so all of it is taken as from "
                    "such assets.", ("A.R.S. §43-1022", "Form 140 lines 20-24")))
    return out
