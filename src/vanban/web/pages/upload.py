"""Receiving an uploaded .docx: read it, show what was read for the clerk to confirm, then register it."""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.requests import Request

from vanban.domain.model import Role
from vanban.errors import InputError
from vanban.web.app import render
from vanban.web.pages.forms import back_to, checked_form, date_field, raise_forbidden, signed_in, text
from vanban.web.security import Actor

router = APIRouter(include_in_schema=False)


UPLOADS = Path(tempfile.gettempdir()) / "vanban-uploads"
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
SAFE_NAME = re.compile(r"[^\w.\- ]+")
MAX_UPLOAD = 20 * 1024 * 1024


def clerk_only(request: Request) -> Actor:
    actor = signed_in(request)
    if not actor.has(Role.VAN_THU, Role.QUAN_TRI):
        raise_forbidden(actor, "vào sổ văn bản đến")
    return actor


def upload_folder(token: str, actor: Actor) -> Path:
    """The folder of an upload this user made; any other name is refused (no path from a request)."""
    folder = UPLOADS / token
    if not TOKEN.fullmatch(token) or not (folder / ".owner").is_file():
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
    name = SAFE_NAME.sub("_", Path(upload.filename).name)[:120] or "van-ban.docx"
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
