"""``pip install 'vanban[web]'`` brings everything the web desk imports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

_IMPORTED = """
import json, sys
from click.testing import CliRunner
from vanban.cli import cli
db = sys.argv[1]
runner = CliRunner()
init = ["--db", db, "init", "--org", "UBND", "--name", "Ủy ban nhân dân xã Phú Thái", "--place", "Phú Thái"]
assert runner.invoke(cli, init).exit_code == 0
ran = runner.invoke(cli, ["--db", db, "serve", "--get", "/api/v1/status"])
print(json.dumps({"code": ran.exit_code, "modules": sorted(sys.modules)}))
"""


def _closure(requirements: list[Requirement], extras: frozenset[str]) -> set[str]:
    """The distributions ``requirements`` install with ``extras`` asked for, and what those
    require in turn (their own extras only where a requirement names them), normalized names."""
    seen: set[str] = set()
    todo = [(r, extras) for r in requirements]
    while todo:
        requirement, asked = todo.pop()
        marker = requirement.marker
        if marker is not None and not any(marker.evaluate({"extra": e}) for e in (asked or {""})):
            continue
        name = _normal(requirement.name)
        key = f"{name}[{','.join(sorted(requirement.extras))}]"
        if key in seen:
            continue
        seen.update((key, name))
        try:
            requires = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            continue
        todo.extend((Requirement(r), frozenset(requirement.extras)) for r in requires)
    return {k for k in seen if "[" not in k}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_serve_get_imports_only_what_the_web_extra_installs(tmp_path: Path) -> None:
    ran = subprocess.run(
        [sys.executable, "-c", _IMPORTED, str(tmp_path / "xa.sqlite")],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(ran.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, ran.stderr
    # What the interpreter loads before any line of vanban (site hooks) is no import of vanban's.
    startup = subprocess.run(
        [sys.executable, "-c", "import json, sys; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    before = set(json.loads(startup.stdout))
    # What the project's own file asks for (not the metadata of whatever vanban is installed).
    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8"))
    asked = project["project"]["dependencies"] + project["project"]["optional-dependencies"]["web"]
    installed = _closure([Requirement(r) for r in asked], frozenset())
    by_module = metadata.packages_distributions()
    missing = set()
    for module in result["modules"]:
        top = module.split(".", 1)[0]
        if module in before or top in sys.stdlib_module_names or top == "vanban" or top not in by_module:
            continue
        if not any(_normal(d) in installed for d in by_module[top]):
            missing.add((top, tuple(by_module[top])))
    assert not missing, f"vanban serve --get imports what [web] does not install: {sorted(missing)}"
