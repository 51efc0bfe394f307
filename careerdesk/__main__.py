"""`python -m careerdesk`: the same as the `careerdesk` command."""

from careerdesk.cli import main

main()
