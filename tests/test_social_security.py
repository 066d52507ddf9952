"""Social Security benefits from a claim: the full retirement age, the early reductions, the delayed
credits, the spouse's and widow(er)'s benefits (42 U.S.C. §402, §415, §416). Each expected value
names its source; the claims are read from household files as a user writes them."""

from __future__ import annotations

import dataclasses
import datetime as _dt

import pytest

from rothroute import load_text
from rothroute.errors import HouseholdFileError
from rothroute.household import social_security as ss
from rothroute.engine import evaluate


def _household(people: str, status: str = "single", year: int = 2026, income: str = "") -> str:
    return (f"format: 1\ntax_year: {year}\nfiling_status: {status}\ntax_computation: rate_schedule\npeople:\n{people}"
            + (f"income:\n{income}" if income else ""))


def _person(pid: str, born: str, pia: int, age: int, months: int = 0, extra: str = "") -> str:
    return (f"  - id: {pid}\n    born: {born}\n    social_security: {{benefit_at_full_retirement_age: {pia}, "
            f"claim_age: {age}, claim_age_months: {months}{extra}}}\n")


# SSA, "Retirement Planner: Full Retirement Age" (ssa.gov/retire2/retirechart.htm): the full retirement
# age by year of birth (42 U.S.C. §416(l)); one born on January 1 refers to the previous year
@pytest.mark.parametrize("born, years, months", [
    ("1954-06-15", 66, 0), ("1955-06-15", 66, 2), ("1957-06-15", 66, 6), ("1959-06-15", 66, 10),
    ("1960-06-15", 67, 0), ("1960-01-01", 66, 10), ("1965-03-20", 67, 0),
])
def test_full_retirement_age_by_birth_year(born: str, years: int, months: int) -> None:
    assert ss.retirement_age(_dt.date.fromisoformat(born)) == years * 12 + months


# SSA's chart for a full retirement age of 67 and a $1,000 benefit at that age: about 30% less at 62,
# 25% at 63, 20% at 64, 13.3% at 65, 6.7% at 66 (5/9 of 1% a month for 36 months, 5/12 beyond,
# §402(q)(1), (9)(A); the reduction raised to a dime, §402(q)(8); the benefit to the dollar below,
# §415(g)); 124% at 70 (2/3 of 1% for each of 36 increment months, §402(w)). Born on the 2nd of
# January 1963: 62 is attained on January 1 2025, so January is the first month throughout it, the
# full 60 months of reduction.
@pytest.mark.parametrize("age, monthly", [(62, 700), (63, 750), (64, 800), (65, 866), (66, 933), (67, 1000),
                                          (70, 1240)])
def test_old_age_benefit_by_claim_age(age: int, monthly: int) -> None:
    h = load_text(_household(_person("p", "1963-01-02", 1000, age), year=2026))
    c = ss.claim(h.people[0])
    assert c is not None
    late = c.entitled + 12 * 2  # two years after entitlement: every credit counted
    assert ss._floor_dollar(c.benefit(late)) // 100 == monthly


def test_born_after_the_second_starts_the_month_after_62() -> None:
    """Before full retirement age the benefit starts with the first month the person is 62 throughout
    (§402(a)(B)): born on May 10, 1963, 62 is attained on May 9, 2025, so June; 59 months of reduction,
    20% + 23 × 5/12% = 29.583...%, $887.50 off $3,000: $2,112 a month, paid for December 2025 through
    November 2026."""
    h = load_text(_household(_person("a", "1963-05-10", 3000, 62)))
    b = ss.benefits(h)["a"]
    assert b.claim is not None and b.claim.reduction_months == 59
    assert b.months[-1][1] == 211200 and b.paid == 12 * 211200


def test_credits_of_the_year_of_entitlement_count_from_january() -> None:
    """§402(w)(3): the increment months of the year the benefit starts count from the next January.
    Born June 15, 1960 (full retirement age 67 in June 2027), a claim at 68 starts in June 2028 with
    7 months of credits (June-December 2027): $1,000 × 1.04667 = $1,046.60 in dimes, $1,046; from
    January 2029 all 12: $1,080."""
    h = load_text(_household(_person("p", "1960-06-15", 1000, 68)))  # a plan's later years, as the roll forward makes them
    b = ss.benefits(dataclasses.replace(h, tax_year=2028))["p"]
    assert [a for _, a in b.months if a] == [104600] * 6  # June-November 2028
    assert ss.benefits(dataclasses.replace(h, tax_year=2029))["p"].paid == 104600 + 11 * 108000  # December 2028's


def test_spouse_benefit_at_62_is_32_5_percent_of_the_workers() -> None:
    """SSA's chart: a spouse's benefit started at 62 (full retirement age 67) is about 32.5% of the
    worker's PIA: one-half (§402(b)(2)) less 25/36 of 1% for 36 months and 5/12 of 1% for 24 (35%,
    §402(q)(1), (9)(A)). The worker claimed earlier; the spouse has no PIA of their own."""
    people = _person("w", "1958-03-20", 2000, 66) + _person("s", "1963-01-02", 0, 62)
    h = load_text(_household(people, "married_joint", 2026))
    b = ss.benefits(h)["s"]
    assert b.spouse and b.months[-1][1] == 65000


def test_spouse_benefit_is_the_excess_over_the_own_and_starts_with_both_claims() -> None:
    """Born June 15, 1960, claiming at 66 (July 2026, 11 months early): own $1,000 less 6.11%
    ($61.20 in dimes); the spouse's excess $1,500 - $1,000 = $500 less 11 × 25/36% ($38.20): $1,400
    a month (§402(q)(3)(B)), five months paid in 2026."""
    people = _person("a", "1963-05-10", 3000, 62) + _person("b", "1960-06-15", 1000, 66)
    h = load_text(_household(people, "married_joint", 2026))
    b = ss.benefits(h)["b"]
    assert b.months[-1][1] == 140000 and b.paid == 5 * 140000


def test_widow_benefit_reductions_and_the_82_5_percent_floor() -> None:
    """A widow(er)'s benefit at 60 is 71.5% of the deceased's PIA (§402(q)(9)(B): 28.5% at the early
    retirement age); at the survivor's full retirement age 100%, but no more than the larger of the
    deceased's own reduced benefit and 82.5% of the PIA when the deceased claimed early (§402(e)(2)(D));
    the credits the deceased had count (§402(e)(2)(C))."""
    survivor = load_text(_household(_person("s", "1971-01-02", 500, 67))).people[0]
    early = load_text(_household(_person("d", "1960-01-02", 1000, 62))).people[0]
    late = load_text(_household(_person("d", "1960-01-02", 1000, 70))).people[0]
    # the survivor is 60 throughout January 2031: the full 28.5% off the deceased's $1,240 (70 in January 2030)
    amount, start = ss.survivor_benefit(late, survivor, _dt.date(2030, 12, 31))
    assert start == _dt.date(2031, 1, 1) and amount == 124000 - 35340  # 1,240 less 28.5% (353.40)
    # a deceased who died at 65 without claiming leaves the PIA: 71.5% of $1,000
    assert ss.survivor_benefit(late, survivor, _dt.date(2025, 12, 31))[0] == 71500
    # at the survivor's full retirement age: the deceased's $1,240; claimed at 62: the floor of $825
    old = load_text(_household(_person("s", "1958-06-15", 500, 67))).people[0]
    assert ss.survivor_benefit(late, old, _dt.date(2031, 6, 30))[0] == 124000
    assert ss.survivor_benefit(early, old, _dt.date(2031, 6, 30))[0] == 82500


def test_a_social_security_item_keeps_its_meaning_and_start_year_defers_it() -> None:
    """Old files: an income item of kind social_security is the year's gross benefits. With
    start_year, nothing is paid before that year."""
    item = "  - {person: p, kind: social_security, amount: 30000}\n"
    now = evaluate(load_text(_household("  - {id: p, born: 1960-03-01}\n", income=item)))
    assert now.tax.values["f1040.6a"] == 3_000_000
    later = evaluate(load_text(_household("  - {id: p, born: 1960-03-01}\n",
                                          income=item.replace("}", ", start_year: 2030}"))))
    assert later.tax.values["f1040.6a"] == 0


@pytest.mark.parametrize("people, income, where", [
    (_person("p", "1960-03-01", 1000, 70, 3), "", "people[0].social_security.claim_age_months"),
    (_person("p", "1960-03-01", 1000, 61), "", "people[0].social_security.claim_age"),
    (_person("p", "1960-03-01", 1000, 67), "  - {person: p, kind: social_security, amount: 1}\n", "income[0].person"),
    ("  - {id: p, born: 1960-03-01}\n", "  - {person: p, kind: wages, amount: 1, start_year: 2027}\n",
     "income[0].start_year"),
    ("  - {id: p, born: 1960-03-01}\n", "  - {person: p, kind: social_security, amount: 1, start_year: 2025}\n",
     "income[0].start_year"),
])
def test_claims_that_cannot_be_read(people: str, income: str, where: str) -> None:
    with pytest.raises(HouseholdFileError) as e:
        load_text(_household(people, income=income))
    assert where in [p.where for p in e.value.problems]


def test_the_claim_is_in_the_result() -> None:
    result = evaluate(load_text(_household(_person("a", "1963-05-10", 3000, 62)))).to_json()
    assert result["people"]["a"]["social_security"]["paid"] == 25344
    assert any(line["key"] == "people.a.social_security.paid" for line in result["lines"])


def test_a_reduction_raised_to_a_dime_never_leaves_a_negative_benefit() -> None:
    """§402(q)(8) raises the reduction to a multiple of $0.10: on a benefit of a few cents claimed early
    that dime passes the benefit; what is paid is nothing, never a negative amount."""
    from fractions import Fraction

    from rothroute.household.social_security import _reduced

    assert _reduced(3, Fraction(30, 100)) == 0  # a 1-cent reduction raised to 10 cents, on 3 cents
    assert _reduced(100_000, Fraction(30, 100)) == 70_000  # $1,000.00 less $300.00
    assert _reduced(100_005, Fraction(30, 100)) == 69_995  # a reduction of $300.0015 raised to $300.10
