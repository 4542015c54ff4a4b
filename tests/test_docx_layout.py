"""A rendered document follows the layout of Nghị định 30/2020 (Phụ lục I; nd30.md §4).

Every fact is read from the .docx itself (its XML), not from the code that wrote it.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from docx_helpers import (
    FONT_SLOTS,
    THEME_SLOTS,
    alignment,
    cong_van_sheet,
    find_paragraph,
    first_line_twips,
    has_bottom_rule,
    is_on,
    paragraph_text,
    paragraphs,
    part,
    part_names,
    quyet_dinh_sheet,
    rendered,
    run_props,
    size_pt,
    w,
)
from vanban.docx.render import render

TWIPS_PER_MM = 1440 / 25.4


@pytest.fixture(scope="module")
def decision() -> bytes:
    return rendered(quyet_dinh_sheet())


@pytest.fixture(scope="module")
def letter() -> bytes:
    return rendered(cong_van_sheet(urgency_label="Khẩn"))


def _body(data: bytes) -> ET.Element:
    return part(data, "word/document.xml")


def _section(data: bytes) -> ET.Element:
    sect = _body(data).find(f"{w('body')}/{w('sectPr')}")
    assert sect is not None
    return sect


def _header_table(data: bytes) -> ET.Element:
    table = _body(data).find(f"{w('body')}/{w('tbl')}")
    assert table is not None
    return table


def _header_parts(data: bytes) -> dict[str, ET.Element]:
    """Header part by reference type ("default", "first")."""
    rels = part(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = {}
    for ref in _section(data).findall(w("headerReference")):
        rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        out[ref.get(w("type")) or ""] = part(data, "word/" + str(targets[rid]))
    return out


def test_the_page_is_a4_portrait_with_the_decree_margins(decision: bytes) -> None:
    sect = _section(decision)
    size = sect.find(w("pgSz"))
    margins = sect.find(w("pgMar"))
    assert size is not None
    assert margins is not None
    assert int(size.get(w("w"), "0")) == pytest.approx(210 * TWIPS_PER_MM, abs=2)
    assert int(size.get(w("h"), "0")) == pytest.approx(297 * TWIPS_PER_MM, abs=2)
    assert size.get(w("orient")) in (None, "portrait")
    for side, mm in (("top", 20), ("bottom", 20), ("left", 30), ("right", 15)):
        assert int(margins.get(w(side), "0")) == pytest.approx(mm * TWIPS_PER_MM, abs=2), side


def test_every_style_names_times_new_roman_in_all_four_font_slots(decision: bytes) -> None:
    styles = part(decision, "word/styles.xml")
    defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
    assert defaults is not None
    all_fonts = [defaults, *styles.iter(w("rFonts"))]
    assert len(all_fonts) > 2
    for fonts in all_fonts:
        for slot in FONT_SLOTS:
            assert fonts.get(w(slot)) == "Times New Roman"
        for slot in THEME_SLOTS:
            assert fonts.get(w(slot)) is None


def test_every_run_names_times_new_roman_in_all_four_font_slots(decision: bytes, letter: bytes) -> None:
    for data in (decision, letter):
        runs = [
            r
            for name in part_names(data)
            if name.startswith("word/header")
            for r in part(data, name).iter(w("r"))
        ]
        runs += list(_body(data).iter(w("r")))
        assert len(runs) > 20
        for run in runs:
            fonts = run.find(f"{w('rPr')}/{w('rFonts')}")
            assert fonts is not None, "a run without w:rFonts"
            assert [fonts.get(w(slot)) for slot in FONT_SLOTS] == ["Times New Roman"] * 4


def test_no_part_of_the_package_refers_to_theme_fonts(decision: bytes) -> None:
    for name in part_names(decision):
        if name.startswith("word/") and name.endswith(".xml") and "theme" not in name:
            xml = ET.tostring(part(decision, name), encoding="unicode")
            for slot in THEME_SLOTS:
                assert f":{slot}=" not in xml, f"{slot} in {name}"


def test_the_header_table_has_no_borders(decision: bytes) -> None:
    borders = _header_table(decision).find(f"{w('tblPr')}/{w('tblBorders')}")
    assert borders is not None
    edges = list(borders)
    assert {e.tag for e in edges} >= {w(n) for n in ("top", "left", "bottom", "right", "insideH", "insideV")}
    assert all(e.get(w("val")) in ("none", "nil") for e in edges)


def test_table_properties_are_unique_and_in_schema_order(decision: bytes) -> None:
    names = (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
    )
    order = [w(name) for name in names.split()]
    for table in _body(decision).iter(w("tbl")):
        tags = [child.tag for child in table.find(w("tblPr")) or []]
        assert len(tags) == len(set(tags)), tags
        assert tags == sorted(tags, key=order.index)
        layout = table.find(f"{w('tblPr')}/{w('tblLayout')}")
        assert layout is not None
        assert layout.get(w("type")) == "fixed"


def test_the_header_left_column_shows_the_bodies_and_the_number(decision: bytes) -> None:
    table = _header_table(decision)
    governing = find_paragraph(table, "UBND THÀNH PHỐ HẢI PHÒNG")
    (gov_run,) = run_props(governing)
    assert not is_on(gov_run, "b")
    assert size_pt(gov_run) == 13
    issuing = next(p for p in paragraphs(table) if paragraph_text(p).startswith("ỦY BAN NHÂN DÂN"))
    assert [t.text for t in issuing.iter(w("t"))] == ["ỦY BAN NHÂN DÂN", "XÃ PHÚ THÁI"]
    assert issuing.find(f".//{w('br')}") is not None, "the name breaks before the level of administration"
    assert all(is_on(r, "b") and size_pt(r) == 13 for r in run_props(issuing))
    following = paragraphs(table)[paragraphs(table).index(issuing) + 1]
    assert has_bottom_rule(following), "a short rule under the issuing body"
    number = find_paragraph(table, "Số: 968/QĐ-UBND")
    assert size_pt(run_props(number)[0]) == 13
    assert alignment(number) == "center"


def test_the_header_right_column_shows_the_national_name_motto_and_date(decision: bytes) -> None:
    table = _header_table(decision)
    name = find_paragraph(table, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert all(is_on(r, "b") and size_pt(r) == 12 for r in run_props(name))
    motto = find_paragraph(table, "Độc lập - Tự do - Hạnh phúc")
    assert all(is_on(r, "b") and size_pt(r) == 13 for r in run_props(motto))
    assert has_bottom_rule(paragraphs(table)[paragraphs(table).index(motto) + 1])
    date_line = find_paragraph(table, "Phú Thái, ngày 03 tháng 10 năm 2025")
    assert all(is_on(r, "i") and not is_on(r, "b") and size_pt(r) == 14 for r in run_props(date_line))
    assert alignment(date_line) == "center"


def test_the_date_line_pads_the_day_below_ten_and_months_one_and_two() -> None:
    cases = {
        dt.date(2025, 10, 3): "Phú Thái, ngày 03 tháng 10 năm 2025",
        dt.date(2020, 1, 5): "Phú Thái, ngày 05 tháng 01 năm 2020",
        dt.date(2025, 9, 29): "Phú Thái, ngày 29 tháng 9 năm 2025",
    }
    for day, expected in cases.items():
        find_paragraph(_header_table(rendered(quyet_dinh_sheet(date=day))), expected)


def test_the_number_and_the_date_sit_on_the_same_row(decision: bytes) -> None:
    rows = _header_table(decision).findall(w("tr"))
    second = [paragraph_text(p) for p in rows[1].iter(w("p"))]
    assert "Số: 968/QĐ-UBND" in second
    assert "Phú Thái, ngày 03 tháng 10 năm 2025" in second


def test_the_title_and_subject_are_bold_capitals_centred_with_a_rule(decision: bytes) -> None:
    body = _body(decision)
    title = find_paragraph(body, "QUYẾT ĐỊNH")
    assert alignment(title) == "center"
    assert all(is_on(r, "b") and size_pt(r) == 14 for r in run_props(title))
    subject = find_paragraph(body, "Về việc kiện toàn Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng")
    assert alignment(subject) == "center"
    assert all(is_on(r, "b") for r in run_props(subject))
    assert has_bottom_rule(paragraphs(body)[paragraphs(body).index(subject) + 1])


def test_the_legal_bases_are_italic_justified_indented_and_punctuated(decision: bytes) -> None:
    body = _body(decision)
    law = find_paragraph(body, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
    decree = find_paragraph(
        body,
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.",
    )
    for p in (law, decree):
        assert all(is_on(r, "i") for r in run_props(p))
        assert alignment(p) == "both"
        assert first_line_twips(p) == pytest.approx(1.27 / 2.54 * 1440, abs=2)


def test_the_body_is_justified_with_indent_spacing_and_bold_headings(decision: bytes, letter: bytes) -> None:
    article = next(p for p in paragraphs(_body(decision)) if paragraph_text(p).startswith("Điều 1."))
    assert alignment(article) == "both"
    assert first_line_twips(article) == pytest.approx(720, abs=2)
    spacing = article.find(f"{w('pPr')}/{w('spacing')}")
    assert spacing is not None
    assert int(spacing.get(w("after"), "0")) >= 120  # 6 pt
    assert int(spacing.get(w("line"), "0")) == 276  # 1.15 lines
    assert all(size_pt(r) == 14 for r in run_props(article))
    assert is_on(run_props(article)[0], "b"), '"Điều 1." is bold'
    heading = find_paragraph(_body(letter), "1. Công tác tuyên truyền")
    assert all(is_on(r, "b") for r in run_props(heading))
    assert first_line_twips(heading) == 0


def test_the_foot_shows_recipients_left_and_the_signature_right(decision: bytes) -> None:
    foot = _body(decision).findall(f"{w('body')}/{w('tbl')}")[-1]
    left, right = foot.find(w("tr")).findall(w("tc"))  # type: ignore[union-attr]
    lines = [paragraph_text(p) for p in left.iter(w("p")) if paragraph_text(p)]
    assert lines == ["Nơi nhận:", "- Như Điều 2;", "- TT Đảng ủy, TT HĐND xã;", "- Lưu: VT, VHXH."]
    label = find_paragraph(left, "Nơi nhận:")
    assert all(is_on(r, "b") and is_on(r, "i") and size_pt(r) == 12 for r in run_props(label))
    assert all(size_pt(r) == 11 for r in run_props(find_paragraph(left, "- Lưu: VT, VHXH.")))
    signature = [paragraph_text(p) for p in right.iter(w("p")) if paragraph_text(p)]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Phúc Công"]
    for text in signature:
        p = find_paragraph(right, text)
        assert alignment(p) == "center"
        assert all(is_on(r, "b") for r in run_props(p))
    borders = foot.find(f"{w('tblPr')}/{w('tblBorders')}")
    assert borders is not None
    assert all(e.get(w("val")) == "none" for e in borders)


def test_a_deputy_signs_for_the_chairman(letter: bytes) -> None:
    foot = _body(letter).findall(f"{w('body')}/{w('tbl')}")[-1]
    texts = [paragraph_text(p) for p in foot.iter(w("p")) if paragraph_text(p)]
    assert texts[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình"]


def test_a_cong_van_has_its_subject_under_the_number_and_a_kinh_gui(letter: bytes) -> None:
    table = _header_table(letter)
    subject = find_paragraph(
        table, "V/v triển khai các hoạt động hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia 01-10"
    )
    assert all(size_pt(r) == 12 for r in run_props(subject))
    texts = [paragraph_text(p) for p in paragraphs(_body(letter))]
    assert "Kính gửi:\t- Các cơ quan, đơn vị trên địa bàn xã;" in texts
    assert "- Các thôn trên địa bàn xã." in texts
    assert "CÔNG VĂN" not in texts


def test_urgency_is_a_bold_framed_mark_under_the_number(letter: bytes) -> None:
    table = _header_table(letter)
    mark = find_paragraph(table, "KHẨN")
    (props,) = run_props(mark)
    assert is_on(props, "b")
    assert props.find(w("bdr")) is not None, "the mark is framed"
    row = table.findall(w("tr"))[1]
    left_texts = [paragraph_text(p) for p in row.findall(w("tc"))[0].iter(w("p"))]
    assert left_texts.index("KHẨN") > left_texts.index("Số: 542/UBND-VHXH")


def test_a_draft_leaves_the_number_and_the_date_blank() -> None:
    data = rendered(quyet_dinh_sheet(code=None, notation="QĐ-UBND", date=None))
    table = _header_table(data)
    find_paragraph(table, "Số:      /QĐ-UBND")
    find_paragraph(table, "Phú Thái, ngày     tháng     năm 20..")


def test_page_numbers_are_centred_in_the_header_from_page_two(decision: bytes) -> None:
    assert _section(decision).find(w("titlePg")) is not None, "a different first page"
    headers = _header_parts(decision)
    default = headers["default"]
    instructions = " ".join(t.text or "" for t in default.iter(w("instrText")))
    assert "PAGE" in instructions.split()
    assert any(alignment(p) == "center" for p in default.iter(w("p")))
    first = headers.get("first")
    assert first is not None
    assert not list(first.iter(w("instrText")))
    assert not "".join(t.text or "" for t in first.iter(w("t")))


def test_an_office_template_keeps_its_header_text_and_loses_its_body(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    source = rendered(cong_van_sheet())
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(template, "w") as out:
        for item in archive.infolist():
            data = archive.read(item.filename)
            if item.filename.startswith("word/header") and b"PAGE" in data:
                xml = data.decode("utf-8")
                paragraph_end = xml.index("</w:p>")
                extra = "<w:r><w:t>VĂN PHÒNG MẪU</w:t></w:r>"
                data = (xml[:paragraph_end] + extra + xml[paragraph_end:]).encode("utf-8")
            out.writestr(item, data)
    out_path = tmp_path / "qd.docx"
    render(quyet_dinh_sheet(), out_path, template=template)
    data = out_path.read_bytes()
    texts = [paragraph_text(p) for p in paragraphs(_body(data))]
    assert "Nguyễn Văn Bình" not in texts, "the template's body is cleared"
    assert "Nguyễn Phúc Công" in texts
    header_text = " ".join(paragraph_text(p) for h in _header_parts(data).values() for p in h.iter(w("p")))
    assert "VĂN PHÒNG MẪU" in header_text
    size = _section(data).find(w("pgSz"))
    assert size is not None
    assert int(size.get(w("w"), "0")) == pytest.approx(210 * TWIPS_PER_MM, abs=2)


def test_rendering_is_quick() -> None:
    sheet = quyet_dinh_sheet()
    rendered(sheet)  # warm up the import
    start = time.perf_counter()
    for _ in range(10):
        rendered(sheet)
    assert (time.perf_counter() - start) / 10 < 0.5
