"""The acceptance scenario of the trace issue: the commune's 2025 chain from the sample report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from vanban.office.demo import DIRECTIVE_CODES, INTERIM_CODES, REQUEST, build_chain, issue_report
from vanban.office.views import status_json, trace_json


def _codes(nodes: list[dict[str, Any]], key: str) -> set[str]:
    found: set[str] = set()
    for node in nodes:
        found.add(node["document"]["code"])
        found |= _codes(node[key], key)
    return found


def test_the_request_falls_overdue_before_the_report_and_nothing_is_left_unreported_after(
    db_url: str,
    clock: Callable[[date], None],
) -> None:
    office = build_chain(db_url)

    # Numbers came out of the engine in date order after `series set`.
    held = {d.code: d for d in office.documents(year=2025) if d.code}
    assert set(DIRECTIVE_CODES) <= set(held)
    assert held["90/KH-UBND"].date == date(2025, 9, 29)
    assert held["968/QĐ-UBND"].date == date(2025, 10, 3)

    # The leader looks on 25/11, then on 18/11 (as_of today: today's register, deadlines then).
    clock(date(2025, 11, 25))
    overdue = office.status(overdue=True, as_of=date(2025, 11, 25))
    assert [row.document.code for row in overdue.items] == [REQUEST]
    assert overdue.items[0].overdue_days == 5
    assert overdue.items[0].lead == "VHXH"
    open_now = status_json(office, office.status(as_of=date(2025, 11, 25)))
    open_codes = {item["code"] for item in open_now["items"]}
    assert REQUEST in open_codes and "90/KH-UBND" in open_codes
    plan = next(i for i in open_now["items"] if i["code"] == "90/KH-UBND")
    assert plan["implementing"] == 4
    assert plan["reported"] is False

    report = issue_report(office)
    assert report == "01/BC-UBND"

    # The plan running to 31/12 (and what carries it out) had an interim report: still open.
    after = status_json(office, office.status(as_of=date(2025, 11, 25)))
    still_open = {item["code"]: item for item in after["items"]}
    assert set(still_open) == INTERIM_CODES
    assert all(item["interim_reports"] == 1 and item["reported"] is False for item in still_open.values())
    assert after["summary"]["reported"] == len(DIRECTIVE_CODES) - len(INTERIM_CODES)
    assert after["summary"]["done"] == 1
    assert office.get(REQUEST).status == "done"

    chain = trace_json(office, office.trace(REQUEST))
    assert chain["document"]["code"] == REQUEST
    downstream = _codes(chain["downstream"], "downstream")
    assert downstream == {report, *DIRECTIVE_CODES}
    (answer,) = chain["downstream"]
    assert answer["kind"] == "responds_to" and answer["document"]["code"] == report
    quantities = sorted(o["quantity"] for o in chain["outcomes"])
    assert quantities == [100, 150, 200]
    assert all(o["reported_in"] == [report] for o in chain["outcomes"])

    upward = trace_json(office, office.trace("90/KH-UBND"))
    assert [u["document"]["code"] for u in upward["upstream"]] == ["57-NQ/TW"]
    assert upward["upstream"][0]["document"]["reference_only"] is True

    coupled = [e for e in office.history("90/KH-UBND") if e.trigger == "report"]
    assert len(coupled) == 1 and coupled[0].to_state == "reported"
    assert report in (coupled[0].note or "")
    assert [e for e in office.history("95/KH-UBND") if e.trigger == "report"] == []
    kinds = {node["document"]["code"]: node["kind"] for node in answer["downstream"]}
    assert kinds["90/KH-UBND"] == "reports_on" and kinds["95/KH-UBND"] == "reports_progress"
    office.close()
