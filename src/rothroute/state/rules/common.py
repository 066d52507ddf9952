"""Notes several state modules share."""

from __future__ import annotations

from typing import Any, Mapping


def exempt_interest_note(inputs: Any, *cites: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """A state taxes interest on other states' bonds that the federal return exempts; the file does not
    say whose bonds they are, so the interest is taken as the state's own (exempt) and this says so."""
    if not sum(p.exempt_interest for p in inputs.people):
        return []
    return [("state_exempt_interest_assumed_home_state",
             "Tax-exempt interest in the file is taken as interest on the state's own bonds, which it does not tax; "
             "interest on other states' bonds is added back by this state and is not included here.", cites)]


def itemized_note(inputs: Any, values: Mapping[str, Any], *cites: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """The state's own itemized deductions are not modelled: said where the federal return itemizes, or
    where the file's itemized deductions (state and local taxes before the federal cap, the rest of
    Schedule A, cash gifts) pass the state's standard deduction (any amount, where the state's rule
    shows none), as they may on a state return that itemizes on its own (Hawaii's, New York's, ...)."""
    itemizable = inputs.itemizable
    standard = values.get("standard_deduction")
    over = itemizable > 0 if standard is None else itemizable > int(standard)
    if inputs.federal.get("federal_itemizes"):
        said = "The federal return itemizes"
    elif over:
        said = (f"The file's itemized deductions (${itemizable / 100:,.2f}) are more than this state's standard "
                "deduction" if standard is not None else "The file gives itemized deductions")
    else:
        return []
    return [("state_itemized_deduction_not_modelled",
             f"{said}; this state's itemized deductions are not modelled and its standard deduction is used (where "
             "the state lets the return itemize, a larger state itemized deduction would lower the state tax).", cites)]


# Above every federal earned income credit's income limit of the years modelled (2025: AGI under
# $68,675 on a joint return with three or more qualifying children, IRS Publication 596 and
# Rev. Proc. 2024-40; 2024: $66,819): a household over it claims no federal credit, so none of a
# state credit that is a share of it.
EARNED_INCOME_CREDIT_AGI_BOUND = 6_867_500


def earned_income_credit_note(inputs: Any, values: Any, text: str, *cites: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """A nonrefundable state earned income credit (a share of the federal credit, which rothroute
    does not compute) the household may claim: someone has wages, the state tax is not nil and
    federal AGI is under every federal credit's limit."""
    if not (has(inputs, "wages") and values.get("tax")
            and inputs.federal.get("federal_agi", 0) < EARNED_INCOME_CREDIT_AGI_BOUND):
        return []
    return [("state_rule_not_modelled", text, cites)]


def has(inputs: Any, *kinds: str) -> bool:
    return any(getattr(p, kind) for p in inputs.people for kind in kinds)
