"""A consistent copy of a SQLite register taken while clerks keep writing (sqlite3's online
backup API: one step under one read transaction, so the copy is the register as of one moment;
in WAL mode the writers are not held up)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine


def copy_sqlite(engine: Engine, target: Path) -> None:
    """Copy the register into ``target`` (a new file) with the online backup API; OSError when
    the file cannot be written."""
    pooled = engine.raw_connection()
    try:
        try:
            destination = sqlite3.connect(target)
        except sqlite3.Error as exc:
            raise OSError(str(exc)) from exc
        try:
            # pages=-1: every page in one step, under one read transaction (a step-wise copy would
            # start over each time another connection writes).
            source = pooled.driver_connection
            assert isinstance(source, sqlite3.Connection)
            source.backup(destination, pages=-1)
            # The copy is a standalone file: no WAL beside it.
            destination.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as exc:
            raise OSError(str(exc)) from exc
        finally:
            destination.close()
    finally:
        pooled.close()
