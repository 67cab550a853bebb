"""Jargon found in text and in the parts of the record the family reads."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from cprecorder.actor import Actor
from cprecorder.demo import demo_conference
from cprecorder.interchange import import_conference
from cprecorder.language.family_text import family_text, jargon_in_record
from cprecorder.language.jargon import (
    JargonFormatError,
    JargonList,
    JargonTerm,
    authority_jargon_path,
    default_jargon,
    find_jargon,
    load_jargon,
)
from cprecorder.model.registry import ENTITIES
from cprecorder.queries import load_conference
from cprecorder.store import Store


def found(text: str) -> list[tuple[str, str]]:
    return [(h.text, h.plain) for h in find_jargon(text, load_jargon())]


def test_acronyms_are_found_with_plain_words() -> None:
    text = "The HV told the ICPC that the GP's letter and the S47 were shared."
    hits = find_jargon(text, load_jargon())
    assert [(h.text, h.plain) for h in hits] == [
        ("HV", "health visitor"),
        ("ICPC", "first child protection meeting"),
        ("GP", "family doctor"),
        ("S47", "child protection enquiry"),
    ]
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text


@pytest.mark.parametrize(
    "text",
    [
        "We went to the cinema.",  # "cin" inside a word
        "cin and cp in lower case are not acronyms",
        "Chips, shop, ICPCX, XHV, HVAC, GPS tracker",
        "Maisie's CPR training",
        "",
    ],
)
def test_no_jargon_inside_words_or_in_lower_case(text: str) -> None:
    assert found(text) == []


def test_plurals_and_every_acronym_on_the_list() -> None:
    assert found("Two RCPCs and the CIN plan") == [
        ("RCPCs", "review child protection meeting"),
        ("CIN", "child in need"),
    ]
    assert [h.term for h in find_jargon("DV, DA, LAC, CLA, CAMHS, MASH", load_jargon())] == [
        "DV",
        "DA",
        "LAC",
        "CLA",
        "CAMHS",
        "MASH",
    ]


def test_phrases_whatever_their_case_and_hyphens() -> None:
    assert found("A Hard-To-Reach family; disguised  compliance; non-engagement.") == [
        ("Hard-To-Reach", "not easy to get in touch with"),
        ("disguised  compliance", "saying they will make changes but not making them"),
        ("non-engagement", "not taking part"),
    ]
    # The longer phrase wins over the shorter one inside it.
    assert [h.term for h in find_jargon("non-engagement", load_jargon())] == ["non-engagement"]


def test_every_term_is_found_however_its_first_letter_is_written() -> None:
    """The pattern tries the terms only where a word begins with a letter a term can
    begin with: every term is still found, a phrase in any case, at the start of a
    text, after a space or a bracket, and not inside a word."""
    jargon = load_jargon()
    for term in jargon.terms:
        forms = [term.term] if term.acronym else [term.term.lower(), term.term.upper()]
        for written in forms:
            for before in ("", "the ", "("):
                text = f"{before}{written} today"
                hits = [h for h in jargon.find(text) if h.start == len(before)]
                assert hits and text[hits[0].start : hits[0].end] == written, text
            assert all(h.start != 1 for h in jargon.find(f"x{written} today")), written
    assert [h.term for h in JargonList([JargonTerm("-", "a dash", acronym=False)]).find("a - b")]


def test_a_note_goes_in_the_advice_not_the_words() -> None:
    (hit,) = find_jargon("contact with dad", load_jargon())
    assert hit.plain == "time together"
    assert "when it means time with family" in hit.advice


def test_an_authority_can_add_change_and_remove_terms(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    authority_jargon_path().write_text(
        '[acronyms]\nFGC = "family meeting"\nHV = ""\nSPOA = "front door"\n'
        '[phrases]\n"step-down" = "less support"\n',
        encoding="utf-8",
    )
    jargon = default_jargon()
    text = "The HV asked for an FGC, SPOA and a step-down."
    assert [(h.text, h.plain) for h in jargon.find(text)] == [
        ("FGC", "family meeting"),
        ("SPOA", "front door"),
        ("step-down", "less support"),
    ]
    # The bundled list is unchanged.
    bundled = find_jargon(text, load_jargon())
    assert [(h.term, h.plain) for h in bundled][::2] == [
        ("HV", "health visitor"),
        ("step down", "move to less support"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[acronyms\n", "not a valid jargon list"),
        ('[acronyms]\n"H V" = "x"\n', "not an acronym"),
        ("[acronyms]\nHV = 3\n", "must be text"),
        ('[words]\nHV = "x"\n', "unknown section"),
    ],
)
def test_a_broken_authority_list_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "jargon.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(JargonFormatError, match=message):
        load_jargon(path)


def test_jargon_in_the_demo_record_skips_professionals_only_text(
    store: Store, actor: Actor
) -> None:
    data = copy.deepcopy(demo_conference())
    record = data["conference"]
    record["reason_for_conference"] += " The HV raised a concern with MASH."
    record["children"][0]["childrens_plan"]["what_will_happen"] = "Your SW will visit."
    record["actions"][0]["what"] = "Refer to CAMHS."
    record["professionals_only"][0]["text"] += " PLO and LADO were discussed."
    record["worries"].append(
        {"heading": "past_harm", "text": "A DV incident", "contributor": None, "confidential": True}
    )
    conference_id = import_conference(store, actor=actor, data=data)
    with store.read() as session:
        conference = load_conference(session, conference_id)
        findings = jargon_in_record(conference, load_jargon())
        places = {(f.place.entity, f.place.field, f.hit.term) for f in findings}
        texts = {(p.entity, p.item_id, p.field): t for p, t in family_text(conference)}
    assert ("conference", "reason_for_conference", "HV") in places
    assert ("conference", "reason_for_conference", "MASH") in places
    assert ("childrens_plan", "what_will_happen", "SW") in places
    assert ("action", "what", "CAMHS") in places
    assert ("person", "role", "GP") in places
    terms = {f.hit.term for f in findings}
    assert not terms & {"PLO", "LADO", "DV"}
    assert all(f.place.entity in ENTITIES for f in findings)
    assert "professionals_only_note" not in {f.place.entity for f in findings}
    for finding in findings:
        text = texts[(finding.place.entity, finding.place.item_id, finding.place.field)]
        assert text[finding.hit.start : finding.hit.end] == finding.hit.text
