"""The shape of every parameter file, and a strict checker of values against it.

A spec is one of: a leaf name (``money``, ``money?``, ``rate``, ``int``, ``age``, ``bool``,
``date``, ``date?``, ``text``), a ``dict`` of exact keys, ``Row(...)`` (a fixed-length list),
``ListOf(spec)`` or ``TableOf(spec)`` (an int-keyed mapping). Unknown keys, missing keys and
values of the wrong type are errors naming the place.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from rothroute.money import cents
from rothroute.vocab import FILING_STATUSES


@dataclass(frozen=True)
class Row:
    items: tuple[Any, ...]


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass(frozen=True)
class TableOf:
    item: Any


def by_status(spec: Any, **extra: Any) -> dict[str, Any]:
    out = {str(s): spec for s in FILING_STATUSES}
    out.update(extra)
    return out


_RANGE = Row(("money", "money"))
_TIER = Row(("money", "bool", "money", "money"))

#: spec of one year's block of each year-keyed parameter file (``source`` is added to each)
YEARLY: dict[str, dict[str, Any]] = {
    "ordinary_brackets": by_status(ListOf(Row(("money", "rate")))),
    "standard_deduction": by_status("money"),
    "aged_blind_addition": by_status("money", age="int"),
    "senior_deduction": by_status("money?", age="int", amount="money", phaseout_rate="rate"),
    "capital_gains_thresholds": by_status(_RANGE, rates=Row(("rate", "rate", "rate"))),
    "niit": by_status("money", rate="rate"),
    "social_security_taxation": by_status(_RANGE, rates=Row(("rate", "rate")), married_separate_lived_apart=_RANGE),
    "irmaa": {"magi_year": "int", "part_b_standard": "money", "single": ListOf(_TIER),
              "married_joint": ListOf(_TIER), "married_separate": ListOf(_TIER)},
    "retirement_limits": {k: "money?" for k in (
        "elective_deferral", "catch_up_50", "catch_up_60_63", "annual_additions", "ira_limit",
        "ira_catch_up_50", "roth_catch_up_wage_threshold", "qcd_limit")},
    "roth_ira_phaseout": by_status(_RANGE),
    "ira_deduction_phaseout": by_status(_RANGE, spouse_covered_married_joint=_RANGE,
                                        spouse_covered_married_separate=_RANGE),
    "salt_cap": by_status(Row(("money", "money?", "rate", "money"))),
    "elderly_credit": by_status(Row(("money", "money?", "money")), rate="rate", agi_reduction_rate="rate"),
    "amt": by_status(Row(("money", "money", "money")), rates=Row(("rate", "rate")), phaseout_rate="rate",
                     married_separate_addback_rate="rate"),
}

#: spec of the ``standing`` block of parameter files that do not change by year
STANDING: dict[str, dict[str, Any]] = {
    "rmd": {"applies_from": "int", "applicable_age": ListOf(Row(("date", "date?", "age", "text"))),
            "uniform_lifetime_table": TableOf("age")},
}

HEADER = ("parameter", "title", "law")


def check(value: Any, spec: Any, where: str, errors: list[str]) -> Any:
    """Check ``value`` against ``spec``; return it converted (cents, Fraction, date), or None."""
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            errors.append(f"{where}: expected a mapping with keys {sorted(spec)}; got {type(value).__name__}")
            return None
        for key in value:
            if key not in spec:
                errors.append(f"{where}: unknown key '{key}' (allowed: {', '.join(sorted(spec))})")
        out = {}
        for key, sub in spec.items():
            if key not in value:
                errors.append(f"{where}: missing key '{key}'")
                continue
            out[key] = check(value[key], sub, f"{where}.{key}", errors)
        return out
    if isinstance(spec, Row):
        if not isinstance(value, list) or len(value) != len(spec.items):
            errors.append(f"{where}: expected a list of {len(spec.items)} ({', '.join(map(str, spec.items))}); got {value!r}")
            return None
        return tuple(check(v, s, f"{where}[{i}]", errors) for i, (v, s) in enumerate(zip(value, spec.items)))
    if isinstance(spec, ListOf):
        if not isinstance(value, list) or not value:
            errors.append(f"{where}: expected a non-empty list; got {value!r}")
            return None
        return tuple(check(v, spec.item, f"{where}[{i}]", errors) for i, v in enumerate(value))
    if isinstance(spec, TableOf):
        if not isinstance(value, dict) or not all(isinstance(k, int) and not isinstance(k, bool) for k in value):
            errors.append(f"{where}: expected a mapping keyed by whole numbers; got {value!r}")
            return None
        return {k: check(v, spec.item, f"{where}.{k}", errors) for k, v in value.items()}
    return _leaf(value, spec, where, errors)


def _leaf(value: Any, spec: str, where: str, errors: list[str]) -> Any:
    if spec.endswith("?"):
        if value is None:
            return None
        spec = spec[:-1]
    ok: Any = None
    if spec == "money" and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        try:
            ok = cents(value)
        except ValueError:
            ok = None
    elif spec == "rate" and isinstance(value, (int, Decimal)) and not isinstance(value, bool) and 0 <= value <= 1:
        ok = Fraction(value)
    elif spec == "age" and isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value >= 0:
        ok = Fraction(value)
    elif spec == "int" and isinstance(value, int) and not isinstance(value, bool):
        ok = value
    elif spec == "bool" and isinstance(value, bool):
        ok = value
    elif spec == "date" and isinstance(value, _dt.date):
        ok = value
    elif spec == "text" and isinstance(value, str) and value.strip():
        ok = value
    if ok is None:
        errors.append(f"{where}: expected {spec}; got {value!r}")
    return ok
