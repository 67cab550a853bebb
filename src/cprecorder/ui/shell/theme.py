"""How the window looks: a calm light theme, and a high-contrast one for the shared screen.

Sizes are in points and scale with the zoom, so text stays readable over Teams.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTextEdit, QWidget
from shiboken6 import isValid

BASE_POINT_SIZE = 11.0

#: Type sizes other than the body's, as a share of it, by widget class (the class's name,
#: as Qt matches it; a subclass of one of these must be listed too). Labels are in
#: :mod:`cprecorder.ui.widgets.labels`; a class here and its subclasses are exactly the
#: widgets of that size, and the style sheet holds no sizes.
TYPE_SCALES: dict[str, float] = {
    "PaneTitle": 1.9,
    "DialogTitle": 1.6,
    "FamilyName": 1.45,
    "SideTitle": 1.35,
    "SectionTitle": 1.25,
    "ChildsWords": 1.25,  # a child's own words, in the child's plan and involvement
    "ScoreField": 1.15,
    "OperationScore": 1.15,
    "Announcement": 1.1,
    "PanePrompt": 1.05,
    "AgendaList": 1.05,
    "Caption": 0.9,
    "SaidBy": 0.9,  # who said a worry
}


@dataclass(frozen=True)
class Palette:
    window: str
    page: str
    text: str
    muted: str
    accent: str
    accent_text: str
    border: str
    field: str
    sidebar: str
    sidebar_text: str
    selected: str
    warning: str
    confidential: str
    banner: str
    #: Family and network on the score pictures (professionals use the accent).
    family_mark: str = "#b5562b"


CALM = Palette(
    window="#f3f5f7",
    page="#ffffff",
    text="#1d2733",
    muted="#5b6b7c",
    accent="#1f6f78",
    accent_text="#ffffff",
    border="#d5dde5",
    field="#fbfcfd",
    sidebar="#e9eef2",
    sidebar_text="#22313f",
    selected="#cfe5e7",
    warning="#b3261e",
    confidential="#8a4b08",
    banner="#b3261e",
)
HIGH_CONTRAST = Palette(
    window="#000000",
    page="#000000",
    text="#ffffff",
    muted="#e6e6e6",
    accent="#ffd400",
    accent_text="#000000",
    border="#ffffff",
    field="#000000",
    sidebar="#111111",
    sidebar_text="#ffffff",
    selected="#ffd400",
    warning="#ff6b6b",
    confidential="#ffb347",
    banner="#ffd400",
    family_mark="#7fdbff",
)


def stylesheet(p: Palette) -> str:
    """Colours, borders, spacing and weights: the same at every type size."""
    banner_text = p.accent_text if p is HIGH_CONTRAST else "#ffffff"
    # A combo box's arrow in the muted colour, on the field: the platform's sunken button
    # drew a dark frame over the rounded border. In pixels: a length in em is worked out
    # when a widget is styled, and a new type size (F5, a zoom) does not restyle.
    arrow = "down-arrow-high-contrast.svg" if p is HIGH_CONTRAST else "down-arrow.svg"
    arrow_path = resources.files("cprecorder.resources").joinpath("icons", arrow)
    return f"""
    QMainWindow, QDialog {{ background: {p.window}; color: {p.text}; }}
    QWidget {{ color: {p.text}; }}
    QWidget#page, QScrollArea > QWidget > QWidget#page {{ background: {p.page}; }}
    QScrollArea {{ background: {p.page}; }}
    QLabel#paneTitle {{ font-weight: 600; color: {p.text}; }}
    QLabel#panePrompt {{ color: {p.muted}; }}
    QLabel#sectionTitle {{ font-weight: 600; color: {p.accent}; }}
    QLabel#sideTitle {{ font-weight: 700; color: {p.text}; }}
    QComboBox#contributor {{ border: 2px solid transparent; background: transparent;
        color: {p.muted}; padding: 0 4px; }}
    QComboBox#contributor:focus {{ border: 2px solid {p.accent}; }}
    QLabel#sectionHint, QLabel#emptyNote {{ color: {p.muted}; }}
    QLabel#itemNumber {{ color: {p.muted}; padding-top: 6px; }}
    QLabel#lockBanner {{ background: {p.sidebar}; border-left: 4px solid {p.accent};
        padding: 8px 12px; }}
    QLabel#lockBanner:focus {{ border: 2px solid {p.accent}; border-left-width: 4px; }}
    QLabel#confidentialTag {{ color: {p.confidential}; font-weight: 600; }}
    QLabel#flag {{ color: {p.warning}; }}
    QFrame#section {{ background: {p.page}; border: 1px solid {p.border};
        border-radius: 8px; }}
    QFrame#section[confidential="true"] {{ border: 2px dashed {p.confidential}; }}
    QFrame#section:focus {{ border: 2px solid {p.accent}; }}
    QTextEdit[confidential="true"] {{ border: 2px dashed {p.confidential}; }}
    QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QDateTimeEdit, QSpinBox {{
        background: {p.field}; border: 1px solid {p.border}; border-radius: 6px;
        padding: 5px 8px; selection-background-color: {p.selected};
        selection-color: {p.text}; }}
    QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus,
    QDateEdit:focus, QSpinBox:focus {{ border: 2px solid {p.accent}; }}
    QTextEdit[confidential="true"]:focus {{ border: 2px dashed {p.confidential};
        border-left: 6px solid {p.accent}; }}
    QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"], QTextEdit[readOnly="true"] {{
        background: {p.window}; border-style: dashed; color: {p.muted}; }}
    QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
        width: 24px; border: none; }}
    QComboBox::down-arrow {{ image: url("{arrow_path}"); width: 12px; height: 8px; }}
    QComboBox QLineEdit, QComboBox QLineEdit:focus, QComboBox QLineEdit[readOnly="true"] {{
        background: transparent; border: none; padding: 0; }}
    QPushButton {{ background: {p.page}; border: 1px solid {p.border}; border-radius: 6px;
        padding: 6px 14px; }}
    QPushButton:focus {{ border: 2px solid {p.accent}; }}
    QPushButton#primary {{ background: {p.accent}; color: {p.accent_text};
        border: 2px solid {p.accent}; font-weight: 600; }}
    QPushButton#primary:focus {{ border: 3px solid {p.text}; }}
    QPushButton#editButton {{ border: 1px dashed {p.border}; color: {p.accent};
        background: transparent; }}
    QPushButton#editButton:focus {{ border: 2px solid {p.accent}; }}
    /* Every control shows when it has the keyboard: a person never presses a key blind. */
    QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 4px;
        padding: 2px 4px; }}
    QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {p.accent}; }}
    QToolButton:focus {{ border: 2px solid {p.accent}; border-radius: 4px; }}
    QTableView:focus, QListView:focus, QTreeView:focus, QScrollArea:focus {{
        border: 2px solid {p.accent}; }}
    QTabBar::tab:focus {{ border: 2px solid {p.accent}; }}
    QListWidget#agenda {{ background: {p.sidebar}; color: {p.sidebar_text};
        border: 2px solid {p.sidebar}; padding: 8px 0; outline: none; }}
    QListWidget#agenda:focus {{ border: 2px solid {p.accent}; }}
    QListWidget#agenda::item {{ padding: 8px 14px; border-left: 4px solid transparent; }}
    QListWidget#agenda::item:selected {{ background: {p.selected}; color: {p.text};
        border-left: 4px solid {p.accent}; }}
    QWidget#header {{ background: {p.page}; border-bottom: 1px solid {p.border}; }}
    QLabel#headerFamily {{ font-weight: 600; }}
    QLabel#headerMeta {{ color: {p.muted}; }}
    QLabel#saveState {{ color: {p.muted}; }}
    QLabel#saveState[state="failed"] {{ color: {p.warning}; font-weight: 600; }}
    QLabel#presentationBanner {{ background: {p.banner}; color: {banner_text};
        font-weight: 700; padding: 6px 12px; }}
    QLabel#status[kind="good"] {{ color: {p.accent}; font-weight: 600; }}
    QLabel#status[kind="bad"] {{ color: {p.warning}; font-weight: 600; }}
    QTableView {{ background: {p.page}; gridline-color: {p.border}; border: 1px solid {p.border};
        selection-background-color: {p.selected}; selection-color: {p.text}; }}
    QTableView#rowsTable::item {{ padding: 6px 10px; border-bottom: 1px solid {p.border}; }}
    QTableView#rowsTable {{ qproperty-focusColor: {p.accent}; }}
    QHeaderView::section {{ background: {p.sidebar}; padding: 6px 10px; border: none;
        border-bottom: 1px solid {p.border}; font-weight: 600; }}
    QStatusBar {{ background: {p.window}; }}
    /* Review, sign-off, addendum and audit trail */
    QLabel#dialogTitle {{ font-weight: 600; }}
    QWidget#reviewPanel {{ background: {p.window}; }}
    QLabel#reviewTitle {{ font-weight: 700; }}
    QListView#reviewList {{ background: {p.page}; border: 1px solid {p.border};
        border-radius: 8px; outline: none; selection-background-color: {p.selected};
        selection-color: {p.text}; }}
    QLabel#refusal {{ background: {p.page}; border: 1px solid {p.warning};
        border-left: 5px solid {p.warning}; border-radius: 6px; padding: 10px 14px; }}
    QFrame#warningBox {{ background: {p.page}; border: 1px solid {p.border};
        border-left: 5px solid {p.confidential}; border-radius: 6px; }}
    QLabel#warningTitle {{ font-weight: 600; }}
    QToolButton#closeReview {{ border: none; padding: 2px 8px; color: {p.muted}; }}
    QPushButton#primary:disabled {{ background: {p.border}; color: {p.muted}; }}
    QWidget#scoreSpread, QWidget#safetyLine {{ qproperty-markColor: {p.accent};
        qproperty-familyColor: {p.family_mark}; qproperty-lineColor: {p.muted};
        qproperty-medianColor: {p.text}; }}
    QLabel#subTitle {{ font-weight: 600; color: {p.text}; padding-top: 6px; }}
    QLabel#fieldCaption, QLabel#scorerDetail {{ color: {p.muted}; }}
    QLabel#gridHeading {{ color: {p.muted}; font-weight: 600; }}
    QLabel#scorerName {{ font-weight: 600; }}
    QLineEdit[scoreBox="true"] {{ font-weight: 600; }}
    QSpinBox[scoreBox="true"]::up-button, QSpinBox[scoreBox="true"]::down-button {{
        width: 0px; border: none; }}
    QLabel#quoracy {{ font-weight: 600; padding: 8px 12px;
        border-radius: 6px; color: {p.accent}; border: 1px solid {p.accent}; }}
    QLabel#quoracy[kind="bad"] {{ color: {p.warning}; border: 2px solid {p.warning}; }}
    QCheckBox[chip="true"] {{ border: 1px solid {p.muted}; border-radius: 14px;
        padding: 5px 14px; background: {p.sidebar}; spacing: 0px; }}
    QCheckBox[chip="true"]:checked {{ background: {p.accent}; color: {p.accent_text};
        border: 1px solid {p.accent}; font-weight: 600; }}
    QCheckBox[chip="true"]:focus {{ border: 2px solid {p.text}; }}
    QCheckBox[chip="true"]::indicator {{ width: 0px; height: 0px; }}
    QToolBar {{ background: {p.window}; border: none; spacing: 6px; }}
    /* Plan, actions, core group, children's plan and the export dialog */
    QLabel#columnHeader {{ color: {p.muted}; font-weight: 600; }}
    QLabel#rowMark {{ color: {p.warning}; font-weight: 700; }}
    QLabel#dueNote {{ color: {p.text}; background: {p.sidebar}; border-radius: 6px;
        padding: 8px 12px; }}
    QFrame#card {{ background: {p.field}; border: 1px solid {p.border}; border-radius: 8px; }}
    QComboBox[warn="true"], QLineEdit[warn="true"], QLineEdit[unread="true"] {{
        border: 2px solid {p.warning}; }}
    QToolButton#picture {{ background: {p.page}; border: 2px solid {p.border};
        border-radius: 10px; padding: 6px; }}
    QToolButton#picture:checked {{ background: {p.selected}; border: 3px solid {p.accent}; }}
    QToolButton#picture:focus {{ border: 3px dashed {p.accent}; }}
    QLabel#exportResult {{ background: {p.selected}; border-radius: 6px; padding: 8px 12px; }}
    """


def apply_theme(app: QApplication, *, zoom_percent: int, high_contrast: bool) -> bool:
    """The theme at a zoom, for every window of the application.

    A new zoom (F5 switches to the presentation zoom) is only a change of fonts, one per
    widget class: Qt gives each widget its class's font, widgets built later included.
    The style sheet changes only with the palette; setting it again restyles every
    widget, which took most of an F5. Returns whether it did (the palette changed).

    The fields of a pane not on screen keep their type while a :class:`TypeHold` is on
    them, and take it when the hold is let go, before the pane is next shown.
    """
    sheet = stylesheet(HIGH_CONTRAST if high_contrast else CALM)
    restyled = app.styleSheet() != sheet
    if restyled:  # only when the palette changes; it forgets class fonts
        app.setStyleSheet(sheet)
    size = BASE_POINT_SIZE * zoom_percent / 100
    body = QFont(app.font())
    body.setPointSizeF(size)
    app.setFont(body)  # what QApplication.font() says; it also forgets the class fonts
    # Under a style sheet the application's font reaches only the windows, not the
    # widgets in them: the body's size is given to every widget as the font of QWidget.
    # A font of its own (not a copy of the application's) so that each widget takes it
    # directly, as the style sheet's "QWidget { font-size }" did, and not from its parent.
    # Each call tells every widget of its class; the sizes of the classes first, the
    # body's last, so that a title or a caption changes its type once, not to the body's
    # size and then to its own (about a widget in six; each change lays its words out).
    for name, scale in (*TYPE_SCALES.items(), ("QWidget", 1.0)):
        font = QFont(body.families())
        font.setPointSizeF(round(size * scale, 1))
        # PySide's stub says bytes; the binding takes the name as str (and refuses bytes).
        app.setFont(font, name)  # type: ignore[arg-type]
    return restyled


#: What a new type costs most in a pane not on screen: a text box lays its words out again
#: and fits its height, a combo box works out its size again. Everything else (labels,
#: frames, buttons) takes the new type at once, for less than holding it back would cost.
FIELD_CLASSES = (QTextEdit, QComboBox, QLineEdit)


def _fields_in(top: QWidget) -> list[QWidget]:
    """The fields in ``top`` (not the widgets they are made of: the area a text box's
    words are in lays nothing out when its type changes)."""
    found: dict[QWidget, None] = {}
    for kind in FIELD_CLASSES:
        found.update(dict.fromkeys(top.findChildren(kind)))
    return list(found)


class TypeHold(QObject):
    """The fields of a widget not on screen (a pane) keep their type until let go.

    A new type size (F5, a zoom) is then the work of the pane on screen, not of every
    pane built: the application's word of the change does not reach these fields, and
    :meth:`let_go` gives it to them, before the pane is shown again, if one came.
    The hold stays from the first new type after the pane left the screen until it is
    shown, so a second F5 or zoom meanwhile neither looks for the fields again nor
    sets a filter on each of them again.

    A filter on each field, not on the application: one on the application would be
    asked about every event of the widgets on screen too, which cost more than the
    fonts it spared. Fields added to the pane later are not held: they take the type
    at once, as any other widget.
    """

    def __init__(self, top: QWidget) -> None:
        super().__init__(top)  # goes with the pane
        self.fields = _fields_in(top)
        #: A new type came while held: the fields take it when let go.
        self.owed = False
        for widget in self.fields:
            widget.installEventFilter(self)

    def let_go(self) -> None:
        """The fields take the type the application has now (each its class's font), as
        Qt gives it on a change, if one came while they were held."""
        change = QEvent(QEvent.Type.ApplicationFontChange)
        for widget in self.fields:
            if not isValid(widget):  # taken out of the pane while it was off screen
                continue
            widget.removeEventFilter(self)
            if self.owed:
                QApplication.sendEvent(widget, change)
        self.fields = []
        self.setParent(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self.owed = True
            return True
        return False
