"""The one place the use cases meet a real store: the SQL store of ``vanban.store``.

Only this module (and the ``Office`` façade, through it) imports ``vanban.store``; every other
module of ``office/`` works on the protocols of ``office.ports``. ``vanban.store`` (SQLAlchemy)
is imported when a register is opened, never when ``vanban`` is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vanban.store.uow import SqlStore


def sql_store(
    db: str | Path | Any, *, create: bool = False, prefix: str | None = None, schema: str | None = None
) -> SqlStore:
    """The SQL store of ``db``: a SQLite path or a URL (vanban makes the engine and disposes of
    it on close), or a host's SQLAlchemy Engine or Connection (used as they are).

    Without ``create`` a SQLite file that is not there is refused rather than made. ``prefix``
    (and, on PostgreSQL, ``schema``) name vanban's tables beside a host's own.
    """
    from vanban.store.engine import connect
    from vanban.store.uow import SqlStore

    bind, made = connect(db, create=create, prefix=prefix, schema=schema)
    return SqlStore(bind, owns_engine=made)
