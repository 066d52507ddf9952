"""Hostile household files: a mutator over valid households (generated or the examples).

``mutate(rng, doc, klass)`` makes one hostile file of a mutation class from a valid document,
deterministically from ``rng``. Classes are of two kinds:

* ``ENGINE`` classes keep the text readable YAML of the kind the reader handles today (fields
  deleted, retyped, given scalars where lists go, malformed moves, odd keys, amounts up to the
  $10^12 cap, odd but valid dates): whatever they raise is the engine's or the CLI's to fix.
* ``READER`` classes attack the reading of the text itself (YAML tags and aliases, alias bombs,
  binary bytes, deep nesting, integers over 4,300 digits, ``1.0e+999999``, amounts over the cap,
  YAML 1.1 forms, impossible dates, JSON quirks, broken text): the YAML 1.2 reader rewrite
  (src/rothroute/textdoc.py, household/) answers them.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import yaml

from .emit import Raw, pretty_json, to_json, to_yaml

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Case:
    """One hostile file: its mutation class, its bytes and its file suffix."""

    klass: str
    data: bytes
    suffix: str = ".yaml"
    note: str = ""


# --- walking a document -----------------------------------------------------------------------

def nodes(doc: Any, path: Path_ = ()) -> list[tuple[Path_, Any]]:
    """Every (path, value) below ``doc``, the document itself first."""
    out = [(path, doc)]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += nodes(v, path + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += nodes(v, path + (i,))
    return out


def set_at(doc: Any, path: Path_, value: Any) -> Any:
    if not path:
        return value
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return doc


def delete_at(doc: Any, path: Path_) -> Any:
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    return doc


def _pick(rng: random.Random, doc: Any, want: Callable[[Path_, Any], bool]) -> Path_ | None:
    found = [p for p, v in nodes(doc) if p and want(p, v)]
    return rng.choice(found) if found else None


MONEY_KEYS = {"amount", "value", "december_31_value", "pretax", "contributions", "earnings", "pre_1987_contributions",
              "taxable", "nontaxable", "ira_basis", "employer_contributions", "prior_year_fica_wages",
              "state_local_taxes", "other", "cash"}


def _is_money(path: Path_, value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool) and bool(path) and (
        path[-1] in MONEY_KEYS or (len(path) >= 2 and path[-2] == "magi_history"))


def _is_year(path: Path_, value: Any) -> bool:
    key = path[-1] if path else None
    return key in ("year", "tax_year", "first_year", "separated_from_service", "retirement_year", "for_year") \
        or (len(path) >= 2 and path[-2] == "magi_history")


def _is_date(path: Path_, value: Any) -> bool:
    return path[-1] in ("born", "date", "last_60_day_ira_rollover")


def _text(doc: Any, rng: random.Random) -> str:
    return to_yaml(doc)


# --- engine classes -----------------------------------------------------------------------------

OTHER_TYPES: tuple[Any, ...] = (
    "text", "", 0, -1, 1, True, False, None, [], {}, [1, 2], {"a": 1}, Decimal("0.001"), Decimal("-5.5"),
    "2026-01-01", "all", "rest", 10**6, ["pretax"], [{"year": 2020}], "pat", "2026-03-02", Raw("~"),
)
CAPPED = (10**12, 10**12 - 1, Decimal("999999999999.99"), Decimal("0.01"), 1, 0, 10**11 + 7, 987654321012)
ODD_DATES = ("9999-12-31", "0001-01-01", "1900-01-01", "2200-12-31", "1970-01-01", "2026-12-31", "2024-02-29")
ODD_YEARS = (0, -1, 1, 1899, 1900, 2200, 2201, 9999, 10**6, -(10**6))
MIXED_KEYS: tuple[Any, ...] = (1, Raw("2.5"), Raw("true"), Raw("null"), Raw("2026-01-01"), "z", "a", Raw("'1'"),
                               Raw("[1, 2]"), Raw("-3"))
NOT_YEARS: tuple[Any, ...] = (Raw("abc"), Raw("2024.5"), Raw("true"), Raw("null"), Raw("-1"), Raw("'²'"),
                              Raw("'٢٠٢٤'"), Raw("'0x7E8'"), Raw("2024-01-01"), Raw("'2024 '"), Raw("''"),
                              Raw("'20240'"), Raw("0"), Raw("99999999999999999999"), Raw("'0002024'"))


def m_delete(rng: random.Random, doc: Any) -> tuple[Any, str]:
    path = _pick(rng, doc, lambda p, v: True)
    if path is None:
        return {}, "everything"
    return delete_at(doc, path), f"deleted {path}"


def m_retype(rng: random.Random, doc: Any) -> tuple[Any, str]:
    path = _pick(rng, doc, lambda p, v: True)
    value = copy.deepcopy(rng.choice(OTHER_TYPES))
    return set_at(doc, path, value) if path else value, f"{path} = {value!r}"


def m_scalar_for_list(rng: random.Random, doc: Any) -> tuple[Any, str]:
    path = _pick(rng, doc, lambda p, v: isinstance(v, (list, dict)))
    value = rng.choice(("x", 5, None, True, Decimal("1.5"), Raw("2026-01-01"), "[]"))
    return (set_at(doc, path, value) if path else value), f"{path} = {value!r}"


def m_capped(rng: random.Random, doc: Any) -> tuple[Any, str]:
    """Any amount up to the cap (what every amount the loader lets through must survive)."""
    path = _pick(rng, doc, _is_money)
    if path is None:
        return doc, "no amount"
    value = rng.choice(CAPPED)
    if rng.random() < 0.2 and path[-1] in ("earnings", "amount") and value:
        value = -value
    return set_at(doc, path, value), f"{path} = {value}"


def m_all_capped(rng: random.Random, doc: Any) -> tuple[Any, str]:
    """Every amount at (or near) the cap at once."""
    top = rng.choice(CAPPED[:3])
    for path, value in nodes(doc):
        if path and _is_money(path, value):
            layer = "in_plan_rollovers" in path or "conversions" in path
            set_at(doc, path, top // 4 if layer else (-top if value < 0 else top))
    return doc, f"every amount at {top}"


def m_odd_date(rng: random.Random, doc: Any) -> tuple[Any, str]:
    """A valid ISO date or year far from the tax year (the dates the engine computes with)."""
    path = _pick(rng, doc, lambda p, v: _is_date(p, v) or _is_year(p, v))
    if path is None:
        return doc, "no date"
    value: Any = rng.choice(ODD_DATES) if _is_date(path, None) else rng.choice(ODD_YEARS)
    if path[-2:-1] == ("magi_history",):
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        parent[value] = parent.pop(path[-1])
        return doc, f"magi_history year {value}"
    return set_at(doc, path, value), f"{path} = {value!r}"


def m_move(rng: random.Random, doc: Any) -> tuple[Any, str]:
    """A malformed move: a field missing, retyped or unknown (keys of mixed types), lists
    given as scalars, amounts that are not amounts."""
    moves = doc.setdefault("moves", []) if isinstance(doc, dict) else []
    if not isinstance(moves, list):
        return doc, "moves not a list"
    if not moves or rng.random() < 0.2:
        moves.append({"date": "2026-03-02", "move": rng.choice(["conversion", "distribution", "withdrawal"])})
    i = rng.randrange(len(moves))
    m = moves[i]
    if not isinstance(m, dict):
        moves[i] = m = {"date": "2026-03-02", "move": "conversion"}
    how = rng.randrange(9)
    if how == 0:  # unknown keys of mixed types
        for key in rng.sample(MIXED_KEYS, rng.randint(2, 4)):
            m[key] = rng.choice(OTHER_TYPES)
    elif how == 1:
        field = rng.choice(["to", "sources", "from", "account"])
        m[field] = rng.choice(("x", 5, None, True, "pretax", {"account": "x"}, [1, 2], [[]], [None], ["pretax", "pretax"]))
    elif how == 2:
        m["amount"] = rng.choice(("lots", -5, 0, Decimal("0.001"), True, None, [], "rest", "ALL", Decimal("-0.00"),
                                  10**12, Raw("1e3"), "100"))
    elif how == 3:
        m["move"] = rng.choice(("teleport", None, 123, "", ["conversion"], "Conversion"))
    elif how == 4:
        m["to"] = [rng.choice(({"cash": "all"}, {"cash": -1}, {"cash": None}, {"cash": 5, "account": "x"},
                               {"account": 5}, {"account": "x", "amount": "half"}, {"amount": 5}, "cash", 7,
                               {"account": "x", "via": 60}, {"account": "x", "elect": "roth"}, {},
                               {"account": "x", 1: 2, "b": 3}, {"cash": "rest", None: 1}))
                   for _ in range(rng.randint(1, 3))]
    elif how == 5:
        m["for_year"] = rng.choice((None, "2025", 2025.0, True, 1900, 10**6, Decimal("2025.5"), 2025, 2024))
    elif how == 6:
        m["type"] = rng.choice((None, 5, "ROTH", "roth ", "pretax", "after_tax", "deductible", []))
    elif how == 7:
        for key in rng.sample(sorted(m, key=str), k=min(len(m), rng.randint(1, 2))):
            if key not in ("date",) or rng.random() < 0.3:
                del m[key]
    else:
        m["via"] = rng.choice((None, "direct", "transfer", "60_day", 60, "sixty", ["60_day"]))
    return doc, f"moves[{i}] {how}"


def m_odd_keys(rng: random.Random, doc: Any) -> tuple[Any, str]:
    """Keys that are not text (ints, booleans, null, dates, lists) inside any mapping."""
    path = _pick(rng, doc, lambda p, v: isinstance(v, dict))
    target = doc if path is None else None
    if target is None:
        target = doc
        for key in path:
            target = target[key]
    for key in rng.sample(MIXED_KEYS, rng.randint(1, 3)):
        target[key] = rng.choice(OTHER_TYPES)
    return doc, f"odd keys in {path}"


def m_magi_keys(rng: random.Random, doc: Any) -> tuple[Any, str]:
    """``magi_history`` keys that are not years (or not before the tax year), values of any type."""
    history = {rng.choice(NOT_YEARS): rng.choice((1000, "x", None, Decimal("1.5"), -5)) for _ in range(rng.randint(1, 3))}
    if rng.random() < 0.5:
        history[2024] = 100
    doc["magi_history"] = rng.choice((history, history, 5, "2024: 100", [2024, 100], None, [{"2024": 1}]))
    return doc, f"magi_history = {doc['magi_history']!r}"


def m_history_scalars(rng: random.Random, doc: Any) -> tuple[Any, str]:
    """Roth IRA history and plan layers given as scalars or lists of scalars."""
    people = doc.get("people") if isinstance(doc, dict) else None
    value = rng.choice((5, "x", True, None, [5], ["x"], [None], {"year": 2020}, [[2020, 1, 1]], Decimal("2.5"),
                        [{"year": "2020", "taxable": 1, "nontaxable": 1}], [{"year": 2020}]))
    if people and isinstance(people, list) and isinstance(people[0], dict) and rng.random() < 0.5:
        people[0].setdefault("roth_ira", {})
        if isinstance(people[0]["roth_ira"], dict):
            people[0]["roth_ira"][rng.choice(["conversions", "first_year", "contributions"])] = value
        return doc, f"people[0].roth_ira = {value!r}"
    doc.setdefault("accounts", []).append({"id": "plan_x", "owner": "pat", "kind": "401k",
                                           "sources": {"roth": {"contributions": 100, "in_plan_rollovers": value}}})
    return doc, f"in_plan_rollovers = {value!r}"


ENGINE: dict[str, Callable[[random.Random, Any], tuple[Any, str]]] = {
    "delete": m_delete, "retype": m_retype, "scalar_for_list": m_scalar_for_list, "capped": m_capped,
    "all_capped": m_all_capped, "odd_date": m_odd_date, "move": m_move, "odd_keys": m_odd_keys,
    "magi_keys": m_magi_keys, "history_scalars": m_history_scalars,
}

# --- reader classes -----------------------------------------------------------------------------

TAGS = ("!!int abc", "!!bool maybe", "!!timestamp foo", "!!float xyz", "!!str 5", "!!binary aGVsbG8=",
        "!!null x", "!!python/object:os.system {}", "!!python/name:os.system", "!!set {a, b}",
        "!!omap [{a: 1}]", "!custom x", "!!map [1, 2]", "!!seq {a: 1}", "!!int 0x1F", "!!float 1e999999",
        "!!timestamp 2026-02-30", "!!int 99999999999999999999", "!<tag:yaml.org,2002:int> 12", "!!pairs [[a, 1]]",
        "!!merge x", "!!value x", "!!yaml x", "!!binary !!", "!!bool", "!!int")
OVER_CAP = (10**12 + 1, 10**13, 10**15, 2**63, 10**19, 10**30, Decimal("1e308"), Decimal("9.99e307"),
            Raw("1.0e+308"), Raw("1e400"), -(10**15), Raw("-1e308"), Decimal("1e-400"), Raw("0.1e-999999"))
INFS = ("1.0e+999999", "-1.0e+999999", ".inf", "-.inf", ".nan", ".NaN", "1e-999999", "1.0E+4932", "NaN",
        "Infinity", "-Infinity")
YAML11 = ("0x1F", "0b101", "017", "0o17", "1:30", "1_000", "+12", "1,000", "$1,000", "1e3", "1.5e5", "12.", ".5",
          "190:20:30", "0x_1F", "-0b1", "+.5", "1__0", "0.1_0", "yes", "no", "on", "off", "y", "n", "~", "Yes", "NO")
BAD_DATES = ("2026-02-30", "0000-01-01", "0001-01-01", "9999-12-31", "'2026-W10-1'", "'20260302'", "2026-13-01",
             "1899-12-31", "2201-01-01", "2026-03-02T10:00:00", "2026-03-02 10:00:00.5 +5", "'+12026-01-01'",
             "2026-3-2", "'2026-03-02x'", "'2026-366'", "'2026-03'", "2026-02-29", "'0000-00-00'", "-2026-01-01",
             "'10000-01-01'", "2026-03-02t10:00Z", "'２０２６-０３-０２'")


def m_tag(rng: random.Random, doc: Any) -> tuple[Any, str]:
    path = _pick(rng, doc, lambda p, v: True)
    tag = rng.choice(TAGS)
    return (set_at(doc, path, Raw(tag)) if path else Raw(tag)), tag


def m_overflow(rng: random.Random, doc: Any) -> tuple[Any, str]:
    path = _pick(rng, doc, lambda p, v: _is_money(p, v) or _is_year(p, v))
    value = rng.choice(OVER_CAP)
    return (set_at(doc, path, value) if path else value), f"{path} = {value}"


def m_bigint(rng: random.Random, doc: Any) -> tuple[Any, str]:
    digits = rng.choice((4301, 4400, 5000, 20_000, 100_000))
    token = rng.choice(("", "-", "+")) + "9" * digits + rng.choice(("", "", ".5", "e3", ".00"))
    path = _pick(rng, doc, lambda p, v: _is_money(p, v) or _is_year(p, v)) or _pick(rng, doc, lambda p, v: True)
    return (set_at(doc, path, Raw(token)) if path else Raw(token)), f"{digits} digits"


def m_inf(rng: random.Random, doc: Any) -> tuple[Any, str]:
    path = _pick(rng, doc, lambda p, v: _is_money(p, v) or _is_year(p, v)) or _pick(rng, doc, lambda p, v: True)
    token = rng.choice(INFS)
    return (set_at(doc, path, Raw(token)) if path else Raw(token)), token


def m_yaml11(rng: random.Random, doc: Any) -> tuple[Any, str]:
    path = _pick(rng, doc, lambda p, v: _is_money(p, v) or _is_year(p, v) or isinstance(v, bool))
    token = rng.choice(YAML11)
    return (set_at(doc, path, Raw(token)) if path else Raw(token)), token


def m_bad_date(rng: random.Random, doc: Any) -> tuple[Any, str]:
    path = _pick(rng, doc, _is_date)
    token = rng.choice(BAD_DATES)
    if path is None:
        doc.setdefault("moves", []).append({"date": Raw(token), "move": "conversion", "from": "a", "to": "b",
                                            "amount": 1})
        return doc, token
    return set_at(doc, path, Raw(token)), token


def m_alias(rng: random.Random, doc: Any) -> tuple[str, str]:
    """Anchors and aliases: valid reuse, merge keys, recursive aliases, undefined aliases, bombs."""
    text = to_yaml(doc)
    how = rng.randrange(6)
    if how == 0:
        width, depth = rng.choice(((9, 9), (10, 7), (20, 6), (2, 40), (100, 3), (5, 12)))
        lines = ['a0: &a0 ["lol"]']
        for d in range(1, depth + 1):
            lines.append(f"a{d}: &a{d} [" + ", ".join([f"*a{d - 1}"] * width) + "]")
        bomb = "\n".join(lines) + "\n"
        where = rng.choice(("top", "magi", "moves"))
        if where == "top":
            return bomb + text, f"alias bomb {width}^{depth} at the top"
        if where == "magi":
            return text + "x_bomb:\n" + "".join("  " + ln + "\n" for ln in lines) + f"magi_history: *a{depth}\n", \
                f"alias bomb {width}^{depth} in magi_history"
        return bomb.replace("a0: &a0", "b0: &a0") + text.replace("moves:", f"moves: *a{depth}\nold_moves:"), \
            f"alias bomb {width}^{depth} as moves"
    if how == 1:
        return text + rng.choice(("loop: &l [*l]\n", "loop: &l {x: *l}\n", "income: &l [*l]\n",
                                  "moves: &m [{date: 2026-01-02, move: conversion, x: *m}]\n")), "recursive alias"
    if how == 2:
        return text.replace("people:", "people: *nowhere\nx_people:", 1), "undefined alias"
    if how == 3:
        return "base: &b {owner: pat, kind: traditional_ira, value: 5}\n" + text + \
            "extra:\n  - {<<: *b, id: merged}\n", "merge key"
    if how == 4:
        return text.replace("people:\n", "people: &p\n", 1) + "again: *p\n", "anchor reused"
    return text.replace("format: 1", "format: &f 1", 1).replace("tax_year:", "x: *f\ntax_year:", 1), "scalar alias"


def m_binary(rng: random.Random, doc: Any) -> tuple[bytes, str]:
    data = bytearray(to_yaml(doc).encode())
    how = rng.randrange(7)
    if how == 0:
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data), "random bytes"
    if how == 1:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 4096))), "all random bytes"
    if how == 2:
        pos = rng.randrange(len(data))
        return bytes(data[:pos] + b"\x00" + data[pos:]), "a NUL byte"
    if how == 3:
        return "\ufeff".encode() + bytes(data), "a byte-order mark"
    if how == 4:
        return to_yaml(doc).encode(rng.choice(("utf-16", "utf-32", "latin-1"))), "another encoding"
    if how == 5:
        pos = rng.randrange(len(data))
        return bytes(data[:pos] + rng.choice((b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x1b[2J", b"\x85", b"\x7f"))
                     + data[pos:]), "a bad sequence"
    return bytes(data[: rng.randrange(len(data))]) + b"\x80\x81", "truncated with bad bytes"


def m_nesting(rng: random.Random, doc: Any) -> tuple[str, str]:
    depth = rng.choice((50, 500, 1000, 5000, 20_000, 100_000))
    opener, closer = rng.choice((("[", "]"), ("{a: ", "}")))
    path = _pick(rng, doc, lambda p, v: True)
    value = Raw(opener * depth + "1" + closer * depth)
    if rng.random() < 0.3:  # block-style nesting, indentation only
        value = Raw("\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(min(depth, 3000))) + " " * 3001 + "1")
        if path is None or not isinstance(doc, dict):
            return to_yaml({"x": value}), f"block nesting {depth}"
        doc["x_deep"] = value
        return to_yaml(doc), f"block nesting {depth}"
    return (to_yaml(set_at(doc, path, value)) if path else to_yaml(value)), f"{opener} nesting {depth}"


def m_json(rng: random.Random, doc: Any) -> tuple[str, str]:
    text = rng.choice((pretty_json, to_json))(doc)
    how = rng.randrange(10)
    if how == 0:
        return text, "valid JSON"
    if how == 1:
        return text.replace("]", ",]").replace("}", ",}"), "trailing commas"
    if how == 2:
        return text.replace('"tax_year"', '"income_x": 1.5e5, "tax_year"', 1).replace(
            '"amount": ', '"amount": 1.5e', 1), "exponents"
    if how == 3:
        return "// a comment\n" + text.replace(",", ", /* c */", 1), "comments"
    if how == 4:
        return text.replace('"format": 1', '"format": NaN', 1).replace('"tax_year"', '"x": Infinity, "tax_year"'), \
            "NaN and Infinity"
    if how == 5:
        return text.replace('"', "'"), "single quotes"
    if how == 6:
        return text.replace('"format": 1', '"format": 1, "format": 1', 1), "duplicate keys"
    if how == 7:
        return text.replace('"id": "', '"id": "\\ud800', 1), "a lone surrogate"
    if how == 8:
        return text.replace('"format": 1', '"format": 01', 1).replace(': 0,', ': -0,'), "leading zeros"
    return text[: rng.randrange(max(len(text), 1))], "truncated JSON"


def m_text(rng: random.Random, doc: Any) -> tuple[str, str]:
    text = to_yaml(doc)
    lines = text.splitlines(keepends=True)
    how = rng.randrange(12)
    if how == 0:
        return text[: rng.randrange(max(len(text), 1))], "truncated"
    if how == 1 and lines:
        del lines[rng.randrange(len(lines))]
        return "".join(lines), "a line deleted"
    if how == 2 and lines:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "".join(lines), "a line twice (duplicate key)"
    if how == 3 and lines:
        i = rng.randrange(len(lines))
        lines[i] = rng.choice(("\t", " ", "   ")) + lines[i]
        return "".join(lines), "indentation shifted"
    if how == 4:
        return rng.choice(("", "   \n", "# only a comment\n", "---\n", "...\n", "null\n", "[]\n", "5\n", "'text'\n",
                           "- a\n- b\n", "---\n---\n", "{}\n")), "no household"
    if how == 5:
        return text + "---\n" + text, "two documents"
    if how == 6:
        return text.replace("\n", "\r\n") if rng.random() < 0.5 else text.replace("\n", "\r"), "other line ends"
    if how == 7 and lines:
        i = rng.randrange(len(lines))
        lines[i] = lines[i].rstrip("\n") + " " + "x" * rng.choice((1000, 100_000, 1_000_000)) + "\n"
        return "".join(lines), "a long line"
    if how == 8:
        pos = rng.randrange(max(len(text), 1))
        return text[:pos] + rng.choice(":{}[],&*#?|>!%@`'\"-") + text[pos:], "a stray indicator"
    if how == 9:
        return text.replace("pat", rng.choice(("p\u200bat", "pаt", "\u202epat", "😀", "p\x85t", "p\u2028t", "\\x00")),
                            rng.randint(1, 3)), "odd unicode"
    if how == 10:
        return "%YAML 1.1\n---\n" + text if rng.random() < 0.5 else "%TAG ! tag:x,2000:\n---\n" + text, "directives"
    return text.replace("format: 1", "? [format, x]\n: 1", 1), "a complex key"


def m_size(rng: random.Random, doc: Any) -> tuple[str, str]:
    """A large file: thousands of accounts or income items, or a huge comment."""
    how = rng.randrange(3)
    if how == 0 and isinstance(doc, dict):
        n = rng.choice((1000, 10_000, 50_000))
        doc["income"] = [{"kind": "taxable_interest", "amount": 1} for _ in range(n)]
        return to_yaml(doc), f"{n} income items"
    if how == 1 and isinstance(doc, dict):
        n = rng.choice((1000, 5_000))
        doc["accounts"] = [{"id": f"a{i}", "owner": "pat", "kind": "traditional_ira", "value": 1} for i in range(n)]
        return to_yaml(doc), f"{n} accounts"
    return to_yaml(doc) + "#" + "x" * (20 * 2**20) + "\n", "a 20 MB comment"


READER: dict[str, Callable[[random.Random, Any], tuple[Any, str]]] = {
    "tag": m_tag, "overflow": m_overflow, "bigint": m_bigint, "inf": m_inf, "yaml11": m_yaml11,
    "bad_date": m_bad_date, "alias": m_alias, "binary": m_binary, "nesting": m_nesting, "json": m_json,
    "text": m_text,
}
SLOW = {"size": m_size}  # large files: bench/fuzz.py and the tests marked slow
CLASSES = {**ENGINE, **READER}


def _apply(how: Callable[[random.Random, Any], tuple[Any, str]], rng: random.Random, doc: Any) -> tuple[Any, str]:
    """A mutation, or the document as it is where an earlier one left no place for it (a
    retyped ``accounts``, say)."""
    before = copy.deepcopy(doc)
    try:
        return how(rng, doc)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError):
        return before, "(no place for the mutation)"


def mutate(rng: random.Random, doc: Any, klass: str | None = None) -> Case:
    """One hostile file of class ``klass`` (any class when None) made from a copy of ``doc``."""
    klass = klass or rng.choice(sorted(CLASSES))
    out, note = _apply({**CLASSES, **SLOW}[klass], rng, copy.deepcopy(doc))
    if rng.random() < 0.15 and klass in ENGINE and isinstance(out, dict):  # a second engine mutation on top
        out, more = _apply(ENGINE[rng.choice(sorted(ENGINE))], rng, out)
        note += "; " + more
    suffix = ".json" if klass == "json" else ".yaml"
    if isinstance(out, bytes):
        return Case(klass, out, suffix, note)
    if not isinstance(out, str):
        out = to_yaml(out)
    return Case(klass, out.encode("utf-8", "surrogatepass"), suffix, note)


# --- the examples -------------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _plain(value: Any) -> Any:
    """A document read by PyYAML, with dates as ISO text and floats as ``Decimal``."""
    import datetime as _dt

    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def example_documents() -> dict[str, Any]:
    """Every file of examples/ as a document to mutate."""
    return {p.name: _plain(yaml.safe_load(p.read_text())) for p in sorted(EXAMPLES.glob("*.yaml"))}
