"""The register through the Office API, on every engine: numbers, series, số đến, history.

Each test starts from the `office` fixture: UBND xã Phú Thái kept by its clerk ``vanthu``
(văn thư and quản trị), with the unit VHXH, the sender SKHCN, the chairman ``chutich``
(lãnh đạo) and an officer ``chuyenvien`` (chuyên viên).
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from vanban import Office, Policy
from vanban.domain.model import Direction, Document, LinkKind, Secrecy
from vanban.errors import (
    AmbiguousError,
    DateOrderError,
    DuplicateError,
    InputError,
    PermissionDeniedError,
    RuleError,
    TransitionError,
)
from vanban.store.tables import events

pytestmark = pytest.mark.db

SEP_29 = date(2025, 9, 29)
SEP_30 = date(2025, 9, 30)
OCT_1 = date(2025, 10, 1)
OCT_2 = date(2025, 10, 2)
OCT_3 = date(2025, 10, 3)


def issue(office: Office, type_key: str, on: date, **draft: object) -> Document:
    """Draft a document, then issue it on ``on``: two steps, as a clerk does."""
    draft.setdefault("subject", f"Văn bản {type_key} ngày {on:%d/%m/%Y}")
    doc = office.draft(type_key, **draft)  # type: ignore[arg-type]
    return office.issue(doc.id, on=on, signer="chutich")


def last_number(office: Office, year: int, key: str) -> int | None:
    found = [s.last_number for s in office.series(year) if s.key == key]
    return found[0] if found else None


def event_count(office: Office) -> int:
    with office.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(events)).scalar_one())


# ---------------------------------------------------------------------------- outgoing numbers


def test_the_first_plan_of_the_year_is_number_01_and_the_next_follow_in_order(office: Office) -> None:
    codes = [issue(office, "KH", day).code for day in (SEP_29, SEP_29, SEP_30)]
    assert codes == ["01/KH-UBND", "02/KH-UBND", "03/KH-UBND"]
    assert last_number(office, 2025, "KH") == 3


def test_an_issued_document_carries_its_number_notation_year_and_date(office: Office) -> None:
    doc = issue(office, "KH", SEP_29)
    assert (doc.number, doc.notation, doc.year, doc.date) == (1, "KH-UBND", 2025, SEP_29)
    assert doc.status == "issued"
    assert office.get("01/KH-UBND").id == doc.id
    assert office.get(f"#{doc.id}").code == "01/KH-UBND"


def test_a_number_below_ten_is_written_with_a_leading_zero_and_from_ten_without(office: Office) -> None:
    office.set_series("KH", year=2025, next_number=9)
    assert issue(office, "KH", SEP_29).code == "09/KH-UBND"
    assert issue(office, "KH", SEP_29).code == "10/KH-UBND"


def test_each_type_has_its_own_series(office: Office) -> None:
    assert issue(office, "KH", SEP_29).code == "01/KH-UBND"
    assert issue(office, "QĐ", SEP_29).code == "01/QĐ-UBND"
    assert issue(office, "KH", SEP_30).code == "02/KH-UBND"
    assert issue(office, "QD", SEP_30).code == "02/QĐ-UBND"
    assert issue(office, "TB", SEP_30).code == "01/TB-UBND"


def test_a_cong_van_has_its_own_series_and_is_noted_by_issuer_and_unit(office: Office) -> None:
    issue(office, "KH", SEP_29)
    office.set_series("CV", year=2025, next_number=542)
    letter = issue(office, "CV", SEP_30, unit="VHXH")
    assert letter.code == "542/UBND-VHXH"
    assert letter.notation == "UBND-VHXH"
    assert letter.unit_code == "VHXH"
    assert letter.type_key == "CV"
    assert issue(office, "KH", SEP_30).code == "02/KH-UBND"
    assert issue(office, "CV", OCT_1, unit="VHXH").code == "543/UBND-VHXH"


def test_a_cong_van_without_a_drafting_unit_is_refused(office: Office) -> None:
    with pytest.raises(InputError) as caught:
        office.draft("CV", subject="Về việc tổ chức Ngày Chuyển đổi số")
    assert "đơn vị soạn thảo" in caught.value.message
    assert caught.value.hint is not None
    assert "--unit" in caught.value.hint


def test_a_typed_document_drafted_by_a_unit_keeps_its_type_notation(office: Office) -> None:
    assert issue(office, "KH", SEP_29, unit="VHXH").code == "01/KH-UBND"


def test_the_series_starts_again_at_01_on_the_first_of_january(office: Office) -> None:
    december = issue(office, "KH", date(2025, 12, 29))
    january = issue(office, "KH", date(2026, 1, 2))
    assert december.code == january.code == "01/KH-UBND"
    assert (december.year, january.year) == (2025, 2026)
    assert last_number(office, 2025, "KH") == 1
    assert last_number(office, 2026, "KH") == 1


def test_the_old_year_may_still_be_closed_after_the_new_one_began(office: Office) -> None:
    issue(office, "KH", date(2025, 12, 29))
    issue(office, "KH", date(2026, 1, 2))
    late = issue(office, "KH", date(2025, 12, 31))
    assert (late.code, late.year) == ("02/KH-UBND", 2025)
    assert issue(office, "KH", date(2026, 1, 3)).code == "02/KH-UBND"


def test_a_code_held_in_two_years_needs_the_year_and_the_refusal_lists_both(office: Office) -> None:
    old = issue(office, "KH", date(2025, 12, 29))
    new = issue(office, "KH", date(2026, 1, 2))
    with pytest.raises(AmbiguousError) as caught:
        office.get("01/KH-UBND")
    assert "năm 2025" in caught.value.message
    assert "năm 2026" in caught.value.message
    assert caught.value.hint is not None
    assert "--year" in caught.value.hint
    assert office.get("01/KH-UBND", year=2025).id == old.id
    assert office.get("01/kh-ubnd", year=2026).id == new.id


# ---------------------------------------------------------------------------- setting a series


def test_a_clerk_adopting_vanban_mid_year_sets_where_a_series_continues(office: Office) -> None:
    state = office.set_series("KH", year=2025, next_number=90)
    assert (state.year, state.key, state.last_number) == (2025, "KH", 89)
    assert issue(office, "KH", SEP_29).code == "90/KH-UBND"
    assert issue(office, "KH", OCT_3).code == "91/KH-UBND"
    assert issue(office, "QĐ", OCT_3).code == "01/QĐ-UBND"


def test_setting_a_series_is_an_audited_event(office: Office) -> None:
    before = office.office_events()
    office.set_series("KH", year=2025, next_number=90)
    new = office.office_events()[len(before) :]
    assert [e.trigger for e in new] == ["series_set"]
    event = new[0]
    assert event.actor == "vanthu"
    assert event.document_id is None
    assert event.data["year"] == 2025
    assert event.data["key"] == "KH"
    assert event.data["next"] == 90
    assert event.data["from"] == 1
    assert event.note is not None
    assert "90" in event.note


def test_a_series_cannot_be_set_to_give_again_a_number_already_issued(office: Office) -> None:
    office.set_series("KH", year=2025, next_number=90)
    issue(office, "KH", SEP_29)
    events_before = event_count(office)
    for wanted in (90, 50, 1):
        with pytest.raises(RuleError) as caught:
            office.set_series("KH", year=2025, next_number=wanted)
        assert "90" in caught.value.message
        assert caught.value.hint is not None
        assert "91" in caught.value.hint
        assert caught.value.exit_code == 1
    assert event_count(office) == events_before
    assert last_number(office, 2025, "KH") == 90
    assert issue(office, "KH", SEP_30).code == "91/KH-UBND"


def test_a_series_may_be_moved_forward_past_the_last_issued_number(office: Office) -> None:
    issue(office, "KH", SEP_29)
    office.set_series("KH", year=2025, next_number=95)
    assert issue(office, "KH", SEP_30).code == "95/KH-UBND"


def test_a_next_number_below_one_is_refused_as_bad_input(office: Office) -> None:
    with pytest.raises(InputError):
        office.set_series("KH", year=2025, next_number=0)


def test_only_a_clerk_may_set_a_series(office: Office) -> None:
    with pytest.raises(PermissionDeniedError):
        office.as_user("chuyenvien").set_series("KH", year=2025, next_number=90)
    assert last_number(office, 2025, "KH") in (None, 0)


# ---------------------------------------------------------------------------- order of dates


def test_a_number_may_not_carry_a_date_earlier_than_the_last_of_its_series(office: Office) -> None:
    issue(office, "KH", SEP_30)
    late = office.draft("KH", subject="Kế hoạch ghi lùi ngày")
    events_before = event_count(office)
    with pytest.raises(DateOrderError) as caught:
        office.issue(late.id, on=SEP_29, signer="chutich")
    error = caught.value
    assert "29/9/2025" in error.message
    assert "30/9/2025" in error.message
    assert error.hint is not None
    assert "30/9/2025" in error.hint
    assert error.exit_code == 1
    still = office.get(late.id)
    assert (still.status, still.number, still.code) == ("drafted", None, None)
    assert last_number(office, 2025, "KH") == 1
    assert event_count(office) == events_before
    assert office.issue(late.id, on=SEP_30, signer="chutich").code == "02/KH-UBND"


def test_the_date_order_is_kept_per_series(office: Office) -> None:
    issue(office, "KH", SEP_30)
    assert issue(office, "QĐ", SEP_29).code == "01/QĐ-UBND"


def test_a_refused_registration_leaves_no_draft_behind(office: Office) -> None:
    office.register("KH", subject="Kế hoạch đã ký", on=SEP_30, signer="chutich")
    before = [(d.id, d.status) for d in office.documents()]
    with pytest.raises(DateOrderError):
        office.register("KH", subject="Kế hoạch ghi lùi ngày", on=SEP_29, signer="chutich")
    assert [(d.id, d.status) for d in office.documents()] == before


# ---------------------------------------------------------------------------- secret documents


def test_a_secret_document_draws_from_its_own_series_and_never_takes_an_ordinary_code(
    office: Office,
) -> None:
    first = issue(office, "KH", SEP_29)
    issue(office, "KH", SEP_29)
    secret = issue(office, "KH", SEP_30, secrecy=Secrecy.MAT)
    assert secret.number == 1
    assert secret.series_key != first.series_key
    assert secret.code != first.code
    assert issue(office, "KH", OCT_1).code == "03/KH-UBND"
    assert last_number(office, 2025, "KH") == 3
    assert last_number(office, 2025, secret.series_key or "") == 1


def test_a_secret_report_is_numbered_apart_from_ordinary_reports(office: Office) -> None:
    secret = issue(office, "BC", SEP_29, secrecy=Secrecy.TOI_MAT)
    ordinary = issue(office, "BC", SEP_30)
    assert secret.series_key != ordinary.series_key
    assert secret.number == 1
    assert ordinary.number == 1


def test_the_secret_series_of_a_type_is_set_apart_from_its_ordinary_series(office: Office) -> None:
    state = office.set_series("KH", year=2025, next_number=5, secret=True)
    assert state.key != "KH"
    assert state.last_number == 4
    assert last_number(office, 2025, "KH") in (None, 0)
    assert issue(office, "KH", SEP_29).number == 1


# ---------------------------------------------------------------------------- shared policy


def test_an_office_may_choose_one_shared_series_for_every_type(office: Office) -> None:
    office.set_policy(Policy.SHARED)
    plan = issue(office, "KH", SEP_29)
    decision = issue(office, "QĐ", SEP_29)
    letter = issue(office, "CV", SEP_30, unit="VHXH")
    assert [plan.code, decision.code, letter.code] == ["01/KH-UBND", "02/QĐ-UBND", "03/UBND-VHXH"]
    assert plan.series_key == decision.series_key == letter.series_key


def test_with_a_shared_series_secret_documents_are_still_apart(office: Office) -> None:
    office.set_policy(Policy.SHARED)
    issue(office, "KH", SEP_29)
    secret = issue(office, "QĐ", SEP_29, secrecy=Secrecy.MAT)
    after = issue(office, "TB", SEP_30)
    assert secret.number == 1
    assert after.number == 2


def test_changing_the_policy_is_an_audited_event_allowed_to_admins_only(office: Office) -> None:
    with pytest.raises(PermissionDeniedError):
        office.as_user("chutich").set_policy(Policy.SHARED)
    before = office.office_events()
    office.set_policy(Policy.SHARED)
    new = office.office_events()[len(before) :]
    assert [e.trigger for e in new] == ["numbering_policy"]
    assert new[0].data == {"from": "per_type", "to": "shared"}
    assert office.office().numbering == "shared"


# ---------------------------------------------------------------------------- numbers are never freed


def test_a_recall_never_frees_a_number(office: Office) -> None:
    issue(office, "KH", SEP_29)
    recalled = issue(office, "KH", SEP_29)
    office.fire(recalled.id, "recall", note="Sai thể thức")
    after = office.get(recalled.id)
    assert (after.status, after.number, after.code) == ("recalled", 2, "02/KH-UBND")
    assert issue(office, "KH", SEP_30).code == "03/KH-UBND"
    with pytest.raises(TransitionError):
        office.issue(recalled.id, on=SEP_30, signer="chutich")
    assert office.get(recalled.id).code == "02/KH-UBND"


def test_a_cancelled_draft_never_took_a_number(office: Office) -> None:
    issue(office, "KH", SEP_29)
    dropped = office.draft("KH", subject="Dự thảo bỏ")
    office.fire(dropped.id, "cancel")
    assert office.get(dropped.id).number is None
    assert issue(office, "KH", SEP_30).code == "02/KH-UBND"


def test_a_refused_issue_takes_no_number(office: Office) -> None:
    doc = office.draft("KH", subject="Kế hoạch")
    with pytest.raises(PermissionDeniedError):
        office.as_user("chuyenvien").issue(doc.id, on=SEP_29, signer="chutich")
    assert office.get(doc.id).number is None
    assert office.issue(doc.id, on=SEP_29, signer="chutich").code == "01/KH-UBND"


def test_an_issued_document_cannot_be_issued_again(office: Office) -> None:
    doc = issue(office, "KH", SEP_29)
    with pytest.raises(TransitionError):
        office.issue(doc.id, on=SEP_30, signer="chutich")
    assert office.get(doc.id).code == "01/KH-UBND"
    assert last_number(office, 2025, "KH") == 1


# ---------------------------------------------------------------------------- incoming


def test_incoming_documents_take_one_arrival_series_across_senders(office: Office) -> None:
    office.add_org("SNV", "Sở Nội vụ thành phố Hải Phòng")
    first = office.receive("12/KH-SKHCN", sender="SKHCN", on=OCT_1, subject="Kế hoạch của Sở", arrived=OCT_2)
    second = office.receive("45/SNV-CCVC", sender="SNV", on=OCT_1, subject="Công văn của Sở", arrived=OCT_2)
    third = office.receive("13/TB-SKHCN", sender="SKHCN", on=OCT_2, subject="Thông báo", arrived=OCT_3)
    assert [d.arrival_number for d in (first, second, third)] == [1, 2, 3]
    assert [d.arrival_date for d in (first, second, third)] == [OCT_2, OCT_2, OCT_3]
    assert all(d.direction is Direction.IN and d.status == "registered" for d in (first, second, third))
    assert (first.code, first.issuer_code, first.type_key) == ("12/KH-SKHCN", "SKHCN", "KH")
    assert (second.type_key, second.number) == ("CV", 45)


def test_incoming_documents_do_not_touch_the_outgoing_series(office: Office) -> None:
    office.receive("12/KH-SKHCN", sender="SKHCN", on=OCT_1, subject="Kế hoạch của Sở", arrived=OCT_2)
    assert last_number(office, 2025, "KH") in (None, 0)
    assert issue(office, "KH", OCT_2).code == "01/KH-UBND"


def test_the_arrival_series_starts_again_each_year(office: Office) -> None:
    office.receive(
        "12/KH-SKHCN", sender="SKHCN", on=date(2025, 12, 30), subject="a", arrived=date(2025, 12, 31)
    )
    january = office.receive(
        "1/KH-SKHCN", sender="SKHCN", on=date(2026, 1, 2), subject="b", arrived=date(2026, 1, 2)
    )
    assert january.arrival_number == 1


def test_arrival_numbers_follow_the_order_of_arrival_dates(office: Office) -> None:
    office.receive("12/KH-SKHCN", sender="SKHCN", on=OCT_1, subject="a", arrived=OCT_3)
    with pytest.raises(DateOrderError) as caught:
        office.receive("13/KH-SKHCN", sender="SKHCN", on=OCT_1, subject="b", arrived=OCT_2)
    assert "số đến" in caught.value.message
    assert [d.code for d in office.documents(direction=Direction.IN)] == ["12/KH-SKHCN"]


def test_an_arrival_before_the_document_date_is_refused(office: Office) -> None:
    with pytest.raises(InputError):
        office.receive("12/KH-SKHCN", sender="SKHCN", on=OCT_3, subject="a", arrived=OCT_2)


def test_the_same_incoming_document_cannot_be_registered_twice(office: Office) -> None:
    office.receive("12/KH-SKHCN", sender="SKHCN", on=OCT_1, subject="Kế hoạch", arrived=OCT_2)
    events_before = event_count(office)
    for typed in ("12/KH-SKHCN", "12/kh-skhcn", "Số: 12 / KH – SKHCN"):
        with pytest.raises(DuplicateError) as caught:
            office.receive(typed, sender="SKHCN", on=OCT_1, subject="Kế hoạch", arrived=OCT_3)
        assert "12/KH-SKHCN" in caught.value.message
        assert "đã vào sổ" in caught.value.message
        assert "số đến 1" in caught.value.message
        assert caught.value.exit_code == 1
    assert event_count(office) == events_before
    assert last_number(office, 2025, "DEN") == 1
    assert len(office.documents(direction=Direction.IN)) == 1


def test_the_same_code_from_the_same_sender_in_another_year_is_another_document(office: Office) -> None:
    office.receive("12/KH-SKHCN", sender="SKHCN", on=date(2025, 3, 1), subject="a", arrived=date(2025, 3, 2))
    again = office.receive(
        "12/KH-SKHCN", sender="SKHCN", on=date(2026, 3, 1), subject="b", arrived=date(2026, 3, 2)
    )
    assert (again.year, again.arrival_number) == (2026, 1)


def test_only_a_clerk_registers_incoming_documents(office: Office) -> None:
    with pytest.raises(PermissionDeniedError):
        office.as_user("chuyenvien").receive(
            "12/KH-SKHCN", sender="SKHCN", on=OCT_1, subject="a", arrived=OCT_2
        )
    assert office.documents(direction=Direction.IN) == []


@pytest.mark.parametrize(
    ("code", "sender", "on"),
    [("15/TB-SKHCN", "SKHCN", date(2025, 9, 20)), ("30/2020/NĐ-CP", "CP", date(2020, 3, 5))],
    ids=["standard-code-without-year", "legal-code-with-year"],
)
def test_a_document_cited_before_it_arrives_is_upgraded_in_place_when_received(
    office: Office, code: str, sender: str, on: date
) -> None:
    plan = issue(office, "KH", SEP_29)
    cited = office.link(plan.id, code, LinkKind.BASED_ON)
    assert cited.reference_only
    assert cited.status is None
    assert office.status_label(cited) == "Chỉ dẫn chiếu"
    received = office.receive(code, sender=sender, on=on, subject="Văn bản nay đã đến", arrived=OCT_1)
    assert received.id == cited.id
    assert not received.reference_only
    assert received.status == "registered"
    assert received.arrival_number == 1
    assert received.subject == "Văn bản nay đã đến"
    assert office.get(code).id == cited.id
    upstream = [(n.kind, n.document.id) for n in office.trace(plan.id).upstream]
    assert upstream == [(LinkKind.BASED_ON, cited.id)]
    assert [e.trigger for e in office.history(cited.id)] == ["cite", "receive", "register"]


# ---------------------------------------------------------------------------- history


def test_every_change_to_a_directive_is_in_its_history_in_order(office: Office) -> None:
    doc = office.draft("KH", subject="Tổ chức Ngày Chuyển đổi số", unit="VHXH")
    office.as_user("chuyenvien").fire(doc.id, "submit")
    office.as_user("chutich").fire(doc.id, "sign", note="Đồng ý")
    office.issue(doc.id, on=SEP_29, signer="Nguyễn Phúc Công", title="Chủ tịch", authority="TM")
    # An issued plan's record is frozen; its deadline (the handling) is not.
    office.edit(doc.id, deadline=date(2025, 11, 15))
    office.link(doc.id, "30/2020/NĐ-CP", LinkKind.BASED_ON)
    office.assign(doc.id, lead="VHXH", deadline=date(2025, 10, 31))
    office.as_user("chuyenvien").add_outcome(doc.id, text="Tổ chức 3 buổi", quantity=150, unit="lượt người")
    office.as_user("chuyenvien").fire(doc.id, "complete")

    history = office.history(doc.id)
    assert [e.trigger for e in history] == [
        "create",
        "submit",
        "sign",
        "issue",
        "edit",
        "link",
        "assignment",
        "start",
        "outcome",
        "complete",
    ]
    assert [e.actor for e in history] == [
        "vanthu",
        "chuyenvien",
        "chutich",
        "vanthu",
        "vanthu",
        "vanthu",
        "vanthu",
        "vanthu",
        "chuyenvien",
        "chuyenvien",
    ]
    moves = [(e.from_state, e.to_state) for e in history]
    assert moves[0] == (None, "drafted")
    assert moves[1:4] == [("drafted", "submitted"), ("submitted", "signed"), ("signed", "issued")]
    assert moves[-1] == ("in_progress", "implemented")
    for earlier, later in pairwise(history):
        assert earlier.id < later.id
        assert earlier.at <= later.at
        assert later.from_state == earlier.to_state
    by_trigger = {e.trigger: e for e in history}
    assert by_trigger["sign"].note == "Đồng ý"
    assert by_trigger["issue"].data["code"] == "01/KH-UBND"
    assert by_trigger["issue"].data["number"] == 1
    assert by_trigger["issue"].data["date"] == "2025-09-29"
    assert by_trigger["edit"].data["old"]["deadline"] is None
    assert by_trigger["edit"].data["new"]["deadline"] == "2025-11-15"
    assert by_trigger["link"].data["kind"] == "based_on"
    assert by_trigger["link"].data["code"] == "30/2020/NĐ-CP"
    assert by_trigger["assignment"].data["lead"] == "VHXH"
    assert by_trigger["outcome"].note == "Tổ chức 3 buổi"


def test_receiving_writes_the_arrival_in_the_history(office: Office) -> None:
    doc = office.receive("12/KH-SKHCN", sender="SKHCN", on=OCT_1, subject="Kế hoạch", arrived=OCT_2)
    office.assign(doc.id, lead="chuyenvien")
    office.as_user("chuyenvien").fire(doc.id, "complete")
    history = office.history(doc.id)
    assert [e.trigger for e in history] == ["receive", "register", "assignment", "assign", "complete"]
    assert [(e.from_state, e.to_state) for e in history if e.trigger != "assignment"] == [
        (None, "received"),
        ("received", "registered"),
        ("registered", "assigned"),
        ("assigned", "done"),
    ]
    assert history[0].data == {"code": "12/KH-SKHCN", "from": "SKHCN"}
    assert history[1].data["arrival_number"] == 1
    assert history[1].data["arrival_date"] == "2025-10-02"


def test_changes_outside_documents_are_in_the_office_history(office: Office) -> None:
    triggers = [e.trigger for e in office.office_events()]
    # init: the office, its first admin, its parent body; then the fixture's unit, sender, users
    assert triggers == ["init", "user_add", "org_add", "unit_add", "org_add", "user_add", "user_add"]
    office.add_unit("VP", "Văn phòng")
    office.add_org("SNV", "Sở Nội vụ")
    office.add_user("pho", name="Phạm Phó", roles=["lanh_dao"])
    office.set_series("KH", year=2025, next_number=90)
    office.set_policy(Policy.SHARED)
    new = office.office_events()[len(triggers) :]
    assert [e.trigger for e in new] == ["unit_add", "org_add", "user_add", "series_set", "numbering_policy"]
    assert all(e.actor == "vanthu" and e.document_id is None for e in new)
    assert new[0].data == {"code": "VP"}
    assert new[1].data == {"code": "SNV"}
    assert new[2].data == {"login": "pho", "roles": ["lanh_dao"]}


def test_a_refused_transition_writes_nothing(office: Office) -> None:
    doc = office.draft("KH", subject="Kế hoạch")
    before = office.history(doc.id)
    with pytest.raises(PermissionDeniedError):
        office.as_user("chuyenvien").fire(doc.id, "issue")
    with pytest.raises(TransitionError):
        office.fire(doc.id, "sign")
    assert office.history(doc.id) == before
    assert office.get(doc.id).status == "drafted"


# ---------------------------------------------------------------------------- events are append-only


def _history_rows(office: Office) -> list[tuple[object, ...]]:
    with office.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(events).order_by(events.c.id))]


def test_the_database_refuses_to_update_an_event(office: Office) -> None:
    issue(office, "KH", SEP_29)
    before = _history_rows(office)
    assert before
    with pytest.raises(DBAPIError), office.engine.begin() as conn:
        conn.execute(update(events).values(note="sửa lịch sử"))
    with pytest.raises(DBAPIError), office.engine.begin() as conn:
        conn.execute(text("UPDATE events SET actor = 'ai_do' WHERE id = :id"), {"id": before[-1][0]})
    assert _history_rows(office) == before


def test_the_database_refuses_to_delete_an_event(office: Office) -> None:
    issue(office, "KH", SEP_29)
    before = _history_rows(office)
    with pytest.raises(DBAPIError), office.engine.begin() as conn:
        conn.execute(delete(events))
    with pytest.raises(DBAPIError), office.engine.begin() as conn:
        conn.execute(text("DELETE FROM events WHERE id = :id"), {"id": before[0][0]})
    assert _history_rows(office) == before


def test_new_events_are_still_appended_after_a_refused_change(office: Office) -> None:
    doc = issue(office, "KH", SEP_29)
    with pytest.raises(DBAPIError), office.engine.begin() as conn:
        conn.execute(delete(events))
    office.fire(doc.id, "start")
    assert [e.trigger for e in office.history(doc.id)] == ["create", "issue", "start"]


def test_a_thu_cong_takes_the_cong_van_series_since_it_carries_the_same_notation(office: Office) -> None:
    letter = office.register("CV", unit="VHXH", subject="Công văn", on=date(2025, 9, 29), signer="chutich")
    note = office.register(
        "THC", unit="VHXH", subject="Thư chúc mừng", on=date(2025, 9, 30), signer="chutich"
    )
    assert (letter.code, note.code) == ("01/UBND-VHXH", "02/UBND-VHXH")


def test_a_row_the_database_itself_refuses_comes_back_as_a_vietnamese_duplicate(office: Office) -> None:
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from vanban.errors import DuplicateError
    from vanban.store.engine import translate
    from vanban.store.tables import documents

    plan = office.register("KH", subject="Kế hoạch", on=date(2025, 9, 29), signer="chutich")
    row = {
        "office_id": plan.office_id,
        "direction": "out",
        "type_key": "KH",
        "issuer_id": plan.issuer_id,
        "number": 99,
        "year": 2025,
        "series_key": "KH",
        "code": plan.code,
        "subject": "Bản trùng",
        "reference_only": False,
        "created_at": plan.created_at,
    }
    with office.engine.connect() as conn, pytest.raises(IntegrityError) as caught:
        conn.execute(insert(documents).values(**row))
    translated = translate(caught.value)
    assert isinstance(translated, DuplicateError)
    assert translated.exit_code == 1
    assert "Số, ký hiệu này đã có" in translated.message
