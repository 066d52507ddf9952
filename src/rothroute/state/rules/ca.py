"""California: federal AGI with the Schedule CA adjustments rothroute's households meet (taxable
Social Security subtracted; IRA distributions, conversions and pensions taxed as federally), the
standard deduction, the rate schedules, exemption credits (personal, senior, blind) reduced above
the AGI threshold, and the Behavioral Health Services Tax of 1% on taxable income over $1,000,000."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

LINES = {
    **chain.LINES,
    "credits": ("Exemption credits: personal, senior (65 or older) and blind, each less $6 for every $2,500 (or part) "
                "of federal AGI over the threshold", ("R&TC §17054", "R&TC §17054.1", "Form 540 line 32"),
                ("f1040.11", "people"), ("exemption_credits",)),
    "behavioral_health_tax": ("Behavioral Health Services Tax: 1% of taxable income over $1,000,000",
                              ("R&TC §17043", "Form 540 line 62"), ("taxable_income",), ("behavioral_health_tax",)),
    "tax": ("California income tax: tax less exemption credits, plus the Behavioral Health Services Tax",
            ("Form 540 lines 31-64",), ("tax_before_credits", "credits", "behavioral_health_tax"), ()),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out = chain.compute(ops, x, p)
    _, aged, blind = chain.counts(x, p["exemption_credits.age"])
    count = p["exemption_credits.personal_count"] + aged + blind
    over = ops.mx(x["federal_agi"] - p["exemption_credits.phaseout_start"], 0)
    reduction = f.ceil_div(over, p["exemption_credits.step"]) * p["exemption_credits.reduction"]
    credits = count * ops.mx(p["exemption_credits.amount"] - reduction, 0)
    out = chain.finish(ops, out, credits)
    bhst = times(ops.mx(out["taxable_income"] - p["behavioral_health_tax.over"], 0), p["behavioral_health_tax.rate"])
    out["behavioral_health_tax"] = bhst
    out["tax"] = out["tax"] + bhst
    return out


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "R&TC §17133") + common.itemized_note(inputs, values, "R&TC §17073")
    if values.get("tax") and values.get("taxable_income", 0) <= 10_000_000:
        out.append(("state_rule_not_modelled",
                    "California's Form 540 takes the tax from its Tax Table when taxable income is $100,000 or less "
                    "(the rate schedule at the middle of the table's row); rothroute uses the rate schedule, which "
                    "can differ by a few dollars.", ("Form 540 instructions, line 31",)))
    return out

