"""The conference record: the professionals' version and the family's version.

Both follow the conference's own agenda, item by item, each item written by the
section its declaration names (:mod:`cprecorder.agenda.items`). What each reader
gets is decided by :func:`cprecorder.sharing.family_may_see`: the family's version
is *built* from the items the family may see, never made by deleting
professional-only parts from the full record. Professionals-only notes and parts
marked confidential are written by one section only (``professionals_only``),
which the family may not see.
"""

from __future__ import annotations

from ..agenda import load_agenda
from ..agenda.agenda import Agenda, AgendaFormatError
from ..agenda.items import KNOWN_ITEMS, KnownItem
from ..dates import local_moment
from ..journey.looking_back import LookingBack
from ..model import Conference
from ..sharing import family_may_see
from .blocks import Block, Content, Fields, Heading, Notice, Paragraph, Title, Tone
from .sections import Audience, SectionContext, section_of
from .wording import children_in_full, conference_heading, date_and_time, footer_line

__all__ = ["Audience", "family_item_content", "record_content"]


def record_content(
    conference: Conference, audience: Audience, looking_back: LookingBack | None = None
) -> Content:
    """The blocks of the record for one audience, in the conference's agenda order.

    ``looking_back`` is what the meetings before it say, for what has changed since the
    last conference and the chart of scores over time.
    """
    s = SectionContext(conference, audience, looking_back)
    version = "professionals' version" if audience is Audience.PROFESSIONALS else "family's version"
    content = Content(
        title=f"{record_title(conference)} – {conference.family_name} family",
        subject=f"{conference_heading(conference)} ({version})",
        footer=footer_line(conference),
        header_note="" if conference.is_signed_off else "DRAFT",
        status="Signed off" if conference.is_signed_off else "Draft",
    )
    content.add(*front(s, audience))
    after_confidential = False
    for known, title in _section_order(conference):
        for_the_family = family_may_see(known.key)
        if audience is Audience.FAMILY and not for_the_family:
            continue
        body = section_of(known)(s)
        if not body:
            continue
        if not for_the_family:
            # Its own pages, so the section is easy to find and to hold back when printing.
            content.add(Heading(f"{title} – CONFIDENTIAL", 1, page_break_before=True), *body)
            after_confidential = True
        else:
            content.add(Heading(title, 1, page_break_before=after_confidential), *body)
            after_confidential = False
    content.add(*sign_off(s, new_page=after_confidential))
    return content


def family_item_content(
    conference: Conference, key: str, looking_back: LookingBack | None = None
) -> list[Block] | None:
    """One agenda item as the family's version shows it (its heading, then its blocks).

    ``None`` when the family may not see the item at all (:func:`family_may_see`, the
    same rule as the family's version); only the heading when nothing is recorded for
    it yet. For the shared window.
    """
    known = KNOWN_ITEMS.get(key)
    if known is None or not family_may_see(key):
        return None
    title = dict((k.key, t) for k, t in _section_order(conference)).get(key, known.title)
    body = section_of(known)(SectionContext(conference, Audience.FAMILY, looking_back))
    return [Heading(title, 1), *body]


def _section_order(conference: Conference) -> list[tuple[KnownItem, str]]:
    """The conference's agenda, then any item it leaves out (only written if filled)."""
    try:
        agenda: Agenda | None = load_agenda(conference.agenda_key)
    except AgendaFormatError:
        agenda = None
    listed = [(item.key, item.title) for item in agenda.items] if agenda else []
    order = [(KNOWN_ITEMS[key], title) for key, title in listed if key in KNOWN_ITEMS]
    order += [
        (known, known.title) for known in KNOWN_ITEMS.values() if known.key not in dict(listed)
    ]
    return order


def record_title(conference: Conference) -> str:
    if conference.kind.is_conference:
        return "Child protection conference record"
    return "Core group meeting notes"


# -- around the agenda ----------------------------------------------------------------


def front(s: SectionContext, audience: Audience) -> list[Block]:
    c = s.c
    version = "Professionals' version" if audience is Audience.PROFESSIONALS else "Family's version"
    blocks: list[Block] = [
        Title(record_title(c), f"{c.family_name} family · {version}"),
    ]
    if not c.is_signed_off:
        blocks.append(
            Notice(
                "DRAFT – this record has not yet been signed off by the chair and may change.",
                Tone.DRAFT,
            )
        )
    blocks.append(
        Fields(
            (
                ("Conference" if c.kind.is_conference else "Meeting", c.kind.label),
                ("Children", children_in_full(c)),
                ("Date and time", date_and_time(c.scheduled_at)),
                ("How it was held", c.how_held.label),
                ("Chair", c.chair),
                ("Minute-taker", c.minute_taker),
                ("Local authority", c.authority),
                ("Record", c.status.label),
            )
        )
    )
    if audience is Audience.PROFESSIONALS and has_confidential(s):
        blocks.append(
            Notice(
                "This version contains a CONFIDENTIAL professionals-only section. "
                "Send the family their own version, never this one.",
                Tone.CONFIDENTIAL,
            )
        )
    return blocks


def has_confidential(s: SectionContext) -> bool:
    return bool(s.c.professionals_only) or any(not family_may_see(w) for w in s.c.worries)


def sign_off(s: SectionContext, *, new_page: bool = False) -> list[Block]:
    c = s.c
    blocks: list[Block] = [Heading("Sign-off", 1, page_break_before=new_page)]
    if c.is_signed_off:
        when = (
            date_and_time(local_moment(c.signed_off_at)) if c.signed_off_at else "date not recorded"
        )
        blocks.append(Paragraph(f"Signed off by {c.signed_off_by or 'the chair'} on {when}."))
        if c.fingerprint:
            blocks.append(
                Paragraph(
                    f"Audit fingerprint at sign-off: {c.fingerprint}. It identifies the "
                    "record's audit trail as it stood when the chair signed it off."
                )
            )
    else:
        blocks.append(
            Notice(
                "DRAFT – not signed off. The chair has not yet reviewed and signed off "
                "this record.",
                Tone.DRAFT,
            )
        )
        if c.handed_over_at:
            blocks.append(
                Paragraph(
                    f"Handed to the chair by {c.handed_over_by or 'the minute-taker'} on "
                    f"{date_and_time(local_moment(c.handed_over_at))}."
                )
            )
    if c.addenda:
        blocks.append(Heading("Addenda", 2))
        for addendum in c.addenda:
            blocks.append(
                Paragraph(
                    addendum.text,
                    lead=f"{addendum.author}, {date_and_time(local_moment(addendum.created_at))} "
                    f"({addendum.reason}): ",
                )
            )
    return blocks
