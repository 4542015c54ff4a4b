"""The façade's document methods: a document's life (draft, issue, register, receive, any step)
and what it is now (its lifecycle, its state, its history)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from os import PathLike
from typing import BinaryIO

from vanban.domain.attachments import Attachment
from vanban.domain.model import Document, Event, Secrecy, Urgency
from vanban.domain.workflow import Workflow
from vanban.office import documents, firing, lifecycle, looking
from vanban.office.runner import Runner


class DocumentMethods:
    """A document's life in the register, one use case of ``office.documents`` a method."""

    runner: Runner

    def workflow_of(self, doc: Document) -> Workflow | None:
        return lifecycle.workflow_of(self.runner.workflows, doc)

    def status_label(self, doc: Document) -> str:
        return lifecycle.status_label(self.runner.workflows, doc)

    def draft(
        self,
        type_key: str,
        *,
        subject: str,
        unit: str | None = None,
        deadline: date | None = None,
        urgency: Urgency | None = None,
        secrecy: Secrecy | None = None,
        body: str | None = None,
        recipients: Sequence[str] = (),
        place: str | None = None,
    ) -> Document:
        """A new outgoing draft of ``type_key`` (a catalog key such as "KH", "QĐ", "CV")."""
        return documents.draft(
            self.runner,
            type_key,
            subject=subject,
            unit=unit,
            deadline=deadline,
            urgency=urgency,
            secrecy=secrecy,
            body=body,
            recipients=recipients,
            place=place,
        )

    def draft_copy(
        self, ref: str | int, *, subject: str | None = None, unit: str | None = None, year: int | None = None
    ) -> Document:
        """A new outgoing draft from an existing document (type, subject, unit, urgency, secrecy,
        body, recipients); ``subject`` and ``unit`` replace the copied ones."""
        return documents.draft_copy(self.runner, ref, subject=subject, unit=unit, year=year)

    def issue(
        self,
        ref: str | int,
        *,
        on: date | None = None,
        signer: str | None = None,
        title: str | None = None,
        authority: str | None = None,
        year: int | None = None,
        note: str | None = None,
    ) -> Document:
        """Give the number, register the document and mark it issued, in one transaction."""
        return documents.issue(
            self.runner, ref, on=on, signer=signer, title=title, authority=authority, year=year, note=note
        )

    def register(
        self,
        type_key: str,
        *,
        subject: str,
        on: date,
        unit: str | None = None,
        signer: str | None = None,
        title: str | None = None,
        authority: str | None = None,
        deadline: date | None = None,
        secrecy: Secrecy | None = None,
        urgency: Urgency | None = None,
        recipients: Sequence[str] = (),
        body: str | None = None,
    ) -> Document:
        """Register an already-signed outgoing document in one call: draft and issue together."""
        return documents.register(
            self.runner,
            type_key,
            subject=subject,
            on=on,
            unit=unit,
            signer=signer,
            title=title,
            authority=authority,
            deadline=deadline,
            secrecy=secrecy,
            urgency=urgency,
            recipients=recipients,
            body=body,
        )

    def receive(
        self,
        code: str,
        *,
        sender: str | None = None,
        sender_name: str | None = None,
        on: date,
        subject: str,
        type_key: str | None = None,
        deadline: date | None = None,
        arrived: date | None = None,
        urgency: Urgency | None = None,
        secrecy: Secrecy | None = None,
        signer: str | None = None,
        body: str | None = None,
    ) -> Document:
        """Register an incoming document and give it its số đến.

        ``sender`` names the sender by its code, name or mã định danh, or by the beginning of its
        name or code typed without diacritics ("so noi vu"); several matches are refused with
        the candidates. ``sender_name`` is its full name instead: found whatever its case and
        diacritics, else added in the same transaction with ``sender`` as its code (else a code
        made from the name's initials, "Sở Nội vụ thành phố Hải Phòng" → SNV).
        """
        return documents.receive(
            self.runner,
            code,
            sender=sender,
            sender_name=sender_name,
            on=on,
            subject=subject,
            type_key=type_key,
            deadline=deadline,
            arrived=arrived,
            urgency=urgency,
            secrecy=secrecy,
            signer=signer,
            body=body,
        )

    def fire(
        self,
        ref: str | int,
        trigger: str,
        *,
        note: str | None = None,
        year: int | None = None,
        title: str | None = None,
        authority: str | None = None,
    ) -> Document:
        """Fire any lifecycle transition the document's workflow and the user's roles allow.

        A step that signs (``signs`` in the workflow; "sign" in those vanban ships) records the
        acting user as the signer, with ``title`` ("Chủ tịch") and ``authority`` (TM., KT., Q.…).
        """
        return firing.fire_trigger(
            self.runner, ref, trigger, note=note, year=year, title=title, authority=authority
        )

    def actions(self, ref: str | int, *, year: int | None = None) -> list[tuple[str, str, str]]:
        """(trigger, label, destination label) of the transitions this user may fire now."""
        return looking.actions(self.runner, ref, year=year)

    def get(self, ref: str | int, *, year: int | None = None) -> Document:
        """A document by id ("#12", 12) or code ("90/KH-UBND")."""
        return looking.get(self.runner, ref, year=year)

    def states(self, direction: str | None = None) -> list[tuple[str, str]]:
        """(name, Vietnamese label) of the states a document (of ``direction``: "out" or "in")
        can be in, each once, in lifecycle order: what a status filter offers."""
        return lifecycle.states(self.runner.workflows, direction)

    def state_name(self, text: str) -> str:
        """A lifecycle state from its name or Vietnamese label ("issued", "Đã ban hành")."""
        return lifecycle.state_name(self.runner.workflows, text)

    def attach(
        self,
        ref: str | int,
        *files: str | PathLike[str] | tuple[str, BinaryIO],
        name: str | None = None,
        year: int | None = None,
    ) -> list[Attachment]:
        """Keep files with a document (paths, or (name, binary stream) pairs), all or none: the
        scanned signed copy, the đính kèm files. Each is stored in the register with its size and
        SHA-256, which the attach event records; at most $VANBAN_ATTACHMENT_MB (20 MB) each.
        ``name`` names a single file otherwise than its own name."""
        from vanban.office import attaching

        return attaching.attach(self.runner, ref, files, name=name, year=year)

    def attachments(self, ref: str | int, *, year: int | None = None) -> list[Attachment]:
        """The files kept with a document (or only recorded by their hash), oldest first."""
        from vanban.office import attaching

        return attaching.attachments(self.runner, ref, year=year)

    def attachment(self, ref: str | int, name: str, out: BinaryIO, *, year: int | None = None) -> Attachment:
        """Write a document's file ``name`` to the binary stream ``out``, checked against its
        SHA-256 as it is read (a changed content raises IntegrityBreakError)."""
        from vanban.office import attaching

        return attaching.write_attachment(self.runner, ref, name, out, year=year)

    def history(self, ref: str | int, *, year: int | None = None) -> list[Event]:
        return looking.history(self.runner, ref, year=year)
