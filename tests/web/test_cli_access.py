"""The command line once people have passwords: proving who acts, passwords, tokens, serve --get."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vanban import Office

INIT = ["init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái"]


def test_a_register_without_passwords_works_as_it_always_did(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, *INIT)
    cli.ok(db, "user", "add", "vanthu", "--name", "Trần Thị Thư", "--role", "van_thu")
    assert cli.ok_json(db, "--as", "vanthu", "draft", "KH", "--subject", "Kế hoạch")["status"] == "drafted"


def test_init_with_a_password_file_then_every_command_asks_who_acts(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VANBAN_TOKEN", raising=False)
    db = tmp_path / "x.sqlite"
    secret = tmp_path / "admin.txt"
    secret.write_text("mật khẩu quản trị dài\n", encoding="utf-8")
    cli.ok(db, *INIT, "--password-file", str(secret))
    anonymous = cli.run(db, "list")
    assert anonymous.code == 1 and "cần cho biết bạn là ai" in anonymous.err
    wrong = cli.run(db, "--as", "admin", "list", input="sai mật khẩu\n")
    assert wrong.code == 1 and "không đúng" in wrong.err
    assert cli.ok(db, "--as", "admin", "list", input="mật khẩu quản trị dài\n")
    cli.ok(db, "--as", "admin", "user", "add", "tracuu", "--name", "Tra Cứu", "--role", "tra_cuu",
           input="mật khẩu quản trị dài\n")  # fmt: skip
    new = tmp_path / "tracuu.txt"
    new.write_text("mật khẩu tra cứu dài\n", encoding="utf-8")
    cli.ok(db, "--as", "admin", "user", "passwd", "tracuu", "--password-file", str(new),
           input="mật khẩu quản trị dài\n")  # fmt: skip
    refused = cli.run(db, "--as", "tracuu", "draft", "KH", "--subject", "x", input="mật khẩu tra cứu dài\n")
    assert refused.code == 1 and "không được soạn văn bản" in refused.err
    reader_events = [e for e in Office(str(db)).office_events() if e.trigger == "password_set"]
    assert [e.data for e in reader_events] == [{"login": "admin"}, {"login": "tracuu"}]


def test_an_api_token_in_vanban_token_proves_its_user_and_a_revoked_one_does_not(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VANBAN_TOKEN", raising=False)
    db = tmp_path / "x.sqlite"
    secret = tmp_path / "admin.txt"
    secret.write_text("mật khẩu quản trị dài\n", encoding="utf-8")
    cli.ok(db, *INIT, "--password-file", str(secret))
    made = cli.ok(db, "--as", "admin", "--json", "token", "create", "admin", input="mật khẩu quản trị dài\n")
    token = made.json["token"]
    monkeypatch.setenv("VANBAN_TOKEN", token)
    drafted = cli.ok_json(db, "draft", "KH", "--subject", "Kế hoạch")
    assert drafted["status"] == "drafted"
    assert cli.run(db, "--as", "khac", "list").code == 1  # the token is admin's, not another's
    cli.ok(db, "token", "revoke", "admin", str(made.json["id"]))
    assert cli.run(db, "list").code == 1


def test_serve_get_answers_one_request_in_process(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    cli.ok(db, *INIT)
    ran = cli.ok(db, "serve", "--get", "/api/v1/me")
    assert '"login":"admin"' in ran.out
    assert cli.ok(db, "serve", "--get", "/status").out.startswith("<!doctype html>")
    assert cli.run(db, "serve", "--get", "/api/v1/documents/99").code == 1


def test_a_piped_password_is_read_from_stdin_with_the_vietnamese_prompt_and_no_warning(
    cli: Any, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    db = tmp_path / "x.sqlite"
    secret = tmp_path / "admin.txt"
    secret.write_text("mật khẩu quản trị dài\n", encoding="utf-8")
    cli.ok(db, *INIT, "--password-file", str(secret))
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANBAN_")}
    env["PYTHONIOENCODING"] = "utf-8"

    def piped(password: str) -> subprocess.CompletedProcess[str]:
        # A session of its own: no terminal to fall back on, as in a script or a cron job.
        return subprocess.run(
            [sys.executable, "-m", "vanban", "--db", str(db), "--as", "admin", "--json", "list"],
            input=password,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            start_new_session=True,
            check=False,
            timeout=60,
        )

    done = piped("mật khẩu quản trị dài\n")
    assert done.returncode == 0 and done.stdout.strip() == "[]"
    assert done.stderr == "Mật khẩu của admin:\n"  # no GetPassWarning, nothing in English
    wrong = piped("sai\n")
    assert wrong.returncode == 1 and "Warning" not in wrong.stderr and "không đúng" in wrong.stderr
    nothing = piped("")
    assert nothing.returncode == 1 and "Đã hủy" in nothing.stderr and "Warning" not in nothing.stderr
