"""Files kept with documents: the scanned signed copy and the đính kèm files, stored in the register
with name, size and SHA-256, given back checked, refused when they should be, and found by verify
when changed behind vanban's back — on every engine."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from databases import run_cli
from test_trust import dump, raw
from vanban import Office
from vanban.domain.attachments import CHUNK_BYTES
from vanban.errors import (
    InputError,
    IntegrityBreakError,
    NotFoundError,
    PermissionDeniedError,
    RuleError,
)

SEP_29 = date(2025, 9, 29)


def pdf(size: int, seed: int = 0) -> bytes:
    """A file that begins as a PDF does, of ``size`` bytes (its pieces differ, so order counts)."""
    head = b"%PDF-1.7\n"
    body = bytes((seed + i * 7 + i // 251) % 256 for i in range(min(size, 4096)))
    return (head + (body * (size // len(body) + 1)))[:size]


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


@pytest.fixture
def plan(office: Office) -> int:
    """An issued plan of the office (01/KH-UBND)."""
    doc = office.register(
        "KH", subject="Tổ chức Ngày Chuyển đổi số", on=SEP_29, signer="Nguyễn Phúc Công", title="Chủ tịch"
    )
    return doc.id


def test_a_scan_attached_is_listed_and_given_back_byte_for_byte(
    office: Office, plan: int, tmp_path: Path
) -> None:
    # Larger than two pieces: the content is stored and read back a piece at a time, in order.
    scan = pdf(2 * CHUNK_BYTES + 12_345)
    sheet = b"PK\x03\x04" + b"bang so lieu" * 50
    added = office.attach(
        plan, write(tmp_path, "ban-ky.pdf", scan), write(tmp_path, "Phụ lục số liệu.xlsx", sheet)
    )
    assert [(a.name, a.size, a.sha256, a.added_by) for a in added] == [
        ("ban-ky.pdf", len(scan), hashlib.sha256(scan).hexdigest(), "vanthu"),
        ("Phụ lục số liệu.xlsx", len(sheet), hashlib.sha256(sheet).hexdigest(), "vanthu"),
    ]
    assert office.attachments(plan) == added
    out = io.BytesIO()
    kept = office.attachment("01/KH-UBND", "ban-ky.pdf", out)
    assert out.getvalue() == scan and kept == added[0]
    history = office.history(plan)
    assert [(e.trigger, e.note, e.data["attachment"]["sha256"]) for e in history[-2:]] == [
        ("attach", "ban-ky.pdf", hashlib.sha256(scan).hexdigest()),
        ("attach", "Phụ lục số liệu.xlsx", hashlib.sha256(sheet).hexdigest()),
    ]
    assert office.verify().attachments == 2


def test_a_name_is_kept_in_nfc_and_found_in_any_case(office: Office, plan: int) -> None:
    decomposed = "Ba\u0309n ky\u0301.pdf"  # "Bản ký.pdf" typed with combining marks
    (added,) = office.attach(plan, (decomposed, io.BytesIO(pdf(100))))
    assert added.name == "Bản ký.pdf"
    assert office.attachment(plan, "BẢN KÝ.PDF", io.BytesIO()).id == added.id


def test_the_same_content_on_two_documents_is_stored_once(office: Office, plan: int) -> None:
    other = office.draft("CV", subject="Gửi kèm kế hoạch", unit="VHXH").id
    content = pdf(CHUNK_BYTES + 1)
    office.attach(plan, ("a.pdf", io.BytesIO(content)))
    office.attach(other, ("b.pdf", io.BytesIO(content)))
    with office.engine.connect() as conn:
        pieces = conn.execute(text("SELECT COUNT(*) FROM attachment_chunks")).scalar_one()
    assert pieces == 2
    out = io.BytesIO()
    office.attachment(other, "b.pdf", out)
    assert out.getvalue() == content


def test_the_same_content_attached_by_two_clerks_at_once_is_kept_once_and_both_attach(
    office: Office, plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two clerks attach the same scan at the same moment: each looks, finds the content not kept
    # yet, and writes its pieces; the second's pieces meet the first's, committed in between.
    # That must not refuse the second clerk's file ("already in the database").
    from vanban.store.attachments import AttachmentRepository

    other = office.draft("CV", subject="Gửi kèm kế hoạch", unit="VHXH").id
    content = pdf(CHUNK_BYTES + 1)
    office.attach(plan, ("a.pdf", io.BytesIO(content)))
    monkeypatch.setattr(AttachmentRepository, "stored", lambda self, sha256: None)  # looked before
    (second,) = office.attach(other, ("b.pdf", io.BytesIO(content)))
    assert second.sha256 == hashlib.sha256(content).hexdigest()
    with office.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM attachment_chunks")).scalar_one() == 2
    out = io.BytesIO()
    office.attachment(other, "b.pdf", out)
    assert out.getvalue() == content


def test_show_lists_the_files_with_size_short_hash_and_who(office: Office, plan: int, db_url: str) -> None:
    content = pdf(1536)
    office.attach(plan, ("ban-ky.pdf", io.BytesIO(content)))
    code, out, _ = run_cli(db_url, "show", "01/KH-UBND")
    assert code == 0
    assert "Tệp đính kèm" in out and "ban-ky.pdf (2 KB, SHA-256 " in out
    assert hashlib.sha256(content).hexdigest()[:12] in out and "— vanthu, " in out
    code, out, _ = run_cli(db_url, "--json", "show", "01/KH-UBND")
    (shown,) = json.loads(out)["attachments"]
    assert shown["file"] == "ban-ky.pdf" and shown["size"] == 1536 and shown["stored"] is True
    assert shown["sha256"] == hashlib.sha256(content).hexdigest() and shown["added_by"] == "vanthu"
    assert shown["media_type"] == "application/pdf"


def test_the_command_line_attaches_lists_and_gets_a_file(
    office: Office, plan: int, db_url: str, tmp_path: Path
) -> None:
    scan = write(tmp_path, "scan.pdf", pdf(5000))
    code, out, err = run_cli(db_url, "attach", "01/KH-UBND", str(scan), "--name", "Bản ký số.pdf")
    assert (code, err) == (0, "")
    assert "Đã đính kèm vào Kế hoạch 01/KH-UBND" in out and "Bản ký số.pdf (5 KB" in out
    code, out, _ = run_cli(db_url, "--json", "attachments", "01/KH-UBND")
    listed = json.loads(out)
    assert listed["document"]["code"] == "01/KH-UBND"
    assert [a["file"] for a in listed["attachments"]] == ["Bản ký số.pdf"]
    target = tmp_path / "lay-ra.pdf"
    code, out, _ = run_cli(
        db_url, "--json", "attachment", "get", "01/KH-UBND", "Bản ký số.pdf", "--out", str(target)
    )
    assert code == 0 and json.loads(out)["out"] == str(target)
    assert target.read_bytes() == scan.read_bytes()
    # Never over a file that is there, and nothing half-written left beside it.
    code, _, err = run_cli(db_url, "attachment", "get", "01/KH-UBND", "Bản ký số.pdf", "--out", str(target))
    assert code == 2 and "đã có" in err
    code, _, err = run_cli(
        db_url, "attachment", "get", "01/KH-UBND", "khong-co.pdf", "--out", str(tmp_path / "x.pdf")
    )
    assert code != 0 and "Bản ký số.pdf" in err
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial") or p.name == "x.pdf"]


# ------------------------------------------------------------------------------------ refusals


def refused(office: Office, error: type[Exception], match: str, *args: object, **kwargs: object) -> None:
    """The attach call is refused with ``error`` and the register is exactly as it was."""
    before = dump(office)
    with pytest.raises(error, match=match):
        office.attach(*args, **kwargs)  # type: ignore[arg-type]
    assert dump(office) == before


def test_a_file_over_the_limit_is_refused_before_anything_is_written(
    office: Office, plan: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANBAN_ATTACHMENT_MB", "1")
    big = write(tmp_path, "lon.pdf", pdf(CHUNK_BYTES + 1))
    refused(office, InputError, "1,5 MB|vượt giới hạn 1 MB", plan, big)
    # A stream says no size: it is counted as it is read.
    refused(office, InputError, "vượt giới hạn 1 MB", plan, ("lon.pdf", io.BytesIO(pdf(CHUNK_BYTES + 1))))


def test_the_default_limit_is_20_mb(office: Office, plan: int, tmp_path: Path) -> None:
    big = tmp_path / "lon.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(20 * 1024 * 1024 + 1)
    refused(office, InputError, "20 MB", plan, big)


def test_what_is_not_a_readable_file_is_refused(office: Office, plan: int, tmp_path: Path) -> None:
    refused(office, InputError, "Không có tệp", plan, tmp_path / "khong-co.pdf")
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    refused(office, InputError, "là một thư mục", plan, folder)
    # /proc/self/mem is a file whose first bytes cannot be read (even by root).
    refused(office, InputError, "Không đọc được tệp", plan, "/proc/self/mem", name="mem.pdf")
    refused(office, InputError, "rỗng", plan, write(tmp_path, "rong.pdf", b""))
    refused(office, InputError, "Chưa chọn tệp", plan)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../../etc/passwd.pdf", "ký tự «/»"),
        ("..\\..\\boot.pdf", "ký tự «\\\\»"),
        ("..", "không dùng được"),
        ("ban\x1b[31m.pdf", "không in được"),
        ("ban\u202egpj.pdf", "không in được"),
        ("ban\x00.pdf", "không in được"),
        ("a" * 250 + ".pdf", "tối đa 200"),
        ("virus.exe", "không thuộc loại"),
        ("khong-duoi", "không thuộc loại"),
    ],
)
def test_a_hostile_name_is_refused(office: Office, plan: int, name: str, why: str) -> None:
    refused(office, InputError, why, plan, (name, io.BytesIO(pdf(100))))


def test_a_file_whose_content_is_not_its_kind_is_refused(office: Office, plan: int) -> None:
    refused(office, InputError, "không phải tệp PDF", plan, ("ban-ky.pdf", io.BytesIO(b"MZ\x90\x00program")))
    refused(office, InputError, "không phải tệp Word", plan, ("to-trinh.docx", io.BytesIO(b"%PDF-1.7")))


def test_a_second_file_of_the_same_name_or_content_is_refused(office: Office, plan: int) -> None:
    office.attach(plan, ("ban-ky.pdf", io.BytesIO(pdf(100))))
    refused(office, RuleError, "đã có tệp «ban-ky.pdf»", plan, ("ban-ky.pdf", io.BytesIO(pdf(200))))
    refused(office, RuleError, "với tên «ban-ky.pdf»", plan, ("ban-sao.pdf", io.BytesIO(pdf(100))))
    refused(
        office,
        InputError,
        "chọn hai lần",
        plan,
        ("a.pdf", io.BytesIO(pdf(10))),
        ("a.pdf", io.BytesIO(pdf(20))),
    )


def test_attaching_to_what_is_not_a_document_held_is_refused(office: Office, tmp_path: Path) -> None:
    scan = write(tmp_path, "a.pdf", pdf(100))
    refused(office, NotFoundError, "Không có văn bản", 999, scan)
    refused(office, NotFoundError, "Không có văn bản 12/KH-XYZ", "12/KH-XYZ", scan)
    draft = office.draft("BC", subject="Báo cáo")
    office.link(draft.id, "30/2020/NĐ-CP", "cites")
    refused(office, RuleError, "dẫn chiếu", "30/2020/NĐ-CP", scan)


def test_who_may_attach(office: Office, plan: int) -> None:
    office.add_user("xem", name="Người Xem", roles=["tra_cuu"])
    scan = ("a.pdf", io.BytesIO(pdf(100)))
    refused(office.as_user("xem"), PermissionDeniedError, "không được đính kèm", plan, scan)
    # A recorded document's legal copy is the clerk's: not a chuyên viên's.
    refused(office.as_user("chuyenvien"), PermissionDeniedError, "chỉ văn thư", plan, scan)
    # A draft takes files from its author.
    mine = office.as_user("chuyenvien").draft("BC", subject="Báo cáo tháng 9")
    (added,) = office.as_user("chuyenvien").attach(mine.id, ("du-thao.docx", io.BytesIO(b"PK\x03\x04draft")))
    assert added.added_by == "chuyenvien"


def test_the_database_refuses_to_change_or_remove_an_attachment(office: Office, plan: int) -> None:
    office.attach(plan, ("a.pdf", io.BytesIO(pdf(100))))
    before = dump(office)
    for statement in (
        "UPDATE attachments SET sha256 = 'x'",
        "DELETE FROM attachments",
        "UPDATE attachment_chunks SET data = :d",
        "DELETE FROM attachment_chunks",
    ):
        with pytest.raises(Exception, match="attachments are append-only"):
            raw(office, statement, d=b"other")
    assert dump(office) == before


# ------------------------------------------------------------------------- tamper and backup


def lift_attachment_guards(office: Office) -> None:
    if office.engine.dialect.name == "postgresql":
        raw(
            office,
            "ALTER TABLE attachments DISABLE TRIGGER USER",
            "ALTER TABLE attachment_chunks DISABLE TRIGGER USER",
        )
    else:
        for table in ("attachments", "attachment_chunks"):
            for action in ("update", "delete"):
                raw(office, f"DROP TRIGGER IF EXISTS {table}_no_{action}")


def restore_attachment_guards(office: Office) -> None:
    import importlib

    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    migration = importlib.import_module("vanban.store.migrations.versions.0008_attachment_content")
    dialect = office.engine.dialect.name
    if dialect == "postgresql":
        raw(
            office,
            "ALTER TABLE attachments ENABLE TRIGGER USER",
            "ALTER TABLE attachment_chunks ENABLE TRIGGER USER",
        )
        return
    with office.engine.begin() as conn, Operations.context(MigrationContext.configure(conn)):
        migration.create_guards(dialect)


@pytest.fixture
def tampered(office: Office, plan: int) -> Office:
    """Two files attached, then the guards lifted (as an attacker would); put back after."""
    office.attach(
        plan, ("ban-ky.pdf", io.BytesIO(pdf(CHUNK_BYTES + 10))), ("khac.pdf", io.BytesIO(pdf(300, 9)))
    )
    office.verify()
    lift_attachment_guards(office)
    yield office  # type: ignore[misc]
    restore_attachment_guards(office)


def test_verify_finds_a_file_whose_content_was_swapped(tampered: Office) -> None:
    raw(tampered, "UPDATE attachment_chunks SET data = :d WHERE seq = 1", d=b"khac")
    with pytest.raises(IntegrityBreakError, match=r"Nội dung tệp «ban-ky\.pdf».*không khớp mã SHA-256"):
        tampered.verify()
    with pytest.raises(IntegrityBreakError, match="đã bị thay ngoài vanban"):
        tampered.attachment("01/KH-UBND", "ban-ky.pdf", io.BytesIO())


def test_verify_finds_a_file_pointed_at_another_content(tampered: Office) -> None:
    other = tampered.attachments("01/KH-UBND")[1].sha256
    raw(tampered, "UPDATE attachments SET sha256 = :s, size = 300 WHERE file_name = 'ban-ky.pdf'", s=other)
    with pytest.raises(IntegrityBreakError, match=r"đã bị đổi ngoài vanban.*SHA-256"):
        tampered.verify()


def test_verify_finds_a_file_renamed_removed_or_added_by_raw_sql(tampered: Office) -> None:
    raw(tampered, "UPDATE attachments SET file_name = 'khac-ten.pdf' WHERE file_name = 'khac.pdf'")
    with pytest.raises(IntegrityBreakError, match=re.escape("tên tệp: «khac.pdf» → «khac-ten.pdf»")):
        tampered.verify()
    raw(tampered, "DELETE FROM attachments WHERE file_name = 'khac-ten.pdf'")
    with pytest.raises(IntegrityBreakError, match="không còn trong cơ sở dữ liệu"):
        tampered.verify()
    kept = tampered.attachments("01/KH-UBND")[0]
    raw(
        tampered,
        "INSERT INTO attachments (document_id, file_name, sha256, size) VALUES (:d, 'them.pdf', :s, :n)",
        d=kept.document_id,
        s=kept.sha256,
        n=kept.size,
    )
    with pytest.raises(IntegrityBreakError, match=r"«them\.pdf».*ngoài vanban"):
        tampered.verify()


def test_vanban_verify_exits_1_on_a_swapped_file(tampered: Office, db_url: str) -> None:
    code, out, _ = run_cli(db_url, "--json", "verify")
    assert code == 0 and json.loads(out)["attachments"] == 2
    raw(tampered, "UPDATE attachment_chunks SET data = :d WHERE seq = 0", d=b"%PDF-gia mao")
    code, _, err = run_cli(db_url, "verify")
    assert code == 1 and "ban-ky.pdf" in err


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_backup_holds_the_files_and_verifies_them(office: Office, plan: int, tmp_path: Path) -> None:
    content = pdf(CHUNK_BYTES * 2 + 5)
    office.attach(plan, ("ban-ky.pdf", io.BytesIO(content)))
    report = office.backup(tmp_path / "sao-luu.sqlite")
    assert report.attachments == 1
    with Office(tmp_path / "sao-luu.sqlite", user="vanthu") as copy:
        out = io.BytesIO()
        copy.attachment("01/KH-UBND", "ban-ky.pdf", out)
    assert out.getvalue() == content
    assert os.path.getsize(tmp_path / "sao-luu.sqlite") > len(content)


@pytest.mark.db
def test_on_prefixed_tables_attachments_are_kept_guarded_and_verified(empty_db: str) -> None:
    from sqlalchemy.exc import DBAPIError

    from vanban.office.demo import build_demo
    from vanban.store.engine import connect

    engine, _ = connect(empty_db, create=True, prefix="vb_")
    office, _ = build_demo(engine)  # type: ignore[arg-type]
    try:
        content = pdf(CHUNK_BYTES + 99)
        office.attach("90/KH-UBND", ("ban-ky.pdf", io.BytesIO(content)))
        out = io.BytesIO()
        office.attachment("90/KH-UBND", "ban-ky.pdf", out)
        assert out.getvalue() == content and office.verify().attachments == 1
        for statement in (
            "UPDATE vb_attachments SET file_name = 'x.pdf'",
            "DELETE FROM vb_attachment_chunks",
        ):
            with (
                pytest.raises(DBAPIError, match="attachments are append-only"),
                office.engine.begin() as conn,
            ):
                conn.execute(text(statement))
    finally:
        office.close()
