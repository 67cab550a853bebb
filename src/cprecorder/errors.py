"""Errors a person can act on.

Anything raised as a :class:`KnownError` is shown to the user as the plain
sentence it carries; every other exception is a bug, logged with its traceback.
"""

from __future__ import annotations


class KnownError(Exception):
    """An error whose message is written for the person using the app."""


class ValidationError(KnownError):
    """A value that the record cannot hold (a score of 11, a fifth danger statement)."""


class RecordLockedError(KnownError):
    """A change to a conference record that has been signed off."""


class NotFoundError(KnownError):
    """A conference or item that does not exist (any more)."""

    @classmethod
    def of_part(cls, entity: str) -> NotFoundError:
        """A part of the record, by its entity name, that is no longer there."""
        return cls(f"That {entity.replace('_', ' ')} no longer exists.")


class StoreVersionError(KnownError):
    """A database written by a newer version of CP Recorder."""


class StoreUnavailableError(KnownError):
    """The database cannot be opened or written (locked, read-only, full, corrupt)."""


class RefusedByServerError(KnownError):
    """The team server refused what this person's login may not do (a role, a locked trail)."""


class ImportFormatError(KnownError):
    """A JSON file that is not a valid CP Recorder conference; lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(problems[:50])
        more = f"\n… and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"The file cannot be imported:\n{shown}{more}")
