"""The report draft page: the clerk chooses the request and the period, downloads the .docx or
registers it as a BC draft; the reader is refused, and bad input changes nothing."""

from __future__ import annotations

import io
from datetime import date, timedelta

from webdesk import Desk, csrf_of, register_dump

from vanban.docx.read import read_blocks

REQUEST_SUBJECT = "Báo cáo kết quả phong trào Bình dân học vụ số"


def request_and_plan(desk: Desk) -> int:
    """An incoming request to report, and a plan issued this year that carries it out."""
    office = desk.office
    asked = office.receive(
        "516/SKHCN-TTTT", sender="SKHCN", on=date.today() - timedelta(days=5), subject=REQUEST_SUBJECT
    )
    plan = office.register(
        "KH", subject="Kế hoạch triển khai phong trào", on=date.today() - timedelta(days=3), signer="chutich"
    )
    office.link(plan.id, asked.id, "implements")
    office.add_outcome(plan.id, text="Tập huấn kỹ năng số", quantity=120, unit="lượt người")
    return asked.id


def test_the_page_offers_the_requests_to_report_first_by_name(desk: Desk) -> None:
    asked = request_and_plan(desk)
    desk.office.receive("9/SNV-VP", sender="SKHCN", on=date.today(), subject="Về việc mời họp")
    page = desk.sign_in("vanthu").get("/reports/new").text
    wanted = page.index('label="Văn bản yêu cầu báo cáo"')
    other = page.index('label="Văn bản đến khác"')
    assert wanted < page.index(f'value="{asked}"') < other < page.index("9/SNV-VP")


def test_the_clerk_downloads_the_draft_of_the_request_and_nothing_is_registered(desk: Desk) -> None:
    asked = request_and_plan(desk)
    clerk = desk.sign_in("vanthu")
    token = csrf_of(clerk.get("/reports/new").text)
    before = register_dump(desk.office)
    answer = clerk.post("/reports/new", data={"csrf": token, "request": str(asked), "action": "download"})
    assert answer.status_code == 200 and answer.content[:2] == b"PK"
    assert "du-thao-bao-cao-516-SKHCN-TTTT.docx" in answer.headers["content-disposition"]
    text = "\n".join(read_blocks(io.BytesIO(answer.content)))
    assert "516/SKHCN-TTTT" in text and "Tập huấn kỹ năng số" in text
    assert register_dump(desk.office) == before


def test_registering_the_draft_makes_a_bao_cao_draft_that_answers_the_request(desk: Desk) -> None:
    asked = request_and_plan(desk)
    clerk = desk.sign_in("vanthu")
    token = csrf_of(clerk.get("/reports/new").text)
    answer = clerk.post(
        "/reports/new",
        data={"csrf": token, "request": str(asked), "action": "register"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    doc_id = int(answer.headers["location"].rsplit("/", 1)[1])
    draft = desk.office.get(doc_id)
    assert draft.type_key == "BC" and draft.number is None
    assert {e.actor for e in desk.office.history(doc_id)} == {"vanthu"}
    page = clerk.get(f"/documents/{doc_id}").text
    assert "516/SKHCN-TTTT" in page and "Báo cáo (BC)" in page


def test_a_period_that_ends_before_it_starts_is_said_next_to_its_field_and_kept(desk: Desk) -> None:
    asked = request_and_plan(desk)
    clerk = desk.sign_in("vanthu")
    token = csrf_of(clerk.get("/reports/new").text)
    before = register_dump(desk.office)
    answer = clerk.post(
        "/reports/new",
        data={
            "csrf": token,
            "request": str(asked),
            "date_from": "30/11/2025",
            "date_to": "1/11/2025",
            "action": "register",
        },
    )
    assert answer.status_code == 422
    assert 'id="e-date_to"' in answer.text and "sớm hơn ngày bắt đầu" in answer.text
    assert 'value="30/11/2025"' in answer.text and f'value="{asked}" selected' in answer.text
    assert register_dump(desk.office) == before


def test_a_request_not_chosen_or_not_there_is_refused_and_nothing_changes(desk: Desk) -> None:
    request_and_plan(desk)
    clerk = desk.sign_in("vanthu")
    token = csrf_of(clerk.get("/reports/new").text)
    before = register_dump(desk.office)
    for chosen in ("", "../../etc/passwd", "1 OR 1=1", "99999", "9" * 40):
        answer = clerk.post("/reports/new", data={"csrf": token, "request": chosen, "action": "register"})
        assert answer.status_code in (404, 422), (chosen, answer.status_code)
        assert "báo cáo" in answer.text
    assert register_dump(desk.office) == before


def test_the_reader_is_not_offered_the_page_and_is_refused_it(desk: Desk) -> None:
    asked = request_and_plan(desk)
    reader = desk.sign_in("tracuu")
    assert "/reports/new" not in reader.get("/documents?direction=in").text
    assert reader.get("/reports/new").status_code == 403
    token = csrf_of(reader.get("/account").text)
    before = register_dump(desk.office)
    forced = reader.post("/reports/new", data={"csrf": token, "request": str(asked), "action": "register"})
    assert forced.status_code == 403
    assert register_dump(desk.office) == before


def test_registering_without_the_csrf_token_is_refused(desk: Desk) -> None:
    asked = request_and_plan(desk)
    clerk = desk.sign_in("vanthu")
    before = register_dump(desk.office)
    answer = clerk.post("/reports/new", data={"request": str(asked), "action": "register"})
    assert answer.status_code == 403
    assert register_dump(desk.office) == before


def test_an_interim_draft_is_linked_as_a_progress_report_and_leaves_the_plan_open(desk: Desk) -> None:
    asked = request_and_plan(desk)
    clerk = desk.sign_in("vanthu")
    page = clerk.get("/reports/new").text
    assert 'name="kind" value="final" checked' in page and 'value="interim"' in page
    answer = clerk.post(
        "/reports/new",
        data={"csrf": csrf_of(page), "request": str(asked), "action": "register", "kind": "interim"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    doc_id = int(answer.headers["location"].rsplit("/", 1)[1])
    office = desk.office
    kinds = {e.data.get("kind") for e in office.history(doc_id) if e.trigger == "link"}
    assert kinds == {"responds_to", "reports_progress"}
    assert office.get(doc_id).subject.startswith("Tiến độ")
    office.issue(doc_id, signer="chutich")
    (plan,) = [d for d in office.documents() if d.type_key == "KH"]
    assert office.get(plan.id).status != "reported"
