"""The report: a meeting in English (or Dutch) → an accessible A4 PDF: the HTML page (`page.py`), WeasyPrint
(`pdf.py`, reading through `fetch.py`), whose objects are finished before they are written (`objects.py`, with
the tagging pass: `tags.py`, `marks.py`)."""

from meetingpress.registry import N_, Output

OUTPUT = Output(
    name="report",
    file="report.{lang}.pdf",
    label=N_("Report"),
    format=N_("PDF"),
    media_type="application/pdf",
    languages=("en",),
    about="Languages of the PDF report (default: English).",
    reads=("report", "theme.yaml", "fonts", "images"),
    render="meetingpress.outputs.report.page:render",
    prepare="meetingpress.outputs.report.page:prepare",
    finish="meetingpress.outputs.report.pdf:finish",
    warm=("meetingpress.outputs.report.engine",),
    preview="preview/report.html",
)
