"""Jargon and spelling underlines, tooltips and the right-click fixes, on real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTextEdit
from pytestqt.qtbot import QtBot

from cprecorder.language.jargon import load_jargon
from cprecorder.language.spelling import SpellChecker
from cprecorder.ui.widgets.language_marks import (
    LanguageAttachment,
    LanguageTools,
    attach_language_tools,
    build_context_menu,
    underline_at,
)

Underline = QTextCharFormat.UnderlineStyle
Field = QTextEdit | QPlainTextEdit | QLineEdit


@pytest.fixture
def tools(tmp_path: Path) -> LanguageTools:
    spelling = SpellChecker(tmp_path / "words.txt")
    assert spelling.available, spelling.unavailable_reason
    return LanguageTools(jargon=load_jargon(), spelling=spelling)


def point_at(edit: QTextEdit | QPlainTextEdit, index: int) -> QPoint:
    """Viewport coordinates of the middle of the character at ``index``."""
    cursor = QTextCursor(edit.document())
    cursor.setPosition(index)
    left = edit.cursorRect(cursor)
    cursor.setPosition(index + 1)
    right = edit.cursorRect(cursor)
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def shown(qtbot: QtBot, edit: Field) -> None:
    """Laid out on screen, so positions in the text map to points."""
    qtbot.addWidget(edit)
    edit.resize(600, 200)
    edit.show()
    qtbot.waitExposed(edit)


def action_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def trigger(menu: QMenu, text: str) -> None:
    (action,) = [a for a in menu.actions() if a.text() == text]
    action.trigger()


@pytest.mark.parametrize("kind", [QTextEdit, QPlainTextEdit])
def test_jargon_is_underlined_and_replaced_from_the_menu(
    qtbot: QtBot, tools: LanguageTools, kind: type[QTextEdit] | type[QPlainTextEdit]
) -> None:
    edit = kind()
    shown(qtbot, edit)
    attach_language_tools(edit, tools=tools)
    qtbot.keyClicks(edit, "The HV will visit on Monday.")
    block = edit.document().firstBlock()
    start = block.text().index("HV")
    assert underline_at(block, start) == Underline.DotLine
    assert underline_at(block, start + 1) == Underline.DotLine
    assert underline_at(block, start + 2) == Underline.NoUnderline  # the space after
    assert underline_at(block, 0) == Underline.NoUnderline

    menu = build_context_menu(edit, point_at(edit, start))
    texts = action_texts(menu)
    assert texts[0] == "Replace with “health visitor”"
    assert any("Copy" in t for t in texts)  # the usual menu is still there
    trigger(menu, "Replace with “health visitor”")
    assert edit.toPlainText() == "The health visitor will visit on Monday."
    assert underline_at(edit.document().firstBlock(), start) == Underline.NoUnderline
    edit.undo()  # one-click replacement is an ordinary, undoable edit
    assert edit.toPlainText() == "The HV will visit on Monday."


def test_replacement_at_the_start_of_a_sentence_is_capitalised(
    qtbot: QtBot, tools: LanguageTools
) -> None:
    edit = QTextEdit()
    shown(qtbot, edit)
    attach_language_tools(edit, tools=tools)
    qtbot.keyClicks(edit, "Fine. SW to call.")
    trigger(build_context_menu(edit, point_at(edit, 6)), "Replace with “social worker”")
    assert edit.toPlainText() == "Fine. Social worker to call."


def test_misspellings_get_suggestions_and_can_be_added(
    qtbot: QtBot, tools: LanguageTools, tmp_path: Path
) -> None:
    edit = QTextEdit()
    shown(qtbot, edit)
    attach_language_tools(edit, tools=tools)
    qtbot.keyClicks(edit, "Mum will recieve the colour chart from Brookfeld.")
    block = edit.document().firstBlock()
    text = block.text()
    assert underline_at(block, text.index("recieve")) == Underline.WaveUnderline
    assert underline_at(block, text.index("colour")) == Underline.NoUnderline

    menu = build_context_menu(edit, point_at(edit, text.index("recieve") + 2))
    assert "receive" in action_texts(menu) and "Add to dictionary" in action_texts(menu)
    trigger(menu, "receive")
    assert edit.toPlainText() == "Mum will receive the colour chart from Brookfeld."

    where = edit.toPlainText().index("Brookfeld")
    assert underline_at(edit.document().firstBlock(), where) == Underline.WaveUnderline
    trigger(build_context_menu(edit, point_at(edit, where + 1)), "Add to dictionary")
    assert underline_at(edit.document().firstBlock(), where) == Underline.NoUnderline
    assert (tmp_path / "words.txt").read_text(encoding="utf-8") == "Brookfeld\n"


def test_american_spelling_is_flagged(qtbot: QtBot, tools: LanguageTools) -> None:
    edit = QPlainTextEdit()
    shown(qtbot, edit)
    attach_language_tools(edit, tools=tools)
    qtbot.keyClicks(edit, "color")
    assert underline_at(edit.document().firstBlock(), 0) == Underline.WaveUnderline
    assert "colour" in action_texts(build_context_menu(edit, point_at(edit, 1)))


def test_names_in_the_conference_are_not_flagged(qtbot: QtBot, tools: LanguageTools) -> None:
    names = {"Kerry Ashdown", "Margaret Pryce"}
    edit = QTextEdit()
    shown(qtbot, edit)
    attach_language_tools(edit, tools=tools, extra_words=lambda: names)
    qtbot.keyClicks(edit, "Kerry Ashdown and Nana Pryce; Ashdown's home. Zorblat too.")
    block = edit.document().firstBlock()
    text = block.text()
    for word in ("Ashdown", "Pryce", "Ashdown's"):
        assert underline_at(block, text.index(word)) == Underline.NoUnderline
    assert underline_at(block, text.index("Zorblat")) == Underline.WaveUnderline


def test_tooltip_gives_the_plain_words(qtbot: QtBot, tools: LanguageTools) -> None:
    edit = QTextEdit()
    shown(qtbot, edit)
    attachment = attach_language_tools(edit, tools=tools)
    qtbot.keyClicks(edit, "We talked about contact with Dad.")
    where = edit.toPlainText().index("contact") + 2
    assert attachment.tooltip_at(point_at(edit, where)) == (
        "Plain words for contact: time together (when it means time with family)"
    )
    assert attachment.tooltip_at(point_at(edit, 1)) == ""


def test_professionals_only_fields_can_skip_jargon(qtbot: QtBot, tools: LanguageTools) -> None:
    edit = QTextEdit()
    shown(qtbot, edit)
    attach_language_tools(edit, tools=tools, jargon=False)
    qtbot.keyClicks(edit, "The HV said")
    assert underline_at(edit.document().firstBlock(), 4) == Underline.NoUnderline
    assert (
        action_texts(build_context_menu(edit, point_at(edit, 5)))[0]
        != "Replace with “health visitor”"
    )


def test_line_edit_menu_and_tooltip(qtbot: QtBot, tools: LanguageTools) -> None:
    edit = QLineEdit()
    shown(qtbot, edit)
    attach_language_tools(edit, tools=tools)
    qtbot.keyClicks(edit, "GP surgery")
    assert edit.toolTip() == "Plain words for GP: family doctor (the doctor at the local surgery)"
    pos = QPoint(4, edit.height() // 2)
    assert edit.cursorPositionAt(pos) <= 2
    menu = build_context_menu(edit, pos)
    trigger(menu, "Replace with “family doctor”")
    assert edit.text() == "Family doctor surgery"
    assert edit.toolTip() == ""


def test_attaching_twice_gives_the_same_tools(qtbot: QtBot, tools: LanguageTools) -> None:
    edit = QTextEdit()
    shown(qtbot, edit)
    assert attach_language_tools(edit, tools=tools) is attach_language_tools(edit, tools=tools)


def test_spelling_off_still_underlines_jargon(qtbot: QtBot, tmp_path: Path) -> None:
    off = LanguageTools(
        jargon=load_jargon(), spelling=SpellChecker(tmp_path / "w.txt", language="xx_XX")
    )
    edit = QTextEdit()
    shown(qtbot, edit)
    attach_language_tools(edit, tools=off)
    qtbot.keyClicks(edit, "recieve the HV")
    block = edit.document().firstBlock()
    assert underline_at(block, 0) == Underline.NoUnderline
    assert underline_at(block, block.text().index("HV")) == Underline.DotLine
    assert "Add to dictionary" not in action_texts(build_context_menu(edit, point_at(edit, 2)))


def underlined(block: QTextBlock) -> dict[int, QTextCharFormat.UnderlineStyle]:
    """Each underlined character of a paragraph and how it is underlined."""
    return {
        index: fmt_range.format.underlineStyle()
        for fmt_range in block.layout().formats()
        for index in range(fmt_range.start, fmt_range.start + fmt_range.length)
        if fmt_range.format.underlineStyle() != Underline.NoUnderline
    }


def expected_underlines(
    text: str, tools: LanguageTools, names: frozenset[str]
) -> dict[int, QTextCharFormat.UnderlineStyle]:
    """What the underlines of one sentence are, worked out from the whole sentence at once:
    jargon dotted, then misspellings wavy over it."""
    words = frozenset(w for name in names for w in name.split())
    marks = {i: Underline.DotLine for h in tools.jargon.find(text) for i in range(h.start, h.end)}
    for miss in tools.spelling.misspellings(text, words):
        marks.update(dict.fromkeys(range(miss.start, miss.end), Underline.WaveUnderline))
    return marks


def test_a_long_sentence_typed_word_by_word_is_underlined_as_a_whole(
    qtbot: QtBot, tools: LanguageTools
) -> None:
    """The last words of a long sentence are re-checked as they are typed, the words before
    them remembered: the underlines are those of the whole sentence, after every word, after
    an edit in its middle, and after a name is added to the conference."""
    names = frozenset({"Kerry Ashdown"})
    edit = QTextEdit()
    shown(qtbot, edit)
    attach_language_tools(edit, tools=tools, extra_words=lambda: names)
    sentence = (
        "Kerry said the HV and the sosial worker visited Ashdown's flat twice and "
        "found it tidy but Zorblat was there again and the disguised compliance "
        "worry was raised by the teecher who said the children were hungry at school "
        "on Monday and Tuesday while Kerry waited for the core group and the GP"
    )
    for word in sentence.split(" "):
        qtbot.keyClicks(edit, word + " ")
        block = edit.document().firstBlock()
        assert underlined(block) == expected_underlines(block.text(), tools, names), word
    text = edit.toPlainText()
    assert underlined(edit.document().firstBlock())[text.index("sosial")] == Underline.WaveUnderline
    assert underlined(edit.document().firstBlock())[text.index("HV")] == Underline.DotLine

    cursor = edit.textCursor()  # a word put in the middle, a correction at the start
    cursor.setPosition(text.index("twice"))
    edit.setTextCursor(cursor)
    qtbot.keyClicks(edit, "Blorvik ")
    cursor.setPosition(text.index("sosial") + 2)
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, "c")
    block = edit.document().firstBlock()
    assert "social worker" in block.text() and "Blorvik twice" in block.text()
    assert underlined(block) == expected_underlines(block.text(), tools, names)

    names = frozenset({"Kerry Ashdown", "Zorblat Blorvik"})  # a person added: a new set
    edit.findChild(LanguageAttachment).highlighter.rehighlight()  # type: ignore[union-attr]
    block = edit.document().firstBlock()
    assert block.text().index("Zorblat") not in underlined(block)
    assert underlined(block) == expected_underlines(block.text(), tools, names)
