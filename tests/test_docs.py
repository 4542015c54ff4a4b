"""The project's own docs hold what a reader needs: every link of the README and of docs/*.md
points to a file of this repository (or a heading of one), never outside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_of_a_page_is_a_file_of_the_repository(page: Path) -> None:
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        path = target.split("#", 1)[0]
        if not path:
            continue  # a heading of the same page
        assert "://" not in path, f"{page.name} links outside the repository: {target}"
        resolved = (page.parent / path).resolve()
        assert resolved.is_relative_to(ROOT), f"{page.name} links outside the repository: {target}"
        assert resolved.exists(), f"{page.name} links to a missing file: {target}"


def test_no_page_sends_the_reader_to_the_shared_folder_outside_the_repository() -> None:
    for page in PAGES:
        assert "../shared" not in page.read_text(encoding="utf-8"), page.name


def test_the_readme_links_the_design_the_json_shapes_and_the_glossary() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("docs/design.md", "docs/json.md", "docs/glossary.md"):
        assert f"]({page})" in readme, page


def test_the_glossary_names_every_ascii_vietnamese_identifier_of_the_model() -> None:
    from vanban.domain.model import Role, Secrecy, Urgency

    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for member in [*Role, *Urgency, *Secrecy]:
        assert f"`{member.value}`" in glossary, member
