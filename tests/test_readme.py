"""The README's Python example runs as written."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_python_api_example_of_the_readme_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match is not None, "the README lost its Python example"
    monkeypatch.chdir(tmp_path)
    exec(compile(match.group(1), "README.md", "exec"), {})
    assert (tmp_path / "xa.sqlite").exists()


def test_the_readme_opens_with_the_demo_and_the_test_command() -> None:
    head = README.read_text(encoding="utf-8").split("---", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", head, re.DOTALL)
    assert commands[0].endswith("vanban demo")
    assert commands[1].endswith("pytest")
    assert os.path.exists(README.parent / ".ci" / "run")


def test_the_readme_states_the_limits_the_boundary_applies() -> None:
    from vanban.domain import text as t
    from vanban.domain.codes import MAX_CODE_CHARS
    from vanban.domain.dates import FIRST_YEAR, LAST_YEAR

    section = README.read_text(encoding="utf-8").split("## What vanban accepts and what it refuses", 1)[1]
    section = section.split("\n## ", 1)[0]
    assert f"1/1/{FIRST_YEAR} – 31/12/{LAST_YEAR}" in section
    assert f"at most {MAX_CODE_CHARS} characters" in section
    assert f"1 – {t.MAX_NUMBER:,}" in section
    assert f"1 – {t.MAX_LIMIT:,}" in section
    from vanban.domain.search import MAX_QUERY_CHARS, MAX_TERM_CHARS, MAX_TERMS

    query = next(line for line in section.splitlines() if line.startswith("| a search's query"))
    assert f"{MAX_QUERY_CHARS} characters" in query
    assert f"at most {MAX_TERMS} words, each at most {MAX_TERM_CHARS} characters" in query
    for field in t.TEXT_FIELDS:
        assert f"{field.max_bytes or field.max_chars:,}" in section, field.what


def _shell_blocks(after: str) -> list[str]:
    """The ```sh blocks of the README's section headed ``after`` (up to the next heading)."""
    text = README.read_text(encoding="utf-8").split("---", 1)[1]
    section = re.split(r"\n#{2,3} ", text.split(f"\n{after}\n", 1)[1], maxsplit=1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.DOTALL)


def _commands(block: str) -> list[list[str]]:
    """The block's commands as argv lists: continued lines joined, comments and ``;`` honoured."""
    import shlex

    joined = block.replace("\\\n", " ")
    out: list[list[str]] = []
    for line in joined.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words: list[str] = []
        for token in lexer:
            if token == ";":
                out.append(words)
                words = []
            else:
                words.append(token)
        if words:
            out.append(words)
    return [argv for argv in out if argv]


def test_the_clerks_walkthrough_runs_as_written_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    """A new clerk types the README's first sections one after the other: every command succeeds
    and says what the README's arrows say it says."""
    blocks = [
        *_shell_blocks("## For the văn thư (clerk)"),
        *_shell_blocks("### A sender not yet in the list"),
        *_shell_blocks("### Entering a pile of late mail"),
    ]
    assert len(blocks) == 3, "a walkthrough section lost its commands"
    said = "\n".join(blocks)
    printed = []
    for block in blocks:
        for argv in _commands(block):
            if argv[0] == "export":
                name, _, value = argv[1].partition("=")
                monkeypatch.setenv(name, str(tmp_path / Path(value).name))
                continue
            assert argv[0] == "vanban", argv
            ran = cli.ok(None, *argv[1:])
            printed.append(ran.out)
    output = "\n".join(printed)
    for expected in re.findall(r"# → (.+)", said):
        # The arrows quote what is printed; "…" stands for what the README leaves out.
        for piece in (p.strip() for p in expected.split("…")):
            assert piece in output, f"the README says «{expected}», the commands printed:\n{output}"
    assert "Số đến 6" in output
