"""What every command needs: where the data is, the store, who is acting."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..actor import Actor
from ..files import ProtectedAreas, protected_areas
from ..paths import resolve_data_dir, resolve_db_url, sqlite_file
from ..rules.authority import AuthoritySettings, load_authority_settings, settings_path
from ..store import Store


@dataclass
class CommandContext:
    data_dir: Path
    db_url: str
    _store: Store | None = field(default=None, repr=False)
    _actor: Actor | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CommandContext:
        data_dir = resolve_data_dir(args.data_dir)
        return cls(data_dir=data_dir, db_url=resolve_db_url(args.db, data_dir))

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_url)
            if self._store.read_only:  # reading works; say once why nothing can be saved
                print(f"cprecorder: {self._store.read_only}", file=sys.stderr)
        return self._store

    @property
    def protected(self) -> ProtectedAreas:
        """What no ``-o`` may replace: the data folder and the database's own files."""
        return protected_areas(self.data_dir, sqlite_file(self.db_url))

    @property
    def actor(self) -> Actor:
        """The computer's account; on the team server, in the role of its login."""
        if self._actor is None:
            from ..team_server import as_the_server_says, server_login

            self._actor = as_the_server_says(Actor.current(), server_login(self.store))
        return self._actor

    @property
    def settings(self) -> AuthoritySettings:
        """The authority's settings in the data folder (none is fine)."""
        return load_authority_settings(settings_path(self.data_dir))

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def add_output_options(parser: Any, *, what: str, required: bool = False) -> None:
    """``-o FILE`` and ``--force``, the same for every command that writes a file."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=required,
        help=f"the {what} to write" + ("" if required else " (default: standard output)"),
    )
    parser.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never the database)"
    )


def write_output(
    context: CommandContext,
    args: argparse.Namespace,
    *,
    conference_id: int,
    document: str,
    data: bytes,
) -> Path | None:
    """Write to ``-o`` (checked, audited) or to standard output (audited); warn if the trail
    missed it."""
    from ..operations.export import deliver

    delivered = deliver(
        context.store,
        actor=context.actor,
        conference_id=conference_id,
        document=document,
        data=data,
        path=Path(args.output) if args.output else None,
        protected=context.protected,
        force=args.force,
    )
    if delivered.path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if delivered.warning:
        print(f"cprecorder: {delivered.warning}", file=sys.stderr)
    return delivered.path
