"""Money is integer cents; rates are exact fractions (the module's doctests, and the edges)."""

from __future__ import annotations

import doctest
from decimal import Decimal
from fractions import Fraction

import pytest

from rothroute import money


def test_doctests() -> None:
    assert doctest.testmod(money).failed == 0


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        money.cents(0.1)
    with pytest.raises(TypeError):
        money.rate(0.22)


def test_more_than_two_decimals_is_refused() -> None:
    with pytest.raises(ValueError):
        money.cents(Decimal("1.005"))


def test_times_rounds_half_up_once() -> None:
    assert money.times(5, Fraction(1, 2)) == 3  # 2.5 cents -> 3
    assert money.times(-5, Fraction(1, 2)) == -2  # half up toward +infinity, as floor((2x+1)/2)
    assert money.times(1_000_000, money.rate("0.038")) == 38_000
