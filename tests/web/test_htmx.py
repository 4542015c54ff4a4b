"""htmx on the document page: adding an outcome or an assignment answers with the page whose
section htmx swaps in; the CSRF token comes as a header; the same forms work without it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from webdesk import Desk, csrf_of, register_dump

from vanban.domain.model import LinkKind

HTMX = {"HX-Request": "true"}


def section(html: str, name: str) -> str:
    found = re.search(rf'<section id="{name}".*?</section>', html, re.S)
    assert found, f"the page has no section {name}"
    return found.group(0)


def test_an_outcome_added_through_htmx_with_the_csrf_header_shows_in_its_section(desk: Desk) -> None:
    plan = desk.office.register(
        "KH", subject="Kế hoạch chuyển đổi số", on=date(2025, 9, 29), signer="chutich"
    )
    clerk = desk.sign_in("vanthu")
    page = clerk.get(f"/documents/{plan.id}").text
    assert 'hx-post="/documents/' in page and "hx-headers=" in page
    token = csrf_of(page)
    answer = clerk.post(
        f"/documents/{plan.id}/outcomes",
        data={"outcome_text": "Tập huấn cho cán bộ", "quantity": "40", "quantity_unit": "người"},
        headers={**HTMX, "X-CSRF-Token": token},
    )
    assert answer.status_code == 200
    assert "Tập huấn cho cán bộ: 40 người" in section(answer.text, "s-outcomes")
    assert "Tập huấn cho cán bộ" in section(answer.text, "s-history")
    assert [o.text for o in desk.office.outcomes(plan.id)] == ["Tập huấn cho cán bộ"]


def test_a_refused_assignment_is_said_next_to_its_field_inside_its_section(
    desk: Desk,
) -> None:
    plan = desk.office.register(
        "KH", subject="Kế hoạch chuyển đổi số", on=date(2025, 9, 29), signer="chutich"
    )
    clerk = desk.sign_in("vanthu")
    token = csrf_of(clerk.get(f"/documents/{plan.id}").text)
    before = register_dump(desk.office)
    answer = clerk.post(
        f"/documents/{plan.id}/assign",
        data={"lead": "KHONGCO", "assign_deadline": "31/12/2025"},
        headers={**HTMX, "X-CSRF-Token": token},
    )
    assert answer.status_code == 422
    assigned = section(answer.text, "s-assign")
    # The unknown lead is said next to its field, inside the section htmx swaps in.
    assert 'id="e-lead"' in assigned and 'class="alert"' not in assigned
    assert "KHONGCO" in assigned and 'value="31/12/2025"' in assigned
    assert register_dump(desk.office) == before


def test_an_htmx_request_with_a_wrong_csrf_header_is_refused(desk: Desk) -> None:
    plan = desk.office.register(
        "KH", subject="Kế hoạch chuyển đổi số", on=date(2025, 9, 29), signer="chutich"
    )
    clerk = desk.sign_in("vanthu")
    before = register_dump(desk.office)
    answer = clerk.post(
        f"/documents/{plan.id}/outcomes",
        data={"outcome_text": "Không được ghi"},
        headers={**HTMX, "X-CSRF-Token": "gia-mao"},
    )
    assert answer.status_code == 403
    assert register_dump(desk.office) == before


def test_an_htmx_request_without_a_session_sends_the_whole_browser_to_sign_in(desk: Desk) -> None:
    answer = desk.browser().get("/documents?direction=in&q=x", headers=HTMX, follow_redirects=False)
    assert answer.status_code == 401
    assert answer.headers["HX-Redirect"].startswith("/login?next=%2Fdocuments")


def refusal_region(answer: Any) -> str:
    """The message an htmx refusal carries, checked to go into the page's message region."""
    assert answer.headers["HX-Retarget"] == "#thong-bao" and answer.headers["HX-Reselect"] == "#thong-bao"
    assert answer.headers["HX-Push-Url"] == "false"
    found = re.search(r'<div id="thong-bao" class="alert" role="alert">(.*?)</div>', answer.text, re.S)
    assert found, answer.text
    assert "<html" not in answer.text  # the message alone, not a page htmx would search in vain
    return found.group(1)


def test_a_role_that_may_not_is_refused_403_inside_the_section_with_htmx_and_on_the_page_without(
    desk: Desk,
) -> None:
    plan = desk.office.register(
        "KH", subject="Kế hoạch chuyển đổi số", on=date(2025, 9, 29), signer="chutich"
    )
    reader = desk.sign_in("tracuu")
    page = reader.get(f"/documents/{plan.id}").text
    assert 'id="thong-bao"' in page  # the region htmx refusals go to, empty until one comes
    token = csrf_of(page)
    before = register_dump(desk.office)
    forced = reader.post(
        f"/documents/{plan.id}/outcomes",
        data={"outcome_text": "Không được ghi", "quantity": "3"},
        headers={**HTMX, "X-CSRF-Token": token},
    )
    assert forced.status_code == 403
    outcomes = section(forced.text, "s-outcomes")
    assert 'class="alert"' in outcomes and "tracuu" in outcomes
    plain = reader.post(
        f"/documents/{plan.id}/assign", data={"csrf": token, "lead": "VP", "assign_deadline": "31/12/2025"}
    )
    assert plain.status_code == 403
    assert "<html" in plain.text and "tracuu" in section(plain.text, "s-assign")
    assert register_dump(desk.office) == before


def test_a_conflict_is_said_in_the_section_that_asked_with_its_409(desk: Desk) -> None:
    plan = desk.office.register(
        "KH", subject="Kế hoạch chuyển đổi số", on=date(2025, 9, 29), signer="chutich"
    )
    cited = desk.office.link(plan.id, "12/KH-UBND", LinkKind.REPLACES)
    clerk = desk.sign_in("vanthu")
    token = csrf_of(clerk.get(f"/documents/{plan.id}").text)
    before = register_dump(desk.office)
    for headers in ({**HTMX, "X-CSRF-Token": token}, {}):
        answer = clerk.post(
            f"/documents/{cited.id}/assign",
            data={"csrf": token, "lead": "VP", "assign_note": "Ghi chú đã gõ"},
            headers=headers,
        )
        assert answer.status_code == 409
        assigned = section(answer.text, "s-assign")
        assert "chỉ là văn bản được dẫn chiếu" in assigned and 'class="alert"' in assigned
    assert register_dump(desk.office) == before


def test_a_document_gone_is_said_in_the_message_region_to_htmx_and_as_a_page_without(desk: Desk) -> None:
    clerk = desk.sign_in("vanthu")
    token = csrf_of(clerk.get("/documents/new").text)
    before = register_dump(desk.office)
    answer = clerk.post(
        "/documents/999999/outcomes",
        data={"outcome_text": "Không có văn bản"},
        headers={**HTMX, "X-CSRF-Token": token},
    )
    assert answer.status_code == 404
    assert "Không có văn bản" in refusal_region(answer)
    plain = clerk.post("/documents/999999/outcomes", data={"csrf": token, "outcome_text": "x"})
    assert plain.status_code == 404
    assert "<html" in plain.text and 'role="alert"' in plain.text and "HX-Retarget" not in plain.headers
    assert register_dump(desk.office) == before


def test_a_wrong_csrf_header_under_htmx_is_said_in_the_message_region(desk: Desk) -> None:
    plan = desk.office.register(
        "KH", subject="Kế hoạch chuyển đổi số", on=date(2025, 9, 29), signer="chutich"
    )
    clerk = desk.sign_in("vanthu")
    answer = clerk.post(
        f"/documents/{plan.id}/assign",
        data={"lead": "VP"},
        headers={**HTMX, "X-CSRF-Token": "gia-mao"},
    )
    assert answer.status_code == 403
    assert "Tải lại trang" in refusal_region(answer)


def test_a_filter_naming_no_unit_is_said_in_the_results_htmx_swaps_and_next_to_the_field(desk: Desk) -> None:
    clerk = desk.sign_in("vanthu")
    answer = clerk.get("/documents?direction=out&unit=KHONGCO", headers=HTMX)
    assert answer.status_code == 422
    assert answer.text.lstrip().startswith('<div id="ket-qua"')  # the part htmx swaps, with the message
    assert "<li>Đơn vị soạn thảo: Không có đơn vị «KHONGCO»." in answer.text
    page = clerk.get("/documents?direction=out&unit=KHONGCO")
    assert page.status_code == 422 and "<html" in page.text
    assert re.search(r'<p class="error" id="e-unit">Không có đơn vị «KHONGCO»', page.text)
    senders = clerk.get("/documents?direction=in&sender=KHONGCO", headers=HTMX)
    assert senders.status_code == 422 and "<li>Nơi gửi: Không có cơ quan «KHONGCO»." in senders.text


def test_a_date_filter_under_htmx_is_said_in_the_results_with_its_field(desk: Desk) -> None:
    answer = desk.sign_in("vanthu").get("/documents?direction=in&date_from=32/13/2025", headers=HTMX)
    assert answer.status_code == 422 and "<li>Từ ngày: " in answer.text and "32/13/2025" in answer.text


def test_a_page_that_does_not_exist_is_said_in_vietnamese(desk: Desk) -> None:
    clerk = desk.sign_in("vanthu")
    missing = clerk.get("/khong-co-trang-nay")
    assert missing.status_code == 404 and "Không có trang này." in missing.text and "<html" in missing.text
    assert "Không có trang này." in refusal_region(clerk.get("/khong-co-trang-nay", headers=HTMX))
    wrong_method = clerk.get("/documents/1/fire")
    assert wrong_method.status_code == 405 and "Trang này không nhận thao tác đó." in wrong_method.text
    assert wrong_method.headers["allow"] == "POST"
    assert clerk.get("/api/v1/khong-co").json() == {"detail": "Not Found"}  # the API keeps its own answer
