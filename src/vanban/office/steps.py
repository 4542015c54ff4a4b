"""The steps the use cases share, each inside the caller's unit of work: find a document from
what a person typed, cite a code not held, fire a transition, enter a document in the register
(with the events that say so, written here for the API and for imports alike)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from vanban.domain.codes import Code, parse_code, split_year, try_parse_code
from vanban.domain.dates import short
from vanban.domain.integrity import record_of
from vanban.domain.issuers import issuer_name
from vanban.domain.model import Direction, Document, Organization, User
from vanban.domain.records import (
    NO_SIGNATURE,
    Allocation,
    Arrival,
    EventRecord,
    NewDocument,
    Numbered,
    Signature,
)
from vanban.domain.search import Query, code_key
from vanban.domain.text import clean_abbreviation, safe_text
from vanban.domain.types import CONG_VAN
from vanban.domain.workflow import Workflow
from vanban.domain.workflows import Workflows
from vanban.errors import (
    AmbiguousError,
    DuplicateError,
    InputError,
    NotFoundError,
    RuleError,
)
from vanban.office.inputs import as_str, check_code_year, year_of
from vanban.office.inputs import doc_id as as_doc_id
from vanban.office.lifecycle import workflow_of
from vanban.office.linking import couple_link
from vanban.office.numbering import allocate, first_move
from vanban.office.ports import UnitOfWork
from vanban.office.queries import DocumentFilter
from vanban.office.step_rules import named_signer, require_reason, require_signer, separate_duties

_NO_SOURCE: Mapping[str, Any] = {}


def office_of(uow: UnitOfWork, user: User) -> Organization:
    """The own organization the user works for (looked up with the user by the runner)."""
    cached = uow.office
    if cached is not None and cached.id == user.office_id:
        return cached
    org = uow.orgs.get(user.office_id)
    assert org is not None
    return org


def add_org_hint(text: str) -> str:
    """A command that adds the organization ``text`` names: as its code when it is one ("SNV"),
    else as its name under a code still to choose (a name has spaces a code cannot hold)."""
    try:
        code = clean_abbreviation(text, "mã cơ quan")
    except InputError:
        name = safe_text(text.strip()).replace('"', "'")
        return f'Thêm bằng: vanban org add MÃ "{name}" (MÃ là chữ viết tắt của cơ quan, ví dụ SNV).'
    return f'Thêm bằng: vanban org add {code} "Tên đầy đủ của cơ quan".'


def one_org(text: str, found: Sequence[Organization]) -> Organization:
    """The one organization ``text`` names; none or several refused."""
    if not found:
        raise NotFoundError(f"Không có cơ quan «{text}».", hint=add_org_hint(text))
    if len(found) > 1:
        listing = "; ".join(f"#{o.id} {o.code} – {o.name}" for o in found)
        raise AmbiguousError(f"Có nhiều cơ quan «{text}»: {listing}.", hint="Dùng số #id hoặc tên đầy đủ.")
    return found[0]


def assignee(uow: UnitOfWork, user: User, text: str) -> str:
    """A unit's code or a person's login, from what was typed."""
    unit = uow.units.get(user.office_id, text.strip())
    if unit is not None:
        return unit.code
    person = uow.users.get(text.strip())
    if person is not None:
        return person.login
    raise NotFoundError(
        f"Không có đơn vị hay người dùng «{text}».",
        hint="Xem vanban unit list và vanban user list.",
    )


def ref_and_year(ref: str | int, year: int | None) -> tuple[str | int, int | None]:
    """A reference and its year, the year typed with the code ("01/UBND-VHXH/2025") or apart."""
    if not isinstance(ref, str):
        return ref, year
    code, typed = split_year(ref)
    if typed is None:
        return ref, year
    if year is not None and year != typed:
        raise InputError(
            f"«{safe_text(ref.strip())}» ghi năm {typed} nhưng --year là {year}.",
            hint="Chỉ ghi năm một lần: trong số, ký hiệu hoặc bằng --year.",
        )
    return code, typed


def resolve(uow: UnitOfWork, user: User, ref: str | int, year: int | None) -> Document:
    """A document of the user's office by id ("#12", 12) or code ("90/KH-UBND", with ``year``)."""
    ref, year = ref_and_year(ref, year_of(year))
    doc_id = as_doc_id(ref)
    if doc_id is not None:
        doc = uow.documents.get(doc_id) if doc_id > 0 else None
        if doc is None or doc.office_id != user.office_id:
            raise NotFoundError(f"Không có văn bản #{doc_id}.", hint="Xem danh sách bằng vanban list.")
        return doc
    text = as_str(ref, "số, ký hiệu")
    code = try_parse_code(text)
    candidates = uow.documents.by_code(user.office_id, str(code), year) if code is not None else []
    shown = str(code) if code is not None else None
    if not candidates:
        # A code typed in another form ("542 ubnd vhxh", "542UBNDVHXH"): the documents whose
        # code has its key, as a search puts them first.
        keyed = by_code_key(uow, user, text)
        candidates = [d for d in keyed if year is None or d.year == year]
        shown = shown or next((d.code for d in keyed), None)
    if not candidates:
        if shown is None:
            parse_code(text)  # refuses it, with the forms a code is written in
        raise NotFoundError(
            f"Không có văn bản {shown}" + (f" năm {year}" if year else "") + ".",
            hint="Xem danh sách bằng vanban list, hoặc dùng số #id.",
        )
    if len(candidates) > 1:
        label = shown or candidates[0].code
        listing = "; ".join(f"#{d.id} {d.code} năm {d.year} của {d.issuer_name}" for d in candidates)
        years = sorted({d.year for d in candidates if d.year is not None})
        latest = str(years[-1]) if years else "NĂM"
        raise AmbiguousError(
            f"Có {len(candidates)} văn bản {label}: {listing}.",
            hint=f"Ghi kèm năm ({label}/{latest} hoặc --year {latest}), hoặc dùng số #id.",
        )
    return candidates[0]


def by_code_key(uow: UnitOfWork, user: User, text: str) -> list[Document]:
    """The office's held documents whose code has the key of ``text``
    (domain.search.code_key: "542 ubnd vhxh" and "542UBNDVHXH" are 542/UBND-VHXH's), from the
    search index, which keeps that key; at most the few a refusal names."""
    key = code_key(text)
    if not key or not any(c.isdigit() for c in key):
        return []  # a code has a number: a word alone is no code
    hits = uow.search.find(Query(text, (key,)), user.office_id, DocumentFilter(), _KEY_CANDIDATES)
    return [doc for doc, exact in hits if exact]


_KEY_CANDIDATES = 20


def resolve_or_cite(uow: UnitOfWork, user: User, ref: str | int) -> Document:
    """The held document, or a reference-only one made from the code (e.g. 30/2020/NĐ-CP)."""
    ref, year = ref_and_year(ref, None)
    if as_doc_id(ref) is not None or year is not None:
        return resolve(uow, user, ref, year)
    if try_parse_code(as_str(ref, "số, ký hiệu")) is None:
        return resolve(uow, user, ref, None)  # a code in another form, if held; else refused
    code = parse_code(as_str(ref, "số, ký hiệu"))
    check_code_year(code, uow.now.date())
    candidates = uow.documents.by_code(user.office_id, str(code), None)
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        return resolve(uow, user, ref, None)  # raises the ambiguity, with candidates
    return cite(uow, user, code, None)


def cite(
    uow: UnitOfWork,
    user: User,
    code: Code,
    on: date | None,
    *,
    issuer: Organization | None = None,
    issuer_text: str | None = None,
) -> Document:
    """A new reference-only document for ``code``, dated ``on`` when known.

    Its issuer is ``issuer`` when given, else the first organization of the code's issuer group,
    else one added for it (named ``issuer_text``, else the abbreviation's known name).
    """
    org = issuer or next(iter(uow.orgs.find(code.issuer)), None)
    if org is None:
        org = uow.orgs.add(code.issuer, issuer_text or issuer_name(code.issuer))
    doc_id = uow.documents.add(
        NewDocument.citation(office_id=user.office_id, issuer_id=org.id, code=code, on=on)
    )
    uow.events.add(EventRecord(user.office_id, user.login, "cite", doc_id, data={"code": str(code)}))
    doc = uow.documents.get(doc_id)
    assert doc is not None
    return doc


def fire(
    uow: UnitOfWork,
    user: User,
    workflows: Workflows,
    doc: Document,
    trigger: str,
    *,
    on: date,
    note: str | None = None,
    signature: Signature = NO_SIGNATURE,
    command: str | None = None,
) -> Document:
    """Fire ``trigger`` on ``doc`` as the user; into the numbering state it takes its number.

    A transition the workflow marks ``reason`` is refused without a ``note``; one it reserves to
    a ``command`` is refused unless that use case fires it (naming itself in ``command``)."""
    wf = workflow_of(workflows, doc)
    if wf is None or doc.status is None:
        raise RuleError(f"{doc.label} chỉ là văn bản được dẫn chiếu, không có vòng đời.")
    dest = wf.fire(doc.status, trigger, user.roles)
    spec = wf.transition(doc.status, trigger)
    if spec is not None:
        require_reason(doc, spec, note, command)
    separate_duties(uow, user, wf, doc, trigger)
    data: dict[str, Any] = {}
    if spec is not None and spec.signs:
        # Signed at the step that signs, by the acting user: name, then title as given, else the
        # user's own chức vụ, else the document's; authority as given, else the document's,
        # else the workflow's.
        signature = Signature(
            user.full_name,
            signature.signer_title or user.title or doc.signer_title,
            signature.signer_authority or doc.signer_authority or spec.authority,
        )
        data = signature.given()
    elif signature.signer_name is not None:
        signature = named_signer(uow, user, wf, signature, doc.status, doc)
    already = doc.arrival_number if doc.direction is Direction.IN else doc.number
    numbering = doc.direction is Direction.OUT and wf.numbering_state() == dest and already is None
    if numbering and signature.signer_name is None and doc.signer_name and doc.status not in wf.signed_states:
        # A signer written on the draft (edit, or a register of before this rule) is checked as one
        # given now: a word that is no login must not become the signer of a numbered document.
        stored = Signature(
            doc.signer_name, signature.signer_title or doc.signer_title, signature.signer_authority
        )
        checked = named_signer(uow, user, wf, stored, doc.status, doc)
        if checked.signer_name != doc.signer_name:
            signature = checked  # a leader's login, recorded as his full name and title
    require_signer(
        f"Văn bản {doc.label}",
        doc.type_key,
        wf,
        spec,
        signature.signer_name or doc.signer_name,
        numbering=numbering,
    )
    allocation: Allocation | None = None
    if wf.numbering_state() == dest and already is None:
        # A number once given stays, even through a recall and a new issue.
        allocation = allocate(
            uow,
            office_of(uow, user),
            doc.direction,
            doc.type_key or CONG_VAN,
            secret=doc.secrecy is not None,
            unit_code=doc.unit_code,
            on=on,
        )
        data = {**signature.given(), **allocation.event_data()}
    changed: dict[str, Any] = signature.given()
    if allocation is not None:
        changed.update(allocation.fields())
    updated = replace(doc, status=dest, **changed)
    if allocation is not None:
        # The event that records the document seals its record into the office's hash chain.
        data["record"] = record_of(updated)
    uow.documents.move(doc.id, dest, allocation=allocation, signature=signature)
    uow.events.add(EventRecord(doc.office_id, user.login, trigger, doc.id, doc.status, dest, note, data))
    if (
        updated.direction is Direction.OUT
        and dest in wf.issued_states()
        and doc.status not in wf.issued_states()
    ):
        for found in uow.links.outgoing([updated.id]):
            target = uow.documents.get(found.to_id)
            if target is not None:
                couple_link(uow, user, workflows, updated, target, found.kind)
    return updated


def record_creation(
    uow: UnitOfWork,
    user: User,
    workflow: Workflow,
    doc_id: int,
    new: NewDocument,
    *,
    numbered: Numbered | None = None,
    note: str | None = None,
    source: Mapping[str, Any] = _NO_SOURCE,
    issue_note: str | None = None,
) -> None:
    """The events of a new outgoing document: "create", then "issue" when it entered issued.

    With ``source`` (the file it was imported from) the issue is recorded as an import.
    """
    uow.events.add(
        EventRecord(
            new.office_id,
            user.login,
            "create",
            doc_id,
            None,
            workflow.initial,
            note,
            {"type": new.type_key, "subject": new.subject, **source},
        )
    )
    if new.status != workflow.initial:
        data = numbered.event_data() if numbered is not None else {}
        if numbered is not None:
            data["record"] = record_of(new)  # sealed into the office's hash chain
        if source:
            data["imported"] = True
        uow.events.add(
            EventRecord(
                new.office_id, user.login, "issue", doc_id, workflow.initial, new.status, issue_note, data
            )
        )


# What a received document is, given where it goes, the số đến it takes (if any) and its time.
Describe = Callable[[str, Arrival | None, datetime | None], NewDocument]


def enter_incoming(
    uow: UnitOfWork,
    user: User,
    workflows: Workflows,
    office: Organization,
    sender: Organization,
    workflow: Workflow,
    code: str,
    describe: Describe,
    arrival: date,
    existing: Document | None,
    *,
    note: str | None = None,
    source: Mapping[str, Any] = _NO_SOURCE,
) -> Document:
    """Put a received document in the register with its số đến: a new row inserted already
    registered, or (``existing``, cited earlier) the reference upgraded in place, links and all.
    A document already held under that code is refused. Writes "receive" then "register".
    """
    if existing is not None and not existing.reference_only:
        raise DuplicateError(
            f"Văn bản {code} của {sender.name} đã vào sổ"
            + (f" với số đến {existing.arrival_number}" if existing.arrival_number else "")
            + (f" ngày {short(existing.arrival_date)}." if existing.arrival_date else "."),
            hint=f"Xem bằng: vanban show #{existing.id}.",
        )
    received = {"code": code, "from": sender.code, **source}
    if existing is not None:
        uow.documents.replace(existing.id, describe(workflow.initial, None, None))
        uow.events.add(
            EventRecord(office.id, user.login, "receive", existing.id, None, workflow.initial, note, received)
        )
        cited = uow.documents.get(existing.id)
        assert cited is not None
        return fire(uow, user, workflows, cited, "register", on=arrival)
    # Incoming documents of every type share the yearly arrival series: no type needed.
    dest, allocated = first_move(uow, user, office, workflow, "register", "", False, None, arrival)
    given = allocated if isinstance(allocated, Arrival) else None
    new = describe(dest, given, uow.now)
    doc_id = uow.documents.add(new)
    uow.events.add(
        EventRecord(office.id, user.login, "receive", doc_id, None, workflow.initial, note, received)
    )
    uow.events.add(
        EventRecord(
            office.id,
            user.login,
            "register",
            doc_id,
            workflow.initial,
            dest,
            # The number it took, and its record sealed into the office's hash chain.
            data={**given.event_data(), "record": record_of(new)} if given is not None else {},
        )
    )
    return new.document(doc_id, sender)
