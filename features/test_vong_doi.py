"""Vòng đời: drafts, signing, issuing and the history.

The steps only this feature uses; the shared ones are in conftest.py.
"""

from __future__ import annotations

from collections import deque
from datetime import date

import pytest
from pytest_bdd import given, scenarios, then, when
from support import (
    ISSUE_DAY,
    SHOW_ORDER,
    World,
    draft,
    guillemets,
    history,
    issue,
    step,
    table,
)

from vanban.domain.model import ROLE_LABELS
from vanban.domain.workflow import Workflow

pytestmark = pytest.mark.usefixtures("world")

scenarios("vong_doi.feature")


def _path(wf: Workflow, goal: str) -> list[str]:
    """The shortest list of triggers from the initial state to the state labelled ``goal``."""
    paths: dict[str, list[str]] = {wf.initial: []}
    queue = deque([wf.initial])
    while queue:
        state = queue.popleft()
        if wf.label_of(state) == goal:
            return paths[state]
        for t in wf.transitions_from(state):
            if t.dest not in paths:
                paths[t.dest] = [*paths[state], t.trigger]
                queue.append(t.dest)
    raise AssertionError(f"Quy trình «{wf.label}» không có trạng thái «{goal}».")


SIGNED = ', người ký "{name}", chức vụ "{title}", thẩm quyền "{authority}"'


@given("những người dùng sổ:")
def users_of_register(world: World, datatable: list[list[str]]) -> None:
    users = {u.login: u for u in world.office.users()}
    for row in table(datatable):
        user = users.get(row["tên đăng nhập"])
        assert user is not None, f"Không có người dùng «{row['tên đăng nhập']}»."
        assert user.full_name == row["họ tên"]
        expected = {r.strip() for r in row["vai trò"].split(",")}
        assert {ROLE_LABELS[r] for r in user.roles} == expected


@then(step("thông báo lỗi nêu các thao tác được phép: {allowed}"))
def message_lists_allowed(world: World, allowed: str) -> None:
    error = world.refusal()
    text = str(error)
    marker = "Các thao tác được phép:"
    assert marker in text, f"Thông báo lỗi «{text}» không nêu các thao tác được phép."
    listed = guillemets(text.split(marker, 1)[1])
    assert listed == guillemets(allowed), f"Thông báo lỗi nêu {listed}."


@given(step('{kind:Loai} "{subject}" đang ở trạng thái "{label}"'))
def brought_to_state(world: World, kind: str, subject: str, label: str) -> None:
    doc = draft(world, "chuyenvien", kind, subject)
    wf = world.workflow(doc)
    roles = {u.login: u.roles for u in world.office.users()}
    for trigger in _path(wf, label):
        spec = wf.transition(world.find(subject).status or "", trigger)
        assert spec is not None
        who = next(login for login in SHOW_ORDER if spec.permits(roles[login]))
        if trigger == "issue":
            world.as_(who).issue(doc.id, on=ISSUE_DAY, signer="chutich")
        else:
            # A step the register keeps a reason for (recall) is given one, as a clerk must.
            world.as_(who).fire(doc.id, trigger, note="Ban hành nhầm đối tượng" if spec.reason else None)
    assert world.office.status_label(world.find(subject)) == label


@when(step('{who:Nguoi} ban hành văn bản "{ref}" ngày {on:Ngay} mà không ghi người ký'))
def issues_unsigned(world: World, who: str, ref: str, on: date) -> None:
    world.attempt(lambda: world.as_(who).issue(world.find(ref).id, on=on))


@given(step('{who:Nguoi} đã {action:ThaoTac} văn bản "{ref}"'))
def acted(world: World, who: str, action: str, ref: str) -> None:
    world.as_(who).fire(world.find(ref).id, action)


@when(step('{who:Nguoi} thực hiện thao tác "{label}" với văn bản "{ref}"'))
def acts_by_label(world: World, who: str, label: str, ref: str) -> None:
    doc = world.find(ref)
    triggers = {t.trigger for t in world.workflow(doc).transitions if t.label == label}
    assert len(triggers) == 1, f"Quy trình không có (đúng một) thao tác «{label}»: {triggers}"
    world.attempt(lambda: world.as_(who).fire(doc.id, triggers.pop()))


@when(step('{who:Nguoi} ban hành văn bản "{ref}" ngày {on:Ngay}' + SIGNED))
def issues_signed(world: World, who: str, ref: str, on: date, name: str, title: str, authority: str) -> None:
    world.attempt(lambda: issue(world, who, ref, on, signer=name, title=title, authority=authority))


@then(step('văn bản "{ref}" ghi người ký "{name}", chức vụ "{title}", thẩm quyền "{authority}"'))
def signed_by(world: World, ref: str, name: str, title: str, authority: str) -> None:
    world.expect_no_refusal()
    doc = world.find(ref)
    assert (doc.signer_name, doc.signer_title, doc.signer_authority) == (name, title, authority)


@then(step('lịch sử của văn bản "{ref}" ghi:'))
def history_reads(world: World, ref: str, datatable: list[list[str]]) -> None:
    world.expect_no_refusal()
    got = [row[:4] for row in history(world, ref)]
    wanted = [
        (r["thao tác"], r["người thực hiện"], r["từ trạng thái"], r["đến trạng thái"])
        for r in table(datatable)
    ]
    assert got == wanted, f"Lịch sử ghi {got}."


@then(step('mỗi dòng lịch sử của văn bản "{ref}" đều ghi thời điểm, theo thứ tự thời gian'))
def history_is_timed(world: World, ref: str) -> None:
    world.expect_no_refusal()
    moments = [row[4].at for row in history(world, ref)]
    assert moments and all(m is not None for m in moments)
    assert moments == sorted(moments), f"Thời điểm không theo thứ tự: {moments}"


@then(step('lịch sử của văn bản "{ref}" có sự kiện "{label}" của "{login}" từ "{source}" sang "{dest}"'))
def history_has(world: World, ref: str, label: str, login: str, source: str, dest: str) -> None:
    world.expect_no_refusal()
    rows = [row[:4] for row in history(world, ref)]
    assert (label, login, source, dest) in rows, f"Lịch sử ghi {rows}."


@then(step('{who:Nguoi} được thực hiện với văn bản "{ref}" các thao tác: {allowed}'))
def may_do(world: World, who: str, ref: str, allowed: str) -> None:
    world.expect_no_refusal()
    labels = [label for _trigger, label, _dest in world.as_(who).actions(world.find(ref).id)]
    assert labels == guillemets(allowed), f"{who} được: {labels}"
