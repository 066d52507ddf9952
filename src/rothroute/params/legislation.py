"""The law's status as cited data: the rules the comparison's strategies rely on, the law that
enacted each, the proposals that would have changed them with their fate, and the later laws
that left them alone (``law/legislation.yaml``).

Loaded as strictly as the parameters: unknown keys, missing keys, missing cites or sources, bad
dates and ids that name nothing are load errors (``ParameterFileError``, naming the file, the
place and its line). ``default()`` gives the shipped file, loaded once.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from rothroute.errors import ParameterFileError
from rothroute.params.schema import ListOf, OneOf, OrNull, check
from rothroute.textdoc import TextDoc, TextDocError, read

__all__ = ["Checked", "LaterLaw", "Legislation", "Proposal", "Rule", "default", "load"]

LAW_FILE = Path(__file__).with_name("law") / "legislation.yaml"


class Checked(StrEnum):
    """What kind of source a statement was checked against."""

    OFFICIAL = "official"  # the statute, regulation or IRS text, or a Congressional or CRS document
    SECONDARY = "secondary"  # reputable secondary sources only
    NOT_VERIFIED = "not verified"  # no source found; shown to the reader as such


_COMMON = {"id": "text", "cites": ListOf("text"), "sources": ListOf("text"),
           "checked": OneOf(tuple(str(c) for c in Checked)), "note": "text?"}
RULE = {**_COMMON, "short": "text", "rule": "text", "law": "text", "enacted_by": "text", "effective": "date?",
        "effective_note": "text"}
PROPOSAL = {**_COMMON, "name": "text", "short": "text", "would": "text", "would_take_effect": "date?",
            "rules": ListOf("text"), "fate": "text", "fate_date": "date?"}
LATER_LAW = {**_COMMON, "name": "text", "short": "text", "enacted": "date", "changed": "text",
             "changed_rules": OrNull(ListOf("text")), "did_not_change": "text", "unchanged_rules": ListOf("text")}
HEADER = {"data": OneOf(("legislation",)), "title": "text", "as_of": "date", "rules": ListOf(RULE),
          "proposals": ListOf(PROPOSAL), "later_laws": ListOf(LATER_LAW)}
_DATE_KEYS = ("as_of", "effective", "would_take_effect", "fate_date", "enacted")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A rule a strategy relies on, with the law that enacted it and when it took effect."""

    id: str
    short: str  # a few words, for the law-watch line
    rule: str
    law: str  # the Code sections that hold it today
    enacted_by: str  # a short citation of the enacting law (or "not verified")
    effective: _dt.date | None  # None only when not verified
    effective_note: str
    cites: tuple[str, ...]
    sources: tuple[str, ...]
    checked: Checked
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal:
    """A proposal that would have changed some rules, and what became of it."""

    id: str
    name: str
    short: str
    would: str
    would_take_effect: _dt.date | None
    rules: tuple[str, ...]
    fate: str
    fate_date: _dt.date | None
    cites: tuple[str, ...]
    sources: tuple[str, ...]
    checked: Checked
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LaterLaw:
    """A law enacted after the rules, checked for what it changed and what it left alone."""

    id: str
    name: str
    short: str
    enacted: _dt.date
    changed: str
    changed_rules: tuple[str, ...]  # the rules it enacted or changed
    did_not_change: str
    unchanged_rules: tuple[str, ...]  # the rules it left as they were
    cites: tuple[str, ...]
    sources: tuple[str, ...]
    checked: Checked
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Legislation:
    as_of: _dt.date  # the day the data was last checked
    title: str
    rules: Mapping[str, Rule]
    proposals: tuple[Proposal, ...]
    later_laws: tuple[LaterLaw, ...]

    def proposals_for(self, rule_id: str) -> tuple[Proposal, ...]:
        return tuple(p for p in self.proposals if rule_id in p.rules)

    def unchanged_by(self, rule_id: str) -> tuple[LaterLaw, ...]:
        """The later laws that left the rule as it was."""
        return tuple(law for law in self.later_laws if rule_id in law.unchanged_rules)


def load(path: Path = LAW_FILE) -> Legislation:
    """Read and check ``path``; raise ``ParameterFileError`` naming every fault found."""
    where = str(path)
    text = path.read_text(encoding="utf-8")
    try:
        doc = read(text)
    except TextDocError as exc:
        raise ParameterFileError(where, f"line {exc.line}", f"{exc.expected}; got {exc.got}") from None
    if not isinstance(doc.value, dict):
        raise ParameterFileError(where, "(document)", "expected a mapping")
    errors: list[str] = []
    value = check(doc.value, HEADER, "", errors)  # ISO date text is read as dates by the schema
    if not errors:
        _cross_check(value, errors)
    if errors:
        shown = [_with_line(e, doc) for e in errors]
        first_place, _, first_fault = shown[0].partition(":")
        raise ParameterFileError(where, first_place, "; ".join([first_fault.strip(), *shown[1:]]))
    return _build(value)


@lru_cache(maxsize=1)
def default() -> Legislation:
    """The legislation data shipped with rothroute (loaded once per process)."""
    return load()


def _cross_check(doc: dict[str, Any], errors: list[str]) -> None:
    as_of: _dt.date = doc["as_of"]  # not compared with the machine's clock: a clock set wrong must not stop compare
    rule_ids: set[str] = set()
    for kind in ("rules", "proposals", "later_laws"):
        seen: set[str] = set()
        for i, entry in enumerate(doc[kind]):
            at = f"{kind}[{i}]"
            if entry["id"] in seen:
                errors.append(f"{at}.id: duplicate id {entry['id']!r}")
            seen.add(entry["id"])
            if kind == "rules":
                rule_ids.add(entry["id"])
                if entry["effective"] is None and entry["checked"] != Checked.NOT_VERIFIED:
                    errors.append(f"{at}.effective: expected a date (null only when checked is 'not verified')")
            if entry["checked"] == Checked.NOT_VERIFIED and kind == "rules" and "not verified" not in (
                    entry["enacted_by"] + entry["effective_note"]):
                errors.append(f"{at}.enacted_by: a rule not verified must say 'not verified' where it is shown")
            for key in ("fate_date", "enacted"):
                if entry.get(key) is not None and entry[key] > as_of:
                    errors.append(f"{at}.{key}: expected a date no later than as_of ({as_of}); got {entry[key]}")
    for kind, keys in (("proposals", ("rules",)), ("later_laws", ("changed_rules", "unchanged_rules"))):
        for i, entry in enumerate(doc[kind]):
            for key in keys:
                for j, rule_id in enumerate(entry[key] or ()):
                    if rule_id not in rule_ids:
                        errors.append(f"{kind}[{i}].{key}[{j}]: no rule with id {rule_id!r}")
    for i, later in enumerate(doc["later_laws"]):  # what a later law did to each earlier rule is said
        changed, unchanged = set(later["changed_rules"] or ()), set(later["unchanged_rules"])
        for rule in doc["rules"]:
            before = rule["effective"] is None or rule["effective"] < later["enacted"]
            if before and (rule["id"] in changed) == (rule["id"] in unchanged):
                errors.append(f"later_laws[{i}]: rule {rule['id']!r} must be in exactly one of changed_rules and "
                              "unchanged_rules")


def _with_line(message: str, doc: TextDoc) -> str:
    """``path: what`` with the line of the path in the file."""
    path, sep, rest = message.partition(":")
    path = path.lstrip(".") or "(top level)"
    line = doc.line_of(path) if sep and path != "(top level)" else None
    return f"{path} (line {line}){sep}{rest}" if line else f"{path}{sep}{rest}"


def _build(doc: dict[str, Any]) -> Legislation:
    def common(entry: dict[str, Any]) -> dict[str, Any]:
        return {**entry, "cites": tuple(entry["cites"]), "sources": tuple(entry["sources"]),
                "checked": Checked(entry["checked"])}

    rules = {r["id"]: Rule(**common(r)) for r in doc["rules"]}
    proposals = tuple(Proposal(**{**common(p), "rules": tuple(p["rules"])}) for p in doc["proposals"])
    later = tuple(LaterLaw(**{**common(law), "changed_rules": tuple(law["changed_rules"] or ()),
                              "unchanged_rules": tuple(law["unchanged_rules"])}) for law in doc["later_laws"])
    return Legislation(as_of=doc["as_of"], title=doc["title"], rules=MappingProxyType(rules), proposals=proposals,
                       later_laws=later)
