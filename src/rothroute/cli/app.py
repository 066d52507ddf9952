"""Click application: ``rothroute compare``, ``evaluate``, ``optimize``, ``scan``, ``schema``, ``serve`` and ``book``.

Click rather than Typer: Typer 0.29 requires pydantic and adds about 150 ms to every start,
which alone would break the 300 ms budget of ``rothroute evaluate`` as a fresh process.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from rothroute.errors import HouseholdFileError, RothrouteError

EXIT_BAD_INPUT = 2


def _fail(lines: list[str]) -> NoReturn:
    sys.stderr.write("\n".join(lines) + "\n")
    raise SystemExit(EXIT_BAD_INPUT)


def _write(option: str, path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail([f"rothroute: {option}: cannot write {path}: {exc.strerror}"])


def _load(path: Path, max_file_size: int | None = None) -> Any:
    from rothroute.household import load_path
    from rothroute.textdoc import LIMITS, Limits

    limits = LIMITS if max_file_size is None else Limits(max_bytes=max_file_size)
    try:
        return load_path(path, limits=limits)
    except HouseholdFileError as exc:
        count = len(exc.problems)
        _fail([f"rothroute: {count} problem{'s' if count != 1 else ''} in {path}:"]
              + [f"  {p}" for p in exc.problems])
    except RothrouteError as exc:
        _fail([f"rothroute: {exc}"])


def _max_file_size(command: Any) -> Any:
    return click.option("--max-file-size", type=click.IntRange(1, 1 << 30), default=None, metavar="BYTES",
                        help="Refuse household files larger than this (default 1 MiB; a household file is a few "
                             "kilobytes).")(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rothroute")
def app() -> None:
    """Plan and price moves between pre-tax, after-tax and Roth money, citing the law."""


@app.command("evaluate")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@_max_file_size
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (the contract's keys).")
@click.option("--explain", is_flag=True, help="Print every line with its inputs and citations.")
@click.option("--ratio-places", type=click.IntRange(3, 12), default=None,
              help="Round Form 8606 line 10 to this many places (the IRS sample uses 3); default: full precision.")
def evaluate(file: Path, as_json: bool, explain: bool, ratio_places: int | None, max_file_size: int | None) -> None:
    """Federal tax of a household-year and its moves, every figure with its source."""
    from rothroute.engine import evaluate as run

    household = _load(file, max_file_size)
    try:
        result = run(household, ratio_places=ratio_places)
    except RothrouteError as exc:
        _fail([f"rothroute: {exc}"])
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), indent=2) + "\n")
        return
    from rothroute.cli.render import render_evaluation

    render_evaluation(result, explain=explain)


@app.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@_max_file_size
@click.option("--goal", default="least-tax-now", show_default=True,
              help="What ranks the strategies first: least-tax-now, most-roth or clean-backdoor (ties go to the "
                   "next of these).")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON (each strategy's moves can be "
                                                      "re-run with `rothroute evaluate`).")
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write a self-contained, printable client report to this file.")
def compare(file: Path, goal: str, as_json: bool, html_path: Path | None, max_file_size: int | None) -> None:
    """Build every strategy the law and the plan allow, price and rank them, and explain the choice."""
    from rothroute.options import OptionError, goal as read_goal, json_text, run_compare

    try:
        read_goal(goal)
    except OptionError as exc:
        _fail([f"rothroute: {exc}"])
    household = _load(file, max_file_size)
    try:
        data = run_compare(household, goal)
    except RothrouteError as exc:
        _fail([f"rothroute: {file}: {exc}"])
    if html_path is not None:
        from rothroute.report.html import render

        _write("--html", html_path, render(data))
    if as_json:
        sys.stdout.write(json_text(data))
        return
    from rothroute.cli.render_compare import render_comparison

    render_comparison(data)
    if html_path is not None:
        sys.stdout.write(f"Report written to {html_path}\n")


@app.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@_max_file_size
@click.option("--years", type=int, required=True, help="Years to plan, 1 to 60, from the file's tax year.")
@click.option("--growth", default="5", show_default=True, help="Yearly return of every account, in percent.")
@click.option("--inflation", default="2.5", show_default=True,
              help="Yearly inflation, in percent: projects tax parameters past the enacted years, and income.")
@click.option("--heirs-rate", default="24", show_default=True, help="Tax rate heirs pay on pretax money left, percent.")
@click.option("--objective", type=click.Choice(["wealth", "spending"]), default="wealth", show_default=True,
              help="wealth: the most after-tax wealth at the end; spending: the most level spending after tax.")
@click.option("--spending", default="0", show_default=True,
              help="Spending a year after tax, in first-year dollars, growing with inflation (objective wealth).")
@click.option("--bequest", default="0", show_default=True,
              help="The least after-tax wealth to leave, in first-year dollars (objective spending).")
@click.option("--cash", default="0", show_default=True,
              help="Dollars in the cash account at the start (bought into the file's taxable accounts when it is them).")
@click.option("--cash-account", default="taxable", show_default=True, type=click.Choice(["taxable", "untaxed"]),
              help="taxable: the file's taxable accounts are the plan's cash account (their sales, gains, dividends "
                   "and interest taxed); untaxed: a cash account growing with no tax, the taxable accounts left as they are.")
@click.option("--survivor-spending", default="60", show_default=True,
              help="After a death (people[].life_expectancy), the survivor's share of the spending need, percent.")
@click.option("--giving", default="0", show_default=True,
              help="Dollars a year given to charity, first-year dollars, growing with inflation: the plan chooses "
                   "how much goes as qualified charitable distributions, the rest is given in cash.")
@click.option("--claiming", type=click.Choice(["file", "optimize"]), default="file", show_default=True,
              help="Social Security claiming ages: as the file gives them, or chosen by the plan (62 to 70, by year) "
                   "jointly with the conversions.")
@click.option("--time-limit", default=60.0, show_default=True,
              help="Seconds the solver may take, every start and round together.")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.option("--svg", "svg_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the charts (balances by bucket, tax by year) to this SVG file.")
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write a self-contained, printable report of the plan to this file.")
def optimize(file: Path, years: int, growth: str, inflation: str, heirs_rate: str, objective: str, spending: str,
             bequest: str, cash: str, cash_account: str, survivor_spending: str, giving: str, claiming: str,
             time_limit: float, as_json: bool, svg_path: Path | None, html_path: Path | None,
             max_file_size: int | None) -> None:
    """Plan each year's Roth conversions for the most after-tax wealth, re-priced by the exact engine."""
    from rothroute.options import OptionError, json_text, optimize_options, run_optimize

    household = _load(file, max_file_size)
    try:
        from rothroute.optimize.horizon import PlanError
        from rothroute.optimize.plan import OptimizeError
    except ImportError as exc:
        _fail([f"rothroute: optimize needs the 'optimize' extra ({exc.name} is not installed): "
               "pip install 'rothroute[optimize]'"])
    try:
        options = optimize_options(years=years, growth=growth, inflation=inflation, heirs_rate=heirs_rate,
                                   objective=objective, spending=spending, bequest=bequest, cash=cash,
                                   time_limit=time_limit, survivor_spending=survivor_spending, giving=giving,
                                   cash_account=cash_account, claiming=claiming)
    except OptionError as exc:
        _fail([f"rothroute: {exc}"])
    try:
        data = run_optimize(household, options)
    except OptimizeError as exc:  # name the option that holds the field at fault
        field = getattr(exc, "field", None)
        text = str(exc).removeprefix(f"{field}: ") if field else str(exc)
        _fail([f"rothroute: {file}: " + (f"--{field.replace('_', '-')}: {text}" if field else text)])
    except (PlanError, ValueError, RothrouteError) as exc:
        _fail([f"rothroute: {file}: {exc}"])
    from rothroute.report.plan_charts import plan_svg
    from rothroute.report.plan_html import render_plan as page

    for option, path, render in (("--svg", svg_path, plan_svg), ("--html", html_path, page)):
        if path is not None:
            _write(option, path, render(data))
    if as_json:
        sys.stdout.write(json_text(data))
        return
    from rothroute.cli.render_plan import render_plan

    render_plan(data)


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless "
                                                                     "--allow-remote).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--db", default=None, help="The client book: a SQLite file or a SQLAlchemy URL (default: book.sqlite "
                                         "in the user's data directory).")
@click.option("--allow-remote", is_flag=True, help="Listen on an address other people can reach (there is no "
                                                   "login yet: anyone who reaches it sees the client book).")
@click.option("--optimize-workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for the optimizer (each solves one plan at a time).")
def serve(host: str, port: int, db: str | None, allow_remote: bool, optimize_workers: int) -> None:
    """Start the web workspace (household editor, compare, optimize, client book) and its JSON API."""
    if not _loopback(host) and not allow_remote:
        _fail([f"rothroute: --host: {host} is not a loopback address; the web app has no login yet, so it listens "
               "only on this machine (127.0.0.1) unless --allow-remote is given"])
    try:
        from rothroute.web.serve import serve as run_server
    except ImportError as exc:
        _fail([f"rothroute: serve needs the 'web' extra ({exc.name} is not installed): pip install 'rothroute[web]'"])
    if not _loopback(host):
        sys.stderr.write("rothroute: WARNING: listening on a non-loopback address with no login: anyone who can reach "
                         f"{host}:{port} can read and change the client book.\n")
    try:
        run_server(host=host, port=port, db=db, optimize_workers=optimize_workers)
    except RothrouteError as exc:
        _fail([f"rothroute: {exc}"])


@app.group()
def book() -> None:
    """The client book of the web workspace: export it to, or import it from, a folder of household files."""


@book.command("export")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--db", default=None, help="The client book (default: the one `rothroute serve` uses).")
def book_export(folder: Path, db: str | None) -> None:
    """Write each client's latest household file (and any draft) into FOLDER."""
    try:
        from rothroute.web.book import Book
    except ImportError as exc:
        _fail([f"rothroute: book needs the 'web' extra ({exc.name} is not installed): pip install 'rothroute[web]'"])
    try:
        written = Book.open(db).export_folder(folder)
    except (OSError, RothrouteError) as exc:
        _fail([f"rothroute: {exc}"])
    sys.stdout.write(f"{len(written)} file{'s' if len(written) != 1 else ''} written to {folder}\n")


@book.command("import")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--db", default=None, help="The client book (default: the one `rothroute serve` uses).")
def book_import(folder: Path, db: str | None) -> None:
    """Save every household file in FOLDER (name.yaml, name.json) as a new version of the client of that name."""
    try:
        from rothroute.web.book import Book
    except ImportError as exc:
        _fail([f"rothroute: book needs the 'web' extra ({exc.name} is not installed): pip install 'rothroute[web]'"])
    try:
        saved = Book.open(db).import_folder(folder)
    except (OSError, RothrouteError) as exc:
        _fail([f"rothroute: {exc}"])
    for line in saved:
        sys.stdout.write(line + "\n")


@app.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The output file: one row per household, sorted by household id (Parquet; CSV with --csv).")
@click.option("--csv", "as_csv", is_flag=True, help="Write the output as CSV (the metadata beside it, .metadata.json).")
@click.option("--errors", "errors", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The errors file (CSV: id, codes, where, message); default: <out stem>.errors.csv beside it.")
@click.option("--goal", default="least-tax-now", show_default=True,
              help="The compare goal: least-tax-now, most-roth or clean-backdoor.")
@click.option("--optimize-years", type=click.IntRange(1, 60), default=None,
              help="Also run the optimizer over this many years for each household (slow: for small books).")
@click.option("--dask", "use_dask", is_flag=True, help="Run on dask.distributed (a LocalCluster unless --scheduler).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="An existing Dask scheduler (implies --dask); its workers must see the output's folder.")
@click.option("--workers", type=click.IntRange(1, 1024), default=None, help="Worker processes (default: the cores).")
@click.option("--partition-rows", type=click.IntRange(1, 10_000_000), default=None,
              help="Households a partition (default 20,000): the unit of work a worker takes and a resume keeps.")
@click.option("--resume", is_flag=True, help="Go on with an interrupted scan of the same inputs and options: "
                                              "the partitions already done are kept.")
@click.option("--exact-only", is_flag=True, help="Price every household with compare itself (no fast path).")
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write an HTML summary: the top opportunities, the flags, charts.")
def scan(inputs: tuple[str, ...], out: Path, as_csv: bool, errors: Path | None, goal: str,
         optimize_years: int | None, use_dask: bool, scheduler: str | None, workers: int | None,
         partition_rows: int | None, resume: bool, exact_only: bool, html_path: Path | None) -> None:
    """Scan a book of households (folders or globs of household files, or book tables: Parquet or CSV,
    docs/book-format.md): each one compared, one row each, sorted by household id."""
    try:
        from rothroute.scan import run as scanning
    except ImportError as exc:
        _fail([f"rothroute: scan needs the 'scan' extra ({getattr(exc, 'name', exc)} is not installed): "
               "pip install 'rothroute[scan]'"])
    from rothroute.cli.render_scan import ScanProgress, render_summary

    opts = scanning.Options(goal=goal, optimize_years=optimize_years,
                            engine="dask" if use_dask or scheduler else "pool", workers=workers, scheduler=scheduler,
                            rows_per_partition=partition_rows or scanning.ROWS_PER_PARTITION, fast=not exact_only,
                            csv=as_csv)
    try:
        paths = scanning.expand(inputs)
        with ScanProgress() as progress:
            summary = scanning.scan(paths, out, errors, opts, resume=resume, progress=progress.update)
    except RothrouteError as exc:
        _fail([f"rothroute: {exc}"])
    except KeyboardInterrupt:
        _fail([f"rothroute: interrupted; the partitions done are kept in {scanning.work_dir(out)}: run the same "
               "command with --resume to finish"])
    render_summary(summary, html_path)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the household file (format 1), for editors and validators."""
    from rothroute.household import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def run() -> None:
    app(prog_name="rothroute")
