"""The kinds of link between documents, and every rule about them, in one table.

Read :data:`LINK_RULES` like a workflow file: one frozen record per kind says how a person reads
it both ways, which way it points, whether the links of the acyclic kinds may ever come back to
where they started, whether both documents must come from the same issuer, whether a trace (and a
report's coupling) descends through it, which lifecycle step of which end it moves, and the extra
preconditions a replacement has. The office checks and couples from it, the trace and the status
queries take their sets of kinds from it, the command line prints its labels and help from it.

Two kinds report: ``reports_on`` is the final report (báo cáo kết quả, tổng kết), which closes
what it reports on (it couples the "report" step); ``reports_progress`` is an interim one (báo
cáo định kỳ, sơ kết, tiến độ) on a plan still running, which records its results as reported
and moves nothing. :data:`CLOSING_REPORT_KINDS` and :data:`INTERIM_REPORT_KINDS` come from the
table, not from a list of names.

The table holds plain values only, so it dumps to dicts (and TOML, JSON) and reloads equal:
:func:`dump_rules`, :func:`load_rules`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from vanban.domain.types import BAO_CAO, fold, type_name
from vanban.errors import InputError, LinkError

if TYPE_CHECKING:
    from vanban.domain.model import Document

__all__ = [
    "ACYCLIC_KINDS",
    "CARRYING_OUT_KINDS",
    "CHANGING_KINDS",
    "CLOSING_REPORT_KINDS",
    "DESCENT_KINDS",
    "INTERIM_REPORT_KINDS",
    "LINK_LABELS",
    "LINK_RULES",
    "REPORTING_KINDS",
    "End",
    "LinkDirection",
    "LinkKind",
    "LinkRule",
    "dump_rules",
    "kinds_help",
    "link_refusal",
    "load_rules",
    "parse_link_kind",
    "rule_of",
]


class LinkKind(StrEnum):
    BASED_ON = "based_on"
    IMPLEMENTS = "implements"
    RESPONDS_TO = "responds_to"
    REPORTS_ON = "reports_on"
    REPORTS_PROGRESS = "reports_progress"
    AMENDS = "amends"
    REPLACES = "replaces"
    CORRECTS = "corrects"
    REPEALS = "repeals"
    CITES = "cites"


class LinkDirection(StrEnum):
    """Which way a link points: what the source does to, or takes from, the target."""

    RESTS_ON = "rests_on"  # the source rests on, carries out, answers or mentions the target
    CHANGES = "changes"  # the source amends, replaces, corrects or repeals the target
    REPORTS = "reports"  # the source reports on what the target set in motion


class End(StrEnum):
    """An end of a link: the document it leaves (source) or the one it reaches (target)."""

    SOURCE = "source"
    TARGET = "target"


@dataclass(frozen=True, slots=True)
class LinkRule:
    """Everything vanban knows about one kind of link. Plain values only (see the module)."""

    kind: LinkKind
    label: str  # "A <label> B", as the clerk reads the link: "thực hiện"
    reverse_label: str  # "B <reverse_label> A": "được thực hiện bởi"
    direction: LinkDirection
    acyclic: bool = True  # following links of acyclic kinds never leads back to the start
    same_issuer: bool = False  # only the issuer of the target may make such a link to it
    descends: bool = False  # the source carries the target out: trace and report coupling go down it
    carries_out: bool = False  # counted among the documents carrying the target out (status view)
    couples: str | None = None  # lifecycle trigger fired once the source is issued …
    couples_end: End = End.TARGET  # … on this end of the link
    couples_below: bool = False  # … and on what carries that end out
    reports_results: bool = False  # the target's results (and below) not yet reported: reported in the source
    source_types: frozenset[str] = frozenset()  # only a source of these types (empty: any type)
    same_type: bool = False  # the target is of the same type (kind of act) as the source
    target_in_force: bool = False  # a held target is issued and not yet ended (no draft, no replaced)
    target_once: bool = False  # one source only: a target already so linked from another is refused
    target_not_above: bool = False  # never a target the source rests on (directly or not)
    aliases: frozenset[str] = frozenset()  # other words a person types for the kind ("định kỳ")


_RULES: tuple[LinkRule, ...] = (
    LinkRule(
        LinkKind.BASED_ON,
        "căn cứ",
        "là căn cứ của",
        LinkDirection.RESTS_ON,
        descends=True,
    ),
    LinkRule(
        LinkKind.IMPLEMENTS,
        "thực hiện",
        "được thực hiện bởi",
        LinkDirection.RESTS_ON,
        descends=True,
        carries_out=True,
    ),
    LinkRule(
        LinkKind.RESPONDS_TO,
        "trả lời",
        "được trả lời bởi",
        LinkDirection.RESTS_ON,
        descends=True,
        carries_out=True,
        couples="complete",
    ),
    # The final report (kết quả, tổng kết): the target and what carried it out are reported.
    LinkRule(
        LinkKind.REPORTS_ON,
        "báo cáo về",
        "được báo cáo trong",
        LinkDirection.REPORTS,
        couples="report",
        couples_below=True,
        reports_results=True,
        source_types=frozenset({BAO_CAO}),
        aliases=frozenset({"báo cáo kết quả", "báo cáo tổng kết", "tổng kết", "final"}),
    ),
    # An interim report (định kỳ, sơ kết, tiến độ) on a plan still running: its results so far
    # are reported in it, and the plan stays open until a final report.
    LinkRule(
        LinkKind.REPORTS_PROGRESS,
        "báo cáo tiến độ",
        "được báo cáo tiến độ trong",
        LinkDirection.REPORTS,
        reports_results=True,
        source_types=frozenset({BAO_CAO}),
        aliases=frozenset({"báo cáo định kỳ", "báo cáo sơ kết", "định kỳ", "sơ kết", "tiến độ", "interim"}),
    ),
    LinkRule(
        LinkKind.AMENDS,
        "sửa đổi",
        "bị sửa đổi bởi",
        LinkDirection.CHANGES,
        same_issuer=True,
    ),
    LinkRule(
        LinkKind.REPLACES,
        "thay thế",
        "bị thay thế bởi",
        LinkDirection.CHANGES,
        same_issuer=True,
        couples="replace",
        same_type=True,
        target_in_force=True,
        target_once=True,
        target_not_above=True,
    ),
    LinkRule(
        LinkKind.CORRECTS,
        "đính chính",
        "được đính chính bởi",
        LinkDirection.CHANGES,
    ),
    LinkRule(
        LinkKind.REPEALS,
        "bãi bỏ",
        "bị bãi bỏ bởi",
        LinkDirection.CHANGES,
        same_issuer=True,
        couples="replace",
    ),
    # A mention only: any document may mention any other, both ways; import falls back to it.
    LinkRule(
        LinkKind.CITES,
        "dẫn chiếu",
        "được dẫn chiếu bởi",
        LinkDirection.RESTS_ON,
        acyclic=False,
    ),
)

LINK_RULES: Mapping[LinkKind, LinkRule] = {rule.kind: rule for rule in _RULES}
LINK_LABELS: Mapping[LinkKind, str] = {rule.kind: rule.label for rule in _RULES}


def _kinds(test: Any) -> frozenset[str]:
    return frozenset(rule.kind.value for rule in _RULES if test(rule))


# The sets of kinds the store's queries and the trace walk, as the strings the links table holds.
ACYCLIC_KINDS = _kinds(lambda r: r.acyclic)
DESCENT_KINDS = _kinds(lambda r: r.descends)
CARRYING_OUT_KINDS = _kinds(lambda r: r.carries_out)
REPORTING_KINDS = _kinds(lambda r: r.direction is LinkDirection.REPORTS)
CLOSING_REPORT_KINDS = _kinds(lambda r: r.direction is LinkDirection.REPORTS and r.couples is not None)
INTERIM_REPORT_KINDS = REPORTING_KINDS - CLOSING_REPORT_KINDS
CHANGING_KINDS = _kinds(lambda r: r.direction is LinkDirection.CHANGES)


def rule_of(kind: LinkKind) -> LinkRule:
    """The rule of a kind."""
    return LINK_RULES[kind]


def parse_link_kind(text: str) -> LinkKind:
    """A link kind from its code, Vietnamese label or an alias ("implements", "thực hiện",
    "báo cáo định kỳ")."""
    wanted = fold(unicodedata.normalize("NFC", " ".join(text.split()))).replace(" ", "_")
    for rule in _RULES:
        names = {rule.kind.value, rule.label, *rule.aliases}
        if wanted in {fold(name).replace(" ", "_") for name in names}:
            return rule.kind
    raise InputError(f"Không có loại liên kết «{text}».", hint=f"Chọn một trong: {kinds_help()}.")


def kinds_help() -> str:
    """Every kind by its label, its code after it for scripts: "căn cứ (based_on), thực hiện
    (implements), …"; a report's kinds say whether they close what they report on."""
    return ", ".join(f"{rule.label} ({rule.kind.value}){_closing_note(rule)}" for rule in _RULES)


def _closing_note(rule: LinkRule) -> str:
    if rule.direction is not LinkDirection.REPORTS:
        return ""
    if rule.couples:
        return " [báo cáo kết quả: văn bản được báo cáo chuyển sang «Đã báo cáo»]"
    return " [báo cáo định kỳ hoặc sơ kết: văn bản được báo cáo vẫn đang thực hiện]"


def link_refusal(rule: LinkRule, source: Document, target: Document) -> LinkError | None:
    """Why the table refuses ``source <kind> target`` on the two documents alone, or None.

    What needs the register (cycles, the target's state, earlier links) the office checks.
    """
    if source.id == target.id:
        return LinkError(
            f"Văn bản {source.label} không thể liên kết với chính nó.",
            hint="Kiểm tra lại hai số, ký hiệu: văn bản nguồn trước, văn bản đích sau.",
        )
    if source.reference_only:
        return LinkError(
            f"{source.label} chỉ là văn bản được dẫn chiếu; liên kết phải đi từ văn bản đang giữ.",
        )
    if rule.source_types and source.type_key not in rule.source_types:
        allowed = ", ".join(type_name(t).lower() for t in sorted(rule.source_types))
        return LinkError(f"{source.label} không phải là {allowed}, không «{rule.label}» văn bản khác được.")
    if rule.same_issuer and source.issuer_id != target.issuer_id:
        return LinkError(
            f"{source.label} của {source.issuer_name} không thể {rule.label} "
            f"{target.label} của {target.issuer_name}.",
            hint=f"Chỉ cơ quan ban hành mới {rule.label} được văn bản của mình.",
        )
    if rule.same_type and source.type_key != target.type_key:
        return LinkError(
            f"{type_name(source.type_key or '')} {source.label} không thể {rule.label} "
            f"{type_name(target.type_key or '') if target.type_key else 'văn bản'} {target.label}: "
            "khác loại văn bản.",
            hint=f"Văn bản chỉ {rule.label} được văn bản cùng loại, cùng cơ quan ban hành.",
        )
    return None


# --------------------------------------------------------------------------- dump and reload


def dump_rules(rules: Iterable[LinkRule] = _RULES) -> list[dict[str, Any]]:
    """The table as plain dicts (strings, booleans, lists), ready for TOML or JSON."""
    dumped = []
    for rule in rules:
        row: dict[str, Any] = {}
        for f in fields(LinkRule):
            value = getattr(rule, f.name)
            if isinstance(value, frozenset):
                value = sorted(value)
            elif isinstance(value, StrEnum):
                value = value.value
            if value is not None:  # TOML has no null: an absent key is the default
                row[f.name] = value
        dumped.append(row)
    return dumped


_CONVERT: dict[str, Any] = {
    "kind": LinkKind,
    "direction": LinkDirection,
    "couples_end": End,
    "source_types": frozenset,
    "aliases": frozenset,
}


def load_rules(rows: Sequence[Mapping[str, Any]]) -> tuple[LinkRule, ...]:
    """Rules from plain dicts, as :func:`dump_rules` writes them; unknown keys are refused."""
    names = {f.name for f in fields(LinkRule)}
    loaded = []
    for row in rows:
        unknown = set(row) - names
        if unknown:
            raise ValueError(f"unknown link rule keys: {', '.join(sorted(unknown))}")
        values = {key: _CONVERT.get(key, lambda v: v)(value) for key, value in row.items()}
        loaded.append(LinkRule(**values))
    return tuple(loaded)
