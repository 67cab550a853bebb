"""Documents the family receives, in plain words: no jargon reaches them raw.

The family's version, the plan summary (and its plain text) and the children's
plan pass through :func:`in_plain_words` once they are built: every term on the
jargon list is replaced by its plain words or explained in a short "Words we
use" box, as the authority chose (:class:`cprecorder.rules.authority.FamilyDocuments`).
A children's plan is always written in plain words; only what cannot be
replaced is explained, in a friendly box at the end.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from ..language.jargon import JargonList, default_jargon
from ..language.plain_words import JargonHandling, PlainWording, plain_text
from ..rules.authority import load_authority_settings
from .blocks import (
    Block,
    Bullets,
    Content,
    Fields,
    Heading,
    Notice,
    Paragraph,
    Table,
    Title,
    Tone,
)

WORDS_WE_USE = "Words we use"


@dataclass(frozen=True)
class FamilyWords:
    """The jargon list and what to do with it, as the authority set them."""

    jargon: JargonList
    handling: JargonHandling = JargonHandling.REPLACE

    @classmethod
    def in_force(cls) -> FamilyWords:
        """The data folder's jargon list and ``settings.toml``."""
        return cls(default_jargon(), load_authority_settings().family.jargon)


def in_plain_words(
    content: Content, words: FamilyWords, *, for_a_child: bool = False
) -> tuple[Content, PlainWording]:
    """``content`` with its jargon replaced or explained, and what was done."""
    handling = JargonHandling.REPLACE if for_a_child else words.handling
    report = PlainWording()

    def plain(text: str) -> str:
        return plain_text(text, words.jargon, handling, report) if text else text

    blocks = [_block_in_plain_words(block, plain) for block in content.blocks]
    result = dataclasses.replace(content, title=plain(content.title), blocks=blocks)
    if report.explained:
        box = _box(report, for_a_child)
        if for_a_child:
            result.blocks.extend(box)
        else:
            at = _after_front_matter(result.blocks)
            result.blocks[at:at] = box
    return result, report


def _block_in_plain_words(block: Block, plain: Callable[[str], str]) -> Block:
    if isinstance(block, Title):
        return Title(plain(block.text), plain(block.subtitle))
    if isinstance(block, Heading):
        return dataclasses.replace(block, text=plain(block.text))
    if isinstance(block, Paragraph):
        return dataclasses.replace(block, text=plain(block.text), lead=plain(block.lead))
    if isinstance(block, Fields):
        return Fields(tuple((plain(label), plain(value)) for label, value in block.pairs))
    if isinstance(block, Bullets):
        return Bullets(tuple(plain(item) for item in block.items))
    if isinstance(block, Table):
        return dataclasses.replace(
            block,
            header=tuple(plain(cell) for cell in block.header),
            rows=tuple(tuple(plain(cell) for cell in row) for row in block.rows),
        )
    if isinstance(block, Notice):
        return dataclasses.replace(block, text=plain(block.text))
    # A scale's marks are people's names; pictures and page breaks hold no words.
    return block


def _box(report: PlainWording, for_a_child: bool) -> list[Block]:
    lines = [(e.term[:1].upper() + e.term[1:], e.meaning) for e in report.explained]
    if for_a_child:
        return [
            Heading(WORDS_WE_USE, 1, picture="star"),
            Notice("\n".join(f"{term}: {meaning}." for term, meaning in lines), Tone.FRIENDLY),
        ]
    return [
        Heading(WORDS_WE_USE, 2),
        Paragraph(
            "Some words in this document are ones professionals use. This is what they mean."
        ),
        Table(("Word", "What it means"), tuple(lines), (1, 3)),
    ]


def _after_front_matter(blocks: list[Block]) -> int:
    """Where the box goes: after the title and what stands with it, before the first heading."""
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            return index
    return len(blocks)
