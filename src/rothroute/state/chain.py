"""The generic chain of a state return, step by step, each step optional:

1. ``start``: federal AGI (or federal taxable income);
2. ``additions`` (interest the federal return exempts, where the state adds it whole);
   ``social_security``: the federally taxable benefits subtracted;
3. ``retirement_exclusion``: each person's retirement income excluded by age tier, up to a cap;
4. the state's AGI, less ``standard_deduction`` (with ``aged_blind_deduction``) and
   ``exemptions``: the taxable income;
5. ``brackets`` or ``flat_rate``: the tax (through the form's ``tax_table`` and ``tax_worksheet``
   where the state has them: ``state/tables.py``);
6. nonrefundable credits (a state module adds its own): the state income tax.

A state whose return is this chain names ``rules: chain`` in its file; a state module
(``state/rules/<xx>.py``) calls these same steps and adds what its return does besides. Every
step returns its lines by key (``agi``, ``taxable_income``, ...; the caller prefixes
``state.<xx>.``), so the single path can explain them and the batch path can return them.
"""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import formulas as f, tables

# key: (label, citations beyond the step's source, input keys, the steps whose sources are cited)
LINES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "start": ("Federal adjusted gross income, where the state return starts", ("Form 1040 line 11",),
              ("f1040.11",), ("start",)),
    "additions": ("Additions: interest the federal return exempts", ("Form 1040 line 2a",), ("f1040.2a",),
                  ("additions",)),
    "social_security": ("Taxable Social Security benefits, subtracted", ("Form 1040 line 6b",), ("f1040.6b",),
                        ("social_security",)),
    "retirement_exclusion": ("Retirement income excluded, each person by age, up to the cap", (),
                             ("people",), ("retirement_exclusion",)),
    "agi": ("State adjusted gross income", (), ("start", "additions", "social_security", "retirement_exclusion"),
            ("start",)),
    "standard_deduction": ("Standard deduction (with the additions for age and blindness)", (), (),
                           ("standard_deduction", "aged_blind_deduction")),
    "exemptions": ("Personal exemptions (with the additions for age and blindness)", (), ("f1040.11",),
                   ("exemptions",)),
    "taxable_income": ("State taxable income", (), ("agi", "standard_deduction", "exemptions"), ()),
    "tax_before_credits": ("Tax on the taxable income", (), ("taxable_income",), ("brackets", "flat_rate")),
    "credits": ("Nonrefundable credits", (), ("tax_before_credits",), ()),
    "tax": ("State income tax after nonrefundable credits", (), ("tax_before_credits", "credits"), ()),
}


def start(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], out: dict[str, Any]) -> Any:
    source = p.get("start.from", "federal_agi")
    value = x["federal_taxable_income"] if source == "federal_taxable_income" else x["federal_agi"]
    out["start"] = value
    return value


def additions(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], out: dict[str, Any]) -> Any:
    if p.get("additions.exempt_interest"):
        out["additions"] = x["p1_exempt_interest"] + x["p2_exempt_interest"]
        return out["additions"]
    return 0


def subtractions(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], out: dict[str, Any]) -> Any:
    """Social Security and the retirement exclusion (the steps the state's file has)."""
    total = 0
    if p.get("social_security.subtracted"):
        out["social_security"] = x["federal_taxable_social_security"]
        total = total + out["social_security"]
    if "retirement_exclusion.kinds" in p:
        excluded = 0
        for who in f.PEOPLE:
            excluded = excluded + f.retirement_exclusion(
                ops, x, who, p["retirement_exclusion.kinds"], p["retirement_exclusion.halves"],
                p["retirement_exclusion.caps"], p["retirement_exclusion.earned"], p["retirement_exclusion.any_age"])
        out["retirement_exclusion"] = excluded
        total = total + excluded
    return total


def counts(x: Mapping[str, Any], age: Any) -> tuple[Any, Any, Any]:
    """People on the return; of them, those of ``age`` or older; and the blind."""
    people = x["p1_present"] + x["p2_present"]
    aged = (x["p1_age"] >= age) * x["p1_present"] + (x["p2_age"] >= age) * x["p2_present"]
    blind = x["p1_blind"] * x["p1_present"] + x["p2_blind"] * x["p2_present"]
    return people, aged, blind


def deductions(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any], out: dict[str, Any]) -> Any:
    total = 0
    if "standard_deduction" in p:
        standard = p["standard_deduction"]
        if "aged_blind_deduction.age" in p:
            _, aged, blind = counts(x, p["aged_blind_deduction.age"])
            standard = standard + aged * p["aged_blind_deduction.aged"] + blind * p["aged_blind_deduction.blind"]
        out["standard_deduction"] = standard
        total = total + standard
    if "exemptions.personal" in p:
        people, aged, blind = counts(x, p["exemptions.age"])
        amount = people * p["exemptions.personal"] + aged * p["exemptions.aged"] + blind * p["exemptions.blind"]
        out["exemptions"] = ops.where(x["federal_agi"] > p["exemptions.agi_limit"], 0, amount)
        total = total + out["exemptions"]
    return total


def rate(ops: Any, taxable: Any, p: Mapping[str, Any]) -> Any:
    if "tax_table.below" in p:  # the form's tax table and worksheet, to the dollar (state/tables.py)
        return tables.table_tax(ops, taxable, p)
    if "brackets.over" in p:
        return f.brackets_tax(ops, taxable, p["brackets.over"], p["brackets.steps"], p["brackets.scale"])
    if "flat_rate.rate" in p:
        return f.flat_tax(taxable, p["flat_rate.rate"])
    return taxable * 0


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    """The generic chain, start to tax (no credits)."""
    out: dict[str, Any] = {}
    agi = start(ops, x, p, out) + additions(ops, x, p, out) - subtractions(ops, x, p, out)
    out["agi"] = agi
    taxable = ops.mx(agi - deductions(ops, x, p, out), 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = rate(ops, taxable, p)
    return finish(ops, out, 0)


def finish(ops: Any, out: dict[str, Any], credits: Any) -> dict[str, Any]:
    """The tax after nonrefundable credits, which cannot take it below zero."""
    out["credits"] = ops.mn(credits, out["tax_before_credits"])
    out["tax"] = out["tax_before_credits"] - out["credits"]
    return out
