"""What vanban prints it reads back: code, type, date, subject and references, for every type."""

from __future__ import annotations

import io

import pytest

from docx_helpers import cong_van_sheet, quyet_dinh_sheet, rendered, typed_sheet
from vanban.docx.read import read_blocks
from vanban.domain.model import LinkKind
from vanban.domain.reading import read_metadata
from vanban.domain.sheet import strip_end
from vanban.domain.types import ADMINISTRATIVE_TYPES, CONG_VAN, DocumentType


@pytest.mark.parametrize("doc_type", ADMINISTRATIVE_TYPES, ids=lambda t: t.key)
def test_every_administrative_type_reads_back_as_printed(doc_type: DocumentType) -> None:
    sheet = typed_sheet(doc_type.key, number=7)
    meta = read_metadata(read_blocks(io.BytesIO(rendered(sheet))))
    assert meta.code == sheet.code
    assert meta.number == 7
    assert meta.type_key == doc_type.key
    assert meta.date == sheet.date
    assert meta.place == "Phú Thái"
    assert meta.subject == strip_end(sheet.subject)
    assert meta.issuer == "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"
    assert meta.governing_body == "UBND THÀNH PHỐ HẢI PHÒNG"
    codes = {str(r.code): r.kind for r in meta.references}
    assert "90/KH-UBND" in codes
    if doc_type.key == CONG_VAN:
        assert set(codes) == {"90/KH-UBND"}
        assert meta.to == ["Các thôn trên địa bàn xã"]
    else:
        assert set(codes) == {"30/2020/NĐ-CP", "90/KH-UBND"}
        assert codes["30/2020/NĐ-CP"] is LinkKind.BASED_ON
        assert meta.bases == [strip_end(b) for b in sheet.bases]
    assert meta.body == sheet.body
    assert meta.signer_name == "Nguyễn Phúc Công"
    assert (meta.signer_authority, meta.signer_org, meta.signer_title) == (
        "TM.",
        "ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    )
    assert meta.recipients == ["Các thôn"]
    assert meta.archive == "VT, VHXH"


def test_a_cong_van_reads_back_with_its_recipients_signer_and_marks() -> None:
    sheet = cong_van_sheet(urgency_label="Thượng khẩn", secrecy_label="Mật")
    meta = read_metadata(read_blocks(io.BytesIO(rendered(sheet))))
    assert meta.code == "542/UBND-VHXH"
    assert meta.type_key == CONG_VAN
    assert meta.subject == sheet.subject
    assert meta.to == sheet.to
    assert meta.urgency_label == "Thượng khẩn"
    assert meta.secrecy_label == "Mật"
    assert (meta.signer_authority, meta.signer_deputy_title, meta.signer_title, meta.signer_name) == (
        "KT.",
        "CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Bình",
    )
    assert meta.body == sheet.body
    assert [str(r.code) for r in meta.references] == ["90/KH-UBND"]


def test_a_quyet_dinh_reads_back_its_competence_and_bases() -> None:
    sheet = quyet_dinh_sheet()
    meta = read_metadata(read_blocks(io.BytesIO(rendered(sheet))))
    assert meta.enacting_authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THÁI"
    assert meta.bases == [strip_end(b) for b in sheet.bases]
    assert meta.body[0] == "QUYẾT ĐỊNH:"
    assert str(meta.date) == "2025-10-03"
    # The law is cited by name and date (no number), the decree by its code.
    assert [(r.title, r.code and str(r.code)) for r in meta.references] == [
        ("Luật Tổ chức chính quyền địa phương", None),
        (None, "30/2020/NĐ-CP"),
    ]


def test_the_own_code_is_never_a_reference() -> None:
    sheet = typed_sheet("KH", number=90)
    meta = read_metadata(read_blocks(io.BytesIO(rendered(sheet))))
    assert meta.code == "90/KH-UBND"
    assert "90/KH-UBND" not in [str(r.code) for r in meta.references]
