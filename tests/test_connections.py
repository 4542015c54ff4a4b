"""A connection the server dropped (restart, idle timeout) costs a retry, not an error."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text

from vanban import Office


@pytest.mark.server
def test_a_register_survives_the_server_dropping_its_pooled_connection(office: Office) -> None:
    postgresql = office.engine.dialect.name == "postgresql"
    first = office.register(
        "KH", subject="Trước khi mất kết nối", on=date(2025, 9, 29), signer="Nguyễn Phúc Công"
    )
    with office.engine.connect() as pooled:  # the one idle connection the pool holds
        pid = pooled.execute(
            text("SELECT pg_backend_pid()" if postgresql else "SELECT CONNECTION_ID()")
        ).scalar()
    killer = create_engine(office.engine.url, isolation_level="AUTOCOMMIT")
    with killer.connect() as conn:
        conn.execute(
            text("SELECT pg_terminate_backend(:pid)" if postgresql else f"KILL {int(pid or 0)}"), {"pid": pid}
        )
    killer.dispose()
    second = office.register(
        "KH", subject="Sau khi mất kết nối", on=date(2025, 9, 30), signer="Nguyễn Phúc Công"
    )
    assert (first.number, second.number) == (1, 2)
