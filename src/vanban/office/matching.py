"""Whom an imported file is from and what it refers to: the sender among the organizations the
register knows (or a new one), and each reference's held document (or a new reference-only one),
linked with the kind its context gives (see ``office.importing``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vanban.domain.codes import Code
from vanban.domain.issuers import ACT_ISSUERS, issuer_name
from vanban.domain.model import Document, LinkKind, Organization, User
from vanban.domain.records import EventRecord, NewDocument
from vanban.domain.types import fold
from vanban.domain.workflows import Workflows
from vanban.errors import LinkError
from vanban.office.linking import link
from vanban.office.ports import UnitOfWork
from vanban.office.steps import cite

if TYPE_CHECKING:
    from vanban.domain.reading import DocumentMeta
    from vanban.domain.references import Reference

__all__ = ["LinkMade", "agree", "display_name", "find_sender", "flat", "link_references"]

_LEVELS_TWO = frozenset({"thị trấn", "thị xã", "thành phố", "đặc khu"})
_LEVELS_ONE = frozenset({"xã", "phường", "huyện", "quận", "tỉnh"})


@dataclass(frozen=True, slots=True)
class LinkMade:
    """One link an imported document got: its kind, the target's code and id, and whether the
    target is a reference-only document made by this import."""

    kind: LinkKind
    code: str
    document_id: int
    cited: bool
    note: str | None = None


# ---------------------------------------------------------------------------------------------
# The sender


def flat(text: str) -> str:
    """Runs of white space made one space."""
    return " ".join(text.split())


def agree(name: str, line: str) -> bool:
    """Whether two names of a body agree: equal, or one the beginning of the other, without
    case or diacritics ("Sở Khoa học và Công nghệ thành phố Hải Phòng" / "SỞ KHOA HỌC VÀ CÔNG NGHỆ")."""
    a, b = fold(flat(name)) + " ", fold(flat(line)) + " "
    return a.startswith(b) or b.startswith(a)


def display_name(line: str, abbreviation: str) -> str:
    """A body's name as written in running text, from its issuing body line in capitals.

    "ỦY BAN NHÂN DÂN XÃ AN LƯ" (UBND) → "Ủy ban nhân dân xã An Lư"; "SỞ KHOA HỌC VÀ CÔNG NGHỆ
    THÀNH PHỐ HẢI PHÒNG" (SKHCN) → "Sở Khoa học và Công nghệ thành phố Hải Phòng". The known
    name of the abbreviation gives the capitals of its words; the place after "xã", "thành phố"…
    is a proper name. A line that does not start with a known name stays as printed.
    """
    printed = flat(line)
    letters = [c for c in printed if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return printed
    known = issuer_name(abbreviation)
    words = printed.split()
    size = len(known.split())
    if known == abbreviation or fold(" ".join(words[:size])) != fold(known):
        return printed
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


def find_sender(
    uow: UnitOfWork, user: User, meta: DocumentMeta, code: Code, own: Organization
) -> tuple[Organization, bool]:
    """The issuer of an incoming document (see the module's documentation); True when created."""
    abbreviation = code.issuer
    line = flat(meta.issuer) if meta.issuer else None
    orgs = uow.orgs.list()
    if line:
        wanted = fold(line)
        named = [o for o in orgs if fold(flat(o.name)) == wanted]
        if named:
            return next((o for o in named if o.code.upper() == abbreviation.upper()), named[0]), False
    coded = [
        o
        for o in orgs
        if o.code.upper() == abbreviation.upper() and not o.own and (line is None or agree(o.name, line))
    ]
    if len(coded) == 1:
        return coded[0], False
    name = display_name(line, abbreviation) if line else issuer_name(abbreviation)
    same = uow.orgs.by_code_and_name(abbreviation, name)
    if same is not None:
        return same, False  # several bodies share the code and the file does not say which: this one
    parent = flat(meta.governing_body) if meta.governing_body else None
    org = uow.orgs.add(abbreviation, name, parent_name=parent, place=meta.place)
    uow.events.add(
        EventRecord(
            own.id, user.login, "org_add", data={"code": abbreviation, "name": name, "imported": True}
        )
    )
    return org, True


# ---------------------------------------------------------------------------------------------
# References


def link_references(
    uow: UnitOfWork,
    user: User,
    workflows: Workflows,
    doc: Document,
    references: Sequence[Reference],
    sender: Organization,
    own: Organization,
) -> list[LinkMade]:
    made: list[LinkMade] = []
    for ref in references:
        if ref.code is None:
            target, cited = _act(uow, user, ref, own)
        else:
            target, cited = _target(uow, user, doc, ref, ref.code, sender, own)
        if target.id == doc.id:
            continue
        kind, note = ref.kind, None
        try:
            link(uow, user, workflows, doc, target, kind)
        except LinkError as refused:
            # Kept as a plain citation: the text does cite it, the rules refuse the stronger kind.
            link(uow, user, workflows, doc, target, LinkKind.CITES)
            kind, note = LinkKind.CITES, refused.message
        made.append(LinkMade(kind, target.code or target.label, target.id, cited, note))
    return made


def _target(
    uow: UnitOfWork,
    user: User,
    doc: Document,
    ref: Reference,
    code: Code,
    sender: Organization,
    own: Organization,
) -> tuple[Document, bool]:
    """The held document a reference (of ``code``) names, else a new reference-only one (True).

    Whose document it is: the body the reference names ("… của UBND xã", "… của Sở Khoa học
    và Công nghệ", abbreviations spelt out) among the organizations of the code's issuer group,
    the sender first; a body named that the register does not know is added. With no body
    named, a code in the sender's group is the sender's; else any holder of the code.
    """
    abbreviation = code.issuer.upper()
    issuer: Organization | None = None
    unknown: str | None = None
    if ref.issuer:
        named = _expand(ref.issuer)
        agreeing = [
            o for o in uow.orgs.find(abbreviation) if o.code.upper() == abbreviation and agree(o.name, named)
        ]
        if agreeing:
            issuer = next((o for o in agreeing if o.id == sender.id), agreeing[0])
        else:
            unknown = named
    elif sender.id != own.id and abbreviation == sender.code.upper():
        issuer = sender
    held = [d for d in uow.documents.by_code(own.id, str(code)) if d.id != doc.id]
    if issuer is not None:
        held = [d for d in held if d.issuer_id == issuer.id]
    elif unknown is not None:
        held = []
    year = code.year or (ref.date.year if ref.date else None)
    found = _pick(held, year, doc.year)
    if found is not None:
        return found, False
    if issuer is None and unknown is None:
        return cite(uow, user, code, ref.date, issuer_text=ref.issuer), True
    if issuer is None:
        assert unknown is not None
        issuer = uow.orgs.add(code.issuer, unknown)
        uow.events.add(
            EventRecord(
                own.id, user.login, "org_add", data={"code": issuer.code, "name": unknown, "imported": True}
            )
        )
    return cite(uow, user, code, ref.date, issuer=issuer), True


def _act(uow: UnitOfWork, user: User, ref: Reference, own: Organization) -> tuple[Document, bool]:
    """An act cited by name and date ("Luật Đất đai ngày 18/01/2024"): the reference-only
    document of that title and date the office keeps, else a new one (True) without a code,
    issued by the body that enacts such acts (a law: Quốc hội)."""
    assert ref.title is not None and ref.date is not None
    held = uow.documents.cited_by_title(own.id, ref.title, ref.date)
    if held is not None:
        return held, False
    abbreviation = ACT_ISSUERS.get(ref.type_key, ACT_ISSUERS[None])
    issuer = next((o for o in uow.orgs.find(abbreviation) if o.code.upper() == abbreviation), None)
    if issuer is None:
        issuer = uow.orgs.add(abbreviation, issuer_name(abbreviation))
        uow.events.add(
            EventRecord(
                own.id,
                user.login,
                "org_add",
                data={"code": abbreviation, "name": issuer.name, "imported": True},
            )
        )
    doc_id = uow.documents.add(
        NewDocument.act(
            office_id=own.id, issuer_id=issuer.id, type_key=ref.type_key, title=ref.title, on=ref.date
        )
    )
    data = {"title": ref.title, "date": ref.date.isoformat()}
    uow.events.add(EventRecord(own.id, user.login, "cite", doc_id, data=data))
    doc = uow.documents.get(doc_id)
    assert doc is not None
    return doc, True


def _expand(name: str) -> str:
    """A body's name with a leading abbreviation spelt out: "UBND xã" → "Ủy ban nhân dân xã"."""
    words = flat(name).split()
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
