"""The pages of the web desk: HTML rendered on the server, every action through ``Office``
acting as the signed-in user. What the user's roles do not allow is not offered, and refused
by the use case (403) if a request forces it.

One module per page group; ``router`` gathers them in the order their paths must be matched
(``/documents/new`` and ``/documents/receive`` before ``/documents/{doc_id}``)."""

from __future__ import annotations

from fastapi import APIRouter

from vanban.web.pages import account, admin, attachments, document, leadership, registers, reports, upload

router = APIRouter(include_in_schema=False)
for group in (account, registers, document, attachments, leadership, reports, admin, upload):
    router.include_router(group.router)
