"""The web desk's issue form and the REST API refuse a ngày ban hành after today (Vietnam's date),
as the command line does: 422 with the message and its hint, nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from webdesk import Desk, csrf_of

from databases import dump
from vanban import Office


def test_the_web_desk_and_the_rest_api_refuse_a_date_to_come(
    office: Office, desk: Desk, clock: Callable[[date], None]
) -> None:
    clock(date(2025, 12, 6))
    doc = office.draft("KH", subject="Kế hoạch")
    clerk = desk.sign_in("vanthu")
    page = clerk.get(f"/documents/{doc.id}")
    client, headers = desk.browser(), desk.token("vanthu")  # a token is an event: before the dump
    before = dump(office)
    answer = clerk.post(
        f"/documents/{doc.id}/fire",
        data={"csrf": csrf_of(page.text), "trigger": "issue", "date": "1/1/2026", "signer": "chutich"},
        follow_redirects=False,
    )
    assert answer.status_code == 422
    assert "còn chưa tới" in answer.text
    api = client.post(
        f"/api/v1/documents/{doc.id}/issue", headers=headers, json={"date": "2026-01-01", "signer": "chutich"}
    )
    assert api.status_code == 422 and api.json().get("field") == "date"
    assert "còn chưa tới" in api.json()["error"] and "--date" in api.json()["hint"]
    assert dump(office) == before
