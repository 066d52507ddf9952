"""Kansas: federal AGI less the Social Security benefits the federal return taxes (all benefits are
exempt from 2024), less the standard deduction (with $850 or $700 more for each person 65 or older
and each blind) and the personal exemption of the return, taxed at 5.2% and 5.58%; in 2024 the
nonrefundable food sales tax credit ($125 a person, federal AGI up to $30,615, someone 55 or older
all year or blind)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain
from rothroute.state.rules import common

LINES = {
    **{k: chain.LINES[k] for k in ("start", "social_security", "agi", "taxable_income", "credits", "tax")},
    "standard_deduction": ("Standard deduction, with the additional amounts for age (65) and blindness",
                           ("K.S.A. 79-32,119", "Form K-40 line 4"), ("people",),
                           ("standard_deduction", "aged_blind_by_status")),
    "exemptions": ("Personal exemption of the return", ("K.S.A. 79-32,121", "Form K-40 line 5"), (),
                   ("exemption_allowance",)),
    "tax_before_credits": ("Tax by the rates", ("K.S.A. 79-32,110", "Form K-40 line 8"), ("taxable_income",),
                           ("brackets",)),
    "credits": ("Food sales tax credit (to 2024): $125 for each person on the return, federal AGI at most $30,615, "
                "someone 55 or older all year or blind; nonrefundable", ("K.S.A. 79-32,271",),
                ("f1040.11", "people"), ("food_sales_tax_credit",)),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    out["agi"] = agi
    _, aged, blind = chain.counts(x, p["aged_blind_by_status.age"])
    out["standard_deduction"] = p["standard_deduction"] + (aged + blind) * p["aged_blind_by_status.amount"]
    out["exemptions"] = x["federal_agi"] * 0 + p["exemption_allowance"]
    taxable = ops.mx(agi - out["standard_deduction"] - out["exemptions"], 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    if "food_sales_tax_credit.amount" not in p:
        return chain.finish(ops, out, 0)
    people, _, blind = chain.counts(x, 0)
    # 55 or older all year: older than 55 on December 31 (a birthday on January 1 aside)
    older = sum((x[f"{w}_age"] > p["food_sales_tax_credit.age"]) * x[f"{w}_present"] for w in ("p1", "p2"))
    eligible = (x["federal_agi"] <= p["food_sales_tax_credit.agi_limit"]) & ((older + blind) > 0)
    return chain.finish(ops, out, ops.where(eligible, people * p["food_sales_tax_credit.amount"], 0))


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "K.S.A. 79-32,117") + common.itemized_note(inputs, values, "K.S.A. 79-32,120")
    if common.has(inputs, "pension", "plan"):
        out.append(("state_rule_not_modelled",
                    "Kansas exempts pensions of the Kansas public employees retirement systems, federal civil "
                    "service annuities and military retirement pay at any age; the file does not say which pensions "
                    "these are, so all are taxed here.", ("K.S.A. 79-32,117",)))
    return out
