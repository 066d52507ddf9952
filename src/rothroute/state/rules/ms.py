"""Mississippi (Miss. Code Ann. §27-7-5, §27-7-15, §27-7-17, §27-7-21): its own gross income, each
spouse in a column of Form 80-105. Social Security is not income; pensions are exempt at any age,
IRA and plan money from 59½ (an early distribution is taxed: 35 Miss. Admin. Code Pt. 3,
R. 3-02-07-104), a Roth conversion at any age (rothroute's reading: §72(t) does not reach it). The
standard deduction and the exemptions (the filing status's, $1,500 each 65 or older or blind) are
taken off; no tax on the first $10,000 of a column's taxable income, the rate above it.

A joint return: the spouses may divide the standard deduction and the exemptions between the
columns 'in any manner they choose' (Form 80-100 instructions), and each column's first $10,000 is
untaxed, so rothroute divides them as a preparer would, to the least tax: with both columns'
income at least zero, the tax is the rate on what is left of the columns' income over $10,000
each after the deductions and exemptions; a column below zero is combined with the other and the
whole taxed once (the instructions: 'the positive and negative amounts should be combined').
Each spouse's income is their own; the household's adjustments are half each's.
"""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_F = "Form 80-105"
LINES = {
    "retirement_exclusion": ("Retirement income exempt: pensions and Roth conversions at any age, IRA and plan "
                             "money from 59½", ("Miss. Code Ann. §27-7-15(4)(k)", "35 Miss. Admin. Code Pt. 3, "
                                               "R. 3-02-07-100 to 104"), ("people",), ("retirement_exclusion",)),
    "agi": ("Mississippi adjusted gross income, the taxpayer's column (all of it on a return without a spouse)",
            (_F + " line 13A",), ("people", "f1040.10"), ("social_security",)),
    "spouse_agi": ("Mississippi adjusted gross income, the spouse's column", (_F + " line 13B",),
                   ("people", "f1040.10"), ("social_security",)),
    "standard_deduction": ("Standard deduction", (_F + " line 14",), (), ("standard_deduction",)),
    "exemptions": ("Exemptions: the filing status's, and $1,500 for each 65 or older or blind",
                   (_F + " lines 8-12",), (), ("filing_exemption", "exemptions")),
    "taxable_income": ("Mississippi taxable income, both columns", (_F + " line 16",),
                       ("agi", "spouse_agi", "standard_deduction", "exemptions"), ()),
    "taxed_income": ("Income taxed at the rate: each column's taxable income over $10,000, with the deductions "
                     "and exemptions divided between the columns to the least tax", (_F + " line 17",
                                                                                      "Form 80-100 instructions, "
                                                                                      "lines 14-17"),
                     ("agi", "spouse_agi", "standard_deduction", "exemptions"), ("column_tax",)),
    "tax_before_credits": ("Tax: the rate on the income over each column's $10,000", (_F + " line 17",),
                           ("taxed_income",), ("column_tax",)),
    "credits": chain.LINES["credits"],
    "tax": chain.LINES["tax"],
}

_OWN = ("wages", "pension", "ira", "conversion", "plan", "interest", "dividends", "other")


def _column(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], who: str, adjustments: Any) -> tuple[Any, Any]:
    """One spouse's Mississippi AGI (own income less the exempt retirement income, gains as the
    federal return counts them, a share of the adjustments) and their exempt retirement income."""
    excluded = f.retirement_exclusion(ops, x, who, p["retirement_exclusion.kinds"], p["retirement_exclusion.halves"],
                                      p["retirement_exclusion.caps"], p["retirement_exclusion.earned"],
                                      p["retirement_exclusion.any_age"])
    income = f.person_sum(x, who, _OWN) + f.counted_gains(ops, x, who) - excluded - adjustments
    return income * x[f"{who}_present"], excluded


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    adjustments = x["federal_adjustments"]
    second = (adjustments // 2) * x["p2_present"]
    a1, ex1 = _column(ops, x, p, "p1", adjustments - second)
    a2, ex2 = _column(ops, x, p, "p2", second)
    out["retirement_exclusion"] = ex1 + ex2
    out["agi"] = a1
    out["spouse_agi"] = a2
    _, aged, blind = chain.counts(x, p["exemptions.age"])
    out["standard_deduction"] = p["standard_deduction"] + a1 * 0
    out["exemptions"] = p["filing_exemption"] + aged * p["exemptions.aged"] + blind * p["exemptions.blind"]
    deductions = out["standard_deduction"] + out["exemptions"]
    out["taxable_income"] = ops.mx(a1 + a2 - deductions, 0)
    exempt = p["column_tax.exempt"]
    # both columns at least zero: each column's income over $10,000, less the deductions however divided
    separate = ops.mx(ops.mx(a1 - exempt, 0) + ops.mx(a2 - exempt, 0) - deductions, 0)
    # a column below zero is combined with the other and taxed once
    combined = ops.mx(a1 + a2 - deductions - exempt, 0)
    taxed = ops.where((a1 < 0) | (a2 < 0), combined, separate)
    out["taxed_income"] = taxed
    out["tax_before_credits"] = f.flat_tax(taxed, p["column_tax.rate"])
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Miss. Code Ann. §27-7-15(4)", "35 Miss. Admin. Code Pt. 3")
    out += common.itemized_note(inputs, values, "Miss. Code Ann. §27-7-17")
    if common.has(inputs, "conversion"):
        out.append(("state_rule_not_modelled",
                    "A Roth conversion is taken as exempt retirement income at any age: Mississippi exempts IRA "
                    "distributions except early ones (IRC §72(t), federal Form 5329), which a conversion is not; the "
                    "Department of Revenue has not said so of conversions in rothroute's sources.",
                    ("Miss. Code Ann. §27-7-15(4)(k)", "35 Miss. Admin. Code Pt. 3, R. 3-02-07-103 and 104")))
    if any(p.age_halves < 119 and (p.ira or p.plan) for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "IRA and plan money taken before 59½ is taxed as an early distribution; one that the federal "
                    "return does not charge the 10% additional tax on (separation from service at 55 or later, "
                    "disability, substantially equal payments) is exempt in Mississippi, which rothroute does not "
                    "tell apart.", ("35 Miss. Admin. Code Pt. 3, R. 3-02-07-104", "IRC §72(t)(2)")))
    return out
