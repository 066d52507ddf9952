"""Indiana: federal AGI less the Social Security benefits the federal return taxes, less the
exemptions ($1,000 for each person on the return, $1,000 more for each 65 or older and each blind,
$500 more for each 65 or older when federal AGI is under $40,000), at the flat rate. Indiana has no
retirement income exclusion for private pensions or IRAs (civil service and military pensions
aside). The county income tax every resident pays on the same return (Schedule CT-40) is not
modelled."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain
from rothroute.state.rules import common

LINES = {
    **{k: chain.LINES[k] for k in ("start", "social_security", "agi", "taxable_income", "credits", "tax")},
    "exemptions": ("Exemptions: $1,000 each person, $1,000 more each 65 or older or blind, $500 more each 65 or "
                   "older below the AGI limit", ("IC 6-3-1-3.5(a)", "Form IT-40 Schedule 3"), ("people", "f1040.11"),
                   ("exemptions", "low_income_aged_exemption")),
    "tax_before_credits": ("State adjusted gross income tax at the flat rate", ("IC 6-3-2-1", "Form IT-40 line 8"),
                           ("taxable_income",), ("flat_rate",)),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    out["agi"] = agi
    chain.deductions(ops, x, p, out)
    _, aged, _ = chain.counts(x, p["low_income_aged_exemption.age"])
    low = ops.where(x["federal_agi"] < p["low_income_aged_exemption.agi_below"], aged, 0)
    out["exemptions"] = out["exemptions"] + low * p["low_income_aged_exemption.amount"]
    taxable = ops.mx(agi - out["exemptions"], 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "IC 6-3-1-3.5(a)")
    if values.get("taxable_income"):
        out.append(("local_income_tax_not_modelled",
                    "Indiana's county income tax, computed on the same return at the rate of the county of residence "
                    "on January 1 (Schedule CT-40, Form IT-40 line 9), is not modelled, not included.",
                    ("IC 6-3.6", "Form IT-40 Schedule CT-40")))
    if common.has(inputs, "pension", "plan"):
        out.append(("state_rule_not_modelled",
                    "Indiana's deductions for a federal civil service annuity and for military retirement pay are not "
                    "taken: the file does not say which pensions these are, so all are taxed here.",
                    ("Form IT-40 Schedule 2", "Indiana Department of Revenue, Tax Information for Seniors and "
                     "Low-Income Taxpayers")))
    return out
