"""The registers (sổ văn bản đi, đến): the paged lists, drafting an outgoing document, typed receiving."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.requests import Request

from vanban.domain.model import Role
from vanban.errors import InputError, VanbanError
from vanban.web.app import render, status_of
from vanban.web.pages.forms import back_to, checked_form, date_field, raise_forbidden, signed_in, text

PAGE_SIZE = 50

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request) -> Response:
    actor = signed_in(request)
    return back_to("/status" if actor.has(Role.LANH_DAO) else "/documents?direction=out")


@router.get("/documents")
def document_list(
    request: Request,
    direction: str = "out",
    type: str | None = None,
    status: str | None = None,
    year: str | None = None,
    q: str | None = None,
    page: int = 1,
) -> Response:
    actor = signed_in(request)
    office = actor.office
    direction = "in" if direction == "in" else "out"
    page = max(1, min(page, 10_000))
    filters = {"type": type or "", "status": status or "", "year": year or "", "q": q or ""}
    error: VanbanError | None = None
    docs: list[Any] = []
    try:
        wanted_year = None
        if year:
            if not year.isdigit():
                raise InputError(f"Năm «{year}» không hợp lệ.", hint="Ví dụ: 2025.")
            wanted_year = int(year)
        search = getattr(office, "search", None)
        if q and search is not None:
            hits = search(
                q,
                type_key=type or None,
                status=status or None,
                year=wanted_year,
                direction=direction,
                limit=min(page * PAGE_SIZE + 1, 1000),
            )
            docs = [hit.document for hit in hits]
        else:
            docs = office.documents(
                type_key=type or None,
                status=status or None,
                year=wanted_year,
                direction=direction,
                limit=min(page * PAGE_SIZE + 1, 10_000),
            )
    except VanbanError as exc:
        error = exc
    more = len(docs) > page * PAGE_SIZE
    shown = docs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    rows = [(d, office.status_label(d)) for d in shown]
    context = {
        "actor": actor,
        "direction": direction,
        "rows": rows,
        "filters": filters,
        "page": page,
        "more": more,
        "error": error,
        "can_search": hasattr(office, "search"),
    }
    return render(request, "documents.html", context, status=status_of(error) if error else 200)


@router.get("/documents/new")
def draft_page(request: Request) -> Response:
    actor = signed_in(request)
    if not actor.can_write:
        raise_forbidden(actor, "soạn văn bản")
    return render(request, "draft.html", {"actor": actor, "values": {}, "units": actor.office.units()})


@router.post("/documents/new")
async def draft_submit(request: Request) -> Response:
    actor = signed_in(request)
    form = await checked_form(request, actor)
    errors: dict[str, str] = {}
    values = {k: text(form, k) or "" for k in ("type", "subject", "unit", "deadline", "body")}
    deadline = date_field(form, "deadline", errors)
    if not values["type"]:
        errors["type"] = "Chọn loại văn bản, ví dụ KH (kế hoạch)."
    if not values["subject"]:
        errors["subject"] = "Nhập trích yếu nội dung."
    if not errors:
        try:
            doc = actor.office.draft(
                values["type"],
                subject=values["subject"],
                unit=values["unit"] or None,
                deadline=deadline,
                body=values["body"] or None,
            )
            return back_to(f"/documents/{doc.id}")
        except VanbanError as error:
            if status_of(error) == 403:
                raise
            errors["form"] = error.message + (f" {error.hint}" if error.hint else "")
    context = {"actor": actor, "values": values, "errors": errors, "units": actor.office.units()}
    return render(request, "draft.html", context, status=422)


@router.get("/documents/receive")
def receive_page(request: Request) -> Response:
    actor = signed_in(request)
    if not actor.has(Role.VAN_THU, Role.QUAN_TRI):
        raise_forbidden(actor, "vào sổ văn bản đến")
    return render(request, "receive.html", {"actor": actor, "values": {}, "orgs": actor.office.orgs()})


@router.post("/documents/receive")
async def receive_submit(request: Request) -> Response:
    actor = signed_in(request)
    form = await checked_form(request, actor)
    errors: dict[str, str] = {}
    names = ("code", "sender", "date", "subject", "type", "deadline", "arrived")
    values = {k: text(form, k) or "" for k in names}
    on = date_field(form, "date", errors)
    deadline = date_field(form, "deadline", errors)
    arrived = date_field(form, "arrived", errors)
    for name, message in (
        ("code", "Nhập số, ký hiệu, ví dụ 1234/SKHCN-VP."),
        ("sender", "Nhập cơ quan gửi (mã hoặc tên)."),
        ("date", "Nhập ngày văn bản, ví dụ 29/9/2025."),
        ("subject", "Nhập trích yếu."),
    ):
        if not values[name] and name not in errors:
            errors[name] = message
    if not errors and on is not None:
        try:
            doc = actor.office.receive(
                values["code"],
                sender=values["sender"],
                on=on,
                subject=values["subject"],
                type_key=values["type"] or None,
                deadline=deadline,
                arrived=arrived,
            )
            return back_to(f"/documents/{doc.id}")
        except VanbanError as error:
            if status_of(error) == 403:
                raise
            errors["form"] = error.message + (f" {error.hint}" if error.hint else "")
    context = {"actor": actor, "values": values, "errors": errors, "orgs": actor.office.orgs()}
    return render(request, "receive.html", context, status=422)
