"""Who sent a received document: the organization the clerk's text names — exactly (code, full
name, mã định danh, #id), else by the beginning of its name or code typed without diacritics —
or, named in full with ``--from-name``, found by that name or added with the receipt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from vanban.domain import text as texts
from vanban.domain.issuers import abbreviation_for
from vanban.domain.model import Organization, User
from vanban.domain.records import EventRecord
from vanban.domain.search import begins_with, name_key
from vanban.domain.search import code_key as folded_code
from vanban.domain.text import clean_abbreviation, safe_text
from vanban.errors import AmbiguousError, InputError, NotFoundError, RuleError
from vanban.office.inputs import about, required_text
from vanban.office.ports import Holding, UnitOfWork
from vanban.office.steps import add_org_hint, one_org

LISTED = 10  # candidates named in a refusal; more only make it unreadable


class SenderGiven(NamedTuple):
    """The sender as the clerk gave it: ``text`` (--from: code, name or its beginning) and/or
    ``name`` (--from-name: the full name, added when not known; --from is then its code)."""

    text: str | None
    name: str | None


def sender_given(sender: str | None, sender_name: str | None) -> SenderGiven:
    """The sender's two fields cleaned; one of them is needed."""
    if sender_name is not None:
        with about("sender_name"):
            name = required_text(sender_name, texts.ORG_NAME)
        with about("sender"):
            code = clean_abbreviation(sender, "mã cơ quan gửi") if sender is not None else None
        return SenderGiven(code, name)
    if sender is None:
        raise InputError(
            "Thiếu cơ quan gửi.",
            hint='Ghi --from MÃ (hoặc tên, phần đầu của tên), hoặc --from-name "Tên đầy đủ của cơ quan".',
            field="sender",
        )
    with about("sender"):
        return SenderGiven(required_text(sender, texts.ORG_NAME), None)


def matching(orgs: Sequence[Organization], text: str) -> list[Organization]:
    """The organizations ``text`` names without diacritics or case: those whose code or whole
    name it is, else those whose name or code it begins; an own office only when no other."""
    key, name = folded_code(text), name_key(text)
    found = [o for o in orgs if name_key(o.name) == name or folded_code(o.code) == key]
    if not found and key:
        found = [o for o in orgs if begins_with(o.name, text) or folded_code(o.code).startswith(key)]
    outside = [o for o in found if not o.own]
    return outside or found


def listing(orgs: Sequence[Organization]) -> str:
    """Candidates as a person reads them: "#3 SNV — Sở Nội vụ thành phố Hải Phòng; …"."""
    shown = "; ".join(f"#{o.id} {o.code} — {o.name}" for o in orgs[:LISTED])
    more = len(orgs) - LISTED
    return shown + (f"; và {more} cơ quan khác" if more > 0 else "")


def add_sender_hint(text: str) -> str:
    """The two commands that add an unknown sender: before (org add) or with the receipt."""
    try:
        code = clean_abbreviation(text, "mã cơ quan")
    except InputError:
        name = safe_text(text.strip()).replace('"', "'")
        with_receipt = f'--from-name "{name}" thay cho --from (tên đầy đủ, có dấu)'
    else:
        with_receipt = f'--from {code} --from-name "Tên đầy đủ của cơ quan"'
    return f"{add_org_hint(text)} Hoặc thêm cùng lúc vào sổ: {with_receipt}."


def one_sender(text: str, candidates: Sequence[Organization], option: str = "--from") -> Organization:
    """The one candidate; none refused with the commands that add it, several with their list
    and ``option`` with the first one's #id as the example."""
    if not candidates:
        raise NotFoundError(f"Không có cơ quan «{safe_text(text)}».", hint=add_sender_hint(text))
    if len(candidates) > 1:
        raise AmbiguousError(
            f"«{safe_text(text)}» khớp với {len(candidates)} cơ quan: {listing(candidates)}.",
            hint="Ghi mã cơ quan, tên đầy đủ hoặc số #id của một trong số đó, ví dụ "
            f"{option} #{candidates[0].id}.",
        )
    return candidates[0]


def named(uow: UnitOfWork, user: User, given: SenderGiven) -> Organization:
    """The organization of ``given.name`` (folded), or a new one under ``given.text`` as its code
    (else a code made from the name), added in the caller's transaction."""
    assert given.name is not None
    orgs = uow.orgs.list()
    key = name_key(given.name)
    same = [o for o in orgs if name_key(o.name) == key]
    same = [o for o in same if not o.own] or same
    if given.text is not None and same:
        chosen = [o for o in same if o.code.upper() == given.text]
        if not chosen:
            raise RuleError(
                f"Cơ quan «{safe_text(given.name)}» đã có với mã {same[0].code}, không phải "
                f"{given.text}: {listing(same)}.",
                hint=f"Bỏ --from để dùng cơ quan đã có, hoặc ghi --from {same[0].code}.",
            )
        same = chosen
    if same:
        return one_sender(given.name, same)
    code = given.text or clean_abbreviation(abbreviation_for(given.name), "mã cơ quan gửi")
    org = uow.orgs.add(code, given.name)
    uow.events.add(EventRecord(user.office_id, user.login, "org_add", data={"code": code, "receipt": True}))
    return org


def sender_of(
    uow: UnitOfWork, user: User, office_id: int, given: SenderGiven, code: str, year: int
) -> Holding:
    """The sender and the id of the document of ``code`` of ``year`` the office already holds or
    cites from it (None when none)."""
    if given.name is not None:
        org = named(uow, user, given)
        return org, uow.orgs.holding(org.id, office_id, code, year)
    assert given.text is not None
    # Held this year, or cited earlier by a code that carries no year (that reference is this one).
    found = uow.senders or uow.orgs.find_holding(given.text, office_id, code, year)
    org = sender_among(uow, given.text, [org for org, _ in found])
    held = next((held for other, held in found if other.id == org.id), None)
    return org, held if found else uow.orgs.holding(org.id, office_id, code, year)


def sender_named(uow: UnitOfWork, text: str, option: str = "--from") -> Organization:
    """The one organization ``text`` names, read as a receipt's --from is: its code, full name,
    mã định danh or #id, else the beginning of its name or code without diacritics; none or
    several refused with the candidates (``option``: how the refusal's hint names the field)."""
    return sender_among(uow, text, uow.orgs.find(text), option)


def sender_among(
    uow: UnitOfWork, text: str, exact: Sequence[Organization], option: str = "--from"
) -> Organization:
    """The one organization ``text`` names, ``exact`` those it names exactly (OrganizationRepository.find)."""
    # An office does not receive its own mail: "UBND" from a commune is its parent UBND.
    exact = [o for o in exact if not o.own] or list(exact)
    if exact:
        return one_org(text, exact)
    return one_sender(text, matching(uow.orgs.list(), text), option)
