"""Where CareerDesk keeps the user's data by default (per OS, via platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "CareerDesk"
DEFAULT_FILE_NAME = "careerdesk.db"


def data_folder() -> Path:
    """The per-user data folder: %APPDATA%, ~/Library/Application Support or ~/.local/share."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def default_database() -> Path:
    """The user's own database, with its folder created private (0700) if missing."""
    folder = data_folder()
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
    return folder / DEFAULT_FILE_NAME


def log_folder() -> Path:
    """Where the rotating log of unexpected errors goes (Help › Show Log Folder)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
