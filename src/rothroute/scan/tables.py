"""The scan's tables, on PyArrow: the book staged for partitions, each partition's results, and
the merge of the partitions into one output sorted by household id, in bounded memory.

Money goes out as ``decimal128(18, 2)`` dollars (exact: the cents are the decimal's unscaled
integer), so Parquet and CSV readers see dollars and cents without a float in between.
"""

from __future__ import annotations

import heapq
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from rothroute.errors import RothrouteError
from rothroute.scan.book import COLUMN_TYPES
from rothroute.scan.outcome import Field, fields

MONEY = pa.decimal128(18, 2)
ERROR_SCHEMA = pa.schema([("household_id", pa.string()), ("codes", pa.string()), ("where", pa.string()),
                          ("message", pa.string())])
_ARROW = {"text": pa.string(), "money": MONEY, "int": pa.int64(), "bool": pa.bool_(), "float": pa.float64()}
MERGE_BATCH = 1024  # rows each partition holds in memory during the merge
OUT_ROW_GROUP = 65_536  # rows of a row group of the output, whatever the partitions were
READ_BATCH = 4_096  # rows of a book decoded at a time when a partition is part of a row group


class BookError(RothrouteError, ValueError):
    """A book table that cannot be scanned at all (an unknown column, an unreadable file)."""


def schema(optimize: bool, metadata: dict[str, str] | None = None) -> pa.Schema:
    return pa.schema([pa.field(f.name, _ARROW[f.type]) for f in fields(optimize)],
                     metadata={k.encode(): v.encode() for k, v in (metadata or {}).items()} or None)


def money_array(values: Any, valid: Any = None) -> pa.Array:
    """Cents (int64) as decimal dollars, exactly: decimal128's 16 bytes are the unscaled integer."""
    cents = np.ascontiguousarray(np.asarray(values, dtype=np.int64))
    words = np.empty((len(cents), 2), dtype=np.int64)
    words[:, 0] = cents
    words[:, 1] = np.where(cents < 0, -1, 0)
    mask = None if valid is None else pa.array(np.asarray(valid, dtype=bool)).buffers()[1]
    nulls = 0 if valid is None else int(len(cents) - np.count_nonzero(valid))
    return pa.Array.from_buffers(MONEY, len(cents), [mask if nulls else None, pa.py_buffer(words.tobytes())],
                                 null_count=nulls)


def _array(f: Field, values: list[Any]) -> pa.Array:
    if f.type == "money":
        valid = np.array([v is not None for v in values], dtype=bool)
        return money_array([0 if v is None else v for v in values], None if valid.all() else valid)
    return pa.array(values, type=_ARROW[f.type])


def rows_table(rows: Sequence[dict[str, Any]], optimize: bool) -> pa.Table:
    """Output rows (money in cents) as a table of the output schema."""
    return pa.table({f.name: _array(f, [r.get(f.name) for r in rows]) for f in fields(optimize)},
                    schema=schema(optimize))


def columns_table(columns: dict[str, Any], n: int, optimize: bool) -> pa.Table:
    """Output columns (NumPy or lists; money in cents, None for empty) as a table of the output schema."""
    arrays = {}
    for f in fields(optimize):
        values = columns.get(f.name)
        if values is None:
            arrays[f.name] = pa.nulls(n, _ARROW[f.type])
            continue
        values = np.asarray(values)
        if f.type == "money" and values.dtype == object:
            valid = np.array([v is not None for v in values], dtype=bool)
            arrays[f.name] = money_array(np.where(valid, values, 0).astype(np.int64), valid)
        elif f.type == "money":
            arrays[f.name] = money_array(values)
        elif values.dtype == object:
            arrays[f.name] = pa.array(values.tolist(), type=_ARROW[f.type])
        else:
            arrays[f.name] = pa.array(values, type=_ARROW[f.type])
    return pa.table(arrays, schema=schema(optimize))


def errors_table(rows: Sequence[dict[str, str]]) -> pa.Table:
    return pa.table({name: pa.array([r[name] for r in rows], type=pa.string()) for name in ERROR_SCHEMA.names},
                    schema=ERROR_SCHEMA)


def write_atomic_parquet(table: pa.Table, path: Path) -> None:
    """Write ``path`` whole or not at all (a temporary file renamed), in row groups of MERGE_BATCH
    rows: the merge reads a part a row group at a time, so it holds a row group of each part."""
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    pq.write_table(table, tmp, row_group_size=MERGE_BATCH)
    os.replace(tmp, path)


# --- the book, staged ------------------------------------------------------------------------

def _book_schema(names: Sequence[str]) -> pa.Schema:
    return pa.schema([(n, pa.string()) for n in names])


def _as_text(column: pa.ChunkedArray | pa.Array, name: str) -> pa.Array:
    """A book column as text, each value as its source wrote it: numbers without a float in between
    where the source is exact (integers, decimals); a float by its shortest decimal form."""
    t = column.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return column.cast(pa.string())
    if pa.types.is_floating(t):
        values = column.to_pylist()
        return pa.array([None if v is None else repr(v) for v in values], type=pa.string())
    if pa.types.is_date(t) or pa.types.is_timestamp(t):
        return column.cast(pa.date32()).cast(pa.string())
    if pa.types.is_null(t):
        return pa.nulls(len(column), pa.string())
    return column.cast(pa.string())


def stage(inputs: Sequence[Path], target: Path, rows_per_partition: int) -> tuple[int, list[str]]:
    """Copy the book tables (Parquet, or CSV for a .csv name) into one Parquet file of text columns,
    one row group a partition, streaming. Returns the number of rows and the household ids seen
    twice. Raises BookError for a column the book format does not have."""
    names = list(COLUMN_TYPES)
    out_schema = _book_schema(names)
    tmp = target.with_name(target.name + ".tmp")
    writer = pq.ParquetWriter(tmp, out_schema)
    pending: list[pa.RecordBatch] = []
    pending_rows = 0
    rows = 0
    ids: list[pa.Array] = []
    try:
        for path in inputs:
            for batch in _batches(path):
                unknown = [n for n in batch.schema.names if n not in COLUMN_TYPES]
                if unknown:
                    raise BookError(f"{path}: columns the book format does not have: {', '.join(unknown[:8])} "
                                    "(docs/book-format.md lists the columns)")
                if "household_id" not in batch.schema.names:
                    raise BookError(f"{path}: no household_id column (docs/book-format.md)")
                arrays = [(_as_text(batch.column(n), n) if n in batch.schema.names else pa.nulls(batch.num_rows,
                                                                                                 pa.string()))
                          for n in names]
                staged = pa.RecordBatch.from_arrays(arrays, schema=out_schema)
                ids.append(staged.column(0))
                pending.append(staged)
                pending_rows += staged.num_rows
                rows += staged.num_rows
                while pending_rows >= rows_per_partition:
                    table = pa.Table.from_batches(pending, schema=out_schema)
                    writer.write_table(table.slice(0, rows_per_partition), row_group_size=rows_per_partition)
                    rest = table.slice(rows_per_partition)
                    pending, pending_rows = rest.to_batches(), rest.num_rows
        if pending_rows:
            writer.write_table(pa.Table.from_batches(pending, schema=out_schema), row_group_size=rows_per_partition)
    finally:
        writer.close()
    os.replace(tmp, target)
    return rows, _duplicates(ids)


def _duplicates(ids: list[pa.Array]) -> list[str]:
    if not ids:
        return []
    import pyarrow.compute as pc

    counts = pc.value_counts(pa.chunked_array(ids, type=pa.string()).combine_chunks())
    twice = counts.filter(pc.greater(counts.field("counts"), 1))
    return sorted(v for v in twice.field("values").to_pylist() if v is not None and v.strip())


def _batches(path: Path) -> Iterator[pa.RecordBatch]:
    try:
        if path.suffix.lower() == ".csv":
            header = pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=1 << 20)).schema.names
            reader = pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=1 << 22),
                                    convert_options=pacsv.ConvertOptions(
                                        column_types={n: pa.string() for n in header}, strings_can_be_null=True,
                                        quoted_strings_can_be_null=False))
            yield from reader
        else:
            yield from pq.ParquetFile(path).iter_batches(batch_size=16_384)
    except (OSError, pa.ArrowInvalid) as exc:
        raise BookError(f"{path}: cannot read the book table: {exc}") from None


def staged_partition(path: Path, index: int) -> pa.Table:
    return pq.ParquetFile(path).read_row_group(index)


def book_rows(path: Path, group: int, offset: int = 0, length: int | None = None) -> pa.Table:
    """Rows of a book's row group as the book's text columns (every column, in order): the staged
    copy of a CSV book already is; a Parquet book is read in place, by the worker, and made so."""
    pf = pq.ParquetFile(path)
    if length is None:
        table = pf.read_row_group(group)
    else:  # read in batches, keeping only the partition's rows: memory bounded by it, whatever the row group
        kept, at = [], 0
        for batch in pf.iter_batches(batch_size=READ_BATCH, row_groups=[group]):
            lo, hi = max(offset - at, 0), min(offset + length - at, batch.num_rows)
            if hi > lo:
                kept.append(batch.slice(lo, hi - lo))
            at += batch.num_rows
            if at >= offset + length:
                break
        table = pa.Table.from_batches(kept, schema=pf.schema_arrow)
    names = list(COLUMN_TYPES)
    if table.schema == _book_schema(names):
        return table
    return pa.table([_as_text(table.column(n), n) if n in table.column_names else pa.nulls(table.num_rows, pa.string())
                     for n in names], schema=_book_schema(names))


def plan_book(inputs: Sequence[Path], work: Path, rows_per_partition: int
              ) -> tuple[list[tuple[Path, int, int, int | None, int]], int, list[str]]:
    """The partitions of the book tables: (file, row group, first row, rows, row number in the book),
    each at most ``rows_per_partition`` rows; the rows in all; the ids used twice. A Parquet book is
    read in place by the workers (only its ids here); a CSV book is staged first (``stage``), once
    (``--resume`` finds it in ``work``). Raises BookError for a column the format does not have."""
    out: list[tuple[Path, int, int, int | None, int]] = []
    ids: list[pa.Array] = []
    rows = 0
    for k, path in enumerate(inputs):
        if path.suffix.lower() == ".csv":
            staged = work / f"book-{k}.parquet"
            if not staged.exists():
                _, _ = stage([path], staged, rows_per_partition)
            path = staged
        try:
            pf = pq.ParquetFile(path)
        except (OSError, pa.ArrowInvalid) as exc:
            raise BookError(f"{path}: cannot read the book table: {exc}") from None
        names = pf.schema_arrow.names
        unknown = [n for n in names if n not in COLUMN_TYPES]
        if unknown:
            raise BookError(f"{path}: columns the book format does not have: {', '.join(unknown[:8])} "
                            "(docs/book-format.md lists the columns)")
        if "household_id" not in names:
            raise BookError(f"{path}: no household_id column (docs/book-format.md)")
        ids += [_as_text(c, "household_id") for c in pq.read_table(path, columns=["household_id"])
                .column(0).chunks]
        for group in range(pf.num_row_groups):
            n = pf.metadata.row_group(group).num_rows
            for offset in range(0, n, rows_per_partition):
                length = min(rows_per_partition, n - offset)
                out.append((path, group, offset, None if (offset, length) == (0, n) else length, rows + offset))
            rows += n
    return out, rows, _duplicates(ids)


# --- the merge -----------------------------------------------------------------------------

def _id_stream(path: Path, k: int) -> Iterator[tuple[str, int]]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=MERGE_BATCH, columns=["household_id"]):
        for hid in batch.column(0).to_pylist():
            yield hid, k


class _Rows:
    """One part's rows, read a batch at a time, handed out in order."""

    def __init__(self, path: Path) -> None:
        self.batches = pq.ParquetFile(path).iter_batches(batch_size=MERGE_BATCH)
        self.batch: pa.RecordBatch | None = None
        self.at = 0

    def take(self, n: int) -> list[pa.RecordBatch]:
        out = []
        while n:
            if self.batch is None or self.at >= self.batch.num_rows:
                self.batch, self.at = next(self.batches), 0
            k = min(n, self.batch.num_rows - self.at)
            out.append(self.batch.slice(self.at, k))
            self.at += k
            n -= k
        return out


def merged(parts: Sequence[Path], out_schema: pa.Schema) -> Iterator[pa.Table]:
    """The rows of ``parts`` (each sorted by household_id) in household_id order, in tables of
    OUT_ROW_GROUP rows (the last shorter): a k-way merge holding a batch of each part."""
    readers = [_Rows(p) for p in parts]
    order = heapq.merge(*(_id_stream(p, k) for k, p in enumerate(parts)))
    while True:
        chunk = [k for _, k in _take(order, OUT_ROW_GROUP)]
        if not chunk:
            return
        ks = np.asarray(chunk, dtype=np.int64)
        pieces, starts = [], {}
        at = 0
        for k in np.unique(ks):
            n = int(np.count_nonzero(ks == k))
            starts[int(k)] = at
            for b in readers[int(k)].take(n):
                pieces.append(b)
            at += n
        table = pa.Table.from_batches(pieces, schema=out_schema.remove_metadata()) if pieces else None
        # position of each merged row in ``table``: its part's block, in order within the block
        seen: dict[int, int] = {}
        index = np.empty(len(ks), dtype=np.int64)
        for i, k in enumerate(chunk):
            index[i] = starts[k] + seen.get(k, 0)
            seen[k] = seen.get(k, 0) + 1
        assert table is not None
        yield table.take(pa.array(index)).combine_chunks()


def _take(it: Iterator[tuple[str, int]], n: int) -> list[tuple[str, int]]:
    out = []
    for item in it:
        out.append(item)
        if len(out) == n:
            break
    return out


def write_output(chunks: Iterable[pa.Table], path: Path, out_schema: pa.Schema, csv: bool) -> int:
    """Write the merged rows to ``path`` through a temporary file renamed at the end (nothing is
    written over the output until it is whole). Returns the rows written."""
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    n = 0
    try:
        if csv:
            with pacsv.CSVWriter(tmp, out_schema.remove_metadata()) as writer:
                for table in chunks:
                    writer.write_table(table)
                    n += table.num_rows
        else:
            with pq.ParquetWriter(tmp, out_schema) as writer:
                for table in chunks:
                    writer.write_table(table.replace_schema_metadata(out_schema.metadata),
                                       row_group_size=OUT_ROW_GROUP)
                    n += table.num_rows
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return n
