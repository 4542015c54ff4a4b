"""The query shapes of the ports: plain values the use cases build and the store reads
(listings, the leadership view, the register as of a past day). ``office.ports`` names them too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from vanban.domain.model import Direction, Document


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Which documents a listing shows."""

    type_key: str | None = None
    status: str | None = None
    year: int | None = None
    direction: Direction | None = None
    include_references: bool = False
    limit: int | None = None
    unit: str | None = None  # the drafting unit's code
    date_from: date | None = None
    date_to: date | None = None
    issuer_ids: tuple[int, ...] | None = None  # the sender (one name may fit several organizations)
    signer: str | None = None  # a part of the signer's name, matched without diacritics or case
    deadline_before: date | None = None
    # Open documents past their deadline on this day: (workflow, its open states) pairs.
    overdue_on: date | None = None
    open_states: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class StatusFilter:
    """Which open items the leadership view counts and lists."""

    office_id: int
    open_states: Sequence[tuple[str, Sequence[str]]]  # (workflow, states) pairs that count as open
    year: int | None = None
    type_key: str | None = None
    unit: str | None = None
    overdue_on: date | None = None  # only items whose deadline is before this date


class StatusItem(NamedTuple):  # a tuple: built 5 times faster than a frozen dataclass
    """One open item of the leadership view, as the store computes it."""

    document: Document
    deadline: date | None
    lead: str | None
    implementing: int
    outcomes: int
    reported: bool  # a final report (one that closes it) is issued
    interim_reports: int = 0  # interim reports (định kỳ, sơ kết) issued on it


HistoryDocument = tuple[
    int,
    str,
    str | None,
    str | None,
    date | None,
    date | None,
    date | None,
    str | None,
    int | None,
    int | None,
]


class HistoryRows(NamedTuple):
    """What the register as of a past day is rebuilt from: the office's held documents and the
    events, links, assignments and outcomes about them, each in the order it was written."""

    # (id, direction, workflow, type key, date, arrival date, deadline, unit, year, arrival year)
    documents: list[HistoryDocument]
    # (id, document id, time in UTC, trigger, state reached, the document that caused it or None,
    #  for a link event the document it links to and its kind)
    events: list[tuple[int, int, datetime, str, str | None, int | None, int | None, str | None]]
    links: list[tuple[int, int, str]]  # (from, to, kind)
    assignments: list[tuple[int, int, str, date | None, datetime]]  # (id, document, lead, deadline, at)
    outcomes: list[tuple[int, int, date | None]]  # (id, document, date)
