"""The lifecycles an office uses, and which one serves a document of a given type and
direction (the machine of one lifecycle is :mod:`vanban.domain.workflow`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from vanban.domain.types import canonical_type_key, type_name
from vanban.domain.workflow import DIRECTION_LABELS, DIRECTIONS, Workflow
from vanban.errors import InputError, NotFoundError

__all__ = ["Workflows"]


class Workflows:
    """The lifecycles an office uses, by name and by (document type, direction)."""

    def __init__(self, workflows: Iterable[Workflow], folder: Path | None = None) -> None:
        self.folder = folder
        self._by_name: dict[str, Workflow] = {}
        for w in workflows:
            self._by_name[w.name] = w
        self._found: dict[tuple[str | None, str], Workflow] = {}  # for_document's answers

    def __iter__(self) -> Iterator[Workflow]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __repr__(self) -> str:
        return f"<Workflows {', '.join(self._by_name)}>"

    def names(self) -> list[str]:
        return list(self._by_name)

    def get(self, name: str) -> Workflow:
        """The lifecycle called ``name``; an unknown name is refused in Vietnamese."""
        try:
            return self._by_name[name]
        except KeyError:
            raise NotFoundError(
                f"Không có quy trình «{name}».",
                hint=f"Các quy trình hiện có: {', '.join(self._by_name) or '(không có)'}.",
            ) from None

    def for_document(self, type_key: str | None, direction: str) -> Workflow:
        """The lifecycle of a document of this type and direction ("out" or "in").

        Incoming documents of any type (even one no file lists, or none at all) fall to the
        incoming lifecycle that serves every type; outgoing ones need a file listing the type.
        """
        found = self._found.get((type_key, direction))
        if found is None:
            found = self._found[(type_key, direction)] = self._find(type_key, direction)
        return found

    def _find(self, type_key: str | None, direction: str) -> Workflow:
        direction = str(direction)
        if direction not in DIRECTIONS:
            raise InputError(
                f"Hướng văn bản «{direction}» không hợp lệ.",
                hint='Dùng "out" (văn bản đi) hoặc "in" (văn bản đến).',
            )
        key = canonical_type_key(type_key) if type_key else None
        candidates = [w for w in self._by_name.values() if w.direction == direction]
        if key is not None:
            for w in candidates:
                if key in w.types and not (direction == "in" and w.covers_all_types):
                    return w
        if direction == "in":
            for w in candidates:
                if w.covers_all_types:
                    return w
        if key is not None:
            what = f"loại «{type_name(key)}» ({key})"
        elif type_key:
            what = f"loại «{type_key}»"
        else:
            what = "không rõ loại"
        raise NotFoundError(
            f"Không có quy trình nào cho {DIRECTION_LABELS[direction]} {what}.",
            hint=(f'Thêm loại này vào danh sách «types» của một tệp quy trình có direction = "{direction}".'),
        )
