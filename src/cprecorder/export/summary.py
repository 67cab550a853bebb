"""The plan summary: the short letter everyone gets soon after the conference.

The outcome for each child, the plan in outline, the core group and review dates,
and what happens next. The same blocks are written to Word and, by
:func:`plan_summary_text`, as plain text for pasting into an email. It reads only
what the family may see.
"""

from __future__ import annotations

import datetime as dt

from ..model import ActionFor, Conference, PlanSection
from ..rules.categories import category_word
from .blocks import Block, Bullets, Content, Heading, Paragraph, Table, Title
from .wording import (
    People,
    capitalised,
    categories,
    children_names,
    conference_heading,
    footer_line,
    joined,
    long_date,
    plan_label,
    weekday_date,
)


def summary_content(conference: Conference) -> Content:
    c = conference
    people = People(c)
    content = Content(
        title=f"Plan summary – {c.family_name} family",
        subject=conference_heading(c),
        footer=footer_line(c),
        status="Signed off" if c.is_signed_off else "Draft",
    )
    when = long_date(c.scheduled_at.date())
    follow_up = (
        "The full written record is sent separately."
        if c.is_signed_off
        else "The full written record will follow once the chair has checked and signed it off."
    )
    content.add(
        Title("Plan summary", f"{c.family_name} family · {conference_heading(c)}"),
        Paragraph(
            f"This is a short summary of the child protection conference about "
            f"{children_names(c) or 'the children'} on {when}. It goes to everyone who was "
            f"invited. {follow_up}"
        ),
    )

    rows = []
    most = 0
    for child in c.children:
        decision = child.decision
        plan = plan_label(decision.plan_type if decision else None)
        category = categories(c, decision.category_keys) if decision else ""
        most = max(most, len(decision.category_keys) if decision else 0)
        rows.append((child.name, plan, category, people.name(child.lead_social_worker_id)))
    if rows:
        content.add(
            Heading("What the conference decided", 1),
            Table(
                ("Child", "Decision", category_word(c.nation, most), "Lead social worker"),
                tuple(rows),
                (3, 3, 2.4, 3),
            ),
        )
    if c.decision_statement:
        content.add(Paragraph(c.decision_statement, lead="The chair's decision: "))

    content.add(*_outline_plan(c, people))
    content.add(*_dates(c, people))
    content.add(*_next_steps(c, people))
    if c.chair:
        content.add(
            Paragraph(", ".join(p for p in (c.chair, "Conference Chair", c.authority) if p))
        )
    return content


def _outline_plan(c: Conference, people: People) -> list[Block]:
    blocks: list[Block] = []
    immediate = tuple(i.text for i in c.plan_items if i.section is PlanSection.IMMEDIATE_SAFETY)
    bottom = tuple(i.text for i in c.plan_items if i.section is PlanSection.BOTTOM_LINE)
    if immediate or bottom or c.timeline or c.actions:
        blocks.append(Heading("The plan", 1))
    if immediate:
        blocks += [Heading("From today", 2), Bullets(immediate)]
    if bottom:
        blocks += [Heading("What must and must not happen", 2), Bullets(bottom)]
    if c.timeline:
        blocks += [
            Heading("What needs to happen by when", 2),
            Table(
                ("What", "By when"),
                tuple((t.what, long_date(t.by_when) or "No date set") for t in c.timeline),
                (4, 1.4),
            ),
        ]
    for for_whom, title in (
        (ActionFor.FAMILY, "What the family and network will do"),
        (ActionFor.PROFESSIONALS, "What the professionals will do"),
    ):
        rows = tuple(
            (
                a.what,
                people.name(a.owner_id, "Not yet agreed"),
                long_date(a.due_on) or "No date set",
            )
            for a in c.actions
            if a.for_whom is for_whom
        )
        if rows:
            blocks += [Heading(title, 2), Table(("What", "Who", "By when"), rows, (5, 2.6, 2))]
    return blocks


def _dates(c: Conference, people: People) -> list[Block]:
    blocks: list[Block] = []
    members = [people.name(m.person_id) for m in c.core_group_members]
    meetings = [m for m in c.core_group_meetings if m.meets_on is not None]
    if members or meetings or c.review_conference_on:
        blocks.append(Heading("Core group and review", 1))
    if members:
        blocks.append(Paragraph(joined(members) + ".", lead="Core group: "))
    if meetings:
        blocks.append(Bullets(tuple(_core_group_line(m.meets_on, m.notes) for m in meetings)))
    if c.review_conference_on:
        blocks.append(Paragraph(weekday_date(c.review_conference_on), lead="Review conference: "))
    return blocks


def _core_group_line(meets_on: dt.date | None, notes: str) -> str:
    """``Core group meeting: Thursday 17 December 2026. At the school, 3.30pm.``: the notes
    as a sentence of their own, so they keep the capital they were typed with."""
    line = f"Core group meeting: {weekday_date(meets_on)}."
    notes = notes.strip()
    if not notes:
        return line
    end = "" if notes[-1] in ".!?" else "."
    return f"{line} {capitalised(notes)}{end}"


def _next_steps(c: Conference, people: People) -> list[Block]:
    steps: list[str] = []
    workers = joined(
        sorted(
            {people.name(child.lead_social_worker_id) for child in c.children} - {""},
        )
    )
    first = next((m.meets_on for m in c.core_group_meetings if m.meets_on), None)
    if workers:
        steps.append(f"{workers} will be in touch to go through the plan with the family.")
    if first is not None:
        steps.append(f"The core group meets for the first time on {weekday_date(first)}.")
    else:
        steps.append("The first core group meeting will be arranged within 10 working days.")
    if c.review_conference_on:
        steps.append(
            f"The review conference on {weekday_date(c.review_conference_on)} will look at "
            "what has changed."
        )
    contact = workers or "the social worker"
    chair = f" or the chair, {c.chair}" if c.chair else ""
    steps.append(f"If anything in this summary looks wrong, please tell {contact}{chair}.")
    return [Heading("What happens next", 1), Bullets(tuple(steps))]
