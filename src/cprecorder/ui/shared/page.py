"""The shared window's page: the family's version of one agenda item, as HTML.

Built from the same blocks as the family's Word document
(:func:`cprecorder.export.record.family_item_content`), so the screen shows what
the family will receive and nothing else. The words the minute-taker is typing
are marked, so the room can follow them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ...export.blocks import (
    Block,
    Bullets,
    Fields,
    Heading,
    Image,
    Notice,
    Paragraph,
    Pictures,
    Scale,
    Table,
    Title,
)


@dataclass(frozen=True)
class Colours:
    text: str
    background: str
    mark: str
    mark_text: str
    box: str


CALM = Colours("#1f2933", "#ffffff", "#fff3b0", "#1f2933", "#f0f4f8")
HIGH_CONTRAST = Colours("#ffffff", "#000000", "#ffff00", "#000000", "#1a1a1a")


#: Where the words being typed are, so the window can scroll to them.
TYPING_ANCHOR = "typing"


class _Marker:
    """Marks the first piece of text that holds the words being typed, once."""

    def __init__(self, typed: str) -> None:
        self.typed = " ".join(typed.split())
        self.done = not self.typed

    def __call__(self, text: str) -> str:
        shown = html.escape(text).replace("\n", "<br>")
        if self.done or self.typed not in " ".join(text.split()):
            return shown
        self.done = True
        return f'<a name="{TYPING_ANCHOR}"></a><span class="typing">{shown}</span>'


def page_html(
    blocks: Sequence[Block], *, typed: str = "", point_size: float, colours: Colours
) -> str:
    """The whole page; ``typed`` is the text of the field being typed (marked where shown)."""
    mark = _Marker(typed)
    body = "".join(_block(block, mark) for block in blocks)
    c = colours
    return (
        "<html><head><style>"
        f"body {{ color: {c.text}; background: {c.background}; font-size: {point_size:.1f}pt; }}"
        f"h1 {{ font-size: {point_size * 1.5:.1f}pt; margin: 0 0 8px 0; }}"
        f"h2 {{ font-size: {point_size * 1.2:.1f}pt; margin: 14px 0 4px 0; }}"
        f"h3 {{ font-size: {point_size * 1.05:.1f}pt; margin: 10px 0 4px 0; }}"
        f".lead {{ font-weight: 600; }}"
        f".box {{ background: {c.box}; }}"
        f".typing {{ background: {c.mark}; color: {c.mark_text}; }}"
        "</style></head><body>"
        f"{body}</body></html>"
    )


def _row(header: Sequence[str], row: Sequence[str], mark: _Marker) -> str:
    """``Name`` in bold, then each filled cell; a score keeps its heading ("Score 6")."""
    cells = [(title, cell) for title, cell in zip(header, row, strict=False) if cell.strip()]
    if not cells:
        return ""
    first, *rest = cells
    words = [
        f"{html.escape(title)} {mark(cell)}" if cell.strip().isdigit() else mark(cell)
        for title, cell in rest
    ]
    return (
        f'<p><span class="lead">{mark(first[1])}</span>'
        + "".join(f" · {word}" for word in words)
        + "</p>"
    )


def _block(block: Block, mark: _Marker) -> str:
    if isinstance(block, Title):
        return f"<h1>{mark(block.text)}</h1>"
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 3)
        return f"<h{level}>{mark(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        lead = f'<span class="lead">{mark(block.lead)}</span>' if block.lead else ""
        text = f"“{mark(block.text)}”" if block.quote else mark(block.text)
        return f"<p>{lead}{text}</p>"
    if isinstance(block, Fields):
        rows = "".join(
            f'<p><span class="lead">{mark(label)}:</span> {mark(value)}</p>'
            for label, value in block.pairs
            if value
        )
        return rows
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{mark(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        # A line per row, not a grid: read over Teams in large type, a row reads as a
        # sentence, and Qt lays out a line far faster than a table, keystroke by keystroke.
        return "".join(_row(block.header, row, mark) for row in block.rows)
    if isinstance(block, Notice):
        return f'<p class="box">{mark(block.text)}</p>'
    if isinstance(block, Scale):
        marks = "; ".join(f"{html.escape(m.who)} {m.score}" for m in block.marks)
        return f"<p>{html.escape(block.low)} … {html.escape(block.high)}</p><p>{marks}</p>"
    if isinstance(block, Image):
        return f"<p>{mark(block.description)}</p>"
    if isinstance(block, Pictures):
        return ""
    return ""  # a page break has no place on a screen
