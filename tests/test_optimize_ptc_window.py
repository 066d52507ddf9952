"""The Marketplace years in two programs (``optimize.ptcwindow``, issue #16 item 5): the plan found on the premium
tax credit's envelope, then priced exactly within a window of whole percents of the poverty line. The final plan's
tax is the engine's in every Marketplace year, and what it may lose against the best plan (its bound) holds against
a brute-force search of the engine."""

from __future__ import annotations

from fractions import Fraction

import pytest

from rothroute import load_text
from rothroute.optimize.horizon import Assumptions, run, worth_at_end
from rothroute.optimize.plan import optimize
from rothroute.optimize.schedule import schedule

# an early retiree of 58 (Marketplace coverage until 65, in 2033) with a taxable brokerage account paying the bills,
# as ``single_aca`` of bench/optimize_owl_early.py, over 6 years
EARLY = """\
format: 1
tax_year: 2026
filing_status: single
tax_computation: rate_schedule
state: TX
people:
  - {id: a, born: 1968-06-15, life_expectancy: 76, social_security: {benefit_at_full_retirement_age: 2400, claim_age: 67}}
accounts:
  - {id: a_ira, owner: a, kind: traditional_ira, value: 700000}
  - {id: a_roth, owner: a, kind: roth_ira, value: 0}
  - {id: a_brokerage, owner: a, kind: taxable, value: 500000, cost_basis: 300000, qualified_dividend_yield: 1.5}
health_coverage: {benchmark_premium: 800}
"""

# 63 in 2026: two Marketplace years, Medicare from 2028; no Social Security yet, the cash account untaxed
SHORT = """\
format: 1
tax_year: 2026
filing_status: single
tax_computation: rate_schedule
people:
  - {id: a, born: 1963-03-01, social_security: {benefit_at_full_retirement_age: 2000, claim_age: 70}}
accounts:
  - {id: a_ira, owner: a, kind: traditional_ira, value: 500000}
  - {id: a_roth, owner: a, kind: roth_ira, value: 0}
health_coverage: {benchmark_premium: 900}
"""


def test_the_final_plan_is_priced_as_the_engine_prices_it_in_every_marketplace_year() -> None:
    # the second program's curves are the exact ones (every whole percent's jump of Form 8962 line 5), so the model's
    # tax is the engine's within a dollar in each Marketplace year (the plan's rounds settled)
    a = Assumptions(spending=6_000_000, growth=Fraction(5, 100), inflation=Fraction(25, 1000))
    plan = optimize(load_text(EARLY), 6, a, with_baselines=False)
    said = plan.solution.envelope
    assert said["years"] == 6 and said["window"] >= 1
    assert plan.settled
    out = plan.to_json()
    for y in out["years"]:
        assert y["premium_tax_credit"] is not None, y["year"]
        assert abs(y["difference"]) <= 1.0, (y["year"], y["model_tax"], y["engine_tax"])
    # the envelope lies above the exact tax by income times a percent's rise of the figure and 0.01%, a dollar or
    # two of rounding: some tens of dollars a year
    assert all(0 < g < 60 for g in said["gaps"])
    assert said["bound"] >= said["envelope"] > 0


def test_the_bound_holds_against_a_brute_force_search() -> None:
    # every pair of conversions on a grid about the plan's (about a percent of the poverty line apart, 20 percents
    # wide, each year) and a coarse one over the rest, carried out by the engine: none is worth more than the plan by
    # more than the bound it reports (and the model-engine differences, a dollar a year)
    a = Assumptions(spending=4_000_000, cash=20_000_000)
    h = load_text(SHORT)
    plan = optimize(h, 2, a, with_baselines=False)
    worth = worth_at_end(plan.years, a).after_tax
    bound = plan.solution.envelope["bound"]
    assert 0 < bound < 500
    chosen = [round(v * 100) for v in plan.solution.conversions["a"]]
    fine = [k * 2_600 for k in range(-60, 61, 6)]  # $156 apart, about a percent of the poverty line ($156.50)
    coarse = [k * 500_000 for k in range(0, 13)]  # $0 to $60,000
    grid = {(max(0, chosen[0] + d1), max(0, chosen[1] + d2)) for d1 in fine for d2 in fine}
    grid |= {(c1, c2) for c1 in coarse for c2 in coarse}
    best = max(worth_at_end(run(h, 2, schedule({"a": list(pair)}, 2026, {"a": [0, 0]}, {"a": [0, 0]}), a,
                                fund_spending=True), a).after_tax for pair in sorted(grid))
    assert best <= worth + round(bound * 100) + 200, (best, worth, bound)


def test_a_cutoff_is_kept_by_the_two_programs() -> None:
    # the claiming search's cutoff (``plan.optimize(cutoff=)``): a plan is found when one is worth more than it, and
    # BelowBound is raised when none is, though the first program (on the envelope, whose tax is above the exact one)
    # does not take it
    from rothroute.optimize.result import BelowBound

    a = Assumptions(spending=4_000_000, cash=20_000_000)
    h = load_text(SHORT)
    value = optimize(h, 2, a, with_baselines=False).solution.objective
    assert optimize(h, 2, a, with_baselines=False, cutoff=value - 1_000).solution.objective == pytest.approx(value)
    with pytest.raises(BelowBound):
        optimize(h, 2, a, with_baselines=False, cutoff=value + 1_000)
