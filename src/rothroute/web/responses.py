"""Error answers of the web app and its API, in the shape of the engine's issues
(``Issue.to_json``), each code from the registry (``rothroute.codes``)."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from rothroute.codes import registered


def issue(code: str, message: str, where: str = "") -> dict[str, Any]:
    """An error in the shape of the engine's issues (``Issue.to_json``)."""
    return {"severity": "error", "code": registered(code), "where": where, "message": message, "cites": []}


def error(status: int, code: str, message: str, where: str = "", headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"issues": [issue(code, message, where)]}, status_code=status, headers=headers)
