"""The state batch path equals the single path for every state, year and filing status, line by
line (Hypothesis), and state taxes never go negative.

The states are those with a file in ``params/data/states/`` (read from the folder, so a state
added there is tested here without a change): each state has its own test, over its years and
the years it refuses, with a locality where its return computes a local tax; one more test mixes
every state in one batch."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rothroute.params.states import STATES_DIR, state_files
from rothroute.state import state_tax
from rothroute.state.batch import columns_from_inputs, state_tax_batch
from rothroute.state.inputs import FEDERAL_KEYS, PersonIncome, StateInputs
from rothroute.vocab import FILING_STATUSES, FilingStatus

STATES = sorted(path.stem.upper() for path in STATES_DIR.glob("*.yaml"))
MONEY = st.integers(0, 40_000_000)
SMALL = st.integers(0, 5_000_000)


@st.composite
def people(draw: st.DrawFn) -> PersonIncome:
    age = draw(st.integers(20, 95))
    dividends = draw(st.one_of(st.just(0), SMALL))
    born = draw(st.one_of(st.just(0), st.integers(1925, 2008).map(lambda y: y * 10_000 + 301)))
    return PersonIncome(
        age=age, age_halves=2 * age + draw(st.integers(0, 1)), blind=draw(st.booleans()), born=born,
        wages=draw(st.one_of(st.just(0), MONEY)), deferrals=draw(st.one_of(st.just(0), SMALL)),
        social_security=draw(st.one_of(st.just(0), SMALL)), pension=draw(st.one_of(st.just(0), MONEY)),
        ira=draw(st.one_of(st.just(0), MONEY)), conversion=draw(st.one_of(st.just(0), MONEY)),
        plan=draw(st.one_of(st.just(0), SMALL)), interest=draw(st.one_of(st.just(0), SMALL)),
        exempt_interest=draw(st.one_of(st.just(0), SMALL)), dividends=dividends,
        qualified_dividends=draw(st.integers(0, dividends)),
        long_term_gains=draw(st.one_of(st.just(0), st.integers(-3_000_000, 200_000_000))),
        short_term_gains=draw(st.one_of(st.just(0), st.integers(-1_000_000, 5_000_000))),
        other=draw(st.one_of(st.just(0), SMALL)))


def _years(code: str) -> tuple[int, ...]:
    f = state_files()[code]
    return tuple(sorted({*f.years, *f.not_in_force, 2024, 2025, 2026}))


def _localities(code: str, year: int) -> tuple[str | None, ...]:
    """None, and the local jurisdictions of the year's local income tax (Maryland's counties)."""
    f = state_files()[code]
    step = f.years[year].steps.get("local_income_tax") if year in f.years else None
    return (None, *(step["counties"] if step is not None else ()))


@st.composite
def state_inputs(draw: st.DrawFn, states: tuple[str, ...] = tuple(STATES)) -> StateInputs:
    status = draw(st.sampled_from(FILING_STATUSES))
    who = (draw(people()), draw(people())) if status is FilingStatus.MARRIED_JOINT else (draw(people()),)
    income = sum(p.wages + p.pension + p.ira + p.conversion + p.plan + p.interest + p.dividends + p.other
                 + p.long_term_gains + p.short_term_gains for p in who)
    federal = {"federal_agi": income, "federal_taxable_social_security": draw(st.integers(0, 5_000_000)),
               "federal_taxable_income": max(income - 1_500_000, 0), "federal_capital_gain": draw(SMALL),
               "federal_adjustments": 0, "federal_itemizes": draw(st.integers(0, 1)),
               "federal_income_tax": draw(st.integers(0, 20_000_000)), "federal_niit": draw(st.integers(0, 500_000)),
               "federal_amt_base": draw(st.integers(0, 60_000_000)),
               "federal_tax_before_credits": draw(st.integers(0, 5_000_000)),
               "federal_elderly_credit": draw(st.one_of(st.just(0), st.integers(0, 112_500))),
               "federal_deduction": draw(st.integers(0, 5_000_000)), "federal_senior_deduction": draw(SMALL),
               "federal_additional_tax": draw(st.one_of(st.just(0), st.integers(0, 2_000_000))),
               "federal_ptc_repayment": draw(st.integers(0, 300_000)),
               "federal_premium_tax_credit": draw(st.integers(0, 2_000_000))}
    assert set(federal) == set(FEDERAL_KEYS)
    state = draw(st.sampled_from(states))
    year = draw(st.sampled_from(_years(state)))
    return StateInputs(state=state, year=year, status=status, people=who, federal=federal,
                       locality=draw(st.sampled_from(_localities(state, year))))


def _assert_batch_equals_single(rows: list[StateInputs]) -> None:
    singles = [state_tax(r) for r in rows]
    names = sorted({k for s in singles for k in s.values})
    batch = state_tax_batch(columns_from_inputs(rows), lines=names)
    for i, (row, single) in enumerate(zip(rows, singles)):
        assert bool(batch["computed"][i]) == (single.income_tax is not None and single.capital_gains_tax is not None), row
        if single.income_tax is not None:
            assert int(batch["income_tax"][i]) == single.income_tax, (row, single.values)
        if single.capital_gains_tax is not None:
            assert int(batch["capital_gains_tax"][i]) == single.capital_gains_tax, row
        assert int(batch["local_income_tax"][i]) == (single.local_income_tax or 0), row
        for key, value in single.values.items():
            assert int(batch[key][i]) == value, (key, row)


@pytest.mark.parametrize("code", STATES)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_batch_path_equals_single_path_in_each_state(code: str, data: st.DataObject) -> None:
    rows = data.draw(st.lists(state_inputs((code,)), min_size=1, max_size=10))
    _assert_batch_equals_single(rows)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(state_inputs(), min_size=1, max_size=25))
def test_batch_path_equals_single_path_across_states(rows: list[StateInputs]) -> None:
    _assert_batch_equals_single(rows)


@settings(max_examples=300, deadline=None)
@given(state_inputs())
def test_state_taxes_are_never_negative(row: StateInputs) -> None:
    result = state_tax(row)
    assert (result.income_tax or 0) >= 0 and (result.capital_gains_tax or 0) >= 0
    assert (result.local_income_tax or 0) >= 0
    assert all(isinstance(v, int) for v in result.values.values())


def test_every_state_file_is_covered() -> None:
    """The states tested are the files of the folder, and every one loads with its years."""
    assert STATES == sorted(state_files()) and len(STATES) >= 34
    assert np.all([state_files()[s].years for s in STATES])
