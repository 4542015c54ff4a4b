"""Run the probes of probe_table on a copy of a small register and sort what happened into the
classes issue #11 counts: tracebacks, refusals without a message, meaningless input accepted,
look-alike codes accepted, control characters stored, side effects of a refused command (a
file created or changed, the register not the same by dump), and valid input refused.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from probe_table import ACCEPT, Probe

CLASSES = (
    "tracebacks",
    "no message",
    "meaningless accepted",
    "look-alikes accepted",
    "control chars stored",
    "side effects",
    "valid refused",
)
# What a terminal or printer would obey, in a stored value.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\ud800-\udfff]")
PLAN_DATE = date(2025, 9, 29)


_ESCAPED = re.compile(r"\\u([0-9a-fA-F]{4})")


def stored_unsafe(before: list[str], after: list[str]) -> bool:
    """Whether a row added or changed holds a control or bidi character, raw or JSON-escaped."""
    old = set(before)
    for line in after:
        if line in old:
            continue
        if UNSAFE.search(line) or any(UNSAFE.match(chr(int(h, 16))) for h in _ESCAPED.findall(line)):
            return True
    return False


def build_register(db: str) -> None:
    """UBND xã Phú Thái: #1 an issued plan 01/KH-UBND, #2 the received 12/KH-SKHCN, #3 a draft."""
    from vanban import Office

    office = Office.init(db, org="UBND", name="Ủy ban nhân dân xã Phú Thái", place="Phú Thái", login="vanthu")
    try:
        office.add_unit("VHXH", "Văn hóa - Xã hội")
        office.add_org("SKHCN", "Sở Khoa học và Công nghệ thành phố Hải Phòng")
        office.add_user("chutich", name="Nguyễn Phúc Công", roles=["lanh_dao"])
        plan = office.draft("KH", subject="Kế hoạch chuyển đổi số", deadline=date(2025, 12, 31))
        office.issue(plan.id, on=PLAN_DATE, signer="Nguyễn Phúc Công", title="Chủ tịch")
        office.receive(
            "12/KH-SKHCN",
            sender="SKHCN",
            on=date(2025, 9, 20),
            subject="Kế hoạch của Sở",
            arrived=date(2025, 9, 22),
        )
        office.draft("KH", subject="Kế hoạch dự thảo")
        office.add_outcome(plan.id, text="Tập huấn cán bộ", quantity=30, unit="người")
    finally:
        office.close()


def prepare_files(folder: Path) -> None:
    """The files the probes point at: text, binary, a fake .docx, someone else's SQLite…"""
    (folder / "folder").mkdir()
    (folder / "notes.txt").write_text("Ghi chú, không phải sổ.\n", encoding="utf-8")
    (folder / "text.txt").write_text("Dòng một\r\n\tDòng hai\n", encoding="utf-8")
    (folder / "esc.txt").write_text("Nội dung \x1b[2J xoá màn hình\n", encoding="utf-8")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "big.txt").write_bytes(b"a" * (2 << 20))
    (folder / "notdocx.docx").write_text("không phải Word", encoding="utf-8")
    (folder / "empty.sqlite").write_bytes(b"")
    other = sqlite3.connect(folder / "other.sqlite")
    other.execute("CREATE TABLE sach (ten TEXT)")
    other.execute("INSERT INTO sach VALUES ('Truyện Kiều')")
    other.commit()
    other.close()


def files_state(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file and folder under ``folder``: size, modification time, and a digest of small files."""
    state: dict[str, tuple[int, int, str]] = {}
    for path in sorted(folder.rglob("*")):
        stat = path.stat()
        digest = ""
        if path.is_file() and stat.st_size < (1 << 20):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        state[str(path.relative_to(folder))] = (
            stat.st_size if path.is_file() else -1,
            stat.st_mtime_ns,
            digest,
        )
    return state


def sqlite_dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def server_dump(url: str) -> list[str]:
    """Every row of every table, table by table, in key order (what iterdump is for SQLite)."""
    from sqlalchemy import select

    from vanban.store.engine import make_engine
    from vanban.store.tables import metadata

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [
                f"{table.name}: " + " | ".join(str(value) for value in row)
                for table in metadata.sorted_tables
                for row in conn.execute(select(table).order_by(*table.primary_key))
            ]
    finally:
        engine.dispose()


@dataclass
class Result:
    probe: str
    classes: list[str]
    detail: str
    changed: bool = False  # the register differs by dump afterwards (an accepted probe)


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        counts: Counter[str] = Counter(dict.fromkeys(CLASSES, 0))
        for r in self.results:
            counts.update(r.classes)
        return counts

    def faults(self) -> list[Result]:
        return [r for r in self.results if r.classes]

    def table(self, title: str) -> str:
        lines = [f"{title}: {len(self.results)} probes"]
        lines += [f"  {name:<22} {n}" for name, n in self.counts.items()]
        for r in self.faults()[:40]:
            lines.append(f"  ! {r.probe}: {', '.join(r.classes)} — {r.detail[:300]}")
        return "\n".join(lines)


@dataclass
class Register:
    """Where a probe runs: the --db value, how to dump it, and the file it lives in (SQLite)."""

    db: str
    dump: Callable[[], list[str]]
    file: Path | None = None


def _fill(value: str, folder: Path, db: str) -> str:
    return value.replace("{dir}", str(folder)).replace("{db}", db)


def run_cli_probe(probe: Probe, register: Register, folder: Path) -> Result:
    """Run one command-line probe in process and classify it."""
    from click.testing import CliRunner

    from vanban.cli import cli

    args = [_fill(a, folder, register.db) for a in probe.args]
    argv = (["--db", _fill(probe.db, folder, register.db)] if probe.db is not None else []) + args
    before = register.dump()
    files_before = files_state(folder)
    file_before = register.file.read_bytes() if register.file else b""
    runner = CliRunner()
    env = {
        "VANBAN_USER": "vanthu",
        "VANBAN_DB": str(folder / "mac-dinh.sqlite"),
        "VANBAN_LOG_DIR": str(folder / "log"),
    }
    result = runner.invoke(cli, argv, input=probe.stdin, env=env, catch_exceptions=True)
    files_after = files_state(folder)
    file_after = register.file.read_bytes() if register.file else b""
    after = register.dump()
    classified = classify(probe, result, before, after, files_before, files_after, file_before == file_after)
    classified.changed = before != after
    return classified


def classify(
    probe: Probe,
    result: Any,
    before: list[str],
    after: list[str],
    files_before: dict[str, Any],
    files_after: dict[str, Any],
    same_file: bool,
) -> Result:
    classes: list[str] = []
    code = result.exit_code
    err = result.stderr
    output = result.stdout + err
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    if crashed or code not in (0, 1, 2) or "Traceback" in output:
        classes.append("tracebacks")
    elif code != 0 and not ("Lỗi" in err or "Bỏ qua" in err):
        classes.append("no message")
    if code == 0 and probe.expect != ACCEPT:
        classes.append("look-alikes accepted" if probe.lookalike else "meaningless accepted")
    if code != 0 and probe.expect == ACCEPT:
        classes.append("valid refused")
    if stored_unsafe(before, after):
        classes.append("control chars stored")
    if code != 0:
        changed = sorted(set(files_before.items()) ^ set(files_after.items()))
        if before != after or changed or not same_file:
            classes.append("side effects")
            detail = (
                f"changed: {[k for k, _ in changed][:5]} dump same: {before == after} file same: {same_file}"
            )
            return Result(probe.name, classes, detail + " " + err[-200:])
    exc = f" {type(result.exception).__name__}: {result.exception}" if crashed else ""
    return Result(
        probe.name, classes, f"exit {code}{exc} {err.strip()[-300:]} {result.stdout.strip()[-120:]}"
    )


def run_api_probe(name: str, call: Callable[[Any], object], register: Register) -> Result:
    """Run one API probe: it must raise a VanbanError with a message and change nothing."""
    from vanban import Office
    from vanban.errors import VanbanError

    before = register.dump()
    file_before = register.file.read_bytes() if register.file else b""
    office = Office(register.db, user="vanthu")
    classes: list[str] = []
    detail = ""
    try:
        call(office)
        classes.append("meaningless accepted")
        detail = "accepted"
    except VanbanError as error:
        if not error.message:
            classes.append("no message")
        detail = error.message
    except Exception as error:
        classes.append("tracebacks")
        detail = f"{type(error).__name__}: {error}"
    finally:
        office.close()
    after = register.dump()
    file_after = register.file.read_bytes() if register.file else b""
    if before != after or file_before != file_after:
        classes.append("side effects")
    if stored_unsafe(before, after):
        classes.append("control chars stored")
    return Result(name, classes, detail, changed=before != after)


def sqlite_registers(template: Path, work: Path) -> Iterator[tuple[Register, Path]]:
    """A fresh copy of the template register and a folder of probe files, again and again."""
    files = work / "files"
    files.mkdir()
    prepare_files(files)
    count = 0
    while True:
        count += 1
        target = work / f"so-{count}.sqlite"
        shutil.copy(template, target)
        yield Register(str(target), lambda t=target: sqlite_dump(t), target), files
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)


def template_register(folder: Path) -> Path:
    path = folder / "mau.sqlite"
    build_register(str(path))
    # The last connection to close folds the WAL into the file: the copy holds everything.
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{path}{suffix}").exists()
    return path


def budget() -> int | None:
    """$VANBAN_PROBES limits how many command-line probes run (all by default)."""
    value = os.environ.get("VANBAN_PROBES")
    return int(value) if value else None
