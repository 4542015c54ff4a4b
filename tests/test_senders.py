"""Receiving from a sender named by the beginning of its name, without diacritics, or by its full
name not yet registered (added with the receipt, in the same transaction)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from test_input_boundary import refused
from vanban.domain.issuers import abbreviation_for
from vanban.domain.search import begins_with, name_key
from vanban.errors import AmbiguousError, InputError, NotFoundError, RuleError

if TYPE_CHECKING:
    from conftest import Cli
    from vanban import Office

NOV_3 = date(2025, 11, 3)
SNV = "Sở Nội vụ thành phố Hải Phòng"


def receive(office: Office, code: str, **sender: str) -> tuple[str, str]:
    doc = office.receive(code, on=NOV_3, subject="Về việc thi tuyển công chức", arrived=NOV_3, **sender)
    return doc.issuer_code, doc.issuer_name


def orgs(office: Office) -> list[tuple[str, str]]:
    return sorted((o.code, o.name) for o in office.orgs())


# ------------------------------------------------------------------------------ pure rules


def test_a_name_begins_with_words_typed_without_diacritics_the_last_one_cut_short() -> None:
    assert begins_with(SNV, "so noi vu")
    assert begins_with(SNV, "SỞ NỘI V")
    assert begins_with("Đảng ủy xã Phú Thái", "dang uy")
    assert not begins_with(SNV, "noi vu")
    assert not begins_with(SNV, "so noi vu thanh pho hai phong cu")
    assert not begins_with(SNV, "--")


def test_a_name_key_folds_case_diacritics_d_and_spaces() -> None:
    assert name_key("  SỞ  Nội   vụ thành phố Hải Phòng ") == name_key("so noi vu thanh pho hai phong")
    assert name_key("Đảng ủy") == "dang uy"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        (SNV, "SNV"),
        ("Trung tâm Y tế huyện An Lão", "TTYT"),
        ("Đảng ủy xã Phú Thái", "ĐU"),
        ("Ban Chỉ huy Quân sự xã Phú Thái", "BCHQS"),
        ("Công an xã Phú Thái", "CA"),
    ],
)
def test_a_code_is_made_from_the_initials_of_a_name_before_its_place(name: str, code: str) -> None:
    assert abbreviation_for(name) == code


# ------------------------------------------------------------------------------ the API, every engine


def test_a_sender_not_yet_registered_is_added_with_the_receipt(office: Office) -> None:
    assert receive(office, "12/SNV-CCVC", sender_name=SNV) == ("SNV", SNV)
    assert ("SNV", SNV) in orgs(office)
    history = [e.trigger for e in office.history(office.get("12/SNV-CCVC").id)]
    assert history == ["receive", "register"]


def test_a_sender_named_in_full_again_any_case_and_without_diacritics_is_the_same_one(office: Office) -> None:
    receive(office, "12/SNV-CCVC", sender_name=SNV)
    assert receive(office, "13/SNV-CCVC", sender_name="so noi vu  THANH PHO hai phong") == ("SNV", SNV)
    assert [code for code, _ in orgs(office)].count("SNV") == 1


def test_a_new_sender_takes_the_code_given_with_its_name(office: Office) -> None:
    assert receive(office, "12/SNV-CCVC", sender="snvhp", sender_name=SNV) == ("SNVHP", SNV)


def test_a_known_name_given_with_another_code_is_refused_and_nothing_changes(office: Office) -> None:
    receive(office, "12/SNV-CCVC", sender_name=SNV)
    error = refused(office, lambda: receive(office, "13/SNV-CCVC", sender="SNVHP", sender_name=SNV))
    assert isinstance(error, RuleError)
    assert "SNV" in error.message and "--from SNV" in (error.hint or "")


def test_a_receipt_refused_for_another_reason_does_not_add_its_sender(office: Office) -> None:
    error = refused(
        office,
        lambda: office.receive(
            "12/SNV-CCVC", sender_name=SNV, on=NOV_3, subject="Về việc", arrived=date(2025, 11, 1)
        ),
    )
    assert "Ngày đến" in error.message
    assert ("SNV", SNV) not in orgs(office)


def test_a_sender_is_found_by_the_beginning_of_its_name_without_diacritics(office: Office) -> None:
    office.add_org("SNV", SNV)
    assert receive(office, "12/SNV-CCVC", sender="so noi vu") == ("SNV", SNV)
    assert receive(office, "13/SNV-CCVC", sender="Sở nội") == ("SNV", SNV)


def test_a_sender_is_found_by_the_beginning_of_its_code(office: Office) -> None:
    office.add_org("SNV", SNV)
    assert receive(office, "12/SNV-CCVC", sender="sn") == ("SNV", SNV)


def test_a_whole_name_wins_over_longer_names_it_begins(office: Office) -> None:
    office.add_org("SNV", SNV)
    office.add_org("BNV", "Bộ Nội vụ")
    office.add_org("BNVTW", "Bộ Nội vụ Trung ương cũ")
    assert receive(office, "12/BNV-VP", sender="bo noi vu") == ("BNV", "Bộ Nội vụ")


def test_an_ambiguous_beginning_is_refused_with_the_candidates_and_nothing_changes(office: Office) -> None:
    office.add_org("SNV", SNV)
    error = refused(office, lambda: receive(office, "12/SNV-CCVC", sender="so"))
    assert isinstance(error, AmbiguousError)
    assert "SNV — Sở Nội vụ thành phố Hải Phòng" in error.message
    assert "SKHCN — Sở Khoa học và Công nghệ thành phố Hải Phòng" in error.message
    assert "--from #" in (error.hint or "")


def test_an_unknown_sender_is_refused_with_both_ways_to_add_it(office: Office) -> None:
    error = refused(office, lambda: receive(office, "12/SNV-CCVC", sender="so noi vu"))
    assert isinstance(error, NotFoundError)
    assert "vanban org add" in (error.hint or "") and "--from-name" in (error.hint or "")


def test_an_own_office_is_not_taken_for_a_sender_when_another_matches(office: Office) -> None:
    # "uy ban" begins both the commune itself and its parent's name: the mail is the parent's.
    office.add_org("UBNDTP", "Ủy ban nhân dân thành phố Hải Phòng")
    assert receive(office, "12/UBND-VP", sender="uy ban") == ("UBNDTP", "Ủy ban nhân dân thành phố Hải Phòng")


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        ({}, InputError),
        ({"sender_name": "   "}, InputError),
        ({"sender_name": "Sở \x1b[2J"}, InputError),
        ({"sender_name": "S" * 300}, InputError),
        ({"sender_name": SNV, "sender": "SNV HP"}, InputError),
        ({"sender_name": SNV, "sender": "СНВ"}, InputError),  # Cyrillic look-alikes
        ({"sender": "'; DROP TABLE organizations; --"}, NotFoundError),
        ({"sender": "%"}, NotFoundError),
    ],
)
def test_a_bad_sender_is_refused_and_nothing_changes(
    office: Office, sender: dict[str, str], expected: type[Exception]
) -> None:
    error = refused(office, lambda: receive(office, "12/SNV-CCVC", **sender))
    assert isinstance(error, expected)


def test_a_sender_named_with_markup_is_kept_as_text(office: Office) -> None:
    name = "Sở <b>Nội vụ</b> & Cơ quan"
    assert receive(office, "12/SNV-CCVC", sender="SNV", sender_name=name) == ("SNV", name)


def test_only_a_clerk_adds_a_sender_with_a_receipt(office: Office) -> None:
    from vanban import Office as OfficeClass

    officer = OfficeClass(office.engine, user="chuyenvien")
    error = refused(office, lambda: receive(officer, "12/SNV-CCVC", sender_name=SNV))
    assert isinstance(error, RuleError)
    assert ("SNV", SNV) not in orgs(office)


# ------------------------------------------------------------------------------ the command line


def test_receive_from_name_on_the_command_line_adds_the_sender_to_org_list(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái")
    args = ["--date", "1/11/2025", "--subject", "Về việc thi tuyển", "--arrived", "3/11/2025"]
    ran = cli.ok(db, "receive", "12/SNV-CCVC", "--from-name", SNV, *args)
    assert "SNV — Sở Nội vụ thành phố Hải Phòng" in ran.out
    assert any(o["code"] == "SNV" and o["name"] == SNV for o in cli.ok_json(db, "org", "list"))
    assert cli.ok_json(db, "receive", "13/SNV-CCVC", "--from", "so noi vu", *args)["issuer"] == "SNV"


def test_an_ambiguous_sender_on_the_command_line_lists_the_candidates(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái")
    cli.ok(db, "org", "add", "SNV", SNV)
    cli.ok(db, "org", "add", "SYT", "Sở Y tế thành phố Hải Phòng")
    ran = cli.run(
        db, "--json", "receive", "12/SNV-CCVC", "--from", "so", "--date", "1/11/2025", "--subject", "X"
    )
    error = json.loads(ran.err)
    assert ran.code == error["exit_code"] == 2
    assert "SNV — Sở Nội vụ" in error["error"] and "SYT — Sở Y tế" in error["error"]
    assert cli.ok_json(db, "list") == []


def test_receive_without_any_sender_is_refused_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái")
    ran = cli.run(db, "receive", "12/SNV-CCVC", "--date", "1/11/2025", "--subject", "X")
    assert ran.code == 2 and "Thiếu cơ quan gửi" in ran.err and "--from-name" in ran.err
