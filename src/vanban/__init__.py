"""vanban: the document register of a Vietnamese administrative office (Nghị định 30/2020/NĐ-CP).

```python
from vanban import Office
office = Office.init("xa.sqlite", org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái")
```

`Office` holds the use cases (register, receive, link, assign, status, trace…); the papers are
functions of an office: `render_document` (a held document as .docx in the layout of Nghị định
30), `register_book` and `write_book` (the register books, .docx or .xlsx), `import_files` (Word
files into the register), `draft_report` (the báo cáo answering a request). Embedding vanban in
another program (its own Engine or Connection, its transaction, a table prefix): see
docs/embedding.md, `migrate` and `table_names`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vanban.domain.book import Book, BookKind
from vanban.domain.codes import Code, parse_code
from vanban.domain.dates import parse_date
from vanban.domain.model import Direction, Document, LinkKind, Role, Secrecy, Urgency
from vanban.domain.numbering import Policy
from vanban.errors import VanbanError
from vanban.office import Office, StatusReport, Trace
from vanban.office.importing import FileResult, ImportSummary, collect_files, import_files
from vanban.office.papers import register_book, render_document, write_book
from vanban.office.reporting import ReportDraft, draft_report

if TYPE_CHECKING:
    from vanban.store.engine import Connection, Engine

__all__ = [
    "Book",
    "BookKind",
    "Code",
    "Direction",
    "Document",
    "FileResult",
    "ImportSummary",
    "LinkKind",
    "Office",
    "Policy",
    "ReportDraft",
    "Role",
    "Secrecy",
    "StatusReport",
    "Trace",
    "Urgency",
    "VanbanError",
    "collect_files",
    "draft_report",
    "import_files",
    "migrate",
    "parse_code",
    "parse_date",
    "register_book",
    "render_document",
    "table_names",
    "write_book",
]
__version__ = "0.1.0"


def migrate(
    db: str | Path | Engine | Connection, *, prefix: str | None = None, schema: str | None = None
) -> str:
    """Create vanban's tables in ``db``, or bring them to the newest schema; the version now.

    For a host application that runs vanban's migrations with its own (docs/embedding.md): on a
    Connection inside a transaction they run in it, committed or rolled back with the host's
    work, and vanban's version is kept in its own table (``<prefix>vanban_alembic_version``).
    Unlike ``Office.init`` it creates no office and no user.
    """
    from vanban.store.engine import connect
    from vanban.store.migrate import HEAD, upgrade

    bind, made = connect(db, prefix=prefix, schema=schema)
    try:
        upgrade(bind)
    finally:
        if made:
            bind.engine.dispose()
    return HEAD


def table_names(*, prefix: str = "", schema: str | None = None, dialect: str | None = None) -> frozenset[str]:
    """The names of every table vanban keeps with this prefix, its version table among them.

    The search index is a table on PostgreSQL and MariaDB and an FTS5 table with its shadow
    tables on SQLite: with ``dialect`` ("sqlite", "postgresql", "mysql") the names are that
    engine's, without it those of every engine. A host's alembic autogenerate leaves them alone
    with ``include_name=lambda name, kind, _: kind != "table" or name not in table_names(prefix=…)``.
    """
    from vanban.store.search import index_tables
    from vanban.store.tables import Names, metadata

    names = Names(prefix, schema)
    return frozenset(
        {
            names.version_table,
            *(names.table(t.name) for t in metadata.sorted_tables),
            *(names.table(t) for t in index_tables(dialect)),
        }
    )
