"""New Mexico (NMSA 1978 §7-2-2, §7-2-5.2, §7-2-5.8, §7-2-5.14, §7-2-7, §7-2-34): federal AGI less the
federal standard or itemized deduction, the Social Security exemption (all of it up to the AGI limit,
none above), the low- and middle-income exemption, the exemption for each person 65 or older or
blind (by AGI band), and the net capital gain deduction; the rate schedule. No general retirement
exclusion: pensions, IRA distributions and Roth conversions are taxed as the federal return taxes
them.

Readings: the federal deduction is the one on Form 1040 line 12 (the standard deduction of IRC §63,
with its additions for age and blindness, or the itemized deductions); the federal senior deduction
of 2025-2028 (Schedule 1-A) is not a §63 deduction and is not taken. The net capital gain is the
smaller of the household's net long-term gain and its net capital gain (nothing when either is not
a gain). The exemptions count the taxpayer and spouse (dependents are not in the file)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_ADJ = "Schedule PIT-ADJ"
LINES = {
    "start": chain.LINES["start"],
    "ss_exemption": ("Social Security included in federal AGI, exempt up to the AGI limit (none above it)",
                     ("NMSA 1978 §7-2-5.14", _ADJ), ("f1040.6b", "f1040.11"), ("ss_exemption",)),
    "deduction": ("The federal standard or itemized deduction", ("NMSA 1978 §7-2-2", "Form 1040 line 12",
                                                                 "PIT-1 line 10"), ("f1040.12",), ()),
    "low_middle_exemption": ("Low- and middle-income exemption: $2,500 for the taxpayer and the spouse, reduced by "
                             "AGI over the start", ("NMSA 1978 §7-2-5.8", _ADJ), ("f1040.11",),
                             ("low_middle_exemption",)),
    "aged_blind_exemption": ("Exemption for each person 65 or older or blind, by AGI band", ("NMSA 1978 §7-2-5.2",
                                                                                            _ADJ + " Table 1"),
                             ("f1040.11", "people"), ("aged_blind_exemption",)),
    "capital_gains_deduction": ("Net capital gain deduction", ("NMSA 1978 §7-2-34", _ADJ), ("people",),
                                ("capital_gains_deduction",)),
    "taxable_income": ("New Mexico taxable income", ("PIT-1 line 17",),
                       ("start", "ss_exemption", "deduction", "low_middle_exemption", "aged_blind_exemption",
                        "capital_gains_deduction"), ()),
    "tax_before_credits": ("Tax by the rate schedule", ("NMSA 1978 §7-2-7", "PIT-1 line 18"), ("taxable_income",),
                           ("brackets",)),
    "credits": chain.LINES["credits"],
    "tax": chain.LINES["tax"],
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out)
    out["ss_exemption"] = ops.where(agi <= p["ss_exemption.agi_limit"], x["federal_taxable_social_security"], 0)
    out["deduction"] = x["federal_deduction"]
    people = x["p1_present"] + x["p2_present"]
    excess = ops.mx(agi - p["low_middle_exemption.start"], 0)
    each = ops.mx(p["low_middle_exemption.amount"] - ratio_times(excess, p["low_middle_exemption.percent"], 100), 0)
    out["low_middle_exemption"] = ops.where(agi <= p["low_middle_exemption.limit"], each * people, 0)
    age = p["aged_blind_exemption.age"]
    eligible = sum(((x[f"{w}_age"] >= age) | (x[f"{w}_blind"] > 0)) * x[f"{w}_present"] for w in f.PEOPLE)
    steps = f.ceil_div(ops.mx(agi - p["aged_blind_exemption.floor"], 0), p["aged_blind_exemption.step"])
    per = ops.mx(p["aged_blind_exemption.amount"] - steps * p["aged_blind_exemption.reduction"], 0)
    out["aged_blind_exemption"] = eligible * per
    long_ = f.household_sum(x, ("long_term_gains",))
    net = ops.mx(ops.mn(long_, long_ + f.household_sum(x, ("short_term_gains",))), 0)
    out["capital_gains_deduction"] = ops.mx(ops.mn(net, p["capital_gains_deduction.floor"]),
                                            ratio_times(net, p["capital_gains_deduction.percent"], 100))
    taxable = ops.mx(agi - out["ss_exemption"] - out["deduction"] - out["low_middle_exemption"]
                     - out["aged_blind_exemption"] - out["capital_gains_deduction"], 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "NMSA 1978 §7-2-2", "PIT-1 line 11")
    if inputs.federal.get("federal_itemizes"):
        out.append(("state_itemized_deduction_not_modelled",
                    "The federal return itemizes: New Mexico takes the federal itemized deductions less the state and "
                    "local income or sales taxes in them (PIT-1 line 11); rothroute takes the federal line 12 amount.",
                    ("NMSA 1978 §7-2-2", "PIT-1 line 11")))
    if common.has(inputs, "pension", "plan"):
        out.append(("state_rule_not_modelled",
                    "New Mexico exempts up to $30,000 of armed forces retirement pay a person; the file does not say "
                    "whose pension is military, so all pension and plan income is taxed here.",
                    ("NMSA 1978 ch. 7, art. 2 (exemptions)", _ADJ)))
    if any(p.age >= 65 for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "New Mexico's $3,000 exemption for a person 65 or older with $28,000 or more of unreimbursed "
                    "medical expenses is not taken (the file has no medical expenses).",
                    ("NMSA 1978 ch. 7, art. 2 (exemptions)", _ADJ)))
        if inputs.year >= 2025:
            out.append(("state_rule_not_modelled",
                        "The federal senior deduction (Schedule 1-A) is not taken on the New Mexico return: New "
                        "Mexico deducts the standard deduction of IRC §63 (rothroute's reading; not settled).",
                        ("NMSA 1978 §7-2-2", "Form 1040 Schedule 1-A")))
    if any(p.age >= 100 for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "The income of a person 100 or older who is not a dependent is exempt in New Mexico; not taken.",
                    ("NMSA 1978 ch. 7, art. 2 (exemptions)", _ADJ)))
    return out
