"""The household file: its format (spec and JSON Schema), its records and its loader."""

from rothroute.household.fileformat import json_schema
from rothroute.household.load import kind_of, load_document, load_path, load_text
from rothroute.household.model import Account, Household, IncomeItem, Person

__all__ = ["Account", "Household", "IncomeItem", "Person", "json_schema", "kind_of", "load_document", "load_path",
           "load_text"]
