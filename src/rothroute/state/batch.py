"""State taxes of many household-years at once: columns in, columns out.

The same rule modules as the single path (``state_tax``) run on NumPy int64 columns, one pass per
(state, tax year) in the batch, or, for a batch of ``COMPILED_MIN_ROWS`` rows or more, traced from
those modules into one compiled kernel per (state, tax year) (``state/compiled.py``): one
implementation, three speeds. Amounts are cents.

Input columns: ``state`` (two-letter codes), ``year``, ``status`` (the index in
``FILING_STATUSES`` or its name) and every name of ``state.inputs.INPUT_FIELDS`` (the federal
figures the state reads, and each person's income and age). Output: ``income_tax`` and
``capital_gains_tax`` (0 where not computed), ``local_income_tax`` (0 where not computed or not
modelled; the optional ``locality`` column names each row's local jurisdiction), ``computed`` (False where the state is not modelled
or a value of the year cannot be known for that row: the single path says why), ``total`` (what
the single path's ``StateTax.total`` is: each part that could be computed, 0 for a part that
could not), and any line name asked for in ``lines`` (0 in rows of states without that line).
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Sequence

import numpy as np

from rothroute.errors import InvalidArgument
from rothroute.params.states import state_file
from rothroute.state import compiled, locality_index
from rothroute.state.inputs import INPUT_FIELDS, StateInputs
from rothroute.state.outcome import outcome
from rothroute.state.picked import picked, stacked
from rothroute.state.rules import module
from rothroute.tax.batch import _pool, status_codes
from rothroute.tax.ops import ArrayOps
from rothroute.vocab import FILING_STATUSES, JURISDICTIONS

COLUMNS = ("state", "year", "status", *INPUT_FIELDS)

_OPS: ArrayOps | None = None


def _ops() -> ArrayOps:
    global _OPS
    if _OPS is None:
        _OPS = ArrayOps()
    return _OPS


def columns_from_inputs(rows: Sequence[StateInputs]) -> dict[str, np.ndarray]:
    """Columns from single-household inputs (for tests and small batches)."""
    maps = [r.as_mapping() for r in rows]
    cols: dict[str, Any] = {name: np.array([m[name] for m in maps], dtype=np.int64) for name in INPUT_FIELDS}
    cols["state"] = np.array([r.state for r in rows])
    cols["year"] = np.array([r.year for r in rows], dtype=np.int64)
    cols["status"] = np.array([FILING_STATUSES.index(r.status) for r in rows], dtype=np.int64)
    cols["locality"] = np.array([r.locality or "" for r in rows])
    return cols


# The compiled kernels (``state/compiled.py``) serve a batch of at least this many rows (a partition
# of ``rothroute scan`` prices about six state returns a household); a smaller batch runs on NumPy
# (1.5 to 6 µs a row here). A kernel costs 0.1 to 11 CPU seconds to compile, once a machine (it is
# cached), and some 8 ms to trace and load in each process, 1.1 s for every (state, year) of the
# files: worth it for a batch this large or a process that prices many, not for a one-off batch or
# the test suite (bench/README.md, "State income tax").
COMPILED_MIN_ROWS = 50_000
_MIN_ROWS_PER_THREAD = 50_000


def state_tax_batch(columns: Mapping[str, Any], *, lines: Sequence[str] = (),
                    engine: str = "auto") -> dict[str, np.ndarray]:
    """The state taxes of every row (see the module docstring).

    ``engine``: ``numba`` runs each (state, year) compiled (``state/compiled.py``; the ``batch``
    extra), ``numpy`` on arrays, ``auto`` compiled for a batch of at least ``COMPILED_MIN_ROWS``
    rows when Numba is installed. The rows are put in order of (state, year) once, so that each
    pass reads its rows as one slice."""
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        raise InvalidArgument(f"state batch columns missing: {', '.join(missing)}")
    if engine not in ("auto", "numba", "numpy"):
        raise InvalidArgument(f"engine must be auto, numba or numpy; got {engine!r}")
    codes, state_index = _state_ids(columns["state"])
    bad = sorted(set(codes) - set(JURISDICTIONS))
    if bad:
        raise InvalidArgument(f"state must be a two-letter code of a state or DC; got {', '.join(bad[:5])}")
    years = np.asarray(columns["year"], dtype=np.int64)
    status = status_codes(columns["status"])
    n = len(years)
    names = ("income_tax", "capital_gains_tax", "local_income_tax", *lines)
    if n == 0:
        out = {name: np.zeros(n, dtype=np.int64) for name in names}
        out["computed"] = np.zeros(n, dtype=bool)
        out["total"] = np.zeros(n, dtype=np.int64)
        return out
    span = int(years.max() - years.min()) + 1
    key = state_index * span + (years - years.min())
    if len(codes) * span < 2**15:
        key = key.astype(np.int16)  # a stable sort of 16-bit keys is a radix sort
    order = np.argsort(key, kind="stable")
    key = key[order]
    cuts = np.flatnonzero(key[1:] != key[:-1]) + 1
    starts = np.concatenate(([0], cuts))
    groups = []
    files = {code: state_file(code) for code in codes}
    for lo, hi, at, year in zip(starts.tolist(), np.concatenate((cuts, [n])).tolist(),
                                state_index[order[starts]].tolist(), years[order[starts]].tolist()):
        code = codes[at]
        f = files[code]
        if f is not None and year not in f.not_in_force and year in f.years:
            groups.append((code, year, f.years[year], lo, hi))
    localities = np.asarray(columns["locality"]) if "locality" in columns else None
    if engine == "numba" or (engine == "auto" and n >= COMPILED_MIN_ROWS and compiled.available()):
        return _compiled(columns, groups, order, status, localities, tuple(lines), n)
    localities = None if localities is None else localities.astype(str)
    x_all = {name: np.asarray(columns[name], dtype=np.int64)[order] for name in INPUT_FIELDS}
    status = status[order]
    localities = None if localities is None else localities[order]
    done = {name: np.zeros(n, dtype=np.int64) for name in (*names, "total")}
    done["computed"] = np.zeros(n, dtype=bool)
    for code, year, state_year, lo, hi in groups:
        rows = slice(lo, hi)
        values = _numpy_pass(state_year, {k: v[rows] for k, v in x_all.items()}, status[rows],
                             None if localities is None else localities[rows], lines)
        for name, value in values.items():
            done[name][rows] = value
    out = {name: np.zeros(n, dtype=np.int64) for name in names}
    out["computed"] = np.zeros(n, dtype=bool)
    out["total"] = np.zeros(n, dtype=np.int64)
    for name in out:
        out[name][order] = done[name]
    return out


def _numpy_pass(state_year: Any, x: dict[str, np.ndarray], status: np.ndarray, localities: np.ndarray | None,
                lines: Sequence[str]) -> dict[str, np.ndarray]:
    """``outcome`` of one (state, year)'s rows on NumPy columns, each value a column of the rows."""
    rules = module(state_file(state_year.state).rules)  # type: ignore[union-attr]
    size = len(status)
    p = stacked([picked(state_year, s) for s in FILING_STATUSES], status)
    x["status"] = status
    x["locality"] = _locality_column(state_year, localities, size)
    values = outcome(_ops(), rules, state_year, x, p, lines)
    return {name: np.broadcast_to(np.asarray(value, dtype=bool if name == "computed" else np.int64), (size,))
            for name, value in values.items()}


def _compiled(columns: Mapping[str, Any], groups: list[tuple[str, int, Any, int, int]], order: np.ndarray,
              status: np.ndarray, localities: np.ndarray | None, lines: tuple[str, ...], n: int
              ) -> dict[str, np.ndarray]:
    """Each (state, year) by its compiled kernel, reading the columns where they are (through the
    order) and writing each row's results in place; a (state, year) that cannot be traced by its
    NumPy pass."""
    lines = tuple(name for name in dict.fromkeys(lines) if name not in compiled.OUTPUTS)
    names = (*compiled.OUTPUTS, *lines)
    OUT = np.zeros((len(names), n), dtype=np.int64)
    place = np.zeros(n, dtype=np.int64)
    x = [_writable(columns[name]) for name in INPUT_FIELDS]
    status, order = _writable(status), _writable(order)
    jobs = []
    for code, year, state_year, lo, hi in groups:
        rows = order[lo:hi]
        if localities is not None and "local_income_tax" in state_year.steps:
            place[rows] = _locality_column(state_year, localities[rows].astype(str), hi - lo)
        prepared = compiled.prepared(code, year, lines)
        if prepared is None:
            towns = None if localities is None else localities[rows].astype(str)
            values = _numpy_pass(state_year, {k: v[rows] for k, v in zip(INPUT_FIELDS, x)}, status[rows], towns, lines)
            for j, name in enumerate(names):
                OUT[j, rows] = values[name]
            continue
        kernel, fields, params = prepared
        jobs.append((kernel, (*[x[k] for k in fields], status, place, params, order), lo, hi))
    _run(jobs, OUT)
    out = {name: OUT[j] for j, name in enumerate(names) if name not in ("computed", "total")}
    out["computed"] = OUT[names.index("computed")].astype(bool)
    out["total"] = OUT[names.index("total")]
    return out


def _writable(values: Any) -> np.ndarray:
    """An int64 column as the kernels were compiled for: contiguous and writable (Numba compiles a
    read-only array, such as one Arrow lends, as another type)."""
    arr = np.ascontiguousarray(values, dtype=np.int64)
    return arr if arr.flags.writeable else arr.copy()


def _run(jobs: list[tuple[Any, tuple[np.ndarray, ...], int, int]], OUT: np.ndarray) -> None:
    """The kernels over their rows, on every core for a large batch: they release the GIL, so plain
    threads over disjoint rows run in parallel (``ROTHROUTE_BATCH_THREADS`` caps them, as for the
    federal batch)."""
    rows = sum(hi - lo for _, _, lo, hi in jobs)
    cap = int(os.environ.get("ROTHROUTE_BATCH_THREADS") or 0) or os.cpu_count() or 1
    threads = max(1, min(cap, rows // _MIN_ROWS_PER_THREAD))

    def work(part: list[tuple[Any, tuple[np.ndarray, ...], int, int]]) -> None:
        for kernel, args, lo, hi in part:
            kernel(*args, lo, hi, OUT)

    if threads == 1:
        work(jobs)
        return
    parts: list[list[Any]] = [[] for _ in range(threads)]
    share, done = rows / threads, 0
    for kernel, args, lo, hi in jobs:
        while lo < hi:
            k = min(int(done // share), threads - 1)
            cut = hi if k == threads - 1 else min(hi, lo + max(1, int((k + 1) * share - done)))
            parts[k].append((kernel, args, lo, cut))
            done += cut - lo
            lo = cut
    for future in [_pool(threads).submit(work, part) for part in parts]:
        future.result()


def _state_ids(values: Any) -> tuple[list[str], np.ndarray]:
    """The distinct codes of a column of state codes, in order, and each row's place among them
    (two-character codes read as numbers, without sorting strings)."""
    arr = np.asarray(values)
    if arr.dtype.kind != "U":
        arr = arr.astype(str)
    arr = arr.reshape(-1)
    if arr.dtype.itemsize == 8:  # two UCS-4 characters
        pairs = arr.view(np.uint32).reshape(-1, 2)
        if len(pairs) and int(pairs.max()) < 128:
            ids = (pairs[:, 0] * 128 + pairs[:, 1]).astype(np.intp)
            present = np.flatnonzero(np.bincount(ids, minlength=128 * 128))
            lookup = np.zeros(128 * 128, dtype=np.int64)
            lookup[present] = np.arange(len(present))
            return [(chr(v // 128) + chr(v % 128)).rstrip("\0") for v in present.tolist()], lookup[ids]
    codes, index = np.unique(arr, return_inverse=True)
    return codes.tolist(), index.reshape(-1).astype(np.int64)


def _locality_column(state_year: Any, names: np.ndarray | None, size: int) -> np.ndarray:
    """Each row's place among the localities of the year's local income tax (``locality_index``),
    looked up once for each name."""
    if names is None or "local_income_tax" not in state_year.steps:
        return np.zeros(size, dtype=np.int64)
    unique, inverse = np.unique(names, return_inverse=True)
    places = np.array([locality_index(state_year, str(name) or None) for name in unique], dtype=np.int64)
    return places[inverse.reshape(-1)]
