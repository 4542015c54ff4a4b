"""Setting up a register: init, upgrade, demo, and the office's organizations, units, users,
number series and lifecycles."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vanban.cli.app import Context, pass_ctx
from vanban.cli.common import nfc
from vanban.cli.params import NEXT_NUMBER, POLICIES, YEAR, Words
from vanban.cli.show import plain_table, roles_text, shown, status_view, trace_tree
from vanban.domain.dates import short
from vanban.domain.numbering import parse_policy, series_label
from vanban.errors import InputError

if TYPE_CHECKING:
    from vanban.office import Office


@click.command()
@click.option("--org", "org_code", required=True, help="Chữ viết tắt của cơ quan, ví dụ UBND.")
@click.option("--name", required=True, help='Tên cơ quan, ví dụ "Ủy ban nhân dân xã Phú Thái".')
@click.option("--place", required=True, help='Địa danh ghi ở dòng ngày tháng, ví dụ "Phú Thái".')
@click.option("--parent", help='Cơ quan chủ quản, ví dụ "UBND thành phố Hải Phòng".')
@click.option(
    "--login", default="admin", show_default=True, help="Tên đăng nhập của người quản trị đầu tiên."
)
@click.option("--full-name", help="Họ tên người quản trị.")
@click.option(
    "--numbering",
    type=Words(POLICIES),
    default="mỗi-loại",
    show_default=True,
    help="Cách cấp số: mỗi loại văn bản một sổ số, hoặc một sổ số chung.",
)
@click.option(
    "--password-file",
    type=click.Path(exists=True, dir_okay=False),
    help="Mật khẩu của người quản trị (dòng đầu của tệp); không có: hỏi khi chạy ở cửa sổ lệnh.",
)
@click.option(
    "--another-office",
    is_flag=True,
    help="Thêm một cơ quan nữa vào cơ sở dữ liệu đã có sổ của cơ quan khác.",
)
@pass_ctx
def init(
    ctx: Context,
    org_code: str,
    name: str,
    place: str,
    parent: str | None,
    login: str,
    full_name: str | None,
    numbering: str,
    password_file: str | None,
    another_office: bool,
) -> None:
    """Tạo (hoặc nâng cấp) cơ sở dữ liệu, cơ quan và người quản trị đầu tiên."""
    from vanban.office import Office

    office = Office.init(
        ctx.db,
        org=org_code,
        name=nfc(name) or name,
        place=nfc(place) or place,
        parent=nfc(parent),
        login=login,
        full_name=nfc(full_name),
        numbering=parse_policy(numbering),
        another_office=another_office,
        channel="cli",
    )
    ctx.use(office, ctx.db)
    from vanban.cli.access import first_password

    first_password(ctx, office, login, password_file)
    org = office.office()
    ctx.emit(
        {"db": ctx.db, "office": {"code": org.code, "name": org.name, "place": org.place}, "login": login},
        lambda: ctx.console.print(
            f"Đã khởi tạo sổ văn bản của [bold]{shown(org.name)}[/bold] tại {shown(ctx.db)} "
            f"(người quản trị: {shown(login)})."
        ),
    )


@click.command()
@pass_ctx
def upgrade(ctx: Context) -> None:
    """Nâng cấp cơ sở dữ liệu lên phiên bản mới nhất của vanban."""
    from vanban.office import Office

    before, after = Office.upgrade(ctx.db)
    ctx.emit(
        {"db": ctx.db, "from": before, "to": after},
        lambda: ctx.console.print(
            f"Cơ sở dữ liệu đã ở phiên bản {after}."
            if before == after
            else f"Đã nâng cấp từ {before} lên {after}."
        ),
    )


@click.group()
def org() -> None:
    """Cơ quan, tổ chức gửi và nhận văn bản."""


@org.command("add")
@click.argument("code")
@click.argument("name")
@click.option("--parent", help="Cơ quan chủ quản.")
@click.option("--place", help="Địa danh.")
@click.option("--id", "madinhdanh", help="Mã định danh điện tử, ví dụ 000.00.00.H30.")
@pass_ctx
def org_add(
    ctx: Context, code: str, name: str, parent: str | None, place: str | None, madinhdanh: str | None
) -> None:
    """Thêm một cơ quan bên ngoài."""
    added = ctx.office.add_org(
        code, nfc(name) or name, parent=nfc(parent), place=nfc(place), madinhdanh=madinhdanh
    )
    ctx.emit(
        {"id": added.id, "code": added.code, "name": added.name},
        lambda: ctx.console.print(f"Đã thêm cơ quan {shown(added.code)} – {shown(added.name)}."),
    )


@org.command("list")
@pass_ctx
def org_list(ctx: Context) -> None:
    """Danh sách cơ quan."""
    from rich.table import Table

    orgs = ctx.office.orgs()

    def human() -> None:
        table = Table()
        for col in ("#", "Mã", "Tên", "Cơ quan chủ quản", "Mã định danh", "Sổ của ta"):
            table.add_column(col, overflow="fold")
        for o in orgs:
            table.add_row(
                str(o.id),
                *(shown(x) for x in (o.code, o.name, o.parent_name, o.madinhdanh)),
                "có" if o.own else "",
            )
        ctx.console.print(table)

    ctx.emit([{"id": o.id, "code": o.code, "name": o.name, "own": o.own} for o in orgs], human)


@click.group()
def unit() -> None:
    """Đơn vị soạn thảo."""


@unit.command("add")
@click.argument("code")
@click.argument("name")
@pass_ctx
def unit_add(ctx: Context, code: str, name: str) -> None:
    """Thêm đơn vị soạn thảo (dùng trong ký hiệu công văn)."""
    added = ctx.office.add_unit(code, nfc(name) or name)
    ctx.emit(
        {"code": added.code, "name": added.name},
        lambda: ctx.console.print(f"Đã thêm đơn vị {shown(added.code)}."),
    )


@unit.command("list")
@pass_ctx
def unit_list(ctx: Context) -> None:
    """Danh sách đơn vị."""
    units = ctx.office.units()

    def human() -> None:
        if not units:
            ctx.console.print("Chưa có đơn vị nào.")
            return
        ctx.console.print(plain_table(("Mã", "Tên"), [(u.code, u.name) for u in units]))

    ctx.emit([{"code": u.code, "name": u.name} for u in units], human)


@click.group()
def series() -> None:
    """Sổ số văn bản đi, văn bản đến."""


@series.command("set")
@click.argument("type_key", metavar="LOẠI|DEN")
@click.option("--year", type=YEAR, required=True, help="Năm của sổ.")
@click.option("--next", "next_number", type=NEXT_NUMBER, required=True, help="Số sẽ cấp tiếp theo.")
@click.option("--secret", is_flag=True, help="Sổ văn bản mật của loại này.")
@pass_ctx
def series_set(ctx: Context, type_key: str, year: int, next_number: int, secret: bool) -> None:
    """Đặt số tiếp theo của một sổ (khi bắt đầu dùng vanban giữa năm); DEN (hoặc «đến») là sổ văn bản đến."""
    state = ctx.office.set_series(type_key, year=year, next_number=next_number, secret=secret)
    ctx.emit(
        {"year": state.year, "key": state.key, "next": state.last_number + 1},
        lambda: ctx.console.print(
            f"Sổ {series_label(state.key)} năm {state.year}: số tiếp theo là {state.last_number + 1}."
        ),
    )


@series.command("next")
@click.argument("type_key", metavar="LOẠI|DEN")
@click.option("--year", type=YEAR, help="Năm của sổ (mặc định: năm nay).")
@click.option("--secret", is_flag=True, help="Sổ văn bản mật của loại này.")
@pass_ctx
def series_next(ctx: Context, type_key: str, year: int | None, secret: bool) -> None:
    """Số mà văn bản tiếp theo sẽ nhận, chỉ xem, không lấy số."""
    state = ctx.office.next_in_series(type_key, year=year, secret=secret)
    ctx.emit(
        {
            "year": state.year,
            "key": state.key,
            "label": series_label(state.key),
            "next": state.last_number + 1,
        },
        lambda: ctx.console.print(
            f"Sổ {series_label(state.key)} năm {state.year}: văn bản tiếp theo sẽ nhận số "
            f"{state.last_number + 1} (chưa cấp)."
        ),
    )


@series.command("list")
@click.option("--year", type=YEAR, help="Chỉ năm này.")
@pass_ctx
def series_list(ctx: Context, year: int | None) -> None:
    """Các sổ số và số đã cấp."""
    from rich.table import Table

    states = ctx.office.series(year)

    def human() -> None:
        if not states:
            ctx.console.print("Chưa có sổ số nào.")
            return
        table = Table()
        for col in ("Năm", "Sổ", "Số cuối đã cấp", "Ngày cuối", "Số tiếp theo"):
            table.add_column(col, overflow="fold")
        for s in states:
            table.add_row(
                str(s.year),
                series_label(s.key),
                str(s.last_number),
                short(s.last_date),
                str(s.last_number + 1),
            )
        ctx.console.print(table)

    ctx.emit(
        [
            {
                "year": s.year,
                "key": s.key,
                "label": series_label(s.key),
                "last": s.last_number,
                "last_date": s.last_date,
            }
            for s in states
        ],
        human,
    )


@series.command("policy")
@click.argument("policy", type=Words(POLICIES))
@pass_ctx
def series_policy(ctx: Context, policy: str) -> None:
    """Chọn cách cấp số: mỗi loại một sổ, hoặc một sổ chung (văn bản mật luôn riêng)."""
    from vanban.domain.numbering import POLICY_LABELS

    chosen = parse_policy(policy)
    ctx.office.set_policy(chosen)
    ctx.emit({"policy": chosen.value}, lambda: ctx.console.print(f"Cách cấp số: {POLICY_LABELS[chosen]}."))


@click.group()
def workflow() -> None:
    """Vòng đời văn bản (tệp TOML trong workflows/)."""


@workflow.command("list")
@pass_ctx
def workflow_list(ctx: Context) -> None:
    """Các vòng đời đang dùng."""
    from vanban.office.service import configured_workflows

    flows = list(configured_workflows())

    def human() -> None:
        rows = [
            (wf.name, wf.label, f"{len(wf.states)} trạng thái, {len(wf.transitions)} thao tác")
            for wf in flows
        ]
        ctx.console.print(plain_table(("Tên", "Vòng đời", "Gồm"), rows))

    ctx.emit(
        [
            {"name": wf.name, "label": wf.label, "direction": wf.direction, "types": sorted(wf.types)}
            for wf in flows
        ],
        human,
    )


@workflow.command("show")
@click.argument("name")
@click.option("--mermaid", is_flag=True, help="In sơ đồ Mermaid.")
@pass_ctx
def workflow_show(ctx: Context, name: str, mermaid: bool) -> None:
    """Trạng thái và thao tác của một vòng đời."""
    from rich.table import Table

    from vanban.office.service import configured_workflows

    wf = configured_workflows().get(name)
    if mermaid:
        ctx.emit({"name": wf.name, "mermaid": wf.to_mermaid()}, lambda: click.echo(wf.to_mermaid()))
        return

    def human() -> None:
        states = Table(title=shown(f"{wf.label} ({wf.name})"), title_justify="left")
        # Labels first; the names are the keys of the lifecycle file, for whoever edits it.
        for col in ("Trạng thái", "Tên trong tệp", "Mã edXML", "Ghi chú"):
            states.add_column(col, overflow="fold")
        for s in wf.states.values():
            notes = ", ".join(
                x
                for x, on in (
                    ("bắt đầu", s.name == wf.initial),
                    ("cấp số", s.allocates_number),
                    ("đang mở", s.open),
                    ("kết thúc", s.final),
                )
                if on
            )
            states.add_row(s.label, s.name, s.edxml or "", notes)
        ctx.console.print(states)
        moves = Table()
        for col in ("Thao tác", "Tên trong tệp", "Từ", "Đến", "Vai trò"):
            moves.add_column(col, overflow="fold")
        for t in wf.transitions:
            moves.add_row(
                t.label,
                t.trigger,
                ", ".join(wf.label_of(s) for s in t.sources),
                wf.label_of(t.dest),
                roles_text(t.roles),
            )
        ctx.console.print(moves)

    ctx.emit(
        {
            "name": wf.name,
            "label": wf.label,
            "initial": wf.initial,
            "states": [{"name": s.name, "label": s.label, "edxml": s.edxml} for s in wf.states.values()],
            "transitions": [
                {
                    "trigger": t.trigger,
                    "label": t.label,
                    "source": list(t.sources),
                    "dest": t.dest,
                    "roles": sorted(t.roles),
                }
                for t in wf.transitions
            ],
        },
        human,
    )


@workflow.command("check")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@pass_ctx
def workflow_check(ctx: Context, folder: str) -> None:
    """Kiểm tra một thư mục tệp vòng đời; báo từng lỗi kèm tên tệp."""
    from vanban.domain.workflow_files import check_folder

    faults = check_folder(Path(folder))
    if faults:
        raise_faults = "\n".join(faults)
        from vanban.errors import WorkflowError

        raise WorkflowError(f"Thư mục {folder} có {len(faults)} lỗi:\n{raise_faults}")
    ctx.emit(
        {"folder": folder, "faults": []},
        lambda: ctx.console.print(f"Các tệp vòng đời trong {folder} đều hợp lệ."),
    )


@click.command()
@click.option("--db", "path", type=click.Path(dir_okay=False), help="Tệp SQLite mới (mặc định: một tệp tạm).")
@click.option("--yes", is_flag=True, help="Ghi đè tệp đã có mà không hỏi.")
@pass_ctx
def demo(ctx: Context, path: str | None, yes: bool) -> None:
    """Nạp chuỗi văn bản năm 2025 của xã Phú Thái vào một cơ sở dữ liệu mới, in tình hình và truy vết."""
    from vanban.office.demo import build_demo

    if path and ctx.db_given and path != ctx.db:
        raise InputError(
            f"Hai cơ sở dữ liệu khác nhau cho một lệnh: --db {shown(ctx.db)} và demo --db {shown(path)}.",
            hint="Chỉ ghi một lần: vanban --db TỆP demo.",
        )
    chosen = path or (ctx.db if ctx.db_given else None)
    if chosen and "://" in chosen:
        # A server database is never wiped here: an office already in it refuses the demo.
        office, report = build_demo(chosen)
        ctx.use(office, chosen)
        show_demo(ctx, office, report, chosen)
        return
    target = Path(chosen) if chosen else Path(tempfile.mkdtemp(prefix="vanban-demo-")) / "demo.sqlite"
    if target.exists() and target.stat().st_size > 0:
        if not yes:
            click.confirm(f"Tệp {target} đã có dữ liệu. Xóa và nạp lại dữ liệu mẫu?", abort=True, err=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    office, report = build_demo(target)
    ctx.use(office, str(target))
    show_demo(ctx, office, report, str(target))


def show_demo(ctx: Context, office: Office, report: str, where: str) -> None:
    """What the demo loaded: its status and the trace of the request, as JSON or tables."""
    from vanban.office.demo import REQUEST
    from vanban.office.views import status_json, trace_json

    status = office.status(as_of=None)
    found = office.trace(REQUEST)
    if ctx.as_json:
        ctx.emit(
            {
                "db": where,
                "report": report,
                "status": status_json(office, status),
                "trace": trace_json(office, found),
            },
            lambda: None,
        )
        return
    console = ctx.console
    console.print(f"[bold]Dữ liệu mẫu xã Phú Thái[/bold] đã nạp vào {shown(where)}")
    console.print(shown(f"Xem tiếp: vanban --db {where} trace {REQUEST}  ·  vanban --db {where} status\n"))
    status_view(console, office, status)
    console.print()
    trace_tree(console, office, found)


COMMANDS: tuple[click.Command, ...] = (init, upgrade, demo, org, unit, series, workflow)
