"""Which files an import takes and what each says about itself: parsing is pure, with picklable
results, and runs in worker processes when there are many files (see ``office.importing``)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanban.errors import DocumentFileError, InputError, VanbanError

if TYPE_CHECKING:
    from vanban.domain.reading import DocumentMeta

__all__ = ["ParsedFile", "collect_files", "parse_all", "parse_batch", "parse_file"]

# Files parsed per task sent to a worker, and tasks kept in flight per worker.
_BATCH = 8
_AHEAD = 4


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What parsing one file gives: its metadata, or why it cannot be imported. Picklable."""

    path: str
    meta: DocumentMeta | None = None
    sha256: str | None = None
    error: str | None = None
    hint: str | None = None
    exit_code: int = 0

    @property
    def name(self) -> str:
        return Path(self.path).name


# ---------------------------------------------------------------------------------------------
# Which files


def collect_files(sources: Sequence[Path]) -> list[Path]:
    """The files to import: each FILE as given, and the .docx files under each DIR (recursively,
    in name order; hidden files and Word's "~$" lock files left out). A FILE that is not a .docx
    is still tried, so that it is reported by name."""
    files: list[Path] = []
    seen: set[Path] = set()
    for source in sources:
        if source.is_dir():
            found = sorted(
                p
                for p in source.rglob("*")
                if p.suffix.lower() == ".docx"
                and p.is_file()
                and not any(part.startswith((".", "~$")) for part in p.relative_to(source).parts)
            )
        elif source.exists():
            found = [source]
        else:
            raise InputError(
                f"Không có tệp hay thư mục «{source}».", hint="Kiểm tra lại đường dẫn trong lệnh."
            )
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files


# ---------------------------------------------------------------------------------------------
# Parsing (pure; runs in worker processes)


def parse_file(path: str) -> ParsedFile:
    """Read one file and what it says about itself; never raises for a bad file."""
    from vanban.docx.read import read_file
    from vanban.domain.reading import read_metadata

    name = Path(path).name
    try:
        blocks, digest = read_file(Path(path))
        meta = _clean_meta(read_metadata(blocks))
        _check_meta(meta, name)
    except VanbanError as exc:
        return ParsedFile(path, error=exc.message, hint=exc.hint, exit_code=exc.exit_code)
    except Exception as exc:  # a file that trips the reader must not stop the others
        return ParsedFile(
            path,
            error=f"Không đọc được tệp «{name}»: nội dung bất thường ({type(exc).__name__}).",
            hint="Hãy mở và lưu lại tệp bằng Word.",
            exit_code=2,
        )
    return ParsedFile(path, meta=meta, sha256=digest)


def parse_batch(paths: list[str]) -> list[ParsedFile]:
    """:func:`parse_file` of several files: one task for a worker process."""
    return [parse_file(p) for p in paths]


def _clean_meta(meta: DocumentMeta) -> DocumentMeta:
    """A file's text through the boundary typed text crosses: controls and bidi marks dropped,
    each field within its length (a field too long refuses the file, by name)."""
    from dataclasses import replace

    from vanban.domain import text as t

    def one(value: str | None, kind: t.TextField) -> str | None:
        return t.clean_text(value, kind, required=False, lenient=True)

    def many(values: list[str], kind: t.TextField) -> list[str]:
        return [c for c in (one(v, kind) for v in values) if c]

    body = one("\n".join(meta.body), t.BODY)
    return replace(
        meta,
        subject=one(meta.subject, t.SUBJECT),
        place=one(meta.place, t.PLACE),
        issuer=one(meta.issuer, t.ORG_NAME),
        governing_body=one(meta.governing_body, t.PARENT_NAME),
        signer_name=one(meta.signer_name, t.SIGNER),
        signer_title=one(meta.signer_title, t.SIGNER_TITLE),
        recipients=many(meta.recipients, t.RECIPIENT),
        to=many(meta.to, t.RECIPIENT),
        body=body.split("\n") if body else [],
    )


def _check_meta(meta: DocumentMeta, name: str) -> None:
    if meta.code is None:
        raise DocumentFileError(
            f"Tệp «{name}» không có số, ký hiệu văn bản (bản dự thảo chưa cấp số?).",
            hint="Chỉ nhập được văn bản đã có số, ký hiệu, ví dụ dòng «Số: 90/KH-UBND».",
        )
    if meta.date is None:
        raise DocumentFileError(
            f"Tệp «{name}» ({meta.code}) không có ngày tháng văn bản.",
            hint="Cần dòng địa danh, ngày tháng, ví dụ «Phú Thái, ngày 29 tháng 9 năm 2025».",
        )
    if not meta.subject:
        raise DocumentFileError(
            f"Tệp «{name}» ({meta.code}) không có trích yếu.",
            hint="Trích yếu là dòng dưới tên loại văn bản, hoặc dòng «V/v …» của công văn.",
        )


def _mp_context() -> Any:
    """Worker processes started from a clean server process (never forked from a process that
    holds database connections or a progress-bar thread), with the reader already imported."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["vanban.office.parsing", "vanban.domain.reading", "vanban.docx.read"])
        return ctx
    return multiprocessing.get_context("spawn")


def parse_all(paths: Sequence[Path], jobs: int) -> Iterator[ParsedFile]:
    """Parse ``paths`` in order: here when ``jobs`` is 1, else in ``jobs`` worker processes,
    a bounded window of batches ahead of the consumer."""
    names = [str(p) for p in paths]
    if jobs <= 1 or len(names) <= 1:
        for name in names:
            yield parse_file(name)
        return
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    batch = max(1, min(_BATCH, len(names) // (jobs * _AHEAD) or 1))
    batches = [names[i : i + batch] for i in range(0, len(names), batch)]
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=_mp_context())
    pending: deque[tuple[list[str], Future[list[ParsedFile]]]] = deque()
    position = 0
    broken = False
    try:
        while position < len(batches) or pending:
            while not broken and position < len(batches) and len(pending) < jobs * _AHEAD:
                pending.append((batches[position], pool.submit(parse_batch, batches[position])))
                position += 1
            if not pending:
                break
            items, future = pending.popleft()
            try:
                parsed = future.result()
            except BrokenProcessPool:
                # A worker died (out of memory on a pathological file?): finish here, in order.
                broken = True
                parsed = parse_batch(items)
            yield from parsed
            if broken:
                for items, _ in pending:
                    yield from parse_batch(items)
                pending.clear()
                for items in batches[position:]:
                    yield from parse_batch(items)
                position = len(batches)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
