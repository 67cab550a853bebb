"""``cprecorder calendar ID -o FILE``: the conference's dates as an .ics file."""

from __future__ import annotations

import argparse
from typing import Any

from ..calendar_export import conference_calendar
from ..queries import load_conference
from .context import CommandContext, add_output_options, write_output


def register(commands: Any) -> None:
    calendar = commands.add_parser(
        "calendar",
        help="write core group dates, the review conference and action deadlines as .ics",
    )
    calendar.add_argument("id", type=int)
    add_output_options(calendar, what=".ics file")
    calendar.set_defaults(handler=cmd_calendar)


def cmd_calendar(context: CommandContext, args: argparse.Namespace) -> int:
    with context.store.read() as session:
        data = conference_calendar(load_conference(session, args.id))
    write_output(context, args, conference_id=args.id, document="calendar", data=data)
    return 0
