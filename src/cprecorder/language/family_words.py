"""How a child knows the people in their plan: "your Mum", "your Nanna Maureen".

The words are data (``resources/language/family-words.toml``), by how a person is
related to the child and, for professionals, by their role; an authority lays its
own ``family-words.toml`` in the data folder over them (Wales may write "your Mam").
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import KnownError
from ..paths import resolve_data_dir

FAMILY_WORDS_FILENAME = "family-words.toml"


class FamilyWordsFormatError(KnownError):
    """A family words file that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class FamilyWordList:
    #: Relationship (lower case) → words with ``{name}``.
    family: dict[str, str]
    #: Professional role (lower case) → words with ``{name}``.
    roles: dict[str, str]

    def for_relationship(self, relationship: str, name: str) -> str:
        """ "your Nanna Maureen" for a grandmother; "" when the list has no word for it."""
        return _look_up(self.family, relationship, name)

    def for_role(self, role: str, name: str) -> str:
        """ "Hannah, your social worker"; "" when the list has no words for the role."""
        return _look_up(self.roles, role, name)


def _look_up(table: dict[str, str], words: str, name: str) -> str:
    key = " ".join(words.casefold().split())
    if not key:
        return ""
    found = table.get(key) or table.get(key.rsplit(" ", 1)[-1])
    if found is None:
        return ""
    return " ".join(found.replace("{name}", name).split())


def _read(text: str, where: str) -> tuple[dict[str, str], dict[str, str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FamilyWordsFormatError(f"{where} is not a valid family words list: {exc}") from exc
    unknown = sorted(set(data) - {"family", "roles"})
    if unknown:
        raise FamilyWordsFormatError(
            f"{where}: unknown section [{unknown[0]}]; use [family] or [roles]."
        )
    tables: list[dict[str, str]] = []
    for section in ("family", "roles"):
        table = data.get(section, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise FamilyWordsFormatError(
                f'{where}: [{section}] must be words in quotes, such as mother = "your Mum".'
            )
        tables.append({" ".join(k.casefold().split()): v for k, v in table.items()})
    return tables[0], tables[1]


def load_family_words(override: Path | None = None) -> FamilyWordList:
    """The bundled words, with an authority's file laid over them."""
    bundled = resources.files("cprecorder.resources").joinpath("language", FAMILY_WORDS_FILENAME)
    family, roles = _read(bundled.read_text(encoding="utf-8"), "The bundled family words")
    if override is not None and override.is_file():
        try:
            text = override.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise FamilyWordsFormatError(f"{override} cannot be read: {exc}") from exc
        more_family, more_roles = _read(text, str(override))
        family.update(more_family)
        roles.update(more_roles)
    return FamilyWordList(family, roles)


@functools.cache
def _cached(path: Path | None, _stamp: int) -> FamilyWordList:
    return load_family_words(path)


def default_family_words() -> FamilyWordList:
    """The words in force: bundled, with the data folder's file over them when there is one."""
    path = resolve_data_dir(None) / FAMILY_WORDS_FILENAME
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return _cached(None, 0)
    return _cached(path, stamp)
