"""Screenshots of every tab on the example plan, for the README (run by docs/screenshots.sh)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from careerdesk.app import create_window
from careerdesk.core import db, demo

OUT = Path(__file__).parent / "screenshots"


def main() -> None:
    today = dt.date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else dt.date.today()
    path = Path(tempfile.mkdtemp()) / "Example plan.db"
    with db.opened(path):
        demo.write_example_plan(today=today)
    window = create_window(path, today=today)
    window.setGeometry(0, 0, 1400, 900)
    app = QApplication.instance()
    OUT.mkdir(exist_ok=True)

    def shoot(index: int = 0) -> None:
        if index == window.tabs.count():
            window.close()
            app.quit()
            return
        window.tabs.setCurrentIndex(index)
        name = window.tabs.widget(index).objectName().removesuffix("_page")

        def grab() -> None:
            subprocess.run(["import", "-window", "root", str(OUT / f"{name}.png")], check=True)
            shoot(index + 1)

        QTimer.singleShot(700, grab)

    QTimer.singleShot(500, shoot)
    app.exec()


if __name__ == "__main__":
    main()
