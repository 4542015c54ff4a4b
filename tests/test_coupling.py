"""Lifecycle coupling: what a report, an answer or a replacement does to the documents it names."""

from __future__ import annotations

from datetime import date

from vanban import LinkKind, Office


def test_a_report_on_a_plan_also_closes_the_letters_that_carried_it_out(office: Office) -> None:
    plan = office.register("KH", subject="Kế hoạch chuyển đổi số", on=date(2025, 9, 29), signer="chutich")
    letter = office.register(
        "CV", unit="VHXH", subject="Triển khai kế hoạch", on=date(2025, 10, 10), signer="chutich"
    )
    office.link(letter.id, plan.id, LinkKind.IMPLEMENTS)
    office.add_outcome(letter.id, text="Hội nghị", quantity=200, unit="người")
    report = office.draft("BC", subject="Kết quả chuyển đổi số")
    office.link(report.id, plan.id, LinkKind.REPORTS_ON)
    issued = office.issue(report.id, on=date(2025, 11, 19), signer="chutich")

    assert office.get(plan.id).status == "reported"
    assert office.get(letter.id).status == "reported"
    (moved,) = [e for e in office.history(letter.id) if e.trigger == "report"]
    assert moved.data["cause"] == issued.id and issued.code in (moved.note or "")
    (outcome,) = office.outcomes(letter.id)
    assert outcome.reported_in == (issued.id,)
    assert office.status(as_of=date(2025, 11, 25)).items == []


def test_a_report_leaves_alone_what_does_not_carry_out_what_it_reports_on(office: Office) -> None:
    plan = office.register("KH", subject="Kế hoạch A", on=date(2025, 9, 29), signer="chutich")
    other = office.register("KH", subject="Kế hoạch B", on=date(2025, 9, 30), signer="chutich")
    report = office.draft("BC", subject="Báo cáo kế hoạch A")
    office.link(report.id, plan.id, LinkKind.REPORTS_ON)
    office.issue(report.id, on=date(2025, 11, 19), signer="chutich")
    assert office.get(other.id).status == "issued"
