"""Signing off: the chair's name, a confirmation, and what stops it if anything does.

The dialog refuses while anything blocking remains, and lists it; warnings are
shown so the chair signs off knowing them. The sign-off itself is done by the
caller's ``submit`` (the operation refuses anyone but a chair, whatever the
window offers); a refusal is shown in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...actor import Actor
from ...model import Conference, Role
from ...review import ReviewItem
from .form import FormDialog

#: How many items are listed before "and N more".
SHOWN = 8

CONFIRMATION = (
    "I have reviewed this record. It is a true record of the conference, "
    "and I understand it cannot be changed once signed off; only an addendum can be added."
)


def _listed(items: list[ReviewItem], shown: int | None = SHOWN) -> str:
    lines = [f"•  {item.sentence}" for item in items[:shown]]
    if shown is not None and len(items) > shown:
        lines.append(f"… and {len(items) - shown} more (see the review list).")
    return "\n".join(lines)


class SignOffDialog(FormDialog):
    """Asks the chair to sign off; ``submit(name)`` returns a refusal or None."""

    def __init__(
        self,
        parent: QWidget | None,
        actor: Actor,
        conference: Conference,
        items: list[ReviewItem],
        submit: Callable[[str], str | None],
        show_review: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.submit = submit
        self.blocking = [i for i in items if i.blocking]
        self.warnings = [i for i in items if not i.blocking]
        layout = self.page("signOffDialog", "Sign off the record", 560)
        when = conference.scheduled_at
        about = QLabel(
            f"{conference.family_name} family — {conference.kind.label.lower()} held on "
            f"{when.day} {when:%B %Y}. Chair: {conference.chair or 'not named'}. "
            f"Now: {conference.status.label.lower()}."
        )
        about.setObjectName("sectionHint")
        about.setWordWrap(True)
        layout.addWidget(about)

        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.refusal)
        if actor.role is not Role.CHAIR:
            self._refuse(
                f"Only the conference chair can sign off the record. You are using CP Recorder "
                f"as {actor.role.label.lower()} (File → Who is using CP Recorder…)."
            )
        elif self.blocking:
            count = len(self.blocking)
            self._refuse(
                f"{count} {'thing' if count == 1 else 'things'} must be fixed before the "
                f"record can be signed off:\n{_listed(self.blocking)}"
            )
        else:
            self.refusal.hide()

        if self.warnings:
            box = QFrame()
            box.setObjectName("warningBox")
            inner = QVBoxLayout(box)
            inner.setContentsMargins(14, 10, 14, 10)
            inner.setSpacing(6)
            count = len(self.warnings)
            jargon = sum(1 for i in self.warnings if i.check == "jargon")
            about_jargon = f", {jargon} of them about jargon" if jargon else ""
            heading = QLabel(
                f"You can sign off with {count} {'warning' if count == 1 else 'warnings'}"
                f"{about_jargon}. Please look over them first:"
            )
            heading.setObjectName("warningTitle")
            heading.setWordWrap(True)
            inner.addWidget(heading)
            self.warning_list = QLabel(_listed(self.warnings, None))
            self.warning_list.setWordWrap(True)
            self.warning_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setWidget(self.warning_list)
            scroller.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
            inner.addWidget(scroller)
            layout.addWidget(box)

        form = QFormLayout()
        form.setHorizontalSpacing(12)
        self.chair_name = QLineEdit(actor.name)
        self.chair_name.setAccessibleName("Chair's name")
        self.chair_name.setPlaceholderText("Your full name, as it appears on the record")
        name_label = QLabel("Chair's &name")
        name_label.setBuddy(self.chair_name)
        form.addRow(name_label, self.chair_name)
        layout.addLayout(form)
        # A QCheckBox does not wrap its words: they sit in a label beside it.
        self.confirm = QCheckBox("I &confirm:")
        self.confirm.setAccessibleName("Confirm the record is true and complete")
        self.confirm.setAccessibleDescription(CONFIRMATION)
        self.confirm.setObjectName("confirmSignOff")
        words = QLabel(CONFIRMATION)
        words.setWordWrap(True)
        words.setBuddy(self.confirm)
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(self.confirm, 0, Qt.AlignmentFlag.AlignTop)
        confirm_row.addWidget(words, 1)
        layout.addLayout(confirm_row)

        self.review_button = QPushButton("Show the &review list")
        self.review_button.setAccessibleName("Show the review list")
        self.review_button.setVisible(show_review is not None and bool(items))
        if show_review is not None:
            self.review_button.clicked.connect(self.reject)
            self.review_button.clicked.connect(show_review)
        self.sign_button = self.main_buttons(
            layout, "Sign off the record", before=self.review_button
        )
        self.chair_name.textChanged.connect(self._update)
        self.confirm.toggled.connect(self._update)
        self._update()
        if self.chair_name.text().strip():
            self.confirm.setFocus()
        else:
            self.chair_name.setFocus()

    def _refuse(self, text: str) -> None:
        self.refusal.setText(text)
        self.refusal.show()

    def allowed(self) -> bool:
        return self.actor.role is Role.CHAIR and not self.blocking

    def _update(self) -> None:
        ready = self.allowed() and bool(self.chair_name.text().strip()) and self.confirm.isChecked()
        self.sign_button.setEnabled(ready)
        self.chair_name.setEnabled(self.allowed())
        self.confirm.setEnabled(self.allowed())

    def accept(self) -> None:
        """Sign off only when allowed, named and confirmed; a refusal keeps the dialog open."""
        if not self.allowed():
            return
        if not self.chair_name.text().strip():
            self.chair_name.setFocus()
            return
        if not self.confirm.isChecked():
            self.confirm.setFocus()
            return
        refusal = self.submit(self.chair_name.text().strip())
        if refusal:
            self.refuse(refusal)
            return
        super().accept()
