"""A local income tax the state's return computes (Maryland's county tax): the household file's
``locality``, ``tax.local_income_tax`` in the result and the total, the file checks, and the batch
path with a locality column."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from rothroute import evaluate, load_text
from rothroute.errors import HouseholdFileError
from rothroute.state import state_tax
from rothroute.state.batch import columns_from_inputs, state_tax_batch
from rothroute.state.inputs import PersonIncome, StateInputs
from rothroute.vocab import FilingStatus

BASE = {
    "format": 1, "tax_year": 2024, "filing_status": "single", "state": "MD",
    "people": [{"id": "a", "born": "1954-03-01"}],
    "income": [{"kind": "pension", "amount": 40000}, {"kind": "social_security", "amount": 20000}],
}


def run(**changes: object) -> dict:
    doc = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    return evaluate(load_text(yaml.safe_dump(doc, sort_keys=False))).to_json()


def test_the_county_tax_is_reported_apart_and_in_the_total() -> None:
    tax = run(locality="montgomery")["tax"]
    local = tax["local_income_tax"]
    assert local > 0 and tax["state_income_tax"] is not None
    assert tax["total_tax"] == pytest.approx(tax["federal_total_tax"] + tax["state_income_tax"] + local, abs=0.01)
    lines = {line["key"]: line for line in tax["state"]["lines"]}
    assert lines["state.md.local_income_tax"]["value"] == local
    assert "Md. Code, Tax-Gen. §10-106" in lines["state.md.local_income_tax"]["cites"]


def test_montgomery_is_the_flat_rate_on_maryland_taxable_income() -> None:
    tax = run(locality="montgomery")["tax"]
    taxable = {line["key"]: line["value"] for line in tax["state"]["lines"]}["state.md.taxable_income"]
    assert tax["local_income_tax"] == pytest.approx(round(taxable * 0.032, 2), abs=0.01)  # Tax-Gen. §10-604


def test_without_a_locality_the_county_tax_is_left_out_and_said_so() -> None:
    out = run()
    assert "local_income_tax" not in out["tax"]
    assert out["tax"]["total_tax"] == pytest.approx(out["tax"]["federal_total_tax"] + out["tax"]["state_income_tax"],
                                                    abs=0.01)
    assert any(i["code"] == "locality_not_given" for i in out["issues"])


@pytest.mark.parametrize(("changes", "words"), [
    ({"locality": "fairfax"}, "one of allegany"),
    ({"state": "VA", "locality": "montgomery"}, "no locality"),
])
def test_a_locality_the_state_does_not_have_is_a_file_problem(changes: dict, words: str) -> None:
    doc = {**BASE, **changes}
    with pytest.raises(HouseholdFileError) as info:
        load_text(yaml.safe_dump(doc, sort_keys=False))
    assert "locality" in str(info.value) and words in str(info.value)


def test_the_batch_path_takes_the_locality_column() -> None:
    rows = [StateInputs(state="MD", year=year, status=FilingStatus.MARRIED_JOINT, locality=locality,
                        people=(PersonIncome(age=66, pension=6_000_000, social_security=1_500_000),
                                PersonIncome(age=60, wages=9_000_000)),
                        federal={"federal_agi": 15_000_000, "federal_taxable_social_security": 1_275_000})
            for year in (2024, 2025) for locality in ("anne_arundel", "frederick", "worcester", None)]
    batch = state_tax_batch(columns_from_inputs(rows), lines=("taxable_income",))
    for i, row in enumerate(rows):
        single = state_tax(row)
        assert int(batch["income_tax"][i]) == single.income_tax
        assert int(batch["local_income_tax"][i]) == (single.local_income_tax or 0)
    assert np.count_nonzero(batch["local_income_tax"]) == 6
