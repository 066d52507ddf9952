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

# TAXSIM's state codes: the SOI order of the 50 states and DC
TAXSIM_STATE = {code: n for n, code in enumerate((
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
    "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"), start=1)}
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
    out = []
    for state in states:
        rng = np.random.default_rng([seed, TAXSIM_STATE[state]])  # a state's households do not depend on the others
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


def household(**fields: Any) -> dict[str, Any]:
    """A neutral household from the fields given, every other amount 0 (a worked example)."""
    h: dict[str, Any] = {"age_spouse": None, **{f"{k}_{w}": 0 for k in PERSON_KEYS for w in ("head", "spouse")},
                         **{k: 0 for k in HOUSEHOLD_KEYS}}
    h.update(fields)
    return h


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


# States compared before their credits (rothroute's line ``tax_before_credits``; the peer's siitax
# plus its state_total_credits): Virginia, whose credits in the peer are its own approximation of
# the spouse tax adjustment (the lower earner's wages and half the other income, not Virginia Tax's
# allocation), the credit for low-income individuals or earned income credit rothroute does not
# model (it warns), and the 2025 rebate taken as a 2024 credit (docs/crosscheck.md). rothroute's
# spouse tax adjustment is checked against Virginia Tax's own examples (tests/state).
BEFORE_CREDITS = frozenset({"VA"})
# group B: Maine is compared before its credits too: the peer's siitax takes its refundable sales tax fairness
# credit (36 M.R.S. §5213-A) with its nonrefundable credits and reports only their sum; rothroute models no Maine
# credit (the credit for the elderly it names in a warning)
BEFORE_CREDITS = BEFORE_CREDITS | {"ME"}


def taxsim_state(households: list[dict[str, Any]]) -> list[float]:
    """taxsim-py's state income tax of each household before the state earned income credit
    (``siitax`` in statutory mode, with ``state_earned_income_tax_credit`` added back: rothroute's
    state_income_tax is before refundable credits and does not model state earned income credits;
    for Washington, its Working Families Tax Credit; for Pennsylvania, its Working Pennsylvanians
    Tax Credit), dollars."""
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
    out = calculate_taxes(frame, engine="python", idtl=2)
    tax = out.get_column("siitax").to_list()
    eitc = out.get_column("state_earned_income_tax_credit").to_list()
    federal_eitc = out.get_column("federal_earned_income_tax_credit").to_list()
    # a credit is never negative: the peer's DC credit for workers without children is its phase-out
    # left unclipped (min(credit, rate x earnings) less the phase-out), negative above the income
    # limit and with no earnings at all; it never enters siitax (DC takes the better of its low
    # income credit and earned income credit), so nothing is added back
    eitc = [max(float(e), 0.0) for e in eitc]
    # Pennsylvania's Working Pennsylvanians Tax Credit (from 2025: 10 percent of the federal earned
    # income credit, refundable; pa.gov, Department of Revenue, "Working Pennsylvanians Tax Credit")
    # is in the peer's siitax but not in its state_earned_income_tax_credit: added back here
    for i, h in enumerate(households):
        if h["state"] == "PA" and h["year"] >= 2025:
            eitc[i] = float(eitc[i]) + 0.10 * float(federal_eitc[i])
    # Arizona's credit for increased excise taxes (A.R.S. §43-1072.01: $25 for each person on the return,
    # at most $100, when federal AGI is $12,500 or less a taxpayer; refundable, claimed on Form 140) is in
    # the peer's siitax and not reported as an earned income credit: added back
    federal_agi = out.get_column("federal_adjusted_gross_income").to_list()
    for i, h in enumerate(households):
        people = 2 if h["filing_status"] == "married_joint" else 1
        if h["state"] == "AZ" and float(federal_agi[i]) <= 12_500 * people:
            eitc[i] = float(eitc[i]) + min(25.0 * people, 100.0)
    credits = out.get_column("state_total_credits").to_list()
    # --- group B (ID, IN, IA, KS, KY, LA, ME, MD) ---
    # Idaho's grocery credit (Idaho Code §63-3024A; refundable, paid even with no tax) is in the peer's siitax
    # and its state_total_credits, which for these households (no dependents, so no child tax credit) hold
    # nothing else: added back, as rothroute's state_income_tax is before refundable credits
    for i, h in enumerate(households):
        if h["state"] == "ID":
            tax[i] = float(tax[i]) + float(credits[i])
    # Indiana's unified tax credit for the elderly is refundable (Indiana DOR: Form SC-40 claims a refund of it,
    # http://www.state.in.us/dor/4746.htm); the peer's credits hold it and the earned income credit,
    # already added back: the rest is added back
    for i, h in enumerate(households):
        if h["state"] == "IN":
            tax[i] = float(tax[i]) + float(credits[i]) - float(eitc[i])
    # what kinds in state_expected.py read: the state itemized deduction the peer took (Virginia),
    # its state earned income credit and its siitax (Ohio's credit is nonrefundable)
    for h, itemized, e, t in zip(households, out.get_column("state_itemized_deductions").to_list(), eitc, tax):
        h["peer_state_itemized"], h["peer_state_eitc"], h["peer_siitax"] = float(itemized), float(e), float(t)
    # the peer's federal income tax (with the net investment income tax), which Alabama deducts
    # (state_expected_a)
    for h, fiitax, itemized in zip(households, out.get_column("fiitax").to_list(),
                                   out.get_column("federal_itemized_deductions").to_list()):
        h["peer_fiitax"], h["peer_federal_itemized"] = float(fiitax), float(itemized)

    def figure(h: dict[str, Any], t: float, e: float, c: float) -> float:
        if h["state"] == "WA":
            # its only figure there is minus its Working Families Tax Credit, a refund of sales tax
            # (RCW 82.08.0206), not an income tax: left out like the earned income credits
            return max(float(t), 0.0)
        if h["state"] == "HI":
            # the peer's Hawaii credits are refundable: the food/excise tax credit (HRS §235-55.85), the
            # low-income household renters credit, the child care and earned income credits (its
            # state_total_credits holds them all): added back
            return float(t) + float(c)
        if h["state"] == "CO":
            # the peer's Colorado credits are all refundable payments, not income tax credits: the TABOR
            # sales tax refund paid with the return (the 104 Book's refund line), the property tax, rent
            # and heat rebate, the food and fuel credits and the earned income and child care credits
            # (its state_total_credits holds them all): added back
            return float(t) + float(c)
        if h["state"] in BEFORE_CREDITS:
            # never below zero: what is left below is a refundable credit the peer does not count
            # among its credits (Virginia's refundable earned income credit for a non-filer)
            return max(float(t) + float(c), 0.0)
        return float(t) + float(e)
    return [round(figure(h, t, e, c), 2) for h, t, e, c in zip(households, tax, eitc, credits)]
