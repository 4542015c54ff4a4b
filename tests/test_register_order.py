"""A register listed in its book's order is read from its index (migration 0014): outgoing before
incoming, then by date and number, the first page without every document of the office sorted.
On every engine under test: SQLite's and MariaDB's plans are read as the engine chooses them;
PostgreSQL chooses by its statistics (a few hundred rows are cheaper to sort there), so it is
asked for a plan without a sort, which only the index can give. The figures at 1,000,000
documents are in bench/README.md.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from vanban import Office
from vanban.domain.model import Direction
from vanban.office.queries import DocumentFilter
from vanban.store.documents import listing, listing_values, prepared_listing

INDEX = "ix_documents_office_register"


@pytest.fixture
def register(office: Office) -> Office:
    """The office with 28 days of mail: four plans issued and one letter received a day."""
    office.add_org("SNV", "Sở Nội vụ")
    for day in range(1, 29):
        for _ in range(4):
            office.register("KH", subject="Kế hoạch", on=date(2025, 2, day), signer="Nguyễn Phúc Công")
        office.receive(
            f"{day}/CV-SNV",
            sender="SNV",
            on=date(2025, 2, day),
            arrived=date(2025, 2, day),
            subject="Công văn",
        )
    return office


def test_the_register_lists_outgoing_then_incoming_each_by_date_and_number(register: Office) -> None:
    listed = register.documents()
    outgoing = [d for d in listed if d.direction is Direction.OUT]
    assert listed[: len(outgoing)] == outgoing
    assert [(d.date, d.number) for d in outgoing] == sorted((d.date, d.number) for d in outgoing)
    assert [d.number for d in register.documents(limit=3)] == [1, 2, 3]
    assert [d.code for d in register.documents(direction="in", limit=2)] == ["01/CV-SNV", "02/CV-SNV"]
    assert register.documents(direction="out", limit=5) == outgoing[:5]


def _plan(conn: Any, sql: str, params: Any = None) -> str:
    """The engine's plan of ``sql`` (with the driver's ``params``, if any) as one text: what it
    reads, and whether it sorts."""
    engine = conn.dialect.name
    args = () if params is None else (params,)
    if engine == "sqlite":
        return " | ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", *args))
    if engine == "postgresql":
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql("SET LOCAL enable_sort = off")
        (plan,) = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}", *args).one()
        return json.dumps(plan if isinstance(plan, list) else json.loads(plan))
    return " | ".join(f"{row[2]} {row[5]} {row[9]}" for row in conn.exec_driver_sql(f"EXPLAIN {sql}", *args))


def _analyzed(conn: Any) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("ANALYZE")
    elif conn.dialect.name != "postgresql":
        conn.exec_driver_sql("ANALYZE TABLE documents, organizations")


def _from_the_index(conn: Any, plan: str, flt: DocumentFilter) -> None:
    if conn.dialect.name not in ("sqlite", "postgresql") and flt.status:
        # MariaDB weighs this index against the status index (office, workflow, status,
        # type), which finds just the documents in that status to sort: either is right.
        return
    assert INDEX in plan, plan
    assert not any(sort in plan for sort in ("TEMP B-TREE", "filesort", '"Sort"')), plan


FIRST_PAGES = [
    DocumentFilter(limit=51),
    DocumentFilter(limit=51, direction=Direction.OUT),
    DocumentFilter(limit=51, direction=Direction.IN, type_key="CV", status="registered"),
    DocumentFilter(limit=51, direction=Direction.OUT, date_from=date(2025, 2, 10)),
    DocumentFilter(limit=51, direction=Direction.OUT, year=2025),
]
PAGE_IDS = [
    "everything",
    "outgoing",
    "incoming letters registered",
    "outgoing from a date",
    "outgoing of a year",
]


@pytest.mark.parametrize("flt", FIRST_PAGES, ids=PAGE_IDS)
def test_a_first_page_is_read_from_the_register_index_not_sorted(
    register: Office, flt: DocumentFilter
) -> None:
    office_id = register.office().id
    with register.engine.begin() as conn:
        _analyzed(conn)
        statement = listing(office_id, flt)
        sql = str(statement.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = _plan(conn, sql)
        assert conn.execute(text(sql)).fetchall()
        _from_the_index(conn, plan, flt)


@pytest.mark.parametrize("flt", FIRST_PAGES, ids=PAGE_IDS)
def test_the_prepared_first_page_is_read_from_the_register_index_too(
    register: Office, flt: DocumentFilter
) -> None:
    """The statement ``Office.documents`` runs for these filters (made once, its values given to
    the driver as parameters), planned with those parameters."""
    office_id = register.office().id
    values = listing_values(office_id, flt)
    assert values is not None
    with register.engine.begin() as conn:
        _analyzed(conn)
        compiled = prepared_listing(flt, values).prepared._compiled(conn.dialect, None)
        params = compiled.params(values)
        plan = _plan(conn, compiled.sql, params)
        assert conn.exec_driver_sql(compiled.sql, params).fetchall()
        _from_the_index(conn, plan, flt)
