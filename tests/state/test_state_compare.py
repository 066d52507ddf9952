"""compare prices each strategy federal plus state, shown apart: the JSON (cost_of_moves the
total, federal_cost and state_cost its parts), the text table and the HTML report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from rothroute.cli.app import app
from rothroute.compare import compare
from rothroute.household import load_path
from rothroute.report.html import render

from ..conftest import EXAMPLES


@pytest.fixture(scope="module")
def seed():
    return load_path(Path(EXAMPLES) / "seed.yaml")


def _by_name(data: dict) -> dict:
    return {s["name"]: s for s in data["strategies"] if not s["ruled_out"]}


def test_new_york_cost_is_federal_plus_state(seed) -> None:
    data = compare(dataclasses.replace(seed, state="NY")).to_json()
    assert data["state"] == "NY" and "New York income tax" in data["assumptions"][0]
    strategies = _by_name(data)
    for s in strategies.values():
        assert s["cost_of_moves"] == pytest.approx(s["federal_cost"] + s["state_cost"], abs=0.011)
        assert s["result"]["tax"]["state_cost"] == s["state_cost"]
    # converting the pretax money is taxed by New York beyond the $20,000 exclusion
    assert strategies["all_to_roth_ira"]["state_cost"] > 0
    assert strategies["split_rollover"]["state_cost"] == 0


def test_pennsylvania_does_not_tax_the_conversion(seed) -> None:
    data = compare(dataclasses.replace(seed, state="PA")).to_json()
    strategies = _by_name(data)
    assert strategies["all_to_roth_ira"]["federal_cost"] > 0
    assert all(s["state_cost"] == 0 for s in strategies.values())  # PA DOR Answer 274: conversions are not taxed


def test_the_text_table_and_the_report_show_the_split(seed, tmp_path: Path) -> None:
    path = tmp_path / "ny.yaml"
    text = (Path(EXAMPLES) / "seed.yaml").read_text().replace("state: TX", "state: NY")
    path.write_text(text)
    result = CliRunner().invoke(app, ["compare", str(path)])
    assert result.exit_code == 0, result.output
    assert "federal" in result.stdout and "state" in result.stdout and "New York tax" in result.stdout
    html = render(compare(dataclasses.replace(seed, state="NY")).to_json())
    assert 'data-col="federal-cost"' in html and 'data-col="state-cost"' in html
    assert "federal and New York income tax" in html
    plain = render(compare(seed).to_json())
    assert 'data-col="state-cost"' in plain  # Texas is named: its cost is shown, $0
