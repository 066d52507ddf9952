"""Wisconsin (Wis. Stat. chapter 71; Form 1): federal AGI with the interest the federal return exempts
added, less the Social Security it taxes, 30% of the net capital gain, each person's retirement plan
and IRA payments up to $5,000 from 65 under the federal AGI limit and, from 2025, up to $24,000 from
67 ($48,000 together for spouses both 67); the sliding standard deduction from the Department's
table; exemptions; the tax table under $100,000 and the worksheet above, to the dollar; the married
couple credit. Whoever takes the subtraction from 67 may claim no credit, so the return takes it only
where the tax is lower with it (both ways are figured)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times, times
from rothroute.state import chain, formulas as f, tables
from rothroute.state.rules import common

_F = "Form 1"
LINES = {
    "start": chain.LINES["start"],
    "additions": ("Additions: interest the federal return exempts (state and municipal bonds)",
                  ("Schedule AD line 1", "Form 1040 line 2a"), ("f1040.2a",), ("additions",)),
    "social_security": ("Social Security taxed federally, subtracted", ("Schedule SB line 4",), ("f1040.6b",),
                        ("social_security",)),
    "capital_gain_exclusion": ("30% of the net capital gain", ("Schedule WD line 25",), ("people",),
                               ("capital_gain_deduction",)),
    "retirement_subtraction": ("Retirement income subtraction: each person's plan and IRA payments up to $5,000 "
                               "from 65, federal AGI under the limit", ("Schedule SB",), ("people", "f1040.11"),
                               ("retirement_subtraction",)),
    "retirement_subtraction_67": ("Retirement income subtraction from 67: plan and IRA payments up to $24,000 each "
                                  "($48,000 for spouses both 67), taken where the tax is lower without credits",
                                  ("Schedule SB line 16",), ("people",), ("retirement_subtraction_67",)),
    "agi": ("Wisconsin income", (_F + " line 7",),
            ("start", "additions", "social_security", "capital_gain_exclusion", "retirement_subtraction",
             "retirement_subtraction_67"), ("start",)),
    "standard_deduction": ("Standard deduction: the sliding scale, from the Standard Deduction Table",
                           (_F + " line 8",), ("agi",), ("sliding_standard_deduction_table",)),
    "exemptions": ("Exemptions: $700 for each person, $250 more for each 65 or older", (_F + " line 10",), (),
                   ("exemptions",)),
    "taxable_income": ("Wisconsin taxable income", (_F + " line 11",), ("agi", "standard_deduction", "exemptions"),
                       ()),
    "tax_before_credits": ("Tax: the Tax Table under $100,000, the Tax Computation Worksheet above, to the dollar",
                           ("Wis. Stat. §71.06", _F + " line 12"), ("taxable_income",),
                           ("brackets", "tax_table", "tax_worksheet")),
    "credits": ("Married couple credit: 3% of the lower earning spouse's earned income up to $16,000 (none with "
                "the subtraction from 67)", (_F + " Schedule 2",), ("people",), ("two_wage_earner_credit",)),
    "tax": chain.LINES["tax"],
}


def retirement(ops: Any, x: Mapping[str, Any], who: str, kinds: Any) -> Any:
    """One person's payments from retirement plans and IRAs, not below zero (nil for one not on the return)."""
    return ops.mx(f.person_sum(x, who, kinds), 0) * x[f"{who}_present"]


def standard_deduction(ops: Any, income: Any, p: Mapping[str, Any]) -> Any:
    """The greatest of the status's formulas at the middle of the table row ``income`` falls in, to the dollar."""
    scale = p["sliding_standard_deduction_table.scale"]
    mid = tables.midpoint(ops, income, p["sliding_standard_deduction_table.table"])
    best = income * 0
    for amount, over, rate in p["sliding_standard_deduction_table.formulas"]:
        value = amount * scale - ops.mx(mid - over, 0) * rate
        best = ops.mx(best, value)
    return tables.whole_dollars(best, scale)


def _used_67(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """Each person's part of the subtraction from 67: their own up to the cap; for spouses both of age,
    the pooled cap (each one's own first, the rest of the other's cap next: the two add to the pooled
    amount)."""
    cap, joint = p["retirement_subtraction_67.cap"], p["retirement_subtraction_67.joint_cap"]
    aged = {who: (x[f"{who}_age"] >= p["retirement_subtraction_67.age"]) * x[f"{who}_present"] for who in f.PEOPLE}
    both = aged["p1"] * aged["p2"]
    used = {}
    for who, other in (("p1", "p2"), ("p2", "p1")):
        alone = ops.mn(own[who], cap) * aged[who]
        pooled = ops.mn(own[who], joint - ops.mn(own[other], cap))
        used[who] = ops.where(both > 0, pooled, alone)
    return used


def _return(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], take_67: bool) -> dict[str, Any]:
    """The return's lines, with the subtraction from 67 (and no credit) or without it."""
    out: dict[str, Any] = {}
    fagi = chain.start(ops, x, p, out)
    income = fagi + chain.additions(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    long_term = x["p1_long_term_gains"] + x["p2_long_term_gains"]
    short_term = x["p1_short_term_gains"] + x["p2_short_term_gains"]
    out["capital_gain_exclusion"] = times(ops.mx(long_term + ops.mn(short_term, 0), 0),
                                          p["capital_gain_deduction.share"])
    kinds = p["retirement_subtraction.kinds"]
    own = {who: retirement(ops, x, who, kinds) for who in f.PEOPLE}
    used = {who: 0 for who in f.PEOPLE}
    if take_67:
        used = _used_67(ops, x, p, {who: retirement(ops, x, who, p["retirement_subtraction_67.kinds"])
                                    for who in f.PEOPLE})
        out["retirement_subtraction_67"] = used["p1"] + used["p2"]
    low = (fagi < p["retirement_subtraction.agi_under"]) * 1
    subtraction = 0
    for who in f.PEOPLE:
        aged = (x[f"{who}_age"] >= p["retirement_subtraction.age"]) * low
        subtraction = subtraction + ops.mn(ops.mx(own[who] - used[who], 0), p["retirement_subtraction.cap"]) * aged
    out["retirement_subtraction"] = subtraction
    income = income - out["capital_gain_exclusion"] - subtraction - used["p1"] - used["p2"]
    out["agi"] = income
    out["standard_deduction"] = standard_deduction(ops, income, p)
    exemptions = chain.deductions(ops, x, p, out)
    out["taxable_income"] = taxable = ops.mx(income - out["standard_deduction"] - exemptions, 0)
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    if take_67:
        return chain.finish(ops, out, 0)
    lower = ops.mn(ops.mx(x["p1_wages"], 0), ops.mx(x["p2_wages"], 0)) * x["p2_present"]
    rate = p["two_wage_earner_credit.rate"]
    credit = ratio_times(ops.mn(lower, p["two_wage_earner_credit.cap"]), rate.numerator, rate.denominator)
    return chain.finish(ops, out, credit)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    without = _return(ops, x, p, False)
    if "retirement_subtraction_67.age" not in p:
        return without
    with_67 = _return(ops, x, p, True)
    take = with_67["tax"] < without["tax"]
    return {key: ops.where(take, with_67.get(key, 0), without.get(key, 0)) for key in (*without, *with_67)}


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out: list[tuple[str, str, tuple[str, ...]]] = []
    if sum(p.exempt_interest for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "All the interest the federal return exempts is added: Wisconsin taxes state and municipal bond "
                    "interest, its own included, except on the obligations Wis. Admin. Code Tax 3.095(4) lists; the file "
                    "does not say which bonds they are.", ("Wis. Stat. §71.05(6)(a)1", "Schedule AD line 1")))
    if inputs.federal.get("federal_itemizes"):
        out.append(("state_rule_not_modelled",
                    "The federal return itemizes: Wisconsin has no itemized deductions but a credit of 5% of certain "
                    "itemized deductions over the standard deduction (Schedule 1), not modelled.",
                    ("Wis. Stat. §71.07(5)", "Form 1 Schedule 1")))
    if values.get("tax_before_credits"):
        out.append(("state_rule_not_modelled",
                    "Wisconsin's school property tax credit (renters and homeowners, up to $300, nonrefundable) is not "
                    "modelled: the file has no rent or property tax.", ("Wis. Stat. §71.07(9)", "Form 1 lines 16a-16b")))
    if values.get("retirement_subtraction_67"):
        out.append(("state_rule_not_modelled",
                    "The retirement income subtraction from 67 is taken because the tax is lower with it than with the "
                    "married couple credit; whoever claims it forfeits every Wisconsin credit (school property tax, "
                    "itemized deduction, earned income, homestead and the others, with their carryforwards), which "
                    "rothroute does not model: with those credits the subtraction may not be worth claiming.",
                    ("Wis. Stat. §71.05(6)(b)54m", "Schedule SB line 16")))
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "Wisconsin subtracts military and uniformed services retirement in full, and some federal (CSRS) "
                    "and Wisconsin public pensions of members before 1964; the file does not say where a pension comes "
                    "from, so only the retirement income subtractions are taken; payments from a commercial annuity "
                    "are not from a qualified plan and do not count toward them.",
                    ("Wis. Stat. §71.05(1)(a), (am), (an)", "Schedule SB lines 12-14")))
    if str(inputs.status) == "married_separate" and any(p.age >= 65 for p in inputs.people) and values.get("agi", 0) < 3_000_000:
        out.append(("state_rule_not_modelled",
                    "On separate returns the $5,000 retirement income subtraction needs the sum of both spouses' federal "
                    "AGIs under $30,000; the file has this return's only, which is compared with the limit.",
                    ("Wis. Stat. §71.05(6)(b)54",)))
    sd = values.get("standard_deduction", 0)
    if inputs.year in (2024, 2026) and 0 < sd and values.get("agi", 0) >= 1_306_000:
        out.append(("state_rule_not_modelled",
                    "Wisconsin takes the standard deduction from its Standard Deduction Table (the formula at the middle "
                    f"of each $500 row); the {inputs.year} table's rows were not read, so the formula is applied to the "
                    "income itself, which can differ by up to about $50 of deduction.",
                    ("Wis. Stat. §71.05(22)", "Form 1 line 8")))
    if inputs.year == 2026 and values.get("taxable_income", 0) >= 10_000_000:
        out.append(("state_rule_not_modelled",
                    "From $100,000 of taxable income Wisconsin's Tax Computation Worksheet applies its printed, rounded "
                    "subtractions; the 2026 worksheet is not published yet, so the schedule is applied exactly (a cent "
                    "or so).", ("Wis. Stat. §71.06", "Form 1 line 12")))
    return out
