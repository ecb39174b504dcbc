"""What several commands share: their common arguments, and the warnings about an organisation's own master."""

def common(parser, files: bool = True, draft: bool = True) -> None:
    """Arguments most commands share."""
    if files:
        parser.add_argument("files", nargs="*", metavar="FILE", help="meeting files (default: all of content/)")
    if draft:
        parser.add_argument("--draft", action="store_true", help="allow missing translations and mark them in the output")


def print_master_warnings(project) -> None:
    """Warnings about an organisation's own slides master (python-pptx is imported only when there is one)."""
    from meetingpress.console import err
    from meetingpress.outputs.slides.master import master_warnings, own_master

    if own_master(project.templates()) is None:
        return
    from meetingpress.errors import RenderError, display_path

    try:
        found = master_warnings(project.templates())
    except RenderError:  # an unreadable master: the deck's own render reports it, as an error
        return
    for path, message in found:
        err.print(f"{display_path(path, project.root)}: warning: {message}", markup=False, style="yellow")


def relative_notice(ids: list[str]) -> str | None:
    """One line naming the meetings whose links stay relative (built without a base_url), or None if there are none."""
    if not ids:
        return None
    return (f"note: no base_url for {', '.join(ids)}: links stay relative (fine for a preview, or a site that "
            "publishes output/ as it is); set `base_url:` in the series file or the meeting file to publish")
