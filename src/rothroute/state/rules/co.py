"""Colorado (C.R.S. §39-22-104): federal taxable income, plus the federal deduction over a floor when
federal AGI is $300,000 or more, less each person's pension and annuity subtraction, times the flat
rate.

The subtraction, each person (Form DR 0104AD lines 3-4): from 55, their taxable Social Security (a
share of the federal taxable amount in proportion to their benefits) up to $20,000, or all of it
from 65 (and from 2025 at 55-64 when federal AGI is at most $75,000, $95,000 joint); then their
pensions, IRA and plan money and conversions up to what is left of $20,000 ($24,000 from 65). IRA
and plan money before 59½ is premature and does not count."""

from __future__ import annotations

from math import ceil
from typing import Any, Mapping

from rothroute.money import ratio_times, times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

LINES = {
    "start": ("Federal taxable income, where the Colorado return starts", ("Form 1040 line 15",), ("f1040.15",),
              ("start",)),
    "additions": ("Federal standard or itemized deduction over the floor, added back (federal AGI $300,000 or more)",
                  ("Form DR 0104AD line 4",), ("f1040.11", "f1040.15"), ("federal_deduction_addback",)),
    "social_security": ("Taxable Social Security subtracted, each person from 55 (in full from 65)",
                        ("Form DR 0104AD line 3",), ("f1040.6b", "people"), ("pension_subtraction",)),
    "retirement_exclusion": ("Pension and annuity subtraction, each person from 55, up to the cap less the Social "
                             "Security subtracted", ("Form DR 0104AD line 4",), ("people",), ("pension_subtraction",)),
    "taxable_income": ("Colorado taxable income", (), ("start", "additions", "social_security",
                                                       "retirement_exclusion"), ()),
    "normal_tax": ("Normal tax: the flat rate on Colorado taxable income", (), ("taxable_income",), ("flat_rate",)),
    "minimum_taxable_income": ("Colorado alternative minimum taxable income: Form 6251 line 6 less the Colorado "
                               "subtractions", ("C.R.S. §39-22-105(2)", "Form DR 0104AMT"),
                               ("f6251.6", "social_security", "retirement_exclusion"), ("minimum_tax",)),
    "minimum_tax": ("Colorado alternative minimum tax: 3.47% of it over the normal tax", ("C.R.S. §39-22-105(1.5)",),
                    ("minimum_taxable_income", "normal_tax"), ("minimum_tax",)),
    "tax_before_credits": ("Normal tax and alternative minimum tax", (), ("normal_tax", "minimum_tax"), ()),
    "credits": chain.LINES["credits"],
    "tax": chain.LINES["tax"],
}


def _benefits(ops: Any, x: Mapping[str, Any], who: str) -> Any:
    """A person's share of the federally taxable Social Security, by their share of the benefits."""
    total = x["p1_social_security"] + x["p2_social_security"]
    return ops.where(total > 0, ratio_times(x["federal_taxable_social_security"], x[f"{who}_social_security"],
                                            ops.mx(total, 1)), 0)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start = chain.start(ops, x, p, out)
    deduction = x["federal_agi"] - x["federal_taxable_income"]
    addback = ops.where(x["federal_agi"] >= p["federal_deduction_addback.agi_over"],
                        ops.mx(deduction - p["federal_deduction_addback.exemption"], 0), 0)
    out["additions"] = addback
    benefits_total = 0
    pensions_total = 0
    for who in f.PEOPLE:
        halves = x[f"{who}_age_halves"]
        # the ages as whole half years (ceil: exact for any age), so columns compare as integers
        middle = halves >= ceil(2 * p["pension_subtraction.age"])
        older = halves >= ceil(2 * p["pension_subtraction.older_age"])
        benefits = _benefits(ops, x, who)
        limit = p["pension_subtraction.benefits_full_agi"]  # NEVER (null in the file): no such test that year
        full = older | ((x["federal_agi"] <= limit) & (limit < f.NEVER))
        subtracted = ops.where(full, benefits, ops.mn(benefits, p["pension_subtraction.cap"])) * middle
        cap = ops.where(older, p["pension_subtraction.older_cap"], p["pension_subtraction.cap"])
        late = tuple(k for k in p["pension_subtraction.kinds"] if k not in p["pension_subtraction.from_59_kinds"])
        income = f.person_sum(x, who, late) + f.person_sum(x, who, p["pension_subtraction.from_59_kinds"]) * (
            halves >= 119)
        pension = ops.mn(ops.mx(income, 0), ops.mx(cap - subtracted, 0)) * middle
        benefits_total = benefits_total + subtracted * x[f"{who}_present"]
        pensions_total = pensions_total + pension * x[f"{who}_present"]
    out["social_security"] = benefits_total
    out["retirement_exclusion"] = pensions_total
    taxable = ops.mx(start + addback - benefits_total - pensions_total, 0)
    out["taxable_income"] = taxable
    normal = chain.rate(ops, taxable, p)
    out["normal_tax"] = normal
    if "minimum_tax.rate" in p:
        base = ops.mx(x["federal_amt_base"] - benefits_total - pensions_total, 0)
        out["minimum_taxable_income"] = base
        out["minimum_tax"] = ops.mx(times(base, p["minimum_tax.rate"]) - normal, 0)
        normal = normal + out["minimum_tax"]
    out["tax_before_credits"] = normal
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "C.R.S. §39-22-104(3)")
    if inputs.federal.get("federal_itemizes"):
        out.append(("state_rule_not_modelled",
                    "The federal return itemizes: Colorado adds back the state income tax deducted federally "
                    "(C.R.S. §39-22-104(3)); the file does not say how much of its state and local taxes is income "
                    "tax, so none is added back here.", ("C.R.S. §39-22-104(3)", "Form DR 0104AD, additions")))
    if common.has(inputs, "wages"):
        out.append(("local_income_tax_not_modelled",
                    "The occupational privilege taxes of Denver, Aurora, Glendale, Greenwood Village and Sheridan (a "
                    "monthly amount on wages earned there, withheld by the employer) are not modelled, not included.",
                    ("city occupational privilege taxes",)))
    if any(110 <= p.age_halves < 119 and (p.ira or p.plan) for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "IRA and plan money taken between 55 and 59½ is treated as a premature distribution, which the "
                    "pension subtraction leaves out; one taken without the federal 10% tax (after separation from "
                    "service at 55, periodic payments, disability) qualifies.", ("C.R.S. §39-22-104(4)(g)",
                                                                                   "CDOR, Income Tax Topics: Social "
                                                                                   "Security, Pensions, and Annuities")))
    if inputs.year == 2024 and any(p.age >= 65 for p in inputs.people) and inputs.federal.get("federal_agi", 0) <= 12_500_000:
        out.append(("state_rule_not_modelled",
                    "Colorado's Income Qualified Senior Housing Income Tax Credit for 2024 (65 or older, federal AGI "
                    "up to $75,000, or $125,000 joint, not claiming the property tax rebate) is not modelled.",
                    ("C.R.S. §39-22-544", "HB24-1052")))
    return out
