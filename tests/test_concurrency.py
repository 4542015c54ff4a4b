"""Several clerks registering at once: the numbers come out exactly 1..N, never twice."""

from __future__ import annotations

import multiprocessing
from datetime import date

from vanban import Office

PROCESSES = 4
PER_PROCESS = 15


def _register(db_url: str, worker: int, count: int) -> list[str]:
    office = Office(db_url, user="vanthu")
    codes = []
    for i in range(count):
        doc = office.register("KH", subject=f"Kế hoạch {worker}-{i}", on=date(2025, 10, 1))
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
