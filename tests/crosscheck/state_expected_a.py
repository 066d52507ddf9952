"""Understood differences from taxsim-py for the states of group A (Alabama, Arizona, Arkansas,
Colorado, Connecticut, Delaware, the District of Columbia, Hawaii): each kind re-runs rothroute
under the peer's reading (docs/crosscheck.md gives the authority rothroute follows and what the
peer does). Appended to ``state_expected.EXPECTED``."""

from __future__ import annotations

import dataclasses
from typing import Any

from rothroute.params.states import state_file
from rothroute.state import chain
from rothroute.state.picked import picked
from rothroute.tax.ops import SCALAR

from . import state_peers
from .state_expected import StateExpected, lines, ours

BOTH = ("head", "spouse")


def _p(h: dict[str, Any]) -> dict[str, Any]:
    inputs = state_peers.state_inputs(h)
    return dict(picked(state_file(inputs.state).years[h["year"]], inputs.status))


def _tax(p: dict[str, Any], taxable: float) -> float:
    """The state's schedule (rothroute's parameters) on an amount in dollars, in dollars."""
    return int(chain.rate(SCALAR, round(100 * max(taxable, 0.0)), p)) / 100


def _aged(h: dict[str, Any], age: int = 65) -> int:
    return sum(1 for a in (h["age_head"], h["age_spouse"]) if a is not None and a >= age)


def _people(h: dict[str, Any]) -> int:
    return 2 if h["filing_status"] == "married_joint" else 1


def _pensions(h: dict[str, Any]) -> float:
    return float(sum(h[f"{k}_{w}"] for k in ("pension", "ira", "conversion") for w in BOTH))


def _eitc_covers_the_tax(rerun: Any) -> Any:
    """The peer's siitax is 0 and its nonrefundable earned income credit e is more than the tax before it:
    the harness's figure (siitax plus the credit added back) is e, and rothroute agrees when its tax
    under the peer's other readings is no more than e."""
    def check(h: dict[str, Any]) -> float:
        mine = rerun(h)
        return h["peer_state_eitc"] if mine <= h["peer_state_eitc"] else mine
    return check


def _eitc_applies(h: dict[str, Any]) -> bool:
    return h.get("peer_siitax", 1) == 0 and h.get("peer_state_eitc", 0) > 0


# --- Delaware ---------------------------------------------------------------------------------

def _de_peer(h: dict[str, Any], *, split: bool, itemized: bool = False) -> float:
    """Delaware's tax as taxsim-py reads it, on rothroute's federal figures and schedule: the pension
    exclusion for the household (no one 65 or older: all pensions, IRA money and conversions up to
    $2,000 a taxpayer; one: up to $12,500 of pensions and half the investment income; two: $25,000
    of all of it), the extra $110 credit from 65; with ``split``, a couple's separate tax on the
    higher earner's wages plus half the other income, the deduction shared in proportion to income,
    the credits taken from the two taxes together; with ``itemized``, the peer's Delaware itemized
    deduction (which keeps the state income tax) when larger."""
    values = lines(h)
    p = _p(h)
    aged, people = _aged(h), _people(h)
    pensions = _pensions(h)
    investment = h["taxable_interest"] + h["ordinary_dividends"] + max(h["long_term_gains"] + h["short_term_gains"], 0)
    if aged == 0:
        excluded = min(2000.0 * people, pensions)
    elif aged == 1:
        excluded = min(12500.0, pensions + 0.5 * investment)
    else:
        excluded = min(25000.0, pensions + investment)
    agi = (values["start"] - values["social_security"]) / 100 - max(excluded, 0.0)
    deduction = 3250.0 * people + 2500.0 * aged
    if itemized:
        deduction = max(deduction, h.get("peer_state_itemized", 0.0))
    tax = _tax(p, agi - deduction)
    wages = h["wages_head"] + h["wages_spouse"]
    if split and people == 2 and agi > 0:
        high = max(h["wages_head"], h["wages_spouse"]) + (agi - wages) / 2
        low = agi - high
        share = deduction * high / agi
        tax = min(tax, _tax(p, high - share) + _tax(p, low - (deduction - share)))
    return max(tax - 110.0 * (people + aged), 0.0)


DE_KINDS: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_de_pension_exclusion_from_65_by_household", state="DE",
        applies=lambda h: h["filing_status"] == "single",
        rerun=lambda h: _de_peer(h, split=False),
        explanation="30 Del. C. §1106(b)(3): each person under 60 excludes employer and government pensions up to "
                    "$2,000; from 60, pensions and eligible retirement income (IRA and plan money, interest, "
                    "dividends, capital gains) up to $12,500; §1110(b): $110 more credit from 60. taxsim-py: the "
                    "$12,500 only from 65, with investment income counted at half for one person 65 or older, and "
                    "under 65 all retirement income (IRA money and conversions too) up to $2,000 a taxpayer; the "
                    "extra credit from 65.",
        example=state_peers.household(year=2025, state="DE", filing_status="single", age_head=61,
                                      social_security_head=29047, qualified_dividends=6726, ordinary_dividends=9352,
                                      taxable_interest=1085, long_term_gains=9463)),
    StateExpected(
        code="taxsim_de_combined_separate_halves_the_income", state="DE",
        applies=lambda h: h["filing_status"] == "married_joint",
        rerun=lambda h: _de_peer(h, split=True),
        explanation="30 Del. C. §1162(a)(2) and Form PIT-RES filing status 4: spouses filing combined separate returns "
                    "each report their own income and half of what is held jointly, take their own $3,250 standard "
                    "deduction and additions and their own credits against their own tax. taxsim-py gives the "
                    "higher earner their wages and half of all other income (pensions and IRA money whoever "
                    "received them), shares the deduction in proportion and takes the credits from the two taxes "
                    "together (with the previous kind's exclusion).",
        example=state_peers.household(year=2025, state="DE", filing_status="married_joint", age_head=56,
                                      age_spouse=66, pension_head=6406, social_security_head=109923,
                                      ira_spouse=76385, social_security_spouse=17743, qualified_dividends=1414,
                                      ordinary_dividends=1414)),
    StateExpected(
        code="taxsim_de_itemizes_state_income_tax", state="DE",
        applies=lambda h: h.get("peer_state_itemized", 0) > 0,
        rerun=lambda h: _de_peer(h, split=h["filing_status"] == "married_joint", itemized=True),
        explanation="30 Del. C. §1109: Delaware itemized deductions are the federal ones less the state and local "
                    "income taxes deducted federally. taxsim-py's Delaware itemized deduction keeps the state income "
                    "tax it computes (under the federal SALT cap) and is taken when larger than the standard "
                    "deduction (with the previous kinds' readings).",
        example=state_peers.household(year=2024, state="DE", filing_status="single", age_head=38,
                                      wages_head=103311, long_term_gains=61995)),
    StateExpected(
        code="harness_de_earned_income_credit_over_the_tax", state="DE",
        applies=_eitc_applies,
        rerun=_eitc_covers_the_tax(lambda h: _de_peer(h, split=h["filing_status"] == "married_joint")),
        explanation="30 Del. C. §1117: Delaware's earned income credit (20% of the federal credit) is nonrefundable "
                    "(or 4.5% refundable, whichever the taxpayer chooses). Where it is more than the tax, the peer's "
                    "siitax is 0 and the harness (which adds the credit back) cannot know the tax before it: the "
                    "household agrees when rothroute's tax, under the previous kinds' readings, is no more than the "
                    "credit.",
        example=state_peers.household(year=2025, state="DE", filing_status="single", age_head=32, wages_head=6452,
                                      ordinary_dividends=556, taxable_interest=3113)),
)

# --- District of Columbia ----------------------------------------------------------------------

def _dc_peer(h: dict[str, Any], *, itemized: bool) -> float:
    """DC's tax as taxsim-py reads it, on rothroute's DC AGI, deduction and schedule: a couple's separate
    tax on the higher earner's wages plus half the other income, the deduction shared in proportion to
    income (not allocated for the least tax, not each spouse's own income); with ``itemized``, the
    peer's DC itemized deduction in place of the standard one (the peer's federal return itemizes
    because it deducts the state tax it computes)."""
    values = lines(h)
    p = _p(h)
    agi = values["agi"] / 100
    deduction = h["peer_state_itemized"] if itemized else values["standard_deduction"] / 100
    tax = _tax(p, agi - deduction)
    wages = h["wages_head"] + h["wages_spouse"]
    if _people(h) == 2 and agi > 0:
        high = max(h["wages_head"], h["wages_spouse"]) + (agi - wages) / 2
        share = deduction * high / agi
        tax = min(tax, _tax(p, high - share) + _tax(p, agi - high - (deduction - share)))
    return tax


DC_KINDS: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_dc_separate_on_same_return_halves_the_income", state="DC",
        applies=lambda h: h["filing_status"] == "married_joint",
        rerun=lambda h: _dc_peer(h, itemized=False),
        explanation="Form D-40 filing status 'married filing separately on the same return', Calculation J: each "
                    "spouse's own income (and half the jointly held), the deduction allocated between them as they "
                    "like (rothroute allocates it for the least tax). taxsim-py gives the higher earner their wages "
                    "and half of all other income (pensions and IRA money whoever received them) and shares the "
                    "deduction in proportion to income.",
        example=state_peers.household(year=2024, state="DC", filing_status="married_joint", age_head=71,
                                      age_spouse=79, conversion_head=35727, social_security_head=15372,
                                      pension_spouse=40930, ira_spouse=27251, conversion_spouse=41944,
                                      social_security_spouse=19983, qualified_dividends=2898,
                                      ordinary_dividends=5135, taxable_interest=5712)),
    StateExpected(
        code="taxsim_dc_itemizes_with_the_state_tax_deducted_federally", state="DC",
        applies=lambda h: h.get("peer_state_itemized", 0) > 0,
        rerun=lambda h: _dc_peer(h, itemized=True),
        explanation="D.C. Code §47-1801.04 and the D-40 instructions: the District's deduction is the standard one "
                    "unless the federal return itemizes (then the federal itemized deductions less the state income "
                    "tax). rothroute's federal return deducts the state and local taxes the file says were paid "
                    "(none in these households, IRC §164, 26 CFR §1.164-1(a)); taxsim-py deducts on the federal return "
                    "the DC tax it computes for the same year, which makes a high-income federal return itemize, and "
                    "DC then takes the peer's itemized deduction (with the previous kind's reading).",
        example=state_peers.household(year=2025, state="DC", filing_status="single", age_head=71, wages_head=38489,
                                      pension_head=287576, social_security_head=65159, taxable_interest=19052)),
)

# --- Arizona ------------------------------------------------------------------------------------

def _federal_senior_deduction(h: dict[str, Any]) -> int:
    """The federal senior deduction of the household (cents; IRC §151(d)(5)(C), Schedule 1-A line 38)."""
    from rothroute import federal_tax

    return int(federal_tax(state_peers.federal_inputs(h)).values["sch1a.38"])


# Arizona subtracts the federal senior deduction from 2025 (A.R.S. §43-1022 as amended in 2026; ADOR's 2025
# Middle Class Tax Cuts Package worksheet), as taxsim-py does: the kind that explained it is gone.

def _az_no_long_term_gain_subtraction(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer subtracts no part of the net long-term capital gain
    return {k: v for k, v in p.items() if not k.startswith("long_term_gain_subtraction.")}


AZ_KINDS: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_az_no_long_term_gain_subtraction", state="AZ",
        applies=lambda h: h["long_term_gains"] > 0,
        rerun=lambda h: ours(h, params=_az_no_long_term_gain_subtraction),
        explanation="A.R.S. §43-1022 and Form 140 lines 20-24: 25% of the net long-term capital gain from assets "
                    "acquired after December 31, 2011 is subtracted from Arizona gross income (rothroute takes the "
                    "file's gains as from such assets, and warns). taxsim-py subtracts none of it.",
        example=state_peers.household(year=2024, state="AZ", filing_status="single", age_head=35, wages_head=80285,
                                      long_term_gains=30763)),
)

# --- Alabama ------------------------------------------------------------------------------------

def _al_peer_federal_tax(x: dict[str, Any], values: dict[str, Any], h: dict[str, Any]) -> dict[str, Any]:
    # Alabama deducts the federal tax: the peer's own (its fiitax: the income tax with the net investment
    # income tax, no additional Medicare tax, no refundable credit in these households)
    return {**x, "federal_income_tax": round(100 * h["peer_fiitax"]), "federal_niit": 0}


def _al_pensions_as_ira(inputs: Any) -> Any:
    """The peer's reading on rothroute's inputs: pensions are not excluded (they join the IRA money),
    and the household's retirement income goes to the people 65 or older (the peer's $6,000 a person
    65 or older, of all pensions)."""
    import dataclasses

    from .state_expected import _pooled_on_the_aged

    people = tuple(dataclasses.replace(person, ira=person.ira + person.pension, pension=0) for person in inputs.people)
    return _pooled_on_the_aged(dataclasses.replace(inputs, people=people))


def _al_no_any_age(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {**p, "retirement_exclusion.any_age": ()}


AL_KINDS: tuple[StateExpected, ...] = (
    StateExpected(
        code="harness_al_federal_tax_deducted_is_the_peers", state="AL",
        applies=lambda h: True,
        rerun=lambda h: ours(h, x=lambda x, values: _al_peer_federal_tax(x, values, h)),
        explanation="Ala. Code §40-18-15(a)(2), Form 40 line 12: Alabama deducts the year's federal income tax (Form "
                    "1040 line 22 and the net investment income tax). Each engine deducts its own federal tax, and "
                    "taxsim-py's differs from rothroute's where the federal cross-check explains it (docs/crosscheck.md, "
                    "federal section): re-run with the peer's federal tax.",
        example=state_peers.household(year=2024, state="AL", filing_status="married_joint", age_head=49,
                                      age_spouse=43, wages_head=175999, ira_head=10605, conversion_head=11474,
                                      wages_spouse=52878, qualified_dividends=3568, ordinary_dividends=3568,
                                      taxable_interest=8771, long_term_gains=15768, short_term_gains=1126)),
    StateExpected(
        code="taxsim_al_taxes_defined_benefit_pensions", state="AL",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_al_pensions_as_ira, params=_al_no_any_age,
                             x=lambda x, values: _al_peer_federal_tax(x, values, h)),
        explanation="ALDOR, Income Exempt from Alabama Income Taxation, and Ala. Code §40-18-19(a): payments from a "
                    "defined benefit plan (IRC §414(j)) and public retirement systems are not Alabama income at any age "
                    "(rothroute takes the file's pension income as such a pension), and from 65 each person excludes "
                    "the first $6,000 of their own other retirement income (Schedule RS). taxsim-py taxes pensions "
                    "and excludes $6,000 for each person 65 or older of all the household's pensions, IRA money and "
                    "conversions (with the previous kind's federal tax).",
        example=state_peers.household(year=2024, state="AL", filing_status="single", age_head=87, pension_head=102595,
                                      taxable_interest=4528)),
)

# --- Colorado -----------------------------------------------------------------------------------

def _co_halves(inputs: Any) -> Any:
    # the peer's pensions (IRA money and conversions with them) and Social Security are half each spouse's
    from .state_expected import RETIREMENT, _even

    return _even(inputs, RETIREMENT + ("social_security",))


def _co_no_premature_test(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {**p, "pension_subtraction.from_59_kinds": ()}


def _co_peer_itemizes(h: dict[str, Any]) -> float:
    """The previous kind's reading, and the peer's federal return itemizing its own Colorado tax: its
    federal taxable income is lower by the itemized deduction less the standard one; Colorado adds the
    state income tax back (104 Book line 2) and, from $300,000 of AGI, the itemized deduction over the
    floor (line 4, which then holds the same state tax again)."""
    values = lines(h, people=_co_halves, params=_co_no_premature_test)
    p = _p(h)
    inputs = state_peers.state_inputs(h)
    agi, fti = inputs.federal["federal_agi"] / 100, inputs.federal["federal_taxable_income"] / 100
    standard = agi - fti - _federal_senior_deduction(h) / 100
    itemized = h["peer_federal_itemized"]
    taxable = values["taxable_income"] / 100
    if itemized > standard:
        floor = p["federal_deduction_addback.exemption"] / 100
        over = agi >= p["federal_deduction_addback.agi_over"] / 100
        taxable += standard - values["additions"] / 100 + (max(itemized - floor, 0.0) if over else 0.0)
    return _tax(p, taxable)


def _co_minimum_tax_on_agi(h: dict[str, Any]) -> float:
    """The previous kinds' reading, and the peer's minimum tax: 3.47% of federal AGI less the federal AMT
    exemption (phased out on AGI), without Colorado's subtractions."""
    from rothroute.params.loader import default_set

    inputs = state_peers.state_inputs(h)
    agi = inputs.federal["federal_agi"]
    exemption, over, _ = default_set().family("amt", h["year"])[h["filing_status"]]
    rate = default_set().family("amt", h["year"])["phaseout_rate"]
    left = max(exemption - (rate * max(agi - over, 0)), 0)
    base = max(agi - int(left), 0)

    def change(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**x, "federal_amt_base": base + values["social_security"] + values["retirement_exclusion"]}

    mine = ours(h, people=_co_halves, params=_co_no_premature_test, x=change)
    return max(mine, _co_peer_itemizes(h))


CO_KINDS: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_co_pension_subtraction_halved_and_from_55", state="CO",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_co_halves, params=_co_no_premature_test),
        explanation="C.R.S. §39-22-104(4)(f), (g) and CDOR's Income Tax Topics (Social Security, Pensions, and "
                    "Annuities): each spouse subtracts their own taxable Social Security and pension and annuity "
                    "income within their own cap, and a premature distribution does not qualify (rothroute: IRA and "
                    "plan money before 59½). taxsim-py gives each spouse half of the household's pensions, IRA money, "
                    "conversions and taxable Social Security, and counts IRA money from 55.",
        example=state_peers.household(year=2024, state="CO", filing_status="single", age_head=56, pension_head=3249,
                                      ira_head=6564, social_security_head=46584, qualified_dividends=4184,
                                      ordinary_dividends=4184, long_term_gains=7178)),
    StateExpected(
        code="taxsim_co_itemizes_its_own_state_tax_twice", state="CO",
        applies=lambda h: h.get("peer_federal_itemized", 0) > 0,
        rerun=_co_peer_itemizes,
        explanation="C.R.S. §39-22-104(3): Colorado adds back the state income tax deducted on the federal return and, "
                    "from $300,000 of federal AGI, the federal deduction over $12,000 ($16,000 joint). rothroute's "
                    "federal return deducts the state and local taxes the file says were paid (none here, IRC §164); "
                    "taxsim-py's federal return itemizes the Colorado tax it computes for the same year, and Colorado "
                    "then adds it back twice over $300,000 (once as state tax, once inside the itemized deduction "
                    "over the floor). Re-run with the peer's itemized deduction (and the previous kind).",
        example=state_peers.household(year=2025, state="CO", filing_status="single", age_head=45, wages_head=95048,
                                      ordinary_dividends=1849, taxable_interest=3668, long_term_gains=380427)),
    StateExpected(
        code="taxsim_co_minimum_tax_without_the_subtractions", state="CO",
        applies=lambda h: True,
        rerun=_co_minimum_tax_on_agi,
        explanation="C.R.S. §39-22-105(2) and Form DR 0104AMT: Colorado's alternative minimum taxable income is the "
                    "federal one less its exemption, with the Colorado modifications, the pension and Social Security "
                    "subtractions included (DR 0104AMT line 4). taxsim-py takes 3.47% of federal AGI less the federal "
                    "exemption, without the subtractions, so a retiree whose Social Security Colorado exempts owes a "
                    "minimum tax (with the previous kinds' readings).",
        example=state_peers.household(year=2025, state="CO", filing_status="single", age_head=75, pension_head=28980,
                                      ira_head=862, conversion_head=35476, social_security_head=537882,
                                      taxable_interest=17892)),
)

# --- Hawaii -------------------------------------------------------------------------------------

def _hi_ira_as_pension(inputs: Any) -> Any:
    # the peer excludes TAXSIM's pensions field, IRA money and conversions included, as pensions
    import dataclasses

    people = tuple(dataclasses.replace(person, pension=person.pension + person.ira + person.conversion, ira=0,
                                       conversion=0) for person in inputs.people)
    return dataclasses.replace(inputs, people=people)


def _hi_peer(h: dict[str, Any], *, itemized: bool) -> float:
    """The previous kind's reading, and the peer's capital gains rate: on the federal capital gain (short-term
    gains included), with the income taxed below 7.25% fixed at $24,000 a taxpayer ($36,000 head of
    household), the 2024 brackets' figure, in 2025 too; with ``itemized``, the peer's Hawaii itemized
    deduction (its own state tax) when larger than the standard deduction."""
    values = lines(h, people=_hi_ira_as_pension)
    p = _p(h)
    inputs = state_peers.state_inputs(h)
    deduction = values["standard_deduction"] / 100
    if itemized:
        deduction = max(deduction, h.get("peer_state_itemized", 0.0))
    taxable = max(values["agi"] / 100 - deduction - values["exemptions"] / 100, 0.0)
    tax = _tax(p, taxable)
    gain = inputs.federal["federal_capital_gain"] / 100
    if gain > 0:
        ordinary = max(24000.0 * _people(h), taxable - gain)
        tax = min(tax, _tax(p, ordinary) + 0.0725 * max(taxable - ordinary, 0.0))
    return round(tax, 2)


HI_KINDS: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_hi_excludes_ira_money_and_conversions", state="HI",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_hi_ira_as_pension),
        explanation="HRS §235-7(a)(3) and HAR §18-235-7-03: a pension for past services (the part funded by the "
                    "employer) is excluded; IRA distributions and Roth conversions are taxed. taxsim-py excludes its "
                    "whole pensions field, IRA money and conversions included.",
        example=state_peers.household(year=2025, state="HI", filing_status="single", age_head=67, pension_head=20360,
                                      ira_head=33132, social_security_head=93216, qualified_dividends=4097,
                                      ordinary_dividends=4097, short_term_gains=1005)),
    StateExpected(
        code="taxsim_hi_capital_gains_rate_reading", state="HI",
        applies=lambda h: True,
        rerun=lambda h: _hi_peer(h, itemized=False),
        explanation="HRS §235-51(f): the tax is no more than the schedule on the greater of taxable income less the "
                    "net capital gain (net long-term gain over net short-term loss, IRC §1222(11)) and the income "
                    "taxed below 7.25%, plus 7.25% of the rest; the brackets below 7.25% end at $48,000 single, "
                    "$96,000 joint from 2025 (Act 46, SLH 2024). taxsim-py counts short-term gains as capital gain "
                    "and keeps the 2024 figure ($24,000 a taxpayer) in 2025 (with the previous kind's reading).",
        example=state_peers.household(year=2024, state="HI", filing_status="married_joint", age_head=37, age_spouse=27,
                                      wages_head=86144, wages_spouse=133891, taxable_interest=2581,
                                      long_term_gains=18011, short_term_gains=950)),
    StateExpected(
        code="taxsim_hi_itemizes_its_own_state_tax", state="HI",
        applies=lambda h: h.get("peer_state_itemized", 0) > 0,
        rerun=lambda h: _hi_peer(h, itemized=True),
        explanation="HRS §235-2.4: Hawaii's itemized deductions are the federal ones without the deduction for state "
                    "income taxes. taxsim-py's Hawaii itemized deduction keeps the Hawaii tax it computes (under the "
                    "federal SALT cap), larger than the $4,400 standard deduction for most incomes (with the previous "
                    "kinds' readings).",
        example=state_peers.household(year=2025, state="HI", filing_status="single", age_head=56, wages_head=90610,
                                      taxable_interest=3105)),
)

# --- Connecticut ----------------------------------------------------------------------------------

def _ct_ira_whole(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer subtracts IRA money and conversions whole, as pension and annuity income
    return {**p, "pension_and_ira_subtraction.ira_thousandths": 1000}


def _ct_benefits_after_pensions(h: dict[str, Any]) -> float:
    """The previous kind's reading, and the peer's Social Security test: on federal AGI less the pension
    subtraction (both the $75,000 / $100,000 limit and the provisional income)."""
    first = lines(h, params=_ct_ira_whole)

    def change(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        zero = {f"{w}_{k}": 0 for w in ("p1", "p2") for k in ("pension", "ira", "conversion", "plan")}
        return {**x, **zero, "federal_agi": x["federal_agi"] - first["retirement_exclusion"]}

    return ours(h, params=_ct_ira_whole, x=change)


CT_KINDS: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_ct_ira_money_subtracted_whole", state="CT",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_ct_ira_whole),
        explanation="CGS §12-701(a)(20)(B)(xxvii)-(xxx) and CT-1040 Schedule 1 line 48c: IRA distributions (a Roth "
                    "conversion among them) are subtracted in part while the subtraction phases in: 50% for 2024, 75% "
                    "for 2025, 100% from 2026 (then the AGI schedule); pension and annuity income in full (line 48b). "
                    "taxsim-py's pensions field takes IRA money and conversions as pension income, subtracted whole.",
        example=state_peers.household(year=2025, state="CT", filing_status="single", age_head=57,
                                      conversion_head=35918, social_security_head=6967, ordinary_dividends=1294,
                                      taxable_interest=5741, long_term_gains=6694)),
    StateExpected(
        code="taxsim_ct_benefits_test_after_the_pension_subtraction", state="CT",
        applies=lambda h: True,
        rerun=_ct_benefits_after_pensions,
        explanation="CGS §12-701(a)(20)(B) and the CT-1040 Social Security Benefit Adjustment Worksheet: the taxable "
                    "benefits are subtracted whole when federal AGI is under $75,000 ($100,000 joint), else all but 25% "
                    "of the lesser of the benefits and the federal provisional income over the base. taxsim-py tests "
                    "and figures both on federal AGI less the pension subtraction (with the previous kind's reading).",
        example=state_peers.household(year=2025, state="CT", filing_status="single", age_head=84, wages_head=6868,
                                      ira_head=33649, social_security_head=56745, ordinary_dividends=1006,
                                      taxable_interest=2045)),
)

# --- Arkansas -----------------------------------------------------------------------------------

# the peer's rate table above the bracket adjustments: 3.9% less $89 from $95,501 (2024) and less $91 from
# $97,901 (2025), where rothroute (PolicyEngine-US's record of DFA's tables) has $87.40 and $89
_AR_PEER_TOP = {2024: (9_550_100, 8_900), 2025: (9_790_100, 9_100)}


def _ar_top(p: dict[str, Any], h: dict[str, Any]) -> dict[str, Any]:
    # the peer's top row, and its rate table on the exact income where the form's tax table serves (the
    # row's middle, to the dollar, under $100,001)
    start, less = _AR_PEER_TOP[h["year"]]
    rows = tuple(p["rate_table.rows"])
    kept = {k: v for k, v in p.items() if not k.startswith("rate_table_tax_table.")}
    return {**kept, "rate_table.rows": (*rows, (start, rows[-1][1], less))}


def _ar_gains(h: dict[str, Any]) -> float:
    """The peer's Arkansas gains (dollars): the federal capital gain or loss, and when it is a gain half
    the long-term gain and the short-term gain whole, or half of both when the short-term is a loss (a
    long-term loss set against a short-term gain is halved too)."""
    gains = state_peers.state_inputs(h).federal["federal_capital_gain"] / 100
    if gains > 0:
        short, long_ = h["short_term_gains"], h["long_term_gains"]
        gains = 0.5 * (short + long_) if short < 0 else 0.5 * long_ + short
    return gains


def _ar_as_peer(h: dict[str, Any]) -> Any:
    """The household as taxsim-py reads it for Arkansas, as rothroute's inputs: the retirement income
    (pensions, IRA money and conversions) exempt up to $6,000 for each person 65 or older, pooled: that
    much given as pension income (exempt at any age within $6,000 a person) and the rest as other
    income, half each spouse's; the gains of ``_ar_gains`` as short-term gains, half each spouse's;
    the higher wages the first spouse's (the peer gives the higher earner their wages and half of all
    the rest)."""
    total = round(100 * _pensions(h))
    exempt = min(total, 600_000 * _aged(h))
    gains = round(100 * _ar_gains(h))
    wages = sorted((round(100 * h["wages_head"]), round(100 * h["wages_spouse"])), reverse=True)

    def change(inputs: Any) -> Any:
        n = len(inputs.people)
        people = []
        for k, person in enumerate(inputs.people):
            def part(amount: int) -> int:
                return amount - (n - 1) * (amount // n) if k == 0 else amount // n
            people.append(dataclasses.replace(
                person, wages=wages[k] if n == 2 else person.wages, pension=part(exempt), ira=0, conversion=0,
                plan=0, other=person.other + part(total - exempt), long_term_gains=0, short_term_gains=part(gains)))
        return dataclasses.replace(inputs, people=tuple(people))
    return change


def _ar_peer(h: dict[str, Any], *, readings: bool = True) -> float:
    """rothroute's Arkansas lines under taxsim-py's readings (with ``readings`` off: rothroute's own
    inputs and parameters, the same composition): the household of ``_ar_as_peer``; the peer's top row;
    the "65 Special" $29 once, only when the household has no retirement income at all; the tax the
    lesser of the joint return's (the low income table in it) and the spouses' split; less the personal
    credits and the qualified individual credit on the joint net income."""
    from rothroute.state.rules import ar

    aged = _aged(h)

    def params(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        special = p["personal_tax_credits.aged_without_exemption"]
        once = special // aged if aged and _pensions(h) == 0 else 0
        return {**_ar_top(p, h), "personal_tax_credits.aged_without_exemption": once}

    got = lines(h, people=_ar_as_peer(h), params=params) if readings else lines(h)
    p = _p(h)
    people = _people(h)
    qualified = int(ar._qualified(SCALAR, got["taxable_income"], people, p))
    tax = min(got["tax_joint"], got["tax_separate"]) + got["additional_tax"]
    return max(tax - got["personal_credits"] - qualified, 0) / 100


AR_KINDS: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_ar_top_row_of_the_tax_table", state="AR",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=lambda p, x, values: _ar_top(p, h)),
        explanation="A.C.A. §26-51-201(a), DFA's indexed rate table: above the bracket adjustments the tax is 3.9% of "
                    "net income less $87.40 (2024; 2% of the first $4,600) and less $89 (2025), as PolicyEngine-US "
                    "records DFA's tables. taxsim-py takes 3.9% less $89 (2024) and less $91 (2025) there, from the "
                    "tax table's figure at $100,000 (its $3,811 for 2024): $1.60 and $2 a return; and under $100,001 "
                    "it applies the rate table to the exact income, where Form AR1000F takes the tax from its tax "
                    "table (the rate table at the middle of the $100 row's whole-dollar incomes, to the dollar), up "
                    "to about $2 either way. Open: the tables themselves are to be verified against DFA's 2024 and "
                    "2025 publications.",
        example=state_peers.household(year=2024, state="AR", filing_status="single", age_head=30, wages_head=138513,
                                      ordinary_dividends=866, taxable_interest=2716)),
    StateExpected(
        code="taxsim_ar_retirement_exemption_from_65_by_household", state="AR",
        applies=lambda h: h["filing_status"] == "single",
        rerun=_ar_peer,
        explanation="A.C.A. §26-51-307(a): each person exempts the first $6,000 of benefits from employment-related "
                    "plans and pensions at any age (DFA Rule 2.26-51-307: a premature distribution too) and of IRA "
                    "money from 59½; Form AR1000F line 7A: $29 more for each person of 65 or older who claims no "
                    "retirement exemption. taxsim-py exempts the household's pensions, IRA money and conversions up "
                    "to $6,000 for each person 65 or older only, gives one more $29 only to a household with no "
                    "pension at all, and halves a long-term loss set against a short-term gain (Form AR1000D: only "
                    "a net capital gain is halved, §26-51-815(b)) (with the previous kind's top row; re-run: "
                    "rothroute's lines on the household as the peer reads it, _ar_peer).",
        example=state_peers.household(year=2025, state="AR", filing_status="single", age_head=61, ira_head=45541,
                                      social_security_head=9219, taxable_interest=3740, short_term_gains=1073)),
    StateExpected(
        code="taxsim_ar_separate_on_same_return_halves_the_income", state="AR",
        applies=lambda h: h["filing_status"] == "married_joint",
        rerun=_ar_peer,
        explanation="Form AR1000F filing status 4: spouses filing separately on the same return each report their own "
                    "income (half the jointly held), own retirement exemption, standard deduction and tax, with each "
                    "spouse's own qualified individual credit (as PolicyEngine-US reads the worksheet). taxsim-py "
                    "gives the higher earner their wages plus half of all other income (pensions and IRA money "
                    "whoever received them), takes the lesser of that split and the joint return before the credits, "
                    "and the qualified individual credit on the joint net income (with the previous kinds' readings; "
                    "re-run: rothroute's joint and separate tax lines on the household as the peer reads it).",
        example=state_peers.household(year=2024, state="AR", filing_status="married_joint", age_head=84,
                                      age_spouse=85, pension_head=66219, ira_head=34253, social_security_head=12043,
                                      ira_spouse=17998, conversion_spouse=4816, social_security_spouse=14191,
                                      qualified_dividends=9957, ordinary_dividends=9957, long_term_gains=-15104)),
)

GROUP_A: tuple[StateExpected, ...] = (DE_KINDS + DC_KINDS + AZ_KINDS + AL_KINDS + CO_KINDS + HI_KINDS + CT_KINDS
                                       + AR_KINDS)

# states where most households differ, each for a reading of the peer's that touches most returns:
# Delaware (the peer keeps its own state tax in a Delaware itemized deduction larger than the $3,250
# standard deduction, and splits a couple's non-wage income half each) and Hawaii (the peer excludes
# IRA money and conversions as pensions)
# Arkansas (the peer's top row of the tax table touches every return with net income over about $95,500,
# its half-and-half split of a couple's income most joint returns)
MOSTLY_EXPLAINED = frozenset({"DE", "HI", "AR"})
