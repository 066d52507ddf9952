"""The household editor's fields and the household document they make, both ways.

Each input is named by the contract's own path (``accounts[0].plan.separated_from_service``), so
a problem the loader reports at a path lands beside the input of that name. A field's label is
written here in plain words; its hint is the spec's description (``household/fileformat.py``,
the same text ``rothroute schema`` prints), and its kind of input comes from the spec's type.
What the user typed is kept as typed when it cannot be read (the loader then names it), so
nothing is lost on an error. Keys the form has no input for (``moves``, keys it does not know)
travel in the "other keys" YAML box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Mapping

import yaml

from rothroute.household.fileformat import HOUSEHOLD
from rothroute.household.spec import Arr, Bool, Date, Enum, Int, Money, Nullable, Obj, Percent, Spec, Text, YearMap
from rothroute.textdoc import TextDocError, read
from rothroute.vocab import PLAN_KINDS, AccountKind

LABELS: dict[str, str] = {
    "tax_year": "Tax year", "filing_status": "Filing status", "state": "State",
    "lived_apart_all_year": "Lived apart from the spouse all year", "tax_computation": "Tax computation",
    "locality": "County or city (local tax)", "spouse_died_in": "Spouse died in",
    "dependent_child": "A dependent child lives with the household", "charitable_gifts": "Cash gifts to charity",
    "residence[].from_year": "From year", "residence[].state": "State",
    "people[].id": "Name (id)", "people[].born": "Birth date", "people[].blind": "Blind",
    "people[].ira_basis": "IRA basis (Form 8606 line 14)", "people[].retirement_year": "Retires after",
    "people[].covered_by_workplace_plan": "Covered by a workplace plan this year",
    "people[].last_60_day_ira_rollover": "Last 60-day IRA rollover",
    "people[].life_expectancy": "Plan to the age of",
    "people[].social_security.benefit_at_full_retirement_age": "Social Security at full retirement age",
    "people[].social_security.claim_age": "Claims at age", "people[].social_security.claim_age_months": "and months",
    "people[].social_security.survivor_benefit": "Survivor benefit",
    "people[].social_security.survivor_benefit_from": "Survivor benefit from",
    "people[].first_rmd_deferred": "First IRA RMD taken by April 1 next year",
    "people[].rmd_from_last_year": "Last year's deferred IRA RMD",
    "people[].rmd_shortfall_corrected": "RMD shortfalls corrected in time",
    "people[].qcd_offset": "QCD offset (IRA deductions after 70½)",
    "people[].roth_ira.first_year": "Roth IRA first year", "people[].roth_ira.contributions": "Roth IRA contributions",
    "people[].roth_ira.conversions[].year": "Year", "people[].roth_ira.conversions[].taxable": "Taxable",
    "people[].roth_ira.conversions[].nontaxable": "Nontaxable",
    "income[].person": "Person", "income[].kind": "Kind", "income[].amount": "Amount",
    "income[].start_year": "Starts in",
    "magi_history[].year": "Year", "magi_history[].amount": "MAGI",
    "itemized_deductions.state_local_taxes": "State and local taxes", "itemized_deductions.other": "Other itemized",
    "health_coverage.benchmark_premium": "Benchmark premium (SLCSP), a month",
    "health_coverage.premium": "Premium paid, a month", "health_coverage.advance_payments": "Advance credit, a month",
    "health_coverage.first_month": "First month covered", "health_coverage.last_month": "Last month covered",
    "health_coverage.family_size": "Tax family size", "health_coverage.to_year": "Marketplace coverage until",
    "accounts[].id": "Account id", "accounts[].owner": "Owner", "accounts[].kind": "Kind",
    "accounts[].value": "Value on January 1", "accounts[].december_31_value": "Value on December 31 (projected)",
    "accounts[].cost_basis": "Cost basis (January 1)",
    "accounts[].qualified_dividend_yield": "Qualified dividends, % a year",
    "accounts[].interest_yield": "Interest, % a year",
    "accounts[].sources.pretax": "Pretax money",
    "accounts[].sources.after_tax.contributions": "After-tax contributions",
    "accounts[].sources.after_tax.earnings": "Earnings on after-tax money",
    "accounts[].sources.after_tax.pre_1987_contributions": "Of which before 1987",
    "accounts[].sources.roth.contributions": "Roth contributions", "accounts[].sources.roth.earnings": "Roth earnings",
    "accounts[].sources.roth.first_year": "Roth first year",
    "accounts[].sources.roth.in_plan_rollovers[].year": "Year",
    "accounts[].sources.roth.in_plan_rollovers[].taxable": "Taxable",
    "accounts[].sources.roth.in_plan_rollovers[].nontaxable": "Nontaxable",
    "accounts[].plan.separated_from_service": "Left this employer in",
    "accounts[].plan.after_tax_separate_contract": "After-tax money is a separate contract",
    "accounts[].plan.accepts_ira_rollins": "Takes roll-ins of IRA money",
    "accounts[].plan.in_plan_roth_rollover": "Offers in-plan Roth rollovers",
    "accounts[].plan.in_service_withdrawals": "In-service withdrawals allowed from",
    "accounts[].plan.after_tax_contributions": "Takes after-tax contributions",
    "accounts[].plan.employer_contributions": "Employer contributions this year",
    "accounts[].plan.designated_roth": "Has a designated Roth program",
    "accounts[].plan.five_percent_owner": "More-than-5% owner",
    "accounts[].plan.prior_year_fica_wages": "Last year's FICA wages here",
    "accounts[].plan.first_rmd_deferred": "First plan RMD taken by April 1 next year",
    "accounts[].plan.rmd_from_last_year": "Last year's deferred plan RMD",
}
# where the spec has no description of its own, the hint in plain words
HINTS: dict[str, str] = {
    "lived_apart_all_year": "married filing separately only: lived apart all year (other Social Security, IRMAA "
                            "and Roth IRA limits)",
    "people[].ira_basis": "nondeductible money still in the traditional, SEP and SIMPLE IRAs: last year's Form 8606 "
                          "line 14",
    "people[].roth_ira.contributions": "regular contributions still in the Roth IRAs: Form 8606 line 22 basis",
    "income[].amount": "dollars for the year",
    "magi_history[].year": "an earlier year", "magi_history[].amount": "that year's modified AGI (IRMAA looks back "
                                                                      "two years)",
    "accounts[].sources.roth.first_year": "first year of designated Roth contributions to this plan (its 5-year "
                                          "clock)",
    "accounts[].sources.pretax": "deferrals, employer money and their earnings",
    "spouse_died_in": "the year the spouse died, for a survivor's filing status (qualifying surviving spouse for two "
                      "years with a dependent child, IRC §2(a))",
    "residence[].from_year": "the first year in this state (a move is taxed as a full year in the new state)",
    "accounts[].sources.roth.in_plan_rollovers[].year": "year of an earlier in-plan Roth rollover still in the account",
    "accounts[].sources.roth.in_plan_rollovers[].taxable": "its taxable part",
    "accounts[].sources.roth.in_plan_rollovers[].nontaxable": "its nontaxable part",
}
ROWS = ("residence", "people", "income", "accounts")  # the lists of rows read field by field
LAYERS = ("people[].roth_ira.conversions", "accounts[].sources.roth.in_plan_rollovers")
IRA_ONLY = ("value", "december_31_value")
PLAN_ONLY = ("sources", "plan")
TAXABLE_ONLY = ("cost_basis", "qualified_dividend_yield", "interest_yield")
SCALAR_TOP = ("tax_year", "filing_status", "state", "locality", "lived_apart_all_year", "tax_computation",
              "spouse_died_in", "dependent_child", "charitable_gifts")
GROUPS = ("itemized_deductions", "health_coverage")  # mappings of fields at the top level
FORM_KEYS = {"format", *SCALAR_TOP, *ROWS, "magi_history", *GROUPS}
INDEX = re.compile(r"\[(\d+)\]")
LISTS = re.compile(rf"({'|'.join((*ROWS, 'magi_history'))})(\[\d+\])?")  # a list, or one of its rows


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    template: str  # the contract's path with [] for an item: people[].born
    label: str
    hint: str
    input: str  # money, integer, year, date, bool, select, multi, text
    options: tuple[str, ...] = ()
    required: bool = False

    def name(self, *indexes: int) -> str:
        """The input's name (the contract's path) for these item indexes."""
        out = self.template
        for i in indexes:
            out = out.replace("[]", f"[{i}]", 1)
        return out


def _spec_at(template: str) -> tuple[Spec, bool]:
    """The spec at a path and whether its input is required: a key the contract requires within a row, or
    within mappings the contract requires too (a person's Social Security is optional, so its benefit is not
    marked required, though the mapping requires it when given)."""
    spec: Spec = HOUSEHOLD
    required, container = False, True  # container: the mapping holding the key is always there
    for part in template.split("."):
        key, many = (part[:-2], True) if part.endswith("[]") else (part, False)
        if isinstance(spec, Nullable):
            spec = spec.inner
        if isinstance(spec, YearMap):  # magi_history[].year / .amount: the map written as rows
            return (YEAR_SPEC if key == "year" else spec.value), False
        assert isinstance(spec, Obj), template
        field = spec.fields[key]
        spec, required, holder = field.spec, field.required, container
        container = True if many else container and field.required
        if many:
            if isinstance(spec, YearMap):
                continue
            assert isinstance(spec, Arr), template
            spec = spec.item
    return spec, required and holder


YEAR_SPEC = Int(minimum=1900, maximum=2200)


def _field(template: str) -> Field:
    spec, required = _spec_at(template)
    description = spec.description
    inner = spec.inner if isinstance(spec, Nullable) else spec
    description = description or inner.description
    if isinstance(inner, Money):
        kind, options = "money", ()
    elif isinstance(inner, Percent):
        kind, options = "percent", ()
    elif isinstance(inner, Int):
        kind, options = ("year" if (inner.minimum or 0) >= 1900 else "integer"), ()
    elif isinstance(inner, Bool):
        kind, options = "bool", ()
    elif isinstance(inner, Date):
        kind, options = "date", ()
    elif isinstance(inner, Enum):
        kind, options = "select", tuple(str(v) for v in inner.values)
    elif isinstance(inner, Arr) and isinstance(inner.item, Enum):
        kind, options = "multi", tuple(str(v) for v in inner.item.values)
    elif isinstance(inner, Text):
        kind, options = "text", ()
    else:  # pragma: no cover - a label for a field the form cannot show
        raise TypeError(f"{template}: no input for {type(inner).__name__}")
    return Field(template=template, label=LABELS[template], hint=description or HINTS.get(template, ""), input=kind,
                 options=options, required=required)


FIELDS: dict[str, Field] = {t: _field(t) for t in LABELS}


def template_of(name: str) -> str:
    """``accounts[2].plan.designated_roth`` -> ``accounts[].plan.designated_roth``."""
    return INDEX.sub("[]", name)


# the document from the form

def _money(text: str) -> Any:
    cleaned = text.strip().replace(",", "").replace("$", "").removesuffix("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return text  # kept as typed: the loader names it
    if not value.is_finite():
        return text
    return int(value) if value == value.to_integral_value() and "." not in cleaned else value


def _integer(text: str) -> Any:
    return int(text.strip()) if re.fullmatch(r"\s*-?\d{1,9}\s*", text) else text


def _read(f: Field, form: Mapping[str, Any], name: str) -> tuple[bool, Any]:
    """(present, value) of one input."""
    if f.input == "multi":
        values = [v for v in _all(form, name) if v]
        return bool(values), values
    if f.input == "bool":
        return (True, True) if _one(form, name) in ("true", "on", "yes") else (False, None)
    text = _one(form, name)
    if text is None or text.strip() == "":
        return False, None
    if f.input in ("money", "percent"):
        return True, _money(text)
    if f.input in ("year", "integer"):
        return True, _integer(text)
    return True, text.strip()


def _one(form: Mapping[str, Any], name: str) -> str | None:
    value = form.get(name)
    if isinstance(value, list):
        value = value[-1] if value else None
    return value if isinstance(value, str) else None


def _all(form: Any, name: str) -> list[str]:
    if hasattr(form, "getlist"):
        return [v for v in form.getlist(name) if isinstance(v, str)]
    value = form.get(name)
    return value if isinstance(value, list) else [value] if isinstance(value, str) else []


def indexes(form: Iterable[str], prefix: str) -> list[int]:
    """The item indexes present in the form under ``prefix`` (``people`` or ``people[0].roth_ira.conversions``)."""
    found = set()
    pattern = re.compile(re.escape(prefix) + r"\[(\d+)\]")
    for key in form:
        m = pattern.match(key)
        if m:
            found.add(int(m.group(1)))
    return sorted(found)


def _put(doc: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    for part in parts[:-1]:
        doc = doc.setdefault(part, {})
    doc[parts[-1]] = value


def _fields_under(prefix: str) -> list[Field]:
    """The fields of one item (``people[]``), its layers left out."""
    head = prefix + "."
    return [f for t, f in FIELDS.items() if t.startswith(head) and "[]" not in t[len(head):]]


def _item(form: Mapping[str, Any], template: str, name: str, removed: set[str]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for f in _fields_under(template):
        rel = f.template[len(template) + 1:]
        present, value = _read(f, form, f"{name}.{rel}")
        if present:
            _put(item, rel, value)
    for layer in LAYERS:
        if layer.startswith(template + "."):
            rel = layer[len(template) + 1:]
            rows = []
            for j in indexes(form, f"{name}.{rel}"):
                row_name = f"{name}.{rel}[{j}]"
                if row_name in removed:
                    continue
                row = _item(form, layer + "[]", row_name, removed)
                if row:
                    rows.append(row)
            if rows:
                _put(item, rel, rows)
    return item


def document(form: Mapping[str, Any], *, remove: str | None = None, add: str | None = None) -> dict[str, Any]:
    """The household document the form holds (``remove``: a row's name to leave out; ``add``: a list
    to give one more empty row)."""
    removed = {remove} if remove else set()
    doc: dict[str, Any] = {"format": 1}
    for key in SCALAR_TOP:
        present, value = _read(FIELDS[key], form, key)
        if present:
            doc[key] = value
    for section in ROWS:
        rows = []
        for i in indexes(form, section):
            name = f"{section}[{i}]"
            if name in removed:
                continue
            rows.append(_item(form, f"{section}[]", name, removed))
        if rows or section == "people":
            doc[section] = rows
    magi = {}
    for i in indexes(form, "magi_history"):
        name = f"magi_history[{i}]"
        if name in removed:
            continue
        year = _one(form, f"{name}.year") or ""
        present, amount = _read(FIELDS["magi_history[].amount"], form, f"{name}.amount")
        if year.strip() or present:
            magi[year.strip()] = amount
    if magi:
        doc["magi_history"] = {int(k) if k.isdigit() else k: v for k, v in magi.items()}
    for group in GROUPS:
        values = _item(form, group, group, removed)
        if values:
            doc[group] = values
    for account in doc.get("accounts", []):
        for key in _not_of_kind(account.get("kind")):
            account.pop(key, None)
        if account.get("kind") in tuple(AccountKind) and AccountKind(account["kind"]) in PLAN_KINDS:
            account.setdefault("sources", {})
    extra = _one(form, "_extra") or ""
    if extra.strip():
        try:
            more = read(extra).value
        except TextDocError:
            more = None
        if isinstance(more, dict):
            for key, value in more.items():
                if key not in FORM_KEYS:
                    doc[key] = value
    if add:
        _add(doc, add)
    return doc


def _not_of_kind(kind: Any) -> tuple[str, ...]:
    """The account keys a kind has no use for (the loader calls them errors): the form drops them, so
    switching an account's kind never leaves a hidden field's value behind."""
    if kind not in tuple(AccountKind):
        return ()
    if AccountKind(kind) in PLAN_KINDS:
        return IRA_ONLY + TAXABLE_ONLY
    if AccountKind(kind) is AccountKind.TAXABLE:
        return PLAN_ONLY + ("december_31_value",)
    return PLAN_ONLY + TAXABLE_ONLY


def _add(doc: dict[str, Any], where: str) -> None:
    """One more empty row in the list at ``where`` (``accounts``, ``people[0].roth_ira.conversions``);
    ``accounts=403b`` gives the new account its kind."""
    where, _, kind = where.partition("=")
    if where == "magi_history":
        history = doc.setdefault("magi_history", {})
        year = doc.get("tax_year") if isinstance(doc.get("tax_year"), int) else None
        free = [y for y in ((year - 2, year - 1) if year else ()) if y not in history and str(y) not in history]
        history[free[0] if free else ""] = None
        return
    target: Any = doc
    parts = where.split(".")
    for part in parts:
        m = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        if m:
            target = target.setdefault(m.group(1), [])
            index = int(m.group(2))
            if index >= len(target):
                return
            target = target[index]
        elif part == parts[-1]:
            rows = target.setdefault(part, [])
            row = _new_row(where, doc)
            if kind and where == "accounts" and kind in tuple(AccountKind):
                row["kind"] = kind
                row["id"] = _free_id(doc, row.get("owner") or "", kind)
                if AccountKind(kind) in PLAN_KINDS:
                    row["sources"] = {}
            rows.append(row)
        else:
            target = target.setdefault(part, {})


def _new_row(where: str, doc: dict[str, Any]) -> dict[str, Any]:
    people = [p.get("id") for p in doc.get("people", []) if isinstance(p, dict) and p.get("id")]
    if where == "people":
        return {"id": "", "born": ""}
    if where == "income":
        return {"kind": "", "amount": ""} | ({"person": people[0]} if len(people) == 1 else {})
    if where == "residence":
        return {"from_year": "", "state": ""}
    if where.startswith("accounts") and where.endswith("accounts"):
        return {"id": "", "owner": people[0] if people else "", "kind": ""}
    return {"year": "", "taxable": "", "nontaxable": ""}


def _free_id(doc: dict[str, Any], owner: str, kind: str) -> str:
    """An account id the file does not use yet: ``pat_403b``, ``pat_403b_2`` ..."""
    used = {a.get("id") for a in doc.get("accounts", []) if isinstance(a, dict)}
    used |= {p.get("id") for p in doc.get("people", []) if isinstance(p, dict)}
    base = f"{owner}_{kind}" if owner else kind
    base = base if re.fullmatch(r"[A-Za-z_].*", base) else f"a_{base}"
    name, n = base, 2
    while name in used:
        name, n = f"{base}_{n}", n + 1
    return name


def extra_problem(text: str) -> dict[str, Any] | None:
    """A problem with the "other keys" YAML box, which is kept as typed while it has one."""
    if not text.strip():
        return None
    try:
        more = read(text).value
    except TextDocError as exc:
        where = f" (line {exc.line} of the box)" if exc.line is not None else ""
        return {"severity": "error", "code": exc.code, "where": "_extra", "cites": [], "line": None,
                "message": f"Other keys: expected {exc.expected}{where}; got {exc.got}"}
    if not isinstance(more, dict):
        return {"severity": "error", "code": "file_syntax", "where": "_extra", "cites": [], "line": None,
                "message": "Other keys: expected a YAML mapping (key: value lines); got something else"}
    return None


def extra_yaml(doc: Any) -> str:
    """The document's keys the form has no input for, as YAML text."""
    if not isinstance(doc, dict):
        return ""
    more = {k: v for k, v in doc.items() if k not in FORM_KEYS}
    return to_yaml(more) if more else ""


# the form from the document

def value(doc: Any, name: str) -> Any:
    """The value at a contract path in a document (``people[0].roth_ira.first_year``), or None."""
    node = doc
    for part in re.split(r"\.(?![^\[]*\])", name):
        m = re.fullmatch(r"([^\[]+)((?:\[\d+\])*)", part)
        if m is None or not isinstance(node, dict):
            return None
        node = node.get(m.group(1))
        for i in re.findall(r"\[(\d+)\]", m.group(2)):
            if not isinstance(node, list) or int(i) >= len(node):
                return None
            node = node[int(i)]
    return node


def shown(v: Any) -> str:
    """A value as an input shows it."""
    if v is None or isinstance(v, (dict, list)):
        return ""
    if isinstance(v, bool):
        return "true" if v else ""
    return str(v)


def rows(doc: Any, name: str) -> list[Any]:
    v = value(doc, name)
    return v if isinstance(v, list) else []


def magi_rows(doc: Any) -> list[tuple[str, Any]]:
    v = value(doc, "magi_history")
    return [(str(k), a) for k, a in v.items()] if isinstance(v, dict) else []


def is_plan(kind: Any) -> bool | None:
    """Whether an account kind is an employer plan (None when no kind is chosen yet)."""
    if kind not in tuple(AccountKind):
        return None
    return AccountKind(kind) in PLAN_KINDS


# YAML out

class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, data: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(data, "f"))


_Dumper.add_representer(Decimal, _decimal)


def to_yaml(doc: Any) -> str:
    """A household document as YAML, keys in the contract's order."""
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def where_map(problems: Iterable[Any]) -> dict[str, list[dict[str, Any]]]:
    """Problems by the input they belong to: the path itself, else the nearest enclosing path."""
    out: dict[str, list[dict[str, Any]]] = {}
    for p in problems:
        data = p.to_json() if hasattr(p, "to_json") else dict(p)
        where = str(data.get("where") or "")
        m = re.fullmatch(r"magi_history\.(\w+)", where)
        out.setdefault(where, []).append(data)
        if m:
            out.setdefault(f"magi_history:{m.group(1)}", []).append(data)
    return out


def input_names(doc: Any) -> set[str]:
    """The name of every input the editor shows for ``doc``."""
    names = set(SCALAR_TOP) | {f.template for g in GROUPS for f in _fields_under(g)}
    for section in ROWS:
        for i, _ in enumerate(rows(doc, section)):
            names.update(f.name(i) for f in _fields_under(f"{section}[]"))
            for layer in LAYERS:
                if layer.startswith(section + "[]."):
                    rel = layer[len(section) + 3:]
                    for j, _ in enumerate(rows(doc, f"{section}[{i}].{rel}")):
                        names.update(f.name(i, j) for f in _fields_under(layer + "[]"))
    for k, _ in enumerate(magi_rows(doc)):
        names.update({f"magi_history[{k}].year", f"magi_history[{k}].amount"})
    return names


def place(by_where: dict[str, list[dict[str, Any]]], names: set[str], doc: Any) -> tuple[
        dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Each problem beside its input, else at the row or list that holds it; the rest (the document as
    a whole) loose."""
    placed: dict[str, list[dict[str, Any]]] = {}
    loose: list[dict[str, Any]] = []
    years = {year: k for k, (year, _) in enumerate(magi_rows(doc))}
    for where, found in by_where.items():
        if where.startswith("magi_history:"):
            continue
        target: str | None = where
        m = re.fullmatch(r"magi_history\.(.*)", where)
        if m:
            k = years.get(m.group(1))
            target = f"magi_history[{k}].amount" if k is not None else "magi_history"
        while target and target not in names and not re.fullmatch(LISTS, target):
            cut = max(target.rfind("."), target.rfind("["))
            target = target[:cut] if cut > 0 else None
        if target:
            placed.setdefault(target, []).extend(found)
        else:
            loose.extend(found)
    return placed, loose
