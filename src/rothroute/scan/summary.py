"""What a scan found, read back from its output in one pass (bounded memory): the counts, the
recommended strategies, the reviewer's flags, and the top opportunities by what acting is worth;
and the HTML summary (``--html``), self-contained, its charts inline SVG in the client report's
style (``rothroute.report``).
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from rothroute.report.charts import _num
from rothroute.report.html import CSS
from rothroute.report.text import money
from rothroute.compare import TIE_BREAKS, Goal
from rothroute.scan.outcome import MEASURES, worth

FLAGS = (("after_tax_to_roth_tax_free", "after-tax money to a Roth IRA tax-free"),
         ("backdoor_pro_rata", "backdoor Roth taxed by the pro-rata rule"),
         ("roll_in_clears_pro_rata", "a roll-in clears the pro-rata rule"),
         ("rmd_due", "an RMD due this year"),
         ("crosses_irmaa_tier", "the recommended move crosses an IRMAA tier"))
TOP = 25


@dataclass(slots=True)
class Found:
    goal: str = "least-tax-now"
    status: Counter = field(default_factory=Counter)
    paths: Counter = field(default_factory=Counter)
    recommended: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    codes: Counter = field(default_factory=Counter)
    act: int = 0  # households whose recommended strategy is not leaving things as they are
    roth: int = 0  # cents of Roth money the recommended strategies gain
    cost: int = 0  # cents of tax they cost
    top: list[tuple[Any, ...]] = field(default_factory=list)


def worth_key(row: dict[str, Any], goal: str) -> tuple[int, ...]:
    """``outcome.worth`` of a row read back from the output (money in dollars)."""
    return worth({k: int(Decimal(str(row[k] or 0)) * 100) for k in
                  ("tax_saved_vs_baseline", "roth_vs_baseline", "pretax_iras_cleared_vs_baseline")}, goal)


def _set(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() == "true" or (value not in ("", "false") and Decimal(value) != 0)
    return bool(value)


def _cents(column: Any) -> np.ndarray:
    """A money column as int64 cents (an empty cell 0): decimal columns in Arrow, others cell by cell."""
    if pa.types.is_decimal(column.type):
        hundred = pc.multiply(pc.fill_null(column, 0), pa.scalar(Decimal(100), pa.decimal128(5, 0)))
        return np.asarray(pc.cast(hundred, pa.int64()), dtype=np.int64)
    return np.array([int(Decimal(str(v or 0)) * 100) for v in column.to_pylist()], dtype=np.int64)


def _flagged(column: Any) -> int:
    """How many cells of a flag column are set (true, or money other than 0)."""
    if pa.types.is_boolean(column.type):
        return int(pc.sum(pc.fill_null(column, False)).as_py() or 0)
    if pa.types.is_decimal(column.type) or pa.types.is_integer(column.type) or pa.types.is_floating(column.type):
        return int(np.count_nonzero(_cents(column)))
    return sum(_set(v) for v in column.to_pylist() if v is not None)


def _counts(column: Any) -> Counter:
    return Counter({x["values"]: x["counts"] for x in pc.value_counts(column).to_pylist()})


def read(path: Path, csv: bool = False) -> Found:
    """One pass over the output, a batch at a time, in Arrow's column functions: only the top
    opportunities of each batch become Python rows."""
    f = Found()
    if csv:
        batches = pacsv.open_csv(path)
        meta = {}
    else:
        pf = pq.ParquetFile(path)
        meta = {k.decode(): v.decode() for k, v in (pf.schema_arrow.metadata or {}).items()}
        batches = pf.iter_batches(batch_size=65_536)
    f.goal = meta.get("rothroute.scan.goal", "least-tax-now")
    n = 0  # rows before this batch
    for batch in batches:
        t = pa.Table.from_batches([batch])
        priced = pc.fill_null(pc.equal(t.column("status"), "priced"), False)
        f.status.update(_counts(t.column("status")))
        for codes in t.filter(pc.invert(priced)).column("codes").to_pylist():
            for code in (codes or "").split(";"):
                if code:
                    f.codes[code] += 1
        p = t.filter(priced)
        if p.num_rows:
            goals = [g for g in p.column("goal").unique().to_pylist() if g]
            f.goal = goals[-1] if goals else f.goal
            f.paths.update(_counts(p.column("path")))
            f.recommended.update(_counts(p.column("recommended")))
            for name, _ in FLAGS:
                f.flags[name] += _flagged(p.column(name))
        acting = pc.and_(priced, pc.fill_null(pc.not_equal(t.column("recommended"), t.column("baseline")), True))
        a = t.filter(acting)
        if not a.num_rows:
            n += t.num_rows
            continue
        f.act += a.num_rows
        f.roth += int(_cents(a.column("roth_gained")).sum())
        f.cost += int(_cents(a.column("cost")).sum())
        place = np.flatnonzero(np.asarray(acting)) + n  # each row's place in the output, 0-based
        keys = worth_columns({k: _cents(a.column(k)) for k in
                              ("tax_saved_vs_baseline", "roth_vs_baseline", "pretax_iras_cleared_vs_baseline")},
                             f.goal)
        best = np.lexsort((place, *(-k for k in reversed(keys))))[:TOP]  # the batch's best, earlier first
        rows = a.take(pa.array(best)).to_pylist()
        for i, row in zip(best, rows):
            item = (tuple(int(k[i]) for k in keys), -int(place[i] + 1), row["household_id"], row["recommended"],
                    row["value_measure"], str(row["value"]), str(row["cost"]), str(row["roth_gained"]))
            if len(f.top) < TOP:
                heapq.heappush(f.top, item)
            else:
                heapq.heappushpop(f.top, item)
        n += t.num_rows
    f.top.sort(reverse=True)
    return f


def worth_columns(cents: dict[str, np.ndarray], goal: str) -> list[np.ndarray]:
    """``outcome.worth`` over columns: the measures against leaving things as they are, in the goal's
    order (cents; larger is better)."""
    return [cents[f"{MEASURES[g]}_vs_baseline"] for g in TIE_BREAKS[Goal(goal)]]


def _bars(title: str, items: list[tuple[str, int]], unit: str = "") -> str:
    width, label_w, value_w, row, bar_h, top = 760, 340, 110, 30, 18, 8
    plot = width - label_w - value_w
    vmax = max((v for _, v in items), default=0) or 1
    height = top + row * len(items) + 8
    out = [f'<svg class="chart" data-kind="{escape(title)}" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="{escape(title)}">',
           f'<line class="axis" x1="{label_w}" y1="{top - 4}" x2="{label_w}" y2="{height - 4}"/>']
    for i, (label, value) in enumerate(items):
        y = top + i * row + (row - bar_h) / 2
        w = value / vmax * plot
        out.append(f'<text class="name" x="{label_w - 10}" y="{_num(y + bar_h - 4)}" text-anchor="end">'
                   f'{escape(label)}</text>')
        out.append(f'<rect class="bar" data-value="{value}" x="{label_w}" y="{_num(y)}" width="{_num(w)}" '
                   f'height="{bar_h}"/>')
        out.append(f'<text class="value" x="{_num(label_w + w + 8)}" y="{_num(y + bar_h - 4)}">'
                   f'{value:,}{unit}</text>')
    out.append("</svg>")
    return "\n".join(out)


def html(f: Found, summary: Any) -> str:
    """The HTML summary of a scan: the counts, the top opportunities, the flags and the strategies."""
    head = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>rothroute scan</title>"
            f"<style>{CSS}</style></head><body><main>")
    total = sum(f.status.values())
    parts = [head, "<h1>Book scan</h1>",
             f"<p>{total:,} households: {f.status['priced']:,} priced ({f.paths['fast']:,} on the batch kernels, "
             f"{f.paths['exact']:,} by compare itself), {f.status['refused']:,} refused, {f.status['failed']:,} "
             f"failed. Goal: {escape(f.goal)}. {f.act:,} households have a better move than leaving things as "
             f"they are: {money(f.roth / 100)} more in Roth accounts for {money(f.cost / 100)} of tax this year."
             "</p>",
             f"<p class='muted'>rothroute {escape(summary.metadata.get('rothroute.version', ''))}, parameters for "
             f"{escape(summary.metadata.get('rothroute.parameters.years', ''))}, law as of "
             f"{escape(summary.metadata.get('rothroute.law_as_of', ''))}.</p>",
             "<h2>Top opportunities</h2>", "<table><thead><tr><th>household</th><th>recommended</th>"
             "<th>worth it on</th><th class='num'>by</th><th class='num'>tax now</th><th class='num'>Roth +</th>"
             "</tr></thead><tbody>"]
    for _, _, hid, rec, measure, value, cost, roth in f.top:
        parts.append(f"<tr><td>{escape(hid)}</td><td>{escape(rec)}</td><td>{escape(measure or '')}</td>"
                     f"<td class='num'>{money(float(value))}</td><td class='num'>{money(float(cost))}</td>"
                     f"<td class='num'>{money(float(roth))}</td></tr>")
    parts.append("</tbody></table>")
    parts += ["<h2>Flags</h2>", _bars("households with each flag", [(label, f.flags[name]) for name, label in FLAGS])]
    parts += ["<h2>Recommended strategies</h2>", _bars("households by recommended strategy",
                                                       f.recommended.most_common(12))]
    if f.codes:
        parts += ["<h2>Not priced, by code</h2>", _bars("households not priced by issue code",
                                                         f.codes.most_common(12))]
    parts.append("</main></body></html>")
    return "\n".join(parts)
