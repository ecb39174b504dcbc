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


def run(project, args) -> int:
    from meetingpress.build.writer import write_atomic
    from meetingpress.console import out
    from meetingpress.errors import display_path
    from meetingpress.translation.export import export, output_path
    from meetingpress.translation.memory import Memory
    from meetingpress.translation.ready import load_files
    from meetingpress.translation.translatable import series_files

    files = project.resolve(args.files) + ([] if args.files else series_files(project))
    path = output_path(project, args.output, files, args.force)
    memory = None if args.no_memory else Memory.of_project(project)
    done = export(project, load_files(project, files), args.to, args.all, memory)
    if not done.count:
        out.print(f"nothing needs translating into {args.to}; no file written", markup=False)
        return 0
    write_atomic(path, done.data, shown=display_path)
    found = f", {done.matched} with a match from other meetings" if done.matched else ""
    out.print(f"wrote {args.output}: {done.count} text{'s' * (done.count != 1)} to translate into {args.to}{found}", markup=False)
    return 0
