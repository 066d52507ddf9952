"""Strict loading of the parameter files into typed, frozen, per-year parameters."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from rothroute.errors import ParameterFileError, ParameterNotInForce
from rothroute.params.schema import HEADER, STANDING, YEARLY, check
from rothroute.textdoc import TextDocError, read

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Family:
    """One parameter family's values for one year (or standing values), with their source.

    ``projected`` is True for values projected past the enacted years by a stated rule
    (``rothroute.params.projection``), never for enacted values."""

    name: str
    year: int | None
    title: str
    law: str
    source: str
    data: Mapping[str, Any]
    projected: bool = False

    def __getitem__(self, key: str) -> Any:
        return self.data[key]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class YearParams:
    """All parameters in force for one tax year."""

    year: int
    ordinary_brackets: Family
    standard_deduction: Family
    aged_blind_addition: Family
    senior_deduction: Family
    capital_gains_thresholds: Family
    niit: Family
    social_security_taxation: Family
    irmaa: Family
    retirement_limits: Family
    roth_ira_phaseout: Family
    ira_deduction_phaseout: Family
    salt_cap: Family
    amt: Family
    elderly_credit: Family
    charitable_deduction: Family
    rmd: Family


@dataclass(frozen=True, slots=True)
class ParamSet:
    """Every parameter file, checked. ``yearly[name][year]`` and ``standing[name]``."""

    yearly: Mapping[str, Mapping[int, Family]]
    standing: Mapping[str, Family]

    @property
    def enacted_years(self) -> tuple[int, ...]:
        """Tax years for which every year-keyed family has an enacted value."""
        sets = [set(by_year) for by_year in self.yearly.values()]
        return tuple(sorted(set.intersection(*sets)))

    def family(self, name: str, year: int) -> Family:
        by_year = self.yearly[name]
        if year not in by_year:
            raise ParameterNotInForce(name, year, tuple(sorted(by_year)))
        return by_year[year]

    def for_year(self, year: int) -> YearParams:
        enacted = self.enacted_years
        if year not in enacted:
            raise ParameterNotInForce("tax year parameters", year, enacted)
        return self.assemble(year, lambda name: self.yearly[name][year])

    def assemble(self, year: int, yearly: Any) -> YearParams:
        """A year's parameters: the standing families, and ``yearly(name)`` for each year-keyed one."""
        values: dict[str, Any] = {"year": year}
        for f in fields(YearParams):
            if f.name != "year":
                values[f.name] = self.standing[f.name] if f.name in self.standing else yearly(f.name)
        return YearParams(**values)


ON_DEMAND = ("projection", "premium_tax_credit")  # standing files no tax year needs: read when first asked for (standing_family)


def load(data_dir: Path = DATA_DIR) -> ParamSet:
    """Load and check every ``*.yaml`` in ``data_dir`` but the ``ON_DEMAND`` ones (which must
    exist); raise ``ParameterFileError`` on any fault."""
    yearly: dict[str, dict[int, Family]] = {}
    standing: dict[str, Family] = {}
    for name in ON_DEMAND:
        if not (data_dir / f"{name}.yaml").is_file():
            raise ParameterFileError(str(data_dir), name, "no parameter file for this family")
    paths = [path for path in sorted(data_dir.glob("*.yaml")) if path.stem not in ON_DEMAND]
    documents = _parsed(paths)
    for path in paths:
        name, families = _load_file(path, documents.get(path))
        if isinstance(families, Family):
            standing[name] = families
        else:
            yearly[name] = families
    for expected in (*YEARLY, *STANDING):
        if expected not in yearly and expected not in standing and expected not in ON_DEMAND:
            raise ParameterFileError(str(data_dir), expected, "no parameter file for this family")
    return ParamSet(yearly=MappingProxyType(yearly), standing=MappingProxyType(standing))


def _parsed(paths: list[Path], kind: str = "params") -> dict[Path, Any]:
    """The files' parsed documents from the user's cache (``rothroute.cache``), keyed by their
    exact bytes and the reader's version, or read now and kept for the next process. The checks of
    every value still run on each load; only the YAML reading is saved. The cache is JSON (never
    pickle: reading it runs no code), and anything wrong with it means reading the files again.
    ``kind`` names the cache file (``params``: the federal files; ``state``: one state's file)."""
    import hashlib

    import rothroute.cache as cache

    texts = [path.read_bytes() for path in paths]
    digest = hashlib.sha256(b"\0".join([_CACHE_VERSION] + [p.name.encode() + b"\0" + t
                                                           for p, t in zip(paths, texts)])).hexdigest()[:24]
    name = f"{kind}-{digest}.json"
    kept = cache.read(name)
    if kept is not None:
        try:
            documents = json.loads(kept, object_hook=_decoded)
            if isinstance(documents, list) and len(documents) == len(paths):
                return dict(zip(paths, documents))
        except (ValueError, TypeError, KeyError, RecursionError):
            pass  # a corrupt cache file: read the files again, and write it anew
    try:
        documents = [read(t.decode("utf-8")).value for t in texts]
    except (TextDocError, UnicodeDecodeError):
        return {}  # a broken file: parsed again one by one, so its error names it
    cache.write(name, json.dumps(_plain(documents), separators=(",", ":")).encode())
    return dict(zip(paths, documents))


_CACHE_VERSION = b"rothroute-params-3"  # the reader's version: a new reading of the files, a new key


def _plain(value: Any) -> Any:
    """A document as JSON can hold it: Decimals as {"$decimal": text}, a mapping with keys other
    than text (years) as {"$map": [[key, value], ...]}."""
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and not ({"$decimal", "$map"} & set(value)):
            return {k: _plain(v) for k, v in value.items()}
        return {"$map": [[k, _plain(v)] for k, v in value.items()]}
    return value


def _decoded(obj: dict[str, Any]) -> Any:
    if "$decimal" in obj:
        return Decimal(obj["$decimal"])
    if "$map" in obj:
        return dict((k, v) for k, v in obj["$map"])
    return obj


def _load_file(path: Path, doc: Any = None) -> tuple[str, dict[int, Family] | Family]:
    where = str(path)
    if doc is None:
        try:
            doc = read(path.read_text(encoding="utf-8")).value
        except TextDocError as exc:
            raise ParameterFileError(where, f"line {exc.line}", f"{exc.expected}; got {exc.got}") from None
    if not isinstance(doc, dict):
        raise ParameterFileError(where, "(document)", "expected a mapping")
    name = doc.get("parameter")
    if name not in YEARLY and name not in STANDING:
        raise ParameterFileError(where, "parameter", f"unknown parameter family {name!r}")
    if path.stem != name:
        raise ParameterFileError(where, "parameter", f"file name must be {name}.yaml")
    body_key = "years" if name in YEARLY else "standing"
    for key in doc:
        if key not in (*HEADER, body_key):
            raise ParameterFileError(where, str(key), f"unknown key (allowed: {', '.join((*HEADER, body_key))})")
    for key in (*HEADER, body_key):
        if key not in doc:
            raise ParameterFileError(where, key, "missing key")
        if key in HEADER and not (isinstance(doc[key], str) and doc[key].strip()):
            raise ParameterFileError(where, key, "expected non-empty text")
    title, law = doc["title"], doc["law"]
    if name in STANDING:
        block = doc["standing"]
        errors: list[str] = []
        source = block.get("source") if isinstance(block, dict) else None
        data = check({k: v for k, v in block.items() if k != "source"} if isinstance(block, dict) else block,
                     STANDING[name], "standing", errors)
        if not (isinstance(source, str) and source.strip()):
            errors.append("standing: missing 'source' (every value needs its source)")
        if errors:
            raise ParameterFileError(where, errors[0].split(":")[0], "; ".join(errors))
        return name, Family(name=name, year=None, title=title, law=law, source=source,
                            data=MappingProxyType(data))
    years = doc["years"]
    if not isinstance(years, dict) or not years:
        raise ParameterFileError(where, "years", "expected a mapping of tax years")
    out: dict[int, Family] = {}
    for year, block in years.items():
        if not isinstance(year, int) or isinstance(year, bool) or not 1913 <= year <= 2200:
            raise ParameterFileError(where, f"years.{year}", "expected a tax year (a whole number)")
        errors = []
        if not isinstance(block, dict):
            raise ParameterFileError(where, f"years.{year}", "expected a mapping")
        source = block.get("source")
        if not (isinstance(source, str) and source.strip()):
            errors.append(f"years.{year}: missing 'source' (every value needs its source)")
        data = check({k: v for k, v in block.items() if k != "source"}, YEARLY[name], f"years.{year}", errors)
        if errors:
            raise ParameterFileError(where, f"years.{year}", "; ".join(errors))
        out[year] = Family(name=name, year=year, title=title, law=law, source=source,
                           data=MappingProxyType(data))
    return name, out


@lru_cache(maxsize=8)
def standing_family(name: str, data_dir: Path = DATA_DIR) -> Family:
    """A standing family read on demand (``ON_DEMAND``), checked as strictly as the rest."""
    _, family = _load_file(data_dir / f"{name}.yaml")
    assert isinstance(family, Family)
    return family


@lru_cache(maxsize=1)
def default_set() -> ParamSet:
    """The parameter files shipped with rothroute (loaded once per process)."""
    return load()


@lru_cache(maxsize=32)
def for_year(year: int) -> YearParams:
    """Typed parameters of one tax year from the shipped files (cached)."""
    return default_set().for_year(year)
