"""Household file text → ``Household``, or every problem in it at once."""

from __future__ import annotations

import datetime as _dt
from fractions import Fraction
from pathlib import Path
from typing import Any

from rothroute.errors import HouseholdFileError, Problem
from rothroute.household.fileformat import HOUSEHOLD
from rothroute.household.spec import shown
from rothroute.household.model import (
    Account, HealthCoverage, Household, IncomeItem, Itemized, Person, PlanRules, PlanSources, RothIra, RothLayer,
)
from rothroute.money import cents
from rothroute.household import moves as records
from rothroute.household import residence, social_security
from rothroute.textdoc import LIMITS, Limits, TextDoc, TextDocError, join, read
from rothroute.vocab import PLAN_KINDS, AccountKind, FilingStatus, IncomeKind, PlanSource


def load_path(path: str | Path, *, limits: Limits = LIMITS) -> Household:
    """Read a household file (YAML, or JSON for a ``.json`` name); raise ``HouseholdFileError``
    listing every problem. A file over ``limits.max_bytes`` is refused before it is read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise HouseholdFileError([Problem(
                where="(file)", expected=f"a household file of at most {limits.max_bytes:,} bytes (a household "
                "file is a few kilobytes; --max-file-size raises the limit)", got=f"{size:,} bytes",
                source=str(path), code="file_too_large")])
        data = path.read_bytes()
        text = data.decode("utf-8")
    except OSError as exc:
        raise HouseholdFileError([Problem(where="(file)", expected="a readable household file",
                                          got=exc.strerror or str(exc), source=str(path),
                                          code="file_unreadable")]) from None
    except UnicodeDecodeError as exc:
        raise HouseholdFileError([Problem(where="(document)", expected="UTF-8 text",
                                          got=f"undecodable bytes at byte {exc.start}", source=str(path),
                                          line=data.count(b"\n", 0, exc.start) + 1,
                                          code="file_unreadable")]) from None
    return load_text(text, source=str(path), limits=limits)


def kind_of(source: str) -> str:
    """How a file is read: JSON for a ``.json`` name, YAML otherwise."""
    return "json" if source.lower().endswith(".json") else "yaml"


def load_text(text: str, *, source: str = "<input>", kind: str | None = None, limits: Limits = LIMITS) -> Household:
    """A household from YAML or JSON text (``kind``, by default from the ``source`` name)."""
    try:
        doc = read(text, kind=kind or kind_of(source), limits=limits, collect=True)
    except TextDocError as exc:
        raise HouseholdFileError([Problem(where=exc.where, expected=exc.expected, got=exc.got,
                                          line=exc.line, source=source, code=exc.code)]) from None
    return load_document(doc, source=source)


def load_document(doc: TextDoc, *, source: str = "<input>") -> Household:
    problems: list[Problem] = []

    def report(where: str, expected: str, got: str, code: str = "invalid_value") -> None:
        problems.append(Problem(where=where, expected=expected, got=got, line=doc.line_of(where), source=source,
                                code=code))

    unread = {e.where for e in doc.problems}
    for e in doc.problems:
        problems.append(Problem(where=e.where, expected=e.expected, got=e.got, line=e.line, source=source,
                                code=e.code))

    def check(where: str, expected: str, got: str, code: str = "invalid_value") -> None:
        if where not in unread:  # the reader has said what is wrong with that value
            report(where, expected, got, code)

    HOUSEHOLD.check(doc.value, "", check)
    if isinstance(doc.value, dict):
        bad = tuple(p.where for p in problems)
        _check_meaning(_Raw(doc.value, bad), check)
    if problems:
        problems.sort(key=lambda p: p.line or 0)  # in file order (a stable sort keeps same-line order)
        raise HouseholdFileError(problems)
    household = _build(doc.value, source)
    _check_rmd_years(household, report)  # rules-rmd: the RMD fields name the right years
    if problems:
        raise HouseholdFileError(problems)
    return household


class _Raw:
    """The parsed document with a test of whether a value passed the structural checks, so that
    the checks of meaning run on every part that can be read, whatever else is wrong."""

    def __init__(self, value: dict[str, Any], bad: tuple[str, ...]) -> None:
        self.value, self.bad = value, bad

    def ok(self, path: str) -> bool:
        for where in self.bad:
            if where == path or path.startswith(where + ".") or path.startswith(where + "[") or where == "(document)":
                return False
        return True

    def clean(self, path: str) -> bool:
        """Whether ``path`` and everything in it passed the structural checks."""
        return self.ok(path) and not any(w.startswith(path + ".") or w.startswith(path + "[") for w in self.bad)

    def get(self, path: str, value: Any, default: Any = None) -> Any:
        """``value`` if it passed the structural checks, else ``default``."""
        return value if self.ok(path) else default

    def seq(self, path: str, value: Any) -> list[Any]:
        """``value`` if it is a list that passed the structural checks, else an empty list."""
        return value if isinstance(value, list) and self.ok(path) else []

    def money(self, path: str, value: Any) -> int | None:
        return cents(value) if value is not None and self.ok(path) else None

    def items(self, key: str) -> list[tuple[str, dict[str, Any]]]:
        seq = self.value.get(key)
        if not isinstance(seq, list) or not self.ok(key):
            return []
        return [(f"{key}[{i}]", item) for i, item in enumerate(seq) if isinstance(item, dict)]


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
            retirement_year=p.get("retirement_year"),
            last_60_day_ira_rollover=None if p.get("last_60_day_ira_rollover") is None
            else _date(p["last_60_day_ira_rollover"]),
            roth_ira=RothIra(
                first_year=roth.get("first_year"), contributions=cents(roth.get("contributions", 0)),
                conversions=tuple(_layer(c) for c in roth.get("conversions", ())),
            ),
            first_rmd_deferred=p.get("first_rmd_deferred", False),
            rmd_from_last_year=cents(p.get("rmd_from_last_year", 0)),
            rmd_shortfall_corrected=p.get("rmd_shortfall_corrected", False),
            social_security=social_security.read(p), qcd_offset=cents(p.get("qcd_offset", 0)),
            life_expectancy=p.get("life_expectancy"),
        ))
    income = tuple(IncomeItem(kind=IncomeKind(i["kind"]), amount=cents(i["amount"]), person=i.get("person"),
                              start_year=i.get("start_year")) for i in raw.get("income", ()))
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
                roth_in_plan_rollovers=tuple(_layer(x) for x in ro.get("in_plan_rollovers", ())),
            )
            rules = a.get("plan") or {}
            plan = PlanRules(
                separated_from_service=rules.get("separated_from_service"),
                after_tax_separate_contract=rules.get("after_tax_separate_contract", False),
                accepts_ira_rollins=rules.get("accepts_ira_rollins", False),
                in_plan_roth_rollover=rules.get("in_plan_roth_rollover", False),
                in_service_withdrawals=tuple(PlanSource(x) for x in rules.get("in_service_withdrawals", ())),
                after_tax_contributions=rules.get("after_tax_contributions", False),
                employer_contributions=cents(rules.get("employer_contributions", 0)),
                designated_roth=rules.get("designated_roth", False) or rules.get("in_plan_roth_rollover", False)
                or sources.roth_first_year is not None
                or sources.roth_contributions + sources.roth_earnings > 0,
                five_percent_owner=rules.get("five_percent_owner", False),
                prior_year_fica_wages=None if rules.get("prior_year_fica_wages") is None
                else cents(rules["prior_year_fica_wages"]),
                first_rmd_deferred=rules.get("first_rmd_deferred", False),
                rmd_from_last_year=cents(rules.get("rmd_from_last_year", 0)),
            )
            value = sources.total
        d31 = a.get("december_31_value")
        accounts.append(Account(id=a["id"], owner=a["owner"], kind=kind, value=value,
                                december_31_value=None if d31 is None else cents(d31),
                                sources=sources, plan=plan, cost_basis=cents(a.get("cost_basis", 0)),
                                qualified_dividend_yield=Fraction(a.get("qualified_dividend_yield", 0)) / 100,
                                interest_yield=Fraction(a.get("interest_yield", 0)) / 100))
    itemized = raw.get("itemized_deductions")
    coverage = raw.get("health_coverage")
    return Household(
        format=raw["format"], tax_year=raw["tax_year"], filing_status=FilingStatus(raw["filing_status"]),
        people=tuple(people), income=income, accounts=tuple(accounts),
        moves=tuple(records.read(i, m, raw["tax_year"]) for i, m in enumerate(raw.get("moves", ()))),
        magi_history={int(k): cents(v) for k, v in (raw.get("magi_history") or {}).items()},
        itemized=None if itemized is None else Itemized(
            state_local_taxes=cents(itemized.get("state_local_taxes", 0)), other=cents(itemized.get("other", 0))),
        state=raw.get("state"), residence=residence.read(raw), locality=raw.get("locality"),
        lived_apart_all_year=raw.get("lived_apart_all_year", False),
        health_coverage=None if coverage is None else HealthCoverage(
            benchmark_premium=cents(coverage["benchmark_premium"]),
            premium=cents(coverage.get("premium", coverage["benchmark_premium"])),
            advance_payments=cents(coverage.get("advance_payments", 0)),
            first_month=coverage.get("first_month", 1), last_month=coverage.get("last_month", 12),
            family_size=coverage.get("family_size"), to_year=coverage.get("to_year")),
        tax_computation=raw.get("tax_computation", "tax_table"), dependent_child=raw.get("dependent_child", False),
        charitable_gifts=cents(raw.get("charitable_gifts", 0)),
        spouse_died_in=raw.get("spouse_died_in"), origin=source,
    )


def _check_meaning(raw: _Raw, report: Any) -> None:
    """Checks that need more than one field: references, dates, basis, parameters in force.

    Each runs on the values that passed the structural checks, so one file's problems all
    come out together."""
    from rothroute.params import default_set

    doc = raw.value
    tax_year = raw.get("tax_year", doc.get("tax_year"))
    if not isinstance(tax_year, int):
        tax_year = None
    enacted = default_set().enacted_years
    if tax_year is not None and tax_year not in enacted:
        report("tax_year", f"a tax year with enacted parameters ({', '.join(map(str, enacted))})",
               f"{tax_year}, which has none")
    people = raw.items("people")
    status = raw.get("filing_status", doc.get("filing_status"))
    if status in tuple(FilingStatus) and raw.ok("people") and isinstance(doc.get("people"), list):
        want = 2 if status == FilingStatus.MARRIED_JOINT else 1
        if len(doc["people"]) != want:
            report("people", f"{want} {'people (both spouses)' if want == 2 else 'person'} for filing status "
                   f"{status}", f"{len(doc['people'])}")
    accounts = raw.items("accounts")
    ids: dict[str, str] = {}
    for where, p in people:
        pid = raw.get(f"{where}.id", p.get("id"))
        if pid is not None:
            if pid in ids:
                report(f"{where}.id", "an id used by one person only", f"'{pid}' again (also {ids[pid]})")
            ids.setdefault(pid, where)
        born = raw.get(f"{where}.born", p.get("born"))
        if born is not None and tax_year is not None and _date(born) > _dt.date(tax_year, 12, 31):
            report(f"{where}.born", f"a birth date on or before {tax_year}-12-31 (the end of the tax year)",
                   _date(born).isoformat())
        retires = raw.get(f"{where}.retirement_year", p.get("retirement_year"))
        if retires is not None and tax_year is not None and retires < tax_year:
            report(f"{where}.retirement_year", f"a year no earlier than the tax year {tax_year} (someone who has "
                   "left the employer has no current employer: give the plans' separated_from_service)", str(retires))
        roth = p.get("roth_ira") if isinstance(p.get("roth_ira"), dict) else {}
        first = raw.get(f"{where}.roth_ira.first_year", roth.get("first_year"))
        if first is not None and tax_year is not None and first > tax_year:
            report(f"{where}.roth_ira.first_year", f"a year no later than the tax year {tax_year}", str(first))
        for j, layer in enumerate(raw.seq(f"{where}.roth_ira.conversions", roth.get("conversions"))):
            lw = f"{where}.roth_ira.conversions[{j}].year"
            year = raw.get(lw, layer.get("year") if isinstance(layer, dict) else None)
            if year is not None and tax_year is not None and year > tax_year:
                report(lw, f"a year no later than the tax year {tax_year}", str(year))
    totals = {"qualified_dividends": 0, "ordinary_dividends": 0}
    dividends_ok = True
    for where, item in raw.items("income"):
        person = raw.get(f"{where}.person", item.get("person"))
        kind = raw.get(f"{where}.kind", item.get("kind"))
        amount = raw.money(f"{where}.amount", item.get("amount"))
        if person is not None and person not in ids and raw.ok("people"):
            report(f"{where}.person", "the id of a person in people (" + ", ".join(ids) + ")", f"'{person}'")
        if amount is not None and amount < 0 and kind in tuple(IncomeKind) and kind not in (
                IncomeKind.LONG_TERM_GAINS, IncomeKind.SHORT_TERM_GAINS):
            report(f"{where}.amount", f"an amount of at least 0 for {kind} (only gains may be negative)",
                   str(item.get("amount")))
        if kind in (IncomeKind.WAGES, IncomeKind.SOCIAL_SECURITY, IncomeKind.EARLY_DISTRIBUTION) \
                and "person" not in item and len(people) > 1:
            report(f"{where}.person", f"the person whose {kind} this is (the law looks at whose it is)", "no person")
        if kind in totals:
            if amount is None:
                dividends_ok = False
            else:
                totals[kind] += amount
    if dividends_ok and totals["qualified_dividends"] > totals["ordinary_dividends"]:
        report("income", "qualified_dividends no greater than ordinary_dividends (the qualified part of them)",
               f"qualified ${totals['qualified_dividends'] / 100:,.2f} > ordinary "
               f"${totals['ordinary_dividends'] / 100:,.2f}")
    acc_ids: dict[str, str] = {}
    for where, a in accounts:
        aid = raw.get(f"{where}.id", a.get("id"))
        if aid is not None:
            if aid in acc_ids or aid in ids:
                report(f"{where}.id", "an id used once (not by another account or a person)", f"'{aid}' again")
            acc_ids.setdefault(aid, where)
        owner = raw.get(f"{where}.owner", a.get("owner"))
        if owner is not None and owner not in ids and raw.ok("people"):
            report(f"{where}.owner", "the id of a person in people (" + ", ".join(ids) + ")", f"'{owner}'")
        kind = raw.get(f"{where}.kind", a.get("kind"))
        if kind is None:
            continue
        if AccountKind(kind) is AccountKind.TAXABLE:
            if "cost_basis" not in a:
                report(f"{where}.cost_basis", "the cost basis of the taxable account's holdings on January 1 (what "
                       "was paid for them: a sale's gain is figured from it)", "nothing", code="missing_field")
            for key in ("sources", "plan", "december_31_value"):
                if key in a:
                    report(f"{where}.{key}", f"no '{key}' for a taxable account", shown(a[key]))
        else:
            for key in ("cost_basis", "qualified_dividend_yield", "interest_yield"):
                if key in a:
                    report(f"{where}.{key}", f"no '{key}' for an account of kind {kind} (taxable accounts only)",
                           shown(a[key]))
        if AccountKind(kind) in PLAN_KINDS:
            _check_plan(raw, where, a, report, tax_year)
        elif AccountKind(kind) is not AccountKind.TAXABLE:
            for key in ("sources", "plan"):
                if key in a:
                    report(f"{where}.{key}", f"no '{key}' for an account of kind {kind} (plans only)", "a mapping")
    _check_moves(raw, report, tax_year)
    residence.check(raw, report, tax_year)
    social_security.check(raw, report, tax_year)
    _check_coverage(raw, report)
    history = doc.get("magi_history")
    if isinstance(history, dict) and tax_year is not None:
        for year in history:
            if raw.ok(join("magi_history", year)) and int(year) >= tax_year:
                report(join("magi_history", year), f"a year before the tax year {tax_year}", str(year))


def _check_moves(raw: _Raw, report: Any, tax_year: int | None) -> None:
    """What a move's spec cannot say alone: at most one destination takes the rest, each source
    once, a contribution for this year or the last (read by the record itself)."""
    if tax_year is None:
        return
    for where, m in raw.items("moves"):
        if not raw.clean(where):
            continue
        index = int(where[where.index("[") + 1:-1])
        try:
            records.read(index, m, tax_year)
        except records.MoveError as exc:
            report(exc.where, exc.expected, shown(exc.got))


def _check_coverage(raw: _Raw, report: Any) -> None:
    """Marketplace coverage: its months in order, its family no smaller than the return."""
    cover = raw.value.get("health_coverage")
    if not isinstance(cover, dict):
        return
    first = raw.get("health_coverage.first_month", cover.get("first_month", 1))
    last = raw.get("health_coverage.last_month", cover.get("last_month", 12))
    if isinstance(first, int) and isinstance(last, int) and first > last:
        report("health_coverage.last_month", f"a month no earlier than first_month ({first})", str(last))
    to_year, year = raw.get("health_coverage.to_year", cover.get("to_year")), raw.value.get("tax_year")
    if isinstance(to_year, int) and isinstance(year, int) and to_year < year:
        report("health_coverage.to_year", f"a year no earlier than the tax year ({year})", str(to_year))
    size = raw.get("health_coverage.family_size", cover.get("family_size"))
    people = raw.value.get("people")
    if isinstance(size, int) and isinstance(people, list) and raw.ok("people") and size < len(people):
        report("health_coverage.family_size", f"at least the {len(people)} people on the return (the tax family "
               "includes them, 26 CFR §1.36B-1(d))", str(size))


def _layer(x: dict[str, Any]) -> RothLayer:
    return RothLayer(year=x["year"], taxable=cents(x["taxable"]), nontaxable=cents(x["nontaxable"]))


def _check_plan(raw: _Raw, where: str, a: dict[str, Any], report: Any, tax_year: int | None) -> None:
    if "value" in a:
        report(f"{where}.value", "no 'value' for an employer plan (its value is the sum of its sources)",
               str(a["value"]))
    if "sources" not in a:
        report(f"{where}.sources", f"the sources of the {a.get('kind')} (pretax, after_tax, roth)", "nothing")
        return
    rules = a.get("plan") if isinstance(a.get("plan"), dict) else {}
    left = raw.get(f"{where}.plan.separated_from_service", rules.get("separated_from_service"))
    if left is not None and tax_year is not None and left > tax_year:
        report(f"{where}.plan.separated_from_service",
               f"a year no later than the tax year {tax_year} (a separation still to come is the person's "
               "retirement_year)", str(left))
    s = a.get("sources") if isinstance(a.get("sources"), dict) else {}
    for sub in ("after_tax", "roth"):
        part = s.get(sub) if isinstance(s.get(sub), dict) else {}
        base = f"{where}.sources.{sub}"
        contributions = raw.money(f"{base}.contributions", part.get("contributions", 0))
        earnings = raw.money(f"{base}.earnings", part.get("earnings", 0))
        if contributions is not None and earnings is not None and contributions + earnings < 0:
            report(f"{base}.earnings", "earnings no lower than minus the contributions (a sub-account cannot be "
                   "negative)", f"${earnings / 100:,.2f}")
        if sub == "roth":
            _check_irr_layers(raw, base, part, contributions, report, tax_year)
        if sub == "after_tax":
            pre = raw.money(f"{base}.pre_1987_contributions", part.get("pre_1987_contributions", 0))
            if pre is not None and contributions is not None and pre > contributions:
                report(f"{base}.pre_1987_contributions",
                       f"no more than the after-tax contributions (${contributions / 100:,.2f})", f"${pre / 100:,.2f}")


def _check_irr_layers(raw: _Raw, base: str, part: dict[str, Any], contributions: int | None, report: Any,
                      tax_year: int | None) -> None:
    """In-plan Roth rollover layers are part of the designated Roth account's contributions
    (investment in the contract) and no later than the tax year."""
    total, known = 0, True
    for j, layer in enumerate(raw.seq(f"{base}.in_plan_rollovers", part.get("in_plan_rollovers"))):
        lw = f"{base}.in_plan_rollovers[{j}]"
        layer = layer if isinstance(layer, dict) else {}
        year = raw.get(f"{lw}.year", layer.get("year"))
        if year is not None and tax_year is not None and year > tax_year:
            report(f"{lw}.year", f"a year no later than the tax year {tax_year}", str(year))
        for key in ("taxable", "nontaxable"):
            value = raw.money(f"{lw}.{key}", layer.get(key, 0))
            known = known and value is not None
            total += value or 0
    if known and contributions is not None and total > contributions:
        report(f"{base}.in_plan_rollovers",
               f"in-plan Roth rollovers adding up to no more than the account's contributions "
               f"(${contributions / 100:,.2f}): their money is part of them", f"${total / 100:,.2f}")


def _check_rmd_years(h: Household, report: Any) -> None:
    """rules-rmd: a deferred first RMD belongs to the first distribution year, and its carry to the
    year after (IRC §401(a)(9)(C); Treas. Reg. §1.401(a)(9)-5(a)(2)(ii), §1.408-8(b)(1))."""
    from rothroute.household.distribution_years import ira_first_year, plan_first_year

    def check(where: str, first: int | None, deferred: bool, carried: int, whose: str) -> None:
        if deferred and first != h.tax_year:
            report(f"{where}.first_rmd_deferred", f"true only in the first year of {whose} RMDs"
                   + (f" ({first})" if first is not None else ""), f"true in {h.tax_year}")
        if carried and (first is None or first + 1 != h.tax_year):
            report(f"{where}.rmd_from_last_year", f"an amount only in the year after the first year of {whose} RMDs"
                   + (f" ({first + 1})" if first is not None else ""), f"${carried / 100:,.2f} in {h.tax_year}")

    for i, p in enumerate(h.people):
        check(f"people[{i}]", ira_first_year(p), p.first_rmd_deferred, p.rmd_from_last_year, f"{p.id}'s IRA")
    for j, a in enumerate(h.accounts):
        if a.plan is not None and a.sources is not None:
            check(f"accounts[{j}].plan", plan_first_year(h.person(a.owner), a), a.plan.first_rmd_deferred,
                  a.plan.rmd_from_last_year, f"the plan {a.id}'s")
