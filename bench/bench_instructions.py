"""Instructions per registration (callgrind), vanban beside plain SQL, with the parts taken out.

Wall-clock rates on a shared two-core machine move by 20 % between runs; instruction counts
do not (valgrind counts the same total for the same program, whatever else runs). This script
counts what one registration costs, on SQLite, as the difference between a run of ``--small``
and one of ``--large`` registrations (so the start-up, migrations and warm-up cancel out):

- ``baseline``: bench_register's plain SQL (the series UPDATE … RETURNING, the document and one
  event inserted, in one transaction);
- ``vanban``: ``Office.register`` as bench_register calls it (``--operation receive``:
  ``Office.receive``, against the baseline's receipt);
- ``vanban-unchained``: the same with the hash chain taken out (events written without seq
  and hash, the issue event without the sealed record): what the chain and seal of issue #10
  cost;
- each of them again ``--without-search-index`` (the search index's triggers dropped after
  the migrations): the register as it was before issue #12's index, which the plain-SQL
  baseline pays too since its triggers fire on any insert.

Instructions are user-space work only (no system calls, no waiting on the disk), so they miss
the WAL writes that wall-clock time counts; they show where vanban's own code went.

    .venv/bin/python bench/bench_instructions.py                        # about 8 minutes
    .venv/bin/python bench/bench_instructions.py --operation receive --json
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from _support import dump_json, log, machine, table, unchain

VARIANTS = ("baseline", "vanban", "vanban-unchained")
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _registrations(variant: str, count: int, without_index: bool, operation: str = "register") -> None:
    """One measured process: a fresh register on SQLite, ``count`` registrations of outgoing
    documents (``register``) or receipts of incoming ones (``receive``), after a warm-up."""
    if variant == "vanban-unchained":
        unchain()

    import bench_register
    from vanban import Office

    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "register.sqlite")
    office = Office.init(
        path, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu"
    )
    office.add_org(bench_register.SENDER, "Sở Khoa học và Công nghệ thành phố Hải Phòng")
    if without_index:
        conn = sqlite3.connect(path)
        names = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_index%'"
        ).fetchall()
        for (name,) in names:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.commit()
        conn.close()
    bench_register.vanban_register(office, 5, 900_000)  # the series rows the baseline updates
    bench_register.vanban_receive(office, 5, 900_000)
    if variant == "baseline":
        conn = sqlite3.connect(path)
        (office_id,) = conn.execute("SELECT id FROM organizations WHERE own").fetchone()
        (sender_id,) = conn.execute(
            "SELECT id FROM organizations WHERE code = ?", (bench_register.SENDER,)
        ).fetchone()
        conn.close()
        baseline = bench_register.SqliteBaseline(path, office_id, sender_id)
        run = baseline.register if operation == "register" else baseline.receive
        run(30, 1)
        run(count, 100)
        baseline.close()
    else:
        each = bench_register.vanban_register if operation == "register" else bench_register.vanban_receive
        each(office, 30, 1)
        each(office, count, 100)
    office.close()
    shutil.rmtree(folder, ignore_errors=True)


def _instructions(variant: str, count: int, without_index: bool, operation: str) -> int:
    """The instructions callgrind counts for one process of ``count`` registrations."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        os.path.abspath(__file__),
        "--child",
        variant,
        str(count),
        "--operation",
        operation,
    ]
    if without_index:
        command.append("--without-search-index")
    # One hash seed for every process: string hashes move dict and set layouts, and with them
    # the count by ±10,000 instructions a registration between identical runs.
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=environment)
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"callgrind gave no count for {variant}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=100, help="registrations of the short run (default 100)")
    parser.add_argument("--large", type=int, default=400, help="registrations of the long run (default 400)")
    parser.add_argument(
        "--operation",
        choices=("register", "receive"),
        default="register",
        help="what is counted: registering outgoing documents (default) or receiving incoming ones",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout, nothing else")
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "COUNT"), help=argparse.SUPPRESS)
    parser.add_argument("--without-search-index", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _registrations(args.child[0], int(args.child[1]), args.without_search_index, args.operation)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    results: dict[str, dict[str, int]] = {}
    for without_index in (False, True):
        setting = "without search index" if without_index else "with search index"
        results[setting] = {}
        for variant in VARIANTS:
            log(f"{setting}: {variant}")
            small = _instructions(variant, args.small, without_index, args.operation)
            large = _instructions(variant, args.large, without_index, args.operation)
            results[setting][variant] = (large - small) // (args.large - args.small)
    rows = []
    for setting, counts in results.items():
        base = counts["baseline"]
        for variant in VARIANTS:
            rows.append((setting, variant, f"{counts[variant]:,}", f"{base / counts[variant]:.3f}"))
    if args.json:
        found = {"benchmark": "instructions", "operation": args.operation, "per_registration": results}
        dump_json({**found, "machine": machine()})
        return
    print(table((args.operation, "what", "instructions / registration", "baseline / this"), rows))


if __name__ == "__main__":
    main()
