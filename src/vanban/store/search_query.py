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
    ColumnElement,
    Date,
    Integer,
    String,
    bindparam,
    case,
    cast,
    column,
    func,
    literal,
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
from vanban.store.documents import document_conditions, document_select, to_document
from vanban.store.prepared import Read
from vanban.store.repository import Session
from vanban.store.search import INDEX, KEY_MARK, OFFICE_MARK, with_folding, word_key
from vanban.store.tables import TableName, documents, names_key, names_of


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


def _index(dialect: Dialect) -> Any:
    """The index as a table (on SQLite the FTS5 table, its document id the rowid)."""
    if dialect.name == "sqlite":
        return table(
            TableName(INDEX, None),
            column("rowid", Integer),
            column("key", String),
            column("day", Date),
            column("direction", String),
        )
    return table(
        TableName(INDEX, None),
        column("document_id", Integer),
        column("office_id", Integer),
        column("key", String),
        column("day", Date),
        column("direction", String),
        column("words"),
    )


def _fts5_name(dialect: Dialect) -> ColumnElement[Any]:
    names = names_of(dialect)
    return literal_column(names.qualified(dialect, names.table(INDEX)))


# The values a search statement takes (they are its only variable part: a statement is built
# once for each shape and engine, and run through the driver, store.prepared).
_FTS = bindparam("fts", type_=String)  # fts_expression
_KEY = bindparam("key", type_=String)  # the query's code key, as the index's key column holds it
# SQLite: the key as an FTS5 query of the key column (in the office)
_CODE_KEY = bindparam("code_key", type_=String)
_OFFICE = bindparam("office_id", type_=Integer)
_RANKED = bindparam("ranked", type_=Integer)  # max(RANKED, limit)
_LIMIT = bindparam("limit", type_=Integer)
_PROBE = bindparam("probe", type_=Integer)
_DENSE = bindparam("dense", type_=Integer)
_LOW = bindparam("low", type_=Date)
_HIGH = bindparam("high", type_=Date)
_DIRECTION = bindparam("direction", type_=String)  # the register: "out" or "in"


def _matching(dialect: Dialect, index: Any) -> tuple[Any, ColumnElement[float]]:
    """(which documents match :fts, the rank: higher is better)."""
    if dialect.name == "sqlite":
        name = _fts5_name(dialect)
        # bm25 is lower for better matches; the code and the subject weigh most.
        return name.op("MATCH")(_FTS), -func.bm25(name, 10.0, 5.0, 2.0, 1.0, 0.0)
    if dialect.name == "postgresql":
        tsquery = cast(_FTS, TSQUERY)
        return index.c.words.op("@@")(tsquery), func.ts_rank(index.c.words, tsquery)
    relevance = mysql_match(index.c.words, against=_FTS, in_boolean_mode=True)
    return relevance, relevance


def _within(row: Any, low: bool, high: bool, directed: bool) -> list[ColumnElement[bool]]:
    """The conditions on what an index row holds beside the words (``row``: its columns, with
    day and direction): within the days, in the register."""
    return [
        *([row.day >= _LOW] if low else []),
        *([row.day <= _HIGH] if high else []),
        *([row.direction == _DIRECTION] if directed else []),
    ]


# How many of the newest matches are ranked. A word common in an office ("ke" of "kế hoạch",
# "xa" of its own name) matches thousands of its documents; ranking them all (bm25, ts_rank,
# each match's words read) is what made a search slow, while a person reads the first page.
# The document whose code is the query is always among them.
RANKED = 300
# PostgreSQL: the office's newest PROBE documents are read first (newest first, each one's words
# tested as it is read); if at least DENSE of them match, the office is read on that way below
# them until RANKED match, else the GIN index gathers the matches (_newest_postgresql). 17 % of
# the office matching is where reading 300 / 17 % rows costs what reading the matches of a
# 10,000-document office (the GIN way) costs.
PROBE = 200
DENSE = 34


def search(
    session: Session,
    query: Query,
    office_id: int,
    conditions: Sequence[ColumnElement[bool]],
    limit: int,
    *,
    within_index: bool = False,
    days: tuple[date | None, date | None] = (None, None),
    direction: str | None = None,
) -> list[tuple[Document, bool]]:
    """The best ``limit`` matches among the office's documents that meet ``conditions``, best
    first: the document whose code is the query, then by rank, then the newest; each with
    whether its code is the query. Only the newest ``RANKED`` matches (``limit`` when more)
    and the one whose code is the query are ranked: an older document comes among the best
    when fewer match. Newest: the last registered on SQLite and PostgreSQL, whose indexes are
    read in that order, filtered or not; the latest dated on MariaDB.

    ``within_index``: no condition but the office's held documents dated within ``days``
    (from, to; None: no bound) and, unless None, of ``direction`` (the register, "out" or
    "in"), which is what the index holds beside the words: the newest
    matches are chosen in the index alone, and only the best ``limit`` are read from the
    documents, in the same statement, built once and run through the driver. Otherwise each
    match is joined to its document to meet ``conditions`` before the newest are kept.
    """
    dialect = session.driver.dialect
    low, high = days
    key = KEY_MARK + query.key if dialect.name == "sqlite" else query.key
    values = {
        "fts": fts_expression(dialect.name, query, office_id),
        "key": key,
        "code_key": f'office : "{OFFICE_MARK}{office_id}" AND key : "{key}"',
        "office_id": office_id,
        "ranked": max(RANKED, limit),
        "limit": limit,
        "probe": PROBE,
        "dense": DENSE,
        "low": low,
        "high": high,
        "direction": direction,
    }
    if within_index:
        shape = (low is not None, high is not None, direction is not None)
        rows = _plain_statement(dialect, *shape).rows(session.driver, values)
    else:
        # The register's condition on the index rows too: the other register's matches are
        # dropped before any is joined to its document.
        statement = _statement(dialect, low is not None, high is not None, direction is not None, conditions)
        rows = session.conn.execute(statement, values).all()
    return [(to_document(row), bool(row[-2])) for row in rows]


_PLAIN: dict[tuple[str, bool, bool, bool], Read] = {}


def _plain_statement(dialect: Dialect, low: bool, high: bool, directed: bool) -> Read:
    """The statement of a search with no filter but dates and the register, made once per
    engine and shape."""
    key = (names_key(dialect), low, high, directed)
    found = _PLAIN.get(key)
    if found is None:
        found = _PLAIN[key] = Read(_statement(dialect, low, high, directed, None))
    return found


def _statement(
    dialect: Dialect,
    low: bool,
    high: bool,
    directed: bool,
    conditions: Sequence[ColumnElement[bool]] | None,
) -> Any:
    """A search's statement: ``low``, ``high``, ``directed`` whether the index rows are kept
    within :low, :high and of :direction; ``conditions`` (None: none) met by each match's
    document."""
    if dialect.name == "postgresql":
        return _newest_postgresql(dialect, low, high, directed, conditions)
    if dialect.name == "sqlite":
        return _newest_sqlite(dialect, low, high, directed, conditions)
    # MariaDB: InnoDB ranks every match as it finds it (its relevance); only the sort is of the
    # newest.
    index = _index(dialect)
    found_where, rank_of = _matching(dialect, index)
    doc_id = index.c.document_id
    exact = case((index.c.key == _KEY, 1), else_=0).label("exact")
    ranked = [rank_of.label("rank")]
    if conditions is None:
        newest = (
            select(doc_id.label("id"), exact, index.c.day.label("day"), *ranked)
            .where(found_where, *_within(index.c, low, high, directed))
            .order_by(exact.desc(), index.c.day.desc(), doc_id.desc())
        )
        with_code = select(
            doc_id.label("id"), literal(1).label("exact"), index.c.day.label("day"), literal(0.0)
        )
        with_code = with_code.where(*_within(index.c, low, high, directed))
    else:
        newest = (
            select(documents.c.id, exact, documents.c.date.label("day"), *ranked)
            .select_from(index.join(documents, doc_id == documents.c.id))
            .where(found_where, *conditions)
            .order_by(exact.desc(), documents.c.date.desc(), documents.c.id.desc())
        )
        with_code = (
            select(documents.c.id, literal(1).label("exact"), documents.c.date.label("day"), literal(0.0))
            .select_from(index.join(documents, doc_id == documents.c.id))
            .where(*conditions)
        )
    recent = newest.limit(_RANKED).cte("recent")
    # The document whose code has the query's key though its words are not the query's ("542UBNDVHXH"
    # for 542/UBND-VHXH), once: from the newest when it is one of them.
    with_code = with_code.where(
        index.c.office_id == _OFFICE, index.c.key == _KEY, doc_id.not_in(select(recent.c.id))
    )
    chosen = union_all(select(recent), with_code).subquery("newest")
    return _best_documents(chosen, chosen.c.rank)


def _best_documents(candidates: Any, rank: ColumnElement[Any]) -> Any:
    """The best :limit of ``candidates`` (id, exact, day) by ``rank``, chosen before any is
    joined to its document and organization, with their documents, best first."""
    best = (
        select(candidates.c.id, candidates.c.exact, candidates.c.day, rank.label("rank"))
        .order_by(candidates.c.exact.desc(), rank.desc(), candidates.c.day.desc(), candidates.c.id.desc())
        .limit(_LIMIT)
        .subquery("best")
    )
    return (
        document_select()
        .add_columns(best.c.exact, best.c.rank)
        .join(best, best.c.id == documents.c.id)
        .order_by(best.c.exact.desc(), best.c.rank.desc(), best.c.day.desc(), best.c.id.desc())
    )


def _newest_sqlite(
    dialect: Dialect,
    low: bool,
    high: bool,
    directed: bool,
    conditions: Sequence[ColumnElement[bool]] | None,
) -> Any:
    """The best of the newest ``RANKED`` matches (the last registered: FTS5 walks its matches by
    rowid, newest first, and stops there, bm25 computed for those only) and of the match whose
    code is the query (the key a word of the index), with their documents, in one statement.

    ``conditions`` (None: none but the days and the register, which the index rows hold): each
    match is joined to its document as FTS5 walks them, so a search filtered on what only the
    document holds (type, unit, sender…) stops at the newest RANKED that pass, the same newest
    an unfiltered search ranks, where sorting every match by date first read them all."""
    index = _index(dialect)
    found_where, rank_of = _matching(dialect, index)

    def candidates(found: ColumnElement[bool]) -> Any:
        exact = case((index.c.key == _KEY, 1), else_=0).label("exact")
        chosen = select(index.c.rowid.label("id"), exact, index.c.day.label("day"), rank_of.label("rank"))
        if conditions is not None:
            chosen = chosen.select_from(index.join(documents, documents.c.id == index.c.rowid)).where(
                *conditions
            )
        return chosen.where(found, *_within(index.c, low, high, directed))

    newest = candidates(found_where).order_by(index.c.rowid.desc()).limit(_RANKED).cte("recent")
    # The documents whose code has the query's key, once: from the newest when one of them. A
    # lookup of one word of the index (cheap, where a second MATCH of the query's words would
    # gather a prefix's matches again), which also finds a code typed as one word
    # ("542UBNDVHXH" for 542/UBND-VHXH), whose words are not the query's.
    with_code = candidates(_fts5_name(dialect).op("MATCH")(_CODE_KEY)).where(
        index.c.rowid.not_in(select(newest.c.id))
    )
    chosen = union_all(select(newest), with_code).subquery("newest")
    return _best_documents(chosen, chosen.c.rank)


def _newest_postgresql(
    dialect: Dialect,
    low: bool,
    high: bool,
    directed: bool,
    conditions: Sequence[ColumnElement[bool]] | None,
) -> Any:
    """The best of the office's newest RANKED matches (newest: the last registered) and the
    match whose code is the query, with their documents, in one statement. ``conditions``
    (None: none but the days and the register): each candidate is joined to its document to
    meet them.

    The newest are found one of two ways, chosen by the statement itself (one-time filters
    on what the probe found), each giving the same documents:

    1. The office's newest PROBE rows are read newest first (the index on (office_id,
       document_id)), each row's words tested as it is read (ts_match_vq, the @@ operator's own
       function, which the GIN index does not take), keeping at most RANKED matches. When at
       least DENSE of them match, the word is common enough that reading on through the office
       the same way, below those rows, reaches RANKED sooner than (2): a word in most documents
       ("dan" of "nhân dân") is done after a few hundred rows, where the GIN index would gather
       all its matches (10,000 in a large office) and read each.
    2. Otherwise (a rarer word) the GIN index gathers the office's matches and only those are
       read, the newest RANKED kept.
    """
    index = _index(dialect)
    tsquery = cast(_FTS, TSQUERY)

    def found(rows: Any, *condition: ColumnElement[bool]) -> Any:
        """The matches among ``rows`` (a selectable with id, key, day, direction, words)."""
        exact = case((rows.c.key == _KEY, 1), else_=0).label("exact")
        chosen = select(rows.c.id, exact, rows.c.day, rows.c.words)
        if conditions is not None:
            chosen = chosen.join(documents, rows.c.id == documents.c.id).where(*conditions)
        return chosen.where(*condition, *_within(rows.c, low, high, directed))

    def office_rows(newest: bool = False) -> Any:
        doc = index.c.document_id
        rows = select(doc.label("id"), index.c.key, index.c.day, index.c.direction, index.c.words).where(
            index.c.office_id == _OFFICE
        )
        return (rows.order_by(doc.desc()).limit(_PROBE) if newest else rows).subquery()

    def walked(rows: Any, *below: ColumnElement[bool], limit: Any = _RANKED) -> Any:
        matching = found(rows, func.ts_match_vq(rows.c.words, tsquery), *below)
        return matching.order_by(rows.c.id.desc()).limit(limit)

    window = office_rows(newest=True)
    probed = walked(window).cte("probed")
    count = select(func.count()).select_from(probed).scalar_subquery()
    # The oldest row the probe read: the walk goes on below it (a window of fewer than PROBE
    # rows is the whole office, and nothing is below it).
    edge = select(func.min(window.c.id)).scalar_subquery()
    older = office_rows()
    rest = walked(older, older.c.id < edge, limit=_RANKED - count).subquery()
    everywhere = office_rows()
    by_gin = found(everywhere, everywhere.c.words.op("@@")(tsquery)).order_by(everywhere.c.id.desc())
    newest = union_all(
        select(probed).where(count >= _DENSE),
        select(rest).where(count >= _DENSE),
        select(by_gin.limit(_RANKED).subquery()).where(count < _DENSE),
    )
    with_code = office_rows()
    # By the key alone: a code typed as one word ("542UBNDVHXH") is not the code's words.
    code_match = found(with_code, with_code.c.key == _KEY)
    chosen = union(newest, code_match).subquery("newest")
    return _best_documents(chosen, func.ts_rank(chosen.c.words, tsquery))


_NO_FILTER = DocumentFilter()


class SearchQueries:
    """The search index (office.ports.SearchIndex) in a unit of work's transaction."""

    __slots__ = ("_session",)

    def __init__(self, session: Session) -> None:
        self._session = session

    def find(
        self, query: Query, office_id: int, flt: DocumentFilter, limit: int
    ) -> list[tuple[Document, bool]]:
        # Dates and the register are beside the words in the index: a search within them (the
        # web desk's always is within one register) stays in the index.
        beside = replace(flt, limit=None, open_states=(), date_from=None, date_to=None, direction=None)
        plain = beside == _NO_FILTER
        conditions = document_conditions(office_id, flt)
        if flt.signer:
            with_folding(self._session.driver.dialect, self._session.driver.dbapi)
        return search(
            self._session,
            query,
            office_id,
            conditions,
            limit,
            within_index=plain,
            days=(flt.date_from, flt.date_to),
            direction=flt.direction.value if flt.direction else None,
        )
