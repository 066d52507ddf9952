"""Random households for the optimizer's checks (issue #15 item 6), the usual and the unusual: couples
and singles, IRAs with and without basis (some small enough to be emptied during the plan), Roth IRAs,
former and current employers' 401(k)s and 403(b)s with after-tax money, several governmental 457(b)s,
a 5% owner still working past the applicable age, a first death (``life_expectancy``), charitable giving
past 70½ (QCDs), Social Security claimed later (a claim age with the benefit at full retirement age, or
an item with ``start_year``), spending needs and a cash account, and most in a state (many of them states whose
tax depends on whose money and which kind it is: ``STATES``).

``household(rng)`` returns ``(text, years, assumptions)``: one draw from ``random.Random``, so the bench
(``bench/optimize_random.py``, 500 households) and the property test (a few in CI) share it, each in its
state (``with_state=False``: none, the rest of the draw the same; ``state=``: another; ``states=``: drawn from
those)."""

from __future__ import annotations

import random
from fractions import Fraction

from rothroute.optimize.horizon import Assumptions

KINDS = ("401k", "403b", "governmental_457b")
# the states whose tax comes from a tax table of $50 and $100 rows (AR OK OR RI SC VT WI WV: ``statecurve.TABLES``)
# among them: their curves follow the schedule, the engine the table's rows, within ``statecurve.table_allowance``
STATES = (None, None, None, "NY", "NY", "NJ", "GA", "MD", "CO", "VA", "KY", "AL", "MN", "OH", "MI", "PA", "IL", "CA",
          "AR", "OK", "OR", "RI", "SC", "VT", "WI", "WV")


def _plan(rng: random.Random, owner: str, k: int, *, current: bool, five_percent: bool, kind: str) -> str:
    pretax = rng.choice([0, 50_000, 150_000, 400_000])
    after = rng.choice([0, 0, 20_000]) if kind != "governmental_457b" else 0
    earnings = rng.choice([0, 3_000]) if after else 0
    roth = rng.choice([0, 0, 30_000])
    rules = [f"in_plan_roth_rollover: {str(rng.random() < 0.5).lower()}",
             f"accepts_ira_rollins: {str(rng.random() < 0.3).lower()}"]
    if after:
        rules.append(f"after_tax_separate_contract: {str(rng.random() < 0.5).lower()}")
    if not current:
        rules.append(f"separated_from_service: {rng.choice([2020, 2024, 2025])}")
    if five_percent:
        rules.append("five_percent_owner: true")
    sources = f"pretax: {pretax}"
    if after:
        sources += f", after_tax: {{contributions: {after}, earnings: {earnings}}}"
    if roth:
        sources += f", roth: {{contributions: {roth}, earnings: 5000, first_year: 2015}}"
    return (f"  - id: {owner}_plan{k}\n    owner: {owner}\n    kind: {kind}\n    sources: {{{sources}}}\n"
            f"    plan: {{{', '.join(rules)}}}\n")


def household(rng: random.Random, *, with_state: bool = True, state: str | None = None,
              states: tuple[str | None, ...] = STATES) -> tuple[str, int, Assumptions]:
    joint = rng.random() < 0.6
    ids = ["a", "b"] if joint else ["a"]
    born = {pid: rng.randint(1944, 1972) for pid in ids}
    people, income, accounts = [], [], []
    working = {pid: born[pid] >= 1960 and rng.random() < 0.4 for pid in ids}
    # a 5% owner still working past the applicable age: plan RMDs while working (IRC §401(a)(9)(C)(ii)(I))
    owner5 = next((pid for pid in ids if born[pid] <= 1952 and rng.random() < 0.4), None)
    if owner5:
        working[owner5] = True
    for pid in ids:
        fields = [f"id: {pid}", f"born: {born[pid]}-{rng.randint(1, 12):02d}-{rng.choice([1, 15]):02d}"]
        ira = rng.choice([0, 8_000, 30_000, 150_000, 400_000, 900_000, 1_800_000])
        if ira and rng.random() < 0.3:
            fields.append(f"ira_basis: {rng.choice([ira // 10, ira // 4])}")
        if joint and pid == "b" and rng.random() < 0.35:  # a first death within the plan
            fields.append(f"life_expectancy: {max(2026 - born[pid] + rng.randint(1, 6), 60)}")
        if working[pid]:
            fields.append(f"retirement_year: {rng.randint(2026, 2031)}")
        age = 2026 - born[pid]
        if age < 69 and rng.random() < 0.6:  # Social Security not yet claimed
            claim = rng.randint(max(62, age + 1), 70)
            fields.append(f"social_security: {{benefit_at_full_retirement_age: {rng.choice([1200, 2400, 3600])}, "
                          f"claim_age: {claim}}}")
        elif age < 69 and rng.random() < 0.5:
            income.append(f"  - {{person: {pid}, kind: social_security, amount: {rng.choice([18000, 30000])}, "
                          f"start_year: {rng.randint(2027, 2030)}}}")
        elif age >= 62:
            income.append(f"  - {{person: {pid}, kind: social_security, amount: {rng.choice([15000, 28000, 42000])}}}")
        if working[pid]:
            income.append(f"  - {{person: {pid}, kind: wages, amount: {rng.choice([40000, 90000, 160000])}}}")
        people.append("  - {" + ", ".join(fields) + "}\n")
        if ira:
            accounts.append(f"  - {{id: {pid}_ira, owner: {pid}, kind: traditional_ira, value: {ira}}}\n")
        if rng.random() < 0.5:
            accounts.append(f"  - {{id: {pid}_roth, owner: {pid}, kind: roth_ira, "
                            f"value: {rng.choice([0, 20_000, 120_000])}}}\n")
        plans = rng.choice([0, 0, 1, 2])
        if rng.random() < 0.15:  # several governmental 457(b)s
            kinds = ["governmental_457b"] * rng.randint(2, 3)
        else:
            kinds = [rng.choice(KINDS) for _ in range(plans)]
        for k, kind in enumerate(kinds):
            current = working[pid] and k == 0
            accounts.append(_plan(rng, pid, k, current=current, five_percent=current and pid == owner5, kind=kind))
    if rng.random() < 0.3:
        income.append(f"  - {{kind: taxable_interest, amount: {rng.choice([2000, 15000])}}}")
        income[-1] += "\n"
    if not accounts:
        accounts.append("  - {id: a_ira, owner: a, kind: traditional_ira, value: 50000}\n")
    text = (f"format: 1\ntax_year: 2026\nfiling_status: {'married_joint' if joint else 'single'}\n"
            f"tax_computation: rate_schedule\npeople:\n{''.join(people)}"
            + (f"income:\n{''.join(line if line.endswith(chr(10)) else line + chr(10) for line in income)}"
               if income else "")
            + f"accounts:\n{''.join(accounts)}")
    oldest = min(born.values())
    giving = rng.choice([0, 0, 500_000, 2_000_000]) if 2026 - oldest >= 68 else 0
    assumptions = Assumptions(growth=Fraction(rng.choice([3, 5, 7]), 100),
                              spending=rng.choice([0, 0, 3_000_000, 6_000_000, 9_000_000]),
                              cash=rng.choice([0, 0, 2_000_000]), giving=giving)
    years = rng.randint(3, 12)
    # the state of residence, drawn last (every draw before it is what it was): none, or one whose tax depends on
    # whose money and which kind it is (New York's $20,000 exclusion a person, Georgia's, Maryland's, ...), or not
    # (California, Pennsylvania and Illinois tax or exclude it all alike); a QCD moves whose RMD is paid
    drawn = rng.choice(states)
    state = state or drawn
    if state and with_state:
        text = text.replace("tax_computation: rate_schedule\n", f"tax_computation: rate_schedule\nstate: {state}\n")
    return text, years, assumptions


def off_years(result: dict) -> list[tuple]:
    """The years whose model tax is off the engine's by more than a dollar (no state income tax that year), or
    whose state part is off the engine's state tax by more than the state's stated tolerance
    (``statecurve.tolerance``: a dollar; New York's staircase, $5; a state whose tax comes from a table's rows, a dollar
    more than the most the table is from the schedule the curve follows), or whose total is off by more than the two
    (the curve follows the total, federal and state, within the state's noise, ``taxcurve.STATE_NOISE``)."""
    from rothroute.optimize.statecurve import tolerance

    out = []
    for y in result["years"]:
        taxed = y.get("state_tax") is not None and y.get("state") is not None
        tol = tolerance(y["state"], y["year"]) if taxed else 0.0
        state_off = taxed and abs(y["model_state_tax"] - y["state_tax"]) > tol
        if abs(y["difference"]) > 1 + tol or state_off:
            out.append((y["year"], y["difference"], y.get("state_tax"), y.get("model_state_tax")))
    return out
