"""Required minimum distributions of one tax year: what each person's IRAs (together) and each
employer plan (on its own) must pay out, what the year's moves paid toward it, what is short, and
the excise on the shortfall.

- The RMD is last December 31's balance (the file's January 1 value; a plan's non-Roth money, the
  designated Roth account having none from 2024, SECURE 2.0 §325) over the Uniform Lifetime Table
  period of the age attained that year (IRC §401(a)(9)(A); Treas. Reg. §1.401(a)(9)-5(a)(1), (b);
  §1.408-8(b)(2); §1.401(a)(9)-9(c)), to the cent, half up (the figures of the example of Treas.
  Reg. §1.408-8(e)(4)(iii)). A person's IRAs owe one total, taken from any of them (§1.408-8(e)(1));
  each plan owes its own.
- The first distribution year's RMD may wait until April 1 of the next year (the required
  beginning date, IRC §401(a)(9)(C)); the next year then owes it by April 1 and its own RMD by
  December 31 (Treas. Reg. §54.4974-1(f)). Distributions of a year pay last year's deferred RMD
  first, then the year's own; until both are paid the dollars distributed are RMDs and cannot be
  rolled over or converted (§1.402(c)-2(f)(1); §1.408-8(b)(3)) — in the first year too.
- What is not paid by its deadline bears the excise of IRC §4974(a): 25% of the shortfall, 10%
  when it is distributed within the correction window (§4974(e), SECURE 2.0 §302; Treas. Reg.
  §54.4974-1(a)), on Form 5329 Part IX (lines 52-55), due for the year of the deadline."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from rothroute.errors import Issue
from rothroute.explain import Line
from rothroute.household.distribution_years import distribution_period, ira_first_year, plan_first_year
from rothroute.household.model import Household, Person
from rothroute.household.moves import Destination, Distribution, Move, Withdrawal
from rothroute.money import as_number, dollars, ratio_times, times
from rothroute.params import default_set
from rothroute.vocab import NON_ROTH_IRAS, Severity

if TYPE_CHECKING:
    from rothroute.moves.state import IraYear

DUE_CITES = ("IRC §401(a)(9)(A), (C)", "IRC §408(a)(6)", "Treas. Reg. §1.401(a)(9)-5(a)(1), (b)",
             "Treas. Reg. §1.408-8(b)(2), (e)(1)", "Treas. Reg. §1.401(a)(9)-9(c)")
DEFERRAL_CITES = ("IRC §401(a)(9)(C)", "Treas. Reg. §1.401(a)(9)-5(a)(2)(ii)", "Treas. Reg. §1.408-8(b)(1)(i)",
                  "Treas. Reg. §1.402(c)-2(f)(1)", "Treas. Reg. §54.4974-1(f)")
EXCISE_CITES = ("IRC §4974(a), (e)", "SECURE 2.0 Act §302", "Treas. Reg. §54.4974-1(a), (f)",
                "Form 5329 Part IX, lines 52-55")


@dataclass(frozen=True, slots=True, kw_only=True)
class Requirement:
    """One RMD owed in the year: a person's IRAs together (``account`` None) or one plan."""

    owner: str
    account: str | None
    where: str  # the file place of its RMD fields: people[i] or accounts[j].plan
    year: int
    balance: int  # last December 31 (cents)
    period: Fraction | None  # the Uniform Lifetime Table period, None before the first year
    age: int
    due: int  # the year's RMD
    first_year: bool  # the first distribution calendar year: due by April 1 of the next
    deferred: bool  # first year, left to April 1 of the next (elected, or the current employer's plan)
    carried: int  # last year's first RMD, deferred, due by April 1 of this year
    holdings: tuple[str, ...] = ()  # the accounts whose balance it is

    @property
    def label(self) -> str:
        return f"{self.owner}'s IRAs" if self.account is None else f"the plan {self.account}"

    @property
    def first_dollars(self) -> int:
        """What the year's distributions pay before any dollar may be rolled over or converted."""
        return self.carried + self.due

    @property
    def to_take(self) -> int:
        """What a plan that takes every RMD on time takes this year."""
        return self.carried + (0 if self.deferred else self.due)

    @property
    def due_by(self) -> _dt.date:
        return _dt.date(self.year + 1, 4, 1) if self.first_year else _dt.date(self.year, 12, 31)


def _requirement(h: Household, p: Person, account: str | None, where: str, balance: int, first: int | None,
                 deferred: bool, carried: int, holdings: tuple[str, ...]) -> Requirement:
    year = h.tax_year
    period = distribution_period(p, year) if first is not None and year >= first else None
    # never more than the account holds (Treas. Reg. §1.401(a)(9)-5(a)(1)), last year's deferred RMD first
    carried = min(carried, balance)
    due = min(balance - carried, ratio_times(balance, period.denominator, period.numerator)) if period else 0
    return Requirement(owner=p.id, account=account, where=where, year=year, balance=balance, period=period,
                       age=year - p.born.year, due=due, first_year=first == year and due > 0,
                       deferred=first == year and due > 0 and deferred, carried=carried, holdings=holdings)


# ``requirements``' last answer, with the people and accounts it was for (the same tuples, held, and the year)
_LAST: tuple[Any, Any, int, tuple[Requirement, ...]] | None = None


def requirements(h: Household) -> tuple[Requirement, ...]:
    """The year's requirements: each person's IRAs, then each of their plans. They depend on the year, the people
    and the accounts alone, all frozen: the last answer is kept for the same tuples of people and accounts (the
    engine asks four times for each year it prices: for the year's RMD moves, then, of the household with its
    moves, which shares those tuples, for the state on January 1, the year's end and the minimums it reports)."""
    global _LAST
    last = _LAST
    if last is not None and last[0] is h.people and last[1] is h.accounts and last[2] == h.tax_year:
        return last[3]
    out = _requirements(h)
    if isinstance(h.people, tuple) and isinstance(h.accounts, tuple):  # (never a list, which could change)
        _LAST = (h.people, h.accounts, h.tax_year, out)
    return out


def _requirements(h: Household) -> tuple[Requirement, ...]:
    out = []
    for i, p in enumerate(h.people):
        own = tuple(a for a in h.accounts if a.owner == p.id and a.kind in NON_ROTH_IRAS)
        out.append(_requirement(h, p, None, f"people[{i}]", sum(a.value for a in own), ira_first_year(p),
                                p.first_rmd_deferred, p.rmd_from_last_year, tuple(a.id for a in own)))
        for j, a in enumerate(h.accounts):
            if a.owner != p.id or a.sources is None or a.plan is None:
                continue
            s, rules = a.sources, a.plan
            # the current employer's plan in the year of leaving: the person works there to the year's end
            current = rules.separated_from_service is None and not rules.five_percent_owner
            out.append(_requirement(h, p, a.id, f"accounts[{j}].plan",
                                    s.pretax + s.after_tax_contributions + s.after_tax_earnings,
                                    plan_first_year(p, a), rules.first_rmd_deferred or current,
                                    rules.rmd_from_last_year, (a.id,)))
    return tuple(out)


def required_minimums(h: Household) -> tuple[dict[str, int], dict[str, int]]:
    """What the year's RMDs take when taken on time (cents): by person from their IRAs together,
    and by plan; a deferred first RMD is next year's."""
    reqs = requirements(h)
    return ({r.owner: r.to_take for r in reqs if r.account is None},
            {r.account: r.to_take for r in reqs if r.account is not None})


def rmd_moves(h: Household) -> list[Move]:
    """The year's RMDs as moves, first thing in January (by April 1 for last year's deferred
    one): withdrawals from the person's IRAs, largest first (any of them may pay the total,
    Treas. Reg. §1.408-8(e)(1)), and cash distributions from each plan (IRC §402(c)(4)(B))."""
    on = _dt.date(h.tax_year, 1, 2)
    moves: list[Move] = []
    for r in requirements(h):
        left = r.to_take
        if left <= 0:
            continue
        if r.account is None:
            own = sorted((a for a in h.accounts if a.owner == r.owner and a.kind in NON_ROTH_IRAS),
                         key=lambda a: -a.value)
            for a in own:
                take = min(left, a.value)
                if take > 0:
                    moves.append(Withdrawal(on=on, from_account=a.id, amount=take))
                    left -= take
            continue
        account = next(a for a in h.accounts if a.id == r.account)
        s = account.sources
        assert s is not None
        take = min(left, s.pretax + s.after_tax_contributions + s.after_tax_earnings)
        if take > 0:
            moves.append(Distribution(on=on, from_account=account.id, sources=("pretax", "after_tax"), amount=take,
                                      to=(Destination(account=None, amount=None),)))
    return moves


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """A requirement after the year's moves."""

    requirement: Requirement
    carried_on_time: int = 0  # paid toward last year's deferred RMD by April 1
    carried_late: int = 0  # paid toward it after April 1 (a corrective distribution)
    paid: int = 0  # paid toward the year's own RMD

    @property
    def carried_short(self) -> int:
        return self.requirement.carried - self.carried_on_time

    @property
    def short(self) -> int:
        """The year's own RMD not paid by December 31 (none in the first year: its deadline is next year's)."""
        r = self.requirement
        return 0 if r.first_year else r.due - self.paid

    @property
    def carry(self) -> int:
        """The first year's RMD left for April 1 of next year (next year's ``rmd_from_last_year``)."""
        r = self.requirement
        return r.due - self.paid if r.first_year else 0

    def to_json(self) -> dict[str, Any]:
        r = self.requirement
        return {"due": as_number(r.due), "balance": as_number(r.balance),
                "period": None if r.period is None else str(float(r.period)), "age": r.age,
                "first_year": r.first_year, "deferred": r.deferred, "due_by": r.due_by.isoformat(),
                "from_last_year": as_number(r.carried), "from_last_year_by_april_1": as_number(self.carried_on_time),
                "taken": as_number(self.paid), "shortfall": as_number(self.carried_short + self.short),
                "carry_to_next_year": as_number(self.carry)}


def outcome(r: Requirement, payments: list[tuple[_dt.date, int]]) -> Outcome:
    """What ``payments`` (date, cents, in date order: the RMD part of each distribution) paid: last
    year's deferred RMD first, by April 1 or after, then the year's own."""
    deadline = _dt.date(r.year, 4, 1)
    on_time = late = paid = 0
    for on, amount in payments:
        to_carried = min(amount, r.carried - on_time - late)
        if on <= deadline:
            on_time += to_carried
        else:
            late += to_carried
        paid += min(amount - to_carried, r.due - paid)
    return Outcome(requirement=r, carried_on_time=on_time, carried_late=late, paid=paid)


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonRmd:
    """A person's RMDs of the year and their Form 5329 Part IX."""

    person: Person
    index: int
    outcomes: tuple[Outcome, ...]
    excise: int  # Form 5329 line 55

    @property
    def line_52(self) -> int:
        """The RMDs whose deadline is in this year: last year's deferred one and, but in the first
        year, this year's own."""
        return sum(o.requirement.carried + (0 if o.requirement.first_year else o.requirement.due)
                   for o in self.outcomes)

    @property
    def line_54(self) -> int:
        return sum(o.carried_short + o.short for o in self.outcomes)

    def to_json(self) -> dict[str, Any]:
        iras = next(o for o in self.outcomes if o.requirement.account is None)
        return {"iras": iras.to_json(),
                "plans": {o.requirement.account: o.to_json() for o in self.outcomes if o.requirement.account},
                "form_5329": {"52": as_number(self.line_52), "53": as_number(self.line_52 - self.line_54),
                              "54": as_number(self.line_54), "55": as_number(self.excise)},
                "excise": as_number(self.excise)}


def _excise(person: Person, outcomes: tuple[Outcome, ...]) -> int:
    """Form 5329 line 55: 25% of each shortfall, 10% of one corrected within the correction window (a
    late payment this year of all of last year's deferred RMD, or ``rmd_shortfall_corrected``)."""
    rmd = default_set().standing["rmd"]
    full = corrected = 0
    for o in outcomes:
        if o.carried_short:
            if person.rmd_shortfall_corrected or o.carried_late == o.carried_short:
                corrected += o.carried_short
            else:
                full += o.carried_short
        if person.rmd_shortfall_corrected:
            corrected += o.short
        else:
            full += o.short
    return times(full, rmd["excise_rate"]) + times(corrected, rmd["corrected_excise_rate"])


def year_end(h: Household, ira: IraYear | None) -> tuple[PersonRmd, ...]:
    """Each person's RMDs after the year's moves (``ira``; None: no moves at all)."""
    reqs = requirements(h)
    out = []
    for i, p in enumerate(h.people):
        outcomes = []
        for r in (x for x in reqs if x.owner == p.id):
            if ira is None:
                payments: list[tuple[_dt.date, int]] = []
            elif r.account is None:
                payments = ira.people[p.id].rmd_payments
            else:
                payments = ira.plans[r.account].rmd_payments
            outcomes.append(outcome(r, payments))
        done = tuple(outcomes)
        out.append(PersonRmd(person=p, index=i, outcomes=done, excise=_excise(p, done)))
    return tuple(out)


def _money(value: int) -> str:
    return f"${dollars(value, grouping=True)}"


def issues(year: tuple[PersonRmd, ...]) -> list[Issue]:
    """A warning for each shortfall; a note (or, unasked, a warning) for a first RMD left to April 1."""
    out = []
    for pr in year:
        rmd = default_set().standing["rmd"]
        for o in pr.outcomes:
            r = o.requirement
            where = r.where.removesuffix(".plan")
            if o.carried_short or o.short:
                short = o.carried_short + o.short
                window = r.year + 2
                parts = []
                if o.carried_short:
                    parts.append(f"of last year's first RMD ({_money(r.carried)}, due by April 1, {r.year}), "
                                 f"{_money(o.carried_on_time)} was paid by then")
                if o.short:
                    parts.append(f"the {r.year} RMD is {_money(r.due)} ({_money(r.balance)} on December 31, "
                                 f"{r.year - 1}, over {float(r.period or 0):g}, the Uniform Lifetime Table period at "
                                 f"{r.age}) and {_money(o.paid)} was distributed toward it")
                full, corrected = rmd["excise_rate"], rmd["corrected_excise_rate"]
                out.append(Issue(
                    severity=Severity.WARNING, code="rmd_shortfall", where=where,
                    message=(f"{r.label}: " + "; ".join(parts) + f": {_money(short)} short. The excise of IRC "
                             f"§4974 is {float(full):.0%} of the shortfall ({_money(times(short, full))}, Form 5329 "
                             f"line 55, not part of total_tax), or {float(corrected):.0%} "
                             f"({_money(times(short, corrected))}) when the shortfall is distributed within the "
                             f"correction window (at the latest by December 31, {window}) and a return reflecting the "
                             f"tax is filed; the file says so with rmd_shortfall_corrected. The IRS may waive it for "
                             f"reasonable error (Treas. Reg. §54.4974-1(g))."),
                    cites=EXCISE_CITES))
            if o.carry:
                told = r.deferred
                out.append(Issue(
                    severity=Severity.INFO if told else Severity.WARNING,
                    code="first_rmd_deferred" if told else "first_rmd_not_taken", where=where,
                    message=(f"{r.label}: {r.year} is the first RMD year; {_money(o.carry)} of its RMD "
                             f"({_money(r.due)}) was not distributed in {r.year}"
                             + ("" if told else " though the file does not say the wait is meant (first_rmd_deferred)")
                             + f". It is due by April 1, {r.year + 1}, beside the {r.year + 1} RMD due by December 31: "
                             f"both are {r.year + 1} income, and until both are out no dollar may be rolled over or "
                             f"converted. Next year's file carries it as rmd_from_last_year."),
                    cites=DEFERRAL_CITES))
    return out


def lines(year: tuple[PersonRmd, ...]) -> list[Line]:
    """The explanation trail: each requirement's RMD and what was paid, and Form 5329 Part IX."""
    out = []
    for pr in year:
        pid = pr.person.id
        for o in pr.outcomes:
            r = o.requirement
            if not (r.due or r.carried):
                continue
            key = f"people.{pid}.rmd.{'iras' if r.account is None else r.account}"
            source = (f"the IRAs' value on December 31, {r.year - 1}" if r.account is None
                      else f"the plan's non-Roth money on December 31, {r.year - 1}")
            out.append(Line(key=f"{key}.due", value=r.due,
                            label=f"{r.label}: RMD for {r.year}, {source} ({_money(r.balance)}) over "
                                  f"{float(r.period or 0):g} (Uniform Lifetime Table, age {r.age}); due by "
                                  f"{r.due_by.isoformat()}", cites=DUE_CITES + (DEFERRAL_CITES if r.first_year else ()),
                            inputs=tuple(f"accounts.{a}.{'value' if r.account is None else 'sources'}"
                                         for a in r.holdings) + (f"people.{pid}.born",)))
            if r.carried:
                out.append(Line(key=f"{key}.from_last_year", value=r.carried,
                                label=f"{r.label}: last year's first RMD, due by April 1, {r.year}; paid by then",
                                cites=DEFERRAL_CITES,
                                inputs=(f"people.{pid}.rmd_from_last_year" if r.account is None
                                        else f"accounts.{r.account}.plan.rmd_from_last_year",)))
            out.append(Line(key=f"{key}.taken", value=o.paid + o.carried_on_time + o.carried_late,
                            label=f"{r.label}: distributed toward the RMDs (last year's first, then this year's)",
                            cites=("Treas. Reg. §1.402(c)-2(f)(1)", "Treas. Reg. §1.408-8(b)(3), (g)(1)"),
                            inputs=(f"{key}.due",)))
        if not pr.line_52:
            continue
        base = f"people.{pid}.f5329"
        out += [Line(key=f"{base}.52", value=pr.line_52, label=f"{pid}: minimum required distributions due this year",
                     cites=EXCISE_CITES),
                Line(key=f"{base}.53", value=pr.line_52 - pr.line_54, label=f"{pid}: distributed toward them in time",
                     cites=EXCISE_CITES),
                Line(key=f"{base}.54", value=pr.line_54, label=f"{pid}: the shortfall", cites=EXCISE_CITES,
                     inputs=(f"{base}.52", f"{base}.53")),
                Line(key=f"{base}.55", value=pr.excise,
                     label=f"{pid}: excise on the shortfall, 25% (10% if corrected in the correction window)",
                     cites=EXCISE_CITES, inputs=(f"{base}.54",))]
    return out
