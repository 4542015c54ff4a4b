"""Find the documents a text refers to: căn cứ lines, "Thực hiện …" openings, lists in reports.

Every reference is a số, ký hiệu in one of the forms of nd30.md §2 (``90/KH-UBND``,
``542/UBND-VHXH``, ``30/2020/NĐ-CP``, ``72/2025/QH15``, ``55/2005/TTLT-BNV-VPCP``, ``57-NQ/TW``),
read together with the words around it: the type named before it ("Kế hoạch số …"), the date
right after it ("ngày 29/9/2025"), the issuer after "của", and the kind of link the context
gives (căn cứ → based_on, thực hiện → implements, phúc đáp → responds_to …).

Text extracted from Word files breaks lines in the middle of sentences; the extractor reads a
sentence across line breaks and only treats a line break as a boundary before a list marker,
a heading, an opening word such as "Căn cứ", or next to a line in capitals. Offsets are into
:func:`normalise_text` of the input, which :func:`extract_references` applies itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from vanban.domain.codes import Code, try_parse_code
from vanban.domain.links import CHANGING_KINDS, LinkKind
from vanban.domain.reading import type_from_title
from vanban.domain.reference_clauses import COMMA, MARKER, Clause, has_break, split_clauses
from vanban.domain.reference_mentions import Mention, find_mentions
from vanban.domain.reference_text import normalise_text
from vanban.domain.types import BAO_CAO, CONG_VAN, canonical_type_key

__all__ = ["KIND_PRECEDENCE", "Reference", "extract_references", "interim_title"]


# ---------------------------------------------------------------------------------------------
# The result


@dataclass(frozen=True, slots=True)
class Reference:
    """One document another text refers to."""

    text: str
    code: Code | None  # None for an act cited by its name and date ("Luật Đất đai ngày …")
    type_key: str | None
    date: date | None
    issuer: str | None
    kind: LinkKind
    start: int
    end: int
    title: str | None = None  # the name of an act cited without a number

    @property
    def key(self) -> str:
        """What names the document: its code, else its title and date."""
        if self.code is not None:
            return str(self.code)
        return f"{self.title} ngày {self.date.isoformat() if self.date else ''}"

    def to_json(self) -> dict[str, object]:
        code = self.code
        return {
            "text": self.text,
            "code": str(code) if code else None,
            "number": code.number if code else None,
            "number_text": code.number_text if code else None,
            "notation": code.notation if code else None,
            "title": self.title,
            "type": self.type_key,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "kind": self.kind.value,
        }


# When one document is mentioned several times, the most specific kind wins (last is strongest).
KIND_PRECEDENCE: tuple[LinkKind, ...] = (
    LinkKind.CITES,
    LinkKind.BASED_ON,
    LinkKind.IMPLEMENTS,
    LinkKind.REPORTS_PROGRESS,
    LinkKind.REPORTS_ON,
    LinkKind.RESPONDS_TO,
    LinkKind.CORRECTS,
    LinkKind.REPEALS,
    LinkKind.AMENDS,
    LinkKind.REPLACES,
)
_RANK = {kind: i for i, kind in enumerate(KIND_PRECEDENCE)}


# ---------------------------------------------------------------------------------------------
# Patterns, compiled once

_CLAUSE_OPENER = re.compile(
    rf"(?:{MARKER}\s*)?(?:(?P<based>căn\s+cứ|trên\s+cơ\s+sở)|(?P<consider>xét))(?!\w)", re.IGNORECASE
)

# Words before a reference that say what the document does with it.
_PRE = re.compile(
    r"(?<!\w)(?:"
    r"(?P<replaces>thay\s+thế)"
    r"|(?P<amends>sửa\s+đổi(?:\s*,?\s*bổ\s+sung)?|bổ\s+sung\s+(?:một\s+số\s+điều|điều|khoản))"
    r"|(?P<corrects>đính\s+chính)"
    r"|(?P<repeals>bãi\s+bỏ|h(?:ủy|uỷ)\s+bỏ)"
    r"|(?P<responds>phúc\s+đáp|trả\s+lời)"
    r"|(?P<request>đề\s+nghị|yêu\s+cầu|đề\s+xuất)"
    r"|(?P<implements>thực\s+hiện|triển\s+khai)"
    r"|(?P<based>trên\s+cơ\s+sở|căn\s+cứ(?:\s+vào)?)"
    r"|(?P<issued>ban\s+hành|đã\s+ký)"
    r")(?!\w)",
    re.IGNORECASE,
)
# "đề nghị của Sở Nội vụ tại Công văn số …", "yêu cầu tại …": what stands between the word and the reference.
_REQUEST_GAP = re.compile(r"\s+(?:của\s+[^,;:]{1,100}?\s+)?(?:tại|theo)\s*", re.IGNORECASE)
_PASSIVE = re.compile(r"(?<!\w)(?:được|bị)\s*\Z", re.IGNORECASE)
_PROPOSAL = re.compile(r"(?<!\w)(?:đề\s+nghị|kiến\s+nghị|đề\s+xuất|dự\s+thảo)(?!\w)", re.IGNORECASE)
_DELEGATED = re.compile(r"(?<!\w)(?:giao|đề\s+nghị|dự\s+thảo|tham\s+mưu)(?!\w)", re.IGNORECASE)
_ACCORDING = re.compile(r"(?<!\w)theo(?!\w)", re.IGNORECASE)
_BY_ANOTHER = re.compile(
    r"\s*,?\s*(?:bổ\s+sung\s+)?(?:bởi|tại|theo|bằng(?!\s+\S+(?:\s+\S+)?\s+này))(?!\w)", re.IGNORECASE
)
_HEAD_PREFIX = re.compile(rf"\s*(?:{MARKER}\s*)?(?:(?:và|các|cùng)\s+)?", re.IGNORECASE)
# Words after a reference that say it ends or changes.
_POST = re.compile(
    r"(?<!\w)(?:"
    r"(?P<repeals>hết\s+hiệu\s+lực|(?:được|bị)\s+(?:bãi|hủy|huỷ)\s+bỏ)"
    r"|(?P<replaces>(?:được|bị)\s+thay\s+thế)"
    r"|(?P<amends>được\s+sửa\s+đổi)"
    r"|(?P<corrects>được\s+đính\s+chính)"
    r")(?!\w)",
    re.IGNORECASE,
)
_POST_EXCEPT = re.compile(r"(?<!\w)văn\s+bản\s*\Z", re.IGNORECASE)
# What a công văn asks for when the office answers it.
_ASKS = re.compile(
    r"(?<!\w)(?:báo\s+cáo|đề\s+nghị|góp\s+ý|xin\s+ý\s+kiến|lấy\s+ý\s+kiến|cung\s+cấp|rà\s+soát|"
    r"đăng\s+ký|thống\s+kê|tổng\s+hợp|giải\s+trình)(?!\w)",
    re.IGNORECASE,
)
# A reference followed by one of these has its title (trích yếu) after it.
_TITLE_INTRO = re.compile(
    r"\s*,?\s*(?:về|V/v|v/v|ban\s+hành|quy\s+định|hướng\s+dẫn|phê\s+duyệt|sửa\s+đổi|triển\s+khai|kết\s+luận)(?!\w)"
)
# "… năm 2025 và theo yêu cầu tại Công văn số …": a title ends where a new governing word begins.
_JOIN_KEYWORD = re.compile(
    r"(?:,|(?<!\w)và|(?<!\w)đồng\s+thời)\s+(?=(?:theo\s+)?(?:yêu\s+cầu|đề\s+nghị|chỉ\s+đạo|thực\s+hiện|"
    r"triển\s+khai|phúc\s+đáp|trả\s+lời|căn\s+cứ)(?!\w))",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"(?:[,;]|(?<!\w)và|(?<!\w)cùng|(?<!\w)hoặc)\s*\Z")


# ---------------------------------------------------------------------------------------------
# Kinds

# The kinds that change their target (link table), named as the phrase groups above name them.
_ACTIONS = {kind: LinkKind(kind) for kind in CHANGING_KINDS}
_ALL_ACTIONS = frozenset(_ACTIONS)
# Documents that cannot themselves replace, amend or repeal another: they report, propose or record.
_NO_ACTIONS = frozenset(
    {BAO_CAO, "TTr", "BB", "GM", "GGT", "GNP", "PG", "PC", "PB", "BGN", "BTT", "HĐ", "GUQ"}
)
# A công văn may correct (đính chính) a document or replace an earlier công văn, nothing more.
_CONG_VAN_ACTIONS = frozenset({"replaces", "corrects"})


@dataclass(slots=True)
class _Context:
    text: str
    clauses: list[Clause]
    mentions: list[Mention]
    report: bool
    actions: frozenset[str]
    by_clause: dict[int, list[int]]
    interim: bool = False  # a report whose title reads as interim (sơ kết, định kỳ, 6 tháng đầu năm)


def _allowed_actions(type_key: str | None) -> frozenset[str]:
    if type_key is None:
        return _ALL_ACTIONS
    if type_key == CONG_VAN:
        return _CONG_VAN_ACTIONS
    if type_key in _NO_ACTIONS or type_key in ("SY", "TrS", "SL", "THC"):
        return frozenset()
    return _ALL_ACTIONS


def _title_end(text: str, start: int, end: int) -> int:
    """Where the title after a reference stops: a new main clause or a new governing word."""
    stop = end
    for c in COMMA.finditer(text, start, end):
        if has_break(text, c.start(), c.end() + 1):
            stop = c.start()
            break
    join = _JOIN_KEYWORD.search(text, start, stop)
    return join.start() if join is not None else stop


def _blocked(ctx: _Context, i: int) -> list[tuple[int, int]]:
    """Regions of mention i's clause before it where words describe other references."""
    text, mentions = ctx.text, ctx.mentions
    regions: list[tuple[int, int]] = []
    me = mentions[i]
    for j in range(i - 1, -1, -1):
        other = mentions[j]
        if other.clause is not me.clause:
            break
        regions.append((other.span_start, other.span_end))
        nxt = mentions[j + 1]
        if _TITLE_INTRO.match(text, other.span_end, nxt.span_start):
            regions.append((other.span_end, _title_end(text, other.span_end, nxt.span_start)))
    return regions


def _nested(ctx: _Context, i: int) -> bool:
    """Whether mention i sits inside the title of the reference before it."""
    mentions = ctx.mentions
    if i == 0 or mentions[i - 1].clause is not mentions[i].clause:
        return False
    before, me = mentions[i - 1], mentions[i]
    if not _TITLE_INTRO.match(ctx.text, before.span_end, me.span_start):
        return False
    if _title_end(ctx.text, before.span_end, me.span_start) < me.span_start:
        return False
    return _LIST_JOIN.search(ctx.text, before.span_end, me.span_start) is None


def _pre_keyword(ctx: _Context, start: int, end: int, blocked: list[tuple[int, int]]) -> str | None:
    """The nearest keyword before ``end`` that governs what stands there."""
    text = ctx.text
    best: str | None = None
    for m in _PRE.finditer(text, start, end):
        name = m.lastgroup
        if name is None or any(a <= m.start() < b for a, b in blocked):
            continue
        if name in _ACTIONS and (
            name not in ctx.actions
            or _PASSIVE.search(text, max(start, m.start() - 8), m.start())
            or _PROPOSAL.search(text, start, m.start())
        ):
            continue  # "được sửa đổi bởi…", "đề nghị bãi bỏ…": nothing this document does
        if name == "issued" and (not ctx.report or _PROPOSAL.search(text, start, m.start())):
            continue
        if name == "request" and not _REQUEST_GAP.fullmatch(text, m.end(), end):
            continue
        if name == "based" and (end - m.end() > 40 or "," in text[m.end() : end]):
            continue  # "… làm căn cứ để các thôn …, Kế hoạch số …": not what the reference rests on
        if name in ("implements", "responds") and _ACCORDING.search(text, m.end(), end):
            continue  # "kinh phí thực hiện theo Quyết định…", "trả lời theo quy định tại Luật…" cite it
        if name == "responds" and _DELEGATED.search(text, start, m.start()):
            continue  # "giao Văn phòng dự thảo văn bản trả lời Công văn…": the answer is another document
        if has_break(text, m.end(), end, blocked):
            continue
        best = name
    return best


def _post_keyword(ctx: _Context, i: int) -> str | None:
    """The words after a reference that end or change it: "… hết hiệu lực", "… được sửa đổi như sau"."""
    text, mention, mentions = ctx.text, ctx.mentions[i], ctx.mentions
    for m in _POST.finditer(text, mention.span_end, mention.clause.end):
        name = m.lastgroup
        if name is None or name not in ctx.actions:
            return None
        if _POST_EXCEPT.search(text, max(mention.span_end, m.start() - 12), m.start()):
            continue
        if _BY_ANOTHER.match(text, m.end(), mention.clause.end):
            continue  # "được sửa đổi, bổ sung bởi Nghị định…" is history, not this document's act
        if has_break(text, mention.span_end, m.start()):
            return None
        for k in range(i + 1, len(mentions)):
            other = mentions[k]
            if other.clause is not mention.clause or other.span_start >= m.start():
                break
            if _nested(ctx, k):
                return None
        return name
    return None


def _asks(ctx: _Context, i: int) -> bool:
    """Whether a công văn's title asks the office for something (a report, an opinion…)."""
    mention = ctx.mentions[i]
    end = mention.clause.end
    if i + 1 < len(ctx.mentions) and ctx.mentions[i + 1].clause is mention.clause:
        end = ctx.mentions[i + 1].span_start
    end = _title_end(ctx.text, mention.span_end, end)  # ", UBND xã đề nghị …" is the office's own ask
    return _ASKS.search(ctx.text, mention.span_end, end) is not None


def _from_word(ctx: _Context, word: str, i: int, *, asks_count: bool) -> LinkKind:
    if word in _ACTIONS:
        return _ACTIONS[word]
    if word == "based":
        return LinkKind.BASED_ON
    if word in ("responds", "request", "consider"):
        return LinkKind.RESPONDS_TO
    if word == "implements" and asks_count and ctx.mentions[i].type_key == CONG_VAN and _asks(ctx, i):
        return LinkKind.RESPONDS_TO
    if word == "issued" or (word == "implements" and ctx.report):
        return LinkKind.REPORTS_PROGRESS if ctx.interim else LinkKind.REPORTS_ON
    if word == "implements":
        return LinkKind.IMPLEMENTS
    return LinkKind.CITES


def _opener(ctx: _Context, clause: Clause) -> str | None:
    m = _CLAUSE_OPENER.match(ctx.text, clause.start, clause.end)
    if m is None:
        return None
    return "based" if m.group("based") else "consider"


def _is_head(ctx: _Context, i: int) -> bool:
    """Whether mention i opens its clause ("- Kế hoạch số 90/KH-UBND …", "; Công văn số …")."""
    mention = ctx.mentions[i]
    return _HEAD_PREFIX.fullmatch(ctx.text, mention.clause.start, mention.span_start) is not None


def _governor(ctx: _Context, index: int, depth: int = 0) -> str | None:
    """The word that governs the references opening a clause: "Căn cứ", "Thực hiện"…"""
    clause = ctx.clauses[index]
    opener = _opener(ctx, clause)
    if opener is not None:
        return opener
    members = ctx.by_clause.get(index, [])
    end = ctx.mentions[members[0]].span_start if members else clause.end
    word = _pre_keyword(ctx, clause.start, end, [])
    if word is not None:
        return word
    if members and _is_head(ctx, members[0]):
        return _inherited(ctx, index, depth + 1)
    return None


def _inherited(ctx: _Context, index: int, depth: int = 0) -> str | None:
    """What a clause opening with a reference takes from before: its list intro or "…; " run."""
    clause = ctx.clauses[index]
    if clause.intro is not None:
        intro = clause.intro
        opener = _opener(ctx, intro)
        if opener == "based":
            return opener
        return _pre_keyword(ctx, intro.start, intro.end, [])
    if index > 0 and depth < 8 and ctx.text[ctx.clauses[index - 1].end - 1] == ";":
        return _governor(ctx, index - 1, depth)
    return None


def _kind(ctx: _Context, i: int) -> LinkKind:
    mention = ctx.mentions[i]
    clause = mention.clause
    opener = _opener(ctx, clause)
    if opener == "based":
        return LinkKind.BASED_ON
    if _nested(ctx, i):
        return LinkKind.CITES
    pre = _pre_keyword(ctx, clause.start, mention.span_start, _blocked(ctx, i))
    if pre is not None and pre in _ACTIONS:
        return _ACTIONS[pre]
    post = _post_keyword(ctx, i)
    if post is not None:
        return _ACTIONS[post]
    if opener is not None:
        return LinkKind.RESPONDS_TO
    if pre is not None:
        return _from_word(ctx, pre, i, asks_count=True)
    if _is_head(ctx, i):
        word = _inherited(ctx, clause.index)
        if word is not None:
            return _from_word(ctx, word, i, asks_count=clause.intro is None)
        if clause.under_bases:
            return LinkKind.BASED_ON
    return LinkKind.CITES


# ---------------------------------------------------------------------------------------------
# Interim or final report

# A report's title says whether it is an interim one (báo cáo sơ kết, định kỳ, tiến độ, of part
# of the year), which leaves what it reports on open, or the final one (tổng kết, or nothing
# said: "Kết quả triển khai …"), which closes it. Only a proposal: the clerk confirms it.
_INTERIM_TITLE = re.compile(
    r"(?<!\w)(?:sơ\s+kết|định\s+kỳ|tiến\s+độ|giữa\s+(?:kỳ|năm)|(?:\d{1,2}|sáu|chín|ba)\s+tháng\s+đầu\s+năm"
    r"|quý\s+(?:I{1,3}|IV|[1-4])|h[ằà]ng\s+(?:tháng|quý))(?!\w)",
    re.IGNORECASE,
)
_FINAL_TITLE = re.compile(r"(?<!\w)tổng\s+kết(?!\w)", re.IGNORECASE)
_TITLE_ZONE = 1500  # at most so many characters of a text are its title and opening


def interim_title(title: str) -> bool:
    """Whether a report's title (its trích yếu) reads as an interim report: "Sơ kết 6 tháng đầu
    năm", "Báo cáo định kỳ quý III", "Tiến độ thực hiện …"; "tổng kết" is always final."""
    return _INTERIM_TITLE.search(title) is not None and _FINAL_TITLE.search(title) is None


# ---------------------------------------------------------------------------------------------
# Entry point


def extract_references(
    text: str, *, own_code: str | None = None, document_type: str | None = None
) -> list[Reference]:
    """Every document the text refers to, in order of first mention, one per code.

    ``own_code`` (the document's own "Số: …") is left out; the header line "Số: …" is always
    left out. ``document_type`` is the type of the document read ("BC" for a báo cáo): in a
    report, what the office lists as issued or carried out is reported on — ``reports_progress``
    when its title reads as an interim report (:func:`interim_title`), else ``reports_on``.
    Without it, the title in capitals says it ("BÁO CÁO", "QUYẾT ĐỊNH"), when the text has one.
    Acts cited by name and date without a number ("Luật Đất đai ngày 18/01/2024") come with
    ``code`` None and their ``title``.
    Offsets index ``normalise_text(text)``.
    """
    normalised = normalise_text(text)
    own = try_parse_code(own_code) if own_code else None
    type_key = canonical_type_key(document_type) if document_type else type_from_title(normalised)
    report = type_key == BAO_CAO
    clauses = split_clauses(normalised)
    mentions = find_mentions(normalised, clauses)
    by_clause: dict[int, list[int]] = {}
    for i, mention in enumerate(mentions):
        by_clause.setdefault(mention.clause.index, []).append(i)
    # The title, and the opening that names the request ("… về việc báo cáo sơ kết 6 tháng …").
    title_end = min(mentions[0].clause.end if mentions else len(normalised), _TITLE_ZONE)
    ctx = _Context(
        normalised,
        clauses,
        mentions,
        report,
        _allowed_actions(type_key),
        by_clause,
        interim=report and interim_title(normalised[:title_end]),
    )
    by_code: dict[str, int] = {}
    out: list[Reference] = []
    for i, mention in enumerate(mentions):
        key = str(mention.code) if mention.code is not None else f"{mention.title}|{mention.date}"
        if own is not None and key == str(own):
            continue
        kind = _kind(ctx, i)
        if key in by_code:
            first = out[by_code[key]]
            if _RANK[kind] > _RANK[first.kind]:
                out[by_code[key]] = replace(first, kind=kind)
            continue
        by_code[key] = len(out)
        out.append(
            Reference(
                text=" ".join(normalised[mention.span_start : mention.span_end].split()),
                code=mention.code,
                type_key=mention.type_key,
                date=mention.date,
                issuer=mention.issuer,
                kind=kind,
                start=mention.span_start,
                end=mention.span_end,
                title=mention.title,
            )
        )
    return out
