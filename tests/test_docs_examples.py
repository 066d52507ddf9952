"""The move examples in docs/household-format.md read as moves of every supported kind."""

from __future__ import annotations

import pathlib

import yaml

from rothroute.household.moves import SUPPORTED, read

DOC = (pathlib.Path(__file__).resolve().parents[1] / "docs" / "household-format.md").read_text()


def test_one_readable_example_per_move_kind() -> None:
    block = DOC.split("## One example of each move", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    moves = yaml.safe_load(block)
    kinds = set()
    for i, raw in enumerate(moves):
        record = read(i, raw, 2026)
        assert record is not None, raw
        kinds.add(raw["move"])
    assert kinds == set(SUPPORTED)
