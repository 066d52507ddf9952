"""The jurisdictions whose individual income tax rothroute knows of: the 50 states and DC."""

from __future__ import annotations

from rothroute.vocab import JURISDICTIONS as NAMES

CODES: tuple[str, ...] = tuple(sorted(NAMES))
