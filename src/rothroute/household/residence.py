"""The checks of meaning on where the household lives: ``state`` and the ``residence`` list."""

from __future__ import annotations

from typing import Any, Callable

from rothroute.household.model import Residence

Report = Callable[..., None]


def check(raw: Any, report: Report, tax_year: int | None) -> None:
    """``residence``: years strictly increasing; the first no later than the tax year (the file's
    year needs a state); ``state``, when both are given, the residence of the tax year;
    ``locality``, one of the tax year's state's."""
    _check_residence(raw, report, tax_year)
    _check_locality(raw, report, tax_year)


def _check_locality(raw: Any, report: Report, tax_year: int | None) -> None:
    """``locality`` names a local jurisdiction of the tax year's state whose income tax its return
    computes (Maryland's counties); a file with no such state cannot name one."""
    doc = raw.value
    locality = doc.get("locality")
    if locality is None or not raw.clean("locality") or tax_year is None:
        return
    state = doc.get("state")
    rows = doc.get("residence")
    if isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows):
        here = [r.get("state") for r in rows if isinstance(r.get("from_year"), int) and r["from_year"] <= tax_year]
        state = here[-1] if here else state
    from rothroute.params.states import state_file

    f = state_file(state) if isinstance(state, str) else None
    steps = [year.steps["local_income_tax"] for year in (f.years.values() if f else ()) if "local_income_tax" in year]
    if not steps:
        report("locality", "no locality: the tax year's state (" + (state or "none given") + ") has no local income tax "
               "rothroute computes on the state return (Maryland's counties only)", str(locality))
    elif locality not in steps[0]["counties"]:
        report("locality", f"one of {', '.join(steps[0]['counties'])} for {state}", str(locality))


def _check_residence(raw: Any, report: Report, tax_year: int | None) -> None:
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
