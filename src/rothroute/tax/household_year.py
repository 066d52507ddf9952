"""One household-year of federal tax, from income totals to total tax, written once for the
single path (ints) and the batch path (int64 arrays).

``x`` holds the year's inputs (see ``TaxInputs``), ``p`` the parameters picked for each
household's filing status (see ``picked``). The result maps stable line keys to cents.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from rothroute.money import times
from rothroute.tax import formulas as f

ADDITIONAL_TAX_RATE = Fraction(1, 10)  # IRC §72(t)(1)

INPUT_FIELDS = (
    "seniors", "blind", "wages", "taxable_interest", "exempt_interest", "ordinary_dividends",
    "qualified_dividends", "long_term_gains", "short_term_gains", "pension", "other_ordinary",
    "early_distributions", "social_security", "itemized_salt", "itemized_other", "itemizes",
    "medicare_enrollees", "tax_table", "other_additional_tax", "adjustments", "charity",
)
"""Inputs of a household-year: counts (seniors: people 65 or older on the return; blind;
Medicare enrollees two years later), cents, and two flags: itemizes, and tax_table (tax under
$100,000 from the IRS Tax Table, as a filed return does, rather than the exact rate schedule).
``charity``: cash gifts to public charities (deducted as the law of the year allows)."""


def compute(ops: Any, x: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    sd = f.schedule_d(ops, x["short_term_gains"], x["long_term_gains"], p["loss_limit"])
    out.update(sd)
    early = x["early_distributions"]
    out["f1040.1z"] = x["wages"]
    out["f1040.2a"] = x["exempt_interest"]
    out["f1040.2b"] = x["taxable_interest"]
    out["f1040.3a"] = x["qualified_dividends"]
    out["f1040.3b"] = x["ordinary_dividends"]
    out["f1040.5b"] = x["pension"] + early
    out["f1040.8"] = x["other_ordinary"]
    income = (x["wages"] + x["taxable_interest"] + x["ordinary_dividends"] + sd["f1040.7"]
              + x["pension"] + early + x["other_ordinary"])
    out["f1040.10"] = x["adjustments"]  # adjustments to income (Schedule 1 line 26): the IRA deduction
    before_ss = income - x["adjustments"]  # Pub 915 Worksheet 1 lines 3 and 7
    ss = f.taxable_social_security(ops, x["social_security"], before_ss, x["exempt_interest"],
                                   p["ss_base"], p["ss_adjusted_base"], p["ss_rates"])
    out.update(ss)
    out["f1040.6a"] = x["social_security"]
    taxable_ss = ss["ssws.19"]
    out["f1040.6b"] = taxable_ss
    agi = before_ss + taxable_ss
    out["f1040.9"] = income + taxable_ss
    out["f1040.11"] = agi
    magi = agi  # §151(d)(5)(C), §164(b)(7), §1411: AGI plus foreign exclusions (not modelled: none)

    standard = p["standard"] + (x["seniors"] + x["blind"]) * p["aged_blind"]
    salt = ops.mn(x["itemized_salt"], f.salt_cap(ops, magi, p["salt_cap"], p["salt_threshold"],
                                                 p["salt_rate"], p["salt_floor"]))
    # cash gifts to public charities (IRC §170): itemized, the part above the floor (0.5% of the contribution
    # base from 2026, P.L. 119-21) up to 60% of it (§170(b)(1)(G)); not itemizing, up to the year's amount (§170(p))
    charity = x["charity"]
    gifts = ops.mn(ops.mx(charity - times(agi, p["charity_floor_rate"]), 0), times(agi, p["charity_ceiling_rate"]))
    non_itemizer = ops.mn(charity, p["charity_cap"])
    itemized = salt + x["itemized_other"] + gifts
    use_itemized = ops.where(x["itemizes"], itemized > standard + non_itemizer, False)
    out["f1040.12"] = ops.where(use_itemized, itemized, standard)
    out["scha.5e"] = ops.where(use_itemized, salt, 0)
    out["scha.14"] = ops.where(use_itemized, gifts, 0)
    out["f1040.12.standard"] = standard
    out["f1040.12.itemized"] = ops.where(x["itemizes"], itemized, 0)
    out["charity.non_itemizer"] = ops.where(use_itemized, 0, non_itemizer)
    senior = f.senior_deduction(ops, x["seniors"], magi, p["senior_threshold"], p["senior_amount"],
                                p["senior_rate"])
    out["sch1a.38"] = senior
    deductions = out["f1040.12"] + senior + out["charity.non_itemizer"]
    out["deductions"] = deductions
    taxable = ops.mx(agi - deductions, 0)
    out["f1040.15"] = taxable

    reg = f.regular_tax(ops, taxable, x["qualified_dividends"], sd["net_capital_gain"], p["brackets"],
                        p["cg_zero_max"], p["cg_fifteen_max"], p["cg_rates"], x["tax_table"])
    out.update(reg)
    regular = reg["qdcg.25"]
    out["f1040.16"] = regular
    # Form 6251 lines 1-4: taxable income plus the standard deduction (or, itemizing, the taxes
    # deducted) and, from 2025, the senior deduction: AGI less the itemized deductions other than taxes
    amti = agi - ops.where(use_itemized, itemized - out["scha.5e"], out["charity.non_itemizer"])
    alt = f.amt(ops, amti_before_addback=amti, regular=regular, qdcg_l4=reg["qdcg.4"], qdcg_l5=reg["qdcg.5"],
                exemption=p["amt_exemption"], phaseout_start=p["amt_phaseout_start"],
                phaseout_rate=p["amt_phaseout_rate"], addback_num=p["amt_addback_num"],
                addback_den=p["amt_addback_den"], break28=p["amt_break"], amt_rates=p["amt_rates"],
                zero_max=p["cg_zero_max"], fifteen_max=p["cg_fifteen_max"], cg_rates=p["cg_rates"])
    out.update(alt)
    out["f1040.17"] = alt["f6251.11"]
    out["f1040.18"] = regular + alt["f6251.11"]
    credit = f.elderly_credit(ops, seniors=x["seniors"], one=p["elderly_one"], both=p["elderly_both"],
                              nontaxable_benefits=x["social_security"] - taxable_ss, agi=agi,
                              threshold=p["elderly_threshold"], rate=p["elderly_rate"],
                              agi_rate=p["elderly_agi_rate"], tax_limit=out["f1040.18"])
    out.update(credit)
    out["f1040.21"] = credit["schr.22"]  # nonrefundable credits: the credit for the elderly
    out["f1040.22"] = ops.mx(out["f1040.18"] - out["f1040.21"], 0)

    investment = x["taxable_interest"] + x["ordinary_dividends"] + sd["f1040.7"]
    out["f8960.8"] = investment
    out["f8960.17"] = f.niit(ops, investment, magi, p["niit_threshold"], p["niit_rate"])
    # Form 5329: 10% of early distributions' taxable part, plus additional tax not tied to income
    # (the recapture on Roth conversion money distributed within its 5 years, Reg. §1.408A-6 Q&A-5)
    out["f5329.4"] = times(early, ADDITIONAL_TAX_RATE) + x["other_additional_tax"]
    out["total_tax"] = out["f1040.22"] + out["f8960.17"] + out["f5329.4"]
    irmaa_magi = agi + x["exempt_interest"]
    out["irmaa.magi"] = irmaa_magi
    tier = f.irmaa_tier(ops, irmaa_magi, p["irmaa_floors"])
    out["irmaa.tier"] = ops.where(x["medicare_enrollees"] > 0, tier, 0)
    return out
