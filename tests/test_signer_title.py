"""The signer's title (chức vụ) comes from the person who signs: a user carries the title they
sign with, written into the signature block when they sign through the lifecycle or are named
by their login at issue; changing it is an event with the old and the new title, and documents
already signed keep theirs. An empty or overlong title is refused, nothing changed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from databases import dump
from vanban import Office
from vanban.errors import InputError, NotFoundError, PermissionDeniedError

if TYPE_CHECKING:
    from conftest import Cli

SEP_29 = date(2025, 9, 29)


def test_a_chairman_who_signs_through_the_lifecycle_signs_with_his_own_title(office: Office) -> None:
    office.set_user_title("chutich", "Chủ tịch")
    doc = office.as_user("chuyenvien").draft("KH", subject="Kế hoạch chuyển đổi số")
    office.as_user("chuyenvien").fire(doc.id, "submit")
    signed = office.as_user("chutich").fire(doc.id, "sign", authority="TM")
    assert (signed.signer_name, signed.signer_title, signed.signer_authority) == (
        "Nguyễn Phúc Công",
        "Chủ tịch",
        "TM.",
    )
    issued = office.issue(doc.id, on=SEP_29)
    assert (issued.code, issued.signer_title) == ("01/KH-UBND", "Chủ tịch")


def test_a_title_typed_at_the_signing_step_wins_over_the_users_own(office: Office) -> None:
    office.add_user("pct", name="Trần Văn Phó", roles=["lanh_dao"], title="Phó Chủ tịch")
    doc = office.as_user("chuyenvien").draft("BC", subject="Báo cáo tháng 9")
    office.as_user("chuyenvien").fire(doc.id, "submit")
    signed = office.as_user("pct").fire(doc.id, "sign", title="Q. Chủ tịch")
    assert signed.signer_title == "Q. Chủ tịch"


def test_a_leader_named_by_login_at_issue_brings_his_title(office: Office) -> None:
    office.set_user_title("chutich", "Chủ tịch")
    plan = office.register("KH", subject="Kế hoạch", on=SEP_29, signer="chutich")
    assert (plan.signer_name, plan.signer_title) == ("Nguyễn Phúc Công", "Chủ tịch")
    typed = office.register("KH", subject="Kế hoạch 2", on=SEP_29, signer="chutich", title="Phó Chủ tịch")
    assert typed.signer_title == "Phó Chủ tịch"


def test_a_new_title_is_an_event_and_leaves_documents_already_signed_as_they_were(office: Office) -> None:
    office.set_user_title("chutich", "Phó Chủ tịch")
    before = office.register("KH", subject="Kế hoạch", on=SEP_29, signer="chutich")
    changed = office.set_user_title("chutich", "Chủ tịch")
    assert changed.title == "Chủ tịch"
    assert office.get(before.id).signer_title == "Phó Chủ tịch"
    titles = [e.data for e in office.office_events() if e.trigger == "user_title"]
    assert titles[-1] == {"login": "chutich", "old": {"title": "Phó Chủ tịch"}, "new": {"title": "Chủ tịch"}}
    assert office.verify().events > 0  # the chain still verifies (a break raises)
    cleared = office.set_user_title("chutich", None)
    assert cleared.title is None
    assert [u.title for u in office.users() if u.login == "chutich"] == [None]


def test_setting_the_same_title_again_writes_nothing(office: Office) -> None:
    office.set_user_title("chutich", "Chủ tịch")
    before = dump(office)
    assert office.set_user_title("chutich", "Chủ tịch").title == "Chủ tịch"
    assert dump(office) == before


@pytest.mark.parametrize("title", ["", "   ", "x" * 121])
def test_an_empty_or_overlong_title_is_refused_and_changes_nothing(office: Office, title: str) -> None:
    before = dump(office)
    with pytest.raises(InputError) as refused:
        office.set_user_title("chutich", title)
    assert "chức vụ" in refused.value.message.lower()
    with pytest.raises(InputError):
        office.add_user("pct", name="Trần Văn Phó", roles=["lanh_dao"], title=title)
    assert dump(office) == before


def test_only_an_administrator_changes_a_title_and_only_of_someone_there(office: Office) -> None:
    before = dump(office)
    with pytest.raises(PermissionDeniedError):
        office.as_user("chutich").set_user_title("chutich", "Chủ tịch")
    with pytest.raises(NotFoundError, match="khachla"):
        office.set_user_title("khachla", "Chủ tịch")
    assert dump(office) == before


def test_the_command_line_writes_and_shows_the_title(office: Office, db_url: str, cli: Cli) -> None:
    added = cli.ok_json(
        db_url,
        "user",
        "add",
        "pct",
        "--name",
        "Trần Văn Phó",
        "--role",
        "lãnh đạo",
        "--title",
        "Phó Chủ tịch",
    )
    assert added == {"login": "pct", "name": "Trần Văn Phó", "title": "Phó Chủ tịch", "roles": ["lanh_dao"]}
    assert "Chủ tịch" in cli.ok(db_url, "user", "title", "chutich", "Chủ tịch").out
    listed = cli.ok(db_url, "user", "list").out
    assert "Chức vụ" in listed and "Phó Chủ tịch" in listed
    draft = cli.ok_json(db_url, "draft", "KH", "--subject", "Kế hoạch")
    plan = cli.ok_json(db_url, "issue", str(draft["id"]), "--date", "29/9/2025", "--signer", "chutich")
    assert office.get(plan["id"]).signer_title == "Chủ tịch"
    assert cli.ok_json(db_url, "user", "title", "chutich", "--clear")["title"] is None


def test_the_command_line_refuses_both_or_neither_and_a_blank_title(
    office: Office, db_url: str, cli: Cli
) -> None:
    before = dump(office)
    for args in (("chutich",), ("chutich", "Chủ tịch", "--clear"), ("chutich", "")):
        refused = cli.run(db_url, "user", "title", *args)
        assert refused.code != 0 and refused.out == "", args
        assert "Traceback" not in refused.err and "chức vụ" in refused.err.lower(), refused.err
    assert dump(office) == before
