"""The use cases of the register, each in one unit of work: the API other software calls.

office = Office("commune.sqlite", user="vanthu")
doc = office.draft("KH", subject="Tổ chức Ngày Chuyển đổi số", unit="VHXH")
office.issue(doc.id, on=date(2025, 9, 29))
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import MISSING, replace
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal
from enum import Enum
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from vanban.domain import text as texts
from vanban.domain.codes import Code, format_code, make_notation, parse_code
from vanban.domain.dates import as_date, check_year, not_before, short
from vanban.domain.integrity import record_of
from vanban.domain.issuers import issuer_name
from vanban.domain.links import End, rule_of
from vanban.domain.model import (
    Assignment,
    Direction,
    Document,
    Event,
    LinkKind,
    Organization,
    Outcome,
    Role,
    Secrecy,
    SeriesState,
    Unit,
    Urgency,
    User,
    parse_secrecy,
    parse_urgency,
)
from vanban.domain.numbering import SECRET_MARK, NumberingPolicy, Policy, series_label
from vanban.domain.text import (
    MAX_NUMBER,
    TextField,
    clean_abbreviation,
    clean_list,
    clean_login,
    clean_madinhdanh,
    clean_text,
    parse_doc_id,
    parse_int,
    parse_quantity,
)
from vanban.domain.types import BAO_CAO, CONG_VAN, THU_CONG, get_type, type_name
from vanban.domain.workflow import Workflow, Workflows, default_workflows
from vanban.errors import (
    AmbiguousError,
    DateOrderError,
    DuplicateError,
    InputError,
    LinkError,
    NotFoundError,
    PermissionDeniedError,
    RuleError,
    SchemaError,
)
from vanban.office.linking import check_link
from vanban.office.status import StatusReport, StatusRow, overdue_days

if TYPE_CHECKING:
    from types import TracebackType

    from vanban.office.integrity import Verification
    from vanban.office.trace import Trace
    from vanban.store.engine import Connection, Engine
    from vanban.store.uow import UnitOfWork

T = TypeVar("T")
_Sender = tuple[str, str, int]  # a receipt's sender as typed, the code it sent, the code's year

# The stored directions, read once: an enum's .value is a Python-level property lookup.
_IN, _OUT = Direction.IN.value, Direction.OUT.value

WRITE_ROLES = frozenset({Role.VAN_THU, Role.CHUYEN_VIEN, Role.LANH_DAO})
CLERK_ROLES = frozenset({Role.VAN_THU, Role.QUAN_TRI})
ADMIN_ROLES = frozenset({Role.QUAN_TRI})
ASSIGN_ROLES = frozenset({Role.LANH_DAO, Role.VAN_THU})
_RETRIES = 12


def configured_workflows() -> Workflows:
    """The office's own workflow folder ($VANBAN_WORKFLOWS) or the lifecycles vanban ships."""
    import os

    folder = os.environ.get("VANBAN_WORKFLOWS")
    if folder:
        from vanban.domain.workflow import load_workflows

        return load_workflows(Path(folder))
    return default_workflows()


class _SeriesMissing(Exception):
    """The counter row does not exist yet: create it outside the transaction, then retry."""

    def __init__(self, office_id: int, year: int, key: str) -> None:
        super().__init__(key)
        self.office_id, self.year, self.key = office_id, year, key


def _require(user: User, roles: frozenset[Role], action: str) -> None:
    if not user.has_any(roles):
        from vanban.domain.model import ROLE_LABELS

        needed = ", ".join(ROLE_LABELS[r] for r in sorted(roles, key=list(Role).index))
        raise PermissionDeniedError(
            f"Người dùng «{user.login}» không được {action}.",
            hint=f"Cần một trong các vai trò: {needed}. Dùng --as để chọn người khác.",
        )


def _translated(work: Callable[..., T], *args: Any) -> T:
    """``work(*args)`` with a database that cannot be reached (or refuses) said in Vietnamese."""
    from vanban.store.engine import translate

    try:
        return work(*args)
    except Exception as exc:
        translated = translate(exc)
        if translated is not None:
            raise translated from exc
        raise


def _text(value: object, field: TextField, *, required: bool = True) -> str:
    """A required text field, cleaned (domain.text refuses what is empty or unsafe)."""
    cleaned = clean_text(value, field, required=required)
    assert cleaned is not None
    return cleaned


def _urgency(value: Urgency | str | None) -> Urgency | None:
    if value is None or isinstance(value, Urgency):
        return value
    return parse_urgency(_str(value, "mức độ khẩn"))


def _secrecy(value: Secrecy | str | None) -> Secrecy | None:
    if value is None or isinstance(value, Secrecy):
        return value
    return parse_secrecy(_str(value, "độ mật"))


def _edited(values: dict[str, Any]) -> dict[str, Any]:
    """The values Office.edit was given, each checked as the field it changes."""
    checked: dict[str, Any] = {}
    for name, value in values.items():
        if name == "subject":
            checked[name] = _text(value, texts.SUBJECT)
        elif name == "body":
            checked[name] = clean_text(value, texts.BODY, required=False)
        elif name == "recipients":
            checked[name] = clean_list(value, texts.RECIPIENT)
        elif name == "deadline":
            checked[name] = as_date(value, "thời hạn")
        elif name == "urgency":
            checked[name] = _urgency(value)
        elif name == "secrecy":
            checked[name] = _secrecy(value)
        elif name == "signer_name":
            checked[name] = clean_text(value, texts.SIGNER, required=False)
        elif name == "signer_title":
            checked[name] = clean_text(value, texts.SIGNER_TITLE, required=False)
    return checked


def _doc_id(ref: object) -> int | None:
    """The id a reference names ("#12", 12), or None for a code; ids no engine can hold refused."""
    if isinstance(ref, bool):
        raise InputError("Văn bản cần được chỉ bằng số, ký hiệu hoặc #mã.")
    if isinstance(ref, int):
        return ref if 0 < ref <= texts.MAX_ID else parse_doc_id(str(ref))
    return parse_doc_id(_str(ref, "số, ký hiệu hoặc #mã"))


def _year(value: object) -> int | None:
    return None if value is None else check_year(value)


def _str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{what.capitalize()} phải là chữ, không phải {type(value).__name__}.")
    return texts.check_utf8(value, what)


class Unchanged(Enum):
    """What ``Office.edit`` gets for a field left out: the field keeps its value."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


class Office:
    """The register of one office, acting as one user.

    ``db`` is a SQLite path or a database URL (vanban makes the engine and disposes of it on
    ``close``), or a host application's SQLAlchemy ``Engine`` or ``Connection``, used as they are
    and never closed here. On a Connection inside a transaction every use case runs in that
    transaction, committed or rolled back with the host's own work (docs/embedding.md).
    ``prefix`` (and, on PostgreSQL, ``schema``) name vanban's tables beside a host's own.
    ``with Office(...) as office:`` closes it on leaving.
    """

    def __init__(
        self,
        db: str | Path | Engine | Connection,
        *,
        user: str | None = None,
        workflows: Workflows | None = None,
        prefix: str | None = None,
        schema: str | None = None,
    ) -> None:
        from vanban.store.engine import connect

        self._bind, self._owns_engine = connect(db, create=False, prefix=prefix, schema=schema)
        self.engine: Engine = self._bind.engine
        self.login = user
        self.workflows = workflows or configured_workflows()
        self._checked = False

    # ------------------------------------------------------------------ plumbing

    def as_user(self, login: str) -> Office:
        """The same register, acting as another user."""
        other = Office(self._bind, user=login, workflows=self.workflows)
        other._checked = self._checked
        return other

    def close(self) -> None:
        """Let go of the database: an engine vanban made is disposed of, a host's is left open."""
        from vanban.store.engine import release_spare

        release_spare(self.engine)
        if self._owns_engine:
            self.engine.dispose()

    def __enter__(self) -> Office:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _check_schema(self) -> None:
        if self._checked:
            return
        from vanban.store.migrate import HEAD, current_revision

        revision = _translated(current_revision, self._bind)
        if revision is None:
            raise SchemaError(
                "Cơ sở dữ liệu chưa được khởi tạo.",
                hint='Chạy: vanban init --org UBND --name "Ủy ban nhân dân xã …" --place "…".',
            )
        if revision != HEAD:
            raise SchemaError(
                f"Cơ sở dữ liệu ở phiên bản {revision}, vanban cần {HEAD}.",
                hint="Chạy: vanban upgrade (sao lưu tệp trước khi nâng cấp).",
            )
        self._checked = True

    def _uow(self, *, read_only: bool = False) -> UnitOfWork:
        from vanban.store.uow import UnitOfWork

        return UnitOfWork(self._bind, read_only=read_only)

    def _write(self, work: Callable[[UnitOfWork, User], T], *, sender: _Sender | None = None) -> T:
        """Run ``work`` in one transaction as the current user, again on a deadlock or busy database.

        With ``sender`` the organizations it names are looked up with the user (uow.senders).
        """
        self._check_schema()
        for attempt in range(_RETRIES):
            try:
                with self._uow() as uow:
                    user = self._user(uow, sender)
                    result = work(uow, user)
                    uow.commit()
                    return result
            except _SeriesMissing as missing:
                self._create_series(missing)
            except Exception as exc:
                from vanban.store.engine import is_transient, translate
                from vanban.store.uow import in_host_transaction

                # Inside a host's transaction a deadlock or busy database is the host's to retry.
                if not is_transient(exc) or attempt == _RETRIES - 1 or in_host_transaction(self._bind):
                    translated = translate(exc)
                    if translated is not None:
                        raise translated from exc
                    raise
                time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
        raise RuntimeError("unreachable")  # pragma: no cover

    def _read(self, work: Callable[[UnitOfWork, User], T]) -> T:
        from vanban.store.engine import translate

        self._check_schema()
        try:
            with self._uow(read_only=True) as uow:
                return work(uow, self._user(uow))
        except Exception as exc:
            translated = translate(exc)
            if translated is not None:
                raise translated from exc
            raise

    def _create_series(self, missing: _SeriesMissing) -> None:
        from vanban.store.engine import is_conflict, is_transient

        try:
            with self._uow() as uow:
                if uow.series.lock(missing.office_id, missing.year, missing.key) is None:
                    uow.series.create(missing.office_id, missing.year, missing.key)
                uow.commit()
        except Exception as exc:
            # Another clerk created it first (or holds the lock): just what we wanted, retry.
            if not (is_conflict(exc) or is_transient(exc)):
                raise

    def _user(self, uow: UnitOfWork, sender: _Sender | None = None) -> User:
        if sender is not None and self.login is not None:
            both = uow.users.with_office_and_senders(self.login, *sender)
            found = both[:2] if both is not None else None
            uow.senders = both[2] if both is not None else None
        else:
            found = uow.users.with_office(self.login)
        if found is None:
            if self.login is None:
                raise SchemaError("Chưa có người dùng nào.", hint="Chạy vanban init trước.")
            raise NotFoundError(
                f"Không có người dùng «{self.login}».",
                hint="Xem danh sách bằng vanban user list, hoặc thêm bằng vanban user add.",
            )
        user, office = found
        uow.office = office
        return user

    # ------------------------------------------------------------------ setup

    @classmethod
    def init(
        cls,
        db: str | Path | Engine | Connection,
        *,
        org: str,
        name: str,
        place: str,
        parent: str | None = None,
        login: str = "admin",
        full_name: str | None = None,
        numbering: Policy | str = Policy.PER_TYPE,
        madinhdanh: str | None = None,
        prefix: str | None = None,
        schema: str | None = None,
    ) -> Office:
        """Create (or upgrade) the database with its own office and first admin user.

        ``db``, ``prefix`` and ``schema`` as for ``Office``: on a host's Connection in a
        transaction the schema and the office are made inside it.
        """
        from vanban.domain.numbering import parse_policy
        from vanban.store.engine import connect
        from vanban.store.migrate import upgrade

        if not isinstance(numbering, Policy):
            numbering = parse_policy(_str(numbering, "cách cấp số"))
        code = clean_abbreviation(org, "mã cơ quan")
        org_name = _text(name, texts.ORG_NAME)
        place_name = _text(place, texts.PLACE)
        parent_name = clean_text(parent, texts.PARENT_NAME, required=False)
        login = clean_login(login)
        admin_name = "Quản trị" if full_name is None else _text(full_name, texts.FULL_NAME)
        if madinhdanh is not None:
            madinhdanh = clean_madinhdanh(madinhdanh)
        bind, made = connect(db, create=True, prefix=prefix, schema=schema)
        try:
            _translated(upgrade, bind)
            office = cls(bind, user=login)
            office._owns_engine = made
            office._checked = True
            _translated(
                office._init_office,
                code,
                org_name,
                place_name,
                parent_name,
                madinhdanh,
                numbering,
                login,
                admin_name,
            )
        except BaseException:
            if made:
                bind.engine.dispose()
            raise
        return office

    def _init_office(
        self,
        code: str,
        org_name: str,
        place_name: str,
        parent_name: str | None,
        madinhdanh: str | None,
        numbering: Policy,
        login: str,
        admin_name: str,
    ) -> None:
        with self._uow() as uow:
            existing = uow.orgs.by_code_and_name(code, org_name)
            if existing is None:
                own = uow.orgs.add(
                    code,
                    org_name,
                    parent_name=parent_name,
                    place=place_name,
                    madinhdanh=madinhdanh,
                    own=True,
                )
                uow.orgs.set_numbering(own.id, numbering.value)
                uow.events.append(
                    office_id=own.id, actor=login, trigger="init", note=f"Khởi tạo sổ của {org_name}"
                )
            else:
                own = existing
            if uow.users.get(login) is None:
                uow.users.add(login, admin_name, [Role.QUAN_TRI, Role.VAN_THU], own.id)
                uow.events.append(office_id=own.id, actor=login, trigger="user_add", data={"login": login})
            uow.commit()

    @staticmethod
    def upgrade(
        db: str | Path | Engine | Connection, *, prefix: str | None = None, schema: str | None = None
    ) -> tuple[str | None, str]:
        """Bring an existing register to the newest schema; (version before, version after).

        ``db``, ``prefix`` and ``schema`` as for ``Office``.
        """
        from vanban.store.engine import connect
        from vanban.store.migrate import HEAD, current_revision, upgrade

        bind, made = connect(db, create=False, prefix=prefix, schema=schema)
        try:
            before = _translated(current_revision, bind)
            if before is None:
                raise SchemaError(
                    "Cơ sở dữ liệu chưa được khởi tạo, không có gì để nâng cấp.",
                    hint='Chạy: vanban init --org UBND --name "Ủy ban nhân dân xã …" --place "…".',
                )
            _translated(upgrade, bind)
            return before, HEAD
        finally:
            if made:
                bind.engine.dispose()

    def me(self) -> User:
        """The user this office acts as."""
        return self._read(lambda uow, user: user)

    def office(self) -> Organization:
        """The own organization of the current user."""
        return self._read(self._office_of)

    def _office_of(self, uow: UnitOfWork, user: User) -> Organization:
        cached = uow.office
        if cached is not None and cached.id == user.office_id:
            return cached
        org = uow.orgs.get(user.office_id)
        assert org is not None
        return org

    def add_org(
        self,
        code: str,
        name: str,
        *,
        parent: str | None = None,
        place: str | None = None,
        madinhdanh: str | None = None,
        own: bool = False,
    ) -> Organization:
        """Add an organization (external by default; ``own`` for another office kept here)."""
        clean_code = clean_abbreviation(code, "mã cơ quan")
        clean_name = _text(name, texts.ORG_NAME)
        parent_name = clean_text(parent, texts.PARENT_NAME, required=False)
        place_name = clean_text(place, texts.PLACE, required=False)
        if madinhdanh is not None:
            madinhdanh = clean_madinhdanh(madinhdanh)

        def work(uow: UnitOfWork, user: User) -> Organization:
            _require(user, CLERK_ROLES, "thêm cơ quan")
            if uow.orgs.by_code_and_name(clean_code, clean_name):
                raise DuplicateError(f"Cơ quan «{clean_code} – {clean_name}» đã có.")
            org = uow.orgs.add(
                clean_code,
                clean_name,
                parent_name=parent_name,
                place=place_name,
                madinhdanh=madinhdanh,
                own=own,
            )
            uow.events.append(
                office_id=user.office_id, actor=user.login, trigger="org_add", data={"code": clean_code}
            )
            return org

        return self._write(work)

    def orgs(self) -> list[Organization]:
        return self._read(lambda uow, user: uow.orgs.list())

    def add_unit(self, code: str, name: str) -> Unit:
        clean_code = clean_abbreviation(code, "mã đơn vị")
        clean_name = _text(name, texts.UNIT_NAME)

        def work(uow: UnitOfWork, user: User) -> Unit:
            _require(user, CLERK_ROLES, "thêm đơn vị")
            if uow.units.get(user.office_id, clean_code):
                raise DuplicateError(f"Đơn vị «{clean_code}» đã có.")
            unit = uow.units.add(user.office_id, clean_code, clean_name)
            uow.events.append(
                office_id=user.office_id, actor=user.login, trigger="unit_add", data={"code": clean_code}
            )
            return unit

        return self._write(work)

    def units(self) -> list[Unit]:
        return self._read(lambda uow, user: uow.units.list(user.office_id))

    def add_user(self, login: str, *, name: str, roles: Iterable[Role | str]) -> User:
        from vanban.domain.model import parse_role

        new_login = clean_login(login)
        if isinstance(roles, str):
            roles = [roles]
        parsed = [r if isinstance(r, Role) else parse_role(_str(r, "vai trò")) for r in roles]
        if not parsed:
            raise InputError(
                "Người dùng cần ít nhất một vai trò.", hint="Thêm --role van_thu (hoặc lanh_dao…)."
            )
        full_name = _text(name, texts.FULL_NAME)

        def work(uow: UnitOfWork, user: User) -> User:
            _require(user, ADMIN_ROLES, "thêm người dùng")
            if uow.users.get(new_login):
                raise DuplicateError(f"Người dùng «{new_login}» đã có.")
            new = uow.users.add(new_login, full_name, parsed, user.office_id)
            uow.events.append(
                office_id=user.office_id,
                actor=user.login,
                trigger="user_add",
                data={"login": new_login, "roles": [r.value for r in parsed]},
            )
            return new

        return self._write(work)

    def users(self) -> list[User]:
        return self._read(lambda uow, user: uow.users.list(user.office_id))

    # ------------------------------------------------------------------ series

    def set_series(self, type_key: str, *, year: int, next_number: int, secret: bool = False) -> SeriesState:
        """Where a series continues ("the next KH is 90"), for an office adopting vanban mid-year."""
        doc_type = get_type(_str(type_key, "loại văn bản"))
        next_number = parse_int(
            next_number,
            "số tiếp theo",
            low=1,
            high=MAX_NUMBER,
            example="Ví dụ: vanban series set KH --year 2025 --next 90.",
        )
        year = check_year(year)

        def work(uow: UnitOfWork, user: User) -> SeriesState:
            _require(user, CLERK_ROLES, "đặt số tiếp theo của sổ")
            office = self._office_of(uow, user)
            key = NumberingPolicy.of(office.numbering).series_key(
                doc_type.key, direction=Direction.OUT, secret=secret
            )
            state = uow.series.lock(office.id, year, key)
            if state is None:
                raise _SeriesMissing(office.id, year, key)
            used = uow.documents.max_number(office.id, year, key)
            if next_number <= used:
                raise RuleError(
                    f"Sổ {series_label(key)} năm {year} đã cấp đến số {used}; "
                    f"không thể bắt đầu lại từ {next_number}.",
                    hint=f"Một số đã cấp không bao giờ được cấp lại. Chọn --next từ {used + 1} trở lên.",
                )
            uow.series.set_last(office.id, year, key, next_number - 1)
            uow.events.append(
                office_id=office.id,
                actor=user.login,
                trigger="series_set",
                note=f"Sổ {series_label(key)} năm {year} tiếp tục từ số {next_number}",
                data={"year": year, "key": key, "from": state.last_number + 1, "next": next_number},
            )
            return SeriesState(office.id, year, key, next_number - 1, state.last_date)

        return self._write(work)

    def set_policy(self, policy: Policy) -> None:
        """One series per type, or one shared series (secret documents stay apart either way)."""

        def work(uow: UnitOfWork, user: User) -> None:
            _require(user, ADMIN_ROLES, "đổi cách cấp số")
            office = self._office_of(uow, user)
            uow.orgs.set_numbering(office.id, policy.value)
            uow.events.append(
                office_id=office.id,
                actor=user.login,
                trigger="numbering_policy",
                data={"from": office.numbering, "to": policy.value},
            )

        self._write(work)

    def series(self, year: int | None = None) -> list[SeriesState]:
        return self._read(lambda uow, user: uow.series.list(user.office_id, year))

    def office_events(self) -> list[Event]:
        """Events not tied to a document: series changes, users, organizations."""
        return self._read(lambda uow, user: uow.events.for_office(user.office_id, documentless=True))

    # ------------------------------------------------------------------ documents

    def workflow_of(self, doc: Document) -> Workflow | None:
        return self.workflows.get(doc.workflow) if doc.workflow else None

    def status_label(self, doc: Document) -> str:
        if doc.reference_only or doc.status is None:
            return "Chỉ dẫn chiếu"
        wf = self.workflow_of(doc)
        return wf.label_of(doc.status) if wf else doc.status

    def draft(
        self,
        type_key: str,
        *,
        subject: str,
        unit: str | None = None,
        deadline: date | None = None,
        urgency: Urgency | None = None,
        secrecy: Secrecy | None = None,
        body: str | None = None,
        recipients: Sequence[str] = (),
        place: str | None = None,
    ) -> Document:
        """A new outgoing draft of ``type_key`` (a catalog key such as "KH", "QĐ", "CV")."""
        return self._write(
            self._drafting(
                type_key,
                subject=subject,
                unit=unit,
                deadline=deadline,
                urgency=urgency,
                secrecy=secrecy,
                body=body,
                recipients=recipients,
                place=place,
            )
        )

    def _drafting(
        self,
        type_key: str,
        *,
        subject: str,
        unit: str | None,
        deadline: date | None,
        urgency: Urgency | None,
        secrecy: Secrecy | None,
        body: str | None,
        recipients: Sequence[str],
        place: str | None,
        issue_on: date | None = None,
        signature: dict[str, Any] | None = None,
    ) -> Callable[[UnitOfWork, User], Document]:
        """The work of making a draft (issued at once when ``issue_on`` is given), for a unit of work."""
        doc_type = get_type(_str(type_key, "loại văn bản"))
        if not doc_type.issuable:
            raise InputError(
                f"{doc_type.name} là văn bản quy phạm pháp luật, không cấp số trong sổ này.",
                hint="Dùng vanban link để dẫn chiếu đến nó.",
            )
        clean_subject = _text(subject, texts.SUBJECT)
        unit = _str(unit, "đơn vị soạn thảo") if unit is not None else None
        deadline = as_date(deadline, "thời hạn")
        issue_on = as_date(issue_on, "ngày ban hành")
        not_before(deadline, issue_on, "thời hạn", "ngày ban hành")
        urgency, secrecy = _urgency(urgency), _secrecy(secrecy)
        body = clean_text(body, texts.BODY, required=False)
        recipients = clean_list(recipients, texts.RECIPIENT)
        place = clean_text(place, texts.PLACE, required=False)
        workflow = self.workflows.for_document(doc_type.key, _OUT)

        def work(uow: UnitOfWork, user: User) -> Document:
            _require(user, WRITE_ROLES, "soạn văn bản")
            office = self._office_of(uow, user)
            unit_code = None
            if unit is not None:
                found = uow.units.get(office.id, unit.strip())
                if found is None:
                    raise NotFoundError(
                        f"Không có đơn vị «{unit}».",
                        hint="Xem vanban unit list, hoặc thêm bằng vanban unit add.",
                    )
                unit_code = found.code
            if doc_type.key in (CONG_VAN, THU_CONG) and unit_code is None:
                raise InputError(
                    "Công văn cần đơn vị soạn thảo để ghi ký hiệu (ví dụ 542/UBND-VHXH).",
                    hint="Thêm --unit VHXH.",
                )
            values: dict[str, Any] = {
                "office_id": office.id,
                "direction": _OUT,
                "type_key": doc_type.key,
                "issuer_id": office.id,
                "unit_code": unit_code,
                "subject": clean_subject,
                "body": body,
                "recipients": list(recipients),
                "urgency": urgency.value if urgency else None,
                "secrecy": secrecy.value if secrecy else None,
                "deadline": deadline,
                "place": place or office.place,
                "status": workflow.initial,
                "workflow": workflow.name,
                "reference_only": False,
                "created_at": uow.now,
            }
            allocated: dict[str, Any] = {}
            if issue_on is not None:
                # An already-signed paper document: drafted and issued in one insert.
                dest, allocated = self._first_move(
                    uow,
                    user,
                    office,
                    workflow,
                    "issue",
                    doc_type.key,
                    secrecy is not None,
                    unit_code,
                    issue_on,
                )
                values.update(signature or {}, status=dest, **allocated)
            doc_id = uow.documents.add(values)
            uow.events.append(
                office_id=office.id,
                document_id=doc_id,
                actor=user.login,
                trigger="create",
                to_state=workflow.initial,
                data={"type": doc_type.key, "subject": clean_subject},
            )
            if issue_on is not None:
                uow.events.append(
                    office_id=office.id,
                    document_id=doc_id,
                    actor=user.login,
                    trigger="issue",
                    from_state=workflow.initial,
                    to_state=values["status"],
                    data=_recording(allocated, values),
                )
            return _new_document(doc_id, values, office)

        return work

    def issue(
        self,
        ref: str | int,
        *,
        on: date | None = None,
        signer: str | None = None,
        title: str | None = None,
        authority: str | None = None,
        year: int | None = None,
        note: str | None = None,
    ) -> Document:
        """Give the number, register the document and mark it issued, in one transaction."""
        issue_date = as_date(on, "ngày ban hành") or date.today()
        changes = _signature(signer, title, authority)
        note = clean_text(note, texts.NOTE, required=False)
        year = _year(year)

        def work(uow: UnitOfWork, user: User) -> Document:
            doc = self._resolve(uow, user, ref, year)
            not_before(doc.deadline, issue_date, "thời hạn của văn bản", "ngày ban hành")
            return self._fire(uow, user, doc, "issue", note=note, on=issue_date, changes=changes)

        return self._write(work)

    def register(
        self,
        type_key: str,
        *,
        subject: str,
        on: date,
        unit: str | None = None,
        signer: str | None = None,
        title: str | None = None,
        authority: str | None = None,
        deadline: date | None = None,
        secrecy: Secrecy | None = None,
        urgency: Urgency | None = None,
        recipients: Sequence[str] = (),
        body: str | None = None,
    ) -> Document:
        """Register an already-signed outgoing document in one call: draft and issue together."""
        signature = _signature(signer, title, authority)
        if on is None:
            raise InputError("Thiếu ngày ban hành.", hint="Ví dụ: on=date(2025, 9, 29).")
        return self._write(
            self._drafting(
                type_key,
                subject=subject,
                unit=unit,
                deadline=deadline,
                secrecy=secrecy,
                urgency=urgency,
                recipients=recipients,
                body=body,
                place=None,
                issue_on=on,
                signature=signature,
            )
        )

    def receive(
        self,
        code: str,
        *,
        sender: str,
        on: date,
        subject: str,
        type_key: str | None = None,
        deadline: date | None = None,
        arrived: date | None = None,
        urgency: Urgency | None = None,
        secrecy: Secrecy | None = None,
        signer: str | None = None,
        body: str | None = None,
    ) -> Document:
        """Register an incoming document and give it its số đến."""
        parsed = parse_code(_str(code, "số, ký hiệu"))
        sender = _text(sender, texts.ORG_NAME)
        on_date = as_date(on, "ngày văn bản")
        if on_date is None:
            raise InputError("Thiếu ngày của văn bản.", hint="Thêm --date, ví dụ --date 12/11/2025.")
        on = on_date
        arrival = as_date(arrived, "ngày đến") or date.today()
        if arrival < on:
            raise InputError(
                f"Ngày đến {short(arrival)} sớm hơn ngày văn bản {short(on)}.",
                hint="Kiểm tra lại --date (ngày văn bản) và --arrived (ngày đến).",
            )
        deadline = as_date(deadline, "thời hạn giải quyết")
        not_before(deadline, on, "thời hạn giải quyết", "ngày văn bản")
        _check_code_year(parsed, on)
        urgency, secrecy = _urgency(urgency), _secrecy(secrecy)
        signer = clean_text(signer, texts.SIGNER, required=False)
        body = clean_text(body, texts.BODY, required=False)
        doc_type = (
            get_type(_str(type_key, "loại văn bản")) if type_key else get_type(parsed.type_key or CONG_VAN)
        )
        clean_subject = _text(subject, texts.SUBJECT)
        workflow = self.workflows.for_document(doc_type.key, _IN)
        code_text = str(parsed)
        year = parsed.year or on.year

        def work(uow: UnitOfWork, user: User) -> Document:
            _require(user, CLERK_ROLES, "vào sổ văn bản đến")
            office = self._office_of(uow, user)
            # Held this year, or cited earlier by a code that carries no year (that reference is this one).
            found = uow.senders or uow.orgs.find_holding(sender, office.id, code_text, year)
            org = _one_org(sender, [org for org, _ in found])
            held_id = found[0][1]
            existing = uow.documents.get(held_id) if held_id is not None else None
            values: dict[str, Any] = {
                "direction": _IN,
                "type_key": doc_type.key,
                "number": parsed.number,
                "notation": parsed.notation,
                "subject": clean_subject,
                "date": on,
                "deadline": deadline,
                "urgency": urgency.value if urgency else None,
                "secrecy": secrecy.value if secrecy else None,
                "signer_name": signer,
                "body": body,
                "status": workflow.initial,
                "workflow": workflow.name,
                "reference_only": False,
            }
            received: dict[str, Any] = {
                "office_id": office.id,
                "actor": user.login,
                "trigger": "receive",
                "to_state": workflow.initial,
                "data": {"code": code_text, "from": org.code},
            }
            return self._enter_incoming(
                uow,
                user,
                office,
                org,
                workflow,
                doc_type.key,
                code_text,
                year,
                values,
                received,
                arrival,
                existing,
            )

        return self._write(work, sender=(sender, code_text, year))

    def fire(
        self, ref: str | int, trigger: str, *, note: str | None = None, year: int | None = None
    ) -> Document:
        """Fire any lifecycle transition the document's workflow and the user's roles allow."""
        trigger = _str(trigger, "thao tác")
        note = clean_text(note, texts.NOTE, required=False)
        year = _year(year)

        def work(uow: UnitOfWork, user: User) -> Document:
            doc = self._resolve(uow, user, ref, year)
            return self._fire(uow, user, doc, trigger.strip(), note=note, on=date.today())

        return self._write(work)

    def actions(self, ref: str | int, *, year: int | None = None) -> list[tuple[str, str, str]]:
        """(trigger, label, destination label) of the transitions this user may fire now."""

        def work(uow: UnitOfWork, user: User) -> list[tuple[str, str, str]]:
            doc = self._resolve(uow, user, ref, year)
            wf = self.workflow_of(doc)
            if wf is None or doc.status is None:
                return []
            return [(t.trigger, t.label, wf.label_of(t.dest)) for t in wf.allowed(doc.status, user.roles)]

        return self._read(work)

    def get(self, ref: str | int, *, year: int | None = None) -> Document:
        """A document by id ("#12", 12) or code ("90/KH-UBND")."""
        return self._read(lambda uow, user: self._resolve(uow, user, ref, year))

    def documents(
        self,
        *,
        type_key: str | None = None,
        status: str | None = None,
        year: int | None = None,
        direction: Direction | str | None = None,
        limit: int | None = None,
    ) -> list[Document]:
        from vanban.store.repository import DocumentFilter

        key = get_type(_str(type_key, "loại văn bản")).key if type_key else None
        state = self.state_name(_str(status, "trạng thái")) if status else None
        year = _year(year)
        if direction is not None and not isinstance(direction, Direction):
            direction = _DIRECTIONS.get(str(direction)) or Direction(_str(direction, "chiều"))
        if limit is not None:
            limit = parse_int(limit, "số dòng", low=1, high=texts.MAX_LIMIT, example="Ví dụ: --limit 50.")
        flt = DocumentFilter(type_key=key, status=state, year=year, direction=direction, limit=limit)
        return self._read(lambda uow, user: uow.documents.list(user.office_id, flt))

    def state_name(self, text: str) -> str:
        """A lifecycle state from its name or Vietnamese label ("issued", "Đã ban hành")."""
        from vanban.domain.types import fold

        wanted = fold(" ".join(text.split()))
        known: dict[str, str] = {}
        for wf in self.workflows:
            for state in wf.states.values():
                known.setdefault(state.name, state.label)
                if wanted in (fold(state.name), fold(state.label)):
                    return state.name
        listing = ", ".join(f"{name} ({label})" for name, label in sorted(known.items()))
        raise InputError(f"Không có trạng thái «{text}».", hint=f"Chọn một trong: {listing}.")

    def attachments(self, ref: str | int, *, year: int | None = None) -> list[tuple[str, str]]:
        """(file name, SHA-256) of the files a document was read from or carries."""

        def work(uow: UnitOfWork, user: User) -> list[tuple[str, str]]:
            return uow.attachments.for_document(self._resolve(uow, user, ref, year).id)

        return self._read(work)

    def history(self, ref: str | int, *, year: int | None = None) -> list[Event]:
        def work(uow: UnitOfWork, user: User) -> list[Event]:
            doc = self._resolve(uow, user, ref, year)
            return uow.events.for_document(doc.id)

        return self._read(work)

    def edit(
        self,
        ref: str | int,
        *,
        year: int | None = None,
        subject: str | Unchanged = UNCHANGED,
        deadline: date | str | Unchanged | None = UNCHANGED,
        body: str | Unchanged | None = UNCHANGED,
        recipients: Sequence[str] | Unchanged = UNCHANGED,
        urgency: Urgency | str | Unchanged | None = UNCHANGED,
        secrecy: Secrecy | str | Unchanged | None = UNCHANGED,
        signer_name: str | Unchanged | None = UNCHANGED,
        signer_title: str | Unchanged | None = UNCHANGED,
    ) -> Document:
        """Change descriptive fields; the history keeps old and new. A field left out keeps its value."""
        given = {
            "subject": subject,
            "deadline": deadline,
            "body": body,
            "recipients": recipients,
            "urgency": urgency,
            "secrecy": secrecy,
            "signer_name": signer_name,
            "signer_title": signer_title,
        }
        fields = {k: v for k, v in given.items() if v is not UNCHANGED}
        year = _year(year)
        checked = _edited(fields)

        def work(uow: UnitOfWork, user: User) -> Document:
            _require(user, WRITE_ROLES, "sửa văn bản")
            doc = self._resolve(uow, user, ref, year)
            if "deadline" in checked:
                not_before(checked["deadline"], doc.date, "thời hạn", "ngày văn bản")
            old = {k: _jsonable(getattr(doc, k)) for k in checked}
            values = {k: (v.value if isinstance(v, Urgency | Secrecy) else v) for k, v in checked.items()}
            uow.documents.update(doc.id, **values)
            uow.events.append(
                office_id=doc.office_id,
                document_id=doc.id,
                actor=user.login,
                trigger="edit",
                from_state=doc.status,
                to_state=doc.status,
                data={"old": old, "new": {k: _jsonable(v) for k, v in checked.items()}},
            )
            updated = uow.documents.get(doc.id)
            assert updated is not None
            return updated

        return self._write(work)

    # ------------------------------------------------------------------ links, assignments, outcomes

    def link(
        self, source: str | int, target: str | int, kind: LinkKind | str, *, year: int | None = None
    ) -> Document:
        """Relate two documents; a target code not held becomes a reference-only document."""
        if not isinstance(kind, LinkKind):
            from vanban.domain.model import parse_link_kind

            kind = parse_link_kind(_str(kind, "loại liên kết"))
        year = _year(year)

        def work(uow: UnitOfWork, user: User) -> Document:
            _require(user, WRITE_ROLES, "liên kết văn bản")
            src = self._resolve(uow, user, source, year)
            dst = self._resolve_or_cite(uow, user, target)
            self._link(uow, user, src, dst, kind)
            return dst

        return self._write(work)

    def assign(
        self,
        ref: str | int,
        *,
        lead: str,
        support: Sequence[str] = (),
        deadline: date | None = None,
        note: str | None = None,
        year: int | None = None,
    ) -> Assignment:
        """Hand a directive (or an incoming document) to a lead unit or person, with support units."""
        lead = _text(lead, texts.PERSON_OR_UNIT)
        support = clean_list(support, texts.PERSON_OR_UNIT)
        deadline = as_date(deadline, "thời hạn")
        note = clean_text(note, texts.NOTE, required=False)
        year = _year(year)

        def work(uow: UnitOfWork, user: User) -> Assignment:
            _require(user, ASSIGN_ROLES, "phân công xử lý")
            doc = self._resolve(uow, user, ref, year)
            if doc.reference_only:
                raise RuleError(f"{doc.label} chỉ là văn bản được dẫn chiếu, không phân công xử lý được.")
            not_before(deadline, doc.date, "thời hạn", "ngày văn bản")
            lead_name = self._assignee(uow, user, lead)
            supports = [self._assignee(uow, user, s) for s in support]
            uow.assignments.add(
                doc.id, lead=lead_name, support=supports, deadline=deadline, note=note, by=user.login
            )
            uow.events.append(
                office_id=doc.office_id,
                document_id=doc.id,
                actor=user.login,
                trigger="assignment",
                from_state=doc.status,
                to_state=doc.status,
                note=note,
                data={"lead": lead_name, "support": supports, "deadline": _jsonable(deadline)},
            )
            # Handing a document over moves it on where its lifecycle has such a step.
            for trigger in ("assign", "start"):
                self._couple(uow, user, doc, trigger, cause=None, why="phân công chủ trì " + lead_name)
            return uow.assignments.for_document(doc.id)[-1]

        return self._write(work)

    def assignments(self, ref: str | int, *, year: int | None = None) -> list[Assignment]:
        def work(uow: UnitOfWork, user: User) -> list[Assignment]:
            return uow.assignments.for_document(self._resolve(uow, user, ref, year).id)

        return self._read(work)

    def add_outcome(
        self,
        ref: str | int,
        *,
        text: str,
        quantity: Decimal | str | int | float | None = None,
        unit: str | None = None,
        on: date | None = None,
        reported_in: Sequence[str | int] = (),
        year: int | None = None,
    ) -> Outcome:
        """Record a result produced by a directive or by a document implementing it."""
        clean = _text(text, texts.OUTCOME_TEXT)
        amount = parse_quantity(quantity)
        unit = clean_text(unit, texts.QUANTITY_UNIT, required=False)
        on = as_date(on, "ngày đạt kết quả")
        year = _year(year)
        if isinstance(reported_in, str | int):
            reported_in = [reported_in]
        if amount is None and unit:
            raise InputError(
                "Có đơn vị tính mà thiếu số lượng.", hint="Thêm --quantity, ví dụ --quantity 150."
            )

        def work(uow: UnitOfWork, user: User) -> Outcome:
            _require(user, WRITE_ROLES, "ghi kết quả")
            doc = self._resolve(uow, user, ref, year)
            if doc.reference_only:
                raise RuleError(f"{doc.label} chỉ là văn bản được dẫn chiếu, không ghi kết quả cho nó được.")
            outcome_id = uow.outcomes.add(doc.id, clean, amount, unit, on)
            for report_ref in reported_in:
                report = self._resolve(uow, user, report_ref, None)
                if report.type_key != BAO_CAO:
                    raise LinkError(
                        f"{report.label} không phải là báo cáo.",
                        hint="--reported-in nhận số, ký hiệu của một báo cáo.",
                    )
                uow.outcomes.report(outcome_id, report.id)
            uow.events.append(
                office_id=doc.office_id,
                document_id=doc.id,
                actor=user.login,
                trigger="outcome",
                from_state=doc.status,
                to_state=doc.status,
                note=clean,
                data={"quantity": _jsonable(amount), "unit": unit},
            )
            return next(o for o in uow.outcomes.for_documents([doc.id]) if o.id == outcome_id)

        return self._write(work)

    def outcomes(self, ref: str | int, *, year: int | None = None) -> list[Outcome]:
        def work(uow: UnitOfWork, user: User) -> list[Outcome]:
            return uow.outcomes.for_documents([self._resolve(uow, user, ref, year).id])

        return self._read(work)

    def trace(self, ref: str | int, *, year: int | None = None) -> Trace:
        """The chain around a document, upward and downward, with the outcomes it produced."""
        from vanban.office.trace import build_trace

        def work(uow: UnitOfWork, user: User) -> Trace:
            return build_trace(uow, self._resolve(uow, user, ref, year))

        return self._read(work)

    def verify(self) -> Verification:
        """Walk every office's hash chain of events and every recorded document's record; the
        first break is raised as IntegrityBreakError (which document, which event, what changed)."""
        from vanban.office.integrity import verify_register

        self._check_schema()
        return self._unattended(verify_register)

    def backup(self, target: str | Path) -> Verification:
        """Copy a SQLite register to the new file ``target`` while others keep writing, and
        verify the copy (servers: their own dump tools, see README)."""
        from vanban.office.integrity import backup_register

        self._check_schema()
        return backup_register(self.engine, Path(target), self.workflows)

    def _unattended(self, work: Callable[[UnitOfWork], T]) -> T:
        """Read-only work that needs no user (verifying is for anyone holding the database)."""
        from vanban.store.engine import translate

        try:
            with self._uow(read_only=True) as uow:
                return work(uow)
        except Exception as exc:
            translated = translate(exc)
            if translated is not None:
                raise translated from exc
            raise

    def status(
        self,
        *,
        year: int | None = None,
        type_key: str | None = None,
        unit: str | None = None,
        overdue: bool = False,
        as_of: date | None = None,
    ) -> StatusReport:
        """Counts by status and type and the open items, computed in the database."""
        from vanban.store.queries import StatusFilter, open_items, status_summary

        day = as_date(as_of, "ngày tính") or date.today()
        key = get_type(_str(type_key, "loại văn bản")).key if type_key else None
        year = _year(year)
        unit = _str(unit, "đơn vị") if unit is not None else None
        open_states = [(wf.name, sorted(wf.open_states())) for wf in self.workflows]

        def work(uow: UnitOfWork, user: User) -> StatusReport:
            unit_code = None
            if unit is not None:
                unit_code = self._assignee(uow, user, unit)
            flt = StatusFilter(
                office_id=user.office_id,
                open_states=open_states,
                year=year,
                type_key=key,
                unit=unit_code,
                overdue_on=day if overdue else None,
            )
            counts = status_summary(uow.conn, flt)
            items = open_items(uow.conn, flt)
            summary: dict[str, int] = {}
            by_type: list[tuple[str, str, str, int]] = []
            labels: dict[tuple[str | None, str | None], str] = {}  # (workflow, state) -> its label
            for wf_name, state, doc_type, n in counts:
                summary[state] = summary.get(state, 0) + n
                label = self.workflows.get(wf_name).label_of(state) if wf_name else state
                by_type.append((doc_type, state, label, n))
                labels[wf_name, state] = label
            rows = [
                StatusRow(
                    document=item.document,
                    status_label=labels.get((item.document.workflow, item.document.status))
                    or self.status_label(item.document),
                    deadline=item.deadline,
                    overdue_days=overdue_days(item.deadline, day),
                    lead=item.lead,
                    implementing=item.implementing,
                    outcomes=item.outcomes,
                    reported=item.reported,
                )
                for item in items
            ]
            return StatusReport(day, summary, by_type, rows)

        return self._read(work)

    # ------------------------------------------------------------------ internals

    def _org(self, uow: UnitOfWork, text: str) -> Organization:
        return _one_org(text, uow.orgs.find(text))

    def _assignee(self, uow: UnitOfWork, user: User, text: str) -> str:
        unit = uow.units.get(user.office_id, text.strip())
        if unit is not None:
            return unit.code
        person = uow.users.get(text.strip())
        if person is not None:
            return person.login
        raise NotFoundError(
            f"Không có đơn vị hay người dùng «{text}».",
            hint="Xem vanban unit list và vanban user list.",
        )

    def _resolve(self, uow: UnitOfWork, user: User, ref: str | int, year: int | None) -> Document:
        year = _year(year)
        doc_id = _doc_id(ref)
        if doc_id is not None:
            doc = uow.documents.get(doc_id) if doc_id > 0 else None
            if doc is None or doc.office_id != user.office_id:
                raise NotFoundError(f"Không có văn bản #{doc_id}.", hint="Xem danh sách bằng vanban list.")
            return doc
        code = parse_code(_str(ref, "số, ký hiệu"))
        candidates = uow.documents.by_code(user.office_id, str(code), year)
        if not candidates:
            raise NotFoundError(
                f"Không có văn bản {code}" + (f" năm {year}" if year else "") + ".",
                hint="Xem danh sách bằng vanban list, hoặc dùng số #id.",
            )
        if len(candidates) > 1:
            listing = "; ".join(f"#{d.id} {d.code} năm {d.year} của {d.issuer_name}" for d in candidates)
            raise AmbiguousError(
                f"Có {len(candidates)} văn bản {code}: {listing}.", hint="Thêm --year hoặc dùng số #id."
            )
        return candidates[0]

    def _resolve_or_cite(self, uow: UnitOfWork, user: User, ref: str | int) -> Document:
        """The held document, or a reference-only one made from the code (e.g. 30/2020/NĐ-CP)."""
        if _doc_id(ref) is not None:
            return self._resolve(uow, user, ref, None)
        code = parse_code(_str(ref, "số, ký hiệu"))
        _check_code_year(code, uow.now.date())
        candidates = uow.documents.by_code(user.office_id, str(code), None)
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            return self._resolve(uow, user, ref, None)  # raises the ambiguity, with candidates
        return self._cite(uow, user, code, None, None)

    def _cite(self, uow: UnitOfWork, user: User, code: Code, on: date | None, issuer: str | None) -> Document:
        abbr = code.issuer
        org = next(iter(uow.orgs.find(abbr)), None)
        if org is None:
            org = uow.orgs.add(abbr, issuer or issuer_name(abbr))
        doc_type = code.type_key
        doc_id = uow.documents.add(
            {
                "office_id": user.office_id,
                "direction": Direction.IN.value,
                "type_key": doc_type,
                "issuer_id": org.id,
                "number": code.number,
                "notation": code.notation,
                "code": str(code),
                "year": code.year or (on.year if on else None),
                "date": on,
                "subject": "",
                "status": None,
                "workflow": None,
                "reference_only": True,
            }
        )
        uow.events.append(
            office_id=user.office_id,
            document_id=doc_id,
            actor=user.login,
            trigger="cite",
            data={"code": str(code)},
        )
        doc = uow.documents.get(doc_id)
        assert doc is not None
        return doc

    def _link(self, uow: UnitOfWork, user: User, src: Document, dst: Document, kind: LinkKind) -> None:
        check_link(uow, rule_of(kind), src, dst, self.workflow_of)
        if not uow.links.add(src.id, dst.id, kind):
            return
        uow.events.append(
            office_id=src.office_id,
            document_id=src.id,
            actor=user.login,
            trigger="link",
            from_state=src.status,
            to_state=src.status,
            data={"kind": kind.value, "to": dst.id, "code": dst.code},
        )
        wf = self.workflow_of(src)
        if wf is not None and src.status in wf.issued_states():
            self._couple_link(uow, user, src, dst, kind)

    def _couple_link(self, uow: UnitOfWork, user: User, src: Document, dst: Document, kind: LinkKind) -> None:
        rule = rule_of(kind)
        if rule.couples is None:
            return
        end = dst if rule.couples_end is End.TARGET else src
        self._couple(uow, user, end, rule.couples, cause=src, why=None)
        if rule.couples_below:
            from vanban.office.trace import descendants

            # A report on a directive covers what carried it out: their results and their state.
            below = descendants(uow, end.id)
            for doc in uow.documents.get_many(below).values():
                if doc.direction is Direction.OUT:
                    self._couple(uow, user, doc, rule.couples, cause=src, why=None)
            for outcome_id in uow.outcomes.unreported_for([end.id, *below]):
                uow.outcomes.report(outcome_id, src.id)

    def _couple(
        self,
        uow: UnitOfWork,
        user: User,
        doc: Document,
        trigger: str,
        *,
        cause: Document | None,
        why: str | None,
    ) -> None:
        """Move a related document on, where its lifecycle allows, naming the cause."""
        fresh = uow.documents.get(doc.id)
        if fresh is None or fresh.status is None:
            return
        wf = self.workflow_of(fresh)
        if wf is None or not wf.can_fire(fresh.status, trigger):
            return
        dest = wf.fire(fresh.status, trigger, frozenset(Role))
        uow.documents.update(fresh.id, status=dest)
        note = why or (f"Do {type_name(cause.type_key or '')} {cause.label}" if cause else None)
        uow.events.append(
            office_id=fresh.office_id,
            document_id=fresh.id,
            actor=user.login,
            trigger=trigger,
            from_state=fresh.status,
            to_state=dest,
            note=note,
            data={"cause": cause.id if cause else None, "coupled": True},
        )

    def _fire(
        self,
        uow: UnitOfWork,
        user: User,
        doc: Document,
        trigger: str,
        *,
        on: date,
        note: str | None = None,
        changes: dict[str, Any] | None = None,
    ) -> Document:
        wf = self.workflow_of(doc)
        if wf is None or doc.status is None:
            raise RuleError(f"{doc.label} chỉ là văn bản được dẫn chiếu, không có vòng đời.")
        dest = wf.fire(doc.status, trigger, user.roles)
        values: dict[str, Any] = dict(changes or {})
        values["status"] = dest
        data: dict[str, Any] = {}
        already = doc.arrival_number if doc.direction is Direction.IN else doc.number
        if wf.numbering_state() == dest and already is None:
            # A number once given stays, even through a recall and a new issue.
            office = self._office_of(uow, user)
            values.update(
                self._allocate(
                    uow,
                    office,
                    doc.direction,
                    doc.type_key or CONG_VAN,
                    secret=doc.secrecy is not None,
                    unit_code=doc.unit_code,
                    on=on,
                )
            )
            data = {k: _jsonable(v) for k, v in values.items() if k != "status"}
        uow.documents.update(doc.id, **values)
        updated = replace(doc, **values)
        if data:
            # The event that records the document seals its record into the hash chain.
            data["record"] = record_of(updated)
        uow.events.append(
            office_id=doc.office_id,
            document_id=doc.id,
            actor=user.login,
            trigger=trigger,
            from_state=doc.status,
            to_state=dest,
            note=note,
            data=data,
        )
        if (
            updated.direction is Direction.OUT
            and dest in wf.issued_states()
            and doc.status not in wf.issued_states()
        ):
            for link in uow.links.outgoing([updated.id]):
                target = uow.documents.get(link.to_id)
                if target is not None:
                    self._couple_link(uow, user, updated, target, link.kind)
        return updated

    def _enter_incoming(
        self,
        uow: UnitOfWork,
        user: User,
        office: Organization,
        sender: Organization,
        workflow: Workflow,
        type_key: str,
        code: str,
        year: int,
        values: dict[str, Any],
        received: dict[str, Any],
        arrival: date,
        existing: Document | None,
    ) -> Document:
        """Put a received document in the register with its số đến: a new row inserted already
        registered, or (``existing``, cited earlier) the reference upgraded in place, links and all.
        A document already held under that code is refused.
        """
        if existing is not None and not existing.reference_only:
            raise DuplicateError(
                f"Văn bản {code} của {sender.name} đã vào sổ"
                + (f" với số đến {existing.arrival_number}" if existing.arrival_number else "")
                + (f" ngày {short(existing.arrival_date)}." if existing.arrival_date else "."),
                hint=f"Xem bằng: vanban show #{existing.id}.",
            )
        if existing is not None:
            uow.documents.update(existing.id, year=year, **values)
            uow.events.append(document_id=existing.id, **received)
            cited = uow.documents.get(existing.id)
            assert cited is not None
            return self._fire(uow, user, cited, "register", on=arrival)
        dest, allocated = self._first_move(
            uow, user, office, workflow, "register", type_key, False, None, arrival
        )
        values.update(
            office_id=office.id,
            issuer_id=sender.id,
            code=code,
            year=year,
            created_at=uow.now,
            status=dest,
            **allocated,
        )
        doc_id = uow.documents.add(values)
        uow.events.append(document_id=doc_id, **received)
        uow.events.append(
            office_id=office.id,
            document_id=doc_id,
            actor=user.login,
            trigger="register",
            from_state=workflow.initial,
            to_state=dest,
            data=_recording(allocated, values) if allocated else {},
        )
        return _new_document(doc_id, values, sender)

    def _first_move(
        self,
        uow: UnitOfWork,
        user: User,
        office: Organization,
        workflow: Workflow,
        trigger: str,
        type_key: str,
        secret: bool,
        unit_code: str | None,
        on: date,
    ) -> tuple[str, dict[str, Any]]:
        """Where a new document goes by ``trigger`` from its initial state, and the number it takes.

        Lets a new document be inserted once, already registered, rather than inserted then updated.
        """
        dest = workflow.fire(workflow.initial, trigger, user.roles)
        if workflow.numbering_state() != dest:
            return dest, {}
        direction = _DIRECTIONS[workflow.direction]
        return dest, self._allocate(
            uow, office, direction, type_key, secret=secret, unit_code=unit_code, on=on
        )

    def _allocate(
        self,
        uow: UnitOfWork,
        office: Organization,
        direction: Direction,
        type_key: str,
        *,
        secret: bool,
        unit_code: str | None,
        on: date,
    ) -> dict[str, Any]:
        """Take the next number of the series: same transaction, counter row locked."""
        policy = NumberingPolicy.of(office.numbering)
        key = policy.series_key(type_key, direction=direction, secret=secret and direction is Direction.OUT)
        year = on.year
        taken = uow.series.take(office.id, year, key, on)
        if taken is None:
            raise _SeriesMissing(office.id, year, key)
        if isinstance(taken, SeriesState):
            what = "số đến" if direction is Direction.IN else "số"
            raise DateOrderError(
                f"Không thể cấp {what} {taken.last_number + 1} ngày {short(on)}: "
                f"sổ {series_label(key)} năm {year} "
                f"đã cấp số {taken.last_number} ngày {short(taken.last_date)}.",
                hint=f"Số phải theo thứ tự ngày. Dùng ngày từ {short(taken.last_date)} trở đi.",
            )
        number = taken
        if direction is Direction.IN:
            return {"arrival_number": number, "arrival_year": year, "arrival_date": on}
        notation = make_notation(type_key, office.code, unit_code)
        if secret:
            # Secret documents run their own series; the "M" group keeps their codes apart.
            notation = f"{notation}-{SECRET_MARK}"
        return {
            "number": number,
            "year": year,
            "series_key": key,
            "notation": notation,
            "code": format_code(number, notation),
            "date": on,
        }


def _one_org(text: str, found: Sequence[Organization]) -> Organization:
    """The one organization ``text`` names; none or several refused."""
    if not found:
        raise NotFoundError(
            f"Không có cơ quan «{text}».",
            hint=f'Thêm bằng: vanban org add {text.strip().upper()} "Tên đầy đủ của cơ quan".',
        )
    if len(found) > 1:
        listing = "; ".join(f"#{o.id} {o.code} – {o.name}" for o in found)
        raise AmbiguousError(f"Có nhiều cơ quan «{text}»: {listing}.", hint="Dùng số #id hoặc tên đầy đủ.")
    return found[0]


def _signature(signer: str | None, title: str | None, authority: str | None) -> dict[str, Any]:
    """The signer's fields as given (name, title, TM./KT./…), checked."""
    given: dict[str, Any] = {}
    if signer is not None:
        given["signer_name"] = _text(signer, texts.SIGNER)
    if title is not None:
        given["signer_title"] = _text(title, texts.SIGNER_TITLE)
    if authority is not None:
        given["signer_authority"] = _check_authority(_str(authority, "thẩm quyền ký"))
    return given


def _new_document(doc_id: int, values: dict[str, Any], issuer: Organization) -> Document:
    """The Document just inserted, built from its values rather than read back."""
    fields = {
        **_NEW_DOCUMENT,
        "recipients": [],
        **values,
        "id": doc_id,
        "issuer_code": issuer.code,
        "issuer_name": issuer.name,
    }
    fields["direction"] = _DIRECTIONS[fields["direction"]]
    if fields["urgency"]:
        fields["urgency"] = Urgency(fields["urgency"])
    if fields["secrecy"]:
        fields["secrecy"] = Secrecy(fields["secrecy"])
    return Document(*_DOCUMENT_ORDER(fields))


# A new document's fields before its values (recipients a fresh list each time, above), read
# by position: Document(*values) is several times cheaper than 30 keyword arguments.
_NEW_DOCUMENT: dict[str, Any] = {
    f.name: None if f.default is MISSING else f.default for f in dataclass_fields(Document)
}
_DOCUMENT_ORDER = itemgetter(*_NEW_DOCUMENT)
_DIRECTIONS = {d.value: d for d in Direction}


def _recording(allocated: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The data of the event that records a new document: the number it took, and its record
    (the fields frozen from now on), sealed into the office's hash chain."""
    data = {k: _jsonable(v) for k, v in allocated.items()}
    data["record"] = record_of(values)
    return data


def _jsonable(value: Any) -> Any:
    if type(value) in _JSON_NATIVE:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Urgency | Secrecy):
        return value.value
    return value


_JSON_NATIVE = frozenset({str, int, type(None)})


_AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


def _check_authority(text: str) -> str:
    cleaned = text.strip().upper()
    if not cleaned.endswith("."):
        cleaned += "."
    if cleaned not in _AUTHORITIES:
        raise InputError(
            f"Thẩm quyền ký «{text}» không hợp lệ.", hint=f"Chọn một trong: {', '.join(_AUTHORITIES)}"
        )
    return cleaned


def _check_code_year(code: Code, on: date) -> None:
    """A legal code's year is the year its document was made: never after the document's date."""
    if code.year is not None and code.year > on.year:
        raise InputError(
            f"Văn bản {code} mang năm {code.year}, muộn hơn ngày {short(on)}.",
            hint="Kiểm tra lại năm trong số, ký hiệu và --date.",
        )
