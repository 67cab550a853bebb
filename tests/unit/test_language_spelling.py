"""British spelling, the personal word list, names, and running without a dictionary."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cprecorder.language.spelling import (
    NO_DICTIONARY,
    NO_LIBRARY,
    SpellChecker,
    personal_words_path,
)


@pytest.fixture
def checker(tmp_path: Path) -> SpellChecker:
    spelling = SpellChecker(tmp_path / "words.txt")
    if not spelling.available:  # pragma: no cover - the test machine has hunspell-en-gb
        pytest.fail(f"en_GB is needed for these tests: {spelling.unavailable_reason}")
    return spelling


def test_british_spelling(checker: SpellChecker) -> None:
    assert checker.check("colour")
    assert not checker.check("color")
    assert checker.check("organise") and checker.check("behaviour")
    assert "colour" in checker.suggest("color")


def test_suggestions_for_a_misspelling(checker: SpellChecker) -> None:
    assert not checker.check("recieve")
    assert "receive" in checker.suggest("recieve")


def test_misspellings_with_places(checker: SpellChecker) -> None:
    text = "Mum will recieve the color chart; the children’s school is fine."
    found = checker.misspellings(text)
    assert [(m.word, text[m.start : m.end]) for m in found] == [
        ("recieve", "recieve"),
        ("color", "color"),
    ]


def test_names_are_never_flagged(checker: SpellChecker) -> None:
    text = "Maisie and Leo Ashdown stay with Nana Margaret Pryce; Maisie's bag."
    flagged = {m.word for m in checker.misspellings(text)}
    assert "Ashdown" in flagged  # not a dictionary word …
    names = {"Maisie", "Leo", "Ashdown", "Margaret", "Pryce"}
    assert checker.misspellings(text, names) == []  # … but a name in this conference


def test_acronyms_and_numbers_are_left_alone(checker: SpellChecker) -> None:
    assert checker.misspellings("The HV and ICPC on 24th, S47 and CAMHS.") == []


def test_add_to_dictionary_is_kept_for_next_time(checker: SpellChecker, tmp_path: Path) -> None:
    assert not checker.check("Calmerchoices")
    checker.add_to_dictionary("Calmerchoices")
    assert checker.check("Calmerchoices")
    checker.add_to_dictionary("Calmerchoices")  # once is enough
    assert (tmp_path / "words.txt").read_text(encoding="utf-8") == "Calmerchoices\n"
    assert SpellChecker(tmp_path / "words.txt").check("Calmerchoices")
    with pytest.raises(ValueError, match="one word"):
        checker.add_to_dictionary("two words")


def test_the_personal_list_lives_in_the_data_folder(data_dir: Path) -> None:
    assert personal_words_path() == data_dir / "words.txt"
    SpellChecker().add_to_dictionary("Brookfield")
    assert (data_dir / "words.txt").read_text(encoding="utf-8") == "Brookfield\n"


def test_without_a_british_dictionary_spelling_is_off(tmp_path: Path) -> None:
    spelling = SpellChecker(tmp_path / "words.txt", language="xx_XX")
    assert not spelling.available
    assert spelling.unavailable_reason == NO_DICTIONARY
    assert spelling.check("recieve")
    assert spelling.misspellings("recieve the color") == []
    assert spelling.suggest("recieve") == []


def test_when_enchant_finds_no_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import enchant

    monkeypatch.setattr(enchant, "dict_exists", lambda _tag: False)
    spelling = SpellChecker(tmp_path / "words.txt")
    assert (
        spelling.unavailable_reason
        == "Spelling is off: no British English dictionary is installed."
    )
    assert spelling.misspellings("recieve") == []


def test_without_the_enchant_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "enchant", None)  # import enchant → ImportError
    spelling = SpellChecker(tmp_path / "words.txt")
    assert spelling.unavailable_reason == NO_LIBRARY
    assert spelling.check("recieve") and spelling.suggest("recieve") == []
