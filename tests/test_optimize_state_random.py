"""bench/optimize_random.py's households in a state whose plans were off the engine (issue #15 item 6; seeds
0-149 measured on 2026-12-06, main at 6426662): the model's tax of each year of the plan is the engine's own
computation of the same year (``random_households.off_years``: the federal part within $1, the state's within the
state's tolerance, ``statecurve.tolerance``), and the rounds settle or say why not.

- seeds 1 (Virginia), 21 (New York), 123 (Kentucky) and 126 (Alabama), $74-$1,200 off: the rounds moved a
  year's withdrawal from one spouse's IRA to the other's and back, a tie to the curve of x alone that the state
  does not see alike (each person's exclusion: Kentucky's $31,110, KRS 141.019; New York's $20,000, Tax Law
  §612(c)(3-a); Virginia's age deduction, Va. Code §58.1-322.03(5); Alabama's $6,000 from 65, Ala. Code
  §40-18-19(a)), until the split rounds ran out. A year priced again for its split now holds who withdraws
  as it holds who converts (``statecurve.people_shares``).
- seed 141 (Kentucky), $37.83 off: a 5% owner's RMDs from the plan of the employer he still works for, which no
  decision sets, were a share of x in the state's curve, not its first dollars, and shrank with the spouse's
  conversions: the rounds drifted $1,500 a round (``distributions.fixed_cents``).

Seeds measured on 2026-12-06 (seventh session, main at 9d3acb1; 620 and 849 at 72d40dc), in the state each draws
now:

- seed 202 (Wisconsin), $16.29 off: the plan's cash was $1.33 short (the state's table, within its allowance)
  and the engine drew $51.33, a Tax Table row's cushion on the rate schedule (``horizon.run``'s top-up now adds
  the row only under the Tax Table, or after two rounds);
- seed 101 (Georgia), $2.92 off: a year whose moves were held still had another split (the Form 8606 shares the
  engine found moved with the round), and is now priced once more on it, the moves still held;
- seeds 253 and 356 (Oklahoma), $1.21 and $1.20 off: on the plan's own split, between two of the curve's points
  (its noise, a dollar with a state, beside the form's dollar rounding); the year is now priced again with the
  plan's own x pinned on the curve (``StateSpec.pins``);
- seed 620 (New York), $16.92 off: the top-up's draws from the IRAs are whole dollars, and cents short drew the
  same dollars again, round after round, until the cushion's $50 row drew $56 (where the IRAs pay it, each round now
  draws at least a dollar more and the row waits four rounds; where the taxable account sells first, as before);
- seed 849 (Pennsylvania), $22.83 off, federal: the pro-rata shares moved 40% less each round, from 0.0075, and
  did not settle in 8 rounds (``plan.MAX_ROUNDS`` is 16; the last round agrees, and the output says the shares
  did not settle)."""

from __future__ import annotations

import random

import pytest

from rothroute import load_text
from rothroute.optimize.plan import optimize

from tests.property.random_households import household, off_years


@pytest.mark.parametrize("seed,state", [(1, "VA"), (21, "NY"), (123, "KY"), (126, "AL"), (141, "KY")])
def test_the_model_is_the_engine_every_year_in_a_state_that_taxes_by_person(seed: int, state: str) -> None:
    text, years, assumptions = household(random.Random(seed), state=state)  # (the state these seeds drew before the
    # table states joined the draw, random_households.STATES)
    result = optimize(load_text(text), years, assumptions, time_limit=30, with_baselines=False).to_json()
    solver = result["solver"]
    assert solver["settled"] or solver.get("unsettled")
    assert off_years(result) == []
    assert all(y["cash_end"] >= 0 for y in result["years"])


@pytest.mark.parametrize("seed", [101, 202, 253, 356, 620, 849])
def test_the_model_is_the_engine_every_year_where_a_round_was_near(seed: int) -> None:
    text, years, assumptions = household(random.Random(seed))
    result = optimize(load_text(text), years, assumptions, time_limit=30, with_baselines=False).to_json()
    solver = result["solver"]
    assert solver["settled"] or solver.get("unsettled")
    assert off_years(result) == []
    assert all(y["cash_end"] >= 0 for y in result["years"])
