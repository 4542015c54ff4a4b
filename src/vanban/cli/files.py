"""Files kept with documents: vanban attach, vanban attachments, vanban attachment get."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import click

from vanban.cli.app import Context, pass_ctx
from vanban.cli.common import document_data, nfc
from vanban.cli.params import YEAR
from vanban.cli.show import attachment_line, doc_title, shown
from vanban.domain.attachments import megabytes
from vanban.errors import InputError


@click.command()
@click.argument("ref")
@click.argument("files", metavar="TỆP…", nargs=-1, required=True)
@click.option("--name", help="Tên lưu cho tệp (khi đính kèm một tệp), thay cho tên tệp trên máy.")
@click.option("--year", type=YEAR, help="Năm của văn bản, khi cần.")
@pass_ctx
def attach(ctx: Context, ref: str, files: tuple[str, ...], name: str | None, year: int | None) -> None:
    """Đính kèm tệp vào văn bản: bản quét văn bản đã ký (PDF), tệp đính kèm (Word, Excel, ảnh)."""
    from vanban.office.views import attachment_json

    office = ctx.office
    added = office.attach(ref, *files, name=nfc(name), year=year)
    doc = office.get(added[0].document_id)

    def human() -> None:
        ctx.console.print(f"Đã đính kèm vào {doc_title(doc)}:")
        for attachment in added:
            ctx.console.print(f"- {attachment_line(attachment)}")

    ctx.emit(
        {"document": document_data(ctx, doc.id), "attachments": [attachment_json(a) for a in added]}, human
    )


@click.command()
@click.argument("ref")
@click.option("--year", type=YEAR, help="Năm của văn bản, khi cần.")
@pass_ctx
def attachments(ctx: Context, ref: str, year: int | None) -> None:
    """Các tệp đính kèm của văn bản: tên, dung lượng, SHA-256, ai đính kèm, lúc nào."""
    from vanban.office.views import attachment_json

    office = ctx.office
    doc = office.get(ref, year=year)
    held = office.attachments(doc.id)

    def human() -> None:
        if not held:
            ctx.console.print(f"{doc_title(doc)} chưa có tệp đính kèm.")
            return
        ctx.console.print(f"{doc_title(doc)}: {len(held)} tệp")
        for attachment in held:
            ctx.console.print(f"- {attachment_line(attachment)}")

    ctx.emit(
        {"document": document_data(ctx, doc.id), "attachments": [attachment_json(a) for a in held]}, human
    )


@click.group()
def attachment() -> None:
    """Một tệp đính kèm của văn bản."""


def _new_file(out: str) -> Path:
    """Where a file is written: a new file in a folder that exists (never over another file)."""
    target = Path(out).expanduser()
    if target.is_dir():
        raise InputError(
            f"«{target}» là một thư mục.", hint=f"Cho tên tệp mới, ví dụ {target / 'ban-ky.pdf'}."
        )
    if target.exists() or target.is_symlink():
        raise InputError(
            f"Tệp «{target}» đã có; vanban không ghi đè lên một tệp có sẵn.",
            hint="Chọn tên tệp khác, hoặc tự xóa tệp cũ trước.",
        )
    if not target.parent.is_dir():
        raise InputError(
            f"Thư mục «{target.parent}» không có.", hint="Tạo thư mục trước, hoặc chọn một thư mục có sẵn."
        )
    return target


@attachment.command("get")
@click.argument("ref")
@click.argument("name", metavar="TÊN")
@click.option("--out", required=True, metavar="TỆP", help="Tệp mới để ghi nội dung ra.")
@click.option("--year", type=YEAR, help="Năm của văn bản, khi cần.")
@pass_ctx
def get(ctx: Context, ref: str, name: str, out: str, year: int | None) -> None:
    """Lấy tệp đính kèm TÊN của văn bản ra TỆP mới, kiểm tra theo mã SHA-256 đã ghi."""
    from vanban.office.views import attachment_json

    target = _new_file(out)
    # Written beside the target and renamed once whole and checked: a refusal leaves nothing.
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with partial.open("xb") as handle:
            kept = ctx.office.attachment(ref, nfc(name) or name, handle, year=year)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    ctx.emit(
        {"out": str(target), **attachment_json(kept)},
        lambda: ctx.console.print(
            f"Đã ghi «{shown(kept.name)}» vào {shown(target)} "
            f"({megabytes(kept.size or 0)}, khớp SHA-256 {kept.sha256[:12]}…)."
        ),
    )


COMMANDS: tuple[click.Command, ...] = (attach, attachments, attachment)
