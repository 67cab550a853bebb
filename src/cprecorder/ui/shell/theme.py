"""How the window looks: a calm light theme, and a high-contrast one for the shared screen.

Sizes are in points and scale with the zoom, so text stays readable over Teams.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

BASE_POINT_SIZE = 11.0


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


def stylesheet(p: Palette, zoom_percent: int) -> str:
    scale = zoom_percent / 100
    banner_text = p.accent_text if p is HIGH_CONTRAST else "#ffffff"
    base = BASE_POINT_SIZE * scale

    def pt(factor: float) -> str:
        return f"{base * factor:.1f}pt"

    return f"""
    QMainWindow, QDialog {{ background: {p.window}; color: {p.text}; }}
    QWidget {{ color: {p.text}; font-size: {pt(1)}; }}
    QWidget#page, QScrollArea > QWidget > QWidget#page {{ background: {p.page}; }}
    QScrollArea {{ background: {p.page}; }}
    QLabel#paneTitle {{ font-size: {pt(1.9)}; font-weight: 600; color: {p.text}; }}
    QLabel#panePrompt {{ font-size: {pt(1.05)}; color: {p.muted}; }}
    QLabel#sectionTitle {{ font-size: {pt(1.25)}; font-weight: 600; color: {p.accent}; }}
    QLabel#sideTitle {{ font-size: {pt(1.35)}; font-weight: 700; color: {p.text}; }}
    QComboBox#contributor {{ border: 2px solid transparent; background: transparent;
        color: {p.muted}; font-size: {pt(0.9)}; padding: 0 4px; }}
    QComboBox#contributor:focus {{ border: 2px solid {p.accent}; }}
    QLabel#sectionHint, QLabel#emptyNote {{ color: {p.muted}; }}
    QLabel#itemNumber {{ color: {p.muted}; padding-top: 6px; }}
    QLabel#lockBanner {{ background: {p.sidebar}; border-left: 4px solid {p.accent};
        padding: 8px 12px; }}
    QLabel#confidentialTag {{ color: {p.confidential}; font-weight: 600; }}
    QLabel#flag {{ color: {p.warning}; }}
    QFrame#section {{ background: {p.page}; border: 1px solid {p.border};
        border-radius: 8px; }}
    QFrame#section[confidential="true"] {{ border: 2px dashed {p.confidential}; }}
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
        border: 2px solid {p.sidebar}; font-size: {pt(1.05)}; padding: 8px 0; outline: none; }}
    QListWidget#agenda:focus {{ border: 2px solid {p.accent}; }}
    QListWidget#agenda::item {{ padding: 8px 14px; border-left: 4px solid transparent; }}
    QListWidget#agenda::item:selected {{ background: {p.selected}; color: {p.text};
        border-left: 4px solid {p.accent}; }}
    QWidget#header {{ background: {p.page}; border-bottom: 1px solid {p.border}; }}
    QLabel#headerFamily {{ font-size: {pt(1.45)}; font-weight: 600; }}
    QLabel#headerMeta {{ color: {p.muted}; }}
    QLabel#saveState {{ color: {p.muted}; }}
    QLabel#saveState[state="failed"] {{ color: {p.warning}; font-weight: 600; }}
    QLabel#presentationBanner {{ background: {p.banner}; color: {banner_text};
        font-weight: 700; padding: 6px 12px; font-size: {pt(1.1)}; }}
    QLabel#status[kind="good"] {{ color: {p.accent}; font-weight: 600; }}
    QLabel#status[kind="bad"] {{ color: {p.warning}; font-weight: 600; }}
    QTableView {{ background: {p.page}; gridline-color: {p.border}; border: 1px solid {p.border};
        selection-background-color: {p.selected}; selection-color: {p.text}; }}
    QHeaderView::section {{ background: {p.sidebar}; padding: 6px; border: none;
        border-bottom: 1px solid {p.border}; font-weight: 600; }}
    QStatusBar {{ background: {p.window}; }}
    /* Review, sign-off, addendum and audit trail */
    QLabel#dialogTitle {{ font-size: {pt(1.6)}; font-weight: 600; }}
    QWidget#reviewPanel {{ background: {p.window}; }}
    QLabel#reviewTitle {{ font-size: {pt(1.35)}; font-weight: 700; }}
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
    QLabel#fieldCaption, QLabel#scorerDetail {{ color: {p.muted}; font-size: {pt(0.9)}; }}
    QLabel#gridHeading {{ color: {p.muted}; font-weight: 600; font-size: {pt(0.9)}; }}
    QLabel#scorerName {{ font-weight: 600; }}
    QLineEdit[scoreBox="true"] {{ font-size: {pt(1.15)}; font-weight: 600; }}
    QSpinBox[scoreBox="true"]::up-button, QSpinBox[scoreBox="true"]::down-button {{
        width: 0px; border: none; }}
    QLabel#quoracy {{ font-size: {pt(1.1)}; font-weight: 600; padding: 8px 12px;
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
    QLabel#columnHeader {{ color: {p.muted}; font-weight: 600; font-size: {pt(0.9)}; }}
    QLabel#groupTitle {{ font-size: {pt(1.1)}; font-weight: 700; color: {p.text}; }}
    QLabel#rowMark {{ color: {p.warning}; font-weight: 700; }}
    QLabel#dueNote {{ color: {p.text}; background: {p.sidebar}; border-radius: 6px;
        padding: 8px 12px; }}
    QLabel#cardNumber {{ color: {p.accent}; font-weight: 700; font-size: {pt(1.1)}; }}
    QFrame#card {{ background: {p.field}; border: 1px solid {p.border}; border-radius: 8px; }}
    QComboBox[warn="true"], QLineEdit[warn="true"], QLineEdit[unread="true"] {{
        border: 2px solid {p.warning}; }}
    QTextEdit[words="child"] {{ font-size: {pt(1.25)}; }}
    QToolButton#picture {{ background: {p.page}; border: 2px solid {p.border};
        border-radius: 10px; padding: 6px; }}
    QToolButton#picture:checked {{ background: {p.selected}; border: 3px solid {p.accent}; }}
    QToolButton#picture:focus {{ border: 3px dashed {p.accent}; }}
    QLabel#exportResult {{ background: {p.selected}; border-radius: 6px; padding: 8px 12px; }}
    """


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def split_sizes(sheet: str) -> tuple[str, str]:
    """The style sheet without its font sizes, and its font sizes alone.

    Restyling every widget of the application takes seconds on a busy machine; the
    colours, borders and spacing do not change with the zoom, so they stay on the
    application, and only the sizes are set again, on the window.
    """
    looks: list[str] = []
    sizes: list[str] = []
    for selector, body in _RULE.findall(re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)):
        declarations = [d.strip() for d in body.split(";") if d.strip()]
        sized = [d for d in declarations if d.startswith("font-size")]
        rest = [d for d in declarations if not d.startswith("font-size")]
        if rest:
            looks.append(f"{selector.strip()} {{ {'; '.join(rest)}; }}")
        if sized:
            sizes.append(f"{selector.strip()} {{ {'; '.join(sized)}; }}")
    return "\n".join(looks), "\n".join(sizes)


def apply_theme(
    app: QApplication, *, zoom_percent: int, high_contrast: bool, window: QWidget | None = None
) -> None:
    """The theme at a zoom; with ``window``, sizes are restyled on that window alone."""
    palette = HIGH_CONTRAST if high_contrast else CALM
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * zoom_percent / 100)
    app.setFont(font)
    sheet = stylesheet(palette, zoom_percent)
    if window is None:
        app.setStyleSheet(sheet)
        return
    looks, sizes = split_sizes(sheet)
    if app.styleSheet() != looks:  # only when the palette changes
        app.setStyleSheet(looks)
    window.setStyleSheet(sizes)
