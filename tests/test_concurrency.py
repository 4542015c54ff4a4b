"""Several clerks registering at once: the numbers come out exactly 1..N, never twice."""

from __future__ import annotations

import multiprocessing
from datetime import date
from typing import Any

import pytest

from vanban import Office
from vanban.store import series

PROCESSES = 4
PER_PROCESS = 15


def _register(db_url: str, worker: int, count: int) -> list[str]:
    office = Office(db_url, user="vanthu")
    codes = []
    for i in range(count):
        doc = office.register("KH", subject=f"Kế hoạch {worker}-{i}", on=date(2025, 10, 1), signer="chutich")
        arrival = office.receive(
            f"{worker * 1000 + i + 1}/SKHCN-TTTT",
            sender="SKHCN",
            on=date(2025, 10, 1),
            arrived=date(2025, 10, 1),
            subject=f"Công văn đến {worker}-{i}",
        )
        assert arrival.arrival_number is not None
        codes.append(doc.code or "")
    office.close()
    return codes


def test_four_processes_registering_at_once_get_exactly_one_to_n(office: Office, db_url: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(PROCESSES) as pool:
        results = pool.starmap(_register, [(db_url, w, PER_PROCESS) for w in range(PROCESSES)])
    total = PROCESSES * PER_PROCESS
    codes = [c for batch in results for c in batch]
    assert sorted(codes) == sorted(f"{n:02d}/KH-UBND" for n in range(1, total + 1))
    numbers = sorted(d.number or 0 for d in office.documents(type_key="KH"))
    assert numbers == list(range(1, total + 1))
    arrivals = sorted(
        d.arrival_number or 0 for d in office.documents(direction=None) if d.direction.value == "in"
    )
    assert arrivals == list(range(1, total + 1))
    (kh,) = [s for s in office.series(2025) if s.key == "KH"]
    assert kh.last_number == total


class _MissedTheRow:
    """The one-statement take as it runs when the counter row is not yet committed: no row."""

    def first(self, *_: Any) -> None:
        return None

    def execute(self, *_: Any) -> tuple[int, int]:
        return 0, 0


def test_a_counter_row_created_by_another_clerk_after_the_first_try_still_gives_the_next_number(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under READ COMMITTED the one-statement take can miss a row another clerk commits a moment
    # later; the locked read that follows sees it, and must number from it, not refuse the date.
    office.register("KH", subject="Kế hoạch thứ nhất", on=date(2025, 10, 1), signer="chutich")
    monkeypatch.setattr(series, "_TAKE_RETURNING", _MissedTheRow())
    monkeypatch.setattr(series, "_TAKE_LAST_INSERT_ID", _MissedTheRow())

    second = office.register("KH", subject="Kế hoạch thứ hai", on=date(2025, 10, 1), signer="chutich")

    assert second.code == "02/KH-UBND"
    (kh,) = [s for s in office.series(2025) if s.key == "KH"]
    assert (kh.last_number, kh.last_date) == (2, date(2025, 10, 1))
