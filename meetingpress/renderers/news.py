"""The news output (being written)."""

NAME = "news"


def render(job):
    raise NotImplementedError("news renderer")
