"""User-interface state kept in QSettings, each setting declared once with its type and default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT_FILES = 8


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any


WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray())
LAST_TAB = Setting("window/last_tab", int, 0)
RECENT_FILES = Setting("files/recent", list, [])
PLAN_LANES = Setting("plan/lanes", str, "category")
PLAN_SHOW_BASELINE = Setting("plan/show_baseline", bool, False)
GAP_IMPORTANCE_THRESHOLD = Setting("skills/importance_threshold", float, 3.0)
# A notice of what is due, at start and once a day.
REMINDERS_ENABLED = Setting("reminders/enabled", bool, True)
# Files whose first-run guide the user skipped: it does not open by itself again.
GUIDE_SKIPPED = Setting("guide/skipped_files", list, [])
# The print/PDF options dialog; an empty section list means every section, an empty page
# the locale's paper size.
REPORT_SECTIONS = Setting("report/sections", list, [])
REPORT_TIMELINE_ONLY = Setting("report/timeline_only", bool, False)
REPORT_TIMELINE = Setting("report/timeline", str, "fit")
REPORT_PAGE = Setting("report/page", str, "")
REPORT_LANDSCAPE = Setting("report/landscape", bool, False)


def _store() -> QSettings:
    return QSettings()


def value(setting: Setting) -> Any:
    """The stored value converted to the setting's type, or its default."""
    raw = _store().value(setting.key, setting.default)
    if raw is None:
        return setting.default
    try:
        if setting.type is list:
            return [str(v) for v in raw] if isinstance(raw, list | tuple) else [str(raw)]
        if setting.type is int:
            return int(raw)
        if setting.type is float:
            return float(raw)
        if setting.type is bool:
            # Stored as a bool, but read back from an INI file as "true"/"false".
            return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
        if setting.type is str:
            return str(raw)
        if setting.type is QByteArray:
            return raw if isinstance(raw, QByteArray) else QByteArray(raw)
    except (TypeError, ValueError):
        return setting.default
    return raw


def set_value(setting: Setting, new: Any) -> None:
    _store().setValue(setting.key, new)


def remember_file(path: str) -> list[str]:
    """Put `path` first in the recent files; return the new list."""
    recent = [p for p in value(RECENT_FILES) if p != path]
    recent.insert(0, path)
    del recent[MAX_RECENT_FILES:]
    set_value(RECENT_FILES, recent)
    return recent


def forget_file(path: str) -> list[str]:
    """Take `path` off the recent files (it was moved or deleted); return the new list."""
    recent = [p for p in value(RECENT_FILES) if p != path]
    set_value(RECENT_FILES, recent)
    return recent
