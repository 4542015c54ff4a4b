"""Draft the báo cáo that answers a request to report, from what the register holds.

    draft = draft_report(office, "516/SKHCN-TTTT", out=Path("bao-cao.docx"))

The request (usually an incoming công văn: "V/v báo cáo kết quả triển khai …") gives the
opening ("Thực hiện Công văn số 516/SKHCN-TTTT ngày 12 tháng 11 năm 2025 của …"). Section I
lists the directives of the period, section II their outcomes grouped by directive, sections
III–V are left for the clerk (``vanban.domain.report_draft``). Which directives:

- the documents named with ``directives``, when given;
- else the office's own documents that carry the request out (implements / responds_to it,
  directly or further down);
- else every document the office issued in the period whose lifecycle can be reported on
  (kế hoạch, quyết định, công văn…; not báo cáo, tờ trình), recalled or replaced ones left out.

An outcome recorded on a document that carries a listed directive out, and is not listed
itself, is counted under that directive. The period runs from ``date_from`` (default: 1
January of the request's year) to ``date_to`` (default: today).

The draft is a file; with ``register=True`` it is also a BC draft in the register, in the same
transaction: subject and body as printed, ``responds_to`` the request, ``reports_on`` each
listed directive. It then follows the report lifecycle like any draft (submit, sign, issue:
the number is given at issue, and the links move the request and the directives on).

A final report (the default: báo cáo kết quả) closes the directives it lists when issued. An
interim one, ``interim=True`` (báo cáo định kỳ, sơ kết, tiến độ: a plan running to 31/12
reported on in June), says "tiến độ … đến ngày …" and is linked ``reports_progress``: issuing
it records the results it covers as reported and leaves the directives open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from vanban.domain.dates import today
from vanban.domain.model import Direction, Document, LinkKind, Outcome, Role, User
from vanban.domain.types import BAO_CAO
from vanban.errors import InputError
from vanban.office.documents import drafting
from vanban.office.lifecycle import workflow_of
from vanban.office.linking import link
from vanban.office.ports import UnitOfWork
from vanban.office.steps import office_of, resolve
from vanban.office.trace import descendants

if TYPE_CHECKING:
    from vanban.domain.sheet import Sheet
    from vanban.office.service import Office

__all__ = ["ReportDraft", "draft_report"]


@dataclass(slots=True)
class ReportDraft:
    """What was drafted: the request, the period, the directives and outcomes it lists."""

    out: Path
    request: Document
    date_from: date
    date_to: date
    directives: list[Document]
    outcomes: list[Outcome]
    sheet: Sheet
    document: Document | None = None
    """The BC draft made in the register, with ``register=True``."""
    links: list[tuple[LinkKind, str]] = field(default_factory=list)
    interim: bool = False
    """An interim report (báo cáo định kỳ, sơ kết): linked ``reports_progress``, closes nothing."""

    @property
    def report_kind(self) -> LinkKind:
        """The kind linking the draft to each directive: ``reports_on`` or ``reports_progress``."""
        return LinkKind.REPORTS_PROGRESS if self.interim else LinkKind.REPORTS_ON


def draft_report(
    office: Office,
    responds_to: str | int,
    *,
    out: Path,
    date_from: date | None = None,
    date_to: date | None = None,
    directives: Sequence[str | int] = (),
    register: bool = False,
    signer: str | None = None,
    year: int | None = None,
    interim: bool = False,
) -> ReportDraft:
    """Write the draft báo cáo answering ``responds_to`` to ``out`` (.docx); see the module.

    ``interim=True`` drafts an interim report (báo cáo định kỳ, sơ kết), which, registered and
    issued, leaves the directives open; the default is the final one, which closes them.
    """
    from vanban.docx.render import render

    if out.suffix.lower() != ".docx":
        raise InputError(
            f"Tệp ra «{out}» phải có đuôi .docx.", hint="Ví dụ: --out bao-cao.docx.", field="out"
        )
    if date_from and date_to and date_to < date_from:
        raise InputError(
            "Ngày kết thúc sớm hơn ngày bắt đầu.", hint="Kiểm tra lại --from và --to.", field="date_to"
        )

    def gather(uow: UnitOfWork, user: User) -> ReportDraft:
        request = resolve(uow, user, responds_to, year)
        first = date_from or date((request.date or request.arrival_date or today()).year, 1, 1)
        last = date_to or today()
        chosen = [resolve(uow, user, ref, None) for ref in directives]
        listed = (
            chosen or _carrying_out(office, uow, user, request) or _issued_in(office, uow, user, first, last)
        )
        by_directive = _outcomes(uow, listed)
        sheet = _sheet(office, uow, user, request, listed, by_directive, first, last, signer, interim)
        found = [o for group in by_directive.values() for o in group]
        return ReportDraft(out, request, first, last, listed, found, sheet, interim=interim)

    if not register:
        draft = office.runner.read(gather)
        render(draft.sheet, out)
        return draft

    def work(uow: UnitOfWork, user: User) -> ReportDraft:
        draft = gather(uow, user)
        sheet = draft.sheet
        unit = sheet.archive.split(",", 1)[1].strip() if "," in sheet.archive else None
        new = drafting(
            office.runner,
            BAO_CAO,
            subject=sheet.subject,
            unit=unit,
            body="\n".join(sheet.body),
            recipients=sheet.recipients,
            place=sheet.place,
        )(uow, user)
        link(uow, user, office.workflows, new, draft.request, LinkKind.RESPONDS_TO)
        draft.links.append((LinkKind.RESPONDS_TO, draft.request.label))
        for directive in draft.directives:
            link(uow, user, office.workflows, new, directive, draft.report_kind)
            draft.links.append((draft.report_kind, directive.label))
        draft.document = new
        # Written inside the transaction: a file that cannot be written leaves no draft behind.
        render(sheet, out)
        return draft

    return office.runner.write(work)


def _carrying_out(office: Office, uow: UnitOfWork, user: User, request: Document) -> list[Document]:
    """The office's own numbered documents below the request (implementing or answering it)."""
    below = uow.documents.get_many(descendants(uow, request.id)).values()
    return [
        d
        for d in below
        if d.direction is Direction.OUT
        and d.office_id == user.office_id
        and d.number is not None
        and not d.reference_only
        and d.type_key != BAO_CAO
    ]


def _issued_in(office: Office, uow: UnitOfWork, user: User, first: date, last: date) -> list[Document]:
    """Documents issued in the period that can be reported on, still in force."""
    found = []
    for doc in uow.documents.in_period(user.office_id, Direction.OUT, first, last):
        wf = workflow_of(office.workflows, doc)
        if wf is None or doc.status is None or not wf.has_trigger("report"):
            continue
        if wf.in_force(doc.status):
            found.append(doc)
    return found


def _outcomes(uow: UnitOfWork, listed: list[Document]) -> dict[int, list[Outcome]]:
    """Each listed directive's outcomes, with those of the documents carrying it out."""
    listed_ids = {d.id for d in listed}
    owner: dict[int, int] = {d.id: d.id for d in listed}
    for d in sorted(listed, key=lambda d: (d.date or date.min, d.id)):
        for below in descendants(uow, d.id):
            if below not in listed_ids:
                owner.setdefault(below, d.id)
    grouped: dict[int, list[Outcome]] = {}
    for outcome in uow.outcomes.for_documents(sorted(owner)):
        grouped.setdefault(owner[outcome.document_id], []).append(outcome)
    return grouped


def _sheet(
    office: Office,
    uow: UnitOfWork,
    user: User,
    request: Document,
    listed: list[Document],
    by_directive: dict[int, list[Outcome]],
    first: date,
    last: date,
    signer: str | None,
    interim: bool,
) -> Sheet:
    from vanban.domain.report_draft import build_report_draft

    org = office_of(uow, user)
    if signer is None:
        leaders = [u for u in uow.users.list(org.id) if Role.LANH_DAO in u.roles]
        signer = leaders[0].full_name if len(leaders) == 1 else None
    active = [a for a in uow.assignments.for_document(request.id) if a.active]
    unit = None
    if active and uow.units.get(org.id, active[-1].lead) is not None:
        unit = active[-1].lead
    return build_report_draft(
        org,
        request,
        request.issuer_name,
        listed,
        by_directive,
        first,
        last,
        signer_name=signer,
        archive_unit=unit,
        interim=interim,
    )
