"""A báo cáo drafted from the register answers a request in the shape commune reports take."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from docx_helpers import rendered
from vanban.docx.read import read_blocks
from vanban.domain.model import Direction, Document, Organization, Outcome
from vanban.domain.reading import read_metadata
from vanban.domain.report_draft import (
    PLACEHOLDER,
    build_report_draft,
    format_quantity,
    report_subject,
    short_office_name,
)
from vanban.domain.sheet import Sheet

OFFICE = Organization(
    1, "UBND", "Ủy ban nhân dân xã Phú Thái", "UBND thành phố Hải Phòng", "Phú Thái", own=True
)
MOVEMENT = "phong trào “Bình dân học vụ số”, “Ngày hội toàn dân học tập số” và “Ngày chuyển đổi số quốc gia”"


def _doc(doc_id: int, type_key: str, code: str, day: dt.date, subject: str, *, own: bool = True) -> Document:
    number, notation = code.split("/", 1)
    return Document(
        id=doc_id,
        office_id=1,
        direction=Direction.OUT if own else Direction.IN,
        type_key=type_key,
        issuer_id=1 if own else 7,
        issuer_code="UBND" if own else "SKHCN",
        issuer_name=OFFICE.name if own else "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        subject=subject,
        status="issued",
        workflow="directive",
        number=int(number),
        year=day.year,
        notation=notation,
        code=code,
        date=day,
    )


REQUEST = _doc(
    50, "CV", "516/SKHCN-TTTT", dt.date(2025, 11, 12), f"V/v báo cáo kết quả triển khai {MOVEMENT}", own=False
)
PLAN = _doc(
    1,
    "KH",
    "90/KH-UBND",
    dt.date(2025, 9, 29),
    "Tổ chức các hoạt động hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia 01 – 10 và ngày Chuyển đổi số "
    "quốc gia 10 – 10 trên địa bàn xã Phú Thái năm 2025",
)
DECISION = _doc(
    2,
    "QĐ",
    "968/QĐ-UBND",
    dt.date(2025, 10, 3),
    "Về việc kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng tại các thôn trên địa bàn xã",
)
LETTER = _doc(
    3,
    "CV",
    "542/UBND-VHXH",
    dt.date(2025, 9, 26),
    "V/v triển khai các hoạt động hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia 01-10",
)
OLD_PLAN = _doc(4, "KH", "12/KH-UBND", dt.date(2025, 2, 1), "Kế hoạch đầu năm")
OUTCOMES = {
    1: [
        Outcome(
            1,
            1,
            "Tổ chức lớp học trải nghiệm trực tiếp tại Nhà văn hóa các thôn",
            Decimal("150"),
            "lượt người",
            dt.date(2025, 10, 10),
        ),
        Outcome(
            2,
            1,
            "Hội nghị triển khai thí điểm chương trình “Bình dân học vụ số”.",
            Decimal("200"),
            "người",
            dt.date(2025, 10, 18),
        ),
        Outcome(3, 1, "Hoạt động ngoài kỳ báo cáo", Decimal("5"), "buổi", dt.date(2025, 12, 1)),
    ],
    3: [Outcome(4, 3, "Treo băng rôn, khẩu hiệu tại các thôn", None, None, None)],
}


@pytest.fixture
def draft() -> Sheet:
    return build_report_draft(
        OFFICE,
        REQUEST,
        "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        [LETTER, DECISION, PLAN, OLD_PLAN],
        OUTCOMES,
        dt.date(2025, 9, 1),
        dt.date(2025, 11, 15),
        signer_name="Nguyễn Phúc Công",
        signer_title="CHỦ TỊCH",
        archive_unit="VHXH",
    )


def test_the_draft_is_an_unnumbered_bao_cao_of_the_office(draft: Sheet) -> None:
    assert draft.type_key == "BC"
    assert draft.type_name == "Báo cáo"
    assert draft.code is None
    assert draft.notation == "BC-UBND"
    assert draft.date is None
    assert draft.place == "Phú Thái"
    assert draft.issuing_body == "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"
    assert draft.governing_body == "UBND THÀNH PHỐ HẢI PHÒNG"
    assert draft.subject == f"Kết quả triển khai {MOVEMENT}"


def test_the_opening_names_the_request_its_date_issuer_and_subject(draft: Sheet) -> None:
    assert draft.body[0] == (
        "Thực hiện Công văn số 516/SKHCN-TTTT ngày 12 tháng 11 năm 2025 của Sở Khoa học và Công nghệ "
        f"thành phố Hải Phòng về việc báo cáo kết quả triển khai {MOVEMENT}; Ủy ban nhân dân xã Phú Thái "
        "báo cáo kết quả triển khai như sau:"
    )


def test_the_directives_of_the_period_are_listed_typed_first_then_letters(draft: Sheet) -> None:
    body = draft.body
    start = body.index("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
    end = body.index("II. KẾT QUẢ TRIỂN KHAI")
    assert body[start + 1 : end] == [
        "UBND xã đã ban hành các văn bản chỉ đạo:",
        "- Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã về Tổ chức các hoạt động hưởng ứng Ngày hội "
        "Đổi mới sáng tạo quốc gia 01 – 10 và ngày Chuyển đổi số quốc gia 10 – 10 trên địa bàn xã Phú Thái "
        "năm 2025.",
        "- Quyết định số 968/QĐ-UBND ngày 03/10/2025 của UBND xã về việc kiện toàn Tổ công tác Đề án 06/CP "
        "và Công nghệ số cộng đồng tại các thôn trên địa bàn xã.",
        "Đồng thời ban hành các công văn triển khai tới các cơ quan, đơn vị trên địa bàn:",
        "- Công văn số 542/UBND-VHXH ngày 26/9/2025 của UBND xã về việc triển khai các hoạt động hưởng ứng "
        "Ngày hội Đổi mới sáng tạo quốc gia 01-10.",
    ]
    assert not any("12/KH-UBND" in line for line in body), "outside the period"


def test_outcomes_are_grouped_by_directive_with_quantity_and_unit(draft: Sheet) -> None:
    body = draft.body
    start = body.index("II. KẾT QUẢ TRIỂN KHAI")
    end = body.index("III. KHÓ KHĂN, VƯỚNG MẮC")
    assert body[start + 1 : end] == [
        "1. Kết quả thực hiện Kế hoạch số 90/KH-UBND ngày 29/9/2025",
        "- Tổ chức lớp học trải nghiệm trực tiếp tại Nhà văn hóa các thôn: 150 lượt người (10/10/2025).",
        "- Hội nghị triển khai thí điểm chương trình “Bình dân học vụ số”: 200 người (18/10/2025).",
        "2. Kết quả thực hiện Công văn số 542/UBND-VHXH ngày 26/9/2025",
        "- Treo băng rôn, khẩu hiệu tại các thôn.",
    ]


def test_the_clerk_completes_sections_three_to_five_and_the_closing_is_fixed(draft: Sheet) -> None:
    body = draft.body
    for heading in (
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "IV. PHƯƠNG HƯỚNG NHIỆM VỤ TRONG THỜI GIAN TỚI",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
    ):
        assert body[body.index(heading) + 1] == PLACEHOLDER
    assert body[-1] == f"Trên đây là Báo cáo kết quả triển khai {MOVEMENT} của Ủy ban nhân dân xã Phú Thái./."


def test_the_foot_goes_to_the_requester_and_the_leadership(draft: Sheet) -> None:
    assert draft.recipients == ["Sở Khoa học và Công nghệ thành phố Hải Phòng", "Lãnh đạo UBND xã"]
    assert draft.archive == "VT, VHXH"
    assert draft.signature_lines() == ["CHỦ TỊCH"]
    assert draft.signer_name == "Nguyễn Phúc Công"


def test_without_directives_or_outcomes_the_sections_hold_placeholders() -> None:
    sheet = build_report_draft(OFFICE, REQUEST, "Sở Khoa học và Công nghệ", [], {})
    body = sheet.body
    assert body[body.index("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") + 1] == PLACEHOLDER
    assert body[body.index("II. KẾT QUẢ TRIỂN KHAI") + 1] == PLACEHOLDER


def test_the_draft_prints_and_reads_back_as_a_bao_cao(draft: Sheet) -> None:
    meta = read_metadata(read_blocks(io.BytesIO(rendered(draft))))
    assert meta.type_key == "BC"
    assert meta.code is None
    assert meta.notation == "BC-UBND"
    assert meta.subject == draft.subject
    assert meta.body == draft.body
    codes = [str(r.code) for r in meta.references]
    assert codes[:4] == ["516/SKHCN-TTTT", "90/KH-UBND", "968/QĐ-UBND", "542/UBND-VHXH"]


@pytest.mark.parametrize(
    ("request_subject", "expected"),
    [
        ("V/v báo cáo kết quả triển khai Đề án 06", "Kết quả triển khai Đề án 06"),
        ("Về việc báo cáo tình hình thực hiện Đề án 06.", "Kết quả thực hiện tình hình thực hiện Đề án 06"),
        ("Tổng kết phong trào thi đua năm 2025", "Kết quả thực hiện tổng kết phong trào thi đua năm 2025"),
    ],
)
def test_the_report_subject_comes_from_the_request(request_subject: str, expected: str) -> None:
    assert report_subject(request_subject) == expected


def test_quantities_are_written_the_vietnamese_way() -> None:
    assert format_quantity(Decimal("150")) == "150"
    assert format_quantity(Decimal("1250")) == "1.250"
    assert format_quantity(Decimal("2.50")) == "2,5"
    assert format_quantity(Decimal("1234567.25")) == "1.234.567,25"


def test_the_office_is_named_by_its_abbreviation_and_level() -> None:
    assert short_office_name(OFFICE) == "UBND xã"
    ward = Organization(2, "UBND", "Ủy ban nhân dân phường Lê Chân", None, "Lê Chân")
    assert short_office_name(ward) == "UBND phường"
