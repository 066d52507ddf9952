"""Yearly tax parameters, loaded strictly from ``params/data/*.yaml``.

Every value carries its source. ``for_year(year)`` gives the typed parameters of one tax year
and raises ``ParameterNotInForce`` (naming the years in force) for any other year: a value is
never carried forward silently.
"""

from __future__ import annotations

from rothroute.params.loader import Family, ParamSet, YearParams, default_set, for_year

__all__ = ["Family", "ParamSet", "YearParams", "default_set", "for_year"]
