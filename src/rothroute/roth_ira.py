"""Roth IRA status of a person: the 5-taxable-year clock and qualified distributions."""

from __future__ import annotations

import datetime as _dt

from rothroute.household.model import Person

FIVE_YEAR_CITES = ("IRC §408A(d)(2)(A)-(B)", "26 CFR §1.408A-6 Q&A-2")


def five_year_start(person: Person, year_of_first_contribution_now: int | None = None) -> int | None:
    """First taxable year of the 5-year period: the year of the first contribution (regular or
    conversion) to any Roth IRA of the person (§1.408A-6 Q&A-2)."""
    years = [y for y in (person.roth_ira.first_year, year_of_first_contribution_now) if y is not None]
    years += [layer.year for layer in person.roth_ira.conversions]
    return min(years) if years else None


def age_59_half_on(person: Person) -> _dt.date:
    """The date a person attains age 59½ (IRC §72(t)(2)(A)(i); Rev. Rul. 2003-72 counts six months
    after the 59th birthday)."""
    return _half_past(person, 59)


def age_70_half_on(person: Person) -> _dt.date:
    """The date a person attains age 70½ (IRC §408(d)(8)(B)(ii)): six months after the 70th birthday,
    counted as for 59½."""
    return _half_past(person, 70)


def _half_past(person: Person, years: int) -> _dt.date:
    born = person.born
    month = born.month + 6
    year = born.year + years + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = born.day
    while True:
        try:
            return _dt.date(year, month, day)
        except ValueError:
            day -= 1


def qualified_at_year_end(person: Person, year: int, start: int | None) -> bool:
    """Would a distribution on December 31 of ``year`` be a qualified distribution (59½ reached
    and the 5-taxable-year period over; death and disability are not modelled)."""
    if start is None:
        return False
    return year >= start + 5 and age_59_half_on(person) <= _dt.date(year, 12, 31)
