"""Reading Word files: text as a person sees it, and files that must be refused."""

from __future__ import annotations

import io
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest

from docx_helpers import make_docx, quyet_dinh_sheet, rendered, runs_xml, table_xml
from vanban.docx.read import read_blocks
from vanban.domain.reading import read_metadata
from vanban.errors import DocumentFileError, InputError


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_code_split_over_three_runs_reads_as_one(tmp_path: Path) -> None:
    path = _write(tmp_path, "kh.docx", make_docx(runs_xml("Số: ", "9", "0/KH-", "UBND")))
    assert read_blocks(path) == ["Số: 90/KH-UBND"]


def test_decomposed_diacritics_are_composed() -> None:
    text = unicodedata.normalize("NFD", "Kế hoạch tổ chức Ngày Chuyển đổi số quốc gia")
    assert text != unicodedata.normalize("NFC", text)
    (block,) = read_blocks(io.BytesIO(make_docx(text)))
    assert block == "Kế hoạch tổ chức Ngày Chuyển đổi số quốc gia"
    assert unicodedata.is_normalized("NFC", block)


def test_non_breaking_spaces_become_spaces() -> None:
    blocks = read_blocks(io.BytesIO(make_docx("Số:\u00a090/KH-UBND", "ngày\u00a029/9/2025\u202f")))
    assert blocks == ["Số: 90/KH-UBND", "ngày 29/9/2025"]


def test_paragraphs_and_table_cells_come_in_document_order() -> None:
    nested = table_xml([["E1", "E2"]])
    data = make_docx(
        "A",
        table_xml([["B", "C"], ["D", nested]]),
        "F",
    )
    assert read_blocks(io.BytesIO(data)) == ["A", "B", "C", "D", "E1", "E2", "F"]


def test_a_line_break_stays_inside_its_block_and_empty_paragraphs_are_dropped() -> None:
    data = make_docx(runs_xml("ỦY BAN NHÂN DÂN\nXÃ PHÚ THÁI"), "<w:p/>", runs_xml("  "), "Số: 968/QĐ-UBND")
    assert read_blocks(io.BytesIO(data)) == ["ỦY BAN NHÂN DÂN\nXÃ PHÚ THÁI", "Số: 968/QĐ-UBND"]


def test_text_in_a_text_box_is_read_once_and_deleted_text_not_at_all() -> None:
    box = (
        "<w:p><w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>LƯU HÀNH NỘI BỘ</w:t></w:r></w:p>'
        "</w:txbxContent></mc:Choice>"
        "<mc:Fallback><w:txbxContent><w:p><w:r><w:t>LƯU HÀNH NỘI BỘ</w:t></w:r></w:p></w:txbxContent>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    edited = (
        "<w:p><w:r><w:t>Số: 9</w:t></w:r><w:del><w:r><w:t>9</w:t></w:r></w:del>"
        "<w:r><w:t>0/KH-UBND</w:t></w:r></w:p>"
    )
    assert read_blocks(io.BytesIO(make_docx(box, edited))) == ["LƯU HÀNH NỘI BỘ", "Số: 90/KH-UBND"]


def test_a_rendered_document_reads_back_in_order() -> None:
    blocks = read_blocks(io.BytesIO(rendered(quyet_dinh_sheet())))
    assert blocks[:3] == [
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "ỦY BAN NHÂN DÂN\nXÃ PHÚ THÁI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]
    assert blocks.index("Số: 968/QĐ-UBND") < blocks.index("QUYẾT ĐỊNH") < blocks.index("Nơi nhận:")
    assert blocks[-1] == "Nguyễn Phúc Công"


def test_a_file_that_is_not_a_docx_is_refused_by_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "bao-cao.docx", "Đây là văn bản thường, không phải tệp Word.".encode())
    with pytest.raises(DocumentFileError, match=r"bao-cao\.docx") as caught:
        read_blocks(path)
    assert "không phải là văn bản Word" in str(caught.value)
    assert isinstance(caught.value, InputError)
    assert caught.value.exit_code == 2


def test_a_zip_without_a_word_document_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DocumentFileError, match=r"so-lieu\.docx"):
        read_blocks(_write(tmp_path, "so-lieu.docx", buffer.getvalue()))


def test_a_truncated_file_is_refused_as_corrupt(tmp_path: Path) -> None:
    data = rendered(quyet_dinh_sheet())
    with pytest.raises(DocumentFileError, match=r"qd-968\.docx"):
        read_blocks(_write(tmp_path, "qd-968.docx", data[: len(data) // 2]))


def test_a_document_with_broken_xml_is_refused_as_corrupt(tmp_path: Path) -> None:
    good = make_docx("Số: 90/KH-UBND")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            out.writestr(item, data)
    with pytest.raises(DocumentFileError, match=r"hong\.docx") as caught:
        read_blocks(_write(tmp_path, "hong.docx", buffer.getvalue()))
    assert "bị hỏng" in str(caught.value)


def test_a_file_larger_than_20_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "qua-lon.docx"
    with path.open("wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: nothing is written
    with pytest.raises(DocumentFileError, match=r"qua-lon\.docx") as caught:
        read_blocks(path)
    assert "20 MB" in str(caught.value)


def test_a_stream_larger_than_20_mb_is_refused() -> None:
    stream = io.BytesIO(bytes(21 * 1024 * 1024))
    stream.name = "tai-len.docx"
    with pytest.raises(DocumentFileError, match=r"tai-len\.docx"):
        read_blocks(stream)


def test_a_main_part_compressed_more_than_a_hundred_times_is_a_zip_bomb(tmp_path: Path) -> None:
    padding = " " * (4 * 1024 * 1024)
    data = make_docx(runs_xml("Số: 90/KH-UBND" + padding))
    with pytest.raises(DocumentFileError, match=r"bom\.docx") as caught:
        read_blocks(_write(tmp_path, "bom.docx", data))
    assert "bom nén" in str(caught.value)


def test_parts_unpacking_to_more_than_200_mb_are_a_zip_bomb(tmp_path: Path) -> None:
    buffer = io.BytesIO(make_docx("Số: 90/KH-UBND"))
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("word/media/image1.bin", "w", force_zip64=True) as member,
    ):
        chunk = bytes(1024 * 1024)
        for _ in range(201):
            member.write(chunk)
    assert len(buffer.getvalue()) < 20 * 1024 * 1024
    with pytest.raises(DocumentFileError, match=r"bom-anh\.docx") as caught:
        read_blocks(_write(tmp_path, "bom-anh.docx", buffer.getvalue()))
    assert "bom nén" in str(caught.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DocumentFileError, match=r"khong-co\.docx"):
        read_blocks(tmp_path / "khong-co.docx")


def test_a_document_typed_by_hand_without_tables_is_read() -> None:
    data = make_docx(
        "ỦY BAN NHÂN DÂN",
        "XÃ PHÚ THÁI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        runs_xml("Số: ", "95", "/KH-UBND"),
        "Phú Thái, ngày 01 tháng 10 năm 2025",
        "KẾ HOẠCH",
        "Hoạt động của các Tổ công nghệ số cộng đồng trên địa bàn",
        "xã Phú Thái 4 tháng cuối năm",
        "Căn cứ Quyết định số 968/QĐ-UBND ngày 03/10/2025 của UBND xã;",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Hỗ trợ người dân sử dụng dịch vụ công trực tuyến./.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Thị Hoa",
        runs_xml("Nơi nhận:\n- Các thôn;\n- Lưu: VT."),
    )
    meta = read_metadata(read_blocks(io.BytesIO(data)))
    assert meta.code == "95/KH-UBND"
    assert meta.type_key == "KH"
    assert str(meta.date) == "2025-10-01"
    assert meta.place == "Phú Thái"
    assert meta.issuer == "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"
    assert meta.governing_body is None
    assert (
        meta.subject
        == "Hoạt động của các Tổ công nghệ số cộng đồng trên địa bàn xã Phú Thái 4 tháng cuối năm"
    )
    assert meta.bases == ["Căn cứ Quyết định số 968/QĐ-UBND ngày 03/10/2025 của UBND xã"]
    assert meta.body == ["I. MỤC ĐÍCH, YÊU CẦU", "Hỗ trợ người dân sử dụng dịch vụ công trực tuyến./."]
    assert (meta.signer_authority, meta.signer_org, meta.signer_deputy_title, meta.signer_title) == (
        "TM.",
        "ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )
    assert meta.signer_name == "Trần Thị Hoa"
    assert meta.recipients == ["Các thôn"]
    assert meta.archive == "VT"
    assert [str(r.code) for r in meta.references] == ["968/QĐ-UBND"]


def test_a_draft_gives_its_notation_and_no_number() -> None:
    data = rendered(quyet_dinh_sheet(code=None, notation="QĐ-UBND", date=None))
    meta = read_metadata(read_blocks(io.BytesIO(data)))
    assert meta.code is None
    assert meta.number is None
    assert meta.notation == "QĐ-UBND"
    assert meta.type_key == "QĐ"
    assert meta.date is None
    assert meta.place == "Phú Thái"


def test_reading_is_quick() -> None:
    data = rendered(quyet_dinh_sheet())
    read_blocks(io.BytesIO(data))  # warm up the import
    start = time.perf_counter()
    for _ in range(10):
        read_metadata(read_blocks(io.BytesIO(data)))
    assert (time.perf_counter() - start) / 10 < 0.2


def test_an_entity_bomb_inside_the_main_part_is_refused_at_once(tmp_path: Path) -> None:
    laughs = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(10)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [{laughs}]>'
        f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>Số: 90/KH-UBND</w:t></w:r></w:p><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml.encode())
    start = time.perf_counter()
    with pytest.raises(DocumentFileError, match=r"cuoi\.docx"):
        read_blocks(_write(tmp_path, "cuoi.docx", buffer.getvalue()))
    assert time.perf_counter() - start < 1


def test_the_text_is_what_python_docx_itself_reads_from_the_same_file() -> None:
    import docx

    data = rendered(quyet_dinh_sheet())
    document = docx.Document(io.BytesIO(data))
    seen = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                seen.extend(p.text for p in cell.paragraphs)
    expected = {unicodedata.normalize("NFC", t).strip() for t in seen if t.strip()}
    assert set(read_blocks(io.BytesIO(data))) == expected


def test_tab_stops_of_a_paragraph_are_not_text_but_its_tabs_are() -> None:
    paragraph = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="center" w:pos="4536"/></w:tabs></w:pPr>'
        "<w:r><w:t>Số: 90/KH-UBND</w:t></w:r><w:r><w:tab/><w:t>Phú Thái</w:t></w:r></w:p>"
    )
    assert read_blocks(io.BytesIO(make_docx(paragraph))) == ["Số: 90/KH-UBND\tPhú Thái"]
