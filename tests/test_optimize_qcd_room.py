"""The first round's cash gifts (``plan.qcd_room``): QCDs first, as far as the givers' IRA money goes.

Found 2026-12-06 (bench/optimize_random.py, seed 15: a single of 82 in Minnesota, $20,000 of giving a year, an
$8,000 IRA and $700,000 in three governmental 457(b)s, which cannot make QCDs). The first round priced every
year's curve on no cash gifts (the QCD limit, $111,000 in 2026, taken as what the QCDs could give), the plan gave
$19,568 in cash, and Minnesota's curve (its Social Security subtraction lost 10% for each $4,000 of AGI, Minn.
Stat. §290.0132 subd. 26: ten cliffs a year) left no time for the round that prices the cash gifts: the model's
federal tax was $220 over the engine's every year, the $1,000 deduction of cash gifts without itemizing (IRC
§170(p) as amended by P.L. 119-21) left out at 22%. The reference is the engine's own computation of each year
of the plan (``difference``: the engine's total tax less the model's)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from rothroute import load_text
from rothroute.optimize import plan as plan_module
from rothroute.optimize.horizon import Assumptions
from rothroute.optimize.plan import optimize

SINGLE = """format: 1
tax_year: 2026
filing_status: single
tax_computation: rate_schedule
people:
  - {id: a, born: 1944-01-01, ira_basis: 800}
income:
  - {person: a, kind: social_security, amount: 42000}
  - {kind: taxable_interest, amount: 15000}
accounts:
  - {id: a_ira, owner: a, kind: traditional_ira, value: 8000}
  - id: a_plan
    owner: a
    kind: governmental_457b
    sources: {pretax: 700000}
    plan: {in_plan_roth_rollover: true, accepts_ira_rollins: false, separated_from_service: 2020}
"""

GIVING = Assumptions(growth=Fraction(7, 100), spending=30_000_00, cash=20_000_00, giving=20_000_00)


@pytest.mark.parametrize("state", [None, "MN"])
def test_the_first_round_prices_the_cash_gifts_the_ira_leaves(state: str | None, monkeypatch) -> None:
    # one round: the plan is the first round's, priced on the first guess of its cash gifts
    monkeypatch.setattr(plan_module, "MAX_ROUNDS", 1)
    text = SINGLE if state is None else SINGLE.replace("tax_computation: rate_schedule\n",
                                                       f"tax_computation: rate_schedule\nstate: {state}\n")
    result = optimize(load_text(text), 3, GIVING, time_limit=60, with_baselines=False).to_json()
    gifts = [y["charitable_gifts"] for y in result["years"]]
    assert all(g >= 1_000 for g in gifts)  # cash gifts beyond the §170(p) cap each year: the IRA cannot give it all
    assert [(y["year"], y["difference"]) for y in result["years"] if abs(y["difference"]) > 1] == []


def test_qcd_room_is_the_limit_or_the_ira_money() -> None:
    from rothroute.optimize.model import PersonStart

    def person(pid: str, ira: float, **kw) -> PersonStart:
        return PersonStart(id=pid, ira=ira, basis=0.0, roth=0.0, rmd_divisors=(None,), early=(False,),
                           roth_qualified=(True,), qcd_years=(True,), **kw)
    limit = 111_000_00  # 2026 (IRC §408(d)(8)(G); params/data/retirement_limits.yaml): larger than the IRA
    assert plan_module.qcd_room([person("a", 8_000.0)], 0, limit, 1.0) == 8_000_00
    assert plan_module.qcd_room([person("a", 500_000.0)], 0, limit, 1.0) == limit
    # a former employer's plan whose money may be rolled to the IRA gives through it; one that may not, nothing
    plans = [person("a", 8_000.0), person("a:p", 50_000.0, rolls_to="a", rolls_out=True),
             person("a:q", 70_000.0, rolls_to="a", rolls_out=False)]
    assert plan_module.qcd_room(plans, 0, limit, 1.0) == 58_000_00
