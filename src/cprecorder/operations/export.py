"""What leaves the record: a document written where the person said, and written into
the audit trail (who, which document, when, which file).

The file is written first and the trail second. Writing the file is the way to rescue
a record when the data disk is full, read-only or damaged, so it must not wait on the
database: when the trail cannot take the entry, the file is kept, the person is told
in a sentence, and the log says the same.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..actor import Actor
from ..audit import write_note
from ..errors import NotFoundError, RefusedByServerError, StoreUnavailableError
from ..files import ProtectedAreas, protected_areas, save_output
from ..model import Conference, Operation
from ..store import Store
from .change import Change

log = logging.getLogger(__name__)

#: What the trail writes for output that went to the screen or a pipe, not a file.
STANDARD_OUTPUT = "(standard output)"


def protected_for(store: Store, data_dir: Path | None = None) -> ProtectedAreas:
    """What no export may replace: the data folder (the window's, unless given) and the
    store's own files."""
    from ..paths import resolve_data_dir

    return protected_areas(data_dir or resolve_data_dir(None), store.path)


@dataclass(frozen=True)
class Delivered:
    """Where the document went, and what to tell the person if the trail missed it."""

    path: Path | None
    warning: str = ""


def record_export(
    store: Store, *, actor: Actor, conference_id: int, document: str, file: str
) -> Change:
    """Write the export into the conference's audit trail (allowed after sign-off)."""
    with store.write(actor, Operation.EXPORT) as session:
        if session.get(Conference, conference_id) is None:
            raise NotFoundError(f"There is no conference {conference_id}.")
        write_note(
            session,
            conference_id=conference_id,
            operation=Operation.EXPORT,
            target=f"Conference#{conference_id}",
            field=document,
            new_value=file,
        )
    return Change(conference_id, Operation.EXPORT, "conference", conference_id)


def deliver(
    store: Store,
    *,
    actor: Actor,
    conference_id: int,
    document: str,
    data: bytes,
    path: Path | None,
    protected: ProtectedAreas,
    force: bool = False,
) -> Delivered:
    """Write ``data`` to ``path`` (checked first), then audit it; ``None`` means the
    caller writes it to standard output itself, after this has audited it.
    """
    target = save_output(path, data, protected, force=force) if path is not None else None
    try:
        record_export(
            store,
            actor=actor,
            conference_id=conference_id,
            document=document,
            file=str(target) if target is not None else STANDARD_OUTPUT,
        )
    except (StoreUnavailableError, RefusedByServerError) as exc:
        log.warning(
            "the export of %s (conference %s) is not in the audit trail: %s",
            document,
            conference_id,
            exc,
        )
        return Delivered(
            target,
            "The file was written, but the database cannot be written to just now, so the "
            "export is not in the audit trail (the log file says so).",
        )
    return Delivered(target)
