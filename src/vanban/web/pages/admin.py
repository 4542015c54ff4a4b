"""Administration for quản trị: users and roles, units, organizations, where a series continues."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData
from starlette.requests import Request

from vanban.domain.dates import check_year, today
from vanban.domain.model import ROLE_LABELS, Role
from vanban.domain.numbering import series_label
from vanban.domain.text import parse_int, safe_text
from vanban.domain.types import ADMINISTRATIVE_TYPES
from vanban.errors import InputError, VanbanError
from vanban.office import auth
from vanban.office.views import ACCESS_LABELS, CHANNEL_LABELS
from vanban.web.app import render, status_of, type_label
from vanban.web.pages.forms import SignedIn, back_to, checked_form, raise_forbidden, text
from vanban.web.security import Actor

router = APIRouter(include_in_schema=False)


def admin_context(actor: Actor) -> dict[str, Any]:
    office = actor.office
    return {
        "actor": actor,
        "users": office.users(),
        "units": office.units(),
        "orgs": office.orgs(),
        "roles": [(r.value, ROLE_LABELS[r]) for r in Role],
        # (label, state): the template names each series as the command line does.
        "series": [(series_label(s.key), s) for s in office.series(today().year)],
        "series_types": [
            ("DEN", "Văn bản đến (số đến)"),
            *[(t.key, type_label(t.key)) for t in ADMINISTRATIVE_TYPES],
        ],
        "year": today().year,
        "errors": {},
        "values": {},
    }


async def admin_only(actor: SignedIn) -> Actor:
    if not actor.has(Role.QUAN_TRI):
        raise_forbidden(actor, "quản trị")
    return actor


AdminActor = Annotated[Actor, Depends(admin_only)]


async def admin_form(request: Request, actor: AdminActor) -> FormData:
    """An administrator's form: the role is checked before the body is read."""
    return await checked_form(request, actor)


AdminForm = Annotated[FormData, Depends(admin_form)]


@router.get("/admin")
def admin_page(request: Request, actor: AdminActor) -> Response:
    return render(request, "admin.html", admin_context(actor))


ACCESS_PAGE = 50


@router.get("/admin/access")
def access_page(request: Request, actor: AdminActor) -> Response:
    """The access log (sign-ins, wrong passwords, sign-outs), newest first, a page at a time,
    of everyone or of one login."""
    params = request.query_params
    wanted = params.get("page", "1")
    page = int(wanted) if wanted.isdigit() and 0 < len(wanted) < 6 and int(wanted) > 0 else 1
    login = unicodedata.normalize("NFC", params.get("login", "").strip())[:64]
    rows = auth.access_log(
        actor.office, login or None, limit=ACCESS_PAGE + 1, offset=(page - 1) * ACCESS_PAGE
    )
    # A failed sign-in keeps the login as typed, by anyone: its controls and bidi marks shown
    # as codes, as the command line does, so that no line can pass for another.
    lines = [
        (
            datetime.fromisoformat(at),
            ACCESS_LABELS.get(what, what),
            what == "sign_in_failed",
            safe_text(who),
            safe_text(address),
            CHANNEL_LABELS.get(channel) or channel,
        )
        for at, what, who, address, channel in rows[:ACCESS_PAGE]
    ]
    context = {
        "actor": actor,
        "lines": lines,
        "login": login,
        "page": page,
        "more": len(rows) > ACCESS_PAGE,
        "query": urlencode({"login": login} if login else {}),
    }
    return render(request, "access.html", context)


@router.post("/admin/{what}")
def admin_submit(request: Request, what: str, actor: AdminActor, form: AdminForm) -> Response:
    errors: dict[str, str] = {}
    office = actor.office
    try:
        if what == "users":
            roles = [r for r in form.getlist("roles") if isinstance(r, str)]
            password = form.get("password")
            if isinstance(password, str) and password:
                try:
                    auth.check_password(password)
                except VanbanError as error:
                    errors["password"] = error.message + (f" {error.hint}" if error.hint else "")
                    raise
            login, name, title = text(form, "login") or "", text(form, "name") or "", text(form, "title")
            office.add_user(login, name=name, roles=roles, title=title)
            if isinstance(password, str) and password:
                auth.set_password(office, text(form, "login") or "", password)
        elif what == "units":
            office.add_unit(text(form, "code") or "", text(form, "name") or "")
        elif what == "series":
            year = check_year(text(form, "series_year") or "")
            number = parse_int(
                text(form, "next_number") or "", "số tiếp theo", low=1, high=10**9, example="Ví dụ: 90."
            )
            office.set_series(text(form, "series_type") or "", year=year, next_number=number)
        elif what == "orgs":
            office.add_org(text(form, "code") or "", text(form, "name") or "", parent=text(form, "parent"))
        else:
            raise InputError("Không có mục quản trị này.")
    except VanbanError as error:
        if status_of(error) == 403:
            raise
        if not errors:
            errors[what] = error.message + (f" {error.hint}" if error.hint else "")
    if not errors:
        return back_to("/admin")
    context = admin_context(actor)
    context["errors"] = errors
    # What was typed goes back into the form it came from only (the forms share field names).
    context["values"] = {
        what: {k: v for k, v in form.items() if k not in ("csrf", "password") and isinstance(v, str)}
    }
    return render(request, "admin.html", context, status=422)
