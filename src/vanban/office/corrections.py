"""Errors in an issued document settled as Nghị định 30 (Điều 18) has it: thu hồi (recall),
thay thế (replace by a new document of the same form) and đính chính (a công văn correcting
it), each an event on the document with its reason (domain.corrections)."""

from __future__ import annotations

from datetime import date

from vanban.domain import text as texts
from vanban.domain.integrity import is_recorded
from vanban.domain.links import rule_of
from vanban.domain.model import Direction, Document, LinkKind, User
from vanban.domain.records import EventRecord
from vanban.errors import RuleError
from vanban.office.documents import drafting
from vanban.office.inputs import required_text
from vanban.office.lifecycle import workflow_of
from vanban.office.linking import check_link
from vanban.office.ports import UnitOfWork
from vanban.office.runner import Runner
from vanban.office.steps import fire, resolve

__all__ = ["correct", "recall", "replace"]


def _reason(text: str) -> str:
    return required_text(text, texts.NOTE)


def _recorded_own(doc: Document, what: str) -> None:
    """Only a document the office issued (numbered) is recalled, replaced or corrected here."""
    if doc.direction is not Direction.OUT or not is_recorded(
        doc.direction.value, doc.number, doc.arrival_number, doc.reference_only
    ):
        raise RuleError(
            f"{doc.label} không phải văn bản cơ quan đã ban hành: không {what} được.",
            hint="Chỉ văn bản đi đã cấp số mới thu hồi, thay thế hoặc đính chính; "
            "văn bản đến do nơi gửi thu hồi.",
        )


def recall(runner: Runner, ref: str | int, *, reason: str, year: int | None = None) -> Document:
    """Thu hồi: the document becomes void (its record frozen and kept), for ``reason``."""
    why = _reason(reason)

    def work(uow: UnitOfWork, user: User) -> Document:
        doc = resolve(uow, user, ref, year)
        _recorded_own(doc, "thu hồi")
        return fire(uow, user, runner.workflows, doc, "recall", on=date.today(), note=why)

    return runner.write(work)


def replace(
    runner: Runner, ref: str | int, *, by: str | int, reason: str, year: int | None = None
) -> Document:
    """Thay thế: the issued document ``by`` (same form) takes the place of ``ref``, for ``reason``."""
    why = _reason(reason)

    def work(uow: UnitOfWork, user: User) -> Document:
        old = resolve(uow, user, ref, year)
        new = resolve(uow, user, by, None)
        _recorded_own(old, "thay thế")
        if not is_recorded(new.direction.value, new.number, new.arrival_number, new.reference_only):
            raise RuleError(
                f"{new.label} chưa ban hành: chỉ văn bản đã ban hành mới thay thế được {old.label}.",
                hint=f"Ban hành {new.label} trước (vanban issue), rồi thay thế.",
            )
        check_link(uow, rule_of(LinkKind.REPLACES), new, old, lambda doc: workflow_of(runner.workflows, doc))
        replaced = fire(
            uow,
            user,
            runner.workflows,
            old,
            "replace",
            on=date.today(),
            note=f"{why} (thay thế bởi {new.label})",
            command="replace",
        )
        if uow.links.add(new.id, old.id, LinkKind.REPLACES):
            uow.events.add(
                EventRecord(
                    new.office_id,
                    user.login,
                    "link",
                    new.id,
                    new.status,
                    new.status,
                    data={"kind": LinkKind.REPLACES.value, "to": old.id, "code": old.code},
                )
            )
        return replaced

    return runner.write(work)


def correct(
    runner: Runner,
    ref: str | int,
    *,
    reason: str,
    unit: str,
    subject: str | None = None,
    year: int | None = None,
) -> Document:
    """Đính chính: a công văn draft correcting ``ref`` (linked ``corrects``), and an event on
    ``ref`` with the reason; ``ref`` stays in force. The draft is then signed and issued."""
    why = _reason(reason)

    def work(uow: UnitOfWork, user: User) -> Document:
        target = resolve(uow, user, ref, year)
        _recorded_own(target, "đính chính")
        title = subject or f"Đính chính {target.label}"
        draft = drafting(runner, "CV", subject=title, unit=unit, body=why)(uow, user)
        check_link(uow, rule_of(LinkKind.CORRECTS), draft, target, lambda d: workflow_of(runner.workflows, d))
        uow.links.add(draft.id, target.id, LinkKind.CORRECTS)
        uow.events.add(
            EventRecord(
                draft.office_id,
                user.login,
                "link",
                draft.id,
                draft.status,
                draft.status,
                data={"kind": LinkKind.CORRECTS.value, "to": target.id, "code": target.code},
            )
        )
        uow.events.add(
            EventRecord(
                target.office_id,
                user.login,
                "correct",
                target.id,
                target.status,
                target.status,
                why,
                {"by": draft.id},
            )
        )
        return draft

    return runner.write(work)
