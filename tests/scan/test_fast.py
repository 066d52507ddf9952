"""The fast path equals ``rothroute compare`` on every household it takes, figure for figure; and
the scan's answer for a household equals ``rothroute compare --json``'s."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rothroute.compare import Goal, compare
from rothroute.scan import exact, fast, tables
from rothroute.scan.book import household_from_row
from tests.scan.synthetic import row as synthetic_row
from tests.scan.synthetic import to_table


def _staged(rows: list[dict], folder: Path):
    pq.write_table(to_table(rows), folder / "book.parquet")
    tables.stage([folder / "book.parquet"], folder / "staged.parquet", 10_000)
    return tables.staged_partition(folder / "staged.parquet", 0)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32), goal=st.sampled_from(list(Goal)), odd=st.sampled_from([0.0, 0.3]))
@example(seed=7, goal=Goal.MOST_ROTH, odd=0.1)  # someone reaching 59½ on December 22: the exact path's refusal
def test_the_fast_path_equals_compare_on_every_household_it_takes(tmp_path_factory: pytest.TempPathFactory,
                                                                    seed: int, goal: Goal, odd: float) -> None:
    rng = random.Random(seed)
    n = 300 if seed == 7 else 12
    rows = [synthetic_row(rng, i, odd=odd) for i in range(n)]
    if seed == 7:
        rows = rows[226:227]
    t = _staged(rows, tmp_path_factory.mktemp("fast"))
    ids = t.column("household_id").to_pylist()
    records = t.to_pylist()
    for i, got in fast.price(t, str(goal), ids):
        want, error = exact.price_row(records[i], str(goal), None, ids[i])
        assert error is None
        assert got == {**want, "path": "fast"}, ids[i]


def test_the_fast_path_takes_most_of_a_recordkeepers_book(tmp_path: Path) -> None:
    rows = [synthetic_row(random.Random(5), i) for i in range(400)]
    t = _staged(rows, tmp_path)
    taken = list(fast.price(t, "least-tax-now", t.column("household_id").to_pylist()))
    assert len(taken) >= 0.8 * len(rows)


def _dollars(value: object) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.mark.parametrize("goal", list(Goal))
def test_the_scan_row_is_compares_answer(tmp_path: Path, goal: Goal) -> None:
    """For a sample of households, each figure and flag of the scan's row (fast or exact) is what
    ``rothroute compare --json`` says: the recommended and next-best strategies, the cost and its
    federal and state parts, Roth gained, pretax left, the IRMAA tiers, the after-tax money a split
    rollover moves, the backdoor's taxable part (Form 8606 line 18 in its result) and the roll-in."""
    rng = random.Random(11)
    rows = [synthetic_row(rng, i, odd=0.1) for i in range(60)]
    t = _staged(rows, tmp_path)
    ids = t.column("household_id").to_pylist()
    records = t.to_pylist()
    out = dict(fast.price(t, str(goal), ids))
    checked = 0
    for i, record in enumerate(records):
        row = out.get(i) or exact.price_row(record, str(goal), None, ids[i])[0]
        if row["status"] != "priced":
            continue
        data = compare(household_from_row(record), goal).to_json()
        permitted = [s for s in data["strategies"] if s["ruled_out"] is None]
        by_name = {s["name"]: s for s in permitted}
        rec, nxt = permitted[0], permitted[1]
        base = by_name.get("leave_in_plan") or by_name["do_nothing"]
        assert row["recommended"] == data["recommended"] == rec["name"]
        assert row["next_best"] == nxt["name"]
        for key in ("cost_of_moves", "federal_cost", "state_cost", "roth_gained", "pretax_left", "pretax_iras_end"):
            assert _dollars(row["cost" if key == "cost_of_moves" else key] / 100) == _dollars(rec[key]), key
        assert row["irmaa_tier"] == rec["irmaa_tier"] and row["baseline_irmaa_tier"] == base["irmaa_tier"]
        assert row["crosses_irmaa_tier"] == (rec["irmaa_tier"] > base["irmaa_tier"])
        assert _dollars(row["roth_vs_baseline"] / 100) == _dollars(rec["roth_gained"]) - _dollars(base["roth_gained"])
        split = by_name.get("split_rollover") or by_name.get("in_service_after_tax_split")
        assert _dollars(row["after_tax_to_roth_tax_free"] / 100) == (_dollars(split["roth_gained"]) if split else 0)
        backdoor = by_name.get("backdoor_roth")
        if backdoor is None:
            assert row["backdoor_taxable"] is None
        else:
            line_18 = sum(_dollars(p["form_8606"].get("18", 0)) for p in backdoor["result"]["people"].values())
            assert _dollars(row["backdoor_taxable"] / 100) == line_18
            assert row["backdoor_pro_rata"] == (line_18 > 0)
        assert row["strategies_permitted"] == len(permitted)
        checked += 1
    assert checked >= 40
