"""Characters a Word document cannot hold are taken out, counted and logged.

Text comes from live typing and pastes (PDFs, emails, other Word files), so it can
carry control characters that XML 1.0 forbids, the non-characters U+FFFE and
U+FFFF, or lone surrogates. Any one of them would make python-docx refuse the
whole document; instead each export removes them, keeps every other character,
and logs how many went (never the text itself: it is personal data).
"""

from __future__ import annotations

import logging
import re
from collections import Counter

log = logging.getLogger(__name__)

#: XML 1.0 allows tab, line feed and carriage return among the C0 controls only;
#: U+FFFE/U+FFFF are non-characters; surrogates are only valid in pairs (UTF-16).
_NOT_IN_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: Word's own line and page breaks arrive in pasted text as VT and FF: they mean
#: "new line", so they become one rather than being lost.
_LINE_ENDINGS = re.compile("\r\n|[\r\x0b\x0c]")


class CharacterFilter:
    """Cleans every piece of text of one document and reports once at the end."""

    def __init__(self) -> None:
        self.removed: Counter[str] = Counter()

    def clean(self, text: str) -> str:
        if not text:
            return ""
        if "\r" in text or "\x0b" in text or "\x0c" in text:
            text = _LINE_ENDINGS.sub("\n", text)
        if _NOT_IN_XML.search(text) is None:
            return text
        self.removed.update(_NOT_IN_XML.findall(text))
        return _NOT_IN_XML.sub("", text)

    def report(self, document: str) -> None:
        """Log what was removed from ``document``: code points and counts only."""
        if not self.removed:
            return
        total = sum(self.removed.values())
        shown = ", ".join(f"U+{ord(ch):04X} ×{count}" for ch, count in sorted(self.removed.items()))
        log.warning(
            "Removed %d character(s) that Word cannot hold from the %s: %s",
            total,
            document,
            shown,
        )
