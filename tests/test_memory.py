"""A register in SQLite in memory: no file, no server, the use cases as on every other engine.

The use-case tests of the modules below run here a second time, on the ``memory_office``
fixture instead of ``office`` (a test that needs a database URL or the command line stays where
it is: a register in memory lives in one process, on one engine).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

import test_coupling
import test_links
import test_register
import test_status_queries
import test_trace_graph
from test_links import plans  # noqa: F401  (a fixture of test_links, asked for by its tests)
from vanban import Office
from vanban.errors import SchemaError
from vanban.store.engine import is_memory, make_engine, normalise_url
from vanban.store.migrate import HEAD, current_revision

USE_CASE_MODULES = (test_register, test_coupling, test_links, test_status_queries, test_trace_graph)
# What a test may ask for to run here: the register, its own module's fixtures, its parameters.
NEEDS_A_URL_OR_THE_CLI = {"db_url", "empty_db", "cli"}


def _use_case_tests() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for module in USE_CASE_MODULES:
        for name, value in vars(module).items():
            if not name.startswith("test_") or not inspect.isfunction(value):
                continue
            if NEEDS_A_URL_OR_THE_CLI & set(inspect.signature(value).parameters):
                continue
            assert name not in found, f"{name} is in two of the modules run in memory"
            found[name] = value
    return found


USE_CASE_TESTS = _use_case_tests()
globals().update(USE_CASE_TESTS)


def founded(db: str | Engine) -> Office:
    """A new register of UBND xã Phú Thái in ``db``, kept by its clerk ``vanthu``."""
    return Office.init(db, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu")


@pytest.fixture
def office(memory_office: Office) -> Office:
    """Here the register of every use-case test is the one in memory."""
    return memory_office


def test_a_fair_share_of_the_use_case_tests_runs_in_memory() -> None:
    # issue, receive, edit refusals (test_register), links, coupling, status and trace
    assert len(USE_CASE_TESTS) >= 80
    for module in USE_CASE_MODULES:
        assert any(test.__module__ == module.__name__ for test in USE_CASE_TESTS.values()), module


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", ":memory:"])
def test_a_register_in_memory_is_made_and_leaves_no_file_behind(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert is_memory(normalise_url(url))
    office = founded(url)
    try:
        assert office.store.kind == "sqlite"
        plan = office.register(
            "KH", subject="Kế hoạch chuyển đổi số", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
        )
        assert office.get(plan.id).code == plan.code
        assert current_revision(office.engine) == HEAD
        with office.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "memory"  # WAL needs a file
    finally:
        office.close()
    assert os.listdir(tmp_path) == []


def test_two_registers_in_memory_share_nothing() -> None:
    first, second = founded("sqlite://"), founded("sqlite://")
    try:
        first.register(
            "KH", subject="Kế hoạch của sổ thứ nhất", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
        )
        assert [d.subject for d in first.documents()] == ["Kế hoạch của sổ thứ nhất"]
        assert second.documents() == []
        issued = second.register(
            "KH", subject="Kế hoạch của sổ thứ hai", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
        )
        assert issued.number == 1  # the second register numbers from its own book
    finally:
        first.close()
        second.close()


def test_a_register_in_memory_is_gone_once_closed() -> None:
    office = founded("sqlite://")
    office.register("KH", subject="Kế hoạch", on=date(2025, 9, 29), signer="Nguyễn Phúc Công")
    office.close()
    with Office("sqlite://", user="vanthu") as again, pytest.raises(SchemaError):
        again.documents()


def test_an_engine_made_for_memory_is_accepted_as_a_host_engine_is() -> None:
    engine = make_engine("sqlite://")
    try:
        office = Office.init(
            engine, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu"
        )
        plan = office.register("KH", subject="Kế hoạch", on=date(2025, 9, 29), signer="Nguyễn Phúc Công")
        office.close()  # the engine is the caller's: it stays open, and the register with it
        again = Office(engine, user="vanthu")
        assert [d.id for d in again.documents()] == [plan.id]
        again.close()
    finally:
        engine.dispose()
