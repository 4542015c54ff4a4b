"""Issued means frozen through the API and the command line too; drafts are edited by their author
and the roles the workflow names, each edit in the history with its before and after."""

from __future__ import annotations

import contextlib
import io
from datetime import date
from typing import Any

import pytest

from vanban import Office
from vanban.errors import FrozenError, PermissionDeniedError, TransitionError

SEP_29 = date(2025, 9, 29)


def run_cli(db: str, *args: str) -> tuple[int, str, str]:
    from vanban.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(["--db", db, *args])
        except SystemExit as exit_:
            return int(exit_.code or 0), out.getvalue(), err.getvalue()
    raise AssertionError("main returned without exiting")


def dump(office: Office) -> list[tuple[Any, ...]]:
    from sqlalchemy import select

    from vanban.store.tables import metadata

    rows: list[tuple[Any, ...]] = []
    with office.engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows += [(table.name, *r) for r in conn.execute(select(table).order_by(*table.primary_key))]
    return rows


@pytest.fixture
def issued(office: Office) -> Office:
    """A công văn 01/UBND-VHXH and a report 01/BC-UBND issued, a decision 01/QĐ-UBND issued."""
    office.register("CV", unit="VHXH", subject="Triển khai chuyển đổi số", on=SEP_29, recipients=["Các thôn"])
    office.register("BC", subject="Báo cáo tháng 9", on=SEP_29, signer="Nguyễn Phúc Công", title="Chủ tịch")
    office.register("QĐ", subject="Thành lập tổ công tác", on=SEP_29)
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
    assert code == 2 and "Chưa có gì để sửa" in err
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
    from vanban.domain.workflow import default_workflows, load_workflows

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
