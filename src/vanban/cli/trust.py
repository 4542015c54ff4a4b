"""vanban verify and vanban backup: is the register as it was written, and a copy of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from vanban.cli.app import Context, pass_ctx

if TYPE_CHECKING:
    from vanban.office.integrity import Verification


def _counts(report: Verification) -> dict[str, Any]:
    return {
        "intact": True,
        "events": report.events,
        "recorded": report.recorded,
        "offices": [
            {
                "code": chain.office.code,
                "name": chain.office.name,
                "events": chain.events,
                "documents": chain.documents,
                "recorded": chain.recorded,
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
            f"hành/vào sổ khớp bản ghi; mã đầu chuỗi {chain.head_hash[:16]}… (thứ {chain.head_seq})."
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


COMMANDS: tuple[click.Command, ...] = (verify, backup)
