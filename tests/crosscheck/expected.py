"""Differences from peer engines that are understood, each with its rule and source
(docs/crosscheck.md explains them). A difference is accepted only if re-running rothroute
under the peer's rule brings it within $1, which proves the explanation, not just names it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from rothroute.money import cents


@dataclass(frozen=True)
class Expected:
    code: str
    engine: str
    applies: Callable[[dict[str, Any]], bool]
    peer_rule: Callable[[dict[str, Any]], dict[str, Any]]  # picked parameters -> the peer's parameters
    explanation: str


def _with(**changes: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda p: {**p, **changes}


EXPECTED = (
    Expected(
        code="taxcalc_surviving_spouse_aged_2024",
        engine="taxcalc",
        applies=lambda h: h["filing_status"] == "surviving_spouse" and h["year"] == 2024
        and (h["age_head"] >= 65 or h["blind_head"]),
        peer_rule=_with(aged_blind=cents(1950)),
        explanation="Tax-Calculator 6.8.0 gives a 2024 surviving spouse the unmarried additional standard deduction "
                    "($1,950 a box); IRC §63(f)(1)-(3) and Rev. Proc. 2023-34 give $1,550 (the higher amount is only "
                    "for one 'not married and not a surviving spouse').",
    ),
    Expected(
        code="taxcalc_no_separate_amti_addback",
        engine="taxcalc",
        applies=lambda h: h["filing_status"] == "married_separate",
        peer_rule=_with(amt_addback_num=0, amt_addback_den=1),
        explanation="Tax-Calculator 6.8.0 does not apply the last sentence of IRC §55(d)(2): a married individual "
                    "filing separately adds to AMTI the add-back rate of AMTI above the point where the exemption "
                    "is gone, up to the exemption (Form 6251 instructions, line 4).",
    ),
)
