"""Differences from taxsim-py's state calculators for Idaho, Indiana, Iowa, Kansas, Kentucky,
Louisiana, Maine and Maryland (issue #14 phase 2, group B): each a reading of the peer's that
differs from the law, proved by re-running rothroute under the peer's reading (see
``state_expected``), each with a worked household it explains."""

from __future__ import annotations

from typing import Any

from . import state_peers
from .state_expected import NEVER, StateExpected, ours


def _peer_household_income(h: dict[str, Any]) -> float:
    """taxsim-py's household income (``engine.state.household_income``) of a neutral household."""
    both = ("head", "spouse")
    gains = h["long_term_gains"] + h["short_term_gains"]
    return (sum(max(h[f"wages_{w}"], 0) for w in both) + h["ordinary_dividends"] + h["taxable_interest"]
            + sum(h[f"{k}_{w}"] for k in ("pension", "ira", "conversion", "social_security") for w in both)
            + max(gains, 0))


def _id_peer_filing_limit(h: dict[str, Any]) -> Any:
    """The peer's permanent building fund test: household income (Social Security whole) over its 1981
    limits ($3,300 single, $5,400 joint, $1,000 more for each person 65 or older)."""
    def change(p: dict[str, Any], x: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        joint = h["filing_status"] == "married_joint"
        aged = sum(1 for a in (h["age_head"], h["age_spouse"]) if a is not None and a >= 65)
        limit = (5400 if joint else 3300) + 1000 * aged
        owes = _peer_household_income(h) > limit
        return {**p, "building_fund.filing_threshold": -NEVER if owes else NEVER, "building_fund.aged": 0}
    return change


GROUP_B: tuple[StateExpected, ...] = (
    StateExpected(
        code="taxsim_id_building_fund_filing_limit", state="ID",
        applies=lambda h: True,
        rerun=lambda h: ours(h, params=_id_peer_filing_limit(h)),
        explanation="Idaho Code §63-3082 and §57-1110: the $10 permanent building fund tax is owed on a return that "
                    "must be filed, and an Idaho resident must file when required to file a federal return (gross "
                    "income at least the federal filing threshold: $14,600 single under 65 in 2024); taxsim-py "
                    "charges it when household income, Social Security benefits included, is over its 1981 limits "
                    "($3,300 single, $5,400 joint, $1,000 more for each person 65 or older).",
        example=state_peers.household(year=2024, state="ID", filing_status="single", age_head=74,
                                      social_security_head=37027)),
)
