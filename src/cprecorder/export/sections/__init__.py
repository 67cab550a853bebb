"""One module per section of the exported record, found from the agenda-item registry.

An agenda item's section is the module named by its declaration
(:attr:`cprecorder.agenda.items.KnownItem.section`: its key unless ``export_section``
names another), with a function ``section(s: SectionContext) -> list[Block]``. The
record, its family's version and the shared window import a module the first time
its item is written; nothing here lists the sections.
"""

from __future__ import annotations

import importlib
import pkgutil

from ...agenda.items import KnownItem
from .base import Audience, Section, SectionContext


def section_modules() -> frozenset[str]:
    """The section modules here (``base`` is what they are written from, not a section)."""
    return frozenset(m.name for m in pkgutil.iter_modules(__path__)) - {"base"}


def section_of(known: KnownItem) -> Section:
    """The function that writes one agenda item's section, importing only its module."""
    module = importlib.import_module(f"{__name__}.{known.section}")
    section: Section = module.section
    return section


__all__ = ["Audience", "Section", "SectionContext", "section_modules", "section_of"]
