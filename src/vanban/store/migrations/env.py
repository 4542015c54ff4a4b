"""Alembic environment: run with the connection vanban hands over, or a URL for the alembic CLI."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from vanban.store.engine import make_engine
from vanban.store.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if _connection is not None:
    _run(_connection)
else:
    _engine = make_engine(context.config.get_main_option("sqlalchemy.url") or "vanban.sqlite")
    with _engine.begin() as _conn:
        _run(_conn)
