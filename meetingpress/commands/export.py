"""`python build.py export --to en [FILE …] -o out.xlf`: meetings → XLIFF 1.2 of the texts that need translating."""

from __future__ import annotations

NAME = "export"
HELP = "write the texts that need translating as XLIFF 1.2"
DESCRIPTION = (
    "Write the texts that need the target language (missing or a TODO placeholder, stale since the last "
    "confirmation, or a draft not yet approved) as XLIFF 1.2, for a translator's CAT tool (Trados, memoQ, Poedit), "
    "with matches from the project's other meetings. A series file (content/series/NAME.yaml) can be exported "
    "too. Bring it back with `import`."
)


def add_arguments(parser) -> None:
    from meetingpress.commands.shared import common

    common(parser, draft=False)
    parser.add_argument("--to", required=True, choices=("nl", "en"), help="the language to translate into")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.xlf", help="the XLIFF file to write")
    parser.add_argument("--all", action="store_true", help="export every text, not only those that need work")
    parser.add_argument("--no-memory", action="store_true",
                        help="leave out the matches from the project's other meetings (<alt-trans>)")
    parser.add_argument("--force", action="store_true",
                        help="overwrite FILE.xlf if it exists (never a meeting, series or template file)")


def target(project, name: str, meetings: list, force: bool):
    """The file `-o` names, if export may write it: never a folder, a file in content/ (meetings, series, sync
    records, images), one of the meetings exported or a template file; anything else existing only with --force."""
    from pathlib import Path

    from meetingpress.errors import UsageError
    from meetingpress.loading.series import template_folders

    path = Path(name)
    if path.is_dir():
        raise UsageError(f"-o {name} is a folder; name the file to write, such as {Path(name) / 'to-translate.xlf'}")
    if not path.exists() and not path.is_symlink():
        return path
    real = path.resolve()
    kept = [(folder, "a template file") for folder in (*project.template_candidates(), *template_folders(project.content))]
    for folder, what in [(project.content, "a file of content/ (a meeting, series or image)"), *kept]:
        if real.is_relative_to(folder.resolve()):
            raise UsageError(f"-o {name} is {what}; export never overwrites it: name another file, such as to-translate.xlf")
    if real in {Path(meeting).resolve() for meeting in meetings}:
        raise UsageError(f"-o {name} is a meeting file; export never overwrites it: name another file, such as to-translate.xlf")
    if not force:
        raise UsageError(f"-o {name} already exists; add --force to overwrite it, or name another file")
    return path


def run(project, args) -> int:
    from meetingpress.build.writer import write_atomic
    from meetingpress.console import out
    from meetingpress.errors import display_path
    from meetingpress.translation.memory import Memory
    from meetingpress.translation.translatable import load, series_files
    from meetingpress.translation.xliff import export

    files = project.resolve(args.files) + ([] if args.files else series_files(project))
    path = target(project, args.output, files, args.force)
    memory = None if args.no_memory else Memory.of_project(project)
    data, count, matched = export(project, load(project, files), args.to, args.all, memory)
    if not count:
        out.print(f"nothing needs translating into {args.to}; no file written", markup=False)
        return 0
    write_atomic(path, data, shown=display_path)
    found = f", {matched} with a match from other meetings" if matched else ""
    out.print(f"wrote {args.output}: {count} text{'s' * (count != 1)} to translate into {args.to}{found}", markup=False)
    return 0
