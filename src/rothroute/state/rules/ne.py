"""Nebraska (Neb. Rev. Stat. §77-2715.03, §77-2716, §77-2716.01, §77-2715.07): federal AGI less the
Social Security it includes (in full from 2024), less the standard deduction (with an addition by
filing status for each person 65 or older and each blind), taxed by the indexed schedule; the
personal exemption credit for each person on the return and the credit for the elderly (the
federal credit of Schedule R); the tax after those credits no more than the federal tax before
credits when the Nebraska adjustments add less than $5,000 to federal AGI (the Federal Tax
Liability Worksheet). No general retirement exclusion: pensions, IRA distributions and Roth
conversions are taxed as the federal return taxes them."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain
from rothroute.state.rules import common

LINES = {
    **chain.LINES,
    "standard_deduction": ("Standard deduction, with the addition for each person 65 or older and each blind",
                           ("Form 1040N lines 6-7",), (), ("standard_deduction", "aged_blind_addition")),
    "taxable_income": ("Nebraska taxable income", ("Form 1040N line 14",), ("agi", "standard_deduction"), ()),
    "tax_before_credits": ("Tax by the Tax Calculation Schedule", ("Neb. Rev. Stat. §77-2715.03",
                                                                   "Form 1040N line 15"),
                           ("taxable_income",), ("brackets",)),
    "credits": ("Nonrefundable credits: the personal exemption credit for each person on the return, and the "
                "credit for the elderly (the federal credit)", ("Neb. Rev. Stat. §77-2715.07",
                                                               "Federal Schedule R line 22"),
                ("schr.22",), ("exemption_credit",)),
    "federal_limit": ("The federal tax before credits, the most the Nebraska tax after credits can be (Nebraska "
                      "adjustments adding less than $5,000 to federal AGI)",
                      ("Form 1040N instructions, Federal Tax Liability Worksheet", "Form 1040 line 18"),
                      ("f1040.18", "social_security"), ("federal_liability_limit",)),
    "tax": ("Nebraska income tax after nonrefundable credits (no more than the federal limit)", (),
            ("tax_before_credits", "credits", "federal_limit"), ()),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    out["agi"] = agi
    people, aged, blind = chain.counts(x, p["aged_blind_addition.age"])
    standard = p["standard_deduction"] + (aged + blind) * p["aged_blind_addition.amount"]
    out["standard_deduction"] = standard
    taxable = ops.mx(agi - standard, 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    out = chain.finish(ops, out, people * p["exemption_credit.amount"] + x["federal_elderly_credit"])
    # the Federal Tax Liability Worksheet: adjustments increasing AGI (none here: exempt interest is
    # taken as Nebraska's own) less those decreasing it (the Social Security subtracted) under $5,000
    applies = -out.get("social_security", 0) < p["federal_liability_limit.adjustments_under"]
    limit = ops.where(applies, x["federal_tax_before_credits"], out["tax"])
    out["federal_limit"] = limit
    out["tax"] = ops.mn(out["tax"], limit)
    return out


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Neb. Rev. Stat. §77-2716", "Nebraska Schedule I, lines 1-3")
    out += common.itemized_note(inputs, values, "Neb. Rev. Stat. §77-2716.01")
    if common.has(inputs, "pension", "plan"):
        out.append(("state_rule_not_modelled",
                    "Nebraska subtracts military retirement benefits and, from 2023, annuities from the federal Civil "
                    "Service Retirement System; the file does not say whose pension is which, so all pension and plan "
                    "income is taxed here.", ("Neb. Rev. Stat. §77-2716", "Nebraska Schedule I")))
    return out
