"""Signing in and out, the first-run page that locks itself, and changing one's own password."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.requests import Request

from vanban.errors import VanbanError
from vanban.office import auth
from vanban.web.app import render, status_of
from vanban.web.pages.forms import Posted, SignedForm, SignedIn, back_to, safe_next, signed_in, text
from vanban.web.security import (
    PRE_CSRF_COOKIE,
    SESSION_COOKIE,
    base_office,
    check_csrf,
    client_address,
    pre_session_token,
    set_cookie,
)

router = APIRouter(include_in_schema=False)


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
def login_submit(request: Request, form: Posted) -> Response:
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
def logout(request: Request, actor: SignedIn, form: SignedForm) -> Response:
    if actor.session_id:
        auth.sign_out(base_office(request), actor.session_id, client_address(request))
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
def first_run_submit(request: Request, form: Posted) -> Response:
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
def change_password(request: Request, actor: SignedIn, form: SignedForm) -> Response:
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
