"""``vanban demo``: the commune's 2025 chain in a fresh database, in one screen."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from vanban.cli.app import Context, cli, pass_ctx
from vanban.cli.show import status_view, trace_tree


@cli.command()
@click.option("--db", "path", type=click.Path(dir_okay=False), help="Tệp SQLite mới (mặc định: một tệp tạm).")
@click.option("--yes", is_flag=True, help="Ghi đè tệp đã có mà không hỏi.")
@pass_ctx
def demo(ctx: Context, path: str | None, yes: bool) -> None:
    """Nạp chuỗi văn bản năm 2025 của xã Phú Thái vào một cơ sở dữ liệu mới, in tình hình và truy vết."""
    from vanban.office.demo import REQUEST, build_demo
    from vanban.office.views import status_json, trace_json

    target = Path(path) if path else Path(tempfile.mkdtemp(prefix="vanban-demo-")) / "demo.sqlite"
    if target.exists() and target.stat().st_size > 0:
        if not yes:
            click.confirm(f"Tệp {target} đã có dữ liệu. Xóa và nạp lại dữ liệu mẫu?", abort=True, err=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    office, report = build_demo(target)
    ctx._office = office
    ctx.db = str(target)
    status = office.status(as_of=None)
    found = office.trace(REQUEST)
    if ctx.as_json:
        ctx.emit(
            {
                "db": str(target),
                "report": report,
                "status": status_json(office, status),
                "trace": trace_json(office, found),
            },
            lambda: None,
        )
        return
    console = ctx.console
    console.print(f"[bold]Dữ liệu mẫu xã Phú Thái[/bold] đã nạp vào {target}")
    console.print(f"Xem tiếp: vanban --db {target} trace {REQUEST}  ·  vanban --db {target} status\n")
    status_view(console, office, status)
    console.print()
    trace_tree(console, office, found)
