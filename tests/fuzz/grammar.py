"""Hypothesis strategies for the household grammar (format 1, docs/household-format.md).

``households()`` draws a household as plain data (what a YAML or JSON reader gives: dates as
``YYYY-MM-DD`` text, money as whole dollars or ``Decimal`` with cents), valid under the file's
checks: people, every income kind, every account kind with sources and plan rules, Roth IRA
history, ``magi_history``, itemized deductions, and a move list of every move kind whose fields
are plausible (existing accounts, amounts within the balances) or implausible (unknown or
wrong-kind accounts, amounts far above the balances, dates outside the year, odd ``via`` and
``elect``). ``scale`` sets the largest amount: ``"plain"`` up to a few million dollars,
``"extreme"`` up to the loader's cap of $10^12.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from rothroute.vocab import AccountKind, FilingStatus, IncomeKind, PlanSource

YEARS = (2024, 2025, 2026)
MAX_AMOUNT = 10**12  # dollars: the loader's cap (issue #13)
PLANS = ("401k", "403b", "governmental_457b")
IRAS = ("traditional_ira", "sep_ira", "simple_ira")
ACCOUNT_KINDS = tuple(str(k) for k in AccountKind)
INCOME_KINDS = tuple(str(k) for k in IncomeKind)
MOVE_KINDS = ("distribution", "in_plan_roth_rollover", "conversion", "contribution", "roll_in", "withdrawal",
              "rollover")
SOURCES = tuple(str(s) for s in PlanSource)


def money(top: int, *, cents: bool = True) -> st.SearchStrategy[Any]:
    """Dollars from 0 to ``top``: whole dollars as ints, sometimes with cents as a ``Decimal``;
    weighted toward 0, round figures and the ends of the range."""
    whole = st.one_of(st.just(0), st.integers(0, min(top, 10_000)), st.integers(0, top),
                      st.sampled_from([top, top // 2, 1]).filter(lambda x: x <= top))
    if not cents:
        return whole
    with_cents = st.tuples(st.integers(0, max(top - 1, 0)), st.integers(0, 99)).map(
        lambda t: Decimal(t[0]) + Decimal(t[1]) / 100)
    return st.one_of(whole, whole, with_cents)


def _top(scale: str) -> int:
    return MAX_AMOUNT if scale == "extreme" else 3_000_000


def _date(year: int, lo: tuple[int, int] = (1, 1), hi: tuple[int, int] = (12, 31)) -> st.SearchStrategy[str]:
    return st.dates(_dt.date(year, *lo), _dt.date(year, *hi)).map(lambda d: d.isoformat())


@st.composite
def roth_ira_history(draw: Any, year: int, top: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["first_year"] = draw(st.one_of(st.none(), st.integers(1998, year)))
    if draw(st.booleans()):
        out["contributions"] = draw(money(top))
    if draw(st.booleans()):
        out["conversions"] = draw(st.lists(st.fixed_dictionaries({
            "year": st.integers(1998, year), "taxable": money(top), "nontaxable": money(top)}), max_size=3))
    return out


@st.composite
def person(draw: Any, pid: str, year: int, top: int) -> dict[str, Any]:
    born = draw(st.dates(_dt.date(1925, 1, 1), _dt.date(year, 12, 31)))
    p: dict[str, Any] = {"id": pid, "born": born.isoformat()}
    if draw(st.booleans()):
        p["blind"] = draw(st.booleans())
    if draw(st.booleans()):
        p["covered_by_workplace_plan"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        p["retirement_year"] = draw(st.one_of(st.none(), st.integers(year, year + 30)))
    if draw(st.integers(0, 3)) == 0:
        p["last_60_day_ira_rollover"] = draw(st.one_of(
            st.none(), st.dates(_dt.date(year - 3, 1, 1), _dt.date(year, 12, 31)).map(lambda d: d.isoformat())))
    if draw(st.booleans()):
        p["roth_ira"] = draw(roth_ira_history(year, top))
    return p


@st.composite
def income(draw: Any, ids: list[str], top: int) -> list[dict[str, Any]]:
    out = []
    for kind in draw(st.lists(st.sampled_from(INCOME_KINDS), max_size=8)):
        if kind == "qualified_dividends":
            continue  # added with ordinary dividends below, never above them
        amount = draw(money(top))
        if kind in ("long_term_gains", "short_term_gains") and draw(st.booleans()):
            amount = -amount
        item: dict[str, Any] = {"kind": kind, "amount": amount}
        if kind in ("wages", "social_security", "early_distribution") or draw(st.booleans()):
            item["person"] = draw(st.sampled_from(ids))
        out.append(item)
        if kind == "ordinary_dividends" and draw(st.booleans()):
            out.append({"kind": "qualified_dividends", "amount": draw(st.integers(0, int(abs(amount))))})
    return out


@st.composite
def plan_sources(draw: Any, year: int, top: int) -> dict[str, Any]:
    s: dict[str, Any] = {}
    if draw(st.booleans()):
        s["pretax"] = draw(money(top))
    if draw(st.booleans()):
        contributions = draw(money(top))
        at: dict[str, Any] = {"contributions": contributions}
        earnings = draw(money(top))
        if draw(st.integers(0, 3)) == 0:  # a loss, no larger than the contributions
            earnings = -min(earnings, contributions)
        at["earnings"] = earnings
        if draw(st.booleans()):
            at["pre_1987_contributions"] = draw(st.integers(0, int(contributions)))
        s["after_tax"] = at
    if draw(st.booleans()):
        contributions = draw(money(top))
        roth: dict[str, Any] = {"contributions": contributions, "earnings": draw(money(top))}
        if draw(st.booleans()):
            roth["first_year"] = draw(st.one_of(st.none(), st.integers(2006, year)))
        if draw(st.booleans()) and contributions >= 2:
            half = int(contributions) // 2
            roth["in_plan_rollovers"] = [{"year": draw(st.integers(2010, year)),
                                          "taxable": draw(st.integers(0, half)),
                                          "nontaxable": draw(st.integers(0, half))}]
        s["roth"] = roth
    return s


@st.composite
def plan_rules(draw: Any, year: int, top: int) -> dict[str, Any]:
    keys = {
        "separated_from_service": st.one_of(st.none(), st.integers(1990, year)),
        "after_tax_separate_contract": st.booleans(), "accepts_ira_rollins": st.booleans(),
        "in_plan_roth_rollover": st.booleans(),
        "in_service_withdrawals": st.lists(st.sampled_from(SOURCES), unique=True, max_size=3),
        "after_tax_contributions": st.booleans(), "employer_contributions": money(min(top, 80_000)),
        "designated_roth": st.booleans(), "five_percent_owner": st.booleans(),
        "prior_year_fica_wages": st.one_of(st.none(), money(top)),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(keys)), unique=True))
    return {k: draw(keys[k]) for k in sorted(chosen)}


@st.composite
def accounts(draw: Any, ids: list[str], year: int, top: int) -> list[dict[str, Any]]:
    out = []
    kinds = draw(st.lists(st.sampled_from(ACCOUNT_KINDS), min_size=0, max_size=7))
    for n, kind in enumerate(kinds):
        a: dict[str, Any] = {"id": f"acct{n}_{kind}", "owner": draw(st.sampled_from(ids)), "kind": kind}
        if kind in PLANS:
            a["sources"] = draw(plan_sources(year, top))
            if draw(st.booleans()):
                a["plan"] = draw(plan_rules(year, top))
        else:
            if draw(st.integers(0, 5)):
                a["value"] = draw(money(top))
            if kind != "taxable" and draw(st.integers(0, 3)) == 0:
                a["december_31_value"] = draw(st.one_of(st.none(), money(top)))
            if kind == "taxable":  # a brokerage account: its cost basis is required, the yields are not
                a["cost_basis"] = draw(money(top))
                if draw(st.booleans()):
                    a["qualified_dividend_yield"] = draw(st.integers(0, 12))
                if draw(st.booleans()):
                    a["interest_yield"] = draw(st.integers(0, 12))
        out.append(a)
    return out


@st.composite
def move(draw: Any, year: int, accts: list[dict[str, Any]], top: int) -> dict[str, Any]:
    """One move of any kind; fields plausible (existing accounts of the right kind, amounts
    within reach) or implausible (any account, an unknown one, amounts far too large, dates
    outside the year, odd options)."""
    kind = draw(st.sampled_from(MOVE_KINDS))
    ids = [a["id"] for a in accts] or ["nowhere"]
    plausible = draw(st.booleans())

    def account(*kinds: str) -> str:
        fits = [a["id"] for a in accts if a["kind"] in kinds]
        if plausible and fits:
            return draw(st.sampled_from(fits))
        return draw(st.one_of(st.sampled_from(ids), st.just("no_such_account")))

    amount = st.one_of(st.just("all"), money(top if not plausible else min(top, 500_000)).filter(lambda x: x > 0))
    date = _date(year) if plausible or draw(st.booleans()) else st.one_of(
        _date(year - 1), _date(year + 1, hi=(4, 15)), _date(year + 1))
    m: dict[str, Any] = {"date": draw(date), "move": kind}
    if kind == "distribution":
        m["from"] = account(*PLANS)
        if draw(st.booleans()):
            m["sources"] = draw(st.lists(st.sampled_from(SOURCES), unique=True, min_size=1, max_size=3))
        if draw(st.booleans()):
            m["amount"] = draw(amount)
        to = []
        for i in range(draw(st.integers(1, 3))):
            if draw(st.integers(0, 3)) == 0:
                to.append({"cash": draw(st.one_of(st.just("rest"), money(min(top, 500_000)).filter(lambda x: x > 0)))})
                continue
            d: dict[str, Any] = {"account": account(*IRAS, "roth_ira", *PLANS)}
            d["amount"] = draw(st.one_of(st.just("rest"), st.just("all"), money(min(top, 500_000)).filter(lambda x: x > 0)))
            if draw(st.booleans()):
                d["via"] = draw(st.sampled_from(["direct", "60_day"]))
            if draw(st.booleans()):
                d["elect"] = draw(st.sampled_from(["pretax", "after_tax"]))
            to.append(d)
        rests = [d for d in to if d.get("cash", d.get("amount")) in ("rest", "all")]
        for d in rests[1:]:  # two destinations taking the rest is a malformed move, a file problem (#13.4)
            d["cash" if "cash" in d else "amount"] = draw(money(min(top, 500_000)).filter(lambda x: x > 0))
        m["to"] = to
    elif kind == "in_plan_roth_rollover":
        m["account"] = account(*PLANS)
        if draw(st.booleans()):
            m["sources"] = draw(st.lists(st.sampled_from(SOURCES), unique=True, min_size=1, max_size=3))
        if draw(st.booleans()):
            m["amount"] = draw(amount)
    elif kind == "conversion":
        m.update({"from": account(*IRAS, "inherited_ira"), "to": account("roth_ira"), "amount": draw(amount)})
    elif kind == "contribution":
        to = account(*IRAS, "roth_ira", *PLANS)
        target = next((a["kind"] for a in accts if a["id"] == to), "traditional_ira")
        types = {"roth_ira": ["roth"], **{k: ["pretax", "roth", "after_tax"] for k in PLANS}}.get(
            target, ["deductible", "nondeductible"])
        m.update({"to": to, "amount": draw(money(min(top, 80_000)).filter(lambda x: x > 0)),
                  "type": draw(st.sampled_from(types if plausible else
                                               ["deductible", "nondeductible", "roth", "pretax", "after_tax"]))})
        if draw(st.booleans()):
            m["for_year"] = draw(st.sampled_from([year, year - 1]))
            if m["for_year"] == year - 1:
                m["date"] = draw(_date(year, hi=(4, 15)))
    elif kind == "roll_in":
        m.update({"from": account(*IRAS), "to": account(*PLANS), "amount": draw(amount)})
        if draw(st.booleans()):
            m["via"] = draw(st.sampled_from(["transfer", "60_day"]))
    elif kind == "withdrawal":
        m.update({"from": account(*IRAS, "roth_ira", "inherited_ira"), "amount": draw(amount)})
    else:
        m.update({"from": account(*IRAS, "inherited_ira"), "to": account(*IRAS), "amount": draw(amount)})
        if draw(st.booleans()):
            m["via"] = draw(st.sampled_from(["transfer", "60_day"]))
    return m


@st.composite
def households(draw: Any, *, scale: str | None = None, moves: bool = True) -> dict[str, Any]:
    """A valid household file as plain data."""
    scale = scale or draw(st.sampled_from(["plain", "plain", "plain", "extreme"]))
    top = _top(scale)
    year = draw(st.sampled_from(YEARS))
    status = draw(st.sampled_from([str(s) for s in FilingStatus]))
    ids = ["pat", "sam"][: 2 if status == "married_joint" else 1]
    doc: dict[str, Any] = {"format": 1, "tax_year": year, "filing_status": status}
    if draw(st.booleans()):
        doc["state"] = draw(st.sampled_from(["TX", "CA", "NY", "FL"]))
    if status == "married_separate" and draw(st.booleans()):
        doc["lived_apart_all_year"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        doc["tax_computation"] = draw(st.sampled_from(["tax_table", "rate_schedule"]))
    doc["people"] = [draw(person(pid, year, top)) for pid in ids]
    if draw(st.integers(0, 4)):
        doc["income"] = draw(income(ids, top))
    if draw(st.integers(0, 3)) == 0:
        doc["itemized_deductions"] = {k: draw(money(top)) for k in
                                      draw(st.lists(st.sampled_from(["state_local_taxes", "other"]), unique=True))}
    if draw(st.integers(0, 2)) == 0:
        doc["magi_history"] = {y: draw(money(top)) for y in
                               draw(st.lists(st.integers(year - 4, year - 1), unique=True, max_size=3))}
    accts = draw(accounts(ids, year, top))
    if accts or draw(st.booleans()):
        doc["accounts"] = accts
    for p in doc["people"]:  # basis no greater than the person's IRA money
        iras = sum(a.get("value", 0) for a in accts if a["owner"] == p["id"] and a["kind"] in IRAS)
        if draw(st.booleans()):
            p["ira_basis"] = draw(st.integers(0, int(iras)))
    if moves and draw(st.integers(0, 4)):
        doc["moves"] = draw(st.lists(move(year, accts, top), min_size=1, max_size=6))
    return doc
