"""A listing (domain.listing) as a Word file: landscape A4, a title, one table whose header
row repeats on every page, dates written dd/mm/yyyy."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from docx import Document as _open_document

from vanban.docx.page import clear_body, setup_page
from vanban.docx.styles import normalise_styles, prune_package
from vanban.domain.listing import Listing, cell_text


def write_listing_docx(listing: Listing, out: Path | BinaryIO) -> None:
    """Write ``listing`` to ``out``: its title, then the table."""
    doc = _open_document()
    clear_body(doc)
    prune_package(doc)
    normalise_styles(doc)
    setup_page(doc, landscape=True)
    title = doc.add_paragraph()
    title.add_run(listing.title).bold = True
    table = doc.add_table(rows=1, cols=len(listing.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, listing.columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(name).bold = True
    from docx.oxml import OxmlElement

    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in listing.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = cell_text(value)
    doc.save(str(out) if isinstance(out, Path) else out)
