"""Money as integer cents, rates as exact fractions.

Floating point never touches an amount: a dollar figure from a file becomes cents through
``Decimal``; a rate is a ``Fraction`` built from its decimal text. Products of money and a rate
are rounded once, half up, to the cent. The same integer arithmetic runs on Python ints and on
NumPy ``int64`` arrays, which is what lets the single and batch paths agree to the cent.

>>> cents("1234.5")
123450
>>> dollars(123450)
'1234.50'
>>> times(10_000, rate("0.038"))
380
>>> times(-5, rate("0.5"))
-2
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from rothroute.errors import InvalidArgument, InvalidType


def cents(amount: Any) -> int:
    """Dollars (int, Decimal or decimal text, at most two decimals) to integer cents.

    Floats are refused: their binary value is not the decimal the user wrote.
    """
    if isinstance(amount, bool) or isinstance(amount, float):
        raise InvalidType(f"money must be an int, Decimal or decimal text, not {type(amount).__name__}: {amount!r}")
    if isinstance(amount, int):
        return amount * 100
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise InvalidArgument(f"not a dollar amount: {amount!r}") from exc
    scaled = value * 100
    if scaled != scaled.to_integral_value():
        raise InvalidArgument(f"more than two decimals: {amount!r}")
    return int(scaled)


def dollars(amount_cents: int, *, grouping: bool = False) -> str:
    """Integer cents as a dollar string with two decimals (exact); ``grouping`` adds commas.

    >>> dollars(123456789, grouping=True)
    '1,234,567.89'
    """
    sign = "-" if amount_cents < 0 else ""
    whole, frac = divmod(abs(int(amount_cents)), 100)
    return f"{sign}{whole:,}.{frac:02d}" if grouping else f"{sign}{whole}.{frac:02d}"


def as_number(amount_cents: int) -> int | float:
    """Integer cents as a JSON number of dollars: an int when whole, else a 2-decimal float."""
    amount_cents = int(amount_cents)
    if amount_cents % 100 == 0:
        return amount_cents // 100
    return round(amount_cents / 100, 2)


def rate(text: str | Decimal | int) -> Fraction:
    """An exact rate from its decimal text ('0.22'); floats are refused."""
    if isinstance(text, float):
        raise InvalidType(f"a rate must be built from decimal text, not a float: {text!r}")
    return Fraction(Decimal(str(text)))


def times(amount_cents: Any, r: Fraction) -> Any:
    """``amount × rate`` rounded half up to the cent (ints or NumPy int64 arrays alike)."""
    num, den = r.numerator, r.denominator
    return (amount_cents * (2 * num) + den) // (2 * den)


def ratio_times(amount_cents: Any, num: Any, den: Any) -> Any:
    """``amount × num / den`` rounded half up (den > 0); for ints and int64 arrays alike."""
    return (amount_cents * (2 * num) + den) // (2 * den)
