"""The chain around a document: what it rests on, what carries it out, what came of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from vanban.domain.links import ACYCLIC_KINDS, DESCENT_KINDS
from vanban.domain.model import Document, LinkKind, Outcome
from vanban.office.ports import DOWN, UP, UnitOfWork


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
    return uow.graph.closure(start, outgoing=outgoing, kinds=kinds)


def ancestors(uow: UnitOfWork, doc_id: int) -> set[int]:
    """Every document this one reaches by links of the acyclic kinds (all but cites), transitively."""
    return _closure(uow, doc_id, outgoing=True, kinds=ACYCLIC_KINDS)


def descendants(uow: UnitOfWork, doc_id: int) -> set[int]:
    """Every document carrying this one out, answering or resting on it, transitively."""
    return _closure(uow, doc_id, outgoing=False, kinds=DESCENT_KINDS)


_Children = dict[int, list[tuple[LinkKind, int]]]  # document id -> (link kind, child id), in order


def _walk(
    root_id: int,
    links_of: dict[int, list[tuple[int, int, str]]],
    reports_of: dict[int, list[tuple[int, int, str]]] | None,
) -> _Children:
    """The tree of one side, level by level, each document once (so cycles end).

    ``links_of[id]`` holds (link id, other document, kind) of the links that make the other
    document a child of ``id``. Within a level the links are taken in the order they were made;
    downward, after them, a report hangs the documents it reports on (``reports_of``) under itself,
    so the chain reads on, leaving out one that carries out another of them (it appears under it).
    """
    children: _Children = {}
    seen = {root_id}
    level = [root_id]
    while level:
        found = sorted(
            (
                (link_id, parent, child, kind)
                for parent in level
                for link_id, child, kind in links_of.get(parent, ())
            ),
            key=lambda found: found[0],
        )
        pairs = [(parent, child, LinkKind(kind)) for _, parent, child, kind in found]
        if reports_of is not None:
            pairs.extend(_reported(level, links_of, reports_of))
        next_level: list[int] = []
        for parent, child, kind in pairs:
            if child in seen:
                continue
            seen.add(child)
            children.setdefault(parent, []).append((kind, child))
            next_level.append(child)
        level = next_level
    return children


def _reported(
    level: list[int],
    links_of: dict[int, list[tuple[int, int, str]]],
    reports_of: dict[int, list[tuple[int, int, str]]],
) -> list[tuple[int, int, LinkKind]]:
    """(report, document, kind) for the reports of this level (final or interim, as linked),
    nested documents left out."""
    targets: dict[int, list[tuple[int, str]]] = {}
    found = sorted(
        (
            (link_id, report, target, kind)
            for report in level
            for link_id, target, kind in reports_of.get(report, ())
        ),
        key=lambda link: link[0],
    )
    for _, report, target, kind in found:
        targets.setdefault(report, []).append((target, kind))
    pairs: list[tuple[int, int, LinkKind]] = []
    for report, reported in targets.items():
        wanted = {target for target, _ in reported}
        nested = {
            src
            for dst in wanted
            for _, src, kind in links_of.get(dst, ())
            if kind in DESCENT_KINDS and src in wanted
        }
        pairs.extend((report, t, LinkKind(kind)) for t, kind in reported if t not in nested)
    return pairs


def _grow(top: TraceNode, children: _Children, docs: dict[int, Document]) -> list[int]:
    """Hang the nodes of ``children`` under ``top``; the ids placed, top to bottom."""
    placed: list[int] = []
    queue = [top]
    while queue:
        node = queue.pop()
        for kind, child in children.get(node.document.id, ()):
            doc = docs.get(child)
            if doc is None:
                continue
            branch = TraceNode(kind, doc)
            node.children.append(branch)
            placed.append(child)
            queue.append(branch)
    return placed


def build_trace(uow: UnitOfWork, root: Document) -> Trace:
    """Walk the link graph both ways; a document is shown once on each side, so cycles end.

    The links both walks can take come in one statement (recursive queries in the database);
    the trees are built from them here, then their documents and outcomes fetched at once.
    """
    leaving: dict[int, list[tuple[int, int, str]]] = {}  # upward: a document's links to others
    reaching: dict[int, list[tuple[int, int, str]]] = {}  # downward: the links to a document
    reports: dict[int, list[tuple[int, int, str]]] = {}  # a report's reporting links
    for role, link_id, from_id, to_id, kind in uow.graph.trace_links(root.id):
        if role == UP:
            leaving.setdefault(from_id, []).append((link_id, to_id, kind))
        elif role == DOWN:
            reaching.setdefault(to_id, []).append((link_id, from_id, kind))
        else:
            reports.setdefault(from_id, []).append((link_id, to_id, kind))
    above = _walk(root.id, leaving, None)
    below = _walk(root.id, reaching, reports)

    docs: dict[int, Document] = {root.id: root}
    ids = {child for tree in (above, below) for pairs in tree.values() for _, child in pairs}
    docs.update(uow.graph.documents(ids - {root.id}))
    upstream_root = TraceNode(None, root)
    _grow(upstream_root, above, docs)
    root_node = TraceNode(None, root)
    placed = _grow(root_node, below, docs)

    produced = uow.graph.outcomes([root.id, *placed])
    by_doc: dict[int, list[Outcome]] = {}
    for o in produced:
        by_doc.setdefault(o.document_id, []).append(o)
    stack = [root_node]
    while stack:
        node = stack.pop()
        node.outcomes = by_doc.get(node.document.id, [])
        stack.extend(node.children)
    missing = {r for o in produced for r in o.reported_in} - docs.keys()
    if missing:
        docs.update(uow.graph.documents(missing))
    return Trace(root_node, upstream_root.children, root_node.children, produced, docs)
