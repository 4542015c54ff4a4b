"""Wrong inputs, as a careless or hostile user types them, for every command and the API.

Each command-line probe is the arguments after ``--db <register>`` ("{dir}" is the probe's
folder of prepared files, "{db}" the register) and what vanban must do: refuse (exit 1 or 2
with a Vietnamese message, nothing changed) or accept (exit 0, nothing unsafe stored).
``server`` marks the database-facing probes run on PostgreSQL and MariaDB too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

REFUSE = "refuse"
ACCEPT = "accept"


@dataclass(frozen=True)
class Probe:
    name: str
    args: tuple[str, ...]
    expect: str = REFUSE
    lookalike: bool = False  # a code that prints like another: accepting it is a look-alike
    server: bool = False
    stdin: bytes | None = None
    db: str | None = "{db}"  # the --db value (None: no --db at all)


def _bad_utf8(raw: bytes) -> str:
    """An argument as Python holds bytes that were not UTF-8 (surrogateescape)."""
    return raw.decode("utf-8", "surrogateescape")


# Text no field may hold: terminal controls, bidi marks, nothing visible, too much, not UTF-8.
HOSTILE_TEXT = {
    "ESC clear": "Họp \x1b[2J",
    "OSC title": "\x1b]0;owned\x07Họp",
    "C1 CSI": "Họp \x9b31m",
    "NUL": "Họp\x00 ban",
    "BEL": "Họp\x07",
    "DEL": "Họp\x7f",
    "RLO": "Họp \u202eđảo",
    "isolate": "Họp \u2066x\u2069",
    "zero-width only": "\u200b\u2060\ufeff",
    "empty": "",
    "blank": "   ",
    "not UTF-8": _bad_utf8(b"\xff\xfe"),
}
LONG_TEXT = "a" * 100_000

# (command prefix, option or None for a positional value, value of the other required args)
TEXT_FIELDS: list[tuple[str, tuple[str, ...], Callable[[str], tuple[str, ...]]]] = [
    ("draft subject", (), lambda v: ("draft", "KH", "--subject", v)),
    ("draft recipient", (), lambda v: ("draft", "KH", "--subject", "Kế hoạch", "--to", v)),
    (
        "receive subject",
        (),
        lambda v: ("receive", "13/KH-SKHCN", "--from", "SKHCN", "--date", "20/9/2025", "--subject", v),
    ),
    (
        "receive sender",
        (),
        lambda v: ("receive", "13/KH-SKHCN", "--from", v, "--date", "20/9/2025", "--subject", "x"),
    ),
    ("org name", (), lambda v: ("org", "add", "SXD", v)),
    ("org code", (), lambda v: ("org", "add", v, "Sở Xây dựng")),
    ("org parent", (), lambda v: ("org", "add", "SXD", "Sở Xây dựng", "--parent", v)),
    ("org place", (), lambda v: ("org", "add", "SXD", "Sở Xây dựng", "--place", v)),
    ("org id", (), lambda v: ("org", "add", "SXD", "Sở Xây dựng", "--id", v)),
    ("unit code", (), lambda v: ("unit", "add", v, "Tư pháp")),
    ("unit name", (), lambda v: ("unit", "add", "TP", v)),
    ("user login", (), lambda v: ("user", "add", v, "--name", "Lê Văn A", "--role", "van_thu")),
    ("user name", (), lambda v: ("user", "add", "levana", "--name", v, "--role", "van_thu")),
    ("user role", (), lambda v: ("user", "add", "levana", "--name", "Lê Văn A", "--role", v)),
    ("issue signer", (), lambda v: ("issue", "#3", "--date", "30/9/2025", "--signer", v)),
    (
        "issue title",
        (),
        lambda v: ("issue", "#3", "--date", "30/9/2025", "--signer", "chutich", "--title", v),
    ),
    (
        "issue authority",
        (),
        lambda v: ("issue", "#3", "--date", "30/9/2025", "--signer", "chutich", "--authority", v),
    ),
    ("do note", (), lambda v: ("do", "#3", "submit", "--note", v)),
    ("do trigger", (), lambda v: ("do", "#3", v)),
    ("assign lead", (), lambda v: ("assign", "#2", "--lead", v)),
    ("assign support", (), lambda v: ("assign", "#2", "--lead", "VHXH", "--support", v)),
    ("assign note", (), lambda v: ("assign", "#2", "--lead", "VHXH", "--note", v)),
    ("outcome text", (), lambda v: ("outcome", "add", "#1", "--text", v)),
    (
        "outcome unit",
        (),
        lambda v: ("outcome", "add", "#1", "--text", "Tổ chức", "--quantity", "5", "--unit", v),
    ),
    ("init name", (), lambda v: ("init", "--org", "UBND", "--name", v, "--place", "Phú Thái")),
    ("init place", (), lambda v: ("init", "--org", "UBND", "--name", "Ủy ban", "--place", v)),
    (
        "init login",
        (),
        lambda v: ("init", "--org", "UBND", "--name", "Ủy ban", "--place", "Phú Thái", "--login", v),
    ),
    (
        "init full name",
        (),
        lambda v: ("init", "--org", "UBND", "--name", "Ủy ban", "--place", "P", "--full-name", v),
    ),
    ("show ref", (), lambda v: ("show", v)),
    ("link target", (), lambda v: ("link", "#1", v, "--kind", "based_on")),
    ("link kind", (), lambda v: ("link", "#1", "30/2020/NĐ-CP", "--kind", v)),
    ("list type", (), lambda v: ("list", "--type", v)),
    ("list status", (), lambda v: ("list", "--status", v)),
    ("status unit", (), lambda v: ("status", "--unit", v)),
    ("series policy", (), lambda v: ("series", "policy", v)),
    ("workflow show", (), lambda v: ("workflow", "show", v)),
]
# Database-facing text probes also run on the servers.
SERVER_TEXT = {"draft subject", "receive subject", "org name", "user login", "outcome text", "assign note"}

# Text a field may hold although it looks odd: accepted, stored clean.
ODD_BUT_FINE = {
    "rich markup": "Kế hoạch [/bold][red]mới",
    "invisible inside": "Kế\u200b hoạch\u2060 mới",
    "decomposed": "Ke\u0302\u0301 hoa\u0323ch",
    "non-breaking spaces": "Kế\u00a0hoạch\u202fmới",
}

BIG = "99999999999999999999"
NUMBER_PROBES = [
    Probe("show id beyond 64 bits", ("show", BIG), server=True),
    Probe("show id zero", ("show", "#0")),
    Probe("show id negative", ("show", "#-1")),
    Probe("history id beyond 64 bits", ("history", BIG)),
    Probe("trace id beyond 64 bits", ("trace", BIG)),
    Probe("actions id beyond 64 bits", ("actions", BIG)),
    Probe("outcome list id beyond 64 bits", ("outcome", "list", BIG)),
    Probe("do id beyond 64 bits", ("do", BIG, "submit")),
    *(
        Probe(f"list --limit {v}", ("list", "--limit", v), server=v == BIG)
        for v in (BIG, "0", "-1", "abc", "1e3")
    ),
    *(
        Probe(f"list --year {v}", ("list", "--year", v), server=v == BIG)
        for v in (BIG, "0", "1900", "2200", "x")
    ),
    *(Probe(f"show --year {v}", ("show", "#1", "--year", v)) for v in (BIG, "0")),
    *(Probe(f"status --year {v}", ("status", "--year", v)) for v in (BIG, "-5")),
    *(Probe(f"series list --year {v}", ("series", "list", "--year", v)) for v in (BIG, "10000")),
    *(
        Probe(
            f"series set --next {v}", ("series", "set", "KH", "--year", "2025", "--next", v), server=v == BIG
        )
        for v in (BIG, "1000000000000", "1000000", "0", "-5", "abc", "1.5")
    ),
    *(
        Probe(f"series set --year {v}", ("series", "set", "KH", "--year", v, "--next", "90"))
        for v in ("2200", "1", BIG, "0")
    ),
    *(
        Probe(
            f"outcome --quantity {v}",
            ("outcome", "add", "#1", "--text", "Tổ chức", "--quantity", v),
            server=v in ("NaN", BIG),
        )
        for v in (
            "inf",
            "-inf",
            "1e400",
            "sNaN",
            "NaN",
            "-5",
            "abc",
            "1.2.3",
            "0.001",
            BIG,
            "１e5",
            "Infinity",
        )
    ),
    Probe("book --year beyond 64 bits", ("book", "out", "--year", BIG, "--out", "{dir}/so.docx")),
    Probe("book --year 0", ("book", "out", "--year", "0", "--out", "{dir}/so.docx")),
    Probe("import --jobs beyond 64 bits", ("import", "{dir}/notdocx.docx", "--jobs", BIG)),
    Probe("import --jobs 0", ("import", "{dir}/notdocx.docx", "--jobs", "0")),
    Probe("render --year beyond 64 bits", ("render", "#1", "--out", "{dir}/r.docx", "--year", BIG)),
    Probe(
        "report-draft --year beyond",
        ("report-draft", "--responds-to", "#2", "--out", "{dir}/b.docx", "--year", BIG),
    ),
]

BAD_DATES = [
    "1/1/0000",
    "1/1/0001",
    "31/12/1900",
    "1/1/2200",
    "9/9/9999",
    "32/1/2025",
    "29/2/2025",
    "tomorrow",
    "",
]
DATE_PROBES = [
    *(Probe(f"issue --date {d!r}", ("issue", "#3", "--date", d), server=d == "1/1/2200") for d in BAD_DATES),
    *(
        Probe(
            f"receive --date {d!r}",
            ("receive", "13/KH-SKHCN", "--from", "SKHCN", "--date", d, "--subject", "x"),
        )
        for d in BAD_DATES
    ),
    *(
        Probe(f"draft --deadline {d!r}", ("draft", "KH", "--subject", "x", "--deadline", d))
        for d in BAD_DATES[:5]
    ),
    *(
        Probe(f"assign --deadline {d!r}", ("assign", "#2", "--lead", "VHXH", "--deadline", d))
        for d in BAD_DATES[:5]
    ),
    *(
        Probe(f"outcome --date {d!r}", ("outcome", "add", "#1", "--text", "x", "--date", d))
        for d in BAD_DATES[:5]
    ),
    *(Probe(f"status --as-of {d!r}", ("status", "--as-of", d)) for d in BAD_DATES[:5]),
    *(
        Probe(f"book --from {d!r}", ("book", "out", "--year", "2025", "--from", d, "--out", "{dir}/s.xlsx"))
        for d in BAD_DATES[:3]
    ),
    *(
        Probe(f"import --arrived {d!r}", ("import", "{dir}/notdocx.docx", "--arrived", d))
        for d in BAD_DATES[:3]
    ),
    Probe(
        "receive deadline before its date",
        (
            "receive",
            "13/KH-SKHCN",
            "--from",
            "SKHCN",
            "--date",
            "20/9/2025",
            "--subject",
            "x",
            "--deadline",
            "1/9/2025",
        ),
        server=True,
    ),
    Probe(
        "receive arrival before its date",
        (
            "receive",
            "13/KH-SKHCN",
            "--from",
            "SKHCN",
            "--date",
            "20/9/2025",
            "--subject",
            "x",
            "--arrived",
            "1/9/2025",
        ),
        server=True,
    ),
    Probe(
        "assign deadline before the document's date",
        ("assign", "#2", "--lead", "VHXH", "--deadline", "1/9/2025"),
    ),
    Probe(
        "receive a decree of 2099",
        ("receive", "01/2099/NĐ-CP", "--from", "SKHCN", "--date", "20/9/2025", "--subject", "Nghị định"),
        server=True,
    ),
    Probe("cite a decree of 2099", ("link", "#1", "01/2099/NĐ-CP", "--kind", "based_on"), server=True),
]


def _receive(code: str) -> tuple[str, ...]:
    return ("receive", code, "--from", "SKHCN", "--date", "20/9/2025", "--subject", "Kế hoạch")


CODE_PROBES = [
    Probe("receive Cyrillic К", _receive("12/КH-SKHCN"), lookalike=True, server=True),
    Probe("receive Greek Η", _receive("12/KΗ-SKHCN"), lookalike=True),
    Probe("receive Cyrillic С in issuer", _receive("12/KH-SKHСN"), lookalike=True),
    Probe("receive fullwidth of a held code", _receive("１２/ＫＨ-ＳＫＨＣＮ"), lookalike=True, server=True),
    Probe("receive Arabic-Indic digits of a held code", _receive("١٢/KH-SKHCN"), lookalike=True),
    Probe("receive mathematical bold K", _receive("12/\U0001d40aH-SKHCN"), lookalike=True),
    Probe("receive Cherokee letter", _receive("12/KH-SKᎻCN"), lookalike=True),
    Probe("receive party code Cyrillic", _receive("57-NQ/ТW"), lookalike=True),
    Probe("receive code with RLO", _receive("12/KH\u202e-SKHCN"), lookalike=True),
    Probe("receive code with ESC", _receive("12/KH\x1b-SKHCN")),
    Probe("receive notation of 5,000 letters", _receive("12/KH-" + "A" * 5000), server=True),
    Probe("receive notation of 20,000 letters", _receive("12/" + "-".join(["AB"] * 7000))),
    Probe("receive number of 7 digits", _receive("1234567/KH-SKHCN")),
    Probe("receive number 0", _receive("0/KH-SKHCN")),
    Probe("receive no code at all", _receive("kế hoạch")),
    Probe(
        "link look-alike of the held plan",
        ("link", "#2", "01/КH-UBND", "--kind", "based_on"),
        lookalike=True,
        server=True,
    ),
    Probe("link look-alike decree", ("link", "#1", "30/2020/NĐ-СP", "--kind", "based_on"), lookalike=True),
    Probe("show look-alike of the held plan", ("show", "01/КH-UBND"), lookalike=True),
    Probe("org code Cyrillic", ("org", "add", "SКHCN", "Sở Khoa học"), lookalike=True, server=True),
    Probe("unit code Cyrillic", ("unit", "add", "VНXH", "Văn hóa"), lookalike=True),
    Probe(
        "init org code Greek", ("init", "--org", "UΒND", "--name", "Ủy ban", "--place", "P"), lookalike=True
    ),
    Probe(
        "org madinhdanh Cyrillic",
        ("org", "add", "SXD", "Sở Xây dựng", "--id", "000.00.00.Н30"),
        lookalike=True,
    ),
    Probe("draft type Cyrillic", ("draft", "КH", "--subject", "Kế hoạch"), lookalike=True),
    Probe("link self", ("link", "#1", "#1", "--kind", "based_on")),
    Probe("draft unknown type", ("draft", "ZZ", "--subject", "x")),
    Probe("draft legal type", ("draft", "NĐ", "--subject", "x")),
    Probe("công văn without unit", ("draft", "CV", "--subject", "x")),
    Probe("draft unknown unit", ("draft", "CV", "--unit", "KHONG", "--subject", "x")),
    Probe("do unknown trigger", ("do", "#3", "fly")),
    Probe("receive a code already held", _receive("12/KH-SKHCN"), server=True),
    Probe(
        "receive from unknown sender",
        ("receive", "13/KH-XYZ", "--from", "XYZ", "--date", "20/9/2025", "--subject", "x"),
    ),
]

DB_PROBES = [
    Probe("--db malformed URL", ("list",), db="postgresql://:::"),
    Probe("--db malformed port", ("list",), db="mysql://root@127.0.0.1:abc/x"),
    Probe("--db unknown scheme", ("list",), db="foo://bar"),
    Probe("--db oracle", ("list",), db="oracle://scott@h/x"),
    Probe("--db sqlite:// without path", ("list",), db="sqlite://"),
    Probe("--db a text file", ("list",), db="{dir}/notes.txt"),
    Probe(
        "--db a text file on init",
        ("init", "--org", "UBND", "--name", "Ủy ban", "--place", "P"),
        db="{dir}/notes.txt",
    ),
    Probe("--db a folder", ("list",), db="{dir}/folder"),
    Probe(
        "--db a folder on init",
        ("init", "--org", "UBND", "--name", "Ủy ban", "--place", "P"),
        db="{dir}/folder",
    ),
    Probe("--db into folders that do not exist", ("list",), db="{dir}/khong/co/so.sqlite"),
    Probe("--db file that does not exist", ("show", "#1"), db="{dir}/khong-co.sqlite"),
    Probe("--db empty", ("list",), db=""),
    Probe("--db blank", ("list",), db="  "),
    Probe("--db a 0-byte file", ("list",), db="{dir}/empty.sqlite"),
    Probe("--db someone else's SQLite", ("list",), db="{dir}/other.sqlite"),
    Probe(
        "--db someone else's SQLite on init",
        ("init", "--org", "U", "--name", "Ủy ban", "--place", "P"),
        db="{dir}/other.sqlite",
    ),
    Probe("--db someone else's SQLite on upgrade", ("upgrade",), db="{dir}/other.sqlite"),
    Probe("--db a text file on upgrade", ("upgrade",), db="{dir}/notes.txt"),
    Probe("--db driver not installed", ("list",), db="mysql+mysqldb://root@127.0.0.1/x"),
    Probe("--db psycopg2 not installed", ("list",), db="postgresql+psycopg2://postgres@127.0.0.1/x"),
    Probe(
        "--db unreachable server on init",
        ("init", "--org", "U", "--name", "Ủy ban", "--place", "P"),
        db="postgresql://postgres@127.0.0.1:1/x",
    ),
    Probe("--db unreachable server", ("list",), db="mysql://root@127.0.0.1:1/x"),
    Probe("--db server without host", ("list",), db="postgresql:///x"),
    Probe("--db not UTF-8", ("list",), db=_bad_utf8(b"{dir}/\xff.sqlite")),
    Probe("--as not UTF-8", ("--as", _bad_utf8(b"van\xffthu"), "list")),
    Probe("--as with spaces", ("--as", "van thu", "list")),
    Probe("--as unknown", ("--as", "khongco", "list"), server=True),
    Probe("--as with ESC", ("--as", "van\x1bthu", "list")),
    Probe("--lang unknown", ("--lang", "xx", "list")),
]

FILE_PROBES = [
    Probe("body file binary", ("draft", "KH", "--subject", "x", "--body-file", "{dir}/binary.bin")),
    Probe("body file with ESC", ("draft", "KH", "--subject", "x", "--body-file", "{dir}/esc.txt")),
    Probe("body file of 2 MB", ("draft", "KH", "--subject", "x", "--body-file", "{dir}/big.txt")),
    Probe("body file a folder", ("draft", "KH", "--subject", "x", "--body-file", "{dir}/folder")),
    Probe("body file missing", ("draft", "KH", "--subject", "x", "--body-file", "{dir}/khong.txt")),
    Probe("refs stdin not UTF-8", ("refs", "-"), stdin=b"Theo K\xe1\xba\xbf ho\xffch s\xf4 90/KH-UBND"),
    Probe("refs binary file", ("refs", "{dir}/binary.bin")),
    Probe("refs a .docx that is text", ("refs", "{dir}/notdocx.docx")),
    Probe("refs a folder", ("refs", "{dir}/folder")),
    Probe("refs missing file", ("refs", "{dir}/khong.docx")),
    Probe("refs type unknown", ("refs", "-", "--type", "ZZ"), stdin=b"90/KH-UBND"),
    Probe(
        "render template not a .docx",
        ("render", "#1", "--out", "{dir}/r.docx", "--template", "{dir}/notes.txt"),
    ),
    Probe(
        "render template a text .docx",
        ("render", "#1", "--out", "{dir}/r.docx", "--template", "{dir}/notdocx.docx"),
    ),
    Probe("render into a missing folder", ("render", "#1", "--out", "{dir}/khong/r.docx")),
    Probe("render an incoming document", ("render", "#2", "--out", "{dir}/r.docx")),
    Probe("book into a missing folder", ("book", "out", "--year", "2025", "--out", "{dir}/khong/so.docx")),
    Probe("book as .txt", ("book", "out", "--year", "2025", "--out", "{dir}/so.txt")),
    Probe("book kind unknown", ("book", "all", "--year", "2025", "--out", "{dir}/so.docx")),
    Probe("import a text .docx", ("import", "{dir}/notdocx.docx")),
    Probe("import binary", ("import", "{dir}/binary.bin")),
    Probe("import nothing there", ("import", "{dir}/khong")),
    Probe(
        "report-draft missing folder", ("report-draft", "--responds-to", "#2", "--out", "{dir}/khong/b.docx")
    ),
    Probe("workflow check a file", ("workflow", "check", "{dir}/notes.txt")),
    Probe("workflow check missing", ("workflow", "check", "{dir}/khong")),
]

# verify and backup (the register's integrity and its copy).
TRUST_PROBES = [
    Probe("backup over an existing file", ("backup", "{dir}/notes.txt")),
    Probe("backup into a folder", ("backup", "{dir}/folder")),
    Probe("backup into a missing folder", ("backup", "{dir}/khong/so.sqlite")),
    Probe("backup with a name not UTF-8", ("backup", _bad_utf8(b"{dir}/\xff.sqlite"))),
    Probe(
        "backup with ESC in the name (a file name is the clerk's)",
        ("backup", "{dir}/so\x1b.sqlite"),
        expect=ACCEPT,
    ),
    Probe(
        "backup of a server register", ("backup", "{dir}/so.sqlite"), db="postgresql://postgres@127.0.0.1:1/x"
    ),
    Probe("verify someone else's SQLite", ("verify",), db="{dir}/other.sqlite"),
    Probe("verify a text file", ("verify",), db="{dir}/notes.txt"),
    Probe("verify a 0-byte file", ("verify",), db="{dir}/empty.sqlite"),
    Probe("verify with extra argument", ("verify", "#1")),
]

ACCEPTED = [
    *(
        Probe(f"draft subject {name}", ("draft", "KH", "--subject", text), expect=ACCEPT)
        for name, text in ODD_BUT_FINE.items()
    ),
    Probe("receive fullwidth new code", _receive("１３/ＫＨ-ＳＫＨＣＮ"), expect=ACCEPT, server=True),
    Probe("org add fullwidth code", ("org", "add", "ＳＸＤ", "Sở Xây dựng"), expect=ACCEPT),
    Probe("unit add with Đ", ("unit", "add", "BCĐ", "Ban chỉ đạo"), expect=ACCEPT),
    Probe(
        "body file with tabs and lines",
        ("draft", "KH", "--subject", "x", "--body-file", "{dir}/text.txt"),
        expect=ACCEPT,
    ),
    Probe("refs stdin UTF-8", ("refs", "-"), stdin="Theo Kế hoạch số 90/KH-UBND".encode(), expect=ACCEPT),
    Probe("show with markup subject stored", ("show", "#1"), expect=ACCEPT),
]


def command_probes() -> list[Probe]:
    """Every command-line probe."""
    probes: list[Probe] = []
    for field, _unused, build in TEXT_FIELDS:
        for name, value in HOSTILE_TEXT.items():
            probes.append(
                Probe(f"{field}: {name}", build(value), server=field in SERVER_TEXT and name == "ESC clear")
            )
        probes.append(Probe(f"{field}: 100,000 letters", build(LONG_TEXT)))
    probes += NUMBER_PROBES + DATE_PROBES + CODE_PROBES + DB_PROBES + FILE_PROBES + TRUST_PROBES + ACCEPTED
    return probes


# ---------------------------------------------------------------------------- the API

SEP_20 = date(2025, 9, 20)
ApiCall = Callable[[Any], object]
# Office.edit takes its fields as keyword parameters: an unknown one is Python's TypeError, as for
# any function, and mypy's to catch; it is not among these probes.
API_PROBES: list[tuple[str, ApiCall]] = [
    ("edit deadline 'tomorrow'", lambda o: o.edit(1, deadline="tomorrow")),
    ("edit unknown urgency", lambda o: o.edit(1, urgency="rất gấp")),
    ("edit urgency as a number", lambda o: o.edit(1, urgency=3)),
    ("edit recipients as a string", lambda o: o.edit(1, recipients="UBND thành phố")),
    ("edit recipients holding None", lambda o: o.edit(1, recipients=[None])),
    ("edit subject None", lambda o: o.edit(1, subject=None)),
    ("edit subject a number", lambda o: o.edit(1, subject=42)),
    ("edit subject with ESC", lambda o: o.edit(1, subject="Họp \x1b[2J")),
    ("edit body with NUL", lambda o: o.edit(1, body="a\x00b")),
    ("edit deadline before the date", lambda o: o.edit(1, deadline=date(2025, 9, 1))),
    ("edit deadline in 9999", lambda o: o.edit(1, deadline=date(9999, 1, 1))),
    ("edit deadline a number", lambda o: o.edit(1, deadline=20251231)),
    ("edit signer with RLO", lambda o: o.edit(1, signer_name="Nguyễn \u202eA")),
    ("edit id beyond 64 bits", lambda o: o.edit(10**20, subject="x")),
    ("edit ref None", lambda o: o.edit(None, subject="x")),
    ("edit ref True", lambda o: o.edit(True, subject="x")),
    ("draft subject of zero-width", lambda o: o.draft("KH", subject="\u200b\u2060")),
    ("draft subject of 100,000", lambda o: o.draft("KH", subject="a" * 100_000)),
    ("draft subject bytes", lambda o: o.draft("KH", subject=b"Ke hoach")),
    ("draft type None", lambda o: o.draft(None, subject="x")),
    ("draft deadline in 2200", lambda o: o.draft("KH", subject="x", deadline=date(2200, 1, 1))),
    ("draft recipients as a string", lambda o: o.draft("KH", subject="x", recipients="UBND")),
    ("draft recipients 1,000", lambda o: o.draft("KH", subject="x", recipients=["UBND"] * 1000)),
    ("draft urgency unknown", lambda o: o.draft("KH", subject="x", urgency="gấp lắm")),
    ("draft secrecy unknown", lambda o: o.draft("KH", subject="x", secrecy="bí mật quốc gia")),
    ("draft body with NUL", lambda o: o.draft("KH", subject="x", body="a\x00b")),
    ("draft body of 100,000 bytes", lambda o: o.draft("KH", subject="x", body="ữ" * 40_000)),
    ("draft unit with ESC", lambda o: o.draft("CV", subject="x", unit="VH\x1b")),
    ("issue on year 1", lambda o: o.issue(3, on=date(1, 1, 1), signer="chutich")),
    ("issue on a string", lambda o: o.issue(3, on="hôm qua", signer="chutich")),
    ("issue with year 10**20", lambda o: o.issue("01/KH-UBND", year=10**20, signer="chutich")),
    ("register without a date", lambda o: o.register("KH", subject="x", on=None, signer="chutich")),
    (
        "register deadline before its date",
        lambda o: o.register("KH", subject="x", on=SEP_20, deadline=date(2025, 9, 1), signer="chutich"),
    ),
    ("show id beyond 64 bits", lambda o: o.get("99999999999999999999")),
    ("show id 10**20 as int", lambda o: o.get(10**20)),
    ("show id 0", lambda o: o.get(0)),
    ("show id -1", lambda o: o.get(-1)),
    ("show id as float", lambda o: o.get(1.0)),
    ("show with year 10**20", lambda o: o.get(1, year=10**20)),
    ("show with year 'abc'", lambda o: o.get(1, year="abc")),
    ("list limit 10**20", lambda o: o.documents(limit=10**20)),
    ("list limit -1", lambda o: o.documents(limit=-1)),
    ("list year 10**20", lambda o: o.documents(year=10**20)),
    ("list direction sideways", lambda o: o.documents(direction="sideways")),
    ("series next 10**12", lambda o: o.set_series("KH", year=2025, next_number=10**12)),
    ("series next as text", lambda o: o.set_series("KH", year=2025, next_number="chín mươi")),
    ("series year 2200", lambda o: o.set_series("KH", year=2200, next_number=5)),
    ("receive Cyrillic code", lambda o: o.receive("13/КH-SKHCN", sender="SKHCN", on=SEP_20, subject="x")),
    ("receive code None", lambda o: o.receive(None, sender="SKHCN", on=SEP_20, subject="x")),
    ("receive sender None", lambda o: o.receive("13/KH-SKHCN", sender=None, on=SEP_20, subject="x")),
    ("receive date None", lambda o: o.receive("13/KH-SKHCN", sender="SKHCN", on=None, subject="x")),
    (
        "receive deadline before date",
        lambda o: o.receive("13/KH-SKHCN", sender="SKHCN", on=SEP_20, subject="x", deadline=date(2025, 9, 1)),
    ),
    (
        "receive arrival before date",
        lambda o: o.receive("13/KH-SKHCN", sender="SKHCN", on=SEP_20, subject="x", arrived=date(2025, 9, 1)),
    ),
    (
        "receive a decree of 2099",
        lambda o: o.receive("01/2099/NĐ-CP", sender="SKHCN", on=SEP_20, subject="x"),
    ),
    ("receive on year 9999", lambda o: o.receive("13/KH-SKHCN", sender="SKHCN", on="1/1/9999", subject="x")),
    (
        "receive signer with ESC",
        lambda o: o.receive("13/KH-SKHCN", sender="SKHCN", on=SEP_20, subject="x", signer="\x1b"),
    ),
    ("outcome quantity NaN", lambda o: o.add_outcome(1, text="x", quantity="NaN")),
    ("outcome quantity float NaN", lambda o: o.add_outcome(1, text="x", quantity=float("nan"))),
    ("outcome quantity -5", lambda o: o.add_outcome(1, text="x", quantity=-5)),
    ("outcome quantity inf", lambda o: o.add_outcome(1, text="x", quantity=float("inf"))),
    ("outcome quantity 10**30", lambda o: o.add_outcome(1, text="x", quantity=10**30)),
    ("outcome quantity a list", lambda o: o.add_outcome(1, text="x", quantity=[5])),
    ("outcome in 1900", lambda o: o.add_outcome(1, text="x", on=date(1900, 1, 1))),
    ("outcome text None", lambda o: o.add_outcome(1, text=None)),
    ("outcome reported in a look-alike", lambda o: o.add_outcome(1, text="x", reported_in=["01/ВC-UBND"])),
    ("link a look-alike citation", lambda o: o.link(1, "30/2020/NĐ-СP", "based_on")),
    ("link a decree of 2099", lambda o: o.link(1, "01/2099/NĐ-CP", "based_on")),
    ("link an unknown kind", lambda o: o.link(1, "30/2020/NĐ-CP", "friend_of")),
    ("link kind None", lambda o: o.link(1, "30/2020/NĐ-CP", None)),
    ("assign deadline before date", lambda o: o.assign(2, lead="VHXH", deadline=date(2025, 1, 1))),
    ("assign support as a string", lambda o: o.assign(2, lead="VHXH", support="VHXH")),
    ("assign lead None", lambda o: o.assign(2, lead=None)),
    ("add user empty login", lambda o: o.add_user("", name="A", roles=["van_thu"])),
    ("add user login with spaces", lambda o: o.add_user("van thu", name="A", roles=["van_thu"])),
    ("add user login Vietnamese", lambda o: o.add_user("vănthư", name="A", roles=["van_thu"])),
    ("add user blank name", lambda o: o.add_user("moi", name=" \u200b ", roles=["van_thu"])),
    ("add user role None", lambda o: o.add_user("moi", name="A", roles=[None])),
    ("add user no roles", lambda o: o.add_user("moi", name="A", roles=[])),
    ("add org Cyrillic code", lambda o: o.add_org("SКHCN", "Sở Khoa học")),
    ("add org name with ESC", lambda o: o.add_org("SXD", "Sở \x1b[31mXây dựng")),
    ("add org bad madinhdanh", lambda o: o.add_org("SXD", "Sở Xây dựng", madinhdanh="Н30")),
    ("add org name 1,000", lambda o: o.add_org("SXD", "x" * 1000)),
    ("add unit name of 1000", lambda o: o.add_unit("TP", "x" * 1000)),
    ("add unit code None", lambda o: o.add_unit(None, "Tư pháp")),
    ("fire with note of bidi", lambda o: o.fire(3, "submit", note="ok\u202e")),
    ("fire trigger None", lambda o: o.fire(3, None)),
    ("status as of year 0", lambda o: o.status(as_of="1/1/0000")),
    ("status year 10**20", lambda o: o.status(year=10**20)),
    (
        "init again with an empty login",
        lambda o: type(o).init(
            o.engine.url.render_as_string(hide_password=False),
            org="UBND",
            name="Ủy ban nhân dân xã Phú Thái",
            place="Phú Thái",
            login="",
        ),
    ),
    (
        "init again with a blank admin name",
        lambda o: type(o).init(
            o.engine.url.render_as_string(hide_password=False),
            org="UBND",
            name="Ủy ban nhân dân xã Phú Thái",
            place="Phú Thái",
            login="moi",
            full_name=" ",
        ),
    ),
]
