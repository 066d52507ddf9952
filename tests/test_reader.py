"""The text reader (rothroute.textdoc) and the household loader on hostile and ambiguous input.

Expected readings come from the YAML 1.2.2 specification, §10.3.2 "Tag Resolution" (the core
schema: null, true/false, decimal, 0o octal and 0x hex integers, floats; every other plain
scalar is a string), and RFC 8259 (JSON). Where YAML 1.1 and 1.2 read a number differently
(``017``), or a form is one no one writes for dollars (``0x1F``, ``.inf``), the reader refuses
rather than guesses (issue #13: "read what the user meant, or refuse").
"""

from __future__ import annotations

import json
import resource
import time
from decimal import Decimal
from pathlib import Path

import pytest

from rothroute import HouseholdFileError, evaluate, load_path, load_text
from rothroute.textdoc import Limits, TextDocError, read

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed.yaml"


@pytest.mark.parametrize("text, value", [
    ("1_000", "1_000"), ("1:30", "1:30"), ("yes", "yes"), ("on", "on"), ("2026-03-02", "2026-03-02"),
    ("+12", 12), ("-5", -5), ("1.5e5", Decimal("1.5e5")), ("12.50", Decimal("12.50")), ("~", None),
    ("null", None), ("true", True), ("False", False), ("'017'", "017"), ('"0x1F"', "0x1F"),
])
def test_plain_scalars_read_by_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert read(f"a: {text}").value == {"a": value}


@pytest.mark.parametrize("text, code", [
    ("017", "number_ambiguous"), ("0x1F", "number_ambiguous"), ("0o17", "number_ambiguous"),
    ("0b101", "number_ambiguous"), (".inf", "number_ambiguous"), ("-.inf", "number_ambiguous"),
    (".nan", "number_ambiguous"), ("!!int 3", "yaml_tag"), ("!!bool maybe", "yaml_tag"),
    ("!!timestamp foo", "yaml_tag"), ("!!python/object:os.system x", "yaml_tag"),
    ("9" * 41, "number_out_of_range"), ("1" * 5000, "number_out_of_range"), ("1.0e+999999", "number_out_of_range"),
    ("1e30", "number_out_of_range"), ("*nowhere", "yaml_alias"),
])
def test_forms_no_one_means_as_dollars_are_refused_with_the_line(text: str, code: str) -> None:
    with pytest.raises(TextDocError) as info:
        read(f"x: 1\na: {text}\n")
    assert info.value.code == code and info.value.line == 2 and info.value.where == "a"


def test_lines_are_those_of_the_keys() -> None:
    doc = read("people:\n  - id: p\n    born: 1950-01-02\naccounts:\n  -\n    id: a\n")
    assert doc.lines["people"] == 1 and doc.lines["people[0].born"] == 3 and doc.lines["accounts[0].id"] == 6


def test_alias_bombs_and_recursive_aliases_are_refused_quickly() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(TextDocError) as info:
        read("\n".join(levels))
    assert info.value.code == "file_too_large" and "aliases" in info.value.expected
    assert time.perf_counter() - start < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # kilobytes
    with pytest.raises(TextDocError) as info:
        read("a: &a [1, *a]")
    assert info.value.code == "yaml_alias"
    small = read("a: &x {b: 1}\nc: *x\n").value  # an alias within the limits is read as what it names
    assert small == {"a": {"b": 1}, "c": {"b": 1}}


def test_nesting_and_size_are_bounded() -> None:
    with pytest.raises(TextDocError) as info:
        read("a: " + "[" * 200 + "]" * 200)
    assert info.value.code == "file_too_deep"
    with pytest.raises(TextDocError) as info:
        read("a: " + "[" * 200 + "]" * 200, kind="json")
    assert info.value.code == "file_syntax"  # 'a:' is not JSON; the same depth in JSON:
    with pytest.raises(TextDocError) as info:
        read("[" * 200 + "]" * 200, kind="json")
    assert info.value.code == "file_too_deep"
    with pytest.raises(TextDocError) as info:
        read("a: 1\n" + "# padding\n" * 10, limits=Limits(max_bytes=50))
    assert info.value.code == "file_too_large"


@pytest.mark.parametrize("text, line", [
    ('{"a": [1, 2,]}', 1), ('{"a": 1,\n "b": 2,\n}', 3), ("{'a': 1}", 1), ('{"a": NaN}', 1),
    ('{"a": Infinity}', 1), ('{"a": 01}', 1), ('{"a": 1} // note', 1), ('{"a": 1}\n{"b": 2}', 2),
    ('{"a": 1, "a": 2}', 1), ('{"a": "\\ud800"}', 1), ('{"a": +1}', 1),
])
def test_json_is_read_strictly(text: str, line: int) -> None:
    with pytest.raises(TextDocError) as info:
        read(text, kind="json")
    assert info.value.line == line


def test_json_numbers_and_lines() -> None:
    doc = read('{\n  "a": 1.5e5,\n  "b": [\n    -0.25,\n    {"c": "\\u00e9"}\n  ]\n}', kind="json")
    assert doc.value == {"a": Decimal("1.5e5"), "b": [Decimal("-0.25"), {"c": "é"}]}
    assert doc.lines["a"] == 2 and doc.lines["b[1].c"] == 5


def _seed_as_json(tmp_path: Path) -> Path:
    raw = read(SEED.read_text()).value
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(raw, indent=2, default=str))
    return path


def test_a_household_reads_the_same_from_yaml_and_json(tmp_path: Path) -> None:
    from_json = load_path(_seed_as_json(tmp_path))
    from_yaml = load_path(SEED)
    assert evaluate(from_json).to_json() == evaluate(from_yaml).to_json()


def test_json_exponents_are_dollars_in_a_json_file(tmp_path: Path) -> None:
    path = _seed_as_json(tmp_path)
    path.write_text(path.read_text().replace('"pretax": 250000', '"pretax": 2.5e5'))
    assert load_path(path).accounts[0].sources.pretax == 25_000_000


@pytest.mark.parametrize("change, where, expected", [
    ("born: 1959-05-20", "people[0].born", "a date YYYY-MM-DD from 1900-01-01 to 2200-12-31"),
])
def test_dates_are_iso_and_in_range(change: str, where: str, expected: str) -> None:
    for bad in ("'2026-W10-1'", "'20260302'", "0001-01-01", "2026-02-30", "9999-12-31", "0000-01-01"):
        text = SEED.read_text().replace(change, f"born: {bad}")
        with pytest.raises(HouseholdFileError) as info:
            load_text(text)
        problem = info.value.problems[0]
        assert problem.where == where and problem.expected.startswith(expected) and problem.line is not None


def test_amounts_are_bounded() -> None:
    text = SEED.read_text().replace("pretax: 250000", "pretax: 1000000000001")
    with pytest.raises(HouseholdFileError) as info:
        load_text(text)
    assert "at most $1,000,000,000,000" in info.value.problems[0].expected
    load_text(text.replace("1000000000001", "1000000000000"))


def test_a_malformed_move_is_a_file_problem_with_its_line() -> None:
    text = SEED.read_text() + (
        "moves:\n"
        "  - {date: 2026-03-02, move: conversion, from: client_ira, to: client_roth_ira, amount: -5}\n"
        "  - {date: 2026-03-02, move: distribution, from: client_403b, to: [{account: client_ira, amount: rest},\n"
        "     {cash: rest}]}\n"
        "  - {date: 2026-03-02, move: contribution, to: client_ira, amount: 100, type: nondeductible, for_year: 2020}\n"
        "  - {date: 2026-03-02, move: teleport}\n"
        "  - {date: 2026-03-02, move: withdrawal, from: client_ira, amount: all, surprise: [1, {a: b}]}\n")
    if "\nmoves:" in SEED.read_text():
        pytest.skip("the seed has moves of its own")
    with pytest.raises(HouseholdFileError) as info:
        load_text(text)
    found = {(p.where, p.code) for p in info.value.problems}
    lines = {p.where: p.line for p in info.value.problems}
    assert ("moves[0].amount", "invalid_value") in found
    assert ("moves[4].surprise", "unknown_field") in found and len(found) == 5  # each problem once
    assert ("moves[1].to", "invalid_value") in found  # two destinations take the rest
    assert ("moves[2].for_year", "invalid_value") in found
    assert ("moves[3].move", "invalid_value") in found
    first = min(lines.values())
    assert lines["moves[0].amount"] == first and lines["moves[3].move"] == first + 4


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(SEED.read_text() + "#" * 2_000_000)
    with pytest.raises(HouseholdFileError) as info:
        load_path(path)
    assert info.value.problems[0].code == "file_too_large"
    load_path(path, limits=Limits(max_bytes=4_000_000))  # overridable


def test_binary_bytes_are_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"format: 1\n\xff\xfe\x00garbage")
    with pytest.raises(HouseholdFileError) as info:
        load_path(path)
    assert info.value.problems[0].code == "file_unreadable" and info.value.problems[0].line == 2
    path.write_text("format: 1\ntax_year: \x07\n")
    with pytest.raises(HouseholdFileError) as info:
        load_path(path)
    assert info.value.problems[0].line == 2


def test_a_key_that_is_not_a_plain_name_is_quoted_in_its_path() -> None:
    """So that a problem reads one way ("file:line: path: message"), whatever the key holds."""
    text = SEED.read_text().replace("ira_basis: 0\n", 'ira_basis: 0\n    "kin:d": 1\n', 1)
    with pytest.raises(HouseholdFileError) as info:
        load_text(text)
    problem = info.value.problems[0]
    assert problem.where == 'people[0]["kin:d"]' and problem.code == "unknown_field" and problem.line is not None


def test_lists_are_bounded() -> None:
    many = "".join(f"  - {{kind: taxable_interest, amount: {i}}}\n" for i in range(251))
    text = SEED.read_text().replace("income:\n", "income:\n" + many, 1)
    with pytest.raises(HouseholdFileError) as info:
        load_text(text)
    assert any(p.where == "income" and "at most 250 items" in p.expected for p in info.value.problems)
