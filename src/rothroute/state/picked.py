"""A state's parameters of one year picked for one filing status, in the shape the formulas use,
and stacked into columns for the batch path.

Keys are ``step.key`` (``exemptions.personal``), or the step's name where the step is one value
by filing status (``standard_deduction``). A graduated schedule becomes ``brackets.over`` (the
thresholds, cents) and ``brackets.steps`` (each threshold's rise in rate in 1/``brackets.scale``
units, the scale common to every filing status of the year, so rows of different statuses stack),
padded to the same length. An age tier becomes half years (59½ is 119) and a cap of null a cap
no income reaches.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from math import lcm
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from rothroute.params.states import StateYear
from rothroute.state.formulas import NEVER
from rothroute.vocab import FILING_STATUSES, FilingStatus

if TYPE_CHECKING:
    import numpy as np

_STATUS_KEYS = frozenset(str(s) for s in FILING_STATUSES)


def _is_by_status(value: Any) -> bool:
    return isinstance(value, Mapping) and set(value) == _STATUS_KEYS


@lru_cache(maxsize=512)
def picked(year: StateYear, status: FilingStatus) -> dict[str, Any]:
    s = str(status)
    out: dict[str, Any] = {}
    for name, step in year.steps.items():
        data = step.data
        if _is_by_status(data):
            out[name] = data[s]
            continue
        for key, value in data.items():
            out[f"{name}.{key}"] = value[s] if _is_by_status(value) else value
    if "brackets" in out:
        del out["brackets"]
        over, steps, scale = _schedule(year, s)
        out["brackets.over"], out["brackets.steps"], out["brackets.scale"] = over, steps, scale
    if "capital_gains_tax.tiers" in out:
        rows = out.pop("capital_gains_tax.tiers")
        over, steps, scale = _steps(rows, lcm(*(rate.denominator for _, rate in rows)), len(rows))
        out["capital_gains_tax.over"], out["capital_gains_tax.steps"], out["capital_gains_tax.scale"] = over, steps, scale
    if "retirement_exclusion.tiers" in out:
        tiers = out.pop("retirement_exclusion.tiers")
        out["retirement_exclusion.halves"] = tuple(int(2 * age) for age, _ in tiers)
        out["retirement_exclusion.caps"] = tuple(NEVER if cap is None else cap for _, cap in tiers)
        earned = out["retirement_exclusion.earned"]
        out["retirement_exclusion.earned"] = 0 if earned is None else earned
        out["retirement_exclusion.any_age"] = out["retirement_exclusion.any_age"] or ()
    if "pension_exclusion.shares" in out:  # New Jersey: shares differ by status, so as integers on one scale
        all_rows = year["pension_exclusion"].data["shares"].values()
        den = lcm(*(share.denominator for rows in all_rows for _, share in rows))
        out["pension_exclusion.shares"] = tuple((over, int(share * den)) for over, share in out["pension_exclusion.shares"])
        out["pension_exclusion.share_scale"] = den
    if "sliding_standard_deduction_table.formulas" in out:  # Wisconsin: rates differ by status, so as integers on one scale
        all_rows = year["sliding_standard_deduction_table"].data["formulas"].values()
        den = lcm(*(rate.denominator for rows in all_rows for _, _, rate in rows))
        width = max(len(rows) for rows in all_rows)
        rows = [(amount, over, int(rate * den)) for amount, over, rate in out["sliding_standard_deduction_table.formulas"]]
        out["sliding_standard_deduction_table.formulas"] = tuple(rows + [(0, 0, 0)] * (width - len(rows)))
        out["sliding_standard_deduction_table.scale"] = den
    if "household_credit.single" in out:  # New York: the single table for single filers, else base and additional
        out["household_credit.is_single"] = int(status is FilingStatus.SINGLE)
        out["household_credit.is_separate"] = int(status is FilingStatus.MARRIED_SEPARATE)
    if "age_deduction.full_if_born_by" in out:  # in full for one born on or before January 1 of that year
        out["age_deduction.full_age"] = year.year - out.pop("age_deduction.full_if_born_by") + 1
    if "low_income_table" in year:  # Arkansas: tables of different lengths by status, padded to one width
        _low_income_table(year, out)
    for key, value in list(out.items()):
        if value is None:  # an amount the law leaves unlimited
            out[key] = NEVER
    return out


def _low_income_table(year: StateYear, out: dict[str, Any]) -> None:
    """Arkansas's low income table for the status picked: its rows' figures (``.over``) and amounts,
    padded with rows no income reaches to the width of the year's longest table so that rows of
    different statuses stack, and ``.none_above`` (-1 where the status has no table)."""
    table = out.pop("low_income_table")
    width = max(len(t["rows"]) for t in year["low_income_table"].data.values() if t is not None)
    rows = list(table["rows"]) if table is not None else [(0, 0)]
    rows += [(NEVER, rows[-1][1])] * (width - len(rows))
    out["low_income_table.over"] = tuple(over for over, _ in rows)
    out["low_income_table.amounts"] = tuple(amount for _, amount in rows)
    out["low_income_table.none_above"] = table["none_above"] if table is not None else -1


def _schedule(year: StateYear, status: str) -> tuple[tuple[int, ...], tuple[int, ...], int]:
    schedules = year["brackets"].data
    scale = lcm(*(rate.denominator for rows in schedules.values() for _, rate in rows))
    width = max(len(rows) for rows in schedules.values())
    return _steps(schedules[status], scale, width)


def _steps(rows: Sequence[tuple[int, Fraction]], scale: int, width: int) -> tuple[tuple[int, ...], tuple[int, ...], int]:
    """Thresholds and each one's rise in rate in 1/``scale`` units, padded to ``width``."""
    over = [threshold for threshold, _ in rows]
    rates = [rate for _, rate in rows]
    steps = [int((r - q) * scale) for r, q in zip(rates, (Fraction(0), *rates[:-1]))]
    over += [NEVER] * (width - len(rows))
    steps += [0] * (width - len(rows))
    return tuple(over), tuple(steps), scale


def stacked(table: Sequence[Mapping[str, Any]], rows: np.ndarray) -> dict[str, Any]:
    """The parameters of each row, ``rows`` indexing ``table``: amounts become columns; rates,
    scales and words must agree across the table and stay single values."""
    first = table[0]
    return {key: _stack([t[key] for t in table], rows, key) for key in first}


def _stack(values: list[Any], rows: np.ndarray, key: str) -> Any:
    import numpy as np

    first = values[0]
    if isinstance(first, tuple) and first and not isinstance(first[0], str):
        return tuple(_stack([v[k] for v in values], rows, f"{key}[{k}]") for k in range(len(first)))
    if isinstance(first, int) and not isinstance(first, bool) and not key.endswith(".scale"):
        return np.array(values, dtype=np.int64)[rows]
    if any(v != first for v in values):
        raise ValueError(f"state parameter {key} differs by filing status; the batch path cannot stack it")
    return first
