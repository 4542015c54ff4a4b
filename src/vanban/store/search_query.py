"""The search index's query: the office's documents whose words hold every word of a query.

store.search makes and keeps the index (each engine's own full-text machinery); here it is
read. Only the newest matches are ranked (RANKED), the document whose code is the query
always among them; the best are read with their documents in the same statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Date,
    Integer,
    String,
    bindparam,
    case,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    union,
    union_all,
)
from sqlalchemy.dialects.mysql import match as mysql_match
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.engine import Dialect

from vanban.domain.model import Document
from vanban.domain.search import Query
from vanban.office.queries import DocumentFilter
from vanban.store.repository import Session, document_conditions, document_select, to_document
from vanban.store.search import INDEX, OFFICE_MARK, word_key
from vanban.store.tables import TableName, documents, names_of


def fts_expression(dialect: str, query: Query, office_id: int) -> str:
    """The engine's full-text query for ``query`` in the office: every word, the last also as a
    prefix.

    The words are a–z and 0–9 only (domain.search.words), so nothing a person types reaches
    the engine's query syntax: operators, quotes and SQL are separators, never syntax.
    """
    *whole, last = query.terms
    if dialect == "sqlite":
        expression = " ".join([*(f'"{t}"' for t in whole), f'"{last}"*'])
        return f'office : "{OFFICE_MARK}{office_id}" AND {{code subject people texts}} : ({expression})'
    whole = [word_key(office_id, t) for t in whole]
    last = word_key(office_id, last)
    if dialect == "postgresql":
        # A tsquery literal (cast, not to_tsquery): the words are already folded and keyed.
        return " & ".join([*(f"'{t}'" for t in whole), f"'{last}':*"])
    return " ".join([*(f"+{t}" for t in whole), f"+{last}*"])


def _matching(
    dialect_of: Dialect, query: Query, office_id: int
) -> tuple[Any, Any, ColumnElement[float], BindParameter[str]]:
    """(the index as a table, which documents match :fts, the rank: higher is better, :fts)."""
    dialect = dialect_of.name
    fts = bindparam("fts", fts_expression(dialect, query, office_id), type_=String)
    if dialect == "sqlite":
        index = table(
            TableName(INDEX, None), column("rowid", Integer), column("key", String), column("day", Date)
        )
        names = names_of(dialect_of)
        name: ColumnElement[Any] = literal_column(names.qualified(dialect_of, names.table(INDEX)))
        # bm25 is lower for better matches; the code and the subject weigh most.
        rank = -func.bm25(name, 10.0, 5.0, 2.0, 1.0, 0.0)
        return index, name.op("MATCH")(fts), rank, fts
    index = table(
        TableName(INDEX, None),
        column("document_id", Integer),
        column("office_id", Integer),
        column("key", String),
        column("day", Date),
        column("words"),
    )
    if dialect == "postgresql":
        tsquery = cast(fts, TSQUERY)
        return index, index.c.words.op("@@")(tsquery), func.ts_rank(index.c.words, tsquery), fts
    relevance = mysql_match(index.c.words, against=fts, in_boolean_mode=True)
    return index, relevance, relevance, fts


# How many of the newest matches are ranked. A word common in an office ("ke" of "kế hoạch",
# "xa" of its own name) matches thousands of its documents; ranking them all (bm25, ts_rank,
# each match's words read) is what made a search slow, while a person reads the first page.
# The document whose code is the query is always among them.
RANKED = 300
# PostgreSQL: the newest RANKED matches are first looked for among the office's newest WINDOW
# documents, the GIN index's matches intersected with those in the index before any row is
# read; only when fewer match there are the office's matches read whole. A word in most of an
# office's documents costs WINDOW rows read rather than all of them.
WINDOW = 2000


def search(
    conn: Connection,
    query: Query,
    office_id: int,
    conditions: Sequence[ColumnElement[bool]],
    limit: int,
    *,
    within_index: bool = False,
    days: tuple[date | None, date | None] = (None, None),
) -> list[tuple[Document, bool]]:
    """The best ``limit`` matches among the office's documents that meet ``conditions``, best
    first: the document whose code is the query, then by rank, then the newest; each with
    whether its code is the query. Only the newest ``RANKED`` matches (``limit`` when more)
    and the one whose code is the query are ranked: an older document comes among the best
    when fewer match. Newest: the last registered on PostgreSQL (_newest_postgresql), the
    latest dated elsewhere.

    ``within_index``: no condition but the office's held documents dated within ``days``
    (from, to; None: no bound), which is what the index holds beside the words: the newest
    matches are chosen in the index alone, and only the best ``limit`` are read from the
    documents, in the same statement. Otherwise each match is joined to its document to meet
    ``conditions`` before the newest are kept.
    """
    if conn.dialect.name == "postgresql":
        joined = None if within_index else conditions
        return [
            (to_document(row), bool(row[-2]))
            for row in _newest_postgresql(conn, query, office_id, limit, days, joined)
        ]
    if within_index and conn.dialect.name == "sqlite":
        return [
            (to_document(row), bool(row[-2])) for row in _newest_sqlite(conn, query, office_id, limit, days)
        ]
    # MariaDB, and a filtered search on SQLite: the engine ranks every match as it finds it
    # (InnoDB's relevance, bm25); only the sort is of the newest.
    index, found_where, rank_of, _fts = _matching(conn.dialect, query, office_id)
    doc_id = index.c.rowid if conn.dialect.name == "sqlite" else index.c.document_id
    exact = case((index.c.key == bindparam("key", query.key), 1), else_=0).label("exact")
    ranked = [rank_of.label("rank")]
    if within_index:
        low, high = days
        newest = (
            select(doc_id.label("id"), exact, index.c.day.label("day"), *ranked)
            .where(
                found_where,
                *([index.c.day >= low] if low else []),
                *([index.c.day <= high] if high else []),
            )
            .order_by(exact.desc(), index.c.day.desc(), doc_id.desc())
        )
    else:
        newest = (
            select(documents.c.id, exact, documents.c.date.label("day"), *ranked)
            .select_from(index.join(documents, doc_id == documents.c.id))
            .where(found_where, *conditions)
            .order_by(exact.desc(), documents.c.date.desc(), documents.c.id.desc())
        )
    newest_sub = newest.limit(max(RANKED, limit)).subquery("newest")
    rows = conn.execute(_best_documents(newest_sub, newest_sub.c.rank, limit)).all()
    return [(to_document(row), bool(row[-2])) for row in rows]


def _best_documents(candidates: Any, rank: ColumnElement[Any], limit: int, *extra: Any) -> Any:
    """The best ``limit`` of ``candidates`` (id, exact, day) by ``rank``, chosen before any is
    joined to its document and organization, with their documents, best first."""
    best = (
        select(candidates.c.id, candidates.c.exact, candidates.c.day, rank.label("rank"), *extra)
        .order_by(candidates.c.exact.desc(), rank.desc(), candidates.c.day.desc(), candidates.c.id.desc())
        .limit(limit)
        .subquery("best")
    )
    return (
        document_select()
        .add_columns(best.c.exact, best.c.rank, *(best.c[e.name] for e in extra))
        .join(best, best.c.id == documents.c.id)
        .order_by(best.c.exact.desc(), best.c.rank.desc(), best.c.day.desc(), best.c.id.desc())
    )


def _newest_sqlite(
    conn: Connection, query: Query, office_id: int, limit: int, days: tuple[date | None, date | None]
) -> list[Any]:
    """The best of the newest ``RANKED`` matches (the last registered: FTS5 walks its matches by
    rowid, newest first, and stops there, bm25 computed for those only) and of the match whose
    code is the query (the key a word of the index), with their documents, in one statement."""
    index, found_where, rank_of, _fts = _matching(conn.dialect, query, office_id)
    # The documents whose code has the query's key: a lookup of one word of the index (cheap,
    # where a second MATCH of the query's words would gather a prefix's matches again).
    names = names_of(conn.dialect)
    name: ColumnElement[Any] = literal_column(names.qualified(conn.dialect, names.table(INDEX)))
    code_key = bindparam("code_key", f'key : "{query.key}"', type_=String)
    with_key = select(index.c.rowid).where(name.op("MATCH")(code_key)).correlate(None)
    low, high = days

    def candidates(found: ColumnElement[bool]) -> Any:
        exact = case((index.c.key == bindparam("key", query.key), 1), else_=0).label("exact")
        return select(
            index.c.rowid.label("id"), exact, index.c.day.label("day"), rank_of.label("rank")
        ).where(found, *([index.c.day >= low] if low else []), *([index.c.day <= high] if high else []))

    newest = candidates(found_where).order_by(index.c.rowid.desc()).limit(max(RANKED, limit)).cte("recent")
    # The document whose code is the query, once: from the newest when it is one of them.
    with_code = candidates(found_where).where(
        index.c.rowid.in_(with_key), index.c.rowid.not_in(select(newest.c.id))
    )
    chosen = union_all(select(newest), with_code).subquery("newest")
    return list(conn.execute(_best_documents(chosen, chosen.c.rank, limit)).all())


def _newest_postgresql(
    conn: Connection,
    query: Query,
    office_id: int,
    limit: int,
    days: tuple[date | None, date | None],
    conditions: Sequence[ColumnElement[bool]] | None,
) -> list[Any]:
    """The best of the office's newest RANKED matches (newest: the last registered) and the
    match whose code is the query, with their documents, in one statement. ``conditions``
    (None: none but ``days``): each candidate is joined to its document to meet them.

    The newest are first looked for among the office's newest WINDOW documents (the GIN
    index's matches intersected with those by the index on (office_id, document_id) before
    any row is read); only when fewer than RANKED match there are all the office's matches
    read, which the statement decides once (a one-time filter) rather than a second query."""
    index, found_where, _rank, fts = _matching(conn.dialect, query, office_id)
    doc = index.c.document_id
    key: BindParameter[str] = bindparam("key", query.key, type_=String)
    low, high = days
    where = [
        found_where,
        index.c.office_id == office_id,
        *([index.c.day >= low] if low else []),
        *([index.c.day <= high] if high else []),
    ]

    def candidates(*condition: ColumnElement[bool]) -> Any:
        exact = case((index.c.key == key, 1), else_=0).label("exact")
        chosen = select(doc.label("id"), exact, index.c.day.label("day"), index.c.words)
        if conditions is not None:
            chosen = chosen.select_from(index.join(documents, doc == documents.c.id)).where(*conditions)
        return chosen.where(*where, *condition)

    window_start = (
        select(doc)
        .where(index.c.office_id == office_id)
        .order_by(doc.desc())
        .offset(WINDOW - 1)
        .limit(1)
        .scalar_subquery()
    )
    ranked = max(RANKED, limit)
    recent = (
        candidates(doc >= func.coalesce(window_start, 0)).order_by(doc.desc()).limit(ranked).cte("recent")
    )
    enough = select(func.count()).select_from(recent).scalar_subquery() >= ranked
    older = candidates().order_by(doc.desc()).limit(ranked).subquery("older")
    newest = union_all(select(recent).where(enough), select(older).where(~enough))
    chosen = union(newest, candidates(index.c.key == key)).subquery("newest")
    rank = func.ts_rank(chosen.c.words, cast(fts, TSQUERY))
    return list(conn.execute(_best_documents(chosen, rank, limit)).all())


_NO_FILTER = DocumentFilter()


class SearchQueries:
    """The search index (office.ports.SearchIndex) in a unit of work's transaction."""

    __slots__ = ("_session",)

    def __init__(self, session: Session) -> None:
        self._session = session

    def find(
        self, query: Query, office_id: int, flt: DocumentFilter, limit: int
    ) -> list[tuple[Document, bool]]:
        # Dates are beside the words in the index: a search within dates stays in the index.
        plain = replace(flt, limit=None, open_states=(), date_from=None, date_to=None) == _NO_FILTER
        conditions = document_conditions(office_id, flt)
        return search(
            self._session.conn,
            query,
            office_id,
            conditions,
            limit,
            within_index=plain,
            days=(flt.date_from, flt.date_to),
        )
