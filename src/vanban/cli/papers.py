"""Commands that make or read paper: render, refs, book."""

from __future__ import annotations

import json
import sys
import unicodedata
from datetime import date
from pathlib import Path

import click

from vanban.cli.app import Context, cli, date_option, pass_ctx


@cli.command()
@click.argument("ref")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Tệp .docx sẽ ghi.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False), help="Mẫu .docx của cơ quan.")
@click.option("--year", type=int)
@pass_ctx
def render(ctx: Context, ref: str, out: str, template: str | None, year: int | None) -> None:
    """In một văn bản đi ra tệp Word theo thể thức Nghị định 30."""
    from vanban.office.papers import render_document

    doc = render_document(
        ctx.office, ref, Path(out), template=Path(template) if template else None, year=year
    )
    ctx.emit({"document": doc.id, "code": doc.code, "out": out}, lambda: ctx.console.print(f"Đã ghi {out}."))


@cli.command()
@click.argument("source", metavar="TỆP|-")
@click.option("--type", "type_key", help="Loại của văn bản đang đọc (ví dụ BC), để đoán đúng loại liên kết.")
@pass_ctx
def refs(ctx: Context, source: str, type_key: str | None) -> None:
    """Liệt kê các văn bản được dẫn chiếu trong một tệp .docx hoặc văn bản trên stdin."""
    from vanban.domain.types import get_type
    from vanban.office.papers import read_text, references_in

    text = sys.stdin.read() if source == "-" else read_text(Path(source))
    found = references_in(
        unicodedata.normalize("NFC", text), document_type=get_type(type_key).key if type_key else None
    )
    data = [r.to_json() for r in found]
    if ctx.as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(title=f"{len(found)} văn bản được dẫn chiếu", title_justify="left")
    for col in ("Số, ký hiệu", "Loại", "Ngày", "Cơ quan", "Liên kết", "Đoạn văn"):
        table.add_column(col, overflow="fold")
    for r in data:
        table.add_row(
            str(r["code"]),
            str(r["type"] or ""),
            str(r["date"] or ""),
            str(r["issuer"] or ""),
            str(r["kind"]),
            str(r["text"]),
        )
    ctx.console.print(table)


@cli.command()
@click.argument("kind", type=click.Choice(["out", "in", "handling"]))
@click.option("--year", type=int, required=True, help="Năm của sổ.")
@date_option("--from", "start", help="Từ ngày.")
@date_option("--to", "end", help="Đến ngày.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Tệp .docx hoặc .xlsx.")
@pass_ctx
def book(ctx: Context, kind: str, year: int, start: date | None, end: date | None, out: str) -> None:
    """In sổ đăng ký văn bản đi (out), đến (in) hoặc sổ theo dõi giải quyết văn bản đến (handling)."""
    from vanban.office.papers import register_book, write_book

    found = register_book(ctx.office, kind, year, start=start, end=end)  # type: ignore[arg-type]
    write_book(found, Path(out))
    ctx.emit(
        {"out": out, "rows": len(found.rows), "title": found.title},
        lambda: ctx.console.print(
            f"Đã ghi {found.title.lower()} năm {year} ({len(found.rows)} dòng) vào {out}."
        ),
    )
