"""A register's listing with the common filters runs a statement made once per shape, through the
driver (store.documents.prepared_listing); it gives exactly the documents the statement built for
the filter gives, in the same order, with the same values of the same types. On every engine
under test.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from vanban import Office
from vanban.domain.model import Direction, Document
from vanban.office.queries import DocumentFilter
from vanban.store.documents import listing, listing_values, to_document
from vanban.store.uow import UnitOfWork

OUT, IN = Direction.OUT, Direction.IN


@pytest.fixture
def register(office: Office) -> Office:
    """Mail over two years: plans and notices issued (some by a unit), letters received (one
    dated in 2024 and arriving in 2025), and two codes cited but not held (references only)."""
    for day in (30, 31):
        office.register("KH", subject="Kế hoạch cuối năm", on=date(2024, 12, day), signer="Nguyễn Phúc Công")
    office.receive(
        "90/CV-SKHCN",
        sender="SKHCN",
        on=date(2024, 12, 31),
        arrived=date(2025, 1, 2),
        subject="Công văn cuối năm",
    )
    for day in range(1, 8):
        office.register("KH", subject="Kế hoạch", on=date(2025, 2, day), signer="Nguyễn Phúc Công")
        office.register(
            "TB", subject="Thông báo", on=date(2025, 2, day), unit="VHXH", signer="Nguyễn Phúc Công"
        )
        office.receive(
            f"{day}/CV-SKHCN",
            sender="SKHCN",
            on=date(2025, 2, day),
            arrived=date(2025, 2, day + 1),
            subject="Công văn",
        )
    # Codes cited but not held: reference-only documents.
    office.link("02/TB-UBND", "45/QĐ-SKHCN", "based_on")
    office.link("3/CV-SKHCN", "12/KH-SKHCN", "based_on")
    return office


def _held(office: Office) -> int:
    return len(office.documents())


def _exactly(docs: list[Document]) -> list[list[tuple[type, Any]]]:
    """Each document's values with their types: equal values are not enough (1 == True, yet a
    Document holds a bool, never the driver's int)."""
    return [[(type(v), v) for v in (getattr(d, f.name) for f in dataclasses.fields(d))] for d in docs]


def _both(office: Office, office_id: int, flt: DocumentFilter) -> tuple[list[Document], list[Document]]:
    """(the built statement's documents, the listing's) in one read-only transaction."""
    with UnitOfWork(office.engine, read_only=True) as uow:
        # The repository first: a signer filter gives SQLite's connection the folding it needs.
        listed = uow.documents.list(office_id, flt)
        built = [to_document(row) for row in uow.conn.execute(listing(office_id, flt))]
    return built, listed


SHAPES = [
    DocumentFilter(),
    DocumentFilter(include_references=True),
    DocumentFilter(direction=OUT),
    DocumentFilter(direction=IN),
    DocumentFilter(direction=OUT, year=2025),
    DocumentFilter(direction=OUT, year=2024),
    DocumentFilter(direction=IN, year=2025),  # the letter of 2024 arrived in 2025
    DocumentFilter(year=2026),
    DocumentFilter(direction=OUT, type_key="KH"),
    DocumentFilter(direction=OUT, type_key="TB", include_references=True),
    DocumentFilter(type_key="QD"),
    DocumentFilter(direction=IN, status="registered"),
    DocumentFilter(status="issued", unit="VHXH"),
    DocumentFilter(unit="KHONG"),
    DocumentFilter(direction=OUT, date_from=date(2025, 2, 3)),
    DocumentFilter(date_to=date(2025, 2, 3)),
    DocumentFilter(direction=IN, date_from=date(2025, 2, 3), date_to=date(2025, 2, 3)),
    DocumentFilter(date_from=date(2025, 2, 4), date_to=date(2025, 2, 3)),
    DocumentFilter(
        direction=OUT,
        year=2025,
        type_key="TB",
        status="issued",
        unit="VHXH",
        date_from=date(2025, 2, 2),
        date_to=date(2025, 2, 6),
        include_references=True,
    ),
    # Empty values are no filter, on both paths.
    DocumentFilter(type_key="", status="", unit="", year=0),
]


@pytest.mark.parametrize("shape", SHAPES, ids=[f"shape{i}" for i in range(len(SHAPES))])
def test_the_prepared_listing_gives_what_the_built_statement_gives(
    register: Office, shape: DocumentFilter
) -> None:
    office_id = register.office().id
    held = _held(register)
    for limit in (None, 0, 1, 2, 7, held - 1, held, held + 1, 500):
        flt = dataclasses.replace(shape, limit=limit)
        assert listing_values(office_id, flt) is not None  # the prepared path, not the built one
        built, listed = _both(register, office_id, flt)
        assert _exactly(listed) == _exactly(built), (flt, [d.code for d in built], [d.code for d in listed])
        if limit:
            assert len(listed) <= limit


def test_the_shapes_find_documents(register: Office) -> None:
    """The comparisons above are of real pages: most shapes find some documents, none too many."""
    office_id = register.office().id
    found = [len(_both(register, office_id, shape)[1]) for shape in SHAPES]
    assert found == [24, 26, 16, 8, 14, 2, 8, 0, 9, 7, 0, 8, 7, 0, 10, 12, 1, 0, 5, 24]


def test_another_office_lists_nothing(register: Office) -> None:
    office_id = register.office().id
    stranger = register.orgs()[-1].id  # an organization holding no document
    assert stranger != office_id
    for flt in (DocumentFilter(), DocumentFilter(direction=OUT, year=2025, limit=51)):
        assert _both(register, stranger, flt) == ([], [])


def test_an_empty_register_lists_nothing(office: Office) -> None:
    office_id = office.office().id
    for flt in SHAPES:
        assert _both(office, office_id, dataclasses.replace(flt, limit=51)) == ([], [])


@pytest.mark.parametrize(
    "flt",
    [
        DocumentFilter(issuer_ids=(0,), direction=IN),
        DocumentFilter(signer="Công", limit=3),
        DocumentFilter(deadline_before=date(2026, 1, 1)),
        DocumentFilter(overdue_on=date(2026, 1, 1), open_states=(("directive", ("issued",)),)),
    ],
    ids=["sender", "signer", "deadline", "overdue"],
)
def test_the_other_filters_run_the_built_statement(register: Office, flt: DocumentFilter) -> None:
    office_id = register.office().id
    assert listing_values(office_id, flt) is None
    built, listed = _both(register, office_id, flt)
    assert _exactly(listed) == _exactly(built)
