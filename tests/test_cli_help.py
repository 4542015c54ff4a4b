"""Every command of the tree answers --help in Vietnamese (the groups are split over modules,
so a command left out of the registration or a broken import shows up here)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import click
import pytest

from vanban.cli import cli as root

if TYPE_CHECKING:
    from conftest import Cli


def _tree(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            found += _tree(sub, (*path, name))
    return found


COMMANDS = _tree(root)
# What click writes on a help page when nobody translated it.
ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message",
    "[required]",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "TEXT",
    "INTEGER",
    " REF",
    "TRIGGER",
    "stdout",
    "{out|in",
)


# The groups of the command line (one module each in vanban/cli) and their commands.
GROUPS = {
    "setup": ["init", "upgrade", "demo", "org", "unit", "series", "workflow"],
    "documents": ["draft", "edit", "issue", "receive", "show", "list", "search", "history"],
    "links": ["link", "assign", "outcome", "trace", "status"],
    "lifecycle": ["do", "actions"],
    "papers": ["render", "refs", "book", "import", "import-book", "report-draft"],
    "trust": ["verify", "backup", "recall", "replace", "correct"],
    "access": ["user", "token", "serve"],
    "files": ["attach", "attachments", "attachment"],
}


def test_the_tree_holds_every_command_of_every_group_once() -> None:
    for group, names in GROUPS.items():
        module = importlib.import_module(f"vanban.cli.{group}")
        assert [command.name for command in module.COMMANDS] == names
    assert sorted(root.commands) == sorted(name for names in GROUPS.values() for name in names)
    assert ("outcome", "add") in COMMANDS and ("series", "policy") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) or "vanban" for p in COMMANDS])
def test_every_command_answers_help_in_vietnamese(cli: Cli, path: tuple[str, ...]) -> None:
    shown = cli.ok(None, *path, "--help")
    assert shown.err == ""
    assert shown.out.startswith(f"Cách dùng: vanban {' '.join(path)}".rstrip())
    assert "Tùy chọn:" in shown.out
    for english in ENGLISH:
        assert english not in shown.out, english
    command = root
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert command.help, f"«vanban {' '.join(path)}» không có lời giải thích"
    first_paragraph = command.help.split("\n\n")[0]
    assert " ".join(first_paragraph.split()) in " ".join(shown.out.split())


def test_a_required_option_is_marked_in_vietnamese(cli: Cli) -> None:
    shown = cli.ok(None, "init", "--help").out
    assert "[bắt buộc]" in shown
    assert "--org MÃ" in shown
