"""Engines for the three supported databases, configured for safe concurrent numbering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

__all__ = ["Engine", "is_engine", "is_transient", "make_engine", "normalise_url", "translate"]
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError

from vanban.errors import DuplicateError, InputError, SchemaError, VanbanError

READ_ONLY = "vanban_read_only"


def normalise_url(db: str | Path) -> URL:
    """A bare path is a SQLite file; postgresql:// and mysql:// get the drivers vanban ships with."""
    text = str(db)
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        return URL.create("sqlite+pysqlite", database=str(path))
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise InputError(
            f"Địa chỉ cơ sở dữ liệu «{text}» không hợp lệ.",
            hint="Dùng đường dẫn tệp SQLite, postgresql://user@host/db hoặc mysql://user@host/db.",
        ) from exc
    backend = url.get_backend_name()
    if backend == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    elif backend in ("mysql", "mariadb"):
        if "+" not in url.drivername:
            url = url.set(drivername=f"{backend}+pymysql")
        if "charset" not in url.query:
            url = url.update_query_dict({"charset": "utf8mb4"})
    elif backend == "sqlite" and url.drivername == "sqlite":
        url = url.set(drivername="sqlite+pysqlite")
    return url


def make_engine(db: str | Path, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and BEGIN IMMEDIATE for writers."""
    url = normalise_url(db)
    backend = url.get_backend_name()
    if backend == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60}, **kwargs)
        _configure_sqlite(engine)
        return engine
    # No pre-ping round trip on every checkout: a connection the server dropped is
    # invalidated on first use and the unit of work runs again (see is_transient).
    kwargs.setdefault("pool_recycle", 1800)
    if backend in ("mysql", "mariadb"):
        # READ COMMITTED avoids gap locks between clerks registering at the same moment.
        kwargs.setdefault("isolation_level", "READ COMMITTED")
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock at BEGIN, so two clerks never both read the same counter.
        begin = "BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE"
        conn.connection.dbapi_connection.execute(begin)


_TRANSIENT_CODES = {
    1205,  # MariaDB lock wait timeout
    1213,  # MariaDB deadlock
}


def is_transient(exc: BaseException) -> bool:
    """Whether a failed transaction can simply be run again (deadlock, serialisation, busy)."""
    if isinstance(exc, IntegrityError):
        return False
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True  # the server dropped the connection (restart, idle timeout): a new one will do
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate in ("40001", "40P01", "55P03"):
        return True
    args = getattr(orig, "args", ())
    if args and isinstance(args[0], int) and args[0] in _TRANSIENT_CODES:
        return True
    return isinstance(exc, OperationalError) and "database is locked" in str(orig)


def is_engine(value: object) -> bool:
    return isinstance(value, Engine)


def is_conflict(exc: BaseException) -> bool:
    """Whether the database refused a row because its key is already there."""
    return isinstance(exc, IntegrityError)


# How each engine names a broken unique constraint: PostgreSQL and MariaDB by its name,
# SQLite by its columns.
_CONSTRAINTS = [
    (
        ("uq_documents_held_code", "documents.year, documents.code"),
        "Số, ký hiệu này đã có trong sổ của cơ quan trong năm đó.",
    ),
    (
        ("uq_documents_series_number", "documents.series_key, documents.number"),
        "Số này đã được cấp trong sổ số của năm.",
    ),
    (("uq_documents_arrival", "documents.arrival_number"), "Số đến này đã được cấp."),
]


def translate(exc: BaseException) -> VanbanError | None:
    """A plain message for a refused row or an unreachable database; None for anything else."""
    if isinstance(exc, IntegrityError):
        # The database's own guard caught what a rule should have: say so plainly, never a trace.
        text = str(exc.orig)
        for needles, message in _CONSTRAINTS:
            if any(needle in text for needle in needles):
                return DuplicateError(
                    message, hint="Xem danh sách bằng vanban list; một số đã cấp không cấp lại."
                )
        if "UNIQUE" in text.upper() or "DUPLICATE" in text.upper():
            return DuplicateError(
                "Bản ghi này đã có trong cơ sở dữ liệu.", hint="Kiểm tra lại số, ký hiệu hoặc mã đã nhập."
            )
        return None
    if isinstance(exc, OperationalError) and not is_transient(exc):
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        return SchemaError(
            f"Không làm việc được với cơ sở dữ liệu: {detail}",
            hint="Kiểm tra --db (hoặc $VANBAN_DB), máy chủ cơ sở dữ liệu và quyền truy cập.",
        )
    return None
