"""The web desk and the REST API refuse to number a document that has no signer (Nghị định 30,
Điều 8), as the command line does: the refusal on the page or as the error shape, nothing changed."""

from __future__ import annotations

from typing import Any

from webdesk import Desk, csrf_of

from vanban import Office


def dump(office: Office) -> list[tuple[Any, ...]]:
    from sqlalchemy import select

    from vanban.store.tables import metadata

    rows: list[tuple[Any, ...]] = []
    with office.engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows += [(table.name, *r) for r in conn.execute(select(table).order_by(*table.primary_key))]
    return rows


def test_the_web_desk_shows_the_refusal_on_the_page_and_numbers_nothing(office: Office, desk: Desk) -> None:
    doc = office.draft("KH", subject="Kế hoạch chưa ký")
    clerk = desk.sign_in("vanthu")
    page = clerk.get(f"/documents/{doc.id}")
    before = dump(office)
    answer = clerk.post(
        f"/documents/{doc.id}/fire",
        data={"csrf": csrf_of(page.text), "trigger": "issue", "signer": "", "title": ""},
        follow_redirects=False,
    )
    assert answer.status_code == 409  # a rule of the decree, as the REST API says it: not a typo
    assert "chưa có người ký" in answer.text
    assert dump(office) == before


def test_the_rest_api_refuses_an_unsigned_issue_with_the_error_shape(office: Office, desk: Desk) -> None:
    doc = office.draft("KH", subject="Kế hoạch chưa ký")
    client, headers = desk.browser(), desk.token("vanthu")
    before = dump(office)
    answer = client.post(f"/api/v1/documents/{doc.id}/issue", headers=headers, json={"date": "2025-09-29"})
    assert answer.status_code == 409
    assert set(answer.json()) == {"error", "hint"}
    assert "chưa có người ký" in answer.json()["error"] and "--signer" in answer.json()["hint"]
    assert dump(office) == before
    signed = client.post(
        f"/api/v1/documents/{doc.id}/issue",
        headers=headers,
        json={"date": "2025-09-29", "signer": "chutich", "title": "Chủ tịch"},
    )
    assert signed.status_code == 200 and signed.json()["signer"] == "Nguyễn Phúc Công"


def test_the_document_page_names_the_signer_with_the_authority_as_the_command_line_does(
    desk: Desk,
) -> None:
    office = desk.office
    doc = office.draft("KH", subject="Kế hoạch chuyển đổi số")
    issued = office.issue(doc.id, signer="Nguyễn Phúc Công", title="Chủ tịch", authority="TM.")
    page = desk.sign_in("vanthu").get(f"/documents/{doc.id}").text
    assert "<dt>Người ký</dt><dd>TM. Chủ tịch Nguyễn Phúc Công</dd>" in page
    assert issued.signed_as == "TM. Chủ tịch Nguyễn Phúc Công"  # as `vanban show` prints it
