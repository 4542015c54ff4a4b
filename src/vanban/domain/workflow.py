"""Lifecycles as data: the workflow files of ``workflows/`` and the rules they carry.

A workflow file (TOML, read with :mod:`tomllib`) names its states, its initial state and its
transitions with the keys the ``transitions`` package uses (``trigger``, ``source``, ``dest``,
``conditions``), plus a Vietnamese label for every state and transition, the roles allowed to
fire each transition, the edXML handling status of every incoming state and the document types
the lifecycle serves. Files are checked when loaded; a broken file is refused with a
:class:`~vanban.errors.WorkflowError` naming the file and the fault.

Each :class:`Workflow` keeps ONE ``transitions.Machine`` built on first use with
``model=None, auto_transitions=False, model_attribute="status"``; firing a trigger runs the
event on a throw-away token carrying the current state, so nothing is kept per document.
The machine has no callbacks but the conditions, so its answer for a (state, trigger,
conditions held) never changes: it is asked once and the answer kept.
"""

from __future__ import annotations

import functools
import re
import threading
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanban.domain.model import ROLE_LABELS, Role
from vanban.domain.types import ADMINISTRATIVE_TYPES, canonical_type_key, get_type, type_name
from vanban.errors import InputError, NotFoundError, PermissionDeniedError, TransitionError, WorkflowError

if TYPE_CHECKING:
    from transitions import EventData, Machine

__all__ = [
    "CONDITIONS",
    "EDXML_CODES",
    "StateSpec",
    "TransitionSpec",
    "Workflow",
    "Workflows",
    "check_folder",
    "default_workflows",
    "load_workflow",
    "load_workflows",
]

DIRECTIONS = ("out", "in")
DIRECTION_LABELS = {"out": "văn bản đi", "in": "văn bản đến"}

# edXML handling status codes (QCVN 102:2016/BTTTT) an incoming state may carry.
EDXML_CODES: dict[str, str] = {
    "01": "Đã đến",
    "02": "Từ chối tiếp nhận",
    "03": "Đã tiếp nhận",
    "04": "Đang chờ phân công",
    "05": "Đã phân công – đang xử lý",
    "06": "Đã xử lý xong",
}

# The conditions a transition may require, with what they mean to a person. A condition
# holds when the caller of :meth:`Workflow.fire` passes a true value under its name in
# ``context`` (the office layer knows the facts; the workflow only names them).
CONDITIONS: dict[str, str] = {
    "has_lead": "văn bản đã có đơn vị hoặc người chủ trì xử lý",
    "has_outcome": "văn bản đã có ít nhất một kết quả thực hiện được ghi nhận",
    "has_signer": "văn bản đã có người ký",
    "has_attachment": "văn bản đã có tệp đính kèm",
}

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_WORKFLOW_KEYS = (
    "name",
    "label",
    "direction",
    "types",
    "initial",
    "editors",
    "separate",
    "states",
    "transitions",
)
# Who may edit a draft besides its author, when the workflow file does not say.
DEFAULT_EDITORS = frozenset({Role.LANH_DAO, Role.VAN_THU})
_STATE_KEYS = ("name", "label", "final", "allocates_number", "open", "edxml")
_TRANSITION_KEYS = (
    "trigger",
    "source",
    "dest",
    "label",
    "roles",
    "conditions",
    "signs",
    "authority",
    "signer_required",
)
_AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
_ROLE_ORDER = tuple(Role)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(f"«{item}»" for item in items)


def _roles_text(roles: Iterable[Role]) -> str:
    ordered = [r for r in _ROLE_ORDER if r in set(roles)]
    return " hoặc ".join(ROLE_LABELS[r] for r in ordered)


@dataclass(frozen=True, slots=True)
class StateSpec:
    """One state of a lifecycle."""

    name: str
    label: str
    final: bool = False
    allocates_number: bool = False
    open: bool = False
    edxml: str | None = None


@dataclass(frozen=True, slots=True)
class TransitionSpec:
    """One transition: ``trigger`` moves a document from any of ``sources`` to ``dest``."""

    trigger: str
    sources: tuple[str, ...]
    dest: str
    label: str
    roles: frozenset[Role]
    conditions: tuple[str, ...] = ()
    # Firing it signs the document: the acting user becomes its signer (name, the title and
    # authority given, else ``authority``).
    signs: bool = False
    authority: str | None = None
    # The document must carry a signer once this transition has moved it (issue).
    signer_required: bool = False

    def permits(self, roles: Iterable[Role]) -> bool:
        """Whether someone holding ``roles`` may fire this transition."""
        return not self.roles.isdisjoint(roles)


class _Token:
    """What the shared machine moves: the current state and the facts conditions read."""

    __slots__ = ("context", "status")

    def __init__(self, status: str, context: Mapping[str, object]) -> None:
        self.status = status
        self.context = context


def _condition(name: str) -> Callable[[EventData], bool]:
    def check(event: EventData) -> bool:
        token = event.model
        assert isinstance(token, _Token)
        return bool(token.context.get(name))

    check.__name__ = f"condition_{name}"
    return check


class Workflow:
    """A lifecycle loaded from a workflow file (or built in code)."""

    def __init__(
        self,
        *,
        name: str,
        label: str,
        direction: str,
        types: Iterable[str],
        initial: str,
        states: Iterable[StateSpec],
        transitions: Iterable[TransitionSpec],
        source_file: Path | None = None,
        editors: Iterable[Role] = DEFAULT_EDITORS,
        separate: Iterable[Iterable[str]] = (),
    ) -> None:
        self.name = name
        # Sets of triggers one person may not all fire on a document (separation of duties:
        # the one who signs does not number).
        self.separate: tuple[frozenset[str], ...] = tuple(frozenset(group) for group in separate)
        # Who may edit a document not yet recorded, besides the one who drafted it.
        self.editors: frozenset[Role] = frozenset(editors)
        self.label = label
        self.direction = direction
        self.types: frozenset[str] = frozenset(types)
        self.initial = initial
        self.source_file = source_file
        self.states: dict[str, StateSpec] = {s.name: s for s in states}
        self.transitions: tuple[TransitionSpec, ...] = tuple(transitions)
        self._from: dict[str, list[TransitionSpec]] = {s: [] for s in self.states}
        self._by_trigger: dict[str, list[TransitionSpec]] = {}
        self._index: dict[tuple[str, str], TransitionSpec] = {}
        for t in self.transitions:
            self._by_trigger.setdefault(t.trigger, []).append(t)
            for source in t.sources:
                self._from.setdefault(source, []).append(t)
                self._index.setdefault((source, t.trigger), t)
        self._numbering_state = next((s.name for s in self.states.values() if s.allocates_number), None)
        self._issued = self._reachable(self._numbering_state)
        self._final = frozenset(s.name for s in self.states.values() if s.final)
        self._machine: Machine | None = None
        self._lock = threading.Lock()
        # (state, trigger, conditions held) → the state the machine moved its token to.
        self._decided: dict[tuple[str, str, tuple[bool, ...]], str] = {}

    def __repr__(self) -> str:
        return f"<Workflow {self.name!r} ({self.direction}, {len(self.states)} states)>"

    # --- looking ---------------------------------------------------------------------------

    @property
    def covers_all_types(self) -> bool:
        """An incoming lifecycle with no type list, or listing every administrative type."""
        return not self.types or all(t.key in self.types for t in ADMINISTRATIVE_TYPES)

    def state(self, name: str) -> StateSpec:
        """The state called ``name``; an unknown name is refused in Vietnamese."""
        try:
            return self.states[name]
        except KeyError:
            raise InputError(
                f"Quy trình «{self.label}» không có trạng thái «{name}».",
                hint=f"Các trạng thái: {self._states_hint()}.",
            ) from None

    def label_of(self, state: str | None) -> str:
        """The Vietnamese label of a state; "" for None, the name itself when unknown."""
        if state is None:
            return ""
        spec = self.states.get(state)
        return spec.label if spec else state

    def trigger_label(self, trigger: str) -> str:
        """The Vietnamese label of an action; the trigger itself when unknown."""
        found = self._by_trigger.get(trigger)
        return found[0].label if found else trigger

    def triggers(self) -> tuple[str, ...]:
        """Every trigger of this lifecycle, in file order."""
        return tuple(self._by_trigger)

    def has_trigger(self, trigger: str) -> bool:
        return trigger in self._by_trigger

    def transitions_from(self, state: str) -> list[TransitionSpec]:
        """Every transition leaving ``state`` whoever fires it, in file order."""
        return list(self._from.get(state, ()))

    def transition(self, state: str, trigger: str) -> TransitionSpec | None:
        """The transition ``trigger`` fires from ``state``, or None."""
        return self._index.get((state, trigger))

    def can_fire(self, state: str, trigger: str) -> bool:
        """Whether ``trigger`` leads anywhere from ``state``, whatever the roles and conditions."""
        return (state, trigger) in self._index

    def allowed(self, state: str, roles: Iterable[Role]) -> list[TransitionSpec]:
        """The transitions someone holding ``roles`` may fire from ``state`` (conditions aside)."""
        held = frozenset(roles)
        return [t for t in self._from.get(state, ()) if t.permits(held)]

    def open_states(self) -> frozenset[str]:
        return frozenset(s.name for s in self.states.values() if s.open)

    def final_states(self) -> frozenset[str]:
        return frozenset(s.name for s in self.states.values() if s.final)

    def numbering_state(self) -> str | None:
        """The state whose entry gives the document its number (số, or số đến), if any."""
        return self._numbering_state

    @property
    def signing_roles(self) -> frozenset[Role]:
        """The roles that may take a step that signs (lãnh đạo when no step of this one signs)."""
        roles: frozenset[Role] = frozenset().union(*(t.roles for t in self.transitions if t.signs))
        return roles or frozenset({Role.LANH_DAO})

    @property
    def signed_states(self) -> frozenset[str]:
        """The states a step that signs leads to: a document there carries its signer's own record."""
        return frozenset(t.dest for t in self.transitions if t.signs)

    def editable(self, state: str | None) -> bool:
        """Whether a document in ``state`` may still be edited: before it is numbered, not ended."""
        return state is not None and state not in self._issued and state not in self._final

    def issued_states(self) -> frozenset[str]:
        """The states of a document out in the world: the numbering state and all after it."""
        return self._issued

    def in_force(self, state: str | None) -> bool:
        """Whether a document in ``state`` is issued and not ended (recalled, replaced…)."""
        return state in self._issued and state not in self._final

    def _reachable(self, start: str | None) -> frozenset[str]:
        if start is None:
            return frozenset()
        reach = {start}
        frontier = [start]
        while frontier:
            state = frontier.pop()
            for t in self._from.get(state, ()):
                if t.dest not in reach:
                    reach.add(t.dest)
                    frontier.append(t.dest)
        return frozenset(reach)

    def edxml_code(self, state: str | None) -> str | None:
        """The edXML handling status code of an incoming state, if it has one."""
        spec = self.states.get(state) if state is not None else None
        return spec.edxml if spec else None

    # --- firing ----------------------------------------------------------------------------

    def fire(
        self,
        state: str,
        trigger: str,
        roles: Iterable[Role],
        context: Mapping[str, object] | None = None,
    ) -> str:
        """Fire ``trigger`` from ``state`` for someone holding ``roles``; return the new state.

        Refuses with :class:`TransitionError` when the trigger is unknown here or does not
        leave ``state`` (or a condition does not hold), and with
        :class:`PermissionDeniedError` when none of ``roles`` may fire it. ``context`` carries
        the facts named by the transition's conditions.
        """
        held = frozenset(roles)
        spec = self._check(state, trigger)
        if not spec.permits(held):
            having = _roles_text(held) if held else "chưa có vai trò nào"
            raise PermissionDeniedError(
                f"Chỉ {_roles_text(spec.roles)} được «{spec.label}» văn bản.",
                hint=f"Người dùng hiện tại: {having}.",
            )
        facts = context or {}
        # The machine's answer depends on nothing but these: it is asked once for each.
        held_facts = tuple(bool(facts.get(c)) for c in spec.conditions) if spec.conditions else ()
        key = (state, trigger, held_facts)
        dest = self._decided.get(key)
        if dest is None:
            token = _Token(state, facts)
            if not self._get_machine().events[trigger].trigger(token):
                missing = [c for c in spec.conditions if not facts.get(c)]
                why = "; ".join(CONDITIONS.get(c, c) for c in missing) or "điều kiện chưa thỏa"
                raise TransitionError(
                    f"Chưa thể «{spec.label}» văn bản đang ở trạng thái «{self.label_of(state)}».",
                    hint=f"Cần: {why}.",
                )
            dest = self._decided[key] = token.status
        return dest

    def _check(self, state: str, trigger: str) -> TransitionSpec:
        if state not in self.states:
            raise TransitionError(
                f"Trạng thái «{state}» không có trong quy trình «{self.label}».",
                hint=f"Các trạng thái: {self._states_hint()}.",
            )
        if trigger not in self._by_trigger:
            raise TransitionError(
                f"Quy trình «{self.label}» không có thao tác «{trigger}».",
                hint=self._allowed_hint(state),
            )
        spec = self._index.get((state, trigger))
        if spec is None:
            raise TransitionError(
                f"Không thể «{self.trigger_label(trigger)}» văn bản đang ở trạng thái "
                f"«{self.label_of(state)}».",
                hint=self._allowed_hint(state),
            )
        return spec

    def _allowed_hint(self, state: str) -> str:
        leaving = self._from.get(state, [])
        if not leaving:
            return "Không còn thao tác nào với văn bản ở trạng thái này."
        return "Các thao tác được phép: " + ", ".join(f"«{t.label}» ({t.trigger})" for t in leaving) + "."

    def _states_hint(self) -> str:
        return ", ".join(f"{s.name} «{s.label}»" for s in self.states.values())

    def _get_machine(self) -> Machine:
        machine = self._machine
        if machine is None:
            with self._lock:
                if self._machine is None:
                    self._machine = self._build_machine()
                machine = self._machine
        return machine

    def _build_machine(self) -> Machine:
        from transitions import Machine

        return Machine(
            model=None,
            states=list(self.states),
            initial=self.initial,
            transitions=[
                {
                    "trigger": t.trigger,
                    "source": list(t.sources),
                    "dest": t.dest,
                    "conditions": [_condition(c) for c in t.conditions],
                }
                for t in self.transitions
            ],
            auto_transitions=False,
            model_attribute="status",
            send_event=True,
            name=self.name,
        )

    # --- drawing ---------------------------------------------------------------------------

    def to_mermaid(self) -> str:
        """A Mermaid ``stateDiagram-v2`` of the lifecycle with its Vietnamese labels."""

        def text(value: str) -> str:
            return value.replace('"', "#quot;").replace(";", "#59;")

        lines = ["stateDiagram-v2", f"    %% {text(self.label)} ({self.name})"]
        for s in self.states.values():
            marks = []
            if s.allocates_number:
                marks.append("cấp số")
            if s.edxml:
                marks.append(f"edXML {s.edxml}")
            shown = f"{s.label} ({', '.join(marks)})" if marks else s.label
            lines.append(f'    state "{text(shown)}" as {s.name}')
        lines.append(f"    [*] --> {self.initial}")
        for t in self.transitions:
            for source in t.sources:
                lines.append(f"    {source} --> {t.dest} : {text(t.label)}")
        for s in self.states.values():
            if s.final:
                lines.append(f"    {s.name} --> [*]")
        return "\n".join(lines) + "\n"


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


# --- loading -------------------------------------------------------------------------------


class _Reader:
    """Reads one workflow file, collecting every fault instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.faults: list[str] = []

    def fault(self, message: str) -> None:
        self.faults.append(f"{self.path}: {message}")

    def read(self) -> Workflow | None:
        try:
            with self.path.open("rb") as handle:
                data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as err:
            where = re.search(r"line (\d+), column (\d+)", str(err))
            if where:
                self.fault(f"lỗi cú pháp TOML ở dòng {where[1]}, cột {where[2]}.")
            else:
                self.fault(f"lỗi cú pháp TOML ({err}).")
            return None
        except UnicodeDecodeError:
            self.fault("tệp không phải văn bản UTF-8.")
            return None
        except OSError as err:
            self.fault(f"không đọc được tệp ({err.strerror or err}).")
            return None
        return self.parse(data)

    # small typed getters ------------------------------------------------------------------

    def _unknown_keys(self, table: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for key in table:
            if key not in allowed:
                self.fault(f"khóa «{key}» {where} không được hỗ trợ (dùng: {', '.join(allowed)}).")

    def _text(self, table: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.fault(f"{where} thiếu «{key}».")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fault(f"«{key}» của {where} phải là một chuỗi không rỗng.")
            return None
        return _nfc(value)

    def _ident(self, table: Mapping[str, Any], key: str, where: str) -> str | None:
        value = self._text(table, key, where)
        if value is not None and not _NAME_RE.match(value):
            self.fault(
                f"«{key}» của {where} là «{value}»: chỉ dùng chữ thường không dấu, chữ số và "
                "dấu gạch dưới, bắt đầu bằng một chữ."
            )
            return None
        return value

    def _label(self, table: Mapping[str, Any], where: str) -> str | None:
        value = table.get("label")
        if value is None or (isinstance(value, str) and not value.strip()):
            self.fault(f"{where} thiếu nhãn tiếng Việt (label).")
            return None
        if not isinstance(value, str):
            self.fault(f"nhãn (label) của {where} phải là một chuỗi.")
            return None
        return _nfc(value)

    def _flag(self, table: Mapping[str, Any], key: str, where: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.fault(f"«{key}» của {where} phải là true hoặc false.")
            return False
        return value

    def _names(self, table: Mapping[str, Any], key: str, where: str, *, required: bool) -> list[str]:
        value = table.get(key)
        if value is None:
            if required:
                self.fault(f"{where} thiếu «{key}».")
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fault(f"«{key}» của {where} phải là một chuỗi hoặc một danh sách chuỗi.")
            return []
        if required and not value:
            self.fault(f"«{key}» của {where} không được rỗng.")
        return [_nfc(v) for v in value]

    def _tables(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = data.get(key)
        header = "[[states]]" if key == "states" else "[[transitions]]"
        if value is None:
            self.fault(f"thiếu các mục {header}.")
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fault(f"«{key}» phải là các mục {header}.")
            return []
        if not value:
            self.fault(f"thiếu các mục {header}.")
        return value

    # the file -----------------------------------------------------------------------------

    def parse(self, data: Mapping[str, Any]) -> Workflow | None:
        self._unknown_keys(data, _WORKFLOW_KEYS, "ở đầu tệp")
        name = self._ident(data, "name", "quy trình")
        label = self._label(data, "quy trình")
        direction = self._text(data, "direction", "quy trình")
        if direction is not None and direction not in DIRECTIONS:
            self.fault(
                f'hướng «{direction}» không hợp lệ (dùng "out" cho văn bản đi hoặc "in" cho văn bản đến).'
            )
            direction = None
        types = self._types(data, direction)
        initial = self._text(data, "initial", "quy trình")
        states = self._states(data, direction)
        transitions = self._transitions(data, states)
        editors = self._roles(data, "quy trình", key="editors") if "editors" in data else DEFAULT_EDITORS
        separate = self._separate(data, transitions)
        self._check_graph(initial, states, transitions)
        if self.faults or name is None or label is None or direction is None or initial is None:
            return None
        return Workflow(
            name=name,
            label=label,
            direction=direction,
            types=types,
            initial=initial,
            states=states.values(),
            transitions=transitions,
            source_file=self.path,
            editors=editors,
            separate=separate,
        )

    def _types(self, data: Mapping[str, Any], direction: str | None) -> list[str]:
        raw = self._names(data, "types", "quy trình", required=direction == "out")
        keys: list[str] = []
        for text in raw:
            key = canonical_type_key(text)
            if key is None:
                self.fault(f"loại văn bản «{text}» không có trong danh mục (Nghị định 30/2020, Phụ lục III).")
                continue
            if key in keys:
                self.fault(f"loại văn bản «{text}» được khai báo hai lần.")
                continue
            if direction == "out" and not get_type(key).issuable:
                self.fault(f"loại văn bản «{text}» ({type_name(key)}) không do cơ quan ban hành qua sổ này.")
                continue
            keys.append(key)
        return keys

    def _states(self, data: Mapping[str, Any], direction: str | None) -> dict[str, StateSpec]:
        states: dict[str, StateSpec] = {}
        for table in self._tables(data, "states"):
            raw_name = table.get("name")
            where = f"trạng thái «{raw_name}»" if isinstance(raw_name, str) else "một trạng thái"
            self._unknown_keys(table, _STATE_KEYS, f"trong {where}")
            name = self._ident(table, "name", where)
            label = self._label(table, where)
            final = self._flag(table, "final", where)
            numbering = self._flag(table, "allocates_number", where)
            is_open = self._flag(table, "open", where)
            edxml = table.get("edxml")
            if edxml is not None:
                if direction == "out":
                    self.fault(f"{where} có mã edXML nhưng mã edXML chỉ dùng cho quy trình văn bản đến.")
                elif not isinstance(edxml, str) or edxml not in EDXML_CODES:
                    self.fault(
                        f"mã edXML «{edxml}» của {where} không hợp lệ (dùng 01–06, viết trong ngoặc kép)."
                    )
                    edxml = None
            elif direction == "in":
                self.fault(f"{where} của quy trình văn bản đến thiếu mã edXML (01–06).")
            if final and is_open:
                self.fault(f"{where} vừa là trạng thái kết thúc (final) vừa là việc đang mở (open).")
            if name is None or label is None:
                continue
            if name in states:
                self.fault(f"trạng thái «{name}» được khai báo hai lần.")
                continue
            states[name] = StateSpec(
                name=name,
                label=label,
                final=final,
                allocates_number=numbering,
                open=is_open,
                edxml=edxml if isinstance(edxml, str) else None,
            )
        numbering_states = [s.name for s in states.values() if s.allocates_number]
        if len(numbering_states) > 1:
            self.fault(
                f"chỉ một trạng thái được cấp số (allocates_number), ở đây có: {_quoted(numbering_states)}."
            )
        return states

    def _transitions(self, data: Mapping[str, Any], states: Mapping[str, StateSpec]) -> list[TransitionSpec]:
        specs: list[TransitionSpec] = []
        seen: dict[tuple[str, str], int] = {}
        for number, table in enumerate(self._tables(data, "transitions"), start=1):
            raw = table.get("trigger")
            where = f"chuyển «{raw}»" if isinstance(raw, str) else f"chuyển thứ {number}"
            self._unknown_keys(table, _TRANSITION_KEYS, f"trong {where}")
            trigger = self._ident(table, "trigger", where)
            label = self._label(table, where)
            sources = list(dict.fromkeys(self._names(table, "source", where, required=True)))
            dest = self._text(table, "dest", where)
            for state in [*sources, *([dest] if dest else [])]:
                if state not in states:
                    self.fault(f"trạng thái «{state}» trong {where} không được khai báo.")
            roles = self._roles(table, where)
            conditions = self._names(table, "conditions", where, required=False)
            for condition in conditions:
                if condition not in CONDITIONS:
                    self.fault(
                        f"điều kiện «{condition}» trong {where} không tồn tại "
                        f"(dùng: {', '.join(CONDITIONS)})."
                    )
            if trigger is None:
                continue
            for source in sources:
                if (source, trigger) in seen:
                    self.fault(f"thao tác «{trigger}» được khai báo hai lần từ trạng thái «{source}».")
                seen[(source, trigger)] = number
                spec = states.get(source)
                if spec is not None and spec.final:
                    self.fault(f"trạng thái kết thúc «{source}» không được có chuyển đi ({where}).")
            authority = self._text(table, "authority", where, required=False)
            if authority is not None and authority not in _AUTHORITIES:
                self.fault(
                    f"thẩm quyền ký «{authority}» trong {where} không hợp lệ "
                    f"(dùng: {', '.join(_AUTHORITIES)})."
                )
            if label is None or dest is None or not sources:
                continue
            specs.append(
                TransitionSpec(
                    trigger=trigger,
                    sources=tuple(sources),
                    dest=dest,
                    label=label,
                    roles=roles,
                    conditions=tuple(dict.fromkeys(conditions)),
                    signs=self._flag(table, "signs", where),
                    authority=authority,
                    signer_required=self._flag(table, "signer_required", where),
                )
            )
        return specs

    def _separate(self, data: Mapping[str, Any], transitions: list[TransitionSpec]) -> list[list[str]]:
        value = data.get("separate", [])
        if not isinstance(value, list) or not all(
            isinstance(group, list) and len(group) >= 2 and all(isinstance(t, str) for t in group)
            for group in value
        ):
            self.fault('«separate» phải là danh sách các nhóm thao tác, ví dụ [["sign", "issue"]].')
            return []
        known = {t.trigger for t in transitions}
        for group in value:
            for trigger in group:
                if trigger not in known:
                    self.fault(f"thao tác «{trigger}» trong «separate» không có trong quy trình.")
        return [list(group) for group in value]

    def _roles(self, table: Mapping[str, Any], where: str, *, key: str = "roles") -> frozenset[Role]:
        roles: set[Role] = set()
        for text in self._names(table, key, where, required=key == "roles"):
            try:
                roles.add(Role(text))
            except ValueError:
                self.fault(
                    f"vai trò «{text}» trong {where} không tồn tại "
                    f"(dùng: {', '.join(r.value for r in Role)})."
                )
        return frozenset(roles)

    def _check_graph(
        self, initial: str | None, states: Mapping[str, StateSpec], transitions: list[TransitionSpec]
    ) -> None:
        if initial is None:
            return
        if initial not in states:
            self.fault(f"trạng thái ban đầu «{initial}» không được khai báo.")
            return
        reached = {initial}
        frontier = [initial]
        while frontier:
            state = frontier.pop()
            for t in transitions:
                if state in t.sources and t.dest not in reached:
                    reached.add(t.dest)
                    frontier.append(t.dest)
        for name in states:
            if name not in reached:
                self.fault(f"trạng thái «{name}» không thể đạt tới từ trạng thái ban đầu «{initial}».")


def load_workflow(path: Path) -> Workflow:
    """Read and check one workflow file; a broken file raises :class:`WorkflowError`."""
    reader = _Reader(Path(path))
    workflow = reader.read()
    if workflow is None:
        raise _error(reader.faults)
    return workflow


def _error(faults: list[str]) -> WorkflowError:
    if len(faults) == 1:
        return WorkflowError(faults[0])
    return WorkflowError("\n".join(faults))


def _scan(folder: Path) -> tuple[list[Workflow], list[str]]:
    if not folder.is_dir():
        return [], [f"{folder}: không tìm thấy thư mục quy trình."]
    files = sorted(p for p in folder.iterdir() if p.suffix == ".toml" and p.is_file())
    if not files:
        return [], [f"{folder}: thư mục không có tệp quy trình nào (*.toml)."]
    workflows: list[Workflow] = []
    faults: list[str] = []
    for path in files:
        reader = _Reader(path)
        workflow = reader.read()
        faults.extend(reader.faults)
        if workflow is not None:
            workflows.append(workflow)
    names: dict[str, Workflow] = {}
    out_types: dict[str, Workflow] = {}
    in_types: dict[str, Workflow] = {}
    in_generic: Workflow | None = None
    for w in workflows:
        first = names.setdefault(w.name, w)
        if first is not w:
            faults.append(f"{w.source_file}: tên quy trình «{w.name}» đã dùng trong {first.source_file}.")
            continue
        if w.direction == "in" and w.covers_all_types:
            if in_generic is not None:
                faults.append(
                    f"{w.source_file}: đã có quy trình văn bản đến chung cho mọi loại "
                    f"«{in_generic.name}» ({in_generic.source_file})."
                )
            else:
                in_generic = w
            continue
        taken = out_types if w.direction == "out" else in_types
        for key in sorted(w.types):
            other = taken.setdefault(key, w)
            if other is not w:
                faults.append(
                    f"{w.source_file}: loại văn bản «{key}» đã thuộc quy trình «{other.name}» "
                    f"({other.source_file})."
                )
    return workflows, faults


def load_workflows(folder: Path | None = None) -> Workflows:
    """Read every ``*.toml`` of ``folder`` (default: the lifecycles shipped with vanban)."""
    folder = _default_folder() if folder is None else Path(folder)
    workflows, faults = _scan(folder)
    if faults:
        raise _error(faults)
    return Workflows(workflows, folder)


def check_folder(folder: Path) -> list[str]:
    """Every fault of the workflow files in ``folder``, each naming its file; [] when all good."""
    return _scan(Path(folder))[1]


def _default_folder() -> Path:
    import importlib.resources

    shipped = importlib.resources.files("vanban") / "workflows"
    if isinstance(shipped, Path) and shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[3] / "workflows"


@functools.cache
def default_workflows() -> Workflows:
    """The lifecycles shipped with vanban, loaded once."""
    return load_workflows(None)
