"""Finding documents: the words of a query without diacritics, and the filters of a listing.

The store keeps a full-text index of every document (office.ports.SearchIndex) and answers
with the matches ranked; here a person's query is read (domain.search) and each hit is told
with the places of the matched words in its subject, for the command line and the web to mark.
The filters are one set for ``list`` and ``search`` (listing_filter).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from vanban.domain import text as texts
from vanban.domain.dates import as_date, short, today
from vanban.domain.model import Direction, Document, User
from vanban.domain.search import Query, matched_spans, read_query
from vanban.domain.text import parse_int
from vanban.domain.types import get_type
from vanban.errors import InputError, NotFoundError
from vanban.office.inputs import about, as_str, required_text, year_of
from vanban.office.lifecycle import state_name, status_label
from vanban.office.ports import UnitOfWork
from vanban.office.queries import DocumentFilter
from vanban.office.runner import Runner
from vanban.office.senders import sender_named

DEFAULT_LIMIT = 50
_DIRECTIONS = {d.value: d for d in Direction}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One document a search found, with where its subject matched the query's words."""

    document: Document
    status_label: str
    exact: bool  # its code is the query ("542 UBND VHXH" for 542/UBND-VHXH)
    query: Query

    @property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each matched word in the subject: found when asked for (the command
        line marks them; a page of results or the API's list never asks, and folding 50
        subjects character by character cost a search page about as much as its rendering)."""
        return matched_spans(self.document.subject, self.query)


@dataclass(frozen=True, slots=True)
class Filters:
    """What a listing or a search keeps, as given to the API (checked by listing_filter)."""

    type_key: str | None = None
    status: str | None = None
    year: int | None = None
    direction: Direction | str | None = None
    limit: int | None = None
    unit: str | None = None
    date_from: date | str | None = None
    date_to: date | str | None = None
    sender: str | None = None
    signer: str | None = None
    deadline_before: date | str | None = None
    overdue: bool = False


def listing_filter(runner: Runner, given: Filters) -> Callable[[UnitOfWork, User], DocumentFilter]:
    """The filters checked now; what needs the register (the unit, the sender) checked when the
    returned function builds the DocumentFilter inside the unit of work."""
    with about("type"):
        key = get_type(as_str(given.type_key, "loại văn bản")).key if given.type_key is not None else None
    with about("status"):
        state = (
            state_name(runner.workflows, as_str(given.status, "trạng thái"))
            if given.status is not None
            else None
        )
    year = year_of(given.year)
    direction = given.direction
    if direction is not None and not isinstance(direction, Direction):
        with about("direction"):
            found = _DIRECTIONS.get(as_str(direction, "chiều").strip().lower())
        if found is None:
            raise InputError(
                f"Không có chiều «{direction}».",
                hint="Chọn out (văn bản đi) hoặc in (văn bản đến).",
                field="direction",
            )
        direction = found
    limit = given.limit
    if limit is not None:
        with about("limit"):
            limit = parse_int(limit, "số dòng", low=1, high=texts.MAX_LIMIT, example="Ví dụ: --limit 50.")
    with about("date_from"):
        start = as_date(given.date_from, "ngày bắt đầu")
    with about("date_to"):
        end = as_date(given.date_to, "ngày kết thúc")
    if start and end and end < start:
        raise InputError(
            f"Khoảng ngày ngược: từ {short(start)} đến {short(end)}.",
            hint="Ngày sau --to phải từ ngày sau --from trở đi.",
            field="date_to",
        )
    with about("deadline_before"):
        before = as_date(given.deadline_before, "hạn trước ngày")
    with about("unit"):
        unit_text = required_text(given.unit, texts.PERSON_OR_UNIT) if given.unit is not None else None
    with about("sender"):
        sender_text = required_text(given.sender, texts.ORG_NAME) if given.sender is not None else None
    with about("signer"):
        signer_text = required_text(given.signer, texts.SIGNER) if given.signer is not None else None
    open_states = tuple((wf.name, tuple(sorted(wf.open_states()))) for wf in runner.workflows)
    overdue_on = today() if given.overdue else None  # Vietnam's today, as the leadership view's

    def make(uow: UnitOfWork, user: User) -> DocumentFilter:
        unit_code = None
        if unit_text is not None:
            found = uow.units.get(user.office_id, unit_text)
            if found is None:
                raise NotFoundError(
                    f"Không có đơn vị «{unit_text}».", hint="Xem các đơn vị: vanban unit list.", field="unit"
                )
            unit_code = found.code
        issuers = None
        if sender_text is not None:
            # Read as receive reads --from: the form a clerk types there finds what they received.
            with about("sender"):
                try:
                    issuers = (sender_named(uow, sender_text, "--sender").id,)
                except NotFoundError as error:
                    # A filter adds nothing: the hint points at the list, not at adding a sender.
                    raise NotFoundError(
                        error.message,
                        hint="Ghi mã, tên hoặc phần đầu tên của cơ quan gửi; xem: vanban org list.",
                        field="sender",
                    ) from None
        return DocumentFilter(
            type_key=key,
            status=state,
            year=year,
            direction=direction,
            limit=limit,
            unit=unit_code,
            date_from=start,
            date_to=end,
            issuer_ids=issuers,
            signer=signer_text,
            deadline_before=before,
            overdue_on=overdue_on,
            open_states=open_states,
        )

    return make


def search(runner: Runner, text: str, given: Filters) -> list[SearchHit]:
    """Documents whose code, subject, sender, signer, body, notes or outcomes hold every word
    of ``text`` (without diacritics or case, the last word also as a prefix), best first."""
    with about("q"):
        query = read_query(text)
    make = listing_filter(runner, given)
    if query is None:
        runner.read(make)  # a query of punctuation finds nothing, but the filters are checked
        return []

    def work(uow: UnitOfWork, user: User) -> list[SearchHit]:
        flt = make(uow, user)
        return [
            SearchHit(doc, status_label(runner.workflows, doc), exact, query)
            for doc, exact in uow.search.find(query, user.office_id, flt, flt.limit or DEFAULT_LIMIT)
        ]

    return runner.read(work)
