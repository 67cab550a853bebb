"""Plain language and spelling in the window: underlines, tooltips and one-click fixes.

Use it on every text field, once, after creating the field::

    from cprecorder.ui.widgets.language_marks import attach_language_tools

    attach_language_tools(edit, extra_words=lambda: names_in_conference)

``edit`` is a ``QTextEdit``, ``QPlainTextEdit`` or ``QLineEdit``.
``extra_words`` returns words never to flag as misspelt: the names of the
people in the conference (full names are fine; they are split into words).
It is called on every keystroke, so return a set you keep up to date, not one
you rebuild from the database. For the professionals-only notes pass
``jargon=False``: the family never reads them.

What the person sees:

* jargon ("HV", "disguised compliance") has a dotted underline in a calm blue;
  hovering shows the plain words ("Plain words for HV: health visitor");
* a misspelling has a red wavy underline;
* right-click on either offers "Replace with “health visitor”", the spelling
  suggestions and "Add to dictionary", above the usual Cut/Copy/Paste.

A ``QLineEdit`` cannot draw underlines, so a one-line field gets the tooltip
(listing the jargon in it) and the same right-click menu, without underlines.

Speed: ``QSyntaxHighlighter`` re-checks only the paragraph being typed in, the
jargon is one compiled pattern, and every dictionary answer is cached, so a
keystroke in a long record costs well under the 2 ms budget
(``benchmarks/bench_language.py``). If no British dictionary is installed,
spelling is off and :func:`spelling_unavailable_reason` says why, for the
status bar; jargon still works.

Opening the British dictionary takes about 40 ms, so the window does not wait
for it: fields attached before the shared tools are loaded show their words at
once and get their underlines just after their first paint (or at the latest
:data:`TOOLS_AT_THE_LATEST_MS` later); anything that needs the tools sooner (a
right-click, a tooltip) loads them on the spot.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QHelpEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from ...errors import KnownError
from ...language.jargon import JargonHit, JargonList, default_jargon, load_jargon
from ...language.spelling import WORD, Misspelling, SpellChecker

log = logging.getLogger(__name__)

TextField = QTextEdit | QPlainTextEdit | QLineEdit
ExtraWords = Callable[[], Iterable[str]]

#: Fields waiting for the shared tools get them this long after the first one, if none
#: of them has been painted before (a field is usually painted much sooner).
TOOLS_AT_THE_LATEST_MS = 300

#: A calm blue: noticeable, not alarming; the record is on a shared screen.
JARGON_COLOUR = QColor("#2f6f9f")
SPELLING_COLOUR = QColor("#d0021b")


@dataclass
class LanguageTools:
    """The jargon list and the spelling checker shared by every field of the window."""

    jargon: JargonList
    spelling: SpellChecker
    #: Why the authority's jargon list was not used, if it was broken.
    jargon_problem: str | None = None


@functools.cache
def language_tools() -> LanguageTools:
    """One set of tools per process: opening a dictionary for each field would be slow."""
    problem = None
    try:
        jargon = default_jargon()
    except KnownError as exc:  # a broken authority list must not stop typing
        log.warning("Using the bundled jargon list: %s", exc)
        problem = str(exc)
        jargon = load_jargon(None)
    return LanguageTools(jargon=jargon, spelling=SpellChecker(), jargon_problem=problem)


def _tools_loaded() -> bool:
    return language_tools.cache_info().currsize > 0


#: Attachments made before the shared tools were loaded, finished by :func:`_load_waiting`.
_waiting: list[LanguageAttachment] = []
_load_scheduled = False


def _wait_for_tools(attachment: LanguageAttachment) -> None:
    if not _waiting:
        QTimer.singleShot(TOOLS_AT_THE_LATEST_MS, _load_waiting)
    _waiting.append(attachment)


def _load_soon() -> None:
    """A waiting field was painted: load the tools once that frame is on screen."""
    global _load_scheduled
    if not _load_scheduled:
        _load_scheduled = True
        QTimer.singleShot(0, _load_waiting)


def _load_waiting() -> None:
    """Load the shared tools and give them to every field still waiting."""
    from shiboken6 import isValid

    global _load_scheduled
    _load_scheduled = False
    if not _waiting:
        return
    tools = language_tools()
    waiting = list(_waiting)
    _waiting.clear()
    for attachment in waiting:
        if isValid(attachment) and attachment._tools is None:
            attachment._start(tools)


def spelling_unavailable_reason() -> str | None:
    """A sentence for the status bar when spelling is off, else ``None``."""
    return language_tools().spelling.unavailable_reason


def _name_words(names: Iterable[str]) -> frozenset[str]:
    words: set[str] = set()
    for name in names:
        words.update(m.group(0) for m in WORD.finditer(name))
    return frozenset(words)


def jargon_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(JARGON_COLOUR)
    return fmt


def spelling_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(SPELLING_COLOUR)
    return fmt


#: Where a paragraph is cut into sentences for the cache: after . ! or ? and a space.
_SENTENCE_END = re.compile(r"[.!?]+[\s\u00a0]+")

#: Sentences whose underlines are remembered; beyond this the memory starts afresh.
SENTENCE_CACHE_SIZE = 20_000

#: A run of up to eight words of a sentence, with the spaces after them. Runs are cut
#: only at spaces, which no word crosses (a word is letters and apostrophes, see
#: ``WORD``), so a word's spelling is the same in its run as in the sentence; and runs
#: are counted from the sentence's start, so typing at its end leaves the runs before
#: the last one as they were.
_PIECE = re.compile(r"\s*(?:\S+(?:\s+|$)){1,8}")


class LanguageHighlighter(QSyntaxHighlighter):
    """Underlines jargon and misspellings in one paragraph at a time.

    Qt re-checks only the paragraph being typed in. So that a very long
    paragraph (a pasted report) stays quick too, the paragraph is cut into
    sentences and the underlines of each sentence are remembered: a keystroke
    re-checks the one sentence it changed. No jargon term spans a full stop.
    Within that sentence each word's spelling is remembered too, so a long
    sentence costs one pattern search and a look-up per word, not a dictionary
    check per word.
    """

    def __init__(
        self,
        document: QTextDocument,
        tools: LanguageTools,
        extra_words: ExtraWords,
        *,
        jargon: bool = True,
        spelling: bool = True,
    ) -> None:
        super().__init__(document)
        self.tools = tools
        self.extra_words = extra_words
        self.jargon_on = jargon
        self.spelling_on = spelling and tools.spelling.available
        self._formats = (jargon_format(), spelling_format())
        self._sentences: dict[str, tuple[tuple[int, int, int], ...]] = {}
        #: Word → misspelt? (what ``SpellChecker.misspellings`` says of it, word by word).
        self._misspelt: dict[str, bool] = {}
        #: A run of a sentence's words → where its misspelt words are (see :data:`_PIECE`).
        self._pieces: dict[str, tuple[tuple[int, int], ...]] = {}
        self._names: frozenset[str] = frozenset()
        #: What ``extra_words`` last returned; the same object again means the same names.
        self._names_from: object = None

    def names(self) -> frozenset[str]:
        given = self.extra_words()
        if given is self._names_from:  # the window keeps one set until a name changes
            return self._names
        words = _name_words(given)
        # Only a set the window keeps is remembered: a list or generator may change.
        self._names_from = given if isinstance(given, frozenset) else None
        if words != self._names:
            self.forget()  # a name added or removed changes the underlines
            self._names = words
        return self._names

    def forget(self) -> None:
        """Drop the remembered underlines (after "Add to dictionary")."""
        self._sentences.clear()
        self._misspelt.clear()
        self._pieces.clear()

    def _spans(self, sentence: str, names: frozenset[str]) -> tuple[tuple[int, int, int], ...]:
        spans: list[tuple[int, int, int]] = []
        if self.jargon_on:
            spans.extend((h.start, h.end - h.start, 0) for h in self.tools.jargon.find(sentence))
        if self.spelling_on:
            # The same words, in the same order, as SpellChecker.misspellings(sentence, names),
            # a run of words at a time: typing at the end of a long sentence re-checks only
            # its last run, not every word before it again.
            pieces = self._pieces
            if len(pieces) > SENTENCE_CACHE_SIZE:
                pieces.clear()
            for run in _PIECE.finditer(sentence):
                piece = run.group(0)
                found = pieces.get(piece)
                if found is None:
                    found = pieces[piece] = self._misspelt_in(piece, names)
                at = run.start()
                spans.extend((at + start, length, 1) for start, length in found)
        return tuple(spans)

    def _misspelt_in(self, piece: str, names: frozenset[str]) -> tuple[tuple[int, int], ...]:
        """Where the misspelt words of a run of words are: (start, length) each."""
        memo = self._misspelt
        if len(memo) > SENTENCE_CACHE_SIZE:
            memo.clear()
        check = self.tools.spelling.check
        found: list[tuple[int, int]] = []
        for match in WORD.finditer(piece):
            word = match.group(0)
            wrong = memo.get(word)
            if wrong is None:
                wrong = memo[word] = not check(word, names)
            if wrong:
                found.append((match.start(), match.end() - match.start()))
        return tuple(found)

    def highlightBlock(self, text: str) -> None:
        if not text or not (self.jargon_on or self.spelling_on):
            return
        names = self.names()
        cache = self._sentences
        if len(cache) > SENTENCE_CACHE_SIZE:
            cache.clear()
        start = 0
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        ends.append(len(text))
        formats = self._formats
        for end in ends:
            if end <= start:
                continue
            sentence = text[start:end]
            spans = cache.get(sentence)
            if spans is None:
                spans = cache[sentence] = self._spans(sentence, names)
            for offset, length, which in spans:
                self.setFormat(start + offset, length, formats[which])
            start = end


@dataclass(frozen=True)
class FoundAt:
    """What is under a point of a field: jargon, a misspelling, or neither."""

    jargon: JargonHit | None
    misspelling: Misspelling | None
    #: Where the paragraph (or the line edit's text) starts in the whole text.
    offset: int


class LanguageAttachment(QObject):
    """Ties the tools to one field; a child of the field, so it lives as long as it does.

    ``tools=None``: the shared tools are not loaded yet; the field gets them after
    its first paint (see the module's notes on speed).
    """

    def __init__(
        self,
        edit: TextField,
        tools: LanguageTools | None,
        extra_words: ExtraWords,
        *,
        jargon: bool,
        spelling: bool,
    ) -> None:
        super().__init__(edit)
        self.edit = edit
        self._tools: LanguageTools | None = None
        self.extra_words = extra_words
        self.jargon_on = jargon
        self._spelling_wanted = spelling
        self.spelling_on = False
        self.highlighter: LanguageHighlighter | None = None
        # The viewport shows the tooltips (and, while waiting, says when it is painted).
        self._watched: QWidget = edit if isinstance(edit, QLineEdit) else edit.viewport()
        if not isinstance(edit, QLineEdit):
            self._watched.installEventFilter(self)
        edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        edit.customContextMenuRequested.connect(self._show_menu)
        if tools is not None:
            self._start(tools)
        else:
            if isinstance(edit, QLineEdit):
                self._watched.installEventFilter(self)
            _wait_for_tools(self)

    def _start(self, tools: LanguageTools) -> None:
        """Underline and advise with ``tools`` from now on."""
        edit = self.edit
        self._tools = tools
        self.spelling_on = self._spelling_wanted and tools.spelling.available
        if isinstance(edit, QLineEdit):
            edit.removeEventFilter(self)  # only watched for its first paint
            edit.textChanged.connect(self._update_line_tooltip)
            self._update_line_tooltip(edit.text())
        else:
            self.highlighter = LanguageHighlighter(
                edit.document(),
                tools,
                self.extra_words,
                jargon=self.jargon_on,
                spelling=self._spelling_wanted,
            )

    @property
    def tools(self) -> LanguageTools:
        """The tools; loaded now if this field is still waiting for them."""
        if self._tools is None:
            _load_waiting()
        if self._tools is None:  # not in the waiting list (cannot happen; be safe)
            self._start(language_tools())
        assert self._tools is not None
        return self._tools

    # What is under a point -------------------------------------------------

    def found_at(self, pos: QPoint) -> FoundAt:
        """The jargon or misspelling at ``pos`` (viewport coordinates for text edits)."""
        self.tools  # noqa: B018 - the switches below are set once the tools are in
        edit = self.edit
        if isinstance(edit, QLineEdit):
            text, offset, index = edit.text(), 0, edit.cursorPositionAt(pos)
        else:
            cursor = edit.cursorForPosition(pos)
            block = cursor.block()
            text, offset = block.text(), block.position()
            index = cursor.position() - offset
        return self._found_in(text, index, offset)

    def _found_in(self, text: str, index: int, offset: int) -> FoundAt:
        hit = None
        if self.jargon_on:
            hit = next((h for h in self.tools.jargon.find(text) if h.start <= index <= h.end), None)
        miss = None
        if self.spelling_on:
            names = _name_words(self.extra_words())
            miss = next(
                (
                    m
                    for m in self.tools.spelling.misspellings(text, names)
                    if m.start <= index <= m.end
                ),
                None,
            )
        return FoundAt(hit, miss, offset)

    def tooltip_at(self, pos: QPoint) -> str:
        found = self.found_at(pos)
        if found.jargon is not None:
            return found.jargon.advice
        if found.misspelling is not None:
            return f"Not in the British English dictionary: {found.misspelling.word}"
        return ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._tools is None and event.type() == QEvent.Type.Paint:
            _load_soon()
            return False
        if isinstance(self.edit, QLineEdit):
            return False
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                shown_on = watched if isinstance(watched, QWidget) else None
                QToolTip.showText(event.globalPos(), text, shown_on)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return False

    def _update_line_tooltip(self, text: str) -> None:
        assert isinstance(self.edit, QLineEdit)
        hits = self.tools.jargon.find(text) if self.jargon_on else []
        self.edit.setToolTip("\n".join(h.advice for h in hits))

    # Changing the text -------------------------------------------------------

    def replace(self, start: int, end: int, words: str) -> None:
        """Put ``words`` in place of ``text[start:end]`` (whole-text positions), undoably."""
        edit = self.edit
        if isinstance(edit, QLineEdit):
            text = edit.text()
            edit.setSelection(start, end - start)
            edit.insert(_matched_case(words, text, start))
            return
        cursor = QTextCursor(edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        block_text = cursor.block().text()
        cursor.insertText(_matched_case(words, block_text, start - cursor.block().position()))
        edit.setTextCursor(cursor)

    def add_to_dictionary(self, word: str) -> None:
        try:
            self.tools.spelling.add_to_dictionary(word)
        except (OSError, ValueError) as exc:
            log.warning("Could not add %r to the dictionary: %s", word, exc)
            return
        rehighlight_everywhere(self.edit)

    # The menu ------------------------------------------------------------------

    def build_menu(self, pos: QPoint) -> QMenu:
        """The field's usual menu with the plain-language and spelling actions on top."""
        edit = self.edit
        menu = edit.createStandardContextMenu()
        first = menu.actions()[0] if menu.actions() else None
        found = self.found_at(pos)
        added: list[QAction] = []
        if found.jargon is not None:
            hit = found.jargon
            action = QAction(f"Replace with “{hit.plain}”", menu)
            if hit.note:
                action.setToolTip(hit.advice)
            action.triggered.connect(
                functools.partial(
                    self.replace, found.offset + hit.start, found.offset + hit.end, hit.plain
                )
            )
            added.append(action)
        if found.misspelling is not None:
            miss = found.misspelling
            suggestions = self.tools.spelling.suggest(miss.word, limit=5)
            for suggestion in suggestions:
                action = QAction(suggestion, menu)
                action.triggered.connect(
                    functools.partial(
                        self.replace, found.offset + miss.start, found.offset + miss.end, suggestion
                    )
                )
                added.append(action)
            if not suggestions:
                none = QAction("No spelling suggestions", menu)
                none.setEnabled(False)
                added.append(none)
            add = QAction("Add to dictionary", menu)
            add.triggered.connect(functools.partial(self.add_to_dictionary, miss.word))
            added.append(add)
        if added:
            for action in added:
                menu.insertAction(first, action)  # type: ignore[arg-type]
            if first is not None:
                menu.insertSeparator(first)
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        menu = self.build_menu(pos)
        target: QWidget = self.edit if isinstance(self.edit, QLineEdit) else self.edit.viewport()
        menu.exec(target.mapToGlobal(pos))
        menu.deleteLater()


def _matched_case(words: str, text: str, start: int) -> str:
    """Capitalise the replacement at the start of a sentence ("HV said" → "Health visitor said")."""
    before = text[:start].rstrip()
    if not words or (before and before[-1] not in ".!?:\n"):
        return words
    return words[0].upper() + words[1:]


def attach_language_tools(
    edit: TextField,
    *,
    extra_words: ExtraWords = frozenset,
    jargon: bool = True,
    spelling: bool = True,
    tools: LanguageTools | None = None,
) -> LanguageAttachment:
    """Underline jargon and misspellings in ``edit`` and add the fixes to its menu.

    Call once per field. Returns the attachment (kept alive by the field); its
    ``build_menu(pos)`` is the right-click menu. ``tools`` is for tests; the window uses
    the shared ones.
    """
    existing = edit.findChild(LanguageAttachment)
    if existing is not None:
        return existing
    if tools is None and _tools_loaded():
        tools = language_tools()
    return LanguageAttachment(edit, tools, extra_words, jargon=jargon, spelling=spelling)


def build_context_menu(edit: TextField, pos: QPoint) -> QMenu:
    """The menu a right-click at ``pos`` shows (viewport coordinates for text edits)."""
    attachment = edit.findChild(LanguageAttachment)
    if attachment is None:
        return edit.createStandardContextMenu()
    return attachment.build_menu(pos)


def rehighlight_everywhere(edit: QWidget) -> None:
    """After "Add to dictionary": every field of the window drops that word's underline."""
    window = edit.window()
    for attachment in window.findChildren(LanguageAttachment):
        if attachment.highlighter is not None:
            attachment.highlighter.forget()
            attachment.highlighter.rehighlight()


def underline_at(block: QTextBlock, index: int) -> QTextCharFormat.UnderlineStyle:
    """The underline the highlighter drew at a place in a paragraph (for tests and checks)."""
    for fmt_range in block.layout().formats():
        if fmt_range.start <= index < fmt_range.start + fmt_range.length:
            return fmt_range.format.underlineStyle()
    return QTextCharFormat.UnderlineStyle.NoUnderline
