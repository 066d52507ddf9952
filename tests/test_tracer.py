"""The federal batch tracer (``tax.compiled``) records comparisons for equality as operations: a formula
comparing traced values with ``==`` or ``!=`` gets the comparison the Python path makes, never Python's
identity test (which would silently be False, a wrong kernel)."""

from __future__ import annotations

import itertools

import pytest

from rothroute.tax.compiled import _FOLD, Tracer


def _run(tracer: Tracer, env: dict[int, int]) -> list[int]:
    """Evaluate a trace's nodes in Python, the inputs ``x`` from ``env``."""
    values: list[int] = []
    for node in tracer.nodes:
        if node[0] == "x":
            values.append(env[node[1]])
        else:
            args = [values[v] if kind == "n" else v for kind, v in node[1:]]
            values.append(_FOLD[node[0]](*args))
    return values


@pytest.mark.parametrize("a, b", list(itertools.product((-3, 0, 7), repeat=2)))
def test_traced_equality_is_the_comparison_of_the_values(a: int, b: int) -> None:
    tracer = Tracer()
    x, y = tracer.node("x", 0), tracer.node("x", 1)
    eq, ne, eq_const = x == y, x != y, x == 0
    values = _run(tracer, {0: a, 1: b})
    assert (bool(values[eq.index]), bool(values[ne.index]), bool(values[eq_const.index])) == (a == b, a != b, a == 0)


def test_a_branch_on_a_traced_comparison_is_refused() -> None:
    tracer = Tracer()
    x = tracer.node("x", 0)
    with pytest.raises(TypeError, match="ops.where"):
        if x == 0:
            pass
