"""Issue #11's probe suite: hundreds of wrong inputs through every command and the API.

Each runs on a fresh copy of a small register. Every class of fault is counted (the counts are
printed with ``pytest -s tests/probes``) and must be 0: no traceback, no refusal without a
Vietnamese message, nothing meaningless or look-alike accepted, no control character stored,
no file created or changed and the register the same by dump after every refusal. The
database-facing probes run on PostgreSQL and MariaDB too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from probe_runner import (
    Register,
    Report,
    budget,
    build_register,
    run_api_probe,
    run_cli_probe,
    server_dump,
    sqlite_registers,
    template_register,
)
from probe_table import API_PROBES, command_probes

PROBES = command_probes()


def test_there_are_at_least_three_hundred_probes() -> None:
    assert len(PROBES) + len(API_PROBES) >= 300
    assert len({p.name for p in PROBES}) == len(PROBES), "two probes share a name"


def test_every_command_line_probe_on_sqlite(tmp_path: Path) -> None:
    template = template_register(tmp_path)
    registers = sqlite_registers(template, tmp_path / "work")
    (tmp_path / "work").mkdir()
    report = Report()
    for probe in PROBES[: budget()]:
        register, files = next(registers)
        report.results.append(run_cli_probe(probe, register, files))
    print("\n" + report.table("command line, SQLite"))
    assert report.faults() == [], report.table("command line, SQLite")


def test_every_api_probe_on_sqlite(tmp_path: Path) -> None:
    template = template_register(tmp_path)
    (tmp_path / "work").mkdir()
    registers = sqlite_registers(template, tmp_path / "work")
    report = Report()
    for name, call in API_PROBES:
        register, _files = next(registers)
        report.results.append(run_api_probe(name, call, register))
    print("\n" + report.table("API, SQLite"))
    assert report.faults() == [], report.table("API, SQLite")


@pytest.mark.server
def test_the_database_facing_probes_on_the_servers(db_url: str, tmp_path: Path) -> None:
    from probe_runner import prepare_files

    files = tmp_path / "files"
    files.mkdir()
    prepare_files(files)
    register = Register(db_url, lambda: server_dump(db_url))
    report = Report()
    server_probes = [p for p in PROBES if p.server]
    assert len(server_probes) >= 20
    fresh = False
    # A refusal leaves the register as it was (checked by dump): it is built again only after a
    # probe that changed it.
    for probe in server_probes:
        if not fresh:
            _empty(db_url)
            build_register(db_url)
        report.results.append(run_cli_probe(probe, register, files))
        fresh = not report.results[-1].changed
    for name, call in API_PROBES[:: max(1, len(API_PROBES) // 30)]:
        if not fresh:
            _empty(db_url)
            build_register(db_url)
        report.results.append(run_api_probe(name, call, register))
        fresh = not report.results[-1].changed
    print("\n" + report.table(f"database-facing probes, {db_url.split(':', maxsplit=1)[0]}"))
    assert report.faults() == [], report.table("servers")


def _empty(url: str) -> None:
    """The server database with every table emptied, as the db_url fixture hands it over."""
    from sqlalchemy import text

    from vanban.store.engine import make_engine
    from vanban.store.tables import metadata

    # Named here, not imported from tests/conftest.py: features/ has a conftest module too.
    tables = [table.name for table in reversed(metadata.sorted_tables)]
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                conn.execute(text("SET FOREIGN_KEY_CHECKS=0"))
                for table in tables:
                    conn.execute(text(f"TRUNCATE TABLE {table}"))
                conn.execute(text("SET FOREIGN_KEY_CHECKS=1"))
    finally:
        engine.dispose()


# ---------------------------------------------------------------------------- the classifier itself


def test_the_classifier_counts_each_kind_of_fault(tmp_path: Path) -> None:
    from probe_runner import CLASSES, run_cli_probe, sqlite_registers, template_register
    from probe_table import ACCEPT, Probe

    template = template_register(tmp_path)
    (tmp_path / "work").mkdir()
    registers = sqlite_registers(template, tmp_path / "work")

    def classes_of(probe: Probe) -> list[str]:
        register, files = next(registers)
        return run_cli_probe(probe, register, files).classes

    valid = ("draft", "KH", "--subject", "Kế hoạch")
    new_code = ("receive", "14/KH-SKHCN", "--from", "SKHCN", "--date", "20/9/2025", "--subject", "x")
    assert classes_of(Probe("a valid draft", valid)) == ["meaningless accepted"]
    assert classes_of(Probe("a new code", new_code, lookalike=True)) == ["look-alikes accepted"]
    assert classes_of(Probe("unknown type", ("draft", "ZZ", "--subject", "x"), expect=ACCEPT)) == [
        "valid refused"
    ]
    assert set(CLASSES) >= {"tracebacks", "side effects", "control chars stored"}


def test_a_refusal_that_left_a_file_or_a_crash_is_counted() -> None:
    from types import SimpleNamespace

    from probe_runner import classify
    from probe_table import Probe

    probe = Probe("p", ("list",))
    refused = SimpleNamespace(exit_code=2, stdout="", stderr="Lỗi: …", exception=SystemExit(2))
    left_file = classify(probe, refused, ["a"], ["a"], {}, {"so.sqlite": (0, 1, "")}, True)
    assert left_file.classes == ["side effects"]
    assert classify(probe, refused, ["a"], ["a", "b"], {}, {}, True).classes == ["side effects"]
    assert classify(probe, refused, ["a"], ["a"], {}, {}, False).classes == ["side effects"]
    crashed = SimpleNamespace(exit_code=1, stdout="", stderr="", exception=KeyError("x"))
    assert classify(probe, crashed, [], [], {}, {}, True).classes == ["tracebacks"]
    silent = SimpleNamespace(exit_code=2, stdout="", stderr="Error", exception=SystemExit(2))
    assert classify(probe, silent, [], [], {}, {}, True).classes == ["no message"]


def test_control_characters_are_found_raw_and_json_escaped() -> None:
    from probe_runner import stored_unsafe

    assert stored_unsafe(["a"], ["a", "INSERT INTO documents VALUES('Họp \x1b[2J')"])
    assert stored_unsafe(["a"], ["a", 'INSERT INTO events VALUES(\'{"note": "\\u202e"}\')'])
    assert not stored_unsafe(["a"], ["a", "INSERT INTO documents VALUES('Kế hoạch\nmới\t')"])
    assert not stored_unsafe(["x\x1b"], ["x\x1b"])  # only what a probe added counts
