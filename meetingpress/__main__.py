"""`python -m meetingpress …`: the same as the `meetingpress` command."""

import sys

from meetingpress.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m meetingpress"))
