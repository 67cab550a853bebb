"""Word exports of a conference: the record, the family's version, the children's
plan and the plan summary.

Plain Python over the record model (never Qt, never widgets): give it a whole
``Conference`` (``cprecorder.queries.load_conference``) and a path.
"""

from .childrens_plan import suggested_childrens_plan
from .documents import (
    DEFAULT_MARKING,
    ENTRIES_PROPERTY,
    FINGERPRINT_PROPERTY,
    HEAD_PROPERTY,
    DocumentKind,
    ExportError,
    document_bytes,
    export_document,
    export_notes,
    plan_summary_text,
    suggested_filename,
    worded_document,
)
from .family_words import FamilyWords
from .pictures import available_pictures

__all__ = [
    "DEFAULT_MARKING",
    "ENTRIES_PROPERTY",
    "FINGERPRINT_PROPERTY",
    "HEAD_PROPERTY",
    "DocumentKind",
    "ExportError",
    "FamilyWords",
    "available_pictures",
    "document_bytes",
    "export_document",
    "export_notes",
    "plan_summary_text",
    "suggested_childrens_plan",
    "suggested_filename",
    "worded_document",
]
