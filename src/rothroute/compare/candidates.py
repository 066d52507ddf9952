"""The strategies a household can try this year, written as moves in household-file notation.

Each candidate is built from the file's accounts and plan rules; whether the law and the plan
allow it is decided by the moves engine when the candidate is priced (a refused move rules the
strategy out with the engine's reason and citation). A few are ruled out here, before pricing,
where no move could express them (an in-service withdrawal after separation, say)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass
from typing import Any

from rothroute.codes import known
from rothroute.household.model import Account, Household, Person
from rothroute.household.moves import (
    ALL, Contribution, Conversion, Destination, Distribution, InPlanRothRollover, Move, RollIn,
)
from rothroute.moves.ira_limits import contribution_limit
from rothroute.moves.plan import recovered
from rothroute.params import YearParams
from rothroute.roth_ira import age_59_half_on
from rothroute.vocab import NON_ROTH_IRAS, PLAN_KINDS, AccountKind

NOTICE = "IRS Notice 2014-54"


@dataclass(frozen=True, slots=True, kw_only=True)
class RuledOut:
    reason: str
    cites: tuple[str, ...]
    code: str

    def __post_init__(self) -> None:
        if not known(self.code):
            raise ValueError(f"code {self.code!r} is not in the registry (rothroute/codes.py)")

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "reason": self.reason, "cites": list(self.cites)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    name: str
    title: str
    label: str  # a few words, for tables
    how: str  # one plain-English sentence: what the client does
    cites: tuple[str, ...]
    moves: tuple[Move, ...] = ()
    opens: tuple[Account, ...] = ()  # accounts the strategy opens (a new Roth IRA, say)
    ruled_out: RuledOut | None = None
    requests: tuple[str, ...] = ()  # what to ask the plan or the IRA custodian for
    traps: tuple[str, ...] = ()


def _money(cents_: int) -> str:
    return f"${cents_ / 100:,.0f}" if cents_ % 100 == 0 else f"${cents_ / 100:,.2f}"


class _Accounts:
    """The person's accounts by kind, opening an empty one where a strategy needs it."""

    def __init__(self, h: Household, opened: tuple[Account, ...] = ()) -> None:
        self.h = h
        self.opened: list[Account] = list(opened)

    def get(self, person: Person, kind: AccountKind) -> Account:
        found = next((a for a in (*self.h.accounts, *self.opened) if a.owner == person.id and a.kind is kind), None)
        if found is None:
            suffix = "roth_ira" if kind is AccountKind.ROTH_IRA else "ira"
            found = Account(id=f"{person.id}_new_{suffix}", owner=person.id, kind=kind, value=0)
            self.opened.append(found)
        return found


def _when(person: Person, year: int, month: int = 6, day: int = 1) -> _dt.date:
    """A date in the year for the move: not before 59½ if 59½ falls in the year (IRC §72(t))."""
    on = _dt.date(year, month, day)
    half = age_59_half_on(person)
    return max(on, half) if half.year == year else on


def _rollable(a: Account) -> bool:
    return a.plan is not None and a.plan.separated_from_service is not None and a.sources is not None \
        and a.sources.total > 0


def _plans(h: Household) -> tuple[list[Account], list[Account]]:
    """The plans holding money, and those of them a former employer's (rollable)."""
    plans = [a for a in h.accounts if a.kind in PLAN_KINDS and a.sources is not None and a.sources.total > 0]
    return plans, [a for a in plans if _rollable(a)]


def candidates(h: Household, yp: YearParams) -> list[Candidate]:
    """Every strategy to price for the household this year, the baseline first."""
    out: list[Candidate] = []
    plans, rollable = _plans(h)
    out.append(Candidate(
        name="leave_in_plan" if plans else "do_nothing", label="leave in plan" if plans else "do nothing",
        title="Leave the money in the plan" if plans else "Do nothing this year",
        how="Make no move this year: the baseline every other strategy is priced against.",
        cites=()))
    if plans:
        out += [_split_rollover(h, rollable, plans), _irr_then_roll_out(h, rollable, plans),
                _all_to_roth_ira(h, rollable, plans)]
        out.append(_in_service_after_tax(h, plans))
        out += _mega_backdoor(h, yp, plans)
    out += _backdoor(h, yp)
    split = out[1] if plans else None
    if split is not None and split.ruled_out is None:
        out += _backdoor(h, yp, after=split)
    return out


def split_rollover_moves(h: Household) -> tuple[list[Move], Household] | None:
    """The split rollover of every former employer's plan, and the household with the accounts it
    opens (None when no plan can be rolled out)."""
    plans, rollable = _plans(h)
    if not rollable:
        return None
    c = _split_rollover(h, rollable, plans)
    return list(c.moves), dataclasses.replace(h, accounts=h.accounts + c.opens)


def _none_rollable(plans: list[Account]) -> RuledOut:
    return RuledOut(code="not_separated",
                    reason="The participant still works for the plan's employer: a full distribution is not "
                           "available before separation from service (59½ aside, by plan terms).",
                    cites=("IRC §401(k)(2)(B)(i)", "IRC §403(b)(11)", "the plan document"))


def _roth_out(h: Household, plan: Account, acc: _Accounts, on: _dt.date) -> list[Move]:
    s = plan.sources
    assert s is not None
    if s.roth_contributions + s.roth_earnings <= 0:
        return []
    roth_ira = acc.get(h.person(plan.owner), AccountKind.ROTH_IRA)
    return [Distribution(on=on, from_account=plan.id, sources=("roth",), amount=ALL,
                         to=(Destination(account=roth_ira.id, amount=ALL),))]


def _non_roth(s: Any) -> int:
    return s.pretax + s.after_tax_contributions + s.after_tax_earnings


def _split_rollover(h: Household, rollable: list[Account], plans: list[Account]) -> Candidate:
    acc = _Accounts(h)
    moves: list[Move] = []
    requests = []
    for plan in rollable:
        person = h.person(plan.owner)
        s = plan.sources
        assert s is not None
        on = _when(person, h.tax_year, 3, 2)
        ira, roth = acc.get(person, AccountKind.TRADITIONAL_IRA), acc.get(person, AccountKind.ROTH_IRA)
        pretax = s.pretax + s.after_tax_earnings
        if _non_roth(s):
            to = []
            if pretax:
                to.append(Destination(account=ira.id, amount=pretax, elect="pretax"))
            if s.after_tax_contributions:
                to.append(Destination(account=roth.id, amount=ALL))
            moves.append(Distribution(on=on, from_account=plan.id, sources=("pretax", "after_tax"), amount=ALL,
                                      to=tuple(to)))
            requests.append(f"Ask {plan.id} for one distribution of all the non-Roth money, paid at the same time: "
                            f"{_money(pretax)} (pretax money and after-tax earnings) by direct rollover to {ira.id}, "
                            f"{_money(s.after_tax_contributions)} (after-tax contributions) by direct rollover to "
                            f"{roth.id}. Elect in writing which part goes where.")
        roth_moves = _roth_out(h, plan, acc, on)
        if roth_moves:
            requests.append(f"In the same request, roll the designated Roth account "
                            f"({_money(s.roth_contributions + s.roth_earnings)}) directly to {roth.id}.")
        moves += roth_moves
    return Candidate(
        name="split_rollover", label="split rollover", title="Split direct rollover: pretax to a traditional IRA, after-tax to a Roth IRA",
        how="One distribution of everything, paid at the same time: the pretax money and the after-tax earnings "
            "by direct rollover to a traditional IRA, the after-tax contributions and the designated Roth money to "
            "a Roth IRA. The pretax part goes where the participant elects, so nothing is taxed.",
        cites=(NOTICE, "IRC §402(c)(2)", "IRC §408A(d)(3)", "Treas. Reg. §1.408A-10 Q&A-3"),
        moves=tuple(moves), opens=tuple(acc.opened), requests=tuple(requests),
        ruled_out=None if rollable else _none_rollable(plans),
        traps=("Some plans issue one Form 1099-R for a split rollover (box 1 the whole distribution, box 5 the "
               "after-tax contributions); check that box 2a is $0 and report the Roth IRA part as a rollover.",
               "Ask for both direct rollovers at the same time: disbursements scheduled together are one "
               "distribution; separate distributions are each pro rata (IRC §72(e)(8))."))


def _irr_then_roll_out(h: Household, rollable: list[Account], plans: list[Account]) -> Candidate:
    acc = _Accounts(h)
    moves: list[Move] = []
    requests = []
    offered = [a for a in plans if a.plan is not None and a.plan.in_plan_roth_rollover]
    for plan in rollable:
        person = h.person(plan.owner)
        s = plan.sources
        assert s is not None
        on = _when(person, h.tax_year, 3, 2)
        if s.after_tax_contributions + s.after_tax_earnings:
            moves.append(InPlanRothRollover(on=on, account=plan.id, sources=("after_tax",), amount=ALL))
            requests.append(f"Ask {plan.id} for an in-plan Roth rollover of the after-tax sub-account "
                            f"({_money(s.after_tax_contributions + s.after_tax_earnings)}).")
        later = on + _dt.timedelta(days=14)
        if s.pretax:
            ira = acc.get(person, AccountKind.TRADITIONAL_IRA)
            moves.append(Distribution(on=later, from_account=plan.id, sources=("pretax",), amount=ALL,
                                      to=(Destination(account=ira.id, amount=ALL),)))
            requests.append(f"Then roll the pretax money ({_money(s.pretax)}) directly to {ira.id}")
        roth = acc.get(person, AccountKind.ROTH_IRA)
        moves.append(Distribution(on=later, from_account=plan.id, sources=("roth",), amount=ALL,
                                  to=(Destination(account=roth.id, amount=ALL),)))
        requests.append(f"and the designated Roth account, now holding the converted money, directly to {roth.id}.")
    ruled = None if rollable else _none_rollable(plans)
    if ruled is None and not offered:
        ruled = RuledOut(code="plan_has_no_in_plan_roth_rollover", reason="The plan does not offer in-plan Roth "
                         "rollovers.", cites=("IRC §402A(c)(4)", "the plan document"))
    return Candidate(
        name="in_plan_roth_rollover_then_roll_out", label="IRR, then roll out",
        title="In-plan Roth rollover of the after-tax money, then roll everything out",
        how="Convert the after-tax sub-account inside the plan (its earnings are taxed), then roll the pretax "
            "money to a traditional IRA and the designated Roth account to a Roth IRA.",
        cites=("IRC §402A(c)(4)", "IRS Notice 2010-84", "IRC §72(d)(2)", "IRC §402A(c)(3)"),
        moves=tuple(moves), opens=tuple(acc.opened), requests=tuple(requests), ruled_out=ruled,
        traps=("An in-plan Roth rollover cannot be undone (no recharacterization).",))


def _all_to_roth_ira(h: Household, rollable: list[Account], plans: list[Account]) -> Candidate:
    acc = _Accounts(h)
    moves: list[Move] = []
    for plan in rollable:
        person = h.person(plan.owner)
        s = plan.sources
        assert s is not None
        on = _when(person, h.tax_year, 3, 2)
        roth = acc.get(person, AccountKind.ROTH_IRA)
        if _non_roth(s):
            moves.append(Distribution(on=on, from_account=plan.id, sources=("pretax", "after_tax"), amount=ALL,
                                      to=(Destination(account=roth.id, amount=ALL),)))
        moves += _roth_out(h, plan, acc, on)
    return Candidate(
        name="all_to_roth_ira", label="all to Roth IRA", title="Roll everything to a Roth IRA",
        how="One direct rollover of the whole plan to a Roth IRA: a conversion of all the pretax money and the "
            "after-tax earnings, taxed this year.",
        cites=("IRC §408A(d)(3)", "IRC §402(c)(8)(B)", NOTICE),
        moves=tuple(moves), opens=tuple(acc.opened),
        requests=tuple(f"Ask {p.id} for a direct rollover of everything to a Roth IRA." for p in rollable),
        ruled_out=None if rollable else _none_rollable(plans),
        traps=("The whole taxable amount lands in one year: it can push the client into a higher bracket and a "
               "higher IRMAA tier two years later.",))


def _in_service_after_tax(h: Household, plans: list[Account]) -> Candidate:
    acc = _Accounts(h)
    moves: list[Move] = []
    working = [a for a in plans if a.plan is not None and a.plan.separated_from_service is None]
    requests: list[str] = []
    for plan in working:
        person = h.person(plan.owner)
        s = plan.sources
        assert s is not None
        if not s.after_tax_contributions or s.after_tax_contributions + s.after_tax_earnings <= 0:
            continue
        on = _when(person, h.tax_year, 3, 2)
        # the part of the withdrawal that is pretax money: the earnings of a separate after-tax contract, or
        # the share of the whole contract's pretax money where the plan keeps one contract (IRC §72(e)(8)(B))
        paid = s.after_tax_contributions + s.after_tax_earnings
        separate = plan.plan is not None and plan.plan.after_tax_separate_contract
        value = paid if separate else paid + s.pretax
        pretax = paid - recovered(paid, s.after_tax_contributions, value, s.pre_1987_contributions)
        to = []
        if pretax > 0:
            to.append(Destination(account=acc.get(person, AccountKind.TRADITIONAL_IRA).id, amount=pretax,
                                  elect="pretax"))
        to.append(Destination(account=acc.get(person, AccountKind.ROTH_IRA).id, amount=ALL))
        moves.append(Distribution(on=on, from_account=plan.id, sources=("after_tax",), amount=ALL, to=tuple(to)))
        what = "its earnings" if separate else "the pretax share of the plan's one contract for non-Roth money"
        requests.append(f"Ask {plan.id} for an in-service withdrawal of the after-tax sub-account: the pretax part "
                        f"({what}, {_money(pretax)}) by direct rollover to a traditional IRA, the after-tax part "
                        f"({_money(paid - pretax)}) to a Roth IRA, paid at the same time.")
    ruled = None
    if not working:
        ruled = RuledOut(code="separated", reason="The participant has left the employer: a full distribution "
                         "(the split rollover) does the same and more.", cites=(NOTICE,))
    elif not moves:
        ruled = RuledOut(code="no_after_tax_money", reason="No after-tax money in the plan to withdraw.", cites=())
    return Candidate(
        name="in_service_after_tax_split", label="in-service split", title="In-service withdrawal of the after-tax money, split",
        how="While still working, withdraw the after-tax sub-account: its earnings by direct rollover to a "
            "traditional IRA, its contributions to a Roth IRA.",
        cites=(NOTICE, "IRC §72(d)(2)", "the plan document"), moves=tuple(moves), opens=tuple(acc.opened),
        ruled_out=ruled, requests=tuple(requests),
        traps=("Only where the plan allows in-service withdrawals of after-tax money and accounts for it as a "
               "separate contract; otherwise the withdrawal carries pretax money pro rata.",))


def _mega_backdoor(h: Household, yp: YearParams, plans: list[Account]) -> list[Candidate]:
    limits = yp.retirement_limits
    wages = {p.id: sum(i.amount for i in h.income if i.kind == "wages" and i.person in (p.id, None))
             for p in h.people}
    out = []
    for variant in ("in_plan", "rollout"):
        acc = _Accounts(h)
        moves: list[Move] = []
        requests: list[str] = []
        ruled = None
        for plan in plans:
            rules = plan.plan
            if rules is None or rules.separated_from_service is not None or not rules.after_tax_contributions:
                continue
            person = h.person(plan.owner)
            room = min(limits["annual_additions"], wages[person.id]) - rules.employer_contributions
            if room <= 0:
                continue
            on = _dt.date(h.tax_year, 1, 15)
            moves.append(Contribution(on=on, to_account=plan.id, amount=room, type="after_tax", for_year=h.tax_year))
            requests.append(f"Elect after-tax (non-Roth) payroll contributions of {_money(room)} to {plan.id} this "
                            "year, and ask for " + ("an automatic in-plan Roth rollover of each one." if variant ==
                                                    "in_plan" else "an in-service withdrawal of the after-tax money "
                                                    "to a Roth IRA after each one."))
            if variant == "in_plan":
                moves.append(InPlanRothRollover(on=on + _dt.timedelta(days=1), account=plan.id, sources=("after_tax",),
                                                amount=ALL))
            else:
                moves.append(Distribution(on=on + _dt.timedelta(days=1), from_account=plan.id, sources=("after_tax",),
                                          amount=ALL, to=(Destination(account=acc.get(person, AccountKind.ROTH_IRA).id,
                                                                      amount=ALL),)))
        if not moves:
            ruled = RuledOut(code="no_after_tax_contributions",
                             reason="No plan of a current employer takes after-tax contributions with §415(c) room "
                                    "left.", cites=("IRC §415(c)(1)", "the plan document"))
        title = ("Mega-backdoor Roth: after-tax contributions, converted in the plan" if variant == "in_plan" else
                 "Mega-backdoor Roth: after-tax contributions, rolled out to a Roth IRA")
        out.append(Candidate(
            name=f"mega_backdoor_{variant}", label="mega-backdoor, " + ("IRR" if variant == "in_plan" else "rollout"), title=title,
            how="Fill the §415(c) room left after deferrals and employer money with after-tax contributions and "
                + ("convert them at once in the plan." if variant == "in_plan" else
                   "withdraw them at once to a Roth IRA (an in-service withdrawal)."),
            cites=("IRC §415(c)(1)", "IRC §402A(c)(4)" if variant == "in_plan" else NOTICE, "IRS Notice 2025-67"),
            moves=tuple(moves), opens=tuple(acc.opened), ruled_out=ruled, requests=tuple(requests),
            traps=("Assumes no elective deferrals this year beyond the file's moves: deferrals use the same "
                   "§415(c) room.", "Convert soon after each contribution: earnings in between are taxed.")))
    return out


def _pretax_sent(split: Candidate) -> dict[str, int]:
    """The pretax money a split rollover sends to each traditional IRA (cents)."""
    sent: dict[str, int] = {}
    for m in split.moves:
        for d in getattr(m, "to", ()):
            if d.elect == "pretax" and d.account is not None and d.amount is not None:
                sent[d.account] = sent.get(d.account, 0) + d.amount
    return sent


def _backdoor(h: Household, yp: YearParams, after: Candidate | None = None) -> list[Candidate]:
    """The backdoor Roth, with and without a roll-in; ``after``: following that split rollover in
    the same year (the pretax money it sends to the IRA is then in the way)."""
    out = []
    sent = _pretax_sent(after) if after else {}
    for with_roll_in in (False, True):
        acc = _Accounts(h, after.opens if after else ())
        moves: list[Move] = list(after.moves) if after else []
        requests: list[str] = list(after.requests) if after else []
        ruled = None
        for person in h.people:
            amount = contribution_limit(person, yp)
            ira = acc.get(person, AccountKind.TRADITIONAL_IRA)
            roth = acc.get(person, AccountKind.ROTH_IRA)
            if with_roll_in:
                pretax_iras = [a for a in (*h.accounts, *acc.opened) if a.owner == person.id
                               and a.kind in NON_ROTH_IRAS and a.value + sent.get(a.id, 0)]
                target = next((a for a in h.accounts if a.owner == person.id and a.kind in PLAN_KINDS
                               and a.plan is not None and a.plan.accepts_ira_rollins), None)
                if pretax_iras and target is None:
                    ruled = RuledOut(code="no_plan_takes_roll_ins",
                                     reason=f"No employer plan of {person.id} accepts rollovers from IRAs.",
                                     cites=("IRC §408(d)(3)(A)(ii)", "the plan document"))
                if target is not None:
                    basis = person.ira_basis
                    for a in pretax_iras:
                        value = a.value + sent.get(a.id, 0)
                        amount_in = value - min(basis, value)
                        basis -= min(basis, value)
                        if amount_in > 0:
                            requests.append(f"Ask {target.id} to take a direct rollover of {_money(amount_in)} of "
                                            f"pretax money from {a.id}, completed by December 31.")
                            moves.append(RollIn(on=_dt.date(h.tax_year, 11, 15), from_account=a.id,
                                                to_account=target.id, amount=amount_in))
            requests.append(f"Contribute {_money(amount)} to {ira.id} as a nondeductible contribution for "
                            f"{h.tax_year}, then convert it to {roth.id}; file Form 8606 Parts I and II.")
            moves.append(Contribution(on=_dt.date(h.tax_year, 11, 20), to_account=ira.id, amount=amount,
                                      type="nondeductible", for_year=h.tax_year))
            moves.append(Conversion(on=_dt.date(h.tax_year, 12, 1), from_account=ira.id, to_account=roth.id,
                                    amount=amount))
        if with_roll_in and ruled is None and not any(isinstance(m, RollIn) for m in moves):
            ruled = RuledOut(code="nothing_to_roll_in", reason="The IRAs hold no pretax money: the plain backdoor "
                             "Roth is already free of the pro-rata rule.", cites=("IRC §408(d)(2)",))
        name = "backdoor_roth_with_roll_in" if with_roll_in else "backdoor_roth"
        title = ("Backdoor Roth after rolling pretax IRA money into the employer plan" if with_roll_in
                 else "Backdoor Roth: nondeductible IRA contribution, then convert")
        out.append(Candidate(
            name=f"split_rollover_then_{name}" if after else name,
            label=("split + " if after else "") + ("backdoor + roll-in" if with_roll_in else "backdoor Roth"),
            title=f"Split rollover, then {title[0].lower()}{title[1:]}" if after else title,
            how=("First the split rollover. " if after else "") + ("Roll the pretax IRA money into an employer plan that accepts it by December 31, then make a "
                 "nondeductible IRA contribution and convert it: with no pretax IRA money on December 31 the "
                 "conversion is tax-free." if with_roll_in else
                 "Make a nondeductible IRA contribution and convert it to the Roth IRA. Any pretax IRA money on "
                 "December 31 makes the conversion partly taxable (Form 8606 pro-rata)."),
            cites=(after.cites if after else ()) + ("IRC §408(d)(2)", "IRC §408A(d)(3)", "Form 8606 instructions",
                                                    "IRC §219(b)") + (("IRC §408(d)(3)(A)(ii)",) if with_roll_in else ()),
            moves=tuple(moves), opens=tuple(acc.opened), ruled_out=ruled, requests=tuple(requests),
            traps=(("The roll-in must land by December 31: Form 8606 line 6 counts the December 31 value of every "
                    "traditional, SEP and SIMPLE IRA.",) if with_roll_in else
                   ("Form 8606 line 6 counts the December 31 value of all traditional, SEP and SIMPLE IRAs.",))))
    return out
