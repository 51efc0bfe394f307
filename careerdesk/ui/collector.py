"""Python's cycle collector around the main window: paused while the app starts, and
kept off what lives as long as the window, so that its full passes stay short.

Start-up makes tens of thousands of objects that live until the window goes
(modules, classes, Qt wrappers, what the tabs show). The collector would walk them
again and again while they are made (10-15 % of start-up) and later, now and then,
all at once in the middle of a drag's drop (50-80 ms on a large plan). Garbage
without reference cycles is freed at once whatever the collector does.
"""

from __future__ import annotations

import gc


def pause_for_start_up() -> None:
    """From the first import of the app until the window is on screen."""
    gc.disable()


def keep_long_lived() -> None:
    """What exists now stays (a tab just filled): out of the collector's passes."""
    gc.freeze()


def window_shown() -> None:
    keep_long_lived()
    gc.enable()


def window_gone() -> None:
    """The window let its file go: what was kept goes back to the collector."""
    gc.unfreeze()
    gc.enable()
