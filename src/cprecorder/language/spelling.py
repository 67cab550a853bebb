"""British English spelling, with a personal word list, that never stops the app.

Words are checked by Enchant (``pyenchant``) against the ``en_GB`` Hunspell
dictionary (Debian: ``libenchant-2-2`` and ``hunspell-en-gb``, installed by
``scripts/install-system-deps.sh``). When either is missing, the checker says
so in :attr:`SpellChecker.unavailable_reason` and accepts every word: the
record is typed all the same, only without red underlines.

"Add to dictionary" writes to ``words.txt`` in the user's data folder, one word
a line, so it survives updates and can be copied to another machine. Names of
the people in a conference are passed in by the caller (``extra_words``) and
never flagged. Words in capitals (acronyms) are left to the jargon list, and
words with digits are not words.

Every check is cached, so the editor can ask about the same word on each
keystroke at no cost.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import resolve_data_dir

log = logging.getLogger(__name__)

LANGUAGE = "en_GB"
WORDS_FILENAME = "words.txt"
NO_LIBRARY = "Spelling is off: the Enchant spelling library is not installed."
NO_DICTIONARY = "Spelling is off: no British English dictionary is installed."

#: A word: letters (any alphabet), joined by apostrophes ("don't", "Children's"),
#: not part of something with digits ("24th", "S47").
WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:['’][^\W\d_]+)*(?!\w)")


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    word: str


def personal_words_path(data_dir: Path | None = None) -> Path:
    return (data_dir if data_dir is not None else resolve_data_dir(None)) / WORDS_FILENAME


def _open_dictionary(language: str) -> tuple[Any, str | None]:
    """The Enchant dictionary, or why there is none."""
    try:
        import enchant
    except ImportError:  # pyenchant raises ImportError when libenchant is missing
        return None, NO_LIBRARY
    try:
        if not enchant.dict_exists(language):
            return None, NO_DICTIONARY
        return enchant.Dict(language), None
    except enchant.errors.Error as exc:
        log.warning("Enchant could not open %s: %s", language, exc)
        return None, NO_DICTIONARY


class SpellChecker:
    """British spelling for the record; every method is safe to call when spelling is off."""

    def __init__(self, words_path: Path | None = None, *, language: str = LANGUAGE) -> None:
        self.words_path = words_path if words_path is not None else personal_words_path()
        self._dictionary, self.unavailable_reason = _open_dictionary(language)
        self._personal = self._read_personal_words()
        self._known = functools.lru_cache(maxsize=20_000)(self._known_uncached)

    @property
    def available(self) -> bool:
        return self._dictionary is not None

    def _read_personal_words(self) -> set[str]:
        try:
            text = self.words_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return set()
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("The personal word list %s cannot be read: %s", self.words_path, exc)
            return set()
        return {line.strip() for line in text.splitlines() if line.strip()}

    def _known_uncached(self, word: str) -> bool:
        if word in self._personal or word.casefold() in self._personal_folded:
            return True
        return bool(self._dictionary.check(word))

    @functools.cached_property
    def _personal_folded(self) -> set[str]:
        return {w.casefold() for w in self._personal}

    @staticmethod
    def needs_checking(word: str) -> bool:
        """Acronyms (all capitals) and single letters are not spell-checked."""
        return len(word) > 1 and not word.isupper()

    def check(self, word: str, extra_words: Iterable[str] = ()) -> bool:
        """True when ``word`` is spelt right, is a name the caller passed, or spelling is off."""
        if self._dictionary is None or not self.needs_checking(word):
            return True
        word = word.replace("’", "'")
        extras = extra_words if isinstance(extra_words, set | frozenset) else set(extra_words)
        if word in extras:
            return True
        base = word[:-2] if word.endswith("'s") else word
        if base in extras:  # "Maisie's"
            return True
        return self._known(word)

    def misspellings(self, text: str, extra_words: Iterable[str] = ()) -> list[Misspelling]:
        """Every word in ``text`` that is not spelt right, with where it is."""
        if self._dictionary is None:
            return []
        extras = extra_words if isinstance(extra_words, set | frozenset) else set(extra_words)
        return [
            Misspelling(m.start(), m.end(), m.group(0))
            for m in WORD.finditer(text)
            if not self.check(m.group(0), extras)
        ]

    def suggest(self, word: str, limit: int = 6) -> list[str]:
        """Likely right spellings, best first; none when spelling is off."""
        if self._dictionary is None or not word.strip():
            return []
        return [str(s) for s in self._dictionary.suggest(word.replace("’", "'"))][:limit]

    def add_to_dictionary(self, word: str) -> None:
        """Keep ``word`` in the personal word list; it is never flagged again."""
        word = word.strip().replace("’", "'")
        if not word or word in self._personal:
            return
        if any(c.isspace() for c in word):
            raise ValueError(f"one word at a time, not {word!r}")
        self.words_path.parent.mkdir(parents=True, exist_ok=True)
        with self.words_path.open("a", encoding="utf-8") as handle:
            handle.write(word + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self._personal.add(word)
        self.__dict__.pop("_personal_folded", None)
        self._known.cache_clear()
