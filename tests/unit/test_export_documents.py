"""The four Word exports, read back with python-docx and checked against the demo record."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from docx.shared import Cm

from cprecorder.actor import Actor
from cprecorder.agenda import load_agenda
from cprecorder.export import (
    DocumentKind,
    available_pictures,
    document_bytes,
    export_document,
    plan_summary_text,
    suggested_childrens_plan,
    suggested_filename,
)
from cprecorder.model import Conference, RecordStatus
from cprecorder.operations.signoff import add_addendum, sign_off
from cprecorder.queries import load_conference
from cprecorder.rules.categories import category_label
from cprecorder.sharing import family_may_see
from cprecorder.store import Store

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def conference(store: Store, demo_id: int) -> Conference:
    """The demo record, loaded and detached: exports must not need an open session."""
    with store.read() as session:
        return load_conference(session, demo_id)


def open_doc(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def body_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def headings(document: docx.document.Document, level: int) -> list[str]:
    return [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name == f"Heading {level}"
    ]


def xml_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


ALL_KINDS = list(DocumentKind)


# -- the professionals' record ---------------------------------------------------------


def test_record_follows_the_agenda_in_order(conference: Conference) -> None:
    document = open_doc(document_bytes(conference, DocumentKind.RECORD))
    agenda = load_agenda(conference.agenda_key)
    expected = [
        item.title if family_may_see(item.key) else f"{item.title} – CONFIDENTIAL"
        for item in agenda.items
    ]
    assert headings(document, 1) == [*expected, "Sign-off"]


def test_record_holds_every_part_of_the_demo(conference: Conference) -> None:
    document = open_doc(document_bytes(conference, DocumentKind.RECORD))
    text = body_text(document)
    for person in conference.people:
        assert person.name in text
    assert "Sent a report only" in text  # PC Aaron Blake's attendance
    for worry in conference.worries:
        assert worry.text in text
    for statement in conference.danger_statements:
        assert statement.statement in text
        assert statement.safety_goal in text
        for score in statement.scores:
            assert score.reason in text
    for safety in conference.safety_scores:
        assert safety.one_point_up in text
    assert category_label("england", "emotional_abuse") in text
    assert conference.dissents[0].reasons in text
    for view in conference.agency_views:
        assert view.view in text
    for item in conference.plan_items:
        assert item.text in text
    for rule in conference.plan_rules:
        assert rule.red_flags in text and rule.contingency in text
    for action in conference.actions:
        assert action.what in text
    assert "Wednesday 2 December 2026" in text  # first core group
    assert "Tuesday 16 February 2027" in text  # review conference
    assert conference.chair_summary in text
    assert conference.decision_statement in text
    assert conference.professionals_only[0].text in text
    assert "CONFIDENTIAL" in text
    assert "DRAFT" in text
    assert "Not signed off" in text or "not signed off" in text


def test_safety_scale_is_drawn_and_tabled(conference: Conference) -> None:
    document = open_doc(document_bytes(conference, DocumentKind.RECORD))
    scales = [
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells] == [str(n) for n in range(11)]
    ]
    # one scale for each danger statement and one for the overall safety scale
    assert len(scales) == len(conference.danger_statements) + 1
    overall = scales[-1]
    marks = {n: overall.rows[1].cells[n].text for n in range(11)}
    names = {person.id: person.name for person in conference.people}
    for score in conference.safety_scores:
        assert score.score is not None
        assert names[score.person_id] in marks[score.score]
    assert marks[10] == ""


def test_signed_off_record_names_the_chair_and_has_no_draft_mark(
    store: Store, demo_id: int, chair: Actor
) -> None:
    sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    add_addendum(
        store,
        actor=chair,
        conference_id=demo_id,
        author="Ruth Calloway",
        reason="Date corrected",
        text="The second police call-out was on 19 October.",
    )
    with store.read() as session:
        conference = load_conference(session, demo_id)
    data = document_bytes(conference, DocumentKind.RECORD)
    document = open_doc(data)
    text = body_text(document)
    assert "Signed off by Ruth Calloway on" in text
    assert "The second police call-out was on 19 October." in text
    assert "Addenda" in headings(document, 2)
    assert "DRAFT" not in text
    assert "DRAFT" not in document.sections[0].header.paragraphs[0].text
    assert "DRAFT" not in suggested_filename(conference, DocumentKind.RECORD)


@pytest.mark.usefixtures("clock_ahead_of_utc")
def test_the_record_gives_the_times_of_sign_off_hand_over_and_addenda_on_the_local_clock(
    store: Store, demo_id: int, chair: Actor
) -> None:
    """They are stamped in UTC; the record said "at 9am" for a sign-off at 10am."""
    sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    add_addendum(
        store, actor=chair, conference_id=demo_id, author="Ruth Calloway", reason="A date",
        text="The second police call-out was on 19 October.",
    )  # fmt: skip
    with store.read() as session:
        conference = load_conference(session, demo_id)
    conference.handed_over_at = dt.datetime(2026, 12, 2, 16, 0)
    conference.signed_off_at = dt.datetime(2026, 12, 3, 9, 0)
    conference.addenda[0].created_at = dt.datetime(2026, 12, 4, 14, 30)
    text = body_text(open_doc(document_bytes(conference, DocumentKind.RECORD)))
    assert "Signed off by Ruth Calloway on Thursday 3 December 2026 at 10am." in text
    assert "Ruth Calloway, Friday 4 December 2026 at 3.30pm" in text
    conference.status = RecordStatus.IN_REVIEW  # as it was the day before
    text = body_text(open_doc(document_bytes(conference, DocumentKind.RECORD)))
    assert "on Wednesday 2 December 2026 at 5pm." in text


# -- the family's version ----------------------------------------------------------------


def test_family_version_is_the_record_without_the_professionals_only_section(
    conference: Conference,
) -> None:
    record = open_doc(document_bytes(conference, DocumentKind.RECORD))
    family = open_doc(document_bytes(conference, DocumentKind.FAMILY))
    assert headings(family, 1) == [h for h in headings(record, 1) if "CONFIDENTIAL" not in h]
    text = body_text(family)
    assert conference.professionals_only[0].text not in text
    assert "CONFIDENTIAL" not in text
    assert conference.chair_summary in text
    assert "Family's version" in text


def test_confidential_worry_goes_to_professionals_only(conference: Conference) -> None:
    conference.worries[1].confidential = True
    secret = conference.worries[1].text
    record = body_text(open_doc(document_bytes(conference, DocumentKind.RECORD)))
    family = body_text(open_doc(document_bytes(conference, DocumentKind.FAMILY)))
    assert secret in record
    assert secret not in family
    assert conference.worries[2].text in family


def test_an_agenda_without_an_item_still_shows_what_the_record_holds(
    conference: Conference,
) -> None:
    conference.agenda_key = "strengthening-families"
    document = open_doc(document_bytes(conference, DocumentKind.FAMILY))
    titles = headings(document, 1)
    agenda = load_agenda("strengthening-families")
    assert titles[0] == agenda.items[0].title
    assert "Concerns and strengths" in titles
    # the demo's danger statements are not on that agenda, but are never dropped
    assert titles.index("Danger statements") > titles.index("Chair's summary")
    assert conference.danger_statements[0].statement in body_text(document)


# -- structure every document shares ---------------------------------------------------------


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_structure_of_every_document(conference: Conference, kind: DocumentKind) -> None:
    data = document_bytes(conference, kind)
    document = open_doc(data)
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width - Cm(21)) < Cm(0.05)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.05)
    assert headings(document, 1), "the navigation pane needs Heading 1 paragraphs"
    assert document.styles["Heading 1"].element.pPr.find(f"{W}outlineLvl") is not None
    assert document.tables or kind is DocumentKind.CHILDREN
    for table in document.tables:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(f"{W}tblHeader") is not None
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert "OFFICIAL-SENSITIVE" in header
    footer_xml = section.footer._element.xml
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    assert "Ashdown family" in footer and "24 November 2026" in footer
    assert "OFFICIAL-SENSITIVE" in footer
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer_xml)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer_xml)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_marking_is_configurable(conference: Conference, kind: DocumentKind) -> None:
    document = open_doc(document_bytes(conference, kind, marking="OFFICIAL"))
    header = document.sections[0].header.paragraphs[0].text
    assert header.startswith("OFFICIAL")
    assert "SENSITIVE" not in header


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_document_properties_are_ours(conference: Conference, kind: DocumentKind) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    data = document_bytes(conference, kind)
    after = dt.datetime.now(dt.UTC)
    parts = xml_parts(data)
    core = ElementTree.fromstring(parts["docProps/core.xml"])
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dcterms": "http://purl.org/dc/terms/",
    }

    def value(path: str) -> str:
        found = core.find(path, ns)
        return (found.text or "") if found is not None else ""

    assert value("dc:creator") == "Northshire County Council"
    assert value("cp:lastModifiedBy") == "Northshire County Council"
    assert "Ashdown" in value("dc:title")
    for stamp in ("dcterms:created", "dcterms:modified"):
        moment = dt.datetime.fromisoformat(value(stamp).replace("Z", "+00:00"))
        assert before <= moment <= after
    assert value("dc:description") == ""
    everything = "\n".join(parts.values())
    assert "python-docx" not in everything
    assert "2013-12-23" not in everything
    assert "Macintosh" not in parts["docProps/app.xml"]
    assert "CP Recorder" in parts["docProps/app.xml"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any("thumbnail" in name for name in archive.namelist())


def test_export_document_writes_the_file(conference: Conference, tmp_path: Path) -> None:
    target = tmp_path / "out" / suggested_filename(conference, DocumentKind.FAMILY)
    written = export_document(conference, "family", target)
    assert written == target
    assert open_doc(target.read_bytes()).paragraphs[0].text == "Child protection conference record"
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_suggested_filenames(conference: Conference) -> None:
    maisie = conference.children[0]
    assert suggested_filename(conference, DocumentKind.RECORD) == (
        "Ashdown 2026-11-24 conference record (professionals) DRAFT.docx"
    )
    assert suggested_filename(conference, "summary") == "Ashdown 2026-11-24 plan summary.docx"
    assert suggested_filename(conference, "children", maisie) == (
        "Ashdown 2026-11-24 Maisie's plan.docx"
    )
    conference.family_name = 'Ash/down: "A\\B"?\u202e'
    name = suggested_filename(conference, DocumentKind.FAMILY)
    assert not set('/\\:"?\u202e') & set(name)
    assert name.startswith("Ash down A B 2026-11-24")


# -- the children's plan ------------------------------------------------------------------


def test_childrens_plan_for_one_child_uses_their_words(conference: Conference) -> None:
    maisie = conference.children[0]
    plan = maisie.childrens_plan
    assert plan is not None
    document = open_doc(document_bytes(conference, "children", child_id=maisie.id))
    text = body_text(document)
    assert document.paragraphs[0].text == "Maisie's plan"
    assert "Hello Maisie!" in text
    for words in (plan.worries, plan.safety_people, plan.if_unsafe, plan.who_to_talk_to):
        assert words in text
    assert "Leo" not in text
    assert set(headings(document, 1)) >= {
        "Why the grown-ups are worried",
        "My safety people",
        "What will happen",
        "If I feel unsafe",
        "Who I can talk to",
    }
    # her four chosen pictures, one per part of the plan and a star
    assert len(document.inline_shapes) == len(plan.picture_keys) + 6
    assert document.styles["Normal"].font.size.pt >= 16


def test_a_phone_number_in_a_childs_plan_is_never_split_across_two_lines(
    conference: Conference,
) -> None:
    """Leo's plan broke Childline's number at the end of a line ("0800" on one, "1111" on
    the next): a child reads two numbers. Groups of digits are kept together."""
    leo = conference.children[1]
    maisie = conference.children[0]
    assert leo.childrens_plan is None and maisie.childrens_plan is not None
    maisie.childrens_plan.if_unsafe = "Ring Nana on 07700 900 123 from the phone by the bed."
    for child in (leo, maisie):
        text = body_text(open_doc(document_bytes(conference, "children", child_id=child.id)))
        assert not re.search(r"\d \d", text), text
    leos = body_text(open_doc(document_bytes(conference, "children", child_id=leo.id)))
    assert "Childline on 0800\u00a01111" in leos
    # both meetings by the day of the week, as children are told of them
    assert "On Wednesday 2 December 2026 the grown-ups will meet" in leos
    assert "another big meeting on Tuesday 16 February 2027." in leos
    maisies = body_text(open_doc(document_bytes(conference, "children", child_id=maisie.id)))
    assert "07700\u00a0900\u00a0123" in maisies


def test_a_childrens_plan_heading_stands_with_its_words(conference: Conference) -> None:
    """A heading's picture makes its line tall: with the body's 1.15 spacing the gap
    below it was wider than the gap above, so each heading looked apart from its box."""
    maisie = conference.children[0]
    document = open_doc(document_bytes(conference, "children", child_id=maisie.id))
    pictured = [
        p
        for p in document.paragraphs
        if p.style is not None and p.style.name == "Heading 1" and p._p.xpath(".//w:drawing")
    ]
    assert len(pictured) == 6
    for heading in pictured:
        assert heading.paragraph_format.line_spacing == 1.0, heading.text
        assert heading.paragraph_format.space_after.pt <= 2, heading.text


def test_childrens_plan_for_every_child_starts_each_on_a_new_page(
    conference: Conference,
) -> None:
    data = document_bytes(conference, DocumentKind.CHILDREN)
    document = open_doc(data)
    titles = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Title"
    ]
    assert titles == ["Maisie's plan", "Leo's plan"]
    xml = xml_parts(data)["word/document.xml"]
    leo_title = xml.index("Leo's plan")
    assert xml.rfind('w:type="page"', 0, leo_title) > xml.index("Maisie's plan")


def test_suggested_childrens_plan_keeps_written_words_and_fills_the_gaps(
    conference: Conference,
) -> None:
    maisie, leo = conference.children
    assert maisie.childrens_plan is not None
    maisie.childrens_plan.what_will_happen = "  "
    words = suggested_childrens_plan(conference, maisie)
    assert words["worries"] == maisie.childrens_plan.worries
    assert words["pictures"] == "house,heart,phone,school"
    # Written to the child from the plan's facts; the adults' sentences are not copied.
    assert "If an argument starts" not in words["what_will_happen"]
    assert "The grown-ups have made a plan" in words["what_will_happen"]
    assert "Wednesday 2 December 2026" in words["what_will_happen"]

    leo_words = suggested_childrens_plan(conference, leo)
    assert set(leo_words) == {
        "worries",
        "safety_people",
        "what_will_happen",
        "if_unsafe",
        "who_to_talk_to",
        "pictures",
    }
    assert all(leo_words.values())
    assert "your Nanna Margaret" in leo_words["safety_people"]
    assert "Leo" in leo_words["worries"]
    assert "not your fault" in leo_words["worries"]
    assert "Hannah, your social worker" in leo_words["who_to_talk_to"]


def test_available_pictures_are_shipped_as_svg_and_png() -> None:
    from importlib import resources

    pictures = available_pictures()
    assert set(pictures) == {
        "house",
        "people",
        "heart",
        "phone",
        "school",
        "calendar",
        "sun",
        "star",
    }
    folder = resources.files("cprecorder.resources").joinpath("illustrations")
    for key in pictures:
        assert folder.joinpath(f"{key}.svg").read_text(encoding="utf-8").startswith("<svg")
        assert folder.joinpath(f"{key}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_picture_keys_are_skipped_and_logged(
    conference: Conference, caplog: pytest.LogCaptureFixture
) -> None:
    maisie = conference.children[0]
    assert maisie.childrens_plan is not None
    maisie.childrens_plan.pictures = "unicorn,house"
    document = open_doc(document_bytes(conference, "children", child_id=maisie.id))
    assert len(document.inline_shapes) == 1 + 6
    assert "'unicorn' that does not exist" in caplog.text


def test_childrens_plan_for_a_child_not_in_the_record(conference: Conference) -> None:
    from cprecorder.export import ExportError

    with pytest.raises(ExportError, match="Maisie Ashdown, Leo Ashdown"):
        document_bytes(conference, "children", child_id=-1)


# -- the plan summary ------------------------------------------------------------------------


def test_plan_summary_letter(conference: Conference) -> None:
    document = open_doc(document_bytes(conference, DocumentKind.SUMMARY))
    text = body_text(document)
    for child in conference.children:
        assert child.name in text
    assert "Child protection plan" in text and "Emotional abuse" in text
    assert "Tuesday 16 February 2027" in text
    assert "Wednesday 2 December 2026" in text
    for item in conference.plan_items:
        assert item.text in text
    assert "What happens next" in headings(document, 1)
    assert conference.professionals_only[0].text not in text


def test_plan_summary_as_plain_text(conference: Conference) -> None:
    text = plan_summary_text(conference)
    assert text.startswith("OFFICIAL-SENSITIVE\n")
    assert "\t" not in text
    assert "PLAN SUMMARY" in text
    assert "Maisie Ashdown (decision: Child protection plan; category: Emotional abuse" in text
    assert "- There must be no more fighting in front of the children." in text
    assert "Review conference: Tuesday 16 February 2027" in text
    assert conference.professionals_only[0].text not in text
    assert "\n\n\n" not in text


def test_relationships_are_named_per_child_only_when_they_differ(
    conference: Conference,
) -> None:
    document = open_doc(document_bytes(conference, DocumentKind.FAMILY))
    rows = {
        row.cells[0].text: row.cells[1].text
        for table in document.tables
        if [c.text for c in table.rows[0].cells][:2] == ["Name", "Who they are"]
        for row in table.rows[1:]
    }
    assert rows["Margaret Pryce"] == "Grandmother"
    network = {
        row.cells[0].text: row.cells[2].text
        for table in document.tables
        if [c.text for c in table.rows[0].cells][:2] == ["Name", "Family or network"]
        for row in table.rows[1:]
    }
    assert network["Dean Ashdown"] == "Stepfather of Maisie; father of Leo"
    assert network["Sophie Lane"] == "Family friend"
