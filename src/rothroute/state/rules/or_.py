"""Oregon (ORS chapter 316; Form OR-40): federal AGI less the federal income tax (up to a limit phased
out by federal AGI) and the Social Security the federal return taxes; the standard deduction with
the additions for age and blindness; the tax from the tax tables under $50,000 and the rate charts
above, to the dollar; the exemption credit and the retirement income credit (9% of pension income
from 62, a base less Social Security and household income over a threshold). Pensions, IRA money
and Roth conversions are taxed in full. (The module is ``or_``: ``or`` is a Python keyword.)"""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_F = "Form OR-40"
LINES = {
    "start": (chain.LINES["start"][0], (_F + " line 7", "Form 1040 line 11"), ("f1040.11",), ("start",)),
    "federal_tax_subtraction": ("Federal income tax subtracted (without the premium tax credit repaid, with the "
                                "additional tax on IRAs, less the premium tax credit), up to the limit for the "
                                "federal AGI", (_F + " line 10 and its worksheet", "Form 1040 line 22",
                                                "Schedule 2 lines 1a and 8", "Form 8962 line 24"),
                                ("f1040.22", "sch2.1a", "f5329.4", "f8962.24", "f1040.11"),
                                ("federal_tax_subtraction",)),
    "social_security": ("Social Security taxed federally, subtracted", (_F + " line 11",), ("f1040.6b",),
                        ("social_security",)),
    "agi": ("Income after subtractions", (_F + " line 15",), ("start", "federal_tax_subtraction", "social_security"),
            ("start",)),
    "standard_deduction": ("Standard deduction, with the additions for age and blindness", (_F + " line 17",),
                           ("people",), ("standard_deduction", "aged_blind_by_status")),
    "taxable_income": ("Oregon taxable income", (_F + " line 19",), ("agi", "standard_deduction"), ()),
    "tax_before_credits": ("Tax: the tax tables under $50,000, the rate charts above, to the dollar",
                           ("ORS 316.037", _F + " line 20"), ("taxable_income",),
                           ("brackets", "tax_table", "tax_worksheet")),
    "exemption_credit": ("Exemption credit for each person, none above the federal AGI limit", (_F + " line 25",),
                         ("people", "f1040.11"), ("exemption_credit_agi_limited",)),
    "retirement_credit": ("Retirement income credit: 9% of the pension income of those 62 or older, at most the base "
                          "less Social Security and household income over the threshold",
                          ("Schedule OR-ASC",), ("people", "f1040.11", "f1040.6b"), ("retirement_income_credit",)),
    "credits": ("Nonrefundable credits: the exemption and retirement income credits", (_F + " line 28",),
                ("exemption_credit", "retirement_credit"), ()),
    "tax": chain.LINES["tax"],
}


def federal_tax_cap(ops: Any, fagi: Any, p: Mapping[str, Any]) -> Any:
    """The limit of the row [federal AGI from, cap] the federal AGI reaches (the first row's below it)."""
    rows = p["federal_tax_subtraction.caps"]
    cap = fagi * 0 + rows[0][1]
    for start, amount in rows[1:]:
        cap = ops.where(fagi >= start, amount, cap)
    return cap


def retirement_credit(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> Any:
    """ORS 316.157: 9% of the lesser of the pension income of those of age and what is left of the base
    after the Social Security benefits received and the household income over the threshold."""
    pension = benefits = 0
    for who in f.PEOPLE:
        present = x[f"{who}_present"]
        eligible = (x[f"{who}_age"] >= p["retirement_income_credit.age"]) * present
        pension = pension + ops.mx(f.person_sum(x, who, p["retirement_income_credit.kinds"]), 0) * eligible
        benefits = benefits + ops.mx(x[f"{who}_social_security"], 0) * present
    household = x["federal_agi"] - x["federal_taxable_social_security"]
    room = p["retirement_income_credit.base"] - benefits - ops.mx(household - p["retirement_income_credit.income_over"], 0)
    return times(ops.mn(pension, ops.mx(room, 0)), p["retirement_income_credit.rate"])


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    fagi = chain.start(ops, x, p, out)
    # the worksheet: Form 1040 line 22 less the excess advance premium tax credit repaid, plus the other
    # income taxes of Schedule 2 (line 8, the additional tax on IRAs and other tax-favored accounts, is the
    # one rothroute computes), less the refundable premium tax credit (Form 8962 line 24), up to the limit
    federal = (x["federal_income_tax"] - x["federal_ptc_repayment"] + x["federal_additional_tax"]
               - x["federal_premium_tax_credit"])
    out["federal_tax_subtraction"] = ops.mn(ops.mx(federal, 0), federal_tax_cap(ops, fagi, p))
    income = fagi - out["federal_tax_subtraction"] - chain.subtractions(ops, x, p, out)
    out["agi"] = income
    people, aged, blind = chain.counts(x, p["aged_blind_by_status.age"])
    out["standard_deduction"] = p["standard_deduction"] + (aged + blind) * p["aged_blind_by_status.amount"]
    out["taxable_income"] = taxable = ops.mx(income - out["standard_deduction"], 0)
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    out["exemption_credit"] = ops.where(fagi > p["exemption_credit_agi_limited.agi_limit"], 0,
                                        people * p["exemption_credit_agi_limited.amount"])
    out["retirement_credit"] = retirement_credit(ops, x, p)
    return chain.finish(ops, out, out["exemption_credit"] + out["retirement_credit"])


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "ORS 316.680", "Schedule OR-ASC additions") + common.itemized_note(
        inputs, values, "ORS 316.695", "Schedule OR-A")
    out.append(("local_income_tax_not_modelled",
                "Oregon's local income taxes are not modelled, not included: the Metro supportive housing services tax "
                "and Multnomah County's Preschool for All tax on taxable income above their thresholds (their own "
                "returns), and the transit taxes (the statewide 0.1% on wages, TriMet and Lane Transit District on "
                "self-employment).", ("Metro Code chapter 7.05", "Multnomah County Preschool for All personal income tax",
                 "ORS 320.550")))
    if inputs.year in (2024, 2026) and values.get("tax_before_credits"):
        out.append(("state_rule_not_modelled",
                    "Oregon takes the tax from its tax tables under $50,000 and its rate charts above, figured from "
                    f"bracket amounts rounded to the dollar; the {inputs.year} tables and charts were not read, so the "
                    "schedule is applied to the income itself, which can differ by a dollar or two.",
                    ("ORS 316.037", "Form OR-40 line 20")))
    if inputs.year == 2026 and str(inputs.status) == "head_of_household":
        out.append(("state_rule_not_modelled",
                    "Oregon's 2026 head of household standard deduction is not published yet; the single and joint "
                    "amounts the Department published put it at $4,680 or $4,685 under the statute's indexing, and "
                    "$4,680 is taken: the tax may be up to $0.50 higher than the return's.",
                    ("ORS 316.695(1)(c)", "Form OR-40 line 17")))
    if inputs.year == 2025:
        out.append(("state_rule_not_modelled",
                    "The 2025 surplus credit (kicker), 9.863% of the 2024 Oregon tax liability, is refundable and is "
                    "not included: the state income tax here is before refundable credits.",
                    ("ORS 291.349", "Form OR-40 line 32")))
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "Oregon subtracts federal pensions in part (for service before October 1991); the file does not say "
                    "where a pension comes from, so none is subtracted.", ("ORS 316.680", "Schedule OR-ASC subtractions")))
    if values.get("retirement_credit") and (sum(p.exempt_interest for p in inputs.people)
                                            or str(inputs.status) == "married_separate"):
        out.append(("state_rule_not_modelled",
                    "The retirement income credit counts household income with some income the federal return exempts "
                    "(and, on separate returns, the spouse's income), which the file does not give: the credit may be "
                    "smaller.", ("ORS 316.157(2)(b)", "OAR 150-316-0225")))
    if str(inputs.status) == "married_separate" and values.get("standard_deduction"):
        out.append(("state_rule_not_modelled",
                    "A married person filing separately whose spouse itemizes has no standard deduction; the file does "
                    "not say how the spouse files.", ("ORS 316.695", "Form OR-40 line 17")))
    return out
