"""A listing to hand over as a file: a title, column names and rows of text, numbers and dates.

``list``, ``search`` and ``status`` export one (``--out FILE.xlsx|.csv|.docx``); the writers
(xlsx/listing.py, docx/listing.py, office/exporting.py for CSV) keep dates as dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Value = str | int | dt.date | None


@dataclass(frozen=True, slots=True)
class Listing:
    """Rows under named columns, with a title saying what they are."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Value, ...]] = field(default_factory=list)


def cell_text(value: Value) -> str:
    """A cell as a person reads it: a date as dd/mm/yyyy, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
