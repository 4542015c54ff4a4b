"""The series' repository: the number counters of an office's document series, taken atomically."""

from __future__ import annotations

import builtins
from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, or_, select, update

from vanban.domain.model import SeriesState
from vanban.store.prepared import Prepared, Read
from vanban.store.repository import Repository
from vanban.store.tables import series

_SERIES_KEY = and_(
    series.c.office_id == bindparam("o"), series.c.year == bindparam("y"), series.c.key == bindparam("k")
)
_LOCK_SERIES = Read(select(series.c.last_number, series.c.last_date).where(_SERIES_KEY).with_for_update())
_ADVANCE = Prepared(
    update(series).where(_SERIES_KEY).values(last_number=bindparam("n"), last_date=bindparam("on"))
)
_INSERT_SERIES = Prepared(
    insert(series).values(
        office_id=bindparam("office_id"),
        year=bindparam("year"),
        key=bindparam("key"),
        last_number=bindparam("last_number"),
        last_date=bindparam("last_date", type_=series.c.last_date.type),
    )
)
_TAKE = update(series).where(
    _SERIES_KEY, or_(series.c.last_date.is_(None), series.c.last_date <= bindparam("on"))
)
_TAKE_RETURNING = Prepared(
    _TAKE.values(last_number=series.c.last_number + 1, last_date=bindparam("on")).returning(
        series.c.last_number
    )
)
# MySQL and MariaDB have no UPDATE … RETURNING: LAST_INSERT_ID(expr) hands the new number back in
# the statement's own reply (the driver's lastrowid), so taking it is still one round trip.
_TAKE_LAST_INSERT_ID = Prepared(
    _TAKE.values(last_number=func.last_insert_id(series.c.last_number + 1), last_date=bindparam("on"))
)


class SeriesRepository(Repository):
    __slots__ = ()

    def lock(self, office_id: int, year: int, key: str) -> SeriesState | None:
        """The counter row, locked until the end of the transaction (FOR UPDATE)."""
        rows = _LOCK_SERIES.rows(self.driver, {"o": office_id, "y": year, "k": key})
        return SeriesState(office_id, year, key, *rows[0]) if rows else None

    def take(self, office_id: int, year: int, key: str, on: date) -> int | SeriesState | None:
        """Take the next number of a series dated ``on``, atomically.

        Returns the number; or, taking nothing, the series state when ``on`` is earlier than
        the last date issued in it; or None when the series has no row yet.
        """
        values = {"o": office_id, "y": year, "k": key, "on": on}
        if self.driver.dialect.update_returning:
            # One statement: the row lock, the date-order rule and the increment together.
            row = _TAKE_RETURNING.first(self.driver, values)
            if row is not None:
                return int(row[0])
        elif self.driver.dialect.name in ("mysql", "mariadb"):
            taken, new_number = _TAKE_LAST_INSERT_ID.execute(self.driver, values)
            if taken:
                return new_number
        # Taken nothing in one statement (or no such statement here). Under READ COMMITTED
        # another clerk may have created the row since, so the locked read decides, not the miss.
        state = self.lock(office_id, year, key)
        if state is None or (state.last_date is not None and on < state.last_date):
            return state
        _ADVANCE.execute(
            self.driver, {"o": office_id, "y": year, "k": key, "n": state.last_number + 1, "on": on}
        )
        return state.last_number + 1

    def create(self, office_id: int, year: int, key: str, last_number: int = 0) -> None:
        values = {
            "office_id": office_id,
            "year": year,
            "key": key,
            "last_number": last_number,
            "last_date": None,
        }
        _INSERT_SERIES.execute(self.driver, values)

    def advance(self, office_id: int, year: int, key: str, number: int, on: date | None) -> None:
        values: dict[str, Any] = {"last_number": number}
        if on is not None:
            values["last_date"] = on
        self.conn.execute(
            update(series)
            .where(series.c.office_id == office_id, series.c.year == year, series.c.key == key)
            .values(**values)
        )

    def set_last(self, office_id: int, year: int, key: str, last_number: int) -> None:
        self.conn.execute(
            update(series)
            .where(series.c.office_id == office_id, series.c.year == year, series.c.key == key)
            .values(last_number=last_number)
        )

    def list(self, office_id: int, year: int | None = None) -> builtins.list[SeriesState]:
        query = select(series).where(series.c.office_id == office_id).order_by(series.c.year, series.c.key)
        if year is not None:
            query = query.where(series.c.year == year)
        return [
            SeriesState(r.office_id, r.year, r.key, r.last_number, r.last_date)
            for r in self.conn.execute(query)
        ]
