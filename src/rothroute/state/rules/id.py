"""Idaho: federal taxable income (the federal standard or itemized deduction, the qualified business
income deduction and, from 2025, the federal deductions of Schedule 1-A already taken) less the Social
Security benefits the federal return taxes, taxed at the flat rate above the indexed threshold, plus
the $10 permanent building fund tax on every return that must be filed.

Federal taxable income less the taxable benefits is Idaho taxable income: when federal taxable income
is positive, it is federal AGI less the benefits less the same deductions Idaho allows; when it is
zero, Idaho's is zero too (Idaho AGI is smaller still). The return must be filed when gross income
(taken as federal AGI plus the federal adjustments to income) is at least the federal filing
threshold."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain
from rothroute.state.rules import common

LINES = {
    "start": ("Federal taxable income, where Idaho taxable income starts", ("Idaho Code §63-3022", "Form 1040 line 15"),
              ("f1040.15",), ("start",)),
    "social_security": chain.LINES["social_security"],
    "taxable_income": ("Idaho taxable income", ("Idaho Code §63-3022", "Idaho Form 40 line 20"),
                       ("start", "social_security"), ()),
    "tax_before_credits": ("Tax: the rate on Idaho taxable income over the threshold",
                           ("Idaho Code §63-3024", "Idaho Form 40 line 20"), ("taxable_income",), ("brackets",)),
    "building_fund_tax": ("Permanent building fund tax: $10 on a return that must be filed (gross income, taken as "
                          "federal AGI plus adjustments, at least the federal filing threshold)",
                          ("Idaho Code §63-3082", "Idaho Code §57-1110"), ("f1040.11", "f1040.10", "people"),
                          ("building_fund",)),
    "credits": chain.LINES["credits"],
    "tax": ("Idaho income tax and permanent building fund tax", ("Idaho Form 40",),
            ("tax_before_credits", "building_fund_tax"), ()),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    taxable = ops.mx(chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out), 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    _, aged, _ = chain.counts(x, 65)
    threshold = p["building_fund.filing_threshold"] + aged * p["building_fund.aged"]
    gross = x["federal_agi"] + x["federal_adjustments"]
    out["building_fund_tax"] = ops.where(gross >= threshold, p["building_fund.amount"], 0)
    out = chain.finish(ops, out, 0)
    out["tax"] = out["tax"] + out["building_fund_tax"]
    return out


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Idaho Code §63-3022") + common.itemized_note(
        inputs, values, "Idaho Code §63-3022")
    if any(p.age >= 62 and (p.pension or p.plan) for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "Idaho's retirement benefits deduction (civil service, Idaho firefighter and police retirement "
                    "benefits from 65, or 62 if disabled, up to the maximum Social Security benefit less benefits "
                    "received) is not taken: the file does not say which pensions qualify.",
                    ("Idaho Code §63-3022A", "Idaho Form 39R")))
    if any(p.age >= 65 for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "Idaho subtracts the health insurance premiums paid that the federal return did not deduct, "
                    "Medicare Part B and D premiums included (Form 39R Part B); the file gives no premiums paid, so "
                    "none is subtracted here and the Idaho tax may be high by the Idaho rate on them.",
                    ("Idaho Code §63-3022P", "Idaho Form 39R")))
    return out
