"""Properties of the input boundary, checked by hypothesis on generated input.

Every parser (codes, dates, numbers, references, text cleaning, the Word reader) answers any
input with a value or a VanbanError, never another exception; where a value prints back, it
reads back the same (parse ∘ print is the identity). The command line answers random
arguments with exit 0, 1 or 2 and a message, never a traceback, and changes nothing when it
refuses. The budget is the profile's: small in CI ("ci", the default), long for fuzzing
(VANBAN_HYPOTHESIS=fuzz; see tests/fuzz/README.md).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sqlite3
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from vanban.domain import text as t
from vanban.domain.codes import Code, CodeForm, parse_code, try_parse_code
from vanban.domain.dates import FIRST_YEAR, LAST_YEAR, in_words, padded, parse_date, short
from vanban.domain.types import ADMINISTRATIVE_TYPES
from vanban.errors import VanbanError

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Text as hostile input holds it: any code point, with controls, marks and look-alikes likely.
ANY_TEXT = st.text(
    st.one_of(
        st.characters(codec=None),
        st.sampled_from("\x1b\x00\x07\x9b\u202e\u2066\u200b\u2060\ufeff\u00ad\t\r\nКΗＫ٣ĐđQĐ/-. "),
    ),
    max_size=80,
)

# ---------------------------------------------------------------------------- text


@given(ANY_TEXT, st.sampled_from(t.TEXT_FIELDS), st.booleans())
def test_clean_text_returns_clean_text_or_refuses(value: str, field: t.TextField, lenient: bool) -> None:
    try:
        cleaned = t.clean_text(value, field, required=False, lenient=lenient)
    except VanbanError as error:
        assert (error.message and not lenient) or error.message
        return
    if cleaned is None:
        return
    assert not UNSAFE.search(cleaned)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert len(cleaned) <= field.max_chars
    assert cleaned == cleaned.strip() or field.multiline
    assert t.clean_text(cleaned, field) == cleaned  # cleaning is idempotent


@given(ANY_TEXT)
def test_safe_text_leaves_nothing_a_terminal_obeys(value: str) -> None:
    shown = t.safe_text(value)
    assert not UNSAFE.search(shown)
    if not UNSAFE.search(value):
        assert shown == value


# ---------------------------------------------------------------------------- numbers


@given(st.one_of(ANY_TEXT, st.integers(), st.floats(), st.decimals(), st.none()))
@example("1e400")
@example("sNaN")
@example("-inf")
def test_a_quantity_is_a_finite_non_negative_decimal_or_refused(value: object) -> None:
    try:
        amount = t.parse_quantity(value)
    except VanbanError:
        return
    if amount is not None:
        assert amount.is_finite() and 0 <= amount <= t.MAX_QUANTITY


@given(st.decimals(min_value=0, max_value=t.MAX_QUANTITY, places=2, allow_nan=False, allow_infinity=False))
def test_a_quantity_printed_reads_back_the_same(amount: Decimal) -> None:
    assert t.parse_quantity(str(amount)) == amount
    assert t.parse_quantity(f"{amount}".replace(".", ",")) == amount


@given(st.one_of(ANY_TEXT, st.integers()), st.integers(-(10**30), 10**30), st.integers(0, 10**30))
def test_a_whole_number_is_within_its_bounds_or_refused(value: object, low: int, span: int) -> None:
    try:
        number = t.parse_int(value, "số", low=low, high=low + span, example="")
    except VanbanError:
        return
    assert low <= number <= low + span
    if number >= 0:  # digits as typed: a sign is never part of what a person types for a count
        assert t.parse_int(str(number), "số", low=low, high=low + span, example="") == number


# ---------------------------------------------------------------------------- dates

WINDOW = st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31))


@given(ANY_TEXT)
@example("1/1/0000")
@example("29/2/1900")
def test_a_date_is_in_the_window_or_refused(value: str) -> None:
    try:
        day = parse_date(value)
    except VanbanError:
        return
    assert FIRST_YEAR <= day.year <= LAST_YEAR


@given(WINDOW)
def test_a_date_printed_any_way_reads_back_the_same(day: date) -> None:
    for printed in (
        day.isoformat(),
        short(day),
        padded(day),
        in_words(day),
        f"{day.day}.{day.month}.{day.year}",
    ):
        assert parse_date(printed) == day


@given(st.dates().filter(lambda d: not FIRST_YEAR <= d.year <= LAST_YEAR))
def test_a_date_outside_the_window_is_refused_however_it_is_written(day: date) -> None:
    with pytest.raises(VanbanError):
        parse_date(f"{day.day}/{day.month}/{day.year:04d}")


# ---------------------------------------------------------------------------- codes

TYPE_KEYS = [k.key for k in ADMINISTRATIVE_TYPES if k.key not in ("CV", "THC")]
ABBREVIATION = st.text(st.sampled_from("ABCDEFGHIKLMNOPQRSTUVXYĐ"), min_size=2, max_size=6)


@st.composite
def codes(draw: st.DrawFn) -> Code:
    number = draw(st.integers(1, 999_999))
    form = draw(st.sampled_from(list(CodeForm)))
    issuer = draw(ABBREVIATION)
    kind = draw(st.sampled_from(TYPE_KEYS))
    if form is CodeForm.PARTY:
        return Code(number, f"{kind}/{issuer}", form)
    if form is CodeForm.DASHED:  # only with a known issuer last ("64-CP")
        return Code(number, f"{kind}-CP", form)
    notation = f"{kind}-{issuer}" if draw(st.booleans()) else f"{issuer}-{draw(ABBREVIATION)}"
    year = draw(st.integers(1945, 2099)) if form is CodeForm.LEGAL else None
    return Code(number, notation, form, year)


@given(codes())
def test_a_code_printed_reads_back_the_same(code: Code) -> None:
    parsed = parse_code(str(code))
    assert str(parsed) == str(code)
    assert str(parse_code(str(parsed))) == str(parsed)


@given(ANY_TEXT)
@example("90/КH-UBND")
@example("１２/ＫＨ-ＵＢＮＤ")
def test_a_code_is_latin_and_digits_or_refused(value: str) -> None:
    try:
        code = parse_code(value)
    except VanbanError as error:
        assert try_parse_code(value) is None
        assert error.message
        return
    printed = str(code)
    assert all((c.isascii() and (c.isalnum() or c in "/-")) or c in "Đđ" for c in printed), printed
    assert str(parse_code(printed)) == printed


@given(codes(), st.integers(0, 12), st.sampled_from("КΗΑΟСРТХВМЕΝΚ"))
def test_a_look_alike_letter_anywhere_in_a_code_is_refused(code: Code, where: int, foreign: str) -> None:
    printed = str(code)
    letters = [i for i, c in enumerate(printed) if c.isalpha()]
    assume(letters)
    i = letters[where % len(letters)]
    with pytest.raises(VanbanError):
        parse_code(printed[:i] + foreign + printed[i + 1 :])


# ---------------------------------------------------------------------------- references and Word files


@given(
    st.lists(
        st.one_of(ANY_TEXT, codes().map(str), st.sampled_from(["số", "Kế hoạch", "ngày", "\n"])), max_size=12
    )
)
def test_the_reference_reader_answers_any_text(parts: list[str]) -> None:
    from vanban.domain.references import extract_references

    try:
        found = extract_references(" ".join(parts))
    except VanbanError:
        return
    for ref in found:
        assert str(parse_code(str(ref.code))) == str(ref.code)


def _docx(paragraphs: list[str]) -> bytes:
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60)
_SAMPLE = _docx(["ỦY BAN NHÂN DÂN", "Số: 90/KH-UBND", "Phú Thái, ngày 29 tháng 9 năm 2025", "KẾ HOẠCH", "x"])


@given(st.lists(XML_TEXT, max_size=8))
def test_the_word_reader_answers_any_paragraphs(paragraphs: list[str]) -> None:
    from vanban.docx.read import read_blocks
    from vanban.domain.reading import read_metadata

    with contextlib.suppress(VanbanError):
        read_metadata(read_blocks(io.BytesIO(_docx(paragraphs))))


@given(st.lists(st.tuples(st.integers(0, len(_SAMPLE) - 1), st.integers(0, 255)), min_size=1, max_size=8))
@example([(1942, 52)])  # found by the fuzz run: a damaged deflate stream raised zlib.error
def test_the_word_reader_answers_any_damaged_file(damage: list[tuple[int, int]]) -> None:
    from vanban.docx.read import read_blocks

    data = bytearray(_SAMPLE)
    for at, byte in damage:
        data[at] = byte
    with contextlib.suppress(VanbanError):
        read_blocks(io.BytesIO(bytes(data)))


@given(st.binary(max_size=2000))
def test_the_word_reader_answers_any_bytes(data: bytes) -> None:
    from vanban.docx.read import read_blocks

    with contextlib.suppress(VanbanError):
        read_blocks(io.BytesIO(data))


# ---------------------------------------------------------------------------- the command line

COMMANDS = [
    ("show",),
    ("list", "--limit"),
    ("list", "--year"),
    ("draft", "KH", "--subject"),
    ("receive", "14/KH-SKHCN", "--from", "SKHCN", "--date", "20/9/2025", "--subject"),
    ("receive", "--from", "SKHCN", "--date", "20/9/2025", "--subject", "x"),
    ("issue", "#3", "--date"),
    ("org", "add", "SXD"),
    ("unit", "add"),
    ("user", "add", "levana", "--role", "van_thu", "--name"),
    ("series", "set", "KH", "--year", "2025", "--next"),
    ("outcome", "add", "#1", "--text", "x", "--quantity"),
    ("link", "#1"),
    ("assign", "#2", "--lead"),
    ("do", "#3"),
    ("status", "--as-of"),
    ("history",),
    ("trace",),
]
ARGUMENT = st.one_of(
    ANY_TEXT.filter(lambda s: "\x00" not in s),
    st.binary(max_size=20).map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.integers().map(str),
    codes().map(str),
)


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "probes"))
    from probe_runner import template_register

    return template_register(tmp_path_factory.mktemp("mau"))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(COMMANDS), st.lists(ARGUMENT, min_size=1, max_size=2))
def test_the_command_line_answers_random_arguments_with_a_message(
    register: Path, tmp_path_factory: pytest.TempPathFactory, command: tuple[str, ...], args: list[str]
) -> None:
    from click.testing import CliRunner

    from vanban.cli import cli

    db = tmp_path_factory.mktemp("so") / "so.sqlite"
    shutil.copy(register, db)
    before = _dump(db)
    result = CliRunner().invoke(
        cli, ["--db", str(db), *command, *args], env={"VANBAN_USER": "vanthu"}, catch_exceptions=True
    )
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"{type(result.exception).__name__}: {result.exception}"
    assert result.exit_code in (0, 1, 2), result.stderr
    if result.exit_code != 0:
        assert "Lỗi" in result.stderr
        assert _dump(db) == before
    assert not any(UNSAFE.search(line) for line in _dump(db) if line not in before)


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
