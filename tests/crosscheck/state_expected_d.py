"""Differences from taxsim-py's state calculators for Oklahoma, Oregon, Rhode Island, South Carolina,
Utah, Vermont, West Virginia and Wisconsin (issue #14 phase 2, group D): each a reading of the peer's
that differs from the law, proved by re-running rothroute under the peer's reading (see
``state_expected``), each with a worked household it explains."""

from __future__ import annotations

import dataclasses
from typing import Any

from rothroute.params.states import state_file
from rothroute.state.inputs import StateInputs
from rothroute.state.picked import picked
from rothroute.tax.ops import SCALAR

from . import state_peers
from .state_expected import (NEVER, RETIREMENT, Inputs, Params, People, StateExpected, _even, _pooled_on_the_aged,
                             lines, ours)

# --- phase 2, group D (OK, OR, RI, SC, UT, VT, WV, WI): the peer applies the rate schedule to the
# exact taxable income where the state's form takes the tax from its table and worksheet ----------------


def _no_table(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The rate schedule on the taxable income itself (no tax table, no printed worksheet)."""
    return {**p, "tax_table.below": 0, "tax_worksheet.rows": None, "tax_table.schedule": None}


def _ok_peer(conversions: bool) -> Params:
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**_no_table(p, x, values), "aged_exemption_limit.conversions_excluded": not conversions}
    return change


def _ok_peer_itemized(h: dict[str, Any]) -> Params:
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**_ok_peer(conversions=True)(p, x, values), "standard_deduction": round(100 * h["peer_state_itemized"])}
    return change


def _ri_peer(h: dict[str, Any]) -> float:
    """rothroute's Rhode Island tax (its deductions, exemptions, phase-out and schedule) with the
    modifications of the peer's reading: anyone 65 or older instead of full retirement age; the
    household's pensions, IRA money and conversions up to the cap times the people 65 or older,
    whoever received them (federal AGI at most the limit); on a joint return with one of them, half
    the taxable Social Security."""
    from rothroute.state import chain
    from rothroute.state.rules import ri

    inputs = state_peers.state_inputs(h)
    x = inputs.as_mapping()
    p = _no_table(dict(picked(state_file("RI").years[h["year"]], inputs.status)), x, {})
    joint = h["filing_status"] == "married_joint"
    fagi, ss = x["federal_agi"], x["federal_taxable_social_security"]
    aged = sum(1 for person in inputs.people if person.age >= 65)
    limit = p["retirement_modifications.agi_under"]
    social = 0
    if aged and fagi < limit:
        social = ss // 2 if joint and aged == 1 else ss
    pensions = sum(getattr(person, kind) for person in inputs.people for kind in RETIREMENT)
    excluded = min(aged * p["retirement_modifications.pension_cap"], pensions) if fagi <= limit else 0
    agi = fagi - social - excluded
    out: dict[str, Any] = {}
    chain.deductions(SCALAR, x, p, out)
    taxable = max(agi - ri.phaseout(SCALAR, out["standard_deduction"], agi, p)
                  - ri.phaseout(SCALAR, out["exemptions"], agi, p), 0)
    return int(chain.rate(SCALAR, taxable, p)) / 100


def _wv_peer(h: dict[str, Any], *, disability: bool = False) -> float:
    """rothroute's West Virginia tax (its Social Security subtraction, exemptions, schedule and family
    tax credit) with the peer's senior modification: $8,000 of each person's income 65 or older, not
    reduced by the Social Security subtracted, the couple's income other than wages and benefits half
    each (with one spouse 65 on a joint return: half the other income, the benefits, the pensions and
    the other spouse's wages)."""
    from rothroute.state import chain
    from rothroute.state.rules import wv

    inputs = state_peers.state_inputs(h)
    x = inputs.as_mapping()
    p = _no_table(dict(picked(state_file("WV").years[h["year"]], inputs.status)), x, {})
    cap = p["senior_modification.amount"]
    fagi, ss = x["federal_agi"], x["federal_taxable_social_security"]
    pw, sw = max(x["p1_wages"], 0), max(x["p2_wages"], 0)
    pensions = 100 * sum(h[f"{k}_{w}"] for k in ("pension", "ira", "conversion") for w in ("head", "spouse"))
    total = fagi - ss  # the peer's total income (federal AGI without the benefits)
    ti = total + ss
    aged = [person.age >= 65 for person in inputs.people]
    if h["filing_status"] != "married_joint":
        senior = min(total, cap) if aged[0] else 0
    elif all(aged):
        other = (ti - pw - sw) / 2
        senior = min(other + pw, cap) + min(other + sw, cap)
    elif any(aged):
        senior = min((ti - pw - ss) / 2 + ss + pensions + sw, cap)
    else:
        senior = 0
    social = wv.social_security(SCALAR, x, p)
    if disability and not any(aged) and ss > 0:  # under 65 with benefits: taken as disabled, $8,000 each
        after = fagi - social
        rest = after - pw - sw - ss
        senior = (min(rest / 2 + pw + ss / 2, cap) + min(rest / 2 + sw + ss / 2, cap)
                  if h["filing_status"] == "married_joint" else min(after, cap))
        senior = max(senior, 0)
    agi = max(round(fagi - social - senior), 0)
    out: dict[str, Any] = {}
    exemptions = chain.deductions(SCALAR, x, p, out)
    low = min(min(pw + sw, p["low_income_exclusion.cap"]), max(fagi, 0)) if fagi <= p["low_income_exclusion.agi_limit"] else 0
    taxable = max(agi - low - exemptions, 0)
    tax = int(chain.rate(SCALAR, taxable, p))
    return max(tax - int(wv.family_credit(SCALAR, x, p, tax)), 0) / 100


def _sc_peer_people(inputs: StateInputs) -> StateInputs:
    """The peer's South Carolina retirement deductions on rothroute's inputs: with someone 65 or older,
    $15,000 for each of them and nothing for a younger spouse (the household's retirement income given
    to them); with no one, the household's retirement income up to $3,000 a taxpayer, half each; IRA and
    plan money counted at any age (moved to the ``pension`` field, which rothroute counts at any age)."""
    inputs = _pooled_on_the_aged(inputs) if any(person.age >= 65 for person in inputs.people) else _even(
        inputs, RETIREMENT)
    people = tuple(dataclasses.replace(person, pension=person.pension + person.ira + person.plan, ira=0, plan=0)
                   for person in inputs.people)
    return dataclasses.replace(inputs, people=people)


def _sc_peer_gains(inputs: StateInputs) -> StateInputs:
    """``_sc_peer_people``, and 44% of the long-term gain before short-term losses (the peer's)."""
    inputs = _sc_peer_people(inputs)
    people = tuple(dataclasses.replace(person, short_term_gains=max(person.short_term_gains, 0))
                   for person in inputs.people)
    return dataclasses.replace(inputs, people=people)


def _sc_peer_itemizes(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer's federal return itemizes its own state tax (and nothing else, in these households) and
    # South Carolina adds that tax back: the return starts, in effect, from federal AGI, with no
    # standard deduction added back
    p = _no_table(p, x, values)
    return {**p, "start.from": "federal_agi", "federal_deduction_increase_addback.standard": 0,
            "federal_deduction_increase_addback.senior": False}


def _sc_eitc_covers_the_tax(h: dict[str, Any]) -> float:
    # the peer's nonrefundable South Carolina earned income credit is more than its tax: siitax is 0 and
    # the harness's figure is the credit; rothroute agrees when its tax (peer's reading) is no more
    mine = ours(h, people=_sc_peer_gains, params=_no_table)
    return h["peer_state_eitc"] if mine <= h["peer_state_eitc"] else mine


def _ut_six_percent(h: dict[str, Any]) -> Inputs:
    """The peer's Social Security benefits credit is 6% of the taxable benefits, not the year's tax rate:
    the benefits Utah's module reads (for that credit only) scaled by 6% over the rate."""
    from fractions import Fraction

    from rothroute.money import ratio_times

    scale = Fraction(6, 100) / state_file("UT").years[h["year"]]["flat_rate"]["rate"]

    def change(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        benefits = ratio_times(x["federal_taxable_social_security"], scale.numerator, scale.denominator)
        return {**x, "federal_taxable_social_security": benefits}
    return change


def _vt_peer_gains(h: dict[str, Any]) -> tuple[People, Params]:
    """The peer's Vermont capital gains exclusion on rothroute's inputs: the larger of the gains up to
    $5,000 and 40% of them, short-term gains counted (at most 40% of federal taxable income): given to
    rothroute's module as that much long-term gain, the $5,000 cap lifted."""
    gains = max(100 * (h["long_term_gains"] + h["short_term_gains"]), 0)
    target = max(min(gains, 500_000), gains * 2 // 5)

    def people(inputs: StateInputs) -> StateInputs:
        first, *rest = inputs.people
        changed = [dataclasses.replace(first, long_term_gains=target, short_term_gains=0)]
        changed += [dataclasses.replace(person, long_term_gains=0, short_term_gains=0) for person in rest]
        return dataclasses.replace(inputs, people=tuple(changed))

    def params(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        return {**_no_table(p, x, values), "capital_gain_exclusion.flat": NEVER}
    return people, params


def _vt_peer(h: dict[str, Any], *, elderly_credit: bool = True) -> float:
    from fractions import Fraction

    people, gains = _vt_peer_gains(h)

    def params(p: dict[str, Any], xs: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        p = gains(p, xs, values)
        return p if elderly_credit else {**p, "elderly_credit_share.share": Fraction(0)}

    def x(xs: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        # the cap is 40% of the peer's own federal taxable income
        return {**xs, "federal_taxable_income": round(100 * h.get("peer_federal_taxable_income", 0))}
    return ours(h, people=people, params=params, x=x)


def _wi_peer_people(inputs: StateInputs) -> StateInputs:
    """The peer's Wisconsin subtraction from 67 on rothroute's inputs: the household's retirement income
    given to the people 67 or older (its subtraction is min(all pensions, $24,000 a person 67 or older,
    $48,000 for a couple both 67), whoever received them)."""
    aged = [i for i, person in enumerate(inputs.people) if person.age >= 67]
    if inputs.year < 2025 or not aged:
        return inputs
    people = list(inputs.people)
    for kind in RETIREMENT:
        total = sum(getattr(person, kind) for person in people)
        shares = [0] * len(people)
        shares[aged[0]] = total - total // len(aged) * (len(aged) - 1)
        for i in aged[1:]:
            shares[i] = total // len(aged)
        people = [dataclasses.replace(person, **{kind: share}) for person, share in zip(people, shares)]
    return dataclasses.replace(inputs, people=tuple(people))


# the peer's 2025 Wisconsin brackets: the 4.4% bracket Act 15 widened, indexed once more
_WI_PEER_2025 = {"single": 5_113_000, "married_joint": 6_817_000}


def _wi_peer(h: dict[str, Any], *, brackets: bool = False, loss: bool = False, subtraction: bool = False,
             pooled: bool = False) -> float:
    """rothroute's Wisconsin tax under the peer's readings, each kind adding its own to the previous
    ones: the rate schedule and the standard deduction formula on the income itself (no tables);
    ``brackets``: its 2025 brackets; ``loss``: a net capital loss deducted only to $500; ``subtraction``:
    no $5,000 retirement income subtraction from 65; ``pooled``: the subtraction from 67 on the
    household's retirement income."""

    def params(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        p = {**_no_table(p, x, values), "sliding_standard_deduction_table.table": ((0, 1),)}
        if brackets and h["year"] == 2025:
            over = list(p["brackets.over"])
            over[2] = _WI_PEER_2025[h["filing_status"]]
            p["brackets.over"] = tuple(over)
        if subtraction:
            p["retirement_subtraction.cap"] = 0
        return p

    def x(xs: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        if not loss:
            return xs
        gains = 100 * (h["long_term_gains"] + h["short_term_gains"])
        if gains > 0:
            return xs
        deducted = min(-gains, 300_000)  # the federal limit (the peer's own, for these households)
        kept = min(deducted, 50_000, max(xs["federal_agi"], 0))
        return {**xs, "p1_exempt_interest": xs["p1_exempt_interest"] + deducted - kept}
    return ours(h, people=_wi_peer_people if pooled else None, params=params, x=x)


# the peer's Oregon federal tax limit: the limit divided by these for each step of Oregon income (federal AGI
# less the Social Security subtracted) from $125,000 ($250,000 joint), nothing from $145,000 ($290,000)
_OR_PEER_DIVISORS = (1.0, 1.25, 1.675, 2.53, 5.15)


def _or_peer_caps(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The peer's federal tax limit steps, on Oregon income (rothroute's rows compare federal AGI: each
    row's start moved up by the Social Security subtracted), with the schedule on the income."""
    p = _no_table(p, x, values)
    rows = p["federal_tax_subtraction.caps"]
    limit = rows[0][1]
    ss = x["federal_taxable_social_security"]
    caps = [(0, limit)] + [(start + ss, round(limit / divisor)) for (start, _), divisor in
                           zip(rows[1:], _OR_PEER_DIVISORS[1:])] + [(rows[-1][0] + ss, 0)]
    return {**p, "federal_tax_subtraction.caps": tuple(caps)}


def _or_peer(h: dict[str, Any], *, retirement: bool = False) -> float:
    """rothroute's Oregon tax under the peer's readings: the schedule on the income, its federal tax limit
    steps and, with ``retirement``, its retirement income credit: for a return with someone 65 or older and
    Oregon income at most $22,500 a taxpayer, 9% of the household's pensions up to $7,500 a taxpayer less
    all the Social Security benefits and less its household income (wages, dividends, interest, pensions,
    Social Security benefits, net gains) over $15,000 a taxpayer."""
    values = lines(h, params=_or_peer_caps)
    if not retirement:
        return values["tax"] / 100
    joint = h["filing_status"] == "married_joint"
    taxpayers = 2 if joint else 1
    ages = [h["age_head"]] + ([h["age_spouse"]] if joint else [])
    both = ("head", "spouse")
    pensions = sum(h[f"{k}_{w}"] for k in ("pension", "ira", "conversion") for w in both)
    benefits = sum(h[f"social_security_{w}"] for w in both)
    household = (sum(max(h[f"wages_{w}"], 0) for w in both) + h["ordinary_dividends"] + h["taxable_interest"]
                 + pensions + benefits + max(h["long_term_gains"] + h["short_term_gains"], 0))
    room = max(max(7500 * taxpayers - benefits, 0) - max(household - 15000 * taxpayers, 0), 0)
    credit = 0.0
    if any(age >= 65 for age in ages) and values["agi"] / 100 <= 22500 * taxpayers:
        credit = 0.09 * min(pensions, room)
    return max(values["tax_before_credits"] / 100 - values["exemption_credit"] / 100 - credit, 0.0)


GROUP_D: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_ok_rate_schedule_not_tax_table", state="OK",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_no_table),
        explanation="Form 511 line 14 and the Oklahoma Income Tax Table: taxable income under $100,000 is taxed from "
                    "the table ($50 rows, the 68 O.S. §2355 schedule at the middle of the row, to the dollar) and "
                    "above it by the printed worksheet ($4,562 or $4,373 plus 4.75% over $100,000); taxsim-py applies "
                    "the schedule to the exact taxable income, in cents.",
        example=state_peers.household(year=2025, state="OK", filing_status="single", age_head=35, wages_head=47976,
                                      ira_head=22242, taxable_interest=3380)),
    StateExpected(
        code="taxsim_ok_retirement_exclusion_pooled", state="OK",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=lambda i: _even(i, RETIREMENT), params=_no_table),
        explanation="68 O.S. §2358(E)(8), (13) and Schedule 511-A lines 5-6 (Tax Commission FAQ, Other Retirement "
                    "Income): each individual excludes up to $10,000 of their own retirement benefits; taxsim-py "
                    "excludes the household's pensions up to $10,000 times the number of taxpayers, whoever received "
                    "them (re-run with the retirement income half each spouse's, and the previous kind's schedule).",
        example=state_peers.household(year=2024, state="OK", filing_status="married_joint", age_head=89,
                                      age_spouse=79, pension_head=225635, social_security_head=12219,
                                      pension_spouse=2293, social_security_spouse=25563, qualified_dividends=3296,
                                      ordinary_dividends=3599, taxable_interest=7834)),
    StateExpected(
        code="taxsim_ok_aged_exemption_counts_conversions", state="OK",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=lambda i: _even(i, RETIREMENT), params=_ok_peer(conversions=True)),
        explanation="68 O.S. §2358(E)(1)(c): the additional $1,000 exemption at 65 is tested on federal AGI with the "
                    "amounts of a traditional-to-Roth IRA conversion left out; taxsim-py tests federal AGI with the "
                    "conversion in (with the previous kinds' readings).",
        example=state_peers.household(year=2024, state="OK", filing_status="single", age_head=79,
                                      conversion_head=27077, taxable_interest=2242)),
    StateExpected(
        code="taxsim_ok_itemizes_state_tax_over_the_salt_cap", state="OK",
        applies=lambda h: h.get("peer_state_itemized", 0) > 0,
        rerun=lambda h: ours(h, people=lambda i: _even(i, RETIREMENT), params=_ok_peer_itemized(h)),
        explanation="68 O.S. §2358(E)(3) and Schedule 511-D line 2: Oklahoma itemized deductions are the federal ones "
                    "less all the state and local income taxes deducted on federal Schedule A, only where the federal "
                    "return itemizes; rothroute uses the file's taxes paid for the federal SALT deduction (none in "
                    "these households) and warns that Oklahoma's itemized deductions are not modelled. taxsim-py "
                    "deducts the state tax it computes on the federal return (which then itemizes) and adds back only "
                    "$10,000 of it, leaving the rest in Oklahoma's deduction (with the previous kinds' readings).",
        example=state_peers.household(year=2025, state="OK", filing_status="single", age_head=29, wages_head=384138,
                                      qualified_dividends=3858, ordinary_dividends=4258, taxable_interest=532)),
    StateExpected(
        code="taxsim_ri_rate_schedule_not_tax_table", state="RI",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_no_table),
        explanation="Form RI-1040 line 8 and the Rhode Island Tax Table: taxable income under $100,000 is taxed from "
                    "the table ($50 rows, the schedule at the middle of the row, to the dollar; the first row $0); "
                    "taxsim-py applies the schedule to the exact taxable income, in cents.",
        example=state_peers.household(year=2024, state="RI", filing_status="single", age_head=36, wages_head=79136,
                                      taxable_interest=24647, short_term_gains=2122)),
    StateExpected(
        code="taxsim_ri_modifications_at_65_pooled_with_iras", state="RI",
        applies=lambda h: True,
        rerun=_ri_peer,
        explanation="R.I. Gen. Laws §44-30-12(c)(8), (9), RI Schedule M lines 1s-1t and the Taxable Social Security "
                    "Income Worksheet: the modifications are for those who have reached full retirement age (born on "
                    "or before May 1, 1958 for 2024, March 1, 1959 for 2025), each one's own pension and annuity income "
                    "(Form 1040 line 5b, not IRAs) up to the cap, and on a joint return the share of the taxable "
                    "Social Security of the benefits of the one who has reached it; taxsim-py: anyone 65 or older, "
                    "the household's pensions, IRA money and conversions up to the cap times the people 65 or older, "
                    "half the taxable benefits when one of a couple is 65 (with the previous kind's schedule).",
        example=state_peers.household(year=2025, state="RI", filing_status="single", age_head=80, ira_head=11042,
                                      long_term_gains=11150)),
    StateExpected(
        code="taxsim_wv_rate_schedule_not_tax_table", state="WV",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_no_table),
        explanation="Form IT-140 line 8 and the West Virginia Tax Table: under $100,000 (but for married filing "
                    "separately) the tax comes from the table (the rate schedule at the middle of the row, to the "
                    "dollar); taxsim-py applies the schedule to the exact taxable income, in cents.",
        example=state_peers.household(year=2024, state="WV", filing_status="single", age_head=35, wages_head=22336,
                                      ordinary_dividends=1019, taxable_interest=3534, long_term_gains=-10234)),
    StateExpected(
        code="taxsim_wv_senior_modification_not_net_of_social_security", state="WV",
        applies=lambda h: True,
        rerun=_wv_peer,
        explanation="W. Va. Code §11-21-12(c)(9) and Schedule M line 47: each person 65 or older subtracts $8,000 of "
                    "their own income less their own other modifications (the Social Security subtracted among them), "
                    "nothing once those reach $8,000 (the booklet's John and Mary Doe example); taxsim-py subtracts "
                    "$8,000 not reduced by the Social Security subtracted, and splits a couple's income its own way "
                    "(with the previous kind's schedule).",
        example=state_peers.household(year=2025, state="WV", filing_status="single", age_head=76, wages_head=15861,
                                      pension_head=16757, ira_head=33898, social_security_head=36264,
                                      ordinary_dividends=5764, taxable_interest=35564, long_term_gains=4532)),
    StateExpected(
        code="taxsim_wv_benefits_under_65_taken_as_disability", state="WV",
        applies=lambda h: True,
        rerun=lambda h: _wv_peer(h, disability=True),
        explanation="W. Va. Code §11-21-12(c)(9): under 65 the $8,000 modification is for a person certified as "
                    "permanently and totally disabled; the file has no such certification, so rothroute does not take "
                    "it (and warns when someone under 65 receives Social Security); taxsim-py takes everyone under 65 "
                    "with Social Security benefits as disabled (with the previous kinds' readings).",
        example=state_peers.household(year=2025, state="WV", filing_status="single", age_head=63, pension_head=31091,
                                      social_security_head=85651)),
    StateExpected(
        code="taxsim_sc_rate_schedule_not_tax_table", state="SC",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_no_table),
        explanation="SC1040TT: under $100,000 the tax comes from the tax tables (the schedule at the middle of $50 "
                    "rows under $7,000 and $100 rows above, to the dollar), from $100,000 by the printed worksheet "
                    "(2025: 6% less $642); taxsim-py applies the schedule to the exact taxable income, in cents.",
        example=state_peers.household(year=2024, state="SC", filing_status="single", age_head=64,
                                      pension_head=14362, ira_head=19968, social_security_head=24510,
                                      taxable_interest=2400, long_term_gains=11991, short_term_gains=8545)),
    StateExpected(
        code="taxsim_sc_retirement_deduction_pooled", state="SC",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_sc_peer_people, params=_no_table),
        explanation="S.C. Code §12-6-1170(A): each original owner deducts up to $3,000 of their own retirement income "
                    "($10,000 from 65), retirement income being what is not subject to the penalty for premature "
                    "distribution (rothroute: IRA and plan money from 59½, pensions and conversions at any age); (B): "
                    "$15,000 from 65 less that. taxsim-py: with someone 65 or older, $15,000 each of them and nothing "
                    "for a younger spouse's retirement income; with no one, the household's pensions up to $3,000 a "
                    "taxpayer, at any age (with the previous kind's schedule).",
        example=state_peers.household(year=2025, state="SC", filing_status="married_joint", age_head=45,
                                      age_spouse=42, wages_head=28395, wages_spouse=31811, ira_spouse=19864,
                                      taxable_interest=5376)),
    StateExpected(
        code="taxsim_sc_capital_gain_deduction_before_short_term_losses", state="SC",
        applies=lambda h: h["short_term_gains"] < 0,
        rerun=lambda h: ours(h, people=_sc_peer_gains, params=_no_table),
        explanation="S.C. Code §12-6-1150 and SC1040 line i: 44% of the net capital gain, the long-term gain after all "
                    "capital losses (the instructions' example nets a short-term loss first); taxsim-py takes 44% of "
                    "the long-term gain before short-term losses (with the previous kinds' readings).",
        example=state_peers.household(year=2025, state="SC", filing_status="single", age_head=50, wages_head=60000,
                                      long_term_gains=20000, short_term_gains=-8000)),
    StateExpected(
        code="taxsim_sc_itemizes_state_tax", state="SC",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_sc_peer_gains, params=_sc_peer_itemizes),
        explanation="S.C. Code §12-6-1130 and SC1040 line a: a federal itemizer adds back the state income tax "
                    "deducted on Schedule A; rothroute's households deduct on the federal return the state and local "
                    "taxes the file says were paid (none in these households) and take the standard deduction. "
                    "taxsim-py deducts on the federal return the state tax it computes, itemizes, and South Carolina "
                    "adds it back, so its return starts in effect from federal AGI with no standard deduction (with "
                    "the previous kinds' readings).",
        example=state_peers.household(year=2025, state="SC", filing_status="single", age_head=29, wages_head=382221,
                                      ira_head=34783, long_term_gains=10632)),
    StateExpected(
        code="taxsim_ut_social_security_credit_at_six_percent", state="UT",
        applies=lambda h: True,
        rerun=lambda h: ours(h, x=_ut_six_percent(h)),
        explanation="Utah Code §59-10-1042(2): the Social Security benefits credit is the percentage of §59-10-104(2) "
                    "(the tax rate: 4.55% for 2024, 4.5% for 2025) times the benefits in income, less 2.5% of modified "
                    "AGI over the threshold; taxsim-py takes 6% of the benefits.",
        example=state_peers.household(year=2025, state="UT", filing_status="single", age_head=67, pension_head=9481,
                                      ira_head=24682, social_security_head=65238, qualified_dividends=30547,
                                      ordinary_dividends=36477, taxable_interest=867)),
    StateExpected(
        code="taxsim_vt_capital_gains_exclusion_reading", state="VT",
        applies=lambda h: True,
        rerun=_vt_peer,
        explanation="32 V.S.A. §5811(21)(B)(ii) and Schedule IN-153: the flat exclusion is up to $5,000 of adjusted "
                    "net capital gain (long-term, short-term losses netted, qualified dividends not counted); 40% "
                    "applies only to gains on assets held more than three years other than publicly traded stocks and "
                    "bonds (not modelled, warned); at most 40% of federal taxable income. taxsim-py excludes the larger "
                    "of $5,000 and 40% of all net capital gains, short-term gains included, at most 40% of its own "
                    "federal taxable income (re-run with the rate schedule on the income: the printed 2024 bases "
                    "are within a dollar of it).",
        example=state_peers.household(year=2025, state="VT", filing_status="single", age_head=42, wages_head=123395,
                                      qualified_dividends=8614, ordinary_dividends=8614, taxable_interest=671,
                                      short_term_gains=2556)),
    StateExpected(
        code="taxsim_vt_no_credit_for_the_elderly", state="VT",
        applies=lambda h: True,
        rerun=lambda h: _vt_peer(h, elderly_credit=False),
        explanation="32 V.S.A. §5828b: a credit of 24% of the federal credit for the elderly or disabled (IRC §22); "
                    "taxsim-py has no Vermont credit for the elderly from 2018 (with the previous kinds' readings).",
        example=state_peers.household(year=2024, state="VT", filing_status="single", age_head=73,
                                      conversion_head=18017, taxable_interest=2404, long_term_gains=-6256)),
    StateExpected(
        code="harness_sc_earned_income_credit_over_the_tax", state="SC",
        applies=lambda h: h.get("peer_siitax", 1) == 0 and h.get("peer_state_eitc", 0) > 0,
        rerun=_sc_eitc_covers_the_tax,
        explanation="S.C. Code §12-6-3632: South Carolina's earned income credit (125% of the federal credit) is "
                    "nonrefundable. Where it is more than the tax, the peer's siitax is 0 and the harness (which adds "
                    "the credit back) cannot know the tax before it: the household agrees when rothroute's tax, under "
                    "the previous kinds' reading, is no more than the credit.",
        example=state_peers.household(year=2025, state="SC", filing_status="single", age_head=62, wages_head=8806,
                                      ordinary_dividends=4549, taxable_interest=1535)),
    StateExpected(
        code="taxsim_or_rate_schedule_not_tax_table", state="OR",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_no_table),
        explanation="Form OR-40 line 20: under $50,000 the tax tables (rows of $100 after $0-$20, $20-$50, $50-$100), "
                    "from $50,000 the rate charts, both figured from bracket amounts rounded to the dollar (2025: $661 "
                    "and $1,323 at the 8.75% bracket; Chart S $4,065 at $50,000); the 2024 tables not read (the "
                    "schedule on the income, warned). taxsim-py: the schedule on the exact income.",
        example=state_peers.household(year=2025, state="OR", filing_status="married_joint", age_head=51, age_spouse=49,
                                      wages_head=20772, qualified_dividends=12492, ordinary_dividends=13489)),
    StateExpected(
        code="taxsim_or_federal_tax_limit_steps", state="OR",
        applies=lambda h: True,
        rerun=_or_peer,
        explanation="ORS 316.680 and Form OR-40 line 10, Table 4: the federal tax subtraction's limit ($8,250 for "
                    "2024, $8,500 for 2025) falls by a fifth for each $5,000 ($10,000 joint) of federal AGI from "
                    "$125,000 ($250,000), none from $145,000 ($290,000). taxsim-py divides the limit by 1.25, 1.675, "
                    "2.53 and 5.15 and tests Oregon income (federal AGI less the Social Security subtracted) (with the "
                    "previous kind's schedule).",
        example=state_peers.household(year=2025, state="OR", filing_status="single", age_head=60, wages_head=50658,
                                      ira_head=56795, conversion_head=18676, social_security_head=33975,
                                      qualified_dividends=4842, ordinary_dividends=4842, taxable_interest=1647)),
    StateExpected(
        code="taxsim_or_retirement_income_credit_reading", state="OR",
        applies=lambda h: True,
        rerun=lambda h: _or_peer(h, retirement=True),
        explanation="ORS 316.157 and OAR 150-316-0225: the credit is for those 62 or older, on their own pension "
                    "income, and household income does not include Social Security benefits. taxsim-py allows it "
                    "only from 65 and with Oregon income under $22,500 a taxpayer, on the household's pensions, and "
                    "counts the Social Security benefits (and gains without losses) in household income (with the "
                    "previous kinds' readings).",
        example=state_peers.household(year=2025, state="OR", filing_status="single", age_head=84, conversion_head=12240,
                                      social_security_head=6149, qualified_dividends=3846, ordinary_dividends=4630,
                                      long_term_gains=-12633)),
    StateExpected(
        code="taxsim_wi_rate_schedule_not_tax_table", state="WI",
        applies=lambda h: True,
        rerun=_wi_peer,
        explanation="Wis. Stat. §71.05(22) and Form 1 line 8: the standard deduction is taken from the Department's "
                    "Standard Deduction Table (2025: the formula at the middle of each $500 row, to the dollar; the "
                    "2024 rows not read, the formula on the income, warned); Form 1 line 12 and the Department's "
                    "Calculation of Wisconsin Income Tax Tables: taxable income under $100,000 is taxed at the middle "
                    "of its $100 row, to the dollar, above it by the Tax Computation Worksheet (2025: its printed "
                    "subtractions). taxsim-py applies the formula and the schedule to the exact income, in cents.",
        example=state_peers.household(year=2025, state="WI", filing_status="married_joint", age_head=49, age_spouse=50,
                                      wages_head=44230)),
    StateExpected(
        code="taxsim_wi_2025_brackets_indexed_past_act_15", state="WI",
        applies=lambda h: h["year"] == 2025,
        rerun=lambda h: _wi_peer(h, brackets=True),
        explanation="2025 Wisconsin Act 15 (Wis. Stat. §71.06, Department of Revenue Tax Bulletin 230) widens the "
                    "2025 4.4% bracket to $50,480 (single) and $67,300 (joint), the figures the 2025 Tax Table "
                    "prints; taxsim-py (after PolicyEngine-US) indexes them once more, to $51,130 and $68,170 (with "
                    "the previous kind's reading).",
        example=state_peers.household(year=2025, state="WI", filing_status="single", age_head=37, wages_head=279881,
                                      qualified_dividends=3508, ordinary_dividends=5425, long_term_gains=26732)),
    StateExpected(
        code="taxsim_wi_capital_loss_limit_500", state="WI",
        applies=lambda h: h["long_term_gains"] + h["short_term_gains"] < 0,
        rerun=lambda h: _wi_peer(h, brackets=True, loss=True),
        explanation="Since 2023 Wisconsin deducts a net capital loss up to $3,000 ($1,500 married filing "
                    "separately), as the federal return does (2023 Form 1 instructions, New in 2023: 'The maximum "
                    "deduction for a net capital loss has increased from $500 to $3,000'; Schedule WD line 28); "
                    "taxsim-py still limits it to $500 and adds the rest back (with the previous kinds' readings).",
        example=state_peers.household(year=2024, state="WI", filing_status="single", age_head=58, ira_head=26064,
                                      social_security_head=49399, qualified_dividends=910, ordinary_dividends=910,
                                      long_term_gains=-6490)),
    StateExpected(
        code="taxsim_wi_no_retirement_income_subtraction", state="WI",
        applies=lambda h: True,
        rerun=lambda h: _wi_peer(h, brackets=True, loss=True, subtraction=True),
        explanation="Wis. Stat. §71.05(6)(b)54 (Schedule SB): each person 65 or older with federal AGI under $15,000 "
                    "($30,000 for a married couple) subtracts up to $5,000 of payments from retirement plans and IRAs; "
                    "taxsim-py has no such subtraction (with the previous kinds' readings).",
        example=state_peers.household(year=2024, state="WI", filing_status="married_joint", age_head=66, age_spouse=66,
                                      ira_head=20000, ira_spouse=9000)),
    StateExpected(
        code="taxsim_wi_subtraction_from_67_pooled", state="WI",
        applies=lambda h: h["year"] == 2025,
        rerun=lambda h: _wi_peer(h, brackets=True, loss=True, subtraction=True, pooled=True),
        explanation="Wis. Stat. §71.05(6)(b)54m (2025 Act 15) and Schedule SB line 16: each person 67 or older "
                    "subtracts up to $24,000 of their own payments from retirement plans and IRAs; only spouses both "
                    "67 or older share $48,000 whoever received it. taxsim-py subtracts the household's pensions up "
                    "to $24,000 a person 67 or older, a younger spouse's included (re-run with the household's "
                    "retirement income given to those 67 or older, and the previous kinds' readings).",
        example=state_peers.household(year=2025, state="WI", filing_status="married_joint", age_head=86, age_spouse=59,
                                      social_security_head=10493, pension_spouse=33138, ira_spouse=47343,
                                      social_security_spouse=35502, ordinary_dividends=31143, taxable_interest=9296,
                                      short_term_gains=12511)),
)

# states where most households differ, each for a reading of the peer's that touches most returns:
# West Virginia (the peer does not reduce the $8,000 senior modification by the Social Security
# subtracted: most retirees) and Wisconsin (the peer indexes the 2025 4.4% bracket past 2025 Act 15's
# figures, every 2025 household above $50,480, and uses neither the tax table nor the standard
# deduction table: a few dollars on most households)
MOSTLY_EXPLAINED_D = frozenset({"WV", "WI"})
