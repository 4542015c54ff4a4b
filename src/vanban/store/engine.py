"""Engines for the three supported databases, configured for safe concurrent numbering."""

from __future__ import annotations

import os
import re
import threading
import weakref
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import Pool, PoolProxiedConnection, StaticPool

__all__ = [
    "Connection",
    "Engine",
    "begin_transaction",
    "connect",
    "give_back",
    "is_engine",
    "is_memory",
    "is_transient",
    "join_transaction",
    "json_text",
    "make_engine",
    "normalise_url",
    "release_spare",
    "take_connection",
    "translate",
]
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError

from vanban.errors import DuplicateError, FrozenError, InputError, SchemaError, VanbanError
from vanban.store.tables import Names, configure, names_of

READ_ONLY = "vanban_read_only"
# SQLite's name for a database in memory (also reached by the URL sqlite://).
MEMORY = ":memory:"


def json_text(value: Any) -> str:
    """A JSON column's text as vanban writes it: compact UTF-8, by orjson (the standard
    library's json.dumps took 2–3 µs for an event's data, a tenth of a registration's Python)."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def json_utf8(value: Any) -> bytes:
    """``json_text(value)`` as its UTF-8 bytes, for a writer that hashes them before storing."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


_URL_HINT = "Dùng đường dẫn tệp SQLite, postgresql://user@host/db hoặc mysql://user@host/db."
# The extra of pyproject.toml that installs each server's driver.
_EXTRAS = {"postgresql": "postgresql", "mysql": "mysql", "mariadb": "mysql"}


def normalise_url(db: str | Path) -> URL:
    """A bare path is a SQLite file; postgresql:// and mysql:// get the drivers vanban ships with."""
    from vanban.domain.text import check_utf8, safe_text

    text = check_utf8(str(db), "địa chỉ cơ sở dữ liệu")
    if not text.strip():
        raise InputError("Địa chỉ cơ sở dữ liệu (--db) để trống.", hint=_URL_HINT)
    if text == MEMORY:
        return URL.create("sqlite+pysqlite", database=MEMORY)
    if "://" not in text:
        try:
            path = Path(text).expanduser().resolve()
        except (OSError, RuntimeError, ValueError) as exc:
            raise InputError(f"Đường dẫn «{safe_text(text)}» không hợp lệ.", hint=_URL_HINT) from exc
        return URL.create("sqlite+pysqlite", database=str(path))
    try:
        url = make_url(text)
    except (ArgumentError, ValueError) as exc:
        raise InputError(f"Địa chỉ cơ sở dữ liệu «{safe_text(text)}» không hợp lệ.", hint=_URL_HINT) from exc
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql", "mysql", "mariadb"):
        raise InputError(
            f"vanban không làm việc với cơ sở dữ liệu «{safe_text(backend)}».",
            hint="vanban dùng SQLite, PostgreSQL hoặc MariaDB/MySQL. " + _URL_HINT,
        )
    if backend == "sqlite" and not url.database:
        url = url.set(database=MEMORY)  # sqlite:// is SQLite's own name for a database in memory
    if backend != "sqlite" and not url.host:
        raise InputError(f"Địa chỉ «{safe_text(url.render_as_string())}» thiếu tên máy chủ.", hint=_URL_HINT)
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


def make_engine(db: str | Path, *, create: bool = True, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and BEGIN IMMEDIATE for writers.

    A SQLite file is looked at before it is opened: a folder, a file that is not SQLite or
    someone else's SQLite database is refused untouched; without ``create`` a file (or its
    folder) that is not there is refused rather than made.
    """
    url = normalise_url(db)
    backend = url.get_backend_name()
    # Every unit of work ends its own transaction (commit or rollback) and a SQLAlchemy
    # Connection rolls back its own on close, so the pool's ROLLBACK on return would only
    # repeat it: a round trip for every unit of work on MariaDB, whose driver always sends it.
    kwargs.setdefault("pool_reset_on_return", None)
    # Named parameters: the statements of the hot path hand their values to the driver as the
    # mapping they are built as (store.prepared), with no reordering into a list in Python.
    kwargs.setdefault("paramstyle", "named" if backend == "sqlite" else "pyformat")
    kwargs.setdefault("json_serializer", json_text)
    kwargs.setdefault("json_deserializer", orjson.loads)
    if backend == "sqlite":
        memory = is_memory(url)
        if memory:
            # A database in memory lives as long as its one connection: every unit of work shares
            # it (StaticPool; one thread at a time), and disposing of the engine forgets it all.
            kwargs.setdefault("poolclass", StaticPool)
            connect_args: dict[str, Any] = {"check_same_thread": False}
        else:
            _check_sqlite_file(Path(str(url.database)), create=create)
            if create:
                Path(str(url.database)).parent.mkdir(parents=True, exist_ok=True)
            # Each thread keeps a spare connection (take_connection), so the pool must not cap them.
            kwargs.setdefault("max_overflow", -1)
            connect_args = {"timeout": 60}
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        _configure_sqlite(engine, wal=not memory)
        _KEEPS_SPARES.add(engine)
        return engine
    # No pre-ping round trip on every checkout: a connection the server dropped is
    # invalidated on first use and the unit of work runs again (see is_transient).
    kwargs.setdefault("pool_recycle", 1800)
    # Connections kept open for reuse, made only when asked for (a command uses one). The web
    # desk's workers run requests on up to 40 threads: with SQLAlchemy's default of 5, every
    # request beyond the fifth at once opened a connection and closed it after (80 new
    # PostgreSQL connections for 300 requests of 20 users, bench/bench_web.py), each a server
    # process started and its prepared statements lost.
    kwargs.setdefault("pool_size", 20)
    kwargs.setdefault("max_overflow", 20)
    if backend in ("mysql", "mariadb"):
        # READ COMMITTED avoids gap locks between clerks registering at the same moment.
        kwargs.setdefault("isolation_level", "READ COMMITTED")
    try:
        return create_engine(url, **kwargs)
    except ImportError as exc:
        extra = _EXTRAS.get(backend, backend)
        raise InputError(
            f"Chưa cài trình điều khiển cho {backend} ({exc.name or exc}).",
            hint=f"Cài bằng: pip install 'vanban[{extra}]'.",
        ) from exc
    except ArgumentError as exc:
        raise InputError(
            f"Địa chỉ cơ sở dữ liệu «{url.render_as_string()}» không hợp lệ.", hint=_URL_HINT
        ) from exc


_SQLITE_MAGIC = b"SQLite format 3\x00"
_INIT_HINT = 'Chạy: vanban init --org UBND --name "Ủy ban nhân dân xã …" --place "…", hoặc kiểm tra --db.'


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse, before SQLite touches it (WAL would rewrite its header), a path that is not a register."""
    import sqlite3

    shown = str(path)
    if path.is_dir():
        raise InputError(
            f"«{shown}» là một thư mục, không phải tệp sổ văn bản.", hint="Ghi đường dẫn đến một tệp .sqlite."
        )
    if not path.exists():
        if create:
            return
        where = "" if path.parent.is_dir() else f" (thư mục {path.parent} cũng không có)"
        raise SchemaError(
            f"Không có sổ văn bản ở «{shown}»{where}: cơ sở dữ liệu chưa được khởi tạo.", hint=_INIT_HINT
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise InputError(
            f"Không đọc được tệp «{shown}»: {exc.strerror or exc}.", hint="Kiểm tra quyền đọc tệp."
        ) from exc
    if not head:
        if create:
            return
        raise SchemaError(f"Tệp «{shown}» rỗng: cơ sở dữ liệu chưa được khởi tạo.", hint=_INIT_HINT)
    if head != _SQLITE_MAGIC:
        raise InputError(
            f"Tệp «{shown}» không phải cơ sở dữ liệu SQLite, không phải sổ văn bản.",
            hint="Kiểm tra --db (hoặc $VANBAN_DB): ghi đường dẫn đến tệp sổ văn bản.",
        )
    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {row[0] for row in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            probe.close()
    except sqlite3.Error as exc:
        raise InputError(
            f"Không đọc được cơ sở dữ liệu SQLite «{shown}»: {exc}.",
            hint="Tệp có thể hỏng hoặc đang bị khóa; kiểm tra --db.",
        ) from exc
    # vanban's version table: <prefix>vanban_alembic_version, or alembic_version in a register of 0.1.
    if names and not any(n == "alembic_version" or n.endswith("vanban_alembic_version") for n in names):
        raise InputError(
            f"Tệp «{shown}» là một cơ sở dữ liệu SQLite khác, không phải sổ văn bản của vanban.",
            hint="Kiểm tra --db (hoặc $VANBAN_DB); vanban không ghi vào cơ sở dữ liệu của chương trình khác.",
        )
    if not names and not create:
        raise SchemaError(f"Tệp «{shown}» chưa có sổ: cơ sở dữ liệu chưa được khởi tạo.", hint=_INIT_HINT)


def connect(
    db: str | Path | Engine | Connection,
    *,
    create: bool = False,
    prefix: str | None = None,
    schema: str | None = None,
) -> tuple[Engine | Connection, bool]:
    """What vanban works through for ``db``, and whether vanban made it (and so disposes of it).

    A path or URL gets an engine of make_engine (``create``: as there); a host's Engine or
    Connection is used as it is.
    ``prefix`` and ``schema`` name vanban's tables (store.tables.Names); left out, an engine
    already used by vanban keeps its names, any other gets the plain ones.
    """
    if isinstance(db, Engine | Connection):
        bind: Engine | Connection = db
        made = False
    elif isinstance(db, str | Path):
        bind, made = make_engine(db, create=create), True
    else:
        raise InputError(
            f"Không dùng được {type(db).__name__} làm cơ sở dữ liệu.",
            hint="Đưa đường dẫn tệp SQLite, một URL, hoặc Engine / Connection của SQLAlchemy.",
        )
    try:
        given = prefix is not None or schema is not None
        configure(bind.dialect, Names(prefix or "", schema) if given else names_of(bind.dialect))
    except VanbanError:
        if isinstance(bind, Engine) and made:
            bind.dispose()
        raise
    return bind, made


def is_memory(url: URL) -> bool:
    """Whether ``url`` (normalised) names a SQLite database in memory, which no file keeps."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", MEMORY)


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if wal:  # a database in memory keeps its journal in memory: WAL needs a file
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        dbapi_connection = conn.connection.dbapi_connection
        # A unit of work opens its transaction on the driver before SQLAlchemy sees it.
        if not dbapi_connection.in_transaction:
            begin_transaction(
                "sqlite", dbapi_connection, read_only=bool(conn.get_execution_options().get(READ_ONLY))
            )


def begin_transaction(dialect_name: str, dbapi_connection: Any, *, read_only: bool) -> None:
    """Open a transaction on a driver connection as vanban's engines do.

    SQLite writers take the write lock at BEGIN (IMMEDIATE), so two clerks never both read the
    same counter; psycopg and PyMySQL open the transaction themselves at the first statement.

    A read on a server sees one snapshot of the register, as a read on SQLite does: PostgreSQL's
    READ COMMITTED (and MariaDB's, which vanban sets for writers) takes a new one at each
    statement, so a page read in several statements could show a status its history did not
    hold yet. REPEATABLE READ keeps the first statement's snapshot; a transaction that only
    reads never fails for it.
    """
    if dialect_name == "sqlite":
        dbapi_connection.execute("BEGIN" if read_only else "BEGIN IMMEDIATE")
    elif read_only:
        # Before any statement: PyMySQL's next transaction, psycopg's just begun.
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        finally:
            cursor.close()


def join_transaction(conn: Connection) -> None:
    """Make a host's begun transaction real on the driver before vanban works inside it.

    SQLAlchemy's Connection.begin() sends nothing, and Python's sqlite3 opens a transaction only
    before the first INSERT, UPDATE or DELETE: a CREATE TABLE or a SAVEPOINT sent first would run
    (and be released) outside the host's transaction, and stay when the host rolls back. A plain
    (deferred) BEGIN is what the host's own first write would have sent; never BEGIN IMMEDIATE,
    nor anything on a connection whose transaction is already open.
    """
    if conn.dialect.name == "sqlite" and conn.in_transaction():
        dbapi_connection = conn.connection.dbapi_connection
        if dbapi_connection is not None and not dbapi_connection.in_transaction:
            dbapi_connection.execute("BEGIN")


# SQLite engines made here: a thread keeps the connection its last unit of work used.
_KEEPS_SPARES: weakref.WeakSet[Engine] = weakref.WeakSet()


class _Spares(threading.local):
    """For this thread, one idle pooled connection per engine pool."""

    def __init__(self) -> None:
        self.by_pool: dict[Pool, PoolProxiedConnection] = {}


_spares = _Spares()


_INHERITED: list[dict[Pool, PoolProxiedConnection]] = []


def _forget_spares_in_child() -> None:
    # A forked process opens connections of its own: its parent's are set aside, never used and
    # never handed to the child's pool (as dropping them would, when collected).
    _INHERITED.append(_spares.by_pool)
    _spares.by_pool = {}


os.register_at_fork(after_in_child=_forget_spares_in_child)


def take_connection(engine: Engine) -> tuple[PoolProxiedConnection, bool]:
    """A pooled connection for a unit of work, and whether to give it back to the thread after.

    SQLite connections are local and cheap to keep, and checking one out of SQLAlchemy's pool and
    back costs about a sixth of a registration's Python: on an engine of make_engine each thread
    keeps the connection of its last unit of work (idle, no transaction open) and the next one
    takes it. A unit of work begun inside another (the spare is taken) uses the pool. Servers
    always use the pool, whose size is their connection limit.
    """
    if engine in _KEEPS_SPARES:
        spare = _spares.by_pool.pop(engine.pool, None)
        if spare is not None and spare.is_valid:
            return spare, True
        return engine.raw_connection(), True
    return engine.raw_connection(), False


def give_back(engine: Engine, pooled: PoolProxiedConnection) -> None:
    """Keep ``pooled`` (idle) as the thread's spare for ``engine``, or return it to the pool."""
    if pooled.is_valid and engine.pool not in _spares.by_pool:
        _spares.by_pool[engine.pool] = pooled
    else:
        pooled.close()


def release_spare(engine: Engine) -> None:
    """Return this thread's spare connection for ``engine`` to its pool (before disposing it)."""
    spare = _spares.by_pool.pop(engine.pool, None)
    if spare is not None and spare.is_valid:
        spare.close()


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
# SQLite by its columns; with a table prefix (store.tables.Names) either way before the name.
_CONSTRAINTS = [
    (
        re.compile(r"uq_documents_held_code|documents\.year, \w*documents\.code"),
        "Số, ký hiệu này đã có trong sổ của cơ quan trong năm đó.",
    ),
    (
        re.compile(r"uq_documents_series_number|documents\.series_key, \w*documents\.number"),
        "Số này đã được cấp trong sổ số của năm.",
    ),
    (re.compile(r"uq_documents_arrival|documents\.arrival_number"), "Số đến này đã được cấp."),
]


# What the triggers say when they refuse (migrations 0001 and 0005), and what a person reads.
_GUARDS = [
    (
        "vanban_frozen_record",
        FrozenError(
            "Văn bản đã ban hành hoặc đã vào sổ: số, ký hiệu, ngày, trích yếu, người ký, nơi nhận… "
            "không sửa được nữa (cơ sở dữ liệu từ chối).",
            hint="Sai sót trong văn bản đã ban hành được xử lý bằng đính chính, thay thế hoặc thu hồi "
            "(Nghị định 30/2020/NĐ-CP, Điều 18).",
        ),
    ),
    (
        "attachments are append-only",
        FrozenError(
            "Tệp đính kèm chỉ được thêm, không sửa hay xóa được (cơ sở dữ liệu từ chối).",
            hint="Tệp sai được giữ lại trong lịch sử; đính kèm tệp đúng bằng vanban attach.",
        ),
    ),
    (
        "events are append-only",
        FrozenError(
            "Lịch sử văn bản chỉ được ghi thêm, không sửa hay xóa được (cơ sở dữ liệu từ chối).",
            hint="Một thay đổi mới được ghi thành một sự kiện mới.",
        ),
    ),
]


def translate(exc: BaseException) -> VanbanError | None:
    """A plain message for a refused row or an unreachable database; None for anything else."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        said = str(exc.orig)
        for needle, error in _GUARDS:
            if needle in said:
                return type(error)(error.message, hint=error.hint)
    if isinstance(exc, IntegrityError):
        # The database's own guard caught what a rule should have: say so plainly, never a trace.
        text = str(exc.orig)
        for pattern, message in _CONSTRAINTS:
            if pattern.search(text):
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
