"""The compiled state batch path (``state/compiled.py``) equals the NumPy path to the cent.

Every state and year of the files is traced and its generated kernel run as plain Python (the
trace and the code printed from it, without the cost of compiling ~150 kernels) on the
households of the state cross-check (``tests/crosscheck/state_peers.py``, every year of the
file) and on drawn households of every filing status, locality and refused year; a few states
whose returns use every kind of step (Maryland's county tax, New York's tables and household
credit, Washington's capital gains tax and its refused year, Iowa's filing-status tests) are
compiled with Numba here. Every state compiled with Numba is checked against the NumPy path by
``bench/state_speed.py`` before it is timed."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rothroute.errors import InvalidArgument
from rothroute.params.states import state_files
from rothroute.state import compiled
from rothroute.state.batch import COMPILED_MIN_ROWS, columns_from_inputs, state_tax_batch
from rothroute.state.inputs import StateInputs
from rothroute.state.rules import module
from tests.crosscheck import state_peers
from tests.property.test_state_properties import STATES, state_inputs

COMPILED_STATES = ("MD", "NY", "WA", "IA")


def _cross_check_rows(code: str) -> list[StateInputs]:
    f = state_files()[code]
    years = tuple(sorted({*f.years, *f.not_in_force}))
    return [state_peers.state_inputs(h) for h in state_peers.generate(3 * len(years), (code,), years=years)]


def _lines(code: str) -> tuple[str, ...]:
    return tuple(module(state_files()[code].rules).LINES)


def _assert_same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert list(a) == list(b)
    for name in a:
        assert a[name].dtype == b[name].dtype, name
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)


def _python_kernels(monkeypatch: pytest.MonkeyPatch) -> None:
    prepared = compiled.prepared
    monkeypatch.setattr(compiled, "prepared", lambda code, year, lines: prepared(code, year, lines, True))


@pytest.mark.parametrize("code", STATES)
def test_every_year_of_every_state_traces(code: str) -> None:
    """No state's year falls back to the NumPy path: each traces into a kernel."""
    for year in state_files()[code].years:
        assert compiled.prepared(code, year, _lines(code), True) is not None, (code, year)


@pytest.mark.parametrize("code", STATES)
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_traced_kernels_equal_the_numpy_path_in_each_state(code: str, data: st.DataObject,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _cross_check_rows(code) + data.draw(st.lists(state_inputs((code,)), min_size=1, max_size=12))
    cols = columns_from_inputs(rows)
    numpy = state_tax_batch(cols, lines=_lines(code), engine="numpy")
    with monkeypatch.context() as m:
        _python_kernels(m)
        traced = state_tax_batch(cols, lines=_lines(code), engine="numba")
    _assert_same(numpy, traced)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(rows=st.lists(state_inputs(), min_size=1, max_size=30))
def test_traced_kernels_equal_the_numpy_path_across_states(rows: list[StateInputs],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cols = columns_from_inputs(rows)
    lines = ("taxable_income", "agi", "tax_before_credits")
    numpy = state_tax_batch(cols, lines=lines, engine="numpy")
    with monkeypatch.context() as m:
        _python_kernels(m)
        _assert_same(numpy, state_tax_batch(cols, lines=lines, engine="numba"))


def test_a_year_that_cannot_be_traced_is_priced_on_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    """``prepared`` is None for a (state, year) the tracer cannot take: its rows are priced by the
    NumPy pass among the others' kernels, alike."""
    rows = _cross_check_rows("MD") + _cross_check_rows("NY") + _cross_check_rows("WA")
    cols = columns_from_inputs(rows)
    cols["locality"] = np.where(cols["state"] == "MD", "anne_arundel", "")
    lines = ("taxable_income",)
    numpy = state_tax_batch(cols, lines=lines, engine="numpy")
    prepared = compiled.prepared
    monkeypatch.setattr(compiled, "prepared", lambda code, year, lines: None if code in ("MD", "WA") and year == 2025
                        else prepared(code, year, lines, True))
    _assert_same(numpy, state_tax_batch(cols, lines=lines, engine="numba"))


def _many(codes: tuple[str, ...], size: int) -> dict[str, Any]:
    rows = [r for code in codes for r in _cross_check_rows(code)]
    cols = columns_from_inputs(rows)
    index = np.arange(size) % len(rows)
    return {name: value[index] for name, value in cols.items()}


def test_compiled_kernels_equal_the_numpy_path() -> None:
    """Compiled with Numba (a few states: each kernel compiles once, then comes from the cache), on
    enough rows to run on two threads."""
    pytest.importorskip("numba")
    cols = _many(COMPILED_STATES, 2 * COMPILED_MIN_ROWS + 7)
    cols["locality"] = np.where(cols["state"] == "MD", np.array(["", "baltimore_city", "anne_arundel"])[
        np.arange(len(cols["state"])) % 3], "")
    for code in COMPILED_STATES:
        for year in state_files()[code].years:
            assert compiled.prepared(code, year, ()) is not None, (code, year)
    _assert_same(state_tax_batch(cols, engine="numpy"), state_tax_batch(cols, engine="numba"))
    _assert_same(state_tax_batch(cols, engine="numpy"), state_tax_batch(cols))  # auto: compiled at this size
    lines = ("taxable_income", "tax_before_credits")  # other kernels (lines are outputs): two small states
    small = {name: value[np.isin(cols["state"], ("WA", "IA"))] for name, value in cols.items()}
    _assert_same(state_tax_batch(small, engine="numpy", lines=lines), state_tax_batch(small, engine="numba", lines=lines))


def test_a_small_batch_runs_on_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any) -> None:
        raise AssertionError("a small batch compiled a kernel")

    monkeypatch.setattr(compiled, "prepared", refuse)
    rows = _cross_check_rows("CA")
    assert len(rows) < COMPILED_MIN_ROWS
    state_tax_batch(columns_from_inputs(rows))


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(InvalidArgument, match="engine must be auto, numba or numpy; got 'fast'"):
        state_tax_batch(columns_from_inputs(_cross_check_rows("CA")), engine="fast")


def test_state_codes_are_read_as_the_numpy_path_read_them() -> None:
    """Codes given as objects or longer strings price as two-character strings do; a bad code is named."""
    rows = _cross_check_rows("NY") + _cross_check_rows("TX")
    cols = columns_from_inputs(rows)
    plain = state_tax_batch(cols)
    _assert_same(plain, state_tax_batch({**cols, "state": cols["state"].astype(object)}))
    _assert_same(plain, state_tax_batch({**cols, "state": cols["state"].astype("<U5")}))
    with pytest.raises(InvalidArgument, match="got XX"):
        state_tax_batch({**cols, "state": np.where(cols["state"] == "NY", "XX", cols["state"])})
    with pytest.raises(InvalidArgument, match="state must be a two-letter code"):
        state_tax_batch({**cols, "state": np.where(cols["state"] == "NY", "", cols["state"])})
