"""The household file, format 1: loading YAML and JSON, and every kind of bad input reported
at once with its place, line, what was expected and what came."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from rothroute import HouseholdFileError, load_path, load_text
from rothroute.vocab import AccountKind, FilingStatus

from .conftest import EXAMPLES


def test_seed_example_loads(seed_path: Path) -> None:
    h = load_path(seed_path)
    assert h.tax_year == 2026 and h.filing_status is FilingStatus.SINGLE
    plan = next(a for a in h.accounts if a.kind is AccountKind.K403B)
    assert plan.sources is not None
    assert (plan.sources.pretax, plan.sources.after_tax_contributions, plan.sources.after_tax_earnings) == (
        25_000_000, 6_000_000, 2_500_000)
    assert plan.value == 25_000_000 + 6_000_000 + 2_500_000 + 9_000_000 + 4_000_000


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_yaml_and_json_give_the_same_household(path: Path) -> None:
    text = path.read_text()
    as_json = json.dumps(yaml.safe_load(text), default=str)
    assert load_text(text) == load_text(as_json)


BASE = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {id: pat, born: 1959-03-14, ira_basis: 0}
income:
  - {person: pat, kind: social_security, amount: 38000}
accounts:
  - id: plan
    owner: pat
    kind: 403b
    sources:
      pretax: 300000
      after_tax: {contributions: 80000, earnings: 40000}
  - {id: ira, owner: pat, kind: traditional_ira, value: 600000}
"""


def problems(text: str) -> list:
    with pytest.raises(HouseholdFileError) as info:
        load_text(text, source="h.yaml")
    return list(info.value.problems)


def test_base_is_valid() -> None:
    assert load_text(BASE).people[0].id == "pat"


CASES = [
    # (name, replace old -> new, expected path, expected words, expected line)
    ("negative balance", ("pretax: 300000", "pretax: -5"), "accounts[0].sources.pretax", "at least 0", 13),
    ("unknown account kind", ("kind: 403b", "kind: 403c"), "accounts[0].kind", "one of 401k", 11),
    ("unknown filing status", ("filing_status: single", "filing_status: jointly"), "filing_status",
     "one of single", 3),
    ("person not defined", ("{person: pat,", "{person: sam,"), "income[0].person", "a person in people", 7),
    ("owner not defined", ("owner: pat\n    kind: 403b", "owner: kim\n    kind: 403b"), "accounts[0].owner",
     "a person in people", 10),
    ("born after the tax year", ("born: 1959-03-14", "born: 2027-01-02"), "people[0].born",
     "on or before 2026-12-31", 5),
    ("tax year without parameters", ("tax_year: 2026", "tax_year: 2031"), "tax_year", "2024, 2025, 2026", 2),
    ("earnings as text", ("earnings: 40000", "earnings: lots"), "accounts[0].sources.after_tax.earnings",
     "dollar amount", 14),
    ("three decimals", ("amount: 38000", "amount: 38000.125"), "income[0].amount", "two decimals", 7),
    ("unknown key", ("ira_basis: 0}", "ira_basis: 0, iq: 3}"), "people[0].iq", "one of the keys", 5),
    ("missing required", ("  - {id: pat, born: 1959-03-14, ira_basis: 0}", "  - {id: pat, ira_basis: 0}"),
     "people[0].born", "required", 5),
]


@pytest.mark.parametrize("name, change, where, words, line", CASES, ids=[c[0] for c in CASES])
def test_each_bad_input_names_its_place(name: str, change: tuple[str, str], where: str, words: str,
                                        line: int) -> None:
    old, new = change
    assert old in BASE, name
    found = problems(BASE.replace(old, new, 1))
    match = [p for p in found if p.where == where]
    assert match, f"{name}: no problem at {where}: {found}"
    assert words in p_text(match[0])
    assert match[0].line == line
    assert str(match[0]).startswith(f"h.yaml:{line}: {where}: expected ")


def p_text(p) -> str:
    return f"{p.expected} / {p.got}"


def test_every_problem_is_reported_at_once() -> None:
    text = (BASE.replace("pretax: 300000", "pretax: -5")
                .replace("kind: traditional_ira", "kind: trad_ira")
                .replace("filing_status: single", "filing_status: solo"))
    wheres = {p.where for p in problems(text)}
    assert {"accounts[0].sources.pretax", "accounts[1].kind", "filing_status"} <= wheres


def test_meaning_problems_are_reported_together() -> None:
    text = (BASE.replace("born: 1959-03-14", "born: 2027-01-02")
                .replace("{person: pat,", "{person: sam,")
                .replace("pretax: 300000", "pretax: -5"))
    wheres = {p.where for p in problems(text)}
    assert {"people[0].born", "income[0].person", "accounts[0].sources.pretax"} <= wheres


def test_malformed_yaml_names_the_line() -> None:
    found = problems(BASE.replace("income:\n", "income:\n  - {person: pat, kind: [\n", 1))
    assert len(found) == 1 and found[0].line is not None and "well-formed" in found[0].expected


def test_duplicate_key_is_refused() -> None:
    found = problems(BASE.replace("tax_year: 2026\n", "tax_year: 2026\ntax_year: 2025\n"))
    assert found[0].where == "tax_year" and "duplicate" in found[0].got


def test_joint_return_needs_two_people() -> None:
    found = problems(BASE.replace("filing_status: single", "filing_status: married_joint"))
    assert found[0].where == "people" and "2 people" in found[0].expected


def test_after_tax_pre_1987_cannot_exceed_contributions() -> None:
    found = problems(BASE.replace("earnings: 40000}", "earnings: 40000, pre_1987_contributions: 90000}"))
    assert found[0].where == "accounts[0].sources.after_tax.pre_1987_contributions"


def test_qualified_dividends_cannot_exceed_ordinary() -> None:
    found = problems(BASE.replace("income:\n", "income:\n  - {kind: qualified_dividends, amount: 10}\n"))
    assert found[0].where == "income" and "ordinary_dividends" in found[0].expected


PRIOR_YEAR = BASE.replace("ira_basis: 0", "ira_basis: 607000") + "moves:\n"


@pytest.mark.parametrize("move, allowed", [
    # made by April 15 for last year: in last year's Form 8606 lines 1 and 4, so in its line 14, the file's
    # ira_basis, while the January 1 balance does not hold it (Form 8606 lines 1, 4, 14; IRC §219(f)(3))
    ("{date: 2026-02-10, move: contribution, to: ira, amount: 7000, type: nondeductible, for_year: 2025}", True),
    ("{date: 2026-04-15, move: contribution, to: ira, amount: 7000, type: deductible, for_year: 2025}", True),
    # only those: a contribution for this year, after April 15, to a Roth IRA, or too small does not explain it
    ("{date: 2026-02-10, move: contribution, to: ira, amount: 7000, type: nondeductible}", False),
    ("{date: 2026-04-16, move: contribution, to: ira, amount: 7000, type: nondeductible, for_year: 2025}", False),
    ("{date: 2026-02-10, move: contribution, to: roth, amount: 7000, type: roth, for_year: 2025}", False),
    ("{date: 2026-02-10, move: contribution, to: ira, amount: 6999.99, type: nondeductible, for_year: 2025}", False),
])
def test_basis_may_include_last_years_contribution_made_this_year(move: str, allowed: bool) -> None:
    """Basis above the January 1 balance is read either way (IRAs can lose value below their basis);
    when the contributions for last year made this year do not explain it, the result warns."""
    from rothroute import evaluate

    text = PRIOR_YEAR.replace("  - {id: ira,", "  - {id: roth, owner: pat, kind: roth_ira, value: 0}\n  - {id: ira,")
    text += f"  - {move}\n"
    h = load_text(text)
    assert h.people[0].ira_basis == 60_700_000
    found = [i for i in evaluate(h).issues if i.code == "ira_basis_above_balance"]
    if allowed:
        assert not found
    else:
        assert found and "for_year: 2025" in found[0].message and "$600,000.00" in found[0].message


def test_basis_above_the_balance_is_a_warning_not_a_file_error() -> None:
    """IRAs can be worth less than their basis (a loss: Pub 590-B, Bill King's second year; Form 8606
    line 10 is then at most 1), so the file is read, and the result warns (it may also be a typo)."""
    from rothroute import evaluate

    h = load_text(BASE.replace("ira_basis: 0", "ira_basis: 700000", 1), source="h.yaml")
    found = [i for i in evaluate(h).issues if i.code == "ira_basis_above_balance"]
    assert len(found) == 1 and found[0].where == "people[0].ira_basis" and found[0].severity == "warning"
