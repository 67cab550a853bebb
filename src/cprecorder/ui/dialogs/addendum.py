"""An addendum to a signed-off record: who adds it, why, and what it says.

The only change a signed-off record accepts. Addenda already made are shown
first, so nobody adds the same thing twice; the new one is shown at the end of
the record and written into the audit trail by the operation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...actor import Actor
from ...dates import local_moment, long_date, moment_in_words
from ...model import Addendum, Conference
from ..widgets.labels import SectionTitle, SideTitle
from .form import FormDialog


def addendum_card(addendum: Addendum) -> QFrame:
    """One earlier addendum: author, when, why, and its words."""
    card = QFrame()
    card.setObjectName("section")
    inner = QVBoxLayout(card)
    inner.setContentsMargins(14, 10, 14, 12)
    inner.setSpacing(4)
    head = SectionTitle(f"{addendum.author} — {moment_in_words(local_moment(addendum.created_at))}")
    head.setObjectName("sectionTitle")
    reason = QLabel(f"Why: {addendum.reason}")
    reason.setObjectName("sectionHint")
    reason.setWordWrap(True)
    text = QLabel(addendum.text)
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    for widget in (head, reason, text):
        inner.addWidget(widget)
    return card


class AddendumDialog(FormDialog):
    """Asks for the author, reason and text; ``submit`` returns a refusal or None."""

    def __init__(
        self,
        parent: QWidget | None,
        actor: Actor,
        conference: Conference,
        submit: Callable[[str, str, str], str | None],
    ) -> None:
        super().__init__(parent)
        self.submit = submit
        layout = self.page("addendumDialog", "Add an addendum", 600)
        signed = conference.signed_off_at
        when = local_moment(signed) if signed else None
        intro = QLabel(
            f"This record was signed off by {conference.signed_off_by or 'the chair'}"
            + (f" on {long_date(when.date())}" if when else "")
            + ". It cannot be changed, but a named person can add to it. The addendum is "
            "shown at the end of the record and kept in the audit trail."
        )
        intro.setObjectName("sectionHint")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        if conference.addenda:
            earlier = SideTitle(f"Addenda already made ({len(conference.addenda)})")
            earlier.setObjectName("sideTitle")
            layout.addWidget(earlier)
            holder = QWidget()
            cards = QVBoxLayout(holder)
            cards.setContentsMargins(0, 0, 0, 0)
            for addendum in conference.addenda:
                cards.addWidget(addendum_card(addendum))
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setWidget(holder)
            scroller.setMaximumHeight(260)
            layout.addWidget(scroller)

        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        self.author = QLineEdit(actor.name)
        self.author.setAccessibleName("Author of the addendum")
        self.author.setPlaceholderText("Your full name")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the addendum")
        self.reason.setPlaceholderText("For example: a date was recorded wrongly")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Text of the addendum")
        self.text.setPlaceholderText("What is added to the record, in everyday words")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(120)
        for label, widget in (
            ("&Author", self.author),
            ("&Reason", self.reason),
            ("&Text", self.text),
        ):
            shown = QLabel(label)
            shown.setBuddy(widget)
            form.addRow(shown, widget)
        layout.addLayout(form)

        self.add_button = self.main_buttons(layout, "Add the addendum")
        for edit in (self.author, self.reason):
            edit.textChanged.connect(self._update)
        self.text.textChanged.connect(self._update)
        self._update()
        (self.reason if self.author.text().strip() else self.author).setFocus()

    def _filled(self) -> bool:
        return all(
            (
                self.author.text().strip(),
                self.reason.text().strip(),
                self.text.toPlainText().strip(),
            )
        )

    def _update(self) -> None:
        self.add_button.setEnabled(self._filled())

    def accept(self) -> None:
        if not self._filled():
            return
        refusal = self.submit(
            self.author.text().strip(), self.reason.text().strip(), self.text.toPlainText()
        )
        if refusal:
            self.refuse(refusal)
            return
        super().accept()
