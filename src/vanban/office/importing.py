"""Import Word files into the register: read what each file says about itself, register it,
and link it to every document it refers to.

    from vanban.office.importing import collect_files, import_files
    summary = import_files(office, collect_files([Path("den/")]), jobs=2)

- **One transaction per file.** The document, its links and the reference-only documents made
  for the codes the register does not hold commit together or not at all: a file that fails
  half-way leaves nothing behind.
- **A bad file never stops the others.** A file that is not a .docx, is corrupt, larger than
  20 MB, a zip bomb, has no number, date or subject, or that a rule refuses (a duplicate, a
  code of another office with ``outgoing``) is reported by name in its :class:`FileResult`
  and skipped.
- **Parsing runs in worker processes** when ``jobs`` > 1 (``concurrent.futures``): parsing is
  :func:`parse_file` — ``read_file`` + ``read_metadata`` (which extracts the references) —
  pure, with picklable results. The main process registers the files in the order given.

Incoming (the default). The sender is the issuer: an organization whose name is the issuing
body line ("SỞ KHOA HỌC VÀ CÔNG NGHỆ …", compared without case or diacritics); else the one
organization whose code is the code's issuer group ("SKHCN" of 516/SKHCN-TTTT) and whose name
agrees with that line (one starts with the other); own offices are matched by name only, as
every commune is "UBND". Otherwise it is created: the code from the notation, the name from
the issuing body line (written "Sở Khoa học và Công nghệ thành phố Hải Phòng" when the
abbreviation is a known one, else as printed). The document gets its số đến, dated
``arrived`` (today by default), as ``Office.receive`` gives it.

Outgoing (``outgoing=True``): a document the office already issued on paper. Its code must be
the acting office's (issuer group = the office's code, issuing body = the office). It is
registered as issued with the number it carries, in the series the numbering policy gives
it, and the series counter is moved up to that number when it is behind (never down: an
audited ``series_advance`` event). A code already held is refused (DuplicateError).

References. Each code the text cites is linked with the kind read from its context
(căn cứ → based_on, thực hiện → implements, báo cáo → reports_on …). The target is the held
document of that code (of the year the reference gives, else the latest not after the
document's own year), of the body the reference names ("… của UBND xã": abbreviations
spelt out, compared like sender names); with no body named, a code in the sender's own group
(90/KH-UBND cited by another UBND) is the sender's, not the importing office's. A code the
register does not hold becomes a reference-only document. A link the rules refuse (a
replacement across issuers, a cycle) is kept as a plain citation (``cites``), with the reason
in the result.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanban.domain.codes import Code, parse_code
from vanban.domain.dates import short
from vanban.domain.integrity import record_of
from vanban.domain.issuers import issuer_name
from vanban.domain.model import (
    SECRECY_LABELS,
    URGENCY_LABELS,
    Direction,
    Document,
    LinkKind,
    Organization,
    User,
)
from vanban.domain.numbering import SECRET_MARK, NumberingPolicy, Policy, series_label
from vanban.domain.types import CONG_VAN, fold, get_type
from vanban.errors import (
    DocumentFileError,
    DuplicateError,
    InputError,
    LinkError,
    RuleError,
    SchemaError,
    VanbanError,
)

if TYPE_CHECKING:
    from vanban.domain.reading import DocumentMeta
    from vanban.domain.references import Reference
    from vanban.office.service import Office
    from vanban.store.uow import UnitOfWork

__all__ = [
    "FileResult",
    "ImportSummary",
    "LinkMade",
    "ParsedFile",
    "collect_files",
    "import_file",
    "import_files",
    "import_parsed",
    "parse_file",
]

_AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
_URGENCY_BY_LABEL = {fold(label): urgency for urgency, label in URGENCY_LABELS.items()}
_SECRECY_BY_LABEL = {fold(label): secrecy for secrecy, label in SECRECY_LABELS.items()}
_LEVELS_TWO = frozenset({"thị trấn", "thị xã", "thành phố", "đặc khu"})
_LEVELS_ONE = frozenset({"xã", "phường", "huyện", "quận", "tỉnh"})
# Files parsed per task sent to a worker, and tasks kept in flight per worker.
_BATCH = 8
_AHEAD = 4
# Files from which the default is to parse in worker processes.
_AUTO_POOL = 200


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What parsing one file gives: its metadata, or why it cannot be imported. Picklable."""

    path: str
    meta: DocumentMeta | None = None
    sha256: str | None = None
    error: str | None = None
    hint: str | None = None
    exit_code: int = 0

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass(frozen=True, slots=True)
class LinkMade:
    """One link an imported document got: its kind, the target's code and id, and whether the
    target is a reference-only document made by this import."""

    kind: LinkKind
    code: str
    document_id: int
    cited: bool
    note: str | None = None


@dataclass(frozen=True, slots=True)
class FileResult:
    """What became of one file: the registered document and its links, or why it was skipped."""

    path: str
    document: Document | None = None
    links: tuple[LinkMade, ...] = ()
    sender_created: Organization | None = None
    series_advanced: tuple[str, int, int] | None = None
    """(series key, from, to) when an outgoing import moved its series counter up."""
    error: str | None = None
    hint: str | None = None
    exit_code: int = 0

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def ok(self) -> bool:
        return self.document is not None

    @property
    def reason(self) -> str | None:
        """The message and hint of a skipped file, as one line."""
        if self.error is None:
            return None
        return f"{self.error} {self.hint}" if self.hint else self.error


@dataclass(slots=True)
class ImportSummary:
    results: list[FileResult] = field(default_factory=list)

    @property
    def imported(self) -> list[FileResult]:
        return [r for r in self.results if r.ok]

    @property
    def skipped(self) -> list[FileResult]:
        return [r for r in self.results if not r.ok]

    @property
    def exit_code(self) -> int:
        """0 when every file was imported; 1 when any was skipped (whatever the reason)."""
        return 1 if self.skipped else 0


# ---------------------------------------------------------------------------------------------
# Which files


def collect_files(sources: Sequence[Path]) -> list[Path]:
    """The files to import: each FILE as given, and the .docx files under each DIR (recursively,
    in name order; hidden files and Word's "~$" lock files left out). A FILE that is not a .docx
    is still tried, so that it is reported by name."""
    files: list[Path] = []
    seen: set[Path] = set()
    for source in sources:
        if source.is_dir():
            found = sorted(
                p
                for p in source.rglob("*")
                if p.suffix.lower() == ".docx"
                and p.is_file()
                and not any(part.startswith((".", "~$")) for part in p.relative_to(source).parts)
            )
        elif source.exists():
            found = [source]
        else:
            raise InputError(
                f"Không có tệp hay thư mục «{source}».", hint="Kiểm tra lại đường dẫn trong lệnh."
            )
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files


# ---------------------------------------------------------------------------------------------
# Parsing (pure; runs in worker processes)


def parse_file(path: str) -> ParsedFile:
    """Read one file and what it says about itself; never raises for a bad file."""
    from vanban.docx.read import read_file
    from vanban.domain.reading import read_metadata

    name = Path(path).name
    try:
        blocks, digest = read_file(Path(path))
        meta = _clean_meta(read_metadata(blocks))
        _check_meta(meta, name)
    except VanbanError as exc:
        return ParsedFile(path, error=exc.message, hint=exc.hint, exit_code=exc.exit_code)
    except Exception as exc:  # a file that trips the reader must not stop the others
        return ParsedFile(
            path,
            error=f"Không đọc được tệp «{name}»: nội dung bất thường ({type(exc).__name__}).",
            hint="Hãy mở và lưu lại tệp bằng Word.",
            exit_code=2,
        )
    return ParsedFile(path, meta=meta, sha256=digest)


def parse_batch(paths: list[str]) -> list[ParsedFile]:
    """:func:`parse_file` of several files: one task for a worker process."""
    return [parse_file(p) for p in paths]


def _clean_meta(meta: DocumentMeta) -> DocumentMeta:
    """A file's text through the boundary typed text crosses: controls and bidi marks dropped,
    each field within its length (a field too long refuses the file, by name)."""
    from dataclasses import replace

    from vanban.domain import text as t

    def one(value: str | None, kind: t.TextField) -> str | None:
        return t.clean_text(value, kind, required=False, lenient=True)

    def many(values: list[str], kind: t.TextField) -> list[str]:
        return [c for c in (one(v, kind) for v in values) if c]

    body = one("\n".join(meta.body), t.BODY)
    return replace(
        meta,
        subject=one(meta.subject, t.SUBJECT),
        place=one(meta.place, t.PLACE),
        issuer=one(meta.issuer, t.ORG_NAME),
        governing_body=one(meta.governing_body, t.PARENT_NAME),
        signer_name=one(meta.signer_name, t.SIGNER),
        signer_title=one(meta.signer_title, t.SIGNER_TITLE),
        recipients=many(meta.recipients, t.RECIPIENT),
        to=many(meta.to, t.RECIPIENT),
        body=body.split("\n") if body else [],
    )


def _check_meta(meta: DocumentMeta, name: str) -> None:
    if meta.code is None:
        raise DocumentFileError(
            f"Tệp «{name}» không có số, ký hiệu văn bản (bản dự thảo chưa cấp số?).",
            hint="Chỉ nhập được văn bản đã có số, ký hiệu, ví dụ dòng «Số: 90/KH-UBND».",
        )
    if meta.date is None:
        raise DocumentFileError(
            f"Tệp «{name}» ({meta.code}) không có ngày tháng văn bản.",
            hint="Cần dòng địa danh, ngày tháng, ví dụ «Phú Thái, ngày 29 tháng 9 năm 2025».",
        )
    if not meta.subject:
        raise DocumentFileError(
            f"Tệp «{name}» ({meta.code}) không có trích yếu.",
            hint="Trích yếu là dòng dưới tên loại văn bản, hoặc dòng «V/v …» của công văn.",
        )


def _mp_context() -> Any:
    """Worker processes started from a clean server process (never forked from a process that
    holds database connections or a progress-bar thread), with the reader already imported."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["vanban.office.importing", "vanban.domain.reading", "vanban.docx.read"])
        return ctx
    return multiprocessing.get_context("spawn")


def parse_all(paths: Sequence[Path], jobs: int) -> Iterator[ParsedFile]:
    """Parse ``paths`` in order: here when ``jobs`` is 1, else in ``jobs`` worker processes,
    a bounded window of batches ahead of the consumer."""
    names = [str(p) for p in paths]
    if jobs <= 1 or len(names) <= 1:
        for name in names:
            yield parse_file(name)
        return
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    batch = max(1, min(_BATCH, len(names) // (jobs * _AHEAD) or 1))
    batches = [names[i : i + batch] for i in range(0, len(names), batch)]
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=_mp_context())
    pending: deque[tuple[list[str], Future[list[ParsedFile]]]] = deque()
    position = 0
    broken = False
    try:
        while position < len(batches) or pending:
            while not broken and position < len(batches) and len(pending) < jobs * _AHEAD:
                pending.append((batches[position], pool.submit(parse_batch, batches[position])))
                position += 1
            if not pending:
                break
            items, future = pending.popleft()
            try:
                parsed = future.result()
            except BrokenProcessPool:
                # A worker died (out of memory on a pathological file?): finish here, in order.
                broken = True
                parsed = parse_batch(items)
            yield from parsed
            if broken:
                for items, _ in pending:
                    yield from parse_batch(items)
                pending.clear()
                for items in batches[position:]:
                    yield from parse_batch(items)
                position = len(batches)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------------------------------------
# Registering (main process, one transaction per file)


def import_files(
    office: Office,
    files: Sequence[Path],
    *,
    outgoing: bool = False,
    arrived: date | None = None,
    jobs: int | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> ImportSummary:
    """Register each file (see the module's documentation); one :class:`FileResult` per file.

    ``jobs`` worker processes parse the files (1 parses here; default: the number of CPUs from
    200 files on, fewer are parsed here).
    Raises only what concerns every file alike: an unreachable or uninitialised database, an
    unknown acting user.
    """
    if jobs is not None and jobs < 1:
        raise InputError("Số tiến trình phải từ 1 trở lên.", hint="Ví dụ: --jobs 2.")
    office.me()  # the database and the acting user, checked before any worker starts
    if jobs is not None:
        workers = jobs
    elif len(files) >= _AUTO_POOL:
        workers = os.cpu_count() or 1
    else:
        workers = 1  # starting worker processes (≈ 0.4 s) costs more than they save on a few files
    summary = ImportSummary()
    for parsed in parse_all(files, workers):
        result = import_parsed(office, parsed, outgoing=outgoing, arrived=arrived)
        summary.results.append(result)
        if on_result is not None:
            on_result(result)
    return summary


def import_file(
    office: Office, path: Path, *, outgoing: bool = False, arrived: date | None = None
) -> FileResult:
    """Parse and register one file, here."""
    return import_parsed(office, parse_file(str(path)), outgoing=outgoing, arrived=arrived)


def import_parsed(
    office: Office, parsed: ParsedFile, *, outgoing: bool = False, arrived: date | None = None
) -> FileResult:
    """Register one parsed file in one transaction; the result names what was refused and why."""
    from vanban.store.engine import is_conflict

    if parsed.meta is None:
        return FileResult(parsed.path, error=parsed.error, hint=parsed.hint, exit_code=parsed.exit_code)
    try:
        if outgoing:
            work = _outgoing_work(office, parsed)
        else:
            work = _incoming_work(office, parsed, arrived or date.today())
        return office._write(work)
    except SchemaError:
        raise  # the database itself: every other file would fail alike
    except VanbanError as exc:
        return _skipped(parsed, exc)
    except Exception as exc:
        if is_conflict(exc):
            # The database refused a row its keys already hold: another document took the number.
            duplicate = DuplicateError(
                f"Tệp «{parsed.name}»: văn bản {parsed.meta.code} trùng số với một văn bản đã có trong sổ.",
                hint="Xem bằng: vanban list.",
            )
            return _skipped(parsed, duplicate)
        raise


def _skipped(parsed: ParsedFile, exc: VanbanError) -> FileResult:
    message = exc.message if parsed.name in exc.message else f"Tệp «{parsed.name}»: {exc.message}"
    return FileResult(parsed.path, error=message, hint=exc.hint, exit_code=exc.exit_code)


def _subject(meta: DocumentMeta) -> str:
    return " ".join((meta.subject or "").split())


def _body(meta: DocumentMeta) -> str | None:
    return "\n".join(meta.body) or None


def _marks(meta: DocumentMeta) -> dict[str, Any]:
    urgency = _URGENCY_BY_LABEL.get(fold(meta.urgency_label)) if meta.urgency_label else None
    secrecy = _SECRECY_BY_LABEL.get(fold(meta.secrecy_label)) if meta.secrecy_label else None
    return {
        "urgency": urgency.value if urgency else None,
        "secrecy": secrecy.value if secrecy else None,
    }


Work = Callable[["UnitOfWork", User], FileResult]


def _incoming_work(office: Office, parsed: ParsedFile, arrival: date) -> Work:
    from vanban.office.service import CLERK_ROLES, _require

    meta = parsed.meta
    assert meta is not None and meta.code is not None and meta.date is not None
    code = parse_code(meta.code)
    on = meta.date
    if arrival < on:
        raise InputError(
            f"Văn bản {code} đề ngày {short(on)}, sau ngày đến {short(arrival)}.",
            hint="Kiểm tra ngày văn bản, hoặc dùng --arrived với ngày đến đúng.",
        )
    doc_type = get_type(meta.type_key or code.type_key or CONG_VAN)
    workflow = office.workflows.for_document(doc_type.key, Direction.IN.value)
    subject = _subject(meta)
    source = {"file": parsed.name, "sha256": parsed.sha256}

    def work(uow: UnitOfWork, user: User) -> FileResult:
        _require(user, CLERK_ROLES, "vào sổ văn bản đến")
        own = office._office_of(uow, user)
        sender, created = _sender(uow, user, meta, code, own)
        if sender.id == own.id:
            raise RuleError(
                f"Văn bản {code} do chính {own.name} ban hành, không phải văn bản đến.",
                hint="Dùng --outgoing để vào sổ văn bản đi đã ban hành.",
            )
        year = code.year or on.year
        existing = uow.documents.held_or_cited(own.id, sender.id, year, str(code))
        values: dict[str, Any] = {
            "direction": Direction.IN.value,
            "type_key": doc_type.key,
            "number": code.number,
            "notation": code.notation,
            "subject": subject,
            "date": on,
            "place": meta.place,
            "signer_name": meta.signer_name,
            "signer_title": meta.signer_title,
            "signer_authority": meta.signer_authority if meta.signer_authority in _AUTHORITIES else None,
            "body": _body(meta),
            "status": workflow.initial,
            "workflow": workflow.name,
            "reference_only": False,
            **_marks(meta),
        }
        received: dict[str, Any] = {
            "office_id": own.id,
            "actor": user.login,
            "trigger": "receive",
            "to_state": workflow.initial,
            "note": f"Nhập từ tệp «{parsed.name}»",
            "data": {"code": str(code), "from": sender.code, **source},
        }
        # Cited earlier and now received: the reference becomes the document, links and all.
        doc = office._enter_incoming(
            uow,
            user,
            own,
            sender,
            workflow,
            doc_type.key,
            str(code),
            year,
            values,
            received,
            arrival,
            existing,
        )
        _attach(uow, doc.id, parsed)
        links = _link_references(office, uow, user, doc, meta.references, sender, own)
        return FileResult(
            parsed.path, document=doc, links=tuple(links), sender_created=sender if created else None
        )

    return work


def _outgoing_work(office: Office, parsed: ParsedFile) -> Work:
    from vanban.office.service import _jsonable, _new_document, _SeriesMissing

    meta = parsed.meta
    assert meta is not None and meta.code is not None and meta.date is not None
    code = parse_code(meta.code)
    on = meta.date
    doc_type = get_type(meta.type_key or code.type_key or CONG_VAN)
    if not doc_type.issuable:
        raise InputError(
            f"{doc_type.name} {code} là văn bản quy phạm pháp luật, không vào sổ văn bản đi này.",
            hint="Bỏ --outgoing để vào sổ như văn bản đến.",
        )
    groups = code.notation.split("-")
    secret = (groups[-1] == SECRET_MARK and len(groups) > 2) or meta.secrecy_label is not None
    unit = code.unit
    if unit is not None and secret and unit.split("-")[-1] == SECRET_MARK:
        unit = "-".join(unit.split("-")[:-1]) or None
    workflow = office.workflows.for_document(doc_type.key, Direction.OUT.value)
    subject = _subject(meta)
    source = {"file": parsed.name, "sha256": parsed.sha256}

    def work(uow: UnitOfWork, user: User) -> FileResult:
        own = office._office_of(uow, user)
        _check_own(code, meta, own)
        dest = workflow.fire(workflow.initial, "issue", user.roles)
        key = NumberingPolicy(Policy(own.numbering)).series_key(
            doc_type.key, direction=Direction.OUT, secret=secret
        )
        year = on.year
        existing = uow.documents.held_or_cited(own.id, own.id, year, str(code))
        if existing is not None and not existing.reference_only:
            raise DuplicateError(
                f"Văn bản {code} năm {year} đã có trong sổ văn bản đi.",
                hint=f"Xem bằng: vanban show #{existing.id}.",
            )
        state = uow.series.lock(own.id, year, key)
        if state is None:
            raise _SeriesMissing(own.id, year, key)
        values: dict[str, Any] = {
            "office_id": own.id,
            "direction": Direction.OUT.value,
            "type_key": doc_type.key,
            "issuer_id": own.id,
            "unit_code": unit,
            "number": code.number,
            "year": year,
            "notation": code.notation,
            "code": str(code),
            "series_key": key,
            "date": on,
            "place": meta.place or own.place,
            "subject": subject,
            "body": _body(meta),
            "signer_name": meta.signer_name,
            "signer_title": meta.signer_title,
            "signer_authority": meta.signer_authority if meta.signer_authority in _AUTHORITIES else None,
            "recipients": list(meta.recipients),
            "status": dest,
            "workflow": workflow.name,
            "reference_only": False,
            "created_at": uow.now,
            **_marks(meta),
        }
        if existing is not None:
            uow.documents.update(existing.id, **values)
            doc_id = existing.id
        else:
            doc_id = uow.documents.add(values)
        _attach(uow, doc_id, parsed)
        issued = {
            k: _jsonable(values[k]) for k in ("number", "year", "series_key", "notation", "code", "date")
        }
        uow.events.append(
            office_id=own.id,
            document_id=doc_id,
            actor=user.login,
            trigger="create",
            to_state=workflow.initial,
            note=f"Nhập từ tệp «{parsed.name}»",
            data={"type": doc_type.key, "subject": subject, **source},
        )
        uow.events.append(
            office_id=own.id,
            document_id=doc_id,
            actor=user.login,
            trigger="issue",
            from_state=workflow.initial,
            to_state=dest,
            note="Văn bản đã ban hành, nhập với số nó mang",
            data={**issued, "imported": True, "record": record_of(values)},
        )
        advanced = None
        if code.number > state.last_number:
            last_date = max(state.last_date, on) if state.last_date else on
            uow.series.advance(own.id, year, key, code.number, last_date)
            advanced = (key, state.last_number, code.number)
            uow.events.append(
                office_id=own.id,
                actor=user.login,
                trigger="series_advance",
                note=f"Sổ {series_label(key)} năm {year} tiếp tục từ số {code.number + 1} "
                f"(nhập văn bản {code})",
                data={"year": year, "key": key, "from": state.last_number, "to": code.number, **source},
            )
        doc = _new_document(doc_id, values, own)
        links = _link_references(office, uow, user, doc, meta.references, own, own)
        return FileResult(parsed.path, document=doc, links=tuple(links), series_advanced=advanced)

    return work


def _check_own(code: Code, meta: DocumentMeta, own: Organization) -> None:
    hint = "Chỉ nhập bằng --outgoing văn bản đi của chính cơ quan; bỏ --outgoing để vào sổ văn bản đến."
    if code.issuer.upper() != own.code.upper():
        raise RuleError(
            f"Văn bản {code} không phải của {own.name}: ký hiệu mang mã «{code.issuer}», "
            f"không phải «{own.code}».",
            hint=hint,
        )
    if meta.issuer and not _agree(own.name, meta.issuer):
        raise RuleError(
            f"Văn bản {code} do «{_flat(meta.issuer)}» ban hành, không phải {own.name}.", hint=hint
        )


# ---------------------------------------------------------------------------------------------
# The sender


def _flat(text: str) -> str:
    return " ".join(text.split())


def _agree(name: str, line: str) -> bool:
    """Whether two names of a body agree: equal, or one the beginning of the other, without
    case or diacritics ("Sở Khoa học và Công nghệ thành phố Hải Phòng" / "SỞ KHOA HỌC VÀ CÔNG NGHỆ")."""
    a, b = fold(_flat(name)) + " ", fold(_flat(line)) + " "
    return a.startswith(b) or b.startswith(a)


def display_name(line: str, abbreviation: str) -> str:
    """A body's name as written in running text, from its issuing body line in capitals.

    "ỦY BAN NHÂN DÂN XÃ AN LƯ" (UBND) → "Ủy ban nhân dân xã An Lư"; "SỞ KHOA HỌC VÀ CÔNG NGHỆ
    THÀNH PHỐ HẢI PHÒNG" (SKHCN) → "Sở Khoa học và Công nghệ thành phố Hải Phòng". The known
    name of the abbreviation gives the capitals of its words; the place after "xã", "thành phố"…
    is a proper name. A line that does not start with a known name stays as printed.
    """
    flat = _flat(line)
    letters = [c for c in flat if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return flat
    known = issuer_name(abbreviation)
    words = flat.split()
    size = len(known.split())
    if known == abbreviation or fold(" ".join(words[:size])) != fold(known):
        return flat
    rest = [w.lower() for w in words[size:]]
    level_end = 0
    for i, word in enumerate(rest):
        if " ".join(rest[i : i + 2]) in _LEVELS_TWO:
            level_end = i + 2
            break
        if word in _LEVELS_ONE:
            level_end = i + 1
            break
    proper = [w if i < level_end else w[:1].upper() + w[1:] for i, w in enumerate(rest)]
    return " ".join([known, *proper])


def _sender(
    uow: UnitOfWork, user: User, meta: DocumentMeta, code: Code, own: Organization
) -> tuple[Organization, bool]:
    """The issuer of an incoming document (see the module's documentation); True when created."""
    abbreviation = code.issuer
    line = _flat(meta.issuer) if meta.issuer else None
    orgs = uow.orgs.list()
    if line:
        wanted = fold(line)
        named = [o for o in orgs if fold(_flat(o.name)) == wanted]
        if named:
            return next((o for o in named if o.code.upper() == abbreviation.upper()), named[0]), False
    coded = [
        o
        for o in orgs
        if o.code.upper() == abbreviation.upper() and not o.own and (line is None or _agree(o.name, line))
    ]
    if len(coded) == 1:
        return coded[0], False
    name = display_name(line, abbreviation) if line else issuer_name(abbreviation)
    same = uow.orgs.by_code_and_name(abbreviation, name)
    if same is not None:
        return same, False  # several bodies share the code and the file does not say which: this one
    parent = _flat(meta.governing_body) if meta.governing_body else None
    org = uow.orgs.add(abbreviation, name, parent_name=parent, place=meta.place)
    uow.events.append(
        office_id=own.id,
        actor=user.login,
        trigger="org_add",
        data={"code": abbreviation, "name": name, "imported": True},
    )
    return org, True


# ---------------------------------------------------------------------------------------------
# References


def _link_references(
    office: Office,
    uow: UnitOfWork,
    user: User,
    doc: Document,
    references: Sequence[Reference],
    sender: Organization,
    own: Organization,
) -> list[LinkMade]:
    made: list[LinkMade] = []
    for ref in references:
        target, cited = _target(office, uow, user, doc, ref, sender, own)
        if target.id == doc.id:
            continue
        kind, note = ref.kind, None
        try:
            office._link(uow, user, doc, target, kind)
        except LinkError as refused:
            # Kept as a plain citation: the text does cite it, the rules refuse the stronger kind.
            office._link(uow, user, doc, target, LinkKind.CITES)
            kind, note = LinkKind.CITES, refused.message
        made.append(LinkMade(kind, target.code or str(ref.code), target.id, cited, note))
    return made


def _target(
    office: Office,
    uow: UnitOfWork,
    user: User,
    doc: Document,
    ref: Reference,
    sender: Organization,
    own: Organization,
) -> tuple[Document, bool]:
    """The held document a reference names, else a new reference-only one (True).

    Whose document it is: the body the reference names ("… của UBND xã", "… của Sở Khoa học
    và Công nghệ", abbreviations spelt out) among the organizations of the code's issuer group,
    the sender first; a body named that the register does not know is added. With no body
    named, a code in the sender's group is the sender's; else any holder of the code.
    """
    abbreviation = ref.code.issuer.upper()
    issuer: Organization | None = None
    unknown: str | None = None
    if ref.issuer:
        named = _expand(ref.issuer)
        agreeing = [
            o for o in uow.orgs.find(abbreviation) if o.code.upper() == abbreviation and _agree(o.name, named)
        ]
        if agreeing:
            issuer = next((o for o in agreeing if o.id == sender.id), agreeing[0])
        else:
            unknown = named
    elif sender.id != own.id and abbreviation == sender.code.upper():
        issuer = sender
    held = [d for d in uow.documents.by_code(own.id, str(ref.code)) if d.id != doc.id]
    if issuer is not None:
        held = [d for d in held if d.issuer_id == issuer.id]
    elif unknown is not None:
        held = []
    year = ref.code.year or (ref.date.year if ref.date else None)
    found = _pick(held, year, doc.year)
    if found is not None:
        return found, False
    if issuer is None and unknown is None:
        return office._cite(uow, user, ref.code, ref.date, ref.issuer), True
    if issuer is None:
        assert unknown is not None
        issuer = uow.orgs.add(ref.code.issuer, unknown)
        uow.events.append(
            office_id=own.id,
            actor=user.login,
            trigger="org_add",
            data={"code": issuer.code, "name": unknown, "imported": True},
        )
    return _cite_for(uow, user, ref, issuer, own), True


def _expand(name: str) -> str:
    """A body's name with a leading abbreviation spelt out: "UBND xã" → "Ủy ban nhân dân xã"."""
    words = _flat(name).split()
    if words and issuer_name(words[0]) != words[0]:
        words[0] = issuer_name(words[0])
    return " ".join(words)


def _pick(held: list[Document], year: int | None, own_year: int | None) -> Document | None:
    """Of the documents holding one code, the one a reference means."""
    if not held:
        return None
    if year is not None:
        # The year the reference gives, else a year-less citation of the code; never another year.
        same = [d for d in held if d.year == year] or [d for d in held if d.year is None]
        return min(same, key=lambda d: (d.reference_only, d.id)) if same else None
    earlier = [d for d in held if d.year is None or own_year is None or d.year <= own_year]
    return max(earlier or held, key=lambda d: (d.year or 0, not d.reference_only, d.id))


def _cite_for(
    uow: UnitOfWork, user: User, ref: Reference, issuer: Organization, own: Organization
) -> Document:
    """A reference-only document of ``issuer`` (``Office._cite`` takes the first organization
    of the code's group, which may be the importing office itself)."""
    code = ref.code
    doc_id = uow.documents.add(
        {
            "office_id": own.id,
            "direction": Direction.IN.value,
            "type_key": code.type_key,
            "issuer_id": issuer.id,
            "number": code.number,
            "notation": code.notation,
            "code": str(code),
            "year": code.year or (ref.date.year if ref.date else None),
            "date": ref.date,
            "subject": "",
            "status": None,
            "workflow": None,
            "reference_only": True,
        }
    )
    uow.events.append(
        office_id=own.id, document_id=doc_id, actor=user.login, trigger="cite", data={"code": str(code)}
    )
    doc = uow.documents.get(doc_id)
    assert doc is not None
    return doc


def _attach(uow: UnitOfWork, doc_id: int, parsed: ParsedFile) -> None:
    """Keep the file a document was read from, by name and SHA-256."""
    if parsed.sha256 is not None:
        uow.attachments.add(doc_id, parsed.name, parsed.sha256)
