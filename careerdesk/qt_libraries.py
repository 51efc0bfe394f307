"""Before Qt starts on Linux: name the system libraries its xcb platform plugin cannot find."""

from __future__ import annotations

import ctypes
import os
import sys

# What Qt's xcb plugin loads beyond a bare X11 system, with the Debian package of each
# (the README's apt-get line).
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libdbus-1.so.3": "libdbus-1-3",
}


def will_use_xcb(environ: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    platform = environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux"):
        return False
    if platform:
        return platform.split(":")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def missing_libraries(names: dict[str, str] = XCB_LIBRARIES) -> list[str]:
    """The Debian packages whose libraries cannot be loaded here."""
    missing = []
    for library, package in names.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


def explain_missing_libraries() -> str | None:
    """A message naming what to install, or None when Qt's xcb plugin can load."""
    if not will_use_xcb():
        return None
    missing = missing_libraries()
    if not missing:
        return None
    return (
        "CareerDesk cannot start its window: Qt needs system libraries that are missing "
        f"({', '.join(missing)}). On Debian or Ubuntu: sudo apt-get install " + " ".join(missing)
    )
