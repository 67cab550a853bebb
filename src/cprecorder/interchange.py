"""The versioned JSON form of a whole conference (see docs/json-format.md).

Items refer to people and children by reference strings (``"person:2"``,
``"child:1"``: the 1-based place in the conference's lists), so a file is
independent of any database's ids. Import checks the whole file first and
reports every problem with its path; only a clean file is written, in one
transaction.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import and_, inspect, or_, select

from .actor import Actor
from .agenda import load_agenda
from .agenda.agenda import AgendaFormatError
from .dates import moment_in_words
from .errors import ImportFormatError, KnownError, ValidationError
from .model import (
    Addendum,
    AgencyView,
    AgencyViewChild,
    Case,
    Child,
    ChildDecision,
    ChildRelationship,
    ChildrensPlan,
    Conference,
    DangerScore,
    DecisionCategory,
    Dissent,
    DissentChild,
    Operation,
    RecordStatus,
)
from .model.base import Base, new_uid
from .model.conference import AUDIT_HEAD_COLUMNS, LOCKED_CASE_COLUMNS
from .model.registry import CONFERENCE_LISTS, LIFECYCLE_FIELDS, coerce, entity_class, shown
from .rules.nation import RulesFormatError, load_rules
from .store import Store

FORMAT = "cprecorder-conference"
VERSION = 2
#: Versions this one reads. Version 1 had no case and no links between meetings:
#: such a conference joins a case of its own.
READS = (1, 2)

#: Columns that belong to a database, not to the record.
SKIP = (
    AUDIT_HEAD_COLUMNS
    # Carried by the file's case, as the record shows it (see conference_to_dict).
    | LOCKED_CASE_COLUMNS
    | frozenset(
        {
            "id",
            "conference_id",
            "position",
            "danger_statement_id",
            "decision_id",
            "previous_conference_id",
            "case_id",
            "created_at",
            "updated_at",
            "revision",
        }
    )
)
#: Items about some of the children (none listed: all of them). Files written before
#: these could be about several children name one child, or none, as ``"child"``.
ABOUT_CHILDREN = frozenset({"agency_view", "dissent"})
PERSON_LINKS = frozenset({"person_id", "owner_id", "contributor_id", "lead_social_worker_id"})
CHILD_LINKS = frozenset({"child_id"})


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


class _Refs:
    def __init__(self, conference: Conference) -> None:
        self.people = {p.id: f"person:{i}" for i, p in enumerate(conference.people, 1)}
        self.children = {c.id: f"child:{i}" for i, c in enumerate(conference.children, 1)}


def _fields(obj: Base, refs: _Refs, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for prop in inspect(type(obj)).column_attrs:
        key = prop.key
        if key in SKIP or key in skip:
            continue
        value = getattr(obj, key)
        if key in PERSON_LINKS:
            out[key.removesuffix("_id")] = refs.people.get(value) if value is not None else None
        elif key in CHILD_LINKS:
            out[key.removesuffix("_id")] = refs.children.get(value) if value is not None else None
        else:
            out[key] = _plain(value)
    return out


def conference_to_dict(conference: Conference) -> dict[str, Any]:
    refs = _Refs(conference)
    record = _fields(conference, refs)
    for entity, attr in CONFERENCE_LISTS.items():
        items: list[Any] = getattr(conference, attr)
        rows = []
        for item in items:
            row = _fields(item, refs)
            if entity == "child":
                row["decision"] = (
                    {
                        **_fields(item.decision, refs, frozenset({"child_id"})),
                        "categories": item.decision.category_keys,
                    }
                    if item.decision is not None
                    else None
                )
                row["childrens_plan"] = (
                    _fields(item.childrens_plan, refs, frozenset({"child_id"}))
                    if item.childrens_plan is not None
                    else None
                )
            elif entity == "person":
                row["relationships"] = [
                    _fields(r, refs, frozenset({"person_id"})) for r in item.relationships
                ]
            elif entity == "danger_statement":
                row["scores"] = [_fields(s, refs) for s in item.scores]
            elif entity in ABOUT_CHILDREN:
                row["children"] = [refs.children[i] for i in item.child_ids if i in refs.children]
            rows.append(row)
        record[attr] = rows
    record["addenda"] = [
        {
            "author": a.author,
            "reason": a.reason,
            "text": a.text,
            "created_at": a.created_at.isoformat(),
        }
        for a in conference.addenda
    ]
    previous = conference.previous_conference
    record["previous_conference"] = previous.uid if previous is not None else None
    case = conference.case
    # A signed-off record keeps the case's details it was signed with, whatever the case
    # is called now (its reference may be corrected for the meetings to come).
    family_name, reference = conference.case_details if case is not None else ("", "")
    return {
        "format": FORMAT,
        "version": VERSION,
        "case": {"uid": case.uid, "family_name": family_name, "reference": reference}
        if case is not None
        else None,
        "conference": record,
    }


class _Builder:
    """Builds a conference from its JSON form, collecting every problem on the way."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.people: dict[str, Any] = {}
        self.children: dict[str, Any] = {}
        self.case: dict[str, str] = {}
        self.previous_uid: str | None = None

    def case_of(self, raw: Any) -> dict[str, str]:
        """The case a file names: its uid, family name and reference, all text."""
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.problem("case: expected an object")
            return {}
        found: dict[str, str] = {}
        for key, length in (("uid", 32), ("family_name", 200), ("reference", 100)):
            value = raw.get(key, "")
            if not isinstance(value, str) or len(value) > length:
                self.problem(f"case.{key}: expected text of at most {length} characters")
            else:
                found[key] = value
        unknown = sorted(set(raw) - {"uid", "family_name", "reference"})
        for key in unknown:
            self.problem(f"case.{key}: not a field of the case")
        return found

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def values(self, cls: type[Base], raw: Any, path: str, nested: set[str]) -> dict[str, Any]:
        if not isinstance(raw, dict):
            self.problem(f"{path}: expected an object")
            return {}
        known = {p.key for p in inspect(cls).column_attrs}
        out: dict[str, Any] = {}
        for key, value in raw.items():
            if key in nested:
                continue
            column = key if key in known else f"{key}_id"
            if column in PERSON_LINKS | CHILD_LINKS and column in known:
                continue  # linked after every person and child exists
            if column not in known or column in SKIP:
                self.problem(f"{path}.{key}: not a field of this part of the record")
                continue
            try:
                out[column] = coerce(cls, column, value, where=f"{path}.{key}")
            except ValidationError as exc:
                self.problem(str(exc))
        return out

    def link(self, obj: Any, raw: dict[str, Any], path: str) -> None:
        known = {p.key for p in inspect(type(obj)).column_attrs}
        for column in (PERSON_LINKS | CHILD_LINKS) & known:
            key = column.removesuffix("_id")
            if key not in raw or raw[key] is None:
                continue
            table = self.people if column in PERSON_LINKS else self.children
            target = table.get(raw[key]) if isinstance(raw[key], str) else None
            if target is None:
                self.problem(
                    f"{path}.{key}: no such {'person' if table is self.people else 'child'}"
                    f" in this file: {raw[key]!r}"
                )
                continue
            setattr(obj, key, target)

    def build(self, data: Any) -> Conference | None:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.problem(f"format: this is not a CP Recorder conference file (expected {FORMAT!r})")
            return None
        version = data.get("version")
        if type(version) is not int or version not in READS:  # true and 1.0 equal 1
            readable = " and ".join(str(v) for v in READS)
            self.problem(
                f"version: this version reads version {readable} files, not {shown(version)}"
            )
            return None
        self.case = self.case_of(data.get("case"))
        raw = data.get("conference")
        if not isinstance(raw, dict):
            self.problem("conference: expected an object")
            return None
        lists = set(CONFERENCE_LISTS.values()) | {"addenda", "previous_conference"}
        # A file cannot carry a hand-over, a signature or a withdrawal: it arrives a draft.
        conference = Conference(
            **self.values(Conference, raw, "conference", lists | LIFECYCLE_FIELDS)
        )
        conference.status = RecordStatus.DRAFT
        previous = raw.get("previous_conference")
        if previous is not None and not isinstance(previous, str):
            self.problem("conference.previous_conference: expected the uid of a meeting, or null")
        else:
            self.previous_uid = previous
        for required in ("kind", "family_name", "scheduled_at"):
            if getattr(conference, required) in (None, ""):
                self.problem(f"conference.{required}: a value is needed")
        agenda = None
        try:
            agenda = load_agenda(conference.agenda_key or "signs-of-safety")
        except AgendaFormatError as exc:
            self.problem(f"conference.agenda_key: {exc}")
        categories: dict[str, str] = {}
        try:
            categories = load_rules(conference.nation or "england").categories
        except RulesFormatError as exc:
            self.problem(f"conference.nation: {exc}")

        pending: list[tuple[Any, dict[str, Any], str]] = []
        for entity, attr in CONFERENCE_LISTS.items():
            rows = raw.get(attr, [])
            if not isinstance(rows, list):
                self.problem(f"{attr}: expected a list")
                continue
            cls = entity_class(entity)
            target: list[Any] = getattr(conference, attr)
            for index, row in enumerate(rows):
                path = f"{attr}[{index}]"
                nested = {"decision", "childrens_plan", "relationships", "scores"}
                if entity in ABOUT_CHILDREN:
                    nested |= {"children", "child"}
                obj = cls(**self.values(cls, row, path, nested))
                target.append(obj)
                if not isinstance(row, dict):
                    continue
                pending.append((obj, row, path))
                if entity == "person":
                    self.people[f"person:{index + 1}"] = obj
                if entity == "child":
                    self.children[f"child:{index + 1}"] = obj
        if agenda is not None:
            if len(conference.danger_statements) > agenda.max_danger_statements:
                self.problem(
                    f"danger_statements: the {agenda.title} agenda allows "
                    f"{agenda.max_danger_statements}, the file has "
                    f"{len(conference.danger_statements)}"
                )
            for index, worry in enumerate(conference.worries):
                if worry.heading is not None and agenda.heading(worry.heading) is None:
                    self.problem(
                        f"worries[{index}].heading: not a heading of the "
                        f"{agenda.title} agenda: {worry.heading!r}"
                    )
        for obj, row, path in pending:
            self.link(obj, row, path)
            self.nested(obj, row, path, categories)
        self.once_each(conference.safety_scores, "person", "safety_scores", "person")
        self.once_each(conference.core_group_members, "person", "core_group_members", "person")
        addenda = raw.get("addenda", [])
        if isinstance(addenda, list):
            for index, item in enumerate(addenda):
                values = self.values(Addendum, item, f"addenda[{index}]", set())
                conference.addenda.append(Addendum(**values))
        else:
            self.problem("addenda: expected a list")
        return conference

    def nested(self, obj: Any, row: dict[str, Any], path: str, categories: dict[str, str]) -> None:
        if isinstance(obj, Child):
            decision = row.get("decision")
            if decision is not None:
                values = self.values(ChildDecision, decision, f"{path}.decision", {"categories"})
                obj.decision = ChildDecision(**values)
                keys = decision.get("categories", []) if isinstance(decision, dict) else []
                seen: set[str] = set()
                for i, key in enumerate(self.listed(keys, f"{path}.decision.categories")):
                    where = f"{path}.decision.categories[{i}]"
                    if not isinstance(key, str) or key not in categories:
                        self.problem(f"{where}: not a category here: {shown(key)}")
                    elif key in seen:
                        self.problem(f"{where}: {key!r} is listed twice")
                    else:
                        seen.add(key)
                        obj.decision.categories.append(DecisionCategory(category=key))
            plan = row.get("childrens_plan")
            if plan is not None:
                obj.childrens_plan = ChildrensPlan(
                    **self.values(ChildrensPlan, plan, f"{path}.childrens_plan", set())
                )
        if hasattr(obj, "relationships") and row.get("relationships") is not None:
            rows = self.listed(row["relationships"], f"{path}.relationships")
            for i, rel in enumerate(rows):
                rpath = f"{path}.relationships[{i}]"
                link = ChildRelationship(**self.values(ChildRelationship, rel, rpath, set()))
                self.link(link, rel if isinstance(rel, dict) else {}, rpath)
                obj.relationships.append(link)
            self.once_each(obj.relationships, "child", f"{path}.relationships", "child")
        if isinstance(obj, AgencyView | Dissent):
            self.about_children(obj, row, path)
        if hasattr(obj, "scores") and row.get("scores") is not None:
            for i, score in enumerate(self.listed(row["scores"], f"{path}.scores")):
                spath = f"{path}.scores[{i}]"
                entry = DangerScore(**self.values(DangerScore, score, spath, set()))
                self.link(entry, score if isinstance(score, dict) else {}, spath)
                if entry.person is None:
                    self.problem(f"{spath}.person: a score needs the person who gave it")
                obj.scores.append(entry)
            self.once_each(obj.scores, "person", f"{path}.scores", "person")

    def listed(self, value: Any, path: str) -> list[Any]:
        if isinstance(value, list):
            return value
        self.problem(f"{path}: expected a list")
        return []

    def once_each(self, items: list[Any], link: str, path: str, what: str) -> None:
        """The record holds one relationship per child and one score per person."""
        seen: dict[int, int] = {}
        for index, item in enumerate(items):
            target = getattr(item, link)
            if target is None:
                continue
            if id(target) in seen:
                self.problem(
                    f"{path}[{index}].{what}: the same {what} as {path}[{seen[id(target)]}];"
                    " each may appear only once"
                )
            else:
                seen[id(target)] = index

    def about_children(self, obj: AgencyView | Dissent, row: dict[str, Any], path: str) -> None:
        if "children" in row:
            key, refs = "children", row["children"]
            if not isinstance(refs, list):
                self.problem(f"{path}.children: expected a list of children")
                return
        else:
            key, refs = "child", [] if row.get("child") is None else [row["child"]]
        for i, ref in enumerate(refs):
            child = self.children.get(ref) if isinstance(ref, str) else None
            where = f"{path}.{key}[{i}]" if key == "children" else f"{path}.{key}"
            if child is None:
                self.problem(f"{where}: no such child in this file: {ref!r}")
            elif child in [existing.child for existing in obj.about]:
                self.problem(f"{where}: {ref!r} is listed twice")
            elif isinstance(obj, AgencyView):
                obj.about.append(AgencyViewChild(child=child))
            else:
                obj.about.append(DissentChild(child=child))


def lifecycle_note(data: Any) -> str:
    """What the file said about hand-over and sign-off, which the import does not carry."""
    raw = data.get("conference") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        return ""
    status = raw.get("status")
    if (
        status == RecordStatus.SIGNED_OFF.value
        or raw.get("signed_off_by")
        or raw.get("signed_off_at")
    ):
        by = raw.get("signed_off_by")
        said = f"signed off by {by}" if isinstance(by, str) and by.strip() else "signed off"
        return (
            f"The file says this record was {said}; it has been imported as a draft, because a"
            " sign-off cannot travel in a file. The chair reviews and signs it off here."
        )
    if (
        status == RecordStatus.IN_REVIEW.value
        or raw.get("handed_over_by")
        or raw.get("handed_over_at")
    ):
        return (
            "The file says this record was handed to the chair; it has been imported as a draft,"
            " to be handed over again here."
        )
    return ""


def conference_from_dict(data: Any) -> Conference:
    """A new, unsaved conference; raises :class:`ImportFormatError` listing every problem."""
    return _built(data)[0]


def _built(data: Any) -> tuple[Conference, _Builder]:
    builder = _Builder()
    conference = builder.build(data)
    if builder.problems or conference is None:
        raise ImportFormatError(builder.problems)
    return conference, builder


class DuplicateImportError(KnownError):
    """The conference in the file is already in the store."""


def import_conference(store: Store, *, actor: Actor, data: Any, as_copy: bool = False) -> int:
    """Import a whole conference, as a draft, in one transaction; nothing is written if any
    part fails.

    The conference joins the case the file names when the store has it (a review
    exported from another store joins its family's journey), else a new case; it
    is linked to the meeting it started from when the store has that one. A meeting
    the store already holds (the same uid, or the same family, kind, date and time) is
    refused unless ``as_copy`` asks for it: then it comes in as a copy, in a case of
    its own.
    """
    conference, builder = _built(data)
    with store.write(actor, Operation.IMPORT) as session:
        case: Case | None = None
        same_meeting = and_(
            Conference.family_name == conference.family_name,
            Conference.kind == conference.kind,
            Conference.scheduled_at == conference.scheduled_at,
        )
        same = session.scalars(
            select(Conference)
            .where(
                or_(Conference.uid == conference.uid, same_meeting)
                if conference.uid
                else same_meeting
            )
            .order_by(Conference.id)
            .limit(1)
        ).first()
        if same is not None and not as_copy:
            raise DuplicateImportError(
                f"This conference is already here as conference {same.id} (the"
                f" {same.family_name} family, {same.kind.label.lower()},"
                f" {moment_in_words(same.scheduled_at)}), so nothing was imported."
                " To add it again as a separate draft, import it with --as-copy."
            )
        if same is not None:
            conference.uid = new_uid()
        else:
            uid = builder.case.get("uid")
            case = session.scalar(select(Case).where(Case.uid == uid)) if uid else None
            if case is None and uid:
                case = Case(uid=uid)
            if builder.previous_uid:
                conference.previous_conference = session.scalar(
                    select(Conference).where(Conference.uid == builder.previous_uid)
                )
        if case is None:
            case = Case()
        if not case.family_name:
            case.family_name = builder.case.get("family_name") or conference.family_name
            case.reference = builder.case.get("reference", "")
        conference.case = case
        session.info["made_in"] = conference  # a case made or named here is audited in it
        session.add(conference)
        session.flush()
        return conference.id
