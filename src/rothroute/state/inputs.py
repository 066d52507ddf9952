"""What a state return needs of a household-year: each person's income by kind, and the federal
figures the state starts from.

State rules look at whose income it is (an exclusion per person, an age test per person), so
income is kept per person: the first person of the file is ``p1``, the spouse on a joint return
``p2``. An amount the file gives without a ``person`` on a joint return is taken as half each
spouse's (the odd cent to the first), as a jointly held account's income is; the moves belong to
the owner of the account they move.

Retirement income comes in four kinds, because states treat them differently:

- ``pension``: the file's ``pension`` income (a pension or annuity not modelled as an account);
- ``ira``: taxable IRA distributions (traditional, SEP, SIMPLE, inherited), Roth IRA earnings
  paid out, and the file's ``early_distribution`` income;
- ``conversion``: the taxable part of Roth conversions (IRA to Roth IRA), of plan money rolled
  to a Roth IRA and of in-plan Roth rollovers;
- ``plan``: taxable distributions paid out of employer plans (401(k), 403(b), governmental 457(b)).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from rothroute.household.model import Household, Person
from rothroute.vocab import FILING_STATUSES, FilingStatus, IncomeKind

PERSON_FIELDS = (
    "present", "age", "age_halves", "blind", "born", "wages", "deferrals", "social_security", "pension", "ira",
    "conversion", "plan", "interest", "exempt_interest", "dividends", "qualified_dividends", "long_term_gains",
    "short_term_gains", "other",
)
"""Per person: ``present`` (1 when on the return), ``age`` (whole years on December 31, the
Pub 501 convention), ``age_halves`` (completed half years on December 31: 119 from 59½),
``blind``, ``born`` (the date of birth as the number yyyymmdd, for a state's test by date; one not
given is the latest date consistent with ``age`` and ``age_halves``: ``default_born``); then
cents: wages (after pretax deferrals made as moves), ``deferrals`` (those deferrals), gross
Social Security, the four kinds of retirement income, investment income and other ordinary
income."""

FEDERAL_KEYS = {
    "federal_agi": "f1040.11",
    "federal_taxable_social_security": "f1040.6b",
    "federal_taxable_income": "f1040.15",
    "federal_capital_gain": "f1040.7",
    "federal_adjustments": "f1040.10",
    "federal_itemizes": None,
    # the federal income tax after nonrefundable credits and the net investment income tax (Alabama
    # deducts them, Ala. Code §40-18-15(a)(2); phase 2, group A; Missouri deducts the federal income tax,
    # RSMo §143.171, group C; Oregon subtracts it, group D)
    "federal_income_tax": "f1040.22",
    "federal_niit": "f8960.17",
    # federal alternative minimum taxable income less the exemption (Form 6251 line 6), where
    # Colorado's minimum tax starts (C.R.S. §39-22-105(2))
    "federal_amt_base": "f6251.6",
    # phase 2, group C
    "federal_tax_before_credits": "f1040.18",  # Nebraska's federal tax liability limit
    "federal_elderly_credit": "schr.22",  # Nebraska's and Vermont's credits for the elderly (the federal credit)
    "federal_deduction": "f1040.12",  # the standard or itemized deduction (New Mexico, Missouri, South Carolina, Utah)
    # the federal additional tax on early distributions (Form 5329 line 4, IRC §72(t), with the
    # recapture on converted money of §408A(d)(3)(F)), of which Arkansas levies 10% (A.C.A.
    # §26-51-414(c); phase 2, group A); Oregon's federal tax subtraction counts it with the income tax
    # (Schedule 2 line 8, the Form OR-40 line 10 worksheet; group D)
    "federal_additional_tax": "f5329.4",
    # phase 2, group D: the 2025-2028 senior deduction (Schedule 1-A; South Carolina adds it back)
    "federal_senior_deduction": "sch1a.38",
    # the excess advance premium tax credit repaid (Schedule 2 line 1a, in Form 1040 line 22) and the
    # premium tax credit allowed (Form 8962 line 24), which Oregon's worksheet takes out of the federal tax
    "federal_ptc_repayment": "sch2.1a",
    "federal_premium_tax_credit": "f8962.24",
}
"""The federal figures a state return reads, by the federal line they are (``federal_itemizes``:
1 when the federal return itemizes)."""
FORM_8962_LINES = frozenset({"sch2.1a", "f8962.24"})
"""Lines a federal return has only with a Form 8962 (health coverage from the Marketplace): 0 without one."""


def federal_line(federal: Mapping[str, Any], key: str) -> Any:
    """A federal line a state return reads: a Form 8962 line the return lacks is 0 (no Marketplace
    coverage, or a batch or plan return, which models none)."""
    return federal.get(key, 0) if key in FORM_8962_LINES else federal[key]

PEOPLE = ("p1", "p2")
INPUT_FIELDS = tuple(FEDERAL_KEYS) + tuple(f"{who}_{name}" for who in PEOPLE for name in PERSON_FIELDS)


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonIncome:
    """One person's part of the household-year (cents; ages in years and half years)."""

    age: int = 0
    age_halves: int = 0
    blind: bool = False
    born: int = 0
    wages: int = 0
    deferrals: int = 0
    social_security: int = 0
    pension: int = 0
    ira: int = 0
    conversion: int = 0
    plan: int = 0
    interest: int = 0
    exempt_interest: int = 0
    dividends: int = 0
    qualified_dividends: int = 0
    long_term_gains: int = 0
    short_term_gains: int = 0
    other: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class StateInputs:
    """A household-year as a state return sees it."""

    state: str
    year: int
    status: FilingStatus
    people: tuple[PersonIncome, ...]
    federal: Mapping[str, int] = field(default_factory=dict)
    locality: str | None = None  # the local jurisdiction whose income tax the state's return computes (Maryland)
    # the file's itemized deductions (state and local taxes before the federal cap, the rest of Schedule A, cash
    # gifts): a state whose return may itemize on its own says its itemized deductions are not modelled
    itemizable: int = 0

    def as_mapping(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: int(self.federal.get(name, 0)) for name in FEDERAL_KEYS}
        out["status"] = FILING_STATUSES.index(self.status)  # the filing status's place in FILING_STATUSES
        out["locality"] = 0  # the local jurisdiction's place in its state's list (set by state_tax)
        for who, person in zip(PEOPLE, (*self.people, None)[:2]):
            for name in PERSON_FIELDS:
                if person is None:
                    out[f"{who}_{name}"] = 0
                elif name == "present":
                    out[f"{who}_{name}"] = 1
                elif name == "born":
                    out[f"{who}_{name}"] = person.born or default_born(self.year, person.age, person.age_halves)
                else:
                    out[f"{who}_{name}"] = int(getattr(person, name))
        return out


def default_born(year: int, age: int, halves: int) -> int:
    """The latest date of birth (yyyymmdd) consistent with ``age`` and ``age_halves`` on December 31 of
    ``year`` (Pub 501: one born on January 1 is a year older): a person whose date of birth is not
    given is taken as the youngest they can be, so no test by date is met that may not be."""
    if halves % 2:  # the half birthday has come by December 31: born by June 30
        return (year - age) * 10_000 + 630
    return (year - age + 1) * 10_000 + 101


def age_halves(person: Person, year: int) -> int:
    """Completed half years of age on December 31 of ``year`` (59½ gives 119): the whole years of
    the Pub 501 convention, plus one when the half birthday after them has come by December 31."""
    whole = person.age_at_year_end(year)
    born = person.born
    month = born.month + 6
    half_year = born.year + whole + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = born.day
    while True:
        try:
            half = _dt.date(half_year, month, day)
            break
        except ValueError:
            day -= 1
    return 2 * whole + (1 if half <= _dt.date(year, 12, 31) else 0)


_KIND_FIELD = {
    IncomeKind.WAGES: "wages", IncomeKind.TAXABLE_INTEREST: "interest", IncomeKind.TAX_EXEMPT_INTEREST: "exempt_interest",
    IncomeKind.ORDINARY_DIVIDENDS: "dividends", IncomeKind.QUALIFIED_DIVIDENDS: "qualified_dividends",
    IncomeKind.LONG_TERM_GAINS: "long_term_gains", IncomeKind.SHORT_TERM_GAINS: "short_term_gains",
    IncomeKind.PENSION: "pension", IncomeKind.SOCIAL_SECURITY: "social_security", IncomeKind.OTHER_ORDINARY: "other",
    IncomeKind.EARLY_DISTRIBUTION: "ira",
}


def inputs_from_household(h: Household, state: str, federal: Mapping[str, int], *,
                          moves: Mapping[str, Mapping[str, int]] | None = None,
                          deferrals: Mapping[str, int] | None = None) -> StateInputs:
    """The household-year as ``state``'s return sees it. ``federal``: the federal lines by key
    (``FederalTax.values``); ``moves``: each person's taxable retirement income from the year's
    moves by kind (``ira``, ``conversion``, ``plan``); ``deferrals``: each person's pretax
    elective deferrals made as moves."""
    joint = h.filing_status is FilingStatus.MARRIED_JOINT
    ids = [p.id for p in h.people][:2 if joint else 1]
    totals = {pid: dict.fromkeys(PERSON_FIELDS[5:], 0) for pid in ids}
    from rothroute.household.social_security import income_of_year

    for item in income_of_year(h):  # the file's income, its taxable accounts' yields, Social Security by its claim
        name = _KIND_FIELD[item.kind]
        if item.person in totals:
            totals[item.person][name] += item.amount
        elif len(ids) == 2:  # no person on a joint return: half each spouse's, the odd cent to the first
            second = item.amount // 2
            totals[ids[0]][name] += item.amount - second
            totals[ids[1]][name] += second
        else:
            totals[ids[0]][name] += item.amount
    for pid in ids:
        for kind, amount in (moves or {}).get(pid, {}).items():
            totals[pid][kind] += amount
        paid_in = (deferrals or {}).get(pid, 0)
        totals[pid]["wages"] -= paid_in  # elective deferrals are not wages (IRC §402(e)(3))
        totals[pid]["deferrals"] += paid_in
    people = []
    for pid in ids:
        person = h.person(pid)
        people.append(PersonIncome(age=person.age_at_year_end(h.tax_year), age_halves=age_halves(person, h.tax_year),
                                   blind=person.blind, born=_yyyymmdd(person.born), **totals[pid]))
    fed = {name: int(federal_line(federal, key)) for name, key in FEDERAL_KEYS.items() if key is not None}
    fed["federal_itemizes"] = int(federal["f1040.12"] != federal["f1040.12.standard"])
    locality = h.locality if state == h.state_in(h.tax_year) else None
    itemized = h.itemized
    itemizable = h.charitable_gifts + (0 if itemized is None else itemized.state_local_taxes + itemized.other)
    return StateInputs(state=state, year=h.tax_year, status=h.filing_status, people=tuple(people), federal=fed,
                       locality=locality, itemizable=itemizable)


def _yyyymmdd(day: _dt.date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day
