"""Load and check an agenda file."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import KnownError


class AgendaFormatError(KnownError):
    """An agenda file that cannot be used, with the reason."""


@dataclass(frozen=True)
class AgendaHeading:
    """A heading under which worries or strengths are listed."""

    key: str
    title: str
    side: str
    prompt: str = ""


@dataclass(frozen=True)
class AgendaItem:
    """One item of an agenda file: its key names a declaration in :mod:`.items`."""

    key: str
    title: str
    prompt: str = ""
    headings: tuple[AgendaHeading, ...] = ()


@dataclass(frozen=True)
class Agenda:
    key: str
    title: str
    items: tuple[AgendaItem, ...]
    limits: dict[str, int] = field(default_factory=dict)
    #: The agenda a review conference of this one is recorded with ("" for this one).
    review: str = ""

    @property
    def max_danger_statements(self) -> int:
        return self.limits.get("danger_statements", 4)

    @property
    def headings(self) -> tuple[AgendaHeading, ...]:
        return tuple(h for item in self.items for h in item.headings)

    def heading(self, key: str) -> AgendaHeading | None:
        return next((h for h in self.headings if h.key == key), None)

    def item(self, key: str) -> AgendaItem | None:
        return next((i for i in self.items if i.key == key), None)


def _agenda_dir() -> resources.abc.Traversable:
    return resources.files("cprecorder.resources").joinpath("agendas")


def available_agendas() -> dict[str, str]:
    """Key → title of every agenda shipped with the app."""
    found: dict[str, str] = {}
    for entry in _agenda_dir().iterdir():
        if entry.name.endswith(".toml"):
            agenda = parse_agenda(entry.read_text(encoding="utf-8"), entry.name)
            found[agenda.key] = agenda.title
    return found


@functools.cache
def load_agenda(key: str) -> Agenda:
    """The shipped agenda with this key, or an agenda file at this path."""
    path = Path(key)
    if path.suffix == ".toml" and path.exists():
        return parse_agenda(path.read_text(encoding="utf-8"), str(path))
    entry = _agenda_dir().joinpath(f"{key}.toml")
    if not entry.is_file():
        raise AgendaFormatError(f"There is no agenda called {key!r}.")
    return parse_agenda(entry.read_text(encoding="utf-8"), entry.name)


def _item(raw: dict[str, object]) -> AgendaItem:
    from .items import KNOWN_ITEMS

    headings = raw.get("headings", [])
    key = str(raw["key"])
    known = KNOWN_ITEMS.get(key)
    return AgendaItem(
        key=key,
        # The file's title, else the one the item is declared with.
        title=str(raw["title"] if "title" in raw or known is None else known.title),
        prompt=str(raw.get("prompt", "")),
        headings=tuple(
            AgendaHeading(
                key=str(h["key"]),
                title=str(h["title"]),
                side=str(h.get("side", "worries")),
                prompt=str(h.get("prompt", "")),
            )
            for h in (headings if isinstance(headings, list) else [])
        ),
    )


def _extended(base: Agenda, inserts: list[dict[str, object]]) -> list[AgendaItem]:
    """The base agenda's items with each ``[[insert]]`` placed after the item it names."""
    items = list(base.items)
    for raw in inserts:
        after = str(raw.get("after", ""))
        keys = [item.key for item in items]
        if after not in keys:
            raise KeyError(f"insert after {after!r}, which {base.key} does not have")
        items.insert(keys.index(after) + 1, _item(raw))
    return items


def parse_agenda(text: str, source: str) -> Agenda:
    """An agenda file; one that ``extends`` another takes its items and adds ``[[insert]]``s."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AgendaFormatError(f"The agenda {source} is not valid TOML: {exc}") from exc
    try:
        base = load_agenda(str(data["extends"])) if "extends" in data else None
        if base is not None:
            items = tuple(_extended(base, list(data.get("insert", []))))
            limits = {**base.limits}
        else:
            items = tuple(_item(raw) for raw in data["items"])
            limits = {}
        limits.update({str(k): int(v) for k, v in data.get("limits", {}).items()})
        agenda = Agenda(
            key=str(data["key"]),
            title=str(data["title"]),
            items=items,
            limits=limits,
            review=str(data.get("review", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise AgendaFormatError(f"The agenda {source} is missing or mistypes {exc}.") from exc
    from .items import KNOWN_ITEMS

    unknown = [i.key for i in items if i.key not in KNOWN_ITEMS]
    if unknown:
        raise AgendaFormatError(f"The agenda {source} has items the app cannot show: {unknown}.")
    return agenda
