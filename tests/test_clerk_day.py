"""A clerk's day without surprises (issue 13): mail entered late, one code in several years, a
`show` that tells the whole story, every way to issue alike, and a set-up that cannot go wrong
quietly. Through the command line, on every engine under test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
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
        cli.ok(xa, "issue", str(draft), "--date", day, "--signer", "chutich")
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


# ---------------------------------------------------------------------------- mail entered late


def test_a_pile_of_old_mail_typed_days_later_takes_its_arrival_dates_in_order(xa: str, cli: Cli) -> None:
    first = receive(cli, xa, "12/SNV-VP", "10/11/2025", "12/11/2025")
    same_day = receive(cli, xa, "13/SNV-VP", "11/11/2025", "12/11/2025")
    later = receive(cli, xa, "20/SNV-VP", "14/11/2025", "17/11/2025")
    assert [(d["arrival_number"], d["arrival_date"]) for d in (first, same_day, later)] == [
        (1, "2025-11-12"),
        (2, "2025-11-12"),
        (3, "2025-11-17"),
    ]


def test_mail_of_last_year_typed_in_january_goes_to_last_years_series(xa: str, cli: Cli) -> None:
    receive(cli, xa, "40/SNV-VP", "2/1/2026", "5/1/2026")
    old = receive(cli, xa, "90/SNV-VP", "26/12/2025", "30/12/2025")
    assert (old["arrival_number"], old["arrival_date"]) == (1, "2025-12-30")
    assert receive(cli, xa, "41/SNV-VP", "5/1/2026", "6/1/2026")["arrival_number"] == 2


def test_mail_that_arrived_before_the_last_one_registered_is_refused_naming_that_entry(
    xa: str, cli: Cli
) -> None:
    receive(cli, xa, "20/SNV-VP", "14/11/2025", "17/11/2025")
    before = cli.ok_json(xa, "list")
    refused = cli.run(
        xa,
        "receive",
        "12/SNV-VP",
        "--from",
        "SNV",
        "--date",
        "10/11/2025",
        "--arrived",
        "12/11/2025",
        "--subject",
        "Văn bản đến sớm hơn",
    )
    assert refused.code == 1
    assert "đã cấp số 1 ngày 17/11/2025 cho 20/SNV-VP của Sở Nội vụ thành phố Hải Phòng" in refused.err
    assert "theo thứ tự ngày đến, văn bản đến sớm nhất trước" in refused.err
    assert "--arrived 17/11/2025" in refused.err
    assert cli.ok_json(xa, "list") == before


def test_an_arrival_date_still_to_come_is_bad_input(xa: str, cli: Cli) -> None:
    refused = cli.run(
        xa,
        "receive",
        "12/SNV-VP",
        "--from",
        "SNV",
        "--date",
        "10/11/2025",
        "--arrived",
        "1/1/2099",
        "--subject",
        "Văn bản",
    )
    assert refused.code == 2
    assert "còn chưa tới" in refused.err and "Gợi ý:" in refused.err
    assert cli.ok_json(xa, "list") == []


def test_mail_received_after_its_deadline_is_shown_late_from_the_moment_it_is_registered(
    xa: str, cli: Cli
) -> None:
    said = cli.ok(
        xa,
        "receive",
        "516/SNV-VP",
        "--from",
        "SNV",
        "--date",
        "12/11/2025",
        "--deadline",
        "20/11/2025",
        "--arrived",
        "4/12/2025",
        "--subject",
        "Báo cáo kết quả",
    )
    assert "đến sau thời hạn giải quyết 20/11/2025: muộn 14 ngày" in said.out
    assert cli.ok_json(xa, "show", "516/SNV-VP")["arrived_late_days"] == 14
    assert "đến sau thời hạn 14 ngày" in cli.ok(xa, "show", "516/SNV-VP").out
    assert "đến sau thời hạn 14 ngày" in cli.ok(xa, "list").out
    assert "đến sau thời hạn 14 ngày" in cli.ok(xa, "status", "--as-of", "4/12/2025").out
    on_time = receive(cli, xa, "517/SNV-VP", "12/11/2025", "4/12/2025", "--deadline", "10/12/2025")
    assert on_time["arrived_late_days"] is None


def test_an_issue_dated_before_the_last_number_names_the_document_holding_it(xa: str, cli: Cli) -> None:
    first = cli.ok_json(xa, "draft", "KH", "--subject", "Kế hoạch một")["id"]
    cli.ok(xa, "issue", str(first), "--date", "10/10/2025", "--signer", "chutich")
    second = cli.ok_json(xa, "draft", "KH", "--subject", "Kế hoạch hai")["id"]
    refused = cli.run(xa, "issue", str(second), "--date", "1/10/2025", "--signer", "chutich")
    assert refused.code == 1
    assert "đã cấp số 1 ngày 10/10/2025 cho 01/KH-UBND" in refused.err


# ---------------------------------------------------------------------------- set-up


def test_init_again_with_another_name_is_refused_naming_the_office_the_register_keeps(
    xa: str, cli: Cli
) -> None:
    before = cli.ok_json(xa, "org", "list")
    refused = cli.run(
        xa, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thai", "--place", "Phú Thái"
    )
    assert refused.code == 1
    assert f"đã là sổ văn bản của UBND – {OFFICE}" in refused.err
    assert "--another-office" in refused.err
    assert cli.ok_json(xa, "org", "list") == before


def test_init_with_another_office_keeps_a_second_office_with_its_own_admin(xa: str, cli: Cli) -> None:
    second = "Ủy ban nhân dân xã An Lư"
    taken = cli.run(
        xa,
        "init",
        "--org",
        "UBND",
        "--name",
        second,
        "--place",
        "An Lư",
        "--another-office",
        "--login",
        "vanthu",
    )
    assert taken.code == 1 and "«vanthu» đã thuộc một cơ quan khác" in taken.err
    made = cli.ok_json(
        xa,
        "init",
        "--org",
        "UBND",
        "--name",
        second,
        "--place",
        "An Lư",
        "--another-office",
        "--login",
        "vanthu-anlu",
    )
    assert made["office"]["name"] == second
    assert [o["name"] for o in cli.ok_json(xa, "org", "list") if o["own"]] == [OFFICE, second]


def test_the_parent_body_given_at_init_is_an_organization_whose_mail_is_received(xa: str, cli: Cli) -> None:
    parents = [o for o in cli.ok_json(xa, "org", "list") if o["name"] == PARENT]
    assert [(o["code"], o["own"]) for o in parents] == [("UBND", False)]
    received = cli.ok_json(
        xa,
        "receive",
        "88/UBND-VX",
        "--from",
        PARENT,
        "--date",
        "3/11/2025",
        "--arrived",
        "4/11/2025",
        "--subject",
        "Triển khai Bình dân học vụ số",
    )
    assert (received["issuer_name"], received["arrival_number"]) == (PARENT, 1)
    # "UBND" names both the commune and its parent: a commune's mail comes from the parent.
    by_code = cli.ok_json(
        xa,
        "receive",
        "89/UBND-VX",
        "--from",
        "UBND",
        "--date",
        "3/11/2025",
        "--arrived",
        "4/11/2025",
        "--subject",
        "Triển khai Ngày Chuyển đổi số",
    )
    assert by_code["issuer_name"] == PARENT


def test_only_init_and_demo_create_a_register_every_other_command_names_init(
    tmp_path: Path, cli: Cli
) -> None:
    for args in (["list"], ["status"], ["org", "list"], ["show", "1"], ["upgrade"]):
        missing = tmp_path / "go-nham.sqlite"
        refused = cli.run(missing, *args)
        assert refused.code == 2, args
        assert "vanban init" in refused.err, args
        assert not missing.exists(), args


# ---------------------------------------------------------------------------- show tells the whole story


@pytest.fixture
def chain(xa: str, cli: Cli) -> str:
    """Kế hoạch 01/KH-UBND, carried out by công văn 01/UBND-VHXH, assigned to VHXH with support
    from VP until 31/12/2099, one outcome recorded."""
    cli.ok(xa, "unit", "add", "VP", "Văn phòng")
    plan = str(cli.ok_json(xa, "draft", "KH", "--subject", "Kế hoạch chuyển đổi số")["id"])
    cli.ok(xa, "issue", plan, "--date", "1/10/2025", "--signer", "chutich")
    letter = str(cli.ok_json(xa, "draft", "CV", "--unit", "VHXH", "--subject", "Triển khai kế hoạch")["id"])
    cli.ok(xa, "link", letter, "01/KH-UBND", "--kind", "thực hiện")
    cli.ok(xa, "issue", letter, "--date", "3/10/2025", "--signer", "chutich")
    cli.ok(xa, "assign", "01/KH-UBND", "--lead", "VHXH", "--support", "VP", "--deadline", "31/12/2099")
    cli.ok(
        xa,
        "outcome",
        "add",
        "01/KH-UBND",
        "--text",
        "Hội nghị triển khai",
        "--quantity",
        "200",
        "--unit",
        "người tham dự",
        "--date",
        "18/10/2025",
    )
    return xa


def test_show_in_json_tells_links_both_ways_assignment_days_left_outcomes_files_and_next_steps(
    chain: str, cli: Cli
) -> None:
    from vanban.domain.dates import today

    shown = cli.ok_json(chain, "show", "01/KH-UBND")
    assert [(x["label"], x["direction"], x["document"]["code"]) for x in shown["links"]] == [
        ("được thực hiện bởi", "in", "01/UBND-VHXH")
    ]
    assert shown["assignment"]["lead"] == "VHXH" and shown["assignment"]["support"] == ["VP"]
    assert shown["assignment"]["deadline"] == "2099-12-31"
    assert shown["days_left"] == (date(2099, 12, 31) - today()).days
    assert [(o["text"], o["quantity"], o["reported_in"]) for o in shown["outcomes"]] == [
        ("Hội nghị triển khai", 200, [])
    ]
    assert shown["attachments"] == []
    assert {a["label"] for a in shown["actions"]} >= {"Hoàn thành thực hiện", "Thu hồi"}
    letter = cli.ok_json(chain, "show", "01/UBND-VHXH")
    assert [(x["label"], x["direction"], x["document"]["code"]) for x in letter["links"]] == [
        ("thực hiện", "out", "01/KH-UBND")
    ]


def test_show_on_the_terminal_reads_whole_at_80_columns_and_offers_the_next_steps(
    chain: str, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    told = cli.ok(chain, "show", "01/KH-UBND").out
    for part in (
        "Phân công",
        "Chủ trì",
        "VHXH",
        "Phối hợp",
        "VP",
        "31/12/2099",
        "còn ",
        "Liên kết",
        "được thực hiện bởi",
        "Công văn 01/UBND-VHXH (2025)",
        "Kết quả",
        "Hội nghị triển khai — 200 người tham dự",
        "chưa báo cáo",
        "Bạn có thể",
        "hoàn thành thực hiện",
    ):
        assert part in told, part
    assert max(len(line) for line in told.splitlines()) <= 80
