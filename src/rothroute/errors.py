"""Errors and issues.

Input problems are values (``Problem``), collected and reported together; exceptions are for
a file that cannot be used at all, for misuse of the API and for bugs::

    RothrouteError                 base of everything rothroute raises on purpose
    ├── HouseholdFileError         a household file with problems (carries every Problem)
    ├── TextDocError               text that is not a readable YAML/JSON document (textdoc)
    ├── MoveError                  a move whose fields cannot be read (household.moves)
    ├── ParameterFileError         a parameter data file that breaks the parameter schema
    ├── ParameterNotInForce        a tax year (or premium year) outside the enacted range
    ├── InvalidArgument            a value given through the Python API outside its domain
    │                              (also a ValueError, or a TypeError for the wrong type)
    ├── NoStrategyError            compare: the household allows no strategy (compare)
    ├── OptimizeError              an input the optimizer cannot plan; ``field`` names it
    └── PlanError                  a plan year the engine refuses (optimize.horizon)

Errors that also derive from ``ValueError`` or ``TypeError`` say so in their class, so callers
that catch those keep working.

``Issue`` is a finding about a computed result (a refused move, an assumption made), carried
in the result's ``issues`` list, never raised.
"""

from __future__ import annotations

from dataclasses import dataclass

from rothroute.codes import known
from rothroute.vocab import Severity


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing wrong with an input, at one place in it."""

    where: str  # path in the document, e.g. "accounts[2].sources.after_tax.earnings"
    expected: str
    got: str
    line: int | None = None  # 1-based line in the source text, when known
    source: str = ""  # file name
    code: str = "invalid_value"  # a code of the registry (``rothroute.codes``): what kind of problem

    def __post_init__(self) -> None:
        _registered(self.code)

    def __str__(self) -> str:
        place = self.source or "<input>"
        if self.line is not None:
            place = f"{place}:{self.line}"
        return f"{place}: {self.where}: {self.message}"

    @property
    def message(self) -> str:
        return f"expected {self.expected}; got {self.got}"

    def to_json(self) -> dict[str, object]:
        """The problem in the shape of a result's issue (``Issue.to_json``), with its line."""
        return {"severity": "error", "code": self.code, "where": self.where, "message": self.message,
                "cites": [], "line": self.line, "expected": self.expected, "got": self.got}


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """A finding about a result: an error that stopped something, or a warning or note."""

    severity: Severity
    code: str
    where: str
    message: str
    cites: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _registered(self.code)

    def to_json(self) -> dict[str, object]:
        return {
            "severity": str(self.severity),
            "code": self.code,
            "where": self.where,
            "message": self.message,
            "cites": list(self.cites),
        }


def _registered(code: str) -> None:
    if not known(code):
        raise ValueError(f"issue code {code!r} is not in the registry (rothroute/codes.py)")


class RothrouteError(Exception):
    """Base class of the errors rothroute raises on purpose."""


class InvalidArgument(RothrouteError, ValueError):
    """A value given through the Python API outside its domain (a rate, an amount, a column)."""


class InvalidType(RothrouteError, TypeError):
    """A value of the wrong type given through the Python API (e.g. a float for money)."""


class HouseholdFileError(RothrouteError):
    """A household file that cannot be evaluated; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the household file"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class ParameterFileError(RothrouteError):
    """A parameter data file that breaks the parameter schema."""

    def __init__(self, path: str, where: str, message: str) -> None:
        self.path, self.where = path, where
        super().__init__(f"{path}: {where}: {message}")


class ParameterNotInForce(RothrouteError):
    """A year for which a parameter has no enacted value."""

    def __init__(self, name: str, year: int, enacted: tuple[int, ...]) -> None:
        self.name, self.year, self.enacted = name, year, enacted
        years = ", ".join(str(y) for y in enacted)
        super().__init__(
            f"no enacted value of '{name}' for {year}; years in force: {years}. "
            "rothroute never carries a value forward silently."
        )
