"""The optimizer plans on federal plus state income tax (issue #14 item 5): each year's curve holds
the state of that year's residence, the engine re-prices every year with the state included, and
a state year the files do not give is projected by the stated rule (params/data/state_projection/rules.yaml)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from rothroute import load_text
from rothroute.optimize.horizon import Assumptions
from rothroute.optimize.plan import optimize
from rothroute.params.state_projection import state_year

COUPLE = """\
format: 1
tax_year: 2026
filing_status: married_joint
tax_computation: rate_schedule
{residence}
people:
  - {{id: ann, born: 1962-03-01}}
  - {{id: bob, born: 1961-08-15}}
income:
  - {{person: ann, kind: social_security, amount: 30000}}
  - {{person: bob, kind: social_security, amount: 38000}}
  - {{kind: taxable_interest, amount: 6000}}
accounts:
  - {{id: ann_ira, owner: ann, kind: traditional_ira, value: 900000}}
  - {{id: bob_ira, owner: bob, kind: traditional_ira, value: 1100000}}
"""

ASSUME = Assumptions(cash=20_000_000, spending=9_000_000)


def _plan(residence: str, years: int = 10) -> dict:
    h = load_text(COUPLE.format(residence=residence))
    return optimize(h, years, ASSUME, time_limit=60, with_baselines=False).to_json()


def _converted(plan: dict, years: range) -> float:
    return sum(sum(y["conversions"].values()) for y in plan["years"] if y["year"] in years)


@pytest.fixture(scope="module")
def moving() -> dict:
    return _plan("residence: [{from_year: 2026, state: CA}, {from_year: 2030, state: NV}]")


def test_a_move_from_california_to_nevada_converts_more_after_it(moving: dict) -> None:
    # California taxes a conversion as ordinary income (R&TC §17071, §17041); Nevada has no income tax
    # (Nev. Const. art. 10 §1(9)): the plan waits for the move
    states = {y["year"]: y["state"] for y in moving["years"]}
    assert states == {**{y: "CA" for y in range(2026, 2030)}, **{y: "NV" for y in range(2030, 2036)}}
    before = _converted(moving, range(2026, 2030)) / 4
    after = _converted(moving, range(2030, 2034)) / 4
    assert after > before * 1.5, (before, after)
    assert all(y["state_tax"] > 0 for y in moving["years"] if y["state"] == "CA")
    assert all(y["state_tax"] == 0 for y in moving["years"] if y["state"] == "NV")


def test_the_engine_reprices_every_year_within_a_dollar_state_included(moving: dict) -> None:
    # the household computes by the rate schedule (no Tax Table rows): the model's tax, federal and state,
    # is the engine's within a dollar every year, and its state part is the engine's state tax
    for y in moving["years"]:
        assert abs(y["difference"]) <= 1, y
        assert abs(y["model_state_tax"] - y["state_tax"]) <= 1, y
        assert y["engine_tax"] == pytest.approx(y["engine_federal_income_tax"] + y["state_tax"], abs=0.01)
        assert abs(y["federal_income_tax"] - y["engine_federal_income_tax"]) <= 1, y


def test_a_state_that_does_not_tax_conversions_changes_the_plan() -> None:
    # Illinois subtracts retirement income, conversions included (35 ILCS 5/203(a), as il.yaml cites it): the plan
    # converts more in the years California would tax, and pays no state tax on it
    california = _plan("state: CA", years=6)
    illinois = _plan("state: IL", years=6)
    assert all(y["state_tax"] == 0 for y in illinois["years"])
    assert _converted(illinois, range(2026, 2032)) != _converted(california, range(2026, 2032))
    assert _converted(illinois, range(2026, 2030)) > _converted(california, range(2026, 2030))
    assert all(abs(y["difference"]) <= 1 for y in illinois["years"] + california["years"])


def test_state_years_past_the_files_are_projected_and_said() -> None:
    # California's file refuses 2026 (its indexed amounts are not published): the plan projects it from
    # 2025 by the stated rule, marks it and says how; the single-year engine still refuses it
    from rothroute.params.states import state_file

    assert 2026 in state_file("CA").not_in_force
    y, projected = state_year("CA", 2026, Fraction(25, 1000))
    assert projected and y.steps["standard_deduction"]["married_joint"] == 1169700  # $11,412 x 1.025, to the dollar
    assert y.steps["brackets"]["single"][0][1] == Fraction(1, 100)  # rates held
    plan = _plan("state: CA", years=2)
    assert all(y["state_projected"] for y in plan["years"])
    assert any(note.startswith("CA: indexed") for note in plan["assumptions"]["notes"])


def test_a_state_not_modelled_is_said_never_a_silent_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    # a state without a parameter file (every jurisdiction has one now: one is hidden here): the plan
    # is federal only in its years, says so for each, and shows its state tax as null
    from rothroute.params import states

    code, shipped = "NE", states._shipped
    monkeypatch.setattr(states, "_shipped", lambda c: None if c == code else shipped(c))
    plan = _plan(f"state: {code}", years=2)
    assert all(y["state"] == code and y["state_tax"] is None for y in plan["years"])
    said = [i for i in plan["issues"] if i["code"] == "state_not_modelled"]
    assert said and said[0]["years"] == [2026, 2027]


@pytest.mark.parametrize("code", ["AK", "FL", "NV", "SD", "TN", "TX", "WY"])
def test_a_state_that_levies_nothing_is_left_out_of_the_curve_and_changes_nothing(code: str) -> None:
    """The states whose rules levy no income tax (their files: ``rules: none``, e.g. Tex. Const. art. VIII,
    §24-a) add 0 to the curve: the curve computed with the state's own rules (``statecurve.StatePart``) is
    the curve without them, point for point, so ``plan`` does not compute that part."""
    from rothroute.optimize.statecurve import StateSpec, first_split, levies_nothing
    from rothroute.optimize.taxcurve import tax_curves
    from rothroute.params.projection import year_params

    h = load_text(COUPLE.format(residence=f"state: {code}"))
    yp, _ = year_params(2026, Fraction(0))
    irmaa, _ = year_params(2028, Fraction(0))
    item = (h, yp, irmaa.irmaa, 300_000_000)
    year, _ = state_year(code, 2026, Fraction(0))
    assert levies_nothing(code) and year is not None
    with_state = tax_curves([item], [StateSpec(year=year, split=first_split(h))])[0]
    without = tax_curves([item], [None])[0]
    assert set(with_state.state) == {0}
    assert (with_state.xs, with_state.tax, with_state.tiers) == (without.xs, without.tax, without.tiers)


def test_a_state_with_a_levy_is_not_left_out() -> None:
    from rothroute.optimize.statecurve import levies_nothing

    assert not any(levies_nothing(code) for code in ("CA", "NY", "PA", "WA", "NH", "IL"))


MAINE_2026 = """\
format: 1
tax_year: 2026
filing_status: married_joint
state: ME
people:
  - {{id: ann, born: 1958-03-01}}
  - {{id: bob, born: 1957-08-15}}
income:
  - {{person: ann, kind: social_security, amount: 30000}}
  - {{kind: taxable_interest, amount: {interest}}}
accounts:
  - {{id: ann_ira, owner: ann, kind: traditional_ira, value: 900000}}
moves:
  - {{move: withdrawal, date: 2026-06-01, from: ann_ira, amount: 40000}}
"""


def test_a_year_given_in_part_keeps_what_it_gives_and_fills_only_its_gaps() -> None:
    # Maine gives 2026 (MRS's May 2026 schedules: the $15,700 deduction, the 2% surcharge of 36 M.R.S. §5111(7))
    # but not its pension phase-out thresholds (me.yaml not_in_force): a plan's 2026 is the file's 2026 with
    # 2025's thresholds ($125,000 single, $250,000 joint: me.yaml 2025), and 2027 is projected from that 2026
    # (until this, both years were 2025's, without the surcharge)
    from rothroute.params.states import state_file

    given = state_file("ME").years[2026]
    y, projected = state_year("ME", 2026, Fraction(25, 1000))
    assert projected and "income_surcharge" in y.steps
    assert all(y.steps[name] is step for name, step in given.steps.items() if name != "pension_deduction")
    assert y.steps["pension_deduction"]["cap"] == 4982400  # 2026's $49,824
    assert y.steps["pension_deduction"]["phaseout_start"]["married_joint"] == 25000000
    later, _ = state_year("ME", 2027, Fraction(25, 1000))
    assert later.steps["standard_deduction"]["single"] == 1570000 and "income_surcharge" in later.steps
    # Minnesota 2026 lacks only its marriage credit table (mn.yaml not_in_force): 2026's brackets (Minnesota
    # Department of Revenue, December 16, 2025: $48,700 joint), 2025's table (its $1,853 maximum)
    mn, _ = state_year("MN", 2026, Fraction(25, 1000))
    assert mn.steps["brackets"]["married_joint"][1][0] == 4870000
    assert mn.steps["marriage_credit"]["max"] == 185300


def test_a_plan_prices_a_year_given_in_part_as_the_engine_does_where_the_gap_does_not_matter() -> None:
    # below the phase-out the engine prices Maine 2026 from the file (no refusal): the plan's parameters give the
    # same tax to the cent; above it the engine refuses the year, the plan prices it with 2025's thresholds
    from rothroute.engine import evaluate

    sp, _ = state_year("ME", 2026, Fraction(25, 1000))
    below = load_text(MAINE_2026.format(interest=60000))
    engine = evaluate(below)
    assert "state_year_not_in_force" not in {i.code for i in engine.issues}
    assert evaluate(below, state_params=sp).to_json()["tax"]["state_income_tax"] == \
        engine.to_json()["tax"]["state_income_tax"] > 0
    above = load_text(MAINE_2026.format(interest=260000))
    assert "state_year_not_in_force" in {i.code for i in evaluate(above).issues}
    assert evaluate(above, state_params=sp).to_json()["tax"]["state_income_tax"] > 0
    plan = _plan("state: ME", years=2)
    assert all(y["state_projected"] for y in plan["years"])
    assert any(n.startswith("ME 2026: as the file gives it") for n in plan["assumptions"]["notes"])
    assert all(abs(y["difference"]) <= 1 for y in plan["years"])
