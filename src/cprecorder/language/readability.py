"""How easy a text is to read: Flesch reading ease and a reading-age estimate.

The children's plan is written for the child, so it aims at a reading age of
7 to 9 (:data:`CHILDRENS_PLAN_READING_AGES`).

Sentences and words are counted by ``textstat``. Syllables are not: for English
``textstat`` looks words up in the CMU pronouncing dictionary through NLTK and,
when that is not on the machine (it is not a Python package), *downloads it*
at the first call. CP Recorder runs on authorities' machines that may have no
internet and must not reach out on their own, so syllables are estimated here
from groups of vowels with the usual English corrections (a silent final "e",
"-ed" and "-es" endings, "-le"). It is an estimate, as every reading-age
formula is; it is within a syllable on common words and never needs a network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

#: The reading ages the children's plan aims at, youngest and oldest.
CHILDRENS_PLAN_READING_AGES = (7, 9)

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def count_syllables(word: str) -> int:
    """Syllables in one English word, estimated from its spelling; at least 1."""
    w = re.sub(r"['’].*$", "", word.casefold())
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "care", "home"
    elif w.endswith("le") and len(w) > 2 and w[-3] not in "aeiouy":
        pass  # "little", "table": the -le is its own syllable, already counted
    if w.endswith("ed") and not w.endswith(("ted", "ded", "ied")) and count > 1:
        count -= 1  # "worried", "frightened": the -ed is not sounded
    elif w.endswith("es") and not w.endswith(("ses", "zes", "ces", "ges", "shes", "ches", "xes")):
        count -= 1 if count > 1 else 0  # "makes", "homes"
    return max(1, count)


@dataclass(frozen=True)
class ReadingEase:
    """Flesch reading ease (higher is easier; 80+ is easy) and an estimated reading age."""

    flesch: float
    reading_age: float
    words: int
    sentences: int

    def suits_childrens_plan(self) -> bool:
        return self.words == 0 or self.reading_age <= CHILDRENS_PLAN_READING_AGES[1]

    @property
    def sentence(self) -> str:
        """A line for the chair: "Reading age about 8 (easy to read)"."""
        if self.words == 0:
            return "No text to measure."
        if self.flesch >= 80:
            feel = "easy to read"
        elif self.flesch >= 60:
            feel = "fairly easy to read"
        elif self.flesch >= 50:
            feel = "fairly hard to read"
        else:
            feel = "hard to read"
        return f"Reading age about {round(self.reading_age)} ({feel})."


def reading_ease(text: str) -> ReadingEase:
    """Flesch reading ease and a reading age for ``text``.

    The reading age is the Flesch–Kincaid grade plus 5 (a US grade 1 child is
    6 or so), never below 5.
    """
    words = _WORD.findall(text)
    if not words:
        return ReadingEase(flesch=100.0, reading_age=5.0, words=0, sentences=0)
    word_count = max(int(textstat.lexicon_count(text)), len(words))
    sentences = max(1, int(textstat.sentence_count(text)))
    syllables = sum(count_syllables(w) for w in words)
    per_sentence = word_count / sentences
    per_word = syllables / len(words)
    flesch = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    return ReadingEase(
        flesch=round(flesch, 1),
        reading_age=round(max(5.0, grade + 5.0), 1),
        words=word_count,
        sentences=sentences,
    )
