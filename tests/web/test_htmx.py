"""htmx on the document page: adding an outcome or an assignment answers with the page whose
section htmx swaps in; the CSRF token comes as a header; the same forms work without it."""

from __future__ import annotations

import re
from datetime import date

from webdesk import Desk, csrf_of, register_dump

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


def test_a_refused_assignment_is_said_inside_its_section_keeping_what_was_typed(desk: Desk) -> None:
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
    assert 'class="alert"' in assigned and "KHONGCO" in assigned and 'value="31/12/2025"' in assigned
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
