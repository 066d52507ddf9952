"""The book table: a row is a format-1 household and back, every figure kept; a bad cell is named
by its column."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rothroute.errors import HouseholdFileError
from rothroute.household import load_path
from rothroute.scan import tables
from rothroute.scan.book import (
    COLUMN_TYPES, BookDoesNotFit, canonical, document_from_row, household_from_row, row_from_household,
)
from tests.conftest import EXAMPLES
from tests.scan.synthetic import row as synthetic_row
from tests.scan.synthetic import to_table


def _valid_household(seed: int):  # a household the loader accepts, drawn from the synthetic book
    rng = random.Random(seed)
    for n in range(50):
        try:
            return household_from_row(synthetic_row(rng, n, odd=0.3))
        except HouseholdFileError:
            continue
    raise AssertionError("no valid household drawn")


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32))
def test_a_row_and_its_household_keep_every_figure(seed: int) -> None:
    """household -> row -> household gives the same household (income summed by person and kind, plans
    before IRAs), and row -> household -> row the same row."""
    h = _valid_household(seed)
    row = row_from_household(h, "x")
    back = household_from_row(row)
    assert canonical(back) == canonical(h)
    assert row_from_household(back, "x") == row


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_household_round_trips(name: str) -> None:
    h = dataclasses.replace(load_path(EXAMPLES / name), moves=())
    try:
        row = row_from_household(h, name)
    except BookDoesNotFit as exc:  # pragma: no cover - every example fits today
        pytest.fail(str(exc))
    assert canonical(household_from_row(row)) == canonical(h)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32))
def test_parquet_and_csv_books_read_alike(tmp_path_factory: pytest.TempPathFactory, seed: int) -> None:
    """The same rows as a typed Parquet table and as CSV text stage to the same households."""
    rng = random.Random(seed)
    rows = [synthetic_row(rng, n, odd=0.2) for n in range(8)]
    folder = tmp_path_factory.mktemp("book")
    table = to_table(rows)
    pq.write_table(table, folder / "b.parquet")
    pacsv.write_csv(table, folder / "b.csv")
    staged = []
    for name in ("b.parquet", "b.csv"):
        tables.stage([folder / name], folder / f"{name}.staged", 100)
        staged.append(tables.staged_partition(folder / f"{name}.staged", 0).to_pylist())
    for a, b in zip(*staged):
        assert document_from_row(a).document == document_from_row(b).document


def test_a_bad_cell_is_named_by_its_column() -> None:
    h = load_path(EXAMPLES / "seed.yaml")
    row = row_from_household(dataclasses.replace(h, moves=()), "seed")
    row.update(plan1_pretax="12,000", p1_born="1959-02-30", ira1_kind="roth_401k")
    rd = document_from_row(row)
    with pytest.raises(HouseholdFileError) as caught:
        household_from_row(row)
    columns = {rd.column_of(p.where) for p in caught.value.problems}
    assert {"plan1_pretax", "p1_born", "ira1_kind"} <= columns


def test_a_household_that_does_not_fit_says_what() -> None:
    h = load_path(EXAMPLES / "seed.yaml")
    with pytest.raises(BookDoesNotFit, match="moves"):
        row_from_household(load_path(EXAMPLES / "seed_split_rollover.yaml"), "seed")
    many = dataclasses.replace(h, moves=(), accounts=h.accounts[:1] * 4)
    with pytest.raises(BookDoesNotFit, match="4 plans"):
        row_from_household(many, "seed")


def test_an_unknown_column_stops_the_scan_before_it_starts(tmp_path: Path) -> None:
    pq.write_table(pa.table({"household_id": ["a"], "tax_yaer": [2026]}), tmp_path / "b.parquet")
    with pytest.raises(tables.BookError, match="tax_yaer"):
        tables.stage([tmp_path / "b.parquet"], tmp_path / "s.parquet", 10)


def test_the_book_format_page_lists_every_column() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "book-format.md").read_text()
    for name in COLUMN_TYPES:
        generic = name.replace("p2_", "p1_").replace("plan2_", "plan1_").replace("plan3_", "plan1_")
        for slot in ("ira2_", "ira3_", "ira4_"):
            generic = generic.replace(slot, "ira1_")
        assert f"`{generic}`" in text or f"`{name}`" in text, name
    assert Decimal("0.01")  # money in the book is decimal dollars
