"""The register as it stood at the end of a past day (Vietnam time), rebuilt from its events.

Which day an event counts on (docs/design.md, "A status as of a date"):

- The event that records a document — an outgoing one issued with its number, an incoming one
  registered with its số đến — counts on the document's legal date: its ngày ban hành, its ngày
  đến. The register books and the numbering go by those dates, and a register typed in after
  the fact (an office adopting vanban in November, a pile of late mail) must show September as
  it legally was, not as the day it was typed.
- The steps a recording causes in the same transaction (the directive a report marks reported,
  the incoming letter an answer marks done) count on that same legal date.
- What happened to a document before it was recorded (drafted, submitted, signed; received)
  counts no later than its recording, and what happened after it no earlier.
- Everything else — assignments, links made to an issued document, recalls, steps taken by hand —
  counts on the day it was written in the register: that is when the office knew it.
- An outcome counts on its own date where it has one.

A document with no event counting by then is not in the register of that day; its state is the
one its last event counting by then reached (in the order the events were written).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from vanban.domain.dates import VIETNAM
from vanban.domain.links import CARRYING_OUT_KINDS, CLOSING_REPORT_KINDS, INTERIM_REPORT_KINDS
from vanban.domain.workflows import Workflows
from vanban.office.queries import HistoryRows

# Vietnam keeps one offset all year (domain.dates): an event's day is its UTC time moved by it.
_OFFSET = VIETNAM.utcoffset(datetime(2000, 1, 1))
_CARRYING_OUT = frozenset(CARRYING_OUT_KINDS)
_CLOSING = frozenset(CLOSING_REPORT_KINDS)
_INTERIM = frozenset(INTERIM_REPORT_KINDS)


def local_day(at: datetime) -> date:
    """The day in Vietnam of a stored UTC time."""
    return (at + _OFFSET).date() if _OFFSET is not None else at.date()


@dataclass(frozen=True, slots=True)
class Standing:
    """A document as it stood at the end of the day: its state and what the leadership view reads."""

    state: str
    lead: str | None
    lead_deadline: date | None
    implementing: int
    outcomes: int
    reported: bool
    interim_reports: int = 0


def rebuild(rows: HistoryRows, workflows: Workflows, day: date) -> dict[int, Standing]:
    """Every document of ``rows`` in the register at the end of ``day``, with how it stood."""
    docs = {r[0]: r for r in rows.documents}
    numbering = {wf.name: wf.numbering_state() for wf in workflows}
    # The event that recorded each document (the first to reach its numbering state) and its time.
    recording: dict[int, tuple[int, datetime]] = {}
    for event_id, doc_id, at, _, reached, *_rest in rows.events:
        doc = docs.get(doc_id)
        first = doc is not None and doc_id not in recording and reached is not None
        if first and doc is not None and reached == numbering.get(doc[2] or ""):
            recording[doc_id] = (event_id, at)
    legal: dict[int, date] = {}
    for doc_id, (_, at) in recording.items():
        doc = docs[doc_id]
        legal[doc_id] = (doc[4] if doc[1] == "out" else doc[5]) or local_day(at)

    def counts_on(event_id: int, doc_id: int, at: datetime, cause: int | None) -> date:
        base = local_day(at)
        caused = recording.get(cause) if cause else None
        if caused is not None and caused[1] == at:  # written with its cause's recording
            base = legal[cause] if cause else base
        recorded = recording.get(doc_id)
        if recorded is None:
            return base
        if event_id == recorded[0]:
            return legal[doc_id]
        return min(base, legal[doc_id]) if event_id < recorded[0] else max(base, legal[doc_id])

    state: dict[int, str] = {}
    first_seen: dict[int, date] = {}
    link_days: dict[tuple[int, int, str], date] = {}
    outcome_days: dict[int, list[date]] = defaultdict(list)
    for event_id, doc_id, at, trigger, reached, cause, link_to, link_kind in rows.events:
        if doc_id not in docs:
            continue
        on = counts_on(event_id, doc_id, at, cause)
        first_seen[doc_id] = min(on, first_seen.get(doc_id, on))
        if trigger == "link" and link_to is not None and link_kind is not None:
            link_days.setdefault((doc_id, link_to, link_kind), on)
        elif trigger == "outcome":
            outcome_days[doc_id].append(on)
        if reached is not None and on <= day:
            state[doc_id] = reached

    implementing: dict[int, int] = defaultdict(int)
    reported: set[int] = set()
    interim: dict[int, int] = defaultdict(int)
    for source, target, kind in rows.links:
        made = link_days.get((source, target, kind), first_seen.get(source))
        if made is None or made > day:
            continue
        if kind in _CARRYING_OUT:
            implementing[target] += 1
        if source not in legal or legal[source] > day:  # the report not yet issued that day
            continue
        if kind in _CLOSING:
            reported.add(target)
        elif kind in _INTERIM:
            interim[target] += 1

    outcomes: dict[int, int] = defaultdict(int)
    seen: dict[int, int] = defaultdict(int)
    for _, doc_id, dated in rows.outcomes:
        written = outcome_days.get(doc_id, [])
        k = seen[doc_id]
        seen[doc_id] += 1
        when = dated or (written[k] if k < len(written) else None)
        if when is not None and when <= day:
            outcomes[doc_id] += 1

    leads: dict[int, tuple[str | None, date | None]] = {}
    for _, doc_id, person, deadline, at in rows.assignments:
        on = local_day(at)
        if doc_id in legal:
            on = max(on, legal[doc_id])
        if on <= day:
            leads[doc_id] = (person, deadline)

    standing: dict[int, Standing] = {}
    for doc_id, reached in state.items():
        held_by, lead_deadline = leads.get(doc_id, (None, None))
        standing[doc_id] = Standing(
            reached,
            held_by,
            lead_deadline,
            implementing[doc_id],
            outcomes[doc_id],
            doc_id in reported,
            interim[doc_id],
        )
    return standing
