"""A number is never dated after today (Vietnam's date): a ngày ban hành still to come would hold
its whole series back — numbers follow the dates of issue, and a recall does not give a number
back — so issue, register, the web desk, the REST API and the imports refuse it before any number
is taken, as receive refuses an arrival still to come. On every engine under test; "today" is
set by the project's clock, never the machine's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openpyxl import Workbook

from databases import dump
from vanban import Office
from vanban.errors import DateOrderError, InputError

if TYPE_CHECKING:
    from conftest import Cli

TODAY = date(2025, 12, 6)
LATER = date(2025, 12, 20)
Clock = Callable[[date], None]


def test_issuing_with_a_date_still_to_come_is_refused_before_a_number_is_taken(
    office: Office, clock: Clock
) -> None:
    clock(TODAY)
    doc = office.draft("KH", subject="Kế hoạch tổ chức Tết")
    before = dump(office)
    with pytest.raises(InputError) as refused:
        office.issue(doc.id, on=LATER, signer="chutich")
    assert refused.value.exit_code == 2
    assert refused.value.message == "Ngày ban hành 20/12/2025 còn chưa tới (hôm nay là 06/12/2025)."
    assert "--date" in (refused.value.hint or "") and "không muộn hơn hôm nay" in (refused.value.hint or "")
    assert dump(office) == before
    # Nothing was taken: the next document of the series gets number 1, dated today.
    assert office.issue(doc.id, on=TODAY, signer="chutich").code == "01/KH-UBND"


def test_registering_a_paper_document_with_a_date_to_come_is_refused_too(
    office: Office, clock: Clock
) -> None:
    clock(TODAY)
    before = dump(office)
    with pytest.raises(InputError, match="còn chưa tới"):
        office.register("QĐ", subject="Thành lập tổ công nghệ số", on=LATER, signer="chutich")
    assert dump(office) == before


def test_today_is_vietnams_date_so_the_evening_utc_may_already_issue_tomorrow(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vanban.domain import dates

    monkeypatch.setattr(dates, "utc_now", lambda: datetime(2025, 12, 6, 16, 59, tzinfo=UTC))
    doc = office.draft("KH", subject="Kế hoạch")
    with pytest.raises(InputError, match="còn chưa tới"):
        office.issue(doc.id, on=date(2025, 12, 7), signer="chutich")
    monkeypatch.setattr(dates, "utc_now", lambda: datetime(2025, 12, 6, 17, 0, tzinfo=UTC))
    assert office.issue(doc.id, on=date(2025, 12, 7), signer="chutich").date == date(2025, 12, 7)


def test_the_command_line_refuses_a_date_to_come_with_exit_2_and_a_hint(
    office: Office, db_url: str, cli: Cli, clock: Clock
) -> None:
    clock(TODAY)
    doc = office.draft("KH", subject="Kế hoạch")
    before = dump(office)
    refused = cli.run(db_url, "issue", str(doc.id), "--date", "20/12/2025", "--signer", "chutich")
    assert refused.code == 2 and refused.out == ""
    assert "Ngày ban hành 20/12/2025 còn chưa tới" in refused.err and "--date" in refused.err
    assert "Traceback" not in refused.err
    assert dump(office) == before


def test_a_series_held_by_a_date_to_come_says_how_the_decree_corrects_it(
    office: Office, clock: Clock
) -> None:
    # A register written before the rule: 01/KH-UBND dated 20/12 while it was that day.
    clock(LATER)
    office.register("KH", subject="Kế hoạch ghi nhầm ngày", on=LATER, signer="chutich")
    office.recall("01/KH-UBND", reason="Ghi nhầm ngày")
    clock(TODAY)
    doc = office.draft("KH", subject="Kế hoạch")
    before = dump(office)
    with pytest.raises(DateOrderError) as refused:
        office.issue(doc.id, on=TODAY, signer="chutich")
    assert refused.value.exit_code == 1
    assert "đã cấp số 1 ngày 20/12/2025 cho 01/KH-UBND" in refused.value.message
    hint = refused.value.hint or ""
    assert "Dùng ngày từ" not in hint
    assert "chỉ cấp số tiếp được từ ngày 20/12/2025" in hint and "Điều 18" in hint
    assert "vanban correct 01/KH-UBND" in hint and "vanban recall" in hint
    assert dump(office) == before


def _book(path: Path, headers: list[str], *rows: list[object]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (headers, *rows):
        sheet.append(row)
    book.save(path)
    return path


OUT_HEADERS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
]
IN_HEADERS = ["Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Trích yếu"]


def test_import_book_refuses_a_row_dated_to_come_naming_it_and_writes_nothing(
    office: Office, db_url: str, cli: Cli, clock: Clock, tmp_path: Path
) -> None:
    clock(TODAY)
    out = _book(
        tmp_path / "di.xlsx",
        OUT_HEADERS,
        ["90/KH-UBND", "29/9/2025", "Kế hoạch A", "Nguyễn Phúc Công"],
        ["91/KH-UBND", "20/12/2025", "Kế hoạch B", "Nguyễn Phúc Công"],
    )
    before = dump(office)
    refused = cli.run(db_url, "--json", "import-book", str(out))
    assert refused.code == 1 and refused.json["written"] is False
    row = refused.json["rows"][1]
    assert (row["row"], row["result"], row["code"]) == (3, "refused", "91/KH-UBND")
    assert "Ngày ban hành 20/12/2025 còn chưa tới" in row["reason"]
    incoming = _book(
        tmp_path / "den.xlsx",
        IN_HEADERS,
        ["8/12/2025", 1, "Sở Nội vụ", "12/SNV-VP", "1/12/2025", "Về việc A"],
    )
    refused = cli.run(db_url, "--json", "import-book", str(incoming))
    assert refused.code == 1 and "Ngày đến 08/12/2025 còn chưa tới" in refused.json["rows"][0]["reason"]
    assert dump(office) == before
