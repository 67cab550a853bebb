"""The recovery file: text the window could not save, kept on disk until it is saved.

When a save fails (the disk is full, the database is locked or damaged) the
window keeps the text on screen *and* writes it here, so that it survives the
window being closed, the program crashing or the power going. There is one small
JSON file per conference, ``<data dir>/recovery/<conference id>.json``, written
atomically (a new file, fsynced, renamed over the old), in a 0700 folder with
0600 files because it holds the record's confidential text.

When saving works again, :meth:`RecoveryJournal.replay` applies each kept edit
through :func:`cprecorder.operations.update` (so the audit trail records it) and
forgets it. An edit the record cannot take any more (it was signed off, or the
item was removed) is reported and kept, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .actor import Actor
from .errors import KnownError, RecordLockedError, StoreUnavailableError
from .files import write_atomically
from .paths import make_private_dir
from .store import Store

log = logging.getLogger(__name__)

RECOVERY_FOLDER = "recovery"
_FORMAT = "cprecorder-recovery"
_VERSION = 1


class RecoveryFileError(KnownError):
    """The recovery file cannot be written; the text is still on screen."""


@dataclass(frozen=True)
class PendingEdit:
    """One field's text that has not reached the database yet."""

    entity: str
    entity_id: int
    field: str
    text: str
    kept_at: str  # ISO 8601, UTC

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.entity, self.entity_id, self.field)

    def where(self) -> str:
        field = self.field.replace("_", " ")
        return f"the {field} of {self.entity.replace('_', ' ')} {self.entity_id}"


@dataclass(frozen=True)
class ReplayProblem:
    """An edit that could not be saved on replay; it stays in the recovery file."""

    edit: PendingEdit
    message: str

    def __str__(self) -> str:
        return f"{self.edit.where().capitalize()} was not saved: {self.message}"


class RecoveryJournal:
    """Pending edits per conference, in ``<data dir>/recovery/``."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = Path(data_dir) / RECOVERY_FOLDER

    def path_for(self, conference_id: int) -> Path:
        return self.folder / f"{int(conference_id)}.json"

    def keep(
        self, conference_id: int, entity: str, entity_id: int, field: str, text: str
    ) -> PendingEdit:
        """Keep the newest text of one field (replacing any older text for that field)."""
        edit = PendingEdit(entity, int(entity_id), field, text, _now())
        try:
            edits = {e.key: e for e in self._read(conference_id)}
        except RecoveryFileError as exc:
            raise RecoveryFileError(f"{exc} The unsaved text is still on screen.") from exc
        edits[edit.key] = edit
        self._write(conference_id, list(edits.values()))
        return edit

    def pending(self, conference_id: int) -> list[PendingEdit]:
        """Edits kept for this conference, in the order they were first kept."""
        return self._read(conference_id)

    def conferences(self) -> list[int]:
        """Conferences that have text waiting to be saved (for the start view to say so)."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob("*.json"):
            if path.stem.isdigit() and self._read(int(path.stem)):
                found.append(int(path.stem))
        return sorted(found)

    def discard(
        self,
        conference_id: int,
        entity: str,
        entity_id: int,
        field: str,
        text: str | None = None,
    ) -> bool:
        """Forget a kept edit once it is saved; returns whether one was forgotten.

        With ``text``, only an edit holding exactly that text is forgotten: if a
        newer text was kept while the older one was being saved, it stays.
        """
        edits = self._read(conference_id)
        key = (entity, int(entity_id), field)
        remaining = [e for e in edits if not (e.key == key and (text is None or e.text == text))]
        if len(remaining) == len(edits):
            return False
        self._write(conference_id, remaining)
        return True

    def replay(self, store: Store, actor: Actor, conference_id: int) -> list[ReplayProblem]:
        """Save every kept edit; those saved are forgotten, the rest are reported and kept.

        Stops at the first sign that the database still cannot be written (the
        rest would fail the same way, each after waiting for the lock).
        """
        from .operations import update

        problems: list[ReplayProblem] = []
        for edit in self._read(conference_id):
            try:
                update(
                    store,
                    actor=actor,
                    entity=edit.entity,
                    entity_id=edit.entity_id,
                    values={edit.field: edit.text},
                )
            except RecordLockedError as exc:
                problems.append(ReplayProblem(edit, f"{exc} The text is kept in {self.folder}."))
                continue
            except StoreUnavailableError as exc:
                problems.append(ReplayProblem(edit, str(exc)))
                break
            except KnownError as exc:
                problems.append(ReplayProblem(edit, str(exc)))
                continue
            self.discard(conference_id, *edit.key, text=edit.text)
        return problems

    def _read(self, conference_id: int) -> list[PendingEdit]:
        path = self.path_for(conference_id)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise RecoveryFileError(
                f"The recovery file {path} cannot be read ({exc.strerror})."
            ) from exc
        try:
            data = json.loads(raw)
            return [_edit_from(row) for row in data["edits"]]
        except (ValueError, KeyError, TypeError) as exc:
            kept = _set_aside(path)
            log.error("recovery file %s is damaged (%s); moved to %s", path, exc, kept)
            return []

    def _write(self, conference_id: int, edits: list[PendingEdit]) -> None:
        path = self.path_for(conference_id)
        try:
            if not edits:
                path.unlink(missing_ok=True)
                return
            make_private_dir(self.folder)
            document = {
                "format": _FORMAT,
                "version": _VERSION,
                "conference_id": int(conference_id),
                "edits": [asdict(e) for e in edits],
            }
            data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
            write_atomically(path, data)
        except OSError as exc:
            raise RecoveryFileError(
                f"The unsaved text could not be written to {path} ({exc.strerror}). "
                "It is still on screen: copy it somewhere safe."
            ) from exc


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _edit_from(row: Any) -> PendingEdit:
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise ValueError(f"not an edit: {row!r:.80}")
    return PendingEdit(
        entity=str(row["entity"]),
        entity_id=int(row["entity_id"]),
        field=str(row["field"]),
        text=row["text"],
        kept_at=str(row.get("kept_at", "")),
    )


def _set_aside(path: Path) -> Path:
    """A damaged recovery file is renamed, never overwritten: it may still hold text."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.stem}.damaged-{stamp}.json")
    os.replace(path, target)
    return target
