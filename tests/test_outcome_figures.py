"""Outcome figures through the register, on every engine: "trên 150 lượt người" is kept as written
and printed back by show, trace and report-draft, its number summed; bad figures change nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from databases import dump
from vanban import LinkKind, Office
from vanban.docx.read import read_blocks
from vanban.domain.figures import Bound
from vanban.errors import InputError
from vanban.office.reporting import draft_report
from vanban.office.views import trace_json

if TYPE_CHECKING:
    from conftest import Cli


@pytest.fixture
def plan(office: Office) -> int:
    doc = office.register(
        "KH",
        subject="Bình dân học vụ số",
        on=date(2025, 10, 1),
        deadline=date(2025, 12, 31),
        signer="chutich",
    )
    return doc.id


def test_a_figure_is_kept_as_written_and_its_number_stays_a_number(office: Office, plan: int) -> None:
    added = office.add_outcome(plan, text="Lớp học trải nghiệm", quantity="trên 150 lượt người")
    (stored,) = office.outcomes(plan)
    assert stored == added
    assert (stored.quantity, stored.unit, stored.bound) == (Decimal(150), "lượt người", Bound.OVER)
    assert stored.figure_text == "trên 150 lượt người"
    office.add_outcome(plan, text="Hội nghị", quantity="Hơn 1.200", unit="người tham dự")
    office.add_outcome(plan, text="Diện tích", quantity="1,5", unit="ha")
    texts = [o.figure_text for o in office.outcomes(plan)]
    assert texts == ["trên 150 lượt người", "Hơn 1.200 người tham dự", "1,5 ha"]
    assert [o.quantity for o in office.outcomes(plan)] == [Decimal(150), Decimal(1200), Decimal("1.5")]
    (event,) = [e for e in office.history(plan) if e.trigger == "outcome" and e.note == "Hội nghị"]
    assert event.data["written"] == "Hơn 1.200 người tham dự" and event.data["bound"] == "over"


def test_a_number_given_to_the_api_is_an_exact_figure_printed_the_vietnamese_way(
    office: Office, plan: int
) -> None:
    added = office.add_outcome(plan, text="Hộ được hỗ trợ", quantity=Decimal("1250.5"), unit="hộ")
    assert (added.bound, added.written, added.figure_text) == (Bound.EXACT, None, "1.250,5 hộ")


@pytest.mark.parametrize(
    ("quantity", "unit", "said"),
    [
        ("5 - 7", "thành viên", "là một khoảng"),
        ("tổng số 150", None, "không phải từ chỉ mức"),
        ("trên 150 lượt người", "hộ", "khác đơn vị tính"),
        ("1 200 người", None, "hai số liền nhau"),
        ("'; DROP TABLE outcomes; --", None, "không có số"),
        ("<b>150</b>", None, "không phải từ chỉ mức"),
        ("9" * 5000, None, "tối đa 120"),
        (None, "người", "thiếu số lượng"),
    ],
)
def test_a_bad_figure_is_refused_and_nothing_changes(
    office: Office, plan: int, quantity: str | None, unit: str | None, said: str
) -> None:
    before = dump(office)
    with pytest.raises(InputError) as refused:
        office.add_outcome(plan, text="Kết quả", quantity=quantity, unit=unit)
    assert said in refused.value.message and refused.value.hint
    assert dump(office) == before


def test_the_trace_prints_figures_as_written_and_sums_them_with_their_bound(
    office: Office, plan: int
) -> None:
    office.add_outcome(plan, text="Lớp thôn Đông", quantity="trên 150 lượt người")
    office.add_outcome(plan, text="Lớp thôn Tây", quantity="80 lượt người")
    office.add_outcome(plan, text="Tổ công nghệ số", quantity="100%", unit="số thôn")
    chain = trace_json(office, office.trace(plan))
    assert [o["figure"] for o in chain["outcomes"]] == [
        "trên 150 lượt người",
        "80 lượt người",
        "100% số thôn",
    ]
    assert [o["bound"] for o in chain["outcomes"]] == ["over", "exact", "exact"]
    assert chain["totals"] == [
        {"quantity": 230, "unit": "lượt người", "bound": "over", "figure": "trên 230 lượt người"}
    ]


def test_report_draft_reproduces_each_figure_and_the_sum_of_a_unit(
    office: Office, plan: int, tmp_path: Path
) -> None:
    letter = office.register(
        "CV", unit="VHXH", subject="Triển khai lớp học", on=date(2025, 10, 5), signer="chutich"
    )
    office.link(letter.id, plan, LinkKind.IMPLEMENTS)
    office.add_outcome(
        letter.id, text="Lớp học thôn Đông", quantity="trên 150 lượt người", on=date(2025, 10, 20)
    )
    office.add_outcome(
        letter.id, text="Lớp học thôn Tây", quantity="hơn 200 lượt người", on=date(2025, 10, 25)
    )
    asked = office.receive(
        "516/SKHCN-TTTT",
        sender="SKHCN",
        on=date(2025, 11, 12),
        arrived=date(2025, 11, 12),
        subject="Báo cáo kết quả triển khai phong trào Bình dân học vụ số",
    )
    out = tmp_path / "bc.docx"
    draft_report(office, asked.id, out=out, directives=[plan], date_to=date(2025, 11, 15))
    blocks = read_blocks(out)
    assert "- Lớp học thôn Đông: trên 150 lượt người (20/10/2025)." in blocks
    assert "- Lớp học thôn Tây: hơn 200 lượt người (25/10/2025)." in blocks
    assert "- Tổng cộng: trên 350 lượt người." in blocks


def test_outcome_add_on_the_command_line_keeps_the_figure_and_refuses_a_range(
    office: Office, plan: int, db_url: str, cli: Cli
) -> None:
    data = cli.ok_json(
        db_url, "outcome", "add", f"#{plan}", "--text", "Hội nghị", "--quantity", "hơn 200 người"
    )
    assert (data["figure"], data["quantity"], data["unit"], data["bound"]) == (
        "hơn 200 người",
        200,
        "người",
        "over",
    )
    cli.ok(db_url, "outcome", "add", f"#{plan}", "--text", "Hội nghị 2", "--quantity", "khoảng 50 người")
    listed = cli.ok(db_url, "outcome", "list", f"#{plan}").out
    assert "hơn 200 người" in listed and "khoảng 50 người" in listed
    assert "khoảng 250 người" in listed  # the sum: approximate when a part is
    before = dump(office)
    ran = cli.run(db_url, "outcome", "add", f"#{plan}", "--text", "Tổ", "--quantity", "5 - 7 thành viên")
    assert ran.code == 2 and "là một khoảng" in ran.err and "Traceback" not in ran.err
    assert dump(office) == before
