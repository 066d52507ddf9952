"""Yearly tax parameters, loaded strictly from ``params/data/*.yaml``.

Every value carries its source. ``for_year(year)`` gives the typed parameters of one tax year
and raises ``ParameterNotInForce`` (naming the years in force) for any other year: a value is
never carried forward silently. Years after the last enacted one are available only through the
separate, explicit ``rothroute.params.projection.year_params(year, inflation)``, whose values
are projected by the stated rule of ``data/projection.yaml`` and marked ``projected``.
"""

from __future__ import annotations

from rothroute.params.loader import Family, ParamSet, YearParams, default_set, for_year

__all__ = ["Family", "ParamSet", "YearParams", "default_set", "for_year"]
