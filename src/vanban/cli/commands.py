"""The commands of the contract in design.md: parse, call the office, print."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import click

from vanban.cli.app import Context, cli, date_option, pass_ctx
from vanban.cli.show import (
    doc_title,
    document_panel,
    documents_table,
    history_table,
    roles_text,
    status_view,
    trace_tree,
)
from vanban.domain.dates import short
from vanban.domain.model import Direction, parse_link_kind, parse_role, parse_secrecy, parse_urgency
from vanban.domain.numbering import parse_policy, series_label
from vanban.errors import InputError


def _nfc(text: str | None) -> str | None:
    return unicodedata.normalize("NFC", text) if text is not None else None


def _emit_document(ctx: Context, doc_id: int, message: str) -> None:
    from vanban.office.views import document_json

    office = ctx.office
    doc = office.get(doc_id)
    ctx.emit(document_json(office, doc), lambda: ctx.console.print(message))


# ---------------------------------------------------------------------------- setup


@cli.command()
@click.option("--org", "org_code", required=True, help="Chữ viết tắt của cơ quan, ví dụ UBND.")
@click.option("--name", required=True, help='Tên cơ quan, ví dụ "Ủy ban nhân dân xã Phú Thái".')
@click.option("--place", required=True, help='Địa danh ghi ở dòng ngày tháng, ví dụ "Phú Thái".')
@click.option("--parent", help='Cơ quan chủ quản, ví dụ "UBND thành phố Hải Phòng".')
@click.option(
    "--login", default="admin", show_default=True, help="Tên đăng nhập của người quản trị đầu tiên."
)
@click.option("--full-name", help="Họ tên người quản trị.")
@click.option("--numbering", default="per-type", show_default=True, help="Cách cấp số: per-type hoặc shared.")
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
) -> None:
    """Tạo (hoặc nâng cấp) cơ sở dữ liệu, cơ quan và người quản trị đầu tiên."""
    from vanban.office import Office

    office = Office.init(
        ctx.db,
        org=org_code,
        name=_nfc(name) or name,
        place=_nfc(place) or place,
        parent=_nfc(parent),
        login=login,
        full_name=_nfc(full_name),
        numbering=parse_policy(numbering),
    )
    ctx._office = office
    org = office.office()
    ctx.emit(
        {"db": ctx.db, "office": {"code": org.code, "name": org.name, "place": org.place}, "login": login},
        lambda: ctx.console.print(
            f"Đã khởi tạo sổ văn bản của [bold]{org.name}[/bold] tại {ctx.db} (người quản trị: {login})."
        ),
    )


@cli.command()
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


@cli.group()
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
        code, _nfc(name) or name, parent=_nfc(parent), place=_nfc(place), madinhdanh=madinhdanh
    )
    ctx.emit(
        {"id": added.id, "code": added.code, "name": added.name},
        lambda: ctx.console.print(f"Đã thêm cơ quan {added.code} – {added.name}."),
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
            table.add_column(col)
        for o in orgs:
            table.add_row(
                str(o.id), o.code, o.name, o.parent_name or "", o.madinhdanh or "", "có" if o.own else ""
            )
        ctx.console.print(table)

    ctx.emit([{"id": o.id, "code": o.code, "name": o.name, "own": o.own} for o in orgs], human)


@cli.group()
def unit() -> None:
    """Đơn vị soạn thảo."""


@unit.command("add")
@click.argument("code")
@click.argument("name")
@pass_ctx
def unit_add(ctx: Context, code: str, name: str) -> None:
    """Thêm đơn vị soạn thảo (dùng trong ký hiệu công văn)."""
    added = ctx.office.add_unit(code, _nfc(name) or name)
    ctx.emit(
        {"code": added.code, "name": added.name}, lambda: ctx.console.print(f"Đã thêm đơn vị {added.code}.")
    )


@unit.command("list")
@pass_ctx
def unit_list(ctx: Context) -> None:
    """Danh sách đơn vị."""
    units = ctx.office.units()

    def human() -> None:
        for u in units:
            ctx.console.print(f"{u.code}\t{u.name}")
        if not units:
            ctx.console.print("Chưa có đơn vị nào.")

    ctx.emit([{"code": u.code, "name": u.name} for u in units], human)


@cli.group()
def user() -> None:
    """Người dùng và vai trò."""


@user.command("add")
@click.argument("login")
@click.option("--name", required=True, help="Họ tên.")
@click.option(
    "--role", "roles", multiple=True, required=True, help="van_thu, chuyen_vien, lanh_dao, quan_tri."
)
@pass_ctx
def user_add(ctx: Context, login: str, name: str, roles: tuple[str, ...]) -> None:
    """Thêm người dùng với một hay nhiều vai trò."""
    added = ctx.office.add_user(login, name=_nfc(name) or name, roles=[parse_role(r) for r in roles])
    ctx.emit(
        {"login": added.login, "name": added.full_name, "roles": sorted(r.value for r in added.roles)},
        lambda: ctx.console.print(f"Đã thêm {added.full_name} ({added.login}): {roles_text(added.roles)}."),
    )


@user.command("list")
@pass_ctx
def user_list(ctx: Context) -> None:
    """Danh sách người dùng."""
    users = ctx.office.users()

    def human() -> None:
        for u in users:
            ctx.console.print(f"{u.login}\t{u.full_name}\t{roles_text(u.roles)}")

    ctx.emit(
        [{"login": u.login, "name": u.full_name, "roles": sorted(r.value for r in u.roles)} for u in users],
        human,
    )


@cli.group()
def series() -> None:
    """Sổ số văn bản đi, văn bản đến."""


@series.command("set")
@click.argument("type_key", metavar="LOẠI")
@click.option("--year", type=int, required=True, help="Năm của sổ.")
@click.option("--next", "next_number", type=int, required=True, help="Số sẽ cấp tiếp theo.")
@click.option("--secret", is_flag=True, help="Sổ văn bản mật của loại này.")
@pass_ctx
def series_set(ctx: Context, type_key: str, year: int, next_number: int, secret: bool) -> None:
    """Đặt số tiếp theo của một sổ (khi bắt đầu dùng vanban giữa năm)."""
    state = ctx.office.set_series(type_key, year=year, next_number=next_number, secret=secret)
    ctx.emit(
        {"year": state.year, "key": state.key, "next": state.last_number + 1},
        lambda: ctx.console.print(
            f"Sổ {series_label(state.key)} năm {state.year}: số tiếp theo là {state.last_number + 1}."
        ),
    )


@series.command("list")
@click.option("--year", type=int, help="Chỉ năm này.")
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
            table.add_column(col)
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
@click.argument("policy", metavar="per-type|shared")
@pass_ctx
def series_policy(ctx: Context, policy: str) -> None:
    """Chọn cách cấp số: mỗi loại một sổ, hoặc một sổ chung (văn bản mật luôn riêng)."""
    from vanban.domain.numbering import POLICY_LABELS

    chosen = parse_policy(policy)
    ctx.office.set_policy(chosen)
    ctx.emit({"policy": chosen.value}, lambda: ctx.console.print(f"Cách cấp số: {POLICY_LABELS[chosen]}."))


# ---------------------------------------------------------------------------- documents


def _body(path: str | None) -> str | None:
    if path is None:
        return None
    text = Path(path).read_text(encoding="utf-8")
    return unicodedata.normalize("NFC", text)


@cli.command()
@click.argument("type_key", metavar="LOẠI")
@click.option("--subject", required=True, help="Trích yếu nội dung.")
@click.option("--unit", help="Đơn vị soạn thảo (bắt buộc với công văn).")
@date_option("--deadline", help="Thời hạn thực hiện.")
@click.option("--urgency", help="Mức độ khẩn: khẩn, thượng khẩn, hỏa tốc.")
@click.option("--secrecy", help="Độ mật: mật, tối mật, tuyệt mật.")
@click.option("--body-file", type=click.Path(exists=True, dir_okay=False), help="Tệp văn bản chứa nội dung.")
@click.option("--to", "recipients", multiple=True, help="Nơi nhận (có thể lặp lại).")
@pass_ctx
def draft(
    ctx: Context,
    type_key: str,
    subject: str,
    unit: str | None,
    deadline: date | None,
    urgency: str | None,
    secrecy: str | None,
    body_file: str | None,
    recipients: tuple[str, ...],
) -> None:
    """Tạo dự thảo văn bản đi; in mã của nó."""
    doc = ctx.office.draft(
        type_key,
        subject=_nfc(subject) or subject,
        unit=unit,
        deadline=deadline,
        urgency=parse_urgency(urgency) if urgency else None,
        secrecy=parse_secrecy(secrecy) if secrecy else None,
        body=_body(body_file),
        recipients=[_nfc(r) or r for r in recipients],
    )
    _emit_document(ctx, doc.id, f"Đã tạo dự thảo #{doc.id}: {doc_title(doc)} — {doc.subject}")


@cli.command()
@click.argument("ref")
@date_option("--date", "on", help="Ngày ban hành (mặc định hôm nay).")
@click.option("--signer", help="Họ tên người ký.")
@click.option("--title", help='Chức vụ người ký, ví dụ "Chủ tịch".')
@click.option("--authority", help="TM., KT., Q., TL., TUQ.")
@click.option("--year", type=int, help="Năm, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def issue(
    ctx: Context,
    ref: str,
    on: date | None,
    signer: str | None,
    title: str | None,
    authority: str | None,
    year: int | None,
) -> None:
    """Cấp số, vào sổ và ban hành văn bản; in số, ký hiệu."""
    doc = ctx.office.issue(ref, on=on, signer=_nfc(signer), title=_nfc(title), authority=authority, year=year)
    ctx.emit(_doc_json(ctx, doc.id), lambda: ctx.console.print(doc.code or ""))


def _doc_json(ctx: Context, doc_id: int) -> dict[str, object]:
    from vanban.office.views import document_json

    return document_json(ctx.office, ctx.office.get(doc_id))


@cli.command()
@click.argument("code", metavar="SỐ_KÝ_HIỆU")
@click.option("--from", "sender", required=True, help="Cơ quan gửi (mã hoặc tên).")
@date_option("--date", "on", help="Ngày của văn bản.")
@click.option("--subject", required=True, help="Trích yếu.")
@click.option("--type", "type_key", help="Loại văn bản (mặc định theo ký hiệu).")
@date_option("--deadline", help="Thời hạn giải quyết.")
@date_option("--arrived", help="Ngày đến (mặc định hôm nay).")
@click.option("--urgency", help="Mức độ khẩn.")
@pass_ctx
def receive(
    ctx: Context,
    code: str,
    sender: str,
    on: date | None,
    subject: str,
    type_key: str | None,
    deadline: date | None,
    arrived: date | None,
    urgency: str | None,
) -> None:
    """Vào sổ văn bản đến; in số đến."""
    if on is None:
        raise InputError("Thiếu ngày của văn bản.", hint="Thêm --date, ví dụ --date 12/11/2025.")
    doc = ctx.office.receive(
        code,
        sender=sender,
        on=on,
        subject=_nfc(subject) or subject,
        type_key=type_key,
        deadline=deadline,
        arrived=arrived,
        urgency=parse_urgency(urgency) if urgency else None,
    )
    ctx.emit(
        _doc_json(ctx, doc.id),
        lambda: ctx.console.print(
            f"Số đến {doc.arrival_number} ngày {short(doc.arrival_date)}: {doc.code} của {doc.issuer_name}"
        ),
    )


@cli.command("do")
@click.argument("ref")
@click.argument("trigger")
@click.option("--note", help="Ghi chú vào lịch sử.")
@click.option("--year", type=int, help="Năm, khi số ký hiệu trùng giữa các năm.")
@pass_ctx
def do(ctx: Context, ref: str, trigger: str, note: str | None, year: int | None) -> None:
    """Thực hiện một bước trong vòng đời văn bản (submit, sign, issue, start, complete…)."""
    doc = ctx.office.fire(ref, trigger, note=_nfc(note), year=year)
    ctx.emit(
        _doc_json(ctx, doc.id),
        lambda: ctx.console.print(f"{doc_title(doc)}: {ctx.office.status_label(doc)}"),
    )


@cli.command()
@click.argument("ref")
@click.option("--year", type=int)
@pass_ctx
def actions(ctx: Context, ref: str, year: int | None) -> None:
    """Các bước người dùng này được làm với văn bản lúc này."""
    allowed = ctx.office.actions(ref, year=year)

    def human() -> None:
        if not allowed:
            ctx.console.print("Không có thao tác nào bạn được làm với văn bản này lúc này.")
        for trigger, label, dest in allowed:
            ctx.console.print(f"{trigger}\t{label} → {dest}")

    ctx.emit([{"trigger": t, "label": lbl, "to": d} for t, lbl, d in allowed], human)


@cli.command()
@click.argument("ref")
@click.option("--year", type=int)
@pass_ctx
def show(ctx: Context, ref: str, year: int | None) -> None:
    """Xem một văn bản."""
    office = ctx.office
    doc = office.get(ref, year=year)
    files = office.attachments(doc.id)
    data = {**_doc_json(ctx, doc.id), "attachments": [{"file": f, "sha256": h} for f, h in files]}

    def human() -> None:
        document_panel(ctx.console, office, doc)
        for name, digest in files:
            ctx.console.print(f"[bold]Tệp[/bold] {name} (SHA-256 {digest[:16]}…)")

    ctx.emit(data, human)


@cli.command("list")
@click.option("--type", "type_key", help="Loại văn bản.")
@click.option("--status", help="Trạng thái (tên trong vòng đời, ví dụ issued).")
@click.option("--year", type=int, help="Năm.")
@click.option("--direction", type=click.Choice(["out", "in"]), help="out: văn bản đi, in: văn bản đến.")
@click.option("--limit", type=int, help="Tối đa bao nhiêu dòng.")
@pass_ctx
def list_(
    ctx: Context,
    type_key: str | None,
    status: str | None,
    year: int | None,
    direction: str | None,
    limit: int | None,
) -> None:
    """Danh sách văn bản."""
    from vanban.office.views import document_json

    office = ctx.office
    docs = office.documents(
        type_key=type_key,
        status=status,
        year=year,
        direction=Direction(direction) if direction else None,
        limit=limit,
    )
    ctx.emit([document_json(office, d) for d in docs], lambda: documents_table(ctx.console, office, docs))


@cli.command()
@click.argument("ref")
@click.option("--year", type=int)
@pass_ctx
def history(ctx: Context, ref: str, year: int | None) -> None:
    """Lịch sử đầy đủ của một văn bản."""
    from vanban.office.views import event_json

    office = ctx.office
    doc = office.get(ref, year=year)
    events = office.history(doc.id)
    ctx.emit([event_json(e) for e in events], lambda: history_table(ctx.console, office, doc, events))


# ---------------------------------------------------------------------------- links and results


@cli.command()
@click.argument("source", metavar="TỪ")
@click.argument("target", metavar="ĐẾN")
@click.option(
    "--kind",
    required=True,
    help="based_on, implements, responds_to, reports_on, amends, replaces, corrects, repeals, cites.",
)
@click.option("--year", type=int, help="Năm của văn bản TỪ, khi cần.")
@pass_ctx
def link(ctx: Context, source: str, target: str, kind: str, year: int | None) -> None:
    """Liên kết hai văn bản (ĐẾN có thể là số ký hiệu chưa có trong sổ)."""
    link_kind = parse_link_kind(kind)
    office = ctx.office
    dst = office.link(source, target, link_kind, year=year)
    src = office.get(source, year=year)
    ctx.emit(
        {"from": _doc_json(ctx, src.id), "to": _doc_json(ctx, dst.id), "kind": link_kind.value},
        lambda: ctx.console.print(f"{doc_title(src)} —{link_kind.value}→ {doc_title(dst)}"),
    )


@cli.command()
@click.argument("ref")
@click.option("--lead", required=True, help="Đơn vị hoặc người chủ trì.")
@click.option("--support", multiple=True, help="Đơn vị phối hợp (có thể lặp lại).")
@date_option("--deadline", help="Thời hạn.")
@click.option("--note", help="Ý kiến chỉ đạo.")
@click.option("--year", type=int)
@pass_ctx
def assign(
    ctx: Context,
    ref: str,
    lead: str,
    support: tuple[str, ...],
    deadline: date | None,
    note: str | None,
    year: int | None,
) -> None:
    """Giao văn bản cho đơn vị hoặc người chủ trì, đơn vị phối hợp, thời hạn."""
    given = ctx.office.assign(
        ref, lead=lead, support=list(support), deadline=deadline, note=_nfc(note), year=year
    )
    ctx.emit(
        {"lead": given.lead, "support": list(given.support), "deadline": given.deadline},
        lambda: ctx.console.print(
            f"Đã giao {given.lead} chủ trì"
            + (f", {', '.join(given.support)} phối hợp" if given.support else "")
            + (f", hạn {short(given.deadline)}" if given.deadline else "")
            + "."
        ),
    )


@cli.group()
def outcome() -> None:
    """Kết quả thực hiện."""


@outcome.command("add")
@click.argument("ref")
@click.option("--text", required=True, help="Nội dung kết quả.")
@click.option("--quantity", help="Số lượng, ví dụ 150.")
@click.option("--unit", help='Đơn vị tính, ví dụ "lượt người".')
@date_option("--date", "on", help="Ngày đạt kết quả.")
@click.option("--reported-in", multiple=True, help="Báo cáo đã báo cáo kết quả này.")
@pass_ctx
def outcome_add(
    ctx: Context,
    ref: str,
    text: str,
    quantity: str | None,
    unit: str | None,
    on: date | None,
    reported_in: tuple[str, ...],
) -> None:
    """Ghi một kết quả do văn bản chỉ đạo (hoặc văn bản thực hiện nó) tạo ra."""
    from vanban.office.views import number

    added = ctx.office.add_outcome(
        ref, text=_nfc(text) or text, quantity=quantity, unit=_nfc(unit), on=on, reported_in=list(reported_in)
    )
    ctx.emit(
        {"text": added.text, "quantity": number(added.quantity), "unit": added.unit, "date": added.date},
        lambda: ctx.console.print(f"Đã ghi kết quả: {added.text}"),
    )


@outcome.command("list")
@click.argument("ref")
@pass_ctx
def outcome_list(ctx: Context, ref: str) -> None:
    """Các kết quả của một văn bản."""
    from vanban.office.views import number

    found = ctx.office.outcomes(ref)

    def human() -> None:
        for o in found:
            amount = f" — {number(o.quantity)} {o.unit or ''}" if o.quantity is not None else ""
            ctx.console.print(f"{short(o.date)}\t{o.text}{amount}")

    ctx.emit(
        [{"text": o.text, "quantity": number(o.quantity), "unit": o.unit, "date": o.date} for o in found],
        human,
    )


@cli.command()
@click.argument("ref")
@click.option("--year", type=int)
@pass_ctx
def trace(ctx: Context, ref: str, year: int | None) -> None:
    """Chuỗi văn bản quanh một văn bản: căn cứ, triển khai, kết quả, báo cáo."""
    from vanban.office.views import trace_json

    office = ctx.office
    found = office.trace(ref, year=year)
    ctx.emit(trace_json(office, found), lambda: trace_tree(ctx.console, office, found))


@cli.command()
@click.option("--year", type=int, help="Năm.")
@click.option("--type", "type_key", help="Loại văn bản.")
@click.option("--unit", help="Đơn vị (soạn thảo hoặc chủ trì).")
@click.option("--overdue", is_flag=True, help="Chỉ văn bản quá hạn.")
@date_option("--as-of", help="Tính đến ngày (mặc định hôm nay).")
@pass_ctx
def status(
    ctx: Context, year: int | None, type_key: str | None, unit: str | None, overdue: bool, as_of: date | None
) -> None:
    """Tình hình văn bản cho lãnh đạo: đang mở, quá hạn, đã thực hiện, đã báo cáo."""
    from vanban.office.views import status_json

    office = ctx.office
    report = office.status(year=year, type_key=type_key, unit=unit, overdue=overdue, as_of=as_of)
    ctx.emit(status_json(office, report), lambda: status_view(ctx.console, office, report))


# ---------------------------------------------------------------------------- workflows


@cli.group()
def workflow() -> None:
    """Vòng đời văn bản (tệp TOML trong workflows/)."""


@workflow.command("list")
@pass_ctx
def workflow_list(ctx: Context) -> None:
    """Các vòng đời đang dùng."""
    from vanban.office.service import configured_workflows

    flows = list(configured_workflows())

    def human() -> None:
        for wf in flows:
            ctx.console.print(
                f"[bold]{wf.name}[/bold]\t{wf.label}\t"
                f"({len(wf.states)} trạng thái, {len(wf.transitions)} thao tác)"
            )

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
        states = Table(title=f"{wf.label} ({wf.name})", title_justify="left")
        for col in ("Trạng thái", "Nhãn", "Mã edXML", "Ghi chú"):
            states.add_column(col)
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
            states.add_row(s.name, s.label, s.edxml or "", notes)
        ctx.console.print(states)
        moves = Table()
        for col in ("Thao tác", "Nhãn", "Từ", "Đến", "Vai trò"):
            moves.add_column(col)
        for t in wf.transitions:
            moves.add_row(
                t.trigger,
                t.label,
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
    from vanban.domain.workflow import check_folder

    faults = check_folder(Path(folder))
    if faults:
        raise_faults = "\n".join(faults)
        from vanban.errors import WorkflowError

        raise WorkflowError(f"Thư mục {folder} có {len(faults)} lỗi:\n{raise_faults}")
    ctx.emit(
        {"folder": folder, "faults": []},
        lambda: ctx.console.print(f"Các tệp vòng đời trong {folder} đều hợp lệ."),
    )
