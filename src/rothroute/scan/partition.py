"""One partition of a scan: a unit of work any worker can take, lose and take again.

A task names its rows (a row group of the staged book, or a list of household files), the scan's
options and where its part goes. The worker prices the rows (the fast path where it can, the exact
path for the rest), sorts them by household id and writes the part through a temporary file
renamed into place: a part is there whole or not at all, so a worker killed mid-partition loses
nothing that is not done again, and a partition done twice writes the same part twice.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Task:
    index: int
    work: str  # the scan's work directory
    goal: str
    optimize_years: int | None
    fast: bool
    book: str | None = None  # the book: a Parquet file (the staged copy of a CSV book, or the user's own)
    group: int = 0  # the row group of ``book`` the rows are in
    offset: int = 0  # the first row in that row group
    length: int | None = None  # how many rows (None: the whole row group)
    files: tuple[tuple[str, str], ...] = ()  # (household id, path) of household files
    duplicates: tuple[str, ...] = ()  # household ids seen more than once in the book
    first_row: int = 0  # the row number of the partition's first row in the book (for rows with no id)
    state_engine: str = "auto"  # the state batch's engine (state_tax_batch); the scan picks it by the book's size

    @property
    def part(self) -> Path:
        return Path(self.work) / "parts" / f"part-{self.index:06d}.parquet"

    @property
    def errors(self) -> Path:
        return Path(self.work) / "parts" / f"part-{self.index:06d}.errors.parquet"


@dataclass(frozen=True, slots=True, kw_only=True)
class Done:
    index: int
    rows: int
    priced: int
    refused: int
    failed: int
    fast: int


def run(task: Task) -> Done:
    """Price the task's households and write its part (and its errors); return the counts."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from rothroute.scan import tables

    os.environ.setdefault("ROTHROUTE_BATCH_THREADS", "1")  # one worker process a core: no threads on top
    optimize = task.optimize_years is not None
    fast_table, rows, errors = _price(task)
    fault_point(task)
    table = tables.rows_table(rows, optimize)
    if fast_table is not None:
        table = pa.concat_tables([fast_table, table])
    table = table.take(pc.sort_indices(table, [("household_id", "ascending")]))
    errors.sort(key=lambda e: e["household_id"])
    tables.write_atomic_parquet(tables.errors_table(errors), task.errors)
    tables.write_atomic_parquet(table, task.part)  # last: the part's presence says the partition is done
    status = table.column("status").to_pylist()
    return Done(index=task.index, rows=len(status), priced=status.count("priced"), refused=status.count("refused"),
                failed=status.count("failed"), fast=table.column("path").to_pylist().count("fast"))


def _price(task: Task) -> tuple[Any, list[dict[str, Any]], list[dict[str, str]]]:
    from rothroute.scan import exact

    rows: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    optimize = task.optimize_years is not None

    def keep(row: dict[str, Any], error: Any) -> None:
        rows.append(row)
        if error is not None:
            errors.append(error.to_row())

    if task.book is None:
        for hid, path in task.files:
            if hid in task.duplicates:
                keep(*_duplicate(hid, optimize))
                continue
            keep(*exact.price_file(hid, path, task.goal, task.optimize_years))
        return None, rows, errors
    from rothroute.scan import tables

    table = tables.book_rows(Path(task.book), task.group, task.offset, task.length)
    ids = [(hid.strip() if hid is not None and hid.strip() else f"(row {task.first_row + i + 1})")
           for i, hid in enumerate(table.column("household_id").to_pylist())]
    duplicates = set(task.duplicates)
    fast_table = None
    taken = set()
    if task.fast and not optimize:
        from rothroute.scan import fast

        taken_rows, columns = fast.price_columns(table, task.goal, ids, exclude=duplicates, state_engine=task.state_engine)
        if len(taken_rows):
            fast_table = tables.columns_table(columns, len(taken_rows), optimize)
            taken = set(taken_rows.tolist())
    left = [i for i in range(len(ids)) if i not in taken]
    records = table.take(left).to_pylist() if left else []
    for i, record in zip(left, records):
        hid = ids[i]
        if hid in duplicates:
            keep(*_duplicate(hid, optimize))
            continue
        keep(*exact.price_row(record, task.goal, task.optimize_years, hid))
    return fast_table, rows, errors


def _duplicate(hid: str, optimize: bool) -> Any:
    from rothroute.scan.exact import not_priced

    return not_priced(hid, "refused", ["duplicate_household_id"], ["household_id"],
                      f"household_id {hid!r} is used by more than one row of the book", optimize)


def fault_point(task: Task) -> None:  # pragma: no cover - used by the kill tests through the environment
    """Tests only: ``ROTHROUTE_SCAN_SLOW`` seconds of sleep per partition, so a test can kill a
    worker while it is inside one."""
    delay = os.environ.get("ROTHROUTE_SCAN_SLOW")
    if delay:
        import time

        time.sleep(float(delay))
