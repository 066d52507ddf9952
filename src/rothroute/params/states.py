"""Strict loading of the state income tax files (``data/states/<xx>.yaml``), one per jurisdiction.

A file names its state, the rule module that computes it (``rules``: ``chain`` for the generic
chain of steps, ``none`` for a state without a tax on wages, or the state's own module), and
for each tax year the steps that state's return takes, each step a mapping of its values and
the ``source`` of those values. ``not_in_force`` names the years a value cannot be known yet,
with the reason: such a year is refused for that state, never filled from another year (or, given
by step, only what needs that step is refused).

Every step and key is checked against ``schema.STATE_STEPS``: an unknown step or key, a missing
key or a missing source, a year outside 1913-2200 or a year both given and refused is a load
error naming the file and the place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from rothroute.errors import ParameterFileError
from rothroute.params.loader import DATA_DIR, _parsed
from rothroute.params.schema import STATE_HEADER, STATE_RULES, STATE_STEPS, check
from rothroute.textdoc import TextDocError, read

STATES_DIR = DATA_DIR / "states"


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Step:
    """One step of a state's return for one year: its values and their source."""

    name: str
    source: str
    data: Mapping[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class StateYear:
    """A state's steps for one tax year."""

    state: str
    year: int
    steps: Mapping[str, Step]
    refused: Mapping[str, str] = field(default_factory=dict)  # steps whose values cannot be known yet, and why

    def __contains__(self, name: str) -> bool:
        return name in self.steps

    def __getitem__(self, name: str) -> Step:
        return self.steps[name]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class StateFile:
    """Everything one state's file says."""

    state: str
    title: str
    law: str
    rules: str
    years: Mapping[int, StateYear]
    not_in_force: Mapping[int, str]
    path: str


def load_state(path: Path, *, cached: bool = False) -> StateFile:
    """One state file, checked. ``cached``: its parsed document may come from the user's cache,
    keyed by the file's bytes (``params.loader._parsed``: the checks below still run)."""
    where = str(path)
    doc = _parsed([path], "state").get(path) if cached else None
    if doc is None:
        try:
            doc = read(path.read_text(encoding="utf-8")).value
        except TextDocError as exc:
            raise ParameterFileError(where, f"line {exc.line}", f"{exc.expected}; got {exc.got}") from None
    if not isinstance(doc, dict):
        raise ParameterFileError(where, "(document)", "expected a mapping")
    allowed = (*STATE_HEADER, "years", "not_in_force")
    for key in doc:
        if key not in allowed:
            raise ParameterFileError(where, str(key), f"unknown key (allowed: {', '.join(allowed)})")
    for key in (*STATE_HEADER, "years"):
        if key not in doc:
            raise ParameterFileError(where, key, "missing key")
    if doc["parameter"] != "state_income_tax":
        raise ParameterFileError(where, "parameter", "expected state_income_tax")
    for key in ("state", "title", "law"):
        if not (isinstance(doc[key], str) and doc[key].strip()):
            raise ParameterFileError(where, key, "expected non-empty text")
    state = doc["state"]
    if path.stem != state.lower():
        raise ParameterFileError(where, "state", f"file name must be {state.lower()}.yaml")
    errors: list[str] = []
    rules = check(doc["rules"], STATE_RULES, "rules", errors)
    if errors:
        raise ParameterFileError(where, "rules", errors[0])
    refused: dict[int, str] = {}
    refused_steps: dict[int, dict[str, str]] = {}
    for year, reason in (doc.get("not_in_force") or {}).items():
        reasons = reason if isinstance(reason, dict) else {None: reason}
        if not _is_year(year) or not all((name is None or name in STATE_STEPS) and isinstance(text, str)
                                         and len(text.strip()) > 15 for name, text in reasons.items()):
            raise ParameterFileError(where, f"not_in_force.{year}", "expected a tax year and the reason, with its "
                                     "authority, that its values cannot be known (or, by step, the reason for each)")
        if isinstance(reason, dict):
            refused_steps[year] = reason
        else:
            refused[year] = reason
    years = doc["years"]
    if not isinstance(years, dict) or not years:
        raise ParameterFileError(where, "years", "expected a mapping of tax years")
    out: dict[int, StateYear] = {}
    for year, block in years.items():
        if not _is_year(year):
            raise ParameterFileError(where, f"years.{year}", "expected a tax year (a whole number)")
        if year in refused:
            raise ParameterFileError(where, f"years.{year}", "a year is either given or not_in_force, not both")
        if not isinstance(block, dict) or not block:
            raise ParameterFileError(where, f"years.{year}", "expected a mapping of steps")
        steps: dict[str, Step] = {}
        for name, values in block.items():
            place = f"years.{year}.{name}"
            if name not in STATE_STEPS:
                raise ParameterFileError(where, place, f"unknown step '{name}' (allowed: {', '.join(STATE_STEPS)})")
            if not isinstance(values, dict):
                raise ParameterFileError(where, place, "expected a mapping of the step's values and its source")
            source = values.get("source")
            step_errors: list[str] = []
            if not (isinstance(source, str) and len(source.strip()) > 15):
                step_errors.append(f"{place}: missing 'source' (every value needs its source)")
            data = check({k: v for k, v in values.items() if k != "source"}, STATE_STEPS[name], place, step_errors)
            if step_errors:
                raise ParameterFileError(where, place, "; ".join(step_errors))
            steps[name] = Step(name=name, source=source, data=MappingProxyType(data))
        for name in refused_steps.get(year, {}):
            if name in steps:
                raise ParameterFileError(where, f"years.{year}.{name}", "a step is either given or not_in_force, not both")
        out[year] = StateYear(state=state, year=year, steps=MappingProxyType(steps),
                              refused=MappingProxyType(refused_steps.get(year, {})))
    return StateFile(state=state, title=doc["title"], law=doc["law"], rules=rules, years=MappingProxyType(out),
                     not_in_force=MappingProxyType(refused), path=where)


def _is_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1913 <= value <= 2200


def load_states(directory: Path = STATES_DIR) -> Mapping[str, StateFile]:
    """Every state file in ``directory``, checked; keyed by the state's code."""
    files: dict[str, StateFile] = {}
    for path in sorted(directory.glob("*.yaml")):
        f = load_state(path)
        files[f.state] = f
    return MappingProxyType(files)


@lru_cache(maxsize=1)
def state_files() -> Mapping[str, StateFile]:
    """The state files shipped with rothroute (loaded once per process; the same objects as
    ``state_file`` gives)."""
    files: dict[str, StateFile] = {}
    for path in sorted(STATES_DIR.glob("*.yaml")):
        f = _shipped(path.stem.upper())
        if f is not None:
            files[f.state] = f
    return MappingProxyType(files)


def state_file(code: str) -> StateFile | None:
    """The shipped file of one state, or None when rothroute has none yet. Only that state's file
    is read (a household's year needs one state, not all of them)."""
    return _shipped(code) if isinstance(code, str) and len(code) == 2 and code.isalpha() else None


@lru_cache(maxsize=64)
def _shipped(code: str) -> StateFile | None:
    path = STATES_DIR / f"{code.lower()}.yaml"
    if not path.is_file():
        return None
    f = load_state(path, cached=True)
    return f if f.state == code else None
