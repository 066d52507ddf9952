"""Typer application: ``rothroute evaluate``, ``rothroute schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from rothroute.errors import HouseholdFileError, RothrouteError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Plan and price moves between pre-tax, after-tax and Roth money, citing the law.")

EXIT_BAD_INPUT = 2


def _fail(lines: list[str]) -> None:
    sys.stderr.write("\n".join(lines) + "\n")
    raise typer.Exit(EXIT_BAD_INPUT)


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


@app.command()
def evaluate(
    file: Annotated[Path, typer.Argument(help="household file (YAML or JSON)")],
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON (the contract's keys)")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="print every line with its inputs and citations")] = False,
) -> None:
    """Federal tax of a household-year, every figure with its source."""
    from rothroute.result import evaluate as run

    household = _load(file)
    try:
        result = run(household)
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
    app()
