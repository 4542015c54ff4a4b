"""A sender by name on the web desk and in the REST API, as on the command line."""

from __future__ import annotations

from webdesk import Desk, csrf_of

SNV = "Sở Nội vụ thành phố Hải Phòng"
RECEIPT = {"date": "2025-09-29", "subject": "Về việc thi tuyển công chức"}


def sender_codes(desk: Desk) -> list[str]:
    return sorted(o.code for o in desk.office.orgs())


def test_the_api_adds_a_sender_named_in_full_with_the_receipt(desk: Desk) -> None:
    client, clerk = desk.browser(), desk.token("vanthu")
    made = client.post(
        "/api/v1/incoming", headers=clerk, json={"code": "12/SNV-VP", "sender_name": SNV, **RECEIPT}
    )
    assert made.status_code == 201, made.text
    assert made.json()["issuer"] == "SNV"
    again = client.post(
        "/api/v1/incoming", headers=clerk, json={"code": "13/SNV-VP", "sender": "so noi vu", **RECEIPT}
    )
    assert again.status_code == 201 and again.json()["issuer"] == "SNV"
    assert sender_codes(desk).count("SNV") == 1


def test_the_api_refuses_an_ambiguous_sender_with_the_candidates_and_registers_nothing(desk: Desk) -> None:
    client, clerk = desk.browser(), desk.token("vanthu")
    desk.office.add_org("SNV", SNV)
    before = sender_codes(desk)
    refused = client.post(
        "/api/v1/incoming", headers=clerk, json={"code": "12/SNV-VP", "sender": "so", **RECEIPT}
    )
    assert refused.status_code == 400
    assert "SNV — Sở Nội vụ" in refused.json()["error"]
    assert desk.office.documents(direction="in") == [] and sender_codes(desk) == before


def test_the_api_refuses_a_receipt_without_a_sender(desk: Desk) -> None:
    client, clerk = desk.browser(), desk.token("vanthu")
    refused = client.post("/api/v1/incoming", headers=clerk, json={"code": "12/SNV-VP", **RECEIPT})
    assert refused.status_code == 422 and "Thiếu cơ quan gửi" in refused.json()["error"]
    assert desk.office.documents(direction="in") == []


def test_a_reader_cannot_add_a_sender_through_a_receipt(desk: Desk) -> None:
    client, reader = desk.browser(), desk.token("tracuu")
    before = sender_codes(desk)
    refused = client.post(
        "/api/v1/incoming", headers=reader, json={"code": "12/SNV-VP", "sender_name": SNV, **RECEIPT}
    )
    assert refused.status_code == 403
    assert sender_codes(desk) == before


def test_the_receive_form_takes_a_new_sender_by_its_full_name(desk: Desk) -> None:
    clerk = desk.sign_in("vanthu")
    form = clerk.get("/documents/receive")
    assert 'name="sender_name"' in form.text
    received = clerk.post(
        "/documents/receive",
        data={
            "csrf": csrf_of(form.text),
            "code": "12/SNV-VP",
            "sender_name": "<script>alert(1)</script> " + SNV,
            "date": "29/9/2025",
            "subject": "Về việc thi tuyển công chức",
        },
        follow_redirects=False,
    )
    assert received.status_code == 303, received.text
    page = clerk.get(received.headers["location"]).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_receive_form_refuses_an_ambiguous_sender_next_to_the_form(desk: Desk) -> None:
    desk.office.add_org("SNV", SNV)
    clerk = desk.sign_in("vanthu")
    form = clerk.get("/documents/receive")
    answer = clerk.post(
        "/documents/receive",
        data={
            "csrf": csrf_of(form.text),
            "code": "12/SNV-VP",
            "sender": "so",
            "date": "29/9/2025",
            "subject": "Về việc thi tuyển công chức",
        },
    )
    assert answer.status_code == 422
    assert "SNV — Sở Nội vụ" in answer.text
    assert desk.office.documents(direction="in") == []
