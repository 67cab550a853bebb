"""Subcommands that look after the database: backup, backups, restore."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from ..backup import BackupError, list_backups, make_backup, restore
from ..dates import local_moment
from ..paths import sqlite_file
from ..store import refuse_an_empty_file
from .context import CommandContext


def register(commands: Any) -> None:
    backup = commands.add_parser(
        "backup", help="back up the database now and print the backup's path"
    )
    backup.set_defaults(handler=cmd_backup)

    listing = commands.add_parser(
        "backups",
        help="list the backups: taken at (local time), reason, size, path (tab-separated)",
    )
    listing.set_defaults(handler=cmd_backups)

    restoring = commands.add_parser(
        "restore",
        help="replace the database with a backup, after checking it; the old one is kept",
    )
    restoring.add_argument("file", metavar="FILE", help="a backup file (see cprecorder backups)")
    restoring.set_defaults(handler=cmd_restore)


def sqlite_path(context: CommandContext) -> Path:
    """The database file the command works on, without opening (or migrating) it."""
    if make_url(context.db_url).get_backend_name() != "sqlite":
        raise BackupError(
            "This record is kept on a database server; backing it up and restoring it "
            "are the server's job. Ask IT how the server's backups are made and restored."
        )
    path = sqlite_file(context.db_url)
    if path is None:
        raise BackupError("This record is held in memory only, so there is nothing to back up.")
    if path.is_dir():
        raise BackupError(f"{path} is a folder, not a database file; give the file in it.")
    refuse_an_empty_file(path)
    if path.is_file():
        with path.open("rb") as file:
            if file.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{path} is not a CP Recorder database, so it has no backups.")
    return path


def cmd_backup(context: CommandContext, _args: argparse.Namespace) -> int:
    sqlite_path(context)  # a server database is refused before anything is opened
    print(make_backup(context.store, "manual"))
    return 0


def cmd_backups(context: CommandContext, _args: argparse.Namespace) -> int:
    backups = list_backups(sqlite_path(context))
    if not backups:
        print("There are no backups yet (cprecorder backup makes one).")
        return 0
    for backup in backups:
        taken = local_moment(backup.taken_at).strftime("%Y-%m-%d %H:%M:%S")
        print(f"{taken}\t{backup.reason}\t{backup.size}\t{backup.path}")
    return 0


def cmd_restore(context: CommandContext, args: argparse.Namespace) -> int:
    done = restore(sqlite_path(context), Path(args.file).expanduser())
    print(done.sentence())
    return 0
