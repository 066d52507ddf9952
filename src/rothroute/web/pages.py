"""The pages: the client book (``/``), the household workspace (``/workspace``, ``/clients/{name}``)
with its editor, compare and optimize, the optimizer's progress page, the downloads, and ``/docs``.

Every page works as plain HTML forms: each button posts the whole form with its ``_action`` and
the page comes back with every value kept. ``static/app.js`` adds checking as you type.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from rothroute.errors import HouseholdFileError, Problem
from rothroute.options import GOALS, OptionError, json_text, optimize_options
from rothroute.report import plan_rows
from rothroute.report.plan_html import claiming_section, year_table
from rothroute.report.text import money
from rothroute.web import forms
from rothroute.web.book import BookError, NotFound, Stale, check_name
from rothroute.web.jobs import QueueFull, compare_work, optimize_work, scan_work
from rothroute.web.reading import household_from_text, load_value, read_document

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
def plan_name(name: str) -> str:
    """A baseline's name in words: ``below_first_irmaa_tier`` -> ``below first IRMAA tier``."""
    return name.replace("_", " ").replace("irmaa", "IRMAA")


templates.env.globals.update(year_table=year_table, claiming_section=claiming_section, plan_name=plan_name, F=forms.FIELDS, forms=forms, money=money, GOALS=GOALS, quote=quote, plan_rows=plan_rows)
OPTION_FIELDS = (("years", "Years", "30", "years to plan, 1 to 60, from the tax year"),
                 ("growth", "Growth, % a year", "5", "yearly return of every account"),
                 ("inflation", "Inflation, % a year", "2.5", "projects tax parameters and income"),
                 ("heirs_rate", "Heirs' tax rate, %", "24", "the rate heirs pay on pretax money left"),
                 ("spending", "Spending, $ a year", "0", "after tax, first-year dollars, growing with inflation"),
                 ("bequest", "Bequest floor, $", "0", "the least to leave (objective: spending)"),
                 ("cash", "Cash at the start, $", "0", "added to the cash account the plan draws on"),
                 ("giving", "Giving, $ a year", "0", "to charity, first-year dollars; by QCD where the law allows"),
                 ("survivor_spending", "Survivor spending, %", "60", "a survivor's spending as a share of the couple's"),
                 ("time_limit", "Time limit, seconds", "60", "the solver's seconds, every start together"))
CHOICE_FIELDS = (("cash_account", "Cash account", (("taxable", "the file's taxable accounts (gains, dividends taxed)"),
                                                   ("untaxed", "a cash account growing untaxed"))),
                 ("claiming", "Social Security claiming", (("file", "at the ages the file gives"),
                                                           ("optimize", "chosen by the plan (62 to 70)"))))
BLANK = {"format": 1, "tax_year": 2026, "filing_status": "single", "people": [{"id": "", "born": ""}]}


def _problems_of(doc: Any) -> list[dict[str, Any]]:
    try:
        load_value(doc, source="<form>")
    except HouseholdFileError as exc:
        return [p.to_json() for p in exc.problems]
    return []


def _household(doc: Any) -> Any:
    return load_value(doc, source="<form>")


def _options(form: Any) -> dict[str, str]:
    out = {key: (form.get(f"_{key}") or default) for key, _, default, _ in OPTION_FIELDS}
    out["objective"] = form.get("_objective") or "wealth"
    out.update({key: form.get(f"_{key}") or choices[0][0] for key, _, choices in CHOICE_FIELDS})
    return out


def render(request: Request, doc: Any, *, problems: list[dict[str, Any]] | None = None, status: int = 200,
           **more: Any) -> HTMLResponse:
    """The workspace page for ``doc``: the editor with each problem beside its input."""
    if problems is None:
        problems = _problems_of(doc)
    typed_extra = more.get("extra")
    if typed_extra and forms.extra_problem(typed_extra):
        problems = [*problems, forms.extra_problem(typed_extra)]
    by_where = forms.where_map(problems)
    names = forms.input_names(doc)
    placed, loose = forms.place(by_where, names, doc)
    problem_list = [(name if name in names else "", _said(p)) for name, found in placed.items() for p in found]
    context = {"problem_list": problem_list,"doc": doc, "problems": placed, "loose": loose, "problem_count": len(problems),
               "extra": more.pop("extra", None) or forms.extra_yaml(doc), "opts": more.pop("opts", None) or
               _options({}),
               "OPTION_FIELDS": OPTION_FIELDS, "CHOICE_FIELDS": CHOICE_FIELDS, "goal": more.pop("goal", GOALS[0]), **more}
    if "client" in context and context["client"] and "versions" not in context:
        try:
            context["versions"] = request.app.state.book.versions(context["client"])
        except BookError:
            context["versions"] = []
    return templates.TemplateResponse(request, "workspace.html", context, status_code=status)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, message: str = "") -> HTMLResponse:
    return templates.TemplateResponse(request, "home.html", {"clients": request.app.state.book.clients(),
                                                             "message": message})


@router.get("/workspace", response_class=HTMLResponse)
async def workspace(request: Request) -> HTMLResponse:
    return render(request, json.loads(json.dumps(BLANK)), problems=[])


@router.post("/workspace/check")
async def check(request: Request) -> JSONResponse:
    """The form's problems as JSON, for checking as you type: ``{name: [message, ...]}`` for each input
    or part of the form."""
    form = await request.form()
    doc = forms.document(form)
    problems = _problems_of(doc)
    placed, loose = forms.place(forms.where_map(problems), forms.input_names(doc), doc)
    return JSONResponse({"count": len(problems), "fields": {k: [_said(p) for p in v] for k, v in placed.items()},
                         "loose": [_said(p) for p in loose]})


def _said(p: dict[str, Any]) -> str:
    return p["message"] + (f" (line {p['line']})" if p.get("line") else "")


@router.post("/workspace", response_class=HTMLResponse)
async def act(request: Request) -> Response:
    """Every button of the workspace: check, add or remove a row, load a file, compare, optimize,
    save to the book, download."""
    form = await request.form()
    action = str(form.get("_action") or "check")
    client, base = str(form.get("_client") or "").strip(), str(form.get("_base") or "")
    keep = {"client": client, "base": base, "opts": _options(form), "goal": str(form.get("_goal") or GOALS[0]),
            "extra": str(form.get("_extra") or "")}
    if action.startswith("remove:"):
        return render(request, forms.document(form, remove=action[7:]), **keep)
    if action.startswith("add:"):
        return render(request, forms.document(form, add=action[4:]), **keep)
    if action == "load_text":
        keep.pop("extra")  # the loaded file brings its own
        return await _load_text(request, form, keep)
    doc = forms.document(form)
    if action == "download_yaml":
        return _attachment(forms.to_yaml(doc), "household.yaml", "application/yaml")
    if action in ("compare", "download_report", "download_compare_json"):
        return await _compare(request, doc, action, keep)
    if action == "optimize":
        return _optimize(request, doc, form, keep)
    if action == "save":
        return _save(request, doc, client, base, keep)
    return render(request, doc, **keep)


async def _load_text(request: Request, form: Any, keep: dict[str, Any]) -> Response:
    upload = form.get("_file")
    text = str(form.get("_text") or "")
    name = "pasted text"
    if upload is not None and hasattr(upload, "read"):
        data = await upload.read()
        if data:
            name = Path(upload.filename or "upload").name
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                return render(request, forms.document(form), paste=text, **keep, loaded=name,
                              problems=[Problem(where="(document)", expected="a UTF-8 text file (YAML or JSON)",
                                                got="undecodable bytes", code="file_unreadable").to_json()])
    doc, read_problems = read_document(text, source=name)
    if doc is None or not isinstance(doc, dict):
        problems = [p.to_json() for p in read_problems] or [Problem(
            where="(document)", expected="a household mapping {format, tax_year, ...}",
            got="nothing" if doc is None else "something else").to_json()]
        return render(request, forms.document(form), problems=problems, paste=text, loaded=name, **keep)
    try:
        household_from_text(text, source=name)
        problems: list[dict[str, Any]] = []
    except HouseholdFileError as exc:
        problems = [p.to_json() for p in exc.problems]
    return render(request, doc, problems=problems, paste=text, loaded=name, **keep)


def _attachment(text: str, filename: str, media: str) -> Response:
    return Response(text, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


async def _compare(request: Request, doc: Any, action: str, keep: dict[str, Any]) -> Response:
    goal = keep["goal"] if keep["goal"] in GOALS else GOALS[0]
    try:
        household = _household(doc)
    except HouseholdFileError as exc:
        return render(request, doc, problems=[p.to_json() for p in exc.problems], status=422,
                      refusal="The household has problems: fix those marked below, then compare again.", **keep)
    try:
        ok, data = await request.app.state.quick.run(compare_work, household, goal)
    except QueueFull as exc:
        return render(request, doc, status=429, refusal=f"The server is busy: try again in {exc.retry_after} s.",
                      **keep)
    if not ok:
        return render(request, doc, status=422, refusal=" ".join(i["message"] for i in data), **keep)
    if action == "download_report":
        from rothroute.report.html import render as report

        return _report(report(data), f"rothroute-report-{data['tax_year']}.html")
    if action == "download_compare_json":
        return _attachment(json_text(data), f"rothroute-compare-{data['tax_year']}.json", "application/json")
    from rothroute.report.charts import buckets_chart, tax_chart
    from rothroute.report.html import pieces

    permitted = [s for s in data["strategies"] if not s["ruled_out"]]
    charts = {"tax": tax_chart(permitted, data["recommended"]),
              "buckets": [(s["title"], buckets_chart(s["name"], s["title"], s["buckets"])) for s in permitted]}
    return render(request, doc, comparison=data, pieces=pieces(data), charts=charts, **keep)


def _report(html: str, filename: str) -> Response:
    """A client report as a download: its own policy (its style is inline; it runs no script)."""
    return Response(html, media_type="text/html", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"})


def _optimize(request: Request, doc: Any, form: Any, keep: dict[str, Any]) -> Response:
    opts = keep["opts"]
    settings = request.app.state.settings
    try:
        household = _household(doc)
    except HouseholdFileError as exc:
        return render(request, doc, problems=[p.to_json() for p in exc.problems], status=422, section="optimize",
                      refusal="The household has problems: fix those marked below, then optimize again.", **keep)
    try:
        years = int(opts["years"]) if opts["years"].strip().isdigit() else opts["years"]
        # every field of the form is an option of ``optimize_options`` by its own name (``_options``)
        options = optimize_options(years=years, max_time_limit=settings.max_time_limit,
                                   **{k: v for k, v in opts.items() if k != "years"})
    except OptionError as exc:
        return render(request, doc, status=422, section="optimize", option_problem=exc.to_json(), **keep)
    try:
        job = request.app.state.jobs.start(optimize_work, (household, options), {"doc": doc, **keep, "extra": None},
                                           options.time_limit)
    except QueueFull as exc:
        return render(request, doc, status=429, section="optimize",
                      refusal=f"Every optimizer is busy: try again in {exc.retry_after} s.", **keep)
    return RedirectResponse(f"/workspace/jobs/{job.id}", status_code=303)


@router.get("/workspace/jobs/{job_id}", response_class=HTMLResponse)
async def job_page(request: Request, job_id: str, poll: int = 0) -> Response:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        return not_found_page(request, "That optimizer run is no longer kept (runs are kept while the server runs).")
    keep = {k: v for k, v in job.payload.items() if k != "doc"}
    if job.state in ("queued", "running"):
        return templates.TemplateResponse(request, "progress.html", {"job": job, "refresh": 1, "poll": poll + 1})
    if job.state == "failed":
        return render(request, job.payload["doc"], section="optimize", status=422,
                      refusal=" ".join(i["message"] for i in job.issues()), **keep)
    from rothroute.report.plan_charts import plan_svg

    plan = job.result()
    return render(request, job.payload["doc"], plan=plan, plan_svg=plan_svg(plan), job=job, section="optimize",
                  **keep)


@router.get("/workspace/jobs/{job_id}/plan.{ext}")
async def job_download(request: Request, job_id: str, ext: str) -> Response:
    job = request.app.state.jobs.get(job_id)
    if job is None or job.state != "done" or ext not in ("html", "json"):
        return not_found_page(request, "That plan is not (or no longer) here.")
    plan = job.result()
    first = plan["years"][0]["year"]
    if ext == "json":
        return _attachment(json_text(plan), f"rothroute-plan-{first}.json", "application/json")
    from rothroute.report.plan_html import render_plan

    return _report(render_plan(plan), f"rothroute-plan-{first}.html")


def _save(request: Request, doc: Any, client: str, base: str, keep: dict[str, Any]) -> Response:
    book = request.app.state.book
    try:
        check_name(client)
    except BookError as exc:
        return render(request, doc, status=422, save_problem=str(exc), **keep)
    based_on = int(base) if base.isdigit() else None
    try:
        version, problems = book.save(client, forms.to_yaml(doc), based_on)
    except Stale as exc:
        return render(request, doc, status=409, conflict=exc, **keep)
    except BookError as exc:
        return render(request, doc, status=422, save_problem=str(exc), **keep)
    note = "draft" if problems else "saved"
    return RedirectResponse(f"/clients/{quote(client)}?{note}={version.number}", status_code=303)


@router.get("/clients/{name}", response_class=HTMLResponse)
async def client_page(request: Request, name: str, saved: int | None = None, draft: int | None = None,
                      restored: int | None = None) -> Response:
    try:
        version = request.app.state.book.version(name)
    except NotFound:
        return not_found_page(request, f"There is no client named \u201c{name}\u201d in the book.")
    return _open(request, name, version, latest=version.number, saved=saved, draft=draft, restored=restored)


@router.get("/clients/{name}/versions/{number}", response_class=HTMLResponse)
async def version_page(request: Request, name: str, number: int) -> Response:
    book = request.app.state.book
    try:
        version = book.version(name, number)
        latest = book.version(name).number
    except NotFound:
        return not_found_page(request, f"\u201c{name}\u201d has no version {number}.")
    return _open(request, name, version, latest=latest, viewing=version)


def _open(request: Request, name: str, version: Any, *, latest: int, **more: Any) -> Response:
    doc, problems = read_document(version.text)
    if doc is None or not isinstance(doc, dict):
        return render(request, json.loads(json.dumps(BLANK)), problems=[p.to_json() for p in problems],
                      paste=version.text, client=name, base=str(latest), version=version, **more)
    try:
        household_from_text(version.text, source=f"{name} v{version.number}")
        found: list[dict[str, Any]] = []
    except HouseholdFileError as exc:
        found = [p.to_json() for p in exc.problems]
    return render(request, doc, problems=found, client=name, base=str(latest), version=version, **more)


@router.post("/clients/{name}/versions/{number}/restore")
async def restore(request: Request, name: str, number: int) -> Response:
    form = await request.form()
    base = str(form.get("_base") or "")
    try:
        version, _ = request.app.state.book.restore(name, number, int(base) if base.isdigit() else None)
    except Stale as exc:
        return templates.TemplateResponse(request, "message.html", {"title": "Not restored", "text": str(exc),
                                                                    "back": f"/clients/{quote(name)}"}, 409)
    except NotFound as exc:
        return not_found_page(request, str(exc))
    return RedirectResponse(f"/clients/{quote(name)}?restored={number}", status_code=303)


@router.get("/book/scan", response_class=HTMLResponse)
async def scan_book(request: Request, goal: str = GOALS[0]) -> Response:
    """Every saved client's latest good version compared (``rothroute scan`` over the book), listed by
    what acting now is worth: the goal's measure against leaving things as they are, then the others."""
    from rothroute.scan.outcome import worth

    goal = goal if goal in GOALS else GOALS[0]
    book = request.app.state.book
    items, unsaved = [], []
    for c in book.clients():
        good = book.last_good(c.name)
        if good is None:
            unsaved.append(c.name)
        else:
            items.append((c.name, good.text))
    try:
        ok, rows = await request.app.state.quick.run(scan_work, items, goal)
    except QueueFull as exc:
        return templates.TemplateResponse(request, "message.html", {
            "title": "Busy", "text": f"The server is busy: try again in {exc.retry_after} s.", "back": "/"},
            status_code=429)
    if not ok:
        return templates.TemplateResponse(request, "message.html", {
            "title": "Not scanned", "text": " ".join(i["message"] for i in rows), "back": "/"}, status_code=422)
    priced = [r for r in rows if r["status"] == "priced"]
    order = sorted(range(len(priced)), key=lambda k: (tuple(-x for x in worth(priced[k], goal)),
                                                      priced[k]["household_id"]))
    act = [priced[k] for k in order if priced[k]["recommended"] != priced[k]["baseline"]]
    stay = [priced[k] for k in order if priced[k]["recommended"] == priced[k]["baseline"]]
    return templates.TemplateResponse(request, "scan.html", {
        "act": act, "stay": stay, "refused": [r for r in rows if r["status"] != "priced"], "unsaved": unsaved,
        "goal": goal, "cents": lambda v: money(v / 100) if v is not None else ""})


@router.get("/book/export.zip")
async def export_book(request: Request) -> Response:
    from rothroute.web.api import book_export

    return await book_export(request)


@router.post("/book/import", response_class=HTMLResponse)
async def import_book(request: Request) -> Response:
    from rothroute.web.api import import_zip

    form = await request.form()
    upload = form.get("_file")
    data = await upload.read() if upload is not None and hasattr(upload, "read") else b""
    lines = import_zip(request.app.state.book, data)
    if isinstance(lines, Response):
        lines = ["That file is not a zip of household files (name.yaml, name.json)."]
    return templates.TemplateResponse(request, "home.html", {"clients": request.app.state.book.clients(),
                                                             "imported": lines or ["No household files found."]})


@router.get("/favicon.ico")
async def favicon() -> Response:
    return Response((Path(__file__).parent / "static" / "favicon.svg").read_bytes(), media_type="image/svg+xml")


@router.get("/report.css")
async def report_css() -> Response:
    """The client report's style, shared by the pages so both look alike."""
    from rothroute.report.html import CSS

    return Response(CSS, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


@router.get("/docs", response_class=HTMLResponse)
async def docs(request: Request) -> HTMLResponse:
    """The API reference, rendered here from the OpenAPI document (nothing loaded from a CDN)."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            body = (op.get("requestBody") or {}).get("content", {})
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "tag": (op.get("tags") or ["other"])[0], "body": ", ".join(body),
                               "params": op.get("parameters", []),
                               "responses": {k: v.get("description", "") for k, v in op.get("responses", {}).items()}})
    order = ["household", "jobs", "book", "service"]
    groups = [(tag, [op for op in operations if op["tag"] == tag])
              for tag in sorted({op["tag"] for op in operations}, key=lambda t: (order + [t]).index(t))]
    return templates.TemplateResponse(request, "docs.html", {"spec": spec, "groups": groups})


def not_found_page(request: Request, text: str = "There is no page at this address.") -> HTMLResponse:
    return templates.TemplateResponse(request, "message.html", {"title": "Not found", "text": text, "back": "/"},
                                      status_code=404)
