"""A document's page: its record, history, links, trace, outcomes, assignments and downloads."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.datastructures import FormData
from starlette.requests import Request

from vanban.domain.attachments import FILE_KINDS
from vanban.domain.dates import today
from vanban.domain.integrity import is_recorded
from vanban.domain.model import Direction, Document, Role
from vanban.domain.workflow import TransitionSpec
from vanban.errors import VanbanError
from vanban.office.attaching import attachment_limit
from vanban.office.views import event_label
from vanban.web.app import render, status_of
from vanban.web.pages.forms import (
    SignedForm,
    SignedIn,
    back_to,
    date_field,
    download,
    names_by_code,
    say_refusal,
    signed_in,
    text,
)
from vanban.web.security import Actor, DocId

router = APIRouter(include_in_schema=False)


def may_attach(actor: Actor, doc: Document) -> bool:
    """Whether the upload form is offered: văn thư on a recorded document, a writer on a draft
    (the use case decides in the end: the draft's author or the workflow's editors)."""
    if doc.reference_only:
        return False
    if is_recorded(doc.direction.value, doc.number, doc.arrival_number, doc.reference_only):
        return actor.has(Role.VAN_THU)
    return actor.can_write


def document_context(actor: Actor, doc_id: DocId) -> dict[str, Any]:
    office = actor.office
    view = office.document_view(doc_id)  # one transaction: the page shows one moment
    doc, units, assignments, attachments = view.document, view.units, view.assignments, view.attachments
    wf = office.workflow_of(doc)

    def step(trigger: str) -> TransitionSpec | None:
        return wf.transition(doc.status, trigger) if wf is not None and doc.status else None

    return {
        "actor": actor,
        "doc": doc,
        "status_label": office.status_label(doc),
        "actions": view.actions,
        # What each action asks for beyond a click: a reason, or the use case that fires it.
        "needs_reason": {t for t, _, _ in view.actions if (spec := step(t)) is not None and spec.reason},
        "commands": {t: spec.command for t, _, _ in view.actions if (spec := step(t)) and spec.command},
        "history": [
            (e, event_label(office, doc, e.trigger), wf.label_of(e.to_state) if wf else e.to_state or "")
            for e in view.history
        ],
        "trace": view.trace,
        "outcomes": view.outcomes,
        "assignments": assignments,
        "names": names_by_code(units, view.people),
        "attachments": attachments,
        "can_attach": may_attach(actor, doc),
        "attach_limit": attachment_limit(),
        "attach_accept": ",".join(FILE_KINDS),
        "units": units,
        "can_assign": actor.has(Role.LANH_DAO, Role.VAN_THU),
        "renderable": doc.direction is Direction.OUT and not doc.reference_only,
        "today": today(),
        "errors": {},
        "values": {},
    }


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: DocId) -> Response:
    actor = signed_in(request)
    return render(request, "document.html", document_context(actor, doc_id))


class ActionForm(NamedTuple):
    """The form of one action on a document's page: its inputs by the use case's name for them
    (the forms share one page, so some carry a prefix), and whether the page offers it."""

    fields: Mapping[str, str]
    offered: Callable[[dict[str, Any]], bool]


def document_action(
    actor: Actor,
    form: FormData,
    request: Request,
    doc_id: DocId,
    act: Any,
    section: str = "form",
    form_of: ActionForm | None = None,
) -> Response:
    """Run one action of a document's page; a refusal is shown next to the action's input it is
    about (``form_of``: the action's form, when the page offers it), else in the action's
    ``section`` of the page (where htmx swaps it in), keeping what was typed, with its own status:
    422 for a field to correct, 403 for a role that may not, 409 for a conflict (a number taken,
    a record sealed)."""
    errors: dict[str, str] = {}
    status = 422
    refusal: VanbanError | None = None
    try:
        act(actor, form, errors)
    except VanbanError as error:
        status = status_of(error)
        if status == 404:
            actor.office.get(doc_id)  # the document itself missing is the 404 page; else bad input
            status = 422
        refusal = error
    if not errors and refusal is None:
        return back_to(f"/documents/{doc_id}")
    context = document_context(actor, doc_id)
    if refusal is not None:
        # Next to an input only where the page shows this user its form: else no one would read it.
        fields = form_of.fields if form_of is not None and form_of.offered(context) else {}
        say_refusal(errors, refusal, fields.values(), section, renamed=fields)
    context["errors"] = errors
    context["values"] = {k: v for k, v in form.items() if k != "csrf" and isinstance(v, str)}
    return render(request, "document.html", context, status=status)


# The forms of the actions, as document.html offers them.
ISSUE_FORM = ActionForm(
    {"date": "date", "signer": "signer", "title": "title"},
    lambda page: any(trigger == "issue" for trigger, _, _ in page["actions"]),
)
OUTCOME_FORM = ActionForm(
    {"text": "outcome_text", "quantity": "quantity", "date": "outcome_date"},
    lambda page: page["actor"].can_write and not page["doc"].reference_only,
)
ASSIGN_FORM = ActionForm(
    {"lead": "lead", "deadline": "assign_deadline", "note": "assign_note"},
    lambda page: page["can_assign"] and not page["doc"].reference_only,
)


def step_of(actor: Actor, doc_id: DocId, trigger: str) -> TransitionSpec | None:
    """The transition ``trigger`` names from the document's state now, if any (the use case
    refuses the rest with its own message)."""
    doc = actor.office.get(doc_id)
    wf = actor.office.workflow_of(doc)
    return wf.transition(doc.status, trigger) if wf is not None and doc.status else None


@router.post("/documents/{doc_id}/fire")
def fire(request: Request, doc_id: DocId, actor: SignedIn, form: SignedForm) -> Response:
    def act(actor: Actor, form: FormData, errors: dict[str, str]) -> None:
        trigger = text(form, "trigger") or ""
        if trigger == "issue":
            on = date_field(form, "date", errors)
            if not errors:
                actor.office.issue(
                    doc_id,
                    on=on,
                    signer=text(form, "signer"),
                    title=text(form, "title"),
                    note=text(form, "note"),
                )
            return
        spec = step_of(actor, doc_id, trigger)
        note = text(form, "note")
        if spec is not None and spec.reason and not note:
            errors["note"] = f"Ghi lý do «{spec.label}» (Nghị định 30, Điều 18)."
        if spec is not None and spec.command == "replace":
            # The replacing document and the link are recorded by the replace use case, which
            # the generic step refuses (``command`` in the workflow).
            by = text(form, "by")
            if not by:
                errors["by"] = "Nhập số, ký hiệu văn bản thay thế, ví dụ 02/QĐ-UBND."
            if not errors:
                actor.office.replace(doc_id, by=by or "", reason=note or "")
        elif not errors:
            actor.office.fire(doc_id, trigger, note=note)

    return document_action(actor, form, request, doc_id, act, form_of=ISSUE_FORM)


@router.post("/documents/{doc_id}/outcomes")
def add_outcome(request: Request, doc_id: DocId, actor: SignedIn, form: SignedForm) -> Response:
    def act(actor: Actor, form: FormData, errors: dict[str, str]) -> None:
        on = date_field(form, "outcome_date", errors)
        outcome_text = text(form, "outcome_text")
        if not outcome_text:
            errors["outcome_text"] = "Nhập kết quả, ví dụ «Đã tổ chức 3 lớp tập huấn»."
        if not errors:
            actor.office.add_outcome(
                doc_id,
                text=outcome_text or "",
                quantity=text(form, "quantity"),
                unit=text(form, "quantity_unit"),
                on=on,
            )

    return document_action(actor, form, request, doc_id, act, "outcome_form", OUTCOME_FORM)


@router.post("/documents/{doc_id}/assign")
def assign(request: Request, doc_id: DocId, actor: SignedIn, form: SignedForm) -> Response:
    def act(actor: Actor, form: FormData, errors: dict[str, str]) -> None:
        deadline = date_field(form, "assign_deadline", errors)
        lead = text(form, "lead")
        if not lead:
            errors["lead"] = "Chọn đơn vị hoặc người chủ trì."
        support = [s for s in form.getlist("support") if isinstance(s, str) and s and s != lead]
        if not errors:
            actor.office.assign(
                doc_id, lead=lead or "", support=support, deadline=deadline, note=text(form, "assign_note")
            )

    return document_action(actor, form, request, doc_id, act, "assign_form", ASSIGN_FORM)


@router.get("/documents/{doc_id}/docx")
def document_docx(request: Request, doc_id: DocId) -> Response:
    from vanban.office.papers import render_document

    actor = signed_in(request)
    folder = tempfile.TemporaryDirectory(prefix="vanban-web-")
    # The file name is made here from the id, never from what the request says.
    out = Path(folder.name) / f"van-ban-{doc_id}.docx"
    try:
        doc = render_document(actor.office, doc_id, out)
    except BaseException:
        folder.cleanup()
        raise
    name = (doc.code or f"du-thao-{doc.id}").replace("/", "-") + ".docx"
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return download(out, name, media, folder)
