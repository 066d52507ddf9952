"""The household of one tax year, as frozen records (money in integer cents)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from rothroute.vocab import AccountKind, FilingStatus, IncomeKind, PlanSource


@dataclass(frozen=True, slots=True, kw_only=True)
class RothLayer:
    year: int
    taxable: int
    nontaxable: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RothIra:
    """A person's Roth IRAs, one pool (IRC §408A(d)(4)(A) ordering)."""

    first_year: int | None = None
    contributions: int = 0
    conversions: tuple[RothLayer, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SocialSecurity:
    """A person's Social Security old-age benefit by its claim (``household.social_security``):
    the primary insurance amount (the monthly benefit at full retirement age, in the tax year's
    dollars) and the age the benefit starts; and, after a spouse's death, the widow(er)'s benefit."""

    benefit_at_full_retirement_age: int  # cents a month (the PIA), in the tax year's dollars
    claim_age: int  # years, 62 to 70
    claim_age_months: int = 0
    survivor_benefit: int = 0  # cents a month: the widow(er)'s insurance benefit, in the tax year's dollars
    survivor_benefit_from: _dt.date | None = None  # its first month (None: every month of the year)


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    id: str
    born: _dt.date
    blind: bool = False
    ira_basis: int = 0
    covered_by_workplace_plan: bool = False
    retirement_year: int | None = None  # last year at the current employer (for plans of several years)
    last_60_day_ira_rollover: _dt.date | None = None
    roth_ira: RothIra = field(default_factory=RothIra)
    # required minimum distributions from the IRAs (IRC §401(a)(9), §408(a)(6), §4974)
    first_rmd_deferred: bool = False  # the first distribution year's RMD waits until April 1 of the next
    rmd_from_last_year: int = 0  # that deferred first RMD, still due by April 1 of this year (cents)
    rmd_shortfall_corrected: bool = False  # this year's shortfalls corrected within the correction window
    social_security: SocialSecurity | None = None  # the old-age benefit by its claim (a plan of several years)
    qcd_offset: int = 0  # IRA deductions after 70½ not yet set against QCDs (IRC §408(d)(8)(A)), cents
    life_expectancy: int | None = None  # a planning assumption: the age in whose year the person dies (at its end)

    def last_year(self) -> int | None:
        """The last year the person is alive in a plan (None: past any plan)."""
        return None if self.life_expectancy is None else self.born.year + self.life_expectancy

    def age_at_year_end(self, year: int) -> int:
        """Age for tax purposes on December 31 of ``year``: a person attains an age on the day
        before the birthday (Pub 501, 'Age 65 or older'), so one born on January 1 is a year
        older on December 31."""
        return year - self.born.year + (1 if (self.born.month, self.born.day) == (1, 1) else 0)


@dataclass(frozen=True, slots=True, kw_only=True)
class IncomeItem:
    kind: IncomeKind
    amount: int
    person: str | None = None
    start_year: int | None = None  # Social Security only: the benefit is paid from this year (0 before it)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanSources:
    pretax: int = 0
    after_tax_contributions: int = 0
    after_tax_earnings: int = 0
    pre_1987_contributions: int = 0
    roth_contributions: int = 0
    roth_earnings: int = 0
    roth_first_year: int | None = None
    roth_in_plan_rollovers: tuple[RothLayer, ...] = ()  # in-plan Roth rollovers still in the account

    @property
    def total(self) -> int:
        return (self.pretax + self.after_tax_contributions + self.after_tax_earnings
                + self.roth_contributions + self.roth_earnings)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanRules:
    separated_from_service: int | None = None
    after_tax_separate_contract: bool = False
    accepts_ira_rollins: bool = False
    in_plan_roth_rollover: bool = False
    in_service_withdrawals: tuple[PlanSource, ...] = ()
    after_tax_contributions: bool = False
    employer_contributions: int = 0
    designated_roth: bool = False
    five_percent_owner: bool = False
    prior_year_fica_wages: int | None = None
    first_rmd_deferred: bool = False  # the plan's first distribution year's RMD waits until April 1 of the next
    rmd_from_last_year: int = 0  # that deferred first RMD, still due by April 1 of this year (cents)


@dataclass(frozen=True, slots=True, kw_only=True)
class Account:
    id: str
    owner: str
    kind: AccountKind
    value: int = 0  # IRAs: January 1 value; plans: the sum of sources
    december_31_value: int | None = None
    sources: PlanSources | None = None
    plan: PlanRules | None = None
    # a taxable account: its cost basis on January 1, and the year's yields on its January 1 value
    cost_basis: int = 0
    qualified_dividend_yield: Fraction = Fraction(0)
    interest_yield: Fraction = Fraction(0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Itemized:
    state_local_taxes: int = 0
    other: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class HealthCoverage:
    """Coverage bought through a Health Insurance Marketplace in the tax year, as Form 1095-A
    reports it (cents a month): the basis of the premium tax credit (IRC §36B, Form 8962)."""

    benchmark_premium: int  # the applicable second lowest cost silver plan premium (Form 1095-A column B)
    premium: int  # the enrollment premium (column A)
    advance_payments: int = 0  # the advance payments of the credit (column C)
    first_month: int = 1
    last_month: int = 12
    family_size: int | None = None  # None: the people on the return (no dependents in the file)
    to_year: int | None = None  # a plan's last year of Marketplace coverage (None: until everyone is on Medicare)
    # set by a plan's roll forward (``optimize.rollforward``), never read from a file: the months whose amounts
    # differ, (month, benchmark, premium, advance payments), each person's share ending with Medicare; and the
    # plan's inflation, projecting the Form 8962 tables past the years the parameter file gives
    monthly: tuple[tuple[int, int, int, int], ...] = ()
    inflation: Fraction | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Residence:
    """Where the household lives from ``from_year`` on (its state on December 31 of each year)."""

    from_year: int
    state: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Household:
    format: int
    tax_year: int
    filing_status: FilingStatus
    people: tuple[Person, ...]
    income: tuple[IncomeItem, ...] = ()
    accounts: tuple[Account, ...] = ()
    moves: tuple[Any, ...] = ()  # moves.Move records (a mapping in file notation is read when evaluated)
    magi_history: Mapping[int, int] = field(default_factory=dict)
    itemized: Itemized | None = None
    state: str | None = None
    residence: tuple[Residence, ...] = ()  # for plans of several years, earliest first
    locality: str | None = None  # the local jurisdiction of the tax year's state whose income tax its return computes
    lived_apart_all_year: bool = False
    health_coverage: HealthCoverage | None = None
    tax_computation: str = "tax_table"
    charitable_gifts: int = 0  # cash gifts to public charities this year (cents), deducted as the law allows
    dependent_child: bool = False  # a child or stepchild the household claims as a dependent lives with it (IRC §2(a))
    spouse_died_in: int | None = None  # the year the spouse died (a survivor's household)
    origin: str = ""

    def person(self, person_id: str) -> Person:
        for p in self.people:
            if p.id == person_id:
                return p
        raise KeyError(person_id)

    def state_in(self, year: int) -> str | None:
        """The state of residence in ``year`` (on its December 31): from ``residence`` when the file
        gives it, else the file's ``state``."""
        if self.residence:
            states = [r.state for r in self.residence if r.from_year <= year]
            return states[-1] if states else None
        return self.state

    def moved_in(self, year: int) -> tuple[str, str] | None:
        """(from, to) when ``residence`` has the household move to another state during ``year``."""
        for before, after in zip(self.residence, self.residence[1:]):
            if after.from_year == year and after.state != before.state:
                return before.state, after.state
        return None

    def all_income(self) -> tuple[IncomeItem, ...]:
        """The file's income and what its taxable accounts yield: interest and qualified dividends at
        their yields on the January 1 value, each the owner's (rounded to the cent, half up)."""
        from rothroute.money import times

        out = list(self.income)
        for a in self.accounts:
            if a.kind is not AccountKind.TAXABLE:
                continue
            interest, dividends = times(a.value, a.interest_yield), times(a.value, a.qualified_dividend_yield)
            if interest:
                out.append(IncomeItem(kind=IncomeKind.TAXABLE_INTEREST, amount=interest, person=a.owner))
            if dividends:
                out.append(IncomeItem(kind=IncomeKind.ORDINARY_DIVIDENDS, amount=dividends, person=a.owner))
                out.append(IncomeItem(kind=IncomeKind.QUALIFIED_DIVIDENDS, amount=dividends, person=a.owner))
        return tuple(out)

    def income_total(self, kind: IncomeKind) -> int:
        return sum(item.amount for item in self.income if item.kind is kind)
