"""Translation status: loaded meetings and series files → a table each and one line per problem.

For every file: how many bilingual fields are complete, which texts are
missing (absent or a "TODO" placeholder), stale or not yet approved in each
language, whether the file was ever confirmed, and a verdict.  Then each
problem as `file:line:col: field: message` (stale ones with a word diff of
the change), a warning for each text changed on both sides (confirm it), and
warnings for facts that do not agree.  Missing, stale or unapproved texts
make the exit code 1, so CI can run it; never confirmed texts are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.table import Table
from rich.text import Text

from meetingpress.errors import EXIT_CONTENT, EXIT_OK, Problem
from meetingpress.loading.validate import missing_message
from meetingpress.schema import LANG_NAMES, LANGS
from meetingpress.translation.facts import fact_problems
from meetingpress.translation.sync import Comparison, Field, Record, stale_problems, state_of
from meetingpress.translation.translatable import inherited_from

DIFF_STYLES = {r"\[-.*?-\]": "red", r"\{\+.*?\+\}": "green"}


def print_problem(console: Console, problem: Problem, detail: str = "") -> None:
    console.print(str(problem), markup=False, style="yellow" if problem.warning else None)
    if detail:
        text = Text("    " + detail)
        for pattern, style in DIFF_STYLES.items():
            text.highlight_regex(pattern, style)
        console.print(text)


@dataclass
class MeetingStatus:
    file: str
    meeting_id: str
    fields: dict[str, Field]
    record: Record | None
    comparison: Comparison
    problems: list[tuple[Problem, str]]
    """Every problem with its detail line (a word diff for a stale text)."""
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

    def verdict(self) -> tuple[str, str]:
        needs = [LANG_NAMES[lang] for lang in LANGS if self.missing(lang) or self.stale(lang) or self.unapproved(lang)]
        if needs:
            return "✗ needs " + " and ".join(needs), "red"
        if self.record is None:
            return "✓ complete, never confirmed", "yellow"
        if self.comparison.unconfirmed or self.comparison.both_changed:
            return "✓ complete, partly confirmed", "yellow"
        return "✓ in sync", "green"

    def confirmed(self) -> str:
        if self.record is None:
            return "never"
        dates = [entry.date for name, entry in self.record.items() if name in self.fields]
        return max(dates).isoformat() if dates else "never"


def missing_problems(source, current: dict[str, Field]) -> list[Problem]:
    """Each missing text (absent, empty or a "TODO" placeholder) at its line, with the message `check` gives."""
    problems = []
    for field in current.values():
        raw = source.data
        for part in field.path:
            raw = raw[part]
        for lang in LANGS:
            if not field.get(lang):
                written = raw.get(lang) is not None or any(field.get(x) for x in LANGS)
                where = source.locate(field.path + (lang,)) if written else source.locate(field.path)
                problems.append(Problem(where, field.name, missing_message(raw.get(lang), lang)))
    return problems


def collect(project, item) -> MeetingStatus:
    """The status of one loaded meeting (`load.Loaded`) or series file (`translatable.SeriesFile`)."""
    state = state_of(item, project.root)
    current, record, comparison = state.fields, state.record, state.comparison
    changes = {change.field.name: change for change in comparison.stale}
    problems: list[tuple[Problem, str]] = [(p, "") for p in missing_problems(item.source, current)]
    for problem in stale_problems(item.source, comparison, record):
        change = changes.get(problem.field) if not problem.warning else None
        problems.append((problem, f"{LANG_NAMES[change.changed]}: {change.diff}" if change else ""))
    if item.meeting is not None:
        problems += [(p, "") for p in fact_problems(item.source, item.meeting)]
    problems.sort(key=lambda pair: (pair[0].location, pair[0].warning))
    return MeetingStatus(item.source.file, item.meeting_id, current, record, comparison, problems, inherited_from(item))


def table(status: MeetingStatus) -> Table:
    """One meeting: texts present, missing and stale per language; verdict underneath."""
    verdict, style = status.verdict()
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
        (verdict, style),
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


def report(project, loaded: list, console: Console) -> int:
    """Print the status of `loaded` meetings and series files; 1 when any text is missing, stale or unapproved."""
    statuses = [collect(project, item) for item in loaded]
    for status in statuses:
        console.print(table(status))
        for note in notes(status, project.command):
            console.print(note, markup=False)
        for problem, detail in status.problems:
            print_problem(console, problem, detail)
        console.print()
    failing = [status for status in statuses if status.failing]
    if failing:
        console.print(f"[bold red]✗[/] {len(failing)} of {len(statuses)} files need translation work")
        return EXIT_CONTENT
    console.print(f"[green]✓[/] {len(statuses)} file{'s' * (len(statuses) != 1)}: nothing missing, stale or unapproved")
    return EXIT_OK


def print_fact_warnings(console: Console, loaded: list) -> int:
    """Warnings for facts that do not agree between the languages, and for photos that record where they were
    taken (for `check`); how many."""
    warnings = [p for item in loaded for p in (*fact_problems(item.source, item.meeting), *item.warnings)]
    for problem in sorted(warnings, key=lambda p: p.location):
        print_problem(console, problem)
    return len(warnings)
