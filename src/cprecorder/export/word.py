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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .blocks import (
    Block,
    Bullets,
    Content,
    Fields,
    Heading,
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

A4_WIDTH_CM = 21.0
A4_HEIGHT_CM = 29.7

#: Rows with less text than this are kept on one page; longer ones may break, since
#: a row taller than a page could not be shown at all.
SHORT_ROW = 1200


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


class _Writer:
    def __init__(self, look: Look, chars: CharacterFilter) -> None:
        self.doc: Any = Document()
        self.look = look
        self.clean = chars.clean
        self._table_style: Any = self.doc.styles["Table Grid"]
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
        quote = self.doc.styles["Quote"]
        quote.font.color.rgb = RGBColor.from_string("303030")
        quote.paragraph_format.left_indent = Cm(0.8)

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

    # -- blocks ---------------------------------------------------------------------

    def write(self, block: Block) -> None:
        self._writers[type(block)](block)

    def title(self, block: Title) -> None:
        self.doc.add_paragraph(self.clean(block.text), style="Title")
        if block.subtitle:
            self.doc.add_paragraph(self.clean(block.subtitle), style="Subtitle")

    def heading(self, block: Heading) -> None:
        paragraph = self.doc.add_paragraph(style=f"Heading {min(max(block.level, 1), 3)}")
        if block.page_break_before:
            paragraph.paragraph_format.page_break_before = True
        if block.picture:
            picture = picture_png(block.picture)
            if picture is not None:
                run = paragraph.add_run()
                run.add_picture(io.BytesIO(picture), width=Cm(self.look.picture_cm))
                _space_after(run, Pt(12))
                words = paragraph.add_run(self.clean(block.text))
                _raise(words, self.look.picture_cm, self.look.heading_sizes[0])
                return
        paragraph.add_run(self.clean(block.text))

    def paragraph(self, block: Paragraph) -> None:
        paragraph = self.doc.add_paragraph(style="Quote" if block.quote else None)
        if block.lead:
            paragraph.add_run(self.clean(block.lead)).bold = True
        paragraph.add_run(self.clean(block.text))

    def fields(self, block: Fields) -> None:
        for label, value in block.pairs:
            if not value:
                continue
            paragraph = self.doc.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(self.look.space_after / 2)
            paragraph.add_run(self.clean(label) + ": ").bold = True
            paragraph.add_run(self.clean(value))

    def bullets(self, block: Bullets) -> None:
        for item in block.items:
            self.doc.add_paragraph(self.clean(item), style="List Bullet")

    def table(self, block: Table) -> None:
        columns = len(block.header)
        table = self.doc.add_table(rows=1 + len(block.rows), cols=columns)
        table.style = self._table_style
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = _widths(block.widths or (1.0,) * columns, self.look.text_width_cm)
        _set_grid(table, widths)
        cells = table._cells
        size = Pt(self.look.table_size)
        for col, text in enumerate(block.header):
            cell = cells[col]
            run = cell.paragraphs[0].add_run(self.clean(text))
            run.bold = True
            run.font.size = size
            _shade(cell, self.look.accent_fill)
        _repeat_header(table.rows[0])
        rows = table.rows
        for row_index, row in enumerate(block.rows, start=1):
            base = row_index * columns
            if sum(len(text) for text in row) < SHORT_ROW:
                _keep_row_together(rows[row_index])
            for col in range(columns):
                text = row[col] if col < len(row) else ""
                if text:
                    run = cells[base + col].paragraphs[0].add_run(self.clean(text))
                    run.font.size = size
        self._space_after_table()

    def scale(self, block: Scale) -> None:
        """The 0-10 line as a row of coloured cells with each person's name under
        their mark: it prints, reads aloud and copies like the rest of the text."""
        table = self.doc.add_table(rows=2, cols=11)
        table.style = self._table_style
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _set_grid(table, [self.look.text_width_cm / 11] * 11)
        cells = table._cells
        by_score: dict[int, list[str]] = {n: [] for n in range(11)}
        for mark in block.marks:
            if 0 <= mark.score <= 10:
                by_score[mark.score].append(self.clean(mark.who))
        for score in range(11):
            top = cells[score]
            top.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            number = top.paragraphs[0].add_run(str(score))
            number.bold = True
            number.font.size = Pt(self.look.table_size + 2)
            _shade(top, SCALE_COLOURS[score])
            below = cells[11 + score]
            below.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            names = by_score[score]
            if names:
                run = below.paragraphs[0].add_run("▲\n" + "\n".join(names))
                run.font.size = Pt(max(self.look.table_size - 2.5, 7))
                _shade(below, "F7F7F7")
        _repeat_header(table.rows[0])
        ends = self.doc.add_paragraph()
        ends.paragraph_format.tab_stops.add_tab_stop(
            Cm(self.look.text_width_cm - 0.05), WD_TAB_ALIGNMENT.RIGHT
        )
        ends_run = ends.add_run(f"{self.clean(block.low)}\t{self.clean(block.high)}")
        ends_run.font.size = Pt(self.look.table_size - 1)
        ends_run.italic = True

    def notice(self, block: Notice) -> None:
        border, fill = NOTICE_COLOURS[block.tone]
        if block.colour:
            border, fill = _darker(block.colour), block.colour
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(self.clean(block.text))
        if block.tone in (Tone.DRAFT, Tone.CONFIDENTIAL):
            run.bold = True
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.space_after = Pt(self.look.space_after + 4)
        _box(paragraph, border, fill)

    def pictures(self, block: Pictures) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for index, key in enumerate(block.keys):
            picture = picture_png(key)
            if picture is None:
                continue
            if index:
                paragraph.add_run("   ")
            paragraph.add_run().add_picture(io.BytesIO(picture), width=Cm(self.look.picture_cm))

    def page_break(self, _block: PageBreak) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _space_after_table(self) -> None:
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.space_after = Pt(2)
        spacer.paragraph_format.line_spacing = 0.8


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


def _repeat_header(row: Any) -> None:
    _keep_row_together(row)
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _keep_row_together(row: Any) -> None:
    row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    # tcPr's sequence: tcW, gridSpan, vMerge, tcBorders, shd, noWrap, tcMar, ...
    tc_pr.insert_element_before(
        shading,
        "w:noWrap",
        "w:tcMar",
        "w:textDirection",
        "w:tcFitText",
        "w:vAlign",
        "w:hideMark",
    )


def _box(paragraph: Any, border: str, fill: str) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "12")
        edge.set(qn("w:space"), "6")
        edge.set(qn("w:color"), border)
        borders.append(edge)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    after = ("w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr")
    p_pr.insert_element_before(borders, "w:shd", *after)
    p_pr.insert_element_before(shading, *after)
    p_pr.get_or_add_ind()
    indent = p_pr.ind
    indent.set(qn("w:left"), "140")
    indent.set(qn("w:right"), "140")


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
    position = OxmlElement("w:position")
    position.set(qn("w:val"), str(half_points))
    run._r.get_or_add_rPr().append(position)


def _darker(fill: str, by: float = 0.25) -> str:
    """A border colour for a pale fill: the same hue, darker."""
    red, green, blue = (int(fill[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c * (1 - by)):02X}" for c in (red, green, blue))


def _widths(relative: tuple[float, ...], total_cm: float) -> list[float]:
    whole = sum(relative) or 1.0
    return [total_cm * part / whole for part in relative]


def _set_grid(table: Any, widths_cm: list[float]) -> None:
    """Column widths in both places: the grid (LibreOffice) and each cell (Word)."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        col.set(qn("w:w"), str(round(width * 567)))
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(sum(widths_cm) * 567)))
    twips = [str(round(w * 567)) for w in widths_cm]
    for tr in table._tbl.tr_lst:
        for tc, twip in zip(tr.tc_lst, twips, strict=False):
            tc_w = tc.get_or_add_tcPr().get_or_add_tcW()
            tc_w.set(qn("w:type"), "dxa")
            tc_w.set(qn("w:w"), twip)


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
