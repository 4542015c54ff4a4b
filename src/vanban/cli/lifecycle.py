"""A document's lifecycle: fire a transition (do), and the transitions open now (actions)."""

from __future__ import annotations

import click

from vanban.cli.app import Context, pass_ctx
from vanban.cli.common import document_data, nfc
from vanban.cli.show import doc_title, shown


@click.command("do")
@click.argument("ref")
@click.argument("trigger")
@click.option("--note", help="Ghi chú vào lịch sử.")
@click.option("--year", type=int, help="Năm, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def do(ctx: Context, ref: str, trigger: str, note: str | None, year: int | None) -> None:
    """Thực hiện một bước trong vòng đời văn bản (submit, sign, issue, start, complete…)."""
    doc = ctx.office.fire(ref, trigger, note=nfc(note), year=year)
    ctx.emit(
        document_data(ctx, doc.id),
        lambda: ctx.console.print(f"{doc_title(doc)}: {shown(ctx.office.status_label(doc))}"),
    )


@click.command()
@click.argument("ref")
@click.option("--year", type=int)
@pass_ctx
def actions(ctx: Context, ref: str, year: int | None) -> None:
    """Các bước người dùng này được làm với văn bản lúc này."""
    allowed = ctx.office.actions(ref, year=year)

    def human() -> None:
        if not allowed:
            ctx.console.print("Không có thao tác nào bạn được làm với văn bản này lúc này.")
        for trigger, label, dest in allowed:
            ctx.console.print(shown(f"{trigger}\t{label} → {dest}"))

    ctx.emit([{"trigger": t, "label": lbl, "to": d} for t, lbl, d in allowed], human)


COMMANDS: tuple[click.Command, ...] = (do, actions)
