"""The project on disk: a folder → where meetings, templates and outputs live.

    content/<id>.yaml      one meeting each (folders and dot-files are not meetings)
    content/<id>/          that meeting's images
    templates/             the user's templates, searched before the built-in ones
    output/<id>/           what a build writes
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from meetingpress.errors import Location, Problem, UsageError, display_path
from meetingpress.paths import ARCHIVE_PAGE, BUILTIN_TEMPLATES, DRAFTS, STATE_DIR, search_path

MEETING_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
TAKEN = {
    ARCHIVE_PAGE: "the archive page, output/index.html",
    STATE_DIR: "meetingpress's own records in output/.meetingpress/",
    DRAFTS: "the drafts' folder, output/_drafts/",
}
"""What a build writes at the top of output/ besides the meetings' folders: no meeting may be called so."""


@dataclass(frozen=True)
class Project:
    root: Path
    command: str = "meetingpress"
    """How the user runs meetingpress here, for hints: `meetingpress`, or `python build.py` in the repository."""

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def template_candidates(self, series_templates: Path | None = None) -> tuple[Path, ...]:
        """Every folder that may hold templates, existing or not: series, project, built-in."""
        return tuple(p.resolve() for p in (series_templates, self.root / "templates", BUILTIN_TEMPLATES) if p)

    def templates(self, series_templates: Path | None = None) -> tuple[Path, ...]:
        """Search path: the series' override folder, the project's templates/, the built-ins (existing ones)."""
        return search_path(self.template_candidates(series_templates))

    def meetings(self) -> list[Path]:
        """Every meeting file in content/, sorted by name."""
        if not self.content.is_dir():
            raise UsageError(f"no content/ folder in {self.root}; run meetingpress from the project folder, "
                             f"or start a project with `{self.command} init`")
        return sorted(p for p in self.content.glob("*.yaml") if not p.name.startswith("."))

    def resolve(self, names: list[str]) -> list[Path]:
        """Meeting files named on the command line, checked to exist."""
        if not names:
            return self.meetings()
        files = []
        for name in names:
            path = Path(name)
            if not path.is_absolute() and not path.exists():
                path = self.root / name
            if not path.is_file():
                raise UsageError(f"{name}: no such meeting file")
            if path.suffix != ".yaml":
                raise UsageError(f"{name}: a meeting file ends in .yaml")
            files.append(path)
        return files

    def name_problems(self, files: list[Path]) -> dict[Path, Problem]:
        """The meeting files whose name cannot be an output folder (`output/<id>/`), each with its problem:
        not a valid name, taken by something else the build writes, or the same as an earlier file's."""
        problems, first = {}, {}
        for path in files:
            meeting_id, shown = self.meeting_id(path), display_path(path, self.root)
            if not MEETING_ID.match(meeting_id):
                why = "file name must be lower-case letters, digits, '-', '_' or '.'"
            elif meeting_id in TAKEN:
                why = (f"a meeting cannot be called `{meeting_id}`: its outputs would collide with {TAKEN[meeting_id]}; "
                       "rename the file (and its image folder)")
            elif meeting_id in first and first[meeting_id].resolve() != path.resolve():
                why = (f"{display_path(first[meeting_id], self.root)} has the same name, and the outputs of both would "
                       f"go to output/{meeting_id}/; rename one of them")
            else:
                first.setdefault(meeting_id, path)
                continue
            problems[path] = Problem(Location(shown), "", why)
        return problems

    @staticmethod
    def meeting_id(path: Path) -> str:
        return path.stem

    def assets(self, meeting_id: str) -> Path:
        return self.content / meeting_id
