"""The client-ready HTML report (issue #4), read the way a client reads it: opened in Debian's
Chromium (driven by Playwright, never its own browser download), checked against the comparison
JSON. Text is checked as rendered (``innerText``), charts by the drawn size of their bars
(``getBoundingClientRect``), and the page must fetch nothing."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest

from rothroute import load_path
from rothroute.compare import compare
from rothroute.report.html import render
from rothroute.report.text import cite_url, short_cite

CHROMIUM = pathlib.Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SEED = pathlib.Path(__file__).resolve().parents[1] / "examples" / "seed.yaml"
BARS_JS = """svg => { const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('rect.bar')].map(r => { const b = r.getBoundingClientRect(), st = getComputedStyle(r);
    return {...r.dataset, h: b.height, w: b.width, top: b.top, bottom: b.bottom, left: b.left, right: b.right,
            shown: st.display !== 'none' && st.visibility !== 'hidden' && +st.opacity > 0 && +st.fillOpacity > 0.2,
            inside: b.top >= box.top - 0.5 && b.bottom <= box.bottom + 0.5 && b.right <= box.right + 0.5}; }); }"""


def dollars(value: float) -> str:
    """How the report must write an amount: $12,345, with cents only when not whole."""
    return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"


@pytest.fixture(scope="module")
def comparison() -> dict[str, Any]:
    return compare(load_path(SEED)).to_json()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: the HTML report test needs Debian's Chromium "
                    "(apt-get install chromium; .ci/run installs it)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report_url(comparison: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(comparison), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def opened(browser, report_url: str):
    """The report in a page, with every request and console error it caused."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report_url, wait_until="load")
    yield page, requests, errors
    page.close()


def permitted(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in data["strategies"] if not s["ruled_out"]]


def check_proportional(bars: list[dict[str, Any]], size: str) -> None:
    """Drawn sizes proportional to the values (one scale per chart); every nonzero bar drawn and visible."""
    top = max(bars, key=lambda b: float(b["value"]))
    scale = top[size] / float(top["value"]) if float(top["value"]) else 0.0
    for b in bars:
        assert b[size] == pytest.approx(float(b["value"]) * scale, abs=0.75), b
        if float(b["value"]) > 0:
            assert b["h"] > 0 and b["w"] > 0 and b["shown"] and b["inside"], f"bar not visible: {b}"


def test_the_page_fetches_nothing(opened, report_url: str) -> None:
    page, requests, errors = opened
    page.wait_for_load_state("networkidle")
    assert [u for u in requests if u != report_url] == []
    assert errors == []


def test_summary_shows_the_recommended_strategy_and_its_cost(opened, comparison: dict[str, Any]) -> None:
    page = opened[0]
    rec = next(s for s in comparison["strategies"] if s["name"] == comparison["recommended"])
    title = page.locator("#summary #recommended-title")
    assert title.is_visible() and title.inner_text() == rec["title"]
    for key in ("cost", "roth-gained", "pretax-left"):
        value = rec[{"cost": "cost_of_moves", "roth-gained": "roth_gained", "pretax-left": "pretax_left"}[key]]
        cell = page.locator(f"#summary #recommended-{key}")
        assert cell.is_visible() and cell.inner_text() == dollars(value)
        assert float(cell.get_attribute("data-value")) == value
    assert page.locator("#summary #why").inner_text() == comparison["why"]
    assert str(comparison["tax_year"]) in page.locator("h1, header").first.inner_text() + page.title()


def test_table_has_one_row_per_strategy_in_rank_order(opened, comparison: dict[str, Any]) -> None:
    page = opened[0]
    rows = page.locator("#comparison tbody tr")
    assert [rows.nth(i).get_attribute("data-strategy") for i in range(rows.count())] == \
        [s["name"] for s in comparison["strategies"]]
    for s in permitted(comparison):
        row = page.locator(f'#comparison tr[data-strategy="{s["name"]}"]')
        text = row.inner_text()
        assert s["title"] in text and dollars(s["cost_of_moves"]) in text and dollars(s["roth_gained"]) in text
        assert row.get_attribute("data-status") == ("recommended" if s["name"] == comparison["recommended"]
                                                     else "permitted")
        backdoor = sum(p["taxable"] for p in s["backdoor"]["next_year"].values())
        assert float(row.locator('[data-col="backdoor-taxable"]').get_attribute("data-value")) == \
            pytest.approx(backdoor, abs=0.005)
        assert f'({s["irmaa_year"]})' in row.locator('[data-col="irmaa"]').inner_text()


def test_ruled_out_strategies_appear_with_their_reason(opened, comparison: dict[str, Any]) -> None:
    page = opened[0]
    ruled = [s for s in comparison["strategies"] if s["ruled_out"]]
    assert ruled, "the seed rules some strategies out"
    for s in ruled:
        row = page.locator(f'#comparison tr[data-strategy="{s["name"]}"]')
        assert row.get_attribute("data-status") == "ruled-out" and row.is_visible()
        assert s["ruled_out"]["reason"] in row.inner_text()
        section = page.locator(f'section.strategy[data-strategy="{s["name"]}"]')
        assert s["ruled_out"]["reason"] in section.inner_text()
        assert page.locator(f'svg.chart[data-strategy="{s["name"]}"]').count() == 0


def test_each_permitted_strategy_has_a_buckets_chart_drawn_to_scale(opened, comparison: dict[str, Any]) -> None:
    page = opened[0]
    for s in permitted(comparison):
        svg = page.locator(f'svg.chart[data-kind="buckets"][data-strategy="{s["name"]}"]')
        assert svg.count() == 1 and svg.is_visible()
        bars = svg.evaluate(BARS_JS)
        assert {(b["bucket"], b["when"]): float(b["value"]) for b in bars} == {
            (k, w): float(v) for w in ("before", "after") for k, v in s["buckets"][w].items()}
        check_proportional(bars, "h")
        labels = svg.locator("text.value")
        for b in bars:
            label = svg.locator(f'text.value[data-bucket="{b["bucket"]}"][data-when="{b["when"]}"]')
            assert label.text_content() == dollars(float(b["value"])) and label.is_visible()
        assert labels.count() == len(bars)


def test_the_tax_cost_chart_matches_each_strategys_cost(opened, comparison: dict[str, Any]) -> None:
    page = opened[0]
    svg = page.locator('svg.chart[data-kind="tax-cost"]')
    assert svg.count() == 1 and svg.is_visible()
    bars = svg.evaluate(BARS_JS)
    assert {b["strategy"]: float(b["value"]) for b in bars} == \
        {s["name"]: float(s["cost_of_moves"]) for s in permitted(comparison)}
    check_proportional(bars, "w")
    for b in bars:
        assert svg.locator(f'text.value[data-strategy="{b["strategy"]}"]').text_content() == dollars(float(b["value"]))


def test_each_strategy_says_what_to_do_and_what_forms_to_expect(opened, comparison: dict[str, Any]) -> None:
    page = opened[0]
    for s in permitted(comparison):
        section = page.locator(f'section.strategy[data-strategy="{s["name"]}"]')
        text = section.inner_text()
        assert s["how"] in text and all(r in text for r in s["paperwork"]["requests"])
        assert all(t in text for t in s["traps"])
        assert section.locator("table.f1099r tbody tr").count() == len(s["paperwork"]["forms_1099r"])
        for f in s["paperwork"]["forms_1099r"]:
            assert dollars(f["box1"]) in text


def test_each_strategy_shows_its_law_watch_with_its_citations(opened, comparison: dict[str, Any]) -> None:
    # issue #12 item 5: the law each strategy relies on, its enacting law and the proposals that would have
    # changed it, dated by the day the data was checked (rothroute/params/law/legislation.yaml)
    page = opened[0]
    for s in comparison["strategies"]:
        section = page.locator(f'section.strategy[data-strategy="{s["name"]}"]')
        line = section.locator("p.law-watch")
        assert line.count() == 1 and line.is_visible() and line.inner_text() == s["law_watch"], s["name"]
        assert f'as of {comparison["law_as_of"]}' in line.inner_text()
        section.locator("details.law-detail summary").click()  # the law behind the line, folded under it
        links = section.locator("p.law-cites")
        for rule in s["law_status"]:
            for cite in rule["cites"]:
                url = cite_url(cite)
                if url:
                    assert links.locator(f'a[href="{url}"]').count() >= 1, cite
                else:
                    assert short_cite(cite) in links.inner_text(), cite
    split = page.locator('section.strategy[data-strategy="split_rollover"]')
    assert "H.R. 5376 §138311" in split.locator("p.law-watch").inner_text()
    notice = split.locator("details.law-detail tr", has_text="one distribution")
    assert "IRS Notice 2014-54" in notice.inner_text() and "2015-01-01" in notice.inner_text()


def test_trail_authorities_and_assumptions(opened, comparison: dict[str, Any]) -> None:
    page = opened[0]
    rec = next(s for s in comparison["strategies"] if s["name"] == comparison["recommended"])
    lines = rec["result"]["lines"]
    assert page.locator("#trail tbody tr").count() == len(lines)
    total = page.locator('#trail tr[data-key="total_tax"]').inner_text()
    assert dollars(next(x["value"] for x in lines if x["key"] == "total_tax")) in total
    authorities = page.locator("#authorities")
    for cite in {c for s in comparison["strategies"] for c in s["cites"]}:
        url = cite_url(cite)
        if url:
            link = authorities.locator(f'a[href="{url}"]', has_text=short_cite(cite))
            assert link.count() >= 1, cite
        else:
            assert short_cite(cite) in authorities.inner_text()
    end = page.locator("#assumptions").inner_text()
    assert all(a in end for a in comparison["assumptions"]) and str(comparison["tax_year"]) in end


def test_printing_keeps_the_charts_and_fits_the_page(browser, report_url: str) -> None:
    page = browser.new_page(viewport={"width": 720, "height": 900})  # a US letter page inside its margins
    page.emulate_media(media="print")
    page.goto(report_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 720
    charts = page.locator("svg.chart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        check_proportional(chart.evaluate(BARS_JS), "w" if chart.get_attribute("data-kind") == "tax-cost" else "h")
    assert page.pdf()[:5] == b"%PDF-"
    page.close()


@pytest.mark.parametrize(("cite", "url"), [
    ("IRC §402(c)(2)", "https://www.law.cornell.edu/uscode/text/26/402"),
    ("IRC §408A(d)(3)", "https://www.law.cornell.edu/uscode/text/26/408A"),
    ("Treas. Reg. §1.402A-1 Q&A-5", "https://www.ecfr.gov/current/title-26/section-1.402A-1"),
    ("IRS Notice 2014-54", "https://www.irs.gov/pub/irs-drop/n-14-54.pdf"),
    ("Form 8606 instructions", "https://www.irs.gov/instructions/i8606"),
    ("Pub 590-B", "https://www.irs.gov/publications/p590b"),
    ("42 U.S.C. §1395w-113(a)(7)", "https://www.law.cornell.edu/uscode/text/42/1395w-113"),
    ("the plan document", None),
])
def test_citations_map_to_public_addresses(cite: str, url: str | None) -> None:
    assert cite_url(cite) == url
