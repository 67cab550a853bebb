"""Withdraw a conference created by mistake, saying why.

It leaves every list; its record and its audit trail are kept. A signed-off
record can never be withdrawn (the operation refuses it, and the start view does
not offer it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ...dates import moment_in_words
from ...queries import ConferenceSummary
from .form import FormDialog


class WithdrawDialog(FormDialog):
    """Asks why; "Withdraw the conference" is offered once a reason is typed.

    ``submit(reason)`` withdraws it and returns a refusal in words, or None.
    """

    def __init__(
        self,
        parent: QWidget | None,
        conference: ConferenceSummary,
        submit: Callable[[str], str | None],
    ) -> None:
        super().__init__(parent)
        self.submit = submit
        layout = self.page("withdrawDialog", "Withdraw a conference created by mistake", 560)
        when = conference.scheduled_at
        about = QLabel(
            f"{conference.family_name} family — {conference.kind.label.lower()} on "
            f"{moment_in_words(when)}. It will leave every list; its record and "
            "its audit trail are kept, with your name and the reason. This cannot be undone "
            "from the window."
        )
        about.setObjectName("sectionHint")
        about.setWordWrap(True)
        layout.addWidget(about)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why the conference is withdrawn")
        self.reason.setPlaceholderText("For example: created twice by mistake")
        label = QLabel("&Why is it withdrawn?")
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        self.withdraw_button = self.main_buttons(layout, "Withdraw the conference")
        self.reason.textChanged.connect(self._update)
        self._update()
        self.reason.setFocus()

    def _update(self) -> None:
        self.withdraw_button.setEnabled(bool(self.reason.text().strip()))

    def accept(self) -> None:
        """Withdraw it; a refusal is said under the reason and the dialog stays open."""
        reason = self.reason.text().strip()
        if not reason:
            return
        refusal = self.submit(reason)
        if refusal:
            self.refuse(refusal)
            return
        super().accept()
