"""rothroute optimize against Owl (owlplanner, GPL; run as a peer, never copied), in one run.

    python bench/optimize_owl.py            # about a minute or two
    python bench/optimize_owl.py --quick    # one household, Owl's fast modes
    python bench/optimize_owl.py --repeat 3 # each time the median of three (both tools), on a loaded machine

Part 1, households Owl can represent (a couple, IRAs and a Roth IRA, no basis), on the same life
assumptions: Social Security from the same PIA and claim ages (issue #15: also not yet claimed), the
same life expectancies (a first death on one household), the same giving on another (Owl spends it,
rothroute gives it, by QCD where the law allows). Each is solved by Owl in its three IRMAA/Social
Security modes and by rothroute. Each Owl plan is then carried out whole by rothroute's engine, year by
year: its conversions, its withdrawals from the tax-deferred account beyond its RMD, its Roth
withdrawals (its taxable account is rothroute's cash account: what is left goes there), so both
objectives are measured by one yardstick: after-tax wealth at the horizon. What still differs:
Owl's Medicare has no Part D base premium (rothroute's stated assumption has one; it is the same in
both re-priced plans, a cost no decision changes); Owl pays Social Security in arrears from the
month after the claim, rothroute by entitlement month (the claim year's benefits differ by a month);
Owl moves money at the start of each year, rothroute on its dates (withdrawals when spent,
conversions on December 1); Owl knows no QCD, so its plan for the charitable couple gives in cash,
deducted as the law of the year allows. Times are each solver's own wall time for the plan (Owl:
``solve``; rothroute: the tax curves, the mixed-integer program and its re-pricing, without the
baselines), reported as ratios; rothroute runs twice, at its own MIP gap (1e-4) and at the gap Owl sets
itself in its exact modes (``owlplanner.plan.MILP_GAP``, 3e-3): like for like in the solver's tolerance too.

Part 2, households Owl cannot represent (IRA basis; after-tax money in a former employer's
401(k)): rothroute's plan for the true household against its plan for the household as Owl would
see it (all pretax), both carried out on the true household and re-priced: what modelling the
basis is worth in dollars."""

from __future__ import annotations

import argparse
import dataclasses
import io
import statistics
import sys
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rothroute import load_text  # noqa: E402
from rothroute.optimize.baselines import with_roth_iras  # noqa: E402
from rothroute.optimize.horizon import Assumptions, run, worth_at_end  # noqa: E402
from rothroute.optimize.plan import optimize, plan_from  # noqa: E402
from rothroute.optimize.pools import pools  # noqa: E402
from rothroute.optimize.schedule import cents, following, schedule  # noqa: E402

A = Assumptions(growth=Fraction(5, 100), inflation=Fraction(25, 1000), heirs_rate=Fraction(24, 100))

COUPLES = [  # (name, born A, born B, IRA A, IRA B, Roth A, monthly Social Security A, B at full retirement age,
    # claim ages A, B, life expectancies A, B, giving a year (first-year dollars))
    ("couple_mid", "1955-01-15", "1958-07-15", 1_100_000, 640_000, 90_000, 3000, 1800, 70, 67, 96, 96, 0),
    ("couple_large", "1955-01-15", "1957-05-10", 2_600_000, 900_000, 0, 3600, 2200, 70, 67, 96, 96, 0),
    ("couple_small", "1956-02-20", "1958-09-01", 450_000, 300_000, 60_000, 2400, 1500, 70, 67, 96, 96, 0),
    # the households issue #15 adds: a first death (A at 80), charitable giving past 70½, Social Security not
    # yet claimed (both in their early 60s)
    ("couple_first_death", "1956-02-20", "1958-09-01", 1_200_000, 500_000, 0, 2800, 1600, 70, 67, 80, 96, 0),
    ("couple_giving", "1953-04-10", "1955-06-20", 1_500_000, 600_000, 0, 3000, 1800, 70, 67, 96, 96, 15_000),
    ("couple_not_claimed", "1962-05-15", "1964-03-10", 900_000, 400_000, 50_000, 3200, 2000, 70, 67, 96, 96, 0),
]
OWL_MODES = [("loop", {"withMedicare": "loop"}), ("irmaa exact", {"withMedicare": "optimize"}),
             ("irmaa + ss exact", {"withMedicare": "optimize", "withSSTaxability": "optimize"})]


@dataclass(frozen=True, slots=True, kw_only=True)
class OwlPlan:
    seconds: float
    years: int
    conversions: dict[str, list[int]]  # cents per year, each person
    withdrawals: dict[str, list[int]]  # from the tax-deferred account beyond Owl's own RMD, cents
    roth_withdrawals: dict[str, list[int]]


def owl_plan(c: tuple, options: dict) -> OwlPlan:
    """Owl's plan for couple ``c``, its whole plan kept: conversions, withdrawals from the tax-deferred and
    Roth accounts (its taxable account is rothroute's cash account: deposits and draws are what is left)."""
    import owlplanner as owl

    name, born_a, born_b, ira_a, ira_b, roth_a, ss_a, ss_b, claim_a, claim_b, life_a, life_b, giving = c
    p = owl.Plan(["A", "B"], [born_a, born_b], [life_a, life_b], name, verbose=False, logstreams=[io.StringIO()])
    p.setAccountBalances(taxable=[0, 0], taxDeferred=[ira_a, ira_b], taxFree=[roth_a, 0], startDate="01-01", units="1")
    p.setSocialSecurity([ss_a, ss_b], [claim_a, claim_b])
    p.setRates("user", values=[5, 5, 5, 2.5])
    p.setAllocationRatios("spouses", generic=[[100, 0, 0, 0], [100, 0, 0, 0]])
    p.setDividendRate(0)
    p.setSpendingProfile("flat", 100)  # the gifts go on after a death (Owl spends nothing else: $1 a year)
    p.setHeirsTaxRate(24)
    p.setExpirationYearOBBBA(2099)
    start = time.perf_counter()
    p.solve("maxBequest", options={"units": "1", "solver": "HiGHS", "netSpending": max(1, giving),
                                   "previousMAGIs": [0, 0], **options})
    seconds = time.perf_counter() - start
    n = len(p.year_n)

    def cents_of(row: Any) -> list[int]:
        return [int(round(float(v) * 100)) for v in row[:n]]

    people = ("a", "b")
    return OwlPlan(seconds=seconds, years=n,
                   conversions={pid: cents_of(p.x_in[i]) for i, pid in enumerate(people)},
                   withdrawals={pid: [max(0, w - r) for w, r in zip(cents_of(p.w_ijn[i][1]), cents_of(p.rmd_in[i]))]
                                for i, pid in enumerate(people)},
                   roth_withdrawals={pid: cents_of(p.w_ijn[i][2]) for i, pid in enumerate(people)})


def household(c: tuple, ss: list[float] | None = None) -> str:
    """rothroute's file for couple ``c``: Social Security by its claim (the PIA and claim age Owl is given),
    or, with ``ss``, as first-year benefits already paid; life expectancies as Owl's."""
    name, born_a, born_b, ira_a, ira_b, roth_a, ss_a, ss_b = c[:8]
    claims, lives = (c[8:10], c[10:12]) if len(c) > 8 else ((70, 67), (None, None))
    if ss is None:
        people = "".join(f"  - {{id: {pid}, born: {born}, life_expectancy: {life}, social_security: "
                         f"{{benefit_at_full_retirement_age: {pia}, claim_age: {claim}}}}}\n"
                         for pid, born, life, pia, claim in zip("ab", (born_a, born_b), lives, (ss_a, ss_b), claims))
        income = ""
    else:
        people = f"  - {{id: a, born: {born_a}}}\n  - {{id: b, born: {born_b}}}\n"
        income = (f"income:\n  - {{person: a, kind: social_security, amount: {ss[0]:.2f}}}\n"
                  f"  - {{person: b, kind: social_security, amount: {ss[1]:.2f}}}\n")
    return (f"format: 1\ntax_year: 2026\nfiling_status: married_joint\ntax_computation: rate_schedule\npeople:\n"
            f"{people}{income}accounts:\n"
            f"  - {{id: a_ira, owner: a, kind: traditional_ira, value: {ira_a}}}\n"
            f"  - {{id: b_ira, owner: b, kind: traditional_ira, value: {ira_b}}}\n"
            f"  - {{id: a_roth, owner: a, kind: roth_ira, value: {roth_a}}}\n"
            f"  - {{id: b_roth, owner: b, kind: roth_ira, value: 0}}\n")


def owl_exact_gap() -> float:
    """The MIP gap Owl sets itself in its exact-Medicare modes (``owlplanner.plan.MILP_GAP``, 30 times its default
    1e-4: "go easy on MILP"), read from the installed Owl."""
    from owlplanner import plan as owl_plan_module

    return float(owl_plan_module.MILP_GAP)


def _owl_timed(c: tuple, options: dict, repeat: int) -> OwlPlan:
    """Owl's plan, its time the median of ``repeat`` solves (the plan is the same each time)."""
    plans = [owl_plan(c, options) for _ in range(repeat)]
    return dataclasses.replace(plans[0], seconds=statistics.median(p.seconds for p in plans))


def part1(quick: bool, repeat: int = 1) -> None:
    gap = owl_exact_gap()
    print(f"| household | solver | seconds | rothroute faster by | at Owl's gap ({gap:.0e}): faster by | "
          "after-tax wealth, re-priced by rothroute | rothroute ahead by | at Owl's gap: ahead by |\n"
          "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    # one untimed run of each first: imports, parameter files and compiled kernels load once per process
    first = owl_plan(COUPLES[0], OWL_MODES[0][1])
    optimize(load_text(household(COUPLES[0])), first.years, A, with_baselines=False)
    for c in COUPLES[:1] if quick else COUPLES:
        a = dataclasses.replace(A, giving=c[12] * 100)
        rows = [(f"Owl {label}", _owl_timed(c, options, repeat)) for label, options in (OWL_MODES[:2] if quick else OWL_MODES)]
        years = rows[0][1].years
        h = load_text(household(c))
        ours = {}
        for name, tolerance in (("rothroute", 1e-4), (f"rothroute at Owl's gap", gap)):
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                plan = optimize(h, years, a, with_baselines=False, gap=tolerance)
                times.append(time.perf_counter() - start)
            ours[name] = (statistics.median(times), worth_at_end(plan.years, a).after_tax)
        (tight, tight_worth), (loose, loose_worth) = ours.values()
        for name, (seconds, worth) in ours.items():
            print(f"| {c[0] + f' ({years} years)' if name == 'rothroute' else ''} | {name} | {seconds:.2f} | "
                  f"{tight / seconds:.1f}x | {loose / seconds:.1f}x | ${worth / 100:,.0f} | | |")
        for label, plan in rows:
            # Owl's whole plan carried out by rothroute's engine: conversions, withdrawals beyond the RMD from the
            # IRAs and from the Roth IRAs; the cash account takes what is left, as Owl's taxable account does
            policy = schedule(plan.conversions, h.tax_year, plan.withdrawals, plan.roth_withdrawals)
            worth = worth_at_end(run(h, years, policy, a), a).after_tax
            print(f"| | {label} | {plan.seconds:.2f} | {plan.seconds / tight:.1f}x | {plan.seconds / loose:.1f}x | "
                  f"${worth / 100:,.0f} | {_usd(tight_worth - worth)} | {_usd(loose_worth - worth)} |")


def _usd(cents: int) -> str:
    return f"{'-' if cents < 0 else ''}${abs(cents) / 100:,.0f}"


BASIS = """\
format: 1
tax_year: 2026
filing_status: married_joint
tax_computation: rate_schedule
people:
  - {id: a, born: 1960-03-01, ira_basis: BASIS}
  - {id: b, born: 1962-08-15}
income:
  - {person: a, kind: social_security, amount: 30000}
  - {kind: taxable_interest, amount: 6000}
accounts:
  - {id: a_ira, owner: a, kind: traditional_ira, value: 700000}
  - {id: b_ira, owner: b, kind: traditional_ira, value: 400000}
  - {id: a_roth, owner: a, kind: roth_ira, value: 50000}
"""


def part2() -> None:
    print("\n| household Owl cannot represent | plan | after-tax wealth, true household | worth of modelling it |\n"
          "| --- | --- | ---: | ---: |")
    for basis in (100_000, 250_000):
        true = with_roth_iras(load_text(BASIS.replace("BASIS", str(basis))))
        blind = load_text(BASIS.replace("BASIS", "0"))
        years = 25
        aware = worth_at_end(optimize(true, years, A, with_baselines=False).years, A).after_tax
        plan = optimize(blind, years, A, with_baselines=False)
        pooled = worth_at_end(run(true, years, schedule(cents(plan.solution.conversions), true.tax_year), A),
                              A).after_tax
        print(f"| IRA basis ${basis:,} | planned with the basis | ${aware / 100:,.0f} | |")
        print(f"| | planned as all pretax (Owl's view) | ${pooled / 100:,.0f} | ${(aware - pooled) / 100:,.0f} |")


AFTER_TAX_401K = """\
format: 1
tax_year: 2026
filing_status: married_joint
tax_computation: rate_schedule
people:
  - {id: a, born: 1960-03-01}
  - {id: b, born: 1962-08-15}
income:
  - {person: a, kind: social_security, amount: 30000}
  - {kind: taxable_interest, amount: 6000}
accounts:
  - {id: a_ira, owner: a, kind: traditional_ira, value: 300000}
  - {id: b_ira, owner: b, kind: traditional_ira, value: 400000}
  - id: a_401k
    owner: a
    kind: 401k
    sources: {pretax: PRETAX, after_tax: {contributions: AFTER_TAX, earnings: 0}}
    plan: {separated_from_service: 2024, in_plan_roth_rollover: true}
"""


def part3() -> None:
    """A former employer's 401(k) holding after-tax money: planned knowing it, and planned as Owl
    would see it (all of it pretax), each plan then carried out on the true household."""
    for after_tax in (100_000, 250_000):
        true = with_roth_iras(load_text(AFTER_TAX_401K.replace("PRETAX", str(500_000 - after_tax))
                                        .replace("AFTER_TAX", str(after_tax))))
        blind = with_roth_iras(load_text(AFTER_TAX_401K.replace("PRETAX", "500000").replace("AFTER_TAX", "0")))
        years = 25
        aware = worth_at_end(plan_from(true, years, A).years, A).after_tax
        seen = plan_from(blind, years, A).solution
        followed = following(seen, true.tax_year, {p.id: pools(true, p.id) for p in true.people})
        pooled = worth_at_end(run(true, years, followed, A, fund_spending=True), A).after_tax
        print(f"| 401(k) after-tax money ${after_tax:,} of $500,000 | planned with the basis | ${aware / 100:,.0f} | |")
        print(f"| | planned as all pretax (Owl's view) | ${pooled / 100:,.0f} | ${(aware - pooled) / 100:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=1,
                        help="each solve's time the median of this many (Owl's and rothroute's alike; on a loaded machine)")
    args = parser.parse_args()
    part1(args.quick, args.repeat)
    part2()
    part3()


if __name__ == "__main__":
    main()
