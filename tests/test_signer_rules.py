"""No number without a signer (Nghị định 30, Điều 8): the type catalogue says which types need
one, and issuing such a document unsigned is refused in the API, the command line, the web desk
and the REST API alike, nothing changed. A clerk names the chairman by his login; a document
signed in vanban keeps its signer; who signs does not number."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from databases import dump
from vanban import Office
from vanban.errors import InputError, PermissionDeniedError, RuleError

if TYPE_CHECKING:
    from conftest import Cli

SEP_29 = date(2025, 9, 29)


def test_the_catalogue_says_every_type_an_office_issues_needs_a_signer() -> None:
    from vanban.domain.types import ALL_TYPES

    for doc_type in ALL_TYPES:
        assert doc_type.signer_required is doc_type.issuable, doc_type.key


def test_issuing_a_draft_without_a_signer_is_refused_and_changes_nothing(office: Office) -> None:
    doc = office.draft("CV", unit="VHXH", subject="Triển khai Ngày hội Đổi mới sáng tạo")
    before = dump(office)
    with pytest.raises(RuleError) as refused:
        office.issue(doc.id, on=SEP_29)
    assert refused.value.exit_code == 1
    assert "chưa có người ký" in refused.value.message and "Điều 8" in refused.value.message
    assert "--signer" in (refused.value.hint or "") and "ký" in (refused.value.hint or "")
    assert dump(office) == before
    assert office.get(doc.id).number is None


def test_registering_a_paper_document_without_its_signer_is_refused_and_changes_nothing(
    office: Office,
) -> None:
    before = dump(office)
    with pytest.raises(RuleError, match="chưa có người ký"):
        office.register("QĐ", subject="Thành lập tổ công nghệ số cộng đồng", on=SEP_29)
    assert dump(office) == before


def test_firing_the_issue_step_by_name_without_a_signer_is_refused_too(office: Office) -> None:
    doc = office.draft("KH", subject="Kế hoạch chưa ký")
    before = dump(office)
    with pytest.raises(RuleError, match="chưa có người ký"):
        office.fire(doc.id, "issue")
    assert dump(office) == before


def test_the_login_of_a_leader_names_the_signer_as_the_office_recorded_him(office: Office) -> None:
    doc = office.draft("CV", unit="VHXH", subject="Triển khai")
    issued = office.issue(doc.id, on=SEP_29, signer="chutich", title="Chủ tịch", authority="TM")
    assert (issued.signer_name, issued.signer_title, issued.signer_authority) == (
        "Nguyễn Phúc Công",
        "Chủ tịch",
        "TM.",
    )
    plan = office.register("KH", subject="Kế hoạch", on=SEP_29, signer="chutich")
    assert plan.signer_name == "Nguyễn Phúc Công"


def test_the_login_of_someone_who_may_not_sign_is_refused_not_recorded(office: Office) -> None:
    doc = office.draft("KH", subject="Kế hoạch")
    before = dump(office)
    with pytest.raises(RuleError, match="không có vai trò ký") as refused:
        office.issue(doc.id, on=SEP_29, signer="chuyenvien")
    assert "Lê Văn Chuyên" in refused.value.message
    assert dump(office) == before


def test_one_word_that_is_no_login_is_refused_rather_than_recorded_as_a_signer(office: Office) -> None:
    doc = office.draft("KH", subject="Kế hoạch")
    before = dump(office)
    with pytest.raises(InputError, match="«chutch»") as refused:
        office.issue(doc.id, on=SEP_29, signer="chutch")
    assert refused.value.exit_code == 2
    with pytest.raises(InputError, match="«chutch»"):
        office.register("KH", subject="Kế hoạch", on=SEP_29, signer="chutch")
    assert dump(office) == before


def test_a_full_name_is_taken_as_typed(office: Office) -> None:
    doc = office.draft("KH", subject="Kế hoạch")
    assert office.issue(doc.id, on=SEP_29, signer="Phạm Văn Khách").signer_name == "Phạm Văn Khách"


def test_a_document_signed_in_vanban_is_issued_without_typing_and_keeps_its_signer(office: Office) -> None:
    doc = office.as_user("chuyenvien").draft("KH", subject="Kế hoạch")
    office.as_user("chuyenvien").fire(doc.id, "submit")
    office.as_user("chutich").fire(doc.id, "sign", title="Chủ tịch", authority="TM")
    before = dump(office)
    with pytest.raises(RuleError, match="đã được Nguyễn Phúc Công ký"):
        office.issue(doc.id, on=SEP_29, signer="Phạm Văn Khác")
    assert dump(office) == before
    issued = office.issue(doc.id, on=SEP_29)
    assert (issued.number, issued.signer_name, issued.signer_title) == (1, "Nguyễn Phúc Công", "Chủ tịch")


def test_a_leader_who_also_keeps_the_register_does_not_number_what_he_signed(office: Office) -> None:
    office.add_user("pct", name="Trần Văn Phó", roles=["lanh_dao", "van_thu"])
    deputy = office.as_user("pct")
    doc = deputy.draft("BC", subject="Báo cáo tháng 9")
    deputy.fire(doc.id, "submit")
    deputy.fire(doc.id, "sign", title="Phó Chủ tịch", authority="KT")
    before = dump(office)
    with pytest.raises(PermissionDeniedError, match="không được «Ban hành»"):
        deputy.issue(doc.id, on=SEP_29)
    assert dump(office) == before
    assert office.issue(doc.id, on=SEP_29).code == "01/BC-UBND"


def test_the_command_line_refuses_an_unsigned_issue_with_a_hint_and_takes_the_leaders_login(
    office: Office, db_url: str, cli: Cli
) -> None:
    doc = office.draft("CV", unit="VHXH", subject="Triển khai Ngày hội Đổi mới sáng tạo")
    before = dump(office)
    refused = cli.run(db_url, "issue", str(doc.id), "--date", "30/9/2025")
    assert refused.code == 1 and refused.out == ""
    assert "chưa có người ký" in refused.err and "--signer" in refused.err
    assert "Traceback" not in refused.err
    assert dump(office) == before
    issued = cli.ok_json(
        db_url, "issue", str(doc.id), "--date", "30/9/2025", "--signer", "chutich", "--title", "Chủ tịch"
    )
    assert (issued["code"], issued["signer"]) == ("01/UBND-VHXH", "Nguyễn Phúc Công")


def test_editing_a_drafts_signer_follows_the_rule_of_issue(office: Office) -> None:
    doc = office.draft("KH", subject="Kế hoạch")
    before = dump(office)
    with pytest.raises(InputError, match="«chutichx»") as refused:
        office.edit(doc.id, signer_name="chutichx")
    assert refused.value.exit_code == 2 and "--signer" in (refused.value.hint or "")
    with pytest.raises(RuleError, match="không có vai trò ký"):
        office.edit(doc.id, signer_name="chuyenvien")
    assert dump(office) == before
    # A leader's login is written as his name and title, as issue --signer writes them.
    office.set_user_title("chutich", "Chủ tịch")
    edited = office.edit(doc.id, signer_name="chutich")
    assert (edited.signer_name, edited.signer_title) == ("Nguyễn Phúc Công", "Chủ tịch")
    edited = office.edit(doc.id, signer_name="Phạm Văn Khách", signer_title="Phó Chủ tịch")
    assert (edited.signer_name, edited.signer_title) == ("Phạm Văn Khách", "Phó Chủ tịch")
    assert office.issue(doc.id, on=SEP_29).signer_name == "Phạm Văn Khách"


def test_the_command_line_edit_refuses_one_word_that_is_no_login(
    office: Office, db_url: str, cli: Cli
) -> None:
    doc = office.draft("KH", subject="Kế hoạch")
    before = dump(office)
    refused = cli.run(db_url, "edit", str(doc.id), "--signer", "chutichx")
    assert refused.code == 2 and refused.out == ""
    assert "Không có người dùng «chutichx»" in refused.err and "--signer" in refused.err
    assert "Traceback" not in refused.err
    assert dump(office) == before


def test_a_signer_stored_before_the_rule_is_checked_again_when_the_draft_is_issued(office: Office) -> None:
    from sqlalchemy import update

    from vanban.store.tables import documents

    office.set_user_title("chutich", "Chủ tịch")
    plan, letter = office.draft("KH", subject="Kế hoạch"), office.draft("BC", subject="Báo cáo")
    with office.engine.begin() as conn:  # a register written before edit checked the signer
        conn.execute(update(documents).where(documents.c.id == plan.id).values(signer_name="chutichx"))
        conn.execute(update(documents).where(documents.c.id == letter.id).values(signer_name="chutich"))
    before = dump(office)
    with pytest.raises(InputError, match="«chutichx»") as refused:
        office.issue(plan.id, on=SEP_29)
    assert refused.value.exit_code == 2
    assert dump(office) == before
    assert office.get(plan.id).number is None
    issued = office.issue(letter.id, on=SEP_29)
    assert (issued.signer_name, issued.signer_title) == ("Nguyễn Phúc Công", "Chủ tịch")
