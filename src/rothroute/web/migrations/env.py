"""Alembic environment of the client book: run programmatically by ``book.migrate`` with the
connection it opened (``config.attributes["connection"]``), or from the command line with a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from rothroute.web.book import Base

config = context.config
connection = config.attributes.get("connection")
if connection is not None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:  # pragma: no cover - `alembic -x url=... upgrade head` by hand
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    with create_engine(url).begin() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
