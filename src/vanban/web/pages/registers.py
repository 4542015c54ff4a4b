"""The registers (sổ văn bản đi, đến): the paged lists, drafting an outgoing document, typed receiving."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.requests import Request

from vanban.domain.dates import parse_date
from vanban.domain.model import Document, Role
from vanban.domain.search import pieces, read_query
from vanban.errors import InputError, VanbanError
from vanban.web.app import is_htmx, render, status_of
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

if TYPE_CHECKING:
    from vanban.office import Office

PAGE_SIZE = 50

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request) -> Response:
    actor = signed_in(request)
    return back_to("/status" if actor.has(Role.LANH_DAO) else "/documents?direction=out")


FILTERS = ("q", "type", "status", "year", "unit", "sender", "date_from", "date_to", "overdue")
# The filters' labels in the form (documents.html), for the results to name the one to correct.
FILTER_LABELS = {
    "q": "Tìm",
    "type": "Loại",
    "status": "Trạng thái",
    "year": "Năm",
    "unit": "Đơn vị soạn thảo",
    "sender": "Nơi gửi",
    "date_from": "Từ ngày",
    "date_to": "Đến ngày",
}
EXPORT_LIMIT = 10_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_filters(request: Request) -> tuple[str, dict[str, str]]:
    """The register asked for and its filters as typed (NFC, trimmed, at most 200 characters
    but the query, kept whole: its refusal names its length and limit as the command line's)."""
    params = request.query_params
    direction = "in" if params.get("direction") == "in" else "out"
    filters = {
        k: unicodedata.normalize("NFC", params.get(k, "").strip())[: None if k == "q" else 200]
        for k in FILTERS
    }
    filters["overdue"] = "1" if filters["overdue"] in ("1", "true", "on") else ""
    return direction, filters


def matching(
    office: Office, direction: str, filters: dict[str, str], limit: int, errors: dict[str, str]
) -> list[Document]:
    """The documents of one register that pass the filters of ``list`` (or a search without
    diacritics when ``q`` is given), at most ``limit``; a filter that cannot be read is said in
    ``errors`` next to its field and nothing is listed."""
    year = None
    if filters["year"]:
        if filters["year"].isdigit() and len(filters["year"]) == 4:
            year = int(filters["year"])
        else:
            errors["year"] = f"Năm «{filters['year']}» không hợp lệ. Ví dụ: 2025."
    day = {}
    for name in ("date_from", "date_to"):
        if filters[name]:
            try:
                day[name] = parse_date(filters[name])
            except InputError as error:
                errors[name] = str(error)
    if filters["status"]:
        filters["status"] = known_status(office, direction, filters["status"], errors)
    if errors:
        return []
    common: dict[str, Any] = {
        "type_key": filters["type"] or None,
        "status": filters["status"] or None,
        "year": year,
        "direction": direction,
        "unit": filters["unit"] or None,
        "sender": filters["sender"] or None,
        "date_from": day.get("date_from"),
        "date_to": day.get("date_to"),
        "overdue": bool(filters["overdue"]),
    }
    try:
        if filters["q"]:
            return [hit.document for hit in office.search(filters["q"], limit=min(limit, 1000), **common)]
        return office.documents(limit=limit, **common)
    except VanbanError as error:
        # A filter the use case refuses (a unit or sender the register does not hold, a type
        # it does not know) is one to correct, said next to its field like the others; a
        # refusal about no filter is the page's.
        if error.field not in FILTERS:
            raise
        say_refusal(errors, error, FILTERS)
        return []


def known_status(office: Office, direction: str, given: str, errors: dict[str, str]) -> str:
    """A status filter as the state's name (one typed as its label, "Đã ban hành", too), the
    one the select then shows chosen; one this register's documents cannot be in is said
    in ``errors`` next to the field, kept as given."""
    states = dict(office.states(direction))
    try:
        name = office.state_name(given)
    except InputError:
        name = None
    if name in states:
        return name
    register = "Sổ văn bản đến" if direction == "in" else "Sổ văn bản đi"
    errors["status"] = (
        f"{register} không có trạng thái «{given}». Chọn một trong: {', '.join(states.values())}."
    )
    return given


def register_title(direction: str, filters: dict[str, str]) -> str:
    title = "Sổ văn bản đến" if direction == "in" else "Sổ văn bản đi"
    return title + (f": tìm «{filters['q']}»" if filters["q"] else "")


def query_string(direction: str, filters: dict[str, str]) -> str:
    """The filters as a link keeps them (empty ones left out), for paging and the export."""
    return urlencode({"direction": direction, **{k: v for k, v in filters.items() if v}})


@router.get("/documents")
def document_list(request: Request) -> Response:
    actor = signed_in(request)
    office = actor.office
    direction, filters = read_filters(request)
    wanted = request.query_params.get("page", "1")
    page = min(int(wanted), 10_000) if wanted.isdigit() and 0 < len(wanted) < 6 and int(wanted) > 0 else 1
    errors: dict[str, str] = {}
    error: VanbanError | None = None
    docs: list[Document] = []
    try:
        docs = matching(office, direction, filters, page * PAGE_SIZE + 1, errors)
    except VanbanError as exc:
        error = exc
    more = len(docs) > page * PAGE_SIZE
    shown = docs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    # A search's results show the words it matched in each subject, as the command line does.
    query = read_query(filters["q"]) if filters["q"] and shown else None
    context = {
        "actor": actor,
        "direction": direction,
        "rows": [
            (d, office.status_label(d), pieces(d.subject, query) if query else [(d.subject, False)])
            for d in shown
        ],
        "filters": filters,
        "filter_labels": FILTER_LABELS,
        "query": query_string(direction, filters),
        "page": page,
        "more": more,
        "error": error,
        "errors": errors,
    }
    status = status_of(error) if error else 422 if errors else 200
    # An htmx request (the filter form typed into) takes only the results; a full page otherwise,
    # also when htmx restores a page from history.
    partial = is_htmx(request)
    if not partial:  # what the filter form offers, read only when the form is sent
        context["units"] = office.units() if direction == "out" else []
        context["orgs"] = office.orgs() if direction == "in" else []
        context["statuses"] = office.states(direction)
    template = "_documents_results.html" if partial else "documents.html"
    shown_page = render(request, template, context, status=status)
    shown_page.headers["Vary"] = "HX-Request"
    if partial:  # the address to share: the filters given, the empty ones left out
        shown_page.headers["HX-Push-Url"] = f"/documents?{context['query']}" + (
            f"&page={page}" if page > 1 else ""
        )
    return shown_page


@router.get("/documents.xlsx")
def document_export(request: Request) -> Response:
    """The register as shown, filters and search included, as an Excel workbook (real dates)."""
    from vanban.office.exporting import documents_listing, write_listing

    actor = signed_in(request)
    direction, filters = read_filters(request)
    errors: dict[str, str] = {}
    docs = matching(actor.office, direction, filters, EXPORT_LIMIT, errors)
    if errors:
        raise InputError(" ".join(errors.values()), hint="Sửa bộ lọc rồi xuất lại.")
    listing = documents_listing(actor.office, register_title(direction, filters), docs)
    folder = tempfile.TemporaryDirectory(prefix="vanban-web-")
    name = f"so-van-ban-{'den' if direction == 'in' else 'di'}.xlsx"
    out = Path(folder.name) / name
    try:
        write_listing(listing, out)
    except BaseException:
        folder.cleanup()
        raise
    return download(out, name, XLSX, folder)


@router.get("/documents/new")
def draft_page(request: Request) -> Response:
    actor = signed_in(request)
    if not actor.can_write:
        raise_forbidden(actor, "soạn văn bản")
    return render(request, "draft.html", {"actor": actor, "values": {}, "units": actor.office.units()})


@router.post("/documents/new")
def draft_submit(request: Request, actor: SignedIn, form: SignedForm) -> Response:
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
            say_refusal(errors, error, values)
    context = {"actor": actor, "values": values, "errors": errors, "units": actor.office.units()}
    return render(request, "draft.html", context, status=422)


@router.get("/documents/receive")
def receive_page(request: Request) -> Response:
    actor = signed_in(request)
    if not actor.has(Role.VAN_THU, Role.QUAN_TRI):
        raise_forbidden(actor, "vào sổ văn bản đến")
    return render(request, "receive.html", {"actor": actor, "values": {}, "orgs": actor.office.orgs()})


@router.post("/documents/receive")
def receive_submit(request: Request, actor: SignedIn, form: SignedForm) -> Response:
    errors: dict[str, str] = {}
    names = ("code", "sender", "sender_name", "date", "subject", "type", "deadline", "arrived")
    values = {k: text(form, k) or "" for k in names}
    on = date_field(form, "date", errors)
    deadline = date_field(form, "deadline", errors)
    arrived = date_field(form, "arrived", errors)
    for name, message in (
        ("code", "Nhập số, ký hiệu, ví dụ 1234/SKHCN-VP."),
        ("sender", "Nhập cơ quan gửi (mã hoặc tên), hoặc tên đầy đủ của cơ quan chưa có."),
        ("date", "Nhập ngày văn bản, ví dụ 29/9/2025."),
        ("subject", "Nhập trích yếu."),
    ):
        if name == "sender" and values["sender_name"]:
            continue  # a sender named in full needs no code
        if not values[name] and name not in errors:
            errors[name] = message
    if not errors and on is not None:
        try:
            doc = actor.office.receive(
                values["code"],
                sender=values["sender"] or None,
                sender_name=values["sender_name"] or None,
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
            say_refusal(errors, error, values)
    context = {"actor": actor, "values": values, "errors": errors, "orgs": actor.office.orgs()}
    return render(request, "receive.html", context, status=422)
