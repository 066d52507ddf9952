"""New York: federal AGI with the subtractions a retired household meets (taxable Social Security;
each person's pension and annuity income from 59½, up to $20,000, IRA distributions and Roth
conversions included: TSB-M-98(7)I), the standard deduction, the rate schedule with the
supplemental tax above a New York AGI of $107,650 (Tax Law §601(d-1): the Tax Computation
Worksheets), and the household credit (Tax Law §606(b)).

The supplemental tax, as the worksheets compute it: the tier is the bracket of the taxable income
(no lower than the bracket holding the $107,650 floor); its flat rate times the taxable income
less the tax by the schedule is the benefit of the lower brackets; the tax adds the recapture base
(the full benefit of the lower tiers, in whole dollars) plus the rest of the benefit times the
fraction of $50,000 by which New York AGI passes the tier's start (the floor for the first), to
four places. Above $25,000,000 of New York AGI the whole taxable income is taxed at the top rate.
"""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

LINES = {
    **chain.LINES,
    "tax_main": ("Tax by the rate schedule", ("Tax Law §601(a)-(c)", "Form IT-201 line 39"), ("taxable_income",),
                 ("brackets",)),
    "supplemental_tax": ("Supplemental tax: the recapture of the lower brackets above $107,650 of New York AGI",
                         ("Tax Law §601(d-1)", "Form IT-201 instructions, Tax computation worksheets"),
                         ("agi", "taxable_income", "tax_main"), ("supplemental_tax", "brackets")),
    "tax_before_credits": ("New York State tax", ("Form IT-201 line 39",), ("tax_main", "supplemental_tax"), ()),
    "credits": ("Household credit, by federal AGI and household size", ("Tax Law §606(b)", "Form IT-201 line 40"),
                ("f1040.11",), ("household_credit",)),
}


def _dollars(amount: Any) -> Any:
    return (amount + 50) // 100 * 100  # whole dollars, half up (the worksheets' amounts)


def supplemental(ops: Any, nyagi: Any, taxable: Any, main: Any, p: Mapping[str, Any]) -> Any:
    over, steps, scale = p["brackets.over"], p["brackets.steps"], p["brackets.scale"]
    floor, phase, flat_over = (p["supplemental_tax.agi_floor"], p["supplemental_tax.phase_in"],
                               p["supplemental_tax.flat_over"])
    recapture = taxable * 0
    chosen = taxable * 0  # 1 once a tier has been taken
    base = taxable * 0
    rate = 0
    for j in range(len(over) - 1):
        rate = rate + steps[j]
        low, high = over[j], over[j + 1]
        part = (high > floor) & (low < flat_over)
        benefit = ratio_times(taxable, rate, scale) - main
        excess = ops.mx(nyagi - ops.mx(low, floor), 0)
        fraction = ops.mn((excess * 20_000 + phase) // (2 * phase), 10_000)  # to four places, half up
        tier = base + ratio_times(benefit - base, fraction, 10_000)
        take = part & ((taxable > low) | (chosen == 0))
        recapture = ops.where(take, tier, recapture)
        chosen = ops.mx(chosen, part * 1)
        full = ratio_times(high, rate, scale) - f.brackets_tax(ops, high, over, steps, scale) - base
        base = ops.where(part, base + _dollars(full), base)
    top = rate + steps[-1]
    flat = ratio_times(taxable, top, scale) - main
    recapture = ops.where(nyagi > flat_over, flat, recapture)
    return ops.where(nyagi > floor, recapture, 0)


def _rows(ops: Any, amount: Any, rows: Any) -> Any:
    value = amount * 0 + rows[0][1]
    for over, credit in rows[1:]:
        value = ops.where(amount > over, credit, value)
    return value


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    out["agi"] = agi
    taxable = ops.mx(agi - chain.deductions(ops, x, p, out), 0)
    out["taxable_income"] = taxable
    main = chain.rate(ops, taxable, p)
    out["tax_main"] = main
    out["supplemental_tax"] = supplemental(ops, agi, taxable, main, p)
    out["tax_before_credits"] = main + out["supplemental_tax"]
    fagi = x["federal_agi"]
    people = x["p1_present"] + x["p2_present"]
    single = _rows(ops, fagi, p["household_credit.single"])
    # married filing separately: half the joint amount for the couple (both spouses counted), rounded up
    size = people + p["household_credit.is_separate"]
    others = _rows(ops, fagi, p["household_credit.base"]) + _rows(ops, fagi, p["household_credit.additional"]) * (
        size - 1)
    others = ops.where(p["household_credit.is_separate"] > 0, (others + 1) // 2, others)
    credit = ops.where(p["household_credit.is_single"] > 0, single, others)
    return chain.finish(ops, out, credit)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Tax Law §612(b)(1)") + common.itemized_note(inputs, values, "Tax Law §615")
    out.append(("local_income_tax_not_modelled",
                "New York City and Yonkers residents also pay a local income tax on the same New York return "
                "(Form IT-201 lines 47-58): not modelled, not included.", ("Tax Law §1301", "Form IT-201")))
    if common.has(inputs, "pension", "plan"):
        out.append(("state_rule_not_modelled",
                    "Pensions of New York State and local governments and of the federal government are excluded "
                    "in full, and a lump sum from an employer plan is not pension and annuity income: the file does "
                    "not say which pensions are which, so they share the $20,000 exclusion here.",
                    ("Tax Law §612(c)(3), (3-a)", "Form IT-201 instructions, line 26 and line 29")))
    if inputs.status == "married_separate" and values.get("credits"):
        out.append(("state_rule_not_modelled",
                    "A married person filing separately figures the household credit on both spouses' federal AGI; "
                    "the file has only this spouse's.", ("Tax Law §606(b)",)))
    if any(p.age_halves == 119 and (p.pension or p.ira or p.conversion or p.plan) for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "A person who turns 59½ during the year may exclude only what is received after that date; "
                    "rothroute excludes the year's whole amount (up to $20,000).",
                    ("Tax Law §612(c)(3-a)", "Form IT-201 instructions, line 29")))
    if values.get("tax") and values.get("taxable_income", 0) < 6_500_000:
        out.append(("state_rule_not_modelled",
                    "New York's Form IT-201 takes the tax from its tax table when taxable income is under $65,000 "
                    "(the schedule at the middle of the table's row); rothroute uses the rate schedule, which can "
                    "differ by a few dollars.", ("Form IT-201 instructions, line 39",)))
    return out

