"""Hypothesis strategies shared by the property tests (attrs' pattern)."""

from __future__ import annotations

import datetime as _dt
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
