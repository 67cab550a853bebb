"""What the family receives, checked on the Marlowe case (three children, one unborn).

Each document is read back from the .docx, as the family would read it.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from cprecorder.actor import Actor
from cprecorder.cli import main
from cprecorder.demo_marlowe import POLICE_INFORMATION, marlowe_conference
from cprecorder.export import (
    DocumentKind,
    ExportError,
    FamilyWords,
    document_bytes,
    export_notes,
    plan_summary_text,
    worded_document,
)
from cprecorder.interchange import import_conference
from cprecorder.language.jargon import load_jargon
from cprecorder.language.plain_words import JargonHandling
from cprecorder.model import Conference
from cprecorder.queries import load_conference
from cprecorder.review import review_record
from cprecorder.store import Store

CONFIDENTIAL_WORRY = "seen with a man they are investigating"
FAMILY_KINDS = (DocumentKind.FAMILY, DocumentKind.SUMMARY, DocumentKind.CHILDREN)


def text_of(data: bytes) -> str:
    """Every paragraph and table cell of a .docx, in order, one a line."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen: list[str] = []
            for cell in row.cells:
                if cell.text not in seen[-1:]:
                    seen.append(cell.text)
            lines.append(" | ".join(seen))
    return "\n".join(lines)


def all_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )


def add(store: Store, actor: Actor, data: dict[str, Any] | None = None) -> int:
    """The Marlowe case (or a variant of it) as a conference of its own, as often as asked."""
    return import_conference(store, actor=actor, data=data or marlowe_conference(), as_copy=True)


@pytest.fixture
def marlowe(store: Store, actor: Actor) -> Iterator[Conference]:
    conference_id = add(store, actor)
    with store.read() as session:
        yield load_conference(session, conference_id)


@pytest.fixture
def documents(marlowe: Conference) -> dict[DocumentKind, str]:
    return {kind: text_of(document_bytes(marlowe, kind)) for kind in DocumentKind}


def test_police_information_stays_with_professionals(marlowe: Conference) -> None:
    record = all_xml(document_bytes(marlowe, DocumentKind.RECORD))
    assert POLICE_INFORMATION in text_of(document_bytes(marlowe, DocumentKind.RECORD))
    assert CONFIDENTIAL_WORRY in record
    for kind in FAMILY_KINDS:
        xml = all_xml(document_bytes(marlowe, kind))
        assert "DC Holt told professionals" not in xml, kind
        assert CONFIDENTIAL_WORRY not in xml, kind
    assert "DC Holt told" not in plan_summary_text(marlowe)


def test_the_record_states_what_the_chair_certifies(documents: dict[DocumentKind, str]) -> None:
    record = documents[DocumentKind.RECORD]
    assert (
        "The conference was quorate: 3 agencies besides children's social care and the chair "
        "were present (Westmere Health Visiting Service, Ashgrove Primary School and Westmere "
        "Maternity Service)." in record
    )
    assert "Strategy discussion: 23 November 2026" in record
    assert (
        "The conference was held 13 working days after the strategy discussion, within the 15 "
        "working days allowed (by 14 December 2026)." in record
    )
    assert (
        "Grace Obi | Health visitor, Westmere Health Visiting Service | Present | Video | "
        "Received 9 December, due 8 December: late; not shared with the family first" in record
    )
    assert (
        "Dr Amir Shah | GP, Millbrook Surgery | Sent apologies |  | Not received (due 8 December)"
        in record
    )
    assert "Received 7 December, due 8 December: on time; shared with the family first" in record
    assert "Kelly Doyle | Family friend | Not invited" in record


def test_an_inquorate_conference_says_why_or_that_no_reason_is_recorded(
    store: Store, actor: Actor
) -> None:
    data = marlowe_conference()
    for person in data["conference"]["people"]:
        if person["agency"] in ("Ashgrove Primary School", "Westmere Maternity Service"):
            person["attendance"] = "apologies"
    without = add(store, actor, copy.deepcopy(data))
    data["conference"]["inquorate_reason"] = "The family had waited six weeks already."
    with_reason = add(store, actor, data)
    with store.read() as session:
        first = text_of(document_bytes(load_conference(session, without), DocumentKind.RECORD))
        second = text_of(document_bytes(load_conference(session, with_reason), DocumentKind.RECORD))
    assert "The conference was not quorate: only one agency" in first
    assert "The chair's reason for going ahead is not recorded." in first
    assert "The chair went ahead because: The family had waited six weeks already." in second


def test_a_late_initial_conference_is_said_in_the_record_and_the_review(
    store: Store, actor: Actor
) -> None:
    data = marlowe_conference()
    data["conference"]["strategy_discussion_on"] = "2026-11-09"
    conference_id = add(store, actor, data)
    with store.read() as session:
        conference = load_conference(session, conference_id)
        record = text_of(document_bytes(conference, DocumentKind.RECORD))
        items = review_record(conference, today=dt.date(2026, 12, 11))
    assert "later than the 15 working days allowed (by 30 November 2026)" in record
    late = [i for i in items if i.check == "initial_within_working_days"]
    assert [(i.target, i.pane, i.blocking) for i in late] == [
        (("conference", conference_id, "strategy_discussion_on"), "before", False)
    ]


def test_relationships_say_to_which_child_and_where_people_live(
    documents: dict[DocumentKind, str],
) -> None:
    family = documents[DocumentKind.FAMILY]
    assert "Callum Marlowe | Family | Father of Isla | Lives elsewhere" in family
    assert (
        "Jason Reed | Family | Isla and Rory's mother's partner; father of the unborn baby | "
        "Lives with the children" in family
    )
    assert "Chloe Marlowe | Family | Mother | Lives with the children" in family
    assert "Mother's partner of" not in family
    assert "(Isla and Rory's mother's partner; father of the unborn baby)" in family


def test_a_dissent_about_two_of_three_children(documents: dict[DocumentKind, str]) -> None:
    for kind in (DocumentKind.RECORD, DocumentKind.FAMILY):
        text = documents[kind]
        assert "disagreed with the decision for Isla and Rory: School felt" in text
        assert "| Isla and Rory | Child in need plan |" in text
        assert "| All the children | Child protection plan |" in text
        assert "All children" not in text
        assert "for All" not in text


def test_categories_read_as_a_phrase(documents: dict[DocumentKind, str]) -> None:
    record = documents[DocumentKind.RECORD]
    assert "Categories: Emotional abuse and neglect" in record
    assert "Category: Neglect" in record
    assert "and Neglect" not in record
    summary = documents[DocumentKind.SUMMARY]
    assert "Child | Decision | Categories | Lead social worker" in summary


def test_each_parent_has_their_own_views(documents: dict[DocumentKind, str]) -> None:
    record = documents[DocumentKind.RECORD]
    # After a name the relation reads as part of the sentence: no capital but names.
    assert "Chloe Marlowe's views (mother)" in record
    assert "Jason Reed's views (Isla and Rory's mother's partner; father of " in record
    assert "views (M" not in record and "views (F" not in record
    assert "Agrees the reports are factually correct: No" in record
    assert "What they disagree with: The HV's report says" in record
    assert "Agrees the reports are factually correct: Yes" in record


def test_an_unborn_child_is_not_written_to(
    marlowe: Conference, documents: dict[DocumentKind, str]
) -> None:
    record = documents[DocumentKind.RECORD]
    assert "Unborn baby Marlowe (not yet named)\nExpected: 4 March 2027" in record
    assert "Children: Isla Marlowe, Rory Marlowe and unborn baby Marlowe (not yet named)" in record
    assert "The parents' plans: Chloe is booked to give birth" in record
    assert "Baby's" not in record and "Baby's own words" not in record
    plans = documents[DocumentKind.CHILDREN]
    assert "Isla's plan" in plans and "Rory's plan" in plans
    assert "Hello Baby" not in plans and "baby's plan" not in plans.casefold()
    unborn = marlowe.children[2]
    with pytest.raises(ExportError, match="is not born yet"):
        document_bytes(marlowe, DocumentKind.CHILDREN, child_id=unborn.id)
    notes = export_notes(marlowe, DocumentKind.CHILDREN)
    assert (
        "Unborn baby Marlowe (not yet named) is not born yet, so has no children's plan." in notes
    )


def test_a_plan_nobody_wrote_is_said_before_export_and_in_the_review(
    store: Store, actor: Actor
) -> None:
    conference_id = add(store, actor, marlowe_conference(rorys_plan_written=False))
    with store.read() as session:
        marlowe = load_conference(session, conference_id)
    isla, rory, _ = marlowe.children
    notes = export_notes(marlowe, DocumentKind.CHILDREN)
    assert any(note.startswith("Rory's plan has not been written for Rory yet") for note in notes)
    assert not any(note.startswith("Isla's plan") for note in notes)
    assert export_notes(marlowe, DocumentKind.CHILDREN, child_id=isla.id) == []
    items = [i for i in review_record(marlowe) if i.check == "childrens_plan_not_written"]
    assert rory.childrens_plan is not None
    assert [(i.target, i.pane) for i in items] == [
        (("childrens_plan", rory.childrens_plan.id, "worries"), "childrens_plan")
    ]
    record = text_of(document_bytes(marlowe, DocumentKind.FAMILY))
    assert "it has not yet been written for Rory." in record


def test_the_childrens_version_says_with_whom_and_when(store: Store, actor: Actor) -> None:
    data = marlowe_conference()
    data["conference"]["childrens_version_shared_on"] = "2026-12-14"
    conference_id = add(store, actor, data)
    with store.read() as session:
        record = text_of(document_bytes(load_conference(session, conference_id), "record"))
    assert "Children's version of the plan made: Yes, with Isla, Nanna Maureen and Bethan" in record
    assert "Shared with the children: Yes, on 14 December 2026" in record


def test_jargon_never_reaches_the_family_raw(documents: dict[DocumentKind, str]) -> None:
    assert "The HV to visit Chloe" in documents[DocumentKind.RECORD]
    jargon = load_jargon()
    for kind in FAMILY_KINDS:
        text = documents[kind]
        raw = {hit.text for hit in jargon.find(text) if hit.replace}
        assert raw == set(), f"{kind}: {raw}"
    family = documents[DocumentKind.FAMILY]
    assert "The health visitor to visit Chloe every two weeks" in family
    assert "Refer Isla to the children's mental health service" in family
    # "Looked after" as everyday English stays as it was written.
    assert "Maureen has looked after the children every weekend" in family
    assert "Words we use" in family and "Core group | group who carry out the plan" in family


def test_the_authority_may_explain_jargon_instead(marlowe: Conference) -> None:
    words = FamilyWords(load_jargon(), JargonHandling.EXPLAIN)
    _, wording = worded_document(marlowe, DocumentKind.FAMILY, words=words)
    text = text_of(document_bytes(marlowe, DocumentKind.FAMILY, words=words))
    assert wording.replaced == 0
    assert "The HV to visit Chloe every two weeks" in text
    assert "HV | health visitor" in text
    assert "CAMHS | children's mental health service" in text
    _, replaced = worded_document(marlowe, DocumentKind.FAMILY)
    assert replaced.replaced >= 5
    assert replaced.sentence.startswith(f"{replaced.replaced} terms of jargon replaced")


def test_authority_setting_chooses_how_jargon_is_handled(
    marlowe: Conference, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text(
        '[family_documents]\njargon = "explain"\nreading_age = 11\n', encoding="utf-8"
    )
    text = text_of(document_bytes(marlowe, DocumentKind.SUMMARY))
    assert "The HV to visit Chloe" in text


def test_an_empty_why_column_is_left_out(store: Store, actor: Actor) -> None:
    data = marlowe_conference()
    for score in data["conference"]["danger_statements"][1]["scores"]:
        score["reason"] = ""
    conference_id = add(store, actor, data)
    with store.read() as session:
        record = text_of(document_bytes(load_conference(session, conference_id), "record"))
    headers = [line for line in record.splitlines() if line.startswith("Name | Role and agency")]
    assert "Name | Role and agency | Score | Why" in headers
    assert "Name | Role and agency | Score" in headers


def test_names_on_the_charts_are_at_least_9_point(marlowe: Conference) -> None:
    document = docx.Document(io.BytesIO(document_bytes(marlowe, DocumentKind.RECORD)))
    sizes = set()
    for table in document.tables:
        cells = table.rows[-1].cells if len(table.rows) == 2 else []
        for cell in cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    if run.text.startswith("▲") and run.font.size is not None:
                        sizes.add(run.font.size.pt)
    assert sizes and min(sizes) >= 9


def test_child_by_family_name_lists_the_children(
    store: Store, actor: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(store, actor, marlowe_conference(rorys_plan_written=False))
    target = tmp_path / "plan.docx"
    code = main(["export", "1", "--as", "children", "--child", "Marlowe", "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "3 children are called 'Marlowe': Isla Marlowe, Rory Marlowe and Unborn baby Marlowe "
        "(not yet named). Say which, by first name (--child Isla)." in err
    )
    assert "no child called" not in err
    assert not target.exists()
    code = main(["export", "1", "--as", "children", "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 0
    assert "is not born yet, so has no children's plan" in err
    assert "Rory's plan has not been written for Rory yet" in err


def test_a_plan_is_started_in_words_written_to_the_child(store: Store, actor: Actor) -> None:
    from cprecorder import operations as op
    from cprecorder.export.childrens_plan import plan_written

    data = marlowe_conference()
    data["conference"]["children"][0]["childrens_plan"] = None
    data["conference"]["people"][3]["known_as"] = ""  # Maureen: named by the family word
    conference_id = add(store, actor, data)
    with store.read() as session:
        isla = load_conference(session, conference_id).children[0]
    op.create_childrens_plan(store, actor=actor, child_id=isla.id)
    with store.read() as session:
        isla = load_conference(session, conference_id).children[0]
        plan = isla.childrens_plan
        assert plan is not None and not plan_written(isla)
        words = "\n".join((plan.safety_people, plan.what_will_happen, plan.who_to_talk_to))
    assert "your Nanna Maureen" in words
    assert "your Mum" in words
    assert "Bethan, your social worker" in words
    assert "Mrs Whitlock at school" in words
    # The adults' sentences are not copied in.
    assert "Chloe will take Isla" not in words and "Jason will not drink" not in words
    op.update(
        store,
        actor=actor,
        entity="childrens_plan",
        entity_id=plan.id,
        values={"if_unsafe": "Take Rory to your room and phone Nanna."},
    )
    with store.read() as session:
        assert plan_written(load_conference(session, conference_id).children[0])
    with pytest.raises(Exception, match="not born yet"):
        op.create_childrens_plan(
            store, actor=actor, child_id=load_child(store, conference_id, 2).id
        )


def load_child(store: Store, conference_id: int, index: int) -> Any:
    with store.read() as session:
        return load_conference(session, conference_id).children[index]


def test_the_family_reads_how_a_child_took_part_in_plain_words(
    documents: dict[DocumentKind, str],
) -> None:
    family = documents[DocumentKind.FAMILY]
    assert (
        "How they took part: Was not at the meeting, and told someone what to say for them"
        in family
    )
    assert "How they took part: Was not at the meeting, and shared their views another way" in (
        family
    )
    assert "PN5" not in family and "PN6" not in family and "advocate" not in family
    record = documents[DocumentKind.RECORD]
    assert "How they took part: PN5 – absent, briefs an advocate" in record


def test_quorate_is_explained_to_the_family(documents: dict[DocumentKind, str]) -> None:
    family = documents[DocumentKind.FAMILY]
    assert "The conference was quorate: 3 agencies" in family
    assert "Quorate | enough services were there for the conference to make decisions" in family
    assert "Words we use" not in documents[DocumentKind.RECORD]


def test_core_group_notes_are_a_sentence_of_their_own(marlowe: Conference) -> None:
    summary = text_of(document_bytes(marlowe, DocumentKind.SUMMARY))
    for text in (summary, plan_summary_text(marlowe)):
        assert (
            "Core group meeting: Thursday 17 December 2026. At Ashgrove Primary School, 3.30pm."
            in text
        )
        assert "Core group meeting: Thursday 28 January 2027." in text
        assert "– At" not in text


def test_names_on_the_charts_fit_their_columns(marlowe: Conference) -> None:
    from docx.oxml.ns import qn

    from cprecorder.export.text_width import text_width_cm

    # Arial's widths: "Whitlock" at 9 pt is 34 points, as Word prints it.
    assert text_width_cm("Whitlock", 9) == pytest.approx(34.0 * 2.54 / 72, abs=0.01)
    document = docx.Document(io.BytesIO(document_bytes(marlowe, DocumentKind.FAMILY)))
    scales = [
        table
        for table in document.tables
        if [cell.text for cell in table.rows[0].cells] == [str(n) for n in range(11)]
    ]
    assert len(scales) == 3
    for table in scales:
        grid = [int(col.get(qn("w:w"))) / 567 for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert sum(grid) == pytest.approx(17.0, abs=0.05)
        names = [cell.text for cell in table.rows[1].cells]
        assert any("Whitlock" in text for text in names)
        for width, text in zip(grid, names, strict=True):
            for word in text.replace("▲", " ").split():
                # The cell's own margins (2 × 100 twips) are not for text.
                assert text_width_cm(word, 9) <= width - 2 * 100 / 567, (word, width)


def adult_sentences(conference: Conference) -> set[str]:
    """Every sentence the adults' record says about the plan and the worries."""
    texts = [
        *(item.text for item in conference.plan_items),
        *(step.what for step in conference.timeline),
        *(member.part for member in conference.plan_network),
        *(action.what for action in conference.actions),
        *(worry.text for worry in conference.worries),
        *(d.statement for d in conference.danger_statements),
        *(d.safety_goal for d in conference.danger_statements),
        *(
            words
            for rule in conference.plan_rules
            for words in (rule.working_well, rule.triggers, rule.red_flags, rule.contingency)
        ),
    ]
    return {
        sentence.strip().rstrip(".")
        for text in texts
        for sentence in text.replace(";", ".").split(". ")
        if len(sentence.strip()) > 15
    }


@pytest.mark.parametrize(
    ("name", "known_as", "not_as"),
    [
        ("Isla", ("Mum", "Nanna Maureen", "Mrs Whitlock"), ("Chloe", "Maureen Marlowe")),
        ("Rory", ("Mum", "Nanna Maureen", "Bethan"), ("Chloe", "Maureen Marlowe", "Morris")),
    ],
)
def test_each_childs_plan_is_written_for_the_child(
    marlowe: Conference, name: str, known_as: tuple[str, ...], not_as: tuple[str, ...]
) -> None:
    from cprecorder.export.childrens_plan import plan_written

    child = next(c for c in marlowe.children if c.first_name == name)
    assert plan_written(child)
    notes = export_notes(marlowe, DocumentKind.CHILDREN)
    assert not any("has not been written" in note for note in notes), notes
    plan = text_of(document_bytes(marlowe, DocumentKind.CHILDREN, child_id=child.id))
    assert f"{name}'s plan" in plan and f"Hello {name}!" in plan
    assert "not yet written" not in plan.casefold() and "started with" not in plan
    sentences = adult_sentences(marlowe)
    assert len(sentences) > 20
    for sentence in sentences:
        assert sentence not in plan, sentence
    for words in known_as:
        assert words in plan
    for words in not_as:
        assert words not in plan
    family_version = text_of(document_bytes(marlowe, DocumentKind.FAMILY))
    assert "has not yet been written" not in family_version
    assert f"{name}'s plan" in family_version


def test_a_childs_plan_keeps_each_heading_with_its_box(marlowe: Conference) -> None:
    """No heading is left at the foot of a page and no box is split over two."""
    from docx.shared import Cm

    rory = marlowe.children[1]
    document = docx.Document(
        io.BytesIO(document_bytes(marlowe, DocumentKind.CHILDREN, child_id=rory.id))
    )
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    headings = [p for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert [p.text for p in headings][-1] == "Remember"
    assert len(headings) == 6
    for heading in headings:
        after = paragraphs[paragraphs.index(heading) + 1]
        assert heading.style is not None and heading.style.paragraph_format.keep_with_next
        assert after.style is not None and after.style.paragraph_format.keep_together, after.text
        # A heading's picture is small: the heading takes little more room than its words.
        (picture,) = heading._p.xpath(".//wp:extent")
        assert int(picture.get("cx")) <= Cm(1.8)
    # "Remember" never stands alone on the last page: the last part keeps with it.
    last_part = paragraphs[paragraphs.index(headings[-1]) - 1]
    assert last_part.paragraph_format.keep_with_next, last_part.text


def test_a_tables_header_keeps_with_its_first_row(marlowe: Conference) -> None:
    """Never a header row alone at a page's foot (LibreOffice then lost the rows after it)."""
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(document_bytes(marlowe, DocumentKind.FAMILY)))
    assert len(document.tables) > 5
    for table in document.tables:
        header = table.rows[0]
        assert header._tr.trPr is not None and header._tr.trPr.find(qn("w:tblHeader")) is not None
        for cell in header.cells:
            assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs), cell.text
