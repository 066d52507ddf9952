"""The state batch path compiled: each state's rule module, traced once for a tax year into
straight-line code and compiled with Numba, as ``tax/compiled.py`` does for the federal return.

The rule modules are written against the ops interface and branch on no value, so running one
(with the batch's bookkeeping, ``state.outcome``) on symbolic values records its whole computation
for a (state, year) as a graph. The graph is printed as the body of a loop over the rows of that
(state, year) and compiled; nothing of any state is written twice. The year's parameters enter as
the NumPy path stacks them: an amount is a slot of a table with one column for each filing status
(each row reads its status's column), and rates, scales and words are constants of the kernel, so
that dividing by a rate's denominator compiles to a multiplication. Two years of a state whose
rates and shape agree print the same source and share one compiled kernel.

The generated source is kept in the user's cache (``kernels/``, keyed by its hash) beside Numba's
machine code, like the federal kernels: the first use compiles (about a second a kernel), later
processes load it. A (state, year) whose rules cannot be traced is priced by the NumPy path
(``prepared`` says so; a test traces every state and year of the files).
"""

from __future__ import annotations

import hashlib
import sys
from fractions import Fraction
from functools import lru_cache
from math import ceil, floor
from typing import Any, Callable, Sequence

from rothroute.tax import compiled as federal_compiled
from rothroute.tax.compiled import SymOps

# the rows a kernel writes, in this order, then the lines asked for
OUTPUTS = ("income_tax", "capital_gains_tax", "local_income_tax", "computed", "total")
# inputs that are not columns of INPUT_FIELDS: the filing status (G) and the locality's place (L)
_SPECIAL = {"status": "G", "locality": "L"}

_BIN = {"add": "+", "sub": "-", "mul": "*", "floordiv": "//", "lt": "<", "le": "<=", "gt": ">", "ge": ">=",
        "eq": "==", "ne": "!=", "and": "&", "or": "|"}
_COMPARE = frozenset({"lt", "le", "gt", "ge", "eq", "ne"})
_FOLD: dict[str, Callable[..., Any]] = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "floordiv": lambda a, b: a // b, "lt": lambda a, b: a < b, "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b, "eq": lambda a, b: a == b, "ne": lambda a, b: a != b,
    "and": lambda a, b: a & b, "or": lambda a, b: a | b, "abs": abs,
    "min": lambda a, b: a if a <= b else b, "max": lambda a, b: a if a >= b else b,
    "where": lambda c, a, b: a if c else b,
}


class Tracer(federal_compiled.Tracer):
    """The federal tracer, with this module's ``Sym`` (equality, inequality and ``abs`` too) and
    each node's kind: ``b`` a truth value, ``i`` a whole number."""

    def __init__(self) -> None:
        super().__init__()
        self.kinds: list[str] = []

    def node(self, *key: Any) -> Sym:  # type: ignore[override]
        index = self.memo.get(key)
        if index is None:
            index = len(self.nodes)
            self.nodes.append(key)
            self.memo[key] = index
            self.kinds.append(self._kind(key))
        return Sym(self, index)

    def _kind(self, key: tuple[Any, ...]) -> str:
        op, args = key[0], key[1:]
        if op in _COMPARE:
            return "b"
        if op in ("and", "or", "min", "max"):
            return "b" if all(self.kind_of(a) == "b" for a in args) else "i"
        if op == "where":
            return "b" if all(self.kind_of(a) == "b" for a in args[1:]) else "i"
        return "i"

    def kind_of(self, a: tuple[str, Any]) -> str:
        kind, v = a
        if kind == "n":
            return self.kinds[v]
        return "b" if isinstance(v, bool) else "i"

    def op(self, name: str, *args: Any) -> Any:
        if not any(isinstance(a, Sym) for a in args):  # constant folding
            return _FOLD[name](*args)
        if name in _COMPARE:
            args = _whole_comparison(name, *args)
            if isinstance(args, bool):
                return args
        same = _identity(name, args, self._whole)
        if same is not _NONE:
            return same
        return self.node(name, *(self.arg(a) for a in args))

    def _whole(self, a: Any) -> bool:
        """Whether ``a`` is a whole number, not a truth value (as ``x + 0`` is ``x`` only then)."""
        return isinstance(a, Sym) and self.kinds[a.index] == "i"


_NONE = object()


def _identity(name: str, args: tuple[Any, ...], whole: Callable[[Any], bool]) -> Any:
    """The value of an operation that needs no node (``x + 0``, ``x * 1``, ``x * 0``, ``where(c, x,
    x)``), else ``_NONE``: fewer nodes compile faster."""
    if name in ("where", "min", "max"):
        a, b = args[-2:]
        if isinstance(a, Sym) and isinstance(b, Sym) and a.index == b.index:
            return a
        return _NONE
    if len(args) != 2:
        return _NONE
    a, b = args
    if name == "mul" and ((_is(a, 0) and isinstance(b, Sym)) or (_is(b, 0) and isinstance(a, Sym))):
        return 0
    unit = {"add": 0, "sub": 0, "mul": 1, "floordiv": 1}.get(name)
    if unit is None:
        return _NONE
    if _is(b, unit) and whole(a):
        return a
    if name in ("add", "mul") and _is(a, unit) and whole(b):
        return b
    return _NONE


def _is(a: Any, value: int) -> bool:
    return type(a) is int and a == value


def _whole_comparison(name: str, a: Any, b: Any) -> Any:
    """A comparison of a whole-number value with an exact fraction, as the same comparison with a
    whole number (``x >= 59½`` is ``x >= 60``), or its constant truth value (``x == ½``)."""
    if isinstance(a, Fraction) and a.denominator != 1:
        flipped = {"lt": "gt", "le": "ge", "gt": "lt", "ge": "le", "eq": "eq", "ne": "ne"}[name]
        return _whole_comparison(flipped, b, a)
    if isinstance(b, Fraction):
        if b.denominator == 1:
            return a, int(b)
        if name in ("eq", "ne"):
            return name == "ne"
        return a, (ceil(b) if name in ("lt", "ge") else floor(b))
    return a, b


class Sym(federal_compiled.Sym):
    """A symbolic whole number (or truth value) of a state's trace."""

    __slots__ = ()

    def __eq__(self, o: Any) -> Any:  # type: ignore[override]
        return self.tracer.op("eq", self, o)

    def __ne__(self, o: Any) -> Any:  # type: ignore[override]
        return self.tracer.op("ne", self, o)

    def __abs__(self) -> Any:
        return self.tracer.op("abs", self)

    __hash__ = None  # type: ignore[assignment]


# --- parameters: stacked as the NumPy path stacks them (state.picked.stacked) ---------------

def symbolic(table: Sequence[dict[str, Any]], slot: Callable[[list[int]], Sym]) -> dict[str, Any]:
    """The parameters of ``table`` (one ``picked`` dict per filing status) as the trace sees them:
    where ``picked.stacked`` makes a column (an amount), a slot holding each status's value; every
    other value (rates, scales, words) a constant that must agree across the statuses."""
    first = table[0]
    return {key: _symbolic([t[key] for t in table], key, slot) for key in first}


def _symbolic(values: list[Any], key: str, slot: Callable[[list[int]], Sym]) -> Any:
    first = values[0]
    if isinstance(first, tuple) and first and not isinstance(first[0], str):
        return tuple(_symbolic([v[k] for v in values], f"{key}[{k}]", slot) for k in range(len(first)))
    if isinstance(first, int) and not isinstance(first, bool) and not key.endswith(".scale"):
        return slot([int(v) for v in values])
    if any(v != first for v in values):
        raise ValueError(f"state parameter {key} differs by filing status; the batch path cannot stack it")
    return first


# --- code generation --------------------------------------------------------------------------

_DECORATOR = "@numba.njit(cache=True, nogil=True, error_model='numpy')"


def generate(compute: Callable[[Any, dict[str, Any], dict[str, Any]], dict[str, Any]],
             table: Sequence[dict[str, Any]], fields: Sequence[str], outputs: Sequence[str]
             ) -> tuple[str, list[str], list[list[int]]]:
    """The kernel's source for ``compute(ops, x, p)`` (the outputs by name) on the parameters of
    ``table``; also the input fields it reads (its leading arguments, in that order) and each
    parameter slot's values by filing status (the rows of its table ``P``)."""
    tracer = Tracer()
    slots: list[list[int]] = []

    def slot(values: list[int]) -> Sym:
        slots.append(values)
        return tracer.node("p", len(slots) - 1)

    x = {name: tracer.node("x", name) for name in (*fields, *_SPECIAL)}
    result = compute(SymOps(tracer), x, symbolic(table, slot))
    live = _live(tracer, [result[name] for name in outputs if name in result])
    read = {tracer.nodes[i][1] for i in live if tracer.nodes[i][0] == "x"}
    used = [name for name in fields if name in read]
    arg = {name: f"a{k}" for k, name in enumerate(used)}
    arg.update(_SPECIAL)

    def ref(a: tuple[str, Any], whole: bool = False) -> str:
        kind, v = a
        if kind == "n":
            return f"int(t{v})" if whole and tracer.kinds[v] == "b" else f"t{v}"
        if isinstance(v, bool):
            return str(int(v)) if whole else str(v)
        return str(v)

    body = []
    for i, node in enumerate(tracer.nodes):
        if i not in live:
            continue
        op, args = node[0], node[1:]
        if op == "x":
            body.append(f"t{i} = {arg[args[0]]}[i]")
        elif op == "p":
            body.append(f"t{i} = P[{args[0]}, g]")
        elif op in _BIN:
            whole = op not in ("and", "or") or tracer.kinds[i] == "i"
            body.append(f"t{i} = {ref(args[0], whole)} {_BIN[op]} {ref(args[1], whole)}")
        elif op in ("min", "max"):
            whole = tracer.kinds[i] == "i"
            body.append(f"t{i} = {op}({ref(args[0], whole)}, {ref(args[1], whole)})")
        elif op == "where":
            whole = tracer.kinds[i] == "i"
            body.append(f"t{i} = where({ref(args[0])}, {ref(args[1], whole)}, {ref(args[2], whole)})")
        elif op == "abs":
            body.append(f"t{i} = abs({ref(args[0], True)})")
        else:  # pragma: no cover - every op above is handled
            raise ValueError(op)
    for j, name in enumerate(outputs):
        if name in result:
            value = result[name]
            if isinstance(value, (int, Sym)) and not (isinstance(value, int) and value == 0):
                body.append(f"OUT[{j}, i] = {ref(tracer.arg(value), True)}")
            elif not isinstance(value, int):
                raise TypeError(f"output {name} is not a whole number: {value!r}")
    indent = "\n        "
    source = (
        "# Generated by rothroute.state.compiled from a state's rule module; do not edit.\n"
        "import numba\n\n\n"
        "@numba.njit(nogil=True)\n"
        "def where(c, a, b):  # a call, not a branch of the kernel: Numba types a few thousand of them fast\n"
        "    return a if c else b\n\n\n"
        f"{_DECORATOR}\n"
        f"def kernel({''.join(f'{arg[name]}, ' for name in used)}G, L, P, R, lo, hi, OUT):\n"
        "    for k in range(lo, hi):\n"
        "        i = R[k]\n"
        "        g = G[i]\n"
        f"        {indent.join(body)}\n"
    )
    return source, used, slots


def _live(tracer: Tracer, results: Sequence[Any]) -> set[int]:
    """The nodes the results depend on (the trace records every step, used or not)."""
    live: set[int] = set()
    stack = [r.index for r in results if isinstance(r, Sym)]
    while stack:
        i = stack.pop()
        if i in live:
            continue
        live.add(i)
        if tracer.nodes[i][0] not in ("x", "p"):  # an input or a slot has no operands
            stack.extend(v for kind, v in tracer.nodes[i][1:] if kind == "n")
    return live


def load(source: str, *, python: bool = False) -> Callable[..., None]:
    """The kernel of ``source``, compiled (its module kept in the cache's kernels folder, as the
    federal kernels are), or with ``python`` run as plain Python (the tests' check of the trace
    without the cost of compiling it)."""
    if python:
        namespace: dict[str, Any] = {}
        plain = "\n".join(line for line in source.splitlines() if not line.startswith("@numba."))
        exec(compile(plain, "<state kernel>", "exec"), namespace)  # noqa: S102
        return namespace["kernel"]  # type: ignore[no-any-return]
    name = f"rothroute_state_kernel_{hashlib.sha256(source.encode()).hexdigest()[:16]}"
    module = sys.modules.get(name)
    if module is None:
        module = federal_compiled._import_kernel(name, source)
    return module.kernel  # type: ignore[no-any-return]


@lru_cache(maxsize=1024)
def prepared(code: str, year: int, lines: tuple[str, ...], python: bool = False
             ) -> tuple[Callable[..., None], tuple[str, ...], Any] | None:
    """The kernel of a state's year (its rows as ``OUTPUTS`` then ``lines``), the places in
    ``INPUT_FIELDS`` of the input fields it reads (its leading arguments) and its parameter table
    (slot by filing status, int64); None where the year cannot be traced (the NumPy path prices it)."""
    import numpy as np

    from rothroute.params.states import state_file
    from rothroute.state.inputs import INPUT_FIELDS
    from rothroute.state.outcome import outcome
    from rothroute.state.picked import picked
    from rothroute.state.rules import module
    from rothroute.vocab import FILING_STATUSES

    f = state_file(code)
    assert f is not None and year in f.years
    state_year = f.years[year]
    rules = module(f.rules)
    table = [picked(state_year, s) for s in FILING_STATUSES]
    try:
        source, used, slots = generate(lambda ops, x, p: outcome(ops, rules, state_year, x, p, lines), table,
                                       INPUT_FIELDS, (*OUTPUTS, *lines))
    except (TypeError, ValueError, AttributeError):
        return None
    params = np.ascontiguousarray(np.array(slots, dtype=np.int64).reshape(len(slots), len(FILING_STATUSES)))
    kernel = load(source, python=python)
    if not python:  # compiled (or its machine code loaded) now, for the argument types the batch passes
        from numba.core.errors import NumbaError

        empty = np.zeros(0, dtype=np.int64)
        try:
            kernel(*(empty for _ in used), empty, empty, params, empty, 0, 0,
                   np.zeros((len(OUTPUTS) + len(lines), 0), dtype=np.int64))
        except NumbaError:  # pragma: no cover - every state's year compiles (bench/state_speed.py checks)
            return None
    return kernel, tuple(INPUT_FIELDS.index(name) for name in used), params


def available() -> bool:
    return federal_compiled.available()
