"""vanban inside another program's database: beside its tables, on its Engine or Connection, in
its transaction (docs/embedding.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from databases import ENGINES, empty_database
from vanban import Office, VanbanError, migrate, table_names
from vanban.errors import InputError, SchemaError

# The transaction tests run where a host's DDL is transactional too (MariaDB commits on DDL).
TRANSACTIONAL = [e for e in ENGINES if e in ("sqlite", "postgresql")]
PREFIX = "vanban_"
OFFICE = {"org": "UBND", "name": "Ủy ban nhân dân xã Phú Thái", "place": "Phú Thái", "login": "vanthu"}

host_metadata = sa.MetaData()
host_users = sa.Table(
    "users",
    host_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(120), nullable=False),
)


def _host_url(url: str) -> str:
    """A URL the host opens with plain SQLAlchemy (a SQLite path becomes sqlite:///path)."""
    return url if "://" in url else f"sqlite:///{url}"


def _make_host(url: str) -> sa.Engine:
    """The host's own engine and schema: a ``users`` table and its alembic at revision 'h1'."""
    engine = sa.create_engine(_host_url(url))
    with engine.begin() as conn:
        host_metadata.create_all(conn)
        conn.execute(sa.insert(host_users), [{"email": "an@xa.gov.vn"}, {"email": "binh@xa.gov.vn"}])
        conn.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
        conn.execute(sa.text("INSERT INTO alembic_version (version_num) VALUES ('h1')"))
    return engine


def _tables(engine: sa.Engine, schema: str | None = None) -> set[str]:
    return set(sa.inspect(engine).get_table_names(schema=schema))


def _host_state(engine: sa.Engine) -> tuple[list[str], str | None]:
    with engine.connect() as conn:
        emails = conn.execute(sa.select(host_users.c.email).order_by(host_users.c.id)).scalars().all()
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    return list(emails), version


@pytest.fixture(params=ENGINES)
def host(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    """A host's database on every engine under test, with its own users and alembic_version."""
    with empty_database(request.param, tmp_path) as url:
        engine = _make_host(url)
        yield engine
        engine.dispose()


@pytest.fixture(params=TRANSACTIONAL)
def transactional_host(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    """As ``host``, on SQLite and PostgreSQL."""
    with empty_database(request.param, tmp_path) as url:
        engine = _make_host(url)
        yield engine
        engine.dispose()


def _register_some(office: Office) -> None:
    office.add_org("SKHCN", "Sở Khoa học và Công nghệ thành phố Hải Phòng")
    plan = office.register(
        "KH", subject="Hưởng ứng Ngày Chuyển đổi số quốc gia", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
    )
    office.receive(
        "516/SKHCN-TTTT", sender="SKHCN", on=date(2025, 11, 12), subject="Báo cáo kết quả", deadline=None
    )
    assert plan.code == "01/KH-UBND"


# ---------------------------------------------------------------------------- beside a host's schema


@pytest.mark.db
def test_a_host_schema_with_users_and_alembic_version_is_refused_plainly_and_left_as_it_was(
    host: sa.Engine,
) -> None:
    before = _tables(host)
    with pytest.raises(SchemaError) as refused:
        Office.init(host, **OFFICE)
    assert "users" in refused.value.message and "tiền tố" in (refused.value.hint or "")
    assert _tables(host) == before
    assert _host_state(host) == (["an@xa.gov.vn", "binh@xa.gov.vn"], "h1")


@pytest.mark.db
def test_with_a_prefix_vanban_lives_beside_the_host_tables_and_keeps_its_own_version(host: sa.Engine) -> None:
    from vanban.store.migrate import HEAD

    with Office.init(host, prefix=PREFIX, **OFFICE) as office:
        _register_some(office)
    assert _tables(host) == {
        "users",
        "alembic_version",
        *table_names(prefix=PREFIX, dialect=host.dialect.name),
    }
    assert _host_state(host) == (["an@xa.gov.vn", "binh@xa.gov.vn"], "h1")
    with host.connect() as conn:
        version = conn.execute(sa.text(f"SELECT version_num FROM {PREFIX}vanban_alembic_version")).scalar()
        count = conn.execute(sa.text(f"SELECT count(*) FROM {PREFIX}documents")).scalar()
    assert (version, count) == (HEAD, 2)
    # Opened again, on the host's engine as on a URL of its own.
    with Office(host, user="vanthu", prefix=PREFIX) as office:
        assert sorted(d.code or "" for d in office.documents()) == ["01/KH-UBND", "516/SKHCN-TTTT"]
    assert Office.upgrade(host, prefix=PREFIX) == (HEAD, HEAD)


@pytest.mark.db
def test_the_whole_demo_runs_on_prefixed_tables_and_touches_no_other(empty_db: str) -> None:
    from vanban.office.demo import INTERIM_CODES, REQUEST, build_demo
    from vanban.store.engine import connect

    engine, _ = connect(empty_db, create=True, prefix="vb_")
    office, report = build_demo(engine)  # type: ignore[arg-type]
    trace = office.trace(REQUEST)
    status = office.status(as_of=date(2025, 11, 25))
    assert report.endswith("/BC-UBND") and trace.root.document.code == REQUEST
    open_codes = {row.document.code for row in status.items}
    assert open_codes == INTERIM_CODES and _tables(office.engine) == set(
        table_names(prefix="vb_", dialect=office.engine.dialect.name)
    )
    # The database's own guard (events are append-only) follows the prefix too.
    with pytest.raises(sa.exc.DBAPIError), office.engine.begin() as conn:
        conn.execute(sa.text("UPDATE vb_events SET actor = 'ai_do'"))
    office.close()


@pytest.mark.server
@pytest.mark.db
def test_on_postgresql_vanban_may_keep_a_schema_of_its_own(db_url: str) -> None:
    engine = sa.create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    if engine.dialect.name != "postgresql":
        with pytest.raises(InputError, match="PostgreSQL"):
            Office.init(engine, schema="vanban", **OFFICE)
        engine.dispose()
        return
    with Office.init(engine, schema="vanban", **OFFICE) as office:
        _register_some(office)
    assert set(table_names(schema="vanban", dialect="postgresql")) == _tables(engine, schema="vanban")
    with Office(engine, user="vanthu") as office:  # the engine keeps the schema it was given
        assert len(office.documents()) == 2
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA vanban CASCADE"))
    engine.dispose()


def test_a_prefix_or_schema_that_is_no_plain_name_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    db = tmp_path / "xa.sqlite"
    for bad in ({"prefix": "Văn bản"}, {"prefix": "x; DROP TABLE users"}, {"schema": "a.b"}):
        with pytest.raises(InputError) as refused:
            Office.init(db, **OFFICE, **bad)  # type: ignore[arg-type]
        assert refused.value.exit_code == 2 and refused.value.hint
    assert not db.exists() or _tables(sa.create_engine(f"sqlite:///{db}")) == set()


def test_an_engine_keeps_the_names_vanban_first_used_on_it(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'host.sqlite'}")
    Office.init(engine, prefix="vb_", **OFFICE).close()
    with pytest.raises(InputError, match="tiền tố"):
        Office(engine, prefix="other_")
    assert Office(engine, user="vanthu").me().login == "vanthu"


def test_a_unique_key_broken_under_a_prefix_is_still_said_plainly() -> None:
    import sqlite3

    from vanban.errors import DuplicateError
    from vanban.store.engine import translate

    text = "UNIQUE constraint failed: vb_documents.office_id, vb_documents.issuer_id, vb_documents.year, "
    error = sa.exc.IntegrityError("INSERT", {}, sqlite3.IntegrityError(text + "vb_documents.code"))
    translated = translate(error)
    assert isinstance(translated, DuplicateError) and "Số, ký hiệu này" in translated.message


# ---------------------------------------------------------------------------- an Engine like a URL


def test_office_init_and_upgrade_take_an_engine_and_leave_the_host_engine_open(tmp_path: Path) -> None:
    from vanban.store.migrate import HEAD

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'host.sqlite'}")
    pool = engine.pool
    with Office.init(engine, **OFFICE) as office:
        assert office.me().login == "vanthu"
    assert engine.pool is pool  # not disposed: the engine is the host's
    assert Office.upgrade(engine) == (HEAD, HEAD)
    assert migrate(engine) == HEAD
    assert engine.pool is pool
    made = Office(tmp_path / "host.sqlite", user="vanthu")
    own_pool = made.engine.pool
    made.close()
    assert made.engine.pool is not own_pool  # an engine vanban made is disposed of


def test_edit_names_its_fields_so_that_a_field_that_does_not_exist_is_a_type_error(office: Office) -> None:
    doc = office.register("KH", subject="Kế hoạch", on=date(2025, 9, 29), signer="Nguyễn Phúc Công")
    with pytest.raises(TypeError, match="status"):
        office.edit(doc.id, status="issued")  # type: ignore[call-arg]
    assert office.edit(doc.id, deadline=None).deadline is None
    assert office.get(doc.id).status == doc.status


def test_something_that_is_no_database_is_refused_plainly() -> None:
    with pytest.raises(InputError, match="Không dùng được"):
        Office(42)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- in the host's transaction


def _vanban_rows(engine: sa.Engine) -> int | None:
    """How many documents vanban holds; None when its tables are not there."""
    if f"{PREFIX}documents" not in _tables(engine):
        return None
    with engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {PREFIX}documents")).scalar_one())


@pytest.mark.db
@pytest.mark.parametrize("outcome", ["rolled back", "committed"])
def test_vanban_set_up_and_used_inside_the_host_transaction_ends_with_it(
    transactional_host: sa.Engine, outcome: str
) -> None:
    host = transactional_host
    with host.connect() as conn:
        transaction = conn.begin()
        conn.execute(sa.insert(host_users).values(email="chau@xa.gov.vn"))
        office = Office.init(conn, prefix=PREFIX, **OFFICE)
        _register_some(office)
        assert len(office.documents()) == 2  # seen inside the transaction
        if outcome == "committed":
            transaction.commit()
        else:
            transaction.rollback()
    emails, version = _host_state(host)
    assert version == "h1"
    if outcome == "committed":
        assert emails == ["an@xa.gov.vn", "binh@xa.gov.vn", "chau@xa.gov.vn"]
        assert _vanban_rows(host) == 2
    else:
        assert emails == ["an@xa.gov.vn", "binh@xa.gov.vn"]
        assert _tables(host) == {"users", "alembic_version"}  # nothing of vanban's is left


@pytest.mark.db
def test_work_in_a_rolled_back_host_session_leaves_no_trace_and_takes_no_number(
    transactional_host: sa.Engine,
) -> None:
    host = transactional_host
    migrate(host, prefix=PREFIX)
    Office.init(host, **OFFICE).close()
    with Session(host) as session:
        session.execute(sa.insert(host_users).values(email="dung@xa.gov.vn"))
        office = Office(session.connection(), user="vanthu")
        first = office.register(
            "KH", subject="Kế hoạch bị hủy cùng giao dịch", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
        )
        assert first.number == 1
        session.rollback()
    assert _vanban_rows(host) == 0 and _host_state(host)[0] == ["an@xa.gov.vn", "binh@xa.gov.vn"]
    with Session(host) as session:
        office = Office(session.connection(), user="vanthu")
        kept = office.register(
            "KH", subject="Kế hoạch được giữ", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
        )
        session.commit()
    assert kept.number == 1 and _vanban_rows(host) == 1


@pytest.mark.db
def test_a_refusal_inside_the_host_transaction_undoes_only_vanbans_part(
    transactional_host: sa.Engine,
) -> None:
    from vanban.store.uow import UnitOfWork

    host = transactional_host
    Office.init(host, prefix=PREFIX, **OFFICE).close()
    with host.connect() as conn, conn.begin():
        conn.execute(sa.insert(host_users).values(email="giang@xa.gov.vn"))
        with pytest.raises(VanbanError), UnitOfWork(conn) as uow:
            uow.orgs.add("SNV", "Sở Nội vụ")  # written, then the use case is refused
            raise InputError("Thiếu trích yếu.")
        office = Office(conn, user="vanthu")
        office.register("KH", subject="Vẫn làm tiếp được", on=date(2025, 9, 30), signer="Nguyễn Phúc Công")
        with pytest.raises(VanbanError):
            office.register("KH", subject="Ngày lùi", on=date(2025, 9, 29), signer="Nguyễn Phúc Công")
        assert [o.code for o in office.orgs()] == ["UBND"]
    assert _host_state(host)[0][-1] == "giang@xa.gov.vn" and _vanban_rows(host) == 1


def test_on_a_host_connection_with_no_transaction_open_each_use_case_commits_its_own(tmp_path: Path) -> None:
    host = sa.create_engine(f"sqlite:///{tmp_path / 'host.sqlite'}")
    Office.init(host, prefix=PREFIX, **OFFICE).close()
    with host.connect() as conn:
        office = Office(conn, user="vanthu")
        office.register("KH", subject="Kế hoạch tự ghi", on=date(2025, 9, 29), signer="Nguyễn Phúc Công")
        assert not conn.in_transaction()
        conn.rollback()  # nothing of the host's to roll back: vanban's work is committed already
    assert _vanban_rows(host) == 1
    host.dispose()


def test_inside_a_host_transaction_a_locked_sqlite_database_is_raised_not_retried(tmp_path: Path) -> None:
    path = tmp_path / "host.sqlite"
    host = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.05})
    Office.init(host, prefix=PREFIX, **OFFICE).close()
    savepoints: list[str] = []

    @sa.event.listens_for(host, "before_cursor_execute")
    def _count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.startswith("SAVEPOINT"):
            savepoints.append(statement)

    other = sa.create_engine(f"sqlite:///{path}", isolation_level="AUTOCOMMIT")
    with other.connect() as writer:
        writer.exec_driver_sql("BEGIN IMMEDIATE")  # another program holds the write lock
        with host.connect() as conn, conn.begin():
            office = Office(conn, user="vanthu")
            with pytest.raises(sa.exc.OperationalError, match="locked"):
                office.register(
                    "KH",
                    subject="Khi cơ sở dữ liệu đang bận",
                    on=date(2025, 9, 29),
                    signer="Nguyễn Phúc Công",
                )
        writer.exec_driver_sql("ROLLBACK")
    assert len(savepoints) == 1  # one attempt: the host decides whether to run it all again
    other.dispose()
    host.dispose()


@pytest.mark.server
def test_inside_a_host_transaction_a_lock_wait_on_a_server_is_raised_not_retried(office: Office) -> None:
    office.register("KH", subject="Kế hoạch đầu năm", on=date(2025, 9, 29), signer="Nguyễn Phúc Công")
    engine = office.engine
    postgresql = engine.dialect.name == "postgresql"
    savepoints: list[str] = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.startswith("SAVEPOINT"):
            savepoints.append(statement)

    with engine.connect() as holder, holder.begin():
        holder.execute(sa.text("SELECT last_number FROM series FOR UPDATE"))  # another clerk's lock
        with engine.connect() as conn:
            with conn.begin():
                wait = (
                    "SET LOCAL lock_timeout = '200ms'" if postgresql else "SET innodb_lock_wait_timeout = 1"
                )
                conn.execute(sa.text(wait))
                with pytest.raises(sa.exc.DBAPIError):
                    Office(conn, user="vanthu").register(
                        "KH", subject="Khi sổ đang bị giữ", on=date(2025, 9, 30), signer="Nguyễn Phúc Công"
                    )
                assert conn.execute(sa.text("SELECT 1")).scalar() == 1  # the host's transaction lives on
            if not postgresql:
                conn.execute(sa.text("SET innodb_lock_wait_timeout = DEFAULT"))
                conn.commit()
    assert len(savepoints) == 1  # one attempt: the host decides whether to run it all again
    assert [d.number for d in office.documents()] == [1]


# ---------------------------------------------------------------------------- the host's own alembic


HOST_ENV = """
from alembic import context
from sqlalchemy import create_engine

import vanban

engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    vanbans = vanban.table_names(prefix="vanban_")
    context.configure(
        connection=connection,
        include_name=lambda name, kind, _: kind != "table" or name not in vanbans,
    )
    with context.begin_transaction():
        context.run_migrations()
        vanban.migrate(connection, prefix="vanban_")
    # The host's environment is whole again after vanban's run.
    assert context.get_context().connection is connection
engine.dispose()
"""

HOST_MIGRATION = """
import sqlalchemy as sa
from alembic import op

revision = "h1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.Text))
"""


def test_a_host_runs_vanbans_migrations_from_its_own_alembic_env(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from vanban.store.migrate import HEAD

    scripts = tmp_path / "host_migrations"
    (scripts / "versions").mkdir(parents=True)
    (scripts / "env.py").write_text(HOST_ENV, encoding="utf-8")
    (scripts / "versions" / "h1_users.py").write_text(HOST_MIGRATION, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'host.sqlite'}"
    config = Config()
    config.set_main_option("script_location", str(scripts))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "head")

    engine = sa.create_engine(url)
    assert _tables(engine) == {"users", "alembic_version", *table_names(prefix="vanban_", dialect="sqlite")}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "h1"
        assert conn.execute(sa.text("SELECT version_num FROM vanban_vanban_alembic_version")).scalar() == HEAD
    with Office.init(engine, prefix="vanban_", **OFFICE) as office:
        assert (
            office.register(
                "KH", subject="Sổ trong chương trình chủ", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
            ).number
            == 1
        )
    engine.dispose()


def test_vanbans_own_alembic_scripts_follow_the_prefix_from_alembic_ini_or_the_engine(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from vanban.store.engine import connect
    from vanban.store.migrate import MIGRATIONS

    # The alembic command line on vanban's scripts: the names come from alembic.ini's options.
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", str(tmp_path / "cli.sqlite"))
    config.set_main_option("vanban.prefix", "vb_")
    command.upgrade(config, "head")
    assert _tables(sa.create_engine(f"sqlite:///{tmp_path / 'cli.sqlite'}")) == set(table_names(prefix="vb_"))

    # A connection handed over with no names: those its engine was given.
    engine, _ = connect(tmp_path / "engine.sqlite", create=True, prefix="vb_")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:  # type: ignore[union-attr]
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    assert _tables(engine) == set(table_names(prefix="vb_"))  # type: ignore[arg-type]


def test_a_host_s_own_sqlite_engine_filters_by_signer_without_diacritics(tmp_path: Path) -> None:
    """The folding a signer filter needs is given to the host's connection too, not only to the
    engines vanban makes."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'host.sqlite'}")
    with Office.init(engine, **OFFICE) as office:
        office.add_user("chutich", name="Nguyễn Phúc Công", roles=["lanh_dao"])
        plan = office.register("KH", subject="Kế hoạch chuyển đổi số", on=date(2025, 9, 29), signer="chutich")
        assert [d.code for d in office.documents(signer="phuc cong")] == [plan.code]
        assert [h.document.code for h in office.search("chuyen doi", signer="PHUC CONG")] == [plan.code]
    engine.dispose()
