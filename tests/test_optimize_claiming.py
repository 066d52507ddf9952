"""``rothroute optimize --claiming optimize``: each person's Social Security claiming age chosen by the plan,
jointly with the conversions (``optimize.claiming``). The claiming ages' values themselves are checked against
Open Social Security's published results in ``test_claim_value.py``."""

from __future__ import annotations

import json
import pathlib
import time

import pytest
from click.testing import CliRunner

from rothroute.household.load import load_text
from rothroute.optimize.claiming import optimize_claiming
from rothroute.optimize.horizon import Assumptions
from rothroute.optimize.plan import OptimizeError
from rothroute.options import OptionError, optimize_options

SINGLE = """format: 1
tax_year: 2026
filing_status: single
tax_computation: rate_schedule
people:
  - {id: a, born: 1963-07-10, life_expectancy: LIFE, social_security: {benefit_at_full_retirement_age: 2400, claim_age: 67}}
accounts:
  - {id: a_ira, owner: a, kind: traditional_ira, value: 900000}
"""

COUPLE = """format: 1
tax_year: 2026
filing_status: married_joint
tax_computation: rate_schedule
people:
  - {id: a, born: 1962-04-10, life_expectancy: 84, social_security: {benefit_at_full_retirement_age: 2800, claim_age: 67}}
  - {id: b, born: 1963-09-20, life_expectancy: 87, social_security: {benefit_at_full_retirement_age: 1100, claim_age: 67}}
accounts:
  - {id: a_ira, owner: a, kind: traditional_ira, value: 1200000}
  - {id: b_ira, owner: b, kind: traditional_ira, value: 300000}
"""

A = Assumptions(spending=50_000_00, cash=100_000_00)


def test_a_single_person_who_will_not_live_long_claims_at_once_and_one_who_will_waits() -> None:
    """Born July 1963 (63 in 2026: 62 is past), PIA $2,400: dying at the end of the year of 70, the plan claims at
    63, the first age open; living to 88, it waits to 70 (at 2.4% real growth, a delay's 8% a year pays back well
    before 88, §402(w)). Either way the plan kept is worth at least the file's claim at 67, planned the same way."""
    short = optimize_claiming(load_text(SINGLE.replace("LIFE", "70")), 40, A, time_limit=15,
                              with_baselines=False).to_json()
    long = optimize_claiming(load_text(SINGLE.replace("LIFE", "88")), 40, A, time_limit=15,
                             with_baselines=False).to_json()
    assert short["claiming"]["chosen"] == {"a": {"claim_age": 63, "entitled_from": "2026-08"}}
    assert long["claiming"]["chosen"]["a"]["claim_age"] == 70
    for result in (short, long):
        claiming = result["claiming"]
        assert claiming["screened"] == 8 and claiming["planned"] >= 1 and claiming["planned"] + claiming["bounded"] >= 2
        # the file's claim at 67 is worth less: planned in full, or proved below the best plan by the solver
        assert (claiming["gain_over_file"] or 0) > 0 or \
            claiming["file_value_below"] <= result["objective"]["after_tax_wealth"]
        planned = [x for x in claiming["alternatives"] if x["plan_value"] is not None]
        kept = max(planned, key=lambda x: x["plan_value"])
        assert kept["ages"] == {"a": claiming["chosen"]["a"]["claim_age"]}
        assert kept["plan_value"] == result["objective"]["after_tax_wealth"]
        assert [x["ages"]["a"] for x in claiming["alternatives"] if x["file"]] == [67]


def test_a_couple_chooses_a_pair_of_ages_and_the_plan_carries_them_out() -> None:
    """Every pair of ages is screened (7 × 8: in 2026 a turns 64 and b 63, the earlier ages' benefits would have
    started before the plan); the ages kept are those of the best
    plan; the plan's years are the chosen claims' (the engine pays each person's benefit from the month the claim
    sets, §402(a)); the higher earner, whose benefit becomes the widow's, delays to at least full retirement age."""
    h = load_text(COUPLE)
    result = optimize_claiming(h, 40, A, time_limit=40)
    data = result.to_json()
    claiming = data["claiming"]
    assert claiming["screened"] == 7 * 8 and claiming["planned"] >= 2
    chosen = {pid: c["claim_age"] for pid, c in claiming["chosen"].items()}
    assert chosen["a"] >= 67
    first = result.years[0].evaluation.household
    assert {p.id: p.social_security.claim_age for p in first.people if p.social_security} == chosen
    planned = {tuple(sorted(x["ages"].items())): x["plan_value"] for x in claiming["alternatives"]
               if x["plan_value"] is not None}
    assert planned[tuple(sorted(chosen.items()))] == max(planned.values()) == data["objective"]["after_tax_wealth"]
    assert data["baselines"]  # the yardsticks, priced at the chosen ages
    assert data["objective"]["after_tax_wealth"] > max(b["value"] for b in data["baselines"])
    # a's benefit: nothing paid in the year before the claim's first month, paid in the year after
    from rothroute.household.social_security import benefits

    start = int(claiming["chosen"]["a"]["entitled_from"][:4])
    paid = {y.year: benefits(y.evaluation.household)["a"].paid for y in result.years
            if "a" in benefits(y.evaluation.household)}
    assert paid.get(start - 1, 0) == 0 and paid[start + 1] > 0


def test_the_time_limit_bounds_how_many_ages_are_planned() -> None:
    """With little time, fewer ages are planned in full (the screen's best always is), the yardsticks that do not fit
    are named, and the answer says how many were planned."""
    clock = time.process_time()  # CPU seconds: a loaded machine stretches the wall time, not these
    data = optimize_claiming(load_text(SINGLE.replace("LIFE", "88")), 40, A, time_limit=3).to_json()
    assert 1 <= data["claiming"]["planned"] < 6
    assert time.process_time() - clock < 30  # the first plan always runs (a few seconds alone)


def test_nothing_to_choose_is_a_clear_error_naming_the_option() -> None:
    """A file without a claim (Social Security as an income item), or whose claims have started, has no age to choose."""
    without = SINGLE.replace("LIFE", "88").replace(", social_security: {benefit_at_full_retirement_age: 2400, "
                                                   "claim_age: 67}", "")
    with pytest.raises(OptimizeError) as info:
        optimize_claiming(load_text(without), 10, A)
    assert info.value.field == "claiming" and "a: no social_security claim" in str(info.value)
    started = SINGLE.replace("LIFE", "88").replace("claim_age: 67", "claim_age: 62")  # 62 in August 2025
    with pytest.raises(OptimizeError, match="started before 2026"):
        optimize_claiming(load_text(started), 10, A)
    with pytest.raises(OptionError, match="--claiming: expected one of file, optimize"):
        optimize_options(years=10, claiming="maybe")


def test_the_command_prints_the_chosen_ages_and_the_alternatives(tmp_path: pathlib.Path) -> None:
    from rothroute.cli.app import app

    path = tmp_path / "single.yaml"
    path.write_text(SINGLE.replace("LIFE", "70"))
    runner = CliRunner()
    args = ["optimize", str(path), "--years", "10", "--spending", "50000", "--cash", "100000", "--time-limit", "10"]
    table = runner.invoke(app, [*args, "--claiming", "optimize"])
    assert table.exit_code == 0, table.output
    assert "Claiming Social Security: a at 63 (from 2026-08)" in table.output
    assert "a 67 (file)" in table.output
    as_json = runner.invoke(app, [*args, "--claiming", "optimize", "--json"])
    data = json.loads(as_json.output)
    assert data["claiming"]["chosen"]["a"]["claim_age"] == 63
    from rothroute.report.plan_html import render_plan

    assert "When to claim Social Security</h2><p>Claim: <strong>a at 63 (from 2026-08)</strong>" in render_plan(data)
    plain = runner.invoke(app, [*args, "--json"])
    assert "claiming" not in json.loads(plain.output)


@pytest.mark.parametrize("text, years", [(SINGLE.replace("LIFE", "88"), 30), (COUPLE, 12)], ids=["single", "couple"])
def test_the_pruned_search_keeps_the_exhaustive_answer_and_its_bounds_hold(text: str, years: int,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Every choice of ages tried (the whole grid here): planned in full each time (``prune=False``), or, after the
    first plan, planned only when the solver cannot prove from its bound that it is worth less than the best plan so
    far (less ``bound_margin``). The pruned search keeps the exhaustive one's ages and worth (within the solver's
    gap, 1e-4: a plan solved with a cutoff may take another path to its optimum), and each choice it proved below
    its ``plan_value_below`` is, planned in full, worth less than that."""
    import rothroute.optimize.claiming as claiming

    monkeypatch.setattr(claiming, "PLANNED", 100)
    h = load_text(text)
    pruned = optimize_claiming(h, years, A, time_limit=300, with_baselines=False).to_json()
    whole = optimize_claiming(h, years, A, time_limit=300, with_baselines=False, prune=False).to_json()
    p, w = pruned["claiming"], whole["claiming"]
    assert w["bounded"] == 0 and w["planned"] == w["screened"]  # exhaustive: every choice planned
    assert p["bounded"] > 0 and p["planned"] + p["bounded"] == p["screened"]  # pruned: some proved below
    assert p["chosen"] == w["chosen"]
    best, best_whole = pruned["objective"]["after_tax_wealth"], whole["objective"]["after_tax_wealth"]
    assert abs(best - best_whole) <= 1e-4 * best_whole
    value = {tuple(sorted(x["ages"].items())): x["plan_value"] for x in w["alternatives"]}
    for x in p["alternatives"]:
        key = tuple(sorted(x["ages"].items()))
        if x["plan_value_below"] is not None:
            assert x["plan_value"] is None and value[key] < x["plan_value_below"]
        else:
            assert x["plan_value"] is not None
    # the file's own ages: planned in full (the same gain), or proved worth less than the exhaustive search found
    own = next(x for x in w["alternatives"] if x["file"])
    assert p["gain_over_file"] == w["gain_over_file"] if p["gain_over_file"] is not None else \
        own["plan_value"] < p["file_value_below"]


def test_a_cutoff_above_the_best_plan_is_proved_and_one_below_changes_nothing() -> None:
    """``plan.optimize(cutoff=)``: HiGHS's objective bound (HiGHS minimizes internally, so the bound is passed negated):
    a cutoff $1,000 above the plan's model worth is refused as ``BelowBound``; $1,000 below, the same plan is found."""
    from rothroute.optimize.plan import optimize
    from rothroute.optimize.result import BelowBound

    h = load_text(SINGLE.replace("LIFE", "88"))
    plain = optimize(h, 20, A, time_limit=60, with_baselines=False)
    worth = plain.solution.objective
    with pytest.raises(BelowBound):
        optimize(h, 20, A, time_limit=60, with_baselines=False, cutoff=worth + 1000)
    below = optimize(h, 20, A, time_limit=60, with_baselines=False, cutoff=worth - 1000)
    assert abs(below.solution.objective - worth) <= 1e-4 * worth
