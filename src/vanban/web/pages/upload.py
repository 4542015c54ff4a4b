"""Receiving an uploaded .docx: read it, show what was read for the clerk to confirm, then register it."""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData
from starlette.requests import Request

from vanban.domain.dates import short
from vanban.domain.model import Role
from vanban.domain.reading import DocumentMeta
from vanban.errors import InputError
from vanban.web.app import render
from vanban.web.pages.forms import SignedIn, back_to, checked_form, date_field, raise_forbidden, text
from vanban.web.security import Actor

router = APIRouter(include_in_schema=False)


UPLOADS = Path(tempfile.gettempdir()) / "vanban-uploads"
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
SAFE_NAME = re.compile(r"[^\w.\- ]+")
MAX_UPLOAD = 20 * 1024 * 1024


async def clerk_only(actor: SignedIn) -> Actor:
    if not actor.has(Role.VAN_THU, Role.QUAN_TRI):
        raise_forbidden(actor, "vào sổ văn bản đến")
    return actor


ClerkActor = Annotated[Actor, Depends(clerk_only)]


async def clerk_form(request: Request, actor: ClerkActor) -> FormData:
    """A receiving clerk's form: the role is checked before an upload is read."""
    return await checked_form(request, actor)


ClerkForm = Annotated[FormData, Depends(clerk_form)]


def upload_folder(token: str, actor: Actor) -> Path:
    """The folder of an upload this user made; any other name is refused (no path from a request)."""
    folder = UPLOADS / token
    if not TOKEN.fullmatch(token) or not (folder / ".owner").is_file():
        raise InputError("Tệp tải lên đã hết hạn.", hint="Tải tệp lên lại.")
    if (folder / ".owner").read_text(encoding="utf-8") != actor.login:
        raise InputError("Tệp tải lên đã hết hạn.", hint="Tải tệp lên lại.")
    return folder


@router.post("/documents/receive/upload")
def receive_upload(request: Request, actor: ClerkActor, form: ClerkForm) -> Response:
    from vanban.office.parsing import parse_file

    upload = form.get("file")
    context: dict[str, Any] = {"actor": actor, "values": {}, "orgs": actor.office.orgs(), "errors": {}}
    if isinstance(upload, str) or upload is None or not upload.filename:
        context["errors"]["file"] = "Chọn một tệp .docx."
        return render(request, "receive.html", context, status=422)
    name = SAFE_NAME.sub("_", Path(upload.filename).name)[:120] or "van-ban.docx"
    data = upload.file.read(MAX_UPLOAD + 1)
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
    values = {
        "code": meta.code or "",
        "date": short(meta.date),
        "sender": meta.issuer or "",
        "subject": meta.subject or "",
        "type": meta.type_key or "",
    }
    return render(request, "receive_confirm.html", confirm_context(actor, token, name, meta, values, {}))


def confirm_context(
    actor: Actor, token: str, name: str, meta: DocumentMeta, values: dict[str, str], errors: dict[str, str]
) -> dict[str, Any]:
    """What was read, as fields the clerk may correct, and the cited documents as links to keep."""
    chosen = values.get("refs")
    return {
        "actor": actor,
        "meta": meta,
        "token": token,
        "name": name,
        "values": values,
        "errors": errors,
        "references": [
            (
                str(i),
                str(r.code) if r.code else (r.title or r.text),
                r.kind.value,
                chosen is None or str(i) in chosen.split(","),
            )
            for i, r in enumerate(meta.references)
        ],
    }


@router.post("/documents/receive/confirm")
def receive_confirm(request: Request, actor: ClerkActor, form: ClerkForm) -> Response:
    """Register the upload as read, with what the clerk corrected and only the links kept ticked."""
    from vanban.office.importing import import_parsed
    from vanban.office.parsing import ParsedFile, parse_file

    errors: dict[str, str] = {}
    token = text(form, "token") or ""
    folder = upload_folder(token, actor)
    files = [p for p in folder.iterdir() if p.name != ".owner"]
    if len(files) != 1:
        raise InputError("Tệp tải lên đã hết hạn.", hint="Tải tệp lên lại.")
    parsed = parse_file(str(files[0]))
    if parsed.meta is None:
        raise InputError("Tệp tải lên đã hết hạn.", hint="Tải tệp lên lại.")
    meta = parsed.meta
    arrived = date_field(form, "arrived", errors)
    on = date_field(form, "date", errors)
    fields = ("code", "date", "sender", "subject", "type", "arrived")
    values = {k: text(form, k) or "" for k in fields if text(form, k) is not None}
    for name, message in (
        ("code", "Nhập số, ký hiệu, ví dụ 1234/SKHCN-VP."),
        ("date", "Nhập ngày văn bản, ví dụ 29/9/2025."),
        ("subject", "Nhập trích yếu."),
    ):
        if name in form and not text(form, name) and name not in errors:
            errors[name] = message
    # The page sends "reviewed" with its checkboxes: only the links left ticked are made.
    reviewed = "reviewed" in form
    kept = {v for v in form.getlist("ref") if isinstance(v, str)}
    if not reviewed:
        kept = {str(i) for i in range(len(meta.references))}
    references = [r for i, r in enumerate(meta.references) if str(i) in kept]
    values["refs"] = ",".join(sorted(kept))
    if errors:
        context = confirm_context(actor, token, files[0].name, meta, values, errors)
        return render(request, "receive_confirm.html", context, status=422)
    corrected = replace(
        meta,
        code=values.get("code") or meta.code,
        date=on or meta.date,
        issuer=values.get("sender") or meta.issuer,
        subject=values.get("subject") or meta.subject,
        type_key=values.get("type") or meta.type_key,
        references=references,
    )
    result = import_parsed(actor.office, ParsedFile(parsed.path, corrected, parsed.sha256), arrived=arrived)
    if result.document is None:
        errors["form"] = (result.reason or "Không vào sổ được.") + (f" {result.hint}" if result.hint else "")
        context = confirm_context(actor, token, files[0].name, meta, values, errors)
        return render(request, "receive_confirm.html", context, status=409 if result.exit_code == 1 else 422)
    shutil.rmtree(folder, ignore_errors=True)
    return back_to(f"/documents/{result.document.id}")
