"""Federal tax of many households at once: columns in, columns out.

The same formulas as the single path (``household_year.compute``) run on NumPy int64 arrays,
one pass per tax year in the batch, not one Python call per household. Amounts are cents.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Mapping, Sequence

import numpy as np

from rothroute.errors import InvalidArgument
from rothroute.params import for_year
from rothroute.tax import compiled
from rothroute.tax.federal import TaxInputs
from rothroute.tax.household_year import INPUT_FIELDS, compute
from rothroute.tax.lines import TAX_KEYS
from rothroute.tax.ops import ArrayOps
from rothroute.tax.picked import RATE_KEYS, picked
from rothroute.vocab import FILING_STATUSES

COLUMNS = ("year", "status", "lived_apart", *INPUT_FIELDS)
"""Input columns: ``status`` is the index of the filing status in ``FILING_STATUSES``
(or its name), ``lived_apart``, ``itemizes`` and ``tax_table`` are booleans, the rest whole numbers
(counts or cents)."""

BOOL_COLUMNS = frozenset({"lived_apart", "itemizes", "tax_table"})

_OPS: ArrayOps | None = None


def _ops() -> ArrayOps:
    global _OPS
    if _OPS is None:
        _OPS = ArrayOps()
    return _OPS


def status_codes(values: Any) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype.kind in "iu":
        return arr.astype(np.int64)
    lookup = {str(s): i for i, s in enumerate(FILING_STATUSES)}
    return np.array([lookup[str(v)] for v in arr], dtype=np.int64)


def columns_from_inputs(rows: Sequence[TaxInputs]) -> dict[str, np.ndarray]:
    """Columns from single-household inputs (for tests and small batches)."""
    cols: dict[str, Any] = {name: [getattr(r, name) for r in rows] for name in COLUMNS if name != "status"}
    cols["status"] = [FILING_STATUSES.index(r.status) for r in rows]
    return {k: np.asarray(v, dtype=bool if k in BOOL_COLUMNS else np.int64) for k, v in cols.items()}


def stacked_params(table: Sequence[Mapping[str, Any]], rows: np.ndarray, what: str = "") -> dict[str, Any]:
    """The parameters of each row, ``rows`` indexing ``table`` (parameters as ``picked`` gives
    them): amounts become columns, rates stay scalars and must agree across the table."""
    first = table[0]
    out: dict[str, Any] = {}
    for key, value in first.items():
        if key in RATE_KEYS:
            if any(t[key] != value for t in table):
                raise ValueError(f"rate parameter {key} differs{what}")
            out[key] = value
        elif key == "brackets":
            brackets = []
            for k, (_, r) in enumerate(value):
                if any(t[key][k][1] != r for t in table):
                    raise ValueError(f"bracket {k} rate differs{what}")
                brackets.append((np.array([t[key][k][0] for t in table], dtype=np.int64)[rows], r))
            out[key] = tuple(brackets)
        elif key == "irmaa_floors":
            out[key] = tuple(
                (np.array([t[key][k][0] for t in table], dtype=np.int64)[rows],
                 np.array([t[key][k][1] for t in table], dtype=bool)[rows])
                for k in range(len(value)))
        else:
            out[key] = np.array([t[key] for t in table], dtype=np.int64)[rows]
    return out


def _param_columns(year: int, combo: np.ndarray) -> dict[str, Any]:
    """Parameters gathered per row; ``combo`` = status index × 2 + lived_apart."""
    yp = for_year(year)
    table = [picked(yp, s, apart) for s in FILING_STATUSES for apart in (False, True)]
    return stacked_params(table, combo, f" by filing status in {year}")


def federal_tax_batch(columns: Mapping[str, Any], *, keys: Sequence[str] | None = None,
                      engine: str = "auto") -> dict[str, np.ndarray]:
    """Federal tax of every row: a column (int64 cents, or tier) for each of ``keys`` (default:
    the contract's tax keys; any line key of the single path may be asked for).

    ``engine``: ``numba`` runs the formulas compiled (``compiled.py``; the ``batch`` extra),
    ``numpy`` runs them on arrays, ``auto`` takes numba when it is installed."""
    if "charity" not in columns and "year" in columns:  # a column added later: none given, no gifts
        columns = {**columns, "charity": np.zeros(len(np.asarray(columns["year"])), dtype=np.int64)}
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        raise InvalidArgument(f"batch columns missing: {', '.join(missing)} (expected {', '.join(COLUMNS)})")
    wanted = dict(TAX_KEYS) if keys is None else {k: TAX_KEYS.get(k, k) for k in keys}
    if engine not in ("auto", "numba", "numpy"):
        raise InvalidArgument(f"engine must be auto, numba or numpy; got {engine!r}")
    if engine == "numba" or (engine == "auto" and compiled.available()):
        return _compiled(columns, wanted)
    return _arrays(columns, wanted)


_MIN_ROWS_PER_THREAD = 50_000


def _run_threaded(kernel: Any, x: list[np.ndarray], params: np.ndarray, combo: np.ndarray, years: np.ndarray,
                  year: int, lo: int, hi: int, out: np.ndarray) -> None:
    """Run the kernel over rows ``lo:hi`` on every core: it releases the GIL (``nogil``), so
    plain threads over disjoint ranges of rows run in parallel and write disjoint columns.
    ``ROTHROUTE_BATCH_THREADS`` caps the threads (``rothroute scan`` runs one worker process a core
    and sets it to 1)."""
    cap = int(os.environ.get("ROTHROUTE_BATCH_THREADS") or 0) or os.cpu_count() or 1
    threads = max(1, min(cap, (hi - lo) // _MIN_ROWS_PER_THREAD))
    bounds = np.linspace(lo, hi, threads + 1).astype(np.int64)
    if threads == 1:
        kernel(*x, params, combo, years, year, bounds, out)
        return
    futures = [_pool(threads).submit(kernel, *x, params, combo, years, year, bounds[k:k + 2], out)
               for k in range(threads)]
    for future in futures:
        future.result()


@lru_cache(maxsize=4)
def _pool(threads: int) -> Any:
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=threads, thread_name_prefix="rothroute-batch")


@lru_cache(maxsize=64)
def _year_kernel(year: int, outputs: tuple[str, ...]) -> tuple[Any, np.ndarray, list[str]] | None:
    """The compiled kernel, its parameter table and output keys for one tax year (None when
    the year's rates differ by filing status, which one kernel cannot hold)."""
    table = [picked(for_year(year), s, apart) for s in FILING_STATUSES for apart in (False, True)]
    if len({compiled.shape_of(p) for p in table}) != 1:
        return None
    kernel, _, keys = compiled.kernel_for(outputs, tuple(table[0].items()))
    params = np.ascontiguousarray(np.array([compiled.slot_values(p) for p in table], dtype=np.int64).T)
    return kernel, params, keys


def _compiled(columns: Mapping[str, Any], wanted: dict[str, str]) -> dict[str, np.ndarray]:
    years = np.asarray(columns["year"], dtype=np.int64)
    n = len(years)
    combo = status_codes(columns["status"]) * 2 + np.asarray(columns["lived_apart"], dtype=bool)
    x = [np.asarray(columns[name], dtype=bool if name in BOOL_COLUMNS else np.int64) for name in INPUT_FIELDS]
    outputs = tuple(dict.fromkeys(wanted.values()))
    first = int(years.min()) if n else 0
    present = np.flatnonzero(np.bincount(years - first)) + first if n else years
    prepared = [_year_kernel(int(year), outputs) for year in present]
    if any(p is None for p in prepared) or not prepared:
        return _arrays(columns, wanted)
    keys = prepared[0][2]  # type: ignore[index]
    out = np.empty((len(keys), n), dtype=np.int64)
    for year, (kernel, params, _) in zip(present, prepared):  # type: ignore[misc]
        _run_threaded(kernel, x, params, combo, years, int(year), 0, n, out)
    position = {key: j for j, key in enumerate(keys)}
    return {name: out[position[key]] for name, key in wanted.items()}


def _arrays(columns: Mapping[str, Any], wanted: dict[str, str]) -> dict[str, np.ndarray]:
    years = np.asarray(columns["year"], dtype=np.int64)
    n = len(years)
    combo = status_codes(columns["status"]) * 2 + np.asarray(columns["lived_apart"], dtype=bool).astype(np.int64)
    x_all = {name: np.asarray(columns[name], dtype=bool if name in BOOL_COLUMNS else np.int64)
             for name in INPUT_FIELDS}
    out = {name: np.zeros(n, dtype=np.int64) for name in wanted}
    for year in np.unique(years):
        rows = years == year
        whole = bool(rows.all())
        x = x_all if whole else {k: v[rows] for k, v in x_all.items()}
        p = _param_columns(int(year), combo if whole else combo[rows])
        values = compute(_ops(), x, p)
        for name, key in wanted.items():
            if whole:
                out[name] = np.asarray(values[key], dtype=np.int64)
            else:
                out[name][rows] = values[key]
    return out
