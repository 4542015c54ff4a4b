"""Every output escapes what a register written before the input boundary may hold: a subject,
a name or a note with an ESC sequence, a C1 control, a bidi override or rich markup prints as
itself (codes shown), never acts on the clerk's screen, and never stops a book being written.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import insert, update

from vanban import Office
from vanban.store.tables import documents, events, organizations, outcomes, users

if TYPE_CHECKING:
    from conftest import Cli

HOSTILE = "Họp \x1b[2J\x1b]0;owned\x07 \x9b31m \u202eđảo\u202c [/bold][red]đỏ"
# What a terminal would obey: ESC, BEL, C1 controls, bidi embeddings, overrides and isolates.
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SEP_29 = date(2025, 9, 29)


@pytest.fixture
def spoiled(office: Office) -> tuple[Office, int]:
    """A register whose rows hold control characters, as one written before the boundary could."""
    draft = office.draft("KH", subject="Kế hoạch", recipients=["UBND"])
    with office.engine.begin() as conn:
        # While a draft: once issued, the database refuses to change its record (migration 0005).
        conn.execute(update(documents).values(subject=HOSTILE, signer_name=HOSTILE))
    plan = office.issue(draft.id, on=SEP_29, signer="chutich")
    office.add_outcome(plan.id, text="Tổ chức", quantity=5, unit="lượt")
    office.assign(plan.id, lead="VHXH", note="Giao")
    with office.engine.begin() as conn:
        conn.execute(
            insert(events)
            .values(
                office_id=1,
                document_id=plan.id,
                actor=HOSTILE[:60],
                at=datetime(2025, 9, 30),
                trigger="x\x1b",
            )
            .values(note=HOSTILE, data={"code": HOSTILE})
        )
        conn.execute(update(outcomes).values(text=HOSTILE, unit=HOSTILE))
        conn.execute(update(organizations).where(organizations.c.code == "SKHCN").values(name=HOSTILE))
        conn.execute(update(users).where(users.c.login == "chutich").values(full_name=HOSTILE))
    return office, plan.id


COMMANDS = [
    ("show", "#1"),
    ("list",),
    ("history", "#1"),
    ("trace", "#1"),
    ("status", "--as-of", "30/9/2025"),
    ("org", "list"),
    ("user", "list"),
    ("outcome", "list", "#1"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_stored_controls_are_shown_as_codes_never_obeyed(
    cli: Cli, spoiled: tuple[Office, int], db_url: str, args: tuple[str, ...]
) -> None:
    ran = cli.ok(db_url, *args)
    assert not OBEYED.search(ran.out), ran.out
    assert "⟨U+001B⟩" in ran.out


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_json_output_is_the_same_data_with_nothing_a_terminal_obeys(
    cli: Cli, spoiled: tuple[Office, int], db_url: str, args: tuple[str, ...]
) -> None:
    ran = cli.ok(db_url, "--json", *args)
    assert not OBEYED.search(ran.out)
    assert HOSTILE in strings(ran.json)


def strings(data: object) -> set[str]:
    """Every string anywhere in a JSON document."""
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return set().union(*(strings(v) for v in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(strings(v) for v in data)) if data else set()
    return set()


@pytest.mark.parametrize("kind", ["out", "handling"])
@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_book_is_written_whatever_its_rows_hold(
    cli: Cli, spoiled: tuple[Office, int], db_url: str, tmp_path: Path, kind: str, suffix: str
) -> None:
    out = tmp_path / f"so{suffix}"
    cli.ok(db_url, "book", kind, "--year", "2025", "--out", str(out))
    assert out.stat().st_size > 0


def test_a_document_is_rendered_whatever_its_fields_hold(
    cli: Cli, spoiled: tuple[Office, int], db_url: str, tmp_path: Path
) -> None:
    from docx import Document as open_docx

    out = tmp_path / "kh.docx"
    cli.ok(db_url, "render", "#1", "--out", str(out))
    text = "\n".join(p.text for p in open_docx(str(out)).paragraphs)
    assert "⟨U+001B⟩" in text
    assert not OBEYED.search(text)


def test_an_error_quoting_what_was_typed_shows_its_controls_as_codes(
    cli: Cli, office: Office, db_url: str
) -> None:
    ran = cli.run(db_url, "do", "#1", "sign\x1b[2J")
    assert ran.code in (1, 2)
    assert not OBEYED.search(ran.err)
