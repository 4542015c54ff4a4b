"""`vanban search`, the filters of `list`, and `--out` of list, search and status, on every engine."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from vanban import Office
from vanban.store.tables import documents, events

if TYPE_CHECKING:
    from conftest import Cli

pytestmark = pytest.mark.db

SEP_29 = date(2025, 9, 29)
OCT_1 = date(2025, 10, 1)


@pytest.fixture
def register(office: Office) -> Office:
    plan = office.draft("KH", subject="Triển khai phong trào Bình dân học vụ số", deadline=OCT_1)
    office.issue(plan.id, on=SEP_29, signer="Nguyễn Phúc Công")
    office.fire(plan.id, "start")
    letter = office.draft("CV", subject="Về việc rà soát hộ nghèo", unit="VHXH")
    office.issue(letter.id, on=OCT_1, signer="Nguyễn Phúc Công")
    office.receive(
        "15/KH-SKHCN", sender="SKHCN", on=SEP_29, subject="Kế hoạch chuyển đổi số", signer="Lê Hằng"
    )
    return office


def _counts(office: Office) -> tuple[int, int]:
    with office.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(documents)).scalar_one(),
            conn.execute(select(func.count()).select_from(events)).scalar_one(),
        )


def test_search_lists_the_documents_with_the_words_typed_without_diacritics(
    register: Office, db_url: str, cli: Cli
) -> None:
    ran = cli.ok(db_url, "search", "binh dan hoc vu so")
    assert "01/KH-UBND" in ran.out and "Bình dân học vụ số" in ran.out
    assert "rà soát" not in ran.out


def test_search_in_json_gives_each_document_with_its_matched_words(
    register: Office, db_url: str, cli: Cli
) -> None:
    found = cli.ok_json(db_url, "search", "01 kh ubnd")
    assert found[0]["code"] == "01/KH-UBND" and found[0]["exact"] is True
    found = cli.ok_json(db_url, "search", "binh dan")
    subject = found[0]["subject"]
    assert [subject[a:b] for a, b in found[0]["matched"]] == ["Bình", "dân"]
    assert {"id", "code", "date", "type", "subject", "status", "status_label"} <= set(found[0])


def test_search_and_list_take_the_same_filters(register: Office, db_url: str, cli: Cli) -> None:
    run = cli.ok_json
    assert [d["code"] for d in run(db_url, "search", "so", "--sender", "SKHCN")] == ["15/KH-SKHCN"]
    assert [d["code"] for d in run(db_url, "list", "--unit", "VHXH")] == ["01/UBND-VHXH"]
    assert [d["code"] for d in run(db_url, "list", "--from", "30/9/2025", "--direction", "đi")] == [
        "01/UBND-VHXH"
    ]
    assert [d["code"] for d in run(db_url, "list", "--signer", "Lê Hằng")] == ["15/KH-SKHCN"]
    assert [d["code"] for d in run(db_url, "list", "--overdue")] == ["01/KH-UBND"]
    assert [d["code"] for d in run(db_url, "list", "--deadline-before", "2/10/2025")] == ["01/KH-UBND"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["search", ""], "không được để trống"),
        (["search", "x" * 10_000], "tối đa"),
        (["search", "so", "--unit", "KHONGCO"], "Không có đơn vị"),
        (["list", "--sender", "Bộ Không Có"], "Không có cơ quan"),
        (["list", "--from", "32/1/2025"], "ngày"),
        (["list", "--from", "2/10/2025", "--to", "1/10/2025"], "Khoảng ngày ngược"),
        (["list", "--out", "danh-sach.pdf"], ".xlsx, .csv hoặc .docx"),
        (["status", "--out", "khong/co/thu-muc/x.xlsx"], "Không có thư mục"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_changes_nothing(
    register: Office, db_url: str, cli: Cli, args: list[str], said: str
) -> None:
    before = _counts(register)
    ran = cli.run(db_url, *args)
    assert ran.code == 2, ran
    assert said in ran.err and "Traceback" not in ran.err + ran.out
    assert _counts(register) == before


@pytest.mark.parametrize("query", ['"', "* ( ) NEAR AND -", "'; DROP TABLE documents; --", "ww* +zzo1"])
def test_operator_characters_give_an_answer_never_an_engine_error(
    register: Office, db_url: str, cli: Cli, query: str
) -> None:
    before = _counts(register)
    ran = cli.run(db_url, "search", query)
    assert ran.code == 0, ran
    assert _counts(register) == before


def test_list_out_xlsx_writes_real_date_cells_shown_day_month_year(
    register: Office, db_url: str, cli: Cli, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "danh-sach.xlsx"
    ran = cli.ok(db_url, "list", "--direction", "đi", "--out", str(out))
    assert "Đã ghi 2 dòng" in ran.out
    sheet = load_workbook(out).active
    assert sheet is not None
    header = [c.value for c in sheet[2]]
    day = sheet.cell(row=3, column=header.index("Ngày") + 1)
    assert day.is_date and day.value.date() == SEP_29
    assert day.number_format == "dd/mm/yyyy"
    assert sheet.cell(row=3, column=header.index("Số, ký hiệu") + 1).value == "01/KH-UBND"


def test_search_out_csv_and_status_out_docx(
    register: Office, db_url: str, cli: Cli, tmp_path: Path, clock: Callable[[date], None]
) -> None:
    from docx import Document as open_docx

    found = tmp_path / "tim.csv"
    cli.ok(db_url, "search", "binh dan", "--out", str(found))
    with found.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["#", "Số, ký hiệu", "Năm", "Ngày"]
    assert rows[1][1:4] == ["01/KH-UBND", "2025", "29/09/2025"]
    status = tmp_path / "tinh-hinh.docx"
    clock(date(2025, 10, 15))
    data = cli.ok_json(db_url, "status", "--as-of", "15/10/2025", "--out", str(status))
    assert data == {"out": str(status), "rows": 3}
    table = open_docx(str(status)).tables[0]
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in table.rows[1:]}
    assert set(rows) == {"01/KH-UBND", "01/UBND-VHXH", "15/KH-SKHCN"}
    assert rows["01/KH-UBND"][7] == "14"  # days overdue on 15/10
