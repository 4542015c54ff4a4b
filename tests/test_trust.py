"""A register no one can quietly rewrite: recorded documents frozen by the database itself, every
event hash-chained, ``verify`` finding a change made by raw SQL on every engine, and backups."""

from __future__ import annotations

import io
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from databases import dump, run_cli
from vanban import Office
from vanban.domain.model import Direction
from vanban.errors import FrozenError, IntegrityBreakError

SEP_29 = date(2025, 9, 29)


def raw(office: Office, *statements: str, **params: Any) -> None:
    with office.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement), params)


def lift_guards(office: Office) -> None:
    """What an attacker with rights on the database does first: the triggers out of the way."""
    dialect = office.engine.dialect.name
    if dialect == "postgresql":
        raw(office, "ALTER TABLE documents DISABLE TRIGGER USER", "ALTER TABLE events DISABLE TRIGGER USER")
    else:
        for name in (
            "documents_frozen_update",
            "documents_frozen_delete",
            "events_no_update",
            "events_no_delete",
        ):
            raw(office, f"DROP TRIGGER IF EXISTS {name}")


def restore_guards(office: Office) -> None:
    """The triggers back, as migration 0005 left them (server databases are shared between tests)."""
    import importlib

    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    migration = importlib.import_module("vanban.store.migrations.versions.0005_frozen_records_and_hash_chain")
    dialect = office.engine.dialect.name
    with office.engine.begin() as conn:
        if dialect == "postgresql":
            conn.execute(text("ALTER TABLE documents ENABLE TRIGGER USER"))
            conn.execute(text("ALTER TABLE events ENABLE TRIGGER USER"))
            return
        with Operations.context(MigrationContext.configure(conn)):
            migration.drop_frozen_triggers(dialect)
            migration.create_frozen_triggers(dialect)
            migration.append_only_triggers(dialect, on=False)
            migration.append_only_triggers(dialect, on=True)


@pytest.fixture
def attacker(issued: Office) -> Any:
    """Lifts the guards; puts them back after the test."""
    lift_guards(issued)
    yield issued
    restore_guards(issued)


@pytest.fixture
def issued(office: Office) -> Office:
    """The office with an issued plan (01/KH-UBND), a received letter and a draft."""
    office.register(
        "KH",
        subject="Tổ chức Ngày Chuyển đổi số",
        on=SEP_29,
        signer="Nguyễn Phúc Công",
        title="Chủ tịch",
        authority="TM",
        recipients=["Các ban ngành"],
    )
    office.receive("12/KH-SKHCN", sender="SKHCN", on=SEP_29, subject="Kế hoạch của Sở", arrived=SEP_29)
    office.draft("BC", subject="Báo cáo tháng 9")
    return office


def test_the_database_refuses_to_change_a_recorded_document(issued: Office) -> None:
    before = dump(issued)
    for column, value in (("subject", "Trích yếu khác"), ("number", 7), ("signer_name", "Người khác")):
        with pytest.raises(Exception, match="vanban_frozen_record"):
            raw(issued, f"UPDATE documents SET {column} = :v WHERE code = '01/KH-UBND'", v=value)
    with pytest.raises(Exception, match="vanban_frozen_record"):
        raw(issued, "UPDATE documents SET subject = 'x' WHERE arrival_number = 1")
    with pytest.raises(Exception, match="vanban_frozen_record"):
        raw(issued, "DELETE FROM documents WHERE code = '01/KH-UBND'")
    assert dump(issued) == before


def test_the_database_lets_the_lifecycle_and_drafts_change(issued: Office) -> None:
    raw(
        issued,
        "UPDATE documents SET status = 'in_progress', deadline = :d WHERE code = '01/KH-UBND'",
        d=SEP_29,
    )
    raw(issued, "UPDATE documents SET subject = 'Báo cáo tháng 10' WHERE type_key = 'BC'")
    assert issued.get("01/KH-UBND").status == "in_progress"
    assert issued.documents(type_key="BC")[0].subject == "Báo cáo tháng 10"


def test_a_refusal_by_the_database_reads_as_vietnamese_through_the_api(issued: Office) -> None:
    before = dump(issued)
    with pytest.raises(FrozenError) as refused:
        issued.edit("01/KH-UBND", subject="Trích yếu khác")
    assert refused.value.exit_code == 1
    assert "không sửa được" in refused.value.message and "Điều 18" in (refused.value.hint or "")
    assert dump(issued) == before


def test_every_event_is_chained_and_an_intact_register_verifies(issued: Office) -> None:
    issued.as_user("chutich").fire("01/KH-UBND", "start")
    report = issued.verify()
    (chain,) = report.offices
    assert chain.office.code == "UBND"
    assert chain.recorded == 2  # the plan and the letter; the draft is not recorded
    assert chain.events == report.events >= 6
    with issued.engine.connect() as conn:
        seqs = conn.execute(text("SELECT seq FROM events ORDER BY seq")).scalars().all()
        head = conn.execute(text("SELECT seq, hash FROM chain_heads")).one()
    assert seqs == list(range(1, len(seqs) + 1))
    assert (head[0], head[1]) == (chain.head_seq, chain.head_hash) and len(head[1]) == 64


def test_the_recording_event_carries_the_record(issued: Office) -> None:
    issue = next(e for e in issued.history("01/KH-UBND") if e.trigger == "issue")
    assert issue.data["record"]["subject"] == "Tổ chức Ngày Chuyển đổi số"
    assert issue.data["record"]["signer_name"] == "Nguyễn Phúc Công"
    assert issue.data["record"]["recipients"] == ["Các ban ngành"]
    register = next(e for e in issued.history("12/KH-SKHCN") if e.trigger == "register")
    assert register.data["record"]["arrival_number"] == 1


def test_verify_finds_a_subject_changed_by_raw_sql(attacker: Office) -> None:
    issued = attacker
    raw(issued, "UPDATE documents SET subject = 'Trích yếu đã sửa' WHERE code = '01/KH-UBND'")
    with pytest.raises(IntegrityBreakError) as broken:
        issued.verify()
    message = broken.value.message
    assert "01/KH-UBND" in message and "trích yếu" in message
    assert "«Tổ chức Ngày Chuyển đổi số» → «Trích yếu đã sửa»" in message
    assert "sự kiện #" in message and "«issue»" in message


def test_verify_finds_a_number_given_by_raw_sql(attacker: Office) -> None:
    issued = attacker
    raw(issued, "UPDATE documents SET number = 5, code = '05/BC-UBND' WHERE type_key = 'BC'")
    with pytest.raises(IntegrityBreakError, match=r"05/BC-UBND.*không có sự kiện nào ghi lại"):
        issued.verify()


def test_verify_finds_an_event_changed_by_raw_sql(attacker: Office) -> None:
    issued = attacker
    issue = next(e for e in issued.history("01/KH-UBND") if e.trigger == "issue")
    raw(issued, "UPDATE events SET actor = 'ke_gian' WHERE id = :id", id=issue.id)
    with pytest.raises(IntegrityBreakError) as broken:
        issued.verify()
    assert "bị đứt ở sự kiện #" in broken.value.message and "«issue» do ke_gian" in broken.value.message
    assert "01/KH-UBND" in broken.value.message


def test_verify_finds_an_event_removed_from_the_middle_or_the_end(attacker: Office) -> None:
    issued = attacker
    raw(issued, "DELETE FROM events WHERE seq = 2")
    with pytest.raises(IntegrityBreakError, match="thiếu sự kiện thứ 2"):
        issued.verify()


def test_verify_finds_the_last_events_removed(issued: Office) -> None:
    issued.add_unit("TP", "Tư pháp")  # a last event that belongs to no document
    lift_guards(issued)
    try:
        raw(issued, "DELETE FROM events WHERE seq = (SELECT m FROM (SELECT MAX(seq) AS m FROM events) AS t)")
        with pytest.raises(IntegrityBreakError, match="các sự kiện cuối đã bị xóa"):
            issued.verify()
    finally:
        restore_guards(issued)


def test_verify_finds_a_status_changed_by_raw_sql(issued: Office) -> None:
    raw(issued, "UPDATE documents SET status = 'recalled' WHERE code = '01/KH-UBND'")
    with pytest.raises(IntegrityBreakError, match="trạng thái đã bị sửa ngoài vanban"):
        issued.verify()


def test_vanban_verify_exits_0_with_counts_and_1_at_a_break(issued: Office, db_url: str) -> None:
    """(The guards are lifted half-way, and put back at the end.)"""
    code, out, err = run_cli(db_url, "verify")
    assert (code, err) == (0, "")
    assert "nguyên vẹn" in out and "2 văn bản" in out
    code, out, _ = run_cli(db_url, "--json", "verify")
    assert code == 0 and '"intact": true' in out and '"recorded": 2' in out
    lift_guards(issued)
    try:
        raw(issued, "UPDATE documents SET signer_name = 'Người khác' WHERE code = '01/KH-UBND'")
        code, out, err = run_cli(db_url, "verify")
    finally:
        restore_guards(issued)
    assert code == 1 and out == ""
    assert err.startswith("Lỗi: Văn bản 01/KH-UBND") and "người ký: «Nguyễn Phúc Công» → «Người khác»" in err
    assert "Gợi ý:" in err and "Traceback" not in err


def test_clerks_writing_at_once_never_fork_the_chain(office: Office) -> None:
    errors: list[BaseException] = []

    def clerk(offset: int) -> None:
        mine = office.as_user("vanthu")
        try:
            for i in range(12):
                if i % 2:
                    mine.register("KH", subject=f"Kế hoạch {offset}-{i}", on=SEP_29, signer="chutich")
                else:
                    mine.receive(
                        f"{offset * 100 + i}/KH-SKHCN",
                        sender="SKHCN",
                        on=SEP_29,
                        subject="Kế hoạch",
                        arrived=SEP_29,
                    )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(1, 4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = office.verify()
    assert report.recorded == 36
    with office.engine.connect() as conn:
        seqs = conn.execute(text("SELECT seq FROM events ORDER BY seq")).scalars().all()
    assert seqs == list(range(1, len(seqs) + 1))


def test_a_register_of_an_older_schema_gets_chained_and_sealed_on_upgrade(
    issued: Office, db_url: str
) -> None:
    from alembic import command
    from alembic.config import Config

    from vanban.store.migrate import HEAD, MIGRATIONS, current_revision, upgrade

    issued.close()
    engine = issued.engine
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    code, _, err = run_cli(db_url, "verify")
    assert code == 2 and "phiên bản 0004" in err and "vanban upgrade" in err
    upgrade(engine)
    assert current_revision(engine) == HEAD
    again = Office(db_url, user="vanthu")
    try:
        report = again.verify()
        assert report.recorded == 2
        seals = [e for e in again.history("01/KH-UBND") if e.trigger == "seal"]
        assert len(seals) == 1 and seals[0].data["record"]["code"] == "01/KH-UBND"
        # And still frozen after the upgrade.
        with pytest.raises(FrozenError):
            again.edit("01/KH-UBND", subject="Khác")
    finally:
        again.close()


def test_the_frozen_fields_of_the_trigger_are_the_record_fields_of_the_domain() -> None:
    import importlib

    from vanban.domain.integrity import FROZEN_FIELDS
    from vanban.store.tables import documents

    migration = importlib.import_module("vanban.store.migrations.versions.0005_frozen_records_and_hash_chain")
    assert migration.FROZEN == FROZEN_FIELDS
    assert set(FROZEN_FIELDS) <= set(documents.c.keys())
    # Free to change after recording: the lifecycle and the handling only.
    assert set(documents.c.keys()) - set(FROZEN_FIELDS) == {
        "id",
        "status",
        "workflow",
        "deadline",
        "created_at",
    }


# ---------------------------------------------------------------- backup


def _sqlite_only(db_url: str) -> None:
    if "://" in db_url:
        pytest.fail("a SQLite test given a server URL")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_backup_copies_a_register_while_a_clerk_keeps_registering(
    issued: Office, db_url: str, tmp_path: Path
) -> None:
    _sqlite_only(db_url)
    stop = threading.Event()
    written: list[int] = []

    def clerk() -> None:
        other = Office(db_url, user="vanthu")
        try:
            while not stop.is_set():
                written.append(
                    other.register(
                        "KH", subject="Kế hoạch giữa lúc sao lưu", on=SEP_29, signer="chutich"
                    ).number
                    or 0
                )
        finally:
            other.close()

    writer = threading.Thread(target=clerk)
    writer.start()
    try:
        while len(written) < 5:
            threading.Event().wait(0.01)
        copies = [tmp_path / f"sao-luu-{i}.sqlite" for i in range(3)]
        for copy in copies:
            issued.backup(copy)
    finally:
        stop.set()
        writer.join()
    assert len(written) > 5
    for copy in copies:
        restored = Office(copy, user="vanthu")
        try:
            report = restored.verify()
            numbers = sorted(
                d.number or 0 for d in restored.documents(type_key="KH", direction=Direction.OUT)
            )
            assert numbers == list(range(1, len(numbers) + 1))
            assert report.recorded == len(numbers) + 1  # and the letter received
        finally:
            restored.close()
    code, out, err = run_cli(str(copies[0]), "verify")
    assert (code, err) == (0, "") and "nguyên vẹn" in out


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_vanban_backup_refuses_a_folder_an_existing_file_or_a_missing_folder(
    issued: Office, db_url: str, tmp_path: Path
) -> None:
    _sqlite_only(db_url)
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "old.sqlite").write_bytes(b"earlier backup")
    before = dump(issued)
    cases = [
        (str(folder), "là một thư mục"),
        (str(folder / "old.sqlite"), "đã có"),
        (str(folder / "missing" / "x.sqlite"), "không có"),
        (str(folder / "old.sqlite" / "x.sqlite"), "không có"),
    ]
    for target, said in cases:
        code, out, err = run_cli(db_url, "backup", target)
        assert code == 2 and out == "", target
        assert said in err and "Gợi ý:" in err and "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == ["old.sqlite"]
    assert (folder / "old.sqlite").read_bytes() == b"earlier backup"
    assert dump(issued) == before


@pytest.mark.server
def test_backup_of_a_server_register_points_to_its_own_dump_tool(
    issued: Office, db_url: str, tmp_path: Path
) -> None:
    code, _, err = run_cli(db_url, "backup", str(tmp_path / "x.sqlite"))
    assert code == 1 and ("pg_dump" in err and "mariadb-dump" in err)
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.server
def test_a_server_dump_restored_into_a_fresh_database_verifies(
    issued: Office, db_url: str, tmp_path: Path
) -> None:
    import subprocess
    import uuid

    from sqlalchemy.engine import make_url

    from vanban.store.engine import make_engine

    url = make_url(db_url)
    # A scanned copy of every byte value: the dump carries attachments whole (MariaDB: --hex-blob).
    scan = b"%PDF-1.7\n" + bytes(range(256)) * 8
    issued.attach("01/KH-UBND", ("ban-ky.pdf", io.BytesIO(scan)))
    fresh = f"vanban_restore_{uuid.uuid4().hex[:10]}"
    admin = make_engine(
        url.set(database="postgres" if url.get_backend_name() == "postgresql" else "mysql"),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {fresh}"))
    try:
        host, port, user = url.host or "127.0.0.1", str(url.port or ""), url.username or ""
        if url.get_backend_name() == "postgresql":
            archive = tmp_path / "vanban.dump"
            # The commands of README, «Sao lưu và kiểm tra».
            subprocess.run(
                [
                    "pg_dump",
                    "-Fc",
                    "-h",
                    host,
                    "-p",
                    port,
                    "-U",
                    user,
                    "-f",
                    str(archive),
                    url.database or "",
                ],
                check=True,
            )
            subprocess.run(
                ["pg_restore", "--no-owner", "-h", host, "-p", port, "-U", user, "-d", fresh, str(archive)],
                check=True,
            )
        else:
            script = tmp_path / "vanban.sql"
            with script.open("wb") as out:
                subprocess.run(
                    [
                        "mariadb-dump",
                        "--single-transaction",
                        "--routines",
                        "--triggers",
                        "--hex-blob",
                        "-h",
                        host,
                        "-P",
                        port,
                        "-u",
                        user,
                        url.database or "",
                    ],
                    check=True,
                    stdout=out,
                )
            with script.open("rb") as source:
                subprocess.run(
                    ["mariadb", "-h", host, "-P", port, "-u", user, fresh], check=True, stdin=source
                )
        restored = Office(url.set(database=fresh).render_as_string(hide_password=False), user="vanthu")
        try:
            assert (restored.verify().recorded, restored.verify().attachments) == (2, 1)
            kept = io.BytesIO()
            restored.attachment("01/KH-UBND", "ban-ky.pdf", kept)
            assert kept.getvalue() == scan
            # The restored register keeps its guards and goes on numbering where it stopped.
            with pytest.raises(FrozenError):
                restored.edit("01/KH-UBND", subject="Khác")
            assert restored.register("KH", subject="Tiếp theo", on=SEP_29, signer="chutich").number == 2
            assert restored.verify().recorded == 3
        finally:
            restored.close()
    finally:
        with admin.connect() as conn:
            force = " WITH (FORCE)" if url.get_backend_name() == "postgresql" else ""
            conn.execute(text(f"DROP DATABASE IF EXISTS {fresh}{force}"))
        admin.dispose()


@pytest.mark.db
def test_on_prefixed_tables_the_guards_and_the_chain_follow_the_prefix(empty_db: str, tmp_path: Path) -> None:
    from sqlalchemy.exc import DBAPIError

    from vanban.office.demo import build_demo
    from vanban.store.engine import connect

    engine, _ = connect(empty_db, create=True, prefix="vb_")
    office, _ = build_demo(engine)  # type: ignore[arg-type]
    try:
        report = office.verify()
        assert report.recorded > 5
        with pytest.raises(DBAPIError, match="vanban_frozen_record"), office.engine.begin() as conn:
            conn.execute(text("UPDATE vb_documents SET subject = 'x' WHERE number IS NOT NULL"))
        if office.engine.dialect.name == "sqlite":
            copy = tmp_path / "sao-luu.sqlite"
            office.backup(copy)
            with Office(copy, user="vanthu", prefix="vb_") as restored:
                assert restored.verify().recorded == report.recorded
    finally:
        office.close()
