"""How the register looks in a terminal: rich tables and trees in Vietnamese."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from vanban.domain.attachments import Attachment, megabytes
from vanban.domain.codes import code_and_year
from vanban.domain.dates import moment, short
from vanban.domain.figures import totals
from vanban.domain.links import rule_of
from vanban.domain.model import ROLE_LABELS, SECRECY_LABELS, URGENCY_LABELS, Document, Event, Outcome
from vanban.domain.text import safe_text
from vanban.domain.types import type_name
from vanban.office.views import EVENT_LABELS as _EVENT_LABELS
from vanban.office.views import actor_label

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.tree import Tree

    from vanban.office import Office, StatusReport, Trace, TraceNode
    from vanban.office.dossier import Dossier
    from vanban.office.searching import SearchHit


# Codes and dates stay on one line; the other columns wrap their words, the widest (the
# subject) first. Every view must read whole at 80 columns, a terminal's default width: a
# minimum width on a wrapping column would make rich crop the last column instead.
_ONE_LINE = frozenset({"#", "Số, ký hiệu", "Ngày", "Hạn"})
_NARROW = {"Trạng thái": 14, "Chủ trì": 12, "Loại": 10}


def _add_column(table: Table, col: str) -> None:
    table.add_column(col, overflow="fold", no_wrap=col in _ONE_LINE, max_width=_NARROW.get(col))


def shown(text: object) -> str:
    """A stored value as the terminal may print it: controls shown as codes, rich markup escaped
    (a subject holding "[/bold]" or an ESC sequence must print as itself, never act)."""
    from rich.markup import escape

    if text is None:
        return ""
    return escape(safe_text(str(text)))


def _act(doc: Document) -> bool:
    """An act cited by name and date ("Luật Đất đai"): no code, its title as its subject."""
    return doc.reference_only and doc.code is None and bool(doc.subject)


def coded(doc: Document) -> str:
    """A document's code with its year, "01/UBND-VHXH (2025)": công văn restart their numbers
    every year, so a code alone may name several documents. "" before it has a number."""
    return shown(code_and_year(doc.code, doc.year))


def doc_title(doc: Document) -> str:
    if _act(doc):
        return shown(doc.subject)
    kind = type_name(doc.type_key) if doc.type_key else "Văn bản"
    code = coded(doc) or f"#{doc.id} (chưa cấp số)"
    return f"{kind} {code}"


def late(doc: Document) -> str | None:
    """ "đến sau thời hạn 5 ngày" for an incoming document that arrived after its deadline."""
    days = doc.arrived_late_days
    return f"đến sau thời hạn {days} ngày" if days else None


def document_panel(console: Console, office: Office, doc: Document) -> None:
    from rich.table import Table

    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    rows: list[tuple[str, str | None]] = [
        ("Mã", f"#{doc.id}"),
        ("Số, ký hiệu", doc.code or ("(dẫn chiếu theo tên, không có số)" if _act(doc) else "(chưa cấp số)")),
        ("Loại", type_name(doc.type_key) if doc.type_key else None),
        ("Chiều", "Văn bản đến" if doc.direction.value == "in" else "Văn bản đi"),
        ("Cơ quan ban hành", doc.issuer_name),
        ("Đơn vị soạn thảo", doc.unit_code),
        ("Ngày văn bản", short(doc.date)),
        ("Trích yếu", doc.subject),
        ("Trạng thái", office.status_label(doc)),
        ("Người ký", doc.signed_as),
        ("Số đến", f"{doc.arrival_number} ngày {short(doc.arrival_date)}" if doc.arrival_number else None),
        ("Thời hạn giải quyết", short(doc.deadline)),
        ("Đến muộn", late(doc)),
        ("Mức độ khẩn", URGENCY_LABELS[doc.urgency] if doc.urgency else None),
        ("Độ mật", SECRECY_LABELS[doc.secrecy] if doc.secrecy else None),
        ("Nơi nhận", "; ".join(doc.recipients)),
    ]
    if doc.status is not None:
        from vanban.domain.corrections import correction_notes

        for line in correction_notes(office.history(doc.id)):
            rows.append(("Xử lý sai sót", line))
    for label, value in rows:
        if value:
            table.add_row(label, shown(value))
    console.print(table)


def days_text(days: int) -> str:
    """ "còn 3 ngày", "hạn hôm nay", "quá 2 ngày" (in red)."""
    if days > 0:
        return f"còn {days} ngày"
    if days == 0:
        return "[yellow]hạn hôm nay[/yellow]"
    return f"[red]quá {-days} ngày[/red]"


def dossier_view(console: Console, office: Office, found: Dossier, ref: str) -> None:
    """`show`: the document, then whatever there is of its story, each part under its heading,
    in columns that wrap at 80."""
    from rich.table import Table

    document_panel(console, office, found.document)
    a = found.assignment
    if a is not None or found.days_left is not None:
        console.print("[bold]Phân công[/bold]")
        rows = Table(show_header=False, box=None, pad_edge=False)
        rows.add_column(style="bold", no_wrap=True)
        rows.add_column(overflow="fold")
        if a is not None:
            rows.add_row("Chủ trì", shown(a.lead))
            if a.support:
                rows.add_row("Phối hợp", shown(", ".join(a.support)))
            if a.note:
                rows.add_row("Ý kiến chỉ đạo", shown(a.note))
        if found.deadline is not None:
            left = f" ({days_text(found.days_left)})" if found.days_left is not None else ""
            rows.add_row("Hạn", f"{short(found.deadline)}{left}")
        console.print(rows)
    if found.links:
        console.print("[bold]Liên kết[/bold]")
        links = Table(show_header=False, box=None, pad_edge=False)
        links.add_column(style="dim", overflow="fold", max_width=22)
        links.add_column(overflow="fold")
        for link in found.links:
            other = link.document
            status = f" [italic]({shown(office.status_label(other))})[/italic]"
            subject = f" — {shown(other.subject)}" if other.subject else ""
            links.add_row(shown(link.label), f"{doc_title(other)}{subject}{status}")
        console.print(links)
    if found.outcomes:
        console.print("[bold]Kết quả[/bold]")
        for outcome in found.outcomes:
            figure = amount(outcome)
            when = f"{short(outcome.date)}: " if outcome.date else ""
            text = f"{when}{shown(outcome.text)}" + (f" — [bold]{figure}[/bold]" if figure else "")
            reports = ", ".join(coded(found.reports[r]) for r in outcome.reported_in if r in found.reports)
            tail = (
                f" [green](đã báo cáo trong {reports})[/green]"
                if reports
                else " [yellow](chưa báo cáo)[/yellow]"
            )
            console.print(f"- {text}{tail}")
    if found.attachments:
        console.print("[bold]Tệp đính kèm[/bold]")
        for attachment in found.attachments:
            console.print(f"- {attachment_line(attachment)}")
    if found.actions:
        labels = ", ".join(shown(action.label.lower()) for action in found.actions)
        console.print(f"[bold]Bạn có thể[/bold]: {labels}")
        console.print(f'Thực hiện: vanban do {shown(ref)} "{shown(found.actions[0].label.lower())}"')
    elif found.document.status is not None:
        console.print("Bạn không có bước nào để làm với văn bản này lúc này.")


def attachment_line(attachment: Attachment) -> str:
    """One file kept with a document: name, size, SHA-256 (short), who added it and when."""
    name = shown(attachment.name)
    digest = f"SHA-256 {attachment.sha256[:12]}…"
    if not attachment.stored or attachment.added_at is None:
        return f"{name} ({digest}, chỉ ghi mã băm khi nhập)"
    who = f"{shown(attachment.added_by or '')}, {moment(attachment.added_at)}"
    return f"{name} ({megabytes(attachment.size or 0)}, {digest}) — {who}"


def documents_table(console: Console, office: Office, docs: list[Document]) -> None:
    from rich import box
    from rich.table import Table

    if not docs:
        console.print("Không có văn bản nào.")
        return
    table = Table(
        title=f"{len(docs)} văn bản",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    for col in ("#", "Số, ký hiệu", "Ngày", "Loại", "Trích yếu", "Trạng thái", "Số đến"):
        _add_column(table, col)
    for d in docs:
        table.add_row(
            str(d.id),
            coded(d) or "—",
            short(d.date),
            type_name(d.type_key) if d.type_key else "",
            shown(d.subject) + (f"\n[red]{late(d)}[/red]" if late(d) else ""),
            shown(office.status_label(d)),
            str(d.arrival_number or ""),
        )
    console.print(table)


def search_table(console: Console, office: Office, hits: list[SearchHit]) -> None:
    """The documents a search found, best first, the matched words of each subject in bold."""
    from rich.markup import escape
    from rich.table import Table

    if not hits:
        console.print("Không tìm thấy văn bản nào.")
        return
    codes = [h.document.code for h in hits]
    table = Table(title=f"{len(hits)} văn bản", title_justify="left")
    for col in ("#", "Số, ký hiệu", "Ngày", "Loại", "Trích yếu", "Trạng thái"):
        _add_column(table, col)
    for h in hits:
        d = h.document
        code = d.code or "—"
        if d.code and codes.count(d.code) > 1 and d.year:
            code = f"{code} ({d.year})"  # the same code in another year is among the hits
        subject, last = [], 0
        for start, end in h.spans:
            subject += [escape(d.subject[last:start]), f"[bold]{escape(d.subject[start:end])}[/bold]"]
            last = end
        subject.append(escape(d.subject[last:]))
        table.add_row(
            str(d.id),
            code,
            short(d.date),
            type_name(d.type_key) if d.type_key else "",
            "".join(subject),
            h.status_label,
        )
    console.print(table)


def history_table(console: Console, office: Office, doc: Document, events: list[Event]) -> None:
    from rich.table import Table

    wf = office.workflow_of(doc)
    table = Table(title=f"Lịch sử {doc_title(doc)}", title_justify="left")
    for col in ("Thời điểm", "Người", "Thao tác", "Từ", "Đến", "Ghi chú"):
        table.add_column(col, overflow="fold")
    for e in events:
        label = wf.label_of(e.from_state) if wf else (e.from_state or "")
        dest = wf.label_of(e.to_state) if wf else (e.to_state or "")
        note = e.note or ""
        if e.data.get("code") and e.trigger in ("issue", "register", "link", "cite"):
            note = " ".join(x for x in (note, str(e.data["code"])) if x)
        if e.data.get("arrival_number"):
            note = " ".join(x for x in (note, f"số đến {e.data['arrival_number']}") if x)
        if e.trigger == "edit":
            note = " ".join(x for x in (note, edit_note(e.data)) if x)
        table.add_row(
            moment(e.at),
            shown(actor_label(e)),
            shown(_trigger_label(office, doc, e.trigger)),
            shown(label),
            shown(dest),
            shown(note),
        )
    console.print(table)


def edit_note(data: dict[str, Any]) -> str:
    """What an edit changed, each field before and after: «trích yếu: «a» → «b»»."""
    from vanban.domain.integrity import FIELD_LABELS

    old, new = data.get("old") or {}, data.get("new") or {}
    return "; ".join(
        f"{FIELD_LABELS.get(name, name)}: «{_value(old.get(name))}» → «{_value(new.get(name))}»"
        for name in new
    )


def _value(value: Any) -> str:
    if value is None or value == []:
        return "trống"
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


def _trigger_label(office: Office, doc: Document, trigger: str) -> str:
    if trigger in _EVENT_LABELS:
        return _EVENT_LABELS[trigger]
    wf = office.workflow_of(doc)
    if wf is not None and wf.has_trigger(trigger):
        return wf.trigger_label(trigger)
    return trigger


def _node_label(office: Office, node: TraceNode, *, upward: bool) -> str:
    doc = node.document
    relation = ""
    if node.kind is not None:
        relation = f"[dim]{_relation(node, upward=upward)}[/dim] "
    status = shown(office.status_label(doc))
    when = f" ngày {short(doc.date)}" if doc.date else ""
    subject = f" — {shown(doc.subject)}" if doc.subject and not _act(doc) else ""
    return f"{relation}[bold]{doc_title(doc)}[/bold]{when}{subject} [italic]({status})[/italic]"


def _relation(node: TraceNode, *, upward: bool) -> str:
    """How the node stands to the one above it: upward it is the link's target, downward its
    source, except a document a report hangs under itself (the report is the source)."""
    assert node.kind is not None
    rule = rule_of(node.kind)
    if upward or (rule.source_types and node.document.type_key not in rule.source_types):
        return rule.label
    return rule.reverse_label


def amount(outcome: Outcome) -> str:
    """A figure as it was written: "trên 150 lượt người", "12,5 ha"; "" without a quantity."""
    return shown(outcome.figure_text)


def _outcome_line(trace: Trace, outcome: Outcome) -> str:
    figure = amount(outcome)
    # The figure stands apart from the text, which often ends in a date or a number of its own.
    text = f"{shown(outcome.text)} — [bold]{figure}[/bold]" if figure else shown(outcome.text)
    reports = ", ".join(shown(trace.documents[r].label) for r in outcome.reported_in if r in trace.documents)
    tail = f" [green](đã báo cáo trong {reports})[/green]" if reports else " [yellow](chưa báo cáo)[/yellow]"
    return f"[cyan]kết quả:[/cyan] {text}{tail}"


def trace_tree(console: Console, office: Office, trace: Trace) -> None:
    from rich.tree import Tree

    def add(tree: Tree, node: TraceNode, *, upward: bool) -> None:
        branch = tree.add(_node_label(office, node, upward=upward))
        for o in node.outcomes:
            branch.add(_outcome_line(trace, o))
        for child in node.children:
            add(branch, child, upward=upward)

    root = Tree(_node_label(office, trace.root, upward=False))
    if trace.upstream:
        up = root.add("[bold]▲ Căn cứ, thực hiện, trả lời[/bold]")
        for node in trace.upstream:
            add(up, node, upward=True)
    for o in trace.root.outcomes:
        root.add(_outcome_line(trace, o))
    if trace.downstream:
        down = root.add("[bold]▼ Triển khai, kết quả, báo cáo[/bold]")
        for node in trace.downstream:
            add(down, node, upward=False)
    if not trace.upstream and not trace.downstream and not trace.root.outcomes:
        root.add("[dim]Chưa có liên kết hay kết quả nào.[/dim]")
    console.print(root)
    # Figures of one unit add up; "trên" when a part is a lower bound (domain.figures).
    sums = totals(o.figure for o in trace.outcomes if o.figure is not None)
    if sums:
        console.print("[bold]Cộng kết quả[/bold]: " + "; ".join(shown(f.text) for f in sums))


def status_view(console: Console, office: Office, report: StatusReport) -> None:
    from rich import box
    from rich.table import Table

    console.print(f"[bold]Tình hình văn bản tính đến ngày {short(report.as_of)}[/bold]")
    counts = Table()
    counts.add_column("Loại", overflow="fold")
    counts.add_column("Trạng thái", overflow="fold")
    counts.add_column("Số lượng", justify="right")
    for type_key, _state, label, n in report.by_type:
        counts.add_row(type_name(type_key) if type_key else "—", label, str(n))
    console.print(counts)
    if not report.items:
        console.print("[green]Không còn văn bản chỉ đạo hay văn bản đến nào đang mở.[/green]")
        return
    items = Table(
        title="Văn bản đang mở",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    for col in ("Số, ký hiệu", "Trích yếu", "Trạng thái", "Hạn", "Chủ trì"):
        _add_column(items, col)
    for row in report.items:
        deadline = short(row.deadline)
        if row.overdue_days:
            deadline += f"\n[red]quá {row.overdue_days} ngày[/red]"
        # The progress reads under the subject: a sixth column would not fit in 80 columns.
        progress = f"{row.implementing} văn bản thực hiện, {row.outcomes} kết quả, {row.report_label}"
        items.add_row(
            coded(row.document) or f"#{row.document.id}",
            f"{shown(row.document.subject)}\n[dim]{progress}[/dim]"
            + (f"\n[red]{late(row.document)}[/red]" if late(row.document) else ""),
            shown(row.status_label),
            deadline,
            shown(row.lead),
        )
    console.print(items)


def plain_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
    """A list of stored values in aligned columns under a header, without borders (long cells
    wrap)."""
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for col in header:
        table.add_column(col, overflow="fold", header_style="bold")
    for row in rows:
        table.add_row(*(shown(cell) for cell in row))
    return table


def roles_text(roles: frozenset[object]) -> str:
    return ", ".join(label for role, label in ROLE_LABELS.items() if role in roles)
