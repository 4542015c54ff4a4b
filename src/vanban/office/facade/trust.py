"""The façade's methods that keep the register trustworthy: corrections as Nghị định 30 has them
(thu hồi, thay thế, đính chính), verification of the hash chain, backup, a book brought in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vanban.domain.model import Document
from vanban.office.runner import Runner

if TYPE_CHECKING:
    from vanban.office.book_import import BookImport
    from vanban.office.integrity import Verification


class TrustMethods:
    """The register as evidence: corrected by new records, verified, copied, filled from a book."""

    runner: Runner

    def recall(self, ref: str | int, *, reason: str, year: int | None = None) -> Document:
        """Thu hồi an issued document (Nghị định 30, Điều 18): void from now on, its record kept."""
        from vanban.office import corrections

        return corrections.recall(self.runner, ref, reason=reason, year=year)

    def replace(self, ref: str | int, *, by: str | int, reason: str, year: int | None = None) -> Document:
        """Thay thế an issued document by the issued document ``by``, of the same form."""
        from vanban.office import corrections

        return corrections.replace(self.runner, ref, by=by, reason=reason, year=year)

    def correct(
        self, ref: str | int, *, reason: str, unit: str, subject: str | None = None, year: int | None = None
    ) -> Document:
        """Đính chính an issued document: a công văn draft correcting it (returned), the reason
        recorded on the document, which stays in force."""
        from vanban.office import corrections

        return corrections.correct(self.runner, ref, reason=reason, unit=unit, subject=subject, year=year)

    def verify(self) -> Verification:
        """Walk every office's hash chain of events and every recorded document's record; the
        first break is raised as IntegrityBreakError (which document, which event, what changed)."""
        from vanban.office.integrity import verify

        return verify(self.runner)

    def backup(self, target: str | Path) -> Verification:
        """Copy a SQLite register to the new file ``target`` while others keep writing, and
        verify the copy (servers: their own dump tools, see README)."""
        from vanban.office.integrity import backup

        return backup(self.runner, Path(target))

    def import_book(
        self,
        path: str | Path,
        *,
        direction: str | None = None,
        mapping: Sequence[str] = (),
        partial: bool = False,
    ) -> BookImport:
        """Register every row of a register book kept in Excel (.xlsx, Phụ lục IV columns found by
        their headers; ``mapping`` "Header=field" for an office's own): outgoing rows as issued,
        incoming ones as registered, each with its own number and date; nothing written unless
        every row is accepted (or ``partial``). ``direction`` "out" or "in", else read from the
        headers."""
        from vanban.office.book_import import import_book

        runner = self.runner
        return import_book(
            runner, runner.workflows, Path(path), direction=direction, mapping=mapping, partial=partial
        )
