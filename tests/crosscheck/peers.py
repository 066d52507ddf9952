"""Peer federal income tax engines for the cross-checks: Tax-Calculator and taxsim-py.

The cross-check tests compare rothroute's federal figures with independent models.
This module turns a list of *neutral* household dicts into each peer's input,
runs the peer once per tax year for all households, and maps the peer's output
back to neutral keys.  PolicyEngine-US is deliberately not here (it is slow to
import); see ``bench/policyengine_peer.py``.

Nothing here copies peer code: the peers are called as libraries
(Tax-Calculator is CC0; taxsim-py is MIT).

Input household (one dict per tax unit; dollars, non-negative except that the two
gains may be negative, i.e. a net capital loss)::

    year                     2024 | 2025 | 2026
    filing_status            "single" | "married_joint" | "married_separate"
                             | "head_of_household" | "surviving_spouse"
    age_head                 int
    age_spouse               int for married_joint, else None (ignored)
    blind_head, blind_spouse bool (blind_spouse only counts for married_joint)
    wages_head, wages_spouse
    taxable_interest, tax_exempt_interest
    ordinary_dividends       total, includes qualified_dividends
    qualified_dividends
    long_term_gains, short_term_gains
    pension                  taxable pensions + IRA distributions + Roth conversions
    social_security_head, social_security_spouse   gross benefits
    other_ordinary           other ordinary income (Schedule 1 "other income")

Only married_joint has a spouse on the return, so ``wages_spouse`` and
``social_security_spouse`` must be 0 for every other status.  No dependents.

Output (one dict per input, same order; floats in dollars, rounded to cents)::

    agi                      Form 1040 line 11
    taxable_social_security  line 6b
    taxable_income           line 15
    income_tax               line 22: regular tax (with the qualified dividends and
                             capital gain worksheet) + AMT - nonrefundable credits.
                             Excludes NIIT, Additional Medicare Tax and every
                             refundable credit (EITC ...).  The Schedule R credit
                             for the elderly is NOT subtracted unless
                             ``elderly_credit=True`` (see below).
    niit                     Form 8960 line 17
    amt                      Form 6251 line 11 (diagnostic)
    nonrefundable_credits    line 21 as subtracted in ``income_tax`` (diagnostic)
    elderly_credit           Schedule R credit the engine computes, capped by tax
                             (diagnostic; forced to 0 for married_separate)

Choices that hold for both engines:

* **Credit for the elderly (Schedule R).**  Both engines grant it automatically to
  any 65+ filer whose AGI and nontaxable Social Security are low enough; it is
  nonzero only in a narrow band (e.g. 2024, single, 70, $17,000 IRA income, no
  Social Security: $37.50 of a $45 tax).  rothroute does not compute it and it is
  claimed only by filing Schedule R, so by default it is left out of
  ``income_tax`` and ``nonrefundable_credits`` and reported in ``elderly_credit``.
  Pass ``elderly_credit=True`` to subtract it.  Both engines compute it for a
  married-separate filer as if the spouses lived apart all year; we assume they
  lived together (no credit allowed), so it is 0 for married_separate.
* **Refundable credits** (EITC; Tax-Calculator also draws a random "claims the
  EITC" flag per record) never touch ``income_tax``: it is taken before them.
* **Married filing separately: spouses lived together** at some time in the year,
  so the Social Security base amounts are $0 (IRC 86(c)(1)(C)(ii)).  taxsim-py
  does this natively; Tax-Calculator 6.8.0 hard-codes the lived-apart amounts
  ($25,000/$34,000, ``SS_thd1``/``SS_thd2`` for MARS=3) and is run here with a
  policy reform setting both to $0.  Neither engine gives the senior deduction to
  a separate filer (statute: joint return required).  The standard deduction is
  taken (the other spouse does not itemize).
* **Rounding**: results are rounded to cents.  taxsim-py adds $0.001 to dividends
  (a TAXSIM convention), which shows up as +$0.001 in AGI and taxable income, so
  with amounts in cents a result can round one cent differently: compare with a
  one-cent tolerance.

Tax-Calculator (``taxcalc`` 6.8.0) -- every status, 2024-2026:

* MARS 1/2/3/4/5 = single/joint/separate/head of household/surviving spouse
  (``widow``); head of household and surviving spouse need no dependents.
* Inputs: ``e00200p``/``e00200s``/``e00200`` wages, ``e00300`` taxable interest,
  ``e00400`` tax-exempt interest (used only in the Social Security worksheet),
  ``e00600``/``e00650`` ordinary/qualified dividends, ``p23250``/``p22250``
  long/short-term gains, ``e01400`` (taxable IRA distributions) for ``pension``,
  ``e02400`` gross Social Security, ``e02300`` (Schedule 1 unemployment
  compensation, fully taxable from 2021, not investment income) for
  ``other_ordinary``, ``age_head``/``age_spouse``/``blind_head``/``blind_spouse``.
* Outputs: ``c00100`` AGI, ``c02500`` taxable SS, ``c04800`` taxable income,
  ``c09600`` AMT, ``c05800`` = regular tax + AMT (line 18), ``c07100`` nonrefundable
  credits (line 21, includes the Schedule R credit ``c07200``), ``niit``.
  ``income_tax = max(0, c05800 - (c07100 - c07200))``; Schedule R is the last
  credit Tax-Calculator applies (nothing we feed follows it), so removing it
  afterwards is exact.  Not used: ``c09200`` (line 24, adds NIIT, Additional
  Medicare Tax and self-employment tax) and ``iitax`` (line 24 less refundable
  credits).
* Known peer bug: ``STD_Aged`` for surviving spouses is the single amount for
  2022-2024 ($1,950 instead of $1,550 in 2024); 2025 and 2026 are right.  A
  2024 surviving spouse aged 65+ or blind gets $400 more deduction per box.
* Known peer bug: married filing separately AMT.  Above the zero-exemption
  point (``AMT_em_pe``, $875,950 in 2024) IRC 55(d)(3) adds to AMTI the lesser
  of 25% of the excess and the exemption ($66,650 in 2024); Tax-Calculator only
  zeroes the exemption, so its AMT is up to 28% x $66,650 = $18,662 too low
  (PolicyEngine-US matches a hand computation).
* Cost: the first ``calc_all()`` in a process compiles with numba (13-55 s seen);
  a ``Policy`` per year is built once and cached.  Warm: ~2.3 s for 1,000 or
  10,000 households over three years (per-year fixed cost ~0.7 s).

taxsim-py (0.4.1, python engine, statutory mode) -- 2024 and 2025 only, no
surviving spouse, no blindness:

* ``mstat`` 1 single, 2 joint, 6 separate.  taxsim-py has **no surviving-spouse
  status** (raises NotImplementedError).  Head of household exists only as
  ``mstat=1`` with ``depx > 0``; we add one adult dependent (``depx=1``,
  ``dep6=dep13=dep17=dep18=0``), which changes nothing we report except the $500
  credit for other dependents, which is left out of ``nonrefundable_credits``.
* No blindness input (blind rows raise NotImplementedError).  No input for
  tax-exempt interest in statutory mode (TAXSIM's ``transfers`` stand-in is only
  read in ``calculation_mode="taxsim"``; see below).  Without Social Security it
  has no federal effect and is dropped.
* Inputs: ``pwages``/``swages``, ``intrec`` = taxable interest + nonqualified
  dividends (both ordinary investment income), ``dividends`` = qualified
  dividends, ``ltcg``/``stcg``, ``pensions``, ``gssi``, ``nonprop`` (other
  non-property income) for ``other_ordinary``, ``page``/``sage``, ``state=0``.
* Outputs (``keep_intermediate=True``): ``agi``, ``taxable_social_security``,
  ``taxable_income``, ``amt``, ``tax_before_credits`` (= ``regular_tax + amt``,
  line 18), ``ccc`` (child care credit, 0 here), ``elderly_credit_raw``, ``niit``.
  ``fiitax`` is not used: it adds NIIT and subtracts refundable credits, and
  taxsim-py lets the elderly credit offset NIIT as well.
* Tax-exempt interest with Social Security: those rows run in a second call
  with ``calculation_mode="taxsim"`` and ``transfers`` = tax-exempt interest,
  which TAXSIM adds to provisional income.  The other taxsim-mode switches do
  not touch a 2024/2025 federal return without dependents, business income or
  itemizing, except the elderly-credit AGI threshold for a joint return with one
  person 65+ ($7,500 instead of $10,000; the credit is $0 anyway whenever such a
  return owes tax, since AGI then exceeds the standard deduction of over
  $30,000); statutory and taxsim mode gave identical results
  on 1,000 random households without tax-exempt interest (``--timing`` below).
* Known peer bug: married filing separately AMT add-back (IRC 55(d)(3)) uses
  ``separate_return_addback_threshold``, last set for 2020 ($745,200) instead of
  the year's zero-exemption point ($875,950 in 2024, $900,350 in 2025), so AMT is
  too high for separate filers with AMTI between those and the full add-back
  (up to 28% x ($875,950 - $745,200) x 25% = $9,152 in 2024).  Above that
  band it agrees with PolicyEngine-US.
* Cost: ~1.0-1.5 s per call for 1,000 or 10,000 households (python engine with
  intermediate columns; the rust engine cannot return them); 0.5 s for one.
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Iterable, Mapping
from typing import Any

FILING_STATUSES = (
    "single",
    "married_joint",
    "married_separate",
    "head_of_household",
    "surviving_spouse",
)
YEARS = (2024, 2025, 2026)
TAXSIM_YEARS = (2024, 2025)

DOLLAR_KEYS = (
    "wages_head",
    "wages_spouse",
    "taxable_interest",
    "tax_exempt_interest",
    "ordinary_dividends",
    "qualified_dividends",
    "long_term_gains",
    "short_term_gains",
    "pension",
    "social_security_head",
    "social_security_spouse",
    "other_ordinary",
)
# Net gains may be negative (a net capital loss; each engine limits the deduction
# to $3,000, $1,500 married filing separately).  Every other amount is >= 0.
GAIN_KEYS = ("long_term_gains", "short_term_gains")
INPUT_KEYS = (
    "year",
    "filing_status",
    "age_head",
    "age_spouse",
    "blind_head",
    "blind_spouse",
    *DOLLAR_KEYS,
)
OUTPUT_KEYS = (
    "agi",
    "taxable_social_security",
    "taxable_income",
    "income_tax",
    "niit",
    "amt",
    "nonrefundable_credits",
    "elderly_credit",
)

__all__ = [
    "DOLLAR_KEYS",
    "FILING_STATUSES",
    "GAIN_KEYS",
    "INPUT_KEYS",
    "OUTPUT_KEYS",
    "TAXSIM_YEARS",
    "YEARS",
    "normalize_households",
    "taxcalc_compute",
    "taxsim_compute",
    "taxsim_unsupported_reason",
]


# --------------------------------------------------------------------------
# Input checking
# --------------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _normalize(index: int, household: Mapping[str, Any]) -> dict[str, Any]:
    where = f"household {index}"
    missing = [k for k in INPUT_KEYS if k not in household]
    if missing:
        raise ValueError(f"{where}: missing keys {missing}")
    unknown = sorted(set(household) - set(INPUT_KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown}")
    year = household["year"]
    if not _is_int(year) or int(year) not in YEARS:
        raise ValueError(f"{where}: year must be one of {YEARS}, got {year!r}")
    status = household["filing_status"]
    if status not in FILING_STATUSES:
        raise ValueError(f"{where}: filing_status must be one of {FILING_STATUSES}, got {status!r}")
    joint = status == "married_joint"
    age_head = household["age_head"]
    if not _is_int(age_head) or not 0 <= age_head <= 130:
        raise ValueError(f"{where}: age_head must be an int in 0..130, got {age_head!r}")
    age_spouse = household["age_spouse"]
    if joint:
        if not _is_int(age_spouse) or not 0 <= age_spouse <= 130:
            raise ValueError(f"{where}: married_joint needs an int age_spouse in 0..130, got {age_spouse!r}")
    out: dict[str, Any] = {
        "year": int(year),
        "filing_status": status,
        "age_head": int(age_head),
        "age_spouse": int(age_spouse) if joint else None,
    }
    for key in ("blind_head", "blind_spouse"):
        value = household[key]
        if not (isinstance(value, bool) or getattr(getattr(value, "dtype", None), "kind", "") == "b"):
            raise ValueError(f"{where}: {key} must be a bool, got {value!r}")
        out[key] = bool(value)
    if not joint:
        out["blind_spouse"] = False
    for key in DOLLAR_KEYS:
        value = household[key]
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(f"{where}: {key} must be a number, got {value!r}")
        value = float(value)
        if not math.isfinite(value) or (value < 0 and key not in GAIN_KEYS):
            raise ValueError(f"{where}: {key} must be finite and non-negative, got {value!r}")
        out[key] = value
    if out["qualified_dividends"] > out["ordinary_dividends"]:
        raise ValueError(f"{where}: qualified_dividends exceed ordinary_dividends")
    if not joint and (out["wages_spouse"] or out["social_security_spouse"]):
        raise ValueError(f"{where}: {status} has no spouse on the return; wages_spouse and "
                         "social_security_spouse must be 0")
    return out


def normalize_households(households: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Check the neutral households and return copies with floats and bools.

    Raises ValueError naming the household and the key on any bad input.
    ``age_spouse`` becomes None and ``blind_spouse`` False unless married_joint.
    """
    return [_normalize(i, h) for i, h in enumerate(households)]


def _cents(value: float) -> float:
    return round(float(value), 2) + 0.0  # + 0.0 turns -0.0 into 0.0


def _raise_unsupported(engine: str, reasons: list[tuple[int, str]]) -> None:
    if reasons:
        listed = "; ".join(f"household {i}: {r}" for i, r in reasons[:10])
        more = f" (and {len(reasons) - 10} more)" if len(reasons) > 10 else ""
        raise NotImplementedError(f"{engine} cannot represent {len(reasons)} household(s): {listed}{more}")


# --------------------------------------------------------------------------
# Tax-Calculator
# --------------------------------------------------------------------------

_TAXCALC_MARS = {
    "single": 1,
    "married_joint": 2,
    "married_separate": 3,
    "head_of_household": 4,
    "surviving_spouse": 5,
}
# Married filing separately, lived with the spouse: both Social Security base
# amounts are 0 (IRC 86(c)(1)(C)(ii)); taxcalc's defaults are the lived-apart ones.
_TAXCALC_REFORM = {
    "SS_thd1": [{"year": 2024, "MARS": "mseparate", "value": 0.0}],
    "SS_thd2": [{"year": 2024, "MARS": "mseparate", "value": 0.0}],
}
_taxcalc_cache: dict[Any, Any] = {}


def _taxcalc_policy(year: int):
    """One reformed Policy per year (Policy() costs ~0.6 s; Calculator copies it)."""
    key = ("policy", year)
    if key not in _taxcalc_cache:
        import taxcalc

        policy = taxcalc.Policy()
        policy.adjust(_TAXCALC_REFORM, print_warnings=False, raise_errors=True)
        policy.set_year(year)
        _taxcalc_cache[key] = policy
        if "consumption" not in _taxcalc_cache:
            _taxcalc_cache["consumption"] = taxcalc.Consumption()
    return _taxcalc_cache[key]


def _taxcalc_frame(rows: list[dict[str, Any]], year: int):
    import numpy as np
    import pandas as pd

    def col(key: str) -> np.ndarray:
        return np.array([r[key] for r in rows], dtype=float)

    status = [r["filing_status"] for r in rows]
    joint = np.array([s == "married_joint" for s in status])
    wages_head, wages_spouse = col("wages_head"), col("wages_spouse")
    return pd.DataFrame(
        {
            "RECID": np.arange(1, len(rows) + 1),
            "FLPDYR": np.full(len(rows), year),
            "MARS": np.array([_TAXCALC_MARS[s] for s in status]),
            "XTOT": np.where(joint, 2, 1),
            "age_head": np.array([r["age_head"] for r in rows]),
            "age_spouse": np.array([r["age_spouse"] or 0 for r in rows]),
            "blind_head": np.array([int(r["blind_head"]) for r in rows]),
            "blind_spouse": np.array([int(r["blind_spouse"]) for r in rows]),
            "e00200p": wages_head,
            "e00200s": wages_spouse,
            "e00200": wages_head + wages_spouse,
            "e00300": col("taxable_interest"),
            "e00400": col("tax_exempt_interest"),
            "e00600": col("ordinary_dividends"),
            "e00650": col("qualified_dividends"),
            "p23250": col("long_term_gains"),
            "p22250": col("short_term_gains"),
            "e01400": col("pension"),
            "e02400": col("social_security_head") + col("social_security_spouse"),
            "e02300": col("other_ordinary"),
            "s006": np.ones(len(rows)),
        }
    )


def taxcalc_compute(
    households: list[Mapping[str, Any]], *, elderly_credit: bool = False
) -> list[dict[str, float]]:
    """Federal figures from Tax-Calculator 6.8.0, one Calculator per tax year.

    Every filing status and every year in ``YEARS`` is supported.  See the module
    docstring for the variables used.  ``elderly_credit=True`` subtracts the
    Schedule R credit in ``income_tax`` (default: reported, not subtracted).
    """
    rows = normalize_households(households)
    results: list[dict[str, float] | None] = [None] * len(rows)
    if not rows:
        return []
    import numpy as np
    import taxcalc

    for year in sorted({r["year"] for r in rows}):
        index = [i for i, r in enumerate(rows) if r["year"] == year]
        subset = [rows[i] for i in index]
        records = taxcalc.Records(
            data=_taxcalc_frame(subset, year),
            start_year=year,
            gfactors=None,
            weights=None,
            adjust_ratios=None,
        )
        calc = taxcalc.Calculator(
            policy=_taxcalc_policy(year),
            records=records,
            consumption=_taxcalc_cache["consumption"],
            verbose=False,
        )
        calc.calc_all()
        a = {name: calc.array(name) for name in
             ("c00100", "c02500", "c04800", "c05800", "c07100", "c07200", "c09600", "niit")}
        separate = np.array([r["filing_status"] == "married_separate" for r in subset])
        other_credits = a["c07100"] - a["c07200"]
        after_other = np.maximum(0.0, a["c05800"] - other_credits)
        sch_r = np.where(separate, 0.0, np.minimum(a["c07200"], after_other))
        income_tax = after_other - sch_r if elderly_credit else after_other
        credits = other_credits + sch_r if elderly_credit else other_credits
        for k, i in enumerate(index):
            results[i] = {
                "agi": _cents(a["c00100"][k]),
                "taxable_social_security": _cents(a["c02500"][k]),
                "taxable_income": _cents(a["c04800"][k]),
                "income_tax": _cents(income_tax[k]),
                "niit": _cents(a["niit"][k]),
                "amt": _cents(a["c09600"][k]),
                "nonrefundable_credits": _cents(credits[k]),
                "elderly_credit": _cents(sch_r[k]),
            }
    return results  # type: ignore[return-value]


# --------------------------------------------------------------------------
# taxsim-py
# --------------------------------------------------------------------------

_TAXSIM_MSTAT = {"single": 1, "married_joint": 2, "married_separate": 6, "head_of_household": 1}


def taxsim_unsupported_reason(household: Mapping[str, Any]) -> str | None:
    """Why taxsim-py cannot run this (already normalized) household, or None.

    Years outside ``TAXSIM_YEARS`` are not reported here (``taxsim_compute``
    raises ValueError for them); callers filter them out first.
    """
    if household["filing_status"] == "surviving_spouse":
        return "taxsim-py has no surviving-spouse filing status (mstat 1/2/6/8 only)"
    if household["blind_head"] or household["blind_spouse"]:
        return "taxsim-py has no input for blindness"
    return None


def _needs_taxsim_mode(row: Mapping[str, Any]) -> bool:
    """Tax-exempt interest matters only through the Social Security worksheet."""
    return bool(row["tax_exempt_interest"]) and bool(
        row["social_security_head"] or row["social_security_spouse"])


def _taxsim_frame(rows: list[dict[str, Any]], *, transfers: bool):
    import polars as pl

    def col(key: str) -> list[float]:
        return [r[key] for r in rows]

    hoh = [r["filing_status"] == "head_of_household" for r in rows]
    zeros = [0] * len(rows)
    money = {
        "pwages": col("wages_head"),
        "swages": col("wages_spouse"),
        # nonqualified dividends are ordinary investment income, like interest
        "intrec": [r["taxable_interest"] + r["ordinary_dividends"] - r["qualified_dividends"]
                   for r in rows],
        "dividends": col("qualified_dividends"),
        "ltcg": col("long_term_gains"),
        "stcg": col("short_term_gains"),
        "pensions": col("pension"),
        "gssi": [r["social_security_head"] + r["social_security_spouse"] for r in rows],
        "nonprop": col("other_ordinary"),
        # read into provisional income only in calculation_mode="taxsim"
        "transfers": col("tax_exempt_interest") if transfers else [0.0] * len(rows),
    }
    return pl.DataFrame(
        {
            "taxsimid": list(range(1, len(rows) + 1)),
            "year": col("year"),
            "state": zeros,
            "mstat": [_TAXSIM_MSTAT[r["filing_status"]] for r in rows],
            "page": col("age_head"),
            "sage": [r["age_spouse"] or 0 for r in rows],
            # Head of household needs a dependent in taxsim-py: one adult.
            "depx": [int(h) for h in hoh],
            "dep6": zeros,
            "dep13": zeros,
            "dep17": zeros,
            "dep18": zeros,
            "dep19": zeros,
            **money,
        },
        schema_overrides={k: pl.Float64 for k in money},
    )


_TAXSIM_COLUMNS = ("agi", "taxable_social_security", "taxable_income", "amt", "tax_before_credits",
                   "ccc", "elderly_credit_raw", "niit")


def _taxsim_run(rows: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    from taxsim_py import calculate_taxes

    frame = _taxsim_frame(rows, transfers=mode == "taxsim")
    out = calculate_taxes(frame, engine="python", keep_intermediate=True, calculation_mode=mode)
    return {name: out.get_column(name).to_numpy() for name in _TAXSIM_COLUMNS}


def taxsim_compute(
    households: list[Mapping[str, Any]], *, elderly_credit: bool = False
) -> list[dict[str, float]]:
    """Federal figures from taxsim-py 0.4.1 (python engine).

    Raises ValueError for any year other than 2024/2025 (taxsim-py stops at 2025)
    and NotImplementedError, listing the households, for what taxsim-py cannot
    represent: surviving_spouse and blindness (see ``taxsim_unsupported_reason``).
    Head of household runs with one synthetic adult dependent.  Rows with both
    tax-exempt interest and Social Security run in a second call in
    ``calculation_mode="taxsim"`` (see the module docstring); the rest run in one
    statutory-mode call.
    """
    rows = normalize_households(households)
    if not rows:
        return []
    bad_years = sorted({r["year"] for r in rows} - set(TAXSIM_YEARS))
    if bad_years:
        raise ValueError(f"taxsim-py covers {TAXSIM_YEARS} only; got years {bad_years}")
    _raise_unsupported("taxsim-py", [(i, why) for i, r in enumerate(rows)
                                     if (why := taxsim_unsupported_reason(r))])
    import numpy as np

    a = {name: np.zeros(len(rows)) for name in _TAXSIM_COLUMNS}
    special = np.array([_needs_taxsim_mode(r) for r in rows])
    for mode, mask in (("statutory", ~special), ("taxsim", special)):
        index = np.flatnonzero(mask)
        if index.size:
            part = _taxsim_run([rows[i] for i in index], mode)
            for name in _TAXSIM_COLUMNS:
                a[name][index] = part[name]
    separate = np.array([r["filing_status"] == "married_separate" for r in rows])
    # The only credits a no-dependent return can get here: child care (0, no
    # input) and the elderly credit.  The synthetic HoH dependent's $500 credit
    # for other dependents is deliberately left out.
    other_credits = np.minimum(a["ccc"], np.maximum(0.0, a["tax_before_credits"]))
    after_other = np.maximum(0.0, a["tax_before_credits"] - other_credits)
    sch_r = np.where(separate, 0.0, np.minimum(a["elderly_credit_raw"], after_other))
    income_tax = after_other - sch_r if elderly_credit else after_other
    credits = other_credits + sch_r if elderly_credit else other_credits
    return [
        {
            "agi": _cents(a["agi"][k]),
            "taxable_social_security": _cents(a["taxable_social_security"][k]),
            "taxable_income": _cents(a["taxable_income"][k]),
            "income_tax": _cents(income_tax[k]),
            "niit": _cents(a["niit"][k]),
            "amt": _cents(a["amt"][k]),
            "nonrefundable_credits": _cents(credits[k]),
            "elderly_credit": _cents(sch_r[k]),
        }
        for k in range(len(rows))
    ]


# --------------------------------------------------------------------------
# Demo: python tests/crosscheck/peers.py [--timing N]
# --------------------------------------------------------------------------


def _household(year: int, status: str, age_head: int, age_spouse: int | None = None,
               **amounts: float | bool) -> dict[str, Any]:
    h: dict[str, Any] = {k: 0.0 for k in DOLLAR_KEYS}
    h.update(year=year, filing_status=status, age_head=age_head, age_spouse=age_spouse,
             blind_head=False, blind_spouse=False)
    h.update(amounts)
    return h


# (label, household, expected values worked by hand from the IRS forms)
DEMO_CASES: list[tuple[str, dict[str, Any], dict[str, float]]] = [
    ("Appendix A: 2025 MFJ 67/67, pension 60k, SS 20k+20k, interest 5k",
     _household(2025, "married_joint", 67, 67, pension=60000, social_security_head=20000,
                social_security_spouse=20000, taxable_interest=5000),
     {"agi": 99000, "taxable_social_security": 34000, "taxable_income": 52300, "income_tax": 5799}),
    ("2024 single 40, wages 80k, LTCG 20k, qualified div 5k",
     _household(2024, "single", 40, wages_head=80000, long_term_gains=20000,
                ordinary_dividends=5000, qualified_dividends=5000),
     # 90,400 taxable; 65,400 ordinary -> 9,441; 25,000 at 15% -> 3,750
     {"agi": 105000, "taxable_income": 90400, "income_tax": 13191, "niit": 0}),
    ("2026 single 40, wages 80k, LTCG 20k, qualified div 5k",
     _household(2026, "single", 40, wages_head=80000, long_term_gains=20000,
                ordinary_dividends=5000, qualified_dividends=5000),
     # 88,900 taxable; 63,900 ordinary -> 8,770; 25,000 at 15% -> 3,750
     {"agi": 105000, "taxable_income": 88900, "income_tax": 12520}),
    ("2025 MFS 70, pension 20k, SS 20k (lived together: base 0)",
     _household(2025, "married_separate", 70, pension=20000, social_security_head=20000),
     # SS: min(85% x 30,000, 85% x 20,000) = 17,000; deduction 15,750 + 1,600, no senior deduction
     {"agi": 37000, "taxable_social_security": 17000, "taxable_income": 19650, "income_tax": 2119.5}),
    ("2024 MFS 45, wages 60k, nonqualified div 2k",
     _household(2024, "married_separate", 45, wages_head=60000, ordinary_dividends=2000),
     # 62,000 - 14,600 = 47,400 -> 1,160 + 4,266 + 22% x 250
     {"agi": 62000, "taxable_income": 47400, "income_tax": 5481}),
    ("2025 HoH 40, wages 80k",
     _household(2025, "head_of_household", 40, wages_head=80000),
     {"agi": 80000, "taxable_income": 56375, "income_tax": 6425}),
    ("2024 HoH 66, IRA 50k, SS 24k, other income 3k",
     _household(2024, "head_of_household", 66, pension=50000, social_security_head=24000,
                other_ordinary=3000),
     # provisional 65,000: 4,500 + 85% x 31,000 = 30,850 < 20,400 cap -> 20,400 taxable
     # AGI 73,400; deduction 21,900 + 1,950 = 23,850; taxable 49,550
     # tax 1,655 + 12% x 33,000 = 5,615
     {"agi": 73400, "taxable_social_security": 20400, "taxable_income": 49550,
      "income_tax": 5615}),
    ("2025 single 50, wages 150k, LTCG 1.5M (AMT, NIIT)",
     _household(2025, "single", 50, wages_head=150000, long_term_gains=1500000),
     # regular 305,109.50; exemption fully phased out; Form 6251 Part III:
     # 26% x 150,000 + 15% x (533,400 - 134,250) + 20% x 1,100,850 = 319,042.50
     {"agi": 1650000, "taxable_income": 1634250, "amt": 13933, "income_tax": 319042.5,
      "niit": 55100}),
    ("2025 MFJ 60/60, LTCG 1.5M (no AMT)",
     _household(2025, "married_joint", 60, 60, long_term_gains=1500000),
     {"agi": 1500000, "taxable_income": 1468500, "amt": 0, "income_tax": 249192.5,
      "niit": 47500}),
    ("2024 single 70, IRA 17k (Schedule R band)",
     _household(2024, "single", 70, pension=17000),
     # taxable 450 -> tax 45; Schedule R 15% x (5,000 - 50% x (17,000 - 7,500)) = 37.50
     {"agi": 17000, "taxable_income": 450, "income_tax": 45, "elderly_credit": 37.5}),
    ("2024 single 30, wages 12k (EITC, refundable: not in income_tax)",
     _household(2024, "single", 30, wages_head=12000),
     {"agi": 12000, "taxable_income": 0, "income_tax": 0}),
    ("2025 surviving spouse 70, IRA 60k, SS 30k",
     _household(2025, "surviving_spouse", 70, pension=60000, social_security_head=30000),
     # SS base 25,000/34,000: 4,500 + 85% x 41,000 = 39,350 -> capped 25,500
     # AGI 85,500; deduction 31,500 + 1,600 + senior 6,000 - 6% x 10,500 = 38,470
     {"agi": 85500, "taxable_social_security": 25500, "taxable_income": 47030,
      "income_tax": 5166.6}),
    ("2024 surviving spouse 70, IRA 60k (taxcalc STD_Aged bug: +400 deduction)",
     _household(2024, "surviving_spouse", 70, pension=60000),
     # IRS: 29,200 + 1,550 = 30,750 -> taxable 29,250 -> 2,320 + 12% x 6,050
     {"agi": 60000, "taxable_income": 29250, "income_tax": 3046}),
    ("2025 single 68 blind, IRA 40k, tax-exempt interest 10k, SS 18k",
     _household(2025, "single", 68, pension=40000, tax_exempt_interest=10000,
                social_security_head=18000, blind_head=True),
     # provisional 59,000: 4,500 + 85% x 25,000 = 25,750 -> capped 15,300; AGI 55,300
     # deduction 15,750 + 2 x 2,000 + 6,000 = 25,750; taxable 29,550
     {"agi": 55300, "taxable_social_security": 15300, "taxable_income": 29550,
      "income_tax": 3307.5}),
    ("2025 MFJ 72/70, IRA 30k, interest 2k, tax-exempt interest 8k, SS 24k+16k",
     _household(2025, "married_joint", 72, 70, pension=30000, taxable_interest=2000,
                tax_exempt_interest=8000, social_security_head=24000, social_security_spouse=16000),
     # provisional 60,000: 6,000 + 85% x 16,000 = 19,600; AGI 51,600; deduction 46,700
     {"agi": 51600, "taxable_social_security": 19600, "taxable_income": 4900, "income_tax": 490}),
    ("2024 MFS 50, wages 50k, LTCG -10k (loss limited to 1,500)",
     _household(2024, "married_separate", 50, wages_head=50000, long_term_gains=-10000),
     {"agi": 48500, "taxable_income": 33900, "income_tax": 3836}),
]


def _random_households(n: int, seed: int = 20250101, years: tuple[int, ...] = YEARS) -> list[dict[str, Any]]:
    """Varied retiree/worker households for timing (no blind/QSS, so taxsim can run them)."""
    import random

    rng = random.Random(seed)
    statuses = ("single", "married_joint", "married_separate", "head_of_household")
    out = []
    for _ in range(n):
        status = rng.choice(statuses)
        joint = status == "married_joint"
        age = rng.randint(30, 90)
        retired = age >= 62
        div = rng.choice([0, rng.uniform(0, 40000)])
        tei = rng.choice([0, 0, rng.uniform(0, 15000)])
        h = _household(
            rng.choice(years), status, age, rng.randint(30, 90) if joint else None,
            wages_head=0 if retired else rng.uniform(0, 250000),
            wages_spouse=rng.uniform(0, 150000) if joint and not retired else 0,
            taxable_interest=rng.uniform(0, 20000),
            tax_exempt_interest=tei,
            ordinary_dividends=div,
            qualified_dividends=div * rng.random(),
            long_term_gains=rng.choice([0, rng.uniform(0, 300000), -rng.uniform(0, 20000)]),
            short_term_gains=rng.choice([0, rng.uniform(0, 20000)]),
            pension=rng.uniform(0, 150000) if retired else rng.choice([0, rng.uniform(0, 50000)]),
            social_security_head=rng.uniform(10000, 45000) if retired else 0,
            social_security_spouse=rng.uniform(5000, 30000) if joint and retired else 0,
            other_ordinary=rng.choice([0, rng.uniform(0, 10000)]),
        )
        out.append(h)
    return out


def _demo(timing: int = 0) -> int:
    """Run DEMO_CASES through both engines, print them, check the hand values."""
    rows = [case[1] for case in DEMO_CASES]
    t0 = time.perf_counter()
    tc = taxcalc_compute(rows)
    t_tc = time.perf_counter() - t0
    ts_index = [i for i, r in enumerate(rows)
                if r["year"] in TAXSIM_YEARS and taxsim_unsupported_reason(r) is None]
    t0 = time.perf_counter()
    ts_rows = taxsim_compute([rows[i] for i in ts_index])
    t_ts = time.perf_counter() - t0
    ts: dict[int, dict[str, float]] = dict(zip(ts_index, ts_rows))
    # Known, documented disagreements with the hand values (engine, case index, key).
    known = {("taxcalc", 12, "taxable_income"), ("taxcalc", 12, "income_tax")}
    failures = []
    keys = ("agi", "taxable_social_security", "taxable_income", "amt", "nonrefundable_credits",
            "elderly_credit", "income_tax", "niit")
    print(f"{'':4}{'':10}" + "".join(f"{k[:14]:>15}" for k in keys))
    for i, (label, h, expected) in enumerate(DEMO_CASES):
        print(f"[{i}] {label}")
        for name, result in (("expected", expected), ("taxcalc", tc[i]), ("taxsim", ts.get(i))):
            if result is None:
                why = (f"year {h['year']} not covered" if h["year"] not in TAXSIM_YEARS
                       else taxsim_unsupported_reason(normalize_households([h])[0]))
                print(f"    {name:10}  -- {why}")
                continue
            print(f"    {name:10}" + "".join(
                f"{result[k]:>15,.2f}" if k in result else f"{'':>15}" for k in keys))
            if name == "expected":
                continue
            for k, v in expected.items():
                if abs(result[k] - v) > 0.011 and (name, i, k) not in known:
                    failures.append(f"[{i}] {name} {k}: {result[k]} != expected {v}")
    print(f"\ntaxcalc {t_tc:.2f} s for {len(rows)} rows (includes numba compile on first call); "
          f"taxsim {t_ts:.2f} s for {len(ts_index)} rows")
    incl = taxcalc_compute([DEMO_CASES[9][1]], elderly_credit=True)[0]
    print(f"elderly_credit=True on case 9 (taxcalc): income_tax {incl['income_tax']}, "
          f"credits {incl['nonrefundable_credits']}")
    if incl["income_tax"] != 7.5:
        failures.append(f"[9] taxcalc elderly_credit=True income_tax {incl['income_tax']} != 7.5")
    if timing:
        for label, fn, years in (("taxcalc", taxcalc_compute, YEARS),
                                 ("taxsim", taxsim_compute, TAXSIM_YEARS)):
            data = _random_households(timing, years=years)
            t0 = time.perf_counter()
            res = fn(data)
            dt = time.perf_counter() - t0
            print(f"{label}: {timing} households over years {years}: {dt:.2f} s "
                  f"({timing / dt:,.0f}/s); total income_tax {sum(r['income_tax'] for r in res):,.2f}")
        plain = [dict(h, tax_exempt_interest=0.0) for h in _random_households(timing, seed=3, years=TAXSIM_YEARS)]
        plain = normalize_households(plain)
        stat, tsim = _taxsim_run(plain, "statutory"), _taxsim_run(plain, "taxsim")
        gap = max(float(abs(stat[k] - tsim[k]).max()) for k in _TAXSIM_COLUMNS if k != "elderly_credit_raw")
        print(f"taxsim-py statutory vs taxsim mode on {timing} households without tax-exempt interest: "
              f"largest gap {gap}")
        both = _random_households(timing, seed=7, years=TAXSIM_YEARS)
        a, b = taxcalc_compute(both), taxsim_compute(both)
        worst = max((abs(x[k] - y[k]), k, i) for i, (x, y) in enumerate(zip(a, b)) for k in OUTPUT_KEYS)
        print(f"taxcalc vs taxsim on {timing} random 2024/2025 households: largest gap {worst}")
    if failures:
        print("\nFAILURES:\n  " + "\n  ".join(failures))
        return 1
    print("\nall hand-checked values match (known peer bug: taxcalc case 12)")
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=_demo.__doc__)
    parser.add_argument("--timing", type=int, default=0, metavar="N",
                        help="also time N random households per engine")
    raise SystemExit(_demo(parser.parse_args().timing))
