"""State income tax against taxsim-py's state calculators on the same random households.

Every household must agree within $1, or its difference must be of a kind in
``state_expected.py``: a reading of the peer's that differs from the statute (or, for two kinds,
a question not settled, or a limit of the harness), proved by re-running rothroute under the
peer's reading and finding the peer's figure within $1 (docs/crosscheck.md explains each kind
with its authority). rothroute's figure is the state's income tax before refundable credits; the
peer's is its ``siitax`` with the state earned income credit added back (rothroute does not model
state earned income credits, refundable or not); Virginia is compared before its credits
(``state_peers.BEFORE_CREDITS``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from rothroute.state import state_tax

from . import state_peers
from .state_expected import EXPECTED, ours
from .state_expected_a import MOSTLY_EXPLAINED

pytestmark = pytest.mark.crosscheck

from rothroute.params.states import state_files  # noqa: E402

STATES = tuple(sorted(state_files()))  # every jurisdiction with a parameter file
PER_STATE = 300
TOLERANCE = 1.0


def _explained_by(h: dict[str, Any], theirs: float) -> str | None:
    for rule in EXPECTED:
        if rule.state == h["state"] and rule.applies(h) and abs(rule.rerun(h) - theirs) <= TOLERANCE:
            return rule.code
    return None


@pytest.fixture(scope="module")
def compared() -> dict[str, Any]:
    households = state_peers.generate(PER_STATE, STATES)
    peer = state_peers.taxsim_state(households)
    explained: Counter = Counter()
    unexplained = []
    for h, theirs in zip(households, peer, strict=True):
        mine = ours(h)
        if abs(mine - theirs) <= TOLERANCE:
            continue
        code = _explained_by(h, theirs)
        if code is None:
            unexplained.append((h, mine, theirs))
        else:
            explained[code] += 1
    return {"households": households, "explained": explained, "unexplained": unexplained}


def test_enough_households_of_every_kind(compared: dict[str, Any]) -> None:
    households = compared["households"]
    assert len(households) >= 4000  # the issue asks for 2,000 or more across the states
    kinds = Counter((h["state"], h["filing_status"], h["year"]) for h in households)
    assert len(kinds) == len(STATES) * 4 and min(kinds.values()) >= 70
    for state in STATES:
        mine = [h for h in households if h["state"] == state]
        assert sum(1 for h in mine if h["conversion_head"] or h["conversion_spouse"]) >= 60
        assert sum(1 for h in mine if 59 <= h["age_head"] <= 66) >= 40  # around the age tests
        assert sum(1 for h in mine if h["long_term_gains"] < 0) >= 8


def test_every_difference_is_explained(compared: dict[str, Any]) -> None:
    unexplained = compared["unexplained"]
    shown = [(h["state"], h["year"], h["filing_status"], round(m - t, 2),
              {k: v for k, v in h.items() if v and not k.startswith("peer_")}) for h, m, t in unexplained[:5]]
    assert not unexplained, f"{len(unexplained)} unexplained state differences from taxsim-py, e.g. {shown}"


def test_most_households_agree_outright(compared: dict[str, Any]) -> None:
    households = compared["households"]
    differing = len(compared["unexplained"]) + sum(compared["explained"].values())
    assert differing < 0.4 * len(households)
    # every state agrees outright on most of its households but Massachusetts, whose interest the
    # peer takes as Massachusetts bank interest and whose benefits it deducts (most households), and
    # the states whose peer misreads most households (state_expected_a.MOSTLY_EXPLAINED, with why)
    for state in STATES:
        if state == "MA" or state in MOSTLY_EXPLAINED:
            continue
        mine = [h for h in households if h["state"] == state]
        codes = {rule.code for rule in EXPECTED if rule.state == state}
        assert sum(n for code, n in compared["explained"].items() if code in codes) < 0.5 * len(mine), state


def test_every_kind_has_an_example_it_explains() -> None:
    """Each kind's worked household differs from rothroute outright and the kind's re-run gives the
    peer's figure: a kind the random sample does not meet is still shown to be needed and right."""
    examples = [rule.example for rule in EXPECTED]
    assert all(example is not None for example in examples)
    peer = state_peers.taxsim_state(examples)  # type: ignore[arg-type]
    for rule, h, theirs in zip(EXPECTED, examples, peer, strict=True):
        assert h is not None and h["state"] == rule.state, rule.code
        assert abs(ours(h) - theirs) > TOLERANCE, rule.code
        assert rule.applies(h) and abs(rule.rerun(h) - theirs) <= TOLERANCE, (rule.code, rule.rerun(h), theirs)


def test_the_kinds_are_met(compared: dict[str, Any]) -> None:
    """Most kinds occur in the random sample (the others are shown by their examples)."""
    assert len(set(compared["explained"])) >= len(EXPECTED) - 3, compared["explained"]


def test_the_peer_harness_matches_rothroute_on_a_worked_case() -> None:
    """A case worked by hand: North Carolina 2024, single, 70, $40,000 of IRA withdrawals and $20,000
    of Social Security. North Carolina starts from federal AGI and subtracts the Social Security
    the federal return taxes, which leaves the $40,000 of IRA money; less the $12,750 standard
    deduction, $27,250 at 4.5% is $1,226.25. Both engines give it."""
    h = state_peers.household(year=2024, state="NC", filing_status="single", age_head=70, ira_head=40000,
                              social_security_head=20000)
    expected = round((40000 - 12750) * 0.045, 2)
    assert expected == 1226.25
    assert ours(h) == pytest.approx(expected, abs=0.01)
    assert state_peers.taxsim_state([h])[0] == pytest.approx(expected, abs=0.01)
    assert state_tax(state_peers.state_inputs(h)).income_tax == round(expected * 100)
