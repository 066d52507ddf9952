"""New Jersey: its own gross income, not federal AGI (N.J.S.A. 54A:5-1): wages, interest,
dividends, net gains from the disposition of property (a net loss is zero), pensions, annuities
and IRA withdrawals (Roth conversions included), other income; Social Security is not income.
The pension exclusion (54A:6-10; Division of Taxation, Retirement Income Exclusions): from 62 on
December 31, gross income of $150,000 or less; up to $100,000 of gross income the pension income
up to $100,000 (joint), $75,000 (single, head of household, surviving spouse), $50,000
(separate); above it a share of the pension income (50%/37.5%/25% to $125,000, half that to
$150,000); on a joint return with one spouse qualified, only that spouse's pension income. The
other retirement income exclusion (54A:6-15, Worksheet D) for gross income up to $150,000 and
earned income of $3,000 or less: the part of the maximum exclusion the pension exclusion left
unclaimed, against the other income; the maximum is the cap up to $100,000 of total income and
above it the status's share of total income (line 27; NJ-1040 instructions, Worksheet D line 1). Exemptions, the rate schedules, and no tax when gross income after the exclusions
(line 29) is $10,000 or less ($20,000 joint)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_WHY = ("N.J.S.A. 54A:6-10", "N.J.S.A. 54A:6-15", "NJ-1040 lines 28a-28c",
        "NJ Division of Taxation, Retirement Income Exclusions, https://www.nj.gov/treasury/taxation/njit7.shtml")
LINES = {
    "wages": ("Wages", ("N.J.S.A. 54A:5-1(a)", "NJ-1040 line 15"), ("people",), ()),
    "interest": ("Taxable interest", ("N.J.S.A. 54A:5-1(e)", "NJ-1040 line 16a"), ("f1040.2b",), ()),
    "dividends": ("Dividends", ("N.J.S.A. 54A:5-1(f)", "NJ-1040 line 17"), ("f1040.3b",), ()),
    "gains": ("Net gains from the disposition of property (a net loss is zero)", ("N.J.S.A. 54A:5-1(c)",
                                                                                 "NJ-1040 line 18"), ("people",), ()),
    "pensions": ("Taxable pensions, annuities and IRA withdrawals, Roth conversions included",
                 ("N.J.S.A. 54A:5-1(j)", "NJ-1040 line 20a"), ("people",), ()),
    "other": ("Other income", ("NJ-1040 line 26",), ("people",), ()),
    "gross_income": ("New Jersey total income", ("NJ-1040 line 27",), ("wages", "interest", "dividends", "gains",
                                                                       "pensions", "other"), ()),
    "pension_exclusion": ("Pension exclusion: from 62, by gross income and filing status", _WHY,
                          ("gross_income", "pensions"), ("pension_exclusion",)),
    "other_retirement_exclusion": ("Other retirement income exclusion: the maximum exclusion the pension exclusion left "
                                   "unclaimed, against other income (earned income $3,000 or less; above $100,000 "
                                   "of total income the maximum is a share of it)", _WHY + ("NJ-1040 Worksheet D",),
                                   ("gross_income", "pension_exclusion"), ("pension_exclusion",)),
    "exemptions": ("Personal exemptions (with the additions for age and blindness)", ("N.J.S.A. 54A:3-1",
                                                                                     "NJ-1040 lines 6-13"), (),
                   ("exemptions",)),
    "taxable_income": ("New Jersey taxable income", ("NJ-1040 line 39",), ("gross_income", "pension_exclusion",
                                                                           "other_retirement_exclusion",
                                                                           "exemptions"), ()),
    "tax_before_credits": ("Tax by the rate schedule (none when gross income after the exclusions, line 29, is at or "
                           "below the no-tax threshold)",
                           ("N.J.S.A. 54A:2-1", "N.J.S.A. 54A:2-4", "NJ-1040 line 29", "NJ-1040 line 43"),
                           ("gross_income", "pension_exclusion", "other_retirement_exclusion", "taxable_income"),
                           ("brackets", "no_tax")),
    "credits": chain.LINES["credits"],
    "tax": chain.LINES["tax"],
}


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    out["wages"] = ops.mx(f.household_sum(x, ("wages",)), 0)
    out["interest"] = f.household_sum(x, ("interest",))
    out["dividends"] = f.household_sum(x, ("dividends",))
    out["gains"] = ops.mx(f.household_sum(x, ("gains",)), 0)
    kinds = ("pension", "ira", "conversion", "plan")
    out["pensions"] = f.household_sum(x, kinds)
    out["other"] = ops.mx(f.household_sum(x, ("other",)), 0)
    gross = out["wages"] + out["interest"] + out["dividends"] + out["gains"] + out["pensions"] + out["other"]
    out["gross_income"] = gross
    age = p["pension_exclusion.age"]
    qualified = 0
    for w in f.PEOPLE:
        qualified = qualified + ops.where(x[f"{w}_age"] >= age, f.person_sum(x, w, kinds), 0) * x[f"{w}_present"]
    anyone = ((x["p1_age"] >= age) * x["p1_present"] + (x["p2_age"] >= age) * x["p2_present"]) > 0
    full = gross <= p["pension_exclusion.full_to"]
    shared = qualified * 0
    for over, share in p["pension_exclusion.shares"]:
        shared = ops.where(gross > over, ratio_times(qualified, share, p["pension_exclusion.share_scale"]), shared)
    excluded = ops.where(full, ops.mn(qualified, p["pension_exclusion.cap"]), shared)
    excluded = ops.where(anyone & (gross <= p["pension_exclusion.limit"]), excluded, 0)
    out["pension_exclusion"] = excluded
    earned = out["wages"]
    others = gross - out["pensions"]
    # Worksheet D line 1, the maximum exclusion: the cap up to $100,000 of total income, above it the
    # status's share of total income (line 27), not of the pensions
    maximum = p["pension_exclusion.cap"] + gross * 0
    for over, share in p["pension_exclusion.shares"]:
        maximum = ops.where(gross > over, ratio_times(gross, share, p["pension_exclusion.share_scale"]), maximum)
    unclaimed = ops.mx(maximum - excluded, 0)
    other = ops.where(anyone & (gross <= p["pension_exclusion.limit"]) & (earned <= p["pension_exclusion.earned_limit"]),
                      ops.mn(unclaimed, others), 0)
    out["other_retirement_exclusion"] = other
    people, aged, blind = chain.counts(x, p["exemptions.age"])
    out["exemptions"] = people * p["exemptions.personal"] + aged * p["exemptions.aged"] + blind * p["exemptions.blind"]
    taxable = ops.mx(gross - excluded - other - out["exemptions"], 0)
    out["taxable_income"] = taxable
    tax = chain.rate(ops, taxable, p)
    # no tax where New Jersey gross income (line 29: total income less the exclusions) is at or below
    # the threshold: "gross income means taxable income after exclusions but before personal
    # exemptions and deductions" (NJ-1040 instructions, Filing Information)
    out["tax_before_credits"] = ops.where(gross - excluded - other <= p["no_tax"], 0, tax)
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "N.J.S.A. 54A:6-14")
    if common.has(inputs, "ira", "conversion", "plan"):
        out.append(("state_basis_not_modelled",
                    "New Jersey taxes an IRA withdrawal or conversion only on what exceeds the contributions it "
                    "already taxed (New Jersey never excluded them); rothroute uses the federally taxable amount.",
                    ("N.J.S.A. 54A:5-1(j)", "NJ Division of Taxation GIT-2, IRA Withdrawals")))
    if any(p.age >= 62 for p in inputs.people) and not common.has(inputs, "social_security"):
        out.append(("state_rule_not_modelled",
                    "The special exclusion of $3,000 ($6,000 joint) for those 62 or older not eligible for Social "
                    "Security or railroad retirement is not taken (the file does not say who is not eligible).",
                    ("N.J.S.A. 54A:6-15", "NJ-1040 line 28c")))
    if values.get("tax"):
        out.append(("state_rule_not_modelled",
                    "New Jersey's property tax deduction (up to $15,000) or $50 credit for homeowners and renters is "
                    "not taken: the file does not give property tax or rent.", ("N.J.S.A. 54A:3A-17",
                                                                                "NJ-1040 lines 41, 56")))
    return out

