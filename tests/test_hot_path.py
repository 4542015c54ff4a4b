"""The registration hot path: what it stores is what SQLAlchemy would store, it stays on the
driver connection, and on SQLite a thread keeps that connection between units of work.

store.prepared converts values with faster functions than SQLAlchemy's general processors
(dates, times, JSON, booleans) only where they give exactly the same value; a registration and a
receipt run their statements on the unit of work's driver connection, without building a
SQLAlchemy Connection. These tests pin both, the first for the three engines' dialects (no
server needed), the second on every engine under test.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.engine import Dialect

from vanban import Office
from vanban.domain.model import Direction, LinkKind
from vanban.errors import AmbiguousError, DuplicateError, NotFoundError
from vanban.store.engine import json_text
from vanban.store.prepared import Prepared
from vanban.store.tables import documents, events
from vanban.store.uow import UnitOfWork

DIALECTS = {
    # As make_engine configures them: named parameters and vanban's JSON text.
    "sqlite": lambda: sqlite.pysqlite.dialect(paramstyle="named", json_serializer=json_text),
    "postgresql": lambda: postgresql.psycopg.dialect(paramstyle="pyformat", json_serializer=json_text),
    "mariadb": lambda: mysql.pymysql.dialect(paramstyle="pyformat", json_serializer=json_text),
    # An engine an embedding application made itself: positional parameters, json.dumps.
    "sqlite (qmark, json.dumps)": sqlite.pysqlite.dialect,
    "mariadb (format, json.dumps)": mysql.pymysql.dialect,
}

DOCUMENT_ROWS: list[dict[str, Any]] = [
    {
        "date": date(2025, 9, 29),
        "deadline": date(999, 1, 2),
        "created_at": datetime(2025, 11, 24, 8, 5, 7),
        "recipients": ["Sở Nội vụ", "UBND các xã"],
        "reference_only": False,
    },
    {
        "date": date(2026, 12, 31),
        "deadline": None,
        "created_at": datetime(2026, 1, 2, 3, 4, 5, 60),
        "recipients": [],
        "reference_only": True,
    },
]
EVENT_DATA: list[Any] = [
    {},
    {"số": 90, "ký hiệu": "90/KH-UBND", "ngày": "2025-09-29", "n": [1, 2.5, None, True]},
    {"code": "516/SKHCN-TTTT", "from": "SKHCN"},
]


def sqlalchemy_params(dialect: Dialect, statement: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The values as SQLAlchemy's own bind processors convert them for ``dialect``."""
    compiled = statement.compile(dialect=dialect, column_keys=sorted(values))
    converted = {}
    for name, value in values.items():
        process = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        converted[name] = process(value) if process is not None and value is not None else value
    return converted


def as_mapping(compiled_names: tuple[str, ...], params: Any) -> dict[str, Any]:
    return dict(params) if isinstance(params, dict) else dict(zip(compiled_names, params, strict=True))


def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal values of the same types: the driver sends 1 and True differently."""
    return a.keys() == b.keys() and all(type(a[k]) is type(b[k]) and _plain(a[k]) == _plain(b[k]) for k in a)


def _plain(value: Any) -> Any:
    # psycopg's Json wrapper (SQLAlchemy's PostgreSQL JSON) compares by identity: compare what it wraps.
    return value.obj if type(value).__name__ == "Json" else value


@pytest.mark.parametrize("dialect_name", DIALECTS)
def test_a_document_row_is_converted_exactly_as_sqlalchemy_converts_it(dialect_name: str) -> None:
    dialect = DIALECTS[dialect_name]()
    prepared = Prepared(insert(documents))
    for row in DOCUMENT_ROWS:
        compiled = prepared._compiled(dialect, frozenset(row))
        ours = as_mapping(compiled.names, compiled.params(row))
        theirs = sqlalchemy_params(dialect, insert(documents), row)
        assert same({k: ours[k] for k in row}, theirs), (dialect_name, ours, theirs)


@pytest.mark.parametrize("dialect_name", DIALECTS)
def test_event_data_and_times_are_converted_exactly_as_sqlalchemy_converts_them(dialect_name: str) -> None:
    dialect = DIALECTS[dialect_name]()
    prepared = Prepared(insert(events))
    at = datetime(2025, 11, 24, 8, 0, 0)
    for data in EVENT_DATA:
        row = {"at": at, "data": data}
        compiled = prepared._compiled(dialect, frozenset(row))
        ours = as_mapping(compiled.names, compiled.params(row))
        assert same(ours, sqlalchemy_params(dialect, insert(events), row)), (dialect_name, data)


def test_postgresql_keeps_its_booleans_where_sqlite_stores_integers() -> None:
    row = {"reference_only": True}
    for name, expected in (("postgresql", True), ("sqlite", 1)):
        compiled = Prepared(insert(documents))._compiled(DIALECTS[name](), frozenset(row))
        value = as_mapping(compiled.names, compiled.params(row))["reference_only"]
        assert (type(value), value) == (type(expected), expected)


def test_a_time_formatted_once_is_not_given_back_for_another_time() -> None:
    compiled = Prepared(insert(events))._compiled(DIALECTS["sqlite"](), frozenset({"at"}))
    first, second = datetime(2025, 1, 1, 7, 0, 0), datetime(2025, 1, 1, 7, 0, 1)
    texts = [
        as_mapping(compiled.names, compiled.params({"at": t}))["at"] for t in (first, first, second, first)
    ]
    assert texts == [
        "2025-01-01 07:00:00.000000",
        "2025-01-01 07:00:00.000000",
        "2025-01-01 07:00:01.000000",
        "2025-01-01 07:00:00.000000",
    ]


@pytest.fixture
def no_sqlalchemy_connection(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record (and refuse) every unit of work that asks for a SQLAlchemy Connection."""
    asked: list[str] = []

    def refuse(self: UnitOfWork) -> None:
        asked.append("uow.conn")
        raise AssertionError("the hot path asked for a SQLAlchemy Connection")

    monkeypatch.setattr(UnitOfWork, "conn", property(refuse))
    yield asked


@pytest.mark.db
def test_registering_and_receiving_run_on_the_driver_connection_alone(
    office: Office, no_sqlalchemy_connection: list[str]
) -> None:
    plan = office.register(
        "KH", subject="Kế hoạch hưởng ứng", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
    )
    letter = office.register(
        "CV", unit="VHXH", subject="Triển khai", on=date(2025, 9, 30), signer="Nguyễn Phúc Công"
    )
    received = office.receive(
        "516/SKHCN-TTTT", sender="SKHCN", on=date(2025, 11, 12), arrived=date(2025, 11, 13), subject="Báo cáo"
    )
    assert (plan.code, letter.code, received.arrival_number) == ("01/KH-UBND", "01/UBND-VHXH", 1)
    assert no_sqlalchemy_connection == []


@pytest.mark.db
def test_a_registration_reads_back_as_it_was_returned(office: Office) -> None:
    """The Document a registration returns is built from its values, not read back: it must be
    the one the database then gives."""
    from vanban.domain.integrity import plain, record_of

    plan = office.register(
        "KH",
        subject="Kế hoạch",
        on=date(2025, 9, 29),
        recipients=["Sở Nội vụ"],
        deadline=date(2025, 10, 15),
        signer="Nguyễn Phúc Công",
    )
    received = office.receive(
        "12/TB-SKHCN", sender="SKHCN", on=date(2025, 10, 1), arrived=date(2025, 10, 2), subject="Thông báo"
    )
    for doc in (plan, received):
        assert office.get(doc.id) == doc
    assert [e.data for e in office.history(plan.id)] == [
        {"type": "KH", "subject": "Kế hoạch"},
        {
            "number": 1,
            "year": 2025,
            "series_key": "KH",
            "notation": "KH-UBND",
            "code": "01/KH-UBND",
            "date": "2025-09-29",
            # The record sealed into the hash chain is the document as returned.
            "record": plain(record_of(plan)),
        },
    ]


def test_a_thread_keeps_its_sqlite_connection_between_units_of_work(tmp_path: Path) -> None:
    office = Office.init(tmp_path / "xa.sqlite", org="UBND", name="UBND xã", place="Phú Thái", login="vanthu")
    try:
        seen = []
        for _ in range(3):
            with UnitOfWork(office.engine) as uow:
                seen.append(uow.driver.dbapi)
                uow.commit()
        assert seen[0] is seen[1] is seen[2]
        with UnitOfWork(office.engine) as outer, UnitOfWork(office.engine, read_only=True) as inner:
            # A unit of work begun inside another cannot share its transaction: it has its own.
            assert inner.driver.dbapi is not outer.driver.dbapi
            inner.commit()
            outer.commit()
        # Only the thread's spare stays out of the pool: the inner unit of work's went back.
        assert office.engine.pool.checkedout() == 1
    finally:
        pool = office.engine.pool
        office.close()
    assert pool.checkedout() == 0  # closing the office gave the spare back before disposing


def test_a_unit_of_work_that_used_sqlalchemy_returns_its_connection_to_the_pool(tmp_path: Path) -> None:
    office = Office.init(tmp_path / "xa.sqlite", org="UBND", name="UBND xã", place="Phú Thái", login="vanthu")
    try:
        with UnitOfWork(office.engine, read_only=True) as uow:
            assert uow.conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() == 0
        assert office.engine.pool.checkedout() == 0  # a Connection's close gave it back
        plan = office.register("KH", subject="Kế hoạch", on=date(2025, 9, 29), signer="Nguyễn Phúc Công")
        assert plan.code == "01/KH-UBND"
    finally:
        office.close()


def test_threads_never_share_a_connection(tmp_path: Path) -> None:
    office = Office.init(tmp_path / "xa.sqlite", org="UBND", name="UBND xã", place="Phú Thái", login="vanthu")
    in_use: set[int] = set()
    shared: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(4)

    def clerk(name: str) -> None:
        start.wait()
        for i in range(20):
            with UnitOfWork(office.engine, read_only=True) as uow:
                connection = id(uow.driver.dbapi)
                with lock:
                    if connection in in_use:
                        shared.append(name)
                    in_use.add(connection)
                office.register(
                    "KH", subject=f"{name} {i}", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
                )  # another, meanwhile
                with lock:
                    in_use.discard(connection)

    try:
        threads = [threading.Thread(target=clerk, args=(f"clerk {n}",)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert shared == []
        numbers = sorted(d.number or 0 for d in office.documents(type_key="KH"))
        assert numbers == list(range(1, 81))
    finally:
        office.close()


@pytest.mark.db
def test_a_sender_is_found_by_code_name_or_id_with_the_clerk_in_one_lookup(office: Office) -> None:
    sender = next(org for org in office.orgs() if org.code == "SKHCN")
    on, arrived = date(2025, 10, 1), date(2025, 10, 2)
    for n, text in enumerate(("skhcn", "Sở Khoa học và Công nghệ thành phố Hải Phòng", f"#{sender.id}"), 1):
        doc = office.receive(f"{n}/TB-SKHCN", sender=text, on=on, arrived=arrived, subject="Thông báo")
        assert (doc.issuer_id, doc.arrival_number) == (sender.id, n)
    with pytest.raises(NotFoundError, match="Không có cơ quan «SNV»"):
        office.receive("9/TB-SNV", sender="SNV", on=on, arrived=arrived, subject="Thông báo")
    office.add_org("SKHCN", "Sở Khoa học và Công nghệ tỉnh Khác")
    with pytest.raises(AmbiguousError, match="Có nhiều cơ quan «SKHCN»"):
        office.receive("10/TB-SKHCN", sender="SKHCN", on=on, arrived=arrived, subject="Thông báo")
    assert [d.arrival_number for d in office.documents(direction=Direction.IN)] == [1, 2, 3]


@pytest.mark.db
def test_a_sender_is_found_by_its_ma_dinh_danh_among_many_organizations(office: Office) -> None:
    for i in range(40):
        office.add_org(f"S{i}", f"Sở thứ {i}", madinhdanh=f"000.00.{i:02d}.H30")
    on, arrived = date(2025, 10, 1), date(2025, 10, 2)
    found = office.receive("7/TB-S17", sender="000.00.17.H30", on=on, arrived=arrived, subject="Thông báo")
    assert found.issuer_code == "S17"


def test_a_sender_is_found_through_indexes_however_many_organizations_there_are(tmp_path: Path) -> None:
    # A city's register knows hundreds of bodies; reading them all on every receipt cost more
    # than the receipt itself. SQLite's own statistics (ANALYZE) must not undo the indexes.
    from sqlalchemy.dialects import sqlite as sqlite_dialect

    from vanban.store.orgs import _FIND_ORG, _USER_AND_SENDER

    path = tmp_path / "tp.sqlite"
    office = Office.init(path, org="UBND", name="UBND thành phố", place="Hải Phòng", login="vanthu")
    for i in range(300):
        office.add_org(f"CQ{i}", f"Cơ quan thứ {i}")
    office.add_org("SNV", "Sở Nội vụ", madinhdanh="000.00.01.H30")
    office.close()
    dialect = sqlite_dialect.pysqlite.dialect(paramstyle="named")
    with sqlite3.connect(path) as conn:
        conn.execute("ANALYZE")
        for statement in (_USER_AND_SENDER, _FIND_ORG):
            compiled = statement._compiled(dialect, None)
            values = {"login": "vanthu", "upper": "SNV", "exact": "snv", "code": "1/SNV", "year": 2025}
            values.update(compiled.literals)
            plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {compiled.sql}", values)]
            # (With one user, reading the users table is the planner's right choice; so with one
            # office is reading its one chain head.)
            tiny = ("SCAN users", "SCAN chain_heads LEFT-JOIN")
            scans = [step for step in plan if step.startswith("SCAN") and step not in tiny]
            assert not scans, plan
            assert any("ix_organizations_madinhdanh" in step for step in plan), plan
            assert conn.execute(compiled.sql, values).fetchall()


@pytest.mark.db
def test_a_code_cited_before_it_arrives_is_upgraded_not_duplicated(office: Office) -> None:
    plan = office.register("KH", subject="Kế hoạch", on=date(2025, 10, 3), signer="Nguyễn Phúc Công")
    office.link(plan.id, "516/SKHCN-TTTT", LinkKind.IMPLEMENTS)
    cited = office.get("516/SKHCN-TTTT")
    received = office.receive(
        "516/SKHCN-TTTT", sender="SKHCN", on=date(2025, 11, 12), arrived=date(2025, 11, 13), subject="Báo cáo"
    )
    assert (received.id, received.reference_only, received.arrival_number) == (cited.id, False, 1)
    with pytest.raises(DuplicateError):
        office.receive(
            "516/SKHCN-TTTT", sender="SKHCN", on=date(2025, 11, 12), arrived=date(2025, 11, 14), subject="Lại"
        )
