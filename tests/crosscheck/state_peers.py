"""State income tax of random households, by rothroute and by taxsim-py's state calculators.

A neutral household (dollars) keeps each person's income by kind, as rothroute does; taxsim-py
takes the household's totals (TAXSIM has one ``pensions`` field for pensions, IRA distributions
and conversions alike, and no person for them), so the harness gives it those totals, as a
preparer would fill TAXSIM's form. taxsim-py (MIT) is called as a library, never copied.

Neutral household::

    year 2024 | 2025;  state: two-letter code;  filing_status: single | married_joint
    age_head, age_spouse (None unless joint)
    per person (_head, _spouse): wages, pension, ira, conversion, social_security
    household: taxable_interest, ordinary_dividends, qualified_dividends (part of ordinary),
               long_term_gains, short_term_gains (half each spouse's on a joint return)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rothroute import federal_tax
from rothroute.state.inputs import FEDERAL_KEYS, PersonIncome, StateInputs
from rothroute.tax.federal import TaxInputs
from rothroute.vocab import FilingStatus

TAXSIM_STATE = {"AK": 2, "CA": 5, "FL": 10, "GA": 11, "IL": 14, "MA": 22, "NV": 29, "NH": 30, "NJ": 31, "NY": 33,
                "NC": 34, "OH": 36, "PA": 39, "SD": 42, "TN": 43, "TX": 44, "VA": 47, "WA": 48, "WY": 51}
PERSON_KEYS = ("wages", "pension", "ira", "conversion", "social_security")
HOUSEHOLD_KEYS = ("taxable_interest", "ordinary_dividends", "qualified_dividends", "long_term_gains",
                  "short_term_gains")


def _amount(rng: np.random.Generator, scale: float, p_zero: float) -> int:
    if rng.random() < p_zero:
        return 0
    return int(round(rng.lognormal(np.log(scale), 1.0)))


def generate(n: int, states: tuple[str, ...], *, seed: int = 20261201, years: tuple[int, ...] = (2024, 2025)
             ) -> list[dict[str, Any]]:
    """``n`` households for each state: retirees around the age tests (55-90) with pensions, IRA
    withdrawals, conversions and Social Security, and workers with wages; single and joint."""
    rng = np.random.default_rng(seed)
    out = []
    for state in states:
        for i in range(n):
            joint = i % 2 == 1
            year = years[(i // 2) % len(years)]
            retiree = rng.random() < 0.65
            young, old = (55, 90) if retiree else (25, 64)
            h: dict[str, Any] = {"year": year, "state": state,
                                 "filing_status": "married_joint" if joint else "single",
                                 "age_head": int(rng.integers(young, old)),
                                 "age_spouse": int(rng.integers(young, old)) if joint else None}
            for who in ("head", "spouse"):
                here = who == "head" or joint
                if retiree:
                    h[f"wages_{who}"] = _amount(rng, 20_000, 0.85) if here else 0
                    h[f"pension_{who}"] = _amount(rng, 25_000, 0.5) if here else 0
                    h[f"ira_{who}"] = _amount(rng, 20_000, 0.4) if here else 0
                    h[f"conversion_{who}"] = _amount(rng, 30_000, 0.7) if here else 0
                    h[f"social_security_{who}"] = _amount(rng, 24_000, 0.2) if here else 0
                else:
                    h[f"wages_{who}"] = _amount(rng, 65_000, 0.05 if who == "head" else 0.4) if here else 0
                    h[f"pension_{who}"] = 0
                    h[f"ira_{who}"] = _amount(rng, 8_000, 0.9) if here else 0
                    h[f"conversion_{who}"] = _amount(rng, 15_000, 0.9) if here else 0
                    h[f"social_security_{who}"] = 0
            qualified = _amount(rng, 5_000, 0.5)
            h["qualified_dividends"] = qualified
            h["ordinary_dividends"] = qualified + _amount(rng, 1_500, 0.6)
            h["taxable_interest"] = _amount(rng, 3_000, 0.3)
            h["long_term_gains"] = _amount(rng, 15_000, 0.6)
            h["short_term_gains"] = _amount(rng, 3_000, 0.85)
            if rng.random() < 0.05:
                h["long_term_gains"] = -int(rng.integers(1, 20_000))
            if rng.random() < 0.03:
                h["long_term_gains"] += int(rng.integers(300_000, 2_000_000))
            out.append(h)
    return out


def _c(value: float) -> int:
    return int(round(value * 100))


def federal_inputs(h: dict[str, Any]) -> TaxInputs:
    status = FilingStatus(h["filing_status"])
    ages = [h["age_head"]] + ([h["age_spouse"]] if h["age_spouse"] is not None else [])
    both = ("head", "spouse")
    return TaxInputs(
        year=h["year"], status=status, seniors=sum(1 for a in ages if a >= 65), tax_table=False,
        wages=sum(_c(h[f"wages_{w}"]) for w in both),
        pension=sum(_c(h[f"{k}_{w}"]) for k in ("pension", "ira", "conversion") for w in both),
        social_security=sum(_c(h[f"social_security_{w}"]) for w in both),
        taxable_interest=_c(h["taxable_interest"]), ordinary_dividends=_c(h["ordinary_dividends"]),
        qualified_dividends=_c(h["qualified_dividends"]), long_term_gains=_c(h["long_term_gains"]),
        short_term_gains=_c(h["short_term_gains"]), medicare_enrollees=sum(1 for a in ages if a + 2 >= 65))


def state_inputs(h: dict[str, Any], federal: dict[str, int] | None = None) -> StateInputs:
    """rothroute's inputs: each person's income by kind; the household's investment income half each
    spouse's on a joint return (as rothroute reads a file without ``person``)."""
    if federal is None:
        values = federal_tax(federal_inputs(h)).values
        federal = {name: int(values[key]) for name, key in FEDERAL_KEYS.items() if key is not None}
        federal["federal_itemizes"] = 0
    joint = h["filing_status"] == "married_joint"
    people = []
    for k, who in enumerate(("head", "spouse")[:2 if joint else 1]):
        shared = {}
        for key, name in (("taxable_interest", "interest"), ("ordinary_dividends", "dividends"),
                          ("qualified_dividends", "qualified_dividends"), ("long_term_gains", "long_term_gains"),
                          ("short_term_gains", "short_term_gains")):
            total = _c(h[key])
            half = total // 2 if joint else 0
            shared[name] = (total - half) if k == 0 else half
        age = h[f"age_{who}"]
        people.append(PersonIncome(age=age, age_halves=2 * age, **{key: _c(h[f"{key}_{who}"]) for key in PERSON_KEYS},
                                   **shared))
    return StateInputs(state=h["state"], year=h["year"], status=FilingStatus(h["filing_status"]),
                       people=tuple(people), federal=federal)


def taxsim_state(households: list[dict[str, Any]]) -> list[float]:
    """taxsim-py's state income tax (``siitax``, statutory mode) of each household, dollars."""
    import polars as pl
    from taxsim_py import calculate_taxes

    def col(key: str) -> list[float]:
        return [float(h.get(key) or 0) for h in households]

    both = lambda key: [float(h[f"{key}_head"] + h[f"{key}_spouse"]) for h in households]  # noqa: E731
    money = {
        "pwages": col("wages_head"), "swages": col("wages_spouse"),
        "intrec": [float(h["taxable_interest"] + h["ordinary_dividends"] - h["qualified_dividends"])
                   for h in households],
        "dividends": col("qualified_dividends"), "ltcg": col("long_term_gains"), "stcg": col("short_term_gains"),
        "pensions": [a + b + c for a, b, c in zip(both("pension"), both("ira"), both("conversion"))],
        "gssi": both("social_security"),
    }
    frame = pl.DataFrame({
        "taxsimid": list(range(1, len(households) + 1)), "year": [h["year"] for h in households],
        "state": [TAXSIM_STATE[h["state"]] for h in households],
        "mstat": [2 if h["filing_status"] == "married_joint" else 1 for h in households],
        "page": [h["age_head"] for h in households], "sage": [h["age_spouse"] or 0 for h in households],
        "depx": [0] * len(households), **money,
    }, schema_overrides={k: pl.Float64 for k in money})
    out = calculate_taxes(frame, engine="python")
    return [round(float(v), 2) for v in out.get_column("siitax").to_list()]
