"""Click application: ``rothroute evaluate``, ``rothroute schema``.

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


def _load(path: Path) -> Any:
    from rothroute.household import load_path

    try:
        return load_path(path)
    except HouseholdFileError as exc:
        count = len(exc.problems)
        _fail([f"rothroute: {count} problem{'s' if count != 1 else ''} in {path}:"]
              + [f"  {p}" for p in exc.problems])
    except RothrouteError as exc:
        _fail([f"rothroute: {exc}"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rothroute")
def app() -> None:
    """Plan and price moves between pre-tax, after-tax and Roth money, citing the law."""


@app.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (the contract's keys).")
@click.option("--explain", is_flag=True, help="Print every line with its inputs and citations.")
@click.option("--ratio-places", type=click.IntRange(3, 12), default=None,
              help="Round Form 8606 line 10 to this many places (the IRS sample uses 3); default: full precision.")
def evaluate(file: Path, as_json: bool, explain: bool, ratio_places: int | None) -> None:
    """Federal tax of a household-year and its moves, every figure with its source."""
    from rothroute.result import evaluate as run

    household = _load(file)
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
def schema() -> None:
    """Print the JSON Schema of the household file (format 1), for editors and validators."""
    from rothroute.household import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def run() -> None:
    app(prog_name="rothroute")
