"""The rule module of each kind of state return, by the name a state's file gives in ``rules``.

A module has ``compute(ops, x, p)`` (the lines by key, ``tax`` the state income tax after its
nonrefundable credits; ``capital_gains_tax`` where the state levies one apart), ``LINES`` (each
line's label, citations beyond its steps' sources, inputs and the steps whose sources it cites),
``notes(inputs, values)`` (the rules of that state the household meets that rothroute does not
model: code, message, citations) and, where a step may be refused for a year, ``needs(step, x, ops)``
(whether it matters to the households ``x``, ints or columns; without it, it always does)."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Any


def module(rules: str) -> ModuleType:
    """The module computing a state whose file says ``rules``."""
    return import_module(f"rothroute.state.rules.{'generic' if rules == 'chain' else rules}")


def needs(rules: ModuleType, step: str, x: Any, ops: Any) -> Any:
    """Whether a step refused for the year matters to the households ``x`` (ints or columns, with the
    ``ops`` of their kind: the scalar ones, NumPy's, or the compiled path's tracer)."""
    test = getattr(rules, "needs", None)
    return True if test is None else test(step, x, ops)
