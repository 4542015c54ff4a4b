"""A plain ``pip install vanban`` has no web framework: ``vanban serve`` says which extra to install."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def without_fastapi(monkeypatch: pytest.MonkeyPatch) -> None:
    """The web framework as a machine without the [web] extra has it: not there."""
    for name in list(sys.modules):
        if name == "vanban.web" or name.startswith("vanban.web."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "fastapi", None)


@pytest.mark.usefixtures("without_fastapi")
@pytest.mark.parametrize("args", [("serve", "--port", "8999"), ("serve", "--get", "/api/v1/status")])
def test_serve_without_the_web_extra_names_the_extra_to_install(
    cli: Any, tmp_path: Path, args: tuple[str, ...]
) -> None:
    db = tmp_path / "vanban.sqlite"
    cli.ok(db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái")
    before = db.read_bytes()
    ran = cli.run(db, *args)
    assert ran.code == 2
    assert "thiếu gói fastapi" in ran.err
    assert "pip install 'vanban[web]'" in ran.err
    assert "Traceback" not in ran.out + ran.err
    assert "đang chạy" not in ran.err
    assert db.read_bytes() == before
