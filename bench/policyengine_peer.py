"""PolicyEngine-US as a third peer engine, for benchmarks only.

``policyengine_compute(households)`` takes the neutral household dicts of
``tests/crosscheck/peers.py`` and returns the same output keys (see that
module's docstring for the contract and the shared choices: Schedule R credit
reported but not subtracted unless ``elderly_credit=True``; refundable credits
never in ``income_tax``; married filing separately = lived together).
PolicyEngine-US (AGPL-3.0) is called as a library; no code is copied.

Importing ``policyengine_us`` takes ~20-60 s and the first calculation several
more, so the tests never import this module; a bench script does.

How the households are put to PolicyEngine-US (checked with 2.68.0):

* One ``Simulation`` per tax year holding every household of that year, built
  from a one-row-per-person pandas DataFrame (``Simulation(dataset=frame)``,
  PolicyEngine's flat-file layout).  The usual ``situation`` dict is
  quadratic in size (policyengine-core looks every entity up with
  ``list.index``): 1,000 households build in ~1 s but 10,000 took 133 s; the
  DataFrame builds 10,000 in 0.4 s.  Each household is its own tax unit,
  family, SPM unit, marital unit and household (``state_code`` = TX, so no
  state income tax enters the SALT comparison and nobody itemizes).
* ``filing_status`` is set as an input on every tax unit (it is a formula
  variable; an input overrides it).  This is how head of household and
  surviving spouse are represented without a dependent.  (With a situation
  dict an input given for some entities only is filled with the default for
  the others: a joint couple left out silently became SINGLE in a trial run.)
* Roles are supplied (``tax_unit_role_input`` HEAD/SPOUSE) rather than inferred
  from age.  Only married_joint has a second person.
* Married filing separately: ``cohabitating_spouses`` = True, which selects the
  $0 Social Security base amounts; its default (False) is the lived-apart case.
* Inputs per person: ``age``, ``is_blind``, ``employment_income`` (head and
  spouse), ``social_security_retirement`` (head and spouse); on the head:
  ``taxable_interest_income``, ``tax_exempt_interest_income``,
  ``qualified_dividend_income``, ``non_qualified_dividend_income`` (ordinary less
  qualified), ``long_term_capital_gains``, ``short_term_capital_gains``,
  ``taxable_ira_distributions`` (``pension``), ``miscellaneous_income``
  (``other_ordinary``; in gross income, not investment income).
* Outputs (tax unit): ``adjusted_gross_income``, ``tax_unit_taxable_social_security``,
  ``taxable_income``, ``alternative_minimum_tax``, ``income_tax_before_credits``
  (regular + capital-gain rates + AMT = line 18), ``income_tax_non_refundable_credits``
  (uncapped sum of the nonrefundable credits, incl. ``elderly_disabled_credit``),
  ``elderly_disabled_credit``, ``net_investment_income_tax``.  Not used:
  ``income_tax`` (adds NIIT and other taxes, subtracts refundable credits).
* PolicyEngine computes in float32: results can be off by a few cents at large
  amounts (resolution is $0.125 at $1.6M, $0.25 above $2.1M); compare with a
  tolerance.

Differences from the other peers seen on random households (2.68.0):

* Social Security worksheet: ``taxable_ss_magi`` adds only positive income
  sources, subtracts the adjustments (incl. the capital-loss deduction) and
  floors the result at 0.  The worksheet's line 3 may be negative, so when a
  net capital loss exceeds the other income PolicyEngine taxes more Social
  Security than Form 1040 (seen for married-separate, base $0: 2024, SS
  $27,450, interest $486, loss -$16,388: $11,666.25 taxable vs $10,804.35 in
  Tax-Calculator, taxsim-py and by hand).
* Married filing separately AMT (IRC 55(d)(3) add-back of 25% of AMTI above the
  zero-exemption point, up to the exemption): PolicyEngine applies it correctly
  (checked by hand); Tax-Calculator 6.8.0 omits it and taxsim-py uses a stale
  2020 threshold (see tests/crosscheck/peers.py).
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_PEERS_PATH = Path(__file__).resolve().parents[1] / "tests" / "crosscheck" / "peers.py"


def _peers():
    """tests/crosscheck/peers.py, for its input checks and demo households."""
    name = "rothroute_crosscheck_peers"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, _PEERS_PATH)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_PE_STATUS = {
    "single": "SINGLE",
    "married_joint": "JOINT",
    "married_separate": "SEPARATE",
    "head_of_household": "HEAD_OF_HOUSEHOLD",
    "surviving_spouse": "SURVIVING_SPOUSE",
}
_OUTPUTS = (
    "adjusted_gross_income",
    "tax_unit_taxable_social_security",
    "taxable_income",
    "alternative_minimum_tax",
    "income_tax_before_credits",
    "income_tax_non_refundable_credits",
    "elderly_disabled_credit",
    "net_investment_income_tax",
)


def _frame(rows: list[dict[str, Any]], year: int):
    """One row per person, PolicyEngine's flat-file dataset layout.

    ``person_<group>_id`` columns put each household's people in their own tax
    unit, family, SPM unit, marital unit and household (numbered 0..n-1 in input
    order); ``<variable>__<year>`` columns are the inputs; a group variable is
    repeated on each member's row (PolicyEngine reads the first member's).
    """
    import numpy as np
    import pandas as pd

    y = f"__{year}"
    records = []
    for k, r in enumerate(rows):
        unit = {
            "unit": k,
            f"filing_status{y}": _PE_STATUS[r["filing_status"]],
            f"cohabitating_spouses{y}": r["filing_status"] == "married_separate",
            f"state_code{y}": "TX",
        }
        records.append({
            **unit,
            f"age{y}": r["age_head"],
            f"is_blind{y}": r["blind_head"],
            f"tax_unit_role_input{y}": "HEAD",
            f"employment_income{y}": r["wages_head"],
            f"social_security_retirement{y}": r["social_security_head"],
            f"taxable_interest_income{y}": r["taxable_interest"],
            f"tax_exempt_interest_income{y}": r["tax_exempt_interest"],
            f"qualified_dividend_income{y}": r["qualified_dividends"],
            f"non_qualified_dividend_income{y}": r["ordinary_dividends"] - r["qualified_dividends"],
            f"long_term_capital_gains{y}": r["long_term_gains"],
            f"short_term_capital_gains{y}": r["short_term_gains"],
            f"taxable_ira_distributions{y}": r["pension"],
            f"miscellaneous_income{y}": r["other_ordinary"],
        })
        if r["filing_status"] == "married_joint":
            records.append({
                **unit,
                f"age{y}": r["age_spouse"],
                f"is_blind{y}": r["blind_spouse"],
                f"tax_unit_role_input{y}": "SPOUSE",
                f"employment_income{y}": r["wages_spouse"],
                f"social_security_retirement{y}": r["social_security_spouse"],
            })
    frame = pd.DataFrame.from_records(records).fillna(0.0)
    unit = frame.pop("unit").to_numpy()
    ids = {"person_id": np.arange(len(frame))}
    ids.update({f"person_{g}_id": unit
                for g in ("tax_unit", "family", "spm_unit", "marital_unit", "household")})
    return pd.concat([pd.DataFrame(ids), frame], axis=1)


def policyengine_compute(
    households: list[Mapping[str, Any]], *, elderly_credit: bool = False
) -> list[dict[str, float]]:
    """Federal figures from PolicyEngine-US, one Simulation per tax year.

    Same input and output contract as ``taxcalc_compute`` in
    tests/crosscheck/peers.py; every filing status and year 2024-2026 runs.
    """
    peers = _peers()
    rows = peers.normalize_households(households)
    if not rows:
        return []
    import numpy as np
    from policyengine_us import Simulation

    results: list[dict[str, float] | None] = [None] * len(rows)
    for year in sorted({r["year"] for r in rows}):
        index = [i for i, r in enumerate(rows) if r["year"] == year]
        subset = [rows[i] for i in index]
        sim = Simulation(dataset=_frame(subset, year))
        if sim.populations["tax_unit"].count != len(subset):
            raise RuntimeError("PolicyEngine built the wrong number of tax units")
        a = {name: np.asarray(sim.calculate(name, year), dtype=float) for name in _OUTPUTS}
        separate = np.array([r["filing_status"] == "married_separate" for r in subset])
        tbc = a["income_tax_before_credits"]
        other = np.minimum(np.maximum(0.0, tbc),
                           np.maximum(0.0, a["income_tax_non_refundable_credits"] - a["elderly_disabled_credit"]))
        after_other = np.maximum(0.0, tbc - other)
        sch_r = np.where(separate, 0.0, np.minimum(a["elderly_disabled_credit"], after_other))
        income_tax = after_other - sch_r if elderly_credit else after_other
        credits = other + sch_r if elderly_credit else other
        for k, i in enumerate(index):
            results[i] = {
                "agi": peers._cents(a["adjusted_gross_income"][k]),
                "taxable_social_security": peers._cents(a["tax_unit_taxable_social_security"][k]),
                "taxable_income": peers._cents(a["taxable_income"][k]),
                "income_tax": peers._cents(income_tax[k]),
                "niit": peers._cents(a["net_investment_income_tax"][k]),
                "amt": peers._cents(a["alternative_minimum_tax"][k]),
                "nonrefundable_credits": peers._cents(credits[k]),
                "elderly_credit": peers._cents(sch_r[k]),
            }
        del sim
    return results  # type: ignore[return-value]


def _main(timing: int) -> int:
    """Run the demo households of peers.py through PolicyEngine-US (and time N more)."""
    peers = _peers()
    t0 = time.perf_counter()
    import policyengine_us  # noqa: F401

    print(f"import policyengine_us: {time.perf_counter() - t0:.1f} s")
    rows = [case[1] for case in peers.DEMO_CASES]
    t0 = time.perf_counter()
    pe = policyengine_compute(rows)
    print(f"{len(rows)} demo households (first calculation): {time.perf_counter() - t0:.1f} s")
    failures = []
    for i, ((label, _, expected), got) in enumerate(zip(peers.DEMO_CASES, pe)):
        bad = {k: (got[k], v) for k, v in expected.items() if abs(got[k] - v) > 0.06}
        print(f"[{i}] {'ok  ' if not bad else 'DIFF'} {label}: "
              + ", ".join(f"{k} {got[k]:,.2f}" for k in ("agi", "taxable_income", "income_tax", "niit")))
        failures += [f"[{i}] {k}: {g} != expected {v}" for k, (g, v) in bad.items()]
    if timing:
        data = peers._random_households(timing)
        t0 = time.perf_counter()
        res = policyengine_compute(data)
        dt = time.perf_counter() - t0
        print(f"policyengine: {timing} households over {peers.YEARS}: {dt:.1f} s ({timing / dt:,.0f}/s)")
        tc = peers.taxcalc_compute(data)
        worst = max((abs(x[k] - y[k]), k, i) for i, (x, y) in enumerate(zip(res, tc))
                    for k in peers.OUTPUT_KEYS)
        print(f"policyengine vs taxcalc, largest gap: {worst}")
    if failures:
        print("FAILURES:\n  " + "\n  ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=_main.__doc__)
    parser.add_argument("--timing", type=int, default=0, metavar="N")
    raise SystemExit(_main(parser.parse_args().timing))


# --- state income tax (bench/crosscheck_policyengine_state.py) ------------------------------

_STATE_PERSON = {  # the state cross-check's per-person amounts and PolicyEngine's inputs
    "wages": "employment_income",
    "pension": "taxable_private_pension_income",
    "ira": "taxable_ira_distributions",
    "conversion": "taxable_roth_conversions",
    "social_security": "social_security_retirement",
}
_STATE_SHARED = {  # household amounts, half each spouse's on a joint return (as rothroute reads them)
    "taxable_interest": "taxable_interest_income",
    "long_term_gains": "long_term_capital_gains",
    "short_term_gains": "short_term_capital_gains",
}


def _state_frame(households: list[Mapping[str, Any]], year: int):
    """One row per person of the state cross-check's neutral households (tests/crosscheck/state_peers.py)."""
    import numpy as np
    import pandas as pd

    y = f"__{year}"
    records = []
    for k, h in enumerate(households):
        joint = h["filing_status"] == "married_joint"
        unit = {"unit": k, f"filing_status{y}": _PE_STATUS[h["filing_status"]], f"state_code{y}": h["state"]}
        share = 0.5 if joint else 1.0
        shared = {f"{pe}{y}": float(h[key]) * share for key, pe in _STATE_SHARED.items()}
        qualified = float(h["qualified_dividends"]) * share
        shared[f"qualified_dividend_income{y}"] = qualified
        shared[f"non_qualified_dividend_income{y}"] = float(h["ordinary_dividends"]) * share - qualified
        for who, role in (("head", "HEAD"), ("spouse", "SPOUSE"))[:2 if joint else 1]:
            records.append({
                **unit, **shared,
                f"age{y}": h[f"age_{who}"], f"is_blind{y}": False, f"tax_unit_role_input{y}": role,
                **{f"{pe}{y}": float(h[f"{key}_{who}"]) for key, pe in _STATE_PERSON.items()},
            })
    frame = pd.DataFrame.from_records(records).fillna(0.0)
    unit = frame.pop("unit").to_numpy()
    ids = {"person_id": np.arange(len(frame))}
    ids.update({f"person_{g}_id": unit for g in ("tax_unit", "family", "spm_unit", "marital_unit", "household")})
    return pd.concat([pd.DataFrame(ids), frame], axis=1)


def policyengine_state(households: list[Mapping[str, Any]],
                       variables: tuple[str, ...] = ("state_income_tax_before_refundable_credits",)
                       ) -> list[float] | list[dict[str, float]]:
    """PolicyEngine-US's state income tax before refundable credits of each household (dollars),
    one Simulation per tax year; with more than one variable, a dict of them for each household
    (tax-unit variables as they are, person variables summed over the unit)."""
    import numpy as np
    from policyengine_us import Simulation

    results: list[Any] = [None] * len(households)
    for year in sorted({h["year"] for h in households}):
        index = [i for i, h in enumerate(households) if h["year"] == year]
        subset = [households[i] for i in index]
        sim = Simulation(dataset=_state_frame(subset, year))
        if sim.populations["tax_unit"].count != len(subset):
            raise RuntimeError("PolicyEngine built the wrong number of tax units")
        values = {}
        for name in variables:
            entity = sim.tax_benefit_system.variables[name].entity.key
            raw = np.asarray(sim.calculate(name, year), dtype=float)
            values[name] = sim.map_result(raw, entity, "tax_unit") if entity == "person" else raw
        for k, i in enumerate(index):
            if len(variables) == 1:
                results[i] = round(float(values[variables[0]][k]), 2)
            else:
                results[i] = {name: round(float(values[name][k]), 2) for name in variables}
        del sim
    return results
