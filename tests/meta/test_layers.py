"""The architecture, checked: the core imports no front end, and lower layers never import
higher ones (the folder tree is the architecture)."""

from __future__ import annotations

import ast
from pathlib import Path

import rothroute

SRC = Path(rothroute.__file__).parent
FRONT_END_LIBRARIES = {"click", "rich", "typer", "fastapi", "pydantic", "uvicorn", "starlette", "jinja2", "sqlalchemy",
                       "alembic", "platformdirs", "multipart"}
SCAN_LIBRARIES = {"pyarrow", "polars", "dask", "distributed"}
# lower layers first; a module may import its own layer and the ones below it
LAYERS = [
    {"vocab", "money", "codes", "errors", "explain", "textdoc", "cache"},
    {"params"},
    {"household"},
    {"tax", "roth_ira", "state"},
    {"moves"},
    {"result"},
    {"compare", "optimize"},
    {"options"},
    {"report"},
    {"scan"},
    {"cli", "__main__", "web"},
]


def _layer(module: str) -> int:
    top = module.split(".")[0]
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"module {module} is in no layer; add it to LAYERS")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_core_imports_no_front_end_library() -> None:
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] in ("cli", "web"):
            continue
        bad = {m for m in _imports(path) if m.split(".")[0] in FRONT_END_LIBRARIES}
        assert not bad, f"{rel} imports {bad}"


def test_only_the_scan_imports_table_and_cluster_libraries() -> None:
    """PyArrow, Polars and Dask are the ``scan`` extra's: the core (and the other front ends) never
    import them."""
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] == "scan":
            continue
        bad = {m for m in _imports(path) if m.split(".")[0] in SCAN_LIBRARIES}
        assert not bad, f"{rel} imports {bad}"


def test_lower_layers_do_not_import_higher_ones() -> None:
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.name == "__init__.py" and len(rel.parts) == 1:
            continue  # the package's public face re-exports every layer
        own = _layer(".".join(rel.with_suffix("").parts))
        for module in _imports(path):
            if not module.startswith("rothroute."):
                continue
            target = _layer(module.removeprefix("rothroute."))
            assert target <= own, f"{rel} (layer {own}) imports {module} (layer {target})"
