"""The phrases every output shares (outputs/phrases.py) and the one template context (outputs/context.py)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from markupsafe import escape
from pptx import Presentation

from meetingpress.build.plan import jobs
from meetingpress.outputs import phrases
from meetingpress.outputs.news import page as news
from meetingpress.outputs.report import page
from meetingpress.outputs.slides import content as slides
from meetingpress.text import Run, Text
from meetingpress.translation.ready import load_all

EVERY_OUTPUT = "\noutputs:\n  news: [nl, en]\n  report: [nl, en]\n  slides: [nl, en]\n"
EXPECTED = {
    "nl": {"participants": "zo'n 25 deelnemers", "nth": "vijfde leerbijeenkomst voor Strategische Partnerschappen",
           "date": "23 november 2017", "time": "13:30–17:00"},
    "en": {"participants": "about 25 participants", "nth": "fifth learning meeting on Strategic Partnerships",
           "date": "23 November 2017", "time": "13:30–17:00"},
}


def every_job(fp) -> dict[tuple[str, str], object]:
    (item,) = load_all(fp.project, [fp.root / "content" / "2017-sp-5.yaml"])
    return {(output, job.lang): job for output, job in jobs(fp.project, item)}


def plain_html(html: str) -> str:
    """Visible text of an HTML page, on one line: tags out, entities read, white space collapsed."""
    import html as html_lib

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def deck_texts(data: bytes) -> tuple[str, str]:
    """The title slide's text and its speaker notes."""
    first = Presentation(io.BytesIO(data)).slides[0]
    shown = " ".join(shape.text_frame.text for shape in first.shapes if shape.has_text_frame)
    return " ".join(shown.split()), first.notes_slide.notes_text_frame.text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_output_writes_the_shared_phrases_alike(example_copy, lang):
    example_copy.add_example(edit=lambda text: text + EVERY_OUTPUT)
    found = every_job(example_copy)
    words = EXPECTED[lang]
    upper = {key: value[:1].upper() + value[1:] for key, value in words.items()}
    when = f"{words['date']} · {words['time']} · Amsterdam"

    body = plain_html(news.render(found["news", lang])[f"news.{lang}.fragment.html"].decode())
    assert f"{words['date']}, {words['time']}, Amsterdam" in body  # in running text, with commas
    assert words["participants"] in body
    assert f" {words['nth']}," in body

    report = plain_html(page.prepare(found["report", lang]).html)
    assert when in report  # the cover
    assert f"{words['date']}, {words['time']}" in report  # the facts table
    assert upper["participants"] in report
    assert upper["nth"] in report

    title, notes = deck_texts(slides.render(found["slides", lang])[f"slides.{lang}.pptx"])
    assert upper["nth"] in title and when in title
    assert f"{upper['participants']} {'namens' if lang == 'nl' else 'from'} " in notes
    assert upper["nth"] in notes and when in notes


class Facts:
    """The few fields the phrases read, as a meeting's view gives them."""

    def __init__(self, count=25, approximate=True, start=dt.time(13, 30), end=dt.time(17), number=5,
                 series="learning meeting on *local ownership*", place="Utrecht & online"):
        self.participants = type("Participants", (), {"count": count, "approximate": approximate})()
        self.start, self.end, self.number, self.date = start, end, number, dt.date(2024, 3, 7)
        self.series, self.place = Text(series), Text(place)


@pytest.mark.parametrize("count,approximate,lang,expected", [
    (1, False, "en", "1 participant"),
    (1, False, "nl", "1 deelnemer"),
    (1, True, "nl", "zo'n 1 deelnemer"),
    (25, False, "en", "25 participants"),
    (1234, True, "en", "about 1,234 participants"),
    (1234, True, "nl", "zo'n 1.234 deelnemers"),
])
def test_participants_in_the_plural_form_and_number_format_of_the_language(count, approximate, lang, expected):
    phrase = phrases.participants(Facts(count, approximate), lang)
    assert str(phrase) == expected
    assert str(phrases.participants(Facts(count, approximate), lang, capital=True)) == expected[:1].upper() + expected[1:]


def test_when_leaves_out_what_the_meeting_does_not_say():
    assert str(phrases.when(Facts(), "en")) == "7 March 2024 · 13:30–17:00 · Utrecht & online"
    assert str(phrases.when(Facts(start=None, end=None), "nl", sep=", ")) == "7 maart 2024, Utrecht & online"
    assert str(phrases.when(Facts(end=None), "en", place=False)) == "7 March 2024 · 13:30"
    assert str(escape(phrases.when(Facts(), "en", sep=" & "))) == "7 March 2024 & 13:30–17:00 & Utrecht &amp; online"


def test_the_nth_meeting_keeps_the_series_markup_in_html_and_runs_and_drops_it_in_plain_text():
    phrase = phrases.nth_meeting(Facts(number=21), "en", capital=True)
    assert str(phrase) == "Twenty-first learning meeting on local ownership"
    assert str(escape(phrase)) == "Twenty-first learning meeting on <em>local ownership</em>"
    assert phrase.runs == [Run("Twenty-first "), Run("learning meeting on "), Run("local ownership", italic=True)]
    assert str(phrases.nth_meeting(Facts(number=5, series="<b>"), "nl")) == "vijfde <b>"
    assert str(escape(phrases.nth_meeting(Facts(number=5, series="<b>"), "nl"))) == "vijfde &lt;b&gt;"


def test_every_output_template_gets_the_same_names(example_copy):
    """One context: the same line, written with the shared names, comes out of the news item and the report."""
    line = ("{{ meeting.title }}|{{ meeting_id }}|{{ lang }}|{{ draft }}|{{ theme.colors.primary }}|"
            "{{ participants(meeting) }}|{{ when(meeting) }}|{{ nth_meeting(meeting) }}|{{ lead_in(meeting.title) }}|"
            "{{ when_parts(meeting)|length }}|{{ 1234|number }}")
    example_copy.add_example(edit=lambda text: text + EVERY_OUTPUT)
    example_copy.template("news/article.html", f"<p>{line}</p>")
    example_copy.template("report/report.html", f"<p>{line}</p>")
    found = every_job(example_copy)
    for lang in ("nl", "en"):
        made = news.render(found["news", lang])[f"news.{lang}.html"].decode()
        shown = re.search(r"<p>(.*?)</p>", made).group(1)
        assert shown == page.prepare(found["report", lang]).html.strip()[3:-4]
        assert shown.split("|")[1:4] == ["2017-sp-5", lang, "False"]
