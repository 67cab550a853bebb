"""The shared window: a second window that can only ever show what the family may see.

Teams can share one window instead of the whole screen. This window, titled so it
is easy to pick in Teams' list ("CP Recorder — shared with the family"), shows the
agenda item the minute-taker is on as the family's version shows it, in large
type, and follows the typing live with the words being typed marked. It is built
from the same allow-list and the same section writers as the family's Word
document (:func:`cprecorder.export.record.family_item_content`), with jargon in
plain words as there; it holds no field, so nothing can be typed into it.

From the main window it can be **paused** (it stays on the last thing shown, with
a banner) and **blanked** (a calm "One moment, please"), for when the chair asks
professionals to speak alone. It has its own zoom and high-contrast theme, and
remembers its size and screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...errors import KnownError
from ...export.blocks import Block, Content, Paragraph
from ..shell.settings import SHARED_GEOMETRY, SHARED_HIGH_CONTRAST, SHARED_ZOOM, Settings
from .page import CALM, HIGH_CONTRAST, TYPING_ANCHOR, page_html

if TYPE_CHECKING:
    from ...export.family_words import FamilyWords
    from ...journey.looking_back import LookingBack
    from ..recording.conference_view import ConferenceView

TITLE = "CP Recorder — shared with the family"
#: The type size at 100 %: the shared window is read over Teams, so it starts large.
BASE_POINT_SIZE = 11.0
SHARED_ZOOM_MIN, SHARED_ZOOM_MAX, SHARED_ZOOM_STEP = 100, 300, 10

NOTHING_OPEN = "Nothing is being shared yet."
NOT_SHOWN = "This part of the meeting is not shown here."
ONE_MOMENT = "One moment, please"
PAUSED = "Paused — this screen will carry on in a moment"


class SharedWindow(QWidget):
    """The family's view of the meeting, following the minute-taker, never editable."""

    #: The page was drawn again (for the tests and the benchmark).
    shown = Signal()

    def __init__(self, settings: Settings) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.settings = settings
        self.view: ConferenceView | None = None
        self.paused = False
        self.blanked = False
        self._words: FamilyWords | None = None
        self._looking_back: LookingBack | None = None
        self.setWindowTitle(TITLE)
        self.setObjectName("sharedWindow")
        self.setAccessibleName("Shared with the family")
        # Opening it must not take the keyboard from the minute-taker.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = QLabel(PAUSED)
        self.banner.setObjectName("sharedPaused")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.page = QTextBrowser()
        self.page.setObjectName("sharedPage")
        self.page.setAccessibleName("What is shared with the family")
        self.page.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.page.setOpenLinks(False)
        self.page.setReadOnly(True)
        self.page.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.page.document().setDocumentMargin(32)
        self.stack.addWidget(self.page)
        self.blank = QLabel(ONE_MOMENT)
        self.blank.setObjectName("sharedBlank")
        self.blank.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.blank.setWordWrap(True)
        self.stack.addWidget(self.blank)

        # Keystrokes come in bursts: one redraw per turn of the event loop is enough.
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(0)
        self._redraw.timeout.connect(self.refresh)
        self.apply_theme()
        self.refresh()

    # -- what it follows ----------------------------------------------------------
    def follow(self, view: ConferenceView | None) -> None:
        """Follow the open conference's view (``None``: nothing open).

        The view's signals stay connected while both live (Qt drops the link when
        either is deleted); what comes from a view no longer followed is ignored.
        """
        self.view = view
        self._words = None
        self._looking_back = None
        if view is not None:
            view.pane_changed.connect(self._heard)
            view.recorder.changed.connect(self._heard)
            view.recorder.typed.connect(self._heard)
        self.refresh()

    def _heard(self, *_args: Any) -> None:
        view, sender = self.view, self.sender()
        if view is not None and sender in (view, view.recorder):
            self.later()

    def later(self) -> None:
        """Something changed: draw again once the current burst of events is over."""
        if not self.paused and not self.blanked:
            self._redraw.start()

    # -- pause and blank ----------------------------------------------------------
    def set_paused(self, on: bool) -> None:
        """Frozen on the last thing shown, with a banner saying so."""
        self.paused = on
        self.banner.setVisible(on)
        if not on:
            self.refresh()

    def set_blanked(self, on: bool) -> None:
        """A calm page while professionals speak alone."""
        self.blanked = on
        self.stack.setCurrentWidget(self.blank if on else self.page)
        if not on:
            self.refresh()

    # -- drawing -------------------------------------------------------------------
    def refresh(self) -> None:
        if self.paused or self.blanked:
            return
        blocks, typed = self._blocks()
        self.page.setHtml(
            page_html(
                blocks,
                typed=typed,
                point_size=self.point_size(),
                colours=HIGH_CONTRAST if self.high_contrast() else CALM,
            )
        )
        if typed:  # the words being typed stay in sight
            self.page.scrollToAnchor(TYPING_ANCHOR)
        self.shown.emit()

    def _blocks(self) -> tuple[list[Block], str]:
        """The family's version of the current agenda item, with what is being typed."""
        view = self.view
        if view is None:
            return [Paragraph(NOTHING_OPEN)], ""
        from ...export.family_words import FamilyWords, in_plain_words
        from ...export.record import family_item_content
        from ...language.plain_words import JargonHandling, PlainWording, plain_text

        conference = view.conference
        # The open record already holds what is being typed (it follows the keyboard).
        typed = typed_text(view)
        blocks = family_item_content(conference, view.current_key(), self.looking_back(view))
        if blocks is None:
            return [Paragraph(NOT_SHOWN)], ""
        try:
            if self._words is None:
                self._words = FamilyWords.in_force()
            words = self._words
            worded, _ = in_plain_words(Content(title="", blocks=blocks), words)
        except KnownError:  # a broken authority word list: shown as written
            return blocks, typed
        if words.handling is JargonHandling.REPLACE and typed:
            typed = plain_text(typed, words.jargon, words.handling, PlainWording())
        return worded.blocks, typed

    def looking_back(self, view: ConferenceView) -> LookingBack | None:
        """What the meetings before this one say (what has changed since), read once."""
        if self._looking_back is None:
            from ...journey import looking_back

            try:
                with view.store.read() as session:
                    self._looking_back = looking_back(session, view.conference_id)
            except KnownError:  # the store is busy: shown without it, read next time
                return None
        return self._looking_back

    # -- how it looks --------------------------------------------------------------
    def point_size(self) -> float:
        return BASE_POINT_SIZE * self.settings.get(SHARED_ZOOM) / 100

    def high_contrast(self) -> bool:
        return self.settings.get(SHARED_HIGH_CONTRAST)

    def zoom(self, step: int) -> int:
        value = self.settings.get(SHARED_ZOOM) + step
        value = max(SHARED_ZOOM_MIN, min(SHARED_ZOOM_MAX, value))
        self.settings.set(SHARED_ZOOM, value)
        self.apply_theme()
        self.refresh()
        return value

    def set_high_contrast(self, on: bool) -> None:
        self.settings.set(SHARED_HIGH_CONTRAST, on)
        self.apply_theme()
        self.refresh()

    def apply_theme(self) -> None:
        colours = HIGH_CONTRAST if self.high_contrast() else CALM
        size = self.point_size()
        # Its own look, whatever the main window's zoom and theme.
        self.setStyleSheet(
            f"QWidget#sharedWindow, QTextBrowser#sharedPage {{ background: {colours.background};"
            f" color: {colours.text}; }}"
            f"QLabel#sharedBlank {{ background: {colours.background}; color: {colours.text};"
            f" font-size: {size * 2:.0f}pt; }}"
            f"QLabel#sharedPaused {{ background: {colours.mark}; color: {colours.mark_text};"
            f" font-size: {size:.0f}pt; padding: 8px; }}"
        )
        font = QFont(self.page.font())
        font.setPointSizeF(size)
        self.page.document().setDefaultFont(font)

    # -- where it is -------------------------------------------------------------
    def open(self) -> None:
        """Show it where it was last (size and screen), without taking the keyboard."""
        if not self.isVisible():
            saved = self.settings.get(SHARED_GEOMETRY)
            if not saved or not self.restoreGeometry(QByteArray(saved)):
                self.resize(1280, 720)
        active = QApplication.activeWindow()
        self.show()
        if active is not None and active is not self:
            active.activateWindow()

    def remember_geometry(self) -> None:
        self.settings.set(SHARED_GEOMETRY, bytes(self.saveGeometry().data()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remember_geometry()
        super().closeEvent(event)


def typed_text(view: ConferenceView) -> str:
    """The words of the field the minute-taker is in, if it is one of this record's."""
    focused = QApplication.focusWidget()
    if focused is None or not focused.property("field_key"):
        return ""
    if not view.isAncestorOf(focused):
        return ""
    text = getattr(focused, "toPlainText", None) or getattr(focused, "text", None)
    value = text() if callable(text) else ""
    return value if isinstance(value, str) else ""
