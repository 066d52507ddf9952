"""Kinds of difference from PolicyEngine-US that come from amounts PolicyEngine imputes and the household
does not give (issue #14 item 6; the last ten differences of Alabama, Colorado, Georgia and Hawaii), added
to ``pe_state_kinds.KINDS``:

* its own estimate of the state income tax withheld (``state_withheld_income_tax``: the state's schedule on
  each person's federal AGI less the single standard deduction), which its federal return itemizes where
  that beats the standard deduction (``tax_unit_itemizes``) and Hawaii's own itemized deduction takes;
* the Medicare Part B premiums of each person 65 or older (``itemized_medical_expenses``), a medical
  expense in the itemized deductions of Alabama (over 4% of Alabama AGI) and Hawaii (over 7.5%).

The bench's households say nothing was paid (no ``itemized_deductions`` in rothroute's terms), so rothroute
takes the standard deductions. Each kind re-runs rothroute with PolicyEngine's imputed amounts (asked of
PolicyEngine with the household, ``PEER_AMOUNTS``) and is accepted only when that gives PolicyEngine's
figure within $1 (docs/crosscheck.md gives the authority for each)."""

from __future__ import annotations

from typing import Any

# the PolicyEngine amounts these kinds re-run with (added to pe_state_kinds.PEER_AMOUNTS)
PEER_AMOUNTS = ("state_withheld_income_tax", "salt_deduction", "itemized_taxable_income_deductions",
                "standard_deduction", "itemized_medical_expenses", "hi_salt_deduction",
                "income_tax_before_refundable_credits")

def _cents(h: dict[str, Any], name: str) -> int:
    return round(100 * h.get(f"pe_{name}", 0))


def _federal_itemizes(h: dict[str, Any]) -> bool:
    return bool(h.get("pe_tax_unit_itemizes"))


def _hi_itemized(h: dict[str, Any]) -> float:
    """Hawaii: PolicyEngine's itemized deduction (HRS §235-2.4; N-11 Worksheet A-1): the taxes it imputes
    (its hi_salt_deduction: the withholding estimate, under its federal AGI limit) and the imputed Part B
    premiums over 7.5% of Hawaii AGI (rothroute's), taken where larger than the standard deduction."""
    from pe_state_kinds import tax

    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        medical = max(_cents(h, "itemized_medical_expenses") - values["agi"] * 3 // 40, 0)
        itemized = _cents(h, "hi_salt_deduction") + medical
        return {**p, "standard_deduction": max(itemized, p["standard_deduction"])}

    return tax(h, params=change)


def _al_itemized(h: dict[str, Any]) -> float:
    """Alabama: PolicyEngine's itemized deduction (Ala. Code §40-18-15(a); Form 40 Schedule A) adds the
    imputed Part B premiums over 4% of Alabama AGI to the Social Security and Medicare taxes on wages (which
    rothroute counts); its federal tax deduction is its own federal tax (Form 1040 line 22 and the net
    investment income tax), lower where its federal return itemizes the state tax it imputes. With a
    pension, PolicyEngine's reading of the pension (``policyengine_al_private_defined_benefit_pension_taxed``)
    is applied too."""
    from pe_state_kinds import _al_pension_in_the_6000_cap, _picked, _rate
    from tests.crosscheck.state_expected import lines

    pension = bool(h["pension_head"] or h["pension_spouse"])
    v = lines(h, params=_al_pension_in_the_6000_cap) if pension else lines(h)
    p = _picked(h)
    medical = max(_cents(h, "itemized_medical_expenses") - v["agi"] * 4 // 100, 0)
    itemized = v.get("itemized_deduction", 0) + medical
    federal = _cents(h, "income_tax_before_refundable_credits")
    taxable = max(v["agi"] - max(v["standard_deduction"], itemized) - federal - v["exemptions"], 0)
    return max(_rate(p, taxable) - v.get("credits", 0) / 100, 0.0)


def _co_itemizes(h: dict[str, Any]) -> float:
    """Colorado: PolicyEngine's federal return itemizes the state tax it imputes (its federal taxable income
    lower by the itemized deduction over the standard one); Colorado adds back the state income tax so
    deducted, up to that excess (C.R.S. §39-22-104(3)(d); the 104 Book's state income tax addback
    worksheet), and from $300,000 of federal AGI the federal deduction over $12,000 ($16,000 joint), the
    itemized one here (C.R.S. §39-22-104(3)(p.5); Form DR 0104AD)."""
    from pe_state_kinds import _picked, _rate
    from tests.crosscheck.state_expected import lines

    itemized, standard = _cents(h, "itemized_taxable_income_deductions"), _cents(h, "standard_deduction")
    excess = max(itemized - standard, 0)

    def change(xs: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**xs, "federal_taxable_income": xs["federal_taxable_income"] - excess}

    v = lines(h, x=change)
    addback = min(_cents(h, "state_withheld_income_tax"), _cents(h, "salt_deduction"), excess)
    taxable = v["taxable_income"] + addback
    return max(_rate(_picked(h), taxable) + v.get("minimum_tax", 0) / 100 - v.get("credits", 0) / 100, 0.0)


def _ga_itemizes(h: dict[str, Any]) -> float:
    """Georgia: PolicyEngine's federal return itemizes the state tax it imputes; Georgia then itemizes too
    (O.C.G.A. §48-7-27(a)(1)), the federal itemized deduction (its own Georgia tax deductible on its Georgia
    return), and an itemizer has the eligible itemizer credit of $300 a taxpayer (O.C.G.A. §48-7-27.1, which
    rothroute applies when the federal return itemizes)."""
    from pe_state_kinds import tax

    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**p, "standard_deduction": _cents(h, "itemized_taxable_income_deductions"),
                "aged_blind_deduction.aged": 0, "aged_blind_deduction.blind": 0}

    return tax(h, params=change, x=lambda xs, values: {**xs, "federal_itemizes": 1})


def kinds(kind: Any) -> list[Any]:
    """The kinds, built with ``pe_state_kinds``' ``Kind``."""
    return [
        kind("policyengine_hi_itemizes_imputed_withholding_and_premiums", "HI",
             lambda h: h.get("pe_hi_salt_deduction", 0) > 0 or h.get("pe_itemized_medical_expenses", 0) > 0,
             _hi_itemized),
        kind("policyengine_al_itemizes_imputed_medicare_premiums", "AL",
             lambda h: h.get("pe_itemized_medical_expenses", 0) > 0 or _federal_itemizes(h), _al_itemized),
        kind("policyengine_co_federal_return_itemizes_imputed_state_tax", "CO", _federal_itemizes, _co_itemizes),
        kind("policyengine_ga_federal_return_itemizes_imputed_state_tax", "GA",
             lambda h: _federal_itemizes(h) and h["year"] >= 2024, _ga_itemizes),
    ]
