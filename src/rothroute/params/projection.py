"""Parameters for years after the last enacted one, projected by a stated rule.

This is a separate, explicit API: ``rothroute.params.for_year`` stays strict and never carries
a value forward. ``year_params(year, inflation)`` gives the enacted parameters of an enacted
year (and ``False``), or parameters projected from the LAST enacted year (and ``True``); every
projected family is marked ``projected=True`` and its ``source`` says how it was projected.

The rule of each family lives in ``data/projection.yaml`` (checked by the strict loader against
``schema.PROJECTION_RULES``): whether it is indexed, how each indexed amount is rounded (the
increase or the amount, down or to the nearest step, as its statute says), the amounts that
follow from others by statute (joint = twice single, ...), and the citation. An indexed amount
is ``last enacted × (1 + inflation) ** years``, computed exactly (``Fraction``) and rounded
once. Families that change by law on their own (the senior deduction ends after 2028, the SALT
cap grows 1% a year through 2029 and reverts in 2030) follow their own dated rule.

>>> from fractions import Fraction
>>> yp, projected = year_params(2027, Fraction(3, 100))
>>> projected, yp.standard_deduction["single"]  # 16,100 + (483 rounded down to $50) dollars
(True, 1655000)
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping, Sequence

from rothroute.errors import InvalidArgument, InvalidType, ParameterFileError, ParameterNotInForce
from rothroute.params.loader import DATA_DIR, Family, YearParams, default_set, for_year, standing_family
from rothroute.params.schema import YEARLY, ListOf, OrNull, Row

__all__ = ["irmaa_for_tax_year", "projection_notes", "year_params"]

RULES_FILE = DATA_DIR / "projection.yaml"

Path = tuple[str | int, ...]


def year_params(year: int, inflation: Fraction) -> tuple[YearParams, bool]:
    """The parameters of tax ``year`` and whether they are projected.

    An enacted year gives its enacted ``YearParams`` unchanged and ``False``. A year after the
    last enacted one gives parameters projected from the last enacted year and ``True``.
    ``inflation`` is a yearly rate (``Fraction(5, 200)`` for 2.5%), from 0 to the
    ``max_inflation`` of projection.yaml (20%). A year before the first enacted one raises
    ``ParameterNotInForce``: nothing is projected backwards.
    """
    if not isinstance(year, int) or isinstance(year, bool):
        raise InvalidType(f"year must be a whole number, not {type(year).__name__}: {year!r}")
    rate = _inflation(inflation)
    enacted = default_set().enacted_years
    if year in enacted:
        return for_year(year), False
    if year < enacted[-1]:
        raise ParameterNotInForce("tax year parameters", year, enacted)
    return _projected(year, rate), True


def irmaa_for_tax_year(tax_year: int, inflation: Fraction) -> tuple[Family, bool]:
    """The IRMAA table that MAGI of ``tax_year`` sets (the premium year two years later: the
    irmaa file is keyed by premium year) and whether it is projected; pass it as ``irmaa`` to
    ``rothroute.tax.federal.federal_tax`` with the projected ``params``."""
    tables = default_set().yearly["irmaa"]
    sample = tables[max(tables)]
    lookback = sample.year - sample["magi_year"]  # 20 CFR §418.1115: MAGI of two years before
    yp, projected = year_params(tax_year + lookback, inflation)
    return yp.irmaa, projected


def projection_notes() -> list[str]:
    """The projection method, then one plain sentence per year-keyed family saying how it is
    projected, with its citation (for the "assumptions" of an output)."""
    rules = _rules()
    last = default_set().enacted_years[-1]
    notes = [f"Years after {last} use projected parameters, not enacted law. {rules['method']}"]
    for name in YEARLY:
        rule = rules["families"][name]
        notes.append(f"{rule['note']} ({rule['law']})")
    return notes


# ---------------------------------------------------------------------------------------------


def _inflation(value: Any) -> Fraction:
    if isinstance(value, float):
        raise InvalidType(f"inflation must be exact (a Fraction, e.g. Fraction(5, 200) for 2.5%), not a float: {value!r}")
    if isinstance(value, bool) or not isinstance(value, (Fraction, int, Decimal)):
        raise InvalidType(f"inflation must be a Fraction (e.g. Fraction(5, 200) for 2.5%); got {value!r}")
    rate = Fraction(value)
    ceiling = _rules()["max_inflation"]
    if rate < 0 or rate > ceiling:
        raise InvalidArgument(f"inflation must be a yearly rate from 0% to {_percent(ceiling)} "
                         f"(e.g. Fraction(5, 200) for 2.5%); got {value} ({_percent(rate)} a year)")
    return rate


def _percent(rate: Fraction) -> str:
    text = f"{Decimal(rate.numerator) / Decimal(rate.denominator) * 100:.4f}".rstrip("0").rstrip(".")
    return f"{text}%"


@lru_cache(maxsize=128)
def _projected(year: int, rate: Fraction) -> YearParams:
    ps = default_set()
    last = ps.enacted_years[-1]
    base = for_year(last)
    families = _rules()["families"]
    return ps.assemble(year, lambda name: _project(getattr(base, name), families[name], year, rate))


def _kind(rule: Mapping[str, Any]) -> str:
    if "in_effect_through" in rule:
        return "temporary"
    if "growth" in rule:
        return "scheduled"
    if "amounts" in rule:
        return "indexed"
    return "fixed"


def _project(enacted: Family, rule: Mapping[str, Any], year: int, rate: Fraction) -> Family:
    kind = _kind(rule)
    last = enacted.year
    assert last is not None
    how = f"{rule['note']} [{rule['law']}]"
    if kind == "fixed":
        data: Mapping[str, Any] = enacted.data
        what = f"not indexed: the {last} enacted values unchanged"
    elif kind == "temporary":
        if year <= rule["in_effect_through"]:
            data, what = enacted.data, f"the {last} enacted values unchanged (in effect through {rule['in_effect_through']})"
        else:
            data, what = rule["not_in_effect"], f"not in effect after {rule['in_effect_through']}"
    elif kind == "scheduled":
        if year >= rule["reverts_from"]:
            data, what = rule["reverted"], f"the values the statute sets from {rule['reverts_from']}"
        else:
            data = _indexed(enacted, rule, year, rule["growth"])
            what = f"the {last} enacted values grown {_percent(rule['growth'])} a year by statute"
    else:
        data = _indexed(enacted, rule, year, rate)
        what = f"the {last} enacted values indexed at {_percent(rate)} a year inflation (the stated assumption)"
    if "magi_year" in data:  # IRMAA: a premium year's tiers use MAGI of the same lookback
        data = {**data, "magi_year": year - (last - enacted["magi_year"])}
    source = (f"PROJECTED for {year}, not enacted: {what}. Rule: {how}. "
              f"Projected from the {last} value, whose source is: {enacted.source}")
    return Family(name=enacted.name, year=year, title=enacted.title, law=enacted.law, source=source,
                  data=MappingProxyType(dict(data)), projected=True)


def _indexed(enacted: Family, rule: Mapping[str, Any], year: int, growth: Fraction) -> dict[str, Any]:
    """The enacted data with every rule applied: indexed amounts, then derived ones, then gaps."""
    last = enacted.year
    assert last is not None
    old = enacted.data
    out = _thaw(old)
    for path_text, step, rounding, rounds, indexed_from in rule["amounts"]:
        first = last + 1 if indexed_from is None else max(last + 1, indexed_from)
        factor = (1 + growth) ** max(0, year - first + 1)
        for path in _in_family(enacted, path_text):
            value = _get(old, path)
            if value is None:
                continue
            if rounds == "amount":
                new = _round(value * factor, step, rounding)
            else:
                new = value + _round(value * (factor - 1), step, rounding)
            _set(out, path, new)
    for target, source, multiple, less in rule["derived"] or ():
        for t, s, minus in _pairs(target, source, less, lambda text: _in_family(enacted, text)):
            value = _get(out, s)
            if value is None:
                _set(out, t, None)
                continue
            amount = value * multiple - (0 if minus is None else _get(out, minus))
            _set(out, t, _round(Fraction(amount), 1, "nearest"))
    for target, source in rule["gaps"] or ():
        for t, s, _ in _pairs(target, source, None, lambda text: _in_family(enacted, text)):
            if _get(old, t) is None or _get(old, s) is None:
                continue
            _set(out, t, _get(out, s) + (_get(old, t) - _get(old, s)))
    return _freeze(out)


def _round(amount: Fraction, step: int, rounding: str) -> int:
    """``amount`` (cents) to a multiple of ``step`` cents: down, or to the nearest (half up)."""
    q = Fraction(amount) / step
    return (math.floor(q) if rounding == "down" else math.floor(q + Fraction(1, 2))) * step


# --- paths into a family's data ---------------------------------------------------------------


def _money_leaves(spec: Any, value: Any, prefix: Path = ()) -> list[Path]:
    """Paths of the money values of a family's data, in order (null values included)."""
    if isinstance(spec, dict):
        return [p for key, sub in spec.items() for p in _money_leaves(sub, value[key], prefix + (key,))]
    if isinstance(spec, Row):
        return [p for i, sub in enumerate(spec.items) for p in _money_leaves(sub, value[i], prefix + (i,))]
    if isinstance(spec, ListOf):
        return [p for i, v in enumerate(value) for p in _money_leaves(spec.item, v, prefix + (i,))]
    if isinstance(spec, OrNull):
        return [] if value is None else _money_leaves(spec.item, value, prefix)
    if isinstance(spec, str) and spec.rstrip("?") == "money":
        return [prefix]
    return []


@lru_cache(maxsize=8192)
def _in_family(enacted: Family, path_text: str) -> tuple[Path, ...]:
    """The money leaves of an enacted family at or under ``path_text``: the same for every year projected from it,
    so figured once (``Family`` hashes by identity)."""
    return tuple(_match(path_text, _money_leaves(YEARLY[enacted.name], enacted.data)))


def _match(path_text: str, leaves: list[Path]) -> list[Path]:
    """The money leaves at or under ``path_text`` (dot-separated keys and positions, ``*`` for
    every position)."""
    segments = path_text.split(".")

    def fits(leaf: Path) -> bool:
        if len(leaf) < len(segments):
            return False
        for seg, part in zip(segments, leaf):
            if seg == "*":
                if not isinstance(part, int):
                    return False
            elif isinstance(part, int):
                if not seg.isdigit() or int(seg) != part:
                    return False
            elif seg != part:
                return False
        return True

    return [leaf for leaf in leaves if fits(leaf)]


def _pairs(target: str, source: str, less: str | None, match: Callable[[str], Sequence[Path]]
           ) -> Iterator[tuple[Path, Path, Path | None]]:
    """Target, source and ``less`` paths paired up, each found by ``match`` (a path text's money leaves)."""
    ts, ss = list(match(target)), list(match(source))
    ls: list[Path | None] = [None] * len(ts) if less is None else list(match(less))
    if len(ss) == 1:
        ss = ss * len(ts)
    if len(ls) == 1:
        ls = ls * len(ts)
    if not ts or len(ss) != len(ts) or len(ls) != len(ts):
        raise ValueError(f"'{target}' and '{source}'{'' if less is None else f' and {less!r}'} do not pair up")
    yield from zip(ts, ss, ls)


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


# --- the rules, checked against the last enacted year -----------------------------------------


@lru_cache(maxsize=1)
def _rules() -> Mapping[str, Any]:
    """projection.yaml's standing block, with every path checked against the last enacted
    values: each money value of an indexed family is set by exactly one rule, and a derived
    amount or gap only reads values set before it."""
    ps = default_set()
    rules = standing_family("projection").data
    last = for_year(ps.enacted_years[-1])
    for name, rule in rules["families"].items():
        where = f"standing.families.{name}"
        kind = _kind(rule)
        if rule["indexed"] != (kind == "indexed"):
            raise ParameterFileError(str(RULES_FILE), where, f"'indexed' must be {str(kind == 'indexed').lower()} for a "
                                     f"{kind} rule")
        if kind == "scheduled" and rule["reverts_from"] != rule["grows_through"] + 1:
            raise ParameterFileError(str(RULES_FILE), where, "reverts_from must be the year after grows_through")
        if kind in ("indexed", "scheduled"):
            problem = _coverage_problem(rule, _money_leaves(YEARLY[name], getattr(last, name).data))
            if problem:
                raise ParameterFileError(str(RULES_FILE), where, problem)
    return rules


def _coverage_problem(rule: Mapping[str, Any], leaves: list[Path]) -> str | None:
    set_by: dict[Path, str] = {}

    def claim(paths: list[Path], how: str, text: str) -> str | None:
        if not paths:
            return f"{how} '{text}' names no money value"
        for p in paths:
            if p in set_by:
                return f"{'.'.join(map(str, p))} is set twice ({set_by[p]} and {how})"
            set_by[p] = how
        return None

    def read(paths: list[Path], how: str) -> str | None:
        unset = [p for p in paths if p not in set_by]
        return f"{how} reads {'.'.join(map(str, unset[0]))} before any rule sets it" if unset else None

    for text in rule["fixed"] or ():
        if problem := claim(_match(text, leaves), "fixed", text):
            return problem
    for row in rule["amounts"]:
        if problem := claim(_match(row[0], leaves), "amounts", row[0]):
            return problem
    for target, source, _, less in rule["derived"] or ():
        try:
            pairs = list(_pairs(target, source, less, lambda text: _match(text, leaves)))
        except ValueError as exc:
            return f"derived: {exc}"
        sources = [s for _, s, _ in pairs] + [m for _, _, m in pairs if m is not None]
        if problem := read(sources, f"derived '{target}'") or claim([t for t, _, _ in pairs], "derived", target):
            return problem
    for target, source in rule["gaps"] or ():
        try:
            pairs = list(_pairs(target, source, None, lambda text: _match(text, leaves)))
        except ValueError as exc:
            return f"gaps: {exc}"
        if problem := read([s for _, s, _ in pairs], f"gap '{target}'") or claim([t for t, _, _ in pairs], "gaps", target):
            return problem
    missing = [p for p in leaves if p not in set_by]
    if missing:
        return f"no rule for {', '.join('.'.join(map(str, p)) for p in missing)} (list it under fixed if it stays as enacted)"
    return None
