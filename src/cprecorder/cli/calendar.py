"""``cprecorder calendar ID -o FILE``: the conference's dates as an .ics file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..calendar_export import conference_calendar
from ..files import write_atomically
from ..queries import load_conference
from .context import CommandContext


def register(commands: Any) -> None:
    calendar = commands.add_parser(
        "calendar",
        help="write core group dates, the review conference and action deadlines as .ics",
    )
    calendar.add_argument("id", type=int)
    calendar.add_argument(
        "-o", "--output", metavar="FILE", help="the .ics file to write (default: stdout)"
    )
    calendar.set_defaults(handler=cmd_calendar)


def cmd_calendar(context: CommandContext, args: argparse.Namespace) -> int:
    with context.store.read() as session:
        data = conference_calendar(load_conference(session, args.id))
    if args.output:
        write_atomically(Path(args.output), data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
