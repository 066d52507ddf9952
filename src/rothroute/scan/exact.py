"""The exact path: one household through the loader and ``rothroute compare`` itself (and the
optimizer with ``--optimize-years``). Every household the fast path does not take comes here,
and the fast path is tested against it. A household that cannot be priced becomes a row with
its status and codes and an error record (id, codes, where, message); it never stops the scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from rothroute.codes import registered
from rothroute.errors import HouseholdFileError, RothrouteError
from rothroute.scan.outcome import empty, from_comparison, optimize_cells


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorRecord:
    household_id: str
    codes: str
    where: str
    message: str

    def to_row(self) -> dict[str, str]:
        return {"household_id": self.household_id, "codes": self.codes, "where": self.where, "message": self.message}


def not_priced(household_id: str, status: str, codes: list[str], where: list[str], message: str,
               optimize: bool) -> tuple[dict[str, Any], ErrorRecord]:
    joined = ";".join(dict.fromkeys(registered(c) for c in codes))
    row = empty(household_id, optimize) | {"status": status, "codes": joined}
    return row, ErrorRecord(household_id=household_id, codes=joined, where=";".join(dict.fromkeys(where)),
                            message=message)


def price_household(household_id: str, load: Any, column_of: Any, goal: str, optimize_years: int | None
                    ) -> tuple[dict[str, Any], ErrorRecord | None]:
    """Price one household: ``load()`` gives the Household (or raises HouseholdFileError);
    ``column_of(where)`` names a problem's place in the input (a book column, a file's path)."""
    from rothroute.compare import NoStrategyError, compare

    optimize = optimize_years is not None
    try:
        h = load()
    except HouseholdFileError as exc:
        ps = exc.problems
        return not_priced(household_id, "refused", [p.code for p in ps], [column_of(p.where) for p in ps],
                          "; ".join(f"{column_of(p.where)}: {p.message}" for p in ps), optimize)
    try:
        c = compare(h, goal)
    except NoStrategyError as exc:
        return not_priced(household_id, "refused", ["nothing_to_compare"], [], str(exc), optimize)
    except RothrouteError as exc:
        return not_priced(household_id, "refused", ["household_refused"], [], f"{type(exc).__name__}: {exc}",
                          optimize)
    except Exception as exc:  # noqa: BLE001 - a bad household never stops the scan; the error file names it
        return not_priced(household_id, "failed", ["household_failed"], [], f"{type(exc).__name__}: {exc}", optimize)
    row = from_comparison(household_id, c)
    if optimize:
        row |= _optimized(h, optimize_years)
    return row, None


def _optimized(h: Any, years: int | None) -> dict[str, Any]:
    from rothroute.options import optimize_options, run_optimize

    try:
        return optimize_cells(run_optimize(h, optimize_options(years=years)))
    except RothrouteError as exc:
        return {"optimize_value_over_baseline": None, "optimize_conversion_this_year": None, "optimize_status": None,
                "optimize_gap": None, "optimize_codes": registered("optimize_refused") + f": {exc}"}


def price_row(row: Mapping[str, Any], goal: str, optimize_years: int | None, household_id: str
              ) -> tuple[dict[str, Any], ErrorRecord | None]:
    """A book row, priced exactly."""
    from rothroute.household.load import load_document
    from rothroute.scan.book import BookDoesNotFit, document_from_row
    from rothroute.textdoc import TextDoc

    try:
        rd = document_from_row(row)
    except BookDoesNotFit as exc:
        return not_priced(household_id, "refused", ["invalid_value"], [], str(exc), optimize_years is not None)
    return price_household(household_id, lambda: load_document(TextDoc(value=rd.document), source=household_id),
                           rd.column_of, goal, optimize_years)


def price_file(household_id: str, path: str, goal: str, optimize_years: int | None
               ) -> tuple[dict[str, Any], ErrorRecord | None]:
    """A household file, priced exactly (problems named by their place in the file, with the line)."""
    from rothroute.household.load import load_path

    lines: dict[str, int | None] = {}

    def load() -> Any:
        try:
            return load_path(Path(path))
        except HouseholdFileError as exc:
            lines.update({p.where: p.line for p in exc.problems})
            raise

    def column_of(where: str) -> str:
        line = lines.get(where)
        return f"{where} (line {line})" if line else where

    return price_household(household_id, load, column_of, goal, optimize_years)
