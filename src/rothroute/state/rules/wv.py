"""West Virginia (W. Va. Code chapter 11, article 21; Form IT-140): federal AGI less the Social
Security the federal return taxes (all of it up to a federal AGI of $50,000, $100,000 joint, a
share above it until 2026), each person's $8,000 senior modification from 65 less that person's
share of the Social Security subtracted, and the low-income earned income exclusion; $2,000
exemptions; Rate Schedule I (II for married filing separately) through the Tax Table under
$100,000, to the dollar; the family tax credit (the tax in full at or below the poverty
guideline, 10 points less for each $300 above it)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times
from rothroute.state import chain, formulas as f, tables
from rothroute.state.rules import common

_F = "Form IT-140"
_M = "Schedule M"
LINES = {
    **chain.LINES,
    "social_security": ("Social Security taxed federally, subtracted (in full up to the federal AGI limit, a share "
                        "above it)", ("W. Va. Code §11-21-12(c)(8)", _M + " line 34"), ("f1040.6b", "f1040.11"),
                        ("social_security_limit",)),
    "senior_modification": ("Senior modification: $8,000 of each person's income from 65, less their Social "
                            "Security subtracted", ("W. Va. Code §11-21-12(c)(9)", _M + " line 47"),
                            ("people", "social_security"), ("senior_modification",)),
    "low_income_exclusion": ("Low-income earned income exclusion", ("W. Va. Code §11-21-10", _F + " line 5"),
                             ("f1040.11", "people"), ("low_income_exclusion",)),
    "agi": ("West Virginia adjusted gross income", (_F + " line 4",),
            ("start", "social_security", "senior_modification"), ("start",)),
    "exemptions": ("Exemptions: $2,000 for each person", ("W. Va. Code §11-21-16", _F + " line 6"), (),
                   ("exemptions",)),
    "taxable_income": ("West Virginia taxable income", (_F + " line 7",), ("agi", "low_income_exclusion", "exemptions"),
                       ()),
    "tax_before_credits": ("Tax: the Tax Table under $100,000 (Rate Schedule II for married filing separately), to "
                           "the dollar", ("W. Va. Code §11-21-4i", _F + " line 8"), ("taxable_income",),
                           ("brackets", "tax_table")),
    "credits": ("Family tax credit: the tax in full at or below the poverty guideline for the family, 10 points less "
                "for each $300 above it", ("W. Va. Code §11-21-22b", "Schedule FTC-1"),
                ("f1040.11", "f1040.2a", "tax_before_credits"), ("family_tax_credit",)),
}


def social_security(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> Any:
    taxable = x["federal_taxable_social_security"]
    above = ratio_times(taxable, p["social_security_limit.share_above"].numerator,
                        p["social_security_limit.share_above"].denominator)
    return ops.where(x["federal_agi"] <= p["social_security_limit.agi_limit"], taxable, above)


def senior(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], subtracted: Any) -> Any:
    """Each person's $8,000 of their own income from 65, less their part of the Social Security
    subtracted (the benefits are each spouse's own; the taxable part shared as the benefits are)."""
    benefits = x["p1_social_security"] + x["p2_social_security"]
    taxable = x["federal_taxable_social_security"]
    total = 0
    for who in f.PEOPLE:
        mine = x[f"{who}_social_security"]
        share = ops.where(benefits > 0, ratio_times(taxable, mine, ops.mx(benefits, 1)), 0)
        removed = ops.where(benefits > 0, ratio_times(subtracted, mine, ops.mx(benefits, 1)), 0)
        income = (f.person_sum(x, who, ("wages", "pension", "ira", "conversion", "plan", "interest", "dividends",
                                        "other")) + f.counted_gains(ops, x, who) + share)
        amount = ops.mx(ops.mn(p["senior_modification.amount"], ops.mx(income, 0)) - removed, 0)
        eligible = (x[f"{who}_age"] >= p["senior_modification.age"]) * x[f"{who}_present"]
        total = total + eligible * amount
    return total


def family_credit(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], tax: Any) -> Any:
    size = ops.mn(x["p1_present"] + x["p2_present"], p["family_tax_credit.max_size"])
    guideline = p["family_tax_credit.first"] + (size - 1) * p["family_tax_credit.each"]
    modified = x["federal_agi"] + x["p1_exempt_interest"] + x["p2_exempt_interest"]
    steps = f.ceil_div(ops.mx(modified - guideline, 0), p["family_tax_credit.step"])
    share = p["family_tax_credit.share"]
    left = ops.mx(share.denominator - steps * share.numerator, 0)
    return tables.whole_dollars(tax * left, share.denominator)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start = chain.start(ops, x, p, out)
    social = social_security(ops, x, p)
    out["social_security"] = social
    out["senior_modification"] = senior(ops, x, p, social)
    agi = start - social - out["senior_modification"]
    out["agi"] = agi
    earned = ops.mx(x["p1_wages"] + x["p2_wages"], 0)
    low = ops.mn(ops.mn(earned, p["low_income_exclusion.cap"]), ops.mx(x["federal_agi"], 0))
    out["low_income_exclusion"] = ops.where(x["federal_agi"] <= p["low_income_exclusion.agi_limit"], low, 0)
    exemptions = chain.deductions(ops, x, p, out)
    taxable = ops.mx(agi - out["low_income_exclusion"] - exemptions, 0)
    out["taxable_income"] = taxable
    tax = chain.rate(ops, taxable, p)
    out["tax_before_credits"] = tax
    return chain.finish(ops, out, family_credit(ops, x, p, tax))


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "W. Va. Code §11-21-12(b)(1)", "Schedule M line 25")
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "West Virginia subtracts military retirement in full and up to $2,000 of West Virginia and "
                    "federal public pensions (police, fire, PERS, civil service); the file does not say where a "
                    "pension comes from, so neither is taken.", ("W. Va. Code §11-21-12(c)(5)-(7)", "Schedule M")))
    if any(p.age < 65 and p.social_security for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "West Virginia's $8,000 modification is also for a person certified as permanently and totally "
                    "disabled, at any age; the file does not say whether someone under 65 receiving Social Security is, "
                    "so it is not taken for them.", ("W. Va. Code §11-21-12(c)(9)", "Schedule M line 47")))
    return out
