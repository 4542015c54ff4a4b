"""vanban verify and vanban backup: is the register as it was written, and a copy of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from vanban.cli.app import Context, pass_ctx
from vanban.cli.common import emit_document, nfc

if TYPE_CHECKING:
    from vanban.office.integrity import Verification


def _counts(report: Verification) -> dict[str, Any]:
    return {
        "intact": True,
        "events": report.events,
        "recorded": report.recorded,
        "attachments": report.attachments,
        "offices": [
            {
                "code": chain.office.code,
                "name": chain.office.name,
                "events": chain.events,
                "documents": chain.documents,
                "recorded": chain.recorded,
                "attachments": chain.attachments,
                "head_seq": chain.head_seq,
                "head_hash": chain.head_hash,
            }
            for chain in report.offices
        ],
    }


def _say_counts(ctx: Context, report: Verification, opening: str) -> None:
    ctx.say(opening)
    for chain in report.offices:
        ctx.say(
            f"  {chain.office.name}: {chain.events} sự kiện trong chuỗi, {chain.recorded} văn bản đã ban "
            f"hành/vào sổ khớp bản ghi, {chain.attachments} tệp đính kèm khớp mã SHA-256; "
            f"mã đầu chuỗi {chain.head_hash[:16]}… (thứ {chain.head_seq})."
        )


@click.command()
@pass_ctx
def verify(ctx: Context) -> None:
    """Kiểm tra chuỗi lịch sử và bản ghi các văn bản đã ban hành/vào sổ (thoát 1 nếu bị sửa)."""
    report = ctx.office.verify()
    ctx.emit(_counts(report), lambda: _say_counts(ctx, report, "Sổ đăng ký nguyên vẹn."))


@click.command()
@click.argument("target", metavar="TỆP")
@pass_ctx
def backup(ctx: Context, target: str) -> None:
    """Sao lưu sổ SQLite vào TỆP mới trong khi mọi người vẫn làm việc, rồi kiểm tra bản sao."""
    report = ctx.office.backup(target)
    ctx.emit(
        {"backup": target, **_counts(report)},
        lambda: _say_counts(ctx, report, f"Đã sao lưu vào {target}; bản sao kiểm tra nguyên vẹn."),
    )


@click.command()
@click.argument("ref")
@click.option("--reason", required=True, help="Lý do thu hồi.")
@click.option("--year", type=int, help="Năm, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def recall(ctx: Context, ref: str, reason: str, year: int | None) -> None:
    """Thu hồi văn bản đã ban hành (Nghị định 30, Điều 18): văn bản hết hiệu lực, bản ghi giữ nguyên."""
    doc = ctx.office.recall(ref, reason=nfc(reason) or "", year=year)
    emit_document(ctx, doc.id, f"Đã thu hồi {doc.label}.")


@click.command()
@click.argument("ref")
@click.option("--by", "by", required=True, help="Văn bản đã ban hành thay thế nó (số, ký hiệu hoặc #mã).")
@click.option("--reason", required=True, help="Lý do thay thế.")
@click.option("--year", type=int, help="Năm, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def replace(ctx: Context, ref: str, by: str, reason: str, year: int | None) -> None:
    """Thay thế văn bản đã ban hành bằng một văn bản cùng hình thức đã ban hành."""
    doc = ctx.office.replace(ref, by=by, reason=nfc(reason) or "", year=year)
    emit_document(ctx, doc.id, f"{doc.label} đã bị thay thế bởi {by}.")


@click.command()
@click.argument("ref")
@click.option("--reason", required=True, help="Nội dung đính chính (sai ở đâu, sửa thế nào).")
@click.option("--unit", required=True, help="Đơn vị soạn công văn đính chính.")
@click.option("--subject", help="Trích yếu của công văn (mặc định: Đính chính <số, ký hiệu>).")
@click.option("--year", type=int, help="Năm, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def correct(ctx: Context, ref: str, reason: str, unit: str, subject: str | None, year: int | None) -> None:
    """Đính chính văn bản đã ban hành: soạn công văn đính chính, ghi lý do vào lịch sử văn bản."""
    draft = ctx.office.correct(ref, reason=nfc(reason) or "", unit=unit, subject=nfc(subject), year=year)
    emit_document(ctx, draft.id, f"Đã soạn công văn đính chính #{draft.id} cho {ref}; trình ký rồi ban hành.")


COMMANDS: tuple[click.Command, ...] = (verify, backup, recall, replace, correct)
