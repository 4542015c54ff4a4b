"""A document's lifecycle as the register reads it: its workflow, its state's label, a state
named by a person."""

from __future__ import annotations

from vanban.domain.model import Document
from vanban.domain.types import fold
from vanban.domain.workflow import Workflow
from vanban.domain.workflows import Workflows
from vanban.errors import InputError


def workflow_of(workflows: Workflows, doc: Document) -> Workflow | None:
    """The lifecycle ``doc`` follows; None for a reference only."""
    return workflows.get(doc.workflow) if doc.workflow else None


def status_label(workflows: Workflows, doc: Document) -> str:
    """The Vietnamese label of the document's state ("Chỉ dẫn chiếu" for a reference only)."""
    if doc.reference_only or doc.status is None:
        return "Chỉ dẫn chiếu"
    wf = workflow_of(workflows, doc)
    return wf.label_of(doc.status) if wf else doc.status


def states(workflows: Workflows, direction: str | None = None) -> list[tuple[str, str]]:
    """(name, Vietnamese label) of every state a document (of ``direction``: "out" or "in") can
    be in, each once, in the order its lifecycle goes through them."""
    found: dict[str, str] = {}
    for wf in workflows:
        if direction is None or wf.direction == direction:
            for state in wf.states.values():
                found.setdefault(state.name, state.label)
    return list(found.items())


def state_name(workflows: Workflows, text: str) -> str:
    """A lifecycle state from its name or Vietnamese label ("issued", "Đã ban hành")."""
    wanted = fold(" ".join(text.split()))
    known: dict[str, str] = {}
    for wf in workflows:
        for state in wf.states.values():
            known.setdefault(state.name, state.label)
            if wanted in (fold(state.name), fold(state.label)):
                return state.name
    # A label's first words, when they name one state ("Đã phân công" for «Đã phân công, đang
    # xử lý»), as a sender is found by the start of its name.
    starting = {name for name, label in known.items() if wanted and fold(label).startswith(wanted + ",")}
    if len(starting) == 1:
        return starting.pop()
    # The labels alone, in the order the lifecycles list them: a person reads them and types one back.
    listing = ", ".join(f"«{label}»" for label in dict.fromkeys(known.values()))
    raise InputError(f"Không có trạng thái «{text}».", hint=f"Chọn một trong: {listing}.")
