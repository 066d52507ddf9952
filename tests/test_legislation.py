"""The law's status as cited data (issue #12 item 5): the legislation file loads strictly, and every
rule, proposal and later law carries its citations and sources."""

from __future__ import annotations

import datetime as _dt
import pathlib

import pytest

from rothroute.errors import ParameterFileError
from rothroute.params.legislation import LAW_FILE, Checked, default, load

TEXT = LAW_FILE.read_text(encoding="utf-8")
PRIMARY = ("IRC §", "P.L. ", "Notice", "Treas. Reg.", "H.R. ", "CRS ", "General Explanations", "T.D. ", "Form ")


def _mutated(tmp_path: pathlib.Path, old: str, new: str) -> pathlib.Path:
    assert old in TEXT, old
    path = tmp_path / "legislation.yaml"
    path.write_text(TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def _line(text: str) -> int:
    """The line of the shipped file where ``text`` starts."""
    return TEXT[:TEXT.index(text)].count("\n") + 1


FIRST_RULE = _line("  - id: conversion_at_any_income")
SOURCES = TEXT[TEXT.index("    sources:\n      - Senate Finance"):TEXT.index("    checked: official")]
CITES = TEXT[TEXT.index("    cites:\n      - IRC §408A(c)(3)\n"):TEXT.index("    sources:\n      - Senate Finance")]


@pytest.mark.parametrize("old, new, words", [
    # unknown and missing keys, each with its place and line
    ("    short: conversions at any income\n", "    short: conversions at any income\n    shorter: x\n",
     f"rules[0] (line {FIRST_RULE}): unknown key 'shorter'"),
    ("    law: IRC §408A(c)(3), §408A(d)(3)\n", "", f"rules[0] (line {FIRST_RULE}): missing key 'law'"),
    ("as_of: 2026-12-06\n", "as_of: 2026-12-06\nstatus: current\n", "unknown key 'status'"),
    # missing sources and citations
    (SOURCES, SOURCES.replace("sources:", "source:", 1), "missing key 'sources'"),
    (SOURCES, "    sources:\n", f"rules[0].sources (line {_line(SOURCES)}): expected a non-empty list; got None"),
    (CITES, "    cites: []\n", f"rules[0].cites (line {_line(CITES)}): expected a non-empty list; got []"),
    # bad dates
    ("    effective: 2010-01-01\n", "    effective: 2010-02-30\n",
     f"rules[0].effective (line {_line('    effective: 2010-01-01')}): expected date; got '2010-02-30'"),
    ("    effective: 2010-01-01\n", "    effective: '2010-1-1'\n",
     f"rules[0].effective (line {_line('    effective: 2010-01-01')}): expected date; got '2010-1-1'"),
    ("    effective: 2010-01-01\n", "    effective: 2010-01-01 09:00:00\n", "expected date; got '2010-01-01 09:00:00'"),
    ("    effective: 2010-01-01\n", "    effective: null\n", "null only when checked is 'not verified'"),
    ("    fate_date: 2022-08-16\n", "    fate_date: 2999-08-16\n", "expected a date no later than as_of"),
    # ids that name nothing, duplicates, closed vocabularies, later laws that leave a rule unaccounted for
    ("    rules:\n      - after_tax_rollover_to_ira\n", "    rules:\n      - after_tax_rollover_to_iraa\n",
     f"proposals[0].rules[0] (line {_line('    rules:') + 1}): no rule with id 'after_tax_rollover_to_iraa'"),
    ("  - id: plan_to_roth_ira_rollover\n", "  - id: conversion_at_any_income\n", "duplicate id 'conversion_at_any_income'"),
    ("    checked: official\n", "    checked: probably\n", "expected one of official, secondary, not verified"),
    ("    changed_rules:\n      - tax_law_2025\n", "    changed_rules: null\n",
     "rule 'tax_law_2025' must be in exactly one of changed_rules and unchanged_rules"),
])
def test_the_loader_refuses_a_faulty_file(tmp_path: pathlib.Path, old: str, new: str, words: str) -> None:
    with pytest.raises(ParameterFileError) as info:
        load(_mutated(tmp_path, old, new))
    assert words in str(info.value) and "legislation.yaml" in str(info.value)


def test_iso_text_dates_are_dates(tmp_path: pathlib.Path) -> None:
    # a YAML 1.2 core-schema reader has no date type: quoted ISO dates read the same
    law = load(_mutated(tmp_path, "    effective: 2010-01-01\n", "    effective: '2010-01-01'\n"))
    assert law.rules["conversion_at_any_income"].effective == _dt.date(2010, 1, 1)


def test_every_rule_proposal_and_later_law_carries_its_citations_and_sources() -> None:
    law = default()
    entries = [*law.rules.values(), *law.proposals, *law.later_laws]
    assert len(law.rules) >= 15 and law.proposals and law.later_laws
    for entry in entries:
        assert entry.cites and entry.sources, entry.id
        assert any(c.startswith(PRIMARY) for c in entry.cites), (entry.id, entry.cites)
        assert all(len(s) > 20 for s in entry.sources), entry.id
        if entry.checked is not Checked.NOT_VERIFIED:  # a checked statement names where it was read
            assert all("http" in s or "copy at" in s for s in entry.sources), entry.id
