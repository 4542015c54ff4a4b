"""Reference extraction: what a text cites, and how (căn cứ, thực hiện, trả lời, báo cáo về…)."""

from __future__ import annotations

import json
import time
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from vanban.domain.codes import try_parse_code
from vanban.domain.model import LinkKind
from vanban.domain.reference_text import normalise_text
from vanban.domain.references import Reference, extract_references

DATA = Path(__file__).parent / "data" / "references"
# The commune's report as extracted from its .docx (a copy of shared/samples/000_1e0a88835e5a2df8.txt).
SAMPLE = DATA / "sample_000_1e0a88835e5a2df8.txt"


def _one(text: str, **kwargs: str) -> Reference:
    refs = extract_references(text, **kwargs)
    assert len(refs) == 1, [r.to_json() for r in refs]
    return refs[0]


def _kinds(text: str, **kwargs: str) -> dict[str, LinkKind]:
    return {str(r.code): r.kind for r in extract_references(text, **kwargs)}


def _canonical(code: str) -> str:
    parsed = try_parse_code(code)
    assert parsed is not None, code
    return str(parsed)


# ---------------------------------------------------------------------------------------------
# The commune's real report


def _sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_the_real_commune_report_yields_exactly_its_nine_references() -> None:
    refs = extract_references(_sample_text(), document_type="BC")

    got = [(str(r.code), r.kind, r.date) for r in refs]
    reports_on = LinkKind.REPORTS_ON
    assert got == [
        ("516/SKHCN-TTTT", LinkKind.RESPONDS_TO, date(2025, 11, 12)),
        ("90/KH-UBND", reports_on, date(2025, 9, 29)),
        ("968/QĐ-UBND", reports_on, date(2025, 10, 3)),
        ("95/KH-UBND", reports_on, date(2025, 10, 1)),
        ("542/UBND-VHXH", reports_on, date(2025, 9, 26)),
        ("675/UBND-VHXH", reports_on, date(2025, 10, 10)),
        ("704/UBND-VHXH", reports_on, date(2025, 10, 14)),
        ("626/UBND-VHXH", reports_on, date(2025, 10, 7)),
        ("705/UBND-VHXH", reports_on, date(2025, 10, 14)),
    ]
    assert refs[0].issuer == "Sở Khoa học và Công nghệ thành phố Hải Phòng"
    assert refs[0].type_key == "CV"
    assert refs[1].text == "Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã"
    assert refs[2].type_key == "QĐ"


# ---------------------------------------------------------------------------------------------
# The labelled set: precision and recall


@dataclass
class _Score:
    name: str
    expected: int
    found: int
    correct: int
    fields: int = 0
    fields_correct: int = 0


def _score_file(name: str, spec: dict[str, object]) -> tuple[_Score, list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    own = spec["own_code"]
    doc_type = spec["document_type"]
    refs = extract_references(
        text,
        own_code=own if isinstance(own, str) else None,
        document_type=doc_type if isinstance(doc_type, str) else None,
    )
    labelled = spec["references"]
    assert isinstance(labelled, list)
    expected = {
        _canonical(r["code"]) if "code" in r else f"{r['title']} ngày {r['date']}": r for r in labelled
    }
    got = {r.key: r.to_json() for r in refs}
    score = _Score(name, len(expected), len(got), 0)
    problems: list[str] = []
    for code, want in expected.items():
        have = got.get(code)
        if have is None:
            problems.append(f"{name}: thiếu {code}")
            continue
        if (have["kind"], have["date"]) == (want["kind"], want["date"]):
            score.correct += 1
        else:
            problems.append(
                f"{name}: {code} ra {have['kind']} {have['date']}, cần {want['kind']} {want['date']}"
            )
        for field in ("issuer", "type"):
            score.fields += 1
            if have[field] == want[field]:
                score.fields_correct += 1
            else:
                problems.append(f"{name}: {code} {field} ra {have[field]!r}, cần {want[field]!r}")
    problems += [f"{name}: thừa {code}" for code in got if code not in expected]
    return score, problems


def _labelled_scores() -> tuple[list[_Score], list[str]]:
    specs = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
    scores: list[_Score] = []
    problems: list[str] = []
    for name, spec in sorted(specs.items()):
        score, found_problems = _score_file(name, spec)
        scores.append(score)
        problems += found_problems
    return scores, problems


def print_reference_figures(scores: list[_Score], problems: list[str]) -> tuple[float, float, float]:
    """Print precision, recall and field accuracy per file and in total; return the totals."""
    print("\nTrích xuất văn bản dẫn chiếu — bộ dữ liệu gán nhãn (đúng = số, ký hiệu + loại liên kết + ngày)")
    print(f"{'tệp':<44} {'nhãn':>5} {'tìm':>5} {'đúng':>5}")
    for s in scores:
        print(f"{s.name:<44} {s.expected:>5} {s.found:>5} {s.correct:>5}")
    expected = sum(s.expected for s in scores)
    found = sum(s.found for s in scores)
    correct = sum(s.correct for s in scores)
    fields = sum(s.fields for s in scores)
    fields_correct = sum(s.fields_correct for s in scores)
    precision = correct / found if found else 0.0
    recall = correct / expected if expected else 0.0
    accuracy = fields_correct / fields if fields else 0.0
    print(f"Độ chính xác (precision): {precision:.3f} ({correct}/{found})")
    print(f"Độ phủ (recall):          {recall:.3f} ({correct}/{expected})")
    print(f"Cơ quan ban hành và loại văn bản đúng: {accuracy:.3f} ({fields_correct}/{fields})")
    for problem in problems:
        print(f"  - {problem}")
    return precision, recall, accuracy


def test_precision_and_recall_on_the_labelled_set_are_at_least_95_percent() -> None:
    scores, problems = _labelled_scores()
    assert len(scores) >= 15
    assert sum(s.expected for s in scores) >= 80

    precision, recall, accuracy = print_reference_figures(scores, problems)

    assert precision >= 0.95, problems
    assert recall >= 0.95, problems
    assert accuracy >= 0.95, problems


# ---------------------------------------------------------------------------------------------
# Kinds from context


def test_a_can_cu_line_is_based_on() -> None:
    text = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;"

    ref = _one(text)

    assert ref.kind is LinkKind.BASED_ON
    assert ref.text == "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ"


def test_items_under_a_can_cu_intro_are_based_on() -> None:
    text = "Căn cứ các văn bản sau:\n- Hướng dẫn số 36-HD/BTGTW ngày 20/3/2025;\n- Luật số 80/2025/QH15."

    assert _kinds(text) == {"36-HD/BTGTW": LinkKind.BASED_ON, "80/2025/QH15": LinkKind.BASED_ON}


def test_thuc_hien_a_directive_implements_it_and_the_run_after_semicolons_too() -> None:
    text = (
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Kế hoạch số 245/KH-UBND "
        "ngày 15/8/2025 của UBND thành phố, Ủy ban nhân dân xã xây dựng Kế hoạch như sau:"
    )

    assert _kinds(text, document_type="KH") == {
        "57-NQ/TW": LinkKind.IMPLEMENTS,
        "245/KH-UBND": LinkKind.IMPLEMENTS,
    }


def test_thuc_hien_a_cong_van_asking_for_a_report_responds_to_it() -> None:
    text = (
        "Thực hiện Công văn số 640/UBND-YT ngày 20/5/2025 của UBND huyện về việc báo cáo kết quả "
        "Tháng hành động, UBND xã báo cáo như sau:"
    )

    assert _one(text, document_type="BC").kind is LinkKind.RESPONDS_TO


def test_thuc_hien_a_cong_van_that_directs_work_implements_it() -> None:
    text = (
        "Thực hiện Công văn số 12/UBND-VP ngày 01/02/2025 của UBND huyện về việc triển khai Tháng hành động."
    )

    assert _one(text, document_type="CV").kind is LinkKind.IMPLEMENTS


def test_phuc_dap_and_tra_loi_respond_to_a_cong_van() -> None:
    assert (
        _one("Phúc đáp Công văn số 1587/SNV-CCVC ngày 08/10/2025 của Sở Nội vụ.").kind is LinkKind.RESPONDS_TO
    )
    assert _one("UBND xã trả lời Công văn số 12/SNV-CCVC như sau:").kind is LinkKind.RESPONDS_TO


def test_theo_de_nghi_tai_a_document_responds_to_it() -> None:
    text = "Theo đề nghị của Chánh Văn phòng HĐND và UBND xã tại Tờ trình số 21/TTr-VP ngày 25/9/2025."

    ref = _one(text, document_type="QĐ")

    assert ref.kind is LinkKind.RESPONDS_TO
    assert ref.type_key == "TTr"


def test_a_proposal_that_only_mentions_a_document_does_not_respond_to_it() -> None:
    text = "Đề nghị UBND huyện tổ chức tập huấn về an toàn thực phẩm theo Thông tư số 13/2024/TT-BYT."

    assert _one(text, document_type="BC").kind is LinkKind.CITES


def test_in_a_bao_cao_the_documents_listed_as_issued_are_reported_on() -> None:
    text = (
        "Thực hiện Công văn số 88/UBND-NV của UBND thành phố về việc báo cáo công tác cải cách hành chính; "
        "UBND xã báo cáo như sau:\n"
        "Ủy ban nhân dân xã đã ban hành các văn bản:\n"
        "- Kế hoạch số 61/KH-UBND ngày 02/7/2025 về việc triển khai công tác cải cách hành chính.\n"
        "- Quyết định số 77/QĐ-UBND ngày 10/7/2025 về việc kiện toàn Ban Chỉ đạo.\n"
        "Ngoài ra UBND xã đã ban hành Công văn số 318/UBND-VP ngày 20/7/2025 về chấn chỉnh kỷ cương."
    )

    assert _kinds(text, document_type="BC") == {
        "88/UBND-NV": LinkKind.RESPONDS_TO,
        "61/KH-UBND": LinkKind.REPORTS_ON,
        "77/QĐ-UBND": LinkKind.REPORTS_ON,
        "318/UBND-VP": LinkKind.REPORTS_ON,
    }


def test_the_same_list_outside_a_bao_cao_is_only_cited() -> None:
    text = "Ủy ban nhân dân xã đã ban hành các văn bản:\n- Kế hoạch số 61/KH-UBND ngày 02/7/2025."

    assert _one(text, document_type="TB").kind is LinkKind.CITES


def test_thay_the_replaces() -> None:
    text = (
        "Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 45/QĐ-UBND ngày 12/3/2024 "
        "và Quyết định số 46/QĐ-UBND ngày 13/3/2024."
    )

    assert _kinds(text, document_type="QĐ") == {
        "45/QĐ-UBND": LinkKind.REPLACES,
        "46/QĐ-UBND": LinkKind.REPLACES,
    }


def test_sua_doi_bo_sung_amends() -> None:
    text = (
        "Điều 1. Sửa đổi, bổ sung Điều 5 Quy chế ban hành kèm theo Quyết định số 58/QĐ-UBND ngày 03/7/2025."
    )

    assert _one(text, document_type="QĐ").kind is LinkKind.AMENDS


def test_dinh_chinh_corrects() -> None:
    text = "V/v đính chính Quyết định số 968/QĐ-UBND ngày 03/10/2025"

    assert _one(text, document_type="CV").kind is LinkKind.CORRECTS


def test_bai_bo_and_het_hieu_luc_repeal() -> None:
    text = (
        "Điều 2. Bãi bỏ Quyết định số 47/QĐ-UBND ngày 15/5/2024 của Chủ tịch UBND xã.\n"
        "Điều 3. Quyết định số 12/QĐ-UBND ngày 20/01/2025 và Quyết định số 19/QĐ-UBND ngày 05/02/2025 "
        "hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành."
    )

    assert set(_kinds(text, document_type="QĐ").values()) == {LinkKind.REPEALS}


def test_a_document_amended_by_another_is_history_and_only_cited() -> None:
    text = (
        "Việc bố trí công chức thực hiện theo Thông tư số 13/2019/TT-BNV ngày 06/11/2019 của Bộ trưởng "
        "Bộ Nội vụ, được sửa đổi, bổ sung tại Thông tư số 06/2022/TT-BNV ngày 28/6/2022."
    )

    assert set(_kinds(text, document_type="CV").values()) == {LinkKind.CITES}


def test_a_report_proposing_a_replacement_replaces_nothing() -> None:
    text = "Đề nghị thành phố sớm ban hành văn bản thay thế Hướng dẫn số 03/HD-UBND ngày 05/3/2023."

    assert _one(text, document_type="BC").kind is LinkKind.CITES


def test_a_list_of_repealed_documents_in_a_title_is_not_a_repeal() -> None:
    text = (
        "Các thôn lưu ý Quyết định số 200/QĐ-UBND của UBND thành phố công bố danh mục văn bản hết hiệu lực."
    )

    assert _one(text, document_type="CV").kind is LinkKind.CITES


def test_a_document_named_in_the_title_of_another_is_only_cited() -> None:
    text = (
        "Thực hiện Công văn số 34/UBND-VHXH ngày 02/10/2025 của UBND xã về việc triển khai thực hiện "
        "Kế hoạch số 12/KH-UBND của UBND thành phố."
    )

    assert _kinds(text, document_type="KH") == {
        "34/UBND-VHXH": LinkKind.IMPLEMENTS,
        "12/KH-UBND": LinkKind.CITES,
    }


def test_anything_else_is_cited() -> None:
    text = "Tổ chức lớp học theo hướng dẫn tại Công văn số 1234/UBND-VHXH ngày 05/9/2025 của UBND thành phố."

    assert _one(text, document_type="KH").kind is LinkKind.CITES


# ---------------------------------------------------------------------------------------------
# Codes


@pytest.mark.parametrize(
    ("text", "code", "type_key"),
    [
        ("Kế hoạch số 90/KH-UBND", "90/KH-UBND", "KH"),
        ("Công văn số 542/UBND-VHXH", "542/UBND-VHXH", "CV"),
        ("Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP", "NĐ"),
        ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15", "72/2025/QH15", "L"),
        ("Thông tư liên tịch số 55/2005/TTLT-BNV-VPCP", "55/2005/TTLT-BNV-VPCP", "TTLT"),
        ("Nghị quyết số 57-NQ/TW", "57-NQ/TW", "NQ"),
        ("Chỉ thị 05-CT/TU", "05-CT/TU", "CT"),
        ("Thông tư 01/2011/TT-BNV", "01/2011/TT-BNV", "TT"),
        ("văn bản số 123/UBND-VP", "123/UBND-VP", "CV"),
        ("số 14/TB-UBND", "14/TB-UBND", "TB"),
    ],
)
def test_every_code_form_is_read_with_its_type(text: str, code: str, type_key: str) -> None:
    ref = _one(f"Các đơn vị nghiên cứu {text} ngày 02/10/2025.")

    assert str(ref.code) == code
    assert ref.type_key == type_key


@pytest.mark.parametrize(
    "written",
    [
        "90 / KH - UBND",
        "90/KH\u2011UBND",
        "90/KH–UBND",
        "90/KH-\u00adUBND",
        "90/kh-ubnd",
        "90\u00a0/\u00a0KH\u00a0-\u00a0UBND",
        "90/KH-\nUBND",
    ],
)
def test_spaces_dashes_soft_hyphens_and_lower_case_inside_a_code_still_parse(written: str) -> None:
    ref = _one(f"Thực hiện Kế hoạch số {written} ngày 29/9/2025 của UBND xã.")

    assert str(ref.code) == "90/KH-UBND"
    assert ref.date == date(2025, 9, 29)
    assert ref.kind is LinkKind.IMPLEMENTS


def test_decomposed_diacritics_are_read_like_composed_ones() -> None:
    text = unicodedata.normalize(
        "NFD", "Căn cứ Quyết định số 968/QĐ-UBND ngày 03/10/2025 của Ủy ban nhân dân xã;"
    )

    ref = _one(text)

    assert str(ref.code) == "968/QĐ-UBND"
    assert ref.kind is LinkKind.BASED_ON
    assert ref.issuer == "Ủy ban nhân dân xã"


def test_qd_typed_without_its_stroke_is_stored_as_qd() -> None:
    assert str(_one("kinh phí theo QĐ số 15/QD-UBND ngày 15/01/2025.").code) == "15/QĐ-UBND"


@pytest.mark.parametrize(
    "text",
    [
        "Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng tại các thôn.",
        "Ngày hội Đổi mới sáng tạo quốc gia 01 – 10 và ngày Chuyển đổi số quốc gia 10 – 10.",
        "hưởng ứng Ngày Chuyển đổi số quốc gia (10/10) và ngày 01-10, sáng 10.10.",
        "Năm học 2025 - 2026, mỗi tổ có 5 - 7 thành viên.",
        "Truy cập https://binhdanhocvuso.gov.vn/khoa-hoc/12/KH-UBND hoặc ../../HoSo/2025/QD-UBND/968.pdf.",
        "Điện thoại 0225.3876.123, 0912 345 678, thư điện tử ubnd@haiphong.gov.vn.",
        "Giải quyết 1.198/1.245 hồ sơ, tỷ lệ 85/100, xếp hạng 3/15, đạt 2/3 chỉ tiêu.",
        "Hỗ trợ 24/24h, đường truyền 100/50Mbps, phòng 2/A1, lớp 6/1.",
        "Địa chỉ: số 12/3A đường Nguyễn Trãi.",
        "Hồ sơ nộp theo Mẫu số 04/ĐK và Phụ lục số 02/PL.",
        "Ngày 10/10/2025Về việc triển khai tháng 10/2025.",
        "Các chỉ tiêu COVID-19, F0/F1 không còn theo dõi; chương trình “Sáng thứ Bảy 4.0”.",
    ],
)
def test_numbers_that_are_not_document_codes_are_ignored(text: str) -> None:
    assert extract_references(text) == []


def test_a_single_group_code_counts_after_so_or_a_type_word_with_a_date() -> None:
    assert str(_one("thực hiện theo số 06/CP.").code) == "06/CP"
    assert str(_one("Theo Công văn 12/UBND ngày 03/10/2025 của UBND huyện.").code) == "12/UBND"
    assert extract_references("Theo Công văn 12/UBND, UBND xã đã triển khai.") == []


# ---------------------------------------------------------------------------------------------
# Dates and issuers


@pytest.mark.parametrize(
    "written",
    [
        "ngày 29/9/2025",
        "ngày 29 tháng 9 năm 2025",
        "ngày 29.9.2025",
        "29-9-2025",
        "ngày 29 tháng\n9 năm 2025",
    ],
)
def test_the_date_right_after_the_code_is_read_in_every_running_text_form(written: str) -> None:
    assert _one(f"Kế hoạch số 90/KH-UBND {written} của UBND xã.").date == date(2025, 9, 29)


def test_a_date_glued_to_the_next_word_is_still_read() -> None:
    ref = _one("- Công văn số 675/UBND-VHXH ngày 10/10/2025Về việc triển khai các hoạt động.")

    assert ref.date == date(2025, 10, 10)


def test_an_impossible_date_is_left_out_but_the_reference_kept() -> None:
    ref = _one("Kế hoạch số 90/KH-UBND ngày 31/2/2025 của UBND xã.")

    assert ref.date is None
    assert ref.issuer == "UBND xã"


@pytest.mark.parametrize(
    ("tail", "issuer"),
    [
        ("của Chính phủ về công tác văn thư", "Chính phủ"),
        (
            "của Sở Khoa học và Công nghệ thành phố Hải Phòng về việc báo cáo",
            "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        ),
        ("của Bộ Văn hóa, Thể thao và Du lịch hướng dẫn", "Bộ Văn hóa, Thể thao và Du lịch"),
        (
            "của Bộ trưởng Bộ Lao động - Thương binh và Xã hội hướng dẫn",
            "Bộ trưởng Bộ Lao động - Thương binh và Xã hội",
        ),
        ("của Ban Chỉ đạo chuyển đổi số xã.", "Ban Chỉ đạo chuyển đổi số xã"),
        ("của UBND xã, Chủ tịch UBND xã kết luận", "UBND xã"),
        ("của UBND huyện và Công văn số 13/UBND-VP", "UBND huyện"),
        ("về việc kiện toàn Tổ công tác", None),
    ],
)
def test_the_issuer_is_read_after_cua_up_to_the_subject(tail: str, issuer: str | None) -> None:
    refs = extract_references(f"Thực hiện Quyết định số 12/QĐ-UBND ngày 02/10/2025 {tail}")

    assert refs[0].issuer == issuer


def test_the_issuer_stops_before_the_header_lines_in_capitals() -> None:
    text = "V/v triển khai Kế hoạch số 320/KH-UBND của UBND thành phố\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"

    assert _one(text).issuer == "UBND thành phố"


# ---------------------------------------------------------------------------------------------
# The list as a whole


def test_the_documents_own_number_is_left_out() -> None:
    text = (
        "Số: 230/BC-UBND\nBÁO CÁO\nThực hiện Công văn số 210/UBND-TH của UBND huyện về việc báo cáo sơ kết; "
        "UBND xã báo cáo như sau:\nTrên đây là Báo cáo số 231/BC-UBND của UBND xã."
    )

    codes = [str(r.code) for r in extract_references(text, own_code="231/BC-UBND", document_type="BC")]

    assert codes == ["210/UBND-TH"]


def test_a_code_mentioned_twice_is_listed_once_with_the_most_specific_kind() -> None:
    text = (
        "Ủy ban nhân dân xã đã nhận được Kế hoạch số 320/KH-UBND ngày 28/10/2025 của UBND thành phố. "
        "Để triển khai Kế hoạch số 320/KH-UBND, Ủy ban nhân dân xã yêu cầu các thôn thực hiện."
    )

    refs = extract_references(text, document_type="CV")

    assert len(refs) == 1
    assert refs[0].kind is LinkKind.IMPLEMENTS
    assert refs[0].date == date(2025, 10, 28)  # the first mention's details are kept
    assert refs[0].start < 60


def test_references_come_in_text_order_with_offsets_into_the_normalised_text() -> None:
    text = (
        "Căn cứ Nghị định số 30/2020/NĐ-CP  ngày 05/3/2020 \n\n của Chính phủ;\n"
        "Căn cứ Kế hoạch số\u00a090/KH-UBND ngày 29/9/2025 của UBND xã;"
    )
    normalised = normalise_text(text)

    refs = extract_references(text)

    assert [str(r.code) for r in refs] == ["30/2020/NĐ-CP", "90/KH-UBND"]
    for ref in refs:
        assert " ".join(normalised[ref.start : ref.end].split()) == ref.text
    assert refs[0].text == "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ"


def test_to_json_has_exactly_the_contract_keys() -> None:
    ref = _one("Căn cứ Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã;")

    assert ref.to_json() == {
        "text": "Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã",
        "code": "90/KH-UBND",
        "number": 90,
        "number_text": "90",
        "notation": "KH-UBND",
        "title": None,
        "type": "KH",
        "date": "2025-09-29",
        "issuer": "UBND xã",
        "kind": "based_on",
    }
    assert _one("theo Công văn số 12/UBND-VP.").to_json()["date"] is None


def test_an_empty_text_has_no_references() -> None:
    assert extract_references("") == []
    assert extract_references("   \n\n  ") == []


# ---------------------------------------------------------------------------------------------
# Normalisation and speed


def test_normalise_text_cleans_odd_spaces_and_is_idempotent() -> None:
    text = unicodedata.normalize(
        "NFD", "Kế\u00a0hoạch  số\u200b90/KH\u00ad-UBND \r\n\r\n  ngày 29/9/2025\u2028xã"
    )

    normalised = normalise_text(text)

    assert normalised == "Kế hoạch số 90/KH-UBND\nngày 29/9/2025\nxã"
    assert unicodedata.is_normalized("NFC", normalised)
    assert normalise_text(normalised) == normalised


def test_typographic_dashes_are_kept_in_the_normalised_text() -> None:
    assert normalise_text("01 – 10 và 90/KH‑UBND") == "01 – 10 và 90/KH‑UBND"


def test_extraction_over_a_three_page_report_takes_well_under_5_ms() -> None:
    text = _sample_text()
    extract_references(text, document_type="BC")
    best = float("inf")
    for _ in range(15):
        started = time.perf_counter()
        extract_references(text, document_type="BC")
        best = min(best, time.perf_counter() - started)

    assert best < 0.005


# ---------------------------------------------------------------------------------------------
# Issue 15: what real commune texts cite, and only that


def test_a_number_that_carries_a_letter_is_read_as_written() -> None:
    ref = _one("Căn cứ Báo cáo số 12a/BC-UBND ngày 15/8/2025 của UBND xã;")

    assert ref.code is not None
    assert (str(ref.code), ref.code.number, ref.code.number_text) == ("12a/BC-UBND", 12, "12a")
    assert ref.to_json()["number"] == 12
    assert ref.to_json()["number_text"] == "12a"


def test_a_date_written_before_the_code_with_a_verb_of_issuing_is_its_date() -> None:
    ref = _one("Ngày 26/9/2025, UBND xã ban hành Công văn số 542/UBND-VHXH về việc triển khai.")

    assert ref.date == date(2025, 9, 26)


def test_a_date_before_the_code_that_is_the_day_it_arrived_is_not_its_date() -> None:
    assert (
        _one("Ngày 15/10/2025, UBND xã nhận được Công văn số 1633/UBND-KT của UBND thành phố.").date is None
    )


def test_tren_co_so_in_the_middle_of_a_sentence_is_based_on() -> None:
    text = "UBND xã xây dựng kế hoạch này trên cơ sở Kế hoạch số 95/KH-UBND ngày 01/10/2025 của UBND xã."

    assert _one(text).kind is LinkKind.BASED_ON


def test_the_documents_own_type_comes_from_its_title_when_none_is_given() -> None:
    text = "BÁO CÁO\nKết quả\nThực hiện Kế hoạch số 90/KH-UBND ngày 29/9/2025 của UBND xã, xã đã tổ chức."

    assert _one(text).kind is LinkKind.REPORTS_ON
    assert _one(text.replace("BÁO CÁO", "KẾ HOẠCH")).kind is LinkKind.IMPLEMENTS


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("08-QĐi/TW", "08-QĐi/TW"),
        ("144-QĐI/TW", "144-QĐi/TW"),
        ("1291/QĐ-TTG", "1291/QĐ-TTg"),
        ("1870/SGD&ĐT-GDTrH", "1870/SGD&ĐT-GDTrH"),
    ],
)
def test_mixed_case_notations_are_kept_as_the_law_and_their_bodies_write_them(
    written: str, code: str
) -> None:
    assert str(_one(f"Căn cứ văn bản số {written} ngày 25/10/2018;").code) == code


def test_an_act_cited_by_name_and_date_is_a_reference_with_a_title_and_no_code() -> None:
    ref = _one("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;")

    assert (ref.code, ref.title, ref.date, ref.type_key, ref.kind) == (
        None,
        "Luật Tổ chức chính quyền địa phương",
        date(2025, 2, 19),
        "L",
        LinkKind.BASED_ON,
    )
    assert ref.to_json()["code"] is None
    assert ref.to_json()["title"] == "Luật Tổ chức chính quyền địa phương"


def test_a_law_with_a_number_is_read_by_its_code_not_its_title() -> None:
    ref = _one("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 ngày 19 tháng 02 năm 2025;")

    assert (str(ref.code), ref.title) == ("64/2025/QH15", None)


def test_a_lawyer_or_a_law_without_a_date_is_no_reference() -> None:
    assert extract_references("Luật sư Nguyễn Văn Khoa ngày 12 tháng 3 năm 2025 đã tham gia bào chữa.") == []
    assert extract_references("Thực hiện tốt Luật Đất đai năm 2024 trên địa bàn xã.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Chuyển nhượng thửa đất số 45/TĐ-07 thuộc tờ bản đồ số 3.",
        "Ông Tâm đã nộp tiền tại biên lai số 0012/BL-TC ngày 05/9/2025.",
        "Gia đình bà Hằng ở căn hộ số 12A/CT2, chung cư Hoàng Huy.",
        "Địa chỉ: số nhà 45/KP3, tổ dân phố số 3/TDP Đông Sơn.",
        "Hồ sơ số 045/2025/HS-ĐĐ của ông Nam đang được thẩm định.",
        "Tài khoản số 1234/VCB mở tại Vietcombank.",
    ],
)
def test_numbers_of_lots_receipts_flats_and_dossiers_are_not_documents(text: str) -> None:
    assert extract_references(text) == []


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("160/2012/TTLT/BTC-BNV", "160/2012/TTLT-BTC-BNV"),
        ("15/QĐ.UBND", "15/QĐ-UBND"),
        ("112/KH-SGD&ĐT", "112/KH-SGD&ĐT"),
        ("64-CP", "64-CP"),
        ("76/BC -\nUBND", "76/BC-UBND"),
        ("1211/2016/NQ – UBTVQH 13", "1211/2016/NQ-UBTVQH13"),
        ("150/2025/NĐCP", "150/2025/NĐ-CP"),
        ("44/KHUBND", "44/KH-UBND"),
    ],
)
def test_joint_older_and_damaged_notations_are_read_whole(written: str, code: str) -> None:
    ref = _one(f"Căn cứ Nghị định số {written} ngày 27/9/1993 của Chính phủ;")

    assert str(ref.code) == code
    assert ref.date == date(1993, 9, 27)


@pytest.mark.parametrize(
    "header",
    [
        "UBND XÃ PHÚ THÁI\nSố: 27/QĐ-UBND\nPhú Thái, ngày 05 tháng 10 năm 2025",
        "ỦY BAN NHÂN DÂN XÃ PHÚ THÁI Số: 27/QĐ-UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Quyết định số: 27/QĐ-UBND Phú Thái, ngày 05 tháng 10 năm 2025",
    ],
)
def test_the_documents_own_number_in_its_header_is_no_reference_wherever_so_stands(header: str) -> None:
    assert extract_references(header) == []


def test_so_with_a_colon_in_running_text_is_still_a_reference() -> None:
    assert (
        str(_one("Công văn số: 345/UBND-VP ngày 07/10/2025 của UBND xã đã được gửi.").code) == "345/UBND-VP"
    )


def test_one_date_after_a_list_of_codes_belongs_to_each() -> None:
    refs = extract_references(
        "Căn cứ các văn bản số 1201/UBND-VP, số 1202/UBND-VP, số 1203/UBND-VP ngày 03/5/2019;"
    )

    assert [(str(r.code), r.date) for r in refs] == [
        ("1201/UBND-VP", date(2019, 5, 3)),
        ("1202/UBND-VP", date(2019, 5, 3)),
        ("1203/UBND-VP", date(2019, 5, 3)),
    ]


def test_a_date_is_not_shared_with_a_code_of_another_kind_in_the_list() -> None:
    refs = extract_references("Thực hiện Quyết định số 06/QĐ-TTg và Kế hoạch số 12/KH-UBND ngày 03/5/2025.")

    assert [(str(r.code), r.date) for r in refs] == [("06/QĐ-TTg", None), ("12/KH-UBND", date(2025, 5, 3))]


def test_a_heading_naming_the_legal_bases_governs_the_list_under_it() -> None:
    text = (
        "II. CĂN CỨ PHÁP LÝ\n"
        "1. Nghị định số 137/2024/NĐ-CP ngày 23/10/2024 của Chính phủ.\n"
        "2. Kế hoạch số 301/KH-UBND ngày 30/12/2024 của UBND thành phố.\n"
        "III. NỘI DUNG\n"
        "1. Rà soát theo Hướng dẫn số 14/HD-UBND ngày 09/6/2025."
    )

    assert _kinds(text) == {
        "137/2024/NĐ-CP": LinkKind.BASED_ON,
        "301/KH-UBND": LinkKind.BASED_ON,
        "14/HD-UBND": LinkKind.CITES,
    }


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Căn cứ Quy t đ nh s 968/QĐ-UBND ngày 03/10/2025 c a UBND xã;", date(2025, 10, 3)),
        ("Căn cứ Quyết định số 968/QĐ-UBND ngày 03 thàng 10 năm 2025;", date(2025, 10, 3)),
        ("Căn cứ Quyết định số 968/QĐ-UBND ngày 03/10/20 25;", date(2025, 10, 3)),
        ("Căn cứ Quyết định số 968/QĐ-UBND ngày 03/10/2 0 25;", None),
        ("Căn cứ Quyet dinh so 968/QD-UBND ngay 03/10/2025;", date(2025, 10, 3)),
    ],
)
def test_text_from_pdfs_is_read_where_it_can_be_read_with_confidence(text: str, when: date | None) -> None:
    ref = _one(text)

    assert (str(ref.code), ref.date, ref.kind) == ("968/QĐ-UBND", when, LinkKind.BASED_ON)


def test_the_real_report_read_without_its_type_gives_what_it_gives_as_a_bao_cao() -> None:
    without = [(str(r.code), r.kind, r.date) for r in extract_references(_sample_text())]

    assert without == [
        (str(r.code), r.kind, r.date) for r in extract_references(_sample_text(), document_type="BC")
    ]
