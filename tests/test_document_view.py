"""A document's page reads the register once (Office.document_view): what it shows is what the
calls one by one give, as the register stood at one moment."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from vanban import Office
from vanban.domain.model import LinkKind

pytestmark = pytest.mark.db


def test_the_view_of_a_document_is_what_each_call_gives_read_at_once(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    letter = office.receive(
        "516/SKHCN-TTTT", sender="SKHCN", on=date(2025, 10, 1), arrived=date(2025, 10, 2), subject="Công văn"
    )
    office.as_user("chutich").assign(letter.id, lead="VHXH", deadline=date(2025, 10, 20), note="Xử lý")
    plan = office.register("KH", subject="Kế hoạch", on=date(2025, 10, 3), signer="Nguyễn Phúc Công")
    office.link(plan.id, letter.id, LinkKind.IMPLEMENTS)
    office.attach(letter.id, ("cong-van.pdf", io.BytesIO(b"%PDF-1.7\n" + b"x" * 100)))

    reads = []
    runner = office.runner
    read = runner.read
    monkeypatch.setattr(runner, "read", lambda work: reads.append(work) or read(work))
    view = office.document_view("516/SKHCN-TTTT")
    assert len(reads) == 1
    monkeypatch.undo()

    assert view.document == office.get(letter.id)
    assert view.actions == office.actions(letter.id)
    assert view.trace == office.trace(letter.id)
    assert view.assignments == office.assignments(letter.id)
    assert view.attachments == office.attachments(letter.id)
    assert view.history == office.history(letter.id)
    assert view.outcomes == office.outcomes(letter.id)
    assert view.units == office.units()
    assert view.people == {u.login: u.full_name for u in office.users()}
    assert view.actions and view.assignments and view.attachments and view.trace.root is not None
    # A document only cited (never received) offers no step, whoever looks.
    office.link(plan.id, "90/KH-UBNDTP", LinkKind.IMPLEMENTS)
    cited = office.as_user("chutich").document_view("90/KH-UBNDTP")
    assert cited.document.reference_only and cited.actions == []


def test_a_step_taken_while_the_page_is_read_is_not_half_seen(
    office: Office, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The chairman assigns the letter while its page is being read, between the document and its
    # history: the page shows the register before the assignment or after it, never the
    # assignment's event without the document it moved (READ COMMITTED on a server took a new
    # snapshot at each statement).
    from vanban.office import document_view as module

    letter = office.receive(
        "516/SKHCN-TTTT", sender="SKHCN", on=date(2025, 10, 1), arrived=date(2025, 10, 2), subject="Công văn"
    )
    chairman = Office(db_url, user="chutich")
    real = module.build_trace

    def trace_then_assign(uow: Any, doc: Any) -> Any:
        found = real(uow, doc)
        chairman.assign(letter.id, lead="VHXH", deadline=date(2025, 10, 20))
        return found

    monkeypatch.setattr(module, "build_trace", trace_then_assign)
    view = office.document_view(letter.id)
    chairman.close()
    assert view.document.status == "registered"
    assert view.assignments == []
    assert [e.trigger for e in view.history][-1] != "assign"
    assert office.get(letter.id).status != "registered"  # the assignment did happen
