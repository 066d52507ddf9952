"""Issue codes are a public interface: every code the source uses is in the one registry, the
docs page is written from it, and an unregistered code cannot be raised."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import rothroute
from rothroute import codes
from rothroute.errors import Issue, Problem
from rothroute.vocab import Severity

SRC = Path(rothroute.__file__).parent
DOC = SRC.parents[1] / "docs" / "issue-codes.md"
REFUSERS = {"refuse": 0, "_refuse": 0, "issue": 0, "error": 1, "BookError": 0}  # callables: the code's position


def _codes_in_source() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        if path.name == "codes.py":
            continue
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):  # the (code, message, cites) a *_problem function returns
            if isinstance(function, ast.FunctionDef) and function.name.endswith("_problem"):
                for node in ast.walk(function):
                    if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and node.value.elts:
                        first = node.value.elts[0]
                        if isinstance(first, ast.Constant) and isinstance(first.value, str):
                            found.setdefault(first.value, f"{path.relative_to(SRC)}:{node.lineno}")
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            values = [kw.value for kw in node.keywords if kw.arg == "code"]
            if name in REFUSERS and len(node.args) > REFUSERS[name]:
                values.append(node.args[REFUSERS[name]])
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.setdefault(value.value, f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_every_code_in_the_source_is_registered() -> None:
    used = _codes_in_source()
    assert len(used) > 40  # the scan finds the engine's refusals, not nothing
    missing = {code: where for code, where in used.items() if not codes.known(code)}
    assert not missing, f"codes used but not in rothroute/codes.py: {missing}"


def test_the_docs_page_is_written_from_the_registry() -> None:
    assert DOC.read_text() == codes.markdown(), "run: python -m rothroute.codes > docs/issue-codes.md"


def test_every_registered_code_has_a_kind_and_a_meaning() -> None:
    for code in codes.Code:
        row = codes.info(code)
        assert row.kind in codes.KINDS and row.meaning.endswith((".", ")")), code
        assert codes.Code(code) == code


def test_an_unregistered_code_cannot_be_reported() -> None:
    with pytest.raises(ValueError, match="not in the registry"):
        Issue(severity=Severity.ERROR, code="made_up", where="x", message="m")
    with pytest.raises(ValueError, match="not in the registry"):
        Problem(where="x", expected="e", got="g", code="made_up")


def test_every_exception_class_of_the_library_derives_from_rothroute_error() -> None:
    import importlib
    import inspect
    import pkgutil

    from rothroute.errors import RothrouteError

    found = []
    for module in pkgutil.walk_packages(rothroute.__path__, "rothroute."):
        if module.name.startswith(("rothroute.cli", "rothroute.web")) or module.name.endswith("__main__"):
            continue
        try:
            mod = importlib.import_module(module.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for _, cls in inspect.getmembers(mod, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == mod.__name__:
                found.append(cls)
                assert issubclass(cls, RothrouteError), f"{cls.__module__}.{cls.__name__}"
    assert len(found) >= 8
