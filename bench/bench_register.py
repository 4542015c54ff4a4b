"""Registrations per second through vanban's API, beside plain SQL doing the same work.

Two operations, each measured both ways on the same database in the same run:

- register: ``Office.register(...)`` — one outgoing document drafted and issued (numbered),
  in one transaction since commit 80ed10f (two before: draft, then issue).
- receive: ``Office.receive(...)`` — one incoming document registered with its số đến, in
  one transaction.

The baseline is the least a correct program must do, in one transaction per document, with
the same driver and the same connection settings vanban uses:

- SQLite (sqlite3): WAL, synchronous=NORMAL, foreign_keys=ON, ``BEGIN IMMEDIATE``;
  ``UPDATE series SET last_number = last_number + 1 … RETURNING last_number``,
  ``INSERT INTO documents …``, ``INSERT INTO events …``, ``COMMIT``.
- PostgreSQL (psycopg): the same, ``UPDATE … RETURNING`` takes the row lock.
- MariaDB (PyMySQL, READ COMMITTED like vanban): ``SELECT … FOR UPDATE`` then ``UPDATE``
  (MariaDB has no ``UPDATE … RETURNING``), then the two inserts.

The baseline writes one event per document because design.md requires the registering
transaction to write one; vanban writes two (create + issue, receive + register). vanban also
finds the sender among the organizations the register knows (``--orgs``, 300 by default, as
a commune that corresponds with the city's departments, wards and neighbours): the baseline
is handed its id.

Runs alternate (baseline, vanban, baseline, vanban, …) and the figures are medians over the
rounds, so a noisy neighbour hurts both sides alike. Docs/s are single-process, one clerk.

    .venv/bin/python bench/bench_register.py --engine sqlite --n 2000
    .venv/bin/python bench/bench_register.py --engine all --n 1000 --json
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from time import perf_counter
from typing import Any

from _support import (
    TODAY,
    dump_json,
    engines_to_run,
    log,
    machine,
    median,
    scratch_database,
    table,
    unchain,
)

OFFICE_CODE = "UBND"
OFFICE_PLACE = "Phú Thái"
SENDER = "SKHCN"
REGISTER_TYPE = "KH"
RECEIVE_TYPE = "KH"
GOAL = 0.5  # vanban should reach half the baseline's throughput


# ---------------------------------------------------------------------------------- baseline


class Baseline:
    """Plain SQL over the DB-API driver vanban uses, one transaction per document."""

    placeholder = "%s"

    def __init__(self, office_id: int, sender_id: int) -> None:
        self.office_id = office_id
        self.sender_id = sender_id
        self.now = datetime(2026, 11, 24, 8, 0, 0)

    # Identifiers that are keywords somewhere; the subclasses quote them.
    def q(self, name: str) -> str:
        return f'"{name}"'

    def sql(self, text: str) -> str:
        return text.replace("%s", self.placeholder)

    def document_insert(self) -> str:
        return self.sql(
            "INSERT INTO documents (office_id, direction, type_key, issuer_id, unit_code, number, year,"
            " notation, code, series_key, date, place, subject, recipients, status, workflow,"
            " arrival_number, arrival_year, arrival_date, reference_only, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        )

    def event_insert(self) -> str:
        return self.sql(
            f"INSERT INTO events (office_id, document_id, actor, at, {self.q('trigger')}, from_state,"
            " to_state, note, data) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
        )

    def outgoing_row(self, number: int, subject: str) -> tuple[Any, ...]:
        notation = f"{REGISTER_TYPE}-{OFFICE_CODE}"
        return (
            self.office_id,
            "out",
            REGISTER_TYPE,
            self.office_id,
            None,
            number,
            TODAY.year,
            notation,
            f"{number:02d}/{notation}",
            REGISTER_TYPE,
            self.date(TODAY),
            OFFICE_PLACE,
            subject,
            self.json([]),
            "issued",
            "directive",
            None,
            None,
            None,
            self.bool(False),
            self.stamp(self.now),
        )

    def incoming_row(self, arrival: int, code_number: int, subject: str) -> tuple[Any, ...]:
        notation = f"{RECEIVE_TYPE}-{SENDER}"
        return (
            self.office_id,
            "in",
            RECEIVE_TYPE,
            self.sender_id,
            None,
            code_number,
            TODAY.year,
            notation,
            f"{code_number:02d}/{notation}",
            None,
            self.date(TODAY),
            None,
            subject,
            self.json([]),
            "registered",
            "incoming",
            arrival,
            TODAY.year,
            self.date(TODAY),
            self.bool(False),
            self.stamp(self.now),
        )

    def event_row(self, doc_id: int, trigger: str, to_state: str) -> tuple[Any, ...]:
        return (
            self.office_id,
            doc_id,
            "vanthu",
            self.stamp(self.now),
            trigger,
            None,
            to_state,
            None,
            self.json({}),
        )

    # Value adapters: sqlite3 stores what SQLAlchemy would store there.
    def date(self, value: Any) -> Any:
        return value

    def stamp(self, value: Any) -> Any:
        return value

    def bool(self, value: bool) -> Any:
        return value

    def json(self, value: Any) -> Any:
        import json

        return json.dumps(value)

    def _one(self, key: str, row: Callable[[int], tuple[Any, ...]], event: tuple[str, str]) -> None:
        """One document in one transaction: take the next number of ``key``, insert, log."""
        raise NotImplementedError

    def register(self, count: int, start: int) -> float:
        begin = perf_counter()
        for i in range(start, start + count):
            self._one(REGISTER_TYPE, partial(self.outgoing_row, subject=f"Kế hoạch {i}"), ("issue", "issued"))
        return perf_counter() - begin

    def receive(self, count: int, code_start: int) -> float:
        begin = perf_counter()
        for c in range(code_start, code_start + count):
            row = partial(self.incoming_row, code_number=c, subject=f"Văn bản đến {c}")
            self._one("DEN", row, ("register", "registered"))
        return perf_counter() - begin

    def close(self) -> None:
        raise NotImplementedError


class SqliteBaseline(Baseline):
    placeholder = "?"

    def __init__(self, path: str, office_id: int, sender_id: int) -> None:
        import sqlite3

        super().__init__(office_id, sender_id)
        self.conn = sqlite3.connect(path, timeout=60, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=60000"):
            self.conn.execute(f"PRAGMA {pragma}")

    def date(self, value: Any) -> Any:
        return value.isoformat()

    def stamp(self, value: Any) -> Any:
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")

    def bool(self, value: bool) -> Any:
        return int(value)

    def _one(self, key: str, row: Callable[[int], tuple[Any, ...]], event: tuple[str, str]) -> None:
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        (number,) = cur.execute(
            "UPDATE series SET last_number = last_number + 1, last_date = ? WHERE office_id = ? AND year = ?"
            ' AND "key" = ? RETURNING last_number',
            (self.date(TODAY), self.office_id, TODAY.year, key),
        ).fetchone()
        cur.execute(self.document_insert(), row(number))
        doc_id = cur.lastrowid
        assert doc_id is not None
        cur.execute(self.event_insert(), self.event_row(doc_id, *event))
        cur.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


class PostgresBaseline(Baseline):
    def __init__(self, url: str, office_id: int, sender_id: int) -> None:
        import psycopg

        super().__init__(office_id, sender_id)
        self.conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))

    def json(self, value: Any) -> Any:
        from psycopg.types.json import Json

        return Json(value)

    def _one(self, key: str, row: Callable[[int], tuple[Any, ...]], event: tuple[str, str]) -> None:
        with self.conn.cursor() as cur:  # psycopg opens the transaction at the first statement
            cur.execute(
                "UPDATE series SET last_number = last_number + 1, last_date = %s WHERE office_id = %s"
                ' AND year = %s AND "key" = %s RETURNING last_number',
                (TODAY, self.office_id, TODAY.year, key),
            )
            (number,) = cur.fetchone() or (None,)
            cur.execute(self.document_insert() + " RETURNING id", row(number))
            (doc_id,) = cur.fetchone() or (None,)
            cur.execute(self.event_insert(), self.event_row(doc_id, *event))
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


class MariadbBaseline(Baseline):
    def __init__(self, url: str, office_id: int, sender_id: int) -> None:
        import pymysql
        from sqlalchemy.engine import make_url

        super().__init__(office_id, sender_id)
        parsed = make_url(url)
        self.conn = pymysql.connect(
            host=parsed.host or "127.0.0.1",
            port=parsed.port or 3306,
            user=parsed.username or "root",
            password=parsed.password or "",
            database=parsed.database,
            charset="utf8mb4",
            autocommit=False,
        )
        with self.conn.cursor() as cur:
            cur.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")  # as vanban's engine

    def q(self, name: str) -> str:
        return f"`{name}`"

    def _one(self, key: str, row: Callable[[int], tuple[Any, ...]], event: tuple[str, str]) -> None:
        with self.conn.cursor() as cur:
            where = "WHERE office_id = %s AND year = %s AND `key` = %s"
            args = (self.office_id, TODAY.year, key)
            cur.execute(f"SELECT last_number FROM series {where} FOR UPDATE", args)
            (last,) = cur.fetchone() or (0,)
            number = int(last) + 1
            cur.execute(f"UPDATE series SET last_number = %s, last_date = %s {where}", (number, TODAY, *args))
            cur.execute(self.document_insert(), row(number))
            doc_id = cur.lastrowid
            cur.execute(self.event_insert(), self.event_row(doc_id, *event))
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


# ---------------------------------------------------------------------------------- vanban


def vanban_register(office: Any, count: int, start: int) -> float:
    begin = perf_counter()
    for i in range(start, start + count):
        office.register(REGISTER_TYPE, subject=f"Kế hoạch {i}", on=TODAY, signer="Nguyễn Phúc Công")
    return perf_counter() - begin


def vanban_receive(office: Any, count: int, code_start: int) -> float:
    begin = perf_counter()
    for k in range(count):
        c = code_start + k
        office.receive(
            f"{c}/{RECEIVE_TYPE}-{SENDER}", sender=SENDER, on=TODAY, arrived=TODAY, subject=f"Văn bản đến {c}"
        )
    return perf_counter() - begin


# ---------------------------------------------------------------------------------- the run


@dataclass
class OpResult:
    operation: str
    per_round: int
    baseline_rates: list[float] = field(default_factory=list)
    vanban_rates: list[float] = field(default_factory=list)

    @property
    def baseline(self) -> float:
        return median(self.baseline_rates)

    @property
    def vanban(self) -> float:
        return median(self.vanban_rates)

    @property
    def ratio(self) -> float:
        return self.vanban / self.baseline

    @property
    def round_ratios(self) -> list[float]:
        return [v / b for v, b in zip(self.vanban_rates, self.baseline_rates, strict=True)]

    def as_json(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "docs_per_round": self.per_round,
            "rounds": len(self.vanban_rates),
            "baseline_docs_per_s": round(self.baseline, 1),
            "vanban_docs_per_s": round(self.vanban, 1),
            "ratio": round(self.ratio, 4),
            "median_round_ratio": round(median(self.round_ratios), 4),
            "goal": GOAL,
            "goal_met": self.ratio >= GOAL,
            "baseline_rounds": [round(r, 1) for r in self.baseline_rates],
            "vanban_rounds": [round(r, 1) for r in self.vanban_rates],
        }


def run_engine(
    engine_name: str, n: int, rounds: int, keep: bool, seed: int = 0, orgs: int = 0
) -> dict[str, Any]:
    from sqlalchemy import func, select

    from vanban import Office
    from vanban.store.tables import documents, organizations

    per_round = max(1, n // rounds)
    with scratch_database(engine_name, keep=keep) as scratch:
        log(f"[{engine_name}] database {scratch.name}")
        office = Office.init(
            scratch.url,
            org=OFFICE_CODE,
            name="Ủy ban nhân dân xã Phú Thái",
            place=OFFICE_PLACE,
            parent="UBND thành phố Hải Phòng",
            login="vanthu",
            full_name="Trần Thị Văn Thư",
        )
        try:
            office.add_unit("VHXH", "Văn hóa - Xã hội")
            for i in range(orgs):
                office.add_org(f"CQ{i}", f"Cơ quan thứ {i} của thành phố Hải Phòng")
            office.add_org(SENDER, "Sở Khoa học và Công nghệ thành phố Hải Phòng")
            with office.engine.connect() as conn:
                office_id = conn.execute(
                    select(organizations.c.id).where(organizations.c.own.is_(True))
                ).scalar_one()
                sender_id = conn.execute(
                    select(organizations.c.id).where(organizations.c.code == SENDER)
                ).scalar_one()
            baseline: Baseline
            if engine_name == "sqlite":
                baseline = SqliteBaseline(scratch.url, office_id, sender_id)
            elif engine_name == "postgresql":
                baseline = PostgresBaseline(scratch.url, office_id, sender_id)
            else:
                baseline = MariadbBaseline(scratch.url, office_id, sender_id)
            try:
                # Warm up both sides; vanban's first calls also create the two counter rows.
                warm = 20
                vanban_register(office, warm, 0)
                baseline.register(warm, warm)
                codes = 1
                vanban_receive(office, warm, codes)
                baseline.receive(warm, codes + warm)
                codes += 2 * warm
                done = 2 * warm
                if seed:
                    # A register in use: documents already there and the planner's statistics
                    # collected, as autovacuum (or SQLite's ANALYZE) keeps them in an office.
                    vanban_register(office, seed, done)
                    done += seed
                    vanban_receive(office, seed, codes)
                    codes += seed
                    with office.engine.connect() as conn:
                        if engine_name == "mariadb":
                            conn.exec_driver_sql(
                                "ANALYZE TABLE documents, series, events, users, organizations"
                            )
                        else:
                            conn.exec_driver_sql("ANALYZE")
                        conn.commit()
                results: list[OpResult] = []
                for operation in ("register", "receive"):
                    result = OpResult(operation, per_round)
                    for r in range(rounds):
                        if operation == "register":
                            b = baseline.register(per_round, done)
                            v = vanban_register(office, per_round, done + per_round)
                            done += 2 * per_round
                        else:
                            b = baseline.receive(per_round, codes)
                            v = vanban_receive(office, per_round, codes + per_round)
                            codes += 2 * per_round
                        result.baseline_rates.append(per_round / b)
                        result.vanban_rates.append(per_round / v)
                        log(
                            f"[{engine_name}] {operation} round {r + 1}/{rounds}:"
                            f" baseline {per_round / b:,.0f}/s,"
                            f" vanban {per_round / v:,.0f}/s"
                        )
                    results.append(result)
            finally:
                baseline.close()
            # Both sides drew from the same counters: the numbers must be gap-free and unique.
            with office.engine.connect() as conn:
                out = conn.execute(
                    select(func.count(), func.min(documents.c.number), func.max(documents.c.number)).where(
                        documents.c.direction == "out", documents.c.series_key == REGISTER_TYPE
                    )
                ).one()
                arrivals = conn.execute(
                    select(
                        func.count(),
                        func.min(documents.c.arrival_number),
                        func.max(documents.c.arrival_number),
                    ).where(documents.c.direction == "in", documents.c.arrival_number.is_not(None))
                ).one()
            gap_free = out[0] == out[2] - out[1] + 1 and arrivals[0] == arrivals[2] - arrivals[1] + 1
            if not gap_free:
                log(f"[{engine_name}] WARNING: numbers are not gap-free: {tuple(out)} {tuple(arrivals)}")
        finally:
            office.close()
    return {
        "engine": engine_name,
        "results": [r.as_json() for r in results],
        "documents": {"outgoing": out[0], "incoming": arrivals[0]},
        "organizations": orgs + 2,  # the office itself and the sender
        "gap_free": gap_free,
        "_results": results,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--engine", default="sqlite", help="sqlite, postgresql, mariadb, a comma list, or all"
    )
    parser.add_argument("--n", type=int, default=2000, help="documents per side and operation (default 2000)")
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating rounds the n are split into (default 5)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout, nothing else")
    parser.add_argument(
        "--keep", action="store_true", help="keep the scratch database (its name goes to stderr)"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 3 when the numbers given are not gap-free and unique"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1000,
        help="documents registered and received before measuring, then ANALYZE, as in an office's"
        " register in use (default 1000; 0 measures a register just created)",
    )
    parser.add_argument(
        "--orgs",
        type=int,
        default=300,
        help="other organizations the register knows besides the sender (default 300)",
    )
    parser.add_argument(
        "--unchained",
        action="store_true",
        help="vanban with the hash chain and sealed record taken out: run beside a run without it,"
        " the difference is what the chain costs (issue #10)",
    )
    args = parser.parse_args(argv)
    if args.n < 1 or args.rounds < 1:
        parser.error("--n and --rounds must be positive")
    if args.unchained:
        unchain()

    engines, skipped = engines_to_run(args.engine)
    runs: list[dict[str, Any]] = [
        run_engine(name, args.n, args.rounds, args.keep, args.seed, args.orgs) for name in engines
    ]

    if args.json:
        dump_json(
            {
                "benchmark": "register",
                "date": str(datetime.now().date()),
                "machine": machine(),
                "n": args.n,
                "rounds": args.rounds,
                "unchained": args.unchained,
                "runs": [{k: v for k, v in run.items() if not k.startswith("_")} for run in runs],
                "skipped": skipped,
            }
        )
        return exit_code(runs, args.check)
    rows = [
        [
            run["engine"],
            r.operation,
            r.baseline,
            r.vanban,
            1000 / r.baseline,
            1000 / r.vanban,
            f"{r.ratio:.1%}",
            "yes" if r.ratio >= GOAL else "no",
        ]
        for run in runs
        for r in run["_results"]
    ]
    print(
        f"Registrations per second, median of {args.rounds} alternating rounds of"
        f" {max(1, args.n // args.rounds)} documents per side (single process)."
    )
    print(
        table(
            [
                "engine",
                "operation",
                "baseline/s",
                "vanban/s",
                "baseline ms",
                "vanban ms",
                "vanban/baseline",
                "≥ 50%",
            ],
            rows,
        )
    )
    for run in runs:
        if not run["gap_free"]:
            print(f"WARNING: {run['engine']}: numbers not gap-free")
    for name, why in skipped.items():
        print(f"{name}: skipped ({why})")
    return exit_code(runs, args.check)


def exit_code(runs: list[dict[str, Any]], check: bool) -> int:
    """0, or 3 with --check when a run gave numbers twice or skipped some: the benchmark is wrong."""
    return 3 if check and not all(run["gap_free"] for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
