"""Register books (Phụ lục IV): the decree's columns in its order, on paper and in Excel."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from docx_helpers import FONT_SLOTS, paragraph_text, part, w
from vanban.docx.books import write_book_docx
from vanban.domain.book import HANDLING_COLUMNS, IN_COLUMNS, OUT_COLUMNS, Book, cell_text
from vanban.domain.book_making import handling_book_rows, in_book_rows, make_book, out_book_rows
from vanban.domain.model import Direction, Document, Organization, Secrecy, Urgency
from vanban.xlsx.books import write_book_xlsx

OFFICE = Organization(
    1, "UBND", "Ủy ban nhân dân xã Phú Thái", "UBND thành phố Hải Phòng", "Phú Thái", own=True
)


def _outgoing(n: int, day: dt.date, type_key: str = "KH", **extra: object) -> Document:
    notation = "UBND-VHXH" if type_key == "CV" else f"{type_key}-UBND"
    doc = Document(
        id=n,
        office_id=1,
        direction=Direction.OUT,
        type_key=type_key,
        issuer_id=1,
        issuer_code="UBND",
        issuer_name=OFFICE.name,
        subject=f"Văn bản số {n}",
        status="issued",
        workflow="directive",
        unit_code="VHXH",
        number=n,
        year=day.year,
        notation=notation,
        code=f"{n:02d}/{notation}",
        date=day,
        signer_name="Nguyễn Phúc Công",
        recipients=["Các thôn;", "Sở KH&CN"],
    )
    for name, value in extra.items():
        setattr(doc, name, value)
    return doc


def _incoming(arrival: int, arrived: dt.date, **extra: object) -> Document:
    doc = Document(
        id=100 + arrival,
        office_id=1,
        direction=Direction.IN,
        type_key="CV",
        issuer_id=7,
        issuer_code="SKHCN",
        issuer_name="Sở Khoa học và Công nghệ thành phố Hải Phòng",
        subject="V/v báo cáo kết quả triển khai phong trào “Bình dân học vụ số”",
        status="assigned",
        workflow="incoming",
        number=516,
        notation="SKHCN-TTTT",
        code="516/SKHCN-TTTT",
        date=arrived - dt.timedelta(days=2),
        arrival_number=arrival,
        arrival_year=arrived.year,
        arrival_date=arrived,
        deadline=dt.date(2025, 11, 25),
    )
    for name, value in extra.items():
        setattr(doc, name, value)
    return doc


@pytest.fixture
def out_book() -> Book:
    docs = [
        _outgoing(95, dt.date(2025, 10, 1)),
        _outgoing(90, dt.date(2025, 9, 29)),
        _outgoing(5, dt.date(2025, 1, 3), "CV", urgency=Urgency.KHAN),
        _outgoing(3, dt.date(2024, 12, 30)),  # last year's: not in the 2025 book
    ]
    draft = _outgoing(0, dt.date(2025, 10, 2), number=None, code=None)
    return make_book("out", OFFICE, 2025, [*docs, draft])


def test_the_three_books_have_the_decree_columns_in_order() -> None:
    assert OUT_COLUMNS == (
        "Số, ký hiệu văn bản",
        "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung văn bản",
        "Người ký",
        "Nơi nhận văn bản",
        "Đơn vị, người nhận bản lưu",
        "Số lượng bản",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
    )
    assert IN_COLUMNS == (
        "Ngày đến",
        "Số đến",
        "Tác giả",
        "Số, ký hiệu văn bản",
        "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung văn bản",
        "Đơn vị hoặc người nhận",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
    )
    assert HANDLING_COLUMNS == (
        "Số đến",
        "Tên loại, số, ký hiệu, ngày tháng văn bản, cơ quan ban hành",
        "Đơn vị hoặc người nhận",
        "Thời hạn giải quyết",
        "Tiến độ giải quyết",
        "Số, ký hiệu văn bản trả lời",
        "Ghi chú",
    )


def test_the_outgoing_book_keeps_the_years_numbered_documents_by_date(out_book: Book) -> None:
    assert out_book.title == "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    assert out_book.columns == OUT_COLUMNS
    assert [row[0] for row in out_book.rows] == ["05/UBND-VHXH", "90/KH-UBND", "95/KH-UBND"]
    assert out_book.rows[1] == (
        "90/KH-UBND",
        dt.date(2025, 9, 29),
        "Kế hoạch: Văn bản số 90",
        "Nguyễn Phúc Công",
        "Các thôn; Sở KH&CN",
        "VT, VHXH",
        "",
        "",
        "",
        "",
    )
    assert out_book.rows[0][1] == dt.date(2025, 1, 3)
    assert cell_text(out_book.rows[0][1]) == "03/01/2025"
    assert out_book.rows[0][2] == "Công văn: Văn bản số 5"
    assert out_book.rows[0][-1] == "Khẩn"
    assert out_book.cover_lines == [
        "Năm 2025",
        "Từ ngày 03/01/2025 đến ngày 01/10/2025",
        "Kế hoạch: từ số 90 đến số 95",
        "Công văn: từ số 05 đến số 05",
    ]


def test_the_cover_gives_the_numbers_of_each_series_never_one_range_across_them() -> None:
    docs = [
        _outgoing(90, dt.date(2025, 9, 29), series_key="KH"),
        _outgoing(95, dt.date(2025, 10, 1), series_key="KH"),
        _outgoing(968, dt.date(2025, 10, 3), "QĐ", series_key="QĐ"),
        _outgoing(1, dt.date(2025, 10, 4), "QĐ", series_key="MAT-QĐ", secrecy=Secrecy.MAT),
    ]
    book = make_book("out", OFFICE, 2025, docs)
    assert "Từ số 01 đến số 968" not in book.cover_lines
    assert book.cover_lines[2:] == [
        "Quyết định: từ số 968 đến số 968",
        "Kế hoạch: từ số 90 đến số 95",
        "Văn bản mật · Quyết định: từ số 01 đến số 01",
    ], "in the decree's order of types, secret series last"
    one_series = make_book("out", OFFICE, 2025, docs[:2])
    assert one_series.cover_lines[2:] == ["Từ số 90 đến số 95"]
    shared = [_outgoing(n, dt.date(2025, 10, n), t, series_key="CHUNG") for n, t in ((1, "KH"), (7, "QĐ"))]
    assert make_book("out", OFFICE, 2025, shared).cover_lines[2:] == ["Từ số 01 đến số 07"]


def test_outgoing_rows_take_copies_archive_and_hand_over_date() -> None:
    doc = _outgoing(90, dt.date(2025, 9, 29), secrecy=Secrecy.MAT)
    (row,) = out_book_rows(
        [doc], archive={90: "VT, VHXH (02 bản)"}, copies={90: 12}, sent={90: dt.date(2025, 9, 30)}
    )
    assert row[5:8] == ("VT, VHXH (02 bản)", "12", dt.date(2025, 9, 30))
    assert row[9] == "Mật"


def test_the_incoming_book_follows_the_arrival_numbers() -> None:
    docs = [_incoming(2, dt.date(2025, 11, 14)), _incoming(1, dt.date(2025, 11, 13))]
    rows = in_book_rows(docs, {101: "Công chức Văn hóa - Xã hội"})
    assert [row[1] for row in rows] == ["01", "02"]
    assert rows[0] == (
        dt.date(2025, 11, 13),
        "01",
        "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        "516/SKHCN-TTTT",
        dt.date(2025, 11, 11),
        "Công văn: V/v báo cáo kết quả triển khai phong trào “Bình dân học vụ số”",
        "Công chức Văn hóa - Xã hội",
        "",
        "",
        "Hạn giải quyết 25/11/2025",
    )
    book = make_book("in", OFFICE, 2025, docs, receivers={101: "VHXH"})
    assert book.title == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
    assert book.cover_lines[1:] == ["Từ ngày 13/11/2025 đến ngày 14/11/2025", "Từ số 01 đến số 02"]


def test_the_handling_book_shows_lead_deadline_progress_answers_and_overdue() -> None:
    late = _incoming(1, dt.date(2025, 11, 13))
    done = _incoming(2, dt.date(2025, 11, 14), status="done")
    rows = handling_book_rows(
        [done, late],
        {101: "VHXH", 102: "VP"},
        {102: ["120/BC-UBND"]},
        as_of=dt.date(2025, 11, 28),
    )
    assert rows[0] == (
        "01",
        "Công văn số 516/SKHCN-TTTT ngày 11/11/2025, Sở Khoa học và Công nghệ thành phố Hải Phòng",
        "VHXH",
        dt.date(2025, 11, 25),
        "Đang xử lý",
        "",
        "Quá hạn 3 ngày",
    )
    assert rows[1][4:] == ("Đã xử lý xong", "120/BC-UBND", "")
    book = make_book("handling", OFFICE, 2025, [done, late], leads={101: "VHXH"})
    assert book.title == "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN"
    assert book.columns == HANDLING_COLUMNS


def _docx_table_rows(path: Path) -> list[list[str]]:
    """The text of every cell of the register table, row by row."""
    body = part(path.read_bytes(), "word/document.xml")
    table = body.find(f"{w('body')}/{w('tbl')}")
    assert table is not None
    return [
        ["".join(paragraph_text(p) for p in tc.iter(w("p"))) for tc in tr.findall(w("tc"))]
        for tr in table.findall(w("tr"))
    ]


def test_the_word_book_is_landscape_with_a_cover_and_the_columns_in_order(
    out_book: Book, tmp_path: Path
) -> None:
    path = tmp_path / "so-di.docx"
    write_book_docx(out_book, path)
    body = part(path.read_bytes(), "word/document.xml")
    size = body.find(f"{w('body')}/{w('sectPr')}/{w('pgSz')}")
    assert size is not None
    assert size.get(w("orient")) == "landscape"
    assert int(size.get(w("w"), "0")) > int(size.get(w("h"), "0"))
    assert int(size.get(w("w"), "0")) == pytest.approx(297 * 1440 / 25.4, abs=2)
    margins = body.find(f"{w('body')}/{w('sectPr')}/{w('pgMar')}")
    assert margins is not None
    for side, least in (("top", 20), ("bottom", 20), ("left", 30), ("right", 15)):
        assert int(margins.get(w(side), "0")) >= least * 1440 / 25.4, side

    rows = _docx_table_rows(path)
    assert tuple(rows[0]) == OUT_COLUMNS
    assert [tuple(r) for r in rows[1:]] == [tuple(cell_text(c) for c in row) for row in out_book.rows]
    assert rows[1][1] == "03/01/2025"

    cover = []
    document_body = body.find(w("body"))
    assert document_body is not None
    for p in document_body:
        if p.tag == w("tbl"):
            break
        if p.tag == w("p") and paragraph_text(p).strip():
            cover.append(paragraph_text(p))
    assert cover == [
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI",
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        "Năm 2025",
        "Từ ngày 03/01/2025 đến ngày 01/10/2025",
        "Kế hoạch: từ số 90 đến số 95",
        "Công văn: từ số 05 đến số 05",
    ]
    assert body.find(f".//{w('br')}[@{w('type')}='page']") is not None, "the table starts on a new page"


def test_the_word_book_repeats_its_header_row_and_is_all_times_new_roman(
    out_book: Book, tmp_path: Path
) -> None:
    path = tmp_path / "so-di.docx"
    write_book_docx(out_book, path)
    body = part(path.read_bytes(), "word/document.xml")
    table = body.find(f"{w('body')}/{w('tbl')}")
    assert table is not None
    first, *others = table.findall(w("tr"))
    assert first.find(f"{w('trPr')}/{w('tblHeader')}") is not None
    assert all(tr.find(f"{w('trPr')}/{w('tblHeader')}") is None for tr in others)
    for run in body.iter(w("r")):
        fonts = run.find(f"{w('rPr')}/{w('rFonts')}")
        assert fonts is not None
        assert [fonts.get(w(slot)) for slot in FONT_SLOTS] == ["Times New Roman"] * 4
    header_run = first.find(f".//{w('r')}/{w('rPr')}")
    assert header_run is not None
    assert header_run.find(w("b")) is not None


def test_the_excel_book_has_a_cover_and_a_frozen_bold_header_in_order(out_book: Book, tmp_path: Path) -> None:
    path = tmp_path / "so-di.xlsx"
    write_book_xlsx(out_book, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Bìa", "Sổ"]
    cover = [c.value for c in workbook["Bìa"]["A"] if c.value]
    assert cover == [
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI",
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        "Năm 2025",
        "Từ ngày 03/01/2025 đến ngày 01/10/2025",
        "Kế hoạch: từ số 90 đến số 95",
        "Công văn: từ số 05 đến số 05",
    ]
    sheet = workbook["Sổ"]
    header = [c.value for c in sheet[1]]
    assert tuple(header) == OUT_COLUMNS
    assert all(c.font.b and c.font.name == "Times New Roman" for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert str(sheet.print_title_rows).replace("$", "") == "1:1"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize or 0) == 9  # A4
    widths = [sheet.column_dimensions[chr(ord("A") + i)].width for i in range(len(OUT_COLUMNS))]
    assert widths[2] == max(widths), "the subject column is the widest"
    assert all(width and width > 5 for width in widths)
    data = [
        tuple(c.value.date() if isinstance(c.value, dt.datetime) else c.value or "" for c in row)
        for row in sheet.iter_rows(min_row=2)
    ]
    assert data == out_book.rows
    assert workbook["Bìa"].page_setup.orientation == "landscape"


def test_the_excel_book_writes_dates_as_date_cells_in_day_month_year(out_book: Book, tmp_path: Path) -> None:
    path = tmp_path / "so-di.xlsx"
    write_book_xlsx(out_book, path)
    sheet = openpyxl.load_workbook(path)["Sổ"]
    date_column = OUT_COLUMNS.index("Ngày tháng văn bản") + 1
    cells = [sheet.cell(row=r, column=date_column) for r in range(2, sheet.max_row + 1)]
    assert [c.value for c in cells] == [
        dt.datetime(2025, 1, 3),
        dt.datetime(2025, 9, 29),
        dt.datetime(2025, 10, 1),
    ]
    assert all(c.is_date and c.number_format == "dd/mm/yyyy" for c in cells)
    text_cells = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert not [c.value for c in text_cells if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", c.value)]


def test_the_excel_margins_are_never_under_the_decree_minimum(out_book: Book, tmp_path: Path) -> None:
    path = tmp_path / "so-di.xlsx"
    write_book_xlsx(out_book, path)
    for sheet in openpyxl.load_workbook(path):
        margins = sheet.page_margins
        for side, least in (("left", 30), ("right", 15), ("top", 20), ("bottom", 20)):
            assert getattr(margins, side) * 25.4 >= least, (sheet.title, side)


def test_an_empty_book_still_prints_its_columns(tmp_path: Path) -> None:
    book = make_book("handling", OFFICE, 2026, [])
    assert book.cover_lines == ["Năm 2026", "Từ ngày … đến ngày …", "Từ số … đến số …"]
    write_book_docx(book, tmp_path / "trong.docx")
    write_book_xlsx(book, tmp_path / "trong.xlsx")
    assert tuple(_docx_table_rows(tmp_path / "trong.docx")[0]) == HANDLING_COLUMNS
    assert (
        tuple(c.value for c in openpyxl.load_workbook(tmp_path / "trong.xlsx")["Sổ"][1]) == HANDLING_COLUMNS
    )
