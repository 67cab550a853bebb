"""Names for the parts of the record, and which of their fields a person may edit.

Operations, the JSON form and the window all refer to parts of the record by
these names, so there is one list of what is editable and how values are checked.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import logging
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, inspect
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import ColumnProperty

from ..errors import ValidationError
from .assessment import DangerScore, DangerStatement, SafetyScore, WorryItem
from .base import Base
from .conference import AUDIT_HEAD_COLUMNS, LOCKED_CASE_COLUMNS, Conference
from .confidential import ProfessionalsOnlyNote
from .decision import (
    AboutSomeChildren,
    AgencyView,
    AgencyViewChild,
    ChildDecision,
    Dissent,
    DissentChild,
)
from .family import Child, ChildRelationship, Person
from .plan import (
    Action,
    ChildrensPlan,
    CoreGroupMeeting,
    CoreGroupMember,
    DemonstrationMethod,
    PlanItem,
    PlanNetworkMember,
    PlanRule,
    TimelineItem,
)

log = logging.getLogger(__name__)

ENTITIES: dict[str, type[Base]] = {
    "conference": Conference,
    "child": Child,
    "person": Person,
    "child_relationship": ChildRelationship,
    "worry": WorryItem,
    "danger_statement": DangerStatement,
    "danger_score": DangerScore,
    "safety_score": SafetyScore,
    "child_decision": ChildDecision,
    "agency_view": AgencyView,
    "dissent": Dissent,
    "agency_view_child": AgencyViewChild,
    "dissent_child": DissentChild,
    "plan_item": PlanItem,
    "timeline_item": TimelineItem,
    "plan_network_member": PlanNetworkMember,
    "plan_rule": PlanRule,
    "demonstration_method": DemonstrationMethod,
    "action": Action,
    "core_group_member": CoreGroupMember,
    "core_group_meeting": CoreGroupMeeting,
    "professionals_only_note": ProfessionalsOnlyNote,
    "childrens_plan": ChildrensPlan,
}

#: The ordered lists held by a conference, by the entity each holds.
CONFERENCE_LISTS: dict[str, str] = {
    "child": "children",
    "person": "people",
    "worry": "worries",
    "danger_statement": "danger_statements",
    "safety_score": "safety_scores",
    "agency_view": "agency_views",
    "dissent": "dissents",
    "plan_item": "plan_items",
    "timeline_item": "timeline",
    "plan_network_member": "plan_network",
    "plan_rule": "plan_rules",
    "demonstration_method": "demonstration_methods",
    "action": "actions",
    "core_group_member": "core_group_members",
    "core_group_meeting": "core_group_meetings",
    "professionals_only_note": "professionals_only",
}

#: Fields that hold the id of a person in the record.
PERSON_FIELDS = frozenset({"person_id", "owner_id", "contributor_id", "lead_social_worker_id"})

#: Fields that record the lifecycle itself; only its operations set them.
LIFECYCLE_FIELDS = frozenset(
    {
        "status",
        "handed_over_at",
        "handed_over_by",
        "signed_off_at",
        "signed_off_by",
        "withdrawn_at",
        "withdrawn_by",
        "withdrawal_reason",
    }
)

#: Fields no edit may set.
NOT_EDITABLE = (
    LIFECYCLE_FIELDS
    | AUDIT_HEAD_COLUMNS
    | LOCKED_CASE_COLUMNS
    | frozenset(
        {
            "id",
            "conference_id",
            "position",
            "created_at",
            "updated_at",
            "revision",
            "danger_statement_id",
            "decision_id",
            "child_id",
            "agency_view_id",
            "dissent_id",
            "prefilled",
            # The journey's links: set when a meeting starts from the last one.
            "uid",
            "case_id",
            "lineage",
            # Set with the status by set_action_progress, and by set_decision.
            "progress",
            "initial_categories",
        }
    )
)


def entity_name(obj: Base) -> str:
    for name, cls in ENTITIES.items():
        if type(obj) is cls:
            return name
    raise KeyError(type(obj).__name__)


def entity_class(name: str) -> type[Base]:
    try:
        return ENTITIES[name]
    except KeyError:
        raise ValidationError(f"There is no part of the record called {name!r}.") from None


@functools.cache
def columns(cls: type[Base]) -> Mapping[str, ColumnProperty[Any]]:
    """A part's columns by name (asked on every keystroke: worked out once per class)."""
    return MappingProxyType({prop.key: prop for prop in inspect(cls).column_attrs})


#: Whole numbers every backend keeps (PostgreSQL's INTEGER is 32 bits).
WHOLE_NUMBERS = (-(2**31), 2**31 - 1)

#: Fields named like a lifecycle field that are ordinary values on these parts: an
#: action's status (open, done, cancelled) is set by whoever tracks the action.
ALSO_EDITABLE: dict[type[Base], frozenset[str]] = {Action: frozenset({"status"})}

#: Not columns but set like them: the children an agency's view or a dissent is about
#: (``child_ids``, none for all of them, or ``child_id`` for one; see
#: :class:`cprecorder.model.decision.AboutSomeChildren`).
ABOUT_CHILDREN_FIELDS = frozenset({"child_id", "child_ids"})


def about_children(cls: type[Base]) -> bool:
    return issubclass(cls, AboutSomeChildren)


def editable_fields(cls: type[Base]) -> list[str]:
    also = ALSO_EDITABLE.get(cls, frozenset())
    return [key for key in columns(cls) if key not in NOT_EDITABLE or key in also]


def coerce(cls: type[Base], field: str, value: Any, *, where: str | None = None) -> Any:
    """Check a value for a field and convert it from its text or JSON form.

    Raises :class:`ValidationError` naming the field, so a person (or an import
    report) can see exactly what was refused.
    """
    where = where or field
    props = columns(cls)
    if field not in props:
        raise ValidationError(f"{where}: there is no such field.")
    column = props[field].columns[0]
    col_type = column.type
    if value is None or (value == "" and not _is_text(col_type)):
        if not column.nullable and not _is_text(col_type):
            raise ValidationError(f"{where}: a value is needed.")
        return None
    if isinstance(col_type, SAEnum) and col_type.enum_class is not None:
        kind: type[enum.Enum] = col_type.enum_class
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in kind)
            raise ValidationError(f"{where}: {shown(value)} is not one of {allowed}.") from None
    if isinstance(col_type, Boolean):
        if isinstance(value, bool):
            return value
        raise ValidationError(f"{where}: not yes or no: {shown(value)}")
    if isinstance(col_type, DateTime):
        if isinstance(value, dt.datetime):
            moment = value
        else:
            try:
                moment = dt.datetime.fromisoformat(str(value))
            except ValueError:
                raise ValidationError(f"{where}: not a date and time: {shown(value)}") from None
        if moment.tzinfo is not None:
            raise ValidationError(
                f"{where}: a date and time is written in local time without a time zone"
                f" (like 2026-11-24T10:00:00), not {shown(value)}"
            )
        return moment
    if isinstance(col_type, Date):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(f"{where}: not a date: {shown(value)}") from None
    if isinstance(col_type, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{where}: not a whole number: {shown(value)}")
        if field == "score" and not 0 <= value <= 10:
            raise ValidationError(f"{where}: a score runs from 0 to 10, not {shown(value)}.")
        if not WHOLE_NUMBERS[0] <= value <= WHOLE_NUMBERS[1]:
            raise ValidationError(f"{where}: {shown(value)} is too large a number to keep.")
        return value
    if not isinstance(value, str):
        raise ValidationError(f"{where}: not text: {shown(value)}")
    value = without_nul(value, f"{cls.__name__}.{field}")
    length = getattr(col_type, "length", None)
    if length is not None and len(value) > length:
        raise ValidationError(f"{where}: longer than {length} characters.")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:  # half of a surrogate pair, e.g. from a bad paste
            raise ValidationError(
                f"{where}: character {exc.start + 1} is broken (half of a pair) and cannot "
                "be saved; delete it or paste the text again."
            ) from None
    return value


def without_nul(text: str, where: str) -> str:
    """U+0000 removed, and logged (where, never the text): PostgreSQL cannot hold it, so
    no backend keeps it and both hold the same words."""
    if "\x00" not in text:
        return text
    log.warning("removed %d NUL character(s) from %s on the way in", text.count("\x00"), where)
    return text.replace("\x00", "")


def _is_text(col_type: Any) -> bool:
    try:
        return bool(col_type.python_type is str)
    except NotImplementedError:
        return False


def shown(value: Any) -> str:
    """Values quoted as JSON writes them, so an import report reads like the file."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**80:
        # Counted from its bits: Python refuses to write out an int of over 4,300 digits.
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "…"
