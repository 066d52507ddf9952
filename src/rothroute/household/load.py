"""Household file text → ``Household``, or every problem in it at once."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from rothroute.errors import HouseholdFileError, ParameterNotInForce, Problem
from rothroute.household.fileformat import HOUSEHOLD
from rothroute.household.model import (
    Account, Household, IncomeItem, Itemized, Person, PlanRules, PlanSources, RothIra, RothLayer,
)
from rothroute.money import cents
from rothroute.textdoc import TextDoc, TextDocError, read
from rothroute.vocab import IRA_KINDS, PLAN_KINDS, AccountKind, FilingStatus, IncomeKind, PlanSource


def load_path(path: str | Path) -> Household:
    """Read a household file (YAML or JSON); raise ``HouseholdFileError`` listing every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise HouseholdFileError([Problem(where="(file)", expected="a readable household file",
                                          got=exc.strerror or str(exc), source=str(path))]) from None
    except UnicodeDecodeError:
        raise HouseholdFileError([Problem(where="(file)", expected="UTF-8 text", got="undecodable bytes",
                                          source=str(path))]) from None
    return load_text(text, source=str(path))


def load_text(text: str, *, source: str = "<input>") -> Household:
    try:
        doc = read(text)
    except TextDocError as exc:
        raise HouseholdFileError([Problem(where=exc.where, expected=exc.expected, got=exc.got,
                                          line=exc.line, source=source)]) from None
    return load_document(doc, source=source)


def load_document(doc: TextDoc, *, source: str = "<input>") -> Household:
    problems: list[Problem] = []

    def report(where: str, expected: str, got: str) -> None:
        problems.append(Problem(where=where, expected=expected, got=got, line=doc.line_of(where), source=source))

    if not HOUSEHOLD.check(doc.value, "", report):
        raise HouseholdFileError(problems)
    household = _build(doc.value, source)
    _check_meaning(household, doc.value, report)
    if problems:
        raise HouseholdFileError(problems)
    return household


def _date(value: Any) -> _dt.date:
    return value if isinstance(value, _dt.date) else _dt.date.fromisoformat(value)


def _build(raw: dict[str, Any], source: str) -> Household:
    people = []
    for p in raw["people"]:
        roth = p.get("roth_ira") or {}
        people.append(Person(
            id=p["id"], born=_date(p["born"]), blind=p.get("blind", False),
            ira_basis=cents(p.get("ira_basis", 0)),
            covered_by_workplace_plan=p.get("covered_by_workplace_plan", False),
            roth_ira=RothIra(
                first_year=roth.get("first_year"), contributions=cents(roth.get("contributions", 0)),
                conversions=tuple(RothLayer(year=c["year"], taxable=cents(c["taxable"]),
                                            nontaxable=cents(c["nontaxable"])) for c in roth.get("conversions", ())),
            ),
        ))
    income = tuple(IncomeItem(kind=IncomeKind(i["kind"]), amount=cents(i["amount"]), person=i.get("person"))
                   for i in raw.get("income", ()))
    accounts = []
    for a in raw.get("accounts", ()):
        kind = AccountKind(a["kind"])
        sources = plan = None
        value = cents(a.get("value", 0))
        if kind in PLAN_KINDS:
            s = a.get("sources") or {}
            at, ro = s.get("after_tax") or {}, s.get("roth") or {}
            sources = PlanSources(
                pretax=cents(s.get("pretax", 0)),
                after_tax_contributions=cents(at.get("contributions", 0)),
                after_tax_earnings=cents(at.get("earnings", 0)),
                pre_1987_contributions=cents(at.get("pre_1987_contributions", 0)),
                roth_contributions=cents(ro.get("contributions", 0)),
                roth_earnings=cents(ro.get("earnings", 0)),
                roth_first_year=ro.get("first_year"),
            )
            rules = a.get("plan") or {}
            plan = PlanRules(
                separated_from_service=rules.get("separated_from_service"),
                after_tax_separate_contract=rules.get("after_tax_separate_contract", False),
                accepts_ira_rollins=rules.get("accepts_ira_rollins", False),
                in_plan_roth_rollover=rules.get("in_plan_roth_rollover", False),
                in_service_withdrawals=tuple(PlanSource(x) for x in rules.get("in_service_withdrawals", ())),
            )
            value = sources.total
        d31 = a.get("december_31_value")
        accounts.append(Account(id=a["id"], owner=a["owner"], kind=kind, value=value,
                                december_31_value=None if d31 is None else cents(d31),
                                sources=sources, plan=plan))
    itemized = raw.get("itemized_deductions")
    return Household(
        format=raw["format"], tax_year=raw["tax_year"], filing_status=FilingStatus(raw["filing_status"]),
        people=tuple(people), income=income, accounts=tuple(accounts),
        moves=tuple(raw.get("moves", ())),
        magi_history={int(k): cents(v) for k, v in (raw.get("magi_history") or {}).items()},
        itemized=None if itemized is None else Itemized(
            state_local_taxes=cents(itemized.get("state_local_taxes", 0)), other=cents(itemized.get("other", 0))),
        state=raw.get("state"), lived_apart_all_year=raw.get("lived_apart_all_year", False), origin=source,
    )


def _check_meaning(h: Household, raw: dict[str, Any], report: Any) -> None:
    """Checks that need more than one field: references, dates, basis, parameters in force."""
    from rothroute.params import default_set

    enacted = default_set().enacted_years
    if h.tax_year not in enacted:
        err = ParameterNotInForce("tax year parameters", h.tax_year, enacted)
        report("tax_year", f"a tax year with enacted parameters ({', '.join(map(str, enacted))})",
               f"{h.tax_year} ({err.__class__.__name__})")
    want = 2 if h.filing_status is FilingStatus.MARRIED_JOINT else 1
    if len(h.people) != want:
        report("people", f"{want} {'people (both spouses)' if want == 2 else 'person'} for filing status "
               f"{h.filing_status}", f"{len(h.people)}")
    ids: dict[str, int] = {}
    for i, p in enumerate(h.people):
        if p.id in ids:
            report(f"people[{i}].id", "an id used by one person only", f"'{p.id}' again (also people[{ids[p.id]}])")
        ids.setdefault(p.id, i)
        if p.born > _dt.date(h.tax_year, 12, 31):
            report(f"people[{i}].born", f"a birth date on or before {h.tax_year}-12-31 (the end of the tax year)",
                   p.born.isoformat())
        r = p.roth_ira
        if r.first_year is not None and r.first_year > h.tax_year:
            report(f"people[{i}].roth_ira.first_year", f"a year no later than the tax year {h.tax_year}",
                   str(r.first_year))
        for j, layer in enumerate(r.conversions):
            if layer.year > h.tax_year:
                report(f"people[{i}].roth_ira.conversions[{j}].year",
                       f"a year no later than the tax year {h.tax_year}", str(layer.year))
        iras = sum(a.value for a in h.accounts if a.owner == p.id and a.kind in IRA_KINDS
                   and a.kind is not AccountKind.INHERITED_IRA)
        if p.ira_basis > iras:
            report(f"people[{i}].ira_basis",
                   f"basis no greater than the person's traditional/SEP/SIMPLE IRA balance on January 1 "
                   f"(${iras / 100:,.2f}); basis is the nondeductible money still in the IRAs (Form 8606 line 14)",
                   f"${p.ira_basis / 100:,.2f}")
    for i, item in enumerate(h.income):
        if item.person is not None and item.person not in ids:
            report(f"income[{i}].person", "the id of a person in people (" + ", ".join(ids) + ")", f"'{item.person}'")
        if item.amount < 0 and item.kind not in (IncomeKind.LONG_TERM_GAINS, IncomeKind.SHORT_TERM_GAINS):
            report(f"income[{i}].amount", f"an amount of at least 0 for {item.kind} (only gains may be negative)",
                   str(raw["income"][i]["amount"]))
        if item.kind in (IncomeKind.WAGES, IncomeKind.SOCIAL_SECURITY, IncomeKind.EARLY_DISTRIBUTION) \
                and item.person is None and len(h.people) > 1:
            report(f"income[{i}].person", f"the person whose {item.kind} this is (the law looks at whose it is)",
                   "no person")
    if h.income_total(IncomeKind.QUALIFIED_DIVIDENDS) > h.income_total(IncomeKind.ORDINARY_DIVIDENDS):
        report("income", "qualified_dividends no greater than ordinary_dividends (the qualified part of them)",
               f"qualified ${h.income_total(IncomeKind.QUALIFIED_DIVIDENDS) / 100:,.2f} > ordinary "
               f"${h.income_total(IncomeKind.ORDINARY_DIVIDENDS) / 100:,.2f}")
    acc_ids: dict[str, int] = {}
    for i, a in enumerate(h.accounts):
        if a.id in acc_ids or a.id in ids:
            report(f"accounts[{i}].id", "an id used once (not by another account or a person)", f"'{a.id}' again")
        acc_ids.setdefault(a.id, i)
        if a.owner not in ids:
            report(f"accounts[{i}].owner", "the id of a person in people (" + ", ".join(ids) + ")", f"'{a.owner}'")
        ra = raw["accounts"][i]
        if a.kind in PLAN_KINDS:
            if "value" in ra:
                report(f"accounts[{i}].value", "no 'value' for an employer plan (its value is the sum of its sources)",
                       str(ra["value"]))
            if "sources" not in ra:
                report(f"accounts[{i}].sources", f"the sources of the {a.kind} (pretax, after_tax, roth)", "nothing")
            s = a.sources
            if s is not None and s.pre_1987_contributions > s.after_tax_contributions:
                report(f"accounts[{i}].sources.after_tax.pre_1987_contributions",
                       f"no more than the after-tax contributions (${s.after_tax_contributions / 100:,.2f})",
                       f"${s.pre_1987_contributions / 100:,.2f}")
            if s is not None and s.after_tax_contributions + s.after_tax_earnings < 0:
                report(f"accounts[{i}].sources.after_tax.earnings",
                       "earnings no lower than minus the contributions (a sub-account cannot be negative)",
                       f"${s.after_tax_earnings / 100:,.2f}")
            if s is not None and s.roth_contributions + s.roth_earnings < 0:
                report(f"accounts[{i}].sources.roth.earnings",
                       "earnings no lower than minus the contributions (a sub-account cannot be negative)",
                       f"${s.roth_earnings / 100:,.2f}")
        else:
            for key in ("sources", "plan"):
                if key in ra:
                    report(f"accounts[{i}].{key}", f"no '{key}' for an account of kind {a.kind} (plans only)",
                           "a mapping")
    for year in h.magi_history:
        if year >= h.tax_year:
            report(f"magi_history.{year}", f"a year before the tax year {h.tax_year}", str(year))


