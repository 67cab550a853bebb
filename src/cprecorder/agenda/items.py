"""Every agenda item the app can show, declared once.

One :class:`KnownItem` per agenda item: its key (what an agenda file names, and the
name of its pane module ``cprecorder/ui/panes/<key>.py``), the title used when an
agenda file gives none, the parts of the record it shows, whether the family may
see it, its section of the exported record, and how complete it is. The agenda
loader, the window's panes and agenda marks, Find, the chair's review and the
exports all read :data:`AGENDA_ITEMS` (through its index, :data:`KNOWN_ITEMS`);
nothing else lists agenda items.

Adding an agenda item is one declaration here and one pane module, with its section
of the exported record beside the other sections (``cprecorder/export/sections/<key>.py``,
or the one ``export_section`` names); ``tests/unit/test_agenda_items.py`` fails if
either module is missing. What the family may see is decided from these
declarations by :func:`cprecorder.sharing.family_may_see`, never here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import completeness as done
from .completeness import Completeness


@dataclass(frozen=True)
class KnownItem:
    """One agenda item the app can show."""

    key: str
    #: The title when an agenda file gives none (and in an export, for an item the
    #: conference's agenda leaves out but the record still holds something for).
    title: str
    #: The parts of the record whose home is this item (names from
    #: :data:`cprecorder.model.registry.ENTITIES`): Find and the review go here for them.
    entities: tuple[str, ...] = ()
    #: Fields of the conference itself that this item shows.
    conference_fields: tuple[str, ...] = ()
    #: Parts whose home is another item that this one shows too (besides people and
    #: children, whom many items show): when they are added, removed or moved, this
    #: item's pane is rebuilt as well as their home's.
    also_shows: tuple[str, ...] = ()
    #: False for an item the family must never see: on a shared screen, in what they receive.
    for_the_family: bool = True
    #: The module of ``cprecorder.export.sections`` that writes this item's section of
    #: the exported record, when it is not named after the key.
    export_section: str = ""
    #: (filled, expected): the quiet mark beside the agenda entry.
    completeness: Completeness = done.nothing_expected

    @property
    def section(self) -> str:
        return self.export_section or self.key


#: In the Signs of Safety order, the default agenda's.
AGENDA_ITEMS: tuple[KnownItem, ...] = (
    KnownItem(
        "before",
        "Before the meeting",
        conference_fields=(
            "pre_meeting_notes",
            "interpreter_language",
            "equality_notes",
            "observers",
            "strategy_discussion_on",
        ),
        completeness=done.before,
    ),
    KnownItem(
        "family",
        "Family and network",
        entities=("child", "person", "child_relationship"),
        conference_fields=("inquorate_reason",),
        completeness=done.family,
    ),
    KnownItem(
        "since_last",
        "What has changed since the last conference",
        conference_fields=("plan_changes",),
        also_shows=("action", "danger_statement"),
        completeness=done.since_last,
    ),
    KnownItem(
        "worries",
        "Worries and what's working well",
        entities=("worry",),
        conference_fields=("reason_for_conference",),
        completeness=done.worries,
    ),
    KnownItem(
        "involvement",
        "Child and parents' involvement",
        conference_fields=("parents_views", "parents_disagreement"),
        completeness=done.involvement,
    ),
    KnownItem(
        "danger",
        "Danger statements",
        entities=("danger_statement", "danger_score"),
        completeness=done.danger,
    ),
    KnownItem(
        "safety_scale", "Safety scale", entities=("safety_score",), completeness=done.safety_scale
    ),
    KnownItem(
        "decision",
        "Conference decision",
        entities=(
            "child_decision",
            "agency_view",
            "dissent",
            "agency_view_child",
            "dissent_child",
        ),
        completeness=done.decision,
    ),
    KnownItem("plan", "The plan", entities=("plan_item", "timeline_item"), completeness=done.plan),
    KnownItem(
        "plan_network",
        "Who is in the plan",
        entities=("plan_network_member",),
        completeness=done.plan_network,
    ),
    KnownItem("plan_rules", "Plan rules", entities=("plan_rule",), completeness=done.plan_rules),
    KnownItem(
        "demonstrating",
        "Showing the plan works",
        entities=("demonstration_method",),
        conference_fields=(
            "childrens_version_made",
            "childrens_version_shared",
            "childrens_version_made_with",
            "childrens_version_shared_on",
        ),
        completeness=done.demonstrating,
    ),
    KnownItem("actions", "Actions", entities=("action",), completeness=done.actions),
    KnownItem(
        "core_group",
        "Core group and review",
        entities=("core_group_member", "core_group_meeting"),
        conference_fields=("review_conference_on",),
        completeness=done.core_group,
    ),
    KnownItem(
        "professionals_only",
        "Professionals only",
        entities=("professionals_only_note",),
        for_the_family=False,
    ),
    KnownItem(
        "summary",
        "Chair's summary",
        conference_fields=("chair_summary", "decision_statement"),
        completeness=done.summary,
    ),
    KnownItem(
        "childrens_plan",
        "Children's plan",
        entities=("childrens_plan",),
        completeness=done.childrens_plan,
    ),
)

#: Agenda item key → its declaration, in declaration order.
KNOWN_ITEMS: dict[str, KnownItem] = {}

#: The agenda item (pane) that is the home of each part of the record.
ENTITY_PANE: dict[str, str] = {}

#: Fields held on the conference itself, by the agenda item (pane) that shows them.
CONFERENCE_FIELD_PANE: dict[str, str] = {}


def index_declarations(items: Sequence[KnownItem] = AGENDA_ITEMS) -> None:
    """Fill the lookups above from the declarations, in place (on import).

    Every reader looks an item up here, so declaring another one at run time (an
    authority's own item, or a test's) is this call with the longer list.
    """
    KNOWN_ITEMS.clear()
    KNOWN_ITEMS.update((item.key, item) for item in items)
    ENTITY_PANE.clear()
    ENTITY_PANE.update((entity, item.key) for item in items for entity in item.entities)
    CONFERENCE_FIELD_PANE.clear()
    CONFERENCE_FIELD_PANE.update(
        (field, item.key) for item in items for field in item.conference_fields
    )


index_declarations()


def known_item(key: str) -> KnownItem | None:
    """The declaration of an agenda item, or None for a key the app cannot show."""
    return KNOWN_ITEMS.get(key)
