"""Read the text of a Word file as the blocks a person sees, in document order.

Word splits text into runs wherever formatting, spell checking or editing history changes
("90/" "KH-" "UBND"), stores it decomposed or composed, and uses non-breaking spaces freely.
:func:`read_blocks` gives one clean string per paragraph, tables included, so that the pure
reader in :mod:`vanban.domain.reading` can work on plain text.

Files are checked with :mod:`zipfile` before any XML is parsed: a file that is not a .docx, is
corrupt, larger than 20 MB or a zip bomb is refused with a :class:`~vanban.errors.DocumentFileError`
naming it. Only the main part ``word/document.xml`` is parsed, with lxml (no entities, no
network), not the whole package through python-docx: reading is about ten times faster, and
the text is the same since python-docx would only hand us that part's elements.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree  # type: ignore[import-untyped]

from vanban.errors import DocumentFileError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAIN_PART = "word/document.xml"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P = _W + "p"
_T = _W + "t"
_TAB = _W + "tab"
_BR = _W + "br"
_CR = _W + "cr"
_DOCUMENT = _W + "document"
_BODY = _W + "body"
# subtrees whose text is not on the page: the fallback copy of a drawing, text moved away
_SKIPPED = frozenset({_MC + "Fallback", _W + "moveFrom", _W + "del"})
_TABS = _W + "tabs"
_TEXT_TAGS = (_P, _T, _TAB, _BR, _CR)
# non-breaking spaces become spaces; invisible characters go; "\x00" never stays (it separates)
_CLEAN: dict[int, str | None] = {
    **dict.fromkeys(map(ord, "\u00a0\u202f\u2007"), " "),
    **dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None),
}


def _name(source: Path | BinaryIO) -> str:
    """How the file is named in messages: «bao-cao.docx», or "được tải lên" for a bare stream."""
    if isinstance(source, Path):
        return f"«{source.name}»"
    name = getattr(source, "name", None)
    return f"«{Path(name).name}»" if isinstance(name, str) and name else "được tải lên"


def _refuse(name: str, why: str, hint: str | None = None) -> DocumentFileError:
    return DocumentFileError(f"Không đọc được tệp {name}: {why}.", hint=hint)


def _load(source: Path | BinaryIO, name: str) -> bytes:
    """The file's bytes, refusing a missing or oversized file before reading it whole."""
    if isinstance(source, Path):
        try:
            size = source.stat().st_size
        except FileNotFoundError:
            raise _refuse(name, "không tìm thấy tệp") from None
        except OSError as exc:
            raise _refuse(name, f"không mở được tệp ({exc.strerror})") from None
        if size > MAX_FILE_BYTES:
            raise _too_large(name, size)
        return source.read_bytes()
    data = source.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(name, None)
    return data


def _too_large(name: str, size: int | None) -> DocumentFileError:
    shown = f" ({size / 1024 / 1024:.1f} MB)" if size is not None else ""
    return _refuse(name, f"tệp lớn hơn 20 MB{shown}", "Hãy nén ảnh trong văn bản hoặc tách tệp.")


def check_package(data: bytes, name: str) -> None:
    """Refuse what is not a sound .docx package, before any XML is parsed.

    A zip bomb is a package whose parts would unpack to more than 200 MB in total, or whose
    main part ``word/document.xml`` is compressed more than 100 times.
    """
    _main_part(data, name)


def _main_part(data: bytes, name: str) -> bytes:
    """The bytes of ``word/document.xml`` once the package has passed :func:`check_package`."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse(name, "tệp không phải là văn bản Word (.docx)", "Hãy lưu lại tệp dưới dạng .docx.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise _refuse(name, "tệp nén giải nén ra quá lớn (nghi là bom nén)")
            main = next((info for info in infos if info.filename == MAIN_PART), None)
            if main is None:
                raise _refuse(
                    name, "tệp không phải là văn bản Word (.docx)", "Hãy lưu lại tệp dưới dạng .docx."
                )
            if main.file_size > MAX_RATIO * max(main.compress_size, 1):
                raise _refuse(name, "tỉ lệ nén bất thường (nghi là bom nén)")
            # zipfile stops at the declared size and checks the CRC: a lying header fails here.
            return archive.read(main)
    # A damaged deflate stream fails in zlib itself (found by tests/fuzz); an encrypted part or an
    # unknown compression method in zipfile.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise _refuse(name, "tệp bị hỏng", "Hãy mở và lưu lại tệp bằng Word.") from exc


def clean(text: str) -> str:
    """NFC, non-breaking spaces as spaces, no invisible characters, no surrounding blanks."""
    text = unicodedata.normalize("NFC", text).translate(_CLEAN)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def _texts(body: Any) -> list[str]:
    """The raw text of each top-level paragraph under ``body`` (tables and content controls
    included), in document order: runs joined, a tab as "\\t", a line break as "\\n", a
    paragraph inside a text box on its own line. Hidden subtrees (the fallback copy of a
    drawing, deleted or moved-away text) must already be gone (:func:`_prune`).

    One pass of lxml's ``iterwalk`` filtered to the five tags that matter: the run and
    property elements around them never reach Python.
    """
    out: list[str] = []
    parts: list[str] = []
    depth = 0
    for event, element in etree.iterwalk(body, events=("start", "end"), tag=_TEXT_TAGS):
        tag = element.tag
        if tag == _P:
            if event == "start":
                if depth:
                    parts.append("\n")  # a paragraph inside a text box: its own line
                else:
                    parts = []
                depth += 1
            else:
                depth -= 1
                if not depth:
                    out.append("".join(parts))
        elif event == "start" and depth:
            if tag == _T:
                parts.append(element.text or "")
            elif tag == _TAB:
                if element.getparent().tag != _TABS:  # not a tab stop of the paragraph's properties
                    parts.append("\t")
            else:
                parts.append("\n")
    return out


def _prune(body: Any) -> None:
    """Drop the subtrees whose text is not on the page."""
    for element in list(body.iter(*_SKIPPED)):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _clean_all(texts: list[str]) -> list[str]:
    """:func:`clean` of every text, normalising once; empty ones left out."""
    joined = unicodedata.normalize("NFC", "\x00".join(texts)).translate(_CLEAN)
    blocks = ("\n".join(line.strip() for line in text.split("\n")).strip() for text in joined.split("\x00"))
    return [block for block in blocks if block]


def _parse(xml: bytes, name: str) -> Any:
    """The ``w:body`` element of the main part, parsed by lxml with no entity expansion, no
    network and no huge trees (a parser per call: lxml parsers must not be shared between
    threads, and making one costs microseconds)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(xml, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise _refuse(
            name, "tệp bị hỏng hoặc không phải văn bản Word", "Hãy mở và lưu lại tệp bằng Word."
        ) from exc
    body = root.find(_BODY) if root.tag == _DOCUMENT else None
    if body is None:
        raise _refuse(name, "tệp không phải là văn bản Word (.docx)", "Hãy lưu lại tệp dưới dạng .docx.")
    _prune(body)
    return body


def read_blocks(source: Path | str | BinaryIO) -> list[str]:
    """The non-empty paragraphs and table-cell paragraphs of a .docx, in document order.

    Runs are joined, text is NFC, non-breaking spaces are spaces; a line break inside a
    paragraph stays a "\\n" and a tab a "\\t". Raises DocumentFileError for a file that is not
    a .docx, is corrupt, larger than 20 MB or a zip bomb.
    """
    if isinstance(source, str):
        source = Path(source)
    name = _name(source)
    body = _parse(_main_part(_load(source, name), name), name)
    return _clean_all(_texts(body))


def read_file(path: Path) -> tuple[list[str], str]:
    """:func:`read_blocks` of a file on disk, with the SHA-256 of its bytes (read once)."""
    import hashlib

    name = _name(path)
    data = _load(path, name)
    digest = hashlib.sha256(data).hexdigest()
    body = _parse(_main_part(data, name), name)
    return _clean_all(_texts(body)), digest
