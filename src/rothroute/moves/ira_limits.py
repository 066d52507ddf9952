"""The IRA contribution limits of a person's year: the §219(b) limit with the age-50 catch-up,
the §219(g) phase-out of the deduction for active participants, and the §408A(c)(3) phase-out of
Roth IRA contributions."""

from __future__ import annotations

from rothroute.household.model import Household, Person
from rothroute.params import YearParams
from rothroute.vocab import FilingStatus

CATCH_UP_AGE = 50  # IRC §219(b)(5)(B)


def contribution_limit(person: Person, yp: YearParams) -> int:
    """The year's IRA limit for the person: the base limit plus the catch-up at 50 (IRC §219(b)(5))."""
    limits = yp.retirement_limits
    age = person.age_at_year_end(yp.year)
    return limits["ira_limit"] + (limits["ira_catch_up_50"] if age >= CATCH_UP_AGE else 0)


def deduction_phaseout(person: Person, h: Household, yp: YearParams) -> tuple[int, int] | None:
    """The MAGI range over which the person's IRA deduction phases out (IRC §219(g)): when the
    person, or the spouse on a married return, is an active participant in a workplace plan; None
    otherwise (no limit beyond §219(b))."""
    spouse_covered = any(p.covered_by_workplace_plan for p in h.people if p.id != person.id)
    status = h.filing_status
    key = "single" if status is FilingStatus.MARRIED_SEPARATE and h.lived_apart_all_year else str(status)
    if person.covered_by_workplace_plan:
        return yp.ira_deduction_phaseout[key]
    if spouse_covered and status in (FilingStatus.MARRIED_JOINT, FilingStatus.MARRIED_SEPARATE):
        return yp.ira_deduction_phaseout[f"spouse_covered_{status}"]
    return None


def deduction_limit(person: Person, h: Household, magi: int, yp: YearParams) -> int | None:
    """The most of the year's IRA contributions the person may deduct: the limit reduced over the
    phase-out range (``deduction_phaseout``); None when it does not phase out."""
    phaseout = deduction_phaseout(person, h, yp)
    if phaseout is None:
        return None
    start, end = phaseout
    return _phased(contribution_limit(person, yp), magi, start, end)


def _phased(limit: int, magi: int, start: int, end: int) -> int:
    """IRC §219(g)(2): the limit reduced in proportion over the range, rounded up to the next $10,
    not below $200 unless fully phased out."""
    if magi <= start:
        return limit
    if magi >= end:
        return 0
    reduced = limit - (limit * (magi - start)) // (end - start)
    reduced = -(-reduced // 1000) * 1000
    return max(reduced, 20_000)


def roth_limit(limit: int, magi: int, status: FilingStatus, lived_apart: bool, yp: YearParams) -> int:
    """The Roth IRA limit after the MAGI phase-out (IRC §408A(c)(3)(A), applying §219(g)(2)(B)
    and (C)): reduced in proportion over the range, rounded up to $10, not below $200 unless zero."""
    key = "single" if status is FilingStatus.MARRIED_SEPARATE and lived_apart else str(status)
    start, end = yp.roth_ira_phaseout[key]
    return _phased(limit, magi, start, end)
