"""What the pages show a person: dates as the command line prints them (04/12/2026), times in
Vietnam time, types by their Vietnamese names."""

from __future__ import annotations

import re
from datetime import date, timedelta

from webdesk import Desk

from vanban.domain import dates


def test_dates_on_the_pages_are_padded_as_the_command_line_prints_them(desk: Desk) -> None:
    doc = desk.office.receive(
        "7/SKHCN-VP",
        sender="SKHCN",
        on=date(2026, 12, 4),
        subject="Về việc kiểm tra",
        deadline=date(2026, 12, 9),
        arrived=date(2026, 12, 4),
    )
    clerk = desk.sign_in("vanthu")
    listing = clerk.get("/documents?direction=in").text
    page = clerk.get(f"/documents/{doc.id}").text
    for html in (listing, page):
        assert "04/12/2026" in html and "09/12/2026" in html
        assert not re.search(r"(?<![\d/])4/12/2026", html)
    assert dates.short(date(2026, 12, 4)) == "04/12/2026"


def test_times_in_the_history_are_in_vietnam_time(desk: Desk) -> None:
    doc = desk.office.draft("KH", subject="Kế hoạch kiểm tra cuối năm")
    (made,) = desk.office.history(doc.id)
    stored = made.at.replace(tzinfo=None)  # kept in UTC by every engine
    page = desk.sign_in("vanthu").get(f"/documents/{doc.id}").text
    history = page[page.index('id="h-history"') :]
    assert f"<time>{(stored + timedelta(hours=7)):%d/%m/%Y %H:%M}</time>" in history
    assert f"{stored:%H:%M}" not in history


def test_types_are_shown_by_name_with_their_key(desk: Desk) -> None:
    doc = desk.office.draft("KH", subject="Kế hoạch kiểm tra cuối năm")
    clerk = desk.sign_in("vanthu")
    page = clerk.get(f"/documents/{doc.id}").text
    assert "<dd>Kế hoạch (KH)</dd>" in page
    form = clerk.get("/documents/new").text
    assert '<option value="KH">Kế hoạch (KH)</option>' in form
    assert '<option value="QĐ">Quyết định (QĐ)</option>' in form
    listing = clerk.get("/documents?direction=out&type=KH").text
    assert '<option value="KH" selected>Kế hoạch (KH)</option>' in listing


def test_units_senders_leads_and_people_are_shown_by_name_with_their_code(desk: Desk) -> None:
    office = desk.office
    draft = office.draft("CV", subject="Về việc tổ chức tập huấn", unit="VHXH")
    office.assign(draft.id, lead="VHXH", support=["chutich"], deadline=date(2026, 12, 31))
    incoming = office.receive(
        "7/SKHCN-VP",
        sender="SKHCN",
        on=date(2026, 12, 4),
        subject="Về việc kiểm tra",
        arrived=date(2026, 12, 4),
    )
    office.assign(incoming.id, lead="VHXH", deadline=date(2026, 12, 31))
    clerk = desk.sign_in("vanthu")
    page = clerk.get(f"/documents/{draft.id}").text
    record = page[page.index('id="h-record"') : page.index('id="h-files"')]
    assert "<dd>Văn hóa - Xã hội (VHXH)</dd>" in record
    assigned = page[page.index('id="s-assign"') : page.index('id="s-outcomes"')]
    assert "Chủ trì <strong>Văn hóa - Xã hội (VHXH)</strong>, phối hợp Nguyễn Phúc Công (chutich)" in assigned
    assert "(Trần Thị Văn Thư (vanthu), " in assigned  # who assigned it, by name too
    history = page[page.index('id="h-history"') :]
    assert "<strong>Trần Thị Văn Thư (vanthu)</strong> Tạo dự thảo" in history
    listing = clerk.get("/documents?direction=in").text
    assert '<td data-label="Nơi gửi">Sở Khoa học và Công nghệ thành phố Hải Phòng (SKHCN)</td>' in listing
    status = desk.sign_in("chutich").get("/status?unit=VHXH").text
    assert "chủ trì <strong>Văn hóa - Xã hội (VHXH)</strong>" in status
    assert "<td>Văn hóa - Xã hội (VHXH)</td>" in status
