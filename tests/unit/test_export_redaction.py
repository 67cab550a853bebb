"""Professionals-only text never reaches a document the family or a child receives.

A random sentinel is put into every professionals-only note and every confidential
worry item; all four documents are exported, each .docx is unzipped and every XML
part (body, headers, footers, properties, relationships) is searched.
"""

from __future__ import annotations

import io
import string
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cprecorder.export import DocumentKind, document_bytes, plan_summary_text
from cprecorder.model import Conference, ProfessionalsOnlyNote, WorryItem
from cprecorder.queries import load_conference
from cprecorder.store import Store

HEADINGS = [
    "context",
    "past_harm",
    "future_danger",
    "complicating_factors",
    "existing_strengths",
    "existing_safety",
    "a_heading_no_agenda_has",
]

sentinels = st.text(
    alphabet=string.ascii_letters + string.digits + "éøßЖ", min_size=10, max_size=30
).map(lambda s: f"QZX{s}XZQ")


def all_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )


def plant(conference: Conference, sentinel: str, data: st.DataObject) -> None:
    """Put the sentinel everywhere professionals-only information lives."""
    for note in conference.professionals_only:
        note.text = f"Police said {sentinel} on the phone."
        note.source = f"Source {sentinel}"
    for number in range(data.draw(st.integers(0, 3), label="extra notes")):
        conference.professionals_only.append(
            ProfessionalsOnlyNote(source="Health", text=f"{number}: {sentinel}")
        )
    people = conference.people
    for heading in data.draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=4)):
        contributor = data.draw(st.sampled_from([None, *people]))
        conference.worries.append(
            WorryItem(
                heading=heading,
                text=f"Confidential: {sentinel}",
                confidential=True,
                contributor_id=contributor.id if contributor is not None else None,
            )
        )
    # Existing worries turned confidential carry the sentinel in their text too.
    for worry in list(conference.worries):
        if not worry.confidential and data.draw(st.booleans(), label=f"mark {worry.heading}"):
            worry.confidential = True
            worry.text = f"{worry.text} {sentinel}"


@settings(
    max_examples=15,
    deadline=None,
    # Each example loads its own copy of the record and changes it only in memory;
    # nothing is carried from one example to the next through the fixtures.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(sentinel=sentinels, data=st.data())
def test_professionals_only_text_reaches_only_the_professionals_record(
    store: Store, demo_id: int, sentinel: str, data: st.DataObject
) -> None:
    with store.read() as session:
        conference = load_conference(session, demo_id)
        plant(conference, sentinel, data)
        documents = {
            kind: all_xml(document_bytes(conference, kind))
            for kind in (DocumentKind.RECORD, DocumentKind.FAMILY, DocumentKind.SUMMARY)
        }
        documents[DocumentKind.CHILDREN] = all_xml(
            document_bytes(conference, DocumentKind.CHILDREN)
        )
        for child in conference.children:
            assert sentinel not in all_xml(
                document_bytes(conference, DocumentKind.CHILDREN, child_id=child.id)
            )
        summary_text = plan_summary_text(conference)
        session.rollback()

    assert sentinel in documents[DocumentKind.RECORD]
    for kind in (DocumentKind.FAMILY, DocumentKind.CHILDREN, DocumentKind.SUMMARY):
        assert sentinel not in documents[kind], f"professionals-only text in the {kind} export"
    assert sentinel not in summary_text


def test_the_search_would_find_a_leak(store: Store, demo_id: int) -> None:
    """The check above can fail: the same search finds text the family may see."""
    with store.read() as session:
        conference = load_conference(session, demo_id)
        conference.chair_summary = "QZXvisibleXZQ"
        family = all_xml(document_bytes(conference, DocumentKind.FAMILY))
        session.rollback()
    assert "QZXvisibleXZQ" in family
