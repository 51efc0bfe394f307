"""Qt widgets of CareerDesk: the main window, one package per tab, dialogs and undo commands."""

import os

# pyqtgraph picks its Qt binding at import: make it ours whatever is imported first.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
