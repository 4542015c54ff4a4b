"""What makes the register tamper-evident, as plain Python: the fields frozen once a document is
recorded, the canonical encoding of an event and the hash chaining it to the one before.

A document is *recorded* once it is issued with its number (outgoing) or registered with its số
đến (incoming): from then on its record fields never change (Nghị định 30: a number once issued
is never given again, errors are corrected by another document). The database refuses an UPDATE
of them (triggers, migration 0005) and the event that records a document carries their values
(``record``), which the hash chain covers: ``verify`` finds a row changed behind vanban's back.

Every event of an office carries its position ``seq`` in the office's chain and
``hash = SHA-256(previous hash + canonical encoding of the event)``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import orjson

# The hash before an office's first event.
GENESIS = "0" * 64

# The fields (document columns) that make the record, frozen once it is recorded.
FROZEN_FIELDS: tuple[str, ...] = (
    "office_id",
    "direction",
    "type_key",
    "issuer_id",
    "unit_code",
    "number",
    "number_text",
    "year",
    "notation",
    "code",
    "series_key",
    "date",
    "place",
    "subject",
    "body",
    "signer_name",
    "signer_title",
    "signer_authority",
    "recipients",
    "urgency",
    "secrecy",
    "arrival_number",
    "arrival_year",
    "arrival_date",
    "reference_only",
)

FIELD_LABELS: dict[str, str] = {
    "office_id": "cơ quan giữ sổ",
    "direction": "chiều (đi/đến)",
    "type_key": "loại văn bản",
    "issuer_id": "cơ quan ban hành",
    "unit_code": "đơn vị soạn thảo",
    "number": "số",
    "number_text": "số (có chữ)",
    "year": "năm",
    "notation": "ký hiệu",
    "code": "số, ký hiệu",
    "series_key": "sổ số",
    "date": "ngày văn bản",
    "place": "địa danh",
    "subject": "trích yếu",
    "body": "nội dung",
    "signer_name": "người ký",
    "signer_title": "chức vụ người ký",
    "signer_authority": "thẩm quyền ký",
    "recipients": "nơi nhận",
    "urgency": "mức độ khẩn",
    "secrecy": "độ mật",
    "arrival_number": "số đến",
    "arrival_year": "năm đến",
    "arrival_date": "ngày đến",
    "reference_only": "chỉ dẫn chiếu",
    "deadline": "thời hạn giải quyết",
    "status": "trạng thái",
}


def is_recorded(direction: str, number: int | None, arrival_number: int | None, reference_only: bool) -> bool:
    """Whether a document's record is frozen: numbered (outgoing) or given its số đến (incoming).

    The triggers of migration 0005 test the same condition on the row as it was before an UPDATE.
    """
    if reference_only:
        return False
    return (number if direction == "out" else arrival_number) is not None


def plain(value: Any) -> Any:
    """A value as JSON keeps it: dates as ISO text, enumerations by value, tuples as lists."""
    if value is None or type(value) in (str, int, bool, float):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def record_of(fields: Mapping[str, Any] | Any) -> dict[str, Any]:
    """The record fields of a document (a mapping of its columns, a Document or a NewDocument)
    that hold a value, as they are: the event's data is stored as JSON, which writes dates as ISO
    text, enumerations by value and tuples as lists (``plain`` gives the same values in Python).
    An empty field (None, no recipients, not a reference) is left out: it reads back as empty."""
    kind = type(fields)
    pick = _GETTERS[kind] if kind in _GETTERS else _record_getter(kind)
    values: Iterable[Any]
    if pick is not None:
        values = pick(fields)
    elif isinstance(fields, Mapping):
        get = fields.get
        values = (get(name) for name in FROZEN_FIELDS)
    else:
        values = (getattr(fields, name, None) for name in FROZEN_FIELDS)
    return {
        name: value
        for name, value in zip(FROZEN_FIELDS, values, strict=True)
        if value is not None and value is not False and not (type(value) in _SEQUENCES and not value)
    }


_SEQUENCES = (tuple, list)
_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]] | None] = {}


def _record_getter(kind: type) -> Callable[[Any], tuple[Any, ...]] | None:
    """For a NamedTuple holding every record field (NewDocument), the record's values by position
    in one C call, where 25 getattr calls cost a registration several microseconds; else None."""
    names = getattr(kind, "_fields", None)
    found = None
    if issubclass(kind, tuple) and names is not None and all(name in names for name in FROZEN_FIELDS):
        found = operator.itemgetter(*(names.index(name) for name in FROZEN_FIELDS))
    _GETTERS[kind] = found
    return found


def _filled(value: Any) -> Any:
    return None if value is False or value in ([], "") else value


def record_changes(recorded: Mapping[str, Any], now: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, recorded value, value now) for each record field that differs (values compared as
    JSON keeps them)."""
    current = plain(now)
    return [
        (name, recorded.get(name), current.get(name))
        for name in FROZEN_FIELDS
        if _filled(recorded.get(name)) != _filled(current.get(name))
    ]


_DUMPS = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
_ascii_string: Callable[[str], str] = json.encoder.encode_basestring_ascii


class _Stamp:
    """An event's time as text. A unit of work writes all its events at one time: the text is
    made once for them."""

    __slots__ = ("last",)

    def __init__(self) -> None:
        self.last: tuple[dt.datetime | None, str] = (None, "")

    def __call__(self, at: dt.datetime) -> str:
        seen, text = self.last
        if at is not seen:
            # The time's own fields to the second, without its zone. A naive time (every time
            # vanban writes or reads back) is cut from isoformat: replace() with keywords alone
            # cost 10,000 instructions a registration (callgrind).
            if at.tzinfo is None:
                text = at.isoformat(" ", "seconds")
            else:
                text = at.replace(microsecond=0, tzinfo=None).isoformat(" ")
            self.last = (at, text)  # one assignment: another thread sees the old pair or the new
        return text


_stamp = _Stamp()


def canonical_event(
    office_id: int,
    seq: int,
    document_id: int | None,
    actor: str,
    at: dt.datetime,
    trigger: str,
    from_state: str | None,
    to_state: str | None,
    note: str | None,
    data: str | bytes | None,
    channel: str | None = None,
) -> bytes:
    """An event's content as the bytes its hash is taken of: its fields as one JSON array (ASCII,
    other characters as \\u escapes), a newline, then the text of its data exactly as stored.

    The channel it came through (``web``, ``api``, ``cli``; migration 0010) ends the array when
    there is one: events written before it had none and keep the hash they were sealed with.

    The time counts to the second (MariaDB's DATETIME keeps no fraction). ``data`` is the JSON
    text the database keeps (every engine keeps a JSON value's text as written), so any change
    to it, even one that reads back as equal JSON, breaks the chain. A writer holding that text
    as UTF-8 bytes gives the bytes, which are then not encoded again.
    """
    fields: tuple[Any, ...] = (
        office_id,
        seq,
        document_id,
        actor,
        _stamp(at),
        trigger,
        from_state,
        to_state,
        note,
    )
    if channel is not None:
        fields += (channel,)
    if data is None:
        utf8 = b"null"
    elif isinstance(data, str):
        utf8 = data.encode()
    else:
        utf8 = data
    return _array(fields) + b"\n" + utf8


_PLAIN_TYPES = frozenset({int, str, type(None)})


def _array(fields: tuple[Any, ...]) -> bytes:
    """``fields`` (ints, texts and None) as the JSON array _DUMPS writes, the same bytes.

    orjson writes ints, None and texts of printable ASCII exactly as _DUMPS does, in a sixth of
    the instructions; it is used only for values of exactly those types, and its output only
    when it is all printable ASCII, as _DUMPS's is (orjson writes other characters as UTF-8 and
    DEL as it is, where _DUMPS writes \\u escapes). Otherwise each value is written here (texts
    by the json module's own C function, without the encoder's machinery), and any other kind
    of value by _DUMPS.
    """
    if _PLAIN_TYPES.issuperset(map(type, fields)):
        try:
            fast = orjson.dumps(fields)
        except TypeError:  # an int beyond 64 bits
            fast = b"\x80"
        if fast.isascii() and b"\x7f" not in fast:
            return fast
    parts = []
    for value in fields:
        kind = type(value)
        if kind is str:
            parts.append(_ascii_string(value))
        elif kind is int:
            parts.append(int.__repr__(value))
        elif value is None:
            parts.append("null")
        else:
            return _DUMPS(list(fields)).encode("ascii")
    return ("[" + ",".join(parts) + "]").encode("ascii")


def chain_hash(previous: str, content: bytes) -> str:
    """SHA-256 of the previous event's hash and this event's canonical content, in hex."""
    digest = hashlib.sha256(previous.encode("ascii"))
    digest.update(content)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class ChainedEvent:
    """An event as the chain check reads it."""

    id: int
    office_id: int
    seq: int | None
    hash: str | None
    document_id: int | None
    actor: str
    at: dt.datetime
    trigger: str
    from_state: str | None
    to_state: str | None
    note: str | None
    data: str | None  # the data's JSON text, as stored
    channel: str | None = None


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first place an office's chain does not hold: the event and what is wrong there."""

    event: ChainedEvent | None
    what: str  # "changed", "missing", "order", "head"
    expected_seq: int


def first_break(
    events: Iterable[ChainedEvent], head: tuple[int, str] | None
) -> tuple[ChainBreak | None, int]:
    """Walk one office's events in chain order; the first break (None when intact) and the count read.

    ``head`` is the office's chain head as stored (last seq, last hash): events removed from the
    end of the chain show there.
    """
    previous, expected, count = GENESIS, 1, 0
    for event in events:
        count += 1
        if event.seq is None or event.hash is None:
            return ChainBreak(event, "unsealed", expected), count
        if event.seq > expected:
            return ChainBreak(event, "missing", expected), count
        if event.seq < expected:
            return ChainBreak(event, "order", expected), count
        content = canonical_event(
            event.office_id,
            event.seq,
            event.document_id,
            event.actor,
            event.at,
            event.trigger,
            event.from_state,
            event.to_state,
            event.note,
            event.data,
            event.channel,
        )
        computed = chain_hash(previous, content)
        if computed != event.hash:
            return ChainBreak(event, "changed", expected), count
        previous, expected = event.hash, expected + 1
    last_seq = expected - 1
    if head is not None and (head[0] != last_seq or (last_seq and head[1] != previous)):
        return ChainBreak(None, "head", expected), count
    return None, count


def seal(previous: str, seq: int, rows: Sequence[dict[str, Any]], *, time_key: str = "at") -> tuple[int, str]:
    """Give each event row (a mapping of its columns, ``data`` as the JSON text to be stored or
    that text's UTF-8 bytes) its ``seq`` and ``hash``, in order, after ``previous`` at ``seq``;
    the new head (seq, hash)."""
    for row in rows:
        seq += 1
        row["seq"] = seq
        previous = row["hash"] = chain_hash(
            previous,
            canonical_event(
                row["office_id"],
                seq,
                row["document_id"],
                row["actor"],
                row[time_key],
                row["trigger"],
                row["from_state"],
                row["to_state"],
                row["note"],
                row["data"],
                row.get("channel"),
            ),
        )
    return seq, previous
