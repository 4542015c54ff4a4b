"""The façade's reading methods: lists and search with the same filters, the leadership's
status, a document's trace and whole story, its assignments and outcomes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from vanban.domain.model import Assignment, Direction, Document, Outcome
from vanban.office import document_view, dossier, looking, searching
from vanban.office.document_view import DocumentView
from vanban.office.runner import Runner
from vanban.office.searching import Filters, SearchHit
from vanban.office.status import StatusReport
from vanban.office.status import status as status_report

if TYPE_CHECKING:
    from vanban.office.dossier import Dossier
    from vanban.office.trace import Trace


class ReadingMethods:
    """What the register holds, as lists, a search, counts and chains; nothing written."""

    runner: Runner

    def documents(
        self,
        *,
        type_key: str | None = None,
        status: str | None = None,
        year: int | None = None,
        direction: Direction | str | None = None,
        limit: int | None = None,
        unit: str | None = None,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        sender: str | None = None,
        signer: str | None = None,
        deadline_before: date | str | None = None,
        overdue: bool = False,
    ) -> list[Document]:
        """The office's documents that pass every filter given, by direction, date and number:
        type, status, year, direction, drafting unit, dates from/to, sender (read as ``receive``
        reads it: code, name, mã định danh, #id or the beginning of its name or code without
        diacritics; several refused with their list), signer (a part of the name, without
        diacritics or case), deadline before a day, overdue (open and past the deadline)."""
        return looking.documents(
            self.runner,
            Filters(
                type_key,
                status,
                year,
                direction,
                limit,
                unit,
                date_from,
                date_to,
                sender,
                signer,
                deadline_before,
                overdue,
            ),
        )

    def search(
        self,
        text: str,
        *,
        type_key: str | None = None,
        status: str | None = None,
        year: int | None = None,
        direction: Direction | str | None = None,
        limit: int | None = None,
        unit: str | None = None,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        sender: str | None = None,
        signer: str | None = None,
        deadline_before: date | str | None = None,
        overdue: bool = False,
    ) -> list[SearchHit]:
        """Documents whose code, subject, sender, signer, body, notes or outcomes hold every word
        of ``text`` (without diacritics or case, the last word also as a prefix), best first: a
        document whose code is ``text`` in any form, then by relevance, then the newest; at most
        ``limit`` (50). The filters are those of :meth:`documents`. A query of only punctuation
        finds nothing; an empty or overlong one is refused."""
        return searching.search(
            self.runner,
            text,
            Filters(
                type_key,
                status,
                year,
                direction,
                limit,
                unit,
                date_from,
                date_to,
                sender,
                signer,
                deadline_before,
                overdue,
            ),
        )

    def assignments(self, ref: str | int, *, year: int | None = None) -> list[Assignment]:
        return looking.assignments(self.runner, ref, year=year)

    def outcomes(self, ref: str | int, *, year: int | None = None) -> list[Outcome]:
        return looking.outcomes(self.runner, ref, year=year)

    def dossier(self, ref: str | int, *, year: int | None = None) -> Dossier:
        """A document's whole story: links both ways, current assignment and days left, outcomes,
        attachments, and the lifecycle steps this user may take next."""
        return dossier.dossier(self.runner, ref, year=year)

    def document_view(self, ref: str | int, *, year: int | None = None) -> DocumentView:
        """Everything a document's page shows (the document, the steps this user may take, its
        chain, assignments, files, history, outcomes, the names of units and people), read in
        one transaction."""
        return document_view.document_view(self.runner, ref, year=year)

    def trace(self, ref: str | int, *, year: int | None = None) -> Trace:
        """The chain around a document, upward and downward, with the outcomes it produced."""
        return looking.trace(self.runner, ref, year=year)

    def status(
        self,
        *,
        year: int | None = None,
        type_key: str | None = None,
        unit: str | None = None,
        overdue: bool = False,
        as_of: date | None = None,
    ) -> StatusReport:
        """Counts by status and type and the open items, computed in the database.

        ``as_of`` a day before today (Vietnam time): the register as it stood at the end of that
        day, rebuilt from the events — a document counts from its legal date (ngày ban hành, ngày
        đến), what was written later (assignments, links, recalls) from the day it was written;
        deadlines are judged on that day. Today or later: today's register, deadlines judged then.
        """
        return status_report(
            self.runner, year=year, type_key=type_key, unit=unit, overdue=overdue, as_of=as_of
        )
