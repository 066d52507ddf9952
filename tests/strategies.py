"""Hypothesis strategies shared by the property tests (attrs' pattern)."""

from __future__ import annotations

import datetime as _dt
import random
from typing import Any

from hypothesis import strategies as st

from rothroute.tax.federal import TaxInputs
from rothroute.vocab import FILING_STATUSES, FilingStatus

YEARS = st.sampled_from([2024, 2025, 2026])
STATUSES = st.sampled_from(FILING_STATUSES)


def dollars(max_value: int) -> st.SearchStrategy[int]:
    """Cents: mostly round dollars, sometimes odd cents, weighted toward small amounts."""
    return st.one_of(st.just(0), st.integers(0, max_value // 100).map(lambda d: d * 100),
                     st.integers(0, max_value))


@st.composite
def tax_inputs(draw: Any, *, status: FilingStatus | None = None) -> TaxInputs:
    status = draw(STATUSES) if status is None else status
    people = 2 if status is FilingStatus.MARRIED_JOINT else 1
    ordinary = draw(dollars(50_000_000))
    qualified = draw(dollars(20_000_000))
    itemizes = draw(st.booleans())
    return TaxInputs(
        year=draw(YEARS), status=status,
        lived_apart=draw(st.booleans()) if status is FilingStatus.MARRIED_SEPARATE else False,
        seniors=draw(st.integers(0, people)), blind=draw(st.integers(0, people)),
        wages=draw(dollars(60_000_000)), taxable_interest=draw(dollars(5_000_000)),
        exempt_interest=draw(dollars(5_000_000)), ordinary_dividends=qualified + ordinary % 1_000_000,
        qualified_dividends=qualified,
        long_term_gains=draw(st.integers(-2_000_000, 200_000_000)),
        short_term_gains=draw(st.integers(-2_000_000, 10_000_000)),
        pension=draw(dollars(50_000_000)), other_ordinary=draw(dollars(5_000_000)),
        early_distributions=draw(dollars(10_000_000)), social_security=draw(dollars(10_000_000)),
        itemized_salt=draw(dollars(10_000_000)) if itemizes else 0,
        itemized_other=draw(dollars(10_000_000)) if itemizes else 0,
        itemizes=itemizes, medicare_enrollees=draw(st.integers(0, people)), tax_table=draw(st.booleans()),
        charity=draw(st.sampled_from([0, 0, 150_000, 2_000_000, 30_000_000])) if itemizes else draw(
            st.sampled_from([0, 50_000, 150_000, 250_000])),
    )


@st.composite
def household_documents(draw: Any) -> dict[str, Any]:
    """A valid household file as plain data (what YAML or JSON would give)."""
    status = draw(STATUSES)
    year = draw(YEARS)
    n = 2 if status is FilingStatus.MARRIED_JOINT else 1
    ids = ["pat", "sam"][:n]
    people = []
    for pid in ids:
        born = draw(st.dates(_dt.date(1930, 1, 1), _dt.date(year - 18, 12, 31)))
        people.append({"id": pid, "born": born.isoformat(), "blind": draw(st.booleans()), "ira_basis": 0})
    income = []
    for kind in ("wages", "taxable_interest", "social_security", "pension", "long_term_gains"):
        if draw(st.booleans()):
            income.append({"person": draw(st.sampled_from(ids)), "kind": kind,
                           "amount": draw(st.integers(0, 300_000))})
    accounts = [{"id": f"{pid}_ira", "owner": pid, "kind": "traditional_ira",
                 "value": draw(st.integers(0, 2_000_000))} for pid in ids]
    for person, account in zip(people, accounts):
        person["ira_basis"] = draw(st.integers(0, account["value"]))
    return {"format": 1, "tax_year": year, "filing_status": str(status), "people": people, "income": income,
            "accounts": accounts}


# ------------------------------------------------------------------------------------------------------------
# Random valid move lists (issue #13 item 5). One Hypothesis draw (a seed) builds the whole household from a
# ``random.Random``: cheap enough for 10^4 examples in CI and 10^6 in bench/properties.py, at the price of
# Hypothesis's shrinking (a failure prints the household instead). Losses are drawn on purpose: after-tax and
# designated Roth earnings down to minus the contributions, an IRA worth less on December 31 than its basis, a
# Roth IRA worth less than its basis.

def _money(rng: Any, top: int) -> int | float:
    """Dollars, as the file gives them: whole dollars mostly, sometimes cents."""
    cents = rng.randint(0, top * 100)
    return cents // 100 if rng.random() < 0.7 else round(cents / 100, 2)


def _day(rng: Any, year: int, first: tuple[int, int] = (1, 1), last: tuple[int, int] = (12, 31)) -> str:
    start, end = _dt.date(year, *first), _dt.date(year, *last)
    return (start + _dt.timedelta(days=rng.randint(0, (end - start).days))).isoformat()


def _amount(rng: Any, top: float, *, allow_all: bool = True) -> int | float | str:
    """An amount: 'all', or up to a little above ``top`` (what the account holds, mostly), at least a cent."""
    if allow_all and rng.random() < 0.25:
        return "all"
    cents = round(max(float(top), 0.01) * 100 * rng.choice([rng.random(), rng.random(), 1, 1.1]))
    cents = max(cents, 1)
    return cents // 100 if cents % 100 == 0 else round(cents / 100, 2)


def _held(doc: dict[str, Any], account: str, sources: list[str] | None = None) -> float:
    """What ``account`` holds on January 1 (of ``sources`` for a plan), in dollars."""
    a = next(x for x in doc["accounts"] if x["id"] == account)
    if "sources" not in a:
        return float(a["value"])
    s = a["sources"]
    parts = {"pretax": float(s["pretax"]),
             "after_tax": float(s["after_tax"]["contributions"]) + float(s["after_tax"]["earnings"]),
             "roth": float(s["roth"]["contributions"]) + float(s["roth"]["earnings"])}
    return sum(parts[k] for k in (sources or ["pretax", "after_tax"]))


def _sources(rng: Any) -> list[str]:
    return rng.choice([["pretax"], ["after_tax"], ["pretax", "after_tax"], ["pretax", "after_tax"], ["roth"]])


def _destinations(rng: Any, total: float, targets: list[str]) -> list[dict[str, Any]]:
    """1-3 destinations sharing about ``total``; 60-day ones always with an amount (so the cash paid out can be
    read off the move); mostly one takes the rest."""
    out: list[dict[str, Any]] = []
    for _ in range(rng.randint(1, 3)):
        where = rng.choice(targets + ["cash"])
        if where == "cash":
            out.append({"cash": _amount(rng, total / 2, allow_all=False)})
            continue
        d: dict[str, Any] = {"account": where, "amount": _amount(rng, total / 2, allow_all=False)}
        if rng.random() < 0.25:
            d["via"] = "60_day"
        elif rng.random() < 0.3:
            d["elect"] = rng.choice(["pretax", "after_tax"])
        out.append(d)
    rest = [i for i, d in enumerate(out) if d.get("via") != "60_day"]
    if rest and rng.random() < 0.85:
        last = rest[-1]
        if "cash" in out[last]:
            out[last]["cash"] = "rest"
        else:
            out[last]["amount"] = "rest"
    return out


def _move(rng: Any, doc: dict[str, Any]) -> dict[str, Any]:
    year = doc["tax_year"]
    plans = [a["id"] for a in doc["accounts"] if "sources" in a]
    kind = rng.choice(["conversion", "withdrawal", "contribution", "contribution", "distribution", "distribution",
                       "distribution", "in_plan_roth_rollover", "roll_in", "rollover", "qcd"])
    m: dict[str, Any] = {"date": _day(rng, year), "move": kind}
    if kind == "conversion":
        source = rng.choice(["ira", "sep"])
        m.update({"from": source, "to": "roth", "amount": _amount(rng, _held(doc, source))})
    elif kind == "withdrawal":
        source = rng.choice(["ira", "sep", "roth"])
        m.update({"from": source, "amount": _amount(rng, _held(doc, source))})
    elif kind == "qcd":
        source = rng.choice(["ira", "sep"])
        m.update({"from": source, "amount": _amount(rng, _held(doc, source), allow_all=False)})
    elif kind == "contribution":
        to = rng.choice(["ira", "roth"] + plans)
        types = {"ira": ["nondeductible", "deductible"], "roth": ["roth"]}.get(to, ["pretax", "roth", "after_tax"])
        m.update({"to": to, "amount": _amount(rng, rng.choice([2_000, 7_500, 9_000, 30_000]), allow_all=False),
                  "type": rng.choice(types)})
        when = rng.random()
        if when < 0.2:  # for last year, made by April 15
            m.update({"for_year": year - 1, "date": _day(rng, year, (1, 1), (4, 15))})
        elif when < 0.4:  # for this year, made by April 15 of next year
            m.update({"for_year": year, "date": _day(rng, year + 1, (1, 1), (4, 15))})
        elif when < 0.45:  # for this year, made after the due date (refused)
            m["date"] = _day(rng, year + 1, (4, 16), (12, 31))
    elif kind == "distribution":
        plan, sources = rng.choice(plans), _sources(rng)
        amount = _amount(rng, _held(doc, plan, sources))
        total = _held(doc, plan, sources) if amount == "all" else float(amount)
        targets = ["roth"] + [x for x in plans if x != plan] + ([] if sources == ["roth"] else ["ira", "sep"])
        m.update({"from": plan, "sources": sources, "amount": amount, "to": _destinations(rng, total, targets)})
    elif kind == "in_plan_roth_rollover":
        plan, sources = rng.choice(plans), rng.choice([["pretax"], ["after_tax"], ["pretax", "after_tax"]])
        m.update({"account": plan, "sources": sources, "amount": _amount(rng, _held(doc, plan, sources))})
    elif kind == "roll_in":
        m.update({"from": "ira", "to": rng.choice(plans), "amount": _amount(rng, _held(doc, "ira")),
                  "via": rng.choice(["transfer", "60_day"])})
    else:
        pair = rng.choice([("ira", "sep"), ("sep", "ira"), ("roth", "roth")])
        m.update({"from": pair[0], "to": pair[1], "amount": _amount(rng, _held(doc, pair[0])),
                  "via": rng.choice(["transfer", "60_day"])})
    return m


def _plan(rng: Any, year: int, current: bool) -> dict[str, Any]:
    at_c = _money(rng, 80_000) if rng.random() < 0.7 else 0
    earnings = _money(rng, 40_000)
    if at_c and rng.random() < 0.35:  # a loss: earnings down to minus the contributions
        earnings = -min(_money(rng, 40_000), at_c)
    after_tax: dict[str, Any] = {"contributions": at_c, "earnings": earnings if at_c or earnings >= 0 else 0}
    if at_c and rng.random() < 0.15:
        after_tax["pre_1987_contributions"] = min(_money(rng, 20_000), at_c)
    rc = _money(rng, 60_000) if rng.random() < 0.6 else 0
    re = _money(rng, 30_000) if rc else 0
    if rc and rng.random() < 0.35:  # a loss
        re = -min(_money(rng, 30_000), rc)
    roth: dict[str, Any] = {"contributions": rc, "earnings": re}
    if rc:
        roth["first_year"] = rng.randint(year - 12, year)
        if rng.random() < 0.3:
            taxable = rng.randint(0, int(rc) // 2)
            roth["in_plan_rollovers"] = [{"year": rng.randint(year - 6, year), "taxable": taxable,
                                          "nontaxable": rng.randint(0, int(rc) // 2 - taxable) if rc >= 2 else 0}]
    rules: dict[str, Any] = {
        "separated_from_service": None if current else rng.randint(year - 15, year),
        "after_tax_separate_contract": rng.random() < 0.5,
        "accepts_ira_rollins": rng.random() < 0.6,
        "in_plan_roth_rollover": rng.random() < 0.6,
        "in_service_withdrawals": rng.sample(["pretax", "after_tax", "roth"], rng.randint(0, 2)),
        "after_tax_contributions": current and rng.random() < 0.6,
        "employer_contributions": _money(rng, 15_000) if current else 0,
        "designated_roth": rng.random() < 0.7,
    }
    if rng.random() < 0.5:
        rules = {k: v for k, v in rules.items() if v or k == "separated_from_service"}
    return {"sources": {"pretax": _money(rng, 400_000), "after_tax": after_tax, "roth": roth}, "plan": rules}


def random_moves(rng: Any, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """0-6 random moves among all kinds for the household ``doc`` (some will be refused), amounts drawn from
    what its accounts hold."""
    return [_move(rng, doc) for _ in range(rng.randint(0, 6))]


def move_household(rng: Any) -> dict[str, Any]:
    """A valid household file (plain data, as YAML or JSON gives it) with 0-6 random moves among all kinds."""
    year = rng.choice([2024, 2025, 2026])
    born = _dt.date(rng.randint(year - 77, year - 25), rng.randint(1, 12), rng.randint(1, 28))
    ira, sep = _money(rng, 300_000), (_money(rng, 80_000) if rng.random() < 0.4 else 0)
    person: dict[str, Any] = {"id": "p", "born": born.isoformat(), "ira_basis": _money(rng, int(ira + sep)),
                              "covered_by_workplace_plan": rng.random() < 0.3}
    if rng.random() < 0.2:
        person["last_60_day_ira_rollover"] = _day(rng, year - 1)
    roth_value = _money(rng, 100_000)
    if rng.random() < 0.6:  # the Roth IRA's history; its basis may be above its value (a loss)
        contributions = _money(rng, 80_000)
        person["roth_ira"] = {"first_year": rng.randint(year - 15, year), "contributions": contributions,
                              "conversions": [{"year": rng.randint(year - 8, year), "taxable": _money(rng, 30_000),
                                               "nontaxable": _money(rng, 10_000)}] if rng.random() < 0.5 else []}
    income = [{"person": "p", "kind": "wages", "amount": rng.choice([0, _money(rng, 300_000)])}]
    if rng.random() < 0.3:
        income.append({"person": "p", "kind": "social_security", "amount": _money(rng, 45_000)})
    accounts: list[dict[str, Any]] = [
        {"id": "ira", "owner": "p", "kind": "traditional_ira", "value": ira},
        {"id": "sep", "owner": "p", "kind": "sep_ira", "value": sep},
        {"id": "roth", "owner": "p", "kind": "roth_ira", "value": roth_value},
        {"id": "plan", "owner": "p", "kind": rng.choice(["401k", "403b", "governmental_457b"]),
         **_plan(rng, year, current=rng.random() < 0.4)},
    ]
    if rng.random() < 0.35:  # a second plan, of the current employer: plan-to-plan rollovers
        accounts.append({"id": "plan2", "owner": "p", "kind": "401k", **_plan(rng, year, current=True)})
    if rng.random() < 0.3:  # the IRA's projected value on December 31, sometimes a loss
        accounts[0]["december_31_value"] = _money(rng, int(ira) + 20_000)
    doc = {"format": 1, "tax_year": year, "filing_status": rng.choice(["single", "head_of_household"]),
           "people": [person], "income": income, "accounts": accounts}
    doc["moves"] = random_moves(rng, doc)
    return doc


def move_household_lists(rng: Any, lists: int) -> tuple[dict[str, Any], list[list[dict[str, Any]]]]:
    """A household (with no moves) and ``lists`` random move lists for it."""
    doc = move_household(rng)
    first = doc.pop("moves")
    return doc, [first] + [random_moves(rng, doc) for _ in range(lists - 1)]


seeds = st.integers(min_value=0, max_value=2**64 - 1)
move_households = seeds.map(lambda seed: move_household(random.Random(seed)))
