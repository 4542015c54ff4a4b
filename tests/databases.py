"""Scratch databases for the tests: the engines under test and brand-new empty databases."""

from __future__ import annotations

import contextlib
import io
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from vanban import Office

ENGINES = [e.strip() for e in os.environ.get("VANBAN_TEST_ENGINES", "sqlite").split(",") if e.strip()]
SERVER_URLS = {
    "postgresql": os.environ.get("VANBAN_TEST_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/test"),
    "mariadb": os.environ.get("VANBAN_TEST_MARIADB", "mysql://root@127.0.0.1:3306/test"),
}


@contextlib.contextmanager
def empty_database(engine_name: str, directory: Path) -> Iterator[str]:
    """The URL (or SQLite path) of a brand-new, empty database, dropped on leaving."""
    from sqlalchemy import text

    from vanban.store.engine import make_engine, normalise_url

    if engine_name == "sqlite":
        yield str(directory / "empty.sqlite")
        return
    if engine_name not in SERVER_URLS:
        pytest.fail(f"unknown engine {engine_name!r} in VANBAN_TEST_ENGINES", pytrace=False)
    admin_url = normalise_url(SERVER_URLS[engine_name])
    database = f"vanban_test_new_{uuid.uuid4().hex[:10]}"
    try:
        admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {database}"))
    except Exception as exc:  # a named engine that is not there fails loudly
        pytest.fail(f"{engine_name} at {SERVER_URLS[engine_name]} is not reachable: {exc}", pytrace=False)
    try:
        yield admin_url.set(database=database).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            force = " WITH (FORCE)" if engine_name == "postgresql" else ""
            conn.execute(text(f"DROP DATABASE IF EXISTS {database}{force}"))
        admin.dispose()


def dump(office: Office) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Every table's rows, in key order: what "the register did not change" compares."""
    from sqlalchemy import select

    from vanban.store.tables import metadata

    with office.engine.connect() as conn:
        return [
            (table.name, [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key))])
            for table in metadata.sorted_tables
        ]


def run_cli(db: str, *args: str) -> tuple[int, str, str]:
    """``vanban --db DB ARGS…`` through the command line's own entry point (its exit code, its
    output and its errors), as a script would run it."""
    from vanban.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(["--db", db, *args])
        except SystemExit as exit_:
            return int(exit_.code or 0), out.getvalue(), err.getvalue()
    raise AssertionError("main returned without exiting")
