"""Invariants of the federal tax (Hypothesis)."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rothroute import evaluate, federal_tax, load_text
from rothroute.tax.batch import columns_from_inputs, federal_tax_batch
from rothroute.tax.lines import LINE_INFO, TAX_KEYS

from ..strategies import household_documents, tax_inputs

LINE_KEYS = tuple(LINE_INFO)


@pytest.mark.parametrize("engine", ["numba", "numpy"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(tax_inputs(), min_size=1, max_size=40))
def test_batch_path_equals_single_path(engine, rows) -> None:
    batch = federal_tax_batch(columns_from_inputs(rows), keys=LINE_KEYS, engine=engine)
    for i, row in enumerate(rows):
        single = federal_tax(row).values
        for key in LINE_KEYS:
            assert int(batch[key][i]) == int(single[key]), (key, row)


@pytest.mark.parametrize("engine", ["numba", "numpy"])
@settings(max_examples=40, deadline=None)
@given(rows=st.lists(tax_inputs(), min_size=1, max_size=20))
def test_batch_contract_keys_equal_single_summary(engine, rows) -> None:
    batch = federal_tax_batch(columns_from_inputs(rows), engine=engine)
    assert set(batch) == set(TAX_KEYS)
    assert all(isinstance(v, np.ndarray) and v.dtype == np.int64 for v in batch.values())
    for i, row in enumerate(rows):
        assert {k: int(v[i]) for k, v in batch.items()} == federal_tax(row).summary()


@settings(max_examples=300, deadline=None)
@given(tax_inputs(), st.integers(1, 20_000_000), st.sampled_from(["pension", "wages", "other_ordinary",
                                                                  "taxable_interest"]))
def test_tax_never_decreases_as_ordinary_income_rises(row, extra, field) -> None:
    more = dataclasses.replace(row, **{field: getattr(row, field) + extra})
    a, b = federal_tax(row), federal_tax(more)
    assert b.federal_income_tax >= a.federal_income_tax
    assert b.total_tax >= a.total_tax
    assert b.agi >= a.agi and b.taxable_income >= a.taxable_income


@settings(max_examples=200, deadline=None)
@given(tax_inputs())
def test_tax_lines_are_consistent(row) -> None:
    v = federal_tax(row).values
    assert 0 <= v["f1040.6b"] <= v["f1040.6a"] * 85 // 100 + 1
    assert v["f1040.15"] == max(v["f1040.11"] - v["deductions"], 0)
    assert v["total_tax"] == v["f1040.22"] + v["f8960.17"] + v["f5329.4"]
    assert v["f1040.16"] <= v["qdcg.24"]  # preferential rates never cost more than the schedule


@settings(max_examples=60, deadline=None)
@given(household_documents())
def test_household_yaml_and_json_load_alike_and_results_round_trip(doc) -> None:
    from_yaml = load_text(yaml.safe_dump(doc))
    from_json = load_text(json.dumps(doc))
    assert from_yaml == from_json
    result = evaluate(from_yaml).to_json()
    assert json.loads(json.dumps(result)) == result
    assert result["tax"]["agi"] == next(line["value"] for line in result["lines"] if line["key"] == "f1040.11")


def test_compiled_batch_on_many_rows_uses_threads_and_agrees() -> None:
    from ..crosscheck.households import generate, to_inputs

    rows = [to_inputs(h) for h in generate(3000)]
    cols = {k: np.resize(v, 120_000) for k, v in columns_from_inputs(rows).items()}
    fast = federal_tax_batch(cols, engine="numba", keys=LINE_KEYS)
    slow = federal_tax_batch(cols, engine="numpy", keys=LINE_KEYS)
    for key in LINE_KEYS:
        assert np.array_equal(fast[key], slow[key]), key
