"""Cash gifts to charity as the law of the year deducts them, and the plan's qualified charitable
distributions. Engine cases: IRC §170(b)(1)(G) (cash gifts up to 60% of AGI), and, from 2026 (P.L. 119-21),
§170(p) (up to $1,000, $2,000 joint, without itemizing) and the floor of 0.5% of AGI on itemized gifts;
PolicyEngine-US's parameters give the same values (gov/irs/deductions/itemized/charity). The plan: a QCD
pays the RMD and is not income (IRC §408(d)(8)), so a charitable 75-year-old gives by QCD and pays less tax."""

from __future__ import annotations

import dataclasses

import pytest

from rothroute import evaluate, load_text
from rothroute.optimize.horizon import Assumptions, run
from rothroute.optimize.plan import optimize
from rothroute.optimize.pools import pools
from rothroute.optimize.schedule import following


def _year(year: int, gifts: int, itemized: str = "", status: str = "married_joint") -> dict:
    people = "  - {id: a, born: 1950-01-01}\n" + ("  - {id: b, born: 1952-01-01}\n" if status == "married_joint" else "")
    text = (f"format: 1\ntax_year: {year}\nfiling_status: {status}\ntax_computation: rate_schedule\n"
            f"charitable_gifts: {gifts}\n{itemized}people:\n{people}income:\n  - {{kind: pension, amount: 100000}}\n")
    return dict(evaluate(load_text(text)).tax.values)


@pytest.mark.parametrize("year, status, gifts, expected", [
    (2026, "married_joint", 5000, 200_000),   # §170(p): $2,000 on a joint return
    (2026, "single", 5000, 100_000),          # $1,000 otherwise
    (2026, "married_joint", 1500, 150_000),   # the gifts themselves, under the cap
    (2025, "married_joint", 5000, 0),         # no deduction without itemizing before 2026
])
def test_non_itemizer_charitable_deduction(year: int, status: str, gifts: int, expected: int) -> None:
    v = _year(year, gifts, status=status)
    assert v["charity.non_itemizer"] == expected
    assert v["deductions"] == v["f1040.12"] + v["sch1a.38"] + expected


def test_itemized_gifts_above_the_half_percent_floor_from_2026() -> None:
    """2026, AGI $100,000, $60,000 of cash gifts: $60,000 - 0.5% x $100,000 = $59,500 on Schedule A, more than
    the standard deduction ($32,200 + 2 x $1,650) with the $2,000: itemized. In 2025 no floor: $60,000, under
    60% of AGI."""
    v = _year(2026, 60000)
    assert (v["scha.14"], v["f1040.12"], v["charity.non_itemizer"]) == (5_950_000, 5_950_000, 0)
    assert _year(2025, 60000)["scha.14"] == 6_000_000


def test_cash_gifts_are_deducted_up_to_60_percent_of_agi() -> None:
    assert _year(2025, 90000)["scha.14"] == 6_000_000  # 60% of the $100,000 AGI (§170(b)(1)(G)(i))


CHARITABLE = """format: 1
tax_year: 2026
filing_status: single
tax_computation: rate_schedule
people:
  - {id: p, born: 1951-03-01}
income:
  - {person: p, kind: social_security, amount: 36000}
accounts:
  - {id: ira, owner: p, kind: traditional_ira, value: 900000}
"""


def test_a_charitable_75_year_old_gives_by_qcd_and_pays_less_tax() -> None:
    """$20,000 a year to charity (growing with inflation): the plan gives it all by QCDs, which pay the RMD
    and are not income; the same plan giving cash instead (its RMD withdrawn and taxed, the gift deducted only
    as §170(p) allows) pays more tax every year and leaves less."""
    h = load_text(CHARITABLE)
    a = Assumptions(spending=30_000_00, giving=20_000_00)
    plan = optimize(h, 6, a)
    result = plan.to_json()
    assert all(y["qcd"]["p"] >= 20_000 and y["charitable_gifts"] < 1 for y in result["years"])
    assert all(abs(y["difference"]) <= 1 for y in result["years"])
    by_cash = dataclasses.replace(plan.solution, qcd={k: [0.0] * len(v) for k, v in plan.solution.qcd.items()})
    planned = plan.household  # with the Roth IRA the plan opens
    cash = run(planned, 6, following(by_cash, h.tax_year, {p.id: pools(planned, p.id) for p in planned.people}), a,
               fund_spending=True)
    taxes = [y.evaluation.tax.total_tax for y in plan.years]
    cash_taxes = [y.evaluation.tax.total_tax for y in cash]
    assert all(t < c for t, c in zip(taxes, cash_taxes)), (taxes, cash_taxes)
    assert result["objective"]["engine_value"] > max(b["value"] for b in result["baselines"])
