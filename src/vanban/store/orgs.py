"""The repositories of organizations (the office's own and those it corresponds with), their
units and users, and the lookups of a user with its office (and a sender) that open a unit of work."""

from __future__ import annotations

import builtins
import functools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, func, insert, or_, select, update

from vanban.domain.integrity import GENESIS
from vanban.domain.model import Organization, Role, Unit, User
from vanban.store.documents import HELD_OR_CITED, holding
from vanban.store.prepared import Prepared
from vanban.store.repository import Repository
from vanban.store.tables import chain_heads, code_key, organizations, units, users

# An organization's columns in the order _organization reads them.
_ORG_COLUMNS = [
    organizations.c[k]
    for k in ("id", "code", "name", "parent_name", "place", "madinhdanh", "own", "numbering")
]


def _named_by(org: Any) -> Any:
    """The organization (table or alias) a person's text names: code (any case), name or mã định danh."""
    return or_(
        org.c.code_key == bindparam("upper"),
        org.c.name == bindparam("exact"),
        org.c.madinhdanh == bindparam("exact"),
    )


_FIND_ORG = Prepared(select(*_ORG_COLUMNS).where(_named_by(organizations)))
# The user's columns, then the office's (its id is the user's office_id), read by position.
_WITH_OFFICE = select(*users.c, *_ORG_COLUMNS[1:]).join_from(
    users, organizations, users.c.office_id == organizations.c.id
)
# Then the office's chain head (seq, hash): a writer that reads it here, under its transaction's
# lock, need not read it again when it writes its events (EventRepository.flush).
_HEAD_OF_USER = chain_heads.c.office_id == users.c.office_id
_WITH_HEAD = _WITH_OFFICE.add_columns(chain_heads.c.seq, chain_heads.c.hash).outerjoin(
    chain_heads, _HEAD_OF_USER
)
_BY_LOGIN = users.c.login == bindparam("login")
_USER_WITH_OFFICE = Prepared(_WITH_HEAD.where(_BY_LOGIN))
# PostgreSQL: the head row locked with the user read (FOR UPDATE OF chain_heads), the office's
# writers so taking it first, in one round trip.
_USER_WITH_OFFICE_LOCKING = Prepared(
    _WITH_OFFICE.add_columns(chain_heads.c.seq, chain_heads.c.hash)
    .join(chain_heads, _HEAD_OF_USER)
    .where(_BY_LOGIN)
    .with_for_update(of=chain_heads)
)
_FIRST_ADMIN_WITH_OFFICE = Prepared(
    _WITH_HEAD.where(users.c.roles.like(f"%{Role.QUAN_TRI.value}%")).order_by(users.c.id).limit(1)
)
# Where a writer's user lookup gives the chain head it may use: SQLite's writers hold the
# database's write lock from BEGIN IMMEDIATE; PostgreSQL's lock the row in the lookup itself.
_HEAD_WITH_USER = frozenset({"sqlite", "postgresql"})

# The organizations a sender's text names, each with the document of the code it holds: what a
# document arriving needs, in one statement (one round trip).
_FIND_ORG_HOLDING = Prepared(
    select(*_ORG_COLUMNS, holding(organizations.c.id, bindparam("office"))).where(_named_by(organizations))
)
# The same with the clerk and office (_USER_WITH_OFFICE): a receipt's two lookups in one statement.
_sender = organizations.alias("sender")
_USER_AND_SENDER_COLUMNS = (
    *_WITH_OFFICE.selected_columns,
    *[_sender.c[c.key] for c in _ORG_COLUMNS],
    holding(_sender.c.id, users.c.office_id),
    chain_heads.c.seq,
    chain_heads.c.hash,
)
_USER_AND_OFFICE = users.join(organizations, users.c.office_id == organizations.c.id)
_USER_AND_SENDER = Prepared(
    select(*_USER_AND_SENDER_COLUMNS)
    .select_from(
        _USER_AND_OFFICE.outerjoin(_sender, _named_by(_sender)).outerjoin(chain_heads, _HEAD_OF_USER)
    )
    .where(_BY_LOGIN)
)
_USER_AND_SENDER_LOCKING = Prepared(
    select(*_USER_AND_SENDER_COLUMNS)
    .select_from(_USER_AND_OFFICE.join(chain_heads, _HEAD_OF_USER).outerjoin(_sender, _named_by(_sender)))
    .where(_BY_LOGIN)
    .with_for_update(of=chain_heads)
)
_USER_WIDTH = len(_WITH_OFFICE.selected_columns)


@functools.lru_cache(maxsize=1024)
def _organization(row: tuple[Any, ...]) -> Organization:
    """The (immutable) organization of a row of the organizations table, made once per row."""
    org_id, code, name, parent_name, place, madinhdanh, own, numbering = row
    return Organization(org_id, code, name, parent_name, place, madinhdanh, bool(own), numbering)


class OrganizationRepository(Repository):
    __slots__ = ()

    def add(
        self,
        code: str,
        name: str,
        *,
        parent_name: str | None = None,
        place: str | None = None,
        madinhdanh: str | None = None,
        own: bool = False,
    ) -> Organization:
        result = self.conn.execute(
            insert(organizations).values(
                code=code, name=name, parent_name=parent_name, place=place, madinhdanh=madinhdanh, own=own
            )
        )
        (new_id,) = result.inserted_primary_key or (0,)
        if own:
            # An office kept here starts its hash chain, whose head its writers lock.
            self.conn.execute(insert(chain_heads).values(office_id=int(new_id), seq=0, hash=GENESIS))
        return Organization(int(new_id), code, name, parent_name, place, madinhdanh, own)

    def set_numbering(self, org_id: int, policy: str) -> None:
        self.conn.execute(update(organizations).where(organizations.c.id == org_id).values(numbering=policy))

    def get(self, org_id: int) -> Organization | None:
        row = self.conn.execute(select(*_ORG_COLUMNS).where(organizations.c.id == org_id)).first()
        return _organization(tuple(row)) if row else None

    def find(self, text: str) -> builtins.list[Organization]:
        """Organizations whose code, name or id is ``text`` (code first, case-insensitive)."""
        wanted = text.strip()
        rows = _FIND_ORG.all(self.driver, {"upper": code_key(wanted), "exact": wanted})
        if not rows and wanted.lstrip("#").isdigit():
            org = self.get(int(wanted.lstrip("#")))
            return [org] if org else []
        return [_organization(row) for row in rows]

    def find_holding(
        self, text: str, office_id: int, code: str, year: int
    ) -> builtins.list[tuple[Organization, int | None]]:
        """As find, each organization with the id of the document of ``code`` it issued that
        the office holds for ``year`` (or cites with no year), if any."""
        wanted = text.strip()
        held = {"office": office_id, "code": code, "year": year}
        rows = _FIND_ORG_HOLDING.all(self.driver, {"upper": code_key(wanted), "exact": wanted, **held})
        if rows:
            return [(_organization(row[:-1]), row[-1]) for row in rows]
        return [(org, self.holding(org.id, office_id, code, year)) for org in self.find(text)]

    def holding(self, issuer_id: int, office_id: int, code: str, year: int) -> int | None:
        """The id of the document of ``code`` from ``issuer_id`` the office holds for ``year``
        (or cites with no year), if any."""
        held = {"office": office_id, "code": code, "year": year, "issuer": issuer_id}
        row = HELD_OR_CITED.first(self.driver, held)
        return None if row is None else row[0]

    def by_code_and_name(self, code: str, name: str) -> Organization | None:
        row = self.conn.execute(
            select(*_ORG_COLUMNS).where(organizations.c.code == code, organizations.c.name == name)
        ).first()
        return _organization(tuple(row)) if row else None

    def list(self, *, own: bool | None = None) -> builtins.list[Organization]:
        query = select(*_ORG_COLUMNS).order_by(organizations.c.own.desc(), organizations.c.code)
        if own is not None:
            query = query.where(organizations.c.own == own)
        return [_organization(tuple(r)) for r in self.conn.execute(query)]

    def names(self, ids: Iterable[int]) -> dict[int, Organization]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self.conn.execute(select(*_ORG_COLUMNS).where(organizations.c.id.in_(wanted)))
        return {r.id: _organization(tuple(r)) for r in rows}


# A drafting unit of an office by its code, whatever its case (a công văn's registration reads it).
_UNIT = Prepared(
    select(units.c.id, units.c.office_id, units.c.code, units.c.name).where(
        units.c.office_id == bindparam("office"), func.upper(units.c.code) == bindparam("upper")
    )
)
# An office's units, for every page whose forms offer them: through the driver, no Connection.
_UNITS = Prepared(
    select(units.c.id, units.c.office_id, units.c.code, units.c.name)
    .where(units.c.office_id == bindparam("office"))
    .order_by(units.c.code)
)


class UnitRepository(Repository):
    __slots__ = ()

    def add(self, office_id: int, code: str, name: str) -> Unit:
        result = self.conn.execute(insert(units).values(office_id=office_id, code=code, name=name))
        (new_id,) = result.inserted_primary_key or (0,)
        return Unit(int(new_id), office_id, code, name)

    def get(self, office_id: int, code: str) -> Unit | None:
        row = _UNIT.first(self.driver, {"office": office_id, "upper": code.upper()})
        return Unit(*row) if row else None

    def list(self, office_id: int) -> builtins.list[Unit]:
        return [Unit(*row) for row in _UNITS.all(self.driver, {"office": office_id})]


@functools.lru_cache(maxsize=1024)
def _user_and_office(row: tuple[Any, ...]) -> tuple[User, Organization]:
    """The (immutable) user and office of a row of _WITH_OFFICE: made once for each distinct row."""
    user_id, login, full_name, roles, office_id, title, *office = row
    # The office's columns are _ORG_COLUMNS but its id, which is the user's office_id.
    user = User(user_id, login, full_name, _roles(roles), office_id, title)
    return user, _organization((office_id, *office))


@functools.cache
def _roles(text: str) -> frozenset[Role]:
    """The roles stored as "van_thu,quan_tri" (a handful of distinct texts in any office)."""
    return frozenset(Role(r) for r in text.split(",") if r)


def _user(row: Any) -> User:
    return User(row.id, row.login, row.full_name, _roles(row.roles), row.office_id, row.title)


class UserRepository(Repository):
    __slots__ = ()

    def add(
        self, login: str, full_name: str, roles: Iterable[Role], office_id: int, title: str | None = None
    ) -> User:
        ordered = sorted({Role(r) for r in roles}, key=list(Role).index)
        result = self.conn.execute(
            insert(users).values(
                login=login,
                full_name=full_name,
                roles=",".join(r.value for r in ordered),
                office_id=office_id,
                title=title,
            )
        )
        (new_id,) = result.inserted_primary_key or (0,)
        return User(int(new_id), login, full_name, frozenset(ordered), office_id, title)

    def set_title(self, user_id: int, title: str | None) -> None:
        self.conn.execute(update(users).where(users.c.id == user_id).values(title=title))

    def get(self, login: str) -> User | None:
        row = self.conn.execute(select(users).where(users.c.login == login)).first()
        return _user(row) if row else None

    def with_office(self, login: str | None) -> tuple[User, Organization] | None:
        """The user (by login, else the first admin) and the office it belongs to, in one query."""
        locking = self._locks_head()
        if login is None:
            query, params = _FIRST_ADMIN_WITH_OFFICE, {}
            locking = locking and self.driver.dialect.name == "sqlite"
        else:
            query, params = _USER_WITH_OFFICE, {"login": login}
            if locking and self.driver.dialect.name == "postgresql":
                query = _USER_WITH_OFFICE_LOCKING
        values = query.first(self.driver, params)
        if values is None:
            if query is _USER_WITH_OFFICE_LOCKING:  # an office with no chain head yet
                values = _USER_WITH_OFFICE.first(self.driver, params)
                locking = False
            if values is None:
                return None
        user, office = _user_and_office(values[:-2])
        if locking:
            self._keep_head(office.id, values[-2:])
        return user, office

    def _locks_head(self) -> bool:
        """Whether this lookup is a writer's, on an engine where it can take the chain head."""
        return not self.session.read_only and self.driver.dialect.name in _HEAD_WITH_USER

    def _keep_head(self, office_id: int, head: Sequence[Any]) -> None:
        if head[0] is not None:
            self.session.chain_head = (office_id, int(head[0]), str(head[1]))

    def with_office_and_senders(
        self, login: str, sender: str, code: str, year: int
    ) -> tuple[User, Organization, builtins.list[tuple[Organization, int | None]]] | None:
        """with_office, and the organizations ``sender`` names with the document of ``code`` each
        holds (as OrganizationRepository.find_holding does, but for a sender given as #id), in
        one statement."""
        wanted = sender.strip()
        values = {"login": login, "upper": code_key(wanted), "exact": wanted, "code": code, "year": year}
        locking = self._locks_head()
        query = _USER_AND_SENDER
        if locking and self.driver.dialect.name == "postgresql":
            query = _USER_AND_SENDER_LOCKING
        rows = query.all(self.driver, values)
        if not rows and query is _USER_AND_SENDER_LOCKING:  # an office with no chain head yet
            rows, locking = _USER_AND_SENDER.all(self.driver, values), False
        if not rows:
            return None
        user, office = _user_and_office(rows[0][:_USER_WIDTH])
        if locking:
            self._keep_head(office.id, rows[0][-2:])
        senders = [
            (_organization(row[_USER_WIDTH:-3]), row[-3]) for row in rows if row[_USER_WIDTH] is not None
        ]
        return user, office, senders

    def list(self, office_id: int) -> builtins.list[User]:
        rows = self.conn.execute(select(users).where(users.c.office_id == office_id).order_by(users.c.login))
        return [_user(r) for r in rows]
