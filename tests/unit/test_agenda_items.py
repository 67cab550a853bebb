"""The agenda-item registry and the one rule for what the family may see."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import cprecorder
from cprecorder.actor import Actor
from cprecorder.agenda import available_agendas, load_agenda
from cprecorder.agenda.agenda import AgendaFormatError, parse_agenda
from cprecorder.agenda.items import (
    AGENDA_ITEMS,
    CONFERENCE_FIELD_PANE,
    ENTITY_PANE,
    KNOWN_ITEMS,
)
from cprecorder.agenda.record_index import free_text_only, record_parts, text_places
from cprecorder.export.sections import section_modules, section_of
from cprecorder.language.family_text import family_text
from cprecorder.model import (
    Addendum,
    Conference,
    Person,
    ProfessionalsOnlyNote,
    WorryItem,
)
from cprecorder.model.registry import ENTITIES, entity_name
from cprecorder.queries import load_conference
from cprecorder.rules.timescales import review_due_words
from cprecorder.sharing import family_may_see, part_may_be_seen
from cprecorder.store import Store

PANES = Path(cprecorder.__file__).parent / "ui" / "panes"


@pytest.mark.parametrize("key", sorted(KNOWN_ITEMS))
def test_every_agenda_item_has_a_pane_module_and_an_export_section(key: str) -> None:
    known = KNOWN_ITEMS[key]
    assert (PANES / f"{key}.py").is_file(), f"no pane module ui/panes/{key}.py"
    assert known.section in section_modules(), f"no export section export/sections/{key}.py"
    assert callable(section_of(known))
    assert known.title.strip()


def test_every_export_section_belongs_to_a_declared_item() -> None:
    assert section_modules() == {known.section for known in AGENDA_ITEMS}


def test_each_agenda_item_is_declared_once() -> None:
    keys = [item.key for item in AGENDA_ITEMS]
    assert len(keys) == len(set(keys))


def test_every_part_of_the_record_has_one_home_item() -> None:
    declared = [entity for item in AGENDA_ITEMS for entity in item.entities]
    assert len(declared) == len(set(declared)), "a part is declared by two items"
    assert set(ENTITY_PANE) == set(ENTITIES) - {"conference"}
    fields = [field for item in AGENDA_ITEMS for field in item.conference_fields]
    assert len(fields) == len(set(fields)) == len(CONFERENCE_FIELD_PANE)
    assert set(fields) <= set(Conference.__table__.columns.keys())


def test_every_shipped_agenda_names_only_declared_items() -> None:
    for key in available_agendas():
        for item in load_agenda(key).items:
            assert item.key in KNOWN_ITEMS, (key, item.key)


def test_an_agenda_file_may_leave_out_a_title_and_never_name_an_unknown_item() -> None:
    agenda = parse_agenda(
        'key = "short"\ntitle = "Short"\n[[items]]\nkey = "actions"\n'
        '[[items]]\nkey = "summary"\ntitle = "What we decided"\n',
        "short.toml",
    )
    assert [(i.key, i.title) for i in agenda.items] == [
        ("actions", "Actions"),
        ("summary", "What we decided"),
    ]
    with pytest.raises(AgendaFormatError, match="cannot show"):
        parse_agenda(
            'key = "x"\ntitle = "X"\n[[items]]\nkey = "gossip"\ntitle = "Gossip"\n', "x.toml"
        )


def test_the_family_may_see_every_agenda_item_but_the_professionals_only_one() -> None:
    hidden = {item.key for item in AGENDA_ITEMS if not family_may_see(item.key)}
    assert hidden == {"professionals_only"}
    assert not family_may_see("an item nobody declared")


def test_the_family_may_see_a_part_unless_its_item_or_its_mark_says_not() -> None:
    assert not family_may_see(ProfessionalsOnlyNote(text="Police information", source="Police"))
    assert not family_may_see(WorryItem(heading="past_harm", text="x", confidential=True))
    assert family_may_see(WorryItem(heading="past_harm", text="x", confidential=False))
    assert family_may_see(Person(name="Kerry Ashdown"))
    assert family_may_see(Addendum(author="Ruth Calloway", reason="r", text="t"))
    assert family_may_see(Conference(), "chair_summary")
    assert family_may_see(Conference(), "family_name")
    assert not part_may_be_seen("professionals_only_note")
    assert not part_may_be_seen("worry", confidential=True)
    assert part_may_be_seen("action")


def test_find_and_the_jargon_check_follow_the_one_rule(
    store: Store, demo_id: int, actor: Actor
) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
    conference.worries[0].confidential = True
    assert conference.professionals_only, "the demo has professionals-only notes"
    parts = {
        (entity_name(p), getattr(p, "id", None)): p
        for p in record_parts(conference)
        if type(p) in ENTITIES.values()
    }
    for place in text_places(conference):
        part = parts[(place.entity, place.entity_id)]
        assert place.confidential is (not family_may_see(part, place.field))
    read_by_family = {(place.entity, place.item_id) for place, _ in family_text(conference)}
    assert ("professionals_only_note", conference.professionals_only[0].id) not in read_by_family
    assert ("worry", conference.worries[0].id) not in read_by_family
    assert ("worry", conference.worries[1].id) in read_by_family


def test_each_item_says_how_complete_it_is_without_a_window(store: Store, demo_id: int) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
    agenda = load_agenda(conference.agenda_key)
    for item in agenda.items:
        filled, expected = KNOWN_ITEMS[item.key].completeness(item, conference)
        assert 0 <= filled <= expected or expected == 0, item.key
    conference.chair_summary = ""
    conference.decision_statement = "Leo and Maisie stay on a plan."
    summary = next(i for i in agenda.items if i.key == "summary")
    assert KNOWN_ITEMS["summary"].completeness(summary, conference) == (1, 2)


def test_free_text_is_told_from_words_shown_elsewhere() -> None:
    assert free_text_only("worry", ["text"])
    assert not free_text_only("person", ["name"])
    assert not free_text_only("worry", ["text", "heading"])
    assert not free_text_only("no such part", ["text"])


def test_the_header_says_when_the_review_is(store: Store, demo_id: int) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
    conference.review_conference_on = dt.date(2027, 2, 10)
    assert review_due_words(conference) == "Review conference 10 February 2027"
    conference.review_conference_on = None
    assert review_due_words(conference).startswith("Review due by ")
