"""Write a household document as YAML (block style, as people write it) or JSON text.

A value wrapped in ``Raw`` is written verbatim, so a mutation can put any token a reader may
meet (``0x1F``, ``!!int abc``, ``1.0e+999999``, an alias) where a value goes.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


@dataclass(frozen=True)
class Raw:
    """Text written as it is, in place of a value (or of a key)."""

    text: str


def scalar(value: Any, *, json_mode: bool = False) -> str:
    if isinstance(value, Raw):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, _dt.date):
        return json.dumps(value.isoformat()) if json_mode else value.isoformat()
    text = str(value)
    if not json_mode and _ISO_DATE.fullmatch(text):
        return text  # a date, written as people write it (YAML reads it as a date)
    if not json_mode and _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML; short lists of scalars and small mappings of scalars in flow style."""
    return _block(value, indent).rstrip("\n") + "\n"


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value)


def _block(value: Any, indent: int) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        out = []
        for k, v in value.items():
            key = scalar(k)
            if _is_scalar(v) or not v or (isinstance(v, list) and all(_is_scalar(x) for x in v)):
                out.append(f"{pad}{key}: {_flow(v)}\n")
            elif isinstance(v, dict) and len(v) <= 3 and all(_is_scalar(x) for x in v.values()):
                out.append(f"{pad}{key}: {_flow(v)}\n")
            else:
                out.append(f"{pad}{key}:\n" + _block(v, indent + 2))
        return "".join(out)
    if isinstance(value, list):
        if not value:
            return pad + "[]\n"
        out = []
        for v in value:
            if isinstance(v, dict) and v and not all(_is_scalar(x) for x in v.values()):
                inner = _block(v, indent + 2)
                out.append(pad + "- " + inner[indent + 2:])
            else:
                out.append(f"{pad}- {_flow(v)}\n")
        return "".join(out)
    return pad + scalar(value) + "\n"


def to_json(value: Any, indent: int | None = 2) -> str:
    """JSON text; ``Raw`` values verbatim, ``Decimal`` as its digits."""
    if isinstance(value, dict):
        items = [f"{_json_key(k)}: {to_json(v, indent)}" for k, v in value.items()]
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v, indent) for v in value) + "]"
    return scalar(value, json_mode=True)


def pretty_json(value: Any) -> str:
    """JSON spread over lines (one key a line), so that line numbers mean something."""
    if isinstance(value, dict):
        inner = ",\n".join(f"{_json_key(k)}: {pretty_json(v)}" for k, v in value.items())
        return "{\n" + inner + "\n}"
    if isinstance(value, list):
        return "[\n" + ",\n".join(pretty_json(v) for v in value) + "\n]"
    return scalar(value, json_mode=True)


def _json_key(key: Any) -> str:
    return key.text if isinstance(key, Raw) else json.dumps(str(key))
