"""The exported record's section for the agenda item ``since_last``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...dates import short_date
from ...journey.scores import Series
from ...journey.since import CarriedAction, SinceLast, progress_words
from ...model import ActionProgress, Conference, GoalProgress
from ..blocks import Block, Bullets, Heading, Image, Paragraph, Table
from ..chart import colour_of
from ..wording import joined, long_date, weekday_date
from .base import SectionContext


def section(s: SectionContext) -> list[Block]:
    """What has changed since the last meeting, in plain words, then the detail."""
    c = s.c
    since = since_last_meeting(s)
    actions = {a.id: a for a in c.actions}
    statements = {d.id: d for d in c.danger_statements}
    blocks: list[Block] = []
    before = since.previous_conference if c.kind.is_conference else since.previous_meeting
    if before is not None:
        blocks.append(
            Paragraph(
                f"This {c.kind.label.lower()} follows the "
                f"{before.kind.label.lower()} on {long_date(before.scheduled_at.date())}."
            )
        )
    words = progress_sentence(since, c)
    if words:
        blocks.append(Paragraph(words))
    carried = [(actions[a.action_id], a) for a in since.actions if a.action_id in actions]
    if carried:
        blocks += [
            Heading("How far each action got", 2),
            Table(
                ("What", "Who", "Progress", "Note"),
                tuple(
                    (
                        action.what,
                        s.people.label(action.owner_id, "Not yet agreed"),
                        carry.finished_at.words
                        if carry.finished_at is not None
                        else progress_words(action.progress),
                        carry.finished_at.note
                        if carry.finished_at is not None
                        else action.progress_note,
                    )
                    for action, carry in carried
                ),
                (4.5, 3.2, 1.8, 3.5),
            ),
        ]
    goals = [statements[i] for i in since.goals if i in statements]
    if goals:
        numbers = {d.id: n for n, d in enumerate(c.danger_statements, start=1)}
        blocks += [
            Heading("How far each safety goal has been reached", 2),
            Table(
                ("Safety goal", "How far", "Note"),
                tuple(
                    (
                        f"{numbers.get(d.id, '')}. {d.safety_goal}".strip(". "),
                        progress_words(d.goal_progress),
                        d.goal_progress_note,
                    )
                    for d in goals
                ),
                (5.5, 2, 4),
            ),
        ]
    if since.previous_conference is not None and c.kind.is_conference:
        held = since.core_groups
        blocks.append(Heading("Core group meetings since the last conference", 2))
        blocks.append(
            Bullets(
                tuple(
                    f"{weekday_date(m.on)}" + (f" ({m.present} present)" if m.present else "")
                    for m in held
                )
            )
            if held
            else Paragraph("No core group met since the last conference.")
        )
    if c.plan_changes:
        blocks.append(Paragraph(c.plan_changes, lead="Changes to the plan agreed: "))
    blocks += charts(s)
    return blocks


def since_last_meeting(s: SectionContext) -> SinceLast:
    if s.looking_back is not None:
        return s.looking_back.since
    # Only the record itself: what it says of the actions and goals it carried.
    return SinceLast(
        None,
        None,
        tuple(CarriedAction(a.id) for a in s.c.actions if a.progress is not None),
        tuple(d.id for d in s.c.danger_statements if d.goal_progress is not None),
        (),
    )


def charts(s: SectionContext) -> list[Block]:
    """The scores over time, for a conference that follows another one."""
    if s.looking_back is None or not s.c.kind.is_conference:
        return []
    history = s.looking_back.scores
    if len(history.meetings) < 2:
        return []
    blocks: list[Block] = [Heading("Scores over time", 2)]
    for chart in history.charts():
        blocks += _chart_blocks(chart.title, chart.series, list(history.dates))
    return blocks


def progress_sentence(since: SinceLast, conference: Conference) -> str:
    """In words: "Of 4 actions carried from last time, 1 done at a core group, 2 done
    and 1 partly done."."""
    parts: list[str] = []
    actions = {a.id: a for a in conference.actions}
    carried = [a for a in since.actions if a.action_id in actions]
    if carried:
        finished = sum(1 for a in carried if a.finished_at is not None)
        asked = [actions[a.action_id].progress for a in carried if a.finished_at is None]
        counts = [
            (sum(1 for p in asked if p is kind), kind.label.lower()) for kind in ActionProgress
        ]
        said = [f"{n} {words}" for n, words in counts if n]
        if finished:
            said.insert(0, f"{finished} finished at a core group")
        total = len(carried)
        words = f"Of {total} action{'s' if total != 1 else ''} carried from last time"
        parts.append(
            f"{words}, {joined(said)}." if said else f"{words}, none has been asked about yet."
        )
    goals = [d for d in conference.danger_statements if d.id in set(since.goals)]
    if goals:
        reached = sum(1 for d in goals if d.goal_progress is GoalProgress.REACHED)
        partly = sum(1 for d in goals if d.goal_progress is GoalProgress.PARTLY)
        total = len(goals)
        parts.append(
            f"{reached} of {total} safety goal{'s' if total != 1 else ''} reached"
            + (f", {partly} partly." if partly else ".")
        )
    return " ".join(parts)


def _chart_blocks(title: str, series: Sequence[Series], dates: list[dt.date]) -> list[Block]:
    from ..chart import ChartLine, chart_png

    lines = [s for s in series if s.points]
    if not lines:
        return []
    chart = [
        ChartLine(colour_of(i), tuple((p.column, p.score) for p in s.points))
        for i, s in enumerate(lines)
    ]
    shown = " → ".join(short_date(d) for d in dates)
    description = f"{title} over time ({shown}): " + "; ".join(
        f"{s.label} {' → '.join(str(p.score) for p in s.points)}" for s in lines
    )
    return [
        Heading(title, 3),
        Image(chart_png(len(dates), chart), description),
        Paragraph(f"Left to right: {shown}. 0 at the bottom, 10 at the top."),
        Table(
            ("Colour", "Who", "Scores, meeting by meeting"),
            tuple(
                (
                    COLOUR_WORDS.get(colour_of(i), ""),
                    s.label,
                    " → ".join(f"{p.score} ({short_date(p.on)})" for p in s.points),
                )
                for i, s in enumerate(lines)
            ),
            (1.6, 4.4, 5),
        ),
    ]


#: The chart's colours in words, so the legend reads without colour too.
COLOUR_WORDS = {
    "0072B2": "Blue",
    "D55E00": "Orange-red",
    "009E73": "Green",
    "CC79A7": "Pink",
    "E69F00": "Amber",
    "56B4E9": "Sky blue",
    "000000": "Black",
    "F0E442": "Yellow",
}
