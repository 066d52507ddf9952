"""`rothroute compare`: the strategies, their prices and ranking, against the seed thread's conclusions."""

from __future__ import annotations

import json
import pathlib

import pytest
import yaml
from click.testing import CliRunner

from rothroute import evaluate, load_path, load_text
from rothroute.cli.app import app
from rothroute.compare import Goal, NoStrategyError, compare

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"
SEED = load_path(EXAMPLES / "seed.yaml")


def by_name(data: dict) -> dict[str, dict]:
    return {s["name"]: s for s in data["strategies"]}


def test_seed_recommends_the_split_rollover_and_prices_the_thread_strategies() -> None:
    data = compare(SEED).to_json()
    s = by_name(data)
    assert data["recommended"] == "split_rollover" == data["strategies"][0]["name"]
    # the thread: the split costs nothing; the IRR taxes the $25,000 of earnings; all to Roth costs most
    assert s["split_rollover"]["cost_of_moves"] == 0 and s["split_rollover"]["roth_gained"] == 60000
    assert 0 < s["in_plan_roth_rollover_then_roll_out"]["cost_of_moves"] < s["all_to_roth_ira"]["cost_of_moves"]
    assert s["in_plan_roth_rollover_then_roll_out"]["roth_gained"] == 85000
    assert s["all_to_roth_ira"]["pretax_left"] == 900000 and s["all_to_roth_ira"]["irmaa_tier"] > 0
    assert s["leave_in_plan"]["moves"] == [] and s["leave_in_plan"]["cost_of_moves"] == 0
    # ruled out, each with a reason and a citation, listed after the permitted ones
    ruled = [x for x in data["strategies"] if x["ruled_out"]]
    assert {x["name"] for x in ruled} >= {"in_service_after_tax_split", "mega_backdoor_in_plan", "backdoor_roth"}
    assert all(x["ruled_out"]["reason"] and x["ruled_out"]["cites"] for x in ruled)
    assert data["strategies"][-len(ruled):] == ruled
    assert "no compensation" in s["backdoor_roth"]["ruled_out"]["reason"]  # 67 with no wages


def test_every_strategy_reruns_from_its_moves_in_file_notation() -> None:
    # the contract: each strategy's moves, written into the household file, give the same result
    data = compare(SEED).to_json()
    base = yaml.safe_load((EXAMPLES / "seed.yaml").read_text())
    for s in data["strategies"]:
        if s["ruled_out"]:
            continue
        raw = dict(base, moves=s["moves"], accounts=base["accounts"] + s["opens"])
        again = evaluate(load_text(json.dumps(raw, default=str))).to_json()
        assert again == s["result"], s["name"]
        assert s["result"]["tax"]["cost_of_moves"] == s["cost_of_moves"]


@pytest.mark.parametrize("goal, first", [("most-roth", "all_to_roth_ira"), ("clean-backdoor", "leave_in_plan"),
                                         ("least-tax-now", "split_rollover")])
def test_goals_rank_with_tie_breaks(goal: str, first: str) -> None:
    data = compare(SEED, Goal(goal)).to_json()
    assert data["recommended"] == first
    permitted = [s for s in data["strategies"] if not s["ruled_out"]]
    keys = {"least-tax-now": lambda s: s["cost_of_moves"], "most-roth": lambda s: -s["roth_gained"],
            "clean-backdoor": lambda s: s["pretax_iras_end"]}
    order = [goal] + data["tie_breaks"]
    assert permitted == sorted(permitted, key=lambda s: tuple(keys[g](s) for g in order))


BACKDOOR = """\
format: 1
tax_year: 2026
filing_status: single
people:
  - {id: kim, born: 1980-05-05, ira_basis: 0}
income:
  - {person: kim, kind: wages, amount: 260000}
accounts:
  - {id: kim_ira, owner: kim, kind: traditional_ira, value: 92500}
  - {id: kim_roth, owner: kim, kind: roth_ira, value: 20000}
  - id: kim_401k
    owner: kim
    kind: 401k
    sources: {pretax: 50000}
    plan: {separated_from_service: null, accepts_ira_rollins: true, after_tax_contributions: true,
           in_service_withdrawals: [after_tax], after_tax_separate_contract: true, in_plan_roth_rollover: true,
           employer_contributions: 10000}
"""


def test_backdoor_with_roll_in_clears_the_pro_rata_and_prices_the_delay() -> None:
    s = by_name(compare(load_text(BACKDOOR)).to_json())
    plain, rolled = s["backdoor_roth"], s["backdoor_roth_with_roll_in"]
    # $7,500 nondeductible + $92,500 pretax IRA: Form 8606 line 10 = 7,500 / 100,000 → $6,937.50 of $7,500 taxed
    assert plain["result"]["moves"][1]["taxable"] == 6937.5
    assert rolled["cost_of_moves"] == 0 and rolled["result"]["moves"][2]["taxable"] == 0
    assert rolled["delay_past_december_31_cost"] == plain["cost_of_moves"] > 0
    assert any("December 31" in t for t in rolled["traps"])
    # the mega-backdoor: $72,000 - $10,000 employer money = $62,000 of room (IRC §415(c); Notice 2025-67)
    mega = s["mega_backdoor_in_plan"]
    assert mega["ruled_out"] is None and mega["roth_gained"] == 62000 and mega["cost_of_moves"] == 0
    assert s["mega_backdoor_rollout"]["roth_gained"] == 62000
    assert compare(load_text(BACKDOOR), "clean-backdoor").recommended.name == "backdoor_roth_with_roll_in"


def test_no_strategy_to_compare_is_a_clear_error() -> None:
    bare = "format: 1\ntax_year: 2026\nfiling_status: single\npeople:\n  - {id: al, born: 1950-01-01}\n"
    with pytest.raises(NoStrategyError, match="nothing to compare"):
        compare(load_text(bare))


@pytest.mark.parametrize("columns", [80, 200])
def test_cli_compare_table_is_whole_at_any_width(columns: int) -> None:
    """The seed's comparison in an 80-column terminal (or a file: Rich's default width) prints as two whole
    tables, what each strategy costs now and what it leaves; a wide terminal gets one. No figure is cut."""
    out = CliRunner().invoke(app, ["compare", str(EXAMPLES / "seed.yaml")], env={"COLUMNS": str(columns)}).output
    table = out[:out.index("tax now: federal")]
    assert "…" not in table and "$1,175,000" in table and "$72,257" in table and "$8,538" in table
    assert ("What each leaves" in table) is (columns == 80)


def test_cli_compare_table_json_and_errors(tmp_path: pathlib.Path) -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["compare", str(EXAMPLES / "seed.yaml")])
    assert table.exit_code == 0 and "split rollover" in table.output and "Recommended" in table.output
    out = runner.invoke(app, ["compare", str(EXAMPLES / "seed.yaml"), "--json", "--goal", "most-roth"])
    data = json.loads(out.output)
    assert data["recommended"] == "all_to_roth_ira"
    assert {"name", "title", "ruled_out", "moves", "cost_of_moves", "roth_gained", "pretax_left", "result"} <= \
        set(data["strategies"][0])
    bad_goal = runner.invoke(app, ["compare", str(EXAMPLES / "seed.yaml"), "--goal", "cheapest"])
    assert bad_goal.exit_code == 2 and "--goal" in bad_goal.stderr and "least-tax-now" in bad_goal.stderr
    bare = tmp_path / "bare.yaml"
    bare.write_text("format: 1\ntax_year: 2026\nfiling_status: single\npeople:\n  - {id: al, born: 1950-01-01}\n")
    nothing = runner.invoke(app, ["compare", str(bare)])
    assert nothing.exit_code == 2 and "nothing to compare" in nothing.stderr and nothing.stdout == ""


def test_seed_with_a_new_job_combines_the_split_the_roll_in_and_the_backdoor() -> None:
    # The thread: "A split rollover interferes with a Backdoor Roth unless you can roll the pre-tax IRA rollover
    # back into the plan." With a new employer's plan that takes roll-ins, the split, the roll-in by December 31
    # and the backdoor together cost nothing and move the most to Roth without tax.
    household = load_path(EXAMPLES / "seed_backdoor.yaml")
    data = compare(household.__class__(**{**{f: getattr(household, f) for f in household.__dataclass_fields__},
                                          "moves": ()})).to_json()
    s = by_name(data)
    best = s["split_rollover_then_backdoor_roth_with_roll_in"]
    assert data["recommended"] == best["name"] and best["cost_of_moves"] == 0 and best["roth_gained"] == 68600
    late = s["split_rollover_then_backdoor_roth"]
    assert late["result"]["moves"][-1]["taxable"] == 8537.51  # as the shipped example without the roll-in
    assert best["delay_past_december_31_cost"] == late["cost_of_moves"] > 0


def test_in_service_split_of_a_pooled_contract_sends_its_pretax_share_to_the_ira() -> None:
    # The seed's 403(b) while still employed, in-service withdrawals of after-tax money allowed, but one contract
    # for all its non-Roth money: the $85,000 after-tax sub-account carries 85,000 x 60,000 / 335,000 = $15,223.88
    # of basis (IRC §72(e)(8)(B)); its pretax part, $69,776.12, goes to the traditional IRA, so nothing is taxed
    # and the Roth IRA gains the basis only. With a separate contract the IRA takes the $25,000 of earnings.
    text = (EXAMPLES / "seed.yaml").read_text().replace("separated_from_service: 2025", "separated_from_service: null")
    text = text.replace("in_service_withdrawals: []", "in_service_withdrawals: [after_tax]")
    for separate, pretax, gained in (("true", 25000, 60000), ("false", 69776.12, 15223.88)):
        s = by_name(compare(load_text(text.replace("after_tax_separate_contract: true",
                                                   f"after_tax_separate_contract: {separate}"))).to_json())
        split = s["in_service_after_tax_split"]
        assert split["ruled_out"] is None and split["cost_of_moves"] == 0 and split["roth_gained"] == gained
        assert split["moves"][0]["to"][0] == {"account": "client_ira", "amount": pretax, "elect": "pretax"}
