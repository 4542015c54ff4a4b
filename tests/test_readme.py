"""The README's Python example runs as written."""

from __future__ import annotations

import os
import re
from pathlib import Path

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
