"""Element-wise operations for the tax formulas: Python ints for one household, NumPy int64
arrays for many. The formulas are written once against this interface, so both paths run the
same arithmetic and agree to the cent.

``step(amount, starts, values, at)`` reads a table of rows: the value of the last row, in order, whose
start the amount reaches (``amount >= start``; with ``strict``, ``amount > start``), ``values[at[k]]``
for row ``k`` (from 1; ``at[0]`` where the amount reaches no row; without ``at``, ``values[k]``), so
rows that share a value (a product of the amount and a rate several rows repeat) name it once. It is
exactly what the chain ``out = where(amount >= start, value, out)`` over the rows gives, and the
compiled path's tracer (``tax/compiled.py``) runs that chain; on NumPy columns a table of many rows is
one binary search (``searchsorted``) and one look-up, not a pass over the column for each row."""

from __future__ import annotations

from typing import Any, Sequence


def where_chain(where: Any, amount: Any, starts: Sequence[Any], values: Sequence[Any],
                at: Sequence[int] | None = None, strict: bool = False) -> Any:
    """``step`` as the chain ``out = where(amount >= start, value, out)`` over the rows, with the ``where`` given
    (NumPy's for starts that are columns; the compiled path's tracer's)."""
    out = values[0 if at is None else at[0]]
    for k, start in enumerate(starts, 1):
        out = where((amount > start) if strict else (amount >= start), values[k if at is None else at[k]], out)
    return out


class ScalarOps:
    """One household: Python ints and bools."""

    @staticmethod
    def mn(a: Any, b: Any) -> Any:
        return a if a <= b else b

    @staticmethod
    def mx(a: Any, b: Any) -> Any:
        return a if a >= b else b

    @staticmethod
    def where(cond: Any, a: Any, b: Any) -> Any:
        return a if cond else b

    @staticmethod
    def step(amount: Any, starts: Sequence[Any], values: Sequence[Any], at: Sequence[int] | None = None, *,
             strict: bool = False) -> Any:
        place = 0
        for k in range(len(starts), 0, -1):  # the last row reached
            start = starts[k - 1]
            if (amount > start) if strict else (amount >= start):
                place = k
                break
        return values[place if at is None else at[place]]


class ArrayOps:
    """Many households: NumPy arrays (imported only when the batch path is used)."""

    def __init__(self) -> None:
        import numpy as np

        self.np = np
        self.mn = np.minimum
        self.mx = np.maximum
        self.where = np.where
        self._kept: dict[int, tuple[Any, Any, bool]] = {}  # id of a tuple of numbers: it, its array, ascending

    def step(self, amount: Any, starts: Sequence[Any], values: Sequence[Any], at: Sequence[int] | None = None, *,
             strict: bool = False) -> Any:
        """Starts that are whole numbers in order (none below the one before): the row by binary search; other
        starts (a column, as the state batch stacks a parameter by filing status): the chain of ``where``. Then
        the value: a look-up where every value is a number, else a ``where`` for each value."""
        np = self.np
        ascending = self._numbers(starts, ascending=True)
        if ascending is None:
            return where_chain(np.where, amount, starts, values, at, strict)
        place = np.searchsorted(ascending, amount, side="left" if strict else "right")
        if at is not None:
            place = self._numbers(at)[place]
        table = self._numbers(values)
        if table is not None:
            return table[place]
        out = values[0]
        for k in range(1, len(values)):
            out = np.where(place == k, values[k], out)
        if len(values) == 1:  # (one value: as the chain gives it, a new column of the rows' shape)
            out = np.broadcast_to(out, np.broadcast_shapes(np.shape(place), np.shape(out))).copy()
        return out

    def _numbers(self, values: Sequence[Any], ascending: bool = False) -> Any:
        """``values`` as an int64 array, if every one is a whole number (and, with ``ascending``, none is below
        the one before), else None; a tuple of numbers is kept with its array (looked up by identity: the same
        parameter, read again)."""
        np = self.np
        kept = self._kept.get(id(values))
        if kept is None or kept[0] is not values:
            if not all(type(v) is int or isinstance(v, np.integer) for v in values):
                return None
            array = np.array(values, dtype=np.int64)
            kept = (values, array, bool((array[1:] >= array[:-1]).all()))
            if isinstance(values, tuple):
                if len(self._kept) >= 4096:
                    self._kept.clear()
                self._kept[id(values)] = kept
        return kept[1] if kept[2] or not ascending else None


SCALAR = ScalarOps()
