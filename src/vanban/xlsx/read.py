"""Read the rows of an Excel workbook (.xlsx) as plain values, for ``import-book``.

openpyxl reads the file (read-only, cached values rather than formulas); what a cell holds comes
back as str, int, float, datetime or None. A file that is missing, is not an .xlsx workbook or is
too large is refused in Vietnamese, before anything is read into the register.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from vanban.errors import InputError

# A commune's yearly book is a few thousand rows; a file far larger is not a register book.
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000

Rows = list[tuple[int, list[object]]]


def read_sheets(path: Path) -> list[tuple[str, Rows]]:
    """Every sheet of the workbook with its non-empty rows: (row number from 1, cell values)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    if not path.is_file():
        raise InputError(f"Không có tệp «{name}».", hint="Kiểm tra đường dẫn tới tệp sổ .xlsx.")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(
            f"Tệp «{name}» quá lớn ({path.stat().st_size // (1024 * 1024)} MB) để là một sổ đăng ký.",
            hint="Tách sổ theo năm, mỗi năm một tệp .xlsx.",
        )
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(
            f"Tệp «{name}» không phải một sổ Excel (.xlsx) đọc được.",
            hint="Mở sổ trong Excel hoặc LibreOffice rồi lưu lại dạng .xlsx (Excel Workbook).",
        ) from exc
    try:
        sheets: list[tuple[str, Rows]] = []
        for sheet in book.worksheets:
            rows: Rows = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    raise InputError(
                        f"Trang «{sheet.title}» của tệp «{name}» có hơn {MAX_ROWS} dòng.",
                        hint="Tách sổ theo năm, mỗi năm một tệp .xlsx.",
                    )
                if any(v is not None and v != "" for v in values):
                    rows.append((number, list(values)))
            sheets.append((sheet.title, rows))
        return sheets
    finally:
        book.close()
