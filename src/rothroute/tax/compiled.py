"""The batch path compiled: the same formulas, traced once into straight-line code and
compiled with Numba.

``household_year.compute`` is written against an ops interface and contains no branch on a
value, so running it once on symbolic values (``Sym``) records the whole computation as a
graph. That graph is printed as the body of a loop over households and compiled by Numba
(``parallel=True``: both cores). Rates are constants of the kernel (one kernel for each set
of rates, in practice one per tax year); the other parameters enter as a table with one
column for each (filing status, lived apart) group, and each household points at its group.
A kernel skips the rows of other tax years, so a batch of several years needs no reordering.

Nothing is written by hand twice: the single path, the NumPy path and this path all run the
formulas in ``formulas.py``. The generated source is kept in the user's cache directory
(keyed by its hash) so that Numba can cache the machine code between processes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable, Sequence

from rothroute.tax.household_year import INPUT_FIELDS, compute

_BIN = {"add": "+", "sub": "-", "mul": "*", "floordiv": "//", "lt": "<", "le": "<=", "gt": ">", "ge": ">=",
        "eq": "==", "and": "&", "or": "|"}


class Tracer:
    """Records operations on ``Sym``s as a graph of numbered nodes, sharing equal ones."""

    def __init__(self) -> None:
        self.nodes: list[tuple[Any, ...]] = []
        self.memo: dict[tuple[Any, ...], int] = {}

    def node(self, *key: Any) -> Sym:
        index = self.memo.get(key)
        if index is None:
            index = len(self.nodes)
            self.nodes.append(key)
            self.memo[key] = index
        return Sym(self, index)

    def arg(self, value: Any) -> tuple[str, Any]:
        if isinstance(value, Sym):
            return ("n", value.index)
        if isinstance(value, bool):
            return ("c", value)
        if isinstance(value, int):
            return ("c", int(value))
        raise TypeError(f"cannot trace a value of type {type(value).__name__}: {value!r}")

    def op(self, name: str, *args: Any) -> Any:
        if not any(isinstance(a, Sym) for a in args):  # constant folding
            return _FOLD[name](*args)
        return self.node(name, *(self.arg(a) for a in args))


class Sym:
    """A symbolic int (or bool) inside a trace."""

    __slots__ = ("tracer", "index")

    def __init__(self, tracer: Tracer, index: int) -> None:
        self.tracer, self.index = tracer, index

    def _op(self, name: str, a: Any, b: Any) -> Any:
        return self.tracer.op(name, a, b)

    def __add__(self, o: Any) -> Any: return self._op("add", self, o)
    def __radd__(self, o: Any) -> Any: return self._op("add", o, self)
    def __sub__(self, o: Any) -> Any: return self._op("sub", self, o)
    def __rsub__(self, o: Any) -> Any: return self._op("sub", o, self)
    def __mul__(self, o: Any) -> Any: return self._op("mul", self, o)
    def __rmul__(self, o: Any) -> Any: return self._op("mul", o, self)
    def __floordiv__(self, o: Any) -> Any: return self._op("floordiv", self, o)
    def __rfloordiv__(self, o: Any) -> Any: return self._op("floordiv", o, self)
    def __neg__(self) -> Any: return self._op("sub", 0, self)
    def __lt__(self, o: Any) -> Any: return self._op("lt", self, o)
    def __le__(self, o: Any) -> Any: return self._op("le", self, o)
    def __gt__(self, o: Any) -> Any: return self._op("gt", self, o)
    def __ge__(self, o: Any) -> Any: return self._op("ge", self, o)
    def __and__(self, o: Any) -> Any: return self._op("and", self, o)
    def __rand__(self, o: Any) -> Any: return self._op("and", o, self)
    def __or__(self, o: Any) -> Any: return self._op("or", self, o)
    def __ror__(self, o: Any) -> Any: return self._op("or", o, self)

    def __eq__(self, o: Any) -> Any:  # type: ignore[override]  # traced, never Python's identity test
        return self._op("eq", self, o)

    def __ne__(self, o: Any) -> Any:  # type: ignore[override]
        return self._op("or", self._op("lt", self, o), self._op("gt", self, o))

    def __bool__(self) -> bool:
        raise TypeError("a formula branched on a traced value; use ops.where instead")

    __hash__ = None  # type: ignore[assignment]


_FOLD: dict[str, Callable[..., Any]] = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "floordiv": lambda a, b: a // b, "lt": lambda a, b: a < b, "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b, "eq": lambda a, b: a == b,
    "and": lambda a, b: a & b, "or": lambda a, b: a | b,
    "min": lambda a, b: a if a <= b else b, "max": lambda a, b: a if a >= b else b,
    "where": lambda c, a, b: a if c else b,
}


class SymOps:
    def __init__(self, tracer: Tracer) -> None:
        self.t = tracer

    def mn(self, a: Any, b: Any) -> Any:
        return self.t.op("min", a, b)

    def mx(self, a: Any, b: Any) -> Any:
        return self.t.op("max", a, b)

    def where(self, cond: Any, a: Any, b: Any) -> Any:
        if not isinstance(cond, Sym):
            return a if cond else b
        return self.t.op("where", cond, a, b)

    def step(self, amount: Any, starts: Sequence[Any], values: Sequence[Any], at: Sequence[int] | None = None, *,
             strict: bool = False) -> Any:
        """``ops.step`` (``tax/ops.py``) traced as its chain of ``where`` (a start may be a slot)."""
        from rothroute.tax.ops import where_chain

        return where_chain(self.where, amount, starts, values, at, strict)


# --- parameters: the picked dict flattened into slots -------------------------------------

def _flatten(p: dict[str, Any]) -> list[tuple[str, Any]]:
    """(slot name, value) for every parameter that is a whole number or a flag. Rates
    (``Fraction``s) are not slots: they stay constants in the kernel, so that dividing by a
    rate's denominator compiles to a multiplication (one kernel per set of rates)."""
    slots: list[tuple[str, Any]] = []
    for key, value in p.items():
        if key == "brackets":
            for k, (over, _) in enumerate(value):
                slots.append((f"brackets.{k}", over))
        elif isinstance(value, Fraction):
            continue
        elif isinstance(value, tuple):
            for k, item in enumerate(value):
                if not isinstance(item, Fraction):
                    for j, part in enumerate(item):
                        slots.append((f"{key}.{k}.{j}", part))
        else:
            slots.append((key, value))
    return slots


def _symbolic(p: dict[str, Any], slot: Callable[[str], Sym]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in p.items():
        if key == "brackets":
            out[key] = tuple((slot(f"brackets.{k}"), rate) for k, (_, rate) in enumerate(value))
        elif isinstance(value, Fraction):
            out[key] = value
        elif isinstance(value, tuple):
            out[key] = tuple(item if isinstance(item, Fraction) else tuple(slot(f"{key}.{k}.{j}")
                                                                           for j in range(len(item)))
                             for k, item in enumerate(value))
        else:
            out[key] = slot(key)
    return out


def _rates(p: dict[str, Any]) -> tuple[Any, ...]:
    out: list[Any] = []
    for key, value in p.items():
        if key == "brackets":
            out.append(tuple(rate for _, rate in value))
        elif isinstance(value, Fraction):
            out.append((key, value))
        elif isinstance(value, tuple):
            out.append((key, tuple(item for item in value if isinstance(item, Fraction))))
    return tuple(out)


def slot_values(p: dict[str, Any]) -> list[int]:
    return [int(v) for _, v in _flatten(p)]


def shape_of(p: dict[str, Any]) -> tuple[Any, ...]:
    """What a kernel depends on: the slot names and the rates (not the other values)."""
    return (tuple(name for name, _ in _flatten(p)), _rates(p))


# --- code generation ------------------------------------------------------------------------

def generate(template: dict[str, Any], outputs: Sequence[str]) -> tuple[str, list[str], list[str]]:
    """Source of the Numba kernel for parameters shaped like ``template``; also the parameter
    slot names and the output keys, in the order the kernel uses them."""
    tracer = Tracer()
    slot_names = [name for name, _ in _flatten(template)]
    inputs = {name: tracer.node("x", i) for i, name in enumerate(INPUT_FIELDS)}
    slot_index = {name: i for i, name in enumerate(slot_names)}
    params = _symbolic(template, lambda name: tracer.node("p", slot_index[name]))
    result = compute(SymOps(tracer), inputs, params)
    keys = [k for k in outputs if k in result]

    def ref(a: tuple[str, Any]) -> str:
        kind, v = a
        if kind == "n":
            return f"t{v}"
        return "True" if v is True else "False" if v is False else str(v)

    body = []
    for i, node in enumerate(tracer.nodes):
        op = node[0]
        if op == "x":
            body.append(f"t{i} = x{node[1]}[i]")
        elif op == "p":
            body.append(f"t{i} = P[{node[1]}, g]")
        elif op in _BIN:
            body.append(f"t{i} = {ref(node[1])} {_BIN[op]} {ref(node[2])}")
        elif op == "min":
            a, b = ref(node[1]), ref(node[2])
            body.append(f"t{i} = {a} if {a} <= {b} else {b}")
        elif op == "max":
            a, b = ref(node[1]), ref(node[2])
            body.append(f"t{i} = {a} if {a} >= {b} else {b}")
        elif op == "where":
            body.append(f"t{i} = {ref(node[2])} if {ref(node[1])} else {ref(node[3])}")
        else:  # pragma: no cover - every op above is handled
            raise ValueError(op)
    for j, key in enumerate(keys):
        value = result[key]
        body.append(f"OUT[{j}, i] = {ref(tracer.arg(value))}")
    indent = "\n        "
    source = (
        "# Generated by rothroute.tax.compiled from household_year.compute; do not edit.\n"
        "import numba\n\n\n"
        "@numba.njit(cache=True, nogil=True, error_model='numpy')\n"
        f"def kernel({', '.join(f'x{k}' for k in range(len(INPUT_FIELDS)))}, P, G, Y, year, bounds, OUT):\n"
        "    for i in range(bounds[0], bounds[1]):\n"
        "        if Y[i] != year:\n"
        "            continue\n"
        "        g = G[i]\n"
        f"        {indent.join(body)}\n"
    )
    return source, slot_names, keys


@lru_cache(maxsize=16)
def kernel_for(outputs: tuple[str, ...], template_items: tuple[tuple[str, Any], ...]
               ) -> tuple[Callable[..., None], list[str], list[str]]:
    """The compiled kernel for parameters shaped like the template (its bracket rates are
    constants in the kernel; every other parameter is read from the table)."""
    template = dict(template_items)
    source, slots, keys = generate(template, outputs)
    digest = hashlib.sha256(source.encode()).hexdigest()[:16]
    name = f"rothroute_kernel_{digest}"
    module = sys.modules.get(name)
    if module is None:
        module = _import_kernel(name, source)
    return module.kernel, slots, keys


def _import_kernel(name: str, source: str) -> Any:
    """The kernel's module, from the cache's kernels folder where Numba keeps its machine code
    (the file rewritten if it is missing or not this source), or, with the cache off or unusable,
    from a folder of the process's own without Numba's cache."""
    import rothroute.cache as cache

    folder = cache.directory("kernels")
    if folder is not None:
        path = folder / f"{name}.py"
        try:
            if not path.exists() or path.read_text() != source:
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(source)
                tmp.replace(path)
        except (OSError, UnicodeDecodeError):
            folder = None
    if folder is None:
        path = cache.private_directory() / f"{name}.py"
        path.write_text(source.replace("cache=True", "cache=False"))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[name] = module
    return module


def available() -> bool:
    return importlib.util.find_spec("numba") is not None
