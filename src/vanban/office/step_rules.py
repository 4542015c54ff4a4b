"""What a step checks before it moves a document, besides the workflow's state and roles: a
reason where the register needs one, the signer a number needs, duties kept apart."""

from __future__ import annotations

from vanban.domain.model import ROLE_LABELS, Document, User
from vanban.domain.records import Signature
from vanban.domain.types import CONG_VAN, get_type, type_name
from vanban.domain.workflow import COMMANDS, TransitionSpec, Workflow
from vanban.errors import InputError, PermissionDeniedError, RuleError
from vanban.office.ports import UnitOfWork


def require_reason(doc: Document, spec: TransitionSpec, note: str | None, command: str | None) -> None:
    """Refuse a step reserved to another use case, or one that needs a reason given none: the
    register is evidence, and a recall or replacement without its reason proves nothing."""
    if spec.command is not None and spec.command != command:
        usage, needs = COMMANDS.get(spec.command, (f"vanban {spec.command} {{ref}}", "thông tin riêng"))
        raise InputError(
            f"Bước «{spec.label}» với văn bản {doc.label} không làm như một thao tác thường: "
            f"phải ghi {needs}.",
            hint=f"Dùng lệnh: {usage.format(ref=doc.label)} (trên trang văn bản: biểu mẫu «{spec.label}»; "
            f"qua API: POST /api/v1/documents/{doc.id}/{spec.command}).",
        )
    if spec.reason and not (note or "").strip():
        raise InputError(
            f"Bước «{spec.label}» với văn bản {doc.label} phải ghi lý do (Nghị định 30, Điều 18).",
            hint=f'Ghi lý do: vanban do {doc.label} "{spec.label.lower()}" --note "lý do"; '
            "trên trang văn bản: ô «Lý do»; qua API: trường note.",
        )


def named_signer(
    uow: UnitOfWork,
    user: User,
    wf: Workflow,
    signature: Signature,
    status: str | None,
    doc: Document | None = None,
) -> Signature:
    """The signer given when a paper document is issued. The login of one of the office's users
    who may sign (``--signer chutich``) stands for that user's full name, as the register keeps
    it: a clerk names the chairman without typing (or mistyping) him. A document already signed
    through the lifecycle keeps the signer who signed it."""
    name = signature.signer_name
    if name is None:
        return signature
    person = uow.users.get(name) if " " not in name else None
    if person is not None and person.office_id == user.office_id:
        if not person.has_any(wf.signing_roles):
            roles = " hoặc ".join(ROLE_LABELS[r] for r in sorted(wf.signing_roles))
            raise RuleError(
                f"{person.full_name} ({person.login}) không có vai trò ký văn bản ({roles}).",
                hint="Ghi người ký bằng tên đăng nhập của một lãnh đạo (xem vanban user list) "
                'hoặc bằng họ tên: --signer "Nguyễn Phúc Công" --title "Chủ tịch".',
            )
        name = person.full_name
        signature = signature._replace(signer_name=name, signer_title=signature.signer_title or person.title)
    elif " " not in name:
        # A full name has a family and a given name: one word is a login mistyped or not held,
        # which must not end in the register as the signer of an issued document.
        raise InputError(
            f"Không có người dùng «{name}» trong cơ quan; người ký cần ghi đủ họ và tên.",
            hint='Ghi họ tên: --signer "Nguyễn Phúc Công" --title "Chủ tịch", hoặc tên đăng nhập của '
            "một lãnh đạo (xem vanban user list).",
        )
    if doc is not None and status in wf.signed_states and doc.signer_name and name != doc.signer_name:
        raise RuleError(
            f"{doc.label} đã được {doc.signer_name} ký; không ghi người ký khác ({name}) được.",
            hint="Bỏ --signer khi ban hành: người ký đã ghi ở bước ký. Nếu người ký khác, trả lại "
            "dự thảo (vanban do REF «trả lại» từ trạng thái trình ký) hoặc hủy và soạn lại.",
        )
    return signature


def require_signer(
    label: str,
    type_key: str | None,
    wf: Workflow,
    spec: TransitionSpec | None,
    signer: str | None,
    *,
    numbering: bool,
) -> None:
    """Refuse to move a document without a signer where a signer is needed: numbering an
    outgoing document of a type the catalogue says is signed (Nghị định 30, Điều 8), or a
    transition the workflow marks ``signer_required``."""
    if signer:
        return
    by_type = numbering and get_type(type_key or CONG_VAN).signer_required
    if not by_type and not (spec is not None and spec.signer_required):
        return
    what = (
        f"{type_name(type_key or CONG_VAN).lower()} phải có chức vụ, họ tên và chữ ký của người có "
        "thẩm quyền (Nghị định 30/2020/NĐ-CP, Điều 8)"
    )
    if not by_type and spec is not None:
        what = f"quy trình «{wf.label}» không cho {spec.label.lower()} văn bản không có người ký"
    raise RuleError(
        f"{label} chưa có người ký: {what}, nên chưa ban hành được.",
        hint='Văn bản giấy đã ký: ghi người ký khi ban hành, --signer "Nguyễn Phúc Công" --title '
        '"Chủ tịch" (hoặc --signer <tên đăng nhập của lãnh đạo>, ví dụ --signer chutich). Hoặc trình '
        'ký trước: vanban do REF "trình ký", rồi lãnh đạo ký: vanban --as <lãnh đạo> do REF ký.',
    )


def separate_duties(uow: UnitOfWork, user: User, wf: Workflow, doc: Document, trigger: str) -> None:
    """Refuse a step the user may not take because they took another of its group on this
    document (the workflow's «separate»: who signs does not number)."""
    groups = [group for group in wf.separate if trigger in group]
    if not groups:
        return
    for event in uow.events.for_document(doc.id):
        if event.actor == user.login and event.trigger != trigger and any(event.trigger in g for g in groups):
            raise PermissionDeniedError(
                f"{user.full_name} đã «{wf.trigger_label(event.trigger)}» {doc.label}: theo quy trình "
                f"«{wf.label}», người đó không được «{wf.trigger_label(trigger)}» cùng văn bản.",
                hint="Một người khác có vai trò được phép làm bước này.",
            )
