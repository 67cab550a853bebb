"""Words whose type size differs from the body's: titles, prompts, captions, banners.

Each kind is its own class so that Qt gives it its size (the theme sets one font per
class, :data:`cprecorder.ui.shell.theme.TYPE_SCALES`): a new size for F5 or a zoom
is a font change, not a new style sheet that restyles every widget. Colours, borders
and weights still come from the style sheet, by object name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


class PaneTitle(QLabel):
    """A pane's or a view's title."""


class PanePrompt(QLabel):
    """The question under a pane's title."""


class SectionTitle(QLabel):
    """A section's heading within a pane or a dialog."""


class SideTitle(QLabel):
    """A heading beside the words it names (worries' columns, the review's title)."""


class DialogTitle(QLabel):
    """A dialog's title."""


class Caption(QLabel):
    """Small words: a field's caption, a column or grid heading, a scorer's detail."""


class Announcement(QLabel):
    """A line that must be seen: the shared-screen banner, whether a meeting is quorate."""


class FamilyName(QLabel):
    """The family's name in the header."""


#: What the red banner across a view on the shared screen says (presentation mode).
SHARED_SCREEN = "●  SHARED SCREEN  —  professionals-only information is hidden"


def shared_screen_banner() -> Announcement:
    """The banner across the top of a view while the screen is shared (F5), hidden until
    then: the minute-taker and the chair know the family sees this screen."""
    banner = Announcement(SHARED_SCREEN)
    banner.setObjectName("presentationBanner")
    banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
    banner.setWordWrap(True)
    banner.hide()
    return banner
