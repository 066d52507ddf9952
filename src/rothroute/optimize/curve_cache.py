"""A year's tax curves kept once found, for a later plan whose year has the same inputs (the claiming
search, ``optimize.claiming``, plans the same household at several claiming ages: the years before anyone's
benefit starts are the same under every choice).

The key is every input of the year's curves (``plan._curves``): the year's household whole (its pickle, so
equal only when every field is), the year's parameters and IRMAA table (the projected years' own objects,
``params.projection.year_params``, kept alive with the entry so their identity stays theirs), ``x_max``, the
state's part (its parameters' object and its split) and whether the cash account is taxable. One thing is
normalized first, exactly: a Social Security claim whose benefit has not started by the year's last month of
benefits (November: the year pays December to November, ``social_security.benefits``) is keyed as a claim at
70. Before its entitlement month a claim pays nothing, and the spouse's benefit it could bring the other person
starts no earlier than it (42 U.S.C. §402(a), (b)(1), ``spouse_excess``); every figure of the year's tax reads
the claim only through the benefits paid (``social_security.income_of_year``), and a claim at 70 (the latest
entitlement) pays nothing in that year either. So the year's benefits, and its curves, are those of the key."""

from __future__ import annotations

import dataclasses
import pickle
import time
from typing import Any, Callable

from rothroute.household.model import Household, Person
from rothroute.household.social_security import entitlement_month

KEPT = 2048  # curves kept at most (then all let go: a plan of 60 years at a few dozen choices fits)
LATEST = 70 * 12  # months: the latest claiming age

# key: (objects kept alive, the curves, the seconds they took)
_KEPT: dict[tuple[Any, ...], tuple[tuple[Any, ...], tuple[Any, Any, Any], float]] = {}


def _unstarted(p: Person, year: int) -> Person:
    ss = p.social_security
    if ss is None or (ss.claim_age, ss.claim_age_months) == (70, 0):
        return p
    if entitlement_month(p.born, ss.claim_age * 12 + ss.claim_age_months) <= year * 12 + 10:
        return p  # paid from this year's benefit months on: keyed as it is
    return dataclasses.replace(p, social_security=dataclasses.replace(ss, claim_age=LATEST // 12, claim_age_months=0))


def keyed(h: Household) -> Household:
    """``h`` with each claim not started by the year's November keyed as a claim at 70 (the module says why)."""
    people = tuple(_unstarted(p, h.tax_year) for p in h.people)
    return h if all(a is b for a, b in zip(people, h.people)) else dataclasses.replace(h, people=people)


def _key(in_taxable: bool, item: tuple[Any, ...], spec: Any) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    h, yp, irmaa, x_max = item
    objects = (yp, irmaa) if spec is None else (yp, irmaa, spec.year)
    state = None if spec is None else (id(spec.year), spec.split, spec.fixed, spec.rest, spec.pins)
    return (in_taxable, pickle.dumps(keyed(h), protocol=pickle.HIGHEST_PROTOCOL), id(yp), id(irmaa), x_max,
            state), objects


def curves(compute: Callable[[bool, list[Any], list[Any]], list[tuple[Any, Any, Any]]], in_taxable: bool,
           items: list[Any], specs: list[Any]) -> list[tuple[Any, Any, Any]]:
    """``compute(in_taxable, items, specs)`` (``plan._curves``), each year's taken from those kept where its inputs
    were seen before; the others computed together and kept."""
    return timed(compute, in_taxable, items, specs)[0]


def timed(compute: Callable[[bool, list[Any], list[Any]], list[tuple[Any, Any, Any]]], in_taxable: bool,
          items: list[Any], specs: list[Any]) -> tuple[list[tuple[Any, Any, Any]], float]:
    """``curves``, and the seconds a year's curves took to compute, on average over these years (those kept: as
    when they were computed), for a time budget that must reserve the pricing of curves again."""
    specs = specs or [None] * len(items)
    keys = [_key(in_taxable, item, spec) for item, spec in zip(items, specs)]
    out = {t: hit[1:] for t, (key, _) in enumerate(keys) if (hit := _KEPT.get(key)) is not None}
    missing = [t for t in range(len(items)) if t not in out]
    if missing:
        clock = time.monotonic()
        found = compute(in_taxable, [items[t] for t in missing], [specs[t] for t in missing])
        each = (time.monotonic() - clock) / len(missing)
        if len(_KEPT) + len(missing) > KEPT:
            _KEPT.clear()
        for t, value in zip(missing, found):
            out[t] = (value, each)
            _KEPT[keys[t][0]] = (keys[t][1], value, each)
    return [out[t][0] for t in range(len(items))], sum(out[t][1] for t in out) / max(1, len(items))


def clear() -> None:
    """Let every kept curve go."""
    _KEPT.clear()
