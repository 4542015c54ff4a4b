"""Liên kết: links between documents and references.

The steps only this feature uses; the shared ones are in conftest.py.
"""

from __future__ import annotations

import pytest
from pytest_bdd import given, scenarios, then, when
from support import (
    World,
    draft,
    history,
    link,
    register_rows,
    step,
)

from vanban import Direction, Document, LinkKind

pytestmark = pytest.mark.usefixtures("world")

scenarios("lien_ket.feature")


@given(step("{who:Nguoi} đã vào sổ các văn bản đã ký:"))
def were_registered(world: World, who: str, datatable: list[list[str]]) -> None:
    register_rows(world, who, datatable)


@given(step('{who:Nguoi} đã soạn dự thảo {kind:Loai} "{subject}" do đơn vị "{unit}" soạn thảo'))
def drafted_by_unit(world: World, who: str, kind: str, subject: str, unit: str) -> None:
    draft(world, who, kind, subject, unit)


@then(step('văn bản "{ref}" vẫn giữ số, ký hiệu "{code}"'))
def keeps_code(world: World, ref: str, code: str) -> None:
    world.expect_no_refusal()
    assert world.find(ref).code == code


@then(
    step('lịch sử của văn bản "{ref}" có sự kiện "{label}" từ "{source}" sang "{dest}" do văn bản "{cause}"')
)
def history_has_caused(world: World, ref: str, label: str, source: str, dest: str, cause: str) -> None:
    world.expect_no_refusal()
    by = world.find(cause)
    found = [
        e
        for name, _actor, src, dst, e in history(world, ref)
        if (name, src, dst) == (label, source, dest) and e.data.get("cause") == by.id
    ]
    assert len(found) == 1, f"Lịch sử ghi {[(*row[:4], row[4].data) for row in history(world, ref)]}."
    assert found[0].data.get("coupled") is True
    assert by.code is not None and by.code in (found[0].note or ""), f"Sự kiện ghi «{found[0].note}»."


@then(step('lịch sử của văn bản "{ref}" không có sự kiện nào do văn bản khác gây ra'))
def history_has_no_caused(world: World, ref: str) -> None:
    world.expect_no_refusal()
    caused = [row[:4] for row in history(world, ref) if row[4].data.get("coupled")]
    assert not caused, f"Lịch sử ghi {caused}."


@when(step('{who:Nguoi} ghi văn bản "{source}" {kind:Kieu} văn bản "{target}"'))
def links(world: World, who: str, source: str, kind: LinkKind, target: str) -> None:
    world.attempt(lambda: link(world, who, source, kind, target))


@then(step('"{code}" là văn bản chỉ dẫn chiếu của "{issuer}"'))
def is_reference(world: World, code: str, issuer: str) -> None:
    world.expect_no_refusal()
    doc = world.office.get(code)
    assert doc.reference_only, f"{code} không phải văn bản chỉ dẫn chiếu."
    assert world.office.status_label(doc) == "Chỉ dẫn chiếu"
    assert doc.issuer_name == issuer, f"{code} của «{doc.issuer_name}»."


@then(step('"{code}" không có trong sổ văn bản đến'))
def not_in_incoming_register(world: World, code: str) -> None:
    world.expect_no_refusal()
    assert code not in [d.code for d in world.office.documents(direction=Direction.IN)]


@then(step('văn bản dẫn chiếu "{code}" được vào sổ ngay trên bản ghi cũ, với số đến {number:d}'))
def reference_upgraded(world: World, code: str, number: int) -> None:
    world.expect_no_refusal()
    cited = world.cited[code]
    received = world.result
    assert isinstance(received, Document)
    held = world.office.documents(direction=Direction.IN)
    same_code = [d.id for d in held if d.code == code]
    assert received.id == cited, (
        f"{code} được vào sổ thành văn bản mới #{received.id}, bản dẫn chiếu #{cited} vẫn còn."
    )
    assert same_code == [cited], f"Có các văn bản {code}: {same_code}."
    doc = world.office.get(code)
    assert doc.id == cited and not doc.reference_only
    assert doc.arrival_number == number


@then(step('văn bản "{source}" vẫn {kind:Kieu} văn bản "{target}"'))
def still_linked(world: World, source: str, kind: LinkKind, target: str) -> None:
    world.expect_no_refusal()
    up = [
        (n.kind, n.document.code, n.document.id) for n in world.office.trace(world.find(source).id).upstream
    ]
    wanted = world.find(target)
    assert (kind, wanted.code, wanted.id) in up, f"Phía trên {source}: {up}"
