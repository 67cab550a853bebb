"""Subcommands on a family's journey: start a review or a core group, show the journey."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from ..errors import ValidationError
from ..journey import load_journey
from ..operations import start_core_group, start_review
from .context import CommandContext


def _when(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"Not a date: {text!r}. Write it as 2027-02-16 or 2027-02-16T10:00."
        ) from None


def register(commands: Any) -> None:
    for name, handler, help_text, id_help, at_help in (
        (
            "review",
            cmd_review,
            "start the review conference of a signed-off conference; prints the new id",
            "the conference to review",
            "date (and time) of the review; default: by the rules",
        ),
        (
            "core-group",
            cmd_core_group,
            "start a core group meeting from the latest meeting of the case; prints the new id",
            "any conference or meeting of the case",
            "date (and time) of the meeting; default: the next one due",
        ),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("id", type=int, help=id_help)
        command.add_argument("--at", metavar="WHEN", help=at_help)
        command.set_defaults(handler=handler)

    journey = commands.add_parser(
        "journey",
        help="one line per meeting of a case: id, date, kind, status, outcome per child",
    )
    journey.add_argument("case", type=int, help="the case (cprecorder list --cases)")
    journey.set_defaults(handler=cmd_journey)


def cmd_review(context: CommandContext, args: argparse.Namespace) -> int:
    change = start_review(
        context.store,
        actor=context.actor,
        conference_id=args.id,
        scheduled_at=_when(args.at) if args.at else None,
        rules=context.settings.rules(),
    )
    print(change.conference_id)
    return 0


def cmd_core_group(context: CommandContext, args: argparse.Namespace) -> int:
    change = start_core_group(
        context.store,
        actor=context.actor,
        meeting_id=args.id,
        scheduled_at=_when(args.at) if args.at else None,
        rules=context.settings.rules(),
    )
    print(change.conference_id)
    return 0


def cmd_journey(context: CommandContext, args: argparse.Namespace) -> int:
    with context.store.read() as session:
        journey = load_journey(session, args.case, context.settings.rules())
    for entry in journey.entries:
        fields = [
            str(entry.meeting_id),
            entry.on.strftime("%Y-%m-%d"),
            entry.kind.value,
            entry.status.value,
            entry.outcome_line,
        ]
        print("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields))
        for flag in entry.flags:
            print(f"\t! {flag.message}")
    if journey.due is not None:
        late = " (OVERDUE)" if journey.due.overdue else ""
        print(f"Next: {journey.due.words}{late}")
    return 0
