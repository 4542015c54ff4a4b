"""In real Chromium (Debian's, driven by Playwright; no browser is downloaded) against the real
``vanban serve`` on a free loopback port: the clerk issues a document and sees its number, the
chairman opens the overdue item from the chart. Screenshots go to $VANBAN_SCREENSHOTS (CI keeps
them) or to the test's temporary folder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from vanban import Office
from vanban.office import auth

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORDS = {"vanthu": "mật khẩu văn thư 2025", "chutich": "mật khẩu chủ tịch 2025"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``vanban serve`` on a register with a clerk, a chairman and one overdue incoming document."""
    db = str(tmp_path / "xa.sqlite")
    with Office.init(
        db, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu",
        full_name="Trần Thị Văn Thư",
    ) as office:  # fmt: skip
        office.add_unit("VHXH", "Văn hóa - Xã hội")
        office.add_org("SKHCN", "Sở Khoa học và Công nghệ thành phố Hải Phòng")
        office.add_user("chutich", name="Nguyễn Phúc Công", roles=["lanh_dao"])
        late = office.receive(
            "516/SKHCN-TTTT",
            sender="SKHCN",
            on=date.today() - timedelta(days=20),
            subject="Báo cáo kết quả phong trào Bình dân học vụ số",
            deadline=date.today() - timedelta(days=2),
        )
        office.assign(late.id, lead="VHXH", deadline=date.today() - timedelta(days=2))
        for login, password in PASSWORDS.items():
            auth.set_password(office, login, password)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "vanban", "--db", db, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("VANBAN_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def chromium() -> Iterator[object]:
    # As with LibreOffice for the PDF tests: a developer's machine without Debian's chromium
    # skips these (the README's test command must work on a fresh machine); CI installs it, and
    # there a missing browser fails the run rather than skipping it.
    if not Path(CHROMIUM).exists():
        if "CI" in os.environ:
            pytest.fail(f"{CHROMIUM} không có trên máy CI: cài gói chromium (apt-get install -y chromium).")
        pytest.skip(f"{CHROMIUM} chưa được cài trên máy này (gói chromium của Debian)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


def sign_in(page: object, base: str, login: str) -> None:
    page.goto(f"{base}/login")  # type: ignore[attr-defined]
    page.get_by_label("Tên đăng nhập").fill(login)  # type: ignore[attr-defined]
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORDS[login])  # type: ignore[attr-defined]
    page.get_by_role("button", name="Đăng nhập").click()  # type: ignore[attr-defined]


def test_the_clerk_drafts_and_issues_a_document_and_sees_its_number(
    server: str, chromium: object, shots: Path
) -> None:
    page = chromium.new_page(viewport={"width": 1100, "height": 800})  # type: ignore[attr-defined]
    sign_in(page, server, "vanthu")
    page.get_by_role("link", name="Soạn văn bản mới").click()
    page.get_by_label("Loại văn bản").select_option("KH")
    page.get_by_label("Trích yếu nội dung").fill(
        "Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia"
    )
    page.get_by_label("Đơn vị soạn thảo").fill("VHXH")
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Phúc Công")
    page.get_by_label("Chức vụ người ký").fill("Chủ tịch")
    page.get_by_role("button", name="Ban hành").click()
    code = page.locator("p.code")
    code.wait_for()
    assert code.inner_text() == "01/KH-UBND"
    assert page.get_by_text("Đã ban hành").first.is_visible()
    page.screenshot(path=str(shots / "web-issued.png"), full_page=False)
    # htmx: the outcome shows in its section in place, the page is not loaded again.
    page.evaluate("window.stillHere = true")
    page.locator("#f-outcome_text").fill("Tập huấn kỹ năng số cho cán bộ")
    page.get_by_label("Số lượng").fill("120")
    page.get_by_role("button", name="Ghi kết quả").click()
    page.locator("#s-outcomes li", has_text="Tập huấn kỹ năng số cho cán bộ: 120").wait_for()
    assert page.evaluate("window.stillHere") is True
    assert page.locator("#s-history li", has_text="Tập huấn kỹ năng số").count() == 1
    page.goto(f"{server}/documents?direction=out")
    assert page.get_by_role("link", name="01/KH-UBND").is_visible()
    page.screenshot(path=str(shots / "web-register-out.png"))


def test_the_chairman_opens_the_overdue_item_from_the_chart_on_a_phone(
    server: str, chromium: object, shots: Path
) -> None:
    page = chromium.new_page(viewport={"width": 360, "height": 780})  # type: ignore[attr-defined]
    sign_in(page, server, "chutich")
    page.wait_for_url(f"{server}/status")
    page.screenshot(path=str(shots / "web-status.png"))
    # At a phone's width nothing runs off the side of the page (tables scroll in their box).
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator('svg.chart a[aria-label^="Văn hóa - Xã hội (VHXH)"]').click()
    page.wait_for_url("**/status?unit=VHXH")
    page.locator("#h-late").locator("xpath=..").get_by_role("link", name="516/SKHCN-TTTT").click()
    code = page.locator("p.code")
    code.wait_for()
    assert code.inner_text() == "516/SKHCN-TTTT"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(shots / "web-document.png"), full_page=True)


def test_the_clerk_receives_an_uploaded_docx_and_confirms_its_links(
    server: str, chromium: object, shots: Path, tmp_path: Path
) -> None:
    from test_import import request_letter, write

    letter = write(tmp_path, "516-moi.docx", request_letter(code="517/SKHCN-TTTT"))
    page = chromium.new_page(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    sign_in(page, server, "vanthu")
    page.goto(f"{server}/documents/receive")
    page.get_by_label("Tải lên tệp Word").set_input_files(str(letter))
    page.get_by_role("button", name="Đọc tệp").click()
    page.get_by_text("45/KH-UBND").wait_for()
    page.screenshot(path=str(shots / "web-receive-confirm.png"), full_page=True)
    page.get_by_role("button", name="Vào sổ").click()
    code = page.locator("p.code")
    code.wait_for()
    assert code.inner_text() == "517/SKHCN-TTTT"
    assert page.get_by_role("link", name="45/KH-UBND").is_visible()


def test_the_clerk_signs_in_and_searches_the_register_with_the_keyboard_alone(
    server: str, chromium: object, shots: Path
) -> None:
    page = chromium.new_page(viewport={"width": 1100, "height": 800})  # type: ignore[attr-defined]
    page.goto(f"{server}/login")
    assert page.evaluate("document.activeElement.name") == "login"  # the cursor waits in the first field
    page.keyboard.type("vanthu")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(PASSWORDS["vanthu"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents?direction=out")
    page.keyboard.press("Tab")  # on every page the first stop is the link that skips to the content
    assert page.evaluate("document.activeElement.textContent").startswith("Bỏ qua")
    page.goto(f"{server}/documents?direction=in")
    # Typing in the search box updates the table in place and the address to share it.
    page.evaluate("window.stillHere = true")
    page.get_by_label("Tìm (không cần dấu)").focus()
    page.keyboard.type("binh dan hoc vu")
    page.wait_for_url("**q=binh+dan+hoc+vu**")
    page.get_by_role("link", name="516/SKHCN-TTTT").wait_for()
    assert page.evaluate("window.stillHere") is True
    page.get_by_label("Tìm (không cần dấu)").fill("khong co van ban nao nhu the")
    page.get_by_text("Không có văn bản nào khớp bộ lọc.").wait_for()
    assert page.evaluate("window.stillHere") is True
    page.screenshot(path=str(shots / "web-register-in.png"))
    # The focus is drawn where it is.
    page.get_by_role("button", name="Lọc").focus()
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_the_clerk_drafts_the_report_answering_a_request_and_registers_it(
    server: str, chromium: object, shots: Path
) -> None:
    page = chromium.new_page(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    sign_in(page, server, "vanthu")
    page.wait_for_url("**/documents?direction=out")
    page.get_by_role("link", name="Dự thảo báo cáo").click()
    page.get_by_label("Văn bản yêu cầu báo cáo").select_option(
        label=page.locator("#f-request option", has_text="516/SKHCN-TTTT").inner_text()
    )
    page.screenshot(path=str(shots / "web-report.png"), full_page=True)
    with page.expect_download() as caught:
        page.get_by_role("button", name="Tải dự thảo .docx").click()
    download = caught.value
    assert download.suggested_filename == "du-thao-bao-cao-516-SKHCN-TTTT.docx"
    saved = Path(download.path())
    assert saved.read_bytes()[:2] == b"PK"
    page.get_by_role("button", name="Vào sổ thành dự thảo báo cáo (BC)").click()
    page.locator("p.code.draft").wait_for()
    assert page.get_by_text("Báo cáo (BC)").is_visible()
    assert page.get_by_role("link", name="516/SKHCN-TTTT").is_visible()
    page.screenshot(path=str(shots / "web-report-draft.png"), full_page=True)


def test_refusals_under_htmx_are_shown_in_place_on_a_phone(
    server: str, chromium: object, shots: Path
) -> None:
    page = chromium.new_page(viewport={"width": 360, "height": 780})  # type: ignore[attr-defined]
    sign_in(page, server, "vanthu")
    page.wait_for_url("**/documents?direction=out")
    page.goto(f"{server}/documents?direction=in")
    page.evaluate("window.stillHere = true")
    # The status filter is a choice, made with the keyboard; the table follows in place.
    status = page.get_by_label("Trạng thái")
    status.focus()
    status.select_option(label="Đã phân công, đang xử lý")
    page.wait_for_url("**status=assigned**")
    page.get_by_role("link", name="516/SKHCN-TTTT").wait_for()
    # A sender the register does not know (422) is said where the results stand, not ignored.
    sender = page.get_by_label("Nơi gửi")
    sender.fill("KHONGCO")
    sender.press("Enter")
    page.locator("#ket-qua").get_by_text("Không có cơ quan «KHONGCO»").wait_for()
    assert page.evaluate("window.stillHere") is True
    assert page.get_by_label("Trạng thái").input_value() == "assigned"
    page.screenshot(path=str(shots / "web-refusal-filter.png"))
    # A form whose token no longer holds (403) says so in the page's message region, and what was
    # typed stays in its field.
    page.goto(f"{server}/documents?direction=in")
    page.get_by_role("link", name="516/SKHCN-TTTT").click()
    page.locator("p.code").wait_for()
    page.evaluate("window.stillHere = true")
    page.evaluate(
        "document.body.setAttribute('hx-headers', JSON.stringify({'X-CSRF-Token': 'gia-mao'}));"
        "document.querySelectorAll('input[name=csrf]').forEach(i => { i.value = 'gia-mao'; });"
    )
    outcome = page.locator("#f-outcome_text")  # the field labelled «Kết quả» (so is its section)
    outcome.fill("Đã tổ chức 3 lớp tập huấn")
    page.get_by_role("button", name="Ghi kết quả").click()
    page.locator("#thong-bao[role=alert]").get_by_text("Biểu mẫu đã hết hạn").wait_for()
    assert page.evaluate("window.stillHere") is True
    assert outcome.input_value() == "Đã tổ chức 3 lớp tập huấn"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(shots / "web-refusal-form.png"))
