"""A second CareerDesk on the same file brings the first window forward (ui.single_instance)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QWidget

from careerdesk.ui import single_instance

FIRST_INSTANCE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from careerdesk.ui.single_instance import InstanceServer

    app = QCoreApplication([])
    server = InstanceServer(sys.argv[1])
    assert server.listen()
    server.activation_requested.connect(lambda: (print("activated", flush=True), app.quit()))
    QTimer.singleShot(30_000, app.quit)
    print("listening", flush=True)
    app.exec()
    """
)


def test_second_process_reaches_the_first_one(qapp, tmp_path):
    path = tmp_path / "plan.db"
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST_INSTANCE, str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert first.stdout.readline().strip() == "listening"
        assert single_instance.ask_running_instance(path)
        assert first.stdout.readline().strip() == "activated"
    finally:
        first.wait(timeout=30)


def test_nobody_listening_on_another_file(qapp, tmp_path):
    assert not single_instance.ask_running_instance(tmp_path / "alone.db", timeout_ms=300)


def test_names_differ_per_file_and_say_nothing_of_the_path(tmp_path):
    a = single_instance.server_name(tmp_path / "a.db")
    assert a == single_instance.server_name(tmp_path / "x" / ".." / "a.db")
    assert a != single_instance.server_name(tmp_path / "b.db")
    assert "a.db" not in a and str(tmp_path) not in a


def test_the_request_brings_a_minimised_window_forward(qtbot, tmp_path):
    window = QWidget()
    window.setObjectName("mainWindow")
    qtbot.addWidget(window)
    window.showMinimized()
    path = tmp_path / "plan.db"
    server = single_instance.serve(window, path)
    with qtbot.waitSignal(server.activation_requested, timeout=5000):
        assert single_instance.ask_running_instance(path, timeout_ms=200)
    assert not window.isMinimized()
    assert window.isVisible()
    server.close()
