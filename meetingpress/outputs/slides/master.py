"""The deck's starting point: template search path + theme → the master as a `Presentation`, and its layouts.

The master is a PowerPoint file, the first `slides.pptx` or `slides.potx` (a
PowerPoint template) on the template search path: an organisation's own, in
the project's `templates/` folder or the one its series names, comes before
the built-in `templates/slides.pptx` (16:9, a title, a content and a section
layout; docs/slides.md).  Whichever it is, it is opened with python-pptx,
its layouts are found by the placeholders they hold (layouts.py), and the
deck's colour scheme and fonts are set from `theme.yaml` (the report's
theme): dark 1 = text, light 1 = background, dark 2 = primary, light 2 =
tint, accent 1 = primary, accent 2 = accent, accent 3 = muted; headings and
body in the theme family.

`master_warnings` says what an organisation's own master lacks: a 16:9 slide
size, a title-slide layout, a section layout.
"""

from __future__ import annotations

from pathlib import Path

from meetingpress.errors import RenderError
from meetingpress.paths import BUILTIN_TEMPLATES

TEMPLATE_NAMES = ("slides.pptx", "slides.potx")
POTX = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def find_master(templates: tuple[Path, ...]) -> Path:
    """The first slides.pptx or slides.potx on the template search path (the built-in one comes last)."""
    for folder in templates:
        for name in TEMPLATE_NAMES:
            if (Path(folder) / name).is_file():
                return Path(folder) / name
    raise RenderError(f"no {' or '.join(TEMPLATE_NAMES)} in the template folders "
                      f"({', '.join(str(folder) for folder in templates)}); the deck needs a master")


def own_master(templates: tuple[Path, ...]) -> Path | None:
    """The master an organisation put on the template search path, or None when the built-in one is used."""
    try:
        path = find_master(templates)
    except RenderError:
        return None
    return None if path.parent.resolve() == BUILTIN_TEMPLATES.resolve() else path


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


def open_base(templates: tuple[Path, ...], theme):
    """(Presentation, Layouts): the master found on the search path, in the theme's colours and font."""
    from meetingpress.outputs.slides.layouts import find_layouts

    path = find_master(templates)
    prs = open_master(path)
    apply_theme(prs, theme)
    return prs, find_layouts(prs, str(path))


def apply_theme(prs, theme) -> None:
    """theme.yaml's colours and font family into every theme part (slide masters and notes master)."""
    from meetingpress.outputs.slides import xml

    c = theme.colors
    xml.set_theme(prs, "meetingpress", {
        "dk1": c.text, "lt1": c.background, "dk2": c.primary, "lt2": c.tint,
        "accent1": c.primary, "accent2": c.accent, "accent3": c.muted, "accent4": c.primary,
        "accent5": c.accent, "accent6": c.muted, "hlink": c.primary, "folHlink": c.muted,
    }, theme.fonts.family)


def master_warnings(templates: tuple[Path, ...]) -> list[tuple[Path, str]]:
    """What an organisation's own master lacks: 16:9, a title-slide layout, a section layout."""
    from meetingpress.outputs.slides.layouts import find_layouts

    path = own_master(templates)
    if path is None:
        return []
    prs = open_master(path)
    out = []
    width, height = prs.slide_width, prs.slide_height
    if abs(width * 9 - height * 16) > height // 100:
        inch = 914400  # EMU
        out.append(f"slides are {width / inch:.2f} × {height / inch:.2f} in, not 16:9, and so will the deck "
                   "be; in PowerPoint choose Design › Slide Size › Widescreen (16:9) and save the master again")
    layouts = find_layouts(prs, str(path))
    if layouts.title is layouts.content:
        out.append("no title-slide layout (a centred title placeholder, with a subtitle); the first "
                   "slide uses the content layout")
    if layouts.section is layouts.content:
        out.append("no section-header layout (a title and a text placeholder, the title low on the "
                   "slide) nor a title-only layout; dividers use the content layout")
    return [(path, line) for line in out]
