"""The leadership view (overdue, due soon, what is reported, a chart by unit) and the register books."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.requests import Request

from vanban.domain.dates import today
from vanban.errors import InputError
from vanban.web.app import render
from vanban.web.charts import bar_chart
from vanban.web.pages.forms import download, names_of, signed_in

router = APIRouter(include_in_schema=False)


@router.get("/status")
def status_page(
    request: Request, overdue: bool = False, unit: str | None = None, year: str | None = None
) -> Response:
    actor = signed_in(request)
    wanted_year = int(year) if year and year.isdigit() else None
    report = actor.office.status(overdue=overdue, unit=unit or None, year=wanted_year)
    soon = [
        r
        for r in report.items
        if r.deadline and r.overdue_days == 0 and (r.deadline - report.as_of).days <= 7
    ]
    late = [r for r in report.items if r.overdue_days > 0]
    by_unit: dict[str, list[int]] = {}
    for row in report.items:
        key = row.lead or row.document.unit_code or "(chưa giao)"
        counts = by_unit.setdefault(key, [0, 0])
        counts[1 if row.overdue_days > 0 else 0] += 1
    bars = [
        (
            name,
            on_time,
            late_n,
            # No filter keeps only the unassigned items: that bar is no link (it led to all of them).
            f"/status?unit={quote(name, safe='')}" if name != "(chưa giao)" else "",
        )
        for name, (on_time, late_n) in sorted(by_unit.items())
    ]
    context = {
        "actor": actor,
        "report": report,
        "late": late,
        "soon": soon,
        "chart": bar_chart(bars),
        # Closed by their final report, so not among the open items: the report lists them apart.
        "reported": report.reported,
        "interim": [r for r in report.items if r.interim_reports and not r.reported],
        "overdue": overdue,
        "unit": unit or "",
        "names": names_of(
            actor.office,
            [
                unit,
                *(name for name in by_unit if name != "(chưa giao)"),
                *(d.unit_code for d in report.reported),
            ],
        ),
    }
    return render(request, "status.html", context)


@router.get("/books")
def books_page(request: Request, year: str | None = None) -> Response:
    actor = signed_in(request)
    errors: dict[str, str] = {}
    shown = [today().year, today().year - 1]
    if year:
        if year.isdigit() and len(year) == 4 and 1990 <= int(year) <= 2100:
            shown = [int(year)]
        else:
            errors["year"] = f"Năm «{year[:20]}» không hợp lệ: nhập năm từ 1990 đến 2100, ví dụ 2025."
    context = {"actor": actor, "years": shown, "values": {"year": year or ""}, "errors": errors}
    return render(request, "books.html", context, status=422 if errors else 200)


@router.get("/books/{kind}/{year}.{ext}")
def book_download(request: Request, kind: str, year: int, ext: str) -> Response:
    from vanban.office.papers import register_book, write_book

    actor = signed_in(request)
    if kind not in ("out", "in") or ext not in ("docx", "xlsx") or not 1990 <= year <= 2100:
        raise InputError("Không có sổ này.", hint="Sổ đi hoặc đến, năm từ 1990, tệp .docx hoặc .xlsx.")
    book = register_book(actor.office, kind, year)  # type: ignore[arg-type]
    folder = tempfile.TemporaryDirectory(prefix="vanban-web-")
    out = Path(folder.name) / f"so-van-ban-{kind}-{year}.{ext}"
    try:
        write_book(book, out)
    except BaseException:
        folder.cleanup()
        raise
    media = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if ext == "docx"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return download(out, out.name, media, folder)
