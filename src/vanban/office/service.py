"""``Office``: the register of one office as one user — the API other software calls.

office = Office("commune.sqlite", user="vanthu")
doc = office.draft("KH", subject="Tổ chức Ngày Chuyển đổi số", unit="VHXH")
office.issue(doc.id, on=date(2025, 9, 29))

A thin façade: this module opens and creates registers (``Office``, ``init``, ``upgrade``) and
names every public method; their bodies, grouped by job in ``office/facade/`` (set-up,
documents, reading, handling, trust), hand plain values to a use case of ``office/``, which
runs in one unit of work through ``self.runner``. The store is wired by ``office.bootstrap``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from vanban.domain.model import Document, Secrecy, Urgency
from vanban.domain.numbering import Policy
from vanban.domain.workflows import Workflows
from vanban.errors import SchemaError
from vanban.office import admin
from vanban.office.bootstrap import sql_store
from vanban.office.documents import edit as edit_document
from vanban.office.facade.documents import DocumentMethods
from vanban.office.facade.handling import HandlingMethods
from vanban.office.facade.reading import ReadingMethods
from vanban.office.facade.setup import SetUpMethods
from vanban.office.facade.trust import TrustMethods
from vanban.office.roles import ADMIN_ROLES, ASSIGN_ROLES, CLERK_ROLES, WRITE_ROLES
from vanban.office.runner import Runner, configured_workflows, translated

if TYPE_CHECKING:
    from types import TracebackType

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


class Office(SetUpMethods, DocumentMethods, ReadingMethods, HandlingMethods, TrustMethods):
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

    # The public methods, grouped by job: the bodies are in office/facade/, each handing plain
    # values to a use case. Naming them here keeps this class the index of the API (and pdoc
    # documents each as Office's own, with its signature and docstring).

    # set-up: the office, organizations, units, users, series
    me = SetUpMethods.me
    office = SetUpMethods.office
    add_org = SetUpMethods.add_org
    orgs = SetUpMethods.orgs
    add_unit = SetUpMethods.add_unit
    units = SetUpMethods.units
    add_user = SetUpMethods.add_user
    set_user_title = SetUpMethods.set_user_title
    users = SetUpMethods.users
    set_series = SetUpMethods.set_series
    next_in_series = SetUpMethods.next_in_series
    set_policy = SetUpMethods.set_policy
    series = SetUpMethods.series
    office_events = SetUpMethods.office_events

    # documents: a document's life and state
    workflow_of = DocumentMethods.workflow_of
    status_label = DocumentMethods.status_label
    draft = DocumentMethods.draft
    draft_copy = DocumentMethods.draft_copy
    issue = DocumentMethods.issue
    register = DocumentMethods.register
    receive = DocumentMethods.receive
    fire = DocumentMethods.fire
    actions = DocumentMethods.actions
    get = DocumentMethods.get
    documents = ReadingMethods.documents
    search = ReadingMethods.search
    state_name = DocumentMethods.state_name
    states = DocumentMethods.states
    attach = DocumentMethods.attach
    attachments = DocumentMethods.attachments
    attachment = DocumentMethods.attachment
    history = DocumentMethods.history

    # trust: corrections, verification, backup
    recall = TrustMethods.recall
    replace = TrustMethods.replace
    correct = TrustMethods.correct
    verify = TrustMethods.verify
    backup = TrustMethods.backup

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
        return edit_document(self.runner, ref, fields, year=year)

    # handling: links, assignments, outcomes; a book brought in; a document's story
    link = HandlingMethods.link
    assign = HandlingMethods.assign
    assignments = ReadingMethods.assignments
    add_outcome = HandlingMethods.add_outcome
    outcomes = ReadingMethods.outcomes
    import_book = TrustMethods.import_book
    dossier = ReadingMethods.dossier
    document_view = ReadingMethods.document_view
    trace = ReadingMethods.trace
    status = ReadingMethods.status
