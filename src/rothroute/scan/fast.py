"""The fast path: the strategies of many households priced at once on the batch kernels.

``rothroute compare`` builds a household's strategies as moves and prices each with the moves
engine, a few milliseconds a household. For the households that dominate a recordkeeper's or an
advisor's book the moves are few and their tax consequences are sums the law fixes: a split
rollover of a separate after-tax contract is taxed nothing (Notice 2014-54), an in-plan Roth
rollover of it is taxed on its earnings (IRC §402A(c)(4), §72(e)(8)), a whole plan rolled to a
Roth IRA on its pretax money and earnings (IRC §408A(d)(3)), a backdoor Roth on the Form 8606
pro-rata share (IRC §408(d)(2)). Here those amounts are worked out for every household of a
partition as NumPy columns, each strategy's year is priced by the federal and state batch paths
(the same formulas as the single path), and the strategies are ranked by the goal with compare's
tie-breaks.

What the fast path takes (``covered``): rows whose every cell is plainly valid, one or two people
under 72 at the end of the year (no RMD), at most one employer plan and one traditional and one
Roth IRA each, after-tax money kept as a separate contract (or none), nonnegative earnings, no
pre-1987 basis, no in-plan Roth rollover layers, no Roth IRA conversion layers, no December 31
values, amounts up to $10,000,000, and a state whose tax the batch computes (or none). Every
other row goes to the exact path, which is ``rothroute compare`` itself. A property test
(tests/scan/test_fast.py) checks that every row the fast path takes gets exactly the row the exact
path gives it, figure for figure.
"""

from __future__ import annotations

from typing import Any, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from rothroute.compare import TIE_BREAKS, Goal
from rothroute.params import default_set, for_year
from rothroute.params.states import state_file
from rothroute.scan.book import INCOME_KINDS, IRA_SLOTS, PLAN_SLOTS
from rothroute.scan.outcome import MEASURES
from rothroute.state.inputs import FEDERAL_KEYS, federal_line
from rothroute.vocab import FILING_STATUSES, JURISDICTIONS

CAP = 10_000_000 * 100  # cents: every product below stays inside int64
YOUNGEST_RMD_AGE = 72  # no one under it at the end of 2024-2026 owes an RMD (applicable age 73, IRC §401(a)(9)(C)(v))
_MONEY = r"^\+?[0-9]{1,10}(\.[0-9]{1,2})?$"
_SIGNED = r"^[+-]?[0-9]{1,10}(\.[0-9]{1,2})?$"
_ID = r"^[A-Za-z_][A-Za-z0-9_.-]*$"
GAINS = ("long_term_gains", "short_term_gains")
STRATEGIES = ("base", "split_rollover", "in_plan_roth_rollover_then_roll_out", "all_to_roth_ira",
              "in_service_after_tax_split", "mega_backdoor_in_plan", "mega_backdoor_rollout", "backdoor_roth",
              "backdoor_roth_with_roll_in", "split_rollover_then_backdoor_roth",
              "split_rollover_then_backdoor_roth_with_roll_in")
_STATE_INCOME = {"wages": "wages", "taxable_interest": "interest", "tax_exempt_interest": "exempt_interest",
                 "ordinary_dividends": "dividends", "qualified_dividends": "qualified_dividends",
                 "long_term_gains": "long_term_gains", "short_term_gains": "short_term_gains", "pension": "pension",
                 "social_security": "social_security", "other_ordinary": "other", "early_distribution": "ira"}
_FEDERAL_INCOME = {"wages": "wages", "taxable_interest": "taxable_interest", "tax_exempt_interest": "exempt_interest",
                   "ordinary_dividends": "ordinary_dividends", "qualified_dividends": "qualified_dividends",
                   "long_term_gains": "long_term_gains", "short_term_gains": "short_term_gains", "pension": "pension",
                   "other_ordinary": "other_ordinary", "early_distribution": "early_distributions",
                   "social_security": "social_security"}


class _Cols:
    """The partition's text columns read as numbers, with a mask of the rows still covered."""

    def __init__(self, table: pa.Table) -> None:
        self.t = table
        self.n = table.num_rows
        self.ok = np.ones(self.n, dtype=bool)

    def text(self, name: str) -> np.ndarray:
        return np.asarray(self.t.column(name).fill_null("").to_numpy(zero_copy_only=False), dtype=object)

    def empty(self, name: str) -> np.ndarray:
        col = self.t.column(name)
        return np.asarray(pc.or_kleene(pc.is_null(col), pc.equal(pc.utf8_trim_whitespace(col), "")).fill_null(True),
                          dtype=bool)

    def money(self, name: str, *, signed: bool = False) -> np.ndarray:
        """Cents; an empty cell is 0; a cell not plainly an amount (or over the cap) takes the row out."""
        col = pc.utf8_trim_whitespace(self.t.column(name))
        empty = np.asarray(pc.equal(col, "").fill_null(True), dtype=bool)
        good = np.asarray(pc.match_substring_regex(col, _SIGNED if signed else _MONEY).fill_null(False), dtype=bool)
        self.ok &= empty | good
        values = pc.cast(pc.if_else(pa.array(good), col, pa.scalar(None, pa.string())), pa.float64()).fill_null(0.0)
        cents = np.rint(np.asarray(values, dtype=np.float64) * 100).astype(np.int64)
        self.ok &= np.abs(cents) <= CAP
        return np.where(self.ok, cents, 0)

    def integer(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(value, present); a cell not a whole number takes the row out."""
        col = pc.utf8_trim_whitespace(self.t.column(name))
        empty = np.asarray(pc.equal(col, "").fill_null(True), dtype=bool)
        good = np.asarray(pc.match_substring_regex(col, r"^\+?[0-9]{1,4}$").fill_null(False), dtype=bool)
        self.ok &= empty | good
        values = pc.cast(pc.if_else(pa.array(good), col, pa.scalar(None, pa.string())), pa.int64()).fill_null(0)
        return np.asarray(values, dtype=np.int64), good

    def flag(self, name: str) -> np.ndarray:
        """A boolean cell (true/false in any case; empty is false)."""
        col = pc.utf8_lower(pc.utf8_trim_whitespace(self.t.column(name)))
        true = np.asarray(pc.equal(col, "true").fill_null(False), dtype=bool)
        false = np.asarray(pc.equal(col, "false").fill_null(False), dtype=bool)
        self.ok &= true | false | self.empty(name)
        return true

    def require_empty(self, *names: str) -> None:
        for name in names:
            self.ok &= self.empty(name)

    def zero_or_false(self, name: str, kind: str) -> None:
        if kind == "bool":
            self.flag(name)
            self.ok &= ~np.asarray(pc.equal(pc.utf8_lower(pc.utf8_trim_whitespace(self.t.column(name))), "true")
                                   .fill_null(False), dtype=bool)
        else:
            self.ok &= self.money(name) == 0

    def date(self, name: str, needed: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(year, month, day) of a YYYY-MM-DD cell that exists; anything else takes a row that
        ``needed`` it out."""
        col = pc.utf8_trim_whitespace(self.t.column(name)).fill_null("")
        good = np.asarray(pc.match_substring_regex(col, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), dtype=bool)
        text = pc.if_else(pa.array(good), col, "1900-01-01")
        y = np.asarray(pc.cast(pc.utf8_slice_codeunits(text, 0, 4), pa.int64()), dtype=np.int64)
        m = np.asarray(pc.cast(pc.utf8_slice_codeunits(text, 5, 7), pa.int64()), dtype=np.int64)
        d = np.asarray(pc.cast(pc.utf8_slice_codeunits(text, 8, 10), pa.int64()), dtype=np.int64)
        good &= (m >= 1) & (m <= 12) & (d >= 1) & (d <= _days_in_month(y, np.clip(m, 1, 12))) & (y >= 1900)
        self.ok &= good | ~needed
        return y, m, d


def _days_in_month(y: np.ndarray, m: np.ndarray) -> np.ndarray:
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    days = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)[m - 1]
    return days + ((m == 2) & leap)


def _divide_half_up(a: np.ndarray, num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """a × num / den rounded half up (Form 8606 ``_times``), 0 where den is 0."""
    safe = np.where(den > 0, den, 1)
    return np.where(den > 0, (2 * a * num + safe) // (2 * safe), 0)


class _Person:
    """One person's columns: ages, income, IRAs and plan (zeros where absent)."""

    def __init__(self, c: _Cols, p: str, year: np.ndarray, present: np.ndarray) -> None:
        self.present = present
        by, bm, bd = c.date(f"{p}_born", present)
        c.ok &= ~present | (by <= year)
        self.age = year - by + ((bm == 1) & (bd == 1))
        self.born = np.where(present, by * 10_000 + bm * 100 + bd, 0)  # yyyymmdd, as state inputs take it
        month = bm + 6
        half_year = by + self.age + (month - 1) // 12
        self.age_halves = 2 * self.age + (half_year <= year)
        c.ok &= ~present | (self.age <= YOUNGEST_RMD_AGE - 1)
        # compare dates a plan's moves at 59½ when it falls in the year: from November 15 on that is
        # after the backdoor's roll-in (which then finds the rolled-over money not there yet), and from
        # December 18 the roll-out two weeks after an in-plan Roth rollover is next year's; the exact
        # path prices those (and refuses those moves)
        half_month = (bm + 5) % 12 + 1
        c.ok &= ~present | ~((by + 59 + (bm + 5) // 12 == year) & ((half_month == 12) | (half_month == 11) & (bd >= 15)))
        self.blind = c.flag(f"{p}_blind")
        self.basis = c.money(f"{p}_ira_basis")
        c.flag(f"{p}_covered_by_workplace_plan")
        c.flag(f"{p}_rmd_shortfall_corrected")
        c.require_empty(f"{p}_retirement_year", f"{p}_last_60_day_ira_rollover", f"{p}_roth_ira_conversions")
        c.zero_or_false(f"{p}_first_rmd_deferred", "bool")
        c.zero_or_false(f"{p}_rmd_from_last_year", "money")
        first, has_first = c.integer(f"{p}_roth_ira_first_year")
        c.ok &= ~has_first | ((first <= year) & (first >= 1900))
        c.money(f"{p}_roth_ira_contributions")
        self.income = {k: c.money(f"{p}_{k}", signed=k in GAINS) for k in INCOME_KINDS}
        self.id = np.where(c.empty(f"{p}_id"), p, c.text(f"{p}_id"))
        # accounts, filled by ``_accounts``
        zero = np.zeros(c.n, dtype=np.int64)
        self.ira, self.has_ira, self.roth, self.has_roth = zero.copy(), np.zeros(c.n, bool), zero.copy(), np.zeros(c.n, bool)
        self.has_plan = np.zeros(c.n, dtype=bool)
        self.pretax, self.atc, self.ate, self.rc, self.re, self.employer = (zero.copy() for _ in range(6))
        self.separated, self.irr, self.rollins, self.in_service_at, self.takes_at, self.separate = (
            np.zeros(c.n, dtype=bool) for _ in range(6))


def _accounts(c: _Cols, people: list[_Person], year: np.ndarray) -> list[np.ndarray]:
    """Read the plan and IRA slots onto their owners; returns every account id column."""
    ids = []
    owner_ids = [p.id for p in people]
    for slot in PLAN_SLOTS:
        used = ~np.all([c.empty(f"{slot}_{s}") for s in ("id", "owner", "kind")], axis=0)
        for name in c.t.column_names:
            if name.startswith(f"{slot}_"):
                used |= ~c.empty(name)
        kind = c.text(f"{slot}_kind")
        c.ok &= ~used | np.isin(kind, ["401k", "403b", "governmental_457b"])
        owner = np.where(c.empty(f"{slot}_owner"), owner_ids[0], c.text(f"{slot}_owner"))
        aid = np.where(c.empty(f"{slot}_id"), slot, c.text(f"{slot}_id"))
        ids.append(np.where(used, aid, ""))
        values = {s: c.money(f"{slot}_{s}") for s in ("pretax", "after_tax_contributions", "after_tax_earnings",
                                                        "roth_contributions", "roth_earnings", "employer_contributions")}
        c.zero_or_false(f"{slot}_pre_1987_contributions", "money")
        c.require_empty(f"{slot}_roth_in_plan_rollovers")
        c.zero_or_false(f"{slot}_first_rmd_deferred", "bool")
        c.zero_or_false(f"{slot}_rmd_from_last_year", "money")
        c.money(f"{slot}_prior_year_fica_wages")  # read for its check only: catch-ups are not compare's
        first, has_first = c.integer(f"{slot}_roth_first_year")
        c.ok &= ~has_first | ((first <= year) & (first >= 1900))
        left, has_left = c.integer(f"{slot}_separated_from_service")
        c.ok &= ~has_left | ((left <= year) & (left >= 1900))
        flags = {s: c.flag(f"{slot}_{s}") for s in ("after_tax_separate_contract", "accepts_ira_rollins",
                                                     "in_plan_roth_rollover", "takes_after_tax_contributions",
                                                     "designated_roth", "five_percent_owner")}
        sources = pc.utf8_trim_whitespace(c.t.column(f"{slot}_in_service_withdrawals")).fill_null("")
        c.ok &= np.asarray(pc.match_substring_regex(
            sources, r"^((pretax|after_tax|roth)(,(pretax|after_tax|roth))*)?$"), dtype=bool)
        at_in_service = np.asarray(pc.match_substring_regex(sources, r"(^|,)after_tax(,|$)"), dtype=bool)
        separate = flags["after_tax_separate_contract"]
        at_money = values["after_tax_contributions"] + values["after_tax_earnings"]
        # after-tax money pooled with the pretax money: pro rata over the whole contract (exact path)
        c.ok &= ~used | separate | (at_money == 0)
        matched = np.zeros(c.n, dtype=bool)
        for p in people:
            mine = used & (owner == p.id) & p.present
            c.ok &= ~(mine & p.has_plan)  # one plan a person
            matched |= mine
            p.has_plan |= mine
            p.pretax += np.where(mine, values["pretax"], 0)
            p.atc += np.where(mine, values["after_tax_contributions"], 0)
            p.ate += np.where(mine, values["after_tax_earnings"], 0)
            p.rc += np.where(mine, values["roth_contributions"], 0)
            p.re += np.where(mine, values["roth_earnings"], 0)
            p.employer += np.where(mine, values["employer_contributions"], 0)
            p.separated |= mine & has_left
            p.irr |= mine & flags["in_plan_roth_rollover"]
            p.rollins |= mine & flags["accepts_ira_rollins"]
            p.in_service_at |= mine & at_in_service
            p.takes_at |= mine & flags["takes_after_tax_contributions"]
            p.separate |= mine & separate
        c.ok &= ~used | matched
    for slot in IRA_SLOTS:
        used = np.zeros(c.n, dtype=bool)
        for name in c.t.column_names:
            if name.startswith(f"{slot}_"):
                used |= ~c.empty(name)
        kind = c.text(f"{slot}_kind")
        c.ok &= ~used | np.isin(kind, ["traditional_ira", "roth_ira"])
        owner = np.where(c.empty(f"{slot}_owner"), owner_ids[0], c.text(f"{slot}_owner"))
        aid = np.where(c.empty(f"{slot}_id"), slot, c.text(f"{slot}_id"))
        ids.append(np.where(used, aid, ""))
        value = c.money(f"{slot}_value")
        c.require_empty(f"{slot}_december_31_value")
        matched = np.zeros(c.n, dtype=bool)
        for p in people:
            mine = used & (owner == p.id) & p.present
            matched |= mine
            trad, roth = mine & (kind == "traditional_ira"), mine & (kind == "roth_ira")
            c.ok &= ~(trad & p.has_ira) & ~(roth & p.has_roth)  # one of each a person
            p.has_ira |= trad
            p.has_roth |= roth
            p.ira += np.where(trad, value, 0)
            p.roth += np.where(roth, value, 0)
        c.ok &= ~used | matched
    return ids


def _localities_ok(state: np.ndarray, locality: np.ndarray, year: np.ndarray) -> np.ndarray:
    """An empty locality, or one the loader accepts for the state (its local income tax's counties,
    ``household.residence``) that the row's year knows too (else the exact path says what is wrong)."""
    ok = locality == ""
    named = np.flatnonzero(~ok)
    seen: dict[tuple[str, str, int], bool] = {}
    for i in named:
        key = (str(state[i]), str(locality[i]), int(year[i]))
        if key not in seen:
            f = state_file(key[0]) if key[0] else None
            steps = [y.steps["local_income_tax"] for y in (f.years.values() if f else ()) if "local_income_tax" in y]
            this = f.years.get(key[2]) if f else None
            known = this is None or "local_income_tax" not in this.steps or key[1] in this.steps["local_income_tax"][
                "counties"]
            seen[key] = bool(steps) and key[1] in steps[0]["counties"] and known
        ok[i] = seen[key]
    return ok


def _ids_ok(c: _Cols, people: list[_Person], accounts: list[np.ndarray]) -> None:
    """Every id a plain identifier, none used twice (persons and accounts together)."""
    columns = [np.where(p.present, p.id, "") for p in people] + accounts
    for col in columns:
        text = pa.array(col.tolist(), type=pa.string())
        c.ok &= (col == "") | np.asarray(pc.match_substring_regex(text, _ID), dtype=bool)
    for i in range(len(columns)):
        for j in range(i + 1, len(columns)):
            c.ok &= (columns[i] == "") | (columns[i] != columns[j])


def price(table: pa.Table, goal: str, ids: list[str], exclude: set[str] = frozenset()) -> Iterator[tuple[int, dict]]:  # type: ignore[assignment]
    """(row index, output row with money in cents) for every row of the partition the fast path takes."""
    rows, columns = price_columns(table, goal, ids, exclude)
    for k, r in enumerate(rows):
        yield int(r), {name: _plain(values[k]) for name, values in columns.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.str_):
        return str(value)
    return value


def price_columns(table: pa.Table, goal: str, ids: list[str], exclude: set[str] = frozenset(),  # type: ignore[assignment]
                  state_engine: str = "auto") -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The rows of the partition the fast path takes, and their output columns (money in cents);
    ``state_engine``: the state batch's (``state_tax_batch``), the same results on either."""
    c = _Cols(table)
    c.ok &= np.array([bool(h) and not h.startswith("(row ") and h not in exclude for h in ids], dtype=bool)
    year, _ = c.integer("tax_year")
    enacted = np.array(sorted(default_set().enacted_years), dtype=np.int64)
    c.ok &= np.isin(year, enacted)
    status_text = c.text("filing_status")
    statuses = [str(s) for s in FILING_STATUSES]
    c.ok &= np.isin(status_text, statuses)
    status = np.array([statuses.index(s) if s in statuses else 0 for s in status_text], dtype=np.int64)
    joint = status_text == "married_joint"
    state = c.text("state")
    c.ok &= (state == "") | np.isin(state, list(JURISDICTIONS))
    locality = c.text("locality")
    c.ok &= _localities_ok(state, locality, year)
    lived_apart = c.flag("lived_apart_all_year")
    computation = c.text("tax_computation")
    c.ok &= np.isin(computation, ["", "tax_table", "rate_schedule"])
    c.money("magi_prior_1", signed=True)
    c.money("magi_prior_2", signed=True)
    itemizes = ~(c.empty("itemized_state_local_taxes") & c.empty("itemized_other"))
    salt, other = c.money("itemized_state_local_taxes"), c.money("itemized_other")
    household = {k: c.money(f"income_{k}", signed=k in GAINS) for k in INCOME_KINDS}
    p2_used = np.zeros(c.n, dtype=bool)
    for name in c.t.column_names:
        if name.startswith("p2_"):
            p2_used |= ~c.empty(name)
    c.ok &= p2_used == joint
    people = [_Person(c, "p1", year, np.ones(c.n, dtype=bool)), _Person(c, "p2", year, joint)]
    for k in ("wages", "social_security", "early_distribution"):  # the law looks at whose it is
        c.ok &= ~joint | (household[k] == 0)
    for k in INCOME_KINDS:
        if k not in GAINS:
            c.ok &= (household[k] >= 0) & (people[0].income[k] >= 0) & (people[1].income[k] >= 0)
    qualified = household["qualified_dividends"] + people[0].income["qualified_dividends"] + people[1].income[
        "qualified_dividends"]
    ordinary = household["ordinary_dividends"] + people[0].income["ordinary_dividends"] + people[1].income[
        "ordinary_dividends"]
    c.ok &= qualified <= ordinary
    accounts = _accounts(c, people, year)
    _ids_ok(c, people, accounts)
    for p in people:
        c.ok &= p.basis <= p.ira  # the loader's check: basis within the January 1 IRA balance
    rows = np.flatnonzero(c.ok)
    if not len(rows):
        return rows, {}
    return _priced(rows, c, goal, year, status, joint, state, locality, lived_apart, computation, itemizes, salt,
                   other, household, people, ids, state_engine)


def _strategies(rows: np.ndarray, year: np.ndarray, people: list[_Person], household: dict[str, np.ndarray]
                ) -> dict[str, Any]:
    """Per strategy: exists, permitted, each person's taxable conversion income, Roth gained,
    the pretax money left and the pretax IRA money at the year's end (columns over ``rows``)."""
    n = len(rows)
    pp = [{k: getattr(p, k)[rows] for k in ("present", "age", "basis", "ira", "has_plan", "pretax", "atc", "ate",
                                            "rc", "re", "employer", "separated", "irr", "rollins", "in_service_at",
                                            "takes_at", "separate")} for p in people]
    for q, p in zip(pp, people):
        q["wages"] = p.income["wages"][rows] + household["wages"][rows]
        q["total"] = q["pretax"] + q["atc"] + q["ate"] + q["rc"] + q["re"]
        q["money"] = q["has_plan"] & (q["total"] > 0)
        q["rollable"] = q["money"] & q["separated"]
        q["working"] = q["money"] & ~q["separated"]
    limits = {y: for_year(int(y)).retirement_limits for y in np.unique(year[rows])}
    yr = year[rows]
    aa = np.zeros(n, dtype=np.int64)
    ira_limit = np.zeros(n, dtype=np.int64)
    catch_up = np.zeros(n, dtype=np.int64)
    for y, lim in limits.items():
        at = yr == y
        aa[at], ira_limit[at], catch_up[at] = lim["annual_additions"], lim["ira_limit"], lim["ira_catch_up_50"]
    for q in pp:
        q["A"] = np.where(q["present"], ira_limit + np.where(q["age"] >= 50, catch_up, 0), 0)
    zero = np.zeros(n, dtype=np.int64)
    plans = pp[0]["money"] | pp[1]["money"]
    rollable = pp[0]["rollable"] | pp[1]["rollable"]
    base_iras = sum(q["ira"] - q["basis"] for q in pp)
    before_pretax = sum(q["pretax"] + q["ate"] + q["ira"] - q["basis"] for q in pp)
    out: dict[str, Any] = {}

    def put(name: str, exists: Any, permitted: Any, taxable: list[Any], roth: Any, pretax_left: Any,
            iras_end: Any) -> None:
        out[name] = {"exists": np.broadcast_to(exists, (n,)), "permitted": np.broadcast_to(exists & permitted, (n,)),
                     "taxable": [np.broadcast_to(t, (n,)).astype(np.int64) for t in taxable],
                     "roth": np.broadcast_to(roth, (n,)).astype(np.int64),
                     "pretax_left": np.broadcast_to(pretax_left, (n,)).astype(np.int64),
                     "iras_end": np.broadcast_to(iras_end, (n,)).astype(np.int64)}

    put("base", True, True, [zero, zero], zero, before_pretax, base_iras)
    split_roth = sum(np.where(q["rollable"], q["atc"], 0) for q in pp)
    sent = [np.where(q["rollable"], q["pretax"] + q["ate"], 0) for q in pp]
    put("split_rollover", plans, rollable, [zero, zero], split_roth, before_pretax, base_iras + sent[0] + sent[1])
    irr_offered = pp[0]["money"] & pp[0]["irr"] | pp[1]["money"] & pp[1]["irr"]
    irr_ok = rollable & irr_offered
    for q in pp:
        at = q["atc"] + q["ate"]
        irr_ok &= ~q["rollable"] | ((at == 0) | q["irr"]) & (q["rc"] + q["re"] + at > 0)
    irr_tax = [np.where(q["rollable"], q["ate"], 0) for q in pp]
    put("in_plan_roth_rollover_then_roll_out", plans, irr_ok, irr_tax,
        sum(np.where(q["rollable"], q["atc"] + q["ate"], 0) for q in pp), before_pretax - irr_tax[0] - irr_tax[1],
        base_iras + sum(np.where(q["rollable"], q["pretax"], 0) for q in pp))
    all_tax = [np.where(q["rollable"], q["pretax"] + q["ate"], 0) for q in pp]
    put("all_to_roth_ira", plans, rollable, all_tax,
        sum(np.where(q["rollable"], q["pretax"] + q["atc"] + q["ate"], 0) for q in pp),
        before_pretax - all_tax[0] - all_tax[1], base_iras)
    moves = [q["working"] & (q["atc"] > 0) for q in pp]
    service_ok = (pp[0]["working"] | pp[1]["working"]) & (moves[0] | moves[1])
    for q, m in zip(pp, moves):
        service_ok &= ~m | q["in_service_at"]
    put("in_service_after_tax_split", plans, service_ok, [zero, zero],
        sum(np.where(m, q["atc"], 0) for q, m in zip(pp, moves)), before_pretax,
        base_iras + sum(np.where(m, q["ate"], 0) for q, m in zip(pp, moves)))
    rooms = [np.where(q["working"] & q["takes_at"], np.minimum(aa, q["wages"]) - q["employer"], 0) for q in pp]
    mega = [(r > 0) for r in rooms]
    mega_any = mega[0] | mega[1]
    # the after-tax money and what is contributed, as one contract with the plan's pretax money
    # where the plan pools them (IRC §72(e)(8): pro rata, ``moves.plan.recovered``)
    mega_tax = []
    for q, m, r in zip(pp, mega, rooms):
        pooled_value = q["pretax"] + np.maximum(r, 0)
        recovered = np.minimum(r, _divide_half_up(np.maximum(r, 0), np.maximum(r, 0), pooled_value))
        mega_tax.append(np.where(m, np.where(q["separate"], q["ate"], r - recovered), 0))
    mega_roth = sum(np.where(m, q["atc"] + q["ate"] + r, 0) for q, m, r in zip(pp, mega, rooms))
    in_plan_ok, rollout_ok = mega_any.copy(), mega_any.copy()
    for q, m in zip(pp, mega):
        in_plan_ok &= ~m | q["irr"]
        rollout_ok &= ~m | q["in_service_at"]
    put("mega_backdoor_in_plan", plans, in_plan_ok, mega_tax, mega_roth, before_pretax - mega_tax[0] - mega_tax[1],
        base_iras)
    put("mega_backdoor_rollout", plans, rollout_ok, mega_tax, mega_roth, before_pretax - mega_tax[0] - mega_tax[1],
        base_iras)
    # the backdoor: a nondeductible contribution within compensation (the couple's on a joint return,
    # IRC §219(c)), converted; its taxable part by Form 8606 (lines 5, 6, 8-11, 18)
    wages_all = pp[0]["wages"] + np.where(pp[1]["present"], pp[1]["wages"], 0)
    contributions = pp[0]["A"] + pp[1]["A"]
    joint = pp[1]["present"]
    compensation_ok = np.where(joint, wages_all >= contributions, pp[0]["wages"] >= pp[0]["A"])

    def backdoor(extra: list[np.ndarray]) -> list[np.ndarray]:
        taxes = []
        for q, s in zip(pp, extra):
            a, value = q["A"], q["ira"] + s
            l5, l9 = q["basis"] + a, value + a
            l11 = np.where(l5 >= l9, a, np.minimum(_divide_half_up(a, l5, l9), l5))
            taxes.append(np.where(q["present"], a - l11, 0))
        return taxes

    def roll_in_ok(extra: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        ok, any_roll = np.ones(n, dtype=bool), np.zeros(n, dtype=bool)
        for q, s in zip(pp, extra):
            value = q["ira"] + s
            pretax = value > 0
            target = q["has_plan"] & q["rollins"]
            ok &= ~(q["present"] & pretax & ~target)
            any_roll |= q["present"] & target & (value - np.minimum(q["basis"], value) > 0)
        return ok & any_roll, any_roll

    plain = backdoor([zero, zero])
    roth_a = pp[0]["A"] + pp[1]["A"]
    put("backdoor_roth", True, compensation_ok, plain, roth_a, before_pretax - plain[0] - plain[1],
        base_iras - plain[0] - plain[1])
    ok, _ = roll_in_ok([zero, zero])
    put("backdoor_roth_with_roll_in", True, compensation_ok & ok, [zero, zero], roth_a, before_pretax, zero)
    after = backdoor(sent)
    put("split_rollover_then_backdoor_roth", plans & rollable, compensation_ok, after, split_roth + roth_a,
        before_pretax - after[0] - after[1], base_iras + sent[0] + sent[1] - after[0] - after[1])
    ok, _ = roll_in_ok(sent)
    put("split_rollover_then_backdoor_roth_with_roll_in", plans & rollable, compensation_ok & ok, [zero, zero],
        split_roth + roth_a, before_pretax, zero)
    out["_plans"] = plans
    return out


def _priced(rows: np.ndarray, c: _Cols, goal: str, year: np.ndarray, status: np.ndarray, joint: np.ndarray,
            state: np.ndarray, locality: np.ndarray, lived_apart: np.ndarray, computation: np.ndarray, itemizes: np.ndarray,
            salt: np.ndarray, other: np.ndarray, household: dict[str, np.ndarray], people: list[_Person],
            ids: list[str], state_engine: str = "auto") -> tuple[np.ndarray, dict[str, np.ndarray]]:
    from rothroute.state.batch import state_tax_batch
    from rothroute.tax.batch import federal_tax_batch
    from rothroute.tax.federal import MEDICARE_AGE
    from rothroute.tax.picked import IRMAA_LOOKBACK

    n = len(rows)
    s = _strategies(rows, year, people, household)
    names = [name for name in STRATEGIES if name in s]
    # the rows to price: the year without moves, and each permitted strategy with taxable income
    need = [(k, name) for k, name in enumerate(names)
            if k == 0 or bool((s[name]["permitted"] & ((s[name]["taxable"][0] + s[name]["taxable"][1]) > 0)).any())]
    S = len(need)
    pres = [p.present[rows] for p in people]
    ages = [p.age[rows] for p in people]
    fed: dict[str, np.ndarray] = {
        "year": np.tile(year[rows], S), "status": np.tile(status[rows], S), "lived_apart": np.tile(lived_apart[rows], S),
        "seniors": np.tile(sum((a >= 65) & q for a, q in zip(ages, pres)).astype(np.int64), S),
        "blind": np.tile(sum(p.blind[rows] & q for p, q in zip(people, pres)).astype(np.int64), S),
        "itemized_salt": np.tile(salt[rows], S), "itemized_other": np.tile(other[rows], S),
        "itemizes": np.tile(itemizes[rows], S), "tax_table": np.tile(computation[rows] != "rate_schedule", S),
        "other_additional_tax": np.zeros(n * S, dtype=np.int64), "adjustments": np.zeros(n * S, dtype=np.int64),
        "medicare_enrollees": np.tile(sum((a + IRMAA_LOOKBACK >= MEDICARE_AGE) & q for a, q in zip(ages, pres))
                                      .astype(np.int64), S),
    }
    for k, field in _FEDERAL_INCOME.items():
        total = household[k][rows] + people[0].income[k][rows] + np.where(pres[1], people[1].income[k][rows], 0)
        fed[field] = np.tile(total, S)
    moved = np.concatenate([s[name]["taxable"][0] + s[name]["taxable"][1] for _, name in need])
    fed["pension"] = fed["pension"] + moved
    values = federal_tax_batch(fed, keys=["total_tax", "f1040.11", "f1040.6b", "f1040.15", "f1040.7", "f1040.10",
                                          "f1040.12", "f1040.12.standard", "f1040.22", "f8960.17", "f6251.6",
                                          "f1040.18", "schr.22", "f5329.4", "sch1a.38",
                                          "irmaa.tier"])
    fed_total = values["total_tax"].reshape(S, n)
    tier = values["irmaa.tier"].reshape(S, n)
    st_total = np.zeros((S, n), dtype=np.int64)
    st = state[rows]
    modelled = {code: state_file(code) is not None for code in set(st.tolist()) if code}
    has_state = np.array([bool(code) and modelled[code] for code in st.tolist()], dtype=bool)  # else no state tax
    if has_state.any():
        idx = np.flatnonzero(np.tile(has_state, S))
        x: dict[str, Any] = {"state": np.tile(st, S)[idx], "locality": np.tile(locality[rows], S)[idx], "year": fed["year"][idx], "status": fed["status"][idx],
                             "federal_itemizes": (values["f1040.12"] != values["f1040.12.standard"]).astype(np.int64)[idx]}
        shape = values["f1040.11"].shape
        for name, key in FEDERAL_KEYS.items():  # the lines a state reads; Form 8962's are 0 (a book row has no
            if key is not None:                  # Marketplace coverage)
                x[name] = np.broadcast_to(federal_line(values, key), shape)[idx]
        for k, (who, p) in enumerate(zip(("p1", "p2"), people)):
            q = pres[k]
            x[f"{who}_present"] = np.tile(q.astype(np.int64), S)[idx]
            x[f"{who}_age"] = np.tile(np.where(q, p.age[rows], 0), S)[idx]
            x[f"{who}_age_halves"] = np.tile(np.where(q, p.age_halves[rows], 0), S)[idx]
            x[f"{who}_blind"] = np.tile((p.blind[rows] & q).astype(np.int64), S)[idx]
            x[f"{who}_born"] = np.tile(np.where(q, p.born[rows], 0), S)[idx]
            x[f"{who}_deferrals"] = np.zeros(len(idx), dtype=np.int64)
            for kind, field in _STATE_INCOME.items():
                shared = household[kind][rows]
                half = np.where(joint[rows], shared // 2, 0)
                mine = np.where(q, p.income[kind][rows] + (shared - half if k == 0 else half), 0)
                x[f"{who}_{field}"] = np.tile(mine, S)[idx]
            for field in ("conversion", "plan"):
                x[f"{who}_{field}"] = np.zeros(len(idx), dtype=np.int64)
            x[f"{who}_conversion"] = np.concatenate([s[name]["taxable"][k] for _, name in need])[idx]
        total = np.zeros(n * S, dtype=np.int64)
        total[idx] = state_tax_batch(x, engine=state_engine)["total"]  # a part the state's year cannot give is left
        # out, as compare does
        st_total = total.reshape(S, n)
    pos = {name: j for j, (_, name) in enumerate(need)}
    K = len(names)
    cost, fcost, scost, tiers = (np.zeros((K, n), dtype=np.int64) for _ in range(4))
    for k, name in enumerate(names):
        j = pos.get(name, 0)
        fcost[k] = fed_total[j] - fed_total[0]
        scost[k] = st_total[j] - st_total[0]
        cost[k] = fcost[k] + scost[k]
        tiers[k] = tier[j]
    permitted = np.array([s[name]["permitted"] for name in names])
    roth = np.array([s[name]["roth"] for name in names])
    iras_end = np.array([s[name]["iras_end"] for name in names])
    g = Goal(goal)
    keys = {Goal.LEAST_TAX_NOW: cost, Goal.MOST_ROTH: -roth, Goal.CLEAN_BACKDOOR: iras_end}
    order = TIE_BREAKS[g]
    big = np.iinfo(np.int64).max
    ranked = np.lexsort((np.broadcast_to(np.arange(K)[:, None], (K, n)),
                         *(np.where(permitted, keys[o], big) for o in reversed(order))), axis=0)
    counts = permitted.sum(axis=0)
    exists = np.array([s[name]["exists"] for name in names]).sum(axis=0)
    take = counts >= 2
    base_name = np.where(s["_plans"], "leave_in_plan", "do_nothing")
    names_arr = np.array(names, dtype=object)
    backdoor_k = names.index("backdoor_roth")
    roll_k = names.index("backdoor_roth_with_roll_in")
    split_k, service_k = names.index("split_rollover"), names.index("in_service_after_tax_split")
    cols = np.arange(n)
    first, second = ranked[0], ranked[1]

    def at(arr: np.ndarray, k: np.ndarray) -> np.ndarray:
        return arr[k, cols]

    rec_key = [at(cost, first), at(roth, first), at(iras_end, first)]
    nxt_key = [at(cost, second), at(roth, second), at(iras_end, second)]
    base_key = [cost[0], roth[0], iras_end[0]]
    backdoor_taxable = s["backdoor_roth"]["taxable"][0] + s["backdoor_roth"]["taxable"][1]
    split_value = np.where(permitted[split_k], roth[split_k], np.where(permitted[service_k], roth[service_k], 0))
    pretax_left = np.array([s[name]["pretax_left"] for name in names])
    j = np.flatnonzero(take)
    r = rows[j]
    rec, nxt = first[j], second[j]
    vs_base, base_measure, value = _deltas(g, [x[j] for x in rec_key], [x[j] for x in base_key])
    vs_next, next_measure, margin = _deltas(g, [x[j] for x in rec_key], [x[j] for x in nxt_key])
    bd = permitted[backdoor_k, j]
    taxable = backdoor_taxable[j]
    pick = (rec, j)
    statuses = np.array([str(x) for x in FILING_STATUSES], dtype=object)
    return r, {
        "household_id": np.asarray(ids, dtype=object)[r], "status": np.full(len(j), "priced", dtype=object),
        "codes": np.full(len(j), None, dtype=object), "path": np.full(len(j), "fast", dtype=object),
        "tax_year": year[r], "filing_status": statuses[status[r]],
        "state": np.where(state[r] == "", None, state[r]), "goal": np.full(len(j), str(g), dtype=object),
        "recommended": np.where(rec == 0, base_name[j], names_arr[rec]),
        "cost": cost[pick], "federal_cost": fcost[pick], "state_cost": scost[pick], "roth_gained": roth[pick],
        "pretax_left": pretax_left[pick], "pretax_iras_end": iras_end[pick], "irmaa_tier": tiers[pick],
        "baseline": base_name[j], "baseline_irmaa_tier": tiers[0, j], "crosses_irmaa_tier": tiers[pick] > tiers[0, j],
        "tax_saved_vs_baseline": vs_base["tax_saved"], "roth_vs_baseline": vs_base["roth"],
        "pretax_iras_cleared_vs_baseline": vs_base["pretax_iras_cleared"],
        "value_measure": base_measure, "value": value,
        "next_best": np.where(nxt == 0, base_name[j], names_arr[nxt]),
        "tax_saved_vs_next_best": vs_next["tax_saved"], "roth_vs_next_best": vs_next["roth"],
        "pretax_iras_cleared_vs_next_best": vs_next["pretax_iras_cleared"],
        "next_best_measure": next_measure, "margin": margin,
        "after_tax_to_roth_tax_free": split_value[j],
        "backdoor_taxable": np.where(bd, taxable, None), "backdoor_pro_rata": bd & (taxable != 0),
        "roll_in_clears_pro_rata": bd & (taxable != 0) & permitted[roll_k, j],
        "rmd_due": np.zeros(len(j), dtype=np.int64), "strategies_permitted": counts[j],
        "strategies_ruled_out": exists[j] - counts[j],
    }


def _deltas(goal: Goal, better: list[np.ndarray], worse: list[np.ndarray]
            ) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Columns of ``outcome.deltas``: each measure's difference, the first that differs in the
    goal's order, and by how much."""
    diff = {"tax_saved": worse[0] - better[0], "roth": better[1] - worse[1],
            "pretax_iras_cleared": worse[2] - better[2]}
    measure = np.full(len(better[0]), None, dtype=object)
    value = np.zeros(len(better[0]), dtype=np.int64)
    for g in reversed(TIE_BREAKS[goal]):  # the first in the goal's order is written last
        d = diff[MEASURES[g]]
        measure = np.where(d != 0, MEASURES[g], measure)
        value = np.where(d != 0, d, value)
    return diff, measure, value
