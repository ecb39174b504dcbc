"""The build: atomic writes, failures that leave earlier outputs intact, fingerprints, the lock."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest

from meetingpress.build.lock import output_lock


def news_only(text: str) -> str:
    """The example with only the Dutch news item (fast), its links pointing elsewhere."""
    return (
        text.replace("number: 5\n", "number: 5\noutputs: {news: [nl], report: [], slides: []}\n")
        .replace("(@slides)", "(https://example.org/slides.pptx)")
        .replace("(@report)", "(https://example.org/report.pdf)")
    )


@pytest.fixture
def news_project(fixture_project):
    fixture_project.add_example("a.yaml", edit=news_only)
    return fixture_project


def snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".meetingpress" not in p.parts
    }


def leftovers(folder):
    return [p.name for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_build_writes_each_output_and_says_so(news_project, capsys):
    assert news_project.run("build") == 0
    out = capsys.readouterr().out
    assert "wrote output/a/news.nl.html" in out
    assert "wrote output/a/news.nl.fragment.html" in out
    assert sorted(snapshot(news_project.output)) == [
        "a/news.nl.fragment.html", "a/news.nl.html", "a/news.nl.json", "index.html"]


@pytest.mark.parametrize(
    "template,options,message",
    [
        ("\n{{ meeting.no_such_field }}", [], "news.nl: could not be built: "),
        ("{% if %}", [], "news.nl: could not be built: "),
        ("{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",  # the sandbox's longest ranges
         ["--timeout", "2"], "news.nl: took longer than 2 s"),
        ("{{ 'x' * (3 * 10**9) }}", ["--memory-limit", "400"], "news.nl: ran out of memory"),
    ],
    ids=["raises", "syntax error", "hangs", "out of memory"],
)
def test_a_failing_render_leaves_earlier_outputs_intact(news_project, capsys, request, template, options, message):
    assert news_project.run("build") == 0
    before = snapshot(news_project.output)
    news_project.template("news/article.html", template)
    capsys.readouterr()
    started = time.monotonic()
    assert news_project.run("build", *options) == 1
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert f"content/a.yaml: {message}" in err
    where = {"raises": "article.html:2: UndefinedError", "syntax error": "article.html:1: TemplateSyntaxError"}
    for part, expected in where.items():  # the template and line it failed at
        if part == request.node.callspec.id:
            assert f"templates/news/{expected}" in err
    assert "Traceback" not in err
    assert snapshot(news_project.output) == before
    assert not leftovers(news_project.root)


@pytest.mark.parametrize("folder", ["templates", "content/series/mine"])
def test_check_reports_a_template_the_build_cannot_read(news_project, capsys, folder):
    """`check` refuses what the build would stop at: a template of the project's or of a series' own folder."""
    if folder != "templates":  # the series names its own templates folder
        series = news_project.root / "content" / "series" / "strategic-partnerships.yaml"
        series.write_text(series.read_text(encoding="utf-8") + "templates: mine\n", encoding="utf-8")
    broken = news_project.root / folder / "news" / "article.html"
    broken.parent.mkdir(parents=True)
    broken.write_text("<p>\n{% if %}\n", encoding="utf-8")
    (broken.parent / "unused.j2").write_bytes(b"caf\xe9")
    capsys.readouterr()
    assert news_project.run("check") == 1
    err = capsys.readouterr().err
    assert f"{folder}/news/article.html:2:1: this template cannot be read: " in err
    assert f"{folder}/news/unused.j2:1:1: this template is not UTF-8 text" in err
    assert "2 problems in 2 files" in err
    assert news_project.run("build") == 1  # the build stops at the same place
    assert f"{folder}/news/article.html:2: TemplateSyntaxError" in capsys.readouterr().err
    broken.write_text("<p>{{ meeting.title }}</p>\n", encoding="utf-8")
    (broken.parent / "unused.j2").unlink()
    assert news_project.run("check") == 0


def test_unchanged_outputs_are_skipped(news_project, capsys):
    assert news_project.run("build") == 0
    capsys.readouterr()
    assert news_project.run("build") == 0
    out = capsys.readouterr().out
    assert "wrote" not in out and "unchanged, skipped: a/*" in out
    assert news_project.run("build", "--force") == 0
    assert "wrote output/a/news.nl.html" in capsys.readouterr().out


@pytest.mark.parametrize(
    "change,rebuilds",
    [
        (lambda fp: fp.add_example("a.yaml", edit=lambda t: news_only(t).replace("Nieuws", "Verslag")), True),
        (lambda fp: fp.template("news/news.css", "article { color: red; }\n"), True),
        (lambda fp: fp.template("theme.yaml", (fp.project.templates()[-1] / "theme.yaml").read_text()
                                .replace("#1f4e79", "#7a1f4e")), True),
        (lambda fp: (fp.output / "a" / "news.nl.html").unlink(), True),
        (lambda fp: (fp.output / "a" / "news.nl.html").write_text("edited by hand"), True),
        (lambda fp: fp.add("a/photo.png", b"\x89PNG new image"), True),
        (lambda fp: fp.add_example("b.yaml", edit=news_only), False),
        (lambda fp: fp.template("report/report.css", "body { color: red; }\n"), False),
        (lambda fp: fp.template("slides.pptx", b"not read by the news item"), False),
        (lambda fp: (fp.root / "content" / "a.yaml").touch(), False),
        (lambda fp: fp.add("notes.txt", "not part of any meeting"), False),
    ],
    ids=["meeting edited", "template override", "theme colour", "output deleted", "output edited",
         "image added", "another meeting", "report template", "slides master", "only mtime", "unrelated file"],
)
def test_what_invalidates_the_news_item(news_project, capsys, change, rebuilds):
    assert news_project.run("build") == 0
    time.sleep(0.01)
    change(news_project)
    capsys.readouterr()
    assert news_project.run("build", "content/a.yaml") == 0
    out = capsys.readouterr().out
    assert ("wrote output/a/news.nl.html" in out) is rebuilds, out


def both_news(text: str) -> str:
    """The example with a news item in each language, and nothing else."""
    return news_only(text).replace("news: [nl]", "news: [nl, en]")


def swap_first_groups(text: str) -> str:
    """The findings' first two groups in the other order (each group's text unchanged)."""
    head, rest = text.split("findings:\n", 1)
    lines = rest.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("  ") and not line.startswith("   ")]
    first, second, third = starts[0], starts[1], starts[2]
    return head + "findings:\n" + "".join(lines[second:third] + lines[first:second] + lines[third:])


@pytest.mark.parametrize(
    "edit,rebuilt",
    [
        (lambda t: t.replace("  nl: Nieuws", "  nl: Nieuwsbericht"), ["news.nl"]),
        (lambda t: t.replace("  en: News", "  en: News item"), ["news.en"]),
        (lambda t: t.replace("# The organisers come from the series file.", "# Reviewed."), []),
        (lambda t: t.replace("nl: Tijd en capaciteit\n", "nl: 'Tijd en capaciteit'\n"), []),
        (lambda t: t.replace("date: 2017-11-23", "date: 2017-11-24"), ["news.nl", "news.en"]),
        (swap_first_groups, ["news.nl", "news.en"]),
    ],
    ids=["Dutch text", "English text", "comment", "same text quoted", "date", "groups reordered"],
)
def test_an_edit_rebuilds_only_the_outputs_that_read_it(fixture_project, capsys, edit, rebuilt):
    """After an edit to the meeting file, an output whose language's view of the meeting is unchanged is kept,
    and its record is brought up to date: the next build is a no-op without loading the meeting."""
    path = fixture_project.add_example("a.yaml", edit=both_news)
    assert fixture_project.run("build") == 0
    before = snapshot(fixture_project.output)
    edited = edit(path.read_text(encoding="utf-8"))
    assert edited != path.read_text(encoding="utf-8")
    path.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert fixture_project.run("build") == 0
    out = capsys.readouterr().out
    assert sorted(label for label in ("news.nl", "news.en") if f"wrote output/a/{label}.html" in out) == sorted(rebuilt)
    if not rebuilt:
        assert "wrote" not in out, "nothing changed, the archive page included"
    after = snapshot(fixture_project.output)
    for label in {"news.nl", "news.en"} - set(rebuilt):
        assert f"a/{label}" in out.split("unchanged, skipped:")[1]
        assert after[f"a/{label}.html"] == before[f"a/{label}.html"]
    assert fixture_project.run("build") == 0
    assert "unchanged, skipped: a/*" in capsys.readouterr().out
    assert fixture_project.run("build", "--force") == 0
    out = capsys.readouterr().out
    assert "wrote output/a/news.nl.html" in out and "wrote output/a/news.en.html" in out
    assert snapshot(fixture_project.output) == after, "a kept output is what a fresh build makes"


def test_a_series_edit_rebuilds_every_output(fixture_project, capsys):
    fixture_project.add_example("a.yaml", edit=both_news)
    assert fixture_project.run("build") == 0
    series = fixture_project.root / "content" / "series" / "strategic-partnerships.yaml"
    series.write_text(series.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    capsys.readouterr()
    assert fixture_project.run("build") == 0
    out = capsys.readouterr().out
    assert "wrote output/a/news.nl.html" in out and "wrote output/a/news.en.html" in out


def test_draft_and_strict_builds_have_their_own_fingerprints_and_folders(news_project, capsys):
    assert news_project.run("build") == 0
    published = {p: p.read_bytes() for p in news_project.output.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert news_project.run("build", "--draft") == 0
    out = capsys.readouterr().out
    assert "wrote output/_drafts/a/news.nl.html" in out and "wrote output/a/" not in out
    assert {p: p.read_bytes() for p in published} == published, "a draft never replaces a published output"
    assert news_project.run("build") == 0
    assert "unchanged, skipped: a/*" in capsys.readouterr().out


def test_a_second_build_waits_for_the_first(news_project, capsys):
    released = threading.Event()

    def hold():
        with output_lock(news_project.output):
            time.sleep(1.0)
        released.set()

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    assert news_project.run("build") == 0
    assert released.is_set()
    holder.join()
    captured = capsys.readouterr()
    assert "another build is running; waiting" in captured.err
    assert "wrote output/a/news.nl.html" in captured.out


def test_no_wait_exits_with_a_clear_message(news_project, capsys):
    with output_lock(news_project.output):
        assert news_project.run("build", "--no-wait") == 2
    assert "another build is writing to output/ right now" in capsys.readouterr().err
    assert not (news_project.output / "a").exists()


def test_check_writes_nothing(news_project):
    assert news_project.run("check") == 0
    assert not news_project.output.exists()


def test_workers_reused_across_builds_do_not_keep_the_lock(news_project):
    from meetingpress.build.pipeline import build
    from meetingpress.build.runner import Runner

    meeting = news_project.root / "content" / "a.yaml"
    with Runner(warm=False) as runner:
        build(news_project.project, [meeting], runner=runner)
        news_project.add_example("a.yaml", edit=lambda t: news_only(t).replace("Nieuws", "Verslag"))
        result = build(news_project.project, [meeting], runner=runner, wait=False)
    assert [w.path.name for w in result.written][:1] == ["news.nl.html"]
