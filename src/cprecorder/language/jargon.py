"""Jargon and acronyms, found in text, each with the everyday words to use instead.

Families read the record, so professionals are asked to write "health visitor",
not "HV". The list is data (``resources/language/jargon.toml``) and an authority
can add to it, change it or take terms off it with a ``jargon.toml`` of the same
shape in the data folder.

Matching is whole-word. Acronyms match only as written, in capitals, with an
optional plural "s" ("CIN", "ICPCs"; never "cin" in "cinema" or the word
"cin"); phrases match whatever their case, a space matching a hyphen too.
All terms are compiled into one regular expression, longest first, so finding
every term in a paragraph is a single pass; this runs on every keystroke.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import KnownError
from ..paths import resolve_data_dir

JARGON_FILENAME = "jargon.toml"

_SEPARATORS = re.compile(r"[\s\-‐‑]+")


class JargonFormatError(KnownError):
    """A jargon list that cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class JargonTerm:
    term: str
    plain: str
    acronym: bool
    #: When the plain words fit only some uses ("contact" → "time together" when it
    #: means family time), said in the tooltip, never put into the text.
    note: str = ""

    @property
    def advice(self) -> str:
        """What a tooltip says: "Plain words: health visitor"."""
        note = f" ({self.note})" if self.note else ""
        return f"Plain words: {self.plain}{note}"


@dataclass(frozen=True)
class JargonHit:
    """One piece of jargon in a text: ``text[start:end]`` is what was written."""

    start: int
    end: int
    term: str
    plain: str
    text: str
    note: str = ""

    @property
    def advice(self) -> str:
        note = f" ({self.note})" if self.note else ""
        return f"Plain words for {self.text}: {self.plain}{note}"


def _phrase_key(text: str) -> str:
    return _SEPARATORS.sub(" ", text.casefold()).strip()


class JargonList:
    """The terms, and one compiled pattern that finds them all."""

    def __init__(self, terms: list[JargonTerm]) -> None:
        self.terms = tuple(terms)
        self._acronyms = {t.term: t for t in terms if t.acronym}
        self._phrases = {_phrase_key(t.term): t for t in terms if not t.acronym}
        parts: list[tuple[int, str]] = []
        for term in terms:
            if term.acronym:
                parts.append((len(term.term), re.escape(term.term) + "s?"))
            else:
                words = [re.escape(w) for w in _SEPARATORS.split(term.term.strip()) if w]
                parts.append((len(term.term), "(?i:" + r"[\s\-‐‑]+".join(words) + "s?)"))
        parts.sort(key=lambda p: -p[0])
        body = "|".join(p for _, p in parts) or r"(?!x)x"
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")

    def __len__(self) -> int:
        return len(self.terms)

    def lookup(self, written: str) -> JargonTerm | None:
        """The term a piece of text is, as written in the text (plural or not)."""
        for candidate in (written, written[:-1] if written.endswith("s") else None):
            if candidate is None:
                continue
            if candidate in self._acronyms:
                return self._acronyms[candidate]
            key = _phrase_key(candidate)
            if key in self._phrases:
                return self._phrases[key]
        return None

    def find(self, text: str) -> list[JargonHit]:
        hits: list[JargonHit] = []
        for match in self.pattern.finditer(text):
            written = match.group(0)
            term = self.lookup(written)
            if term is None:  # pragma: no cover - the pattern is built from the terms
                continue
            hits.append(
                JargonHit(match.start(), match.end(), term.term, term.plain, written, term.note)
            )
        return hits


def _read_terms(text: str, where: str) -> dict[tuple[str, bool], tuple[str, str, str]]:
    """Terms by (how they are matched, acronym or not) → (term, plain words, note).

    Keyed by the matched form, so an authority's "step-down" replaces "step down".
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise JargonFormatError(f"{where} is not a valid jargon list: {exc}") from exc
    found: dict[tuple[str, bool], tuple[str, str, str]] = {}
    for section, acronym in (("acronyms", True), ("phrases", False)):
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise JargonFormatError(f"{where}: [{section}] must be a table of terms.")
        for term, value in table.items():
            note: object = ""
            if isinstance(value, dict):
                plain, note = value.get("plain"), value.get("note", "")
            else:
                plain = value
            if not isinstance(plain, str) or not isinstance(note, str):
                raise JargonFormatError(
                    f"{where}: the plain words for {term!r} must be text in quotes, or "
                    '{ plain = "…", note = "…" }.'
                )
            if not term.strip() or (acronym and not re.fullmatch(r"\w+", term)):
                raise JargonFormatError(
                    f"{where}: {term!r} is not an acronym (letters and digits only)."
                )
            key = term.strip() if acronym else _phrase_key(term)
            found[(key, acronym)] = (term.strip(), plain.strip(), note.strip())
    unknown = sorted(set(data) - {"acronyms", "phrases"})
    if unknown:
        raise JargonFormatError(
            f"{where}: unknown section [{unknown[0]}]; use [acronyms] or [phrases]."
        )
    return found


def authority_jargon_path(data_dir: Path | None = None) -> Path:
    return (data_dir if data_dir is not None else resolve_data_dir(None)) / JARGON_FILENAME


def load_jargon(override: Path | None = None) -> JargonList:
    """The bundled list, with ``override`` (an authority's file) merged over it."""
    bundled = resources.files("cprecorder.resources").joinpath("language", JARGON_FILENAME)
    entries = _read_terms(bundled.read_text(encoding="utf-8"), "The bundled jargon list")
    if override is not None and override.is_file():
        try:
            text = override.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise JargonFormatError(f"{override} cannot be read: {exc}") from exc
        entries.update(_read_terms(text, str(override)))
    return JargonList(
        [
            JargonTerm(term, plain, acronym, note)
            for (_key, acronym), (term, plain, note) in entries.items()
            if plain
        ]
    )


@functools.cache
def _cached(path: Path | None, _stamp: int) -> JargonList:
    return load_jargon(path)


def default_jargon() -> JargonList:
    """The list in force: bundled plus the data folder's ``jargon.toml``; re-read when it changes.

    Raises :class:`JargonFormatError` for a broken authority file; callers that
    must keep working (the editor) fall back to ``load_jargon(None)``.
    """
    path = authority_jargon_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return _cached(None, 0)
    return _cached(path, stamp)


def find_jargon(text: str, jargon: JargonList | None = None) -> list[JargonHit]:
    """Every piece of jargon in ``text``, in order, with its plain alternative."""
    return (jargon if jargon is not None else default_jargon()).find(text)
