"""What makes the claiming search fast must not change its answer: a year's tax curves kept and reused
(``optimize.curve_cache``) are the curves computed afresh, and a claim keyed as one at 70 pays what it pays."""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import pytest

from rothroute.household.load import load_text
from rothroute.household.social_security import benefits
from rothroute.optimize import curve_cache
from rothroute.optimize.claiming import with_claims
from rothroute.optimize.horizon import Assumptions

from tests.test_optimize_claiming import COUPLE

A = Assumptions(spending=50_000_00, cash=100_000_00)
YEARS = 12


def test_a_claim_keyed_as_one_at_70_pays_what_it_pays_in_every_year_it_is_so_keyed() -> None:
    """Every pair of ages 62-70 of the claiming tests' couple (b with a widow(er)'s benefit on file too, paid
    without a claim), every year 2026-2041: where ``curve_cache.keyed`` changes a claim, each person's benefits of
    the year (every month's, spouse's benefit included) are those of the household as it is; and a claim paid in
    the year's months is never changed."""
    h = load_text(COUPLE)
    b = h.person("b")
    assert b.social_security is not None
    with_survivor = dataclasses.replace(h, people=(h.person("a"), dataclasses.replace(
        b, social_security=dataclasses.replace(b.social_security, survivor_benefit=150_000))))
    changed = 0
    for household, ages in itertools.product((h, with_survivor), itertools.product(range(62, 71), repeat=2)):
        at = with_claims(household, (("a", ages[0] * 12), ("b", ages[1] * 12)))
        for year in range(2026, 2042):
            this = dataclasses.replace(at, tax_year=year)
            keyed = curve_cache.keyed(this)
            paid = {pid: x.months for pid, x in benefits(this).items()}
            assert {pid: x.months for pid, x in benefits(keyed).items()} == paid
            for p, q in zip(this.people, keyed.people):
                if p.social_security != q.social_security:
                    changed += 1
                    assert q.social_security is not None and q.social_security.claim_age == 70
                    assert not any(amount for _, amount in benefits(this)[p.id].months) or \
                        p.social_security is not None and p.social_security.survivor_benefit
    assert changed > 100  # the years before the claims: keyed alike under every choice


def test_kept_curves_are_the_curves_computed_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two plans of the couple at other ages, one after the other: the second's years before either claims take the
    first's curves. Every year's curves returned (kept or not) equal the year's curves computed alone, afresh."""
    from rothroute.optimize import plan, rounds

    seen: list[tuple[Any, ...]] = []
    taken = curve_cache.timed

    def recorded(compute: Any, in_taxable: bool, items: list[Any], specs: list[Any]) -> tuple[list[Any], float]:
        kept = len(curve_cache._KEPT)  # noqa: SLF001
        out, seconds = taken(compute, in_taxable, items, specs)
        seen.append((in_taxable, items, specs, out, len(curve_cache._KEPT) - kept))  # noqa: SLF001
        return out, seconds

    monkeypatch.setattr(curve_cache, "timed", recorded)
    curve_cache.clear()
    h = load_text(COUPLE)
    for ages in ((("a", 70 * 12), ("b", 67 * 12)), (("a", 69 * 12), ("b", 68 * 12))):
        plan.optimize(with_claims(h, ages), YEARS, A, with_baselines=False)
    first, second = seen[0], seen[-1]
    assert first[4] == YEARS and 0 < second[4] < YEARS  # the second plan took some years' curves from the first's
    for in_taxable, items, specs, out, _ in (first, second):
        for item, spec, curves in zip(items, specs, out):
            assert rounds.curves_of(in_taxable, [item], [spec])[0] == curves
