"""A register's page, as ``vanban list`` and the web desk's «Sổ văn bản đi/đến» read it, on a kept
register: ``Office.documents(direction=..., limit=51)`` for the common shapes of filter, beside
what its SQL alone costs and what a read-only unit of work with nothing in it costs.

- vanban: ``Office.documents(**shape, limit=51)`` for a random office (the transaction, the
  clerk looked up, the statement run, 51 documents built).
- sql: the same statement (``store.documents.listing``, compiled once before timing) run on the
  driver's cursor and fetched, in a transaction held open: the database's part alone.
- floor: ``runner.read`` with no work (a read-only transaction and the clerk looked up).
- cpu: this process's CPU time per call (``time.process_time``, the mean over the calls): on a
  server, the Python and the driver's part without the wait for the server, which the
  figures of a machine shared with other work blur less than wall-clock time.

The register is bench_search.py's (``--docs`` documents over ``--offices`` offices, every one
an outgoing plan of 2025, each office's clerk ``vanthu<N>``), loaded anew or one that a run with
``--keep`` left (``--reuse NAME``). Each shape is timed in turn, ``--calls`` calls after
``--warmup`` untimed ones; p50 and p95 in milliseconds. ``--profile`` prints cProfile's top
functions (cumulative) of ``--calls`` more calls of each shape instead of the figures.

    .venv/bin/python bench/bench_list.py --engine sqlite --docs 20000 --offices 2
    .venv/bin/python bench/bench_search.py --engine postgresql --docs 20000 --offices 2 --keep
    .venv/bin/python bench/bench_list.py --engine postgresql --reuse vanban_bench_…
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import statistics
from time import perf_counter, process_time
from typing import Any

from _support import dump_json, engines_to_run, log, machine, scratch_database, table

LIMIT = 51
SHAPES: dict[str, dict[str, Any]] = {
    "direction": {"direction": "out"},
    "direction+year": {"direction": "out", "year": 2025},
    "direction+type": {"direction": "out", "type_key": "KH"},
}


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _ms(values: list[float]) -> tuple[float, float]:
    return 1000 * statistics.median(values), 1000 * _percentile(values, 95)


def run(
    engine_name: str,
    docs: int,
    offices: int,
    *,
    keep: bool,
    reuse: str | None,
    calls: int,
    warmup: int,
    seed: int,
    profile: bool,
) -> dict[str, Any]:
    from vanban import Office
    from vanban.domain.model import Direction
    from vanban.office.queries import DocumentFilter
    from vanban.store.documents import listing
    from vanban.store.engine import make_engine

    rng = random.Random(seed)
    results: list[dict[str, Any]] = []
    with scratch_database(engine_name, keep=keep, reuse=reuse) as scratch:
        if reuse:
            engine = make_engine(scratch.url)
        else:
            from bench_search import _load

            engine = _load(scratch.url, engine_name, docs, offices, seed)
        with engine.connect() as conn:
            offices = int(conn.exec_driver_sql("SELECT max(office_id) FROM documents").scalar_one())
            # Each office's documents: a page holds LIMIT of them, or all.
            held = dict(
                conn.exec_driver_sql("SELECT office_id, count(*) FROM documents GROUP BY office_id").all()
            )
        clerks = {o: Office(engine, user=f"vanthu{o}") for o in range(1, offices + 1)}
        log(f"[{engine_name}] {offices} offices")
        picks = [rng.randint(1, offices) for _ in range(calls + warmup)]
        for name, shape in SHAPES.items():
            for office in picks[:warmup]:
                clerks[office].documents(**shape, limit=LIMIT)
            if profile:
                profiler = cProfile.Profile()
                profiler.enable()
                for office in picks[warmup:]:
                    clerks[office].documents(**shape, limit=LIMIT)
                profiler.disable()
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
                print(f"== {name}\n{out.getvalue()}")
                continue
            vanban: list[float] = []
            cpu = process_time()
            for office in picks[warmup:]:
                start = perf_counter()
                docs = clerks[office].documents(**shape, limit=LIMIT)
                vanban.append(perf_counter() - start)
                assert len(docs) == min(LIMIT, held.get(office, 0)), len(docs)
            vanban_cpu = (process_time() - cpu) / calls
            flt = {k: v for k, v in shape.items() if k != "direction"}
            statements = {}
            for o in range(1, offices + 1):
                compiled = listing(o, DocumentFilter(direction=Direction.OUT, limit=LIMIT, **flt)).compile(
                    dialect=engine.dialect
                )
                statements[o] = (compiled.string, compiled.construct_params())
            sql: list[float] = []
            raw = engine.raw_connection()
            try:
                cursor = raw.cursor()
                cpu = process_time()
                for office in picks:
                    text, params = statements[office]
                    start = perf_counter()
                    cursor.execute(text, params)
                    rows = cursor.fetchall()
                    sql.append(perf_counter() - start)
                    assert len(rows) == min(LIMIT, held.get(office, 0))
                sql_cpu = (process_time() - cpu) / len(picks)
                raw.rollback()
            finally:
                raw.close()
            floor: list[float] = []
            cpu = process_time()
            for office in picks:
                start = perf_counter()
                clerks[office].runner.read(lambda uow, user: None)
                floor.append(perf_counter() - start)
            floor_cpu = (process_time() - cpu) / len(picks)
            vanban_p50, vanban_p95 = _ms(vanban)
            sql_p50, sql_p95 = _ms(sql[warmup:])
            floor_p50, floor_p95 = _ms(floor[warmup:])
            results.append(
                {
                    "shape": name,
                    "calls": calls,
                    "vanban_p50_ms": vanban_p50,
                    "vanban_p95_ms": vanban_p95,
                    "vanban_cpu_ms": 1000 * vanban_cpu,
                    "sql_p50_ms": sql_p50,
                    "sql_p95_ms": sql_p95,
                    "sql_cpu_ms": 1000 * sql_cpu,
                    "floor_p50_ms": floor_p50,
                    "floor_p95_ms": floor_p95,
                    "floor_cpu_ms": 1000 * floor_cpu,
                }
            )
            log(f"[{engine_name}] {name}: {vanban_p50:.3f} / {vanban_p95:.3f} ms")
        engine.dispose()
    return {"engine": engine_name, "offices": offices, "limit": LIMIT, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--engine", default="sqlite", help="sqlite, postgresql, mariadb, a list, or all")
    parser.add_argument("--docs", type=int, default=20_000, help="documents in the register (20,000)")
    parser.add_argument("--offices", type=int, default=2, help="offices they are spread over (2)")
    parser.add_argument("--calls", type=int, default=300, help="timed calls of each shape (300)")
    parser.add_argument("--warmup", type=int, default=50, help="untimed calls before them (50)")
    parser.add_argument("--seed", type=int, default=20251129)
    parser.add_argument(
        "--keep", action="store_true", help="keep the loaded database (its name goes to stderr) for --reuse"
    )
    parser.add_argument(
        "--reuse",
        metavar="NAME",
        help="a register kept by --keep (here or by bench_search.py): a database name, a SQLite path",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile's top functions, no figures")
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout, nothing else")
    args = parser.parse_args()
    engines, skipped = engines_to_run(args.engine)
    runs = [
        run(
            e,
            args.docs,
            args.offices,
            keep=args.keep,
            reuse=args.reuse,
            calls=args.calls,
            warmup=args.warmup,
            seed=args.seed,
            profile=args.profile,
        )
        for e in engines
    ]
    if args.profile:
        return
    if args.json:
        dump_json({"machine": machine(), "runs": runs, "skipped": skipped})
        return
    keys = (
        "vanban_p50_ms",
        "vanban_p95_ms",
        "vanban_cpu_ms",
        "sql_p50_ms",
        "sql_p95_ms",
        "sql_cpu_ms",
        "floor_p50_ms",
        "floor_p95_ms",
        "floor_cpu_ms",
    )
    print(
        table(
            [
                "engine",
                "shape",
                "vanban p50",
                "p95",
                "cpu",
                "sql p50",
                "p95",
                "cpu",
                "floor p50",
                "p95",
                "cpu",
            ],
            [
                [run["engine"], r["shape"], *(f"{r[k]:.3f}" for k in keys)]
                for run in runs
                for r in run["results"]
            ],
        )
    )


if __name__ == "__main__":
    main()
