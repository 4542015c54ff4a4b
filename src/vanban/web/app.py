"""The application: one function builds the Jinja environment, the routes and the error mapping."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request

from vanban.domain.attachments import megabytes
from vanban.domain.dates import moment, short
from vanban.domain.model import LINK_LABELS, ROLE_LABELS, LinkKind
from vanban.domain.report_draft import format_quantity
from vanban.domain.types import ADMINISTRATIVE_TYPES, ALL_TYPES, type_name
from vanban.errors import (
    AmbiguousError,
    AuthenticationError,
    DuplicateError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    RuleError,
    SchemaError,
    TooManyAttemptsError,
    VanbanError,
)
from vanban.web.invalid import explain
from vanban.web.security import CsrfError, LoginRequired

if TYPE_CHECKING:
    from vanban.office import Office

HERE = Path(__file__).parent

# The one place a VanbanError becomes an HTTP status; the first class that matches wins.
STATUSES: tuple[tuple[type[VanbanError], int], ...] = (
    (CsrfError, 403),
    (TooManyAttemptsError, 429),
    (AuthenticationError, 401),
    (PermissionDeniedError, 403),
    (NotFoundError, 404),
    (AmbiguousError, 400),
    (InputError, 422),
    (DuplicateError, 409),
    (RuleError, 409),
    (SchemaError, 503),
)


def status_of(error: VanbanError) -> int:
    """The HTTP status of a vanban error."""
    for cls, code in STATUSES:
        if isinstance(error, cls):
            return code
    return 400


def problem(error: VanbanError) -> dict[str, str | None]:
    """The API's JSON body of a refusal (api.Problem): "error", "hint", and "field" when the
    error is about one input."""
    body = {"error": error.message, "hint": error.hint}
    if error.field is not None:
        body["field"] = error.field
    return body


def vietnam_time(value: dt.datetime | None) -> str:
    """A stored UTC time as a person in Việt Nam reads it, as the command line shows it."""
    return moment(value) if value is not None else ""


def type_label(key: str | None) -> str:
    """A type as a person reads it: its name, with the key the clerk types ("Kế hoạch (KH)")."""
    return f"{type_name(key)} ({key})" if key else ""


def named(code: str | None, names: Mapping[str, str]) -> str:
    """A unit or person as a person reads it: the name, with the code the clerk types
    ("Văn phòng (VP)"), as types are shown; a code the register does not know, as it is."""
    if not code:
        return ""
    name = names.get(code)
    return f"{name} ({code})" if name and name != code else code


def templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "svg"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates ship inside the package and never change under a running server: no
        # stat() of the template file at every render to see whether it did.
        auto_reload=False,
    )
    env.filters["vntime"] = vietnam_time
    env.filters["vndate"] = short
    env.filters["typename"] = type_name
    env.filters["quantity"] = format_quantity  # 1.250 and 2,5, as the command line and reports print
    env.filters["typelabel"] = type_label
    env.filters["named"] = named
    # The type catalogue as choices: a person picks a name, the form sends the key.
    env.globals["issuable_types"] = [(t.key, type_label(t.key)) for t in ADMINISTRATIVE_TYPES]
    env.globals["all_types"] = [(t.key, type_label(t.key)) for t in ALL_TYPES]
    env.filters["linklabel"] = lambda kind: LINK_LABELS.get(LinkKind(kind), str(kind)) if kind else ""
    env.filters["rolelabel"] = lambda role: ROLE_LABELS.get(role, str(role))
    env.filters["urlpart"] = lambda v: quote(str(v), safe="")
    env.filters["filesize"] = lambda size: megabytes(size or 0)
    return env


def render(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> Response:
    """A page rendered on the server, its text NFC."""
    env: Environment = request.app.state.templates
    html = env.get_template(name).render(request=request, **context)
    return Response(unicodedata.normalize("NFC", html), status_code=status, media_type="text/html")


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def is_htmx(request: Request) -> bool:
    """A request htmx made to swap part of a page (not one restoring a whole page from history)."""
    return "HX-Request" in request.headers and "HX-History-Restore-Request" not in request.headers


# Where a refusal goes when the part of the page that asked cannot show it (base.html).
MESSAGE_REGION = "#thong-bao"


def refusal(request: Request, message: str, hint: str | None, status: int) -> Response:
    """A refused page request: the whole page with the message; to htmx, the message alone, put
    in the page's message region (htmx would otherwise look in it for the section it asked for
    and swap in nothing)."""
    if is_htmx(request):
        answer = render(request, "_refusal.html", {"error": message, "hint": hint}, status=status)
        answer.headers.update(
            {
                "HX-Retarget": MESSAGE_REGION,
                "HX-Reselect": MESSAGE_REGION,
                "HX-Reswap": "outerHTML show:window:top",
                "HX-Push-Url": "false",  # the address stays that of the page still shown
            }
        )
    else:
        context = {"error": message, "hint": hint, "status": status, "actor": None}
        answer = render(request, "error.html", context, status=status)
    answer.headers["Vary"] = "HX-Request"
    return answer


# What the framework itself refuses (no such page, a method the page does not take), in Vietnamese.
HTTP_MESSAGES = {
    404: ("Không có trang này.", "Kiểm tra lại địa chỉ, hoặc về trang đầu."),
    405: ("Trang này không nhận thao tác đó.", "Dùng các nút và biểu mẫu trên trang."),
}


def create_app(db: str | Path | Office, *, trusted_login: str | None = None) -> FastAPI:
    """The web desk and REST API over the register ``db`` (a path, a URL or an open ``Office``).

    ``trusted_login`` is for ``serve --get`` only: the one in-process request acts as that login,
    already proven by the command line, without a session.
    """
    from vanban.office import Office
    from vanban.web import api, attachments, pages

    office = db if isinstance(db, Office) else Office(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if not isinstance(db, Office):
            office.close()

    app = FastAPI(
        lifespan=lifespan,
        title="vanban API",
        version="1",
        description="Sổ đăng ký văn bản theo Nghị định 30/2020/NĐ-CP. "
        "Xác thực: Authorization: Bearer <khóa API>.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.office = office
    app.state.trusted_login = trusted_login
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        # Browsers ask for /favicon.ico whatever the page links: the page's icon, not a 404.
        return FileResponse(
            HERE / "static" / "favicon.svg",
            media_type="image/svg+xml",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    app.include_router(api.router)
    app.include_router(attachments.api_router)
    app.include_router(pages.router)

    @app.exception_handler(VanbanError)
    async def vanban_error(request: Request, error: VanbanError) -> Response:
        if isinstance(error, LoginRequired) and not is_api(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            login = f"/login?next={quote(target, safe='')}"
            if "HX-Request" in request.headers:  # htmx follows a redirect itself: send the whole page
                return Response(status_code=401, headers={"HX-Redirect": login})
            return RedirectResponse(login, status_code=303)
        code = status_of(error)
        headers = {"WWW-Authenticate": "Bearer"} if code == 401 else None
        if is_api(request):
            return JSONResponse(problem(error), status_code=code, headers=headers)
        return refusal(request, error.message, error.hint, code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if is_api(request):
            return await http_exception_handler(request, error)
        message, hint = HTTP_MESSAGES.get(
            error.status_code, ("Không thực hiện được yêu cầu này.", "Tải lại trang rồi thử lại.")
        )
        answer = refusal(request, message, hint, error.status_code)
        answer.headers.update(error.headers or {})
        return answer

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        # FastAPI's own refusals (a parameter or a JSON body of the wrong kind) in Vietnamese:
        # the field, what was given, what is expected.
        if is_api(request):
            message = explain(error.errors(), error.body)
            hint = "Sửa giá trị đó rồi gửi lại; các tham số và trường được mô tả ở /api/docs."
            body: dict[str, str | None] = {"error": message, "hint": hint}
            # The schema's names are the use cases' (api.DraftIn…): one refused input is named.
            # A JSON syntax error's place is a character position, not a field.
            refused = {
                e["loc"][1]
                for e in error.errors()
                if len(e.get("loc", ())) > 1
                and isinstance(e["loc"][1], str)
                and e.get("type") != "json_invalid"
            }
            if len(refused) == 1:
                body["field"] = refused.pop()
            return JSONResponse(body, status_code=422)
        message = explain(error.errors(), error.body, page=True)
        return refusal(request, message, "Kiểm tra lại địa chỉ trang, hoặc về trang đầu.", 422)

    return app


def from_environment() -> FastAPI:
    """The application of $VANBAN_DB, for uvicorn's workers (``vanban serve --workers N``)."""
    import os

    return create_app(os.environ["VANBAN_DB"])
