"""Shared fixtures: a clean, migrated database on every engine under test, and the command line.

SQLite always runs. PostgreSQL and MariaDB run when VANBAN_TEST_ENGINES names them
(``.ci/run`` names all three); a named engine that cannot be reached fails the run,
it is never skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest
from hypothesis import settings

from databases import ENGINES, SERVER_URLS, empty_database

# Property-based tests (tests/test_input_properties.py): a small fixed budget in CI, the same
# examples every run; VANBAN_HYPOTHESIS=fuzz for a long search (tests/fuzz/README.md).
settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True, database=None)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("VANBAN_FUZZ_EXAMPLES", "200000")), deadline=None
)
settings.load_profile(os.environ.get("VANBAN_HYPOTHESIS", "ci"))

if TYPE_CHECKING:
    from vanban import Office


def vanban_tables(prefix: str = "") -> list[str]:
    """vanban's tables as named in a database with this prefix, each after those it refers to
    (the search index first: TRUNCATE fires no trigger, so it is emptied with the rest)."""
    from vanban.store.search import INDEX
    from vanban.store.tables import Names, metadata

    names = Names(prefix)
    return [names.table(INDEX)] + [names.table(table.name) for table in reversed(metadata.sorted_tables)]


@pytest.fixture(params=ENGINES)
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A brand-new, empty database (no schema at all) on every engine under test."""
    with empty_database(request.param, tmp_path) as url:
        yield url


class ServerDatabase:
    """A scratch database on a running server, migrated once, emptied between tests."""

    def __init__(self, engine_name: str) -> None:
        from sqlalchemy import text

        from vanban.store.engine import make_engine, normalise_url
        from vanban.store.migrate import upgrade

        self.engine_name = engine_name
        admin_url = normalise_url(SERVER_URLS[engine_name])
        self.name = f"vanban_test_{uuid.uuid4().hex[:10]}"
        try:
            self.admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
            with self.admin.connect() as conn:
                conn.execute(text(f"CREATE DATABASE {self.name}"))
        except Exception as exc:  # a named engine that is not there fails loudly
            pytest.fail(f"{engine_name} at {SERVER_URLS[engine_name]} is not reachable: {exc}", pytrace=False)
        self.url = admin_url.set(database=self.name).render_as_string(hide_password=False)
        self.engine = make_engine(self.url)
        upgrade(self.engine)

    def clean(self) -> None:
        from sqlalchemy import text

        from vanban.store.tables import names_of

        tables = vanban_tables(names_of(self.engine.dialect).prefix)  # as the engine names them
        with self.engine.begin() as conn:
            if self.engine_name == "postgresql":
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                conn.execute(text("SET FOREIGN_KEY_CHECKS=0"))
                for table in tables:
                    conn.execute(text(f"TRUNCATE TABLE {table}"))
                conn.execute(text("SET FOREIGN_KEY_CHECKS=1"))

    def drop(self) -> None:
        from sqlalchemy import text

        self.engine.dispose()
        with self.admin.connect() as conn:
            if self.engine_name == "postgresql":
                conn.execute(text(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)"))
            else:
                conn.execute(text(f"DROP DATABASE IF EXISTS {self.name}"))
        self.admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from vanban.store.engine import make_engine
    from vanban.store.migrate import upgrade

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    engine = make_engine(path)
    upgrade(engine)
    engine.dispose()  # the last connection to close folds the WAL into the file
    return path


_servers: dict[str, ServerDatabase] = {}


@pytest.fixture(scope="session", autouse=True)
def _drop_server_databases() -> Iterator[None]:
    yield
    for server in _servers.values():
        server.drop()


@pytest.fixture(params=ENGINES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A URL (or SQLite path) of a clean database at the newest schema."""
    engine_name: str = request.param
    if engine_name == "sqlite":
        path = tmp_path / "vanban.sqlite"
        shutil.copy(sqlite_template, path)
        return str(path)
    if engine_name not in SERVER_URLS:
        pytest.fail(f"unknown engine {engine_name!r} in VANBAN_TEST_ENGINES", pytrace=False)
    server = _servers.get(engine_name)
    if server is None:
        server = _servers[engine_name] = ServerDatabase(engine_name)
    server.clean()
    return server.url


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept, dropped = [], []
    for item in items:
        if "db_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)
        callspec = getattr(item, "callspec", None)
        embedded = callspec is not None and callspec.params.get("db_url") == "sqlite"
        # A test about a database server has no SQLite case: it is not collected, not skipped.
        (dropped if embedded and item.get_closest_marker("server") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture
def office(db_url: str):  # type: ignore[no-untyped-def]
    """The register of UBND xã Phú Thái, acting as its clerk, with a unit and a sender."""
    office = phu_thai(db_url)
    yield office
    office.close()


@pytest.fixture(scope="session")
def memory_template() -> Iterator[Office]:
    """The register of the ``office`` fixture, made once in memory for ``memory_office`` to copy."""
    office = phu_thai("sqlite://")
    yield office
    office.close()


@pytest.fixture
def memory_office(memory_template: Office) -> Iterator[Office]:
    """The register of the ``office`` fixture kept in SQLite in memory: no file, no server.

    Each test gets a copy of ``memory_template`` (SQLite's backup API, memory to memory), not a
    register made anew: the migrations would cost more than most tests.
    """
    from vanban import Office
    from vanban.store.engine import make_engine

    engine = make_engine("sqlite://")
    source, target = memory_template.engine.raw_connection(), engine.raw_connection()
    try:
        source.driver_connection.backup(target.driver_connection)  # type: ignore[union-attr]
    finally:
        source.close()
        target.close()
    office = Office(engine, user="vanthu")
    yield office
    office.close()
    engine.dispose()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[date], None]:
    """Make it a given day in Vietnam (10:00 there) for the rest of the test: "today" and the
    time of every event written from then on (vanban has one clock, domain.dates.utc_now)."""
    from vanban.domain import dates

    def set_day(day: date) -> None:
        moment = datetime(day.year, day.month, day.day, 3, 0, tzinfo=UTC)
        monkeypatch.setattr(dates, "utc_now", lambda: moment)

    return set_day


def phu_thai(db: str) -> Office:
    """A new register of UBND xã Phú Thái in ``db``, acting as its clerk, with a unit and a sender."""
    from vanban import Office

    office = Office.init(
        db,
        org="UBND",
        name="Ủy ban nhân dân xã Phú Thái",
        place="Phú Thái",
        parent="UBND thành phố Hải Phòng",
        login="vanthu",
        full_name="Trần Thị Văn Thư",
    )
    office.add_unit("VHXH", "Văn hóa - Xã hội")
    office.add_org("SKHCN", "Sở Khoa học và Công nghệ thành phố Hải Phòng")
    office.add_user("chutich", name="Nguyễn Phúc Công", roles=["lanh_dao"])
    office.add_user("chuyenvien", name="Lê Văn Chuyên", roles=["chuyen_vien"])
    return office


# ---------------------------------------------------------------------------- the command line


class Ran(NamedTuple):
    """What one ``vanban`` command did: its exit code, stdout and stderr."""

    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """``vanban [--db DB] ARGS…`` run in this process through click's CliRunner.

    The root group reports errors itself (exit 1 refused, 2 bad input); any other exception
    is a defect and reaches the test with its traceback.
    """

    def __init__(self) -> None:
        from click.testing import CliRunner

        self._runner = CliRunner()

    def run(self, db: str | Path | None, *args: str, input: str | None = None) -> Ran:
        from vanban.cli import cli

        argv = (["--db", str(db)] if db is not None else []) + list(args)
        result = self._runner.invoke(cli, argv, input=input, catch_exceptions=False, prog_name="vanban")
        return Ran(result.exit_code, result.stdout, result.stderr)

    def ok(self, db: str | Path | None, *args: str, input: str | None = None) -> Ran:
        """Run a command that must succeed."""
        ran = self.run(db, *args, input=input)
        assert ran.code == 0, ran
        assert "Traceback" not in ran.out + ran.err
        return ran

    def ok_json(self, db: str | Path | None, *args: str) -> Any:
        """Run a command with --json that must succeed and print one JSON document, nothing on stderr."""
        ran = self.ok(db, "--json", *args)
        assert ran.err == "", ran.err
        return ran.json


@pytest.fixture(scope="session")
def cli() -> Cli:
    """The ``vanban`` command line, run in process (usable by session fixtures too)."""
    return Cli()
