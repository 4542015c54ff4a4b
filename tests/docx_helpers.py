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


def font_or_skip(name: str) -> Path:
    """A font file of the fonts-liberation package. Missing: skipped on a developer's machine,
    a failure on CI (which installs the package with LibreOffice)."""
    for folder in ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2"):
        path = Path(folder) / name
        if path.exists():
            return path
    if "CI" in os.environ:
        pytest.fail(f"{name} không có trên máy CI: cài gói fonts-liberation.", pytrace=False)
    pytest.skip(f"{name} chưa được cài trên máy này (gói fonts-liberation)")


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


# --- the layout of Phụ lục I, checked on a rendered file (nd30.md §4) ---------------------------

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_CM = 1440 / 2.54
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
_NUMBER_LINE = re.compile(r"^Số: \S*\s*/\S+$")
_DATE_LINE = re.compile(r"^(?:[^,]+, )?[Nn]gày .+ tháng .+ năm .+$")
_BASIS_LINE = re.compile(r"^(?:Căn cứ|Theo đề nghị|Xét đề nghị)\b")
_HEADING_LINE = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*)\.\s")
_ARCHIVE_LINE = re.compile(r"^- Lưu: VT, \S.*\.$")
_RECIPIENT_LINE = re.compile(r"^- .+;$")


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _sizes(p: ET.Element) -> set[float]:
    return {size_pt(r) for r in run_props(p)}


def _all(p: ET.Element, tag: str) -> bool:
    props = run_props(p)
    return bool(props) and all(is_on(r, tag) for r in props)


def _none(p: ET.Element, tag: str) -> bool:
    return not any(is_on(r, tag) for r in run_props(p))


def _twips(element: ET.Element | None, *names: str) -> int:
    if element is None:
        return 0
    for name in names:
        value = element.get(w(name))
        if value is not None:
            return int(value)
    return 0


def _rule_cm(p: ET.Element, room_twips: int) -> float:
    """The length of a rule drawn as a paragraph's bottom border in ``room_twips`` of width."""
    ind = p.find(f"{w('pPr')}/{w('ind')}")
    left = _twips(ind, "left", "start")
    right = _twips(ind, "right", "end")
    return (room_twips - left - right) / TWIPS_PER_CM


def _longest_line_cm(text: str, size: float, room_twips: int) -> float:
    from vanban.docx.metrics import bold_width_cm

    room = room_twips / TWIPS_PER_CM
    return max(min(bold_width_cm(line, size), room) for line in text.split("\n"))


class _Layout:
    """The problems found in one rendered document, each said as the rule it breaks."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.doc = part(data, "word/document.xml")
        self.problems: list[str] = []

    def expect(self, ok: bool, problem: str) -> None:
        if not ok:
            self.problems.append(problem)

    def text_width_twips(self) -> int:
        sect = self.doc.find(f"{w('body')}/{w('sectPr')}")
        assert sect is not None
        size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
        return _twips(size, "w") - _twips(margins, "left") - _twips(margins, "right")

    # page, fonts, page numbers
    def page(self) -> None:
        sect = self.doc.find(f"{w('body')}/{w('sectPr')}")
        assert sect is not None
        size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
        width, height = _twips(size, "w"), _twips(size, "h")
        self.expect(abs(width - 210 * TWIPS_PER_MM) < 2 and abs(height - 297 * TWIPS_PER_MM) < 2, "khổ A4")
        self.expect(size is not None and size.get(w("orient")) in (None, "portrait"), "trang đứng")
        for side, (least, most) in MARGINS_MM.items():
            mm = _twips(margins, side) / TWIPS_PER_MM
            self.expect(least <= mm <= most, f"lề {side} {mm:.3f} mm ngoài {least}–{most} mm")
        self.expect(sect.find(w("titlePg")) is not None, "số trang từ trang 2")
        rels = part(self.data, "word/_rels/document.xml.rels")
        targets = {r.get("Id"): r.get("Target") for r in rels}
        headers = {
            ref.get(w("type")): part(self.data, "word/" + str(targets[ref.get(f"{{{R_NS}}}id")]))
            for ref in sect.findall(w("headerReference"))
        }
        default, first = headers.get("default"), headers.get("first")
        self.expect(
            default is not None
            and "PAGE" in " ".join(t.text or "" for t in default.iter(w("instrText"))).split()
            and any(alignment(p) == "center" for p in default.iter(w("p"))),
            "số trang ở giữa lề trên",
        )
        self.expect(
            first is not None and not "".join(t.text or "" for t in first.iter(w("t"))).strip(),
            "trang 1 không đánh số",
        )

    def fonts(self) -> None:
        roots = [self.doc] + [
            part(self.data, n) for n in part_names(self.data) if n.startswith("word/header")
        ]
        for root in roots:
            for run in root.iter(w("r")):
                fonts = run.find(f"{w('rPr')}/{w('rFonts')}")
                names = [None if fonts is None else fonts.get(w(slot)) for slot in FONT_SLOTS]
                self.expect(names == ["Times New Roman"] * 4, f"phông Times New Roman: {names}")
            for color in root.iter(w("color")):
                self.expect(color.get(w("val")) in ("auto", "000000"), f"chữ màu đen: {color.get(w('val'))}")

    # the header
    def header(self, *, cong_van: bool) -> None:
        body = self.doc.find(w("body"))
        assert body is not None
        table = body[0]
        if table.tag != w("tbl"):
            self.problems.append("phần đầu là bảng hai cột")
            return
        self.borderless(table, "bảng phần đầu")
        grid = [int(c.get(w("w"), "0")) for c in table.iter(w("gridCol"))]
        self.expect(len(grid) == 2, "phần đầu hai cột")
        self.expect(sum(grid) <= self.text_width_twips(), "phần đầu không lấn vào lề")
        margin = _twips(table.find(f"{w('tblPr')}/{w('tblCellMar')}/{w('left')}"), "w")
        rows = table.findall(w("tr"))
        if len(rows) != 2 or len(grid) != 2:
            self.problems.append("phần đầu hai hàng, hai cột")
            return
        top_left, top_right = (list(tc.iter(w("p"))) for tc in rows[0].findall(w("tc")))
        low_left, low_right = (list(tc.iter(w("p"))) for tc in rows[1].findall(w("tc")))
        left_room, right_room = grid[0] - 2 * margin, grid[1] - 2 * margin

        texts = [p for p in top_left if paragraph_text(p)]
        issuing = texts[-1] if texts else None
        if issuing is None:
            self.problems.append("tên cơ quan ban hành")
        else:
            for governing in texts[:-1]:
                self.expect(_caps(paragraph_text(governing)), "tên cơ quan chủ quản in hoa")
                self.expect(_sizes(governing) <= {12, 13}, "cơ quan chủ quản cỡ 12–13")
                self.expect(_none(governing, "b"), "cơ quan chủ quản chữ đứng, không đậm")
            name = paragraph_text(issuing)
            self.expect(_caps(name), "tên cơ quan ban hành in hoa")
            self.expect(_all(issuing, "b"), "tên cơ quan ban hành in đậm")
            sizes = _sizes(issuing)
            self.expect(sizes <= {12, 13}, "tên cơ quan ban hành cỡ 12–13")
            after = top_left[top_left.index(issuing) + 1 :]
            if not after or not has_bottom_rule(after[0]):
                self.problems.append("đường kẻ dưới tên cơ quan ban hành")
            else:
                line = _longest_line_cm(name, max(sizes), left_room)
                rule = _rule_cm(after[0], left_room)
                self.expect(
                    line / 3 <= rule <= line / 2,
                    f"đường kẻ dưới tên cơ quan {rule:.2f} cm, phải từ 1/3 đến 1/2 của {line:.2f} cm",
                )

        named = [p for p in top_right if paragraph_text(p)]
        if [paragraph_text(p) for p in named] != [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        ]:
            self.problems.append("quốc hiệu và tiêu ngữ")
        else:
            national, motto = named
            self.expect(_all(national, "b") and _sizes(national) <= {12, 13}, "quốc hiệu đậm, cỡ 12–13")
            self.expect(_all(motto, "b") and _sizes(motto) <= {13, 14}, "tiêu ngữ đậm, cỡ 13–14")
            after = top_right[top_right.index(motto) + 1 :]
            if not after or not has_bottom_rule(after[0]):
                self.problems.append("đường kẻ dưới tiêu ngữ")
            else:
                line = _longest_line_cm(paragraph_text(motto), max(_sizes(motto)), right_room)
                rule = _rule_cm(after[0], right_room)
                self.expect(abs(rule - line) <= 0.05, f"đường kẻ dưới tiêu ngữ {rule:.2f} cm ≠ {line:.2f} cm")

        number = next((p for p in low_left if paragraph_text(p).startswith("Số")), None)
        if number is None or not _NUMBER_LINE.match(paragraph_text(number)):
            self.problems.append("dòng «Số: …/…» cùng hàng với ngày tháng")
        else:
            self.expect(_sizes(number) == {13}, "số, ký hiệu cỡ 13")
        if cong_van:
            subject = next((p for p in low_left if paragraph_text(p).startswith("V/v ")), None)
            self.expect(
                subject is not None and _sizes(subject) <= {12, 13}, "trích yếu công văn «V/v …» cỡ 12–13"
            )
        for p in low_left:
            text = paragraph_text(p)
            if text and not text.startswith(("Số", "V/v ")):
                # urgency, secrecy and circulation marks: stamped in a frame, bold capitals
                framed = all(r.find(w("bdr")) is not None for r in run_props(p))
                self.expect(framed and _all(p, "b") and _caps(text), f"dấu «{text}» in hoa, đậm, có khung")
        dates = [p for p in low_right if paragraph_text(p)]
        if len(dates) != 1 or not _DATE_LINE.match(paragraph_text(dates[0])):
            self.problems.append("địa danh và ngày tháng cùng hàng với số")
        else:
            self.expect(_all(dates[0], "i") and _sizes(dates[0]) <= {13, 14}, "ngày tháng nghiêng, cỡ 13–14")

    def borderless(self, table: ET.Element, what: str) -> None:
        borders = table.find(f"{w('tblPr')}/{w('tblBorders')}")
        self.expect(
            borders is not None and all(e.get(w("val")) in ("none", "nil") for e in borders),
            f"{what} không viền",
        )

    # title, căn cứ, body
    def middle(self, *, type_name: str, cong_van: bool, enacted: bool) -> None:
        body = self.doc.find(w("body"))
        assert body is not None
        tables = [i for i, child in enumerate(body) if child.tag == w("tbl")]
        middle = [c for c in body[tables[0] + 1 : tables[-1]] if c.tag == w("p")]
        texts = [paragraph_text(p) for p in middle]
        cursor = 0
        if cong_van:
            self.expect(type_name.upper() not in texts, "công văn không có tên loại")
            to = next((i for i, t in enumerate(texts) if t.startswith("Kính gửi:")), None)
            self.expect(to is not None, "công văn có «Kính gửi:»")
            if to is not None:
                cursor = to + 1
                while cursor < len(texts) and texts[cursor].startswith("- "):
                    cursor += 1
        else:
            cursor = self.title(middle, type_name, enacted=enacted)
        while cursor < len(middle) and not texts[cursor]:
            cursor += 1
        bases = []
        while cursor < len(middle) and _BASIS_LINE.match(texts[cursor]):
            bases.append(middle[cursor])
            cursor += 1
        for i, p in enumerate(bases):
            text = paragraph_text(p)
            self.expect(_all(p, "i"), f"căn cứ in nghiêng: {text[:40]}")
            end = "." if i == len(bases) - 1 else ";"
            self.expect(
                text.endswith(end) and not text[:-1].endswith((";", ".")), f"căn cứ kết thúc «{end}»: {text}"
            )
            self.paragraph(p, text)
        rest = [p for p in middle[cursor:] if paragraph_text(p)]
        self.expect(
            not any(
                _BASIS_LINE.match(paragraph_text(p)) and not paragraph_text(p).endswith(":") for p in rest[:1]
            ),
            "căn cứ đứng liền nhau, trước nội dung",
        )
        for p in rest:
            text = paragraph_text(p)
            if _caps(text) and text.endswith(":") and alignment(p) == "center":
                continue  # "QUYẾT ĐỊNH:" — the enacting word, centred
            self.paragraph(p, text, heading=bool(_HEADING_LINE.match(text)))

    def title(self, middle: list[ET.Element], type_name: str, *, enacted: bool) -> int:
        texts = [paragraph_text(p) for p in middle]
        if not texts or texts[0] != type_name.upper():
            self.problems.append(f"tên loại «{type_name.upper()}» ngay sau phần đầu")
            return 0
        title = middle[0]
        self.expect(_all(title, "b") and alignment(title) == "center", "tên loại in đậm, căn giữa")
        self.expect(_sizes(title) <= {13, 14}, "tên loại cỡ 13–14")
        subject = middle[1]
        self.expect(_all(subject, "b") and alignment(subject) == "center", "trích yếu in đậm, căn giữa")
        rule = middle[2]
        if not has_bottom_rule(rule):
            self.problems.append("đường kẻ dưới trích yếu")
            return 2
        room = self.text_width_twips()
        line = _longest_line_cm(paragraph_text(subject), max(_sizes(subject)), room)
        length = _rule_cm(rule, room)
        self.expect(
            line / 3 <= length <= line / 2,
            f"đường kẻ dưới trích yếu {length:.2f} cm, phải từ 1/3 đến 1/2 của {line:.2f} cm",
        )
        cursor = 3
        if enacted:
            authority = middle[3] if len(middle) > 3 else None
            ok = authority is not None and _caps(paragraph_text(authority)) and _all(authority, "b")
            self.expect(ok, "thẩm quyền ban hành in hoa, đậm dưới trích yếu")
            cursor = 4
        return cursor

    def paragraph(self, p: ET.Element, text: str, *, heading: bool = False) -> None:
        self.expect(_sizes(p) <= {13, 14}, f"nội dung cỡ 13–14: {text[:40]}")
        self.expect(alignment(p) == "both", f"nội dung căn đều hai lề: {text[:40]}")
        if not heading:
            indent = first_line_twips(p) / TWIPS_PER_CM
            self.expect(1 <= indent <= 1.27 + 1e-9, f"lùi đầu dòng 1–1,27 cm: {text[:40]}")
        spacing = p.find(f"{w('pPr')}/{w('spacing')}")
        after = _twips(spacing, "after")
        self.expect(after >= 120, f"cách đoạn ít nhất 6 pt: {text[:40]}")
        line = _twips(spacing, "line") or 240
        rule = spacing.get(w("lineRule"), "auto") if spacing is not None else "auto"
        self.expect(rule == "auto" and 240 <= line <= 360, f"giãn dòng 1–1,5: {text[:40]}")

    # the foot
    def foot(self) -> None:
        body = self.doc.find(w("body"))
        assert body is not None
        table = [child for child in body if child.tag == w("tbl")][-1]
        self.borderless(table, "bảng phần cuối")
        cells = table.findall(f"{w('tr')}/{w('tc')}")
        if len(cells) != 2:
            self.problems.append("phần cuối hai cột: nơi nhận bên trái, chữ ký bên phải")
            return
        left = [p for p in cells[0].iter(w("p")) if paragraph_text(p)]
        right = [p for p in cells[1].iter(w("p")) if paragraph_text(p)]
        if not left or paragraph_text(left[0]) != "Nơi nhận:":
            self.problems.append("«Nơi nhận:» bên trái")
        else:
            label, *lines = left
            self.expect(
                _all(label, "b") and _all(label, "i") and _sizes(label) == {12},
                "«Nơi nhận:» đậm nghiêng cỡ 12",
            )
            for p in left:
                self.expect(
                    alignment(p) in (None, "left", "start"), f"nơi nhận bên trái: {paragraph_text(p)}"
                )
            for p in lines:
                self.expect(_sizes(p) == {11}, f"nơi nhận cỡ 11: {paragraph_text(p)}")
            texts = [paragraph_text(p) for p in lines]
            self.expect(all(_RECIPIENT_LINE.match(t) for t in texts[:-1]), f"mỗi nơi nhận «- …;»: {texts}")
            self.expect(
                bool(texts) and bool(_ARCHIVE_LINE.match(texts[-1])),
                f"dòng cuối «- Lưu: VT, <đơn vị>.»: {texts}",
            )
        if len(right) < 2:
            self.problems.append("chữ ký: quyền hạn, chức vụ và họ tên")
            return
        *capitals, name = right
        for p in capitals:
            text = paragraph_text(p)
            self.expect(
                _caps(text) and _all(p, "b") and alignment(p) == "center", f"chức vụ in hoa đậm: {text}"
            )
        self.expect(_all(name, "b") and alignment(name) == "center", "họ tên người ký in đậm")
        space = _twips(name.find(f"{w('pPr')}/{w('spacing')}"), "before")
        self.expect(space >= 60 * 20, "khoảng trống để ký và đóng dấu")


def check_layout(data: bytes, type_key: str) -> list[str]:
    """Every rule of Phụ lục I (nd30.md §4) a rendered document of ``type_key`` breaks, read
    back from the .docx: page and margins, fonts, header, title, căn cứ, body, foot."""
    from vanban.domain.sheet import ENACTED_TYPES
    from vanban.domain.types import type_name

    layout = _Layout(data)
    cong_van = type_key == CONG_VAN
    layout.page()
    layout.fonts()
    layout.header(cong_van=cong_van)
    layout.middle(type_name=type_name(type_key), cong_van=cong_van, enacted=type_key in ENACTED_TYPES)
    layout.foot()
    return layout.problems


def full_sheet(type_key: str) -> Sheet:
    """A document of ``type_key`` with everything the layout has rules for: a governing body,
    căn cứ both linked and typed in the body (without their punctuation), headings, urgency,
    secrecy and circulation marks, recipients and a deputy's signature; no competence line
    given (it is made)."""
    sheet = typed_sheet(type_key, number=7)
    sheet.urgency_label = "Khẩn"
    sheet.secrecy_label = "Mật"
    sheet.circulation = "Lưu hành nội bộ"
    if type_key != CONG_VAN:
        sheet.bases = ["Căn cứ Kế hoạch số 90/KH-UBND ngày 29/9/2025 của Ủy ban nhân dân xã Phú Thái"]
        sheet.body = [
            LAW_BASIS,
            DECREE_BASIS + ";",
            "Theo đề nghị của công chức Văn hóa - Xã hội",
            *sheet.body,
        ]
    sheet.signer_authority = "KT."
    sheet.signer_org = "ỦY BAN NHÂN DÂN"
    sheet.signer_title = "PHÓ CHỦ TỊCH"
    sheet.signer_name = "Nguyễn Văn Bình"
    sheet.recipients = ["Các thôn", "Lãnh đạo UBND xã"]
    return sheet
