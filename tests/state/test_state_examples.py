"""State taxes against worked examples (tests/cases/state.yaml), to the cent: each case names where
its expected values come from (a form's own example, or the statute's arithmetic done by hand)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from rothroute.money import cents
from rothroute.state import state_tax
from rothroute.state.inputs import FEDERAL_KEYS, PersonIncome, StateInputs
from rothroute.vocab import FilingStatus

CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "state.yaml").read_text())
NOT_MONEY = {"age", "age_halves", "blind"}


def build(case: dict) -> StateInputs:
    people = []
    for p in case["people"]:
        fields = {k: (v if k in NOT_MONEY else cents(Decimal(str(v)))) for k, v in p.items()}
        fields.setdefault("age_halves", 2 * fields.get("age", 0))
        people.append(PersonIncome(**fields))
    federal = {k: cents(Decimal(str(v))) for k, v in case.get("federal", {}).items()}
    assert set(federal) <= set(FEDERAL_KEYS)
    return StateInputs(state=case["state"], year=case["year"], status=FilingStatus(case["status"]),
                       people=tuple(people), federal=federal)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_worked_example(case: dict) -> None:
    assert len(case["source"].strip()) > 20
    result = state_tax(build(case))
    for key, expected in case["expected"].items():
        if key == "income_tax":
            got = result.income_tax
        elif key == "capital_gains_tax":
            got = result.capital_gains_tax
        else:
            got = result.values[key]
        want = None if expected is None else cents(Decimal(str(expected)))
        assert got == want, f"{case['name']} {key}: {got} != {want} ({case['source']})"
