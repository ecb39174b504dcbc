"""An organisation's own master: `slides.pptx` or `slides.potx` on the template search path → `Presentation`.

The deck's layouts are then found in it by placeholder type (`pptx_master.find_layouts`).  `master_warnings`
says what such a master lacks: a 16:9 slide size, a title-slide layout, a section layout.
"""

from __future__ import annotations

from pathlib import Path

from meetingpress.errors import RenderError
from meetingpress.paths import find

TEMPLATE_NAMES = ("slides.pptx", "slides.potx")
POTX = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
IN = 914400


def own_master(templates: tuple[Path, ...]) -> Path | None:
    """The first slides.pptx or slides.potx on the template search path, or None (the built-in master)."""
    for folder in templates:
        for name in TEMPLATE_NAMES:
            try:
                return find(name, (folder,))
            except FileNotFoundError:
                continue
    return None


def open_master(path: Path):
    """A .pptx or .potx as a `Presentation` (a template is read as the presentation it starts)."""
    import io
    import zipfile

    from pptx import Presentation

    try:
        with zipfile.ZipFile(path) as source:
            entries = [(info, source.read(info)) for info in source.infolist()]
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as target:
            for info, content in entries:
                if info.filename == "[Content_Types].xml":
                    content = content.replace(POTX.encode(), PPTX.encode())
                target.writestr(info, content)
        return Presentation(data)
    except Exception as exc:  # not a zip, a damaged file
        raise RenderError(f"{path}: not a PowerPoint (.pptx or .potx) file: {exc}") from exc


def master_warnings(templates: tuple[Path, ...]) -> list[tuple[Path, str]]:
    """What an organisation's own master lacks: 16:9, a title-slide layout, a section layout."""
    path = own_master(templates)
    if path is None:
        return []
    prs = open_master(path)
    out = []
    width, height = prs.slide_width, prs.slide_height
    if abs(width * 9 - height * 16) > height // 100:
        out.append(f"slides are {width / IN:.2f} × {height / IN:.2f} in, not 16:9, and so will the deck "
                   "be; in PowerPoint choose Design › Slide Size › Widescreen (16:9) and save the master again")
    from meetingpress.outputs.slides.master import find_layouts

    layouts = find_layouts(prs, str(path))
    if layouts.title is layouts.content:
        out.append("no title-slide layout (a centred title placeholder, with a subtitle); the first "
                   "slide uses the content layout")
    if layouts.section is layouts.content:
        out.append("no section-header layout (a title and a text placeholder, the title low on the "
                   "slide) nor a title-only layout; dividers use the content layout")
    return [(path, line) for line in out]
