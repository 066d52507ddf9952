"""The JSON API: every endpoint, the answers equal to the command line's --json, and every error
status with the engine's issue shape (413, 422, 404, 409, 429 with Retry-After). Never a 500 for
bad input."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rothroute.cli.app import app as cli
from rothroute.household import json_schema

from ..conftest import EXAMPLES
from .conftest import as_json

ISSUE_KEYS = {"severity", "code", "where", "message", "cites"}


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def issues_of(response: Any, status: int) -> list[dict[str, Any]]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"issues"} and body["issues"], body
    for issue in body["issues"]:
        assert ISSUE_KEYS <= set(issue), issue
        assert issue["severity"] == "error" and isinstance(issue["cites"], list) and issue["message"]
    return body["issues"]


def test_healthz(client: Any) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_schema_is_the_one_rothroute_schema_prints(client: Any) -> None:
    assert client.get("/api/v1/schema").json() == json_schema() == cli_json("schema")


@pytest.mark.parametrize("goal", ["least-tax-now", "most-roth", "clean-backdoor"])
def test_compare_answers_what_the_command_line_prints(client: Any, seed: dict[str, Any], goal: str) -> None:
    r = client.post(f"/api/v1/compare?goal={goal}", json=seed)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.json() == cli_json("compare", str(EXAMPLES / "seed.yaml"), "--json", "--goal", goal)
    assert r.json()["recommended"] == ("split_rollover" if goal == "least-tax-now" else r.json()["recommended"])


def test_evaluate_answers_what_the_command_line_prints(client: Any) -> None:
    path = EXAMPLES / "seed_split_rollover.yaml"
    r = client.post("/api/v1/evaluate", json=as_json(path))
    assert r.status_code == 200
    assert r.json() == cli_json("evaluate", str(path), "--json")


def test_a_yaml_body_is_taken_too(client: Any) -> None:
    path = EXAMPLES / "seed_split_rollover.yaml"
    r = client.post("/api/v1/evaluate", content=path.read_text(), headers={"content-type": "application/yaml"})
    assert r.json() == cli_json("evaluate", str(path), "--json")


def _without_timing(plan: dict[str, Any]) -> dict[str, Any]:
    plan = json.loads(json.dumps(plan))
    plan["solver"].pop("seconds")
    return plan


def test_optimize_answers_what_the_command_line_prints(client: Any, seed: dict[str, Any]) -> None:
    r = client.post("/api/v1/optimize", json={"household": seed, "years": 3, "growth": "4", "spending": 20000,
                                              "time_limit": 20})
    assert r.status_code == 200, r.text
    printed = cli_json("optimize", str(EXAMPLES / "seed.yaml"), "--years", "3", "--growth", "4", "--spending", "20000",
                       "--time-limit", "20", "--json")
    assert _without_timing(r.json()) == _without_timing(printed)


def test_optimize_takes_every_option_the_command_line_has(client: Any, seed: dict[str, Any]) -> None:
    body = {"household": seed, "years": 2, "giving": 5000, "survivor_spending": "70", "cash_account": "untaxed",
            "cash": 10000, "time_limit": 20}
    r = client.post("/api/v1/optimize", json=body)
    assert r.status_code == 200, r.text
    printed = cli_json("optimize", str(EXAMPLES / "seed.yaml"), "--years", "2", "--giving", "5000",
                       "--survivor-spending", "70", "--cash-account", "untaxed", "--cash", "10000",
                       "--time-limit", "20", "--json")
    assert _without_timing(r.json()) == _without_timing(printed)
    assumed = r.json()["assumptions"]
    assert (assumed["giving"], assumed["survivor_spending"], assumed["cash_account"]) == (5000, "0.7", "untaxed")


def test_optimize_job_is_polled_to_its_plan(client: Any, seed: dict[str, Any]) -> None:
    import time

    r = client.post("/api/v1/optimize/jobs", json={"household": seed, "years": 2})
    assert r.status_code == 202 and r.headers["location"] == f"/api/v1/optimize/jobs/{r.json()['id']}"
    for _ in range(600):
        job = client.get(r.headers["location"]).json()
        if job["state"] in ("done", "failed"):
            break
        assert job["state"] in ("queued", "running")
        time.sleep(0.1)
    assert job["state"] == "done" and len(job["result"]["years"]) == 2


MALFORMED: list[tuple[str, bytes, str]] = [
    ("not JSON", b"{format: 1", "(document)"),
    ("empty", b"", "(document)"),
    ("a list", b"[1, 2]", "(document)"),
    ("a number", b"42", "(document)"),
    ("null", b"null", "(document)"),
    ("duplicate key", b'{"format": 1, "format": 1}', "format"),  # the strict JSON reader names the key
    ("NaN", b'{"format": NaN}', "format"),
    ("Infinity", b'{"format": 1, "tax_year": Infinity}', "tax_year"),
    ("deep nesting", b"[" * 5000 + b"]" * 5000, "[0]" * 64),
    ("not UTF-8", b'{"format": "\xff"}', "(document)"),
    ("wrong types", b'{"format": "1", "tax_year": "2026", "filing_status": 3, "people": {}}', "format"),
    ("unknown key", b'{"format": 1, "tax_year": 2026, "filing_status": "single", "people": [], "pets": 2}', "people"),
    ("bad date", b'{"format": 1, "tax_year": 2026, "filing_status": "single", '
                 b'"people": [{"id": "a", "born": "1959-13-01"}]}', "people[0].born"),
    ("a year with no parameters", b'{"format": 1, "tax_year": 1990, "filing_status": "single", '
                                  b'"people": [{"id": "a", "born": "1959-01-01"}]}', "tax_year"),
    ("too many cents", b'{"format": 1, "tax_year": 2026, "filing_status": "single", '
                       b'"people": [{"id": "a", "born": "1959-01-01", "ira_basis": 1.001}]}', "people[0].ira_basis"),
    ("a year key that is no year", b'{"format": 1, "tax_year": 2026, "filing_status": "single", '
                                   b'"people": [{"id": "a", "born": "1959-01-01"}], "magi_history": {"abc": 1}}',
     "magi_history.abc"),
    ("a huge number", b'{"format": 1, "tax_year": 2026, "filing_status": "single", '
                      b'"people": [{"id": "a", "born": "1959-01-01"}], '
                      b'"accounts": [{"id": "i", "owner": "a", "kind": "traditional_ira", "value": 1e400}]}', None),
]


@pytest.mark.parametrize("body,where", [(b, w) for _, b, w in MALFORMED], ids=[n for n, _, _ in MALFORMED])
@pytest.mark.parametrize("endpoint", ["/api/v1/evaluate", "/api/v1/compare"])
def test_bad_household_is_422_with_every_issue(client: Any, endpoint: str, body: bytes, where: str | None) -> None:
    r = client.post(endpoint, content=body, headers={"content-type": "application/json"})
    assert r.status_code != 500
    if where is None:  # read, but the engine may refuse it: either way no 500
        assert r.status_code in (200, 422)
        return
    found = issues_of(r, 422)
    assert where in {i["where"] for i in found}, found


def test_yaml_aliases_are_refused_before_they_expand(client: Any) -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    r = client.post("/api/v1/compare", content=laughs, headers={"content-type": "application/yaml"})
    found = issues_of(r, 422)  # refused once the aliases stand for 100,000 values, before they expand further
    assert found[0]["code"] == "file_too_large" and "aliases" in found[0]["message"] and found[0]["line"] <= 9


def test_engine_refusal_is_422(client: Any, seed: dict[str, Any]) -> None:
    bare = {**seed, "accounts": []}
    found = issues_of(client.post("/api/v1/compare", json=bare), 422)
    assert "strateg" in found[0]["message"] or found[0]["code"] in ("no_strategy", "refused")


def test_bad_goal_and_options_are_422_naming_the_option(client: Any, seed: dict[str, Any]) -> None:
    assert issues_of(client.post("/api/v1/compare?goal=cheapest", json=seed), 422)[0]["where"] == "goal"
    for body, where in (({"years": 0}, "years"), ({"years": 5, "growth": "lots"}, "growth"),
                        ({"years": 5, "growth": 80}, "growth"), ({"years": 5, "objective": "fun"}, "objective"),
                        ({"years": 5, "time_limit": 100000}, "time_limit"), ({"years": 5, "pets": 1}, "pets"),
                        ({"years": 5, "spending": -1}, "spending"), ({"years": 5, "claiming": "maybe"}, "claiming"),
                        ({"years": 5, "giving": "lots"}, "giving"), ({"years": 5, "cash_account": "mattress"}, "cash_account"),
                        ({"years": 5, "survivor_spending": 120}, "survivor_spending")):
        found = issues_of(client.post("/api/v1/optimize", json={"household": seed, **body}), 422)
        assert found[0]["where"] == where and found[0]["code"] == "invalid_option", found
    found = issues_of(client.post("/api/v1/optimize", json={"household": {**seed, "tax_year": "x"}, "years": 2}), 422)
    assert found[0]["where"] == "household.tax_year"
    assert issues_of(client.post("/api/v1/optimize", json=[1]), 422)


def test_body_over_1_mb_is_413(client: Any) -> None:
    big = b'{"format": 1, "pad": "' + b"x" * 1_000_100 + b'"}'
    issues_of(client.post("/api/v1/compare", content=big, headers={"content-type": "application/json"}), 413)

    def chunks() -> Any:  # no Content-Length: counted as it comes
        for _ in range(11):
            yield b"x" * 100_000

    issues_of(client.post("/api/v1/evaluate", content=chunks()), 413)


def test_full_optimizer_queue_is_429_with_retry_after(client: Any, seed: dict[str, Any]) -> None:
    first = client.post("/api/v1/optimize/jobs", json={"household": seed, "years": 30})
    assert first.status_code == 202
    second = client.post("/api/v1/optimize/jobs", json={"household": seed, "years": 30})
    found = issues_of(second, 429)
    assert found[0]["code"] == "queue_full" and int(second.headers["retry-after"]) > 0
    import time

    while client.get(first.headers["location"]).json()["state"] in ("queued", "running"):
        time.sleep(0.2)


def test_unknown_things_are_404(client: Any) -> None:
    for url in ("/api/v1/optimize/jobs/nope", "/api/v1/book/Nobody", "/api/v1/book/Nobody/versions",
                "/api/v1/nothing"):
        assert issues_of(client.get(url), 404)[0]["code"] == "not_found"
    assert client.get("/no-such-page").status_code == 404


def test_book_over_the_api_and_a_stale_save_is_409(client: Any) -> None:
    text = (EXAMPLES / "seed.yaml").read_text()
    r = client.put("/api/v1/book/Ada Lovelace", json={"text": text, "base_version": None})
    assert r.status_code == 201 and r.json()["version"] == 1 and r.json()["kind"] == "good"
    r = client.put("/api/v1/book/Ada Lovelace", json={"text": text.replace("36000", "37000"), "base_version": 1})
    assert r.json()["version"] == 2
    stale = client.put("/api/v1/book/Ada Lovelace", json={"text": text.replace("36000", "1"), "base_version": 1})
    found = issues_of(stale, 409)
    assert found[0]["code"] == "stale_version" and "version 2" in found[0]["message"]
    versions = client.get("/api/v1/book/Ada Lovelace/versions").json()["versions"]
    assert [(v["version"], v["kind"]) for v in versions] == [(1, "good"), (2, "good"), (3, "conflict")]
    assert "37000" in client.get("/api/v1/book/Ada Lovelace").json()["text"]
    assert "amount: 1}" in client.get("/api/v1/book/Ada Lovelace/versions/3").json()["text"]
    restored = client.post("/api/v1/book/Ada Lovelace/versions/1/restore?base_version=2")
    assert restored.status_code == 201 and restored.json()["version"] == 4
    assert client.get("/api/v1/book/Ada Lovelace").json()["text"] == text
    assert issues_of(client.post("/api/v1/book/Ada Lovelace/versions/1/restore?base_version=2"), 409)
    assert issues_of(client.get("/api/v1/book/Ada Lovelace/versions/99"), 404)
    assert issues_of(client.put("/api/v1/book/.hidden<x>", json={"text": text}), 422)[0]["code"] == \
        "invalid_client_name"
    assert issues_of(client.put("/api/v1/book/Ada Lovelace", json={"text": 3}), 422)
    draft = client.put("/api/v1/book/Ada Lovelace", json={"text": "format: 1\n", "base_version": 4})
    assert draft.status_code == 201 and draft.json()["kind"] == "draft" and draft.json()["issues"]
    names = [c["name"] for c in client.get("/api/v1/book").json()["clients"]]
    assert "Ada Lovelace" in names


def test_book_export_and_import_zip(client: Any) -> None:
    import io
    import zipfile

    text = (EXAMPLES / "seed.yaml").read_text()
    client.put("/api/v1/book/Zip Zed", json={"text": text, "base_version": None})
    r = client.get("/api/v1/book/export")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert "rothroute-book/Zip Zed.yaml" in names
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("book/Zip Zed.yaml", text.replace("36000", "36500"))
        z.writestr("book/New Person.yaml", text)
        z.writestr("book/notes.txt", "ignored")
    r = client.post("/api/v1/book/import", content=buffer.getvalue())
    assert r.status_code == 200 and len(r.json()["imported"]) == 2
    assert "36500" in client.get("/api/v1/book/Zip Zed").json()["text"]
    assert issues_of(client.post("/api/v1/book/import", content=b"not a zip"), 422)


def test_every_response_has_the_content_security_policy(client: Any) -> None:
    for url in ("/", "/workspace", "/docs", "/openapi.json", "/healthz", "/static/app.js", "/nope"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp, url
        assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_documents_every_endpoint_and_docs_fetch_nothing(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/healthz", "/api/v1/schema", "/api/v1/evaluate", "/api/v1/compare", "/api/v1/optimize",
            "/api/v1/optimize/jobs", "/api/v1/optimize/jobs/{job_id}", "/api/v1/book",
            "/api/v1/book/{name}"} <= paths
    assert spec["components"]["schemas"]["Household"]["properties"]["people"]
    body = spec["paths"]["/api/v1/compare"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == json_schema()["required"]
    page = client.get("/docs").text
    assert "/api/v1/compare" in page
    import re

    assert not re.search(r'(src|href)="(https?:)?//', page), "the API page loads nothing from elsewhere"


def test_logs_never_identify_a_client(client: Any, seed: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    secret = json.loads(json.dumps(seed))
    secret["people"][0]["id"] = "zelda_q"
    secret["people"][0]["born"] = "1960-02-03"
    for item in secret["income"]:
        item["person"] = "zelda_q"
    secret["accounts"][1]["value"] = 987654
    for a in secret["accounts"]:
        a["owner"] = "zelda_q"
    with caplog.at_level(logging.DEBUG):
        client.post("/api/v1/compare", json=secret)
        client.post("/api/v1/evaluate", json={**secret, "tax_year": "x"})
        client.put("/api/v1/book/Zelda Quartermain", json={"text": json.dumps(secret), "base_version": None})
        client.get("/api/v1/book/Zelda Quartermain")
        client.get("/clients/Zelda Quartermain")
        client.post("/workspace", data={"people[0].id": "zelda_q", "people[0].born": "1960-02-03",
                                        "_client": "Zelda Quartermain", "_action": "check"})
    assert client.post("/api/v1/compare", json=secret).status_code == 200
    server = ("rothroute", "uvicorn", "fastapi", "starlette", "sqlalchemy", "alembic", "multipart")
    text = "\n".join(r.getMessage() for r in caplog.records if r.name.split(".")[0] in server)
    assert "/api/v1/compare" in text  # the route is logged...
    for secret_text in ("zelda", "Zelda", "Quartermain", "1960-02-03", "987654", "987,654"):
        assert secret_text not in text, secret_text  # ...never who or how much


def test_the_workspace_keeps_what_was_typed_on_every_error(client: Any) -> None:
    typed = {"tax_year": "2026", "filing_status": "single", "people[0].id": "pat", "people[0].born": "1959-02-30",
             "income[0].kind": "wages", "income[0].amount": "12,5x", "_extra": "moves: [oops", "_action": "check"}
    page = client.post("/workspace", data=typed).text
    for text in ('value="1959-02-30"', 'value="12,5x"', "moves: [oops", "expected a date YYYY-MM-DD",
                 "Other keys: expected well-formed YAML"):
        assert text in page, text
    added = client.post("/workspace", data={**typed, "_action": "add:accounts=401k"}).text
    assert 'value="12,5x"' in added and 'name="accounts[0].sources.pretax"' in added
    refused = client.post("/workspace", data={**typed, "_action": "compare"})
    assert refused.status_code == 422 and 'value="12,5x"' in refused.text
