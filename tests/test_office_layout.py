"""The use-case layer keeps the shape a newcomer can map: small modules, and an ``Office`` whose
own body names every public method (its bodies live in office/facade/, grouped by job)."""

from __future__ import annotations

import inspect
from pathlib import Path

import vanban.office
from vanban import Office

OFFICE = Path(vanban.office.__file__).parent


def test_no_module_of_the_use_case_layer_is_over_500_lines() -> None:
    sizes = {
        str(path.relative_to(OFFICE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in OFFICE.rglob("*.py")
    }
    assert sizes and max(sizes.values()) <= 500, {name: n for name, n in sizes.items() if n > 500}


def test_every_public_method_of_office_is_named_in_its_own_class_body() -> None:
    # Named there, each is documented in full in docs/api (pdoc lists inherited members by name
    # only), and the class reads as the index of the API.
    public = [name for name, _ in inspect.getmembers(Office, callable) if not name.startswith("_")]
    assert public
    assert [name for name in public if name not in vars(Office)] == []


def test_the_facade_methods_hand_their_work_to_a_runner_and_hold_no_sql() -> None:
    for path in (OFFICE / "facade").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "sqlalchemy" not in text and "uow." not in text, path.name
