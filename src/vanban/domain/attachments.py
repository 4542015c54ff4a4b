"""Attachments (tệp đính kèm) as plain Python: the record of one file kept with a document, the
kinds of file accepted, how a file's name is made safe, and the size limit.

The content is kept in the database itself, content-addressed (by SHA-256) in pieces of
``CHUNK_BYTES`` (store.tables.attachment_chunks), so that a SQLite register stays one file that
``vanban backup`` copies whole, a server register is covered by the server's own dump, every
worker of ``vanban serve`` sees the same files without a shared folder, and a file is added in
the same transaction as the event that records it: nothing half-written is left behind.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from vanban.domain.text import describe_char, grouped
from vanban.errors import InputError

# The default largest file, as the web desk's upload limit; an office sets its own with
# $VANBAN_ATTACHMENT_MB.
DEFAULT_LIMIT = 20 * 1024 * 1024
# One stored piece: far below every engine's largest packet (MariaDB's max_allowed_packet is
# 16 MB by default, MySQL 5.7's 4 MB), so a file of any allowed size is written and read a
# piece at a time and never held whole in memory.
CHUNK_BYTES = 1024 * 1024
MAX_NAME_CHARS = 200


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file kept with a document: its name, size and SHA-256, who added it and when.

    ``size`` is None for a file recorded only by its hash (the Word file a document was imported
    from): its content is not kept, and it cannot be downloaded.
    """

    id: int
    document_id: int
    name: str
    sha256: str
    size: int | None = None
    added_by: str | None = None
    added_at: dt.datetime | None = None

    @property
    def stored(self) -> bool:
        """Whether the content is kept (not only the name and hash)."""
        return self.size is not None

    @property
    def media_type(self) -> str:
        """The media type a download is sent with, from the name's extension."""
        kind = FILE_KINDS.get(extension(self.name))
        return kind.media_type if kind is not None else "application/octet-stream"


@dataclass(frozen=True, slots=True)
class FileKind:
    """A kind of file accepted as an attachment: what it is, its media type, how it begins."""

    label: str
    media_type: str
    magic: tuple[bytes, ...]  # the file begins with one of these


_OOXML = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# The files a commune keeps with a document: the scanned signed copy (PDF, an image), the Word
# or Excel files sent with it. An extension is believed only when the content begins as that
# kind of file does: a program renamed .pdf is refused.
FILE_KINDS: dict[str, FileKind] = {
    ".pdf": FileKind("PDF", "application/pdf", (b"%PDF-",)),
    ".docx": FileKind(
        "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _OOXML
    ),
    ".doc": FileKind("Word 97–2003", "application/msword", _OLE),
    ".xlsx": FileKind("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _OOXML),
    ".xls": FileKind("Excel 97–2003", "application/vnd.ms-excel", _OLE),
    ".odt": FileKind("OpenDocument", "application/vnd.oasis.opendocument.text", _OOXML),
    ".ods": FileKind("OpenDocument", "application/vnd.oasis.opendocument.spreadsheet", _OOXML),
    ".jpg": FileKind("ảnh JPEG", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": FileKind("ảnh JPEG", "image/jpeg", (b"\xff\xd8\xff",)),
    ".png": FileKind("ảnh PNG", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".tif": FileKind("ảnh TIFF", "image/tiff", (b"II*\x00", b"MM\x00*")),
    ".tiff": FileKind("ảnh TIFF", "image/tiff", (b"II*\x00", b"MM\x00*")),
}
ACCEPTED = ", ".join(FILE_KINDS)

# Not in a name: path separators, and what Windows forbids in a file name (the name is the one
# a download is saved under on a clerk's machine).
_FORBIDDEN = frozenset('/\\:*?"<>|')
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def extension(name: str) -> str:
    """The name's extension in lower case, with its dot ("" when it has none)."""
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def clean_name(value: str) -> str:
    """A file name as kept: NFC, spaces at the ends dropped; refused when it names a path
    (separators, "." or ".."), holds control or direction characters, is too long or has no
    accepted extension."""
    name = unicodedata.normalize("NFC", value).strip()
    hint = 'Đổi tên tệp, hoặc cho tên khác bằng --name, ví dụ --name "ban-ky-so.pdf".'
    if not name or name.strip(".") == "":
        raise InputError(f"Tên tệp «{name}» không dùng được.", hint=hint)
    for char in name:
        if char in _FORBIDDEN:
            raise InputError(
                f"Tên tệp «{name}» có ký tự «{char}», không dùng trong tên tệp đính kèm.",
                hint='Tên tệp không có đường dẫn và không có các ký tự / \\ : * ? " < > |. ' + hint,
            )
        if unicodedata.category(char) in ("Cc", "Cf", "Cs") or char in _BIDI:
            raise InputError(
                f"Tên tệp có ký tự không in được ({describe_char(char)}).",
                hint=hint,
            )
    if len(name) > MAX_NAME_CHARS:
        raise InputError(
            f"Tên tệp dài {grouped(len(name))} ký tự, tối đa {MAX_NAME_CHARS}.",
            hint="Rút gọn tên tệp, hoặc cho tên ngắn hơn bằng --name.",
        )
    if extension(name) not in FILE_KINDS:
        raise InputError(
            f"Tệp «{name}» không thuộc loại được đính kèm.",
            hint=f"Nhận các tệp {ACCEPTED}: bản quét văn bản đã ký nên là PDF.",
        )
    return name


def check_content(name: str, head: bytes) -> None:
    """Refuse a file whose first bytes are not those of the kind its extension names."""
    kind = FILE_KINDS[extension(name)]
    if not any(head.startswith(magic) for magic in kind.magic):
        raise InputError(
            f"Tệp «{name}» không phải tệp {kind.label} như đuôi tên của nó nói.",
            hint="Mở tệp để kiểm tra, rồi lưu lại đúng định dạng (bản quét nên lưu thành PDF).",
        )


def megabytes(size: int) -> str:
    """A size as a person reads it: 20 MB, 1,5 MB, 312 KB, 90 byte."""
    if size >= 1024 * 1024:
        value = size / (1024 * 1024)
        return (f"{value:.1f}".rstrip("0").rstrip(".") + " MB").replace(".", ",")
    if size >= 1024:
        return f"{grouped(round(size / 1024))} KB"
    return f"{size} byte"


def too_big(name: str, size: int, limit: int) -> InputError:
    """The refusal of a file over the limit."""
    return InputError(
        f"Tệp «{name}» nặng {megabytes(size)}, vượt giới hạn {megabytes(limit)} cho mỗi tệp đính kèm.",
        hint="Quét lại với độ phân giải thấp hơn (200 dpi, đen trắng) hoặc tách tệp; người quản trị "
        "có thể đổi giới hạn bằng biến môi trường VANBAN_ATTACHMENT_MB.",
    )
