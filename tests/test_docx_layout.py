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
from fontTools.ttLib import TTFont

from docx_helpers import (
    FONT_SLOTS,
    LAW_BASIS,
    THEME_SLOTS,
    alignment,
    check_layout,
    cong_van_sheet,
    find_paragraph,
    first_line_twips,
    font_or_skip,
    full_sheet,
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
from vanban.docx.metrics import BOLD_ADVANCES, UNITS_PER_EM, bold_width_cm
from vanban.docx.render import render
from vanban.domain.types import ADMINISTRATIVE_TYPES

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
        twips = int(margins.get(w(side), "0"))
        assert twips == pytest.approx(mm * TWIPS_PER_MM, abs=2), side
        assert twips >= mm * TWIPS_PER_MM, f"the {side} margin is never rounded under {mm} mm"


def test_no_size_or_spacing_is_rounded_under_a_legal_bound(decision: bytes, letter: bytes) -> None:
    for data in (decision, letter):
        body = _body(data)
        for p in paragraphs(body):
            if paragraph_text(p) and p.find(f"{w('pPr')}/{w('pBdr')}") is None:
                assert all(size_pt(r) >= 11 for r in run_props(p)), paragraph_text(p)
        texts = [p for p in paragraphs(body) if first_line_twips(p) > 0]
        assert texts
        assert all(1 / 2.54 * 1440 <= first_line_twips(p) <= 1.27 / 2.54 * 1440 for p in texts)


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


# --- every rule of Phụ lục I on every type ---------------------------------------------------


def test_there_are_twenty_nine_administrative_types() -> None:
    assert len(ADMINISTRATIVE_TYPES) == 29


@pytest.mark.parametrize("type_key", [t.key for t in ADMINISTRATIVE_TYPES])
def test_a_rendered_document_of_every_type_keeps_every_layout_rule(type_key: str) -> None:
    assert check_layout(rendered(full_sheet(type_key)), type_key) == []


def test_the_layout_check_names_each_broken_rule() -> None:
    data = rendered(full_sheet("KH"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert 'w:right="851"' in xml
    assert xml.count("<w:i/>") > 3
    broken = xml.replace('w:right="851"', 'w:right="850"').replace("<w:i/>", "")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(buffer, "w") as out:
        for item in archive.infolist():
            payload = broken.encode("utf-8") if item.filename == "word/document.xml" else archive.read(item)
            out.writestr(item, payload)
    problems = check_layout(buffer.getvalue(), "KH")
    assert "lề right 14.993 mm ngoài 15–20 mm" in problems
    assert any(p.startswith("căn cứ in nghiêng") for p in problems)
    assert any(p.startswith("ngày tháng nghiêng") for p in problems)


# --- căn cứ (item 8) ---------------------------------------------------------------------------


def _middle_texts(data: bytes) -> list[str]:
    body = _body(data).find(w("body"))
    assert body is not None
    return [paragraph_text(p) for p in body if p.tag == w("p") and paragraph_text(p)]


def test_cancu_typed_in_the_body_are_printed_as_cancu_with_the_linked_ones() -> None:
    data = rendered(full_sheet("QĐ"))
    texts = _middle_texts(data)
    start = texts.index("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
    assert texts[start : start + 4] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
        "Căn cứ Kế hoạch số 90/KH-UBND ngày 29/9/2025 của Ủy ban nhân dân xã Phú Thái;",
        "Theo đề nghị của công chức Văn hóa - Xã hội.",
    ]
    for text in texts[start : start + 4]:
        p = find_paragraph(_body(data), text)
        assert all(is_on(r, "i") for r in run_props(p)), text
    assert texts.count("Theo đề nghị của công chức Văn hóa - Xã hội.") == 1


def test_a_linked_cancu_already_typed_in_the_body_is_printed_once() -> None:
    typed = "Căn cứ Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã về Ngày hội Đổi mới sáng tạo"
    sheet = full_sheet("QĐ")
    sheet.body = [typed, *sheet.body]
    texts = _middle_texts(rendered(sheet))
    assert sum("90/KH-UBND" in t and t.startswith("Căn cứ") for t in texts) == 1


def test_a_sentence_opening_with_cancu_that_leads_into_the_body_stays_body_text() -> None:
    sentence = "Căn cứ Kế hoạch số 90/KH-UBND ngày 29/9/2025, Ủy ban nhân dân xã đề nghị các thôn như sau:"
    data = rendered(cong_van_sheet(body=[sentence, "1. Công tác tuyên truyền"]))
    p = find_paragraph(_body(data), sentence)
    assert not any(is_on(r, "i") for r in run_props(p))
    plan = rendered(quyet_dinh_sheet(bases=[], body=[sentence, "Điều 1. Giao các thôn thực hiện./."]))
    assert not any(is_on(r, "i") for r in run_props(find_paragraph(_body(plan), sentence)))


# --- the competence line of a quyết định (item 9) ----------------------------------------------


def _authority_after_rule(data: bytes) -> str | None:
    body = _body(data).find(w("body"))
    assert body is not None
    ps = [p for p in body if p.tag == w("p")]
    rule = next(i for i, p in enumerate(ps) if has_bottom_rule(p))
    following = paragraph_text(ps[rule + 1])
    return following if following.isupper() else None


@pytest.mark.parametrize(
    ("authority", "title", "expected"),
    [
        ("TM.", "CHỦ TỊCH", "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"),
        (None, "CHỦ TỊCH", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"),
        ("KT.", "PHÓ CHỦ TỊCH", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"),
        ("Q.", "CHỦ TỊCH", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"),
    ],
)
def test_a_quyet_dinh_carries_the_competence_of_whoever_decides(
    authority: str | None, title: str, expected: str
) -> None:
    sheet = quyet_dinh_sheet(
        enacting_authority=None, signer_authority=authority, signer_title=title, signer_deputy_title=None
    )
    data = rendered(sheet)
    assert _authority_after_rule(data) == expected
    p = find_paragraph(_body(data), expected)
    assert alignment(p) == "center"
    assert all(is_on(r, "b") for r in run_props(p))


def test_the_competence_read_from_word_is_kept_and_other_types_have_none() -> None:
    read = quyet_dinh_sheet(enacting_authority="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THÁI", signer_authority="TM.")
    assert _authority_after_rule(rendered(read)) == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"
    resolution = full_sheet("NQ")
    resolution.issuing_body = "HỘI ĐỒNG NHÂN DÂN XÃ PHÚ THÁI"
    assert _authority_after_rule(rendered(resolution)) == "HỘI ĐỒNG NHÂN DÂN XÃ PHÚ THÁI"
    assert _authority_after_rule(rendered(full_sheet("KH"))) is None


def test_a_deputy_of_a_peoples_committee_signs_for_its_chairman() -> None:
    sheet = quyet_dinh_sheet(signer_authority="KT.", signer_deputy_title=None, signer_title="PHÓ CHỦ TỊCH")
    assert sheet.signature_lines() == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


# --- the Lưu line (item 10) --------------------------------------------------------------------


def _foot_lines(data: bytes) -> list[str]:
    foot = _body(data).findall(f"{w('body')}/{w('tbl')}")[-1]
    left = foot.find(w("tr")).findall(w("tc"))[0]  # type: ignore[union-attr]
    return [paragraph_text(p) for p in left.iter(w("p")) if paragraph_text(p)]


def test_the_luu_line_names_the_drafting_unit() -> None:
    assert _foot_lines(rendered(full_sheet("KH")))[-1] == "- Lưu: VT, VHXH."


def test_a_draft_without_a_unit_leaves_the_unit_to_fill_in_and_an_issued_one_prints_what_is_known() -> None:
    draft = quyet_dinh_sheet(code=None, notation="QĐ-UBND", date=None, archive="VT")
    assert _foot_lines(rendered(draft))[-1] == "- Lưu: VT, …….", "a blank for the unit, like the number"
    issued = quyet_dinh_sheet(archive="VT")
    assert _foot_lines(rendered(issued))[-1] == "- Lưu: VT."


# --- rules sized from the text (item 11) ------------------------------------------------------


def _issuing_rule_cm(data: bytes) -> float:
    rule = next(p for p in paragraphs(_header_table(data)) if has_bottom_rule(p))
    grid = [int(c.get(w("w"), "0")) for c in _header_table(data).iter(w("gridCol"))]
    margin = _header_table(data).find(f"{w('tblPr')}/{w('tblCellMar')}/{w('left')}")
    ind = rule.find(f"{w('pPr')}/{w('ind')}")
    assert ind is not None
    assert margin is not None
    cell = grid[0] - 2 * int(margin.get(w("w"), "0"))
    inner = cell - int(ind.get(w("left"), "0")) - int(ind.get(w("right"), "0"))
    return inner / 1440 * 2.54


@pytest.mark.parametrize(
    "issuing",
    [
        "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "VĂN PHÒNG",
        "HỘI ĐỒNG NHÂN DÂN PHƯỜNG HỒNG BÀNG",
    ],
)
def test_the_rule_under_the_issuing_body_is_a_third_to_a_half_of_its_longest_line(issuing: str) -> None:
    data = rendered(quyet_dinh_sheet(issuing_body=issuing))
    assert [p for p in check_layout(data, "QĐ") if "cơ quan" in p] == []
    name = next(p for p in paragraphs(_header_table(data)) if paragraph_text(p).replace("\n", " ") == issuing)
    longest = max(bold_width_cm(line, 13) for line in paragraph_text(name).split("\n"))
    assert longest / 3 <= _issuing_rule_cm(data) <= longest / 2


def test_a_shorter_name_has_a_shorter_rule() -> None:
    long_name = _issuing_rule_cm(rendered(quyet_dinh_sheet(issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ")))
    short_name = _issuing_rule_cm(rendered(quyet_dinh_sheet(issuing_body="VĂN PHÒNG")))
    assert short_name < long_name * 0.6


def test_the_width_table_is_that_of_the_font() -> None:
    path = font_or_skip("LiberationSerif-Bold.ttf")
    font = TTFont(str(path))
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    assert font["head"].unitsPerEm == UNITS_PER_EM
    for char, advance in BOLD_ADVANCES.items():
        assert metrics[cmap[ord(char)]][0] == advance, char
    assert bold_width_cm("Độc lập - Tự do - Hạnh phúc", 13) == pytest.approx(5.594, abs=0.001)
    assert bold_width_cm("Ủ", 13) == bold_width_cm("U", 13)


# --- printed from the register (every engine) --------------------------------------------------


def test_a_quyet_dinh_printed_from_the_register_keeps_every_layout_rule(office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from vanban.domain.model import LinkKind
    from vanban.office.papers import render_document

    plan = office.register(
        "KH",
        subject="Hoạt động của các Tổ công nghệ số cộng đồng",
        on=dt.date(2025, 10, 1),
        unit="VHXH",
        signer="chutich",
    )
    body = "\n".join(
        [
            LAW_BASIS,
            "Theo đề nghị của công chức Văn hóa - Xã hội",
            "QUYẾT ĐỊNH:",
            "Điều 1. Kiện toàn Tổ công tác Đề án 06/CP tại các thôn.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
        ]
    )
    decision = office.draft(
        "QĐ",
        subject="Về việc kiện toàn Tổ công tác Đề án 06/CP",
        unit="VHXH",
        body=body,
        recipients=["Như Điều 2"],
    )
    office.link(decision.id, plan.code, LinkKind.BASED_ON)
    office.issue(decision.id, on=dt.date(2025, 10, 3), signer="Nguyễn Phúc Công", title="Chủ tịch")
    out = tmp_path / "qd.docx"
    render_document(office, decision.id, out)
    data = out.read_bytes()
    assert check_layout(data, "QĐ") == []
    texts = _middle_texts(data)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THÁI" in texts
    start = texts.index(LAW_BASIS + ";")
    assert texts[start + 1].startswith("Căn cứ Kế hoạch số 01/KH-UBND ngày 01/10/2025")
    assert texts[start + 1].endswith(";")
    assert texts[start + 2] == "Theo đề nghị của công chức Văn hóa - Xã hội."
    assert _foot_lines(data)[-1] == "- Lưu: VT, VHXH."
