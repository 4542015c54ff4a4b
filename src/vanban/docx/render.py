"""Print a :class:`~vanban.domain.sheet.Sheet` as a Word file in the layout of Nghị định 30/2020.

Phụ lục I of the decree (nd30.md §4): A4 portrait, margins 20/20/30/15 mm, Times New Roman,
a borderless two-column header (issuing body and number left, national motto and date right),
the title, căn cứ, body, and a borderless two-column foot (Nơi nhận left, signature right);
page numbers centred in the top margin from page 2 on.

The parts are written by the modules beside this one: ``styles`` (fonts), ``page``,
``head``, ``body``, ``foot``, from ``paragraphs``, ``tables`` and ``rules``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from docx import Document as _open_document

from vanban.docx.body import write_addressees, write_bases, write_body, write_title
from vanban.docx.foot import write_foot
from vanban.docx.head import write_head, write_void_mark
from vanban.docx.page import clear_body, setup_page
from vanban.docx.styles import normalise_styles, prune_package
from vanban.domain.sheet import Sheet


def _open_template(template: Path | None) -> Any:
    """python-docx's own template, or the office's; a file that is not a .docx refused by name."""
    if template is None:
        return _open_document()
    try:
        return _open_document(str(template))
    except Exception as exc:  # python-docx raises many kinds for a file that is not a package
        from vanban.errors import DocumentFileError

        raise DocumentFileError(
            f"Mẫu «{template}» không phải tệp Word .docx đọc được ({type(exc).__name__}).",
            hint="Dùng một tệp .docx do Word hoặc LibreOffice lưu làm mẫu.",
        ) from exc


def render(sheet: Sheet, out: Path | BinaryIO, template: Path | None = None) -> None:
    """Write ``sheet`` as a .docx to ``out`` (a path or a binary stream).

    ``template`` is an office's own .docx: its styles and header text are kept, its body is
    cleared; page size, margins and fonts are still set as the decree requires.
    """
    doc = _open_template(template)
    clear_body(doc)
    prune_package(doc)
    normalise_styles(doc)
    setup_page(doc)
    write_void_mark(doc, sheet)
    write_head(doc, sheet)
    if not sheet.is_cong_van:
        write_title(doc, sheet)
    else:
        write_addressees(doc, sheet)
    write_bases(doc, sheet)
    write_body(doc, sheet)
    write_foot(doc, sheet)
    doc.save(str(out) if isinstance(out, Path) else out)
