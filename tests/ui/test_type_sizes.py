"""Type sizes by widget class: F5 and a zoom change fonts, never the style sheet."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

import cprecorder.ui
from by_keyboard import focused, go_to, press, step_to
from cprecorder.ui.panes import Pane
from cprecorder.ui.panes.worries import SaidBy
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.settings import PRESENTATION_ZOOM, ZOOM
from cprecorder.ui.shell.theme import (
    BASE_POINT_SIZE,
    CALM,
    HIGH_CONTRAST,
    TYPE_SCALES,
    Palette,
    stylesheet,
)
from cprecorder.ui.widgets.fields import ChildsWords, ChoiceField
from cprecorder.ui.widgets.labels import Caption, PaneTitle


def widget_classes() -> dict[str, list[type[QWidget]]]:
    """Every widget class of the window, by name (Qt matches a class font by name)."""
    for module in pkgutil.walk_packages(cprecorder.ui.__path__, "cprecorder.ui."):
        importlib.import_module(module.name)
    found: dict[str, list[type[QWidget]]] = {}
    todo: list[type[QWidget]] = [QWidget]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("cprecorder.") and sub not in found.get(sub.__name__, []):
                found.setdefault(sub.__name__, []).append(sub)
    return found


def test_every_type_size_is_a_widget_class_with_its_subclasses() -> None:
    classes = widget_classes()
    for name in TYPE_SCALES:
        # One class of that name: another of the same name would take its size too.
        assert len(classes.get(name, [])) == 1, f"{name}: {classes.get(name)}"
        # Qt takes the font of the class itself, else of any class it inherits in no set
        # order: a subclass of a sized class must be sized too, or it may take the body's.
        for sub in classes[name][0].__subclasses__():
            assert sub.__name__ in TYPE_SCALES, f"{sub.__name__} inherits {name}'s size"
    assert "font-size" not in stylesheet(CALM)


def size(zoom: int, scale: float = 1.0) -> float:
    return round(BASE_POINT_SIZE * zoom / 100 * scale, 1)


def test_f5_resizes_type_by_class_without_restyling(qtbot: QtBot, demo_window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    view = demo_window.view
    assert view is not None
    normal, shared = demo_window.settings.get(ZOOM), demo_window.settings.get(PRESENTATION_ZOOM)
    pane = go_to(qtbot, demo_window, "worries")
    title = pane.findChild(PaneTitle)
    said_by = pane.findChild(SaidBy)
    text = pane.findChild(QTextEdit)
    assert title is not None and said_by is not None and text is not None
    sheet = app.styleSheet()
    assert title.font().pointSizeF() == size(normal, TYPE_SCALES["PaneTitle"])
    assert said_by.font().pointSizeF() == size(normal, TYPE_SCALES["SaidBy"])
    assert text.font().pointSizeF() == size(normal)

    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: demo_window.presentation)
    assert title.font().pointSizeF() == size(shared, TYPE_SCALES["PaneTitle"])
    assert said_by.font().pointSizeF() == size(shared, TYPE_SCALES["SaidBy"])
    assert text.font().pointSizeF() == size(shared)
    assert app.styleSheet() is sheet or app.styleSheet() == sheet  # nothing restyled
    # A pane built after F5 is at the new size from the start.
    later = go_to(qtbot, demo_window, "decision")
    caption = later.findChild(Caption)
    assert caption is not None
    assert caption.font().pointSizeF() == size(shared, TYPE_SCALES["Caption"])
    # A combo box wants the width of its new type, not of the type it was built at.
    for combo in pane.findChildren(ChoiceField):
        assert combo.minimumSizeHint() == combo.sizeHint()

    go_to(qtbot, demo_window, "worries")
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not demo_window.presentation)
    assert title.font().pointSizeF() == size(normal, TYPE_SCALES["PaneTitle"])
    assert text.font().pointSizeF() == size(normal)


def wrong_type(pane: Pane, zoom: int) -> list[str]:
    """The fields and words in ``pane`` not at their class's size at ``zoom``."""
    wrong = []
    for kind in (QTextEdit, QComboBox, QLineEdit, QLabel):
        for widget in pane.findChildren(kind):
            wanted = size(zoom, TYPE_SCALES.get(type(widget).__name__, 1.0))
            if widget.font().pointSizeF() != wanted:
                name = widget.accessibleName() or widget.objectName()
                wrong.append(f"{type(widget).__name__} {name!r}: {widget.font().pointSizeF()}")
    return wrong


def test_a_pane_not_on_screen_at_f5_or_a_zoom_is_shown_at_the_new_size(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Panes built but not on screen take a new type size when they are next shown (so an
    F5 resizes only the pane on screen): reached by the agenda or Ctrl+PgDown, a pane is
    never seen at the size it had before."""
    settings = demo_window.settings
    normal, shared = settings.get(ZOOM), settings.get(PRESENTATION_ZOOM)
    actions = go_to(qtbot, demo_window, "actions")  # built, then left for another item
    assert wrong_type(actions, normal) == []
    go_to(qtbot, demo_window, "worries")

    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: demo_window.presentation)
    step_to(qtbot, demo_window, "actions")  # Ctrl+PgDown, every item on the way shown
    assert wrong_type(actions, shared) == []

    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not demo_window.presentation)
    worries = go_to(qtbot, demo_window, "worries")
    assert wrong_type(worries, normal) == []
    press(qtbot, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # a zoom step
    zoomed = settings.get(ZOOM)
    assert zoomed != normal
    assert wrong_type(worries, zoomed) == []
    assert go_to(qtbot, demo_window, "actions") is actions
    assert wrong_type(actions, zoomed) == []


def test_a_pane_off_screen_through_several_new_sizes_is_shown_at_the_last(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """A pane held off screen from one F5 stays held through the zooms after it and
    takes only the last size when shown; a new palette (View → High contrast) restyles
    it at once, at the size of the moment."""
    settings = demo_window.settings
    actions = go_to(qtbot, demo_window, "actions")
    go_to(qtbot, demo_window, "worries")
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: demo_window.presentation)
    for _ in range(2):
        press(qtbot, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    zoomed = settings.get(PRESENTATION_ZOOM)
    step_to(qtbot, demo_window, "actions")
    assert wrong_type(actions, zoomed) == []

    go_to(qtbot, demo_window, "worries")
    press(qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    smaller = settings.get(PRESENTATION_ZOOM)
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # the View menu
    menu = QApplication.activePopupWidget()
    assert menu is not None
    qtbot.keyClick(menu, Qt.Key.Key_H)  # &High contrast
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert QApplication.instance().styleSheet() == stylesheet(HIGH_CONTRAST)  # type: ignore[union-attr]
    assert wrong_type(actions, smaller) == []  # restyled with the rest, not held


def test_a_childs_words_and_their_prompt_are_in_the_larger_type(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    view = demo_window.view
    assert view is not None
    pane = view.pane("involvement")
    words = pane.findChildren(ChildsWords)
    assert words
    for field in words:
        assert field.font().pointSizeF() > pane.findChild(QComboBox).font().pointSizeF()  # type: ignore[union-attr]
        # The placeholder ("I like it when…") is drawn by the area the words are in.
        assert field.viewport().font().pointSizeF() == field.font().pointSizeF()


def fits_its_type(combo: QComboBox) -> bool:
    """A combo box's least size is worked out at the type it shows now: a fresh one, at
    its font, with its items, wants the same least width."""
    fresh = QComboBox()
    fresh.setFont(combo.font())
    fresh.setSizeAdjustPolicy(combo.sizeAdjustPolicy())
    fresh.setMinimumContentsLength(combo.minimumContentsLength())
    fresh.addItems([combo.itemText(i) for i in range(combo.count())])
    fresh.ensurePolished()
    return combo.minimumSizeHint().width() == fresh.minimumSizeHint().width()


def test_every_combo_box_fits_its_new_type_after_f5_and_a_zoom(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    pane = go_to(qtbot, demo_window, "core_group")
    combos = pane.findChildren(QComboBox)
    assert any(type(c) is not ChoiceField for c in combos)  # plain ones too
    assert all(fits_its_type(c) for c in combos)
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: demo_window.presentation)
    stale = [c.accessibleName() for c in pane.findChildren(QComboBox) if not fits_its_type(c)]
    assert stale == []
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not demo_window.presentation)
    qtbot.keyClick(focused(), Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: demo_window.settings.get(ZOOM) > 100)
    stale = [c.accessibleName() for c in pane.findChildren(QComboBox) if not fits_its_type(c)]
    assert stale == []


@pytest.mark.parametrize("palette", [CALM, HIGH_CONTRAST], ids=["calm", "high contrast"])
def test_a_combo_box_shows_a_plain_arrow_not_a_sunken_button(
    qtbot: QtBot, palette: Palette
) -> None:
    """The list's arrow is drawn in the muted colour on the field's own background; the
    platform's sunken button (a dark frame over the rounded border) looked like a form."""
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("Open")
    combo.setStyleSheet(stylesheet(palette))
    combo.resize(220, 40)
    combo.show()
    qtbot.waitExposed(combo)
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    arrow = (
        combo.style()
        .subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, combo
        )
        .adjusted(0, 0, -5, 0)
    )  # not the field's own rounded border at the right
    picture = combo.grab().toImage()
    field, muted = QColor(palette.field), QColor(palette.muted)
    seen = [
        QColor(picture.pixel(x, y))
        for x in range(arrow.left(), arrow.right() + 1)
        for y in range(arrow.top(), arrow.bottom() + 1)
    ]

    def away_from_field(colour: QColor) -> int:
        return abs(colour.lightness() - field.lightness())

    assert max(map(away_from_field, seen)) >= away_from_field(muted) - 24  # the arrow is there
    assert max(map(away_from_field, seen)) <= away_from_field(muted) + 8  # and nothing darker
