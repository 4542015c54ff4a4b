"""A use case's refusal about one input is said next to that input on the web forms (draft,
receive, the register's filters, a document's actions), in the API's JSON as "field"; a
refusal about no one input stays the page's (or the form's) general message."""

from __future__ import annotations

import re
from datetime import date

from webdesk import Desk, csrf_of, register_dump

HTMX = {"HX-Request": "true"}


def field_error(html: str, name: str) -> str | None:
    """The message said next to the input ``name`` (the markup of _field.html), or None."""
    found = re.search(rf'<p class="error" id="e-{re.escape(name)}">(.*?)</p>', html, re.S)
    return found.group(1) if found else None


def invalid_input(html: str, name: str) -> bool:
    """Whether the input ``name`` is marked invalid and described by its message."""
    tag = re.search(rf'<(?:input|textarea|select) id="f-{re.escape(name)}"[^>]*>', html, re.S)
    return tag is not None and 'aria-invalid="true"' in tag.group(0) and f'"e-{name}"' in tag.group(0)


def general(html: str) -> str | None:
    """The form's general message (errors["form"]), or None."""
    found = re.search(r'<p class="alert" role="alert">(.*?)</p>', html, re.S)
    return found.group(1) if found else None


# ---------------------------------------------------------------------------------- drafting


def draft(desk: Desk, **typed: str) -> tuple[int, str]:
    clerk = desk.sign_in("vanthu")
    token = csrf_of(clerk.get("/documents/new").text)
    before = register_dump(desk.office)
    answer = clerk.post("/documents/new", data={"csrf": token, **typed}, follow_redirects=False)
    if answer.status_code != 303:
        assert register_dump(desk.office) == before  # a refusal writes nothing
    return answer.status_code, answer.text


def test_a_draft_for_a_unit_the_office_has_not_is_refused_next_to_the_unit(desk: Desk) -> None:
    status, html = draft(desk, type="KH", subject="Kế hoạch chuyển đổi số", unit="KHONGCO")
    assert status == 422
    assert "Không có đơn vị «KHONGCO»." in (field_error(html, "unit") or "")
    assert invalid_input(html, "unit")
    assert general(html) is None
    assert 'value="KHONGCO"' in html  # what was typed stays


def test_a_cong_van_without_a_unit_is_refused_next_to_the_unit(desk: Desk) -> None:
    status, html = draft(desk, type="CV", subject="Về việc họp giao ban")
    assert status == 422
    assert "Công văn cần đơn vị soạn thảo" in (field_error(html, "unit") or "")
    assert general(html) is None


def test_a_subject_too_long_is_refused_next_to_the_subject(desk: Desk) -> None:
    status, html = draft(desk, type="KH", subject="Kế hoạch " * 300)
    assert status == 422
    said = field_error(html, "subject") or ""
    assert "trích yếu" in said.lower() and "2000" in said.replace(".", "")
    assert invalid_input(html, "subject")
    assert general(html) is None


def test_a_body_too_long_is_refused_next_to_the_body(desk: Desk) -> None:
    status, html = draft(desk, type="KH", subject="Kế hoạch chuyển đổi số", body="chữ " * 20_000)
    assert status == 422
    assert "nội dung" in (field_error(html, "body") or "").lower()
    assert invalid_input(html, "body")
    assert general(html) is None


def test_a_type_that_is_not_numbered_here_is_refused_next_to_the_type(desk: Desk) -> None:
    status, html = draft(desk, type="LUAT", subject="Luật Đất đai")
    assert status == 422
    assert field_error(html, "type") is not None and general(html) is None


# --------------------------------------------------------------------------------- receiving


def receive(desk: Desk, **typed: str) -> tuple[int, str]:
    clerk = desk.sign_in("vanthu")
    token = csrf_of(clerk.get("/documents/receive").text)
    before = register_dump(desk.office)
    answer = clerk.post("/documents/receive", data={"csrf": token, **typed}, follow_redirects=False)
    if answer.status_code != 303:
        assert register_dump(desk.office) == before
    return answer.status_code, answer.text


RECEIPT = {"code": "12/SNV-VP", "date": "29/9/2025", "subject": "Về việc thi tuyển công chức"}


def test_a_sender_that_names_several_bodies_is_refused_next_to_the_sender(desk: Desk) -> None:
    desk.office.add_org("SNV", "Sở Nội vụ thành phố Hải Phòng")
    status, html = receive(desk, sender="so", **RECEIPT)
    assert status == 422
    said = field_error(html, "sender") or ""
    assert "SNV — Sở Nội vụ" in said and "SKHCN — Sở Khoa học" in said
    assert invalid_input(html, "sender") and general(html) is None


def test_a_sender_the_register_has_not_is_refused_next_to_the_sender(desk: Desk) -> None:
    status, html = receive(desk, sender="KHONGCO", **RECEIPT)
    assert status == 422
    assert "Không có cơ quan «KHONGCO»." in (field_error(html, "sender") or "")
    assert general(html) is None


def test_an_arrival_day_still_to_come_is_refused_next_to_it(desk: Desk) -> None:
    status, html = receive(desk, sender="SKHCN", arrived="1/1/2099", **RECEIPT)
    assert status == 422
    assert "Ngày đến 01/01/2099 còn chưa tới" in (field_error(html, "arrived") or "")
    assert general(html) is None


def test_a_deadline_before_the_document_s_date_is_refused_next_to_the_deadline(desk: Desk) -> None:
    status, html = receive(desk, sender="SKHCN", deadline="1/9/2025", **RECEIPT)
    assert status == 422
    assert field_error(html, "deadline") is not None and general(html) is None


def test_a_receipt_already_in_the_register_is_the_form_s_message(desk: Desk) -> None:
    """The same code from the same sender is about no one input: the general message says it."""
    desk.office.receive("12/SKHCN-VP", sender="SKHCN", on=date(2025, 9, 29), subject="Về việc chuyển đổi số")
    status, html = receive(
        desk, code="12/SKHCN-VP", sender="SKHCN", date="29/9/2025", subject="Về việc chuyển đổi số"
    )
    assert status == 422
    assert "12/SKHCN-VP" in (general(html) or "")
    assert not re.search(r'<p class="error" id="e-', html)


# ------------------------------------------------------------------------- the register's filters


def test_a_type_filter_the_catalog_has_not_is_said_next_to_the_type(desk: Desk) -> None:
    clerk = desk.sign_in("vanthu")
    page = clerk.get("/documents?direction=out&type=KHONGCO")
    assert page.status_code == 422
    assert "KHONGCO" in (field_error(page.text, "type") or "")
    assert invalid_input(page.text, "type")
    results = clerk.get("/documents?direction=out&type=KHONGCO", headers=HTMX)
    assert results.status_code == 422 and "<li>Loại: " in results.text


def test_a_sender_filter_is_said_next_to_the_sender_by_its_field_not_its_wording(desk: Desk) -> None:
    clerk = desk.sign_in("vanthu")
    page = clerk.get("/documents?direction=in&sender=KHONGCO")
    assert page.status_code == 422
    assert "Không có cơ quan «KHONGCO»." in (field_error(page.text, "sender") or "")


def test_a_search_of_too_many_words_is_said_next_to_the_search(desk: Desk) -> None:
    query = " ".join(f"tu{i}" for i in range(20))
    page = desk.sign_in("vanthu").get("/documents", params={"direction": "out", "q": query})
    assert page.status_code == 422
    assert "tối đa 12" in (field_error(page.text, "q") or "")


# ----------------------------------------------------------------------------- a document's actions


def test_an_issue_date_after_the_document_s_deadline_is_refused_next_to_the_date(desk: Desk) -> None:
    plan = desk.office.draft("KH", subject="Kế hoạch chuyển đổi số", deadline=date(2025, 10, 1))
    clerk = desk.sign_in("vanthu")
    page = clerk.get(f"/documents/{plan.id}").text
    assert 'id="f-date"' in page  # the clerk is offered the issue form
    before = register_dump(desk.office)
    answer = clerk.post(
        f"/documents/{plan.id}/fire",
        data={"csrf": csrf_of(page), "trigger": "issue", "date": "2/10/2025", "signer": "chutich"},
    )
    assert answer.status_code == 422
    assert "thời hạn" in (field_error(answer.text, "date") or "")
    assert general(answer.text) is None
    assert register_dump(desk.office) == before


# ------------------------------------------------------------------------------------- the API


def test_the_api_names_the_input_refused_and_nothing_when_none(desk: Desk) -> None:
    clerk = desk.browser()
    headers = desk.token("vanthu")
    desk.office.add_org("SNV", "Sở Nội vụ thành phố Hải Phòng")
    before = register_dump(desk.office)
    unit = clerk.post(
        "/api/v1/documents", headers=headers, json={"type": "KH", "subject": "Kế hoạch", "unit": "KHONGCO"}
    )
    assert unit.status_code == 404
    assert unit.json() == {
        "error": "Không có đơn vị «KHONGCO».",
        "hint": "Xem vanban unit list, hoặc thêm bằng vanban unit add.",
        "field": "unit",
    }
    receipt = {"code": "12/SNV-VP", "sender": "so", "date": "2025-09-29", "subject": "Về việc thi tuyển"}
    sender = clerk.post("/api/v1/incoming", headers=headers, json=receipt)
    assert sender.status_code == 400 and sender.json()["field"] == "sender"
    assert clerk.get("/api/v1/documents?type=KHONGCO", headers=headers).json()["field"] == "type"
    schema = clerk.post("/api/v1/documents", headers=headers, json={"type": "KH", "subject": ""})
    assert schema.status_code == 422 and schema.json()["field"] == "subject"
    missing = clerk.get("/api/v1/documents/999999", headers=headers)
    assert missing.status_code == 404 and set(missing.json()) == {"error", "hint"}
    assert register_dump(desk.office) == before
    spec = clerk.get("/api/v1/openapi.json").json()
    assert "field" in spec["components"]["schemas"]["Problem"]["properties"]


def test_a_refusal_about_an_input_of_a_form_the_page_does_not_offer_is_its_general_message(
    desk: Desk,
) -> None:
    """The leader is not offered the issue form on a draft: its date refused is said at the top."""
    plan = desk.office.draft("KH", subject="Kế hoạch chuyển đổi số", deadline=date(2025, 10, 1))
    leader = desk.sign_in("chutich")
    page = leader.get(f"/documents/{plan.id}").text
    assert 'id="f-date"' not in page
    before = register_dump(desk.office)
    answer = leader.post(
        f"/documents/{plan.id}/fire",
        data={"csrf": csrf_of(page), "trigger": "issue", "date": "2/10/2025", "signer": "chutich"},
    )
    assert answer.status_code == 422
    assert "thời hạn" in (general(answer.text) or "") and field_error(answer.text, "date") is None
    assert register_dump(desk.office) == before


# ---------------------------------------------------------------------------- administration


def admin_post(desk: Desk, what: str, **typed: str) -> tuple[int, str]:
    admin = desk.sign_in("quantri")
    token = csrf_of(admin.get("/admin").text)
    before = register_dump(desk.office)
    answer = admin.post(f"/admin/{what}", data={"csrf": token, **typed}, follow_redirects=False)
    assert register_dump(desk.office) == before
    return answer.status_code, answer.text


def test_a_login_already_taken_is_refused_next_to_the_login(desk: Desk) -> None:
    status, html = admin_post(desk, "users", login="vanthu", name="Người khác", roles="tra_cuu")
    assert status == 422
    assert "vanthu" in (field_error(html, "login") or "") and general(html) is None


def test_a_series_number_already_used_is_refused_next_to_the_number(desk: Desk) -> None:
    year = date.today().year
    desk.office.register("KH", subject="Kế hoạch", on=date.today(), signer="chutich")
    status, html = admin_post(desk, "series", series_type="KH", series_year=str(year), next_number="1")
    assert status == 422
    assert "đã cấp đến số 1" in (field_error(html, "next_number") or "") and general(html) is None
    assert "<tr><td>Kế hoạch</td><td>1</td>" in html  # the series of the year listed by name


def test_a_unit_code_already_there_is_the_unit_form_s_message(desk: Desk) -> None:
    """The units' and organizations' forms share input names: their refusals stay the form's."""
    status, html = admin_post(desk, "units", code="VHXH", name="Văn hóa")
    assert status == 422
    assert "Đơn vị «VHXH» đã có." in (general(html) or "")
    assert not re.search(r'<p class="error" id="e-', html)
