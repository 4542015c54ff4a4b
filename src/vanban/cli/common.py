"""Small helpers every command group shares: cleaning typed text and printing a document."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from vanban.cli.app import Context, date_option
from vanban.errors import InputError

if TYPE_CHECKING:
    from vanban.domain.listing import Listing

F = TypeVar("F", bound=Callable[..., object])

# Every way to issue a document (`issue`, `do REF "ban hành"`) takes these same options.
ISSUE_OPTIONS = ("on", "signer", "title", "authority")


def issue_options(command: F) -> F:
    """The options of issuing: date, signer, title, authority."""
    for option in reversed(
        (
            date_option("--date", "on", help="Ngày ban hành (mặc định hôm nay)."),
            click.option(
                "--signer",
                help="Người ký: họ tên, hoặc tên đăng nhập của một lãnh đạo (chutich: lấy họ tên đã ghi).",
            ),
            click.option("--title", help='Chức vụ người ký, ví dụ "Chủ tịch".'),
            click.option("--authority", help="Thẩm quyền ký: TM., KT., Q., TL., TUQ."),
        )
    ):
        command = option(command)
    return command


def nfc(text: str | None) -> str | None:
    """Text as typed, in the NFC form the register keeps (None stays None)."""
    return unicodedata.normalize("NFC", text) if text is not None else None


# A body longer than this cannot be kept (domain.text.BODY): read no more of a file than that.
_BODY_FILE_LIMIT = 1 << 20


def read_body(path: str | None) -> str | None:
    """The body of a document from a UTF-8 text file, NFC; a binary or huge file refused."""
    if path is None:
        return None
    with Path(path).open("rb") as handle:
        raw = handle.read(_BODY_FILE_LIMIT + 1)
    if len(raw) > _BODY_FILE_LIMIT:
        raise InputError(
            f"Tệp «{path}» quá lớn cho nội dung văn bản.", hint="Nội dung tối đa khoảng 65.000 byte."
        )
    return unicodedata.normalize("NFC", utf8_text(raw, f"Tệp «{path}»"))


def utf8_text(raw: bytes, what: str) -> str:
    """Bytes as UTF-8 text; anything else refused with where it stops being text."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{what} không phải văn bản UTF-8 (byte lạ ở vị trí {exc.start + 1}).",
            hint="Lưu tệp dưới dạng văn bản UTF-8 (.txt), hoặc dùng tệp .docx.",
        ) from exc


def document_data(ctx: Context, doc_id: int) -> dict[str, object]:
    """The --json shape of one document (design.md)."""
    from vanban.office.views import document_json

    return document_json(ctx.office, ctx.office.get(doc_id))


def emit_document(ctx: Context, doc_id: int, message: str) -> None:
    """The document as JSON with --json, else the one line ``message``."""
    ctx.emit(document_data(ctx, doc_id), lambda: ctx.console.print(message))


def _out_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """--out checked before any work: a file kind vanban writes, in a folder that exists."""
    if value is None:
        return None
    from vanban.office.exporting import check_out

    return check_out(value)


out_option = click.option(
    "--out",
    callback=_out_path,
    metavar="TỆP",
    help="Ghi ra tệp .xlsx (ô ngày thật, dd/mm/yyyy), .csv hoặc .docx thay vì in ra màn hình.",
)


def export(ctx: Context, out: Path, listing: Listing) -> None:
    """Write ``listing`` to ``out`` and say so (with --json: {"out", "rows"})."""
    from vanban.office.exporting import write_listing

    write_listing(listing, out)
    ctx.emit(
        {"out": str(out), "rows": len(listing.rows)},
        lambda: ctx.console.print(f"Đã ghi {len(listing.rows)} dòng vào {out}."),
    )
