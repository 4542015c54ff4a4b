"""The one boundary every value crosses on its way in: text, identifiers and numbers.

Whatever a person types, a program passes to the API or a file holds, it is read here and
either comes out clean or is refused with an :class:`InputError` saying what was wrong. Text
is NFC; it keeps Vietnamese and every other letter, ordinary spaces, and line breaks and tabs
only in the fields that allow them (body, notes). Terminal control characters (C0, C1, DEL,
so also ESC sequences and NUL) and bidirectional overrides are refused; other invisible
characters (zero-width space, word joiner, soft hyphen…) are dropped, and text left empty is
refused. Every field has a length limit that fits its column on every engine.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vanban.errors import InputError

# ---------------------------------------------------------------------------- text fields


@dataclass(frozen=True, slots=True)
class TextField:
    """One kind of text value: its Vietnamese name, its limit, whether it may span lines."""

    what: str
    max_chars: int
    multiline: bool = False
    max_bytes: int | None = None  # a TEXT column on MariaDB holds 65,535 bytes


SUBJECT = TextField("trích yếu", 2000)
BODY = TextField("nội dung", 65_535, multiline=True, max_bytes=65_535)
NOTE = TextField("ghi chú", 4000, multiline=True)
OUTCOME_TEXT = TextField("nội dung kết quả", 4000)
ORG_NAME = TextField("tên cơ quan", 255)
PARENT_NAME = TextField("cơ quan chủ quản", 255)
UNIT_NAME = TextField("tên đơn vị", 255)
FULL_NAME = TextField("họ tên", 255)
PLACE = TextField("địa danh", 120)
SIGNER = TextField("người ký", 120)
SIGNER_TITLE = TextField("chức vụ người ký", 120)
RECIPIENT = TextField("nơi nhận", 255)
QUANTITY_UNIT = TextField("đơn vị tính", 60)
PERSON_OR_UNIT = TextField("đơn vị hay người", 255)
REFERENCE = TextField("số, ký hiệu hoặc #mã", 200)
SEARCH = TextField("câu tìm", 200)

# Every text field vanban keeps, for the README's table and the tests.
TEXT_FIELDS = (
    SUBJECT,
    BODY,
    NOTE,
    OUTCOME_TEXT,
    ORG_NAME,
    PARENT_NAME,
    UNIT_NAME,
    FULL_NAME,
    PLACE,
    SIGNER,
    SIGNER_TITLE,
    RECIPIENT,
    QUANTITY_UNIT,
)
MAX_RECIPIENTS = 200

_LINE_BREAKS = "\n\r\u0085\u2028\u2029\x0b\x0c"
# Bidirectional embeddings, overrides and isolates reorder what is printed after them.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_CONTROL_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "BS",
    "\x1b": "ESC",
    "\x7f": "DEL",
    "\x9b": "CSI",
    "\x9d": "OSC",
}


def describe_char(char: str) -> str:
    """ "U+001B ESC", "U+041A CYRILLIC CAPITAL LETTER KA": a character a person cannot tell apart."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def _refuse(field: TextField, text: str, index: int, why: str) -> InputError:
    char = text[index]
    return InputError(
        f"{field.what.capitalize()} có ký tự {why} {describe_char(char)} ở vị trí {index + 1}.",
        hint=f"Gõ lại {field.what} chỉ với chữ, số, dấu câu và khoảng trắng thường.",
    )


def _unreadable(value: str) -> int | None:
    """Where the text holds a lone surrogate (bytes that were not UTF-8, kept by Python)."""
    for i, c in enumerate(value):
        if "\ud800" <= c <= "\udfff":
            return i
    return None


def check_utf8(value: str, what: str) -> str:
    """Refuse text that came from bytes which were not UTF-8 (a terminal in another encoding)."""
    bad = _unreadable(value)
    if bad is not None:
        try:
            raw = value.encode("utf-8", "surrogateescape")[:40]
        except UnicodeEncodeError:  # a lone surrogate no byte was escaped to (an API caller's)
            raw = value.encode("utf-8", "backslashreplace")[:40]
        raise InputError(
            f"{what.capitalize()} không phải văn bản UTF-8 hợp lệ (byte {raw!r}).",
            hint="Đặt bảng mã của terminal hay tệp là UTF-8 rồi gõ lại.",
        )
    return value


def clean_text(
    value: object, field: TextField, *, required: bool = True, lenient: bool = False
) -> str | None:
    """The text of ``field`` cleaned, or None when absent (None) and not required.

    Text given must hold something visible, required or not: an empty or invisible value typed
    for an optional field is refused too. ``lenient`` (text read from a file someone else wrote)
    drops controls and bidi marks instead of refusing them, and reads empty text as absent.
    """
    if value is None:
        if required:
            raise InputError(f"Thiếu {field.what}.", hint=f"Ghi {field.what}.")
        return None
    if not isinstance(value, str):
        raise InputError(
            f"{field.what.capitalize()} phải là một chuỗi chữ, không phải {type(value).__name__}.",
            hint=f"Ghi {field.what} bằng chữ.",
        )
    if value.isprintable():
        # str.isprintable is False for every character the loop below refuses or drops (controls,
        # line breaks and tabs, bidi marks and every other Cf, surrogates, private use,
        # unassigned) and for spaces other than " ": text that passes keeps every character, and
        # checking it in C spares a registration the per-character loop.
        text = unicodedata.normalize("NFC", value)
        if text.isprintable():
            return _kept(
                field,
                text_lines(text) if field.multiline else " ".join(text.split()),
                value,
                required,
                lenient,
            )
    check_utf8(value, field.what)
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n")
    kept: list[str] = []
    for i, c in enumerate(text):
        if c in _LINE_BREAKS or c == "\t":
            kept.append("\n" if c in _LINE_BREAKS and field.multiline else ("\t" if c == "\t" else " "))
            continue
        category = unicodedata.category(c)
        if category == "Cc" or c in _BIDI:
            if lenient:
                continue
            why = "đảo chiều chữ" if c in _BIDI else "điều khiển"
            raise _refuse(field, text, i, why)
        if category in ("Cf", "Cs", "Co", "Cn"):
            if category == "Cf" or lenient:
                continue  # invisible: zero-width space, word joiner, soft hyphen, tags…
            raise _refuse(field, text, i, "không in được")
        kept.append(c)
    joined = "".join(kept)
    joined = text_lines(joined) if field.multiline else " ".join(joined.split())
    return _kept(field, joined, value, required, lenient)


def _kept(field: TextField, joined: str, value: str, required: bool, lenient: bool) -> str | None:
    """``joined`` (the cleaned text of ``value``) when it is not empty and fits the field."""
    if not joined:
        if required or not lenient:
            raise InputError(
                f"{field.what.capitalize()} không được để trống"
                + (" (chỉ có ký tự không nhìn thấy)." if value.strip() else "."),
                hint=f"Ghi {field.what} bằng chữ.",
            )
        return None
    if len(joined) > field.max_chars:
        raise InputError(
            f"{field.what.capitalize()} dài {grouped(len(joined))} ký tự, tối đa {grouped(field.max_chars)}.",
            hint=f"Rút gọn {field.what}.",
        )
    size = len(joined.encode("utf-8")) if field.max_bytes is not None else 0
    if field.max_bytes is not None and size > field.max_bytes:
        raise InputError(
            f"{field.what.capitalize()} dài quá: {grouped(size)} byte, tối đa {grouped(field.max_bytes)}.",
            hint=f"Rút gọn {field.what}, hoặc đính kèm tệp thay vì chép toàn văn.",
        )
    return joined


def grouped(number: int) -> str:
    """12.345: thousands grouped the Vietnamese way."""
    return f"{number:,}".replace(",", ".")


def text_lines(text: str) -> str:
    """Multi-line text: lines without trailing spaces, no blank lines at the ends."""
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def clean_list(values: object, field: TextField, *, limit: int = MAX_RECIPIENTS) -> list[str]:
    """A list of one-line texts (recipients); a bare string is refused, not split into letters."""
    if values is None:
        return []
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise InputError(
            f"Danh sách {field.what} phải là một danh sách, không phải {type(values).__name__}.",
            hint=f'Ví dụ: ["UBND thành phố", "Lưu: VT"] — mỗi {field.what} một mục.',
        )
    items = list(values)
    if len(items) > limit:
        raise InputError(f"Có {len(items)} {field.what}, tối đa {limit}.", hint=f"Bớt {field.what}.")
    cleaned = [clean_text(v, field) for v in items]
    return [c for c in cleaned if c is not None]


def safe_text(text: str | None) -> str:
    """Stored text made safe to print on a terminal or in a book: controls and bidi marks shown
    as their code (⟨U+001B⟩), line breaks and tabs kept. For registers written before the check."""
    if not text:
        return text or ""
    if _PRINTABLE.fullmatch(text):
        return text
    out = []
    for c in text:
        if c in "\n\t":
            out.append(c)
        elif unicodedata.category(c) in ("Cc", "Cs") or c in _BIDI:
            out.append(f"⟨U+{ord(c):04X}⟩")
        else:
            out.append(c)
    return "".join(out)


_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(_BIDI))
_PRINTABLE = re.compile(f"[^{_UNSAFE}]*")

# ---------------------------------------------------------------------------- identifiers

CODE_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzĐđ")
_SCRIPTS = {
    "CYRILLIC": "chữ Kirin",
    "GREEK": "chữ Hy Lạp",
    "ARMENIAN": "chữ Armenia",
    "CHEROKEE": "chữ Cherokee",
    "COPTIC": "chữ Copt",
    "MATHEMATICAL": "ký hiệu toán học",
}


def same_as_ascii(text: str) -> str:
    """Fullwidth letters and digits of any script written as the ASCII they stand for."""
    if text.isascii():
        return text
    return "".join(map(_ascii_of, text))


def _ascii_of(char: str) -> str:
    if "\uff01" <= char <= "\uff5e":  # fullwidth forms of ASCII
        return chr(ord(char) - 0xFEE0)
    digit = unicodedata.decimal(char, None)
    return str(digit) if digit is not None else char


def foreign_letter(text: str, allowed: str = "") -> int | None:
    """Where ``text`` (already :func:`same_as_ascii`) holds a character a code cannot have."""
    for i, c in enumerate(text):
        if not (c in CODE_LETTERS or (c.isascii() and (c.isdigit() or c in allowed))):
            return i
    return None


def foreign_message(text: str, index: int, what: str) -> str:
    """ "Ký tự «К» (U+041A CYRILLIC CAPITAL LETTER KA, chữ Kirin) …": the look-alike named."""
    char = text[index]
    name = unicodedata.name(char, "")
    script = next((v for k, v in _SCRIPTS.items() if name.startswith(k)), None)
    shown = f"«{char}» " if char.isprintable() and not char.isspace() else ""
    return (
        f"{what.capitalize()} «{safe_text(text)}» có ký tự {shown}({describe_char(char)}"
        + (f", {script}" if script else "")
        + f") ở vị trí {index + 1}: chỉ dùng chữ số và chữ cái Latinh (kể cả Đ)."
    )


def clean_abbreviation(value: object, what: str, *, max_chars: int = 20) -> str:
    """An abbreviation (UBND, VHXH, BCĐ): Latin letters with Đ, digits, "-" and "&", upper case."""
    if not isinstance(value, str):
        raise InputError(f"{what.capitalize()} phải là chữ viết tắt.", hint="Ví dụ: UBND, VHXH.")
    check_utf8(value, what)
    cleaned = same_as_ascii(unicodedata.normalize("NFC", value).strip()).upper()
    hint = "Dùng chữ viết tắt không có khoảng trắng, ví dụ UBND, VHXH."
    if not cleaned:
        raise InputError(f"{what.capitalize()} không được để trống.", hint=hint)
    bad = foreign_letter(cleaned, "-&")
    if bad is not None:
        raise InputError(foreign_message(cleaned, bad, what), hint=hint)
    if len(cleaned) > max_chars or not any(c in CODE_LETTERS for c in cleaned):
        raise InputError(
            f"{what.capitalize()} «{cleaned}» không hợp lệ: cần có chữ cái, tối đa {max_chars} ký tự.",
            hint=hint,
        )
    return cleaned


_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def clean_login(value: object) -> str:
    """A login: ASCII letters, digits, ".", "_" and "-", at most 64."""
    if not isinstance(value, str):
        raise InputError("Tên đăng nhập phải là chuỗi chữ.", hint="Ví dụ: nguyenvana.")
    check_utf8(value, "tên đăng nhập")
    cleaned = unicodedata.normalize("NFC", value).strip()
    if not (cleaned.isascii() and _LOGIN.fullmatch(cleaned)):
        raise InputError(
            f"Tên đăng nhập «{safe_text(cleaned)}» không hợp lệ.",
            hint="Dùng chữ không dấu, số, dấu chấm hoặc gạch dưới, không khoảng trắng, tối đa 64 ký tự, "
            "ví dụ: nguyenvana.",
        )
    return cleaned


_MADINHDANH = re.compile(r"[0-9A-Z.]{1,35}")


def clean_madinhdanh(value: object) -> str:
    """An organization id of the national exchange: capitals, digits and dots, at most 35."""
    text = value if isinstance(value, str) else ""
    cleaned = same_as_ascii(check_utf8(text, "mã định danh").strip()).upper()
    if not _MADINHDANH.fullmatch(cleaned) or not any(c.isalnum() for c in cleaned):
        raise InputError(
            f"Mã định danh «{safe_text(str(value))}» không hợp lệ.",
            hint="Tối đa 35 ký tự gồm chữ in hoa, chữ số và dấu chấm, ví dụ 000.00.00.H30.",
        )
    return cleaned


# ---------------------------------------------------------------------------- numbers

MAX_ID = 2**63 - 1  # the largest row id any engine gives
MAX_LIMIT = 1_000_000
MAX_NUMBER = 999_999  # a code's number has at most six digits (codes.py reads them back)
MAX_QUANTITY = Decimal("9999999999999999.99")  # NUMERIC(18, 2)


def parse_int(value: object, what: str, *, low: int, high: int, example: str) -> int:
    """A whole number between ``low`` and ``high`` from an int or its digits (any script's)."""
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, str):
        check_utf8(value, what)
        digits = same_as_ascii(value.strip())
        number = int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 40 else None
    else:
        number = None
    if number is None:
        raise InputError(
            f"{what.capitalize()} «{safe_text(str(value))[:60]}» không phải số nguyên.", hint=example
        )
    if not low <= number <= high:
        shown = str(number) if len(str(number)) <= 24 else str(number)[:20] + "…"
        raise InputError(
            f"{what.capitalize()} {shown} nằm ngoài khoảng {grouped(low)}–{grouped(high)}.", hint=example
        )
    return number


def parse_doc_id(text: str) -> int | None:
    """The id in "#12" or "12", or None when the text is not an id; ids too large are refused."""
    stripped = text.strip().lstrip("#")
    if not (stripped.isascii() and stripped.isdigit()):
        return None
    if len(stripped) > 19 or int(stripped) > MAX_ID or int(stripped) == 0:
        from vanban.errors import NotFoundError

        raise NotFoundError(f"Không có văn bản #{stripped[:24]}.", hint="Xem danh sách bằng vanban list.")
    return int(stripped)


def parse_quantity(value: object) -> Decimal | None:
    """A quantity as typed ("150", "1.250", "2,5", "1.250,5"); None when absent; never NaN,
    infinite or negative. A figure with its qualifier and unit: :mod:`vanban.domain.figures`."""
    hint = "Ví dụ: --quantity 150 hoặc --quantity 2,5 (không âm, tối đa hai chữ số thập phân)."
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError("Số lượng không phải là một số.", hint=hint)
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        check_utf8(value, "số lượng")
        cleaned = same_as_ascii(value.strip()).replace(" ", "").replace("\u00a0", "")
        if re.fullmatch(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?", cleaned):  # 1.250, 1.250,5: grouped
            cleaned = cleaned.replace(".", "").replace(",", ".")
        elif "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        # Only digits and one decimal point: no exponent, no "inf", no "NaN", no sign.
        if not re.fullmatch(r"\d{1,30}(?:\.\d{1,30})?", cleaned):
            raise InputError(f"Số lượng «{safe_text(value)[:60]}» không phải là một số.", hint=hint)
        amount = Decimal(cleaned)
    else:
        raise InputError(f"Số lượng phải là một số, không phải {type(value).__name__}.", hint=hint)
    if not amount.is_finite():
        raise InputError("Số lượng phải là một số hữu hạn.", hint=hint)
    if amount < 0:
        raise InputError(f"Số lượng {amount} âm.", hint=hint)
    if amount > MAX_QUANTITY:
        raise InputError("Số lượng quá lớn (tối đa 16 chữ số phần nguyên).", hint=hint)
    try:
        if amount != amount.quantize(Decimal("0.01")):
            raise InputError(f"Số lượng {amount} có hơn hai chữ số thập phân.", hint=hint)
    except InvalidOperation as exc:
        raise InputError("Số lượng không hợp lệ.", hint=hint) from exc
    return amount
