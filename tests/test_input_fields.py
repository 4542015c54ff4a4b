"""Each check of one input names it on the error it raises (VanbanError.field), in the use
cases' parameter names, so that a form, the API and ``--json`` can say which input to correct;
a refusal about no one input names none."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from databases import dump
from vanban.errors import InputError, NotFoundError, RuleError, VanbanError
from vanban.office.inputs import about, edited, signature

if TYPE_CHECKING:
    from conftest import Cli
    from vanban import Office


def refused(call: Any) -> VanbanError:
    with pytest.raises(VanbanError) as caught:
        call()
    return caught.value


def test_an_error_names_no_input_unless_told() -> None:
    assert InputError("Sai.").field is None
    assert InputError("Sai.", hint="Sửa.", field="subject").field == "subject"
    assert str(InputError("Sai.", hint="Sửa.", field="subject")) == "Sai. Sửa."


def test_about_names_the_input_of_an_error_raised_inside_and_keeps_a_name_given_already() -> None:
    with pytest.raises(InputError) as caught, about("deadline"):
        raise InputError("Ngày không đọc được.")
    assert caught.value.field == "deadline"
    with pytest.raises(InputError) as inner, about("sender"):
        raise InputError("Tên quá dài.", field="sender_name")
    assert inner.value.field == "sender_name"


def test_the_checks_of_an_edit_and_a_signature_name_their_input() -> None:
    assert refused(lambda: edited({"subject": ""})).field == "subject"
    assert refused(lambda: edited({"deadline": "32/13/2025"})).field == "deadline"
    assert refused(lambda: edited({"urgency": "rất gấp lắm"})).field == "urgency"
    assert refused(lambda: signature(None, None, "XYZ")).field == "authority"
    assert refused(lambda: signature("", None, None)).field == "signer"
    assert refused(lambda: signature(None, "", None)).field == "title"


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"type_key": "KHONGCO", "subject": "Kế hoạch"}, "type"),
        ({"type_key": "KH", "subject": ""}, "subject"),
        ({"type_key": "KH", "subject": "x" * 2001}, "subject"),
        ({"type_key": "KH", "subject": "Kế hoạch", "deadline": "31/2/2025"}, "deadline"),
        ({"type_key": "KH", "subject": "Kế hoạch", "body": "a\x00b"}, "body"),
        ({"type_key": "KH", "subject": "Kế hoạch", "unit": "KHONGCO"}, "unit"),
        ({"type_key": "CV", "subject": "Về việc họp"}, "unit"),
    ],
)
def test_a_draft_s_refusal_names_its_input_and_writes_nothing(
    office: Office, fields: dict[str, Any], named: str
) -> None:
    before = dump(office)
    given = dict(fields)  # the parameters are shared by the engines' runs
    type_key = given.pop("type_key")
    assert refused(lambda: office.draft(type_key, **given)).field == named
    assert dump(office) == before


RECEIPT: dict[str, Any] = {"sender": "SKHCN", "on": date(2025, 9, 29), "subject": "Về việc chuyển đổi số"}


@pytest.mark.parametrize(
    ("code", "changed", "named"),
    [
        ("", {}, "code"),
        ("12/SKHCN-VP", {"sender": None}, "sender"),
        ("12/SKHCN-VP", {"sender": "KHONGCO"}, "sender"),
        ("12/SKHCN-VP", {"sender": None, "sender_name": ""}, "sender_name"),
        ("12/SKHCN-VP", {"on": "30/2/2025"}, "date"),
        ("12/SKHCN-VP", {"arrived": date(2099, 1, 1)}, "arrived"),
        ("12/SKHCN-VP", {"arrived": date(2025, 9, 1)}, "arrived"),
        ("12/SKHCN-VP", {"deadline": date(2025, 9, 1)}, "deadline"),
        ("12/SKHCN-VP", {"type_key": "KHONGCO"}, "type"),
        ("12/SKHCN-VP", {"subject": " "}, "subject"),
    ],
)
def test_a_receipt_s_refusal_names_its_input(
    office: Office, code: str, changed: dict[str, Any], named: str
) -> None:
    assert refused(lambda: office.receive(code, **{**RECEIPT, **changed})).field == named
    assert office.documents(direction="in") == []


def test_the_filters_of_a_listing_name_the_one_refused(office: Office) -> None:
    assert refused(lambda: office.documents(unit="KHONGCO")).field == "unit"
    assert refused(lambda: office.documents(sender="KHONGCO")).field == "sender"
    assert refused(lambda: office.documents(type_key="KHONGCO")).field == "type"
    assert refused(lambda: office.documents(status="khong co")).field == "status"
    assert refused(lambda: office.documents(year=99)).field == "year"
    assert refused(lambda: office.documents(date_from="32/1/2025")).field == "date_from"
    backwards = refused(lambda: office.documents(date_from=date(2025, 2, 1), date_to=date(2025, 1, 1)))
    assert backwards.field == "date_to"
    assert refused(lambda: office.search(" ".join(f"tu{i}" for i in range(20)))).field == "q"


def test_a_rule_about_no_one_input_names_none(office: Office) -> None:
    office.receive("12/SKHCN-VP", **RECEIPT)
    again = refused(lambda: office.receive("12/SKHCN-VP", **RECEIPT))
    assert isinstance(again, RuleError) and again.field is None
    gone = refused(lambda: office.issue(999_999))
    assert isinstance(gone, NotFoundError) and gone.field is None


def test_the_json_error_of_the_command_line_names_the_input(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái")
    ran = cli.run(db, "--json", "draft", "KH", "--subject", "Kế hoạch", "--unit", "KHONGCO")
    error = json.loads(ran.err)
    assert ran.code == error["exit_code"] == 2
    assert error == {
        "error": "Không có đơn vị «KHONGCO».",
        "hint": "Xem vanban unit list, hoặc thêm bằng vanban unit add.",
        "exit_code": 2,
        "field": "unit",
    }
    shown = cli.run(db, "--json", "show", "999/KH-UBND")
    assert set(json.loads(shown.err)) == {"error", "hint", "exit_code"}  # about no one input
