"""Polls and photos on slides: a poll `Result` → a slide with a native, editable bar chart; a photo → a slide
with the picture fitted without distortion, its caption and credit.

The chart is PowerPoint's own (`c:chart`), so a presenter can restyle it: the
poll's shares are its data (a `0%` number format, which PowerPoint shows in
the viewer's language), the bars take the theme's primary colour, and the
result in words is the chart's description for screen readers.  python-pptx
keeps a chart's data as an embedded workbook, the only embedded part a deck
holds; its creation date is set to the meeting's, so rebuilds stay
byte-identical.
"""

from __future__ import annotations

import io
import re
import zipfile

from meetingpress.outputs import photos
from meetingpress.outputs.slides import xml
from meetingpress.outputs.slides.deck import TITLE_SIZES
from meetingpress.outputs.slides.fit import IN, Para, Span
from meetingpress.outputs.slides.text import picture, place

NOTE_HEIGHT = int(0.45 * IN)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def media_slides(deck, job, items) -> None:
    """A slide per poll (a native chart) and per figure (the photo), where the meeting places them."""
    when = f"{job.meeting.date.isoformat()}T00:00:00Z"
    for item in items:
        if item.kind == "poll":
            poll_slide(deck, item.result, when, ("polls", item.index, "question", job.lang))
            continue
        figure = item.view
        title = str(figure.caption) if figure.caption else str(figure.alt)
        credit = str(figure.credit) if figure.credit else None
        notes = [str(figure.alt), *([credit] if credit else [])]
        where = ("figures", item.index, "caption" if figure.caption else "alt", job.lang)
        figure_slide(deck, item.path, title, str(figure.alt), credit, notes, where)


def poll_slide(deck, res, when: str, where: tuple) -> None:
    """One slide: the question as its title, the chart in the body's place, the note and respondents below."""
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Pt

    slide, roles = deck.new_slide("content")
    body = roles["body"]
    deck.title(roles["title"], [Para((Span(res.question, bold=True),))], TITLE_SIZES, below=body, path=where)
    left, top, width, height = body.left, body.top, body.width, body.height
    deck.drop(body)
    data = CategoryChartData(number_format="0%")
    data.categories = [bar.label for bar in res.bars]
    data.add_series(res.question, [bar.share / 100 for bar in res.bars])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height - NOTE_HEIGHT, data)
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(18)
    chart.font.name = deck.family
    plot = chart.plots[0]
    plot.gap_width = 50
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = "0%", False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.bold = True
    fill = chart.series[0].format.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(deck.theme.colors.primary.lstrip("#").upper())
    chart.category_axis.reverse_order = True  # the first option on top, as it was offered
    chart.category_axis.has_major_gridlines = False
    values = chart.value_axis
    values.minimum_scale, values.maximum_scale = 0, 1
    values.has_major_gridlines = False
    values.visible = False
    xml.describe(frame, f"{res.question} {res.summary}", "Chart")
    _repeatable(frame, when)
    line = [Para((Span(" · ".join(part for part in (res.note, res.people) if part)),), colour="accent3")]
    box = slide.shapes.add_textbox(left, top + height - NOTE_HEIGHT, width, NOTE_HEIGHT)
    deck.fit(box, line, (16, 14, 12), where)
    deck.finish(slide, [res.question, res.summary, *([res.note] if res.note else [])])


def figure_slide(deck, path, title: str, alt: str, credit: str | None, notes: list[str], where: tuple) -> None:
    """One slide: the caption as its title, the photo as large as the body allows (aspect kept), the credit."""
    slide, roles = deck.new_slide("content")
    body = roles["body"]
    deck.title(roles["title"], [Para((Span(title, bold=True),))], TITLE_SIZES, below=body, path=where)
    left, top, width, height = body.left, body.top, body.width, body.height
    deck.drop(body)
    clean = photos.clean(path, photos.SLIDE_WIDTH)
    room = height - (NOTE_HEIGHT if credit else 0)
    pic = picture(slide, io.BytesIO(clean.data), alt, left, top, width, room, right_align=False)
    place(pic, left + (width - pic.width) // 2, pic.top, pic.width, pic.height)
    if credit:
        box = slide.shapes.add_textbox(left, top + room, width, NOTE_HEIGHT)
        deck.fit(box, [Para((Span(credit),), colour="accent3", align="right")], (14, 12, 10), where)
    deck.finish(slide, notes)


def _repeatable(frame, when: str) -> None:
    """The chart's embedded workbook with the meeting's date as its creation date, not the clock's."""
    source = zipfile.ZipFile(io.BytesIO(xml.chart_workbook(frame)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(rb"\g<1>" + when.encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            target.writestr(entry, data)
    xml.replace_chart_workbook(frame, buffer.getvalue())
