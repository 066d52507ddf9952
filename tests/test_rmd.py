"""Required minimum distributions: what each result says about them, the first year's wait until April 1
over two years, and the strategies and plans that never leave one untaken. The worked figures with their
authority are in cases/regulations.yaml (reg_1.408-8_*, reg_54.4974-1_*, reg_1.401a9-5_*); here, how they
carry through the file format, the rollforward, compare and the optimizer."""

from __future__ import annotations

from fractions import Fraction

import pytest
from click.testing import CliRunner

from rothroute import evaluate, load_text
from rothroute.cli.app import app
from rothroute.compare import compare
from rothroute.errors import HouseholdFileError
from rothroute.household.moves import Distribution, InPlanRothRollover, source
from rothroute.optimize.horizon import Assumptions
from rothroute.optimize.plan import optimize
from rothroute.optimize.rollforward import next_year

SHORT = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {id: pat, born: 1950-03-01}
accounts:
  - {id: pat_ira, owner: pat, kind: traditional_ira, value: 600000}
"""

FIRST_YEAR = """\
format: 1
tax_year: 2025
filing_status: single
people:
  - {id: lee, born: 1952-06-01, first_rmd_deferred: true}
income:
  - {person: lee, kind: social_security, amount: 30000}
accounts:
  - {id: lee_ira, owner: lee, kind: traditional_ira, value: 500000}
"""

LEAVING = """\
format: 1
tax_year: 2025
filing_status: single
people:
  - {id: ed, born: 1950-03-01, retirement_year: 2025}
income:
  - {person: ed, kind: wages, amount: 80000}
accounts:
  - id: ed_401k
    owner: ed
    kind: 401k
    sources: {pretax: 300000}
    plan: {in_plan_roth_rollover: true}
"""


def test_every_result_says_each_persons_rmd_and_the_excise_beside_total_tax() -> None:
    # $600,000 / 23.7 (Uniform Lifetime Table, 76) = $25,316.46 not taken: a warning with the 25% excise
    # (Treas. Reg. §54.4974-1(a)(1)) in its own key; total_tax and the income tax do not hold it
    result = evaluate(load_text(SHORT)).to_json()
    assert result["people"]["pat"]["rmd"]["iras"]["shortfall"] == 25316.46
    assert result["tax"]["rmd_excise"] == 6329.12 and result["tax"]["total_tax"] == 0
    warning = next(i for i in result["issues"] if i["code"] == "rmd_shortfall")
    assert warning["severity"] == "warning" and warning["where"] == "people[0]"
    assert "$25,316.46 short" in warning["message"] and "$6,329.12" in warning["message"]
    assert "IRC §4974(a), (e)" in warning["cites"]
    # taken: no warning, no excise; the withdrawal's tax is the cost of the move
    taken = evaluate(load_text(SHORT + "moves:\n  - {date: 2026-02-01, move: withdrawal, from: pat_ira, "
                                       "amount: 25316.46}\n")).to_json()
    assert taken["tax"]["rmd_excise"] == 0 and not [i for i in taken["issues"] if i["code"] == "rmd_shortfall"]
    assert taken["tax"]["without_moves"]["rmd_excise"] == 6329.12
    assert taken["people"]["pat"]["rmd"]["iras"]["taken"] == 25316.46
    # before RMD age: the keys are there, all zero
    young = evaluate(load_text(SHORT.replace("1950-03-01", "1960-03-01"))).to_json()
    assert young["people"]["pat"]["rmd"]["iras"]["due"] == 0 and young["tax"]["rmd_excise"] == 0


def test_explain_and_the_table_show_the_rmd_and_the_excise(tmp_path) -> None:
    path = tmp_path / "short.yaml"
    path.write_text(SHORT)
    runner = CliRunner()
    table = runner.invoke(app, ["evaluate", str(path)])
    assert table.exit_code == 0
    assert "Required minimum distributions 2026" in table.output and "$25,316.46" in table.output
    assert "Excise on RMDs not taken" in table.output and "$6,329.12" in table.output
    explained = runner.invoke(app, ["evaluate", str(path), "--explain"], terminal_width=200)
    assert "people.pat.rmd.iras.due $25,316.46" in explained.output
    assert "people.pat.f5329.55 $6,329.12" in explained.output and "Treas. Reg. §54.4974-1(a), (f)" in explained.output
    assert "tax.rmd_excise $6,329.12" in explained.output


def test_the_first_rmd_waits_until_april_1_and_next_years_file_carries_it() -> None:
    # 2025: lee reaches 73; $500,000 / 26.5 = $18,867.92 deferred (Treas. Reg. §54.4974-1(f)): a note, no excise
    first = evaluate(load_text(FIRST_YEAR))
    data = first.to_json()
    assert data["people"]["lee"]["rmd"]["iras"]["carry_to_next_year"] == 18867.92 and data["tax"]["rmd_excise"] == 0
    note = next(i for i in data["issues"] if i["code"] == "first_rmd_deferred")
    assert note["severity"] == "info" and "April 1, 2026" in note["message"]
    # not said to be meant: the same, with a warning
    unasked = evaluate(load_text(FIRST_YEAR.replace(", first_rmd_deferred: true", ""))).to_json()
    assert [i["severity"] for i in unasked["issues"] if i["code"] == "first_rmd_not_taken"] == ["warning"]
    # 2026 (no growth): the rollforward carries it; the election is the first year's only
    h = next_year(first, growth=Fraction(0), inflation=Fraction(0))
    lee = h.people[0]
    assert lee.rmd_from_last_year == 1_886_792 and lee.first_rmd_deferred is False
    # both RMDs are 2026's: $18,867.92 by April 1 and $500,000 / 25.5 = $19,607.84, $38,475.76 of income
    second = evaluate(h).to_json()
    assert second["people"]["lee"]["rmd"]["form_5329"]["52"] == 38475.76
    assert second["people"]["lee"]["rmd"]["form_5329"]["55"] == round(0.25 * 38475.76, 2)
    import dataclasses

    paid = evaluate(dataclasses.replace(h, moves=({"date": "2026-03-15", "move": "withdrawal", "from": "lee_ira",
                                                  "amount": 38475.76},))).to_json()
    assert paid["tax"]["rmd_excise"] == 0 and paid["moves"][0]["taxable"] == 38475.76
    # a conversion waits for both: the first dollars out are RMDs (Treas. Reg. §1.402(c)-2(f)(1))
    refused = evaluate(dataclasses.replace(h, accounts=h.accounts + (dataclasses.replace(
        h.accounts[0], id="lee_roth", kind="roth_ira", value=0),), moves=(
        {"date": "2026-03-15", "move": "withdrawal", "from": "lee_ira", "amount": 18867.92},
        {"date": "2026-04-15", "move": "conversion", "from": "lee_ira", "to": "lee_roth", "amount": 5000}))).to_json()
    assert refused["moves"][1]["permitted"] is False
    assert any(i["code"] == "conversion_of_rmd" and "$19,607.84 still due" in i["message"] for i in refused["issues"])


def test_the_year_of_leaving_defers_the_plans_first_rmd_to_the_next_file() -> None:
    first = evaluate(load_text(LEAVING))
    plan = first.to_json()["people"]["ed"]["rmd"]["plans"]["ed_401k"]
    assert plan["carry_to_next_year"] == 12195.12 and plan["deferred"] and plan["due_by"] == "2026-04-01"
    h = next_year(first, growth=Fraction(0), inflation=Fraction(0))
    rules = h.accounts[0].plan
    assert rules.separated_from_service == 2025 and rules.rmd_from_last_year == 1_219_512
    second = evaluate(h).to_json()
    # $12,195.12 by April 1 and $300,000 / 23.7 = $12,658.23 by December 31, both not taken: 25% of $24,853.35
    assert second["people"]["ed"]["rmd"]["form_5329"]["54"] == 24853.35
    assert second["tax"]["rmd_excise"] == 6213.34


@pytest.mark.parametrize("text, where, expected", [
    (FIRST_YEAR.replace("2025", "2026", 1), "people[0].first_rmd_deferred", "first year of lee's IRA RMDs (2025)"),
    (FIRST_YEAR.replace(", first_rmd_deferred: true", ", rmd_from_last_year: 100"), "people[0].rmd_from_last_year",
     "year after the first year of lee's IRA RMDs (2026)"),
    (LEAVING.replace("retirement_year: 2025", "retirement_year: 2027").replace(
        "in_plan_roth_rollover: true", "in_plan_roth_rollover: true, first_rmd_deferred: true"),
     "accounts[0].plan.first_rmd_deferred", "first year of the plan ed_401k's RMDs (2027)"),
])
def test_rmd_fields_of_the_wrong_year_are_file_errors(text: str, where: str, expected: str) -> None:
    with pytest.raises(HouseholdFileError) as caught:
        load_text(text)
    problem = caught.value.problems[0]
    assert problem.where == where and expected in problem.expected and problem.line is not None


RMD_YEAR = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {id: ed, born: 1950-03-01}
income:
  - {person: ed, kind: social_security, amount: 30000}
accounts:
  - id: ed_401k
    owner: ed
    kind: 401k
    sources: {pretax: 300000, after_tax: {contributions: 40000, earnings: 10000}}
    plan: {separated_from_service: 2018, in_plan_roth_rollover: true, after_tax_separate_contract: true}
  - {id: ed_ira, owner: ed, kind: traditional_ira, value: 200000}
"""


def test_compare_takes_the_years_rmds_first_in_every_strategy_and_the_baseline() -> None:
    # IRAs $200,000 / 23.7 = $8,438.82; the 401(k)'s non-Roth $350,000 / 23.7 = $14,767.93 (Treas. Reg.
    # §1.408-8(b)(2), §1.401(a)(9)-5(b)), on January 2, before anything else
    data = compare(load_text(RMD_YEAR)).to_json()
    rmds = [{"date": "2026-01-02", "move": "withdrawal", "from": "ed_ira", "amount": 8438.82},
            {"date": "2026-01-02", "move": "distribution", "from": "ed_401k", "sources": ["pretax", "after_tax"],
             "amount": 14767.93, "to": [{"cash": "rest"}]}]
    permitted = [s for s in data["strategies"] if not s["ruled_out"]]
    assert len(permitted) >= 3 and "RMD year" in data["assumptions"][0]
    by_name = {s["name"]: s for s in permitted}
    assert by_name["leave_in_plan"]["moves"] == rmds and by_name["leave_in_plan"]["cost_of_moves"] == 0
    for s in permitted:
        assert s["moves"][:2] == rmds, s["name"]
        assert s["paperwork"]["requests"][0].startswith("First, in January, take the year's required minimum")
        assert s["result"]["tax"]["rmd_excise"] == 0, s["name"]
        # measured against the year with only its RMDs taken
        assert s["cost_of_moves"] == round(s["federal_tax"] - by_name["leave_in_plan"]["federal_tax"], 2)
    assert by_name["split_rollover"]["cost_of_moves"] == 0


def test_the_optimizer_defers_the_year_of_leavings_rmd_and_takes_both_the_next_year() -> None:
    # Ed is 76 and works through 2027: his 401(k) owes nothing while he works there; 2027, the year he leaves,
    # is its first RMD year, and the RMD waits until April 1, 2028 (he works there to the year's end): no
    # in-plan Roth rollover that year (its first dollars would be the RMD), and 2028 pays both RMDs
    text = LEAVING.replace("tax_year: 2025", "tax_year: 2026").replace("retirement_year: 2025", "retirement_year: 2027")
    text += "  - {id: ed_ira, owner: ed, kind: traditional_ira, value: 100000}\n"
    plan = optimize(load_text(text), 4, Assumptions())
    years = {y.year: y for y in plan.years}
    # no RMD left untaken, by the plan or by any yardstick it is measured against
    assert all(y.evaluation.rmd_excise == 0 for y in plan.years)
    assert all(y.evaluation.rmd_excise == 0 for ys in plan.baselines.values() for y in ys)
    assert all(not [i for i in y.evaluation.issues if i.severity == "error"] for y in plan.years)
    moves_2027 = years[2027].evaluation.household.moves
    assert not [m for m in moves_2027 if isinstance(m, InPlanRothRollover)]
    h2027, h2028 = years[2027].evaluation.household, years[2028].evaluation.household
    january_2027 = h2027.accounts[0].sources.pretax
    carried = h2028.accounts[0].plan.rmd_from_last_year
    # the plan's 2027 RMD: its January 2027 money over 22.9 (age 77), to the cent
    assert carried == (2 * january_2027 * 10 + 229) // (2 * 229) and carried > 0
    paid = [m for m in h2028.moves if isinstance(m, Distribution) and m.from_account == "ed_401k"]
    own_2028 = years[2028].evaluation.rmd[0].outcomes[1].requirement.due
    assert paid[0].amount == carried + own_2028
    result = plan.to_json()
    by_year = {y["year"]: y for y in result["years"]}
    assert by_year[2028]["rmd"] > by_year[2029]["rmd"] > 0
    assert all(abs(y["difference"]) <= 5 for y in result["years"]), [y["difference"] for y in result["years"]]
    assert all(b["cash_never_short"] for b in result["baselines"])


def test_the_optimizer_keeps_a_files_first_year_deferral() -> None:
    # the file defers lee's first RMD (2025): nothing leaves the IRAs in 2025, 2026 takes both RMDs
    plan = optimize(load_text(FIRST_YEAR), 3, Assumptions())
    years = {y.year: y for y in plan.years}
    assert all(y.evaluation.rmd_excise == 0 for y in plan.years)
    assert not [m for m in years[2025].evaluation.household.moves if source(m) == "lee_ira"]
    result = {y["year"]: y for y in plan.to_json()["years"]}
    assert result[2025]["rmd"] == 0 and result[2025]["conversions"]["lee"] == 0
    assert result[2026]["rmd"] == 18867.92 + round(years[2026].evaluation.rmd[0].outcomes[0].requirement.due / 100, 2)
