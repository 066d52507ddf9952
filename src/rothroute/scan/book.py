"""The book table: one household a row, in fixed slots (``docs/book-format.md``).

A row is a mapping of column name to cell (``None`` for an empty cell). ``document_from_row``
turns it into a format-1 household document, which the household loader then checks like any
file (every problem named by its column here, ``where_in_row``); ``row_from_household`` turns a
household back into a row. No third-party import: the tables themselves are read and written in
``rothroute.scan.tables``.

Why fixed slots and not a long format: the recordkeeper's and the advisor's exports this is for
are one row per participant or client, the batch kernels price columns, and a row must stand
alone so that a partition of rows is a unit of work a worker can take, lose and take again.
Three plan slots and four IRA slots (Roth IRAs among them) hold every household of the books
in view (a couple with a plan each, an old plan, a traditional and a Roth IRA each); a household
that does not fit is refused by ``row_from_household`` with what did not fit (``BookDoesNotFit``).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from rothroute.errors import RothrouteError
from rothroute.household.model import Account, Household, IncomeItem, Person, RothLayer
from rothroute.money import as_number
from rothroute.vocab import PLAN_KINDS, AccountKind, IncomeKind

PEOPLE = ("p1", "p2")
PLAN_SLOTS = ("plan1", "plan2", "plan3")
IRA_SLOTS = ("ira1", "ira2", "ira3", "ira4")
INCOME_KINDS = tuple(str(k) for k in IncomeKind)
HISTORY = ("magi_prior_1", "magi_prior_2")  # MAGI of the tax year less 1 and less 2


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # text | int | bool | money | date | layers | sources
    meaning: str


def _household_columns() -> list[Column]:
    out = [
        Column("household_id", "text", "the household's id, unique in the book (the output is sorted by it)"),
        Column("tax_year", "int", "the year described: balances on its January 1, its income"),
        Column("filing_status", "text", "single | married_joint | married_separate | head_of_household | "
                                        "surviving_spouse"),
        Column("state", "text", "two-letter code of the state of residence (empty: federal only)"),
        Column("locality", "text", "the local jurisdiction whose income tax the state's return computes: "
                                   "Maryland's county or baltimore_city (empty: none; docs/household-format.md)"),
        Column("lived_apart_all_year", "bool", "married filing separately: lived apart all year"),
        Column("tax_computation", "text", "tax_table (default) or rate_schedule"),
        Column("magi_prior_1", "money", "modified AGI of the year before the tax year (IRMAA)"),
        Column("magi_prior_2", "money", "modified AGI of two years before the tax year (IRMAA)"),
        Column("itemized_state_local_taxes", "money", "itemized deductions: state and local taxes paid (both "
                                                       "itemized columns empty: the standard deduction)"),
        Column("itemized_other", "money", "itemized deductions: the rest of Schedule A"),
    ]
    out += [Column(f"income_{k}", "money", f"{k} with no person (on a joint return, half each spouse's)")
            for k in INCOME_KINDS]
    return out


def _person_columns(p: str) -> list[Column]:
    n = "first person" if p == "p1" else "spouse (married_joint only)"
    out = [
        Column(f"{p}_id", "text", f"the {n}'s id (default {p})"),
        Column(f"{p}_born", "date", f"the {n}'s date of birth, YYYY-MM-DD (empty: no such person)"),
        Column(f"{p}_blind", "bool", "legally blind at the end of the year"),
        Column(f"{p}_ira_basis", "money", "basis in traditional/SEP/SIMPLE IRAs (last year's Form 8606 line 14)"),
        Column(f"{p}_covered_by_workplace_plan", "bool", "an active participant in an employer plan this year"),
        Column(f"{p}_retirement_year", "int", "the last year at the current employer"),
        Column(f"{p}_last_60_day_ira_rollover", "date", "date of the last 60-day IRA-to-IRA rollover"),
        Column(f"{p}_first_rmd_deferred", "bool", "the IRAs' first RMD waits until April 1 of next year"),
        Column(f"{p}_rmd_from_last_year", "money", "the IRAs' deferred first RMD, due by April 1 of the tax year"),
        Column(f"{p}_rmd_shortfall_corrected", "bool", "the year's RMD shortfalls corrected in the window"),
        Column(f"{p}_roth_ira_first_year", "int", "year of the first Roth IRA contribution or conversion"),
        Column(f"{p}_roth_ira_contributions", "money", "Roth IRA regular contribution basis"),
        Column(f"{p}_roth_ira_conversions", "layers", "Roth IRA conversion layers, YEAR:TAXABLE:NONTAXABLE;..."),
    ]
    out += [Column(f"{p}_{k}", "money", f"the {n}'s {k}") for k in INCOME_KINDS]
    return out


def _plan_columns(s: str) -> list[Column]:
    return [
        Column(f"{s}_id", "text", f"the plan's account id (default {s})"),
        Column(f"{s}_owner", "text", "the owner's person id (default p1's)"),
        Column(f"{s}_kind", "text", "401k | 403b | governmental_457b (empty: no plan in this slot)"),
        Column(f"{s}_pretax", "money", "pretax money: deferrals, employer money and their earnings"),
        Column(f"{s}_after_tax_contributions", "money", "after-tax (non-Roth) contributions: basis"),
        Column(f"{s}_after_tax_earnings", "money", "earnings on the after-tax contributions (may be negative)"),
        Column(f"{s}_pre_1987_contributions", "money", "the part of contributions invested by 1986-12-31"),
        Column(f"{s}_roth_contributions", "money", "designated Roth contributions (basis)"),
        Column(f"{s}_roth_earnings", "money", "earnings on the designated Roth money"),
        Column(f"{s}_roth_first_year", "int", "first year of designated Roth contributions"),
        Column(f"{s}_roth_in_plan_rollovers", "layers", "in-plan Roth rollovers still in the account, "
                                                        "YEAR:TAXABLE:NONTAXABLE;..."),
        Column(f"{s}_separated_from_service", "int", "year the owner left the employer (empty: still there)"),
        Column(f"{s}_after_tax_separate_contract", "bool", "after-tax money is a separate contract (§72(d)(2))"),
        Column(f"{s}_accepts_ira_rollins", "bool", "the plan takes pretax IRA money"),
        Column(f"{s}_in_plan_roth_rollover", "bool", "the plan offers in-plan Roth rollovers"),
        Column(f"{s}_in_service_withdrawals", "sources", "sources paid out in service: pretax,after_tax,roth"),
        Column(f"{s}_takes_after_tax_contributions", "bool", "the plan takes after-tax employee contributions "
                                                             "(the file's plan.after_tax_contributions)"),
        Column(f"{s}_employer_contributions", "money", "employer money this year (uses §415(c) room)"),
        Column(f"{s}_designated_roth", "bool", "the plan has a designated Roth program"),
        Column(f"{s}_five_percent_owner", "bool", "the owner holds more than 5% of the employer"),
        Column(f"{s}_prior_year_fica_wages", "money", "last year's FICA wages from this employer"),
        Column(f"{s}_first_rmd_deferred", "bool", "the plan's first RMD waits until April 1 of next year"),
        Column(f"{s}_rmd_from_last_year", "money", "the plan's deferred first RMD, due by April 1"),
    ]


def _ira_columns(s: str) -> list[Column]:
    return [
        Column(f"{s}_id", "text", f"the IRA's account id (default {s})"),
        Column(f"{s}_owner", "text", "the owner's person id (default p1's)"),
        Column(f"{s}_kind", "text", "traditional_ira | sep_ira | simple_ira | roth_ira | inherited_ira "
                                    "(empty: no IRA in this slot)"),
        Column(f"{s}_value", "money", "value on January 1"),
        Column(f"{s}_december_31_value", "money", "projected value on December 31 (Form 8606 line 6)"),
    ]


COLUMNS: tuple[Column, ...] = tuple(
    _household_columns() + [c for p in PEOPLE for c in _person_columns(p)]
    + [c for s in PLAN_SLOTS for c in _plan_columns(s)] + [c for s in IRA_SLOTS for c in _ira_columns(s)])
COLUMN_TYPES: dict[str, str] = {c.name: c.type for c in COLUMNS}

# plan column suffix -> (path in the account, kind); the document's own field names
_PLAN_FIELDS = {
    "pretax": ("sources.pretax", "money"),
    "after_tax_contributions": ("sources.after_tax.contributions", "money"),
    "after_tax_earnings": ("sources.after_tax.earnings", "money"),
    "pre_1987_contributions": ("sources.after_tax.pre_1987_contributions", "money"),
    "roth_contributions": ("sources.roth.contributions", "money"),
    "roth_earnings": ("sources.roth.earnings", "money"),
    "roth_first_year": ("sources.roth.first_year", "int"),
    "roth_in_plan_rollovers": ("sources.roth.in_plan_rollovers", "layers"),
    "separated_from_service": ("plan.separated_from_service", "int"),
    "after_tax_separate_contract": ("plan.after_tax_separate_contract", "bool"),
    "accepts_ira_rollins": ("plan.accepts_ira_rollins", "bool"),
    "in_plan_roth_rollover": ("plan.in_plan_roth_rollover", "bool"),
    "in_service_withdrawals": ("plan.in_service_withdrawals", "sources"),
    "takes_after_tax_contributions": ("plan.after_tax_contributions", "bool"),
    "employer_contributions": ("plan.employer_contributions", "money"),
    "designated_roth": ("plan.designated_roth", "bool"),
    "five_percent_owner": ("plan.five_percent_owner", "bool"),
    "prior_year_fica_wages": ("plan.prior_year_fica_wages", "money"),
    "first_rmd_deferred": ("plan.first_rmd_deferred", "bool"),
    "rmd_from_last_year": ("plan.rmd_from_last_year", "money"),
}
_PERSON_FIELDS = {
    "blind": ("blind", "bool"), "ira_basis": ("ira_basis", "money"),
    "covered_by_workplace_plan": ("covered_by_workplace_plan", "bool"),
    "retirement_year": ("retirement_year", "int"), "last_60_day_ira_rollover": ("last_60_day_ira_rollover", "date"),
    "first_rmd_deferred": ("first_rmd_deferred", "bool"), "rmd_from_last_year": ("rmd_from_last_year", "money"),
    "rmd_shortfall_corrected": ("rmd_shortfall_corrected", "bool"),
    "roth_ira_first_year": ("roth_ira.first_year", "int"),
    "roth_ira_contributions": ("roth_ira.contributions", "money"),
    "roth_ira_conversions": ("roth_ira.conversions", "layers"),
}


class BookDoesNotFit(RothrouteError, ValueError):
    """A household that the book's slots cannot hold (says what does not fit)."""


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_INT = re.compile(r"[+-]?\d+")


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "") or (
        isinstance(value, float) and math.isnan(value))


def cell(value: Any, kind: str) -> Any:
    """A cell as the household document holds it: numbers as int or Decimal (a float by its
    shortest decimal form), booleans, dates as ISO text. A cell that is not of its kind is kept as it
    came, so that the loader names it with what it expected."""
    if isinstance(value, str):
        value = value.strip()
    if kind == "money":
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else value
        if isinstance(value, float):
            if not math.isfinite(value):
                return str(value)
            value = repr(value)
        if isinstance(value, str) and _NUMBER.fullmatch(value):
            try:
                number = Decimal(value)
            except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
                return value
            return int(number) if number == number.to_integral_value() and "." not in value else number
        return value
    if kind == "int":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT.fullmatch(value):
            return int(value)
        return value
    if kind == "bool":
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value in (0, 1):
            return bool(value)
        return value
    if kind == "date":
        if isinstance(value, _dt.datetime):
            return value.date().isoformat()
        if isinstance(value, _dt.date):
            return value.isoformat()
        return value
    if kind == "layers":
        return _layers(value)
    if kind == "sources":
        return [s.strip() for s in value.split(",") if s.strip()] if isinstance(value, str) else value
    return value


def _layers(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    out = []
    for part in value.split(";"):
        if not part.strip():
            continue
        bits = part.split(":")
        if len(bits) != 3:
            return value  # the loader says what a layer is
        out.append({"year": cell(bits[0], "int"), "taxable": cell(bits[1], "money"),
                    "nontaxable": cell(bits[2], "money")})
    return out


@dataclass(frozen=True, slots=True)
class RowDocument:
    """A row as a household document, and where each of its values came from (document path ->
    column), so that a problem the loader finds is named by its column."""

    household_id: str
    document: dict[str, Any]
    columns: dict[str, str]

    def column_of(self, where: str) -> str:
        path = where
        while path:
            if path in self.columns:
                return self.columns[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return where


def _put(doc: dict[str, Any], path: str, value: Any) -> None:
    keys = path.split(".")
    for key in keys[:-1]:
        doc = doc.setdefault(key, {})
    doc[keys[-1]] = value


def document_from_row(row: Mapping[str, Any]) -> RowDocument:
    """The format-1 household document of a book row (unknown columns are refused by the reader of
    the table, not here; a missing column is an empty cell)."""
    get = row.get
    unknown = sorted(set(row) - set(COLUMN_TYPES))
    if unknown:
        raise BookDoesNotFit(f"columns the book format does not have: {', '.join(unknown[:5])}")
    hid = get("household_id")
    hid = "" if _empty(hid) else str(hid).strip()
    doc: dict[str, Any] = {"format": 1}
    cols: dict[str, str] = {}

    def put(path: str, column: str, *, default: Any = None) -> None:
        value = get(column)
        if _empty(value):
            if default is None:
                return
            value = default
        _put(doc, path, cell(value, COLUMN_TYPES[column]))
        cols[path] = column

    for key in ("tax_year", "filing_status", "state", "locality", "lived_apart_all_year", "tax_computation"):
        put(key, key)
    cols.update({"tax_year": "tax_year", "filing_status": "filing_status"})
    history = {}
    for k, name in enumerate(HISTORY, start=1):
        value = get(name)
        year = cell(get("tax_year"), "int")
        if not _empty(value) and isinstance(year, int):
            history[str(year - k)] = cell(value, "money")
            cols[f"magi_history.{year - k}"] = name
    if history:
        doc["magi_history"] = history
    if not (_empty(get("itemized_state_local_taxes")) and _empty(get("itemized_other"))):
        put("itemized_deductions.state_local_taxes", "itemized_state_local_taxes", default=0)
        put("itemized_deductions.other", "itemized_other", default=0)
    people: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    for p in PEOPLE:
        if p != "p1" and all(_empty(v) for k, v in row.items() if k.startswith(f"{p}_")):
            continue
        where = f"people[{len(people)}]"
        person: dict[str, Any] = {"id": p if _empty(get(f"{p}_id")) else cell(get(f"{p}_id"), "text")}
        if not _empty(get(f"{p}_born")):
            person["born"] = cell(get(f"{p}_born"), "date")
        cols[f"{where}.id"], cols[f"{where}.born"], cols[where] = f"{p}_id", f"{p}_born", f"{p}_born"
        ids[p] = person["id"]
        for suffix, (path, kind) in _PERSON_FIELDS.items():
            value = get(f"{p}_{suffix}")
            if not _empty(value):
                _put(person, path, cell(value, kind))
                cols[f"{where}.{path}"] = f"{p}_{suffix}"
        people.append(person)
    doc["people"] = people
    income = []
    for who in ("income", *PEOPLE):
        for kind in INCOME_KINDS:
            column = f"{who}_{kind}"
            value = get(column)
            if _empty(value):
                continue
            item: dict[str, Any] = {"kind": kind, "amount": cell(value, "money")}
            if who != "income":
                item = {"person": ids.get(who, who), **item}
            cols[f"income[{len(income)}]"] = column
            income.append(item)
    if income:
        doc["income"] = income
    accounts = []
    for slot in (*PLAN_SLOTS, *IRA_SLOTS):
        if all(_empty(v) for k, v in row.items() if k.startswith(f"{slot}_")):
            continue
        where = f"accounts[{len(accounts)}]"
        owner = get(f"{slot}_owner")
        account: dict[str, Any] = {
            "id": slot if _empty(get(f"{slot}_id")) else cell(get(f"{slot}_id"), "text"),
            "owner": ids.get("p1", "p1") if _empty(owner) else cell(owner, "text"),
        }
        if not _empty(get(f"{slot}_kind")):
            account["kind"] = cell(get(f"{slot}_kind"), "text")
        cols.update({where: f"{slot}_kind", f"{where}.id": f"{slot}_id", f"{where}.owner": f"{slot}_owner",
                     f"{where}.kind": f"{slot}_kind"})
        fields = _PLAN_FIELDS if slot in PLAN_SLOTS else {"value": ("value", "money"),
                                                           "december_31_value": ("december_31_value", "money")}
        for suffix, (path, kind) in fields.items():
            value = get(f"{slot}_{suffix}")
            if not _empty(value):
                _put(account, path, cell(value, kind))
                cols[f"{where}.{path}"] = f"{slot}_{suffix}"
        if slot in PLAN_SLOTS and account.get("kind") in ("401k", "403b", "governmental_457b"):
            cols[f"{where}.sources"] = f"{slot}_pretax"
            account.setdefault("sources", {})
        accounts.append(account)
    if accounts:
        doc["accounts"] = accounts
    return RowDocument(household_id=hid, document=doc, columns=cols)


def household_from_row(row: Mapping[str, Any]) -> Household:
    """The household of a book row, checked by the household loader (``HouseholdFileError`` with
    every problem, each ``where`` the document path; ``RowDocument.column_of`` names its column)."""
    from rothroute.household.load import load_document
    from rothroute.textdoc import TextDoc

    rd = document_from_row(row)
    return load_document(TextDoc(value=rd.document), source=rd.household_id or "<row>")


# --- household -> row ---------------------------------------------------------------------------

def _money(amount: int) -> Decimal:
    return Decimal(amount).scaleb(-2)


def _layers_text(layers: tuple[RothLayer, ...]) -> str | None:
    if not layers:
        return None
    return ";".join(f"{x.year}:{_money(x.taxable)}:{_money(x.nontaxable)}" for x in layers)


def row_from_household(h: Household, household_id: str) -> dict[str, Any]:
    """A book row holding every figure of ``h`` (no moves: a book describes households, the scan
    builds the moves). Income items of the same person and kind are one cell (their sum); only the
    two years of MAGI before the tax year are kept. ``BookDoesNotFit`` says what does not fit."""
    if h.moves:
        raise BookDoesNotFit("a book row holds no moves (the scan builds them)")
    if h.residence:
        raise BookDoesNotFit("a book row holds one state (residence is for plans of several years)")
    if h.health_coverage is not None:
        raise BookDoesNotFit("a book row holds no Marketplace coverage (health_coverage: the premium tax credit)")
    if any(a.kind is AccountKind.TAXABLE for a in h.accounts):
        raise BookDoesNotFit("a book row holds no taxable account (its cost basis and yields have no columns)")
    extra = sorted(y for y in h.magi_history if y not in (h.tax_year - 1, h.tax_year - 2))
    if extra:
        raise BookDoesNotFit(f"a book row holds the MAGI of the two years before the tax year; got {extra}")
    if len(h.people) > 2:
        raise BookDoesNotFit(f"{len(h.people)} people (a book row holds two)")
    row: dict[str, Any] = dict.fromkeys(COLUMN_TYPES)
    row.update(household_id=household_id, tax_year=h.tax_year, filing_status=str(h.filing_status), state=h.state,
               locality=h.locality, lived_apart_all_year=h.lived_apart_all_year, tax_computation=h.tax_computation)
    for k, name in enumerate(HISTORY, start=1):
        if h.tax_year - k in h.magi_history:
            row[name] = _money(h.magi_history[h.tax_year - k])
    if h.itemized is not None:
        row["itemized_state_local_taxes"] = _money(h.itemized.state_local_taxes)
        row["itemized_other"] = _money(h.itemized.other)
    slot_of = {}
    for p, person in zip(PEOPLE, h.people):
        slot_of[person.id] = p
        _person_row(row, p, person)
    for item in h.income:
        who = "income" if item.person is None else slot_of[item.person]
        column = f"{who}_{item.kind}"
        total = (0 if row[column] is None else int(row[column].scaleb(2))) + item.amount
        row[column] = _money(total) if total else None
    plans = [a for a in h.accounts if a.kind in PLAN_KINDS]
    iras = [a for a in h.accounts if a.kind not in PLAN_KINDS]
    if len(plans) > len(PLAN_SLOTS) or len(iras) > len(IRA_SLOTS):
        raise BookDoesNotFit(f"{len(plans)} plans and {len(iras)} IRAs (a book row holds {len(PLAN_SLOTS)} plans "
                             f"and {len(IRA_SLOTS)} IRAs)")
    for slot, a in zip(PLAN_SLOTS, plans):
        _plan_row(row, slot, a)
    for slot, a in zip(IRA_SLOTS, iras):
        row.update({f"{slot}_id": a.id, f"{slot}_owner": a.owner, f"{slot}_kind": str(a.kind),
                    f"{slot}_value": _money(a.value),
                    f"{slot}_december_31_value": None if a.december_31_value is None else _money(a.december_31_value)})
    return row


def _person_row(row: dict[str, Any], p: str, person: Person) -> None:
    r = person.roth_ira
    row.update({
        f"{p}_id": person.id, f"{p}_born": person.born, f"{p}_blind": person.blind,
        f"{p}_ira_basis": _money(person.ira_basis), f"{p}_covered_by_workplace_plan": person.covered_by_workplace_plan,
        f"{p}_retirement_year": person.retirement_year, f"{p}_last_60_day_ira_rollover": person.last_60_day_ira_rollover,
        f"{p}_first_rmd_deferred": person.first_rmd_deferred,
        f"{p}_rmd_from_last_year": _money(person.rmd_from_last_year),
        f"{p}_rmd_shortfall_corrected": person.rmd_shortfall_corrected,
        f"{p}_roth_ira_first_year": r.first_year, f"{p}_roth_ira_contributions": _money(r.contributions),
        f"{p}_roth_ira_conversions": _layers_text(r.conversions),
    })


def _plan_row(row: dict[str, Any], slot: str, a: Account) -> None:
    s, rules = a.sources, a.plan
    if a.december_31_value is not None:
        raise BookDoesNotFit(f"{a.id}: a December 31 value for a plan (the book holds it for IRAs)")
    assert s is not None and rules is not None
    row.update({
        f"{slot}_id": a.id, f"{slot}_owner": a.owner, f"{slot}_kind": str(a.kind),
        f"{slot}_pretax": _money(s.pretax), f"{slot}_after_tax_contributions": _money(s.after_tax_contributions),
        f"{slot}_after_tax_earnings": _money(s.after_tax_earnings),
        f"{slot}_pre_1987_contributions": _money(s.pre_1987_contributions),
        f"{slot}_roth_contributions": _money(s.roth_contributions), f"{slot}_roth_earnings": _money(s.roth_earnings),
        f"{slot}_roth_first_year": s.roth_first_year,
        f"{slot}_roth_in_plan_rollovers": _layers_text(s.roth_in_plan_rollovers),
        f"{slot}_separated_from_service": rules.separated_from_service,
        f"{slot}_after_tax_separate_contract": rules.after_tax_separate_contract,
        f"{slot}_accepts_ira_rollins": rules.accepts_ira_rollins,
        f"{slot}_in_plan_roth_rollover": rules.in_plan_roth_rollover,
        f"{slot}_in_service_withdrawals": ",".join(str(x) for x in rules.in_service_withdrawals) or None,
        f"{slot}_takes_after_tax_contributions": rules.after_tax_contributions,
        f"{slot}_employer_contributions": _money(rules.employer_contributions),
        f"{slot}_designated_roth": rules.designated_roth, f"{slot}_five_percent_owner": rules.five_percent_owner,
        f"{slot}_prior_year_fica_wages": None if rules.prior_year_fica_wages is None
        else _money(rules.prior_year_fica_wages),
        f"{slot}_first_rmd_deferred": rules.first_rmd_deferred,
        f"{slot}_rmd_from_last_year": _money(rules.rmd_from_last_year),
    })


def canonical(h: Household) -> Household:
    """``h`` as a book row gives it back: income summed by person and kind (zero items dropped) in
    the book's column order, plans before IRAs, no origin."""
    import dataclasses

    order = {(who, kind): i for i, (who, kind) in enumerate(
        (who, kind) for who in (None, *(p.id for p in h.people)) for kind in INCOME_KINDS)}
    sums: dict[tuple[str | None, str], int] = {}
    for item in h.income:
        sums[(item.person, str(item.kind))] = sums.get((item.person, str(item.kind)), 0) + item.amount
    income = tuple(IncomeItem(kind=IncomeKind(k), amount=v, person=who)
                   for (who, k), v in sorted(sums.items(), key=lambda kv: order[kv[0]]) if v != 0)
    accounts = tuple(a for a in h.accounts if a.kind in PLAN_KINDS) + tuple(
        a for a in h.accounts if a.kind not in PLAN_KINDS)
    return dataclasses.replace(h, income=income, accounts=accounts, origin="")


def as_json_cell(value: Any) -> Any:
    """A row's cell for JSON (tests, the web): dates as ISO text, Decimals as numbers."""
    if isinstance(value, Decimal):
        return as_number(int(value.scaleb(2)))
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value
