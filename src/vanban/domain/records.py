"""What the use cases write, as typed records: a new document, the number it takes, an event.

The store owns the mapping of these records to its columns; mypy checks every field written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple, TypedDict

from vanban.domain.codes import Code
from vanban.domain.model import Direction, Document, Organization, Secrecy, Urgency


def jsonable(value: Any) -> Any:
    """A value as an event's data keeps it: dates as ISO text, quantities as numbers, enums as values."""
    if type(value) in _JSON_NATIVE:
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Urgency | Secrecy):
        return value.value
    return value


_JSON_NATIVE = frozenset({str, int, type(None)})


class EventRecord(NamedTuple):
    """One line of the append-only history, as a use case writes it (the store adds id and time).

    A NamedTuple (immutable, typed) rather than a frozen dataclass: built several times faster,
    and a registration writes two.
    """

    office_id: int
    actor: str
    trigger: str
    document_id: int | None = None
    from_state: str | None = None
    to_state: str | None = None
    note: str | None = None
    data: Mapping[str, Any] | None = None  # None: no data ({} stored)


class Numbered(NamedTuple):
    """The number an outgoing document takes at issue, with its notation and code."""

    number: int
    year: int
    series_key: str
    notation: str
    code: str
    date: dt.date

    def fields(self) -> dict[str, Any]:
        """The document's fields this number sets, by name."""
        return {
            "number": self.number,
            "year": self.year,
            "series_key": self.series_key,
            "notation": self.notation,
            "code": self.code,
            "date": self.date,
        }

    def event_data(self) -> dict[str, Any]:
        """The fields as the issuing event records them."""
        return {
            "number": self.number,
            "year": self.year,
            "series_key": self.series_key,
            "notation": self.notation,
            "code": self.code,
            "date": self.date.isoformat(),
        }


class Arrival(NamedTuple):
    """The số đến an incoming document takes when it is registered."""

    arrival_number: int
    arrival_year: int
    arrival_date: dt.date

    def fields(self) -> dict[str, Any]:
        """The document's fields this số đến sets, by name."""
        return {
            "arrival_number": self.arrival_number,
            "arrival_year": self.arrival_year,
            "arrival_date": self.arrival_date,
        }

    def event_data(self) -> dict[str, Any]:
        """The fields as the registering event records them."""
        return {
            "arrival_number": self.arrival_number,
            "arrival_year": self.arrival_year,
            "arrival_date": self.arrival_date.isoformat(),
        }


Allocation = Numbered | Arrival


class Signature(NamedTuple):
    """Who signs, as given: a field left None is not given (and not changed)."""

    signer_name: str | None = None
    signer_title: str | None = None
    signer_authority: str | None = None

    def given(self) -> dict[str, str]:
        """The fields given, by name."""
        found = {}
        if self.signer_name is not None:
            found["signer_name"] = self.signer_name
        if self.signer_title is not None:
            found["signer_title"] = self.signer_title
        if self.signer_authority is not None:
            found["signer_authority"] = self.signer_authority
        return found


NO_SIGNATURE = Signature()


class DocumentEdit(TypedDict, total=False):
    """The descriptive fields an edit may change, each checked; a field left out is unchanged."""

    subject: str
    unit_code: str | None
    deadline: dt.date | None
    body: str | None
    recipients: list[str]
    urgency: Urgency | None
    secrecy: Secrecy | None
    signer_name: str | None
    signer_title: str | None


class NewDocument(NamedTuple):
    """A document about to enter the register: every stored field but its id.

    Built by :meth:`outgoing`, :meth:`incoming` or :meth:`citation`. ``created_at`` None is the
    unit of work's time on insert (and, when a reference is upgraded in place, its own time kept).
    A NamedTuple (immutable, typed) rather than a frozen dataclass: a frozen dataclass sets its
    28 fields one by one through object.__setattr__, several microseconds of every registration.
    """

    office_id: int
    direction: Direction
    type_key: str | None
    issuer_id: int
    subject: str
    status: str | None
    workflow: str | None
    unit_code: str | None = None
    number: int | None = None
    year: int | None = None
    notation: str | None = None
    code: str | None = None
    series_key: str | None = None
    date: dt.date | None = None
    place: str | None = None
    body: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    signer_authority: str | None = None
    recipients: tuple[str, ...] = ()
    urgency: Urgency | None = None
    secrecy: Secrecy | None = None
    deadline: dt.date | None = None
    arrival_number: int | None = None
    arrival_year: int | None = None
    arrival_date: dt.date | None = None
    reference_only: bool = False
    created_at: dt.datetime | None = None
    number_text: str | None = None  # the number as written when it carries a letter: "12a"

    @classmethod
    def outgoing(
        cls,
        *,
        office: Organization,
        type_key: str,
        subject: str,
        status: str,
        workflow: str,
        unit_code: str | None = None,
        place: str | None = None,
        body: str | None = None,
        recipients: Sequence[str] = (),
        urgency: Urgency | None = None,
        secrecy: Secrecy | None = None,
        deadline: dt.date | None = None,
        signature: Signature = NO_SIGNATURE,
        numbered: Numbered | None = None,
        created_at: dt.datetime | None = None,
    ) -> NewDocument:
        """A document the office issues: a draft, or (``numbered``) one issued with its number."""
        return cls(
            office.id,
            Direction.OUT,
            type_key,
            office.id,
            subject,
            status,
            workflow,
            unit_code,
            numbered.number if numbered else None,
            numbered.year if numbered else None,
            numbered.notation if numbered else None,
            numbered.code if numbered else None,
            numbered.series_key if numbered else None,
            numbered.date if numbered else None,
            place or office.place,
            body,
            signature.signer_name,
            signature.signer_title,
            signature.signer_authority,
            tuple(recipients),
            urgency,
            secrecy,
            deadline,
            created_at=created_at,
        )

    @classmethod
    def incoming(
        cls,
        *,
        office_id: int,
        sender_id: int,
        code: Code,
        year: int,
        type_key: str,
        subject: str,
        date: dt.date,
        status: str,
        workflow: str,
        arrival: Arrival | None = None,
        place: str | None = None,
        body: str | None = None,
        signature: Signature = NO_SIGNATURE,
        urgency: Urgency | None = None,
        secrecy: Secrecy | None = None,
        deadline: dt.date | None = None,
        created_at: dt.datetime | None = None,
    ) -> NewDocument:
        """A document received from ``sender_id``, registered with its số đến when ``arrival`` is given."""
        return cls(
            office_id,
            Direction.IN,
            type_key,
            sender_id,
            subject,
            status,
            workflow,
            None,
            code.number,
            year,
            code.notation,
            str(code),
            None,
            date,
            place,
            body,
            signature.signer_name,
            signature.signer_title,
            signature.signer_authority,
            (),
            urgency,
            secrecy,
            deadline,
            arrival.arrival_number if arrival else None,
            arrival.arrival_year if arrival else None,
            arrival.arrival_date if arrival else None,
            created_at=created_at,
            number_text=code.lettered,
        )

    @classmethod
    def citation(cls, *, office_id: int, issuer_id: int, code: Code, on: dt.date | None) -> NewDocument:
        """A document cited but not held (30/2020/NĐ-CP): a code, no lifecycle."""
        return cls(
            office_id,
            Direction.IN,
            code.type_key,
            issuer_id,
            "",
            None,
            None,
            number=code.number,
            year=code.year or (on.year if on else None),
            notation=code.notation,
            code=str(code),
            date=on,
            reference_only=True,
            number_text=code.lettered,
        )

    @classmethod
    def act(
        cls, *, office_id: int, issuer_id: int, type_key: str | None, title: str, on: dt.date
    ) -> NewDocument:
        """An act cited by name and date without a number ("Luật Đất đai ngày 18/01/2024"): no
        code, its title as the subject."""
        return cls(
            office_id,
            Direction.IN,
            type_key,
            issuer_id,
            title,
            None,
            None,
            year=on.year,
            date=on,
            reference_only=True,
        )

    def document(self, doc_id: int, issuer: Organization) -> Document:
        """The Document this record became once inserted as ``doc_id`` (built, not read back)."""
        return Document(
            doc_id,
            self.office_id,
            self.direction,
            self.type_key,
            self.issuer_id,
            issuer.code,
            issuer.name,
            self.subject,
            self.status,
            self.workflow,
            self.unit_code,
            self.number,
            self.year,
            self.notation,
            self.code,
            self.series_key,
            self.date,
            self.place,
            self.body,
            self.signer_name,
            self.signer_title,
            self.signer_authority,
            list(self.recipients),
            self.urgency,
            self.secrecy,
            self.deadline,
            self.arrival_number,
            self.arrival_year,
            self.arrival_date,
            self.reference_only,
            self.created_at,
            self.number_text,
        )
