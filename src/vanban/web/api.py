"""The REST API under /api/v1: the JSON shapes of ``--json`` (office.views), per-user Bearer
tokens, errors as ``{"error", "hint"}`` (and ``"field"``, the input refused, when the error is
about one) with the status of web.app.STATUSES."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from starlette.requests import Request

from vanban.errors import AuthenticationError, InputError
from vanban.office.views import document_json, event_json, status_json, trace_json
from vanban.web.security import Actor, DocId, check_csrf, session_actor, token_actor


async def api_actor(request: Request) -> Actor:
    """The Bearer token's user; else a browser session (a change then needs X-CSRF-Token).

    On the event loop: one indexed read (~0.1 ms), where a hand-off to a thread of its own, before
    the handler's, cost several ms under load (bench/bench_web.py)."""
    actor = token_actor(request)
    if actor is None:
        actor = session_actor(request, channel="api")
        if actor is None:
            raise AuthenticationError(
                "Cần xác thực.", hint="Gửi tiêu đề Authorization: Bearer <khóa API> (vanban token create)."
            )
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            check_csrf(request.headers.get("x-csrf-token"), actor.csrf)
    return actor


Acting = Annotated[Actor, Depends(api_actor)]
Json = dict[str, Any]

router = APIRouter(prefix="/api/v1", tags=["văn bản"])


class Problem(BaseModel):
    """A refusal: what was wrong, how to put it right, and the input it is about when one."""

    error: str = Field(description="Điều sai, bằng tiếng Việt.")
    hint: str | None = Field(default=None, description="Cách sửa.")
    field: str | None = Field(
        default=None,
        description="Tên tham số bị từ chối (subject, unit, sender, date…), khi lỗi thuộc về một tham số; "
        "vắng mặt khi không.",
    )


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem} for code in (400, 401, 403, 404, 409, 422, 429)
}


class DraftIn(BaseModel):
    type: str = Field(min_length=1, max_length=10, description="Loại văn bản, ví dụ KH, QĐ, CV.")
    subject: str = Field(min_length=1, max_length=2000)
    unit: str | None = Field(default=None, max_length=40)
    deadline: dt.date | None = None
    body: str | None = Field(default=None, max_length=200_000)


class IssueIn(BaseModel):
    date: dt.date | None = None
    signer: str | None = Field(default=None, max_length=120)
    title: str | None = Field(default=None, max_length=120)
    authority: str | None = Field(default=None, max_length=10)


class ReceiveIn(BaseModel):
    code: str = Field(min_length=1, max_length=100, description="Số, ký hiệu, ví dụ 1234/SKHCN-VP.")
    sender: str | None = Field(
        default=None,
        min_length=1,
        max_length=255,
        description="Cơ quan gửi: mã, tên, hoặc phần đầu của tên (không dấu cũng được); "
        "với sender_name: mã của cơ quan mới.",
    )
    sender_name: str | None = Field(
        default=None,
        min_length=1,
        max_length=255,
        description="Tên đầy đủ của cơ quan gửi; chưa có thì được thêm cùng lúc vào sổ.",
    )
    date: dt.date
    subject: str = Field(min_length=1, max_length=2000)
    type: str | None = Field(default=None, max_length=10)
    deadline: dt.date | None = None
    arrived: dt.date | None = None


class FireIn(BaseModel):
    trigger: str = Field(min_length=1, max_length=40)
    note: str | None = Field(default=None, max_length=2000)


class ReplaceIn(BaseModel):
    by: str = Field(
        min_length=1,
        max_length=100,
        description="Văn bản thay thế (đã ban hành, cùng hình thức): số, ký hiệu hoặc #mã, ví dụ 02/KH-UBND.",
    )
    reason: str = Field(min_length=1, max_length=2000, description="Lý do thay thế (Nghị định 30, Điều 18).")


@router.get("/documents", operation_id="list_documents", responses=ERRORS)
def list_documents(
    actor: Acting,
    direction: Literal["out", "in"] | None = None,
    type: Annotated[str | None, Query(max_length=10)] = None,
    status: Annotated[str | None, Query(max_length=40)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Tìm (khi bản vanban có tìm kiếm).")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Json:
    office = actor.office
    search = getattr(office, "search", None)
    if q and search is not None:
        hits = search(q, type_key=type, status=status, year=year, direction=direction, limit=limit)
        docs = [hit.document for hit in hits]
    elif q:
        raise InputError("Bản vanban này chưa có tìm kiếm.", hint="Lọc bằng type, status, year.")
    else:
        docs = office.documents(type_key=type, status=status, year=year, direction=direction, limit=limit)
    return {"count": len(docs), "items": [document_json(office, d) for d in docs]}


@router.get("/documents/{doc_id}", operation_id="get_document", responses=ERRORS)
def get_document(actor: Acting, doc_id: DocId) -> Json:
    return document_json(actor.office, actor.office.get(doc_id))


@router.get("/documents/{doc_id}/history", operation_id="document_history", responses=ERRORS)
def document_history(actor: Acting, doc_id: DocId) -> list[Json]:
    return [event_json(e) for e in actor.office.history(doc_id)]


@router.get("/documents/{doc_id}/trace", operation_id="document_trace", responses=ERRORS)
def document_trace(actor: Acting, doc_id: DocId) -> Json:
    return trace_json(actor.office, actor.office.trace(doc_id))


@router.get("/documents/{doc_id}/actions", operation_id="document_actions", responses=ERRORS)
def document_actions(actor: Acting, doc_id: DocId) -> list[Json]:
    return [{"trigger": t, "label": label, "to": dest} for t, label, dest in actor.office.actions(doc_id)]


@router.post("/documents", status_code=201, operation_id="draft_document", responses=ERRORS)
def draft_document(actor: Acting, given: DraftIn) -> Json:
    doc = actor.office.draft(
        given.type, subject=given.subject, unit=given.unit, deadline=given.deadline, body=given.body
    )
    return document_json(actor.office, doc)


@router.post("/documents/{doc_id}/issue", operation_id="issue_document", responses=ERRORS)
def issue_document(actor: Acting, doc_id: DocId, given: IssueIn) -> Json:
    doc = actor.office.issue(
        doc_id, on=given.date, signer=given.signer, title=given.title, authority=given.authority
    )
    return document_json(actor.office, doc)


@router.post("/documents/{doc_id}/fire", operation_id="fire_transition", responses=ERRORS)
def fire_transition(actor: Acting, doc_id: DocId, given: FireIn) -> Json:
    return document_json(actor.office, actor.office.fire(doc_id, given.trigger, note=given.note))


@router.post("/documents/{doc_id}/replace", operation_id="replace_document", responses=ERRORS)
def replace_document(actor: Acting, doc_id: DocId, given: ReplaceIn) -> Json:
    """Thay thế: the issued document ``by`` takes the place of this one, for ``reason``; the link
    between them is recorded (the generic fire refuses this step)."""
    return document_json(actor.office, actor.office.replace(doc_id, by=given.by, reason=given.reason))


@router.post("/incoming", status_code=201, operation_id="receive_document", responses=ERRORS)
def receive_document(actor: Acting, given: ReceiveIn) -> Json:
    doc = actor.office.receive(
        given.code,
        sender=given.sender,
        sender_name=given.sender_name,
        on=given.date,
        subject=given.subject,
        type_key=given.type,
        deadline=given.deadline,
        arrived=given.arrived,
    )
    return document_json(actor.office, doc)


@router.get("/status", operation_id="status", responses=ERRORS)
def status(
    actor: Acting,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    overdue: bool = False,
    unit: Annotated[str | None, Query(max_length=40)] = None,
) -> Json:
    return status_json(actor.office, actor.office.status(year=year, overdue=overdue, unit=unit))


@router.get("/me", operation_id="me", responses=ERRORS)
def me(actor: Acting) -> Json:
    user = actor.user
    return {"login": user.login, "full_name": user.full_name, "roles": sorted(r.value for r in user.roles)}
