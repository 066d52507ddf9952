"""Michigan (MCL 206.30, 206.51): federal AGI less the Social Security it includes, the retirement and
pension subtraction or Michigan standard deduction of the tier of the older spouse's year of birth,
the senior interest, dividend and capital gain deduction (born before 1946), and the personal
exemptions; a flat rate.

The tiers (Public Act 4 of 2023), by the older spouse's age on December 31 (the year of birth the law
reads, as the Pub 501 age: one born on January 1 counts a year older): Tier 1 (born before 1946)
subtracts qualifying benefits up to the limit; Tier 2 (born 1946-1952) takes the $20,000 ($40,000
joint) standard deduction against all income; Tier 3 (born 1953 on, once 67) the same less the
taxable Social Security (not for 2026-2028: Public Act 24 of 2025) and the exemptions; and those of the
expanded years (every taxpayer from 2026, up to the whole Tier 1 limit) may instead subtract
qualifying benefits up to a share of the Tier 1 limit: the larger is taken, as a preparer would.
Qualifying benefits: pensions (taken as private), and IRA and plan distributions and Roth
conversions of a person 59½ or older (a Roth conversion qualifies from 59½: Treasury FAQ)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_4884 = "Form 4884 (Michigan Pension Schedule)"
LINES = {
    "start": chain.LINES["start"],
    "social_security": chain.LINES["social_security"],
    "retirement_benefits": ("Qualifying retirement and pension benefits: pensions, and IRA and plan money and "
                            "conversions from 59½", ("MCL 206.30(1)", _4884), ("people",), ("retirement_tiers",)),
    "retirement_deduction": ("Retirement subtraction or Michigan standard deduction of the older spouse's tier "
                             "(the larger where two apply)", ("MCL 206.30", "Public Act 4 of 2023", _4884,
                                                              "Schedule 1"),
                             ("retirement_benefits", "f1040.6b", "exemptions"), ("retirement_tiers",)),
    "investment_deduction": ("Senior interest, dividend and capital gain deduction (born before 1946), less the "
                             "retirement subtraction and the federal credit for the elderly",
                             ("MCL 206.30(1)", "Schedule 1"), ("people", "f1040.7", "schr.22", "retirement_deduction"),
                             ("senior_investment_deduction",)),
    "exemptions": ("Personal exemptions (and the special exemption for the blind)", ("MCL 206.30(2)",
                                                                                    "MI-1040 line 9"),
                   (), ("exemptions",)),
    "taxable_income": ("Michigan taxable income", ("MI-1040 line 14",),
                       ("start", "social_security", "retirement_deduction", "investment_deduction", "exemptions"), ()),
    "tax_before_credits": ("Tax at the flat rate", ("MCL 206.51", "MI-1040 line 15"), ("taxable_income",),
                           ("flat_rate",)),
    "credits": chain.LINES["credits"],
    "tax": chain.LINES["tax"],
}

_LATER = ("ira", "conversion", "plan")


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start = chain.start(ops, x, p, out)
    subtracted = chain.subtractions(ops, x, p, out)
    benefits = 0
    for w in f.PEOPLE:
        later = ops.where(x[f"{w}_age_halves"] >= 119, f.person_sum(x, w, _LATER), 0)
        benefits = benefits + (ops.mx(x[f"{w}_pension"], 0) + ops.mx(later, 0)) * x[f"{w}_present"]
    out["retirement_benefits"] = benefits
    exemptions = chain.deductions(ops, x, p, out)
    older = ops.mx(x["p1_age"], x["p2_age"] * x["p2_present"])
    cap = p["retirement_tiers.cap"]
    standard = p["retirement_tiers.standard"]
    age1, age2, age3 = (p["retirement_tiers.tier1_age"], p["retirement_tiers.tier2_age"],
                        p["retirement_tiers.tier3_age"])
    tier1 = older >= age1
    tier2 = (older >= age2) & (older < age1)
    tier3 = (older >= age3) & (older < age2)
    expanded = ops.where((older >= p["retirement_tiers.expanded_age"]) & (older < age1),
                         ops.mn(benefits, times(cap, p["retirement_tiers.expanded_share"])), 0)
    offset = times(x["federal_taxable_social_security"], p["retirement_tiers.social_security_offset"])
    tier3_standard = ops.mx(standard - offset - exemptions, 0)
    standard_deduction = ops.where(tier2, standard, ops.where(tier3, tier3_standard, 0))
    deduction = ops.where(tier1, ops.mn(benefits, cap), ops.mx(expanded, standard_deduction))
    out["retirement_deduction"] = deduction
    investment = benefits * 0
    if "senior_investment_deduction.amount" in p:  # refused for a year (not_in_force): none taken
        income = ops.mx(f.household_sum(x, ("interest", "dividends")) + x["federal_capital_gain"], 0)
        room = ops.mx(p["senior_investment_deduction.amount"] - deduction - x["federal_elderly_credit"], 0)
        investment = ops.where(older >= p["senior_investment_deduction.age"], ops.mn(room, income), 0)
    out["investment_deduction"] = investment
    taxable = ops.mx(start - subtracted - deduction - investment - exemptions, 0)
    out["taxable_income"] = taxable
    out["tax_before_credits"] = chain.rate(ops, taxable, p)
    return chain.finish(ops, out, 0)


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "MCL 206.30(1)", "Schedule 1 additions")
    out.append(("local_income_tax_not_modelled",
                "Michigan city income taxes (Detroit, Grand Rapids, Lansing and others, on their own returns) are "
                "not modelled, not included.", ("MCL 141.501 to 141.787 (City Income Tax Act)",)))
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "Pensions are taken as from private sources: for those born before 1946 public pensions are "
                    "subtracted in full, and military and railroad retirement in every tier; the file does not say "
                    "which pensions are.", ("MCL 206.30(1)", "Form 4884")))
    if common.has(inputs, "plan"):
        out.append(("state_rule_not_modelled",
                    "A 401(k) or 403(b) distribution qualifies only for the part from employer contributions (or "
                    "employee contributions matched by the employer); rothroute counts all of it from 59½.",
                    ("Revenue Administrative Bulletin 2023-22",)))
    return out


def needs(step: str, x: Mapping[str, Any], ops: Any) -> Any:
    """The senior investment deduction, where a year refuses it, matters only to a household whose older
    spouse was born before 1946 (80 or older at the end of 2025, and older later) with interest, dividends
    or gains."""
    if step == "senior_investment_deduction":
        older = (x["p1_age"] >= 80) | ((x["p2_age"] >= 80) & (x["p2_present"] > 0))
        return older & (f.household_sum(x, ("interest", "dividends", "gains")) > 0)
    return True
