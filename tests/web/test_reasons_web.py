"""The web desk and the REST API recall and replace only with a reason (Nghị định 30, Điều 18):
the page asks for «Lý do» (and, to replace, the replacing document), the API refuses a fire
without its note; each refusal leaves the register as it was."""

from __future__ import annotations

from datetime import date

from webdesk import Desk, csrf_of, register_dump

from vanban import Office

SEP_29 = date(2025, 9, 29)


def _issued(office: Office) -> int:
    return office.register("KH", subject="Kế hoạch chuyển đổi số", on=SEP_29, signer="chutich").id


def test_the_page_asks_a_reason_to_recall_and_the_replacing_document_to_replace(
    office: Office, desk: Desk
) -> None:
    doc_id = _issued(office)
    page = desk.sign_in("vanthu").get(f"/documents/{doc_id}").text
    assert 'id="f-note-recall" name="note"' in page and 'id="f-note-replace" name="note"' in page
    assert 'id="f-by-replace" name="by"' in page and "Lý do" in page
    assert 'id="f-note-submit"' not in page  # a step needing no reason stays one click


def test_the_page_refuses_a_recall_without_a_reason_in_its_form_and_changes_nothing(
    office: Office, desk: Desk
) -> None:
    doc_id = _issued(office)
    clerk = desk.sign_in("vanthu")
    csrf = csrf_of(clerk.get(f"/documents/{doc_id}").text)
    before = register_dump(office)
    for data in (
        {"trigger": "recall"},
        {"trigger": "recall", "note": "  "},
        {"trigger": "replace", "note": "Sai"},
    ):
        answer = clerk.post(f"/documents/{doc_id}/fire", data={"csrf": csrf, **data}, follow_redirects=False)
        assert answer.status_code == 422, data
        if data["trigger"] == "recall":
            assert 'id="e-note-recall"' in answer.text and "Ghi lý do «Thu hồi»" in answer.text
        else:
            assert 'id="e-by-replace"' in answer.text and 'value="Sai"' not in answer.text
            assert ">Sai</textarea>" in answer.text  # what was typed is kept
    assert register_dump(office) == before
    recalled = clerk.post(
        f"/documents/{doc_id}/fire",
        data={"csrf": csrf, "trigger": "recall", "note": "Ban hành sai thẩm quyền"},
        follow_redirects=False,
    )
    assert recalled.status_code == 303
    assert office.get(doc_id).status == "recalled"
    assert [e.note for e in office.history(doc_id) if e.trigger == "recall"] == ["Ban hành sai thẩm quyền"]


def test_the_page_replaces_through_the_replace_use_case_with_the_link(office: Office, desk: Desk) -> None:
    doc_id = _issued(office)
    clerk = desk.sign_in("vanthu")
    csrf = csrf_of(clerk.get(f"/documents/{doc_id}").text)
    before = register_dump(office)
    unknown = clerk.post(
        f"/documents/{doc_id}/fire",
        data={"csrf": csrf, "trigger": "replace", "by": "09/KH-UBND", "note": "Sai chỉ tiêu"},
        follow_redirects=False,
    )
    assert unknown.status_code == 422 and "09/KH-UBND" in unknown.text
    assert register_dump(office) == before
    office.register("KH", subject="Kế hoạch chuyển đổi số (thay thế)", on=SEP_29, signer="chutich")
    replaced = clerk.post(
        f"/documents/{doc_id}/fire",
        data={"csrf": csrf, "trigger": "replace", "by": "02/KH-UBND", "note": "Sai chỉ tiêu"},
        follow_redirects=False,
    )
    assert replaced.status_code == 303
    assert office.get(doc_id).status == "replaced"
    event = [e for e in office.history(doc_id) if e.trigger == "replace"][-1]
    assert event.note == "Sai chỉ tiêu (thay thế bởi 02/KH-UBND)"
    assert any(b.document.code == "01/KH-UBND" for b in office.trace("02/KH-UBND").upstream)


def test_the_rest_api_fires_a_recall_only_with_its_note_and_never_a_replace(
    office: Office, desk: Desk
) -> None:
    doc_id = _issued(office)
    client, headers = desk.browser(), desk.token("vanthu")
    url = f"/api/v1/documents/{doc_id}/fire"
    before = register_dump(office)
    bare = client.post(url, headers=headers, json={"trigger": "recall"})
    assert bare.status_code == 422 and set(bare.json()) == {"error", "hint"}
    assert "«Thu hồi»" in bare.json()["error"] and "note" in bare.json()["hint"]
    generic = client.post(url, headers=headers, json={"trigger": "replace", "note": "Sai chỉ tiêu"})
    assert generic.status_code == 422 and "vanban replace" in generic.json()["hint"]
    assert register_dump(office) == before
    recalled = client.post(url, headers=headers, json={"trigger": "recall", "note": "Sai thẩm quyền"})
    assert recalled.status_code == 200 and recalled.json()["status"] == "recalled"
    assert [e.note for e in office.history(doc_id) if e.trigger == "recall"] == ["Sai thẩm quyền"]


def test_the_rest_api_replaces_with_the_replacing_document_and_its_reason(office: Office, desk: Desk) -> None:
    doc_id = _issued(office)
    new = office.register("KH", subject="Kế hoạch chuyển đổi số (thay thế)", on=SEP_29, signer="chutich")
    client, clerk, reader = desk.browser(), desk.token("vanthu"), desk.token("tracuu")
    url = f"/api/v1/documents/{doc_id}/replace"
    before = register_dump(office)
    # No reason, a replacing document not held, a user who may only read: refused, nothing changed.
    missing = client.post(url, headers=clerk, json={"by": new.code})
    assert missing.status_code == 422 and missing.json().get("field") == "reason"
    unknown = client.post(url, headers=clerk, json={"by": "99/KH-UBND", "reason": "Sai"})
    assert unknown.status_code in (404, 422) and "99/KH-UBND" in unknown.json()["error"]
    refused = client.post(url, headers=reader, json={"by": new.code, "reason": "Sai"})
    assert refused.status_code == 403
    assert register_dump(office) == before
    # The generic step names this endpoint, not only the command line.
    generic = client.post(
        f"/api/v1/documents/{doc_id}/fire",
        headers=clerk,
        json={"trigger": "replace", "note": "x"},
    )
    assert f"/api/v1/documents/{doc_id}/replace" in generic.json()["hint"]
    replaced = client.post(url, headers=clerk, json={"by": new.code, "reason": "Sai chỉ tiêu"})
    assert replaced.status_code == 200 and replaced.json()["status"] == "replaced"
    event = [e for e in office.history(doc_id) if e.trigger == "replace"][-1]
    assert "Sai chỉ tiêu" in (event.note or "") and new.code in (event.note or "")
    assert any(b.document.id == doc_id for b in office.trace(new.id).upstream)
