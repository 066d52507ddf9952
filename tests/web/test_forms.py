"""The editor's form and the household document, both ways: every field of the seed survives the
trip, what cannot be read is kept as typed and named by the loader, rows are added and removed,
and each problem lands beside the input of its path."""

from __future__ import annotations

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
