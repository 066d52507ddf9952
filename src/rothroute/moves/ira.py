"""IRA moves of one tax year: contributions, conversions, withdrawals and IRA-to-IRA rollovers, priced
with the year-end Form 8606 of each person (IRC §408(d)(2): one contract, one distribution, valued
at December 31), and the Roth IRA distributions in their order (IRC §408A(d)(4)(B))."""

from __future__ import annotations

import datetime as _dt

from rothroute.errors import Issue
from rothroute.household.model import Household, Person, RothIra
from rothroute.household.moves import Contribution, Conversion, Qcd, Rollover, Withdrawal
from rothroute.money import dollars
from rothroute.moves import form_1099r, form_8606
from rothroute.moves.form_1099r import Form1099R
from rothroute.moves.ira_limits import contribution_limit, deduction_phaseout, roth_limit
from rothroute.moves.state import IraYear, MoveResult, PersonYear, YearState, owner_account, resolve_amount
from rothroute.params import YearParams
from rothroute.roth_ira import age_59_half_on, age_70_half_on
from rothroute.vocab import NON_ROTH_IRAS, PLAN_KINDS, AccountKind, FilingStatus, Severity


def _allocate(results: dict[int, MoveResult], indexes: list[int], nontaxable: int) -> None:
    """Share a nontaxable total among moves in proportion to their amounts (the last takes the
    remainder), so that each move's taxable + nontaxable is its amount, to the cent."""
    total = sum(results[i].amount for i in indexes)
    left = nontaxable
    for k, index in enumerate(indexes):
        r = results[index]
        share = left if k == len(indexes) - 1 else (nontaxable * r.amount * 2 + total) // (2 * total)
        share = min(share, r.amount, left)
        left -= share
        r.nontaxable, r.taxable = share, r.amount - share


def conversion(h: Household, move: Conversion, ctx: YearState) -> None:
    refuse, accounts, balances, people = ctx.refuser(move), ctx.accounts, ctx.balances, ctx.people
    source = accounts.get(move.from_account)
    if source is not None and source.kind is AccountKind.INHERITED_IRA:
        refuse("inherited_ira_conversion",
                "An inherited IRA of a non-spouse beneficiary cannot be converted or rolled over.",
                ("IRC §408(d)(3)(C)", "IRC §408A(d)(3)(B)", "Notice 2008-30 Q&A-7"), "from")
        return
    source = owner_account(ctx, refuse, move.from_account, "from", NON_ROTH_IRAS)
    target = owner_account(ctx, refuse, move.to_account, "to", (AccountKind.ROTH_IRA,)) \
        if source else None
    if source is None or target is None:
        return
    if source.owner != target.owner:
        refuse("conversion_to_another_person",
                f"A conversion goes to the owner's own Roth IRA; '{target.id}' belongs to {target.owner}.",
                ("IRC §408(a)", "IRC §408A(d)(3)(A)"), "to")
        return
    year = people[source.owner]
    amount = resolve_amount(move.amount, source.id, balances, "Converting",
                            refuse)
    if amount is None:
        return
    if year.rmd_left > 0:
        refuse("conversion_of_rmd",
                f"In an RMD year the first dollars out are the RMD (${year.rmd_left / 100:,.2f} still due) and cannot "
                "be converted; take the RMD first.",
                ("IRC §408(d)(3)(E)", "26 CFR §1.408A-4 Q&A-6", "Treas. Reg. §1.408-8(b)(3)",
                 "Treas. Reg. §1.402(c)-2(f)(1)"), "amount")
        return
    balances[source.id] -= amount
    balances[target.id] += amount
    year.conversions += amount
    year.conversion_moves.append(move.index)
    code = "7" if age_59_half_on(h.person(source.owner)) <= move.on else "2"
    ctx.result(move, amount).forms_1099r = [form_1099r.ira(amount, code)]


def withdrawal(h: Household, move: Withdrawal, ctx: YearState) -> None:
    refuse, accounts, balances, people = ctx.refuser(move), ctx.accounts, ctx.balances, ctx.people
    roth = accounts.get(move.from_account)
    if roth is not None and roth.kind is AccountKind.ROTH_IRA:
        amount = resolve_amount(move.amount, roth.id, balances, "Withdrawing",
                                refuse)
        if amount is None:
            return
        balances[roth.id] -= amount
        people[roth.owner].roth_withdrawal_moves.append(move.index)
        ctx.result(move, amount).early = move.on < age_59_half_on(h.person(roth.owner))
        return
    source = owner_account(ctx, refuse, move.from_account, "from", NON_ROTH_IRAS)
    if source is None:
        return
    amount = resolve_amount(move.amount, source.id, balances, "Withdrawing",
                            refuse)
    if amount is None:
        return
    year = people[source.owner]
    balances[source.id] -= amount
    year.distributions += amount
    year.count_toward_rmd(move.on, amount)
    year.withdrawal_moves.append(move.index)
    early = move.on < age_59_half_on(h.person(source.owner))
    result = ctx.result(move, amount)
    result.early, result.forms_1099r = early, [form_1099r.ira(amount, "1" if early else "7")]


QCD_CITES = ("IRC §408(d)(8)(A), (B), (D), (E)", "IRC §408(d)(8)(G) (SECURE 2.0 §307)", "Form 1040 line 4a-4b (QCD)")


def qcd(h: Household, move: Qcd, ctx: YearState) -> None:
    """A qualified charitable distribution: from a traditional, SEP or SIMPLE IRA of an owner 70½ or
    older on its date (IRC §408(d)(8)(B)), paid to the charity; it counts toward the year's RMDs like
    any distribution (its first dollars are the RMD's). What of it is excluded is settled at the
    year's end (``close_year``)."""
    refuse, accounts, balances, people = ctx.refuser(move), ctx.accounts, ctx.balances, ctx.people
    account = accounts.get(move.from_account)
    if account is not None and account.kind is AccountKind.INHERITED_IRA:
        refuse("wrong_account_kind", "A qualified charitable distribution from an inherited IRA is not modelled by this "
               "version (a beneficiary's basis and RMDs are not figured); it changed nothing.",
               ("IRC §408(d)(8)(B)",), "from")
        return
    source = owner_account(ctx, refuse, move.from_account, "from", NON_ROTH_IRAS)
    if source is None:
        return
    owner = h.person(source.owner)
    if move.on < age_70_half_on(owner):
        refuse("qcd_before_age_70_half",
               f"A qualified charitable distribution is made on or after the day the owner attains 70½ "
               f"({age_70_half_on(owner).isoformat()} for {owner.id}); on {move.on.isoformat()} this is an ordinary "
               "distribution (a withdrawal, then a gift).", ("IRC §408(d)(8)(B)(ii)",), "date")
        return
    amount = resolve_amount(move.amount, source.id, balances, "Distributing", refuse)
    if amount is None:
        return
    year = people[source.owner]
    balances[source.id] -= amount
    year.qcd += amount
    year.count_toward_rmd(move.on, amount)
    year.qcd_moves.append(move.index)
    ctx.result(move, amount).forms_1099r = [form_1099r.ira(amount, "7")]
    if source.kind is not AccountKind.TRADITIONAL_IRA:
        ctx.issues.append(Issue(
            severity=Severity.WARNING, code="qcd_from_sep_or_simple_ira", where=f"moves[{move.index}].from",
            message=(f"'{source.id}' is a {source.kind}: a qualified charitable distribution may not come from an "
                     "ongoing SEP or SIMPLE IRA (one receiving an employer contribution for a plan year ending with or "
                     "within the owner's taxable year); rothroute takes it as not ongoing."),
            cites=("IRC §408(d)(8)(B)", "IRC §408(k), (p)")))


def _qcd_year(h: Household, yp: YearParams, p: Person, year: PersonYear, december_31: int, basis: int) -> int:
    """The person's QCDs excluded from income this year (IRC §408(d)(8)): at most the year's
    limit; only the part that would be includible if all the person's IRAs were paid out this year
    (their value, the year's distributions added back, less their basis: §408(d)(8)(B), (D)); less
    the offset of IRA deductions after 70½ (§408(d)(8)(A)), which is used up as it reduces them.
    Sets ``year.qcd_excluded`` and ``year.qcd_offset_left``."""
    limit = yp.retirement_limits["qcd_limit"] or 0
    everything = december_31 + year.distributions + year.conversions + year.qcd
    includible = min(year.qcd, max(0, everything - basis), limit)
    offset = p.qcd_offset + (year.deductible if age_70_half_on(p) <= _dt.date(h.tax_year, 12, 31) else 0)
    used = min(offset, includible)
    year.qcd_excluded = includible - used
    year.qcd_offset_left = offset - used
    return year.qcd_excluded


def contribution(h: Household, yp: YearParams, move: Contribution, ctx: YearState, wages: dict[str, int],
                  roth_magi: dict[str, int] | None, deductible_allowed: dict[str, int] | None) -> None:
    refuse, balances, people, issues = ctx.refuser(move), ctx.balances, ctx.people, ctx.issues
    kinds = (AccountKind.ROTH_IRA,) if move.type == "roth" else NON_ROTH_IRAS
    if move.type not in ("roth", "nondeductible", "deductible"):
        refuse("move_not_supported",
                f"A {move.type} contribution is not evaluated by this version; it changed nothing.", (), "type")
        return
    target = owner_account(ctx, refuse, move.to_account, "to", kinds)
    if target is None:
        return
    person = h.person(target.owner)
    year = people[person.id]
    if move.for_year != h.tax_year:
        # made by the due date for last year: last year's limit and Form 8606 (already in ira_basis)
        balances[target.id] += move.amount
        if move.type == "roth":
            year.roth_contributions += move.amount
            year.roth_for_last_year = True
        ctx.result(move, move.amount).nontaxable = move.amount
        return
    limit = contribution_limit(person, yp)
    compensation = wages[person.id]
    if h.filing_status is FilingStatus.MARRIED_JOINT:  # spousal IRA: the couple's compensation (§219(c))
        compensation = sum(wages.values()) - sum(people[q].contributions_for_year for q in people if q != person.id)
    cap = min(limit, compensation)
    if year.contributions_for_year + move.amount > cap:
        why = ("no compensation (wages) this year" if compensation <= 0 else
               f"the limit is ${cap / 100:,.2f} (the smaller of ${limit / 100:,.2f} and compensation "
               f"${compensation / 100:,.2f}), ${year.contributions_for_year / 100:,.2f} already contributed")
        refuse("contribution_over_limit",
                f"Contributing ${move.amount / 100:,.2f} to '{target.id}' exceeds what is allowed: {why}.",
                ("IRC §219(b)(1), (b)(5)", "IRC §408(a)(1)", "IRC §408A(c)(2)", "IRC §4973(a)"), "amount")
        return
    if move.type == "roth" and roth_magi is not None:
        allowed = roth_limit(limit, roth_magi[person.id], h.filing_status, h.lived_apart_all_year, yp)
        if year.roth_contributions + move.amount > allowed:
            refuse("roth_contribution_over_limit",
                    f"MAGI ${roth_magi[person.id] / 100:,.2f} allows Roth IRA contributions of ${allowed / 100:,.2f} "
                    f"this year; a nondeductible IRA contribution and a conversion (a 'backdoor Roth') has no "
                    f"income limit.", ("IRC §408A(c)(3)", "IRC §219(g)(2)", "IRS Notice 2025-67"), "amount")
            return
    year.contributions_for_year += move.amount
    if move.type == "roth":
        year.roth_contributions += move.amount
    elif move.type == "deductible":
        year.deductible_asked += move.amount
        room = move.amount if deductible_allowed is None else max(0, deductible_allowed[person.id] - year.deductible)
        deducted = min(move.amount, room)
        year.deductible += deducted
        year.nondeductible += move.amount - deducted
        if move.amount > deducted:
            issues.append(Issue(
                severity=Severity.WARNING, code="deduction_phased_out", where=f"moves[{move.index}].type",
                message=f"Only ${deducted / 100:,.2f} of this contribution is deductible (the IRA deduction phases "
                        f"out for someone covered by a workplace plan, or whose spouse is); the other "
                        f"${(move.amount - deducted) / 100:,.2f} is a nondeductible contribution (Form 8606 line 1).",
                cites=("IRC §219(g)", "IRC §408(o)", "Pub 590-A Worksheet 1-2")))
    else:
        year.nondeductible += move.amount
    if move.on > _dt.date(h.tax_year, 12, 31):
        # made by the due date for this year: in this year's limits and Form 8606 (line 1, and line 4),
        # not in the IRAs' December 31 value (Form 8606 line 6) nor this year's balances (IRC §219(f)(3),
        # §408A(c)(7))
        year.next_year += move.amount if move.type != "roth" else 0
    else:
        year.made_in_year += move.amount if move.type != "roth" else 0
        balances[target.id] += move.amount
    ctx.result(move, move.amount).nontaxable = move.amount


def _roth_distributions(h: Household, p: Person, outcome: IraYear) -> None:
    """The year's Roth IRA distributions of a person, in the statutory order (``roth_ira.py``)."""
    from rothroute.moves import roth_ira
    from rothroute.roth_ira import five_year_start

    year = outcome.people[p.id]
    taxable_now, nontaxable_now = outcome.roth_layer(p.id)
    layers = [[x.year, x.taxable, x.nontaxable] for x in p.roth_ira.conversions]
    if taxable_now or nontaxable_now:
        layers.append([h.tax_year, taxable_now, nontaxable_now])
    layers = sorted(layers + [list(x) for x in year.roth_layers_in], key=lambda x: x[0])  # oldest first
    state = roth_ira.RothYear(contributions=p.roth_ira.contributions + year.roth_contributions + year.drac_basis,
                              layers=layers)
    outcome.roth[p.id] = state
    moves = [outcome.results[i] for i in year.roth_withdrawal_moves]
    if not moves:
        return
    start = five_year_start(p, year.roth_started(h.tax_year))
    five_years = start is not None and h.tax_year >= start + 5
    total = sum(r.amount for r in moves)
    nonqualified = [r for r in moves if r.early or not five_years]
    roth_ira.distribute(state, total, sum(r.amount for r in nonqualified), h.tax_year)
    _allocate_taxable(nonqualified, state.taxable)
    held = sum(a.value for a in h.accounts if a.owner == p.id and a.kind is AccountKind.ROTH_IRA)
    if state.taxable and held and p.roth_ira == RothIra():
        outcome.issues.append(Issue(
            severity=Severity.WARNING, code="roth_ira_history_missing", where=f"people[{h.people.index(p)}].roth_ira",
            message=(f"{p.id}'s Roth IRAs hold ${dollars(held, grouping=True)} but the file gives no Roth IRA history "
                     "(the roth_ira block is absent or empty: first_year, contributions, conversions): "
                     f"${dollars(state.taxable, grouping=True)} of this year's withdrawals is taxed as earnings of a "
                     "Roth IRA whose 5-year period has not begun (and before 59½ bears the 10% tax); give the "
                     "history and the basis comes out first, tax-free"),
            cites=("IRC §408A(d)(2)", "IRC §408A(d)(4)(B)", "Form 8606 Part III")))
    for r in moves:
        if r not in nonqualified:
            r.nontaxable, r.taxable = r.amount, 0
        code = "Q" if r not in nonqualified else ("J" if r.early else "T")
        r.forms_1099r = [Form1099R(box1=r.amount, box2b_taxable_not_determined=True, codes=(code,))]
    early = [r for r in nonqualified if r.early]
    early_amount = sum(r.amount for r in early)
    nonqualified_amount = sum(r.amount for r in nonqualified)
    if early and nonqualified_amount:
        # 10% on the taxable part and on conversion money less than 5 years old (Q&A-5), early moves only
        base = (state.taxable + state.recapture) * early_amount // nonqualified_amount
        for r, share in zip(early, _shares(early, base)):
            r.additional_tax = (share + 5) // 10
            outcome.early_taxable += r.taxable
            outcome.recapture_tax += r.additional_tax - (r.taxable + 5) // 10
    outcome.taxable += state.taxable
    year.roth_taxable = state.taxable


def _allocate_distributions(results: dict[int, MoveResult], year: PersonYear, nontaxable: int, excluded: int) -> None:
    """Form 8606 line 12 shared among the withdrawals and the QCDs' parts not excluded, in proportion to
    their amounts; each QCD's excluded part (``excluded`` over them pro rata) is nontaxable."""
    qcds = [results[i] for i in year.qcd_moves]
    left_excluded = excluded
    shares: list[tuple[MoveResult, int, int]] = []  # (result, amount on line 7, excluded)
    for k, r in enumerate(qcds):
        part = left_excluded if k == len(qcds) - 1 else excluded * r.amount // max(year.qcd, 1)
        part = min(part, r.amount, left_excluded)
        left_excluded -= part
        shares.append((r, r.amount - part, part))
    on_line_7 = [(results[i], results[i].amount, 0) for i in year.withdrawal_moves] + shares
    total = sum(amount for _, amount, _ in on_line_7)
    left = nontaxable
    for k, (r, amount, out) in enumerate(on_line_7):
        share = left if k == len(on_line_7) - 1 else ((nontaxable * amount * 2 + total) // (2 * total) if total else 0)
        share = min(share, amount, left)
        left -= share
        r.taxable, r.nontaxable = amount - share, share + out


def _shares(moves: list[MoveResult], total: int) -> list[int]:
    amount = sum(r.amount for r in moves)
    out, left = [], total
    for k, r in enumerate(moves):
        share = left if k == len(moves) - 1 else (total * r.amount * 2 + amount) // (2 * amount)
        out.append(share)
        left -= share
    return out


def _allocate_taxable(moves: list[MoveResult], taxable: int) -> None:
    for r, share in zip(moves, _shares(moves, taxable) if moves else []):
        r.taxable, r.nontaxable = share, r.amount - share


def rollover(h: Household, move: Rollover, ctx: YearState) -> None:
    """IRA to IRA of the same kind. A trustee-to-trustee transfer is no distribution; a 60-day
    rollover is, and only one is allowed in 12 months across all of a person's IRAs
    (IRC §408(d)(3)(B); Bobrow v. Commissioner, T.C. Memo. 2014-21; Announcement 2014-15)."""
    refuse = ctx.refuser(move)
    source, target = ctx.accounts.get(move.from_account), ctx.accounts.get(move.to_account)
    if source is None or target is None:
        refuse("unknown_account", "Both accounts must be in the file.", (), "from" if source is None else "to")
        return
    if source.kind is AccountKind.INHERITED_IRA or target.kind is AccountKind.INHERITED_IRA:
        refuse("inherited_ira_rollover", "A non-spouse beneficiary cannot roll over an inherited IRA (a direct "
               "transfer to another inherited IRA of the same decedent is outside this version).",
               ("IRC §408(d)(3)(C)",), "from")
        return
    roth = (source.kind is AccountKind.ROTH_IRA, target.kind is AccountKind.ROTH_IRA)
    if roth[0] != roth[1] or source.kind in PLAN_KINDS or target.kind in PLAN_KINDS:
        refuse("rollover_between_kinds", "A rollover goes from an IRA to an IRA of the same kind: traditional to "
               "Roth is a conversion, Roth to traditional is not allowed, and plans take roll_in.",
               ("IRC §408(d)(3)(A)(i)", "IRC §408A(d)(3)", "26 CFR §1.408A-6 Q&A-1"), "to")
        return
    if source.owner != target.owner:
        refuse("rollover_to_another_person", "An IRA rollover goes to the owner's own IRA.", ("IRC §408(d)(3)(A)",),
               "to")
        return
    amount = resolve_amount(move.amount, source.id, ctx.balances, "Rolling", refuse)
    if amount is None:
        return
    year = ctx.people[source.owner]
    forms: list[Form1099R] = []
    if move.via == "60_day":
        last = year.last_60_day
        if last is not None and move.on < _add_year(last):
            refuse("second_60_day_rollover", f"A 60-day IRA rollover was already made on {last.isoformat()}; only one "
                   "is allowed in 12 months across all of a person's IRAs. A trustee-to-trustee transfer has no "
                   "such limit.", ("IRC §408(d)(3)(B)", "Bobrow v. Commissioner, T.C. Memo. 2014-21",
                                  "IRS Announcement 2014-15"), "via")
            return
        if not roth[0] and year.rmd_left > 0:
            refuse("rollover_of_rmd", "In an RMD year the first dollars out are the RMD and cannot be rolled over.",
                   ("IRC §408(d)(3)(E)", "Treas. Reg. §1.408-8(b)(3)", "Treas. Reg. §1.402(c)-2(f)(1)"), "amount")
            return
        year.last_60_day = move.on
        early = move.on < age_59_half_on(h.person(source.owner))
        forms = [form_1099r.ira(amount, ("J" if early else "T") if roth[0] else ("1" if early else "7"))]
    ctx.balances[source.id] -= amount
    ctx.balances[target.id] += amount
    result = ctx.result(move, amount)
    result.nontaxable = amount
    result.forms_1099r = forms


def _add_year(day: _dt.date) -> _dt.date:
    if day.year >= _dt.MAXYEAR:  # twelve months from the calendar's last year end past its last day
        return _dt.date.max
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # February 29
        return day.replace(year=day.year + 1, day=28)


def close_year(h: Household, yp: YearParams, p: Person, outcome: IraYear, *, ratio_places: int | None,
               deductible_allowed: dict[str, int] | None) -> None:
    """The person's year-end: Form 8606 on the December 31 value (Worksheet 1-1 of Pub 590-B where
    the deduction may phase out), each conversion's and withdrawal's taxable part, the Roth IRA
    distributions in their order, and the 10% additional tax on early withdrawals."""
    people, results, balances = outcome.people, outcome.results, outcome.balances
    year = people[p.id]
    own = [a for a in h.accounts if a.owner == p.id and a.kind in NON_ROTH_IRAS]
    december_31 = sum(balances[a.id] if a.december_31_value is None else a.december_31_value for a in own)
    # qualified charitable distributions: the excluded part is left off Form 8606 line 7, so the year's other
    # distributions and conversions are pro rata over what it leaves (§408(d)(8)(D)); the rest is a distribution
    excluded = _qcd_year(h, yp, p, year, december_31, p.ira_basis + year.rolled_basis + year.nondeductible - year.line_4) \
        if year.qcd else 0
    distributions = year.distributions + year.qcd - excluded  # Form 8606 line 7
    worksheet = None
    if year.deductible_asked and (distributions or year.conversions) and deduction_phaseout(p, h, yp) is not None:
        worksheet = form_8606.worksheet_1_1(
            prior_basis=p.ira_basis + year.rolled_basis, contributions=year.nondeductible + year.deductible,
            december_31_value=december_31, distributions=distributions, conversions=year.conversions,
            ratio_places=ratio_places)
    form = form_8606.compute(nondeductible=year.nondeductible, prior_basis=p.ira_basis + year.rolled_basis,
                             next_year_contributions=year.line_4, december_31_value=december_31,
                             distributions=distributions, conversions=year.conversions,
                             ratio_places=ratio_places, worksheet=worksheet,
                             worksheet_only=deductible_allowed is None)
    outcome.forms[p.id] = form
    _allocate(results, year.conversion_moves, form.l17)
    _allocate_distributions(results, year, form.l12, excluded)
    outcome.taxable += form.l18 + form.l15c + year.plan_taxable
    outcome.early_taxable += year.plan_early
    outcome.recapture_tax += year.plan_recapture_tax
    _roth_distributions(h, p, outcome)
    for index in year.withdrawal_moves:
        r = results[index]
        if r.early:
            r.additional_tax = (r.taxable + 5) // 10
            outcome.early_taxable += r.taxable


def basis_above_balance(h: Household) -> list[Issue]:
    """A warning for each person whose IRA basis (last year's Form 8606 line 14) is above what
    their traditional, SEP and SIMPLE IRAs held on January 1 plus the contributions made this year
    by April 15 for last year (already in that basis, not yet in the balance, IRC §219(f)(3)): the
    IRAs have lost value below their basis, or the basis is mistyped. Form 8606 takes it as it is:
    line 10 is at most 1, so what comes out is tax-free until the basis is used."""
    out = []
    for i, p in enumerate(h.people):
        own = {a.id for a in h.accounts if a.owner == p.id and a.kind in NON_ROTH_IRAS}
        held = sum(a.value for a in h.accounts if a.id in own)
        late = sum(m.amount for m in h.moves if isinstance(m, Contribution) and m.to_account in own
                   and m.for_year == h.tax_year - 1 and m.type in ("deductible", "nondeductible")
                   and _dt.date(h.tax_year, 1, 1) <= m.on <= _dt.date(h.tax_year, 4, 15))
        if p.ira_basis > held + late:
            made = f" plus ${dollars(late, grouping=True)} contributed this year for {h.tax_year - 1}" if late else ""
            out.append(Issue(
                severity=Severity.WARNING, code="ira_basis_above_balance", where=f"people[{i}].ira_basis",
                message=(f"{p.id}'s IRA basis ${dollars(p.ira_basis, grouping=True)} is above what the "
                         f"traditional, SEP and SIMPLE IRAs held on January 1 (${dollars(held, grouping=True)}"
                         f"{made}): the IRAs are worth less than their basis (a loss), or the basis is mistyped. "
                         "Form 8606 line 10 is then at most 1: what comes out is tax-free until the basis is used. "
                         "A contribution for last year made this year belongs in the file as a contribution move "
                         f"with for_year: {h.tax_year - 1}."),
                cites=("Form 8606 instructions, line 10", "IRC §408(d)(1)-(2)", "Pub 590-B")))
    return out
