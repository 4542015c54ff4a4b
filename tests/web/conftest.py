"""A signed-in web desk over the register of UBND xã Phú Thái, on every engine under test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from webdesk import PASSWORDS, Desk


@pytest.fixture(scope="session", autouse=True)
def _cheap_hashes() -> Iterator[None]:
    """Argon2 at its cheapest here: the tests are about who may do what, not about the hash's cost."""
    from argon2 import PasswordHasher, profiles

    from vanban.office import auth

    auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    auth.use_hasher(PasswordHasher())


@pytest.fixture
def desk(office: Any) -> Iterator[Desk]:
    """The register of the ``office`` fixture with a chairman, a reader and an admin, all with passwords."""
    from vanban.office import auth

    office.add_user("tracuu", name="Phạm Thị Tra Cứu", roles=["tra_cuu"])
    office.add_user("quantri", name="Đỗ Văn Quản Trị", roles=["quan_tri"])
    for login, password in PASSWORDS.items():
        auth.set_password(office, login, password)  # the office acts as vanthu, the first admin
    yield Desk(office)
