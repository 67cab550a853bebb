"""Jargon taken out of text the family receives: replaced by plain words, or explained.

The authority chooses (``[family_documents] jargon`` in ``settings.toml``, see
:mod:`cprecorder.rules.authority`) between two ways:

* **replace**: "The HV will visit" becomes "The health visitor will visit";
* **explain**: the text is left as written and each term is explained in a short
  "Words we use" box.

Either way some terms are explained rather than replaced: a term whose plain
words fit only some uses (``replace = false`` in the jargon list, such as
"contact"), and a plural whose plain plural the list does not give. Nothing is
ever dropped: every term found is either replaced or explained.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from .jargon import JargonHit, JargonList

_SENTENCE_END = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")
_ARTICLE = re.compile(r"(?<!\w)([Aa]n?)(\s+)$")
#: Words after which a service's name needs no "the" of its own ("the CAMHS team",
#: "a CAMHS worker", "Isla's CAMHS appointment").
_DETERMINER = re.compile(
    r"(?:(?<!\w)(?:the|a|an|this|that|these|those|our|your|their|his|her|its|my|any|no|"
    r"each|every|which|whose)|\w['’]s?)\s+$",
    re.IGNORECASE,
)


class JargonHandling(enum.StrEnum):
    """What the family's documents do with jargon."""

    REPLACE = "replace"
    EXPLAIN = "explain"


@dataclass(frozen=True)
class Explained:
    """A line of the "Words we use" box: the term as written, and what it means."""

    term: str
    meaning: str


@dataclass
class PlainWording:
    """What was done to the jargon in one document, for the box and the export dialog."""

    replaced: int = 0
    #: Terms left in the text and explained, once each, in the order first found.
    explained: list[Explained] = field(default_factory=list)

    def explain(self, hit: JargonHit) -> None:
        term = hit.term if hit.term.isupper() else hit.term.lower()
        if any(e.term.casefold() == term.casefold() for e in self.explained):
            return
        note = f" ({hit.note})" if hit.note else ""
        self.explained.append(Explained(term, f"{hit.plain}{note}"))

    @property
    def sentence(self) -> str:
        """For the export dialog: "3 terms replaced by plain words; 1 explained"."""
        parts = []
        if self.replaced:
            parts.append(
                f"{self.replaced} {'term' if self.replaced == 1 else 'terms'} of jargon "
                "replaced by plain words"
            )
        if self.explained:
            count = len(self.explained)
            parts.append(f"{count} {'term' if count == 1 else 'terms'} explained in “Words we use”")
        if not parts:
            return "No jargon found."
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + "."


def plain_text(
    text: str, jargon: JargonList, handling: JargonHandling, wording: PlainWording
) -> str:
    """``text`` with its jargon replaced or noted for the box, as ``handling`` says."""
    hits = jargon.find(text)
    if not hits:
        return text
    out: list[str] = []
    at = 0
    for hit in hits:
        words = _replacement(hit) if handling is JargonHandling.REPLACE else None
        if words is None:
            wording.explain(hit)
            continue
        before = "".join(out) + text[at : hit.start]
        if hit.the and not _DETERMINER.search(before):
            words = f"the {words}"
        if _SENTENCE_END.search(before) or (hit.text[:1].isupper() and not hit.term.isupper()):
            words = words[:1].upper() + words[1:]
        out.append(_fix_article(text[at : hit.start], words))
        out.append(words)
        at = hit.end
        wording.replaced += 1
    out.append(text[at:])
    return "".join(out)


def _replacement(hit: JargonHit) -> str | None:
    """The plain words to put in place of the term, or ``None`` to explain it instead."""
    if not hit.replace:
        return None
    if not hit.is_plural:
        return hit.plain
    if hit.plural:
        return hit.plural
    if " " not in hit.plain:
        return hit.plain + "s"
    return None


def _fix_article(before: str, words: str) -> str:
    """ "an HV" becomes "a health visitor", "a ICPC"… "an …" when the words start a vowel."""
    match = _ARTICLE.search(before)
    if match is None:
        return before
    article = "an" if words[:1].lower() in "aeiou" else "a"
    if match.group(1)[0].isupper():
        article = article.capitalize()
    return before[: match.start()] + article + match.group(2)
