"""``ops.step`` (``tax/ops.py``), the look-up of a table's row, is the chain of ``where`` it stands for on every
kind of ops: Python ints (``ScalarOps``), NumPy columns by binary search (``ArrayOps``, starts in order) and by
the chain (starts out of order, or columns), and the compiled path's tracer (``SymOps``, the trace run as Python);
and the rules that read tables with it (Arkansas's rate and low income tables, ``state/tables.py``'s worksheets)
give on NumPy columns with one filing status's parameters, as the optimizer's state curves run them
(``statecurve.StatePart``, the table's rows a cent wide too), what the single path gives row by row (Hypothesis).

The expected values are the chain's, written out here in plain Python: the arithmetic the rules did before the
look-up, so the look-up changes no cent."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rothroute.params.states import state_files
from rothroute.optimize.statecurve import smooth
from rothroute.state.picked import picked
from rothroute.state.rules import module
from rothroute.tax.compiled import _FOLD, SymOps, Tracer
from rothroute.tax.ops import SCALAR, ArrayOps
from tests.property.test_state_properties import state_inputs

AMOUNT = st.integers(-2_000_000, 2_000_000)


def _chain(amount: int, starts: list[int], values: list[int], at: list[int] | None, strict: bool) -> int:
    """The chain ``out = where(amount >= start, value, out)`` over the rows, in plain Python."""
    out = values[0 if at is None else at[0]]
    for k, start in enumerate(starts, 1):
        if (amount > start) if strict else (amount >= start):
            out = values[k if at is None else at[k]]
    return out


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[int], list[int], list[int] | None, bool]:
    """Starts (in order with repeats, or in any order), values, a map of rows to values (or none), strictness."""
    starts = draw(st.lists(st.integers(-1_000_000, 1_000_000), min_size=0, max_size=40))
    if draw(st.booleans()):
        starts = sorted(starts)
    if draw(st.booleans()):
        values = draw(st.lists(st.integers(-10**9, 10**9), min_size=1, max_size=6))
        at = [draw(st.integers(0, len(values) - 1)) for _ in range(len(starts) + 1)]
    else:
        values = draw(st.lists(st.integers(-10**9, 10**9), min_size=len(starts) + 1, max_size=len(starts) + 1))
        at = None
    return starts, values, at, draw(st.booleans())


def _traced(amounts: list[int], starts: list[int], values: list[int], at: list[int] | None, strict: bool
            ) -> list[int]:
    """The tracer's chain run as Python: the amount and every start and value an input of the trace."""
    tracer = Tracer()
    amount = tracer.node("x", 0)
    sym_starts = [tracer.node("x", 1 + k) for k in range(len(starts))]
    sym_values = [tracer.node("x", 1 + len(starts) + k) for k in range(len(values))]
    result = SymOps(tracer).step(amount, sym_starts, sym_values, at, strict=strict)
    out = []
    for a in amounts:
        env = [a, *starts, *values]
        computed: list[Any] = []
        for node in tracer.nodes:
            if node[0] == "x":
                computed.append(env[node[1]])
            else:
                computed.append(_FOLD[node[0]](*(computed[v] if kind == "n" else v for kind, v in node[1:])))
        out.append(computed[result.index])
    return out


@settings(max_examples=300, deadline=None)
@given(table=tables(), amounts=st.lists(AMOUNT, min_size=1, max_size=30), near=st.lists(st.integers(-1, 1)))
def test_step_is_the_chain_of_where_on_every_kind_of_ops(table: Any, amounts: list[int], near: list[int]) -> None:
    starts, values, at, strict = table
    amounts = amounts + [s + d for s, d in zip(starts, near)]  # at each start and a cent either side
    expected = [_chain(a, starts, values, at, strict) for a in amounts]
    assert [SCALAR.step(a, starts, values, at, strict=strict) for a in amounts] == expected
    ops = ArrayOps()
    column = np.array(amounts, dtype=np.int64)
    for kind in (list, tuple):  # (a tuple's array is kept: the second call reads it)
        for _ in range(2):
            got = ops.step(column, kind(starts), kind(values), None if at is None else kind(at), strict=strict)
            assert np.asarray(got).tolist() == expected
    # starts and values as columns (the state batch's stacked parameters): the chain
    stacked = [np.full(len(amounts), s, dtype=np.int64) for s in starts]
    assert np.broadcast_to(ops.step(column, stacked, values, at, strict=strict), column.shape).tolist() == expected
    # values that are columns (a product of the amount and a rate), by place
    products = [column * (k + 1) for k in range(len(values))]
    want = [_chain(a, starts, [a * (k + 1) for k in range(len(values))], at, strict) for a in amounts]
    assert np.broadcast_to(ops.step(column, tuple(starts), products, at, strict=strict), column.shape).tolist() == want
    assert _traced(amounts, starts, values, at, strict) == expected


# the states whose rules read a table with ``ops.step``: Arkansas's rate and low income tables, and the states
# whose form reads a tax table or worksheet (``state/tables.py``)
TABLE_STATES = ("AR", "OK", "OR", "RI", "SC", "VT", "WI", "WV")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_table_states_on_columns_of_one_status_equal_the_single_path(data: st.DataObject) -> None:
    """As ``StatePart`` runs a state: one household's parameters (plain numbers: the binary search), NumPy
    columns of incomes; each row is what ``ScalarOps`` gives, the file's tables and the curve's (``smooth``)."""
    code = data.draw(st.sampled_from(TABLE_STATES))
    row = data.draw(state_inputs((code,)))
    f = state_files()[code]
    if row.year not in f.years:
        return
    rules = module(f.rules)
    x = row.as_mapping()
    x["locality"] = 0
    scale = np.array(data.draw(st.lists(st.integers(0, 400), min_size=1, max_size=12)), dtype=np.int64)
    columns = {k: (np.asarray(v, dtype=np.int64) * scale // 100 if k.endswith(("_ira", "_conversion", "_pension"))
                   else np.full(len(scale), v, dtype=np.int64)) for k, v in x.items()}
    for p in (picked(f.years[row.year], row.status), smooth(picked(f.years[row.year], row.status))):
        got = rules.compute(ArrayOps(), columns, p)
        for i in range(len(scale)):
            single = rules.compute(SCALAR, {k: int(v[i]) for k, v in columns.items()}, p)
            for key, value in single.items():
                assert int(np.broadcast_to(got[key], scale.shape)[i]) == int(value), (code, row.year, key, i)
