"""Every remembered setting, declared once with its default.

Stored with QSettings, per OS account: the window's geometry, the zoom, the
presentation theme, who the person said they are, and where work stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from ...actor import Actor

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T


ZOOM = Option("view/zoom_percent", 100)
PRESENTATION_ZOOM = Option("view/presentation_zoom_percent", 160)
HIGH_CONTRAST = Option("view/high_contrast", False)
USER_NAME = Option("user/name", "")
USER_ROLE = Option("user/role", "")
LAST_CONFERENCE = Option("last/conference_id", 0)
LAST_PANE = Option("last/pane", "")
LAST_FIELD = Option("last/field", "")
GEOMETRY = Option("window/geometry", b"")
#: The shared window: its own type size and theme, and where it was (size and screen).
SHARED_ZOOM = Option("shared/zoom_percent", 180)
SHARED_HIGH_CONTRAST = Option("shared/high_contrast", False)
SHARED_GEOMETRY = Option("shared/geometry", b"")

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 100, 250, 10


class Settings:
    """Typed access to QSettings for the declared options."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings("cprecorder", "cprecorder")

    def get(self, option: Option[T]) -> T:
        raw: Any = self.q.value(option.key, option.default)
        default = option.default
        try:
            if isinstance(default, bool):
                value: Any = raw if isinstance(raw, bool) else str(raw).lower() == "true"
            elif isinstance(default, int):
                value = int(raw)
            elif isinstance(default, bytes):
                value = bytes(raw) if raw is not None else b""
            else:
                value = str(raw)
        except (TypeError, ValueError):
            return default
        return value  # type: ignore[no-any-return]

    def set(self, option: Option[T], value: T) -> None:
        self.q.setValue(option.key, value)

    def sync(self) -> None:
        self.q.sync()


def remembered_actor(settings: Settings) -> Actor | None:
    """Who the person said they are (a name and a role there is), or ``None``.

    Here, beside the settings, not with the dialog that asks: reopening the last
    conference reads it, and the dialog's module (and the Qt classes it uses) can wait.
    """
    from ...actor import Actor, os_user
    from ...model import Role

    name = settings.get(USER_NAME)
    role = settings.get(USER_ROLE)
    if not name or role not in {r.value for r in Role}:
        return None
    return Actor(name=name, role=Role(role), os_user=os_user())


def remember_actor(settings: Settings, actor: Actor) -> None:
    settings.set(USER_NAME, actor.name)
    settings.set(USER_ROLE, actor.role.value)
    settings.sync()
