"""A register listed in its book's order is read from its index (migration 0014): outgoing before
incoming, then by date and number, the first page without every document of the office sorted.

The plan is checked on SQLite, whose planner answers the same way at any size; PostgreSQL and
MariaDB choose by their statistics (a sort of a few hundred rows is cheaper than the index there),
so their figures are in bench/README.md (the register's first page at 1,000,000 documents).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.dialects import sqlite as sqlite_dialect

from vanban import Office
from vanban.domain.model import Direction
from vanban.office.queries import DocumentFilter
from vanban.store.documents import listing


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "xa.sqlite"
    office = Office.init(
        path, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu"
    )
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
    office.close()
    with sqlite3.connect(path) as conn:
        conn.execute("ANALYZE")
    return path


def test_the_register_lists_outgoing_then_incoming_each_by_date_and_number(register: Path) -> None:
    office = Office(register, user="vanthu")
    listed = office.documents()
    outgoing = [d for d in listed if d.direction is Direction.OUT]
    assert listed[: len(outgoing)] == outgoing
    assert [(d.date, d.number) for d in outgoing] == sorted((d.date, d.number) for d in outgoing)
    assert [d.number for d in office.documents(limit=3)] == [1, 2, 3]
    assert [d.code for d in office.documents(direction="in", limit=2)] == ["01/CV-SNV", "02/CV-SNV"]


@pytest.mark.parametrize(
    "flt",
    [
        DocumentFilter(limit=51),
        DocumentFilter(limit=51, direction=Direction.OUT),
        DocumentFilter(limit=51, direction=Direction.IN, type_key="CV", status="registered"),
        DocumentFilter(limit=51, direction=Direction.OUT, date_from=date(2025, 2, 10)),
    ],
    ids=["everything", "outgoing", "incoming letters registered", "outgoing from a date"],
)
def test_a_first_page_is_read_from_the_register_index_not_sorted(register: Path, flt: DocumentFilter) -> None:
    compiled = listing(1, flt).compile(
        dialect=sqlite_dialect.pysqlite.dialect(paramstyle="named"),
        compile_kwargs={"render_postcompile": True},
    )
    with sqlite3.connect(register) as conn:
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {compiled}", compiled.params)]
        assert any("ix_documents_office_register" in step for step in plan), plan
        assert not any("TEMP B-TREE" in step for step in plan), plan
        assert len(conn.execute(str(compiled), compiled.params).fetchall()) > 0
