"""The command line: ``cprecorder`` opens the window; subcommands work on the store.

``--data-dir`` and ``--db`` are global options and come before the subcommand.
Errors meant for people are printed as a sentence with exit code 1; nothing
prints a traceback unless it is a bug.

Opening the window is the common case and must be quick, so with no
subcommand only the global options are read and no command module is
imported (they bring in SQLAlchemy, the exports with python-docx, icalendar,
...). Anything else (a subcommand, ``--help``, a mistake) goes through the full
parser, exactly as before.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

#: Modules of this package that each add their subcommands with ``register(commands)``;
#: order is the order of --help. Names, so they are imported only when a command runs.
COMMAND_MODULES = ["record", "journey", "export", "maintenance", "calendar", "server"]

#: Subcommands that open the window (none given means the same).
WINDOW_COMMANDS = ("run",)


def _add_global_options(parser: argparse.ArgumentParser) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cprecorder",
        description="Record Child Protection Conferences live. With no command, opens the window.",
    )
    _add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", help="open the window (the default)")
    run.set_defaults(handler=None)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(commands)
    return parser


class _NotJustTheWindow(Exception):
    """The quick parse met something it does not handle; the full parser will."""


class _GlobalOptionsParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotJustTheWindow(message)


def _window_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The global options when the command line only asks for the window, else ``None``."""
    parser = _GlobalOptionsParser(prog="cprecorder", add_help=False, allow_abbrev=False)
    _add_global_options(parser)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except _NotJustTheWindow:
        return None
    # "run" may only come last: options after it are the full parser's to refuse.
    if rest and (len(rest) != 1 or rest[0] not in WINDOW_COMMANDS or argv[-1] != rest[0]):
        return None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    window_args = _window_options(arguments)
    if window_args is not None:
        from ..errors import KnownError
        from ..paths import resolve_data_dir, resolve_db_url
        from ..ui.shell.app import run_app

        data_dir = resolve_data_dir(window_args.data_dir)
        # Everything that looks for the data folder later (authority settings, the
        # personal word list) must find the one chosen here.
        os.environ["CPRECORDER_DATA_DIR"] = str(data_dir)
        try:
            db_url = resolve_db_url(window_args.db, data_dir)
        except KnownError as exc:
            print(f"cprecorder: {exc}", file=sys.stderr)
            return 1
        return run_app(data_dir, db_url)
    return _run_command(arguments)


def _run_command(arguments: list[str]) -> int:
    from ..errors import KnownError
    from .context import CommandContext

    parser = build_parser()
    args = parser.parse_args(arguments)
    handler = getattr(args, "handler", None)
    try:
        context = CommandContext.from_args(args)
    except KnownError as exc:
        print(f"cprecorder: {exc}", file=sys.stderr)
        return 1
    if handler is None:
        from ..ui.shell.app import run_app

        os.environ["CPRECORDER_DATA_DIR"] = str(context.data_dir)
        return run_app(context.data_dir, context.db_url)
    from ..logfile import log_quietly_if_possible

    log_quietly_if_possible(context.data_dir)
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
