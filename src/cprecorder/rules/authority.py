"""The local authority's own settings, laid over the nation's rules.

An authority may keep an optional ``settings.toml`` in the data folder::

    nation = "wales"                 # the nation whose rules and bank holidays apply
    marking = "OFFICIAL-SENSITIVE"   # the protective marking printed on documents

    [deadlines]                      # any of the nation's deadlines, replaced
    record_sent_working_days = 20
    pre_birth_review_months = 1

    [family_documents]               # what the family receives
    jargon = "replace"               # or "explain": left as written, in a "Words we use" box
    reading_age = 12                 # the reading age the family's version aims at

Only the values written there change; everything else comes from
``resources/rules/<nation>.toml``. A file that cannot be used is refused with a
sentence naming what is wrong, never half-applied.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KnownError
from ..language.plain_words import JargonHandling
from ..paths import resolve_data_dir
from .nation import DEFAULT_NATION, NationRules, RulesFormatError, available_nations, load_rules

if TYPE_CHECKING:
    from ..model import Conference

SETTINGS_FILENAME = "settings.toml"


class SettingsFormatError(KnownError):
    """The authority's settings file cannot be used; the message says why."""


#: The reading age the family's version aims at unless the authority says otherwise.
DEFAULT_FAMILY_READING_AGE = 12


@dataclass(frozen=True)
class FamilyDocuments:
    """How the documents the family receives are worded."""

    jargon: JargonHandling = JargonHandling.REPLACE
    reading_age: int = DEFAULT_FAMILY_READING_AGE


@dataclass(frozen=True)
class AuthoritySettings:
    """What an authority changed; ``None`` and empty mean "as the nation's rules say"."""

    nation: str | None = None
    marking: str = ""
    deadlines: dict[str, int] = field(default_factory=dict)
    family: FamilyDocuments = field(default_factory=FamilyDocuments)
    source: Path | None = None

    def rules(self, nation: str | None = None) -> NationRules:
        """The nation's rules with this authority's deadlines laid over them.

        ``nation`` is the conference's own nation when it has one; otherwise the
        authority's, otherwise England's.
        """
        base = load_rules(nation or self.nation or DEFAULT_NATION)
        if not self.deadlines:
            return base
        unknown = sorted(set(self.deadlines) - set(base.deadlines))
        if unknown:
            raise SettingsFormatError(
                f"{self._where()}: there is no deadline called {unknown[0]!r}. "
                f"The deadlines are: {', '.join(sorted(base.deadlines))}."
            )
        return dataclasses.replace(base, deadlines={**base.deadlines, **self.deadlines})

    def _where(self) -> str:
        return str(self.source) if self.source else "The authority's settings"


def settings_path(data_dir: Path | None = None) -> Path:
    return (data_dir if data_dir is not None else resolve_data_dir(None)) / SETTINGS_FILENAME


def load_authority_settings(path: Path | None = None) -> AuthoritySettings:
    """Read ``settings.toml`` (by default the one in the data folder); none is fine."""
    path = path if path is not None else settings_path()
    if not path.is_file():
        return AuthoritySettings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsFormatError(f"{path} cannot be read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsFormatError(f"{path} is not a valid settings file: {exc}") from exc
    return _settings_from(data, path)


def _settings_from(data: dict[str, object], path: Path) -> AuthoritySettings:
    nation = data.get("nation")
    if nation is not None:
        if not isinstance(nation, str):
            raise SettingsFormatError(f'{path}: nation must be text, such as "wales".')
        try:
            load_rules(nation)
        except RulesFormatError:
            known = ", ".join(sorted(available_nations()))
            raise SettingsFormatError(
                f"{path}: there are no rules for the nation {nation!r}; use one of {known}."
            ) from None
    marking = data.get("marking", "")
    if not isinstance(marking, str):
        raise SettingsFormatError(f'{path}: marking must be text, such as "OFFICIAL-SENSITIVE".')
    raw = data.get("deadlines", {})
    if not isinstance(raw, dict):
        raise SettingsFormatError(f"{path}: [deadlines] must be a table of numbers.")
    deadlines: dict[str, int] = {}
    for key, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 366:
            raise SettingsFormatError(
                f"{path}: deadline {key} must be a whole number from 0 to 366, not {value!r}."
            )
        deadlines[str(key)] = value
    settings = AuthoritySettings(
        nation=nation,
        marking=marking.strip(),
        deadlines=deadlines,
        family=_family_documents(data.get("family_documents", {}), path),
        source=path,
    )
    settings.rules()  # refuse unknown deadline names now, not at the first due date
    return settings


def _family_documents(raw: object, path: Path) -> FamilyDocuments:
    if not isinstance(raw, dict):
        raise SettingsFormatError(f"{path}: [family_documents] must be a table.")
    unknown = sorted(set(raw) - {"jargon", "reading_age"})
    if unknown:
        raise SettingsFormatError(
            f"{path}: [family_documents] has no setting {unknown[0]!r}; use jargon or reading_age."
        )
    jargon = raw.get("jargon", JargonHandling.REPLACE.value)
    try:
        handling = JargonHandling(jargon)
    except ValueError:
        raise SettingsFormatError(
            f'{path}: [family_documents] jargon must be "replace" or "explain", not {jargon!r}.'
        ) from None
    age = raw.get("reading_age", DEFAULT_FAMILY_READING_AGE)
    if isinstance(age, bool) or not isinstance(age, int) or not 6 <= age <= 18:
        raise SettingsFormatError(
            f"{path}: [family_documents] reading_age must be a whole number from 6 to 18, "
            f"not {age!r}."
        )
    return FamilyDocuments(jargon=handling, reading_age=age)


def rules_in_force(conference: Conference) -> NationRules:
    """The rules a conference is judged by: its nation's, with the authority's deadlines."""
    return load_authority_settings().rules(conference.nation or None)
