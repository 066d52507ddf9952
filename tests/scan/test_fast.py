"""The fast path equals ``rothroute compare`` on every household it takes, figure for figure; and
the scan's answer for a household equals ``rothroute compare --json``'s."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
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
def test_the_fast_path_equals_compare_on_every_household_it_takes(tmp_path_factory: pytest.TempPathFactory,
                                                                    seed: int, goal: Goal, odd: float) -> None:
    rng = random.Random(seed)
    rows = [synthetic_row(rng, i, odd=odd) for i in range(12)]
    t = _staged(rows, tmp_path_factory.mktemp("fast"))
    ids = t.column("household_id").to_pylist()
    records = t.to_pylist()
    for i, got in fast.price(t, str(goal), ids):
        want, error = exact.price_row(records[i], str(goal), None, ids[i])
        assert error is None
        assert got == {**want, "path": "fast"}, ids[i]


FOUND = [  # households where the two paths once differed, each with what was learned
    # 59½ on December 22: compare's roll-out two weeks after the in-plan Roth rollover falls in January
    # (refused, move_outside_tax_year), so IRR-then-roll-out is ruled out
    {"household_id": "dec22", "tax_year": 2025, "filing_status": "married_joint", "state": "MA",
     "p1_born": "1966-06-22", "p1_wages": "4257.40", "p2_born": "1963-09-26", "p2_wages": "192329.95",
     "plan1_kind": "governmental_457b", "plan1_pretax": "211921.00", "plan1_separated_from_service": 2019,
     "plan1_in_plan_roth_rollover": True, "plan1_roth_contributions": "4770.12", "plan1_roth_earnings": "65.00",
     "ira1_owner": "p2", "ira1_kind": "traditional_ira", "ira1_value": "39561.58"},
    # 59½ on November 16: compare dates the split rollover then, after the backdoor's roll-in of
    # November 15, which finds the rolled-over money not there yet (refused, amount_exceeds_balance)
    {"household_id": "nov16", "tax_year": 2025, "filing_status": "married_joint", "state": "CO",
     "p1_born": "1966-05-16", "p1_social_security": "31358.00", "p2_born": "1969-07-13", "p2_wages": "231578.63",
     "plan1_kind": "401k", "plan1_pretax": "9874.00", "plan1_separated_from_service": 2024,
     "plan1_accepts_ira_rollins": True, "ira1_kind": "traditional_ira", "ira1_value": "115587.98"},
]


@pytest.mark.parametrize("found", FOUND, ids=[f["household_id"] for f in FOUND])
@pytest.mark.parametrize("goal", list(Goal))
def test_households_found_once(tmp_path: Path, found: dict, goal: Goal) -> None:
    t = _staged([found], tmp_path)
    record = t.to_pylist()[0]
    want, _ = exact.price_row(record, str(goal), None, found["household_id"])
    for _, got in fast.price(t, str(goal), [found["household_id"]]):
        assert got == {**want, "path": "fast"}


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


def test_the_fast_path_on_the_compiled_state_batch_gives_the_same_columns(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The state batch's engine changes nothing the scan writes: the fast path's columns on each state's
    traced kernels (run as plain Python here: compiling every state is bench/'s) equal its columns on
    the NumPy state batch."""
    import numpy as np

    from rothroute.state import compiled

    rows = [synthetic_row(random.Random(7), i) for i in range(300)]
    t = _staged(rows, tmp_path)
    ids = t.column("household_id").to_pylist()
    taken, numpy = fast.price_columns(t, "least-tax-now", ids, state_engine="numpy")
    prepared = compiled.prepared
    monkeypatch.setattr(compiled, "prepared", lambda code, year, lines: prepared(code, year, lines, True))
    taken_fast, traced = fast.price_columns(t, "least-tax-now", ids, state_engine="numba")
    assert np.array_equal(taken, taken_fast) and list(numpy) == list(traced) and len(taken) > 200
    for name in numpy:
        assert np.array_equal(numpy[name], traced[name]), name


def test_the_scan_compiles_the_state_batch_for_a_large_book_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from rothroute.scan.run import STATE_COMPILED_MIN_PER_WORKER, Options, state_engine
    from rothroute.state import compiled

    monkeypatch.delenv("ROTHROUTE_SCAN_STATE_ENGINE", raising=False)
    two = Options(workers=2)
    assert state_engine(200_000, two) == "numpy"  # 100,000 a worker would not repay loading the kernels
    assert state_engine(2 * STATE_COMPILED_MIN_PER_WORKER, two) == ("numba" if compiled.available() else "numpy")
    assert state_engine(STATE_COMPILED_MIN_PER_WORKER, Options(workers=1)) == state_engine(10**9, two)
    monkeypatch.setenv("ROTHROUTE_SCAN_STATE_ENGINE", "numba")  # to measure the two engines on one book
    assert state_engine(1, two) == "numba"
