"""What the fictional demo conferences are built from (the Ashdown family's,
:mod:`cprecorder.demo`, and the Marlowe family's, :mod:`cprecorder.demo_marlowe`): the
rows of their JSON form that both write the same way, and how each is added to a store.
Every name, place and event in them is invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .actor import Actor
from .interchange import FORMAT, VERSION, import_conference
from .store import Store


def days_from(day: dt.date) -> Callable[[int], str]:
    """A date so many days from the conference's, as the JSON form writes it."""

    def on(days: int) -> str:
        return (day + dt.timedelta(days=days)).isoformat()

    return on


def person(
    name: str,
    kind: str,
    role: str,
    agency: str = "",
    attendance: str = "present",
    joined_by: str | None = "video",
    **more: Any,
) -> dict[str, Any]:
    """Someone at (or invited to) the conference; ``more`` sets the rest of the row (their
    report, household, name to the children, views, relationships)."""
    row: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "role": role,
        "agency": agency,
        "attendance": attendance,
        "joined_by": joined_by,
        "report_expected": False,
        "report_received_on": None,
        "report_shared_with_family": False,
        "household": None,
        "known_as": "",
        "views": "",
        "agrees_reports": None,
        "disagrees_with": "",
        "relationships": [],
    }
    row.update(more)
    return row


def related(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    """A person's relationships: each child (``child:1``…) and what they are to the child."""
    return [{"child": child, "relationship_to_child": words} for child, words in pairs]


def worry(heading: str, text: str, who: str | None = None, confidential: bool = False) -> Any:
    """A worry or a strength under an agenda heading, and who said it."""
    return {"heading": heading, "text": text, "contributor": who, "confidential": confidential}


def scored(values: list[tuple[str, int, str]]) -> list[dict[str, Any]]:
    """A danger statement's scores: who, how many out of ten, why."""
    return [{"person": p, "score": s, "reason": r} for p, s, r in values]


def safety_scores(values: list[tuple[str, int, str, str]]) -> list[dict[str, Any]]:
    """Everyone's overall safety score: who, the score, why, and what would move it up."""
    return [{"person": p, "score": s, "reason": r, "one_point_up": u} for p, s, r, u in values]


def agency_view(
    person: str, view: str, recommendation: str = "child_protection", children: tuple[str, ...] = ()
) -> Any:
    """What one agency recommended, and why; about some of the children (none named: all)."""
    return {
        "person": person,
        "children": list(children),
        "recommendation": recommendation,
        "view": view,
    }


def record(conference: dict[str, Any]) -> dict[str, Any]:
    """The whole file, as ``cprecorder dump`` writes it and import reads it."""
    return {"format": FORMAT, "version": VERSION, "conference": conference}


def add(store: Store, actor: Actor | None, data: dict[str, Any], *, as_copy: bool) -> int:
    """The conference imported, by the person at the keyboard (or "Demo")."""
    return import_conference(
        store, actor=actor or Actor.current("Demo"), data=data, as_copy=as_copy
    )
