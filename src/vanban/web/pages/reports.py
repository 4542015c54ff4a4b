"""The report draft page: choose the request to answer and the period, download the .docx, or
register it as a BC draft (through ``draft_report``, as the signed-in user)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.requests import Request

from vanban.domain.dates import short
from vanban.domain.model import Document
from vanban.domain.types import fold
from vanban.errors import VanbanError
from vanban.web.app import render, status_of
from vanban.web.pages.forms import (
    SignedForm,
    SignedIn,
    back_to,
    date_field,
    download,
    raise_forbidden,
    say_refusal,
    signed_in,
    text,
)
from vanban.web.security import Actor

router = APIRouter(include_in_schema=False)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REQUESTS_SHOWN = 300


def writer(request: Request) -> Actor:
    """Those who draft (văn thư, chuyên viên, lãnh đạo); the reader is refused (403)."""
    return may_write(signed_in(request))


def may_write(actor: Actor) -> Actor:
    if not actor.can_write:
        raise_forbidden(actor, "soạn dự thảo báo cáo")
    return actor


def request_choices(actor: Actor) -> list[tuple[str, list[tuple[str, str]]]]:
    """The incoming documents to answer, those that ask for a report first, newest first."""
    docs = actor.office.documents(direction="in", limit=REQUESTS_SHOWN)
    docs = sorted(docs, key=lambda d: (d.arrival_date or d.date or date.min, d.id), reverse=True)

    def option(d: Document) -> tuple[str, str]:
        when = short(d.date)
        return str(d.id), f"{d.code or '#' + str(d.id)}{' ngày ' + when if when else ''}: {d.subject}"

    asking = [option(d) for d in docs if "BAO CAO" in fold(d.subject)]
    others = [option(d) for d in docs if "BAO CAO" not in fold(d.subject)]
    groups = [("Văn bản yêu cầu báo cáo", asking), ("Văn bản đến khác", others)]
    return [(label, options) for label, options in groups if options]


def page(
    request: Request, actor: Actor, values: dict[str, str], errors: dict[str, str], status: int
) -> Response:
    context: dict[str, Any] = {
        "actor": actor,
        "values": values,
        "errors": errors,
        "choices": request_choices(actor),
    }
    return render(request, "report.html", context, status=status)


@router.get("/reports/new")
def report_page(request: Request, request_id: str | None = None) -> Response:
    actor = writer(request)
    return page(request, actor, {"request": request_id or ""}, {}, 200)


@router.post("/reports/new")
def report_submit(request: Request, actor: SignedIn, form: SignedForm) -> Response:
    from vanban.office.reporting import draft_report

    may_write(actor)
    errors: dict[str, str] = {}
    values = {k: text(form, k) or "" for k in ("request", "date_from", "date_to", "signer", "kind")}
    register = text(form, "action") == "register"
    # A final report (the default) closes the directives once issued; an interim one does not.
    interim = values["kind"] == "interim"
    start = date_field(form, "date_from", errors)
    end = date_field(form, "date_to", errors)
    chosen = values["request"]
    if not chosen.isdigit() or not 0 < int(chosen) < 2**31:
        errors["request"] = "Chọn văn bản yêu cầu báo cáo cần trả lời."
    if not errors and start and end and end < start:
        errors["date_to"] = f"Ngày kết thúc {short(end)} sớm hơn ngày bắt đầu {short(start)}."
    if errors:
        return page(request, actor, values, errors, 422)
    folder = tempfile.TemporaryDirectory(prefix="vanban-web-")
    # The file name is made here, never from what the request says.
    out = Path(folder.name) / "du-thao-bao-cao.docx"
    try:
        draft = draft_report(
            actor.office,
            int(chosen),
            out=out,
            date_from=start,
            date_to=end,
            register=register,
            signer=values["signer"] or None,
            interim=interim,
        )
    except VanbanError as error:
        folder.cleanup()
        if status_of(error) == 403:
            raise
        say_refusal(errors, error, values, renamed={"responds_to": "request"})
        return page(request, actor, values, errors, status_of(error))
    except BaseException:
        folder.cleanup()
        raise
    if draft.document is not None:
        folder.cleanup()
        return back_to(f"/documents/{draft.document.id}")
    name = f"du-thao-bao-cao-{(draft.request.code or str(draft.request.id)).replace('/', '-')}.docx"
    return download(out, name, DOCX, folder)
