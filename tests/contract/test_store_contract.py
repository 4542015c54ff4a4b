"""The store contract: what any store behind ``office.ports`` must do, stated once and run on
every engine (the ``db_url`` fixture: SQLite always, PostgreSQL and MariaDB when named).

The tests speak only the ports' language (units of work, repositories, read models, records);
the store under test is the one ``office.bootstrap`` wires.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from vanban.domain.codes import parse_code
from vanban.domain.figures import Figure
from vanban.domain.model import Direction, LinkKind, Organization, Role, SeriesState, Urgency
from vanban.domain.records import Arrival, EventRecord, NewDocument, Numbered, Signature
from vanban.errors import DuplicateError
from vanban.office.bootstrap import sql_store
from vanban.office.ports import DOWN, UP, Store, UnitOfWork
from vanban.office.queries import DocumentFilter, StatusFilter

pytestmark = pytest.mark.db


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    found = sql_store(db_url)
    yield found
    found.close()


@pytest.fixture
def own(store: Store) -> Organization:
    """The office the documents belong to, committed."""
    with store.unit_of_work() as uow:
        org = uow.orgs.add("UBND", "Ủy ban nhân dân xã Phú Thái", place="Phú Thái", own=True)
        uow.commit()
    return org


def draft(office: Organization, subject: str = "Kế hoạch", **given: Any) -> NewDocument:
    """An outgoing plan, drafted (or issued, given ``numbered``)."""
    status = "issued" if given.get("numbered") else "drafted"
    return NewDocument.outgoing(
        office=office, type_key="KH", subject=subject, status=status, workflow="directive", **given
    )


def issued(office: Organization, number: int, on: date, subject: str = "Kế hoạch") -> NewDocument:
    code = f"{number:02d}/KH-UBND"
    return draft(office, subject, numbered=Numbered(number, on.year, "KH", "KH-UBND", code, on))


def add(store: Store, *news: NewDocument) -> list[int]:
    with store.unit_of_work() as uow:
        ids = [uow.documents.add(new) for new in news]
        uow.commit()
    return ids


# ---------------------------------------------------------------------------------------------
# The unit of work


def test_the_store_is_at_the_schema_version_vanban_needs(store: Store) -> None:
    assert store.revision() == store.head


def test_what_a_unit_of_work_commits_the_next_one_sees(store: Store, own: Organization) -> None:
    (doc_id,) = add(store, draft(own))
    with store.unit_of_work(read_only=True) as uow:
        found = uow.documents.get(doc_id)
    assert found is not None and found.subject == "Kế hoạch"


def test_a_unit_of_work_left_without_commit_leaves_nothing(store: Store, own: Organization) -> None:
    with store.unit_of_work() as uow:
        doc_id = uow.documents.add(draft(own))
        uow.events.add(EventRecord(own.id, "vanthu", "create", doc_id))
        uow.orgs.add("SKHCN", "Sở Khoa học và Công nghệ")
    with store.unit_of_work(read_only=True) as uow:
        assert uow.documents.get(doc_id) is None
        assert uow.events.for_office(own.id) == []
        assert uow.orgs.find("SKHCN") == []


def test_an_error_inside_a_unit_of_work_rolls_everything_back(store: Store, own: Organization) -> None:
    with pytest.raises(ZeroDivisionError), store.unit_of_work() as uow:
        uow.units.add(own.id, "VHXH", "Văn hóa - Xã hội")
        _ = 1 / 0
    with store.unit_of_work(read_only=True) as uow:
        assert uow.units.list(own.id) == []


def test_a_unit_of_work_has_one_time_for_all_it_writes(store: Store, own: Organization) -> None:
    with store.unit_of_work() as uow:
        now = uow.now
        doc_id = uow.documents.add(draft(own))
        uow.events.add(EventRecord(own.id, "vanthu", "create", doc_id))
        uow.events.add(EventRecord(own.id, "vanthu", "edit", doc_id))
        assert uow.now == now
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        doc = uow.documents.get(doc_id)
        assert doc is not None and doc.created_at == now
        assert [e.at for e in uow.events.for_document(doc_id)] == [now, now]


# ---------------------------------------------------------------------------------------------
# Repositories round-trip


def test_organizations_are_found_by_code_in_any_case_by_name_and_by_madinhdanh(store: Store) -> None:
    with store.unit_of_work() as uow:
        org = uow.orgs.add(
            "SKHCN", "Sở Khoa học và Công nghệ", parent_name="UBND thành phố", madinhdanh="000.00.00.H30"
        )
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        assert uow.orgs.get(org.id) == org
        assert uow.orgs.find("skhcn") == [org]
        assert uow.orgs.find("Sở Khoa học và Công nghệ") == [org]
        assert uow.orgs.find("000.00.00.H30") == [org]
        assert uow.orgs.find(f"#{org.id}") == [org]
        assert uow.orgs.by_code_and_name("SKHCN", "Sở Khoa học và Công nghệ") == org
        assert uow.orgs.list(own=False) == [org]


def test_the_numbering_policy_of_an_office_is_kept(store: Store, own: Organization) -> None:
    with store.unit_of_work() as uow:
        uow.orgs.set_numbering(own.id, "shared")
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        office = uow.orgs.get(own.id)
    assert office is not None and office.numbering == "shared"


def test_units_and_users_round_trip(store: Store, own: Organization) -> None:
    with store.unit_of_work() as uow:
        unit = uow.units.add(own.id, "VHXH", "Văn hóa - Xã hội")
        clerk = uow.users.add("vanthu", "Trần Thị Văn Thư", [Role.VAN_THU, Role.QUAN_TRI], own.id)
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        assert uow.units.get(own.id, "vhxh") == unit
        assert uow.units.list(own.id) == [unit]
        assert uow.users.get("vanthu") == clerk
        assert clerk.roles == frozenset({Role.VAN_THU, Role.QUAN_TRI})
        assert uow.users.with_office("vanthu") == (clerk, own)
        assert uow.users.with_office(None) == (clerk, own)  # the first admin
        assert uow.users.list(own.id) == [clerk]
        assert uow.users.with_office("khong_co") is None


@pytest.mark.parametrize("kind", ["draft", "issued", "received", "citation"])
def test_a_new_document_reads_back_as_the_record_says(store: Store, own: Organization, kind: str) -> None:
    with store.unit_of_work() as uow:
        sender = uow.orgs.add("SKHCN", "Sở Khoa học và Công nghệ")
        now = uow.now
        code = parse_code("516/SKHCN-TTTT")
        new = {
            "draft": draft(
                own,
                recipients=["Sở Nội vụ", "UBND các xã"],
                urgency=Urgency.KHAN,
                deadline=date(2025, 10, 15),
                body="Nội dung",
                created_at=now,
            ),
            "issued": NewDocument.outgoing(
                office=own,
                type_key="QĐ",
                subject="Quyết định",
                status="issued",
                workflow="directive",
                signature=Signature("Nguyễn Phúc Công", "Chủ tịch", "TM."),
                numbered=Numbered(3, 2025, "QĐ", "QĐ-UBND", "03/QĐ-UBND", date(2025, 9, 29)),
                created_at=now,
            ),
            "received": NewDocument.incoming(
                office_id=own.id,
                sender_id=sender.id,
                code=code,
                year=2025,
                type_key="CV",
                subject="Báo cáo kết quả",
                date=date(2025, 11, 12),
                status="registered",
                workflow="incoming",
                arrival=Arrival(1, 2025, date(2025, 11, 13)),
                signature=Signature(signer_name="Nguyễn Văn A"),
                created_at=now,
            ),
            "citation": NewDocument.citation(
                office_id=own.id, issuer_id=sender.id, code=code, on=date(2025, 11, 12)
            ),
        }[kind]
        doc_id = uow.documents.add(new)
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        found = uow.documents.get(doc_id)
    issuer = own if new.issuer_id == own.id else sender
    expected = new.document(doc_id, issuer)
    if new.created_at is None:  # the store's own time
        assert found is not None and found.created_at is not None
        expected.created_at = found.created_at
    assert found == expected


def test_a_reference_becomes_the_document_in_place(store: Store, own: Organization) -> None:
    code = parse_code("30/2020/NĐ-CP")
    with store.unit_of_work() as uow:
        gov = uow.orgs.add("CP", "Chính phủ")
        cited = NewDocument.citation(office_id=own.id, issuer_id=gov.id, code=code, on=None)
        doc_id = uow.documents.add(cited)
        uow.commit()
    with store.unit_of_work() as uow:
        before = uow.documents.get(doc_id)
        held = NewDocument.incoming(
            office_id=own.id,
            sender_id=gov.id,
            code=code,
            year=2020,
            type_key="NĐ",
            subject="Về công tác văn thư",
            date=date(2020, 3, 5),
            status="received",
            workflow="incoming",
        )
        uow.documents.replace(doc_id, held)
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        after = uow.documents.get(doc_id)
    assert before is not None and after is not None
    assert (after.reference_only, after.subject, after.status, after.year) == (
        False,
        "Về công tác văn thư",
        "received",
        2020,
    )
    assert after.created_at == before.created_at  # a reference keeps the time it entered


def test_documents_are_found_by_code_and_listed_by_filter(store: Store, own: Organization) -> None:
    first, second, _ = add(
        store, issued(own, 1, date(2025, 9, 29)), issued(own, 2, date(2025, 10, 1)), draft(own)
    )
    with store.unit_of_work() as uow:
        uow.documents.move(second, "in_progress")
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        assert [d.id for d in uow.documents.by_code(own.id, "02/KH-UBND")] == [second]
        assert [d.id for d in uow.documents.by_code(own.id, "02/KH-UBND", 2024)] == []
        held = uow.documents.held_or_cited(own.id, own.id, 2025, "01/KH-UBND")
        assert held is not None and held.id == first
        assert uow.documents.held_or_cited(own.id, own.id, 2026, "01/KH-UBND") is None
        listed = uow.documents.list(own.id, DocumentFilter(status="in_progress"))
        assert [d.id for d in listed] == [second]
        assert len(uow.documents.list(own.id, DocumentFilter(type_key="KH", year=2025))) == 2
        assert uow.documents.max_number(own.id, 2025, "KH") == 2
        period = uow.documents.in_period(own.id, Direction.OUT, date(2025, 9, 30), date(2025, 12, 31))
        assert [d.id for d in period] == [second]
        assert set(uow.documents.get_many([first, second, 10_000])) == {first, second}


# ---------------------------------------------------------------------------------------------
# Counters


def test_a_series_has_no_counter_until_it_is_created(store: Store, own: Organization) -> None:
    with store.unit_of_work() as uow:
        assert uow.series.take(own.id, 2025, "KH", date(2025, 1, 2)) is None
        assert uow.series.lock(own.id, 2025, "KH") is None


def test_numbers_are_gap_free_and_follow_the_date_order(store: Store, own: Organization) -> None:
    with store.unit_of_work() as uow:
        uow.series.create(own.id, 2025, "KH")
        uow.commit()
    with store.unit_of_work() as uow:
        taken = [uow.series.take(own.id, 2025, "KH", date(2025, 3, day)) for day in (1, 1, 4)]
        uow.commit()
    assert taken == [1, 2, 3]
    with store.unit_of_work() as uow:
        refused = uow.series.take(own.id, 2025, "KH", date(2025, 3, 2))
        uow.commit()
    assert refused == SeriesState(own.id, 2025, "KH", 3, date(2025, 3, 4))
    with store.unit_of_work(read_only=True) as uow:
        assert uow.series.list(own.id, 2025) == [SeriesState(own.id, 2025, "KH", 3, date(2025, 3, 4))]


def test_a_number_taken_in_a_rolled_back_unit_of_work_is_given_again(store: Store, own: Organization) -> None:
    with store.unit_of_work() as uow:
        uow.series.create(own.id, 2025, "KH")
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.series.take(own.id, 2025, "KH", date(2025, 3, 1)) == 1
    with store.unit_of_work() as uow:
        assert uow.series.take(own.id, 2025, "KH", date(2025, 3, 1)) == 1


def test_a_series_can_be_set_to_continue_and_advanced(store: Store, own: Organization) -> None:
    with store.unit_of_work() as uow:
        uow.series.create(own.id, 2025, "KH")
        uow.series.set_last(own.id, 2025, "KH", 89)
        assert uow.series.take(own.id, 2025, "KH", date(2025, 9, 29)) == 90
        uow.series.advance(own.id, 2025, "KH", 120, date(2025, 10, 2))
        assert uow.series.lock(own.id, 2025, "KH") == SeriesState(own.id, 2025, "KH", 120, date(2025, 10, 2))
        uow.commit()


# ---------------------------------------------------------------------------------------------
# Events


def test_events_are_kept_in_order_with_their_data(store: Store, own: Organization) -> None:
    (doc_id,) = add(store, draft(own))
    with store.unit_of_work() as uow:
        uow.events.add(EventRecord(own.id, "vanthu", "create", doc_id, None, "drafted", data={"type": "KH"}))
        uow.events.add(
            EventRecord(
                own.id, "vanthu", "issue", doc_id, "drafted", "issued", "Ký", {"số": 90, "n": [1, 2.5]}
            )
        )
        uow.events.add(EventRecord(own.id, "vanthu", "series_set"))
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        history = uow.events.for_document(doc_id)
        office_only = uow.events.for_office(own.id, documentless=True)
    assert [(e.trigger, e.from_state, e.to_state, e.note, e.data) for e in history] == [
        ("create", None, "drafted", None, {"type": "KH"}),
        ("issue", "drafted", "issued", "Ký", {"số": 90, "n": [1, 2.5]}),
    ]
    assert [(e.trigger, e.document_id, e.data) for e in office_only] == [("series_set", None, {})]


def test_events_can_only_be_added(store: Store) -> None:
    with store.unit_of_work(read_only=True) as uow:
        events = uow.events
        assert not any(hasattr(events, name) for name in ("update", "delete", "remove", "replace"))


# ---------------------------------------------------------------------------------------------
# Conflicts


def test_a_code_held_twice_is_a_duplicate(store: Store, own: Organization) -> None:
    add(store, issued(own, 1, date(2025, 9, 29)))
    with pytest.raises(Exception) as caught, store.unit_of_work() as uow:
        again = draft(own, numbered=Numbered(1, 2025, "KH-bis", "KH-UBND", "01/KH-UBND", date(2025, 9, 29)))
        uow.documents.add(again)
        uow.commit()
    assert store.is_conflict(caught.value)
    assert not store.is_transient(caught.value)
    assert isinstance(store.translate(caught.value), DuplicateError)


def test_a_number_given_twice_in_a_series_is_a_duplicate(store: Store, own: Organization) -> None:
    add(store, issued(own, 1, date(2025, 9, 29)))
    with pytest.raises(Exception) as caught, store.unit_of_work() as uow:
        uow.documents.add(
            draft(own, numbered=Numbered(1, 2025, "KH", "KH-UBND-X", "01/KH-UBND-X", date(2025, 9, 29)))
        )
        uow.commit()
    assert isinstance(store.translate(caught.value), DuplicateError)


def test_a_series_created_twice_is_a_conflict(store: Store, own: Organization) -> None:
    with store.unit_of_work() as uow:
        uow.series.create(own.id, 2025, "KH")
        uow.commit()
    with pytest.raises(Exception) as caught, store.unit_of_work() as uow:
        uow.series.create(own.id, 2025, "KH")
        uow.commit()
    assert store.is_conflict(caught.value)


def test_an_error_of_no_plain_meaning_is_left_as_it_is(store: Store) -> None:
    assert store.translate(ZeroDivisionError()) is None
    assert not store.is_transient(ZeroDivisionError())
    assert not store.is_conflict(ZeroDivisionError())


# ---------------------------------------------------------------------------------------------
# Links, assignments, outcomes, attachments


def test_a_link_is_added_once(store: Store, own: Organization) -> None:
    plan, report = add(store, issued(own, 1, date(2025, 9, 29)), draft(own, "Báo cáo"))
    with store.unit_of_work() as uow:
        assert uow.links.add(report, plan, LinkKind.REPORTS_ON) is True
        assert uow.links.add(report, plan, LinkKind.REPORTS_ON) is False
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        assert [(lk.from_id, lk.to_id, lk.kind) for lk in uow.links.outgoing([report])] == [
            (report, plan, LinkKind.REPORTS_ON)
        ]
        assert [lk.from_id for lk in uow.links.incoming([plan])] == [report]
        assert uow.links.has_incoming(plan) and not uow.links.has_incoming(report)
        assert uow.links.exists(report, plan) and not uow.links.exists(report, plan, LinkKind.CITES)


def test_assignments_keep_who_held_a_document_before(store: Store, own: Organization) -> None:
    (doc_id,) = add(store, issued(own, 1, date(2025, 9, 29)))
    with store.unit_of_work() as uow:
        uow.assignments.add(doc_id, lead="VHXH", support=["VP"], deadline=None, note=None, by="chutich")
        uow.assignments.add(
            doc_id, lead="KT", support=[], deadline=date(2025, 12, 1), note="Gấp", by="chutich"
        )
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        held = uow.assignments.for_document(doc_id)
    assert [(a.lead, a.support, a.active, a.deadline, a.note) for a in held] == [
        ("VHXH", ("VP",), False, None, None),
        ("KT", (), True, date(2025, 12, 1), "Gấp"),
    ]


def test_outcomes_are_reported_once(store: Store, own: Organization) -> None:
    plan, report = add(store, issued(own, 1, date(2025, 9, 29)), draft(own, "Báo cáo"))
    with store.unit_of_work() as uow:
        first = uow.outcomes.add(plan, "Tập huấn", Figure(Decimal("150"), "lượt người"), date(2025, 10, 5))
        second = uow.outcomes.add(plan, "Tuyên truyền", None, None)
        uow.outcomes.report(first, report)
        uow.outcomes.report(first, report)
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        found = uow.outcomes.for_documents([plan])
        assert uow.outcomes.unreported_for([plan]) == [second]
    # An outcome without a date sorts first or last as the engine sorts NULL: compare by text.
    assert {o.text: (o.quantity, o.unit, o.reported_in) for o in found} == {
        "Tập huấn": (Decimal("150"), "lượt người", (report,)),
        "Tuyên truyền": (None, None, ()),
    }


def test_attachments_are_kept_by_name_and_digest(store: Store, own: Organization) -> None:
    (doc_id,) = add(store, draft(own))
    with store.unit_of_work() as uow:
        uow.attachments.add(doc_id, "90-KH-UBND.docx", "ab" * 32)
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        assert [(a.name, a.sha256, a.stored) for a in uow.attachments.for_document(doc_id)] == [
            ("90-KH-UBND.docx", "ab" * 32, False)
        ]


def test_an_attachment_content_is_kept_in_pieces_and_read_back_in_order(
    store: Store, own: Organization
) -> None:
    (doc_id,) = add(store, issued(own, 1, date(2025, 9, 29)))
    pieces = [bytes([n]) * 1000 for n in range(3)]
    at = datetime(2025, 10, 1, 2, 30)
    with store.unit_of_work() as uow:
        assert uow.attachments.stored("cd" * 32) is None
        uow.attachments.put("cd" * 32, list(enumerate(pieces)))
        kept = uow.attachments.add(doc_id, "ban-ky.pdf", "cd" * 32, size=3000, by="vanthu", at=at)
        uow.commit()
    with store.unit_of_work(read_only=True) as uow:
        assert uow.attachments.stored("cd" * 32) == 3
        assert list(uow.attachments.content("cd" * 32)) == pieces
        assert list(uow.attachments.content("ef" * 32)) == []
        (found,) = uow.attachments.of_office(own.id)
    assert (found.id, found.document_id, found.name, found.size, found.added_by, found.added_at) == (
        kept,
        doc_id,
        "ban-ky.pdf",
        3000,
        "vanthu",
        at,
    )


# ---------------------------------------------------------------------------------------------
# Read models


def _chain(store: Store, own: Organization) -> tuple[int, int, int, int]:
    """A plan, a letter implementing it, a report on the plan, and a letter implementing the letter."""
    plan, letter, report, below = add(
        store,
        issued(own, 1, date(2025, 9, 29)),
        issued(own, 2, date(2025, 9, 30), "Công văn"),
        draft(own, "Báo cáo"),
        issued(own, 3, date(2025, 10, 1), "Công văn thực hiện"),
    )
    with store.unit_of_work() as uow:
        uow.links.add(letter, plan, LinkKind.IMPLEMENTS)
        uow.links.add(report, plan, LinkKind.REPORTS_ON)
        uow.links.add(below, letter, LinkKind.IMPLEMENTS)
        uow.links.add(plan, below, LinkKind.CITES)  # a cycle through a kind not followed
        uow.commit()
    return plan, letter, report, below


def test_the_graph_walks_the_kinds_asked_for_both_ways(store: Store, own: Organization) -> None:
    plan, letter, _, below = _chain(store, own)
    with store.unit_of_work(read_only=True) as uow:
        assert uow.graph.closure(plan, outgoing=False, kinds=["implements"]) == {letter, below}
        assert uow.graph.closure(below, outgoing=True, kinds=["implements"]) == {letter, plan}
        assert uow.graph.closure(plan, outgoing=True, kinds=["implements", "cites"]) == {below, letter}
        roles = {(role, f, t) for role, _, f, t, _ in uow.graph.trace_links(plan)}
        assert (DOWN, letter, plan) in roles and (DOWN, below, letter) in roles
        assert (UP, plan, below) in roles
        assert set(uow.graph.documents([plan, below, 10_000])) == {plan, below}
        assert uow.graph.outcomes([plan]) == []


def test_the_status_read_model_counts_and_lists_the_open_items(store: Store, own: Organization) -> None:
    plan, _, _, _ = _chain(store, own)
    with store.unit_of_work() as uow:
        uow.documents.move(plan, "in_progress")
        uow.documents.edit(plan, {"deadline": date(2025, 10, 10)})
        uow.assignments.add(plan, lead="VHXH", support=[], deadline=None, note=None, by="chutich")
        uow.commit()
    flt = StatusFilter(own.id, [("directive", ["in_progress"])])
    with store.unit_of_work(read_only=True) as uow:
        summary = uow.status.summary(flt)
        items = uow.status.open_items(flt)
        overdue = uow.status.open_items(
            StatusFilter(own.id, [("directive", ["in_progress"])], overdue_on=date(2025, 10, 9))
        )
    assert ("directive", "in_progress", "KH", 1) in summary
    assert [(i.document.id, i.lead, i.implementing, i.reported) for i in items] == [(plan, "VHXH", 1, False)]
    assert overdue == []


def test_a_unit_of_work_of_the_store_is_what_the_port_names(store: Store) -> None:
    with store.unit_of_work(read_only=True) as uow:
        port: UnitOfWork = uow
        assert port.office is None and port.senders is None
