"""Survivor years: a spouse's death ends their life in the plan (people[].life_expectancy); the survivor files
single (a qualifying surviving spouse two years with a dependent child), treats the IRAs as their own with
their basis and the earlier Roth IRA clock, rolls the plans over, keeps the larger Social Security benefit,
and spends the survivor's share. Authorities: IRC §2(a), §7703(a)(1), §402(c)(9); Treas. Reg. §1.408A-6
Q&A-7; 42 U.S.C. §402(e), (k)(3)(A)."""

from __future__ import annotations

import dataclasses

from rothroute import load_text
from rothroute.engine import evaluate
from rothroute.household.survivor import after_death
from rothroute.optimize.horizon import Assumptions, run
from rothroute.optimize.plan import optimize
from rothroute.optimize.rollforward import next_year
from rothroute.vocab import FilingStatus

COUPLE = """format: 1
tax_year: 2026
filing_status: married_joint
tax_computation: rate_schedule
DEPENDENT
people:
  - id: a
    born: 1956-05-10
    life_expectancy: 70
    ira_basis: 10000
    roth_ira: {first_year: 2015, contributions: 6000}
    social_security: {benefit_at_full_retirement_age: 3000, claim_age: 70}
  - id: b
    born: 1958-06-15
    social_security: {benefit_at_full_retirement_age: 1500, claim_age: 67}
income:
  - {kind: taxable_interest, amount: 5000}
  - {person: a, kind: pension, amount: 12000}
accounts:
  - {id: a_ira, owner: a, kind: traditional_ira, value: 800000}
  - {id: b_ira, owner: b, kind: traditional_ira, value: 300000}
  - {id: a_roth, owner: a, kind: roth_ira, value: 50000}
  - {id: b_roth, owner: b, kind: roth_ira, value: 0}
  - id: a_401k
    owner: a
    kind: 401k
    sources: {pretax: 100000, after_tax: {contributions: 20000, earnings: 5000}, roth: {contributions: 10000, earnings: 4000}}
    plan: {separated_from_service: 2020}
"""


def _survivor_year(dependent: bool = False):
    h = load_text(COUPLE.replace("DEPENDENT", "dependent_child: true" if dependent else ""))
    ev = evaluate(h)  # a dies at the end of 2026 (70 that year)
    return ev, next_year(ev, growth=dataclasses.replace(Assumptions()).growth, inflation=Assumptions().inflation)


def test_the_year_of_death_is_joint_and_the_survivor_files_single_after() -> None:
    ev, after = _survivor_year()
    assert ev.household.filing_status is FilingStatus.MARRIED_JOINT  # §7703(a)(1): married at the time of death
    assert after.filing_status is FilingStatus.SINGLE and [p.id for p in after.people] == ["b"]
    assert after.spouse_died_in == 2026


def test_a_dependent_child_makes_two_years_of_qualifying_surviving_spouse() -> None:
    """IRC §2(a)(1)(A): the two taxable years after the year of death; then single."""
    _, after = _survivor_year(dependent=True)
    assert after.filing_status is FilingStatus.SURVIVING_SPOUSE
    years = run(after, 3, lambda hh, price: [], Assumptions())
    assert [y.evaluation.household.filing_status for y in years] == [FilingStatus.SURVIVING_SPOUSE,
                                                                     FilingStatus.SURVIVING_SPOUSE, FilingStatus.SINGLE]


def test_the_survivor_holds_the_iras_with_their_basis_and_the_earlier_roth_clock() -> None:
    ev, after = _survivor_year()
    b = after.person("b")
    # a's Form 8606 basis (line 14) and the 401(k)'s after-tax contributions (rolled to an IRA, §402(c)(2))
    assert b.ira_basis == ev.ira.forms["a"].l14 + 2_000_000
    assert b.roth_ira.first_year == 2015  # a's start, earlier than the rollover's (Treas. Reg. §1.408A-6 Q&A-7)
    assert b.roth_ira.contributions == 600_000 + 1_000_000  # a's contributions and the 401(k)'s Roth basis
    owners = {a.id: a.owner for a in after.accounts}
    assert owners["a_ira"] == owners["a_roth"] == "b" and "a_401k" not in owners
    assert sum(a.value for a in after.accounts) == sum(a.value for a in next_year(
        dataclasses.replace(ev, household=dataclasses.replace(ev.household, people=ev.household.people)),
        growth=Assumptions().growth, inflation=Assumptions().inflation).accounts)  # no money lost or made


def test_the_survivor_keeps_the_larger_social_security_benefit_and_a_s_pension_stops() -> None:
    """a claimed at 70 (May 2026, 44 months of credits: 129.33% of the PIA); b gets that as a widow(er)'s
    benefit, in 2027 dollars, from January 2027, the larger of b's two (42 U.S.C. §402(e)(2)(C), (k)(3)(A))."""
    _, after = _survivor_year()
    b = after.person("b")
    assert b.social_security is not None
    pia_2027 = b.social_security.benefit_at_full_retirement_age  # (b's own, to compare)
    assert b.social_security.survivor_benefit > pia_2027
    assert not [i for i in after.income if i.person == "a"]
    from rothroute.params.projection import year_params

    yp, _ = year_params(2027, Assumptions().inflation)
    assert evaluate(after, params=yp).tax.values["f1040.6a"] == 12 * (b.social_security.survivor_benefit // 100 * 100)


def test_after_death_keeps_a_deceased_without_claim_as_paid() -> None:
    h = load_text(COUPLE.replace("DEPENDENT", "").replace(
        "    social_security: {benefit_at_full_retirement_age: 3000, claim_age: 70}\n", "").replace(
        "  - {person: a, kind: pension, amount: 12000}", "  - {person: a, kind: social_security, amount: 48000}"))
    b = after_death(h, h.person("a")).person("b")
    assert b.social_security is not None and b.social_security.survivor_benefit == 400_000  # $48,000 / 12


WIDOW = """format: 1
tax_year: 2026
filing_status: married_joint
tax_computation: rate_schedule
people:
  - {id: a, born: 1960-04-10LIFE, social_security: {benefit_at_full_retirement_age: 2800, claim_age: 67}}
  - {id: b, born: 1961-09-20, social_security: {benefit_at_full_retirement_age: 1600, claim_age: 67}}
accounts:
  - {id: a_ira, owner: a, kind: traditional_ira, value: 1400000}
  - {id: b_ira, owner: b, kind: traditional_ira, value: 400000}
"""


def test_a_couple_whose_survivor_faces_narrower_brackets_converts_more_while_both_live() -> None:
    """The widow's penalty: from the year after a's death (at 72, the end of 2032) b files single on much the
    same income, in brackets half as wide; the plan converts more in the joint years than the same couple's
    plan with no death assumed."""
    a = Assumptions(spending=70_000_00)
    alone = optimize(load_text(WIDOW.replace("LIFE", ", life_expectancy: 72")), 14, a).to_json()
    together = optimize(load_text(WIDOW.replace("LIFE", "")), 14, a).to_json()
    joint = [y["year"] for y in alone["years"] if len(y["people_alive"]) == 2]
    assert joint == list(range(2026, 2033))
    assert [y["filing_status"] for y in alone["years"]][7:] == ["single"] * 7

    def converted(result: dict) -> float:
        return sum(sum(y["conversions"].values()) for y in result["years"] if y["year"] in joint)

    assert converted(alone) > converted(together) + 50_000, (converted(alone), converted(together))
    assert all(abs(y["difference"]) <= 25 for y in alone["years"])
