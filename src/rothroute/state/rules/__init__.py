"""The rule module of each kind of state return, by the name a state's file gives in ``rules``.

A module has ``compute(ops, x, p)`` (the lines by key, ``tax`` the state income tax after its
nonrefundable credits; ``capital_gains_tax`` where the state levies one apart), ``LINES`` (each
line's label, citations beyond its steps' sources, inputs and the steps whose sources it cites),
``notes(inputs, values)`` (the rules of that state the household meets that rothroute does not
model: code, message, citations) and ``needs(step, inputs)`` (whether a step refused for the
year matters to this household)."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType


def module(rules: str) -> ModuleType:
    """The module computing a state whose file says ``rules``."""
    return import_module(f"rothroute.state.rules.{'generic' if rules == 'chain' else rules}")
