"""Firing any step of a document's lifecycle by name or label (``vanban do REF STEP``): the
workflow decides what is allowed; the steps with their own use case (issue, recall, replace)
keep their own modules."""

from __future__ import annotations

from vanban.domain import text as texts
from vanban.domain.dates import today as vietnam_today
from vanban.domain.model import Document, User
from vanban.domain.text import clean_text
from vanban.errors import InputError
from vanban.office.inputs import about, as_str, signature, year_of
from vanban.office.lifecycle import workflow_of
from vanban.office.ports import UnitOfWork
from vanban.office.runner import Runner
from vanban.office.steps import fire, resolve

__all__ = ["fire_trigger"]


def fire_trigger(
    runner: Runner,
    ref: str | int,
    trigger: str,
    *,
    note: str | None = None,
    year: int | None = None,
    title: str | None = None,
    authority: str | None = None,
) -> Document:
    """Fire any lifecycle transition the document's workflow and the user's roles allow (a step
    that signs takes the signer's ``title`` and ``authority``; another step refuses them)."""
    signed = signature(None, title, authority)
    with about("trigger"):
        trigger = as_str(trigger, "thao tác")
    with about("note"):
        note = clean_text(note, texts.NOTE, required=False)
    year = year_of(year)

    def work(uow: UnitOfWork, user: User) -> Document:
        doc = resolve(uow, user, ref, year)
        wf = workflow_of(runner.workflows, doc)
        # By its label as well as by its name: the refusals list the labels.
        named = wf.trigger_named(trigger) if wf is not None else trigger.strip()
        spec = wf.transition(doc.status, named) if wf is not None and doc.status else None
        if signed.given() and not (spec is not None and spec.signs):
            raise InputError(
                "Chức vụ và thẩm quyền ký chỉ ghi ở bước ký.",
                hint="Ghi --title, --authority khi ký (vanban do REF ký) hoặc khi ban hành văn bản giấy.",
            )
        return fire(uow, user, runner.workflows, doc, named, note=note, on=vietnam_today(), signature=signed)

    return runner.write(work)
