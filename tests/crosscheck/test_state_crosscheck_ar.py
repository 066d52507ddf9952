"""Checks of the Arkansas cross-check helper (state_expected_a._ar_peer): rothroute's lines composed as
the peer composes them must give rothroute's own figure when the peer's readings are off (a single
return, where the composition is rothroute's own), or the explanations it proves would prove nothing."""

from __future__ import annotations

import pytest

from . import state_peers
from .state_expected import ours
from .state_expected_a import _ar_peer

pytestmark = pytest.mark.crosscheck


def test_ar_peer_readings_off_is_rothroute() -> None:
    households = [h for h in state_peers.generate(120, ("AR",)) if h["filing_status"] == "single"]
    assert len(households) == 60
    assert all(abs(_ar_peer(h, readings=False) - ours(h)) < 0.005 for h in households)


def test_ar_peer_readings_change_a_retiree_under_65() -> None:
    """The peer's pooled exemption from 65: a 61-year-old's IRA money is exempt within $6,000 in rothroute
    (from 59½, A.C.A. §26-51-307(a)(2)) and not under the peer's reading, which also takes the rate table on the
    exact income: rothroute $45,541 - $6,000 - $2,470 = $37,071, from the tax table's $37,000-$37,099 row at
    $37,049.50: 3.9% = 1,444.93 - 420 = $1,025, less $29 = $996; the peer $43,071 x 3.9% = 1,679.77 - 420 - 29 =
    $1,230.77: $234.77 more."""
    h = state_peers.household(year=2025, state="AR", filing_status="single", age_head=61, ira_head=45541)
    assert ours(h) == 996.0
    assert round(_ar_peer(h) - ours(h), 2) == 234.77
