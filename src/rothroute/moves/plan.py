"""Employer plan moves: distributions to several destinations (Notice 2014-54), in-plan Roth
rollovers (IRC §402A(c)(4)) and roll-ins of IRA money (IRC §408(d)(3)(A)(ii))."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rothroute.errors import Issue
from rothroute.household.model import Account, Household, Person
from rothroute.household.moves import Contribution, Destination, Distribution, InPlanRothRollover, RollIn
from rothroute.moves.form_1099r import Form1099R
from rothroute.moves.state import Plan, Refuse, YearState, resolve_amount
from rothroute.params import YearParams
from rothroute.roth_ira import age_59_half_on
from rothroute.vocab import NON_ROTH_IRAS, PLAN_KINDS, AccountKind, Severity

NOTICE = "IRS Notice 2014-54"
WITHHOLDING_NUM, WITHHOLDING_DEN = 1, 5  # IRC §3405(c)(1): 20% of an eligible rollover distribution paid out
IRA_TARGETS = (AccountKind.TRADITIONAL_IRA, AccountKind.SEP_IRA)
SEPARATION_AGE = 55  # IRC §72(t)(2)(A)(v)
ROTH_CATCH_UP_FROM = 2026  # IRC §414(v)(7) applies after the administrative transition of IRS Notice 2023-62
# A plan's employee contributions belong to the year of the pay they come from: elective deferrals
# (§402(g)(1)(A); Treas. Reg. §1.401(k)-1(a)(3)(iii), timing) and after-tax employee contributions
# (Treas. Reg. §1.401(m)-2(a)(4)(i): taken into account for the year in which withheld); employer
# contributions may follow until the employer's return is due (§404(a)(6))
PLAN_CONTRIBUTION_YEAR_CITES = ("IRC §402(g)(1)(A)", "Treas. Reg. §1.401(k)-1(a)(3)(iii)",
                                "Treas. Reg. §1.401(m)-2(a)(4)(i)", "IRC §404(a)(6)")


@dataclass
class Taken:
    """What one contract gave up: the taxable (pretax) and basis parts."""

    pretax: int
    basis: int
    irr: list[list[int]] = field(default_factory=list)  # the in-plan Roth rollover money in it

    @property
    def amount(self) -> int:
        return self.pretax + self.basis




def _ratio(amount: int, num: int, den: int) -> int:
    return (2 * amount * num + den) // (2 * den) if den else 0


def recovered(amount: int, basis: int, value: int, pre_1987: int) -> int:
    """The investment in the contract that ``amount`` received from a contract worth ``value``
    with ``basis`` recovers tax-free: first the investment of December 31, 1986 where the plan
    then allowed withdrawals of employee contributions (IRC §72(e)(8)(D), ``pre_1987``), then the
    ratio of the investment to the account balance at the time of the distribution
    (§72(e)(8)(B)). Never more than the amount received: a contract worth less than its
    investment (a loss) gives back the amount, all tax-free, because nothing is allocable to
    income on the contract (§72(e)(2)(B), (e)(3)(A)); the rest of the investment stays with the
    contract (§72(e)(6)), and the distribution itself deducts no loss."""
    first = min(amount, pre_1987, basis)
    rest = amount - first
    return first + min(rest, _ratio(rest, basis - first, value - first))


def take_non_roth(plan: Plan, account: Account, sources: tuple[str, ...], amount: int | None,
                  refuse: Refuse) -> Taken | None:
    """Take ``amount`` (None: all) of the non-Roth money from the sub-accounts the sources name.

    The plan pays from the named sub-accounts, from each in proportion to its value (pre-1987
    employee contributions first from the after-tax one). What is tax-free is figured on the
    contract (``recovered``): the after-tax sub-account when the plan accounts for it as a
    separate contract (IRC §72(d)(2)), else all the non-Roth money of the plan, whichever
    sub-account pays (§72(e)(8): a withdrawal paid from the after-tax money of a pooled contract
    carries its pretax share). The investment in the contract goes down by what is recovered
    tax-free (§72(e)(6)); the after-tax sub-account keeps its contributions as that investment,
    its earnings being the rest of its money (negative when the investment left is more than the
    money in it: a loss, or basis left behind by a pooled withdrawal)."""
    separate = bool(account.plan and account.plan.after_tax_separate_contract)
    after_tax = plan.at_contributions + plan.at_earnings
    held = (plan.pretax if "pretax" in sources else 0) + (after_tax if "after_tax" in sources else 0)
    amount = held if amount is None else amount
    if amount <= 0 or amount > held:
        refuse("amount_exceeds_balance", f"Taking ${amount / 100:,.2f} from sources worth ${held / 100:,.2f}.", (),
               "amount")
        return None
    if "after_tax" not in sources:
        from_pretax = amount
    elif "pretax" not in sources:
        from_pretax = 0
    else:
        first = min(amount, plan.pre_1987, after_tax)
        from_pretax = _ratio(amount - first, plan.pretax, held - first)
    from_after_tax = amount - from_pretax
    received = from_after_tax if separate else amount  # what the contract of the after-tax money pays
    value = after_tax if separate else plan.pretax + after_tax
    basis_out = recovered(received, plan.at_contributions, value, plan.pre_1987)
    plan.pre_1987 = max(0, plan.pre_1987 - received)  # amounts received after 1986 use it up (§72(e)(8)(D))
    plan.pretax -= from_pretax
    plan.at_contributions -= basis_out
    plan.at_earnings = after_tax - from_after_tax - plan.at_contributions
    return Taken(pretax=amount - basis_out, basis=basis_out)


def pooled_note(ctx: YearState, move: Distribution | InPlanRothRollover, account: Account, before: Plan,
                taken: Taken) -> None:
    """A warning when one source is taken out of a plan that keeps its after-tax money in the same
    contract as the pretax money: the tax follows the whole contract, not the sub-account paid from."""
    sources = set(move.sources)
    if (account.plan and account.plan.after_tax_separate_contract) or sources not in ({"pretax"}, {"after_tax"}):
        return
    value = before.pretax + before.at_contributions + before.at_earnings
    if not before.at_contributions or value <= before.at_contributions:
        return
    paid = "after-tax" if sources == {"after_tax"} else "pretax"
    ctx.issues.append(Issue(
        severity=Severity.WARNING, code="pooled_contract_pro_rata", where=f"moves[{move.index}].sources",
        message=f"'{account.id}' keeps its after-tax money in one contract with the pretax money "
                f"(after_tax_separate_contract is false): this ${taken.amount / 100:,.2f} paid from the {paid} "
                f"money is taxed pro rata over all ${value / 100:,.2f} of the contract, of which "
                f"${before.at_contributions / 100:,.2f} is basis: ${taken.basis / 100:,.2f} of it is tax-free and "
                f"${taken.pretax / 100:,.2f} taxable, and ${(before.at_contributions - taken.basis) / 100:,.2f} "
                "of basis stays in the plan.",
        cites=("IRC §72(e)(8)(B)", "IRC §72(d)(2)", "IRS FAQ on Notice 2014-54 (Q&A: after-tax amounts only)")))


def take_roth(plan: Plan, amount: int | None, qualified: bool, refuse: Refuse) -> Taken | None:
    """The designated Roth account, its own contract (IRC §402A(d)(4)): pro rata between
    contributions and earnings (Reg. §1.402A-1 Q&A-3; a loss gives back investment only,
    ``recovered``); nothing taxable when qualified."""
    total = plan.roth_contributions + plan.roth_earnings
    amount = total if amount is None else amount
    if amount <= 0 or amount > total:
        refuse("amount_exceeds_balance", f"Taking ${amount / 100:,.2f} from a Roth account of ${total / 100:,.2f}.",
               (), "amount")
        return None
    basis_out = recovered(amount, plan.roth_contributions, total, 0)
    irr = take_irr(plan, basis_out, plan.roth_contributions)
    plan.roth_contributions -= basis_out
    plan.roth_earnings -= amount - basis_out
    return Taken(pretax=0 if qualified else amount - basis_out, basis=basis_out + (amount - basis_out if qualified else 0),
                 irr=irr)


def take_irr(plan: Plan, basis_out: int, contributions: int) -> list[list[int]]:
    """The in-plan Roth rollover money among ``basis_out``, the investment in the contract a
    distribution recovers (IRC §72(e)(8)) out of ``contributions``: first the basis that is not
    rollover money (designated Roth deferrals), then the rollovers, oldest first, each one's
    taxable amount before its nontaxable amount. This is the order in which a Roth IRA gives up
    regular contributions and then conversions (IRC §408A(d)(4)(B)(ii)), whose recapture rule
    §402A(c)(4)(D) applies to in-plan Roth rollovers; IRS Notice 2010-84 Q&A-13 prescribes the
    allocation, and its wording is not in rothroute's sources, so this is rothroute's reading."""
    rollovers = sum(t + n for _, t, n in plan.irr_layers)
    out, left = [], max(0, basis_out - max(0, contributions - rollovers))
    for layer in plan.irr_layers:
        taxable = min(left, layer[1])
        nontaxable = min(left - taxable, layer[2])
        if taxable or nontaxable:
            out.append([layer[0], taxable, nontaxable])
        layer[1] -= taxable
        layer[2] -= nontaxable
        left -= taxable + nontaxable
    plan.irr_layers = [x for x in plan.irr_layers if x[1] or x[2]]
    return out


def split_irr(layers: list[list[int]], weights: list[int]) -> list[list[list[int]]]:
    """Each rollover layer shared among a distribution's destinations in proportion to ``weights``
    (the basis each receives), to the cent (the remainder to the last)."""
    total = sum(weights)
    out: list[list[list[int]]] = [[] for _ in weights]
    for year, taxable, nontaxable in layers:
        left_t, left_n = taxable, nontaxable
        for i, w in enumerate(weights):
            last = i == len(weights) - 1
            # rounded shares never take more than is left, so the last (the remainder) is never negative
            t = left_t if last else min(left_t, _ratio(taxable, w, total))
            n = left_n if last else min(left_n, _ratio(nontaxable, w, total))
            left_t, left_n = left_t - t, left_n - n
            if t or n:
                out[i].append([year, t, n])
    return out


def recapture_exposed(layers: list[list[int]], tax_year: int) -> int:
    """The taxable amounts of rollovers made within the 5 taxable years ending with ``tax_year``:
    treated as includible in income for the 10% additional tax (Notice 2010-84 Q&A-12)."""
    return sum(taxable for year, taxable, _ in layers if tax_year < year + 5)


def drac_qualified(person: Person, first: int | None, on: Any) -> bool:
    """A qualified distribution from a designated Roth account: 59½ reached and 5 taxable years
    since the first designated Roth contribution to the plan (IRC §402A(d)(2); death and
    disability are not modelled)."""
    return first is not None and on.year >= first + 5 and age_59_half_on(person) <= on


def early(person: Person, account: Account, on: Any) -> bool:
    """Subject to the 10% additional tax: before 59½, unless separated from this employer in or
    after the year of turning 55 (IRC §72(t)(2)(A)(i), (v)); never from a governmental 457(b) plan,
    which is not a qualified retirement plan of §4974(c) (IRC §72(t)(1); IRS, Retirement topics:
    exceptions to tax on early distributions). Money rolled into a 457(b) from another kind of plan
    or an IRA keeps the tax (§72(t)(9)); rothroute does not track it apart."""
    if age_59_half_on(person) <= on:
        return False
    return not free_of_early_tax(person, account, account.plan.separated_from_service if account.plan else None)


def free_of_early_tax(person: Person, account: Account, left: int | None) -> bool:
    """Whether the plan pays out before 59½ free of the 10% additional tax once the person has
    left it in year ``left``: a governmental 457(b) (IRC §72(t)(1)), or a plan left in or after the
    year of 55 (§72(t)(2)(A)(v))."""
    return account.kind is AccountKind.GOVERNMENTAL_457B or left is not None and left >= person.born.year + SEPARATION_AGE


def order_for_pretax(dest: Destination, kind: AccountKind | None) -> int:
    """Notice 2014-54: the participant's election first; absent one, pretax goes to the
    traditional (non-Roth) destinations before the Roth IRAs."""
    if dest.elect == "pretax":
        return 0
    if dest.elect == "after_tax":
        return 3
    return 2 if kind is AccountKind.ROTH_IRA else 1


def allocate(taken: Taken, dests: list[tuple[Destination, int, AccountKind | None]]) -> list[Taken]:
    """Split one distribution's pretax and basis among its disbursements: pretax to the direct
    rollovers first, then to the 60-day rollovers, then to cash (Notice 2014-54 §III; IRC
    §402(c)(2) last sentence); within each, by the participant's election."""
    shares = [Taken(0, 0) for _ in dests]
    left = taken.pretax
    for group in ("direct", "60_day", "cash"):
        members = [i for i, (d, _, _) in enumerate(dests) if (d.via if d.account else "cash") == group]
        for i in sorted(members, key=lambda i: order_for_pretax(dests[i][0], dests[i][2])):
            share = min(left, dests[i][1])
            shares[i].pretax = share
            left -= share
    for i, (_, amount, _) in enumerate(dests):
        shares[i].basis = amount - shares[i].pretax
    return shares


def _plan(ctx: YearState, refuse: Refuse, account_id: str, field_name: str) -> Account | None:
    account = ctx.accounts.get(account_id)
    if account is None or account.kind not in PLAN_KINDS:
        refuse("wrong_account_kind", f"'{account_id}' is not an employer plan in the file.", (), field_name)
        return None
    return account


def apply_distribution(h: Household, move: Distribution, ctx: YearState) -> None:
    """A plan distribution to direct rollovers, 60-day rollovers and cash."""
    refuse = ctx.refuser(move)
    account = _plan(ctx, refuse, move.from_account, "from")
    if account is None:
        return
    plan, rules = ctx.plans[account.id], account.plan
    person = h.person(account.owner)
    in_service = rules is None or rules.separated_from_service is None
    # a required minimum distribution is paid whatever the in-service rules (a 5% owner's, IRC
    # §401(a)(9)(C)(ii)): up to the year's RMD, in cash, from the non-Roth money
    required = (plan.rmd_left > 0 and "roth" not in move.sources and move.amount is not None
                and move.amount <= plan.rmd_left and all(d.account is None for d in move.to))
    if in_service and not required and not set(move.sources) <= set(rules.in_service_withdrawals if rules else ()):
        refuse("in_service_not_allowed",
               f"While employed, this plan allows in-service withdrawals of: "
               f"{', '.join(rules.in_service_withdrawals) if rules and rules.in_service_withdrawals else 'nothing'}.",
               ("IRC §401(k)(2)(B)", "Treas. Reg. §1.401(k)-1(d)", "the plan document"), "sources")
        return
    roth = "roth" in move.sources
    if roth and len(move.sources) > 1:
        refuse("one_contract_per_move",
               "The designated Roth account is a separate contract: give its distribution as a move of its own "
               "(on the same date it is still part of the same distribution).", ("IRC §402A(d)(4)",
                                                                                 "Treas. Reg. §1.402A-1 Q&A-9"),
               "sources")
        return
    qualified = roth and drac_qualified(person, plan.roth_first_year, move.on)
    first_year = plan.roth_first_year
    dests: list[tuple[Destination, int, AccountKind | None]] = []
    fixed = sum(d.amount for d in move.to if d.amount is not None)
    snapshot = plan.copy()
    taken = take_roth(plan, move.amount, qualified, refuse) if roth else \
        take_non_roth(plan, account, move.sources, move.amount, refuse)
    if taken is None:
        return
    rest = taken.amount - fixed
    if rest < 0 or (rest > 0 and all(d.amount is not None for d in move.to)):
        ctx.plans[account.id] = snapshot
        refuse("destinations_do_not_add_up",
               f"The destinations take ${fixed / 100:,.2f}; the distribution is ${taken.amount / 100:,.2f}. "
               "Give amounts that add up, or one destination with amount 'rest'.", (NOTICE,), "to")
        return
    for i, d in enumerate(move.to):
        amount = rest if d.amount is None else d.amount
        kind = None
        if d.account is not None:
            target = ctx.accounts.get(d.account)
            problem = _destination_problem(account, target, d, roth)
            if problem:
                ctx.plans[account.id] = snapshot
                code, message, cites = problem
                refuse(code, message, cites, f"to[{i}]")
                return
            kind = target.kind
        dests.append((d, amount, kind))
    rolled = sum(amount for d, amount, _ in dests if d.account is not None)
    if plan.rmd_left > 0 and not roth and rolled > taken.amount - min(plan.rmd_left, taken.amount):
        ctx.plans[account.id] = snapshot
        refuse("rmd_rollover",
               f"This year's required minimum distribution from the plan (${plan.rmd_left / 100:,.2f} still due) comes "
               "out first and cannot be rolled over; pay at least that much in cash.",
               ("IRC §402(c)(4)(B)", "Treas. Reg. §1.402(c)-2(f)(1)",
                "26 CFR §1.402(c)-2 Q&A-7, Q&A-8 (2023 edition: distributions before 2025)"), "to")
        return
    rmd_paid = 0 if roth else min(plan.rmd_left, taken.amount)
    if not roth:
        plan.rmd_left -= rmd_paid
    shares = allocate(taken, dests)
    for i, ((d, _, kind), share) in enumerate(zip(dests, shares)):
        if d.account is not None and kind is AccountKind.GOVERNMENTAL_457B and share.basis and not roth:
            ctx.plans[account.id] = snapshot
            refuse("after_tax_to_457b",
                   "After-tax money can be rolled over only into a qualified trust or a 403(b) plan (or an IRA), "
                   "not into a governmental 457(b) plan; send the after-tax part to an IRA or a Roth IRA.",
                   ("IRC §402(c)(2)(A)", "IRC §402(c)(2)(B)"), f"to[{i}]")
            return
        if d.account is not None and kind in PLAN_KINDS and d.via == "60_day" and share.basis:
            ctx.plans[account.id] = snapshot
            if roth:
                refuse("roth_basis_to_plan_by_60_day",
                       "Only the earnings of a nonqualified designated Roth distribution can reach another plan's "
                       "designated Roth account by a 60-day rollover; its basis (and all of a qualified "
                       "distribution) only by direct rollover. A 60-day rollover to a Roth IRA takes any part.",
                       ("Treas. Reg. §1.402A-1 Q&A-5(a)", "IRC §402(c)(2)"), "to")
            else:
                refuse("after_tax_to_plan_by_60_day",
                       "After-tax money can reach another employer plan only by direct rollover, to a plan that "
                       "accounts for it separately.", ("IRC §402(c)(2)(A)", NOTICE), "to")
            return
    early_cash = early(person, account, move.on)
    result = ctx.result(move, taken.amount)
    paid_out_taxable = paid_out_basis = 0
    paid_irr: list[list[int]] = []  # in-plan Roth rollover money paid to the participant
    cash_irr: list[list[int]] = []  # ... and kept, not rolled over (Notice 2010-84 Q&A-12)
    forms: list[Form1099R] = []
    # the rollover money is basis: it goes where the basis goes (the earnings went to the rollovers first)
    irr_parts = split_irr(taken.irr, [share.basis for share in shares])
    for (d, amount, kind), share, irr in zip(dests, shares, irr_parts):
        if d.account is None or d.via == "60_day":
            paid_out_taxable += share.pretax
            paid_out_basis += share.basis
            paid_irr += irr
        if d.account is None:
            result.taxable += share.pretax
            result.nontaxable += share.basis
            cash_irr += irr
            continue
        ctx.balances[d.account] = ctx.balances.get(d.account, 0) + amount
        year = ctx.people[ctx.accounts[d.account].owner]
        if kind is AccountKind.ROTH_IRA:
            if roth:  # designated Roth money: basis as contributions, earnings as earnings (Reg. §1.408A-10 Q&A-3)
                # in-plan Roth rollover money keeps its year as a conversion layer: its recapture goes on in the
                # Roth IRA (Notice 2010-84 Q&A-12)
                year.drac_basis += share.basis - sum(t + n for _, t, n in irr)
                year.roth_layers_in += irr
                result.nontaxable += share.amount  # a rollover: nothing taxed, earnings stay earnings
            else:  # a rollover to a Roth IRA is a conversion (IRC §408A(d)(3), (e))
                year.plan_layers.append((share.pretax, share.basis))
                result.taxable += share.pretax
                result.nontaxable += share.basis
        elif kind in PLAN_KINDS and roth:
            # designated Roth to designated Roth: investment in the contract stays basis, earnings stay
            # earnings; a direct rollover carries the earlier 5-year start, a 60-day one does not
            # (IRC §402A(d)(2)(B); Treas. Reg. §1.402A-1 Q&A-4(b), Q&A-5(c))
            target = ctx.plans[d.account]
            # a qualified distribution rolled over is all investment in the contract (Reg. §1.402A-1 Q&A-6(a))
            contributions = amount if qualified else share.basis
            target.roth_contributions += contributions
            target.roth_earnings += amount - contributions
            target.start_roth_clock(first_year if d.via == "direct" and first_year is not None else move.on.year)
            target.add_irr_layers(irr)  # the recapture goes on in the other plan (Notice 2010-84 Q&A-12)
            result.nontaxable += share.amount
        elif kind in PLAN_KINDS:
            target = ctx.plans[d.account]
            target.pretax += share.pretax
            target.at_contributions += share.basis
            result.nontaxable += share.amount
        else:  # traditional or SEP IRA: after-tax money becomes IRA basis (Form 8606 line 2)
            year.rolled_basis += share.basis
            result.nontaxable += share.amount
        if d.via == "direct":
            # H: designated Roth to a Roth IRA; B and G: to another designated Roth account (1099-R instructions)
            code = (["H"] if kind is AccountKind.ROTH_IRA else ["B", "G"]) if roth else ["G"]
            forms.append(Form1099R(box1=amount, box2a=share.pretax if kind is AccountKind.ROTH_IRA and not roth
                                   else 0, box5=share.basis, box11=first_year if roth else None, codes=tuple(code)))
    # 20% of the eligible rollover distribution paid out; an RMD is not one, and its withholding is
    # the payee's election (IRC §3405(b)), left at zero here
    withholding = _ratio(max(0, paid_out_taxable - rmd_paid), WITHHOLDING_NUM, WITHHOLDING_DEN)
    result.withholding = withholding
    paid = paid_out_taxable + paid_out_basis
    # box 10: what the payment holds of in-plan Roth rollovers' taxable amounts less than 5 years old,
    # unless an exception to the 10% tax applies (Instructions for Forms 1099-R and 5498)
    box10 = recapture_exposed(paid_irr, move.on.year) if early_cash else 0
    if paid:
        # Form 1099-R box 7: 7 normal (59½), 2 an exception applies (separation at 55), 1 early
        age_code = "7" if age_59_half_on(person) <= move.on else ("1" if early_cash else "2")
        forms.append(Form1099R(box1=paid, box2a=paid_out_taxable, box4=withholding, box5=paid_out_basis,
                               box10=box10, box11=first_year if roth else None,
                               codes=(("B",) if roth else ()) + (age_code,)))
    cash_taxable = sum(s.pretax for (d, _, _), s in zip(dests, shares) if d.account is None)
    recapture = recapture_exposed(cash_irr, move.on.year) if early_cash else 0
    result.forms_1099r = forms
    if rmd_paid:
        plan.rmd_payments.append((move.on, rmd_paid))
    ctx.add_plan_income(account.owner, result.taxable, cash_taxable if early_cash else 0, result,
                        recapture=recapture)
    if not roth:
        pooled_note(ctx, move, account, snapshot, taken)


def _destination_problem(source: Account, target: Account | None, d: Destination,
                         roth: bool) -> tuple[str, str, tuple[str, ...]] | None:
    if target is None:
        return "unknown_account", f"No account '{d.account}' in the file.", ()
    if target.owner != source.owner:
        return ("rollover_to_another_person", "A rollover goes to the participant's own IRA or plan.",
                ("IRC §402(c)(1)", "IRC §402(c)(8)(B)"))
    if target.id == source.id:
        return ("after_tax_earnings_to_pretax_account",
                "Money cannot be moved from one source of the plan to another by a distribution; the earnings on "
                "after-tax money can leave the after-tax contract only by going to a pretax destination outside "
                "the plan (a traditional IRA).", ("IRC §72(d)(2)", NOTICE, "IRS FAQ on Notice 2014-54"))
    if target.kind is AccountKind.INHERITED_IRA or target.kind is AccountKind.SIMPLE_IRA:
        return ("not_an_eligible_retirement_plan", f"A plan distribution cannot be rolled into a {target.kind}.",
                ("IRC §402(c)(8)(B)", "IRC §408(d)(3)(G)"))
    if roth and target.kind in PLAN_KINDS and not (target.plan and target.plan.designated_roth):
        return ("plan_has_no_designated_roth",
                f"The plan '{target.id}' has no designated Roth program to take designated Roth money.",
                ("IRC §402A(c)(3)(B)", "the plan document"))
    if roth and target.kind is not AccountKind.ROTH_IRA and target.kind not in PLAN_KINDS:
        return ("designated_roth_to_non_roth",
                "Designated Roth money can be rolled over only to a Roth IRA or another designated Roth account.",
                ("IRC §402A(c)(3)(A)", "IRC §402(c)(8)(B)"))
    if target.kind not in (*IRA_TARGETS, AccountKind.ROTH_IRA, *PLAN_KINDS):
        return ("not_an_eligible_retirement_plan", f"'{target.id}' cannot receive a rollover.", ("IRC §402(c)(8)(B)",))
    return None


def apply_in_plan_roth_rollover(h: Household, move: InPlanRothRollover, ctx: YearState) -> None:
    refuse = ctx.refuser(move)
    account = _plan(ctx, refuse, move.account, "account")
    if account is None:
        return
    if not (account.plan and account.plan.in_plan_roth_rollover):
        refuse("plan_has_no_in_plan_roth_rollover", "This plan does not offer in-plan Roth rollovers.",
               ("IRC §402A(c)(4)", "the plan document"), "account")
        return
    if "roth" in move.sources:
        refuse("roth_to_roth", "Designated Roth money is already in the Roth account.", ("IRC §402A(c)(4)",),
               "sources")
        return
    plan = ctx.plans[account.id]
    if plan.rmd_left > 0:
        refuse("in_plan_roth_rollover_of_rmd",
               f"The plan's required minimum distribution (${plan.rmd_left / 100:,.2f} still due, last year's deferred "
               "first RMD included) comes out first: until it is paid, the dollars distributed are RMDs, which are "
               "not eligible rollover distributions and cannot be rolled to the designated Roth account.",
               ("IRC §402A(c)(4)(B)", "IRC §402(c)(4)(B)", "Treas. Reg. §1.402(c)-2(f)(1)"), "amount")
        return
    before = plan.copy()
    taken = take_non_roth(plan, account, move.sources, move.amount, refuse)
    if taken is None:
        return
    pooled_note(ctx, move, account, before, taken)
    # everything rolled becomes investment in the designated Roth account: basis, plus what is taxed now;
    # into an account with no Roth money yet, it starts the 5-year period (IRC §402A(d)(2)(B))
    plan.roth_contributions += taken.amount
    plan.irr_layers.append([move.on.year, taken.pretax, taken.basis])
    plan.start_roth_clock(move.on.year)
    result = ctx.result(move, taken.amount)
    result.taxable, result.nontaxable = taken.pretax, taken.basis
    result.forms_1099r = [Form1099R(box1=taken.amount, box2a=taken.pretax, box5=taken.basis, codes=("G",))]
    ctx.add_plan_income(account.owner, taken.pretax, 0, result)
    ctx.people[account.owner].in_plan_rollover_taxable += taken.pretax


def apply_roll_in(h: Household, move: RollIn, ctx: YearState) -> None:
    refuse = ctx.refuser(move)
    source = ctx.accounts.get(move.from_account)
    target = ctx.accounts.get(move.to_account)
    if source is None or source.kind not in NON_ROTH_IRAS:
        refuse("wrong_account_kind", f"'{move.from_account}' is not a traditional, SEP or SIMPLE IRA.",
               ("IRC §408(d)(3)(A)(ii)",), "from")
        return
    if target is None or target.kind not in PLAN_KINDS or target.owner != source.owner:
        refuse("wrong_account_kind", f"'{move.to_account}' is not an employer plan of the IRA's owner.",
               ("IRC §408(d)(3)(A)(ii)",), "to")
        return
    if not (target.plan and target.plan.accepts_ira_rollins):
        refuse("plan_refuses_roll_in", f"The plan '{target.id}' does not accept rollovers from IRAs.",
               ("IRC §408(d)(3)(A)(ii)", "IRC §401(a)(31)", "the plan document"), "to")
        return
    year = ctx.people[source.owner]
    if year.rmd_left > 0:
        refuse("roll_in_of_rmd", "In an RMD year the first dollars out are the RMD and cannot be rolled over.",
               ("IRC §408(d)(3)(E)",), "amount")
        return
    person = h.person(source.owner)
    iras = sum(ctx.balances[a.id] for a in h.accounts if a.owner == person.id and a.kind in
               NON_ROTH_IRAS)
    # §408(d)(3)(H): what goes to a plan is the pretax money. The year's earlier conversions and
    # distributions are taken to have carried basis first, as the year-end Form 8606 allocates it
    # once the roll-in has taken the pretax money out of line 6.
    basis_left = max(0, person.ira_basis + year.nondeductible + year.rolled_basis
                     - year.conversions - year.distributions)
    pretax = iras - basis_left
    amount = resolve_amount(move.amount, source.id, ctx.balances, "Rolling", refuse)
    if amount is None:
        return
    if amount > pretax:
        refuse("ira_basis_into_plan",
               f"Only the pretax part of IRA money can go into an employer plan: ${max(pretax, 0) / 100:,.2f} of "
               f"the IRAs is pretax, the rest is basis (nondeductible contributions).",
               ("IRC §408(d)(3)(A)(ii)", "IRC §408(d)(3)(H)"), "amount")
        return
    ctx.balances[source.id] -= amount
    ctx.plans[target.id].pretax += amount
    year.rolled_out_pretax += amount
    result = ctx.result(move, amount)
    result.nontaxable = amount
    result.forms_1099r = [Form1099R(box1=amount, codes=("G",), ira_sep_simple=True)]
    if target.kind is AccountKind.GOVERNMENTAL_457B:
        ctx.issues.append(Issue(
            severity=Severity.WARNING, code="roll_in_to_457b_keeps_the_10_percent_tax", where=f"moves[{move.index}]",
            message="IRA money rolled into a governmental 457(b) plan keeps the 10% additional tax on early "
                    "distributions, which the plan's own money does not bear; rothroute does not track it apart and "
                    "treats every later distribution from the plan as free of that tax.",
            cites=("IRC §72(t)(9)", "IRC §72(t)(1)")))


def apply_plan_contribution(h: Household, yp: YearParams, move: Contribution, ctx: YearState, wages: dict[str, int]) -> None:
    """An employee contribution to a plan: an elective deferral (``pretax`` or ``roth``) within
    the IRC §402(g) limit plus the catch-up for the person's age (§414(v)), or an after-tax
    contribution within what the §415(c) limit leaves after deferrals and employer money: the
    mega-backdoor Roth, when followed by an in-plan Roth rollover or an in-service rollout."""
    refuse = ctx.refuser(move)
    account = ctx.accounts[move.to_account]
    plan, rules = ctx.plans[account.id], account.plan
    person = h.person(account.owner)
    year = ctx.people[person.id]
    if move.type not in ("pretax", "roth", "after_tax"):
        refuse("wrong_contribution_type", f"A plan takes pretax, roth or after_tax contributions, not {move.type}.",
               ("IRC §401(k)", "IRC §402A"), "type")
        return
    if move.on.year != move.for_year:
        refuse("plan_contribution_outside_its_year",
               f"An employee contribution to a plan counts in the year of the pay it comes from: this {move.type} "
               f"contribution for {move.for_year} is dated {move.on.isoformat()}. Elective deferrals are made only "
               "from compensation paid in the year, and after-tax employee contributions count in the year they are "
               "withheld (an IRA takes contributions for a year until April 15 of the next; an employer's "
               "contributions for a year, plan.employer_contributions, may be paid until its return's due date).",
               PLAN_CONTRIBUTION_YEAR_CITES, "date")
        return
    if move.for_year != h.tax_year or (rules is not None and rules.separated_from_service is not None):
        refuse("not_an_active_participant", "Employee contributions go to the current employer's plan, for this "
               "year.", ("IRC §401(k)(2)", "the plan document"), "to")
        return
    if move.type == "after_tax" and not (rules and rules.after_tax_contributions):
        refuse("plan_has_no_after_tax_contributions", "This plan does not take after-tax contributions.",
               ("the plan document",), "type")
        return
    limits = yp.retirement_limits
    age = person.age_at_year_end(h.tax_year)
    catch_up = limits["catch_up_60_63"] if 60 <= age <= 63 and limits["catch_up_60_63"] else \
        (limits["catch_up_50"] if age >= 50 else 0)
    deferral_cap = limits["elective_deferral"] + catch_up
    additions = year.additions.get(account.id, 0)
    employer = rules.employer_contributions if rules else 0
    if move.type in ("pretax", "roth"):
        if year.deferrals + move.amount > deferral_cap:
            refuse("contribution_over_limit",
                   f"Elective deferrals this year would be ${(year.deferrals + move.amount) / 100:,.2f}; the limit is "
                   f"${deferral_cap / 100:,.2f} (${limits['elective_deferral'] / 100:,.2f} plus a catch-up of "
                   f"${catch_up / 100:,.2f} at age {age}).", ("IRC §402(g)(1)", "IRC §414(v)", "IRS Notice 2025-67"),
                   "amount")
            return
        # deferrals beyond the base limit are catch-ups, outside the 415(c) limit (IRC §414(v)(3)(A))
        counted = max(0, min(year.deferrals + move.amount, limits["elective_deferral"]) - year.deferrals)
        catch_up_part = move.amount - counted
        wages_before = rules.prior_year_fica_wages if rules else None
        threshold = limits["roth_catch_up_wage_threshold"]
        if (move.type == "pretax" and catch_up_part and h.tax_year >= ROTH_CATCH_UP_FROM
                and wages_before is not None and threshold is not None and wages_before > threshold):
            refuse("catch_up_must_be_roth",
                   f"Last year's FICA wages from this employer (${wages_before / 100:,.2f}) were above "
                   f"${threshold / 100:,.2f}: catch-up contributions (${catch_up_part / 100:,.2f} of this one) must be "
                   "designated Roth contributions.", ("IRC §414(v)(7)(A)", "IRS Notice 2025-67",
                                                      "IRS Notice 2023-62"), "type")
            return
    else:
        counted = move.amount
    room = min(limits["annual_additions"], wages[person.id]) - employer - additions
    if counted > room:
        refuse("contribution_over_limit",
               f"Annual additions to this plan would pass the IRC §415(c) limit: ${max(room, 0) / 100:,.2f} of room "
               f"is left after deferrals and ${employer / 100:,.2f} of employer money (the limit is the smaller of "
               f"${limits['annual_additions'] / 100:,.2f} and compensation).", ("IRC §415(c)(1)", "IRS Notice 2025-67"),
               "amount")
        return
    year.additions[account.id] = additions + counted
    if move.type == "after_tax":
        plan.at_contributions += move.amount
    elif move.type == "roth":
        plan.roth_contributions += move.amount
        year.deferrals += move.amount
    else:
        plan.pretax += move.amount
        year.deferrals += move.amount
        year.pretax_deferrals += move.amount
    result = ctx.result(move, move.amount)
    result.nontaxable = move.amount
