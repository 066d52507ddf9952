"""The optimizer's early years (issue #16 items 2 and 3): the premium tax credit before Medicare, priced
on the tax curve as the engine prices it, and the Roth ladder before 59½."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import pathlib
import random
from fractions import Fraction

from rothroute import federal_tax, inputs_from_household, load_text
from rothroute.compare import compare
from rothroute.engine import evaluate
from rothroute.household.moves import Conversion, Withdrawal
from rothroute.optimize.baselines import with_roth_iras
from rothroute.optimize.horizon import Assumptions, run
from rothroute.optimize.plan import optimize
from rothroute.optimize.rollforward import coverage_next
from rothroute.optimize.schedule import schedule
from rothroute.optimize.taxcurve import tax_curve
from rothroute.params import for_year
from rothroute.params.projection import year_params
from rothroute.tax.picked import irmaa_table
from rothroute.tax.premium_tax_credit import table

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"

# a couple of 60 on Marketplace coverage, retired, living on savings: both reach 65 in 2031 (Bob in February,
# Ann in May)
MARKETPLACE = """\
format: 1
tax_year: 2026
filing_status: married_joint
tax_computation: rate_schedule
people:
  - {id: ann, born: 1966-05-10}
  - {id: bob, born: 1966-02-20}
income:
  - {kind: taxable_interest, amount: 12000}
accounts:
  - {id: ann_ira, owner: ann, kind: traditional_ira, value: 900000}
  - {id: bob_ira, owner: bob, kind: traditional_ira, value: 600000}
health_coverage: {benchmark_premium: 1800, premium: 1500}
"""
UNINSURED = MARKETPLACE.replace("health_coverage: {benchmark_premium: 1800, premium: 1500}\n", "")

# credit in whole-year coverage steps by a dollar (Form 8962 line 8a is rounded to the dollar): no straight
# stretch follows that staircase closer than a dollar and some cents
STAIR = 120


def test_the_credit_on_the_curve_is_the_engines_with_its_cliff_at_400_percent() -> None:
    h = load_text(MARKETPLACE)
    curve = tax_curve(h, for_year(2026), irmaa_table(2026)[0], 40_000_000)
    # 2026: 400% of the 2025 poverty line for two, $15,650 + $5,500 = $21,150 (90 FR 5917), is $84,600: at one cent
    # more the whole credit goes (IRC §36B(c)(1)(A); Rev. Proc. 2025-25). Household income before any conversion is
    # the $12,000 of interest, so the cliff is at x = $72,600.01; below it the contribution is 9.96% of $84,600.00
    # = $8,426.16, rounded to $8,426 (line 8a), and the credit $21,600 - $8,426 = $13,174
    assert curve.steps[-1] == (7_260_001, 1_317_400)
    # 100%: from $21,150 of household income (x = $9,150) a credit: the premium, $18,000, while the contribution is
    # at most $21,600 - $18,000 (line 11: the smaller of column a and column d)
    assert curve.steps[0] == (915_000, -1_800_000)
    rng = random.Random(11)
    probes = [0, 1, 40_000_000] + [rng.randrange(12_000_000) for _ in range(300)]
    probes += [x for first, _ in curve.steps for x in (first - 1, first)]
    for x in probes:
        engine = federal_tax(inputs_from_household(h, pension=x)).total_tax
        assert abs(curve.at(x) - engine) <= STAIR, x


def test_marketplace_couple_converts_less_before_65_and_more_after() -> None:
    # issue #16 item 2: a conversion before 65 costs the couple the credit it takes away (the applicable figure's
    # slope, its whole-percent steps, the 400% cliff); once on Medicare it costs no credit. The same couple
    # without Marketplace coverage converts more before 65 and less after.
    a = Assumptions(spending=6_000_000, cash=50_000_000)
    covered = optimize(load_text(MARKETPLACE), 12, a, with_baselines=False).to_json()
    bare = optimize(load_text(UNINSURED), 12, a, with_baselines=False).to_json()

    def converted(plan: dict, years: range) -> float:
        return sum(sum(y["conversions"].values()) for y in plan["years"] if y["year"] in years)

    before, after = range(2026, 2031), range(2031, 2038)
    assert converted(covered, before) < converted(bare, before)
    assert converted(covered, after) > converted(bare, after)
    for y in covered["years"]:
        # the plan table's credit (Form 8962 line 24): every year before 65; the year both reach 65 has January to
        # April (Ann's share after Bob's Medicare month); none after
        if y["year"] < 2031:
            assert y["premium_tax_credit"] > 0, y
        elif y["year"] > 2031:
            assert y["premium_tax_credit"] is None
        assert abs(y["difference"]) <= STAIR / 100 * (4 if y["year"] == 2031 else 1), y
    assert all(y["premium_tax_credit"] is None for y in bare["years"])
    assert abs(covered["objective"]["engine_value"] - covered["objective"]["value"]) <= 12 * 4


def test_coverage_carries_each_persons_share_until_medicare() -> None:
    h = load_text(MARKETPLACE)
    a = Fraction(1, 40)
    nxt = coverage_next(h, a)
    assert nxt is not None and (nxt.benchmark_premium, nxt.premium) == (184_500, 153_750)  # $1,800 and $1,500 x 1.025
    assert (nxt.first_month, nxt.last_month, nxt.advance_payments, nxt.inflation) == (1, 12, 0, a)
    h2030 = dataclasses.replace(h, tax_year=2030)
    c2031 = coverage_next(h2030, a)
    # 2031: Bob's Medicare from February (42 U.S.C. §426(a)), Ann's from May: January both shares, February to
    # April Ann's ($900 and $750 grown a year: $922.50, $768.75)
    assert c2031 is not None
    assert c2031.monthly == ((1, 184_500, 153_750, 0), (2, 92_250, 76_875, 0), (3, 92_250, 76_875, 0),
                             (4, 92_250, 76_875, 0))
    assert coverage_next(dataclasses.replace(h, tax_year=2031, health_coverage=c2031), a) is None
    # to_year ends it
    ended = dataclasses.replace(h, health_coverage=dataclasses.replace(h.health_coverage, to_year=2026))
    assert coverage_next(ended, a) is None


def test_tables_past_the_file_are_projected_and_said_so() -> None:
    # 2028 coverage uses the 2027 guidelines: 2025's grown 2.5% twice ($15,650 x 1.050625 = $16,442.28 -> $16,442;
    # $5,500 -> $5,778.44 -> $5,778), the 2026 table of Rev. Proc. 2025-25 held with its 400% limit
    assert table(2028) is None
    guidelines, percentages, limits = table(2028, Fraction(1, 40))
    assert guidelines["contiguous"] == [1_644_200, 577_800]
    assert percentages["income_limit"] == 400 and limits["limits"] is None
    assert guidelines["source"].startswith("PROJECTED for 2028") and percentages["source"].startswith("PROJECTED")


def test_compare_counts_the_credit_a_strategy_loses_in_its_cost() -> None:
    # issue #16 item 2: a strategy's cost is its moves' tax with the credit they take away (a refundable credit:
    # Form 1040 line 31); without coverage the same moves cost exactly that much less
    text = (EXAMPLES / "seed.yaml").read_text().replace("born: 1959-05-20", "born: 1965-05-20")
    text = text.replace("  - {person: client, kind: social_security, amount: 36000}\n", "")
    text = text.replace("{kind: taxable_interest, amount: 4000}", "{kind: taxable_interest, amount: 30000}")
    covered = load_text(text + "health_coverage: {benchmark_premium: 900}\n")
    bare = load_text(text)
    lost = 0
    for s in compare(covered).strategies:
        if s.evaluation is None:
            continue
        same = evaluate(dataclasses.replace(bare, moves=s.evaluation.household.moves))
        assert s.cost_of_moves == same.cost_of_moves + s.premium_tax_credit_lost, s.name
        lost = max(lost, s.premium_tax_credit_lost)
    assert lost > 0


LADDER = """\
format: 1
tax_year: 2026
filing_status: single
tax_computation: rate_schedule
people:
  - {id: eve, born: 1976-04-10}
accounts:
  - {id: eve_ira, owner: eve, kind: traditional_ira, value: 1200000}
"""


def test_an_early_retiree_spends_converted_money_after_five_years_free_of_the_10_percent_tax() -> None:
    # issue #16 item 3: retired at 50 with $250,000 in cash and $1.2M in an IRA, spending $50,000 a year. Roth
    # conversion money comes out before 59½ free of the 10% tax once its 5-taxable-year period has ended
    # (IRC §408A(d)(3)(F); Reg. §1.408A-6 Q&A-5), in the order of §408A(d)(4)(B) (contributions, then conversions
    # oldest first): the plan converts from 2026 and spends the 2026 conversion from 2031 on.
    plan = optimize(load_text(LADDER), 9, Assumptions(spending=5_000_000, cash=25_000_000), with_baselines=False)
    years = plan.to_json()["years"]
    roth_out = {y["year"]: y["withdrawals"]["eve"]["roth"] for y in years}
    converted = {y["year"]: y["conversions"]["eve"] for y in years}
    assert all(roth_out[y] == 0 for y in range(2026, 2031))  # nothing five years old yet
    assert sum(roth_out.values()) > 100_000
    for year in range(2031, 2035):  # what came out by each year is within what was converted five years before it
        assert sum(roth_out[y] for y in range(2031, year + 1)) <= sum(converted[y] for y in range(2026, year - 4))
    for y in plan.years:
        ev = y.evaluation
        recapture = sum(r.recapture for r in ev.ira.roth.values())
        assert recapture == 0, y.year
        if roth_out[y.year]:
            assert int(ev.tax.values["f5329.4"]) == 0, y.year
    assert all(abs(y["difference"]) <= 1 for y in years)


def test_money_converted_four_years_earlier_is_charged_the_10_percent_tax() -> None:
    # the engine's re-pricing of a ladder one year short: $40,000 converted in 2026 and taken out in 2030 (within
    # 2026-2030, its 5-taxable-year period) bears the 10% tax, $4,000 (IRC §408A(d)(3)(F)); taken out in 2031, none
    h = load_text(LADDER)

    def ladder(out_year: int) -> dict[int, int]:
        def policy(hh: object, price: object) -> list[object]:
            year = hh.tax_year  # type: ignore[attr-defined]
            if year == 2026:
                return [Conversion(on=_dt.date(2026, 12, 1), from_account="eve_ira", to_account="eve_new_roth_ira",
                                   amount=4_000_000)]
            if year == out_year:
                return [Withdrawal(on=_dt.date(year, 1, 3), from_account="eve_new_roth_ira", amount=4_000_000)]
            return []
        years = run(with_roth_iras(h), out_year - 2025, policy, Assumptions(cash=25_000_000))
        return {y.year: int(y.evaluation.tax.values["f5329.4"]) for y in years}

    assert ladder(2030)[2030] == 400_000
    assert ladder(2031)[2031] == 0
    # the optimizer's schedule never takes it: before 59½ it withdraws only what is free of the tax
    capped = schedule({"eve": [4_000_000] + [0] * 4}, 2026, roth_withdrawals={"eve": [0] * 4 + [4_000_000]})
    years = run(with_roth_iras(h), 5, capped, Assumptions(cash=25_000_000))
    assert int(years[-1].evaluation.tax.values["f5329.4"]) == 0


def test_the_plan_never_takes_a_conversion_before_its_fifth_year() -> None:
    # the same retiree with cash for four years only: in 2030 the 2026 conversion is four years old, so the plan
    # draws on the IRA (10% tax, IRC §72(t)) or the Roth IRA's nothing, never the young conversion
    plan = optimize(load_text(LADDER), 6, Assumptions(spending=5_000_000, cash=20_000_000), with_baselines=False)
    for y in plan.years:
        assert sum(r.recapture for r in y.evaluation.ira.roth.values()) == 0
    years = plan.to_json()["years"]
    assert all(y["withdrawals"]["eve"]["roth"] == 0 for y in years if y["year"] < 2031)
    assert any(y["withdrawals"]["eve"]["ira"] > 0 for y in years if y["year"] == 2030)


def test_an_oregon_marketplace_couples_state_tax_is_the_engines_in_every_year() -> None:
    """Oregon subtracts the federal income tax less the premium tax credit allowed (Form 8962 line 24; ORS
    316.680(1)(b), 316.685; the Form OR-40 line 10 worksheet): the plan's state curve reads the credit at each
    amount converted, so the model's Oregon tax is the engine's within a dollar (it was $137-$147 off in every
    year with the credit when the curve took line 24 as 0)."""
    h = load_text(MARKETPLACE.replace("tax_computation: rate_schedule\n", "tax_computation: rate_schedule\nstate: OR\n"))
    plan = optimize(h, 4, Assumptions(spending=6_000_000, cash=50_000_000), with_baselines=False).to_json()
    for y in plan["years"]:
        assert y["premium_tax_credit"] > 0 and y["state_tax"] > 0, y
        assert abs(y["state_tax"] - y["model_state_tax"]) <= 1 and abs(y["difference"]) <= 1, y
