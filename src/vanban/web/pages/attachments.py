"""A document's files on its page: the upload form (văn thư, or a writer on a draft) and downloads."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.requests import Request

from vanban.errors import VanbanError
from vanban.web.app import render, status_of
from vanban.web.attachments import AttachmentId, attach_form, download, uploaded
from vanban.web.pages.document import document_context
from vanban.web.pages.forms import back_to, signed_in
from vanban.web.security import DocId

router = APIRouter(include_in_schema=False)


@router.get("/documents/{doc_id}/attachments/{attachment_id}")
def attachment_download(request: Request, doc_id: DocId, attachment_id: AttachmentId) -> Response:
    return download(signed_in(request), doc_id, attachment_id)


@router.post("/documents/{doc_id}/attachments")
async def attach(request: Request, doc_id: DocId) -> Response:
    """The upload form of a document's page; a refusal is said next to the field."""
    actor = signed_in(request)
    form = await uploaded(request, actor)
    try:
        attach_form(actor, doc_id, form)
    except VanbanError as error:
        status = status_of(error)
        if status in (403, 404):
            raise
        context = document_context(actor, doc_id)
        context["errors"] = {"file": str(error)}
        return render(request, "document.html", context, status=status)
    finally:
        await form.close()
    return back_to(f"/documents/{doc_id}#h-files")
