"""The labelled corpus of sentences: recall and precision of codes, dates and kinds.

tests/data/references/corpus/*.txt hold sentences written in the style of commune documents,
with and without cited documents, each with the references a reader finds in it (see the
head of 01_can_cu.txt for the format). Run ``pytest -s tests/test_references_corpus.py`` to
see the figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from vanban.domain.codes import try_parse_code
from vanban.domain.references import Reference, extract_references

CORPUS = Path(__file__).parent / "data" / "references" / "corpus"


@dataclass(frozen=True)
class Expected:
    key: str  # the canonical code, or the title in quotes
    date: dt.date | None
    kind: str


@dataclass
class Sentence:
    source: str
    text: str
    document_type: str | None
    expected: list[Expected] = field(default_factory=list)


def _key_of(written: str) -> str:
    if written.startswith('"'):
        return written
    code = try_parse_code(written)
    assert code is not None, f"nhãn không phải số, ký hiệu: {written}"
    assert str(code) == written, f"nhãn {written} phải viết ở dạng chuẩn {code}"
    return str(code)


def load_corpus() -> list[Sentence]:
    """Every labelled sentence of the corpus, in file order."""
    sentences: list[Sentence] = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").split("\n") if not line.startswith("#")]
        for n, block in enumerate("\n".join(lines).split("\n---\n")):
            text_lines: list[str] = []
            document_type: str | None = None
            expected: list[Expected] = []
            for line in block.strip("\n").split("\n"):
                if line.startswith("@type "):
                    document_type = line.removeprefix("@type ").strip()
                elif line.startswith("=> "):
                    key, day, kind = (part.strip() for part in line.removeprefix("=> ").rsplit("|", 2))
                    date = None if day == "-" else dt.date.fromisoformat(day)
                    expected.append(Expected(_key_of(key), date, kind))
                else:
                    text_lines.append(line)
            sentences.append(Sentence(f"{path.name}#{n + 1}", "\n".join(text_lines), document_type, expected))
    return sentences


def _key(ref: Reference) -> str:
    return str(ref.code) if ref.code is not None else f'"{ref.title}"'


@dataclass
class Figures:
    expected: int = 0
    found: int = 0
    codes: int = 0  # found with the right code (or title)
    dates: int = 0  # … and the right date
    kinds: int = 0  # … and the right kind
    invented: int = 0
    problems: list[str] = field(default_factory=list)

    def recall(self, hits: int) -> float:
        return hits / self.expected if self.expected else 1.0

    def precision(self, hits: int) -> float:
        return hits / self.found if self.found else 1.0


def score(sentences: list[Sentence]) -> Figures:
    figures = Figures()
    for sentence in sentences:
        refs = extract_references(sentence.text, document_type=sentence.document_type)
        got = {_key(r): r for r in refs}
        want = {e.key: e for e in sentence.expected}
        figures.expected += len(want)
        figures.found += len(got)
        for key, expected in want.items():
            ref = got.get(key)
            if ref is None:
                figures.problems.append(f"{sentence.source}: thiếu {key}")
                continue
            figures.codes += 1
            if ref.date == expected.date:
                figures.dates += 1
            else:
                figures.problems.append(f"{sentence.source}: {key} ngày {ref.date}, cần {expected.date}")
            if ref.kind.value == expected.kind:
                figures.kinds += 1
            else:
                figures.problems.append(f"{sentence.source}: {key} {ref.kind.value}, cần {expected.kind}")
        for key in got.keys() - want.keys():
            figures.invented += 1
            figures.problems.append(f"{sentence.source}: thừa {key}")
    return figures


def print_figures(sentences: list[Sentence], figures: Figures) -> None:
    with_refs = sum(1 for s in sentences if s.expected)
    print(
        f"\nBộ câu gán nhãn: {len(sentences)} câu ({with_refs} có dẫn chiếu, "
        f"{len(sentences) - with_refs} không có), {figures.expected} văn bản được dẫn chiếu"
    )
    print(f"{'':<22}{'độ phủ (recall)':>18}{'độ chính xác (precision)':>27}")
    for label, hits in (
        ("số, ký hiệu / tên", figures.codes),
        ("ngày", figures.dates),
        ("loại liên kết", figures.kinds),
    ):
        print(
            f"{label:<22}{figures.recall(hits):>11.3f} ({hits}/{figures.expected})"
            f"{figures.precision(hits):>17.3f} ({hits}/{figures.found})"
        )
    print(f"Dẫn chiếu bịa ra (không có trong câu): {figures.invented}")
    for problem in figures.problems:
        print(f"  - {problem}")


def test_the_corpus_has_at_least_200_sentences_of_both_kinds() -> None:
    sentences = load_corpus()

    assert len(sentences) >= 200
    assert sum(1 for s in sentences if s.expected) >= 100
    assert sum(1 for s in sentences if not s.expected) >= 60
    assert all(s.text.strip() for s in sentences)


def test_codes_dates_and_kinds_are_read_with_recall_and_precision_of_at_least_99_percent() -> None:
    sentences = load_corpus()
    figures = score(sentences)
    print_figures(sentences, figures)

    for hits in (figures.codes, figures.dates, figures.kinds):
        assert figures.recall(hits) >= 0.99, figures.problems
        assert figures.precision(hits) >= 0.99, figures.problems
    assert figures.invented == 0, figures.problems


@pytest.mark.parametrize("sentence", [s for s in load_corpus() if not s.expected], ids=lambda s: s.source)
def test_a_sentence_naming_no_document_gives_no_reference(sentence: Sentence) -> None:
    assert extract_references(sentence.text, document_type=sentence.document_type) == []
