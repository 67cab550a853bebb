"""What the family may see: the one rule behind every screen and document the family sees.

Professionals-only information (the "professional slot": third-party or police
information) is recorded apart and must never be on a shared screen or in anything
the family receives. Presentation mode, the shared window, Find, the jargon marks,
the chair's review, the audit trail on a shared screen and every export ask
:func:`family_may_see`; none of them decides for itself.

The rule, from the agenda-item registry (:mod:`cprecorder.agenda.items`):

* an agenda item: what its declaration says (``for_the_family``);
* a part of the record: its home agenda item's answer, and not if the part is
  marked confidential (a worry only professionals may hear);
* a field of a part: the part's answer, and for a field of the conference itself,
  the answer of the agenda item that shows the field.

A part with no home item (an addendum) follows only its own confidential mark.

One family never sees another: a screen that lists families (the start view's
conferences and cases) shows none of them while the screen is shared, only
:data:`FAMILIES_HIDDEN`; a family's own record and journey may be shared, by the rule above.
"""

from __future__ import annotations

from .agenda.items import CONFERENCE_FIELD_PANE, ENTITY_PANE, KNOWN_ITEMS
from .model.base import Base
from .model.registry import entity_name

#: What a shared screen says where a list of families would be: no family sees another
#: family's name, children or meetings.
FAMILIES_HIDDEN = (
    "The list of families is hidden while the screen is shared, so that no family sees "
    "another family's names or children."
)


def family_may_see(what: str | Base, field: str = "") -> bool:
    """May the family see this agenda item (by its key), part of the record, or field of it?

    An agenda item the app does not know is not shown to the family: a new item is
    hidden until its declaration says otherwise.
    """
    if isinstance(what, str):
        known = KNOWN_ITEMS.get(what)
        return known is not None and known.for_the_family
    try:
        entity = entity_name(what)
    except KeyError:  # a part with no name of its own (an addendum)
        entity = ""
    if entity == "conference":
        home = CONFERENCE_FIELD_PANE.get(field)
        return home is None or family_may_see(home)
    return part_may_be_seen(entity, confidential=bool(getattr(what, "confidential", False)))


def part_may_be_seen(entity: str, *, confidential: bool = False) -> bool:
    """The rule for a part known only by its kind and mark (a removed part in the trail)."""
    if confidential:
        return False
    home = ENTITY_PANE.get(entity)
    return home is None or family_may_see(home)
