"""A clerk's day without surprises (issue 13): mail entered late, one code in several years, a
`show` that tells the whole story, every way to issue alike, and a set-up that cannot go wrong
quietly. Through the command line, on every engine under test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Cli

OFFICE = "Ủy ban nhân dân xã Phú Thái"
PARENT = "UBND thành phố Hải Phòng"


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("VANBAN_DB", "VANBAN_USER", "VANBAN_WORKFLOWS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def xa(db_url: str, cli: Cli) -> str:
    """The register of UBND xã Phú Thái (clerk vanthu, unit VHXH, sender SNV), on every engine."""
    cli.ok(
        db_url,
        "init",
        "--org",
        "UBND",
        "--name",
        OFFICE,
        "--place",
        "Phú Thái",
        "--parent",
        PARENT,
        "--login",
        "vanthu",
    )
    cli.ok(db_url, "unit", "add", "VHXH", "Văn hóa - Xã hội")
    cli.ok(db_url, "org", "add", "SNV", "Sở Nội vụ thành phố Hải Phòng")
    cli.ok(db_url, "user", "add", "chutich", "--name", "Nguyễn Phúc Công", "--role", "lanh_dao")
    return db_url


def receive(cli: Cli, db: str, code: str, on: str, arrived: str, *more: str) -> dict[str, object]:
    found: dict[str, object] = cli.ok_json(
        db,
        "receive",
        code,
        "--from",
        "SNV",
        "--date",
        on,
        "--arrived",
        arrived,
        "--subject",
        f"Văn bản {code}",
        *more,
    )
    return found


# ---------------------------------------------------------------------------- every way to issue


def test_issuing_through_do_takes_the_date_and_signer_that_issue_takes(xa: str, cli: Cli) -> None:
    draft = cli.ok_json(xa, "draft", "KH", "--subject", "Kế hoạch tuyên truyền")["id"]
    issued = cli.ok_json(
        xa,
        "do",
        str(draft),
        "ban hành",
        "--date",
        "3/10/2025",
        "--signer",
        "Nguyễn Phúc Công",
        "--title",
        "Chủ tịch",
        "--authority",
        "TM.",
    )
    assert (issued["code"], issued["date"], issued["signer"]) == (
        "01/KH-UBND",
        "2025-10-03",
        "Nguyễn Phúc Công",
    )
    assert (issued["signer_title"], issued["signer_authority"]) == ("Chủ tịch", "TM.")


def test_issuing_options_on_another_step_are_refused_and_nothing_moves(xa: str, cli: Cli) -> None:
    draft = str(cli.ok_json(xa, "draft", "KH", "--subject", "Kế hoạch tuyên truyền")["id"])
    refused = cli.run(xa, "--as", "chutich", "do", draft, "trình ký", "--date", "3/10/2025")
    assert refused.code == 2
    assert "--date chỉ dùng khi ban hành" in refused.err
    assert "Gợi ý:" in refused.err
    assert cli.ok_json(xa, "show", draft)["status"] == "drafted"


# ---------------------------------------------------------------------------- one code, one year


@pytest.fixture
def two_years(xa: str, cli: Cli) -> str:
    """01/UBND-VHXH issued on 29/12/2025 and again, numbering restarted, on 5/1/2026."""
    for day in ("29/12/2025", "5/1/2026"):
        draft = cli.ok_json(xa, "draft", "CV", "--unit", "VHXH", "--subject", f"Công văn ngày {day}")["id"]
        cli.ok(xa, "issue", str(draft), "--date", day)
    return xa


def test_a_code_held_in_two_years_is_shown_with_its_year_in_list_status_and_trace(
    two_years: str, cli: Cli
) -> None:
    listed = cli.ok(two_years, "list").out
    assert "01/UBND-VHXH (2025)" in listed and "01/UBND-VHXH (2026)" in listed
    cli.ok(two_years, "do", "01/UBND-VHXH (2026)", "bắt đầu thực hiện")
    assert "01/UBND-VHXH (2026)" in cli.ok(two_years, "status").out
    assert "Công văn 01/UBND-VHXH (2025)" in cli.ok(two_years, "trace", "01/UBND-VHXH/2025").out


@pytest.mark.parametrize(
    "named", [["01/UBND-VHXH/2025"], ["01/UBND-VHXH (2025)"], ["01/UBND-VHXH", "--year", "2025"]]
)
def test_a_code_is_named_with_its_year_after_a_slash_in_brackets_or_by_year(
    two_years: str, cli: Cli, named: list[str]
) -> None:
    assert cli.ok_json(two_years, "show", *named)["date"] == "2025-12-29"


def test_an_outcome_of_an_ambiguous_code_is_refused_with_the_candidates_then_taken_with_its_year(
    two_years: str, cli: Cli
) -> None:
    refused = cli.run(two_years, "outcome", "add", "01/UBND-VHXH", "--text", "Đã tuyên truyền")
    assert refused.code == 2
    assert "năm 2025" in refused.err and "năm 2026" in refused.err
    assert "01/UBND-VHXH/2026" in refused.err and "--year" in refused.err
    cli.ok(two_years, "outcome", "add", "01/UBND-VHXH", "--year", "2026", "--text", "Đã tuyên truyền")
    cli.ok(two_years, "outcome", "add", "01/UBND-VHXH/2025", "--text", "Đã họp dân")
    assert [
        o["text"] for o in cli.ok_json(two_years, "outcome", "list", "01/UBND-VHXH", "--year", "2026")
    ] == ["Đã tuyên truyền"]
    assert [o["text"] for o in cli.ok_json(two_years, "outcome", "list", "01/UBND-VHXH (2025)")] == [
        "Đã họp dân"
    ]


def test_a_year_typed_twice_differently_is_bad_input(two_years: str, cli: Cli) -> None:
    refused = cli.run(two_years, "show", "01/UBND-VHXH/2025", "--year", "2026")
    assert refused.code == 2
    assert "ghi năm 2025 nhưng --year là 2026" in refused.err
