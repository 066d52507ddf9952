"""Sales from taxable accounts keep money and basis to the cent (tests/property/invariants.py, with the
taxable account's basis counted as basis and its unrealized gain as pretax), beside IRA withdrawals and
conversions in the same year; the gain realized is what Schedule D gets."""

from __future__ import annotations

import json
import random
from decimal import Decimal

from hypothesis import HealthCheck, given, settings

from rothroute import evaluate, load_text

from ..strategies import seeds
from .invariants import c, check


def household(rng: random.Random) -> dict:
    value = rng.randint(1, 10**8) / 100
    basis = rng.choice([0, value, rng.randint(0, 2 * 10**8) / 100])  # no basis, all basis, a gain or a loss
    doc = {
        "format": 1, "tax_year": rng.choice([2024, 2025, 2026]), "filing_status": "single",
        "people": [{"id": "p", "born": f"{rng.randint(1940, 1990)}-06-01"}],
        "accounts": [
            {"id": "brk", "owner": "p", "kind": "taxable", "value": value, "cost_basis": basis,
             "qualified_dividend_yield": rng.choice([0, 1.5, 2.25]), "interest_yield": rng.choice([0, 0.5])},
            {"id": "ira", "owner": "p", "kind": "traditional_ira", "value": rng.randint(0, 10**7) / 100},
            {"id": "roth", "owner": "p", "kind": "roth_ira", "value": 0},
        ],
    }
    moves, left = [], Decimal(str(value))
    for month in range(1, rng.randint(1, 5) + 1):
        if rng.random() < 0.2:
            moves.append({"date": f"{doc['tax_year']}-{month:02d}-10", "move": "conversion", "from": "ira",
                          "to": "roth", "amount": "all"})
            continue
        if left <= 0:
            break
        amount = "all" if rng.random() < 0.2 else min(left, Decimal(rng.randint(1, 10**8)) / 100)
        moves.append({"date": f"{doc['tax_year']}-{month:02d}-15", "move": "withdrawal", "from": "brk",
                      "amount": amount if amount == "all" else float(amount)})
        left = Decimal(0) if amount == "all" else left - amount
    doc["moves"] = moves
    return doc


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(seeds)
def test_sales_keep_money_and_basis(seed: int) -> None:
    doc = household(random.Random(seed))
    result = evaluate(load_text(json.dumps(doc), source="h.json")).to_json()
    check(doc, result)
    sold = [m for raw, m in zip(doc["moves"], result["moves"]) if raw["from"] == "brk" and m["permitted"]]
    gains = sum(c(m["taxable"]) for m in sold)
    lines = {line["key"]: line["value"] for line in result["lines"]}
    if sold:
        assert c(lines["accounts.brk.sales.gain"]) == gains
        assert c(lines["accounts.brk.sales.proceeds"]) == sum(c(m["taxable"]) + c(m["nontaxable"]) for m in sold)
    assert c(lines["schd.16"]) == gains  # the only capital gain or loss of the year
