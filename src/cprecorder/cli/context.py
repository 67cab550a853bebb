"""What every command needs: where the data is, the store, who is acting."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from ..actor import Actor
from ..paths import resolve_data_dir, resolve_db_url
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
        return self._store

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
