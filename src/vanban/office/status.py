"""The leadership view: counts by status and type, and the open items with their deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vanban.domain.model import Document


@dataclass(frozen=True, slots=True)
class StatusRow:
    document: Document
    status_label: str
    deadline: date | None
    overdue_days: int
    lead: str | None
    implementing: int
    outcomes: int
    reported: bool


@dataclass(frozen=True, slots=True)
class StatusReport:
    as_of: date
    summary: dict[str, int]  # status -> count
    by_type: list[tuple[str, str, str, int]]  # (type key, status, status label, count)
    items: list[StatusRow]


def overdue_days(deadline: date | None, as_of: date) -> int:
    """Whole days past the deadline on ``as_of``; 0 when not overdue or without deadline."""
    if deadline is None or deadline >= as_of:
        return 0
    return (as_of - deadline).days
