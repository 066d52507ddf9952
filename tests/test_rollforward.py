"""Next year's household from this year's result: balances grown, basis and clocks carried by source."""

from __future__ import annotations

import pathlib
from fractions import Fraction

from rothroute import evaluate, load_path
from rothroute.optimize.rollforward import next_year

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def test_split_rollover_rolls_into_next_year() -> None:
    ev = evaluate(load_path(EXAMPLES / "seed_split_rollover.yaml"))
    h = next_year(ev, growth=Fraction(1, 10), inflation=Fraction(2, 100))
    assert h.tax_year == 2027 and h.moves == ()
    accounts = {a.id: a for a in h.accounts}
    # $900,000 + $275,000 rolled in, grown 10%; the Roth IRA's $190,000 likewise; the plan is empty
    assert accounts["client_ira"].value == 129_250_000
    assert accounts["client_roth_ira"].value == 20_900_000
    assert accounts["client_403b"].sources.total == 0
    client = h.people[0]
    # the Roth IRA pool: $130,000 of designated Roth basis as contributions, $60,000 a 2026 conversion layer
    assert client.roth_ira.contributions == 13_000_000 and client.roth_ira.first_year == 2026
    assert [(x.year, x.taxable, x.nontaxable) for x in client.roth_ira.conversions] == [(2026, 0, 6_000_000)]
    assert client.ira_basis == 0
    # income grows with inflation; this year's MAGI joins the history for IRMAA
    social_security = next(i for i in h.income if i.kind == "social_security")
    assert social_security.amount == 3_672_000
    assert 2026 in h.magi_history and 2024 not in h.magi_history


def test_plan_sources_keep_basis_and_grow_earnings() -> None:
    ev = evaluate(load_path(EXAMPLES / "seed.yaml"))
    plan = next(a for a in next_year(ev, growth=Fraction(1, 10), inflation=Fraction(0)).accounts if a.sources)
    s = plan.sources
    assert (s.pretax, s.after_tax_contributions, s.after_tax_earnings) == (27_500_000, 6_000_000, 3_350_000)
    assert (s.roth_contributions, s.roth_earnings, s.roth_first_year) == (9_000_000, 5_300_000, 2012)
    assert plan.value == s.total
