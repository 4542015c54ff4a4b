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

from sqlalchemy import Connection, CursorResult
from sqlalchemy.engine import Dialect
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
        made = _Compiled(compiled.string, names, defaults, processors, positional)
        self._cache[cache_key] = made
        return made

    def execute(
        self, conn: Connection, values: Mapping[str, Any], *, insert: bool = False
    ) -> CursorResult[Any]:
        """Run with one set of values (for an INSERT, the columns are the keys given)."""
        compiled = self._compiled(conn.dialect, frozenset(values) if insert else None)
        return conn.exec_driver_sql(compiled.sql, compiled.params(values))

    def execute_many(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run an INSERT for several rows with the same columns."""
        compiled = self._compiled(conn.dialect, frozenset(rows[0]))
        conn.exec_driver_sql(compiled.sql, [compiled.params(r) for r in rows])
