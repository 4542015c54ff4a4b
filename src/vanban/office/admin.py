"""Setting a register up: its own office and first admin, organizations, units, users, where a
series continues, the numbering policy. Each use case is one unit of work, audited by an event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from vanban.domain import text as texts
from vanban.domain.dates import check_year, today
from vanban.domain.issuers import abbreviation_for
from vanban.domain.model import Direction, Organization, Role, SeriesState, Unit, User, parse_role
from vanban.domain.numbering import (
    ARRIVAL,
    NumberingPolicy,
    Policy,
    names_arrivals,
    parse_policy,
    series_label,
)
from vanban.domain.records import EventRecord
from vanban.domain.text import (
    MAX_NUMBER,
    clean_abbreviation,
    clean_login,
    clean_madinhdanh,
    clean_text,
    parse_int,
)
from vanban.domain.types import get_type
from vanban.errors import DuplicateError, InputError, NotFoundError, RuleError
from vanban.office.inputs import about, as_str, required_text, signer_title
from vanban.office.ports import UnitOfWork
from vanban.office.roles import ADMIN_ROLES, CLERK_ROLES, require
from vanban.office.runner import Runner, SeriesMissing
from vanban.office.steps import office_of


@dataclass(frozen=True, slots=True)
class Founding:
    """A register's own office and first admin, as ``vanban init`` gives them, checked."""

    code: str
    name: str
    place: str
    parent: str | None
    login: str
    full_name: str
    numbering: Policy
    madinhdanh: str | None


def founding(
    *,
    org: str,
    name: str,
    place: str,
    parent: str | None,
    login: str,
    full_name: str | None,
    numbering: Policy | str,
    madinhdanh: str | None,
) -> Founding:
    """Check what ``init`` was given, before any database is touched."""
    if not isinstance(numbering, Policy):
        numbering = parse_policy(as_str(numbering, "cách cấp số"))
    return Founding(
        clean_abbreviation(org, "mã cơ quan"),
        required_text(name, texts.ORG_NAME),
        required_text(place, texts.PLACE),
        clean_text(parent, texts.PARENT_NAME, required=False),
        clean_login(login),
        "Quản trị" if full_name is None else required_text(full_name, texts.FULL_NAME),
        numbering,
        clean_madinhdanh(madinhdanh) if madinhdanh is not None else None,
    )


def found(runner: Runner, given: Founding, *, another_office: bool = False) -> None:
    """Make the own office and its first admin, unless they are there (init runs again safely),
    and register the parent body as an organization (its mail can be received at once).

    A register that keeps another office is not given a second one quietly (a name mistyped at a
    second ``init`` would make one): only with ``another_office``.
    """
    with runner.store.unit_of_work() as uow:
        uow.channel = runner.channel
        own = uow.orgs.by_code_and_name(given.code, given.name)
        if own is None:
            _check_another_office(uow, given, another_office)
            own = uow.orgs.add(
                given.code,
                given.name,
                parent_name=given.parent,
                place=given.place,
                madinhdanh=given.madinhdanh,
                own=True,
            )
            uow.orgs.set_numbering(own.id, given.numbering.value)
            uow.events.add(EventRecord(own.id, given.login, "init", note=f"Khởi tạo sổ của {given.name}"))
        if uow.users.get(given.login) is None:
            uow.users.add(given.login, given.full_name, [Role.QUAN_TRI, Role.VAN_THU], own.id)
            uow.events.add(EventRecord(own.id, given.login, "user_add", data={"login": given.login}))
        if given.parent is not None and not uow.orgs.find(given.parent):
            code = clean_abbreviation(abbreviation_for(given.parent), "mã cơ quan chủ quản")
            uow.orgs.add(code, given.parent)
            uow.events.add(EventRecord(own.id, given.login, "org_add", data={"code": code, "parent": True}))
        uow.commit()


def _check_another_office(uow: UnitOfWork, given: Founding, another_office: bool) -> None:
    """Refuse a second own office unless asked for, and a first admin who already works elsewhere."""
    held = uow.orgs.list(own=True)
    if held and not another_office:
        names = "; ".join(f"{org.code} – {org.name}" for org in held)
        raise RuleError(
            f"Cơ sở dữ liệu này đã là sổ văn bản của {names}: khởi tạo với tên «{given.name}» "
            "sẽ thêm một cơ quan thứ hai.",
            hint=f"Gõ nhầm tên thì chạy lại với đúng tên «{held[0].name}», hoặc kiểm tra --db. "
            "Muốn giữ thêm một cơ quan trong cùng cơ sở dữ liệu thì thêm --another-office.",
        )
    user = uow.users.get(given.login)
    if user is not None:
        raise RuleError(
            f"Người dùng «{given.login}» đã thuộc một cơ quan khác trong cơ sở dữ liệu này.",
            hint="Chọn tên đăng nhập khác cho người quản trị của cơ quan mới: --login TÊN.",
        )


def add_org(
    runner: Runner,
    code: str,
    name: str,
    *,
    parent: str | None = None,
    place: str | None = None,
    madinhdanh: str | None = None,
    own: bool = False,
) -> Organization:
    """Add an organization (external by default; ``own`` for another office kept here)."""
    with about("code"):
        clean_code = clean_abbreviation(code, "mã cơ quan")
    with about("name"):
        clean_name = required_text(name, texts.ORG_NAME)
    with about("parent"):
        parent_name = clean_text(parent, texts.PARENT_NAME, required=False)
    with about("place"):
        place_name = clean_text(place, texts.PLACE, required=False)
    if madinhdanh is not None:
        with about("madinhdanh"):
            madinhdanh = clean_madinhdanh(madinhdanh)

    def work(uow: UnitOfWork, user: User) -> Organization:
        require(user, CLERK_ROLES, "thêm cơ quan")
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
        uow.events.add(EventRecord(user.office_id, user.login, "org_add", data={"code": clean_code}))
        return org

    return runner.write(work)


def add_unit(runner: Runner, code: str, name: str) -> Unit:
    """Add a drafting unit to the user's office."""
    with about("code"):
        clean_code = clean_abbreviation(code, "mã đơn vị")
    with about("name"):
        clean_name = required_text(name, texts.UNIT_NAME)

    def work(uow: UnitOfWork, user: User) -> Unit:
        require(user, CLERK_ROLES, "thêm đơn vị")
        if uow.units.get(user.office_id, clean_code):
            raise DuplicateError(f"Đơn vị «{clean_code}» đã có.", field="code")
        unit = uow.units.add(user.office_id, clean_code, clean_name)
        uow.events.add(EventRecord(user.office_id, user.login, "unit_add", data={"code": clean_code}))
        return unit

    return runner.write(work)


def add_user(
    runner: Runner, login: str, *, name: str, roles: Iterable[Role | str], title: str | None = None
) -> User:
    """Add a person with their roles (and chức vụ, the title they sign with) to the user's office."""
    with about("login"):
        clean = clean_login(login)
    if isinstance(roles, str):
        roles = [roles]
    with about("roles"):
        parsed = [r if isinstance(r, Role) else parse_role(as_str(r, "vai trò")) for r in roles]
    if not parsed:
        raise InputError(
            "Người dùng cần ít nhất một vai trò.", hint="Thêm --role van_thu (hoặc lanh_dao…).", field="roles"
        )
    with about("name"):
        full_name = required_text(name, texts.FULL_NAME)
    with about("title"):
        clean_title = signer_title(title)

    def work(uow: UnitOfWork, user: User) -> User:
        require(user, ADMIN_ROLES, "thêm người dùng")
        if uow.users.get(clean):
            raise DuplicateError(f"Người dùng «{clean}» đã có.", field="login")
        new = uow.users.add(clean, full_name, parsed, user.office_id, clean_title)
        data: dict[str, object] = {"login": clean, "roles": [r.value for r in parsed]}
        if clean_title is not None:
            data["title"] = clean_title
        uow.events.add(EventRecord(user.office_id, user.login, "user_add", data=data))
        return new

    return runner.write(work)


def set_user_title(runner: Runner, login: str, title: str | None) -> User:
    """Change the chức vụ of one of the office's users (None: none); an event keeps the old
    and the new title. Documents already signed keep the title they were signed with."""
    clean = clean_login(login)
    clean_title = signer_title(title)

    def work(uow: UnitOfWork, user: User) -> User:
        require(user, ADMIN_ROLES, "đổi chức vụ của người dùng")
        person = uow.users.get(clean)
        if person is None or person.office_id != user.office_id:
            raise NotFoundError(
                f"Không có người dùng «{clean}» trong cơ quan.", hint="Xem danh sách: vanban user list."
            )
        if person.title == clean_title:
            return person
        uow.users.set_title(person.id, clean_title)
        data = {"login": clean, "old": {"title": person.title}, "new": {"title": clean_title}}
        uow.events.add(EventRecord(user.office_id, user.login, "user_title", data=data))
        return replace(person, title=clean_title)

    return runner.write(work)


def series_type(type_key: object, secret: bool) -> str | None:
    """The type key a series is asked by, checked; None for the incoming register ("DEN", "đến")."""
    type_text = as_str(type_key, "loại văn bản")
    if not names_arrivals(type_text):
        return get_type(type_text).key
    if secret:
        raise InputError(
            "Văn bản đến không có sổ mật riêng: mọi văn bản đến lấy chung một dãy số đến.",
            hint="Bỏ --secret: vanban series set DEN --year 2025 --next 1200.",
        )
    return None


def series_of(office: Organization, type_key: str | None, *, secret: bool) -> str:
    """The series key a type (None: the incoming register) draws from in ``office``."""
    if type_key is None:
        return ARRIVAL
    return NumberingPolicy.of(office.numbering).series_key(type_key, direction=Direction.OUT, secret=secret)


def set_series(
    runner: Runner, type_key: str, *, year: int, next_number: int, secret: bool = False
) -> SeriesState:
    """Where a series continues ("the next KH is 90", "the next số đến is 1200"), for an office
    adopting vanban mid-year. ``type_key`` "DEN" (or "đến") names the incoming register."""
    with about("type"):
        doc_type = series_type(type_key, secret)
    with about("next_number"):
        next_number = parse_int(
            next_number,
            "số tiếp theo",
            low=1,
            high=MAX_NUMBER,
            example="Ví dụ: vanban series set KH --year 2025 --next 90.",
        )
    with about("year"):
        year = check_year(year)

    def work(uow: UnitOfWork, user: User) -> SeriesState:
        require(user, CLERK_ROLES, "đặt số tiếp theo của sổ")
        office = office_of(uow, user)
        key = series_of(office, doc_type, secret=secret)
        state = uow.series.lock(office.id, year, key)
        if state is None:
            raise SeriesMissing(office.id, year, key)
        if key == ARRIVAL:
            used = uow.documents.max_arrival_number(office.id, year)
        else:
            used = uow.documents.max_number(office.id, year, key)
        if next_number <= used:
            raise RuleError(
                f"Sổ {series_label(key)} năm {year} đã cấp đến số {used}; "
                f"không thể bắt đầu lại từ {next_number}.",
                hint=f"Một số đã cấp không bao giờ được cấp lại. Chọn --next từ {used + 1} trở lên.",
                field="next_number",
            )
        uow.series.set_last(office.id, year, key, next_number - 1)
        uow.events.add(
            EventRecord(
                office.id,
                user.login,
                "series_set",
                note=f"Sổ {series_label(key)} năm {year} tiếp tục từ số {next_number}",
                data={"year": year, "key": key, "from": state.last_number + 1, "next": next_number},
            )
        )
        return SeriesState(office.id, year, key, next_number - 1, state.last_date)

    return runner.write(work)


def next_in_series(
    runner: Runner, type_key: str, *, year: int | None = None, secret: bool = False
) -> SeriesState:
    """The state of the series the next ``type_key`` would be numbered in (its next number is
    ``last_number + 1``), read without taking anything."""
    doc_type = series_type(type_key, secret)
    year = check_year(year) if year is not None else today().year

    def work(uow: UnitOfWork, user: User) -> SeriesState:
        office = office_of(uow, user)
        key = series_of(office, doc_type, secret=secret)
        for state in uow.series.list(office.id, year):
            if state.key == key:
                return state
        return SeriesState(office.id, year, key, 0, None)

    return runner.read(work)


def set_policy(runner: Runner, policy: Policy) -> None:
    """One series per type, or one shared series (secret documents stay apart either way)."""

    def work(uow: UnitOfWork, user: User) -> None:
        require(user, ADMIN_ROLES, "đổi cách cấp số")
        office = office_of(uow, user)
        uow.orgs.set_numbering(office.id, policy.value)
        data = {"from": office.numbering, "to": policy.value}
        uow.events.add(EventRecord(office.id, user.login, "numbering_policy", data=data))

    runner.write(work)
