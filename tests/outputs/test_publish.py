"""Publishing as is: absolute links under base_url, each output's own closing, finding groups laid out by size
and style, a CMS body both WordPress and Drupal keep, and news.<lang>.json against its JSON Schema."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pikepdf
import pytest
from conftest import FIXTURES
from pptx import Presentation
from test_news import Page, build_news

from meetingpress.build.plan import jobs
from meetingpress.errors import ContentError
from meetingpress.outputs.news import page as news
from meetingpress.paths import BUILTIN_TEMPLATES
from meetingpress.translation.ready import load_all

BASE = "https://www.example.org/kennis/"
SERIES = Path("content/series/strategic-partnerships.yaml")
LARGE = "large-meeting.yaml"

# What each CMS keeps of a post's HTML: WordPress's kses for posts (authors without unfiltered_html) and the
# "Basic HTML" text format of Drupal's standard profile.  Tags, and the attributes each keeps on them.
WORDPRESS = {
    "p": {"align", "class", "dir", "lang", "style"}, "h2": {"align", "class", "id", "style"},
    "h3": {"align", "class", "id", "style"}, "h4": {"align", "class", "id", "style"},
    "ul": {"class", "style", "type"}, "ol": {"class", "start", "style", "type", "reversed"},
    "li": {"align", "class", "value"}, "blockquote": {"cite", "lang"},
    "a": {"href", "rel", "rev", "name", "target", "download", "title"}, "strong": set(), "em": set(),
    "cite": {"dir", "lang", "title"}, "br": set(), "img": {"alt", "align", "border", "height", "src", "width"},
    "div": {"align", "class", "style"}, "span": {"class", "style"}, "figure": set(), "time": set(),
}
DRUPAL_BASIC = {
    "p": set(), "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"}, "ul": {"type"},
    "ol": {"start", "type"}, "li": set(), "blockquote": {"cite"}, "a": {"href", "hreflang"}, "strong": set(),
    "em": set(), "cite": set(), "code": set(), "br": set(), "dl": set(), "dt": set(), "dd": set(),
    "img": {"src", "alt", "height", "width", "data-entity-type", "data-entity-uuid", "data-align", "data-caption"},
}


class Tags(HTMLParser):
    """Every element with its attributes and the raw source of each one's content."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def stripped(html: str, allowed: dict[str, set]) -> str:
    """`html` with every tag outside `allowed` removed (its text kept), as a CMS filter does."""

    def keep(match: re.Match) -> str:
        return match.group(0) if match.group(1).lower() in allowed else ""

    return re.sub(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>", keep, html)


@pytest.fixture
def large(fixture_project):
    """The example and the larger meeting, in the example's series."""
    fixture_project.add_example()
    shutil.copy(FIXTURES / LARGE, fixture_project.root / "content" / LARGE)
    return fixture_project


def with_base_url(project) -> None:
    path = project.root / SERIES
    path.write_text(path.read_text(encoding="utf-8") + f"\nbase_url: {BASE}\n", encoding="utf-8")


def views(project, name: str):
    (item,) = load_all(project.project, [project.root / "content" / name])
    (job,) = [job for output, job in jobs(project.project, item) if output == "news"]
    return job.view


# ------------------------------------------------------------------ finding groups


def test_each_group_gets_the_layout_of_its_size_and_style(large):
    example = views(large, "2017-sp-5.yaml")
    assert {key: news.layout(group) for key, group in example.findings.items()} == {
        "challenges": "prose", "success_factors": "prose", "recommendations": "list"}
    bigger = views(large, LARGE)
    assert [len(group.items) for group in bigger.findings.values()] == [5, 4, 12]
    assert {key: news.layout(group) for key, group in bigger.findings.items()} == {
        "challenges": "lead-ins", "success_factors": "lead-ins", "recommendations": "lead-ins"}
    body = build_news(large, LARGE)["news.nl.fragment.html"]
    # each large group shows its Dutch heading, and each item its Dutch title as a bold lead-in
    for heading in ("Uitdagingen", "Succesfactoren", "Aanbevelingen"):
        assert f"<h2>{heading}</h2>" in body
    assert "<li><strong>Kortlopende financiering.</strong> Financiering loopt meestal vijf jaar" in body
    assert "<li><strong>Open evaluaties.</strong> Evaluaties waarin" in body
    assert body.count("<li><strong>") == 5 + 4 + 12
    assert "<p>Belangrijke aanbevelingen zijn:</p>\n<ul>\n<li><strong>Plan de overdracht" in body


def test_a_series_chooses_the_layout(large):
    series = large.root / SERIES
    text = series.read_text(encoding="utf-8")
    text = text.replace("  challenges:\n", "  challenges:\n    style: sections\n")
    text = text.replace("  success_factors:\n", "  success_factors:\n    plain_up_to: 4\n")
    series.write_text(text, encoding="utf-8")
    bigger = views(large, LARGE)
    assert {key: news.layout(group) for key, group in bigger.findings.items()} == {
        "challenges": "sections", "success_factors": "prose", "recommendations": "lead-ins"}
    body = build_news(large, LARGE)["news.nl.fragment.html"]
    assert "<h2>Uitdagingen</h2>\n<h3>Kortlopende financiering</h3>\n<p>Financiering loopt" in body
    assert "<h2>Succesfactoren</h2>" not in body and "<p>Een agenda die partners samen hebben opgesteld" in body
    # the example's small groups stay as the seed has them, except the one now written as sections
    example = build_news(large)["news.nl.fragment.html"]
    assert "<h3>Tijd en capaciteit</h3>" in example and "<li><strong>" not in example


# ------------------------------------------------------------------ quotations


def test_a_quote_that_ends_a_sentence_gets_no_second_full_stop(large):
    files = build_news(large, LARGE)
    text = Page(files["news.nl.html"]).text
    assert "“Een partnerschap is pas geslaagd als het ook zonder subsidie ‘zo’n beetje’ vanzelf doorgaat.” Met" in text
    assert ".”." not in files["news.nl.html"] and '."' not in text
    meta = {dict(a).get("name"): dict(a).get("content") for t, a in Page(files["news.nl.html"]).tags if t == "meta"}
    assert meta["description"] == ("“Een partnerschap is pas geslaagd als het ook zonder subsidie ‘zo’n beetje’ "
                                   "vanzelf doorgaat.” Met die stelling opende de dagvoorzitter de zesde bijeenkomst. "
                                   "Hoe bouw je zo'n partnerschap?")  # whole sentences, one full stop each


def test_apostrophes_and_quotes_inside_the_quotation_are_typographic_in_every_output(large):
    assert large.run("build", "content/" + LARGE) == 0
    folder = large.output / "large-meeting"
    report = subprocess.run(["pdftotext", str(folder / "report.en.pdf"), "-"], capture_output=True, text=True).stdout
    assert "‘more or less’" in report and "'more" not in report
    notes = Presentation(str(folder / "slides.en.pptx")).slides[1].notes_slide.notes_text_frame.text
    assert "“A partnership has only succeeded when it carries on ‘more or less’ by itself, even without a grant.”" in notes


def test_the_theme_chooses_single_quotes(large):
    theme = (BUILTIN_TEMPLATES / "theme.yaml").read_text(encoding="utf-8").replace("  nl: double", "  nl: single")
    large.template("theme.yaml", theme)
    text = Page(build_news(large, LARGE)["news.nl.html"]).text
    assert "‘Een partnerschap is pas geslaagd als het ook zonder subsidie “zo’n beetje” vanzelf doorgaat.’ Met" in text
    # the Dutch report and deck follow the theme too
    large.add(LARGE, (FIXTURES / LARGE).read_text(encoding="utf-8") + "outputs:\n  report: [nl]\n  slides: [nl]\n")
    assert large.run("build", "content/" + LARGE) == 0
    folder = large.output / "large-meeting"
    report = subprocess.run(["pdftotext", str(folder / "report.nl.pdf"), "-"], capture_output=True, text=True).stdout
    assert "‘Een partnerschap is pas geslaagd als het ook zonder subsidie “zo’n beetje” vanzelf doorgaat.’" in " ".join(
        report.split())
    notes = Presentation(str(folder / "slides.nl.pptx")).slides[1].notes_slide.notes_text_frame.text
    assert notes.startswith("‘Een partnerschap is pas geslaagd als het ook zonder subsidie “zo’n beetje” vanzelf doorgaat.’")


# ------------------------------------------------------------------ when and where, the same everywhere


def test_when_and_where_read_the_same_in_every_output(large):
    assert large.run("build", "content/" + LARGE) == 0
    folder = large.output / "large-meeting"
    body = Page((folder / "news.nl.fragment.html").read_text()).text
    assert body.startswith("Bijeenkomst: 17 mei 2018, 10:00–16:30, Den Haag ")
    data = json.loads((folder / "news.nl.json").read_text())
    assert data["meeting"]["when"] == "17 mei 2018, 10:00–16:30, Den Haag"
    deck = Presentation(str(folder / "slides.en.pptx"))
    assert "17 May 2018 · 10:00–16:30 · The Hague" in deck.slides[0].placeholders[1].text_frame.text
    with pikepdf.open(folder / "report.en.pdf") as pdf:
        assert len(pdf.pages) > 1
    report = subprocess.run(["pdftotext", str(folder / "report.en.pdf"), "-"], capture_output=True, text=True).stdout
    assert "17 May 2018, 10:00–16:30" in report
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    for section in ("Context and premise", "Central questions", "Further information"):
        assert section in titles and section in report


# ------------------------------------------------------------------ links


def html_links(html: str) -> list[str]:
    return [attrs[name] for tag, attrs in Tags(html).elements for name in ("href", "src") if name in attrs]


def pdf_links(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        links = []
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                action = annot.get("/A")
                if action is not None and "/URI" in action:
                    links.append(str(action.URI))
                assert action is None or action.get("/S") in ("/URI", "/GoTo"), action
        return links


def deck_links(path: Path) -> tuple[list[str], str]:
    """Every external relationship in the deck (run and shape hyperlinks), and the text of all its notes."""
    with zipfile.ZipFile(path) as archive:
        targets = [unescape(t) for name in archive.namelist() if name.endswith(".rels")
                   for t in re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', archive.read(name).decode())]
    prs = Presentation(str(path))
    notes = "\n".join(slide.notes_slide.notes_text_frame.text for slide in prs.slides if slide.has_notes_slide)
    return targets, notes


def relative_names(text: str) -> list[str]:
    """Output file names in plain text that are not part of an absolute address."""
    return re.findall(r"(?<![/\w.-])(?:news|report|slides)\.(?:nl|en)\.(?:html|pdf|pptx)\b", text)


def test_with_base_url_every_link_in_every_output_is_absolute(large, capsys):
    with_base_url(large)
    assert large.run("check") == 0
    assert "base_url" not in capsys.readouterr().err  # no notice once it is set
    assert large.run("build") == 0
    for meeting in ("2017-sp-5", "large-meeting"):
        folder = large.output / meeting
        own = BASE + meeting + "/"
        seen = {}
        for name in ("news.nl.html", "news.nl.fragment.html"):
            seen[name] = html_links((folder / name).read_text())
        data = json.loads((folder / "news.nl.json").read_text())
        seen["news.nl.json"] = [data["canonical_url"], *(d["url"] for d in data["downloads"])]
        seen["report.en.pdf"] = pdf_links(folder / "report.en.pdf")
        seen["slides.en.pptx"], notes = deck_links(folder / "slides.en.pptx")
        for name, links in seen.items():
            assert links, name
            for link in links:
                assert re.match(r"^(https?://|mailto:)", link), f"{meeting}/{name}: relative link {link!r}"
        assert relative_names(notes) == [], "the notes give full addresses"
        assert own + "report.en.pdf" in notes and own + "news.nl.html" in notes
        # every output links the others, never itself
        assert {own + "report.en.pdf", own + "slides.en.pptx"} <= set(seen["news.nl.html"])
        assert own + "news.nl.html" not in seen["news.nl.html"]
        assert {own + "slides.en.pptx", own + "news.nl.html"} <= set(seen["report.en.pdf"])
        assert own + "report.en.pdf" not in seen["report.en.pdf"]
        assert {own + "report.en.pdf", own + "news.nl.html"} <= set(seen["slides.en.pptx"])
        assert own + "slides.en.pptx" not in seen["slides.en.pptx"]
        assert data["canonical_url"] == own + "news.nl.html"


def test_without_base_url_links_stay_relative_and_check_says_so_once(large, capsys):
    assert large.run("check") == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "base_url" in line]
    assert len(lines) == 1 and "2017-sp-5, large-meeting" in lines[0]
    assert large.run("build", "content/2017-sp-5.yaml") == 0
    assert sum("no base_url for 2017-sp-5" in line for line in capsys.readouterr().out.splitlines()) == 1
    assert pdf_links(large.output / "2017-sp-5" / "report.en.pdf") == ["slides.en.pptx", "news.nl.html"]


# ------------------------------------------------------------------ closings


def test_each_output_can_write_its_own_closing(large):
    def edit(text: str) -> str:
        head, _, lines = text.partition("\nclosing:\n")
        lines = "".join("  " + line for line in lines.splitlines(keepends=True))
        return head + ("\nclosing:\n  news:\n" + lines + "  report:\n    - nl: Lees ook het [nieuwsbericht](@news).\n"
                       "      en: Read the [news item](@news) too.\n  slides:\n    - nl: Tot de volgende keer!\n"
                       "      en: See you next time!\n")

    large.add_example(edit=edit)
    assert large.run("build", "content/2017-sp-5.yaml") == 0
    folder = large.output / "2017-sp-5"
    assert pdf_links(folder / "report.en.pdf") == ["news.nl.html"]
    _links, notes = deck_links(folder / "slides.en.pptx")
    assert "See you next time!" in notes
    assert "<p>Hier vind je de <a href=\"slides.en.pptx\">presentatie</a>" in (folder / "news.nl.fragment.html").read_text()


def test_an_output_that_links_to_itself_is_a_content_error(large):
    own = "\nclosing:\n  report:\n    - nl: Zie [dit](@report).\n      en: See [this](@report).\n  news:\n  - nl:"
    path = large.add_example(edit=lambda t: t.replace("\nclosing:\n  - nl:", own))
    with pytest.raises(ContentError) as caught:
        load_all(large.project, [path])
    messages = [str(p) for p in caught.value.problems]
    assert any(re.fullmatch(r"content/2017-sp-5\.yaml:\d+:\d+: closing\.report\[0\]\.(nl|en): the report cannot "
                            r"link to itself; .*", m) for m in messages), messages


# ------------------------------------------------------------------ the CMS body and its JSON


@pytest.mark.parametrize("name", ["2017-sp-5.yaml", LARGE, "every-field.yaml"])
def test_the_body_keeps_to_what_wordpress_and_drupal_keep(large, name):
    shutil.copy(FIXTURES / "every-field.yaml", large.root / "content" / "every-field.yaml")
    files = build_news(large, name)
    for lang in sorted({f.split(".")[1] for f in files}):
        body = files[f"news.{lang}.fragment.html"]
        for tag, attrs in Tags(body).elements:
            assert tag in WORDPRESS and tag in DRUPAL_BASIC, tag
            assert not {"class", "style"} & set(attrs), (tag, attrs)
            assert set(attrs) <= WORDPRESS[tag] & DRUPAL_BASIC[tag], (tag, attrs)
        for element in re.findall(r"<(p|li|h[2-4])>(.*?)</\1>", body, re.DOTALL):
            assert "\n" not in element[1], element
        for allowed in (WORDPRESS, DRUPAL_BASIC):
            assert Page(stripped(body, allowed)).text == Page(body).text
        # what a filter does is seen in the test itself: a tag outside the lists goes, its text stays in place
        assert stripped("<p>a <time>b</time> c</p>", DRUPAL_BASIC) == "<p>a b c</p>"


def test_news_json_matches_its_schema(large):
    schema = json.loads((BUILTIN_TEMPLATES / "news" / news.SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    with_base_url(large)
    shutil.copy(FIXTURES / "every-field.yaml", large.root / "content" / "every-field.yaml")
    assert large.run("build") == 0
    checked = 0
    for path in sorted(large.output.glob("*/news.*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], f"{path.name}: {errors}"
        assert all(d["size"] == (path.parent / d["url"].rsplit("/", 1)[1]).stat().st_size for d in data["downloads"])
        checked += 1
    assert checked == 4  # the example, the larger meeting, and every-field in two languages
    data = json.loads((large.output / "large-meeting" / "news.nl.json").read_text())
    assert data["title"] == "Wat maakt een partnerschap duurzaam?" and data["slug"] == "wat-maakt-een-partnerschap-duurzaam"
    assert data["canonical_url"] == data["open_graph"]["og:url"] == BASE + "large-meeting/news.nl.html"
    broken = dict(data, summary=None)
    assert list(validator.iter_errors(broken)), "the schema refuses what a CMS could not use"


# ------------------------------------------------------------------ written but never shown


def test_a_text_no_output_shows_is_not_asked_for(large):
    """Dutch titles and headings of small groups appear nowhere with the default outputs (the Dutch news item
    shows them as prose): they need not be written. In a large group the news item shows them: then they must."""
    example = large.add_example(edit=lambda t: t.replace("          nl: Tijd en capaciteit\n", ""))
    assert load_all(large.project, [example])
    text = (FIXTURES / LARGE).read_text(encoding="utf-8").replace("nl: Kortlopende financiering, ", "")
    path = large.add(LARGE, text)
    with pytest.raises(ContentError) as caught:
        load_all(large.project, [path])
    assert [p.field for p in caught.value.problems] == ["findings.challenges.items[0].title"]
    # with a Dutch report, the report shows the title: asked for again
    large.add_example(edit=lambda t: t.replace("          nl: Tijd en capaciteit\n", "") + "outputs:\n  report: [en, nl]\n")
    with pytest.raises(ContentError, match=r"findings\.challenges\.items\[0\]\.title: Dutch text missing"):
        load_all(large.project, [example])


def test_an_edit_that_changes_the_report_updates_the_sizes_the_news_item_gives(large, capsys):
    assert large.run("build", "content/2017-sp-5.yaml") == 0
    folder = large.output / "2017-sp-5"
    before = json.loads((folder / "news.nl.json").read_text())["downloads"][0]["size"]
    # an English text only: the Dutch news item reads none of it, but it gives the report's size
    large.add_example(edit=lambda t: t.replace("their effectiveness will increase",
                                               "their effectiveness will increase a great deal, it was said"))
    capsys.readouterr()
    assert large.run("build", "content/2017-sp-5.yaml") == 0
    out = capsys.readouterr().out
    assert "wrote output/2017-sp-5/report.en.pdf" in out and "wrote output/2017-sp-5/news.nl.json" in out
    data = json.loads((folder / "news.nl.json").read_text())
    assert data["downloads"][0]["size"] == (folder / "report.en.pdf").stat().st_size != before
    assert large.run("build", "content/2017-sp-5.yaml") == 0
    assert "unchanged, skipped: 2017-sp-5/*" in capsys.readouterr().out
    # a Dutch text only: the news item alone is made again, and still gives the sizes of the files left as they were
    large.add_example(edit=lambda t: t.replace("their effectiveness will increase",
                                               "their effectiveness will increase a great deal, it was said")
                      .replace("Maar klopt deze aanname?", "Maar klopt die aanname?"))
    assert large.run("build", "content/2017-sp-5.yaml") == 0
    out = capsys.readouterr().out
    assert "wrote output/2017-sp-5/news.nl.json" in out and "report.en.pdf" not in out
    assert json.loads((folder / "news.nl.json").read_text())["downloads"] == data["downloads"]
