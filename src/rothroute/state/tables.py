"""Tax tables and tax computation worksheets: how a state's form turns taxable income into tax.

Many states do not let the return apply the rate schedule to the exact taxable income. Below a
limit (usually $100,000) the tax comes from a printed table whose rows are the schedule at the
middle of the row, to the dollar; at or above it, a worksheet prints ``rate x income - amount``
with its own rounded constants (Oklahoma's $4,562, South Carolina's $642). Both are the law the
return applies, so rothroute applies them, from the ``tax_table`` and ``tax_worksheet`` steps of
the state's file:

- ``tax_table.below`` (by filing status): the table serves taxable income under it (0: no table
  for that status or year; the schedule on the income, to the dollar); ``rows``: ``[from, width]``
  of the table's row widths, ascending (under the first ``from`` the schedule on the income);
  ``nil_below``: a table whose first row prints $0; ``schedule``: the rows ``[over, rate,
  subtract]`` the table is figured on when they are not the statutory brackets (Oregon's rounded
  anchors), null for the brackets;
- ``tax_worksheet.rows`` (by filing status): ``[over, rate, subtract]``, the tax at or above the
  table's limit is ``rate x income - subtract`` on the last row reached.

Every amount is exact until one rounding, half up, to the whole dollar (the forms' whole-dollar
lines); the same arithmetic runs on ints and on int64 columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Any, Callable, Mapping, Sequence

Rows = Sequence[tuple[Any, Fraction, Any]]


def whole_dollars(scaled: Any, scale: int) -> Any:
    """An exact non-negative amount in 1/``scale`` cents, rounded once, half up, to whole dollars (cents)."""
    return (2 * scaled + 100 * scale) // (200 * scale) * 100


def brackets_scaled(ops: Any, amount: Any, over: Sequence[Any], steps: Sequence[Any]) -> Any:
    """The graduated schedule's tax in 1/scale cents, exactly (``brackets.over``/``brackets.steps``)."""
    total = 0
    for threshold, step in zip(over, steps):
        total = total + ops.mx(amount - threshold, 0) * step
    return total


@dataclass(frozen=True, slots=True, kw_only=True)
class RateRows:
    """Rows ``(start, rate, subtract)`` as ``ops.step`` reads them: the starts; the distinct rates (a schedule's
    rows repeat a rate: Arkansas's 30 bracket adjustments at 3.9%); for no row (0) and each row (from 1), the place
    of its rate in ``(no rate, *rates)`` and its subtraction (0 for no row)."""

    starts: tuple[Any, ...]
    rates: tuple[Fraction, ...]
    rate_at: tuple[int, ...]
    subtract_at: tuple[Any, ...]


_ROWS: dict[int, tuple[Rows, RateRows]] = {}


def rate_rows(rows: Rows) -> RateRows:
    """``rows`` as ``RateRows`` (a parameter's rows of whole numbers kept, looked up by identity: read on every
    evaluation)."""
    kept = _ROWS.get(id(rows))
    if kept is not None and kept[0] is rows:
        return kept[1]
    keys = [(rate.numerator, rate.denominator) for _, rate, _ in rows]  # (a pair of ints hashes faster)
    distinct = {key: k for k, key in enumerate(dict.fromkeys(keys), 1)}
    out = RateRows(starts=tuple(start for start, _, _ in rows),
                   rates=tuple(Fraction(*key) for key in distinct),
                   rate_at=(0, *(distinct[key] for key in keys)),
                   subtract_at=(0, *(subtract for *_, subtract in rows)))
    if isinstance(rows, tuple) and all(type(v) is int for start, _, subtract in rows for v in (start, subtract)):
        if len(_ROWS) >= 1024:
            _ROWS.clear()
        _ROWS[id(rows)] = (rows, out)
    return out


def rate_rows_value(ops: Any, amount: Any, rows: Rows, product: Callable[[Fraction], Any], scale: int = 1) -> Any:
    """``product(rate) - subtract x scale`` of the last row whose start the amount reaches, 0 below the first
    row: what the chain ``out = where(amount >= start, product(rate) - subtract x scale, out)`` gives, with each
    distinct rate's product figured once and one look-up of the row."""
    shape = rate_rows(rows)
    products = (0, *(product(rate) for rate in shape.rates))
    return (ops.step(amount, shape.starts, products, shape.rate_at)
            - ops.step(amount, shape.starts, shape.subtract_at) * scale)


def worksheet_scaled(ops: Any, amount: Any, rows: Rows, scale: int) -> Any:
    """``rate x amount - subtract`` of the last row whose ``over`` the amount reaches, in 1/scale cents (0 below
    the first row)."""
    return rate_rows_value(ops, amount, rows, lambda rate: amount * (rate.numerator * (scale // rate.denominator)),
                           scale)


def midpoint(ops: Any, amount: Any, rows: Sequence[tuple[int, int]]) -> Any:
    """The middle of the table row ``amount`` falls in: rows of ``width`` from each ``from`` on."""
    mid = amount * 0
    for start, width in rows:
        mid = ops.where(amount >= start, start + (amount - start) // width * width + width // 2, mid)
    return mid


def _scale(p: Mapping[str, Any], *tables: Any) -> int:
    denominators = [rate.denominator for rows in tables if isinstance(rows, tuple) for _, rate, _ in rows]
    return lcm(p.get("brackets.scale", 1), *denominators)


def _schedule(ops: Any, amount: Any, p: Mapping[str, Any], rows: Any, scale: int) -> Any:
    if isinstance(rows, tuple):
        return worksheet_scaled(ops, amount, rows, scale)
    return brackets_scaled(ops, amount, p["brackets.over"], p["brackets.steps"]) * (scale // p["brackets.scale"])


def table_tax(ops: Any, taxable: Any, p: Mapping[str, Any]) -> Any:
    """The tax on ``taxable`` as the state's form figures it (see the module docstring), in cents,
    a whole number of dollars."""
    table_rows = p.get("tax_table.schedule")
    sheet_rows = p.get("tax_worksheet.rows")
    scale = _scale(p, table_rows, sheet_rows)
    rows = p["tax_table.rows"]
    exact = whole_dollars(_schedule(ops, taxable, p, table_rows, scale), scale)
    table = whole_dollars(_schedule(ops, midpoint(ops, taxable, rows), p, table_rows, scale), scale)
    above = whole_dollars(_schedule(ops, taxable, p, sheet_rows, scale), scale)
    tax = ops.where(taxable < p["tax_table.below"], table, above)
    tax = ops.where(taxable < rows[0][0], exact, tax)
    return ops.where(taxable < p["tax_table.nil_below"], 0, tax)
