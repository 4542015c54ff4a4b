"""What every page shares: who is signed in, the checked form, typed fields, where a refusal is
said, redirects, downloads."""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends
from fastapi.responses import FileResponse, RedirectResponse
from starlette.background import BackgroundTask
from starlette.datastructures import FormData
from starlette.requests import Request

from vanban.domain.dates import parse_date
from vanban.errors import InputError, PermissionDeniedError, VanbanError
from vanban.web.security import Actor, LoginRequired, check_csrf, session_actor

if TYPE_CHECKING:
    from vanban.domain.model import Unit
    from vanban.office import Office

CSRF_HEADER = "X-CSRF-Token"


def signed_in(request: Request) -> Actor:
    actor = session_actor(request)
    if actor is None:
        raise LoginRequired("Cần đăng nhập.")
    return actor


async def checked_form(request: Request, actor: Actor) -> FormData:
    """The posted form, refused (403) without the session's CSRF token."""
    form = await request.form()
    # A plain form carries the token as a field; htmx also sends it as a header (base.html).
    check_csrf(form.get("csrf") or request.headers.get(CSRF_HEADER), actor.csrf)
    return form


# A handler that changes something is a plain ``def`` taking these: FastAPI runs it in its thread
# pool, so its Office calls (and a sign-in's Argon2) never hold up the worker's event loop and
# every other request on it, as an ``async def`` calling Office did (bench/bench_web.py: pages
# 5-15x slower under 50 users). The body is read here, async, after the session (and, with the
# role dependencies of admin and upload, the role) is checked; the session is looked up on the
# event loop itself: one indexed read (~0.1 ms) costs less than a hand-off to a thread of its own.


async def signed_in_now(request: Request) -> Actor:
    """``signed_in`` as a dependency, on the event loop."""
    return signed_in(request)


async def posted(request: Request) -> FormData:
    """The posted form, before any session (sign-in, first run: their own CSRF cookie)."""
    return await request.form()


SignedIn = Annotated[Actor, Depends(signed_in_now)]


async def signed_form(request: Request, actor: SignedIn) -> FormData:
    """The posted form of the signed-in user, with the session's CSRF token."""
    return await checked_form(request, actor)


SignedForm = Annotated[FormData, Depends(signed_form)]
Posted = Annotated[FormData, Depends(posted)]


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


def say_refusal(
    errors: dict[str, str],
    error: VanbanError,
    fields: Iterable[str] = (),
    general: str = "form",
    *,
    renamed: Mapping[str, str] | None = None,
) -> None:
    """Put a use case's refusal where the person reads it: next to the input it is about
    (``error.field``) when the page has that input, else in the page's general message
    ``general``. ``fields`` are the names of the page's inputs (the keys of a dict of typed
    values will do); ``renamed`` maps a use case's name to the page's where they differ
    ("date" → "outcome_date": several forms share one page)."""
    name = (renamed or {}).get(error.field, error.field) if error.field is not None else None
    errors[name if name is not None and name in set(fields) else general] = str(error)


def back_to(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def safe_next(value: str | None) -> str:
    """Only a path of this site, never another site, after signing in."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def raise_forbidden(actor: Actor, action: str) -> None:
    """Refuse (403) what the user's roles do not allow, even when a request forces it."""
    raise PermissionDeniedError(f"Người dùng «{actor.login}» không được {action}.")


def download(path: Path, name: str, media: str, folder: tempfile.TemporaryDirectory[str]) -> FileResponse:
    """A file made in ``folder`` for this request, the folder removed once it is sent."""
    return FileResponse(path, media_type=media, filename=name, background=BackgroundTask(folder.cleanup))


def names_by_code(units: Iterable[Unit], people: Mapping[str, str]) -> dict[str, str]:
    """The name of each unit and person (login → full name) by code, for the ``named`` filter;
    a unit wins over a login spelt the same, as assigning does."""
    return {**people, **{u.code: u.name for u in units}}


def names_of(office: Office, codes: Iterable[str | None]) -> dict[str, str]:
    """The names of the units (and, when one of ``codes`` is no unit, the people) a page shows by
    code (names_by_code)."""
    units = office.units()
    names = names_by_code(units, {})
    if any(code and code not in names for code in codes):
        names = names_by_code(units, {u.login: u.full_name for u in office.users()})
    return names
