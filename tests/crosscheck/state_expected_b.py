"""Differences from taxsim-py's state calculators for Idaho, Indiana, Iowa, Kansas, Kentucky,
Louisiana, Maine and Maryland (issue #14 phase 2, group B): each a reading of the peer's that
differs from the law, proved by re-running rothroute under the peer's reading (see
``state_expected``), each with a worked household it explains."""

from __future__ import annotations

from typing import Any

from fractions import Fraction

from rothroute.params.states import state_file
from rothroute.state.picked import picked

from . import state_peers
from .state_expected import NEVER, StateExpected, _pooled_on_the_aged, lines, ours

from rothroute.tax.ops import SCALAR as _SCALAR

RETIREMENT = ("pension", "ira", "conversion", "plan")


def _peer_household_income(h: dict[str, Any]) -> float:
    """taxsim-py's household income (``engine.state.household_income``) of a neutral household."""
    both = ("head", "spouse")
    gains = h["long_term_gains"] + h["short_term_gains"]
    return (sum(max(h[f"wages_{w}"], 0) for w in both) + h["ordinary_dividends"] + h["taxable_interest"]
            + sum(h[f"{k}_{w}"] for k in ("pension", "ira", "conversion", "social_security") for w in both)
            + max(gains, 0))


def _id_peer_filing_limit(h: dict[str, Any]) -> Any:
    """The peer's permanent building fund test: household income (Social Security whole) over its 1981
    limits ($3,300 single, $5,400 joint, $1,000 more for each person 65 or older)."""
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        joint = h["filing_status"] == "married_joint"
        aged = sum(1 for a in (h["age_head"], h["age_spouse"]) if a is not None and a >= 65)
        limit = (5400 if joint else 3300) + 1000 * aged
        owes = _peer_household_income(h) > limit
        return {**p, "building_fund.filing_threshold": -NEVER if owes else NEVER, "building_fund.aged": 0}
    return change


def _ky_peer(h: dict[str, Any]) -> float:
    """Kentucky under the peer's reading, on rothroute's parameters: the household's retirement income
    pooled against the cap times the people on the return; a couple's combined return splitting
    Kentucky AGI as the higher wages plus half the rest; personal credits off the total; the family
    size credit as rothroute's."""
    inputs = state_peers.state_inputs(h)
    p = picked(state_file("KY").years[h["year"]], inputs.status)
    fed = inputs.federal
    people = inputs.people
    retirement = sum(getattr(person, kind) for person in people for kind in RETIREMENT)
    cap = p["retirement_exclusion.caps"][-1]
    agi = fed["federal_agi"] - fed["federal_taxable_social_security"] - min(retirement, cap * len(people))
    std, rate = p["standard_deduction"], p["flat_rate.rate"]
    taxable = max(agi - std, 0)
    if len(people) == 2 and agi > 0:
        wages = [person.wages for person in people]
        high = Fraction(max(wages)) + Fraction(agi - sum(wages), 2)
        taxable = min(taxable, max(high - std, 0) + max(agi - high - std, 0))
    tax = Fraction(taxable) * rate
    credits = sum(p["person_credits.aged"] for person in people if person.age >= p["person_credits.age"])
    tax = max(tax - credits, 0)
    threshold = p["family_size_credit.base"] + (len(people) - 1) * p["family_size_credit.step"]
    modified = max(fed["federal_agi"], agi)
    share = Fraction(0)
    for multiple, rows_share in reversed(p["family_size_credit.shares"]):
        if modified <= threshold * multiple:
            share = rows_share
    return float(tax * (1 - share)) / 100


def _ia_pooled_at_55(inputs: Any) -> Any:
    """The peer's Iowa exclusion: with either spouse 55 or older, all the household's retirement income
    is excluded, whoever received it (given here to the older spouse)."""
    import dataclasses

    people = list(inputs.people)
    if len(people) < 2 or max(person.age for person in people) < 55:
        return inputs
    old = 0 if people[0].age >= people[1].age else 1
    for kind in RETIREMENT:
        total = sum(getattr(person, kind) for person in people)
        people = [dataclasses.replace(person, **{kind: total if k == old else 0}) for k, person in enumerate(people)]
    return dataclasses.replace(inputs, people=tuple(people))


def _ia_peer_itemized(h: dict[str, Any]) -> Any:
    """Federal taxable income with the peer's itemized deduction (the state income tax it computes, under the
    SALT cap) where it is more than the deductions rothroute takes (the file's taxes paid: none)."""
    def change(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        itemized = round(100 * h.get("peer_state_itemized", 0))
        deductions = x["federal_agi"] - x["federal_taxable_income"]
        return {**x, "federal_taxable_income": max(x["federal_agi"] - max(deductions, itemized), 0)}
    return change


def _ia_peer_single(h: dict[str, Any]) -> float:
    """The peer's single filer: no tax where federal AGI is at most $9,000 ($24,000 at 65); else the tax less
    the credits, at most Iowa AGI (benefits and retirement income out) less $9,000 at any age."""
    values = lines(h, x=_ia_peer_itemized(h))
    inputs = state_peers.state_inputs(h)
    fed = inputs.federal
    aged = inputs.people[0].age >= 65
    if fed["federal_agi"] <= (2_400_000 if aged else 900_000):
        return 0.0
    p = picked(state_file("IA").years[h["year"]], inputs.status)
    credits = p["person_credits.personal"] + (p["person_credits.aged"] if inputs.people[0].age >= p["person_credits.age"]
                                              else 0)
    iowa_agi = fed["federal_agi"] - fed["federal_taxable_social_security"] - values.get("retirement_exclusion", 0)
    return max(min(iowa_agi - 900_000, values["tax_main"] - credits), 0) / 100


def _me_pooled_any_age(inputs: Any) -> Any:
    """The peer's Maine pension deduction: the household's retirement income of every kind, at any age,
    against the deduction amount times the people on the return less all their Social Security benefits
    (given here to the first person, whose cap the re-run multiplies)."""
    import dataclasses

    people = list(inputs.people)
    total = {kind: sum(getattr(person, kind) for person in people) for kind in RETIREMENT}
    benefits = sum(person.social_security for person in people)
    first = dataclasses.replace(people[0], pension=sum(total.values()), ira=0, conversion=0, plan=0,
                                social_security=benefits)
    rest = [dataclasses.replace(person, pension=0, ira=0, conversion=0, plan=0, social_security=0)
            for person in people[1:]]
    return dataclasses.replace(inputs, people=(first, *rest))


def _me_cap_per_person(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {**p, "pension_deduction.cap": p["pension_deduction.cap"] * (x["p1_present"] + x["p2_present"])}


def _md_peer(h: dict[str, Any], *, pension: bool = False, split: bool = False, exemptions: bool = False,
             surtax: bool = False) -> float:
    """Maryland's State tax on rothroute's parameters, each of the peer's readings switched on by its flag
    (all off: rothroute's reading, which ``test_md_peer_reading_off_is_rothroute`` checks):
    ``pension``: the household's retirement income of every kind against the exclusion times the people 65
    or older less all their benefits; ``split``: the two-income subtraction on the higher wages plus half the
    rest, the exclusion taken from the spouse's share when one is 65 or older; ``exemptions``: no exemption at
    all (the $1,000 for age included) above the last tier of federal AGI; ``surtax``: the capital gains surtax
    tested on Maryland AGI, and the senior credit for federal AGI under (not at) its limit."""
    from rothroute.money import times
    from rothroute.state import chain, formulas as f

    inputs = state_peers.state_inputs(h)
    p = picked(state_file("MD").years[h["year"]], inputs.status)
    fed, people = inputs.federal, inputs.people
    agi, taxable_ss = fed["federal_agi"], fed["federal_taxable_social_security"]
    aged = [person.age >= 65 for person in people]
    cap = p["pension_deduction.cap"]
    if pension:
        total = sum(getattr(person, kind) for person in people for kind in RETIREMENT)
        benefits = sum(person.social_security for person in people)
        excluded = [min(total, max(cap * sum(aged) - benefits, 0))]
    else:
        excluded = [min(max(person.pension + person.plan, 0), max(cap - person.social_security, 0)) if old else 0
                    for person, old in zip(people, aged)]
    md_agi = agi - taxable_ss - sum(excluded)
    two = 0
    if len(people) == 2:
        if split:
            wages = [person.wages for person in people]
            rest = Fraction(agi - sum(wages), 2)
            high, low = wages[0] + rest, wages[1] + rest
            one_aged = sum(aged) == 1 and sum(excluded) > 0
            if one_aged:
                high, low = high - Fraction(taxable_ss, 2), low - Fraction(taxable_ss, 2) - sum(excluded)
            else:
                high, low = high - Fraction(taxable_ss + sum(excluded), 2), low - Fraction(taxable_ss + sum(excluded), 2)
            if agi > 0 and (wages[0] + rest) * (wages[1] + rest) > 0:
                two = min(p["two_income_subtraction.cap"], max(high, 0), max(low, 0))
        else:
            two = lines(h).get("two_income_subtraction", 0)
    md_agi = max(md_agi - two, 0) if split else md_agi - two
    if "percent_standard_deduction.rate" in p:
        standard = min(max(times(max(md_agi, 0), p["percent_standard_deduction.rate"]),
                           p["percent_standard_deduction.min"]), p["percent_standard_deduction.max"])
    else:
        standard = p["standard_deduction"]
    each = p["md_exemptions.tiers"][0][1]
    for over, amount in p["md_exemptions.tiers"]:
        if agi > over:
            each = amount
    exemptions_total = len(people) * each + sum(aged) * p["md_exemptions.aged"]
    if exemptions and each == 0:
        exemptions_total = 0
    taxable = max(md_agi - standard - exemptions_total, 0)
    tax = chain.rate(_SCALAR, taxable, p)
    if "capital_gains_surtax.rate" in p:
        gains = max(fed["federal_capital_gain"], 0)
        test = md_agi if surtax else agi
        tax += times(gains, p["capital_gains_surtax.rate"]) if test > p["capital_gains_surtax.agi_over"] else 0
    amount = p["senior_credit.amount"]
    if len(people) == 2 and sum(aged) == 1:
        amount = p["senior_credit.joint_one"]
    within = agi < p["senior_credit.agi_limit"] if surtax else agi <= p["senior_credit.agi_limit"]
    senior = min(amount, tax) if any(aged) and within else 0
    del f
    return float(tax - senior) / 100


GROUP_B: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_id_building_fund_filing_limit", state="ID",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_id_peer_filing_limit(h)),
        explanation="Idaho Code §63-3082 and §57-1110: the $10 permanent building fund tax is owed on a return that "
                    "must be filed, and an Idaho resident must file when required to file a federal return (gross "
                    "income at least the federal filing threshold: $14,600 single under 65 in 2024); taxsim-py "
                    "charges it when household income, Social Security benefits included, is over its 1981 limits "
                    "($3,300 single, $5,400 joint, $1,000 more for each person 65 or older).",
        example=state_peers.household(year=2024, state="ID", filing_status="single", age_head=74,
                                      social_security_head=37027)),
    StateExpected(
        code="taxsim_ky_pensions_pooled_combined_return_split", state="KY",
        applies=lambda h: h["filing_status"] == "married_joint",
        rerun=_ky_peer,
        explanation="KRS 141.019 and the Form 740 instructions: each spouse excludes their own pension income up to "
                    "$31,110, computed independently of the other; on a combined return (103 KAR 17:020 §2(3)) each "
                    "spouse reports their own income and takes their own personal tax credits. taxsim-py pools the "
                    "household's pensions against twice the cap, splits the couple's Kentucky AGI as the higher "
                    "wages plus half the rest, and takes the personal credits off the total.",
        example=state_peers.household(year=2025, state="KY", filing_status="married_joint", age_head=57,
                                      age_spouse=62, pension_head=11234, ira_head=67211, social_security_spouse=32238,
                                      ordinary_dividends=4409, taxable_interest=676)),
    StateExpected(
        code="taxsim_la_retirement_exemption_pooled", state="LA",
        applies=lambda h: h["filing_status"] == "married_joint",
        rerun=lambda h: ours(h, people=_pooled_on_the_aged),
        explanation="La. R.S. 47:44.1(A) and LAC 61:I.1311: each individual 65 or older exempts up to $6,000 ($12,000 "
                    "from 2025) of the annual retirement income that individual received; taxsim-py exempts the "
                    "household's pensions up to the cap times the people 65 or older, whoever received them.",
        example=state_peers.household(year=2025, state="LA", filing_status="married_joint", age_head=59,
                                      age_spouse=69, pension_head=11743, social_security_head=11273,
                                      social_security_spouse=15840, ordinary_dividends=1570, long_term_gains=81455)),
    StateExpected(
        code="taxsim_ks_food_sales_tax_credit_from_65", state="KS",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=lambda p, x, values: {**p, "food_sales_tax_credit.age": 64}),
        explanation="K.S.A. 79-32,271 and KDOR Notice 13-12: the food sales tax credit (2013-2024) is for a household "
                    "with someone 55 or older all year (or blind, disabled, or with a dependent child under 18); "
                    "taxsim-py allows it only with someone 65 or older (or a dependent).",
        example=state_peers.household(year=2024, state="KS", filing_status="single", age_head=61, ira_head=14912,
                                      qualified_dividends=4134, ordinary_dividends=4134, taxable_interest=1122)),
    StateExpected(
        code="taxsim_ia_retirement_exclusion_either_spouse_55", state="IA",
        applies=lambda h: h["filing_status"] == "married_joint",
        rerun=lambda h: ours(h, people=_ia_pooled_at_55, x=_ia_peer_itemized(h)),
        explanation="Iowa Code §422.7 and the Department of Revenue's Retirement Income Tax Guidance: on a joint return "
                    "only the retirement income of a spouse 55 or older (or disabled) is excluded; taxsim-py excludes "
                    "all the household's retirement income when either spouse is 55 or older.",
        example=state_peers.household(year=2024, state="IA", filing_status="married_joint", age_head=34,
                                      age_spouse=62, ira_head=11749, wages_spouse=31956, conversion_spouse=28674,
                                      taxable_interest=1040)),
    StateExpected(
        code="taxsim_ia_federal_itemized_state_tax", state="IA",
        applies=lambda h: h.get("peer_state_itemized", 0) > 0,
        rerun=lambda h: ours(h, people=_ia_pooled_at_55, x=_ia_peer_itemized(h)),
        explanation="Iowa taxable income starts from federal taxable income (Iowa Code §422.7), whose itemized "
                    "deduction for state and local taxes is what was paid in the year (IRC §164(a); rothroute takes the "
                    "file's, none here). taxsim-py deducts the state income tax it computes for the same year, under "
                    "the SALT cap, and itemizes when that is more than the standard deduction.",
        example=state_peers.household(year=2025, state="IA", filing_status="single", age_head=36, wages_head=458667,
                                      qualified_dividends=4456, ordinary_dividends=4456, long_term_gains=26974)),
    StateExpected(
        code="taxsim_ia_single_low_income_tests", state="IA",
        applies=lambda h: h["filing_status"] == "single",
        rerun=_ia_peer_single,
        explanation="Iowa Code §422.5 and the IA 1040 instructions (line 4): a single filer owes no tax when Iowa taxable "
                    "income plus the federal deductions below AGI (Social Security and retirement income excluded) is "
                    "$9,000 or less ($24,000 at 65), and the tax reduction limits the tax to that income over the same "
                    "floor. taxsim-py tests federal AGI (taxable benefits and retirement income included) and limits "
                    "the tax to Iowa AGI over $9,000 at any age.",
        example=state_peers.household(year=2024, state="IA", filing_status="single", age_head=77,
                                      social_security_head=15606, taxable_interest=18293, long_term_gains=4167)),
    StateExpected(
        code="taxsim_me_pension_deduction_pooled_any_age", state="ME",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_me_pooled_any_age, params=_me_cap_per_person),
        explanation="36 M.R.S. §5122(2)(M-2) and the Worksheet for Pension Income Deduction: each individual deducts "
                    "their own retirement benefits up to the deduction amount less their own Social Security benefits, "
                    "and distributions subject to the federal 10% additional tax (rothroute: IRA and plan money before "
                    "59½) are not eligible. taxsim-py pools the household's pensions against the amount times the "
                    "people on the return less all their benefits, at any age.",
        example=state_peers.household(year=2024, state="ME", filing_status="married_joint", age_head=85,
                                      age_spouse=83, ira_head=11315, conversion_head=33935, social_security_head=6161,
                                      pension_spouse=10779, social_security_spouse=96934, taxable_interest=7758)),
    StateExpected(
        code="taxsim_md_pension_exclusion_pooled", state="MD",
        applies=lambda h: True,
        rerun=lambda h: _md_peer(h, pension=True),
        explanation="Md. Code, Tax-Gen. §10-209 and the Comptroller's pension exclusion page: each person 65 or older "
                    "(or disabled) excludes their own income from an employee retirement system (401(a), 401(k), 403(b), "
                    "457(b)), not IRA money or Roth conversions, up to the maximum less their own Social Security "
                    "benefits. taxsim-py excludes the household's retirement income of every kind up to the maximum "
                    "times the people 65 or older less all their benefits.",
        example=state_peers.household(year=2024, state="MD", filing_status="single", age_head=78, wages_head=12311,
                                      ira_head=28167, social_security_head=34802, qualified_dividends=5401,
                                      ordinary_dividends=12205, long_term_gains=10626)),
    StateExpected(
        code="taxsim_md_two_income_subtraction_split", state="MD",
        applies=lambda h: h["filing_status"] == "married_joint",
        rerun=lambda h: _md_peer(h, pension=True, split=True),
        explanation="Md. Code, Tax-Gen. §10-207 and Form 502's two-income worksheet: each spouse's own income less "
                    "their own subtractions, the subtraction the lower of them up to $1,200. taxsim-py gives each "
                    "spouse their wages and half the rest, and takes the pension exclusion from the spouse's share when "
                    "one spouse is 65 or older (with the previous kind's reading).",
        # (the example of before the two-income subtraction's fix, a spouse with benefits, now agrees)
        example=state_peers.household(year=2025, state="MD", filing_status="married_joint", age_head=61,
                                      age_spouse=74, wages_spouse=12123, ira_spouse=30486,
                                      social_security_spouse=110182, ordinary_dividends=1097,
                                      taxable_interest=1058)),
    StateExpected(
        code="taxsim_md_no_exemptions_above_the_last_tier", state="MD",
        applies=lambda h: True,
        rerun=lambda h: _md_peer(h, pension=True, split=True, exemptions=True),
        explanation="Md. Code, Tax-Gen. §10-211: the $3,200 personal exemption phases out by federal AGI, the $1,000 "
                    "more for a person 65 or older (or blind) does not. taxsim-py drops every exemption, those for age "
                    "included, above the last tier ($150,000 single, $200,000 joint) (with the previous kinds).",
        example=state_peers.household(year=2024, state="MD", filing_status="married_joint", age_head=78,
                                      age_spouse=78, pension_head=17761, social_security_head=39491, wages_spouse=4267,
                                      pension_spouse=211491, social_security_spouse=17773, ordinary_dividends=810,
                                      taxable_interest=2489)),
    StateExpected(
        code="taxsim_md_surtax_on_maryland_agi", state="MD",
        applies=lambda h: True,
        rerun=lambda h: _md_peer(h, pension=True, split=True, exemptions=True, surtax=True),
        explanation="Budget Reconciliation and Financing Act of 2025: the 2% capital gains surtax applies when federal "
                    "AGI exceeds $350,000; Tax-Gen. §10-754: the senior tax credit for federal AGI that does not "
                    "exceed its limit. taxsim-py tests the surtax on Maryland AGI and the credit on federal AGI below "
                    "(not at) the limit (with the previous kinds).",
        example=state_peers.household(year=2025, state="MD", filing_status="married_joint", age_head=61,
                                      age_spouse=65, pension_head=19301, ira_head=193289, social_security_head=12887,
                                      pension_spouse=87807, conversion_spouse=16649, social_security_spouse=19611,
                                      qualified_dividends=8561, ordinary_dividends=13954, taxable_interest=1028,
                                      short_term_gains=1616)),
)
