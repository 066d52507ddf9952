"""Medicare premiums of a year, month by month: Part B's standard premium, Part D's base
beneficiary premium (a stated assumption for a person's Part D plan premium) and the
income-related monthly adjustment amounts (IRMAA) of both, for each person from the month they
attain 65 (42 U.S.C. §426(a): an age is attained the day before the birthday, so one born on the 1st
of a month is covered from the month before; CMS Pub. 100-01 ch. 2 §10.1).

IRMAA for a premium year is set by the modified AGI (AGI plus tax-exempt interest) of the tax year
two years before, and the table of that return's filing status (20 CFR §418.1115, §418.1120; 42
U.S.C. §1395r(i), §1395w-113(a)(7)); the tiers and amounts are the premium year's (the family
``irmaa``, keyed by premium year, its floors indexed by the statute's own rule, rounded to the
nearest $1,000, §1395r(i)(5))."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Mapping

from rothroute.household.model import Household, Person
from rothroute.household.social_security import attains, month_of
from rothroute.money import as_number
from rothroute.params import Family
from rothroute.vocab import FilingStatus

MEDICARE_AGE = 65
CITES = ("42 U.S.C. §426(a)", "42 U.S.C. §1395r(a)(3), (i)", "42 U.S.C. §1395w-113(a)(7)",
         "20 CFR §418.1115, §418.1120")


def table_key(status: FilingStatus, lived_apart: bool) -> str:
    """The IRMAA table of a filing status: joint, married filing separately living together at any
    time in the year, or the individual table (single, head of household, surviving spouse, married
    filing separately living apart all year)."""
    if status is FilingStatus.MARRIED_JOINT:
        return "married_joint"
    if status is FilingStatus.MARRIED_SEPARATE and not lived_apart:
        return "married_separate"
    return "single"


def months_covered(p: Person, year: int) -> int:
    """The months of ``year`` from the month ``p`` attains 65 (a whole year once 65)."""
    first = month_of(attains(p.born, MEDICARE_AGE))
    return max(0, min(12, year * 12 + 12 - max(year * 12, first)))


def tier(magi: int, rows: Any) -> int:
    """The IRMAA tier of ``magi`` (0 = none): how many floors it passes (an inclusive floor at equality)."""
    return sum(1 for floor, inclusive, _, _ in rows if (magi >= floor if inclusive else magi > floor))


@dataclass(frozen=True, slots=True, kw_only=True)
class Premiums:
    """A year's Medicare premiums (cents) and what set them."""

    year: int
    months: Mapping[str, int]  # person -> months covered
    part_b: int  # standard premiums
    part_d: int  # base beneficiary premiums (the assumption for a plan's premium)
    irmaa_b: int
    irmaa_d: int
    tier: int
    magi_year: int
    magi: int | None  # None: not known (no magi_history), no adjustment charged

    @property
    def irmaa(self) -> int:
        return self.irmaa_b + self.irmaa_d

    @property
    def total(self) -> int:
        return self.part_b + self.part_d + self.irmaa

    def to_json(self) -> dict[str, Any]:
        return {"part_b": as_number(self.part_b), "part_d": as_number(self.part_d), "irmaa": as_number(self.irmaa),
                "total": as_number(self.total), "months": dict(self.months), "irmaa_tier": self.tier,
                "magi_year": self.magi_year, "magi": None if self.magi is None else as_number(self.magi)}


def surcharges(table: Family, key: str, months: int) -> tuple[int, ...]:
    """The IRMAA a person-month at tier 1, 2, ... of the premium year's ``table`` times ``months``."""
    return tuple(months * (part_b + part_d) for _, _, part_b, part_d in table[key])


def premiums(h: Household, table: Family, magi: int | None, status: FilingStatus, lived_apart: bool = False
             ) -> Premiums:
    """The Medicare premiums of ``h``'s year for its people (those alive in it), from ``table`` (the
    premium year's ``irmaa`` family) and the MAGI of two years before with that return's filing
    ``status``."""
    months = {p.id: months_covered(p, h.tax_year) for p in h.people}
    covered = sum(months.values())
    rows = table[table_key(status, lived_apart)]
    level = tier(magi, rows) if magi is not None and covered else 0
    part_b_adj, part_d_adj = (rows[level - 1][2], rows[level - 1][3]) if level else (0, 0)
    return Premiums(year=h.tax_year, months={k: v for k, v in months.items() if v}, part_b=covered * table["part_b_standard"],
                    part_d=covered * table["part_d_base"], irmaa_b=covered * part_b_adj, irmaa_d=covered * part_d_adj,
                    tier=level, magi_year=h.tax_year - 2, magi=magi)


def first_month(p: Person) -> _dt.date:
    """The first day of the first month of coverage."""
    first = month_of(attains(p.born, MEDICARE_AGE))
    return _dt.date(first // 12, first % 12 + 1, 1)
