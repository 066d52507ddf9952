"""Minnesota (Minn. Stat. ch. 290): federal AGI less the Social Security subtraction (whole up to the
AGI start, then the larger of the simplified and the alternative subtraction) and the subtraction
for the elderly (Schedule M1R), less the standard deduction (with the additions at 65 and for the
blind, reduced at high AGI); the rate schedule; the alternative minimum tax over the regular tax;
from 2024 the 1% tax on net investment income over $1,000,000; the marriage credit. No general
retirement exclusion: pensions, IRA distributions and Roth conversions are taxed as the federal
return taxes them (the military retirement subtraction is named where it may apply).

Readings: provisional income for the alternative subtraction is federal AGI less the taxable
benefits plus half the benefits and the tax-exempt interest; net investment income is interest,
ordinary dividends and the capital gain the federal return counts; a spouse's income for the
marriage credit is their wages, pensions, IRA and plan money, conversions and their share of the
taxable Social Security (in proportion to benefits)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times, times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common
from rothroute.state.rules.nd import marriage_credit

_M1 = "Form M1"
LINES = {
    "start": chain.LINES["start"],
    "social_security": ("Social Security subtraction: whole up to the AGI start, else the larger of the simplified and "
                        "alternative subtractions", ("Minn. Stat. §290.0132 subd. 26", "Schedule M1M"),
                        ("f1040.11", "f1040.6b", "people", "f1040.2a"), ("mn_social_security",)),
    "elderly_subtraction": ("Subtraction for the elderly (65 or older), less nontaxable benefits and half the AGI over "
                            "the offset", ("Minn. Stat. §290.0132 subd. 5", "Schedule M1R"),
                            ("f1040.11", "f1040.6b", "people"), ("elderly_subtraction",)),
    "standard_deduction": ("Standard deduction with the additions at 65 and for the blind, less the reduction at high "
                           "AGI", ("Minn. Stat. §290.0123", _M1 + " line 4"), ("f1040.11",),
                           ("standard_deduction", "aged_blind_addition", "deduction_reduction")),
    "taxable_income": ("Minnesota taxable income", (_M1 + " line 9",),
                       ("start", "social_security", "elderly_subtraction", "standard_deduction"), ()),
    "regular_tax": ("Tax by the rate schedule", ("Minn. Stat. §290.06 subd. 2c", _M1 + " line 10"),
                    ("taxable_income",), ("brackets",)),
    "amt": ("Alternative minimum tax: 6.75% of alternative minimum taxable income less the exemption, over the "
            "regular tax", ("Minn. Stat. §290.091", "Schedule M1MT"), ("f1040.11", "social_security", "regular_tax"),
            ("amt",)),
    "niit": ("Net investment income tax: 1% over $1,000,000", ("Minn. Stat. §290.033",),
             ("f1040.2b", "f1040.3b", "f1040.7"), ("niit",)),
    "tax_before_credits": ("Minnesota tax: the regular tax, the alternative minimum tax and the net investment "
                           "income tax", (_M1,), ("regular_tax", "amt", "niit"), ()),
    "qualifying_income": ("Marriage credit: the lesser-earning spouse's income (wages, pensions, IRA and plan money, "
                          "taxable Social Security)", ("Minn. Stat. §290.0675", "Schedule M1MA"), ("people",),
                          ("marriage_credit",)),
    "credits": ("Marriage credit: the joint tax less the single schedule's tax on the lesser-earning spouse's income "
                "(less half the joint standard deduction) and on the rest, at most the maximum",
                ("Minn. Stat. §290.0675", "Schedule M1MA"), ("regular_tax", "taxable_income", "qualifying_income"),
                ("marriage_credit",)),
    "tax": chain.LINES["tax"],
}

_OWN = ("pension", "ira", "conversion", "plan")


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out)
    taxable_ss = x["federal_taxable_social_security"]
    benefits = x["p1_social_security"] + x["p2_social_security"]
    start = p["mn_social_security.start"]
    steps = f.ceil_div(ops.mx(agi - start, 0), p["mn_social_security.increment"])
    kept = ops.mx(10 - steps, 0)  # tenths of the benefits still subtracted (10% a step)
    simplified = ratio_times(taxable_ss, kept, 10)
    provisional = (agi - taxable_ss + times(benefits, p["mn_social_security.benefit_share"])
                   + f.household_sum(x, ("exempt_interest",)))
    net = ops.mx(provisional - p["mn_social_security.income_amount"], 0)
    alternative = ops.mn(taxable_ss, ops.mx(p["mn_social_security.alternative_amount"]
                                            - times(net, p["mn_social_security.net_rate"]), 0))
    out["social_security"] = ops.where(agi > start, ops.mx(alternative, simplified), taxable_ss)
    age = p["elderly_subtraction.age"]
    e1 = (x["p1_age"] >= age) * x["p1_present"]
    e2 = (x["p2_age"] >= age) * x["p2_present"]
    offset = p["elderly_subtraction.offset"] + (e1 * e2) * p["elderly_subtraction.offset_both"]
    amount = ops.mx(p["elderly_subtraction.base"] - (benefits - taxable_ss), 0)
    elderly = ops.mx(amount - times(ops.mx(agi - offset, 0), p["elderly_subtraction.rate"]), 0)
    out["elderly_subtraction"] = ops.where(e1 + e2 > 0, elderly, 0)
    _, aged, blind = chain.counts(x, p["aged_blind_addition.age"])
    standard = p["standard_deduction"] + (aged + blind) * p["aged_blind_addition.amount"]
    low, high = p["deduction_reduction.low"], p["deduction_reduction.high"]
    cap = times(standard, p["deduction_reduction.cap_rate"])
    reduction = (times(ops.mn(ops.mx(agi - low, 0), high - low), p["deduction_reduction.low_rate"])
                 + times(ops.mx(agi - high, 0), p["deduction_reduction.high_rate"]))
    reduction = ops.where(agi > p["deduction_reduction.cap_over"], cap, ops.mn(reduction, cap))
    out["standard_deduction"] = ops.mx(standard - reduction, 0)
    taxable = ops.mx(agi - out["social_security"] - out["elderly_subtraction"] - out["standard_deduction"], 0)
    out["taxable_income"] = taxable
    regular = chain.rate(ops, taxable, p)
    out["regular_tax"] = regular
    amti = agi - out["social_security"]
    exemption = ops.mx(p["amt.exemption"] - times(ops.mx(amti - p["amt.threshold"], 0), p["amt.phaseout_rate"]), 0)
    out["amt"] = ops.mx(times(ops.mx(amti - exemption, 0), p["amt.rate"]) - regular, 0)
    investment = f.household_sum(x, ("interest", "dividends")) + x["federal_capital_gain"]
    out["niit"] = times(ops.mx(investment - p["niit.over"], 0), p["niit.rate"])
    out["tax_before_credits"] = regular + out["amt"] + out["niit"]
    lesser = _lesser_qualifying(ops, x)
    out["qualifying_income"] = lesser
    if "marriage_credit.max" not in p:  # refused for the year (not_in_force): only where it is nil (needs)
        return chain.finish(ops, out, 0)
    return chain.finish(ops, out, marriage_credit(ops, x, p, lesser, taxable, regular))


def _lesser_qualifying(ops: Any, x: Mapping[str, Any]) -> Any:
    """The lesser-earning spouse's income for the marriage credit (Schedule M1MA lines 1-6): wages,
    pensions, IRA and plan money, conversions and their share of the taxable benefits."""
    taxable_ss = x["federal_taxable_social_security"]
    benefits = x["p1_social_security"] + x["p2_social_security"]
    ss2 = ops.where(benefits > 0, ratio_times(taxable_ss, x["p2_social_security"], ops.mx(benefits, 1)), 0)
    incomes = [(ops.mx(x[f"{w}_wages"], 0) + f.person_sum(x, w, _OWN) + ss) * x[f"{w}_present"]
               for w, ss in (("p1", taxable_ss - ss2), ("p2", ss2))]
    return ops.mn(incomes[0], incomes[1])


def needs(step: str, x: Mapping[str, Any], ops: Any) -> Any:
    """A refused marriage credit matters only to a joint return whose lesser-earning spouse has at least
    $31,000 of qualifying income, the 2025 floor (Schedule M1MA line 6), which indexing does not lower."""
    if step == "marriage_credit":
        return (x["p2_present"] > 0) & (_lesser_qualifying(ops, x) >= 3_100_000)
    return True


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Minn. Stat. §290.0131", "Schedule M1M")
    out += common.itemized_note(inputs, values, "Minn. Stat. §290.0122")
    if common.has(inputs, "pension", "plan"):
        out.append(("state_rule_not_modelled",
                    "Minnesota subtracts military retirement pay; the file does not say whose pension is which, so "
                    "all of it is taxed here.",
                    ("Minn. Stat. §290.0132", "Schedule M1M")))
    # the Schedule M1R income limits (the subtraction is nothing at or above them): $42,000 joint, $33,700 single
    limit = 4_200_000 if len(inputs.people) > 1 else 3_370_000
    if any(person.age < 65 for person in inputs.people) and inputs.federal["federal_agi"] < limit:
        out.append(("state_rule_not_modelled",
                    "Minnesota's age 65 or older/disabled subtraction (Schedule M1R) is also allowed to a person under 65 "
                    "who is permanently and totally disabled and received federally taxable disability income (up to "
                    "that income); the file does not say who is disabled, so it is taken only from 65.",
                    ("Minn. Stat. §290.0132 subd. 5", "Schedule M1R")))
    return out
