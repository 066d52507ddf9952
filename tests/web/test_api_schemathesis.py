"""The API against its own OpenAPI document (schemathesis): requests generated from /openapi.json,
valid and not, to every endpoint but the optimizer's (too slow to run many) and the zip routes.
Whatever comes, the answer is never a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from rothroute.web import Settings, create_app

_folder = tempfile.TemporaryDirectory()
app = create_app(Settings(db=str(Path(_folder.name) / "book.sqlite"), quick_workers=1))
schema = schemathesis.openapi.from_asgi("/openapi.json", app).exclude(path_regex="optimize|export|import")


@pytest.fixture(scope="module", autouse=True)
def _stop_workers() -> Iterator[None]:
    yield
    app.state.quick.shutdown()
    app.state.optimize.shutdown()
    _folder.cleanup()


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
