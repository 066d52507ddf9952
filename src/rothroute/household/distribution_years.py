"""The calendar years a person's IRAs, and each employer plan, owe a required minimum
distribution for, and the first of them (the first distribution calendar year, whose RMD may wait
until the required beginning date, April 1 of the next year).

- IRAs: the first year is the one in which the owner attains the applicable age (IRC
  §401(a)(9)(C)(i)(I), (v); §408(a)(6); Treas. Reg. §1.408-8(b)(1)(i)).
- A plan: the later of that year and the year the participant retires from the employer (the
  still-working exception of §401(a)(9)(C)(i)(II)); for a 5% owner, the year of the applicable
  age whatever the employment (§401(a)(9)(C)(ii)(I); Treas. Reg. §1.401(a)(9)-2(b)(3)). The
  first distribution calendar year is Treas. Reg. §1.401(a)(9)-5(a)(2)(ii). A plan of the current
  employer is left in the person's ``retirement_year`` (their last year there); a plan may set an
  earlier uniform required beginning date (§1.401(a)(9)-2(b)(4)), which rothroute does not model.

The applicable age by date of birth and the Uniform Lifetime Table are data
(``params/data/rmd.yaml``, with their sources)."""

from __future__ import annotations

import datetime as _dt
from fractions import Fraction

from rothroute.household.model import Account, Person
from rothroute.params import default_set


def applicable_age(born: _dt.date) -> Fraction | None:
    """The age at which the person's RMDs start (70½, 72, 73 or 75 by date of birth; IRC
    §401(a)(9)(C)(v) as amended by SECURE 2.0 §107)."""
    for born_from, born_through, age, _ in default_set().standing["rmd"]["applicable_age"]:
        if born_from <= born and (born_through is None or born <= born_through):
            return Fraction(age)
    return None


def age_year(person: Person) -> int | None:
    """The calendar year in which the person attains the applicable age (70½: six months after
    the 70th birthday)."""
    age = applicable_age(person.born)
    if age is None:
        return None
    whole = int(age)
    if age == whole:
        return person.born.year + whole
    return person.born.year + whole + (1 if person.born.month > 6 else 0)  # ½: the 70½ of births before July


def ira_first_year(person: Person) -> int | None:
    """The first distribution calendar year of the person's IRAs (Treas. Reg. §1.408-8(b)(1)(i))."""
    return age_year(person)


def plan_first_year(person: Person, account: Account) -> int | None:
    """The first distribution calendar year of an employer plan (Treas. Reg.
    §1.401(a)(9)-5(a)(2)(ii)), or None while the participant works there with no year of leaving."""
    start = age_year(person)
    rules = account.plan
    if start is None or rules is None or account.sources is None:
        return None
    if rules.five_percent_owner:
        return start
    left = rules.separated_from_service if rules.separated_from_service is not None else person.retirement_year
    return None if left is None else max(start, left)


def distribution_period(person: Person, year: int) -> Fraction | None:
    """The Uniform Lifetime Table period for the person's RMD of ``year`` (the age attained on the
    birthday in that year), or None before the year of the applicable age (Treas. Reg.
    §1.401(a)(9)-5(c), §1.401(a)(9)-9(c))."""
    first = age_year(person)
    if first is None or year < first:
        return None
    table = default_set().standing["rmd"]["uniform_lifetime_table"]
    return Fraction(table[min(max(year - person.born.year, min(table)), max(table))])
