"""Reading ease and reading age, without reaching for the network."""

from __future__ import annotations

import pytest

from cprecorder.language.readability import count_syllables, reading_ease

CHILDRENS_PLAN = (
    "Sometimes the grown-ups at home shout and fight. That is scary, and it is not "
    "your fault. Go to your room and ring Nana on the phone by the bed."
)
REPORT = (
    "The multi-agency safeguarding arrangements necessitate comprehensive consideration "
    "of the cumulative impact of parental substance misuse on developmental outcomes."
)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("the", 1),
        ("home", 1),
        ("happy", 2),
        ("worried", 2),
        ("frightened", 2),
        ("little", 2),
        ("conference", 3),
        ("protection", 3),
        ("children's", 2),
    ],
)
def test_syllables(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


def test_a_childrens_plan_reads_easily() -> None:
    ease = reading_ease(CHILDRENS_PLAN)
    assert ease.flesch > 80
    assert 5 <= ease.reading_age <= 9
    assert ease.suits_childrens_plan()
    assert ease.sentences == 3
    assert "easy to read" in ease.sentence


def test_a_professional_report_does_not() -> None:
    ease = reading_ease(REPORT)
    assert ease.flesch < 30
    assert ease.reading_age > 16
    assert not ease.suits_childrens_plan()
    assert ease.sentence.endswith("(hard to read).")


def test_empty_text() -> None:
    ease = reading_ease("  ")
    assert ease.words == 0 and ease.suits_childrens_plan()
    assert ease.sentence == "No text to measure."


def test_nothing_is_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("reading_ease tried to download data")

    monkeypatch.setattr(nltk, "download", refuse)
    assert reading_ease("A new sentence about an unusual zyxwordish thing.").words == 8
