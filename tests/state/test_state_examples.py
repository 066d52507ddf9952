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

CASES = [case for path in sorted((Path(__file__).parents[1] / "cases").glob("state*.yaml"))
         for case in yaml.safe_load(path.read_text())]  # state.yaml, and state_<xx>.yaml by state
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
                       people=tuple(people), federal=federal, locality=case.get("locality"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_worked_example(case: dict) -> None:
    assert len(case["source"].strip()) > 20
    result = state_tax(build(case))
    for key, expected in case["expected"].items():
        if key == "income_tax":
            got = result.income_tax
        elif key == "capital_gains_tax":
            got = result.capital_gains_tax
        elif key == "local_income_tax":
            got = result.local_income_tax
        else:
            got = result.values[key]
        want = None if expected is None else cents(Decimal(str(expected)))
        assert got == want, f"{case['name']} {key}: {got} != {want} ({case['source']})"
    for code in case.get("issues", ()):
        assert any(i.code == code for i in result.issues), (case["name"], code)


@pytest.mark.parametrize(("wages", "named"), [(50000, True), (90000, False)])
def test_ohio_earned_income_credit_is_named_where_it_may_apply(wages: int, named: bool) -> None:
    """R.C. 5747.71: Ohio's earned income credit (30% of the federal one, which rothroute does not
    compute) is nonrefundable, so it would lower state_income_tax: a worker with federal AGI under
    every federal credit's limit is told it is not taken; one above is not."""
    case = {"state": "OH", "year": 2025, "status": "single", "people": [{"age": 40, "wages": wages}],
            "federal": {"federal_agi": wages}}
    result = state_tax(build(case))
    notes = [i for i in result.issues if "earned income credit" in i.message]
    assert bool(notes) == named and (not named or notes[0].code == "state_rule_not_modelled")
