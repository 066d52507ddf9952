"""Kentucky: federal AGI less the Social Security benefits the federal return taxes and each
person's pension income exclusion (pensions, IRA and plan money, Roth conversions, up to $31,110,
at any age), less the standard deduction, at the flat rate; the personal tax credits ($40 for each
person 65 or older and each blind) and the family size tax credit (a share of the tax for modified
gross income up to 133% of the poverty threshold).

A married couple may file separately on a combined return (filing status 2), each spouse with their
own income, standard deduction and credits; the instructions say it usually costs less than a
joint return, and a preparer takes whichever is lower, as here. Each spouse's Kentucky AGI: their
own wages, retirement income and other income, their part of the investment income (as the file
gives it, half each where it names no person), half the federal adjustments, their share of the
taxable benefits (in proportion to benefits received) less the same benefits subtracted (they net
out), less their own pension exclusion. The
family size credit reads the couple's income and tax together."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_740 = "Kentucky Form 740"
LINES = {
    **{k: chain.LINES[k] for k in ("start", "social_security", "retirement_exclusion", "agi", "standard_deduction")},
    "spouse_agi": ("The spouse's Kentucky AGI on a combined return (own income, half the shared items, less own "
                   "subtractions)", ("103 KAR 17:020 §2(3)", _740 + " line 9, column A"), ("people", "agi"),
                   ("combined_return",)),
    "taxable_income": ("Kentucky taxable income (both columns on a combined return)", (_740 + " line 11",),
                       ("agi", "spouse_agi", "standard_deduction"), ()),
    "tax_before_credits": ("Tax at the flat rate", ("KRS 141.020(2)", _740 + " line 12"), ("taxable_income",),
                           ("flat_rate",)),
    "personal_credits": ("Personal tax credits: each person 65 or older and each blind", ("KRS 141.020(3)",
                                                                                         "Schedule ITC Section B"),
                         ("people",), ("person_credits",)),
    "family_size_credit": ("Family size tax credit: a share of the tax by modified gross income as a multiple of "
                           "the poverty threshold for the family", ("KRS 141.066", _740 + " line 20"),
                           ("f1040.11", "agi"), ("family_size_credit",)),
    "credits": ("Nonrefundable credits", (_740,), ("personal_credits", "family_size_credit"), ()),
    "tax": ("Kentucky income tax after nonrefundable credits (the lower of a joint and a combined return for a "
            "couple)", (_740 + " line 21",), ("tax_before_credits", "credits"), ()),
}


def _spouse_agi(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> Any:
    """The second person's Kentucky AGI (0 when there is none). Their share of the taxable benefits
    is in their column's federal AGI and subtracted again on Schedule M (KRS 141.019): it nets out,
    so neither is counted."""
    own = x["p2_wages"] + f.person_sum(x, "p2", ("pension", "ira", "conversion", "plan", "interest", "dividends",
                                                 "other")) + f.counted_gains(ops, x, "p2")
    excluded = f.retirement_exclusion(ops, x, "p2", p["retirement_exclusion.kinds"], p["retirement_exclusion.halves"],
                                      p["retirement_exclusion.caps"], p["retirement_exclusion.earned"],
                                      p["retirement_exclusion.any_age"])
    return (own - x["federal_adjustments"] // 2 - excluded) * x["p2_present"]


def _credits(x: Mapping[str, Any], p: Mapping[str, Any], who: str) -> Any:
    aged = (x[f"{who}_age"] >= p["person_credits.age"]) * x[f"{who}_present"]
    blind = x[f"{who}_blind"] * x[f"{who}_present"]
    return x[f"{who}_present"] * p["person_credits.personal"] + aged * p["person_credits.aged"] + blind * p[
        "person_credits.blind"]


def _share(ops: Any, income: Any, threshold: Any, rows: Any) -> Any:
    """The family size credit's share of the tax (in 1/1000): the first row whose multiple of the
    threshold the income does not exceed."""
    share = income * 0
    for multiple, rate in reversed(rows):
        share = ops.where(income * multiple.denominator <= threshold * multiple.numerator,
                          int(rate * 1000), share)
    return share


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    out["agi"] = agi
    standard = p["standard_deduction"]
    out["standard_deduction"] = standard
    rate = p["flat_rate.rate"]
    joint_taxable = ops.mx(agi - standard, 0)
    credits1, credits2 = _credits(x, p, "p1"), _credits(x, p, "p2")
    joint = ops.mx(f.flat_tax(joint_taxable, rate) - credits1 - credits2, 0)
    agi2 = _spouse_agi(ops, x, p)
    out["spouse_agi"] = agi2
    taxable1, taxable2 = ops.mx(agi - agi2 - standard, 0), ops.mx(agi2 - standard, 0)
    combined = (ops.mx(f.flat_tax(taxable1, rate) - credits1, 0)
                + ops.mx(f.flat_tax(taxable2, rate) - credits2, 0))
    use_combined = (x["p2_present"] > 0) & (p["combined_return.allowed"] > 0) & (combined < joint)
    out["taxable_income"] = ops.where(use_combined, taxable1 + taxable2, joint_taxable)
    out["tax_before_credits"] = f.flat_tax(out["taxable_income"], rate)
    after_personal = ops.where(use_combined, combined, joint)
    out["personal_credits"] = out["tax_before_credits"] - after_personal
    people = x["p1_present"] + x["p2_present"]
    size = ops.mn(people, p["family_size_credit.max_size"])
    threshold = p["family_size_credit.base"] + (size - 1) * p["family_size_credit.step"]
    modified = ops.mx(x["federal_agi"], agi)
    share = _share(ops, modified, threshold, p["family_size_credit.shares"])
    out["family_size_credit"] = ratio_times(after_personal, share, 1000)
    return chain.finish(ops, out, out["personal_credits"] + out["family_size_credit"])


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "KRS 141.019") + common.itemized_note(inputs, values, "Form 740 Schedule A")
    if common.has(inputs, "wages"):
        out.append(("local_income_tax_not_modelled",
                    "Kentucky's cities and counties levy occupational license taxes on wages, paid apart from the "
                    "state return: not modelled, not included.", ()))
    if any(p.pension + p.plan > 3_111_000 for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "A retiree of a Kentucky public or federal pension with service before 1998 may exclude more "
                    "than $31,110 (Schedule P); rothroute takes the $31,110 cap.", ("KRS 141.019", "Schedule P")))
    if inputs.status == "married_separate" and values.get("tax_before_credits"):
        out.append(("state_rule_not_modelled",
                    "Kentucky's family size tax credit on a separate return is for a spouse not living with the "
                    "other; rothroute takes one person's family and income.", ("KRS 141.066",)))
    return out
