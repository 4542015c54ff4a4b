"""Attachments through the REST API (upload, list, download), and what the web desk's page shares
with it (web.pages.attachments).

A download is named by the document's id and the attachment's id, both numbers, and found among
that document's own files: no name or path from a request ever reaches a file system. The
content is checked against its SHA-256 as it is read (``Office.attachment``) and sent as a
download under the name it was attached with, never shown inline on the desk's own origin.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import Annotated, Any, BinaryIO
from urllib.parse import quote

from fastapi import APIRouter, Path
from fastapi.responses import Response, StreamingResponse
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from vanban.domain.attachments import CHUNK_BYTES, FILE_KINDS, MAX_NAME_CHARS, Attachment
from vanban.errors import InputError, NotFoundError, VanbanError
from vanban.office.attaching import attachment_limit
from vanban.office.views import attachment_json, document_json
from vanban.web.api import ERRORS, Acting, Json
from vanban.web.security import Actor, DocId, check_csrf

AttachmentId = Annotated[int, Path(ge=1, le=2_147_483_647, description="Số thứ tự (id) của tệp đính kèm.")]
# At most this many files in one upload; a request announcing more bytes than they may hold is
# refused before it is read.
MAX_UPLOAD_FILES = 10


async def uploaded(request: Request, actor: Actor | None) -> FormData:
    """The multipart form of an upload, read only when its announced size fits the limits; with
    ``actor`` (a page's form) its CSRF token is checked."""
    declared = request.headers.get("content-length", "")
    limit = attachment_limit()
    if declared.isdigit() and int(declared) > MAX_UPLOAD_FILES * limit + CHUNK_BYTES:
        raise InputError(
            "Yêu cầu tải lên quá lớn.",
            hint=f"Mỗi lần tối đa {MAX_UPLOAD_FILES} tệp, mỗi tệp tối đa {limit // (1024 * 1024)} MB.",
        )
    form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=10)
    if actor is not None:
        check_csrf(form.get("csrf"), actor.csrf)
    return form


def attach_form(actor: Actor, doc_id: int, form: FormData) -> list[Attachment]:
    """Keep the files of an upload form (``file``, repeated; ``name`` for a single one)."""
    files = [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]
    if not files:
        raise InputError(
            "Chưa chọn tệp nào để đính kèm.", hint="Chọn tệp PDF bản quét, hoặc Word, Excel, ảnh."
        )
    name = form.get("name")
    sources: list[tuple[str, BinaryIO]] = [(f.filename or "", f.file) for f in files]
    return actor.office.attach(doc_id, *sources, name=name if isinstance(name, str) and name else None)


def _disposition(name: str) -> str:
    """A download under the file's own name: an ASCII fallback, and the name itself (RFC 6266)."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def download(actor: Actor, doc_id: int, attachment_id: int) -> Response:
    """A document's file, by its id among that document's files, checked, as a download."""
    office = actor.office
    kept = next((a for a in office.attachments(doc_id) if a.id == attachment_id), None)
    if kept is None:
        raise NotFoundError(
            f"Văn bản #{doc_id} không có tệp đính kèm #{attachment_id}.",
            hint=f"Xem các tệp của văn bản: /api/v1/documents/{doc_id}/attachments",
        )
    # Read whole and checked before the first byte is sent: a changed file is refused, not sent.
    spool = tempfile.SpooledTemporaryFile(max_size=CHUNK_BYTES)  # noqa: SIM115 - closed after sending
    try:
        office.attachment(doc_id, kept.name, spool)  # type: ignore[arg-type]
    except VanbanError:
        spool.close()
        raise
    spool.seek(0)

    def pieces() -> Iterator[bytes]:
        try:
            while piece := spool.read(CHUNK_BYTES):
                yield piece
        finally:
            spool.close()

    headers = {
        "Content-Disposition": _disposition(kept.name),
        "Content-Length": str(kept.size),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
    }
    return StreamingResponse(pieces(), media_type=kept.media_type, headers=headers)


# ------------------------------------------------------------------------------------ the API

api_router = APIRouter(prefix="/api/v1", tags=["tệp đính kèm"])

_FILES: dict[str, Any] = {"schema": {"type": "string", "format": "binary"}}
_UPLOAD = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "maxItems": MAX_UPLOAD_FILES,
                            "description": "Các tệp: PDF (bản quét đã ký), Word, Excel, OpenDocument, ảnh; "
                            "tối đa 20 MB mỗi tệp (VANBAN_ATTACHMENT_MB).",
                        },
                        "name": {
                            "type": "string",
                            "maxLength": MAX_NAME_CHARS,
                            "description": "Tên lưu cho tệp, khi tải lên một tệp.",
                        },
                    },
                }
            }
        },
    }
}


@api_router.get("/documents/{doc_id}/attachments", operation_id="list_attachments", responses=ERRORS)
def list_attachments(actor: Acting, doc_id: DocId) -> Json:
    """Các tệp đính kèm của văn bản (như vanban --json attachments)."""
    office = actor.office
    doc = office.get(doc_id)
    return {
        "document": document_json(office, doc),
        "attachments": [attachment_json(a) for a in office.attachments(doc.id)],
    }


@api_router.post(
    "/documents/{doc_id}/attachments",
    status_code=201,
    operation_id="attach_files",
    responses=ERRORS,
    openapi_extra=_UPLOAD,
)
async def attach_files(request: Request, actor: Acting, doc_id: DocId) -> Json:
    """Đính kèm tệp vào văn bản (multipart/form-data, trường file, có thể lặp lại)."""
    form = await uploaded(request, None)
    try:
        added = attach_form(actor, doc_id, form)
    finally:
        await form.close()
    office = actor.office
    return {
        "document": document_json(office, office.get(doc_id)),
        "attachments": [attachment_json(a) for a in added],
    }


@api_router.get(
    "/documents/{doc_id}/attachments/{attachment_id}",
    operation_id="get_attachment",
    responses={**ERRORS, 200: {"content": {kind.media_type: _FILES for kind in FILE_KINDS.values()}}},
    response_class=Response,
)
def get_attachment(actor: Acting, doc_id: DocId, attachment_id: AttachmentId) -> Response:
    """Tải tệp đính kèm về, đã kiểm tra theo mã SHA-256 ghi khi đính kèm."""
    return download(actor, doc_id, attachment_id)
