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
    return {**p, "retirement_exclusion.halves": (130,),
            "retirement_exclusion.caps": p["retirement_exclusion.caps"][-1:]}


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


def _oh_eitc_covers_the_tax(h: dict[str, Any]) -> float:
    # the peer's siitax is 0 and its (nonrefundable) credit e more than the tax before it: the
    # harness's figure is e; rothroute agrees when its tax (under the peer's reading) is no more
    mine = ours(h, people=_oh_peer_people, params=_oh_peer_credit_table(h))
    return h["peer_state_eitc"] if mine <= h["peer_state_eitc"] else mine



# --- phase 2, group C (MI, MN, MS, MO, MT, NE, NM, ND) ---------------------------------------

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
)

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
                    "up to $4,000 of their own earned income), up to $35,000 at 62-64 and $65,000 from 65; "
                    "taxsim-py: nothing before 65; with one spouse 65 or older, that spouse takes all the pensions and "
                    "the lower wages, and the other spouse's wages up to $4,000 are excluded at any age; with both, "
                    "the household's income half each.",
        example=state_peers.household(year=2025, state="GA", filing_status="married_joint", age_head=61,
                                      age_spouse=63, pension_head=110056, ira_head=7699, social_security_head=46209,
                                      wages_spouse=11988, ira_spouse=27019, social_security_spouse=9493,
                                      qualified_dividends=3611, ordinary_dividends=6218, taxable_interest=733)),
    StateExpected(
        code="taxsim_ga_no_aged_deduction", state="GA",
        applies=lambda h: True,
        rerun=lambda h: ours(h, people=_ga_peer_inputs, params=_ga_no_aged_deduction),
        explanation="The $1,300 additional standard deduction for a taxpayer or spouse 65 or older: rothroute keeps it "
                    "for 2024 and 2025 (O.C.G.A. §48-7-27(a)(1), the IT-511 booklet as recorded in PolicyEngine-US); "
                    "taxsim-py drops it from 2024 (the DOR's page on the 2024 standard deduction lists no addition). "
                    "Not settled: the 2024 and 2025 Form 500 line 11 instructions were not read (docs/crosscheck.md). "
                    "Re-run with the previous kind's exclusion reading too.",
        example=state_peers.household(year=2024, state="GA", filing_status="single", age_head=77, pension_head=33453,
                                      ira_head=804, social_security_head=16897, qualified_dividends=2724,
                                      ordinary_dividends=4450, long_term_gains=1857206)),
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
) + GROUP_C
