"""The REST API under /api/v1: Bearer tokens, the --json shapes, errors as {"error", "hint"}."""

from __future__ import annotations

import pytest
from webdesk import Desk

from vanban.office import auth

CALLS = [
    ("get", "/api/v1/documents", None),
    ("get", "/api/v1/documents/1", None),
    ("get", "/api/v1/documents/1/history", None),
    ("get", "/api/v1/documents/1/trace", None),
    ("get", "/api/v1/documents/1/actions", None),
    ("post", "/api/v1/documents", {"type": "KH", "subject": "x"}),
    ("post", "/api/v1/documents/1/issue", {}),
    ("post", "/api/v1/documents/1/fire", {"trigger": "submit"}),
    (
        "post",
        "/api/v1/incoming",
        {"code": "1/SKHCN-VP", "sender": "SKHCN", "date": "2025-09-29", "subject": "x"},
    ),
    ("get", "/api/v1/status", None),
    ("get", "/api/v1/me", None),
]


@pytest.mark.parametrize(("method", "path", "body"), CALLS)
def test_every_call_without_a_token_is_401_with_the_error_shape(
    desk: Desk, method: str, path: str, body: dict[str, str] | None
) -> None:
    answer = desk.browser().request(method, path, json=body)
    assert answer.status_code == 401
    assert set(answer.json()) == {"error", "hint"}
    assert desk.office.documents() == []


def test_a_wrong_or_revoked_token_is_401(desk: Desk) -> None:
    client = desk.browser()
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer vb_nope"}).status_code == 401
    headers = desk.token("chutich")
    assert client.get("/api/v1/me", headers=headers).json()["login"] == "chutich"
    token_id = auth.tokens(desk.office, "chutich")[-1][0]
    auth.revoke_token(desk.office, "chutich", token_id)
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_software_drafts_issues_receives_fires_and_reads_as_the_token_s_user(desk: Desk) -> None:
    client, headers = desk.browser(), desk.token("vanthu")
    made = client.post("/api/v1/documents", headers=headers, json={"type": "KH", "subject": "Kế hoạch API"})
    assert made.status_code == 201
    doc = made.json()
    for key in ("id", "direction", "type", "code", "number", "notation", "year", "date", "subject", "issuer"):
        assert key in doc
    issued = client.post(
        f"/api/v1/documents/{doc['id']}/issue",
        headers=headers,
        json={"date": "2025-10-01", "signer": "chutich", "title": "Chủ tịch"},
    )
    assert issued.status_code == 200 and issued.json()["code"] == "01/KH-UBND"
    received = client.post(
        "/api/v1/incoming",
        headers=headers,
        json={"code": "12/SKHCN-VP", "sender": "SKHCN", "date": "2025-09-29", "subject": "Về việc A"},
    )
    assert received.status_code == 201 and received.json()["arrival_number"] == 1
    in_id = received.json()["id"]
    actions = client.get(f"/api/v1/documents/{in_id}/actions", headers=headers).json()
    assert actions
    fired = client.post(
        f"/api/v1/documents/{in_id}/fire", headers=headers, json={"trigger": actions[0]["trigger"]}
    )
    assert fired.status_code == 200
    listing = client.get("/api/v1/documents?direction=out", headers=headers).json()
    assert listing["count"] == 1 and listing["items"][0]["code"] == "01/KH-UBND"
    assert client.get(f"/api/v1/documents/{doc['id']}", headers=headers).json()["status"] == "issued"
    assert (
        client.get(f"/api/v1/documents/{doc['id']}/trace", headers=headers).json()["document"]["id"]
        == doc["id"]
    )
    status = client.get("/api/v1/status", headers=headers).json()
    assert {"as_of", "summary", "items"} <= set(status)
    assert {e.actor for e in desk.office.history(doc["id"])} == {"vanthu"}


def test_refusals_come_with_their_status_and_a_vietnamese_error(desk: Desk) -> None:
    client = desk.browser()
    reader, chairman, clerk = desk.token("tracuu"), desk.token("chutich"), desk.token("vanthu")
    refused = client.post("/api/v1/documents", headers=reader, json={"type": "KH", "subject": "x"})
    assert refused.status_code == 403 and "không được soạn văn bản" in refused.json()["error"]
    doc = client.post("/api/v1/documents", headers=clerk, json={"type": "KH", "subject": "Dự thảo"}).json()
    not_allowed = client.post(f"/api/v1/documents/{doc['id']}/issue", headers=chairman, json={})
    assert not_allowed.status_code in (403, 409)
    assert client.get(f"/api/v1/documents/{doc['id']}", headers=clerk).json()["number"] is None
    assert client.get("/api/v1/documents/999", headers=clerk).status_code == 404
    bad = client.post("/api/v1/documents", headers=clerk, json={"type": "XX", "subject": "x"})
    assert bad.status_code in (404, 422) and bad.json()["error"]
    invalid = client.post(
        "/api/v1/incoming", headers=clerk, json={"code": "1/A", "sender": "SKHCN", "date": "hôm qua"}
    )
    assert invalid.status_code == 422 and set(invalid.json()) == {"error", "hint"}
    assert desk.office.documents(direction="in") == []
    assert len(desk.office.documents()) == 1


def test_a_browser_session_may_call_the_api_but_a_change_needs_the_csrf_header(desk: Desk) -> None:
    browser = desk.sign_in("vanthu")
    assert browser.get("/api/v1/me").json()["login"] == "vanthu"
    refused = browser.post("/api/v1/documents", json={"type": "KH", "subject": "x"})
    assert refused.status_code == 403
    assert desk.office.documents() == []


def test_the_openapi_document_and_its_page_are_served(desk: Desk) -> None:
    client = desk.browser()
    spec = client.get("/api/v1/openapi.json").json()
    operations = {op["operationId"] for item in spec["paths"].values() for op in item.values()}
    assert {
        "list_documents",
        "get_document",
        "draft_document",
        "issue_document",
        "receive_document",
    } <= operations
    assert {"fire_transition", "status"} <= operations
    assert client.get("/api/docs").status_code == 200


def test_an_id_beyond_the_database_s_integers_is_bad_input_not_a_server_error(desk: Desk) -> None:
    client = desk.sign_in("vanthu")
    api = client.get("/api/v1/documents/2147483648", headers=desk.token("vanthu"))
    assert api.status_code == 422 and set(api.json()) == {"error", "hint", "field"}
    assert api.json()["field"] == "doc_id"
    assert client.get("/documents/2147483648").status_code == 422


@pytest.mark.parametrize(
    ("method", "path", "body", "said"),
    [
        (
            "get",
            "/api/v1/documents?direction=sideways",
            None,
            "Tham số «direction» trong địa chỉ: «sideways» không phải một trong «out», «in».",
        ),
        (
            "post",
            "/api/v1/documents",
            {"type": "KH", "subject": "x", "deadline": "32/1/2026"},
            "Trường «deadline»: «32/1/2026» không đọc được; ghi ngày dạng yyyy-mm-dd",
        ),
        (
            "post",
            "/api/v1/documents",
            {"type": "KH", "subject": "x", "deadline": "2026-02-30"},
            "Trường «deadline»: «2026-02-30» không có ngày này trong lịch; ghi ngày dạng yyyy-mm-dd",
        ),
        (
            "get",
            "/api/v1/documents?year=hai&limit=0",
            None,
            "Tham số «year» trong địa chỉ: «hai» không phải số nguyên; ghi chữ số, ví dụ 2025. "
            "Tham số «limit» trong địa chỉ: «0» nhỏ hơn mức thấp nhất là 1.",
        ),
        ("post", "/api/v1/documents", {"type": "KH"}, "Thiếu trường «subject»: phải có giá trị này."),
        (
            "post",
            "/api/v1/documents",
            {"type": "KẾ HOẠCH NĂM", "subject": "x"},
            "Trường «type» dài 12 ký tự, quá giới hạn 10 ký tự; hãy rút gọn.",
        ),
        ("post", "/api/v1/documents", [1], "Nội dung gửi lên phải là một đối tượng JSON"),
        ("get", "/api/v1/status?overdue=maybe", None, "«maybe» không phải đúng/sai; ghi true hoặc false."),
    ],
)
def test_a_request_the_framework_refuses_is_said_in_vietnamese_with_the_field(
    desk: Desk, method: str, path: str, body: object, said: str
) -> None:
    answer = desk.browser().request(method, path, json=body, headers=desk.token("vanthu"))
    refused = answer.json()
    assert answer.status_code == 422 and set(refused) <= {"error", "hint", "field"}
    assert said in refused["error"]
    if "field" in refused:  # one input refused is named: the one the message names
        assert f"«{refused['field']}»" in refused["error"]
    if "year=hai&limit=0" in path:  # two refused: neither is "the" field
        assert "field" not in refused
    assert "Input should" not in answer.text and "/api/docs" in answer.json()["hint"]
    assert desk.office.documents() == []


def test_a_body_that_is_not_json_is_refused_with_where_its_syntax_breaks(desk: Desk) -> None:
    headers = {**desk.token("vanthu"), "content-type": "application/json"}
    answer = desk.browser().post("/api/v1/documents", headers=headers, content=b'{"type": "KH",\n ,}')
    assert answer.status_code == 422
    assert answer.json()["error"] == (
        "Nội dung JSON sai cú pháp ở dòng 2, cột 2 (ký tự thứ 17): cần tên trường trong dấu ngoặc kép."
    )


def test_a_page_address_of_the_wrong_kind_is_a_vietnamese_422_page(desk: Desk) -> None:
    page = desk.sign_in("vanthu").get("/documents/abc")
    assert page.status_code == 422 and "<html" in page.text
    assert "Địa chỉ trang: «abc» không phải số nguyên" in page.text and "Input should" not in page.text


def test_a_json_syntax_error_names_its_place_in_the_message_and_no_field(desk: Desk) -> None:
    answer = desk.browser().post(
        "/api/v1/documents",
        content=b'{"type": "KH",\n ,}',
        headers={**desk.token("vanthu"), "Content-Type": "application/json"},
    )
    assert answer.status_code == 422 and "field" not in answer.json()
    assert desk.office.documents() == []
