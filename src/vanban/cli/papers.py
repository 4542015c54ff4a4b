"""Paper in and out: render, refs, book, import, import-book, report-draft."""

from __future__ import annotations

import sys
import unicodedata
from datetime import date
from pathlib import Path

import click

from vanban.cli.app import Context, date_option, json_text, pass_ctx
from vanban.cli.common import nfc
from vanban.cli.params import DIRECTIONS, JOBS, YEAR, Words
from vanban.cli.show import shown
from vanban.domain.dates import short
from vanban.domain.numbering import series_label

# The register books: đi, đến, and the book following how incoming documents are handled.
BOOKS = {
    **DIRECTIONS,
    "handling": ("giải-quyết", "handling"),
}


@click.command()
@click.argument("ref")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Tệp .docx sẽ ghi.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False), help="Mẫu .docx của cơ quan.")
@click.option("--year", type=YEAR)
@pass_ctx
def render(ctx: Context, ref: str, out: str, template: str | None, year: int | None) -> None:
    """In một văn bản đi ra tệp Word theo thể thức Nghị định 30."""
    from vanban.office.papers import render_document

    doc = render_document(
        ctx.office, ref, Path(out), template=Path(template) if template else None, year=year
    )
    ctx.emit(
        {"document": doc.id, "code": doc.code, "out": out}, lambda: ctx.console.print(f"Đã ghi {shown(out)}.")
    )


@click.command()
@click.argument("source", metavar="TỆP|-")
@click.option("--type", "type_key", help="Loại của văn bản đang đọc (ví dụ BC), để đoán đúng loại liên kết.")
@pass_ctx
def refs(ctx: Context, source: str, type_key: str | None) -> None:
    """Liệt kê các văn bản được dẫn chiếu trong một tệp .docx, hoặc trong chữ đọc từ đầu vào (-)."""
    from vanban.domain.links import LINK_LABELS
    from vanban.domain.types import get_type, type_name
    from vanban.office.papers import read_text, references_in

    if source == "-":
        from vanban.cli.common import utf8_text

        text = utf8_text(sys.stdin.buffer.read(), "Văn bản trên stdin")
    else:
        text = read_text(Path(source))
    found = references_in(
        unicodedata.normalize("NFC", text), document_type=get_type(type_key).key if type_key else None
    )
    data = [r.to_json() for r in found]
    if ctx.as_json:
        click.echo(json_text(data))
        return
    from rich.table import Table

    table = Table(title=f"{len(found)} văn bản được dẫn chiếu", title_justify="left")
    for col in ("Số, ký hiệu", "Loại", "Ngày", "Cơ quan", "Liên kết", "Đoạn văn"):
        table.add_column(col, overflow="fold")
    for r in found:
        table.add_row(
            shown(r.code or r.title),  # an act cited by name and date has no code
            type_name(r.type_key) if r.type_key else "",
            short(r.date),
            shown(r.issuer),
            LINK_LABELS[r.kind],
            shown(r.text),
        )
    ctx.console.print(table)


@click.command()
@click.argument("kind", type=Words(BOOKS))
@click.option("--year", type=YEAR, required=True, help="Năm của sổ.")
@date_option("--from", "start", help="Từ ngày.")
@date_option("--to", "end", help="Đến ngày.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Tệp .docx hoặc .xlsx.")
@pass_ctx
def book(ctx: Context, kind: str, year: int, start: date | None, end: date | None, out: str) -> None:
    """In sổ đăng ký văn bản đi, văn bản đến, hoặc sổ theo dõi giải quyết văn bản đến (giải-quyết).

    Viết không dấu cũng được: di, den, giai-quyet.
    """
    from vanban.office.papers import register_book, write_book

    found = register_book(ctx.office, kind, year, start=start, end=end)  # type: ignore[arg-type]
    write_book(found, Path(out))
    ctx.emit(
        {"out": out, "rows": len(found.rows), "title": found.title},
        lambda: ctx.console.print(
            f"Đã ghi {found.title.lower()} năm {year} ({len(found.rows)} dòng) vào {shown(out)}."
        ),
    )


@click.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="TỆP|THƯ_MỤC…", type=click.Path(path_type=Path))
@click.option(
    "--outgoing",
    is_flag=True,
    help="Văn bản đi chính cơ quan đã ban hành: vào sổ với số nó mang (mặc định: văn bản đến).",
)
@date_option("--arrived", help="Ngày đến của văn bản đến (mặc định: hôm nay).")
@click.option(
    "--jobs",
    type=JOBS,
    metavar="N",
    help="Số tiến trình đọc tệp song song (mặc định: số CPU khi có từ 200 tệp; 1 là đọc tuần tự).",
)
@pass_ctx
def import_(
    ctx: Context, sources: tuple[Path, ...], outgoing: bool, arrived: date | None, jobs: int | None
) -> None:
    """Vào sổ các văn bản đọc từ tệp Word (.docx) và liên kết mọi văn bản chúng dẫn chiếu.

    Mỗi tệp một giao dịch: tệp hỏng, trùng hay bị từ chối được báo tên rồi bỏ qua, không
    để lại gì trong sổ. Mã thoát 1 khi có tệp bị bỏ qua.
    """
    from rich.console import Console

    from vanban.office.importing import FileResult, collect_files, import_files

    files = collect_files(list(sources))
    if not files:
        from vanban.errors import InputError

        raise InputError("Không có tệp .docx nào để nhập.", hint="Đưa vào tệp .docx hoặc thư mục chứa chúng.")
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    progress = None
    if len(files) > 1 and err.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(
            TextColumn("Đang nhập"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
    task = progress.add_task("import", total=len(files)) if progress else None

    def done(result: FileResult) -> None:
        if not result.ok:
            (progress.console if progress else err).print(f"Bỏ qua: {result.reason}")
        if progress is not None and task is not None:
            progress.advance(task)

    if progress is not None:
        progress.start()
    try:
        summary = import_files(
            ctx.office, files, outgoing=outgoing, arrived=arrived, jobs=jobs, on_result=done
        )
    finally:
        if progress is not None:
            progress.stop()
    if ctx.as_json:
        click.echo(json_text(_summary_json(ctx, summary)))
    else:
        _summary_view(ctx, summary)
    if summary.exit_code:
        sys.exit(summary.exit_code)


def _summary_json(ctx: Context, summary: object) -> dict[str, object]:
    from vanban.office.importing import ImportSummary
    from vanban.office.views import document_json

    assert isinstance(summary, ImportSummary)
    files = []
    for r in summary.results:
        entry: dict[str, object] = {"file": r.path, "imported": r.ok}
        if r.document is not None:
            entry["document"] = document_json(ctx.office, r.document)
            entry["links"] = [
                {"kind": link.kind.value, "code": link.code, "id": link.document_id, "cited": link.cited}
                | ({"note": link.note} if link.note else {})
                for link in r.links
            ]
            if r.sender_created is not None:
                entry["sender_created"] = {"code": r.sender_created.code, "name": r.sender_created.name}
            if r.series_advanced is not None:
                key, old, new = r.series_advanced
                entry["series_advanced"] = {"key": key, "from": old, "to": new}
        else:
            entry["reason"] = r.error
            entry["hint"] = r.hint
        files.append(entry)
    return {
        "imported": len(summary.imported),
        "skipped": [{"file": r.path, "reason": r.error, "hint": r.hint} for r in summary.skipped],
        "files": files,
    }


def _summary_view(ctx: Context, summary: object) -> None:
    from rich.table import Table

    from vanban.domain.links import LINK_LABELS
    from vanban.domain.types import type_name
    from vanban.office.importing import ImportSummary

    assert isinstance(summary, ImportSummary)
    imported = summary.imported
    if imported:
        table = Table(title=f"Đã vào sổ {len(imported)} văn bản", title_justify="left")
        for col in ("Tệp", "Số, ký hiệu", "Loại", "Ngày", "Số đến", "Liên kết"):
            table.add_column(col, overflow="fold")
        for r in imported:
            doc = r.document
            assert doc is not None
            links = "; ".join(
                f"{LINK_LABELS[link.kind]} {link.code}" + (" (mới dẫn chiếu)" if link.cited else "")
                for link in r.links
            )
            table.add_row(
                shown(r.name),
                shown(doc.code),
                type_name(doc.type_key) if doc.type_key else "",
                short(doc.date),
                str(doc.arrival_number or ""),
                shown(links),
            )
        ctx.console.print(table)
    skipped = summary.skipped
    if skipped:
        table = Table(title=f"Bỏ qua {len(skipped)} tệp", title_justify="left")
        for col in ("Tệp", "Lý do"):
            table.add_column(col, overflow="fold")
        for r in skipped:
            table.add_row(shown(r.name), shown(r.reason))
        ctx.console.print(table)
    ctx.console.print(
        f"Đã nhập {len(imported)}/{len(summary.results)} tệp"
        + (f", bỏ qua {len(skipped)} tệp." if skipped else ".")
    )


@click.command("report-draft")
@click.option(
    "--responds-to", "responds_to", required=True, metavar="VĂN_BẢN", help="Văn bản yêu cầu báo cáo."
)
@date_option("--from", "start", help="Từ ngày (mặc định: đầu năm của văn bản yêu cầu).")
@date_option("--to", "end", help="Đến ngày (mặc định: hôm nay).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Tệp .docx sẽ ghi.")
@click.option(
    "--directive",
    "directives",
    multiple=True,
    metavar="VĂN_BẢN",
    help="Văn bản chỉ đạo đưa vào mục I (lặp lại được; mặc định: tự chọn).",
)
@click.option("--signer", help="Người ký (mặc định: lãnh đạo duy nhất của cơ quan).")
@click.option(
    "--register",
    is_flag=True,
    help="Đồng thời tạo dự thảo báo cáo trong sổ, liên kết trả lời văn bản yêu cầu và báo cáo "
    "về (--final) hoặc báo cáo tiến độ (--interim) từng văn bản chỉ đạo.",
)
@click.option(
    "--interim/--final",
    default=False,
    help="Báo cáo định kỳ, sơ kết (tiến độ; khi ban hành các văn bản chỉ đạo vẫn đang thực hiện) "
    "hay báo cáo kết quả (mặc định; khi ban hành các văn bản chỉ đạo chuyển sang «Đã báo cáo»).",
)
@click.option("--year", type=YEAR, help="Năm của văn bản yêu cầu, khi số, ký hiệu có ở nhiều năm.")
@pass_ctx
def report_draft(
    ctx: Context,
    responds_to: str,
    start: date | None,
    end: date | None,
    out: str,
    directives: tuple[str, ...],
    signer: str | None,
    register: bool,
    interim: bool,
    year: int | None,
) -> None:
    """Soạn dự thảo báo cáo trả lời một văn bản yêu cầu: các văn bản chỉ đạo và kết quả trong kỳ."""
    from vanban.office.reporting import draft_report
    from vanban.office.views import document_json, iso

    draft = draft_report(
        ctx.office,
        responds_to,
        out=Path(out),
        date_from=start,
        date_to=end,
        directives=directives,
        register=register,
        signer=signer,
        year=year,
        interim=interim,
    )
    what = "báo cáo tiến độ (định kỳ, sơ kết)" if draft.interim else "báo cáo"
    data = {
        "out": out,
        "interim": draft.interim,
        "responds_to": draft.request.label,
        "from": iso(draft.date_from),
        "to": iso(draft.date_to),
        "subject": draft.sheet.subject,
        "directives": [d.label for d in draft.directives],
        "outcomes": len(draft.outcomes),
        "document": document_json(ctx.office, draft.document) if draft.document else None,
        "links": [{"kind": kind.value, "code": code} for kind, code in draft.links],
    }

    def human() -> None:
        ctx.console.print(
            f"Đã ghi dự thảo {what} trả lời {shown(draft.request.label)} vào {shown(out)}: "
            f"{len(draft.directives)} văn bản chỉ đạo, {len(draft.outcomes)} kết quả "
            f"từ {short(draft.date_from)} đến {short(draft.date_to)}."
        )
        if draft.document is not None:
            ctx.console.print(
                f"Đã tạo dự thảo #{draft.document.id} trong sổ; khi ký: vanban issue #{draft.document.id}."
            )
            ctx.console.print(
                "Khi ban hành, các văn bản chỉ đạo vẫn đang thực hiện (báo cáo tiến độ)."
                if draft.interim
                else "Khi ban hành, các văn bản chỉ đạo chuyển sang «Đã báo cáo»."
            )

    ctx.emit(data, human)


@click.command("import-book")
@click.argument("source", metavar="TỆP.xlsx", type=click.Path(path_type=Path))
@click.option(
    "--direction",
    type=Words(DIRECTIONS),
    help="Sổ văn bản đi hay đến (mặc định: đọc từ tên cột; có cột «Số đến» là sổ đến).",
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar='"TÊN CỘT=TRƯỜNG"',
    help='Cột mang tên riêng của cơ quan, ví dụ --map "Số VB=code" (có thể lặp lại).',
)
@click.option("--partial", is_flag=True, help="Ghi các dòng hợp lệ dù có dòng bị từ chối.")
@pass_ctx
def import_book(
    ctx: Context, source: Path, direction: str | None, mapping: tuple[str, ...], partial: bool
) -> None:
    """Nhập sổ đăng ký văn bản đi hoặc đến giữ bằng Excel (.xlsx) từ đầu năm.

    Cột tìm theo tên (các cột của Phụ lục IV, thứ tự nào cũng được); mỗi dòng vào sổ với số,
    ngày của nó, liên kết các văn bản trích yếu dẫn chiếu; mỗi sổ số tiếp tục sau số lớn nhất đã
    nhập. Không ghi gì nếu có dòng bị từ chối, trừ khi có --partial. Mã thoát 1 khi có dòng bị
    từ chối.
    """
    found = ctx.office.import_book(
        source, direction=direction, mapping=[nfc(m) or m for m in mapping], partial=partial
    )
    data = {
        "file": found.file,
        "direction": found.direction,
        "written": found.written,
        "imported": found.count("imported"),
        "skipped": found.count("skipped"),
        "refused": found.count("refused"),
        "rows": [
            {
                "row": r.row,
                "result": r.result,
                "code": r.code,
                "document": r.document,
                "reason": r.reason,
                "hint": r.hint,
                "links": list(r.links),
            }
            for r in found.rows
        ],
        "series": [{"year": s.year, "key": s.key, "last": s.last_number} for s in found.series],
    }

    def human() -> None:
        from rich.table import Table

        words = {"imported": "đã nhập", "skipped": "đã có, bỏ qua", "refused": "[red]bị từ chối[/red]"}
        table = Table(title=f"Nhập {shown(found.file)}", title_justify="left")
        table.add_column("Dòng", justify="right", no_wrap=True)
        table.add_column("Số, ký hiệu", no_wrap=True)
        table.add_column("Kết quả", overflow="fold")
        for r in found.rows:
            said = words[r.result]
            if r.reason:
                said += f": {shown(r.reason)}"
            if r.hint and r.result == "refused":
                said += f"\n[dim]{shown(r.hint)}[/dim]"
            if r.links:
                said += f"\n[dim]liên kết: {shown(', '.join(r.links))}[/dim]"
            table.add_row(str(r.row), shown(r.code) or "—", said)
        ctx.console.print(table)
        counts = (
            f"{found.count('imported')} dòng nhập, {found.count('skipped')} dòng đã có, "
            f"{found.count('refused')} dòng bị từ chối."
        )
        if not found.written:
            ctx.console.print(
                f"[red]Không ghi gì vào sổ[/red]: {counts} Sửa các dòng bị từ chối rồi nhập lại, "
                "hoặc thêm --partial để ghi các dòng hợp lệ."
            )
            return
        ctx.console.print(counts)
        for s in found.series:
            ctx.console.print(f"Sổ {series_label(s.key)} năm {s.year}: số tiếp theo là {s.last_number + 1}.")

    ctx.emit(data, human)
    if found.exit_code:
        sys.exit(found.exit_code)


COMMANDS: tuple[click.Command, ...] = (render, refs, book, import_, import_book, report_draft)
