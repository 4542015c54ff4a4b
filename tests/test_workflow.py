"""Lifecycles as data: the shipped workflow files, firing, refusals and broken files."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vanban.domain.model import Role
from vanban.domain.types import ADMINISTRATIVE_TYPES, COPY_TYPES, LEGAL_TYPES
from vanban.domain.workflow import Workflow
from vanban.domain.workflow_files import (
    check_folder,
    default_workflows,
    load_workflow,
    load_workflows,
)
from vanban.domain.workflows import Workflows
from vanban.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    TransitionError,
    WorkflowError,
)

CLERK = frozenset({Role.VAN_THU})
OFFICER = frozenset({Role.CHUYEN_VIEN})
LEADER = frozenset({Role.LANH_DAO})
EVERYONE = frozenset(Role)
SHIPPED = Path(__file__).resolve().parents[1] / "workflows"

GOOD = """\
name = "mini"
label = "Quy trình thử"
direction = "out"
types = ["GGT"]
initial = "drafted"

[[states]]
name = "drafted"
label = "Dự thảo"

[[states]]
name = "issued"
label = "Đã ban hành"
allocates_number = true
open = true

[[states]]
name = "done"
label = "Xong"
final = true

[[transitions]]
trigger = "issue"
source = "drafted"
dest = "issued"
label = "Ban hành"
roles = ["van_thu"]

[[transitions]]
trigger = "finish"
source = "issued"
dest = "done"
label = "Kết thúc"
roles = ["lanh_dao"]
"""

GOOD_IN = """\
name = "mini_in"
label = "Văn bản đến thử"
direction = "in"
initial = "received"

[[states]]
name = "received"
label = "Đã đến"
edxml = "01"

[[states]]
name = "registered"
label = "Đã vào sổ"
edxml = "03"
allocates_number = true

[[transitions]]
trigger = "register"
source = "received"
dest = "registered"
label = "Vào sổ"
roles = ["van_thu"]
"""


@pytest.fixture(scope="module")
def flows() -> Workflows:
    return default_workflows()


@pytest.fixture(scope="module")
def directive(flows: Workflows) -> Workflow:
    return flows.get("directive")


@pytest.fixture(scope="module")
def incoming(flows: Workflows) -> Workflow:
    return flows.get("incoming")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(tmp_path: Path, text: str, name: str = "broken.toml") -> str:
    path = write(tmp_path, name, text)
    with pytest.raises(WorkflowError) as caught:
        load_workflow(path)
    message = str(caught.value)
    assert str(path) in message
    assert caught.value.exit_code == 2
    return message


# --- the shipped lifecycles -----------------------------------------------------------------


def test_the_shipped_defaults_load_as_directive_report_and_incoming(flows: Workflows) -> None:
    assert sorted(flows.names()) == ["directive", "incoming", "report"]
    assert len(flows) == 3
    assert {w.name for w in flows} == {"directive", "incoming", "report"}
    assert check_folder(SHIPPED) == []


def test_the_shipped_defaults_are_loaded_once(flows: Workflows) -> None:
    assert default_workflows() is flows


def test_loading_without_a_folder_reads_the_shipped_files() -> None:
    loaded = load_workflows()
    assert loaded.folder is not None
    assert (loaded.folder / "directive.toml").is_file()
    assert loaded.get("directive").source_file == loaded.folder / "directive.toml"


def test_every_administrative_type_has_an_outgoing_and_the_incoming_workflow(flows: Workflows) -> None:
    for t in ADMINISTRATIVE_TYPES:
        out = flows.for_document(t.key, "out")
        assert out.direction == "out"
        assert t.key in out.types
        assert flows.for_document(t.key, "in").name == "incoming"


def test_reports_submissions_and_minutes_follow_the_report_lifecycle(flows: Workflows) -> None:
    for key in ("BC", "TTr", "BB"):
        assert flows.for_document(key, "out").name == "report"
    for key in ("KH", "QĐ", "CT", "CV", "TB", "HD", "CTr", "PA", "ĐA", "DA", "QC", "QyĐ", "NQ", "CĐ", "GM"):
        assert flows.for_document(key, "out").name == "directive"


def test_copies_are_issued_through_the_report_lifecycle(flows: Workflows) -> None:
    for t in COPY_TYPES:
        assert flows.for_document(t.key, "out").name == "report"


def test_any_incoming_document_gets_the_incoming_workflow_even_of_a_legal_type_or_no_type(
    flows: Workflows,
) -> None:
    for t in LEGAL_TYPES + COPY_TYPES:
        assert flows.for_document(t.key, "in").name == "incoming"
    assert flows.for_document(None, "in").name == "incoming"


def test_a_type_is_found_however_a_person_types_it(flows: Workflows) -> None:
    assert flows.for_document("QD", "out").name == "directive"
    assert flows.for_document("Báo cáo", "out").name == "report"


def test_a_legal_type_has_no_outgoing_workflow_and_the_refusal_says_so(flows: Workflows) -> None:
    with pytest.raises(NotFoundError) as caught:
        flows.for_document("NĐ", "out")
    assert "Không có quy trình nào cho văn bản đi loại «Nghị định» (NĐ)" in str(caught.value)


def test_an_unknown_direction_is_refused(flows: Workflows) -> None:
    with pytest.raises(InputError, match="Hướng văn bản «sideways» không hợp lệ"):
        flows.for_document("KH", "sideways")


def test_an_unknown_workflow_name_is_refused_listing_the_known_ones(flows: Workflows) -> None:
    with pytest.raises(NotFoundError) as caught:
        flows.get("nope")
    assert "Không có quy trình «nope»" in str(caught.value)
    assert "directive" in str(caught.value)


def test_the_directive_lifecycle_has_its_states_labels_and_flags(directive: Workflow) -> None:
    assert directive.direction == "out"
    assert directive.initial == "drafted"
    assert directive.label_of("drafted") == "Dự thảo"
    assert directive.label_of("submitted") == "Trình ký"
    assert directive.label_of("signed") == "Đã ký"
    assert directive.label_of("issued") == "Đã ban hành"
    assert directive.label_of("in_progress") == "Đang thực hiện"
    assert directive.label_of("implemented") == "Đã thực hiện"
    assert directive.label_of("reported") == "Đã báo cáo"
    assert directive.label_of("recalled") == "Đã thu hồi"
    assert directive.label_of("replaced") == "Bị thay thế"
    assert directive.label_of("cancelled") == "Đã hủy"
    assert directive.open_states() == {"issued", "in_progress", "implemented"}
    assert directive.final_states() == {"recalled", "replaced", "cancelled"}
    assert directive.numbering_state() == "issued"


def test_the_report_lifecycle_has_no_open_states_and_numbers_on_issue(flows: Workflows) -> None:
    report = flows.get("report")
    assert report.open_states() == frozenset()
    assert report.numbering_state() == "issued"
    assert not report.has_trigger("report")


def test_the_incoming_lifecycle_carries_the_edxml_codes(incoming: Workflow) -> None:
    assert incoming.direction == "in"
    assert incoming.initial == "received"
    codes = {s.name: s.edxml for s in incoming.states.values()}
    assert codes == {
        "received": "01",
        "registered": "03",
        "assigned": "05",
        "done": "06",
        "rejected": "02",
    }
    assert incoming.numbering_state() == "registered"
    assert incoming.open_states() == {"registered", "assigned"}
    assert incoming.edxml_code("assigned") == "05"


def test_the_triggers_the_coupling_code_fires_exist(flows: Workflows) -> None:
    directive = flows.get("directive")
    for trigger in ("issue", "report", "complete", "replace", "recall"):
        assert directive.has_trigger(trigger)
    assert flows.get("report").has_trigger("issue")
    assert flows.get("report").has_trigger("replace")
    for trigger in ("register", "complete", "assign", "reject"):
        assert flows.get("incoming").has_trigger(trigger)


def test_every_shipped_label_is_nfc(flows: Workflows) -> None:
    for w in flows:
        texts = [w.label, *(s.label for s in w.states.values()), *(t.label for t in w.transitions)]
        for text in texts:
            assert unicodedata.normalize("NFC", text) == text


# --- firing ---------------------------------------------------------------------------------


def test_a_directive_goes_from_draft_to_report_by_the_right_people(directive: Workflow) -> None:
    state = directive.initial
    for trigger, roles, expected in [
        ("submit", OFFICER, "submitted"),
        ("sign", LEADER, "signed"),
        ("issue", CLERK, "issued"),
        ("start", OFFICER, "in_progress"),
        ("complete", OFFICER, "implemented"),
        ("report", OFFICER, "reported"),
    ]:
        state = directive.fire(state, trigger, roles)
        assert state == expected


def test_a_clerk_may_register_a_signed_paper_document_straight_to_issued(directive: Workflow) -> None:
    assert directive.fire("drafted", "issue", CLERK) == "issued"


def test_a_leader_may_return_a_submitted_draft(directive: Workflow) -> None:
    assert directive.fire("submitted", "return", LEADER) == "drafted"


def test_report_is_allowed_from_issued_in_progress_and_implemented(directive: Workflow) -> None:
    for state in ("issued", "in_progress", "implemented"):
        assert directive.can_fire(state, "report")
        assert directive.fire(state, "report", OFFICER) == "reported"
    assert not directive.can_fire("reported", "report")
    assert not directive.can_fire("drafted", "report")


def test_complete_is_allowed_from_issued_and_in_progress(directive: Workflow) -> None:
    assert directive.fire("issued", "complete", OFFICER) == "implemented"
    assert directive.fire("in_progress", "complete", OFFICER) == "implemented"
    assert not directive.can_fire("implemented", "complete")


def test_an_issued_directive_may_be_recalled_or_replaced_until_reported(directive: Workflow) -> None:
    for state in ("issued", "in_progress", "implemented", "reported"):
        assert directive.fire(state, "recall", LEADER) == "recalled"
        assert directive.fire(state, "replace", CLERK) == "replaced"


def test_only_drafts_may_be_cancelled(directive: Workflow) -> None:
    assert directive.fire("drafted", "cancel", OFFICER) == "cancelled"
    assert directive.fire("submitted", "cancel", OFFICER) == "cancelled"
    with pytest.raises(TransitionError, match="«Đã ban hành»"):
        directive.fire("issued", "cancel", EVERYONE)


def test_an_incoming_document_is_registered_assigned_and_done(incoming: Workflow) -> None:
    state = incoming.fire("received", "register", CLERK)
    assert state == "registered"
    state = incoming.fire(state, "assign", LEADER)
    assert state == "assigned"
    assert incoming.fire(state, "complete", OFFICER) == "done"
    assert incoming.fire("registered", "complete", LEADER) == "done"
    assert incoming.fire("received", "reject", CLERK) == "rejected"


def test_firing_does_not_build_a_machine_per_call(directive: Workflow) -> None:
    directive.fire("issued", "start", CLERK)
    machine = directive._machine
    assert machine is not None
    for _ in range(50):
        directive.fire("issued", "start", CLERK)
    assert directive._machine is machine
    assert machine.models == []


def test_a_refused_transition_names_the_action_the_state_and_what_is_allowed(directive: Workflow) -> None:
    with pytest.raises(TransitionError) as caught:
        directive.fire("drafted", "sign", LEADER)
    text = str(caught.value)
    assert "Không thể «Ký» văn bản đang ở trạng thái «Dự thảo»." in text
    assert "Các thao tác được phép:" in text
    assert "«Trình ký»" in text and "«Ban hành»" in text
    assert "(submit)" not in text and "(issue)" not in text  # a person types the labels back
    assert caught.value.exit_code == 1


def test_a_transition_from_a_final_state_says_nothing_more_can_be_done(directive: Workflow) -> None:
    with pytest.raises(TransitionError) as caught:
        directive.fire("recalled", "issue", CLERK)
    assert str(caught.value) == (
        "Không thể «Ban hành» văn bản đang ở trạng thái «Đã thu hồi». "
        "Không còn thao tác nào với văn bản ở trạng thái này."
    )


def test_an_unknown_trigger_is_refused_as_a_transition_error(directive: Workflow) -> None:
    with pytest.raises(TransitionError) as caught:
        directive.fire("issued", "fly", EVERYONE)
    assert "không có thao tác «fly»" in str(caught.value)
    assert "được phép: «Bắt đầu thực hiện», «Hoàn thành thực hiện»," in str(caught.value)


def test_an_unknown_current_state_is_refused_as_a_transition_error(directive: Workflow) -> None:
    with pytest.raises(TransitionError, match="Trạng thái «limbo» không có trong quy trình"):
        directive.fire("limbo", "issue", CLERK)


def test_only_a_leader_may_sign_and_the_refusal_names_the_role(directive: Workflow) -> None:
    with pytest.raises(PermissionDeniedError) as caught:
        directive.fire("submitted", "sign", CLERK | OFFICER)
    text = str(caught.value)
    assert "Chỉ Lãnh đạo được «Ký» văn bản." in text
    assert "Văn thư" in text
    assert caught.value.exit_code == 1


def test_the_state_is_checked_before_the_role(directive: Workflow) -> None:
    with pytest.raises(TransitionError):
        directive.fire("recalled", "sign", OFFICER)


def test_a_recall_refusal_lists_every_role_that_may_recall(directive: Workflow) -> None:
    with pytest.raises(PermissionDeniedError, match="Chỉ Văn thư hoặc Lãnh đạo được «Thu hồi»"):
        directive.fire("issued", "recall", OFFICER)


def test_someone_with_no_role_is_told_so(incoming: Workflow) -> None:
    with pytest.raises(PermissionDeniedError, match="chưa có vai trò nào"):
        incoming.fire("received", "register", frozenset())


def test_allowed_lists_only_what_these_roles_may_fire_now(directive: Workflow) -> None:
    assert [t.trigger for t in directive.allowed("drafted", CLERK)] == ["submit", "issue", "cancel"]
    assert [t.trigger for t in directive.allowed("drafted", OFFICER)] == ["submit", "cancel"]
    assert [t.trigger for t in directive.allowed("submitted", LEADER)] == ["return", "sign", "cancel"]
    assert directive.allowed("recalled", EVERYONE) == []
    assert directive.allowed("limbo", EVERYONE) == []


def test_can_fire_ignores_roles(directive: Workflow) -> None:
    assert directive.can_fire("submitted", "sign")
    assert not directive.can_fire("drafted", "sign")
    assert not directive.can_fire("drafted", "fly")


def test_labels_of_unknown_or_missing_states(directive: Workflow) -> None:
    assert directive.label_of(None) == ""
    assert directive.label_of("limbo") == "limbo"


def test_asking_for_an_unknown_state_is_refused_in_vietnamese(directive: Workflow) -> None:
    assert directive.state("issued").allocates_number
    with pytest.raises(InputError, match="không có trạng thái «limbo»"):
        directive.state("limbo")


def test_the_mermaid_diagram_carries_the_vietnamese_labels(directive: Workflow) -> None:
    diagram = directive.to_mermaid()
    assert diagram.startswith("stateDiagram-v2\n")
    assert "[*] --> drafted" in diagram
    assert "drafted --> issued : Ban hành" in diagram
    assert "submitted --> drafted : Trả lại" in diagram
    assert "recalled --> [*]" in diagram
    for state in directive.states.values():
        assert state.label in diagram
    for transition in directive.transitions:
        assert transition.label in diagram


def test_the_incoming_diagram_shows_the_edxml_codes(incoming: Workflow) -> None:
    diagram = incoming.to_mermaid()
    assert "Đã phân công, đang xử lý" in diagram
    assert "edXML 05" in diagram


# --- conditions ----------------------------------------------------------------------------


def test_a_transition_with_a_condition_fires_only_when_the_fact_holds(tmp_path: Path) -> None:
    text = GOOD.replace('roles = ["lanh_dao"]', 'roles = ["lanh_dao"]\nconditions = ["has_outcome"]')
    flow = load_workflow(write(tmp_path, "mini.toml", text))
    with pytest.raises(TransitionError) as caught:
        flow.fire("issued", "finish", LEADER)
    assert "Chưa thể «Kết thúc»" in str(caught.value)
    assert "kết quả thực hiện" in str(caught.value)
    assert flow.fire("issued", "finish", LEADER, {"has_outcome": True}) == "done"


def test_an_answer_kept_for_a_fact_held_is_not_given_when_it_no_longer_holds(tmp_path: Path) -> None:
    text = GOOD.replace('roles = ["lanh_dao"]', 'roles = ["lanh_dao"]\nconditions = ["has_outcome"]')
    flow = load_workflow(write(tmp_path, "mini.toml", text))
    assert flow.fire("issued", "finish", LEADER, {"has_outcome": True}) == "done"
    assert flow.fire("issued", "finish", LEADER, {"has_outcome": 1}) == "done"
    with pytest.raises(TransitionError):
        flow.fire("issued", "finish", LEADER, {"has_outcome": False})
    with pytest.raises(TransitionError):
        flow.fire("issued", "finish", LEADER)


# --- broken files --------------------------------------------------------------------------


def test_a_good_file_loads(tmp_path: Path) -> None:
    flow = load_workflow(write(tmp_path, "mini.toml", GOOD))
    assert flow.name == "mini"
    assert flow.types == {"GGT"}
    assert flow.source_file == tmp_path / "mini.toml"
    assert flow.fire("drafted", "issue", CLERK) == "issued"


def test_a_transition_to_an_undeclared_state_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('dest = "done"', 'dest = "finished"'))
    assert "trạng thái «finished» trong chuyển «finish» không được khai báo." in message


def test_a_transition_from_an_undeclared_state_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('source = "issued"', 'source = ["issued", "ghost"]'))
    assert "trạng thái «ghost» trong chuyển «finish» không được khai báo." in message


def test_an_undeclared_initial_state_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('initial = "drafted"', 'initial = "start"'))
    assert "trạng thái ban đầu «start» không được khai báo." in message


def test_an_unreachable_state_is_refused(tmp_path: Path) -> None:
    text = GOOD + '\n[[states]]\nname = "lost"\nlabel = "Lạc"\n'
    message = refusal(tmp_path, text)
    assert "trạng thái «lost» không thể đạt tới từ trạng thái ban đầu «drafted»." in message


def test_the_same_trigger_twice_from_one_state_is_refused(tmp_path: Path) -> None:
    text = GOOD + (
        '\n[[transitions]]\ntrigger = "issue"\nsource = ["drafted"]\ndest = "done"\n'
        'label = "Ban hành lần nữa"\nroles = ["van_thu"]\n'
    )
    message = refusal(tmp_path, text)
    assert "thao tác «issue» được khai báo hai lần từ trạng thái «drafted»." in message


def test_an_unknown_role_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('roles = ["lanh_dao"]', 'roles = ["chu_tich"]'))
    assert "vai trò «chu_tich» trong chuyển «finish» không tồn tại" in message
    assert "lanh_dao" in message


def test_an_unknown_type_key_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('types = ["GGT"]', 'types = ["GGT", "XYZ"]'))
    assert "loại văn bản «XYZ» không có trong danh mục" in message


def test_a_legal_type_on_an_outgoing_workflow_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('types = ["GGT"]', 'types = ["L"]'))
    assert "loại văn bản «L» (Luật)" in message


def test_an_outgoing_workflow_without_types_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('types = ["GGT"]\n', ""))
    assert "quy trình thiếu «types»." in message


def test_an_unknown_condition_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace('roles = ["lanh_dao"]', 'roles = ["lanh_dao"]\nconditions = ["moon_is_full"]')
    message = refusal(tmp_path, text)
    assert "điều kiện «moon_is_full» trong chuyển «finish» không tồn tại" in message


def test_a_state_without_a_label_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('label = "Xong"\n', ""))
    assert "trạng thái «done» thiếu nhãn tiếng Việt (label)." in message


def test_a_transition_without_a_label_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('label = "Kết thúc"\n', ""))
    assert "chuyển «finish» thiếu nhãn tiếng Việt (label)." in message


def test_a_workflow_without_a_label_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('label = "Quy trình thử"\n', ""))
    assert "quy trình thiếu nhãn tiếng Việt (label)." in message


def test_a_toml_syntax_error_is_refused_with_its_line(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('initial = "drafted"', "initial drafted"))
    assert "lỗi cú pháp TOML ở dòng 5" in message


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(GOOD.encode("utf-8").replace("thử".encode(), b"th\xfd"))
    with pytest.raises(WorkflowError) as caught:
        load_workflow(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_an_edxml_code_outside_01_to_06_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD_IN.replace('edxml = "03"', 'edxml = "09"'))
    assert "mã edXML «09» của trạng thái «registered» không hợp lệ" in message


def test_an_incoming_state_without_an_edxml_code_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD_IN.replace('edxml = "01"\n', ""))
    assert "trạng thái «received» của quy trình văn bản đến thiếu mã edXML" in message


def test_an_edxml_code_on_an_outgoing_workflow_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('label = "Xong"', 'label = "Xong"\nedxml = "06"'))
    assert "chỉ dùng cho quy trình văn bản đến" in message


def test_a_direction_other_than_out_or_in_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('direction = "out"', 'direction = "up"'))
    assert "hướng «up» không hợp lệ" in message


def test_a_misspelt_key_is_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace("allocates_number = true", "allocate_number = true"))
    assert "khóa «allocate_number» trong trạng thái «issued» không được hỗ trợ" in message


def test_a_transition_leaving_a_final_state_is_refused(tmp_path: Path) -> None:
    text = GOOD + (
        '\n[[transitions]]\ntrigger = "reopen"\nsource = "done"\ndest = "drafted"\n'
        'label = "Mở lại"\nroles = ["lanh_dao"]\n'
    )
    message = refusal(tmp_path, text)
    assert "trạng thái kết thúc «done» không được có chuyển đi" in message


def test_two_numbering_states_are_refused(tmp_path: Path) -> None:
    message = refusal(tmp_path, GOOD.replace('label = "Xong"', 'label = "Xong"\nallocates_number = true'))
    assert "chỉ một trạng thái được cấp số" in message


def test_every_fault_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace('roles = ["lanh_dao"]', 'roles = ["chu_tich"]').replace(
        'types = ["GGT"]', 'types = ["XYZ"]'
    )
    message = refusal(tmp_path, text)
    assert "chu_tich" in message
    assert "XYZ" in message
    assert len(message.splitlines()) == 2


def test_labels_written_decomposed_are_read_as_nfc(tmp_path: Path) -> None:
    text = GOOD.replace("Dự thảo", unicodedata.normalize("NFD", "Dự thảo"))
    flow = load_workflow(write(tmp_path, "mini.toml", text))
    assert flow.label_of("drafted") == "Dự thảo"


# --- folders -------------------------------------------------------------------------------


def test_a_folder_of_good_files_loads_and_an_incoming_workflow_without_types_serves_every_type(
    tmp_path: Path,
) -> None:
    write(tmp_path, "mini.toml", GOOD)
    write(tmp_path, "mini_in.toml", GOOD_IN)
    write(tmp_path, "README.md", "not a workflow")
    flows = load_workflows(tmp_path)
    assert sorted(flows.names()) == ["mini", "mini_in"]
    assert flows.for_document("GGT", "out").name == "mini"
    assert flows.for_document("QĐ", "in").name == "mini_in"
    with pytest.raises(NotFoundError, match="văn bản đi loại «Quyết định»"):
        flows.for_document("QĐ", "out")
    assert check_folder(tmp_path) == []


def test_a_type_listed_by_two_outgoing_workflows_is_a_load_error(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", GOOD)
    write(tmp_path, "b.toml", GOOD.replace('name = "mini"', 'name = "other"'))
    with pytest.raises(WorkflowError) as caught:
        load_workflows(tmp_path)
    message = str(caught.value)
    assert str(tmp_path / "b.toml") in message
    assert "loại văn bản «GGT» đã thuộc quy trình «mini»" in message


def test_two_workflows_with_the_same_name_are_a_load_error(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", GOOD)
    write(tmp_path, "b.toml", GOOD.replace('types = ["GGT"]', 'types = ["GNP"]'))
    faults = check_folder(tmp_path)
    assert faults == [f"{tmp_path / 'b.toml'}: tên quy trình «mini» đã dùng trong {tmp_path / 'a.toml'}."]


def test_check_folder_reports_the_faults_of_every_file_without_raising(tmp_path: Path) -> None:
    write(tmp_path, "good.toml", GOOD)
    write(
        tmp_path,
        "x.toml",
        GOOD.replace('name = "mini"', 'name = "x"').replace('dest = "done"', 'dest = "gone"'),
    )
    write(tmp_path, "y.toml", "name = [")
    faults = check_folder(tmp_path)
    assert len(faults) == 3
    assert any(f.startswith(f"{tmp_path / 'x.toml'}: trạng thái «gone»") for f in faults)
    assert any(f.startswith(f"{tmp_path / 'y.toml'}: lỗi cú pháp TOML") for f in faults)


def test_check_folder_complains_about_a_missing_or_empty_folder(tmp_path: Path) -> None:
    assert check_folder(tmp_path) == [f"{tmp_path}: thư mục không có tệp quy trình nào (*.toml)."]
    missing = tmp_path / "nowhere"
    assert check_folder(missing) == [f"{missing}: không tìm thấy thư mục quy trình."]
    with pytest.raises(WorkflowError, match="không tìm thấy thư mục quy trình"):
        load_workflows(missing)


def test_the_shipped_folder_passes_the_check() -> None:
    assert check_folder(SHIPPED) == []


@pytest.mark.parametrize("typed", ["Trình ký", "trinh ky", "TRÌNH-KÝ", " submit "])
def test_an_action_is_named_by_its_label_folded_or_by_its_trigger(directive: Workflow, typed: str) -> None:
    assert directive.trigger_named(typed) == "submit"
    assert directive.trigger_named("bay") == "bay"
