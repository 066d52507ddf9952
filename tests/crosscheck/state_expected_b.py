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
)
