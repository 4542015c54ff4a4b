"""Create or upgrade the schema with alembic; check the version cheaply on every other path.

vanban keeps its schema version in a table of its own (``Names.version_table``, by default
``vanban_alembic_version``), so a host's ``alembic_version`` is never touched. Registers made
before kept it in ``alembic_version``: they are read as they are, and ``upgrade`` moves the
version into vanban's own table.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from vanban.errors import SchemaError
from vanban.store.tables import Names, configure, metadata, names_of

# The newest migration; a test checks it against the migrations folder.
HEAD = "0015"
MIGRATIONS = Path(__file__).with_name("migrations")

# Where registers made by vanban 0.1 (migrations 0001–0003) keep their version.
LEGACY_VERSION_TABLE = "alembic_version"
LEGACY_REVISIONS = frozenset({"0001", "0002", "0003"})
_LEGACY_TABLES = ("organizations", "documents", "series", "events")


def upgrade(bind: Engine | Connection, names: Names | None = None) -> None:
    """Bring the database to the newest schema (creating it when empty) in one transaction.

    On a Connection already in a transaction (a host's), the migrations run inside it and are
    committed or rolled back with it. ``names`` defaults to those the engine was configured with.
    """
    from vanban.store.engine import join_transaction

    names = names or names_of(bind.dialect)
    configure(bind.dialect, names)
    if isinstance(bind, Engine):
        with bind.begin() as conn:
            _upgrade(conn, names)
    elif bind.in_transaction():
        join_transaction(bind)
        _upgrade(bind, names)
    else:
        with bind.begin():
            _upgrade(bind, names)


def _upgrade(conn: Connection, names: Names) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    config.attributes["vanban_names"] = names
    with _host_alembic_kept():
        tables = set(inspect(conn).get_table_names(schema=names.schema))
        if names.version_table not in tables:
            legacy = _legacy_revision(conn, tables) if names.plain else None
            if legacy is not None:
                # A register of vanban 0.1: its version moves into vanban's own table.
                command.stamp(config, legacy)
                conn.execute(text(f"DROP TABLE {LEGACY_VERSION_TABLE}"))
            else:
                _refuse_foreign_tables(tables, names)
        command.upgrade(config, "head")


def _refuse_foreign_tables(tables: set[str], names: Names) -> None:
    """A database with no vanban schema yet, but tables of the names vanban would create."""
    taken = sorted(tables & {names.table(t.name) for t in metadata.sorted_tables})
    if taken:
        raise SchemaError(
            f"Cơ sở dữ liệu đã có bảng {', '.join(taken)} không do vanban tạo.",
            hint='Đặt tiền tố bảng riêng cho vanban, ví dụ Office.init(..., prefix="vanban_")'
            ' (PostgreSQL: hoặc schema="vanban"); xem docs/embedding.md.',
        )


@contextlib.contextmanager
def _host_alembic_kept() -> Iterator[None]:
    """Run alembic inside a host's own alembic run (its env.py) and give it back its proxies.

    alembic's ``context`` and ``op`` are module proxies; a nested run installs its own and removes
    them on leaving, which would leave the host's migration environment without them.
    """
    from alembic import context, op

    saved = [getattr(module, "_proxy", None) for module in (context, op)]
    try:
        yield
    finally:
        for proxy in saved:
            if proxy is not None:
                proxy._install_proxy()


def current_revision(bind: Engine | Connection) -> str | None:
    """The schema version of the database, None when it holds no vanban schema."""
    from vanban.store.engine import READ_ONLY, translate

    if isinstance(bind, Connection):
        if bind.in_transaction():
            return _revision(bind, names_of(bind.dialect))
        with bind.begin():  # not left open: the next use case is then a transaction of its own
            return _revision(bind, names_of(bind.dialect))
    try:
        with bind.connect() as raw:
            conn = raw.execution_options(**{READ_ONLY: True})
            return _revision(conn, names_of(bind.dialect))
    except ProgrammingError:
        return None  # PostgreSQL: the schema named is not there
    except OperationalError as exc:
        translated = translate(exc)
        if translated is not None:
            raise translated from exc
        raise


def _revision(conn: Connection, names: Names) -> str | None:
    tables = set(inspect(conn).get_table_names(schema=names.schema))
    if names.version_table in tables:
        table = names.qualified(conn.dialect, names.version_table)
        version: str | None = conn.execute(text(f"SELECT version_num FROM {table}")).scalar()
        return version
    return _legacy_revision(conn, tables) if names.plain else None


def _legacy_revision(conn: Connection, tables: set[str]) -> str | None:
    """The version of a register of vanban 0.1 (tables without prefix, ``alembic_version``)."""
    if LEGACY_VERSION_TABLE not in tables or not all(t in tables for t in _LEGACY_TABLES):
        return None
    version = conn.execute(text(f"SELECT version_num FROM {LEGACY_VERSION_TABLE}")).scalar()
    return version if version in LEGACY_REVISIONS else None


def migration_names() -> Names:
    """In a migration: the names vanban's tables have in the database being migrated."""
    from alembic import op

    return names_of(op.get_bind().dialect)


def drop_column(table: str, column: str) -> None:
    """In a migration's downgrade: drop ``column`` of vanban's ``table`` (named as tables.py names it).

    SQLite drops it in place (3.35+): alembic's batch mode would copy the table, which the
    foreign keys pointing at it refuse.
    """
    from alembic import op

    names = migration_names()
    dialect = op.get_bind().dialect
    if dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {names.qualified(dialect, names.table(table))} DROP COLUMN {column}")
    else:
        op.drop_column(names.table(table), column, schema=names.schema)
