"""The transaction runner and the use cases as functions: a use case is plain values plus a
runner, on a SQLite file (no server needed); a small fake store stands in for a busy database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from vanban import Office
from vanban.errors import SchemaError, VanbanError
from vanban.office import documents, looking
from vanban.office.bootstrap import sql_store
from vanban.office.ports import Store, UnitOfWork
from vanban.office.runner import RETRIES, Runner, configured_workflows


class Busy(Exception):
    """What a database says when another writer holds it."""


class BusyStore:
    """A real store whose first ``busy`` units of work fail as a busy database would."""

    def __init__(self, store: Store, busy: int) -> None:
        self.store, self.busy, self.tried = store, busy, 0
        self.head = store.head

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        self.tried += 1
        if self.busy:
            self.busy -= 1
            raise Busy
        return self.store.unit_of_work(read_only=read_only)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def is_transient(self, exc: BaseException) -> bool:
        return isinstance(exc, Busy)

    def translate(self, exc: BaseException) -> VanbanError | None:
        return SchemaError("Cơ sở dữ liệu đang bận.") if isinstance(exc, Busy) else None


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "xa.sqlite"
    office = Office.init(
        path, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu"
    )
    office.close()
    yield path


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("vanban.office.runner.time.sleep", lambda seconds: None)


def test_a_use_case_is_a_function_of_plain_values_and_a_runner(register: Path) -> None:
    runner = Runner(sql_store(register), "vanthu", configured_workflows())
    plan = documents.register(
        runner, "KH", subject="Kế hoạch hưởng ứng", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
    )
    assert plan.code == "01/KH-UBND"
    assert looking.get(runner, "01/KH-UBND") == plan
    runner.store.close()


def test_a_busy_database_is_tried_again_until_the_work_is_done(register: Path) -> None:
    busy = BusyStore(sql_store(register), busy=3)
    runner = Runner(busy, "vanthu", configured_workflows())
    plan = documents.register(
        runner, "KH", subject="Kế hoạch", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
    )
    assert plan.number == 1
    # Three refused; then the work finds no KH series, the series is made, the work runs again.
    assert busy.tried == 6
    busy.store.close()


def test_a_database_busy_past_every_retry_is_reported_in_vanbans_words(register: Path) -> None:
    busy = BusyStore(sql_store(register), busy=RETRIES)
    runner = Runner(busy, "vanthu", configured_workflows())
    with pytest.raises(SchemaError, match="đang bận"):
        documents.register(runner, "KH", subject="Kế hoạch", on=date(2025, 9, 29), signer="Nguyễn Phúc Công")
    busy.busy = 0
    assert looking.documents(runner) == []  # nothing half-written
    busy.store.close()


def test_a_database_without_the_schema_is_refused_before_any_work(tmp_path: Path) -> None:
    runner = Runner(sql_store(tmp_path / "empty.sqlite", create=True), "vanthu", configured_workflows())
    with pytest.raises(SchemaError, match="chưa được khởi tạo"):
        looking.me(runner)
    runner.store.close()


def test_the_series_a_first_number_needs_is_made_once_for_every_type(register: Path) -> None:
    runner = Runner(sql_store(register), "vanthu", configured_workflows())
    for type_key in ("KH", "QĐ", "KH"):
        documents.register(
            runner, type_key, subject="Văn bản", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
        )
    assert [(s.key, s.last_number) for s in looking.series(runner, 2025)] == [("KH", 2), ("QĐ", 1)]
    runner.store.close()
