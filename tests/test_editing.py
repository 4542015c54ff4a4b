"""Correcting a draft before issue (vanban edit) and starting a draft from another (draft --copy-of)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from test_cli import dump
from test_input_boundary import refused
from vanban.errors import InputError, RuleError

if TYPE_CHECKING:
    from conftest import Cli
    from vanban import Office

SEP_29 = date(2025, 9, 29)


def test_a_draft_s_unit_is_corrected_and_its_code_follows_at_issue(office: Office) -> None:
    office.add_unit("TP", "Tư pháp")
    doc = office.draft("CV", subject="Về việc rà soát", unit="VHXH")
    office.edit(doc.id, unit="TP")
    assert office.issue(doc.id, on=SEP_29, signer="chutich").code == "01/UBND-TP"


def test_editing_the_unit_is_kept_in_the_history_with_old_and_new(office: Office) -> None:
    office.add_unit("TP", "Tư pháp")
    doc = office.draft("CV", subject="Về việc rà soát", unit="VHXH")
    office.edit(doc.id, unit="TP")
    event = office.history(doc.id)[-1]
    assert event.trigger == "edit"
    assert event.data["old"] == {"unit_code": "VHXH"}
    assert event.data["new"] == {"unit_code": "TP"}


def test_an_unknown_unit_changes_nothing(office: Office) -> None:
    doc = office.draft("CV", subject="Về việc rà soát", unit="VHXH")
    error = refused(office, lambda: office.edit(doc.id, unit="KHONGCO"))
    assert "KHONGCO" in error.message


def test_a_cong_van_cannot_lose_its_unit(office: Office) -> None:
    doc = office.draft("CV", subject="Về việc rà soát", unit="VHXH")
    error = refused(office, lambda: office.edit(doc.id, unit=None))
    assert isinstance(error, InputError)


def test_the_unit_of_an_issued_document_stays_in_its_code(office: Office) -> None:
    office.add_unit("TP", "Tư pháp")
    doc = office.register("CV", subject="Về việc rà soát", unit="VHXH", on=SEP_29, signer="chutich")
    error = refused(office, lambda: office.edit(doc.id, unit="TP"))
    assert isinstance(error, RuleError)
    assert "01/UBND-VHXH" in error.message


def test_a_new_draft_starts_from_an_issued_plan_without_its_number_date_or_signer(office: Office) -> None:
    plan = office.register(
        "KH",
        subject="Kế hoạch tổ chức Tết Trung thu năm 2025",
        on=SEP_29,
        signer="chutich",
        recipients=["Các thôn", "Lưu: VT"],
        deadline=date(2025, 10, 6),
        body="Nội dung kế hoạch",
    )
    copy = office.draft_copy(plan.code or "", subject="Kế hoạch tổ chức Tết Trung thu năm 2026")
    assert copy.id != plan.id
    assert copy.type_key == "KH"
    assert copy.subject == "Kế hoạch tổ chức Tết Trung thu năm 2026"
    assert copy.recipients == ["Các thôn", "Lưu: VT"]
    assert copy.body == "Nội dung kế hoạch"
    assert (copy.number, copy.code, copy.signer_name, copy.deadline) == (None, None, None, None)
    assert office.status_label(copy) == office.status_label(office.draft("KH", subject="Kế hoạch khác"))


def test_copying_a_document_that_is_not_there_changes_nothing(office: Office) -> None:
    error = refused(office, lambda: office.draft_copy("999/KH-UBND"))
    assert "999/KH-UBND" in error.message


def test_edit_and_copy_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái")
    cli.ok(db, "unit", "add", "VHXH", "Văn hóa - Xã hội")
    cli.ok(db, "unit", "add", "TP", "Tư pháp")
    made = cli.ok_json(db, "draft", "CV", "--subject", "Về việc rà sóat", "--unit", "VHXH")
    ref = f"#{made['id']}"
    fixed = cli.ok_json(
        db,
        "edit",
        ref,
        "--subject",
        "Về việc rà soát",
        "--unit",
        "TP",
        "--deadline",
        "10/10/2025",
        "--to",
        "Các thôn",
        "--signer",
        "Nguyễn Phúc Công",
    )
    assert fixed["subject"] == "Về việc rà soát"
    assert fixed["deadline"] == "2025-10-10"
    assert cli.ok_json(db, "edit", ref, "--no-deadline")["deadline"] is None
    copied = cli.ok_json(db, "draft", "--copy-of", ref, "--subject", "Về việc rà soát lần 2")
    assert copied["id"] != made["id"] and copied["subject"] == "Về việc rà soát lần 2"


@pytest.mark.parametrize(
    "args",
    [
        ["edit", "#1"],
        ["edit", "#1", "--deadline", "1/10/2025", "--no-deadline"],
        ["edit", "#1", "--deadline", "31/2/2025"],
        ["edit", "#1", "--urgency", "rất gấp"],
        ["draft", "--copy-of", "#1", "KH"],
        ["draft"],
    ],
)
def test_a_bad_edit_on_the_command_line_is_refused_and_changes_nothing(
    cli: Cli, tmp_path: Path, args: list[str]
) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái")
    cli.ok(db, "draft", "KH", "--subject", "Kế hoạch")
    before = dump(db)
    ran = cli.run(db, *args)
    assert ran.code == 2, ran
    assert ran.err.startswith("Lỗi: ") and "Gợi ý: " in ran.err
    assert dump(db) == before
