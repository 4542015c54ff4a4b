"""Documents: draft, issue, receive, and looking at them (show, list, history)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from vanban.cli.app import Context, date_option, pass_ctx
from vanban.cli.common import document_data, emit_document, export, issue_options, nfc, out_option, read_body
from vanban.cli.params import DIRECTIONS, LIMIT, YEAR, Words
from vanban.cli.show import doc_title, documents_table, dossier_view, history_table, search_table, shown
from vanban.domain.dates import short
from vanban.domain.model import Direction, parse_secrecy, parse_urgency
from vanban.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])


@click.command()
@click.argument("type_key", metavar="LOẠI", required=False)
@click.option("--subject", help="Trích yếu nội dung.")
@click.option("--unit", help="Đơn vị soạn thảo (bắt buộc với công văn).")
@date_option("--deadline", help="Thời hạn thực hiện.")
@click.option("--urgency", help="Mức độ khẩn: khẩn, thượng khẩn, hỏa tốc.")
@click.option("--secrecy", help="Độ mật: mật, tối mật, tuyệt mật.")
@click.option("--body-file", type=click.Path(exists=True, dir_okay=False), help="Tệp văn bản chứa nội dung.")
@click.option("--to", "recipients", multiple=True, help="Nơi nhận (có thể lặp lại).")
@click.option(
    "--copy-of",
    "copy_of",
    metavar="MÃ",
    help="Bắt đầu từ một văn bản đã có (sao loại, trích yếu, nội dung…).",
)
@click.option("--year", type=YEAR, help="Năm của văn bản --copy-of, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def draft(
    ctx: Context,
    type_key: str | None,
    subject: str | None,
    unit: str | None,
    deadline: date | None,
    urgency: str | None,
    secrecy: str | None,
    body_file: str | None,
    recipients: tuple[str, ...],
    copy_of: str | None,
    year: int | None,
) -> None:
    """Tạo dự thảo văn bản đi (hoặc sao từ văn bản đã có bằng --copy-of); in mã của nó."""
    if copy_of is not None:
        copied = (type_key, deadline, urgency, secrecy, body_file, recipients)
        if any(copied):
            raise InputError(
                "Dự thảo --copy-of lấy loại, mức độ, nội dung và nơi nhận từ văn bản gốc.",
                hint="Chỉ đổi được --subject và --unit khi sao; sửa phần còn lại bằng vanban edit sau đó.",
            )
        doc = ctx.office.draft_copy(copy_of, subject=nfc(subject), unit=unit, year=year)
        emit_document(
            ctx, doc.id, f"Đã tạo dự thảo #{doc.id} từ {shown(copy_of)}: {doc_title(doc)} — {doc.subject}"
        )
        return
    if type_key is None or subject is None:
        raise InputError(
            "Thiếu loại văn bản hoặc trích yếu.",
            hint='Ví dụ: vanban draft KH --subject "Kế hoạch…", hoặc vanban draft --copy-of 90/KH-UBND.',
        )
    doc = ctx.office.draft(
        type_key,
        subject=nfc(subject) or subject,
        unit=unit,
        deadline=deadline,
        urgency=parse_urgency(urgency) if urgency else None,
        secrecy=parse_secrecy(secrecy) if secrecy else None,
        body=read_body(body_file),
        recipients=[nfc(r) or r for r in recipients],
    )
    emit_document(ctx, doc.id, f"Đã tạo dự thảo #{doc.id}: {doc_title(doc)} — {shown(doc.subject)}")


@click.command()
@click.argument("ref")
@click.option("--subject", help="Trích yếu mới.")
@click.option("--unit", help="Đơn vị soạn thảo mới.")
@date_option("--deadline", help="Thời hạn mới.")
@click.option("--no-deadline", is_flag=True, help="Bỏ thời hạn.")
@click.option("--to", "recipients", multiple=True, help="Nơi nhận mới (thay toàn bộ; có thể lặp lại).")
@click.option("--urgency", help="Mức độ khẩn: thường, khẩn, thượng khẩn, hỏa tốc.")
@click.option("--secrecy", help="Độ mật: thường, mật, tối mật, tuyệt mật.")
@click.option("--signer", help="Họ tên người ký.")
@click.option("--title", help='Chức vụ người ký, ví dụ "Chủ tịch".')
@click.option(
    "--body-file", type=click.Path(exists=True, dir_okay=False), help="Tệp văn bản chứa nội dung mới."
)
@click.option("--year", type=YEAR, help="Năm, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def edit(
    ctx: Context,
    ref: str,
    subject: str | None,
    unit: str | None,
    deadline: date | None,
    no_deadline: bool,
    recipients: tuple[str, ...],
    urgency: str | None,
    secrecy: str | None,
    signer: str | None,
    title: str | None,
    body_file: str | None,
    year: int | None,
) -> None:
    """Sửa dự thảo trước khi ban hành: trích yếu, đơn vị, thời hạn, nơi nhận, người ký…
    (lịch sử giữ cả giá trị cũ)."""
    changes: dict[str, Any] = {}
    if subject is not None:
        changes["subject"] = nfc(subject)
    if unit is not None:
        changes["unit"] = unit
    if deadline is not None and no_deadline:
        raise InputError("Không thể vừa đặt --deadline vừa --no-deadline.", hint="Chọn một trong hai.")
    if deadline is not None or no_deadline:
        changes["deadline"] = deadline
    if recipients:
        changes["recipients"] = [nfc(r) or r for r in recipients]
    if urgency is not None:
        changes["urgency"] = urgency
    if secrecy is not None:
        changes["secrecy"] = secrecy
    if signer is not None:
        changes["signer_name"] = nfc(signer)
    if title is not None:
        changes["signer_title"] = nfc(title)
    if body_file is not None:
        changes["body"] = read_body(body_file)
    if not changes:
        raise InputError(
            "Chưa nói sửa gì.",
            hint=f'Ví dụ: vanban edit {shown(ref)} --subject "Kế hoạch …" (xem vanban edit --help).',
        )
    doc = ctx.office.edit(ref, year=year, **changes)
    emit_document(ctx, doc.id, f"Đã sửa {doc_title(doc)}: {', '.join(EDIT_LABELS[k] for k in changes)}.")


EDIT_LABELS = {
    "subject": "trích yếu",
    "unit": "đơn vị soạn thảo",
    "deadline": "thời hạn",
    "recipients": "nơi nhận",
    "urgency": "mức độ khẩn",
    "secrecy": "độ mật",
    "signer_name": "người ký",
    "signer_title": "chức vụ người ký",
    "body": "nội dung",
}


@click.command()
@click.argument("ref")
@issue_options
@click.option("--year", type=YEAR, help="Năm, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def issue(
    ctx: Context,
    ref: str,
    on: date | None,
    signer: str | None,
    title: str | None,
    authority: str | None,
    year: int | None,
) -> None:
    """Cấp số, vào sổ và ban hành văn bản; in số, ký hiệu."""
    doc = ctx.office.issue(ref, on=on, signer=nfc(signer), title=nfc(title), authority=authority, year=year)
    ctx.emit(document_data(ctx, doc.id), lambda: ctx.console.print(shown(doc.code)))


@click.command()
@click.argument("code", metavar="SỐ_KÝ_HIỆU")
@click.option(
    "--from", "sender", help="Cơ quan gửi: mã, tên, hoặc phần đầu của tên (gõ không dấu cũng được)."
)
@click.option(
    "--from-name",
    "sender_name",
    help="Tên đầy đủ của cơ quan gửi; chưa có thì thêm (--from là mã của nó).",
)
@date_option("--date", "on", help="Ngày của văn bản.")
@click.option("--subject", required=True, help="Trích yếu.")
@click.option("--type", "type_key", help="Loại văn bản (mặc định theo ký hiệu).")
@date_option("--deadline", help="Thời hạn giải quyết.")
@date_option("--arrived", help="Ngày đến (mặc định hôm nay).")
@click.option("--urgency", help="Mức độ khẩn.")
@pass_ctx
def receive(
    ctx: Context,
    code: str,
    sender: str | None,
    sender_name: str | None,
    on: date | None,
    subject: str,
    type_key: str | None,
    deadline: date | None,
    arrived: date | None,
    urgency: str | None,
) -> None:
    """Vào sổ văn bản đến; in số đến."""
    if on is None:
        raise InputError("Thiếu ngày của văn bản.", hint="Thêm --date, ví dụ --date 12/11/2025.")
    doc = ctx.office.receive(
        code,
        sender=sender,
        sender_name=nfc(sender_name),
        on=on,
        subject=nfc(subject) or subject,
        type_key=type_key,
        deadline=deadline,
        arrived=arrived,
        urgency=parse_urgency(urgency) if urgency else None,
    )

    def human() -> None:
        ctx.console.print(
            f"Số đến {doc.arrival_number} ngày {short(doc.arrival_date)}: {shown(doc.code)} "
            f"của {shown(doc.issuer_name)}"
        )
        if sender_name is not None or (sender is not None and sender.strip() != doc.issuer_code):
            # Say which organization the name or its beginning was taken for (or added as).
            ctx.console.print(f"Cơ quan gửi: {shown(doc.issuer_code)} — {shown(doc.issuer_name)}")
        if doc.arrived_late_days:
            ctx.console.print(
                f"[red]Văn bản đến sau thời hạn giải quyết {short(doc.deadline)}: "
                f"muộn {doc.arrived_late_days} ngày.[/red]"
            )
        if arrived is None and doc.date is not None and doc.arrival_date and doc.date < doc.arrival_date:
            # The one default that quietly matters: a letter dated days ago taken as arrived today.
            ctx.console.print(
                "[dim]Ngày đến lấy là hôm nay. Văn bản đã đến từ trước thì ghi --arrived NGÀY, "
                "và nhập theo thứ tự ngày đến.[/dim]"
            )

    ctx.emit(document_data(ctx, doc.id), human)


@click.command()
@click.argument("ref")
@click.option("--year", type=YEAR, help="Năm, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def show(ctx: Context, ref: str, year: int | None) -> None:
    """Xem toàn bộ một văn bản: liên kết hai chiều, phân công, kết quả, tệp đính kèm và các
    bước bạn được làm tiếp."""
    from vanban.office.views import dossier_json

    office = ctx.office
    found = office.dossier(ref, year=year)
    ctx.emit(dossier_json(office, found), lambda: dossier_view(ctx.console, office, found, ref))


def _filter_options(command: F) -> F:
    """The filters list and search share."""
    for option in reversed(
        [
            click.option("--type", "type_key", help="Loại văn bản."),
            click.option("--status", help='Trạng thái, ví dụ "Đã ban hành" (không dấu cũng được).'),
            click.option("--year", type=YEAR, help="Năm."),
            click.option(
                "--direction",
                type=Words(DIRECTIONS),
                help="đi: văn bản đi, đến: văn bản đến (viết không dấu cũng được).",
            ),
            click.option("--unit", help="Đơn vị soạn thảo (mã)."),
            date_option("--from", "date_from", help="Từ ngày (ngày của văn bản)."),
            date_option("--to", "date_to", help="Đến ngày (ngày của văn bản)."),
            click.option(
                "--sender",
                help="Cơ quan ban hành hoặc gửi đến, đọc như receive --from: mã, tên, phần đầu tên, #id.",
            ),
            click.option("--signer", help="Người ký: một phần họ tên, không cần dấu."),
            date_option("--deadline-before", help="Hạn giải quyết trước ngày này."),
            click.option("--overdue", is_flag=True, help="Chỉ văn bản đang mở đã quá hạn."),
            click.option("--limit", type=LIMIT, help="Tối đa bao nhiêu dòng."),
            out_option,
        ]
    ):
        command = option(command)
    return command


def _filters(options: dict[str, Any]) -> dict[str, Any]:
    direction = options.pop("direction", None)
    return {**options, "direction": Direction(direction) if direction else None}


@click.command("list")
@_filter_options
@pass_ctx
def list_(ctx: Context, /, out: Path | None, **options: Any) -> None:
    """Danh sách văn bản, lọc theo loại, trạng thái, năm, đơn vị, ngày, cơ quan, người ký, hạn."""
    from vanban.office.views import document_json

    office = ctx.office
    docs = office.documents(**_filters(options))
    if out is not None:
        from vanban.office.exporting import documents_listing

        export(ctx, out, documents_listing(office, "Danh sách văn bản", docs))
        return
    ctx.emit([document_json(office, d) for d in docs], lambda: documents_table(ctx.console, office, docs))


@click.command()
@click.argument("words", metavar="TỪ_KHÓA")
@_filter_options
@pass_ctx
def search(ctx: Context, /, words: str, out: Path | None, **options: Any) -> None:
    """Tìm văn bản theo số, ký hiệu, trích yếu, cơ quan, người ký, nội dung, ghi chú, kết quả.

    Gõ có dấu hay không dấu đều được; mọi từ phải có, từ cuối được tìm như phần đầu của từ.
    Văn bản có số, ký hiệu đúng như từ khóa đứng đầu.
    """
    from vanban.office.views import document_json

    office = ctx.office
    hits = office.search(nfc(words) or words, **_filters(options))
    if out is not None:
        from vanban.office.exporting import search_listing

        export(ctx, out, search_listing(office, f"Kết quả tìm «{words}»", hits))
        return
    data = [
        {**document_json(office, h.document), "exact": h.exact, "matched": [list(s) for s in h.spans]}
        for h in hits
    ]
    ctx.emit(data, lambda: search_table(ctx.console, office, hits))


@click.command()
@click.argument("ref")
@click.option("--year", type=YEAR)
@pass_ctx
def history(ctx: Context, ref: str, year: int | None) -> None:
    """Lịch sử đầy đủ của một văn bản."""
    from vanban.office.views import event_json

    office = ctx.office
    doc = office.get(ref, year=year)
    events = office.history(doc.id)
    ctx.emit([event_json(e) for e in events], lambda: history_table(ctx.console, office, doc, events))


COMMANDS: tuple[click.Command, ...] = (draft, edit, issue, receive, show, list_, search, history)
