"""Who is making a change: written into every audit entry."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from .model.base import Role


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, no USER variable
        return "unknown"


@dataclass(frozen=True)
class Actor:
    """The person at the keyboard, as they said who they are, and the OS account."""

    name: str
    role: Role
    os_user: str

    @classmethod
    def current(cls, name: str = "", role: Role = Role.OTHER) -> Actor:
        user = os_user()
        return cls(name=name or user, role=role, os_user=user)
