"""Checks of the group B cross-check helpers (state_expected_b): a re-implementation of a state under
the peer's reading must give rothroute's own figure with every reading switched off, or the
explanations it proves would prove nothing."""

from __future__ import annotations

import pytest

from . import state_peers
from .state_expected import ours
from .state_expected_b import _md_peer

pytestmark = pytest.mark.crosscheck


def test_md_peer_reading_off_is_rothroute() -> None:
    households = state_peers.generate(60, ("MD",))
    assert all(abs(_md_peer(h) - ours(h)) < 0.011 for h in households)
