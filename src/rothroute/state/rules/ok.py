"""Oklahoma (68 O.S. §2351 et seq., Form 511): federal AGI less the Social Security the federal
return taxes and each person's retirement benefits up to $10,000 at any age (Oklahoma AGI); the
standard deduction; $1,000 exemptions for each person and each blind person, and $1,000 more for
each person 65 or older only while federal AGI, Roth conversions left out, is at most the limit
of the filing status; the tax from the Oklahoma Income Tax Table under $100,000 and the printed
worksheet above it, to the dollar (2026: HB 2764's schedule on the income)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_F = "Form 511"
LINES = {
    **chain.LINES,
    "social_security": ("Social Security benefits taxed federally, subtracted", ("Schedule 511-A line 2",),
                        ("f1040.6b",), ("social_security",)),
    "retirement_exclusion": ("Retirement benefits excluded: each person's own, up to $10,000",
                             ("Schedule 511-A lines 5-6",), ("people",), ("retirement_exclusion",)),
    "agi": ("Oklahoma adjusted gross income", (_F + " line 7",), ("start", "social_security", "retirement_exclusion"),
            ("start",)),
    "standard_deduction": ("Oklahoma standard deduction", (_F + " line 10",), (), ("standard_deduction",)),
    "exemptions": ("Exemptions: $1,000 for each person and each blind person, and for each person 65 or older "
                   "while federal AGI (Roth conversions left out) is at most the limit",
                   (_F + " line 11",), ("f1040.11", "people"), ("exemptions", "aged_exemption_limit")),
    "taxable_income": ("Oklahoma taxable income", (_F + " line 13",), ("agi", "standard_deduction", "exemptions"), ()),
    "tax_before_credits": ("Tax: the Oklahoma Income Tax Table under $100,000, the worksheet above, to the dollar",
                           ("68 O.S. §2355", _F + " line 14"), ("taxable_income",),
                           ("brackets", "tax_table", "tax_worksheet")),
}


def aged_exemptions(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> Any:
    """$1,000 for each person 65 or older, when federal AGI (less Roth conversions) is at most the limit."""
    _, aged, _ = chain.counts(x, p["aged_exemption_limit.age"])
    income = x["federal_agi"]
    if p["aged_exemption_limit.conversions_excluded"]:
        income = income - f.household_sum(x, ("conversion",))
    return ops.where(income <= p["aged_exemption_limit.limit"], aged * p["aged_exemption_limit.amount"], 0)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    agi = chain.start(ops, x, p, out) - chain.subtractions(ops, x, p, out)
    out["agi"] = agi
    deductions = chain.deductions(ops, x, p, out)
    extra = aged_exemptions(ops, x, p)
    out["exemptions"] = out["exemptions"] + extra
    taxable = ops.mx(agi - deductions - extra, 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "68 O.S. §2358(A)", "Schedule 511-B line 1")
    if inputs.federal.get("federal_itemizes"):
        out.append(("state_itemized_deduction_not_modelled",
                    "The federal return itemizes, so Oklahoma requires its own itemized deductions (the federal ones "
                    "less state and local income taxes, at most $17,000 besides medical and charitable amounts); they "
                    "are not modelled and the Oklahoma standard deduction is used, so the tax may be higher or lower.",
                    ("68 O.S. §2358(E)(3)", "Form 511 line 10", "Schedule 511-D")))
    if any(p.pension > 1_000_000 for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "Oklahoma excludes military retirement and federal civil service (CSRS) annuities paid in lieu of "
                    "Social Security in full; the file does not say where a pension comes from, so only the $10,000 "
                    "retirement exclusion is taken.", ("68 O.S. §2358(E)", "Schedule 511-A lines 3-4")))
    return out
