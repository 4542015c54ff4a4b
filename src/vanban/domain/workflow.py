"""Lifecycles as data: the states, transitions and rules a workflow file of ``workflows/`` carries.

A :class:`Workflow` names its states (with Vietnamese labels, the edXML handling status of an
incoming state), its initial state and its transitions with the keys the ``transitions``
package uses, the roles allowed to fire each transition and the document types it serves.
Reading and checking the files themselves is :mod:`vanban.domain.workflow_files`.

Each :class:`Workflow` keeps ONE ``transitions.Machine`` built on first use with
``model=None, auto_transitions=False, model_attribute="status"``; firing a trigger runs the
event on a throw-away token carrying the current state, so nothing is kept per document.
The machine has no callbacks but the conditions, so its answer for a (state, trigger,
conditions held) never changes: it is asked once and the answer kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vanban.domain.model import ROLE_LABELS, Role
from vanban.domain.types import ADMINISTRATIVE_TYPES, fold
from vanban.errors import InputError, PermissionDeniedError, TransitionError

if TYPE_CHECKING:
    from transitions import EventData, Machine

__all__ = [
    "CONDITIONS",
    "EDXML_CODES",
    "StateSpec",
    "TransitionSpec",
    "Workflow",
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

# The use cases a transition may be reserved to (``command`` in a workflow file), with how a
# person runs each ({ref}: the document's số, ký hiệu) and what it records beyond a note: the
# generic step refuses such a transition and shows this instead.
COMMANDS: dict[str, tuple[str, str]] = {
    "replace": (
        'vanban replace {ref} --by SỐ_KÝ_HIỆU_MỚI --reason "lý do"',
        "văn bản thay thế (đã ban hành) và lý do",
    ),
}

# Who may edit a draft besides its author, when the workflow file does not say.
DEFAULT_EDITORS = frozenset({Role.LANH_DAO, Role.VAN_THU})
_ROLE_ORDER = tuple(Role)


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
    # Fired only with a stated reason, the note (thu hồi, thay thế: Nghị định 30, Điều 18).
    reason: bool = False
    # Fired only by its own use case, which records more than a note (replace: the replacing
    # document and the link); the generic step refuses it and names the command (COMMANDS).
    command: str | None = None

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

    def trigger_named(self, text: str) -> str:
        """The trigger a person names by its label as the refusals list it ("Trình ký",
        "trinh ky", "TRÌNH-KÝ"), or by its name in the lifecycle file ("submit", kept for
        scripts); an unknown name as typed, so that the refusal lists the actions allowed."""
        named = text.strip()
        if named in self._by_trigger:
            return named
        wanted = _folded(named)
        labelled = {t.trigger for t in self.transitions if _folded(t.label) == wanted}
        return labelled.pop() if len(labelled) == 1 else named

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
        # The labels alone: a person reads them and types them back (trigger_named).
        return "Các thao tác được phép: " + ", ".join(f"«{t.label}»" for t in leaving) + "."

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


def _folded(text: str) -> str:
    """A label as compared with what was typed: case, diacritics, dashes and repeated spaces aside."""
    return " ".join(fold(text).replace("-", " ").replace("_", " ").split())
