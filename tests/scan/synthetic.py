"""Synthetic book rows: a recordkeeper's mix (most with plan money, some with after-tax money,
IRAs with and without basis), for the fast path's property test and bench/scan.py.

``row(rng, n)`` draws one row from a ``random.Random``: cheap enough for a million rows, and the
same seed gives the same book. ``odd`` > 0 mixes in households the fast path does not take (two
plans, pooled after-tax money, an RMD age, a SEP IRA, Roth IRA layers) and cells the loader
refuses, so that both paths and the errors file are exercised.
"""

from __future__ import annotations

import datetime as _dt
import random
from decimal import Decimal
from typing import Any

STATES = ["", "", "", "TX", "FL", "CA", "NY", "PA", "IL", "NJ", "MA", "GA", "NC", "VA", "OH", "WA", "NH", "AZ", "CO",
          "DC", "MI", "AL", "CT", "DE", "HI", "ID", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MD", "AR", "MN", "MO",
          "MS", "MT", "ND", "NE", "NM", "OR", "WI", "OK", "RI", "SC", "UT", "VT", "WV"]
COUNTIES = ["montgomery", "prince_georges", "baltimore_county", "baltimore_city", "anne_arundel", "frederick", "howard"]


def _money(rng: random.Random, top: int, cents: bool = True) -> Decimal:
    dollars = int(top * rng.random() ** 2)
    return Decimal(dollars * 100 + (rng.randrange(100) if cents and rng.random() < 0.3 else 0)).scaleb(-2)


def _born(rng: random.Random, year: int, low: int, high: int) -> _dt.date:
    age = rng.randint(low, high)
    return _dt.date(year - age, rng.randint(1, 12), rng.randint(1, 28) if rng.random() < 0.97 else 1)


def row(rng: random.Random, n: int, *, odd: float = 0.0, year: int | None = None) -> dict[str, Any]:
    year = year or rng.choice([2024, 2025, 2026, 2026])
    joint = rng.random() < 0.45
    status = "married_joint" if joint else rng.choice(["single"] * 6 + ["head_of_household", "married_separate"])
    r: dict[str, Any] = {"household_id": f"hh{n:08d}", "tax_year": year, "filing_status": status,
                         "state": rng.choice(STATES) or None}
    if r["state"] == "MD" and rng.random() < 0.8:  # a Maryland household's county (its local income tax)
        r["locality"] = rng.choice(COUNTIES)
    people = ["p1", "p2"] if joint else ["p1"]
    older = rng.random() < 0.25  # retirees and those near it
    for p in people:
        r[f"{p}_born"] = _born(rng, year, 55 if older else 24, 71 if older else 64)
        working = not older or rng.random() < 0.3
        if working:
            r[f"{p}_wages"] = Decimal(18_000) + _money(rng, 300_000)
        if older and rng.random() < 0.7:
            r[f"{p}_social_security"] = _money(rng, 50_000)
        if rng.random() < 0.3:
            r[f"{p}_ira_basis"] = Decimal(0)
    if rng.random() < 0.5:
        ordinary = _money(rng, 30_000)
        r["income_ordinary_dividends"] = ordinary
        r["income_qualified_dividends"] = (ordinary * Decimal(rng.random())).quantize(Decimal("0.01"))
    if rng.random() < 0.5:
        r["income_taxable_interest"] = _money(rng, 10_000)
    if rng.random() < 0.2:
        r["income_long_term_gains"] = _money(rng, 60_000) * (-1 if rng.random() < 0.2 else 1)
    if rng.random() < 0.1:
        r["income_pension"] = _money(rng, 40_000)
    if rng.random() < 0.15:
        r["itemized_state_local_taxes"] = _money(rng, 30_000)
        r["itemized_other"] = _money(rng, 40_000)
    if rng.random() < 0.1:
        r["tax_computation"] = "rate_schedule"
    slots = iter(["plan1", "plan2", "plan3"])
    iras = iter(["ira1", "ira2", "ira3", "ira4"])
    for p in people:
        if p == "p1" or rng.random() < 0.6:
            s = next(slots)
            working = not older and rng.random() < 0.75
            after_tax = rng.random() < 0.3
            r.update({f"{s}_owner": p, f"{s}_kind": rng.choice(["401k", "401k", "403b", "governmental_457b"]),
                      f"{s}_pretax": _money(rng, 900_000),
                      f"{s}_separated_from_service": None if working else year - rng.randint(0, 15),
                      f"{s}_after_tax_separate_contract": after_tax or rng.random() < 0.5,
                      f"{s}_in_plan_roth_rollover": rng.random() < 0.6,
                      f"{s}_accepts_ira_rollins": rng.random() < 0.4,
                      f"{s}_takes_after_tax_contributions": working and rng.random() < 0.25,
                      f"{s}_employer_contributions": _money(rng, 20_000) if working else None,
                      f"{s}_in_service_withdrawals": "after_tax" if rng.random() < 0.4 else None})
            if after_tax:
                r[f"{s}_after_tax_contributions"] = _money(rng, 150_000)
                r[f"{s}_after_tax_earnings"] = _money(rng, 80_000)
            if rng.random() < 0.5:
                r[f"{s}_roth_contributions"] = _money(rng, 120_000)
                r[f"{s}_roth_earnings"] = _money(rng, 60_000)
                r[f"{s}_roth_first_year"] = year - rng.randint(0, 12)
        if rng.random() < 0.5:
            s = next(iras)
            value = _money(rng, 1_200_000)
            r.update({f"{s}_owner": p, f"{s}_kind": "traditional_ira", f"{s}_value": value})
            if rng.random() < 0.3:  # basis from nondeductible contributions
                r[f"{p}_ira_basis"] = (value * Decimal(rng.random())).quantize(Decimal("0.01"))
        if rng.random() < 0.4:
            s = next(iras)
            r.update({f"{s}_owner": p, f"{s}_kind": "roth_ira", f"{s}_value": _money(rng, 300_000)})
            r[f"{p}_roth_ira_first_year"] = year - rng.randint(0, 20)
            r[f"{p}_roth_ira_contributions"] = _money(rng, 50_000)
    if odd and rng.random() < odd:
        _oddity(rng, r, year)
    return {k: v for k, v in r.items() if v is not None}


def _oddity(rng: random.Random, r: dict[str, Any], year: int) -> None:
    """One thing the fast path leaves to the exact path."""
    kind = rng.randrange(9)
    if kind == 0:
        r["p1_born"] = _born(rng, year, 73, 90)  # an RMD year
    elif kind == 1 and "plan1_kind" in r:
        r["plan1_after_tax_separate_contract"] = False
        r["plan1_after_tax_contributions"] = _money(rng, 50_000)
    elif kind == 2:
        r.update({"plan3_kind": "401k", "plan3_owner": "p1", "plan3_pretax": _money(rng, 100_000),
                  "plan3_separated_from_service": year - 3})
    elif kind == 3:
        r.update({"ira4_kind": "sep_ira", "ira4_owner": "p1", "ira4_value": _money(rng, 100_000)})
    elif kind == 4:
        r["p1_roth_ira_conversions"] = f"{year - 3}:10000:0"
    elif kind == 5:
        r["tax_year"] = 2031  # refused: no parameters
    elif kind == 6:
        r["p1_born"] = "1960-02-30"  # refused: no such date
    elif kind == 7:
        r["income_wages"] = "12,000"  # refused: not an amount
    else:  # refused: a county outside Maryland, or one Maryland does not have
        r["locality"] = "atlantis" if r.get("state") == "MD" else "montgomery"


def book(count: int, seed: int = 0, *, odd: float = 0.0, start: int = 0) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [row(rng, start + i, odd=odd) for i in range(count)]


def to_table(rows: list[dict[str, Any]]) -> Any:
    """The rows as a typed Arrow table, as a recordkeeper's export would be: money as decimals,
    years as integers, flags as booleans, dates as dates (a cell of the wrong kind stays text: the
    column is then text)."""
    import pyarrow as pa

    from rothroute.scan.book import COLUMN_TYPES

    arrow = {"money": pa.decimal128(14, 2), "int": pa.int64(), "bool": pa.bool_(), "date": pa.date32()}
    names = [n for n in COLUMN_TYPES if any(n in r for r in rows)]
    columns = {}
    for name in names:
        values = [r.get(name) for r in rows]
        want = arrow.get(COLUMN_TYPES[name], pa.string())
        try:
            columns[name] = pa.array(values, type=want)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            columns[name] = pa.array([None if v is None else str(v) for v in values], type=pa.string())
    return pa.table(columns)
