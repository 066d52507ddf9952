"""The editor's form and the household document, both ways: every field of the seed survives the
trip, what cannot be read is kept as typed and named by the loader, rows are added and removed,
and each problem lands beside the input of its path."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from rothroute.household import json_schema, load_text
from rothroute.web import forms
from rothroute.web.reading import read_document

from ..conftest import EXAMPLES


def form_of(doc: Any) -> dict[str, Any]:
    """What a browser would post for the editor showing ``doc``."""
    out: dict[str, Any] = {}
    for name in forms.input_names(doc):
        f = forms.FIELDS.get(forms.template_of(name))
        if name.startswith("magi_history["):
            k = int(name.split("[")[1].split("]")[0])
            year, amount = forms.magi_rows(doc)[k]
            out[name] = year if name.endswith(".year") else forms.shown(amount)
            continue
        value = forms.value(doc, name)
        if f.input == "multi":
            out[name] = list(value or [])
        elif f.input == "bool":
            if value is True:
                out[name] = "true"
        else:
            out[name] = forms.shown(value)
    out["_extra"] = forms.extra_yaml(doc)
    return out


def test_every_field_has_a_label_a_hint_and_its_contract_name() -> None:
    for template, f in forms.FIELDS.items():
        assert f.label and f.hint, template
    # the hints are the spec's descriptions where it has them (the schema's text, not a copy)
    schema = json_schema()
    assert forms.FIELDS["accounts[].plan.in_plan_roth_rollover"].hint == \
        schema["properties"]["accounts"]["items"]["properties"]["plan"]["properties"]["in_plan_roth_rollover"][
            "description"]
    assert forms.FIELDS["accounts[0].plan.separated_from_service".replace("[0]", "[]")].name(3) == \
        "accounts[3].plan.separated_from_service"


def test_the_seed_survives_the_trip_through_the_form() -> None:
    text = (EXAMPLES / "seed.yaml").read_text()
    doc, _ = read_document(text)
    back = forms.document(form_of(doc))
    assert load_text(forms.to_yaml(back)) == load_text(text)


def test_files_with_moves_keep_them_in_the_other_keys() -> None:
    text = (EXAMPLES / "seed_split_rollover.yaml").read_text()
    doc, _ = read_document(text)
    back = forms.document(form_of(doc))
    assert back["moves"] and load_text(forms.to_yaml(back)).moves == load_text(text).moves


def test_what_cannot_be_read_is_kept_as_typed() -> None:
    form = {"tax_year": "20x6", "filing_status": "single", "people[0].id": "pat", "people[0].born": "1959-02-30",
            "people[0].ira_basis": "1,000.50", "accounts[0].id": "ira", "accounts[0].owner": "pat",
            "accounts[0].kind": "traditional_ira", "accounts[0].value": "lots"}
    doc = forms.document(form)
    assert doc["tax_year"] == "20x6" and doc["people"][0]["born"] == "1959-02-30"
    assert str(doc["people"][0]["ira_basis"]) == "1000.50" and doc["accounts"][0]["value"] == "lots"
    from rothroute.web.pages import _problems_of

    wheres = {p["where"] for p in _problems_of(doc)}
    assert {"tax_year", "people[0].born", "accounts[0].value"} <= wheres


def test_rows_are_added_and_removed() -> None:
    form = {"filing_status": "single", "people[0].id": "pat", "people[0].born": "1959-02-03",
            "income[0].kind": "wages", "income[0].amount": "10", "income[1].kind": "pension", "income[1].amount": "5"}
    assert [i["kind"] for i in forms.document(form, remove="income[0]")["income"]] == ["pension"]
    added = forms.document(form, add="accounts=403b")["accounts"][0]
    assert added["kind"] == "403b" and added["owner"] == "pat" and added["id"] == "pat_403b"
    assert forms.document(form, add="people[0].roth_ira.conversions")["people"][0]["roth_ira"]["conversions"]


def test_an_account_keeps_only_the_fields_of_its_kind() -> None:
    form = {"people[0].id": "pat", "accounts[0].id": "ira", "accounts[0].owner": "pat",
            "accounts[0].kind": "traditional_ira", "accounts[0].value": "5", "accounts[0].sources.pretax": "7",
            "accounts[0].plan.in_plan_roth_rollover": "true"}
    assert forms.document(form)["accounts"][0] == {"id": "ira", "owner": "pat", "kind": "traditional_ira", "value": 5}


def test_problems_land_beside_their_input_or_their_row() -> None:
    doc = yaml.safe_load((EXAMPLES / "seed.yaml").read_text())
    problems = [{"where": "accounts[0].plan.separated_from_service", "message": "a"},
                {"where": "accounts[0].sources", "message": "b"}, {"where": "people", "message": "c"},
                {"where": "magi_history.2025", "message": "d"}, {"where": "(document)", "message": "e"}]
    placed, loose = forms.place(forms.where_map(problems), forms.input_names(doc), doc)
    assert placed["accounts[0].plan.separated_from_service"][0]["message"] == "a"
    assert placed["accounts[0]"][0]["message"] == "b" and placed["people"][0]["message"] == "c"
    assert placed["magi_history[1].amount"][0]["message"] == "d"
    assert [p["message"] for p in loose] == ["e"]


def _leaves(spec: Any, path: str = "") -> Any:
    """Every leaf path of the household contract (``accounts[].plan.designated_roth``)."""
    from rothroute.household.spec import Arr, Nullable, Obj

    inner = spec.inner if isinstance(spec, Nullable) else spec
    if isinstance(inner, Obj):
        for key, f in inner.fields.items():
            yield from _leaves(f.spec, f"{path}.{key}" if path else key)
    elif isinstance(inner, Arr) and isinstance(inner.item, Obj):
        yield from _leaves(inner.item, path + "[]")
    else:
        yield path


def test_every_key_of_the_contract_has_an_input_or_travels_in_the_other_keys() -> None:
    """What the form has no input for would be dropped on the next post: every leaf of the household
    contract is an input of the form, save ``format`` (always 1), ``magi_history`` (its rows) and the
    ``moves`` (kept whole in the other keys' YAML)."""
    from rothroute.household.fileformat import HOUSEHOLD

    missing = [p for p in _leaves(HOUSEHOLD) if p not in forms.FIELDS and p not in ("format", "magi_history")
               and not p.startswith("moves")]
    assert missing == []
    assert set(forms.FORM_KEYS) | {"moves"} == set(HOUSEHOLD.fields)


EVERYTHING = """\
format: 1
tax_year: 2026
filing_status: married_joint
state: MD
locality: montgomery
lived_apart_all_year: false
tax_computation: rate_schedule
charitable_gifts: 2500
residence:
  - {from_year: 2026, state: MD}
  - {from_year: 2029, state: FL}
people:
  - id: pat
    born: 1953-03-01
    ira_basis: 12000
    life_expectancy: 92
    first_rmd_deferred: true
    rmd_shortfall_corrected: true
    qcd_offset: 1500
    social_security: {benefit_at_full_retirement_age: 3100, claim_age: 69, claim_age_months: 6,
                      survivor_benefit: 900, survivor_benefit_from: 2026-05-01}
    roth_ira: {first_year: 2018, contributions: 7000}
  - id: sam
    born: 1964-07-15
    life_expectancy: 95
    retirement_year: 2027
health_coverage: {benchmark_premium: 1400, premium: 1200, advance_payments: 300, first_month: 1, last_month: 6,
                  family_size: 2, to_year: 2030}
income:
  - {kind: taxable_interest, amount: 1000}
  - {kind: social_security, amount: 20000, person: sam, start_year: 2031}
magi_history: {2024: 150000, 2025: 160000}
itemized_deductions: {state_local_taxes: 9000, other: 4000}
accounts:
  - {id: pat_ira, owner: pat, kind: traditional_ira, value: 900000, december_31_value: 910000}
  - {id: pat_brokerage, owner: pat, kind: taxable, value: 250000, cost_basis: 140000,
     qualified_dividend_yield: 1.6, interest_yield: 0.25}
  - id: sam_403b
    owner: sam
    kind: 403b
    sources: {pretax: 300000, after_tax: {contributions: 40000, earnings: 9000}}
    plan: {separated_from_service: 2025, rmd_from_last_year: 0, first_rmd_deferred: false}
"""


def test_a_file_with_every_kind_of_key_survives_the_trip_through_the_form() -> None:
    """Social Security, life expectancy, RMD and QCD keys, a taxable account's basis and yields, Marketplace
    coverage, residence and locality: each is an input, and the file read back is the file (nothing the
    form has no input for is dropped; on 2026-12-06 a taxable account's basis and yields and every
    person's Social Security were)."""
    doc, problems = read_document(EVERYTHING)
    assert not [p for p in problems if p.get("severity") == "error"], problems
    form = form_of(doc)
    assert form["_extra"] == ""  # every key has its input
    back = forms.document(form)
    assert load_text(forms.to_yaml(back)) == load_text(EVERYTHING)


def test_switching_an_account_to_taxable_drops_what_its_old_kind_had() -> None:
    form = {"people[0].id": "pat", "accounts[0].id": "a", "accounts[0].owner": "pat", "accounts[0].kind": "taxable",
            "accounts[0].value": "5", "accounts[0].december_31_value": "6", "accounts[0].cost_basis": "4",
            "accounts[0].interest_yield": "0.5%", "accounts[0].sources.pretax": "7"}
    assert forms.document(form)["accounts"][0] == {"id": "a", "owner": "pat", "kind": "taxable", "value": 5,
                                                   "cost_basis": 4, "interest_yield": Decimal("0.5")}
    form["accounts[0].kind"] = "roth_ira"
    assert forms.document(form)["accounts"][0] == {"id": "a", "owner": "pat", "kind": "roth_ira", "value": 5,
                                                   "december_31_value": 6}
