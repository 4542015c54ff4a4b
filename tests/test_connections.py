"""A connection the server dropped (restart, idle timeout) costs a retry, not an error."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from vanban import Office


@pytest.mark.server
def test_a_register_survives_the_server_dropping_its_pooled_connection(office: Office) -> None:
    dialect = office.engine.dialect.name
    first = office.register("KH", subject="Trước khi mất kết nối", on=date(2025, 9, 29))
    with office.engine.connect() as conn:
        # The pool holds one idle connection now; find it from another session and kill it.
        own = conn.execute(
            text("SELECT pg_backend_pid()" if dialect == "postgresql" else "SELECT CONNECTION_ID()")
        ).scalar()
        others = (
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> :me"
            if dialect == "postgresql"
            else "SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> :me"
        )
        victims = [r[0] for r in conn.execute(text(others), {"me": own})]
        assert victims, "the pool should hold an idle connection"
        kill = "SELECT pg_terminate_backend(:pid)" if dialect == "postgresql" else "KILL :pid"
        for pid in victims:
            conn.execute(text(kill), {"pid": pid})
    second = office.register("KH", subject="Sau khi mất kết nối", on=date(2025, 9, 30))
    assert (first.number, second.number) == (1, 2)
