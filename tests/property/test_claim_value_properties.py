"""The claim valuation (``household.claim_value``) agrees with the single-year engine's benefits
(``household.social_security.benefits``, the code the plan's years are priced with), and a couple's value is no
more than the two people's benefits could be: random people, PIAs, claiming ages and lifespans.

With no discount and no cost-of-living rate, a person's value over the plan's years is the sum of their monthly
benefits from January of the first year through December of their last: the engine's calendar years pay the
months from December of the year before through November, so the two sums differ by exactly those two
Decembers' benefits."""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from rothroute.household.claim_value import Survival, present_value
from rothroute.household.model import Household, Person, SocialSecurity
from rothroute.household.social_security import benefits, claim
from rothroute.vocab import FilingStatus

START = 2026


def people(pid: str) -> st.SearchStrategy[Person]:
    return st.builds(
        lambda born, pia, age, months: Person(
            id=pid, born=born, social_security=SocialSecurity(benefit_at_full_retirement_age=pia, claim_age=age,
                                                              claim_age_months=0 if age == 70 else months)),
        st.dates(dt.date(1956, 1, 1), dt.date(1964, 12, 31)), st.integers(0, 40_000).map(lambda dimes: dimes * 10),  # a PIA is a multiple of a dime (42 U.S.C. §415: rounded down to one)
        st.integers(62, 70),
        st.integers(0, 11))


@settings(max_examples=60, deadline=None)
@given(people("a"), st.integers(START, START + 30))
def test_a_persons_value_is_the_engines_benefits_of_the_years(p: Person, last: int) -> None:
    ss = p.social_security
    assert ss is not None
    months = ss.claim_age * 12 + ss.claim_age_months
    value = present_value([p], {"a": months}, {"a": Survival(last_year=last)}, today=START * 12, discount=Fraction(0))
    h = Household(format=1, tax_year=START, filing_status=FilingStatus.SINGLE, people=(p,))
    paid = sum(benefits(dataclasses.replace(h, tax_year=y))["a"].paid for y in range(START, last + 1))
    c = claim(p)
    assert c is not None
    december = [c.benefit(m) // 100 * 100 for m in (START * 12 - 1, last * 12 + 11)]
    assert value == paid - december[0] + december[1]


@settings(max_examples=40, deadline=None)
@given(people("a"), people("b"), st.integers(START, START + 25), st.integers(START, START + 25))
def test_a_couples_value_is_within_what_their_benefits_could_be(a: Person, b: Person, last_a: int, last_b: int) -> None:
    """Each year at most the larger of each one's own benefit plus a spouse's benefit, or the widow(er)'s: never
    more than both people's own benefits at 70 and half the larger PIA, for every year either lives; never less
    than nothing."""
    claims = {p.id: p.social_security.claim_age * 12 + p.social_security.claim_age_months  # type: ignore[union-attr]
              for p in (a, b)}
    survival = {"a": Survival(last_year=last_a), "b": Survival(last_year=last_b)}
    value = present_value([a, b], claims, survival, today=START * 12, discount=Fraction(0))
    top = max(p.social_security.benefit_at_full_retirement_age for p in (a, b))  # type: ignore[union-attr]
    ceiling = sum((top * 2 + top // 2) * 12 for _ in range(START, max(last_a, last_b) + 1))  # 132% < 2x PIA, + half
    assert 0 <= value <= ceiling
