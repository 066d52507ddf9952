"""Differences from PolicyEngine-US's state income tax that are understood (bench only; see
bench/crosscheck_policyengine_state.py): each kind is a reading of PolicyEngine's that differs
from the statute (docs/crosscheck.md gives the authority), accepted for a household only when
re-running rothroute under PolicyEngine's reading gives PolicyEngine's figure within $1."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

TOLERANCE = 1.0


@dataclass(frozen=True)
class Kind:
    code: str
    state: str
    applies: Callable[[dict[str, Any]], bool]
    rerun: Callable[[dict[str, Any]], float]


KINDS: list[Kind] = []


def explained_by(h: dict[str, Any], theirs: float) -> str | None:
    for kind in KINDS:
        if kind.state == h["state"] and kind.applies(h) and abs(kind.rerun(h) - theirs) <= TOLERANCE:
            return kind.code
    return None
