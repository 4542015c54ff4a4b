"""Documents in relation: link, assign, outcomes, and what follows from them (trace, status)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from vanban.cli.app import Context, date_option, pass_ctx
from vanban.cli.common import document_data, export, nfc, out_option
from vanban.cli.params import YEAR
from vanban.cli.show import amount, doc_title, shown, status_view, trace_tree
from vanban.domain.dates import short
from vanban.domain.figures import totals
from vanban.domain.links import LINK_LABELS, kinds_help, parse_link_kind
from vanban.domain.model import Outcome


@click.command()
@click.argument("source", metavar="TỪ")
@click.argument("target", metavar="ĐẾN")
@click.option(
    "--kind",
    required=True,
    help=f"Loại liên kết, tên tiếng Việt (có dấu hay không) hoặc mã: {kinds_help()}.",
)
@click.option("--year", type=YEAR, help="Năm của văn bản TỪ, khi cần.")
@pass_ctx
def link(ctx: Context, source: str, target: str, kind: str, year: int | None) -> None:
    """Liên kết hai văn bản (ĐẾN có thể là số ký hiệu chưa có trong sổ)."""
    link_kind = parse_link_kind(kind)
    office = ctx.office
    dst = office.link(source, target, link_kind, year=year)
    src = office.get(source, year=year)
    ctx.emit(
        {"from": document_data(ctx, src.id), "to": document_data(ctx, dst.id), "kind": link_kind.value},
        lambda: ctx.console.print(f"{doc_title(src)} {LINK_LABELS[link_kind]} {doc_title(dst)}."),
    )


@click.command()
@click.argument("ref")
@click.option("--lead", required=True, help="Đơn vị hoặc người chủ trì.")
@click.option("--support", multiple=True, help="Đơn vị phối hợp (có thể lặp lại).")
@date_option("--deadline", help="Thời hạn.")
@click.option("--note", help="Ý kiến chỉ đạo.")
@click.option("--year", type=YEAR)
@pass_ctx
def assign(
    ctx: Context,
    ref: str,
    lead: str,
    support: tuple[str, ...],
    deadline: date | None,
    note: str | None,
    year: int | None,
) -> None:
    """Giao văn bản cho đơn vị hoặc người chủ trì, đơn vị phối hợp, thời hạn."""
    given = ctx.office.assign(
        ref, lead=lead, support=list(support), deadline=deadline, note=nfc(note), year=year
    )
    ctx.emit(
        {"lead": given.lead, "support": list(given.support), "deadline": given.deadline},
        lambda: ctx.console.print(
            f"Đã giao {shown(given.lead)} chủ trì"
            + (f", {shown(', '.join(given.support))} phối hợp" if given.support else "")
            + (f", hạn {short(given.deadline)}" if given.deadline else "")
            + "."
        ),
    )


@click.group()
def outcome() -> None:
    """Kết quả thực hiện."""


@outcome.command("add")
@click.argument("ref")
@click.option("--text", required=True, help="Nội dung kết quả.")
@click.option(
    "--quantity",
    help='Số lượng như trong báo cáo, giữ nguyên cách viết: 150, 1.500, 12,5, "trên 150", "hơn 200", '
    '"khoảng 30", có thể kèm đơn vị: "trên 150 lượt người".',
)
@click.option("--unit", help='Đơn vị tính, ví dụ "lượt người" (hoặc viết luôn trong --quantity).')
@date_option("--date", "on", help="Ngày đạt kết quả.")
@click.option("--reported-in", multiple=True, help="Báo cáo đã báo cáo kết quả này.")
@click.option("--year", type=YEAR, help="Năm của văn bản, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def outcome_add(
    ctx: Context,
    ref: str,
    text: str,
    quantity: str | None,
    unit: str | None,
    on: date | None,
    reported_in: tuple[str, ...],
    year: int | None,
) -> None:
    """Ghi một kết quả do văn bản chỉ đạo (hoặc văn bản thực hiện nó) tạo ra."""

    added = ctx.office.add_outcome(
        ref,
        text=nfc(text) or text,
        quantity=quantity,
        unit=nfc(unit),
        on=on,
        reported_in=list(reported_in),
        year=year,
    )
    ctx.emit(
        _outcome_data(added),
        lambda: ctx.console.print(
            f"Đã ghi kết quả: {shown(added.text)}"
            + (f" — {amount(added)}" if added.quantity is not None else "")
        ),
    )


def _outcome_data(o: Outcome) -> dict[str, object]:
    from vanban.office.views import number

    return {
        "text": o.text,
        "quantity": number(o.quantity),
        "unit": o.unit,
        "bound": o.bound.value if o.quantity is not None else None,
        "figure": o.figure_text or None,
        "date": o.date,
    }


@outcome.command("list")
@click.argument("ref")
@click.option("--year", type=YEAR, help="Năm của văn bản, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def outcome_list(ctx: Context, ref: str, year: int | None) -> None:
    """Các kết quả của một văn bản."""

    found = ctx.office.outcomes(ref, year=year)

    def human() -> None:
        from rich.table import Table

        if not found:
            ctx.console.print("Chưa có kết quả nào.")
            return
        table = Table()
        table.add_column("Ngày", no_wrap=True)
        table.add_column("Kết quả", overflow="fold")
        table.add_column("Số lượng", overflow="fold", justify="right")
        for o in found:
            table.add_row(short(o.date), shown(o.text), amount(o))
        # Figures of one unit add up; "trên" when a part is a lower bound (domain.figures).
        for figure in totals(o.figure for o in found if o.figure is not None):
            table.add_row("", "[bold]Cộng[/bold]", f"[bold]{shown(figure.text)}[/bold]")
        ctx.console.print(table)

    ctx.emit([_outcome_data(o) for o in found], human)


@click.command()
@click.argument("ref")
@click.option("--year", type=YEAR)
@pass_ctx
def trace(ctx: Context, ref: str, year: int | None) -> None:
    """Chuỗi văn bản quanh một văn bản: căn cứ, triển khai, kết quả, báo cáo."""
    from vanban.office.views import trace_json

    office = ctx.office
    found = office.trace(ref, year=year)
    ctx.emit(trace_json(office, found), lambda: trace_tree(ctx.console, office, found))


@click.command()
@click.option("--year", type=YEAR, help="Năm.")
@click.option("--type", "type_key", help="Loại văn bản.")
@click.option("--unit", help="Đơn vị (soạn thảo hoặc chủ trì).")
@click.option("--overdue", is_flag=True, help="Chỉ văn bản quá hạn.")
@date_option("--as-of", help="Sổ như đã có vào cuối ngày này (mặc định hôm nay); hạn tính theo ngày đó.")
@out_option
@pass_ctx
def status(
    ctx: Context,
    year: int | None,
    type_key: str | None,
    unit: str | None,
    overdue: bool,
    as_of: date | None,
    out: Path | None,
) -> None:
    """Tình hình văn bản cho lãnh đạo: đang mở, quá hạn, đã thực hiện, đã báo cáo."""
    from vanban.office.views import status_json

    office = ctx.office
    report = office.status(year=year, type_key=type_key, unit=unit, overdue=overdue, as_of=as_of)
    if out is not None:
        from vanban.office.exporting import status_listing

        export(ctx, out, status_listing(office, report))
        return
    ctx.emit(status_json(office, report), lambda: status_view(ctx.console, office, report))


COMMANDS: tuple[click.Command, ...] = (link, assign, outcome, trace, status)
