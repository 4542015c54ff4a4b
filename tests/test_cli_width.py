"""Every view reads whole at 80 columns, a terminal's default width: nothing is cut or clipped,
only wrapped (the same words as on a wide screen, no line longer than the screen)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import pytest

from vanban.office.demo import build_chain

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import Cli

# Borders, rules and the guides of trees: drawn differently at each width.
_DRAWING = re.compile(r"[\u2500-\u257f]")

VIEWS = [
    ["list"],
    ["show", "516/SKHCN-TTTT"],
    ["show", "90/KH-UBND"],
    ["history", "516/SKHCN-TTTT"],
    ["history", "90/KH-UBND"],
    ["trace", "516/SKHCN-TTTT"],
    ["trace", "90/KH-UBND"],
    ["status", "--as-of", "25/11/2025"],
    ["status", "--overdue", "--as-of", "25/11/2025"],
    ["series", "list"],
    ["org", "list"],
    ["unit", "list"],
    ["user", "list"],
    ["outcome", "list", "675/UBND-VHXH"],
    ["actions", "90/KH-UBND"],
    ["workflow", "list"],
    ["workflow", "show", "directive"],
    ["workflow", "show", "incoming"],
]


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """xã Phú Thái's 2025 chain with its directives still open (the report not yet written)."""
    path = tmp_path_factory.mktemp("width") / "chain.sqlite"
    build_chain(path).close()
    return path


def _words(text: str) -> Counter[str]:
    return Counter(_DRAWING.sub(" ", text).split())


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_the_view_reads_whole_at_80_columns(
    chain: Path, args: list[str], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    wide = cli.ok(chain, "--as", "chutich", *args).out
    monkeypatch.setenv("COLUMNS", "80")
    narrow = cli.ok(chain, "--as", "chutich", *args).out
    too_long = [line for line in narrow.splitlines() if len(line) > 80]
    assert not too_long, "\n".join(too_long)
    assert _words(narrow) == _words(wide), narrow


def test_the_wide_view_is_really_wider(chain: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    wide = cli.ok(chain, "status", "--as-of", "25/11/2025").out
    assert max(len(line) for line in wide.splitlines()) > 80
