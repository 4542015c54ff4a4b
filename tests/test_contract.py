"""One meaning for --db everywhere, and errors a program can read when it asked for --json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Cli


def test_demo_writes_into_the_database_named_by_the_global_db(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "mau.sqlite"
    data = cli.ok_json(target, "demo")
    assert data["db"] == str(target)
    assert target.stat().st_size > 0
    assert cli.ok_json(target, "status")["summary"]


def test_demo_refuses_two_different_databases_and_writes_neither(cli: Cli, tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    ran = cli.run(first, "demo", "--db", str(second))
    assert ran.code == 2
    assert "Hai cơ sở dữ liệu khác nhau" in ran.err
    assert not first.exists() and not second.exists()


def test_demo_with_the_same_database_twice_is_one_database(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "mau.sqlite"
    assert cli.ok_json(target, "demo", "--db", str(target))["db"] == str(target)


def test_demo_without_any_db_still_uses_a_fresh_temporary_file(cli: Cli) -> None:
    data = cli.ok_json(None, "demo")
    assert "vanban-demo-" in data["db"]


def test_with_json_a_refusal_is_one_json_object_on_stderr(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(
        db,
        "init",
        "--org",
        "UBND",
        "--name",
        "Ủy ban nhân dân xã Phú Thái",
        "--place",
        "Phú Thái",
        "--login",
        "vanthu",
        "--full-name",
        "Trần Thị Văn Thư",
    )
    ran = cli.run(db, "--json", "show", "999/KH-UBND")
    assert ran.code == 2
    assert ran.out == ""
    error = json.loads(ran.err)
    assert set(error) == {"error", "hint", "exit_code"}
    assert error["exit_code"] == 2
    assert "999/KH-UBND" in error["error"]


def test_with_json_a_usage_error_is_one_json_object_too(cli: Cli, tmp_path: Path) -> None:
    ran = cli.run(tmp_path / "x.sqlite", "--json", "show")
    assert ran.code == 2
    error = json.loads(ran.err)
    assert error["exit_code"] == 2 and error["error"]


def test_without_json_an_error_stays_two_readable_lines(cli: Cli, tmp_path: Path) -> None:
    ran = cli.run(tmp_path / "x.sqlite", "show")
    assert ran.code == 2
    assert not ran.err.lstrip().startswith("{")
