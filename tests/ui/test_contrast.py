"""Words can be read over Teams in both themes: every colour words are written in stands
out from its background by at least 4.5:1 (WCAG 2 AA for text), and a warning's words
(a rule of the plan broken, something overdue) are painted in the theme's warning colour,
not a red of their own that the high-contrast theme's black page swallows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from by_keyboard import focused, press
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import ConferenceKind, PlanType
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.theme import CALM, HIGH_CONTRAST, Palette
from cprecorder.ui.shell.window_actions import ActionId

#: WCAG 2's least contrast for body text (level AA).
READABLE = 4.5


def luminance(colour: QColor) -> float:
    """Relative luminance, WCAG 2: each channel linearised from sRGB, then weighted."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.red())
        + 0.7152 * linear(colour.green())
        + 0.0722 * linear(colour.blue())
    )


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_red(picture: QImage) -> float:
    """The contrast, on the high-contrast page, of the red words painted in a picture (not
    the white line under a row). Their edges are blended with the page, so the strongest
    red is the words' own colour."""
    page = QColor(HIGH_CONTRAST.page)
    painted = (
        picture.pixelColor(x, y) for x in range(picture.width()) for y in range(picture.height())
    )
    reds = [c for c in painted if c.red() > c.green() + 40 and c.red() > c.blue() + 40]
    assert reds, "words are written in red"
    return max(contrast(c, page) for c in reds)


def test_the_contrast_is_worked_out_as_wcag_says() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#b00020"), QColor("#000000")) < READABLE  # the old red on black


@pytest.mark.parametrize("palette", [CALM, HIGH_CONTRAST], ids=["calm", "high contrast"])
def test_every_colour_of_words_is_readable_on_its_background(palette: Palette) -> None:
    words = {
        "text": palette.text,
        "muted": palette.muted,
        "warning": palette.warning,
        "accent": palette.accent,
        "confidential": palette.confidential,
    }
    backgrounds = {"page": palette.page, "window": palette.window, "field": palette.field}
    faint = [
        f"{name} {colour} on the {where} {ground}: {contrast(QColor(colour), QColor(ground)):.2f}"
        for name, colour in words.items()
        for where, ground in backgrounds.items()
        if contrast(QColor(colour), QColor(ground)) < READABLE
    ]
    # A primary button's words on the accent, and the sidebar's words on the sidebar.
    pairs = {
        "accent_text on the accent": (palette.accent_text, palette.accent),
        "sidebar_text on the sidebar": (palette.sidebar_text, palette.sidebar),
    }
    faint += [
        f"{name}: {contrast(QColor(a), QColor(b)):.2f}"
        for name, (a, b) in pairs.items()
        if contrast(QColor(a), QColor(b)) < READABLE
    ]
    assert faint == [], "\n".join(faint)


def test_a_rule_broken_is_painted_readable_in_high_contrast(
    qtbot: QtBot, window: MainWindow, review_id: int
) -> None:
    window.actions_[ActionId.HIGH_CONTRAST].trigger()  # View → High contrast
    window.open_conference(review_id)
    press(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.journey_view is not None, timeout=3000)
    journey = window.journey_view
    assert journey is not None and focused() is journey.table
    flagged = next(i for i, e in enumerate(journey.journey.entries) if e.flags)
    # Another meeting chosen: the flagged one is painted on the page, not the selection.
    press(qtbot, Qt.Key.Key_Up if flagged else Qt.Key.Key_Down)
    assert journey.table.currentIndex().row() != flagged
    QTest.qWait(50)
    table = journey.table
    cell = table.visualRect(table.model().index(flagged, 2))
    picture = table.viewport().grab(cell).toImage()
    assert readable_red(picture) >= READABLE


def test_what_is_overdue_is_painted_readable_in_high_contrast(
    qtbot: QtBot, window: MainWindow, store: Store, actor: Actor, chair: Actor
) -> None:
    """A family whose core group was due years ago: overdue on the start view and in the
    journey, both in the theme's warning colour."""
    made = op.create_conference(
        store,
        actor=actor,
        kind=ConferenceKind.INITIAL,
        family_name="Penrose",
        scheduled_at=dt.datetime(2020, 3, 2, 10, 0),
        children=["Ada Penrose"],
    ).conference_id
    with store.read() as session:
        child = load_conference(session, made).children[0]
    op.set_decision(
        store,
        actor=chair,
        conference_id=made,
        child_id=child.id,
        plan_type=PlanType.CHILD_PROTECTION,
        categories=["neglect"],
    )
    op.sign_off(store, actor=chair, conference_id=made, chair_name="Ruth Calloway")
    window.actions_[ActionId.HIGH_CONTRAST].trigger()  # View → High contrast
    start = window.start
    start.refresh()
    start.search.setFocus()
    cases = start.cases
    assert "overdue" in cases.model().index(0, 3).data()
    cases.clearSelection()  # the case's row painted on the page, not as the chosen row
    QTest.qWait(50)
    picture = cases.viewport().grab(cases.visualRect(cases.model().index(0, 3))).toImage()
    assert readable_red(picture) >= READABLE
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is cases
    press(qtbot, Qt.Key.Key_Return)  # the Penrose family's journey
    qtbot.waitUntil(lambda: window.journey_view is not None, timeout=3000)
    journey = window.journey_view
    assert journey is not None and journey.due.text().endswith("overdue")
    QTest.qWait(50)
    assert readable_red(journey.due.grab().toImage()) >= READABLE
