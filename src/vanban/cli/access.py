"""Who may act: users and their titles, passwords, API tokens, proving the acting user, and
``vanban serve``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import click

from vanban.cli.app import Context, pass_ctx
from vanban.cli.common import nfc
from vanban.cli.params import TOKEN_ID
from vanban.cli.show import plain_table, roles_text, shown
from vanban.domain.model import User, parse_role
from vanban.errors import InputError

if TYPE_CHECKING:
    from vanban.office import Office


def typed_password(prompt: str, *, twice: bool = False) -> str:
    """A password typed at the terminal, never echoed (``twice``: typed again to confirm); from a
    pipe, its first line: getpass would warn, in English, that it cannot hide what nobody sees."""
    if sys.stdin.isatty():
        again = "Nhập lại" if twice else False
        return str(click.prompt(prompt, hide_input=True, confirmation_prompt=again, err=True))
    click.echo(f"{prompt}:", err=True)
    line = sys.stdin.readline()
    if not line:
        raise click.Abort  # nothing piped: cancelled, as Ctrl-D at the prompt
    return line.rstrip("\r\n")


def ask_password(login: str) -> str:
    """The password of ``login``, typed at the terminal or piped."""
    return typed_password(f"Mật khẩu của {login}")


def proven_login(office: Office, login: str | None) -> str | None:
    """The login the command acts as: as given while nobody has a password, else proven by a
    password asked for or by $VANBAN_TOKEN (office.auth.prove)."""
    from vanban.office import auth

    return auth.prove(office, login, token=os.environ.get("VANBAN_TOKEN"), password=ask_password)


def read_password_file(path: str) -> str:
    """The first line of a password file (kept out of the shell's history and of ps)."""
    text = Path(path).read_text(encoding="utf-8").splitlines()
    if not text or not text[0]:
        raise InputError(f"Tệp mật khẩu «{path}» trống.", hint="Ghi mật khẩu trên dòng đầu của tệp.")
    return text[0]


def new_password(password_file: str | None, login: str) -> str:
    if password_file:
        return read_password_file(password_file)
    return typed_password(f"Mật khẩu mới của {login}", twice=True)


def first_password(ctx: Context, office: Office, login: str, password_file: str | None) -> bool:
    """At init: the first administrator's password from a file, or asked for at a terminal
    (Enter alone leaves the register without passwords, as a single clerk's register is)."""
    from vanban.office import auth

    if password_file:
        password = read_password_file(password_file)
    elif sys.stdin.isatty() and not ctx.as_json:
        password = click.prompt(
            f"Mật khẩu cho {login} (Enter để bỏ qua)",
            hide_input=True,
            default="",
            show_default=False,
            err=True,
        )
        if password:
            again = click.prompt("Nhập lại", hide_input=True, err=True)
            if again != password:
                raise InputError(
                    "Hai lần nhập mật khẩu không giống nhau.", hint="Chạy lại vanban user passwd."
                )
    else:
        return False
    if not password:
        return False
    auth.set_password(office, login, password)
    return True


@click.group()
def user() -> None:
    """Người dùng và vai trò."""


@user.command("add")
@click.argument("login")
@click.option("--name", required=True, help="Họ tên.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    help="Vai trò (lặp lại được): văn thư, chuyên viên, lãnh đạo, quản trị (van_thu… cũng được).",
)
@click.option("--title", help='Chức vụ, ghi ở chữ ký khi người này ký (ví dụ "Chủ tịch").')
@pass_ctx
def user_add(ctx: Context, login: str, name: str, roles: tuple[str, ...], title: str | None) -> None:
    """Thêm người dùng với một hay nhiều vai trò."""
    added = ctx.office.add_user(
        login, name=nfc(name) or name, roles=[parse_role(r) for r in roles], title=nfc(title)
    )
    ctx.emit(
        user_json(added),
        lambda: ctx.console.print(
            f"Đã thêm {shown(added.full_name)} ({shown(added.login)})"
            + (f", {shown(added.title)}" if added.title else "")
            + f": {roles_text(added.roles)}."
        ),
    )


@user.command("title")
@click.argument("login")
@click.argument("title", required=False)
@click.option("--clear", is_flag=True, help="Bỏ chức vụ đã ghi.")
@pass_ctx
def user_title(ctx: Context, login: str, title: str | None, clear: bool) -> None:
    """Ghi chức vụ của người dùng (ví dụ: vanban user title chutich "Chủ tịch")."""
    if (title is None) == (not clear):
        raise InputError(
            "Cần đúng một trong hai: chức vụ mới, hoặc --clear để bỏ chức vụ.",
            hint='Ví dụ: vanban user title chutich "Chủ tịch".',
        )
    changed = ctx.office.set_user_title(login, None if clear else nfc(title))
    ctx.emit(
        user_json(changed),
        lambda: ctx.console.print(
            f"{shown(changed.full_name)} ({shown(changed.login)}): "
            + (f"chức vụ {shown(changed.title)}." if changed.title else "không ghi chức vụ.")
        ),
    )


def user_json(person: User) -> dict[str, object]:
    """A user as --json prints it."""
    return {
        "login": person.login,
        "name": person.full_name,
        "title": person.title,
        "roles": sorted(r.value for r in person.roles),
    }


@user.command("list")
@pass_ctx
def user_list(ctx: Context) -> None:
    """Danh sách người dùng."""
    users = ctx.office.users()

    def human() -> None:
        rows = [(u.login, u.full_name, u.title or "", roles_text(u.roles)) for u in users]
        ctx.console.print(plain_table(("Tên đăng nhập", "Họ tên", "Chức vụ", "Vai trò"), rows))

    ctx.emit([user_json(u) for u in users], human)


@user.command("passwd")
@click.argument("login")
@click.option(
    "--password-file", type=click.Path(exists=True, dir_okay=False), help="Đọc mật khẩu mới từ tệp."
)
@pass_ctx
def passwd(ctx: Context, login: str, password_file: str | None) -> None:
    """Đặt mật khẩu cho một người dùng (chính mình, hoặc quản trị đặt cho người khác)."""
    from vanban.office import auth

    office = ctx.office
    auth.set_password(office, login, new_password(password_file, login))
    ctx.emit(
        {"login": login, "password_set": True}, lambda: ctx.console.print(f"Đã đặt mật khẩu cho {login}.")
    )


@user.command("access")
@click.argument("login", required=False)
@click.option(
    "--limit", default=200, show_default=True, type=click.IntRange(1, 10_000), metavar="SỐ", help="Số dòng."
)
@pass_ctx
def access_log(ctx: Context, login: str | None, limit: int) -> None:
    """Nhật ký đăng nhập, đăng nhập sai, đăng xuất (quản trị xem của mọi người)."""
    from vanban.office import auth

    rows = auth.access_log(ctx.office, login, limit=limit)
    data = [
        {"at": at, "what": what, "login": who, "address": address, "channel": channel}
        for at, what, who, address, channel in rows
    ]

    def human() -> None:
        from datetime import datetime

        from vanban.domain.dates import moment
        from vanban.office.views import ACCESS_LABELS as labels
        from vanban.office.views import CHANNEL_LABELS

        # A failed sign-in keeps the login as typed, by anyone: shown with its controls escaped.
        table = [
            (
                moment(datetime.fromisoformat(at)),
                labels.get(w, w),
                shown(who),
                shown(a),
                CHANNEL_LABELS.get(c) or c,
            )
            for at, w, who, a, c in rows
        ]
        ctx.console.print(plain_table(("Thời điểm", "Việc", "Tên đăng nhập", "Địa chỉ", "Kênh"), table))

    ctx.emit(data, human)


@click.group()
def token() -> None:
    """Khóa API cho chương trình khác (Authorization: Bearer …)."""


@token.command("create")
@click.argument("login")
@click.option("--name", default="api", show_default=True, help="Tên gợi nhớ của khóa.")
@pass_ctx
def token_create(ctx: Context, login: str, name: str) -> None:
    """Tạo khóa API cho một người dùng; khóa chỉ in ra một lần."""
    from vanban.office import auth

    token_id, secret = auth.create_token(ctx.office, login, name)
    ctx.emit(
        {"id": token_id, "login": login, "name": name, "token": secret},
        lambda: click.echo(f"Khóa API số {token_id} của {login} (chỉ hiện một lần):\n{secret}"),
    )


@token.command("revoke")
@click.argument("login")
@click.argument("token_id", type=TOKEN_ID, metavar="SỐ")
@pass_ctx
def token_revoke(ctx: Context, login: str, token_id: int) -> None:
    """Thu hồi một khóa API."""
    from vanban.office import auth

    auth.revoke_token(ctx.office, login, token_id)
    ctx.emit(
        {"id": token_id, "revoked": True}, lambda: ctx.console.print(f"Đã thu hồi khóa API số {token_id}.")
    )


@token.command("list")
@click.argument("login")
@pass_ctx
def token_list(ctx: Context, login: str) -> None:
    """Các khóa API của một người dùng (không in khóa)."""
    from vanban.office import auth

    found = auth.tokens(ctx.office, login)
    data = [{"id": i, "name": n, "created_at": c, "revoked": r} for i, n, c, r in found]

    def human() -> None:
        for i, n, c, r in found:
            ctx.console.print(f"{i}  {n}  {c}  {'đã thu hồi' if r else 'còn hiệu lực'}")

    ctx.emit(data, human)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Địa chỉ lắng nghe.")
@click.option(
    "--port", default=8080, show_default=True, type=click.IntRange(1, 65535), metavar="CỔNG", help="Cổng."
)
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), metavar="SỐ", help="Số tiến trình."
)
@click.option(
    "--get",
    "get_path",
    metavar="ĐƯỜNG_DẪN",
    help="Chạy một yêu cầu GET trong tiến trình, in kết quả rồi thoát.",
)
@pass_ctx
def serve(ctx: Context, host: str, port: int, workers: int, get_path: str | None) -> None:
    """Chạy bàn làm việc trên trình duyệt và API REST (/api/v1, tài liệu ở /api/docs)."""
    web = _web_desk()
    if get_path is not None:
        _get(ctx, get_path)
        return
    from vanban.office import Office, auth

    # Serving acts as nobody: each request proves its own user. The register must be there, at
    # this version.
    with Office(ctx.db, channel="cli") as office:
        office.runner.check_schema()
        if auth.first_run_open(office):
            click.echo(
                f"Sổ chưa có mật khẩu: mở http://{host}:{port}/first-run để đặt mật khẩu quản trị.", err=True
            )
    click.echo(f"vanban đang chạy tại http://{host}:{port}/ (Ctrl+C để dừng).", err=True)
    web.serve(ctx.db, host=host, port=port, workers=workers)


def _web_desk() -> ModuleType:
    """The web desk's entry points; a plain ``pip install vanban`` has no web framework."""
    try:
        from vanban.web import run
    except ModuleNotFoundError as exc:
        raise InputError(
            f"Chưa cài phần bàn làm việc trên trình duyệt (thiếu gói {exc.name}).",
            hint="Cài bằng: pip install 'vanban[web]' (trong thư mục mã nguồn: pip install '.[web]').",
        ) from exc
    return run


def _get(ctx: Context, path: str) -> None:
    """One GET in process (as the proven user), its body on stdout; exit 1 for a status ≥ 400."""
    get = _web_desk().get
    if not path.startswith("/"):
        raise InputError(
            f"Đường dẫn «{path}» phải bắt đầu bằng /.", hint="Ví dụ: vanban serve --get /api/v1/status."
        )
    office = ctx.office
    status, body = get(office, path, office.login or office.me().login)
    click.echo(body)
    if status >= 400:
        sys.exit(1)


COMMANDS: tuple[click.Command, ...] = (user, token, serve)
