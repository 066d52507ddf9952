"""Utah (Utah Code Title 59, chapter 10; Form TC-40): a flat rate on Utah taxable income (federal
AGI with Utah's additions and subtractions), no tax at or below the basic federal standard
deduction; the taxpayer tax credit (6% of the federal deduction, less 1.3% of income over the
base phase-out amount); the larger of the retirement credit ($450 for each person born in 1952 or
earlier) and the Social Security benefits credit (the rate on the taxable benefits), each less
2.5% of modified AGI over its threshold. Retirement income has no exclusion: conversions are
taxed at the flat rate."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times, times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_F = "TC-40"
LINES = {
    "start": chain.LINES["start"],
    "agi": ("Utah taxable income (federal AGI with Utah's additions and subtractions)", (_F + " line 9",),
            ("start",), ("start",)),
    "taxable_income": ("Utah taxable income", (_F + " line 9",), ("agi",), ()),
    "tax_before_credits": ("Tax: the flat rate on Utah taxable income (none at or below the basic federal standard "
                           "deduction)", ("Utah Code §59-10-104", "Utah Code §59-10-104.1", _F + " line 10"),
                           ("taxable_income", "f1040.11"), ("flat_rate", "no_tax")),
    "taxpayer_credit": ("Taxpayer tax credit: 6% of the federal deduction, less 1.3% of income over the base "
                        "phase-out amount", ("Utah Code §59-10-1018", _F + " lines 11-20"),
                        ("f1040.12", "taxable_income"), ("taxpayer_credit",)),
    "retirement_credit": ("Retirement credit: $450 for each person born in 1952 or earlier, less 2.5% of modified "
                          "AGI over the threshold", ("Utah Code §59-10-1019", "TC-40A"), ("people", "f1040.11"),
                          ("retirement_credit",)),
    "social_security_credit": ("Social Security benefits credit: the rate on the taxable benefits, less 2.5% of "
                               "modified AGI over the threshold", ("Utah Code §59-10-1042", "TC-40A"),
                               ("f1040.6b", "f1040.11"), ("social_security_credit",)),
    "credits": ("Nonrefundable credits: the taxpayer tax credit and the larger of the retirement and Social "
                "Security benefits credits", (_F + " lines 20-22",),
                ("taxpayer_credit", "retirement_credit", "social_security_credit"), ()),
    "tax": chain.LINES["tax"],
}


def _less(ops: Any, amount: Any, income: Any, over: Any, rate: Any) -> Any:
    return ops.mx(amount - times(ops.mx(income - over, 0), rate), 0)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out)
    out["agi"] = agi
    taxable = ops.mx(agi, 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = ops.where(agi <= p["no_tax"], 0, chain.rate(ops, taxable, p))
    credits = 0
    if "taxpayer_credit.rate" in p:  # absent only where a year refuses it: the single path says so
        initial = times(ops.mx(x["federal_deduction"], 0), p["taxpayer_credit.rate"])
        out["taxpayer_credit"] = _less(ops, initial, taxable, p["taxpayer_credit.phaseout_over"],
                                       p["taxpayer_credit.phaseout_rate"])
        credits = out["taxpayer_credit"]
    modified = agi + x["p1_exempt_interest"] + x["p2_exempt_interest"]
    if "retirement_credit.amount" in p:
        day = p["retirement_credit.born_by"]
        cutoff = day.year * 10_000 + day.month * 100 + day.day
        count = 0
        for who in f.PEOPLE:
            count = count + (x[f"{who}_born"] <= cutoff) * x[f"{who}_present"]
        out["retirement_credit"] = _less(ops, count * p["retirement_credit.amount"], modified,
                                         p["retirement_credit.over"], p["retirement_credit.rate"])
    if "social_security_credit.over" in p:
        rate = p["flat_rate.rate"]
        benefits = ratio_times(x["federal_taxable_social_security"], rate.numerator, rate.denominator)
        out["social_security_credit"] = _less(ops, benefits, modified, p["social_security_credit.over"],
                                              p["social_security_credit.rate"])
    if "retirement_credit" in out and "social_security_credit" in out:
        credits = credits + ops.mx(out["retirement_credit"], out["social_security_credit"])
    return chain.finish(ops, out, credits)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "Utah Code §59-10-114(1)", "TC-40A Part 1")
    if inputs.federal.get("federal_itemizes"):
        out.append(("state_rule_not_modelled",
                    "The federal return itemizes: Utah's taxpayer tax credit takes the federal itemized deductions less "
                    "state and local income taxes; rothroute takes the federal deduction as it is.",
                    ("Utah Code §59-10-1018(1)(f)", "TC-40 line 14")))
    if common.has(inputs, "pension") and values.get("tax"):
        out.append(("state_rule_not_modelled",
                    "Utah's military retirement credit is not modelled: the file does not say where a pension comes "
                    "from.", ("Utah Code §59-10-1047", "TC-40A")))
    out += common.earned_income_credit_note(
        inputs, values, "Utah's earned income credit (a share of the federal credit, nonrefundable) is not "
        "modelled; a worker who claims the federal credit would owe less.", "Utah Code §59-10-1044", "TC-40A")
    return out
