"""Live preview: `watch` rebuilds on save with one warm runner, a broken save keeps the outputs, `serve` shows them."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import threading
import urllib.error
import urllib.request

import pytest
from test_build import news_only

from meetingpress.build.preview import serve, shown
from meetingpress.build.watch import watch
from meetingpress.paths import BUILTIN_TEMPLATES

WAIT = 120  # seconds: the first build starts the warm workers (WeasyPrint, python-pptx)


class Session:
    """`watch` or `serve` running in a thread, its cycles in a queue."""

    def __init__(self, fp, target=watch, **options):
        self.cycles: queue.Queue = queue.Queue()
        self.urls: list[str] = []
        self.stop = threading.Event()
        if target is serve:
            options.update(port=0, on_ready=self.urls.append)
        self.thread = threading.Thread(target=target, args=(fp.project, self.stop, self.cycles.put), kwargs=options)
        self.thread.start()

    def next(self):
        return self.cycles.get(timeout=WAIT)

    def close(self):
        self.stop.set()
        self.thread.join(30)
        assert not self.thread.is_alive(), "watch did not stop when asked"


@pytest.fixture
def session():
    sessions = []

    def start(fp, target=watch, **options):
        sessions.append(Session(fp, target, **options))
        return sessions[-1]

    yield start
    for s in sessions:
        s.close()


@pytest.fixture
def news_project(fixture_project):
    fixture_project.add_example("a.yaml", edit=news_only)
    return fixture_project


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_save_rebuilds_a_broken_save_keeps_the_outputs_and_stop_ends_the_watch(news_project, session):
    meeting = news_project.root / "content" / "a.yaml"
    page = news_project.output / "a" / "news.nl.html"
    watching = session(news_project)
    first = watching.next()
    assert first.ok and first.number == 1 and first.changed == []
    assert page in [w.path for w in first.result.written]

    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "nl: Zijn we effectiever in strategische partnerschappen?", "nl: Werken we beter samen?"), encoding="utf-8")
    second = watching.next()
    assert second.ok and second.changed == ["content/a.yaml"], second
    assert page in [w.path for w in second.result.written]
    assert "Werken we beter samen?" in page.read_text(encoding="utf-8")

    good = digest(page)
    temporary = meeting.with_name("a.yaml.sedX1y2")  # saved the way sed -i and many editors do: a new file, renamed
    temporary.write_text(meeting.read_text(encoding="utf-8").replace("number: 5", "number: vijf"), encoding="utf-8")
    os.replace(temporary, meeting)
    broken = watching.next()
    assert not broken.ok and broken.changed == ["content/a.yaml"], broken
    line = meeting.read_text(encoding="utf-8").splitlines().index("number: vijf") + 1
    assert [str(p) for p in broken.problems] == [f"content/a.yaml:{line}:1: number: must be a whole number, such as 5"]
    assert digest(page) == good, "a broken save keeps the last good outputs"

    meeting.write_text(meeting.read_text(encoding="utf-8").replace("number: vijf", "number: 6"), encoding="utf-8")
    fixed = watching.next()
    assert fixed.ok and fixed.number == 4
    watching.close()


def test_a_template_save_rebuilds_too(news_project, session):
    css = (BUILTIN_TEMPLATES / "news" / "news.css").read_text(encoding="utf-8")
    override = news_project.template("news/news.css", css)
    page = news_project.output / "a" / "news.nl.html"
    watching = session(news_project)
    assert watching.next().ok
    override.write_text(css + "\n.mp-news h1 { letter-spacing: .02em; }\n", encoding="utf-8")
    cycle = watching.next()
    assert cycle.ok and cycle.changed == ["templates/news/news.css"]
    assert page in [w.path for w in cycle.result.written]
    assert "letter-spacing: .02em" in page.read_text(encoding="utf-8")


def test_a_series_templates_folder_beside_templates_is_watched(news_project, session):
    """(A folder outside the project may not hold templates at all: tests/test_threats_content.py.)"""
    css = (BUILTIN_TEMPLATES / "news" / "news.css").read_text(encoding="utf-8")
    shared = news_project.root / "shared-templates" / "news" / "news.css"
    shared.parent.mkdir(parents=True)
    shared.write_text(css, encoding="utf-8")
    series = news_project.root / "content" / "series" / "strategic-partnerships.yaml"
    page = news_project.output / "a" / "news.nl.html"
    watching = session(news_project)
    assert watching.next().ok
    # the series starts naming the folder: that save rebuilds, and the folder is watched from then on
    series.write_text(series.read_text(encoding="utf-8") + "templates: ../../shared-templates\n", encoding="utf-8")
    assert watching.next().ok
    shared.write_text(css + "\n.mp-news h1 { letter-spacing: .03em; }\n", encoding="utf-8")
    cycle = watching.next()
    assert cycle.ok and page in [w.path for w in cycle.result.written]
    assert "letter-spacing: .03em" in page.read_text(encoding="utf-8")


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, "", b""


def test_serve_shows_the_preview_page_the_outputs_and_a_broken_save(news_project, session):
    serving = session(news_project, target=serve)
    assert serving.next().ok
    (base,) = serving.urls
    assert base.startswith("http://127.0.0.1:")

    status, kind, body = get(base)
    page = body.decode("utf-8")
    assert status == 200 and kind.startswith("text/html")
    assert '<iframe src="/a/news.nl.html?v=1"' in page
    assert "/_preview/state.json" in page and "location.reload()" in page
    status, _kind, body = get(base + "a/news.nl.html")
    assert status == 200 and body == (news_project.output / "a" / "news.nl.html").read_bytes()
    # "Copy the body" and "Copy the title" fetch the CMS body and the JSON that holds the title
    assert 'data-copy="body" data-url="/a/news.nl.fragment.html"' in page and "Copy the body" in page
    assert 'data-copy="title" data-url="/a/news.nl.json"' in page and "Copy the title" in page
    assert get(base + "a/news.nl.fragment.html")[2] == (news_project.output / "a" / "news.nl.fragment.html").read_bytes()
    assert json.loads(get(base + "a/news.nl.json")[2])["title"]
    status, _kind, body = get(base + "index.html")
    assert status == 200 and b'href="a/news.nl.html"' in body
    assert json.loads(get(base + "_preview/state.json")[2]) == {"generation": 1, "ok": True}
    assert (news_project.output / ".meetingpress" / "a.json").is_file()
    assert get(base + ".meetingpress/a.json")[0] == 404, "the build's records are not served"
    request = urllib.request.Request(base + "a/news.nl.html", data=b"x", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 501, "the server is read-only"

    meeting = news_project.root / "content" / "a.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("date: 2017-11-23", "date: 23-11-2017"),
                       encoding="utf-8")
    assert not serving.next().ok
    assert json.loads(get(base + "_preview/state.json")[2]) == {"generation": 2, "ok": False}
    page = get(base)[2].decode("utf-8")
    assert "content/a.yaml:" in page and "date: must be a date written as YYYY-MM-DD" in page
    assert '<iframe src="/a/news.nl.html?v=2"' in page, "the last good outputs are still shown"


def test_the_outline_lists_each_slide_title(tmp_path):
    from pptx import Presentation

    deck = Presentation()
    for title in ("Are we more effective?", "Challenges", "Thank you"):
        slide = deck.slides.add_slide(deck.slide_layouts[5])
        slide.shapes.title.text = title
    folder = tmp_path / "m"
    folder.mkdir()
    deck.save(str(folder / "slides.en.pptx"))
    (folder / "slides.nl.pptx").write_bytes(b"not a deck")
    decks = shown(tmp_path, "m", {"slides.en": "slides.en.pptx", "slides.nl": "slides.nl.pptx"})
    assert decks[0]["name"] == "slides.en.pptx" and decks[0]["template"] == "preview/slides.html"
    assert decks[0]["outline"] == ["Are we more effective?", "Challenges", "Thank you"]
    assert decks[1]["name"] == "slides.nl.pptx" and "error" in decks[1]
