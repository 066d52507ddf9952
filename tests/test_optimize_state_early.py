"""The optimizer's state tax where a plan draws before 59½: a state's tax may move with the federal additional tax
on early distributions (IRC §72(t), Form 5329 line 4), which the model prices beside x, not on its curve. Arkansas
adds 10% of it (A.C.A. §26-51-414(c)); Oregon subtracts it with the federal income tax, up to a cap that depends
on income (ORS 316.680(1)(b), 316.685). The rounds read the state's part at the plan's own point
(``rounds.early_found``: its slope, and where it lowers the tax, the floor its cap sets) and the model prices it
there (``model.YearData.early_state``, ``early_floor``).

Found on 2026-12-06 (eighth session): a 50-year-old in Oregon drawing $55,873 from an IRA had a model Oregon tax
$258 above the engine's every year, and the plan did not settle; priced at a share read once, the plans cycled
between two ($1,370 apart), the cap binding in one and not the other."""

from __future__ import annotations

import pytest

from rothroute import load_text
from rothroute.optimize.horizon import Assumptions
from rothroute.optimize.plan import optimize
from rothroute.optimize.rounds import EarlyPart
from rothroute.optimize.statecurve import tolerance

from tests.property.random_households import off_years


def _early_retiree(state: str) -> str:
    return (f"format: 1\ntax_year: 2026\nfiling_status: single\ntax_computation: rate_schedule\nstate: {state}\n"
            "people:\n  - {id: p, born: 1976-05-01}\n"
            "accounts:\n  - {id: ira, owner: p, kind: traditional_ira, value: 300000}\n"
            "  - {id: r, owner: p, kind: roth_ira, value: 1000}\n")


@pytest.mark.parametrize("state", ["OR", "AR", "CA"])
def test_a_plan_drawing_before_59_half_is_priced_as_the_state_taxes_it(state: str) -> None:
    result = optimize(load_text(_early_retiree(state)), 3, Assumptions(spending=40_000_00), time_limit=60,
                      with_baselines=False).to_json()
    solver = result["solver"]
    assert off_years(result) == []
    assert solver["settled"], solver.get("unsettled")
    years = result["years"]
    assert all(sum(w["ira"] for w in y["withdrawals"].values()) > 40_000 for y in years)  # it does draw early
    # (Arkansas's tax table: within what its rows are from the schedule the curve follows, statecurve.tolerance)
    assert all(abs(y["model_state_tax"] - y["state_tax"]) <= tolerance(state, y["year"]) for y in years)
    # only Oregon's share is read again (Arkansas's 10% is its parameter; California's tax does not move with it)
    repriced = [r.get("state_early_repriced") for r in solver["rounds"] if r.get("state_early_repriced")]
    assert bool(repriced) is (state == "OR")


def test_a_subtraction_up_to_a_cap_is_the_larger_of_its_slope_and_its_floor() -> None:
    oregon = EarlyPart(cents=558_700, moved=-250.0, slope=-0.0875, floor=-200.0)
    assert oregon.at(1_000) == pytest.approx(-87.5)
    assert oregon.at(5_587) == -200.0  # past the cap: the floor
    assert EarlyPart(cents=0, moved=0.0, slope=0.1, floor=None).at(5_587) == pytest.approx(558.7)
