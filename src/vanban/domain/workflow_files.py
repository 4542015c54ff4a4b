"""Reading and checking the workflow files of ``workflows/`` into :class:`~vanban.domain.workflow.Workflow`.

A workflow file (TOML, read with :mod:`tomllib`) names its states, its initial state and its
transitions with the keys the ``transitions`` package uses (``trigger``, ``source``, ``dest``,
``conditions``), plus a Vietnamese label for every state and transition, the roles allowed to
fire each transition, the edXML handling status of every incoming state and the document types
the lifecycle serves. Files are checked when loaded; a broken file is refused with a
:class:`~vanban.errors.WorkflowError` naming the file and the fault.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from vanban.domain.model import Role
from vanban.domain.types import canonical_type_key, get_type, type_name
from vanban.domain.workflow import (
    COMMANDS,
    CONDITIONS,
    DEFAULT_EDITORS,
    DIRECTIONS,
    EDXML_CODES,
    StateSpec,
    TransitionSpec,
    Workflow,
)
from vanban.domain.workflows import Workflows
from vanban.errors import WorkflowError

__all__ = [
    "check_folder",
    "default_workflows",
    "load_workflow",
    "load_workflows",
]

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
    "reason",
    "command",
)
_AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(f"«{item}»" for item in items)


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
            command = self._text(table, "command", where, required=False)
            if command is not None and command not in COMMANDS:
                self.fault(f"lệnh «{command}» trong {where} không tồn tại (dùng: {', '.join(COMMANDS)}).")
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
                    reason=self._flag(table, "reason", where),
                    command=command,
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
