"""The money invariants (tests/property/invariants.py) over 10^4 random valid move lists of every kind, losses
included, and the YAML and JSON forms of the households giving the same result (issue #13 item 5).
bench/properties.py runs the same over 10^6.

Each example is a household and four move lists for it: the household, with all four lists as its moves, is
read from its JSON text (and, for every other example, from its YAML text too: the two must be equal), then
each list is evaluated on its own and checked; one example in ten is also evaluated whole from both texts
(the two results must be equal). Reading each list's file anew would take this test past a minute."""

from __future__ import annotations

import dataclasses
import json
import random
from typing import Any

import yaml
from hypothesis import HealthCheck, given, note, settings

from rothroute import evaluate, load_text

from ..strategies import move_household_lists, seeds
from .invariants import check

EXAMPLES = 2_500  # households
LISTS = 4  # move lists each: 10^4 move lists

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def run(seed: int, lists: int = LISTS) -> int:
    """Build the household of ``seed`` with ``lists`` move lists, check each list's evaluation and the YAML and
    JSON forms; the number of move lists checked."""
    doc, move_lists = move_household_lists(random.Random(seed), lists)
    whole = {**doc, "moves": [m for moves in move_lists for m in moves]}
    household = load_text(json.dumps(whole), source="household.json")
    if seed % 2 == 0:
        from_yaml = load_text(yaml.dump(whole, Dumper=_Dumper, sort_keys=False), source="household.yaml")
        assert dataclasses.replace(from_yaml, origin=household.origin) == household
        if seed % 10 == 0:
            assert evaluate(from_yaml).to_json() == evaluate(household).to_json()
    start = 0
    for moves in move_lists:
        these = dataclasses.replace(household, moves=household.moves[start:start + len(moves)])
        start += len(moves)
        check({**doc, "moves": moves}, evaluate(these).to_json())
    return lists


@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(seeds)
def test_money_and_basis_hold_on_random_move_lists(seed: int) -> None:
    note(f"seed {seed}: tests.property.test_move_invariants.run({seed})")
    run(seed)


def household_of(seed: int) -> dict[str, Any]:
    """The household and its move lists of ``seed``, to look at a failure."""
    doc, move_lists = move_household_lists(random.Random(seed), LISTS)
    return {**doc, "move_lists": move_lists}
