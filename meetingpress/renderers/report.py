"""The report output (being written)."""

NAME = "report"


def render(job):
    raise NotImplementedError("report renderer")
