"""The commune's 2025 chain from shared/samples, rebuilt through the public API.

Xã Phú Thái received Công văn 516/SKHCN-TTTT asking for a report; the plans, decision and
official letters it had issued, the results they produced, and the report that answers.
Numbers come from the numbering engine after ``set_series``, never typed in.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from vanban.domain.model import LinkKind
from vanban.domain.types import BAO_CAO
from vanban.office.service import Office

REQUEST = "516/SKHCN-TTTT"
REQUEST_DEADLINE = date(2025, 11, 20)
REPORT_DATE = date(2025, 11, 19)
CHAIRMAN = "Nguyễn Phúc Công"

# (type, next number, date, subject)
DIRECTIVES: list[tuple[str, int, date, str]] = [
    (
        "CV",
        542,
        date(2025, 9, 26),
        "Triển khai các hoạt động hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia 01-10",
    ),
    (
        "KH",
        90,
        date(2025, 9, 29),
        "Tổ chức các hoạt động hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia 01 – 10 và ngày Chuyển đổi số "
        "quốc gia 10 – 10 trên địa bàn xã Phú Thái năm 2025",
    ),
    (
        "KH",
        95,
        date(2025, 10, 1),
        "Hoạt động của các Tổ công nghệ số cộng đồng trên địa bàn xã Phú Thái 4 tháng cuối năm",
    ),
    (
        "QĐ",
        968,
        date(2025, 10, 3),
        "Kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng tại các thôn trên địa bàn xã",
    ),
    (
        "CV",
        626,
        date(2025, 10, 7),
        "Tổ chức triển khai đồng bộ phong trào “Bình dân học vụ số”, “Ngày hội toàn dân học tập số” và "
        "“Ngày chuyển đổi số quốc gia”",
    ),
    ("CV", 675, date(2025, 10, 10), "Triển khai các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia 10 – 10"),
    (
        "CV",
        704,
        date(2025, 10, 14),
        "Hướng dẫn tham gia cuộc thi “Công dân số Hải Phòng - sử dụng thông minh, sống an toàn” năm 2025",
    ),
    ("CV", 705, date(2025, 10, 14), "Triển khai phổ cập bộ nhận diện Ngày Chuyển đổi số quốc gia năm 2025"),
]

DIRECTIVE_CODES = [
    "542/UBND-VHXH",
    "90/KH-UBND",
    "95/KH-UBND",
    "968/QĐ-UBND",
    "626/UBND-VHXH",
    "675/UBND-VHXH",
    "704/UBND-VHXH",
    "705/UBND-VHXH",
]

# The plan for the last 4 months of the year runs to 31/12: the November report on it, and on
# what carries it out, is an interim one (báo cáo tiến độ), which leaves them open.
INTERIM_CODES = frozenset({"95/KH-UBND", "968/QĐ-UBND", "626/UBND-VHXH"})

# (implementing document, directive it carries out)
IMPLEMENTS = [
    ("542/UBND-VHXH", "90/KH-UBND"),
    ("675/UBND-VHXH", "90/KH-UBND"),
    ("704/UBND-VHXH", "90/KH-UBND"),
    ("705/UBND-VHXH", "90/KH-UBND"),
    ("968/QĐ-UBND", "95/KH-UBND"),
    ("626/UBND-VHXH", "95/KH-UBND"),
]

# (document that produced it, text, figure as the report writes it, unit, date)
OUTCOMES: list[tuple[str, str, str | None, str | None, date]] = [
    (
        "626/UBND-VHXH",
        "Lớp học trải nghiệm trực tiếp tại Nhà văn hóa các thôn, hướng dẫn sử dụng các nền tảng số cơ bản",
        "trên 150",
        "lượt người tham gia",
        date(2025, 10, 31),
    ),
    (
        "675/UBND-VHXH",
        "Hội nghị triển khai thí điểm chương trình “Bình dân học vụ số” sáng ngày 18/10/2025",
        "hơn 200",
        "người tham dự",
        date(2025, 10, 18),
    ),
    (
        "968/QĐ-UBND",
        "Mô hình “Tổ công nghệ số cộng đồng” tại 100% thôn; mỗi tổ có 5 - 7 thành viên",
        "100%",
        "số thôn",
        date(2025, 10, 31),
    ),
]

REPORT_SUBJECT = (
    "Kết quả triển khai phong trào “Bình dân học vụ số”, “Ngày hội toàn dân học tập số” và "
    "“Ngày Chuyển đổi số quốc gia” năm 2025"
)


def build_chain(db: str | Path) -> Office:
    """Everything up to, not including, the report: the state in which 516 can fall overdue."""
    office = Office.init(
        db,
        org="UBND",
        name="Ủy ban nhân dân xã Phú Thái",
        place="Phú Thái",
        parent="UBND thành phố Hải Phòng",
        login="vanthu",
        full_name="Văn thư UBND xã",
    )
    office.add_user("chutich", name=CHAIRMAN, roles=["lanh_dao"], title="Chủ tịch")
    office.add_unit("VHXH", "Văn hóa - Xã hội")
    office.add_org("SKHCN", "Sở Khoa học và Công nghệ thành phố Hải Phòng", place="Hải Phòng")

    for type_key, number, on, subject in DIRECTIVES:
        if _needs_set(office, type_key, on, number):
            office.set_series(type_key, year=on.year, next_number=number)
        draft = office.draft(type_key, subject=subject, unit="VHXH" if type_key == "CV" else None)
        office.issue(draft.id, on=on, signer=CHAIRMAN, title="Chủ tịch", authority="TM.")

    office.link("90/KH-UBND", "57-NQ/TW", LinkKind.BASED_ON)
    office.link("95/KH-UBND", "30/2020/NĐ-CP", LinkKind.CITES)
    for source, target in IMPLEMENTS:
        office.link(source, target, LinkKind.IMPLEMENTS)
    for ref, text, quantity, unit, on in OUTCOMES:
        office.add_outcome(ref, text=text, quantity=quantity, unit=unit, on=on)

    office.receive(
        REQUEST,
        sender="SKHCN",
        on=date(2025, 11, 12),
        arrived=date(2025, 11, 12),
        subject="Báo cáo kết quả triển khai phong trào “Bình dân học vụ số”, “Ngày hội toàn dân học tập số” "
        "và “Ngày chuyển đổi số quốc gia”",
        deadline=REQUEST_DEADLINE,
    )
    office.as_user("chutich").assign(
        REQUEST, lead="VHXH", deadline=REQUEST_DEADLINE, note="Tổng hợp, báo cáo Sở"
    )
    return office


def _needs_set(office: Office, type_key: str, on: date, number: int) -> bool:
    """Whether the series must jump to ``number`` (numbers between were issued outside vanban)."""
    from vanban.domain.model import Direction
    from vanban.domain.numbering import NumberingPolicy, Policy

    org = office.office()
    key = NumberingPolicy(Policy(org.numbering)).series_key(type_key, direction=Direction.OUT)
    current = next((s for s in office.series(on.year) if s.key == key), None)
    return current is None or current.last_number + 1 != number


def issue_report(office: Office) -> str:
    """Draft the report answering 516, link it to what it reports on (finally, or in the interim
    for the plan still running), issue it; its code."""
    report = office.draft(BAO_CAO, subject=REPORT_SUBJECT, recipients=["Sở KH&CN", "Lãnh đạo UBND xã"])
    office.link(report.id, REQUEST, LinkKind.RESPONDS_TO)
    for code in DIRECTIVE_CODES:
        office.link(
            report.id, code, LinkKind.REPORTS_PROGRESS if code in INTERIM_CODES else LinkKind.REPORTS_ON
        )
    issued = office.issue(report.id, on=REPORT_DATE, signer=CHAIRMAN, title="Chủ tịch")
    assert issued.code is not None
    return issued.code


def build_demo(db: str | Path) -> tuple[Office, str]:
    """The whole chain with its report; the office and the report's code."""
    office = build_chain(db)
    return office, issue_report(office)
