"""The kind of link each mention gives: based_on, implements, responds_to, replaces, reports_on …

The words of a mention's clause say it: the opening word ("Căn cứ", "Xét"), a keyword before
the reference ("thực hiện", "phúc đáp", "thay thế"), words after it ("… hết hiệu lực"), or,
for a list item or a "…; " run, the clause that introduced the list. The document's type limits
what it can do to another: a báo cáo reports on what it names and changes nothing; a công văn
may only correct or replace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanban.domain.links import CHANGING_KINDS, LinkKind
from vanban.domain.reference_clauses import COMMA, MARKER, Clause, has_break
from vanban.domain.reference_mentions import Mention
from vanban.domain.types import BAO_CAO, CONG_VAN

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
class Context:
    """What a mention's kind is read in: the text, its clauses and mentions, and what the document may do."""

    text: str
    clauses: list[Clause]
    mentions: list[Mention]
    report: bool
    actions: frozenset[str]
    by_clause: dict[int, list[int]]
    interim: bool = False  # a report whose title reads as interim (sơ kết, định kỳ, 6 tháng đầu năm)


def allowed_actions(type_key: str | None) -> frozenset[str]:
    """The changing kinds ("replaces", "amends" …) a document of this type may have on another."""
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


def _blocked(ctx: Context, i: int) -> list[tuple[int, int]]:
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


def _nested(ctx: Context, i: int) -> bool:
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


def _pre_keyword(ctx: Context, start: int, end: int, blocked: list[tuple[int, int]]) -> str | None:
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


def _post_keyword(ctx: Context, i: int) -> str | None:
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


def _asks(ctx: Context, i: int) -> bool:
    """Whether a công văn's title asks the office for something (a report, an opinion…)."""
    mention = ctx.mentions[i]
    end = mention.clause.end
    if i + 1 < len(ctx.mentions) and ctx.mentions[i + 1].clause is mention.clause:
        end = ctx.mentions[i + 1].span_start
    end = _title_end(ctx.text, mention.span_end, end)  # ", UBND xã đề nghị …" is the office's own ask
    return _ASKS.search(ctx.text, mention.span_end, end) is not None


def _from_word(ctx: Context, word: str, i: int, *, asks_count: bool) -> LinkKind:
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


def _opener(ctx: Context, clause: Clause) -> str | None:
    m = _CLAUSE_OPENER.match(ctx.text, clause.start, clause.end)
    if m is None:
        return None
    return "based" if m.group("based") else "consider"


def _is_head(ctx: Context, i: int) -> bool:
    """Whether mention i opens its clause ("- Kế hoạch số 90/KH-UBND …", "; Công văn số …")."""
    mention = ctx.mentions[i]
    return _HEAD_PREFIX.fullmatch(ctx.text, mention.clause.start, mention.span_start) is not None


def _governor(ctx: Context, index: int, depth: int = 0) -> str | None:
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


def _inherited(ctx: Context, index: int, depth: int = 0) -> str | None:
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


def kind_of(ctx: Context, i: int) -> LinkKind:
    """The kind of link mention i gives, read from the words of its clause and of its list's intro."""
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
