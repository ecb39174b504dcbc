"""The news item: a meeting in Dutch (or English) → a web page, the same body for a CMS, and its metadata."""

from meetingpress.registry import N_, Output

OUTPUT = Output(
    name="news",
    file="news.{lang}.html",
    label=N_("News item"),
    format=N_("web page"),
    media_type="text/html",
    languages=("nl",),
    about="Languages of the news item (default: Dutch).",
    reads=("news", "theme.yaml"),
    render="meetingpress.outputs.news.page:render",
    lists_others=True,
    hides="meetingpress.outputs.news.hides:hidden",
    preview="preview/news.html",
)
