"""Small helpers every command group shares: cleaning typed text and printing a document."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from vanban.cli.app import Context, date_option

F = TypeVar("F", bound=Callable[..., object])

# Every way to issue a document (`issue`, `do REF "ban hành"`) takes these same options.
ISSUE_OPTIONS = ("on", "signer", "title", "authority")


def issue_options(command: F) -> F:
    """The options of issuing: date, signer, title, authority."""
    for option in reversed(
        (
            date_option("--date", "on", help="Ngày ban hành (mặc định hôm nay)."),
            click.option("--signer", help="Họ tên người ký."),
            click.option("--title", help='Chức vụ người ký, ví dụ "Chủ tịch".'),
            click.option("--authority", help="Thẩm quyền ký: TM., KT., Q., TL., TUQ."),
        )
    ):
        command = option(command)
    return command


def nfc(text: str | None) -> str | None:
    """Text as typed, in the NFC form the register keeps (None stays None)."""
    return unicodedata.normalize("NFC", text) if text is not None else None


def read_body(path: str | None) -> str | None:
    """The body of a document from a UTF-8 text file, NFC."""
    if path is None:
        return None
    return unicodedata.normalize("NFC", Path(path).read_text(encoding="utf-8"))


def document_data(ctx: Context, doc_id: int) -> dict[str, object]:
    """The --json shape of one document (design.md)."""
    from vanban.office.views import document_json

    return document_json(ctx.office, ctx.office.get(doc_id))


def emit_document(ctx: Context, doc_id: int, message: str) -> None:
    """The document as JSON with --json, else the one line ``message``."""
    ctx.emit(document_data(ctx, doc_id), lambda: ctx.console.print(message))
