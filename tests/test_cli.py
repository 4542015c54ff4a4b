"""The command line contract of design.md, on a fresh SQLite file given with --db.

Commands run in process through the ``cli`` fixture (click's CliRunner, tests/conftest.py);
two tests run ``python -m vanban`` as a real process.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Cli

DOC_KEYS = {
    "id",
    "direction",
    "type",
    "code",
    "number",
    "notation",
    "year",
    "date",
    "subject",
    "issuer",
    "unit",
    "status",
    "status_label",
    "deadline",
    "signer",
    "arrival_number",
}
OFFICE_NAME = "Ủy ban nhân dân xã Phú Thái"


def dump(db: Path) -> list[str]:
    """Every row and every piece of schema of the SQLite file, as SQL."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def copy_db(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{source}{suffix}")
        if part.exists():
            shutil.copy(part, Path(f"{target}{suffix}"))
    return target


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VANBAN_DB", raising=False)
    monkeypatch.delenv("VANBAN_USER", raising=False)
    monkeypatch.delenv("VANBAN_WORKFLOWS", raising=False)


# ---------------------------------------------------------------------------- databases


def _init(cli: Cli, db: Path) -> None:
    cli.ok(
        db,
        "init",
        "--org",
        "UBND",
        "--name",
        OFFICE_NAME,
        "--place",
        "Phú Thái",
        "--parent",
        "UBND thành phố Hải Phòng",
        "--login",
        "vanthu",
        "--full-name",
        "Trần Thị Văn Thư",
    )
    cli.ok(db, "unit", "add", "VHXH", "Văn hóa - Xã hội")
    cli.ok(db, "org", "add", "SKHCN", "Sở Khoa học và Công nghệ thành phố Hải Phòng")
    cli.ok(db, "user", "add", "chutich", "--name", "Nguyễn Phúc Công", "--role", "lanh_dao")
    cli.ok(db, "user", "add", "chuyenvien", "--name", "Lê Văn Chuyên", "--role", "chuyen_vien")


@dataclass(frozen=True)
class Populated:
    path: Path
    ids: dict[str, str]


@pytest.fixture(scope="session")
def _setup_template(tmp_path_factory: pytest.TempPathFactory, cli: Cli) -> Path:
    path = tmp_path_factory.mktemp("cli") / "setup.sqlite"
    _init(cli, path)
    return path


@pytest.fixture(scope="session")
def _populated_template(
    tmp_path_factory: pytest.TempPathFactory, _setup_template: Path, cli: Cli
) -> Populated:
    path = copy_db(_setup_template, tmp_path_factory.mktemp("cli") / "populated.sqlite")
    issued = cli.ok_json(path, "draft", "KH", "--subject", "Tổ chức Ngày Chuyển đổi số")["id"]
    cli.ok(path, "issue", str(issued), "--date", "29/9/2025", "--signer", "Nguyễn Phúc Công")
    submitted = cli.ok_json(path, "draft", "KH", "--subject", "Kế hoạch trình ký")["id"]
    cli.ok(path, "--as", "chuyenvien", "do", str(submitted), "submit")
    drafted = cli.ok_json(path, "draft", "KH", "--subject", "Kế hoạch còn dự thảo")["id"]
    incoming = cli.ok_json(
        path,
        "receive",
        "12/KH-SKHCN",
        "--from",
        "SKHCN",
        "--date",
        "1/10/2025",
        "--arrived",
        "2/10/2025",
        "--subject",
        "Kế hoạch của Sở",
    )["id"]
    ids = {"issued": issued, "submitted": submitted, "draft": drafted, "incoming": incoming}
    return Populated(path, {k: str(v) for k, v in ids.items()})


@pytest.fixture
def db(tmp_path: Path, _setup_template: Path) -> Path:
    """An initialised register: office UBND, unit VHXH, sender SKHCN, users vanthu, chutich, chuyenvien."""
    return copy_db(_setup_template, tmp_path / "xa.sqlite")


@pytest.fixture
def populated(tmp_path: Path, _populated_template: Populated) -> Populated:
    """With 01/KH-UBND issued on 29/9/2025, a submitted draft, a draft and 12/KH-SKHCN (số đến 1)."""
    return Populated(copy_db(_populated_template.path, tmp_path / "xa.sqlite"), _populated_template.ids)


# ---------------------------------------------------------------------------- init


def test_init_creates_a_register_in_a_fresh_sqlite_file_given_with_db(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "moi" / "xa.sqlite"
    result = cli.ok(path, "init", "--org", "UBND", "--name", OFFICE_NAME, "--place", "Phú Thái")
    assert path.exists()
    assert OFFICE_NAME in result.out
    assert cli.ok_json(path, "list") == []
    users = cli.ok_json(path, "user", "list")
    assert [u["login"] for u in users] == ["admin"]
    assert set(users[0]["roles"]) >= {"quan_tri"}


def test_init_in_json_names_the_office_and_the_first_admin(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "xa.sqlite"
    data = cli.ok_json(
        path, "init", "--org", "UBND", "--name", OFFICE_NAME, "--place", "Phú Thái", "--login", "vanthu"
    )
    assert data["office"] == {"code": "UBND", "name": OFFICE_NAME, "place": "Phú Thái"}
    assert data["login"] == "vanthu"


def test_running_init_again_on_the_same_file_changes_nothing(db: Path, cli: Cli) -> None:
    before = dump(db)
    cli.ok(db, "init", "--org", "UBND", "--name", OFFICE_NAME, "--place", "Phú Thái", "--login", "vanthu")
    assert [o for o in cli.ok_json(db, "org", "list") if o["own"]] == [
        {"id": 1, "code": "UBND", "name": OFFICE_NAME, "own": True}
    ]
    assert dump(db) == before


def test_a_command_on_a_database_never_initialised_says_to_run_init(tmp_path: Path, cli: Cli) -> None:
    result = cli.run(tmp_path / "trong.sqlite", "list")
    assert result.code == 2
    assert "chưa được khởi tạo" in result.err
    assert "Gợi ý:" in result.err
    assert "vanban init" in result.err
    assert "Traceback" not in result.err


# ---------------------------------------------------------------------------- setup commands


def test_an_external_organization_added_appears_in_the_list(db: Path, cli: Cli) -> None:
    added = cli.ok_json(db, "org", "add", "SNV", "Sở Nội vụ", "--place", "Hải Phòng", "--id", "000.00.00.H30")
    assert (added["code"], added["name"]) == ("SNV", "Sở Nội vụ")
    listed = {o["name"]: o for o in cli.ok_json(db, "org", "list")}
    assert set(listed) == {
        OFFICE_NAME,
        "UBND thành phố Hải Phòng",  # the parent body, registered by init
        "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        "Sở Nội vụ",
    }
    assert [o["own"] for o in cli.ok_json(db, "org", "list") if o["code"] == "UBND"] == [True, False]
    assert listed["Sở Nội vụ"]["own"] is False
    assert "Sở Nội vụ" in cli.ok(db, "org", "list").out


def test_a_drafting_unit_added_appears_in_the_list(db: Path, cli: Cli) -> None:
    assert cli.ok_json(db, "unit", "add", "VP", "Văn phòng") == {"code": "VP", "name": "Văn phòng"}
    assert {u["code"] for u in cli.ok_json(db, "unit", "list")} == {"VHXH", "VP"}
    assert "Văn phòng" in cli.ok(db, "unit", "list").out


def test_a_user_may_hold_several_roles_and_appears_in_the_list(db: Path, cli: Cli) -> None:
    added = cli.ok_json(
        db, "user", "add", "pho", "--name", "Phạm Phó", "--role", "lanh_dao", "--role", "van_thu"
    )
    assert added == {"login": "pho", "name": "Phạm Phó", "title": None, "roles": ["lanh_dao", "van_thu"]}
    users = {u["login"]: u for u in cli.ok_json(db, "user", "list")}
    assert set(users) == {"vanthu", "chutich", "chuyenvien", "pho"}
    assert users["chuyenvien"]["roles"] == ["chuyen_vien"]
    assert "Lãnh đạo" in cli.ok(db, "user", "list").out


def test_setting_a_series_shows_in_the_list_where_it_continues(db: Path, cli: Cli) -> None:
    assert cli.ok_json(db, "series", "set", "KH", "--year", "2025", "--next", "90") == {
        "year": 2025,
        "key": "KH",
        "next": 90,
    }
    listed = cli.ok_json(db, "series", "list", "--year", "2025")
    assert [(s["key"], s["last"]) for s in listed] == [("KH", 89)]
    assert "542" in cli.ok(db, "series", "set", "CV", "--year", "2025", "--next", "542").out
    human = cli.ok(db, "series", "list").out
    assert "Kế hoạch" in human
    assert "Công văn" in human
    assert cli.ok_json(db, "series", "list", "--year", "2024") == []


# ---------------------------------------------------------------------------- documents


def test_a_new_draft_is_printed_with_the_keys_of_the_design(db: Path, cli: Cli) -> None:
    doc = cli.ok_json(
        db, "draft", "KH", "--subject", "Tổ chức Ngày Chuyển đổi số", "--deadline", "31/10/2025"
    )
    assert set(doc) >= DOC_KEYS
    assert doc["type"] == "KH"
    assert doc["direction"] == "out"
    assert doc["status"] == "drafted"
    assert doc["status_label"] == "Dự thảo"
    assert doc["code"] is None
    assert doc["number"] is None
    assert doc["deadline"] == "2025-10-31"
    assert doc["issuer"] == "UBND"
    human = cli.ok(db, "draft", "QD", "--subject", "Quyết định thử")
    assert "#2" in human.out


def test_issuing_prints_the_code_and_numbers_follow_in_order(db: Path, cli: Cli) -> None:
    first = cli.ok_json(db, "draft", "KH", "--subject", "Kế hoạch một")["id"]
    second = cli.ok_json(db, "draft", "KH", "--subject", "Kế hoạch hai")["id"]
    assert (
        cli.ok(db, "issue", str(first), "--date", "29/9/2025", "--signer", "chutich").out.strip()
        == "01/KH-UBND"
    )
    doc = cli.ok_json(
        db,
        "issue",
        f"#{second}",
        "--date",
        "2025-09-30",
        "--signer",
        "Nguyễn Phúc Công",
        "--title",
        "Chủ tịch",
        "--authority",
        "TM",
    )
    assert set(doc) >= DOC_KEYS
    assert (doc["code"], doc["number"], doc["notation"], doc["year"]) == ("02/KH-UBND", 2, "KH-UBND", 2025)
    assert doc["date"] == "2025-09-30"
    assert doc["status"] == "issued"
    assert doc["signer"] == "Nguyễn Phúc Công"


def test_a_cong_van_is_issued_with_the_unit_in_its_notation(db: Path, cli: Cli) -> None:
    cli.ok(db, "series", "set", "CV", "--year", "2025", "--next", "542")
    letter = cli.ok_json(db, "draft", "CV", "--subject", "V/v tổ chức Ngày Chuyển đổi số", "--unit", "VHXH")
    doc = cli.ok_json(db, "issue", str(letter["id"]), "--date", "29/9/2025", "--signer", "chutich")
    assert (doc["code"], doc["unit"], doc["type"]) == ("542/UBND-VHXH", "VHXH", "CV")


def test_receiving_prints_the_arrival_number_which_runs_across_senders(db: Path, cli: Cli) -> None:
    cli.ok(db, "org", "add", "SNV", "Sở Nội vụ")
    human = cli.ok(
        db,
        "receive",
        "12/kh-skhcn",
        "--from",
        "SKHCN",
        "--date",
        "1/10/2025",
        "--arrived",
        "2/10/2025",
        "--subject",
        "Kế hoạch của Sở",
    )
    assert "Số đến 1" in human.out
    assert "12/KH-SKHCN" in human.out
    doc = cli.ok_json(
        db,
        "receive",
        "Số: 45/SNV-CCVC",
        "--from",
        "SNV",
        "--date",
        "2025-10-01",
        "--arrived",
        "3/10/2025",
        "--subject",
        "Công văn của Sở",
        "--deadline",
        "15/10/2025",
    )
    assert set(doc) >= DOC_KEYS
    assert (doc["arrival_number"], doc["code"], doc["direction"]) == (2, "45/SNV-CCVC", "in")
    assert (doc["issuer"], doc["type"], doc["status"]) == ("SNV", "CV", "registered")
    assert doc["deadline"] == "2025-10-15"


def test_a_user_fires_a_transition_and_is_offered_only_the_actions_allowed_to_them(
    populated: Populated,
    cli: Cli,
) -> None:
    db, ids = populated.path, populated.ids
    mine = {a["trigger"] for a in cli.ok_json(db, "--as", "chutich", "actions", ids["submitted"])}
    assert "sign" in mine
    assert "sign" not in {
        a["trigger"] for a in cli.ok_json(db, "--as", "chuyenvien", "actions", ids["submitted"])
    }
    signed = cli.ok_json(db, "--as", "chutich", "do", ids["submitted"], "sign", "--note", "Đồng ý")
    assert (signed["status"], signed["status_label"]) == ("signed", "Đã ký")
    assert "Đã ban hành" in cli.ok(db, "actions", ids["submitted"]).out
    human = cli.ok(db, "do", "01/KH-UBND", "start")
    assert "Đang thực hiện" in human.out


def test_a_document_is_found_by_id_hash_id_or_code_typed_loosely(populated: Populated, cli: Cli) -> None:
    db, issued = populated.path, populated.ids["issued"]
    by_id = cli.ok_json(db, "show", issued)
    assert set(by_id) >= DOC_KEYS
    assert by_id["code"] == "01/KH-UBND"
    for ref in (f"#{issued}", "01/KH-UBND", "1/kh-ubnd", "Số: 01 / KH – UBND"):
        assert cli.ok_json(db, "show", ref)["id"] == by_id["id"]
    human = cli.ok(db, "show", "01/KH-UBND").out
    assert "Tổ chức Ngày Chuyển đổi số" in human
    assert "Đã ban hành" in human


def test_a_reference_typed_with_qd_finds_the_decision(db: Path, cli: Cli) -> None:
    cli.ok(db, "series", "set", "QĐ", "--year", "2025", "--next", "968")
    decision = cli.ok_json(db, "draft", "QD", "--subject", "Quyết định thành lập Ban tổ chức")["id"]
    assert (
        cli.ok(db, "issue", str(decision), "--date", "3/10/2025", "--signer", "chutich").out.strip()
        == "968/QĐ-UBND"
    )
    for ref in ("968/QD-UBND", "968/qd-ubnd", "968/QĐ-UBND"):
        shown = cli.ok_json(db, "show", ref)
        assert (shown["id"], shown["type"], shown["code"]) == (decision, "QĐ", "968/QĐ-UBND")


def test_the_list_filters_by_type_status_year_and_direction(populated: Populated, cli: Cli) -> None:
    db = populated.path
    everything = cli.ok_json(db, "list")
    assert len(everything) == 4
    assert all(set(d) >= DOC_KEYS for d in everything)
    assert [d["code"] for d in cli.ok_json(db, "list", "--direction", "in")] == ["12/KH-SKHCN"]
    assert {d["status"] for d in cli.ok_json(db, "list", "--status", "drafted")} == {"drafted"}
    assert [d["code"] for d in cli.ok_json(db, "list", "--year", "2025", "--direction", "out")] == [
        "01/KH-UBND"
    ]
    assert len(cli.ok_json(db, "list", "--type", "kh")) == 4
    assert cli.ok_json(db, "list", "--type", "QĐ") == []
    assert "01/KH-UBND" in cli.ok(db, "list").out


def test_the_history_lists_every_event_of_a_document(populated: Populated, cli: Cli) -> None:
    db = populated.path
    events = cli.ok_json(db, "history", populated.ids["issued"])
    assert [e["trigger"] for e in events] == ["create", "issue"]
    assert events[1]["from"] == "drafted"
    assert events[1]["to"] == "issued"
    assert events[1]["actor"] == "vanthu"
    assert "Ban hành" in cli.ok(db, "history", "01/KH-UBND").out


def test_linking_to_a_code_not_held_makes_a_reference_only_document(populated: Populated, cli: Cli) -> None:
    db = populated.path
    linked = cli.ok_json(db, "link", "01/KH-UBND", "30/2020/nđ-cp", "--kind", "based_on")
    assert linked["kind"] == "based_on"
    assert linked["from"]["code"] == "01/KH-UBND"
    assert linked["to"]["code"] == "30/2020/NĐ-CP"
    assert linked["to"]["status_label"] == "Chỉ dẫn chiếu"
    human = cli.ok(db, "link", populated.ids["draft"], "01/KH-UBND", "--kind", "implements")
    assert "01/KH-UBND" in human.out


def test_a_directive_is_assigned_its_outcome_recorded_and_followed_in_trace_and_status(
    populated: Populated,
    cli: Cli,
    clock: Callable[[date], None],
) -> None:
    db = populated.path
    given = cli.ok_json(
        db, "assign", "01/KH-UBND", "--lead", "VHXH", "--support", "chuyenvien", "--deadline", "31/10/2025"
    )
    assert given == {"lead": "VHXH", "support": ["chuyenvien"], "deadline": "2025-10-31"}
    outcome = cli.ok_json(
        db,
        "outcome",
        "add",
        "01/KH-UBND",
        "--text",
        "Tổ chức 3 buổi tuyên truyền",
        "--quantity",
        "150",
        "--unit",
        "lượt người",
        "--date",
        "15/10/2025",
    )
    assert outcome == {
        "text": "Tổ chức 3 buổi tuyên truyền",
        "quantity": 150,
        "unit": "lượt người",
        "bound": "exact",
        "figure": "150 lượt người",
        "date": "2025-10-15",
    }
    cli.ok(db, "link", populated.ids["draft"], "01/KH-UBND", "--kind", "implements")

    trace = cli.ok_json(db, "trace", "01/KH-UBND")
    assert {"document", "upstream", "downstream", "outcomes"} <= set(trace)
    assert trace["document"]["code"] == "01/KH-UBND"
    assert [(n["kind"], n["document"]["id"]) for n in trace["downstream"]] == [
        ("implements", int(populated.ids["draft"]))
    ]
    assert {"kind", "document", "downstream"} <= set(trace["downstream"][0])
    assert [o["text"] for o in trace["outcomes"]] == ["Tổ chức 3 buổi tuyên truyền"]
    assert {"text", "quantity", "unit", "date", "reported_in"} <= set(trace["outcomes"][0])
    assert trace["outcomes"][0]["reported_in"] == []
    assert "Tổ chức 3 buổi tuyên truyền" in cli.ok(db, "trace", "01/KH-UBND").out

    clock(date(2025, 11, 5))  # the leader looks that day
    status = cli.ok_json(db, "status", "--as-of", "5/11/2025")
    assert {"as_of", "summary", "items"} <= set(status)
    assert status["as_of"] == "2025-11-05"
    assert isinstance(status["summary"], dict)
    item = next(i for i in status["items"] if i["code"] == "01/KH-UBND")
    assert DOC_KEYS | {"overdue_days", "lead", "implementing", "outcomes", "reported"} <= set(item)
    assert (item["overdue_days"], item["lead"], item["outcomes"], item["reported"]) == (5, "VHXH", 1, False)
    overdue = cli.ok_json(db, "status", "--overdue", "--as-of", "5/11/2025")
    assert "01/KH-UBND" in [i["code"] for i in overdue["items"]]
    assert "01/KH-UBND" in cli.ok(db, "status", "--as-of", "5/11/2025").out


def test_the_lifecycles_can_be_listed_shown_drawn_and_checked(db: Path, cli: Cli) -> None:
    names = {w["name"] for w in cli.ok_json(db, "workflow", "list")}
    assert {"directive", "report", "incoming"} <= names
    shown = cli.ok_json(db, "workflow", "show", "incoming")
    assert shown["name"] == "incoming"
    assert {s["name"]: s["edxml"] for s in shown["states"]}["registered"] == "03"
    assert "stateDiagram" in cli.ok(db, "workflow", "show", "directive", "--mermaid").out
    shipped = Path(__file__).resolve().parents[1] / "workflows"
    assert cli.ok_json(db, "workflow", "check", str(shipped))["faults"] == []
    assert "Đã ban hành" in cli.ok(db, "workflow", "show", "directive").out


# ---------------------------------------------------------------------------- Vietnamese everywhere


def test_there_is_no_lang_option_since_every_label_is_vietnamese(db: Path, cli: Cli) -> None:
    refused = cli.run(db, "--lang", "en", "list")
    assert (refused.code, refused.out) == (2, "")
    assert "Lỗi: Không có tùy chọn '--lang'" in refused.err
    assert "--lang" not in cli.ok(None, "--help").out


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("đi", "SỔ ĐĂNG KÝ VĂN BẢN ĐI"),
        ("di", "SỔ ĐĂNG KÝ VĂN BẢN ĐI"),
        ("out", "SỔ ĐĂNG KÝ VĂN BẢN ĐI"),
        ("đến", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"),
        ("DEN", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"),
        ("in", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"),
        ("giải-quyết", "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN"),
        ("giai quyet", "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN"),
        ("handling", "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN"),
    ],
)
def test_a_register_book_is_named_in_vietnamese_with_or_without_diacritics_or_in_english(
    populated: Populated, tmp_path: Path, typed: str, title: str, cli: Cli
) -> None:
    out = tmp_path / "so.xlsx"
    made = cli.ok_json(populated.path, "book", typed, "--year", "2025", "--out", str(out))
    assert made["title"] == title
    assert out.exists()
    assert "đi|đến|giải-quyết" in cli.ok(None, "book", "--help").out


def test_the_list_takes_its_direction_as_di_or_den(populated: Populated, cli: Cli) -> None:
    incoming = [d["code"] for d in cli.ok_json(populated.path, "list", "--direction", "in")]
    assert incoming == ["12/KH-SKHCN"]
    assert [d["code"] for d in cli.ok_json(populated.path, "list", "--direction", "đến")] == incoming
    assert [d["code"] for d in cli.ok_json(populated.path, "list", "--direction", "den")] == incoming
    outgoing = cli.ok_json(populated.path, "list", "--direction", "đi")
    assert {d["direction"] for d in outgoing} == {"out"}


@pytest.mark.parametrize(
    "args",
    [
        ["book", "sang", "--year", "2025", "--out", "{tmp}/so.xlsx"],
        ["list", "--direction", "ngang"],
        ["series", "policy", "lung-tung"],
    ],
    ids=["book", "list", "series policy"],
)
def test_a_word_outside_the_choices_is_bad_input_named_in_vietnamese(
    populated: Populated, tmp_path: Path, args: list[str], cli: Cli
) -> None:
    before = dump(populated.path)
    refused = cli.run(populated.path, *[a.format(tmp=tmp_path) for a in args])
    assert (refused.code, refused.out) == (2, "")
    assert "Lỗi: Giá trị không hợp lệ" in refused.err
    assert "không phải một trong «" in refused.err
    assert "Xem hướng dẫn:" in refused.err
    assert not (tmp_path / "so.xlsx").exists()
    assert dump(populated.path) == before


def test_the_numbering_policy_is_chosen_in_vietnamese_or_by_its_old_name(db: Path, cli: Cli) -> None:
    assert cli.ok_json(db, "series", "policy", "chung") == {"policy": "shared"}
    assert cli.ok_json(db, "series", "policy", "moi loai") == {"policy": "per_type"}
    assert cli.ok_json(db, "series", "policy", "shared") == {"policy": "shared"}
    assert "một sổ số chung" in cli.ok(db, "series", "policy", "chung").out


def test_a_link_is_reported_with_its_vietnamese_label(populated: Populated, cli: Cli) -> None:
    said = cli.ok(populated.path, "link", populated.ids["draft"], "01/KH-UBND", "--kind", "implements").out
    assert said.strip() == (
        f"Kế hoạch #{populated.ids['draft']} (chưa cấp số) thực hiện Kế hoạch 01/KH-UBND (2025)."
    )
    assert "implements" not in said and "→" not in said


def test_link_kinds_are_offered_by_their_vietnamese_labels_first(populated: Populated, cli: Cli) -> None:
    before = dump(populated.path)
    refused = cli.run(populated.path, "link", "01/KH-UBND", "30/2020/NĐ-CP", "--kind", "bay")
    assert refused.code == 2
    assert "Gợi ý: Chọn một trong: căn cứ (based_on), thực hiện (implements)," in refused.err
    assert dump(populated.path) == before
    assert "căn cứ (based_on)" in " ".join(cli.ok(None, "link", "--help").out.split())
    linked = cli.ok_json(populated.path, "link", "01/KH-UBND", "30/2020/NĐ-CP", "--kind", "can cu")
    assert linked["kind"] == "based_on"


def test_the_actions_are_listed_by_their_vietnamese_labels_in_aligned_columns(
    populated: Populated, cli: Cli
) -> None:
    allowed = cli.ok_json(populated.path, "--as", "chutich", "actions", populated.ids["submitted"])
    shown = cli.ok(populated.path, "--as", "chutich", "actions", populated.ids["submitted"]).out
    lines = shown.splitlines()
    assert lines[0].split() == ["Thao", "tác", "Sang", "trạng", "thái"]
    rows = lines[1:-1]
    assert (
        [r.split("  ")[0] for r in rows] == [a["label"] for a in allowed] == ["Trả lại", "Ký", "Hủy dự thảo"]
    )
    column = lines[0].index("Sang")
    assert all(r[column - 1] == " " and r[column] != " " for r in rows), shown
    assert {"sign", "return", "→"}.isdisjoint(shown.split())
    assert lines[-1] == f'Thực hiện: vanban do {populated.ids["submitted"]} "trả lại"'


@pytest.mark.parametrize("named", ["ký", "Ký", "ky", "sign"])
def test_an_action_is_fired_by_its_label_as_listed_or_by_its_english_name(
    populated: Populated, named: str, cli: Cli
) -> None:
    signed = cli.ok_json(populated.path, "--as", "chutich", "do", populated.ids["submitted"], named)
    assert (signed["status"], signed["status_label"]) == ("signed", "Đã ký")


def test_an_action_named_by_no_label_is_refused_with_the_labels_allowed(
    populated: Populated, cli: Cli
) -> None:
    before = dump(populated.path)
    refused = cli.run(populated.path, "--as", "chutich", "do", populated.ids["submitted"], "bay")
    assert (refused.code, refused.out) == (1, "")
    assert "«bay»" in refused.err
    assert "Gợi ý: Các thao tác được phép: «Trả lại», «Ký», «Hủy dự thảo»." in refused.err
    assert "(sign)" not in refused.err  # the labels alone, as a person types them back
    assert dump(populated.path) == before


@pytest.mark.parametrize("named", ["Trả lại", "TRA-LAI", "  trả   lại "])
def test_an_action_listed_by_a_refusal_is_fired_by_that_label_from_the_api_too(
    populated: Populated, named: str, cli: Cli
) -> None:
    from vanban import Office

    with Office(str(populated.path), user="chutich") as office:
        back = office.fire(int(populated.ids["submitted"]), named)
        assert back.status == "drafted"


def test_the_history_shows_vietnam_time(populated: Populated, cli: Cli) -> None:
    events = cli.ok_json(populated.path, "history", populated.ids["issued"])
    shown = cli.ok(populated.path, "history", populated.ids["issued"]).out
    assert "UTC" not in shown
    assert "Thời điểm" in shown
    for event in events:
        at = datetime.fromisoformat(event["at"]).replace(tzinfo=None)
        # Vietnam keeps UTC+7 all year.
        assert (at + timedelta(hours=7)).strftime("%d/%m/%Y %H:%M") in _unwrapped(shown), event


def test_people_read_dates_padded_as_the_decree_and_json_keeps_iso(db: Path, cli: Cli) -> None:
    draft = cli.ok_json(db, "draft", "KH", "--subject", "Kế hoạch đầu tháng")["id"]
    cli.ok(db, "issue", str(draft), "--date", "3/10/2025", "--signer", "chutich")
    cli.ok(
        db,
        "receive",
        "7/TB-SKHCN",
        "--from",
        "SKHCN",
        "--date",
        "5/1/2026",
        "--arrived",
        "6/1/2026",
        "--subject",
        "Thông báo",
        "--deadline",
        "9/2/2026",
    )
    listed = cli.ok(db, "list").out
    assert "03/10/2025" in listed and "05/01/2026" in listed
    assert "3/10/2025" not in listed.replace("03/10/2025", "")
    shown = cli.ok(db, "show", "7/TB-SKHCN").out
    assert "05/01/2026" in shown and "1 ngày 06/01/2026" in shown and "09/02/2026" in shown
    assert cli.ok_json(db, "show", "7/TB-SKHCN")["date"] == "2026-01-05"


def test_quantities_read_with_vietnamese_decimals_and_json_keeps_plain_numbers(
    populated: Populated, cli: Cli
) -> None:
    db = populated.path
    for text, quantity in (("Lượt người tham dự", "1500"), ("Diện tích trồng cây", "12,5")):
        cli.ok(db, "outcome", "add", "01/KH-UBND", "--text", text, "--quantity", quantity, "--unit", "đơn vị")
    assert [o["quantity"] for o in cli.ok_json(db, "outcome", "list", "01/KH-UBND")] == [1500, 12.5]
    for args in (["outcome", "list", "01/KH-UBND"], ["trace", "01/KH-UBND"]):
        shown = _unwrapped(cli.ok(db, *args).out)
        assert "1.500 đơn vị" in shown and "12,5 đơn vị" in shown, args
        assert "12.5" not in shown and "1500" not in shown
    added = cli.ok(db, "outcome", "add", "01/KH-UBND", "--text", "Lớp học", "--quantity", "2000,5")
    assert added.out.strip() == "Đã ghi kết quả: Lớp học — 2.000,5"


def test_in_the_trace_an_outcomes_figure_stands_apart_from_its_text(populated: Populated, cli: Cli) -> None:
    db = populated.path
    cli.ok(
        db,
        "outcome",
        "add",
        "01/KH-UBND",
        "--text",
        "Hội nghị sáng ngày 18/10/2025",
        "--quantity",
        "200",
        "--unit",
        "người tham dự",
    )
    shown = _unwrapped(cli.ok(db, "trace", "01/KH-UBND").out)
    assert "Hội nghị sáng ngày 18/10/2025 — 200 người tham dự" in shown


def test_show_names_urgency_and_secrecy_by_their_labels(db: Path, cli: Cli) -> None:
    doc = cli.ok_json(
        db, "draft", "KH", "--subject", "Kế hoạch mật", "--urgency", "thượng khẩn", "--secrecy", "mật"
    )
    shown = cli.ok(db, "show", str(doc["id"])).out
    assert "Thượng khẩn" in shown and "Mật" in shown
    assert "thuong_khan" not in shown


def _unwrapped(text: str) -> str:
    """The words of a terminal view in one line, whatever the width wrapped."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------- --json: one document


JSON_COMMANDS = [
    ["list"],
    ["list", "--direction", "in"],
    ["show", "01/KH-UBND"],
    ["history", "01/KH-UBND"],
    ["actions", "01/KH-UBND"],
    ["trace", "01/KH-UBND"],
    ["status", "--as-of", "1/12/2025"],
    ["series", "list"],
    ["series", "set", "QĐ", "--year", "2025", "--next", "968"],
    ["org", "list"],
    ["org", "add", "SNV", "Sở Nội vụ"],
    ["unit", "list"],
    ["unit", "add", "VP", "Văn phòng"],
    ["user", "list"],
    ["user", "add", "pho", "--name", "Phạm Phó", "--role", "lanh_dao"],
    ["draft", "BC", "--subject", "Báo cáo kết quả"],
    ["issue", "{draft}", "--date", "30/9/2025", "--signer", "chutich"],
    ["receive", "13/TB-SKHCN", "--from", "SKHCN", "--date", "2/10/2025", "--subject", "Thông báo"],
    ["do", "01/KH-UBND", "start"],
    ["link", "{draft}", "01/KH-UBND", "--kind", "implements"],
    ["assign", "01/KH-UBND", "--lead", "VHXH"],
    ["outcome", "add", "01/KH-UBND", "--text", "Xong"],
    ["outcome", "list", "01/KH-UBND"],
    ["workflow", "list"],
    ["workflow", "show", "directive"],
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_with_json_every_command_prints_exactly_one_json_document_and_nothing_else(
    populated: Populated, args: list[str], cli: Cli
) -> None:
    result = cli.run(populated.path, "--json", *[a.format(**populated.ids) for a in args])
    assert result.code == 0, result
    assert result.err == ""
    decoded = json.JSONDecoder().raw_decode(result.out.strip())
    assert decoded[1] == len(result.out.strip()), "more than one JSON document on stdout"
    json.loads(result.out)


@pytest.mark.parametrize(
    "args", [["list"], ["show", "01/KH-UBND"], ["series", "list"], ["history", "{issued}"]]
)
def test_without_json_people_read_vietnamese_tables(populated: Populated, args: list[str], cli: Cli) -> None:
    result = cli.ok(populated.path, *[a.format(**populated.ids) for a in args])
    assert result.out.strip()
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.out)


# ---------------------------------------------------------------------------- refusals


@dataclass(frozen=True)
class Refusal:
    name: str
    args: tuple[str, ...]
    exit_code: int
    words: tuple[str, ...]


RECEIVE_TAIL = ("--date", "1/10/2025", "--arrived", "2/10/2025", "--subject", "Thử")

REFUSALS = [
    Refusal("unknown type", ("draft", "XYZ", "--subject", "Thử"), 2, ("loại văn bản", "«XYZ»", "KH")),
    Refusal("unknown type in a filter", ("list", "--type", "XYZ"), 2, ("loại văn bản", "«XYZ»")),
    Refusal(
        "unknown organization",
        ("receive", "15/TB-XYZ", "--from", "XYZ", *RECEIVE_TAIL),
        2,
        ("cơ quan", "XYZ"),
    ),
    Refusal("unknown unit", ("draft", "CV", "--subject", "Thử", "--unit", "ABC"), 2, ("đơn vị", "«ABC»")),
    Refusal("unknown lead", ("assign", "{issued}", "--lead", "ABC"), 2, ("ABC",)),
    Refusal(
        "unknown user", ("--as", "nobody", "draft", "KH", "--subject", "Thử"), 2, ("người dùng", "«nobody»")
    ),
    Refusal("unknown user reading", ("--as", "nobody", "list"), 2, ("người dùng", "«nobody»")),
    Refusal("unknown document id", ("show", "99"), 2, ("văn bản", "#99")),
    Refusal(
        "unknown document code",
        ("issue", "99/KH-UBND", "--date", "30/9/2025", "--signer", "chutich"),
        2,
        ("99/KH-UBND",),
    ),
    Refusal(
        "invalid date",
        ("issue", "{draft}", "--date", "31/02/2025", "--signer", "chutich"),
        2,
        ("«31/02/2025»", "không hợp lệ"),
    ),
    Refusal(
        "invalid date of an incoming document",
        ("receive", "15/TB-SKHCN", "--from", "SKHCN", "--date", "31/02/2025", "--subject", "Thử"),
        2,
        ("«31/02/2025»", "không hợp lệ"),
    ),
    Refusal(
        "unparsable date",
        ("issue", "{draft}", "--date", "hôm qua", "--signer", "chutich"),
        2,
        ("Không đọc được ngày", "«hôm qua»"),
    ),
    Refusal(
        "unparsable code",
        ("receive", "abc", "--from", "SKHCN", *RECEIVE_TAIL),
        2,
        ("«abc»", "số, ký hiệu", "90/KH-UBND"),
    ),
    Refusal("unparsable reference", ("show", "abc"), 2, ("«abc»", "số, ký hiệu")),
    Refusal(
        "incoming date missing",
        ("receive", "15/TB-SKHCN", "--from", "SKHCN", "--subject", "Thử"),
        2,
        ("Thiếu ngày", "--date"),
    ),
    Refusal("transition not allowed", ("do", "{issued}", "sign"), 1, ("«Ký»", "«Đã ban hành»")),
    Refusal("unknown trigger", ("do", "{issued}", "fly"), 1, ("«fly»",)),
    Refusal(
        "issuing twice",
        ("issue", "{issued}", "--date", "30/9/2025", "--signer", "chutich"),
        1,
        ("«Đã ban hành»",),
    ),
    Refusal(
        "missing role to sign", ("--as", "chuyenvien", "do", "{submitted}", "sign"), 1, ("Lãnh đạo", "«Ký»")
    ),
    Refusal(
        "missing role to issue",
        ("--as", "chuyenvien", "issue", "{draft}", "--date", "30/9/2025", "--signer", "chutich"),
        1,
        ("Văn thư", "Chuyên viên"),
    ),
    Refusal(
        "missing role to receive",
        ("--as", "chuyenvien", "receive", "15/TB-SKHCN", "--from", "SKHCN", *RECEIVE_TAIL),
        1,
        ("«chuyenvien»", "Văn thư"),
    ),
    Refusal(
        "same incoming code twice",
        ("receive", "12/KH-SKHCN", "--from", "SKHCN", *RECEIVE_TAIL),
        1,
        ("12/KH-SKHCN", "đã vào sổ", "số đến 1"),
    ),
    Refusal(
        "same incoming code typed otherwise",
        ("receive", "Số: 12/kh–skhcn", "--from", "SKHCN", *RECEIVE_TAIL),
        1,
        ("12/KH-SKHCN", "đã vào sổ"),
    ),
    Refusal(
        "date out of order",
        ("issue", "{draft}", "--date", "1/9/2025", "--signer", "chutich"),
        1,
        ("1/9/2025", "29/9/2025", "thứ tự"),
    ),
    Refusal(
        "series below an issued number",
        ("series", "set", "KH", "--year", "2025", "--next", "1"),
        1,
        ("Kế hoạch", "đã cấp đến số 1"),
    ),
]


@pytest.mark.parametrize("as_json", [False, True], ids=["human", "json"])
@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda r: r.name)
def test_a_refusal_explains_itself_in_vietnamese_and_leaves_the_database_as_it_was(
    populated: Populated, refusal: Refusal, as_json: bool, cli: Cli
) -> None:
    args = [a.format(**populated.ids) for a in refusal.args]
    before = dump(populated.path)
    result = cli.run(populated.path, *(["--json"] if as_json else []), *args)
    assert result.code == refusal.exit_code, result
    assert result.out == ""
    assert "Traceback" not in result.err
    if as_json:
        # A program asked for JSON: the refusal is one object it can read, its text the same.
        error = json.loads(result.err)
        assert error["exit_code"] == refusal.exit_code
        assert error["hint"], result.err
        told = f"{error['error']}\n{error['hint']}"
    else:
        lines = result.err.splitlines()
        assert lines[0].startswith("Lỗi: ")
        assert any(line.startswith("Gợi ý: ") and len(line) > len("Gợi ý: ") for line in lines), result.err
        told = result.err
    for word in refusal.words:
        assert word in told, (word, result.err)
    assert dump(populated.path) == before


def test_a_code_held_in_two_years_needs_the_year_and_the_refusal_lists_the_candidates(
    db: Path, cli: Cli
) -> None:
    for day in ("29/12/2025", "2/1/2026"):
        draft = cli.ok_json(db, "draft", "KH", "--subject", f"Kế hoạch ngày {day}")["id"]
        cli.ok(db, "issue", str(draft), "--date", day, "--signer", "chutich")
    result = cli.run(db, "show", "01/KH-UBND")
    assert result.code == 2
    assert "năm 2025" in result.err
    assert "năm 2026" in result.err
    assert "Gợi ý:" in result.err
    assert "--year" in result.err
    assert cli.ok_json(db, "show", "01/KH-UBND", "--year", "2026")["date"] == "2026-01-02"


def test_a_secret_plan_is_numbered_apart_without_a_traceback(populated: Populated, cli: Cli) -> None:
    db = populated.path
    secret = cli.ok_json(db, "draft", "KH", "--subject", "Kế hoạch mật", "--secrecy", "mật")["id"]
    result = cli.run(db, "--json", "issue", str(secret), "--date", "30/9/2025", "--signer", "chutich")
    assert "Traceback" not in result.out + result.err
    assert result.code == 0, result
    issued = result.json
    assert issued["number"] == 1
    assert issued["code"] != "01/KH-UBND"
    assert cli.ok_json(db, "show", "01/KH-UBND")["id"] == int(populated.ids["issued"])


# ---------------------------------------------------------------------------- environment and process


def test_the_database_and_the_user_may_come_from_the_environment(
    populated: Populated, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("VANBAN_DB", str(populated.path))
    assert len(cli.ok_json(None, "list")) == 4
    monkeypatch.setenv("VANBAN_USER", "chuyenvien")
    result = cli.run(None, "do", populated.ids["submitted"], "sign")
    assert result.code == 1
    assert "Lãnh đạo" in result.err


@pytest.fixture
def process_env() -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}
    env["PYTHONIOENCODING"] = "utf-8"
    yield env


def test_python_dash_m_vanban_runs_the_command_line(
    populated: Populated, process_env: dict[str, str]
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "vanban", "--db", str(populated.path), "--json", "show", "01/KH-UBND"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=process_env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["code"] == "01/KH-UBND"
    assert done.stderr == ""


def test_a_real_process_exits_with_the_contract_code_and_no_traceback(
    populated: Populated, process_env: dict[str, str]
) -> None:
    before = dump(populated.path)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vanban",
            "--db",
            str(populated.path),
            "issue",
            populated.ids["draft"],
            "--date",
            "31/02/2025",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=process_env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("Lỗi: Ngày «31/02/2025» không hợp lệ")
    assert "Gợi ý:" in done.stderr
    assert "Traceback" not in done.stderr
    assert dump(populated.path) == before


def test_list_accepts_a_status_by_its_vietnamese_label_and_refuses_an_unknown_one(
    tmp_path: Path, cli: Cli
) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", OFFICE_NAME, "--place", "Phú Thái")
    cli.ok(db, "draft", "KH", "--subject", "Kế hoạch A")
    cli.ok(db, "issue", "1", "--date", "29/9/2025", "--signer", "Nguyễn Phúc Công")
    cli.ok(db, "draft", "KH", "--subject", "Kế hoạch B")
    by_label = cli.ok_json(db, "list", "--status", "Đã ban hành")
    by_name = cli.ok_json(db, "list", "--status", "issued")
    assert [d["code"] for d in by_label] == [d["code"] for d in by_name] == ["01/KH-UBND"]
    refused = cli.run(db, "list", "--status", "nonsense")
    assert refused.code == 2 and refused.out == ""
    assert "Không có trạng thái «nonsense»" in refused.err and "Gợi ý:" in refused.err
    assert "«Đã ban hành»" in refused.err and "issued" not in refused.err  # the labels alone
    assert cli.ok_json(db, "list", "--status", "Dự thảo")[0]["code"] is None  # a listed label is taken
    assert "«Đã phân công, đang xử lý»" in refused.err
    # A label by its first clause, as typed without diacritics too: «Đã phân công, đang xử lý».
    assert cli.ok_json(db, "list", "--status", "Đã phân công") == []
    assert cli.ok_json(db, "list", "--status", "da phan cong") == []
    assert cli.run(db, "list", "--status", "Đã").code == 2  # the start of many labels names none


def test_workflow_show_mermaid_with_json_is_one_json_document(cli: Cli) -> None:
    shown = cli.ok_json(None, "workflow", "show", "directive", "--mermaid")
    assert shown["name"] == "directive"
    assert shown["mermaid"].startswith("stateDiagram-v2")
