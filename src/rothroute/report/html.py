"""The client-ready report of a comparison: one self-contained, printable HTML page (issue #4).

``render(compare(household).to_json())`` returns the page. It needs nothing from the network: the
style is inline, the charts are SVG drawn here, and a Content-Security-Policy forbids fetching.
Elements carry stable ids and ``data-*`` attributes so a test can read the page without
depending on its layout.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from rothroute.report.charts import BUCKETS, COLORS, buckets_chart, tax_chart
from rothroute.report.text import cite_detail, cite_url, money, short_cite

__all__ = ["pieces", "render"]

FORM_8606_LINES = {
    "1": "Nondeductible contributions for the year", "2": "Basis in traditional IRAs from earlier years",
    "3": "Lines 1 plus 2", "4": "Line 1 contributions made in the next year before the due date",
    "5": "Line 3 less line 4", "6": "Value of all traditional, SEP and SIMPLE IRAs on December 31",
    "7": "Distributions not converted or rolled over", "8": "Net amount converted to Roth IRAs",
    "9": "Lines 6, 7 and 8", "10": "Nontaxable share (line 5 / line 9)",
    "11": "Nontaxable part of the conversion", "12": "Nontaxable part of the distributions",
    "13": "Lines 11 plus 12", "14": "Basis carried to next year",
    "15a": "Taxable distributions", "15c": "Taxable distributions after exceptions",
    "16": "Amount converted to Roth IRAs", "17": "Basis in the amount converted",
    "18": "Taxable amount of the conversion",
}
BOXES_1099R = (("box1", "Box 1 gross"), ("box2a", "Box 2a taxable"), ("box4", "Box 4 withheld"),
               ("box5", "Box 5 after-tax / Roth basis"), ("box10", "Box 10 IRR within 5 years"))

CSS = """
:root{--ink:#1d2731;--muted:#5a6772;--rule:#d8dde2;--soft:#f4f6f8;--accent:#1f4e79;--good:#2e7d5b;--hi:#eef6f1;--warn:#8a5a00}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.5 "Helvetica Neue",Helvetica,Arial,"Liberation Sans",sans-serif;
 font-variant-numeric:tabular-nums}
main{max-width:980px;margin:0 auto;padding:40px 32px 64px}
h1,h2,h3{font-family:Georgia,"DejaVu Serif",serif;font-weight:normal;line-height:1.25;margin:0}
h1{font-size:30px}h2{font-size:21px;margin:40px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--accent)}
h3{font-size:17px;margin-bottom:6px}h4{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:16px 0 4px}
header p,.muted{color:var(--muted)}header{border-bottom:1px solid var(--rule);padding-bottom:14px}
.lede{font-size:17px;margin:16px 0}
.figures{display:flex;gap:14px;margin:18px 0 0;flex-wrap:wrap}
.figure{flex:1 1 200px;border:1px solid var(--rule);border-top:3px solid var(--good);padding:10px 14px;background:var(--soft)}
.figure .k{display:block;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.figure .v{display:block;font-size:24px;font-family:Georgia,"DejaVu Serif",serif}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--rule)}
th{font-size:11.5px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;border-bottom:1.5px solid var(--ink)}
td.n,th.n{text-align:right}td.n{white-space:nowrap}th.title{min-width:210px}
#comparison th{vertical-align:bottom}
tr.recommended td{background:var(--hi)}tr.recommended td:first-child{box-shadow:inset 4px 0 0 var(--good)}
tr.ruled-out td{color:var(--muted)}
.badge{display:inline-block;font-size:11px;padding:1px 7px;border-radius:9px;border:1px solid currentColor;white-space:nowrap}
.badge.rec{color:var(--good);font-weight:600}.badge.out{color:var(--warn)}
.scroll{overflow-x:auto}.cites{font-size:12px;color:var(--muted)}a{color:var(--accent)}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:18px}
figure{margin:0;border:1px solid var(--rule);padding:12px;break-inside:avoid}
figcaption{font-size:13px;margin-bottom:6px}
svg.chart{display:block;width:100%;height:auto}
svg text{font:11px "Helvetica Neue",Helvetica,Arial,"Liberation Sans",sans-serif;fill:var(--ink)}
svg text.value{font-weight:600}svg text.tick{fill:var(--muted);font-size:11px}svg text.group{font-size:13px}
svg[data-kind=buckets] text.value{font-size:12.5px}svg text.name.recommended{font-weight:600;fill:var(--good)}
svg .axis{stroke:#9aa5ae;stroke-width:1}svg rect.bar.before{fill-opacity:.38}
svg[data-kind=tax-cost] rect.bar{fill:#8696a5}svg[data-kind=tax-cost] rect.bar.recommended{fill:var(--good)}
.legend{font-size:12px;color:var(--muted);margin:4px 0 10px}
.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;vertical-align:-1px}
section.strategy{border:1px solid var(--rule);padding:16px 18px;margin:14px 0;break-inside:avoid-page}
section.strategy.recommended{border-left:4px solid var(--good)}section.strategy.ruled-out{background:var(--soft)}
ul.traps li{margin:3px 0}ul.traps li::marker{color:var(--warn)}
.reason{color:var(--warn)}p.warn{color:var(--warn);border-left:3px solid var(--warn);padding:6px 10px;background:#fdf7ec}table.f8606{margin-bottom:10px}table.f8606 tr>:first-child{width:90px}table.f8606 tr>.n{width:130px}
ul.authorities{columns:2;column-gap:32px;font-size:13px;padding-left:18px;margin:0}ul.authorities li{break-inside:avoid;margin:2px 0}
.detail{display:block;color:var(--muted);font-size:11.5px}
footer{margin-top:40px;font-size:12px;color:var(--muted)}
@page{size:letter;margin:16mm 14mm}
@media print{body{font-size:10.5pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
 main{max-width:none;padding:0}h2{margin-top:22px;break-after:avoid}table,figure,.figures{break-inside:avoid}
 tr{break-inside:avoid}a{color:inherit;text-decoration:none}table{font-size:8.5pt}th{font-size:7pt}
 th,td{padding:4px 5px}th.title{min-width:0;width:26%}.scroll{overflow:visible}.charts{gap:10px}
 ul.authorities a[href]::after{content:" <" attr(href) ">";font-size:8pt;color:var(--muted);word-break:break-all}}
"""


def _e(value: Any) -> str:
    return escape(str(value))


def _cite(cite: str) -> str:
    url, text = cite_url(cite), short_cite(cite)
    title = f' title="{_e(cite)}"' if text != cite else ""
    return f'<a href="{_e(url)}"{title}>{_e(text)}</a>' if url else f"<span{title}>{_e(text)}</span>"


def _cites(cites: list[str]) -> str:
    shown = {(short_cite(c), cite_url(c)): c for c in reversed(cites)}  # once each, in the order given
    return f'<span class="cites">{"; ".join(_cite(c) for c in reversed(shown.values()))}</span>' if cites else ""


def _ul(items: list[str], cls: str = "") -> str:
    return f'<ul class="{cls}">' + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>" if items else ""


def _backdoor_taxable(s: dict[str, Any]) -> float:
    people = (s.get("backdoor") or {}).get("next_year") or {}
    return round(sum(float(p.get("taxable", 0)) for p in people.values()), 2)


def _num(value: Any) -> str:  # the value as JSON would write it, for data-value
    return _e(value)


def _money_cell(value: Any, col: str) -> str:
    return f'<td class="n" data-col="{col}" data-value="{_num(value)}">{_e(money(value))}</td>'


def _head(c: dict[str, Any]) -> str:
    year = c["tax_year"]
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
            f"<title>Retirement money: strategies compared, tax year {_e(year)}</title><style>{CSS}</style></head>"
            f'<body><main><header><h1>Retirement money: strategies compared</h1>'
            f'<p>Tax year <span id="tax-year">{_e(year)}</span> &middot; goal: {_e(c["goal_text"])}'
            f' &middot; {_e(_taxes(c))}</p></header>')


def _taxes(c: dict[str, Any]) -> str:
    name = c.get("state_name")
    return f"federal and {name} income tax" if name else "federal income tax only"


def _summary(c: dict[str, Any], rec: dict[str, Any]) -> str:
    figures = [("cost", "Tax cost this year", rec["cost_of_moves"]), ("roth-gained", "Added to Roth accounts",
               rec["roth_gained"]), ("pretax-left", "Pretax money left", rec["pretax_left"])]
    cards = "".join(f'<div class="figure"><span class="k">{k}</span><span class="v" id="recommended-{i}" '
                    f'data-value="{_num(v)}">{_e(money(v))}</span></div>' for i, k, v in figures)
    return (f'<section id="summary"><h2>Summary</h2><p class="lede">We recommend: <strong id="recommended-title" '
            f'data-strategy="{_e(rec["name"])}">{_e(rec["title"])}</strong>.</p><p id="why">{_e(c["why"])}</p>'
            f'<div class="figures">{cards}</div></section>')


def _ptc(c: dict[str, Any]) -> int:
    """1 when the household has Marketplace coverage (the strategies carry the credit they lose), else 0."""
    return int(any(s.get("premium_tax_credit_lost") is not None for s in c["strategies"] if not s["ruled_out"]))


def _table(c: dict[str, Any]) -> str:
    rows, rank = [], 0
    for s in c["strategies"]:
        out = s["ruled_out"]
        status = "recommended" if s["name"] == c["recommended"] else "ruled-out" if out else "permitted"
        state = bool(c.get("state"))
        lost = _ptc(c)
        if out:
            cells = (f'<td colspan="{(9 if state else 7) + lost}"><span class="badge out">ruled out</span> <span class="reason">'
                     f'{_e(out["reason"])}</span> {_cites(out["cites"])}</td>')
            rank_cell = "&ndash;"
        else:
            rank += 1
            rank_cell = str(rank)
            tier = f'{"none" if not s["irmaa_tier"] else "tier " + str(s["irmaa_tier"])} ({s["irmaa_year"]})'
            badge = '<span class="badge rec">recommended</span>' if status == "recommended" else "permitted"
            split = (_money_cell(s["federal_cost"], "federal-cost") + _money_cell(s["state_cost"], "state-cost")
                     if state else "")
            if lost:
                split += _money_cell(s["premium_tax_credit_lost"], "premium-tax-credit-lost")
            cells = (_money_cell(s["cost_of_moves"], "cost") + split + _money_cell(s["additional_tax"], "additional-tax")
                     + f'<td class="n" data-col="irmaa" data-value="{s["irmaa_tier"]}">{_e(tier)}</td>'
                     + _money_cell(s["roth_gained"], "roth-gained") + _money_cell(s["pretax_left"], "pretax-left")
                     + _money_cell(_backdoor_taxable(s), "backdoor-taxable") + f"<td>{badge}</td>")
        rows.append(f'<tr class="{status}" data-strategy="{_e(s["name"])}" data-status="{status}"><td>{rank_cell}</td>'
                    f'<td><a href="#strategy-{_e(s["name"])}">{_e(s["title"])}</a></td>{cells}</tr>')
    split = "<th class=n>Federal</th><th class=n>State</th>" if c.get("state") else ""
    if _ptc(c):
        split += "<th class=n>Premium tax credit lost (in the cost)</th>"
    head = ("<tr><th>#</th><th class=title>Strategy</th><th class=n>Tax cost this year</th>" + split + "<th class=n>Additional"
            " tax</th><th class=n>IRMAA tier (year)</th><th class=n>Roth gained</th><th class=n>Pretax left</th>"
            "<th class=n>Next year&rsquo;s backdoor: taxable</th><th>Status</th></tr>")
    return (f'<section id="comparison"><h2>The strategies compared</h2><div class="scroll"><table>'
            f'<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div><p class="muted">Tax cost: the '
            + _e(_taxes(c).removesuffix(" only")) + " this year with the strategy&rsquo;s moves less the tax without "
            "them" + (" (federal and state shown apart)" if c.get("state") else "") + ". Additional tax: the 10% "
            "tax on early distributions and other additional taxes. IRMAA: the Medicare premium surcharge tier this "
            "year&rsquo;s income sets, for the year shown.</p></section>")


def _charts(c: dict[str, Any], permitted: list[dict[str, Any]]) -> str:
    legend = "".join(f'<i style="background:{COLORS[key]}"></i>{label}' for key, label in BUCKETS)
    figs = "".join(f'<figure><figcaption>{_e(s["title"])}</figcaption>'
                   f'{buckets_chart(s["name"], s["title"], s["buckets"])}</figure>' for s in permitted)
    return (f'<section id="charts"><h2>Tax cost this year</h2><figure>{tax_chart(permitted, c["recommended"])}</figure>'
            f'<h2>Where the money is, before and after</h2><p class="legend">{legend} &middot; light bar: before, '
            f'solid bar: after the moves</p><div class="charts">{figs}</div></section>')


def _paperwork(s: dict[str, Any]) -> str:
    pw = s.get("paperwork") or {}
    parts = []
    if pw.get("requests"):
        parts.append("<h4>What to do</h4><ol>" + "".join(f"<li>{_e(r)}</li>" for r in pw["requests"]) + "</ol>")
    forms = pw.get("forms_1099r") or []
    head = "".join(f'<th class="n">{label}</th>' for _, label in BOXES_1099R)
    rows = "".join(f'<tr data-move="{f.get("move")}"><td>{_e(f.get("from"))}</td>'
                   + "".join(f'<td class="n">{_e("" if f.get(k) is None else money(f[k]))}</td>'
                             for k, _ in BOXES_1099R)
                   + f'<td>{_e(f.get("box11") or "")}</td><td>{_e(", ".join(f.get("codes") or []))}</td></tr>'
                   for f in forms)
    parts.append("<h4>Forms 1099-R to expect</h4>" + (
        f'<table class="f1099r"><thead><tr><th>From</th>{head}<th>Box 11 first Roth year</th><th>Box 7 codes</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>" if forms else '<p class="muted">None.</p>'))
    f8606 = pw.get("form_8606") or {}
    parts.append("<h4>Form 8606</h4>" + ("".join(
        f'<table class="f8606" data-person="{_e(pid)}"><thead><tr><th>{_e(pid)}: line</th><th></th>'
        f'<th class="n">Amount</th></tr></thead><tbody>'
        + "".join(f'<tr><td>{_e(k)}</td><td>{_e(FORM_8606_LINES.get(k, ""))}</td><td class="n">{_e(money(v))}</td></tr>'
                  for k, v in lines.items()) + "</tbody></table>" for pid, lines in f8606.items())
        or '<p class="muted">No Form 8606 lines to fill in: every line is zero.</p>'))
    return "".join(parts)


def _clocks(s: dict[str, Any]) -> str:
    clocks = s.get("five_year_clocks") or {}
    items = [f"{_e(pid)}&rsquo;s Roth IRA five-year clock: from {_e(v['start'])}"
             + (" (qualified)" if v.get("qualified") else "")
             for pid, v in (clocks.get("roth_ira") or {}).items() if v.get("start")]
    items += [f"{_e(acct)} designated Roth five-year clock: from {year}"
              for acct, year in (clocks.get("designated_roth") or {}).items() if year]
    return "<h4>Five-year clocks</h4><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def _strategy(s: dict[str, Any], rank: str, recommended: str) -> str:
    out = s["ruled_out"]
    status = "recommended" if s["name"] == recommended else "ruled-out" if out else "permitted"
    badge = ('<span class="badge rec">recommended</span>' if status == "recommended"
             else '<span class="badge out">ruled out</span>' if out else "")
    body = [f'<p>{_e(s["how"])}</p>']
    if out:
        body.append(f'<p class="reason">Ruled out: {_e(out["reason"])} {_cites(out["cites"])}</p>')
    else:
        body.append(_paperwork(s) + _clocks(s))
        if s.get("delay_past_december_31_cost") is not None:
            body.append(f'<p class="reason">If the moves slip past December 31: '
                        f'{_e(money(s["delay_past_december_31_cost"]))} more tax.</p>')
    if s.get("traps"):
        body.append("<h4>Traps</h4>" + _ul(s["traps"], "traps"))
    if s.get("law_watch"):
        body.append(_law_watch(s))
    if s.get("cites"):
        body.append(f"<h4>Authorities</h4><p>{_cites(s['cites'])}</p>")
    return (f'<section class="strategy {status}" id="strategy-{_e(s["name"])}" data-strategy="{_e(s["name"])}" '
            f'data-status="{status}"><h3>{rank}{_e(s["title"])} {badge}</h3>{"".join(body)}</section>')


def _law_cites(s: dict[str, Any]) -> list[str]:
    """The citations of a strategy's law status: its rules', then their proposals'."""
    rules = s.get("law_status") or []
    return [c for r in rules for c in r["cites"]] + [c for r in rules for p in r["proposals"] for c in p["cites"]]


def _law_watch(s: dict[str, Any]) -> str:
    """The law-watch line, then the law behind it (each rule's enacting law and date, each proposal
    and its fate, with their authorities) folded under it."""
    rules = s.get("law_status") or []
    rows = "".join(f'<tr><td>{_e(r["rule"])}</td><td>{_e(r["enacted_by"])}</td>'
                   f'<td>{_e(r["effective"] or "not verified")}</td><td>{_cites(r["cites"])}</td></tr>' for r in rules)
    seen: dict[str, dict[str, Any]] = {}
    for r in rules:
        for p in r["proposals"]:
            seen.setdefault(p["name"], p)
    proposals = "".join(f'<li><strong>{_e(p["name"])}</strong> would {_e(p["would"])}. {_e(p["fate"])}. '
                        f'{_cites(p["cites"])}</li>' for p in seen.values())
    return (f'<h4>Law watch</h4><p class="law-watch">{_e(s["law_watch"])}</p>'
            f'<details class="law-detail"><summary>The law behind it</summary>'
            f'<table><thead><tr><th>Rule relied on</th><th>Enacted by</th><th>In force from</th><th>Authority</th>'
            f'</tr></thead><tbody>{rows}</tbody></table>'
            + (f'<p>Proposals that would have changed it:</p><ul>{proposals}</ul>' if proposals else "")
            + f'<p class="law-cites">{_cites(_law_cites(s))}</p></details>')


def _trail(rec: dict[str, Any]) -> str:
    rows = []
    for line in (rec.get("result") or {}).get("lines", []):
        value = line["value"]
        shown = str(value) if line["key"].endswith(".tier") else money(value)
        form_line = line["key"].rpartition(".f8606.")[2] if ".f8606." in line["key"] else ""
        label = line["label"] + (f": {FORM_8606_LINES[form_line].lower()}" if form_line in FORM_8606_LINES else "")
        rows.append(f'<tr data-key="{_e(line["key"])}"><td>{_e(label)}</td>'
                    f'<td class="n" data-value="{_num(value)}">{_e(shown)}</td><td>{_cites(line["cites"])}</td></tr>')
    return (f'<section id="trail"><h2>How the recommended strategy is priced</h2><p class="muted">Every line of the '
            f'federal computation for &ldquo;{_e(rec["title"])}&rdquo;, with the law and the form line behind it.</p>'
            f'<table><thead><tr><th>Line</th><th class="n">Value</th><th>Authority</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


AUTHORITY_GROUPS = (("Internal Revenue Code (26 U.S.C.)", r"^IRC"), ("Other statutes", r"^(\d+ U\.S\.C\.|P\.L\.)"),
                    ("Regulations", r"^(Treas\. Reg\.|\d+ CFR)"), ("IRS guidance", r"^(IRS )?(Notice|Rev\. Proc\.)"),
                    ("Forms, instructions and publications", r"^(Form|Schedule|Pub|IRS Pub|Qualified Dividends)"),
                    ("Other sources", r""))


def _natural(text: str) -> list[Any]:
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", short_cite(text))]


def _all_cites(c: dict[str, Any], rec: dict[str, Any]) -> list[str]:
    found: dict[str, None] = {}
    for s in c["strategies"]:
        for cite in s["cites"] + ((s["ruled_out"] or {}).get("cites") or []) + _law_cites(s):
            found.setdefault(cite)
    result = rec.get("result") or {}
    for item in result.get("lines", []) + result.get("issues", []):
        for cite in item.get("cites", []):
            found.setdefault(cite)
    return list(found)


def _end(c: dict[str, Any], rec: dict[str, Any]) -> str:
    groups: dict[str, list[str]] = {}
    for cite in _all_cites(c, rec):
        group = next(name for name, pattern in AUTHORITY_GROUPS if re.match(pattern, cite))
        groups.setdefault(group, []).append(cite)
    items = "".join(f"<h4>{name}</h4><ul class=\"authorities\">" + "".join(
        f"<li>{_cite(x)}" + (f'<span class="detail">{_e(d)}</span>' if (d := cite_detail(x)) else "") + "</li>"
        for x in sorted(groups[name], key=_natural)) + "</ul>" for name, _ in AUTHORITY_GROUPS if name in groups)
    issues = [i["message"] for i in (rec.get("result") or {}).get("issues", [])]
    return (f'<section id="authorities"><h2>Authorities cited</h2>{items}</section>'
            f'<section id="assumptions"><h2>Assumptions</h2>{_ul(c["assumptions"])}'
            + (f"<h4>Notes</h4>{_ul(issues)}" if issues else "")
            + f'<p>Tax year: <strong>{c["tax_year"]}</strong>. Ties broken by: {_e(", ".join(c["tie_breaks"]))}.</p>'
            f'</section><footer>Prepared with rothroute (report format {_e(c["format"])}). This report prices '
            f"federal income tax, and the state's where the household file names a state of residence; it is not "
            f"legal or tax advice.</footer></main></body></html>\n")


def render(comparison: dict[str, Any]) -> str:
    """The report page for ``Comparison.to_json()``: summary, table, charts, details, trail, sources."""
    c = comparison
    by_name = {s["name"]: s for s in c["strategies"]}
    rec = by_name[c["recommended"]]
    permitted = [s for s in c["strategies"] if not s["ruled_out"]]
    ranks = {s["name"]: f"{i}. " for i, s in enumerate(permitted, 1)}
    details = "".join(_strategy(s, ranks.get(s["name"], ""), c["recommended"]) for s in c["strategies"])
    return (_head(c) + _summary(c, rec) + _table(c) + _charts(c, permitted)
            + f'<section id="strategies"><h2>Each strategy in detail</h2>{details}</section>'
            + _trail(rec) + _end(c, rec))


def pieces(comparison: dict[str, Any]) -> dict[str, str]:
    """The report's parts for another page to place (the web workspace shows them under its editor):
    ``summary``, ``table``, ``strategies`` (each in detail), ``trail`` and ``authorities``. The same
    HTML as in the report, with no inline style: a page with a strict Content-Security-Policy can
    show it as is."""
    c = comparison
    by_name = {s["name"]: s for s in c["strategies"]}
    rec = by_name[c["recommended"]]
    permitted = [s for s in c["strategies"] if not s["ruled_out"]]
    ranks = {s["name"]: f"{i}. " for i, s in enumerate(permitted, 1)}
    return {"summary": _summary(c, rec), "table": _table(c),
            "strategies": "".join(_strategy(s, ranks.get(s["name"], ""), c["recommended"]) for s in c["strategies"]),
            "trail": _trail(rec), "authorities": _end(c, rec).split("<footer>")[0]}
