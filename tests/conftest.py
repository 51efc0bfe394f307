"""Shared fixtures: a real SQLite file per test, offscreen Qt, settings kept out of $HOME."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

# Before any Qt import: no screen needed, and QSettings/platformdirs write to a
# throw-away home instead of the developer's.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = Path(tempfile.mkdtemp(prefix="careerdesk-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_HOME / "config")
os.environ["XDG_DATA_HOME"] = str(_HOME / "data")

import pytest  # noqa: E402

from careerdesk.core import db as cdb  # noqa: E402

# The example plan of the tests is always written for this day.
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def database(tmp_path: Path) -> cdb.Database:
    """An open, empty CareerDesk database object; closed after the test."""
    database = cdb.open_database(tmp_path / "test.db")
    yield database
    database.close_file()


@pytest.fixture
def db_path(database: cdb.Database) -> Path:
    """The path of an open, empty CareerDesk database; closed after the test."""
    return database.path


@pytest.fixture(scope="session")
def example_plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plan written once per session (copy it before changing it)."""
    from careerdesk.core import demo

    path = tmp_path_factory.mktemp("example") / "example.db"
    with cdb.opened(path):
        demo.write_example_plan(today=TODAY)
    return path


@pytest.fixture
def example_plan(tmp_path: Path, example_plan_file: Path) -> Path:
    """A private copy of the example plan, not opened."""
    path = tmp_path / "example.db"
    path.write_bytes(example_plan_file.read_bytes())
    return path


@pytest.fixture
def window(qtbot, example_plan: Path):
    """The main window on a copy of the example plan, with today fixed."""
    from careerdesk.app import create_window

    win = create_window(example_plan, today=TODAY)
    qtbot.addWidget(win)
    yield win
    win.close()
    _close_any_database()


def _close_any_database() -> None:
    """A test that replaced its window leaves the newest one's file open: close it."""
    open_now = cdb.bound_database()
    if open_now is not None:
        open_now.close_file()


@pytest.fixture(autouse=True)
def _no_database_left_open():
    """Every test ends with no file bound, so the next one starts clean."""
    yield
    _close_any_database()


@pytest.fixture
def today() -> dt.date:
    """The day the example plan of the tests is written for."""
    return TODAY


@pytest.fixture(autouse=True)
def _forget_ui_settings():
    """Each test starts with no remembered window state, tab or view choice."""
    yield
    if "PySide6.QtCore" in sys.modules:  # core tests never load Qt
        from PySide6.QtCore import QCoreApplication, QSettings

        if QCoreApplication.organizationName():
            QSettings().clear()
