"""The JSON API under ``/api/v1``: evaluate, compare and optimize a household (the answers are
exactly what the command line prints with ``--json``), the household file's JSON Schema, the
optimizer's jobs, and the client book. Errors are ``{"issues": [...]}`` in the engine's shape:
422 for a bad household or option, 404, 409 for a stale save, 413, 429 with Retry-After.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

import rothroute
from rothroute.errors import HouseholdFileError
from rothroute.household import Household, json_schema
from rothroute.options import GOALS, OptionError, json_text, optimize_options
from rothroute.web.responses import error
from rothroute.web.book import BookError, NotFound, Stale
from rothroute.web.jobs import compare_work, evaluate_work, optimize_work
from rothroute.web.reading import household_from_json, household_from_text, parse_json

router = APIRouter()

ISSUES = {"description": "The household, an option or the request is wrong: every issue with its place",
          "content": {"application/json": {"example": {"issues": [
              {"severity": "error", "code": "invalid_value", "where": "people[0].born",
               "message": "expected a date YYYY-MM-DD; got '1959-13-01'", "cites": [], "line": None}]}}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"description": "The body is over 1 MB"}, 422: ISSUES,
    429: {"description": "Every worker is busy: try again after Retry-After seconds"}}


def _household_body() -> dict[str, Any]:
    return {"requestBody": {"required": True, "description": "The household file, format 1, as JSON "
                            "(application/json); YAML text is taken too (application/yaml).",
                            "content": {"application/json": {"schema": json_schema()},
                                        "application/yaml": {"schema": {"type": "string"}}}}}


OPTIMIZE_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["household", "years"], "additionalProperties": False,
    "properties": {
        "household": {"$ref": "#/components/schemas/Household", "description": "the household file as JSON"},
        "years": {"type": "integer", "minimum": 1, "maximum": 60, "description": "years to plan"},
        "growth": {"type": ["number", "string"], "default": "5", "description": "yearly return, percent"},
        "inflation": {"type": ["number", "string"], "default": "2.5", "description": "yearly inflation, percent"},
        "heirs_rate": {"type": ["number", "string"], "default": "24", "description": "heirs' tax rate, percent"},
        "objective": {"enum": ["wealth", "spending"], "default": "wealth"},
        "spending": {"type": ["number", "string"], "default": "0", "description": "dollars a year after tax"},
        "bequest": {"type": ["number", "string"], "default": "0", "description": "dollars left at least"},
        "cash": {"type": ["number", "string"], "default": "0", "description": "cash account at the start"},
        "time_limit": {"type": "number", "default": 60, "description": "solver seconds (the server caps it)"},
        "claiming": {"enum": ["file", "optimize"], "default": "file",
                     "description": "Social Security claiming ages: the file's, or chosen by the plan"},
        "survivor_spending": {"type": ["number", "string"], "default": "60",
                              "description": "a survivor's spending as a share of the couple's, percent"},
        "giving": {"type": ["number", "string"], "default": "0",
                   "description": "charitable giving, dollars a year (first-year dollars; by QCD where the law allows)"},
        "cash_account": {"enum": ["taxable", "untaxed"], "default": "taxable",
                         "description": "taxable: the file's taxable accounts are the plan's cash account; untaxed: "
                                        "a cash account growing with no tax"},
    }}}}}}
OPTION_KEYS = ("years", "growth", "inflation", "heirs_rate", "objective", "spending", "bequest", "cash", "time_limit",
               "claiming", "survivor_spending", "giving", "cash_account")


def _json(data: Any, status: int = 200) -> Response:
    return Response(json_text(data), status_code=status, media_type="application/json")


def _problems(exc: HouseholdFileError) -> JSONResponse:
    return JSONResponse({"issues": [p.to_json() for p in exc.problems]}, status_code=422)


async def household_of(request: Request) -> Household:
    """The household in the body: JSON (strict), or YAML when the content type says so."""
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        from rothroute.errors import Problem

        raise HouseholdFileError([Problem(where="(document)", expected="UTF-8 text", got="undecodable bytes",
                                          code="file_unreadable")]) from None
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if kind in ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"):
        return household_from_text(text, source="<request body>.yaml")
    return household_from_json(text)


async def _run(request: Request, work: Any, *args: Any) -> Response:
    ok, value = await request.app.state.quick.run(work, *args, True)
    if not ok:
        return JSONResponse({"issues": value}, status_code=422)
    return Response(value, media_type="application/json")


@router.get("/healthz", tags=["service"], summary="The service is up")
async def healthz(request: Request) -> dict[str, Any]:
    return {"status": "ok", "version": rothroute.__version__,
            "queues": {"quick": request.app.state.quick.in_flight, "optimize": request.app.state.optimize.in_flight}}


@router.get("/api/v1/schema", tags=["household"], summary="The household file's JSON Schema (rothroute schema)")
async def schema() -> dict[str, Any]:
    return json_schema()


@router.post("/api/v1/evaluate", tags=["household"], responses=ERRORS, openapi_extra=_household_body(),
             summary="Price the household's moves (rothroute evaluate --json)")
async def evaluate(request: Request, ratio_places: int | None = Query(None, ge=3, le=12)) -> Response:
    try:
        household = await household_of(request)
    except HouseholdFileError as exc:
        return _problems(exc)
    return await _run(request, evaluate_work, household, ratio_places)


@router.post("/api/v1/compare", tags=["household"], responses=ERRORS, openapi_extra=_household_body(),
             summary="Build, price and rank every strategy (rothroute compare --json)")
async def compare(request: Request, goal: str = Query("least-tax-now", description=", ".join(GOALS))) -> Response:
    if goal not in GOALS:
        return JSONResponse({"issues": [OptionError("goal", "one of " + ", ".join(GOALS), goal).to_json()]}, 422)
    try:
        household = await household_of(request)
    except HouseholdFileError as exc:
        return _problems(exc)
    return await _run(request, compare_work, household, goal)


async def _optimize_request(request: Request) -> tuple[Household, Any] | Response:
    try:
        body = parse_json((await request.body()).decode("utf-8", errors="replace"))
    except HouseholdFileError as exc:
        return _problems(exc)
    if not isinstance(body, dict) or "household" not in body:
        return error(422, "invalid_request", "expected an object {\"household\": {...}, \"years\": N, ...}", "(body)")
    unknown = sorted(set(body) - {"household", *OPTION_KEYS})
    if unknown:
        return error(422, "invalid_option", "expected only household and " + ", ".join(OPTION_KEYS)
                     + f"; got {', '.join(unknown)}", unknown[0])
    settings = request.app.state.settings
    kwargs = {k: body[k] for k in OPTION_KEYS if k in body and k != "years"}
    kwargs.setdefault("time_limit", settings.default_time_limit)
    try:
        options = optimize_options(years=body.get("years"), max_time_limit=settings.max_time_limit, **kwargs)
    except OptionError as exc:
        return JSONResponse({"issues": [exc.to_json()]}, status_code=422)
    from rothroute.web.reading import load_value

    try:
        household = load_value(body["household"], source="<request body>")
    except HouseholdFileError as exc:
        return JSONResponse({"issues": [{**p.to_json(), "where": "household." + p.where if p.where != "(document)"
                                         else "household"} for p in exc.problems]}, status_code=422)
    return household, options


@router.post("/api/v1/optimize", tags=["household"], responses=ERRORS, openapi_extra=OPTIMIZE_BODY,
             summary="Plan the years' Roth conversions (rothroute optimize --json); waits for the plan")
async def optimize(request: Request) -> Response:
    got = await _optimize_request(request)
    if isinstance(got, Response):
        return got
    household, options = got
    ok, value = await request.app.state.optimize.run(optimize_work, household, options)
    return _json(value) if ok else JSONResponse({"issues": value}, status_code=422)


@router.post("/api/v1/optimize/jobs", tags=["jobs"], responses=ERRORS, openapi_extra=OPTIMIZE_BODY, status_code=202,
             summary="Start an optimizer run and answer at once with its job (poll it)")
async def start_job(request: Request) -> Response:
    got = await _optimize_request(request)
    if isinstance(got, Response):
        return got
    household, options = got
    job = request.app.state.jobs.start(optimize_work, (household, options), {}, options.time_limit)
    return JSONResponse(job.to_json(), status_code=202, headers={"Location": f"/api/v1/optimize/jobs/{job.id}"})


@router.get("/api/v1/optimize/jobs/{job_id}", tags=["jobs"], responses={404: {"description": "No such job"}},
            summary="An optimizer run: queued, running, done (with the plan) or failed (with its issues)")
async def get_job(request: Request, job_id: str) -> Response:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        return error(404, "not_found", f"no optimizer job {job_id!r} (jobs are kept while the server runs)", "job_id")
    out = job.to_json()
    if job.state == "done":
        out["result"] = job.result()
    return _json(out)


# the client book

def _book_error(exc: BookError) -> JSONResponse:
    status = 404 if isinstance(exc, NotFound) else 409 if isinstance(exc, Stale) else 422
    return JSONResponse({"issues": [exc.to_json()]}, status_code=status)


@router.get("/api/v1/book", tags=["book"], summary="Every client in the book")
async def book_list(request: Request) -> dict[str, Any]:
    return {"clients": [c.to_json() for c in request.app.state.book.clients()]}


@router.get("/api/v1/book/export", tags=["book"], summary="The whole book as a zip of household files")
async def book_export(request: Request) -> Response:
    import tempfile
    from pathlib import Path

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path in request.app.state.book.export_folder(Path(tmp) / "rothroute-book"):
            z.write(path, f"rothroute-book/{path.name}")
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": 'attachment; filename="rothroute-book.zip"'})


@router.post("/api/v1/book/import", tags=["book"], responses=ERRORS,
             summary="Import a zip of household files (name.yaml, name.json): each a new version of that client")
async def book_import(request: Request) -> Response:
    lines = import_zip(request.app.state.book, await request.body())
    if isinstance(lines, Response):
        return lines
    return JSONResponse({"imported": lines})


def import_zip(book: Any, data: bytes) -> list[str] | Response:
    from pathlib import PurePosixPath

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except zipfile.BadZipFile:
        return error(422, "invalid_request", "expected a zip of household files (name.yaml, name.json)", "(body)")
    from rothroute.web.book import draft_last

    lines = []
    for member in sorted(members[:1000], key=lambda m: draft_last(m.filename)):
        name = PurePosixPath(member.filename)
        if name.suffix.lower() not in (".yaml", ".yml", ".json") or member.file_size > 1_000_000:
            continue
        try:
            text = archive.read(member).decode("utf-8")
        except (UnicodeDecodeError, zipfile.BadZipFile, RuntimeError):
            lines.append(f"{name.name}: skipped: not UTF-8 text")
            continue
        lines.append(book.import_text(name.stem.removesuffix(".draft"), text, name.name))
    return lines


@router.get("/api/v1/book/{name}", tags=["book"], responses={404: {"description": "No such client"}},
            summary="A client's newest saved version (text, version number, kind)")
async def book_get(request: Request, name: str) -> Response:
    try:
        return JSONResponse(request.app.state.book.version(name).to_json())
    except BookError as exc:
        return _book_error(exc)


@router.put("/api/v1/book/{name}", tags=["book"],
            responses={409: {"description": "Stale: another save came first (your text is kept as a conflict copy)"},
                       422: ISSUES},
            openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["text"], "properties": {
                    "text": {"type": "string", "description": "the household file (YAML or JSON text)"},
                    "base_version": {"type": ["integer", "null"],
                                     "description": "the version this text was based on (null: a new client)"},
                    "note": {"type": "string"}}}}}}},
            summary="Save a new version (a file with problems is saved as a draft)")
async def book_save(request: Request, name: str) -> Response:
    try:
        body = parse_json((await request.body()).decode("utf-8", errors="replace"))
    except HouseholdFileError as exc:
        return _problems(exc)
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        return error(422, "invalid_request", "expected {\"text\": \"...\", \"base_version\": N}", "text")
    base = body.get("base_version")
    if base is not None and (isinstance(base, bool) or not isinstance(base, int)):
        return error(422, "invalid_request", f"expected a version number or null; got {base!r}", "base_version")
    try:
        version, problems = request.app.state.book.save(name, body["text"], base, str(body.get("note") or ""))
    except BookError as exc:
        return _book_error(exc)
    out = version.to_json(with_text=False)
    out["issues"] = [p.to_json() for p in problems]
    return JSONResponse(out, status_code=201)


@router.get("/api/v1/book/{name}/versions", tags=["book"], summary="Every version of a client, oldest first")
async def book_versions(request: Request, name: str) -> Response:
    try:
        return JSONResponse({"versions": [v.to_json(with_text=False) for v in request.app.state.book.versions(name)]})
    except BookError as exc:
        return _book_error(exc)


@router.get("/api/v1/book/{name}/versions/{number}", tags=["book"], summary="One version of a client")
async def book_version(request: Request, name: str, number: int) -> Response:
    try:
        return JSONResponse(request.app.state.book.version(name, number).to_json())
    except BookError as exc:
        return _book_error(exc)


@router.post("/api/v1/book/{name}/versions/{number}/restore", tags=["book"],
             responses={409: {"description": "Stale"}, 404: {"description": "No such version"}},
             summary="Save an old version again as the newest (query base_version: the newest you saw)")
async def book_restore(request: Request, name: str, number: int, base_version: int | None = Query(None)) -> Response:
    try:
        version, problems = request.app.state.book.restore(name, number, base_version)
    except BookError as exc:
        return _book_error(exc)
    out = version.to_json(with_text=False)
    out["issues"] = [p.to_json() for p in problems]
    return JSONResponse(out, status_code=201)


__all__ = ["router", "household_of", "import_zip"]
