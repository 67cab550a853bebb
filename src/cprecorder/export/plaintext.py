"""Blocks as plain text, for pasting into an email: no tabs, no tables, no markup."""

from __future__ import annotations

from .blocks import (
    Block,
    Bullets,
    Content,
    Fields,
    Heading,
    Image,
    Notice,
    PageBreak,
    Paragraph,
    Pictures,
    Scale,
    Table,
    Title,
)
from .characters import CharacterFilter


def write_text(content: Content, *, marking: str) -> str:
    chars = CharacterFilter()
    lines: list[str] = [chars.clean(marking), ""] if marking else []
    for block in content.blocks:
        lines += _block(block, chars)
    if content.footer:
        lines += ["", chars.clean(content.footer)]
    if marking:
        lines += [chars.clean(marking)]
    chars.report(content.title + " (text)")
    # Single blank lines only: mail programs keep them as they are.
    text = "\n".join(lines).strip("\n")
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text + "\n"


def _block(block: Block, chars: CharacterFilter) -> list[str]:
    clean = chars.clean
    match block:
        case Title(text=text, subtitle=subtitle):
            heading = clean(text).upper()
            return [heading, clean(subtitle), ""] if subtitle else [heading, ""]
        case Heading(text=text, level=level):
            words = clean(text)
            return ["", words, ("=" if level == 1 else "-") * min(len(words), 60)]
        case Paragraph(text=text, lead=lead):
            return [clean(lead) + clean(text), ""]
        case Fields(pairs=pairs):
            return [f"{clean(label)}: {clean(value)}" for label, value in pairs if value] + [""]
        case Bullets(items=items):
            return [f"- {clean(item)}" for item in items] + [""]
        case Table(header=header, rows=rows):
            out: list[str] = []
            for row in rows:
                first, *rest = [clean(cell) for cell in row] or [""]
                extra = "; ".join(
                    f"{clean(name).lower()}: {cell}"
                    for name, cell in zip(header[1:], rest, strict=False)
                    if cell
                )
                out.append(f"- {first}" + (f" ({extra})" if extra else ""))
            return [*out, ""]
        case Scale(marks=marks):
            return [", ".join(f"{clean(m.who)}: {m.score}" for m in marks), ""]
        case Notice(text=text):
            return [clean(text), ""]
        case Image(description=description):
            return [clean(description), ""]
        case Pictures() | PageBreak():
            return []
    return []
