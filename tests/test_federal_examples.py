"""Federal tax against worked examples from authority (tests/cases/federal.yaml), to the cent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from rothroute import FilingStatus, TaxInputs, federal_tax
from rothroute.money import cents

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "federal.yaml").read_text())
COUNTS = {"seniors", "blind", "medicare_enrollees"}
FLAGS = {"tax_table", "itemizes", "lived_apart"}


def build(inputs: dict) -> TaxInputs:
    kwargs = {}
    for key, value in inputs.items():
        if key == "status":
            kwargs[key] = FilingStatus(value)
        elif key in COUNTS or key in FLAGS or key == "year":
            kwargs[key] = value
        else:
            kwargs[key] = cents(Decimal(str(value)))
    return TaxInputs(**kwargs)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_worked_example(case: dict) -> None:
    assert case["source"].strip()
    values = federal_tax(build(case["inputs"])).values
    for key, expected in case["expected"].items():
        assert int(values[key]) == cents(Decimal(str(expected))), f"{key}: {case['source']}"
