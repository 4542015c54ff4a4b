"""The chain around a document: what it rests on, what carries it out, what came of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vanban.domain.model import Document, LinkKind, Outcome

if TYPE_CHECKING:
    from vanban.store.uow import UnitOfWork

# Kinds that make the source a child of the target (it rests on, carries out or answers it).
_DESCENT = ("implements", "responds_to", "based_on")
_CYCLE_KINDS = frozenset({"implements", "responds_to", "based_on", "reports_on", "amends", "replaces"})


@dataclass(slots=True)
class TraceNode:
    kind: LinkKind | None
    document: Document
    children: list[TraceNode] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


@dataclass(slots=True)
class Trace:
    root: TraceNode
    upstream: list[TraceNode]
    downstream: list[TraceNode]
    outcomes: list[Outcome]
    documents: dict[int, Document]


def _closure(uow: UnitOfWork, start: int, *, outgoing: bool, kinds: Iterable[str]) -> set[int]:
    from vanban.store.queries import neighbours

    wanted = frozenset(kinds)
    seen: set[int] = set()
    frontier = {start}
    while frontier:
        found: set[int] = set()
        for src, dst, kind in neighbours(uow.conn, frontier, outgoing=outgoing):
            if kind in wanted:
                found.add(dst if outgoing else src)
        frontier = found - seen - {start}
        seen |= frontier
    return seen


def ancestors(uow: UnitOfWork, doc_id: int) -> set[int]:
    """Every document this one rests on, carries out, answers or reports on, transitively."""
    return _closure(uow, doc_id, outgoing=True, kinds=_CYCLE_KINDS)


def descendants(uow: UnitOfWork, doc_id: int) -> set[int]:
    """Every document carrying this one out or answering it, transitively."""
    return _closure(uow, doc_id, outgoing=False, kinds=_DESCENT)


def _reported(uow: UnitOfWork, by_id: dict[int, TraceNode]) -> list[tuple[TraceNode, int, LinkKind]]:
    """A report hangs the directives it reports on under itself, so the chain reads on.

    A reported document that carries out another reported one is left to appear under it.
    """
    from vanban.store.queries import neighbours

    reported: dict[int, list[int]] = {}
    for src, dst, kind in neighbours(uow.conn, by_id, outgoing=True):
        if kind == LinkKind.REPORTS_ON.value and by_id[src].document.type_key == "BC":
            reported.setdefault(src, []).append(dst)
    pairs: list[tuple[TraceNode, int, LinkKind]] = []
    for report, targets in reported.items():
        wanted = set(targets)
        nested = {
            src
            for src, dst, kind in neighbours(uow.conn, wanted, outgoing=False)
            if kind in _DESCENT and src in wanted and dst in wanted
        }
        pairs.extend((by_id[report], t, LinkKind.REPORTS_ON) for t in targets if t not in nested)
    return pairs


def build_trace(uow: UnitOfWork, root: Document) -> Trace:
    """Walk the link graph both ways, level by level; a document is shown once, so cycles end."""
    from vanban.store.queries import neighbours

    docs: dict[int, Document] = {root.id: root}
    root_node = TraceNode(None, root)

    def walk(start: list[TraceNode], *, upward: bool) -> None:
        seen = {root.id}
        level = start
        while level:
            by_id = {n.document.id: n for n in level}
            pairs: list[tuple[TraceNode, int, LinkKind]] = []
            for src, dst, kind in neighbours(uow.conn, by_id, outgoing=upward):
                parent_id, child_id = (src, dst) if upward else (dst, src)
                pairs.append((by_id[parent_id], child_id, LinkKind(kind)))
            if not upward:
                pairs.extend(_reported(uow, by_id))
            fresh = [c for _, c, _ in pairs if c not in docs]
            docs.update(uow.documents.get_many(fresh))
            next_level: list[TraceNode] = []
            for parent, child, link_kind in pairs:
                if child in seen or child not in docs:
                    continue
                seen.add(child)
                node = TraceNode(link_kind, docs[child])
                parent.children.append(node)
                next_level.append(node)
            level = next_level

    upstream_root = TraceNode(None, root)
    walk([upstream_root], upward=True)
    walk([root_node], upward=False)

    below: list[int] = []
    stack = list(root_node.children)
    while stack:
        node = stack.pop()
        below.append(node.document.id)
        stack.extend(node.children)
    produced = uow.outcomes.for_documents([root.id, *below])
    by_doc: dict[int, list[Outcome]] = {}
    for o in produced:
        by_doc.setdefault(o.document_id, []).append(o)
    root_node.outcomes = by_doc.get(root.id, [])
    stack = list(root_node.children)
    while stack:
        node = stack.pop()
        node.outcomes = by_doc.get(node.document.id, [])
        stack.extend(node.children)
    reports = {r for o in produced for r in o.reported_in}
    docs.update(uow.documents.get_many(r for r in reports if r not in docs))
    return Trace(root_node, upstream_root.children, root_node.children, produced, docs)
