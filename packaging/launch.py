"""Entry script of the frozen bundle: the `careerdesk` command, plus "open this file".

File managers and installers' file associations start the app as
`CareerDesk PATH` (Windows "%1", a .desktop file's %f); the command line
spells that `--db PATH`, so a lone existing file argument is passed on as such.
"""

import sys
from pathlib import Path

from careerdesk.cli import main


def _file_argument(argv: list[str]) -> list[str]:
    if len(argv) == 1 and not argv[0].startswith("-") and Path(argv[0]).is_file():
        return ["--db", argv[0]]
    return argv


if __name__ == "__main__":
    sys.argv[1:] = _file_argument(sys.argv[1:])
    main()
