"""The slide deck: a meeting in English (or Dutch) → a 16:9 .pptx made with python-pptx, every text fitted."""

from meetingpress.registry import N_, Output

OUTPUT = Output(
    name="slides",
    file="slides.{lang}.pptx",
    label=N_("Slides"),
    format=N_("PowerPoint"),
    media_type="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    languages=("en",),
    about="Languages of the presentation (default: English).",
    reads=("slides", "slides.pptx", "slides.potx", "theme.yaml", "fonts", "images"),
    render="meetingpress.outputs.slides.content:render",
    warm=("pptx", "meetingpress.outputs.slides.content"),
    preview="preview/slides.html",
    outline="meetingpress.outputs.slides.outline:titles",
)
