"""Delaware (30 Del. C. ch. 11): federal AGI less the Social Security it taxes and each person's
pension exclusion (under 60: employer pensions up to $2,000; from 60: pensions and eligible
retirement income, IRA and plan money, conversions, interest, dividends and gains, up to $12,500),
the standard deduction with $2,500 for each person 65 or older or blind, one schedule for every
filing status, and the personal credits ($110 a person, $110 more from 60), never more than the tax.

A married couple may instead file two separate returns on one form (filing status 4, §1162): each
spouse's own income with half the jointly held, own exclusion, $3,250 standard deduction with own
additions, own credits against own tax. The couple pays the lower of the two (what a preparer
files).

Not modelled, because it never changes the tax: the $2,000 exclusion for a person 60 or older with
earned income under $2,500 and AGI of $10,000 or less ($5,000 and $20,000 on a joint return): at
those incomes the personal credits already cover the whole tax (a worked case in
tests/cases/state_de.yaml shows the largest).
"""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain, formulas as f
from rothroute.state.rules import common, spouses

_SEPARATE = ("30 Del. C. §1162(a)(2)", "Form PIT-RES, filing status 4")
LINES = {
    **chain.LINES,
    "retirement_exclusion": ("Pension exclusion: under 60, pensions up to $2,000; from 60, pensions and eligible "
                             "retirement income up to $12,500, each person", ("30 Del. C. §1106(b)(3)",),
                             ("people",), ("age_split_exclusion",)),
    "credits": ("Personal credits: $110 a person, $110 more from 60, not more than the tax",
                ("30 Del. C. §1110(b), (c)",), ("tax_before_credits",), ("personal_credits",)),
    "tax_joint": ("Tax after credits on the joint return (or the only one)", (), ("tax_before_credits", "credits"), ()),
    "spouse_agi": ("The second spouse's Delaware AGI on a combined separate return (own income, half the joint)",
                   _SEPARATE, ("people",), ("combined_separate",)),
    "tax_separate": ("Tax after credits of the two separate returns on one form (each spouse's own deduction, "
                     "credits against own tax)", _SEPARATE, ("agi", "spouse_agi"), ("combined_separate",)),
    "tax": ("Delaware income tax: the lower of joint and combined separate returns", _SEPARATE,
            ("tax_joint", "tax_separate"), ()),
}


def _exclusion(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], who: str) -> Any:
    young = f.retirement_exclusion(ops, x, who, p["age_split_exclusion.under_kinds"], (0,),
                                   (p["age_split_exclusion.under_cap"],), 0)
    old = f.retirement_exclusion(ops, x, who, p["age_split_exclusion.from_kinds"], (0,),
                                 (p["age_split_exclusion.from_cap"],), 0)
    return ops.where(x[f"{who}_age"] >= p["age_split_exclusion.age"], old, young)


def _credits(x: Mapping[str, Any], p: Mapping[str, Any], who: str) -> Any:
    aged = x[f"{who}_age"] >= p["personal_credits.age"]
    return (p["personal_credits.amount"] + aged * p["personal_credits.aged"]) * x[f"{who}_present"]


def _standard(x: Mapping[str, Any], p: Mapping[str, Any], who: str, base: Any) -> Any:
    aged = x[f"{who}_age"] >= p["aged_blind_deduction.age"]
    return (base + aged * p["aged_blind_deduction.aged"] + x[f"{who}_blind"] * p["aged_blind_deduction.blind"]) * (
        x[f"{who}_present"])


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    excluded = [_exclusion(ops, x, p, who) for who in f.PEOPLE]
    out["retirement_exclusion"] = excluded[0] + excluded[1]
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out) - out["retirement_exclusion"]
    out["agi"] = agi
    taxable = ops.mx(agi - chain.deductions(ops, x, p, out), 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    credits = _credits(x, p, "p1") + _credits(x, p, "p2")
    chain.finish(ops, out, credits)
    joint = out["tax"]
    out["tax_joint"] = joint
    # combined separate returns: each spouse's own AGI, deduction and credits
    agi2 = (spouses.spouse_income(ops, x) - excluded[1]) * x["p2_present"]
    agi1 = agi - agi2
    out["spouse_agi"] = agi2
    base = p["combined_separate.each_standard_deduction"]
    separate = 0
    for who, own in (("p1", agi1), ("p2", agi2)):
        own_taxable = ops.mx(own - _standard(x, p, who, base), 0)
        separate = separate + ops.mx(chain.rate(ops, own_taxable, p) - _credits(x, p, who), 0) * x[f"{who}_present"]
    out["tax_separate"] = ops.where(x["p2_present"] > 0, separate, joint)
    out["tax"] = ops.mn(joint, out["tax_separate"])
    return out


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "30 Del. C. §1106(a)") + common.itemized_note(inputs, values, "30 Del. C. §1109")
    if common.has(inputs, "wages"):
        out.append(("local_income_tax_not_modelled",
                    "Wilmington's earned income tax on wages and net profits (filed with the city, not on the state "
                    "return) is not modelled, not included.", ("City of Wilmington earned income tax",)))
    if any(p.age < 60 and p.pension for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "Under 60 only pensions from employers and governments are excluded (up to $2,000), not early "
                    "distributions or disability pensions before the plan's retirement age; the file's pension income "
                    "is taken as a qualifying pension.", ("30 Del. C. §1106(b)(3)", "Form PIT-RES instructions")))
    out += common.earned_income_credit_note(
        inputs, values, "Delaware's earned income credit (20% of the federal earned income credit, nonrefundable, "
        "which rothroute does not compute) is not taken: a household claiming the federal credit owes less.",
        "30 Del. C. §1117")
    out += common.earned_income_credit_note(
        inputs, values, "Delaware's earned income credit (20% of the federal earned income credit, nonrefundable, "
        "which rothroute does not compute) is not taken: a household claiming the federal credit owes less.",
        "30 Del. C. §1117")
    return out
