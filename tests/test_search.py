"""Search through the Office API, on every engine: words without diacritics, every source of
text a document has, codes in any form, filters, and the index kept by every write.

Each test starts from the `office` fixture: UBND xã Phú Thái kept by its clerk ``vanthu``,
with the unit VHXH, the sender SKHCN, the chairman ``chutich`` and an officer ``chuyenvien``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from vanban import Office
from vanban.domain.model import Document
from vanban.errors import InputError, NotFoundError
from vanban.store.tables import documents, events

pytestmark = pytest.mark.db

SEP_29 = date(2025, 9, 29)
OCT_1 = date(2025, 10, 1)
NOV_3 = date(2025, 11, 3)


def issue(office: Office, type_key: str, on: date, **draft: object) -> Document:
    doc = office.draft(type_key, **draft)  # type: ignore[arg-type]
    return office.issue(doc.id, on=on, signer="Nguyễn Phúc Công")


def codes(office: Office, query: str, **filters: object) -> list[str | None]:
    return [hit.document.code for hit in office.search(query, **filters)]  # type: ignore[arg-type]


def rank_few(monkeypatch: pytest.MonkeyPatch, dense: int) -> None:
    """Rank the newest 3 matches (300 in a register), PostgreSQL probing the office's newest 4
    and reading on through the office when ``dense`` of those match (else its GIN index)."""
    from vanban.store import search_query

    monkeypatch.setattr(search_query, "RANKED", 3)
    monkeypatch.setattr(search_query, "PROBE", 4)
    monkeypatch.setattr(search_query, "DENSE", dense)


def test_words_typed_without_diacritics_find_the_subject_that_has_them(office: Office) -> None:
    plan = issue(office, "KH", SEP_29, subject="Triển khai phong trào Bình dân học vụ số")
    issue(office, "KH", OCT_1, subject="Kế hoạch phòng chống thiên tai")
    assert codes(office, "binh dan hoc vu so") == [plan.code]
    assert codes(office, "BÌNH DÂN HỌC VỤ SỐ") == [plan.code]
    assert codes(office, "Binh Dan") == [plan.code]


def test_every_word_is_required_and_the_last_is_also_a_prefix(office: Office) -> None:
    both = issue(office, "KH", SEP_29, subject="Chuyển đổi số quốc gia")
    issue(office, "KH", OCT_1, subject="Chuyển giao công nghệ")
    assert codes(office, "chuyen doi") == [both.code]
    assert codes(office, "chuyen quoc g") == [both.code]
    assert codes(office, "chuyen quoc gx") == []
    assert sorted(codes(office, "chuyen")) == sorted([both.code, "02/KH-UBND"])


def test_d_with_stroke_is_found_as_d(office: Office) -> None:
    plan = issue(office, "KH", SEP_29, subject="ĐẨY MẠNH đào tạo Đảng viên")
    assert codes(office, "day manh dao tao dang") == [plan.code]
    assert codes(office, "đẩy mạnh") == [plan.code]


def test_the_code_typed_in_any_form_finds_its_document_first(office: Office) -> None:
    office.add_unit("TP", "Tư pháp")
    first = issue(office, "CV", SEP_29, subject="Về việc rà soát 542 hồ sơ UBND VHXH", unit="TP")
    wanted = issue(office, "CV", OCT_1, subject="Về việc báo cáo", unit="VHXH")
    assert wanted.code == "02/UBND-VHXH"
    for typed in ("02/UBND-VHXH", "02/ubnd-vhxh", "02 UBND VHXH", "02 ubnd vhxh"):
        hits = office.search(typed)
        assert hits[0].document.code == wanted.code, typed
        assert hits[0].exact
    # Without the number the words are in both, and no code is the query.
    hits = office.search("ubnd vhxh")
    assert sorted(h.document.code or "" for h in hits) == [first.code, wanted.code]
    assert not any(h.exact for h in hits)


def test_the_code_typed_as_one_word_finds_its_document_first(office: Office) -> None:
    issue(office, "CV", SEP_29, subject="Về việc rà soát hồ sơ", unit="VHXH")
    wanted = issue(office, "CV", OCT_1, subject="Về việc báo cáo", unit="VHXH")
    for typed in ("02UBNDVHXH", "02ubndvhxh", "02UBND VHXH", "02/UBNDVHXH"):
        hits = office.search(typed)
        assert [h.document.code for h in hits] == [wanted.code], typed
        assert hits[0].exact
    # Filtered, the key still finds it, and a filter it fails still leaves it out.
    assert codes(office, "02UBNDVHXH", unit="VHXH") == [wanted.code]
    assert codes(office, "02UBNDVHXH", date_from=NOV_3) == []
    assert codes(office, "02UBNDVHXH", type_key="KH") == []


def test_a_command_taking_a_document_reads_its_code_in_any_form(office: Office) -> None:
    from vanban.errors import AmbiguousError

    wanted = issue(office, "CV", OCT_1, subject="Về việc báo cáo", unit="VHXH")
    for typed in ("01 ubnd vhxh", "01UBNDVHXH", "01 UBND-VHXH", "01/UBND-VHXH"):
        assert office.get(typed).id == wanted.id, typed
    assert office.get("01ubndvhxh", year=2025).id == wanted.id
    with pytest.raises(NotFoundError):
        office.get("01ubndvhxh", year=2024)
    with pytest.raises(InputError, match="không phải là số, ký hiệu"):
        office.get("99 ubnd vhxh")
    # The same code received from two senders: named with both, refused.
    office.receive("5/UBND-VP", sender="SKHCN", on=OCT_1, subject="Một")
    office.add_org("SNV", "Sở Nội vụ thành phố Hải Phòng")
    office.receive("5/UBND-VP", sender="SNV", on=OCT_1, subject="Hai")
    with pytest.raises(AmbiguousError, match=r"Có 2 văn bản 05/UBND-VP: #\d+"):
        office.get("05 ubnd vp")


def test_a_decision_is_found_by_its_code_without_the_d_stroke(office: Office) -> None:
    decision = issue(office, "QĐ", SEP_29, subject="Thành lập tổ công tác")
    assert decision.code == "01/QĐ-UBND"
    assert codes(office, "01/QD-UBND") == [decision.code]
    assert office.search("01 qd ubnd")[0].exact


def test_the_subject_ranks_above_a_word_found_only_in_the_body(office: Office) -> None:
    issue(office, "BC", SEP_29, subject="Báo cáo kết quả tháng 9")  # words rarer, as in a register
    in_subject = issue(office, "KH", SEP_29, subject="Tập huấn an toàn thông tin")
    in_body = issue(
        office, "KH", OCT_1, subject="Kế hoạch công tác tháng 10", body="Tổ chức tập huấn an toàn thông tin."
    )
    assert codes(office, "tap huan an toan") == [in_subject.code, in_body.code]


def test_equal_relevance_shows_the_newest_first(office: Office) -> None:
    older = issue(office, "TB", SEP_29, subject="Thông báo lịch tiếp công dân")
    newer = issue(office, "TB", OCT_1, subject="Thông báo lịch tiếp công dân")
    assert codes(office, "lich tiep cong dan") == [newer.code, older.code]


def test_sender_signer_notes_assignments_and_outcomes_are_searched(office: Office) -> None:
    received = office.receive(
        "15/KH-SKHCN",
        sender="SKHCN",
        on=SEP_29,
        subject="Về việc triển khai nhiệm vụ",
        signer="Phạm Thị Hằng",
    )
    assert codes(office, "so khoa hoc cong nghe") == [received.code]
    assert codes(office, "pham thi hang") == [received.code]
    office.as_user("chutich").assign(
        received.id, lead="VHXH", note="Giao phòng Văn hóa phối hợp Đoàn thanh niên"
    )
    assert codes(office, "doan thanh nien") == [received.code]
    plan = issue(office, "KH", OCT_1, subject="Tổ chức hội thi")
    office.fire(plan.id, "start", note="Đã họp triển khai với trường Tiểu học Phú Thái")
    assert codes(office, "truong tieu hoc") == [plan.code]
    office.add_outcome(plan.id, text="Tổ chức 12 lớp bồi dưỡng kỹ năng số", quantity=12, unit="lớp")
    assert codes(office, "boi duong ky nang") == [plan.code]


def test_the_body_of_a_document_is_searched(office: Office) -> None:
    plan = issue(office, "KH", SEP_29, subject="Kế hoạch", body="Phổ cập kỹ năng số cho người cao tuổi.")
    assert codes(office, "nguoi cao tuoi") == [plan.code]


def test_a_draft_edited_is_found_by_its_new_subject_only(office: Office) -> None:
    draft = office.draft("KH", subject="Tổ chức lễ hội mùa xuân")
    office.edit(draft.id, subject="Tổ chức hội chợ nông sản")
    assert [h.document.id for h in office.search("hoi cho nong san")] == [draft.id]
    assert office.search("le hoi mua xuan") == []


def test_the_subject_tells_where_the_words_matched(office: Office) -> None:
    from vanban.domain.search import mark, read_query

    issue(office, "KH", SEP_29, subject="Triển khai Bình dân học vụ số")
    hit = office.search("binh dan hoc vu s")[0]
    subject = hit.document.subject
    assert [subject[a:b] for a, b in hit.spans] == ["Bình", "dân", "học", "vụ", "số"]
    query = read_query("binh dan")
    assert query is not None
    assert mark(subject, query) == "Triển khai [Bình] [dân] học vụ số"


def test_another_office_documents_are_never_found(office: Office, db_url: str) -> None:
    issue(office, "KH", SEP_29, subject="Bình dân học vụ số")
    other = Office(db_url, user="vanthu")
    other.add_org("UBNDX", "Ủy ban nhân dân xã Bên Cạnh", place="Bên Cạnh")
    with other.engine.begin() as conn:
        org_id = conn.execute(text("SELECT id FROM organizations WHERE code = 'UBNDX'")).scalar_one()
        conn.execute(text("UPDATE organizations SET own = :t WHERE id = :i"), {"t": True, "i": org_id})
    other.add_user("khac", name="Người Khác", roles=["van_thu"])
    with other.engine.begin() as conn:
        conn.execute(text("UPDATE users SET office_id = :o WHERE login = 'khac'"), {"o": org_id})
    assert other.as_user("khac").search("binh dan") == []
    other.close()


# ---------------------------------------------------------------------------- filters


def test_the_filters_of_a_listing_narrow_a_search(office: Office) -> None:
    office.add_unit("TP", "Tư pháp")
    a = issue(office, "CV", SEP_29, subject="Rà soát hộ nghèo", unit="VHXH")
    b = issue(office, "CV", OCT_1, subject="Rà soát hộ cận nghèo", unit="TP")
    c = issue(office, "KH", NOV_3, subject="Rà soát hộ nghèo cuối năm", deadline=NOV_3 + timedelta(days=30))
    r = office.receive(
        "7/TB-SKHCN", sender="SKHCN", on=OCT_1, subject="Rà soát thiết bị", signer="Lê Văn Tám"
    )
    assert sorted(codes(office, "ra soat")) == sorted([a.code, b.code, c.code, r.code])
    assert codes(office, "ra soat", unit="TP") == [b.code]
    assert codes(office, "ra soat", type_key="KH") == [c.code]
    assert codes(office, "ra soat", direction="in") == [r.code]
    assert codes(office, "ra soat", sender="SKHCN") == [r.code]
    assert codes(office, "ra soat", signer="Văn Tám") == [r.code]
    assert sorted(codes(office, "ra soat", date_from=OCT_1, date_to="31/10/2025")) == sorted([b.code, r.code])
    assert codes(office, "ra soat", deadline_before=date(2026, 1, 1)) == [c.code]
    assert codes(office, "ra soat", status="issued", date_from=NOV_3) == [c.code]


def test_the_same_filters_narrow_a_listing(office: Office) -> None:
    office.add_unit("TP", "Tư pháp")
    issue(office, "CV", SEP_29, subject="Rà soát hộ nghèo", unit="VHXH")
    b = issue(office, "CV", OCT_1, subject="Rà soát hộ cận nghèo", unit="TP")
    late = issue(office, "KH", SEP_29, subject="Kế hoạch", deadline=OCT_1)
    office.fire(late.id, "start")
    assert [d.code for d in office.documents(unit="TP")] == [b.code]
    assert [d.code for d in office.documents(overdue=True)] == [late.code]
    assert [d.code for d in office.documents(date_from=OCT_1)] == [b.code]
    assert [d.code for d in office.documents(signer="Phúc Công", date_to=SEP_29)] == [
        "01/UBND-VHXH",
        late.code,
    ]


def test_overdue_is_judged_by_the_assignments_deadline_as_the_leadership_view_judges_it(
    office: Office, clock: Callable[[date], None]
) -> None:
    clock(date(2026, 12, 6))
    # Without a deadline of its own, assigned with one that has passed: overdue.
    assigned = issue(office, "CV", date(2026, 11, 2), subject="Rà soát hộ nghèo", unit="VHXH")
    office.assign(assigned.id, lead="VHXH", deadline=date(2026, 12, 1))
    # Its own deadline passed, assigned with a later one: the assignment's counts, not overdue.
    extended = issue(
        office,
        "CV",
        date(2026, 11, 3),
        subject="Rà soát hộ cận nghèo",
        unit="VHXH",
        deadline=date(2026, 11, 20),
    )
    office.assign(extended.id, lead="VHXH", deadline=date(2026, 12, 20))
    # Its own deadline passed, never assigned: overdue.
    own = issue(office, "KH", date(2026, 11, 4), subject="Kế hoạch rà soát", deadline=date(2026, 11, 30))
    late = sorted([assigned.code, own.code])
    assert sorted(r.document.code for r in office.status(overdue=True).items) == late
    assert sorted(d.code for d in office.documents(overdue=True)) == late
    assert sorted(codes(office, "ra soat", overdue=True)) == late  # type: ignore[type-var]
    assert sorted(d.code for d in office.documents(overdue=True, direction="out", year=2026)) == late
    # "Due before" reads the same deadline: the assignment's where there is one.
    due = sorted(d.code for d in office.documents(deadline_before=date(2026, 12, 10)))
    assert due == late


def test_the_signer_filter_matches_without_diacritics_or_capitals(office: Office) -> None:
    a = issue(office, "CV", SEP_29, subject="Rà soát hộ nghèo", unit="VHXH")
    r = office.receive("7/TB-SKHCN", sender="SKHCN", on=OCT_1, subject="Rà soát", signer="Đỗ Thị Đào")
    for typed in ("Phúc Công", "phuc cong", "PHUC CONG", "phúc công", "Phuc"):
        assert [d.code for d in office.documents(signer=typed)] == [a.code], typed
        assert codes(office, "ra soat", signer=typed) == [a.code], typed
    for typed in ("do thi dao", "DO THI", "đỗ thị đào", "Do Thi Đao"):
        assert [d.code for d in office.documents(signer=typed)] == [r.code], typed
    # A LIKE wildcard typed is a character to find, not a pattern.
    assert office.documents(signer="%") == []
    assert office.documents(signer="p_uc") == []


def test_the_sender_filter_reads_the_sender_as_receive_does(office: Office) -> None:
    from vanban.errors import AmbiguousError

    office.add_org("SNV", "Sở Nội vụ thành phố Hải Phòng")
    r = office.receive("7/TB-SKHCN", sender="so khoa hoc", on=OCT_1, subject="Rà soát thiết bị")
    n = office.receive("8/SNV-CCVC", sender="SNV", on=OCT_1, subject="Rà soát biên chế")
    for typed in ("so khoa hoc", "Sở Khoa học", "SKHCN", "skhcn", "skh"):
        assert [d.code for d in office.documents(sender=typed)] == [r.code], typed
        assert codes(office, "ra soat", sender=typed) == [r.code], typed
    assert [d.code for d in office.documents(sender="so noi vu")] == [n.code]
    # "so" begins both: refused with the candidates, as receive --from refuses it.
    with pytest.raises(AmbiguousError) as refused:
        office.documents(sender="so")
    assert "SKHCN" in refused.value.message and "SNV" in refused.value.message
    assert "#" in refused.value.message and "--sender #" in (refused.value.hint or "")
    with pytest.raises(AmbiguousError):
        office.receive("9/SNV-CCVC", sender="so", on=OCT_1, subject="Ba")


def test_a_filter_naming_nothing_known_is_refused(office: Office) -> None:
    with pytest.raises(NotFoundError, match="Không có đơn vị «XYZ»"):
        office.search("ra soat", unit="XYZ")
    with pytest.raises(NotFoundError, match="Không có cơ quan"):
        office.documents(sender="Bộ Không Có")
    with pytest.raises(InputError, match="Khoảng ngày ngược"):
        office.search("ra soat", date_from=NOV_3, date_to=OCT_1)
    with pytest.raises(InputError):
        office.documents(date_from="31/2/2025")


# ---------------------------------------------------------------------------- bad input


def _snapshot(office: Office) -> tuple[int, int]:
    with office.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(documents)).scalar_one(),
            conn.execute(select(func.count()).select_from(events)).scalar_one(),
        )


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "* ( ) -",
        '"binh" NEAR(dan) AND -so*',
        "binh* OR dan^2 {code}:x",
        "'; DROP TABLE documents; --",
        "1' OR '1'='1",
        "%_%\\",
        "ww* +ww -x @3 ~y <z >t",
        "binh:* & !dan | so",
    ],
)
def test_query_syntax_of_any_engine_is_only_punctuation(office: Office, query: str) -> None:
    plan = issue(office, "KH", SEP_29, subject="Bình dân học vụ số")
    before = _snapshot(office)
    hits = office.search(query)
    assert all(h.document.id == plan.id for h in hits)
    assert _snapshot(office) == before


def test_operators_around_real_words_still_find_them(office: Office) -> None:
    plan = issue(office, "KH", SEP_29, subject="Bình dân học vụ số")
    assert codes(office, '"binh" AND (dan) -hoc*') == []  # "and" is a word the subject lacks
    assert codes(office, '"binh" (dan) -hoc* NEAR') == []
    assert codes(office, '"binh" (dan) -hoc*') == [plan.code]


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_an_empty_query_is_refused_in_vietnamese(office: Office, query: str) -> None:
    with pytest.raises(InputError, match=r"không được để trống|Thiếu"):
        office.search(query)


def test_a_query_of_only_punctuation_finds_nothing(office: Office) -> None:
    issue(office, "KH", SEP_29, subject="Bình dân học vụ số")
    assert office.search("?!…—/") == []


def test_a_ten_thousand_character_query_is_refused_and_nothing_changes(office: Office) -> None:
    issue(office, "KH", SEP_29, subject="Bình dân học vụ số")
    before = _snapshot(office)
    with pytest.raises(InputError, match="tối đa"):
        office.search("binh " * 2000)
    with pytest.raises(InputError, match="tối đa"):
        office.search("x" * 10_000)
    assert _snapshot(office) == before


def test_too_many_words_or_a_word_too_long_is_refused(office: Office) -> None:
    with pytest.raises(InputError, match="từ, tối đa"):
        office.search(" ".join(f"t{i}" for i in range(20)))
    with pytest.raises(InputError, match=r"Một từ tìm dài tối đa 40 ký tự; từ «a+…» dài 60"):
        office.search("a" * 60)


def test_a_query_over_its_limit_is_refused_naming_that_limit_not_a_words(office: Office) -> None:
    # One word of 201 letters is over both limits: the whole query's is the one named.
    with pytest.raises(InputError) as refused:
        office.search("a" * 201)
    assert refused.value.message == "Câu tìm dài 201 ký tự, tối đa 200."
    with pytest.raises(InputError) as refused:
        office.search("a" * 41)
    assert "tối đa 40" in refused.value.message and "dài 41" in refused.value.message
    assert "tối đa 200" in (refused.value.hint or "")


def test_a_control_character_in_the_query_is_refused(office: Office) -> None:
    with pytest.raises(InputError, match="điều khiển"):
        office.search("binh\x1b[31m")


# ---------------------------------------------------------------------------- the demo, prefixed


def test_the_demo_register_answers_binh_dan_hoc_vu_so_with_the_documents_that_say_it(empty_db: str) -> None:
    from vanban.office.demo import build_demo
    from vanban.store.engine import connect

    # A register beside a host's tables: the index, its triggers and routines follow the prefix.
    engine, _ = connect(empty_db, create=True, prefix="vb_")
    office, _report = build_demo(engine)  # type: ignore[arg-type]
    hits = office.search("binh dan hoc vu so")
    with office.engine.connect() as conn:
        saying = conn.execute(
            text("SELECT count(*) FROM vb_documents WHERE subject LIKE '%Bình dân học vụ số%'")
        ).scalar_one()
    assert saying >= 3
    # Those whose subject says it come first; others say it in their notes or outcomes.
    assert all("Bình dân học vụ số" in h.document.subject for h in hits[:saying])
    assert not any("Bình dân học vụ số" in h.document.subject for h in hits[saying:])
    office.close()


@pytest.mark.parametrize("dense", [1, 34])
def test_only_the_newest_matches_are_ranked_and_the_code_typed_still_comes_first(
    office: Office, monkeypatch: pytest.MonkeyPatch, dense: int
) -> None:
    # PostgreSQL: with dense=1 the newest 4 hold all 3 ranked (nothing is read below them),
    # with 34 the GIN index gathers the matches.
    rank_few(monkeypatch, dense)
    old = issue(office, "KH", SEP_29, subject="Lễ hội truyền thống")
    plan = issue(office, "KH", SEP_29, subject="Kế hoạch chuyển đổi số")
    later = [
        issue(
            office,
            "KH",
            OCT_1 + timedelta(days=i),
            subject=f"Triển khai Kế hoạch {plan.code}",
            body="Nội dung về chuyển đổi số",
        )
        for i in range(6)
    ]
    newest = [d.id for d in reversed(later)]

    hits = office.search(plan.code or "", limit=2)  # older than the 3 newest matches: still first
    assert [(h.document.id, h.exact) for h in hits] == [(plan.id, True), (newest[0], False)]
    # The plan says it in its subject, the others only in their body; but only the newest 3
    # matches are ranked when 2 are asked for, and all 50 when 50 are.
    assert [h.document.id for h in office.search("chuyen doi so", limit=2)] == newest[:2]
    assert office.search("chuyen doi so")[0].document.id == plan.id
    # None of the newest documents match: the office's older ones are looked through.
    assert codes(office, "le hoi") == [old.code]


@pytest.mark.parametrize("dense", [1, 2])
def test_the_newest_matches_are_the_same_however_the_office_is_read(
    office: Office, monkeypatch: pytest.MonkeyPatch, dense: int
) -> None:
    # PostgreSQL reads the office's newest PROBE documents first; when fewer than RANKED match
    # there, it reads on through the office if at least DENSE did (dense=1: the one newest
    # match), else it asks the GIN index (dense=2). Either way the same newest 3 are ranked.
    rank_few(monkeypatch, dense)
    for _ in range(8):  # the words in a few documents only, as a ranking needs (SQLite's bm25)
        issue(office, "KH", SEP_29, subject="Phòng chống thiên tai")
    best = issue(office, "KH", SEP_29, subject="Lễ hội truyền thống")  # the others: in the body
    said = {"subject": "Kế hoạch năm 2025", "body": "Lễ hội truyền thống"}
    older = [issue(office, "KH", SEP_29 + timedelta(days=1 + i), **said) for i in range(3)]
    newer = issue(office, "KH", OCT_1 + timedelta(days=3), **said)
    for i in range(3):
        issue(office, "KH", OCT_1 + timedelta(days=4 + i), subject="Tiêm chủng mở rộng")
    # The best-ranked match is not among the newest 3 when 2 are asked for.
    assert [h.document.id for h in office.search("le hoi", limit=2)] == [newer.id, older[2].id]
    hits = [h.document.id for h in office.search("le hoi")]
    assert hits == [best.id, newer.id, *(d.id for d in reversed(older))]


@pytest.mark.parametrize("dense", [1, 34])
def test_a_filtered_search_ranks_the_newest_matches_an_unfiltered_one_ranks(
    office: Office, monkeypatch: pytest.MonkeyPatch, dense: int
) -> None:
    # Mail arrives in the order it is registered, each letter with its sender's own date: the
    # newest registered are not the latest dated. A search within one register (as the web desk's
    # always is) must rank the same newest matches as the search of the whole office, not others.
    rank_few(monkeypatch, dense)
    sent_on = [date(2025, 10, d) for d in (20, 2, 15, 1, 9, 3)]
    for i, on in enumerate(sent_on):
        office.receive(
            f"{i + 1}/TB-SKHCN",
            sender="SKHCN",
            on=on,
            arrived=date(2025, 10, 21 + i),
            subject="Thông báo" if i != 4 else "Thông báo về lễ hội",  # the one ranked best
            body="Lễ hội truyền thống",
        )
    everywhere = [h.document.code for h in office.search("le hoi", limit=2)]
    assert everywhere[0] == "05/TB-SKHCN"
    assert codes(office, "le hoi", limit=2, direction="in") == everywhere
    assert codes(office, "le hoi", limit=2, type_key="TB") == everywhere
    assert codes(office, "le hoi", limit=2, sender="SKHCN") == everywhere


@pytest.mark.parametrize("dense", [1, 34])
def test_a_search_within_a_register_stays_in_the_index_and_finds_what_a_joined_search_finds(
    office: Office, monkeypatch: pytest.MonkeyPatch, dense: int
) -> None:
    # The web desk always searches within one register: the index row holds the direction, so
    # such a search (with dates or not) is answered by the index alone, giving the documents a
    # search joining each match to its document gives.
    from vanban.store import search_query

    rank_few(monkeypatch, dense)
    out = [
        issue(office, "CV", date(2025, 10, d), subject=f"Rà soát hộ nghèo đợt {i}", unit="VHXH")
        for i, d in enumerate((1, 2, 9, 15, 20))
    ]
    came = [
        office.receive(
            f"{i + 1}/TB-SKHCN", sender="SKHCN", on=date(2025, 10, d), subject=f"Rà soát thiết bị {i}"
        )
        for i, d in enumerate((3, 18, 7, 25, 11))
    ]
    original = search_query.search
    index_paths: list[bool] = []

    def spied(*args: object, **kwargs: object) -> object:
        index_paths.append(bool(kwargs["within_index"]))
        return original(*args, **kwargs)  # type: ignore[arg-type]

    def joined(*args: object, **kwargs: object) -> object:
        return original(*args, **{**kwargs, "within_index": False})  # type: ignore[arg-type]

    def hits(query: str, **filters: object) -> list[tuple[int, bool]]:
        return [(h.document.id, h.exact) for h in office.search(query, limit=2, **filters)]  # type: ignore[arg-type]

    registers: list[dict[str, object]] = [
        {"direction": "out"},
        {"direction": "in"},
        {"direction": "out", "date_from": date(2025, 10, 2), "date_to": date(2025, 10, 15)},
        {"direction": "in", "date_from": date(2025, 10, 7)},
        {"direction": "in", "date_to": date(2025, 10, 11)},
    ]
    queries = ["ra soat", out[3].code or "", came[1].code or "", "thiet bi"]
    for query in queries:
        for filters in registers:
            monkeypatch.setattr(search_query, "search", spied)
            found = hits(query, **filters)
            monkeypatch.setattr(search_query, "search", joined)
            assert found == hits(query, **filters), (query, filters)
    assert index_paths == [True] * len(queries) * len(registers)
    monkeypatch.setattr(search_query, "search", original)
    # The document whose code is the query comes first in its register, never in the other.
    assert hits(out[3].code or "", direction="out")[0] == (out[3].id, True)
    assert out[3].id not in {i for i, _ in hits(out[3].code or "", direction="in")}
    assert hits(came[1].code or "", direction="in")[0] == (came[1].id, True)
    in_late = hits("ra soat", direction="in", date_from=date(2025, 10, 18))
    assert sorted(i for i, _ in in_late) == sorted([came[1].id, came[3].id])
    # A search of both registers, after those of one (its statement is another): both registers.
    both = [d.id for d in (*out, *came)]
    assert {h.document.id for h in office.search("ra soat")} == set(both)
