"""Form 1099-R, as the payer of a distribution issues it (Instructions for Forms 1099-R and 5498):
a record in cents, turned into dollars only at the JSON edge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rothroute.money import as_number


@dataclass(frozen=True, slots=True, kw_only=True)
class Form1099R:
    box1: int  # gross distribution
    box2a: int = 0  # taxable amount
    box2b_taxable_not_determined: bool = False  # IRAs: the owner figures the taxable part (Form 8606)
    box4: int = 0  # federal income tax withheld
    box5: int = 0  # employee contributions, designated Roth contributions or insurance premiums (basis)
    box10: int = 0  # in-plan Roth rollover money within its 5-year period
    box11: int | None = None  # first year of designated Roth contributions
    codes: tuple[str, ...] = ()  # box 7 distribution codes
    ira_sep_simple: bool = False  # the IRA/SEP/SIMPLE checkbox

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"box1": as_number(self.box1), "box2a": as_number(self.box2a)}
        if self.box2b_taxable_not_determined:
            out["box2b_taxable_not_determined"] = True
        out.update({"box4": as_number(self.box4), "box5": as_number(self.box5), "box10": as_number(self.box10),
                    "box11": self.box11, "codes": list(self.codes)})
        if self.ira_sep_simple:
            out["ira_sep_simple"] = True
        return out


def ira(amount: int, code: str) -> Form1099R:
    """The form an IRA custodian issues: box 2a = box 1 with "taxable amount not determined"
    checked (the owner figures it on Form 8606), the IRA/SEP/SIMPLE box checked."""
    return Form1099R(box1=amount, box2a=amount, box2b_taxable_not_determined=True, codes=(code,),
                     ira_sep_simple=True)
