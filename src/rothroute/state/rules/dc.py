"""District of Columbia (D.C. Code tit. 47, ch. 18): federal AGI less the Social Security it taxes,
the standard deduction (the federal one through 2024; from 2025 the District's own basic amount,
the federal additions for 65 or older and blind), one schedule for every filing status.

A married couple may file separately on the same return (Form D-40, Calculation J): each spouse's
own income with half the jointly held, the couple's deduction allocated between them as they
like, each spouse's tax on their own taxable income. The couple pays the lower of the joint tax and
the least separate one (what a preparer files). Interest on any state's bonds is not District
income (§47-1803.02(a)(1)(B)).
"""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain
from rothroute.state.rules import common, spouses

_SEPARATE = ("Form D-40, Calculation J",)
LINES = {
    **chain.LINES,
    "standard_deduction": ("Standard deduction, with the additions for 65 or older and blind", (), (),
                           ("standard_deduction", "additional_standard_deduction")),
    "tax_joint": ("Tax on the joint return (or the only one)", (), ("taxable_income",), ("brackets",)),
    "spouse_agi": ("The second spouse's DC AGI when filing separately on the same return (own income, half the "
                   "joint)", _SEPARATE, ("people",), ("combined_separate",)),
    "tax_separate": ("Tax of the spouses filing separately on the same return, the deduction allocated for the least "
                     "tax", _SEPARATE, ("agi", "spouse_agi", "standard_deduction"), ("combined_separate",)),
    "tax_before_credits": ("DC income tax: the lower of joint and separate on the same return", _SEPARATE,
                           ("tax_joint", "tax_separate"), ()),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    out["agi"] = agi
    deduction = 0
    if "standard_deduction" in p:  # refused for a year whose amount is not published: the single path says so
        people, aged, blind = chain.counts(x, p["additional_standard_deduction.age"])
        deduction = p["standard_deduction"] + (aged + blind) * p["additional_standard_deduction.amount"]
        out["standard_deduction"] = deduction
    taxable = ops.mx(agi - deduction, 0)
    out["taxable_income"] = taxable
    joint = chain.rate(ops, taxable, p)
    out["tax_joint"] = joint
    agi2 = spouses.spouse_income(ops, x)
    out["spouse_agi"] = agi2
    separate = spouses.least_tax_split(ops, agi - agi2, agi2, deduction + 0 * agi, lambda t: chain.rate(ops, t, p),
                                       tuple(p["brackets.over"]))
    out["tax_separate"] = ops.where(x["p2_present"] > 0, separate, joint)
    out["tax_before_credits"] = ops.mn(joint, out["tax_separate"])
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.itemized_note(inputs, values, "D.C. Code §47-1801.04", "Form D-40 line 16")
    if any(p.age >= 62 and p.pension for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "The District excludes up to $3,000 a person of pensions and annuities from the District or the "
                    "federal government (and military retired pay) from 62; the file does not say whose pension "
                    "it is, so none is excluded here.", ("D.C. Code §47-1803.02(a)(2)", "Form D-40 Schedule I")))
    if values.get("tax") and values.get("taxable_income", 0) <= 10_000_000:
        out.append(("state_rule_not_modelled",
                    "Form D-40 takes the tax from its tax table when taxable income is $100,000 or less; rothroute uses "
                    "the rate schedule, which can differ by a few dollars.", ("Form D-40 instructions, tax tables for taxable income of $100,000 or less",)))
    return out

