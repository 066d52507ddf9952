"""``rothroute serve``: the app under uvicorn, its address printed, its own access log (see app.py)."""

from __future__ import annotations

import logging
import sys

import uvicorn

from rothroute.web.app import Settings, create_app
from rothroute.web.book import to_url


def serve(*, host: str = "127.0.0.1", port: int = 8000, db: str | None = None, optimize_workers: int = 1) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    settings = Settings(db=db, optimize_workers=optimize_workers)
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    sys.stdout.write(f"rothroute web workspace: http://{shown}:{port}/  (client book: {to_url(db)})\n"
                     "Press Ctrl+C to stop.\n")
    sys.stdout.flush()
    # uvicorn's access log writes each request's path, which can hold a client's name: ours names the route
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="info", server_header=False,
                timeout_keep_alive=30)
