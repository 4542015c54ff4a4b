"""Printed through LibreOffice, documents come out on A4 with the expected number of pages.

LibreOffice is the office suite of many commune offices; a .docx it lays out on another
paper size or spreads over extra pages is not what the decree asks for. On a developer's
machine without LibreOffice these tests are skipped; on CI (CI set) they fail instead.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from docx_helpers import (
    cong_van_sheet,
    pdf_page_count,
    pdf_page_sizes,
    program_or_skip,
    quyet_dinh_sheet,
    soffice_or_skip,
    to_pdf,
)
from vanban.docx.books import write_book_docx
from vanban.docx.render import render
from vanban.domain.book_making import make_book
from vanban.domain.model import Direction, Document, Organization, Outcome
from vanban.domain.report_draft import build_report_draft
from vanban.domain.sheet import Sheet
from vanban.domain.types import ADMINISTRATIVE_TYPES

A4 = (595.3, 841.9)
OFFICE = Organization(
    1, "UBND", "Ủy ban nhân dân xã Phú Thái", "UBND thành phố Hải Phòng", "Phú Thái", own=True
)


def _long_report() -> Sheet:
    plan = Document(
        id=1,
        office_id=1,
        direction=Direction.OUT,
        type_key="KH",
        issuer_id=1,
        issuer_code="UBND",
        issuer_name=OFFICE.name,
        subject="Hoạt động của các Tổ công nghệ số cộng đồng trên địa bàn xã Phú Thái 4 tháng cuối năm",
        status="issued",
        workflow="directive",
        number=95,
        year=2025,
        notation="KH-UBND",
        code="95/KH-UBND",
        date=dt.date(2025, 10, 1),
    )
    request = Document(
        id=2,
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
        date=dt.date(2025, 11, 12),
    )
    outcomes = [
        Outcome(
            i,
            1,
            f"Hướng dẫn người dân thôn số {i} cài đặt, sử dụng ứng dụng VNeID và dịch vụ công trực tuyến",
            Decimal(30 + i),
            "lượt người",
            dt.date(2025, 10, 10),
        )
        for i in range(1, 41)
    ]
    return build_report_draft(
        OFFICE,
        request,
        "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        [plan],
        {1: outcomes},
        signer_name="Nguyễn Phúc Công",
    )


def _one_of_each_type() -> list[Document]:
    """A document of each of the 29 types, each numbered in its own series."""
    return [
        Document(
            id=n,
            office_id=1,
            direction=Direction.OUT,
            type_key=t.key,
            issuer_id=1,
            issuer_code="UBND",
            issuer_name=OFFICE.name,
            subject=f"Văn bản số {n}",
            status="issued",
            workflow="directive",
            number=n,
            year=2025,
            notation=f"{t.key}-UBND",
            code=f"{n:02d}/{t.key}-UBND",
            series_key=t.key,
            date=dt.date(2025, 3, 1),
        )
        for n, t in enumerate(ADMINISTRATIVE_TYPES, start=1)
    ]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    soffice = soffice_or_skip()
    work = tmp_path_factory.mktemp("pdf")
    sources = {
        "cong-van": cong_van_sheet(urgency_label="Khẩn"),
        "quyet-dinh": quyet_dinh_sheet(),
        "bao-cao": _long_report(),
    }
    paths = []
    for name, sheet in sources.items():
        path = work / f"{name}.docx"
        render(sheet, path)
        paths.append(path)
    book = make_book("out", OFFICE, 2025, [])
    write_book_docx(book, work / "so-di.docx")
    paths.append(work / "so-di.docx")
    write_book_docx(make_book("out", OFFICE, 2025, _one_of_each_type()), work / "so-di-moi-loai.docx")
    paths.append(work / "so-di-moi-loai.docx")
    outputs = to_pdf(soffice, paths, work, work / "profile")
    return {path.stem: path.read_bytes() for path in outputs}


def test_a_cong_van_prints_on_one_a4_page(pdfs: dict[str, bytes]) -> None:
    pdf = pdfs["cong-van"]
    assert pdf_page_count(pdf) == 1
    sizes = pdf_page_sizes(pdf)
    assert sizes
    assert all(w == pytest.approx(A4[0], abs=2) and h == pytest.approx(A4[1], abs=2) for w, h in sizes)


def test_a_quyet_dinh_prints_on_one_a4_page(pdfs: dict[str, bytes]) -> None:
    pdf = pdfs["quyet-dinh"]
    assert pdf_page_count(pdf) == 1
    assert all(
        w == pytest.approx(A4[0], abs=2) and h == pytest.approx(A4[1], abs=2) for w, h in pdf_page_sizes(pdf)
    )


def test_a_long_report_runs_over_several_a4_pages(pdfs: dict[str, bytes]) -> None:
    pdf = pdfs["bao-cao"]
    assert pdf_page_count(pdf) >= 2
    assert all(
        w == pytest.approx(A4[0], abs=2) and h == pytest.approx(A4[1], abs=2) for w, h in pdf_page_sizes(pdf)
    )


def test_a_register_book_prints_landscape(pdfs: dict[str, bytes]) -> None:
    pdf = pdfs["so-di"]
    assert pdf_page_count(pdf) == 2, "the cover and the register"
    assert all(
        w == pytest.approx(A4[1], abs=2) and h == pytest.approx(A4[0], abs=2) for w, h in pdf_page_sizes(pdf)
    )


def test_a_cover_listing_every_series_keeps_to_one_page(pdfs: dict[str, bytes], tmp_path: Path) -> None:
    assert len(make_book("out", OFFICE, 2025, _one_of_each_type()).cover_lines) == 2 + 29
    pdftotext = program_or_skip("pdftotext", package="poppler-utils")
    source = tmp_path / "so-di-moi-loai.pdf"
    source.write_bytes(pdfs["so-di-moi-loai"])

    def page(number: int) -> str:
        args = [pdftotext, "-f", str(number), "-l", str(number), str(source), "-"]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    cover = " ".join(page(1).split())
    assert "Nghị quyết: từ số 01 đến số 01" in cover
    assert "Thư công: từ số 29 đến số 29" in cover
    assert "Số, ký hiệu" in page(2), "the register starts on page 2"


def test_page_numbers_start_on_page_two(pdfs: dict[str, bytes], tmp_path: Path) -> None:
    pdftotext = program_or_skip("pdftotext", package="poppler-utils")
    source = tmp_path / "bao-cao.pdf"
    source.write_bytes(pdfs["bao-cao"])

    def first_line(page: int) -> str:
        out = subprocess.run(
            [pdftotext, "-f", str(page), "-l", str(page), "-layout", str(source), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return next(line.strip() for line in out.splitlines() if line.strip())

    assert first_line(1).startswith("UBND THÀNH PHỐ HẢI PHÒNG")
    assert first_line(2) == "2"


def _words(pdftotext: str, pdf: bytes, tmp_path: Path, name: str) -> list[tuple[float, float, str]]:
    """Every word on every page: left and right edge in points, and its text."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        [pdftotext, "-bbox", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out
    )
    return [(float(left), float(right), text) for left, right, text in found]


@pytest.mark.parametrize("name", ["cong-van", "quyet-dinh", "bao-cao"])
def test_nothing_is_printed_in_the_margins(pdfs: dict[str, bytes], tmp_path: Path, name: str) -> None:
    pdftotext = program_or_skip("pdftotext", package="poppler-utils")
    words = _words(pdftotext, pdfs[name], tmp_path, name)
    assert len(words) > 50
    points_per_mm = 72 / 25.4
    left = min(x for x, _, _ in words) / points_per_mm
    right = (A4[0] - max(x for _, x, _ in words)) / points_per_mm
    # The margins of the .docx are exact (test_docx_layout); here LibreOffice lays the text out,
    # and where fonts-liberation lacks a Vietnamese letter ("ề") it takes a fallback glyph
    # whose box may pass the line's end by a few hundredths of a millimetre.
    overhang = 0.05
    assert left >= 30 - overhang, f"lề trái {left:.3f} mm"
    assert right >= 15 - overhang, f"lề phải {right:.3f} mm"


def test_the_header_keeps_the_governing_body_and_the_national_name_on_one_line(
    pdfs: dict[str, bytes], tmp_path: Path
) -> None:
    pdftotext = program_or_skip("pdftotext", package="poppler-utils")
    source = tmp_path / "quyet-dinh.pdf"
    source.write_bytes(pdfs["quyet-dinh"])
    text = subprocess.run(
        [pdftotext, "-layout", str(source), "-"], check=True, capture_output=True, text=True
    ).stdout
    first = next(line for line in text.splitlines() if line.strip())
    assert "UBND THÀNH PHỐ HẢI PHÒNG" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
