"""The optimizer over random households, the unusual ones included (issue #15 item 6): every plan is
carried out by the engine and checked (no peer: a correctness run, timed so it can be planned).

    python bench/optimize_random.py                 # 500 households, two worker processes
    python bench/optimize_random.py --count 50 --seed 7 --workers 1

The households are ``tests/property/random_households.py``'s (several 457(b)s, 5% owners, IRAs emptied
during the plan, first deaths, QCDs, Social Security claimed later, spending needs; the rate schedule,
so the IRS Tax Table's rows do not enter). For each: no traceback (a spending need no plan meets is
said, ``OptimizeError``, and counted apart); the pro-rata rounds settle or the output says which shares
did not (``solver.unsettled``); the model's tax within $1 of the engine's every year, its state part within $1 of
the engine's state tax (New York: $5, its staircase, ``statecurve.ROUGH``; a state whose form reads the tax from a
table of $50 or $100 rows, AR OK OR RI SC VT WI WV, a dollar more than the most the table is from the schedule the
curve follows, ``statecurve.table_allowance``: WI $3, AR $2, none where the 2026 file prints no table; most
households are in a state, many of them states whose tax depends on whose money it is, QCDs moving whose RMD is
paid); the cash
account never short (``cash_end`` at least zero, the last year included). Each plan has the time a user's has
(``rothroute optimize``'s and the web's default, 60 s; until the seventh session of 2026-12-06, 20 s: three
households, Rhode Island 3, Arkansas 10 and Minnesota 15, need more than 20 s on a quiet machine). Failures are listed with the
seed that draws them: ``household(random.Random(seed))``. A household with nothing to convert is refused
with the reason (``OptimizeError``), counted apart; a plan the engine then refuses to carry out
(``PlanError``, said by the CLI) is a failure."""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "property"))

from random_households import household, off_years  # noqa: E402


def check(seed: int, time_limit: float = 60.0) -> dict:
    """One household's plan and its checks: a dict of what was found."""
    from rothroute import load_text
    from rothroute.optimize.horizon import PlanError
    from rothroute.optimize.plan import OptimizeError, optimize

    text, years, assumptions = household(random.Random(seed))
    start = time.perf_counter()
    out: dict = {"seed": seed, "problems": []}
    try:
        result = optimize(load_text(text), years, assumptions, time_limit=time_limit, with_baselines=False).to_json()
    except OptimizeError as e:  # said, with the reason: a spending need no plan meets, or nothing to plan
        out["infeasible" if "infeasible" in str(e) else "refused"] = str(e)
        out["seconds"] = time.perf_counter() - start
        return out
    except PlanError as e:  # said (the CLI prints it), but the plan made could not be carried out: a defect
        out["problems"].append(f"plan refused by the engine: {e}")
        out["seconds"] = time.perf_counter() - start
        return out
    except Exception:  # noqa: BLE001 - the bench reports it
        out["problems"].append("traceback: " + traceback.format_exc(limit=4))
        out["seconds"] = time.perf_counter() - start
        return out
    out["seconds"] = time.perf_counter() - start
    solver = result["solver"]
    out["settled"] = bool(solver.get("settled", True))
    if not out["settled"] and not solver.get("unsettled"):
        out["problems"].append("not settled and not said")
    worst = max((abs(y["difference"]) for y in result["years"]), default=0.0)
    out["worst_difference"] = worst
    off = off_years(result)
    if off:
        out["problems"].append(f"model tax off the engine's (year, difference, state tax, model's): {off}")
    short = [y["year"] for y in result["years"] if y["cash_end"] < 0]
    if short:
        out["problems"].append(f"cash short in {short}")
    out["status"] = solver.get("status")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0, help="the first seed (households seed .. seed+count-1)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0,
                        help="each plan's time limit, seconds (default: the command line's and the web's, 60 s)")
    args = parser.parse_args()
    seeds = range(args.seed, args.seed + args.count)
    start = time.perf_counter()
    if args.workers > 1:
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            results = pool.starmap(check, [(s, args.time_limit) for s in seeds], chunksize=4)
    else:
        results = [check(s, args.time_limit) for s in seeds]
    wall = time.perf_counter() - start
    failed = [r for r in results if r["problems"]]
    infeasible = sum(bool(r.get("infeasible")) for r in results)
    refused = sum(bool(r.get("refused")) for r in results)
    unsettled = [r["seed"] for r in results if r.get("settled") is False]
    worst = max((r.get("worst_difference", 0.0) for r in results), default=0.0)
    times = sorted(r["seconds"] for r in results)
    print(f"households: {len(results)}; planned: {len(results) - infeasible - refused - len(failed)}; spending need "
          f"infeasible (said): {infeasible}; nothing to plan (said): {refused}; failed: {len(failed)}")
    print(f"not settled (said): {len(unsettled)} {unsettled[:20]}; largest |model - engine| tax: ${worst:.2f}")
    print(f"wall {wall:.0f} s on {args.workers} workers; per household: median {times[len(times) // 2]:.2f} s, "
          f"slowest {times[-1]:.1f} s")
    kinds: dict[str, list[int]] = {}
    for r in failed:
        for problem in r["problems"]:
            kind = problem.split(":")[0].split(" (")[0]
            kinds.setdefault(kind, []).append(r["seed"])
    for kind, seeds_of in kinds.items():
        print(f"failed, {kind}: {len(seeds_of)} {seeds_of[:30]}")
    from rothroute.optimize.statecurve import table_allowance

    print("state tax tables, the model's allowance beside its dollar (statecurve.table_allowance, 2026 on): " +
          ", ".join(f"{code} ${table_allowance(code, 2026) / 100:.0f}" for code in ("AR", "OK", "OR", "RI", "SC", "VT",
                                                                                "WI", "WV")))
    for r in failed[:20]:
        print(f"seed {r['seed']}: " + "; ".join(r["problems"]))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
