"""The state in ``rothroute evaluate``: residence from the file, the result's keys, the cost split,
and what is said when a state or a year cannot be computed."""

from __future__ import annotations

import pytest
import yaml

from rothroute import evaluate, load_text
from rothroute.errors import HouseholdFileError

BASE = {
    "format": 1, "tax_year": 2024, "filing_status": "married_joint",
    "people": [{"id": "a", "born": "1955-03-01"}, {"id": "b", "born": "1958-07-01"}],
    "income": [{"kind": "taxable_interest", "amount": 8000}, {"kind": "ordinary_dividends", "amount": 3000},
               {"person": "a", "kind": "social_security", "amount": 30000}],
    "accounts": [{"id": "a_ira", "owner": "a", "kind": "traditional_ira", "value": 500000},
                 {"id": "a_roth", "owner": "a", "kind": "roth_ira", "value": 0}],
    "moves": [{"date": "2024-03-01", "move": "conversion", "from": "a_ira", "to": "a_roth", "amount": 50000}],
}


def run(**changes: object) -> dict:
    doc = {**BASE, **changes}
    doc = {k: v for k, v in doc.items() if v is not None}
    return evaluate(load_text(yaml.safe_dump(doc, sort_keys=False))).to_json()


def test_a_state_without_income_tax_adds_nothing() -> None:
    tax = run(state="TX")["tax"]
    assert tax["state_income_tax"] == 0 and tax["state_capital_gains_tax"] == 0
    assert tax["total_tax"] == tax["federal_total_tax"]
    assert tax["state"]["code"] == "TX" and tax["state"]["lines"][0]["key"] == "state.tx.no_income_tax"
    assert tax["state_cost"] == 0 and tax["cost_of_moves"] == tax["federal_cost"]


def test_no_state_in_the_file_is_federal_only() -> None:
    out = run()
    assert out["tax"]["state"] is None and out["tax"]["state_income_tax"] == 0
    assert not [i for i in out["issues"] if i["code"].startswith("state")]


def test_new_hampshire_2024_taxes_interest_and_dividends_into_the_total() -> None:
    out = run(state="NH")
    tax = out["tax"]
    assert tax["state_income_tax"] == 114  # tests/cases/state.yaml nh_2024_couple_over_65
    assert tax["total_tax"] == tax["federal_total_tax"] + 114
    assert tax["without_moves"]["state_income_tax"] == 114
    assert tax["state_cost"] == 0 and tax["cost_of_moves"] == tax["federal_cost"] > 0
    assert any(line["key"] == "state.nh.tax" for line in out["lines"])


def test_a_state_not_modelled_is_named_never_skipped() -> None:
    from rothroute.params.states import state_file
    from rothroute.state.jurisdictions import CODES

    missing = [code for code in CODES if state_file(code) is None]  # states still without a parameter file
    if not missing:
        pytest.skip("every jurisdiction has a parameter file")
    out = run(state=missing[0])
    assert out["tax"]["state_income_tax"] is None
    assert out["tax"]["total_tax"] == out["tax"]["federal_total_tax"]
    assert [i["code"] for i in out["issues"]] == ["state_not_modelled"]


def test_a_refused_year_says_why() -> None:
    out = run(state="WA", tax_year=2026, moves=[], income=[{"kind": "long_term_gains", "amount": 400000}])
    assert out["tax"]["state_capital_gains_tax"] is None
    issue = next(i for i in out["issues"] if i["code"] == "state_year_not_in_force")
    assert "2026" in issue["message"] and "RCW 82.87.150" in issue["message"]


def test_residence_gives_the_state_of_the_year_and_warns_of_a_move() -> None:
    out = run(residence=[{"from_year": 2020, "state": "TX"}, {"from_year": 2024, "state": "NH"}])
    assert out["tax"]["state"]["code"] == "NH" and out["tax"]["state_income_tax"] == 114
    assert any(i["code"] == "part_year_residence_not_modelled" and "Texas" in i["message"] for i in out["issues"])
    out = run(residence=[{"from_year": 2020, "state": "NH"}, {"from_year": 2026, "state": "TX"}])
    assert out["tax"]["state"]["code"] == "NH"
    assert not [i for i in out["issues"] if i["code"] == "part_year_residence_not_modelled"]


@pytest.mark.parametrize("changes, where, words", [
    ({"state": "ZZ"}, "state", "one of"),
    ({"residence": [{"from_year": 2025, "state": "TX"}]}, "residence[0].from_year", "no later than the tax year"),
    ({"residence": [{"from_year": 2022, "state": "TX"}, {"from_year": 2021, "state": "NH"}]},
     "residence[1].from_year", "a year after 2022"),
    ({"state": "NH", "residence": [{"from_year": 2022, "state": "TX"}]}, "state", "(TX)"),
    ({"residence": [{"from_year": 2022, "state": "Texas"}]}, "residence[0].state", "one of"),
])
def test_residence_problems_are_file_problems(changes: dict, where: str, words: str) -> None:
    doc = {**BASE, **changes}
    with pytest.raises(HouseholdFileError) as info:
        load_text(yaml.safe_dump(doc, sort_keys=False))
    problem = next(p for p in info.value.problems if p.where == where)
    assert words in problem.expected


def test_new_york_prices_the_conversion_with_its_exclusion() -> None:
    """The conversion is a's (69): New York excludes $20,000 of it (Tax Law §612(c)(3-a)); the joint
    return's taxable income $86,500 - $25,500 - $20,000 - $16,050 = $24,950 pays 4% x 17,150 + 4.5% x
    6,450 + 5.25% x 1,350 = $1,047.13, all of it the moves' cost (nothing is taxed without them)."""
    out = run(state="NY")
    tax = out["tax"]
    lines = {line["key"]: line["value"] for line in out["lines"] if line["key"].startswith("state.ny.")}
    assert lines["state.ny.retirement_exclusion"] == 20000 and lines["state.ny.taxable_income"] == 24950
    assert tax["state_income_tax"] == pytest.approx(1047.13) and tax["without_moves"]["state_income_tax"] == 0
    assert tax["state_cost"] == pytest.approx(1047.13)
    assert tax["cost_of_moves"] == pytest.approx(tax["federal_cost"] + tax["state_cost"])
    assert [line["key"] for line in tax["state"]["lines"]] == list(lines)
    assert any(i["code"] == "local_income_tax_not_modelled" for i in out["issues"])
