"""Who may do what: the role sets of the use cases and the one check that refuses the others."""

from __future__ import annotations

from vanban.domain.model import ROLE_LABELS, Role, User
from vanban.errors import PermissionDeniedError

WRITE_ROLES = frozenset({Role.VAN_THU, Role.CHUYEN_VIEN, Role.LANH_DAO})
CLERK_ROLES = frozenset({Role.VAN_THU, Role.QUAN_TRI})
ADMIN_ROLES = frozenset({Role.QUAN_TRI})
ASSIGN_ROLES = frozenset({Role.LANH_DAO, Role.VAN_THU})


def require(user: User, roles: frozenset[Role], action: str) -> None:
    """Refuse ``action`` to a user holding none of ``roles``."""
    if not user.has_any(roles):
        needed = ", ".join(ROLE_LABELS[r] for r in sorted(roles, key=list(Role).index))
        raise PermissionDeniedError(
            f"Người dùng «{user.login}» không được {action}.",
            hint=f"Cần một trong các vai trò: {needed}. Dùng --as để chọn người khác.",
        )
