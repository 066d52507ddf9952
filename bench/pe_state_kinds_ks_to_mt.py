"""PolicyEngine-US's readings for Kansas to Montana that differ from rothroute's (bench only; the
authority for each is in docs/crosscheck.md, "Explained differences: PolicyEngine's readings").
Each kind re-runs rothroute under PolicyEngine's reading (``pe_state_kinds.tax``) and is accepted
for a household only when that gives PolicyEngine's figure within $1."""

from __future__ import annotations

from typing import Any

from pe_state_kinds import Kind, tax
from tests.crosscheck.state_expected import lines


def _retirement_kinds(*kinds: str) -> Any:
    """A reading that takes only ``kinds`` of retirement income into the state's exclusion."""
    def params(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**p, "retirement_exclusion.kinds": kinds,
                "retirement_exclusion.any_age": tuple(k for k in p["retirement_exclusion.any_age"] if k in kinds)}
    return params


def _no_conversions(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The household's Roth conversions kept out of a state's own retirement rule (they stay in the
    federal AGI the return starts from)."""
    return {**x, "p1_conversion": 0, "p2_conversion": 0}


# The federal earned income credit of a worker without a qualifying child (IRC §32(b); Rev. Proc.
# 2023-34 §2.06 for 2024, 2024-40 §2.06 for 2025, 2025-32 for 2026): the most, 7.65% phased in and out,
# the phase-out start (single, joint), and the investment income limit (§32(i))
_EITC = {2024: (632, 10_330, 17_250, 11_600), 2025: (649, 10_620, 17_730, 11_950), 2026: (664, 10_860, 18_140, 12_200)}


def _federal_eitc_childless(h: dict[str, Any]) -> float:
    most, single, joint, limit = _EITC[h["year"]]
    joint_return = h["filing_status"] == "married_joint"
    ages = [a for a in (h["age_head"], h["age_spouse"]) if a is not None]
    earned = h["wages_head"] + h["wages_spouse"]
    gains = max(h["long_term_gains"] + h["short_term_gains"], 0)
    investment = h["taxable_interest"] + h["ordinary_dividends"] + gains
    agi = lines(h)["start"] / 100  # federal AGI, where these states' returns start
    if not earned or investment > limit or not any(25 <= a <= 64 for a in ages):
        return 0.0
    start = joint if joint_return else single
    return max(min(0.0765 * earned, most) - 0.0765 * max(max(agi, earned) - start, 0), 0.0)


def _earned_income_credit(single: float, joint: float) -> Any:
    """The state's earned income credit (a share of the federal one) taken off the tax first, as
    PolicyEngine takes it in the tax before refundable credits; rothroute does not model state
    earned income credits (it warns state_rule_not_modelled)."""
    def rerun(h: dict[str, Any]) -> float:
        t = tax(h)
        share = joint if h["filing_status"] == "married_joint" else single
        return t - min(share * _federal_eitc_childless(h), t)
    return rerun


# 2024-2026 Social Security wage base (SSA, Contribution and Benefit Base) and the Additional Medicare
# Tax thresholds (IRC §3101(b)(2): $200,000 single, $250,000 joint)
_WAGE_BASE = {2024: 168_600, 2025: 176_100, 2026: 184_500}


def _mo_fica_itemized(year: int) -> Any:
    # PolicyEngine's mo_itemized_deductions adds the Social Security and Medicare taxes on wages to the
    # federal itemized deductions (none here) and takes them over the standard deduction, though the
    # federal return takes the standard deduction
    def x_(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        base = _WAGE_BASE[year] * 100
        wages = [x[f"{w}_wages"] * x[f"{w}_present"] for w in ("p1", "p2")]
        fica = sum(0.062 * min(w, base) + 0.0145 * w for w in wages)
        joint = x["p2_present"] > 0
        fica += 0.009 * max(sum(wages) - (25_000_000 if joint else 20_000_000), 0)
        return {**x, "federal_deduction": max(x["federal_deduction"], round(fica))}
    return x_


def _ms_peer(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # PolicyEngine's Mississippi retirement exemption (ms_retirement_income_exemption) takes pensions and
    # retirement distributions at any age ('modeled without early distribution restriction')
    early = ("ira", "plan")
    return {**p, "retirement_exclusion.kinds": tuple(k for k in p["retirement_exclusion.kinds"] if k not in early),
            "retirement_exclusion.any_age": (*p["retirement_exclusion.any_age"], *early)}


def _ms_qualified_dividends_only(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # PolicyEngine's Mississippi income (income_sources.yaml) lists qualified_dividend_income and not
    # non_qualified_dividend_income: the ordinary dividends that are not qualified are left out
    return {**x, **{f"{w}_dividends": x[f"{w}_qualified_dividends"] for w in ("p1", "p2")}}


def _mi_limit_less_pensions_only(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # PolicyEngine's Michigan senior interest, dividend and capital gain deduction takes its limit less the
    # pensions only, not the IRA money and conversions also subtracted as retirement benefits
    deducted = values["retirement_deduction"]
    pensions = min(x["p1_pension"] + x["p2_pension"] * x["p2_present"], deducted)
    return {**p, "senior_investment_deduction.amount": p["senior_investment_deduction.amount"] + deducted - pensions}


# PolicyEngine-US 2.68.0's Michigan 2026 senior investment limit is its own projection of 2025's $14,688 and
# $29,376 by its index ($15,020.87, $30,041.75), and its special exemption for the blind stays at 2025's $3,400;
# rothroute indexes the limit as the Treasury's 2026 Tier 1 limit is ($15,070, $30,140) and computes $3,500
_MI_PE_2026_SENIOR = {"married_joint": 3_004_175}


def _mi_2026_projected(status: str) -> Any:
    """The projected amounts, and the limit less the pensions only (the kind above)."""
    limit = _MI_PE_2026_SENIOR.get(status, 1_502_087)

    def params(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return _mi_limit_less_pensions_only({**p, "senior_investment_deduction.amount": limit,
                                             "exemptions.blind": 340_000}, x, values)
    return params


def _has(h: dict[str, Any], *kinds: str) -> bool:
    return any(h.get(f"{k}_{w}") for k in kinds for w in ("head", "spouse"))


KINDS: list[Kind] = [
    # La. R.S. 47:44.1 and LAC 61:I.1311: IRA distributions are annual retirement income; PolicyEngine
    # exempts only private pensions (la_retirement_exemption_person reads taxable_private_pension_income)
    Kind("policyengine_la_ira_not_retirement_income", "LA", lambda h: _has(h, "ira", "conversion", "plan"),
         lambda h: tax(h, params=_retirement_kinds("pension"))),
    # 36 M.R.S. §5122(2)(M-2): retirement plan benefits include IRA benefits, and only distributions subject
    # to the federal 10% additional tax are ineligible (a Roth conversion is not); PolicyEngine's
    # me_pension_income_deduction takes pensions and taxable_retirement_distributions, not conversions
    Kind("policyengine_me_conversion_not_pension_income", "ME", lambda h: _has(h, "conversion"),
         lambda h: tax(h, x=_no_conversions)),
    # Tax-Gen. §10-704(b)-(c): a nonrefundable credit of half the federal credit, all of it for one filing
    # without a spouse or a qualifying child (Form 502 line 22)
    Kind("harness_md_earned_income_credit_not_modelled", "MD", lambda h: _has(h, "wages"),
         _earned_income_credit(1.0, 0.5)),
    # K.S.A. 79-32,205: 17% of the federal credit, taken against the tax on Form K-40 before the rest is
    # refunded
    Kind("harness_ks_earned_income_credit_not_modelled", "KS", lambda h: _has(h, "wages"),
         _earned_income_credit(0.17, 0.17)),
    # M.G.L. c.62 §2(c)(2) and Schedule B: up to $2,000 of net capital loss is deducted from interest and
    # dividends; PolicyEngine's Massachusetts Part A income does not take it
    Kind("policyengine_ma_no_capital_loss_against_interest", "MA",
         lambda h: h["long_term_gains"] + h["short_term_gains"] < 0,
         lambda h: tax(h, params=lambda p, x, v: {**p, "ma_parts.loss_against_interest": 0})),
    # RSMo §143.124 and Form MO-A Part 3 Section B: taxable IRA distributions (Form 1040 line 4b), a Roth
    # conversion among them, are private pension income; PolicyEngine's private pension deduction does not
    # count conversions
    Kind("policyengine_mo_conversion_not_private_pension", "MO", lambda h: _has(h, "conversion"),
         lambda h: tax(h, x=_no_conversions)),
    # RSMo §143.141 and Form MO-A Part 2 ('complete this section only if you itemized deductions on your
    # federal return'): Missouri itemizes only with the federal return
    Kind("policyengine_mo_itemizes_payroll_taxes_without_federal_itemizing", "MO", lambda h: _has(h, "wages"),
         lambda h: tax(h, x=_mo_fica_itemized(h["year"]))),
    # Minn. Stat. §290.0675 and the Department of Revenue's Marriage Credit page: the spouses' incomes include
    # taxable IRA distributions; PolicyEngine's mn_marriage_credit counts wages, taxable pensions and taxable
    # Social Security only (income_sources.yaml)
    Kind("policyengine_mn_marriage_credit_without_ira_money", "MN", lambda h: _has(h, "ira", "conversion")
         and h["filing_status"] == "married_joint",
         lambda h: tax(h, x=lambda x, v: {**x, "p1_ira": 0, "p2_ira": 0, "p1_conversion": 0, "p2_conversion": 0})),
    # Miss. Code Ann. §27-7-15(1) and Form 80-105 (dividends: all of them are gross income); 35 Miss. Admin. Code
    # Pt. 3, R. 3-02-07-104 (early distributions are not exempt retirement income)
    Kind("policyengine_ms_early_distributions_exempt_nonqualified_dividends_left_out", "MS",
         lambda h: _has(h, "ira") or h["ordinary_dividends"] > h["qualified_dividends"],
         lambda h: tax(h, params=_ms_peer, x=_ms_qualified_dividends_only)),
    # MCL 206.30(1) and MI-1040 Schedule 1: the senior interest, dividend and capital gain deduction's limit is
    # reduced by the retirement and pension benefits subtracted, IRA distributions among them (Form 4884)
    Kind("policyengine_mi_senior_deduction_reduced_by_pensions_only", "MI", lambda h: _has(h, "ira", "conversion"),
         lambda h: tax(h, params=_mi_limit_less_pensions_only)),
    Kind("policyengine_mi_2026_amounts_projected", "MI", lambda h: h["year"] == 2026,
         lambda h: tax(h, params=_mi_2026_projected(h["filing_status"]))),
    # RSMo §143.171 and the MO-1040 federal tax deduction worksheet: at most $5,000, $10,000 on a combined return;
    # PolicyEngine's federal_income_tax/cap.yaml has $10,000 for single, head of household and surviving spouse
    Kind("policyengine_mo_federal_tax_deduction_cap_10000_single", "MO",
         lambda h: h["filing_status"] != "married_joint",
         lambda h: tax(h, params=lambda p, x, v: {**p, "federal_tax_deduction_by_agi.cap": 1_000_000})),
    # Mont. Code Ann. §15-30-2120(3)(g), (7) and §15-30-2101: the 2026 subtraction at 65 is $5,500 indexed to June
    # 2025 ($5,810); PolicyEngine's old_age/amount.yaml ends at 2025's $5,660, which it carries into 2026
    Kind("policyengine_mt_2025_senior_subtraction_carried_into_2026", "MT", lambda h: h["year"] == 2026,
         lambda h: tax(h, params=lambda p, x, v: {**p, "senior_subtraction.amount": 566_000})),
]
