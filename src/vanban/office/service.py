"""``Office``: the register of one office as one user — the API other software calls.

office = Office("commune.sqlite", user="vanthu")
doc = office.draft("KH", subject="Tổ chức Ngày Chuyển đổi số", unit="VHXH")
office.issue(doc.id, on=date(2025, 9, 29))

A thin façade: each method hands plain values to a use case of ``office/`` (admin, documents,
handling, looking, status), which runs in one unit of work through ``self.runner``. The store
is wired by ``office.bootstrap``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from vanban.domain.attachments import Attachment
from vanban.domain.model import (
    Assignment,
    Direction,
    Document,
    Event,
    LinkKind,
    Organization,
    Outcome,
    Role,
    Secrecy,
    SeriesState,
    Unit,
    Urgency,
    User,
)
from vanban.domain.numbering import Policy
from vanban.domain.workflow import Workflow, Workflows
from vanban.errors import SchemaError
from vanban.office import admin, documents, dossier, handling, lifecycle, looking, searching
from vanban.office.bootstrap import sql_store
from vanban.office.roles import ADMIN_ROLES, ASSIGN_ROLES, CLERK_ROLES, WRITE_ROLES
from vanban.office.runner import Runner, configured_workflows, translated
from vanban.office.searching import Filters, SearchHit
from vanban.office.status import StatusReport
from vanban.office.status import status as status_report

if TYPE_CHECKING:
    from types import TracebackType

    from vanban.office.book_import import BookImport
    from vanban.office.dossier import Dossier
    from vanban.office.integrity import Verification
    from vanban.office.trace import Trace
    from vanban.store.engine import Connection, Engine

__all__ = [
    "ADMIN_ROLES",
    "ASSIGN_ROLES",
    "CLERK_ROLES",
    "UNCHANGED",
    "WRITE_ROLES",
    "Office",
    "Unchanged",
    "configured_workflows",
]


class Unchanged(Enum):
    """What ``Office.edit`` gets for a field left out: the field keeps its value."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


class Office:
    """The register of one office, acting as one user.

    ``db`` is a SQLite path or a database URL (vanban makes the engine and disposes of it on
    ``close``), or a host application's SQLAlchemy ``Engine`` or ``Connection``, used as they are
    and never closed here. On a Connection inside a transaction every use case runs in that
    transaction, committed or rolled back with the host's own work (docs/embedding.md).
    ``prefix`` (and, on PostgreSQL, ``schema``) name vanban's tables beside a host's own.
    ``channel`` (``web``, ``api``, ``cli``) is where the user acts from, written into every
    event; vanban's own front ends set it. ``with Office(...) as office:`` closes it on leaving.
    """

    def __init__(
        self,
        db: str | Path | Engine | Connection,
        *,
        user: str | None = None,
        workflows: Workflows | None = None,
        prefix: str | None = None,
        schema: str | None = None,
        channel: str | None = None,
    ) -> None:
        self.store = sql_store(db, create=False, prefix=prefix, schema=schema)
        """The SQL store this office works on (wired by ``office.bootstrap``)."""
        self.engine: Engine = self.store.engine
        self.runner = Runner(self.store, user, workflows or configured_workflows(), channel=channel)
        """Runs each use case in one unit of work as this office's user: the door the use-case
        functions of ``office/`` (and ``import_files``, ``draft_report``…) take."""

    @property
    def login(self) -> str | None:
        """The login this office acts as (None: the first admin)."""
        return self.runner.login

    @property
    def channel(self) -> str | None:
        """Where this office's user acts from, as its events record it: ``web``, ``api`` or
        ``cli``; None for a program calling vanban (``channel=`` when opening it)."""
        return self.runner.channel

    @property
    def workflows(self) -> Workflows:
        return self.runner.workflows

    # ------------------------------------------------------------------ plumbing

    def as_user(self, login: str, *, channel: str | None = None) -> Office:
        """The same register, acting as another user, through ``channel`` (else this office's)."""
        other = Office(self.store.bind, user=login, workflows=self.workflows, channel=channel or self.channel)
        other.runner.checked = self.runner.checked
        return other

    def close(self) -> None:
        """Let go of the database: an engine vanban made is disposed of, a host's is left open."""
        self.store.close()

    def __enter__(self) -> Office:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ setup

    @classmethod
    def init(
        cls,
        db: str | Path | Engine | Connection,
        *,
        org: str,
        name: str,
        place: str,
        parent: str | None = None,
        login: str = "admin",
        full_name: str | None = None,
        numbering: Policy | str = Policy.PER_TYPE,
        madinhdanh: str | None = None,
        prefix: str | None = None,
        schema: str | None = None,
        another_office: bool = False,
        channel: str | None = None,
    ) -> Office:
        """Create (or upgrade) the database with its own office and first admin user; the
        parent body is registered as an organization.

        ``db``, ``prefix``, ``schema`` and ``channel`` as for ``Office``: on a host's Connection
        in a transaction the schema and the office are made inside it. A register that keeps another
        office gets a second one only with ``another_office``.
        """
        given = admin.founding(
            org=org,
            name=name,
            place=place,
            parent=parent,
            login=login,
            full_name=full_name,
            numbering=numbering,
            madinhdanh=madinhdanh,
        )
        store = sql_store(db, create=True, prefix=prefix, schema=schema)
        try:
            translated(store, store.upgrade)
            office = cls(store.bind, user=given.login, channel=channel)
            office.store.owns_engine = store.owns_engine
            office.runner.checked = True
            translated(store, lambda: admin.found(office.runner, given, another_office=another_office))
        except BaseException:
            if store.owns_engine:
                store.engine.dispose()
            raise
        return office

    @staticmethod
    def upgrade(
        db: str | Path | Engine | Connection, *, prefix: str | None = None, schema: str | None = None
    ) -> tuple[str | None, str]:
        """Bring an existing register to the newest schema; (version before, version after).

        ``db``, ``prefix`` and ``schema`` as for ``Office``.
        """
        store = sql_store(db, create=False, prefix=prefix, schema=schema)
        try:
            before = translated(store, store.revision)
            if before is None:
                raise SchemaError(
                    "Cơ sở dữ liệu chưa được khởi tạo, không có gì để nâng cấp.",
                    hint='Chạy: vanban init --org UBND --name "Ủy ban nhân dân xã …" --place "…".',
                )
            translated(store, store.upgrade)
            return before, store.head
        finally:
            if store.owns_engine:
                store.engine.dispose()

    def me(self) -> User:
        """The user this office acts as."""
        return looking.me(self.runner)

    def office(self) -> Organization:
        """The own organization of the current user."""
        return looking.own_office(self.runner)

    def add_org(
        self,
        code: str,
        name: str,
        *,
        parent: str | None = None,
        place: str | None = None,
        madinhdanh: str | None = None,
        own: bool = False,
    ) -> Organization:
        """Add an organization (external by default; ``own`` for another office kept here)."""
        return admin.add_org(
            self.runner, code, name, parent=parent, place=place, madinhdanh=madinhdanh, own=own
        )

    def orgs(self) -> list[Organization]:
        return looking.orgs(self.runner)

    def add_unit(self, code: str, name: str) -> Unit:
        return admin.add_unit(self.runner, code, name)

    def units(self) -> list[Unit]:
        return looking.units(self.runner)

    def add_user(self, login: str, *, name: str, roles: Iterable[Role | str]) -> User:
        return admin.add_user(self.runner, login, name=name, roles=roles)

    def users(self) -> list[User]:
        return looking.users(self.runner)

    # ------------------------------------------------------------------ series

    def set_series(self, type_key: str, *, year: int, next_number: int, secret: bool = False) -> SeriesState:
        """Where a series continues ("the next KH is 90"; "DEN": the next số đến is 1200), for an
        office adopting vanban mid-year."""
        return admin.set_series(self.runner, type_key, year=year, next_number=next_number, secret=secret)

    def next_in_series(self, type_key: str, *, year: int | None = None, secret: bool = False) -> SeriesState:
        """The series the next ``type_key`` ("DEN": the next số đến) would take its number from,
        read without taking it: its next number is ``last_number + 1``. Year: this year."""
        return admin.next_in_series(self.runner, type_key, year=year, secret=secret)

    def set_policy(self, policy: Policy) -> None:
        """One series per type, or one shared series (secret documents stay apart either way)."""
        admin.set_policy(self.runner, policy)

    def series(self, year: int | None = None) -> list[SeriesState]:
        return looking.series(self.runner, year)

    def office_events(self) -> list[Event]:
        """Events not tied to a document: series changes, users, organizations."""
        return looking.office_events(self.runner)

    # ------------------------------------------------------------------ documents

    def workflow_of(self, doc: Document) -> Workflow | None:
        return lifecycle.workflow_of(self.workflows, doc)

    def status_label(self, doc: Document) -> str:
        return lifecycle.status_label(self.workflows, doc)

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
        return documents.fire_trigger(
            self.runner, ref, trigger, note=note, year=year, title=title, authority=authority
        )

    def actions(self, ref: str | int, *, year: int | None = None) -> list[tuple[str, str, str]]:
        """(trigger, label, destination label) of the transitions this user may fire now."""
        return looking.actions(self.runner, ref, year=year)

    def get(self, ref: str | int, *, year: int | None = None) -> Document:
        """A document by id ("#12", 12) or code ("90/KH-UBND")."""
        return looking.get(self.runner, ref, year=year)

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
        type, status, year, direction, drafting unit, dates from/to, sender (code or name),
        signer (a part of the name), deadline before a day, overdue (open and past the deadline)."""
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

    def state_name(self, text: str) -> str:
        """A lifecycle state from its name or Vietnamese label ("issued", "Đã ban hành")."""
        return lifecycle.state_name(self.workflows, text)

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
        from vanban.office.integrity import verify_register

        self.runner.check_schema()
        store = self.store
        try:
            with store.unit_of_work(read_only=True) as uow:
                return verify_register(uow)
        except Exception as exc:
            found = store.translate(exc)
            if found is not None:
                raise found from exc
            raise

    def backup(self, target: str | Path) -> Verification:
        """Copy a SQLite register to the new file ``target`` while others keep writing, and
        verify the copy (servers: their own dump tools, see README)."""
        from vanban.office.integrity import backup_register

        self.runner.check_schema()
        return backup_register(self.store, Path(target), self.workflows)

    def edit(
        self,
        ref: str | int,
        *,
        year: int | None = None,
        subject: str | Unchanged = UNCHANGED,
        unit: str | Unchanged | None = UNCHANGED,
        deadline: date | str | Unchanged | None = UNCHANGED,
        body: str | Unchanged | None = UNCHANGED,
        recipients: Sequence[str] | Unchanged = UNCHANGED,
        urgency: Urgency | str | Unchanged | None = UNCHANGED,
        secrecy: Secrecy | str | Unchanged | None = UNCHANGED,
        signer_name: str | Unchanged | None = UNCHANGED,
        signer_title: str | Unchanged | None = UNCHANGED,
    ) -> Document:
        """Change descriptive fields; the history keeps old and new. A field left out keeps its value."""
        given = {
            "subject": subject,
            "unit": unit,
            "deadline": deadline,
            "body": body,
            "recipients": recipients,
            "urgency": urgency,
            "secrecy": secrecy,
            "signer_name": signer_name,
            "signer_title": signer_title,
        }
        fields = {k: v for k, v in given.items() if v is not UNCHANGED}
        return documents.edit(self.runner, ref, fields, year=year)

    # ------------------------------------------------------------------ links, assignments, outcomes

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

    def assignments(self, ref: str | int, *, year: int | None = None) -> list[Assignment]:
        return looking.assignments(self.runner, ref, year=year)

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

    def outcomes(self, ref: str | int, *, year: int | None = None) -> list[Outcome]:
        return looking.outcomes(self.runner, ref, year=year)

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

        return import_book(
            self.runner, self.workflows, Path(path), direction=direction, mapping=mapping, partial=partial
        )

    def dossier(self, ref: str | int, *, year: int | None = None) -> Dossier:
        """A document's whole story: links both ways, current assignment and days left, outcomes,
        attachments, and the lifecycle steps this user may take next."""
        return dossier.dossier(self.runner, ref, year=year)

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
