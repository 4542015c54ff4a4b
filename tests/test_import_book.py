"""`vanban import-book`: a commune adopting vanban mid-year brings this year's register books
kept in Excel; columns found by their headers, each row registered with its own number and date,
a report per row, nothing written unless every row is accepted. On every engine under test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openpyxl import Workbook

from databases import dump

if TYPE_CHECKING:
    from conftest import Cli
    from vanban import Office

OFFICE = "Ủy ban nhân dân xã Phú Thái"
OUT_HEADERS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
]
IN_HEADERS = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
]


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("VANBAN_DB", "VANBAN_USER", "VANBAN_WORKFLOWS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def xa(db_url: str, cli: Cli) -> str:
    cli.ok(db_url, "init", "--org", "UBND", "--name", OFFICE, "--place", "Phú Thái", "--login", "vanthu")
    cli.ok(db_url, "unit", "add", "VHXH", "Văn hóa - Xã hội")
    cli.ok(db_url, "org", "add", "SNV", "Sở Nội vụ thành phố Hải Phòng")
    return db_url


def workbook(path: Path, rows: list[list[object]], *, title: str | None = "SỔ ĐĂNG KÝ VĂN BẢN") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append([title])
        sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def out_book(tmp_path: Path, *rows: list[object]) -> Path:
    return workbook(tmp_path / "so-di-2025.xlsx", [OUT_HEADERS, *rows])


GOOD_OUT = [
    ["90/KH-UBND", dt.datetime(2025, 9, 29), "Kế hoạch Tổ chức Ngày Chuyển đổi số", "Nguyễn Phúc Công"],
    ["01/UBND-VHXH", "30/9/2025", "Công văn V/v triển khai Kế hoạch số 90/KH-UBND ngày 29/9/2025", None],
    ["95/KH-UBND", "1/10/2025", "Kế hoạch Hoạt động của Tổ công nghệ số", "Nguyễn Phúc Công"],
]


def test_an_outgoing_book_is_registered_as_issued_with_its_numbers_and_each_series_goes_on(
    xa: str, cli: Cli, tmp_path: Path
) -> None:
    report = cli.ok_json(xa, "import-book", str(out_book(tmp_path, *GOOD_OUT)))
    assert (report["direction"], report["written"], report["imported"], report["refused"]) == (
        "out",
        True,
        3,
        0,
    )
    assert [r["row"] for r in report["rows"]] == [4, 5, 6]
    held = {d["code"]: d for d in cli.ok_json(xa, "list")}
    assert held["90/KH-UBND"]["date"] == "2025-09-29" and held["90/KH-UBND"]["status"] == "issued"
    assert held["90/KH-UBND"]["subject"] == "Tổ chức Ngày Chuyển đổi số"
    assert held["90/KH-UBND"]["signer"] == "Nguyễn Phúc Công"
    assert held["01/UBND-VHXH"]["subject"] == "triển khai Kế hoạch số 90/KH-UBND ngày 29/9/2025"
    letter = cli.ok_json(xa, "show", "01/UBND-VHXH")
    assert [(x["kind"], x["document"]["code"]) for x in letter["links"]] == [("implements", "90/KH-UBND")]
    draft = str(cli.ok_json(xa, "draft", "KH", "--subject", "Kế hoạch mới")["id"])
    assert (
        cli.ok_json(xa, "issue", draft, "--date", "2/10/2025", "--signer", "Nguyễn Phúc Công")["code"]
        == "96/KH-UBND"
    )


def test_the_columns_are_found_in_any_order_under_title_lines_and_an_offices_own_header_is_mapped(
    xa: str, cli: Cli, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "so.xlsx",
        [
            ["Người ký", "Trích yếu", "Số VB", "Ngày tháng văn bản"],
            ["Công", "Kế hoạch Tuyên truyền", "07/KH-UBND", "5/3/2025"],
        ],
    )
    refused = cli.run(xa, "import-book", str(path))
    assert refused.code == 2
    assert "thiếu cột: Số, ký hiệu văn bản" in refused.err and "--map" in refused.err
    assert cli.ok_json(xa, "list") == []
    report = cli.ok_json(xa, "import-book", str(path), "--map", "Số VB=code")
    assert [(r["result"], r["code"]) for r in report["rows"]] == [("imported", "07/KH-UBND")]


def test_an_incoming_book_keeps_its_so_den_and_the_next_letter_continues_after_the_highest(
    xa: str, cli: Cli, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "so-den-2025.xlsx",
        [
            IN_HEADERS,
            [
                "12/11/2025",
                7,
                "Sở Nội vụ thành phố Hải Phòng",
                "45/KH-SNV",
                "10/11/2025",
                "Kế hoạch kiểm tra văn thư",
            ],
            ["13/11/2025", 8, "SNV", "46/SNV-VP", "12/11/2025", "Công văn về việc nộp lưu hồ sơ"],
        ],
    )
    report = cli.ok_json(xa, "import-book", str(path))
    assert (report["direction"], report["imported"]) == ("in", 2)
    held = {d["code"]: d for d in cli.ok_json(xa, "list")}
    assert (held["45/KH-SNV"]["arrival_number"], held["45/KH-SNV"]["arrival_date"]) == (7, "2025-11-12")
    assert held["46/SNV-VP"]["issuer_name"] == "Sở Nội vụ thành phố Hải Phòng"
    nxt = cli.ok_json(
        xa,
        "receive",
        "50/SNV-VP",
        "--from",
        "SNV",
        "--date",
        "14/11/2025",
        "--arrived",
        "14/11/2025",
        "--subject",
        "Thư mới",
    )
    assert nxt["arrival_number"] == 9


def test_a_bad_row_leaves_the_register_unchanged_and_is_reported_in_vietnamese_unless_partial(
    xa: str, cli: Cli, tmp_path: Path
) -> None:
    path = out_book(
        tmp_path,
        *GOOD_OUT,
        ["96/KH-UBND", "31/2/2025", "Kế hoạch ngày sai", None],
        ["90/KH-UBND", "29/9/2025", "Kế hoạch chép trùng", None],
        ["97/KH-UBND", "3/10/2025", None, None],
    )
    refused = cli.run(xa, "--json", "import-book", str(path))
    assert refused.code == 1
    report = refused.json
    assert report["written"] is False and (report["imported"], report["refused"]) == (3, 3)
    reasons = {r["row"]: r["reason"] for r in report["rows"] if r["result"] == "refused"}
    assert "31/2/2025" in reasons[7]
    assert "Trùng số, ký hiệu 90/KH-UBND với dòng 4" in reasons[8]
    assert "Thiếu «Tên loại và trích yếu nội dung văn bản»" in reasons[9]
    assert cli.ok_json(xa, "list") == []
    human = cli.run(xa, "import-book", str(path))
    assert "Không ghi gì vào sổ" in human.out and "--partial" in human.out
    kept = cli.run(xa, "--json", "import-book", str(path), "--partial")
    assert kept.code == 1 and kept.json["written"] is True
    assert sorted(d["code"] for d in cli.ok_json(xa, "list")) == ["01/UBND-VHXH", "90/KH-UBND", "95/KH-UBND"]


def test_a_book_imported_twice_skips_what_is_held_and_a_number_held_by_another_is_refused(
    xa: str, cli: Cli, tmp_path: Path
) -> None:
    path = out_book(tmp_path, *GOOD_OUT)
    cli.ok(xa, "import-book", str(path))
    again = cli.ok_json(xa, "import-book", str(path))
    assert [r["result"] for r in again["rows"]] == ["skipped"] * 3
    other = workbook(
        tmp_path / "khac.xlsx", [OUT_HEADERS, ["90/KH-UBND-VHXH", "30/9/2025", "Kế hoạch khác", None]]
    )
    refused = cli.run(xa, "--json", "import-book", str(other))
    assert refused.code == 1
    assert refused.json["rows"][0]["reason"] == "Số 90 của sổ Kế hoạch năm 2025 đã cấp cho 90/KH-UBND."
    incoming = [IN_HEADERS, ["12/11/2025", 7, "SNV", "45/KH-SNV", "10/11/2025", "Kế hoạch kiểm tra"]]
    cli.ok(xa, "import-book", str(workbook(tmp_path / "den.xlsx", incoming)))
    taken = [IN_HEADERS, ["13/11/2025", 7, "SNV", "46/KH-SNV", "10/11/2025", "Kế hoạch khác"]]
    refused = cli.run(xa, "--json", "import-book", str(workbook(tmp_path / "den2.xlsx", taken)))
    assert refused.json["rows"][0]["reason"] == (
        "Số đến 7 năm 2025 đã dùng cho 45/KH-SNV của Sở Nội vụ thành phố Hải Phòng."
    )


def test_a_file_that_is_not_a_workbook_or_is_missing_is_bad_input_named_in_vietnamese(
    xa: str, cli: Cli, tmp_path: Path
) -> None:
    fake = tmp_path / "so-di.xlsx"
    fake.write_text("Số, ký hiệu;Ngày\n", encoding="utf-8")
    refused = cli.run(xa, "import-book", str(fake))
    assert refused.code == 2 and "không phải một sổ Excel (.xlsx)" in refused.err and "Gợi ý:" in refused.err
    missing = cli.run(xa, "import-book", str(tmp_path / "khong-co.xlsx"))
    assert missing.code == 2 and "Không có tệp «khong-co.xlsx»" in missing.err
    no_header = workbook(tmp_path / "trong.xlsx", [["a", "b"], [1, 2]])
    said = cli.run(xa, "import-book", str(no_header))
    assert said.code == 2 and "Không tìm thấy dòng tiêu đề cột" in said.err
    bad_map = cli.run(xa, "import-book", str(no_header), "--map", "a=không có")
    assert bad_map.code == 2 and "Không có trường «không có»" in bad_map.err
    assert cli.ok_json(xa, "list") == []


def test_a_book_written_by_vanban_reads_back_into_another_register(
    xa: str, cli: Cli, tmp_path: Path, db_url: str
) -> None:
    source = tmp_path / "nguon.sqlite"
    cli.ok(source, "init", "--org", "UBND", "--name", OFFICE, "--place", "Phú Thái", "--login", "vanthu")
    cli.ok(source, "unit", "add", "VHXH", "Văn hóa - Xã hội")
    for kind, subject, day in (("KH", "Kế hoạch A", "2/3/2025"), ("CV", "Công văn B", "3/3/2025")):
        draft = str(cli.ok_json(source, "draft", kind, "--unit", "VHXH", "--subject", subject)["id"])
        cli.ok(source, "issue", draft, "--date", day, "--signer", "Nguyễn Phúc Công")
    book = tmp_path / "so-di.xlsx"
    cli.ok(source, "book", "đi", "--year", "2025", "--out", str(book))
    cli.ok(xa, "import-book", str(book))
    mine = {(d["code"], d["date"], d["subject"], d["signer"]) for d in cli.ok_json(xa, "list")}
    theirs = {(d["code"], d["date"], d["subject"], d["signer"]) for d in cli.ok_json(source, "list")}
    assert mine == theirs


def test_every_column_of_the_decrees_books_is_known_to_the_reader() -> None:
    from vanban.domain.book import IN_COLUMNS, OUT_COLUMNS
    from vanban.domain.book_rows import FIELD_HEADERS, header_key

    known = {header_key(h) for headers in FIELD_HEADERS.values() for h in headers}
    assert [h for h in (*OUT_COLUMNS, *IN_COLUMNS) if header_key(h) not in known] == []


def test_a_rows_recipients_are_read_one_per_line_or_semicolon_and_cleaned() -> None:
    from vanban.domain.book_rows import Entry, Layout, read_entry

    layout = Layout(1, {"code": 0, "date": 1, "subject": 2, "recipients": 3}, "out")
    entry = read_entry(2, ["5/KH-UBND", "2/3/2025", "Kế hoạch: A", "- Sở Nội vụ;\n- Lưu: VT, VHXH."], layout)
    assert isinstance(entry, Entry)
    assert (entry.subject, entry.recipients) == ("A", ["Sở Nội vụ", "Lưu: VT, VHXH"])


def test_a_refused_row_is_named_by_its_code_as_written_in_the_report(
    office: Office, db_url: str, cli: Cli, tmp_path: Path
) -> None:
    path = out_book(
        tmp_path,
        *GOOD_OUT,
        ["101/KH-UBND", "31/2/2025", "Kế hoạch ngày sai", None],
        ["90/KH-UBND", "29/9/2025", "Kế hoạch chép trùng", None],
    )
    refused = cli.run(db_url, "--json", "import-book", str(path))
    codes = {r["row"]: r["code"] for r in refused.json["rows"] if r["result"] == "refused"}
    assert codes == {7: "101/KH-UBND", 8: "90/KH-UBND"}
    human = cli.run(db_url, "import-book", str(path))
    assert human.code == 1 and "101/KH-UBND" in human.out and "—" not in human.out


def test_a_row_out_of_the_order_of_dates_is_refused_as_issue_refuses_it(
    office: Office, db_url: str, cli: Cli, tmp_path: Path
) -> None:
    path = out_book(
        tmp_path,
        ["705/UBND-VHXH", "14/10/2025", "Công văn V/v A", "Nguyễn Phúc Công"],
        ["12/UBND-VHXH", "21/10/2025", "Công văn V/v B", "Nguyễn Phúc Công"],
        ["90/KH-UBND", "29/9/2025", "Kế hoạch A", "Nguyễn Phúc Công"],
        ["96/KH-UBND", "28/9/2025", "Kế hoạch B", "Nguyễn Phúc Công"],
        ["89/KH-UBND", "29/9/2025", "Kế hoạch C", "Nguyễn Phúc Công"],
    )
    before = dump(office)
    refused = cli.run(db_url, "--json", "import-book", str(path))
    assert refused.code == 1 and refused.json["written"] is False
    rows = {r["row"]: r for r in refused.json["rows"]}
    assert [rows[n]["result"] for n in (4, 5, 6, 7, 8)] == [
        "imported",
        "refused",
        "imported",
        "refused",
        "imported",
    ]
    assert rows[5]["code"] == "12/UBND-VHXH" and rows[5]["reason"] == (
        "Số 12 ngày 21/10/2025 đứng trước số 705 (705/UBND-VHXH) của sổ Công văn năm 2025 mà ngày lại "
        "muộn hơn ngày 14/10/2025 của số đó: số phải theo thứ tự ngày ban hành."
    )
    assert (
        "đứng sau số 90 (90/KH-UBND)" in rows[7]["reason"] and "sớm hơn ngày 29/9/2025" in rows[7]["reason"]
    )
    assert rows[7]["hint"]
    assert dump(office) == before


def test_a_row_between_two_held_numbers_is_dated_between_them(
    office: Office, db_url: str, cli: Cli, tmp_path: Path
) -> None:
    path = out_book(
        tmp_path,
        ["5/KH-UBND", "10/9/2025", "Kế hoạch A", "Nguyễn Phúc Công"],
        ["9/KH-UBND", "20/9/2025", "Kế hoạch B", "Nguyễn Phúc Công"],
        ["7/KH-UBND", "1/9/2025", "Kế hoạch C", "Nguyễn Phúc Công"],
        ["8/KH-UBND", "15/9/2025", "Kế hoạch D", "Nguyễn Phúc Công"],
    )
    before = dump(office)
    refused = cli.run(db_url, "--json", "import-book", str(path))
    assert refused.code == 1 and refused.json["written"] is False
    rows = {r["row"]: r for r in refused.json["rows"]}
    assert [rows[n]["result"] for n in (4, 5, 6, 7)] == ["imported", "imported", "refused", "imported"]
    assert rows[6]["reason"] == (
        "Số 07 ngày 01/9/2025 đứng sau số 05 (05/KH-UBND) của sổ Kế hoạch năm 2025 mà ngày lại "
        "sớm hơn ngày 10/9/2025 của số đó: số phải theo thứ tự ngày ban hành."
    )
    assert dump(office) == before
