"""Giving numbers: the next number of a series, taken in the registering transaction."""

from __future__ import annotations

from datetime import date

from vanban.domain.codes import format_code, make_notation
from vanban.domain.dates import not_after_today, short, today
from vanban.domain.model import Direction, Organization, SeriesState, User
from vanban.domain.numbering import SECRET_MARK, NumberingPolicy, series_label
from vanban.domain.records import Allocation, Arrival, Numbered
from vanban.domain.workflow import Workflow
from vanban.errors import DateOrderError
from vanban.office.ports import UnitOfWork
from vanban.office.runner import SeriesMissing

_DIRECTIONS = {d.value: d for d in Direction}

ISSUE_DATE_HINT = (
    "Ghi ngày văn bản được ký ban hành (--date), không muộn hơn hôm nay: số cấp theo thứ tự ngày "
    "ban hành, nên một số mang ngày chưa tới sẽ chặn cả sổ cho đến ngày đó."
)
ARRIVAL_DATE_HINT = "Ghi ngày văn thư thực nhận văn bản bằng --arrived, không muộn hơn hôm nay."


def not_ahead(direction: Direction, on: date) -> None:
    """Refuse a number dated after today (Vietnam): its ngày ban hành, or for mail its ngày đến."""
    if direction is Direction.IN:
        not_after_today(on, "ngày đến", ARRIVAL_DATE_HINT)
    else:
        not_after_today(on, "ngày ban hành", ISSUE_DATE_HINT)


def allocate(
    uow: UnitOfWork,
    office: Organization,
    direction: Direction,
    type_key: str,
    *,
    secret: bool,
    unit_code: str | None,
    on: date,
) -> Allocation:
    """Take the next number of the series: same transaction, counter row locked; never for a
    date still to come."""
    not_ahead(direction, on)
    policy = NumberingPolicy.of(office.numbering)
    key = policy.series_key(type_key, direction=direction, secret=secret and direction is Direction.OUT)
    year = on.year
    taken = uow.series.take(office.id, year, key, on)
    if taken is None:
        raise SeriesMissing(office.id, year, key)
    if isinstance(taken, SeriesState):
        raise out_of_order(uow, office, direction, key, taken, on)
    number = taken
    if direction is Direction.IN:
        return Arrival(number, year, on)
    notation = make_notation(type_key, office.code, unit_code)
    if secret:
        # Secret documents run their own series; the "M" group keeps their codes apart.
        notation = f"{notation}-{SECRET_MARK}"
    return Numbered(number, year, key, notation, format_code(number, notation), on)


def out_of_order(
    uow: UnitOfWork, office: Organization, direction: Direction, key: str, last: SeriesState, on: date
) -> DateOrderError:
    """The refusal of a number dated before the last one of its series, naming the entry in the way.

    Nghị định 30 gives numbers in the order and dates of issuing, and số đến in the order of
    arrival, one series a year: a later entry already holds a number, so an earlier date can take
    neither a smaller number (given) nor a larger one (out of order).
    """
    year = last.year
    holder = uow.documents.numbered(office.id, direction, year, key, last.last_number)
    holding = ""
    if holder is not None:
        holding = f" cho {holder.code}" + (f" của {holder.issuer_name}" if direction is Direction.IN else "")
    if direction is Direction.IN:
        return DateOrderError(
            f"Không thể cấp số đến {last.last_number + 1} ngày {short(on)}: sổ văn bản đến năm {year} "
            f"đã cấp số {last.last_number} ngày {short(last.last_date)}{holding}, "
            "mà số đến phải theo thứ tự ngày đến.",
            hint=f"Nhập một chồng văn bản theo thứ tự ngày đến, văn bản đến sớm nhất trước. Văn bản "
            f"này chỉ có thể vào sổ với ngày đến từ {short(last.last_date)} trở đi "
            f"(--arrived {short(last.last_date)} nếu văn thư nhận nó ngày đó).",
        )
    hint = f"Số phải theo thứ tự ngày ban hành. Dùng ngày từ {short(last.last_date)} trở đi."
    if last.last_date is not None and last.last_date > today():
        # Written before future dates were refused: the way out is the decree's, not a later date.
        held = holder.code if holder is not None else f"số {last.last_number}"
        hint = (
            f"Số mới không được mang ngày trước {short(last.last_date)}, mà ngày ban hành không được "
            f"sau hôm nay: sổ này chỉ cấp số tiếp được từ ngày {short(last.last_date)}. Nếu ngày "
            f"của {held} ghi nhầm, bản ghi đã vào sổ không sửa được; xử lý theo Nghị định "
            f'30/2020/NĐ-CP, Điều 18: đính chính (vanban correct {held} --reason "…" --unit …), '
            "thu hồi (vanban recall) hoặc thay thế (vanban replace)."
        )
    return DateOrderError(
        f"Không thể cấp số {last.last_number + 1} ngày {short(on)}: sổ {series_label(key)} năm {year} "
        f"đã cấp số {last.last_number} ngày {short(last.last_date)}{holding}.",
        hint=hint,
    )


def first_move(
    uow: UnitOfWork,
    user: User,
    office: Organization,
    workflow: Workflow,
    trigger: str,
    type_key: str,
    secret: bool,
    unit_code: str | None,
    on: date,
) -> tuple[str, Allocation | None]:
    """Where a new document goes by ``trigger`` from its initial state, and the number it takes.

    Lets a new document be inserted once, already registered, rather than inserted then updated.
    """
    dest = workflow.fire(workflow.initial, trigger, user.roles)
    if workflow.numbering_state() != dest:
        return dest, None
    direction = _DIRECTIONS[workflow.direction]
    return dest, allocate(uow, office, direction, type_key, secret=secret, unit_code=unit_code, on=on)
