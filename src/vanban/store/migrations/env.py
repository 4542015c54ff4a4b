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
from vanban.store.tables import Names, configure, metadata, names_of

_config = context.config


def _names(connection: Connection) -> Names:
    """The names given with the connection, in alembic.ini, or those its engine already has."""
    given: Names | None = _config.attributes.get("vanban_names")
    if given is not None:
        return given
    prefix, schema = _config.get_main_option("vanban.prefix"), _config.get_main_option("vanban.schema")
    if prefix or schema:
        return Names(prefix or "", schema or None)
    return names_of(connection.dialect)


def _run(connection: Connection) -> None:
    names = _names(connection)
    # The migrations write the names of the connection's dialect (store.migrate.migration_names).
    configure(connection.dialect, names)
    if names.schema is not None:
        quoted = connection.dialect.identifier_preparer.quote_schema(names.schema)
        connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {quoted}"))
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        version_table=names.version_table,
        version_table_schema=names.schema,
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
