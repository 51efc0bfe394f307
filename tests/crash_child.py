"""Crash test helper: a single-threaded process that forks writers on command.

Run as `python tests/crash_child.py`. Commands on stdin, one per line:
  writes PATH FIRST   fork a child that writes goals "write FIRST", "write FIRST+1", …
                      through core, printing "ack N" after each commit
  import PATH CSV     fork a child that imports the LinkedIn CSV, printing "progress D/T"
                      while writing and "done" after the commit
  reap PID            wait for the (killed) child; prints "reaped PID"
Every line goes out with one os.write, so lines of the child and of this process never mix.
Forking from here, not from pytest, keeps the children away from Qt's threads.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

from careerdesk.core import db as cdb
from careerdesk.core import goals
from careerdesk.io import contact_import


def say(text: str) -> None:
    os.write(1, f"{text}\n".encode())


def writes(path: str, first: int) -> None:
    database = cdb.open_database(path)
    n = first
    while True:
        with database.atomic():
            goals.create_goal(f"write {n}", dt.date(2027, 1, 1), dt.date(2027, 2, 1))
        say(f"ack {n}")  # after the commit: acknowledged means saved
        n += 1


def import_csv(path: str, csv: str) -> None:
    database = cdb.open_database(path)
    parsed = contact_import.read_file("linkedin", csv)
    preview = contact_import.preview(parsed)

    def progress(done: int, total: int) -> None:
        say(f"progress {done}/{total}")
        time.sleep(0.01)  # a slow disk: room for the kill to land inside the transaction

    say("writing")
    contact_import.apply(preview, today=dt.date(2026, 11, 23), progress=progress)
    say("done")
    database.close_file()


def main() -> None:
    say("ready")
    for line in sys.stdin:
        command, *args = line.split()
        if command == "reap":
            os.waitpid(int(args[0]), 0)
            say(f"reaped {args[0]}")
            continue
        pid = os.fork()
        if pid == 0:
            try:
                if command == "writes":
                    writes(args[0], int(args[1]))
                else:
                    import_csv(args[0], args[1])
            finally:
                os._exit(0)
        say(f"pid {pid}")


if __name__ == "__main__":
    main()
