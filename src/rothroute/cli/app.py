"""Click application: ``rothroute compare``, ``rothroute evaluate``, ``rothroute schema``.

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
    from rothroute.result import evaluate as run

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


GOALS = ("least-tax-now", "most-roth", "clean-backdoor")


@app.command("compare")
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
    if goal not in GOALS:
        _fail([f"rothroute: --goal: expected one of {', '.join(GOALS)}; got {goal!r}"])
    household = _load(file, max_file_size)
    from rothroute.compare import compare as run

    try:
        result = run(household, goal)
    except RothrouteError as exc:
        _fail([f"rothroute: {file}: {exc}"])
    data = result.to_json()
    if html_path is not None:
        from rothroute.report.html import render

        _write("--html", html_path, render(data))
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
        return
    from rothroute.cli.render_compare import render_comparison

    render_comparison(data)
    if html_path is not None:
        sys.stdout.write(f"Report written to {html_path}\n")


def _rate(text: str, name: str) -> Any:
    from decimal import Decimal, InvalidOperation
    from fractions import Fraction

    try:
        return Fraction(Decimal(text)) / 100
    except (InvalidOperation, ValueError):
        _fail([f"rothroute: --{name}: expected a percentage such as 2.5; got {text!r}"])


def _dollars(text: str, name: str) -> int:
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(text.replace(",", "").lstrip("$"))
    except InvalidOperation:
        _fail([f"rothroute: --{name}: expected a dollar amount such as 60000; got {text!r}"])
    if value < 0 or value != value.quantize(Decimal("0.01")):
        _fail([f"rothroute: --{name}: expected dollars of 0 or more, to the cent; got {text!r}"])
    return int(value * 100)


@app.command("optimize")
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
@click.option("--cash", default="0", show_default=True, help="Dollars in a cash (taxable) account at the start.")
@click.option("--time-limit", default=60.0, show_default=True,
              help="Seconds the solver may take, every start and round together.")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.option("--svg", "svg_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the charts (balances by bucket, tax by year) to this SVG file.")
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write a self-contained, printable report of the plan to this file.")
def optimize(file: Path, years: int, growth: str, inflation: str, heirs_rate: str, objective: str, spending: str,
             bequest: str, cash: str, time_limit: float, as_json: bool, svg_path: Path | None,
             html_path: Path | None, max_file_size: int | None) -> None:
    """Plan each year's Roth conversions for the most after-tax wealth, re-priced by the exact engine."""
    household = _load(file, max_file_size)
    try:
        from rothroute.optimize.horizon import Assumptions, PlanError
        from rothroute.optimize.plan import OptimizeError, optimize as run
    except ImportError as exc:
        _fail([f"rothroute: optimize needs the 'optimize' extra ({exc.name} is not installed): "
               "pip install 'rothroute[optimize]'"])
    a = Assumptions(growth=_rate(growth, "growth"), inflation=_rate(inflation, "inflation"),
                    heirs_rate=_rate(heirs_rate, "heirs-rate"), spending=_dollars(spending, "spending"),
                    cash=_dollars(cash, "cash"))
    try:
        result = run(household, years, a, time_limit=time_limit, objective=objective,
                     bequest=_dollars(bequest, "bequest"))
    except OptimizeError as exc:  # name the option that holds the field at fault
        field = getattr(exc, "field", None)
        text = str(exc).removeprefix(f"{field}: ") if field else str(exc)
        _fail([f"rothroute: {file}: " + (f"--{field.replace('_', '-')}: {text}" if field else text)])
    except (PlanError, ValueError, RothrouteError) as exc:
        _fail([f"rothroute: {file}: {exc}"])
    data = result.to_json()
    from rothroute.report.plan_charts import plan_svg
    from rothroute.report.plan_html import render_plan as page

    for option, path, render in (("--svg", svg_path, plan_svg), ("--html", html_path, page)):
        if path is not None:
            _write(option, path, render(data))
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
        return
    from rothroute.cli.render_plan import render_plan

    render_plan(data)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the household file (format 1), for editors and validators."""
    from rothroute.household import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def run() -> None:
    app(prog_name="rothroute")
