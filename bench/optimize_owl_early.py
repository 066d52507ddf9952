"""rothroute optimize against Owl (owlplanner, GPL; run as a peer, never copied) on early retirees and claiming
ages (issue #16 item 5), in one run.

    python bench/optimize_owl_early.py                 # the whole table (tens of minutes on a shared machine)
    python bench/optimize_owl_early.py --only single_aca --owl-modes loop

Part A, early retirees before Medicare with a taxable (brokerage) account and Marketplace coverage: Owl is
given its own taxable account (balance, cost basis, dividend rate), its ACA option (``setACA``: the benchmark
silver premium) and its state (Texas: no income tax, and no Medicaid for adults, so Owl's Medicaid bracket
below 138% of the poverty line, which rothroute does not model, does not exist here); rothroute the same
household with ``kind: taxable`` and ``health_coverage``. Owl runs in its loop mode (IRMAA, Social Security
taxability, gains, NIIT and the ACA credit held at the last iterate) and its exact mode
(``breakpointMethod="branch-and-bound"``: every one of them a binary in the MIP).

Part B, couples choosing when to claim Social Security: Owl's ``withSSAges="optimize"`` (a full solve at each
claiming age of each person in turn, coordinate search, until neither moves) against ``rothroute optimize
--claiming optimize``. Owl searches every month from 62 to 70; rothroute chooses whole years of age. So that
both choose from the same ages, Owl's list of open ages is given whole years (its ``_ssaOpenAges``, replaced on
the instance: 62 at the first month Owl allows, then 63 to 70): 9 candidates a person instead of 97, which makes
Owl faster, not slower. Owl runs each candidate in its loop mode and in its IRMAA and Social Security
taxability exact mode (as the part-1 bench, ``bench/optimize_owl.py``).

Each Owl plan is carried out whole by rothroute's engine (its conversions, its withdrawals from the tax-deferred
accounts beyond its RMDs, its Roth withdrawals; at Owl's claiming ages in part B); the taxable account is
rothroute's cash account and takes what is left (selling when the year is short, buying what it leaves). One
yardstick for both: after-tax wealth at the horizon, re-priced year by year. Times: each solver's own wall time
for the plan (Owl: ``solve``, its claiming search included; rothroute: the tax curves, the mixed-integer program,
its rounds and re-pricing, its claiming search included, without the yardsticks), as ratios."""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import sys
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from rothroute import load_text  # noqa: E402
from rothroute.optimize.horizon import Assumptions, run, worth_at_end  # noqa: E402
from rothroute.optimize.plan import optimize  # noqa: E402
from rothroute.optimize.schedule import schedule  # noqa: E402

GROWTH, INFLATION, HEIRS = Fraction(5, 100), Fraction(25, 1000), Fraction(24, 100)


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    born: str
    life: int  # Owl's life expectancy (age), the plan's last year; rothroute's ``life_expectancy``
    ira: int
    roth: int
    pia: int  # a month, at full retirement age
    claim: int  # the file's claiming age (part B: where both searches start)
    taxable: int = 0
    basis: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    name: str
    people: tuple[Person, ...]
    spending: int  # dollars a year after tax, first-year dollars, growing with inflation
    dividends: float = 0.0  # percent a year of the taxable account (qualified dividends)
    benchmark: int = 0  # dollars a month: the Marketplace benchmark (second lowest cost silver) premium, household
    claiming: bool = False


CASES = [
    # part A: early retirees, Texas, Marketplace coverage until Medicare
    Case(name="single_aca", people=(Person(born="1968-06-15", life=76, ira=700_000, roth=0, pia=2400, claim=67,
                                           taxable=500_000, basis=300_000),),
         spending=60_000, dividends=1.5, benchmark=800),
    Case(name="couple_aca", people=(Person(born="1966-03-10", life=80, ira=900_000, roth=40_000, pia=2800, claim=67,
                                           taxable=400_000, basis=250_000),
                                    Person(born="1966-03-20", life=80, ira=300_000, roth=0, pia=1700, claim=67)),
         spending=90_000, dividends=1.5, benchmark=2000),
    # part B: couples who have not claimed (both turn 62 after the plan's first year), claiming ages chosen
    Case(name="couple_claiming", people=(Person(born="1965-02-15", life=92, ira=1_000_000, roth=50_000, pia=3000,
                                                claim=67),
                                         Person(born="1966-07-20", life=92, ira=500_000, roth=0, pia=1400, claim=67)),
         spending=80_000, claiming=True),
    Case(name="couple_claiming_small", people=(Person(born="1965-09-01", life=90, ira=450_000, roth=30_000, pia=2600,
                                                      claim=67),
                                               Person(born="1965-11-20", life=90, ira=250_000, roth=0, pia=2000,
                                                      claim=67)),
         spending=60_000, claiming=True),
]

OWL_TIME = 300  # seconds: Owl's own time limit a solve (its default, 900, would hold one household for hours)
OWL_MODES_A = [("loop", {}), ("exact (branch-and-bound)", {"breakpointMethod": "branch-and-bound", "maxTime": OWL_TIME})]
OWL_MODES_B = [("loop", {}), ("irmaa exact", {"withMedicare": "optimize", "maxTime": OWL_TIME}),
               ("irmaa + ss exact", {"withMedicare": "optimize", "withSSTaxability": "optimize", "maxTime": OWL_TIME})]


def assumptions(c: Case) -> Assumptions:
    return Assumptions(growth=GROWTH, inflation=INFLATION, heirs_rate=HEIRS, spending=c.spending * 100)


def household(c: Case, claims: tuple[int, ...] | None = None) -> str:
    """rothroute's file for ``c`` (claims: claiming ages in months, else the case's own)."""
    ids = "ab"
    status = "married_joint" if len(c.people) == 2 else "single"
    people = ""
    for k, (pid, p) in enumerate(zip(ids, c.people)):
        months = claims[k] if claims else p.claim * 12
        extra = f", claim_age_months: {months % 12}" if months % 12 else ""
        people += (f"  - {{id: {pid}, born: {p.born}, life_expectancy: {p.life}, social_security: "
                   f"{{benefit_at_full_retirement_age: {p.pia}, claim_age: {months // 12}{extra}}}}}\n")
    accounts = ""
    for pid, p in zip(ids, c.people):
        accounts += (f"  - {{id: {pid}_ira, owner: {pid}, kind: traditional_ira, value: {p.ira}}}\n"
                     f"  - {{id: {pid}_roth, owner: {pid}, kind: roth_ira, value: {p.roth}}}\n")
        if p.taxable:
            accounts += (f"  - {{id: {pid}_brokerage, owner: {pid}, kind: taxable, value: {p.taxable}, "
                         f"cost_basis: {p.basis}, qualified_dividend_yield: {c.dividends}}}\n")
    coverage = f"health_coverage: {{benchmark_premium: {c.benchmark}}}\n" if c.benchmark else ""
    return (f"format: 1\ntax_year: 2026\nfiling_status: {status}\ntax_computation: rate_schedule\nstate: TX\n"
            f"people:\n{people}accounts:\n{accounts}{coverage}")


@dataclass(frozen=True, slots=True, kw_only=True)
class OwlPlan:
    seconds: float
    years: int
    conversions: dict[str, list[int]]
    withdrawals: dict[str, list[int]]
    roth_withdrawals: dict[str, list[int]]
    claims: tuple[int, ...]  # claiming ages, months
    status: str
    gap: float  # Owl's MIP gap at the end (its ``solverGap``; -1: none)
    cpu: float = -1.0  # CPU seconds of the solve (every thread of the process; -1: not measured, an older cache)


def _whole_years(p: Any) -> None:
    """Owl's claiming search over whole years of age (62 at the first month Owl allows, then 63 to 70), as
    rothroute's: its list of open ages, replaced on this instance."""
    months = p._ssaOpenAges  # noqa: SLF001 - the one place Owl lists the candidates

    def open_ages(i: int) -> list[float]:
        allowed = months(i)
        first = min(allowed) if allowed else 70.0
        return sorted({first, *(float(a) for a in range(63, 71) if a >= first)})

    p._ssaOpenAges = open_ages  # noqa: SLF001


def owl_plan(c: Case, options: dict) -> OwlPlan:
    import owlplanner as owl

    n_people = len(c.people)
    names = ["A", "B"][:n_people]
    p = owl.Plan(names, [x.born for x in c.people], [x.life for x in c.people], c.name, verbose=False,
                 logstreams=[io.StringIO()])
    p.setAccountBalances(taxable=[x.taxable for x in c.people], taxDeferred=[x.ira for x in c.people],
                         taxFree=[x.roth for x in c.people], startDate="01-01", units="1")
    if any(x.taxable for x in c.people):
        # Owl's cost basis of 0 means "not given" (its legacy estimate): a person without a taxable account gets 1
        p.setCostBasis([x.basis if x.taxable else 0 for x in c.people], units="1")
    p.setSocialSecurity([x.pia for x in c.people], [x.claim for x in c.people])
    p.setRates("user", values=[5, 5, 5, 2.5])
    p.setAllocationRatios("individual", generic=[[[100, 0, 0, 0], [100, 0, 0, 0]]] * n_people)  # all stocks
    p.setDividendRate(c.dividends)
    p.setSpendingProfile("flat", 100)
    p.setHeirsTaxRate(24)
    p.setExpirationYearOBBBA(2099)
    p.setStateTax("TX")
    if c.benchmark:
        p.setACA(c.benchmark * 12, units="1")
    extra = {}
    if c.claiming:
        _whole_years(p)
        extra["withSSAges"] = "optimize"
    start, cpu = time.perf_counter(), time.process_time()
    p.solve("maxBequest", options={"units": "1", "solver": "HiGHS", "netSpending": c.spending,
                                   "previousMAGIs": [0, 0], **options, **extra})
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    n = len(p.year_n)

    def cents_of(row: Any) -> list[int]:
        return [int(round(float(v) * 100)) for v in row[:n]]

    ids = "ab"
    return OwlPlan(seconds=seconds, cpu=cpu, years=n, status=str(p.caseStatus), gap=float(getattr(p, "solverGap", -1.0)),
                   conversions={pid: cents_of(p.x_in[i]) for i, pid in enumerate(ids[:n_people])},
                   withdrawals={pid: [max(0, w - r) for w, r in zip(cents_of(p.w_ijn[i][1]), cents_of(p.rmd_in[i]))]
                                for i, pid in enumerate(ids[:n_people])},
                   roth_withdrawals={pid: cents_of(p.w_ijn[i][2]) for i, pid in enumerate(ids[:n_people])},
                   claims=tuple(int(round(float(a) * 12)) for a in p.ssecAges))


def owl_exact_gap() -> float:
    from owlplanner import plan as owl_plan_module

    return float(owl_plan_module.MILP_GAP)


def ours(c: Case, years: int, gap: float, time_limit: float, plan_file: bool = False) -> tuple[float, float, int, Any]:
    """rothroute's plan: (seconds, CPU seconds, after-tax wealth in cents, the plan); ``plan_file=True``: the
    claiming search planning the file's own ages in full (``optimize_claiming``'s; its default prunes them)."""
    from rothroute.optimize.claiming import optimize_claiming

    a = assumptions(c)
    h = load_text(household(c))
    start, cpu = time.perf_counter(), time.process_time()
    if c.claiming:
        plan = optimize_claiming(h, years, a, with_baselines=False, gap=gap, time_limit=time_limit,
                                 plan_file=plan_file)
    else:
        plan = optimize(h, years, a, with_baselines=False, gap=gap, time_limit=time_limit)
    return time.perf_counter() - start, time.process_time() - cpu, worth_at_end(plan.years, a).after_tax, plan


def repriced(c: Case, plan: OwlPlan) -> int:
    """Owl's plan carried out by rothroute's engine (at Owl's claiming ages): after-tax wealth, cents."""
    a = assumptions(c)
    h = load_text(household(c, plan.claims if c.claiming else None))
    policy = schedule(plan.conversions, h.tax_year, plan.withdrawals, plan.roth_withdrawals)
    return worth_at_end(run(h, plan.years, policy, a, fund_spending=True), a).after_tax


def _usd(cents: int) -> str:
    return f"{'-' if cents < 0 else ''}${abs(cents) / 100:,.0f}"


def _ages(months: tuple[int, ...]) -> str:
    return "/".join(f"{m // 12}" + (f"y{m % 12}m" if m % 12 else "") for m in months)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", help="the cases to run (default: all)")
    parser.add_argument("--owl-modes", nargs="*", help="Owl's modes to run, by label (default: all)")
    parser.add_argument("--time-limit", type=float, default=300.0, help="rothroute's time limit a plan (seconds)")
    parser.add_argument("--own-gap-only", action="store_true", help="rothroute at its own gap only (not also at Owl's)")
    parser.add_argument("--file-planned", action="store_true",
                        help="part B: also rothroute's claiming search with the file's ages always planned in full")
    parser.add_argument("--owl-cache", type=Path, help="a JSON file keeping Owl's plans (read if there, else written)")
    args = parser.parse_args()
    gap = owl_exact_gap()
    print(f"load average at the start: {', '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print(f"| household | solver | seconds | rothroute faster by | CPU seconds | faster by (CPU) | at Owl's gap "
          f"({gap:.0e}): faster by | claiming ages | after-tax wealth, re-priced by rothroute | rothroute ahead by | "
          "at Owl's gap: ahead by |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
    for c in CASES:
        if args.only and c.name not in args.only:
            continue
        modes = OWL_MODES_B if c.claiming else OWL_MODES_A
        owl_rows = []
        for label, options in modes:
            if args.owl_modes and label not in args.owl_modes:
                continue
            key = f"{c.name}/{label}"
            cache = json.loads(args.owl_cache.read_text()) if args.owl_cache and args.owl_cache.exists() else {}
            if key in cache:
                found = cache[key]
                plan = OwlPlan(**{**found, "claims": tuple(found["claims"])})
            else:
                plan = owl_plan(c, options)
                if args.owl_cache:  # written as each plan is found: a long run keeps what it has
                    cache = json.loads(args.owl_cache.read_text()) if args.owl_cache.exists() else {}
                    cache[key] = dataclasses.asdict(plan)
                    args.owl_cache.write_text(json.dumps(cache))
            owl_rows.append((f"Owl {label}", plan))
        years = owl_rows[0][1].years
        mine = {}
        runs = [("rothroute", 1e-4, False), ("rothroute at Owl's gap", gap, False)][:1 if args.own_gap_only else 2]
        if c.claiming and args.file_planned:
            runs.append(("rothroute, the file's ages planned in full", 1e-4, True))
        for name, tolerance, plan_file in runs:
            seconds, cpu, worth, plan = ours(c, years, tolerance, args.time_limit, plan_file)
            chosen = tuple(12 * plan.claiming["chosen"][pid]["claim_age"] for pid in sorted(plan.claiming["chosen"])) \
                if c.claiming and plan.claiming else ()
            mine[name] = (seconds, cpu, worth, plan, chosen)
        tight, tight_cpu, tight_worth, *_ = mine["rothroute"]
        loose, _, loose_worth, *_ = mine.get("rothroute at Owl's gap", mine["rothroute"])
        for name, (seconds, cpu, worth, plan, chosen) in mine.items():
            note = "" if plan.settled else f" (unsettled: {plan.unsettled.get('reason')})"
            print(f"| {c.name + f' ({years} years)' if name == 'rothroute' else ''} | {name}{note} | {seconds:.2f} | "
                  f"{tight / seconds:.1f}x | {cpu:.2f} | {tight_cpu / cpu:.1f}x | {loose / seconds:.1f}x | "
                  f"{_ages(chosen) if chosen else ''} | "
                  f"${worth / 100:,.0f} | | |", flush=True)
        for label, plan in owl_rows:
            worth = repriced(c, plan)
            said = "" if plan.status == "solved" else f" ({plan.status})"
            said += f" (stopped at gap {plan.gap:.1e})" if plan.gap > 1.01 * gap else ""
            cpu = f"{plan.cpu:.2f} | {plan.cpu / tight_cpu:.1f}x" if plan.cpu >= 0 else "(cache: not kept) |"
            print(f"| | {label}{said} | {plan.seconds:.2f} | "
                  f"{plan.seconds / tight:.1f}x | {cpu} | {plan.seconds / loose:.1f}x | "
                  f"{_ages(plan.claims) if c.claiming else ''} | ${worth / 100:,.0f} | {_usd(tight_worth - worth)} | "
                  f"{_usd(loose_worth - worth)} |", flush=True)
    print(f"load average at the end: {', '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
