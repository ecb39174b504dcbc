"""Property tests on the built files: hostile text in any field → a PDF that embeds nothing, a deck that opens.

Rendering a PDF takes about half a second, so these tests call the renderers
in-process (each output's `render(job)`, no worker pool) and run few
examples by default. For a longer run set MEETINGPRESS_HYPOTHESIS_SCALE, e.g.
`MEETINGPRESS_HYPOTHESIS_SCALE=20 python -m pytest tests/test_properties*.py`
(twenty times as many examples per test, here and in test_properties.py).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from conftest import copy_series
from hypothesis import Phase, assume, given
from hypothesis import strategies as st
from lxml import etree
from test_properties import HOSTILE, LINES, TEXT_LINE, TEXT_LINES, settings_for, yaml_string

from meetingpress import registry
from meetingpress.build.plan import jobs
from meetingpress.errors import ContentError
from meetingpress.project import Project
from meetingpress.translation.ready import load_all

# What could make WeasyPrint attach or fetch a file, or a viewer run or open something.
PDF_HOSTILE = [
    '<a rel="attachment" href="m.yaml">a</a>', '<link rel="attachment" href="/etc/passwd">',
    "[a](m.yaml)", "[a](../../../../etc/passwd)", "[a](file:///etc/passwd)", "[a](//example.org/x)",
    "[a](#top)", "[a](https://example.org/\"/><script>)", "[a](mailto:a@example.org?body=<x>)",
    "![i](/etc/passwd)", "<object data=x>", "<embed src=x>", "<iframe src=x>", "url(file:///etc/passwd)",
    "@import 'x.css';", "</style><style>", "]]>", "<?xpacket end='w'?>", "<rdf:li>", "&#0;", "%PDF-1.7",
    "/JavaScript", "/Launch", "(", ")", "\\(", "/S /Launch", "\u2028", "\u00a0", "\U0001f600", "\u0301",
]
BASE_URLS = [None, "https://example.org/meetings/", "https://example.org/a%20b/\"x\"/<y>/", "mailto:a@example.org?x="]

# Control characters are refused at load time (tested in test_properties.py), and characters the report's font
# lacks are content errors: both left out of the random text (not of HOSTILE) so most examples render.
printable = st.text(st.characters(max_codepoint=0x24F, blacklist_categories=("Cc", "Cs")), max_size=8)
field_text = st.lists(st.sampled_from(PDF_HOSTILE + HOSTILE) | printable, min_size=1, max_size=4).map("".join)
replacements = st.lists(st.tuples(st.sampled_from(TEXT_LINES), field_text), min_size=1, max_size=8)
PHASES = [phase for phase in Phase if phase is not Phase.explain]  # explaining a failure re-renders hundreds of times


def meeting_source(changes, base_url: str | None) -> str:
    lines = list(LINES)
    for index, text in changes:
        prefix = TEXT_LINE.match(lines[index]).group(1)
        lines[index] = prefix + yaml_string(text) + "\n"
    if base_url is not None:
        number = next(i for i, line in enumerate(lines) if line.startswith("number:"))
        lines.insert(number + 1, f"base_url: {yaml_string(base_url)}\n")
    return "".join(lines)


def render(source: str, wanted: str, problems: list | None = None) -> dict[str, bytes] | None:
    """Every file the `wanted` renderer makes of this meeting, or None when the meeting has content errors.

    A renderer may itself find a content error (a character the report's font cannot show): then every problem
    must point at a field of the meeting file, like the errors found while loading.
    """
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content").mkdir()
        copy_series(root)
        path = root / "content" / "m.yaml"
        path.write_text(source, encoding="utf-8")
        project = Project(root)
        try:
            (item,) = load_all(project, [path])
        except ContentError as exc:
            if problems is not None:
                problems.extend(exc.problems)
            return None
        produced: dict[str, bytes] = {}
        try:
            for name, job in jobs(project, item):
                if name == wanted:
                    produced.update(registry.function(registry.get(name).render)(job))
        except ContentError as exc:
            for problem in exc.problems:
                assert re.match(r"content/m\.yaml:([2-9]|\d\d+):\d+: [a-z]", str(problem)), str(problem)
            if problems is not None:
                problems.extend(exc.problems)
            return None
        return produced


# Actions that run code, open or import a file, or send data; a report needs only /GoTo and /URI.
FORBIDDEN_ACTIONS = {"/Launch", "/JavaScript", "/ImportData", "/SubmitForm", "/ResetForm", "/GoToE", "/GoToR",
                     "/Rendition", "/Movie", "/Sound", "/RichMediaExecute", "/Hide", "/Named"}
FORBIDDEN_SUBTYPES = {"/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D", "/Widget"}
SAFE_URI = re.compile(r"^(https?:|mailto:|[^:]*$)", re.IGNORECASE)


def direct(value) -> bool:
    return isinstance(value, pikepdf.Object) and not value.is_indirect


def dictionaries(pdf: pikepdf.Pdf):
    """Every dictionary in the file: the indirect objects and the direct dictionaries inside them."""

    def inner(obj):
        if isinstance(obj, pikepdf.Stream):
            yield obj.stream_dict
            yield from (x for value in obj.stream_dict.values() for x in inner(value))
        elif isinstance(obj, pikepdf.Dictionary):
            yield obj
            yield from (x for value in obj.values() if direct(value) for x in inner(value))
        elif isinstance(obj, pikepdf.Array):
            yield from (x for value in obj if direct(value) for x in inner(value))

    for obj in pdf.objects:
        yield from inner(obj)


def assert_pdf_embeds_nothing(data: bytes) -> None:
    with pikepdf.open(BytesIO(data)) as pdf:
        names = pdf.Root.get("/Names", pikepdf.Dictionary())
        assert "/EmbeddedFiles" not in names and "/JavaScript" not in names, names.keys()
        assert not pdf.attachments
        for key in ("/OpenAction", "/AA", "/AcroForm"):
            assert key not in pdf.Root, key
        for d in dictionaries(pdf):
            assert d.get("/Type") not in ("/EmbeddedFile", "/Filespec", "/EmbeddedFiles"), d.get("/Type")
            assert d.get("/Subtype") not in FORBIDDEN_SUBTYPES, d.get("/Subtype")
            assert d.get("/S") not in FORBIDDEN_ACTIONS, d.get("/S")
            for key in ("/EF", "/JS", "/AA", "/Launch"):
                assert key not in d, key
            if d.get("/S") == "/URI":
                assert SAFE_URI.match(str(d.get("/URI"))), d.get("/URI")
        pdf.open_metadata()  # the XMP packet (title, authors, keywords from the text) is well-formed XML


DECK_XML = re.compile(r"\.(xml|rels)$")


def assert_deck_opens(data: bytes) -> None:
    from pptx import Presentation

    with zipfile.ZipFile(BytesIO(data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert len(names) == len(set(names)), names
        charts = [n for n in names if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
        embedded = [n for n in names if n.startswith("ppt/embeddings/")]
        # the one embedded kind a deck may hold: one workbook per poll chart, for its numbers
        assert len(embedded) == len(charts) and all(re.fullmatch(r"ppt/embeddings/[\w.]+\.xlsx", n) for n in embedded)
        assert not [n for n in names if n.startswith("ppt/activeX/") or "vbaProject" in n or n.endswith(".bin")]
        slides = [n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        assert slides
        for name in names:
            if DECK_XML.search(name):
                tree = etree.fromstring(archive.read(name))
                for rel in tree.iter("{*}Relationship"):
                    if rel.get("TargetMode") == "External":
                        assert SAFE_URI.match(rel.get("Target", "")), (name, rel.get("Target"))
        content_types = archive.read("[Content_Types].xml").decode("utf-8")
        assert "macroEnabled" not in content_types
    deck = Presentation(BytesIO(data))
    assert len(deck.slides) == len(slides)
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                assert isinstance(shape.text_frame.text, str)
        if slide.has_notes_slide:
            assert isinstance(slide.notes_slide.notes_text_frame.text, str)


@given(replacements, st.sampled_from(BASE_URLS))
@settings_for(10, phases=PHASES)
def test_hostile_text_never_makes_the_pdf_embed_or_run_anything(changes, base_url):
    files = render(meeting_source(changes, base_url), "report")
    assume(files is not None)
    assert list(files) == ["report.en.pdf"]
    assert_pdf_embeds_nothing(files["report.en.pdf"])


@given(replacements, st.sampled_from(BASE_URLS))
@settings_for(15, phases=PHASES)
def test_hostile_text_never_breaks_the_deck(changes, base_url):
    files = render(meeting_source(changes, base_url), "slides")
    assume(files is not None)
    assert list(files) == ["slides.en.pptx"]
    assert_deck_opens(files["slides.en.pptx"])


def test_the_checks_find_what_they_look_for():
    """The PDF check refuses an attachment and a launch action; the deck check refuses a broken slide."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.attachments["m.yaml"] = pikepdf.AttachedFileSpec(pdf, b"secret", mime_type="text/plain")
    attached = BytesIO()
    pdf.save(attached)
    with pytest.raises(AssertionError, match="EmbeddedFiles"):
        assert_pdf_embeds_nothing(attached.getvalue())

    pdf = pikepdf.new()
    pdf.add_blank_page()
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10], A=launch))]))
    launched = BytesIO()
    pdf.save(launched)
    with pytest.raises(AssertionError, match="Launch"):
        assert_pdf_embeds_nothing(launched.getvalue())

    good = render("".join(LINES), "slides")["slides.en.pptx"]
    assert_deck_opens(good)
    broken = BytesIO()
    with zipfile.ZipFile(BytesIO(good)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename == "ppt/slides/slide1.xml" else data)
    with pytest.raises(etree.XMLSyntaxError):
        assert_deck_opens(broken.getvalue())


RESOURCE = """resources:
  - title: {nl: "Zie [dit](https://example.org/a)", en: "See [this](https://example.org/a)"}
    url: https://example.org/b
"""
NESTED_LINK = re.compile(r"<a\b(?:(?!</a>).)*<a\b", re.DOTALL)


def test_what_the_properties_found():
    """A link inside a title that is itself a link (a contents entry, a resource) builds, unnested; text the report
    cannot show (a character its font lacks, a link to no anchor) is an error at its field's line."""
    example = "".join(LINES)
    linked = example.replace("en: Time and capacity", "en: Time and [capacity](https://example.org/c)") + RESOURCE
    assert_pdf_embeds_nothing(render(linked, "report")["report.en.pdf"])
    for name, html in render(linked, "news").items():
        if name.endswith(".html"):
            assert "https://example.org/b" in html.decode() and not NESTED_LINK.search(html.decode())

    problems: list = []  # a character the font lacks: found while loading, before anything is rendered
    assert render(example.replace("en: Time and capacity", "en: Time 龦 and capacity"), "report", problems) is None
    (problem,) = problems
    assert (problem.field, problem.location.line) == ("findings.challenges.items[0].title.en",
                                                      LINES.index("          en: Time and capacity\n") + 1)
    assert "“龦” (U+9FA6 CJK UNIFIED IDEOGRAPH-9FA6)" in problem.message
    problems = []  # a link to no anchor: found by WeasyPrint
    assert render(example.replace("en: we arrived at", "en: we [arrived](#nowhere) at"), "report", problems) is None
    (problem,) = problems
    assert (problem.field, problem.location.line) == (
        "outcome.en", next(i for i, x in enumerate(LINES) if "en: we arrived at" in x) + 1)
    assert "`#nowhere`" in problem.message
