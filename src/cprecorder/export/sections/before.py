"""The exported record's section for the agenda item ``before``."""

from __future__ import annotations

from ...rules.working_days import working_days_between
from ..blocks import Block, Fields, Paragraph
from ..wording import date_and_time, long_date
from .base import Audience, SectionContext


def section(s: SectionContext) -> list[Block]:
    c = s.c
    fields = Fields(
        (
            (strategy_words(s).capitalize(), long_date(c.strategy_discussion_on)),
            ("Chair met the parents", date_and_time(c.pre_meeting_at)),
            ("What was agreed", c.pre_meeting_notes),
            ("Interpreter", c.interpreter_language),
            ("Equality and access", c.equality_notes),
            ("Observers", c.observers),
        )
    )
    blocks: list[Block] = [fields] if any(v for _, v in fields.pairs) else []
    timing = initial_timing(s)
    if timing:
        blocks.append(Paragraph(timing))
    return blocks


def strategy_words(s: SectionContext) -> str:
    """What the record calls the strategy discussion: the family's version in plain words."""
    if s.audience is Audience.FAMILY:
        return "the professionals' first meeting about the children"
    return "strategy discussion"


def initial_timing(s: SectionContext) -> str:
    """Whether an initial conference met within its working days of the strategy discussion."""
    due, strategy_on = s.due, s.c.strategy_discussion_on
    if due.initial_target_on is None or strategy_on is None:
        return ""
    limit = f"{due.initial_target_working_days} working days"
    after = working_days_between(strategy_on, due.conference_on, s.rules.nation)
    days = f"{after} working day{'' if after == 1 else 's'}"
    if due.conference_on <= due.initial_target_on:
        return (
            f"The conference was held {days} after {the(strategy_words(s))}, "
            "within the "
            f"{limit} allowed (by {long_date(due.initial_target_on)})."
        )
    return (
        f"The conference was held {days} after {the(strategy_words(s))}, "
        "later than the "
        f"{limit} allowed (by {long_date(due.initial_target_on)})."
    )


def the(words: str) -> str:
    return words if words.startswith("the ") else f"the {words}"
