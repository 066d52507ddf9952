"""Parameters of one tax year picked for one filing status, in the shape the formulas use."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rothroute.params import Family, YearParams, default_set
from rothroute.vocab import FilingStatus

NEVER = 10**15  # cents: a threshold no income reaches (a phase-out that does not apply)
CAPITAL_LOSS_LIMIT = {True: 150_000, False: 300_000}  # IRC §1211(b)(1): $1,500 married filing separately, else $3,000
IRMAA_TIERS = 5  # tables are padded to this many tiers so every filing status has the same shape
IRMAA_LOOKBACK = 2  # 20 CFR §418.1115: the premium year's IRMAA uses MAGI of two years before


def irmaa_table(tax_year: int) -> tuple[Family, bool]:
    """The IRMAA table for the premium year two years after ``tax_year`` and whether it is that
    year's own (True) or the latest published one standing in for it (False)."""
    tables = default_set().yearly["irmaa"]
    premium_year = tax_year + IRMAA_LOOKBACK
    if premium_year in tables:
        return tables[premium_year], True
    return tables[max(tables)], False


def _table_key(status: FilingStatus, lived_apart: bool) -> str:
    if status is FilingStatus.MARRIED_JOINT:
        return "married_joint"
    if status is FilingStatus.MARRIED_SEPARATE and not lived_apart:
        return "married_separate"
    return "single"


@lru_cache(maxsize=64)
def picked(yp: YearParams, status: FilingStatus, lived_apart: bool, irmaa: Family | None = None) -> dict[str, Any]:
    """``irmaa``: the IRMAA table to use instead of the premium year's published one (a projection)."""
    s = str(status)
    mfs = status is FilingStatus.MARRIED_SEPARATE
    senior_threshold = yp.senior_deduction[s]
    ss = yp.social_security_taxation["married_separate_lived_apart"] if mfs and lived_apart \
        else yp.social_security_taxation[s]
    cap, salt_threshold, salt_rate, salt_floor = yp.salt_cap[s]
    exemption, phaseout_start, amt_break = yp.amt[s]
    elderly_one, elderly_both, elderly_threshold = yp.elderly_credit[s]
    if mfs and not lived_apart:  # IRC §22(e)(1): no credit for a separate return of spouses living together
        elderly_one = 0
    table = irmaa if irmaa is not None else irmaa_table(yp.year)[0]
    tiers = list(table[_table_key(status, lived_apart)])
    floors = [(floor, inclusive) for floor, inclusive, _, _ in tiers]
    floors += [(NEVER, True)] * (IRMAA_TIERS - len(floors))
    return {
        "brackets": tuple(yp.ordinary_brackets[s]),
        "standard": yp.standard_deduction[s],
        "aged_blind": yp.aged_blind_addition[s],
        "senior_amount": 0 if senior_threshold is None else yp.senior_deduction["amount"],
        "senior_threshold": 0 if senior_threshold is None else senior_threshold,
        "senior_rate": yp.senior_deduction["phaseout_rate"],
        "cg_zero_max": yp.capital_gains_thresholds[s][0],
        "cg_fifteen_max": yp.capital_gains_thresholds[s][1],
        "cg_rates": tuple(yp.capital_gains_thresholds["rates"]),
        "niit_threshold": yp.niit[s],
        "niit_rate": yp.niit["rate"],
        "ss_base": ss[0],
        "ss_adjusted_base": ss[1],
        "ss_rates": tuple(yp.social_security_taxation["rates"]),
        "salt_cap": cap,
        "salt_threshold": NEVER if salt_threshold is None else salt_threshold,
        "salt_rate": salt_rate,
        "salt_floor": salt_floor,
        "amt_exemption": exemption,
        "amt_phaseout_start": phaseout_start,
        "amt_break": amt_break,
        "amt_rates": tuple(yp.amt["rates"]),
        "amt_phaseout_rate": yp.amt["phaseout_rate"],
        # the MFS AMTI add-back rate as an integer ratio, so that it can differ by row in a batch
        "amt_addback_num": yp.amt["married_separate_addback_rate"].numerator if mfs else 0,
        "amt_addback_den": yp.amt["married_separate_addback_rate"].denominator if mfs else 1,
        "elderly_one": elderly_one,
        "elderly_both": elderly_one if elderly_both is None else elderly_both,
        "elderly_threshold": elderly_threshold,
        "elderly_rate": yp.elderly_credit["rate"],
        "elderly_agi_rate": yp.elderly_credit["agi_reduction_rate"],
        "loss_limit": CAPITAL_LOSS_LIMIT[mfs],
        "charity_cap": yp.charitable_deduction[s] or 0,
        "charity_floor_rate": yp.charitable_deduction["floor_rate"],
        "charity_ceiling_rate": yp.charitable_deduction["cash_ceiling_rate"],
        "irmaa_floors": tuple(floors),
    }


RATE_KEYS = frozenset({"senior_rate", "cg_rates", "niit_rate", "ss_rates", "salt_rate", "amt_rates",
                       "amt_phaseout_rate", "elderly_rate", "elderly_agi_rate", "charity_floor_rate",
                       "charity_ceiling_rate"})
"""Keys whose values are the same for every filing status of a year (exact fractions)."""

