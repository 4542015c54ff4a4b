"""Migrations: HEAD names the newest one, the schema they build is the one in tables.py, and an
existing register upgrades in place, its documents kept, on every engine under test."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa

if TYPE_CHECKING:
    from conftest import Cli

ENGINES = [e.strip() for e in os.environ.get("VANBAN_TEST_ENGINES", "sqlite").split(",") if e.strip()]
SERVER_URLS = {
    "postgresql": os.environ.get("VANBAN_TEST_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/test"),
    "mariadb": os.environ.get("VANBAN_TEST_MARIADB", "mysql://root@127.0.0.1:3306/test"),
}
_ORGANIZATIONS_0001 = sa.table(
    "organizations",
    *(sa.column(name) for name in ("id", "code", "name", "own", "numbering")),
)
STATUS_INDEX = ["office_id", "workflow", "status", "type_key", "reference_only"]


def _config(conn: Any) -> Any:
    from alembic.config import Config

    from vanban.store.migrate import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def _migrate(engine: Any, revision: str, *, down: bool = False) -> None:
    from alembic import command

    with engine.begin() as conn:
        config = _config(conn)
        if down:
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)


@pytest.fixture(params=ENGINES)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An engine on a brand-new, empty database (no schema at all)."""
    from sqlalchemy import text

    from vanban.store.engine import make_engine, normalise_url

    name: str = request.param
    if name == "sqlite":
        engine = make_engine(tmp_path / "old.sqlite")
        yield engine
        engine.dispose()
        return
    if name not in SERVER_URLS:
        pytest.fail(f"unknown engine {name!r} in VANBAN_TEST_ENGINES", pytrace=False)
    admin_url = normalise_url(SERVER_URLS[name])
    database = f"vanban_test_mig_{uuid.uuid4().hex[:10]}"
    try:
        admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {database}"))
    except Exception as exc:  # a named engine that is not there fails loudly
        pytest.fail(f"{name} at {SERVER_URLS[name]} is not reachable: {exc}", pytrace=False)
    engine = make_engine(admin_url.set(database=database).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            force = " WITH (FORCE)" if name == "postgresql" else ""
            conn.execute(text(f"DROP DATABASE IF EXISTS {database}{force}"))
        admin.dispose()


def _status_index(engine: Any) -> list[str]:
    from sqlalchemy import inspect

    found = {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("documents")}
    return list(found["ix_documents_office_status"])


def test_head_is_the_newest_migration_file() -> None:
    from alembic.script import ScriptDirectory

    from vanban.store.migrate import HEAD, MIGRATIONS

    files = sorted((MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    revisions = {}
    for path in files:
        source = path.read_text(encoding="utf-8")
        revision = re.search(r'^revision = "(\w+)"', source, re.M)
        down = re.search(r"^down_revision = (?:\"(\w+)\"|None)", source, re.M)
        assert revision and down, path.name
        assert path.name.startswith(revision.group(1) + "_"), "the file is named after its revision"
        revisions[revision.group(1)] = down.group(1)
    newest = files[-1].name.split("_")[0]
    assert newest == HEAD
    # One straight line of migrations, each revising the one before, ending at HEAD.
    assert [down for _, down in sorted(revisions.items())] == [None, *sorted(revisions)[:-1]]
    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == HEAD


@pytest.mark.db
def test_the_migrations_build_the_schema_of_tables_py(empty_engine: Any) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from vanban.store.migrate import upgrade
    from vanban.store.search import is_index_table
    from vanban.store.tables import metadata

    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        # The search index is each engine's own (an FTS5 table on SQLite): store.search makes it.
        context = MigrationContext.configure(
            conn,
            opts={
                "version_table": "vanban_alembic_version",
                "include_name": lambda name, kind, _parent: not (kind == "table" and is_index_table(name)),
            },
        )
        differences = compare_metadata(context, metadata)
    assert differences == []
    assert _status_index(empty_engine) == STATUS_INDEX


def _as_vanban_0_1_left_it(engine: Any) -> None:
    """Registers of vanban 0.1 kept their version in alembic_version: move it back there."""
    with engine.begin() as conn:
        version = conn.execute(sa.text("SELECT version_num FROM vanban_alembic_version")).scalar_one()
        conn.execute(sa.text("DROP TABLE vanban_alembic_version"))
        # The table as alembic makes it.
        conn.execute(
            sa.text(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
        conn.execute(sa.text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": version})


def _tables(engine: Any) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


@pytest.mark.db
@pytest.mark.parametrize("version_table", ["vanban_alembic_version", "alembic_version"])
def test_a_register_at_0001_upgrades_to_head_keeping_its_documents(
    empty_engine: Any, version_table: str, clock: Callable[[date], None]
) -> None:
    from sqlalchemy import func, insert, select

    from vanban import Office
    from vanban.store.migrate import HEAD, current_revision, upgrade
    from vanban.store.tables import documents, organizations, users
    from vanban.store.uow import UnitOfWork

    _migrate(empty_engine, "0001")
    if version_table == "alembic_version":
        _as_vanban_0_1_left_it(empty_engine)
    assert current_revision(empty_engine) == "0001"
    assert _status_index(empty_engine) == ["office_id", "workflow", "status"]
    with empty_engine.begin() as conn:
        # The organizations table as 0001 made it (tables.py's fills code_key, added by 0003).
        conn.execute(
            insert(_ORGANIZATIONS_0001),
            [
                {"id": i, "code": code, "name": name, "own": i == 1, "numbering": "per_type"}
                for i, code, name in (
                    (1, "UBND", "Ủy ban nhân dân xã Phú Thái"),
                    (2, "TTg", "Thủ tướng Chính phủ"),
                    (3, "Sở NV", "Sở Nội vụ thành phố Hải Phòng"),
                )
            ],
        )
        conn.execute(
            insert(users).values(login="chutich", full_name="Nguyễn Phúc Công", roles="lanh_dao", office_id=1)
        )
        conn.execute(
            insert(documents).values(
                id=7,
                office_id=1,
                direction="out",
                type_key="KH",
                issuer_id=1,
                number=90,
                year=2025,
                notation="KH-UBND",
                code="90/KH-UBND",
                series_key="KH",
                date=date(2025, 9, 29),
                subject="Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia",
                recipients=[],
                deadline=date(2025, 10, 31),
                status="in_progress",
                workflow="directive",
                reference_only=False,
                created_at=datetime(2025, 9, 29, 8, 0),
            )
        )

    upgrade(empty_engine)

    assert current_revision(empty_engine) == HEAD
    assert "alembic_version" not in _tables(empty_engine)  # the version is in vanban's own table
    assert _status_index(empty_engine) == STATUS_INDEX
    with empty_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == 1
    office = Office(empty_engine, user="chutich")
    clock(date(2025, 11, 15))
    report = office.status()
    assert report.summary == {"in_progress": 1}
    assert [(r.document.id, r.document.code, r.overdue_days) for r in report.items] == [(7, "90/KH-UBND", 15)]
    assert office.get("90/KH-UBND").subject.startswith("Tổ chức các hoạt động")
    # The search index made by 0004 holds the documents the register had.
    assert [h.document.id for h in office.search("chuyen doi so quoc gia")] == [7]
    # The organizations kept from 0001 are found by their code in any case, as before.
    with empty_engine.connect() as conn:
        keys = conn.execute(select(organizations.c.code_key).order_by(organizations.c.id)).scalars().all()
    assert keys == ["UBND", "TTG", "SỞ NV"]
    with UnitOfWork(empty_engine, read_only=True) as uow:
        assert [o.id for o in uow.orgs.find("ttg")] == [2]
        assert [o.id for o in uow.orgs.find("sở nv")] == [3]
        assert [o.id for o in uow.orgs.find("Sở Nội vụ thành phố Hải Phòng")] == [3]

    # And back: the downgrade restores the index of 0001, the document still there.
    _migrate(empty_engine, "0001", down=True)
    assert current_revision(empty_engine) == "0001"
    assert _status_index(empty_engine) == ["office_id", "workflow", "status"]
    with empty_engine.connect() as conn:
        assert conn.execute(select(documents.c.code)).scalars().all() == ["90/KH-UBND"]


def test_a_register_left_at_0001_is_refused_until_vanban_upgrade_brings_it_to_head(
    tmp_path: Path, cli: Cli
) -> None:
    from vanban.office import Office
    from vanban.store.engine import make_engine
    from vanban.store.migrate import HEAD, current_revision

    db = tmp_path / "old.sqlite"
    Office.init(db, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái").close()
    engine = make_engine(db)
    _migrate(engine, "0001", down=True)

    refused = cli.run(db, "status")
    assert refused.code == 2 and "phiên bản 0001" in refused.err and "vanban upgrade" in refused.err
    upgraded = cli.run(db, "upgrade")
    assert (upgraded.code, upgraded.err) == (0, "")
    assert current_revision(engine) == HEAD
    assert cli.run(db, "status").code == 0
    engine.dispose()


def test_a_register_of_vanban_0_1_at_0003_works_as_it_is_and_vanban_upgrade_moves_its_version(
    tmp_path: Path,
) -> None:
    import contextlib
    import io

    from vanban.cli import main
    from vanban.errors import SchemaError
    from vanban.office import Office
    from vanban.store.engine import make_engine
    from vanban.store.migrate import HEAD, current_revision

    db = tmp_path / "old.sqlite"
    with Office.init(db, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái") as office:
        office.register(
            "KH", subject="Kế hoạch trước khi nâng cấp", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
        )
    engine = make_engine(db)
    _migrate(engine, "0003", down=True)
    _as_vanban_0_1_left_it(engine)
    assert current_revision(engine) == "0003"

    with Office(db) as office:  # used as it is while 0003 is the newest schema, else sent to upgrade
        if HEAD == "0003":
            assert (
                office.register(
                    "KH", subject="Kế hoạch thứ hai", on=date(2025, 9, 30), signer="Nguyễn Phúc Công"
                ).number
                == 2
            )
        else:
            with pytest.raises(SchemaError, match="phiên bản 0003"):
                office.me()
    err = io.StringIO()
    with (
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(err),
        pytest.raises(SystemExit) as exit_,
    ):
        main(["--db", str(db), "upgrade"])
    assert (exit_.value.code or 0, err.getvalue()) == (0, "")
    assert "alembic_version" not in _tables(engine) and "vanban_alembic_version" in _tables(engine)
    assert current_revision(engine) == HEAD
    with Office(db) as office:
        assert [d.subject for d in office.documents()][0] == "Kế hoạch trước khi nâng cấp"  # noqa: RUF015
    engine.dispose()


def test_a_host_alembic_version_beside_vanban_tables_is_not_taken_for_a_register_of_vanban_0_1(
    tmp_path: Path,
) -> None:
    from vanban.office import Office
    from vanban.store.engine import make_engine
    from vanban.store.migrate import current_revision

    db = tmp_path / "host.sqlite"
    engine = make_engine(db)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        conn.execute(sa.text("INSERT INTO alembic_version VALUES ('0002')"))  # the host's own 0002
    assert current_revision(engine) is None
    Office.init(db, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái").close()
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    engine.dispose()


def _before_outcome_figures() -> str:
    """The revision before the one that keeps figures as written (outcomes.quantity_text)."""
    from alembic.script import ScriptDirectory

    from vanban.store.migrate import MIGRATIONS

    (mine,) = [
        r for r in ScriptDirectory(str(MIGRATIONS)).walk_revisions() if r.path.endswith("_outcome_figures.py")
    ]
    assert isinstance(mine.down_revision, str)
    return mine.down_revision


@pytest.mark.db
def test_outcomes_recorded_before_figures_were_kept_read_as_exact_and_the_migration_goes_both_ways(
    empty_engine: Any,
) -> None:
    from sqlalchemy import insert, select

    from vanban import Office
    from vanban.domain.figures import Bound
    from vanban.store.migrate import HEAD, current_revision, upgrade
    from vanban.store.tables import outcomes

    before = _before_outcome_figures()
    office = Office.init(
        empty_engine, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu"
    )
    plan = office.register("KH", subject="Chuyển đổi số", on=date(2025, 9, 29), signer="Nguyễn Phúc Công")
    _migrate(empty_engine, before, down=True)
    assert "quantity_text" not in {c["name"] for c in sa.inspect(empty_engine).get_columns("outcomes")}
    with empty_engine.begin() as conn:  # an outcome as it was kept before: a number and a unit
        conn.execute(
            insert(outcomes).values(document_id=plan.id, text="Lớp học", quantity=150, unit="lượt người")
        )

    upgrade(empty_engine)

    assert current_revision(empty_engine) == HEAD
    (old,) = Office(empty_engine, user="vanthu").outcomes(plan.id)
    assert (old.bound, old.written, old.figure_text) == (Bound.EXACT, None, "150 lượt người")
    new = Office(empty_engine, user="vanthu").add_outcome(plan.id, text="Hội nghị", quantity="hơn 200 người")
    assert (new.bound, new.figure_text) == (Bound.OVER, "hơn 200 người")
    _migrate(empty_engine, before, down=True)
    with empty_engine.connect() as conn:
        kept = conn.execute(select(outcomes.c.quantity).order_by(outcomes.c.id)).scalars().all()
    assert kept == [150, 200]


@pytest.mark.db
def test_a_register_indexed_before_0011_finds_its_documents_by_words_keyed_by_office_and_back(
    empty_engine: Any,
) -> None:
    from sqlalchemy import text

    from vanban import Office
    from vanban.store.migrate import HEAD, current_revision, upgrade
    from vanban.store.search import word_key

    office = Office.init(
        empty_engine, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu"
    )
    plan = office.register("KH", subject="Chuyển đổi số quốc gia", on=date(2025, 9, 29), signer="Lê Văn Tám")

    def keyed() -> bool:
        """On a server the words keyed by office and no office word; on SQLite the code's key
        a word of the FTS5 table."""
        with empty_engine.connect() as conn:
            if empty_engine.dialect.name == "sqlite":
                sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'search_index'"))
                return "key UNINDEXED" not in sql.scalar_one()
            column = "words::text" if empty_engine.dialect.name == "postgresql" else "words"
            rows = conn.execute(text(f"SELECT {column} FROM search_index")).scalars()
            words = " ".join(str(w) for w in rows)
        assert (word_key(plan.office_id, "chuyen") in words) == ("zzo" not in words)
        return "zzo" not in words

    _migrate(empty_engine, "0010", down=True)
    assert current_revision(empty_engine) == "0010"
    assert not keyed()  # the layout of 0007

    upgrade(empty_engine)

    assert current_revision(empty_engine) == HEAD
    assert keyed()
    clerk = Office(empty_engine, user="vanthu")
    later = clerk.register("KH", subject="Chuyển giao công nghệ", on=date(2025, 10, 1), signer="Lê Văn Tám")
    assert [h.document.id for h in clerk.search("chuyen doi")] == [plan.id]
    assert [h.document.id for h in clerk.search("chuyen")] == [later.id, plan.id]
    assert [h.exact for h in clerk.search(later.code or "")][:1] == [True]
    _migrate(empty_engine, "0010", down=True)  # and back: the layout 0010's vanban reads
    assert not keyed()


@pytest.mark.db
def test_0013_gives_sqlite_prefix_lists_and_a_marked_code_key_and_back(empty_engine: Any) -> None:
    from sqlalchemy import text

    from vanban import Office
    from vanban.store.migrate import HEAD, current_revision, upgrade

    office = Office.init(
        empty_engine, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu"
    )
    plan = office.register("KH", subject="Dân vận khéo", on=date(2025, 9, 29), signer="Lê Văn Tám")

    def layout() -> tuple[str, list[str]]:
        """The index's definition on SQLite ("" elsewhere) and its keys."""
        keys = text(f"SELECT {empty_engine.dialect.identifier_preparer.quote('key')} FROM search_index")
        with empty_engine.connect() as conn:
            found = [str(k) for k in conn.execute(keys).scalars()]
            if empty_engine.dialect.name != "sqlite":
                return "", found
            sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'search_index'")).scalar_one()
            return sql, found

    at_head = layout()
    _migrate(empty_engine, "0012", down=True)
    before = layout()
    if empty_engine.dialect.name == "sqlite":
        assert "prefix" in at_head[0] and "prefix" not in before[0]
        assert at_head[1] == ["zzk" + k for k in before[1]] == ["zzk01khubnd"]
    else:
        assert at_head == before  # the servers' index is unchanged
    upgrade(empty_engine)
    assert current_revision(empty_engine) == HEAD
    assert layout() == at_head
    clerk = Office(empty_engine, user="vanthu")
    assert [h.document.id for h in clerk.search("da")] == [plan.id]  # a prefix of 2 letters
    assert [(h.document.id, h.exact) for h in clerk.search("01 kh ubnd")] == [(plan.id, True)]
    assert clerk.search("dan vanx") == []


@pytest.mark.db
def test_0015_puts_each_document_direction_in_the_index_and_back(empty_engine: Any) -> None:
    from sqlalchemy import inspect, text

    from vanban import Office
    from vanban.store import search
    from vanban.store.migrate import HEAD, current_revision, upgrade

    office = Office.init(
        empty_engine, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu"
    )
    office.add_org("SKHCN", "Sở Khoa học và Công nghệ thành phố Hải Phòng")
    plan = office.register("KH", subject="Dân vận khéo", on=date(2025, 9, 29), signer="Lê Văn Tám")
    letter = office.receive("7/TB-SKHCN", sender="SKHCN", on=date(2025, 10, 1), subject="Dân vận khéo")
    document_id = "rowid" if empty_engine.dialect.name == "sqlite" else "document_id"

    def directions() -> dict[int, str] | None:
        """Each indexed document's direction (None: the index has no direction)."""
        columns = {c["name"] for c in inspect(empty_engine).get_columns("search_index")}
        if "direction" not in columns:
            return None
        with empty_engine.connect() as conn:
            rows = conn.execute(text(f"SELECT {document_id}, direction FROM search_index"))
            return {int(i): str(d) for i, d in rows}

    assert directions() == {plan.id: "out", letter.id: "in"}
    _migrate(empty_engine, "0014", down=True)
    assert directions() is None
    columns = [c["name"] for c in inspect(empty_engine).get_columns("search_index")]
    with empty_engine.connect() as conn:
        indexed = conn.execute(text(f"SELECT {document_id} FROM search_index")).scalars().all()
        assert sorted(indexed) == sorted([plan.id, letter.id])
        if empty_engine.dialect.name == "sqlite":
            sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'search_index'")).scalar_one()
            assert sql == search.install_statements("sqlite", directed=False)[0]  # 0014's, prefix lists kept
        else:
            assert columns == ["document_id", "office_id", "key", "day", "words"]
    upgrade(empty_engine)
    assert current_revision(empty_engine) == HEAD
    assert directions() == {plan.id: "out", letter.id: "in"}
    clerk = Office(empty_engine, user="vanthu")
    assert [h.document.id for h in clerk.search("dan van", direction="in")] == [letter.id]
    assert [h.document.id for h in clerk.search("dan van", direction="out")] == [plan.id]
