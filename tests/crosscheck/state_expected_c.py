"""Differences from taxsim-py's state calculators for Michigan, Minnesota, Mississippi, Missouri,
Montana, Nebraska, New Mexico and North Dakota (issue #14 phase 2, group C): each a reading of the
peer's that differs from the law, proved by re-running rothroute under the peer's reading (see
``state_expected``), each with a worked household it explains."""

from __future__ import annotations

from typing import Any

from rothroute.params.states import state_file
from rothroute.state.inputs import StateInputs
from rothroute.state.picked import picked
from rothroute.tax.ops import SCALAR

from . import state_peers
from .state_expected import RETIREMENT, StateExpected, _even, lines, ours

# the states whose peer misreads most households, so that most of their households differ (each
# with its kind): Montana (the peer still gives the capital gains credit repealed from 2024, every
# household with a gain) and Missouri (the peer keeps the pension and Social Security rules of 2023
# and its own split of a joint return, most retirees and couples) and Minnesota (the peer keeps the Social
# Security subtraction of 2017-2022, most households with benefits, and its 2024 single brackets)
MOSTLY_EXPLAINED = frozenset({"MT", "MO", "MN"})


def _retirement_half_each(inputs: StateInputs) -> StateInputs:
    """The household's pensions, IRA and plan money and conversions half each spouse's (TAXSIM has
    one ``pensions`` field and no person for it)."""
    return _even(inputs, RETIREMENT)



def _ms_any_age(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer exempts all retirement income at any age (no early-distribution test)
    return {**p, "retirement_exclusion.halves": (0,)}


def _ms_peer_columns(h: dict[str, Any]) -> float:
    """rothroute's Mississippi tax under the peer's reading: retirement income exempt at any age, and
    a joint return taxed as the smaller of the joint tax (one $10,000 untaxed) and the tax of two
    columns split the peer's way: the higher wage earner's wages and half the other income in one
    column, the exemptions and deductions divided in proportion to the columns' income (each column
    not below zero)."""
    from rothroute.money import times

    values = lines(h, params=_ms_any_age)
    p = dict(picked(state_file("MS").years[h["year"]], state_peers.state_inputs(h).status))
    rate, zero = p["column_tax.rate"], p["column_tax.exempt"]

    def tax(amount: float) -> float:
        return times(max(round(amount) - zero, 0), rate) / 100

    agi = values["agi"] + values["spouse_agi"]
    deductions, exemptions = values["standard_deduction"], values["exemptions"]
    joint = tax(max(agi - deductions - exemptions, 0))
    if h["filing_status"] != "married_joint" or agi <= 0:
        return joint
    pw, sw = 100 * h["wages_head"], 100 * h["wages_spouse"]
    head = min(agi, max(pw, sw) + 0.5 * (agi - max(pw, 0) - max(sw, 0)))
    wife = agi - head
    ex_h = exemptions * head / agi
    ex_w = exemptions - ex_h
    t_h, t_w = max(head - ex_h, 0), max(wife - ex_w, 0)
    ded_w = min(t_w, deductions * wife / agi)
    ded_h = deductions - ded_w
    return min(joint, tax(max(t_h - ded_h, 0)) + tax(max(t_w - ded_w, 0)))


def _ne_peer_itemized(h: dict[str, Any]) -> float:
    """rothroute's Nebraska tax with the peer's itemized deduction where it is larger than the standard
    deduction (and the federal tax limit as rothroute figures it)."""
    def change(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        extra = max(round(100 * h.get("peer_state_itemized", 0)) - values["standard_deduction"], 0)
        return {**x, "federal_agi": x["federal_agi"] - extra}  # a larger deduction: less income to tax
    return ours(h, x=change)


def _mt_peer_taxable_ss(h: dict[str, Any], x: dict[str, Any]) -> int:
    """The peer's Montana taxable Social Security (cents): Montana's own worksheet of the years before
    2024 (base $25,000 / $32,000, 50% and 85%), with provisional income less the old-age subtraction."""
    gssi = x["p1_social_security"] + x["p2_social_security"]
    taxable = x["federal_taxable_social_security"]
    joint = h["filing_status"] == "married_joint"
    aged = sum(1 for w in ("p1", "p2") if x[f"{w}_present"] and x[f"{w}_age"] >= 65)
    old_age = aged * (550_000 if h["year"] == 2024 else 566_000)
    provisional = gssi // 2 + x["federal_agi"] - taxable
    base1, base2 = (3_200_000, 1_200_000) if joint else (2_500_000, 900_000)
    over = max(provisional - old_age - base1, 0)
    sheet = min(min(gssi // 2, min(over, base2) // 2) + 85 * max(over - base2, 0) // 100, 85 * gssi // 100)
    return sheet if gssi > 0 and old_age <= provisional else 0


def _mt_peer(h: dict[str, Any], *, social_security: bool) -> float:
    """rothroute's Montana tax under the peer's reading: the 2% capital gains credit of the years before
    2024 and, with ``social_security``, its own Social Security worksheet in place of the federally
    taxable benefits."""
    def change(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        shift = _mt_peer_taxable_ss(h, x) - x["federal_taxable_social_security"] if social_security else 0
        start = x["federal_taxable_income"]
        return {**x, "federal_taxable_income": max(start + shift, 0) if start > 0 else 0}
    tax = ours(h, x=change)
    gains = max(h["long_term_gains"] + h["short_term_gains"], -3000)
    return max(tax - 0.02 * max(gains, 0), 0.0)


def _nm_no_ss(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer has no Social Security exemption
    return {**p, "ss_exemption.agi_limit": -1}


def _nm_all_gains(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer's net capital gain is all the gains, short-term with long-term
    return {**x, **{f"{w}_long_term_gains": x[f"{w}_long_term_gains"] + x[f"{w}_short_term_gains"] for w in ("p1", "p2")},
            "p1_short_term_gains": 0, "p2_short_term_gains": 0}


def _nm_peer_itemized(h: dict[str, Any]) -> float:
    """rothroute's New Mexico tax (the previous kinds' readings) with the peer's deduction where its federal
    return itemizes: the federal itemized deductions less the state income tax in them (nothing left
    when they are the state tax alone), in place of the standard deduction."""
    from rothroute.state import chain

    def change(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**_nm_all_gains(x, values), "federal_deduction": round(100 * h.get("peer_state_itemized", 0))}

    values = lines(h, params=_nm_no_ss, x=change)
    p = dict(picked(state_file("NM").years[h["year"]], state_peers.state_inputs(h).status))
    return int(chain.rate(SCALAR, values["taxable_income"], p)) / 100


def _nm_peer(h: dict[str, Any], *, gains: bool = False, aged: bool = False) -> float:
    """rothroute's New Mexico tax with no Social Security exemption (the peer has none); with ``gains``,
    the capital gain deduction on all the gains; with ``aged``, the exemption for those 65 or older read
    off the peer's table by interpolation at New Mexico AGI after the capital gain deduction."""
    import polars as pl
    from taxsim_py.engine.state import interpolate_table
    from rothroute.state import chain

    values = lines(h, params=_nm_no_ss, x=_nm_all_gains if gains else None)
    taxable = values["taxable_income"]
    inputs = state_peers.state_inputs(h)
    if aged and any(person.age >= 65 for person in inputs.people):
        joint = h["filing_status"] == "married_joint"
        band = 3000 if joint else 1500
        start = 30000 if joint else 18000
        table = [[start + band * k, 8000 - 1000 * k] for k in range(8)] + [[1e20, 0]]
        agi = (values["start"] - values["capital_gains_deduction"]) / 100
        frame = pl.DataFrame({"income": [float(agi)]})
        each = float(frame.select(interpolate_table(pl.col("income"), table)).item())
        count = sum(1 for person in inputs.people if person.age >= 65)
        peer_aged = round(100 * each * count)
        taxable = max(taxable + values["aged_blind_exemption"] - peer_aged, 0)
    p = dict(picked(state_file("NM").years[h["year"]], state_peers.state_inputs(h).status))
    return int(chain.rate(SCALAR, taxable, p)) / 100


def _mo_peer(h: dict[str, Any]) -> float:
    """Missouri as the peer reads it, on rothroute's inputs and lines (cents): the federal income tax
    deduction a share by federal AGI (uncapped, as it never binds here); the Social Security deduction at any age, less federal
    AGI over $85,000 ($100,000 joint); no private pension exemption, and with someone 65 or older all
    the household's pensions (IRA money and conversions included) exempt as public pensions up to
    $39,365 less that deduction and less income over the same limits; the joint tax the smaller of the
    tax on the whole and the tax of a split (the higher wage earner's wages and half the rest); no
    whole-dollar rounding."""
    from rothroute.money import times
    from rothroute.state import chain

    inputs = state_peers.state_inputs(h)
    x = inputs.as_mapping()
    values = lines(h)
    p = dict(picked(state_file("MO").years[h["year"]], inputs.status))
    joint = h["filing_status"] == "married_joint"
    agi, taxable_ss = x["federal_agi"], x["federal_taxable_social_security"]
    limit = 10_000_000 if joint else 8_500_000
    share = 0
    for upper, portion in ((2_500_000, "0.35"), (5_000_000, "0.25"), (10_000_000, "0.15"), (12_500_000, "0.05")):
        if agi <= upper:
            from fractions import Fraction
            share = Fraction(portion)
            break
    federal = times(max(x["federal_income_tax"], 0), share) if share else 0
    ss = max(taxable_ss - max(agi - limit, 0), 0)
    pensions = sum(x[f"{w}_{k}"] for w in ("p1", "p2") for k in RETIREMENT)
    public = 0
    if any(person.age >= 65 for person in inputs.people):
        public = max(max(min(3_936_500, pensions) - ss, 0) - max(agi - taxable_ss - limit, 0), 0)
    deduction = values["deduction"]
    if h.get("peer_federal_itemized", 0) > 0:  # the peer itemizes the state tax it computes federally
        deduction = round(100 * h.get("peer_state_itemized", 0))
    taxable = max(agi - values["capital_gains_subtraction"] - ss - public - deduction - federal, 0)
    whole = chain.rate(SCALAR, taxable, p)
    if joint and agi > 0:
        wages = 100 * (max(h["wages_head"], 0) + max(h["wages_spouse"], 0))
        head = 100 * max(h["wages_head"], h["wages_spouse"]) + (agi - wages) / 2
        part = round(taxable * head / agi)
        whole = min(whole, chain.rate(SCALAR, part, p) + chain.rate(SCALAR, taxable - part, p))
    return 0.0 if taxable < 10_000 else int(whole) / 100


def _mi_peer(h: dict[str, Any]) -> float:
    """Michigan as the peer reads it for 2023 on (cents): with anyone 65 or older, the larger of $20,000 for
    each person 65 or older less the exemptions and the household's pensions (conversions and IRA money
    at any age) up to the expanded share of the Tier 1 limit; nothing under 65 whatever the year of
    birth, no Tier 1 limit for those born before 1946 and no senior investment deduction."""
    from rothroute.money import times

    inputs = state_peers.state_inputs(h)
    x = inputs.as_mapping()
    values = lines(h)
    p = dict(picked(state_file("MI").years[h["year"]], inputs.status))
    aged = sum(1 for person in inputs.people if person.age >= 65)
    pensions = sum(x[f"{w}_{k}"] for w in ("p1", "p2") for k in RETIREMENT)
    exemptions = values["exemptions"]
    deduction = 0
    if aged:
        expanded = min(pensions, times(p["retirement_tiers.cap"], p["retirement_tiers.expanded_share"]))
        deduction = max(max(2_000_000 * aged - exemptions, 0), expanded)
    taxable = max(x["federal_agi"] - x["federal_taxable_social_security"] - deduction - exemptions, 0)
    return times(taxable, p["flat_rate.rate"]) / 100

def _mn_peer(h: dict[str, Any], *, itemized: bool = False) -> float:
    """Minnesota as the peer reads it for 2024-2025 (dollars), with the parameters it carries over from 2021:
    the Social Security subtraction of 2017-2022 (at most $4,130 single, $5,950 joint, less 20% of
    provisional income over $62,710 / $80,270) instead of the 2023 law's; the elderly subtraction
    only under its income limits; the alternative minimum tax with the 2021 exemption; no net
    investment income tax; the marriage credit with its 2021 amounts and the lower wages plus half
    the household's pensions and taxable Social Security; its 2024 second brackets for single and head
    of household ($104,690, $39,690). rothroute's standard deduction and other brackets (which the peer
    shares). With ``itemized``, the peer's Minnesota itemized deduction where it is larger than the
    standard deduction."""
    from rothroute.state.rules.nd import _schedule

    inputs = state_peers.state_inputs(h)
    x = inputs.as_mapping()
    joint = h["filing_status"] == "married_joint"
    # the peer's 2025 addition at 65 for the married is $1,600, not $1,550
    addition = 160_000 if joint and h["year"] == 2025 else None
    values = lines(h, params=None if addition is None else lambda p, x, v: {**p, "aged_blind_addition.amount": addition})
    p = dict(picked(state_file("MN").years[h["year"]], inputs.status))
    agi, taxable_ss = x["federal_agi"], x["federal_taxable_social_security"]
    gssi = x["p1_social_security"] + x["p2_social_security"]
    aged = sum(1 for person in inputs.people if person.age >= 65)
    limit, amount, start = ((4_200_000, 1_200_000, 1_800_000) if joint and aged >= 2 else
                            (3_850_000, 1_200_000, 1_450_000) if joint else (3_370_000, 960_000, 1_450_000))
    elderly = max(amount - (gssi - taxable_ss) - max(agi - start, 0) // 2, 0) if aged and agi <= limit else 0
    provisional = agi - taxable_ss + gssi // 2
    threshold, most = (8_027_000, 595_000) if joint else (6_271_000, 413_000)
    ss = min(taxable_ss, max(most - max(provisional - threshold, 0) // 5, 0)) if taxable_ss > 0 else 0
    standard = values["standard_deduction"]
    if itemized:
        standard = max(standard, round(100 * h.get("peer_state_itemized", 0)))
    taxable = max(agi - standard - elderly - ss, 0)
    single = list(p["marriage_credit.single"])  # the single schedule
    if h["year"] == 2024:
        single[2] = (10_469_000, single[2][1])  # the peer's 2024 single second bracket ends at $104,690
    tax = int(_rate(p, taxable)) if joint else int(_schedule(SCALAR, taxable, single))
    exclusion, phase = (7_966_000, 15_000_000) if joint else (5_975_000, 11_250_000)
    amt_income = max(agi - max(exclusion - max(agi - phase, 0) // 4, 0), 0)
    tax = tax + max(675 * amt_income // 10_000 - tax, 0)
    credit = 0
    if joint:
        earn = min(100 * h["wages_head"], 100 * h["wages_spouse"]) + (
            sum(x[f"{w}_{k}"] for w in ("p1", "p2") for k in RETIREMENT) + taxable_ss) // 2
        own = max(earn - 1_220_000, 0)
        separate = int(_schedule(SCALAR, own, single)) + int(_schedule(SCALAR, max(taxable - own, 0), single))
        if taxable >= 4_000_000 and earn >= 2_600_000:
            credit = min(154_800, max(tax - separate, 0))
    return max(tax - credit, 0) / 100


def _rate(p: dict[str, Any], taxable: int) -> Any:
    from rothroute.state import chain

    return chain.rate(SCALAR, taxable, p)


GROUP_C: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_nd_marriage_credit_pensions_half_each", state="ND",
        applies=lambda h: h["filing_status"] == "married_joint",
        rerun=lambda h: ours(h, people=_retirement_half_each),
        explanation="N.D.C.C. §57-38-01.28(4): the marriage penalty credit is figured on the qualifying income "
                    "(earned income and retirement plan income) of the spouse with the lesser amount, each "
                    "spouse's own; taxsim-py gives each spouse half the household's pensions, IRA money and "
                    "conversions.",
        example=state_peers.household(year=2024, state="ND", filing_status="married_joint", age_head=75,
                                      age_spouse=75, pension_head=86723, ira_head=26320, conversion_head=44752,
                                      ira_spouse=17636, social_security_spouse=48715, qualified_dividends=5736,
                                      ordinary_dividends=7540, short_term_gains=1292)),
    StateExpected(
        code="taxsim_ms_retirement_exempt_at_any_age", state="MS",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_ms_any_age),
        explanation="35 Miss. Admin. Code Pt. 3, R. 3-02-07-104 and the Form 80-100 instructions: early distributions "
                    "from retirement plans (those the Internal Revenue Code charges the additional tax on, federal "
                    "Form 5329) are not exempt, so IRA and plan money taken before 59½ is taxed; taxsim-py exempts all "
                    "retirement income at any age.",
        example=state_peers.household(year=2025, state="MS", filing_status="single", age_head=56, ira_head=19237,
                                      social_security_head=39537)),
    StateExpected(
        code="taxsim_ms_joint_columns_prorated", state="MS",
        applies=lambda h: h["filing_status"] == "married_joint",
        rerun=_ms_peer_columns,
        explanation="Form 80-105 lines 13-17 and the Form 80-100 instructions: each spouse's income is in their own "
                    "column, each column's first $10,000 is untaxed, and the spouses may divide the standard "
                    "deduction and exemptions between the columns in any manner they choose (rothroute divides them "
                    "to the least tax); a column below zero is combined with the other. taxsim-py splits the income "
                    "its own way (the higher wage earner's wages and half the rest in one column), divides the "
                    "deductions and exemptions in proportion to the columns' income, and takes the smaller of that "
                    "and the joint tax (with the previous kind's reading).",
        example=state_peers.household(year=2024, state="MS", filing_status="married_joint", age_head=47,
                                      age_spouse=58, wages_head=106293, taxable_interest=4332)),
    StateExpected(
        code="taxsim_ne_itemizes_state_tax_over_the_salt_cap", state="NE",
        applies=lambda h: h.get("peer_state_itemized", 0) > 0,
        rerun=_ne_peer_itemized,
        explanation="Neb. Rev. Stat. §77-2716.01 and Form 1040N: Nebraska itemized deductions are the federal ones "
                    "less the state and local income taxes in them, only where the federal return itemizes; "
                    "rothroute uses the file's taxes paid for the federal SALT deduction (none in these households). "
                    "taxsim-py deducts on the federal return the state tax it computes for the same year and takes "
                    "out of Nebraska's deduction only $10,000 of it (the cap before 2025), leaving the rest as a "
                    "Nebraska itemized deduction.",
        example=state_peers.household(year=2025, state="NE", filing_status="single", age_head=44, wages_head=268813,
                                      taxable_interest=2638, long_term_gains=137195)),
    StateExpected(
        code="taxsim_mt_capital_gains_credit_after_repeal", state="MT",
        applies=lambda h: h["long_term_gains"] + h["short_term_gains"] > 0,
        rerun=lambda h: _mt_peer(h, social_security=False),
        explanation="S.B. 399 (2021) repealed Montana's capital gains credit from 2024 (Department of Revenue, "
                    "Simplification of Montana Income Taxation: 'as well as the capital gains tax credit'), when net "
                    "long-term capital gains got their own rates (Mont. Code Ann. §15-30-2103(2)); taxsim-py still "
                    "takes 2% of the net capital gain off the tax.",
        example=state_peers.household(year=2025, state="MT", filing_status="single", age_head=45, wages_head=90000,
                                      long_term_gains=20000)),
    StateExpected(
        code="taxsim_mt_pre_2024_social_security_worksheet", state="MT",
        applies=lambda h: h["social_security_head"] + h["social_security_spouse"] > 0,
        rerun=lambda h: _mt_peer(h, social_security=True),
        explanation="Mont. Code Ann. §15-30-2120 as amended by S.B. 399 (2021): from 2024 Montana taxable income starts "
                    "from federal taxable income, so the Social Security the federal return taxes is taxed (Department "
                    "of Revenue, Simplification of Montana Income Taxation). taxsim-py still figures taxable Social "
                    "Security by Montana's own worksheet of the years before 2024, with the old-age subtraction taken "
                    "off provisional income, which taxes less of the benefits (with the previous kind's credit).",
        example=state_peers.household(year=2024, state="MT", filing_status="married_joint", age_head=84,
                                      age_spouse=85, pension_head=66658, social_security_spouse=25936,
                                      ordinary_dividends=2104, taxable_interest=3049, short_term_gains=34643)),
    StateExpected(
        code="taxsim_nm_no_social_security_exemption", state="NM",
        applies=lambda h: h["social_security_head"] + h["social_security_spouse"] > 0,
        rerun=_nm_peer,
        explanation="NMSA 1978 §7-2-5.14 (Laws 2022, ch. 47): the Social Security included in federal AGI is exempt "
                    "when federal AGI is no more than $100,000 (single), $150,000 (joint, head of household, surviving "
                    "spouse) or $75,000 (separate); taxsim-py has no such exemption and taxes it.",
        example=state_peers.household(year=2025, state="NM", filing_status="single", age_head=67, ira_head=6562,
                                      social_security_head=215747, taxable_interest=707)),
    StateExpected(
        code="taxsim_nm_capital_gain_deduction_on_all_gains", state="NM",
        applies=lambda h: h["short_term_gains"] != 0,
        rerun=lambda h: _nm_peer(h, gains=True),
        explanation="NMSA 1978 §7-2-34: the deduction is of the net capital gain (rothroute: the smaller of the net "
                    "long-term gain and the net capital gain, as the federal return defines it); taxsim-py takes all "
                    "the gains, short-term with long-term (with the previous kind's reading).",
        example=state_peers.household(year=2025, state="NM", filing_status="married_joint", age_head=46,
                                      age_spouse=31, wages_head=14980, wages_spouse=24222, short_term_gains=4821)),
    StateExpected(
        code="taxsim_nm_aged_exemption_interpolated", state="NM",
        applies=lambda h: max(h["age_head"], h["age_spouse"] or 0) >= 65,
        rerun=lambda h: _nm_peer(h, gains=True, aged=True),
        explanation="NMSA 1978 §7-2-5.2 and Schedule PIT-ADJ Table 1: a fixed exemption for each band of federal AGI "
                    "($8,000 to $18,000 single, $1,000 less for each $1,500 or part above); taxsim-py interpolates "
                    "between the bands at New Mexico AGI after the capital gain deduction (with the previous kinds' "
                    "readings).",
        example=state_peers.household(year=2024, state="NM", filing_status="single", age_head=70, ira_head=26000)),
    StateExpected(
        code="taxsim_nm_itemizes_state_tax_federally", state="NM",
        applies=lambda h: h.get("peer_federal_itemized", 0) > 0,
        rerun=_nm_peer_itemized,
        explanation="NMSA 1978 §7-2-2 and PIT-1 line 10: New Mexico takes the federal standard deduction, or the "
                    "federal itemized deductions less state income taxes when the federal return itemizes; rothroute "
                    "uses the file's taxes paid for the federal SALT deduction (none in these households), so the "
                    "federal return takes the standard deduction. taxsim-py deducts on the federal return the state "
                    "tax it computes, itemizes, and is left with no New Mexico deduction (with the first two kinds' "
                    "readings).",
        example=state_peers.household(year=2025, state="NM", filing_status="single", age_head=45, wages_head=448477,
                                      taxable_interest=3703, long_term_gains=5336)),
    StateExpected(
        code="taxsim_mo_pre_2024_exemptions_and_joint_split", state="MO",
        applies=lambda h: True,
        rerun=_mo_peer,
        explanation="RSMo §143.124 and §143.125 as amended for 2024 (Department of Revenue, Pension FAQs): Social "
                    "Security is deducted whole from 62 with no income limit; each spouse's private pensions (IRA money "
                    "and conversions included) up to $6,000, income-limited; public pensions up to the maximum Social "
                    "Security benefit ($46,381 for 2024) with no income limit. RSMo §143.031: each spouse is taxed on "
                    "a share of the combined taxable income in proportion to their Missouri AGI, each tax rounded to "
                    "the dollar. taxsim-py keeps the rules of 2023: Social Security at any age less income over "
                    "$85,000 ($100,000 joint), all pensions treated as public only when someone is 65 or older, up to "
                    "the 2021 maximum of $39,365, less income over the same limits, no private exemption; it splits a "
                    "joint return its own way and takes the smaller tax; it does not cap the federal tax deduction "
                    "(which never binds: at most 15% of the federal tax up to $100,000 of AGI); and where it itemizes federally the state tax it computes, its Missouri "
                    "itemized deduction (the federal one less state income taxes, plus payroll taxes) replaces the "
                    "standard deduction (rothroute uses the file's taxes paid: none here).",
        example=state_peers.household(year=2024, state="MO", filing_status="married_joint", age_head=89,
                                      age_spouse=87, wages_head=12194, pension_head=50788, ira_head=10798,
                                      social_security_head=59735, ira_spouse=36600, social_security_spouse=14102,
                                      long_term_gains=10192)),
    StateExpected(
        code="taxsim_mi_retirement_by_age_65_not_birth_year", state="MI",
        applies=lambda h: True,
        rerun=_mi_peer,
        explanation="MCL 206.30 as amended by Public Act 4 of 2023 (Treasury, Retirement and Pension Benefits; Form "
                    "4884): the subtraction turns on the older spouse's year of birth (Tier 1 before 1946 up to the "
                    "full limit, with the senior interest, dividend and capital gain deduction; Tier 2 and Tier 3 the "
                    "$20,000/$40,000 Michigan standard deduction, Tier 3 less taxable Social Security and "
                    "exemptions; the expanded share of the limit for those born through 1962 (2024) or 1966 (2025)), "
                    "and only benefits that qualify (IRA money and conversions from 59½). taxsim-py, from 2023: "
                    "with anyone 65 or older, the larger of $20,000 for each person 65 or older less the exemptions "
                    "and all the household's pensions and conversions up to the expanded share; nothing otherwise.",
        example=state_peers.household(year=2024, state="MI", filing_status="single", age_head=82,
                                      pension_head=129729, social_security_head=37190, ordinary_dividends=496,
                                      taxable_interest=5888)),
    StateExpected(
        code="taxsim_mn_parameters_of_2021", state="MN",
        applies=lambda h: True,
        rerun=_mn_peer,
        explanation="Minn. Stat. §290.0132 subd. 26 as amended in 2023 (House Research, Taxation of Social Security "
                    "Benefits): the taxable Social Security is subtracted whole up to an AGI of $105,380 joint / $82,190 "
                    "single (2024; $108,320 / $84,490 for 2025), then the larger of a 10%-a-step simplified subtraction "
                    "and the alternative one; §290.033: 1% on net investment income over $1,000,000 from 2024; the "
                    "2024-2025 alternative minimum tax exemption and marriage credit amounts (Schedules M1MT, M1MA); the "
                    "Department of Revenue's 2024 brackets (single $104,090, head of household $39,010). taxsim-py keeps "
                    "the 2017-2022 Social Security subtraction (at most $4,130 / $5,950), the 2021 alternative minimum "
                    "tax exemption and marriage credit amounts, an income limit on the elderly subtraction and no net "
                    "investment income tax, counts half the household's pensions and taxable Social Security as each "
                    "spouse's for the marriage credit, has $104,690 and $39,690 for those 2024 brackets, and its 2025 "
                    "standard deduction addition at 65 for the married is $1,600 (the Department's is $1,550).",
        example=state_peers.household(year=2024, state="MN", filing_status="single", age_head=86, pension_head=18649,
                                      ira_head=6087, social_security_head=16331, qualified_dividends=9670,
                                      ordinary_dividends=9670, long_term_gains=7203)),
    StateExpected(
        code="taxsim_mn_itemizes_state_tax_over_the_salt_cap", state="MN",
        applies=lambda h: h.get("peer_state_itemized", 0) > 0,
        rerun=lambda h: _mn_peer(h, itemized=True),
        explanation="Minn. Stat. §290.0122 and Schedule M1SA (lines 5-8: real estate and personal property taxes): "
                    "Minnesota's itemized deduction takes no state income tax. taxsim-py deducts on the federal return "
                    "the state tax it computes (from 2025 up to the $40,000 cap, less 30% of income over $500,000) and "
                    "takes only $10,000 of it (the cap before 2025) out of Minnesota's itemized deduction, which then "
                    "beats the reduced standard deduction of a high income (with the previous kind's reading). As for "
                    "Nebraska.",
        example=state_peers.household(year=2025, state="MN", filing_status="single", age_head=62, pension_head=505622,
                                      social_security_head=13749, qualified_dividends=5891, ordinary_dividends=6584,
                                      taxable_interest=3252)),
)
