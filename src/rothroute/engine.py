"""The engine: a household-year evaluated, its moves applied (``moves.year``) and the year priced
with and without them, federal and state (the ``rothroute evaluate --json`` contract)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from rothroute.errors import Issue
from rothroute.explain import Line
from rothroute.household.model import Household, Person
from rothroute.money import as_number
from rothroute.params import Family, YearParams, for_year
from rothroute.params.states import StateYear
from rothroute.roth_ira import FIVE_YEAR_CITES, five_year_start, qualified_at_year_end
from rothroute.state import StateTax
from rothroute.tax.federal import FederalTax, federal_tax, inputs_from_household
from rothroute.vocab import IRA_KINDS, PLAN_KINDS, AccountKind, Severity

if TYPE_CHECKING:  # the moves machinery is imported when a household is evaluated
    from rothroute.moves.state import IraYear
    from rothroute.household.moves import Move
    from rothroute.moves.rmd import PersonRmd


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    household: Household
    tax: FederalTax
    without_moves: FederalTax
    issues: tuple[Issue, ...]
    ira: IraYear
    ratio_places: int | None = None
    params: YearParams | None = None  # supplied by the caller (a projected year), else the enacted ones
    irmaa: Family | None = None
    state_params: StateYear | None = None  # the state's parameters projected for a plan's year (else the file's)
    rmd: tuple[PersonRmd, ...] = ()  # each person's RMDs after the moves (``moves.rmd``)
    rmd_excise_without_moves: int = 0
    state: StateTax | None = None  # the state of residence's taxes (None: the file names no state)
    state_without_moves: StateTax | None = None

    @property
    def federal_cost(self) -> int:
        """Federal tax with the moves less federal tax without them."""
        return self.tax.total_tax - self.without_moves.total_tax

    @property
    def state_cost(self) -> int:
        """State tax with the moves less state tax without them (0 where it is not computed)."""
        return _state_total(self.state) - _state_total(self.state_without_moves)

    @property
    def cost_of_moves(self) -> int:
        """What the moves cost this year: federal and state tax together."""
        return self.federal_cost + self.state_cost

    @property
    def total_tax(self) -> int:
        """Federal and state tax of the year: the federal total, the state's income tax, its tax on
        capital gains and local income tax where modelled (a state tax that could not be computed is
        left out, and an issue says so)."""
        return self.tax.total_tax + _state_total(self.state)

    @property
    def rmd_excise(self) -> int:
        """The excise of IRC §4974 on RMDs not taken (Form 5329 line 55, every person): beside
        ``total_tax``, not in it (docs/household-format.md says why)."""
        return sum(p.excise for p in self.rmd)

    def lines(self) -> tuple[Line, ...]:
        from rothroute.moves import form_8606

        from rothroute.moves import rmd

        out = list(self.tax.lines())
        if self.state is not None:
            out.extend(self.state.lines())
            out.append(Line(key="tax.total_tax", value=self.total_tax,
                            label="Total tax: federal, and the state's income tax and tax on capital gains",
                            cites=("Form 1040 line 24", self.state.file.law if self.state.file else "state law"),
                            inputs=("total_tax", f"state.{self.state.state.lower()}.tax")))
        out.append(Line(key="tax.cost_of_moves", value=self.cost_of_moves,
                        label="Cost of the moves: total tax (federal and state) less the total tax of the same "
                              "year without them",
                        cites=("Form 1040 line 24",), inputs=("total_tax", "without_moves.total_tax")))
        for p in self.household.people:
            form = self.ira.forms[p.id]
            for number, value in form.lines(self.ratio_places).items():
                out.append(Line(key=f"people.{p.id}.f8606.{number}", value=value,
                                label=f"{p.id}: Form 8606 line {number}", cites=form_8606.CITES,
                                inputs=(f"people.{p.id}.ira_basis",) if number == "2" else ()))
        out += self._sale_lines()
        out += rmd.lines(self.rmd)
        out += _social_security_lines(self.household)
        out += _qcd_lines(self)
        out.append(Line(key="tax.rmd_excise", value=self.rmd_excise,
                        label="Excise on required minimum distributions not taken (every person's Form 5329 line 55; "
                              "Schedule 2 line 8): beside total_tax, not in it", cites=rmd.EXCISE_CITES,
                        inputs=tuple(f"people.{p.person.id}.f5329.55" for p in self.rmd if p.line_52)))
        return tuple(out)

    def _sale_lines(self) -> list[Line]:
        """Each taxable account's sales of the year: proceeds, basis sold, long-term gain."""
        from rothroute.moves import taxable

        out = []
        sales = self.ira.context.sales if self.ira.context else {}
        for account_id, (proceeds, basis) in sales.items():
            key = f"accounts.{account_id}.sales"
            out.append(Line(key=f"{key}.proceeds", value=proceeds, label=f"{account_id}: sold this year",
                            cites=taxable.CITES))
            out.append(Line(key=f"{key}.basis", value=basis, label=f"{account_id}: basis of what was sold, at the "
                            "account's average basis (basis x share of the value sold)", cites=taxable.CITES,
                            inputs=(f"accounts.{account_id}.cost_basis", f"{key}.proceeds")))
            out.append(Line(key=f"{key}.gain", value=proceeds - basis, label=f"{account_id}: long-term gain "
                            "realized (to Schedule D)", cites=taxable.CITES, inputs=(f"{key}.proceeds", f"{key}.basis")))
        return out

    def to_json(self) -> dict[str, Any]:
        h = self.household
        tax = _tax_json(self.tax, self.state)
        tax["rmd_excise"] = as_number(self.rmd_excise)
        tax["state"] = None if self.state is None else _state_json(self.state)
        tax["without_moves"] = {**_tax_json(self.without_moves, self.state_without_moves),
                                "rmd_excise": as_number(self.rmd_excise_without_moves)}
        tax["cost_of_moves"] = as_number(self.cost_of_moves)
        tax["federal_cost"] = as_number(self.federal_cost)
        tax["state_cost"] = as_number(self.state_cost)
        moves = []
        for i in range(len(h.moves)):
            r = self.ira.results.get(i)
            moves.append(r.to_json() if r else {"index": i, "permitted": False, "taxable": 0, "nontaxable": 0,
                                                "additional_tax": 0, "withholding": 0, "forms_1099r": []})
        return {
            "format": 1,
            "tax_year": h.tax_year,
            "issues": [i.to_json() for i in self.issues],
            "moves": moves,
            "people": self.to_json_people(),
            "tax": tax,
            "accounts_end": {a.id: _account_json(a, self.ira.balances[a.id], self.ira.plans.get(a.id),
                                                 self.ira.context.basis.get(a.id) if self.ira.context else None)
                             for a in h.accounts},
            "lines": [line.to_json() for line in self.lines()],
        }

    def then(self, moves: Sequence[Move]) -> Evaluation:
        """The same year continued with later ``moves`` (records), as if the file had
        held them all: the state the earlier moves left is carried on, not rebuilt. When the year's
        MAGI limits apply (Roth or deductible IRA contributions) or a new move is dated before one
        already applied, the whole year is evaluated again, since those depend on the whole year."""
        import copy

        h = dataclasses.replace(self.household, moves=self.household.moves + tuple(moves))
        old, old_issues = _records(self.household)
        new, new_issues = _records(h, start=len(self.household.moves))
        last = max((m.on for m in old), default=None)
        if _magi_limited(old + new) or self.ira.context is None or (last is not None and any(m.on < last for m in new)):
            return evaluate(h, ratio_places=self.ratio_places, params=self.params, irmaa=self.irmaa,
                            state_params=self.state_params)
        from rothroute.moves.year import apply

        ira = apply(h, self.params or for_year(h.tax_year), new, ratio_places=self.ratio_places,
                    resume=copy.deepcopy(self.ira.context))
        return _priced(h, ira, old_issues + new_issues, self.ratio_places, self.without_moves, self.params,
                       self.irmaa, self.state_params)

    def to_json_people(self) -> dict[str, Any]:
        from rothroute.household.social_security import benefits

        rmd = {p.person.id: p.to_json() for p in self.rmd}
        paid = benefits(self.household)
        out = {}
        for p in self.household.people:
            person = self._person_json(p)
            if p.id in rmd:
                person["rmd"] = rmd[p.id]
            if p.id in paid:
                person["social_security"] = paid[p.id].to_json()
            year = self.ira.people[p.id]
            if year.qcd:
                person["qcd"] = {"amount": as_number(year.qcd), "excluded": as_number(year.qcd_excluded),
                                 "not_excluded": as_number(year.qcd - year.qcd_excluded),
                                 "limit": as_number((self.params or for_year(self.household.tax_year))
                                                    .retirement_limits["qcd_limit"] or 0),
                                 "offset_left": as_number(year.qcd_offset_left)}
            out[p.id] = person
        return out

    def _person_json(self, p: Person) -> dict[str, Any]:
        h = self.household
        form = self.ira.forms[p.id]
        year = self.ira.people[p.id]
        start = five_year_start(p, year.roth_started(h.tax_year))
        roth_value = sum(self.ira.balances[a.id] for a in h.accounts if a.owner == p.id and a.kind is AccountKind.ROTH_IRA)
        roth = self.ira.roth[p.id]
        layers = [{"year": y, "taxable": t, "nontaxable": n} for y, t, n in roth.layers]
        contributions = roth.contributions
        basis = contributions + sum(x["taxable"] + x["nontaxable"] for x in layers)
        lines = {k: (v if isinstance(v, str) else as_number(v)) for k, v in form.lines(self.ratio_places).items()}
        if not (form.l1 or form.l7 or form.l8):
            lines = {"14": as_number(form.l14)}
        lines.update({k: as_number(v) for k, v in roth.lines.items()})
        return {
            "form_8606": lines,
            "roth_ira_qualified": qualified_at_year_end(p, h.tax_year, start),
            "roth_ira_five_year_start": start,
            "ira_basis_end": as_number(form.l14),
            "roth_ira_end": {
                "contributions": as_number(contributions),
                "earnings": as_number(roth_value - basis),
                "conversions": [{k: (v if k == "year" else as_number(v)) for k, v in x.items()} for x in layers],
            },
            "cites": list(FIVE_YEAR_CITES),
        }


def _social_security_lines(h: Household) -> list[Line]:
    """Each person's Social Security benefits of the year from their claim (Form 1040 line 6a's part)."""
    from rothroute.household import social_security as ss
    from rothroute.money import dollars

    out = []
    for pid, b in ss.benefits(h).items():
        c = b.claim
        assert c is not None
        how = (f"{c.reduction_months} months before full retirement age" if c.reduction_months else
               f"{c.credit_months(b.months[-1][0])} months of delayed credits")
        cites = ss.CITES + (ss.SPOUSE_CITES if b.spouse else ()) + (ss.SURVIVOR_CITES if b.survivor else ())
        out.append(Line(key=f"people.{pid}.social_security.paid", value=b.paid,
                        label=f"{pid}: Social Security benefits paid in {h.tax_year} (December {h.tax_year - 1} through "
                              f"November): from {ss.first_day(c.entitled).isoformat()[:7]}, PIA "
                              f"${dollars(c.pia, grouping=True)} a month, {how}"
                              + ("; with the spouse's benefit" if b.spouse else "")
                              + ("; the widow(er)'s benefit where larger" if b.survivor else ""),
                        cites=cites, inputs=(f"people.{pid}.social_security", f"people.{pid}.born")))
    return out


def _qcd_lines(ev: Evaluation) -> list[Line]:
    """The qualified charitable distributions: each person's excluded part, and the household's, which
    Form 1040 line 4a includes and line 4b leaves out, marked "QCD" (IRC §408(d)(8))."""
    from rothroute.moves.ira import QCD_CITES

    out = []
    total = 0
    for p in ev.household.people:
        year = ev.ira.people[p.id]
        if not year.qcd:
            continue
        total += year.qcd_excluded
        out.append(Line(key=f"people.{p.id}.qcd.excluded", value=year.qcd_excluded,
                        label=f"{p.id}: qualified charitable distributions excluded from income: the part that would "
                              "be taxable if every IRA were paid out this year, up to the year's limit, less the "
                              "offset of IRA deductions after 70½; the rest is a distribution (Form 8606 line 7)",
                        cites=QCD_CITES, inputs=(f"people.{p.id}.ira_basis", f"people.{p.id}.qcd_offset")))
    if out:
        out.append(Line(key="f1040.4b.qcd", value=total,
                        label='Qualified charitable distributions: in Form 1040 line 4a, left out of line 4b, marked "QCD"',
                        cites=QCD_CITES, inputs=tuple(line.key for line in out)))
    return out


def _state_total(state: StateTax | None) -> int:
    return 0 if state is None else state.total


def _tax_json(federal: FederalTax, state: StateTax | None) -> dict[str, Any]:
    """The contract's ``tax`` keys: the federal ones, the state's, and the total of both."""
    out = federal.to_json()
    out["federal_total_tax"] = out["total_tax"]
    income = 0 if state is None else state.income_tax
    gains = 0 if state is None else state.capital_gains_tax
    out["state_income_tax"] = None if income is None else as_number(income)
    out["state_capital_gains_tax"] = None if gains is None else as_number(gains)
    if state is not None and state.local_income_tax is not None:
        out["local_income_tax"] = as_number(state.local_income_tax)
    out["total_tax"] = as_number(federal.total_tax + _state_total(state))
    return out


def _state_json(state: StateTax) -> dict[str, Any]:
    from rothroute.vocab import JURISDICTIONS

    return {"code": state.state, "name": JURISDICTIONS[state.state], "year": state.year,
            "lines": [line.to_json() for line in state.lines()]}


def _account_json(a: Any, balance: int, plan: Any, basis: int | None = None) -> dict[str, Any]:
    if a.kind in PLAN_KINDS and plan is not None:
        return {"value": as_number(plan.total), "pretax": as_number(plan.pretax),
                "after_tax": {"contributions": as_number(plan.at_contributions),
                              "earnings": as_number(plan.at_earnings)},
                "roth": {"contributions": as_number(plan.roth_contributions),
                         "earnings": as_number(plan.roth_earnings), "first_year": plan.roth_first_year,
                         "in_plan_rollovers": [{"year": y, "taxable": as_number(t), "nontaxable": as_number(n)}
                                               for y, t, n in plan.irr_layers]}}
    out: dict[str, Any] = {"value": as_number(balance)}
    if a.kind is AccountKind.TAXABLE:
        out["cost_basis"] = as_number(a.cost_basis if basis is None else basis)
    if a.kind in IRA_KINDS and a.december_31_value is not None:
        out["december_31_value"] = as_number(a.december_31_value)
    return out


def _records(h: Household, start: int = 0) -> tuple[list[Move], list[Issue]]:
    """The household's moves from ``start``, each numbered by its place in the list (records from
    the file or a builder; a mapping in file notation from a Python caller is read here, and one
    that cannot be read is an issue naming its field)."""
    from rothroute.household.moves import MoveError, read

    records: list[Move] = []
    issues: list[Issue] = []
    for i, raw in enumerate(h.moves[start:], start):
        if isinstance(raw, Mapping):
            try:
                record = read(i, raw, h.tax_year)
            except MoveError as exc:
                issues.append(Issue(severity=Severity.ERROR, code="move_malformed", where=exc.where,
                                    message=f"expected {exc.expected}; got {exc.got!r}. The move changed nothing."))
                continue
            if record is None:
                issues.append(Issue(severity=Severity.ERROR, code="move_not_supported", where=f"moves[{i}]",
                                    message=f"The move '{raw.get('move')}' is not evaluated by this version; "
                                            "it changed nothing."))
                continue
        else:
            record = raw if raw.index == i else dataclasses.replace(raw, index=i)
        outside = _outside_the_year(record, h.tax_year)
        if outside:
            issues.append(Issue(severity=Severity.ERROR, code="move_outside_tax_year", where=f"moves[{i}].date",
                                message=outside, cites=("Form 8606 instructions (line 6: the value on December 31)",
                                                        "IRC §219(f)(3)", "IRC §408A(c)(7)")))
            continue
        records.append(record)
    return records, issues


def _outside_the_year(record: Move, year: int) -> str | None:
    """Why a move's date puts it outside the file's tax year, or None. A contribution for the year
    may be made until April 15 of the next (IRC §219(f)(3), §408A(c)(7)); every other move falls in
    the year of its date, and belongs to that year's file."""
    import datetime as _dt

    from rothroute.household.moves import Contribution

    on = record.on
    if isinstance(record, Contribution) and record.for_year == year:
        if _dt.date(year, 1, 1) <= on <= _dt.date(year + 1, 4, 15):
            return None
        return (f"A contribution for {year} is made between January 1, {year} and April 15, {year + 1}; this one is "
                f"dated {on}. The move changed nothing.")
    if isinstance(record, Contribution):  # for last year
        if _dt.date(year, 1, 1) <= on <= _dt.date(year, 4, 15):
            return None
        return (f"A contribution for {year - 1} made in {year} is made by April 15, {year}; this one is dated {on}. "
                "The move changed nothing.")
    if on.year == year:
        return None
    return (f"This move is dated {on}, outside the tax year {year}: it belongs to the {on.year} file. Form 8606 counts "
            f"the IRAs' value on December 31, {year}: a rollover or roll-in after that day does not change this year's "
            "pro-rata. The move changed nothing.")


def evaluate(h: Household, *, ratio_places: int | None = None, without_moves: FederalTax | None = None,
             params: YearParams | None = None, irmaa: Family | None = None,
             state_params: StateYear | None = None) -> Evaluation:
    """Apply the year's moves and price the household-year with and without them.

    Applies IRA contributions (deductible, nondeductible, Roth), conversions, withdrawals and
    rollovers, plan distributions (Notice 2014-54), in-plan Roth rollovers and roll-ins; plan
    contributions within their limits. ``ratio_places`` rounds Form 8606 line 10 (None: full precision).
    ``without_moves``: the same household's tax with no moves, when the caller has it already
    (a comparison prices many move lists against one baseline). ``params`` and ``irmaa``: the
    year's parameters and the IRMAA table two years on, for a year past the enacted ones (see
    ``rothroute.params.projection``); by default the enacted parameters of ``h.tax_year``.
    ``state_params``: the state of residence's parameters for such a year
    (``rothroute.params.state_projection``); by default its file's, refused where it has none."""
    from rothroute.moves.year import apply

    yp = params or for_year(h.tax_year)
    records, issues = _records(h)
    ira = apply(h, yp, records, ratio_places=ratio_places)
    if _needs_magi(ira):
        ira = _second_pass(h, yp, records, ira, ratio_places, irmaa)
    return _priced(h, ira, issues, ratio_places, without_moves, params, irmaa, state_params)


def _magi_limited(records: list[Move]) -> bool:
    """Whether any move is an IRA contribution whose limit depends on the year's MAGI (Roth, or
    deductible), whether or not it was allowed: then the whole year decides it."""
    from rothroute.household.moves import Contribution

    return any(isinstance(r, Contribution) and r.type in ("roth", "deductible") for r in records)


def _needs_magi(ira: IraYear) -> bool:
    return any(year.roth_contributions or year.deductible for year in ira.people.values())


def _tax(h: Household, outcome: IraYear, params: YearParams | None, irmaa: Family | None, *,
         deduct: bool = True) -> FederalTax:
    return federal_tax(inputs_from_household(h, pension=outcome.taxable - outcome.early_taxable,
                                             early_distributions=outcome.early_taxable,
                                             other_additional_tax=outcome.recapture_tax,
                                             adjustments=outcome.deduction if deduct else 0,
                                             pretax_deferrals=outcome.pretax_deferrals,
                                             long_term_gains=outcome.long_term_gains),
                       params=params, irmaa=irmaa)


def _second_pass(h: Household, yp: Any, records: list[Move], ira: IraYear, ratio_places: int | None,
                 irmaa: Family | None) -> IraYear:
    """The MAGI limits need the year's AGI before any IRA deduction (IRC §219(g)(3)(A); Pub 590-A
    Worksheet 1-2 and Appendix B); for Roth contributions, also without conversion income (IRC
    §408A(c)(3)(B)); joint on a joint return. A second pass applies the limits."""
    from rothroute.moves.ira_limits import deduction_limit
    from rothroute.moves.year import apply

    people = ira.people.values()
    magi = _tax(h, ira, yp, irmaa, deduct=False).agi
    allowed = {}
    for p in h.people:
        limit = deduction_limit(p, h, magi, yp)
        allowed[p.id] = ira.people[p.id].deductible if limit is None else limit
    roth_magi = magi - sum(form.l18 for form in ira.forms.values()) - sum(
        t for year in people for t, _ in year.plan_layers)
    return apply(h, yp, records, ratio_places=ratio_places, roth_magi={p.id: roth_magi for p in h.people},
                 deductible_allowed=allowed)


def _priced(h: Household, ira: IraYear, issues: list[Issue], ratio_places: int | None,
            without_moves: FederalTax | None, params: YearParams | None = None,
            irmaa: Family | None = None, state_params: StateYear | None = None) -> Evaluation:
    from rothroute.moves import rmd
    from rothroute.moves.ira import basis_above_balance
    from rothroute.state.household import household_state_tax, state_issues

    tax = _tax(h, ira, params, irmaa)
    unchanged = not (ira.taxable or ira.early_taxable or ira.recapture_tax or ira.deduction
                     or ira.pretax_deferrals or ira.long_term_gains)
    base = tax if unchanged else (without_moves or federal_tax(inputs_from_household(h), params=params, irmaa=irmaa))
    state = household_state_tax(h, tax, ira, state_params)
    state_base = state if unchanged else household_state_tax(h, base, None, state_params)
    issues.extend(basis_above_balance(h))
    issues.extend(ira.issues)
    year = rmd.year_end(h, ira)
    issues.extend(rmd.issues(year))
    issues.extend(tax.issues)
    issues.extend(state_issues(h, tax, state))
    return Evaluation(household=h, tax=tax, without_moves=base, issues=tuple(issues), ira=ira,
                      ratio_places=ratio_places, params=params, irmaa=irmaa, state_params=state_params, rmd=year,
                      rmd_excise_without_moves=sum(p.excise for p in rmd.year_end(h, None)), state=state,
                      state_without_moves=state_base)
