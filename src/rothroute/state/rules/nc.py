"""North Carolina: the generic chain (federal AGI, Social Security taxed federally deducted, the
standard deduction, a flat rate). No general retirement exclusion: pensions, IRA distributions
and conversions are taxed, except government pensions under the Bailey settlement."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain
from rothroute.state.rules import common

LINES = chain.LINES
compute = chain.compute


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    out = common.exempt_interest_note(inputs, "N.C. Gen. Stat. §105-153.5(c)") + common.itemized_note(
        inputs, values, "N.C. Gen. Stat. §105-153.5(a)(2)")
    if common.has(inputs, "pension", "plan"):
        out.append(("state_rule_not_modelled",
                    "North Carolina deducts government retirement benefits of those vested by August 12, 1989 "
                    "(the Bailey settlement); the file does not say whose pension qualifies, so all pension and plan "
                    "income is taxed here.", ("N.C. Gen. Stat. §105-153.5(b)", "Form D-400 Schedule S")))
    return out

