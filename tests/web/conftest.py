"""Fixtures of the web tests: an app on a fresh client book, driven in-process (FastAPI's
TestClient), and the seed household as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from ..conftest import EXAMPLES


def as_json(path: Path) -> dict[str, Any]:
    """A household file as the JSON a client would send (dates as text)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    return as_json(EXAMPLES / "seed.yaml")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from rothroute.web import Settings, create_app

    db = tmp_path_factory.mktemp("book") / "book.sqlite"
    app = create_app(Settings(db=str(db), quick_workers=1, optimize_workers=1, optimize_queue=0,
                              default_time_limit=20))
    with TestClient(app) as c:
        yield c
