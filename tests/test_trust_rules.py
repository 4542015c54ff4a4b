"""Issued means frozen through the API and the command line too; drafts are edited by their author
and the roles the workflow names, each edit in the history with its before and after."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from databases import dump, run_cli
from vanban import Office
from vanban.errors import FrozenError, PermissionDeniedError, TransitionError

SEP_29 = date(2025, 9, 29)


@pytest.fixture
def issued(office: Office) -> Office:
    """A công văn 01/UBND-VHXH and a report 01/BC-UBND issued, a decision 01/QĐ-UBND issued."""
    office.register(
        "CV",
        unit="VHXH",
        subject="Triển khai chuyển đổi số",
        on=SEP_29,
        recipients=["Các thôn"],
        signer="chutich",
    )
    office.register("BC", subject="Báo cáo tháng 9", on=SEP_29, signer="Nguyễn Phúc Công", title="Chủ tịch")
    office.register("QĐ", subject="Thành lập tổ công tác", on=SEP_29, signer="chutich")
    return office


@pytest.mark.parametrize(
    ("ref", "who", "fields", "named"),
    [
        ("01/UBND-VHXH", "vanthu", {"subject": "Trích yếu khác"}, "trích yếu"),
        ("01/BC-UBND", "vanthu", {"signer_name": "Người khác"}, "người ký"),
        ("01/BC-UBND", "chutich", {"recipients": ["Sở Nội vụ"], "urgency": "khẩn"}, "nơi nhận, mức độ khẩn"),
        ("01/QĐ-UBND", "chuyenvien", {"body": "Nội dung khác"}, "nội dung"),
    ],
)
def test_an_issued_document_is_refused_an_edit_of_its_record_and_nothing_changes(
    issued: Office, ref: str, who: str, fields: dict[str, Any], named: str
) -> None:
    before = dump(issued)
    with pytest.raises(FrozenError) as refused:
        issued.as_user(who).edit(ref, **fields)
    assert refused.value.exit_code == 1
    assert refused.value.message == f"{ref} đã ban hành: {named} không sửa được nữa."
    assert "Điều 18" in (refused.value.hint or "") and "vanban recall" in (refused.value.hint or "")
    assert dump(issued) == before


def test_the_command_line_refuses_too_with_exit_1_and_no_traceback(issued: Office, db_url: str) -> None:
    before = dump(issued)
    code, out, err = run_cli(db_url, "--as", "vanthu", "edit", "01/UBND-VHXH", "--subject", "Khác")
    assert (code, out) == (1, "")
    assert err.startswith("Lỗi: 01/UBND-VHXH đã ban hành: trích yếu không sửa được nữa.")
    assert "Gợi ý:" in err and "Traceback" not in err
    code, _, err = run_cli(db_url, "edit", "01/UBND-VHXH")
    assert code == 2 and "Chưa nói sửa gì" in err
    assert dump(issued) == before


def test_the_deadline_of_an_issued_document_is_still_edited_and_the_history_shows_it(
    issued: Office, db_url: str
) -> None:
    issued.edit("01/QĐ-UBND", deadline=date(2025, 10, 31))
    code, out, _ = run_cli(db_url, "history", "01/QĐ-UBND")
    assert code == 0
    assert "thời hạn giải quyết: «trống» → «2025-10-31»" in " ".join(out.split())


def test_a_draft_is_edited_by_its_author_and_the_editor_roles_with_before_and_after(office: Office) -> None:
    office.add_user("chuyenvien2", name="Phạm Văn Hai", roles=["chuyen_vien"])
    draft = office.as_user("chuyenvien").draft("KH", subject="Kế hoạch tháng 10")
    office.as_user("chuyenvien").edit(draft.id, subject="Kế hoạch tháng 10 năm 2025")
    office.as_user("chutich").edit(draft.id, recipients=["Các thôn"])
    before = dump(office)
    with pytest.raises(PermissionDeniedError) as refused:
        office.as_user("chuyenvien2").edit(draft.id, subject="Của người khác")
    assert "Chỉ người soạn" in refused.value.message and "Lãnh đạo" in refused.value.message
    assert dump(office) == before
    edits = [e for e in office.history(draft.id) if e.trigger == "edit"]
    assert [(e.actor, e.data["old"], e.data["new"]) for e in edits] == [
        ("chuyenvien", {"subject": "Kế hoạch tháng 10"}, {"subject": "Kế hoạch tháng 10 năm 2025"}),
        ("chutich", {"recipients": []}, {"recipients": ["Các thôn"]}),
    ]


def test_a_cancelled_draft_is_not_edited(office: Office) -> None:
    draft = office.draft("KH", subject="Kế hoạch bỏ")
    office.fire(draft.id, "cancel")
    before = dump(office)
    with pytest.raises(TransitionError, match="Đã hủy"):
        office.edit(draft.id, subject="Sửa sau khi hủy")
    assert dump(office) == before


def test_a_workflow_names_who_edits_a_draft(tmp_path: Any) -> None:
    from vanban.domain.workflow_files import default_workflows, load_workflows

    folder = tmp_path / "quy-trinh"
    folder.mkdir()
    for wf in default_workflows():
        assert wf.source_file is not None
        text = wf.source_file.read_text(encoding="utf-8")
        if wf.name == "directive":
            text = text.replace('initial = "drafted"', 'initial = "drafted"\neditors = ["van_thu"]')
        (folder / wf.source_file.name).write_text(text, encoding="utf-8")
    loaded = load_workflows(folder)
    from vanban.domain.model import Role

    assert loaded.get("directive").editors == {Role.VAN_THU}
    assert loaded.get("report").editors == {Role.LANH_DAO, Role.VAN_THU}
    (folder / "directive.toml").write_text(
        (folder / "directive.toml").read_text(encoding="utf-8").replace('["van_thu"]', '["thu_ky"]'),
        encoding="utf-8",
    )
    from vanban.errors import WorkflowError

    with pytest.raises(WorkflowError, match="thu_ky"):
        load_workflows(folder)


# ---------------------------------------------------------------- Điều 18: recall, replace, correct


def test_a_recalled_document_says_so_in_show_history_the_book_and_render(
    issued: Office, db_url: str, tmp_path: Any
) -> None:
    from docx import Document as Docx

    from vanban.office.papers import register_book, render_document

    recalled = issued.as_user("chutich").recall("01/QĐ-UBND", reason="Ban hành sai thẩm quyền")
    assert recalled.status == "recalled"
    (event,) = [e for e in issued.history("01/QĐ-UBND") if e.trigger == "recall"]
    assert (event.actor, event.note) == ("chutich", "Ban hành sai thẩm quyền")
    code, out, _ = run_cli(db_url, "show", "01/QĐ-UBND")
    assert code == 0 and "Đã thu hồi ngày" in out and "Ban hành sai thẩm quyền" in " ".join(out.split())
    book = register_book(issued, "out", 2025)
    notes = {row[0]: row[-1] for row in book.rows}
    assert "Đã thu hồi ngày" in str(notes["01/QĐ-UBND"]) and "sai thẩm quyền" in str(notes["01/QĐ-UBND"])
    assert notes["01/UBND-VHXH"] == ""
    out_file = tmp_path / "qd.docx"
    render_document(issued, "01/QĐ-UBND", out_file)
    first = Docx(str(out_file)).paragraphs[0].text
    assert first.startswith("ĐÃ THU HỒI NGÀY") and "BAN HÀNH SAI THẨM QUYỀN" in first
    clean = tmp_path / "cv.docx"
    render_document(issued, "01/UBND-VHXH", clean)
    assert not any("THU HỒI" in p.text for p in Docx(str(clean)).paragraphs)
    assert issued.verify().recorded == 3


def test_a_recall_needs_a_reason_and_a_document_the_office_issued(issued: Office, db_url: str) -> None:
    from vanban.errors import InputError, RuleError

    issued.receive("12/KH-SKHCN", sender="SKHCN", on=SEP_29, subject="Kế hoạch của Sở", arrived=SEP_29)
    draft = issued.draft("KH", subject="Chưa ban hành")
    before = dump(issued)
    with pytest.raises(InputError):
        issued.recall("01/QĐ-UBND", reason="   ")
    for ref in ("12/KH-SKHCN", draft.id):
        with pytest.raises(RuleError, match="không phải văn bản cơ quan đã ban hành"):
            issued.recall(ref, reason="Sai")
    code, out, err = run_cli(db_url, "recall", "01/QĐ-UBND")
    assert code == 2 and out == "" and "--reason" in err
    code, _, err = run_cli(db_url, "recall", "99/QĐ-UBND", "--reason", "Sai")
    assert code == 2 and "Lỗi:" in err and "Traceback" not in err
    assert dump(issued) == before


def test_a_replacement_is_recorded_on_the_replaced_document_with_its_reason(issued: Office) -> None:
    new = issued.register(
        "QĐ", subject="Thành lập tổ công tác (thay thế)", on=date(2025, 10, 2), signer="chutich"
    )
    replaced = issued.replace("01/QĐ-UBND", by=new.id, reason="Sai thành phần tổ công tác")
    assert replaced.status == "replaced"
    event = [e for e in issued.history("01/QĐ-UBND") if e.trigger == "replace"][-1]
    assert event.note == "Sai thành phần tổ công tác (thay thế bởi 02/QĐ-UBND)"
    trace = issued.trace("02/QĐ-UBND")
    assert any(b.document.code == "01/QĐ-UBND" for b in trace.upstream)
    from vanban.errors import LinkError, RuleError

    draft = issued.draft("QĐ", subject="Chưa ban hành")
    before = dump(issued)
    with pytest.raises(RuleError, match="chưa ban hành"):
        issued.replace("02/QĐ-UBND", by=draft.id, reason="Sai")
    with pytest.raises(LinkError):
        issued.replace("01/UBND-VHXH", by="02/QĐ-UBND", reason="Khác loại")
    assert dump(issued) == before
    assert issued.verify().recorded == 4


def test_a_correction_is_a_cong_van_linked_to_what_it_corrects(issued: Office, db_url: str) -> None:
    draft = issued.as_user("chuyenvien").correct("01/BC-UBND", reason="Sai ngày ở đoạn 2", unit="VHXH")
    assert (draft.type_key, draft.status, draft.subject) == ("CV", "drafted", "Đính chính 01/BC-UBND")
    assert issued.get("01/BC-UBND").status == "issued"  # stays in force
    event = [e for e in issued.history("01/BC-UBND") if e.trigger == "correct"][-1]
    assert (event.note, event.data["by"]) == ("Sai ngày ở đoạn 2", draft.id)
    code, out, _ = run_cli(db_url, "history", "01/BC-UBND")
    assert code == 0 and "Đính chính" in out
    trace = issued.trace(draft.id)
    assert any(b.document.code == "01/BC-UBND" for b in trace.upstream)
    assert issued.verify().recorded == 3


# ---------------------------------------------------------------- the signer, separation of duties


def test_the_signer_is_recorded_at_the_step_that_signs_and_printed(
    office: Office, db_url: str, tmp_path: Any
) -> None:
    from docx import Document as Docx

    from vanban.office.papers import register_book, render_document

    doc = office.as_user("chuyenvien").draft("CV", unit="VHXH", subject="Triển khai", recipients=["Các thôn"])
    office.as_user("chuyenvien").fire(doc.id, "submit")
    code, _, err = run_cli(
        db_url, "--as", "chutich", "do", str(doc.id), "sign", "--title", "Chủ tịch", "--authority", "TM"
    )
    assert (code, err) == (0, "")
    signed = office.get(doc.id)
    assert (signed.signer_name, signed.signer_title, signed.signer_authority) == (
        "Nguyễn Phúc Công",
        "Chủ tịch",
        "TM.",
    )
    sign = [e for e in office.history(doc.id) if e.trigger == "sign"][-1]
    assert sign.data == {
        "signer_name": "Nguyễn Phúc Công",
        "signer_title": "Chủ tịch",
        "signer_authority": "TM.",
    }
    issued = office.issue(doc.id, on=SEP_29)  # signed at the sign step: nothing to type
    assert issued.signer_name == "Nguyễn Phúc Công"
    rows = register_book(office, "out", 2025).rows
    assert [row[3] for row in rows] == ["Nguyễn Phúc Công"]  # Người ký
    out = tmp_path / "cv.docx"
    render_document(office, issued.id, out)
    text = "\n".join(p.text for p in Docx(str(out)).paragraphs) + "\n".join(
        c.text for t in Docx(str(out)).tables for r in t.rows for c in r.cells
    )
    assert "Nguyễn Phúc Công" in text and "CHỦ TỊCH" in text
    assert office.verify().recorded == 1


def _workflows_without_separation(tmp_path: Any) -> Any:
    """The shipped workflows, the directive one without its «separate» line."""
    from vanban.domain.workflow_files import default_workflows, load_workflows

    folder = tmp_path / "quy-trinh"
    folder.mkdir()
    for wf in default_workflows():
        assert wf.source_file is not None
        text = wf.source_file.read_text(encoding="utf-8")
        if wf.name == "directive":
            assert 'separate = [["sign", "issue"]]' in text
            text = text.replace('separate = [["sign", "issue"]]', "")
        (folder / wf.source_file.name).write_text(text, encoding="utf-8")
    return load_workflows(folder)


def test_the_shipped_workflows_keep_who_signs_from_numbering(office: Office) -> None:
    office.add_user("pct", name="Trần Văn Phó", roles=["lanh_dao", "van_thu"])
    deputy = office.as_user("pct")
    doc = deputy.draft("KH", subject="Kế hoạch")
    deputy.fire(doc.id, "submit")
    deputy.fire(doc.id, "sign", title="Phó Chủ tịch", authority="KT")
    before = dump(office)
    with pytest.raises(PermissionDeniedError, match="không được «Ban hành»"):
        deputy.issue(doc.id, on=SEP_29)
    assert dump(office) == before
    issued = office.issue(doc.id, on=SEP_29)
    assert (issued.number, issued.signer_name) == (1, "Trần Văn Phó")


def test_a_workflow_may_leave_signing_and_numbering_to_one_person(office: Office, tmp_path: Any) -> None:
    office.add_user("pct", name="Trần Văn Phó", roles=["lanh_dao", "van_thu"])
    together = Office(office.store.bind, user="pct", workflows=_workflows_without_separation(tmp_path))
    doc = together.draft("KH", subject="Kế hoạch")
    together.fire(doc.id, "submit")
    together.fire(doc.id, "sign", title="Phó Chủ tịch", authority="KT")
    assert together.issue(doc.id, on=SEP_29).number == 1
