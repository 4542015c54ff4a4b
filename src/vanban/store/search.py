"""The search index: each engine's own full-text machinery, kept by triggers, and its query.

One row per document holds its words without diacritics (domain.search.fold): the code, the
subject (trích yếu), the sender and signer, and the longer texts — the body (the text of an
imported Word file), the notes of its events and assignments, its outcomes. Triggers on the
tables those come from write the row in the same transaction as the change, whatever path
made it (the registration hot path on the driver connection included).

- SQLite: an FTS5 table, tokenizer unicode61 with remove_diacritics 2 (it folds case and
  every Vietnamese vowel; đ/Đ, which Unicode does not decompose, is replaced in the trigger).
  Ranked by bm25 with the code and subject weighing most.
- PostgreSQL: a tsvector (configuration "simple", no stemming) of the folded words, each
  keyed by the office (word_key: "so" of office 12 is the lexeme "o12xso"), weighted A code,
  B subject, C sender and signer, D the rest, under a GIN index; ranked by ts_rank. The
  folding is translate() with domain.search.FOLD_FROM/FOLD_TO, in one SQL function.
- MariaDB: InnoDB FULLTEXT over the folded words. Its parser drops words under
  innodb_ft_min_token_size (3) letters and its English stopwords ("la", "to", "de"…), which
  would lose half of Vietnamese ("số", "vụ", "là", "tổ"); MariaDB has no ngram parser. Every
  word is therefore keyed by the office as on PostgreSQL ("so" → "o12xso"): none is too short
  or a stopword, and a prefix query stays a prefix query. The folding is nested REPLACE with
  the same table, in the procedure the triggers call.

Why keyed words: a clerk searches in their office, and with 100 offices in one database a
common word's list of documents (or a prefix's, which the engine gathers whole before
intersecting) is a hundred times longer than the office's. Keyed, the engine reads only the
office's lists: a prefix "khai*" of one office is a few hundred documents, not 70,000.
SQLite's register is one office's; there the office is a word of the row (``OFFICE_MARK``),
and so is the code's key, which finds the document whose code is the query.

A code typed in any form ("542/ubnd-vhxh", "542 UBND VHXH") is the key of its words run
together (domain.search.code_key); the document whose code has that key comes first.
Beside the words each row holds the document's office and day, and since migration 0015 its
direction: a search within one register and dates is answered by the index alone.
The index is read by store.search_query.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, String
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from vanban.domain.search import FOLD_FROM, FOLD_TO, fold
from vanban.store.tables import names_of

# SQLite: the office a document belongs to is a word of its index row too ("zzo12"): FTS5 then
# intersects the office's documents with the query's words inside the index.
OFFICE_MARK = "zzo"
# SQLite since migration 0013: the code's key as a word of its own, never one of the texts' words
# ("zzk542ubndvhxh"): looking the key of a one-word query ("dan") up read that word's list of
# every document. And FTS5 keeps a list for every prefix of 1 to 4 letters (PREFIXES), so a
# short last word ("dan"*, "xa"*) is read from one list, newest first, stopping at the newest
# matches, where it gathered every word that begins so, over every document, first.
KEY_MARK = "zzk"
PREFIXES = "1 2 3 4"
INDEX = "search_index"  # the table (and the prefix of its triggers and routines)
_SEPARATORS = "/-. _"  # what a code key drops on SQLite (codes are ASCII letters, Đ and these)

# (table, the trigger's timing and event, condition, which document it refreshes)
_SOURCES = (
    ("events", "INSERT", "NEW.note IS NOT NULL AND NEW.document_id IS NOT NULL", "NEW.document_id"),
    ("assignments", "INSERT", "NEW.note IS NOT NULL", "NEW.document_id"),
    ("outcomes", "INSERT", None, "NEW.document_id"),
)
_DOCUMENT_FIELDS = ("code", "subject", "body", "signer_name", "issuer_id", "date", "reference_only")


_FTS5_SHADOWS = ("data", "idx", "content", "docsize", "config")


def index_tables(dialect: str | None = None) -> tuple[str, ...]:
    """The tables of the search index on ``dialect`` (None: on any engine), as vanban names them."""
    if dialect is None or dialect == "sqlite":
        return (INDEX, *(f"{INDEX}_{shadow}" for shadow in _FTS5_SHADOWS))
    return (INDEX,)


def is_index_table(name: str | None) -> bool:
    """Whether a table belongs to the search index (alembic's autogenerate leaves them alone:
    SQLite's FTS5 table and its shadow tables are not in tables.py)."""
    return bool(name) and INDEX in str(name)


def _notes(doc: str) -> str:
    """The longer texts of document ``doc``, one SQL text expression (notes, outcomes)."""
    return (
        f"COALESCE((SELECT {{agg_events}} FROM events WHERE events.document_id = {doc}"
        " AND events.note IS NOT NULL), '')"
        f" || ' ' || COALESCE((SELECT {{agg_assignments}} FROM assignments"
        f" WHERE assignments.document_id = {doc} AND assignments.note IS NOT NULL), '')"
        f" || ' ' || COALESCE((SELECT {{agg_outcomes}} FROM outcomes WHERE outcomes.document_id = {doc}), '')"
    )


# ------------------------------------------------------------------------------------ SQLite


def _sqlite_d(expr: str) -> str:
    return f"replace(replace({expr}, 'đ', 'd'), 'Đ', 'D')"


def _sqlite_key(expr: str) -> str:
    out = _sqlite_d(f"COALESCE({expr}, '')")
    for sep in _SEPARATORS:
        out = f"replace({out}, '{sep}', '')"
    return f"lower({out})"


def _sqlite_row(where: str, marked: bool, directed: bool) -> str:
    notes = _notes("d.id").format(
        agg_events="group_concat(events.note, ' ')",
        agg_assignments="group_concat(assignments.note, ' ')",
        agg_outcomes="group_concat(outcomes.text, ' ')",
    )
    code = _sqlite_d("COALESCE(d.code, '')")
    subject = _sqlite_d("d.subject")
    people = _sqlite_d("o.code || ' ' || o.name || ' ' || COALESCE(d.signer_name, '')")
    texts = _sqlite_d("COALESCE(d.body, '') || ' ' || " + notes)
    key = f"{KEY_MARK!r} || {_sqlite_key('d.code')}" if marked else _sqlite_key("d.code")
    return (
        f"INSERT INTO {INDEX}(rowid, code, subject, people, texts, office, key, day"
        + (", direction" if directed else "")
        + f") SELECT d.id, {code}, {subject}, {people}, {texts}, {OFFICE_MARK!r} || d.office_id,"
        f" {key}, d.date"
        + (", d.direction" if directed else "")
        + " FROM documents d JOIN organizations o ON o.id = d.issuer_id"
        f" WHERE {where} AND NOT d.reference_only;"
    )


def _sqlite_install(keyed: bool, prefixed: bool, directed: bool) -> list[str]:
    def row(where: str) -> str:
        return _sqlite_row(where, marked=prefixed, directed=directed)

    def refresh(doc: str) -> str:
        return f"DELETE FROM {INDEX} WHERE rowid = {doc}; {row('d.id = ' + doc)}"

    fields = ", ".join(_DOCUMENT_FIELDS)
    statements = [
        f"CREATE VIRTUAL TABLE {INDEX} USING fts5(code, subject, people, texts, office,"
        # The key a word of its own (keyed): the document whose code is the query is then
        # found by the index, not by reading every match's key.
        + (" key, day UNINDEXED," if keyed else " key UNINDEXED, day UNINDEXED,")
        + (" direction UNINDEXED," if directed else "")
        + " tokenize = 'unicode61 remove_diacritics 2'"
        + (f", prefix = '{PREFIXES}')" if prefixed else ")"),
        f"CREATE TRIGGER {INDEX}_documents_insert AFTER INSERT ON documents BEGIN {row('d.id = NEW.id')} END",
        f"CREATE TRIGGER {INDEX}_documents_update AFTER UPDATE OF {fields} ON documents BEGIN"
        f" {refresh('NEW.id')} END",
        f"CREATE TRIGGER {INDEX}_documents_delete AFTER DELETE ON documents BEGIN"
        f" DELETE FROM {INDEX} WHERE rowid = OLD.id; END",
        f"CREATE TRIGGER {INDEX}_organizations_update AFTER UPDATE OF code, name ON organizations BEGIN"
        f" DELETE FROM {INDEX} WHERE rowid IN (SELECT id FROM documents WHERE issuer_id = NEW.id);"
        f" {row('d.issuer_id = NEW.id')} END",
        f"CREATE TRIGGER {INDEX}_outcomes_change AFTER UPDATE OF text ON outcomes BEGIN"
        f" {refresh('NEW.document_id')} END",
    ]
    for source, event, condition, doc in _SOURCES:
        when = f" WHEN {condition}" if condition else ""
        statements.append(
            f"CREATE TRIGGER {INDEX}_{source}_{event.lower()} AFTER {event} ON {source}{when} BEGIN"
            f" {refresh(doc)} END"
        )
    statements.append(row("1 = 1").rstrip(";"))
    return statements


# -------------------------------------------------------------------------------- PostgreSQL


def _pg_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_PG_FOLD = f"{INDEX}_fold"
_PG_KEYED = f"{INDEX}_keyed"


def word_key(office_id: int, word: str) -> str:
    """A folded word as the index of a server holds it: keyed by its office ("so" of office 12
    → "o12xso"). The office's digits end at the x, so no two offices' keys meet."""
    return f"o{office_id}x{word}"


def _postgresql_install(keyed: bool, directed: bool) -> list[str]:
    notes = _notes("d.id").format(
        agg_events="string_agg(events.note, ' ')",
        agg_assignments="string_agg(assignments.note, ' ')",
        agg_outcomes="string_agg(outcomes.text, ' ')",
    )

    people = "o.code || ' ' || o.name || ' ' || COALESCE(d.signer_name, '')"
    longer = "COALESCE(d.body, '') || ' ' || " + notes

    def vector(expr: str, weight: str) -> str:
        words = f"{_PG_KEYED}(d.office_id, {expr})" if keyed else f"{_PG_FOLD}({expr})"
        return f"setweight(to_tsvector('simple', {words}), '{weight}')"

    # A recorded document's direction never changes (frozen since 0005); the refresh writes it
    # like the rest of the row all the same (a cited document received is one row made again).
    direction, of_document = (", direction", ", d.direction") if directed else ("", "")
    set_direction = ", direction = EXCLUDED.direction" if directed else ""
    refresh = (
        f"INSERT INTO {INDEX} (document_id, office_id, key, day{direction}, words) SELECT d.id,"
        f" d.office_id, replace({_PG_FOLD}(d.code), ' ', ''), d.date{of_document},"
        f" {vector('d.code', 'A')} || {vector('d.subject', 'B')}"
        f" || {vector(people, 'C')} || {vector(longer, 'D')}"
        + ("" if keyed else f" || array_to_tsvector(ARRAY['{OFFICE_MARK}_' || d.office_id])")
        + " FROM documents d JOIN organizations o ON o.id = d.issuer_id"
        " WHERE {where} AND NOT d.reference_only"
        " ON CONFLICT (document_id) DO UPDATE SET office_id = EXCLUDED.office_id,"
        f" key = EXCLUDED.key, day = EXCLUDED.day{set_direction}, words = EXCLUDED.words"
    )
    fields = ", ".join(_DOCUMENT_FIELDS)
    statements = [
        f"CREATE TABLE {INDEX} (document_id integer PRIMARY KEY, office_id integer NOT NULL,"
        " key text NOT NULL, day date,"
        + (" direction varchar(3) NOT NULL," if directed else "")
        + " words tsvector NOT NULL)",
        # Folded words: translate the letters with diacritics, small letters, anything else a space.
        f"CREATE FUNCTION {_PG_FOLD}(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS"
        f" $$ SELECT btrim(regexp_replace(lower(translate(COALESCE(value, ''), {_pg_literal(FOLD_FROM)},"
        f" {_pg_literal(FOLD_TO)})), '[^a-z0-9]+', ' ', 'g')) $$",
        # The folded words keyed by the office (word_key): the parser reads "o12xso" as one word.
        f"CREATE FUNCTION {_PG_KEYED}(office integer, value text) RETURNS text LANGUAGE sql IMMUTABLE"
        f" PARALLEL SAFE AS $$ SELECT regexp_replace({_PG_FOLD}(value), '([a-z0-9]+)',"
        " 'o' || office || 'x\\1', 'g') $$",
        f"CREATE FUNCTION {INDEX}_refresh(doc integer) RETURNS void LANGUAGE sql AS"
        f" $$ {refresh.format(where='d.id = doc')} $$",
        f"CREATE FUNCTION {INDEX}_documents() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" IF TG_OP = 'DELETE' THEN DELETE FROM {INDEX} WHERE document_id = OLD.id;"
        f" ELSE PERFORM {INDEX}_refresh(NEW.id); END IF; RETURN NULL; END $$",
        f"CREATE FUNCTION {INDEX}_child() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" PERFORM {INDEX}_refresh(NEW.document_id); RETURN NULL; END $$",
        f"CREATE FUNCTION {INDEX}_organizations() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" PERFORM {INDEX}_refresh(id) FROM documents WHERE issuer_id = NEW.id; RETURN NULL; END $$",
        f"CREATE TRIGGER {INDEX}_documents AFTER INSERT OR DELETE OR UPDATE OF {fields} ON documents"
        f" FOR EACH ROW EXECUTE FUNCTION {INDEX}_documents()",
        f"CREATE TRIGGER {INDEX}_organizations AFTER UPDATE OF code, name ON organizations"
        f" FOR EACH ROW EXECUTE FUNCTION {INDEX}_organizations()",
        f"CREATE TRIGGER {INDEX}_outcomes_change AFTER UPDATE OF text ON outcomes"
        f" FOR EACH ROW EXECUTE FUNCTION {INDEX}_child()",
    ]
    for source, event, condition, _doc in _SOURCES:
        when = f" WHEN ({condition})" if condition else ""
        statements.append(
            f"CREATE TRIGGER {INDEX}_{source} AFTER {event} ON {source} FOR EACH ROW{when}"
            f" EXECUTE FUNCTION {INDEX}_child()"
        )
    statements.append(refresh.format(where="true"))
    statements.append(f"CREATE INDEX ix_{INDEX}_words ON {INDEX} USING gin (words)")
    if keyed:
        # An office's newest documents, and the one whose code is the query (search()).
        statements.append(f"CREATE INDEX ix_{INDEX}_office ON {INDEX} (office_id, document_id)")
        statements.append(f"CREATE INDEX ix_{INDEX}_key ON {INDEX} (office_id, key)")
    else:
        statements.append(f"CREATE INDEX ix_{INDEX}_office ON {INDEX} (office_id)")
    return statements


# ----------------------------------------------------------------------------------- MariaDB


def _mariadb_fold(expr: str) -> str:
    """fold() in MariaDB SQL: small letters (LOWER knows Unicode), each letter with diacritics
    replaced (the column is utf8mb4_bin, so REPLACE compares exactly), the rest spaces."""
    out = _mariadb_letters(f"COALESCE({expr}, '')")
    return f"TRIM(REGEXP_REPLACE({out}, '[^a-z0-9]+', ' '))"


def _mariadb_install(keyed: bool, directed: bool) -> list[str]:
    notes = _notes("d.id").format(
        agg_events="GROUP_CONCAT(events.note SEPARATOR ' ')",
        agg_assignments="GROUP_CONCAT(assignments.note SEPARATOR ' ')",
        agg_outcomes="GROUP_CONCAT(outcomes.text SEPARATOR ' ')",
    )
    everything = (
        # The code three times and the subject twice: InnoDB ranks by how often a word occurs
        # (one FULLTEXT column, no weights), so they weigh more than a word of the body.
        "CONCAT_WS(' ', d.code, d.code, d.code, d.subject, d.subject, o.code, o.name, d.signer_name, d.body, "
        + notes.replace(" || ' ' || ", ", ")
        + ")"
    )
    folded = _mariadb_fold(everything)
    marked = (
        f"REGEXP_REPLACE({folded}, '([a-z0-9]+)', CONCAT('o', d.office_id, 'x\\\\1'))"
        if keyed
        else f"CONCAT(REGEXP_REPLACE({folded}, '([a-z0-9]+)', 'ww\\\\1'), ' {OFFICE_MARK}', d.office_id)"
    )
    key = f"REPLACE({_mariadb_fold('d.code')}, ' ', '')"
    direction, of_document = (", direction", ", d.direction") if directed else ("", "")
    refresh = (
        f"REPLACE INTO {INDEX} (document_id, office_id, `key`, day{direction}, words) SELECT d.id,"
        f" d.office_id, {key}, d.date{of_document}, {marked}"
        " FROM documents d JOIN organizations o ON o.id = d.issuer_id"
        " WHERE {where} AND NOT d.reference_only"
    )
    changed = " OR ".join(f"NOT (OLD.{f} <=> NEW.{f})" for f in _DOCUMENT_FIELDS)
    statements = [
        f"CREATE TABLE {INDEX} (document_id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL,"
        " `key` VARCHAR(200) NOT NULL, day DATE,"
        + (" direction VARCHAR(3) NOT NULL," if directed else "")
        + " words MEDIUMTEXT NOT NULL,"
        f" INDEX ix_{INDEX}_office (office_id))"
        " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
        f"CREATE PROCEDURE {INDEX}_refresh(doc INTEGER) MODIFIES SQL DATA"
        f" {refresh.format(where='d.id = doc')}",
        f"CREATE TRIGGER {INDEX}_documents_insert AFTER INSERT ON documents FOR EACH ROW"
        f" CALL {INDEX}_refresh(NEW.id)",
        f"CREATE TRIGGER {INDEX}_documents_update AFTER UPDATE ON documents FOR EACH ROW"
        f" IF {changed} THEN CALL {INDEX}_refresh(NEW.id); END IF",
        f"CREATE TRIGGER {INDEX}_documents_delete AFTER DELETE ON documents FOR EACH ROW"
        f" DELETE FROM {INDEX} WHERE document_id = OLD.id",
        f"CREATE TRIGGER {INDEX}_organizations AFTER UPDATE ON organizations FOR EACH ROW"
        f" IF NOT (OLD.code <=> NEW.code AND OLD.name <=> NEW.name) THEN"
        f" {refresh.format(where='d.issuer_id = NEW.id')}; END IF",
        f"CREATE TRIGGER {INDEX}_outcomes_change AFTER UPDATE ON outcomes FOR EACH ROW"
        f" IF NOT (OLD.text <=> NEW.text) THEN CALL {INDEX}_refresh(NEW.document_id); END IF",
    ]
    for source, event, condition, doc in _SOURCES:
        body = f"CALL {INDEX}_refresh({doc})"
        if condition:
            body = f"IF {condition} THEN {body}; END IF"
        statements.append(
            f"CREATE TRIGGER {INDEX}_{source}_{event.lower()} AFTER {event} ON {source} FOR EACH ROW {body}"
        )
    statements.append(refresh.format(where="1 = 1"))
    statements.append(f"CREATE FULLTEXT INDEX ix_{INDEX}_words ON {INDEX} (words)")
    return statements


# ------------------------------------------------------------------- a folded text in a query

# SQLite: domain.search.fold itself, given to the connection of a unit of work that filters by
# it (with_folding), a host application's connection included. SQLite's lower() knows only
# ASCII, and nesting a replace() for each letter of the table overflows its parser.
FOLD_FUNCTION = "vanban_fold"


def _fold(value: str | None) -> str | None:
    return None if value is None else fold(value)


def with_folding(dialect: Dialect, dbapi_connection: Any) -> None:
    """Make ``folded`` work on this driver connection: on SQLite, give it the folding function
    (again is harmless); the servers fold in SQL."""
    if dialect.name == "sqlite":
        dbapi_connection.create_function(FOLD_FUNCTION, 1, _fold, deterministic=True)


class folded(FunctionElement[str]):
    """``domain.search.fold`` of a text in SQL on the engine at hand: small letters without
    diacritics, đ as d, every other character kept ("Phúc Công" → "phuc cong"). A filter that
    compares it with a folded value matches as a search does."""

    type = String()
    inherit_cache = True
    name = "folded"


@compiles(folded)
def _folded_sqlite(element: folded, compiler: Any, **kw: Any) -> str:
    return f"{FOLD_FUNCTION}({compiler.process(element.clauses, **kw)})"


@compiles(folded, "postgresql")
def _folded_postgresql(element: folded, compiler: Any, **kw: Any) -> str:
    value = compiler.process(element.clauses, **kw)
    return f"lower(translate({value}, {_pg_literal(FOLD_FROM)}, {_pg_literal(FOLD_TO)}))"


def _mariadb_letters(expr: str) -> str:
    """fold() in MariaDB SQL, every character kept: small letters, each letter with diacritics
    replaced (REPLACE compares exactly: vanban's columns are utf8mb4_bin)."""
    out = f"LOWER({expr})"
    pairs = {f: t for f, t in zip(FOLD_FROM, FOLD_TO, strict=True) if f == f.lower()}
    for source, target in pairs.items():
        out = f"REPLACE({out}, '{source}', '{target}')"
    return out


@compiles(folded, "mysql")
@compiles(folded, "mariadb")
def _folded_mariadb(element: folded, compiler: Any, **kw: Any) -> str:
    return _mariadb_letters(compiler.process(element.clauses, **kw))


# ------------------------------------------------------------------------------ install, drop


def install_statements(
    dialect: str, *, keyed: bool = True, prefixed: bool = True, directed: bool = True
) -> list[str]:
    """The statements that create the index, its triggers and routines, and fill it.

    ``keyed`` False: the index as migration 0007 made it (on a server the office a word of its
    own, "zzo_12", MariaDB's words marked "ww"; on SQLite the code's key not a word), for
    migration 0011's downgrade. ``prefixed`` False: on SQLite the index as 0011 made it (no
    prefix lists, the code's key not marked), for migration 0013's downgrade. ``directed``
    False: the index as 0014 had it (no direction beside the words), for 0015's downgrade and the
    migrations before it."""
    if dialect == "sqlite":
        return _sqlite_install(keyed, prefixed and keyed, directed)
    if dialect == "postgresql":
        return _postgresql_install(keyed, directed)
    return _mariadb_install(keyed, directed)


def drop_statements(dialect: str) -> list[str]:
    """The statements that remove what install_statements made."""
    triggers = [
        "documents_insert",
        "documents_update",
        "documents_delete",
        "organizations_update",
        "outcomes_change",
        *(f"{t}_{e.lower()}" for t, e, _c, _d in _SOURCES),
    ]
    if dialect == "sqlite":
        return [*(f"DROP TRIGGER IF EXISTS {INDEX}_{t}" for t in triggers), f"DROP TABLE {INDEX}"]
    if dialect == "postgresql":
        return [
            f"DROP TABLE {INDEX}",
            *(
                f"DROP TRIGGER IF EXISTS {INDEX}_{t} ON {t}"
                for t in ("documents", "organizations", "events", "assignments", "outcomes")
            ),
            f"DROP TRIGGER IF EXISTS {INDEX}_outcomes_change ON outcomes",
            *(
                f"DROP FUNCTION IF EXISTS {INDEX}_{f}"
                for f in (
                    "documents()",
                    "child()",
                    "organizations()",
                    "refresh(integer)",
                    "keyed(integer, text)",
                    "fold(text)",
                )
            ),
        ]
    return [
        *(f"DROP TRIGGER IF EXISTS {INDEX}_{t}" for t in [*triggers, "organizations"]),
        f"DROP PROCEDURE {INDEX}_refresh",
        f"DROP TABLE {INDEX}",
    ]


# The names the statements above write as vanban names them; in a register with a table prefix
# or a PostgreSQL schema (tables.Names) each is renamed: tables and routines qualified, the
# names of triggers and indexes (which live beside their table) only prefixed.
_NAMED = re.compile(
    r"\b(?P<ix>ix_)?(?P<name>search_index\w*|documents|organizations|events|assignments|outcomes)\b"
    r"(?P<call>\s*\()?"
)
_OBJECT_AFTER = re.compile(r"(TRIGGER(?: IF EXISTS)?|INDEX)\s+$")


def named(statement: str, dialect: Dialect) -> str:
    """``statement`` with vanban's names as the register under ``dialect`` has them."""
    names = names_of(dialect)
    if names.plain:
        return statement

    def rename(found: re.Match[str]) -> str:
        name = found.group("name")
        call = found.group("call") or ""
        if found.group("ix") or _OBJECT_AFTER.search(statement[: found.start()]):
            return names.table((found.group("ix") or "") + name) + call
        is_routine = name.startswith(INDEX + "_") and call
        if name.startswith(INDEX + "_") and not is_routine:
            return names.table(name) + call  # a trigger named after its table
        return names.qualified(dialect, names.table(name)) + call

    return _NAMED.sub(rename, statement)


def install(conn: Connection, *, keyed: bool = True, prefixed: bool = True, directed: bool = True) -> None:
    """Create the search index on this connection's database and fill it from the register."""
    for statement in install_statements(conn.dialect.name, keyed=keyed, prefixed=prefixed, directed=directed):
        conn.exec_driver_sql(named(statement, conn.dialect))


def drop(conn: Connection) -> None:
    """Remove the search index, its triggers and routines."""
    for statement in drop_statements(conn.dialect.name):
        conn.exec_driver_sql(named(statement, conn.dialect))
