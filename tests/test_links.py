"""The link table (domain/links.py): every kind's rule as data, and the office keeping each one.

The parametrised tests walk the table itself, so a kind added or a flag changed there is checked
through Office on every engine without a test being written for it.
"""

from __future__ import annotations

import json
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

from vanban import LinkKind, Office
from vanban.domain.links import (
    ACYCLIC_KINDS,
    CLOSING_REPORT_KINDS,
    INTERIM_REPORT_KINDS,
    LINK_LABELS,
    LINK_RULES,
    LinkDirection,
    LinkRule,
    dump_rules,
    kinds_help,
    load_rules,
    parse_link_kind,
    rule_of,
)
from vanban.domain.model import Document
from vanban.domain.types import BAO_CAO, get_type
from vanban.errors import InputError, LinkError

if TYPE_CHECKING:
    from conftest import Cli

RULES = list(LINK_RULES.values())
by_kind = pytest.mark.parametrize("rule", RULES, ids=[r.kind.value for r in RULES])


# ------------------------------------------------------------------------------- the table


def test_every_kind_has_exactly_one_rule_in_the_order_of_the_enum() -> None:
    assert [r.kind for r in RULES] == list(LinkKind)


def test_the_table_dumps_to_plain_values_and_reloads_equal_to_itself() -> None:
    dumped = dump_rules()
    plain = json.loads(json.dumps(dumped))  # only strings, booleans and lists survive JSON unchanged
    assert plain == dumped
    assert load_rules(plain) == tuple(RULES)


def test_the_table_writes_to_toml_and_reads_back_equal_to_itself() -> None:
    import tomli_w

    written = tomli_w.dumps({"links": dump_rules()})
    assert '[[links]]\nkind = "based_on"\nlabel = "căn cứ"' in written
    assert load_rules(tomllib.loads(written)["links"]) == tuple(RULES)


def test_a_reloaded_table_with_a_flag_changed_is_not_the_table() -> None:
    dumped = dump_rules()
    dumped[0]["acyclic"] = not dumped[0]["acyclic"]
    assert load_rules(dumped) != tuple(RULES)


def test_a_dumped_rule_with_an_unknown_key_is_refused() -> None:
    dumped = dump_rules()
    dumped[0]["acylic"] = True
    with pytest.raises(ValueError, match="acylic"):
        load_rules(dumped)


@by_kind
def test_labels_are_vietnamese_both_ways_and_name_one_kind_each(rule: LinkRule) -> None:
    for label in (rule.label, rule.reverse_label):
        assert label == unicodedata.normalize("NFC", label)
        assert label and not label.isascii()
    assert [r.kind for r in RULES if r.label == rule.label] == [rule.kind]
    assert [r.kind for r in RULES if r.reverse_label == rule.reverse_label] == [rule.kind]


@by_kind
def test_a_kind_is_read_from_its_code_or_its_label(rule: LinkRule) -> None:
    assert parse_link_kind(rule.kind.value) is rule.kind
    assert parse_link_kind(f" {rule.label.upper()} ") is rule.kind


def test_an_unknown_kind_is_bad_input_listing_the_kinds_with_their_labels() -> None:
    with pytest.raises(InputError) as refused:
        parse_link_kind("kế thừa")
    assert refused.value.exit_code == 2
    assert "kế thừa" in refused.value.message
    assert all(f"{r.label} ({r.kind.value})" in (refused.value.hint or "") for r in RULES)


def test_only_a_mention_may_close_a_cycle() -> None:
    assert LinkKind.CITES.value not in ACYCLIC_KINDS
    assert ACYCLIC_KINDS | {LinkKind.CITES.value} == {k.value for k in LinkKind}


def test_the_report_type_of_the_table_is_the_catalogue_s_report() -> None:
    reporting = [r for r in RULES if r.direction is LinkDirection.REPORTS]
    assert [r.source_types for r in reporting] == [{BAO_CAO}] * len(reporting)
    assert get_type(BAO_CAO).name == "Báo cáo"


def test_one_report_kind_closes_what_it_reports_on_and_the_interim_one_does_not() -> None:
    assert {LinkKind.REPORTS_ON.value} == CLOSING_REPORT_KINDS
    assert {LinkKind.REPORTS_PROGRESS.value} == INTERIM_REPORT_KINDS
    assert rule_of(LinkKind.REPORTS_PROGRESS).couples is None
    assert rule_of(LinkKind.REPORTS_PROGRESS).reports_results


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("báo cáo định kỳ", LinkKind.REPORTS_PROGRESS),
        ("bao cao so ket", LinkKind.REPORTS_PROGRESS),
        ("Tiến độ", LinkKind.REPORTS_PROGRESS),
        ("reports_progress", LinkKind.REPORTS_PROGRESS),
        ("báo cáo  tổng kết", LinkKind.REPORTS_ON),
        ("báo cáo kết quả", LinkKind.REPORTS_ON),
        ("báo cáo về", LinkKind.REPORTS_ON),
    ],
)
def test_a_report_kind_is_read_from_the_words_a_clerk_types(typed: str, kind: LinkKind) -> None:
    assert parse_link_kind(typed) is kind


def test_the_help_says_which_report_kind_closes_what_it_reports_on() -> None:
    help_text = kinds_help()
    assert (
        "báo cáo về (reports_on) [báo cáo kết quả: văn bản được báo cáo chuyển sang «Đã báo cáo»]"
        in help_text
    )
    assert "báo cáo tiến độ (reports_progress) [báo cáo định kỳ hoặc sơ kết: " in help_text


# ----------------------------------------------------------------- the rules, through Office


@dataclass
class Pair:
    """A source and a target suited to a rule: the source of its type, the target a plan."""

    source: Document
    target: Document


def _source_type(rule: LinkRule) -> str:
    return min(rule.source_types) if rule.source_types else "KH"


def _issued(office: Office, type_key: str, subject: str, day: int) -> Document:
    return office.register(type_key, subject=subject, on=date(2025, 10, day), signer="chutich")


def _pair(office: Office, rule: LinkRule) -> Pair:
    target = _issued(office, "KH", "Kế hoạch chuyển đổi số", 1)
    source = _issued(office, _source_type(rule), "Văn bản liên quan", 2)
    return Pair(source, target)


def state(office: Office) -> tuple[dict[str, int], list[tuple[Any, ...]]]:
    """Row counts of every table and each document's state: what a refusal must leave alone."""
    from sqlalchemy import func, select

    from vanban.store.tables import metadata

    with office.engine.connect() as conn:
        rows = {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in metadata.sorted_tables
        }
    return rows, [(d.id, d.status, d.code, d.number) for d in office.documents()]


@by_kind
def test_a_kind_closes_a_cycle_of_its_own_only_when_the_table_allows_it(
    office: Office, rule: LinkRule
) -> None:
    first = _issued(office, _source_type(rule), "Văn bản thứ nhất", 1)
    second = _issued(office, _source_type(rule), "Văn bản thứ hai", 2)
    office.link(second.id, first.id, rule.kind)
    before = state(office)
    if rule.acyclic:
        with pytest.raises(LinkError, match="vòng lặp") as refused:
            office.link(first.id, second.id, rule.kind)
        assert refused.value.exit_code == 1
        assert (
            f"{second.code} đã {rule.label} (trực tiếp hay gián tiếp) {first.code}" in refused.value.message
        )
        assert state(office) == before
    else:
        office.link(first.id, second.id, rule.kind)
        assert state(office)[0]["links"] == before[0]["links"] + 1


@by_kind
def test_a_kind_cannot_point_back_at_what_implements_its_source(office: Office, rule: LinkRule) -> None:
    pair = _pair(office, rule)
    if rule.same_type:
        pair.source = _issued(office, "KH", "Kế hoạch thứ hai", 3)
    office.link(pair.target.id, pair.source.id, LinkKind.IMPLEMENTS)
    before = state(office)
    if rule.acyclic:
        with pytest.raises(LinkError, match="vòng lặp") as refused:
            office.link(pair.source.id, pair.target.id, rule.kind)
        assert f"{pair.target.code} đã thực hiện (trực tiếp hay gián tiếp) {pair.source.code}" in (
            refused.value.message
        )
        assert state(office) == before
    else:
        office.link(pair.source.id, pair.target.id, rule.kind)


@by_kind
def test_a_kind_reaches_another_issuer_only_when_the_table_allows_it(office: Office, rule: LinkRule) -> None:
    source = _issued(office, _source_type(rule), "Văn bản của xã", 2)
    theirs = office.receive(
        "45/KH-SKHCN",
        sender="SKHCN",
        on=date(2025, 10, 1),
        arrived=date(2025, 10, 2),
        subject="Kế hoạch của Sở",
    )
    before = state(office)
    if rule.same_issuer:
        with pytest.raises(LinkError) as refused:
            office.link(source.id, theirs.id, rule.kind)
        assert f"không thể {rule.label} 45/KH-SKHCN" in refused.value.message
        assert "Sở Khoa học và Công nghệ" in refused.value.message
        assert refused.value.hint == f"Chỉ cơ quan ban hành mới {rule.label} được văn bản của mình."
        assert state(office) == before
    else:
        office.link(source.id, theirs.id, rule.kind)
        assert office.get(source.id).status == "issued"


@by_kind
def test_a_kind_moves_its_target_on_when_the_source_is_issued_as_the_table_says(
    office: Office, rule: LinkRule
) -> None:
    target = _issued(office, "KH", "Kế hoạch chuyển đổi số", 1)
    source = office.draft(_source_type(rule), subject="Văn bản liên quan")
    office.link(source.id, target.id, rule.kind)
    assert office.get(target.id).status == "issued", "a draft moves nothing"
    issued = office.issue(source.id, on=date(2025, 10, 2), signer="chutich")

    wf = office.workflow_of(target)
    assert wf is not None
    moved = [e for e in office.history(target.id) if e.data.get("cause") == issued.id]
    if rule.couples is None:
        assert office.get(target.id).status == "issued"
        assert moved == []
    else:
        step = wf.transition("issued", rule.couples)
        assert step is not None
        assert office.get(target.id).status == step.dest
        assert [(e.trigger, e.from_state, e.to_state) for e in moved] == [(rule.couples, "issued", step.dest)]


@by_kind
def test_a_report_on_a_plan_covers_what_rests_on_it_by_a_descending_kind_only(
    office: Office, rule: LinkRule
) -> None:
    plan = _issued(office, "KH", "Kế hoạch chuyển đổi số", 1)
    below = _issued(office, _source_type(rule), "Văn bản liên quan", 2)
    office.link(below.id, plan.id, rule.kind)
    office.add_outcome(below.id, text="Hội nghị triển khai", quantity=1, unit="hội nghị")
    report = office.draft(BAO_CAO, subject="Kết quả chuyển đổi số")
    office.link(report.id, plan.id, LinkKind.REPORTS_ON)
    issued = office.issue(report.id, on=date(2025, 11, 19), signer="chutich")

    (outcome,) = office.outcomes(below.id)
    assert outcome.reported_in == ((issued.id,) if rule.descends else ())


@by_kind
def test_the_status_view_counts_what_carries_a_plan_out_as_the_table_says(
    office: Office, rule: LinkRule, clock: Callable[[date], None]
) -> None:
    plan = office.register(
        "KH",
        subject="Kế hoạch chuyển đổi số",
        on=date(2025, 10, 1),
        deadline=date(2025, 12, 31),
        signer="chutich",
    )
    other = _issued(office, _source_type(rule), "Văn bản liên quan", 2)
    office.link(other.id, plan.id, rule.kind)
    clock(date(2025, 11, 1))
    rows = {row.document.id: row for row in office.status().items}
    if office.get(plan.id).status in ("issued", "in_progress", "implemented"):
        assert rows[plan.id].implementing == (1 if rule.carries_out else 0)
    else:
        assert plan.id not in rows  # replaced or repealed: no longer open


# ----------------------------------------------------------------------- named bugs of #9


def test_a_plan_cannot_amend_the_decision_that_implements_it(office: Office) -> None:
    plan = _issued(office, "KH", "Kế hoạch chuyển đổi số", 1)
    decision = _issued(office, "QĐ", "Thành lập Tổ công nghệ số", 2)
    office.link(decision.id, plan.id, LinkKind.IMPLEMENTS)
    before = state(office)
    with pytest.raises(LinkError) as refused:
        office.link(plan.id, decision.id, LinkKind.AMENDS)
    assert refused.value.message == (
        f"{decision.code} đã thực hiện (trực tiếp hay gián tiếp) {plan.code}; "
        f"«{plan.code} sửa đổi {decision.code}» tạo vòng lặp."
    )
    assert state(office) == before


def test_two_decisions_cannot_amend_each_other(office: Office) -> None:
    first = _issued(office, "QĐ", "Quyết định thứ nhất", 1)
    second = _issued(office, "QĐ", "Quyết định thứ hai", 2)
    office.link(second.id, first.id, LinkKind.AMENDS)
    with pytest.raises(LinkError, match="vòng lặp"):
        office.link(first.id, second.id, LinkKind.AMENDS)


@pytest.fixture
def plans(office: Office) -> tuple[Document, Document]:
    """Plans 90 and 95 of the commune, both issued."""
    office.set_series("KH", year=2025, next_number=90)
    ninety = _issued(office, "KH", "Tổ chức Ngày Chuyển đổi số quốc gia", 1)
    office.set_series("KH", year=2025, next_number=95)
    ninety_five = _issued(office, "KH", "Hoạt động của các Tổ công nghệ số cộng đồng", 3)
    assert (ninety.code, ninety_five.code) == ("90/KH-UBND", "95/KH-UBND")
    return ninety, ninety_five


def refused(office: Office, source: int, target: int | str, kind: LinkKind = LinkKind.REPLACES) -> LinkError:
    """The refusal of the link, having checked that the register did not change."""
    before = state(office)
    with pytest.raises(LinkError) as caught:
        office.link(source, target, kind)
    assert caught.value.exit_code == 1
    assert state(office) == before
    return caught.value


def test_a_replaced_plan_cannot_replace_its_replacement(
    office: Office, plans: tuple[Document, Document]
) -> None:
    ninety, ninety_five = plans
    office.link(ninety_five.id, ninety.id, LinkKind.REPLACES)
    assert office.get(ninety.id).status == "replaced"
    error = refused(office, ninety.id, ninety_five.id)
    assert "95/KH-UBND đã thay thế (trực tiếp hay gián tiếp) 90/KH-UBND" in error.message
    assert office.get(ninety_five.id).status == "issued"


def test_a_plan_replaced_once_is_not_replaced_again_by_another(
    office: Office, plans: tuple[Document, Document]
) -> None:
    ninety, ninety_five = plans
    office.link(ninety_five.id, ninety.id, LinkKind.REPLACES)
    later = _issued(office, "KH", "Kế hoạch khác", 5)
    error = refused(office, later.id, ninety.id)
    assert error.message == "90/KH-UBND đã bị thay thế bởi 95/KH-UBND."


def test_a_draft_replacing_a_plan_keeps_another_draft_from_replacing_it(
    office: Office, plans: tuple[Document, Document]
) -> None:
    ninety, _ = plans
    first = office.draft("KH", subject="Kế hoạch thay thế")
    office.link(first.id, ninety.id, LinkKind.REPLACES)
    second = office.draft("KH", subject="Kế hoạch thay thế khác")
    assert f"bị thay thế bởi #{first.id}" in refused(office, second.id, ninety.id).message


def test_a_plan_cannot_replace_the_plan_that_carries_it_out(
    office: Office, plans: tuple[Document, Document]
) -> None:
    ninety, ninety_five = plans
    office.link(ninety_five.id, ninety.id, LinkKind.IMPLEMENTS)
    assert "vòng lặp" in refused(office, ninety.id, ninety_five.id).message


def test_a_plan_cannot_replace_the_letter_that_implements_it(
    office: Office, plans: tuple[Document, Document]
) -> None:
    ninety, _ = plans
    letter = office.register(
        "CV", unit="VHXH", subject="Triển khai kế hoạch 90", on=date(2025, 10, 10), signer="chutich"
    )
    office.link(letter.id, ninety.id, LinkKind.IMPLEMENTS)
    error = refused(office, ninety.id, letter.id)
    assert "khác loại văn bản" in error.message


def test_a_plan_cannot_replace_what_it_rests_on(office: Office, plans: tuple[Document, Document]) -> None:
    ninety, ninety_five = plans
    office.link(ninety_five.id, ninety.id, LinkKind.BASED_ON)
    error = refused(office, ninety_five.id, ninety.id)
    assert error.message == (
        "95/KH-UBND đã căn cứ (trực tiếp hay gián tiếp) 90/KH-UBND, không thể thay thế văn bản mình dựa vào."
    )


def test_an_issued_plan_cannot_replace_a_draft(office: Office, plans: tuple[Document, Document]) -> None:
    _, ninety_five = plans
    draft = office.draft("KH", subject="Dự thảo chưa ban hành")
    error = refused(office, ninety_five.id, draft.id)
    assert (
        error.message
        == f"#{draft.id} đang ở trạng thái «Dự thảo»: chỉ thay thế được văn bản đã ban hành, còn hiệu lực."
    )
    assert error.hint is not None and "hủy dự thảo" in error.hint


def test_an_issued_plan_cannot_replace_a_cancelled_draft(
    office: Office, plans: tuple[Document, Document]
) -> None:
    _, ninety_five = plans
    draft = office.draft("KH", subject="Dự thảo đã hủy")
    office.fire(draft.id, "cancel")
    assert "«Đã hủy»" in refused(office, ninety_five.id, draft.id).message


def test_a_plan_cannot_replace_a_decision(office: Office, plans: tuple[Document, Document]) -> None:
    _, ninety_five = plans
    decision = _issued(office, "QĐ", "Kiện toàn Tổ công tác", 2)
    error = refused(office, ninety_five.id, decision.id)
    assert error.message.startswith("Kế hoạch 95/KH-UBND không thể thay thế Quyết định")


# ------------------------------------------------------------- allowed links, as before


def test_an_issued_plan_replaces_an_earlier_one_and_may_say_so_twice(
    office: Office, plans: tuple[Document, Document]
) -> None:
    ninety, ninety_five = plans
    office.link(ninety_five.id, ninety.id, LinkKind.REPLACES)
    before = state(office)
    office.link(ninety_five.id, ninety.id, LinkKind.REPLACES)  # already there: nothing to do
    assert state(office) == before
    assert office.get(ninety.id).status == "replaced"


def test_a_plan_replaces_one_of_its_own_only_cited_so_far(
    office: Office, plans: tuple[Document, Document]
) -> None:
    _, ninety_five = plans
    cited = office.link(ninety_five.id, "12/KH-UBND", LinkKind.REPLACES)
    assert cited.reference_only and cited.code == "12/KH-UBND"


def test_a_replacing_plan_may_still_mention_the_one_it_replaces(
    office: Office, plans: tuple[Document, Document]
) -> None:
    ninety, ninety_five = plans
    office.link(ninety_five.id, ninety.id, LinkKind.CITES)
    office.link(ninety_five.id, ninety.id, LinkKind.REPLACES)
    assert office.get(ninety.id).status == "replaced"


def test_links_that_rest_on_the_same_document_from_many_sides_are_no_cycle(office: Office) -> None:
    plan = _issued(office, "KH", "Kế hoạch", 1)
    decision = _issued(office, "QĐ", "Quyết định", 2)
    letter = office.register("CV", unit="VHXH", subject="Công văn", on=date(2025, 10, 3), signer="chutich")
    office.link(decision.id, plan.id, LinkKind.IMPLEMENTS)
    office.link(letter.id, plan.id, LinkKind.BASED_ON)
    office.link(letter.id, decision.id, LinkKind.IMPLEMENTS)
    office.link(letter.id, plan.id, LinkKind.CITES)
    upstream = {
        node.document.id: LINK_LABELS[node.kind] for node in office.trace(letter.id).upstream if node.kind
    }
    assert upstream == {plan.id: "căn cứ", decision.id: "thực hiện"}


# ------------------------------------------------------------------ through the command line


def test_link_help_lists_every_kind_with_its_vietnamese_label(cli: Cli, db_url: str) -> None:
    flat = " ".join(cli.ok(db_url, "link", "--help").out.split())
    for rule in RULES:
        assert f"{rule.label} ({rule.kind.value})" in flat


def test_the_command_line_says_a_link_with_its_vietnamese_label(
    cli: Cli, office: Office, db_url: str
) -> None:
    plan = _issued(office, "KH", "Kế hoạch chuyển đổi số", 1)
    decision = _issued(office, "QĐ", "Thành lập Tổ công nghệ số", 2)
    said = cli.ok(db_url, "--as", "vanthu", "link", str(decision.code), str(plan.code), "--kind", "thực hiện")
    assert said.err == ""
    assert said.out.strip() == (
        f"Quyết định {decision.code} ({decision.year}) thực hiện Kế hoạch {plan.code} ({plan.year})."
    )


def test_the_command_line_refuses_a_plan_amending_what_implements_it(
    cli: Cli, office: Office, db_url: str
) -> None:
    plan = _issued(office, "KH", "Kế hoạch chuyển đổi số", 1)
    decision = _issued(office, "QĐ", "Thành lập Tổ công nghệ số", 2)
    cli.ok(db_url, "--as", "vanthu", "link", str(decision.code), str(plan.code), "--kind", "implements")
    before = state(office)
    refused = cli.run(
        db_url, "--as", "vanthu", "link", str(plan.code), str(decision.code), "--kind", "amends"
    )
    assert refused.code == 1
    assert refused.out == ""
    assert f"Lỗi: {decision.code} đã thực hiện (trực tiếp hay gián tiếp) {plan.code}" in refused.err
    assert "vòng lặp" in refused.err
    assert state(office) == before
