"""Alabama (Ala. Code tit. 40, ch. 18): federal AGI less Social Security, defined benefit pensions at
any age and, from 65, the first $6,000 of each person's other retirement income (IRA and plan money,
conversions); a net capital loss deducted whole (§40-18-8); the standard deduction that falls with
Alabama AGI; the year's federal income tax (Form 1040 line 22 and the net investment income tax)
deducted; one personal exemption by filing status; the 2%/4%/5% schedule (brackets doubled for a
couple)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

LINES = {
    **chain.LINES,
    "retirement_exclusion": ("Defined benefit pensions, and from 65 the first $6,000 of other retirement income, each "
                             "person", ("Ala. Code §40-18-19(a)", "Schedule RS"), ("people",),
                             ("retirement_exclusion",)),
    "capital_losses": ("Net capital loss beyond the federal $3,000 limit, deducted", ("Ala. Code §40-18-8",),
                       ("people", "f1040.7"), ("full_capital_losses",)),
    "agi": ("Alabama adjusted gross income", ("Form 40 line 10",),
            ("start", "social_security", "retirement_exclusion", "capital_losses"), ("start",)),
    "standard_deduction": ("Standard deduction by Alabama AGI", ("Form 40 line 11",), ("agi",),
                           ("sliding_standard_deduction",)),
    "itemized_deduction": ("Itemized deduction counted: the Social Security and Medicare taxes on wages (taken when "
                           "larger than the standard deduction)", ("Form 40 Schedule A line 6",), ("people",),
                           ("payroll_tax_itemized",)),
    "federal_tax_deduction": ("Federal income tax deduction: Form 1040 line 22 and Form 8960 line 17",
                              ("Form 40 line 12",), ("f1040.22", "f8960.17"), ("federal_tax_deduction",)),
    "exemptions": ("Personal exemption", ("Form 40 line 13",), (), ("filing_exemption",)),
    "taxable_income": ("Alabama taxable income: AGI less the larger of the standard and itemized deductions, the "
                       "federal tax and the exemption", (),
                       ("agi", "standard_deduction", "itemized_deduction", "federal_tax_deduction", "exemptions"), ()),
}


def _payroll_taxes(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> Any:
    """The employee's Social Security and Medicare taxes on the wages of the return (deferrals are
    wages for them, IRC §3121(v)(1)(A))."""
    total = 0
    taxes = 0
    for who in f.PEOPLE:
        wages = ops.mx(x[f"{who}_wages"] + x[f"{who}_deferrals"], 0) * x[f"{who}_present"]
        total = total + wages
        taxes = taxes + times(ops.mn(wages, p["payroll_tax_itemized.wage_base"]),
                              p["payroll_tax_itemized.social_security_rate"])
        taxes = taxes + times(wages, p["payroll_tax_itemized.medicare_rate"])
    extra = ops.mx(total - p["payroll_tax_itemized.additional_over"], 0)
    return taxes + times(extra, p["payroll_tax_itemized.additional_rate"])


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    if p.get("full_capital_losses.deducted"):
        gains = f.household_sum(x, ("gains",))
        out["capital_losses"] = ops.mn(gains - x["federal_capital_gain"], 0)
        agi = agi + out["capital_losses"]
    out["agi"] = agi
    steps = ops.mx(agi - p["sliding_standard_deduction.over"], 0) // p["sliding_standard_deduction.step"]
    standard = ops.mx(p["sliding_standard_deduction.most"] - steps * p["sliding_standard_deduction.less"],
                      p["sliding_standard_deduction.least"])
    out["standard_deduction"] = standard
    if "payroll_tax_itemized.wage_base" in p:
        out["itemized_deduction"] = _payroll_taxes(ops, x, p)
        standard = ops.mx(standard, out["itemized_deduction"])
    federal = x["federal_income_tax"] + (x["federal_niit"] if p["federal_tax_deduction.niit"] else 0)
    out["federal_tax_deduction"] = ops.mx(federal, 0)
    out["exemptions"] = p["filing_exemption"] + 0 * agi
    taxable = ops.mx(agi - standard - out["federal_tax_deduction"] - out["exemptions"], 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Ala. Code §40-18-14")
    if inputs.federal.get("federal_itemizes") or values.get("itemized_deduction", 0) > values.get("standard_deduction", 0):
        out.append(("state_itemized_deduction_not_modelled",
                    "Alabama's itemized deduction is counted as the Social Security and Medicare taxes on wages alone; "
                    "its other itemized deductions (property taxes, mortgage interest, gifts, medical costs over 4% of "
                    "AGI) are not told apart in the file and not counted (they would lower the Alabama tax).",
                    ("Ala. Code §40-18-15(a)", "Form 40 Schedule A")))
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "The file's pension income is taken as a defined benefit pension (IRC §414(j)) or a public one, "
                    "which Alabama does not tax; an annuity or a defined contribution plan paid as a pension is taxed "
                    "(with the $6,000 exclusion from 65).", ("Ala. Code §40-18-19(a)",
                                                              "ALDOR, Income Exempt from Alabama Income Taxation")))
    if common.has(inputs, "wages"):
        out.append(("local_income_tax_not_modelled",
                    "Alabama cities' and counties' occupational license taxes on wages (Birmingham, Bessemer, Gadsden "
                    "and others, withheld by the employer, not on the state return) are not modelled, not included.",
                    ("municipal and county occupational license taxes",)))
    out += common.earned_income_credit_note(
        inputs, values, "The federal income tax deduction is the federal tax less the earned income credit and other "
        "refundable credits (Federal Income Tax Deduction Worksheet); rothroute does not compute the federal earned "
        "income credit, so the deduction is larger, and the Alabama tax smaller, for a household that claims it.",
        "Ala. Code §40-18-15(a)(2)", "Form 40 line 12")
    return out
