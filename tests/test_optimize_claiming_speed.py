"""What makes the claiming search fast must not change its answer: a year's tax curves kept and reused
(``optimize.curve_cache``) are the curves computed afresh, and the search in two processes
(``optimize.second_core``) gives what it gives in one, also when its helper fails or cannot start."""

from __future__ import annotations

import dataclasses
import itertools
import sys
from typing import Any

import pytest

from rothroute.household.load import load_text
from rothroute.household.social_security import benefits
from rothroute.optimize import curve_cache, second_core
from rothroute.optimize.claiming import optimize_claiming, with_claims
from rothroute.optimize.horizon import Assumptions

from tests.test_optimize_claiming import COUPLE

A = Assumptions(spending=50_000_00, cash=100_000_00)
YEARS = 12
SPARE_CORE = second_core.spare_core


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
    from rothroute.optimize import plan

    seen: list[tuple[Any, ...]] = []
    taken = curve_cache.curves

    def recorded(compute: Any, in_taxable: bool, items: list[Any], specs: list[Any]) -> list[Any]:
        kept = len(curve_cache._KEPT)  # noqa: SLF001
        out = taken(compute, in_taxable, items, specs)
        seen.append((in_taxable, items, specs, out, len(curve_cache._KEPT) - kept))  # noqa: SLF001
        return out

    monkeypatch.setattr(curve_cache, "curves", recorded)
    curve_cache.clear()
    h = load_text(COUPLE)
    for ages in ((("a", 70 * 12), ("b", 67 * 12)), (("a", 69 * 12), ("b", 68 * 12))):
        plan.optimize(with_claims(h, ages), YEARS, A, with_baselines=False)
    first, second = seen[0], seen[-1]
    assert first[4] == YEARS and 0 < second[4] < YEARS  # the second plan took some years' curves from the first's
    for in_taxable, items, specs, out, _ in (first, second):
        for item, spec, curves in zip(items, specs, out):
            assert plan._curves(in_taxable, [item], [spec])[0] == curves  # noqa: SLF001


def _answer(result: Any) -> dict[str, Any]:
    data = result.to_json()
    return {"claiming": data["claiming"], "objective": data["objective"],
            "years": [(y.year, y.evaluation.total_tax, y.fund_end) for y in result.years]}


@pytest.fixture(scope="module")
def one_process() -> dict[str, Any]:
    return _answer(optimize_claiming(load_text(COUPLE), YEARS, A, with_baselines=False, processes=1))


def test_two_processes_give_the_answer_of_one(one_process: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The couple's search with its helper (where the machine gives two cores) and without: the same ages, the same
    alternatives with the same worth and bounds, the same plan year by year."""
    handed: list[Any] = []
    submit = second_core.Helper.submit

    def counted(self: second_core.Helper, options: dict[str, Any]) -> bool:
        handed.append(options["h"])
        return submit(self, options)

    monkeypatch.setattr(second_core.Helper, "submit", counted)
    monkeypatch.setattr(second_core, "spare_core", lambda: True)  # a loaded machine would start none
    curve_cache.clear()
    assert _answer(optimize_claiming(load_text(COUPLE), YEARS, A, with_baselines=False)) == one_process
    assert handed  # the helper planned some choices


def test_a_helper_that_dies_or_cannot_start_changes_nothing(one_process: dict[str, Any],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper that exits at once (its tasks planned here instead), one that cannot be started, and a machine with
    one core (no helper): the answer of one process each time."""
    real = sys.executable
    monkeypatch.setattr(second_core, "spare_core", lambda: True)
    monkeypatch.setattr(second_core, "COMMAND", ("-c", "import sys; sys.exit(3)"))
    assert _answer(optimize_claiming(load_text(COUPLE), YEARS, A, with_baselines=False)) == one_process
    monkeypatch.setattr(sys, "executable", "")
    assert second_core.Helper.start((None, 0, None)) is None
    monkeypatch.setattr(second_core, "spare_core", SPARE_CORE)
    monkeypatch.setattr(second_core, "cores", lambda: 1)
    monkeypatch.setattr(sys, "executable", real)
    assert second_core.Helper.start((None, 0, None)) is None
    assert _answer(optimize_claiming(load_text(COUPLE), YEARS, A, with_baselines=False)) == one_process


def test_a_helper_needs_a_second_core_the_load_leaves_free(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cores: a spare one at a load average of 0.5, none at 7 (the machine is busy); one core: never."""
    import os

    monkeypatch.setattr(second_core, "cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.5, 0.5, 0.5))
    assert second_core.spare_core()
    monkeypatch.setattr(os, "getloadavg", lambda: (7.0, 6.0, 5.0))
    assert not second_core.spare_core()
    monkeypatch.setattr(second_core, "cores", lambda: 1)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not second_core.spare_core()
