"""Thu hồi and thay thế need their reason on every path (Nghị định 30, Điều 18): the workflow
marks the step ``reason``, and a replacement, which names the document replacing and links it,
is fired only by its own use case (``command``), never by the generic step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from databases import dump, run_cli
from vanban import Office
from vanban.domain.workflow_files import default_workflows, load_workflows
from vanban.errors import InputError, WorkflowError

SEP_29 = date(2025, 9, 29)


@pytest.fixture
def issued(office: Office) -> Office:
    """A plan 01/KH-UBND and a report 01/BC-UBND issued."""
    office.register("KH", subject="Kế hoạch chuyển đổi số", on=SEP_29, signer="chutich")
    office.register("BC", subject="Báo cáo tháng 9", on=SEP_29, signer="chutich")
    return office


def test_every_shipped_recall_and_replace_needs_a_reason_and_replace_its_command() -> None:
    flows = default_workflows()
    seen = 0
    for wf in flows:
        for spec in wf.transitions:
            if spec.trigger in ("recall", "replace"):
                seen += 1
                assert spec.reason, (wf.name, spec.trigger)
                assert spec.command == ("replace" if spec.trigger == "replace" else None)
    assert seen == 4  # directive and report; an incoming document is recalled by its sender


def test_a_workflow_file_with_an_unknown_command_or_a_reason_not_true_or_false_is_refused(
    tmp_path: Path,
) -> None:
    from vanban.domain import workflow_files

    folder = Path(workflow_files.__file__).parents[3] / "workflows"
    for name in ("directive.toml", "report.toml", "incoming.toml"):
        text = (folder / name).read_text(encoding="utf-8")
        if name == "directive.toml":
            text = text.replace('command = "replace"', 'command = "thay"').replace(
                "reason = true", 'reason = "có"', 1
            )
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(WorkflowError) as refused:
        load_workflows(tmp_path)
    assert "lệnh «thay»" in str(refused.value) and "replace" in str(refused.value)
    assert "reason" in str(refused.value)


@pytest.mark.parametrize("note", [None, "", "   "])
def test_the_generic_step_refuses_a_recall_without_a_reason_and_changes_nothing(
    issued: Office, note: str | None
) -> None:
    before = dump(issued)
    with pytest.raises(InputError) as refused:
        issued.fire("01/KH-UBND", "recall", note=note)
    if note is None:
        assert "«Thu hồi»" in refused.value.message and "phải ghi lý do" in refused.value.message
        assert "--note" in (refused.value.hint or "") and "Lý do" in (refused.value.hint or "")
    else:  # a blank note is refused as blank, as on every step
        assert "Ghi chú" in refused.value.message
    assert dump(issued) == before


def test_a_recall_with_a_reason_through_the_generic_step_is_recorded_with_its_note(issued: Office) -> None:
    recalled = issued.fire("01/KH-UBND", "recall", note="Ban hành sai thẩm quyền")
    assert recalled.status == "recalled"
    (event,) = [e for e in issued.history("01/KH-UBND") if e.trigger == "recall"]
    assert event.note == "Ban hành sai thẩm quyền"
    assert issued.verify().recorded == 2


def test_the_generic_step_refuses_a_replacement_even_with_a_reason_and_names_the_command(
    issued: Office,
) -> None:
    before = dump(issued)
    for ref in ("01/KH-UBND", "01/BC-UBND"):
        with pytest.raises(InputError, match=r"«Thay thế».*văn bản thay thế") as refused:
            issued.fire(ref, "replace", note="Sai số liệu")
        assert "vanban replace" in (refused.value.hint or "") and "--by" in (refused.value.hint or "")
    assert dump(issued) == before


def test_the_replace_use_case_still_replaces_and_links(issued: Office) -> None:
    new = issued.register("KH", subject="Kế hoạch chuyển đổi số (thay thế)", on=SEP_29, signer="chutich")
    replaced = issued.replace("01/KH-UBND", by=new.id, reason="Sai chỉ tiêu")
    assert replaced.status == "replaced"
    event = [e for e in issued.history("01/KH-UBND") if e.trigger == "replace"][-1]
    assert event.note == "Sai chỉ tiêu (thay thế bởi 02/KH-UBND)"
    assert any(b.document.code == "01/KH-UBND" for b in issued.trace("02/KH-UBND").upstream)


def test_vanban_do_refuses_recall_and_replace_without_what_they_need_with_exit_2(
    issued: Office, db_url: str
) -> None:
    before = dump(issued)
    code, out, err = run_cli(db_url, "do", "01/KH-UBND", "Thu hồi")
    assert code == 2 and out == "" and "Traceback" not in err
    assert "«Thu hồi»" in err and "lý do" in err and "--note" in err
    code, out, err = run_cli(db_url, "do", "01/KH-UBND", "thay thế", "--note", "Sai số liệu")
    assert code == 2 and out == "" and "Traceback" not in err
    assert "vanban replace 01/KH-UBND --by" in " ".join(err.split())
    assert dump(issued) == before
    code, out, _ = run_cli(db_url, "actions", "01/KH-UBND")
    assert code == 0 and "Thu hồi" in out and "Thay thế" in out  # shown: the refusal says how
    code, out, err = run_cli(db_url, "do", "01/KH-UBND", "thu hồi", "--note", "Sai thẩm quyền")
    assert code == 0, err
    assert "Đã thu hồi" in out
    assert [e.note for e in issued.history("01/KH-UBND") if e.trigger == "recall"] == ["Sai thẩm quyền"]


def test_a_link_that_voids_a_document_is_made_only_by_who_may_take_that_step(issued: Office) -> None:
    from vanban.errors import PermissionDeniedError

    new = issued.register("KH", subject="Kế hoạch chuyển đổi số (thay thế)", on=SEP_29, signer="chutich")
    issued.add_user("cv1", name="Lê Văn Chuyên", roles=["chuyen_vien"])
    before = dump(issued)
    with pytest.raises(PermissionDeniedError, match=r"«Thay thế».*«cv1»") as refused:
        issued.as_user("cv1").link(new.id, "01/KH-UBND", "replaces")
    assert "Văn thư" in (refused.value.hint or "") or "văn thư" in (refused.value.hint or "")
    assert dump(issued) == before
    # The clerk, who may replace, makes the same link: the old plan is replaced, the link naming why.
    issued.link(new.id, "01/KH-UBND", "replaces")
    assert issued.get("01/KH-UBND").status == "replaced"
    event = [e for e in issued.history("01/KH-UBND") if e.trigger == "replace"][-1]
    assert new.code is not None and new.code in (event.note or "")
