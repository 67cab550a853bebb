"""The content of a document, before it is Word: headings, text, lists, tables.

Each document (record, family's version, children's plan, plan summary) is built
as a list of these blocks from the record, then written out by :mod:`.word` (or as
plain text by :mod:`.plaintext`). Keeping content apart from layout means what a
document *says* can be tested and allow-listed without opening Word.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Tone(enum.Enum):
    """How a notice is shown: the colour and border of its box."""

    INFO = "info"
    DRAFT = "draft"
    CONFIDENTIAL = "confidential"
    FRIENDLY = "friendly"


@dataclass(frozen=True)
class Title:
    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    #: A picture key shown before the words (children's plan).
    picture: str = ""
    page_break_before: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    #: Words in bold before the text, e.g. "Safety goal: ".
    lead: str = ""
    quote: bool = False


@dataclass(frozen=True)
class Fields:
    """Label and value pairs, one per line; empty values are left out."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table whose first row is a header repeated on every page."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Relative column widths; equal when empty.
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class ScaleMark:
    score: int
    who: str


@dataclass(frozen=True)
class Scale:
    """A 0-10 scale with each person's mark: 0 no safety, 10 safe enough to close."""

    marks: tuple[ScaleMark, ...]
    low: str = "0: no safety"
    high: str = "10: safe enough to close"


@dataclass(frozen=True)
class Notice:
    """Text in a coloured box: a warning, or a part of the children's plan."""

    text: str
    tone: Tone = Tone.INFO
    #: A fill colour (hex) instead of the tone's own.
    colour: str = ""
    #: On the same page as what follows (a plan's last part and its closing words).
    keep_with_next: bool = False


@dataclass(frozen=True)
class Pictures:
    """A row of illustrations by key."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class Image:
    """A picture drawn for the document (a chart), with words for those who cannot see it."""

    png: bytes
    description: str
    width_cm: float = 16.0


@dataclass(frozen=True)
class PageBreak:
    pass


Block = (
    Title
    | Heading
    | Paragraph
    | Fields
    | Bullets
    | Table
    | Scale
    | Notice
    | Pictures
    | Image
    | PageBreak
)


@dataclass
class Content:
    """A whole document: its blocks and what goes in its header, footer and properties."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    #: Shown in the header next to the protective marking (e.g. "DRAFT").
    header_note: str = ""
    footer: str = ""
    subject: str = ""
    status: str = ""
    #: The document's custom properties (name → text), e.g. the audit fingerprint.
    custom: dict[str, str] = field(default_factory=dict)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
