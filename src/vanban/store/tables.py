"""The schema, in SQLAlchemy Core. Alembic migrations in ``store/migrations`` create it.

Invariants the database itself enforces (design.md): a number is unique in its series,
a held code is unique per issuer and year, events are insert-only (triggers, see the
initial migration), a recorded document's record fields never change (triggers, migration
0005) and links point at existing documents.

vanban can live beside a host's own schema: every name it creates may carry a prefix, and on
PostgreSQL its tables may live in a schema of their own (``Names``). The tables below are written
with their plain names; an engine configured for other names (``configure``) renders them so in
every statement it compiles, SQLAlchemy's and store.prepared's alike, and leaves the host's
tables as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.mysql import MEDIUMBLOB
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import IdentifierPreparer
from sqlalchemy.sql.elements import quoted_name

from vanban.errors import InputError

_PREFIX = re.compile(r"[a-z][a-z0-9_]{0,19}")
_SCHEMA = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True, slots=True)
class Names:
    """Where vanban's tables live: ``prefix`` before every name vanban creates (tables, indexes,
    constraints, triggers, its alembic version table) and, on PostgreSQL, a ``schema``."""

    prefix: str = ""
    schema: str | None = None

    def __post_init__(self) -> None:
        if self.prefix and not _PREFIX.fullmatch(self.prefix):
            raise InputError(
                f"Tiền tố bảng «{self.prefix}» không hợp lệ.",
                hint="Dùng chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ, "
                "tối đa 20 ký tự, ví dụ vanban_.",
            )
        if self.schema is not None and not _SCHEMA.fullmatch(self.schema):
            raise InputError(
                f"Tên schema «{self.schema}» không hợp lệ.",
                hint="Dùng chữ thường không dấu, số và dấu gạch dưới, ví dụ vanban.",
            )

    def table(self, name: str) -> str:
        """The name in the database of a table (or an index, constraint, trigger) vanban names ``name``."""
        return self.prefix + name

    @property
    def version_table(self) -> str:
        """vanban's own alembic version table, apart from any host's ``alembic_version``."""
        return f"{self.prefix}vanban_alembic_version"

    @property
    def plain(self) -> bool:
        """Whether these are the names of a register of its own (no prefix, no schema)."""
        return not self.prefix and self.schema is None

    def qualified(self, dialect: Dialect, name: str) -> str:
        """``name`` (already prefixed) quoted for raw SQL, in the schema when there is one."""
        preparer = dialect.identifier_preparer
        quoted = preparer.quote_identifier(name)
        return f"{preparer.quote_schema(self.schema)}.{quoted}" if self.schema else quoted


PLAIN = Names()


class TableName(quoted_name):
    """The name of one of vanban's tables, as written here; marks it for the configured names."""

    __slots__ = ()


def names_of(dialect: Dialect) -> Names:
    """The names an engine's dialect renders vanban's tables with."""
    names: Names = getattr(dialect, "vanban_names", PLAIN)
    return names


def names_key(dialect: Dialect) -> str:
    """What statements compiled for ``dialect`` are cached under: its name and vanban's names."""
    key: str = getattr(dialect, "vanban_key", dialect.name)
    return key


def configure(dialect: Dialect, names: Names) -> None:
    """Render vanban's tables on ``dialect`` (an engine's, perhaps a host's) under ``names``.

    An engine keeps the names it was first given: SQLAlchemy caches what it compiled with it.
    """
    current = getattr(dialect, "vanban_names", None)
    if current == names:
        return
    if current is not None:
        raise InputError(
            "Engine này đã được dùng cho vanban với tiền tố hoặc schema khác.",
            hint=f"Dùng cùng tiền tố «{current.prefix}» và schema «{current.schema or ''}», "
            "hoặc một Engine khác.",
        )
    if names.schema is not None and dialect.name != "postgresql":
        raise InputError(
            f"Schema riêng chỉ dùng được với PostgreSQL, không với {dialect.name}.",
            hint="Dùng tiền tố bảng (prefix) thay cho schema.",
        )
    if not names.plain:
        kind = _renaming(type(dialect.identifier_preparer))
        preparer = kind.__new__(kind)
        preparer.__dict__.update(dialect.identifier_preparer.__dict__)
        dialect.identifier_preparer = preparer
        # MariaDB's dialect makes its preparer anew when it first connects (ANSI quotes or not).
        dialect.preparer = kind
    dialect.vanban_names = names  # type: ignore[attr-defined]
    key = dialect.name if names.plain else f"{dialect.name}:{names.schema or ''}:{names.prefix}"
    dialect.vanban_key = key  # type: ignore[attr-defined]


_RENAMING: dict[type[IdentifierPreparer], type[IdentifierPreparer]] = {}


def _renaming(base: type[IdentifierPreparer]) -> type[IdentifierPreparer]:
    """``base`` (a dialect's identifier preparer) writing vanban's tables under the dialect's names."""
    found = _RENAMING.get(base)
    if found is not None:
        return found

    class Renaming(base):  # type: ignore[valid-type,misc]
        def quote(self, ident: str) -> str:
            if type(ident) is TableName:
                ident = names_of(self.dialect).prefix + str(ident)
            result: str = super().quote(ident)
            return result

        def schema_for_object(self, obj: Any) -> str | None:
            if type(getattr(obj, "name", None)) is TableName:
                return names_of(self.dialect).schema
            schema: str | None = obj.schema
            return schema

    Renaming.__name__ = f"Vanban{base.__name__}"
    _RENAMING[base] = Renaming
    return Renaming


# MariaDB compares text case- and accent-insensitively by default; codes like "DA" (Dự án)
# and "ĐA" (Đề án) must stay distinct, as they are on SQLite and PostgreSQL.
_TABLE_ARGS: dict[str, Any] = {
    "mysql_charset": "utf8mb4",
    "mysql_collate": "utf8mb4_bin",
    "mysql_engine": "InnoDB",
}


def code_key(code: str) -> str:
    """What an organization's code is found by: the code in capitals."""
    return code.upper()


def _code_key(context: Any) -> str:
    return code_key(context.get_current_parameters()["code"])


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _table(name: str, *columns: Any, **kwargs: Any) -> Table:
    return Table(TableName(name, None), metadata, *columns, **kwargs)


organizations = _table(
    "organizations",
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False),
    Column("name", String(255), nullable=False),
    Column("parent_name", String(255)),
    Column("place", String(120)),
    Column("madinhdanh", String(35)),
    Column("own", Boolean, nullable=False, default=False),
    Column("numbering", String(20), nullable=False, default="per_type"),
    # The code in capitals, as a person's text is compared with it ("skhcn" finds SKHCN, "TTG"
    # finds TTg): kept beside the code so that the lookup reads an index on every engine
    # (MariaDB has no index on an expression). Filled from the code on insert.
    Column("code_key", String(40), nullable=False, server_default="", default=_code_key),
    UniqueConstraint("code", "name"),
    # A receipt names its sender by code, name or mã định danh: one index for each, so that
    # finding it does not read every organization of a city.
    Index("ix_organizations_code_key", "code_key"),
    Index("ix_organizations_name", "name"),
    # Only the organizations that have one: the NULLs would make SQLite's statistics (ANALYZE)
    # count every row under one value and read the table instead.
    Index(
        "ix_organizations_madinhdanh",
        "madinhdanh",
        sqlite_where=text("madinhdanh IS NOT NULL"),
        postgresql_where=text("madinhdanh IS NOT NULL"),
    ),
    **_TABLE_ARGS,
)

units = _table(
    "units",
    Column("id", Integer, primary_key=True),
    Column("office_id", Integer, ForeignKey("organizations.id"), nullable=False),
    Column("code", String(40), nullable=False),
    Column("name", String(255), nullable=False),
    UniqueConstraint("office_id", "code"),
    **_TABLE_ARGS,
)

users = _table(
    "users",
    Column("id", Integer, primary_key=True),
    Column("login", String(64), nullable=False, unique=True),
    Column("full_name", String(255), nullable=False),
    Column("roles", String(120), nullable=False),
    Column("office_id", Integer, ForeignKey("organizations.id"), nullable=False),
    Column("title", String(120)),  # chức vụ, written as the signer's title when the user signs
    **_TABLE_ARGS,
)

documents = _table(
    "documents",
    Column("id", Integer, primary_key=True),
    Column("office_id", Integer, ForeignKey("organizations.id"), nullable=False),
    Column("direction", String(3), nullable=False),
    Column("type_key", String(10)),
    Column("issuer_id", Integer, ForeignKey("organizations.id"), nullable=False),
    Column("unit_code", String(40)),
    Column("number", Integer),
    # The number as written when it carries a letter ("12a" of 12a/BC-UBND); NULL when the
    # number alone says it. Ordering and series use ``number`` (migration 0004).
    Column("number_text", String(12)),
    Column("year", Integer),
    Column("notation", String(80)),
    Column("code", String(100)),
    Column("series_key", String(40)),
    Column("date", Date),
    Column("place", String(120)),
    Column("subject", Text, nullable=False),
    Column("body", Text),
    Column("signer_name", String(120)),
    Column("signer_title", String(120)),
    Column("signer_authority", String(10)),
    Column("recipients", JSON),
    Column("urgency", String(20)),
    Column("secrecy", String(20)),
    Column("deadline", Date),
    Column("status", String(40)),
    Column("workflow", String(40)),
    Column("arrival_number", Integer),
    Column("arrival_year", Integer),
    Column("arrival_date", Date),
    Column("reference_only", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
    # One number once in its series, even after a recall.
    UniqueConstraint("issuer_id", "year", "series_key", "number", name="uq_documents_series_number"),
    # One held code per issuer and year, per office keeping it.
    UniqueConstraint("office_id", "issuer_id", "year", "code", name="uq_documents_held_code"),
    UniqueConstraint("office_id", "arrival_year", "arrival_number", name="uq_documents_arrival"),
    # The summary counts by (workflow, status, type) from this index alone (migration 0002).
    Index("ix_documents_office_status", "office_id", "workflow", "status", "type_key", "reference_only"),
    Index("ix_documents_office_code", "office_id", "code"),
    **_TABLE_ARGS,
)
# A register read in its book's order (DocumentRepository.list: outgoing before incoming, then by
# date and number), so that its first page is read from the index, not every document of the
# office sorted (migration 0014).
Index(
    "ix_documents_office_register",
    documents.c.office_id,
    documents.c.direction.desc(),
    documents.c.date,
    documents.c.number,
    documents.c.id,
)

series = _table(
    "series",
    Column("office_id", Integer, ForeignKey("organizations.id"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("key", String(40), primary_key=True),
    Column("last_number", Integer, nullable=False),
    Column("last_date", Date),
    **_TABLE_ARGS,
)

events = _table(
    "events",
    Column("id", Integer, primary_key=True),
    Column("office_id", Integer, ForeignKey("organizations.id"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id")),
    Column("actor", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("trigger", String(40), nullable=False),
    Column("from_state", String(40)),
    Column("to_state", String(40)),
    Column("note", Text),
    Column("data", JSON),
    # The event's place in its office's hash chain and its hash (domain.integrity, migration 0005).
    Column("seq", Integer),
    Column("hash", String(64)),
    # Where the actor acted: web, api or cli (None: a program calling vanban, or before 0010).
    Column("channel", String(8)),
    Index("ix_events_document", "document_id"),
    **_TABLE_ARGS,
)

# The head of each office's hash chain: its last event's seq and hash. The row is locked by the
# transaction appending events (SELECT … FOR UPDATE), so an office's events are chained one
# transaction after another (no unique index on (office_id, seq): it cost registration several
# per cent on SQLite; verify reports two events at one place).
chain_heads = _table(
    "chain_heads",
    Column("office_id", Integer, ForeignKey("organizations.id"), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    **_TABLE_ARGS,
)

links = _table(
    "links",
    Column("id", Integer, primary_key=True),
    Column("from_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("to_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    UniqueConstraint("from_id", "to_id", "kind", name="uq_links_pair"),
    Index("ix_links_to", "to_id", "kind"),
    **_TABLE_ARGS,
)

assignments = _table(
    "assignments",
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("lead", String(64), nullable=False),
    Column("support", JSON),
    Column("deadline", Date),
    Column("note", Text),
    Column("active", Boolean, nullable=False),
    Column("assigned_at", DateTime, nullable=False),
    Column("assigned_by", String(64), nullable=False),
    Index("ix_assignments_document", "document_id", "active"),
    **_TABLE_ARGS,
)

outcomes = _table(
    "outcomes",
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("quantity", Numeric(18, 2)),
    Column("unit", String(60)),
    Column("date", Date),
    # The figure as written ("trên 150 lượt người") and its bound (NULL: exact), migration 0009.
    Column("quantity_bound", String(10)),
    Column("quantity_text", String(120)),
    Index("ix_outcomes_document", "document_id"),
    **_TABLE_ARGS,
)

outcome_reports = _table(
    "outcome_reports",
    Column("outcome_id", Integer, ForeignKey("outcomes.id"), primary_key=True),
    Column("report_id", Integer, ForeignKey("documents.id"), primary_key=True),
    **_TABLE_ARGS,
)

attachments = _table(
    "attachments",
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    # Migration 0008: a file whose content is kept (attachment_chunks) has its size, who added
    # it and when; a file recorded only by its hash (an imported Word file) has none of them.
    Column("size", BigInteger),
    Column("added_by", String(64)),
    Column("added_at", DateTime),
    Index("ix_attachments_document", "document_id"),
    **_TABLE_ARGS,
)

# The content of the attached files, by SHA-256, in pieces of domain.attachments.CHUNK_BYTES
# (seq 0, 1, …): one copy of a file attached to several documents; written and read a piece at
# a time on every engine (MariaDB's packet limit, no whole file in memory).
attachment_chunks = _table(
    "attachment_chunks",
    Column("sha256", String(64), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("data", LargeBinary().with_variant(MEDIUMBLOB(), "mysql", "mariadb"), nullable=False),
    **_TABLE_ARGS,
)

# ------------------------------------------------------------------ sign-in (migration 0006)
# A password is kept as its Argon2 hash only, apart from the users table so that no read of a
# user ever carries it. Session ids and API tokens are kept as their SHA-256: whoever reads the
# database cannot sign in with what they read.

user_passwords = _table(
    "user_passwords",
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("hash", String(255), nullable=False),
    Column("set_at", DateTime, nullable=False),
    **_TABLE_ARGS,
)

sessions = _table(
    "sessions",
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Index("ix_sessions_user_id", "user_id"),
    **_TABLE_ARGS,
)

api_tokens = _table(
    "api_tokens",
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("name", String(80), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
    UniqueConstraint("token_hash"),
    **_TABLE_ARGS,
)

login_attempts = _table(
    "login_attempts",
    Column("id", Integer, primary_key=True),
    Column("login", String(64), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
    Index("ix_login_attempts_login", "login", "at"),
    Index("ix_login_attempts_address", "address", "at"),
    **_TABLE_ARGS,
)

# Sign-ins, refused sign-ins and sign-outs (migration 0010): append-only (the database refuses
# UPDATE and DELETE), outside the offices' hash chains; never a password.
access_log = _table(
    "access_log",
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("what", String(20), nullable=False),
    Column("login", String(64), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id")),
    Column("address", String(64), nullable=False),
    Column("channel", String(8), nullable=False),
    Index("ix_access_log_login", "login", "at"),
    **_TABLE_ARGS,
)
