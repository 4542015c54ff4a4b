"""The façade's handling methods: links between documents, assignments, outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from vanban.domain.model import Assignment, Document, LinkKind, Outcome
from vanban.office import handling
from vanban.office.runner import Runner


class HandlingMethods:
    """What is done with a document once it is held: linked, handed out, carried out."""

    runner: Runner

    def link(
        self, source: str | int, target: str | int, kind: LinkKind | str, *, year: int | None = None
    ) -> Document:
        """Relate two documents; a target code not held becomes a reference-only document."""
        return handling.link_documents(self.runner, source, target, kind, year=year)

    def assign(
        self,
        ref: str | int,
        *,
        lead: str,
        support: Sequence[str] = (),
        deadline: date | None = None,
        note: str | None = None,
        year: int | None = None,
    ) -> Assignment:
        """Hand a directive (or an incoming document) to a lead unit or person, with support units."""
        return handling.assign(
            self.runner, ref, lead=lead, support=support, deadline=deadline, note=note, year=year
        )

    def add_outcome(
        self,
        ref: str | int,
        *,
        text: str,
        quantity: Decimal | str | int | float | None = None,
        unit: str | None = None,
        on: date | None = None,
        reported_in: Sequence[str | int] = (),
        year: int | None = None,
    ) -> Outcome:
        """Record a result produced by a directive or by a document implementing it."""
        return handling.add_outcome(
            self.runner,
            ref,
            text=text,
            quantity=quantity,
            unit=unit,
            on=on,
            reported_in=reported_in,
            year=year,
        )
