"""``rothroute scan`` on the terminal: a Rich progress bar (households done, households a second,
the time left) and the closing summary table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table


class ScanProgress:
    """The progress bar, on standard error (standard output stays for the summary)."""

    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self.bar = Progress(TextColumn("scanning"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]} households/s"), TimeRemainingColumn(),
                            console=self.console, transient=True)
        self.task: Any = None
        self.first: tuple[float, int] | None = None

    def __enter__(self) -> ScanProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.bar.__exit__(*exc)

    def update(self, done: int, total: int, summary: Any) -> None:
        import time

        now = time.monotonic()
        if self.first is None:
            self.first = (now, done)  # households found done by --resume do not count in the rate
        seconds = now - self.first[0]
        rate = f"{(done - self.first[1]) / seconds:,.0f}" if seconds > 0 else "-"
        if self.task is None:
            self.task = self.bar.add_task("scan", total=total, rate=rate)
        self.bar.update(self.task, completed=done, total=total, rate=rate)


def render_summary(summary: Any, html_path: Path | None) -> None:
    from rothroute.scan.summary import FLAGS, read

    console = Console()
    found = read(Path(summary.output), csv=summary.output.lower().endswith(".csv"))
    table = Table(title=f"Scan of {summary.households:,} households in {summary.seconds:,.1f} s "
                        f"({summary.households / max(summary.seconds, 1e-9):,.0f} a second)")
    table.add_column("")
    table.add_column("households", justify="right")
    table.add_row("priced", f"{summary.priced:,}")
    table.add_row("  on the batch kernels (fast path)", f"{summary.fast:,}")
    table.add_row("  by compare itself (exact path)", f"{summary.priced - summary.fast:,}")
    table.add_row("refused", f"{summary.refused:,}")
    table.add_row("failed", f"{summary.failed:,}")
    table.add_row("better than leaving things as they are", f"{found.act:,}")
    for name, label in FLAGS:
        table.add_row(label, f"{found.flags[name]:,}")
    if summary.resumed:
        table.add_row("partitions kept from before (--resume)", f"{summary.resumed:,} of {summary.partitions:,}")
    console.print(table)
    console.print(f"Output: {summary.output}   Errors: {summary.errors}   ("
                  + ", ".join(f"{k} {v:,.1f} s" for k, v in summary.phases.items()) + ")")
    if html_path is not None:
        from rothroute.scan.summary import html

        html_path.write_text(html(found, summary), encoding="utf-8")
        console.print(f"Summary: {html_path}")
