"""Statements of the numbering hot path, compiled once per dialect and run through the driver.

SQLAlchemy still writes the SQL (from the Core statements in repository.py) and still converts
every value (its own bind processors for the dialect), so what lands in the database is exactly
what ``Connection.execute`` would store; only the per-call compile and execution-context work is
skipped. Registering a document runs four such statements.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

_Processor = Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    defaults: tuple[Any, ...]
    processors: tuple[_Processor, ...]
    positional: bool
    returns: bool

    def params(self, values: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        converted = []
        for name, default, proc in zip(self.names, self.defaults, self.processors, strict=True):
            value = values.get(name, default)
            converted.append(proc(value) if proc is not None and value is not None else value)
        if self.positional:
            return tuple(converted)
        return dict(zip(self.names, converted, strict=True))


class Prepared:
    """One Core statement, compiled per dialect (and per set of inserted columns) on first use."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._cache: dict[tuple[str, frozenset[str] | None], _Compiled] = {}

    def _compiled(self, dialect: Dialect, keys: frozenset[str] | None) -> _Compiled:
        cache_key = (dialect.name, keys)
        found = self._cache.get(cache_key)
        if found is not None:
            return found
        compiled = cast(
            SQLCompiler, self.statement.compile(dialect=dialect, column_keys=sorted(keys) if keys else None)
        )
        positional = bool(compiled.positional)
        names = tuple(compiled.positiontup or ()) if positional else tuple(compiled.binds)
        binds = [compiled.binds[name] for name in names]
        # Literal values SQLAlchemy bound itself (a LIMIT, a LIKE pattern) keep their value.
        defaults = tuple(None if b.required else b.value for b in binds)
        processors = tuple(b.type.dialect_impl(dialect).bind_processor(dialect) for b in binds)
        returns = bool(getattr(compiled, "returning", None)) or bool(
            getattr(compiled, "implicit_returning", None)
        )
        made = _Compiled(compiled.string, names, defaults, processors, positional, returns)
        self._cache[cache_key] = made
        return made

    def _run(self, conn: Connection, compiled: _Compiled, params: Any, *, many: bool = False) -> Any:
        """Execute on the DBAPI cursor of the connection, inside its transaction.

        Driver errors come back as SQLAlchemy's own exceptions (IntegrityError, OperationalError…),
        and a dropped connection is invalidated, exactly as Connection.execute would do.
        """
        dbapi_connection = conn.connection.dbapi_connection
        assert dbapi_connection is not None
        cursor = dbapi_connection.cursor()
        try:
            if many:
                cursor.executemany(compiled.sql, params)
            else:
                cursor.execute(compiled.sql, params)
        except conn.dialect.loaded_dbapi.Error as exc:
            disconnect = conn.dialect.is_disconnect(exc, dbapi_connection, cursor)
            cursor.close()
            if disconnect:
                conn.invalidate(exc)
            raise DBAPIError.instance(
                compiled.sql,
                params,
                exc,
                conn.dialect.loaded_dbapi.Error,
                connection_invalidated=disconnect,
                dialect=conn.dialect,
            ) from exc
        return cursor

    def execute(self, conn: Connection, values: Mapping[str, Any]) -> None:
        """Run a statement that returns nothing."""
        compiled = self._compiled(conn.dialect, None)
        self._run(conn, compiled, compiled.params(values)).close()

    def first(self, conn: Connection, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row (a plain tuple, in the statement's column order), or None."""
        compiled = self._compiled(conn.dialect, None)
        cursor = self._run(conn, compiled, compiled.params(values))
        try:
            row = cursor.fetchone()
            return tuple(row) if row is not None else None
        finally:
            cursor.close()

    def all(self, conn: Connection, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Every row, as plain tuples. Only for columns the driver returns as they are stored."""
        compiled = self._compiled(conn.dialect, None)
        cursor = self._run(conn, compiled, compiled.params(values))
        try:
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def insert(self, conn: Connection, values: Mapping[str, Any]) -> int:
        """Insert one row; its new primary key (RETURNING where the statement has it)."""
        compiled = self._compiled(conn.dialect, frozenset(values))
        cursor = self._run(conn, compiled, compiled.params(values))
        try:
            if compiled.returns:
                return int(cursor.fetchone()[0])
            return int(cursor.lastrowid)
        finally:
            cursor.close()

    def execute_many(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run an INSERT for several rows with the same columns."""
        compiled = self._compiled(conn.dialect, frozenset(rows[0]))
        self._run(conn, compiled, [compiled.params(r) for r in rows], many=True).close()
