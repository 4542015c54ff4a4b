"""Faults: a clerk's process killed (SIGKILL) at random moments while it registers leaves a sound
register — integrity check passing, numbers 1…N with no gap, every recorded document with its
events, the hash chain intact — and the next registration just works."""

from __future__ import annotations

import os
import random
import signal
import time
import traceback
from datetime import date

import pytest
from sqlalchemy import text

from vanban import Office
from vanban.domain.model import Direction

KILLS = 24
ON = date(2025, 9, 29)


def _register_until_killed(db_url: str, seed: int, started: int) -> None:
    """The child: registers outgoing plans and incoming letters as fast as it can, for ever,
    saying so on ``started`` once the first is in."""
    office = Office(db_url, user="vanthu")
    for i in range(1_000_000):
        if i == 1:
            os.write(started, b"1")
        if i % 2:
            office.register(
                "KH", subject=f"Kế hoạch {seed}-{i}", on=ON, recipients=["Các thôn"], signer="chutich"
            )
        else:
            office.receive(
                f"{seed * 40_000 + i}/TB-SKHCN", sender="SKHCN", on=ON, subject="Thông báo", arrived=ON
            )


def _integrity_check(office: Office) -> list[str]:
    """What the engine's own check finds wrong (nothing, when the register is sound)."""
    dialect = office.engine.dialect.name
    with office.engine.begin() as conn:
        if dialect == "sqlite":
            return [r for r in conn.execute(text("PRAGMA integrity_check")).scalars() if r != "ok"]
        if dialect == "postgresql":
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
            # Every B-tree index of the register, its structure and its heap (raises when broken).
            checked = conn.execute(
                text(
                    "SELECT count(bt_index_check(c.oid, true)) FROM pg_index i "
                    "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
                    "WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace"
                )
            ).scalar_one()
            return [] if checked > 0 else ["no index checked"]
        rows = conn.execute(text("CHECK TABLE documents, events, series, chain_heads EXTENDED")).all()
        return [f"{r[0]}: {r[3]}" for r in rows if r[2] == "status" and r[3] != "OK"]


@pytest.mark.slow
def test_a_clerk_killed_at_random_moments_leaves_a_sound_register(office: Office, db_url: str) -> None:
    chance = random.Random(20251004)
    office.close()
    killed_busy = 0
    for seed in range(1, KILLS + 1):
        started, says = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child never returns, it is killed
            try:
                _register_until_killed(db_url, seed, says)
            except BaseException:
                traceback.print_exc()  # shown with the failure: the child died of its own
            finally:
                os._exit(3)
        os.close(says)
        os.read(started, 1)  # (empty if the child died of its own: counted below)
        os.close(started)
        # Anywhere in the next registrations: reading the user, numbering, writing, committing.
        time.sleep(chance.uniform(0.0, 0.1))
        os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        killed_busy += os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert killed_busy == KILLS

    after = Office(db_url, user="vanthu")
    try:
        assert _integrity_check(after) == []
        plans = after.documents(type_key="KH", direction=Direction.OUT)
        letters = after.documents(type_key="TB", direction=Direction.IN)
        assert len(letters) >= KILLS  # each child had registered before it was killed
        assert sorted(d.number or 0 for d in plans) == list(range(1, len(plans) + 1))
        assert sorted(d.arrival_number or 0 for d in letters) == list(range(1, len(letters) + 1))
        for doc in plans[:: max(1, len(plans) // 20)] + letters[:: max(1, len(letters) // 20)]:
            triggers = [e.trigger for e in after.history(doc.id)]
            assert triggers == (
                ["create", "issue"] if doc.direction is Direction.OUT else ["receive", "register"]
            )
        report = after.verify()
        assert report.recorded == len(plans) + len(letters)
        with after.engine.connect() as conn:
            events = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
            of_documents = conn.execute(
                text("SELECT count(*) FROM events WHERE document_id IS NOT NULL")
            ).scalar_one()
        # No event lost, none half-written: two for each document, and each of them in the chain.
        assert of_documents == 2 * (len(plans) + len(letters))
        assert report.events == events
        nxt = after.register("KH", subject="Sau sự cố", on=ON, signer="chutich")
        assert nxt.number == len(plans) + 1
        assert after.verify().recorded == report.recorded + 1
    finally:
        after.close()
