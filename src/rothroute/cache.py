"""What rothroute keeps between runs, and the user's control over it.

Two things are kept, both rebuilt from the package whenever they are missing, stale or broken:

- ``params-<hash>.json``: the parameter files as read (``params.loader``), keyed by the files'
  exact bytes and the reader's version. It saves the YAML reading at start-up; the checks of every
  value still run on each load.
- ``kernels/``: the generated source of the compiled batch kernels (``tax.compiled``,
  ``state.compiled``), keyed by its hash, beside which Numba keeps their machine code.

The directory is ``$ROTHROUTE_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/rothroute``, else
``~/.cache/rothroute``. ``ROTHROUTE_CACHE=off`` (or ``0``, ``no``, ``false``) turns the cache off:
nothing is read or written there (kernels are then compiled in a private temporary folder for the
process). A cache that cannot be read, written or parsed is ignored, never an error: a run never
depends on it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_OFF = {"0", "off", "no", "false"}


def enabled() -> bool:
    return os.environ.get("ROTHROUTE_CACHE", "").strip().lower() not in _OFF


def directory(*parts: str) -> Path | None:
    """The cache folder (with ``parts`` below it), created; None when the cache is off or the
    folder cannot be made."""
    if not enabled():
        return None
    base = os.environ.get("ROTHROUTE_CACHE_DIR")
    if base:
        path = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        path = (Path(xdg) if xdg else Path.home() / ".cache") / "rothroute"
    path = path.joinpath(*parts)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK | os.X_OK) else None


def read(name: str) -> bytes | None:
    """The bytes kept under ``name``, or None (absent, off, unreadable)."""
    folder = directory()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Keep ``data`` under ``name`` (written whole, then renamed into place); failures are ignored."""
    folder = directory()
    if folder is None:
        return
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}.", delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, folder / name)
    except OSError:
        try:
            os.unlink(tmp.name)
        except (OSError, UnboundLocalError):
            pass


def private_directory() -> Path:
    """A folder of this process's own, for what must be a file even with the cache off."""
    global _PRIVATE
    if _PRIVATE is None:
        _PRIVATE = Path(tempfile.mkdtemp(prefix="rothroute-"))
    return _PRIVATE


_PRIVATE: Path | None = None
