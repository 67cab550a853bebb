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

Some words are jargon only in some places. A term may name the words that, just
before it, make it everyday English (``not_after``): "looked after child" is
jargon, "Maureen has looked after children for years" is not. A term whose plain
words fit only some uses (``replace = false``) is never put into the family's
documents in place of the term; it is explained beside them instead.
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
    #: Whether the plain words may stand in for the term in what the family receives.
    replace: bool = True
    #: Words that, just before the term, make it everyday English ("has looked after").
    not_after: frozenset[str] = frozenset()
    #: The plain words for the plural ("children in need"); "" adds an "s" to one word.
    plural: str = ""
    #: The term is the name of one service ("Refer Isla to CAMHS"): its plain words
    #: take "the" where the term stood without one.
    the: bool = False

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
    replace: bool = True
    #: The plain words for the plural, when the term was written as a plural.
    plural: str = ""
    #: The plain words take "the" where the term stood without one (see JargonTerm).
    the: bool = False

    @property
    def advice(self) -> str:
        note = f" ({self.note})" if self.note else ""
        return f"Plain words for {self.text}: {self.plain}{note}"

    @property
    def is_plural(self) -> bool:
        return self.text != self.term and self.text.endswith("s") and not self.term.endswith("s")


def _phrase_key(text: str) -> str:
    return _SEPARATORS.sub(" ", text.casefold()).strip()


class JargonList:
    """The terms, and one compiled pattern that finds them all."""

    def __init__(self, terms: list[JargonTerm]) -> None:
        self.terms = tuple(terms)
        self._acronyms = {t.term: t for t in terms if t.acronym}
        self._phrases = {_phrase_key(t.term): t for t in terms if not t.acronym}
        parts: list[tuple[int, str]] = []
        #: The letters a term can begin with: as written (acronyms), in either case (phrases).
        first_exact: set[str] = set()
        first_any_case: set[str] = set()
        #: A term of separators alone ("-") may start anywhere: then every place is tried.
        anywhere = False
        for term in terms:
            if term.acronym:
                parts.append((len(term.term), re.escape(term.term) + "s?"))
                first_exact.add(term.term[0])
            else:
                words = [w for w in _SEPARATORS.split(term.term.strip()) if w]
                escaped = [re.escape(w) for w in words]
                parts.append((len(term.term), "(?i:" + r"[\s\-‐‑]+".join(escaped) + "s?)"))
                if words:
                    first_any_case.add(words[0][0])
                else:
                    anywhere = True
        parts.sort(key=lambda p: -p[0])
        body = "|".join(p for _, p in parts) or r"(?!x)x"
        # Every term is tried only where a word starts with a letter some term starts with:
        # the same matches, found without trying all the terms at each word (a keystroke
        # re-reads the sentence being typed; in a long one this was most of the highlighter's
        # work).
        starts = [f"[{_in_class(first_exact)}]"] if first_exact else []
        if first_any_case:
            starts.append(f"(?i:[{_in_class(first_any_case)}])")
        ahead = f"(?={'|'.join(starts)})" if starts and not anywhere else ""
        self.pattern = re.compile(rf"(?<!\w){ahead}(?:{body})(?!\w)")

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
            if term.not_after and _word_before(text, match.start()) in term.not_after:
                continue
            hits.append(
                JargonHit(
                    match.start(),
                    match.end(),
                    term.term,
                    term.plain,
                    written,
                    term.note,
                    term.replace,
                    term.plural,
                    term.the,
                )
            )
        return hits


def _in_class(letters: set[str]) -> str:
    """The letters as the inside of a ``[…]`` character class."""
    return "".join(re.escape(letter) for letter in sorted(letters))


_LAST_WORD = re.compile(r"(\w+)\s*$")


def _word_before(text: str, start: int) -> str:
    """The word just before ``start``, in lower case; "" at the start of the text."""
    match = _LAST_WORD.search(text, max(0, start - 40), start)
    return match.group(1).casefold() if match else ""


def _read_terms(text: str, where: str) -> dict[tuple[str, bool], JargonTerm]:
    """Terms by (how they are matched, acronym or not).

    Keyed by the matched form, so an authority's "step-down" replaces "step down".
    A term with empty plain words is kept here (it takes a bundled term off the
    list) and dropped when the list is built.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise JargonFormatError(f"{where} is not a valid jargon list: {exc}") from exc
    found: dict[tuple[str, bool], JargonTerm] = {}
    for section, acronym in (("acronyms", True), ("phrases", False)):
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise JargonFormatError(f"{where}: [{section}] must be a table of terms.")
        for term, value in table.items():
            if not term.strip() or (acronym and not re.fullmatch(r"\w+", term)):
                raise JargonFormatError(
                    f"{where}: {term!r} is not an acronym (letters and digits only)."
                )
            key = term.strip() if acronym else _phrase_key(term)
            found[(key, acronym)] = _term(term.strip(), value, acronym, where)
    unknown = sorted(set(data) - {"acronyms", "phrases"})
    if unknown:
        raise JargonFormatError(
            f"{where}: unknown section [{unknown[0]}]; use [acronyms] or [phrases]."
        )
    return found


_ENTRY_KEYS = frozenset({"plain", "note", "replace", "not_after", "plural", "the"})


def _term(term: str, value: object, acronym: bool, where: str) -> JargonTerm:
    """One entry: plain words in quotes, or a table of plain words and how to use them."""
    entry: dict[str, object] = dict(value) if isinstance(value, dict) else {"plain": value}
    plain, note = entry.get("plain"), entry.get("note", "")
    plural, replace = entry.get("plural", ""), entry.get("replace", True)
    not_after = entry.get("not_after", [])
    if not isinstance(plain, str) or not isinstance(note, str) or not isinstance(plural, str):
        raise JargonFormatError(
            f"{where}: the plain words for {term!r} must be text in quotes, or "
            '{ plain = "…", note = "…" }.'
        )
    unknown = sorted(set(entry) - _ENTRY_KEYS)
    if unknown:
        raise JargonFormatError(
            f"{where}: {term!r} has {unknown[0]!r}; an entry may have "
            f"{', '.join(sorted(_ENTRY_KEYS))}."
        )
    the = entry.get("the", False)
    for flag, given in (("replace", replace), ("the", the)):
        if not isinstance(given, bool):
            raise JargonFormatError(f"{where}: {flag} for {term!r} must be true or false.")
    if not isinstance(not_after, list) or not all(isinstance(w, str) for w in not_after):
        raise JargonFormatError(
            f'{where}: not_after for {term!r} must be a list of words, such as ["has", "had"].'
        )
    return JargonTerm(
        term,
        plain.strip(),
        acronym,
        note.strip(),
        replace is True,
        frozenset(w.strip().casefold() for w in not_after if w.strip()),
        plural.strip(),
        the is True,
    )


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
    return JargonList([term for term in entries.values() if term.plain])


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
