"""Next year's household from this year's evaluation: the balances the moves left, grown for a
year, with every dollar of basis and every clock carried by source.

What carries (the inputs of next year's file): IRA basis (Form 8606 line 14), the Roth IRA pool
by layer and its 5-year start (Reg. §1.408A-6 Q&A-2), each plan's sources with their basis and
the designated Roth account's 5-year start, the last 60-day IRA rollover (IRC §408(d)(3)(B)) and
this year's MAGI for IRMAA two years on (20 CFR §418.1115), and a first RMD left for April 1 of
next year (``rmd_from_last_year``: the IRAs' on the person, a plan's on the plan; the election
``first_rmd_deferred`` is the first year's only). What is assumed: every account grows at
``growth`` after the year's moves; basis does not grow (growth is earnings); income items grow
with ``inflation`` (Social Security's cost-of-living adjustment, IRC §86 amounts being fixed); a
Social Security claim's PIA and widow(er)'s benefit too, each rounded down to a dime (42 U.S.C.
§415(i)(2)(A)(ii)), the benefit of each year following from the claim (``household.social_security``).
After a person's ``retirement_year`` their wages stop, they are no longer covered by a workplace
plan, and their current employer's plans become former employers' plans (separated that year:
plan RMDs start, IRC §401(a)(9)(C), and the plan may be drawn on; past the applicable age, the
year of leaving is the plan's first RMD year, its RMD carried to April 1 of the next)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Mapping

from rothroute.household.model import (
    Account, HealthCoverage, Household, IncomeItem, Person, PlanSources, RothIra, RothLayer,
)
from rothroute.optimize.taxable_account import yield_of
from rothroute.vocab import AccountKind, IncomeKind
from rothroute.engine import Evaluation
from rothroute.household.social_security import indexed
from rothroute.household.survivor import after_death, dies_in, status_after
from rothroute.vocab import FilingStatus
from rothroute.roth_ira import five_year_start

MAGI_YEARS_KEPT = 2  # IRMAA looks back two years


def grown(cents: int, rate: Fraction, years: int = 1) -> int:
    """``cents`` × (1 + rate) ** years, half up to the cent."""
    value = Fraction(cents) * (1 + rate) ** years
    return int((2 * value.numerator + value.denominator) // (2 * value.denominator))


def _carries(ev: Evaluation) -> dict[tuple[str, str | None], int]:
    """The first RMD of the year not distributed in it, by (person, plan or None for the IRAs):
    next year's ``rmd_from_last_year``, due by April 1 (IRC §401(a)(9)(C); Treas. Reg.
    §1.402(c)-2(f)(1))."""
    return {(o.requirement.owner, o.requirement.account): o.carry for p in ev.rmd for o in p.outcomes}


def _person(ev: Evaluation, p: Person, inflation: Fraction) -> Person:
    ira, year = ev.ira, ev.ira.people[p.id]
    roth = ira.roth[p.id]
    start = five_year_start(p, year.roth_started(ev.household.tax_year))
    layers = tuple(RothLayer(year=y, taxable=t, nontaxable=n) for y, t, n in roth.layers if t or n)
    return dataclasses.replace(
        p, ira_basis=ira.forms[p.id].l14, last_60_day_ira_rollover=year.last_60_day,
        roth_ira=RothIra(first_year=start, contributions=roth.contributions, conversions=layers),
        first_rmd_deferred=False, rmd_from_last_year=_carries(ev).get((p.id, None), 0), rmd_shortfall_corrected=False,
        social_security=None if p.social_security is None else indexed(p.social_security, inflation),
        qcd_offset=year.qcd_offset_left if year.qcd else p.qcd_offset)


def _account(ev: Evaluation, a: Account, growth: Fraction, bought: Mapping[str, int], reinvested: bool) -> Account:
    plan = ev.ira.plans.get(a.id)
    if a.kind is AccountKind.TAXABLE:  # its basis after the year's sales, what was bought, and reinvested yields
        left = ev.ira.context.basis.get(a.id, a.cost_basis) if ev.ira.context else a.cost_basis
        paid = yield_of(a) if reinvested else 0
        return dataclasses.replace(a, value=grown(ev.ira.balances[a.id] + bought.get(a.id, 0), growth),
                                   cost_basis=left + bought.get(a.id, 0) + paid)
    if plan is None:
        return dataclasses.replace(a, value=grown(ev.ira.balances[a.id], growth), december_31_value=None)
    if a.plan is not None:
        a = dataclasses.replace(a, plan=dataclasses.replace(
            a.plan, first_rmd_deferred=False, rmd_from_last_year=_carries(ev).get((a.owner, a.id), 0)))
    after_tax = grown(plan.at_contributions + plan.at_earnings, growth)
    roth = grown(plan.roth_contributions + plan.roth_earnings, growth)
    sources = PlanSources(
        pretax=grown(plan.pretax, growth), after_tax_contributions=plan.at_contributions,
        after_tax_earnings=after_tax - plan.at_contributions, pre_1987_contributions=plan.pre_1987,
        roth_contributions=plan.roth_contributions, roth_earnings=roth - plan.roth_contributions,
        roth_first_year=plan.roth_first_year,
        roth_in_plan_rollovers=tuple(RothLayer(year=y, taxable=t, nontaxable=n) for y, t, n in plan.irr_layers))
    return dataclasses.replace(a, sources=sources, value=sources.total)


def _leaving(h: Household, pid: str | None) -> bool:
    """Whether the person (None: the only one) worked their last year at the current employer in
    ``h``'s tax year (``retirement_year``)."""
    people = [p for p in h.people if p.id == pid] if pid is not None else list(h.people)[:1] if len(h.people) == 1 else []
    return any(p.retirement_year is not None and p.retirement_year <= h.tax_year for p in people)


def _wages_end(h: Household, item: IncomeItem) -> bool:
    return item.kind == IncomeKind.WAGES and _leaving(h, item.person)


def _retired(p: Person, year: int) -> Person:
    if p.retirement_year is not None and p.retirement_year <= year:
        return dataclasses.replace(p, covered_by_workplace_plan=False)
    return p


def _separated(a: Account, h: Household) -> Account:
    """The current employer's plans of a person who retired this year: a former employer's from now."""
    if a.plan is None or a.plan.separated_from_service is not None or not _leaving(h, a.owner):
        return a
    person = next(p for p in h.people if p.id == a.owner)
    return dataclasses.replace(a, plan=dataclasses.replace(a.plan, separated_from_service=person.retirement_year))


def _on_marketplace(p: Person, year: int, month: int) -> bool:
    """Whether ``p`` is still before Medicare in ``month`` of ``year``: Medicare begins with the month
    a person attains 65 (42 U.S.C. §426(a); ``medicare.months_covered``)."""
    from rothroute.household.social_security import attains, month_of
    from rothroute.medicare import MEDICARE_AGE

    return year * 12 + month - 1 < month_of(attains(p.born, MEDICARE_AGE))


def coverage_next(h: Household, inflation: Fraction) -> HealthCoverage | None:
    """Next year's Marketplace coverage in a plan (None: none). The premiums of the year's last covered
    month are taken to cover every person on the return then before Medicare, in equal shares; each
    share grows with ``inflation`` and is paid for each month its person is still before Medicare
    (Medicare is minimum essential coverage, which ends the credit for that person: IRC §36B(c)(2)(B),
    §5000A(f)(1)(A)(i)), through ``to_year``. No advance payments in later years: the whole credit is
    on the return (from 2026 an excess advance payment is repaid in full, P.L. 119-21 §71305, so they
    change when the credit is paid, not how much). The plan's inflation projects the Form 8962 tables
    past the parameter file's years (``premium_tax_credit.projected``)."""
    from rothroute.tax.premium_tax_credit import month_rows

    c, year = h.health_coverage, h.tax_year + 1
    if c is None or (c.to_year is not None and year > c.to_year):
        return None
    rows = month_rows(c)
    last = max(rows)
    then = sum(1 for p in h.people if _on_marketplace(p, h.tax_year, last))
    if not then:
        return None
    premium, benchmark, _ = rows[last]
    each_premium, each_benchmark = grown(premium // then, inflation), grown(benchmark // then, inflation)
    alive = [p for p in h.people if not dies_in(p, h.tax_year)]
    counts = {m: sum(1 for p in alive if _on_marketplace(p, year, m)) for m in range(1, 13)}
    months = {m: k for m, k in counts.items() if k}
    if not months:
        return None
    size = None if c.family_size is None else max(1, c.family_size - (len(h.people) - len(alive)))
    first, final = min(months), max(months)
    base = HealthCoverage(benchmark_premium=each_benchmark * months[first], premium=each_premium * months[first],
                          first_month=first, last_month=final, family_size=size, to_year=c.to_year,
                          inflation=inflation)
    if len(set(months.values())) == 1 and final - first + 1 == len(months):
        return base
    return dataclasses.replace(base, monthly=tuple((m, each_benchmark * k, each_premium * k, 0)
                                                   for m, k in sorted(months.items())))


def next_year(ev: Evaluation, *, growth: Fraction, inflation: Fraction, bought: Mapping[str, int] | None = None,
              reinvested: bool = False) -> Household:
    """The household on January 1 of the next tax year, with no moves; after a death at the end of
    the year, the survivor's (``household.survivor``; where no one survives, the household is left as
    it is: the plan ends with the last death). A taxable account keeps the basis its sales left,
    plus what was bought into it at the year's end (``bought``, cents by account) and, when its
    dividends and interest are ``reinvested``, those too (IRC §1012); its value is what the sales left
    plus what was bought, grown."""
    h = ev.household
    out = _rolled(ev, growth=growth, inflation=inflation, bought=bought or {}, reinvested=reinvested)
    dead = [p.id for p in h.people if dies_in(p, h.tax_year)]
    if dead and len(dead) < len(h.people):
        for pid in dead:
            out = after_death(out, next(p for p in out.people if p.id == pid))
    elif out.filing_status is FilingStatus.SURVIVING_SPOUSE and out.spouse_died_in is not None:
        out = dataclasses.replace(out, filing_status=status_after(out, out.tax_year))
    return out


def _rolled(ev: Evaluation, *, growth: Fraction, inflation: Fraction, bought: Mapping[str, int],
            reinvested: bool) -> Household:
    h = ev.household
    history = dict(h.magi_history)
    history[h.tax_year] = int(ev.tax.values["irmaa.magi"])
    kept = {y: v for y, v in history.items() if y > h.tax_year - MAGI_YEARS_KEPT}
    return dataclasses.replace(
        h, tax_year=h.tax_year + 1, moves=(), magi_history=kept,
        people=tuple(_retired(_person(ev, p, inflation), h.tax_year) for p in h.people),
        accounts=tuple(_separated(_account(ev, a, growth, bought, reinvested), h) for a in h.accounts),
        income=tuple(IncomeItem(kind=i.kind, amount=grown(i.amount, inflation), person=i.person, start_year=i.start_year)
                     for i in h.income if not _wages_end(h, i)),
        health_coverage=coverage_next(h, inflation),
        origin=f"{h.origin} rolled to {h.tax_year + 1}" if h.origin else f"rolled to {h.tax_year + 1}")
