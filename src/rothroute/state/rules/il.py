"""Illinois: the generic chain (federal AGI; federally exempt interest added; Social Security and
retirement income subtracted at any age, conversions included; exemption allowance with the
additions for age and blindness, none above the AGI limit; a flat rate)."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain
from rothroute.state.rules import common

LINES = chain.LINES
compute = chain.compute


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    if common.has(inputs, "exempt_interest"):
        out.append(("state_rule_not_modelled",
                    "Illinois adds back all federally tax-exempt interest (Form IL-1040 Line 2); the interest on the "
                    "few Illinois obligations its Schedule M lets you subtract again is not told apart in the file, "
                    "so all of it is taxed here.", ("35 ILCS 5/203(a)(2)", "Schedule M")))
    if values.get("tax"):
        out.append(("state_rule_not_modelled",
                    "Illinois's nonrefundable credit of 5% of the property tax on a principal residence (Schedule "
                    "ICR) is not taken: the file does not give property tax apart.", ("35 ILCS 5/208",
                                                                                      "Schedule ICR")))
    return out

