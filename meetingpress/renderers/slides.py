"""The slides output (being written)."""

NAME = "slides"


def render(job):
    raise NotImplementedError("slides renderer")
