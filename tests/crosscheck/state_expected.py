"""Differences from taxsim-py's state calculators that are understood: each is a reading of the
peer's that differs from the statute (docs/crosscheck.md gives the authority; two are questions
not settled and one is a limit of the harness, as the explanations say), accepted only when
re-running rothroute under the peer's reading brings it within $1 of the peer. Each kind keeps a
worked household it explains."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

from rothroute.params.states import state_file
from rothroute.state.inputs import StateInputs
from rothroute.state.picked import picked
from rothroute.state.rules import module
from rothroute.tax.ops import SCALAR

from . import state_peers


@dataclass(frozen=True)
class StateExpected:
    code: str
    state: str
    applies: Callable[[dict[str, Any]], bool]
    rerun: Callable[[dict[str, Any]], float]  # rothroute's tax (dollars) under the peer's reading
    explanation: str
    example: dict[str, Any] | None = None  # a household that differs and this kind explains


RETIREMENT = ("pension", "ira", "conversion", "plan")
NEVER = 10**15
People = Callable[[StateInputs], StateInputs]
Params = Callable[[dict[str, Any], dict[str, Any], dict[str, Any]], dict[str, Any]]
Inputs = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]


def lines(h: dict[str, Any], *, people: People | None = None, params: Params | None = None,
          x: Inputs | None = None) -> dict[str, int]:
    """rothroute's state lines of ``h`` (cents); under the peer's reading, ``people`` changes the
    inputs, ``params`` (picked parameters, inputs, first-run lines) and ``x`` (inputs, first-run
    lines) change what the rule module is run with."""
    inputs = state_peers.state_inputs(h)
    if people is not None:
        inputs = people(inputs)
    f = state_file(inputs.state)
    rules = module(f.rules)
    p = dict(picked(f.years[inputs.year], inputs.status))
    xs = inputs.as_mapping()
    values = rules.compute(SCALAR, xs, p)
    if params is not None or x is not None:
        if params is not None:
            p = params(p, xs, values)
        if x is not None:
            xs = x(xs, values)
        values = rules.compute(SCALAR, xs, p)
    return {k: int(v) for k, v in values.items()}


def ours(h: dict[str, Any], *, people: People | None = None, params: Params | None = None,
         x: Inputs | None = None) -> float:
    """rothroute's figure for ``h`` in dollars (the state income tax; before credits for the states
    compared so, ``state_peers.BEFORE_CREDITS``), under the peer's reading as in ``lines``."""
    key = "tax_before_credits" if h["state"] in state_peers.BEFORE_CREDITS else "tax"
    return lines(h, people=people, params=params, x=x)[key] / 100


def _even(inputs: StateInputs, kinds: tuple[str, ...]) -> StateInputs:
    """The household's income of ``kinds`` half each spouse's (TAXSIM has no person for it)."""
    if len(inputs.people) < 2:
        return inputs
    a, b = inputs.people
    changes_a, changes_b = {}, {}
    for kind in kinds:
        total = getattr(a, kind) + getattr(b, kind)
        changes_a[kind] = total - total // 2
        changes_b[kind] = total // 2
    people = (dataclasses.replace(a, **changes_a), dataclasses.replace(b, **changes_b))
    return dataclasses.replace(inputs, people=people)


def _il_limit_on_base_income(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer tests the exemption's income limit on Illinois base income, not federal AGI
    over = values["agi"] > p["exemptions.agi_limit"]
    return {**p, "exemptions.agi_limit": -1 if over else NEVER}


def _aged(x: dict[str, Any]) -> bool:
    return any(x[f"{w}_present"] and x[f"{w}_age"] >= 65 for w in ("p1", "p2"))


def _pa_household_65(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer excludes every kind of retirement income, whole, when anyone on the return is 65, else none
    every = ("pension", "ira", "conversion", "plan")
    return {**p, "retirement_exclusion.kinds": every, "retirement_exclusion.any_age": every if _aged(x) else (),
            "retirement_exclusion.caps": (0,), "retirement_exclusion.halves": (0,)}


def _pa_eligibility_with_pensions(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer counts the excluded retirement income in tax forgiveness's eligibility income (rothroute's
    # PA module reads nontaxable interest there: the re-run puts the excluded pensions beside it)
    if not _aged(x):
        return x
    total = sum(x[f"{w}_{k}"] for w in ("p1", "p2") for k in ("pension", "ira", "conversion", "plan"))
    return {**x, "p1_exempt_interest": x["p1_exempt_interest"] + total}


def _pooled_on_the_aged(inputs: StateInputs) -> StateInputs:
    """The household's retirement income given to the people 65 or older (half each when both are):
    the peer's exclusion is min(all pensions, $20,000 × people 65 or older)."""
    aged = [i for i, person in enumerate(inputs.people) if person.age >= 65]
    if not aged:
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


def _ny_at_65(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {**p, "retirement_exclusion.halves": (130,)}


def _peer_table(rows: Any, income: float) -> float:
    """taxsim-py's own interpolation (taxsim_py.engine.state.interpolate_table) of a table given as
    rothroute's ``((over, amount), ...)`` rows in cents ("over ... but not over the next")."""
    import polars as pl
    from taxsim_py.engine.state import interpolate_table

    table = [[rows[i + 1][0] / 100 if i + 1 < len(rows) else 1e20, rows[i][1] / 100] for i in range(len(rows))]
    frame = pl.DataFrame({"income": [float(income)]})
    return float(frame.select(interpolate_table(pl.col("income"), table)).item())


def _ny_household_credit_interpolated(h: dict[str, Any]) -> float:
    """rothroute's New York tax (the exclusion under the peer's reading) with the household credit
    read off the table by the peer's interpolation."""
    values = lines(h, people=_pooled_on_the_aged, params=_ny_at_65)
    table = state_file("NY").years[h["year"]]["household_credit"]
    fagi = state_peers.state_inputs(h).federal["federal_agi"] / 100
    if h["filing_status"] == "single":
        credit = _peer_table(table["single"], fagi)
    else:
        credit = _peer_table(table["base"], fagi) + _peer_table(table["additional"], fagi)
    return max(values["tax_before_credits"] / 100 - credit, 0.0)


def _nj_peer_exclusions(h: dict[str, Any]) -> float:
    """rothroute's New Jersey tax (its gross income, exemptions, rates and no-tax test) with the
    retirement exclusions of the peer's reading: only when someone is 65 or older, of the household's
    pensions whoever received them, the cap (not the pension) times the share of the bracket of an
    income that counts Social Security, the unused cap against other income whenever earned income
    is $3,000 or less."""
    from rothroute.state import chain

    inputs = state_peers.state_inputs(h)
    values = lines(h)
    p = dict(picked(state_file("NJ").years[h["year"]], inputs.status))
    gross, pensions = values["gross_income"], values["pensions"]
    household = gross + sum(person.social_security for person in inputs.people)
    share_16ths = 16 if household <= p["pension_exclusion.full_to"] else 0
    for over, share in p["pension_exclusion.shares"]:
        if household > over:
            share_16ths = share * 16 // p["pension_exclusion.share_scale"]
    if household > p["pension_exclusion.limit"]:
        share_16ths = 0
    deduct = p["pension_exclusion.cap"] * share_16ths // 16
    excluded = min(pensions, deduct)
    small_earnings = values["wages"] <= p["pension_exclusion.earned_limit"]
    other = min(max(deduct - pensions, 0), gross - excluded) if small_earnings else 0
    if not any(person.age >= 65 for person in inputs.people):
        excluded = other = 0
    nj_gross = gross - excluded - other
    taxable = max(nj_gross - values["exemptions"], 0)
    return 0.0 if nj_gross <= p["no_tax"] else int(chain.rate(SCALAR, taxable, p)) / 100


def _ma_peer_classes(h: dict[str, Any], *, benefits: bool, loss_twice: bool = False) -> Inputs:
    """The peer's classes on rothroute's inputs: all its interest (taxable interest and the dividends
    that are not qualified: the harness gives it those as interest) is Massachusetts bank interest,
    Part B income less $100 a person; the qualified dividends stay in Part A; with ``benefits``,
    Social Security benefits up to $2,000 are deducted from Part B (as if payroll tax withheld); with
    ``loss_twice``, a long-term loss that offset short-term gains is taken again (up to $2,000: the
    peer's Schedule B line 32 reads the loss before line 25 used it), off what it taxes at 8.5% (its
    5% part is the smaller of the dividends before losses and line 37)."""
    intrec = 100 * (h["taxable_interest"] + h["ordinary_dividends"] - h["qualified_dividends"])
    dividends = 100 * h["qualified_dividends"]
    short, long_ = 100 * h["short_term_gains"], 100 * h["long_term_gains"]
    again = 0
    if loss_twice and short > 0 > long_:
        again = min(200_000, dividends, -long_) - min(200_000, dividends, max(-long_ - short, 0))

    def change(x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        people = x["p1_present"] + x["p2_present"]
        deducted = min(x["p1_social_security"] + x["p2_social_security"], 200_000) if benefits else 0
        return {**x, "p1_interest": 0, "p2_interest": 0, "p1_dividends": dividends,
                "p1_short_term_gains": x["p1_short_term_gains"] - again,
                "p2_dividends": 0,
                "p1_other": x["p1_other"] + intrec - min(intrec, 10_000 * people) - deducted}
    return change


def _ma_tax(h: dict[str, Any], parts: dict[str, int], agi: int) -> float:
    """Massachusetts tax of rothroute's ``parts`` with no-tax status and the limited income credit
    tested on ``agi`` (rothroute's formulas, module ma)."""
    from rothroute.money import times

    p = dict(picked(state_file("MA").years[h["year"]], state_peers.state_inputs(h).status))
    tax = (times(parts["part_b_taxable"] + parts["part_a_income"] + parts["part_c_gains"], p["ma_parts.rate"])
           + times(parts["part_a_gains"], p["ma_parts.short_term_rate"]) + parts["surtax"])
    threshold = p["no_tax_status.threshold"]
    if agi <= threshold:
        return 0.0
    if agi <= times(threshold, p["no_tax_status.credit_multiple"]):
        tax = min(tax, times(agi - threshold, p["no_tax_status.credit_rate"]))
    return int(tax) / 100


def _short_long_net(h: dict[str, Any]) -> tuple[int, int]:
    short, long_ = 100 * h["short_term_gains"], 100 * h["long_term_gains"]
    return (max(short + long_, 0) if long_ < 0 else max(short, 0),
            max(long_ + short, 0) if short < 0 else max(long_, 0))


def _ma_short_gains_first(h: dict[str, Any], parts: dict[str, int]) -> dict[str, int]:
    """``parts`` with the exemptions left after Part B taken off the short-term gains (8.5%) before
    the dividends (5%): the peer's Schedule B lines 36-39 (the 5% part is the smaller of the
    dividends after losses and what is left after the excess exemptions)."""
    short_net, long_net = _short_long_net(h)
    after = parts["part_a_income"] + parts["part_a_gains"]  # Schedule B line 37
    dividends = max(parts["agi"] - parts["part_b_income"] - short_net - long_net, 0)  # line 33
    five = min(dividends, after)
    return {**parts, "part_a_income": five, "part_a_gains": after - five}


def _ma_peer(h: dict[str, Any], *, order: bool = False, whole_losses: bool = False, loss_twice: bool = False) -> float:
    """rothroute's Massachusetts tax under the peer's classes; its Massachusetts AGI (no-tax status,
    the limited income credit) is before the benefits deduction and adds the $100 exclusions back;
    ``order``: excess exemptions on short-term gains first; ``whole_losses``: the AGI counts the
    net capital loss whole, as the peer's does."""
    parts = lines(h, x=_ma_peer_classes(h, benefits=True, loss_twice=loss_twice))
    if order:
        parts = _ma_short_gains_first(h, parts)
    before = lines(h, x=_ma_peer_classes(h, benefits=False))
    intrec = 100 * (h["taxable_interest"] + h["ordinary_dividends"] - h["qualified_dividends"])
    people = 2 if h["filing_status"] == "married_joint" else 1
    agi = before["agi"] + min(intrec, 10_000 * people)
    if whole_losses:
        short_net, long_net = _short_long_net(h)
        agi += 100 * (h["short_term_gains"] + h["long_term_gains"]) - short_net - long_net
    return _ma_tax(h, parts, agi)


def _ga_peer_people(inputs: StateInputs) -> StateInputs:
    """The peer's Georgia exclusion on rothroute's inputs (which, for Georgia, feed only the exclusion:
    the return starts from federal AGI). Both spouses 65 or older: the household's retirement income
    half each. One: that spouse's exclusion takes all the pensions, half the investment income and
    the lower of the two wages (up to $4,000); the other spouse's wages (up to $4,000) are excluded
    too, at any age (the age the exclusion reads, age_halves, is set to 65 for it; nothing else of
    that spouse's is excluded)."""
    people = inputs.people
    if len(people) < 2:
        return inputs
    aged = [person.age >= 65 for person in people]
    if all(aged):
        return _even(inputs, RETIREMENT)
    if not any(aged):
        return inputs
    a, b = (people[0], people[1]) if aged[0] else (people[1], people[0])
    low, high = sorted((a.wages, b.wages))
    a = dataclasses.replace(a, wages=low, **{k: getattr(a, k) + getattr(b, k) for k in RETIREMENT})
    b = dataclasses.replace(b, wages=high, age_halves=130, interest=0, dividends=0, long_term_gains=0,
                            short_term_gains=0, **{k: 0 for k in RETIREMENT})
    return dataclasses.replace(inputs, people=(a, b) if aged[0] else (b, a))


def _ga_peer_inputs(inputs: StateInputs) -> StateInputs:
    """``_ga_peer_people``, and a net capital loss counted at half in the exclusion (the peer's
    retirement income takes half the federal loss)."""
    inputs = _ga_peer_people(inputs)
    loss = inputs.federal.get("federal_capital_gain", 0)
    if loss >= 0:
        return inputs
    return dataclasses.replace(inputs, federal={**inputs.federal, "federal_capital_gain": -(-loss // 2)})


def _ga_at_65(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer's exclusion: from 65 only, and its earned income part $4,000 (the amount before 2024; HB 1437
    # made it $5,000 from 2024)
    return {**p, "retirement_exclusion.halves": (130,),
            "retirement_exclusion.caps": p["retirement_exclusion.caps"][-1:],
            "retirement_exclusion.earned": 400000}


def _ga_no_aged_deduction(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {**_ga_at_65(p, x, values), "aged_blind_deduction.aged": 0}


def _ga_low_income_credit_interpolated(h: dict[str, Any]) -> float:
    """rothroute's Georgia tax under the previous kinds' reading, with the low income credit read off
    its table by the peer's interpolation."""
    values = lines(h, people=_ga_peer_inputs, params=_ga_no_aged_deduction)
    inputs = state_peers.state_inputs(h)
    p = dict(picked(state_file("GA").years[h["year"]], inputs.status))
    tiers = p["low_income_credit.tiers"]
    per = _peer_table(tiers, inputs.federal["federal_agi"] / 100)
    count = len(inputs.people) + sum(1 for person in inputs.people if person.age >= p["low_income_credit.age"])
    return max(values["tax_before_credits"] / 100 - per * count, 0.0)


def _va_no_full_deduction(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {**p, "age_deduction.full_age": NEVER}


def _va_peer_zero_test(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    # the peer: no tax where Virginia AGI after the age deduction is $11,950 or less a taxpayer
    # (rothroute's test: AGI plus the age deduction under $11,950, $23,900 joint)
    p = _va_no_full_deduction(p, x, values)
    people = x["p1_present"] + x["p2_present"]
    return {**p, "no_tax": 1_195_000 * people + values["age_deduction"] + 1}


def _va_peer_itemized(h: dict[str, Any]) -> Params:
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        p = _va_peer_zero_test(p, x, values)
        return {**p, "standard_deduction": max(p["standard_deduction"], round(100 * h.get("peer_state_itemized", 0)))}
    return change


def _oh_peer_people(inputs: StateInputs) -> StateInputs:
    """The peer's Ohio reading on rothroute's inputs: with someone 65 or older, all the household's
    retirement income (conversions included) counts for the retirement income credit, whoever
    received it and at any age (rothroute's module counts the ``pension`` field at any age); with
    no one, none of it does (the ``other`` field counts only for the joint filing credit). The
    joint filing credit's income test splits it half each (the peer has no person for it)."""
    aged = any(person.age >= 65 for person in inputs.people)
    people = []
    for person in inputs.people:
        total = sum(getattr(person, kind) for kind in RETIREMENT)
        moved = {"pension": total} if aged else {"pension": 0, "other": person.other + total}
        people.append(dataclasses.replace(person, **{**{k: 0 for k in RETIREMENT}, **moved}))
    return _even(dataclasses.replace(inputs, people=tuple(people)), ("pension", "other"))


def _oh_peer_credit_table(h: dict[str, Any]) -> Params:
    """The retirement income credit read off its table by the peer's interpolation."""
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        retirement = (x["p1_pension"] + x["p2_pension"]) / 100
        amount = round(100 * _peer_table(p["ohio_credits.retirement"], retirement))
        return {**p, "ohio_credits.retirement": ((0, amount),)}
    return change


def _oh_no_step(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The peer's 2025 Ohio schedule: the base above $100,000 continuous with the bracket below it
    ($342.00 + 2.75% x $73,950 = $2,375.63), not the statute's $2,394.32."""
    rows = tuple((over, 237_563 if over == 10_000_000 else base, rate) for over, base, rate in p["schedule.rows"])
    return {**p, "schedule.rows": rows}


def _oh_peer_all(h: dict[str, Any]) -> float:
    credit_table = _oh_peer_credit_table(h)
    return ours(h, people=_oh_peer_people, params=lambda p, x, v: _oh_no_step(credit_table(p, x, v), x, v))


def _oh_eitc_covers_the_tax(h: dict[str, Any]) -> float:
    # the peer's siitax is 0 and its (nonrefundable) credit e more than the tax before it: the
    # harness's figure is e; rothroute agrees when its tax (under the peer's reading) is no more
    mine = ours(h, people=_oh_peer_people, params=_oh_peer_credit_table(h))
    return h["peer_state_eitc"] if mine <= h["peer_state_eitc"] else mine




EXPECTED: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_ny_pension_exclusion_at_65_pooled", state="NY",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_pooled_on_the_aged, params=_ny_at_65),
        explanation="Tax Law §612(c)(3-a) and Form IT-201 line 29: each person 59½ or older excludes up to $20,000 "
                    "of their own pension and annuity income (a Roth conversion included); taxsim-py excludes the "
                    "household's pensions up to $20,000 for each person 65 or older, whoever received them.",
        example=state_peers.household(year=2025, state="NY", filing_status="single", age_head=63, ira_head=16086,
                                      social_security_head=177384, ordinary_dividends=6227, long_term_gains=60380)),
    StateExpected(
        code="taxsim_ny_household_credit_interpolated", state="NY",
        applies=lambda h: True,
        rerun=_ny_household_credit_interpolated,
        explanation="Tax Law §606(b) and Form IT-201 line 40 (household credit tables 1-3): a fixed credit for each "
                    "band of federal AGI ('over ... but not over'); taxsim-py interpolates between the bands.",
        example=state_peers.household(year=2024, state="NY", filing_status="married_joint", age_head=48,
                                      age_spouse=49, wages_head=11135, wages_spouse=5416, qualified_dividends=2754,
                                      ordinary_dividends=2754, taxable_interest=6364, long_term_gains=-8139)),
    StateExpected(
        code="taxsim_pa_retirement_only_at_65", state="PA",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_pa_household_65),
        explanation="72 P.S. §7303(a)(1), 61 Pa. Code §101.6 and PA DOR Answer 274: IRA and plan distributions are "
                    "not taxed from 59½ (or retirement), a pension received on retirement not at any age, and a Roth "
                    "conversion is not taxed at all; taxsim-py excludes all retirement income (conversions included) "
                    "when anyone on the return is 65 or older, and none otherwise.",
        example=state_peers.household(year=2025, state="PA", filing_status="single", age_head=61, ira_head=10837,
                                      social_security_head=34994, ordinary_dividends=787, taxable_interest=14510,
                                      long_term_gains=6606)),
    StateExpected(
        code="taxsim_pa_forgiveness_counts_pensions", state="PA",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_pa_household_65, x=_pa_eligibility_with_pensions),
        explanation="PA-40 Schedule SP: eligibility income is taxable income plus nontaxable income such as "
                    "nontaxable interest; Social Security and pension payments are not included; taxsim-py "
                    "(statutory mode) adds the excluded pensions of a household with someone 65 or older (under "
                    "its own reading of which pensions are excluded, the previous kind).",
        example=state_peers.household(year=2024, state="PA", filing_status="married_joint", age_head=72,
                                      age_spouse=55, pension_head=34134, social_security_head=32136,
                                      pension_spouse=27341, ira_spouse=180383, social_security_spouse=3569,
                                      qualified_dividends=8201, ordinary_dividends=8201, taxable_interest=5861)),
    StateExpected(
        code="taxsim_nj_pension_exclusion_reading", state="NJ",
        applies=lambda h: True,
        rerun=_nj_peer_exclusions,
        explanation="N.J.S.A. 54A:6-10 and 54A:6-15, NJ-1040 lines 28a-28b and the Division of Taxation's Retirement "
                    "Income Exclusions page: from 62, a spouse's own pension income is excluded up to $100,000 "
                    "(joint; $75,000 single, $50,000 separate) when total income (line 27, no Social Security) is "
                    "$100,000 or less; above, a share of the pension income (50%/25% joint, 37.5%/18.75% single) to "
                    "$150,000; the unclaimed exclusion against other income only to $100,000 with earned income of "
                    "$3,000 or less. taxsim-py: only from 65, the household's pensions whoever received them, the "
                    "cap times the share, bands of an income counting Social Security, no $100,000 test for the "
                    "other retirement exclusion.",
        example=state_peers.household(year=2024, state="NJ", filing_status="married_joint", age_head=82,
                                      age_spouse=78, pension_head=13459, social_security_head=23702,
                                      pension_spouse=12305, ira_spouse=34795, social_security_spouse=105747,
                                      qualified_dividends=16612, ordinary_dividends=16612, taxable_interest=1459)),
    StateExpected(
        code="taxsim_ma_benefits_and_bank_interest_deducted", state="MA",
        applies=lambda h: True,
        rerun=_ma_peer,
        explanation="M.G.L. c.62 §3(B)(a)(9) and Form 1 line 11: the deduction of up to $2,000 a person is for Social "
                    "Security and Medicare taxes (or retirement contributions) withheld from pay, not for Social "
                    "Security benefits received; Form 1 line 5: interest from Massachusetts banks is Part B income "
                    "less $100 ($200 joint), other interest is Part A on Schedule B, where capital losses may offset "
                    "it. The file does not say which interest is from Massachusetts banks: rothroute takes all of "
                    "it as Part A (and says so); taxsim-py deducts benefits up to $2,000 and takes all interest as "
                    "Massachusetts bank interest.",
        example=state_peers.household(year=2024, state="MA", filing_status="single", age_head=60, ira_head=13371,
                                      social_security_head=57935, ordinary_dividends=213, taxable_interest=1453,
                                      long_term_gains=6828)),
    StateExpected(
        code="taxsim_ma_excess_exemptions_on_short_term_gains_first", state="MA",
        applies=lambda h: True,
        rerun=lambda h: _ma_peer(h, order=True),
        explanation="Massachusetts Schedule B lines 36-39 (exemptions left after Part B reduce interest, dividends and "
                    "short-term gains): rothroute takes them off the income taxed at 5% first, then the short-term "
                    "gains taxed at 8.5% (as PolicyEngine-US does); taxsim-py off the short-term gains first. Not "
                    "settled: the form's own lines 38-39 were not read (docs/crosscheck.md).",
        example=state_peers.household(year=2025, state="MA", filing_status="single", age_head=87,
                                      social_security_head=97844, qualified_dividends=4718, ordinary_dividends=6274,
                                      short_term_gains=3291)),
    StateExpected(
        code="taxsim_ma_long_term_loss_used_twice", state="MA",
        applies=lambda h: h["short_term_gains"] > 0 > h["long_term_gains"],
        rerun=lambda h: _ma_peer(h, loss_twice=True),
        explanation="Massachusetts Schedule B lines 25 and 32, Schedule D lines 15-16: a long-term loss offsets "
                    "short-term gains first and only what is left (up to $2,000) offsets interest and dividends; "
                    "taxsim-py offsets the dividends with the long-term loss as it was before it offset the "
                    "short-term gains (the loss counts twice).",
        example=state_peers.household(year=2024, state="MA", filing_status="single", age_head=50, wages_head=34532,
                                      qualified_dividends=6293, ordinary_dividends=7083, taxable_interest=4673,
                                      long_term_gains=-10006, short_term_gains=15126)),
    StateExpected(
        code="taxsim_ma_agi_counts_losses_whole", state="MA",
        applies=lambda h: True,
        rerun=lambda h: _ma_peer(h, whole_losses=True),
        explanation="Massachusetts AGI worksheet (no-tax status, limited income credit): Schedule B line 35 and "
                    "Schedule D line 19 (not less than 0), after the at most $2,000 of capital losses applied "
                    "against interest and dividends; taxsim-py's Massachusetts AGI subtracts the whole net capital "
                    "loss.",
        example=state_peers.household(year=2024, state="MA", filing_status="married_joint", age_head=40,
                                      age_spouse=34, ira_head=4959, conversion_spouse=16222, qualified_dividends=5716,
                                      ordinary_dividends=5716, long_term_gains=-7286)),
    StateExpected(
        code="taxsim_ga_exclusion_from_65_by_household", state="GA",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_ga_peer_inputs, params=_ga_at_65),
        explanation="O.C.G.A. §48-7-27(a)(5)(A) and the DOR's Retirement Income Exclusion page: each spouse 62 or "
                    "older excludes their own retirement income (pensions, IRA money, interest, dividends, gains and "
                    "up to $5,000 of their own earned income from 2024, $4,000 before: HB 1437), up to $35,000 at "
                    "62-64 and $65,000 from 65; taxsim-py: nothing before 65, the earned income part $4,000; with one spouse 65 or older, that spouse takes all the pensions and "
                    "the lower wages, and the other spouse's wages up to $4,000 are excluded at any age; with both, "
                    "the household's income half each.",
        example=state_peers.household(year=2025, state="GA", filing_status="married_joint", age_head=61,
                                      age_spouse=63, pension_head=110056, ira_head=7699, social_security_head=46209,
                                      wages_spouse=11988, ira_spouse=27019, social_security_spouse=9493,
                                      qualified_dividends=3611, ordinary_dividends=6218, taxable_interest=733)),
    StateExpected(
        code="taxsim_ga_low_income_credit_interpolated", state="GA",
        applies=lambda h: True,
        rerun=_ga_low_income_credit_interpolated,
        explanation="O.C.G.A. §48-7A-3(b): the low income credit is a fixed amount for each band of federal AGI; "
                    "taxsim-py interpolates between the bands (with the previous kinds' readings).",
        example=state_peers.household(year=2024, state="GA", filing_status="single", age_head=62, pension_head=2338,
                                      social_security_head=2797, qualified_dividends=3045, ordinary_dividends=3045,
                                      taxable_interest=11627)),
    StateExpected(
        code="taxsim_va_no_full_deduction_born_by_1939", state="VA",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_va_no_full_deduction),
        explanation="Va. Code §58.1-322.03(5) and Form 760 instructions (Age Deduction): a taxpayer born on or "
                    "before January 1, 1939 deducts $12,000 whatever the income; taxsim-py applies the income test "
                    "to everyone.",
        example=state_peers.household(year=2024, state="VA", filing_status="married_joint", age_head=89,
                                      age_spouse=59, pension_head=37291, ira_head=14135, social_security_head=3795,
                                      pension_spouse=84407, ira_spouse=4018, social_security_spouse=74013,
                                      qualified_dividends=9882, ordinary_dividends=11333, long_term_gains=27404)),
    StateExpected(
        code="taxsim_va_no_tax_test_after_age_deduction", state="VA",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_va_peer_zero_test),
        explanation="Va. Code §58.1-321(A): no tax where Virginia AGI plus the age deduction is under $11,950 "
                    "($23,900 for a couple); taxsim-py tests Virginia AGI after the age deduction ($11,950 or less "
                    "a taxpayer).",
        example=state_peers.household(year=2025, state="VA", filing_status="married_joint", age_head=74,
                                      age_spouse=59, ira_head=8645, conversion_head=18838, social_security_head=24329,
                                      social_security_spouse=40280, qualified_dividends=2003, ordinary_dividends=2003,
                                      taxable_interest=6148)),
    StateExpected(
        code="taxsim_va_itemizes_state_tax_over_the_salt_cap", state="VA",
        applies=lambda h: h.get("peer_state_itemized", 0) > 0,
        rerun=lambda h: ours(h, params=_va_peer_itemized(h)),
        explanation="Va. Code §58.1-322.03(1) and Form 760 line 10: Virginia itemized deductions are the federal ones "
                    "less the state and local income taxes in them, only where the federal return itemizes; rothroute "
                    "uses the file's taxes paid for the federal SALT deduction (none in these households) and warns "
                    "that Virginia's itemized deductions are not modelled. taxsim-py deducts the state tax it computes "
                    "on the federal return and leaves in Virginia's itemized deduction the state tax above the federal "
                    "SALT cap (never deducted federally); re-run with the peer's itemized deduction (and the previous "
                    "kinds).",
        example=state_peers.household(year=2025, state="VA", filing_status="single", age_head=45, wages_head=6149,
                                      ira_head=9864, qualified_dividends=836, ordinary_dividends=836,
                                      taxable_interest=1274, long_term_gains=916094)),
    StateExpected(
        code="taxsim_oh_retirement_credit_from_65_by_household", state="OH",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_oh_peer_people),
        explanation="R.C. 5747.055(B) and the Ohio Department of Taxation's retirement income FAQ: the retirement "
                    "income credit is for retirement income received because of retirement, at any age (rothroute: "
                    "pensions, IRA and plan money from 59½, not Roth conversions); R.C. 5747.05(E): the joint filing "
                    "credit needs $500 of each spouse's own qualifying income. taxsim-py: the credit only when someone "
                    "is 65 or older, on all the household's pensions and conversions; the joint test with pensions "
                    "half each spouse's.",
        example=state_peers.household(year=2024, state="OH", filing_status="single", age_head=56, pension_head=22547,
                                      conversion_head=28372, qualified_dividends=29677, ordinary_dividends=30499)),
    StateExpected(
        code="taxsim_oh_retirement_credit_interpolated", state="OH",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_oh_peer_people, params=_oh_peer_credit_table(h)),
        explanation="R.C. 5747.055(B): the retirement income credit is a fixed amount for each band of retirement "
                    "income; taxsim-py interpolates between the bands (with the previous kind's reading).",
        example=state_peers.household(year=2025, state="OH", filing_status="single", age_head=79, pension_head=6084,
                                      social_security_head=85304, qualified_dividends=4837, ordinary_dividends=5198,
                                      taxable_interest=1016, long_term_gains=11297, short_term_gains=8074)),
    StateExpected(
        code="taxsim_oh_2025_no_step_above_100000", state="OH",
        applies=lambda h: h["year"] == 2025,
        rerun=lambda h: ours(h, params=_oh_no_step),
        explanation="R.C. 5747.02(A)(3)(b) as H.B. 96 amended it for 2025 and the 2025 IT 1040 instructions' brackets: "
                    "$342.00 plus 2.75% over $26,050, and more than $100,000 $2,394.32 plus 3.125% over $100,000 (the "
                    "statute kept the old base, so the tax steps up $18.69 at $100,000); taxsim-py continues the lower "
                    "bracket ($2,375.63 at $100,000).",
        example=state_peers.household(year=2025, state="OH", filing_status="single", age_head=30, wages_head=93107,
                                      conversion_head=15990, qualified_dividends=2988, ordinary_dividends=2988)),
    StateExpected(
        code="taxsim_oh_2025_no_step_with_the_retirement_credit_readings", state="OH",
        applies=lambda h: h["year"] == 2025,
        rerun=_oh_peer_all,
        explanation="The previous kind with the readings of taxsim_oh_retirement_credit_from_65_by_household and "
                    "taxsim_oh_retirement_credit_interpolated.",
        example=state_peers.household(year=2025, state="OH", filing_status="married_joint", age_head=65, age_spouse=70,
                                      ira_head=13383, conversion_head=12210, social_security_spouse=62577,
                                      qualified_dividends=17824, ordinary_dividends=20349, taxable_interest=14061,
                                      long_term_gains=50421)),
    StateExpected(
        code="harness_oh_earned_income_credit_over_the_tax", state="OH",
        applies=lambda h: h.get("peer_siitax", 1) == 0 and h.get("peer_state_eitc", 0) > 0,
        rerun=_oh_eitc_covers_the_tax,
        explanation="R.C. 5747.71: Ohio's earned income credit is nonrefundable. Where it is more than the tax, the "
                    "peer's siitax is 0 and the harness (which adds the credit back) cannot know the tax before it: "
                    "the household agrees when rothroute's tax, under the previous kinds' reading, is no more than "
                    "the credit.",
        example=state_peers.household(year=2025, state="OH", filing_status="single", age_head=45, wages_head=14971,
                                      taxable_interest=1512)),
    StateExpected(
        code="taxsim_il_exemption_limit_on_base_income", state="IL",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_il_limit_on_base_income),
        explanation="35 ILCS 5/204(g) and Form IL-1040 Line 10 (Income Exceptions): no exemption allowance when "
                    "federal AGI is over $500,000 (joint) or $250,000; taxsim-py tests Illinois base income "
                    "(federal AGI less the retirement income and Social Security subtracted).",
        example=state_peers.household(year=2025, state="IL", filing_status="married_joint", age_head=74,
                                      age_spouse=83, wages_head=112483, pension_head=86312, ira_head=29865,
                                      social_security_head=6532, wages_spouse=40962, ira_spouse=117537,
                                      social_security_spouse=250542, qualified_dividends=46031,
                                      ordinary_dividends=46031, long_term_gains=38302)),
)

# --- phase 2: the kinds of each group of states, in a module of their own ---------------------
from .state_expected_a import GROUP_A  # noqa: E402

EXPECTED = EXPECTED + GROUP_A
# --- group B (ID, IN, IA, KS, KY, LA, ME, MD): their kinds live in state_expected_b ---
from .state_expected_b import GROUP_B  # noqa: E402

EXPECTED = EXPECTED + GROUP_B
# --- group C (MI, MN, MS, MO, MT, NE, NM, ND): their kinds live in state_expected_c ---
from .state_expected_c import GROUP_C  # noqa: E402

EXPECTED = EXPECTED + GROUP_C
# --- group D (OK, OR, RI, SC, UT, VT, WV, WI): their kinds live in state_expected_d ---
from .state_expected_d import GROUP_D  # noqa: E402

EXPECTED = EXPECTED + GROUP_D
