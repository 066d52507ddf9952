"""State taxes of many household-years at once: columns in, columns out.

The same rule modules as the single path (``state_tax``) run on NumPy int64 columns, one pass per
(state, tax year) in the batch: one implementation, two speeds. Amounts are cents.

Input columns: ``state`` (two-letter codes), ``year``, ``status`` (the index in
``FILING_STATUSES`` or its name) and every name of ``state.inputs.INPUT_FIELDS`` (the federal
figures the state reads, and each person's income and age). Output: ``income_tax`` and
``capital_gains_tax`` (0 where not computed), ``local_income_tax`` (0 where not computed or not
modelled; the optional ``locality`` column names each row's local jurisdiction), ``computed`` (False where the state is not modelled
or a value of the year cannot be known for that row: the single path says why), and any line
name asked for in ``lines`` (0 in rows of states without that line).
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
    """The state taxes of every row (see the module docstring)."""
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        raise InvalidArgument(f"state batch columns missing: {', '.join(missing)}")
    states = np.asarray(columns["state"]).astype(str)
    bad = sorted(set(states) - set(JURISDICTIONS))
    if bad:
        raise InvalidArgument(f"state must be a two-letter code of a state or DC; got {', '.join(bad[:5])}")
    years = np.asarray(columns["year"], dtype=np.int64)
    status = status_codes(columns["status"])
    n = len(years)
    x_all = {name: np.asarray(columns[name], dtype=np.int64) for name in INPUT_FIELDS}
    out = {name: np.zeros(n, dtype=np.int64) for name in ("income_tax", "capital_gains_tax", "local_income_tax", *lines)}
    localities = np.asarray(columns["locality"]).astype(str) if "locality" in columns else np.full(n, "")
    out["computed"] = np.zeros(n, dtype=bool)
    for code in np.unique(states):
        f = state_file(str(code))
        for year in np.unique(years[states == code]):
            rows = np.flatnonzero((states == code) & (years == year))
            if f is None or int(year) in f.not_in_force or int(year) not in f.years:
                continue
            state_year = f.years[int(year)]
            rules = module(f.rules)
            table = [picked(state_year, s) for s in FILING_STATUSES]
            p = stacked(table, status[rows])
            x = {k: v[rows] for k, v in x_all.items()}
            x["status"] = status[rows]
            x["locality"] = np.array([locality_index(state_year, str(name) or None) for name in localities[rows]],
                                     dtype=np.int64)
            values = rules.compute(_ops(), x, p)
            computed = np.ones(len(rows), dtype=bool)
            for step in state_year.refused:
                if step == "local_income_tax":  # refuses the local tax only (below), as the single path does
                    continue
                computed &= ~np.broadcast_to(np.asarray(needs(rules, step, x), dtype=bool), computed.shape)
            out["computed"][rows] = computed
            out["income_tax"][rows] = np.where(computed, np.broadcast_to(values["tax"], rows.shape), 0)
            if "capital_gains_tax" in values:
                out["capital_gains_tax"][rows] = np.where(computed, values["capital_gains_tax"], 0)
            if "local_income_tax" in values:
                local = computed & (x["locality"] > 0)
                for step in state_year.refused:
                    if step == "local_income_tax":
                        local &= ~np.broadcast_to(np.asarray(needs(rules, step, x), dtype=bool), local.shape)
                out["local_income_tax"][rows] = np.where(local, values["local_income_tax"], 0)
            for name in lines:
                if name in values:
                    out[name][rows] = np.broadcast_to(np.asarray(values[name], dtype=np.int64), rows.shape)
    return out
