"""South Carolina (S.C. Code Title 12, chapter 6; Form SC1040): federal taxable income (from 2026,
federal AGI, H.4216) with the 2025 add-back of the federal deductions of P.L. 119-21 South Carolina
does not adopt; less the Social Security the federal return taxes, each person's own retirement
income up to $3,000 ($10,000 from 65), $15,000 from 65 less that, 44% of the net capital gain and,
from 2026, the income adjusted deduction; the rates through the tax tables under $100,000 and the
worksheet above, to the dollar; the two wage earner credit."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times, times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_F = "SC1040"
LINES = {
    **chain.LINES,
    "start": ("Federal taxable income (from 2026, federal AGI), where the return starts", (_F + " line 1",),
              ("f1040.15", "f1040.11"), ("start",)),
    "additions": ("Federal deductions South Carolina does not adopt (2025: the standard deduction's increase and "
                  "the senior deduction of P.L. 119-21)", (_F + " line e",), ("f1040.12", "sch1a.38"),
                  ("federal_deduction_increase_addback",)),
    "social_security": ("Social Security taxed federally, subtracted", (_F + " line o",), ("f1040.6b",),
                        ("social_security",)),
    "retirement_exclusion": ("Retirement deduction: each person's own retirement income, up to $3,000 ($10,000 from "
                             "65)", ("S.C. Code §12-6-1170(A)", _F + " line p"), ("people",),
                             ("retirement_deduction",)),
    "age_deduction": ("Deduction from 65: $15,000 each less their retirement deduction",
                      ("S.C. Code §12-6-1170(B)", _F + " line q"), ("people", "retirement_exclusion"),
                      ("retirement_deduction",)),
    "capital_gain_deduction": ("44% of the net capital gain", ("S.C. Code §12-6-1150", _F + " line i"),
                               ("people",), ("capital_gain_deduction",)),
    "standard_deduction": ("South Carolina income adjusted deduction (from 2026), reduced above the threshold",
                           ("S.C. Code §12-6-1140",), ("f1040.11",), ("income_adjusted_deduction",)),
    "taxable_income": ("South Carolina taxable income", (_F + " line 5",),
                       ("start", "additions", "social_security", "retirement_exclusion", "age_deduction",
                        "capital_gain_deduction", "standard_deduction"), ()),
    "tax_before_credits": ("Tax: the tax tables under $100,000, the worksheet above, to the dollar",
                           ("S.C. Code §12-6-510", _F + " line 6", "SC1040TT"), ("taxable_income",),
                           ("brackets", "tax_table", "tax_worksheet")),
    "credits": ("Two wage earner credit: 0.7% of the lower earning spouse's earned income up to $50,000",
                ("S.C. Code §12-6-3330", _F + " line 12"), ("people",), ("two_wage_earner_credit",)),
}


def qualified(ops: Any, x: Mapping[str, Any], who: str) -> Any:
    """One person's retirement income not subject to the 10% additional tax: pensions and Roth
    conversions at any age, IRA and plan distributions from 59½ (taken as subject to it before)."""
    later = ops.where(x[f"{who}_age_halves"] >= 119, x[f"{who}_ira"] + x[f"{who}_plan"], 0)
    return ops.mx(x[f"{who}_pension"] + x[f"{who}_conversion"] + later, 0)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    income = chain.start(ops, x, p, out)
    if "federal_deduction_increase_addback.standard" in p:
        added = ops.where(x["federal_itemizes"] > 0, 0, p["federal_deduction_increase_addback.standard"])
        if p["federal_deduction_increase_addback.senior"]:
            added = added + x["federal_senior_deduction"]
        out["additions"] = added
        income = income + added
    income = income - chain.subtractions(ops, x, p, out)
    retirement = age = 0
    halves = tuple(int(2 * a) for a, _ in p["retirement_deduction.tiers"])
    caps = tuple(c for _, c in p["retirement_deduction.tiers"])
    for who in f.PEOPLE:
        mine = ops.mn(qualified(ops, x, who), f.age_cap(ops, x[f"{who}_age_halves"], halves, caps)) * x[f"{who}_present"]
        old = (x[f"{who}_age"] >= p["retirement_deduction.age"]) * x[f"{who}_present"]
        retirement = retirement + mine
        age = age + old * ops.mx(p["retirement_deduction.age_amount"] - mine, 0)
    out["retirement_exclusion"] = retirement
    out["age_deduction"] = age
    long_term = x["p1_long_term_gains"] + x["p2_long_term_gains"]
    short_term = x["p1_short_term_gains"] + x["p2_short_term_gains"]
    net_gain = ops.mx(long_term + ops.mn(short_term, 0), 0)
    out["capital_gain_deduction"] = times(net_gain, p["capital_gain_deduction.share"])
    income = income - retirement - age - out["capital_gain_deduction"]
    if "income_adjusted_deduction.amount" in p:
        amount = p["income_adjusted_deduction.amount"]
        over = ops.mn(ops.mx(x["federal_agi"] - p["income_adjusted_deduction.over"], 0),
                      p["income_adjusted_deduction.range"])
        step = p["income_adjusted_deduction.round_to"]
        reduction = (amount * over) // p["income_adjusted_deduction.range"] // step * step
        out["standard_deduction"] = amount - reduction
        income = income - out["standard_deduction"]
    taxable = ops.mx(income, 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    lower = ops.mn(ops.mx(x["p1_wages"], 0), ops.mx(x["p2_wages"], 0)) * x["p2_present"]
    credit = ratio_times(ops.mn(lower, p["two_wage_earner_credit.cap"]), p["two_wage_earner_credit.rate"].numerator,
                         p["two_wage_earner_credit.rate"].denominator)
    return chain.finish(ops, out, credit)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "S.C. Code §12-6-1130", "SC1040 line d")
    if inputs.federal.get("federal_itemizes"):
        out.append(("state_rule_not_modelled",
                    "The federal return itemizes: South Carolina adds back the state and local income taxes deducted "
                    "on federal Schedule A (SC1040 line a) and, for 2025, the itemized deductions P.L. 119-21 allows "
                    "that it does not adopt; neither is modelled (from 2026 the federal deductions are not used).",
                    ("S.C. Code §12-6-1130", "SC1040 lines a and e")))
    if any(p.age_halves < 119 and (p.ira or p.plan) for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "IRA and plan distributions before 59½ are taken as subject to the 10% additional tax, so not "
                    "retirement income for South Carolina's retirement deduction; one under an exception (IRC "
                    "§72(t)(2)) would count.", ("S.C. Code §12-6-1170(A)(2)",)))
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "South Carolina subtracts military retirement in full; the file does not say where a pension "
                    "comes from, so only the retirement deduction is taken.", ("S.C. Code §12-6-1171", "SC1040 line p")))
    out += common.earned_income_credit_note(
        inputs, values, "South Carolina's earned income credit (125% of the federal credit, nonrefundable) is not "
        "modelled; a worker who claims the federal credit would owe less.", "S.C. Code §12-6-3632", "SC1040TC")
    return out
