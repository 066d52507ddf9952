"""Maine: federal AGI less the Social Security benefits the federal return taxes and each person's
pension income deduction (their pension, plan and IRA benefits, Roth conversions included, up to
the pension deduction amount less their Social Security benefits, taxable or not; from 2025 phased
out above the AGI threshold) is Maine AGI; less the standard deduction (with the additional amounts
for age and blindness) and the personal exemptions, each phased out in proportion above its
threshold of Maine AGI; taxed by the indexed rate schedules.

Readings: IRA and plan distributions before 59½ are taken as subject to the federal 10% additional
tax, which makes them ineligible (a Roth conversion is not); the pension deduction's phase-out reads
federal AGI, the standard deduction's and the exemption's Maine AGI."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_ME = "Form 1040ME"
LINES = {
    **{k: chain.LINES[k] for k in ("start", "social_security", "credits", "tax")},
    "pension_deduction": ("Pension income deduction: each person's retirement benefits up to the deduction amount "
                          "less their Social Security benefits (phased out from 2025)",
                          ("36 M.R.S. §5122(2)(M-2)", "Schedule 1S, Worksheet for Pension Income Deduction"),
                          ("people", "f1040.11"), ("pension_deduction",)),
    "agi": ("Maine adjusted gross income", ("36 M.R.S. §5121", _ME + " line 14"),
            ("start", "social_security", "pension_deduction"), ("start",)),
    "standard_deduction": ("Standard deduction, with the additional amounts for age and blindness, phased out "
                           "above the threshold", ("36 M.R.S. §5124-C", _ME + " line 16"), ("agi", "people"),
                           ("standard_deduction", "aged_blind_by_status", "deduction_phaseout")),
    "exemptions": ("Personal exemptions, phased out above the threshold", ("36 M.R.S. §5126-A", _ME + " line 18"),
                   ("agi",), ("exemptions", "exemption_phaseout_range")),
    "taxable_income": ("Maine taxable income", (_ME + " line 19",), ("agi", "standard_deduction", "exemptions"), ()),
    "tax_before_credits": ("Tax by the rate schedule", ("36 M.R.S. §5111", _ME + " line 20"), ("taxable_income",),
                           ("brackets",)),
}


def _phased(ops: Any, amount: Any, income: Any, start: Any, width: Any) -> Any:
    """``amount`` less its share for ``income`` over ``start`` (all of it over ``start + width``)."""
    over = ops.mn(ops.mx(income - start, 0), width)
    return amount - ratio_times(amount, over, width)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start = chain.start(ops, x, p, out)
    chain.subtractions(ops, x, p, out)
    deduction = 0
    for w in f.PEOPLE:
        grown = x[f"{w}_age_halves"] >= 119  # 59½: no federal 10% additional tax
        eligible = (x[f"{w}_pension"] + x[f"{w}_conversion"]
                    + ops.where(grown, x[f"{w}_ira"] + x[f"{w}_plan"], 0))
        cap = ops.mx(p["pension_deduction.cap"] - x[f"{w}_social_security"], 0)
        deduction = deduction + ops.mn(ops.mx(eligible, 0), cap) * x[f"{w}_present"]
    deduction = _phased(ops, deduction, x["federal_agi"], p["pension_deduction.phaseout_start"],
                        p["pension_deduction.phaseout_width"])
    out["pension_deduction"] = deduction
    agi = start - out["social_security"] - deduction
    out["agi"] = agi
    _, aged, blind = chain.counts(x, p["aged_blind_by_status.age"])
    standard = p["standard_deduction"] + (aged + blind) * p["aged_blind_by_status.amount"]
    out["standard_deduction"] = _phased(ops, standard, agi, p["deduction_phaseout.start"], p["deduction_phaseout.width"])
    people = x["p1_present"] + x["p2_present"]
    out["exemptions"] = _phased(ops, people * p["exemptions.personal"], agi, p["exemption_phaseout_range.start"],
                                p["exemption_phaseout_range.width"])
    taxable = ops.mx(agi - out["standard_deduction"] - out["exemptions"], 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "36 M.R.S. §5122(1)") + common.itemized_note(inputs, values, "36 M.R.S. §5125")
    if any(p.age_halves < 119 and (p.ira or p.plan) for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "Maine's pension income deduction leaves out distributions subject to the federal 10% additional "
                    "tax; rothroute takes every IRA or plan distribution before 59½ as subject to it (an exception, "
                    "such as substantially equal payments, would make it eligible).", ("36 M.R.S. §5122(2)(M-2)",)))
    return out
