"""The workspace as a person uses it, in Debian's Chromium driven by Playwright (never its own
browser download), against a real `rothroute serve` on 127.0.0.1 and a free port: fill the seed
household field by field and compare; upload a broken file and see each problem beside its field
with its line; optimize; save, edit, save again and restore; download the report. Every request
the pages make is recorded: none leaves 127.0.0.1, and no console error appears (a
Content-Security-Policy violation would be one). axe-core (vendored, tests/web/vendor) finds no
serious or critical accessibility violation. Screenshots of each step go under the test's
temporary folder."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

from rothroute import load_path
from rothroute.options import run_compare

from ..conftest import EXAMPLES

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SEED = EXAMPLES / "seed.yaml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`rothroute serve` in its own process, stopped at the end."""
    folder = tmp_path_factory.mktemp("server")
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    log = folder / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "rothroute", "serve", "--port", str(port), "--db",
                                 str(folder / "book.sqlite")], stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(400):
            if f"http://127.0.0.1:{port}/" in log.read_text() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert f"rothroute web workspace: http://127.0.0.1:{port}/" in log.read_text(), log.read_text()
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: the browser tests need Debian's Chromium (apt-get install chromium)",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page with every request and every console error it caused."""

    def __init__(self, browser: Any, base: str, shots: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1360, "height": 1000}, accept_downloads=True)
        self.page = self.context.new_page()
        self.base, self.shots, self.n = base, shots, 0
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.set_default_timeout(30_000)

    def shot(self, name: str, full: bool = False) -> None:
        self.n += 1
        self.shots.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(self.shots / f"{self.n:02d}-{name}.png"), full_page=full)

    def check_clean(self) -> None:
        outside = [u for u in self.requests if not (u.startswith(self.base + "/") or u.startswith(("data:", "blob:")))]
        assert not outside, f"requests that left 127.0.0.1: {outside}"
        assert not self.errors, f"console errors: {self.errors}"

    def axe(self, what: str) -> None:
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        found = self.page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                   ".map(v => ({id: v.id, impact: v.impact, help: v.help, "
                                   "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))")
        bad = [v for v in found if v["impact"] in ("serious", "critical")]
        assert not bad, f"{what}: {json.dumps(bad, indent=1)}"


@pytest.fixture
def watched(browser: Any, server: str, tmp_path: Path) -> Iterator[Watched]:
    w = Watched(browser, server, tmp_path / "screenshots")
    yield w
    w.context.close()


def field(page: Any, name: str) -> Any:
    return page.locator(f'[name="{name}"]')


def fill(page: Any, name: str, value: str) -> None:
    f = field(page, name)
    if f.evaluate("e => e.tagName") == "SELECT":
        f.select_option(value)
    else:
        f.fill(value)


def press(page: Any, action: str) -> None:
    """Press the button that posts the form with this action (and wait for the page it brings)."""
    with page.expect_navigation():
        page.locator(f'button[name="_action"][value="{action}"]').first.click()


def fill_seed(w: Watched) -> None:
    """The seed household (examples/seed.yaml), typed into the editor one field at a time."""
    page = w.page
    page.goto(w.base + "/workspace")
    w.shot("blank-editor")
    fill(page, "tax_year", "2026")
    fill(page, "filing_status", "single")
    fill(page, "state", "TX")
    fill(page, "people[0].id", "client")
    fill(page, "people[0].born", "1959-05-20")
    fill(page, "people[0].ira_basis", "0")
    fill(page, "people[0].roth_ira.contributions", "0")
    for i, (kind, amount, person) in enumerate([("social_security", "36000", "client"), ("taxable_interest", "4000", ""),
                                                ("ordinary_dividends", "6000", ""),
                                                ("qualified_dividends", "5000", "")]):
        press(page, "add:income")
        fill(page, f"income[{i}].kind", kind)
        fill(page, f"income[{i}].amount", amount)
        fill(page, f"income[{i}].person", person)
    page.locator("details.more > summary", has_text="Earlier years").click()
    for k, (year, magi) in enumerate([("2024", "145000"), ("2025", "60000")]):
        press(page, "add:magi_history")
        fill(page, f"magi_history[{k}].year", year)
        fill(page, f"magi_history[{k}].amount", magi)
    w.shot("people-and-income")
    press(page, "add:accounts=403b")
    a = "accounts[0]"
    fill(page, f"{a}.id", "client_403b")
    for name, value in (("sources.pretax", "250000"), ("sources.after_tax.contributions", "60000"),
                        ("sources.after_tax.earnings", "25000"), ("sources.after_tax.pre_1987_contributions", "0"),
                        ("sources.roth.contributions", "90000"), ("sources.roth.earnings", "40000"),
                        ("sources.roth.first_year", "2012"), ("plan.separated_from_service", "2025")):
        fill(page, f"{a}.{name}", value)
    field(page, f"{a}.plan.after_tax_separate_contract").check()
    field(page, f"{a}.plan.in_plan_roth_rollover").check()
    press(page, "add:accounts=traditional_ira")
    fill(page, "accounts[1].id", "client_ira")
    fill(page, "accounts[1].value", "900000")
    press(page, "add:accounts=roth_ira")
    fill(page, "accounts[2].id", "client_roth_ira")
    fill(page, "accounts[2].value", "0")
    w.shot("accounts")


def test_fill_the_seed_field_by_field_and_compare(watched: Watched) -> None:
    w, page = watched, watched.page
    fill_seed(w)
    # the form holds the seed household exactly
    with page.expect_download() as got:
        page.locator('button[value="download_yaml"]').click()
    typed = got.value.path().read_text()
    from rothroute import load_text

    assert load_text(typed) == load_text(SEED.read_text())
    page.locator("#status[data-count='0']").wait_for()
    expected = run_compare(load_path(SEED), "least-tax-now")  # what `rothroute compare --json` prints
    press(page, "compare")
    w.shot("compare")
    assert page.locator("#recommended-title").get_attribute("data-strategy") == "split_rollover" == \
        expected["recommended"]
    assert page.locator("#recommended-cost").inner_text() == "$0"
    # the seed lives in Texas: the page says which taxes the costs are (the report's header says the same)
    assert page.locator("#compare-results .subtitle").inner_text().endswith("Federal and Texas income tax.")
    irr = next(s for s in expected["strategies"] if s["name"] == "in_plan_roth_rollover_then_roll_out")
    cost = page.locator('#comparison tr[data-strategy="in_plan_roth_rollover_then_roll_out"] td[data-col="cost"]')
    assert float(cost.get_attribute("data-value")) == irr["cost_of_moves"] == 2935
    assert cost.inner_text() == "$2,935"
    ruled = page.locator('#comparison tr[data-status="ruled-out"] .cites a').first
    assert ruled.get_attribute("href").startswith("https://")  # a link to the authority, not followed
    page.locator("#charts").scroll_into_view_if_needed()
    w.shot("compare-charts")
    w.axe("the workspace with a comparison")
    w.check_clean()


EARLY = """\
format: 1
tax_year: 2026
filing_status: single
state: TX
residence:
- {from_year: 2026, state: TX}
- {from_year: 2028, state: CA}
people:
- id: pat
  born: '1966-03-01'
  life_expectancy: 90
  social_security: {benefit_at_full_retirement_age: 2400, claim_age: 67}
health_coverage: {benchmark_premium: 800, to_year: 2030}
accounts:
- {id: pat_traditional_ira, owner: pat, kind: traditional_ira, value: 600000}
- {id: pat_taxable, owner: pat, kind: taxable, value: 250000, cost_basis: 140000, qualified_dividend_yield: 1.5}
"""


def test_an_early_retiree_typed_in_with_a_brokerage_account_marketplace_cover_and_a_move(watched: Watched) -> None:
    """Every key of an early retiree's file has its input: the taxable account's basis and yield (shown
    when the kind is taxable), Social Security by its claiming age, the plan's last age, Marketplace
    coverage and a move between states; the file downloaded is the file typed."""
    w, page = watched, watched.page
    page.goto(w.base + "/workspace")
    fill(page, "tax_year", "2026")
    fill(page, "filing_status", "single")
    fill(page, "state", "TX")
    fill(page, "people[0].id", "pat")
    fill(page, "people[0].born", "1966-03-01")
    fill(page, "people[0].life_expectancy", "90")
    fill(page, "people[0].social_security.benefit_at_full_retirement_age", "2400")
    fill(page, "people[0].social_security.claim_age", "67")
    page.locator("details.more > summary", has_text="Moves between states").click()
    for k, (year, state) in enumerate([("2026", "TX"), ("2028", "CA")]):
        press(page, "add:residence")
        fill(page, f"residence[{k}].from_year", year)
        fill(page, f"residence[{k}].state", state)
    page.locator("#health > summary").click()
    fill(page, "health_coverage.benchmark_premium", "800")
    fill(page, "health_coverage.to_year", "2030")
    press(page, "add:accounts=traditional_ira")
    fill(page, "accounts[0].value", "600000")
    press(page, "add:accounts=taxable")
    assert field(page, "accounts[1].cost_basis").is_visible()
    assert not field(page, "accounts[1].december_31_value").is_visible()  # not a taxable account's key
    assert not field(page, "accounts[0].cost_basis").is_visible()
    fill(page, "accounts[1].value", "250000")
    fill(page, "accounts[1].cost_basis", "140000")
    fill(page, "accounts[1].qualified_dividend_yield", "1.5")
    page.locator("#status[data-count='0']").wait_for()
    w.shot("early-retiree", full=True)
    with page.expect_download() as got:
        page.locator('button[value="download_yaml"]').click()
    from rothroute import load_text

    assert load_text(got.value.path().read_text()) == load_text(EARLY)
    # the kind changed in the browser shows that kind's fields at once (the script), and the post drops the rest
    fill(page, "accounts[1].kind", "roth_ira")
    assert not field(page, "accounts[1].cost_basis").is_visible()
    assert field(page, "accounts[1].december_31_value").is_visible()
    w.axe("the workspace with an early retiree")
    w.check_clean()


def test_a_broken_file_shows_each_problem_beside_its_field_with_its_line(watched: Watched, tmp_path: Path) -> None:
    w, page = watched, watched.page
    text = SEED.read_text()
    broken = (text.replace("pretax: 250000", "pretax: -5").replace("separated_from_service: 2025",
                                                                   "separated_from_service: 2030")
              .replace("kind: social_security, amount: 36000", "kind: social_security, amount: lots"))
    path = tmp_path / "broken.yaml"
    path.write_text(broken)
    lines = broken.splitlines()
    line = {key: next(i for i, t in enumerate(lines, 1) if key in t)
            for key in ("pretax: -5", "separated_from_service: 2030", "amount: lots")}
    page.goto(w.base + "/workspace")
    page.locator("details.load > summary").click()
    page.locator("#f-_file").set_input_files(str(path))
    press(page, "load_text")
    w.shot("broken-file", full=True)
    for name, key in (("accounts[0].sources.pretax", "pretax: -5"),
                      ("accounts[0].plan.separated_from_service", "separated_from_service: 2030"),
                      ("income[0].amount", "amount: lots")):
        problem = page.locator(f'.field[data-field="{name}"] .problem').inner_text()
        assert problem and f"(line {line[key]})" in problem, (name, problem)
        assert field(page, name).get_attribute("aria-invalid") == "true"
    assert field(page, "income[0].amount").input_value() == "lots"  # kept as typed
    assert page.locator("#status").get_attribute("data-count") == "3"
    # fixing one as you type clears its problem (the server's loader, asked by app.js)
    fill(page, "accounts[0].sources.pretax", "250000")
    page.locator("#status[data-count='2']").wait_for()
    assert page.locator('.field[data-field="accounts[0].sources.pretax"] .problem').inner_text() == ""
    w.shot("fixed-as-you-type")
    w.axe("the workspace with problems")
    w.check_clean()


def test_optimize_the_seed(watched: Watched) -> None:
    w, page = watched, watched.page
    page.goto(w.base + "/workspace")
    page.locator("details.load > summary").click()
    fill(page, "_text", SEED.read_text())
    press(page, "load_text")
    page.locator("#optimize-options > summary").click()
    fill(page, "_years", "8")
    fill(page, "_time_limit", "20")
    fill(page, "_giving", "3000")
    page.select_option("#f-_cash_account", "untaxed")
    assert page.locator("#f-_claiming option").all_inner_texts() == ["at the ages the file gives",
                                                                     "chosen by the plan (62 to 70)"]
    w.shot("optimize-options")
    page.locator('button[value="optimize"]').click()
    page.wait_for_selector("#progress, #plan-results")
    if page.locator("#progress").count():
        w.shot("optimize-progress")
        assert "Optimiz" in page.locator("#progress h1").inner_text() or "Waiting" in page.locator(
            "#progress h1").inner_text()
    page.wait_for_selector("#plan-results", timeout=90_000)
    w.shot("optimize-plan")
    assert page.locator("#years tbody tr").count() == 8
    assert page.locator("#baselines tr[data-baseline]").count() >= 3
    assert page.locator("#plan-charts svg rect.bar").count() > 8
    assert field(page, "accounts[0].id").input_value() == "client_403b"  # the form came back with the plan
    # the options came back as given, and the plan's table is the report's (the seed's state, TX, in it)
    assert page.locator("#f-_giving").input_value() == "3000"
    assert page.locator("#f-_cash_account").input_value() == "untaxed"
    assert "STATE TAX (ENGINE)" in page.locator("#years thead").inner_text().upper()
    page.locator("#years").scroll_into_view_if_needed()
    w.shot("optimize-plan-years")
    with page.expect_download() as got:
        page.locator('a[href$="/plan.html"]').click()
    assert "Roth conversion plan" in got.value.path().read_text()
    w.axe("the workspace with a plan")
    w.check_clean()


def test_save_edit_save_restore_and_download_the_report(watched: Watched) -> None:
    w, page = watched, watched.page
    page.goto(w.base + "/workspace")
    page.locator("details.load > summary").click()
    fill(page, "_text", SEED.read_text())
    press(page, "load_text")
    fill(page, "_client", "Scott's client")
    press(page, "save")
    assert "saved=1" in page.url and "Saved as version 1" in page.locator(".flash.ok").inner_text()
    w.shot("saved-v1")
    fill(page, "income[0].amount", "40000")
    press(page, "save")
    assert "saved=2" in page.url and field(page, "income[0].amount").input_value() == "40000"
    w.shot("saved-v2")
    page.locator('.versions a:text("Version 1")').click()
    page.wait_for_load_state()
    assert field(page, "income[0].amount").input_value() == "36000"
    w.shot("version-1")
    with page.expect_navigation():
        page.locator('button[form="restore"]').click()
    assert "restored=1" in page.url and field(page, "income[0].amount").input_value() == "36000"
    assert page.locator(".versions li").count() == 3
    w.shot("restored")
    # the client report, the same page `rothroute compare --html` writes
    with page.expect_download() as got:
        page.locator('button[value="download_report"]').click()
    from rothroute.report.html import render

    assert got.value.path().read_text() == render(run_compare(load_path(SEED), "least-tax-now"))
    # two tabs open on version 3: the first saves (version 4); the second's save is refused, both kept
    other = w.context.new_page()
    other.goto(w.base + "/clients/Scott's%20client")
    fill(page, "income[1].amount", "4100")
    press(page, "save")
    assert "saved=4" in page.url
    other.locator('[name="income[0].amount"]').fill("1")
    with other.expect_navigation():
        other.locator('button[value="save"]').click()
    refusal = other.locator(".flash.bad[role=alert]").inner_text()
    assert "Not saved over the newer version" in refusal and "version 5" in refusal
    assert other.locator('[name="income[0].amount"]').input_value() == "1"  # nothing typed is lost
    other.screenshot(path=str(w.shots / "conflict.png"))
    other.close()
    page.goto(w.base + "/")
    assert page.locator("#book tr[data-client=\"Scott's client\"]").count() == 1
    w.shot("book")
    w.axe("the client book")
    page.goto(w.base + "/docs")
    w.shot("api-docs")
    w.axe("the API page")
    w.check_clean()


def test_the_workspace_works_without_javascript(browser: Any, server: str, tmp_path: Path) -> None:
    """Rows are added by buttons that post the form, and every value comes back; compare works; the
    page prints without its controls."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    try:
        page.goto(server + "/workspace")
        fill(page, "people[0].id", "client")
        fill(page, "people[0].born", "1959-05-20")
        press(page, "add:accounts=403b")
        assert field(page, "people[0].born").input_value() == "1959-05-20"
        fill(page, "accounts[0].sources.pretax", "100000")
        fill(page, "accounts[0].sources.after_tax.contributions", "20000")
        fill(page, "accounts[0].plan.separated_from_service", "2024")
        press(page, "add:accounts=traditional_ira")
        fill(page, "accounts[1].value", "50000")
        press(page, "add:accounts=roth_ira")
        assert field(page, "accounts[0].sources.pretax").input_value() == "100000"
        press(page, "compare")
        assert page.locator("#recommended-title").get_attribute("data-strategy") == "split_rollover"
        page.emulate_media(media="print")
        assert page.locator("aside.side").is_hidden() and page.locator("#compare-results").is_visible()
        page.screenshot(path=str(tmp_path / "print.png"), full_page=True)
    finally:
        context.close()


def _put(base: str, name: str, text: str) -> None:
    from urllib.parse import quote

    body = json.dumps({"text": text, "base_version": None}).encode()
    req = urllib.request.Request(f"{base}/api/v1/book/{quote(name)}", data=body, method="PUT",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.status == 201


def test_scan_the_book_lists_the_clients_by_the_value_of_acting_now(watched: Watched) -> None:
    """Issue #17 item 7: the saved clients scanned (`rothroute scan`'s exact path) and listed by what
    acting now is worth; the one with nothing better than leaving things as they are, and a draft,
    listed apart; each name opens the client."""
    w, page = watched, watched.page
    seed = SEED.read_text()
    _put(w.base, "Scan seed", seed)
    _put(w.base, "Scan seed, less after-tax money", seed.replace("contributions: 60000", "contributions: 6000"))
    _put(w.base, "Scan backdoor", (EXAMPLES / "backdoor.yaml").read_text())
    _put(w.base, "Scan draft", "format: 1\ntax_year: 2031\n")
    page.goto(w.base + "/")
    with page.expect_navigation():
        page.locator('a[href="/book/scan"]').click()
    w.shot("book-scanned", full=True)
    rows = page.locator("#act tbody tr")
    names = [rows.nth(i).get_attribute("data-client") for i in range(rows.count())]
    mine = [n for n in names if n.startswith("Scan ")]
    assert mine == ["Scan seed", "Scan seed, less after-tax money"]  # $60,000 to Roth before $6,000
    first = page.locator('#act tr[data-client="Scan seed"]')
    assert "split rollover" in first.inner_text() and first.locator("td.n").first.get_attribute("data-value") == "6000000"
    assert page.locator('#stay li[data-client="Scan backdoor"]').count() == 1
    assert "no good version" in page.locator('#refused li[data-client="Scan draft"]').inner_text()
    page.locator("#f-goal").select_option("clean-backdoor")
    with page.expect_navigation():
        page.locator('button:text("Scan again")').click()
    assert "goal=clean-backdoor" in page.url
    w.shot("book-scanned-clean-backdoor", full=True)
    w.axe("the scanned book")
    with page.expect_navigation():
        page.locator('#act a, #stay a').filter(has_text="Scan seed").first.click()
    assert "/clients/Scan" in page.url
    w.check_clean()
