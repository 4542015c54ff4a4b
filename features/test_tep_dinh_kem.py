"""Tệp đính kèm: the scanned signed copy and the đính kèm files kept with a document.

The steps only this feature uses; the shared ones are in conftest.py.
"""

from __future__ import annotations

import hashlib
import io

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from support import World, step

pytestmark = pytest.mark.usefixtures("world")

scenarios("tep_dinh_kem.feature")


def pdf(size: int) -> bytes:
    """A file of ``size`` bytes that begins as a PDF does."""
    return (b"%PDF-1.7\n" + bytes(range(256)) * (size // 256 + 1))[:size]


def attach(world: World, who: str, name: str, size: int, subject: str) -> None:
    world.as_(who).attach(world.find(subject).id, (name, io.BytesIO(pdf(size))))


@given(step('{who:Nguoi} đã đính kèm tệp PDF "{name}" nặng {size:d} byte vào "{subject}"'))
def was_attached(world: World, who: str, name: str, size: int, subject: str) -> None:
    attach(world, who, name, size, subject)


@when(step('{who:Nguoi} đính kèm tệp PDF "{name}" nặng {size:d} byte vào "{subject}"'))
def attaches(world: World, who: str, name: str, size: int, subject: str) -> None:
    world.attempt(lambda: attach(world, who, name, size, subject))


@then(step('"{subject}" có tệp đính kèm "{name}" nặng {size:d} byte do {who:Nguoi} đính kèm'))
def has_attachment(world: World, subject: str, name: str, size: int, who: str) -> None:
    world.expect_no_refusal()
    kept = [(a.name, a.size, a.added_by) for a in world.office.attachments(world.find(subject).id)]
    assert kept == [(name, size, who)], f"Tệp đính kèm của «{subject}»: {kept}."


@then(parsers.parse('lấy tệp "{name}" của "{subject}" ra được đúng nội dung đã đính kèm'))
def gets_it_back(world: World, name: str, subject: str) -> None:
    doc = world.find(subject)
    (kept,) = [a for a in world.office.attachments(doc.id) if a.name == name]
    out = io.BytesIO()
    world.office.attachment(doc.id, name, out)
    assert out.getvalue() == pdf(kept.size or 0), "Nội dung lấy ra khác nội dung đã đính kèm."
    assert hashlib.sha256(out.getvalue()).hexdigest() == kept.sha256


@then(parsers.parse('lịch sử của "{subject}" ghi việc đính kèm "{name}" với mã SHA-256 của tệp'))
def history_records_it(world: World, subject: str, name: str) -> None:
    doc = world.find(subject)
    (kept,) = [a for a in world.office.attachments(doc.id) if a.name == name]
    attached = [e for e in world.office.history(doc.id) if e.trigger == "attach"]
    assert [(e.note, e.data["attachment"]["sha256"]) for e in attached] == [(name, kept.sha256)]
