"""Word files imported per second by `vanban import`, beside python-docx alone reading them.

The files are made by vanban's own renderer (``vanban.docx.render``) from generated sheets:
kế hoạch, quyết định, công văn, thông báo, hướng dẫn, báo cáo, tờ trình, giấy mời… of six
senders (two Sở, the city, two other communes, the district party committee), with căn cứ
lines (legal documents and earlier ones), a "Thực hiện …" opening naming an earlier document,
reports listing several documents, and bodies of 3 to 24 paragraphs (one to three pages).

Each round, on the same files, in this order:

- baseline: python-docx alone, one process: ``docx.Document(path)`` then the text of every
  paragraph and of every table cell — what "reading a Word file" costs with the usual library;
- import, one core: ``import_files(office, files, jobs=1)`` into an empty register (UBND xã
  An Lư, the files arriving as incoming): parse (read_file + read_metadata + references) and
  register each file in its own transaction with its links and reference-only documents;
- import, two cores: the same with ``jobs=2`` (two worker processes parse, the main process
  registers in order);
- baseline on two cores, for reference: the python-docx reading split over two processes.

Documents per second are medians over the rounds; the ratios are import/baseline (one core).
Goals (issue): one core ≥ 80 % of the baseline; two cores above the baseline.

    .venv/bin/python bench/bench_import.py                      # 2,000 files, SQLite
    .venv/bin/python bench/bench_import.py --n 300 --rounds 2 --json
    .venv/bin/python bench/bench_import.py --engine postgresql --files /tmp/bench-docs
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from time import perf_counter
from typing import Any

from _support import (
    dump_json,
    engines_to_run,
    log,
    machine,
    median,
    scratch_database,
    table,
)

GOAL_ONE_CORE = 0.8
GOAL_TWO_CORES = 1.0
YEAR = 2025
ARRIVED = date(YEAR + 1, 1, 5)
GENERATOR = 3  # bumped when the generated files change, so that --files folders are remade


# ---------------------------------------------------------------------------------- the files


@dataclass(frozen=True, slots=True)
class Sender:
    code: str  # issuer group of its codes
    unit: str  # second group of its công văn codes
    issuing: str
    governing: str | None
    place: str
    short: str  # how the others name it after "của"


SENDERS = (
    Sender(
        "SKHCN",
        "TTTT",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "Hải Phòng",
        "Sở Khoa học và Công nghệ thành phố Hải Phòng",
    ),
    Sender(
        "SNV", "CCHC", "SỞ NỘI VỤ", "UBND THÀNH PHỐ HẢI PHÒNG", "Hải Phòng", "Sở Nội vụ thành phố Hải Phòng"
    ),
    Sender(
        "UBND",
        "VP",
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG",
        None,
        "Hải Phòng",
        "Ủy ban nhân dân thành phố Hải Phòng",
    ),
    Sender(
        "UBND",
        "VHXH",
        "ỦY BAN NHÂN DÂN\nXÃ PHÚ THÁI",
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "Phú Thái",
        "UBND xã Phú Thái",
    ),
    Sender(
        "UBND",
        "VP",
        "ỦY BAN NHÂN DÂN\nXÃ TÂN TIẾN",
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "Tân Tiến",
        "UBND xã Tân Tiến",
    ),
    Sender("HU", "BTG", "HUYỆN ỦY KIM THÀNH", "ĐẢNG BỘ TỈNH HẢI DƯƠNG", "Kim Thành", "Huyện ủy Kim Thành"),
)
# (type, weight): công văn and kế hoạch dominate a commune's mail, as in shared/samples.
TYPES = (("CV", 8), ("KH", 4), ("QĐ", 3), ("TB", 2), ("HD", 1), ("BC", 3), ("TTr", 1), ("GM", 1), ("CTr", 1))
LEGAL = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư",
    "Căn cứ Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022 của Thủ tướng Chính phủ phê duyệt Đề án phát "
    "triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển "
    "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
)
TOPICS = (
    "triển khai phong trào “Bình dân học vụ số” trên địa bàn",
    "tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia 10 – 10",
    "kiện toàn Tổ công nghệ số cộng đồng tại các thôn",
    "hướng dẫn sử dụng dịch vụ công trực tuyến cho người dân",
    "phổ cập bộ nhận diện Ngày Chuyển đổi số quốc gia năm 2025",
    "rà soát, chuẩn hóa dữ liệu dân cư phục vụ Đề án 06",
    "tuyên truyền kỹ năng an toàn thông tin mạng",
    "tổ chức lớp học trải nghiệm kỹ năng số tại nhà văn hóa",
)
FILLER = (
    "Tổ chức truyền thông, treo băng rôn khẩu hiệu tuyên truyền sâu rộng thông qua hệ thống loa truyền "
    "thanh, bảng tin, Cổng thông tin điện tử và nhóm Zalo cộng đồng của các thôn.",
    "Phối hợp với Mặt trận Tổ quốc hướng dẫn cán bộ, giáo viên, học sinh và người dân tham gia các khóa học "
    "trên nền tảng học tập số, các khóa học mở MOOC về kỹ năng số cơ bản.",
    "Đoàn thanh niên hỗ trợ cài đặt, đăng ký tài khoản học trực tuyến, giúp người dân tra cứu hồ sơ hành "
    "chính, sử dụng ví điện tử và thực hiện dịch vụ công trực tuyến.",
    "Các trường học trên địa bàn tổ chức hoạt động trải nghiệm, hướng dẫn sử dụng nền tảng số, dịch vụ số "
    "cho 100% cán bộ, giáo viên và học sinh.",
    "Duy trì hoạt động của Tổ công nghệ số cộng đồng tại 100% thôn; mỗi tổ có từ 5 đến 7 thành viên phụ "
    "trách hỗ trợ kỹ năng số cho người dân, đặc biệt người cao tuổi.",
    "Kinh phí thực hiện từ nguồn ngân sách được giao và nguồn xã hội hóa theo quy định hiện hành.",
)


@dataclass(frozen=True, slots=True)
class Made:
    """One generated document: its code and date, who issued it, the codes its text cites."""

    index: int
    sender: int
    type_key: str
    code: str
    day: date
    subject: str
    cites: tuple[int, ...]  # indexes of earlier documents (several senders share codes: 01/KH-UBND)


def _name(type_key: str) -> str:
    from vanban.domain.types import type_name

    return type_name(type_key)


UPPER = (0, 1, 2, 5)  # the Sở, the city and the party committee direct; the communes carry out


def plan_documents(n: int, seed: int) -> list[Made]:
    """What each file says: deterministic for (n, seed).

    Chains are as shallow as a register's: a directive from above (Sở, city, party committee)
    cites only legal documents; a commune's document carries out one directive from above; a
    commune's báo cáo answers a directive from above and lists two or three of its own earlier
    documents. No document cites a báo cáo.
    """
    rng = random.Random(seed)
    weighted = [t for t, w in TYPES for _ in range(w)]
    numbers: dict[tuple[int, str], int] = {}
    made: list[Made] = []
    start = date(YEAR, 1, 2)
    for i in range(n):
        s = rng.randrange(len(SENDERS))
        type_key = rng.choice(weighted)
        numbers[s, type_key] = numbers.get((s, type_key), 0) + 1
        number = numbers[s, type_key]
        sender = SENDERS[s]
        notation = f"{sender.code}-{sender.unit}" if type_key == "CV" else f"{type_key}-{sender.code}"
        day = start + timedelta(days=i * 360 // max(n, 1))
        topic = rng.choice(TOPICS)
        subject = f"Về việc {topic}" if type_key in ("CV", "QĐ") else topic[:1].upper() + topic[1:]
        cites: tuple[int, ...] = ()
        if s not in UPPER:
            recent = made[-300:]
            above = [m.index for m in recent if m.sender in UPPER and m.type_key != "BC"]
            own = [m.index for m in recent if m.sender == s and m.type_key != "BC"]
            if above:
                cites = (rng.choice(above),)
            if type_key == "BC" and own:
                cites += tuple(rng.sample(own, min(len(own), rng.randint(2, 3))))
        made.append(Made(i, s, type_key, f"{number:02d}/{notation}", day, subject, cites))
    return made


def _sheet(doc: Made, made: list[Made], rng: random.Random) -> Any:
    from vanban.domain.dates import padded
    from vanban.domain.sheet import Sheet

    sender = SENDERS[doc.sender]

    def mention(index: int) -> str:
        other = made[index]
        return (
            f"{_name(other.type_key)} số {other.code} ngày {padded(other.day)} "
            f"của {SENDERS[other.sender].short} "
            f"về {other.subject[:1].lower() + other.subject[1:]}"
        )

    body: list[str] = []
    if doc.type_key == "BC" and doc.cites:
        body.append(f"Thực hiện {mention(doc.cites[0])}, {sender.short} báo cáo kết quả như sau:")
        body.append("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
        body.append("Đã ban hành các văn bản chỉ đạo:")
        body.extend(f"- {mention(index)}." for index in doc.cites[1:])
        body.append("II. KẾT QUẢ TRIỂN KHAI")
    elif doc.cites:
        body.append(f"Thực hiện {mention(doc.cites[0])}, {sender.short} triển khai như sau:")
    for _ in range(rng.randint(3, 24)):
        body.append(rng.choice(FILLER))
    body.append("Đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện./.")
    bases = [] if doc.type_key == "CV" else rng.sample(LEGAL, rng.randint(1, 2))
    cong_van = doc.type_key == "CV"
    return Sheet(
        issuing_body=sender.issuing,
        governing_body=sender.governing,
        type_key=doc.type_key,
        code=doc.code,
        notation=doc.code.split("/", 1)[1],
        place=sender.place,
        date=doc.day,
        subject=doc.subject,
        bases=bases,
        body=body,
        to=["Các cơ quan, đơn vị trên địa bàn"] if cong_van else [],
        recipients=["Như trên"] if cong_van else ["Các cơ quan, đơn vị", "Lãnh đạo"],
        archive=f"VT, {sender.unit}",
        signer_authority="KT.",
        signer_deputy_title="CHỦ TỊCH" if sender.code == "UBND" else "GIÁM ĐỐC",
        signer_title="PHÓ CHỦ TỊCH" if sender.code == "UBND" else "PHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn An",
    )


def _render_batch(args: tuple[list[Made], list[Made], str, int]) -> int:
    from vanban.docx.render import render

    batch, made, folder, seed = args
    for doc in batch:
        rng = random.Random(seed * 1_000_003 + doc.index)
        render(_sheet(doc, made, rng), Path(folder) / f"{doc.index:05d}.docx")
    return len(batch)


def make_files(folder: Path, n: int, seed: int, jobs: int) -> tuple[list[Path], list[Made]]:
    """The n files in ``folder`` (rendered now unless a previous run left exactly these)."""
    made = plan_documents(n, seed)
    marker = folder / f".made-{GENERATOR}-{n}-{seed}"
    files = [folder / f"{m.index:05d}.docx" for m in made]
    if marker.exists() and all(f.exists() for f in files):
        log(f"reusing {n} files in {folder}")
        return files, made
    folder.mkdir(parents=True, exist_ok=True)
    start = perf_counter()
    size = 50
    batches = [(made[i : i + size], made, str(folder), seed) for i in range(0, n, size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        done = 0
        for count in pool.map(_render_batch, batches):
            done += count
    marker.write_text("ok")
    total = sum(f.stat().st_size for f in files)
    log(
        f"rendered {done} files in {perf_counter() - start:.1f} s "
        f"({total / n / 1024:.0f} KiB each) in {folder}"
    )
    return files, made


# ---------------------------------------------------------------------------------- the sides


def _docx_text(path: Path) -> int:
    """What the baseline does with one file: open it with python-docx and read all its text."""
    import docx

    document = docx.Document(str(path))
    size = sum(len(p.text) for p in document.paragraphs)
    for tbl in document.tables:
        for row in tbl.rows:
            for cell in row.cells:
                size += sum(len(p.text) for p in cell.paragraphs)
    return size


def _docx_batch(paths: list[Path]) -> int:
    return sum(_docx_text(p) for p in paths)


def baseline(files: list[Path], jobs: int) -> float:
    """Seconds python-docx takes to open and read every file (in ``jobs`` processes)."""
    import docx  # noqa: F401  (import cost outside the timing)

    start = perf_counter()
    if jobs == 1:
        for path in files:
            _docx_text(path)
    else:
        chunk = max(1, len(files) // (jobs * 16))
        batches = [files[i : i + chunk] for i in range(0, len(files), chunk)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(_docx_batch, batches))
    return perf_counter() - start


@dataclass(slots=True)
class Imported:
    seconds: float
    documents: int
    skipped: int
    links: int
    cited: int
    arrival_in_order: bool


def vanban_import(url: str, files: list[Path], jobs: int) -> Imported:
    """Seconds ``import_files`` takes on an empty register (its creation not timed)."""
    from vanban.office import Office
    from vanban.office.importing import import_files

    office = Office.init(url, org="UBND", name="Ủy ban nhân dân xã An Lư", place="An Lư", login="vanthu")
    try:
        office.me()
        start = perf_counter()
        summary = import_files(office, files, arrived=ARRIVED, jobs=jobs)
        seconds = perf_counter() - start
    finally:
        office.close()
    numbers = [r.document.arrival_number for r in summary.results if r.document is not None]
    return Imported(
        seconds,
        len(summary.imported),
        len(summary.skipped),
        sum(len(r.links) for r in summary.results),
        sum(1 for r in summary.results for link in r.links if link.cited),
        numbers == list(range(1, len(files) + 1)),
    )


# ---------------------------------------------------------------------------------- a run


def run_engine(
    engine_name: str, files: list[Path], made: list[Made], rounds: int, keep: bool
) -> dict[str, Any]:
    n = len(files)
    expected_links = sum(len(m.cites) for m in made)
    times: dict[str, list[float]] = {"baseline": [], "baseline_2": [], "import_1": [], "import_2": []}
    checks: list[Imported] = []
    for r in range(rounds):
        seconds = baseline(files, 1)
        times["baseline"].append(seconds)
        log(f"[{engine_name}] round {r + 1}: python-docx {n / seconds:.0f} docs/s")
        for jobs in (1, 2):
            with scratch_database(engine_name, keep=keep) as scratch:
                done = vanban_import(scratch.url, files, jobs)
            times[f"import_{jobs}"].append(done.seconds)
            checks.append(done)
            log(
                f"[{engine_name}] round {r + 1}: import --jobs {jobs} {n / done.seconds:.0f} docs/s "
                f"({done.documents} imported, {done.skipped} skipped, {done.links} links, {done.cited} cited)"
            )
        seconds = baseline(files, 2)
        times["baseline_2"].append(seconds)
    rates = {side: n / median(values) for side, values in times.items()}
    ok = all(c.documents == n and c.skipped == 0 and c.arrival_in_order for c in checks)
    # Every cited code is linked once per document (the generator never cites a code twice).
    ok = ok and all(c.links >= expected_links for c in checks)
    return {
        "engine": engine_name,
        "files": n,
        "docs_per_second": {k: round(v, 1) for k, v in rates.items()},
        "ms_per_doc": {k: round(1000 / v, 2) for k, v in rates.items()},
        "ratios": {
            "import_1_vs_baseline": round(rates["import_1"] / rates["baseline"], 3),
            "import_2_vs_baseline": round(rates["import_2"] / rates["baseline"], 3),
            "import_2_vs_baseline_2": round(rates["import_2"] / rates["baseline_2"], 3),
        },
        "goals": {
            "one_core_at_least_80_percent": rates["import_1"] / rates["baseline"] >= GOAL_ONE_CORE,
            "two_cores_above_baseline": rates["import_2"] / rates["baseline"] > GOAL_TWO_CORES,
        },
        "rounds": {k: [round(v, 3) for v in values] for k, values in times.items()},
        "links": {
            "expected": expected_links,
            "made": [c.links for c in checks],
            "cited": [c.cited for c in checks],
        },
        "correct": ok,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--engine", default="sqlite", help="sqlite, postgresql, mariadb, a comma list, or all"
    )
    parser.add_argument("--n", type=int, default=2000, help="files to generate and import (default 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the four sides (default 3)")
    parser.add_argument("--seed", type=int, default=30, help="seed of the generated documents")
    parser.add_argument(
        "--files", type=Path, help="folder for the files (kept and reused; default: temporary)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout, nothing else")
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument(
        "--check", action="store_true", help="exit 3 when an import is wrong (skips, order, links)"
    )
    args = parser.parse_args(argv)
    if args.n < 1 or args.rounds < 1:
        parser.error("--n and --rounds must be positive")
    engines, skipped = engines_to_run(args.engine)
    cpus = os.cpu_count() or 1

    temporary = None
    folder = args.files
    if folder is None:
        temporary = tempfile.TemporaryDirectory(prefix="vanban_bench_docs_")
        folder = Path(temporary.name)
    try:
        files, made = make_files(folder, args.n, args.seed, max(1, cpus))
        runs: list[dict[str, Any]] = [
            run_engine(name, files, made, args.rounds, args.keep) for name in engines
        ]
    finally:
        if temporary is not None:
            temporary.cleanup()

    code = 3 if args.check and not all(r["correct"] for r in runs) else 0
    if args.json:
        dump_json(
            {
                "benchmark": "import",
                "date": str(datetime.now().date()),
                "machine": machine(),
                "n": args.n,
                "rounds": args.rounds,
                "seed": args.seed,
                "runs": runs,
                "skipped": skipped,
            }
        )
        return code
    print(
        f"Word files per second, median of {args.rounds} rounds over the same {args.n} files ({cpus} CPUs)."
    )
    rows = []
    for run in runs:
        rate, ms = run["docs_per_second"], run["ms_per_doc"]
        base = rate["baseline"]
        for side, label in (
            ("baseline", "python-docx, 1 process"),
            ("import_1", "vanban import --jobs 1"),
            ("import_2", "vanban import --jobs 2"),
            ("baseline_2", "python-docx, 2 processes"),
        ):
            rows.append([run["engine"], label, rate[side], ms[side], f"{rate[side] / base:.0%}"])
    print(table(["engine", "side", "docs/s", "ms/doc", "vs python-docx 1 process"], rows))
    for run in runs:
        goals = run["goals"]
        print(
            f"{run['engine']}: one core ≥ 80 %: {'yes' if goals['one_core_at_least_80_percent'] else 'no'}; "
            f"two cores above baseline: {'yes' if goals['two_cores_above_baseline'] else 'no'}; "
            f"imports correct: {'yes' if run['correct'] else 'NO'}"
        )
    for name, why in skipped.items():
        print(f"{name}: skipped ({why})")
    return code


if __name__ == "__main__":
    sys.exit(main())
