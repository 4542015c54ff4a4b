"""A document's life in the register: drafted, issued (numbered), registered in one call,
received with its số đến, moved by any lifecycle step, its descriptive fields edited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypedDict, Unpack

from vanban.domain import text as texts
from vanban.domain.codes import parse_code
from vanban.domain.dates import as_date, not_before
from vanban.domain.dates import today as vietnam_today
from vanban.domain.integrity import FIELD_LABELS, FROZEN_FIELDS, is_recorded
from vanban.domain.model import ROLE_LABELS, Direction, Document, Secrecy, Urgency, User
from vanban.domain.records import (
    NO_SIGNATURE,
    Arrival,
    EventRecord,
    NewDocument,
    Numbered,
    Signature,
    jsonable,
)
from vanban.domain.text import clean_list, clean_text
from vanban.domain.types import CONG_VAN, THU_CONG, get_type
from vanban.domain.workflows import Workflows
from vanban.errors import (
    FrozenError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    RuleError,
    TransitionError,
)
from vanban.office.inputs import (
    about,
    arrival_of,
    as_str,
    check_code_year,
    edited,
    required_text,
    secrecy_of,
    signature,
    urgency_of,
    year_of,
)
from vanban.office.lifecycle import workflow_of
from vanban.office.numbering import first_move, not_ahead
from vanban.office.ports import UnitOfWork
from vanban.office.roles import CLERK_ROLES, WRITE_ROLES, require
from vanban.office.runner import Runner, Work
from vanban.office.senders import sender_given, sender_of
from vanban.office.step_rules import named_signer, require_signer
from vanban.office.steps import enter_incoming, fire, office_of, record_creation, resolve

_IN, _OUT = Direction.IN.value, Direction.OUT.value
UNSET = object()  # the unit was not asked to change (None clears it)

EDITABLE = frozenset(
    {"subject", "unit", "deadline", "body", "recipients", "urgency", "secrecy", "signer_name", "signer_title"}
)


def unit_of(uow: UnitOfWork, office_id: int, unit: str | None) -> str | None:
    """The code of the office's unit named ``unit`` (None stays None); an unknown one refused."""
    if unit is None:
        return None
    found = uow.units.get(office_id, unit.strip())
    if found is None:
        raise NotFoundError(
            f"Không có đơn vị «{unit}».",
            hint="Xem vanban unit list, hoặc thêm bằng vanban unit add.",
            field="unit",
        )
    return found.code


class DraftFields(TypedDict, total=False):
    """What a new outgoing document may say besides its type and subject, each optional: the
    fields drafting, registering and copying share."""

    unit: str | None
    deadline: date | None
    urgency: Urgency | None
    secrecy: Secrecy | None
    body: str | None
    recipients: Sequence[str]
    place: str | None


def drafting(
    runner: Runner,
    type_key: str,
    *,
    subject: str,
    issue_on: date | None = None,
    signed: Signature = NO_SIGNATURE,
    **fields: Unpack[DraftFields],
) -> Work[Document]:
    """The work of making a draft (issued at once when ``issue_on`` is given), for a unit of work."""
    with about("type"):
        doc_type = get_type(as_str(type_key, "loại văn bản"))
    if not doc_type.issuable:
        raise InputError(
            f"{doc_type.name} là văn bản quy phạm pháp luật, không cấp số trong sổ này.",
            hint="Dùng vanban link để dẫn chiếu đến nó.",
            field="type",
        )
    with about("subject"):
        clean_subject = required_text(subject, texts.SUBJECT)
    unit = fields.get("unit")
    with about("unit"):
        unit = as_str(unit, "đơn vị soạn thảo") if unit is not None else None
    with about("date"):
        issue_on = as_date(issue_on, "ngày ban hành")
        if issue_on is not None:
            not_ahead(Direction.OUT, issue_on)
    with about("deadline"):
        deadline = as_date(fields.get("deadline"), "thời hạn")
        not_before(deadline, issue_on, "thời hạn", "ngày ban hành")
    urgency, secrecy = urgency_of(fields.get("urgency")), secrecy_of(fields.get("secrecy"))
    with about("body"):
        body = clean_text(fields.get("body"), texts.BODY, required=False)
    with about("recipients"):
        recipients = clean_list(fields.get("recipients", ()), texts.RECIPIENT)
    with about("place"):
        place = clean_text(fields.get("place"), texts.PLACE, required=False)
    workflow = runner.workflows.for_document(doc_type.key, _OUT)

    def work(uow: UnitOfWork, user: User) -> Document:
        require(user, WRITE_ROLES, "soạn văn bản")
        office = office_of(uow, user)
        unit_code = unit_of(uow, office.id, unit)
        if doc_type.key in (CONG_VAN, THU_CONG) and unit_code is None:
            raise InputError(
                "Công văn cần đơn vị soạn thảo để ghi ký hiệu (ví dụ 542/UBND-VHXH).",
                hint="Thêm --unit VHXH.",
                field="unit",
            )
        status, numbered, signature = workflow.initial, None, NO_SIGNATURE
        if issue_on is not None:
            # An already-signed paper document: drafted and issued in one insert.
            # Who may issue, then who signed, before a number (or a new series) is taken.
            dest = workflow.fire(workflow.initial, "issue", user.roles)
            signature = named_signer(uow, user, workflow, signed, workflow.initial)
            require_signer(
                f"{doc_type.name} «{clean_subject[:60]}»",
                doc_type.key,
                workflow,
                workflow.transition(workflow.initial, "issue"),
                signature.signer_name,
                numbering=dest == workflow.numbering_state(),
            )
            status, allocated = first_move(
                uow, user, office, workflow, "issue", doc_type.key, secrecy is not None, unit_code, issue_on
            )
            numbered = allocated if isinstance(allocated, Numbered) else None
        new = NewDocument.outgoing(
            office=office,
            type_key=doc_type.key,
            subject=clean_subject,
            status=status,
            workflow=workflow.name,
            unit_code=unit_code,
            place=place,
            body=body,
            recipients=recipients,
            urgency=urgency,
            secrecy=secrecy,
            deadline=deadline,
            signature=signature,
            numbered=numbered,
            created_at=uow.now,
        )
        doc_id = uow.documents.add(new)
        record_creation(uow, user, workflow, doc_id, new, numbered=numbered)
        return new.document(doc_id, office)

    return work


def draft(runner: Runner, type_key: str, *, subject: str, **fields: Unpack[DraftFields]) -> Document:
    """A new outgoing draft of ``type_key`` (a catalog key such as "KH", "QĐ", "CV")."""
    return runner.write(drafting(runner, type_key, subject=subject, **fields))


def draft_copy(
    runner: Runner,
    ref: str | int,
    *,
    subject: str | None = None,
    unit: str | None = None,
    year: int | None = None,
) -> Document:
    """A new outgoing draft starting from an existing document: its type, subject (or
    ``subject``), unit, urgency, secrecy, body and recipients; no number, date, signer or
    deadline (they belong to the new document's own issue)."""
    year = year_of(year)
    source = runner.read(lambda uow, user: resolve(uow, user, ref, year))
    if source.type_key is None:
        raise InputError(
            f"Văn bản {source.code or f'#{source.id}'} không ghi loại văn bản; không sao thành dự thảo được.",
            hint="Tạo dự thảo mới: vanban draft LOẠI --subject …",
        )
    work = drafting(
        runner,
        source.type_key,
        subject=subject if subject is not None else source.subject,
        unit=unit if unit is not None else source.unit_code if source.direction is Direction.OUT else None,
        urgency=source.urgency,
        secrecy=source.secrecy,
        body=source.body,
        recipients=source.recipients,
    )
    return runner.write(work)


def issue(
    runner: Runner,
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
    with about("date"):
        issue_date = as_date(on, "ngày ban hành") or vietnam_today()
        not_ahead(Direction.OUT, issue_date)
    signed = signature(signer, title, authority)
    with about("note"):
        note = clean_text(note, texts.NOTE, required=False)
    year = year_of(year)

    def work(uow: UnitOfWork, user: User) -> Document:
        doc = resolve(uow, user, ref, year)
        with about("date"):
            not_before(doc.deadline, issue_date, "thời hạn của văn bản", "ngày ban hành")
        return fire(uow, user, runner.workflows, doc, "issue", note=note, on=issue_date, signature=signed)

    return runner.write(work)


def register(
    runner: Runner,
    type_key: str,
    *,
    subject: str,
    on: date,
    signer: str | None = None,
    title: str | None = None,
    authority: str | None = None,
    **fields: Unpack[DraftFields],
) -> Document:
    """Register an already-signed outgoing document in one call: draft and issue together."""
    signed = signature(signer, title, authority)
    if on is None:
        raise InputError("Thiếu ngày ban hành.", hint="Ví dụ: on=date(2025, 9, 29).", field="date")
    return runner.write(drafting(runner, type_key, subject=subject, issue_on=on, signed=signed, **fields))


def receive(
    runner: Runner,
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
    """Register an incoming document and give it its số đến; its sender named by ``sender``
    (code, name, or their beginning without diacritics) or by ``sender_name`` in full, added
    with the receipt when not known (``sender`` is then its code; else one is made)."""
    with about("code"):
        parsed = parse_code(as_str(code, "số, ký hiệu"))
    given = sender_given(sender, sender_name)
    with about("date"):
        on_date = as_date(on, "ngày văn bản")
    if on_date is None:
        raise InputError(
            "Thiếu ngày của văn bản.", hint="Thêm --date, ví dụ --date 12/11/2025.", field="date"
        )
    on = on_date
    now = vietnam_today()
    arrival = arrival_of(arrived, on, now)
    with about("deadline"):
        deadline = as_date(deadline, "thời hạn giải quyết")
        not_before(deadline, on, "thời hạn giải quyết", "ngày văn bản")
    with about("code"):
        check_code_year(parsed, on)
    urgency, secrecy = urgency_of(urgency), secrecy_of(secrecy)
    with about("signer"):
        signer = clean_text(signer, texts.SIGNER, required=False)
    with about("body"):
        body = clean_text(body, texts.BODY, required=False)
    with about("type"):
        doc_type = (
            get_type(as_str(type_key, "loại văn bản"))
            if type_key is not None
            else get_type(parsed.type_key or CONG_VAN)
        )
    with about("subject"):
        clean_subject = required_text(subject, texts.SUBJECT)
    workflow = runner.workflows.for_document(doc_type.key, _IN)
    code_text = str(parsed)
    year = parsed.year or on.year
    signed = Signature(signer_name=signer)

    def work(uow: UnitOfWork, user: User) -> Document:
        require(user, CLERK_ROLES, "vào sổ văn bản đến")
        office = office_of(uow, user)
        with about("sender"):
            org, held_id = sender_of(uow, user, office.id, given, code_text, year)
        existing = uow.documents.get(held_id) if held_id is not None else None

        def describe(status: str, arrival: Arrival | None, created_at: datetime | None) -> NewDocument:
            return NewDocument.incoming(
                office_id=office.id,
                sender_id=org.id,
                code=parsed,
                year=year,
                type_key=doc_type.key,
                subject=clean_subject,
                date=on,
                status=status,
                workflow=workflow.name,
                arrival=arrival,
                body=body,
                signature=signed,
                urgency=urgency,
                secrecy=secrecy,
                deadline=deadline,
                created_at=created_at,
            )

        return enter_incoming(
            uow, user, runner.workflows, office, org, workflow, code_text, describe, arrival, existing
        )

    # A sender typed as --from is looked up with the clerk, in one statement.
    typed = (given.text, code_text, year) if given.name is None and given.text is not None else None
    return runner.write(work, sender=typed)


def edit(runner: Runner, ref: str | int, fields: dict[str, Any], *, year: int | None = None) -> Document:
    """Change descriptive fields (subject, deadline, body, recipients…); the history keeps old and new."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise InputError(
            f"Không sửa được trường {', '.join(sorted(unknown))}.",
            hint=f"Sửa được: {', '.join(sorted(EDITABLE))}.",
        )
    year = year_of(year)
    fields = dict(fields)
    unit = fields.pop("unit", None) if "unit" in fields else UNSET
    checked = edited(fields)
    with about("unit"):
        unit_text = as_str(unit, "đơn vị soạn thảo") if unit is not None and unit is not UNSET else None

    def work(uow: UnitOfWork, user: User) -> Document:
        require(user, WRITE_ROLES, "sửa văn bản")
        doc = resolve(uow, user, ref, year)
        may_edit(uow, user, runner.workflows, doc, checked)
        wf = workflow_of(runner.workflows, doc)
        if checked.get("signer_name") is not None and doc.direction is Direction.OUT and wf is not None:
            # The rule of issue --signer, so that issuing the draft later records no other signer.
            given = Signature(checked["signer_name"], checked.get("signer_title"))
            named = named_signer(uow, user, wf, given, doc.status, doc)
            checked["signer_name"] = named.signer_name
            if "signer_title" not in checked and named.signer_title is not None:
                checked["signer_title"] = named.signer_title
        if unit is not UNSET:
            if doc.code is not None:
                # The unit is part of the notation already given (542/UBND-VHXH): it stays.
                raise RuleError(
                    f"Văn bản {doc.code} đã có số và ký hiệu; không đổi được đơn vị soạn thảo.",
                    hint="Chỉ sửa đơn vị của dự thảo chưa ban hành.",
                    field="unit",
                )
            checked["unit_code"] = unit_of(uow, doc.office_id, unit_text)
            if checked["unit_code"] is None and doc.type_key in (CONG_VAN, THU_CONG):
                raise InputError(
                    "Công văn cần đơn vị soạn thảo để ghi ký hiệu (ví dụ 542/UBND-VHXH).",
                    hint="Chọn một đơn vị: vanban unit list.",
                    field="unit",
                )
        if "deadline" in checked:
            with about("deadline"):
                not_before(checked["deadline"], doc.date, "thời hạn", "ngày văn bản")
        old = {k: jsonable(getattr(doc, k)) for k in checked}
        uow.documents.edit(doc.id, checked)
        uow.events.add(
            EventRecord(
                doc.office_id,
                user.login,
                "edit",
                doc.id,
                doc.status,
                doc.status,
                data={"old": old, "new": {k: jsonable(v) for k, v in checked.items()}},
            )
        )
        updated = uow.documents.get(doc.id)
        assert updated is not None
        return updated

    return runner.write(work)


def may_edit(
    uow: UnitOfWork, user: User, workflows: Workflows, doc: Document, fields: Mapping[str, Any]
) -> None:
    """Check an edit as a transition is checked: the state (a recorded document's record is
    frozen, Nghị định 30, Điều 18; an ended one is not edited) and the user (the one who drafted
    it, or a role the workflow names as editor)."""
    if doc.reference_only or doc.status is None:
        return  # a document only cited: no record of the office's, no lifecycle
    frozen = [name for name in fields if name in FROZEN_FIELDS]
    if is_recorded(doc.direction.value, doc.number, doc.arrival_number, doc.reference_only):
        if frozen:
            done = "vào sổ" if doc.direction is Direction.IN else "ban hành"
            listing = ", ".join(FIELD_LABELS[name] for name in frozen)
            raise FrozenError(
                f"{doc.label} đã {done}: {listing} không sửa được nữa.",
                hint="Sai sót nội dung được xử lý bằng văn bản thay thế hoặc thu hồi, sai thể thức bằng "
                "đính chính (Nghị định 30/2020/NĐ-CP, Điều 18): vanban correct, vanban recall, "
                "vanban replace. Thời hạn giải quyết vẫn sửa được.",
            )
        return
    wf = workflow_of(workflows, doc)
    if wf is None:
        return
    if not wf.editable(doc.status):
        raise TransitionError(
            f"{doc.label} đang ở trạng thái «{wf.label_of(doc.status)}»: không sửa được.",
            hint="Chỉ sửa được văn bản chưa cấp số và chưa kết thúc.",
        )
    if user.has_any(wf.editors) or user.login == author_of(uow, doc):
        return
    raise PermissionDeniedError(
        f"Chỉ người soạn {doc.label} hoặc {', '.join(ROLE_LABELS[r] for r in sorted(wf.editors))} "
        "mới sửa được dự thảo này.",
        hint="Nhờ người soạn hoặc lãnh đạo, văn thư sửa; hoặc thêm vai trò vào «editors» của quy trình.",
    )


def author_of(uow: UnitOfWork, doc: Document) -> str | None:
    """Who drafted (or received) the document: the actor of its first event."""
    history = uow.events.for_document(doc.id)
    return history[0].actor if history else None
