"""A state whose return is the generic chain (``state/chain.py``) and nothing more."""

from __future__ import annotations

from typing import Any, Mapping

from rothroute.state import chain

LINES = chain.LINES
compute = chain.compute


def notes(inputs: Any, values: Mapping[str, int]) -> list[tuple[str, str, tuple[str, ...]]]:
    return []

