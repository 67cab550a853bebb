"""The public way to export: which document, for which child, to which file.

The whole file is built in memory first (:func:`document_bytes`) and then written
atomically (temporary file in the same folder, flushed to disk, renamed), so a failed
export never leaves half a document and never replaces a good one with a broken one.
The window and the command line write it through ``operations.export.deliver``, which
also checks where it goes and writes the export into the audit trail;
:func:`export_document` writes a file with no store at hand.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from pathlib import Path

from ..errors import KnownError
from ..files import write_atomically
from ..journey.looking_back import LookingBack
from ..language.plain_words import PlainWording
from ..model import Child, Conference
from .blocks import Content
from .childrens_plan import (
    childrens_plan_content,
    first_name,
    has_a_childrens_plan,
    plan_written,
)
from .family_words import FamilyWords, in_plain_words
from .plaintext import write_text
from .record import Audience, record_content
from .summary import summary_content
from .word import FRIENDLY, OFFICIAL, write_docx

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
#: Word keeps a document's category (where the marking goes) to 255 characters.
MARKING_LIMIT = 255

#: The custom properties that carry the sign-off's audit fingerprint.
FINGERPRINT_PROPERTY = "CP Recorder audit fingerprint"
HEAD_PROPERTY = "CP Recorder audit head"
ENTRIES_PROPERTY = "CP Recorder audit entries"


class ExportError(KnownError):
    """A document that cannot be written as asked (no such child, no children)."""


class DocumentKind(enum.StrEnum):
    RECORD = "record"
    FAMILY = "family"
    CHILDREN = "children"
    SUMMARY = "summary"

    @property
    def label(self) -> str:
        return {
            DocumentKind.RECORD: "Conference record (professionals)",
            DocumentKind.FAMILY: "Conference record (family's version)",
            DocumentKind.CHILDREN: "Children's plan",
            DocumentKind.SUMMARY: "Plan summary",
        }[self]


def export_document(
    conference: Conference,
    kind: DocumentKind | str,
    path: Path | str,
    *,
    child_id: int | None = None,
    marking: str = DEFAULT_MARKING,
    looking_back: LookingBack | None = None,
    words: FamilyWords | None = None,
) -> Path:
    """Write one document and return where it went.

    ``child_id`` picks one child for the children's plan; without it every child's
    plan goes into one document, each from a new page.
    """
    data = document_bytes(
        conference, kind, child_id=child_id, marking=marking, looking_back=looking_back, words=words
    )
    target = Path(path).expanduser()
    try:
        write_atomically(target, data)
    except OSError as exc:
        raise ExportError(
            f"The document could not be saved to {target}: {exc.strerror or exc}."
        ) from exc
    return target


def document_bytes(
    conference: Conference,
    kind: DocumentKind | str,
    *,
    child_id: int | None = None,
    marking: str = DEFAULT_MARKING,
    now: dt.datetime | None = None,
    looking_back: LookingBack | None = None,
    words: FamilyWords | None = None,
) -> bytes:
    """The .docx file as bytes, built wholly in memory.

    ``looking_back`` is what the meetings before it say (``journey.looking_back``), for
    "what has changed since the last conference" and the scores over time.
    """
    kind = DocumentKind(kind)
    if len(marking.strip()) > MARKING_LIMIT:
        raise ExportError(
            f"The protective marking is {len(marking.strip())} characters long; a marking "
            f"is at most {MARKING_LIMIT} (such as OFFICIAL-SENSITIVE). Nothing was written."
        )
    content = document_content(
        conference, kind, child_id=child_id, looking_back=looking_back, words=words
    )
    content.custom = audit_properties(conference)
    look = FRIENDLY if kind is DocumentKind.CHILDREN else OFFICIAL
    return write_docx(
        content, look=look, marking=marking.strip(), author=conference.authority, now=now
    )


def audit_properties(conference: Conference) -> dict[str, str]:
    """The audit chain's head at sign-off, for ``cprecorder audit verify --against``."""
    if not conference.fingerprint:
        return {}
    return {
        FINGERPRINT_PROPERTY: conference.fingerprint,
        HEAD_PROPERTY: conference.signed_off_head_hash,
        ENTRIES_PROPERTY: str(conference.signed_off_head_count),
    }


def document_content(
    conference: Conference,
    kind: DocumentKind,
    *,
    child_id: int | None = None,
    looking_back: LookingBack | None = None,
    words: FamilyWords | None = None,
) -> Content:
    """What the document says; for the family and the children, in plain words."""
    return worded_document(
        conference, kind, child_id=child_id, looking_back=looking_back, words=words
    )[0]


def worded_document(
    conference: Conference,
    kind: DocumentKind,
    *,
    child_id: int | None = None,
    looking_back: LookingBack | None = None,
    words: FamilyWords | None = None,
) -> tuple[Content, PlainWording]:
    """The document and what was done to its jargon (the export dialog says how much).

    The professionals' record is left as written; every other document goes to
    the family or a child and passes through :func:`in_plain_words`.
    """
    if kind is DocumentKind.RECORD:
        return record_content(conference, Audience.PROFESSIONALS, looking_back), PlainWording()
    if kind is DocumentKind.FAMILY:
        content = record_content(conference, Audience.FAMILY, looking_back)
    elif kind is DocumentKind.SUMMARY:
        content = summary_content(conference)
    else:
        content = childrens_plan_content(conference, children_for(conference, child_id))
    return in_plain_words(
        content,
        words if words is not None else FamilyWords.in_force(),
        for_a_child=kind is DocumentKind.CHILDREN,
    )


def children_for(conference: Conference, child_id: int | None) -> list[Child]:
    """The children whose plans are written: one, or every child who is born."""
    if not conference.children:
        raise ExportError("This record has no children, so there is no children's plan to write.")
    if child_id is None:
        born = [child for child in conference.children if has_a_childrens_plan(child)]
        if not born:
            raise ExportError(
                "No child in this record is born yet, so there is no children's plan to write."
            )
        return born
    for child in conference.children:
        if child.id == child_id:
            if not has_a_childrens_plan(child):
                raise ExportError(
                    f"{child.name} is not born yet: a children's plan is written for a child "
                    "once they are born."
                )
            return [child]
    names = ", ".join(child.name for child in conference.children)
    raise ExportError(f"There is no such child in this record. The children are: {names}.")


def skipped_children(conference: Conference, child_id: int | None = None) -> list[Child]:
    """Children left out of the children's plan because they are not born yet."""
    if child_id is not None:
        return []
    return [child for child in conference.children if not has_a_childrens_plan(child)]


def export_notes(
    conference: Conference, kind: DocumentKind, *, child_id: int | None = None
) -> list[str]:
    """What a person should know before sending the document, one sentence each.

    Children left out because they are not born yet, and children's plans nobody
    wrote for the child (still only the words they were started with, or none).
    """
    notes: list[str] = []
    if kind is DocumentKind.CHILDREN:
        for child in skipped_children(conference, child_id):
            notes.append(f"{child.name} is not born yet, so has no children's plan.")
        for child in children_for(conference, child_id):
            if not plan_written(child):
                notes.append(
                    f"{first_name(child)}'s plan has not been written for "
                    f"{first_name(child)} yet: it holds only the words it was started with. "
                    "Read it and put it in words the child knows before sending it."
                )
    return notes


def plan_summary_text(
    conference: Conference, *, marking: str = DEFAULT_MARKING, words: FamilyWords | None = None
) -> str:
    """The plan summary as plain text, for pasting into an email."""
    content = document_content(conference, DocumentKind.SUMMARY, words=words)
    return write_text(content, marking=marking.strip())


_NOT_IN_FILE_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]+')


def suggested_filename(
    conference: Conference, kind: DocumentKind | str, child: Child | None = None
) -> str:
    """A name that says what the file is and sorts by family then date.

    ``Ashdown 2026-11-24 conference record (professionals) DRAFT.docx``
    """
    kind = DocumentKind(kind)
    what = {
        DocumentKind.RECORD: "conference record (professionals)",
        DocumentKind.FAMILY: "conference record (family)",
        DocumentKind.CHILDREN: "children's plan",
        DocumentKind.SUMMARY: "plan summary",
    }[kind]
    if kind is DocumentKind.CHILDREN and child is not None:
        what = f"{first_name(child)}'s plan"
    draft = (
        " DRAFT"
        if kind in (DocumentKind.RECORD, DocumentKind.FAMILY) and not conference.is_signed_off
        else ""
    )
    stem = f"{conference.family_name} {conference.scheduled_at:%Y-%m-%d} {what}{draft}"
    stem = _NOT_IN_FILE_NAMES.sub(" ", stem)
    stem = " ".join(stem.split()).strip(". ")[:150] or "conference"
    return f"{stem}.docx"
