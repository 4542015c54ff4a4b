"""--json after the command means what it means before it (README: every command takes --json):
`vanban status --json` is `vanban --json status`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click
import pytest

from vanban.cli import cli as root

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import Cli


def _leaves(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if not isinstance(command, click.Group):
        return [path]
    return [leaf for name, sub in sorted(command.commands.items()) for leaf in _leaves(sub, (*path, name))]


COMMANDS = _leaves(root)
# What a command needs so that running it with nothing else does not start something lasting.
EXTRA = {("serve",): ("--get", "/api/v1/me")}


def test_the_tree_is_walked() -> None:
    assert {("status",), ("list",), ("token", "create"), ("serve",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_takes_json_after_it_and_answers_in_json(
    tmp_path: Path, cli: Cli, path: tuple[str, ...]
) -> None:
    # On a register that does not exist: each command either works (demo makes its own) or is
    # refused — by a rule, a missing argument or the missing register — and always in JSON.
    ran = cli.run(tmp_path / "khong-co.sqlite", *path, *EXTRA.get(path, ()), "--json")
    assert "Không có tùy chọn" not in ran.err, ran.err
    if ran.err:
        refusal = json.loads(ran.err)
        assert set(refusal) == {"error", "hint", "exit_code"} and refusal["exit_code"] == ran.code
    if ran.out:
        json.loads(ran.out)
    assert ran.code != 0 or ran.out


def test_json_after_the_command_prints_what_json_before_it_prints(tmp_path: Path, cli: Cli) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái")
    cli.ok(db, "draft", "KH", "--subject", "Kế hoạch A")
    for command in (("status",), ("list",), ("show", "1"), ("actions", "1"), ("series", "list")):
        after = cli.ok(db, *command, "--json")
        assert after.err == "" and after.json == cli.ok_json(db, *command), command


def test_an_option_refused_before_json_is_still_refused_in_json(tmp_path: Path, cli: Cli) -> None:
    ran = cli.run(tmp_path / "x.sqlite", "list", "--limit", "0", "--json")
    assert ran.code == 2 and ran.out == ""
    assert json.loads(ran.err)["error"].startswith("Giá trị không hợp lệ cho '--limit'")
