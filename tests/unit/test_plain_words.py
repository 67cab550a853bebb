"""Jargon in what the family receives: context, plurals, replacing or explaining."""

from __future__ import annotations

from pathlib import Path

import pytest

from cprecorder.language.family_words import FamilyWordsFormatError, load_family_words
from cprecorder.language.jargon import JargonFormatError, load_jargon
from cprecorder.language.plain_words import JargonHandling, PlainWording, plain_text
from cprecorder.rules.authority import SettingsFormatError, load_authority_settings


def replaced(text: str) -> tuple[str, PlainWording]:
    wording = PlainWording()
    return plain_text(text, load_jargon(), JargonHandling.REPLACE, wording), wording


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("The HV visited.", "The health visitor visited."),
        ("HV visits weekly.", "Health visitor visits weekly."),
        ("An HV and a ICPC.", "A health visitor and a first child protection meeting."),
        ("Two HVs and three CINs.", "Two health visitors and three children in need."),
        ("The GP's letter", "The family doctor's letter"),
        ("Isla is a looked after child.", "Isla is a child in care."),
        ("Maureen has looked after the children.", "Maureen has looked after the children."),
        (
            "Maureen has looked after children for years.",
            "Maureen has looked after children for years.",
        ),
        ("They are looked after children.", "They are children in care."),
        ("Safeguarding matters.", "Keeping children safe matters."),
        ("Designated safeguarding lead", "School's lead for keeping children safe"),
        # A service's name takes "the" where it stood without one.
        ("Refer Isla to CAMHS.", "Refer Isla to the children's mental health service."),
        ("CAMHS will see Isla.", "The children's mental health service will see Isla."),
        ("A CAMHS worker", "A children's mental health service worker"),
        ("Isla's CAMHS appointment", "Isla's children's mental health service appointment"),
        ("Referred by the MASH.", "Referred by the safeguarding hub."),
        ("Referred to MASH.", "Referred to the safeguarding hub."),
    ],
)
def test_replaced_by_plain_words_in_context(text: str, plain: str) -> None:
    assert replaced(text)[0] == plain


def test_terms_that_fit_only_some_uses_are_explained_never_replaced() -> None:
    text, wording = replaced("Contact with Dad at the core group. Contact the school.")
    assert text == "Contact with Dad at the core group. Contact the school."
    assert [(e.term, e.meaning) for e in wording.explained] == [
        ("contact", "time together (when it means time with family)"),
        ("core group", "group who carry out the plan"),
    ]
    assert wording.replaced == 0


def test_a_plural_with_no_plain_plural_is_explained() -> None:
    text, wording = replaced("Two PLOs were held.")
    assert text == "Two PLOs were held."
    assert [e.term for e in wording.explained] == ["PLO"]


def test_explain_leaves_the_words_and_lists_each_term_once() -> None:
    wording = PlainWording()
    text = plain_text(
        "The HV and the HV's CAMHS referral", load_jargon(), JargonHandling.EXPLAIN, wording
    )
    assert text == "The HV and the HV's CAMHS referral"
    assert [e.term for e in wording.explained] == ["HV", "CAMHS"]
    assert wording.sentence == "2 terms explained in “Words we use”."


def test_an_authority_can_give_context_and_plurals(tmp_path: Path) -> None:
    path = tmp_path / "jargon.toml"
    path.write_text(
        '[phrases]\n"step down" = { plain = "less support", not_after = ["will"] }\n'
        '[acronyms]\nFGC = { plain = "family meeting", plural = "family meetings" }\n',
        encoding="utf-8",
    )
    jargon = load_jargon(path)
    wording = PlainWording()
    text = plain_text(
        "A step down after two FGCs. We will step down.", jargon, JargonHandling.REPLACE, wording
    )
    assert text == "A less support after two family meetings. We will step down."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[phrases]\n"x" = { plain = "y", replace = "no" }\n', "must be true or false"),
        ('[phrases]\n"x" = { plain = "y", not_after = "has" }\n', "must be a list of words"),
        ('[phrases]\n"x" = { plain = "y", colour = "red" }\n', "has 'colour'"),
    ],
)
def test_a_broken_entry_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "jargon.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(JargonFormatError, match=message):
        load_jargon(path)


def test_family_documents_settings(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = data_dir / "settings.toml"
    assert load_authority_settings().family.jargon is JargonHandling.REPLACE
    assert load_authority_settings().family.reading_age == 12
    settings.write_text('[family_documents]\njargon = "explain"\nreading_age = 10\n')
    family = load_authority_settings().family
    assert (family.jargon, family.reading_age) == (JargonHandling.EXPLAIN, 10)
    for bad, message in (
        ('jargon = "hide"', 'must be "replace" or "explain"'),
        ("reading_age = 40", "from 6 to 18"),
        ("font = 3", "has no setting 'font'"),
    ):
        settings.write_text(f"[family_documents]\n{bad}\n")
        with pytest.raises(SettingsFormatError, match=message):
            load_authority_settings()


def test_people_as_a_child_knows_them(tmp_path: Path) -> None:
    words = load_family_words()
    assert words.for_relationship("Mother", "Chloe") == "your Mum"
    assert words.for_relationship("Maternal grandmother", "Maureen") == "your Nanna Maureen"
    assert words.for_relationship("Mother's partner", "Jason") == ""
    assert words.for_role("Social worker", "Bethan") == "Bethan, your social worker"
    path = tmp_path / "family-words.toml"
    path.write_text('[family]\nmother = "your Mam"\n', encoding="utf-8")
    assert load_family_words(path).for_relationship("mother", "Chloe") == "your Mam"
    path.write_text("[family]\nmother = 3\n", encoding="utf-8")
    with pytest.raises(FamilyWordsFormatError, match="must be words in quotes"):
        load_family_words(path)
