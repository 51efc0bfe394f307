"""core and io work without Qt: importing them loads no Qt module."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import careerdesk.core
import careerdesk.io


def test_core_and_io_import_no_qt():
    modules = [
        f"{package.__name__}.{info.name}"
        for package in (careerdesk.core, careerdesk.io)
        for info in pkgutil.iter_modules(package.__path__)
    ]
    assert "careerdesk.core.db" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(','.join(qt))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
