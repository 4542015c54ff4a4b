"""`vanban report-draft`: the báo cáo answering 516/SKHCN-TTTT drafted from the demo chain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Cli

from vanban.docx.read import read_blocks
from vanban.domain.model import LinkKind
from vanban.domain.reading import read_metadata
from vanban.office import Office
from vanban.office.demo import DIRECTIVE_CODES, REQUEST, build_chain

OPENING = (
    "Thực hiện Công văn số 516/SKHCN-TTTT ngày 12 tháng 11 năm 2025 của Sở Khoa học và Công nghệ "
    "thành phố Hải Phòng"
)


@pytest.fixture
def chain(db_url: str) -> str:
    """The demo chain of xã Phú Thái up to, not including, the report."""
    build_chain(db_url).close()
    return db_url


def test_the_draft_opens_with_the_request_its_date_in_words_and_its_issuer(
    chain: str, tmp_path: Path, cli: Cli
) -> None:
    out = tmp_path / "bao-cao.docx"
    code, stdout, err = cli.run(
        chain, "--as", "vanthu", "report-draft", "--responds-to", REQUEST, "--out", str(out)
    )
    assert code == 0, err
    assert f"Đã ghi dự thảo báo cáo trả lời {REQUEST}" in stdout
    blocks = read_blocks(out)
    opening = next(b for b in blocks if b.startswith("Thực hiện"))
    assert opening.startswith(OPENING + " về việc báo cáo kết quả triển khai phong trào “Bình dân học vụ số”")
    assert opening.endswith("; Ủy ban nhân dân xã Phú Thái báo cáo kết quả triển khai như sau:")
    assert "BÁO CÁO" in blocks
    assert "Số:      /BC-UBND" in blocks  # a draft: the number comes at issue


def test_section_one_lists_the_directives_with_padded_dates_as_in_the_sample(
    chain: str, tmp_path: Path, cli: Cli
) -> None:
    out = tmp_path / "bao-cao.docx"
    assert (
        cli.run(chain, "--as", "vanthu", "report-draft", "--responds-to", REQUEST, "--out", str(out))[0] == 0
    )
    blocks = read_blocks(out)
    section = blocks[
        blocks.index("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") + 1 : blocks.index("II. KẾT QUẢ TRIỂN KHAI")
    ]
    assert section[0] == "UBND xã đã ban hành các văn bản chỉ đạo:"
    assert section[1].startswith(
        "- Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã về Tổ chức các hoạt động hưởng ứng Ngày hội "
        "Đổi mới sáng tạo quốc gia 01 – 10"
    )
    assert section[2].startswith("- Kế hoạch số 95/KH-UBND ngày 01/10/2025 của UBND xã về Hoạt động của các")
    assert section[3].startswith("- Quyết định số 968/QĐ-UBND ngày 03/10/2025 của UBND xã về")
    assert section[4].startswith("Đồng thời ban hành các công văn triển khai")
    letters = [line.split(" ngày ")[0] for line in section[5:]]
    assert letters == [
        "- Công văn số 542/UBND-VHXH",
        "- Công văn số 626/UBND-VHXH",
        "- Công văn số 675/UBND-VHXH",
        "- Công văn số 704/UBND-VHXH",
        "- Công văn số 705/UBND-VHXH",
    ]
    assert "- Công văn số 626/UBND-VHXH ngày 07/10/2025 của UBND xã về việc tổ chức triển khai" in section[6]


def test_section_two_gives_the_outcomes_with_their_figures_under_their_directive(
    chain: str, tmp_path: Path, cli: Cli
) -> None:
    out = tmp_path / "bao-cao.docx"
    assert (
        cli.run(chain, "--as", "vanthu", "report-draft", "--responds-to", REQUEST, "--out", str(out))[0] == 0
    )
    blocks = read_blocks(out)
    section = blocks[blocks.index("II. KẾT QUẢ TRIỂN KHAI") + 1 : blocks.index("III. KHÓ KHĂN, VƯỚNG MẮC")]
    text = "\n".join(section)
    assert "Kết quả thực hiện Công văn số 626/UBND-VHXH ngày 07/10/2025" in text
    assert "150 lượt người tham gia (31/10/2025)." in text
    assert "Kết quả thực hiện Công văn số 675/UBND-VHXH ngày 10/10/2025" in text
    assert "200 người tham dự (18/10/2025)." in text
    assert text.index("150 lượt người") < text.index("200 người tham dự")  # in the order of section I
    for heading in ("III. KHÓ KHĂN, VƯỚNG MẮC", "IV. PHƯƠNG HƯỚNG NHIỆM VỤ TRONG THỜI GIAN TỚI"):
        assert blocks[blocks.index(heading) + 1] == "(…)"
    assert blocks[-3:] == ["- Lưu: VT, VHXH.", "CHỦ TỊCH", "Nguyễn Phúc Công"]


def test_the_period_limits_the_directives_and_the_outcomes(chain: str, tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "bao-cao.docx"
    code, stdout, err = cli.run(
        chain,
        "--as",
        "vanthu",
        "--json",
        "report-draft",
        "--responds-to",
        REQUEST,
        "--from",
        "1/10/2025",
        "--to",
        "12/10/2025",
        "--out",
        str(out),
    )
    assert code == 0, err
    data = json.loads(stdout)
    assert data["directives"] == ["95/KH-UBND", "968/QĐ-UBND", "626/UBND-VHXH", "675/UBND-VHXH"]
    assert (data["from"], data["to"]) == ("2025-10-01", "2025-10-12")
    text = "\n".join(read_blocks(out))
    assert "150 lượt người" not in text  # recorded on 31/10, after the period
    assert "200 người tham dự" not in text
    assert data["document"] is None


def test_with_register_the_draft_is_a_bao_cao_in_the_register_that_follows_its_lifecycle(
    chain: str, tmp_path: Path, cli: Cli
) -> None:
    out = tmp_path / "bao-cao.docx"
    code, stdout, err = cli.run(
        chain,
        "--as",
        "vanthu",
        "--json",
        "report-draft",
        "--responds-to",
        REQUEST,
        "--register",
        "--out",
        str(out),
    )
    assert code == 0, err
    data = json.loads(stdout)
    draft = data["document"]
    assert (draft["type"], draft["status"], draft["code"], draft["unit"]) == ("BC", "drafted", None, "VHXH")
    assert data["links"][0] == {"kind": "responds_to", "code": REQUEST}
    assert {link["code"] for link in data["links"][1:]} == set(DIRECTIVE_CODES)
    office = Office(chain, user="vanthu")
    try:
        upstream = {str(n.document.code): n.kind for n in office.trace(draft["id"]).upstream}
        assert upstream[REQUEST] is LinkKind.RESPONDS_TO
        assert all(upstream[c] is LinkKind.REPORTS_ON for c in DIRECTIVE_CODES)
        assert office.get(REQUEST).status == "assigned"  # a draft answers nothing yet
        issued = office.issue(draft["id"], signer="Nguyễn Phúc Công")
        assert issued.code == "01/BC-UBND"
        assert office.get(REQUEST).status == "done"
        assert office.get("90/KH-UBND").status == "reported"
    finally:
        office.close()
    # Printed again once issued, the registered draft reads back as the same báo cáo, numbered.
    again = tmp_path / "01-BC-UBND.docx"
    assert cli.run(chain, "--as", "vanthu", "render", "01/BC-UBND", "--out", str(again))[0] == 0
    meta = read_metadata(read_blocks(again))
    assert meta.code == "01/BC-UBND"
    assert meta.body == read_metadata(read_blocks(out)).body
    assert {str(r.code): r.kind for r in meta.references}[REQUEST] is LinkKind.RESPONDS_TO


def test_a_request_that_is_not_there_or_a_wrong_file_is_bad_input(
    chain: str, tmp_path: Path, cli: Cli
) -> None:
    code, out, err = cli.run(
        chain,
        "--as",
        "vanthu",
        "report-draft",
        "--responds-to",
        "999/SKHCN-TTTT",
        "--out",
        str(tmp_path / "x.docx"),
    )
    assert (code, out) == (2, "")
    assert "Không có văn bản 999/SKHCN-TTTT" in err
    code, _, err = cli.run(
        chain, "--as", "vanthu", "report-draft", "--responds-to", REQUEST, "--out", str(tmp_path / "x.pdf")
    )
    assert code == 2
    assert "phải có đuôi .docx" in err
    assert not (tmp_path / "x.docx").exists()
