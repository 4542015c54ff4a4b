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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from vanban.domain.codes import Code, parse_code
from vanban.domain.dates import short
from vanban.domain.dates import today as vietnam_today
from vanban.domain.model import (
    SECRECY_LABELS,
    URGENCY_LABELS,
    Direction,
    Document,
    Organization,
    Secrecy,
    Urgency,
    User,
)
from vanban.domain.numbering import SECRET_MARK, NumberingPolicy, Policy, series_label
from vanban.domain.records import Arrival, EventRecord, NewDocument, Numbered, Signature
from vanban.domain.types import CONG_VAN, fold, get_type
from vanban.errors import (
    DuplicateError,
    InputError,
    RuleError,
    SchemaError,
    VanbanError,
)
from vanban.office.inputs import AUTHORITIES
from vanban.office.matching import LinkMade, agree, display_name, find_sender, flat, link_references
from vanban.office.numbering import not_ahead
from vanban.office.parsing import ParsedFile, collect_files, parse_all, parse_file
from vanban.office.ports import UnitOfWork
from vanban.office.roles import CLERK_ROLES, require
from vanban.office.runner import SeriesMissing
from vanban.office.steps import enter_incoming, office_of, record_creation

if TYPE_CHECKING:
    from vanban.domain.reading import DocumentMeta
    from vanban.office.service import Office

__all__ = [
    "FileResult",
    "ImportSummary",
    "LinkMade",
    "ParsedFile",
    "collect_files",
    "display_name",
    "import_file",
    "import_files",
    "import_parsed",
    "parse_file",
]

_URGENCY_BY_LABEL = {fold(label): urgency for urgency, label in URGENCY_LABELS.items()}
_SECRECY_BY_LABEL = {fold(label): secrecy for secrecy, label in SECRECY_LABELS.items()}
# Files from which the default is to parse in worker processes.
_AUTO_POOL = 200


# ---------------------------------------------------------------------------------------------
# Results


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
    if parsed.meta is None:
        return FileResult(parsed.path, error=parsed.error, hint=parsed.hint, exit_code=parsed.exit_code)
    try:
        if outgoing:
            work = _outgoing_work(office, parsed)
        else:
            work = _incoming_work(office, parsed, arrived or vietnam_today())
        return office.runner.write(work)
    except SchemaError:
        raise  # the database itself: every other file would fail alike
    except VanbanError as exc:
        return _skipped(parsed, exc)
    except Exception as exc:
        if office.runner.store.is_conflict(exc):
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


def _marks(meta: DocumentMeta) -> tuple[Urgency | None, Secrecy | None]:
    """The urgency and secrecy printed on the document, if any."""
    urgency = _URGENCY_BY_LABEL.get(fold(meta.urgency_label)) if meta.urgency_label else None
    secrecy = _SECRECY_BY_LABEL.get(fold(meta.secrecy_label)) if meta.secrecy_label else None
    return urgency, secrecy


def _signature(meta: DocumentMeta) -> Signature:
    """The signer as printed (an authority vanban does not know is left out)."""
    authority = meta.signer_authority if meta.signer_authority in AUTHORITIES else None
    return Signature(meta.signer_name, meta.signer_title, authority)


Work = Callable[[UnitOfWork, User], FileResult]


def _incoming_work(office: Office, parsed: ParsedFile, arrival: date) -> Work:
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
    urgency, secrecy = _marks(meta)
    signed = _signature(meta)
    body = _body(meta)

    def work(uow: UnitOfWork, user: User) -> FileResult:
        require(user, CLERK_ROLES, "vào sổ văn bản đến")
        own = office_of(uow, user)
        sender, created = find_sender(uow, user, meta, code, own)
        if sender.id == own.id:
            raise RuleError(
                f"Văn bản {code} do chính {own.name} ban hành, không phải văn bản đến.",
                hint="Dùng --outgoing để vào sổ văn bản đi đã ban hành.",
            )
        year = code.year or on.year
        existing = uow.documents.held_or_cited(own.id, sender.id, year, str(code))

        def describe(status: str, arrival: Arrival | None, created_at: datetime | None) -> NewDocument:
            return NewDocument.incoming(
                office_id=own.id,
                sender_id=sender.id,
                code=code,
                year=year,
                type_key=doc_type.key,
                subject=subject,
                date=on,
                status=status,
                workflow=workflow.name,
                arrival=arrival,
                place=meta.place,
                body=body,
                signature=signed,
                urgency=urgency,
                secrecy=secrecy,
                created_at=created_at,
            )

        # Cited earlier and now received: the reference becomes the document, links and all.
        doc = enter_incoming(
            uow,
            user,
            office.workflows,
            own,
            sender,
            workflow,
            str(code),
            describe,
            arrival,
            existing,
            note=f"Nhập từ tệp «{parsed.name}»",
            source=source,
        )
        _attach(uow, doc.id, parsed)
        links = link_references(uow, user, office.workflows, doc, meta.references, sender, own)
        return FileResult(
            parsed.path, document=doc, links=tuple(links), sender_created=sender if created else None
        )

    return work


def _outgoing_work(office: Office, parsed: ParsedFile) -> Work:
    meta = parsed.meta
    assert meta is not None and meta.code is not None and meta.date is not None
    code = parse_code(meta.code)
    on = meta.date
    not_ahead(Direction.OUT, on)
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
    urgency, secrecy = _marks(meta)

    def work(uow: UnitOfWork, user: User) -> FileResult:
        own = office_of(uow, user)
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
            raise SeriesMissing(own.id, year, key)
        numbered = Numbered(code.number, year, key, code.notation, str(code), on)
        new = NewDocument.outgoing(
            office=own,
            type_key=doc_type.key,
            subject=subject,
            status=dest,
            workflow=workflow.name,
            unit_code=unit,
            place=meta.place,
            body=_body(meta),
            recipients=meta.recipients,
            urgency=urgency,
            secrecy=secrecy,
            signature=_signature(meta),
            numbered=numbered,
            created_at=uow.now,
        )
        if code.letter:
            # "12a": a number given beside 12 after the series had moved on. It keeps 12 for
            # ordering and is written as it is, outside the series (where 12 is 12/KH-UBND's).
            new = new._replace(series_key=None, number_text=code.lettered)
        if existing is not None:
            uow.documents.replace(existing.id, new)
            doc_id = existing.id
        else:
            doc_id = uow.documents.add(new)
        _attach(uow, doc_id, parsed)
        record_creation(
            uow,
            user,
            workflow,
            doc_id,
            new,
            numbered=numbered,
            note=f"Nhập từ tệp «{parsed.name}»",
            source=source,
            issue_note="Văn bản đã ban hành, nhập với số nó mang",
        )
        advanced = None
        if code.number > state.last_number and not code.letter:
            last_date = max(state.last_date, on) if state.last_date else on
            uow.series.advance(own.id, year, key, code.number, last_date)
            advanced = (key, state.last_number, code.number)
            uow.events.add(
                EventRecord(
                    own.id,
                    user.login,
                    "series_advance",
                    note=f"Sổ {series_label(key)} năm {year} tiếp tục từ số {code.number + 1} "
                    f"(nhập văn bản {code})",
                    data={"year": year, "key": key, "from": state.last_number, "to": code.number, **source},
                )
            )
        doc = new.document(doc_id, own)
        links = link_references(uow, user, office.workflows, doc, meta.references, own, own)
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
    if meta.issuer and not agree(own.name, meta.issuer):
        raise RuleError(
            f"Văn bản {code} do «{flat(meta.issuer)}» ban hành, không phải {own.name}.", hint=hint
        )


def _attach(uow: UnitOfWork, doc_id: int, parsed: ParsedFile) -> None:
    """Record the file a document was read from, by name and SHA-256 (its content is not kept:
    vanban attach keeps a file's content)."""
    if parsed.sha256 is not None:
        uow.attachments.add(doc_id, parsed.name, parsed.sha256)
