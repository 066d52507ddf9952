"""Pennsylvania: its own gross income, never federal AGI (72 P.S. §7303): eight classes, each
not below zero and none offsetting another, taxed at one rate; Social Security is not income;
retirement income is excluded (an IRA distribution or plan payment from 59½, a pension received
upon retirement, and a Roth conversion at any age: PA DOR Answer 274), the rest is compensation;
tax forgiveness (Schedule SP) for low eligibility income."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times, times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_CLASSES = ("72 P.S. §7303(a)", "Form PA-40")
LINES = {
    "compensation": ("Compensation: wages, with elective deferrals (Pennsylvania does not exclude them)",
                     ("72 P.S. §7301(d)", "Form PA-40 line 1a"), ("people",), ()),
    "retirement_income": ("Retirement income: pensions, IRA and plan distributions, conversions (federally taxable)",
                          ("Form 1040 lines 4b, 5b",), ("people",), ()),
    "retirement_exclusion": ("Retirement income Pennsylvania does not tax: IRA and plan money from 59½, pensions "
                             "received upon retirement, Roth conversions", ("61 Pa. Code §101.6",),
                             ("retirement_income",), ("retirement_exclusion",)),
    "interest": ("Interest", ("Form PA-40 line 2",), ("f1040.2b",), ()),
    "dividends": ("Dividends", ("Form PA-40 line 3",), ("f1040.3b",), ()),
    "gains": ("Net gains from the sale of property (a net loss is zero)", ("Form PA-40 line 5",), ("people",), ()),
    "other": ("Other income (gambling and lottery winnings, prizes)", ("Form PA-40 line 8",), ("people",), ()),
    "taxable_income": ("Total Pennsylvania taxable income: the classes added, none below zero", _CLASSES,
                       ("compensation", "retirement_income", "retirement_exclusion", "interest", "dividends",
                        "gains", "other"), ()),
    "tax_before_credits": ("Tax at the flat rate", ("72 P.S. §7302", "Form PA-40 line 12"), ("taxable_income",),
                           ("flat_rate",)),
    "eligibility_income": ("Eligibility income for tax forgiveness: taxable income plus nontaxable interest "
                           "(Social Security and pensions left out)", ("Form PA-40 Schedule SP",),
                           ("taxable_income", "f1040.2a"), ("forgiveness",)),
    "credits": ("Tax forgiveness: 100% up to the base for each claimant, 10% less for each $250 (or part) above",
                ("72 P.S. §7304", "Form PA-40 Schedule SP", "Form PA-40 line 21"), ("eligibility_income",),
                ("forgiveness",)),
    "tax": ("Pennsylvania income tax after tax forgiveness", ("Form PA-40 line 22",), ("tax_before_credits", "credits"),
            ()),
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    out["compensation"] = f.household_sum(x, ("wages", "deferrals"))
    out["retirement_income"] = f.household_sum(x, ("pension", "ira", "conversion", "plan"))
    chain.subtractions(ops, x, p, out)  # the retirement exclusion
    out["interest"] = f.household_sum(x, ("interest",))
    out["dividends"] = f.household_sum(x, ("dividends",))
    out["gains"] = ops.mx(f.household_sum(x, ("gains",)), 0)
    out["other"] = ops.mx(f.household_sum(x, ("other",)), 0)
    taxable = (ops.mx(out["compensation"] + out["retirement_income"] - out["retirement_exclusion"], 0)
               + out["interest"] + out["dividends"] + out["gains"] + out["other"])
    out["taxable_income"] = taxable
    out["tax_before_credits"] = times(taxable, p["flat_rate.rate"])
    eligibility = taxable + f.household_sum(x, ("exempt_interest",))
    out["eligibility_income"] = eligibility
    base = p["forgiveness.base"]
    share = p["forgiveness.share"]
    steps = share.denominator // share.numerator  # 10 steps of 10%
    left = ops.mx(steps - f.ceil_div(ops.mx(eligibility - base, 0), p["forgiveness.step"]), 0)
    return chain.finish(ops, out, ratio_times(out["tax_before_credits"], left, steps))


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "72 P.S. §7303(a)(3)")
    early = [p for p in inputs.people if p.age_halves < 119 and (p.ira or p.plan)]
    if early:
        out.append(("state_basis_not_modelled",
                    "Pennsylvania taxes an IRA or plan distribution before 59½ only on what exceeds the contributions "
                    "it taxed (cost recovery, Pennsylvania never excluded them); rothroute taxes the federally "
                    "taxable amount.", ("61 Pa. Code §101.6", "PA DOR Answer 274")))
    if any(p.plan for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "Pennsylvania excludes an employer plan's payments once the plan's own retirement conditions "
                    "(age or years of service) are met; rothroute uses age 59½ for them as for an IRA.",
                    ("61 Pa. Code §101.6",)))
    if any(p.wages for p in inputs.people):
        out.append(("local_income_tax_not_modelled",
                    "Pennsylvania's municipalities and school districts tax earned income (the local earned income "
                    "tax, Philadelphia's wage tax): not modelled, not included.", ("Local Tax Enabling Act (Act 511 of 1965)",)))
    if inputs.status == "married_separate" and values.get("tax_before_credits"):
        out.append(("state_rule_not_modelled",
                    "Tax forgiveness of a married person filing separately counts both spouses' eligibility income; "
                    "the file has only this spouse's.", ("Form PA-40 Schedule SP",)))
    return out

