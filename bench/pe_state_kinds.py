"""Differences from PolicyEngine-US's state income tax that are understood (bench only; see
bench/crosscheck_policyengine_state.py): each kind is a reading of PolicyEngine's that differs
from rothroute's (docs/crosscheck.md gives the authority), accepted for a household only when
re-running rothroute under PolicyEngine's reading gives PolicyEngine's figure within $1, as the
taxsim-py cross-check does (``tests/crosscheck/state_expected.py``, whose ``lines`` re-runs a
state's rule module with its inputs or parameters changed)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.crosscheck.state_expected import lines  # noqa: E402
from tests.crosscheck.state_expected import _va_peer_zero_test  # noqa: E402
from tests.crosscheck.state_expected_d import _no_table  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pe_state_kinds_imputed import PEER_AMOUNTS as _IMPUTED_AMOUNTS  # noqa: E402

TOLERANCE = 1.0
# PolicyEngine amounts a kind re-runs with that rothroute's inputs do not give (an imputation of the
# peer's): the bench asks PolicyEngine for them and hands them to the kinds as ``pe_<name>``
PEER_AMOUNTS = ("nj_medical_expense_deduction", "nm_medical_care_expense_deduction", "tax_unit_itemizes",
                "va_itemized_deductions", "ok_itemized_deductions") + _IMPUTED_AMOUNTS


def with_peer_amounts(h: dict[str, Any], detail: dict[str, Any]) -> dict[str, Any]:
    return {**h, **{f"pe_{name}": detail.get(name, 0) for name in PEER_AMOUNTS}}


@dataclass(frozen=True)
class Kind:
    code: str
    state: str
    applies: Callable[[dict[str, Any]], bool]
    rerun: Callable[[dict[str, Any]], float]


def tax(h: dict[str, Any], **reading: Any) -> float:
    """rothroute's figure as the bench compares it (income tax and capital gains tax, dollars),
    under the reading given (``lines``' ``people``, ``params`` or ``x``)."""
    v = lines(h, **reading)
    return (v["tax"] + v.get("capital_gains_tax", 0)) / 100


def _pa_pension_from_59_half(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # PolicyEngine excludes a pension only from 59½ (pa_nontaxable_pension_income: its stand-in for the
    # plan's own retirement conditions), as it does IRA and plan money; conversions at any age
    return {**p, "retirement_exclusion.kinds": ("ira", "plan", "pension"), "retirement_exclusion.any_age": ("conversion",)}


def _has_young_pension(h: dict[str, Any]) -> bool:
    return any(h[f"pension_{w}"] and h[f"age_{w}"] is not None and h[f"age_{w}"] < 60 for w in ("head", "spouse"))


def _al_pension_in_the_6000_cap(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # PolicyEngine exempts public pensions whole but puts a private defined benefit pension
    # (taxable_private_pension_income) with IRA money under the $6,000 exclusion from 65
    # (al_retirement_exemption_person)
    return {**p, "retirement_exclusion.kinds": (*p["retirement_exclusion.kinds"], "pension"),
            "retirement_exclusion.any_age": ()}


_VA_REBATE = {"single": 200, "married_joint": 400}  # 2025 Session, HB1600 (Chapter 725), Item 258 GG.3


def _va_rebate_as_2024_credit(h: dict[str, Any]) -> float:
    # PolicyEngine takes the rebate paid in the fall of 2025 off the 2024 tax (va_rebate, the last of
    # its nonrefundable credits), up to the tax
    t = tax(h)
    return t - min(_VA_REBATE[h["filing_status"]], t)


def _schedule_on_the_income(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # PolicyEngine applies the rate schedule (and Wisconsin's standard deduction formula) to the exact
    # income, where the state's form takes them from its printed tables and worksheet
    if "tax_table.below" in p:
        p = _no_table(p, x, values)
    if "sliding_standard_deduction_table.table" in p:
        p["sliding_standard_deduction_table.table"] = ((0, 1),)
    return p


# PolicyEngine's 2026 Oregon standard deduction and exemption credit: the 2025 amounts projected by its
# own index (gov.irs.uprating), not the Department's 2026 figures ($2,910, $5,820, $263)
_OR_PE_2026 = {"standard_deduction": {"single": 289_500, "married_joint": 579_500},
               "exemption_credit_agi_limited.amount": 26_180}


def _or_2026_projected(h: dict[str, Any]) -> float:
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        p = _schedule_on_the_income(p, x, values)
        p["standard_deduction"] = _OR_PE_2026["standard_deduction"][h["filing_status"]]
        p["exemption_credit_agi_limited.amount"] = _OR_PE_2026["exemption_credit_agi_limited.amount"]
        return p
    return tax(h, params=change)


# PolicyEngine-US 2.68.0's Utah 2026 base phase-out amounts are its projection of 2025's by its own index
# ($18,625.76, $37,251.52, $27,939.15); rothroute computes them under Utah Code §59-10-1018's indexing
_UT_PE_2026 = {"single": 1_862_576, "married_joint": 3_725_152, "married_separate": 1_862_576,
               "head_of_household": 2_793_915, "surviving_spouse": 3_725_152}


def _ut_2026_projected(h: dict[str, Any]) -> float:
    over = _UT_PE_2026[h["filing_status"]]
    return tax(h, params=lambda p, x, v: {**p, "taxpayer_credit.phaseout_over": over})


# PolicyEngine-US 2.68.0's Vermont 2026 amounts are its projections of 2025's by its own index (standard deductions
# $7,800, $15,600, $11,700; brackets from $50,500 single, $84,350 joint) with 2025's $1,250 addition at 65 or blind;
# rothroute computes them under 32 V.S.A. §5822(b), as the Department's 2026 withholding instructions publish the
# single and joint brackets ($50,750, $84,700) and the $5,400 exemption, which PolicyEngine also has
_VT_PE_2026 = {"single": (780_000, (0, 5_050_000, 12_240_000, 25_535_000)),
               "married_joint": (1_560_000, (0, 8_435_000, 20_395_000, 31_085_000)),
               "married_separate": (780_000, (0, 4_215_000, 10_195_000, 15_540_000)),
               "head_of_household": (1_170_000, (0, 6_770_000, 17_485_000, 28_310_000)),
               "surviving_spouse": (1_560_000, (0, 8_435_000, 20_395_000, 31_085_000))}


def _vt_2026_projected(h: dict[str, Any]) -> float:
    standard, over = _VT_PE_2026[h["filing_status"]]
    return tax(h, params=lambda p, x, v: {**p, "standard_deduction": standard, "brackets.over": over,
                                          "aged_blind_deduction.aged": 125_000, "aged_blind_deduction.blind": 125_000})


def _oh_ira_at_any_age(inputs: Any) -> Any:
    # PolicyEngine's retirement income credit counts pensions and IRA distributions at any age
    # (oh_pension_based_retirement_income_credit: "modeled without checking retirement event
    # condition"); rothroute's module counts the pension field at any age, IRA money from 59½
    import dataclasses
    people = tuple(dataclasses.replace(p, pension=p.pension + p.ira + p.plan, ira=0, plan=0) for p in inputs.people)
    return dataclasses.replace(inputs, people=people)


def _oh_pe_joint_test(h: dict[str, Any]) -> bool:
    """PolicyEngine's joint filing credit test (oh_joint_filing_credit_qualifying_income): each spouse's
    Ohio AGI less max(0, their interest + dividends + capital gains), the gains before the $3,000 loss
    limit, so that a capital loss brings interest and dividends back into qualifying income; the
    household's investment income half each spouse's, as the bench gives it."""
    if h["filing_status"] != "married_joint":
        return False
    gains = h["long_term_gains"] + h["short_term_gains"]
    in_agi = max(gains, -3000)
    shared = (h["taxable_interest"] + h["ordinary_dividends"] + in_agi) / 2
    excluded = max(0.0, (h["taxable_interest"] + h["ordinary_dividends"] + gains) / 2)
    own = [h[f"wages_{w}"] + h[f"pension_{w}"] + h[f"ira_{w}"] + h[f"conversion_{w}"] for w in ("head", "spouse")]
    return all(o + shared - excluded >= 500 for o in own)


def _oh_pe(h: dict[str, Any]) -> float:
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**p, "ohio_credits.joint_min": 0 if _oh_pe_joint_test(h) else 10**15}
    return tax(h, people=_oh_ira_at_any_age, params=change)


def _nj_pe(h: dict[str, Any]) -> float:
    """rothroute's New Jersey tax under PolicyEngine's readings: its medical expense deduction (NJ-1040
    line 31: the Medicare Part B premiums it computes for each person 65 or older, over 2% of gross
    income; the bench's households give no medical expenses, its figure comes with the household as
    ``pe_nj_medical_expense_deduction``), and, on a joint return with one spouse 62 or older, Worksheet
    D's maximum figured on that spouse's income only (its nj_other_retirement_income_exclusion, which
    its own issue 6959 calls wrong: line 1 is a share of the return's total income) and against that
    spouse's other income only (Worksheet D's other income is the return's)."""
    from rothroute.params.states import state_file
    from rothroute.state import chain
    from rothroute.state.picked import picked
    from rothroute.tax.ops import SCALAR
    from tests.crosscheck import state_peers

    v = lines(h)
    inputs = state_peers.state_inputs(h)
    p = dict(picked(state_file("NJ").years[h["year"]], inputs.status))
    gross, excluded, other = v["gross_income"], v["pension_exclusion"], v["other_retirement_exclusion"]
    eligible = [w for w in ("head", "spouse") if h[f"age_{w}"] is not None and h[f"age_{w}"] >= 62]
    if h["filing_status"] == "married_joint" and len(eligible) == 1 and other:
        w = eligible[0]
        shared = (h["taxable_interest"] + h["ordinary_dividends"] + max(h["long_term_gains"] + h["short_term_gains"], 0)) / 2
        own_other = 100 * (h[f"wages_{w}"] + shared)
        own = own_other + 100 * (h[f"pension_{w}"] + h[f"ira_{w}"] + h[f"conversion_{w}"])
        maximum = p["pension_exclusion.cap"]
        if gross > p["pension_exclusion.full_to"]:
            share = next(s for over, s in reversed(p["pension_exclusion.shares"]) if gross > over)
            maximum = own * share / p["pension_exclusion.share_scale"]
        other = min(max(maximum - excluded, 0), own_other)
    medical = round(100 * h.get("pe_nj_medical_expense_deduction", 0))
    taxable = max(gross - excluded - other - v["exemptions"] - medical, 0)
    if gross - excluded - other <= p["no_tax"]:
        return 0.0
    return int(chain.rate(SCALAR, int(taxable), p)) / 100


def _picked(h: dict[str, Any]) -> dict[str, Any]:
    from rothroute.params.states import state_file
    from rothroute.state.picked import picked
    from tests.crosscheck import state_peers
    return dict(picked(state_file(h["state"]).years[h["year"]], state_peers.state_inputs(h).status))


def _rate(p: dict[str, Any], taxable: int) -> float:
    from rothroute.state import chain
    from rothroute.tax.ops import SCALAR
    return int(chain.rate(SCALAR, max(int(taxable), 0), p)) / 100


def _less_taxable_income(h: dict[str, Any], amount: int, *, table: bool = True) -> float:
    """rothroute's tax with ``amount`` (cents) less taxable income, its nonrefundable credits kept."""
    v = lines(h)
    p = _picked(h)
    if not table:
        p = _schedule_on_the_income(p, {}, v)
    before = _rate(p, v["taxable_income"] - amount)
    return max(before - v.get("credits", 0) / 100, 0.0)


def _itemizes(h: dict[str, Any], name: str) -> float:
    # PolicyEngine's federal return itemizes where its state income tax (under the SALT cap) makes the
    # itemized deductions larger than the standard one; the state then takes its own itemized deductions
    # (federal ones less the state income tax: PolicyEngine's figure comes with the household)
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**_schedule_on_the_income(p, x, values), "standard_deduction": round(100 * h.get(f"pe_{name}", 0))}
    return tax(h, params=change)


def _sc_ira_before_59_half(inputs: Any) -> Any:
    # PolicyEngine's South Carolina retirement deduction counts IRA and plan distributions at any age
    # (rothroute: before 59½ they are taken as subject to the 10% additional tax, so not retirement
    # income, S.C. Code §12-6-1170(A)(2)); its pension field counts at any age
    import dataclasses
    people = tuple(dataclasses.replace(p, pension=p.pension + p.ira + p.plan, ira=0, plan=0) for p in inputs.people)
    return dataclasses.replace(inputs, people=people)


def _ri_pensions_pooled(h: dict[str, Any]) -> float:
    """PolicyEngine's Rhode Island pension modification: once the head or the spouse has reached full
    retirement age, the pensions of both (ri_retirement_income_subtraction, its taxable_pension_income;
    IRA money not counted, as the instructions say), up to the $50,000 cap a person, under the income
    limit (well above these households' AGI); rothroute: each qualified person's own pensions."""
    v = lines(h)
    if v.get("retirement_exclusion") is None:
        return tax(h)
    pensions = 100 * sum(h[f"pension_{w}"] for w in ("head", "spouse"))
    extra = min(pensions, 5_000_000 * (2 if h["filing_status"] == "married_joint" else 1)) - v["retirement_exclusion"]
    return _less_taxable_income(h, extra, table=False)


def _ri_2026_pensions_pooled(h: dict[str, Any]) -> float:
    # 2026: the modifications are refused in rothroute's file (their limits not published); the return
    # computed has no one at full retirement age with pension income, and PolicyEngine subtracts the
    # spouse's pension (see _ri_pensions_pooled)
    eligible = any(h[f"age_{w}"] is not None and h[f"age_{w}"] >= 67 for w in ("head", "spouse"))
    pensions = 100 * sum(h[f"pension_{w}"] for w in ("head", "spouse")) if eligible else 0
    return _less_taxable_income(h, min(pensions, 5_000_000), table=False)


def _vt_ratio_to_two_places(h: dict[str, Any]) -> float:
    """PolicyEngine rounds the Social Security exemption's proportion to two decimal places
    (vt_retirement_income_exemption); rothroute applies the statute's proportion exactly."""
    v = lines(h)
    p = _picked(h)
    fagi = v["start"]
    over = min(max(fagi - p["social_security_phaseout.start"], 0), p["social_security_phaseout.range"])
    if not 0 < over < p["social_security_phaseout.range"]:
        return tax(h)
    inputs = __import__("tests.crosscheck.state_peers", fromlist=["x"]).state_inputs(h)
    taxable_ss = inputs.as_mapping()["federal_taxable_social_security"]
    ratio = round((p["social_security_phaseout.range"] - over) / p["social_security_phaseout.range"], 2)
    exempt = taxable_ss * ratio
    return _less_taxable_income(h, round(exempt - v["social_security"]), table=False)


def _va_sta_worksheet(h: dict[str, Any]) -> float:
    """PolicyEngine's Virginia spouse tax adjustment (va_spouse_tax_adjustment): the Form 760 worksheet's
    lines, the smaller spouse's Virginia AGI less exemptions taxed at the smaller of it and half the joint
    taxable income, the rest at the larger of the remainder and half; rothroute's: the joint tax less the
    tax on each spouse's part of taxable income in proportion to Virginia AGI (Virginia Tax's calculator).
    Each spouse's Virginia AGI as rothroute allocates it; the 2024 rebate as PolicyEngine books it."""
    v = lines(h)
    p = _picked(h)
    if h["filing_status"] != "married_joint" or "spouse_tax_adjustment.cap" not in p:
        return tax(h)
    agi2 = v["spouse_agi"]
    agi1 = v["agi"] - agi2
    ages = (h["age_head"], h["age_spouse"])
    exemption = [p["exemptions.personal"] + (p["exemptions.aged"] if a >= p["exemptions.age"] else 0) for a in ages]
    line5 = min(max(agi1 - exemption[0], 0), max(agi2 - exemption[1], 0))
    line4 = v["taxable_income"]
    line7 = line4 / 2
    line8 = _rate(p, round(min(line5, line7)))
    line9 = _rate(p, round(max(line4 - line5, line7)))
    joint = v["tax_before_credits"] / 100
    sta = 0.0
    if line4 > p["spouse_tax_adjustment.floor"] and agi1 > 0 and agi2 > 0:
        sta = min(max(joint - line8 - line9, 0), p["spouse_tax_adjustment.cap"] / 100)
    out = max(joint - sta, 0.0)
    if h["year"] == 2024:
        out -= min(_VA_REBATE[h["filing_status"]], out)
    return out


def _nd_dividends_net_of_long_term_loss(xs: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # PolicyEngine's North Dakota 40% exclusion of qualified dividends takes them net of a net long-term
    # capital loss (Form ND-1 has two lines: 40% of the net long-term gain, nothing for a loss, and 40% of
    # the qualified dividends)
    loss = min(xs["p1_long_term_gains"] + xs["p2_long_term_gains"], 0)
    dividends = xs["p1_qualified_dividends"] + xs["p2_qualified_dividends"]
    return {**xs, "p1_qualified_dividends": max(dividends + loss, 0), "p2_qualified_dividends": 0}


def _table_kind(state: str) -> "Kind":
    return Kind(f"policyengine_{state.lower()}_rate_schedule_not_tax_table", state, lambda h: True,
                lambda h: tax(h, params=_schedule_on_the_income))


KINDS: list[Kind] = [
    Kind("policyengine_al_private_defined_benefit_pension_taxed", "AL",
         lambda h: bool(h["pension_head"] or h["pension_spouse"]), lambda h: tax(h, params=_al_pension_in_the_6000_cap)),
    Kind("policyengine_pa_pension_taxed_before_59_half", "PA", _has_young_pension,
         lambda h: tax(h, params=_pa_pension_from_59_half)),
    Kind("policyengine_va_2025_rebate_as_2024_credit", "VA", lambda h: h["year"] == 2024, _va_rebate_as_2024_credit),
    *(_table_kind(state) for state in ("OK", "OR", "RI", "SC", "WI", "WV")),
    Kind("policyengine_or_2026_amounts_projected", "OR", lambda h: h["year"] == 2026, _or_2026_projected),
    Kind("policyengine_ut_2026_amounts_projected", "UT", lambda h: h["year"] == 2026, _ut_2026_projected),
    Kind("policyengine_oh_retirement_credit_and_joint_test", "OH", lambda h: True, _oh_pe),
    Kind("policyengine_nj_medicare_premiums_and_worksheet_d", "NJ", lambda h: True, _nj_pe),
    Kind("policyengine_nm_medicare_premiums_deducted", "NM", lambda h: h.get("pe_nm_medical_care_expense_deduction", 0) > 0,
         lambda h: _less_taxable_income(h, round(100 * h["pe_nm_medical_care_expense_deduction"]))),
    Kind("policyengine_sc_retirement_deduction_before_59_half", "SC", lambda h: True,
         lambda h: tax(h, people=_sc_ira_before_59_half, params=_schedule_on_the_income)),
    # South Carolina: the federal return itemizing its state tax, SC1040 line a adds back the state tax over
    # the standard deduction (so the start is the same) and line e adds back no standard deduction increase
    Kind("policyengine_sc_itemizes_its_state_tax", "SC", lambda h: bool(h.get("pe_tax_unit_itemizes")),
         lambda h: tax(h, params=_schedule_on_the_income, x=lambda xs, v: {**xs, "federal_itemizes": 1})),
    Kind("policyengine_ok_itemizes_its_state_tax", "OK", lambda h: bool(h.get("pe_tax_unit_itemizes")),
         lambda h: _itemizes(h, "ok_itemized_deductions")),
    Kind("policyengine_va_itemizes_its_state_tax", "VA", lambda h: bool(h.get("pe_tax_unit_itemizes")),
         lambda h: _itemizes(h, "va_itemized_deductions")),
    Kind("policyengine_va_no_tax_test_after_age_deduction", "VA", lambda h: True,
         lambda h: tax(h, params=_va_peer_zero_test)),
    Kind("policyengine_va_spouse_tax_adjustment_worksheet", "VA", lambda h: True, _va_sta_worksheet),
    Kind("policyengine_ri_pensions_pooled_at_full_retirement_age", "RI", lambda h: h["year"] < 2026, _ri_pensions_pooled),
    Kind("policyengine_ri_pensions_pooled_at_full_retirement_age", "RI", lambda h: h["year"] == 2026,
         _ri_2026_pensions_pooled),
    Kind("policyengine_vt_exemption_ratio_to_two_places", "VT", lambda h: True, _vt_ratio_to_two_places),
    Kind("policyengine_vt_2026_amounts_projected", "VT", lambda h: h["year"] == 2026, _vt_2026_projected),
    Kind("policyengine_nd_dividend_exclusion_net_of_long_term_loss", "ND", lambda h: h["long_term_gains"] < 0,
         lambda h: tax(h, x=_nd_dividends_net_of_long_term_loss)),
    # N.D.C.C. §57-38-01.28(4)(a)(2) and the Form ND-1 instructions (qualifying income: the taxable "distributions
    # from IRAs, pensions, and annuities"): a Roth conversion is a taxable IRA distribution (Form 1040 line 4b);
    # PolicyEngine's marriage penalty credit counts taxable_retirement_distributions, which leave
    # taxable_roth_conversions out (qualified_income_sources.yaml)
    Kind("policyengine_nd_marriage_credit_without_roth_conversions", "ND",
         lambda h: h["filing_status"] == "married_joint" and bool(h["conversion_head"] or h["conversion_spouse"]),
         lambda h: tax(h, x=lambda xs, v: {**xs, "p1_conversion": 0, "p2_conversion": 0})),
]

# state group 1 (issue #14 item 6): bench/pe_state_kinds_g1.py
import pe_state_kinds_g1  # noqa: E402

KINDS += pe_state_kinds_g1.kinds(Kind, tax)

# PolicyEngine's imputed withholding and Medicare premiums (Alabama, Colorado, Georgia, Hawaii):
# bench/pe_state_kinds_imputed.py
import pe_state_kinds_imputed  # noqa: E402

KINDS += pe_state_kinds_imputed.kinds(Kind)


def _group_kinds() -> list[Kind]:
    """The kinds of the helper groups' modules (each kept apart, so that a group's edits stay local)."""
    from pe_state_kinds_2026c import KINDS as Y2026C
    from pe_state_kinds_ks_to_mt import KINDS as KS_TO_MT

    return [*KS_TO_MT, *Y2026C]


def explained_by(h: dict[str, Any], theirs: float) -> str | None:
    for kind in (*KINDS, *_group_kinds()):
        if kind.state == h["state"] and kind.applies(h) and abs(kind.rerun(h) - theirs) <= TOLERANCE:
            return kind.code
    return None
