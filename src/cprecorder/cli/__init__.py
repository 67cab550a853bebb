"""The command line: ``cprecorder`` opens the window; subcommands work on the store.

``--data-dir`` and ``--db`` are global options and come before the subcommand.
Errors meant for people are printed as a sentence with exit code 1; nothing
prints a traceback unless it is a bug.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from ..errors import KnownError
from . import calendar, export, maintenance, record
from .context import CommandContext

#: Each module adds its subcommands to the parser; order is the order of --help.
COMMAND_MODULES = [record, export, maintenance, calendar]

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cprecorder",
        description="Record Child Protection Conferences live. With no command, opens the window.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the database, backups and logs (default: the user's data folder)",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy database URL or SQLite file (default: the data folder's "
        "cprecorder.sqlite3; also CPRECORDER_DB)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", help="open the window (the default)")
    run.set_defaults(handler=None)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    context = CommandContext.from_args(args)
    handler = getattr(args, "handler", None)
    if handler is None:
        from ..ui.app import run_app

        return run_app(context)
    try:
        result: int = handler(context, args)
        return result
    except KnownError as exc:
        print(f"cprecorder: {exc}", file=sys.stderr)
        return 1
    finally:
        context.close()


def main_gui() -> None:
    sys.exit(main())


def main_console() -> None:
    sys.exit(main())
