"""A meeting's figures and polls for one output: `Job` + output name → what goes where, ready to render.

Each figure or poll that the output shows is placed after the finding group
it names, or, without a group, before the findings (key `None`).  A poll
becomes a `polls.Result` (shares computed once, for every output) with its
SVG chart; a figure keeps its view (caption, alt text, credit in the job's
language) and the checked path of its photo, which the output cleans of
metadata at the size it needs (`outputs/photos.py`).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from meetingpress.loading import images
from meetingpress.outputs import polls


@dataclass(frozen=True)
class Figure:
    number: int
    """1 for the meeting's first figure; file names and ids count with it."""
    index: int
    """Its place in the meeting file's `figures` list."""
    view: object
    """The figure in the job's language (`view.View`: caption, alt, credit)."""
    path: Path

    kind = "figure"


@dataclass(frozen=True)
class Chart:
    number: int
    index: int
    result: polls.Result
    svg: Markup
    """The chart, every text in it escaped."""

    kind = "poll"

    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


def placed(job, output: str) -> dict[str | None, list[Figure | Chart]]:
    """{group key or None: the figures and polls that `output` shows there, in file order (figures first)}."""
    from meetingpress.loading.theme import theme

    where: dict[str | None, list[Figure | Chart]] = {}
    view = job.view
    for index, figure in enumerate(job.meeting.figures):
        if output in figure.show:
            path = images.resolve(job.assets, figure.file)  # the folder loading/load.py checked, links confined to it
            item = Figure(index + 1, index, view.figures[index], path)
            where.setdefault(figure.group, []).append(item)
    if job.meeting.polls:
        look = theme(job.templates)
        colors = dict(look.colors)
        for index, poll in enumerate(job.meeting.polls):
            if output in poll.show:
                res = polls.result(poll, job.lang)
                svg = Markup(polls.svg(res, colors, look.fonts.family, f"poll-{index + 1}"))
                chart = Chart(index + 1, index, res, svg)
                where.setdefault(poll.group, []).append(chart)
    return where


@dataclass(frozen=True)
class WebImage:
    src: str
    srcset: str
    width: int
    height: int


def web_images(placed: dict, folder: str = "") -> tuple[dict[int, WebImage], dict[str, bytes]]:
    """Each figure's photo for the web, without metadata: {figure number: WebImage} and the files beside the page
    (`figure-<n>-<width>.jpg`, at `photos.WEB_WIDTHS`, the larger only when the photo has the pixels); `folder`:
    where the outputs are published (the base_url's folder), so that the addresses are absolute."""
    from meetingpress.outputs import photos

    images, files = {}, {}
    for item in (item for items in placed.values() for item in items if item.kind == "figure"):
        sizes = []
        for width in photos.WEB_WIDTHS:
            clean = photos.clean(item.path, width)
            if sizes and clean.width <= sizes[-1][1].width:
                break
            name = f"figure-{item.number}-{clean.width}{clean.suffix}"
            files[name] = clean.data
            sizes.append((name, clean))
        first = sizes[0][1]
        srcset = ", ".join(f"{folder}{name} {clean.width}w" for name, clean in sizes) if len(sizes) > 1 else ""
        images[item.number] = WebImage(folder + sizes[0][0], srcset, first.width, first.height)
    return images, files
