"""The 0 to 10 scale as it is typed into a score box, one keystroke at a time.

A score box shows "–" until someone gives a score. The first digit typed always
counts (the "–" is replaced, never prepended); "1" then "0" is 10; a number over
10 is refused with a sentence the window shows, and the box keeps the last valid
score. Backspace takes the last digit off, and an emptied box is "no score".
"""

from __future__ import annotations

from dataclasses import dataclass

NO_SCORE = "–"
LOWEST, HIGHEST = 0, 10


@dataclass(frozen=True)
class ScoreTyping:
    """What the box shows after a keystroke, the score it means, and any refusal."""

    shown: str
    score: int | None
    refused: str = ""


def score_of(shown: str) -> int | None:
    """The score a box's text means: ``None`` for "–" or nothing."""
    text = shown.strip()
    if text in ("", NO_SCORE):
        return None
    return int(text)


def type_into_score(shown: str, typed: str, *, replacing: bool) -> ScoreTyping:
    """The box after ``typed`` (one or more digits) is typed into ``shown``.

    ``replacing`` is true when the box's text is selected (arriving by Tab selects
    it), so what is typed starts a new score.
    """
    before = score_of(shown)
    kept = ScoreTyping(shown if before is not None else NO_SCORE, before)
    if not typed.isdigit():
        return ScoreTyping(kept.shown, before, f"A score is a number from {LOWEST} to {HIGHEST}.")
    text = typed if replacing or before is None else f"{before}{typed}"
    value = int(text)
    if value > HIGHEST:
        keeps = "no score" if before is None else f"the score stays {before}"
        return ScoreTyping(
            kept.shown,
            before,
            f"A score is from {LOWEST} to {HIGHEST}: {value} is not kept, {keeps}.",
        )
    return ScoreTyping(str(value), value)


def score_after_backspace(shown: str, *, replacing: bool) -> ScoreTyping:
    """Backspace (or Delete) takes the last digit, or the whole selected score, off."""
    before = score_of(shown)
    if before is None or replacing or before < 10:
        return ScoreTyping(NO_SCORE, None)
    return ScoreTyping(str(before // 10), before // 10)
