"""A new project: an empty (or new) folder → the files a team starts with, never overwriting anything.

    content/series/<series>.yaml   what every meeting of the series shares
    content/<series>-1.yaml        the first meeting, as `new` writes it: every text to write marked TODO
    templates/README.md            how to override a built-in template (the folder holds nothing else)
    schemas/                       the JSON Schemas the YAML files' first lines point editors to
    .gitignore                     output/ is made by builds, not kept in git
    README.md                      for the staff who will use the project

A folder that already has a `content/` folder with anything in it is left exactly as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from meetingpress.errors import UsageError
from meetingpress.loading.series import SERIES_DIR
from meetingpress.paths import BUILTIN_TEMPLATES
from meetingpress.project import Project
from meetingpress.scaffold import scaffold, write_new
from meetingpress.schema.editor import FILES, PROJECT_FOLDER, install, modeline

SERIES = "learning-meetings"
IGNORED = "/output/"

SERIES_TEXT = """\
{modeline}
# What every meeting of this series shares. A meeting that says `series: {series}`
# inherits all of this; anything the meeting writes itself wins. Rename this file
# (and `series:` in its meetings) to suit your own series, and make one file per series.

# The series as it reads after an ordinal: "the fifth learning meeting …".
name:
  nl: leerbijeenkomst
  en: learning meeting
# Who organises the meetings: plain names, or `nl:`/`en:` for a description.
# Replace the TODO entry with your organisation's name, e.g. `  - Partos`.
organisers:
  - nl: "TODO: write the Dutch text"
    en: "TODO: write the English text"
# Optional. Recurring group headings, so that each meeting's group with the same key gets them:
# findings:
#   recommendations:
#     heading:
#       nl: Aanbevelingen
#       en: Recommendations
"""

TEMPLATES_README = """\
# Your own templates

This folder is empty on purpose: meetingpress uses its built-in templates
until you put a file here **with the same name**. Then yours is used instead,
for every meeting of this project (a series can name a folder of its own with
`templates:` in its series file).

The built-in files you can override:

{builtins}

To change one, copy the built-in file into this folder under the same name
(keeping its subfolder, e.g. `news/news.css`) and edit the copy. The colours,
fonts and logo of all three outputs are in `theme.yaml`: copying only that
file is usually enough. On the computer this project was made on, the
built-in templates are in:

    {home}

Run `{command} build --force` after a change to rebuild everything.
"""

README = """\
# Our meetings

One YAML file per meeting in `content/` becomes a Dutch news item, an English
PDF report and a slide deck in `output/`, made by meetingpress.

- `content/{first}.yaml`: a meeting, every text in Dutch and English side by side;
  its images go in `content/{first}/`
- `content/series/`: what every meeting of a series shares
- `templates/`: your own versions of the built-in templates (see `templates/README.md`)
- `schemas/`: lets your editor check the files as you type; leave it as it is
- `output/`: what a build makes (not kept in git)

## Every day

- `{command} build --draft`: build everything, marking the texts still to write
- `{command} build`: build for publishing, once every text is written in both languages
- `{command} check`: every problem in the meeting files, with its line
- `{command} status`: which translations are missing or out of date
- `{command} new {series}`: start the next meeting of a series
- `{command} serve`: rebuild on every save, with a preview in the browser
- `{command} COMMAND --help`: what each command can do

A new meeting file has its texts marked `TODO`: replace each one.

## Editing in VS Code

Install the YAML extension (by Red Hat). The first line of each file,
`# yaml-language-server: $schema=…`, then makes the editor suggest field
names and underline mistakes while you type.
"""


@dataclass
class Started:
    root: Path
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    """Files that were there already and were left as they were."""


def has_content(root: Path) -> bool:
    content = root / "content"
    return content.is_dir() and any(content.iterdir())


def _builtins() -> str:
    names = sorted(p.relative_to(BUILTIN_TEMPLATES).as_posix() for p in BUILTIN_TEMPLATES.rglob("*")
                   if p.is_file() and p.parts[-2:-1] not in (("fonts",), ("preview",)) and not p.name.startswith("."))
    return "\n".join(f"- `{name}`" for name in names)


def _write(started: Started, path: Path, text: str) -> None:
    """Create `path` with `text`, or leave an existing file alone (and say so)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
        started.written.append(path)
    except FileExistsError:
        started.kept.append(path)


def _ignore_output(started: Started, path: Path) -> None:
    """A .gitignore that ignores output/: made, or the line added to the one there is."""
    if not path.exists():
        _write(started, path, f"# What builds make: rebuilt from content/ at any time.\n{IGNORED}\n")
        return
    lines = path.read_text(encoding="utf-8").splitlines()
    if any(line.strip() in (IGNORED, "output/", "/output", "output") for line in lines):
        started.kept.append(path)
        return
    with path.open("a", encoding="utf-8") as handle:
        handle.write(("\n" if lines else "") + f"# meetingpress: what builds make\n{IGNORED}\n")
    started.written.append(path)


def start(root: Path, command: str, today: dt.date) -> Started:
    """Make the project in `root` (created if needed); UsageError, and nothing written, if it has content."""
    if has_content(root):
        raise UsageError(
            f"{root} already has meeting files in content/; init changes nothing there. "
            f"Build them with `{command} build`, or run `{command} init NEW-FOLDER` for a new project"
        )
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} is a file, not a folder; name a new folder for the project")
    root.mkdir(parents=True, exist_ok=True)
    project = Project(root.resolve(), command=command)
    started = Started(project.root)
    series_file = project.content / SERIES_DIR / f"{SERIES}.yaml"
    _write(started, series_file,
           SERIES_TEXT.format(modeline=modeline(project.root / PROJECT_FOLDER / FILES["series"], series_file),
                              series=SERIES))
    first = scaffold(project, SERIES, today)
    write_new(first, project.root)
    started.written.append(first.path)
    _write(started, project.root / "templates" / "README.md",
           TEMPLATES_README.format(builtins=_builtins(), home=BUILTIN_TEMPLATES, command=command))
    started.written += install(project.root)
    _ignore_output(started, project.root / ".gitignore")
    _write(started, project.root / "README.md",
           README.format(command=command, first=first.path.stem, series=SERIES))
    return started
