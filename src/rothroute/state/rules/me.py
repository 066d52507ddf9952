"""Maine: federal AGI less the Social Security benefits the federal return taxes and each person's
pension income deduction (their pension, plan and IRA benefits, Roth conversions included, up to
the pension deduction amount less their Social Security benefits, taxable or not; from 2025 phased
out above the AGI threshold) is Maine AGI; less the standard deduction (with the additional amounts
for age and blindness) and the personal exemptions, each phased out in proportion above its
threshold of Maine AGI; taxed by the indexed rate schedules, with from 2026 a 2% surcharge on Maine taxable
income over $1,000,000 ($1,500,000 joint, surviving spouse and head of household, $750,000 separate).

Readings: IRA and plan distributions before 59½ are taken as subject to the federal 10% additional
tax, which makes them ineligible (a Roth conversion is not); the pension deduction's phase-out reads
federal AGI, the standard deduction's and the exemption's Maine AGI."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times, times
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
    "tax_before_credits": ("Tax by the rate schedule, with the surcharge", ("36 M.R.S. §5111", _ME + " line 20"),
                           ("taxable_income", "surcharge"), ("brackets", "income_surcharge")),
    "surcharge": ("Income tax surcharge: 2% of Maine taxable income over the threshold (from 2026)",
                  ("36 M.R.S. §5111(7)", _ME + " line 20"), ("taxable_income",), ("income_surcharge",)),
}

# the pension income deduction's 2025 phase-out thresholds by filing status, in FILING_STATUSES order (single,
# married joint, married separate, head of household, surviving spouse), cents: 36 M.R.S. §5122(2)(M-2)(2) and
# the 2025 Form 1040ME instructions. Indexing by a rising chained CPI-U only raises them, so below them a later
# year's phase-out takes nothing (``needs``)
_PHASEOUT_2025 = (12_500_000, 25_000_000, 12_500_000, 18_750_000, 25_000_000)


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
    tax = chain.rate(ops, taxable, p)
    if "income_surcharge.rate" in p:  # 36 M.R.S. §5111(7), from 2026
        out["surcharge"] = times(ops.mx(taxable - p["income_surcharge.over"], 0), p["income_surcharge.rate"])
        tax = tax + out["surcharge"]
    out["tax_before_credits"] = tax
    return chain.finish(ops, out, 0)


def needs(step: str, x: Mapping[str, Any], ops: Any) -> Any:
    """Whether a refused step matters (ints or columns): the pension deduction's phase-out, whose thresholds a
    year may not know, matters only to a return with retirement income of the deduction's kinds and federal
    AGI over the 2025 threshold of its filing status."""
    if step == "pension_deduction_phaseout":
        threshold = _PHASEOUT_2025[0]
        for i, amount in enumerate(_PHASEOUT_2025[1:], start=1):
            threshold = ops.where(x["status"] == i, amount, threshold)
        income = 0
        for w in f.PEOPLE:
            income = income + (x[f"{w}_pension"] + x[f"{w}_conversion"] + x[f"{w}_ira"] + x[f"{w}_plan"]) * x[f"{w}_present"]
        return (income > 0) & (x["federal_agi"] > threshold)
    return True


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "36 M.R.S. §5122(1)") + common.itemized_note(inputs, values, "36 M.R.S. §5125")
    if any(p.age_halves < 119 and (p.ira or p.plan) for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "Maine's pension income deduction leaves out distributions subject to the federal 10% additional "
                    "tax; rothroute takes every IRA or plan distribution before 59½ as subject to it (an exception, "
                    "such as substantially equal payments, would make it eligible).", ("36 M.R.S. §5122(2)(M-2)",)))
    return out
