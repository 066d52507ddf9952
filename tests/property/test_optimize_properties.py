"""The optimized plan, re-priced by the engine, is never worse than the best baseline (Hypothesis)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rothroute import load_text
from rothroute.optimize.horizon import Assumptions
from rothroute.optimize.plan import optimize


@st.composite
def households(draw):
    joint = draw(st.booleans())
    born = [draw(st.integers(1950, 1966)) for _ in range(2 if joint else 1)]
    ira = [draw(st.integers(50, 2000)) * 1000 for _ in born]
    basis = draw(st.integers(0, ira[0] // 4000)) * 1000
    ss = [draw(st.sampled_from([0, 18000, 32000, 45000])) for _ in born]
    interest = draw(st.sampled_from([0, 4000, 25000]))
    people = "".join(f"  - {{id: p{i}, born: {b}-06-01{', ira_basis: ' + str(basis) if i == 0 else ''}}}\n"
                     for i, b in enumerate(born))
    income = "".join(f"  - {{person: p{i}, kind: social_security, amount: {s}}}\n" for i, s in enumerate(ss) if s)
    income += f"  - {{kind: taxable_interest, amount: {interest}}}\n" if interest else ""
    accounts = "".join(f"  - {{id: ira{i}, owner: p{i}, kind: traditional_ira, value: {v}}}\n" for i, v in enumerate(ira))
    text = (f"format: 1\ntax_year: 2026\nfiling_status: {'married_joint' if joint else 'single'}\n"
            f"tax_computation: rate_schedule\npeople:\n{people}" + (f"income:\n{income}" if income else "")
            + f"accounts:\n{accounts}")
    return text, draw(st.integers(4, 8))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households())
def test_optimized_plan_is_never_worse_than_the_best_baseline(case) -> None:
    text, years = case
    result = optimize(load_text(text), years, Assumptions(growth=Fraction(6, 100))).to_json()
    engine = result["objective"]["engine_value"]
    best = max(b["value"] for b in result["baselines"])
    # the solver stops within its gap of the model's optimum; the model's tax is the engine's within $1 a year
    slack = (result["solver"]["gap"] or 0) * abs(result["objective"]["value"]) + 2 * years
    assert engine >= best - slack, (engine, result["baselines"])
    assert all(abs(y["difference"]) <= 1 for y in result["years"])


@st.composite
def households_with_plans(draw):
    """A person with an IRA (with basis or not) and an employer plan: a former employer's, or the current one's
    (offering in-plan Roth rollovers, with a retirement year or not), its after-tax money a separate contract
    or not, taking roll-ins or not."""
    born = draw(st.integers(1955, 1966))
    current = draw(st.booleans())
    retires = draw(st.sampled_from([None, 2027, 2029])) if current else None
    rules = ["in_plan_roth_rollover: true" if current or draw(st.booleans()) else "in_plan_roth_rollover: false",
             f"after_tax_separate_contract: {str(draw(st.booleans())).lower()}",
             f"accepts_ira_rollins: {str(draw(st.booleans())).lower()}"]
    if not current:
        rules.append("separated_from_service: 2024")
    pretax, at, earnings = (draw(st.integers(0, 400)) * 1000, draw(st.integers(0, 100)) * 1000,
                            draw(st.integers(0, 30)) * 1000)
    ira = draw(st.integers(20, 600)) * 1000
    basis = draw(st.sampled_from([0, 0, ira // 4]))
    wages = f"  - {{person: p, kind: wages, amount: {draw(st.sampled_from([40000, 90000]))}}}\n" if current else ""
    text = (f"format: 1\ntax_year: 2026\nfiling_status: single\ntax_computation: rate_schedule\npeople:\n"
            f"  - {{id: p, born: {born}-03-01, ira_basis: {basis}"
            f"{'' if retires is None else ', retirement_year: ' + str(retires)}}}\n"
            f"income:\n  - {{person: p, kind: social_security, amount: 20000}}\n{wages}"
            f"accounts:\n  - {{id: ira, owner: p, kind: traditional_ira, value: {ira}}}\n"
            f"  - id: k\n    owner: p\n    kind: 401k\n"
            f"    sources: {{pretax: {pretax}, after_tax: {{contributions: {at}, earnings: {earnings}}}}}\n"
            f"    plan: {{{', '.join(rules)}}}\n")
    return text, draw(st.integers(3, 7)), draw(st.sampled_from([0, 30_000_00, 60_000_00]))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households_with_plans())
def test_plans_with_employer_plans_keep_cash_and_beat_the_baselines(case) -> None:
    from rothroute.optimize.plan import OptimizeError

    text, years, spending = case
    try:
        result = optimize(load_text(text), years, Assumptions(spending=spending)).to_json()
    except OptimizeError as e:  # a spending need no plan can meet: said, never a traceback
        assert "infeasible" in str(e)
        return
    assert all(y["cash_end"] >= 0 for y in result["years"])
    # the model's tax is the engine's but for the IRS Tax Table's rows and the held pro-rata shares' cents
    assert all(abs(y["difference"]) <= 25 for y in result["years"]), [y["difference"] for y in result["years"]]
    best = max(b["value"] for b in result["baselines"] if b["cash_never_short"]) if any(
        b["cash_never_short"] for b in result["baselines"]) else None
    slack = (result["solver"]["gap"] or 0) * abs(result["objective"]["value"]) + 25 * years
    if best is not None:
        assert result["objective"]["engine_value"] >= best - slack, (result["objective"], result["baselines"])


CYCLING = """format: 1
tax_year: 2026
filing_status: single
tax_computation: rate_schedule
people:
  - {id: p, born: 1958-03-01, ira_basis: 44500}
income:
  - {person: p, kind: social_security, amount: 20000}
accounts:
  - {id: ira, owner: p, kind: traditional_ira, value: 178000}
  - id: k
    owner: p
    kind: 401k
    sources: {pretax: 102000, after_tax: {contributions: 6000, earnings: 29000}}
    plan: {in_plan_roth_rollover: false, after_tax_separate_contract: false, accepts_ira_rollins: false,
           separated_from_service: 2024}
"""


def test_a_household_whose_pro_rata_rounds_cycled() -> None:
    """Found by Hypothesis (seed 174445184289082786146081038034915130485): the rounds used to cycle between two
    plans, the held Form 8606 share leaving the model's tax $52 from the engine's. The share of IRA money out is
    the basis over the January value (the year's moves come out of that money, IRC §408(d)(2)), diluted by each
    year's growth, so it is known before the first round: the plan settles at once and the model's tax is the
    engine's; a plan that does not settle says which shares moved and what the plans differed by."""
    result = optimize(load_text(CYCLING), 6, Assumptions(spending=30_000_00)).to_json()
    solver = result["solver"]
    assert solver["settled"] or set(solver["unsettled"]) >= {"shares", "largest_share_change", "spread", "reason"}
    assert all(abs(y["difference"]) <= 1 for y in result["years"]), [y["difference"] for y in result["years"]]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
# bench/optimize_random.py's seeds whose causes were found (issue #15 item 6): 197, rounds that cycled between two
# near-equal QCD amounts (the year's cash gifts are now held); 251, a survivor whose spouse's Roth IRA was never
# drawn and whose merged basis the held shares overdrew
@example(197)
@example(251)
def test_random_households_settle_agree_with_the_engine_and_keep_cash(seed) -> None:
    """The short form of ``bench/optimize_random.py`` (500 households there): a household of
    ``random_households`` (several 457(b)s, 5% owners, IRAs emptied, first deaths, QCDs, Social Security
    claimed later; most in a state) is planned with no traceback, its rounds settle or
    say which shares did not, the model's tax is the engine's to the dollar every year (the rate schedule: no Tax
    Table rows; New York within its $5 staircase, a state's tax table within what its rows are from the schedule,
    ``off_years``) and the cash account
    is never short, the last year included (bench/README.md: what the 500 found, and what fixed it)."""
    import random

    from rothroute.optimize.plan import OptimizeError

    from tests.property.random_households import household, off_years

    # most in a state, the table states among them (until the eighth session of 2026-12-06, only the states before
    # them: ``bench/README.md``, "Whose money it is, held")
    text, years, assumptions = household(random.Random(seed))
    try:
        # (30 s: a household in Minnesota, ten cliffs a year, on a loaded machine; most take one or two)
        result = optimize(load_text(text), years, assumptions, time_limit=30, with_baselines=False).to_json()
    except OptimizeError as e:  # a spending need no plan can meet, or nothing to plan: said, never a traceback
        assert "infeasible" in str(e) or str(e).startswith("nothing to convert"), str(e)
        return
    solver = result["solver"]
    assert solver["settled"] or set(solver["unsettled"]) >= {"shares", "largest_share_change", "spread", "reason"}
    assert off_years(result) == []
    assert all(y["cash_end"] >= 0 for y in result["years"])
