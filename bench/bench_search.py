"""Search through vanban's full-text index, beside a hand-written scan doing the same filtering.

A register of ``--docs`` documents spread over ``--offices`` offices is loaded with the search
index kept by its triggers (as any write keeps it). Queries are 1, 2 and 3 consecutive words
of a random document's subject, typed without diacritics, searched in that document's office:

- vanban: ``Office.search(query)`` — the full-text index, every word required, the last as a
  prefix, ranked, the best 50 documents read and returned (store.search_query).
- scan (the baseline): ``SELECT … FROM documents WHERE office_id = ? AND folded LIKE '%w1%'
  AND folded LIKE '%w2%' … ORDER BY date DESC LIMIT 50`` over a column ``folded`` holding the
  same texts folded by domain.search.fold, written by the loader beside each document.
- PostgreSQL also: the same LIKE scan with a pg_trgm GIN index on ``folded`` (``--trgm``), the
  other index the issue asks to weigh against tsvector.

Searches alternate (scan, vanban, …) so a noisy neighbour hurts both alike; the figures are
p50 and p95 in milliseconds, and the ratio scan / vanban of the p50 and of the p95.

    .venv/bin/python bench/bench_search.py --engine sqlite --docs 100000
    .venv/bin/python bench/bench_search.py --engine postgresql --docs 1000000 --offices 100 --trgm
    .venv/bin/python bench/bench_search.py --engine mariadb --docs 100000 --json
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from time import perf_counter
from typing import Any

from _support import dump_json, engines_to_run, log, machine, scratch_database, table
from vanban.store.search import word_key

GOAL_P95_MS = 50.0
GOAL_RATIO = 20.0
LIMIT = 50

# Words of a commune's subjects (trích yếu), with their diacritics.
_HEADS = [
    "Kế hoạch",
    "Báo cáo",
    "Về việc",
    "Thông báo",
    "Quyết định",
    "Hướng dẫn",
    "Tờ trình",
    "Công văn",
]
_VERBS = [
    "triển khai",
    "tổ chức",
    "thực hiện",
    "kiểm tra",
    "rà soát",
    "tăng cường",
    "đẩy mạnh",
    "phê duyệt",
    "tổng kết",
    "hưởng ứng",
    "phòng chống",
    "bồi dưỡng",
    "tuyên truyền",
    "giải quyết",
    "đôn đốc",
]
_TOPICS = [
    "phong trào Bình dân học vụ số",
    "chuyển đổi số quốc gia",
    "an toàn thông tin",
    "phòng chống thiên tai",
    "dịch sốt xuất huyết",
    "xây dựng nông thôn mới",
    "cải cách hành chính",
    "bầu cử đại biểu Hội đồng nhân dân",
    "quản lý đất đai",
    "trật tự an toàn giao thông",
    "vệ sinh an toàn thực phẩm",
    "hộ nghèo và hộ cận nghèo",
    "bảo hiểm y tế học sinh",
    "tháng hành động vì trẻ em",
    "tiêm chủng mở rộng",
    "thu ngân sách nhà nước",
    "đề án phát triển du lịch cộng đồng",
    "lễ hội truyền thống",
    "tuyển quân năm",
    "môi trường và rác thải nhựa",
    "kỹ năng số cho người cao tuổi",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "chính sách người có công",
    "phổ cập giáo dục",
    "phòng cháy chữa cháy rừng",
    "dữ liệu dân cư và định danh điện tử",
    "chợ nông sản an toàn",
    "khuyến học khuyến tài",
    "thể dục thể thao quần chúng",
    "văn hóa công sở",
]
_PLACES = ["trên địa bàn xã", "tại thôn Đông", "tại thôn Bắc", "năm 2025", "quý IV", "tháng 10", "đợt 2"]
_SIGNERS = ["Nguyễn Phúc Công", "Trần Thị Hằng", "Lê Văn Tám", "Phạm Đức Anh", "Đỗ Thị Ngọc Ánh"]
# The senders of the incoming mail (--incoming): the agencies a commune hears from most.
_SENDERS = [
    ("SNV", "Sở Nội vụ thành phố Hải Phòng"),
    ("SKHCN", "Sở Khoa học và Công nghệ thành phố Hải Phòng"),
    ("STC", "Sở Tài chính thành phố Hải Phòng"),
    ("SYT", "Sở Y tế thành phố Hải Phòng"),
    ("SGDDT", "Sở Giáo dục và Đào tạo thành phố Hải Phòng"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường thành phố Hải Phòng"),
    ("SXD", "Sở Xây dựng thành phố Hải Phòng"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng"),
    ("CATP", "Công an thành phố Hải Phòng"),
    ("BHXH", "Bảo hiểm xã hội thành phố Hải Phòng"),
    ("UBNDTP", "Ủy ban nhân dân thành phố Hải Phòng"),
    ("KBNN", "Kho bạc Nhà nước khu vực V"),
]


def _subject(rng: random.Random) -> str:
    return " ".join([rng.choice(_HEADS), rng.choice(_VERBS), rng.choice(_TOPICS), rng.choice(_PLACES)])


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _sender_id(offices: int, k: int) -> int:
    """The organization id of ``_SENDERS[k]`` (after the offices' own)."""
    return offices + 1 + k


def _make_register(url: str, engine_name: str, offices: int) -> Any:
    """The register's schema, its offices (one clerk each), the senders of the incoming mail and
    the scan's ``folded`` column."""
    from sqlalchemy import text

    from vanban import Office
    from vanban.store.engine import make_engine

    first = Office.init(url, org="UBND1", name="Ủy ban nhân dân xã 1", place="Xã 1", login="vanthu1")
    first.close()
    engine = make_engine(url)
    with engine.begin() as conn:
        text_type = "TEXT" if engine_name != "mariadb" else "MEDIUMTEXT"
        conn.exec_driver_sql(f"ALTER TABLE documents ADD COLUMN folded {text_type}")
        for o in range(2, offices + 1):
            conn.execute(
                text(
                    "INSERT INTO organizations (id, code, name, place, own, numbering, code_key)"
                    " VALUES (:i, :c, :n, :p, :t, 'per_type', :c)"
                ),
                {"i": o, "c": f"UBND{o}", "n": f"Ủy ban nhân dân xã {o}", "p": f"Xã {o}", "t": True},
            )
            conn.execute(
                text("INSERT INTO users (login, full_name, roles, office_id) VALUES (:l, :n, 'van_thu', :o)"),
                {"l": f"vanthu{o}", "n": f"Văn thư {o}", "o": o},
            )
        for k, (code, name) in enumerate(_SENDERS):
            conn.execute(
                text(
                    "INSERT INTO organizations (id, code, name, own, numbering, code_key)"
                    " VALUES (:i, :c, :n, :t, 'per_type', :c)"
                ),
                {"i": _sender_id(offices, k), "c": code, "n": name, "t": False},
            )
    return engine


_COLUMNS = (
    "office_id",
    "direction",
    "type_key",
    "issuer_id",
    "number",
    "year",
    "notation",
    "code",
    "series_key",
    "date",
    "subject",
    "body",
    "signer_name",
    "status",
    "workflow",
    "reference_only",
    "created_at",
    "recipients",
    "arrival_number",
    "arrival_year",
    "arrival_date",
    "folded",
)


def _documents(docs: int, offices: int, seed: int, incoming: float = 0.0) -> Iterator[dict[str, Any]]:
    """The documents, the same for a seed whatever the engine or the way they are loaded: a share
    ``incoming`` of them received from one of _SENDERS, the others issued plans."""
    from vanban.domain.search import fold

    rng = random.Random(seed)
    numbers = [0] * (offices + 1)
    arrivals = [0] * (offices + 1)
    sent: dict[tuple[int, int], int] = {}
    start = date(2025, 1, 1)
    for _ in range(docs):
        office = rng.randint(1, offices)
        if incoming and rng.random() < incoming:
            yield _received(rng, office, offices, sent, arrivals, start)
            continue
        numbers[office] += 1
        number = numbers[office]
        subject = _subject(rng)
        signer = rng.choice(_SIGNERS)
        code = f"{number}/KH-UBND{office}"
        body = "Nội dung: " + _subject(rng) if rng.random() < 0.1 else None
        yield {
            "office_id": office,
            "direction": "out",
            "type_key": "KH",
            "issuer_id": office,
            "number": number,
            "year": 2025,
            "notation": f"KH-UBND{office}",
            "code": code,
            "series_key": "KH",
            "date": start + timedelta(days=number % 365),
            "subject": subject,
            "body": body,
            "signer_name": signer,
            "status": "issued",
            "workflow": "directive",
            "reference_only": False,
            "created_at": datetime(2025, 1, 1),
            "recipients": "[]",
            "arrival_number": None,
            "arrival_year": None,
            "arrival_date": None,
            "folded": fold(" ".join([code, subject, f"UBND{office}", signer, body or ""])),
        }


def _received(
    rng: random.Random,
    office: int,
    offices: int,
    sent: dict[tuple[int, int], int],
    arrivals: list[int],
    start: date,
) -> dict[str, Any]:
    """An official letter from one of _SENDERS to ``office``, entered with its số đến."""
    from vanban.domain.search import fold

    k = rng.randrange(len(_SENDERS))
    sender = _SENDERS[k][0]
    number = sent[office, k] = sent.get((office, k), 0) + 1
    arrivals[office] += 1
    subject = _subject(rng)
    signer = rng.choice(_SIGNERS)
    code = f"{number}/{sender}-VP"
    body = "Nội dung: " + _subject(rng) if rng.random() < 0.1 else None
    day = start + timedelta(days=arrivals[office] % 365)
    return {
        "office_id": office,
        "direction": "in",
        "type_key": "CV",
        "issuer_id": _sender_id(offices, k),
        "number": number,
        "year": 2025,
        "notation": f"{sender}-VP",
        "code": code,
        "series_key": None,
        "date": day,
        "subject": subject,
        "body": body,
        "signer_name": signer,
        "status": "received",
        "workflow": "incoming",
        "reference_only": False,
        "created_at": datetime(2025, 1, 1),
        "recipients": "[]",
        "arrival_number": arrivals[office],
        "arrival_year": 2025,
        "arrival_date": day,
        "folded": fold(" ".join([code, subject, sender, signer, body or ""])),
    }


def _load_through_triggers(
    engine: Any, engine_name: str, docs: int, offices: int, seed: int, incoming: float
) -> None:
    """INSERT in batches of 2,000 rows a transaction, the index kept by its triggers."""
    from sqlalchemy import text

    placeholders = ", ".join(f":{c}" for c in _COLUMNS)
    insert = text(f"INSERT INTO documents ({', '.join(_COLUMNS)}) VALUES ({placeholders})")
    began = perf_counter()
    loaded = 0
    rows: list[dict[str, Any]] = []
    for row in _documents(docs, offices, seed, incoming):
        rows.append(row)
        if len(rows) == 2000 or loaded + len(rows) == docs:
            with engine.begin() as conn:
                conn.execute(insert, rows)
            loaded += len(rows)
            rows = []
            if loaded % 50_000 < 2000:
                log(f"[{engine_name}] loaded {loaded:,} documents ({perf_counter() - began:.0f} s)")


def _tsvector(parts: list[tuple[str, str]], office: int) -> str:
    """The index row's words as PostgreSQL's tsvector input, as the trigger writes them:
    ``setweight(to_tsvector('simple', keyed(office, part)), weight)`` concatenated (each part's
    positions after the last of the one before), every word keyed by the office."""
    from vanban.domain.search import words

    entries: list[str] = []
    position = 0
    for value, weight in parts:
        for word in words(value):
            position += 1
            entries.append(f"{word_key(office, word)}:{position}{weight}")
    return " ".join(entries)


def _load_copy_postgresql(engine: Any, docs: int, offices: int, seed: int, incoming: float) -> None:
    """COPY the documents and their index rows (the words folded here, in Python), the
    triggers and the GIN index set aside meanwhile, then the GIN index made again as it was.

    The rows are what the triggers write: _check_index_rows compares a sample with the
    trigger's own refresh."""
    from vanban.domain.search import code_key

    began = perf_counter()
    with engine.connect() as conn:
        definition = conn.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_search_index_words'"
        ).scalar_one()
        conn.exec_driver_sql("DROP INDEX ix_search_index_words")
        conn.commit()
        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cur:
            cur.execute("SET session_replication_role = replica")  # no trigger, no FK check
            document_copy = f"COPY documents (id, {', '.join(_COLUMNS)}) FROM STDIN"
            with cur.copy(document_copy) as copy:
                for doc_id, row in enumerate(_documents(docs, offices, seed, incoming), start=1):
                    copy.write_row([doc_id, *(row[c] for c in _COLUMNS)])
                    if doc_id % 200_000 == 0:
                        log(f"[postgresql] copied {doc_id:,} documents ({perf_counter() - began:.0f} s)")
            index_copy = "COPY search_index (document_id, office_id, key, day, direction, words) FROM STDIN"
            with cur.copy(index_copy) as copy:  # the same documents drawn again (same seed)
                for doc_id, row in enumerate(_documents(docs, offices, seed, incoming), start=1):
                    office = row["office_id"]
                    issuer = row["issuer_id"]
                    if issuer > offices:  # a sender of incoming mail
                        issuer_code, issuer_name = _SENDERS[issuer - offices - 1]
                    else:
                        issuer_code, issuer_name = f"UBND{office}", f"Ủy ban nhân dân xã {office}"
                    people = f"{issuer_code} {issuer_name} {row['signer_name']}"
                    parts = [
                        (row["code"], "A"),
                        (row["subject"], "B"),
                        (people, "C"),
                        (row["body"] or "", "D"),
                    ]
                    copy.write_row(
                        [
                            doc_id,
                            office,
                            code_key(row["code"]),
                            row["date"],
                            row["direction"],
                            _tsvector(parts, office),
                        ]
                    )
            log(f"[postgresql] copied {docs:,} index rows ({perf_counter() - began:.0f} s)")
            cur.execute("SET session_replication_role = DEFAULT")
            cur.execute("SELECT setval(pg_get_serial_sequence('documents', 'id'), %s)", (docs,))
            cur.execute("SET maintenance_work_mem = '256MB'")
            cur.execute(definition)
            raw.commit()
    log(f"[postgresql] GIN index made again ({perf_counter() - began:.0f} s)")


def _check_index_rows(engine: Any, sample: int = 200) -> None:
    """The bulk-written index rows are those the trigger writes: a sample, refreshed by the
    trigger's own routine, must not change."""
    with engine.begin() as conn:
        ids = [
            r[0]
            for r in conn.exec_driver_sql(
                f"SELECT document_id FROM search_index ORDER BY random() LIMIT {sample}"
            )
        ]
        select_rows = (
            "SELECT document_id, office_id, key, day, direction, words::text FROM search_index"
            " WHERE document_id = ANY(%(ids)s) ORDER BY 1"
        )
        before = conn.exec_driver_sql(select_rows, {"ids": ids}).all()
        for i in ids:
            conn.exec_driver_sql("SELECT search_index_refresh(%(i)s)", {"i": i})
        after = conn.exec_driver_sql(select_rows, {"ids": ids}).all()
    if before != after:
        differ = next((b, a) for b, a in zip(before, after, strict=True) if b != a)
        raise SystemExit(f"bulk-written index rows differ from the trigger's: {differ}")
    log(f"[postgresql] {len(ids)} bulk-written index rows equal the trigger's")


def _load(url: str, engine_name: str, docs: int, offices: int, seed: int, incoming: float = 0.0) -> Any:
    """Make the register and load the documents: COPY on PostgreSQL, the triggers elsewhere."""
    began = perf_counter()
    engine = _make_register(url, engine_name, offices)
    if engine_name == "postgresql":
        _load_copy_postgresql(engine, docs, offices, seed, incoming)
        _check_index_rows(engine)
    else:
        _load_through_triggers(engine, engine_name, docs, offices, seed, incoming)
    # What autovacuum would have done after such a load: statistics, and the visibility map
    # that lets the office's newest documents be read from their index alone.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine_name == "postgresql":
            conn.exec_driver_sql("VACUUM ANALYZE")
        elif engine_name == "sqlite":
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE TABLE documents, search_index")
    log(f"[{engine_name}] {docs:,} documents in {perf_counter() - began:.0f} s")
    return engine


def _queries(
    engine: Any, offices: int, count: int, seed: int, direction: str | None = None
) -> list[tuple[int, int, str]]:
    """(office, words, query): ``count`` queries of 1, 2 and 3 words of a subject, folded; of a
    document of the register searched when ``direction`` is given."""
    from sqlalchemy import text

    from vanban.domain.search import words

    rng = random.Random(seed + 1)
    out: list[tuple[int, int, str]] = []
    with engine.connect() as conn:
        top = conn.execute(text("SELECT max(id) FROM documents")).scalar_one()
        while len(out) < 3 * count:
            row = conn.execute(
                text("SELECT office_id, subject, direction FROM documents WHERE id = :i"),
                {"i": rng.randint(1, top)},
            ).first()
            if row is None or (direction and row.direction != direction):
                continue
            subject_words = words(row.subject)
            n = len(out) % 3 + 1
            at = rng.randint(0, len(subject_words) - n)
            out.append((int(row.office_id), n, " ".join(subject_words[at : at + n])))
    return out


def _scan(conn: Any, office: int, query: str, direction: str | None = None) -> list[int]:
    from sqlalchemy import text

    terms = query.split()
    likes = " AND ".join(f"folded LIKE :w{i}" for i in range(len(terms)))
    within = " AND direction = :d" if direction else ""
    sql = (
        f"SELECT id, code, subject, date, status FROM documents WHERE office_id = :o{within} AND {likes}"
        f" ORDER BY date DESC LIMIT {LIMIT}"
    )
    params: dict[str, Any] = {f"w{i}": f"%{t}%" for i, t in enumerate(terms)}
    return [r[0] for r in conn.execute(text(sql), {**params, "o": office, "d": direction})]


def run_engine(
    engine_name: str,
    docs: int,
    offices: int,
    count: int,
    seed: int,
    trgm: bool,
    keep: bool,
    reuse: str | None,
    direction: str | None = None,
    incoming: float = 0.0,
) -> dict[str, Any]:
    from vanban import Office
    from vanban.store.engine import make_engine

    with scratch_database(engine_name, keep=keep, reuse=reuse) as scratch:
        if reuse:
            engine = make_engine(scratch.url)
            with engine.connect() as conn:
                docs = conn.exec_driver_sql("SELECT count(*) FROM documents").scalar_one()
                offices = conn.exec_driver_sql("SELECT max(office_id) FROM documents").scalar_one()
                received = conn.exec_driver_sql(
                    "SELECT count(*) FROM documents WHERE direction = 'in'"
                ).scalar_one()
                incoming = received / docs
            log(
                f"[{engine_name}] reusing {scratch.name}: {docs:,} documents over {offices} offices,"
                f" {incoming:.0%} incoming"
            )
        else:
            engine = _load(scratch.url, engine_name, docs, offices, seed, incoming)
        queries = _queries(engine, offices, count, seed, direction)
        clerks = {o: Office(engine, user=f"vanthu{o}") for o in range(1, offices + 1)}
        within = {"direction": direction} if direction else {}
        for office, _n, query in queries[:30]:  # warm caches and the prepared statements
            clerks[office].search(query, **within)
        timings: dict[str, dict[int, list[float]]] = {"vanban": {}, "scan": {}, "trgm": {}}
        found_all = True
        with engine.connect() as conn:
            for office, n, query in queries:
                start = perf_counter()
                scanned = _scan(conn, office, query, direction)
                timings["scan"].setdefault(n, []).append(perf_counter() - start)
                start = perf_counter()
                hits = clerks[office].search(query, **within)
                timings["vanban"].setdefault(n, []).append(perf_counter() - start)
                found_all = found_all and bool(hits) and bool(scanned)
            if trgm and engine_name == "postgresql":
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                began = perf_counter()
                conn.exec_driver_sql("SET maintenance_work_mem = '256MB'")
                conn.exec_driver_sql(
                    "CREATE INDEX ix_bench_trgm ON documents USING gin (folded gin_trgm_ops)"
                )
                conn.exec_driver_sql("ANALYZE documents")
                conn.commit()
                log(f"[{engine_name}] pg_trgm index built in {perf_counter() - began:.0f} s")
                for office, n, query in queries:
                    start = perf_counter()
                    _scan(conn, office, query, direction)
                    timings["trgm"].setdefault(n, []).append(perf_counter() - start)
                # Dropped again, or a reused database's plain scan would be this one.
                conn.exec_driver_sql("DROP INDEX ix_bench_trgm")
                conn.commit()
        engine.dispose()
    results = []
    for n in (1, 2, 3):
        row: dict[str, Any] = {"words": n, "queries": len(timings["vanban"][n])}
        for side in ("vanban", "scan", "trgm"):
            values = timings[side].get(n)
            if values:
                row[f"{side}_p50_ms"] = 1000 * statistics.median(values)
                row[f"{side}_p95_ms"] = 1000 * _percentile(values, 95)
        row["ratio_p50"] = row["scan_p50_ms"] / row["vanban_p50_ms"]
        row["ratio_p95"] = row["scan_p95_ms"] / row["vanban_p95_ms"]
        row["goal_met"] = row["vanban_p95_ms"] < GOAL_P95_MS and row["ratio_p95"] >= GOAL_RATIO
        results.append(row)
    return {
        "engine": engine_name,
        "docs": docs,
        "offices": offices,
        "direction": direction,
        "incoming": round(incoming, 3),
        "found_all": found_all,
        "results": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--engine", default="sqlite", help="sqlite, postgresql, mariadb, a list, or all")
    parser.add_argument("--docs", type=int, default=100_000, help="documents in the register (100,000)")
    parser.add_argument("--offices", type=int, default=10, help="offices they are spread over (10)")
    parser.add_argument("--queries", type=int, default=200, help="queries of each length (200)")
    parser.add_argument("--seed", type=int, default=20251129)
    parser.add_argument("--trgm", action="store_true", help="PostgreSQL: also the scan under a pg_trgm index")
    parser.add_argument(
        "--keep", action="store_true", help="keep the loaded database (its name goes to stderr) for --reuse"
    )
    parser.add_argument(
        "--reuse",
        metavar="NAME",
        help="search a database kept by --keep (a server's database name, a SQLite path) instead of loading",
    )
    parser.add_argument(
        "--direction",
        choices=("out", "in"),
        help="search within one register, as the web desk does (the scan filters the same way);"
        " without --incoming every document is outgoing, so 'out' measures the filtered path, not a"
        " selective filter",
    )
    parser.add_argument(
        "--incoming",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="the share of the documents that are incoming mail from the city's agencies (0 to 1;"
        " default 0, every document an issued plan)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout, nothing else")
    args = parser.parse_args()
    if not 0.0 <= args.incoming < 1.0:
        parser.error("--incoming is a share from 0 up to, not including, 1")
    engines, skipped = engines_to_run(args.engine)
    runs = [
        run_engine(
            e,
            args.docs,
            args.offices,
            args.queries,
            args.seed,
            args.trgm,
            args.keep,
            args.reuse,
            args.direction,
            args.incoming,
        )
        for e in engines
    ]
    if args.json:
        dump_json({"machine": machine(), "runs": runs, "skipped": skipped})
        return
    rows = []
    for run in runs:
        for r in run["results"]:
            rows.append(
                [
                    run["engine"],
                    f"{run['docs']:,}/{run['offices']}",
                    r["words"],
                    r["vanban_p50_ms"],
                    r["vanban_p95_ms"],
                    r["scan_p50_ms"],
                    r["scan_p95_ms"],
                    r.get("trgm_p50_ms", float("nan")),
                    r.get("trgm_p95_ms", float("nan")),
                    f"{r['ratio_p50']:.0f}×",
                    f"{r['ratio_p95']:.0f}×",
                    "yes" if r["goal_met"] else "no",
                ]
            )
    print(
        table(
            [
                "engine",
                "docs/offices",
                "words",
                "p50 ms",
                "p95 ms",
                "scan p50",
                "scan p95",
                "trgm p50",
                "trgm p95",
                "×p50",
                "×p95",
                "goal",
            ],
            rows,
        )
    )
    if not all(run["found_all"] for run in runs):
        print("some query found nothing: the comparison is void", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
