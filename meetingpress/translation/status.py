"""`status`: meetings and series files → a table each of their translation state, and one line per problem.

For every file: how many bilingual fields are complete, which texts are
missing (absent or a "TODO" placeholder), stale or not yet approved in each
language, whether the file was ever confirmed, and a verdict.  Then each
problem as `file:line:col: field: message` (stale ones with a word diff of
the change), a warning for each text changed on both sides (confirm it), and
warnings for facts that do not agree.  Missing, stale or unapproved texts
make the exit code 1, so CI can run it; never confirmed texts are listed.
`files` says which files a `status FILE …` reports on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from meetingpress.errors import EXIT_CONTENT, EXIT_OK, Problem
from meetingpress.loading.read import Source
from meetingpress.loading.validate import missing_message
from meetingpress.schema import LANG_NAMES, LANGS
from meetingpress.translation.compare import Comparison, stale_problems, state_of
from meetingpress.translation.facts import fact_problems
from meetingpress.translation.ready import load_files
from meetingpress.translation.record import Record
from meetingpress.translation.translatable import Field, inherited_from, raw_value, series_files

if TYPE_CHECKING:
    from meetingpress.project import Project
    from meetingpress.translation.translatable import Translatable

DIFF_STYLES = {r"\[-.*?-\]": "red", r"\{\+.*?\+\}": "green"}
"""The colours of a word diff's marks (`compare.word_diff`): removed words red, added words green."""


@dataclass(frozen=True)
class Finding:
    """A problem of one file, with the line printed under it (a word diff for a stale text, else "")."""

    problem: Problem
    detail: str = ""


def print_finding(console: Console, finding: Finding) -> None:
    problem = finding.problem
    console.print(str(problem), markup=False, style="yellow" if problem.warning else None)
    if finding.detail:
        text = Text("    " + finding.detail)
        for pattern, style in DIFF_STYLES.items():
            text.highlight_regex(pattern, style)
        console.print(text)


@dataclass(frozen=True)
class Verdict:
    text: str
    style: str
    """Its colour in the table: red, yellow or green."""


@dataclass
class MeetingStatus:
    file: str
    meeting_id: str
    fields: dict[str, Field]
    record: Record | None
    comparison: Comparison
    problems: list[Finding]
    """Every problem, in the order of the file."""
    inherited: list[str]
    """The series files this meeting inherits texts from (their status is their own)."""

    def missing(self, lang: str) -> int:
        return sum(1 for field in self.fields.values() if not field.get(lang))

    def stale(self, lang: str) -> int:
        return sum(1 for change in self.comparison.stale if change.stale == lang)

    def unapproved(self, lang: str) -> int:
        return sum(1 for u in self.comparison.unapproved if u.draft.lang == lang)

    @property
    def complete(self) -> int:
        return sum(1 for field in self.fields.values() if field.complete)

    @property
    def failing(self) -> bool:
        return any(self.missing(lang) or self.stale(lang) or self.unapproved(lang) for lang in LANGS)

    def verdict(self) -> Verdict:
        needs = [LANG_NAMES[lang] for lang in LANGS if self.missing(lang) or self.stale(lang) or self.unapproved(lang)]
        if needs:
            return Verdict("✗ needs " + " and ".join(needs), "red")
        if self.record is None:
            return Verdict("✓ complete, never confirmed", "yellow")
        if self.comparison.unconfirmed or self.comparison.both_changed:
            return Verdict("✓ complete, partly confirmed", "yellow")
        return Verdict("✓ in sync", "green")

    def confirmed(self) -> str:
        if self.record is None:
            return "never"
        dates = [entry.date for name, entry in self.record.items() if name in self.fields]
        return max(dates).isoformat() if dates else "never"


def missing_problems(source: Source, current: dict[str, Field]) -> list[Problem]:
    """Each missing text (absent, empty or a "TODO" placeholder) at its line, with the message `check` gives."""
    problems = []
    for field in current.values():
        raw = raw_value(source, field.path)
        for lang in LANGS:
            if not field.get(lang):
                written = raw.get(lang) is not None or any(field.get(x) for x in LANGS)
                where = source.locate(field.path + (lang,)) if written else source.locate(field.path)
                problems.append(Problem(where, field.name, missing_message(raw.get(lang), lang)))
    return problems


def collect(project: Project, item: Translatable) -> MeetingStatus:
    """The status of one loaded meeting (`load.Loaded`) or series file (`translatable.SeriesFile`)."""
    state = state_of(item, project.root)
    current, record, comparison = state.fields, state.record, state.comparison
    changes = {change.field.name: change for change in comparison.stale}
    problems = [Finding(p) for p in missing_problems(item.source, current)]
    for problem in stale_problems(item.source, comparison, record):
        change = changes.get(problem.field) if not problem.warning else None
        problems.append(Finding(problem, f"{LANG_NAMES[change.changed]}: {change.diff}" if change else ""))
    if item.meeting is not None:
        problems += [Finding(p) for p in fact_problems(item.source, item.meeting)]
    problems.sort(key=lambda finding: (finding.problem.location, finding.problem.warning))
    return MeetingStatus(item.source.file, item.meeting_id, current, record, comparison, problems, inherited_from(item))


def table(status: MeetingStatus) -> Table:
    """One meeting: texts present, missing and stale per language; verdict underneath."""
    verdict = status.verdict()
    grid = Table(title=status.file, title_justify="left", title_style="bold", caption_justify="left")
    for name in ("Language", "Present", "Missing", "Stale", "Not approved"):
        grid.add_column(name, justify="left" if name == "Language" else "right")
    for lang in LANGS:
        present = len(status.fields) - status.missing(lang)
        grid.add_row(LANG_NAMES[lang], f"{present}/{len(status.fields)}", str(status.missing(lang)),
                     str(status.stale(lang)), str(status.unapproved(lang)))
    grid.caption = Text.assemble(
        f"fields complete in both languages: {status.complete}/{len(status.fields)}; "
        f"confirmed: {status.confirmed()}; verdict: ",
        (verdict.text, verdict.style),
    )
    return grid


def notes(status: MeetingStatus, command: str = "meetingpress") -> list[str]:
    """What is worth knowing but is not an error (`command`: how the user runs meetingpress, for the hint)."""
    lines = [f"{status.file}: its series texts come from {name}; they are counted there" for name in status.inherited]
    return lines + _confirmation_notes(status, command)


def _confirmation_notes(status: MeetingStatus, command: str) -> list[str]:
    if status.record is None:
        return [
            f"{status.file}: never confirmed; once Dutch and English match, run "
            f"`{command} sync confirm {status.file}`"
        ]
    unconfirmed = [field.name for field in status.comparison.unconfirmed]
    if not unconfirmed:
        return []
    shown = ", ".join(unconfirmed[:5]) + (f" and {len(unconfirmed) - 5} more" if len(unconfirmed) > 5 else "")
    noun = "field was" if len(unconfirmed) == 1 else "fields were"
    return [f"{status.file}: {len(unconfirmed)} {noun} never confirmed: {shown}"]


def files(project: Project, names: list[str]) -> list[Translatable]:
    """What `status FILE …` reports on: the named meetings and the series files they inherit texts from; without
    names every meeting and then every series file."""
    named = project.resolve(names)
    loaded = load_files(project, named + ([] if names else series_files(project)))
    if names:  # the series files the named meetings inherit texts from come along
        extra = {project.root / shown for item in loaded for shown in inherited_from(item)} - set(named)
        loaded += load_files(project, sorted(extra))
    return loaded


def report(project: Project, loaded: list[Translatable], console: Console) -> int:
    """Print the status of `loaded` meetings and series files; 1 when any text is missing, stale or unapproved."""
    statuses = [collect(project, item) for item in loaded]
    for status in statuses:
        console.print(table(status))
        for note in notes(status, project.command):
            console.print(note, markup=False)
        for finding in status.problems:
            print_finding(console, finding)
        console.print()
    failing = [status for status in statuses if status.failing]
    if failing:
        console.print(f"[bold red]✗[/] {len(failing)} of {len(statuses)} files need translation work")
        return EXIT_CONTENT
    console.print(f"[green]✓[/] {len(statuses)} file{'s' * (len(statuses) != 1)}: nothing missing, stale or unapproved")
    return EXIT_OK

