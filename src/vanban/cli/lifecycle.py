"""A document's lifecycle: fire a transition (do), and the transitions open now (actions)."""

from __future__ import annotations

from datetime import date

import click

from vanban.cli.app import Context, pass_ctx
from vanban.cli.common import document_data, issue_options, nfc
from vanban.cli.params import YEAR
from vanban.cli.show import doc_title, shown
from vanban.errors import InputError

# The transition that gives an outgoing document its number and date, as `vanban issue` does.
ISSUE = "issue"


def _trigger(ctx: Context, ref: str, named: str, year: int | None) -> str:
    """The trigger a person names by its label as `actions` shows it ("trình ký", "trinh ky"),
    or by its name in the lifecycle file ("submit", kept for scripts)."""
    office = ctx.office
    wf = office.workflow_of(office.get(ref, year=year))
    return wf.trigger_named(named) if wf is not None else named.strip()


@click.command("do")
@click.argument("ref")
@click.argument("trigger")
@click.option("--note", help="Ghi chú vào lịch sử.")
@click.option("--year", type=YEAR, help="Năm, khi số ký hiệu trùng giữa các năm.")
@issue_options
@pass_ctx
def do(
    ctx: Context,
    ref: str,
    trigger: str,
    note: str | None,
    year: int | None,
    on: date | None,
    signer: str | None,
    title: str | None,
    authority: str | None,
) -> None:
    """Thực hiện một bước trong vòng đời văn bản, gọi theo tên `vanban actions` liệt kê
    (ví dụ "trình ký", "ký", "bắt đầu thực hiện"). Bước "ban hành" nhận các tùy chọn của
    `vanban issue` (--date, --signer, --title, --authority)."""
    named = _trigger(ctx, ref, nfc(trigger) or trigger, year)
    # --title and --authority also go with the step that signs (the office refuses them elsewhere).
    given = [f"--{o}" for o, v in (("date", on), ("signer", signer)) if v]
    if named == ISSUE:
        doc = ctx.office.issue(
            ref, on=on, signer=nfc(signer), title=nfc(title), authority=authority, year=year, note=nfc(note)
        )
    elif given:
        raise InputError(
            f"{', '.join(given)} chỉ dùng khi ban hành, không dùng với bước «{shown(trigger)}».",
            hint=f'Ban hành bằng: vanban do {shown(ref)} "ban hành" {" ".join(given)} …; '
            "hoặc bỏ các tùy chọn đó.",
        )
    else:
        doc = ctx.office.fire(ref, named, note=nfc(note), year=year, title=nfc(title), authority=authority)
    ctx.emit(
        document_data(ctx, doc.id),
        lambda: ctx.console.print(f"{doc_title(doc)}: {shown(ctx.office.status_label(doc))}"),
    )


@click.command()
@click.argument("ref")
@click.option("--year", type=YEAR)
@pass_ctx
def actions(ctx: Context, ref: str, year: int | None) -> None:
    """Các bước người dùng này được làm với văn bản lúc này."""
    allowed = ctx.office.actions(ref, year=year)

    def human() -> None:
        from rich.table import Table

        if not allowed:
            ctx.console.print("Không có thao tác nào bạn được làm với văn bản này lúc này.")
            return
        table = Table(box=None, pad_edge=False)
        table.add_column("Thao tác", style="bold", overflow="fold")
        table.add_column("Sang trạng thái", overflow="fold")
        for _trigger_name, label, dest in allowed:
            table.add_row(shown(label), shown(dest))
        ctx.console.print(table)
        ctx.console.print(f'Thực hiện: vanban do {shown(ref)} "{shown(allowed[0][1].lower())}"')

    ctx.emit([{"trigger": t, "label": lbl, "to": d} for t, lbl, d in allowed], human)


COMMANDS: tuple[click.Command, ...] = (do, actions)
