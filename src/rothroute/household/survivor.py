"""The household after a spouse's death, as a plan of several years carries it on.

A person's ``life_expectancy`` (a planning assumption) ends their life at the end of the year they
reach that age. The year of death is still a joint year: marital status is set at the time of death
(IRC §7703(a)(1)) and a joint return may be made for it (IRC §6013(a)(2)). From the next January 1:

- the survivor files single, or as a qualifying surviving spouse for the two years after the death
  where a dependent child lives with them (IRC §2(a); the file's ``dependent_child``): the brackets,
  standard deduction, Social Security base amounts and IRMAA table of that status follow;
- the survivor treats the deceased's IRAs as their own (the surviving spouse's election: IRS,
  "Retirement Topics - Beneficiary"; Pub 590-B): the traditional IRAs join theirs, the deceased's
  Form 8606 basis (line 14) joins theirs on line 2; the Roth IRAs join theirs, its 5-year period the
  earlier of the two (Treas. Reg. §1.408A-6 Q&A-7);
- the deceased's employer plans are rolled over to the survivor's own IRAs, as a spouse may
  (IRC §402(c)(9)): the non-Roth money to a traditional IRA (its after-tax contributions becoming
  IRA basis, §402(c)(2)), the designated Roth money to the Roth IRA (its contributions as regular
  contributions there, Treas. Reg. §1.408A-10 Q&A-3; in-plan Roth rollovers as conversion layers of
  their years);
- the survivor keeps the larger Social Security benefit (42 U.S.C. §402(e), (f), (k)(3)(A):
  ``social_security.survivor_benefit``), and the deceased's other income stops.

Not modelled: a deceased's first RMD deferred to April 1 of the year after death (the plan takes
RMDs in their year), remarriage, and a survivor who keeps an inherited IRA as a beneficiary."""

from __future__ import annotations

import dataclasses
import datetime as _dt

from rothroute.household.model import Account, Household, IncomeItem, Person, RothIra, RothLayer
from rothroute.household.social_security import month_of, survivor_benefit
from rothroute.vocab import AccountKind, FilingStatus, IncomeKind

QSS_YEARS = 2  # IRC §2(a)(1)(A): the two taxable years after the year of death
CITES = ("IRC §7703(a)(1)", "IRC §6013(a)(2)", "IRC §2(a)", "IRC §402(c)(9)", "Treas. Reg. §1.408A-6 Q&A-7",
         "42 U.S.C. §402(e), (f), (k)(3)(A)")
IRA_TARGETS = (AccountKind.TRADITIONAL_IRA, AccountKind.SEP_IRA)


def dies_in(p: Person, year: int) -> bool:
    """Whether ``p``'s life ends at the end of ``year``."""
    last = p.last_year()
    return last is not None and last <= year


def status_after(h: Household, year: int) -> FilingStatus:
    """A survivor's filing status in ``year``: qualifying surviving spouse the two years after the death
    with a dependent child at home, single otherwise."""
    if h.spouse_died_in is not None and h.dependent_child and year - h.spouse_died_in <= QSS_YEARS:
        return FilingStatus.SURVIVING_SPOUSE
    return FilingStatus.SINGLE


def _merged_roth(survivor: RothIra, deceased: RothIra, extra: int, layers: tuple[RothLayer, ...], year: int) -> RothIra:
    starts = [y for y in (survivor.first_year, deceased.first_year) if y is not None]
    if extra or layers:
        starts.append(year)
    return RothIra(first_year=min(starts) if starts else None,
                   contributions=survivor.contributions + deceased.contributions + extra,
                   conversions=tuple(sorted(survivor.conversions + deceased.conversions + layers, key=lambda x: x.year)))


def after_death(h: Household, died: Person) -> Household:
    """``h`` (the January 1 after ``died``'s death, the deceased still in it) as the survivor's."""
    survivor = next(p for p in h.people if p.id != died.id)
    year = h.tax_year
    death = _dt.date(year - 1, 12, 31)
    basis, roth_extra, roth_layers = died.ira_basis, 0, []
    accounts: list[Account] = []
    target = next((a for a in h.accounts if a.owner in (survivor.id, died.id) and a.kind in IRA_TARGETS), None)
    roth = next(a for a in h.accounts if a.owner == survivor.id and a.kind is AccountKind.ROTH_IRA) \
        if any(a.owner == survivor.id and a.kind is AccountKind.ROTH_IRA for a in h.accounts) else \
        next((a for a in h.accounts if a.owner == died.id and a.kind is AccountKind.ROTH_IRA), None)
    rolled_in: dict[str, int] = {}
    new: list[Account] = []
    for a in h.accounts:
        if a.owner != died.id:
            accounts.append(a)
            continue
        if a.kind is AccountKind.TAXABLE:  # the survivor's, its basis stepped up to its value at death (§1014(a)(1))
            accounts.append(dataclasses.replace(a, owner=survivor.id, cost_basis=a.value))
            continue
        if a.sources is None:  # IRAs and Roth IRAs: the survivor's own from now
            accounts.append(dataclasses.replace(a, owner=survivor.id))
            continue
        s = a.sources  # a plan: rolled over to the survivor's IRAs (IRC §402(c)(9))
        non_roth = s.pretax + s.after_tax_contributions + s.after_tax_earnings
        basis += s.after_tax_contributions
        if non_roth:
            if target is None:
                target = Account(id=_fresh(h, f"{a.id}_ira"), owner=survivor.id, kind=AccountKind.TRADITIONAL_IRA)
                new.append(target)
            rolled_in[target.id] = rolled_in.get(target.id, 0) + non_roth
        drac = s.roth_contributions + s.roth_earnings
        if drac:
            if roth is None:
                roth = Account(id=_fresh(h, f"{survivor.id}_new_roth_ira"), owner=survivor.id, kind=AccountKind.ROTH_IRA)
                new.append(roth)
            rolled_in[roth.id] = rolled_in.get(roth.id, 0) + drac
            layers = sum(x.taxable + x.nontaxable for x in s.roth_in_plan_rollovers)
            roth_extra += max(0, s.roth_contributions - layers)
            roth_layers += list(s.roth_in_plan_rollovers)
    accounts = [dataclasses.replace(a, owner=survivor.id if a.owner == died.id else a.owner,
                                    value=a.value + rolled_in.get(a.id, 0)) for a in accounts + new]
    ss = survivor.social_security
    income = [i for i in h.income if i.person != died.id]
    theirs = [i for i in h.income if i.person == died.id and i.kind is IncomeKind.SOCIAL_SECURITY]
    if ss is not None:
        monthly, start = survivor_benefit(died, survivor, death, deceased_paid=sum(i.amount for i in theirs) // 12)
        if monthly > ss.survivor_benefit:
            ss = dataclasses.replace(ss, survivor_benefit=monthly,
                                     survivor_benefit_from=None if month_of(start) <= year * 12 else start)
    elif died.social_security is not None or theirs:
        # the survivor's benefit is an income item: the larger of theirs and the widow(er)'s a year
        monthly, start = survivor_benefit(died, survivor, death, deceased_paid=sum(i.amount for i in theirs) // 12)
        own = [i for i in income if i.person == survivor.id and i.kind is IncomeKind.SOCIAL_SECURITY]
        yearly = monthly // 100 * 100 * 12 if month_of(start) <= year * 12 else 0
        if yearly > sum(i.amount for i in own):
            income = [i for i in income if i not in own] + [IncomeItem(kind=IncomeKind.SOCIAL_SECURITY, amount=yearly,
                                                                       person=survivor.id)]
    person = dataclasses.replace(
        survivor, ira_basis=survivor.ira_basis + basis, social_security=ss,
        roth_ira=_merged_roth(survivor.roth_ira, died.roth_ira, roth_extra, tuple(roth_layers), year))
    out = dataclasses.replace(h, people=(person,), accounts=tuple(accounts), income=tuple(income),
                              spouse_died_in=year - 1, lived_apart_all_year=False)
    return dataclasses.replace(out, filing_status=status_after(out, year))


def _fresh(h: Household, base: str) -> str:
    used = {a.id for a in h.accounts} | {p.id for p in h.people}
    name, k = base, 1
    while name in used:
        k += 1
        name = f"{base}_{k}"
    return name

