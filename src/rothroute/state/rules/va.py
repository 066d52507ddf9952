"""Virginia: the generic chain (federal AGI; Social Security taxed federally subtracted; the
standard deduction; personal exemptions with the additions for age and blindness; the graduated
schedule) with the age deduction in Virginia AGI and the spouse tax adjustment.

The age deduction (Va. Code §58.1-322.03(5)): $12,000 for each person 65 or older; in full for
one born on or before January 1, 1939, otherwise reduced $1 for each $1 of adjusted federal AGI
(federal AGI less taxable Social Security) over $50,000 ($75,000 for the married, joint or
separate, on the couple's joint income; when both spouses claim it, the reduction is taken from
their joint deduction and the rest split half each).

No tax is imposed where Virginia AGI plus the age deduction is under $11,950 ($23,900 for a
married couple; Va. Code §58.1-321(A)).

The spouse tax adjustment (Form 760 line 17): on a joint return with joint taxable income over
$3,000 and Virginia AGI for each spouse, the joint tax less the tax on each spouse's part of the
taxable income, taken in proportion to each spouse's Virginia AGI (Virginia Tax's STA calculator:
'two-income couples filing a joint return will not pay more tax than the combined tax that would
be due if separate returns were filed'), at most $259. Each spouse's Virginia AGI is their own
income; the household's capital gain or loss and adjustments are half each's; a spouse's taxable
Social Security is in their federal AGI and subtracted again, so it is in neither (Form 760
instructions, Worksheet for Determining Separate Virginia AGI).
"""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_STA = ("Form 760 line 17", "Virginia Tax, Spouse Tax Adjustment, "
        "https://tax.virginia.gov/spouse-tax-adjustment")
LINES = {
    **chain.LINES,
    "tax_before_credits": ("Tax on the taxable income (none where Virginia AGI plus the age deduction is under the "
                           "threshold)", ("Va. Code §58.1-321(A)",), ("taxable_income", "agi", "age_deduction"),
                           ("brackets", "no_tax")),
    "age_deduction": ("Age deduction: $12,000 each from 65, less income over the limit (in full if born on or before "
                      "January 1, 1939)", ("Va. Code §58.1-322.03(5)", "Form 760 line 4"),
                      ("f1040.11", "f1040.6b", "people"), ("age_deduction",)),
    "spouse_agi": ("The second spouse's Virginia AGI (each spouse's own income)", ("Form 760 line 16b",),
                   ("people", "agi"), ("spouse_tax_adjustment",)),
    "credits": ("Spouse tax adjustment: the joint tax less the tax on each spouse's share of taxable income "
                "(in proportion to Virginia AGI), at most $259", _STA, ("agi", "spouse_agi", "taxable_income"),
                ("spouse_tax_adjustment",)),
}


def _age_deduction(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], year_age_full: Any) -> tuple[Any, Any, Any]:
    """The age deduction of each person (p1, p2) and its total."""
    amount, age = p["age_deduction.amount"], p["age_deduction.age"]
    afagi = x["federal_agi"] - x["federal_taxable_social_security"]
    excess = ops.mx(afagi - p["age_deduction.income_over"], 0)
    eligible = [(x[f"{w}_age"] >= age) * x[f"{w}_present"] for w in f.PEOPLE]
    full = [e * (x[f"{w}_age"] >= year_age_full) for e, w in zip(eligible, f.PEOPLE)]
    income_based = [e - u for e, u in zip(eligible, full)]
    joint = ops.mx((income_based[0] + income_based[1]) * amount - excess, 0)
    both = income_based[0] * income_based[1]
    half = joint // 2
    each = [full[k] * amount + income_based[k] * ops.where(both > 0, half + (joint - 2 * half) * (1 - k), joint)
            for k in range(2)]
    return each[0], each[1], each[0] + each[1]


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    age1, age2, ages = _age_deduction(ops, x, p, p["age_deduction.full_age"])
    out["age_deduction"] = ages
    agi = agi - ages
    out["agi"] = agi
    taxable = ops.mx(agi - chain.deductions(ops, x, p, out), 0)
    out["taxable_income"] = taxable
    tax = chain.rate(ops, taxable, p)
    # no tax where Virginia AGI plus the age deduction is under the threshold (§58.1-321(A))
    tax = ops.where(agi + ages < p["no_tax"], 0, tax) if "no_tax" in p else tax
    out["tax_before_credits"] = tax
    if "spouse_tax_adjustment.cap" not in p:
        return chain.finish(ops, out, 0)
    # the second spouse's Virginia AGI: own income, half the shared items, less own subtractions; the
    # taxable Social Security that spouse's federal AGI holds is subtracted again in full, so neither
    # is counted (own2 is the income other than Social Security)
    own2 = (x["p2_wages"] + f.person_sum(x, "p2", ("pension", "ira", "conversion", "plan", "interest", "dividends",
                                                   "other")))
    shared = x["federal_capital_gain"] - x["federal_adjustments"]
    agi2 = (own2 + shared // 2 - age2) * x["p2_present"]
    out["spouse_agi"] = agi2
    agi1 = agi - agi2
    share2 = ops.where(agi > 0, ratio_times(taxable, ops.mx(agi2, 0), ops.mx(agi, 1)), 0)
    separate = chain.rate(ops, taxable - share2, p) + chain.rate(ops, share2, p)
    qualifies = (x["p2_present"] > 0) & (taxable > p["spouse_tax_adjustment.floor"]) & (agi1 > 0) & (agi2 > 0)
    sta = ops.where(qualifies, ops.mn(ops.mx(tax - separate, 0), p["spouse_tax_adjustment.cap"]), 0)
    return chain.finish(ops, out, sta)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Form 760 Schedule ADJ (additions)") + common.itemized_note(
        inputs, values, "Va. Code §58.1-322.03")
    if inputs.status == "married_separate" and values.get("age_deduction") is not None and any(
            p.age >= 65 for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "A married person filing separately figures the income-based age deduction on both spouses' "
                    "income; the file has only this spouse's.", ("Va. Code §58.1-322.03(5)",)))
    if values.get("tax") and values.get("agi", 0) < 4_000_000:
        out.append(("state_rule_not_modelled",
                    "Virginia's credit for low-income individuals and its earned income credit (for a family at or "
                    "below the federal poverty guidelines) are not modelled.", ("Form 760 Schedule ADJ (credit for low-income individuals)",)))
    return out

