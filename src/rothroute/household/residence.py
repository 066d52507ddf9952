"""The checks of meaning on where the household lives: ``state`` and the ``residence`` list."""

from __future__ import annotations

from typing import Any, Callable

from rothroute.household.model import Residence

Report = Callable[..., None]


def check(raw: Any, report: Report, tax_year: int | None) -> None:
    """``residence``: years strictly increasing; the first no later than the tax year (the file's
    year needs a state); ``state``, when both are given, the residence of the tax year."""
    doc = raw.value
    rows = [(where, r) for where, r in raw.items("residence") if raw.clean(where)]
    if not rows or len(rows) != len(doc.get("residence") or ()):
        return
    years = [r["from_year"] for _, r in rows]
    for (where, r), before in zip(rows[1:], years):
        if r["from_year"] <= before:
            report(f"{where}.from_year", f"a year after {before} (the entries go earliest first, one per year)",
                   str(r["from_year"]))
            return
    if tax_year is None:
        return
    if years[0] > tax_year:
        report("residence[0].from_year", f"a year no later than the tax year {tax_year} (the state of the file's "
               "year must be known)", str(years[0]))
        return
    state = raw.get("state", doc.get("state"))
    here = [r["state"] for r in doc["residence"] if r["from_year"] <= tax_year][-1]
    if state is not None and state != here:
        report("state", f"the state the residence list gives for {tax_year} ({here}), or no state", state)


def read(raw: dict[str, Any]) -> tuple[Residence, ...]:
    return tuple(Residence(from_year=r["from_year"], state=r["state"]) for r in raw.get("residence") or ())
