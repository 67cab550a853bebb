"""The family's journey reads as the story of its meetings: no word cut in its table or its
charts at 1280×720 and at the zoom steps, in both modes; the shared-screen banner in
presentation mode; the keyboard reaches every meeting and every chart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHeaderView
from pytestqt.qtbot import QtBot

from by_keyboard import focused, press
from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.model import PlanType
from cprecorder.queries import load_conference
from cprecorder.store import Store
from cprecorder.ui.shell.journey_view import JourneyView
from cprecorder.ui.shell.main_window import MainWindow
from cprecorder.ui.shell.settings import PRESENTATION_ZOOM, ZOOM, Settings

SMALL = (1280, 720)


@pytest.fixture
def review_id(store: Store, chair: Actor, demo_id: int) -> int:
    """A review of the demo conference, held with no core group between (a rule of the
    plan's rhythm broken, in a long sentence), deciding for each child."""
    op.sign_off(store, actor=chair, conference_id=demo_id, chair_name="Ruth Calloway")
    review = op.start_review(store, actor=chair, conference_id=demo_id).conference_id
    with store.read() as session:
        children = load_conference(session, review).children
    decided: tuple[tuple[PlanType, list[str], str], ...] = (
        (PlanType.CHILD_IN_NEED, [], "Maisie is safer at home."),
        (PlanType.CHILD_PROTECTION, ["neglect"], "Leo's health appointments are missed."),
    )
    for child, (plan, categories, why) in zip(children, decided, strict=True):
        op.set_decision(
            store,
            actor=chair,
            conference_id=review,
            child_id=child.id,
            plan_type=plan,
            categories=categories,
            reasons=why,
        )
    return review


def the_journey(qtbot: QtBot, window: MainWindow, meeting_id: int) -> JourneyView:
    window.open_conference(meeting_id)
    press(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.journey_view is not None, timeout=3000)
    journey = window.journey_view
    assert journey is not None
    return journey


def cut_words(journey: JourneyView) -> list[str]:
    """Every place where the journey's words or charts do not fit the room they have,
    once the window has settled after a key (the same twice running), as a person sees it."""
    found = None
    for _ in range(20):
        QTest.qWait(50)
        again = words_not_fitting(journey)
        if again == found:
            break
        found = again
    assert found is not None
    return found


def words_not_fitting(journey: JourneyView) -> list[str]:
    table, model = journey.table, journey.model
    header = table.horizontalHeader()
    cut = []
    for column, name in enumerate(model.HEADERS):
        width = header.sectionSize(column)
        if header.sectionSizeFromContents(column).width() > width:
            cut.append(f"the heading {name!r} is wider than its column")
        if column not in model.WRAPPED and table.sizeHintForColumn(column) > width:
            cut.append(f"a line of {name!r} is wider than its column")
    for row in range(model.rowCount()):
        if table.sizeHintForRow(row) > table.rowHeight(row):
            cut.append(f"the words of meeting {row + 1} are taller than their row")
    if table.verticalScrollBar().maximum() > 0:
        cut.append("the table hides meetings behind a scroll bar of its own")
    if journey.scroller.horizontalScrollBar().maximum() > 0:
        cut.append("the page scrolls sideways")
    for card, chart in zip(journey.chart_cards, journey.charts, strict=True):
        if chart.height() < chart.heightForWidth(chart.width()):
            cut.append(f"{card.accessibleName()} is cut ({chart.height()} px tall)")
    return cut


def test_no_word_of_the_journey_is_cut_at_1280_by_720_at_each_zoom_in_both_modes(
    qtbot: QtBot, window: MainWindow, review_id: int, settings: Settings
) -> None:
    journey = the_journey(qtbot, window, review_id)
    assert any(entry.flags for entry in journey.journey.entries), "a long sentence to wrap"
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.width() <= SMALL[0], timeout=1000)
    cut = []
    for presentation in (False, True):
        if presentation:
            press(qtbot, Qt.Key.Key_F5)
            qtbot.waitUntil(lambda: window.presentation, timeout=2000)
        option = PRESENTATION_ZOOM if presentation else ZOOM
        for _step in range(3):  # 100 % (or 160 %) and two zoom steps up
            mode = "presentation" if presentation else "normal"
            cut += [f"{mode} at {settings.get(option)} %: {c}" for c in cut_words(journey)]
            press(qtbot, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert settings.get(PRESENTATION_ZOOM) > 160, "the zoom steps were taken"
    assert cut == [], "\n".join(cut)


def test_the_check_would_see_words_cut(qtbot: QtBot, window: MainWindow, review_id: int) -> None:
    journey = the_journey(qtbot, window, review_id)
    rows = journey.table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # as a table of set rows did
    rows.resizeSection(0, 10)
    assert "the words of meeting 1 are taller than their row" in cut_words(journey)


def test_the_journey_shows_the_shared_screen_banner_in_presentation_mode(
    qtbot: QtBot, window: MainWindow, review_id: int
) -> None:
    journey = the_journey(qtbot, window, review_id)
    assert not journey.banner.isVisible()
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.presentation, timeout=2000)
    assert journey.banner.isVisible()
    assert "SHARED SCREEN" in journey.banner.text()
    assert focused() is journey.table  # the keyboard stays where it was
    # Opened again while the screen is shared (from the start view, say): still there.
    window.show_journey(journey.journey.case_id)
    again = window.journey_view
    assert again is not None and again.banner.isVisible()
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.presentation, timeout=2000)
    assert not again.banner.isVisible()


def test_arrows_choose_a_meeting_enter_opens_it_and_tab_reaches_the_charts(
    qtbot: QtBot, window: MainWindow, review_id: int, demo_id: int
) -> None:
    journey = the_journey(qtbot, window, review_id)
    window.resize(*SMALL)
    QApplication.processEvents()
    assert focused() is journey.table
    assert journey.table.currentIndex().row() == 1  # the latest meeting
    # Tab past the buttons to the first chart: the page scrolls to show it whole.
    for _ in range(10):
        press(qtbot, Qt.Key.Key_Tab)
        if focused() in journey.chart_cards:
            break
    card = focused()
    assert card is journey.chart_cards[0]
    assert journey.scroller.verticalScrollBar().value() > 0
    seen = card.visibleRegion().boundingRect()
    assert seen.height() == card.height(), "the chart is scrolled into sight whole"
    # Back to the meetings: ↑ chooses the conference before, Enter opens it.
    while focused() is not journey.table:
        press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, Qt.Key.Key_Up)
    assert journey.table.currentIndex().row() == 0
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
    assert window.view is not None and window.view.conference_id == demo_id
