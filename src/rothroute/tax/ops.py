"""Element-wise operations for the tax formulas: Python ints for one household, NumPy int64
arrays for many. The formulas are written once against this interface, so both paths run the
same arithmetic and agree to the cent."""

from __future__ import annotations

from typing import Any


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


class ArrayOps:
    """Many households: NumPy arrays (imported only when the batch path is used)."""

    def __init__(self) -> None:
        import numpy as np

        self.mn = np.minimum
        self.mx = np.maximum
        self.where = np.where


SCALAR = ScalarOps()
