"""Iowa: federal taxable income (from 2023) less the Social Security benefits the federal return
taxes and the retirement income of each person 55 or older, at the rates (3.8% flat from 2025);
a return other than single pays the alternate tax instead when lower, a single filer's tax is at
most the income over the low-income floor, and no tax is owed at or below it; then the exemption
credits ($40 a person, $20 more for each 65 or older and each blind).

The income of the low-income exemption, the alternate tax and the tax reduction is Iowa taxable
income plus the federal deductions below AGI (the standard or itemized deduction, the qualified
business income deduction and, from 2025, the enhanced deduction for seniors): rothroute reads it
as Iowa taxable income plus federal AGI less federal taxable income."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain
from rothroute.state.rules import common

_IA = "IA 1040"
LINES = {
    **{k: chain.LINES[k] for k in ("social_security", "retirement_exclusion")},
    "start": ("Federal taxable income, where Iowa taxable income starts", ("Iowa Code §422.7", "Form 1040 line 15"),
              ("f1040.15",), ("start",)),
    "taxable_income": ("Iowa taxable income", ("Iowa Code §422.7", _IA + " line 4"),
                       ("start", "social_security", "retirement_exclusion"), ()),
    "modified_income": ("Income for the low-income exemption, alternate tax and tax reduction: Iowa taxable income "
                        "plus the federal deductions below AGI", (_IA + " line 4 instructions",),
                        ("taxable_income", "f1040.11", "f1040.15"), ("low_income",)),
    "tax_main": ("Tax by the rates", ("Iowa Code §422.5A", _IA + " line 5"), ("taxable_income",),
                 ("brackets", "flat_rate")),
    "tax_before_credits": ("Iowa tax: the lower alternate tax (not single), the tax reduction (single), none at or "
                           "below the low-income floor", ("Iowa Code §422.5", _IA + " line 5"),
                           ("tax_main", "modified_income"), ("low_income", "alternate_tax")),
    "credits": ("Exemption credits: $40 a person, $20 more for each 65 or older and each blind",
                ("Iowa Code §422.12", _IA + " line 7"), ("people",), ("person_credits",)),
    "tax": ("Iowa income tax after nonrefundable credits", (_IA + " line 8",), ("tax_before_credits", "credits"), ()),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    taxable = ops.mx(chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out), 0)
    out["taxable_income"] = taxable
    modified = taxable + x["federal_agi"] - x["federal_taxable_income"]
    out["modified_income"] = modified
    tax = chain.rate(ops, taxable, p)
    out["tax_main"] = tax
    people, aged, blind = chain.counts(x, p["low_income.age"])
    single = x["status"] == 0
    floor = ops.where(single, ops.where(aged > 0, p["low_income.single_aged"], p["low_income.single"]),
                      ops.where(aged > 0, p["low_income.other_aged"], p["low_income.other"]))
    if "alternate_tax.rate" in p:  # not single: the alternate tax when lower
        alternate = times(ops.mx(modified - floor, 0), p["alternate_tax.rate"])
        tax = ops.where(single, tax, ops.mn(tax, alternate))
    tax = ops.where(single, ops.mn(tax, ops.mx(modified - floor, 0)), tax)  # single: the tax reduction
    tax = ops.where(modified <= floor, 0, tax)  # the low-income exemption
    out["tax_before_credits"] = tax
    credits = (people * p["person_credits.personal"] + aged * p["person_credits.aged"]
               + blind * p["person_credits.blind"])
    return chain.finish(ops, out, credits)


def needs(step: str, x: Mapping[str, Any], ops: Any) -> Any:
    """The alternate tax (refused for a year whose rate is not known) matters to returns other than
    single with taxable income; a single filer never takes it."""
    if step == "alternate_tax":
        return (x["status"] != 0) & (x["federal_taxable_income"] > 0)
    return True


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Iowa Code §422.7") + common.itemized_note(inputs, values, "Iowa Code §422.7")
    if values.get("taxable_income"):
        out.append(("local_income_tax_not_modelled",
                    "Iowa's school district income surtax (a percentage of the Iowa tax, by school district) and any "
                    "county local income surtax, computed on the IA 1040, are not modelled, not included.",
                    ("Iowa Code §422D.2", _IA + " school district surtax")))
    if inputs.status == "head_of_household" and values.get("tax_before_credits"):
        out.append(("state_rule_not_modelled",
                    "A head of household's additional Iowa exemption credit and dependents' credits are not taken "
                    "(the file has no dependents).", ("Iowa Code §422.12",)))
    return out
