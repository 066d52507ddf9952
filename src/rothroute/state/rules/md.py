"""Maryland: federal AGI less the Social Security benefits the federal return taxes, each person's
pension exclusion from 65 (their employee retirement system income, not IRA money or conversions,
up to the maximum less their Social Security benefits) and the two-income subtraction of a joint
return; less the standard deduction (15% of Maryland AGI between a floor and a cap to 2024, a flat
amount from 2025) and the exemptions (phased down by federal AGI; $1,000 more for each person 65 or
older and each blind); the State tax by the rates (from 2025 with the 2% surtax on net capital gain
above $350,000 of federal AGI), less the senior tax credit; and the county income tax on the same
Maryland taxable income at the rate of the file's ``locality`` (Form 502 line 28), reported apart as
the local income tax.

Each spouse's income for the two-income subtraction: their own wages, retirement and other income,
their part of the investment income (as the file gives it, half each where it names no person),
half the federal adjustments, less their own pension exclusion (their taxable benefits, in their
federal AGI and subtracted on line 15, net out)."""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Any, Mapping

from rothroute.money import times
from rothroute.params.schema import MD_COUNTIES
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_502 = "Maryland Form 502"
LINES = {
    **{k: chain.LINES[k] for k in ("start", "social_security")},
    "pension_exclusion": ("Pension exclusion: each person 65 or older, their employee retirement system income up "
                          "to the maximum less their Social Security benefits", ("Md. Code, Tax-Gen. §10-209",
                                                                                 _502 + " line 10a"),
                          ("people",), ("pension_deduction",)),
    "two_income_subtraction": ("Two-income subtraction: the lower spouse's income, at most $1,200",
                               ("Md. Code, Tax-Gen. §10-207", _502 + " line 14"), ("people",),
                               ("two_income_subtraction",)),
    "agi": ("Maryland adjusted gross income", (_502 + " line 16",),
            ("start", "social_security", "pension_exclusion", "two_income_subtraction"), ("start",)),
    "standard_deduction": ("Standard deduction", ("Md. Code, Tax-Gen. §10-217", _502 + " line 17"), ("agi",),
                           ("percent_standard_deduction", "standard_deduction")),
    "exemptions": ("Exemptions: each person by federal AGI, $1,000 more each 65 or older or blind",
                   ("Md. Code, Tax-Gen. §10-211", _502 + " line 19"), ("f1040.11", "people"), ("md_exemptions",)),
    "taxable_income": ("Maryland taxable income", (_502 + " line 20",), ("agi", "standard_deduction", "exemptions"),
                       ()),
    "capital_gains_surtax": ("Capital gains surtax: 2% of net capital gain above $350,000 of federal AGI (from 2025)",
                             ("Budget Reconciliation and Financing Act of 2025",), ("f1040.7", "f1040.11"),
                             ("capital_gains_surtax",)),
    "tax_before_credits": ("State income tax by the rates, and the capital gains surtax",
                           ("Md. Code, Tax-Gen. §10-105", _502 + " line 21"), ("taxable_income", "capital_gains_surtax"),
                           ("brackets",)),
    "credits": ("Senior tax credit: 65 or older, federal AGI at most $100,000 ($150,000 joint)",
                ("Md. Code, Tax-Gen. §10-754", "Form 502CR Part M"), ("f1040.11", "people"), ("senior_credit",)),
    "tax": ("Maryland State income tax after nonrefundable credits", (_502 + " line 27",),
            ("tax_before_credits", "credits"), ()),
    "local_income_tax": ("County income tax: the county's rate on Maryland taxable income (the file's locality)",
                         ("Md. Code, Tax-Gen. §10-106", "Md. Code, Tax-Gen. §10-604", _502 + " line 28"),
                         ("taxable_income",), ("local_income_tax",)),
}


def _own_income(ops: Any, x: Mapping[str, Any], who: str) -> Any:
    """A person's part of federal AGI before the federal adjustments."""
    return (x[f"{who}_wages"] + f.person_sum(x, who, ("pension", "ira", "conversion", "plan", "interest", "dividends",
                                                      "other")) + f.counted_gains(ops, x, who))


def _county_tax(ops: Any, taxable: Any, spec: Mapping[str, Any], column: Any) -> Any:
    rows = spec["rows"]
    scale = lcm(*(Fraction(rate).denominator for _, _, rate in rows))
    over = [ops.where(column > 0, joint, single) for single, joint, _ in rows]
    rates = [int(Fraction(rate) * scale) for _, _, rate in rows]
    if spec["marginal"]:
        steps = [r - q for r, q in zip(rates, (0, *rates[:-1]))]
        return f.brackets_tax(ops, taxable, over, steps, scale)
    rate = taxable * 0 + rates[0]  # the whole income at the rate of its bracket
    for threshold, value in zip(over[1:], rates[1:]):
        rate = ops.where(taxable > threshold, value, rate)
    return f.round_scaled(taxable * rate, scale)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    chain.start(ops, x, p, out)
    chain.subtractions(ops, x, p, out)
    excluded, incomes = [], []
    for who in f.PEOPLE:
        eligible = ops.mx(f.person_sum(x, who, p["pension_deduction.kinds"]), 0)
        cap = ops.mx(p["pension_deduction.cap"] - x[f"{who}_social_security"], 0)
        aged = (x[f"{who}_age"] >= p["pension_deduction.age"]) * x[f"{who}_present"]
        excluded.append(aged * ops.mn(eligible, cap))
    out["pension_exclusion"] = excluded[0] + excluded[1]
    # each spouse's income for the two-income subtraction (the second's own, the first the rest); the
    # second's taxable benefits are in their federal AGI and subtracted again (line 15): they net out
    income2 = (_own_income(ops, x, "p2") - x["federal_adjustments"] // 2 - excluded[1]) * x["p2_present"]
    income1 = x["federal_agi"] - x["federal_taxable_social_security"] - out["pension_exclusion"] - income2
    both = (x["p2_present"] > 0) & (x["status"] == 1) & (income1 > 0) & (income2 > 0)
    out["two_income_subtraction"] = ops.where(both, ops.mn(ops.mn(income1, income2), p["two_income_subtraction.cap"]), 0)
    agi = x["federal_agi"] - out["social_security"] - out["pension_exclusion"] - out["two_income_subtraction"]
    out["agi"] = agi
    if "percent_standard_deduction.rate" in p:
        standard = ops.mn(ops.mx(times(ops.mx(agi, 0), p["percent_standard_deduction.rate"]),
                                 p["percent_standard_deduction.min"]), p["percent_standard_deduction.max"])
    else:
        standard = x["federal_agi"] * 0 + p["standard_deduction"]
    out["standard_deduction"] = standard
    people, aged, blind = chain.counts(x, p["md_exemptions.age"])
    each = x["federal_agi"] * 0
    for over, amount in p["md_exemptions.tiers"]:
        each = ops.where(x["federal_agi"] > over, amount, each)
    each = ops.where(x["federal_agi"] > p["md_exemptions.tiers"][0][0], each, p["md_exemptions.tiers"][0][1])
    out["exemptions"] = people * each + aged * p["md_exemptions.aged"] + blind * p["md_exemptions.blind"]
    taxable = ops.mx(agi - standard - out["exemptions"], 0)
    out["taxable_income"] = taxable
    tax = chain.rate(ops, taxable, p)
    if "capital_gains_surtax.rate" in p:
        gains = ops.mx(x["federal_capital_gain"], 0)
        out["capital_gains_surtax"] = ops.where(x["federal_agi"] > p["capital_gains_surtax.agi_over"],
                                                times(gains, p["capital_gains_surtax.rate"]), 0)
        tax = tax + out["capital_gains_surtax"]
    out["tax_before_credits"] = tax
    old = [(x[f"{w}_age"] >= p["senior_credit.age"]) * x[f"{w}_present"] for w in f.PEOPLE]
    amount = ops.where((x["status"] == 1) & ((old[0] + old[1]) == 1), p["senior_credit.joint_one"],
                       p["senior_credit.amount"])
    credit = ops.where(((old[0] + old[1]) > 0) & (x["federal_agi"] <= p["senior_credit.agi_limit"]), amount, 0)
    out = chain.finish(ops, out, credit)
    local = taxable * 0
    counties = p["local_income_tax.counties"]
    for index, county in enumerate(MD_COUNTIES, start=1):
        local = ops.where(x["locality"] == index, _county_tax(ops, taxable, counties[county],
                                                              p["local_income_tax.column"]), local)
    out["local_income_tax"] = local
    return out


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Md. Code, Tax-Gen. §10-204") + common.itemized_note(
        inputs, values, "Md. Code, Tax-Gen. §10-218")
    if inputs.locality is None and values.get("taxable_income"):
        out.append(("locality_not_given",
                     "Maryland's county income tax (2.25% to 3.30% of Maryland taxable income by county, Form 502 "
                     "line 28) is computed on the state return, but the file names no county (locality): it is not "
                     "included.", ("Md. Code, Tax-Gen. §10-106", "Md. Code, Tax-Gen. §10-604")))
    if values.get("tax") and values.get("taxable_income", 0) < 10_000_000:
        out.append(("state_rule_not_modelled",
                    "Maryland takes the tax from its tax tables when taxable income is within them (under $100,000); "
                    "rothroute computes the rates exactly, which can differ by a few dollars.",
                    ("Md. Code, Tax-Gen. §10-602",)))
    out += common.earned_income_credit_note(
        inputs, values, "Maryland's nonrefundable earned income credit and poverty level credit, and the county's "
        "local earned income and poverty credits, are not taken: a household claiming the federal earned income "
        "credit owes less.", "Md. Code, Tax-Gen. §10-704", "Form 502 lines 22-23")
    if values.get("capital_gains_surtax"):
        out.append(("state_rule_not_modelled",
                    "Maryland's capital gains surtax exempts gains on a primary residence sold for $1,500,000 or less "
                    "and some other assets; the file does not tell them apart, so every net gain is counted.",
                    ("Budget Reconciliation and Financing Act of 2025",)))
    return out
