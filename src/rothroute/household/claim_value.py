"""What a choice of Social Security claims is worth: the present value of the benefits a person, or
a married couple, will be paid for given claiming ages, under stated assumptions (a discount rate, a
cost-of-living rate, and each person's survival: a fixed last year of life or a life table).

The monthly amounts are the law's, from ``household.social_security`` (42 U.S.C. §402, §415): the
old-age benefit with the early-claiming reduction or the delayed credits, the spouse's benefit
beyond the person's own while both live, and after a death the widow(er)'s benefit of
§402(e)/(f) for the survivor, who is paid the larger (§402(k)(3)(A)). Each month's benefit is
rounded down to the whole dollar (§415(g)).

The valuation follows the method Open Social Security documents and publishes its test values for
(github.com/MikePiper/open-social-security, ``calculate-PV.service.ts``), stated here so it can be
checked:

- a calendar year's benefits are those for its twelve months (the month a benefit is for, not the
  month it is paid), at that year's cost-of-living level ((1 + cola) ** (year − the first year));
- the year's benefits count with the probability that the person is alive at its end: for a life
  table, l(x) read at the person's age on January 1 plus one year, linearly between whole ages,
  over l at the whole age the person has in the valuation month (``today``); for a fixed lifespan,
  1 through ``last_year`` and 0 after;
- a couple's year is the sum over the states both alive, only one alive, each weighted by the
  people's independent probabilities; a person whose last year alive is L dies on January 1 of
  L + 1 (no benefit is paid for the month of death, §402(a)), the survivor's widow(er)'s benefit
  figured for that death (the deceased's delayed credits to the month before it, §402(e)(2)(C)),
  from that month or the first month the survivor is 60 throughout;
- each year's value is discounted by (1 + discount) ** (year − today's year), none for the
  current year.

Ages run to 115 (the life tables' end), as Open Social Security's do."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping, Sequence

from rothroute.household.model import Person, SocialSecurity
from rothroute.household.social_security import (
    Claim, _floor_dollar, attains, claim, month_of, spouse_excess, survivor_benefit,
)

LAST_AGE = 115  # years: the valuation ends when a person reaches it


@dataclass(frozen=True, slots=True, kw_only=True)
class Survival:
    """A person's survival: ``last_year`` (a fixed lifespan: alive through that calendar year, not
    after) or ``lives`` (a life table's l(x), the survivors at each whole age x of a cohort)."""

    last_year: int | None = None
    lives: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if (self.last_year is None) == (self.lives is None):
            raise ValueError("a survival is a last year or a life table, one of the two")


def birth_month(p: Person) -> int:
    """The month from which ages are counted (an age is attained the day before the birthday, so one
    born on the 1st counts from the month before, as SSA's charts do)."""
    return month_of(attains(p.born, 0))


def alive_through(p: Person, s: Survival, year: int, today: int) -> Fraction:
    """The probability that ``p``, alive in the month ``today``, is alive at the end of ``year``."""
    if s.last_year is not None:
        return Fraction(1 if year <= s.last_year else 0)
    lives = s.lives
    assert lives is not None
    age = Fraction(year * 12 - birth_month(p), 12) + 1  # the age at the end of the year
    whole, part = int(age), age - int(age)
    at = lambda x: lives[x] if x < len(lives) else 0  # noqa: E731
    base = at(int(Fraction(today - birth_month(p), 12)))
    if not base:
        return Fraction(0)
    return (at(whole) * (1 - part) + at(whole + 1) * part) / base


def with_claim(p: Person, months: int) -> Person:
    """``p`` with their claim at the age of ``months`` months (their PIA kept)."""
    ss = p.social_security
    assert ss is not None
    return dataclasses.replace(p, social_security=dataclasses.replace(ss, claim_age=months // 12,
                                                                      claim_age_months=months % 12))


_OWN: dict[tuple[object, ...], list[int]] = {}  # a couple's screen values 81 pairs of 9 claims each (``_own``)
_OWN_KEPT = 1024


def _own(c: Claim, months: range) -> list[int]:
    """The old-age benefit for each month (cents, before the whole-dollar rounding); it changes only at the
    entitlement and with the credit months counted (each January), so each distinct count is figured once;
    kept by what it is a function of (the PIA, the entitlement, the retirement and credits' end months, the birth
    date that sets the credit rate, the months)."""
    key = (c.pia, c.entitled, c.full_age, c.credit_end, c.person.born, months.start, months.stop)
    found = _OWN.get(key)
    if found is None:
        if len(_OWN) >= _OWN_KEPT:
            _OWN.clear()
        found = _OWN[key] = _own_months(c, months)
    return found


def _own_months(c: Claim, months: range) -> list[int]:
    seen: dict[int, int] = {}
    out = []
    for m in months:
        if m < c.entitled:
            out.append(0)
            continue
        key = 0 if c.reduction_months else c.credit_months(m)
        if key not in seen:
            seen[key] = c.benefit(m)
        out.append(seen[key])
    return out


@functools.lru_cache(maxsize=64)
def _factors(cola: Fraction, discount: Fraction, start: int, years: int, today: int) -> tuple[Fraction, ...]:
    """Each year's cost-of-living level over its discount (``present_value``: the same for every claim valued)."""
    return tuple((1 + cola) ** k / ((1 + discount) ** max(0, start + k - today)) for k in range(years))


@functools.lru_cache(maxsize=256)
def _alive(born: _dt.date, s: Survival, start: int, years: int, today: int) -> tuple[Fraction, ...]:
    """``alive_through`` at the end of each year from the year before ``start`` (a function of the birth date)."""
    p = Person(id="", born=born)
    return tuple(alive_through(p, s, start + k, today) for k in range(-1, years))


def _scaled(weights: Sequence[Fraction]) -> tuple[list[int], int]:
    """``weights`` as integers over one common denominator (exact; integer sums are fast)."""
    import math

    d = math.lcm(*(w.denominator for w in weights)) if weights else 1
    return [w.numerator * (d // w.denominator) for w in weights], d


def _widow(deceased: Person, survivor: Person, last: int) -> tuple[int, int]:
    """The survivor's widow(er)'s benefit a month (cents) and its first month, for a death on January 1
    after the deceased's ``last`` year alive."""
    amount, start = survivor_benefit(deceased, survivor, _dt.date(last + 1, 1, 1))
    return amount, month_of(start)


def _year_sums(amounts: Sequence[int], years: int) -> list[int]:
    """Each year's total of monthly amounts already rounded (``amounts`` from January of the first year)."""
    return [sum(amounts[12 * k:12 * k + 12]) for k in range(years)]


def present_value(people: Sequence[Person], claims: Mapping[str, int], survival: Mapping[str, Survival], *,
                  today: int, discount: Fraction, cola: Fraction = Fraction(0), first_year: int | None = None,
                  last_year: int | None = None) -> Fraction:
    """The present value in the month ``today`` (``month_of``) of the benefits of ``people`` (one,
    or a married couple, each with a ``social_security`` block) claiming at the ages ``claims``
    gives in months (by id), in cents. ``first_year``: count benefits from it (default today's
    year); ``last_year``: count none after it (a plan's last year)."""
    if not 1 <= len(people) <= 2:
        raise ValueError("one person or a married couple")
    start = first_year if first_year is not None else today // 12
    folks = [with_claim(p, claims[p.id]) for p in people]
    ends = [p.born.year + LAST_AGE for p in folks]
    end = max(ends) if last_year is None else min(last_year, max(ends))
    if end < start:
        return Fraction(0)
    years = end - start + 1
    months = range(start * 12, (end + 1) * 12)
    own_claims = [claim(p) for p in folks]
    own = [_own(c, months) for c in own_claims if c is not None]
    factor = _factors(cola, discount, start, years, today // 12)
    alive = [list(_alive(p.born, survival[p.id], start, years, today)) for p in folks]
    # alive[i][k + 1]: alive at the end of year start + k; alive[i][0]: at the end of the year before (1)
    for row in alive:
        row[0] = Fraction(1)
    if len(folks) == 1:  # a widow(er)'s benefit the file gives is paid where larger (§402(k)(3)(A))
        ss = folks[0].social_security
        assert ss is not None
        since = month_of(ss.survivor_benefit_from) if ss.survivor_benefit_from else 0
        sums = _year_sums([_floor_dollar(max(x, ss.survivor_benefit if m >= since else 0))
                           for x, m in zip(own[0], months)], years)
        return sum((factor[k] * alive[0][k + 1] * sums[k] for k in range(years)), Fraction(0))
    a, b = folks
    ca, cb = own_claims
    assert ca is not None and cb is not None
    both = []
    for i, (mine, theirs) in enumerate(((ca, cb), (cb, ca))):
        # the spouse's benefit is the same every month from the later entitlement (§402(r)), none before
        since = max(mine.entitled, theirs.entitled)
        extra = spouse_excess(mine, theirs, since)
        both.append(_year_sums([_floor_dollar(own[i][j] + (extra if m >= since else 0)) for j, m in enumerate(months)],
                               years))
    scaled, d = _scaled([factor[k] * alive[i][k + 1] for i in (0, 1) for k in range(years)])
    weight = [scaled[:years], scaled[years:]]  # each person's: discount and cost of living, alive at the year's end
    joint, dj = _scaled([factor[k] * alive[0][k + 1] * alive[1][k + 1] for k in range(years)])
    total = Fraction(sum(joint[k] * (both[0][k] + both[1][k]) for k in range(years)), dj)
    for i, (dead, kept) in enumerate(((a, b), (b, a))):
        survivor = 1 - i
        floors = [_floor_dollar(x) for x in own[survivor]]
        for last in range(start - 1, end):  # the deceased's last year alive (the year before ``start``: dies at once)
            p_last = alive[i][last - start + 1] - alive[i][last - start + 2]
            if not p_last:
                continue
            widow, from_month = _widow(dead, kept, last)
            widow = _floor_dollar(widow)  # the larger of two amounts rounded down is the larger rounded down
            k0 = last + 1 - start
            value = 0
            for k in range(k0, years):
                year_months = range(12 * k, 12 * k + 12)
                value += weight[survivor][k] * sum(max(floors[j], widow) if months[j] >= from_month else floors[j]
                                                   for j in year_months)
            total += p_last * Fraction(value, d)
    return total


def claim_ages(p: Person, first_year: int, *, by_month: bool = False) -> list[int]:
    """The claiming ages (in months) open to ``p`` in a plan starting ``first_year``: 62 to 70 (by
    year, or by month), those whose benefit would start before the plan's first January left out (a
    claim already made is kept as it is)."""
    from rothroute.household.social_security import MAX_CLAIM_AGE, MIN_CLAIM_AGE, entitlement_month

    step = 1 if by_month else 12
    return [m for m in range(MIN_CLAIM_AGE * 12, MAX_CLAIM_AGE * 12 + 1, step)
            if entitlement_month(p.born, m) >= first_year * 12]


def claimed(ss: SocialSecurity) -> int:
    """The file's claiming age in months."""
    return ss.claim_age * 12 + ss.claim_age_months
