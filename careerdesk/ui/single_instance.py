"""One writer, friendly: a second CareerDesk on the same file brings the first window forward.

The window that holds a database's lock listens on a local socket (QLocalServer:
a Unix domain socket or a Windows named pipe, never a network socket) whose
name is derived from the file's path. A second start on that file finds the
lock taken, connects, asks for the window, and exits instead of refusing.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

REQUEST = b"raise\n"
TIMEOUT_MS = 1500


def server_name(db_path: Path | str) -> str:
    """A socket name for this file and user: same file, same name; nothing of the path shown."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name (containers): the path alone will do
        user = ""
    key = f"{user}\0{Path(db_path).absolute().resolve()}".encode()
    return "careerdesk-" + hashlib.sha256(key).hexdigest()[:32]


class InstanceServer(QObject):
    """Listens for a second CareerDesk on the same file; emits `activation_requested`."""

    activation_requested = Signal()

    def __init__(self, db_path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self._server = QLocalServer(self)
        # Only this user may connect (the socket file is 0700 on Unix).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)

    def listen(self) -> bool:
        """Start listening; True on success. Call only while holding the file's lock."""
        # A socket left by a crashed CareerDesk would block listen(); it is stale,
        # since only the lock holder listens, and we hold the lock.
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_request(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_request(socket)

    def _on_request(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(REQUEST.strip()):
            socket.write(b"ok\n")
            socket.flush()
            self.activation_requested.emit()


def bring_forward(window: QWidget) -> None:
    """Show the window on top, restored if it was minimised."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def serve(window: QWidget, db_path: Path | str) -> InstanceServer:
    """Make `window` the one a second start on `db_path` brings forward (owned by the window)."""
    server = InstanceServer(db_path, window)
    server.activation_requested.connect(lambda: bring_forward(window))
    server.listen()
    return server


def ask_running_instance(db_path: Path | str, timeout_ms: int = TIMEOUT_MS) -> bool:
    """From a second start: ask the CareerDesk that has `db_path` open to come forward.

    True when the request was delivered; False when nobody listens (an older
    CareerDesk, or a process that holds the lock without a window).
    """
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(REQUEST)
    delivered = socket.waitForBytesWritten(timeout_ms)
    # The answer comes when the first window's event loop runs; wait for it briefly.
    if delivered and socket.waitForReadyRead(timeout_ms):
        delivered = bytes(socket.readAll().data()).startswith(b"ok")
    socket.disconnectFromServer()
    return delivered
