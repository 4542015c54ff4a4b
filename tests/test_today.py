"""'Today' is Vietnam's date, not the server's: from 17:00 UTC it is already tomorrow there."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from vanban.domain import dates


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def stop(moment: datetime) -> None:
        monkeypatch.setattr(dates, "utc_now", lambda: moment)

    return stop


def test_today_is_still_the_same_day_in_vietnam_before_17_utc(clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2025, 9, 29, 16, 59, tzinfo=UTC))
    assert dates.today() == date(2025, 9, 29)


def test_today_is_already_tomorrow_in_vietnam_from_17_utc(clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2025, 9, 29, 17, 0, tzinfo=UTC))
    assert dates.today() == date(2025, 9, 30)


def test_new_year_comes_to_vietnam_at_17_utc_on_31_december(clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2025, 12, 31, 18, 0, tzinfo=UTC))
    assert dates.today() == date(2026, 1, 1)


def test_a_document_received_at_night_utc_arrives_on_vietnams_date(office, clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2025, 9, 29, 20, 0, tzinfo=UTC))
    doc = office.receive(
        "12/SKHCN-KHTC", sender="SKHCN", on=date(2025, 9, 25), subject="Về việc báo cáo khoa học"
    )
    assert doc.arrival_date == date(2025, 9, 30)


def test_a_document_issued_without_a_date_takes_vietnams_date(office, clock) -> None:  # type: ignore[no-untyped-def]
    clock(datetime(2025, 9, 29, 23, 30, tzinfo=UTC))
    doc = office.draft("KH", subject="Kế hoạch tổ chức Tết Trung thu")
    issued = office.issue(doc.id, signer="chutich")
    assert issued.date == date(2025, 9, 30)


def test_status_counts_overdue_by_vietnams_date(office, clock) -> None:  # type: ignore[no-untyped-def]
    office.receive(
        "13/SKHCN-KHTC",
        sender="SKHCN",
        on=date(2025, 9, 20),
        subject="Về việc báo cáo số liệu",
        arrived=date(2025, 9, 22),
        deadline=date(2025, 9, 29),
    )
    clock(datetime(2025, 9, 29, 16, 0, tzinfo=UTC))
    assert office.status(year=2025, overdue=True).items == []
    clock(datetime(2025, 9, 30, 17, 0, tzinfo=UTC))
    assert len(office.status(year=2025, overdue=True).items) == 1
