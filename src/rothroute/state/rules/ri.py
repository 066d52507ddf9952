"""Rhode Island (R.I. Gen. Laws chapter 44-30, Form RI-1040): federal AGI less the modifications for
those who have reached full retirement age (born on or before the Division's date for the year)
with federal AGI under the limit: the Social Security the federal return taxes (their share of
the benefits on a joint return where only one has reached it) and each one's own pension and
annuity income (Form 1040 line 5b, not IRAs) up to the cap; the standard deduction and the
exemptions, both reduced 20 points for each step of modified AGI over the threshold; one rate
schedule for every filing status, through the Tax Table under $100,000, to the dollar."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_F = "Form RI-1040"
_M = "RI Schedule M"
LINES = {
    **chain.LINES,
    "social_security": ("Taxable Social Security of those at full retirement age, federal AGI under the limit",
                        ("R.I. Gen. Laws §44-30-12(c)(8)", _M + " line 1s", "Taxable Social Security Income Worksheet"),
                        ("f1040.6b", "f1040.11", "people"), ("retirement_modifications",)),
    "retirement_exclusion": ("Pension and annuity income of each person at full retirement age, up to the cap",
                             ("R.I. Gen. Laws §44-30-12(c)(9)", _M + " line 1t"), ("f1040.11", "people"),
                             ("retirement_modifications",)),
    "agi": ("Modified federal AGI", (_F + " line 3",), ("start", "social_security", "retirement_exclusion"),
            ("start",)),
    "standard_deduction": ("Rhode Island standard deduction, reduced above the phase-out threshold",
                           (_F + " line 4", "Standard Deduction Worksheet"), ("agi",),
                           ("standard_deduction", "deduction_phaseout_steps")),
    "exemptions": ("Exemptions, reduced above the phase-out threshold", (_F + " line 6", "Exemption Worksheet"),
                   ("agi",), ("exemptions", "deduction_phaseout_steps")),
    "taxable_income": ("Rhode Island taxable income", (_F + " line 7",), ("agi", "standard_deduction", "exemptions"),
                       ()),
    "tax_before_credits": ("Tax: the Rhode Island Tax Table under $100,000, the worksheet above, to the dollar",
                           ("R.I. Gen. Laws §44-30-2.6(c)(3)(A)", _F + " line 8"), ("taxable_income",),
                           ("brackets", "tax_table")),
}


def _date(day: Any) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def _full_age(x: Mapping[str, Any], p: Mapping[str, Any]) -> tuple[Any, Any]:
    born_by = _date(p["retirement_modifications.born_by"])
    return tuple((x[f"{w}_born"] <= born_by) * x[f"{w}_present"] for w in f.PEOPLE)


def modifications(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], out: dict[str, Any]) -> Any:
    """The Social Security and pension modifications (RI Schedule M lines 1s, 1t)."""
    if "retirement_modifications.born_by" not in p:  # refused for the year: the single path says so
        return 0
    full1, full2 = _full_age(x, p)
    under = x["federal_agi"] < p["retirement_modifications.agi_under"]
    benefits = x["p1_social_security"] + x["p2_social_security"]
    own = full1 * x["p1_social_security"] + full2 * x["p2_social_security"]
    # the eligible share to four decimals (worksheet line 10), 1.0000 when everyone on the return has reached it
    everyone = (full1 + (1 - x["p1_present"])) * (full2 + (1 - x["p2_present"]))
    share = ops.where(everyone > 0, 10_000, ratio_times(10_000, own, ops.mx(benefits, 1)))
    taxable = x["federal_taxable_social_security"]
    social = ops.where(under & (full1 + full2 > 0), ratio_times(taxable, share, 10_000), 0)
    pensions = 0
    for full, who in zip((full1, full2), f.PEOPLE):
        mine = ops.mx(f.person_sum(x, who, p["retirement_modifications.pension_kinds"]), 0)
        pensions = pensions + full * ops.mn(mine, p["retirement_modifications.pension_cap"])
    pensions = ops.where(under, pensions, 0)
    out["social_security"] = social
    out["retirement_exclusion"] = pensions
    return social + pensions


def phaseout(ops: Any, amount: Any, agi: Any, p: Mapping[str, Any]) -> Any:
    """``amount`` less ``share`` of it for each step (or part) of AGI over the threshold, not below zero."""
    steps = f.ceil_div(ops.mx(agi - p["deduction_phaseout_steps.over"], 0), p["deduction_phaseout_steps.step"])
    share = p["deduction_phaseout_steps.share"]
    left = ops.mx(share.denominator - steps * share.numerator, 0)
    return ratio_times(amount, left, share.denominator)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - modifications(ops, x, p, out)
    out["agi"] = agi
    chain.deductions(ops, x, p, out)
    out["standard_deduction"] = phaseout(ops, out["standard_deduction"], agi, p)
    out["exemptions"] = phaseout(ops, out["exemptions"], agi, p)
    taxable = ops.mx(agi - out["standard_deduction"] - out["exemptions"], 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "R.I. Gen. Laws §44-30-12(b)(1)", "RI Schedule M line 2a")
    if values.get("retirement_exclusion") is not None and common.has(inputs, "conversion"):
        out.append(("state_rule_not_modelled",
                    "Rhode Island's pension and annuity modification takes Form 1040 line 5b income, not IRA money: a "
                    "Roth conversion is not counted, though plan money rolled to a Roth account (reported on line "
                    "5b) may qualify; the file does not tell the two apart.",
                    ("R.I. Gen. Laws §44-30-12(c)(9)", "RI Schedule M line 1t")))
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "Rhode Island subtracts military service pensions in full; the file does not say where a pension "
                    "comes from, so only the pension and annuity modification is taken.",
                    ("R.I. Gen. Laws §44-30-12(c)(11)", "RI Schedule M line 1v")))
    return out


def needs(step: str, x: Mapping[str, Any], ops: Any) -> Any:
    """Whether a refused step matters (ints or columns): the modifications at full retirement age need
    someone of 66 or more (no one younger can have reached it) with Social Security, pensions or plan
    money."""
    if step == "retirement_modifications":
        found = False
        for w in f.PEOPLE:
            income = x[f"{w}_social_security"] + x[f"{w}_pension"] + x[f"{w}_plan"]
            found = found | ((x[f"{w}_age"] >= 66) & (income > 0) & (x[f"{w}_present"] > 0))
        return found
    return True
