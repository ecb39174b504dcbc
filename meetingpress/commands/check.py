"""`python build.py check [FILE …]`: meeting files → every problem in them and in the project's and series' own
templates; writes nothing."""

from __future__ import annotations

NAME = "check"
HELP = "validate meeting files; write nothing"
DESCRIPTION = "Validate meeting files and report every problem at once; writes nothing."


def add_arguments(parser) -> None:
    from meetingpress.commands.shared import common

    common(parser)


def own_templates(project, loaded) -> list:
    """The template files (`*.html`, `*.j2`) of the project's and the meetings' series' own folders, not the
    built-ins."""
    from meetingpress.paths import BUILTIN_TEMPLATES, TEMPLATE_SUFFIXES

    folders = {project.root / "templates", *(item.inherited.templates for item in loaded if item.inherited.templates)}
    return sorted(path for folder in folders if folder.is_dir() and folder.resolve() != BUILTIN_TEMPLATES.resolve()
                  for path in folder.rglob("*") if path.suffix in TEMPLATE_SUFFIXES and path.is_file())


def run(project, args) -> int:
    from meetingpress.commands.shared import print_master_warnings, relative_notice
    from meetingpress.console import err, out, print_problems
    from meetingpress.loading.contrast import theme_warnings
    from meetingpress.translation.compare import pending_line
    from meetingpress.translation.facts import print_fact_warnings
    from meetingpress.translation.ready import load_each

    loaded, refused, comparisons = load_each(project, project.resolve(args.files), draft=args.draft)
    pending = pending_line(comparisons, args.files, project.command)
    broken, templates = [], own_templates(project, loaded)
    if templates:  # (Jinja is imported only when there are templates of its own to read)
        from meetingpress.outputs.templating import unreadable

        broken = unreadable(templates, project.root)
    if refused or broken:
        print_problems([*(problem for problems in refused.values() for problem in problems), *broken])
        if pending:
            err.print(pending, markup=False)
        return 1
    print_fact_warnings(err, loaded)
    print_master_warnings(project)
    for problem in theme_warnings(project.templates(), project.root):
        err.print(str(problem), markup=False)
    notice = relative_notice([item.meeting_id for item in loaded if not item.meeting.base_url])
    if notice:
        err.print(notice, markup=False)
    out.print(f"[green]✓[/] {len(loaded)} meeting file{'s' * (len(loaded) != 1)} OK")
    if pending:
        out.print(pending + " (a build without --draft refuses them)", markup=False)
    return 0
