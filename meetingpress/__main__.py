"""`python -m meetingpress …`: the same as the `meetingpress` command."""

from meetingpress.cli import run

if __name__ == "__main__":
    run(prog="python -m meetingpress")
