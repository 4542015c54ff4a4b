"""The command line's edge: --db values, arguments that are not UTF-8, files that are not text,
and the last resort for a defect. Each refusal is a Vietnamese message with an exit code, and
leaves every file as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Cli


def test_db_into_folders_that_do_not_exist_creates_nothing(cli: Cli, tmp_path: Path) -> None:
    ran = cli.run(tmp_path / "khong" / "co" / "so.sqlite", "list")
    assert ran.code == 2
    assert "chưa được khởi tạo" in ran.err
    assert list(tmp_path.iterdir()) == []


def test_an_empty_db_value_never_falls_back_to_the_default_register(cli: Cli) -> None:
    ran = cli.run("", "list")
    assert ran.code == 2
    assert "--db để trống" in ran.err


def test_a_zero_byte_file_is_left_as_it_is(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "so.sqlite"
    empty.write_bytes(b"")
    ran = cli.run(empty, "list")
    assert ran.code == 2
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["so.sqlite"]


def test_someone_elses_sqlite_database_is_refused_before_it_is_switched_to_wal(
    cli: Cli, tmp_path: Path
) -> None:
    other = tmp_path / "thuvien.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE sach (ten TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    for args in (("list",), ("init", "--org", "UBND", "--name", "Ủy ban", "--place", "P"), ("upgrade",)):
        ran = cli.run(other, *args)
        assert ran.code == 2, ran
        assert "không phải sổ văn bản của vanban" in ran.err
    assert other.read_bytes() == before  # the journal mode lives in the header: still not WAL


@pytest.mark.parametrize(
    ("db", "said"),
    [
        ("postgresql://:::", "không hợp lệ"),
        ("foo://bar", "không làm việc với cơ sở dữ liệu «foo»"),
        ("sqlite://", "thiếu đường dẫn tệp"),
        ("mysql+mysqldb://root@127.0.0.1/x", "pip install 'vanban[mysql]'"),
        ("postgresql://postgres@127.0.0.1:1/x", "Không làm việc được với cơ sở dữ liệu"),
    ],
)
def test_a_db_url_that_cannot_be_used_is_said_plainly(cli: Cli, db: str, said: str) -> None:
    ran = cli.run(db, "init", "--org", "UBND", "--name", "Ủy ban", "--place", "P")
    assert ran.code == 2, ran
    assert said in ran.err
    assert "Traceback" not in ran.err


def test_a_folder_given_to_init_is_refused(cli: Cli, tmp_path: Path) -> None:
    ran = cli.run(tmp_path, "init", "--org", "UBND", "--name", "Ủy ban", "--place", "P")
    assert ran.code == 2
    assert "là một thư mục" in ran.err


def test_arguments_that_are_not_utf8_are_refused_with_their_bytes(cli: Cli, tmp_path: Path) -> None:
    subject = b"\xff\xfe".decode("utf-8", "surrogateescape")
    ran = cli.run(tmp_path / "so.sqlite", "draft", "KH", "--subject", subject)
    assert ran.code == 2
    assert "không phải chữ UTF-8" in ran.err
    assert "\\xff\\xfe" in ran.err


def test_a_binary_body_file_and_non_utf8_stdin_are_refused(cli: Cli, tmp_path: Path) -> None:
    cli.ok(tmp_path / "so.sqlite", "init", "--org", "UBND", "--name", "Ủy ban", "--place", "P")
    binary = tmp_path / "anh.bin"
    binary.write_bytes(bytes(range(256)))
    ran = cli.run(tmp_path / "so.sqlite", "draft", "KH", "--subject", "x", "--body-file", str(binary))
    assert (ran.code, "không phải văn bản UTF-8" in ran.err) == (2, True)
    from click.testing import CliRunner

    from vanban.cli import cli as root

    piped = CliRunner().invoke(root, ["refs", "-"], input=b"90/KH-UBND \xff")
    assert piped.exit_code == 2
    assert "stdin không phải văn bản UTF-8" in piped.stderr


def test_a_defect_is_a_message_naming_the_log_with_the_traceback(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vanban.office import Office

    def broken(self: Office, *args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("lỗi thử")

    monkeypatch.setattr(Office, "documents", broken)
    monkeypatch.setenv("VANBAN_LOG_DIR", str(tmp_path / "log"))
    cli.ok(tmp_path / "so.sqlite", "init", "--org", "UBND", "--name", "Ủy ban", "--place", "P")
    ran = cli.run(tmp_path / "so.sqlite", "list")
    assert ran.code == 70
    assert "lỗi ngoài dự kiến" in ran.err
    log = tmp_path / "log" / "vanban-loi.log"
    assert str(log) in ran.err
    assert "ZeroDivisionError: lỗi thử" in log.read_text(encoding="utf-8")
    assert "Traceback" not in ran.err
