"""The root command, its global options, and the one place errors become messages and exit codes."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from vanban.cli import i18n
from vanban.errors import InputError, RuleError, VanbanError

if TYPE_CHECKING:
    from rich.console import Console

    from vanban.office import Office

F = TypeVar("F", bound=Callable[..., Any])

i18n.install()


def default_db() -> str:
    """$VANBAN_DB, else a SQLite file in the user's data folder."""
    env = os.environ.get("VANBAN_DB")
    if env:
        return env
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("vanban", appauthor=False)) / "vanban.sqlite")


@dataclass
class Context:
    db: str
    login: str | None
    as_json: bool
    # Whether --db was typed: a command with a database of its own (demo) then takes this one, so
    # --db means the same everywhere ($VANBAN_DB is not enough: a demo never lands in it).
    db_given: bool = False
    _office: Office | None = field(default=None, repr=False)
    _console: Console | None = field(default=None, repr=False)

    @property
    def office(self) -> Office:
        if self._office is None:
            from vanban.cli.access import proven_login
            from vanban.errors import SchemaError
            from vanban.office import Office

            office = Office(self.db, user=self.login, channel="cli")
            try:
                # Once anyone has a password, the command line acts only as someone who proves it.
                login = proven_login(office, self.login)
            except SchemaError:
                login = self.login  # not a register at this version: the command says so itself
            except BaseException:
                office.close()
                raise
            office.runner.login = login  # a token names its own user
            self._office = office
        return self._office

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            # Piped output keeps a readable width instead of rich's 80-column default, unless
            # COLUMNS names one (rich reads it).
            width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
            self._console = Console(highlight=False, soft_wrap=False, width=width)
        return self._console

    def emit(self, data: Any, human: Callable[[], None]) -> None:
        """One JSON document on stdout with --json, else the human view."""
        if self.as_json:
            click.echo(json_text(data))
        else:
            human()

    def say(self, text: str) -> None:
        if not self.as_json:
            self.console.print(text)

    def use(self, office: Office, db: str) -> None:
        """Work on from here with an office a command has just opened (init, demo)."""
        self.close()
        self._office = office
        self.db = db

    def close(self) -> None:
        if self._office is not None:
            self._office.close()
            self._office = None


# JSON escapes C0 controls itself; C1 controls and bidi marks are escaped too (\u009b, \u202e), so
# a stored value printed as JSON on a terminal is the same data and never acts on the screen.
_MARKS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029"
_JSON_UNSAFE = {c: f"\\u{c:04x}" for c in [*range(0x7F, 0xA0), *map(ord, _MARKS)]}


def json_text(data: Any) -> str:
    """One JSON document as vanban prints it: UTF-8, indented, nothing a terminal would obey."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).translate(_JSON_UNSAFE)


pass_ctx = click.make_pass_decorator(Context)

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


JSON_HELP = "In kết quả thành một tài liệu JSON (cho chương trình khác đọc)."


def _json_after_command(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """--json typed after the command: the same switch as before it (Context.as_json)."""
    if value:
        context = ctx.find_object(Context)
        if context is not None:
            context.as_json = True
        RootGroup.json_errors = True


def _share_json(command: click.Command) -> None:
    """Give ``command`` (every command of a group) the root's --json, so that `vanban status
    --json` means `vanban --json status` (README: every command takes --json)."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _share_json(sub)
    elif not any("--json" in p.opts for p in command.params):
        # Eager: read before the other options, so that their refusals are in JSON too.
        flag = click.Option(
            ["--json"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_json_after_command,
            help=JSON_HELP,
        )
        command.params.append(flag)


class RootGroup(click.Group):
    """The root group: it turns every VanbanError into its message and exit code, once."""

    # Set by the root callback once --json is read, so an error is reported in the same form.
    json_errors = False

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        _share_json(cmd)
        super().add_command(cmd, name)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> None:
        RootGroup.json_errors = False
        argv = list(args) if args is not None else sys.argv[1:]
        try:
            super().main(
                args=_utf8_arguments(argv),
                prog_name=prog_name or "vanban",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except VanbanError as error:
            sys.exit(_report(error))
        except click.exceptions.Abort:
            sys.exit(_report(RuleError("Đã hủy.")) if RootGroup.json_errors else _cancelled())
        except click.ClickException as error:
            if not RootGroup.json_errors:
                error.show()
                sys.exit(error.exit_code)
            _report_json(error.format_message(), _usage_hint(error), error.exit_code)
            sys.exit(error.exit_code)
        except OSError as error:
            where = f" «{error.filename}»" if error.filename else ""
            sys.exit(_report(InputError(f"Không đọc/ghi được tệp{where}: {error.strerror or error}.")))
        except Exception:
            sys.exit(_unexpected(argv))
        sys.exit(0)


UNEXPECTED_EXIT = 70  # EX_SOFTWARE: a defect of vanban, not of the input


def _unexpected(argv: list[str]) -> int:
    """The last resort: a defect. The traceback goes to a log file the message names."""
    import tempfile
    import traceback
    from datetime import datetime

    folder = os.environ.get("VANBAN_LOG_DIR")
    if not folder:
        from platformdirs import user_log_dir

        folder = user_log_dir("vanban", appauthor=False)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        log = Path(folder) / "vanban-loi.log"
        with log.open("a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} vanban {' '.join(argv)}\n")
            handle.write(traceback.format_exc())
    except OSError:
        handle_fd, name = tempfile.mkstemp(prefix="vanban-loi-", suffix=".log")
        with os.fdopen(handle_fd, "w", encoding="utf-8") as handle:
            handle.write(traceback.format_exc())
        log = Path(name)
    click.echo("Lỗi: vanban gặp lỗi ngoài dự kiến; sổ không bị thay đổi bởi thao tác dở dang.", err=True)
    click.echo(f"Gợi ý: Chi tiết kỹ thuật đã ghi vào {log}. Gửi tệp này cho người bảo trì vanban.", err=True)
    return UNEXPECTED_EXIT


def _utf8_arguments(args: list[str]) -> list[str]:
    """Refuse arguments that were not UTF-8 (Python keeps their bytes as lone surrogates)."""
    for position, arg in enumerate(args, start=1):
        if any("\ud800" <= c <= "\udfff" for c in arg):
            raw = arg.encode("utf-8", "surrogateescape")
            raise InputError(
                f"Tham số thứ {position} không phải chữ UTF-8 hợp lệ (byte {raw[:40]!r}).",
                hint="Đặt bảng mã của terminal là UTF-8 (ví dụ LANG=vi_VN.UTF-8) rồi gõ lại.",
            )
    return args


@click.group(cls=RootGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--db",
    metavar="URL|ĐƯỜNG_DẪN",
    help="Cơ sở dữ liệu (mặc định $VANBAN_DB, hoặc tệp SQLite của người dùng).",
)
@click.option(
    "--as", "login", metavar="TÊN_ĐĂNG_NHẬP", help="Thao tác với tư cách người dùng này ($VANBAN_USER)."
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.version_option(package_name="vanban", prog_name="vanban")
@click.pass_context
def cli(ctx: click.Context, db: str | None, login: str | None, as_json: bool) -> None:
    """vanban — sổ đăng ký và theo dõi văn bản theo Nghị định 30/2020/NĐ-CP."""
    if db is not None and not db.strip():
        raise InputError(
            "--db để trống.",
            hint="Ghi đường dẫn tệp sổ hoặc địa chỉ máy chủ, hoặc bỏ --db để dùng sổ mặc định.",
        )
    if db is not None and re.fullmatch(r"sqlite(\+\w+)?:///?(:memory:)?|:memory:", db.strip()):
        # A register in memory (for a host's tests) would be gone when the command ends.
        raise InputError(
            "Địa chỉ sqlite:// thiếu đường dẫn tệp: sổ trong bộ nhớ mất ngay khi lệnh chạy xong.",
            hint="Ví dụ: sqlite:///duong/dan/so.sqlite.",
        )
    if login is not None:
        from vanban.domain.text import clean_login

        login = clean_login(login)
    RootGroup.json_errors = as_json
    given = db is not None
    context = Context(db or default_db(), login or os.environ.get("VANBAN_USER"), as_json, db_given=given)
    ctx.obj = context
    ctx.call_on_close(context.close)


def parse_date_option(
    _ctx: click.Context | None, _param: click.Parameter | None, value: str | None
) -> date | None:
    if value is None:
        return None
    from vanban.domain.dates import parse_date

    return parse_date(value)


def date_option(*names: str, help: str) -> Callable[[F], F]:
    return click.option(*names, callback=parse_date_option, metavar="NGÀY", help=help)


def _cancelled() -> int:
    click.echo("Đã hủy.", err=True)
    return 1


def _usage_hint(error: click.ClickException) -> str | None:
    context = getattr(error, "ctx", None)
    if context is None:
        return None
    return f"Xem: {context.command_path} --help"


def _report_json(message: str, hint: str | None, exit_code: int, field: str | None = None) -> None:
    """The error as one JSON object on stderr, for a program that asked for --json; "field"
    names the input refused when the error is about one (VanbanError.field)."""
    body: dict[str, str | int | None] = {"error": message, "hint": hint, "exit_code": exit_code}
    if field is not None:
        body["field"] = field
    click.echo(json.dumps(body, ensure_ascii=False).translate(_JSON_UNSAFE), err=True)


def _report(error: VanbanError) -> int:
    from vanban.domain.text import safe_text

    if RootGroup.json_errors:
        _report_json(error.message, error.hint, error.exit_code, error.field)
        return error.exit_code

    # A message may quote what was typed: controls in it are shown as codes, never obeyed.
    click.echo(f"Lỗi: {safe_text(error.message)}", err=True)
    if error.hint:
        click.echo(f"Gợi ý: {safe_text(error.hint)}", err=True)
    return error.exit_code


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``vanban`` command (always ends in ``sys.exit``)."""
    cli.main(args=argv, prog_name="vanban")
