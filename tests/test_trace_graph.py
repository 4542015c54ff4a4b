"""The trace on arbitrary link graphs, cycles included: the same trees, outcomes and documents as
the level-by-level walk it replaced (kept below as the reference), and it always ends."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from vanban import Office
from vanban.domain.links import REPORTING_KINDS
from vanban.domain.model import Document, LinkKind, Outcome
from vanban.office.trace import Trace, TraceNode

KINDS = [k.value for k in LinkKind]
_DESCENT = ("implements", "responds_to", "based_on")


# ------------------------------------------------------------ the reference: the walk replaced


def neighbours(conn: Any, ids: Any, *, outgoing: bool) -> list[tuple[int, int, str]]:
    """(from, to, kind) of the links leaving (outgoing) or reaching these documents, in order."""
    from sqlalchemy import select

    from vanban.store.tables import links

    wanted = sorted(set(ids))
    if not wanted:
        return []
    column = links.c.from_id if outgoing else links.c.to_id
    query = (
        select(links.c.from_id, links.c.to_id, links.c.kind).where(column.in_(wanted)).order_by(links.c.id)
    )
    return [(r[0], r[1], r[2]) for r in conn.execute(query)]


def reference_closure(uow: Any, start: int, *, outgoing: bool, kinds: Any) -> set[int]:
    """ancestors / descendants as they were: level by level."""
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


@dataclass(slots=True)
class RefNode:
    kind: LinkKind | None
    document: Document
    children: list[RefNode] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


def _reference_reported(uow: Any, by_id: dict[int, RefNode]) -> list[tuple[RefNode, int, LinkKind]]:
    reported: dict[int, list[tuple[int, str]]] = {}
    for src, dst, kind in neighbours(uow.conn, by_id, outgoing=True):
        if kind in REPORTING_KINDS and by_id[src].document.type_key == "BC":
            reported.setdefault(src, []).append((dst, kind))
    pairs: list[tuple[RefNode, int, LinkKind]] = []
    for report, targets in reported.items():
        wanted = {t for t, _ in targets}
        nested = {
            src
            for src, dst, kind in neighbours(uow.conn, wanted, outgoing=False)
            if kind in _DESCENT and src in wanted and dst in wanted
        }
        pairs.extend((by_id[report], t, LinkKind(kind)) for t, kind in targets if t not in nested)
    return pairs


def reference_trace(uow: Any, root: Document) -> tuple[RefNode, list[RefNode], list[Outcome], dict[int, Any]]:
    """build_trace as it was before the links came in one recursive statement."""
    docs: dict[int, Document] = {root.id: root}
    root_node = RefNode(None, root)

    def walk(start: list[RefNode], *, upward: bool) -> None:
        seen = {root.id}
        level = start
        while level:
            by_id = {n.document.id: n for n in level}
            pairs: list[tuple[RefNode, int, LinkKind]] = []
            for src, dst, kind in neighbours(uow.conn, by_id, outgoing=upward):
                parent_id, child_id = (src, dst) if upward else (dst, src)
                pairs.append((by_id[parent_id], child_id, LinkKind(kind)))
            if not upward:
                pairs.extend(_reference_reported(uow, by_id))
            fresh = [c for _, c, _ in pairs if c not in docs]
            docs.update(uow.documents.get_many(fresh))
            next_level: list[RefNode] = []
            for parent, child, link_kind in pairs:
                if child in seen or child not in docs:
                    continue
                seen.add(child)
                node = RefNode(link_kind, docs[child])
                parent.children.append(node)
                next_level.append(node)
            level = next_level

    upstream_root = RefNode(None, root)
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
    return root_node, upstream_root.children, produced, docs


def shape(nodes: list[Any]) -> list[Any]:
    """A tree as nested plain values: kind, the whole document, outcomes, children."""
    return [(n.kind, n.document, n.outcomes, shape(n.children)) for n in nodes]


def assert_same(
    trace: Trace, reference: tuple[RefNode, list[RefNode], list[Outcome], dict[int, Any]]
) -> None:
    root, upstream, produced, docs = reference
    assert trace.root.document == root.document
    assert trace.root.outcomes == root.outcomes
    assert shape(trace.upstream) == shape(upstream)
    assert shape(trace.downstream) == shape(root.children)
    assert trace.outcomes == produced
    assert trace.documents == docs


# ------------------------------------------------------------ random registers


def _random_register(office: Office, rng: random.Random, n_docs: int, n_links: int) -> list[Document]:
    from sqlalchemy import insert

    from vanban.store.tables import links, outcome_reports, outcomes

    docs = [
        office.draft(
            rng.choice(["KH", "CV", "BC", "BC", "QĐ", "TB"]),
            subject=f"Văn bản {i}",
            unit="VHXH",
            recipients=rng.choice([(), ("UBND huyện Kim Thành", "Lưu: VT")]),
        )
        for i in range(n_docs)
    ]
    pairs: set[tuple[int, int, str]] = set()
    for report in (d for d in docs if d.type_key == "BC"):
        # A report on a few documents, one of which carries out another (it hangs under that one).
        targets = rng.sample([d for d in docs if d.id != report.id], 3)
        pairs |= {(report.id, t.id, "reports_on") for t in targets}
        if rng.random() < 0.7:
            pairs.add((targets[1].id, targets[0].id, rng.choice(_DESCENT)))
    while len(pairs) < n_links:
        src, dst = rng.choice(docs), rng.choice(docs)
        if src.id == dst.id and rng.random() < 0.8:
            continue
        kind = rng.choice([*KINDS, "implements", "reports_on", "reports_on", "responds_to"])
        pairs.add((src.id, dst.id, kind))
    reports = [d for d in docs if d.type_key == "BC"] or docs[:1]
    made = []
    with office.engine.begin() as conn:
        conn.execute(
            insert(links),
            [{"from_id": f, "to_id": t, "kind": k} for f, t, k in rng.sample(sorted(pairs), len(pairs))],
        )
        for i in range(n_docs):
            on = None if rng.random() < 0.25 else date(2025, rng.randint(1, 12), rng.randint(1, 28))
            result = conn.execute(
                insert(outcomes).values(
                    document_id=rng.choice(docs).id,
                    text=f"Kết quả {i}",
                    quantity=rng.choice([None, 150]),
                    unit=None,
                    date=on,
                )
            )
            made.append(result.inserted_primary_key[0])
        conn.execute(
            insert(outcome_reports),
            [
                {"outcome_id": o, "report_id": r.id}
                for o in made
                for r in rng.sample(reports, rng.randint(0, min(2, len(reports))))
            ]
            or [{"outcome_id": made[0], "report_id": reports[0].id}],
        )
    return docs


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_the_trace_is_the_walk_it_replaced_on_random_graphs_with_cycles(office: Office, seed: int) -> None:
    from vanban.domain.links import ACYCLIC_KINDS, DESCENT_KINDS
    from vanban.office.trace import ancestors, descendants
    from vanban.store.uow import UnitOfWork

    rng = random.Random(seed)
    docs = _random_register(office, rng, n_docs=12, n_links=24 + 6 * seed)
    for doc in docs:
        trace = office.trace(doc.id)
        with UnitOfWork(office.engine, read_only=True) as uow:
            root = uow.documents.get(doc.id)
            assert root is not None
            assert_same(trace, reference_trace(uow, root))
            # The closures the link rules and reports use, against the level-by-level walk.
            assert ancestors(uow, doc.id) == reference_closure(
                uow, doc.id, outgoing=True, kinds=ACYCLIC_KINDS
            )
            assert descendants(uow, doc.id) == reference_closure(
                uow, doc.id, outgoing=False, kinds=DESCENT_KINDS
            )


def test_a_trace_through_a_cycle_of_every_kind_ends(office: Office) -> None:
    from sqlalchemy import insert

    from vanban.store.tables import links

    ring = [
        office.draft(t, subject=f"Văn bản {i}", unit="VHXH")
        for i, t in enumerate(["KH", "BC", "CV", "BC", "QĐ"])
    ]
    rows = []
    for kind in KINDS:  # every kind, both ways round the ring: cycles the API would refuse, too
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
            rows += [
                {"from_id": a.id, "to_id": b.id, "kind": kind},
                {"from_id": b.id, "to_id": a.id, "kind": kind},
            ]
    with office.engine.begin() as conn:
        conn.execute(insert(links), rows)

    done: list[Trace] = []
    worker = threading.Thread(target=lambda: done.append(office.trace(ring[0].id)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert done, "the trace did not end"
    (trace,) = done

    def ids(nodes: list[TraceNode]) -> list[int]:
        return [i for n in nodes for i in (n.document.id, *ids(n.children))]

    others = sorted(d.id for d in ring[1:])
    assert sorted(ids(trace.upstream)) == others  # each document once on each side
    assert sorted(ids(trace.downstream)) == others
