"""The value of a choice of Social Security claims (``household.claim_value``) and the best claim under it,
against the results Open Social Security publishes in its test suite (github.com/MikePiper/open-social-security,
``src/app/calculate-PV.service.spec.ts`` and ``src/app/maximize-pv.service.spec.ts``), with its published
assumptions reproduced: the valuation month ("today"), the discount rate, and its "SSA" mortality option (the
SSA period life table for 2015, ``cases/claiming/ssa_period_life_table_2015.yaml``). The monthly amounts are
rothroute's own (42 U.S.C. §402), so these check the law's amounts and the valuation together.

Open Social Security's "SSbirthDate" is the month SSA counts a person as born in (the month before, for one
born on the 1st); the people here are born mid-month, in that month.

Its couples' present values are not reproduced to the dollar, by design: in the years it weighs as "only one
alive" it pays the widow(er)'s benefit from the survivor's full retirement age and at the deceased's benefit as
claimed even where the deceased died before claiming, where the law pays it from the death (reduced before the
survivor's full retirement age, §402(q)(9)) on the deceased's PIA with the credits earned to the death
(§402(e)(2)(C)), and it keeps cents where §402(q)(8) and §415(g) round. So the couple case here is its published
answer (who should claim when), which those differences do not move."""

from __future__ import annotations

import datetime as dt
import pathlib
from fractions import Fraction

import pytest
import yaml

from rothroute.household.claim_value import Survival, alive_through, claim_ages, present_value
from rothroute.household.model import Person, SocialSecurity
from rothroute.household.social_security import entitlement_month, first_day, month_of

TABLE = yaml.safe_load((pathlib.Path(__file__).parent / "cases" / "claiming" / "ssa_period_life_table_2015.yaml")
                       .read_text())
MALE = Survival(lives=tuple(x for row in TABLE["male"] for x in row))


def person(pid: str, born: dt.date, pia_dollars: int) -> Person:
    return Person(id=pid, born=born, social_security=SocialSecurity(benefit_at_full_retirement_age=pia_dollars * 100,
                                                                    claim_age=62))


def best_claim(people: list[Person], chooser: str, fixed: dict[str, int], survival: dict[str, Survival], *,
               today: dt.date, discount: Fraction) -> dt.date:
    """The first month of ``chooser``'s benefit at the claiming age (by month, 62 to 70) of the most value."""
    me = next(p for p in people if p.id == chooser)
    values = [(present_value(people, {**fixed, chooser: m}, survival, today=month_of(today), discount=discount), m)
              for m in claim_ages(me, today.year, by_month=True)]
    _, months = max(values)
    return first_day(entitlement_month(me.born, months))


def test_single_person_filing_at_70_is_worth_what_open_social_security_publishes() -> None:
    """calculate-PV.service.spec.ts, "should return appropriate PV for single person, no complicating factors":
    born April 1960, PIA $1,000, filing at 70 (April 2030: $1,240 a month, 36 months of 2/3 of 1% past full
    retirement age 67, §402(w)), male "SSA" table, 1% discount rate, today August 2019: PV $142,644
    (toBeCloseTo(142644, 0): within 50 cents)."""
    p = person("a", dt.date(1960, 4, 15), 1000)
    value = present_value([p], {"a": 70 * 12}, {"a": MALE}, today=month_of(dt.date(2019, 8, 1)),
                          discount=Fraction(1, 100))
    assert abs(value / 100 - 142_644) < Fraction(1, 2)


def test_single_person_with_a_high_discount_rate_files_at_once() -> None:
    """maximize-pv.service.spec.ts, "should tell a single person to file ASAP with very high discount rate": born
    April 16 1960, PIA $1,000, male "SSA" table, 9% discount rate, today November 2018: file May 2022, the first
    month the person is 62 throughout (§402(a))."""
    p = person("a", dt.date(1960, 4, 16), 1000)
    assert best_claim([p], "a", {}, {"a": MALE}, today=dt.date(2018, 11, 1), discount=Fraction(9, 100)) == \
        dt.date(2022, 5, 1)


def test_a_couples_lower_earner_files_at_once_when_the_widow_benefit_will_exceed_their_own() -> None:
    """maximize-pv.service.spec.ts, "should tell personA to file ASAP, even if personB filed early at 62, if personA
    has lower PIA": A born October 15 1960, PIA $1,100; B born October 11 1954, PIA $2,000, filed at 62 and 1 month
    (November 2016, the first month B was 62 throughout: claim age 62 here); both the male "SSA" table, 1% discount
    rate, today December 2018: A files November 2022, the first month A is 62 throughout. (Open Social Security
    also has B suspend from full retirement age to 70, which rothroute does not model; A's answer is the published
    one without it: A's own benefit counts only while both live, the widow's benefit from B being the larger.)"""
    a, b = person("a", dt.date(1960, 10, 15), 1100), person("b", dt.date(1954, 10, 11), 2000)
    assert first_day(entitlement_month(b.born, 62 * 12)) == dt.date(2016, 11, 1)
    assert best_claim([a, b], "a", {"b": 62 * 12}, {"a": MALE, "b": MALE}, today=dt.date(2018, 12, 1),
                      discount=Fraction(1, 100)) == dt.date(2022, 11, 1)


def test_a_fixed_lifespan_counts_every_year_through_the_last_and_none_after() -> None:
    """The plan's lifespans (``life_expectancy``): alive through the calendar year of the age, none after; with no
    discount, the value is the months' benefits summed: born April 15 1960, PIA $1,000 at 67 (April 2027, no
    reduction or credit), alive through 2029: 9 + 12 + 12 months of $1,000."""
    p = person("a", dt.date(1960, 4, 15), 1000)
    fixed = Survival(last_year=2029)
    assert alive_through(p, fixed, 2029, month_of(dt.date(2026, 1, 1))) == 1
    assert alive_through(p, fixed, 2030, month_of(dt.date(2026, 1, 1))) == 0
    assert present_value([p], {"a": 67 * 12}, {"a": fixed}, today=month_of(dt.date(2026, 1, 1)),
                         discount=Fraction(0)) == 33 * 1000_00


def test_a_widow_gets_the_larger_of_her_own_and_the_widow_benefit_from_the_death() -> None:
    """Worked by hand from the statute, fixed lifespans, no discount, from 2026. a: born March 15 1955 (62 in
    2017: full retirement age 66 and 2 months, May 2021, §416(l)), PIA $2,000, claims at 70 (March 2025): 46
    months of credits at 2/3 of 1% (§402(w)(1), (6)(D)), $613.333 kept in dimes, $2,613.30, paid $2,613
    (§415(g)); dies at the end of 2027 (on January 1, 2028, in the valuation's convention). b: born June 15 1957
    (full retirement age 66 and 6 months, December 2023), PIA $800, claims at 67 (June 2024): 6 months of credits,
    counted from the January after (§402(w)(3)), $832; her spouse's benefit, half of $2,000 less her $800, $200
    from a's entitlement in March 2025, unreduced past her full retirement age (§402(b)(2), (q)). From January
    2028 her widow's benefit is a's $2,613.30 with the credits he had (§402(e)(2)(C)), unreduced past her
    widow's full retirement age (66 and 2 months), larger than her own (§402(k)(3)(A)): $2,613."""
    a, b = person("a", dt.date(1955, 3, 15), 2000), person("b", dt.date(1957, 6, 15), 800)
    survival = {"a": Survival(last_year=2027), "b": Survival(last_year=2029)}
    value = present_value([a, b], {"a": 70 * 12, "b": 67 * 12}, survival, today=month_of(dt.date(2026, 1, 1)),
                          discount=Fraction(0))
    assert value == 24 * (2613 + 832 + 200 + 2613) * 100  # 2026-2027: a and b with her spouse's benefit; 2028-2029: b


@pytest.mark.parametrize("months", [62 * 12, 66 * 12, 70 * 12])
def test_the_couple_value_is_the_single_value_when_the_spouse_is_long_dead(months: int) -> None:
    """A spouse with no benefit and gone at once adds nothing: the couple's value is the person's own."""
    a, b = person("a", dt.date(1962, 5, 15), 1500), person("b", dt.date(1962, 5, 15), 0)
    survival = {"a": Survival(last_year=2060), "b": Survival(last_year=2023)}
    today = month_of(dt.date(2024, 1, 1))
    couple = present_value([a, b], {"a": months, "b": 62 * 12}, survival, today=today, discount=Fraction(3, 100))
    single = present_value([a], {"a": months}, {"a": survival["a"]}, today=today, discount=Fraction(3, 100))
    assert couple == single
