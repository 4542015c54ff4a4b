"""Attachments on the web desk and the REST API: upload with CSRF, list, download checked, and
refused without a session or token, to a reader, and for a file of another document."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from typing import Any

import pytest
from webdesk import Desk, csrf_of

from test_trust import dump
from vanban.domain.attachments import CHUNK_BYTES

SCAN = b"%PDF-1.7\n" + bytes(range(256)) * (CHUNK_BYTES // 256 + 3)


@pytest.fixture
def plan(desk: Desk) -> int:
    """An issued plan of the office (01/KH-UBND)."""
    return desk.office.register("KH", subject="Kế hoạch", on=date(2025, 9, 29), signer="Nguyễn Phúc Công").id


def files(*named: tuple[str, bytes]) -> list[tuple[str, Any]]:
    return [("file", (name, io.BytesIO(content), "application/octet-stream")) for name, content in named]


def test_the_clerk_uploads_a_scan_on_the_document_page_and_downloads_it_intact(desk: Desk, plan: int) -> None:
    clerk = desk.sign_in("vanthu")
    page = clerk.get(f"/documents/{plan}")
    assert "Tệp đính kèm" in page.text and 'enctype="multipart/form-data"' in page.text
    answer = clerk.post(
        f"/documents/{plan}/attachments",
        data={"csrf": csrf_of(page.text)},
        files=files(("Bản ký số.pdf", SCAN)),
        follow_redirects=False,
    )
    assert answer.status_code == 303
    (kept,) = desk.office.attachments(plan)
    assert (kept.name, kept.size, kept.sha256) == (
        "Bản ký số.pdf",
        len(SCAN),
        hashlib.sha256(SCAN).hexdigest(),
    )
    page = clerk.get(f"/documents/{plan}")
    assert f'href="/documents/{plan}/attachments/{kept.id}"' in page.text and kept.sha256[:12] in page.text
    got = clerk.get(f"/documents/{plan}/attachments/{kept.id}")
    assert got.status_code == 200 and got.content == SCAN
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''B%E1%BA%A3n%20k%C3%BD%20s%E1%BB%91.pdf" in got.headers["content-disposition"]
    assert got.headers["x-content-type-options"] == "nosniff"


def test_a_refused_upload_is_said_next_to_the_field_and_changes_nothing(desk: Desk, plan: int) -> None:
    clerk = desk.sign_in("vanthu")
    page = clerk.get(f"/documents/{plan}")
    before = dump(desk.office)
    answer = clerk.post(
        f"/documents/{plan}/attachments",
        data={"csrf": csrf_of(page.text)},
        files=files(("virus.pdf", b"MZ\x90\x00")),
    )
    assert answer.status_code == 422
    assert 'id="e-file"' in answer.text and "không phải tệp PDF" in answer.text
    assert dump(desk.office) == before


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_an_upload_without_the_csrf_token_is_403_and_changes_nothing(
    desk: Desk, plan: int, token: str | None
) -> None:
    clerk = desk.sign_in("vanthu")
    before = dump(desk.office)
    data = {"csrf": token} if token else {}
    answer = clerk.post(f"/documents/{plan}/attachments", data=data, files=files(("a.pdf", SCAN)))
    assert answer.status_code == 403
    assert dump(desk.office) == before


def test_a_reader_is_not_offered_the_form_and_is_refused_when_forcing_it(desk: Desk, plan: int) -> None:
    desk.office.attach(plan, ("ban-ky.pdf", io.BytesIO(SCAN)))
    reader = desk.sign_in("tracuu")
    page = reader.get(f"/documents/{plan}")
    assert "ban-ky.pdf" in page.text and f'action="/documents/{plan}/attachments"' not in page.text
    before = dump(desk.office)
    answer = reader.post(
        f"/documents/{plan}/attachments",
        data={"csrf": csrf_of(page.text)},
        files=files(("b.pdf", SCAN + b"x")),
    )
    assert answer.status_code == 403
    assert dump(desk.office) == before
    # Reading is allowed: the reader downloads.
    (kept,) = desk.office.attachments(plan)
    assert reader.get(f"/documents/{plan}/attachments/{kept.id}").content == SCAN


def test_without_a_session_or_token_nothing_is_uploaded_or_downloaded(desk: Desk, plan: int) -> None:
    (kept,) = desk.office.attach(plan, ("ban-ky.pdf", io.BytesIO(SCAN)))
    stranger = desk.browser()
    before = dump(desk.office)
    answer = stranger.get(f"/documents/{plan}/attachments/{kept.id}", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    answer = stranger.post(
        f"/documents/{plan}/attachments", files=files(("a.pdf", SCAN)), follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    for method, path in (
        ("get", f"/api/v1/documents/{plan}/attachments"),
        ("get", f"/api/v1/documents/{plan}/attachments/{kept.id}"),
        ("post", f"/api/v1/documents/{plan}/attachments"),
    ):
        answer = stranger.request(
            method, path, files=files(("a.pdf", SCAN + b"y")) if method == "post" else None
        )
        assert answer.status_code == 401 and set(answer.json()) == {"error", "hint"}
    assert dump(desk.office) == before


def test_a_download_names_only_a_file_of_its_own_document(desk: Desk, plan: int) -> None:
    other = desk.office.draft("BC", subject="Báo cáo").id
    (kept,) = desk.office.attach(other, ("bao-cao.pdf", io.BytesIO(SCAN)))
    clerk, headers = desk.sign_in("vanthu"), desk.token("vanthu")
    assert clerk.get(f"/documents/{plan}/attachments/{kept.id}").status_code == 404
    answer = clerk.get(f"/api/v1/documents/{plan}/attachments/{kept.id}", headers=headers)
    assert answer.status_code == 404 and "không có tệp đính kèm" in answer.json()["error"]
    for hostile in ("..%2F..%2Fetc%2Fpasswd", "bao-cao.pdf", "-1", "0"):
        assert clerk.get(f"/api/v1/documents/{other}/attachments/{hostile}", headers=headers).status_code in (
            404,
            422,
        )


def test_software_attaches_lists_and_downloads_through_the_api(desk: Desk, plan: int) -> None:
    client, headers = desk.browser(), desk.token("vanthu")
    answer = client.post(
        f"/api/v1/documents/{plan}/attachments",
        headers=headers,
        files=files(("ban-ky.pdf", SCAN), ("phu-luc.xlsx", b"PK\x03\x04bang")),
    )
    assert answer.status_code == 201, answer.text
    added = answer.json()["attachments"]
    assert [(a["file"], a["size"], a["added_by"]) for a in added] == [
        ("ban-ky.pdf", len(SCAN), "vanthu"),
        ("phu-luc.xlsx", 8, "vanthu"),
    ]
    listed = client.get(f"/api/v1/documents/{plan}/attachments", headers=headers).json()
    assert listed["attachments"] == added and listed["document"]["code"] == "01/KH-UBND"
    got = client.get(f"/api/v1/documents/{plan}/attachments/{added[0]['id']}", headers=headers)
    assert got.content == SCAN
    # A reader's token reads, and may not attach.
    reader = desk.token("tracuu")
    assert client.get(f"/api/v1/documents/{plan}/attachments", headers=reader).status_code == 200
    refused = client.post(
        f"/api/v1/documents/{plan}/attachments", headers=reader, files=files(("x.pdf", SCAN + b"z"))
    )
    assert refused.status_code == 403


def test_the_api_refuses_a_file_over_the_limit_with_422(
    desk: Desk, plan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANBAN_ATTACHMENT_MB", "1")
    client, headers = desk.browser(), desk.token("vanthu")
    before = dump(desk.office)
    answer = client.post(
        f"/api/v1/documents/{plan}/attachments", headers=headers, files=files(("lon.pdf", SCAN))
    )
    assert answer.status_code == 422 and "vượt giới hạn 1 MB" in answer.json()["error"]
    # More than ten files' worth announced: refused before the body is read.
    many = files(*((f"{n}.pdf", SCAN) for n in range(11)))
    answer = client.post(f"/api/v1/documents/{plan}/attachments", headers=headers, files=many)
    assert answer.status_code == 422
    assert dump(desk.office) == before
