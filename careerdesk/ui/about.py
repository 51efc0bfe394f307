"""The About dialog: version, where the data lives, and the licenses of what we ship."""

from __future__ import annotations

import html
import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from careerdesk import __version__
from careerdesk.core.catalogue import ATTRIBUTION


class AboutDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About CareerDesk"))
        self.resize(560, 460)
        heading = QLabel(
            self.tr(
                "<h2>CareerDesk {version}</h2><p>Plan and develop your career, privately, "
                "on your own computer.</p>"
            ).format(version=__version__),
            self,
        )
        heading.setObjectName("about_heading")
        heading.setTextFormat(Qt.TextFormat.RichText)
        body = QTextBrowser(self)
        body.setObjectName("about_text")
        body.setAccessibleName(self.tr("About CareerDesk"))
        body.setOpenExternalLinks(False)
        sections = [
            (self.tr("Your data file"), str(db_path)),
            (
                self.tr("Software"),
                self.tr(
                    "CareerDesk is free software under the GNU General Public License, version 3 "
                    "or later. Built with Python {python}, Qt for Python (PySide6 {pyside}, LGPL),"
                    " "
                    "pyqtgraph (MIT), Peewee (MIT), platformdirs (MIT) and vobject (Apache 2.0)."
                ).format(python=platform.python_version(), pyside=PySide6.__version__),
            ),
            (self.tr("Occupation catalogue"), ATTRIBUTION),
            (
                self.tr("Privacy"),
                self.tr(
                    "CareerDesk never connects to the network; everything stays in the file above."
                ),
            ),
        ]
        body.setHtml(
            "".join(
                f"<h3>{html.escape(title)}</h3><p>{html.escape(text)}</p>"
                for title, text in sections
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("about_buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(buttons)
