"""One window per data folder: starting the app again brings the first window forward.

The first instance listens on a local socket named after the OS user and the
data folder; a second instance that reaches it asks it to come forward and
exits. Different data folders (or users) do not see each other.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

WAIT_MS = 500


def server_name(data_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha1(f"{user}:{data_dir.resolve()}".encode()).hexdigest()[:16]
    return f"cprecorder-{digest}"


def ask_first_instance(name: str) -> bool:
    """True if another instance answered and was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(b"raise\n")
    socket.waitForBytesWritten(WAIT_MS)
    socket.disconnectFromServer()
    return True


class FirstInstance(QObject):
    """Listens for later instances; ``raise_requested`` brings the window forward."""

    raise_requested = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.server = QLocalServer(self)
        # A server left by a killed instance would block the name: remove it first.
        QLocalServer.removeServer(name)
        self.listening = self.server.listen(name)
        self.server.newConnection.connect(self._connection)

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))

    def _read(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).strip() == b"raise":
            self.raise_requested.emit()
        connection.disconnectFromServer()
