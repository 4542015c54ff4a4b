"""Shared plumbing of the benchmarks: scratch databases, medians, tables and JSON output.

Not a benchmark itself. The scripts next to it import it as ``_support`` (Python puts the
script's folder first on ``sys.path``).
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ENGINES = ("sqlite", "postgresql", "mariadb")
SERVER_URLS = {
    "postgresql": os.environ.get("VANBAN_BENCH_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/test"),
    "mariadb": os.environ.get("VANBAN_BENCH_MARIADB", "mysql://root@127.0.0.1:3306/test"),
}
# Every benchmark works "today" on the same day, so its figures do not drift with the calendar.
TODAY = date(2026, 11, 24)


def log(message: str) -> None:
    """Progress goes to stderr, so --json keeps stdout to one document."""
    print(message, file=sys.stderr, flush=True)


def parse_engines(text: str) -> list[str]:
    """``sqlite``, ``postgresql,mariadb`` or ``all`` (every engine; servers only when reachable)."""
    if text.strip() == "all":
        return list(ENGINES)
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [n for n in names if n not in ENGINES]
    if unknown or not names:
        raise SystemExit(f"unknown engine(s) {unknown or text!r}; choose from {', '.join(ENGINES)} or all")
    return names


def server_reachable(engine_name: str) -> str | None:
    """None when the server answers, else why not."""
    if engine_name == "sqlite":
        return None
    from sqlalchemy import text

    from vanban.store.engine import make_engine

    try:
        engine = make_engine(SERVER_URLS[engine_name])
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        return str(exc).strip().splitlines()[0]
    return None


def engines_to_run(text: str) -> tuple[list[str], dict[str, str]]:
    """The engines of ``--engine`` that answer, and why the others were skipped.

    With ``all`` a server that does not answer is skipped (and said on stderr); a server named
    explicitly that does not answer ends the run.
    """
    run: list[str] = []
    skipped: dict[str, str] = {}
    for name in parse_engines(text):
        why = server_reachable(name)
        if why is None:
            run.append(name)
        elif text.strip() == "all":
            skipped[name] = why
            log(f"[{name}] skipped: not reachable at {SERVER_URLS[name]}: {why}")
        else:
            raise SystemExit(f"{name} is not reachable at {SERVER_URLS[name]}: {why}")
    return run, skipped


@dataclass(frozen=True, slots=True)
class Scratch:
    """A database made for one benchmark run: its URL (or SQLite path) and engine name."""

    engine_name: str
    url: str
    name: str


@contextmanager
def scratch_database(engine_name: str, *, keep: bool = False, reuse: str | None = None) -> Iterator[Scratch]:
    """An empty database: a SQLite file in a temporary folder, or ``vanban_bench_<random>`` on a
    server (CREATE DATABASE now, DROP at the end, even when the benchmark fails).

    ``reuse``: the database a run with ``keep`` left (its name, or the SQLite file's path),
    neither made nor dropped."""
    if reuse is not None:
        if engine_name == "sqlite":
            yield Scratch("sqlite", reuse, reuse)
            return
        from vanban.store.engine import normalise_url

        url = normalise_url(SERVER_URLS[engine_name]).set(database=reuse)
        yield Scratch(engine_name, url.render_as_string(hide_password=False), reuse)
        return
    if engine_name == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="vanban_bench_"))
        path = folder / "bench.sqlite"
        try:
            yield Scratch("sqlite", str(path), str(path))
        finally:
            if keep:
                print(f"kept {path}", file=sys.stderr)
            else:
                shutil.rmtree(folder, ignore_errors=True)
        return

    from sqlalchemy import text

    from vanban.store.engine import make_engine, normalise_url

    admin_url = normalise_url(SERVER_URLS[engine_name])
    name = f"vanban_bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(admin_url.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield Scratch(engine_name, admin_url.set(database=name).render_as_string(hide_password=False), name)
    finally:
        if keep:
            print(f"kept database {name}", file=sys.stderr)
        else:
            with admin.connect() as conn:
                if engine_name == "postgresql":
                    conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                else:
                    conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def time_calls(fn: Callable[[], Any], *, repeat: int, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of ``fn`` after ``warmup`` untimed ones."""
    from time import perf_counter

    for _ in range(warmup):
        fn()
    times: list[float] = []
    for _ in range(repeat):
        start = perf_counter()
        fn()
        times.append(perf_counter() - start)
    return times


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain text table, numbers right-aligned."""

    def cell(value: Any) -> str:
        if isinstance(value, float):
            if math.isnan(value):
                return "–"
            return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
        return str(value)

    text_rows = [[cell(v) for v in row] for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in text_rows)) if text_rows else len(h) for i, h in enumerate(headers)
    ]
    numeric = [
        all(isinstance(row[i], int | float) for row in rows) if rows else False for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if numeric[i] else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        )

    out = [line(list(headers)), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in text_rows)
    return "\n".join(out)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import sqlalchemy

    info: dict[str, Any] = {
        "python": platform.python_version(),
        "sqlalchemy": sqlalchemy.__version__,
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    import sqlite3

    info["sqlite"] = sqlite3.sqlite_version
    return info


def dump_json(document: dict[str, Any]) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def unchain() -> None:
    """Take the hash chain out of vanban in this process, to measure what it costs (issue #10):
    events are written without seq and hash (the chain head's trigger skips such rows) and the
    event that records a document without its sealed record. Only ever in a benchmark's process."""
    from vanban.office import steps
    from vanban.store import events

    def unsealed(previous: str, seq: int, rows: Any, **_: Any) -> tuple[int, str]:
        for row in rows:
            row["seq"] = row["hash"] = None
        return seq, previous

    events.seal = unsealed  # type: ignore[assignment]
    steps.record_of = lambda fields: None  # type: ignore[assignment,return-value]
