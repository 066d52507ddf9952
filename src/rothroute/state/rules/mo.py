"""Missouri (RSMo ch. 143): federal AGI less, from 2025, the capital gains reported federally (Missouri
AGI); less the Social Security of those 62 or older, the private pension exemption ($6,000 each,
reduced by income over the allowance), the federal standard or itemized deduction and the federal
income tax deduction (a share by Missouri AGI, capped); on a combined return each spouse is taxed
on their share of the combined taxable income, in proportion to their Missouri AGI (§143.031), and
each spouse's tax is rounded to the whole dollar.

Readings: every pension in the file is taken as from a private source (a public pension would be
exempt up to the maximum Social Security benefit; named in the result); IRA and plan distributions
and Roth conversions are private pension income (Form 1040 lines 4b and 5b, Form MO-A Section B).
Each spouse's Missouri AGI is their own income, the household's adjustments half each's, the
taxable Social Security shared in proportion to each spouse's benefits; the capital gains
subtraction goes first to the spouse with the gain. The federal income tax deducted is Form 1040
line 22."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_MOA = "Form MO-A"
_OWN = ("wages", "pension", "ira", "conversion", "plan", "interest", "dividends", "other")
_PRIVATE = ("pension", "ira", "conversion", "plan")
LINES = {
    "start": chain.LINES["start"],
    "capital_gains_subtraction": ("Capital gains reported on the federal return, subtracted", ("RSMo §143.121",
                                                                                               _MOA + " Part 1"),
                                  ("f1040.7",), ("capital_gains_subtraction",)),
    "agi": ("Missouri adjusted gross income", ("Form MO-1040 line 6",), ("start", "capital_gains_subtraction"), ()),
    "spouse_agi": ("The spouse's Missouri adjusted gross income (column S)", ("Form MO-1040 line 6S",),
                   ("people", "f1040.6b", "f1040.10"), ()),
    "ss_deduction": ("Social Security deduction: the taxable benefits of each person 62 or older",
                     ("RSMo §143.125", _MOA + " Part 3 Section C"), ("f1040.6b", "people"), ("ss_deduction",)),
    "pension_exemption": ("Private pension exemption: up to $6,000 each, less income over the allowance",
                          ("RSMo §143.124", _MOA + " Part 3 Section B"), ("agi", "f1040.6b", "people"),
                          ("private_pension",)),
    "deduction": ("The federal standard or itemized deduction", ("RSMo §143.131", "Form 1040 line 12"),
                  ("f1040.12",), ()),
    "federal_tax_deduction": ("Federal income tax deduction: a share by Missouri AGI, capped",
                              ("RSMo §143.171", "Form 1040 line 22"), ("agi", "f1040.22"),
                              ("federal_tax_deduction_by_agi",)),
    "taxable_income": ("Missouri taxable income (combined)", ("Form MO-1040",),
                       ("agi", "ss_deduction", "pension_exemption", "deduction", "federal_tax_deduction"), ()),
    "tax_before_credits": ("Tax from the chart on each spouse's share of the taxable income (by Missouri AGI), "
                           "each rounded to the whole dollar", ("RSMo §143.011", "RSMo §143.031",
                                                                "Form MO-1040 tax chart"),
                           ("taxable_income", "agi", "spouse_agi"), ("brackets",)),
    "credits": chain.LINES["credits"],
    "tax": chain.LINES["tax"],
}


def _dollars(amount: Any) -> Any:
    return (amount + 50) // 100 * 100


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    chain.start(ops, x, p, out)
    share = p.get("capital_gains_subtraction.share")
    total_gain = ops.mx(x["federal_capital_gain"], 0)
    subtraction = total_gain * 0 if share is None else f.flat_tax(total_gain, share)
    out["capital_gains_subtraction"] = subtraction
    # each spouse's federal AGI: own income (gains as the federal return counts them), the taxable
    # Social Security in proportion to benefits, the adjustments half each's
    benefits = x["p1_social_security"] + x["p2_social_security"]
    taxable_ss = x["federal_taxable_social_security"]
    ss2 = ops.where(benefits > 0, ratio_times(taxable_ss, x["p2_social_security"], ops.mx(benefits, 1)), 0)
    ss1 = taxable_ss - ss2
    adjust2 = (x["federal_adjustments"] // 2) * x["p2_present"]
    gains2 = f.counted_gains(ops, x, "p2") * x["p2_present"]
    sub1 = ops.mn(ops.mx(f.counted_gains(ops, x, "p1"), 0), subtraction)
    sub2 = subtraction - sub1
    agi2 = (f.person_sum(x, "p2", _OWN) + gains2 + ss2 - adjust2 - sub2) * x["p2_present"]
    agi = x["federal_agi"] - subtraction
    out["agi"] = agi
    out["spouse_agi"] = agi2
    age = p["ss_deduction.age"]
    out["ss_deduction"] = ss1 * (x["p1_age"] >= age) + ss2 * (x["p2_age"] >= age) * x["p2_present"]
    private = sum(ops.mn(f.person_sum(x, w, _PRIVATE), p["private_pension.cap"]) * x[f"{w}_present"]
                  for w in f.PEOPLE)
    excess = ops.mx(agi - taxable_ss - p["private_pension.allowance"], 0)
    out["pension_exemption"] = ops.mx(private - excess, 0)
    out["deduction"] = x["federal_deduction"]
    rate_share = 0
    for over, portion in p["federal_tax_deduction_by_agi.shares"]:
        rate_share = ops.where(agi > over, int(portion * 10_000), rate_share)
    federal = ops.mx(x["federal_income_tax"], 0)
    out["federal_tax_deduction"] = ops.mn(ratio_times(federal, rate_share, 10_000), p["federal_tax_deduction_by_agi.cap"])
    taxable = ops.mx(agi - out["ss_deduction"] - out["pension_exemption"] - out["deduction"]
                     - out["federal_tax_deduction"], 0)
    out["taxable_income"] = taxable
    # each spouse's share of the taxable income by Missouri AGI (none below zero)
    a1, a2 = ops.mx(agi - agi2, 0), ops.mx(agi2, 0)
    part2 = ops.where(a1 + a2 > 0, ratio_times(taxable, a2, ops.mx(a1 + a2, 1)), 0)
    tax = _dollars(chain.rate(ops, taxable - part2, p)) + _dollars(chain.rate(ops, part2, p))
    out["tax_before_credits"] = tax
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "RSMo §143.121.2(2)", "Form MO-A Part 1")
    if inputs.federal.get("federal_itemizes"):
        out.append(("state_itemized_deduction_not_modelled",
                    "The federal return itemizes: Missouri takes the federal itemized deductions less the state and "
                    "local income taxes in them, plus Social Security and Medicare taxes paid; rothroute takes the "
                    "federal line 12 amount.", ("RSMo §143.141", "Form MO-A Part 2")))
    out.append(("local_income_tax_not_modelled",
                "The Kansas City and St. Louis earnings taxes (1% of earnings of residents and of those who work "
                "there) are not modelled, not included.", ("RSMo ch. 92 (city earnings taxes)",)))
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "Pensions are taken as from private sources ($6,000 exemption each, income-limited); a public "
                    "pension (federal, state or local government) is exempt up to the maximum Social Security "
                    "benefit whatever the income, less the Social Security deduction: the file does not say which.",
                    ("RSMo §143.124", "Form MO-A Part 3 Section A")))
    if any(p.age < 62 and p.social_security for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "Social Security of a person under 62 is deducted only if it is disability benefits; the file "
                    "does not say, so it is taxed here.", ("RSMo §143.125", "Form MO-A Part 3 Section C")))
    out += common.earned_income_credit_note(
        inputs, values, "Missouri's nonrefundable Working Families Tax Credit (20% of the federal earned income credit, "
        "which rothroute does not compute) is not taken.", "RSMo §143.177")
    return out
