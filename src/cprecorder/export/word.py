"""Writing a document's blocks as a Word file with python-docx.

Every document gets the same bones: A4, real Heading styles (so Word's navigation
pane lists them), tables whose header row repeats on each page, a protective
marking at the top and bottom of each page, a footer with the family name, the
conference date and "Page X of Y", and document properties we set ourselves (the
template's author, dates and thumbnail are removed, never left stale). All text
passes through one :class:`CharacterFilter` on its way in.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

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
    Tone,
)
from .characters import CharacterFilter
from .pictures import picture_png
from .text_width import fitted_widths, text_width_cm, widest_word_cm

A4_WIDTH_CM = 21.0
A4_HEIGHT_CM = 29.7

#: Rows with less text than this are kept on one page; longer ones may break, since
#: a row taller than a page could not be shown at all.
SHORT_ROW = 1200


#: The space inside a table cell left and right of its text (100 twips).
CELL_SIDE_MARGIN_CM = 100 / 1440 * 2.54

#: Our own paragraph styles, so a person editing the document can restyle them.
FIELD_STYLE = "Record Field"
TABLE_TEXT_STYLE = "Table Text"
NOTICE_STYLE = "Notice"
SPACER_STYLE = "Table Spacer"

USED_STYLES = frozenset(
    {
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Quote",
        "List Bullet",
        "Table Grid",
        FIELD_STYLE,
        TABLE_TEXT_STYLE,
        NOTICE_STYLE,
        SPACER_STYLE,
    }
)


@dataclass(frozen=True)
class Look:
    """Fonts, sizes and colours of one kind of document."""

    font: str = "Arial"
    size: float = 11
    title_size: float = 22
    heading_sizes: tuple[float, float, float] = (15, 12.5, 11.5)
    heading_colour: str = "1F3864"
    accent_fill: str = "DCE6F2"
    table_size: float = 10
    margin_cm: float = 2.0
    space_after: float = 6
    picture_cm: float = 2.2
    #: A heading's own picture: smaller than a row of pictures, so a heading and its
    #: words take little more than their lines.
    heading_picture_cm: float = 1.7
    line_spacing: float = 1.1
    #: Space above a heading, as a share of its size.
    heading_gap: float = 1.0

    @property
    def text_width_cm(self) -> float:
        return A4_WIDTH_CM - 2 * self.margin_cm


#: Letters and records: a plain sans serif that every Windows machine has.
OFFICIAL = Look()

#: The children's plan: large, rounded type (Calibri in Word, Carlito in LibreOffice).
FRIENDLY = Look(
    font="Calibri",
    size=18,
    title_size=34,
    heading_sizes=(24, 20, 18),
    heading_colour="1B5E8C",
    accent_fill="FFF4D6",
    table_size=16,
    margin_cm=2.2,
    space_after=10,
    picture_cm=2.4,
    line_spacing=1.15,
    heading_gap=0.4,
)

NOTICE_COLOURS: dict[Tone, tuple[str, str]] = {
    # tone: (border, fill)
    Tone.INFO: ("8EA9DB", "EEF3FA"),
    Tone.DRAFT: ("C55A11", "FBE5D6"),
    Tone.CONFIDENTIAL: ("C00000", "FDECEA"),
    Tone.FRIENDLY: ("F2B134", "FFF4D6"),
}

#: Soft red at 0 through amber to green at 10: the colours of the safety scale.
SCALE_COLOURS = (
    "E8A0A0",
    "EDB09A",
    "F1C094",
    "F5D08E",
    "F8DF8A",
    "FBEA8C",
    "E6EB8F",
    "CDE592",
    "B5DE97",
    "9DD69C",
    "86CEA1",
)


def write_docx(
    content: Content,
    *,
    look: Look,
    marking: str,
    author: str,
    now: dt.datetime | None = None,
) -> bytes:
    """The finished .docx file as bytes (written to disk by the caller, atomically)."""
    chars = CharacterFilter()
    writer = _Writer(look, chars)
    writer.set_up_page()
    writer.set_up_styles()
    writer.header_and_footer(chars.clean(marking), content)
    for block in content.blocks:
        writer.write(block)
    writer.properties(content, author=author, marking=marking, now=now)
    chars.report(content.title)
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()


#: A space between two digits ("0800 1111", "07700 900 123"): a line never breaks there,
#: so a phone number is never read as two numbers (a child's plan, above all).
_BETWEEN_DIGITS = re.compile(r"(?<=\d) (?=\d)")


class _Writer:
    def __init__(self, look: Look, chars: CharacterFilter) -> None:
        self.doc: Any = Document()
        self.look = look
        self._chars = chars
        self._body_end: Any = self.doc.element.body.sectPr
        self._style_ids: dict[str, str] = {}
        self._writers: dict[type, Callable[[Any], None]] = {
            Title: self.title,
            Heading: self.heading,
            Paragraph: self.paragraph,
            Fields: self.fields,
            Bullets: self.bullets,
            Table: self.table,
            Scale: self.scale,
            Notice: self.notice,
            Pictures: self.pictures,
            Image: self.image,
            PageBreak: self.page_break,
        }

    # -- the page and the styles --------------------------------------------------

    def set_up_page(self) -> None:
        section = self.doc.sections[0]
        section.page_width = Cm(A4_WIDTH_CM)
        section.page_height = Cm(A4_HEIGHT_CM)
        margin = Cm(self.look.margin_cm)
        section.left_margin = section.right_margin = margin
        section.top_margin = section.bottom_margin = margin
        section.header_distance = section.footer_distance = Cm(1.0)

    def set_up_styles(self) -> None:
        look = self.look
        styles_element = self.doc.styles.element
        # Theme fonts would override the font named here; take them out everywhere.
        for fonts in styles_element.iter(qn("w:rFonts")):
            for attr in list(fonts.attrib):
                if attr.lower().endswith("theme"):
                    del fonts.attrib[attr]
        defaults = styles_element.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                    fonts.set(qn(attr), look.font)
            for lang in defaults.iter(qn("w:lang")):
                lang.set(qn("w:val"), "en-GB")
                lang.set(qn("w:eastAsia"), "en-GB")
        settings = self.doc.settings.element
        for lang in settings.iter(qn("w:themeFontLang")):
            lang.set(qn("w:val"), "en-GB")

        normal = self.doc.styles["Normal"]
        normal.font.name = look.font
        normal.font.size = Pt(look.size)
        normal.paragraph_format.space_after = Pt(look.space_after)
        normal.paragraph_format.line_spacing = look.line_spacing

        colour = RGBColor.from_string(look.heading_colour)
        for level, size in enumerate(look.heading_sizes, start=1):
            style = self.doc.styles[f"Heading {level}"]
            style.font.name = look.font
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = colour
            style.paragraph_format.space_before = Pt(
                size * look.heading_gap * (1.1 if level == 1 else 0.8)
            )
            style.paragraph_format.space_after = Pt(look.space_after * 0.7)
            style.paragraph_format.keep_with_next = True
        title = self.doc.styles["Title"]
        title.font.name = look.font
        title.font.size = Pt(look.title_size)
        title.font.bold = True
        title.font.color.rgb = colour
        title.paragraph_format.space_after = Pt(look.space_after)
        # The template's Title has a bottom border in a theme colour; keep it plain.
        ppr = title.element.pPr
        if ppr is not None:
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)
        subtitle = self.doc.styles["Subtitle"]
        subtitle.font.name = look.font
        subtitle.font.size = Pt(look.size + 2)
        subtitle.font.italic = False
        subtitle.font.color.rgb = RGBColor.from_string("404040")
        for name in ("Header", "Footer"):
            style = self.doc.styles[name]
            style.font.size = Pt(9)
            style.font.name = OFFICIAL.font
            # The template's tab stops suit US Letter; ours are set on the paragraph.
            style_ppr = style.element.pPr
            if style_ppr is not None:
                for tabs in style_ppr.findall(qn("w:tabs")):
                    style_ppr.remove(tabs)
        self._add_paragraph_style(FIELD_STYLE, space_after=look.space_after / 2)
        self._add_paragraph_style(
            TABLE_TEXT_STYLE, size=look.table_size, space_after=0, line_spacing=1.0
        )
        notice = self._add_paragraph_style(
            NOTICE_STYLE, space_before=6, space_after=look.space_after + 4
        )
        notice.paragraph_format.left_indent = notice.paragraph_format.right_indent = Cm(0.25)
        # A box is never split across two pages (and its heading keeps with it).
        notice.paragraph_format.keep_together = True
        self._add_paragraph_style(SPACER_STYLE, size=6, space_after=2, line_spacing=1.0)
        self._style_ids = {
            style.name: style.style_id for style in self.doc.styles if style.name in USED_STYLES
        }
        quote = self.doc.styles["Quote"]
        quote.font.color.rgb = RGBColor.from_string("303030")
        quote.paragraph_format.left_indent = Cm(0.8)

    def _add_paragraph_style(
        self,
        name: str,
        *,
        size: float | None = None,
        space_before: float = 0,
        space_after: float,
        line_spacing: float | None = None,
    ) -> Any:
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        style.quick_style = False
        if size is not None:
            style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(space_before)
        style.paragraph_format.space_after = Pt(space_after)
        if line_spacing is not None:
            style.paragraph_format.line_spacing = line_spacing
        return style

    def header_and_footer(self, marking: str, content: Content) -> None:
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = header.add_run(marking)
        run.bold = True
        if content.header_note:
            note = header.add_run(f"   {self.clean(content.header_note)}")
            note.bold = True
            note.font.color.rgb = RGBColor.from_string("C00000")

        footer = section.footer.paragraphs[0]
        footer.paragraph_format.tab_stops.add_tab_stop(
            Cm(self.look.text_width_cm - 0.05), WD_TAB_ALIGNMENT.RIGHT
        )
        footer.add_run(self.clean(content.footer))
        footer.add_run("\tPage ")
        _add_field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _add_field(footer, "NUMPAGES", "1")
        marking_line = section.footer.add_paragraph(style="Footer")
        marking_line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        marking_line.add_run(marking).bold = True

    def clean(self, text: str) -> str:
        """Text a Word document can hold, each number's groups of digits on one line."""
        return _BETWEEN_DIGITS.sub("\u00a0", self._chars.clean(text))

    def properties(
        self, content: Content, *, author: str, marking: str, now: dt.datetime | None
    ) -> None:
        moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        stamp = moment.replace(tzinfo=None, microsecond=0)
        props = self.doc.core_properties
        props.title = self.clean(content.title)
        props.subject = self.clean(content.subject)
        props.author = self.clean(author)
        props.last_modified_by = self.clean(author)
        props.created = stamp
        props.modified = stamp
        props.revision = 1
        props.comments = ""
        props.keywords = ""
        props.category = self.clean(marking)
        props.content_status = self.clean(content.status)
        props.language = "en-GB"
        package = self.doc.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                # The template's thumbnail shows some other document.
                package.rels.pop(rel_id)
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = _app_properties()
        if content.custom:
            custom = Part(
                PackURI(CUSTOM_PROPERTIES_PART),
                CT.OFC_CUSTOM_PROPERTIES,
                custom_properties_xml(
                    {name: self.clean(value) for name, value in content.custom.items()}
                ),
                package,
            )
            package.relate_to(custom, RT.CUSTOM_PROPERTIES)

    # -- blocks ---------------------------------------------------------------------
    #
    # Blocks are written straight as WordprocessingML elements: python-docx's
    # object layer looks styles up by name and copies text a character at a time,
    # which for a large record costs more than everything else put together.

    def write(self, block: Block) -> None:
        self._writers[type(block)](block)

    def _paragraph(self, style: str = "") -> Any:
        """A new paragraph at the end of the body, in the named style."""
        p = OxmlElement("w:p")
        if style:
            p_pr = _sub(p, "w:pPr")
            _sub(p_pr, "w:pStyle").set(qn("w:val"), self._style_ids[style])
        self._body_end.addprevious(p)
        return p

    def title(self, block: Title) -> None:
        _text(self._paragraph("Title"), self.clean(block.text))
        if block.subtitle:
            _text(self._paragraph("Subtitle"), self.clean(block.subtitle))

    def heading(self, block: Heading) -> None:
        p = self._paragraph(f"Heading {min(max(block.level, 1), 3)}")
        if block.page_break_before:
            _p_pr(p).insert_element_before(
                OxmlElement("w:pageBreakBefore"), *_AFTER_PAGE_BREAK_BEFORE
            )
        picture = picture_png(block.picture) if block.picture else None
        if picture is not None:
            heading = DocxParagraph(p, self.doc._body)
            # The picture makes the line tall: single spacing and little room after, so
            # the heading stands with its own words below rather than apart from them.
            heading.paragraph_format.line_spacing = 1.0
            heading.paragraph_format.space_after = Pt(2)
            run = heading.add_run()
            run.add_picture(io.BytesIO(picture), width=Cm(self.look.heading_picture_cm))
            _space_after(run, Pt(12))
            words = _text(p, self.clean(block.text))
            _raise(words, self.look.heading_picture_cm, self.look.heading_sizes[0])
        else:
            _text(p, self.clean(block.text))

    def paragraph(self, block: Paragraph) -> None:
        p = self._paragraph("Quote" if block.quote else "")
        if block.lead:
            _text(p, self.clean(block.lead), bold=True)
        _text(p, self.clean(block.text))

    def fields(self, block: Fields) -> None:
        for label, value in block.pairs:
            if value:
                p = self._paragraph(FIELD_STYLE)
                _text(p, self.clean(label) + ": ", bold=True)
                _text(p, self.clean(value))

    def bullets(self, block: Bullets) -> None:
        for item in block.items:
            _text(self._paragraph("List Bullet"), self.clean(item))

    def table(self, block: Table) -> None:
        columns = len(block.header)
        widths = _widths(block.widths or (1.0,) * columns, self.look.text_width_cm)
        tbl = self._table(widths)
        cell_style = self._style_ids[TABLE_TEXT_STYLE]
        header = _row(tbl, header=True)
        for text, width in zip(block.header, widths, strict=False):
            cell = _cell(header, width, cell_style, fill=self.look.accent_fill, keep_with_next=True)
            _text(cell, self.clean(text), bold=True)
        for values in block.rows:
            tr = _row(tbl, keep_together=sum(len(v) for v in values) < SHORT_ROW)
            for col, width in enumerate(widths):
                p = _cell(tr, width, cell_style)
                text = values[col] if col < len(values) else ""
                if text:
                    _text(p, self.clean(text))
        self._space_after_table()

    def _table(self, widths: list[float]) -> Any:
        tbl = OxmlElement("w:tbl")
        tbl_pr = _sub(tbl, "w:tblPr")
        _sub(tbl_pr, "w:tblStyle").set(qn("w:val"), self._style_ids["Table Grid"])
        tbl_w = _sub(tbl_pr, "w:tblW")
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(_twips(sum(widths))))
        _sub(tbl_pr, "w:jc").set(qn("w:val"), "center")
        _sub(tbl_pr, "w:tblLayout").set(qn("w:type"), "fixed")
        margins = _sub(tbl_pr, "w:tblCellMar")
        side_twips = _twips(CELL_SIDE_MARGIN_CM)
        for side, twips in (
            ("top", 45),
            ("left", side_twips),
            ("bottom", 45),
            ("right", side_twips),
        ):
            margin = _sub(margins, f"w:{side}")
            margin.set(qn("w:w"), str(twips))
            margin.set(qn("w:type"), "dxa")
        look = _sub(tbl_pr, "w:tblLook")
        look.set(qn("w:val"), "04A0")
        look.set(qn("w:firstRow"), "1")
        look.set(qn("w:noVBand"), "1")
        grid = _sub(tbl, "w:tblGrid")
        for width in widths:
            _sub(grid, "w:gridCol").set(qn("w:w"), str(_twips(width)))
        self._body_end.addprevious(tbl)
        return tbl

    def scale(self, block: Scale) -> None:
        """The 0-10 line as a row of coloured cells with each person's name under
        their mark: it prints, reads aloud and copies like the rest of the text."""
        by_score: dict[int, list[str]] = {n: [] for n in range(11)}
        for mark in block.marks:
            if 0 <= mark.score <= 10:
                by_score[mark.score].append(self.clean(mark.who))
        # Names under the marks: never below 9 pt, so they read when printed; each
        # column wide enough for its names' longest word, so no name breaks mid-word.
        small = round(2 * max(self.look.table_size - 1, 9))
        number_size = self.look.table_size + 2
        padding = 2 * CELL_SIDE_MARGIN_CM + 0.1
        widths = fitted_widths(
            [widest_word_cm(by_score[n], small / 2) + padding for n in range(11)],
            self.look.text_width_cm,
            least=text_width_cm("10", number_size) + padding,
        )
        tbl = self._table(widths)
        cell_style = self._style_ids[TABLE_TEXT_STYLE]
        numbers = _row(tbl, header=True)
        for score, width in enumerate(widths):
            p = _cell(
                numbers,
                width,
                cell_style,
                fill=SCALE_COLOURS[score],
                centred=True,
                keep_with_next=True,
            )
            _text(p, str(score), bold=True, half_points=round(2 * number_size))
        marks = _row(tbl, keep_together=True)
        for score, width in enumerate(widths):
            names = by_score[score]
            p = _cell(
                marks,
                width,
                cell_style,
                fill="F7F7F7" if names else "",
                centred=True,
                keep_with_next=True,
            )
            if names:
                _text(p, "▲\n" + "\n".join(names), half_points=small)
        ends = DocxParagraph(self._paragraph(), self.doc._body)
        ends.paragraph_format.tab_stops.add_tab_stop(
            Cm(self.look.text_width_cm - 0.05), WD_TAB_ALIGNMENT.RIGHT
        )
        _text(
            ends._p,
            f"{self.clean(block.low)}\t{self.clean(block.high)}",
            italic=True,
            half_points=round(2 * (self.look.table_size - 1)),
        )

    def notice(self, block: Notice) -> None:
        border, fill = NOTICE_COLOURS[block.tone]
        if block.colour:
            border, fill = _darker(block.colour), block.colour
        p = self._paragraph(NOTICE_STYLE)
        if block.keep_with_next:
            _sub(_p_pr(p), "w:keepNext")
        _box(p, border, fill)
        _text(p, self.clean(block.text), bold=block.tone in (Tone.DRAFT, Tone.CONFIDENTIAL))

    def pictures(self, block: Pictures) -> None:
        paragraph = DocxParagraph(self._paragraph(), self.doc._body)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for index, key in enumerate(block.keys):
            picture = picture_png(key)
            if picture is None:
                continue
            if index:
                paragraph.add_run("   ")
            paragraph.add_run().add_picture(io.BytesIO(picture), width=Cm(self.look.picture_cm))

    def image(self, block: Image) -> None:
        paragraph = DocxParagraph(self._paragraph(), self.doc._body)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        width = min(block.width_cm, self.look.text_width_cm)
        shape = paragraph.add_run().add_picture(io.BytesIO(block.png), width=Cm(width))
        shape._inline.docPr.set("descr", self.clean(block.description))

    def page_break(self, _block: PageBreak) -> None:
        run = _sub(self._paragraph(), "w:r")
        _sub(run, "w:br").set(qn("w:type"), "page")

    def _space_after_table(self) -> None:
        self._paragraph(SPACER_STYLE)


# -- small pieces of WordprocessingML that python-docx has no API for ---------------


def _add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A field Word (and LibreOffice) fills in when laying out the page."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    paragraph.add_run()._r.append(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    paragraph.add_run()._r.append(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


#: pPr children that come after pageBreakBefore, in schema order.
_AFTER_PAGE_BREAK_BEFORE = (
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:spacing",
    "w:ind",
    "w:jc",
    "w:outlineLvl",
    "w:rPr",
)


def _sub(parent: Any, tag: str) -> Any:
    """Append a new child element, e.g. ``_sub(run, "w:t")``."""
    child = parent.makeelement(qn(tag), {})
    parent.append(child)
    return child


def _p_pr(p: Any) -> Any:
    return p.get_or_add_pPr()


def _text(
    p: Any, text: str, *, bold: bool = False, italic: bool = False, half_points: int = 0
) -> Any:
    """Append a run of text; line feeds become line breaks and tabs become tabs."""
    run = _sub(p, "w:r")
    if bold or italic or half_points:
        r_pr = _sub(run, "w:rPr")
        if bold:
            _sub(r_pr, "w:b")
        if italic:
            _sub(r_pr, "w:i")
        if half_points:
            _sub(r_pr, "w:sz").set(qn("w:val"), str(half_points))
            _sub(r_pr, "w:szCs").set(qn("w:val"), str(half_points))
    for number, line in enumerate(text.split("\n")):
        if number:
            _sub(run, "w:br")
        for index, piece in enumerate(line.split("\t")):
            if index:
                _sub(run, "w:tab")
            if piece:
                t = _sub(run, "w:t")
                t.text = piece
                t.set(_XML_SPACE, "preserve")
    return run


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _row(tbl: Any, *, header: bool = False, keep_together: bool = True) -> Any:
    """A table row; a header row repeats at the top of every page the table spans."""
    tr = _sub(tbl, "w:tr")
    if header or keep_together:
        tr_pr = _sub(tr, "w:trPr")
        _sub(tr_pr, "w:cantSplit")
        if header:
            _sub(tr_pr, "w:tblHeader")
    return tr


def _cell(
    tr: Any,
    width_cm: float,
    style_id: str,
    *,
    fill: str = "",
    centred: bool = False,
    keep_with_next: bool = False,
) -> Any:
    """A cell with its width and shading; returns the cell's paragraph.

    ``keep_with_next``: the row stays on the page of the row after it, so a header row
    is never left alone at a page's foot (where LibreOffice then lost the rows after it).
    """
    tc = _sub(tr, "w:tc")
    tc_pr = _sub(tc, "w:tcPr")
    tc_w = _sub(tc_pr, "w:tcW")
    tc_w.set(qn("w:type"), "dxa")
    tc_w.set(qn("w:w"), str(_twips(width_cm)))
    if fill:
        shading = _sub(tc_pr, "w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
    p = _sub(tc, "w:p")
    p_pr = _sub(p, "w:pPr")
    _sub(p_pr, "w:pStyle").set(qn("w:val"), style_id)
    if keep_with_next:
        _sub(p_pr, "w:keepNext")
    if centred:
        _sub(p_pr, "w:jc").set(qn("w:val"), "center")
    return p


def _box(p: Any, border: str, fill: str) -> None:
    """A coloured border and fill around one paragraph (a notice)."""
    p_pr = _p_pr(p)
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = _sub(borders, f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "12")
        edge.set(qn("w:space"), "6")
        edge.set(qn("w:color"), border)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    p_pr.append(borders)
    p_pr.append(shading)


def _twips(cm: float) -> int:
    return round(cm * 567)


def _space_after(run: Any, space: Any) -> None:
    """Room between a picture and the words after it, without adding characters
    (a space would show up in the heading's text and the navigation pane)."""
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(space.pt * 20)))
    run._r.get_or_add_rPr().append(spacing)


def _raise(run: Any, picture_cm: float, size_pt: float) -> None:
    """Centre a heading's words on its picture rather than on the picture's foot."""
    picture_pt = picture_cm * 72 / 2.54
    half_points = max(0, round(picture_pt - size_pt * 1.2))  # (difference / 2) in half-points
    r_pr = run.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        run.insert(0, r_pr)
    _sub(r_pr, "w:position").set(qn("w:val"), str(half_points))


def _darker(fill: str, by: float = 0.25) -> str:
    """A border colour for a pale fill: the same hue, darker."""
    red, green, blue = (int(fill[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c * (1 - by)):02X}" for c in (red, green, blue))


def _widths(relative: tuple[float, ...], total_cm: float) -> list[float]:
    whole = sum(relative) or 1.0
    return [total_cm * part / whole for part in relative]


CUSTOM_PROPERTIES_PART = "/docProps/custom.xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: The format id every custom property carries (the OOXML standard's, for user properties).
_USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def custom_properties_xml(properties: dict[str, str]) -> bytes:
    """docProps/custom.xml: what Word shows under File → Properties → Custom."""
    from xml.sax.saxutils import escape, quoteattr

    items = "".join(
        f'<property fmtid="{_USER_DEFINED}" pid="{pid}" name={quoteattr(name)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{items}</Properties>'
    ).encode()


def read_custom_properties(docx: bytes) -> dict[str, str]:
    """The custom properties of a .docx file's bytes; ``{}`` when it has none.

    Raises ``ValueError`` when the bytes are not a Word document at all.
    """
    import zipfile
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            if "word/document.xml" not in package.namelist():
                raise ValueError("not a Word document")
            try:
                xml = package.read(CUSTOM_PROPERTIES_PART.lstrip("/"))
            except KeyError:
                return {}
    except zipfile.BadZipFile as exc:
        raise ValueError("not a Word document") from exc
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise ValueError("its properties cannot be read") from exc
    found = {}
    for item in root.findall(f"{{{_CUSTOM_NS}}}property"):
        value = item.find(f"{{{_VT_NS}}}lpwstr")
        found[item.get("name", "")] = (value.text or "") if value is not None else ""
    return found


def _app_properties() -> bytes:
    """Extended properties naming this application, replacing the template's."""
    return (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/docPropsVTypes"><Application>CP Recorder</Application>'
        b"<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )
