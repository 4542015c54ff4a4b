"""Statements of the numbering hot path, compiled once per dialect and run through the driver.

SQLAlchemy still writes the SQL (from the repositories' Core statements: orgs.py, documents.py,
series.py, events.py) and still converts every value (its own bind processors for the dialect, or
a faster conversion checked to give the same value of the same type), so what lands in the
database is exactly what ``Connection.execute`` would store; only the per-call compile and
execution-context work is skipped. Registering and receiving a document run all their statements
this way, on the unit of work's one cursor.
"""

from __future__ import annotations

import contextlib
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CompoundSelect, Connection, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from vanban.store.engine import json_text
from vanban.store.tables import names_key

# How one value is converted: its position and name in the statement, the exact types the fast
# conversion takes, and SQLAlchemy's own processor for anything else.
_Conversion = tuple[int, str, Callable[[Any], Any], tuple[type, ...], Callable[[Any], Any]]


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    defaults: tuple[Any, ...]
    positional: bool
    returns: bool
    # The values SQLAlchemy converts; the others go to the driver as they are.
    converting: tuple[_Conversion, ...] = ()
    # Values SQLAlchemy bound itself (a LIMIT, a LIKE pattern), by name.
    literals: dict[str, Any] = field(default_factory=dict)

    def params(self, values: Mapping[str, Any]) -> Sequence[Any] | Mapping[str, Any]:
        """The driver's parameters for the statement, its values taken by name.

        With a named paramstyle (vanban's engines use one) the values go to the driver as a
        mapping: copied only when some need converting, never looked up one by one in Python.
        """
        if self.positional:
            get = values.get
            converted = [get(name, default) for name, default in zip(self.names, self.defaults, strict=True)]
            for i, _, fast, kinds, process in self.converting:
                value = converted[i]
                if value is not None:
                    converted[i] = fast(value) if type(value) in kinds else process(value)
            return converted
        if not (self.converting or self.literals):
            return values
        params = {**self.literals, **values} if self.literals else dict(values)
        for _, name, fast, kinds, process in self.converting:
            value = params.get(name)
            if value is not None:
                params[name] = fast(value) if type(value) in kinds else process(value)
        return params


_EMPTY_JSON: dict[type, str] = {
    list: "[]",
    dict: "{}",
}
_JSON_PROBES: tuple[Any, ...] = ({"số": "01/QĐ-UBND", "n": [1, 2.5, None, True]}, [], {}, ["Sở Nội vụ"])


def _remembering(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert``, answering again at once for the very value it was last given.

    A unit of work writes its time into every row and event, and a registration's date into the
    document and the counter: each is formatted once, whatever the statement. Only for immutable
    values (dates, times).
    """
    last: tuple[Any, Any] = (None, None)

    def remembered(value: Any) -> Any:
        nonlocal last
        seen, text = last
        if value is seen:
            return text
        text = convert(value)
        last = (value, text)  # one assignment: another thread sees the old pair or the new
        return text

    return remembered


# Conversions faster than SQLAlchemy's general processors (on SQLite dates and times become
# text, and every engine gets JSON as text): each is used for a column only where it gives
# exactly what SQLAlchemy's own processor gives on the probe values, and only for values of
# exactly that type; anything else still goes through SQLAlchemy's.
_FASTER: tuple[tuple[tuple[type, ...], Callable[[Any], Any], tuple[Any, ...]], ...] = (
    (
        (datetime,),
        _remembering(operator.methodcaller("isoformat", " ", "microseconds")),
        (datetime(2026, 1, 2, 3, 4, 5), datetime(1999, 12, 31, 23, 59, 59, 999)),
    ),
    ((date,), _remembering(date.isoformat), (date(2026, 1, 2), date(1999, 12, 31))),
    ((bool,), int, (True, False)),
    ((dict, list), lambda value: json_text(value) if value else _EMPTY_JSON[type(value)], _JSON_PROBES),
)


def _identical(a: Any, b: Any) -> bool:
    # 1 == True in Python, yet a driver sends an int and a bool differently.
    return type(a) is type(b) and a == b


def _conversion(position: int, name: str, process: Callable[[Any], Any]) -> _Conversion:
    """How to convert one value: a faster conversion where it gives what ``process`` gives."""
    for kinds, fast, probes in _FASTER:
        try:
            same = all(_identical(fast(probe), process(probe)) for probe in probes)
        except (TypeError, ValueError, AttributeError):
            same = False
        if same:
            return (position, name, fast, kinds, process)
    return (position, name, process, (), process)


class Driver:
    """A driver connection in a transaction, with what running a statement on it needs."""

    __slots__ = ("cursor", "dbapi", "dialect", "on_disconnect")

    def __init__(self, dialect: Dialect, dbapi: Any, on_disconnect: Callable[[BaseException], None]) -> None:
        self.dialect = dialect
        self.dbapi = dbapi
        self.on_disconnect = on_disconnect
        # One cursor for every statement of the transaction: each is read in full before the next.
        self.cursor = dbapi.cursor()

    def close(self) -> None:
        """Let go of the cursor (the connection itself belongs to the unit of work)."""
        # A connection dropped by the server takes its cursors with it.
        with contextlib.suppress(self.dialect.loaded_dbapi.Error):
            self.cursor.close()

    @classmethod
    def of(cls, conn: Connection) -> Driver:
        """The driver connection under a SQLAlchemy Connection (in its transaction)."""
        return cls(conn.dialect, conn.connection.dbapi_connection, conn.invalidate)

    def error(self, exc: Any, statement: str | None, params: Any, cursor: Any = None) -> StatementError:
        """SQLAlchemy's exception for a driver error; a dropped connection is invalidated first."""
        disconnect = self.dialect.is_disconnect(exc, self.dbapi, cursor)
        if disconnect:
            self.on_disconnect(exc)
        error: StatementError = DBAPIError.instance(
            statement,
            params,
            exc,
            self.dialect.loaded_dbapi.Error,
            connection_invalidated=disconnect,
            dialect=self.dialect,
        )
        return error


class Prepared:
    """One Core statement, compiled per dialect (and per set of inserted columns) on first use."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._cache: dict[tuple[str, frozenset[str] | None], _Compiled] = {}
        self._plain: dict[str, _Compiled] = {}  # by names_key: the statement as written

    def _compiled(self, dialect: Dialect, keys: frozenset[str] | None) -> _Compiled:
        # By dialect and the names vanban's tables have on it (a prefix, a schema: store.tables).
        dialect_key = names_key(dialect)
        if keys is None:
            found = self._plain.get(dialect_key)
            if found is None:
                found = self._plain[dialect_key] = self._compile(dialect, None)
            return found
        cache_key = (dialect_key, keys)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._cache[cache_key] = self._compile(dialect, keys)
        return found

    def _compile(self, dialect: Dialect, keys: frozenset[str] | None) -> _Compiled:
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
        converting = tuple(
            _conversion(i, name, p) for i, (name, p) in enumerate(zip(names, processors, strict=True)) if p
        )
        literals = {name: value for name, value in zip(names, defaults, strict=True) if value is not None}
        return _Compiled(compiled.string, names, defaults, positional, returns, converting, literals)

    def _run(
        self, target: Driver | Connection, compiled: _Compiled, params: Any, *, many: bool = False
    ) -> Any:
        """Execute on the driver's cursor, inside the transaction of ``target``.

        Driver errors come back as SQLAlchemy's own exceptions (IntegrityError, OperationalError…),
        and a dropped connection is invalidated, exactly as Connection.execute would do.
        """
        driver = target if isinstance(target, Driver) else Driver.of(target)
        cursor = driver.cursor
        try:
            if many:
                cursor.executemany(compiled.sql, params)
            else:
                cursor.execute(compiled.sql, params)
        except driver.dialect.loaded_dbapi.Error as exc:
            raise driver.error(exc, compiled.sql, params, cursor) from exc
        return cursor

    def execute(self, conn: Driver | Connection, values: Mapping[str, Any]) -> tuple[int, int | None]:
        """Run a statement that returns no rows: the rows it touched and the driver's lastrowid."""
        compiled = self._compiled(conn.dialect, None)
        cursor = self._run(conn, compiled, compiled.params(values))
        return cursor.rowcount, getattr(cursor, "lastrowid", None)  # psycopg has no lastrowid

    def first(self, conn: Driver | Connection, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row (a plain tuple, in the statement's column order), or None."""
        compiled = self._compiled(conn.dialect, None)
        cursor = self._run(conn, compiled, compiled.params(values))
        row = cursor.fetchone()
        return row if row is None or type(row) is tuple else tuple(row)

    def all(self, conn: Driver | Connection, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Every row, as plain tuples. Only for columns the driver returns as they are stored."""
        compiled = self._compiled(conn.dialect, None)
        rows = self._run(conn, compiled, compiled.params(values)).fetchall()
        return rows if not rows or type(rows[0]) is tuple else [tuple(row) for row in rows]

    def insert(self, conn: Driver | Connection, values: Mapping[str, Any]) -> int:
        """Insert one row; its new primary key (RETURNING where the statement has it)."""
        compiled = self._compiled(conn.dialect, frozenset(values))
        cursor = self._run(conn, compiled, compiled.params(values))
        return int(cursor.fetchone()[0] if compiled.returns else cursor.lastrowid)

    def execute_each(self, conn: Driver | Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run the statement as written once for each mapping of values (executemany)."""
        compiled = self._compiled(conn.dialect, None)
        self._run(conn, compiled, [compiled.params(r) for r in rows], many=True)


class Read:
    """A read statement run through the driver's cursor (store.prepared: compiled once per
    dialect, no execution context per call), its values then converted as SQLAlchemy would."""

    def __init__(self, statement: Select[Any] | CompoundSelect[Any]) -> None:
        self.statement = statement
        self.prepared = Prepared(statement)
        self._processors: dict[str, list[tuple[int, Callable[[Any], Any]]]] = {}

    def _converters(self, dialect: Dialect) -> list[tuple[int, Callable[[Any], Any]]]:
        found = self._processors.get(dialect.name)
        if found is None:
            found = []
            for i, column in enumerate(self.statement.selected_columns):
                process = column.type.dialect_impl(dialect).result_processor(dialect, None)
                if process is not None:
                    found.append((i, process))
            self._processors[dialect.name] = found
        return found

    def rows(self, conn: Driver | Connection, values: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        rows = self.prepared.all(conn, values)
        converters = self._converters(conn.dialect)
        if not converters:
            return rows
        converted: list[Sequence[Any]] = []
        for row in rows:
            values_ = list(row)
            for i, process in converters:
                value = values_[i]
                if value is not None:
                    values_[i] = process(value)
            converted.append(values_)
        return converted
