"""Connecticut (CGS ch. 229): federal AGI less the Social Security subtraction (all the taxable
benefits under $75,000 of AGI, $100,000 joint; above, all but 25% of the lesser of the benefits and
the provisional income over the federal base) and the pension and IRA subtraction (pension and
annuity income and a phased-in share of IRA money, conversions counted with it, times the share of
the AGI band: 100% under $75,000 / $100,000, falling to none at $100,000 / $150,000); the personal
exemption of Table A; the rates of Table B with the add-backs of Tables C and D; the personal tax
credit of Table E, a share of that tax."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.money import ratio_times, times
from rothroute.state import chain, formulas as f
from rothroute.state.rules import common

_IN = "Form CT-1040 instructions"
LINES = {
    "start": chain.LINES["start"],
    "social_security": ("Social Security subtraction: all the taxable benefits under the AGI limit, else all but 25% of "
                        "the lesser of the benefits and the provisional income over the base",
                        ("CGS §12-701(a)(20)(B)", "Schedule 1 line 41"), ("f1040.6b", "f1040.11", "people"),
                        ("benefits_subtraction",)),
    "retirement_exclusion": ("Pension and annuity and IRA subtraction: pensions and plan money and the year's share of "
                             "IRA money, times the share for federal AGI", ("Schedule 1 lines 48b-48c",),
                             ("f1040.11", "people"), ("pension_and_ira_subtraction",)),
    "agi": ("Connecticut adjusted gross income", ("Form CT-1040 line 5",), ("start", "social_security",
                                                                            "retirement_exclusion"), ("start",)),
    "exemptions": ("Personal exemption (Table A)", (_IN,), ("agi",), ("exemption_phaseout",)),
    "taxable_income": ("Connecticut taxable income", (), ("agi", "exemptions"), ()),
    "tax_on_income": ("Tax by the rates (Table B)", (_IN,), ("taxable_income",), ("brackets",)),
    "add_backs": ("2% phase-out add-back and benefit recapture (Tables C and D)", (_IN,), ("agi",), ("tax_add_backs",)),
    "tax_before_credits": ("Tax before the personal tax credit", (), ("tax_on_income", "add_backs"), ()),
    "credits": ("Personal tax credit: the share of the tax for Connecticut AGI (Table E)", ("CGS §12-704", _IN),
                ("tax_before_credits", "agi"), ("personal_tax_credit",)),
    "tax": ("Connecticut income tax after the personal tax credit", (), ("tax_before_credits", "credits"), ()),
}


def _parts(ops: Any, amount: Any, step: Any) -> Any:
    """Each ``step`` or part of it in ``amount`` (not below zero)."""
    return f.ceil_div(ops.mx(amount, 0), step)


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start = chain.start(ops, x, p, out)
    fagi = x["federal_agi"]
    taxable_ss = x["federal_taxable_social_security"]
    benefits = x["p1_social_security"] + x["p2_social_security"]
    provisional = fagi - taxable_ss + x["p1_exempt_interest"] + x["p2_exempt_interest"] + benefits // 2
    excess = ops.mx(provisional - p["benefits_subtraction.base"], 0)
    kept = times(ops.mn(benefits, excess), p["benefits_subtraction.kept"])
    ss = ops.where(fagi < p["benefits_subtraction.full_below"], taxable_ss, ops.mx(taxable_ss - kept, 0))
    out["social_security"] = ss
    share = 0
    for at_least, thousandths in p["pension_and_ira_subtraction.shares"]:
        share = ops.where(fagi >= at_least, thousandths, share)
    ira = ratio_times(f.household_sum(x, ("ira", "conversion")), p["pension_and_ira_subtraction.ira_thousandths"], 1000)
    pensions = ops.mx(f.household_sum(x, ("pension", "plan")) + ira, 0)
    out["retirement_exclusion"] = ratio_times(pensions, share, 1000)
    agi = start - ss - out["retirement_exclusion"]
    out["agi"] = agi
    steps = _parts(ops, agi - p["exemption_phaseout.over"], p["exemption_phaseout.step"])
    exemption = ops.mx(p["exemption_phaseout.amount"] - steps * p["exemption_phaseout.less"], 0)
    out["exemptions"] = exemption
    taxable = ops.mx(agi - exemption, 0)
    out["taxable_income"] = taxable
    tax = chain.rate(ops, taxable, p)
    out["tax_on_income"] = tax
    added = 0
    for over, step, amount, cap in p["tax_add_backs"]:
        added = added + ops.mn(_parts(ops, agi - over, step) * amount, cap)
    out["add_backs"] = added
    out["tax_before_credits"] = tax + added
    rate = 0
    first = True
    for over, thousandths in p["personal_tax_credit"]:
        rate = thousandths if first else ops.where(agi > over, thousandths, rate)
        first = False
    return chain.finish(ops, out, ratio_times(out["tax_before_credits"], rate, 1000))


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "CGS §12-701(a)(20)(A)")
    if values.get("tax") and any(p.age >= 65 for p in inputs.people):
        out.append(("state_rule_not_modelled",
                    "Connecticut's property tax credit (up to $300 of property tax on a home or car, for a taxpayer 65 "
                    "or older or with a dependent, by AGI) is not taken: the file does not give property tax.",
                    ("CGS §12-704c", "Schedule 3")))
    if common.has(inputs, "pension"):
        out.append(("state_rule_not_modelled",
                    "Military retirement pay, Tier 1 and 2 railroad retirement and half of Connecticut teachers' "
                    "retirement pay have subtractions of their own; the file's pension income is taken as other "
                    "pension and annuity income.", ("CGS §12-701(a)(20)(B)", "Schedule 1 lines 42-48")))
    if values.get("tax"):
        out.append(("state_rule_not_modelled",
                    "Form CT-1040 takes the tax from its tax tables for the incomes they cover; rothroute uses the "
                    "rate schedule and Tables B-E, which can differ by a few dollars.", (_IN,)))
    return out
