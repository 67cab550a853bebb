"""Who is using the app: a name and a role, remembered for this OS account.

The role decides what is offered (only a chair signs off) and is written into
every audit entry. It is not security against a determined insider: the OS
account is.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...actor import Actor, os_user
from ...model import Role
from ..dialogs.form import FormDialog
from .settings import remember_actor, remembered_actor

__all__ = ["IdentityDialog", "remember_actor", "remembered_actor"]


class IdentityDialog(FormDialog):
    """Asks for the person's name and role."""

    def __init__(self, parent: QWidget | None = None, current: Actor | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is using CP Recorder?")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Your name and role are written beside every change you make. "
            "Only a chair can sign off a record."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.name = QLineEdit(current.name if current else "")
        self.name.setAccessibleName("Your name")
        form.addRow("Your &name", self.name)
        self.role = QComboBox()
        self.role.setAccessibleName("Your role")
        for role in Role:
            self.role.addItem(role.label, role)
        if current is not None:
            self.role.setCurrentIndex(self.role.findData(current.role))
        form.addRow("Your &role", self.role)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName("OK")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if self.name.text().strip():
            self.accept()
        else:
            self.name.setFocus()

    def actor(self) -> Actor:
        return Actor(
            name=self.name.text().strip(), role=Role(self.role.currentData()), os_user=os_user()
        )
