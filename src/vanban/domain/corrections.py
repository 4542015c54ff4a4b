"""Errors in an issued document as Nghị định 30 (Điều 18) settles them, and how a document
corrected, replaced or recalled says so (show, the register books, the rendered document).

- thu hồi (recall): the document is void; the record is frozen and kept.
- thay thế (replace): a new document of the same form takes its place (link ``replaces``).
- đính chính (correct): a công văn corrects its layout or procedure (link ``corrects``); the
  corrected document stays in force.
Each is an event on the corrected document carrying its reason (the event's note).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from vanban.domain.model import Event

# The lifecycle triggers (and the correction event) that settle an error, and what they print.
CORRECTION_LABELS = {"recall": "Đã thu hồi", "replace": "Bị thay thế", "correct": "Được đính chính"}
# Those that leave the document void: rendered with a mark, never as a clean document.
VOIDING = frozenset({"recall", "replace"})
_VIETNAM = dt.timedelta(hours=7)  # Vietnam keeps UTC+7 all year


def correction_notes(events: Iterable[Event]) -> list[str]:
    """One line per correction, recall or replacement of a document, oldest first:
    «Đã thu hồi ngày 05/10/2025: ban hành sai thẩm quyền»."""
    lines: list[str] = []
    for event in events:
        label = CORRECTION_LABELS.get(event.trigger)
        if label is None:
            continue
        by = event.data.get("by_code") or (f"#{event.data['by']}" if event.data.get("by") else None)
        day = (event.at + _VIETNAM).strftime("%d/%m/%Y")
        text = f"{label}{f' bởi {by}' if by else ''} ngày {day}"
        lines.append(f"{text}: {event.note}" if event.note else text)
    return lines


def void_mark(events: Iterable[Event]) -> str | None:
    """The mark a recalled or replaced document carries when printed (None when in force)."""
    voiding = [e for e in events if e.trigger in VOIDING]
    if not voiding:
        return None
    return correction_notes(voiding[-1:])[0].upper()
