"""State taxes of many household-years at once: columns in, columns out.

The same rule modules as the single path (``state_tax``) run on NumPy int64 columns, one pass per
(state, tax year) in the batch: one implementation, two speeds. Amounts are cents.

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

from typing import Any, Mapping, Sequence

import numpy as np

from rothroute.errors import InvalidArgument
from rothroute.params.states import state_file
from rothroute.state import locality_index
from rothroute.state.inputs import INPUT_FIELDS, StateInputs
from rothroute.state.picked import picked, stacked
from rothroute.state.rules import module, needs
from rothroute.tax.batch import status_codes
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


def state_tax_batch(columns: Mapping[str, Any], *, lines: Sequence[str] = ()) -> dict[str, np.ndarray]:
    """The state taxes of every row (see the module docstring).

    The rows are put in order of (state, year) once, so that each pass reads its rows as one
    slice, and the results are put back in the caller's order at the end."""
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        raise InvalidArgument(f"state batch columns missing: {', '.join(missing)}")
    codes, state_index = np.unique(np.asarray(columns["state"]).astype(str), return_inverse=True)
    bad = sorted(set(codes.tolist()) - set(JURISDICTIONS))
    if bad:
        raise InvalidArgument(f"state must be a two-letter code of a state or DC; got {', '.join(bad[:5])}")
    years = np.asarray(columns["year"], dtype=np.int64)
    status = status_codes(columns["status"])
    n = len(years)
    names = ("income_tax", "capital_gains_tax", "local_income_tax", *lines)
    out = {name: np.zeros(n, dtype=np.int64) for name in names}
    out["computed"] = np.zeros(n, dtype=bool)
    out["total"] = np.zeros(n, dtype=np.int64)
    if n == 0:
        return out
    state_index = state_index.reshape(-1).astype(np.int64)
    key = state_index * (1 << 32) + (years - years.min())
    order = np.argsort(key, kind="stable")
    key = key[order]
    cuts = np.flatnonzero(key[1:] != key[:-1]) + 1
    starts, ends = np.concatenate(([0], cuts)), np.concatenate((cuts, [n]))
    x_all = {name: np.asarray(columns[name], dtype=np.int64)[order] for name in INPUT_FIELDS}
    status = status[order]
    localities = np.asarray(columns["locality"]).astype(str)[order] if "locality" in columns else None
    done = {name: np.zeros(n, dtype=np.int64) for name in names}
    computed_all = np.zeros(n, dtype=bool)
    total = np.zeros(n, dtype=np.int64)
    for lo, hi in zip(starts.tolist(), ends.tolist()):
        code, year = str(codes[state_index[order[lo]]]), int(years[order[lo]])
        f = state_file(code)
        if f is None or year in f.not_in_force or year not in f.years:
            continue
        state_year = f.years[year]
        rules = module(f.rules)
        rows = slice(lo, hi)
        size = hi - lo
        p = stacked([picked(state_year, s) for s in FILING_STATUSES], status[rows])
        x = {k: v[rows] for k, v in x_all.items()}
        x["status"] = status[rows]
        x["locality"] = _locality_column(state_year, None if localities is None else localities[rows], size)
        values = rules.compute(_ops(), x, p)
        computed = np.ones(size, dtype=bool)
        income_ok, gains_ok = computed.copy(), computed.copy()
        for step in state_year.refused:
            if step == "local_income_tax":  # refuses the local tax only (below), as the single path does
                continue
            needed = np.broadcast_to(np.asarray(needs(rules, step, x), dtype=bool), computed.shape)
            computed &= ~needed
            if step == "capital_gains_tax":
                gains_ok &= ~needed
            else:
                income_ok &= ~needed
        computed_all[rows] = computed
        # what StateTax.total is: each part that could be computed (the local tax apart from the state's)
        total[rows] = np.where(income_ok, np.broadcast_to(values["tax"], (size,)), 0) + (
            np.where(gains_ok, values["capital_gains_tax"], 0) if "capital_gains_tax" in values else 0)
        done["income_tax"][rows] = np.where(computed, values["tax"], 0)
        if "capital_gains_tax" in values:
            done["capital_gains_tax"][rows] = np.where(computed, values["capital_gains_tax"], 0)
        if "local_income_tax" in values:
            local = computed & (x["locality"] > 0)
            for step in state_year.refused:
                if step == "local_income_tax":
                    local &= ~np.broadcast_to(np.asarray(needs(rules, step, x), dtype=bool), local.shape)
            done["local_income_tax"][rows] = np.where(local, values["local_income_tax"], 0)
            local_ok = x["locality"] > 0
            for step in state_year.refused:
                if step == "local_income_tax":
                    local_ok &= ~np.broadcast_to(np.asarray(needs(rules, step, x), dtype=bool), local_ok.shape)
            total[rows] += np.where(local_ok, values["local_income_tax"], 0)
        for name in lines:
            if name in values:
                done[name][rows] = np.broadcast_to(np.asarray(values[name], dtype=np.int64), (size,))
    for name in names:
        out[name][order] = done[name]
    out["computed"][order] = computed_all
    out["total"][order] = total
    return out


def _locality_column(state_year: Any, names: np.ndarray | None, size: int) -> np.ndarray:
    """Each row's place among the localities of the year's local income tax (``locality_index``),
    looked up once for each name."""
    if names is None or "local_income_tax" not in state_year.steps:
        return np.zeros(size, dtype=np.int64)
    unique, inverse = np.unique(names, return_inverse=True)
    places = np.array([locality_index(state_year, str(name) or None) for name in unique], dtype=np.int64)
    return places[inverse.reshape(-1)]
