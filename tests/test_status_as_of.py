"""A status as of a past day: the register as it stood at the end of that day (Vietnam time),
rebuilt from its events — a document counts from its legal date (ngày ban hành, ngày đến), what
was written later (a link, a recall, an assignment) from the day it was written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest

from test_input_boundary import refused
from vanban.domain.links import LinkKind
from vanban.errors import InputError
from vanban.office.demo import INTERIM_CODES, REPORT_DATE, REQUEST, build_demo

if TYPE_CHECKING:
    from vanban import Office
    from vanban.office.status import StatusReport

Clock = Callable[[date], None]
OCT_1 = date(2025, 10, 1)


def issued_types(report: StatusReport) -> dict[str, int]:
    """How many documents of each type stand issued or further along the directive lifecycle."""
    counted: dict[str, int] = {}
    for doc_type, state, _, n in report.by_type:
        if state not in ("drafted", "submitted", "signed", "cancelled"):
            counted[doc_type] = counted.get(doc_type, 0) + n
    return counted


def open_codes(report: StatusReport) -> dict[str, str]:
    return {row.document.code or "": row.document.status or "" for row in report.items}


def plan(office: Office, on: date, subject: str = "Kế hoạch tổ chức Ngày Chuyển đổi số") -> int:
    return office.register("KH", subject=subject, on=on, signer="Nguyễn Phúc Công").id


def test_the_documents_closed_by_the_final_report_are_listed_today_and_on_the_day_after(
    db_url: str,
) -> None:
    office, _ = build_demo(db_url)
    try:
        reported = {"90/KH-UBND", "542/UBND-VHXH", "675/UBND-VHXH", "704/UBND-VHXH", "705/UBND-VHXH"}
        today = office.status()
        assert {d.code for d in today.reported} == reported
        assert len(today.reported) == today.summary["reported"]
        after = office.status(as_of=REPORT_DATE + timedelta(days=1))
        assert {d.code for d in after.reported} == reported
        assert {d.status for d in after.reported} == {"reported"}
        assert office.status(as_of=REPORT_DATE - timedelta(days=1)).reported == []
        assert {d.code for d in office.status(unit="VHXH").reported} == reported - {"90/KH-UBND"}
    finally:
        office.close()


def test_a_report_issued_on_19_11_is_not_in_the_register_of_1_10_but_is_in_that_of_20_11(
    db_url: str,
) -> None:
    office, report = build_demo(db_url)  # typed in today, dated in 2025
    try:
        before = office.status(as_of=OCT_1)
        assert "BC" not in issued_types(before)
        assert all(row.document.code != report for row in before.items)
        assert office.get(REQUEST).date is not None
        assert REQUEST not in open_codes(before)  # it arrived on 12/11
        after = office.status(as_of=REPORT_DATE + timedelta(days=1))
        assert issued_types(after)["BC"] == 1
        assert after.summary.get("reported", 0) >= 1
        assert REQUEST not in open_codes(after)  # answered by the report: done on 19/11
        day_before = office.status(as_of=REPORT_DATE - timedelta(days=1))
        assert "BC" not in issued_types(day_before)
        assert open_codes(day_before)[REQUEST] == "registered"
        assert day_before.items[0].overdue_days == 0
    finally:
        office.close()


def test_an_interim_report_counts_as_interim_from_its_day_and_leaves_its_plan_open(
    db_url: str,
) -> None:
    office, _ = build_demo(db_url)  # the November report is interim for Kế hoạch 95
    try:

        def interim(day: date) -> dict[str, tuple[int, bool]]:
            rows = office.status(as_of=day).items
            return {
                r.document.code or "": (r.interim_reports, r.reported)
                for r in rows
                if r.document.code in INTERIM_CODES
            }

        before = interim(REPORT_DATE - timedelta(days=1))
        assert before and all(counts == (0, False) for counts in before.values())
        after = interim(REPORT_DATE + timedelta(days=1))
        assert after["95/KH-UBND"] == (1, False)  # reported in the interim, still open
        live = {r.document.code: (r.interim_reports, r.reported) for r in office.status().items}
        assert live["95/KH-UBND"] == after["95/KH-UBND"]
    finally:
        office.close()


def test_a_document_is_absent_before_its_date_and_counted_from_its_date(office: Office) -> None:
    plan(office, date(2025, 10, 10))
    assert office.status(as_of=date(2025, 10, 9)).summary == {}
    assert office.status(as_of=date(2025, 10, 10)).summary == {"issued": 1}


def test_a_recalled_document_stands_issued_until_the_day_it_was_recalled(
    office: Office, clock: Clock
) -> None:
    clock(OCT_1)
    doc = plan(office, OCT_1)
    clock(date(2025, 10, 15))
    office.recall(doc, reason="Ban hành nhầm đối tượng")
    clock(date(2025, 12, 1))
    assert open_codes(office.status(as_of=date(2025, 10, 14))) == {"01/KH-UBND": "issued"}
    recalled = office.status(as_of=date(2025, 10, 15))
    assert recalled.summary == {"recalled": 1} and recalled.items == []


def test_a_link_added_later_counts_only_from_the_day_it_was_added(office: Office, clock: Clock) -> None:
    clock(OCT_1)
    target = plan(office, OCT_1)
    clock(date(2025, 10, 5))
    source = office.register(
        "CV", subject="Triển khai kế hoạch", on=date(2025, 10, 5), unit="VHXH", signer="Nguyễn Phúc Công"
    )
    clock(date(2025, 10, 20))
    office.link(source.id, target, LinkKind.IMPLEMENTS)
    clock(date(2025, 12, 1))

    def implementing(day: date) -> int:
        (row,) = [r for r in office.status(as_of=day).items if r.document.id == target]
        return row.implementing

    assert implementing(date(2025, 10, 19)) == 0
    assert implementing(date(2025, 10, 20)) == 1


def test_an_assignment_and_an_outcome_count_from_their_day(office: Office, clock: Clock) -> None:
    clock(OCT_1)
    doc = plan(office, OCT_1)
    clock(date(2025, 10, 6))
    office.as_user("chutich").assign(doc, lead="VHXH", deadline=date(2025, 10, 31))
    office.add_outcome(doc, text="Hội nghị triển khai", on=date(2025, 10, 8))
    clock(date(2025, 12, 1))
    (early,) = office.status(as_of=date(2025, 10, 5)).items
    assert (early.lead, early.deadline, early.outcomes, early.document.status) == (None, None, 0, "issued")
    (middle,) = office.status(as_of=date(2025, 10, 7)).items
    assert (middle.lead, middle.deadline, middle.outcomes) == ("VHXH", date(2025, 10, 31), 0)
    assert middle.document.status == "in_progress"
    (late,) = office.status(as_of=date(2025, 11, 3)).items
    assert (late.outcomes, late.overdue_days) == (1, 3)
    assert [r.document.id for r in office.status(as_of=date(2025, 11, 3), overdue=True).items] == [doc]
    assert office.status(as_of=date(2025, 10, 20), overdue=True).items == []


def test_a_day_after_everything_rebuilds_the_live_register(office: Office, clock: Clock) -> None:
    clock(date(2025, 11, 20))
    build = plan(office, OCT_1)
    second = plan(office, date(2025, 10, 2), "Kế hoạch thứ hai")
    office.receive(
        "516/SKHCN-TTTT", sender="SKHCN", on=date(2025, 11, 12), arrived=date(2025, 11, 13), subject="X"
    )
    office.as_user("chutich").assign("516/SKHCN-TTTT", lead="VHXH", deadline=date(2025, 11, 30))
    answer = office.register(
        "CV", subject="Trả lời", on=date(2025, 11, 14), unit="VHXH", signer="Nguyễn Phúc Công"
    )
    office.link(answer.id, build, LinkKind.IMPLEMENTS)
    office.recall(second, reason="Nhầm")
    office.draft("KH", subject="Dự thảo")
    clock(date(2025, 11, 22))
    live, rebuilt = office.status(), office.status(as_of=date(2025, 11, 21))

    def shape(report: StatusReport) -> tuple[object, ...]:
        items = [
            (r.document, r.deadline, r.lead, r.implementing, r.outcomes, r.reported) for r in report.items
        ]
        return report.summary, sorted(report.by_type), items

    assert shape(rebuilt) == shape(live)


def test_the_filters_apply_to_the_register_of_the_day(office: Office, clock: Clock) -> None:
    clock(date(2025, 10, 6))
    plan(office, OCT_1)
    office.register("CV", subject="Công văn", on=date(2025, 10, 2), unit="VHXH", signer="Nguyễn Phúc Công")
    clock(date(2025, 12, 1))
    day = date(2025, 10, 30)
    assert office.status(as_of=day, type_key="KH").summary == {"issued": 1}
    assert [r.document.type_key for r in office.status(as_of=day, unit="VHXH").items] == ["CV"]
    assert office.status(as_of=day, year=2024).summary == {}


def test_a_day_from_today_on_is_today_s_register_with_its_deadlines_then(
    office: Office, clock: Clock
) -> None:
    clock(OCT_1)
    office.draft("KH", subject="Dự thảo hôm nay")
    assert office.status(as_of=date(2025, 10, 5)).summary == {"drafted": 1}
    assert office.status(as_of=OCT_1).summary == {"drafted": 1}


@pytest.mark.parametrize(
    "bad", ["32/10/2025", "1/1/0000", "ngày mai", "2025-13-01", "1/10/2025; DROP TABLE x", ""]
)
def test_a_bad_day_is_refused_in_vietnamese_and_nothing_changes(office: Office, bad: str) -> None:
    error = refused(office, lambda: office.status(as_of=bad))  # type: ignore[arg-type]
    assert isinstance(error, InputError)
    assert "ngày" in error.message.lower() and error.hint


def test_status_as_of_on_the_command_line(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "xa.sqlite"
    cli.ok(None, "demo", "--db", str(db))
    early = cli.ok_json(db, "status", "--as-of", "1/10/2025")
    assert early["as_of"] == "2025-10-01"
    assert all(not item["code"].endswith("/BC-UBND") for item in early["items"])
    later = cli.ok_json(db, "status", "--as-of", "20/11/2025")
    assert later["summary"].get("reported", 0) >= 1
    ran = cli.run(db, "status", "--as-of", "31/9/2025")
    assert ran.code == 2 and "31/9/2025" in ran.err
