"""Form 8606 Parts I and II: basis in traditional, SEP and SIMPLE IRAs, and the pro-rata share
of the year's distributions and conversions that is nontaxable (IRC §408(d)(1)-(2), §72).

All of a person's non-Roth IRAs are one contract, all the year's distributions one
distribution, valued at December 31 with the year's distributions added back (§408(d)(2)).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CITES = ("IRC §408(d)(1)-(2)", "IRC §72(e)", "Form 8606 Part I lines 1-15", "Form 8606 Part II lines 16-18")


@dataclass(frozen=True, slots=True, kw_only=True)
class Form8606:
    """The lines of Parts I and II (cents; ``l10`` the nontaxable fraction)."""

    l1: int
    l2: int
    l3: int
    l4: int
    l5: int
    l6: int
    l7: int
    l8: int
    l9: int
    l10: Fraction
    l11: int
    l12: int
    l13: int
    l14: int
    l15a: int
    l15c: int
    l16: int
    l17: int
    l18: int

    def lines(self, places: int | None) -> dict[str, int | str]:
        return {k.removeprefix("l"): ratio_text(self.l10, places) if k == "l10" else getattr(self, k)
                for k in self.__slots__}


def _times(amount: int, fraction: Fraction) -> int:
    """amount × fraction, half up to the cent."""
    return (2 * amount * fraction.numerator + fraction.denominator) // (2 * fraction.denominator)


def round_ratio(value: Fraction, places: int | None) -> Fraction:
    if places is None:
        return value
    quantum = Decimal(1).scaleb(-places)
    return Fraction((Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, ROUND_HALF_UP))


def ratio_text(value: Fraction, places: int | None) -> str:
    """Line 10 as a decimal string: to ``places`` places, or 6 when the ratio is exact."""
    shown = 6 if places is None else max(places, 3)
    rounded = Decimal(value.numerator) / Decimal(value.denominator)
    return str(rounded.quantize(Decimal(1).scaleb(-shown), ROUND_HALF_UP))


def worksheet_1_1(*, prior_basis: int, contributions: int, december_31_value: int, distributions: int,
                  conversions: int, ratio_places: int | None = None) -> tuple[int, int]:
    """Pub 590-B Worksheet 1-1, for a year with distributions or conversions and contributions that
    may not be fully deductible: the nontaxable parts of the distributions and of the conversions
    (worksheet lines 9 and 10), counting every contribution for the year as basis, deductible or
    not, before the deduction is known. Line 8 is at least 3 places (``ratio_places``) and at most 1."""
    l3 = prior_basis + contributions
    l7 = december_31_value + distributions + conversions
    l8 = min(Fraction(1), round_ratio(Fraction(l3, l7), ratio_places)) if l7 > 0 else Fraction(1)
    return _times(distributions, l8), _times(conversions, l8)


def compute(*, nondeductible: int, prior_basis: int, next_year_contributions: int, december_31_value: int,
            distributions: int, conversions: int, ratio_places: int | None = None,
            worksheet: tuple[int, int] | None = None, worksheet_only: bool = False) -> Form8606:
    """Parts I and II of Form 8606.

    ``ratio_places``: None keeps line 10 at full precision (the default: the form asks for "at
    least 3 places"); 3 rounds it as the IRS's filled-in sample does. Either way the nontaxable
    amounts never exceed line 5, so line 14 is never negative (R3.7).

    ``worksheet``: the nontaxable distributions and conversions from Pub 590-B Worksheet 1-1. When
    line 5 covers their sum they go to lines 13 and 17 and lines 6-10 are left blank (Pub 590-B,
    "Reporting your nontaxable distribution on Form 8606", steps 5-8); else lines 6-12 apply.
    ``worksheet_only``: use the worksheet's amounts regardless, as the modified AGI of the deduction
    worksheet does before the deduction (and so line 5) is known (Pub 590-A Worksheet 1-2)."""
    l1, l2 = nondeductible, prior_basis
    l3 = l1 + l2
    l4 = next_year_contributions
    l5 = l3 - l4
    l6, l7, l8 = december_31_value, distributions, conversions
    l9 = l6 + l7 + l8
    if l7 == 0 and l8 == 0:  # line 3: no distribution or conversion, basis carries to line 14
        return Form8606(l1=l1, l2=l2, l3=l3, l4=l4, l5=l5, l6=l6, l7=0, l8=0, l9=l9, l10=Fraction(0), l11=0,
                        l12=0, l13=0, l14=l3, l15a=0, l15c=0, l16=0, l17=0, l18=0)
    if worksheet is not None and (worksheet_only or sum(worksheet) <= l5):
        l12, l11 = worksheet
        return Form8606(l1=l1, l2=l2, l3=l3, l4=l4, l5=l5, l6=0, l7=l7, l8=l8, l9=0, l10=Fraction(0), l11=l11,
                        l12=l12, l13=l11 + l12, l14=l3 - l11 - l12, l15a=l7 - l12, l15c=l7 - l12, l16=l8, l17=l11,
                        l18=l8 - l11)
    l10 = min(Fraction(1), round_ratio(Fraction(l5, l9), ratio_places)) if l9 > 0 else Fraction(1)
    l11 = min(_times(l8, l10), l5)
    l12 = min(_times(l7, l10), l5 - l11)
    l13 = l11 + l12
    l14 = l3 - l13
    l15a = l7 - l12
    return Form8606(l1=l1, l2=l2, l3=l3, l4=l4, l5=l5, l6=l6, l7=l7, l8=l8, l9=l9, l10=l10, l11=l11, l12=l12,
                    l13=l13, l14=l14, l15a=l15a, l15c=l15a, l16=l8, l17=l11, l18=l8 - l11)
