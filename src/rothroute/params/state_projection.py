"""State parameters for a plan's year that the state's file does not give, projected by a stated
rule (``data/state_projection/rules.yaml``), as ``params.projection`` projects the federal ones.

The single-year engine never projects: ``rothroute.state.state_tax`` refuses a year its file does
not give (``state_year_not_in_force``). A plan runs for decades past the years any state has
published, so ``state_year(code, year, inflation)`` gives the year as the file has it (and
``False``), or a ``StateYear`` projected from the state's last year given (and ``True``):
the amounts the state's law indexes (recorded per state, with the statute) grown by the plan's
inflation, everything else held. A year given with steps not yet published is that year with those
steps taken from the last year given in full, projected the same way. None for a state without a file (not modelled).

>>> from fractions import Fraction
>>> y, projected = state_year("CA", 2027, Fraction(3, 100))
>>> projected, y.steps["standard_deduction"]["single"]  # $5,706 x 1.03^2, to the dollar
(True, 605300)
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Mapping

from rothroute.errors import InvalidArgument, ParameterFileError
from rothroute.params.loader import DATA_DIR
from rothroute.params.schema import STATE_STEPS, ListOf, OrNull, Row
from rothroute.params.states import StateFile, StateYear, Step, state_file
from rothroute.textdoc import TextDocError, read

__all__ = ["last_full_year", "projection_note", "state_year"]

RULES_FILE = DATA_DIR / "state_projection" / "rules.yaml"
MAX_INFLATION = Fraction(20, 100)  # as the federal projection (projection.yaml's max_inflation)


@lru_cache(maxsize=1)
def _rules() -> Mapping[str, Any]:
    where = str(RULES_FILE)
    try:
        doc = read(RULES_FILE.read_text(encoding="utf-8")).value
    except TextDocError as exc:
        raise ParameterFileError(where, f"line {exc.line}", f"{exc.expected}; got {exc.got}") from None
    keys = ("parameter", "title", "law", "method", "indexed", "filled", "source")
    if not isinstance(doc, dict) or sorted(doc) != sorted(keys) or doc["parameter"] != "state_projection":
        raise ParameterFileError(where, "(document)", f"expected the keys {', '.join(keys)}")
    for code, rule in doc["indexed"].items():
        if not isinstance(rule, dict) or sorted(rule) != ["amounts", "law"] or not str(rule["law"]).strip():
            raise ParameterFileError(where, f"indexed.{code}", "expected amounts (step or step.key) and law")
        for path in rule["amounts"]:
            step, _, key = str(path).partition(".")
            if step not in STATE_STEPS or (key and not isinstance(STATE_STEPS[step], dict)) or \
                    (key and key not in STATE_STEPS[step]):
                raise ParameterFileError(where, f"indexed.{code}.amounts", f"unknown step or key '{path}'")
    for name, rule in doc["filled"].items():
        step, _, key = str((rule or {}).get("from", "")).partition(".")
        if name not in STATE_STEPS or not isinstance(rule, dict) or sorted(rule) != ["from", "law"] or \
                step not in STATE_STEPS or not isinstance(STATE_STEPS[step], dict) or key not in STATE_STEPS[step] \
                or not str(rule["law"]).strip():
            raise ParameterFileError(where, f"filled.{name}", "expected a refused step, from (step.key) and law")
    return doc


def last_full_year(f: StateFile) -> int | None:
    """The state's last year given with every step (none refused)."""
    full = [y for y, sy in f.years.items() if not sy.refused]
    return max(full) if full else None


def state_year(code: str, year: int, inflation: Fraction) -> tuple[StateYear | None, bool]:
    """The state's parameters of ``year`` and whether they are projected (see the module)."""
    if not 0 <= inflation <= MAX_INFLATION:
        raise InvalidArgument(f"inflation: expected 0% to {float(MAX_INFLATION):.0%}; got {float(inflation):.2%}")
    f = state_file(code)
    if f is None:
        return None, False
    given = f.years.get(year)
    if given is not None and not given.refused:
        return given, False
    base = last_full_year(f)
    if base is None or base > year:  # nothing is projected backwards
        return given, False
    if given is not None:
        return _filled(f, given, base, inflation), True
    latest = max(y for y in f.years if base <= y < year)  # the last year given (in part, its gaps filled)
    return _projected(f, latest, year, inflation), True


@lru_cache(maxsize=512)
def _filled(f: StateFile, given: StateYear, base: int, inflation: Fraction) -> StateYear:
    """A year the file gives with steps it refuses (values not yet published): the year as given, each
    refused step projected from ``base`` (a step the base year has), or the given step's key it stands for
    (rules.yaml's ``filled``) taken from the projected base year."""
    projected = _projected(f, base, given.year, inflation)
    steps = dict(given.steps)
    for name in given.refused:
        if name in projected.steps:
            steps[name] = projected.steps[name]
            continue
        rule = _rules()["filled"].get(name)
        step, _, key = str(rule["from"]).partition(".") if rule else ("", "", "")
        if step not in steps or step not in projected.steps:
            return projected  # nothing to fill the step from: the whole year as projected
        was = steps[step]
        steps[step] = Step(name=step, source=f"{was.source}; {key} {projected.steps[step].source} ({rule['law']})",
                           data=MappingProxyType({**was.data, key: projected.steps[step].data[key]}))
    return StateYear(state=f.state, year=given.year, steps=MappingProxyType(steps))


@lru_cache(maxsize=512)
def _projected(f: StateFile, base: int, year: int, inflation: Fraction) -> StateYear:
    rule = _rules()["indexed"].get(f.state)
    paths = [str(p) for p in rule["amounts"]] if rule else []
    factor = (1 + inflation) ** (year - base)
    last = f.years[base]
    if last.refused:  # a year given in part: its gaps filled from the last full year first
        last = _filled(f, last, last_full_year(f), inflation)
    steps = {}
    for name, step in last.steps.items():
        whole = name in paths
        keys = {p.partition(".")[2] for p in paths if p.startswith(name + ".")}
        if not whole and not keys:
            steps[name] = step
            continue
        spec = STATE_STEPS[name]
        data = {k: (_grown(v, spec[k] if isinstance(spec, dict) else spec, factor) if whole or k in keys else v)
                for k, v in step.data.items()}
        how = rule["law"] if rule else ""
        steps[name] = Step(name=name, source=f"projected from {base} ({step.source}) by the plan's inflation "
                                             f"assumption of {float(inflation):.2%} a year, as {how} indexes it",
                           data=MappingProxyType(data))
    return StateYear(state=f.state, year=year, steps=MappingProxyType(steps))


def _grown(value: Any, spec: Any, factor: Fraction) -> Any:
    """``value`` with each money amount in it times ``factor``, rounded to the nearest dollar."""
    if value is None:
        return None
    if isinstance(spec, OrNull):
        return _grown(value, spec.item, factor)
    if isinstance(spec, dict):
        return {k: _grown(v, spec.get(k), factor) for k, v in value.items()}
    if isinstance(spec, ListOf):
        return tuple(_grown(v, spec.item, factor) for v in value)
    if isinstance(spec, Row):
        return tuple(_grown(v, s, factor) for v, s in zip(value, spec.items))
    if spec in ("money", "money?"):
        dollars = Fraction(value, 100) * factor
        return int((2 * dollars.numerator + dollars.denominator) // (2 * dollars.denominator)) * 100
    return value


def projection_note(codes: set[str], years: set[tuple[str, int]] = frozenset()) -> list[str]:
    """The plan's note on how the state years it projected were priced (``codes``: those states;
    ``years``: the (state, year) pairs projected, to name the years given in part)."""
    if not codes:
        return []
    doc = _rules()
    out = [f"State years after the last a state's file gives: {doc['method']}"]
    for code in sorted(codes):
        rule = doc["indexed"].get(code)
        out.append(f"{code}: " + (f"indexed: {', '.join(map(str, rule['amounts']))} ({rule['law']}); the rest held"
                                   if rule else "no indexing recorded: every value held at the last given year's"))
    for code, year in sorted(years):
        f = state_file(code)
        given = f.years.get(year) if f else None
        if given is not None and given.refused and (base := last_full_year(f)) is not None and base < year:
            out.append(f"{code} {year}: as the file gives it, except what it cannot know yet "
                       f"({', '.join(sorted(given.refused))}: not yet published), taken from {base} as above")
    return out
