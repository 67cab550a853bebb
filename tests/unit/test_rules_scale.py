"""The 0 to 10 scale typed one key at a time: the first digit counts, over 10 is said."""

from __future__ import annotations

import pytest

from cprecorder.rules.scale import (
    NO_SCORE,
    ScoreTyping,
    score_after_backspace,
    score_of,
    type_into_score,
)


@pytest.mark.parametrize(
    ("shown", "typed", "replacing", "after"),
    [
        (NO_SCORE, "7", False, ScoreTyping("7", 7)),  # the first digit always counts
        (NO_SCORE, "7", True, ScoreTyping("7", 7)),
        ("", "0", False, ScoreTyping("0", 0)),
        ("1", "0", False, ScoreTyping("10", 10)),
        ("0", "0", False, ScoreTyping("0", 0)),
        ("0", "4", False, ScoreTyping("4", 4)),
        ("6", "3", True, ScoreTyping("3", 3)),  # a selected score is replaced
        (NO_SCORE, "10", False, ScoreTyping("10", 10)),
    ],
)
def test_scores_typed(shown: str, typed: str, replacing: bool, after: ScoreTyping) -> None:
    assert type_into_score(shown, typed, replacing=replacing) == after


@pytest.mark.parametrize(
    ("shown", "typed", "keeps", "says"),
    [
        ("1", "1", ("1", 1), "11 is not kept, the score stays 1"),
        ("10", "0", ("10", 10), "100 is not kept, the score stays 10"),
        (NO_SCORE, "11", (NO_SCORE, None), "11 is not kept, no score"),
        ("5", "x", ("5", 5), "a number from 0 to 10"),
    ],
)
def test_over_ten_is_refused_in_words_and_the_last_score_kept(
    shown: str, typed: str, keeps: tuple[str, int | None], says: str
) -> None:
    result = type_into_score(shown, typed, replacing=False)
    assert (result.shown, result.score) == keeps
    assert says in result.refused


def test_backspace() -> None:
    assert score_after_backspace("10", replacing=False) == ScoreTyping("1", 1)
    assert score_after_backspace("7", replacing=False) == ScoreTyping(NO_SCORE, None)
    assert score_after_backspace("10", replacing=True) == ScoreTyping(NO_SCORE, None)
    assert score_after_backspace(NO_SCORE, replacing=False) == ScoreTyping(NO_SCORE, None)


def test_score_of() -> None:
    assert score_of(NO_SCORE) is None
    assert score_of(" ") is None
    assert score_of("10") == 10
