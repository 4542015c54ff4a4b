"""The pages of the web desk: HTML rendered on the server, every action through ``Office``
acting as the signed-in user. What the user's roles do not allow is not offered, and refused
by the use case (403) if a request forces it."""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.background import BackgroundTask
from starlette.datastructures import FormData
from starlette.requests import Request

from vanban.domain.dates import parse_date, today
from vanban.domain.model import ROLE_LABELS, Direction, Role
from vanban.errors import InputError, VanbanError
from vanban.office import auth
from vanban.office.views import event_label
from vanban.web.app import render, status_of
from vanban.web.charts import bar_chart
from vanban.web.security import (
    PRE_CSRF_COOKIE,
    SESSION_COOKIE,
    Actor,
    DocId,
    LoginRequired,
    base_office,
    check_csrf,
    client_address,
    pre_session_token,
    session_actor,
    set_cookie,
)

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def signed_in(request: Request) -> Actor:
    actor = session_actor(request)
    if actor is None:
        raise LoginRequired("Cần đăng nhập.")
    return actor


async def checked_form(request: Request, actor: Actor) -> FormData:
    """The posted form, refused (403) without the session's CSRF token."""
    form = await request.form()
    check_csrf(form.get("csrf"), actor.csrf)
    return form


def text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    if not isinstance(value, str):
        return None
    value = unicodedata.normalize("NFC", value.strip())
    return value or None


def date_field(form: FormData, name: str, errors: dict[str, str]) -> date | None:
    """A typed date, or None; a date that cannot be read is said next to its field."""
    value = text(form, name)
    if value is None:
        return None
    try:
        return parse_date(value)
    except InputError as error:
        errors[name] = error.message
        return None


def back_to(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def safe_next(value: str | None) -> str:
    """Only a path of this site, never another site, after signing in."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


# ------------------------------------------------------------------ sign in, out, first run


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    office = base_office(request)
    if auth.first_run_open(office):
        return back_to("/first-run")
    response = Response()
    token = pre_session_token(request, response)
    page = render(request, "login.html", {"csrf": token, "next": safe_next(next), "actor": None})
    page.raw_headers.extend(h for h in response.raw_headers if h[0] == b"set-cookie")
    return page


@router.post("/login")
async def login_submit(request: Request) -> Response:
    form = await request.form()
    check_csrf(form.get("csrf"), request.cookies.get(PRE_CSRF_COOKIE) or "\0missing")
    login = text(form, "login") or ""
    password = form.get("password")
    target = safe_next(text(form, "next"))
    try:
        session = auth.sign_in(
            base_office(request),
            login,
            password if isinstance(password, str) else "",
            client_address(request),
            old=request.cookies.get(SESSION_COOKIE),
        )
    except VanbanError as error:
        context = {"csrf": form.get("csrf"), "next": target, "login": login, "actor": None, "error": error}
        return render(request, "login.html", context, status=status_of(error))
    response = back_to(target)
    set_cookie(
        request,
        response,
        SESSION_COOKIE,
        session.session_id,
        max_age=int(auth.SESSION_LIFETIME.total_seconds()),
    )
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    actor = signed_in(request)
    await checked_form(request, actor)
    if actor.session_id:
        auth.sign_out(base_office(request), actor.session_id)
    response = back_to("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/first-run")
def first_run_page(request: Request) -> Response:
    office = base_office(request)
    if not auth.first_run_open(office):
        return back_to("/login")
    response = Response()
    token = pre_session_token(request, response)
    admin = office.me()
    page = render(request, "first_run.html", {"csrf": token, "admin": admin, "actor": None})
    page.raw_headers.extend(h for h in response.raw_headers if h[0] == b"set-cookie")
    return page


@router.post("/first-run")
async def first_run_submit(request: Request) -> Response:
    form = await request.form()
    check_csrf(form.get("csrf"), request.cookies.get(PRE_CSRF_COOKIE) or "\0missing")
    office = base_office(request)
    admin = office.me()
    password, again = form.get("password"), form.get("again")
    context: dict[str, Any] = {"csrf": form.get("csrf"), "admin": admin, "actor": None}
    if not isinstance(password, str) or password != again:
        context["errors"] = {"again": "Hai lần nhập mật khẩu không giống nhau."}
        return render(request, "first_run.html", context, status=422)
    try:
        auth.first_run(office, admin.login, password)
    except VanbanError as error:
        context["errors"] = {"password": error.message}
        return render(request, "first_run.html", context, status=status_of(error))
    return back_to("/login")


@router.get("/account")
def account_page(request: Request) -> Response:
    actor = signed_in(request)
    return render(request, "account.html", {"actor": actor})


@router.post("/account/password")
async def change_password(request: Request) -> Response:
    actor = signed_in(request)
    form = await checked_form(request, actor)
    current, new, again = form.get("current"), form.get("password"), form.get("again")
    errors: dict[str, str] = {}
    if new != again:
        errors["again"] = "Hai lần nhập mật khẩu mới không giống nhau."
    else:
        try:
            auth.verify(
                actor.office,
                actor.login,
                current if isinstance(current, str) else "",
                client_address(request),
            )
        except VanbanError as error:
            errors["current"] = error.message
    if not errors:
        try:
            auth.set_password(actor.office, actor.login, new if isinstance(new, str) else "")
        except VanbanError as error:
            errors["password"] = error.message
    if errors:
        return render(request, "account.html", {"actor": actor, "errors": errors}, status=422)
    # Every session of the user has ended with the new password, this one too: sign in again.
    response = back_to("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# ------------------------------------------------------------------ registers


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


def raise_forbidden(actor: Actor, action: str) -> None:
    from vanban.errors import PermissionDeniedError

    raise PermissionDeniedError(f"Người dùng «{actor.login}» không được {action}.")


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


def document_context(actor: Actor, doc_id: DocId) -> dict[str, Any]:
    office = actor.office
    doc = office.get(doc_id)
    actions = office.actions(doc.id) if not doc.reference_only else []
    wf = office.workflow_of(doc)
    trace = office.trace(doc.id)
    return {
        "actor": actor,
        "doc": doc,
        "status_label": office.status_label(doc),
        "actions": actions,
        "history": [
            (e, event_label(office, doc, e.trigger), wf.label_of(e.to_state) if wf else e.to_state or "")
            for e in office.history(doc.id)
        ],
        "trace": trace,
        "outcomes": office.outcomes(doc.id),
        "assignments": office.assignments(doc.id),
        "attachments": office.attachments(doc.id),
        "units": office.units(),
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


async def document_action(request: Request, doc_id: DocId, act: Any) -> Response:
    """Run one action of a document's page; a refusal is shown on the page, keeping what was typed."""
    actor = signed_in(request)
    form = await checked_form(request, actor)
    errors: dict[str, str] = {}
    try:
        act(actor, form, errors)
    except VanbanError as error:
        if status_of(error) in (403, 404):
            raise
        errors["form"] = error.message + (f" {error.hint}" if error.hint else "")
    if not errors:
        return back_to(f"/documents/{doc_id}")
    context = document_context(actor, doc_id)
    context["errors"] = errors
    context["values"] = {k: v for k, v in form.items() if k != "csrf" and isinstance(v, str)}
    return render(request, "document.html", context, status=422)


@router.post("/documents/{doc_id}/fire")
async def fire(request: Request, doc_id: DocId) -> Response:
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
        else:
            actor.office.fire(doc_id, trigger, note=text(form, "note"))

    return await document_action(request, doc_id, act)


@router.post("/documents/{doc_id}/outcomes")
async def add_outcome(request: Request, doc_id: DocId) -> Response:
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

    return await document_action(request, doc_id, act)


@router.post("/documents/{doc_id}/assign")
async def assign(request: Request, doc_id: DocId) -> Response:
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

    return await document_action(request, doc_id, act)


def _download(path: Path, name: str, media: str, folder: tempfile.TemporaryDirectory[str]) -> FileResponse:
    return FileResponse(path, media_type=media, filename=name, background=BackgroundTask(folder.cleanup))


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
    return _download(out, name, media, folder)


# ------------------------------------------------------------------ leadership view, books


@router.get("/status")
def status_page(
    request: Request, overdue: bool = False, unit: str | None = None, year: str | None = None
) -> Response:
    actor = signed_in(request)
    wanted_year = int(year) if year and year.isdigit() else None
    report = actor.office.status(overdue=overdue, unit=unit or None, year=wanted_year)
    soon = [
        r
        for r in report.items
        if r.deadline and r.overdue_days == 0 and (r.deadline - report.as_of).days <= 7
    ]
    late = [r for r in report.items if r.overdue_days > 0]
    by_unit: dict[str, list[int]] = {}
    for row in report.items:
        key = row.lead or row.document.unit_code or "(chưa giao)"
        counts = by_unit.setdefault(key, [0, 0])
        counts[1 if row.overdue_days > 0 else 0] += 1
    bars = [
        (
            name,
            on_time,
            late_n,
            f"/status?unit={quote(name, safe='')}" if name != "(chưa giao)" else "/status",
        )
        for name, (on_time, late_n) in sorted(by_unit.items())
    ]
    context = {
        "actor": actor,
        "report": report,
        "late": late,
        "soon": soon,
        "chart": bar_chart(bars),
        "reported": [r for r in report.items if r.reported],
        "overdue": overdue,
        "unit": unit or "",
    }
    return render(request, "status.html", context)


@router.get("/books")
def books_page(request: Request) -> Response:
    actor = signed_in(request)
    return render(request, "books.html", {"actor": actor, "year": today().year})


@router.get("/books/{kind}/{year}.{ext}")
def book_download(request: Request, kind: str, year: int, ext: str) -> Response:
    from vanban.office.papers import register_book, write_book

    actor = signed_in(request)
    if kind not in ("out", "in") or ext not in ("docx", "xlsx") or not 1990 <= year <= 2100:
        raise InputError("Không có sổ này.", hint="Sổ đi hoặc đến, năm từ 1990, tệp .docx hoặc .xlsx.")
    book = register_book(actor.office, kind, year)  # type: ignore[arg-type]
    folder = tempfile.TemporaryDirectory(prefix="vanban-web-")
    out = Path(folder.name) / f"so-van-ban-{kind}-{year}.{ext}"
    try:
        write_book(book, out)
    except BaseException:
        folder.cleanup()
        raise
    media = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if ext == "docx"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return _download(out, out.name, media, folder)


# ------------------------------------------------------------------ administration (quản trị)


def admin_context(actor: Actor) -> dict[str, Any]:
    office = actor.office
    return {
        "actor": actor,
        "users": office.users(),
        "units": office.units(),
        "orgs": office.orgs(),
        "roles": [(r.value, ROLE_LABELS[r]) for r in Role],
        "errors": {},
        "values": {},
    }


def admin_only(request: Request) -> Actor:
    actor = signed_in(request)
    if not actor.has(Role.QUAN_TRI):
        raise_forbidden(actor, "quản trị")
    return actor


@router.get("/admin")
def admin_page(request: Request) -> Response:
    return render(request, "admin.html", admin_context(admin_only(request)))


@router.post("/admin/{what}")
async def admin_submit(request: Request, what: str) -> Response:
    actor = admin_only(request)
    form = await checked_form(request, actor)
    errors: dict[str, str] = {}
    office = actor.office
    try:
        if what == "users":
            roles = [r for r in form.getlist("roles") if isinstance(r, str)]
            office.add_user(text(form, "login") or "", name=text(form, "name") or "", roles=roles)
            password = form.get("password")
            if isinstance(password, str) and password:
                auth.set_password(office, text(form, "login") or "", password)
        elif what == "units":
            office.add_unit(text(form, "code") or "", text(form, "name") or "")
        elif what == "orgs":
            office.add_org(text(form, "code") or "", text(form, "name") or "", parent=text(form, "parent"))
        else:
            raise InputError("Không có mục quản trị này.")
    except VanbanError as error:
        if status_of(error) == 403:
            raise
        errors[what] = error.message + (f" {error.hint}" if error.hint else "")
    if not errors:
        return back_to("/admin")
    context = admin_context(actor)
    context["errors"] = errors
    context["values"] = {
        k: v for k, v in form.items() if k not in ("csrf", "password") and isinstance(v, str)
    }
    return render(request, "admin.html", context, status=422)


# ------------------------------------------------------------------ receiving an uploaded .docx

UPLOADS = Path(tempfile.gettempdir()) / "vanban-uploads"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
_SAFE_NAME = re.compile(r"[^\w.\- ]+")
MAX_UPLOAD = 20 * 1024 * 1024


def clerk_only(request: Request) -> Actor:
    actor = signed_in(request)
    if not actor.has(Role.VAN_THU, Role.QUAN_TRI):
        raise_forbidden(actor, "vào sổ văn bản đến")
    return actor


def upload_folder(token: str, actor: Actor) -> Path:
    """The folder of an upload this user made; any other name is refused (no path from a request)."""
    folder = UPLOADS / token
    if not _TOKEN.fullmatch(token) or not (folder / ".owner").is_file():
        raise InputError("Tệp tải lên đã hết hạn.", hint="Tải tệp lên lại.")
    if (folder / ".owner").read_text(encoding="utf-8") != actor.login:
        raise InputError("Tệp tải lên đã hết hạn.", hint="Tải tệp lên lại.")
    return folder


@router.post("/documents/receive/upload")
async def receive_upload(request: Request) -> Response:
    from vanban.office.parsing import parse_file

    actor = clerk_only(request)
    form = await checked_form(request, actor)
    upload = form.get("file")
    context: dict[str, Any] = {"actor": actor, "values": {}, "orgs": actor.office.orgs(), "errors": {}}
    if isinstance(upload, str) or upload is None or not upload.filename:
        context["errors"]["file"] = "Chọn một tệp .docx."
        return render(request, "receive.html", context, status=422)
    name = _SAFE_NAME.sub("_", Path(upload.filename).name)[:120] or "van-ban.docx"
    data = await upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        context["errors"]["file"] = f"Tệp «{name}» lớn hơn 20 MB. Hãy nén ảnh trong văn bản hoặc tách tệp."
        return render(request, "receive.html", context, status=422)
    token = secrets.token_urlsafe(32)
    folder = UPLOADS / token
    folder.mkdir(parents=True, mode=0o700)
    (folder / ".owner").write_text(actor.login, encoding="utf-8")
    path = folder / name
    path.write_bytes(data)
    parsed = parse_file(str(path))
    if parsed.meta is None:
        shutil.rmtree(folder, ignore_errors=True)
        context["errors"]["file"] = (parsed.error or "") + (f" {parsed.hint}" if parsed.hint else "")
        return render(request, "receive.html", context, status=422)
    meta = parsed.meta
    context.update(
        {
            "meta": meta,
            "token": token,
            "name": name,
            "references": [
                (str(r.code) if r.code else (r.title or r.text), r.kind.value) for r in meta.references
            ],
        }
    )
    return render(request, "receive_confirm.html", context)


@router.post("/documents/receive/confirm")
async def receive_confirm(request: Request) -> Response:
    from vanban.office.importing import import_file

    actor = clerk_only(request)
    form = await checked_form(request, actor)
    errors: dict[str, str] = {}
    arrived = date_field(form, "arrived", errors)
    folder = upload_folder(text(form, "token") or "", actor)
    files = [p for p in folder.iterdir() if p.name != ".owner"]
    context: dict[str, Any] = {"actor": actor, "values": {}, "orgs": actor.office.orgs(), "errors": errors}
    if errors or len(files) != 1:
        return render(request, "receive.html", context, status=422)
    result = import_file(actor.office, files[0], arrived=arrived)
    shutil.rmtree(folder, ignore_errors=True)
    if result.document is None:
        errors["file"] = result.reason or "Không vào sổ được."
        return render(request, "receive.html", context, status=409 if result.exit_code == 1 else 422)
    return back_to(f"/documents/{result.document.id}")
