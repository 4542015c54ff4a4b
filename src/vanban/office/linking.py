"""Links between documents: the link table's rules that need the register (cycles, the target's
state, earlier links), and the lifecycle steps a link couples (a final report moves what it
reports on to "reported", an interim one only records the results it covers, an answer completes
the request, a replacement retires what it replaces).

:func:`check_link` raises the first refusal of ``source <kind> target``; the rules themselves
are the data of :mod:`vanban.domain.links`. :func:`link` checks, adds and couples.
"""

from __future__ import annotations

from collections.abc import Callable

from vanban.domain.links import ACYCLIC_KINDS, End, LinkRule, link_refusal, rule_of
from vanban.domain.model import ROLE_LABELS, Direction, Document, LinkKind, Role, User
from vanban.domain.records import EventRecord
from vanban.domain.types import type_name
from vanban.domain.workflow import Workflow
from vanban.domain.workflows import Workflows
from vanban.errors import LinkError, PermissionDeniedError
from vanban.office.lifecycle import workflow_of
from vanban.office.ports import UnitOfWork
from vanban.office.trace import ancestors, descendants

__all__ = ["check_link", "couple", "couple_link", "link"]


def link(
    uow: UnitOfWork, user: User, workflows: Workflows, src: Document, dst: Document, kind: LinkKind
) -> None:
    """Link ``src`` to ``dst`` if the rules allow it (and it is not there yet); an issued source
    moves the other end on by the step the kind couples."""
    check_link(uow, rule_of(kind), src, dst, lambda doc: workflow_of(workflows, doc))
    if not uow.links.add(src.id, dst.id, kind):
        return
    uow.events.add(
        EventRecord(
            src.office_id,
            user.login,
            "link",
            src.id,
            src.status,
            src.status,
            data={"kind": kind.value, "to": dst.id, "code": dst.code},
        )
    )
    wf = workflow_of(workflows, src)
    if wf is not None and src.status in wf.issued_states():
        couple_link(uow, user, workflows, src, dst, kind)


def couple_link(
    uow: UnitOfWork, user: User, workflows: Workflows, src: Document, dst: Document, kind: LinkKind
) -> None:
    """Move the end the kind couples on, by its step, for an issued ``src`` linking to ``dst``;
    a report records the results it covers as reported in it (an interim one moves nothing)."""
    rule = rule_of(kind)
    end = dst if rule.couples_end is End.TARGET else src
    below: set[int] = set()
    if rule.couples_below or rule.reports_results:
        # A report on a directive covers what carried it out: their results and their state.
        below = descendants(uow, end.id)
    if rule.couples is not None:
        couple(uow, user, workflows, end, rule.couples, cause=src, why=None)
        if rule.couples_below:
            for doc in uow.documents.get_many(below).values():
                if doc.direction is Direction.OUT:
                    couple(uow, user, workflows, doc, rule.couples, cause=src, why=None)
    if rule.reports_results:
        for outcome_id in uow.outcomes.unreported_for([end.id, *below]):
            uow.outcomes.report(outcome_id, src.id)


def couple(
    uow: UnitOfWork,
    user: User,
    workflows: Workflows,
    doc: Document,
    trigger: str,
    *,
    cause: Document | None,
    why: str | None,
) -> None:
    """Move a related document on, where its lifecycle allows, naming the cause."""
    fresh = uow.documents.get(doc.id)
    if fresh is None or fresh.status is None:
        return
    wf = workflow_of(workflows, fresh)
    if wf is None or not wf.can_fire(fresh.status, trigger):
        return
    spec = wf.transition(fresh.status, trigger)
    if spec is not None and (spec.reason or spec.command) and not spec.permits(user.roles):
        # A link that voids a document (replaces, repeals) is that step: only who may take it
        # makes the link; the link itself, naming the document that voids it, is its reason.
        who = ", ".join(ROLE_LABELS[r] for r in sorted(spec.roles))
        raise PermissionDeniedError(
            f"Liên kết này đưa {fresh.label} sang «{wf.label_of(spec.dest)}» (bước «{spec.label}»), "
            f"mà người dùng «{user.login}» không được làm bước đó.",
            hint=f"Nhờ người có vai trò {who} tạo liên kết này.",
        )
    dest = wf.fire(fresh.status, trigger, frozenset(Role))
    uow.documents.move(fresh.id, dest)
    note = why or (f"Do {type_name(cause.type_key or '')} {cause.label}" if cause else None)
    uow.events.add(
        EventRecord(
            fresh.office_id,
            user.login,
            trigger,
            fresh.id,
            fresh.status,
            dest,
            note,
            {"cause": cause.id if cause else None, "coupled": True},
        )
    )


def check_link(
    uow: UnitOfWork,
    rule: LinkRule,
    source: Document,
    target: Document,
    workflow_of: Callable[[Document], Workflow | None],
) -> None:
    """Refuse ``source <rule.kind> target`` when a rule of the table forbids it."""
    refused = link_refusal(rule, source, target)
    if refused is not None:
        raise refused
    if rule.acyclic and uow.links.has_incoming(source.id):
        # A document nothing links to cannot be reached back from the target: the walk is
        # skipped (imports link fresh documents by the thousand).
        _refuse_cycle(uow, rule, source, target)
    stateful = rule.target_in_force or rule.target_once or rule.target_not_above
    if not stateful or uow.links.exists(source.id, target.id, rule.kind):
        return  # an existing link is made again as a no-op, whatever has happened since
    if rule.target_once:
        _refuse_second(uow, rule, source, target)
    if rule.target_in_force and not target.reference_only:
        _refuse_not_in_force(rule, target, workflow_of(target))
    if rule.target_not_above:
        path = _path_kind(uow, source.id, target.id)
        if path is not None:
            raise LinkError(
                f"{source.label} đã {path.label} (trực tiếp hay gián tiếp) {target.label}, "
                f"không thể {rule.label} văn bản mình dựa vào.",
                hint=f"Văn bản chỉ {rule.label} được văn bản cùng loại đã ban hành trước nó.",
            )


def _path_kind(uow: UnitOfWork, start: int, goal: int) -> LinkRule | None:
    """The rule of the first link on a path of acyclic links from ``start`` to ``goal``, or None."""
    if goal not in ancestors(uow, start):
        return None
    for link in uow.links.outgoing([start]):
        if link.kind.value in ACYCLIC_KINDS and (link.to_id == goal or goal in ancestors(uow, link.to_id)):
            return rule_of(link.kind)
    return None  # pragma: no cover - the closure above found a path, so one link starts it


def _refuse_cycle(uow: UnitOfWork, rule: LinkRule, source: Document, target: Document) -> None:
    path = _path_kind(uow, target.id, source.id)
    if path is not None:
        raise LinkError(
            f"{target.label} đã {path.label} (trực tiếp hay gián tiếp) {source.label}; "
            f"«{source.label} {rule.label} {target.label}» tạo vòng lặp.",
            hint=f"Kiểm tra lại chiều liên kết: văn bản {rule.label} văn bản khác đứng trước, "
            "văn bản được liên kết đứng sau.",
        )


def _refuse_second(uow: UnitOfWork, rule: LinkRule, source: Document, target: Document) -> None:
    earlier = [link.from_id for link in uow.links.incoming([target.id]) if link.kind is rule.kind]
    others = [i for i in earlier if i != source.id]
    if others:
        first = uow.documents.get(others[0])
        by = first.label if first is not None else f"#{others[0]}"
        raise LinkError(
            f"{target.label} đã {rule.reverse_label} {by}.",
            hint=f"Một văn bản chỉ {rule.reverse_label} một văn bản; nếu cần, {rule.label} văn bản {by}.",
        )


def _refuse_not_in_force(rule: LinkRule, target: Document, wf: Workflow | None) -> None:
    if wf is None or wf.in_force(target.status):
        return
    state = wf.label_of(target.status)
    if target.status in wf.issued_states():
        hint = f"Văn bản đã hết hiệu lực (thu hồi, bị thay thế) thì không {rule.label} được nữa."
    else:
        hint = f"Văn bản chưa ban hành thì sửa hoặc hủy dự thảo, không cần văn bản khác {rule.label}."
    raise LinkError(
        f"{target.label} đang ở trạng thái «{state}»: chỉ {rule.label} được văn bản đã ban hành, "
        "còn hiệu lực.",
        hint=hint,
    )
