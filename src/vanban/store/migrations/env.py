"""Alembic environment: run with the connection vanban hands over, or a URL for the alembic CLI.

The names of vanban's tables (a prefix, a PostgreSQL schema) come with the connection
(``config.attributes["vanban_names"]``) or, for the alembic CLI, from the options
``vanban.prefix`` and ``vanban.schema`` of alembic.ini; the schema version is kept in vanban's
own table (``Names.version_table``), never in a host's ``alembic_version``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from vanban.store.engine import make_engine
from vanban.store.tables import Names, configure, metadata

_config = context.config
_names: Names = _config.attributes.get("vanban_names") or Names(
    prefix=_config.get_main_option("vanban.prefix") or "",
    schema=_config.get_main_option("vanban.schema") or None,
)


def _run(connection: Connection) -> None:
    # The migrations write the names of the connection's dialect (store.migrate.migration_names).
    configure(connection.dialect, _names)
    if _names.schema is not None:
        quoted = connection.dialect.identifier_preparer.quote_schema(_names.schema)
        connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {quoted}"))
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        version_table=_names.version_table,
        version_table_schema=_names.schema,
    )
    with context.begin_transaction():
        context.run_migrations()


_connection = _config.attributes.get("connection")
if _connection is not None:
    _run(_connection)
else:
    _engine = make_engine(_config.get_main_option("sqlalchemy.url") or "vanban.sqlite")
    with _engine.begin() as _conn:
        _run(_conn)
