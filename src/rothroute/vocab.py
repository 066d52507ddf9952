"""Closed vocabularies of the household file and the engine (stdlib ``StrEnum``)."""

from __future__ import annotations

from enum import StrEnum


class FilingStatus(StrEnum):
    """Form 1040 filing status (IRC §1(a)-(d), §2)."""

    SINGLE = "single"
    MARRIED_JOINT = "married_joint"
    MARRIED_SEPARATE = "married_separate"
    HEAD_OF_HOUSEHOLD = "head_of_household"
    SURVIVING_SPOUSE = "surviving_spouse"


FILING_STATUSES: tuple[FilingStatus, ...] = tuple(FilingStatus)
"""Filing statuses in a fixed order: the batch path codes them 0..4 in this order."""


class IncomeKind(StrEnum):
    """Kinds of the year's other income (household file ``income[].kind``)."""

    WAGES = "wages"
    TAXABLE_INTEREST = "taxable_interest"
    TAX_EXEMPT_INTEREST = "tax_exempt_interest"
    ORDINARY_DIVIDENDS = "ordinary_dividends"
    QUALIFIED_DIVIDENDS = "qualified_dividends"
    LONG_TERM_GAINS = "long_term_gains"
    SHORT_TERM_GAINS = "short_term_gains"
    PENSION = "pension"
    SOCIAL_SECURITY = "social_security"
    OTHER_ORDINARY = "other_ordinary"
    EARLY_DISTRIBUTION = "early_distribution"


class AccountKind(StrEnum):
    """Kinds of retirement account (household file ``accounts[].kind``)."""

    K401 = "401k"
    K403B = "403b"
    GOVERNMENTAL_457B = "governmental_457b"
    TRADITIONAL_IRA = "traditional_ira"
    SEP_IRA = "sep_ira"
    SIMPLE_IRA = "simple_ira"
    ROTH_IRA = "roth_ira"
    INHERITED_IRA = "inherited_ira"
    TAXABLE = "taxable"  # a brokerage account: money already taxed, its gains taxed when sold


PLAN_KINDS = frozenset({AccountKind.K401, AccountKind.K403B, AccountKind.GOVERNMENTAL_457B})
"""Employer plans that hold money by source (pre-tax, after-tax, designated Roth)."""

NON_ROTH_IRAS = (AccountKind.TRADITIONAL_IRA, AccountKind.SEP_IRA, AccountKind.SIMPLE_IRA)
"""An owner's own non-Roth IRAs: one contract for Form 8606 (IRC §408(d)(2)); inherited IRAs aside."""

IRA_KINDS = frozenset(
    {AccountKind.TRADITIONAL_IRA, AccountKind.SEP_IRA, AccountKind.SIMPLE_IRA, AccountKind.INHERITED_IRA}
)
"""Non-Roth IRAs: aggregated for Form 8606 (IRC §408(d)(2)); inherited IRAs are kept apart by the engine."""


class PlanSource(StrEnum):
    """Sources (sub-accounts) of an employer plan."""

    PRETAX = "pretax"
    AFTER_TAX = "after_tax"
    ROTH = "roth"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


JURISDICTIONS: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming",
}
"""Two-letter postal code to name: the 50 states and the District of Columbia."""
