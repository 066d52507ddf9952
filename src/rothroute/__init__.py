"""rothroute: plan how US retirement money moves between pre-tax, after-tax and Roth buckets,
price each option to the dollar, and explain why, citing the law.

The core has no front end: ``load_path`` reads a household file, ``evaluate`` prices it,
``federal_tax`` and ``federal_tax_batch`` price one or many household-years, ``state_tax``
the state of residence's taxes;
``rothroute.compare.compare`` builds, prices and ranks the strategies of a household.
"""

from __future__ import annotations

from typing import Any

from rothroute.errors import (
    HouseholdFileError, Issue, ParameterFileError, ParameterNotInForce, Problem, RothrouteError,
)
from rothroute.explain import Line
from rothroute.household import Household, json_schema, load_path, load_text
from rothroute.engine import Evaluation, evaluate
from rothroute.state import StateTax, state_tax
from rothroute.tax.federal import FederalTax, TaxInputs, federal_tax, inputs_from_household
from rothroute.vocab import AccountKind, FilingStatus, IncomeKind

__version__ = "0.1.0"

__all__ = [
    "AccountKind", "Evaluation", "FederalTax", "FilingStatus", "Household", "HouseholdFileError", "IncomeKind",
    "Issue", "Line", "ParameterFileError", "ParameterNotInForce", "Problem", "RothrouteError", "StateTax",
    "TaxInputs", "__version__", "evaluate", "federal_tax", "federal_tax_batch", "inputs_from_household",
    "json_schema", "load_path", "load_text", "state_tax",
]


def federal_tax_batch(columns: Any, **kwargs: Any) -> Any:
    """Batch federal tax (see ``rothroute.tax.batch``); imports NumPy on first use."""
    from rothroute.tax.batch import federal_tax_batch as run

    return run(columns, **kwargs)
