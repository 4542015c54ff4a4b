"""Helpers shared by the Word tests: sample sheets, hand-made .docx files, the XML inside them,
and LibreOffice conversion to PDF. Standard library only, so the tests look at the files
independently of python-docx."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

import pytest

from vanban.docx.render import render
from vanban.domain.codes import make_code
from vanban.domain.sheet import Sheet
from vanban.domain.types import CONG_VAN

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
THEME_SLOTS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

GOVERNING = "UBND THÀNH PHỐ HẢI PHÒNG"
ISSUING = "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"
LAW_BASIS = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
DECREE_BASIS = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư"


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML tag or attribute: w("p") → "{…main}p"."""
    return f"{{{W_NS}}}{tag}"


# --- sample sheets -------------------------------------------------------------------------


def cong_van_sheet(**changes: object) -> Sheet:
    """Công văn 542/UBND-VHXH of UBND xã Phú Thái (the sample report's first letter)."""
    sheet = Sheet(
        issuing_body=ISSUING,
        governing_body=GOVERNING,
        type_key=CONG_VAN,
        code="542/UBND-VHXH",
        place="Phú Thái",
        date=dt.date(2025, 9, 26),
        subject="triển khai các hoạt động hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia 01-10",
        to=["Các cơ quan, đơn vị trên địa bàn xã", "Các thôn trên địa bàn xã"],
        body=[
            "Thực hiện Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã về Tổ chức các hoạt động "
            "hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia, Ủy ban nhân dân xã đề nghị các cơ quan, "
            "đơn vị, các thôn thực hiện một số nội dung sau:",
            "1. Công tác tuyên truyền",
            "Tuyên truyền trên hệ thống loa truyền thanh, bảng tin, Cổng thông tin điện tử xã.",
            "Đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện./.",
        ],
        recipients=["Như trên", "Lãnh đạo UBND xã"],
        archive="VT, VHXH",
        signer_authority="KT.",
        signer_deputy_title="CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn Bình",
    )
    for name, value in changes.items():
        setattr(sheet, name, value)
    return sheet


def quyet_dinh_sheet(**changes: object) -> Sheet:
    """Quyết định 968/QĐ-UBND of 03/10/2025 with two căn cứ lines."""
    sheet = Sheet(
        issuing_body=ISSUING,
        governing_body=GOVERNING,
        type_key="QĐ",
        code="968/QĐ-UBND",
        place="Phú Thái",
        date=dt.date(2025, 10, 3),
        subject="Về việc kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng",
        enacting_authority="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THÁI",
        bases=[LAW_BASIS, DECREE_BASIS],
        body=[
            "QUYẾT ĐỊNH:",
            "Điều 1. Kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng tại các thôn.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
        ],
        recipients=["Như Điều 2", "TT Đảng ủy, TT HĐND xã"],
        archive="VT, VHXH",
        signer_authority="TM.",
        signer_org="ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Phúc Công",
    )
    for name, value in changes.items():
        setattr(sheet, name, value)
    return sheet


def typed_sheet(type_key: str, number: int = 12) -> Sheet:
    """A sheet of any administrative type, citing 30/2020/NĐ-CP and 90/KH-UBND."""
    code = make_code(number, type_key, "UBND", "VHXH")
    cong_van = type_key == CONG_VAN
    return Sheet(
        issuing_body=ISSUING,
        governing_body=GOVERNING,
        type_key=type_key,
        code=str(code),
        notation=code.notation,
        place="Phú Thái",
        date=dt.date(2025, 1, 5),
        subject="Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm 2025",
        bases=[] if cong_van else [DECREE_BASIS],
        to=["Các thôn trên địa bàn xã"] if cong_van else [],
        body=[
            "Thực hiện Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã về Tổ chức các hoạt động "
            "hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia, Ủy ban nhân dân xã triển khai như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Nâng cao nhận thức của cán bộ và nhân dân về chuyển đổi số./.",
        ],
        recipients=["Các thôn"],
        archive="VT, VHXH",
        signer_authority="TM.",
        signer_org="ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Phúc Công",
    )


def rendered(sheet: Sheet) -> bytes:
    """The .docx bytes of a rendered sheet."""
    buffer = io.BytesIO()
    render(sheet, buffer)
    return buffer.getvalue()


# --- looking inside a .docx ------------------------------------------------------------------


def part(data: bytes, name: str) -> ET.Element:
    """A part of the package (e.g. "word/document.xml") parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ET.fromstring(archive.read(name))


def part_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def paragraph_text(p: ET.Element) -> str:
    """The text of a paragraph as shown: runs joined, tabs as "\t", line breaks as "\n"."""
    out = []
    for run in p.iter(w("r")):
        for child in run:
            if child.tag == w("t"):
                out.append(child.text or "")
            elif child.tag == w("tab"):
                out.append("\t")
            elif child.tag == w("br"):
                out.append("\n")
    return "".join(out)


def paragraphs(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(w("p")))


def find_paragraph(root: ET.Element, text: str) -> ET.Element:
    """The first paragraph whose text is exactly ``text``."""
    for p in root.iter(w("p")):
        if paragraph_text(p) == text:
            return p
    raise AssertionError(f"no paragraph reads {text!r}")


def run_props(p: ET.Element) -> list[ET.Element]:
    """The w:rPr of each run with text in a paragraph."""
    props = []
    for r in p.iter(w("r")):
        if any((t.text or "") for t in r.iter(w("t"))):
            rpr = r.find(w("rPr"))
            assert rpr is not None, "a run without properties"
            props.append(rpr)
    return props


def is_on(rpr: ET.Element, tag: str) -> bool:
    element = rpr.find(w(tag))
    return element is not None and element.get(w("val"), "true") not in ("0", "false")


def size_pt(rpr: ET.Element) -> float:
    element = rpr.find(w("sz"))
    assert element is not None, "a run without a size"
    return int(element.get(w("val"), "0")) / 2


def alignment(p: ET.Element) -> str | None:
    jc = p.find(f"{w('pPr')}/{w('jc')}")
    return None if jc is None else jc.get(w("val"))


def first_line_twips(p: ET.Element) -> int:
    ind = p.find(f"{w('pPr')}/{w('ind')}")
    return 0 if ind is None else int(ind.get(w("firstLine"), "0"))


def has_bottom_rule(p: ET.Element) -> bool:
    return p.find(f"{w('pPr')}/{w('pBdr')}/{w('bottom')}") is not None


# --- hand-made .docx files ---------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def runs_xml(*texts: str) -> str:
    """A paragraph whose text is split into one run per argument ("\\n" is a line break)."""
    runs = []
    for text in texts:
        pieces = [f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in text.split("\n")]
        runs.append("<w:r>" + "<w:br/>".join(pieces) + "</w:r>")
    return "<w:p>" + "".join(runs) + "</w:p>"


def table_xml(rows: list[list[str]]) -> str:
    """A table; a cell is paragraph XML (from runs_xml or table_xml) or plain text."""
    out = ["<w:tbl><w:tblGrid/>"]
    for row in rows:
        out.append("<w:tr>")
        for cell in row:
            inner = cell if cell.startswith("<w:") else runs_xml(cell)
            if inner.startswith("<w:tbl>"):
                inner += "<w:p/>"
            out.append(f"<w:tc>{inner}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def make_docx(*blocks: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx whose body is the given XML blocks (paragraphs, tables) or plain texts."""
    body = "".join(b if b.startswith("<w:") else runs_xml(b) for b in blocks)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:mc="{MC_NS}">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document.encode("utf-8"))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- LibreOffice and PDF -----------------------------------------------------------------------


def program_or_skip(*names: str, package: str) -> str:
    """A program on the PATH. Missing: skipped on a developer's machine (CI unset), a failure on CI."""
    for name in names:
        program = shutil.which(name)
        if program:
            return program
    if "CI" in os.environ:
        pytest.fail(
            f"{names[0]} không có trên máy CI: cài gói {package} (apt-get install -y "
            "--no-install-recommends libreoffice-writer-nogui fonts-liberation poppler-utils).",
            pytrace=False,
        )
    pytest.skip(f"{names[0]} chưa được cài trên máy này (gói {package})")


def soffice_or_skip() -> str:
    """LibreOffice, to turn .docx into PDF."""
    return program_or_skip("soffice", "libreoffice", package="libreoffice-writer-nogui")


def to_pdf(soffice: str, sources: list[Path], outdir: Path, profile: Path) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice run with its own user profile."""
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [outdir / (source.stem + ".pdf") for source in sources]


_MEDIABOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_page_count(pdf: bytes) -> int:
    """Pages counted from the raw PDF: objects of "/Type /Page" (not "/Pages")."""
    return len(_PAGE.findall(pdf))


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height in points of every /MediaBox in the raw PDF."""
    return [(float(m[3]) - float(m[1]), float(m[4]) - float(m[2])) for m in _MEDIABOX.finditer(pdf)]
